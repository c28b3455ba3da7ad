// AgentClient against the real webjobs-agent over loopback HTTP: every call, its mapping of
// answers to ServiceError, conditional lists, paged history, ranged log reads, and the event
// stream with its reconnection after the agent restarts.

#include "core/api/client/AgentClient.h"
#include "tests/support/AgentProcess.h"

#include <QFile>
#include <QFutureWatcher>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace WebJobs;
using namespace WebJobs::Test;

namespace {

// Waits for a future of the client (it finishes in this thread's event loop).
template <typename T>
T await(QFuture<T> future)
{
    QFutureWatcher<T> watcher;
    QSignalSpy finished(&watcher, &QFutureWatcher<T>::finished);
    watcher.setFuture(future);
    if (!future.isFinished())
        finished.wait(60000);
    return future.result();
}

} // namespace

class TestAgentClient : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void cleanupTestCase();

    void agentInfoOfASingleAgent();
    void agentInfoOfAClusterIsReadTolerantly();
    void jobsLifecycle();
    void conditionalList();
    void uploadsWithAccentedNames();
    void errorsMapToServiceErrors();
    void historyPagesAndRuns();
    void abortAndContinuousControl();
    void readRanges();
    void wrongPassword();
    void unreachableAgent();
    void followsChangesAcrossARestart();

private:
    QString writeFile(const QString& name, const QByteArray& content);

    AgentProcess m_agent;
    std::unique_ptr<AgentClient> m_client;
    QTemporaryDir m_temp;
};

void TestAgentClient::initTestCase()
{
    QVERIFY2(m_agent.start(), qPrintable(m_agent.failure()));
    m_client = std::make_unique<AgentClient>(
        QUrl(m_agent.baseUrl()), QString::fromLatin1(AgentProcess::User), QString::fromUtf8(AgentProcess::Password));
}

void TestAgentClient::cleanup()
{
    const ClientResult<QList<Job>> jobs = await(m_client->jobs());
    for (const Job& job : jobs.value)
        await(m_client->deleteJob(job.type(), job.name()));
}

void TestAgentClient::cleanupTestCase()
{
    m_client.reset();
    QCOMPARE(m_agent.terminate(), 0);
}

QString TestAgentClient::writeFile(const QString& name, const QByteArray& content)
{
    QFile file(m_temp.filePath(name));
    file.open(QIODevice::WriteOnly);
    file.write(content);
    return file.fileName();
}

void TestAgentClient::agentInfoOfASingleAgent()
{
    const ClientResult<std::optional<AgentClient::AgentInfo>> info = await(m_client->agentInfo());
    QVERIFY2(info.ok(), qPrintable(info.error.message));
    QVERIFY(info.value);
    QCOMPARE(info.value->name, u"webjobs-agent"_s);
    QCOMPARE(info.value->instance, m_agent.instance());
    QVERIFY(!info.value->eventsCursor.isEmpty());
    // One agent on SQLite is no cluster: no instances, no database state.
    QVERIFY(!info.value->clustered);
    QVERIFY(info.value->instances.isEmpty());
    QVERIFY(info.value->database.isEmpty());
}

void TestAgentClient::agentInfoOfAClusterIsReadTolerantly()
{
    // As an agent on PostgreSQL writes it (TestClusterConsole reads real ones), with an entry
    // without an id, which is left out, and a state it does not know, which is not live.
    const QByteArray body = R"({"name":"webjobs-agent","version":"1.0","instance":"a1b2c3","events_cursor":"7",
        "instances":[
            {"instance":"a1b2c3","host_name":"web-1","pid":4242,"started":"2026-12-07T10:00:00Z",
             "heartbeat":"2026-12-07T10:05:02.5Z","state":"live"},
            {"instance":"d4e5f6","host_name":"web-2","pid":77,"started":"2026-12-07T09:00:00Z",
             "heartbeat":"2026-12-07T10:04:40Z","state":"unresponsive"},
            {"host_name":"nameless"},
            {"instance":"g7h8i9","state":"resting"}],
        "database":"connected"})";
    const std::optional<AgentClient::AgentInfo> info = AgentClient::parseAgentInfo(body);
    QVERIFY(info);
    QVERIFY(info->clustered);
    QCOMPARE(info->database, u"connected"_s);
    QCOMPARE(info->instances.size(), 3);
    const AgentClient::Instance& first = info->instances.at(0);
    QCOMPARE(first.instance, u"a1b2c3"_s);
    QCOMPARE(first.hostName, u"web-1"_s);
    QCOMPARE(first.pid, qint64(4242));
    QCOMPARE(first.started, *Instant::parse(u"2026-12-07T10:00:00Z"));
    QCOMPARE(first.heartbeat, *Instant::parse(u"2026-12-07T10:05:02.5Z"));
    QVERIFY(first.live);
    QVERIFY(!info->instances.at(1).live);
    QVERIFY(!info->instances.at(2).live);
    QVERIFY(info->instances.at(2).heartbeat.isNull());

    // The database's sentence when it cannot be reached; instances that are not a list are none.
    const std::optional<AgentClient::AgentInfo> cut = AgentClient::parseAgentInfo(
        R"({"name":"webjobs-agent","instance":"a1b2c3","instances":{},"database":"could not connect to server"})");
    QVERIFY(cut && cut->clustered);
    QVERIFY(cut->instances.isEmpty());
    QCOMPARE(cut->database, u"could not connect to server"_s);
    // Anything else is not our agent.
    QVERIFY(!AgentClient::parseAgentInfo("<html>Kudu</html>"));
    QVERIFY(!AgentClient::parseAgentInfo(R"({"name":"other"})"));
}

void TestAgentClient::jobsLifecycle()
{
    const ClientResult<Job> created = await(
        m_client->upload(JobType::Triggered, u"client-job"_s, writeFile(u"run.sh"_s, script("echo hi")), false));
    QVERIFY2(created.ok(), qPrintable(created.error.message));
    QCOMPARE(created.value.name(), u"client-job"_s);
    QCOMPARE(created.value.runCommand(), u"run.sh"_s);

    const ClientResult<std::optional<Job>> got = await(m_client->job(JobType::Triggered, u"client-job"_s));
    QVERIFY(got.ok() && got.value);
    QCOMPARE(got.value->url(), m_agent.baseUrl() + u"/api/triggeredwebjobs/client-job"_s);
    const ClientResult<std::optional<Job>> missing = await(m_client->job(JobType::Triggered, u"nope"_s));
    QVERIFY(missing.ok());
    QVERIFY(!missing.value);

    JobSettings settings;
    settings.setValue(u"mysetting"_s, u"myvalue"_s);
    QVERIFY(await(m_client->setSettings(JobType::Triggered, u"client-job"_s, settings)).ok());
    QCOMPARE(await(m_client->settings(JobType::Triggered, u"client-job"_s)).value, settings);

    const ClientResult<QList<Job>> list = await(m_client->jobs());
    QCOMPARE(list.value.size(), 1);
    QVERIFY(!list.etag.isEmpty());

    QVERIFY(await(m_client->deleteJob(JobType::Triggered, u"client-job"_s)).ok());
    QVERIFY(await(m_client->deleteJob(JobType::Triggered, u"client-job"_s)).ok()); // unknown: still fine
    QCOMPARE(await(m_client->jobs()).value.size(), 0);
}

void TestAgentClient::conditionalList()
{
    QVERIFY(await(m_client->upload(JobType::Triggered, u"cond"_s, writeFile(u"run.sh"_s, script("echo")), false)).ok());
    const ClientResult<QList<Job>> first = await(m_client->jobs(JobType::Triggered));
    const ClientResult<QList<Job>> same = await(m_client->jobs(JobType::Triggered, first.etag));
    QVERIFY(same.ok());
    QCOMPARE(same.status, 304);
    QVERIFY(same.value.isEmpty());
    QCOMPARE(same.etag, first.etag);
    QVERIFY(
        await(m_client->upload(JobType::Triggered, u"cond2"_s, writeFile(u"run.sh"_s, script("echo")), false)).ok());
    const ClientResult<QList<Job>> changed = await(m_client->jobs(JobType::Triggered, first.etag));
    QCOMPARE(changed.status, 200);
    QCOMPARE(changed.value.size(), 2);
}

void TestAgentClient::uploadsWithAccentedNames()
{
    const QString path = writeFile(u"tâche àéè.sh"_s, script("echo accents"));
    const ClientResult<Job> created = await(m_client->upload(JobType::Triggered, u"accents"_s, path, false));
    QVERIFY2(created.ok(), qPrintable(created.error.message));
    QCOMPARE(created.value.runCommand(), u"tâche àéè.sh"_s);
}

void TestAgentClient::errorsMapToServiceErrors()
{
    const ClientResult<Job> noScript
        = await(m_client->upload(JobType::Triggered, u"bad"_s, writeFile(u"notes.txt"_s, "text"), false));
    QCOMPARE(noScript.error.code, ServiceError::Code::BadRequest);
    QVERIFY2(
        noScript.error.message.startsWith(u"No runnable script file was found"_s), qPrintable(noScript.error.message));

    const ClientResult<QString> unknownRun = await(m_client->triggerRun(u"nope"_s));
    QCOMPARE(unknownRun.error.code, ServiceError::Code::NotFound);
    QCOMPARE(unknownRun.status, 404);

    QVERIFY(await(m_client->upload(JobType::Triggered, u"busy"_s, writeFile(u"run.sh"_s, script("sleep 600")), false))
                .ok());
    const ClientResult<QString> first = await(m_client->triggerRun(u"busy"_s));
    QVERIFY(first.ok());
    const ClientResult<QString> second = await(m_client->triggerRun(u"busy"_s));
    QCOMPARE(second.error.code, ServiceError::Code::Conflict);
    QCOMPARE(second.error.message, u"Cannot start a new run since job is already running."_s);

    JobSettings bad;
    bad.setSchedule(u"whenever"_s);
    const ClientResult<bool> settings = await(m_client->setSettings(JobType::Triggered, u"busy"_s, bad));
    QCOMPARE(settings.error.code, ServiceError::Code::BadRequest);
    QVERIFY(!settings.error.message.isEmpty());
    QCOMPARE(await(m_client->startContinuous(u"nope"_s)).error.code, ServiceError::Code::NotFound);
    QVERIFY(await(m_client->abortRun(u"busy"_s, first.value)).ok());
}

void TestAgentClient::historyPagesAndRuns()
{
    QVERIFY(await(m_client->upload(JobType::Triggered, u"hist"_s, writeFile(u"run.sh"_s, script("echo \"$1\"")), false))
                .ok());
    // Never run: an empty history, not an error.
    const ClientResult<AgentClient::History> empty = await(m_client->history(u"hist"_s));
    QVERIFY(empty.ok());
    QCOMPARE(empty.value.total, 0);

    QStringList ids;
    for (int i = 0; i < 3; ++i) {
        const ClientResult<QString> started = await(m_client->triggerRun(u"hist"_s, u"arg %1"_s.arg(i)));
        QVERIFY2(started.ok(), qPrintable(started.error.message));
        ids.prepend(started.value);
        const HttpResponse done = m_agent.waitFor(u"/api/triggeredwebjobs/hist/history/"_s + started.value,
            [](const HttpResponse& r) { return r.json().value(u"status"_s).toString() == u"Success"; });
        QCOMPARE(done.json().value(u"status"_s).toString(), u"Success"_s);
    }
    const ClientResult<AgentClient::History> page = await(m_client->history(u"hist"_s, 1, 1));
    QVERIFY(page.ok());
    QCOMPARE(page.value.total, 3);
    QCOMPARE(page.value.runs.size(), 1);
    QCOMPARE(page.value.runs.first().id(), ids.at(1));
    const ClientResult<AgentClient::History> all = await(m_client->history(u"hist"_s));
    QCOMPARE(all.value.runs.size(), 3);
    QCOMPARE(all.value.runs.first().id(), ids.first());

    const ClientResult<std::optional<JobRun>> run = await(m_client->run(u"hist"_s, ids.first()));
    QVERIFY(run.ok() && run.value);
    QCOMPARE(run.value->status(), JobStatus::Success);
    QCOMPARE(run.value->arguments(), u"arg 2"_s);
    const ClientResult<std::optional<JobRun>> none = await(m_client->run(u"hist"_s, u"202001010000000000"_s));
    QVERIFY(none.ok());
    QVERIFY(!none.value);
}

void TestAgentClient::abortAndContinuousControl()
{
    QVERIFY(await(
        m_client->upload(JobType::Continuous, u"worker"_s, writeFile(u"run.sh"_s, script("exec sleep 600")), false))
                .ok());
    QVERIFY(await(m_client->stopContinuous(u"worker"_s)).ok());
    const HttpResponse stopped = m_agent.waitFor(u"/api/continuouswebjobs/worker"_s,
        [](const HttpResponse& r) { return r.json().value(u"status"_s).toString() == u"Stopped"; });
    QCOMPARE(stopped.json().value(u"status"_s).toString(), u"Stopped"_s);
    QVERIFY(await(m_client->startContinuous(u"worker"_s)).ok());
    const HttpResponse running = m_agent.waitFor(u"/api/continuouswebjobs/worker"_s,
        [](const HttpResponse& r) { return r.json().value(u"status"_s).toString() == u"Running"; });
    QCOMPARE(running.json().value(u"status"_s).toString(), u"Running"_s);

    QVERIFY(await(m_client->upload(JobType::Triggered, u"long"_s, writeFile(u"run.sh"_s, script("sleep 600")), false))
                .ok());
    const QString runId = await(m_client->triggerRun(u"long"_s)).value;
    QVERIFY(await(m_client->abortRun(u"long"_s, runId, u"from the client"_s)).ok());
    const HttpResponse aborted = m_agent.waitFor(u"/api/triggeredwebjobs/long/history/"_s + runId,
        [](const HttpResponse& r) { return r.json().value(u"status"_s).toString() == u"Aborted"; });
    QCOMPARE(aborted.json().value(u"abort_reason"_s).toString(), u"from the client"_s);
    QCOMPARE(await(m_client->abortRun(u"long"_s, runId)).error.code, ServiceError::Code::Conflict);
}

void TestAgentClient::readRanges()
{
    QVERIFY(await(
        m_client->upload(JobType::Triggered, u"log"_s,
            writeFile(u"run.sh"_s, script("i=0; while [ $i -lt 200 ]; do echo line $i; i=$((i+1)); done")), false))
                .ok());
    const QString runId = await(m_client->triggerRun(u"log"_s)).value;
    const HttpResponse done = m_agent.waitFor(u"/api/triggeredwebjobs/log/history/"_s + runId,
        [](const HttpResponse& r) { return r.json().value(u"status"_s).toString() == u"Success"; });
    const QUrl output(done.json().value(u"output_url"_s).toString());
    const QByteArray whole = m_agent.get(output.path()).body;
    QVERIFY(whole.size() > 1000);

    QCOMPARE(await(m_client->readRange(output, 0, 100)).value, whole.left(100));
    QCOMPARE(await(m_client->readRange(output, 500, 100)).value, whole.mid(500, 100));
    QCOMPARE(await(m_client->readRange(output, whole.size() - 10, 100)).value, whole.right(10));
    const ClientResult<QByteArray> past = await(m_client->readRange(output, whole.size(), 100));
    QVERIFY(past.ok());
    QVERIFY(past.value.isEmpty());
}

void TestAgentClient::wrongPassword()
{
    AgentClient client(QUrl(m_agent.baseUrl()), QString::fromLatin1(AgentProcess::User), u"wrong"_s);
    const ClientResult<QList<Job>> jobs = await(client.jobs());
    QCOMPARE(jobs.status, 401);
    QCOMPARE(jobs.error.code, ServiceError::Code::Internal);
    QVERIFY(jobs.error.message.contains(u"password"_s));
}

void TestAgentClient::unreachableAgent()
{
    QTcpServer closed;
    QVERIFY(closed.listen(QHostAddress::LocalHost));
    const quint16 port = closed.serverPort();
    closed.close();
    AgentClient client(QUrl(u"http://127.0.0.1:%1"_s.arg(port)), {}, {});
    const ClientResult<QList<Job>> jobs = await(client.jobs());
    QCOMPARE(jobs.status, 0);
    QCOMPARE(jobs.error.code, ServiceError::Code::Internal);
    QVERIFY2(jobs.error.message.contains(u"refused the connection"_s), qPrintable(jobs.error.message));
}

void TestAgentClient::followsChangesAcrossARestart()
{
    // Its own agent: this test restarts it.
    AgentProcess agent;
    QVERIFY2(agent.start(), qPrintable(agent.failure()));
    AgentClient client(
        QUrl(agent.baseUrl()), QString::fromLatin1(AgentProcess::User), QString::fromUtf8(AgentProcess::Password));
    QSignalSpy events(&client, &AgentClient::eventReceived);
    QSignalSpy following(&client, &AgentClient::followingChanged);
    QSignalSpy reset(&client, &AgentClient::resetNeeded);
    client.followChanges();
    QVERIFY(following.wait(10000));
    QCOMPARE(following.last().first().toBool(), true);

    QVERIFY(
        await(client.upload(JobType::Triggered, u"followed"_s, writeFile(u"run.sh"_s, script("echo")), false)).ok());
    QTRY_VERIFY_WITH_TIMEOUT(!events.isEmpty(), 10000);
    const ClientEvent added = events.first().first().value<ClientEvent>();
    QCOMPARE(added.kind, u"jobAdded"_s);
    QCOMPARE(added.name, u"followed"_s);
    QVERIFY(await(client.triggerRun(u"followed"_s)).ok());
    QTRY_VERIFY_WITH_TIMEOUT(std::any_of(events.begin(), events.end(),
                                 [](const QList<QVariant>& args) {
                                     const ClientEvent event = args.first().value<ClientEvent>();
                                     return event.kind == u"runFinished" && event.run
                                         && event.run->status() == JobStatus::Success;
                                 }),
        10000);

    // The agent stops, then comes back on the same address and data.
    QCOMPARE(agent.terminate(), 0);
    QTRY_VERIFY_WITH_TIMEOUT(!following.last().first().toBool(), 10000);
    AgentProcess again;
    AgentProcess::Options options;
    options.dataRoot = agent.dataRoot();
    options.arguments = {u"--listen"_s, u"127.0.0.1:"_s + QString::number(agent.port())};
    QVERIFY2(again.start(options), qPrintable(again.failure()));
    // Reconnected with the old Last-Event-ID, which belongs to the previous life: reset.
    QVERIFY(reset.wait(15000));
    QCOMPARE(following.last().first().toBool(), true);
    client.stopFollowing();
    QCOMPARE(again.terminate(), 0);
}

QTEST_GUILESS_MAIN(TestAgentClient)
#include "TestAgentClient.moc"
