#include "core/host/JobHost.h"

#include "core/host/ClusterMember.h"
#include "core/host/ContinuousJobRunner.h"
#include "core/host/JobScheduler.h"
#include "core/host/LogWriter.h"
#include "core/host/ProcessReaper.h"
#include "core/host/StoreFailures.h"
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

#include <algorithm>

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

namespace {

HostOptions effectiveOptions(HostOptions options)
{
    if (options.manageOnly)
        options.schedulesDisabled = true;
    return options;
}

} // namespace

JobHost::JobHost(HostOptions options, QObject* parent)
    : QObject(parent)
    , m_context(std::make_unique<HostContext>(
          HostContext {effectiveOptions(options), JobPaths(options.dataRoot), nullptr, nullptr, nullptr, {}, {}}))
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
    // The runners report as they go (a process record left behind): logged, but not signalled
    // to anyone who would look at a runner being deleted.
    if (m_failures)
        m_failures->disconnect(this);
    for (auto& [name, runner] : m_triggered)
        delete runner;
    for (auto& [name, runner] : m_continuous)
        delete runner;
    m_triggered.clear();
    m_continuous.clear();
    delete m_scheduler;
    m_context->cluster = nullptr;
    delete m_cluster;
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
    // Before anything is recovered or started: a second host of this folder and instance would
    // kill the first one's processes and run every job twice.
    m_folderLock = std::make_unique<QLockFile>(
        QDir(paths.dataRoot()).filePath(u".webjobs-host-"_s + m_context->instance + u".lock"_s));
    // Never stale by age, only when the process that holds it is gone.
    m_folderLock->setStaleLockTime(0);
    if (!m_folderLock->tryLock(0)) {
        qint64 pid = 0;
        QString hostName;
        QString program;
        const bool known = m_folderLock->error() == QLockFile::LockFailedError
            && m_folderLock->getLockInfo(&pid, &hostName, &program);
        *error = known
            ? tr("The jobs in %1 are already run by %2 (process %3): two hosts cannot run the jobs of one folder at "
                 "once. Manage them from there (webjobs --connect URL reaches an agent), or stop it and try again.")
                  .arg(QDir::toNativeSeparators(paths.dataRoot()), program.isEmpty() ? tr("another program") : program)
                  .arg(pid)
            : tr("Cannot lock the data folder %1: check that it is writable.")
                  .arg(QDir::toNativeSeparators(paths.dataRoot()));
        m_folderLock.reset();
        return false;
    }
    m_store = JobStore::open(m_context->options.effectiveDatabaseUrl(), error);
    if (!m_store)
        return false;
    m_context->store = m_store.get();
    m_failures = std::make_unique<StoreFailures>(m_store.get(), m_context->options.storeRetryInterval);
    m_context->failures = m_failures.get();
    connect(m_failures.get(), &StoreFailures::failed, this,
        [this](JobType type, const QString& name, const QString& message) {
            Q_EMIT storeFailed(type, name, message);
            if (!name.isEmpty() && isListed(type, name))
                Q_EMIT jobChanged(type, name);
        });
    connect(m_failures.get(), &StoreFailures::cleared, this, [this](JobType type, const QString& name) {
        if (!name.isEmpty() && isListed(type, name))
            Q_EMIT jobChanged(type, name);
    });

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

    m_rescanTimer = new QTimer(this);
    m_rescanTimer->setSingleShot(true);
    m_rescanTimer->setInterval(std::chrono::seconds(1));
    connect(m_rescanTimer, &QTimer::timeout, this, &JobHost::rescan);
    m_registrationRetryTimer = new QTimer(this);
    m_registrationRetryTimer->setSingleShot(true);
    m_registrationRetryTimer->setInterval(m_context->options.storeRetryInterval);
    connect(m_registrationRetryTimer, &QTimer::timeout, this, &JobHost::rescan);

    recover();
    if (m_store->location().kind() == DatabaseLocation::Kind::PostgreSql) {
        m_cluster = new ClusterMember(this, m_context.get(), this);
        m_context->cluster = m_cluster;
        m_cluster->installPackagesNow();
    }
    loadJobs();
    if (m_cluster)
        m_cluster->start();

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
        // A folder that is not a job yet becomes one when its script arrives.
        for (const auto& [name, rejection] : m_rejected[typeIndex(type)]) {
            if (!names.count(name))
                folders.append(m_context->paths.binaries(type, name));
        }
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
        // Hidden folders are not jobs (the importer's staging and backup folders are hidden).
        const QStringList names
            = QDir(m_context->paths.binariesRoot(type)).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
        QStringList known;
        for (const auto& [name, command] : m_runCommands[typeIndex(type)])
            known.append(name);
        for (const QString& name : names) {
            if (const QString nameError = JobName::validate(name); !nameError.isEmpty()) {
                reject(type, name, nameError + u' ' + tr("Rename the folder."), false);
                continue;
            }
            if (!known.contains(name)) {
                QString error;
                bool storeRefused = false;
                if (registerJob(type, name, &error, &storeRefused)) {
                    if (clearRejection(type, name))
                        Q_EMIT jobChanged(type, name);
                    else
                        Q_EMIT jobAdded(type, name);
                } else {
                    reject(type, name, error, storeRefused);
                }
                continue;
            }
            // A settings.job that cannot be used is logged when it changes, not at each listing.
            cachedSettings(type, name);
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
            if (!names.contains(name)) {
                unregisterJob(type, name);
                m_failures->forget(type, name);
                removeFromStore(type, name);
                QDir(m_context->paths.data(type, name)).removeRecursively();
                Q_EMIT jobRemoved(type, name);
                continue;
            }
            // The folder is still there without a script (a deployment in progress, a mistake):
            // the job stops, and its history stays for when the script is back.
            QString error;
            if (!ScriptDiscovery::find(m_context->paths.binaries(type, name), &error)) {
                reject(type, name, error, false); // while it is loaded: no jobAdded, it is listed already
                unregisterJob(type, name);
                Q_EMIT jobChanged(type, name);
            }
        }
        // Rejected folders that are gone.
        QStringList gone;
        for (const auto& [name, rejection] : m_rejected[typeIndex(type)]) {
            if (!names.contains(name))
                gone.append(name);
        }
        for (const QString& name : std::as_const(gone)) {
            clearRejection(type, name);
            m_failures->forget(type, name);
            Q_EMIT jobRemoved(type, name);
        }
    }
    retryRejectedLater();
    watchJobFolders();
}

void JobHost::removeFromStore(JobType type, const QString& name)
{
    // Retried: a job record left behind would come back as a job at the next start. A later
    // registration of the same name replaces the retry (same kind of write), so it never
    // removes a job that was added again.
    JobStore* store = m_store.get();
    const auto remove = [store, type, name] { return store->removeJob(type, name); };
    m_failures->check(remove(), type, name, StoreFailures::Write::Job, remove);
}

void JobHost::reject(JobType type, const QString& name, const QString& why, bool storeRefused)
{
    // Kudu's short sentence is what the API answers an upload; a folder gets the one that says what to do.
    const QString reason
        = why == ScriptDiscovery::noRunnableScriptError() ? ScriptDiscovery::noRunnableScriptHint() : why;
    auto& rejected = m_rejected[typeIndex(type)];
    const auto it = rejected.find(name);
    if (it != rejected.end() && it->second.reason == reason) {
        it->second.storeRefused = storeRefused;
        return;
    }
    const bool isNew = it == rejected.end();
    rejected[name] = {reason, storeRefused};
    qCWarning(lcHost).noquote() << QString(
        u"%1 job folder %2 is not loaded: "_s.arg(jobTypeName(type), m_context->paths.binaries(type, name)) + reason);
    if (hasJob(type, name))
        return;
    if (isNew)
        Q_EMIT jobAdded(type, name);
    else
        Q_EMIT jobChanged(type, name);
}

bool JobHost::clearRejection(JobType type, const QString& name)
{
    return m_rejected[typeIndex(type)].erase(name) > 0;
}

bool JobHost::isRejected(JobType type, const QString& name) const
{
    return m_rejected[typeIndex(type)].count(name) > 0;
}

void JobHost::retryRejectedLater()
{
    for (const auto& rejected : m_rejected) {
        for (const auto& [name, rejection] : rejected) {
            if (rejection.storeRefused) {
                if (!m_registrationRetryTimer->isActive())
                    m_registrationRetryTimer->start();
                return;
            }
        }
    }
}

void JobHost::recover()
{
    // Processes of a previous life of this host: their leader died with it, their children may not have.
    ProcessReaper::killMarked(m_context->marker);
    JobStore* store = m_store.get();
    const QString instance = m_context->instance;
    const auto forgetProcesses = [store, instance] {
        const auto leftovers = store->processes(instance);
        if (!leftovers)
            return false;
        for (const ProcessRecord& process : *leftovers) {
            if (!store->removeProcess(instance, process.pid))
                return false;
        }
        return true;
    };
    m_failures->checkHost(forgetProcesses(), StoreFailures::Write::Process, forgetProcesses);

    // Until they are closed, the store holds those runs as running: their jobs cannot start a
    // run (TriggeredJobRunner::start() tries this again first).
    m_failures->checkHost(closeLeftoverRuns(), StoreFailures::Write::Recovery, [this] { return closeLeftoverRuns(); });

    const Instant now = m_context->now();
    const InstanceRecord record {instance, QSysInfo::machineHostName(), QCoreApplication::applicationPid(), now, now};
    const auto registerInstance = [store, record] { return store->registerInstance(record); };
    m_failures->checkHost(registerInstance(), StoreFailures::Write::Instance, registerInstance);
}

bool JobHost::closeLeftoverRuns()
{
    const Instant now = m_context->now();
    // Recorded in English, as Kudu records its own lines; a view may translate it (context AbortReason).
    const QString reason = QString::fromLatin1(QT_TRANSLATE_NOOP("AbortReason", "agent restarted"));
    const std::optional<QList<RunRecord>> closed
        = m_store->closeUnfinishedRuns(m_context->instance, JobStatus::Aborted, reason, now, u"agent"_s);
    if (!closed)
        return false;
    for (const RunRecord& record : *closed) {
        const QString folder = m_context->paths.run(record.jobName, record.id);
        if (!QFileInfo::exists(folder))
            continue;
        LogWriter log({m_context->paths.outputLog(record.jobName, record.id), m_context->instance, 0, {}});
        log.system(LogWriter::Level::Info, u"Status changed to Aborted"_s);
        log.system(LogWriter::Level::Error, u"Run aborted: the agent restarted while it was running"_s);
        FileUtil::writeAtomically(m_context->paths.runStatus(record.jobName, record.id),
            TriggeredJobRunner::toJobRun(record, now).toStatusFileJson());
    }
    return true;
}

void JobHost::loadJobs()
{
    std::map<std::pair<int, QString>, bool> onDisk;
    for (const JobType type : {JobType::Triggered, JobType::Continuous}) {
        const QString root = m_context->paths.binariesRoot(type);
        PackageImporter::recoverInterrupted(root);
        // Hidden folders are not jobs (the importer's staging and backup folders are hidden).
        const QStringList names = QDir(root).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
        for (const QString& name : names) {
            if (const QString nameError = JobName::validate(name); !nameError.isEmpty()) {
                reject(type, name, nameError + u' ' + tr("Rename the folder."), false);
                continue;
            }
            // A folder that cannot be loaded keeps its record and history in the store.
            onDisk[{typeIndex(type), name}] = true;
            QString error;
            bool storeRefused = false;
            if (!registerJob(type, name, &error, &storeRefused))
                reject(type, name, error, storeRefused);
        }
    }
    // Jobs the store knew whose folder is gone. Not with several instances: a job the others
    // have may be missing here, and its package arrives from the database.
    const std::optional<QList<JobRecord>> known = m_cluster ? std::optional<QList<JobRecord>>() : m_store->jobs();
    if (!m_cluster && m_failures->checkHost(known.has_value(), StoreFailures::Write::Job)) {
        for (const JobRecord& record : *known) {
            if (!onDisk.count({typeIndex(record.type), record.name}))
                removeFromStore(record.type, record.name);
        }
    }
    retryRejectedLater();
}

bool JobHost::registerJob(JobType type, const QString& name, QString* error, bool* storeRefused)
{
    if (storeRefused)
        *storeRefused = false;
    const QString folder = m_context->paths.binaries(type, name);
    const std::optional<ScriptDiscovery::Script> script = ScriptDiscovery::find(folder, error);
    if (!script)
        return false;
    const Instant now = m_context->now();
    const std::optional<JobRecord> existing = m_store->job(type, name);
    const bool saved = !m_store->hasError()
        && m_store->upsertJob({type, name, script->runCommand, existing ? existing->createdAt : now, now});
    // No retry of its own: the folder is rejected and loaded again later (retryRejectedLater()).
    if (!m_failures->check(saved, type, name, StoreFailures::Write::Job)) {
        *error = m_failures->failure(type, name, StoreFailures::Write::Job);
        if (storeRefused)
            *storeRefused = true;
        return false;
    }
    m_runCommands[typeIndex(type)][name] = script->runCommand;
    m_settingsCache[typeIndex(type)][name] = {ScriptDiscovery::settingsPath(folder), -1, -1, {}, {}};
    cachedSettings(type, name); // logs a settings.job that cannot be used

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

const JobHost::CachedSettings& JobHost::cachedSettings(JobType type, const QString& name) const
{
    auto& cache = m_settingsCache[typeIndex(type)];
    auto it = cache.find(name);
    if (it == cache.end()) {
        const QString folder = m_context->paths.binaries(type, name);
        it = cache.emplace(name, CachedSettings {ScriptDiscovery::settingsPath(folder), -1, -1, {}, {}}).first;
    }
    CachedSettings& entry = it->second;
    struct stat info;
    const bool exists = ::stat(QFile::encodeName(entry.path).constData(), &info) == 0;
    const qint64 modified = exists ? qint64(info.st_mtim.tv_sec) * 1000000000 + info.st_mtim.tv_nsec : 0;
    const qint64 size = exists ? qint64(info.st_size) : 0;
    if (modified != entry.modified || size != entry.size) {
        QString problem;
        entry.settings = HostContext::readSettings(m_context->paths.binaries(type, name), &problem);
        entry.modified = modified;
        entry.size = size;
        if (!problem.isEmpty()) {
            problem = tr("The job runs without its settings.job until it is fixed: %1").arg(problem);
            if (problem != entry.error)
                qCWarning(lcHost).noquote() << QString(u"%1 job %2: "_s.arg(jobTypeName(type), name) + problem);
        }
        entry.error = problem;
    }
    return entry;
}

Job JobHost::buildRejected(JobType type, const QString& name) const
{
    // No URLs: the API has no resource for a folder that is not a job (and its name may not be
    // one that a URL can carry).
    Job job(type, name);
    job.setStatus(JobStatus::Stopped);
    QStringList problems {tr("The folder %1 is not loaded as a job.").arg(m_context->paths.binaries(type, name)) + u' '
        + m_rejected[typeIndex(type)].at(name).reason};
    if (const QString failures = m_failures->failureText(type, name); !failures.isEmpty())
        problems.append(failures);
    job.setError(problems.join(u'\n'));
    return job;
}

JobRun JobHost::buildRun(const RunRecord& record, const JobUrls& urls) const
{
    JobRun run = TriggeredJobRunner::toJobRun(record, m_context->now());
    if (!urls.isNull()) {
        urls.fill(run, record.jobName, hasRunLog(run));
    }
    return run;
}

bool JobHost::hasRunLog(const JobRun& run) const
{
    // A run of another instance: its log comes from the database's copy.
    if (m_cluster && run.instance() != m_context->instance)
        return m_cluster->mirrorRunLog(run.jobName(), run.id(), run.status(), run.instance());
    return QFileInfo::exists(m_context->paths.outputLog(run.jobName(), run.id()));
}

Job JobHost::buildJob(
    JobType type, const QString& name, const std::optional<RunRecord>& latest, const JobUrls& urls) const
{
    if (isRejected(type, name) && !hasJob(type, name))
        return buildRejected(type, name);
    Job job(type, name);
    const auto& commands = m_runCommands[typeIndex(type)];
    if (const auto it = commands.find(name); it != commands.end())
        job.setRunCommand(it->second);
    const CachedSettings& settings = cachedSettings(type, name);
    job.setSettings(settings.settings);
    QStringList problems;
    if (!settings.error.isEmpty())
        problems.append(settings.error);
    if (const QString failures = m_failures->failureText(type, name); !failures.isEmpty())
        problems.append(failures);
    if (!problems.isEmpty())
        job.setError(problems.join(u'\n'));
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
    const qsizetype loaded = result.size();
    for (const auto& [name, rejection] : m_rejected[typeIndex(type)]) {
        if (!hasJob(type, name))
            result.append(buildRejected(type, name));
    }
    // By name, as the runners are.
    if (result.size() > loaded)
        std::inplace_merge(result.begin(), result.begin() + loaded, result.end(),
            [](const Job& a, const Job& b) { return a.name() < b.name(); });
    return result;
}

QList<Job> JobHost::jobs(const JobUrls& urls) const
{
    return jobs(JobType::Triggered, urls) + jobs(JobType::Continuous, urls);
}

std::optional<Job> JobHost::job(JobType type, const QString& name, const JobUrls& urls) const
{
    if (!hasJob(type, name))
        return isRejected(type, name) ? std::optional(buildRejected(type, name)) : std::nullopt;
    std::optional<RunRecord> latest;
    if (type == JobType::Triggered)
        latest = m_store->latestRun(name);
    return buildJob(type, name, latest, urls);
}

ImportOperation* JobHost::addJob(
    JobType type, const QString& name, const QString& sourcePath, const QString& fileName, bool isZip)
{
    return importPackage(type, name, sourcePath, fileName, isZip, true);
}

ImportOperation* JobHost::importPackage(
    JobType type, const QString& name, const QString& sourcePath, const QString& fileName, bool isZip, bool publish)
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
        [this, watcher, operation, type, name, publish, request] {
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
                const bool existed = isListed(type, name);
                QString problem;
                bool storeRefused = false;
                if (!registerJob(type, name, &problem, &storeRefused)) {
                    error = {ServiceError::Code::Internal, problem};
                    // The new package is in place: a job already loaded keeps running it, and
                    // a new one is shown with the reason and loaded when the store takes it.
                    if (!hasJob(type, name)) {
                        reject(type, name, problem, storeRefused);
                        retryRejectedLater();
                    }
                } else {
                    clearRejection(type, name);
                    // The other instances install it from the database. The upload stands here
                    // even when the database refuses it; the answer says so.
                    QString shareError;
                    if (publish && m_cluster
                        && !m_cluster->publishPackage(
                            type, name, request.sourcePath, request.fileName, request.isZip, &shareError))
                        error = {ServiceError::Code::Internal, shareError};
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
    const bool existed = isListed(type, name);
    unregisterJob(type, name);
    clearRejection(type, name);
    QDir(m_context->paths.binaries(type, name)).removeRecursively();
    QDir(m_context->paths.data(type, name)).removeRecursively();
    QDir(m_context->paths.workingCopies(type, name)).removeRecursively();
    m_failures->forget(type, name);
    removeFromStore(type, name);
    if (m_cluster)
        m_cluster->forgetPackage(type, name);
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
    if (m_cluster && runner->activeRunId() != runId) {
        // Another instance may run it: it reads the request in the database (ClusterMember).
        const std::optional<bool> asked = m_store->requestAbort(name, runId, who, why);
        if (!asked)
            return {ServiceError::Code::Internal, m_store->errorString()};
        if (*asked)
            return {};
    }
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
    if (m_cluster)
        m_cluster->publishJobFiles(JobType::Continuous, name);
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
    if (m_cluster)
        m_cluster->publishJobFiles(JobType::Continuous, name);
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
    if (m_cluster)
        m_cluster->publishJobFiles(type, name);
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
    // A last attempt at what the database refused; what it still refuses is logged as lost
    // when the host goes (StoreFailures), and the next start closes unfinished runs.
    m_failures->retryPending();
    m_failures->checkHost(m_store->removeInstance(m_context->instance), StoreFailures::Write::Instance);
    // It runs nothing now: the next host of the folder may open while this object remains.
    m_folderLock.reset();
    Q_EMIT stopped();
}

} // namespace WebJobs
