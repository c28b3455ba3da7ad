// The webjobs program as administrators and scripts run it: each test starts the real
// executable (QProcess) on a local data folder in a temporary directory, with real zips and
// real job processes. Home folders (XDG_DATA_HOME, XDG_CONFIG_HOME) point into the temporary
// directory too, and the session bus nowhere, so that no test reads or writes the user's data,
// settings or keychain.

#include "core/host/HostOptions.h"
#include "core/host/ProcessReaper.h"
#include "core/model/Instant.h"
#include "core/service/LocalJobService.h"
#include "tests/support/AgentProcess.h"
#include "tests/support/ZipBuilder.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>
#include <QTranslator>

#include <csignal>
#include <memory>

using namespace Qt::StringLiterals;
using namespace WebJobs;

namespace {

struct Result
{
    int exitCode = -1;
    QString out;
    QString err;
};

QStringList lines(const QString& text)
{
    return text.split(u'\n', Qt::SkipEmptyParts);
}

QByteArray script(const QByteArray& body)
{
    return "#!/bin/bash\n" + body + '\n';
}

// Prints its arguments, then exits with the status in its first argument when it is a number.
const QByteArray EchoScript = script(R"(echo "hello $*"; echo "warning" >&2; case "$1" in [0-9]*) exit "$1";; esac)");
// Prints "first", waits until the file named by its argument exists, then prints "second".
const QByteArray HandshakeScript = script(R"(echo first; while [ ! -e "$1" ]; do sleep 0.05; done; echo second)");
const QByteArray TickerScript = script(R"(i=0; while true; do echo "tick $i"; i=$((i+1)); sleep 0.1; done)");

} // namespace

class TestCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void versionAndHelp();
    void addsAndListsInTableAndJson();
    void usesTheConsolesDataFolderByDefault();
    void runWaitExitsWithTheRunsStatus_data();
    void runWaitExitsWithTheRunsStatus();
    void runWaitStreamsTheLogWhileRunning();
    void ctrlCEndsRunWait();
    void runWithoutWaitOnTheLocalHostWaitsQuietly();
    void historyHonoursLimitInLocalTime();
    void logsOfLatestAndGivenRun();
    void settingsSetTypedValues();
    void deletesJob();
    void followsContinuousLogUntilCtrlC();
    void localCommandsRunNoContinuousJob();
    void oneHostRunsTheJobsOfAFolder();
    void badInputIsASentenceAndStatus2_data();
    void badInputIsASentenceAndStatus2();
    void errorsInFrench_data();
    void errorsInFrench();
    void refusesPasswordFileOthersCanRead();
    void resolvesSavedConnections();
    void managesARealAgent();

private:
    QProcessEnvironment environment(const QString& language = u"en"_s) const;
    Result webjobs(
        const QStringList& arguments, const QString& language = u"en"_s, const QProcessEnvironment& extra = {}) const;
    // `webjobs --data <data> …`
    Result local(const QStringList& arguments, const QString& language = u"en"_s) const;
    QString dataRoot() const { return m_home->filePath(u"data"_s); }
    QString writeZip(const QString& name, const QByteArray& runScript) const;
    bool addJob(const QString& name, const QByteArray& runScript, const QString& type = u"triggered"_s) const;

    std::unique_ptr<QTemporaryDir> m_home;
};

void TestCli::init()
{
    m_home = std::make_unique<QTemporaryDir>();
    QVERIFY(m_home->isValid());
}

void TestCli::cleanup()
{
    m_home.reset();
}

QProcessEnvironment TestCli::environment(const QString& language) const
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"LANGUAGE"_s, language);
    environment.insert(u"LANG"_s, language == u"fr" ? u"fr_FR.UTF-8"_s : u"en_US.UTF-8"_s);
    environment.insert(u"XDG_DATA_HOME"_s, m_home->filePath(u"share"_s));
    environment.insert(u"XDG_CONFIG_HOME"_s, m_home->filePath(u"config"_s));
    environment.insert(u"DBUS_SESSION_BUS_ADDRESS"_s, u"unix:path="_s + m_home->filePath(u"no-bus"_s));
    environment.remove(u"WEBJOBS_PASSWORD"_s);
    return environment;
}

Result TestCli::webjobs(const QStringList& arguments, const QString& language, const QProcessEnvironment& extra) const
{
    QProcess process;
    QProcessEnvironment env = environment(language);
    for (const QString& key : extra.keys())
        env.insert(key, extra.value(key));
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(WEBJOBS_CLI_PATH), arguments);
    if (!process.waitForStarted())
        return {};
    process.closeWriteChannel();
    if (!process.waitForFinished(120000))
        process.kill();
    return {process.exitCode(), QString::fromUtf8(process.readAllStandardOutput()),
        QString::fromUtf8(process.readAllStandardError())};
}

Result TestCli::local(const QStringList& arguments, const QString& language) const
{
    return webjobs(QStringList {u"--data"_s, dataRoot()} + arguments, language);
}

QString TestCli::writeZip(const QString& name, const QByteArray& runScript) const
{
    const QString path = m_home->filePath(name + u".zip"_s);
    return Test::writeZip(path, {Test::ZipEntry::file(u"run.sh"_s, runScript, 0755)}) ? path : QString();
}

bool TestCli::addJob(const QString& name, const QByteArray& runScript, const QString& type) const
{
    const Result result = local({u"add"_s, name, writeZip(name, runScript), u"--type"_s, type});
    if (result.exitCode != 0)
        qWarning().noquote() << "add" << name << "failed:" << result.err;
    return result.exitCode == 0;
}

void TestCli::versionAndHelp()
{
    const Result version = webjobs({u"--version"_s});
    QCOMPARE(version.exitCode, 0);
    QCOMPARE(version.out.trimmed(), u"webjobs "_s + QStringLiteral(WEBJOBS_VERSION));

    const Result help = webjobs({u"--help"_s});
    QCOMPARE(help.exitCode, 0);
    QVERIFY2(help.out.startsWith(u"Usage: webjobs "_s), qPrintable(help.out));
    for (const auto& command : {u"list"_s, u"show"_s, u"add"_s, u"delete"_s, u"run"_s, u"start"_s, u"stop"_s,
             u"history"_s, u"logs"_s, u"settings"_s, u"--connect"_s, u"--json"_s, u"--password-file"_s})
        QVERIFY2(help.out.contains(command), qPrintable(command));

    // A command's help shows its own options, and not another command's.
    for (const QStringList& arguments : {QStringList {u"run"_s, u"--help"_s}, QStringList {u"help"_s, u"run"_s}}) {
        const Result run = webjobs(arguments);
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.startsWith(u"Usage: webjobs [global options] run NAME"_s), qPrintable(run.out));
        QVERIFY(run.out.contains(u"--wait"_s));
        QVERIFY(run.out.contains(u"--args"_s));
        QVERIFY(!run.out.contains(u"--follow"_s));
    }
}

void TestCli::addsAndListsInTableAndJson()
{
    const Result empty = local({u"list"_s});
    QCOMPARE(empty.exitCode, 0);
    QVERIFY2(empty.out.contains(u"webjobs add"_s), qPrintable(empty.out));

    const Result added
        = local({u"add"_s, u"nightly"_s, writeZip(u"nightly"_s, EchoScript), u"--schedule"_s, u"0 30 2 * * *"_s});
    QCOMPARE(added.err, QString());
    QCOMPARE(added.exitCode, 0);
    QVERIFY2(added.out.contains(u"run.sh"_s), qPrintable(added.out));
    QVERIFY(addJob(u"worker"_s, TickerScript, u"continuous"_s));

    const Result table = local({u"list"_s});
    QCOMPARE(table.exitCode, 0);
    const QStringList rows = lines(table.out);
    QCOMPARE(rows.size(), 3);
    QVERIFY2(rows.at(0).startsWith(u"NAME"_s), qPrintable(table.out));
    QVERIFY(rows.at(1).startsWith(u"nightly "_s));
    QVERIFY(rows.at(2).startsWith(u"worker "_s));
    // Columns line up under their headers.
    QCOMPARE(rows.at(1).indexOf(u"triggered"_s), rows.at(0).indexOf(u"TYPE"_s));
    QCOMPARE(rows.at(2).indexOf(u"continuous"_s), rows.at(0).indexOf(u"TYPE"_s));
    QCOMPARE(rows.at(1).indexOf(u"0 30 2 * * *"_s), rows.at(0).indexOf(u"SCHEDULE"_s));

    const Result json = local({u"list"_s, u"--json"_s});
    QCOMPARE(json.exitCode, 0);
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json.out.toUtf8(), &error);
    QCOMPARE(error.error, QJsonParseError::NoError);
    const QJsonArray jobs = document.array();
    QCOMPARE(jobs.size(), 2);
    QCOMPARE(jobs.at(0)[u"name"_s].toString(), u"nightly"_s);
    QCOMPARE(jobs.at(0)[u"type"_s].toString(), u"triggered"_s);
    QCOMPARE(jobs.at(0)[u"run_command"_s].toString(), u"run.sh"_s);
    QCOMPARE(jobs.at(0)[u"settings"_s][u"schedule"_s].toString(), u"0 30 2 * * *"_s);
    QVERIFY(jobs.at(0).toObject().contains(u"latest_run"_s));
    QCOMPARE(jobs.at(1)[u"name"_s].toString(), u"worker"_s);
    QCOMPARE(jobs.at(1)[u"type"_s].toString(), u"continuous"_s);
    QVERIFY(jobs.at(1).toObject().contains(u"detailed_status"_s));

    const Result names = local({u"list"_s, u"--names"_s});
    QCOMPARE(names.exitCode, 0);
    QCOMPARE(lines(names.out), (QStringList {u"nightly"_s, u"worker"_s}));
}

void TestCli::usesTheConsolesDataFolderByDefault()
{
    const Result added = webjobs({u"add"_s, u"hello"_s, writeZip(u"hello"_s, EchoScript)});
    QCOMPARE(added.exitCode, 0);
    // Where the console keeps its jobs: the data folder of "WebJobs/webjobs-console".
    QVERIFY(QFileInfo::exists(
        m_home->filePath(u"share/WebJobs/webjobs-console/site/wwwroot/App_Data/jobs/triggered/hello/run.sh"_s)));
}

void TestCli::runWaitExitsWithTheRunsStatus_data()
{
    QTest::addColumn<QString>("arguments");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("status");

    QTest::newRow("success") << u"ok then"_s << 0 << u"Success"_s;
    QTest::newRow("failure") << u"3 oops"_s << 1 << u"Failed"_s;
}

void TestCli::runWaitExitsWithTheRunsStatus()
{
    QFETCH(QString, arguments);
    QFETCH(int, exitCode);
    QFETCH(QString, status);
    QVERIFY(addJob(u"echo"_s, EchoScript));

    const Result result = local({u"run"_s, u"echo"_s, u"--args"_s, arguments, u"--wait"_s});
    QCOMPARE(result.exitCode, exitCode);
    // The run's log on standard output, its outcome on standard error.
    QVERIFY2(result.out.contains(u"INFO] hello "_s + arguments), qPrintable(result.out));
    QVERIFY2(result.out.contains(u"ERR ] warning"_s), qPrintable(result.out));
    QVERIFY2(result.out.contains(u"Status changed to "_s + status), qPrintable(result.out));
    QVERIFY2(result.err.contains(u"ended: "_s + status), qPrintable(result.err));

    // --json: the finished run as Kudu shows it.
    const Result json = local({u"run"_s, u"echo"_s, u"--args"_s, arguments, u"--wait"_s, u"--json"_s});
    QCOMPARE(json.exitCode, exitCode);
    const QJsonObject run = QJsonDocument::fromJson(json.out.toUtf8()).object();
    QCOMPARE(run[u"status"_s].toString(), status);
    QCOMPARE(run[u"job_name"_s].toString(), u"echo"_s);
    QCOMPARE(run[u"arguments"_s].toString(), arguments);
}

void TestCli::runWaitStreamsTheLogWhileRunning()
{
    QVERIFY(addJob(u"handshake"_s, HandshakeScript));
    const QString go = m_home->filePath(u"go"_s);

    QProcess process;
    process.setProcessEnvironment(environment());
    process.start(QStringLiteral(WEBJOBS_CLI_PATH),
        {u"--data"_s, dataRoot(), u"run"_s, u"handshake"_s, u"--args"_s, go, u"--wait"_s});
    QVERIFY(process.waitForStarted());
    QByteArray out;
    // The first line arrives while the run waits for the file: the log streams.
    QTRY_VERIFY_WITH_TIMEOUT((out += process.readAllStandardOutput()).contains("INFO] first"), 30000);
    QVERIFY(!out.contains("second"));
    QCOMPARE(process.state(), QProcess::Running);
    QFile file(go);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.close();
    QVERIFY(process.waitForFinished(30000));
    out += process.readAllStandardOutput();
    QCOMPARE(process.exitCode(), 0);
    QVERIFY2(out.contains("INFO] second"), out.constData());
    QVERIFY(out.contains("Status changed to Success"));
}

void TestCli::ctrlCEndsRunWait()
{
    QVERIFY(addJob(u"handshake"_s, HandshakeScript));
    QProcess process;
    process.setProcessEnvironment(environment());
    process.start(QStringLiteral(WEBJOBS_CLI_PATH),
        {u"--data"_s, dataRoot(), u"run"_s, u"handshake"_s, u"--args"_s, m_home->filePath(u"never"_s), u"--wait"_s});
    QVERIFY(process.waitForStarted());
    QByteArray out;
    QTRY_VERIFY_WITH_TIMEOUT((out += process.readAllStandardOutput()).contains("INFO] first"), 30000);

    ::kill(pid_t(process.processId()), SIGINT);
    QVERIFY(process.waitForFinished(30000));
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(process.exitCode(), 130);
    // The run lived in the program's local host, which stopped it on the way out.
    const QJsonArray runs = QJsonDocument::fromJson(local({u"history"_s, u"handshake"_s, u"--json"_s}).out.toUtf8())
                                .object()[u"runs"_s]
                                .toArray();
    QCOMPARE(runs.size(), 1);
    QCOMPARE(runs.at(0)[u"status"_s].toString(), u"Aborted"_s);
}

void TestCli::runWithoutWaitOnTheLocalHostWaitsQuietly()
{
    QVERIFY(addJob(u"echo"_s, EchoScript));
    const Result result = local({u"run"_s, u"echo"_s, u"--args"_s, u"5"_s});
    // Started, so 0 whatever the run's own status; the id on standard output, no log.
    QCOMPARE(result.exitCode, 0);
    QVERIFY2(QRegularExpression(u"^\\d{18}\n$"_s).match(result.out).hasMatch(), qPrintable(result.out));
    QVERIFY2(result.err.contains(u"--wait"_s), qPrintable(result.err));
    // It ran to its end before the program left.
    const QJsonObject run = QJsonDocument::fromJson(local({u"history"_s, u"echo"_s, u"--json"_s}).out.toUtf8())
                                .object()[u"runs"_s][0]
                                .toObject();
    QCOMPARE(run[u"id"_s].toString(), result.out.trimmed());
    QCOMPARE(run[u"status"_s].toString(), u"Failed"_s);
    QCOMPARE(run[u"exit_code"_s].toInt(), 5);
}

void TestCli::historyHonoursLimitInLocalTime()
{
    QVERIFY(addJob(u"echo"_s, EchoScript));
    for (const auto& argument : {u"one"_s, u"two"_s, u"three"_s})
        QCOMPARE(local({u"run"_s, u"echo"_s, u"--args"_s, argument, u"--wait"_s}).exitCode, 0);

    const Result json = local({u"history"_s, u"echo"_s, u"--limit"_s, u"2"_s, u"--json"_s});
    QCOMPARE(json.exitCode, 0);
    const QJsonArray runs = QJsonDocument::fromJson(json.out.toUtf8()).object()[u"runs"_s].toArray();
    QCOMPARE(runs.size(), 2);
    QCOMPARE(runs.at(0)[u"arguments"_s].toString(), u"three"_s);
    QCOMPARE(runs.at(1)[u"arguments"_s].toString(), u"two"_s);

    // For people: the start time in the local zone (here UTC+05:30), four-digit year.
    QProcessEnvironment india;
    india.insert(u"TZ"_s, u"Asia/Kolkata"_s);
    const Result table
        = webjobs({u"--data"_s, dataRoot(), u"history"_s, u"echo"_s, u"--limit"_s, u"2"_s}, u"en"_s, india);
    QCOMPARE(table.exitCode, 0);
    const QStringList rows = lines(table.out);
    QCOMPARE(rows.size(), 4); // header, two runs, "2 of 3 runs shown"
    QVERIFY2(rows.at(0).startsWith(u"RUN ID"_s), qPrintable(table.out));
    QVERIFY(rows.at(1).startsWith(runs.at(0)[u"id"_s].toString()));
    QVERIFY(rows.at(2).startsWith(runs.at(1)[u"id"_s].toString()));
    QVERIFY2(rows.at(3).contains(u"2 of 3"_s), qPrintable(rows.at(3)));
    const std::optional<Instant> start = Instant::parse(runs.at(0)[u"start_time"_s].toString());
    QVERIFY(start);
    const QDateTime started = start->toDateTime();
    const QString expected = started.toTimeZone(QTimeZone("Asia/Kolkata")).toString(u"yyyy-MM-dd HH:mm:ss"_s);
    QVERIFY2(rows.at(1).contains(u"  "_s + expected + u"  "_s), qPrintable(rows.at(1) + u" / "_s + expected));
}

void TestCli::logsOfLatestAndGivenRun()
{
    QVERIFY(addJob(u"echo"_s, EchoScript));
    const Result never = local({u"logs"_s, u"echo"_s});
    QCOMPARE(never.exitCode, 1);
    QVERIFY2(never.err.contains(u"not run yet"_s), qPrintable(never.err));

    QCOMPARE(local({u"run"_s, u"echo"_s, u"--args"_s, u"first"_s, u"--wait"_s}).exitCode, 0);
    QCOMPARE(local({u"run"_s, u"echo"_s, u"--args"_s, u"second"_s, u"--wait"_s}).exitCode, 0);
    const QJsonArray runs = QJsonDocument::fromJson(local({u"history"_s, u"echo"_s, u"--json"_s}).out.toUtf8())
                                .object()[u"runs"_s]
                                .toArray();
    QCOMPARE(runs.size(), 2);

    const Result latest = local({u"logs"_s, u"echo"_s});
    QCOMPARE(latest.exitCode, 0);
    QVERIFY2(latest.out.contains(u"hello second"_s), qPrintable(latest.out));
    QVERIFY(!latest.out.contains(u"hello first"_s));

    const Result given = local({u"logs"_s, u"echo"_s, runs.at(1)[u"id"_s].toString()});
    QCOMPARE(given.exitCode, 0);
    QVERIFY2(given.out.contains(u"hello first"_s), qPrintable(given.out));

    // Following a run that has ended prints its log and returns.
    const Result followed = local({u"logs"_s, u"echo"_s, u"--follow"_s});
    QCOMPARE(followed.exitCode, 0);
    QCOMPARE(followed.out, latest.out);

    const Result unknown = local({u"logs"_s, u"echo"_s, u"201901010000000000"_s});
    QCOMPARE(unknown.exitCode, 1);
    QVERIFY2(unknown.err.contains(u"webjobs history echo"_s), qPrintable(unknown.err));
}

void TestCli::settingsSetTypedValues()
{
    QVERIFY(addJob(u"echo"_s, EchoScript));
    const Result set = local({u"settings"_s, u"echo"_s, u"--set"_s, u"schedule=0 */5 * * * *"_s, u"--set"_s,
        u"is_singleton=true"_s, u"--set"_s, u"stopping_wait_time=60"_s, u"--set"_s, u"owner=\"ops\""_s});
    QCOMPARE(set.err, QString());
    QCOMPARE(set.exitCode, 0);
    QVERIFY2(set.out.contains(u"is_singleton"_s), qPrintable(set.out));

    const Result json = local({u"settings"_s, u"echo"_s, u"--json"_s});
    QCOMPARE(json.exitCode, 0);
    QCOMPARE(json.out.trimmed(),
        uR"({"schedule":"0 */5 * * * *","is_singleton":true,"stopping_wait_time":60,"owner":"ops"})"_s);

    // An empty value removes the key; the job's list row shows the schedule is gone.
    QCOMPARE(local({u"settings"_s, u"echo"_s, u"--set"_s, u"schedule="_s}).exitCode, 0);
    QCOMPARE(local({u"settings"_s, u"echo"_s, u"--json"_s}).out.trimmed(),
        uR"({"is_singleton":true,"stopping_wait_time":60,"owner":"ops"})"_s);

    // A schedule that cannot work is refused before anything is written.
    const Result bad = local({u"settings"_s, u"echo"_s, u"--set"_s, u"schedule=0 75 * * * *"_s});
    QCOMPARE(bad.exitCode, 2);
    QVERIFY2(bad.err.contains(u"minute"_s), qPrintable(bad.err));
    QVERIFY(!local({u"settings"_s, u"echo"_s, u"--json"_s}).out.contains(u"schedule"_s));
}

void TestCli::deletesJob()
{
    QVERIFY(addJob(u"echo"_s, EchoScript));
    QCOMPARE(local({u"run"_s, u"echo"_s, u"--wait"_s}).exitCode, 0);

    const Result deleted = local({u"delete"_s, u"echo"_s});
    QCOMPARE(deleted.exitCode, 0);
    QVERIFY2(deleted.out.contains(u"echo"_s), qPrintable(deleted.out));
    QCOMPARE(local({u"list"_s, u"--names"_s}).out, QString());
    QVERIFY(!QFileInfo::exists(dataRoot() + u"/site/wwwroot/App_Data/jobs/triggered/echo"_s));

    const Result again = local({u"delete"_s, u"echo"_s});
    QCOMPARE(again.exitCode, 1);
    QVERIFY2(again.err.contains(u"There is no job named \"echo\""_s), qPrintable(again.err));
}

void TestCli::followsContinuousLogUntilCtrlC()
{
    QVERIFY(addJob(u"ticker"_s, TickerScript, u"continuous"_s));

    QProcess follower;
    follower.setProcessEnvironment(environment());
    follower.start(QStringLiteral(WEBJOBS_CLI_PATH), {u"--data"_s, dataRoot(), u"logs"_s, u"ticker"_s, u"--follow"_s});
    QVERIFY(follower.waitForStarted());
    QByteArray out;
    QTRY_VERIFY_WITH_TIMEOUT((out += follower.readAllStandardOutput()).contains("INFO] tick 2"), 30000);

    // While it runs the job, no other webjobs opens the same host (it would kill the job).
    const Result busy = local({u"list"_s});
    QCOMPARE(busy.exitCode, 1);
    QVERIFY2(busy.err.contains(u"open in another program (webjobs, process %1)"_s.arg(follower.processId())),
        qPrintable(busy.err));

    ::kill(pid_t(follower.processId()), SIGINT);
    QVERIFY(follower.waitForFinished(30000));
    QCOMPARE(follower.exitStatus(), QProcess::NormalExit);
    QCOMPARE(follower.exitCode(), 130);
    QCOMPARE(follower.readAllStandardError(), QByteArray());
    // It stopped its host: no job process is left.
    HostOptions options;
    options.dataRoot = dataRoot();
    const QString marker = ProcessReaper::markerFor(dataRoot(), options.effectiveInstanceId());
    QTRY_COMPARE(ProcessReaper::countMarked(marker), 0);
    QCOMPARE(local({u"list"_s, u"--names"_s}).out, u"ticker\n"_s);
}

void TestCli::localCommandsRunNoContinuousJob()
{
    // The continuous job leaves a mark each time it starts: no command of webjobs starts it
    // (the console's host runs it when it opens), and start and stop record the wish.
    const QString mark = m_home->filePath(u"started"_s);
    QVERIFY(addJob(
        u"keeper"_s, script("echo started >> '" + mark.toUtf8() + "'; while true; do sleep 1; done"), u"continuous"_s));
    const QString disable = dataRoot() + u"/site/wwwroot/App_Data/jobs/continuous/keeper/disable.job"_s;
    const Result stopped = local({u"stop"_s, u"keeper"_s});
    QVERIFY2(stopped.exitCode == 0, qPrintable(stopped.err));
    QVERIFY(QFile::exists(disable));
    const Result started = local({u"start"_s, u"keeper"_s});
    QVERIFY2(started.exitCode == 0, qPrintable(started.err));
    QVERIFY(!QFile::exists(disable));
    const Result listed = local({u"--json"_s, u"list"_s});
    QVERIFY2(listed.exitCode == 0, qPrintable(listed.err));
    const QJsonArray jobs = QJsonDocument::fromJson(listed.out.toUtf8()).array();
    QCOMPARE(jobs.size(), 1);
    QCOMPARE(jobs.at(0)[u"name"_s].toString(), u"keeper"_s);
    // Not running here; as on a Kudu site until an instance picks it up.
    QCOMPARE(jobs.at(0)[u"status"_s].toString(), u"Initializing"_s);
    QVERIFY2(!QFile::exists(mark), "a command of webjobs started the continuous job");
    HostOptions options;
    options.dataRoot = dataRoot();
    QCOMPARE(ProcessReaper::countMarked(ProcessReaper::markerFor(dataRoot(), options.effectiveInstanceId())), 0);

    // A triggered run asked for still runs, and the command waits for its end.
    QVERIFY(addJob(u"echo"_s, EchoScript));
    const Result ran = local({u"run"_s, u"echo"_s, u"--args"_s, u"0 now"_s, u"--wait"_s});
    QCOMPARE(ran.exitCode, 0);
    QVERIFY2(ran.out.contains(u"hello 0 now"_s), qPrintable(ran.out));
    QVERIFY(!QFile::exists(mark));
}

void TestCli::oneHostRunsTheJobsOfAFolder()
{
    QVERIFY(addJob(u"handshake"_s, HandshakeScript));
    {
        // An agent runs the jobs of the folder: the command says so, and where to go instead.
        Test::AgentProcess agent;
        Test::AgentProcess::Options agentOptions;
        agentOptions.dataRoot = dataRoot();
        QVERIFY2(agent.start(agentOptions), qPrintable(agent.failure()));
        const Result refused = local({u"list"_s});
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.err.contains(u"already run by webjobs-agent (process %1)"_s.arg(agent.pid())),
            qPrintable(refused.err));
        QVERIFY2(refused.err.contains(u"webjobs --connect URL"_s), qPrintable(refused.err));
        QCOMPARE(agent.terminate(), 0);
    }
    // Once it has gone, the folder is free again.
    const Result free = local({u"list"_s, u"--names"_s});
    QVERIFY2(free.exitCode == 0, qPrintable(free.err));
    QCOMPARE(free.out, u"handshake\n"_s);

    // The other way round: while a command waits for its run, the console's host of the folder
    // (a LocalJobService, as the console opens it) does not open, and says why.
    const QString proceed = m_home->filePath(u"proceed"_s);
    QProcess waiting;
    waiting.setProcessEnvironment(environment());
    waiting.start(QStringLiteral(WEBJOBS_CLI_PATH),
        {u"--data"_s, dataRoot(), u"run"_s, u"handshake"_s, u"--args"_s, proceed, u"--wait"_s});
    QVERIFY(waiting.waitForStarted());
    QByteArray out;
    QTRY_VERIFY_WITH_TIMEOUT((out += waiting.readAllStandardOutput()).contains("first"), 30000);
    {
        HostOptions options;
        options.dataRoot = dataRoot();
        LocalJobService console(options);
        QTRY_COMPARE_WITH_TIMEOUT(console.state(), JobService::State::Failed, 30000);
        QVERIFY2(console.errorString().contains(u"already run by webjobs (process %1)"_s.arg(waiting.processId())),
            qPrintable(console.errorString()));
    }
    QFile file(proceed);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.close();
    QVERIFY(waiting.waitForFinished(30000));
    QCOMPARE(waiting.exitCode(), 0);
    QVERIFY(QByteArray(out + waiting.readAllStandardOutput()).contains("second"));
}

void TestCli::badInputIsASentenceAndStatus2_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("mentions");

    QTest::newRow("no command") << QStringList {} << u"webjobs list"_s;
    QTest::newRow("unknown command") << QStringList {u"launch"_s} << u"launch"_s;
    QTest::newRow("unknown option") << QStringList {u"list"_s, u"--frob"_s} << u"frob"_s;
    QTest::newRow("option of another command") << QStringList {u"list"_s, u"--follow"_s} << u"follow"_s;
    QTest::newRow("missing name") << QStringList {u"run"_s} << u"NAME"_s;
    QTest::newRow("extra argument") << QStringList {u"show"_s, u"a"_s, u"b"_s} << u"\"b\""_s;
    QTest::newRow("missing file") << QStringList {u"add"_s, u"job"_s, u"/nonexistent/job.zip"_s}
                                  << u"/nonexistent/job.zip"_s;
    QTest::newRow("bad type") << QStringList {u"show"_s, u"job"_s, u"--type"_s, u"daily"_s} << u"daily"_s;
    QTest::newRow("bad limit") << QStringList {u"history"_s, u"job"_s, u"--limit"_s, u"0"_s} << u"--limit"_s;
    QTest::newRow("bad cron") << QStringList {u"add"_s, u"job"_s, QStringLiteral(WEBJOBS_CLI_PATH), u"--schedule"_s,
        u"*/5 * * * *"_s} << u"six"_s;
    QTest::newRow("schedule of a continuous job") << QStringList {u"add"_s, u"job"_s, QStringLiteral(WEBJOBS_CLI_PATH),
        u"--type"_s, u"continuous"_s, u"--schedule"_s, u"0 0 * * * *"_s}
                                                  << u"--schedule"_s;
    QTest::newRow("set without =") << QStringList {u"settings"_s, u"job"_s, u"--set"_s, u"is_singleton"_s}
                                   << u"KEY=VALUE"_s;
    QTest::newRow("password on the command line") << QStringList {u"--connect"_s, u"http://127.0.0.1:1"_s,
        u"--password"_s, u"x"_s, u"list"_s} << u"--password-file"_s;
    QTest::newRow("password in the URL") << QStringList {u"--connect"_s, u"http://u:secret@127.0.0.1:1"_s, u"list"_s}
                                         << u"WEBJOBS_PASSWORD"_s;
    QTest::newRow("not a URL") << QStringList {u"--connect"_s, u"ftp://host"_s, u"list"_s} << u"https://"_s;
    QTest::newRow("connect and data") << QStringList {u"--connect"_s, u"http://127.0.0.1:1"_s, u"--data"_s, u"/tmp"_s,
        u"list"_s} << u"--data"_s;
    QTest::newRow("user without connect") << QStringList {u"--user"_s, u"admin"_s, u"list"_s} << u"--connect"_s;
    QTest::newRow("history of a continuous job") << QStringList {u"history"_s, u"ticker"_s} << u"continuous"_s;
}

void TestCli::badInputIsASentenceAndStatus2()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, mentions);
    // On the default data folder (in the temporary home): no --data, which --connect refuses.
    if (QByteArray(QTest::currentDataTag()) == "history of a continuous job") {
        QCOMPARE(webjobs({u"add"_s, u"ticker"_s, writeZip(u"ticker"_s, TickerScript), u"--type"_s, u"continuous"_s})
                     .exitCode,
            0);
    }

    const Result result = webjobs(arguments);
    QCOMPARE(result.exitCode, 2);
    QCOMPARE(result.out, QString());
    QVERIFY2(result.err.contains(mentions), qPrintable(result.err));
    // One sentence that ends as one.
    QCOMPARE(lines(result.err).size(), 1);
    QVERIFY2(result.err.trimmed().endsWith(u'.'), qPrintable(result.err));
}

void TestCli::errorsInFrench_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("context");
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("french");

    // The service's sentence (the engine's catalogue), and one of the program's own.
    QTest::newRow("service error") << QStringList {u"run"_s, u"nosuch"_s} << 1 << u"WebJobs::JobHost"_s
                                   << u"There is no triggered job named \"%1\"."_s
                                   << u"Aucune tâche web déclenchée ne s'appelle « nosuch »."_s;
    QTest::newRow("bad input") << QStringList {u"history"_s, u"job"_s, u"--limit"_s, u"0"_s} << 2 << u"CliCommandLine"_s
                               << u"--limit must be a whole number from 1 to %1; \"%2\" is not."_s
                               << u"--limit doit être un nombre entier de 1 à 10000 ; « 0 » n'en est pas un."_s;
}

void TestCli::errorsInFrench()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    QFETCH(QString, context);
    QFETCH(QString, source);
    QFETCH(QString, french);

    // translations/pending/cli.tsv reaches the catalogue when the branch is merged.
    QTranslator catalogue;
    QVERIFY(catalogue.load(u":/i18n/webjobs_fr"_s));
    if (catalogue.translate(context.toUtf8().constData(), source.toUtf8().constData()).isEmpty())
        QSKIP("This sentence is not in the French catalogue yet (translations/pending/cli.tsv).");

    const Result result = local(arguments, u"fr"_s);
    QCOMPARE(result.exitCode, exitCode);
    QCOMPARE(result.err.trimmed(), french);
}

void TestCli::refusesPasswordFileOthersCanRead()
{
    const QString path = m_home->filePath(u"password"_s);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("s3cret\n");
    file.close();
    const QStringList arguments {
        u"--connect"_s, u"http://127.0.0.1:1"_s, u"--user"_s, u"admin"_s, u"--password-file"_s, path, u"list"_s};

    QVERIFY(file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadOther));
    const Result open = webjobs(arguments);
    QCOMPARE(open.exitCode, 2);
    QVERIFY2(open.err.contains(u"chmod 600 "_s + path), qPrintable(open.err));
    QVERIFY2(open.err.contains(u"0604"_s), qPrintable(open.err));

    // Private, it is accepted; what follows is the connection itself.
    QVERIFY(file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner));
    const Result accepted = webjobs(arguments);
    QCOMPARE(accepted.exitCode, 1);
    QVERIFY2(!accepted.err.contains(u"chmod"_s) && !accepted.err.trimmed().isEmpty(), qPrintable(accepted.err));
}

void TestCli::resolvesSavedConnections()
{
    {
        // As the console's connection manager writes them.
        QSettings settings(m_home->filePath(u"config/WebJobs/webjobs-console.conf"_s), QSettings::IniFormat);
        settings.setValue(u"connections/production/url"_s, u"https://prod.example.invalid"_s);
        settings.setValue(u"connections/production/user"_s, u"deployer"_s);
    }

    QProcessEnvironment password;
    password.insert(u"WEBJOBS_PASSWORD"_s, u"s3cret"_s);
    const Result saved = webjobs({u"--connect"_s, u"production"_s, u"list"_s}, u"en"_s, password);
    QCOMPARE(saved.exitCode, 1);
    QVERIFY2(saved.err.contains(u"prod.example.invalid"_s), qPrintable(saved.err));

    const Result unknown = webjobs({u"--connect"_s, u"staging"_s, u"list"_s});
    QCOMPARE(unknown.exitCode, 2);
    QVERIFY2(unknown.err.contains(u"production"_s), qPrintable(unknown.err));

    // No password given, no keychain service (no session bus), no terminal: each is said.
    const Result noPassword = webjobs({u"--connect"_s, u"production"_s, u"list"_s});
    QCOMPARE(noPassword.exitCode, 2);
    QVERIFY2(noPassword.err.contains(u"No keychain service is running"_s), qPrintable(noPassword.err));
    QVERIFY2(noPassword.err.contains(u"WEBJOBS_PASSWORD"_s), qPrintable(noPassword.err));
}

void TestCli::managesARealAgent()
{
    // The same commands against a webjobs-agent on loopback, with a password.
    Test::AgentProcess agent;
    QVERIFY2(agent.start(), qPrintable(agent.failure()));
    QProcessEnvironment password;
    password.insert(u"WEBJOBS_PASSWORD"_s, QString::fromUtf8(Test::AgentProcess::Password));
    const QStringList connect {
        u"--connect"_s, agent.baseUrl(), u"--user"_s, QString::fromLatin1(Test::AgentProcess::User)};
    const QString zip = writeZip(u"remote-hello"_s, "#!/bin/sh\necho \"hello from the agent $1\"\n");

    const Result added = webjobs(connect + QStringList {u"add"_s, u"remote-hello"_s, zip}, u"en"_s, password);
    QVERIFY2(added.exitCode == 0, qPrintable(added.err));
    const Result listed = webjobs(connect + QStringList {u"--json"_s, u"list"_s}, u"en"_s, password);
    QVERIFY2(listed.exitCode == 0, qPrintable(listed.err));
    QVERIFY2(
        listed.out.contains(u"\"name\":\"remote-hello\""_s) || listed.out.contains(u"\"name\": \"remote-hello\""_s),
        qPrintable(listed.out));

    const Result ran = webjobs(
        connect + QStringList {u"run"_s, u"remote-hello"_s, u"--args"_s, u"today"_s, u"--wait"_s}, u"en"_s, password);
    QCOMPARE(ran.exitCode, 0);
    QVERIFY2(ran.out.contains(u"hello from the agent today"_s), qPrintable(ran.out + ran.err));

    QProcessEnvironment wrong;
    wrong.insert(u"WEBJOBS_PASSWORD"_s, u"not the password"_s);
    const Result refused = webjobs(connect + QStringList {u"list"_s}, u"en"_s, wrong);
    QCOMPARE(refused.exitCode, 1);
    QVERIFY2(refused.err.contains(u"password"_s), qPrintable(refused.err));
    QCOMPARE(agent.terminate(), 0);
}

QTEST_GUILESS_MAIN(TestCli)
#include "TestCli.moc"
