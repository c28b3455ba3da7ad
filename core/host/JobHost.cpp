#include "core/host/JobHost.h"

#include "core/host/ContinuousJobRunner.h"
#include "core/host/JobScheduler.h"
#include "core/host/LogWriter.h"
#include "core/host/ProcessReaper.h"
#include "core/host/TriggeredJobRunner.h"
#include "core/package/JobName.h"
#include "core/package/ScriptDiscovery.h"
#include "core/schedule/Schedule.h"
#include "core/store/JobStore.h"
#include "core/util/FileUtil.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QtConcurrent>

#include <sys/stat.h>

using namespace Qt::StringLiterals;

namespace WebJobs {

namespace {

bool sdkMarkerExists(const QString& dataFolder)
{
    // The SDK writes WebJobsSdk.marker; Kudu looks for webjobssdk.marker on a case-insensitive
    // file system: both spellings count.
    return QFileInfo::exists(dataFolder + u"/WebJobsSdk.marker"_s)
        || QFileInfo::exists(dataFolder + u"/webjobssdk.marker"_s);
}

} // namespace

JobHost::JobHost(HostOptions options, QObject* parent)
    : QObject(parent)
    , m_context(std::make_unique<HostContext>(HostContext {options, JobPaths(options.dataRoot), nullptr, {}, {}}))
{
    qRegisterMetaType<WebJobs::ServiceError>();
    qRegisterMetaType<WebJobs::Job>();
    qRegisterMetaType<WebJobs::JobRun>();
    qRegisterMetaType<WebJobs::JobType>();
    m_context->instance = options.effectiveInstanceId();
    m_context->marker = ProcessReaper::markerFor(m_context->paths.dataRoot(), m_context->instance);
}

JobHost::~JobHost()
{
    for (auto& [name, runner] : m_triggered)
        delete runner;
    for (auto& [name, runner] : m_continuous)
        delete runner;
    m_triggered.clear();
    m_continuous.clear();
    delete m_scheduler;
}

bool JobHost::open(QString* error)
{
    const JobPaths& paths = m_context->paths;
    for (const JobType type : {JobType::Triggered, JobType::Continuous}) {
        if (!QDir().mkpath(paths.binariesRoot(type)) || !QDir().mkpath(paths.dataRootOf(type))) {
            *error = tr("Cannot create the job folders under %1: check that it is writable.").arg(paths.dataRoot());
            return false;
        }
    }
    m_store = JobStore::open(m_context->options.effectiveDatabaseUrl(), error);
    if (!m_store)
        return false;
    m_context->store = m_store.get();

    m_scheduler = new JobScheduler(
        m_context.get(),
        [this](const QString& job, const QString& trigger) {
            QString runId;
            const ServiceError result = triggerRun(job, {}, trigger, &runId);
            if (result.ok())
                return JobScheduler::FireResult::Started;
            return result.code == ServiceError::Code::Conflict ? JobScheduler::FireResult::AlreadyRunning
                                                               : JobScheduler::FireResult::Failed;
        },
        this);
    connect(m_scheduler, &JobScheduler::scheduleChanged, this,
        [this](const QString& job) { Q_EMIT jobChanged(JobType::Triggered, job); });

    recover();
    loadJobs();

    m_rescanTimer = new QTimer(this);
    m_rescanTimer->setSingleShot(true);
    m_rescanTimer->setInterval(std::chrono::seconds(1));
    connect(m_rescanTimer, &QTimer::timeout, this, &JobHost::rescan);
    m_watcher = new QFileSystemWatcher(this);
    connect(m_watcher, &QFileSystemWatcher::directoryChanged, m_rescanTimer, qOverload<>(&QTimer::start));
    watchJobFolders();
    return true;
}

void JobHost::watchJobFolders()
{
    QStringList folders;
    for (const JobType type : {JobType::Triggered, JobType::Continuous}) {
        folders.append(m_context->paths.binariesRoot(type));
        const auto& names = m_runCommands[typeIndex(type)];
        for (const auto& [name, command] : names)
            folders.append(ScriptDiscovery::scriptDirectory(m_context->paths.binaries(type, name)));
    }
    const QStringList watched = m_watcher->directories();
    QStringList stale;
    for (const QString& folder : watched) {
        if (!folders.contains(folder))
            stale.append(folder);
    }
    if (!stale.isEmpty())
        m_watcher->removePaths(stale);
    QStringList added;
    for (const QString& folder : std::as_const(folders)) {
        if (!watched.contains(folder))
            added.append(folder);
    }
    if (!added.isEmpty())
        m_watcher->addPaths(added);
}

void JobHost::rescan()
{
    if (m_shuttingDown || !m_store)
        return;
    if (m_importsInProgress > 0) {
        m_rescanTimer->start(); // an import swaps folders: look once it is done
        return;
    }
    for (const JobType type : {JobType::Triggered, JobType::Continuous}) {
        const QStringList names
            = QDir(m_context->paths.binariesRoot(type)).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
        QStringList known;
        for (const auto& [name, command] : m_runCommands[typeIndex(type)])
            known.append(name);
        for (const QString& name : names) {
            if (!JobName::validate(name).isEmpty())
                continue;
            QString error;
            if (!known.contains(name)) {
                if (registerJob(type, name, &error))
                    Q_EMIT jobAdded(type, name);
                continue;
            }
            if (type == JobType::Triggered) {
                applySchedule(name);
            } else if (ContinuousJobRunner* runner = continuousRunner(name)) {
                const QByteArray settings = HostContext::readSettings(m_context->paths.binaries(type, name)).toJson();
                if (m_continuousSettings[name] != settings) {
                    m_continuousSettings[name] = settings;
                    runner->restart();
                } else {
                    runner->refresh();
                }
            }
        }
        for (const QString& name : std::as_const(known)) {
            if (!names.contains(name) || !ScriptDiscovery::find(m_context->paths.binaries(type, name))) {
                unregisterJob(type, name);
                m_store->removeJob(type, name);
                QDir(m_context->paths.data(type, name)).removeRecursively();
                Q_EMIT jobRemoved(type, name);
            }
        }
    }
    watchJobFolders();
}

void JobHost::recover()
{
    const Instant now = m_context->now();
    // Processes of a previous life of this host: their leader died with it, their children may not have.
    ProcessReaper::killMarked(m_context->marker);
    if (const auto leftovers = m_store->processes(m_context->instance)) {
        for (const ProcessRecord& process : *leftovers)
            m_store->removeProcess(m_context->instance, process.pid);
    }

    // Recorded in English, as Kudu records its own lines; a view may translate it (context AbortReason).
    const QString reason = QString::fromLatin1(QT_TRANSLATE_NOOP("AbortReason", "agent restarted"));
    const std::optional<QList<RunRecord>> closed
        = m_store->closeUnfinishedRuns(m_context->instance, JobStatus::Aborted, reason, now, u"agent"_s);
    for (const RunRecord& record : closed.value_or(QList<RunRecord>())) {
        const QString folder = m_context->paths.run(record.jobName, record.id);
        if (!QFileInfo::exists(folder))
            continue;
        LogWriter log({m_context->paths.outputLog(record.jobName, record.id), m_context->instance, 0, {}});
        log.system(LogWriter::Level::Info, u"Status changed to Aborted"_s);
        log.system(LogWriter::Level::Error, u"Run aborted: the agent restarted while it was running"_s);
        FileUtil::writeAtomically(m_context->paths.runStatus(record.jobName, record.id),
            TriggeredJobRunner::toJobRun(record, now).toStatusFileJson());
    }
    m_store->registerInstance(
        {m_context->instance, QSysInfo::machineHostName(), QCoreApplication::applicationPid(), now, now});
}

void JobHost::loadJobs()
{
    std::map<std::pair<int, QString>, bool> onDisk;
    for (const JobType type : {JobType::Triggered, JobType::Continuous}) {
        const QString root = m_context->paths.binariesRoot(type);
        PackageImporter::recoverInterrupted(root);
        const QStringList names = QDir(root).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
        for (const QString& name : names) {
            if (!JobName::validate(name).isEmpty())
                continue;
            QString error;
            if (registerJob(type, name, &error))
                onDisk[{typeIndex(type), name}] = true;
        }
    }
    // Jobs the store knew whose folder is gone.
    if (const auto known = m_store->jobs()) {
        for (const JobRecord& record : *known) {
            if (!onDisk.count({typeIndex(record.type), record.name}))
                m_store->removeJob(record.type, record.name);
        }
    }
}

bool JobHost::registerJob(JobType type, const QString& name, QString* error)
{
    const QString folder = m_context->paths.binaries(type, name);
    const std::optional<ScriptDiscovery::Script> script = ScriptDiscovery::find(folder, error);
    if (!script)
        return false;
    const Instant now = m_context->now();
    const std::optional<JobRecord> existing = m_store->job(type, name);
    if (!m_store->upsertJob({type, name, script->runCommand, existing ? existing->createdAt : now, now})) {
        *error = m_store->errorString();
        return false;
    }
    m_runCommands[typeIndex(type)][name] = script->runCommand;
    m_settingsCache[typeIndex(type)][name] = {ScriptDiscovery::settingsPath(folder), -1, -1, {}};

    if (type == JobType::Triggered) {
        if (!m_triggered.count(name)) {
            auto* runner = new TriggeredJobRunner(m_context.get(), name, this);
            connect(runner, &TriggeredJobRunner::runStarted, this, [this](const JobRun& run) {
                Q_EMIT runStarted(run);
                Q_EMIT jobChanged(JobType::Triggered, run.jobName());
            });
            connect(runner, &TriggeredJobRunner::runFinished, this, [this](const JobRun& run) {
                Q_EMIT runFinished(run);
                if (run.status() == JobStatus::Failed)
                    Q_EMIT runFailed(run);
                Q_EMIT jobChanged(JobType::Triggered, run.jobName());
                checkStopped();
            });
            m_triggered[name] = runner;
        }
        applySchedule(name);
    } else {
        ContinuousJobRunner* runner = nullptr;
        if (!m_continuous.count(name)) {
            runner = new ContinuousJobRunner(m_context.get(), name, this);
            connect(runner, &ContinuousJobRunner::statusChanged, this,
                [this, name] { Q_EMIT jobChanged(JobType::Continuous, name); });
            connect(
                runner, &ContinuousJobRunner::crashLoopEntered, this, [this, name] { Q_EMIT crashLoopEntered(name); });
            connect(runner, &ContinuousJobRunner::stopped, this, &JobHost::checkStopped);
            m_continuous[name] = runner;
            m_continuousSettings[name] = HostContext::readSettings(folder).toJson();
            if (!m_shuttingDown)
                runner->refresh();
        } else if (!m_shuttingDown) {
            m_continuousSettings[name] = HostContext::readSettings(folder).toJson();
            m_continuous.at(name)->restart();
        }
    }
    return true;
}

void JobHost::applySchedule(const QString& name)
{
    const JobSettings settings = HostContext::readSettings(m_context->paths.binaries(JobType::Triggered, name));
    m_scheduler->setSchedule(name, Schedule::fromSettings(settings));
}

void JobHost::unregisterJob(JobType type, const QString& name)
{
    if (type == JobType::Triggered) {
        if (auto it = m_triggered.find(name); it != m_triggered.end()) {
            it->second->killNow();
            it->second->removeWorkingCopies();
            delete it->second;
            m_triggered.erase(it);
        }
        m_scheduler->remove(name);
    } else if (auto it = m_continuous.find(name); it != m_continuous.end()) {
        it->second->killNow();
        it->second->removeWorkingCopies();
        delete it->second;
        m_continuous.erase(it);
    }
    m_runCommands[typeIndex(type)].erase(name);
    m_settingsCache[typeIndex(type)].erase(name);
    if (type == JobType::Continuous)
        m_continuousSettings.erase(name);
}

bool JobHost::hasJob(JobType type, const QString& name) const
{
    return type == JobType::Triggered ? m_triggered.count(name) > 0 : m_continuous.count(name) > 0;
}

TriggeredJobRunner* JobHost::triggeredRunner(const QString& name) const
{
    const auto it = m_triggered.find(name);
    return it == m_triggered.end() ? nullptr : it->second;
}

ContinuousJobRunner* JobHost::continuousRunner(const QString& name) const
{
    const auto it = m_continuous.find(name);
    return it == m_continuous.end() ? nullptr : it->second;
}

JobSettings JobHost::cachedSettings(JobType type, const QString& name) const
{
    auto& cache = m_settingsCache[typeIndex(type)];
    const auto it = cache.find(name);
    if (it == cache.end())
        return HostContext::readSettings(m_context->paths.binaries(type, name));
    CachedSettings& entry = it->second;
    struct stat info;
    const bool exists = ::stat(QFile::encodeName(entry.path).constData(), &info) == 0;
    const qint64 modified = exists ? qint64(info.st_mtim.tv_sec) * 1000000000 + info.st_mtim.tv_nsec : 0;
    const qint64 size = exists ? qint64(info.st_size) : 0;
    if (modified != entry.modified || size != entry.size) {
        entry.settings = HostContext::readSettings(m_context->paths.binaries(type, name));
        entry.modified = modified;
        entry.size = size;
    }
    return entry.settings;
}

JobRun JobHost::buildRun(const RunRecord& record, const JobUrls& urls) const
{
    JobRun run = TriggeredJobRunner::toJobRun(record, m_context->now());
    if (!urls.isNull()) {
        const bool outputExists = QFileInfo::exists(m_context->paths.outputLog(record.jobName, record.id));
        urls.fill(run, record.jobName, outputExists);
    }
    return run;
}

Job JobHost::buildJob(
    JobType type, const QString& name, const std::optional<RunRecord>& latest, const JobUrls& urls) const
{
    Job job(type, name);
    const auto& commands = m_runCommands[typeIndex(type)];
    if (const auto it = commands.find(name); it != commands.end())
        job.setRunCommand(it->second);
    job.setSettings(cachedSettings(type, name));
    job.setUsingSdk(sdkMarkerExists(m_context->paths.data(type, name)));
    if (type == JobType::Triggered) {
        if (latest)
            job.setLatestRun(buildRun(*latest, urls));
    } else {
        const ContinuousJobRunner* runner = continuousRunner(name);
        job.setStatus(runner ? runner->status() : JobStatus::Initializing);
        QList<std::pair<QString, JobStatus>> instances;
        if (const auto statuses = m_store->continuousStatuses(name)) {
            for (const ContinuousStatusRecord& status : *statuses)
                instances.append({status.instance, status.status});
        }
        if (instances.isEmpty())
            instances.append({m_context->instance, job.status()});
        job.setDetailedStatus(Job::detailedStatusText(instances));
    }
    if (!urls.isNull())
        urls.fill(job, type == JobType::Triggered && QFileInfo::exists(m_context->paths.schedulerLog(name)));
    return job;
}

QList<Job> JobHost::jobs(JobType type, const JobUrls& urls) const
{
    QList<Job> result;
    if (type == JobType::Triggered) {
        std::map<QString, RunRecord> latest;
        if (const auto runs = m_store->latestRuns()) {
            for (const RunRecord& run : *runs)
                latest.emplace(run.jobName, run);
        }
        for (const auto& [name, runner] : m_triggered) {
            const auto it = latest.find(name);
            result.append(buildJob(type, name, it == latest.end() ? std::nullopt : std::optional(it->second), urls));
        }
    } else {
        for (const auto& [name, runner] : m_continuous)
            result.append(buildJob(type, name, std::nullopt, urls));
    }
    return result;
}

QList<Job> JobHost::jobs(const JobUrls& urls) const
{
    return jobs(JobType::Triggered, urls) + jobs(JobType::Continuous, urls);
}

std::optional<Job> JobHost::job(JobType type, const QString& name, const JobUrls& urls) const
{
    if (!hasJob(type, name))
        return std::nullopt;
    std::optional<RunRecord> latest;
    if (type == JobType::Triggered)
        latest = m_store->latestRun(name);
    return buildJob(type, name, latest, urls);
}

ImportOperation* JobHost::addJob(
    JobType type, const QString& name, const QString& sourcePath, const QString& fileName, bool isZip)
{
    auto* operation = new ImportOperation(this);
    const QString nameError = JobName::validate(name);
    if (!nameError.isEmpty() || m_shuttingDown) {
        const ServiceError error = nameError.isEmpty()
            ? ServiceError {ServiceError::Code::Stopped, tr("The host is shutting down; try again when it is back.")}
            : ServiceError {ServiceError::Code::BadRequest, nameError};
        QMetaObject::invokeMethod(
            operation,
            [operation, error] {
                Q_EMIT operation->finished(error, Job());
                operation->deleteLater();
            },
            Qt::QueuedConnection);
        return operation;
    }

    PackageImporter::Request request;
    request.sourcePath = sourcePath;
    request.fileName = fileName;
    request.isZip = isZip;
    request.targetDirectory = m_context->paths.binaries(type, name);
    request.limits = m_context->options.packageLimits;

    auto* watcher = new QFutureWatcher<PackageImporter::ImportResult>(operation);
    ++m_importsInProgress;
    connect(watcher, &QFutureWatcher<PackageImporter::ImportResult>::finished, this,
        [this, watcher, operation, type, name] {
            --m_importsInProgress;
            const PackageImporter::ImportResult result = watcher->result();
            ServiceError error;
            Job job;
            if (!result.ok) {
                const bool badInput = result.failure == PackageImporter::Failure::InvalidPackage
                    || result.failure == PackageImporter::Failure::NoRunnableScript
                    || result.failure == PackageImporter::Failure::InvalidRequest
                    || result.failure == PackageImporter::Failure::Cancelled;
                error = {badInput ? ServiceError::Code::BadRequest : ServiceError::Code::Internal, result.error};
            } else {
                const bool existed = hasJob(type, name);
                QString problem;
                if (!registerJob(type, name, &problem)) {
                    error = {ServiceError::Code::Internal, problem};
                } else {
                    job = *this->job(type, name);
                    if (existed)
                        Q_EMIT jobChanged(type, name);
                    else
                        Q_EMIT jobAdded(type, name);
                }
            }
            Q_EMIT operation->finished(error, job);
            operation->deleteLater();
        });
    const std::atomic<bool>* cancel = operation->cancelFlag();
    watcher->setFuture(QtConcurrent::run([request, cancel, operation] {
        return PackageImporter::import(request, cancel, [operation](qint64 done, qint64 total) {
            QMetaObject::invokeMethod(
                operation, [operation, done, total] { Q_EMIT operation->progress(done, total); }, Qt::QueuedConnection);
        });
    }));
    return operation;
}

void JobHost::deleteJob(JobType type, const QString& name)
{
    // A name that cannot be a job's (such as "..") names no folder of ours: nothing to remove.
    if (!JobName::validate(name).isEmpty())
        return;
    const bool existed = hasJob(type, name);
    unregisterJob(type, name);
    QDir(m_context->paths.binaries(type, name)).removeRecursively();
    QDir(m_context->paths.data(type, name)).removeRecursively();
    QDir(m_context->paths.workingCopies(type, name)).removeRecursively();
    m_store->removeJob(type, name);
    if (existed)
        Q_EMIT jobRemoved(type, name);
}

ServiceError JobHost::triggerRun(const QString& name, const QString& arguments, const QString& trigger, QString* runId)
{
    TriggeredJobRunner* runner = triggeredRunner(name);
    if (!runner)
        return {ServiceError::Code::NotFound, tr("There is no triggered job named \"%1\".").arg(name)};
    if (m_shuttingDown)
        return {ServiceError::Code::Stopped, tr("WebJobs are currently in \"stopped\" state.")};
    const TriggeredJobRunner::StartResult result = runner->start(arguments, trigger);
    switch (result.error) {
    case TriggeredJobRunner::StartError::None:
        if (runId)
            *runId = result.runId;
        return {};
    case TriggeredJobRunner::StartError::NotFound:
        return {ServiceError::Code::NotFound, result.message};
    case TriggeredJobRunner::StartError::AlreadyRunning:
        return {ServiceError::Code::Conflict, result.message};
    case TriggeredJobRunner::StartError::JobsStopped:
        return {ServiceError::Code::Stopped, result.message};
    case TriggeredJobRunner::StartError::Failed:
        return {ServiceError::Code::Internal, result.message};
    }
    return {ServiceError::Code::Internal, result.message};
}

ServiceError JobHost::abortRun(const QString& name, const QString& runId, const QString& who, const QString& why)
{
    TriggeredJobRunner* runner = triggeredRunner(name);
    if (!runner)
        return {ServiceError::Code::NotFound, tr("There is no triggered job named \"%1\".").arg(name)};
    if (!runner->abort(runId, who, why))
        return {ServiceError::Code::Conflict,
            tr("Run %1 of \"%2\" is not running: only a running run can be aborted.").arg(runId, name)};
    return {};
}

quint16 JobHost::passthroughPort(const QString& name) const
{
    const ContinuousJobRunner* runner = continuousRunner(name);
    return runner ? runner->port() : 0;
}

ServiceError JobHost::startContinuous(const QString& name)
{
    ContinuousJobRunner* runner = continuousRunner(name);
    if (!runner)
        return {ServiceError::Code::NotFound, tr("There is no continuous job named \"%1\".").arg(name)};
    QString error;
    if (!runner->enable(&error))
        return {ServiceError::Code::Internal, error};
    Q_EMIT jobChanged(JobType::Continuous, name);
    return {};
}

ServiceError JobHost::stopContinuous(const QString& name)
{
    ContinuousJobRunner* runner = continuousRunner(name);
    if (!runner)
        return {ServiceError::Code::NotFound, tr("There is no continuous job named \"%1\".").arg(name)};
    QString error;
    if (!runner->disable(&error))
        return {ServiceError::Code::Internal, error};
    Q_EMIT jobChanged(JobType::Continuous, name);
    return {};
}

JobSettings JobHost::settings(JobType type, const QString& name) const
{
    if (!hasJob(type, name))
        return {};
    return HostContext::readSettings(m_context->paths.binaries(type, name));
}

ServiceError JobHost::setSettings(JobType type, const QString& name, const JobSettings& settings)
{
    if (!hasJob(type, name))
        return {ServiceError::Code::NotFound,
            type == JobType::Triggered ? tr("There is no triggered job named \"%1\".").arg(name)
                                       : tr("There is no continuous job named \"%1\".").arg(name)};
    const Schedule schedule = Schedule::fromSettings(settings);
    QString problem = schedule.errorString();
    if (problem.isEmpty())
        problem = schedule.validate(m_context->now().toDateTime());
    if (!problem.isEmpty())
        return {ServiceError::Code::BadRequest, problem};

    QSaveFile file(ScriptDiscovery::settingsPath(m_context->paths.binaries(type, name)));
    if (!file.open(QIODevice::WriteOnly) || file.write(settings.toJson()) < 0 || !file.commit())
        return {ServiceError::Code::Internal,
            tr("Cannot write settings.job for \"%1\": %2. Check the permissions of the job's folder.")
                .arg(name, file.errorString())};
    if (type == JobType::Triggered)
        applySchedule(name);
    else if (ContinuousJobRunner* runner = continuousRunner(name)) {
        m_continuousSettings[name] = settings.toJson();
        runner->restart();
    }
    Q_EMIT jobChanged(type, name);
    return {};
}

QList<JobRun> JobHost::history(const QString& name, int offset, int limit, const JobUrls& urls) const
{
    QList<JobRun> runs;
    if (const auto records = m_store->history(name, offset, limit)) {
        runs.reserve(records->size());
        for (const RunRecord& record : *records)
            runs.append(buildRun(record, urls));
    }
    return runs;
}

qint64 JobHost::runCount(const QString& name) const
{
    return m_store->runCount(name).value_or(0);
}

std::optional<JobRun> JobHost::run(const QString& name, const QString& runId, const JobUrls& urls) const
{
    const std::optional<RunRecord> record = m_store->run(name, runId);
    if (!record)
        return std::nullopt;
    return buildRun(*record, urls);
}

Instant JobHost::nextScheduledRun(const QString& name) const
{
    return m_scheduler ? m_scheduler->nextDue(name) : Instant();
}

void JobHost::reevaluateSchedules()
{
    if (m_scheduler)
        m_scheduler->reevaluate();
}

void JobHost::shutdown(std::chrono::milliseconds grace)
{
    m_shuttingDown = true;
    if (m_scheduler)
        m_scheduler->blockSignals(true);
    for (auto& [name, runner] : m_triggered)
        runner->stop(grace, QString::fromLatin1(QT_TRANSLATE_NOOP("AbortReason", "agent stopped")));
    for (auto& [name, runner] : m_continuous)
        runner->shutdown(grace);
    checkStopped();
}

void JobHost::checkStopped()
{
    if (!m_shuttingDown)
        return;
    for (const auto& [name, runner] : m_triggered) {
        if (runner->isRunning())
            return;
    }
    for (const auto& [name, runner] : m_continuous) {
        if (runner->pid() != 0)
            return;
    }
    m_shuttingDown = false; // emit once
    m_store->removeInstance(m_context->instance);
    Q_EMIT stopped();
}

} // namespace WebJobs
