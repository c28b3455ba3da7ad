// The job engine with real processes on a temporary data folder: triggered runs, continuous
// supervision, schedules, retention and the recovery of a host that died.

#include "HostFixture.h"

#include "core/host/ContinuousJobRunner.h"
#include "core/host/ProcessReaper.h"
#include "core/host/TriggeredJobRunner.h"
#include "core/store/JobStore.h"
#include "tests/support/LogCapture.h"
#include "tests/support/ReadOnlyStore.h"
#include "tests/support/ZipBuilder.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace WebJobs;
using WebJobs::Test::HostFixture;

namespace {

HostOptions fastOptions()
{
    HostOptions options;
    options.restartDelay = std::chrono::milliseconds(200);
    options.minimumUptime = std::chrono::milliseconds(1500);
    options.crashLoopThreshold = 3;
    options.idleCheckInterval = std::chrono::milliseconds(50);
    return options;
}

// fastOptions() with store failures retried every 100 ms.
HostOptions retryingOptions()
{
    HostOptions options = fastOptions();
    options.storeRetryInterval = std::chrono::milliseconds(100);
    return options;
}

bool writeFile(const QString& path, const QByteArray& content)
{
    if (!QDir().mkpath(QFileInfo(path).path()))
        return false;
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(content) == content.size();
}

QString readFile(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

// A host whose clock stands at 2024-01-01T10:00:00Z until the test moves it.
struct ClockedHost
{
    ManualClock clock {*Instant::parse(u"2024-01-01T10:00:00Z")};
    HostFixture fixture {withClock(&clock)};

    static HostOptions withClock(const Clock* clock)
    {
        HostOptions options;
        options.clock = clock;
        return options;
    }

    // Adds a triggered job running `script` on the cron schedule `cron`.
    bool addScheduled(const QString& name, const QByteArray& script, const QString& cron,
        JobSettings::MisfirePolicy policy = JobSettings::MisfirePolicy::RunOnce)
    {
        if (!fixture.addScript(JobType::Triggered, name, u"run.sh"_s, script))
            return false;
        JobSettings settings;
        settings.setSchedule(cron);
        if (policy != JobSettings::MisfirePolicy::RunOnce)
            settings.setMisfirePolicy(policy);
        return fixture.host()->setSettings(JobType::Triggered, name, settings).ok();
    }

    // Adds a triggered job running `script` on the recurrence `json` (the wizard's job JSON).
    bool addRecurring(const QString& name, const QByteArray& script, const QByteArray& json)
    {
        if (!fixture.addScript(JobType::Triggered, name, u"run.sh"_s, script))
            return false;
        JobSettings settings;
        settings.setRecurrence(QJsonDocument::fromJson(json).object());
        return fixture.host()->setSettings(JobType::Triggered, name, settings).ok();
    }

    void moveTo(const QString& instant) { clock.set(*Instant::parse(instant)); }
};

} // namespace

class TestJobHost : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void addsSingleScriptJob();
    void addsZipJobWithTopFolder();
    void refusesBadName();
    void badPackageKeepsOldOne();
    void triggeredRunSucceeds();
    void runLogFollowsKuduFormat();
    void failedRunRecordsExitCode();
    void argumentsAreSplitAsKuduDoes_data();
    void argumentsAreSplitAsKuduDoes();
    void environmentOfARun();
    void environmentHoldsNoSecretOfTheHost();
    void oneRunAtATime();
    void abortRecordsWhoAndWhy();
    void idleTimeoutKillsSilentRun();
    void missingInterpreterFailsWithReason();
    void historyRetention();
    void workingCopyUnlessInPlace();
    void continuousRestartsAfterExit();
    void continuousEntersCrashLoop();
    void continuousStopAndStart();
    void continuousGetsShutdownFile();
    void settingsRoundTripAndValidation();
    void cronScheduleFires();
    void recurrenceRunsImmediately();
    void missedScheduleWithinGraceRunsNow();
    void missedScheduleBeyondGraceIsLogged();
    void skipPolicyNeverRunsLate();
    void monthlyOccurrenceReachedExactlyRunsOnce_data();
    void monthlyOccurrenceReachedExactlyRunsOnce();
    void scheduledRunSkippedWhileRunning();
    void deleteJobRemovesEverything();
    void picksUpChangesMadeOnDisk();
    void recoversAfterCrash();
    void shutdownStopsEverything();
    void refusedRunStartIsReported();
    void refusedRunEndIsReportedAndRetried();
    void refusedContinuousStatusIsReportedAndRetried();
    void folderThatCannotBeLoadedSaysWhy();
    void refusedRegistrationIsReportedAndRetried();
};

void TestJobHost::addsSingleScriptJob()
{
    HostFixture fixture;
    QSignalSpy added(fixture.host(), &JobHost::jobAdded);
    QVERIFY(fixture.addScript(JobType::Triggered, u"hello"_s, u"run.sh"_s, "echo hello\n"));
    QCOMPARE(added.size(), 1);
    const std::optional<Job> job = fixture.host()->job(JobType::Triggered, u"hello"_s);
    QVERIFY(job);
    QCOMPARE(job->runCommand(), u"run.sh"_s);
    QCOMPARE(job->type(), JobType::Triggered);
    QVERIFY(!job->latestRun());
    QCOMPARE(fixture.host()->jobs().size(), 1);
    QVERIFY(QFile::exists(fixture.dataRoot() + u"/site/wwwroot/App_Data/jobs/triggered/hello/run.sh"_s));
}

void TestJobHost::addsZipJobWithTopFolder()
{
    HostFixture fixture;
    QTemporaryDir dir;
    const QString zip = dir.filePath(u"job.zip"_s);
    QVERIFY(Test::writeZip(zip,
        {Test::ZipEntry::file(u"inner/run.sh"_s, "echo from zip\n"),
            Test::ZipEntry::file(u"inner/helper.txt"_s, "data")}));
    ImportOperation* operation = fixture.host()->addJob(JobType::Triggered, u"zipped"_s, zip, u"job.zip"_s, true);
    QSignalSpy finished(operation, &ImportOperation::finished);
    QVERIFY(finished.wait());
    QVERIFY(finished.at(0).at(0).value<ServiceError>().ok());
    QCOMPARE(finished.at(0).at(1).value<Job>().runCommand(), u"inner/run.sh"_s);
    const JobRun run = fixture.runAndWait(u"zipped"_s);
    QCOMPARE(run.status(), JobStatus::Success);
    QVERIFY(fixture.outputMessages(u"zipped"_s, run.id()).contains(u"from zip"_s));
}

void TestJobHost::refusesBadName()
{
    HostFixture fixture;
    QString error;
    QVERIFY(!fixture.addScript(JobType::Triggered, u"-bad name"_s, u"run.sh"_s, "echo\n", &error));
    QVERIFY2(error.contains(u"letter or a digit"_s), qPrintable(error));
    QVERIFY(fixture.host()->jobs().isEmpty());
}

void TestJobHost::badPackageKeepsOldOne()
{
    HostFixture fixture;
    QVERIFY(fixture.addScript(JobType::Triggered, u"keep"_s, u"run.sh"_s, "echo old\n"));
    QString error;
    QVERIFY(!fixture.addScript(JobType::Triggered, u"keep"_s, u"notes.txt"_s, "not a script\n", &error));
    QVERIFY(!error.isEmpty());
    const JobRun run = fixture.runAndWait(u"keep"_s);
    QCOMPARE(run.status(), JobStatus::Success);
    QVERIFY(fixture.outputMessages(u"keep"_s, run.id()).contains(u"old"_s));
}

void TestJobHost::triggeredRunSucceeds()
{
    HostFixture fixture;
    QVERIFY(fixture.addScript(JobType::Triggered, u"ok"_s, u"run.sh"_s, "echo hello; echo oops >&2\n"));
    QSignalSpy started(fixture.host(), &JobHost::runStarted);
    const JobRun run = fixture.runAndWait(u"ok"_s);
    QCOMPARE(run.status(), JobStatus::Success);
    QCOMPARE(run.exitCode(), std::optional<int>(0));
    QCOMPARE(started.size(), 1);
    QCOMPARE(run.trigger(), u"External - test"_s);
    QVERIFY(run.duration());
    QCOMPARE(run.id().size(), 18);
    QVERIFY(run.endTime() >= run.startTime());

    const QList<JobRun> history = fixture.host()->history(u"ok"_s, 0, 30);
    QCOMPARE(history.size(), 1);
    QCOMPARE(history.at(0).id(), run.id());
    QCOMPARE(fixture.host()->job(JobType::Triggered, u"ok"_s)->latestRun()->status(), JobStatus::Success);

    // Kudu's status file, beside the log.
    const QString status = readFile(fixture.host()->context().paths.runStatus(u"ok"_s, run.id()));
    QVERIFY2(status.contains(u"\"Status\":\"Success\""_s), qPrintable(status));
    QVERIFY(status.contains(u"\"Trigger\":\"External - test\""_s));
}

void TestJobHost::runLogFollowsKuduFormat()
{
    HostFixture fixture;
    QVERIFY(fixture.addScript(JobType::Triggered, u"fmt"_s, u"run.sh"_s, "echo hello\n"));
    const JobRun run = fixture.runAndWait(u"fmt"_s);
    const QString text = fixture.outputText(u"fmt"_s, run.id());
    const QStringList lines = text.split(u"\r\n"_s, Qt::SkipEmptyParts);
    QVERIFY(text.endsWith(u"\r\n"_s));
    const QString instance = fixture.host()->instance();
    QCOMPARE(instance.size(), 6);
    static const QRegularExpression line(
        uR"(^\[\d\d/\d\d/\d{4} \d\d:\d\d:\d\d > ([0-9a-zA-Z]{6}): (SYS INFO|SYS ERR |INFO|ERR )\] (.*)$)"_s);
    QStringList messages;
    for (const QString& entry : lines) {
        const QRegularExpressionMatch match = line.match(entry);
        QVERIFY2(match.hasMatch(), qPrintable(entry));
        QCOMPARE(match.captured(1), instance);
        messages << match.captured(2) + u'|' + match.captured(3);
    }
    QCOMPARE(messages,
        (QStringList {u"SYS INFO|Status changed to Initializing"_s,
            u"SYS INFO|Run script 'run.sh' with script host - 'BashScriptHost'"_s,
            u"SYS INFO|Status changed to Running"_s, u"INFO|hello"_s, u"SYS INFO|Status changed to Success"_s}));
}

void TestJobHost::failedRunRecordsExitCode()
{
    HostFixture fixture;
    QVERIFY(fixture.addScript(JobType::Triggered, u"bad"_s, u"run.sh"_s, "echo trying; exit 3\n"));
    QSignalSpy failed(fixture.host(), &JobHost::runFailed);
    const JobRun run = fixture.runAndWait(u"bad"_s);
    QCOMPARE(run.status(), JobStatus::Failed);
    QCOMPARE(run.exitCode(), std::optional<int>(3));
    QCOMPARE(failed.size(), 1);
    const QStringList messages = fixture.outputMessages(u"bad"_s, run.id());
    QCOMPARE(messages.mid(messages.size() - 2),
        (QStringList {u"Status changed to Failed"_s, u"Job failed due to exit code 3"_s}));
}

// A real script prints the argv it got, one argument a line, and WEBJOBS_COMMAND_ARGUMENTS:
// the text is split by Kudu's (.NET's) rules, never by a shell, and reaches the job unchanged.
void TestJobHost::argumentsAreSplitAsKuduDoes_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("argv");

    QTest::newRow("double quotes group") << u"\"first arg\" \"second arg\""_s
                                         << QStringList {u"first arg"_s, u"second arg"_s};
    QTest::newRow("single quotes are ordinary characters") << u"a 'b c'"_s << QStringList {u"a"_s, u"'b"_s, u"c'"_s};
    QTest::newRow("backslashes before quotes and elsewhere")
        << uR"(\"quoted\" C:\dir\ "C:\dir\\" \\\"x \\"y z")"_s
        << QStringList {u"\"quoted\""_s, uR"(C:\dir\)"_s, uR"(C:\dir\)"_s, uR"(\"x)"_s, uR"(\y z)"_s};
    QTest::newRow("empty argument and quotes inside quotes")
        << uR"(a "" "say ""hi""" b)"_s << QStringList {u"a"_s, QString(), u"say \"hi\""_s, u"b"_s};
    QTest::newRow("shell metacharacters are passed literally")
        << u"x; rm -rf $HOME `id` $(id) * ~ | > && \"$HOME\""_s
        << QStringList {u"x;"_s, u"rm"_s, u"-rf"_s, u"$HOME"_s, u"`id`"_s, u"$(id)"_s, u"*"_s, u"~"_s, u"|"_s, u">"_s,
               u"&&"_s, u"$HOME"_s};
}

void TestJobHost::argumentsAreSplitAsKuduDoes()
{
    QFETCH(QString, text);
    QFETCH(QStringList, argv);

    HostFixture fixture;
    QVERIFY(fixture.addScript(JobType::Triggered, u"args"_s, u"run.sh"_s,
        "printf 'argc %s\\n' \"$#\"\n"
        "for a in \"$@\"; do printf 'argv <%s>\\n' \"$a\"; done\n"
        "printf 'env <%s>\\n' \"$WEBJOBS_COMMAND_ARGUMENTS\"\n"));
    const JobRun run = fixture.runAndWait(u"args"_s, text);
    QCOMPARE(run.status(), JobStatus::Success);
    QCOMPARE(run.arguments(), text);

    QStringList printed;
    for (const QString& message : fixture.outputMessages(u"args"_s, run.id())) {
        if (message.startsWith(u"argc "_s) || message.startsWith(u"argv <"_s) || message.startsWith(u"env <"_s))
            printed.append(message);
    }
    QStringList expected {u"argc %1"_s.arg(argv.size())};
    for (const QString& argument : argv)
        expected.append(u"argv <"_s + argument + u'>');
    expected.append(u"env <"_s + text + u'>');
    QCOMPARE(printed, expected);
}

void TestJobHost::environmentOfARun()
{
    HostFixture fixture;
    QVERIFY(fixture.addScript(JobType::Triggered, u"envjob"_s, u"run.sh"_s,
        "for v in WEBJOBS_NAME WEBJOBS_TYPE WEBJOBS_RUN_ID WEBJOBS_DATA_PATH WEBROOT_PATH "
        "WEBSITE_TRIGGERED_JOB_RUNNING_envjob; do echo \"$v=${!v}\"; done\n"));
    const JobRun run = fixture.runAndWait(u"envjob"_s);
    const QStringList messages = fixture.outputMessages(u"envjob"_s, run.id());
    const JobPaths& paths = fixture.host()->context().paths;
    QVERIFY(messages.contains(u"WEBJOBS_NAME=envjob"_s));
    QVERIFY(messages.contains(u"WEBJOBS_TYPE=triggered"_s));
    QVERIFY(messages.contains(u"WEBJOBS_RUN_ID="_s + run.id()));
    QVERIFY(messages.contains(u"WEBJOBS_DATA_PATH="_s + paths.data(JobType::Triggered, u"envjob"_s)));
    QVERIFY(messages.contains(u"WEBROOT_PATH="_s + paths.webRoot()));
    QVERIFY(messages.contains(u"WEBSITE_TRIGGERED_JOB_RUNNING_envjob=true"_s));
}

void TestJobHost::environmentHoldsNoSecretOfTheHost()
{
    // The host reads its environment when it is made: set what an agent's unit would hold.
    qputenv("WEBJOBS_AGENT_PASSWORD", "the-agent-password");
    qputenv("WEBJOBS_AGENT_USER", "admin");
    qputenv("AWS_SECRET_ACCESS_KEY", "cloud-secret");
    qputenv("WEBJOBS_JOB_ENV_GREETING", "hello");
    qputenv("WEBJOBS_JOB_ENV_WEBJOBS_AGENT_PASSWORD", "asked-for");
    qputenv("LC_TIME", "C");
    const auto restore = qScopeGuard([] {
        for (const char* name : {"WEBJOBS_AGENT_PASSWORD", "WEBJOBS_AGENT_USER", "AWS_SECRET_ACCESS_KEY",
                 "WEBJOBS_JOB_ENV_GREETING", "WEBJOBS_JOB_ENV_WEBJOBS_AGENT_PASSWORD", "LC_TIME"})
            qunsetenv(name);
    });
    HostFixture fixture;
    QVERIFY(fixture.addScript(JobType::Triggered, u"envall"_s, u"run.sh"_s, "env | sort\n"));
    const JobRun run = fixture.runAndWait(u"envall"_s);
    const QStringList messages = fixture.outputMessages(u"envall"_s, run.id());
    const QString all = messages.join(u'\n');
    QVERIFY2(!all.contains(u"the-agent-password"_s), qPrintable(all));
    QVERIFY2(!all.contains(u"asked-for"_s), qPrintable(all));
    QVERIFY2(!all.contains(u"cloud-secret"_s), qPrintable(all));
    QVERIFY2(!all.contains(u"WEBJOBS_AGENT_"_s), qPrintable(all));
    QVERIFY2(!all.contains(u"WEBJOBS_JOB_ENV_"_s), qPrintable(all));
    QVERIFY2(messages.contains(u"GREETING=hello"_s), qPrintable(all));
    QVERIFY2(messages.contains(u"LC_TIME=C"_s), qPrintable(all));
    QVERIFY2(messages.contains(u"PATH="_s + qEnvironmentVariable("PATH")), qPrintable(all));
    QVERIFY2(messages.contains(u"WEBJOBS_NAME=envall"_s), qPrintable(all));
}

void TestJobHost::oneRunAtATime()
{
    HostFixture fixture;
    QVERIFY(fixture.addScript(JobType::Triggered, u"slow"_s, u"run.sh"_s, "sleep 30\n"));
    QString first;
    QVERIFY(fixture.host()->triggerRun(u"slow"_s, {}, u"External - test"_s, &first).ok());
    QString second;
    const ServiceError error = fixture.host()->triggerRun(u"slow"_s, {}, u"External - test"_s, &second);
    QCOMPARE(error.code, ServiceError::Code::Conflict);
    QCOMPARE(error.message, u"Cannot start a new run since job is already running."_s);
    QVERIFY(second.isEmpty());
    QCOMPARE(fixture.host()->runCount(u"slow"_s), 1);
    QCOMPARE(fixture.host()->triggerRun(u"nosuchjob"_s, {}, {}, nullptr).code, ServiceError::Code::NotFound);
}

void TestJobHost::abortRecordsWhoAndWhy()
{
    HostFixture fixture;
    QVERIFY(fixture.addScript(JobType::Triggered, u"long"_s, u"run.sh"_s, "echo started; sleep 30\n"));
    QSignalSpy finished(fixture.host(), &JobHost::runFinished);
    QString runId;
    QVERIFY(fixture.host()->triggerRun(u"long"_s, {}, u"External - test"_s, &runId).ok());
    QCOMPARE(fixture.host()->abortRun(u"long"_s, u"000000000000000000"_s, u"alice"_s, {}).code,
        ServiceError::Code::Conflict);
    QVERIFY(fixture.host()->abortRun(u"long"_s, runId, u"alice"_s, u"wrong input file"_s).ok());
    QVERIFY(finished.wait());
    const JobRun run = finished.at(0).at(0).value<JobRun>();
    QCOMPARE(run.status(), JobStatus::Aborted);
    QCOMPARE(run.abortedBy(), u"alice"_s);
    QCOMPARE(run.abortReason(), u"wrong input file"_s);
    const JobRun stored = *fixture.host()->run(u"long"_s, runId);
    QCOMPARE(stored.status(), JobStatus::Aborted);
    QCOMPARE(stored.abortedBy(), u"alice"_s);
    QVERIFY(fixture.outputMessages(u"long"_s, runId).contains(u"Run aborted by alice: wrong input file"_s));
}

void TestJobHost::idleTimeoutKillsSilentRun()
{
    HostOptions options = fastOptions();
    options.idleTimeout = std::chrono::milliseconds(300);
    HostFixture fixture(options);
    QVERIFY(fixture.addScript(JobType::Triggered, u"idle"_s, u"run.sh"_s, "echo quiet now; sleep 60\n"));
    const JobRun run = fixture.runAndWait(u"idle"_s);
    QCOMPARE(run.status(), JobStatus::Failed);
    const QString output = fixture.outputText(u"idle"_s, run.id());
    QVERIFY2(output.contains(u"was aborted due to no output nor CPU activity"_s), qPrintable(output));
}

void TestJobHost::missingInterpreterFailsWithReason()
{
    HostFixture fixture;
    // A Windows-only script: the job exists, and each run says why it cannot run here.
    QVERIFY(fixture.addScript(JobType::Triggered, u"win"_s, u"run.cmd"_s, "echo hello\r\n"));
    const JobRun run = fixture.runAndWait(u"win"_s);
    QCOMPARE(run.status(), JobStatus::Failed);
    const QStringList messages = fixture.outputMessages(u"win"_s, run.id());
    QVERIFY2(messages.constLast().contains(u"Windows"_s), qPrintable(messages.join(u'\n')));
}

void TestJobHost::historyRetention()
{
    HostOptions options;
    options.historySize = 3;
    HostFixture fixture(options);
    QVERIFY(fixture.addScript(JobType::Triggered, u"many"_s, u"run.sh"_s, "echo run\n"));
    QStringList ids;
    for (int i = 0; i < 5; ++i)
        ids << fixture.runAndWait(u"many"_s).id();
    const QList<JobRun> history = fixture.host()->history(u"many"_s, 0, 30);
    QCOMPARE(history.size(), 3);
    QCOMPARE(history.at(0).id(), ids.at(4));
    QCOMPARE(history.at(2).id(), ids.at(2));
    const JobPaths& paths = fixture.host()->context().paths;
    QVERIFY(!QFile::exists(paths.run(u"many"_s, ids.at(0))));
    QVERIFY(!QFile::exists(paths.run(u"many"_s, ids.at(1))));
    QVERIFY(QFile::exists(paths.run(u"many"_s, ids.at(4))));
}

void TestJobHost::workingCopyUnlessInPlace()
{
    HostFixture fixture;
    QVERIFY(fixture.addScript(JobType::Triggered, u"where"_s, u"run.sh"_s, "echo \"cwd=$PWD\"\n"));
    const JobPaths& paths = fixture.host()->context().paths;
    JobRun run = fixture.runAndWait(u"where"_s);
    QString cwd = fixture.outputMessages(u"where"_s, run.id()).filter(u"cwd="_s).constFirst().mid(4);
    QVERIFY2(cwd.startsWith(paths.workingCopies(JobType::Triggered, u"where"_s)), qPrintable(cwd));

    JobSettings settings;
    settings.setInPlace(true);
    QVERIFY(fixture.host()->setSettings(JobType::Triggered, u"where"_s, settings).ok());
    run = fixture.runAndWait(u"where"_s);
    cwd = fixture.outputMessages(u"where"_s, run.id()).filter(u"cwd="_s).constFirst().mid(4);
    QCOMPARE(cwd, paths.binaries(JobType::Triggered, u"where"_s));
}

void TestJobHost::continuousRestartsAfterExit()
{
    HostFixture fixture(fastOptions());
    QSignalSpy changed(fixture.host(), &JobHost::jobChanged);
    QVERIFY(fixture.addScript(JobType::Continuous, u"worker"_s, u"run.sh"_s, "echo tick; sleep 0.2; exit 0\n"));
    ContinuousJobRunner* runner = fixture.host()->continuousRunner(u"worker"_s);
    QVERIFY(runner);
    QSet<JobStatus> seen;
    connect(runner, &ContinuousJobRunner::statusChanged, this, [&seen](JobStatus status) { seen.insert(status); });
    // Three processes: the first one and two restarts after PendingRestart.
    QTRY_VERIFY_WITH_TIMEOUT(
        readFile(fixture.host()->context().paths.jobLog(u"worker"_s)).count(u"] tick"_s) >= 3, 15000);
    QVERIFY(seen.contains(JobStatus::PendingRestart));
    QVERIFY(seen.contains(JobStatus::Running));
    const QString log = readFile(fixture.host()->context().paths.jobLog(u"worker"_s));
    QVERIFY2(log.contains(u"Process went down, waiting for 0.2 seconds"_s), qPrintable(log));
}

void TestJobHost::continuousEntersCrashLoop()
{
    HostFixture fixture(fastOptions());
    QSignalSpy crashLoop(fixture.host(), &JobHost::crashLoopEntered);
    QVERIFY(fixture.addScript(JobType::Continuous, u"crasher"_s, u"run.sh"_s, "echo boom >&2; exit 1\n"));
    QVERIFY(crashLoop.wait(15000));
    QCOMPARE(crashLoop.at(0).at(0).toString(), u"crasher"_s);
    QCOMPARE(fixture.host()->job(JobType::Continuous, u"crasher"_s)->status(), JobStatus::CrashLoop);
    // Reported once, while it keeps being restarted.
    ContinuousJobRunner* runner = fixture.host()->continuousRunner(u"crasher"_s);
    const int exits = runner->fastExits();
    QTRY_VERIFY_WITH_TIMEOUT(runner->fastExits() > exits + 1, 10000);
    QCOMPARE(crashLoop.size(), 1);
}

void TestJobHost::continuousStopAndStart()
{
    HostFixture fixture(fastOptions());
    QVERIFY(fixture.addScript(JobType::Continuous, u"svc"_s, u"run.sh"_s, "echo up; exec sleep 600\n"));
    ContinuousJobRunner* runner = fixture.host()->continuousRunner(u"svc"_s);
    QTRY_COMPARE(runner->status(), JobStatus::Running);
    const qint64 pid = runner->pid();
    QVERIFY(pid > 0);

    QVERIFY(fixture.host()->stopContinuous(u"svc"_s).ok());
    QTRY_COMPARE_WITH_TIMEOUT(runner->status(), JobStatus::Stopped, 15000);
    QCOMPARE(runner->pid(), 0);
    QVERIFY(QFile::exists(fixture.host()->context().paths.binaries(JobType::Continuous, u"svc"_s) + u"/disable.job"_s));
    QVERIFY(!QFile::exists(u"/proc/%1"_s.arg(pid)) || readFile(u"/proc/%1/stat"_s.arg(pid)).contains(u") Z"_s));
    QCOMPARE(fixture.host()->job(JobType::Continuous, u"svc"_s)->status(), JobStatus::Stopped);

    // Stopped survives a restart of the host (disable.job), and start brings it back.
    QVERIFY(fixture.reopen());
    runner = fixture.host()->continuousRunner(u"svc"_s);
    QCOMPARE(runner->status(), JobStatus::Stopped);
    QVERIFY(fixture.host()->startContinuous(u"svc"_s).ok());
    QTRY_COMPARE(runner->status(), JobStatus::Running);
    QVERIFY(
        !QFile::exists(fixture.host()->context().paths.binaries(JobType::Continuous, u"svc"_s) + u"/disable.job"_s));
    const QString status
        = readFile(fixture.host()->context().paths.continuousStatus(u"svc"_s, fixture.host()->instance()));
    QCOMPARE(status, u"{\"Status\":\"Running\"}"_s);
}

void TestJobHost::continuousGetsShutdownFile()
{
    HostFixture fixture(fastOptions());
    QVERIFY(fixture.addScript(JobType::Continuous, u"polite"_s, u"run.sh"_s,
        "trap '' TERM; echo \"file=$WEBJOBS_SHUTDOWN_FILE\"; echo \"port=$WEBJOBS_PORT\"\n"
        "while [ ! -e \"$WEBJOBS_SHUTDOWN_FILE\" ]; do sleep 0.05; done; echo 'shutting down cleanly'\n"));
    ContinuousJobRunner* runner = fixture.host()->continuousRunner(u"polite"_s);
    QTRY_COMPARE(runner->status(), JobStatus::Running);
    const QString logPath = fixture.host()->context().paths.jobLog(u"polite"_s);
    QTRY_VERIFY(readFile(logPath).contains(u"] port="_s));
    QVERIFY(fixture.host()->stopContinuous(u"polite"_s).ok());
    QTRY_COMPARE_WITH_TIMEOUT(runner->status(), JobStatus::Stopped, 15000);
    const QString log = readFile(logPath);
    QVERIFY2(log.contains(u"] shutting down cleanly"_s), qPrintable(log));
    QVERIFY(log.contains(u"/temp/JobsShutdown/continuous/polite/"_s));
    QVERIFY(!log.contains(u"port=0"_s));
}

void TestJobHost::settingsRoundTripAndValidation()
{
    HostFixture fixture;
    QVERIFY(fixture.addScript(JobType::Triggered, u"cfg"_s, u"run.sh"_s, "echo\n"));
    QCOMPARE(fixture.host()->settings(JobType::Triggered, u"cfg"_s).toJson(), "{}"_ba);
    QCOMPARE(fixture.host()->settings(JobType::Triggered, u"unknown"_s).toJson(), "{}"_ba);

    const std::optional<JobSettings> settings = JobSettings::parse(R"({"mysetting":"myvalue","one":1})");
    QVERIFY(settings);
    QVERIFY(fixture.host()->setSettings(JobType::Triggered, u"cfg"_s, *settings).ok());
    QCOMPARE(fixture.host()->settings(JobType::Triggered, u"cfg"_s).toJson(), R"({"mysetting":"myvalue","one":1})"_ba);

    const std::optional<JobSettings> broken = JobSettings::parse(R"({"schedule":"0 75 * * * *"})");
    const ServiceError error = fixture.host()->setSettings(JobType::Triggered, u"cfg"_s, *broken);
    QCOMPARE(error.code, ServiceError::Code::BadRequest);
    QVERIFY2(error.message.contains(u"minute"_s), qPrintable(error.message));
    // The good settings stay.
    QCOMPARE(fixture.host()->settings(JobType::Triggered, u"cfg"_s).toJson(), R"({"mysetting":"myvalue","one":1})"_ba);
    QCOMPARE(fixture.host()->setSettings(JobType::Triggered, u"nope"_s, *settings).code, ServiceError::Code::NotFound);
}

void TestJobHost::cronScheduleFires()
{
    HostFixture fixture;
    QVERIFY(fixture.addScript(JobType::Triggered, u"every"_s, u"run.sh"_s, "echo scheduled\n"));
    QSignalSpy finished(fixture.host(), &JobHost::runFinished);
    JobSettings settings;
    settings.setSchedule(u"*/1 * * * * *"_s);
    QVERIFY(fixture.host()->setSettings(JobType::Triggered, u"every"_s, settings).ok());
    QVERIFY(!fixture.host()->nextScheduledRun(u"every"_s).isNull());
    QTRY_VERIFY_WITH_TIMEOUT(finished.size() >= 2, 15000);
    const JobRun run = finished.at(0).at(0).value<JobRun>();
    QCOMPARE(run.status(), JobStatus::Success);
    QCOMPARE(run.trigger(), u"Schedule - * * * * * *"_s);
    const QString log = readFile(fixture.host()->context().paths.schedulerLog(u"every"_s));
    QVERIFY2(log.contains(u"WebJob invoked"_s), qPrintable(log));
    QVERIFY(log.contains(u"Scheduling WebJob with */1 * * * * * next schedule expected in"_s));
}

void TestJobHost::recurrenceRunsImmediately()
{
    HostFixture fixture;
    QVERIFY(fixture.addScript(JobType::Triggered, u"rec"_s, u"run.sh"_s, "echo recurring\n"));
    QSignalSpy finished(fixture.host(), &JobHost::runFinished);
    JobSettings settings;
    settings.setRecurrence(QJsonDocument::fromJson(R"({"recurrence": {"frequency": "day", "interval": 1}})").object());
    QVERIFY(fixture.host()->setSettings(JobType::Triggered, u"rec"_s, settings).ok());
    // No start time: the first run is at creation, the next a day later.
    QVERIFY(finished.wait(15000));
    QVERIFY(finished.at(0).at(0).value<JobRun>().trigger().startsWith(u"Schedule - "_s));
    const Instant next = fixture.host()->nextScheduledRun(u"rec"_s);
    QVERIFY(next - Instant::now() > Duration::fromSeconds(23 * 3600));
}

void TestJobHost::missedScheduleWithinGraceRunsNow()
{
    ClockedHost clocked;
    HostFixture& fixture = clocked.fixture;
    QVERIFY(clocked.addScheduled(u"hourly"_s, "echo hourly\n", u"0 0 * * * *"_s));
    QCOMPARE(fixture.host()->nextScheduledRun(u"hourly"_s).toString(), u"2024-01-01T11:00:00Z"_s);

    // The host was away and comes back 5 minutes after the due time: the run happens now.
    clocked.moveTo(u"2024-01-01T11:05:00Z"_s);
    QSignalSpy finished(fixture.host(), &JobHost::runFinished);
    fixture.host()->reevaluateSchedules();
    QVERIFY(finished.wait());
    QCOMPARE(fixture.host()->nextScheduledRun(u"hourly"_s), *Instant::parse(u"2024-01-01T12:00:00Z"));
}

void TestJobHost::missedScheduleBeyondGraceIsLogged()
{
    ClockedHost clocked;
    HostFixture& fixture = clocked.fixture;
    QVERIFY(clocked.addScheduled(u"hourly"_s, "echo hourly\n", u"0 0 * * * *"_s));

    // Down for three hours: 11:00, 12:00 and 13:00 were missed; nothing runs, the log says so,
    // and a host opened again on the same data does not run them either.
    clocked.moveTo(u"2024-01-01T13:30:00Z"_s);
    QVERIFY(fixture.reopen());
    QCOMPARE(fixture.host()->nextScheduledRun(u"hourly"_s), *Instant::parse(u"2024-01-01T11:00:00Z"));
    fixture.host()->reevaluateSchedules();
    QCOMPARE(fixture.host()->runCount(u"hourly"_s), 0);
    QCOMPARE(fixture.host()->nextScheduledRun(u"hourly"_s), *Instant::parse(u"2024-01-01T14:00:00Z"));
    const QString log = readFile(fixture.host()->context().paths.schedulerLog(u"hourly"_s));
    QVERIFY2(log.contains(u"Missed 3 schedules, most recent at 2024-01-01T13:00:00Z"_s), qPrintable(log));
}

void TestJobHost::skipPolicyNeverRunsLate()
{
    ClockedHost clocked;
    HostFixture& fixture = clocked.fixture;
    QVERIFY(clocked.addScheduled(u"strict"_s, "echo strict\n", u"0 0 * * * *"_s, JobSettings::MisfirePolicy::Skip));
    clocked.moveTo(u"2024-01-01T11:02:00Z"_s);
    fixture.host()->reevaluateSchedules();
    QCOMPARE(fixture.host()->runCount(u"strict"_s), 0);
    QVERIFY(readFile(fixture.host()->context().paths.schedulerLog(u"strict"_s)).contains(u"Missed 1 schedules"_s));
}

void TestJobHost::monthlyOccurrenceReachedExactlyRunsOnce_data()
{
    QTest::addColumn<QByteArray>("recurrence");
    QTest::addColumn<QString>("due");
    QTest::addColumn<QString>("following");

    QTest::newRow("monthDays") << QByteArray(R"({"startTime":"2024-01-01T00:00:00Z","recurrence":{"frequency":"month",)"
                                             R"("schedule":{"monthDays":[15,-1],"hours":[9],"minutes":[0]}}})")
                               << u"2024-01-15T09:00:00Z"_s << u"2024-01-31T09:00:00Z"_s;
    QTest::newRow("last day") << QByteArray(R"({"startTime":"2024-01-01T09:30:00Z","recurrence":{"frequency":"month",)"
                                            R"("schedule":{"monthDays":[-1]}}})")
                              << u"2024-01-31T09:30:00Z"_s << u"2024-02-29T09:30:00Z"_s;
    QTest::newRow("monthlyOccurrences") << QByteArray(
        R"({"startTime":"2024-01-01T09:00:00Z","recurrence":{"frequency":"month",)"
        R"("schedule":{"monthlyOccurrences":[{"day":"friday","occurrence":-1}]}}})")
                                        << u"2024-01-26T09:00:00Z"_s << u"2024-02-23T09:00:00Z"_s;
    QTest::newRow("minutes only") << QByteArray(
        R"({"startTime":"2024-01-15T00:00:00Z","recurrence":{"frequency":"month",)"
        R"("schedule":{"minutes":[20]}}})")
                                  << u"2024-01-15T00:20:00Z"_s << u"2024-01-15T01:20:00Z"_s;
}

void TestJobHost::monthlyOccurrenceReachedExactlyRunsOnce()
{
    QFETCH(QByteArray, recurrence);
    QFETCH(QString, due);
    QFETCH(QString, following);

    ClockedHost clocked;
    HostFixture& fixture = clocked.fixture;
    QVERIFY(clocked.addRecurring(u"monthly"_s, "echo monthly\n", recurrence));
    QCOMPARE(fixture.host()->nextScheduledRun(u"monthly"_s).toString(), due);

    // The clock reaches the occurrence to the tick: it runs once, and the next due time is
    // the following occurrence, not the one just handled.
    clocked.moveTo(due);
    QSignalSpy finished(fixture.host(), &JobHost::runFinished);
    fixture.host()->reevaluateSchedules();
    QCOMPARE(fixture.host()->runCount(u"monthly"_s), 1);
    QCOMPARE(fixture.host()->nextScheduledRun(u"monthly"_s).toString(), following);
    QVERIFY(finished.wait());

    // Looking again at the same instant, and a host opened again on the same data, find
    // nothing due.
    fixture.host()->reevaluateSchedules();
    QCOMPARE(fixture.host()->runCount(u"monthly"_s), 1);
    QVERIFY(fixture.reopen());
    QCOMPARE(fixture.host()->nextScheduledRun(u"monthly"_s).toString(), following);
    fixture.host()->reevaluateSchedules();
    QCOMPARE(fixture.host()->runCount(u"monthly"_s), 1);

    const QString log = readFile(fixture.host()->context().paths.schedulerLog(u"monthly"_s));
    QCOMPARE(log.count(u"WebJob invoked"_s), 1);
}

void TestJobHost::scheduledRunSkippedWhileRunning()
{
    ClockedHost clocked;
    HostFixture& fixture = clocked.fixture;
    QVERIFY(clocked.addScheduled(u"busy"_s, "sleep 30\n", u"0 * * * * *"_s));
    QVERIFY(fixture.host()->triggerRun(u"busy"_s, {}, u"External - test"_s, nullptr).ok());
    clocked.moveTo(u"2024-01-01T10:01:00Z"_s);
    fixture.host()->reevaluateSchedules();
    QCOMPARE(fixture.host()->runCount(u"busy"_s), 1);
    const QString log = readFile(fixture.host()->context().paths.schedulerLog(u"busy"_s));
    QVERIFY2(log.contains(u"the previous run is still running"_s), qPrintable(log));
}

void TestJobHost::deleteJobRemovesEverything()
{
    HostFixture fixture(fastOptions());
    QVERIFY(fixture.addScript(JobType::Triggered, u"gone"_s, u"run.sh"_s, "echo\n"));
    fixture.runAndWait(u"gone"_s);
    QVERIFY(fixture.addScript(JobType::Continuous, u"gone"_s, u"run.sh"_s, "exec sleep 600\n"));
    QTRY_COMPARE(fixture.host()->continuousRunner(u"gone"_s)->status(), JobStatus::Running);
    QSignalSpy removed(fixture.host(), &JobHost::jobRemoved);
    fixture.host()->deleteJob(JobType::Triggered, u"gone"_s);
    fixture.host()->deleteJob(JobType::Continuous, u"gone"_s);
    fixture.host()->deleteJob(JobType::Continuous, u"never-existed"_s);
    // A name that is no job's name removes nothing, even when it names a folder.
    fixture.host()->deleteJob(JobType::Triggered, u".."_s);
    fixture.host()->deleteJob(JobType::Triggered, u"a/../.."_s);
    QVERIFY(QFile::exists(fixture.host()->context().paths.binariesRoot(JobType::Triggered)));
    QVERIFY(QFile::exists(fixture.host()->context().paths.binariesRoot(JobType::Continuous)));
    QCOMPARE(removed.size(), 2);
    QVERIFY(fixture.host()->jobs().isEmpty());
    const JobPaths& paths = fixture.host()->context().paths;
    QVERIFY(!QFile::exists(paths.binaries(JobType::Triggered, u"gone"_s)));
    QVERIFY(!QFile::exists(paths.data(JobType::Triggered, u"gone"_s)));
    QCOMPARE(fixture.host()->runCount(u"gone"_s), 0);
    QTRY_COMPARE(ProcessReaper::countMarked(fixture.host()->context().marker), 0);
}

void TestJobHost::picksUpChangesMadeOnDisk()
{
    HostFixture fixture(fastOptions());
    JobHost* host = fixture.host();
    const JobPaths& paths = host->context().paths;
    QSignalSpy added(host, &JobHost::jobAdded);
    QSignalSpy removed(host, &JobHost::jobRemoved);

    // A deployment copies a job folder in.
    const QString triggered = paths.binaries(JobType::Triggered, u"deployed"_s);
    QVERIFY(QDir().mkpath(triggered));
    QFile script(triggered + u"/run.sh"_s);
    QVERIFY(script.open(QIODevice::WriteOnly));
    script.write("echo deployed\n");
    script.close();
    QVERIFY(added.wait(10000));
    QVERIFY(host->hasJob(JobType::Triggered, u"deployed"_s));

    // An editor writes settings.job with a schedule.
    QFile settings(triggered + u"/settings.job"_s + u".new"_s);
    QVERIFY(settings.open(QIODevice::WriteOnly));
    settings.write(R"({"schedule": "0 0 3 * * *"})");
    settings.close();
    QVERIFY(QFile::rename(settings.fileName(), triggered + u"/settings.job"_s));
    QTRY_VERIFY_WITH_TIMEOUT(!host->nextScheduledRun(u"deployed"_s).isNull(), 10000);

    // disable.job stops a continuous job, and removing it starts the job again.
    QVERIFY(fixture.addScript(JobType::Continuous, u"svc"_s, u"run.sh"_s, "exec sleep 600\n"));
    ContinuousJobRunner* runner = host->continuousRunner(u"svc"_s);
    QTRY_COMPARE(runner->status(), JobStatus::Running);
    const QString disable = paths.binaries(JobType::Continuous, u"svc"_s) + u"/disable.job"_s;
    QFile marker(disable);
    QVERIFY(marker.open(QIODevice::WriteOnly));
    marker.close();
    QTRY_COMPARE_WITH_TIMEOUT(runner->status(), JobStatus::Stopped, 15000);
    QVERIFY(QFile::remove(disable));
    QTRY_COMPARE_WITH_TIMEOUT(runner->status(), JobStatus::Running, 15000);

    // Removing a folder removes the job.
    QVERIFY(QDir(triggered).removeRecursively());
    QVERIFY(removed.wait(10000));
    QVERIFY(!host->hasJob(JobType::Triggered, u"deployed"_s));
}

void TestJobHost::recoversAfterCrash()
{
    // A host in another process: it runs a triggered job (whose script starts a child) and a
    // continuous job, then dies by SIGKILL. A host opened on the same data cleans up after it.
    HostFixture fixture(fastOptions());
    QVERIFY(fixture.addScript(JobType::Triggered, u"longrun"_s, u"run.sh"_s, "sleep 600 & echo started; wait\n"));
    QVERIFY(fixture.addScript(JobType::Continuous, u"daemon"_s, u"run.sh"_s, "echo up; exec sleep 600\n"));
    const QString marker = fixture.host()->context().marker;
    fixture.host()->shutdown(std::chrono::milliseconds(100));
    QSignalSpy stopped(fixture.host(), &JobHost::stopped);
    QVERIFY(stopped.wait() || stopped.size() == 1);

    // This test program itself, run as a host (see main()).
    QProcess agent;
    agent.setProgram(QCoreApplication::applicationFilePath());
    agent.setArguments({u"--child-host"_s, fixture.dataRoot(), u"longrun"_s});
    agent.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    agent.start();
    QVERIFY(agent.waitForStarted());
    // The triggered run is running (with its child) and the continuous job too.
    QTRY_VERIFY_WITH_TIMEOUT(ProcessReaper::countMarked(marker) >= 3, 20000);
    agent.kill();
    QVERIFY(agent.waitForFinished());

    QVERIFY(fixture.reopen(fastOptions()));
    JobHost* host = fixture.host();
    const QList<JobRun> history = host->history(u"longrun"_s, 0, 10);
    QCOMPARE(history.size(), 1);
    QCOMPARE(history.at(0).status(), JobStatus::Aborted);
    QCOMPARE(history.at(0).abortReason(), u"agent restarted"_s);
    QVERIFY(fixture.outputText(u"longrun"_s, history.at(0).id()).contains(u"Status changed to Aborted"_s));
    // The continuous job runs again, as exactly one process; nothing of the old host is left.
    QTRY_COMPARE(host->continuousRunner(u"daemon"_s)->status(), JobStatus::Running);
    QTRY_COMPARE(ProcessReaper::countMarked(marker), 1);
}

void TestJobHost::shutdownStopsEverything()
{
    HostFixture fixture(fastOptions());
    QVERIFY(fixture.addScript(JobType::Triggered, u"t"_s, u"run.sh"_s, "sleep 600\n"));
    QVERIFY(fixture.addScript(JobType::Continuous, u"c"_s, u"run.sh"_s, "exec sleep 600\n"));
    QTRY_COMPARE(fixture.host()->continuousRunner(u"c"_s)->status(), JobStatus::Running);
    QString runId;
    QVERIFY(fixture.host()->triggerRun(u"t"_s, {}, u"External - test"_s, &runId).ok());
    QSignalSpy stopped(fixture.host(), &JobHost::stopped);
    fixture.host()->shutdown(std::chrono::seconds(5));
    QVERIFY(stopped.wait(20000));
    QCOMPARE(ProcessReaper::countMarked(fixture.host()->context().marker), 0);
    const JobRun run = *fixture.host()->run(u"t"_s, runId);
    QCOMPARE(run.status(), JobStatus::Aborted);
    QCOMPARE(fixture.host()->continuousRunner(u"c"_s)->status(), JobStatus::Stopped);
}

// The store failure tests make the database refuse writes under a running host through
// Test::setStoreReadOnly() (tests/support/ReadOnlyStore.h says why that way), and read the
// agent's log through the `webjobs.host` logging category.

void TestJobHost::refusedRunStartIsReported()
{
    HostFixture fixture(retryingOptions());
    JobHost* host = fixture.host();
    QVERIFY(fixture.addScript(JobType::Triggered, u"nightly"_s, u"run.sh"_s, "echo hello\n"));
    Test::LogCapture log("webjobs.host");
    QSignalSpy failed(host, &JobHost::storeFailed);
    QSignalSpy changed(host, &JobHost::jobChanged);
    QString error;
    QVERIFY2(Test::setStoreReadOnly(*host->store(), true, &error), qPrintable(error));

    QString runId;
    const ServiceError refused = host->triggerRun(u"nightly"_s, {}, u"External - test"_s, &runId);
    QCOMPARE(refused.code, ServiceError::Code::Internal);
    QVERIFY2(refused.message.startsWith(u"Cannot record the run "_s)
            && refused.message.contains(u"attempt to write a readonly database"_s)
            && refused.message.endsWith(u"The run did not start."_s),
        qPrintable(refused.message));
    // In the agent's log, once, naming the job; signalled; on the job, which the API and the
    // console show.
    QCOMPARE(log.containing(QtWarningMsg, refused.message).size(), 1);
    QVERIFY(log.containing(QtWarningMsg, refused.message).first().startsWith(u"triggered job nightly: "_s));
    QCOMPARE(failed.size(), 1);
    QCOMPARE(failed.at(0).at(0).value<JobType>(), JobType::Triggered);
    QCOMPARE(failed.at(0).at(1).toString(), u"nightly"_s);
    QCOMPARE(failed.at(0).at(2).toString(), refused.message);
    QVERIFY(!changed.isEmpty());
    QCOMPARE(host->job(JobType::Triggered, u"nightly"_s)->error(), refused.message);
    // Nothing ran unrecorded.
    QVERIFY(runId.isEmpty());
    QVERIFY(!host->triggeredRunner(u"nightly"_s)->isRunning());
    QCOMPARE(host->runCount(u"nightly"_s), 0);
    QVERIFY(QDir(host->context().paths.data(JobType::Triggered, u"nightly"_s))
                .entryList(QDir::Dirs | QDir::NoDotAndDotDot)
                .isEmpty());

    // Writable again: the next run starts and is recorded, and the job's error is gone.
    QVERIFY2(Test::setStoreReadOnly(*host->store(), false, &error), qPrintable(error));
    QCOMPARE(fixture.runAndWait(u"nightly"_s).status(), JobStatus::Success);
    QCOMPARE(host->runCount(u"nightly"_s), 1);
    QVERIFY(host->job(JobType::Triggered, u"nightly"_s)->error().isEmpty());
}

void TestJobHost::refusedRunEndIsReportedAndRetried()
{
    HostFixture fixture(retryingOptions());
    JobHost* host = fixture.host();
    const QString go = fixture.dataRoot() + u"/go"_s;
    QVERIFY(fixture.addScript(JobType::Triggered, u"slow"_s, u"run.sh"_s,
        "while [ ! -e '" + go.toUtf8() + "' ]; do sleep 0.05; done; echo done\n"));
    QSignalSpy started(host, &JobHost::runStarted);
    QSignalSpy finished(host, &JobHost::runFinished);
    QString runId;
    QVERIFY(host->triggerRun(u"slow"_s, {}, u"External - test"_s, &runId).ok());
    QCOMPARE(started.size(), 1);
    QTRY_COMPARE(host->run(u"slow"_s, runId)->status(), JobStatus::Running);

    // The database turns read-only while the run runs; then the run ends.
    Test::LogCapture log("webjobs.host");
    QSignalSpy failed(host, &JobHost::storeFailed);
    QString error;
    QVERIFY2(Test::setStoreReadOnly(*host->store(), true, &error), qPrintable(error));
    QVERIFY(writeFile(go, {}));
    QVERIFY(finished.wait(20000));
    QCOMPARE(finished.at(0).at(0).value<JobRun>().status(), JobStatus::Success);

    const QString sentence = u"Cannot update the run %1 of the job slow in the job database: "_s.arg(runId);
    QCOMPARE(log.containing(QtWarningMsg, sentence).size(), 1);
    bool signalled = false;
    for (const QList<QVariant>& signal : std::as_const(failed))
        signalled = signalled || signal.at(2).toString().startsWith(sentence);
    QVERIFY(signalled);
    const QString jobError = host->job(JobType::Triggered, u"slow"_s)->error();
    QVERIFY2(jobError.contains(sentence) && jobError.contains(u"The host tries again every "_s), qPrintable(jobError));
    // The run's own log says it too.
    QVERIFY(fixture.outputText(u"slow"_s, runId).contains(sentence));
    // The store still holds the run as running, so no run starts beside it: a new one is refused
    // with the reason.
    QCOMPARE(host->run(u"slow"_s, runId)->status(), JobStatus::Running);
    const ServiceError refused = host->triggerRun(u"slow"_s, {}, u"External - test"_s, nullptr);
    QCOMPARE(refused.code, ServiceError::Code::Internal);
    QVERIFY2(refused.message.startsWith(sentence), qPrintable(refused.message));
    QCOMPARE(started.size(), 1);

    // Writable again: the retry records the end, and the error goes.
    QVERIFY2(Test::setStoreReadOnly(*host->store(), false, &error), qPrintable(error));
    QTRY_COMPARE(host->run(u"slow"_s, runId)->status(), JobStatus::Success);
    QTRY_VERIFY(host->job(JobType::Triggered, u"slow"_s)->error().isEmpty());
    QVERIFY(!log.containing(QtInfoMsg, sentence).isEmpty());
    // Retried quietly: the failure was logged once, however many attempts it took.
    QCOMPARE(log.containing(QtWarningMsg, sentence).size(), 1);
    QCOMPARE(fixture.runAndWait(u"slow"_s).status(), JobStatus::Success);
}

void TestJobHost::refusedContinuousStatusIsReportedAndRetried()
{
    HostFixture fixture(retryingOptions());
    JobHost* host = fixture.host();
    QVERIFY(fixture.addScript(JobType::Continuous, u"svc"_s, u"run.sh"_s, "exec sleep 600\n"));
    ContinuousJobRunner* runner = host->continuousRunner(u"svc"_s);
    QTRY_COMPARE(runner->status(), JobStatus::Running);
    const auto storedStatus = [&] {
        const auto statuses = host->store()->continuousStatuses(u"svc"_s);
        return statuses && statuses->size() == 1 ? statuses->first().status : JobStatus::Initializing;
    };
    QCOMPARE(storedStatus(), JobStatus::Running);

    Test::LogCapture log("webjobs.host");
    QSignalSpy failed(host, &JobHost::storeFailed);
    QString error;
    QVERIFY2(Test::setStoreReadOnly(*host->store(), true, &error), qPrintable(error));
    QVERIFY(host->stopContinuous(u"svc"_s).ok());
    QTRY_COMPARE_WITH_TIMEOUT(runner->status(), JobStatus::Stopped, 15000);

    const QString sentence
        = u"Cannot save the status of the job svc on the instance %1 in the job database: "_s.arg(host->instance());
    QVERIFY(!log.containing(QtWarningMsg, sentence).isEmpty());
    QVERIFY(!failed.isEmpty());
    QVERIFY(host->job(JobType::Continuous, u"svc"_s)->error().contains(sentence));
    // The store, which other instances read, still says Running; the job says why.
    QCOMPARE(storedStatus(), JobStatus::Running);

    QVERIFY2(Test::setStoreReadOnly(*host->store(), false, &error), qPrintable(error));
    QTRY_COMPARE(storedStatus(), JobStatus::Stopped);
    QTRY_VERIFY(host->job(JobType::Continuous, u"svc"_s)->error().isEmpty());
}

void TestJobHost::folderThatCannotBeLoadedSaysWhy()
{
    HostFixture fixture(fastOptions());
    JobHost* host = fixture.host();
    const JobPaths& paths = host->context().paths;
    Test::LogCapture log("webjobs.host");
    QSignalSpy removed(host, &JobHost::jobRemoved);

    // Copied in by hand: a folder without a script, a folder whose name cannot be a job's, and a
    // job whose settings.job is not valid JSON.
    QVERIFY(writeFile(paths.binaries(JobType::Triggered, u"notes"_s) + u"/readme.txt"_s, "notes"));
    QVERIFY(writeFile(paths.binaries(JobType::Triggered, u"my job"_s) + u"/run.sh"_s, "echo hi\n"));
    QVERIFY(writeFile(paths.binaries(JobType::Triggered, u"broken"_s) + u"/run.sh"_s, "echo hi\n"));
    QVERIFY(writeFile(paths.binaries(JobType::Triggered, u"broken"_s) + u"/settings.job"_s, R"({"schedule": )"));
    QTRY_COMPARE_WITH_TIMEOUT(host->jobs(JobType::Triggered).size(), 3, 10000);

    const std::optional<Job> notes = host->job(JobType::Triggered, u"notes"_s);
    QVERIFY(notes);
    QVERIFY2(notes->error().contains(u"No runnable script file was found"_s), qPrintable(notes->error()));
    QVERIFY(notes->error().contains(paths.binaries(JobType::Triggered, u"notes"_s)));
    QVERIFY(!host->hasJob(JobType::Triggered, u"notes"_s));
    QCOMPARE(host->triggerRun(u"notes"_s, {}, u"External - test"_s, nullptr).code, ServiceError::Code::NotFound);

    const QString nameError = host->job(JobType::Triggered, u"my job"_s)->error();
    QVERIFY2(nameError.contains(u"is not a valid job name"_s) && nameError.endsWith(u"Rename the folder."_s),
        qPrintable(nameError));

    // A job whose settings cannot be used is a job, which says so.
    QVERIFY(host->hasJob(JobType::Triggered, u"broken"_s));
    const QString settingsError = host->job(JobType::Triggered, u"broken"_s)->error();
    QVERIFY2(settingsError.contains(u"settings.job"_s) && settingsError.contains(u"not valid JSON"_s),
        qPrintable(settingsError));

    // Each is in the agent's log, once however often the list is read.
    host->jobs();
    host->jobs();
    QCOMPARE(log.containing(QtWarningMsg, u"No runnable script file was found"_s).size(), 1);
    QCOMPARE(log.containing(QtWarningMsg, u"is not a valid job name"_s).size(), 1);
    QCOMPARE(log.containing(QtWarningMsg, u"not valid JSON"_s).size(), 1);

    // A script arriving makes the folder a job; a folder removed leaves the list.
    QSignalSpy added(host, &JobHost::jobAdded);
    QVERIFY(writeFile(paths.binaries(JobType::Triggered, u"notes"_s) + u"/run.sh"_s, "echo hi\n"));
    QTRY_VERIFY_WITH_TIMEOUT(host->hasJob(JobType::Triggered, u"notes"_s), 10000);
    QVERIFY(host->job(JobType::Triggered, u"notes"_s)->error().isEmpty());
    QCOMPARE(fixture.runAndWait(u"notes"_s).status(), JobStatus::Success);
    // A job whose script goes away is not loaded any more, says why, and keeps its history.
    QVERIFY(QFile::remove(paths.binaries(JobType::Triggered, u"notes"_s) + u"/run.sh"_s));
    QTRY_VERIFY_WITH_TIMEOUT(!host->hasJob(JobType::Triggered, u"notes"_s), 10000);
    QVERIFY(host->job(JobType::Triggered, u"notes"_s)->error().contains(u"No runnable script file was found"_s));
    QCOMPARE(host->runCount(u"notes"_s), 1);
    QCOMPARE(added.size(), 0); // it was in the list all along
    QVERIFY(writeFile(paths.binaries(JobType::Triggered, u"notes"_s) + u"/run.sh"_s, "echo hi\n"));
    QTRY_VERIFY_WITH_TIMEOUT(host->hasJob(JobType::Triggered, u"notes"_s), 10000);
    QCOMPARE(host->history(u"notes"_s, 0, 10).size(), 1);
    QVERIFY(QDir(paths.binaries(JobType::Triggered, u"my job"_s)).removeRecursively());
    QTRY_VERIFY_WITH_TIMEOUT(!host->job(JobType::Triggered, u"my job"_s), 10000);
    QCOMPARE(removed.size(), 1);

    // A restarted host says the same of what is left.
    QVERIFY(fixture.reopen());
    QVERIFY(fixture.host()->job(JobType::Triggered, u"broken"_s)->error().contains(u"not valid JSON"_s));
    QCOMPARE(fixture.host()->jobs(JobType::Triggered).size(), 2);
}

void TestJobHost::refusedRegistrationIsReportedAndRetried()
{
    HostFixture fixture(retryingOptions());
    JobHost* host = fixture.host();
    Test::LogCapture log("webjobs.host");
    QSignalSpy added(host, &JobHost::jobAdded);
    QString error;
    QVERIFY2(Test::setStoreReadOnly(*host->store(), true, &error), qPrintable(error));

    // A deployment copies a job in while the database refuses writes.
    QVERIFY(writeFile(host->context().paths.binaries(JobType::Triggered, u"late"_s) + u"/run.sh"_s, "echo hi\n"));
    QTRY_VERIFY_WITH_TIMEOUT(host->job(JobType::Triggered, u"late"_s).has_value(), 10000);
    QVERIFY(!host->hasJob(JobType::Triggered, u"late"_s));
    const QString sentence = u"Cannot save the job late in the job database: "_s;
    const QString jobError = host->job(JobType::Triggered, u"late"_s)->error();
    QVERIFY2(jobError.contains(u"is not loaded as a job"_s) && jobError.contains(sentence), qPrintable(jobError));
    QVERIFY(!log.containing(QtWarningMsg, sentence).isEmpty());
    QCOMPARE(added.size(), 1);

    // Writable again: the folder is loaded as a job.
    QVERIFY2(Test::setStoreReadOnly(*host->store(), false, &error), qPrintable(error));
    QTRY_VERIFY(host->hasJob(JobType::Triggered, u"late"_s));
    QVERIFY(host->job(JobType::Triggered, u"late"_s)->error().isEmpty());
    QCOMPARE(added.size(), 1);
    QCOMPARE(fixture.runAndWait(u"late"_s).status(), JobStatus::Success);
}

// `TestJobHost --child-host DATA JOB` runs a host on DATA with the test's fast options,
// triggers JOB and runs until it is killed: the crash test's victim.
int main(int argc, char* argv[])
{
    if (argc == 4 && qstrcmp(argv[1], "--child-host") == 0) {
        QCoreApplication app(argc, argv);
        HostOptions options = fastOptions();
        options.dataRoot = QString::fromLocal8Bit(argv[2]);
        JobHost host(options);
        QString error;
        if (!host.open(&error)) {
            qWarning() << error;
            return 1;
        }
        const ServiceError result = host.triggerRun(QString::fromLocal8Bit(argv[3]), {}, u"External - test"_s, nullptr);
        if (!result.ok()) {
            qWarning() << result.message;
            return 1;
        }
        return QCoreApplication::exec();
    }
    QCoreApplication app(argc, argv);
    TestJobHost test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}
#include "TestJobHost.moc"
