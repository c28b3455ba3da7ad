#include "core/host/ContinuousJobRunner.h"
#include "core/host/ImportOperation.h"
#include "core/host/JobHost.h"
#include "core/host/ProcessReaper.h"
#include "core/store/JobStore.h"
#include "core/util/FileUtil.h"
#include "tests/cluster/ClusterDatabase.h"
#include "tests/cluster/TcpProxy.h"
#include "tests/support/AgentProcess.h"
#include "tests/support/HookReceiver.h"
#include "tests/support/LogCapture.h"
#include "tests/support/ReadOnlyStore.h"
#include "tests/support/ZipBuilder.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QUrl>
#include <QUrlQuery>

#include <atomic>
#include <functional>
#include <memory>

using namespace Qt::StringLiterals;
using namespace WebJobs;
using namespace WebJobs::Test;

namespace {

bool statusIs(const HttpResponse& response, const QString& status)
{
    return response.status == 200 && response.json().value(u"status"_s).toString() == status;
}

// Uploads a triggered job whose run.sh is `body` through `to`, and waits until each of `others`
// serves it too.
bool uploadScript(
    AgentProcess& to, const QString& job, const QByteArray& body, std::initializer_list<AgentProcess*> others)
{
    const QString path = u"/api/triggeredwebjobs/"_s + job;
    if (to.upload(path, script(body), u"run.sh"_s).status != 200)
        return false;
    for (AgentProcess* other : others) {
        if (other->waitFor(path, [](const HttpResponse& r) { return r.status == 200; }).status != 200)
            return false;
    }
    return true;
}

} // namespace

// Several real agents on loopback ports sharing one PostgreSQL database (issue #15): packages
// reach every instance, each run runs once, any instance answers for any run's log, a killed
// instance's runs are closed and its singleton taken over, and a database outage is survived.
// Needs WEBJOBS_TEST_POSTGRES_URL (scripts/start-test-postgres); each test gets its own schema.
class TestClusterPostgres : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void instancesSeeEachOther();
    void uploadOnOneRunOnAnotherLogFromThird();
    void killedInstanceRunsAreAborted();
    void abortThroughAnotherInstance();
    void singletonIsTakenOver();
    void refusedSingletonClaimIsReported();
    void identicalPackagesReachOthersWhole();
    void databaseOutageIsSurvived();
    void settingsAndStopsReachEveryInstance();
    void runningLogIsReadOnAnotherInstance();
    void continuousLogHoldsEveryInstance();
    void webHooksAreTheSites();
    void runsOfOthersReachTheChangeFeed();
    void databaseServerRestartIsSurvived();

private:
    // A database URL of its own for one test (a new schema), through `port` when given.
    QString newDatabaseUrl(quint16 port = 0) { return m_database.newDatabaseUrl(port); }
    static bool startAgents(std::vector<std::unique_ptr<AgentProcess>>& agents, int count, const QString& url)
    {
        return ClusterDatabase::startAgents(agents, count, url);
    }

    ClusterDatabase m_database {u"webjobs_cluster"_s};
};

void TestClusterPostgres::initTestCase()
{
    WEBJOBS_OPEN_CLUSTER_DATABASE(m_database);
}

void TestClusterPostgres::cleanupTestCase()
{
    m_database.dropSchemas();
}

void TestClusterPostgres::instancesSeeEachOther()
{
    std::vector<std::unique_ptr<AgentProcess>> agents;
    QVERIFY(startAgents(agents, 3, newDatabaseUrl()));
    QSet<QString> ids;
    for (const auto& agent : agents)
        ids.insert(agent->instance());
    QCOMPARE(ids.size(), 3);
    // Every instance lists all three as live.
    for (const auto& agent : agents) {
        const HttpResponse info = agent->waitFor(
            u"/api/agent"_s, [](const HttpResponse& r) { return r.json().value(u"instances"_s).size() == 3; });
        const OrderedJson instances = info.json().value(u"instances"_s);
        QCOMPARE(instances.size(), 3);
        for (int i = 0; i < instances.size(); ++i) {
            const OrderedJson instance = instances.at(i);
            QVERIFY(ids.contains(instance.value(u"instance"_s).toString()));
            QCOMPARE(instance.value(u"state"_s).toString(), u"live"_s);
        }
        QCOMPARE(info.json().value(u"database"_s).toString(), u"connected"_s);
    }
}

void TestClusterPostgres::uploadOnOneRunOnAnotherLogFromThird()
{
    std::vector<std::unique_ptr<AgentProcess>> agents;
    QVERIFY(startAgents(agents, 3, newDatabaseUrl()));
    AgentProcess& a = *agents[0];
    AgentProcess& b = *agents[1];
    AgentProcess& c = *agents[2];

    QCOMPARE(
        a.upload(u"/api/triggeredwebjobs/hello"_s, script("echo \"hello from $WEBJOBS_RUN_ID\"; sleep 2"), u"run.sh"_s)
            .status,
        200);
    // The package reaches the others within a few seconds.
    QElapsedTimer reach;
    reach.start();
    for (AgentProcess* agent : {&b, &c})
        QCOMPARE(agent->waitFor(u"/api/triggeredwebjobs/hello"_s, [](const HttpResponse& r) { return r.status == 200; })
                     .status,
            200);
    QVERIFY2(reach.elapsed() < 10000, qPrintable(QString::number(reach.elapsed())));

    const HttpResponse started = b.request("POST", u"/api/triggeredwebjobs/hello/run"_s);
    QCOMPARE(started.status, 202);
    const QString runId = QString::fromUtf8(started.header("Location")).section(u'/', -1);
    // Already running, whichever instance is asked.
    QCOMPARE(c.request("POST", u"/api/triggeredwebjobs/hello/run"_s).status, 409);
    QCOMPARE(a.request("POST", u"/api/triggeredwebjobs/hello/run"_s).status, 409);

    const HttpResponse finished = c.waitFor(u"/api/triggeredwebjobs/hello/history/"_s + runId,
        [](const HttpResponse& r) { return statusIs(r, u"Success"_s); });
    QCOMPARE(finished.json().value(u"status"_s).toString(), u"Success"_s);
    QCOMPARE(finished.json().value(u"instance"_s).toString(), b.instance());
    const QString outputUrl = finished.json().value(u"output_url"_s).toString();
    QVERIFY2(!outputUrl.isEmpty(), finished.body.constData());
    const HttpResponse output = c.get(QUrl(outputUrl).path());
    QCOMPARE(output.status, 200);
    QVERIFY2(output.body.contains(QByteArray("hello from ").append(runId.toUtf8())), output.body.constData());

    // A delete on one instance removes the job everywhere.
    QCOMPARE(c.request("DELETE", u"/api/triggeredwebjobs/hello"_s).status, 200);
    for (AgentProcess* agent : {&a, &b})
        QCOMPARE(agent->waitFor(u"/api/triggeredwebjobs/hello"_s, [](const HttpResponse& r) { return r.status == 404; })
                     .status,
            404);
}

void TestClusterPostgres::killedInstanceRunsAreAborted()
{
    std::vector<std::unique_ptr<AgentProcess>> agents;
    QVERIFY(startAgents(agents, 2, newDatabaseUrl()));
    AgentProcess& a = *agents[0];
    AgentProcess& b = *agents[1];
    QVERIFY(uploadScript(a, u"long"_s, "echo started; exec sleep 600", {&b}));
    const HttpResponse started = b.request("POST", u"/api/triggeredwebjobs/long/run"_s);
    QCOMPARE(started.status, 202);
    const QString runId = QString::fromUtf8(started.header("Location")).section(u'/', -1);
    QVERIFY(statusIs(a.waitFor(u"/api/triggeredwebjobs/long/history/"_s + runId,
                         [](const HttpResponse& r) { return statusIs(r, u"Running"_s); }),
        u"Running"_s));
    // Let a heartbeat copy the log that is growing.
    QTest::qWait(2500);

    const QString marker = b.marker();
    b.kill();
    QElapsedTimer closing;
    closing.start();
    const HttpResponse aborted = a.waitFor(
        u"/api/triggeredwebjobs/long/history/"_s + runId,
        [](const HttpResponse& r) { return statusIs(r, u"Aborted"_s); }, 20000);
    const qint64 elapsed = closing.elapsed();
    ProcessReaper::killMarked(marker); // the orphaned job, which a restart of b would kill
    QCOMPARE(aborted.json().value(u"status"_s).toString(), u"Aborted"_s);
    QVERIFY2(elapsed <= 15000, qPrintable(u"closed after %1 ms"_s.arg(elapsed)));
    QVERIFY2(aborted.json().value(u"abort_reason"_s).toString().contains(b.instance()), aborted.body.constData());
    qInfo("run of the killed instance closed as Aborted after %lld ms", elapsed);
    // Its log outlived it.
    const HttpResponse output = a.get(QUrl(aborted.json().value(u"output_url"_s).toString()).path());
    QCOMPARE(output.status, 200);
    QVERIFY2(output.body.contains("started"), output.body.constData());
    QVERIFY2(output.body.contains("stopped responding"), output.body.constData());
    // And a's list of instances drops it.
    const HttpResponse info
        = a.waitFor(u"/api/agent"_s, [](const HttpResponse& r) { return r.json().value(u"instances"_s).size() == 1; });
    QCOMPARE(info.json().value(u"instances"_s).size(), 1);
    // The job runs again, on the survivor.
    QCOMPARE(a.request("POST", u"/api/triggeredwebjobs/long/run"_s).status, 202);
}

void TestClusterPostgres::abortThroughAnotherInstance()
{
    std::vector<std::unique_ptr<AgentProcess>> agents;
    QVERIFY(startAgents(agents, 2, newDatabaseUrl()));
    AgentProcess& a = *agents[0];
    AgentProcess& b = *agents[1];
    QVERIFY(uploadScript(a, u"long"_s, "exec sleep 600", {&b}));
    const HttpResponse started = a.request("POST", u"/api/triggeredwebjobs/long/run"_s);
    QCOMPARE(started.status, 202);
    const QString runId = QString::fromUtf8(started.header("Location")).section(u'/', -1);
    QVERIFY(statusIs(a.waitFor(u"/api/triggeredwebjobs/long/history/"_s + runId,
                         [](const HttpResponse& r) { return statusIs(r, u"Running"_s); }),
        u"Running"_s));
    const HttpResponse abort
        = b.request("POST", u"/api/triggeredwebjobs/long/history/%1/abort?reason=enough"_s.arg(runId));
    QVERIFY2(abort.status / 100 == 2, abort.body.constData());
    const HttpResponse aborted = b.waitFor(
        u"/api/triggeredwebjobs/long/history/"_s + runId,
        [](const HttpResponse& r) { return statusIs(r, u"Aborted"_s); }, 15000);
    QCOMPARE(aborted.json().value(u"status"_s).toString(), u"Aborted"_s);
    QCOMPARE(aborted.json().value(u"instance"_s).toString(), a.instance());
    QCOMPARE(ProcessReaper::countMarked(a.marker()), 0);
}

void TestClusterPostgres::singletonIsTakenOver()
{
    std::vector<std::unique_ptr<AgentProcess>> agents;
    QVERIFY(startAgents(agents, 3, newDatabaseUrl()));
    QTemporaryDir temp;
    const QString zip = temp.filePath(u"single.zip"_s);
    QVERIFY(writeZip(zip,
        {ZipEntry::file(u"run.sh"_s, script("echo up; exec sleep 600"), 0755),
            ZipEntry::file(u"settings.job"_s, R"({"is_singleton": true})")}));
    QFile file(zip);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(agents[0]
                 ->upload(u"/api/continuouswebjobs/single"_s, file.readAll(), u"single.zip"_s, "application/zip")
                 .status,
        200);

    // Exactly one instance runs it; the others wait.
    const auto runningOn = [&](AgentProcess& asked) {
        const HttpResponse job = asked.get(u"/api/continuouswebjobs/single"_s);
        const QString detailed = job.json().value(u"detailed_status"_s).toString();
        QStringList running;
        for (const auto& agent : agents) {
            if (agent->isRunning() && detailed.contains(agent->instance() + u" - Running"_s))
                running.append(agent->instance());
        }
        return running;
    };
    QTRY_COMPARE_WITH_TIMEOUT(runningOn(*agents[0]).size(), 1, 20000);
    QTest::qWait(3000); // two heartbeats: nobody else starts it
    const QStringList holders = runningOn(*agents[1]);
    QCOMPARE(holders.size(), 1);

    AgentProcess* holder = nullptr;
    AgentProcess* other = nullptr;
    for (const auto& agent : agents) {
        if (agent->instance() == holders.first())
            holder = agent.get();
        else
            other = agent.get();
    }
    QVERIFY(holder && other);
    const QString marker = holder->marker();
    holder->kill();
    ProcessReaper::killMarked(marker);
    QElapsedTimer takeover;
    takeover.start();
    QTRY_VERIFY_WITH_TIMEOUT(runningOn(*other).size() == 1 && !runningOn(*other).contains(holders.first()), 20000);
    const qint64 elapsed = takeover.elapsed();
    QVERIFY2(elapsed <= 15000, qPrintable(u"taken over after %1 ms"_s.arg(elapsed)));
    qInfo("singleton taken over after %lld ms", elapsed);
    for (const auto& agent : agents) {
        if (agent->isRunning())
            QCOMPARE(agent->terminate(), 0);
    }
}

// A singleton's claim that the database refuses (here: a session made read-only) is this job's
// failure, not another instance's lock: the job's error and the agent's log (webjobs.host) say
// why, and a heartbeat after the database takes writes again claims it and starts it.
void TestClusterPostgres::refusedSingletonClaimIsReported()
{
    QTemporaryDir data;
    QTemporaryDir temp;
    HostOptions options;
    options.dataRoot = data.path();
    options.databaseUrl = newDatabaseUrl();
    options.heartbeatInterval = std::chrono::milliseconds(200);
    options.restartDelay = std::chrono::milliseconds(0);
    JobHost host(options);
    QString error;
    QVERIFY2(host.open(&error), qPrintable(error));
    const QString zip = temp.filePath(u"single.zip"_s);
    QVERIFY(writeZip(zip,
        {ZipEntry::file(u"run.sh"_s, script("exec sleep 600"), 0755),
            ZipEntry::file(u"settings.job"_s, R"({"is_singleton": true})")}));
    ImportOperation* import = host.addJob(JobType::Continuous, u"single"_s, zip, u"single.zip"_s, true);
    QSignalSpy imported(import, &ImportOperation::finished);
    QVERIFY(imported.wait(30000));
    QVERIFY(imported.at(0).at(0).value<ServiceError>().ok());
    ContinuousJobRunner* runner = host.continuousRunner(u"single"_s);
    QVERIFY(runner);
    QTRY_COMPARE_WITH_TIMEOUT(runner->status(), JobStatus::Running, 20000);
    QVERIFY(host.stopContinuous(u"single"_s).ok());
    QTRY_COMPARE_WITH_TIMEOUT(runner->status(), JobStatus::Stopped, 20000);

    LogCapture log("webjobs.host");
    QVERIFY2(Test::setStoreReadOnly(*host.store(), true, &error), qPrintable(error));
    const QString sentence = u"Cannot claim the singleton job single in the job database: "_s;
    QVERIFY(host.startContinuous(u"single"_s).ok());
    QTRY_VERIFY_WITH_TIMEOUT(host.job(JobType::Continuous, u"single"_s)->error().contains(sentence), 10000);
    const QString jobError = host.job(JobType::Continuous, u"single"_s)->error();
    QVERIFY2(jobError.contains(u"it tries again at each heartbeat"_s), qPrintable(jobError));
    QVERIFY(!log.containing(QtWarningMsg, u"continuous job single: "_s + sentence).isEmpty());
    QVERIFY(runner->status() != JobStatus::Running);

    QVERIFY2(Test::setStoreReadOnly(*host.store(), false, &error), qPrintable(error));
    QTRY_COMPARE_WITH_TIMEOUT(runner->status(), JobStatus::Running, 20000);
    QTRY_VERIFY_WITH_TIMEOUT(!host.job(JobType::Continuous, u"single"_s)->error().contains(sentence), 10000);
    host.shutdown();
}

void TestClusterPostgres::identicalPackagesReachOthersWhole()
{
    // Jobs with the same package have the same digest: installing them at once on another
    // instance must not share one staging file (it truncated and removed it under the others,
    // leaving empty scripts whose runs "succeeded" without doing anything).
    std::vector<std::unique_ptr<AgentProcess>> agents;
    QVERIFY(startAgents(agents, 2, newDatabaseUrl()));
    AgentProcess& a = *agents[0];
    AgentProcess& b = *agents[1];
    const QByteArray body = script("echo same package");
    constexpr int jobCount = 12;
    for (int i = 0; i < jobCount; ++i)
        QCOMPARE(a.upload(u"/api/triggeredwebjobs/same%1"_s.arg(i), body, u"run.sh"_s).status, 200);
    for (int i = 0; i < jobCount; ++i) {
        const QString job = u"/api/triggeredwebjobs/same%1"_s.arg(i);
        QCOMPARE(b.waitFor(job, [](const HttpResponse& r) { return r.status == 200; }).status, 200);
        const QString installed = b.dataRoot() + u"/site/wwwroot/App_Data/jobs/triggered/same%1/run.sh"_s.arg(i);
        QTRY_COMPARE(QFileInfo(installed).size(), qint64(body.size()));
        QFile file(installed);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), body);
    }
}

void TestClusterPostgres::databaseOutageIsSurvived()
{
    const QUrl server(m_database.baseUrl());
    TcpProxy proxy(server.host(), quint16(server.port(5432)));
    QVERIFY(proxy.open());
    std::vector<std::unique_ptr<AgentProcess>> agents;
    QVERIFY(startAgents(agents, 2, newDatabaseUrl(proxy.port())));
    AgentProcess& a = *agents[0];
    AgentProcess& b = *agents[1];
    QVERIFY(uploadScript(a, u"steady"_s, "for i in 1 2 3 4 5 6; do echo line $i; sleep 1; done", {&b}));
    const HttpResponse started = a.request("POST", u"/api/triggeredwebjobs/steady/run"_s);
    QCOMPARE(started.status, 202);
    const QString runId = QString::fromUtf8(started.header("Location")).section(u'/', -1);

    // The database goes away while the run runs.
    proxy.close();
    QElapsedTimer outage;
    outage.start();
    const HttpResponse down = a.waitFor(u"/api/agent"_s,
        [](const HttpResponse& r) { return r.json().value(u"database"_s).toString() != u"connected"_s; });
    QVERIFY2(down.json().value(u"database"_s).toString() != u"connected"_s, down.body.constData());
    // The agents keep serving, and the run keeps running to its end (about 6 s).
    QCOMPARE(b.get(u"/api/agent"_s).status, 200);
    QTest::qWait(int(std::max<qint64>(0, 9000 - outage.elapsed())));
    // Past the instance timeout, an agent still lists itself as live: it is the one answering.
    const OrderedJson listed = a.get(u"/api/agent"_s).json().value(u"instances"_s);
    QString ownState;
    for (int i = 0; i < listed.size(); ++i) {
        if (listed.at(i).value(u"instance"_s).toString() == a.instance())
            ownState = listed.at(i).value(u"state"_s).toString();
    }
    QCOMPARE(ownState, u"live"_s);

    // Back on the same address: both recover without a restart, and the run's end is recorded.
    QVERIFY(proxy.open(proxy.port()));
    for (AgentProcess* agent : {&a, &b}) {
        const HttpResponse up = agent->waitFor(u"/api/agent"_s,
            [](const HttpResponse& r) { return r.json().value(u"database"_s).toString() == u"connected"_s; });
        QVERIFY2(up.json().value(u"database"_s).toString() == u"connected"_s,
            qPrintable(QString::number(up.status) + u' ' + up.error + u' ' + up.text() + u"\n"_s
                + QString::fromUtf8(agent->standardError().right(3000))));
    }
    const HttpResponse finished = b.waitFor(u"/api/triggeredwebjobs/steady/history/"_s + runId,
        [](const HttpResponse& r) { return statusIs(r, u"Success"_s); });
    QCOMPARE(finished.json().value(u"status"_s).toString(), u"Success"_s);
    // Nobody took the other for dead and both still answer as one site.
    QCOMPARE(a.get(u"/api/agent"_s).json().value(u"instances"_s).size(), 2);
    const HttpResponse again = b.request("POST", u"/api/triggeredwebjobs/steady/run"_s);
    QCOMPARE(again.status, 202);
}

void TestClusterPostgres::settingsAndStopsReachEveryInstance()
{
    const QString url = newDatabaseUrl();
    std::vector<std::unique_ptr<AgentProcess>> agents;
    QVERIFY(startAgents(agents, 2, url));
    AgentProcess& a = *agents[0];
    AgentProcess& b = *agents[1];
    QVERIFY(uploadScript(a, u"nightly"_s, "echo nightly", {&b}));
    QCOMPARE(a.upload(u"/api/continuouswebjobs/worker"_s, script("echo up; exec sleep 600"), u"run.sh"_s).status, 200);
    const auto statusOn = [](AgentProcess& agent, const QString& instance) {
        const QString detailed
            = agent.get(u"/api/continuouswebjobs/worker"_s).json().value(u"detailed_status"_s).toString();
        return detailed.contains(instance + u" - Running"_s) ? u"Running"_s
            : detailed.contains(instance + u" - Stopped"_s)  ? u"Stopped"_s
                                                             : detailed;
    };
    // A continuous job runs on every instance.
    QTRY_COMPARE_WITH_TIMEOUT(statusOn(a, b.instance()), u"Running"_s, 20000);

    // A schedule set on one instance is the schedule of the others.
    const QByteArray settings = R"({"schedule":"0 0 3 * * *"})";
    const HttpResponse put = a.request("PUT", u"/api/triggeredwebjobs/nightly/settings"_s, settings);
    QVERIFY2(put.status / 100 == 2, put.body.constData());
    const HttpResponse seen = b.waitFor(
        u"/api/triggeredwebjobs/nightly/settings"_s,
        [](const HttpResponse& r) { return r.json().value(u"schedule"_s).toString() == u"0 0 3 * * *"_s; }, 15000);
    QCOMPARE(seen.json().value(u"schedule"_s).toString(), u"0 0 3 * * *"_s);
    // ...and b schedules by it: its job answers the schedule's next time.
    QTRY_VERIFY_WITH_TIMEOUT(
        b.get(u"/api/triggeredwebjobs/nightly"_s).json().value(u"settings"_s).value(u"schedule"_s).toString()
            == u"0 0 3 * * *"_s,
        15000);
    // A settings.job edited by hand in one machine's folder stays there (two heartbeats pass),
    // until the next change made through the API replaces it.
    const QString bSettings = b.dataRoot() + u"/site/wwwroot/App_Data/jobs/triggered/nightly/settings.job"_s;
    const QByteArray byHand = R"({"schedule":"0 30 4 * * *"})";
    QVERIFY(FileUtil::writeAtomically(bSettings, byHand));
    QTest::qWait(5000);
    QFile edited(bSettings);
    QVERIFY(edited.open(QIODevice::ReadOnly));
    QCOMPARE(edited.readAll(), byHand);
    edited.close();
    QVERIFY(a.request("PUT", u"/api/triggeredwebjobs/nightly/settings"_s, R"({"schedule":"0 0 5 * * *"})").status / 100
        == 2);
    QTRY_VERIFY_WITH_TIMEOUT(
        b.get(u"/api/triggeredwebjobs/nightly/settings"_s).json().value(u"schedule"_s).toString() == u"0 0 5 * * *"_s,
        15000);

    // A stop asked of one instance stops the job on every instance; a start starts it again.
    const HttpResponse stop = b.request("POST", u"/api/continuouswebjobs/worker/stop"_s);
    QVERIFY2(stop.status / 100 == 2, stop.body.constData());
    QTRY_COMPARE_WITH_TIMEOUT(statusOn(b, a.instance()), u"Stopped"_s, 15000);
    QVERIFY(QFileInfo::exists(a.dataRoot() + u"/site/wwwroot/App_Data/jobs/continuous/worker/disable.job"_s));
    QCOMPARE(ProcessReaper::countMarked(a.marker()), 0);
    const HttpResponse start = b.request("POST", u"/api/continuouswebjobs/worker/start"_s);
    QVERIFY2(start.status / 100 == 2, start.body.constData());
    QTRY_COMPARE_WITH_TIMEOUT(statusOn(b, a.instance()), u"Running"_s, 15000);

    // An instance that was away while the job was stopped finds it stopped when it comes back.
    QCOMPARE(a.request("POST", u"/api/continuouswebjobs/worker/stop"_s).status / 100, 2);
    QTRY_COMPARE_WITH_TIMEOUT(statusOn(a, b.instance()), u"Stopped"_s, 15000);
    QCOMPARE(b.terminate(), 0);
    const QString disabled = b.dataRoot() + u"/site/wwwroot/App_Data/jobs/continuous/worker/disable.job"_s;
    QVERIFY(QFile::remove(disabled));
    AgentProcess back;
    QVERIFY(ClusterDatabase::startAgent(back, url, b.dataRoot()));
    QCOMPARE(
        back.waitFor(u"/api/continuouswebjobs/worker"_s, [](const HttpResponse& r) { return r.status == 200; }).status,
        200);
    QVERIFY(QFileInfo::exists(disabled));
    QCOMPARE(ProcessReaper::countMarked(back.marker()), 0);
    QCOMPARE(back.terminate(), 0);
}

void TestClusterPostgres::runningLogIsReadOnAnotherInstance()
{
    std::vector<std::unique_ptr<AgentProcess>> agents;
    QVERIFY(startAgents(agents, 2, newDatabaseUrl()));
    AgentProcess& a = *agents[0];
    AgentProcess& b = *agents[1];
    // Writes a line, then, when told (a file appears), 60,000 more (a log of several of the
    // database copy's pieces) and a last one, then ends.
    QTemporaryDir temp;
    const QByteArray go = QFile::encodeName(temp.filePath(u"go"_s));
    QVERIFY(uploadScript(a, u"talky"_s,
        "echo first line; while [ ! -e '" + go + "' ]; do sleep 0.1; done; seq 1 60000; echo second line", {&b}));
    const HttpResponse started = a.request("POST", u"/api/triggeredwebjobs/talky/run"_s);
    QCOMPARE(started.status, 202);
    const QString runId = QString::fromUtf8(started.header("Location")).section(u'/', -1);

    // b names the running run's log, and serves what a has written so far.
    const HttpResponse running
        = b.waitFor(u"/api/triggeredwebjobs/talky/history/"_s + runId, [](const HttpResponse& r) {
              return statusIs(r, u"Running"_s) && !r.json().value(u"output_url"_s).toString().isEmpty();
          });
    const QString path = QUrl(running.json().value(u"output_url"_s).toString()).path();
    QVERIFY2(!path.isEmpty(), running.body.constData());
    const HttpResponse first = b.waitFor(
        path, [](const HttpResponse& r) { return r.body.contains("first line"); }, 15000);
    QVERIFY2(first.body.contains("first line"), first.body.constData());
    QVERIFY(!first.body.contains("second line"));
    // It follows the log as it grows.
    QFile marker(QFile::decodeName(go));
    QVERIFY(marker.open(QIODevice::WriteOnly));
    marker.close();
    const HttpResponse second = b.waitFor(
        path, [](const HttpResponse& r) { return r.body.contains("second line"); }, 15000);
    QVERIFY2(second.body.contains("second line"), second.body.constData());
    // Once the run is over, b's copy is the whole log, with the run's last line.
    QVERIFY(statusIs(b.waitFor(u"/api/triggeredwebjobs/talky/history/"_s + runId,
                         [](const HttpResponse& r) { return statusIs(r, u"Success"_s); }),
        u"Success"_s));
    const QByteArray whole = a.get(path).body;
    QTRY_COMPARE_WITH_TIMEOUT(b.get(path).body, whole, 10000);
    QVERIFY(whole.contains("second line"));
    QVERIFY2(whole.size() > 2 * JobStore::RunLogPieceBytes, qPrintable(QString::number(whole.size())));
}

// A continuous job's job_log.txt on each instance holds the lines of every instance that runs
// it, as Kudu's shared log does, each line once, also after an instance restarts.
void TestClusterPostgres::continuousLogHoldsEveryInstance()
{
    const QString url = newDatabaseUrl();
    std::vector<std::unique_ptr<AgentProcess>> agents;
    QVERIFY(startAgents(agents, 2, url));
    AgentProcess& a = *agents[0];
    AgentProcess& b = *agents[1];
    QCOMPARE(a.upload(u"/api/continuouswebjobs/echo"_s, script("echo hello from $WEBSITE_INSTANCE_ID; exec sleep 600"),
                  u"run.sh"_s)
                 .status,
        200);
    const QString log = u"/vfs/data/jobs/continuous/echo/job_log.txt"_s;
    // A line of `instance`'s process, as written by that instance.
    const auto helloOf = [](const AgentProcess& instance) {
        return QByteArray(" > " + instance.instance().toUtf8() + ": INFO] hello from");
    };
    const auto holdsBoth = [&](const HttpResponse& r) {
        return r.status == 200 && r.body.contains(helloOf(a)) && r.body.contains(helloOf(b));
    };
    QVERIFY2(holdsBoth(a.waitFor(log, holdsBoth, 20000)), a.get(log).body.constData());
    QVERIFY2(holdsBoth(b.waitFor(log, holdsBoth, 20000)), b.get(log).body.constData());
    // Each line once: a few heartbeats later, nothing was appended twice.
    QTest::qWait(2500);
    QCOMPARE(a.get(log).body.count(helloOf(b)), 1);
    QCOMPARE(b.get(log).body.count(helloOf(a)), 1);
    QCOMPARE(a.get(log).body.count(helloOf(a)), 1);

    // b restarts on its data: its job starts again (a second line of its own, which a gets),
    // and what it had from a is not appended again.
    QCOMPARE(b.terminate(), 0);
    AgentProcess back;
    QVERIFY(ClusterDatabase::startAgent(back, url, b.dataRoot()));
    const QByteArray helloB = helloOf(back);
    QVERIFY(a.waitFor(
                 log, [&](const HttpResponse& r) { return r.body.count(helloB) == 2; }, 20000)
                .body.count(helloB)
        == 2);
    QTest::qWait(2500);
    const QByteArray there = back.get(log).body;
    QCOMPARE(there.count(helloOf(a)), 1);
    QCOMPARE(there.count(helloB), 2);
    QCOMPARE(back.terminate(), 0);
}

// Web hooks are the site's, as in Kudu: a hook subscribed through one instance is listed by
// every instance, fires once for each run whichever instance ran it, keeps Kudu's one hook per
// address across instances, and a removal through any instance removes it for all.
void TestClusterPostgres::webHooksAreTheSites()
{
    std::vector<std::unique_ptr<AgentProcess>> agents;
    QVERIFY(startAgents(agents, 2, newDatabaseUrl()));
    AgentProcess& a = *agents[0];
    AgentProcess& b = *agents[1];
    HookReceiver receiver("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    const QString url = u"http://127.0.0.1:%1/hook"_s.arg(receiver.port());
    const HttpResponse subscribed = a.request("POST", u"/api/hooks"_s,
        QJsonDocument(QJsonObject {{u"url"_s, url}, {u"event"_s, u"TriggeredJobFinished"_s}}).toJson());
    QCOMPARE(subscribed.status, 201);
    const QString id = subscribed.json().value(u"id"_s).toString();
    const auto lists = [&](const HttpResponse& r) { return r.status == 200 && r.body.contains(url.toUtf8()); };
    QVERIFY(lists(b.waitFor(u"/api/hooks"_s, lists, 10000)));
    QCOMPARE(b.get(u"/api/hooks/"_s + id).status, 200);
    // One hook per address on the site: the same address for another event is a conflict on b
    // too, and for the same event it is the hook a made.
    QCOMPARE(b.request("POST", u"/api/hooks"_s,
                  QJsonDocument(QJsonObject {{u"url"_s, url}, {u"event"_s, u"TriggeredJobFailed"_s}}).toJson())
                 .status,
        409);
    const HttpResponse again = b.request("POST", u"/api/hooks"_s,
        QJsonDocument(QJsonObject {{u"url"_s, url.toUpper().replace(u"HTTP://"_s, u"http://"_s)},
                          {u"event"_s, u"TriggeredJobFinished"_s}})
            .toJson());
    QCOMPARE(again.status, 201);
    QCOMPARE(again.json().value(u"id"_s).toString(), id);

    // A run on b, then one on a: each fires the hook once.
    QVERIFY(uploadScript(a, u"hooked"_s, "echo hooked", {&b}));
    const auto runOn = [](AgentProcess& agent) {
        const HttpResponse started = agent.request("POST", u"/api/triggeredwebjobs/hooked/run"_s);
        return QString::fromUtf8(started.header("Location")).section(u'/', -1);
    };
    const auto deliveries = [&](const QString& runId) {
        const QByteArray member = QByteArray("\"id\":\"") + runId.toUtf8() + QByteArray("\"");
        return int(receiver.received().count(member));
    };
    const QString onB = runOn(b);
    QVERIFY(!onB.isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(deliveries(onB), 1, 20000);
    QVERIFY(statusIs(a.waitFor(u"/api/triggeredwebjobs/hooked/history/"_s + onB,
                         [](const HttpResponse& r) { return statusIs(r, u"Success"_s); }),
        u"Success"_s));
    const QString onA = runOn(a);
    QVERIFY(!onA.isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(deliveries(onA), 1, 20000);
    QTest::qWait(2500); // two heartbeats: nobody fires it again
    QCOMPARE(deliveries(onB), 1);
    QCOMPARE(deliveries(onA), 1);
    QCOMPARE(int(receiver.received().count("POST /hook ")), 2);

    // Removed through b: gone from a too.
    QCOMPARE(b.request("DELETE", u"/api/hooks/"_s + id).status, 200);
    QVERIFY(!lists(a.waitFor(
        u"/api/hooks"_s, [&](const HttpResponse& r) { return !lists(r); }, 10000)));
    QCOMPARE(a.get(u"/api/hooks/"_s + id).status, 404);
}

void TestClusterPostgres::runsOfOthersReachTheChangeFeed()
{
    std::vector<std::unique_ptr<AgentProcess>> agents;
    QVERIFY(startAgents(agents, 2, newDatabaseUrl()));
    AgentProcess& a = *agents[0];
    AgentProcess& b = *agents[1];
    QVERIFY(uploadScript(a, u"quick"_s, "echo quick; sleep 1", {&b}));
    QString cursor = b.get(u"/api/agent"_s).json().value(u"events_cursor"_s).toString();
    const HttpResponse started = a.request("POST", u"/api/triggeredwebjobs/quick/run"_s);
    QCOMPARE(started.status, 202);
    const QString runId = QString::fromUtf8(started.header("Location")).section(u'/', -1);

    // b's feed tells the start and the end of a's run, once each, as its own runs.
    QStringList seen;
    QElapsedTimer waited;
    waited.start();
    while (!seen.contains(u"runFinished"_s) && waited.elapsed() < 20000) {
        const HttpResponse changes = b.get(u"/api/webjobs/changes?since=%1&timeout=5"_s.arg(cursor));
        QCOMPARE(changes.status, 200);
        cursor = changes.json().value(u"cursor"_s).toString();
        const OrderedJson events = changes.json().value(u"events"_s);
        for (int i = 0; i < events.size(); ++i) {
            const OrderedJson event = events.at(i);
            const QString kind = event.value(u"event"_s).toString();
            if (!kind.startsWith(u"run"_s) || event.value(u"run"_s).value(u"id"_s).toString() != runId)
                continue;
            seen.append(kind);
            QCOMPARE(event.value(u"run"_s).value(u"instance"_s).toString(), a.instance());
            if (kind == u"runFinished"_s) {
                QCOMPARE(event.value(u"run"_s).value(u"status"_s).toString(), u"Success"_s);
                QVERIFY(!event.value(u"run"_s).value(u"output_url"_s).toString().isEmpty());
            }
        }
    }
    QCOMPARE(seen, QStringList({u"runStarted"_s, u"runFinished"_s}));
}

namespace {

// Runs one of the project's scripts; its standard output, or std::nullopt (with a warning).
std::optional<QByteArray> runScript(const QString& name, const QStringList& arguments)
{
    QProcess process;
    process.start(QStringLiteral(WEBJOBS_SOURCE_DIR) + u"/scripts/"_s + name, arguments);
    if (!process.waitForFinished(120000) || process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        qWarning("%s failed: %s", qPrintable(name), process.readAllStandardError().constData());
        return std::nullopt;
    }
    return process.readAllStandardOutput().trimmed();
}

} // namespace

void TestClusterPostgres::databaseServerRestartIsSurvived()
{
    // A server of this test's own, really stopped (every connection closed, the port refusing)
    // and started again on the same port, as a database host's restart does.
    QTemporaryDir temp;
    // Under root the server runs as another user, who must reach the folder.
    QVERIFY(QFile::setPermissions(
        temp.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ExeGroup | QFile::ExeOther));
    const QString folder = temp.filePath(u"postgres"_s);
    const std::optional<QByteArray> url = runScript(u"start-test-postgres"_s, {folder});
    QVERIFY(url);
    const auto stopServer = qScopeGuard([&] { runScript(u"stop-test-postgres"_s, {folder}); });
    std::vector<std::unique_ptr<AgentProcess>> agents;
    QVERIFY(startAgents(agents, 2, QString::fromUtf8(*url)));
    AgentProcess& a = *agents[0];
    AgentProcess& b = *agents[1];
    QVERIFY(uploadScript(a, u"steady"_s, "for i in 1 2 3 4 5 6; do echo line $i; sleep 1; done", {&b}));
    const HttpResponse started = b.request("POST", u"/api/triggeredwebjobs/steady/run"_s);
    QCOMPARE(started.status, 202);
    const QString runId = QString::fromUtf8(started.header("Location")).section(u'/', -1);

    QVERIFY(runScript(u"stop-test-postgres"_s, {u"--keep"_s, folder}));
    for (AgentProcess* agent : {&a, &b}) {
        const HttpResponse down = agent->waitFor(u"/api/agent"_s,
            [](const HttpResponse& r) { return r.json().value(u"database"_s).toString() != u"connected"_s; });
        QVERIFY2(down.json().value(u"database"_s).toString() != u"connected"_s, down.body.constData());
    }
    // While it is down, the agents answer and say why a run cannot start.
    const HttpResponse refused = a.request("POST", u"/api/triggeredwebjobs/steady/run"_s);
    QVERIFY2(refused.status >= 400, refused.body.constData());

    QCOMPARE(runScript(u"start-test-postgres"_s, {u"--again"_s, folder}), url);
    for (AgentProcess* agent : {&a, &b}) {
        const HttpResponse up = agent->waitFor(u"/api/agent"_s,
            [](const HttpResponse& r) { return r.json().value(u"database"_s).toString() == u"connected"_s; });
        QVERIFY2(up.json().value(u"database"_s).toString() == u"connected"_s, up.body.constData());
    }
    // The run that ran through the restart is recorded as it ended, and the site works again.
    const HttpResponse finished = a.waitFor(u"/api/triggeredwebjobs/steady/history/"_s + runId,
        [](const HttpResponse& r) { return statusIs(r, u"Success"_s); });
    QCOMPARE(finished.json().value(u"status"_s).toString(), u"Success"_s);
    QCOMPARE(a.get(u"/api/agent"_s).json().value(u"instances"_s).size(), 2);
    QCOMPARE(a.request("POST", u"/api/triggeredwebjobs/steady/run"_s).status, 202);
}

QTEST_GUILESS_MAIN(TestClusterPostgres)
#include "TestClusterPostgres.moc"
