// The webjobs-agent process from start to stop: its command-line refusals (exit code 2),
// password file and TLS, WEBJOBS_STOPPED, a graceful SIGTERM that leaves no job process, and
// the crash test: SIGKILL mid-run, restart on the same data, the run reads Aborted and the
// continuous job is Running again with exactly one process.

#include "core/host/ProcessReaper.h"
#include "core/util/BasicAuth.h"
#include "tests/support/AgentProcess.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace WebJobs;
using namespace WebJobs::Test;

namespace {

struct Exit
{
    int code = -1;
    QString err;
};

Exit runAgent(const QStringList& arguments, const QMap<QString, QString>& environment = {})
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"LANGUAGE"_s, u"en"_s);
    env.remove(u"WEBJOBS_AGENT_PASSWORD"_s);
    env.remove(u"WEBJOBS_AGENT_USER"_s);
    for (auto it = environment.begin(); it != environment.end(); ++it)
        env.insert(it.key(), it.value());
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(WEBJOBS_AGENT_PATH), arguments);
    if (!process.waitForFinished(30000)) {
        process.kill();
        process.waitForFinished();
        return {};
    }
    return {process.exitCode(), QString::fromUtf8(process.readAllStandardError())};
}

bool statusIs(const HttpResponse& response, const QString& status)
{
    return response.json().value(u"status"_s).toString() == status;
}

} // namespace

class TestAgentLifecycle : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void refusals_data();
    void refusals();
    void passwordFile();
    void loopbackWithoutCredentials();
    void anyAddressWithCredentials();
    void tls();
    void jobsStoppedSwitch();
    void sigtermStopsJobsGracefully();
    void crashRecovery();

private:
    QTemporaryDir m_temp;
};

void TestAgentLifecycle::refusals_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("password");
    QTest::addColumn<QString>("mentions");
    const QString data = m_temp.filePath(u"refused"_s);
    QTest::newRow("any address without credentials")
        << QStringList {u"--data"_s, data, u"--listen"_s, u"0.0.0.0:0"_s} << QString() << u"Refusing to listen"_s;
    QTest::newRow("IPv6 any without credentials")
        << QStringList {u"--data"_s, data, u"--listen"_s, u"[::]:0"_s} << QString() << u"Refusing to listen"_s;
    QTest::newRow("public address without credentials")
        << QStringList {u"--data"_s, data, u"--listen"_s, u"192.0.2.10:8181"_s} << QString() << u"192.0.2.10"_s;
    QTest::newRow("password on the command line") << QStringList {u"--data"_s, data, u"--user"_s, u"a"_s,
        u"--password"_s, u"x"_s} << QString() << u"never taken from the command line"_s;
    QTest::newRow("user without password")
        << QStringList {u"--data"_s, data, u"--user"_s, u"a"_s} << QString() << u"--password-file"_s;
    QTest::newRow("password without user") << QStringList {u"--data"_s, data} << u"secret"_s << u"--user"_s;
    QTest::newRow("missing password file") << QStringList {u"--data"_s, data, u"--user"_s, u"a"_s, u"--password-file"_s,
        data + u"/none"_s} << QString() << u"Cannot read the password file"_s;
    QTest::newRow("bad listen") << QStringList {u"--data"_s, data, u"--listen"_s, u"localhost:http"_s} << QString()
                                << u"localhost:http"_s;
    QTest::newRow("certificate without key")
        << QStringList {u"--data"_s, data, u"--tls-cert"_s, u"c.pem"_s} << QString() << u"--tls-key"_s;
    QTest::newRow("bad size") << QStringList {u"--data"_s, data, u"--max-upload-size"_s, u"big"_s} << QString()
                              << u"big"_s;
    QTest::newRow("stray argument") << QStringList {u"--data"_s, data, u"serve"_s} << QString() << u"serve"_s;
}

void TestAgentLifecycle::refusals()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, password);
    QFETCH(QString, mentions);
    QMap<QString, QString> environment;
    if (!password.isEmpty())
        environment.insert(u"WEBJOBS_AGENT_PASSWORD"_s, password);
    const Exit exit = runAgent(arguments, environment);
    QCOMPARE(exit.code, 2);
    QVERIFY2(exit.err.contains(mentions), qPrintable(exit.err));
    QVERIFY(!QFileInfo::exists(m_temp.filePath(u"refused/webjobs.db"_s))); // nothing was started
}

void TestAgentLifecycle::passwordFile()
{
    QFile file(m_temp.filePath(u"password"_s));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("from-the-file\n");
    file.close();
    // Readable by others, the file is refused (docs/security.md); the agent's user's only, used.
    QVERIFY(file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner));
    AgentProcess agent;
    AgentProcess::Options options;
    options.authentication = false;
    options.arguments = {u"--user"_s, u"ops"_s, u"--password-file"_s, file.fileName()};
    QVERIFY2(agent.start(options), qPrintable(agent.failure()));
    QCOMPARE(agent.get(u"/api/webjobs"_s).status, 401);
    QCOMPARE(
        agent.request("GET", u"/api/webjobs"_s, {}, {}, BasicAuth::headerValue(u"ops"_s, u"from-the-file"_s)).status,
        200);
    QCOMPARE(
        agent.request("GET", u"/api/webjobs"_s, {}, {}, BasicAuth::headerValue(u"ops"_s, u"from-the-file\n"_s)).status,
        401);
    QCOMPARE(agent.terminate(), 0);
}

void TestAgentLifecycle::loopbackWithoutCredentials()
{
    AgentProcess agent;
    AgentProcess::Options options;
    options.authentication = false;
    QVERIFY2(agent.start(options), qPrintable(agent.failure()));
    QCOMPARE(agent.get(u"/api/webjobs"_s).status, 200);
    QCOMPARE(agent.terminate(), 0);
}

void TestAgentLifecycle::anyAddressWithCredentials()
{
    AgentProcess agent;
    AgentProcess::Options options;
    options.arguments = {u"--listen"_s, u"*:0"_s}; // the last --listen wins
    QVERIFY2(agent.start(options), qPrintable(agent.failure()));
    QCOMPARE(agent.raw("GET /api/webjobs HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").status, 401);
    QCOMPARE(agent.terminate(), 0);
}

void TestAgentLifecycle::tls()
{
    const QString openssl = QStandardPaths::findExecutable(u"openssl"_s);
    if (openssl.isEmpty())
        QSKIP("openssl is needed to make a test certificate");
    const QString key = m_temp.filePath(u"key.pem"_s);
    const QString certificate = m_temp.filePath(u"cert.pem"_s);
    QProcess generate;
    generate.start(openssl,
        {u"req"_s, u"-x509"_s, u"-newkey"_s, u"rsa:2048"_s, u"-nodes"_s, u"-keyout"_s, key, u"-out"_s, certificate,
            u"-days"_s, u"2"_s, u"-subj"_s, u"/CN=127.0.0.1"_s});
    QVERIFY(generate.waitForFinished(60000));
    QCOMPARE(generate.exitCode(), 0);

    AgentProcess agent;
    AgentProcess::Options options;
    options.arguments = {u"--tls-cert"_s, certificate, u"--tls-key"_s, key};
    QVERIFY2(agent.start(options), qPrintable(agent.failure()));
    QVERIFY(agent.baseUrl().startsWith(u"https://"_s));
    QCOMPARE(agent.get(u"/api/webjobs"_s).status, 200);
    const HttpResponse created = agent.upload(u"/api/triggeredwebjobs/secure"_s, script("echo tls"), u"run.sh"_s);
    QCOMPARE(created.status, 200);
    QVERIFY(created.json().value(u"url"_s).toString().startsWith(u"https://127.0.0.1:"_s));
    // Plain HTTP gets no answer from a TLS port.
    QVERIFY(agent.raw("GET /api/webjobs HTTP/1.1\r\nHost: x\r\n\r\n", 3000).status != 200);
    QCOMPARE(agent.terminate(), 0);
}

void TestAgentLifecycle::jobsStoppedSwitch()
{
    AgentProcess agent;
    AgentProcess::Options options;
    options.environment.insert(u"WEBJOBS_STOPPED"_s, u"1"_s);
    QVERIFY2(agent.start(options), qPrintable(agent.failure()));
    QCOMPARE(agent.upload(u"/api/triggeredwebjobs/t"_s, script("echo"), u"run.sh"_s).status, 200);
    const HttpResponse run = agent.request("POST", u"/api/triggeredwebjobs/t/run"_s);
    QCOMPARE(run.status, 409);
    QCOMPARE(run.header("Content-Type"), "text/plain; charset=utf-8"_ba);
    QCOMPARE(run.body, "WebJobs are currently in \"stopped\" state."_ba);
    QCOMPARE(agent.upload(u"/api/continuouswebjobs/c"_s, script("exec sleep 600"), u"run.sh"_s).status, 200);
    const HttpResponse continuous
        = agent.waitFor(u"/api/continuouswebjobs/c"_s, [](const HttpResponse& r) { return statusIs(r, u"Stopped"_s); });
    QCOMPARE(continuous.json().value(u"status"_s).toString(), u"Stopped"_s);
    QCOMPARE(ProcessReaper::countMarked(agent.marker()), 0);
    QCOMPARE(agent.terminate(), 0);
}

void TestAgentLifecycle::sigtermStopsJobsGracefully()
{
    const QString traces = m_temp.filePath(u"traces"_s);
    QDir().mkpath(traces);
    AgentProcess agent;
    AgentProcess::Options options;
    // Jobs see what the administrator gives them explicitly, not the agent's environment.
    options.environment.insert(u"WEBJOBS_JOB_ENV_TEST_TRACES"_s, traces);
    QVERIFY2(agent.start(options), qPrintable(agent.failure()));

    // A continuous job that notices the graceful stop and says so.
    const QByteArray graceful = script("trap 'echo graceful > \"$TEST_TRACES/continuous\"; exit 0' TERM\n"
                                       "while true; do sleep 0.1; done");
    QCOMPARE(agent.upload(u"/api/continuouswebjobs/worker"_s, graceful, u"run.sh"_s).status, 200);
    QCOMPARE(agent.upload(u"/api/triggeredwebjobs/long"_s, script("exec sleep 600"), u"run.sh"_s).status, 200);
    const HttpResponse started = agent.request("POST", u"/api/triggeredwebjobs/long/run"_s);
    QCOMPARE(started.status, 202);
    const QString runId = QString::fromUtf8(started.header("Location")).section(u'/', -1);
    QCOMPARE(agent
                 .waitFor(u"/api/continuouswebjobs/worker"_s,
                     [](const HttpResponse& r) { return statusIs(r, u"Running"_s); })
                 .json()
                 .value(u"status"_s)
                 .toString(),
        u"Running"_s);
    QCOMPARE(agent
                 .waitFor(u"/api/triggeredwebjobs/long/history/"_s + runId,
                     [](const HttpResponse& r) { return statusIs(r, u"Running"_s); })
                 .json()
                 .value(u"status"_s)
                 .toString(),
        u"Running"_s);
    const QString marker = agent.marker();
    QVERIFY(ProcessReaper::countMarked(marker) >= 2);

    QCOMPARE(agent.terminate(), 0);
    QCOMPARE(ProcessReaper::countMarked(marker), 0);
    QFile trace(traces + u"/continuous"_s);
    QVERIFY2(trace.open(QIODevice::ReadOnly), "the continuous job was not stopped gracefully");
    QCOMPARE(trace.readAll().trimmed(), "graceful"_ba);

    // The interrupted run is recorded, and the continuous job comes back with the agent.
    AgentProcess again;
    AgentProcess::Options same = options;
    same.dataRoot = agent.dataRoot();
    QVERIFY2(again.start(same), qPrintable(again.failure()));
    const OrderedJson run = again.get(u"/api/triggeredwebjobs/long/history/"_s + runId).json();
    QCOMPARE(run.value(u"status"_s).toString(), u"Aborted"_s);
    QCOMPARE(again
                 .waitFor(u"/api/continuouswebjobs/worker"_s,
                     [](const HttpResponse& r) { return statusIs(r, u"Running"_s); })
                 .json()
                 .value(u"status"_s)
                 .toString(),
        u"Running"_s);
    QCOMPARE(again.terminate(), 0);
    QCOMPARE(ProcessReaper::countMarked(marker), 0);
}

void TestAgentLifecycle::crashRecovery()
{
    AgentProcess agent;
    QVERIFY2(agent.start(), qPrintable(agent.failure()));
    QCOMPARE(agent.upload(u"/api/continuouswebjobs/worker"_s, script("exec sleep 600"), u"run.sh"_s).status, 200);
    QCOMPARE(agent.upload(u"/api/triggeredwebjobs/long"_s, script("exec sleep 600"), u"run.sh"_s).status, 200);
    const HttpResponse started = agent.request("POST", u"/api/triggeredwebjobs/long/run"_s);
    QCOMPARE(started.status, 202);
    const QString runId = QString::fromUtf8(started.header("Location")).section(u'/', -1);
    QCOMPARE(agent
                 .waitFor(u"/api/triggeredwebjobs/long/history/"_s + runId,
                     [](const HttpResponse& r) { return statusIs(r, u"Running"_s); })
                 .json()
                 .value(u"status"_s)
                 .toString(),
        u"Running"_s);
    QCOMPARE(agent
                 .waitFor(u"/api/continuouswebjobs/worker"_s,
                     [](const HttpResponse& r) { return statusIs(r, u"Running"_s); })
                 .json()
                 .value(u"status"_s)
                 .toString(),
        u"Running"_s);
    const QString marker = agent.marker();

    agent.kill(); // SIGKILL: no chance to clean up

    AgentProcess again;
    AgentProcess::Options options;
    options.dataRoot = agent.dataRoot();
    QVERIFY2(again.start(options), qPrintable(again.failure()));
    QCOMPARE(again.marker(), marker); // same data, same instance

    const OrderedJson run = again.get(u"/api/triggeredwebjobs/long/history/"_s + runId).json();
    QCOMPARE(run.value(u"status"_s).toString(), u"Aborted"_s);
    QVERIFY(run.value(u"end_time"_s).toString() != u"0001-01-01T00:00:00"_s);
    const HttpResponse output = again.get(QUrl(run.value(u"output_url"_s).toString()).path());
    QVERIFY2(output.body.contains("Aborted"), output.body.constData());

    const HttpResponse worker = again.waitFor(
        u"/api/continuouswebjobs/worker"_s, [](const HttpResponse& r) { return statusIs(r, u"Running"_s); });
    QCOMPARE(worker.json().value(u"status"_s).toString(), u"Running"_s);
    QCOMPARE(ProcessReaper::countMarked(marker), 1);
    // A new run can start: the old one no longer holds the job.
    QCOMPARE(again.request("POST", u"/api/triggeredwebjobs/long/run"_s).status, 202);
    QCOMPARE(again.terminate(), 0);
    QCOMPARE(ProcessReaper::countMarked(marker), 0);
}

QTEST_GUILESS_MAIN(TestAgentLifecycle)
#include "TestAgentLifecycle.moc"
