// RemoteJobService beyond the shared contract (JobServiceSuite):
//  - a Kudu-like endpoint, the real agent serving Kudu's API alone (WEBJOBS_AGENT_KUDU_ONLY):
//    changes come by polling with If-None-Match, abort is not offered, recurrences are written
//    as NCRONTAB or refused with the reason;
//  - every error a person must understand: a wrong password, the agent stopped mid-session and
//    restarted, an upload cut off or over the limit, a web server that is not Kudu, a host that
//    refuses or does not answer, a self-signed certificate, plain HTTP to another machine.

#include "JobServiceSuite.h"

#include "core/service/RemoteJobService.h"
#include "tests/support/AgentProcess.h"

#include <QFile>
#include <QJsonDocument>
#include <QPointer>
#include <QProcess>
#include <QSslCertificate>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace WebJobs;
using namespace WebJobs::Test;

namespace {

// A web server that answers every request with the same bytes (a page, another API), or not
// at all.
class FixedHttpServer : public QTcpServer
{
public:
    explicit FixedHttpServer(QByteArray response)
        : m_response(std::move(response))
    {
        connect(this, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket* socket = nextPendingConnection()) {
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
                connect(socket, &QTcpSocket::readyRead, socket, [this, socket] {
                    m_requests += socket->readAll();
                    if (m_response.isEmpty() || !m_requests.contains("\r\n\r\n"))
                        return; // silent: the client's timeout must end it
                    m_requests.clear();
                    socket->write(m_response);
                    socket->disconnectFromHost();
                });
            }
        });
    }

    QUrl url() const { return QUrl(u"http://127.0.0.1:%1"_s.arg(serverPort())); }

private:
    QByteArray m_response;
    QByteArray m_requests;
};

// Forwards loopback connections to an agent, and holds the answers on every connection that
// carried a request starting with `prefix` until release(): an answer in flight, on purpose.
class HoldingProxy : public QTcpServer
{
public:
    explicit HoldingProxy(quint16 target)
        : m_target(target)
    {
        listen(QHostAddress::LocalHost);
        connect(this, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket* client = nextPendingConnection()) {
                auto* upstream = new QTcpSocket(client);
                auto* held = new QByteArray;
                connect(client, &QObject::destroyed, [held] { delete held; });
                auto holding = std::make_shared<bool>(false);
                upstream->connectToHost(QHostAddress::LocalHost, m_target);
                connect(client, &QTcpSocket::readyRead, upstream, [this, client, upstream, holding] {
                    const QByteArray data = client->readAll();
                    if (!m_prefix.isEmpty() && data.contains(m_prefix))
                        *holding = true;
                    upstream->write(data);
                });
                connect(upstream, &QTcpSocket::readyRead, client, [this, client, upstream, holding, held] {
                    const QByteArray data = upstream->readAll();
                    if (*holding) {
                        held->append(data);
                        m_held.append({client, held, holding});
                        return;
                    }
                    client->write(data);
                });
                connect(client, &QTcpSocket::disconnected, client, &QObject::deleteLater);
                connect(upstream, &QTcpSocket::disconnected, client, [client] { client->disconnectFromHost(); });
            }
        });
    }

    QUrl url() const { return QUrl(u"http://127.0.0.1:%1"_s.arg(serverPort())); }
    void hold(const QByteArray& prefix) { m_prefix = prefix; }
    bool isHolding() const { return !m_held.isEmpty(); }
    // Sends what was held, and holds nothing more.
    void release()
    {
        m_prefix.clear();
        for (const Held& held : std::as_const(m_held)) {
            if (held.client && !held.bytes->isEmpty())
                held.client->write(std::exchange(*held.bytes, QByteArray()));
            *held.holding = false;
        }
        m_held.clear();
    }

private:
    struct Held
    {
        QPointer<QTcpSocket> client;
        QByteArray* bytes;
        std::shared_ptr<bool> holding;
    };
    quint16 m_target;
    QByteArray m_prefix;
    QList<Held> m_held;
};

QByteArray httpResponse(const QByteArray& status, const QByteArray& contentType, const QByteArray& body)
{
    return "HTTP/1.1 " + status + "\r\nContent-Type: " + contentType
        + "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
}

// The real agent serving Kudu's API alone, as a Kudu site does.
bool startKuduSite(AgentProcess& agent)
{
    AgentProcess::Options options;
    options.environment.insert(u"WEBJOBS_AGENT_KUDU_ONLY"_s, u"1"_s);
    return agent.start(options);
}

RemoteJobService::Options optionsFor(const AgentProcess& agent)
{
    RemoteJobService::Options options;
    options.url = QUrl(agent.baseUrl());
    options.user = QString::fromLatin1(AgentProcess::User);
    options.password = QString::fromUtf8(AgentProcess::Password);
    return options;
}

} // namespace

class TestRemoteJobService : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void singleAgentAndKuduSiteHaveNoInstances();
    void kuduSiteIsPolledWithETags();
    void kuduSiteHasNoAbort();
    void kuduSiteGetsRecurrencesAsCron();
    void wrongPassword();
    void reconnectsAfterTheAgentRestarts();
    void removedJobIsNotBroughtBackByAStaleAnswer();
    void uploadCutOffSaysSo();
    void uploadOverTheLimit();
    void notAKuduEndpoint_data();
    void notAKuduEndpoint();
    void unreachableHost();
    void silentHostTimesOut();
    void selfSignedCertificate();
    void warnsAboutPlainHttpToAnotherHost();

private:
    QString writeScript(const QString& fileName, const QByteArray& body);
    ServiceError add(RemoteJobService& service, JobType type, const QString& name, const QString& path,
        const JobSettings& settings = {});
    std::unique_ptr<RemoteJobService> connectTo(RemoteJobService::Options options);

    QTemporaryDir m_files;
};

void TestRemoteJobService::initTestCase()
{
    QVERIFY(m_files.isValid());
}

QString TestRemoteJobService::writeScript(const QString& fileName, const QByteArray& body)
{
    QFile file(m_files.filePath(fileName));
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return {};
    file.write("#!/bin/sh\n" + body + "\n");
    return file.fileName();
}

ServiceError TestRemoteJobService::add(
    RemoteJobService& service, JobType type, const QString& name, const QString& path, const JobSettings& settings)
{
    AddJobOperation* operation = service.addJob(type, name, path, false, settings);
    QSignalSpy finished(operation, &AddJobOperation::finished);
    if (!finished.wait(60000))
        return {ServiceError::Code::Internal, u"the operation did not finish"_s};
    return finished.at(0).at(0).value<ServiceError>();
}

std::unique_ptr<RemoteJobService> TestRemoteJobService::connectTo(RemoteJobService::Options options)
{
    auto service = std::make_unique<RemoteJobService>(std::move(options));
    [&] { QTRY_COMPARE_WITH_TIMEOUT(service->state(), JobService::State::Ready, 30000); }();
    return service;
}

void TestRemoteJobService::singleAgentAndKuduSiteHaveNoInstances()
{
    // One agent on SQLite: its /api/agent lists no instances, and is not asked again while watched.
    AgentProcess agent;
    QVERIFY2(agent.start(), qPrintable(agent.failure()));
    RemoteJobService::Options options = optionsFor(agent);
    options.instancesInterval = 50;
    const std::unique_ptr<RemoteJobService> service = connectTo(options);
    QVERIFY(service);
    QVERIFY(!service->isClustered());
    QVERIFY(service->instances().isEmpty());
    QVERIFY(service->databaseProblem().isEmpty());
    service->beginWatching();
    QVERIFY(!service->isFollowingInstances());
    // Asked explicitly (a dialog that opens), it asks once and still knows of none.
    QSignalSpy changed(service.get(), &JobService::instancesChanged);
    service->refreshInstances();
    QCOMPARE(service->instancesRequestCount(), 1);
    // One question at a time: a second one goes out once the first has been answered.
    const auto askAgain = [&] {
        service->refreshInstances();
        return service->instancesRequestCount() == 2;
    };
    QTRY_VERIFY_WITH_TIMEOUT(askAgain(), 30000);
    QVERIFY(!service->isClustered());
    QVERIFY(service->instances().isEmpty());
    QVERIFY(changed.isEmpty());
    service->endWatching();

    // A Kudu site has no /api/agent: nothing to ask.
    AgentProcess kudu;
    QVERIFY2(startKuduSite(kudu), qPrintable(kudu.failure()));
    const std::unique_ptr<RemoteJobService> site = connectTo(optionsFor(kudu));
    QVERIFY(site);
    site->beginWatching();
    site->refreshInstances();
    QCOMPARE(site->instancesRequestCount(), 0);
    QVERIFY(!site->isFollowingInstances());
    QVERIFY(site->instances().isEmpty());
    QVERIFY(site->databaseProblem().isEmpty());
    site->endWatching();
}

void TestRemoteJobService::kuduSiteIsPolledWithETags()
{
    AgentProcess agent;
    QVERIFY2(startKuduSite(agent), qPrintable(agent.failure()));
    RemoteJobService::Options options = optionsFor(agent);
    options.pollMinimum = 100;
    options.pollMaximum = 400;
    const std::unique_ptr<RemoteJobService> service = connectTo(options);
    QVERIFY(service);
    QCOMPARE(service->capabilities(), JobService::Capabilities());

    // Nobody watches: nothing is polled.
    QVERIFY(!service->isPolling());
    QCOMPARE(service->pollCount(), 0);

    service->beginWatching();
    QVERIFY(service->isPolling());
    QVERIFY(add(*service, JobType::Triggered, u"ticking"_s, writeScript(u"run.sh"_s, "sleep 1; echo tick")).ok());
    // While nothing changes, the polls are conditional and answered 304.
    QTRY_VERIFY_WITH_TIMEOUT(service->unchangedPollCount() >= 2, 10000);

    // A run the site starts by itself, on its schedule, is seen starting and ending.
    QSignalSpy started(service.get(), &JobService::runStarted);
    QSignalSpy finished(service.get(), &JobService::runFinished);
    QSignalSpy changed(service.get(), &JobService::jobsChanged);
    JobSettings settings;
    settings.setSchedule(u"*/3 * * * * *"_s);
    QVERIFY(await(service->setSettings(JobType::Triggered, u"ticking"_s, settings)).ok());
    QTRY_VERIFY_WITH_TIMEOUT(!started.isEmpty(), 30000);
    const auto run = started.at(0).at(0).value<JobRun>();
    QCOMPARE(run.status(), JobStatus::Running);
    QTRY_VERIFY_WITH_TIMEOUT(std::any_of(finished.cbegin(), finished.cend(),
                                 [&](const QList<QVariant>& arguments) {
                                     const auto ended = arguments.at(0).value<JobRun>();
                                     return ended.id() == run.id() && ended.status() == JobStatus::Success;
                                 }),
        30000);
    QVERIFY(!changed.isEmpty());
    QVERIFY(await(service->setSettings(JobType::Triggered, u"ticking"_s, {})).ok());

    // Kudu does not page histories: the service pages what it sends.
    const HistoryPage page = await(service->history(u"ticking"_s, 0, 1));
    QCOMPARE(page.runs.size(), 1);
    QVERIFY(page.total >= 1);

    service->endWatching();
    QTRY_VERIFY(!service->isPolling());
    const int polls = service->pollCount();
    QCOMPARE(await(service->jobs()).size(), 1);
    QCOMPARE(service->pollCount(), polls);
}

void TestRemoteJobService::kuduSiteHasNoAbort()
{
    AgentProcess agent;
    QVERIFY2(startKuduSite(agent), qPrintable(agent.failure()));
    const std::unique_ptr<RemoteJobService> service = connectTo(optionsFor(agent));
    QVERIFY(service);
    QVERIFY(!service->capabilities().testFlag(JobService::Capability::AbortRun));

    QVERIFY(add(*service, JobType::Triggered, u"busy"_s, writeScript(u"run.sh"_s, "sleep 600")).ok());
    const ServiceReply first = await(service->triggerRun(u"busy"_s));
    QVERIFY(first.ok());
    // Refused before anything is sent, with the reason: the view hides the action.
    const ServiceReply abort = await(service->abortRun(u"busy"_s, first.runId));
    QCOMPARE(abort.error.code, ServiceError::Code::BadRequest);
    QVERIFY2(abort.error.message.contains(u"cannot abort a run"_s), qPrintable(abort.error.message));
    // The second run's refusal does not suggest aborting.
    const ServiceReply second = await(service->triggerRun(u"busy"_s));
    QCOMPARE(second.error.code, ServiceError::Code::Conflict);
    QCOMPARE(second.error.message, u"The job busy is already running: wait for its run to end, then run it again."_s);
    QCOMPARE(agent.terminate(), 0);
}

void TestRemoteJobService::kuduSiteGetsRecurrencesAsCron()
{
    AgentProcess agent;
    QVERIFY2(startKuduSite(agent), qPrintable(agent.failure()));
    const std::unique_ptr<RemoteJobService> service = connectTo(optionsFor(agent));
    QVERIFY(service);
    QVERIFY(!service->capabilities().testFlag(JobService::Capability::Recurrence));

    const auto recurrence
        = [](const char* json) { return JobSettings::fromJsonObject(QJsonDocument::fromJson(json).object()); };
    // Daily at 09:30 from a past start: the same runs as "0 30 9 * * *".
    const JobSettings daily = recurrence(
        R"({"recurrence": {"startTime": "2024-01-01T09:30:00Z", "recurrence": {"frequency": "day"}}, "x": 1})");
    QVERIFY(add(*service, JobType::Triggered, u"daily"_s, writeScript(u"run.sh"_s, "echo"), daily).ok());
    const JobSettings stored = await(service->settings(JobType::Triggered, u"daily"_s));
    QCOMPARE(stored.schedule(), u"0 30 9 * * *"_s);
    QVERIFY(!stored.contains(u"recurrence"_s));
    QCOMPARE(stored.value(u"x"_s).toInt(), 1);
    // What the site itself serves, as another client reads it.
    const HttpResponse onSite = agent.get(u"/api/triggeredwebjobs/daily/settings"_s);
    QCOMPARE(onSite.json().value(u"schedule"_s).toString(), u"0 30 9 * * *"_s);

    // Every 2 weeks cannot be written: refused with the reason, the job keeps its schedule.
    const JobSettings fortnightly = recurrence(
        R"({"recurrence": {"startTime": "2024-01-01T09:30:00Z", "recurrence": {"frequency": "week", "interval": 2}}})");
    const ServiceReply refused = await(service->setSettings(JobType::Triggered, u"daily"_s, fortnightly));
    QCOMPARE(refused.error.code, ServiceError::Code::BadRequest);
    QVERIFY2(refused.error.message.contains(u"only understands NCRONTAB schedules"_s)
            && refused.error.message.contains(u"every 2 week"_s),
        qPrintable(refused.error.message));
    QCOMPARE(await(service->settings(JobType::Triggered, u"daily"_s)).schedule(), u"0 30 9 * * *"_s);
    // And a new job with it is not created.
    const ServiceError notAdded
        = add(*service, JobType::Triggered, u"fortnightly"_s, writeScript(u"run.sh"_s, "echo"), fortnightly);
    QCOMPARE(notAdded.code, ServiceError::Code::BadRequest);
    QCOMPARE(await(service->jobs()).size(), 1);

    // A cron schedule in another time zone would run at UTC times on a site: refused too.
    JobSettings paris;
    paris.setSchedule(u"0 0 9 * * *"_s);
    paris.setTimeZone(u"Europe/Paris"_s);
    const ServiceReply zoned = await(service->setSettings(JobType::Triggered, u"daily"_s, paris));
    QCOMPARE(zoned.error.code, ServiceError::Code::BadRequest);
    QVERIFY2(zoned.error.message.contains(u"Europe/Paris"_s), qPrintable(zoned.error.message));
    QCOMPARE(agent.terminate(), 0);
}

void TestRemoteJobService::wrongPassword()
{
    AgentProcess agent;
    QVERIFY2(agent.start(), qPrintable(agent.failure()));
    RemoteJobService::Options options = optionsFor(agent);
    options.password = u"wrong"_s;
    RemoteJobService service(options);
    QSignalSpy states(&service, &JobService::stateChanged);
    QCOMPARE(service.state(), JobService::State::Connecting);
    QTRY_COMPARE_WITH_TIMEOUT(service.state(), JobService::State::Failed, 30000);
    QCOMPARE(states.size(), 1);
    QVERIFY2(service.errorString().contains(u"refused the user name or password"_s), qPrintable(service.errorString()));
    QCOMPARE(agent.terminate(), 0);
}

// A job changed and then removed by another client: the service fetches it after the change;
// when the removal's event comes while that answer (read before the removal) is still on its
// way, the answer must not bring the job back.
void TestRemoteJobService::removedJobIsNotBroughtBackByAStaleAnswer()
{
    AgentProcess agent;
    QVERIFY2(agent.start(), qPrintable(agent.failure()));
    HoldingProxy proxy(agent.port());
    RemoteJobService::Options options = optionsFor(agent);
    options.url = proxy.url();
    const std::unique_ptr<RemoteJobService> service = connectTo(options);
    QVERIFY(service);
    QVERIFY(add(*service, JobType::Triggered, u"doomed"_s, writeScript(u"run.sh"_s, "echo")).ok());
    QSignalSpy added(service.get(), &JobService::jobAdded);
    QSignalSpy removed(service.get(), &JobService::jobRemoved);

    // Another client changes it: the service asks for it, and the answer is held on its way.
    proxy.hold("GET /api/triggeredwebjobs/doomed ");
    QCOMPARE(agent.request("PUT", u"/api/triggeredwebjobs/doomed/settings"_s, R"({"a": 1})").status, 200);
    QTRY_VERIFY_WITH_TIMEOUT(proxy.isHolding(), 10000);
    // Then removes it: the service says so.
    QCOMPARE(agent.request("DELETE", u"/api/triggeredwebjobs/doomed"_s).status, 200);
    QTRY_COMPARE_WITH_TIMEOUT(removed.size(), 1, 10000);

    // The stale answer arrives: the job stays gone.
    proxy.release();
    QTest::qWait(500);
    QVERIFY(added.isEmpty());
    QVERIFY(await(service->jobs()).isEmpty());
}

void TestRemoteJobService::reconnectsAfterTheAgentRestarts()
{
    // The first agent object keeps the data folder for the second.
    AgentProcess first;
    AgentProcess* agent = &first;
    QVERIFY2(agent->start(), qPrintable(agent->failure()));
    RemoteJobService::Options options = optionsFor(*agent);
    options.reconnectMinimum = 200;
    options.reconnectMaximum = 1000;
    const std::unique_ptr<RemoteJobService> service = connectTo(options);
    QVERIFY(service);
    QVERIFY(add(*service, JobType::Triggered, u"kept"_s, writeScript(u"run.sh"_s, "echo")).ok());

    // The agent stops: the state says so, and the service keeps trying.
    QSignalSpy states(service.get(), &JobService::stateChanged);
    QSignalSpy reset(service.get(), &JobService::resetNeeded);
    const QString dataRoot = agent->dataRoot();
    const quint16 port = agent->port();
    QCOMPARE(agent->terminate(), 0);
    QTRY_COMPARE_WITH_TIMEOUT(service->state(), JobService::State::Reconnecting, 30000);
    QVERIFY2(service->errorString().contains(u"was lost"_s), qPrintable(service->errorString()));
    QCOMPARE(JobService::stateText(service->state()), u"Reconnecting…"_s);

    // An upload meanwhile fails with a sentence that says so.
    const ServiceError failed = add(*service, JobType::Triggered, u"late"_s, writeScript(u"run.sh"_s, "echo"));
    QCOMPARE(failed.code, ServiceError::Code::Internal);
    QVERIFY2(failed.message.contains(u"could not finish"_s), qPrintable(failed.message));
    QCOMPARE(service->state(), JobService::State::Reconnecting);

    // It comes back on the same address: live again, the views are told to reload.
    AgentProcess second;
    agent = &second;
    AgentProcess::Options again;
    again.dataRoot = dataRoot;
    again.arguments = {u"--listen"_s, u"127.0.0.1:"_s + QString::number(port)};
    QVERIFY2(agent->start(again), qPrintable(agent->failure()));
    QTRY_COMPARE_WITH_TIMEOUT(service->state(), JobService::State::Ready, 30000);
    QVERIFY(service->errorString().isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(!reset.isEmpty(), 10000);
    QCOMPARE(states.first().first().value<JobService::State>(), JobService::State::Reconnecting);
    QCOMPARE(states.last().first().value<JobService::State>(), JobService::State::Ready);
    const QList<JobEntry> entries = await(service->jobs());
    QCOMPARE(entries.size(), 1);
    QCOMPARE(entries.at(0).job.name(), u"kept"_s);

    // And the event stream follows the agent again: a job added by another client appears.
    QSignalSpy added(service.get(), &JobService::jobAdded);
    QCOMPARE(agent->upload(u"/api/triggeredwebjobs/other"_s, script("echo"), u"run.sh"_s).status, 200);
    QTRY_VERIFY_WITH_TIMEOUT(!added.isEmpty(), 10000);
    QCOMPARE(added.at(0).at(0).value<JobEntry>().job.name(), u"other"_s);
    QCOMPARE(agent->terminate(), 0);
}

void TestRemoteJobService::uploadCutOffSaysSo()
{
    AgentProcess agent;
    QVERIFY2(agent.start(), qPrintable(agent.failure()));
    const std::unique_ptr<RemoteJobService> service = connectTo(optionsFor(agent));
    QVERIFY(service);

    // 64 MB: the agent dies while it arrives.
    QFile big(m_files.filePath(u"big.bin"_s));
    QVERIFY(big.open(QIODevice::WriteOnly | QIODevice::Truncate));
    const QByteArray block(1 << 20, 'x');
    for (int i = 0; i < 64; ++i)
        big.write(block);
    big.close();
    AddJobOperation* operation = service->addJob(JobType::Triggered, u"big"_s, big.fileName(), false);
    QSignalSpy finished(operation, &AddJobOperation::finished);
    connect(operation, &AddJobOperation::progress, this, [&agent](qint64 done) {
        if (done > 0 && agent.isRunning())
            agent.kill();
    });
    QVERIFY(finished.wait(60000));
    const auto error = finished.at(0).at(0).value<ServiceError>();
    QVERIFY(!error.ok());
    QVERIFY2(error.message.startsWith(u"The upload of big.bin could not finish"_s), qPrintable(error.message));
    QTRY_COMPARE_WITH_TIMEOUT(service->state(), JobService::State::Reconnecting, 30000);
}

void TestRemoteJobService::uploadOverTheLimit()
{
    AgentProcess agent;
    AgentProcess::Options agentOptions;
    agentOptions.arguments = {u"--max-upload-size"_s, u"1K"_s};
    QVERIFY2(agent.start(agentOptions), qPrintable(agent.failure()));
    const std::unique_ptr<RemoteJobService> service = connectTo(optionsFor(agent));
    QVERIFY(service);
    const QString script = writeScript(u"large.sh"_s, "echo large\n# " + QByteArray(64 * 1024, 'x'));
    const ServiceError error = add(*service, JobType::Triggered, u"large"_s, script);
    QCOMPARE(error.code, ServiceError::Code::BadRequest);
    QVERIFY2(error.message.startsWith(u"The package large.sh (64"_s), qPrintable(error.message));
    QVERIFY2(error.message.contains(u"is larger than"_s) && error.message.contains(u"--max-upload-size"_s),
        qPrintable(error.message));
    // Still connected: the refusal was an answer.
    QCOMPARE(service->state(), JobService::State::Ready);
    QVERIFY(await(service->jobs()).isEmpty());
    QCOMPARE(agent.terminate(), 0);
}

void TestRemoteJobService::notAKuduEndpoint_data()
{
    QTest::addColumn<QByteArray>("response");
    QTest::addColumn<QString>("status");
    QTest::newRow("a web page") << httpResponse(
        "200 OK", "text/html; charset=utf-8", "<!DOCTYPE html><html><body>Welcome</body></html>")
                                << u"HTTP 200"_s;
    QTest::newRow("another JSON API") << httpResponse(
        "200 OK", "application/json", R"({"status": "ok", "items": [1, 2]})")
                                      << u"HTTP 200"_s;
    QTest::newRow("an array of something else")
        << httpResponse("200 OK", "application/json", R"([{"id": 1}, {"id": 2}])") << u"HTTP 200"_s;
    QTest::newRow("nothing at that path")
        << httpResponse("404 Not Found", "text/html", "<html>Not Found</html>") << u"HTTP 404"_s;
}

void TestRemoteJobService::notAKuduEndpoint()
{
    QFETCH(QByteArray, response);
    QFETCH(QString, status);
    FixedHttpServer server(response);
    QVERIFY(server.listen(QHostAddress::LocalHost));
    RemoteJobService::Options options;
    options.url = server.url();
    RemoteJobService service(options);
    QTRY_COMPARE_WITH_TIMEOUT(service.state(), JobService::State::Failed, 30000);
    QVERIFY2(
        service.errorString().startsWith(u"This server does not answer like a Kudu/WebJobs endpoint: check the URL"_s),
        qPrintable(service.errorString()));
    QVERIFY2(service.errorString().contains(status), qPrintable(service.errorString()));
}

void TestRemoteJobService::unreachableHost()
{
    QTcpServer closed;
    QVERIFY(closed.listen(QHostAddress::LocalHost));
    const quint16 port = closed.serverPort();
    closed.close();
    RemoteJobService::Options options;
    options.url = QUrl(u"http://127.0.0.1:%1"_s.arg(port));
    RemoteJobService service(options);
    QTRY_COMPARE_WITH_TIMEOUT(service.state(), JobService::State::Failed, 30000);
    QVERIFY2(service.errorString().contains(u"refused the connection"_s), qPrintable(service.errorString()));
}

void TestRemoteJobService::silentHostTimesOut()
{
    FixedHttpServer silent({});
    QVERIFY(silent.listen(QHostAddress::LocalHost));
    RemoteJobService::Options options;
    options.url = silent.url();
    options.transferTimeout = 1000;
    RemoteJobService service(options);
    QTRY_COMPARE_WITH_TIMEOUT(service.state(), JobService::State::Failed, 30000);
    QVERIFY2(service.errorString().contains(u"did not answer within 1 second"_s), qPrintable(service.errorString()));
}

void TestRemoteJobService::selfSignedCertificate()
{
    const QString openssl = QStandardPaths::findExecutable(u"openssl"_s);
    if (openssl.isEmpty())
        QSKIP("openssl is needed to make a test certificate");
    const QString keyPath = m_files.filePath(u"key.pem"_s);
    const QString certificatePath = m_files.filePath(u"cert.pem"_s);
    QProcess generate;
    generate.start(openssl,
        {u"req"_s, u"-x509"_s, u"-newkey"_s, u"rsa:2048"_s, u"-nodes"_s, u"-keyout"_s, keyPath, u"-out"_s,
            certificatePath, u"-days"_s, u"2"_s, u"-subj"_s, u"/CN=127.0.0.1"_s});
    QVERIFY(generate.waitForFinished(60000));
    QCOMPARE(generate.exitCode(), 0);
    const QList<QSslCertificate> certificates = QSslCertificate::fromPath(certificatePath);
    QCOMPARE(certificates.size(), 1);

    AgentProcess agent;
    AgentProcess::Options agentOptions;
    agentOptions.arguments = {u"--tls-cert"_s, certificatePath, u"--tls-key"_s, keyPath};
    QVERIFY2(agent.start(agentOptions), qPrintable(agent.failure()));
    QVERIFY(agent.baseUrl().startsWith(u"https://"_s));

    // The system does not trust it: the state fails and the certificate is offered for a decision.
    RemoteJobService service(optionsFor(agent));
    QSignalSpy problem(&service, &RemoteJobService::certificateProblem);
    QTRY_COMPARE_WITH_TIMEOUT(service.state(), JobService::State::Failed, 30000);
    QCOMPARE(problem.size(), 1);
    QCOMPARE(problem.at(0).at(1).value<QSslCertificate>(), certificates.first());
    QVERIFY(!problem.at(0).at(0).value<QList<QSslError>>().isEmpty());
    QVERIFY2(service.errorString().contains(u"is not trusted"_s), qPrintable(service.errorString()));

    // Accepted once: connected, for this session.
    service.acceptCertificate(certificates.first());
    QTRY_COMPARE_WITH_TIMEOUT(service.state(), JobService::State::Ready, 30000);
    QVERIFY(await(service.jobs()).isEmpty());
    QCOMPARE(service.acceptedCertificates(), certificates);

    // Kept by the caller and given back next time: connected at once.
    RemoteJobService::Options trusted = optionsFor(agent);
    trusted.trustedCertificates = service.acceptedCertificates();
    const std::unique_ptr<RemoteJobService> next = connectTo(trusted);
    QVERIFY(next);
    QCOMPARE(agent.terminate(), 0);
}

void TestRemoteJobService::warnsAboutPlainHttpToAnotherHost()
{
    const auto insecure = [](const QString& url) {
        RemoteJobService::Options options;
        options.url = QUrl(url);
        options.transferTimeout = 500;
        const RemoteJobService service(options);
        return std::pair(service.isInsecure(), service.insecureWarning());
    };
    const auto [remote, warning] = insecure(u"http://192.0.2.10:8181"_s);
    QVERIFY(remote);
    QVERIFY2(warning.contains(u"not encrypted"_s) && warning.contains(u"https://"_s), qPrintable(warning));
    QVERIFY(!insecure(u"https://192.0.2.10:8181"_s).first);
    QVERIFY(!insecure(u"http://127.0.0.1:8181"_s).first);
    QVERIFY(!insecure(u"http://localhost:8181"_s).first);
    QVERIFY(!insecure(u"http://[::1]:8181"_s).first);
}

QTEST_GUILESS_MAIN(TestRemoteJobService)
#include "TestRemoteJobService.moc"
