// The job engine with real processes on a temporary data folder: triggered runs, continuous
// supervision, schedules, retention and the recovery of a host that died.

#include "HostFixture.h"

#include "core/host/ContinuousJobRunner.h"
#include "core/host/ProcessReaper.h"
#include "core/host/TriggeredJobRunner.h"
#include "core/store/JobStore.h"
#include "tests/support/ZipBuilder.h"

#include <QDir>
#include <QFile>
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
    void argumentsAreSplitLikeAShell();
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
    void scheduledRunSkippedWhileRunning();
    void deleteJobRemovesEverything();
    void picksUpChangesMadeOnDisk();
    void recoversAfterCrash();
    void shutdownStopsEverything();
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

void TestJobHost::argumentsAreSplitLikeAShell()
{
    HostFixture fixture;
    QVERIFY(fixture.addScript(JobType::Triggered, u"args"_s, u"run.sh"_s,
        "echo \"count $#\"; for a in \"$@\"; do echo \"arg <$a>\"; done; echo \"env <$WEBJOBS_COMMAND_ARGUMENTS>\"\n"));
    const JobRun run = fixture.runAndWait(u"args"_s, u"\"first arg\" \"second arg\""_s);
    QCOMPARE(run.arguments(), u"\"first arg\" \"second arg\""_s);
    const QStringList messages = fixture.outputMessages(u"args"_s, run.id());
    QVERIFY(messages.contains(u"count 2"_s));
    QVERIFY(messages.contains(u"arg <first arg>"_s));
    QVERIFY(messages.contains(u"arg <second arg>"_s));
    QVERIFY(messages.contains(u"env <\"first arg\" \"second arg\">"_s));
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
