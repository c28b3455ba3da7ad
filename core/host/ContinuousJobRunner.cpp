#include "core/host/ContinuousJobRunner.h"

#include "core/host/ClusterMember.h"
#include "core/host/HostContext.h"
#include "core/host/JobProcess.h"
#include "core/host/LogWriter.h"
#include "core/host/StoreFailures.h"
#include "core/model/Job.h"
#include "core/package/ScriptDiscovery.h"
#include "core/package/ScriptRunner.h"
#include "core/store/JobStore.h"
#include "core/util/FileUtil.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHostAddress>
#include <QTcpServer>
#include <QTimer>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace WebJobs {

namespace {

constexpr int info = int(LogWriter::Level::Info);
constexpr int error = int(LogWriter::Level::Error);

quint16 freeLoopbackPort()
{
    QTcpServer server;
    if (!server.listen(QHostAddress::LocalHost, 0))
        return 0;
    return server.serverPort();
}

} // namespace

ContinuousJobRunner::ContinuousJobRunner(HostContext* context, QString name, QObject* parent)
    : QObject(parent)
    , m_context(context)
    , m_name(std::move(name))
    , m_workingCopy(context->paths.workingCopies(JobType::Continuous, m_name))
{
    m_log = std::make_shared<LogWriter>(LogWriter::Options {m_context->paths.jobLog(m_name), m_context->instance,
        m_context->options.jobLogRollBytes, m_context->paths.jobPreviousLog(m_name)});
    // Several instances: every instance's lines reach every instance's log (ClusterMember).
    m_log->setSharing(m_context->cluster != nullptr);
    m_restartTimer = new QTimer(this);
    m_restartTimer->setSingleShot(true);
    connect(m_restartTimer, &QTimer::timeout, this, &ContinuousJobRunner::launch);
}

ContinuousJobRunner::~ContinuousJobRunner()
{
    killNow();
}

bool ContinuousJobRunner::isEnabled() const
{
    if (m_context->options.jobsStopped)
        return false;
    const QString folder = m_context->paths.binaries(JobType::Continuous, m_name);
    return !QFileInfo::exists(ScriptDiscovery::disablePath(folder));
}

qint64 ContinuousJobRunner::pid() const
{
    return m_process ? m_process->pid() : 0;
}

void ContinuousJobRunner::log(int level, const QString& message)
{
    m_log->system(LogWriter::Level(level), message);
}

void ContinuousJobRunner::setStatus(JobStatus status)
{
    if (status == m_status)
        return;
    m_status = status;
    log(info, u"Status changed to "_s + jobStatusName(status));
    FileUtil::writeAtomically(
        m_context->paths.continuousStatus(m_name, m_context->instance), Job::continuousStatusFileJson(status));
    // Other instances (and the console, through detailed_status) read the status from the store:
    // a refused write is retried with the latest status, which a later change replaces.
    JobStore* store = m_context->store;
    const ContinuousStatusRecord record {m_name, m_context->instance, status, pid(), m_context->now()};
    const auto save = [store, record] { return store->setContinuousStatus(record); };
    m_context->failures->check(save(), JobType::Continuous, m_name, StoreFailures::Write::ContinuousStatus, save);
    Q_EMIT statusChanged(status);
}

void ContinuousJobRunner::forgetProcess(qint64 pid)
{
    JobStore* store = m_context->store;
    const auto remove = [store, instance = m_context->instance, pid] { return store->removeProcess(instance, pid); };
    m_context->failures->check(remove(), JobType::Continuous, m_name, StoreFailures::Write::Process, remove);
}

std::chrono::milliseconds ContinuousJobRunner::stoppingWaitTime() const
{
    const QString folder = m_context->paths.binaries(JobType::Continuous, m_name);
    return HostContext::readSettings(folder).stoppingWaitTime(JobType::Continuous).toChrono();
}

void ContinuousJobRunner::refresh()
{
    if (!isEnabled()) {
        if (m_process) {
            m_intent = Intent::Stop;
            stopProcess(stoppingWaitTime());
        } else {
            m_restartTimer->stop();
            setStatus(JobStatus::Stopped);
        }
        return;
    }
    m_intent = Intent::Run;
    if (!m_process && !m_restartTimer->isActive())
        launch();
}

bool ContinuousJobRunner::enable(QString* errorMessage)
{
    const QString folder = m_context->paths.binaries(JobType::Continuous, m_name);
    const QString marker = ScriptDiscovery::disablePath(folder);
    if (QFileInfo::exists(marker) && !QFile::remove(marker)) {
        if (errorMessage)
            *errorMessage = tr("Cannot remove %1: check the permissions of the job's folder.").arg(marker);
        return false;
    }
    m_fastExits = 0;
    m_crashLoopReported = false;
    if (m_intent == Intent::Stop && m_process)
        m_intent = Intent::Restart; // a stop in progress ends in a start
    else
        refresh();
    return true;
}

bool ContinuousJobRunner::disable(QString* errorMessage)
{
    const QString folder = m_context->paths.binaries(JobType::Continuous, m_name);
    QFile marker(ScriptDiscovery::disablePath(folder));
    if (!marker.exists() && !marker.open(QIODevice::WriteOnly)) {
        if (errorMessage)
            *errorMessage = tr("Cannot write %1: check the permissions of the job's folder.").arg(marker.fileName());
        return false;
    }
    marker.close();
    m_restartTimer->stop();
    if (m_process) {
        setStatus(JobStatus::Disabling);
        m_intent = Intent::Stop;
        stopProcess(stoppingWaitTime());
    } else {
        setStatus(JobStatus::Stopped);
    }
    return true;
}

void ContinuousJobRunner::restart()
{
    m_fastExits = 0;
    m_crashLoopReported = false;
    if (!isEnabled()) {
        refresh();
        return;
    }
    m_restartTimer->stop();
    if (m_process) {
        m_intent = Intent::Restart;
        stopProcess(stoppingWaitTime());
    } else {
        m_intent = Intent::Run;
        launch();
    }
}

void ContinuousJobRunner::shutdown(std::chrono::milliseconds grace)
{
    m_restartTimer->stop();
    m_intent = Intent::Stop;
    if (m_process)
        stopProcess(std::min(grace, stoppingWaitTime()));
    else
        Q_EMIT stopped();
}

void ContinuousJobRunner::killNow()
{
    m_restartTimer->stop();
    if (m_process) {
        m_process->disconnect(this);
        forgetProcess(m_process->pid());
        delete m_process;
        m_process = nullptr;
        releaseClaim();
    }
}

void ContinuousJobRunner::stopProcess(std::chrono::milliseconds grace)
{
    if (!m_process)
        return;
    setStatus(JobStatus::Stopping);
    // The shutdown file's name was handed to the process at launch; it is created now.
    m_process->stop(grace, m_shutdownFile);
}

bool ContinuousJobRunner::isSingletonHere() const
{
    if (!m_context->cluster)
        return false;
    return HostContext::readSettings(m_context->paths.binaries(JobType::Continuous, m_name)).isSingleton();
}

void ContinuousJobRunner::releaseClaim()
{
    if (!m_context->cluster || !isSingletonHere())
        return;
    // Not retried: a claim left behind is freed when this instance leaves the database.
    JobStore* store = m_context->store;
    if (!m_context->failures->check(store->releaseContinuous(m_name, m_context->instance), JobType::Continuous, m_name,
            StoreFailures::Write::SingletonClaim))
        log(error, store->errorString());
}

void ContinuousJobRunner::launch()
{
    // A manage-only host (HostOptions::manageOnly) leaves the running to the host of the jobs.
    if (m_process || !isEnabled() || m_context->options.manageOnly)
        return;
    const QString jobFolder = m_context->paths.binaries(JobType::Continuous, m_name);
    // A singleton runs on one instance of those sharing the database (Kudu's is_singleton);
    // the others wait as InactiveInstance and try again at each heartbeat (ClusterMember).
    if (isSingletonHere()) {
        const std::optional<bool> claimed = m_context->store->claimContinuous(m_name, m_context->instance);
        // A claim the database could not record is this job's failure (its `error`, the agent's
        // log), not another instance's lock; the next heartbeat tries again.
        m_context->failures->check(
            claimed.has_value(), JobType::Continuous, m_name, StoreFailures::Write::SingletonClaim);
        if (!claimed || !*claimed) {
            if (m_status != JobStatus::InactiveInstance)
                log(info,
                    claimed ? u"WebJob singleton lock is already acquired by another instance"_s
                            : m_context->store->errorString());
            setStatus(JobStatus::InactiveInstance);
            return;
        }
    }
    setStatus(JobStatus::Starting);
    QString problem;
    const std::optional<ScriptDiscovery::Script> script = ScriptDiscovery::find(jobFolder, &problem);
    if (script && (!script->runner || !script->runner->isAvailable()))
        problem = script->runner ? script->runner->unavailableReason() : problem;
    QString workingRoot;
    if (problem.isEmpty()) {
        const JobSettings settings = HostContext::readSettings(jobFolder);
        const bool inPlace = settings.isInPlace(script->runner->kind() == ScriptRunner::Kind::Node);
        workingRoot = m_workingCopy.prepare(jobFolder, inPlace, &problem);
    }
    if (!problem.isEmpty()) {
        log(error, problem);
        m_uptime.start();
        scheduleRestart(true);
        return;
    }

    // A fresh, empty folder for the shutdown file, whose name the process learns now.
    const QString shutdownFolder = m_context->paths.shutdownFolder(JobType::Continuous, m_name);
    QDir(shutdownFolder).removeRecursively();
    QDir().mkpath(shutdownFolder);
    m_shutdownFile = shutdownFolder + u'/' + QUuid::createUuid().toString(QUuid::Id128).left(12);

    const QString scriptFile = QFileInfo(script->scriptPath).fileName();
    const QString workingDirectory
        = QDir(workingRoot).filePath(QDir(jobFolder).relativeFilePath(script->scriptDirectory));
    QProcessEnvironment environment = m_context->jobEnvironment(JobType::Continuous, m_name, workingRoot);
    environment.insert(u"WEBJOBS_RUN_ID"_s, QString());
    environment.insert(u"WEBJOBS_COMMAND_ARGUMENTS"_s, QString());
    m_port = freeLoopbackPort();
    environment.insert(u"WEBJOBS_PORT"_s, QString::number(m_port));
    environment.insert(u"WEBJOBS_SHUTDOWN_FILE"_s, m_shutdownFile);

    log(info, u"Run script '%1' with script host - '%2'"_s.arg(scriptFile, script->runner->name()));
    m_process = new JobProcess(this);
    connect(m_process, &JobProcess::finished, this, &ContinuousJobRunner::onProcessFinished);
    QString startError;
    m_uptime.start();
    if (!m_process->start(
            {script->runner->program(), script->runner->arguments(scriptFile), workingDirectory, environment}, m_log,
            &startError)) {
        delete m_process;
        m_process = nullptr;
        log(error, startError);
        scheduleRestart(true);
        return;
    }
    m_intent = Intent::Run;
    // The process record lets the next start kill what a crash left; without it the process
    // marker still finds it (ProcessReaper).
    JobStore* store = m_context->store;
    const ProcessRecord process {
        m_process->pid(), m_process->pid(), JobType::Continuous, m_name, {}, m_context->instance, m_context->now()};
    const auto record = [store, process] { return store->addProcess(process); };
    m_context->failures->check(record(), JobType::Continuous, m_name, StoreFailures::Write::Process, record);
    setStatus(JobStatus::Running);
}

void ContinuousJobRunner::onProcessFinished(int exitCode, bool crashed)
{
    Q_UNUSED(crashed);
    forgetProcess(m_process->pid());
    m_process->deleteLater();
    m_process = nullptr;
    m_shutdownFile.clear();

    switch (m_intent) {
    case Intent::Stop:
        releaseClaim();
        setStatus(JobStatus::Stopped);
        Q_EMIT stopped();
        return;
    case Intent::Restart:
        m_intent = Intent::Run;
        launch();
        return;
    case Intent::Run:
        break;
    }
    if (exitCode == 0) {
        setStatus(JobStatus::Success);
    } else {
        log(error, u"Job failed due to exit code %1"_s.arg(exitCode));
    }
    if (!isEnabled()) {
        setStatus(JobStatus::Stopped);
        return;
    }
    scheduleRestart(m_uptime.elapsed() < m_context->options.minimumUptime.count());
}

void ContinuousJobRunner::scheduleRestart(bool fastExit)
{
    if (!fastExit) {
        m_fastExits = 0;
        m_crashLoopReported = false;
        launch();
        return;
    }
    ++m_fastExits;
    const auto delay = m_context->options.restartDelay;
    log(info, u"Process went down, waiting for %1 seconds"_s.arg(double(delay.count()) / 1000.0));
    if (m_fastExits >= m_context->options.crashLoopThreshold) {
        setStatus(JobStatus::CrashLoop);
        if (!m_crashLoopReported) {
            m_crashLoopReported = true;
            log(error,
                u"The job exited %1 times in a row less than %2 seconds after it started; it keeps being restarted "
                "every %3 seconds"_s.arg(m_fastExits)
                    .arg(m_context->options.minimumUptime.count() / 1000)
                    .arg(double(delay.count()) / 1000.0));
            Q_EMIT crashLoopEntered();
        }
    } else {
        setStatus(JobStatus::PendingRestart);
    }
    m_restartTimer->start(delay);
}

} // namespace WebJobs
