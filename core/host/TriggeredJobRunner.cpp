#include "core/host/TriggeredJobRunner.h"

#include "core/host/ClusterMember.h"
#include "core/host/HostContext.h"
#include "core/host/JobProcess.h"
#include "core/host/LogWriter.h"
#include "core/host/StoreFailures.h"
#include "core/package/ScriptDiscovery.h"
#include "core/package/ScriptRunner.h"
#include "core/store/JobStore.h"
#include "core/util/FileUtil.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace WebJobs {

namespace {

constexpr int info = int(LogWriter::Level::Info);
constexpr int warning = int(LogWriter::Level::Warning);
constexpr int error = int(LogWriter::Level::Error);

// Run ids are the start time to 1/10000 s; two runs within that tick get consecutive ids.
QString nextRunId(Instant now, const QString& previous)
{
    QString id = now.toRunId();
    if (!previous.isEmpty() && id <= previous)
        id = QString::number(previous.toLongLong() + 1);
    return id;
}

} // namespace

TriggeredJobRunner::TriggeredJobRunner(HostContext* context, QString name, QObject* parent)
    : QObject(parent)
    , m_context(context)
    , m_name(std::move(name))
    , m_workingCopy(context->paths.workingCopies(JobType::Triggered, m_name))
{ }

TriggeredJobRunner::~TriggeredJobRunner()
{
    killNow();
}

JobRun TriggeredJobRunner::toJobRun(const RunRecord& record, Instant now)
{
    JobRun run;
    run.setId(record.id);
    run.setStatus(record.status);
    run.setStartTime(record.startTime);
    run.setEndTime(record.endTime);
    if (!record.startTime.isNull())
        run.setDuration((record.endTime.isNull() ? now : record.endTime) - record.startTime);
    run.setJobName(record.jobName);
    run.setTrigger(record.trigger);
    run.setExitCode(record.exitCode);
    run.setArguments(record.arguments);
    run.setAbortedBy(record.abortedBy);
    run.setAbortReason(record.abortReason);
    run.setInstance(record.instance);
    return run;
}

void TriggeredJobRunner::systemLine(int level, const QString& message)
{
    if (m_log)
        m_log->system(LogWriter::Level(level), message);
}

void TriggeredJobRunner::writeStatusFile()
{
    if (!m_active)
        return;
    FileUtil::writeAtomically(
        m_context->paths.runStatus(m_name, m_active->id), toJobRun(*m_active, m_context->now()).toStatusFileJson());
}

void TriggeredJobRunner::setStatus(JobStatus status)
{
    m_active->status = status;
    systemLine(info, u"Status changed to "_s + jobStatusName(status));
}

TriggeredJobRunner::StartResult TriggeredJobRunner::start(const QString& arguments, const QString& trigger)
{
    if (isRunning())
        return {StartError::AlreadyRunning, {}, tr("Cannot start a new run since job is already running.")};
    if (m_context->options.jobsStopped)
        return {StartError::JobsStopped, {}, tr("WebJobs are currently in \"stopped\" state.")};

    const QString jobFolder = m_context->paths.binaries(JobType::Triggered, m_name);
    QString discoveryError;
    const std::optional<ScriptDiscovery::Script> script = ScriptDiscovery::find(jobFolder, &discoveryError);
    if (!script)
        return {StartError::NotFound, {}, discoveryError};

    // What the store refused before must be in it first. The runs a previous life of the host
    // left unfinished, and this job's last run until its end is recorded, are still running for
    // the store: a new run would be refused as "already running", or run beside a ghost.
    StoreFailures* failures = m_context->failures;
    if (!failures->retryHostNow(StoreFailures::Write::Recovery))
        return {StartError::Failed, {}, failures->hostFailure(StoreFailures::Write::Recovery)};
    if (!failures->retryNow(JobType::Triggered, m_name, StoreFailures::Write::RunStatus))
        return {StartError::Failed, {}, failures->failure(JobType::Triggered, m_name, StoreFailures::Write::RunStatus)};

    const Instant now = m_context->now();
    RunRecord record;
    record.jobName = m_name;
    record.id = nextRunId(now, m_lastRunId);
    record.status = JobStatus::Initializing;
    record.startTime = now;
    record.trigger = trigger;
    record.arguments = arguments;
    record.instance = m_context->instance;

    // The store claims the run: one unfinished run per job on every instance. A run the store
    // did not record does not start: it would run unseen by the history and by recovery.
    switch (m_context->store->insertRun(record)) {
    case JobStore::InsertRunResult::Inserted:
        failures->check(true, JobType::Triggered, m_name, StoreFailures::Write::RunStart);
        break;
    case JobStore::InsertRunResult::JobBusy:
        return {StartError::AlreadyRunning, {}, tr("Cannot start a new run since job is already running.")};
    case JobStore::InsertRunResult::Failed:
        failures->check(false, JobType::Triggered, m_name, StoreFailures::Write::RunStart);
        return {StartError::Failed, {}, failures->failure(JobType::Triggered, m_name, StoreFailures::Write::RunStart)};
    }
    m_lastRunId = record.id;
    m_active = record;
    m_endAs.reset();
    m_endMessage.clear();
    m_idleKilled = false;
    m_idleSampleCpu = -1;

    QDir().mkpath(m_context->paths.run(m_name, record.id));
    m_log = std::make_shared<LogWriter>(
        LogWriter::Options {m_context->paths.outputLog(m_name, record.id), m_context->instance, 0, {}});
    systemLine(info, u"Status changed to Initializing"_s);
    const auto started = [this, &record, failures] {
        // What does not have to happen before the process starts happens after it.
        writeStatusFile();
        // Not retried: the next run prunes again.
        const auto removed = m_context->store->pruneHistory(m_name, m_context->options.historySize);
        if (failures->check(removed.has_value(), JobType::Triggered, m_name, StoreFailures::Write::History)) {
            for (const QString& id : *removed)
                QDir(m_context->paths.run(m_name, id)).removeRecursively();
        }
        Q_EMIT runStarted(toJobRun(*m_active, m_context->now()));
        return StartResult {StartError::None, record.id, {}};
    };

    const ScriptRunner* runner = script->runner;
    m_scriptFileName = QFileInfo(script->scriptPath).fileName();
    QString problem;
    QString workingRoot;
    if (!runner || !runner->isAvailable()) {
        problem = runner ? runner->unavailableReason() : discoveryError;
    } else {
        const JobSettings settings = HostContext::readSettings(jobFolder);
        const bool inPlace = settings.isInPlace(runner->kind() == ScriptRunner::Kind::Node);
        workingRoot = m_workingCopy.prepare(jobFolder, inPlace, &problem);
    }
    if (!problem.isEmpty()) {
        m_endMessage = problem;
        const StartResult result = started();
        finish(JobStatus::Failed, std::nullopt);
        return result;
    }
    const QString workingDirectory
        = QDir(workingRoot).filePath(QDir(jobFolder).relativeFilePath(script->scriptDirectory));
    QProcessEnvironment environment = m_context->jobEnvironment(JobType::Triggered, m_name, workingRoot);
    environment.insert(u"WEBJOBS_RUN_ID"_s, record.id);
    environment.insert(u"WEBJOBS_COMMAND_ARGUMENTS"_s, arguments);

    systemLine(info, u"Run script '%1' with script host - '%2'"_s.arg(m_scriptFileName, runner->name()));
    // Running is logged before the process can write its first line.
    setStatus(JobStatus::Running);
    m_process = new JobProcess(this);
    connect(m_process, &JobProcess::finished, this, &TriggeredJobRunner::onProcessFinished);
    QString startError;
    if (!m_process->start(
            {runner->program(), runner->arguments(m_scriptFileName, arguments), workingDirectory, environment}, m_log,
            &startError)) {
        delete m_process;
        m_process = nullptr;
        m_endMessage = startError;
        const StartResult result = started();
        finish(JobStatus::Failed, std::nullopt);
        return result;
    }
    // One transaction, one disk flush. If the store refuses it, the run goes on (it is recorded,
    // as Initializing): stopping a job for its bookkeeping would turn a database hiccup into a
    // failed run. The failure is reported and written to the run's log, and retried; the run's
    // end replaces the retry.
    JobStore* store = m_context->store;
    const RunRecord running = *m_active;
    const ProcessRecord process {
        m_process->pid(), m_process->pid(), JobType::Triggered, m_name, record.id, m_context->instance, now};
    const auto recordRunning = [store, running, process] {
        return store->transaction([&] { return store->updateRun(running) && store->addProcess(process); });
    };
    if (!failures->check(recordRunning(), JobType::Triggered, m_name, StoreFailures::Write::RunStatus, recordRunning))
        systemLine(warning, failures->failure(JobType::Triggered, m_name, StoreFailures::Write::RunStatus));
    if (!m_idleTimer) {
        m_idleTimer = new QTimer(this);
        connect(m_idleTimer, &QTimer::timeout, this, &TriggeredJobRunner::checkIdle);
    }
    m_idleTimer->start(m_context->options.idleCheckInterval);
    return started();
}

void TriggeredJobRunner::checkIdle()
{
    if (!m_process || m_idleKilled)
        return;
    const qint64 now = QDeadlineTimer::current().deadline();
    const qint64 timeout = m_context->options.idleTimeout.count();
    const qint64 lastOutput = m_process->lastOutputMSecs();
    if (now - lastOutput < timeout) {
        m_idleSampleCpu = -1;
        return;
    }
    // Quiet for the timeout: sample the CPU time, and kill if it has not moved a timeout later.
    if (m_idleSampleCpu < 0 || m_idleSampleAt < lastOutput) {
        m_idleSampleCpu = m_process->groupCpuTime();
        m_idleSampleAt = now;
        return;
    }
    if (now - m_idleSampleAt < timeout)
        return;
    const qint64 cpu = m_process->groupCpuTime();
    if (cpu != m_idleSampleCpu) {
        m_idleSampleCpu = cpu;
        m_idleSampleAt = now;
        return;
    }
    m_idleKilled = true;
    const qint64 seconds = std::max<qint64>(1, timeout / 1000);
    m_endAs = JobStatus::Failed;
    m_endMessage = u"Command '%1' was aborted due to no output nor CPU activity for %2 seconds. You can increase "
                   "the SCM_COMMAND_IDLE_TIMEOUT app setting (or WEBJOBS_IDLE_TIMEOUT if this is a WebJob) if needed."_s
                       .arg(m_scriptFileName)
                       .arg(seconds);
    m_process->kill();
}

bool TriggeredJobRunner::abort(const QString& runId, const QString& who, const QString& why)
{
    if (!m_active || m_active->id != runId || !m_process)
        return false;
    m_active->abortedBy = who;
    m_active->abortReason = why;
    m_endAs = JobStatus::Aborted;
    m_endMessage = why.isEmpty() ? u"Run aborted by %1."_s.arg(who) : u"Run aborted by %1: %2"_s.arg(who, why);
    systemLine(info, m_endMessage);
    const QString jobFolder = m_context->paths.binaries(JobType::Triggered, m_name);
    const Duration grace = HostContext::readSettings(jobFolder).stoppingWaitTime(JobType::Triggered);
    m_process->stop(grace.toChrono());
    return true;
}

void TriggeredJobRunner::stop(std::chrono::milliseconds grace, const QString& reason)
{
    if (!m_process)
        return;
    m_active->abortedBy = u"agent"_s;
    m_active->abortReason = reason;
    m_endAs = JobStatus::Aborted;
    m_endMessage = reason;
    m_process->stop(grace);
}

void TriggeredJobRunner::killNow()
{
    if (m_process) {
        m_process->disconnect(this);
        delete m_process; // kills the group and waits for the capture thread
        m_process = nullptr;
    }
    if (m_idleTimer)
        m_idleTimer->stop();
    m_active.reset();
    m_log.reset();
}

void TriggeredJobRunner::onProcessFinished(int exitCode, bool crashed)
{
    Q_UNUSED(crashed);
    JobStore* store = m_context->store;
    const auto forgetProcess = [store, instance = m_context->instance, pid = m_process->pid()] {
        return store->removeProcess(instance, pid);
    };
    m_context->failures->check(
        forgetProcess(), JobType::Triggered, m_name, StoreFailures::Write::Process, forgetProcess);
    m_process->deleteLater();
    m_process = nullptr;
    if (m_idleTimer)
        m_idleTimer->stop();
    if (m_endAs) {
        finish(*m_endAs, exitCode);
        return;
    }
    if (exitCode != 0)
        m_endMessage = u"Job failed due to exit code %1"_s.arg(exitCode);
    finish(exitCode == 0 ? JobStatus::Success : JobStatus::Failed, exitCode);
}

void TriggeredJobRunner::finish(JobStatus status, std::optional<int> exitCode)
{
    if (!m_active)
        return;
    m_active->endTime = m_context->now();
    m_active->exitCode = exitCode;
    // Kudu writes the status change before the line that says why a run failed.
    setStatus(status);
    if (!m_endMessage.isEmpty() && status != JobStatus::Aborted)
        systemLine(error, m_endMessage);
    if (status == JobStatus::Failed && m_active->abortReason.isEmpty() && m_idleKilled)
        m_active->abortReason = m_endMessage;
    // With several instances, the log outlives this machine (ClusterMember); copied before the
    // end is recorded, so that another instance that sees the end finds the whole log.
    if (m_context->cluster)
        m_context->cluster->copyRunLog(m_name, m_active->id);
    // Until the end is recorded, the store holds the run as running: retried, and tried again
    // before the next run starts.
    JobStore* store = m_context->store;
    const RunRecord ended = *m_active;
    const auto recordEnd = [store, ended] { return store->updateRun(ended); };
    StoreFailures* failures = m_context->failures;
    if (!failures->check(recordEnd(), JobType::Triggered, m_name, StoreFailures::Write::RunStatus, recordEnd))
        systemLine(warning, failures->failure(JobType::Triggered, m_name, StoreFailures::Write::RunStatus));
    writeStatusFile();
    const JobRun run = toJobRun(*m_active, m_context->now());
    m_active.reset();
    m_log.reset();
    m_endAs.reset();
    Q_EMIT runFinished(run);
}

} // namespace WebJobs
