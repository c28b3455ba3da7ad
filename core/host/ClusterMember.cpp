#include "core/host/ClusterMember.h"

#include "core/host/ContinuousJobRunner.h"
#include "core/host/HostContext.h"
#include "core/host/JobHost.h"
#include "core/host/LogWriter.h"
#include "core/host/StoreFailures.h"
#include "core/host/TriggeredJobRunner.h"
#include "core/package/ScriptDiscovery.h"
#include "core/util/FileUtil.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSysInfo>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace WebJobs {

namespace {

const QString ChangesChannel = u"webjobs_changes"_s;

QString packageDigest(const QByteArray& content, const QString& fileName, bool isZip)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(content);
    hash.addData(fileName.toUtf8());
    hash.addData(isZip ? QByteArrayView("zip") : QByteArrayView("file"));
    return QString::fromLatin1(hash.result().toHex());
}

} // namespace

ClusterMember::ClusterMember(JobHost* host, HostContext* context, QObject* parent)
    : QObject(parent)
    , m_host(host)
    , m_context(context)
{
    m_timer = new QTimer(this);
    m_timer->setInterval(m_context->options.heartbeatInterval);
    connect(m_timer, &QTimer::timeout, this, &ClusterMember::tick);
    m_notifyTimer = new QTimer(this);
    m_notifyTimer->setSingleShot(true);
    m_notifyTimer->setInterval(50);
    connect(m_notifyTimer, &QTimer::timeout, this, [this] {
        // Lost while the database is away: the others' heartbeats find the change.
        static_cast<void>(m_context->store->notify(ChangesChannel));
    });
    m_lookTimer = new QTimer(this);
    m_lookTimer->setSingleShot(true);
    m_lookTimer->setInterval(50);
    connect(m_lookTimer, &QTimer::timeout, this, [this] {
        if (!m_problem.isEmpty())
            return;
        syncPackages();
        abortRequested();
        announceChanges();
        Q_EMIT looked();
    });
    loadDigests();
}

ClusterMember::~ClusterMember() = default;

QString ClusterMember::packageKey(JobType type, const QString& name)
{
    return jobTypeName(type) + u'/' + name;
}

QString ClusterMember::digestFile() const
{
    return m_context->paths.dataRoot() + u"/data/cluster-packages.json"_s;
}

void ClusterMember::loadDigests()
{
    QFile file(digestFile());
    if (!file.open(QIODevice::ReadOnly))
        return;
    const QJsonObject object = QJsonDocument::fromJson(file.readAll()).object();
    for (auto it = object.begin(); it != object.end(); ++it)
        m_digests[it.key()] = it.value().toString();
}

void ClusterMember::saveDigests()
{
    QJsonObject object;
    for (const auto& [key, digest] : m_digests)
        object.insert(key, digest);
    QDir().mkpath(QFileInfo(digestFile()).absolutePath());
    FileUtil::writeAtomically(digestFile(), QJsonDocument(object).toJson(QJsonDocument::Compact));
}

void ClusterMember::start()
{
    tick();
    m_timer->start();
    if (!m_context->store->listen(ChangesChannel, [this] { notifiedByOther(); })) {
        qCWarning(lcHost).noquote() << m_context->store->errorString()
                                    << tr("Changes on other instances show at their next heartbeat.");
    }
    const auto changed = [this] { changedHere(); };
    connect(m_host, &JobHost::jobAdded, this, changed);
    connect(m_host, &JobHost::jobRemoved, this, changed);
    connect(m_host, &JobHost::jobChanged, this, changed);
}

void ClusterMember::tellOthers()
{
    m_notifyTimer->start();
}

void ClusterMember::changedHere()
{
    if (!m_echoing)
        m_notifyTimer->start();
}

void ClusterMember::notifiedByOther()
{
    if (!m_lookTimer->isActive())
        m_lookTimer->start();
}

void ClusterMember::tick()
{
    heartbeat();
    if (!m_problem.isEmpty())
        return;
    reapDead();
    syncPackages();
    abortRequested();
    copyGrowingLogs();
    shareContinuousLogs();
    relayContinuousLogs();
    // Singleton continuous jobs that nobody holds: try to take them (refresh() claims first).
    for (const auto& [name, runner] : m_host->m_continuous) {
        if (runner->status() == JobStatus::InactiveInstance)
            runner->refresh();
    }
    announceChanges();
    Q_EMIT looked();
}

void ClusterMember::heartbeat()
{
    JobStore* store = m_context->store;
    const Instant now = m_context->now();
    bool ok = store->touchInstance(m_context->instance, now);
    if (!ok && store->ping()) {
        // Not registered any more: another instance took this one for dead (an outage longer
        // than the timeout). Register again; what it closed stays closed.
        const InstanceRecord record {
            m_context->instance, QSysInfo::machineHostName(), QCoreApplication::applicationPid(), now, now};
        ok = store->registerInstance(record);
        if (ok) {
            qCWarning(lcHost).noquote() << QString(
                u"This instance (%1) had been taken for dead by another one and registered again."_s.arg(
                    m_context->instance));
        }
    }
    if (!ok) {
        const QString problem = store->errorString();
        if (m_problem.isEmpty()) {
            qCWarning(lcHost).noquote() << tr(
                "The job database cannot be reached: %1 The jobs keep running; their records wait until it "
                "is back.")
                                               .arg(problem);
        }
        m_problem = problem.isEmpty() ? tr("The job database cannot be reached.") : problem;
        m_connectedSince = Instant();
        return;
    }
    if (!m_problem.isEmpty()) {
        qCInfo(lcHost).noquote() << tr("The job database is reachable again: saving what waited.");
        m_problem.clear();
        m_context->failures->retryPending();
    }
    if (m_connectedSince.isNull())
        m_connectedSince = now;
    if (const auto instances = store->instances())
        m_instances = *instances;
}

void ClusterMember::reapDead()
{
    const Instant now = m_context->now();
    const Duration timeout = Duration::fromMilliseconds(m_context->options.instanceTimeout.count());
    // Just back from an outage: every heartbeat is old; give the others time to refresh theirs.
    if (now - m_connectedSince < timeout)
        return;
    JobStore* store = m_context->store;
    for (const InstanceRecord& instance : std::as_const(m_instances)) {
        if (instance.instance == m_context->instance || now - instance.heartbeat < timeout)
            continue;
        // Recorded in English, as Kudu records its own lines; a view may translate it (context AbortReason).
        const QString reason = QString::fromLatin1(QT_TRANSLATE_NOOP("AbortReason", "instance %1 stopped responding"))
                                   .arg(instance.instance);
        const std::optional<JobStore::Reaped> reaped
            = store->reapInstance(instance.instance, now - timeout, reason, now);
        if (!reaped) {
            qCWarning(lcHost).noquote() << store->errorString();
            continue;
        }
        if (!reaped->reaped)
            continue;
        qCWarning(lcHost).noquote() << QString(
            u"Instance %1 (%2, pid %3) stopped responding: %4 of its runs closed as Aborted, its work taken over."_s
                .arg(instance.instance, instance.hostName)
                .arg(instance.pid)
                .arg(reaped->closedRuns.size()));
        for (const RunRecord& run : reaped->closedRuns) {
            // The line that says why it ended, after the log's last copy.
            QByteArray line;
            LogWriter::formatLine(line, now.toDateTime().toSecsSinceEpoch(), m_context->instance.toUtf8(), true,
                LogWriter::Level::Error,
                u"Run aborted: the instance %1 that ran it stopped responding"_s.arg(instance.instance).toUtf8());
            const std::optional<qint64> copied = store->runLogSize(run.jobName, run.id);
            if ((!copied && store->hasError()) || !store->appendRunLog(run.jobName, run.id, copied.value_or(0), line))
                qCWarning(lcHost).noquote() << store->errorString();
            Q_EMIT m_host->runFinished(TriggeredJobRunner::toJobRun(run, now));
            // Said here: the next look at the latest runs must not say it again.
            if (const auto seen = m_seenRuns.find(run.jobName); seen != m_seenRuns.end() && seen->second.id == run.id)
                seen->second.status = run.status;
            if (m_host->hasJob(JobType::Triggered, run.jobName))
                Q_EMIT m_host->jobChanged(JobType::Triggered, run.jobName);
        }
        for (const QString& job : reaped->continuousJobs) {
            if (m_host->hasJob(JobType::Continuous, job))
                Q_EMIT m_host->jobChanged(JobType::Continuous, job);
        }
    }
}

void ClusterMember::installPackagesNow()
{
    const auto packages = m_context->store->packageDigests();
    if (!packages) {
        qCWarning(lcHost).noquote() << m_context->store->errorString();
        return;
    }
    for (const JobStore::Package& digest : *packages) {
        const QString key = packageKey(digest.type, digest.name);
        const auto it = m_digests.find(key);
        const bool installed = it != m_digests.end() && it->second == digest.digest
            && QFileInfo::exists(m_context->paths.binaries(digest.type, digest.name));
        if (!installed) {
            const auto package = m_context->store->package(digest.type, digest.name);
            if (!package || !installPackage(*package, true))
                continue;
        }
        // Stopped or edited while this instance was away: so before its jobs start.
        if (writeJobFiles(digest.type, digest.name, digest.files))
            m_appliedFiles[key] = digest.files;
    }
}

bool ClusterMember::installPackage(const JobStore::Package& package, bool synchronous)
{
    const QString key = packageKey(package.type, package.name);
    const QString folder = m_context->paths.dataRoot() + u"/data/.incoming"_s;
    QDir().mkpath(folder);
    // One file per job: jobs with the same content have the same digest, and the installs of
    // several run at once (each removes its file when it is done).
    const QString path = folder + u'/' + jobTypeName(package.type) + u'-' + package.name + u'-' + package.digest;
    {
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(package.content) != package.content.size()) {
            qCWarning(lcHost).noquote()
                << tr("Cannot write the package of the job %1 to %2: %3.").arg(package.name, path, file.errorString());
            return false;
        }
    }
    if (synchronous) {
        PackageImporter::Request request;
        request.sourcePath = path;
        request.fileName = package.fileName;
        request.isZip = package.isZip;
        request.targetDirectory = m_context->paths.binaries(package.type, package.name);
        request.limits = m_context->options.packageLimits;
        const PackageImporter::ImportResult result = PackageImporter::import(request);
        QFile::remove(path);
        if (!result.ok) {
            qCWarning(lcHost).noquote() << tr("Cannot install the package of the job %1 from the job database: %2")
                                               .arg(package.name, result.error);
            return false;
        }
        m_digests[key] = package.digest;
        saveDigests();
        return true;
    }
    m_installing[key] = package.digest;
    ImportOperation* operation
        = m_host->importPackage(package.type, package.name, path, package.fileName, package.isZip, false);
    const QString digest = package.digest;
    const QString name = package.name;
    const JobType type = package.type;
    connect(
        operation, &ImportOperation::finished, this, [this, key, digest, type, name, path](const ServiceError& error) {
            QFile::remove(path);
            m_installing.erase(key);
            if (!error.ok()) {
                qCWarning(lcHost).noquote() << tr("Cannot install the package of the job %1 from the job database: %2")
                                                   .arg(name, error.message);
                return;
            }
            m_digests[key] = digest;
            saveDigests();
            // A stop or a settings.job edited since the upload, without waiting for a heartbeat.
            if (const auto row = m_context->store->package(type, name);
                row && row->digest == digest && applyJobFiles(type, name, row->files))
                m_appliedFiles[key] = row->files;
        });
    return true;
}

void ClusterMember::syncPackages()
{
    JobStore* store = m_context->store;
    const auto packages = store->packageDigests();
    if (!packages)
        return;
    std::map<QString, const JobStore::Package*> current;
    for (const JobStore::Package& package : *packages)
        current[packageKey(package.type, package.name)] = &package;
    for (const auto& [key, package] : current) {
        const auto it = m_digests.find(key);
        if (it != m_digests.end() && it->second == package->digest) {
            // Only what changed in the database since this instance applied it: a file edited
            // by hand in this folder stays as it is until the next change made through the API.
            const auto applied = m_appliedFiles.find(key);
            if ((applied == m_appliedFiles.end() || applied->second != package->files)
                && applyJobFiles(package->type, package->name, package->files))
                m_appliedFiles[key] = package->files;
            continue;
        }
        if (const auto installing = m_installing.find(key);
            installing != m_installing.end() && installing->second == package->digest)
            continue;
        if (const auto full = store->package(package->type, package->name))
            installPackage(*full, false);
    }
    // Deleted elsewhere: the packages this instance installed that the database no longer has.
    QStringList gone;
    for (const auto& [key, digest] : m_digests) {
        if (!current.count(key) && !m_installing.count(key))
            gone.append(key);
    }
    for (const QString& key : std::as_const(gone)) {
        m_digests.erase(key);
        m_appliedFiles.erase(key);
        const qsizetype slash = key.indexOf(u'/');
        const std::optional<JobType> type = jobTypeFromName(key.left(slash));
        if (type)
            m_host->deleteJob(*type, key.mid(slash + 1));
    }
    if (!gone.isEmpty())
        saveDigests();
}

bool ClusterMember::publishPackage(
    JobType type, const QString& name, const QString& sourcePath, const QString& fileName, bool isZip, QString* error)
{
    QFile file(sourcePath);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = tr("Cannot read the package of the job %1 to share it with the other instances: %2.")
                     .arg(name, file.errorString());
        qCWarning(lcHost).noquote() << *error;
        return false;
    }
    JobStore::Package package {type, name, {}, fileName, isZip, file.readAll(), localJobFiles(type, name)};
    package.digest = packageDigest(package.content, fileName, isZip);
    if (!m_context->store->savePackage(package)) {
        *error = m_context->store->errorString();
        qCWarning(lcHost).noquote() << *error;
        return false;
    }
    m_digests[packageKey(type, name)] = package.digest;
    m_appliedFiles[packageKey(type, name)] = package.files;
    saveDigests();
    return true;
}

void ClusterMember::forgetPackage(JobType type, const QString& name)
{
    m_appliedFiles.erase(packageKey(type, name));
    if (m_digests.erase(packageKey(type, name)) > 0)
        saveDigests();
}

JobStore::JobFiles ClusterMember::localJobFiles(JobType type, const QString& name) const
{
    const QString folder = m_context->paths.binaries(type, name);
    JobStore::JobFiles files;
    QFile settings(ScriptDiscovery::settingsPath(folder));
    if (settings.open(QIODevice::ReadOnly))
        files.settings = settings.readAll();
    // Kudu's marker is a continuous job's only; a triggered job ignores it.
    files.disabled = type == JobType::Continuous && QFileInfo::exists(ScriptDiscovery::disablePath(folder));
    return files;
}

void ClusterMember::publishJobFiles(JobType type, const QString& name)
{
    if (m_applyingFiles)
        return;
    const JobStore::JobFiles files = localJobFiles(type, name);
    const std::optional<bool> saved = m_context->store->saveJobFiles(type, name, files);
    if (!saved) {
        qCWarning(lcHost).noquote() << tr("The other instances keep the previous settings of the job %1: %2")
                                           .arg(name, m_context->store->errorString());
        return;
    }
    m_appliedFiles[packageKey(type, name)] = files;
}

bool ClusterMember::writeSettings(JobType type, const QString& name, const std::optional<QByteArray>& settings)
{
    const QString path = ScriptDiscovery::settingsPath(m_context->paths.binaries(type, name));
    const bool written
        = settings ? FileUtil::writeAtomically(path, *settings) : (QFile::remove(path) || !QFileInfo::exists(path));
    if (!written) {
        qCWarning(lcHost).noquote() << tr("Cannot write the settings of the job %1 to %2 as another instance "
                                          "changed them: check the permissions of the job's folder.")
                                           .arg(name, path);
    }
    return written;
}

bool ClusterMember::writeJobFiles(JobType type, const QString& name, const JobStore::JobFiles& files)
{
    const JobStore::JobFiles local = localJobFiles(type, name);
    if (local.settings != files.settings && !writeSettings(type, name, files.settings))
        return false;
    if (type == JobType::Continuous && local.disabled != files.disabled) {
        QFile marker(ScriptDiscovery::disablePath(m_context->paths.binaries(type, name)));
        const bool written = files.disabled ? marker.open(QIODevice::WriteOnly) : marker.remove();
        if (!written) {
            qCWarning(lcHost).noquote()
                << tr("Cannot write %1: check the permissions of the job's folder.").arg(marker.fileName());
            return false;
        }
    }
    return true;
}

bool ClusterMember::applyJobFiles(JobType type, const QString& name, const JobStore::JobFiles& files)
{
    if (!m_host->hasJob(type, name))
        return false;
    const JobStore::JobFiles local = localJobFiles(type, name);
    if (local == files)
        return true;
    m_applyingFiles = true;
    const auto done = qScopeGuard([this] { m_applyingFiles = false; });
    const QString folder = m_context->paths.binaries(type, name);
    if (local.settings != files.settings) {
        if (!writeSettings(type, name, files.settings))
            return false;
        // Reads settings.job again: the schedule, or a continuous job's restart.
        if (type == JobType::Triggered) {
            m_host->applySchedule(name);
        } else if (ContinuousJobRunner* runner = m_host->continuousRunner(name)) {
            m_host->m_continuousSettings[name] = HostContext::readSettings(folder).toJson();
            runner->restart();
        }
    }
    if (type == JobType::Continuous && local.disabled != files.disabled) {
        if (ContinuousJobRunner* runner = m_host->continuousRunner(name)) {
            QString error;
            if (!(files.disabled ? runner->disable(&error) : runner->enable(&error))) {
                qCWarning(lcHost).noquote() << error;
                return false;
            }
        }
    }
    Q_EMIT m_host->jobChanged(type, name);
    return true;
}

void ClusterMember::copyRunLog(const QString& jobName, const QString& runId)
{
    QFile file(m_context->paths.outputLog(jobName, runId));
    if (!file.open(QIODevice::ReadOnly))
        return;
    JobStore* store = m_context->store;
    const QString key = jobName + u'/' + runId;
    const auto failed = [&] {
        qCWarning(lcHost).noquote() << store->errorString();
        // Asked again next time: the failed statement may have stored a piece all the same.
        m_copiedSizes.erase(key);
    };
    qint64 copied = 0;
    if (const auto known = m_copiedSizes.find(key); known != m_copiedSizes.end()) {
        copied = known->second;
    } else if (const std::optional<qint64> size = store->runLogSize(jobName, runId)) {
        copied = *size;
    } else if (store->hasError()) {
        return failed();
    }
    // A log is only ever appended to; one that shrank was written anew, and so is its copy.
    if (file.size() < copied) {
        if (!store->clearRunLog(jobName, runId))
            return failed();
        copied = 0;
    }
    // What the log gained since the last copy, a piece at a time: memory stays bounded however
    // large the log, and a failure leaves the copy a whole prefix of the log.
    if (!file.seek(copied))
        return;
    while (!file.atEnd()) {
        const QByteArray piece = file.read(JobStore::RunLogPieceBytes);
        if (piece.isEmpty())
            break;
        if (!store->appendRunLog(jobName, runId, copied, piece))
            return failed();
        copied += piece.size();
    }
    m_copiedSizes[key] = copied;
}

bool ClusterMember::mirrorRunLog(
    const QString& jobName, const QString& runId, JobStatus status, const QString& instance)
{
    const QString path = m_context->paths.outputLog(jobName, runId);
    const bool exists = QFileInfo::exists(path);
    if (instance == m_context->instance)
        return exists;
    // A copy that is not whole yet (the run still grows it, or the copying was cut off) carries
    // a marker beside it, also across restarts; a log without one is complete.
    const QString marker = m_context->paths.run(jobName, runId) + u"/.partial-copy"_s;
    const bool partial = exists && QFileInfo::exists(marker);
    if (exists && !partial)
        return true;
    const QString key = jobName + u'/' + runId;
    const bool finished = isFinalRunStatus(status);
    const auto looked = m_mirrors.find(key);
    if (!finished && partial && looked != m_mirrors.end() && !looked->second.hasExpired(1000))
        return true;
    const auto done = [&](bool complete) {
        if (complete) {
            QFile::remove(marker);
            m_mirrors.erase(key);
        } else {
            m_mirrors[key].start();
        }
        return true;
    };
    JobStore* store = m_context->store;
    const qint64 here = exists ? QFileInfo(path).size() : 0;
    constexpr qint64 batch = 8 * JobStore::RunLogPieceBytes;
    // While the run goes on, the copy here gains what the database's has past it, a few pieces
    // at a time: one statement a look when nothing or little is new.
    // Appends the database's copy from `from` on to `file`, a few pieces at a time, up to
    // `until` bytes (-1: as far as it goes now); the size it reached. On a failure the file is
    // a whole prefix of the copy, still marked partial, taken up again at the next look.
    const auto appendCopy = [&](QFile& file, qint64 from, qint64 until) {
        qint64 written = from;
        while (until < 0 || written < until) {
            const std::optional<QByteArray> piece = store->runLog(jobName, runId, written, batch);
            if (!piece && store->hasError())
                qCWarning(lcHost).noquote() << store->errorString();
            if (!piece || piece->isEmpty() || file.write(*piece) != piece->size())
                break;
            written += piece->size();
            if (until < 0 && piece->size() < batch)
                break;
        }
        return written;
    };
    if (partial && !finished) {
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Append)) {
            qCWarning(lcHost).noquote() << u"Cannot write %1: %2."_s.arg(path, file.errorString());
            return true;
        }
        appendCopy(file, here, -1);
        return done(false);
    }
    const std::optional<qint64> size = store->runLogSize(jobName, runId);
    if (!size && store->hasError())
        return exists;
    if (!size && finished) // a run that ended before writing anything
        return exists;
    if (exists && size && here == *size)
        return done(finished);
    QDir().mkpath(m_context->paths.run(jobName, runId));
    if (!partial && !FileUtil::writeAtomically(marker, QByteArray()))
        return false;
    // Only what the copy here lacks is read and appended, a few pieces at a time. A copy here
    // longer than the database's was made of another log: it is written anew.
    QFile file(path);
    const bool anew = !exists || !size || here > *size;
    if (!file.open(anew ? QIODevice::WriteOnly | QIODevice::Truncate : QIODevice::WriteOnly | QIODevice::Append)) {
        qCWarning(lcHost).noquote() << u"Cannot write %1: %2."_s.arg(path, file.errorString());
        return exists;
    }
    const qint64 target = size.value_or(0);
    const qint64 written = appendCopy(file, anew ? 0 : here, target);
    if (written < target || !file.flush())
        return true;
    file.close();
    return done(finished);
}

void ClusterMember::mirrorRunLogAt(const QString& vfsPath)
{
    static const QRegularExpression pattern(u"^/*data/jobs/triggered/([^/]+)/([^/]+)/output_log\\.txt$"_s);
    const QRegularExpressionMatch match = pattern.match(vfsPath);
    if (!match.hasMatch())
        return;
    const QString jobName = match.captured(1);
    const QString runId = match.captured(2);
    const std::optional<RunRecord> run = m_context->store->run(jobName, runId);
    if (run)
        mirrorRunLog(jobName, runId, run->status, run->instance);
}

void ClusterMember::abortRequested()
{
    bool running = false;
    for (const auto& [name, runner] : m_host->m_triggered)
        running = running || !runner->activeRunId().isEmpty();
    if (!running)
        return;
    const auto runs = m_context->store->unfinishedRuns(m_context->instance);
    if (!runs)
        return;
    for (const RunRecord& run : *runs) {
        if (run.abortedBy.isEmpty())
            continue;
        TriggeredJobRunner* runner = m_host->triggeredRunner(run.jobName);
        const QString key = run.jobName + u'/' + run.id;
        if (runner && runner->activeRunId() == run.id && !m_aborting.contains(key)) {
            m_aborting.insert(key);
            runner->abort(run.id, run.abortedBy, run.abortReason);
        }
    }
}

void ClusterMember::copyGrowingLogs()
{
    std::map<QString, qint64> sizes;
    for (const auto& [name, runner] : m_host->m_triggered) {
        const QString id = runner->activeRunId();
        if (id.isEmpty())
            continue;
        const QString key = name + u'/' + id;
        const qint64 size = QFileInfo(m_context->paths.outputLog(name, id)).size();
        const auto it = m_copiedSizes.find(key);
        if (it == m_copiedSizes.end() || it->second != size)
            copyRunLog(name, id);
        // Without an entry (nothing copied yet, or a failure), the next copy asks the database.
        if (const auto copied = m_copiedSizes.find(key); copied != m_copiedSizes.end())
            sizes[key] = copied->second;
    }
    m_copiedSizes = std::move(sizes);
}

void ClusterMember::shareContinuousLogs()
{
    JobStore* store = m_context->store;
    std::erase_if(m_unshared, [this](const auto& waiting) { return !m_host->continuousRunner(waiting.first); });
    for (const auto& [name, runner] : m_host->m_continuous) {
        QByteArray lines = runner->jobLog()->takeShared();
        if (const auto waiting = m_unshared.find(name); waiting != m_unshared.end()) {
            lines.prepend(waiting->second);
            m_unshared.erase(waiting);
        }
        if (lines.isEmpty())
            continue;
        if (!store->appendContinuousLog(name, m_context->instance, lines, ContinuousLogPieces)) {
            qCWarning(lcHost).noquote() << store->errorString();
            // Tried again with the next lines; beyond the writer's own bound, the oldest go.
            if (lines.size() <= LogWriter::SharedLimit)
                m_unshared[name] = std::move(lines);
        }
    }
}

QString ClusterMember::relayedPositionsFile(const QString& jobName) const
{
    return QFileInfo(m_context->paths.jobLog(jobName)).absolutePath() + u"/.shared-log-positions"_s;
}

std::map<QString, qint64>& ClusterMember::relayedPositions(const QString& jobName)
{
    const auto known = m_relayed.find(jobName);
    if (known != m_relayed.end())
        return known->second;
    std::map<QString, qint64>& positions = m_relayed[jobName];
    QFile file(relayedPositionsFile(jobName));
    if (file.open(QIODevice::ReadOnly)) {
        const QJsonObject saved = QJsonDocument::fromJson(file.readAll()).object();
        for (auto it = saved.begin(); it != saved.end(); ++it)
            positions[it.key()] = it.value().toInteger();
    }
    return positions;
}

void ClusterMember::saveRelayedPositions(const QString& jobName)
{
    QJsonObject saved;
    for (const auto& [instance, last] : m_relayed[jobName])
        saved.insert(instance, last);
    const QString path = relayedPositionsFile(jobName);
    QDir().mkpath(QFileInfo(path).absolutePath());
    if (!FileUtil::writeAtomically(path, QJsonDocument(saved).toJson(QJsonDocument::Compact)))
        qCWarning(lcHost).noquote() << u"Cannot write %1."_s.arg(path);
}

void ClusterMember::relayContinuousLogs()
{
    JobStore* store = m_context->store;
    const auto heads = store->continuousLogHeads(m_context->instance);
    if (!heads) {
        qCWarning(lcHost).noquote() << store->errorString();
        return;
    }
    for (const JobStore::LogHead& head : *heads) {
        ContinuousJobRunner* runner = m_host->continuousRunner(head.jobName);
        if (!runner)
            continue; // not installed here yet: relayed once it is
        std::map<QString, qint64>& positions = relayedPositions(head.jobName);
        qint64& position = positions[head.instance];
        // Numbers that went back: the job was deleted and made again meanwhile.
        if (head.last < position)
            position = 0;
        if (head.last == position)
            continue;
        const auto pieces = store->continuousLog(head.jobName, head.instance, position);
        if (!pieces) {
            qCWarning(lcHost).noquote() << store->errorString();
            continue;
        }
        LogWriter* log = runner->jobLog();
        if (!pieces->isEmpty() && position > 0 && pieces->first().seq > position + 1) {
            QByteArray line;
            LogWriter::formatLine(line, m_context->now().toDateTime().toSecsSinceEpoch(), log->instanceBytes(), true,
                LogWriter::Level::Warning,
                u"Lines of the instance %1 are missing here: this instance was away while it wrote them."_s
                    .arg(head.instance)
                    .toUtf8());
            log->appendRelayed(line);
        }
        for (const JobStore::LogPiece& piece : *pieces) {
            log->appendRelayed(piece.content);
            position = piece.seq;
        }
        saveRelayedPositions(head.jobName);
    }
}

void ClusterMember::announceChanges()
{
    m_echoing = true;
    const auto done = qScopeGuard([this] { m_echoing = false; });
    JobStore* store = m_context->store;
    if (const auto runs = store->latestRuns()) {
        std::map<QString, SeenRun> seen;
        for (const RunRecord& run : *runs)
            seen[run.jobName] = {run.id, run.status, run.instance};
        const Instant now = m_context->now();
        for (const RunRecord& run : *runs) {
            const auto it = m_seenRuns.find(run.jobName);
            const bool isNew = it == m_seenRuns.end() || it->second.id != run.id;
            if (!m_looked || (!isNew && it->second.status == run.status)
                || !m_host->hasJob(JobType::Triggered, run.jobName))
                continue;
            // The runs of other instances reach this instance's change feed as its own do.
            if (!isNew || run.instance != m_context->instance) {
                if (isNew && it != m_seenRuns.end() && !isFinalRunStatus(it->second.status)
                    && it->second.instance != m_context->instance) {
                    // The run seen running ended and another started between two looks.
                    if (const auto ended = store->run(run.jobName, it->second.id))
                        Q_EMIT m_host->runFinished(TriggeredJobRunner::toJobRun(*ended, now));
                }
                if (run.instance != m_context->instance) {
                    const JobRun current = TriggeredJobRunner::toJobRun(run, now);
                    if (isNew)
                        Q_EMIT m_host->runStarted(current);
                    if (isFinalRunStatus(run.status))
                        Q_EMIT m_host->runFinished(current);
                }
            }
            Q_EMIT m_host->jobChanged(JobType::Triggered, run.jobName);
        }
        m_seenRuns = std::move(seen);
    }
    if (const auto statuses = store->allContinuousStatuses()) {
        std::map<QString, QString> seen;
        for (const ContinuousStatusRecord& status : *statuses)
            seen[status.jobName] += status.instance + u':' + jobStatusName(status.status) + u' ';
        for (const auto& [job, state] : seen) {
            const auto it = m_seenContinuous.find(job);
            if (m_looked && (it == m_seenContinuous.end() || it->second != state)
                && m_host->hasJob(JobType::Continuous, job))
                Q_EMIT m_host->jobChanged(JobType::Continuous, job);
        }
        m_seenContinuous = std::move(seen);
    }
    m_looked = true;
}

} // namespace WebJobs
