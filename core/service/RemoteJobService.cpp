#include "core/service/RemoteJobService.h"

#include "core/api/client/AgentClient.h"
#include "core/model/JobUrls.h"
#include "core/schedule/CronConversion.h"
#include "core/schedule/Schedule.h"

#include <QDir>
#include <QFileInfo>
#include <QHostAddress>
#include <QLocale>
#include <QPointer>
#include <QPromise>
#include <QSaveFile>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

#include <memory>

using namespace Qt::StringLiterals;

namespace WebJobs {

namespace {

// A burst of changes larger than this is read with one list rather than job by job.
constexpr qsizetype ListRefreshThreshold = 32;

template <typename T>
QFuture<T> readyFuture(T value)
{
    QPromise<T> promise;
    QFuture<T> future = promise.future();
    promise.start();
    promise.addResult(std::move(value));
    promise.finish();
    return future;
}

bool isLoopbackHost(const QString& host)
{
    if (host.compare(u"localhost"_s, Qt::CaseInsensitive) == 0)
        return true;
    QHostAddress address;
    return address.setAddress(host) && address.isLoopback();
}

// The instances an agent listed, the one that answered marked.
QList<InstanceInfo> instancesOf(const AgentClient::AgentInfo& info)
{
    QList<InstanceInfo> instances;
    instances.reserve(info.instances.size());
    for (const AgentClient::Instance& instance : info.instances) {
        instances.append(InstanceInfo {instance.instance, instance.hostName, instance.pid, instance.started,
            instance.heartbeat, instance.live ? InstanceInfo::State::Live : InstanceInfo::State::Unresponsive,
            instance.instance == info.instance});
    }
    return instances;
}

// The agent says "connected" while its database answers, else why it does not.
QString databaseProblemOf(const AgentClient::AgentInfo& info)
{
    return info.database == u"connected" ? QString() : info.database;
}

bool isActiveRun(const std::optional<JobRun>& run)
{
    return run && !isFinalRunStatus(run->status());
}

// saveLog(): the log read in ranges, each written on the thread pool before the next is asked
// for, into a QSaveFile committed at the end. The future's progress counts KiB, as the local
// host's does. Deletes itself once the future is finished; the service's destruction cancels it.
class LogCopy : public QObject
{
public:
    using Examine = std::function<ServiceError(int status, const ServiceError& error)>;

    LogCopy(AgentClient* client, const QUrl& url, const QString& destination, Examine examine, QObject* parent)
        : QObject(parent)
        , m_client(client)
        , m_url(url)
        , m_destination(destination)
        , m_examine(std::move(examine))
    { }

    QFuture<ServiceReply> start()
    {
        m_promise.start();
        readNext();
        return m_promise.future();
    }

private:
    static constexpr qint64 Chunk = 1 << 20;

    void readNext()
    {
        if (m_promise.isCanceled()) {
            finish(std::nullopt);
            return;
        }
        m_client->readRange(m_url, m_done, Chunk).then(this, [this](const ClientResult<QByteArray>& chunk) {
            if (!chunk.ok()) {
                if (chunk.error.code == ServiceError::Code::NotFound)
                    finish(ServiceError {ServiceError::Code::NotFound,
                        RemoteJobService::tr("The log %1 does not exist on the server.").arg(m_url.toDisplayString())});
                else
                    finish(m_examine(chunk.status, chunk.error));
                return;
            }
            if (m_total < 0 && chunk.size >= 0) {
                m_total = chunk.size;
                m_promise.setProgressRange(0, int(m_total / 1024) + 1);
            }
            write(chunk.value, chunk.value.size() < Chunk || (m_total >= 0 && m_done + chunk.value.size() >= m_total));
        });
    }

    void write(const QByteArray& bytes, bool last)
    {
        QtConcurrent::run([file = m_file, destination = m_destination, bytes, last] {
            if (!file->isOpen()) {
                file->setFileName(destination);
                if (!file->open(QIODevice::WriteOnly))
                    return file->errorString();
            }
            if (file->write(bytes) != bytes.size())
                return file->errorString();
            if (last && !file->commit())
                return file->errorString();
            return QString();
        }).then(this, [this, size = bytes.size(), last](const QString& problem) {
            if (!problem.isNull()) {
                finish(ServiceError {ServiceError::Code::Internal,
                    RemoteJobService::tr("Cannot write %1: %2. Choose another folder.")
                        .arg(QDir::toNativeSeparators(m_destination), problem)});
                return;
            }
            m_done += size;
            if (!last) {
                m_promise.setProgressValue(int(m_done / 1024));
                readNext();
                return;
            }
            m_promise.setProgressValue(int(m_done / 1024) + 1);
            finish(ServiceError {});
        });
    }

    // std::nullopt: cancelled, no result.
    void finish(const std::optional<ServiceError>& error)
    {
        // An uncommitted QSaveFile leaves nothing behind when it goes.
        if (error)
            m_promise.addResult(ServiceReply {*error, {}});
        m_promise.finish();
        deleteLater();
    }

    AgentClient* m_client;
    QUrl m_url;
    QString m_destination;
    Examine m_examine;
    QPromise<ServiceReply> m_promise;
    // Used on the pool, one step at a time.
    std::shared_ptr<QSaveFile> m_file = std::make_shared<QSaveFile>();
    qint64 m_done = 0;
    qint64 m_total = -1;
};

} // namespace

RemoteJobService::RemoteJobService(Options options, QObject* parent)
    : JobService(parent)
    , m_options(std::move(options))
    , m_client(new AgentClient(m_options.url, m_options.user, m_options.password, this))
    , m_reconnectTimer(new QTimer(this))
    , m_pollTimer(new QTimer(this))
    , m_instancesTimer(new QTimer(this))
{
    qRegisterMetaType<WebJobs::JobEntry>();
    qRegisterMetaType<QList<WebJobs::JobEntry>>();
    qRegisterMetaType<WebJobs::JobRun>();
    qRegisterMetaType<WebJobs::JobType>();
    qRegisterMetaType<WebJobs::ServiceError>();
    qRegisterMetaType<WebJobs::Job>();
    qRegisterMetaType<WebJobs::InstanceInfo>();

    m_client->setTransferTimeout(m_options.transferTimeout);
    for (const QSslCertificate& certificate : std::as_const(m_options.trustedCertificates))
        m_client->trustCertificate(certificate);

    m_reconnectTimer->setSingleShot(true);
    connect(m_reconnectTimer, &QTimer::timeout, this, &RemoteJobService::probe);
    m_pollTimer->setSingleShot(true);
    connect(m_pollTimer, &QTimer::timeout, this, &RemoteJobService::poll);
    connect(m_instancesTimer, &QTimer::timeout, this, &RemoteJobService::refreshInstances);

    connect(m_client, &AgentClient::eventReceived, this, &RemoteJobService::onEvent);
    connect(m_client, &AgentClient::resetNeeded, this, [this] {
        // The agent restarted, or we were away too long: reload the list, then the rest.
        m_client->jobs().then(this, [this](const ClientResult<QList<Job>>& list) {
            if (list.ok()) {
                m_listTag = list.etag;
                applyList(list.value, true);
            }
            Q_EMIT resetNeeded();
        });
    });
    connect(m_client, &AgentClient::followingChanged, this, [this](bool following) {
        if (!following && m_state == State::Ready && m_capabilities.testFlag(Capability::LiveChanges))
            connectionLost(tr("its event stream ended."));
    });
    connect(m_client, &AgentClient::sslErrorsOccurred, this,
        [this](const QList<QSslError>& errors, const QSslCertificate& certificate) {
            m_sslErrors = errors;
            m_sslCertificate = certificate;
        });

    QMetaObject::invokeMethod(this, &RemoteJobService::probe, Qt::QueuedConnection);
}

RemoteJobService::~RemoteJobService()
{
    // The client ends its event stream when it goes: nothing of it must reach this half-destroyed service.
    m_client->disconnect(this);
    delete m_client;
}

QString RemoteJobService::displayName() const
{
    return m_options.url.toDisplayString(QUrl::RemoveUserInfo | QUrl::StripTrailingSlash);
}

bool RemoteJobService::isInsecure() const
{
    return m_options.url.scheme().compare(u"http"_s, Qt::CaseInsensitive) == 0 && !isLoopbackHost(m_options.url.host());
}

QString RemoteJobService::insecureWarning() const
{
    if (!isInsecure())
        return {};
    return tr("The connection to %1 is not encrypted: the password and the jobs cross the network in clear. Use an "
              "https:// address (the agent's --tls-cert and --tls-key options).")
        .arg(displayName());
}

QList<QSslCertificate> RemoteJobService::acceptedCertificates() const
{
    return m_client->trustedCertificates();
}

void RemoteJobService::setState(State state, const QString& error)
{
    m_error = error;
    if (m_state == state)
        return;
    m_state = state;
    updateChangeFollowing();
    if (state != State::Ready)
        setInstances({}, {});
    Q_EMIT stateChanged(state);
}

// ---------------------------------------------------------------------------------------------
// Connection

void RemoteJobService::reconnect()
{
    m_reconnectTimer->stop();
    m_reconnectDelay = 0;
    if (m_state != State::Reconnecting)
        setState(State::Connecting);
    probe();
}

void RemoteJobService::acceptCertificate(const QSslCertificate& certificate)
{
    m_client->trustCertificate(certificate);
    reconnect();
}

void RemoteJobService::probe()
{
    const int generation = ++m_generation;
    m_reconnectTimer->stop();
    m_sslErrors.clear();
    m_sslCertificate = QSslCertificate();
    const bool reconnecting = m_state == State::Reconnecting;

    const auto failed = [this, reconnecting](int status, const ServiceError& error) {
        if (status == 0 && !m_sslErrors.isEmpty()) {
            QStringList problems;
            for (const QSslError& sslError : std::as_const(m_sslErrors))
                problems.append(sslError.errorString());
            setState(State::Failed,
                tr("The certificate of %1 is not trusted (%2). Check its details, and accept it if you trust it.")
                    .arg(displayName(), problems.join(u"; "_s)));
            Q_EMIT certificateProblem(m_sslErrors, m_sslCertificate);
            return;
        }
        const bool transient = status == 0 || status == 408 || status == 429 || status >= 500;
        if (reconnecting && transient) {
            m_error = tr("The connection to %1 was lost: %2 Retrying…").arg(displayName(), error.message);
            scheduleReconnect();
            return;
        }
        setState(State::Failed, error.message);
    };

    m_client->agentInfo().then(this,
        [this, generation, reconnecting, failed](const ClientResult<std::optional<AgentClient::AgentInfo>>& info) {
            if (generation != m_generation)
                return;
            if (!info.ok()) {
                failed(info.status, info.error);
                return;
            }
            // Our agent says who it is; a Kudu site (or anything else) answers 404 or a page.
            Capabilities capabilities;
            QString cursor;
            if (info.value) {
                capabilities = Capability::AbortRun | Capability::LiveChanges | Capability::Recurrence;
                cursor = info.value->eventsCursor;
            }
            m_client->jobs().then(this,
                [this, generation, reconnecting, failed, capabilities, cursor, agent = info.value](
                    const ClientResult<QList<Job>>& list) {
                    if (generation != m_generation)
                        return;
                    if (list.status == 200 && list.ok()) {
                        m_capabilities = capabilities;
                        m_listTag = list.etag;
                        applyList(list.value, reconnecting || !m_jobs.isEmpty());
                        m_reconnectDelay = 0;
                        // A first connection follows from the cursor read before the list, so
                        // that nothing falls between them; a reconnection resumes after the
                        // last event seen, so that the missed ones come first.
                        if (capabilities.testFlag(Capability::LiveChanges))
                            m_client->followChanges(reconnecting ? QString() : cursor);
                        m_clustered = agent && agent->clustered;
                        m_instancesRequests = 0;
                        if (agent)
                            setInstances(instancesOf(*agent), databaseProblemOf(*agent));
                        setState(State::Ready);
                        if (reconnecting)
                            Q_EMIT resetNeeded();
                        return;
                    }
                    const bool notKudu = list.status == 200
                        || (list.status >= 300 && list.status < 500 && list.status != 401 && list.status != 403
                            && list.status != 408 && list.status != 429);
                    if (notKudu) {
                        setState(State::Failed,
                            tr("This server does not answer like a Kudu/WebJobs endpoint: check the URL (GET "
                               "/api/webjobs answered HTTP %1 without a list of jobs). For an App Service site, "
                               "use its SCM address, https://<site>.scm.azurewebsites.net.")
                                .arg(list.status));
                        return;
                    }
                    failed(list.status, list.error);
                });
        });
}

void RemoteJobService::scheduleReconnect()
{
    m_reconnectDelay = m_reconnectDelay == 0 ? m_options.reconnectMinimum
                                             : std::min(m_reconnectDelay * 2, m_options.reconnectMaximum);
    m_reconnectTimer->start(m_reconnectDelay);
}

void RemoteJobService::connectionLost(const QString& reason)
{
    if (m_state != State::Ready)
        return;
    m_reconnectDelay = 0;
    setState(State::Reconnecting, tr("The connection to %1 was lost: %2 Retrying…").arg(displayName(), reason));
    scheduleReconnect();
}

ServiceError RemoteJobService::examine(int status, const ServiceError& error)
{
    if (error.ok())
        return error;
    if (status == 0)
        connectionLost(error.message);
    else if (status == 401 && (m_state == State::Ready || m_state == State::Reconnecting))
        setState(State::Failed, error.message);
    return error;
}

// ---------------------------------------------------------------------------------------------
// Following changes

void RemoteJobService::beginWatching()
{
    if (++m_watchers == 1)
        updateChangeFollowing();
}

void RemoteJobService::endWatching()
{
    if (m_watchers > 0 && --m_watchers == 0)
        updateChangeFollowing();
}

void RemoteJobService::updateChangeFollowing()
{
    const bool ready = m_state == State::Ready;
    const bool live = m_capabilities.testFlag(Capability::LiveChanges);
    if (!ready || !live)
        m_client->stopFollowing();
    if (ready && !live && m_watchers > 0) {
        if (!m_pollTimer->isActive() && !m_polling) {
            m_pollInterval = m_options.pollMinimum;
            m_pollTimer->start(m_pollInterval);
        }
    } else {
        m_pollTimer->stop();
    }
    // A cluster's instances come and go: asked again while someone watches.
    if (ready && live && m_clustered && m_watchers > 0) {
        if (!m_instancesTimer->isActive())
            m_instancesTimer->start(std::max(1, m_options.instancesInterval));
    } else {
        m_instancesTimer->stop();
    }
}

bool RemoteJobService::isFollowingInstances() const
{
    return m_instancesTimer->isActive();
}

void RemoteJobService::refreshInstances()
{
    // Only our agent knows of instances; one question at a time.
    if (m_state != State::Ready || !m_capabilities.testFlag(Capability::LiveChanges) || m_askingInstances)
        return;
    m_askingInstances = true;
    ++m_instancesRequests;
    const int generation = m_generation;
    m_client->agentInfo().then(
        this, [this, generation](const ClientResult<std::optional<AgentClient::AgentInfo>>& info) {
            m_askingInstances = false;
            if (generation != m_generation || m_state != State::Ready || !info.ok() || !info.value)
                return;
            const bool clustered = info.value->clustered;
            if (clustered != m_clustered) {
                m_clustered = clustered;
                updateChangeFollowing();
            }
            setInstances(instancesOf(*info.value), databaseProblemOf(*info.value));
        });
}

void RemoteJobService::setInstances(const QList<InstanceInfo>& instances, const QString& databaseProblem)
{
    if (instances == m_instances && databaseProblem == m_databaseProblem)
        return;
    m_instances = instances;
    m_databaseProblem = databaseProblem;
    Q_EMIT instancesChanged();
}

bool RemoteJobService::isPolling() const
{
    return m_polling || m_pollTimer->isActive();
}

void RemoteJobService::poll()
{
    if (m_state != State::Ready || m_watchers == 0 || m_capabilities.testFlag(Capability::LiveChanges))
        return;
    m_polling = true;
    ++m_pollCount;
    m_client->jobs({}, m_listTag).then(this, [this](const ClientResult<QList<Job>>& list) {
        m_polling = false;
        bool changed = false;
        if (list.status == 304) {
            // Nothing changed: look again later, a little less often each time.
            ++m_unchangedPollCount;
        } else if (list.ok()) {
            m_listTag = list.etag;
            changed = true;
            applyList(list.value, true);
        } else {
            examine(list.status, list.error);
        }
        m_pollInterval
            = changed ? m_options.pollMinimum : std::min(m_pollInterval * 2, std::max(1, m_options.pollMaximum));
        if (m_state == State::Ready && m_watchers > 0 && !m_pollTimer->isActive())
            m_pollTimer->start(m_pollInterval);
    });
}

JobEntry RemoteJobService::entryOf(const Job& job) const
{
    JobEntry entry {job, {}};
    if (job.isTriggered()) {
        // The server does not say when it runs next: the schedule does, read in its zone. A
        // recurrence counts from the job's creation, which the server does not tell either; now
        // stands in for it.
        const Schedule schedule = Schedule::fromSettings(job.settings());
        if (!schedule.isNone() && schedule.isValid()) {
            const QDateTime now = QDateTime::currentDateTimeUtc();
            const QDateTime next = schedule.next(now, now);
            if (next.isValid())
                entry.nextRun = Instant::fromDateTime(next);
        }
    }
    return entry;
}

void RemoteJobService::remember(const Job& job)
{
    const QString key = JobEntry::keyOf(job.type(), job.name());
    const auto it = m_index.constFind(key);
    if (it != m_index.cend()) {
        m_jobs[*it] = job;
        return;
    }
    // Triggered jobs come first, as the server lists them.
    qsizetype position = m_jobs.size();
    if (job.isTriggered()) {
        position = 0;
        while (position < m_jobs.size() && m_jobs.at(position).isTriggered())
            ++position;
    }
    m_jobs.insert(position, job);
    m_index.clear();
    for (qsizetype i = 0; i < m_jobs.size(); ++i)
        m_index.insert(JobEntry::keyOf(m_jobs.at(i).type(), m_jobs.at(i).name()), i);
}

void RemoteJobService::forget(JobType type, const QString& name)
{
    const auto it = m_index.constFind(JobEntry::keyOf(type, name));
    if (it == m_index.cend())
        return;
    m_jobs.removeAt(*it);
    m_index.clear();
    for (qsizetype i = 0; i < m_jobs.size(); ++i)
        m_index.insert(JobEntry::keyOf(m_jobs.at(i).type(), m_jobs.at(i).name()), i);
}

void RemoteJobService::applyList(const QList<Job>& jobs, bool signal)
{
    const QList<Job> previous = m_jobs;
    const QHash<QString, qsizetype> previousIndex = m_index;
    m_jobs = jobs;
    m_index.clear();
    m_index.reserve(jobs.size());
    for (qsizetype i = 0; i < jobs.size(); ++i)
        m_index.insert(JobEntry::keyOf(jobs.at(i).type(), jobs.at(i).name()), i);
    if (!signal)
        return;

    // Without an event stream nothing says that a run started or ended: the latest runs do.
    const bool deriveRuns = !m_capabilities.testFlag(Capability::LiveChanges);
    QList<JobEntry> added;
    QList<JobEntry> changed;
    QList<JobRun> started;
    QList<JobRun> finished;
    QStringList crashLooping;
    for (const Job& job : jobs) {
        const QString key = JobEntry::keyOf(job.type(), job.name());
        if (m_adding.contains(key))
            continue;
        const auto it = previousIndex.constFind(key);
        if (it == previousIndex.cend()) {
            added.append(entryOf(job));
            continue;
        }
        const Job& before = previous.at(*it);
        if (before == job)
            continue;
        changed.append(entryOf(job));
        if (enteredCrashLoop(job))
            crashLooping.append(job.name());
        if (!deriveRuns)
            continue;
        const std::optional<JobRun> was = before.latestRun();
        const std::optional<JobRun> now = job.latestRun();
        if (!now)
            continue;
        const bool newRun = !was || was->id() != now->id();
        if (newRun && isActiveRun(now))
            started.append(*now);
        else if (!isActiveRun(now) && (newRun || isActiveRun(was)))
            finished.append(*now);
    }
    for (auto it = previousIndex.cbegin(); it != previousIndex.cend(); ++it) {
        if (!m_index.contains(it.key()) && !m_adding.contains(it.key()))
            Q_EMIT jobRemoved(previous.at(it.value()).type(), previous.at(it.value()).name());
    }
    for (const JobEntry& entry : std::as_const(added))
        Q_EMIT jobAdded(entry);
    if (!changed.isEmpty())
        Q_EMIT jobsChanged(changed);
    for (const JobRun& run : std::as_const(started))
        Q_EMIT runStarted(run);
    for (const JobRun& run : std::as_const(finished)) {
        Q_EMIT runFinished(run);
        if (run.status() == JobStatus::Failed)
            Q_EMIT runFailed(run);
    }
    for (const QString& name : std::as_const(crashLooping))
        Q_EMIT crashLoopEntered(name);
}

bool RemoteJobService::enteredCrashLoop(const Job& job)
{
    // The host keeps restarting a crash-looping job, which goes Starting, Running and back to
    // CrashLoop after each fast exit; it reports the loop once, until the job is stopped or
    // restarted (ContinuousJobRunner). The same here: once per loop, not at every return.
    if (!job.isContinuous())
        return false;
    switch (job.status()) {
    case JobStatus::CrashLoop:
        if (m_crashLooping.contains(job.name()))
            return false;
        m_crashLooping.insert(job.name());
        return true;
    case JobStatus::Stopped:
    case JobStatus::Stopping:
    case JobStatus::Disabling:
        m_crashLooping.remove(job.name());
        return false;
    default:
        return false;
    }
}

void RemoteJobService::onEvent(const ClientEvent& event)
{
    const QString key = JobEntry::keyOf(event.type, event.name);
    if (event.kind == u"jobAdded" || event.kind == u"jobChanged") {
        if (!m_adding.contains(key))
            queueChange(event.type, event.name);
    } else if (event.kind == u"jobRemoved") {
        if (m_adding.contains(key))
            return;
        // A fetch in flight read the job before it went: its answer must not bring it back.
        if (m_flushing)
            m_removedWhileFlushing.insert(key);
        if (m_pendingKeys.remove(key))
            m_pending.removeIf([&](const auto& item) { return item.first == event.type && item.second == event.name; });
        if (m_index.contains(key)) {
            forget(event.type, event.name);
            Q_EMIT jobRemoved(event.type, event.name);
        }
    } else if (event.kind == u"runStarted" && event.run) {
        Q_EMIT runStarted(*event.run);
    } else if (event.kind == u"runFinished" && event.run) {
        Q_EMIT runFinished(*event.run);
        if (event.run->status() == JobStatus::Failed)
            Q_EMIT runFailed(*event.run);
    }
}

void RemoteJobService::queueChange(JobType type, const QString& name)
{
    const QString key = JobEntry::keyOf(type, name);
    if (!m_pendingKeys.contains(key)) {
        m_pendingKeys.insert(key);
        m_pending.append({type, name});
    }
    // The events that arrived together are fetched together, at the next turn of the loop.
    if (!m_flushScheduled && !m_flushing) {
        m_flushScheduled = true;
        QMetaObject::invokeMethod(this, &RemoteJobService::flushChanges, Qt::QueuedConnection);
    }
}

void RemoteJobService::flushChanges()
{
    m_flushScheduled = false;
    if (m_flushing || m_pending.isEmpty())
        return;
    m_flushing = true;
    const auto done = [this] {
        m_flushing = false;
        m_removedWhileFlushing.clear();
        if (!m_pending.isEmpty() && !m_flushScheduled) {
            m_flushScheduled = true;
            QMetaObject::invokeMethod(this, &RemoteJobService::flushChanges, Qt::QueuedConnection);
        }
    };
    if (m_pending.size() > ListRefreshThreshold) {
        m_pending.clear();
        m_pendingKeys.clear();
        m_client->jobs({}, m_listTag).then(this, [this, done](const ClientResult<QList<Job>>& list) {
            if (list.status != 304 && list.ok()) {
                m_listTag = list.etag;
                QList<Job> jobs = list.value;
                jobs.removeIf([this](const Job& job) {
                    return m_removedWhileFlushing.contains(JobEntry::keyOf(job.type(), job.name()));
                });
                applyList(jobs, true);
            } else if (!list.ok()) {
                examine(list.status, list.error);
            }
            done();
        });
        return;
    }

    const QList<std::pair<JobType, QString>> batch = std::exchange(m_pending, {});
    m_pendingKeys.clear();
    struct Gathered
    {
        QList<std::pair<std::pair<JobType, QString>, ClientResult<std::optional<Job>>>> answers;
        qsizetype remaining = 0;
    };
    auto gathered = std::make_shared<Gathered>();
    gathered->remaining = batch.size();
    for (const auto& item : batch) {
        m_client->job(item.first, item.second)
            .then(this, [this, gathered, item, done](const ClientResult<std::optional<Job>>& answer) {
                gathered->answers.append({item, answer});
                if (--gathered->remaining > 0)
                    return;
                QList<JobEntry> changed;
                for (const auto& [key, result] : std::as_const(gathered->answers)) {
                    const auto [type, name] = key;
                    if (!result.ok()) {
                        examine(result.status, result.error);
                        continue;
                    }
                    const QString entryKey = JobEntry::keyOf(type, name);
                    // Removed since it was asked for (a job made again meanwhile is fetched anew:
                    // its event waits for the next batch).
                    if (m_adding.contains(entryKey) || m_removedWhileFlushing.contains(entryKey))
                        continue;
                    const auto known = m_index.constFind(entryKey);
                    if (!result.value) {
                        if (known != m_index.cend()) {
                            forget(type, name);
                            Q_EMIT jobRemoved(type, name);
                        }
                        continue;
                    }
                    const Job& job = *result.value;
                    if (known == m_index.cend()) {
                        remember(job);
                        Q_EMIT jobAdded(entryOf(job));
                        continue;
                    }
                    remember(job);
                    changed.append(entryOf(job));
                    if (enteredCrashLoop(job))
                        Q_EMIT crashLoopEntered(job.name());
                }
                if (!changed.isEmpty())
                    Q_EMIT jobsChanged(changed);
                done();
            });
    }
}

// ---------------------------------------------------------------------------------------------
// Schedules for servers without `recurrence`

std::optional<JobSettings> RemoteJobService::settingsForServer(const JobSettings& settings, ServiceError* error) const
{
    const Schedule schedule = Schedule::fromSettings(settings);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QString problem = schedule.errorString();
    if (problem.isEmpty())
        problem = schedule.validate(now);
    if (!problem.isEmpty()) {
        *error = {ServiceError::Code::BadRequest, problem};
        return std::nullopt;
    }
    if (m_capabilities.testFlag(Capability::Recurrence) || schedule.isNone())
        return settings;

    // A Kudu site: it reads `schedule` alone, in its own time zone.
    const bool utc = schedule.timeZone() == QTimeZone::utc() || schedule.timeZoneName().isEmpty()
        || schedule.timeZoneName() == u"UTC" || schedule.timeZoneName() == u"Etc/UTC";
    if (schedule.kind() == Schedule::Kind::Cron) {
        if (!utc) {
            *error = {ServiceError::Code::BadRequest,
                tr("%1 reads its schedule in its own time zone (UTC unless its app setting WEBSITE_TIME_ZONE says "
                   "otherwise), not in %2. Choose UTC and give the times in UTC.")
                    .arg(displayName(), schedule.timeZoneName())};
            return std::nullopt;
        }
        return settings;
    }
    QString why;
    const std::optional<QString> cron = CronConversion::toCron(*schedule.recurrence(), now, &why);
    if (!cron) {
        *error = {ServiceError::Code::BadRequest,
            tr("%1 only understands NCRONTAB schedules, and this one cannot be written as one. %2")
                .arg(displayName(), why)};
        return std::nullopt;
    }
    JobSettings converted = settings;
    converted.setRecurrence(std::nullopt);
    converted.setTimeZone({});
    converted.setSchedule(*cron);
    return converted;
}

// ---------------------------------------------------------------------------------------------
// JobService

QFuture<QList<JobEntry>> RemoteJobService::jobs()
{
    return m_client->jobs({}, m_listTag).then(this, [this](const ClientResult<QList<Job>>& list) {
        if (list.status != 304) {
            if (!list.ok()) {
                examine(list.status, list.error);
                return QList<JobEntry>();
            }
            m_listTag = list.etag;
            // A caller's list brings news for the other views too.
            applyList(list.value, m_state == State::Ready || m_state == State::Reconnecting);
        }
        QList<JobEntry> entries;
        entries.reserve(m_jobs.size());
        for (const Job& job : std::as_const(m_jobs))
            entries.append(entryOf(job));
        return entries;
    });
}

QFuture<std::optional<JobEntry>> RemoteJobService::job(JobType type, const QString& name)
{
    return m_client->job(type, name).then(this, [this](const ClientResult<std::optional<Job>>& result) {
        if (!result.ok()) {
            examine(result.status, result.error);
            return std::optional<JobEntry>();
        }
        if (!result.value)
            return std::optional<JobEntry>();
        return std::optional<JobEntry>(entryOf(*result.value));
    });
}

AddJobOperation* RemoteJobService::addJob(
    JobType type, const QString& name, const QString& sourcePath, bool isZip, const JobSettings& settings)
{
    auto* operation = new AddJobOperation(this);
    QPointer<AddJobOperation> guard(operation);
    const auto finishLater = [guard](const ServiceError& error, const Job& job = {}) {
        QMetaObject::invokeMethod(
            guard.data(),
            [guard, error, job] {
                if (guard)
                    guard->reportFinished(error, job);
            },
            Qt::QueuedConnection);
    };

    std::optional<JobSettings> prepared;
    if (!settings.isEmpty()) {
        ServiceError problem;
        prepared = settingsForServer(settings, &problem);
        if (!prepared) {
            finishLater(problem);
            return operation;
        }
    }
    const QString key = JobEntry::keyOf(type, name);
    const QFileInfo source(sourcePath);
    const QString fileName = source.fileName();
    const qint64 fileSize = source.size();
    if (prepared)
        m_adding.insert(key);

    // The upload starts at the next turn of the event loop, so that a cancel() right away
    // sends nothing; later, it aborts the transfer.
    struct Upload
    {
        bool cancelled = false;
        bool answered = false;
        std::function<void()> abort;
    };
    auto upload = std::make_shared<Upload>();
    operation->setCancelHandler([this, upload, guard, key, fileName] {
        // Once the server has answered, the job is being set up: that ends by itself.
        if (upload->answered || upload->cancelled)
            return;
        upload->cancelled = true;
        if (upload->abort)
            upload->abort();
        m_adding.remove(key);
        QMetaObject::invokeMethod(
            this,
            [guard, fileName] {
                if (guard)
                    guard->reportFinished(
                        {ServiceError::Code::BadRequest, tr("The upload of %1 was cancelled.").arg(fileName)}, {});
            },
            Qt::QueuedConnection);
    });

    // The job as the server finally has it: announced once, then the operation finishes.
    const auto complete = [this, guard, key, type, name](const Job& uploaded) {
        m_client->job(type, name).then(this, [this, guard, key, uploaded](const ClientResult<std::optional<Job>>& got) {
            m_adding.remove(key);
            const Job job = got.ok() && got.value ? *got.value : uploaded;
            const bool known = m_index.contains(key);
            remember(job);
            if (!known)
                Q_EMIT jobAdded(entryOf(job));
            else
                Q_EMIT jobsChanged({entryOf(job)});
            if (guard)
                guard->reportFinished({}, job);
        });
    };

    const auto uploaded = [this, guard, upload, prepared, key, type, name, fileName, fileSize, complete](
                              const ClientResult<Job>& result) {
        if (upload->cancelled)
            return;
        upload->answered = true;
        if (!result.ok()) {
            m_adding.remove(key);
            ServiceError error = examine(result.status, result.error);
            if (result.status == 0) {
                error.message = tr("The upload of %1 could not finish: %2 The job was not changed; add it again once "
                                   "the connection is back.")
                                    .arg(fileName, result.error.message);
            } else if (result.status == 413) {
                error.message = tr("The package %1 (%2) is larger than %3 accepts: make it smaller, or raise the "
                                   "agent's --max-upload-size.")
                                    .arg(fileName, QLocale().formattedDataSize(fileSize), displayName());
            }
            if (guard)
                guard->reportFinished(error, {});
            return;
        }
        if (!prepared) {
            complete(result.value);
            return;
        }
        // The given settings replace those of the package key by key, and the given schedule
        // replaces the package's, whichever kinds they are (as the local host does).
        m_client->settings(type, name)
            .then(this,
                [this, guard, prepared, key, type, name, uploaded = result.value, complete](
                    const ClientResult<JobSettings>& current) {
                    JobSettings merged = current.ok() ? current.value : JobSettings();
                    if (prepared->contains(u"schedule"_s) || prepared->contains(u"recurrence"_s)) {
                        merged.remove(u"schedule"_s);
                        merged.remove(u"recurrence"_s);
                    }
                    for (const QString& setting : prepared->keys())
                        merged.setValue(setting, prepared->toOrderedJson().value(setting));
                    m_client->setSettings(type, name, merged)
                        .then(this,
                            [this, guard, key, type, name, uploaded, complete](const ClientResult<bool>& written) {
                                if (written.ok()) {
                                    complete(uploaded);
                                    return;
                                }
                                // Nothing half-created: a job whose settings were refused goes again.
                                const ServiceError error = examine(written.status, written.error);
                                m_client->deleteJob(type, name)
                                    .then(this, [this, guard, key, type, name, error](const ClientResult<bool>&) {
                                        m_adding.remove(key);
                                        if (m_index.contains(key)) {
                                            forget(type, name);
                                            Q_EMIT jobRemoved(type, name);
                                        }
                                        if (guard)
                                            guard->reportFinished(error, {});
                                    });
                            });
                });
    };
    QMetaObject::invokeMethod(
        this,
        [this, upload, guard, type, name, sourcePath, isZip, uploaded] {
            if (upload->cancelled)
                return;
            m_client
                ->upload(
                    type, name, sourcePath, isZip,
                    [guard](qint64 sent, qint64 total) {
                        if (guard)
                            guard->reportProgress(sent, total);
                    },
                    &upload->abort)
                .then(this, uploaded);
        },
        Qt::QueuedConnection);
    return operation;
}

QFuture<ServiceReply> RemoteJobService::deleteJob(JobType type, const QString& name)
{
    return m_client->deleteJob(type, name).then(this, [this, type, name](const ClientResult<bool>& result) {
        if (!result.ok())
            return ServiceReply {examine(result.status, result.error), {}};
        if (m_index.contains(JobEntry::keyOf(type, name))) {
            forget(type, name);
            Q_EMIT jobRemoved(type, name);
        }
        return ServiceReply {};
    });
}

QString RemoteJobService::jobRunText(const QString& name) const
{
    if (m_capabilities.testFlag(Capability::AbortRun))
        return tr("The job %1 is already running: wait for its run to end, or abort it, then run it again.").arg(name);
    return tr("The job %1 is already running: wait for its run to end, then run it again.").arg(name);
}

QFuture<ServiceReply> RemoteJobService::triggerRun(const QString& name, const QString& arguments)
{
    return m_client->triggerRun(name, arguments).then(this, [this, name](const ClientResult<QString>& result) {
        if (result.ok())
            return ServiceReply {{}, result.value};
        ServiceError error = examine(result.status, result.error);
        if (result.status == 409 && error.code == ServiceError::Code::Conflict)
            error.message = jobRunText(name);
        else if (result.status == 409 && error.code == ServiceError::Code::Stopped)
            error.message = tr("The WebJobs of %1 are stopped (its WEBJOBS_STOPPED setting is on): turn that setting "
                               "off to run jobs.")
                                .arg(displayName());
        return ServiceReply {error, {}};
    });
}

QFuture<ServiceReply> RemoteJobService::abortRun(const QString& name, const QString& runId)
{
    if (!m_capabilities.testFlag(Capability::AbortRun)) {
        return readyFuture(ServiceReply::failure(ServiceError::Code::BadRequest,
            tr("%1 cannot abort a run: Kudu has no such request. Wait for the run to end, or stop its process on the "
               "server.")
                .arg(displayName())));
    }
    return m_client->abortRun(name, runId, tr("aborted by the user")).then(this, [this](const ClientResult<bool>& r) {
        return ServiceReply {examine(r.status, r.error), {}};
    });
}

QFuture<ServiceReply> RemoteJobService::startContinuous(const QString& name)
{
    return m_client->startContinuous(name).then(this, [this](const ClientResult<bool>& r) {
        return ServiceReply {examine(r.status, r.error), {}};
    });
}

QFuture<ServiceReply> RemoteJobService::stopContinuous(const QString& name)
{
    return m_client->stopContinuous(name).then(this, [this](const ClientResult<bool>& r) {
        return ServiceReply {examine(r.status, r.error), {}};
    });
}

QFuture<JobSettings> RemoteJobService::settings(JobType type, const QString& name)
{
    return m_client->settings(type, name).then(this, [this](const ClientResult<JobSettings>& result) {
        if (!result.ok()) {
            examine(result.status, result.error);
            return JobSettings();
        }
        return result.value;
    });
}

QFuture<ServiceReply> RemoteJobService::setSettings(JobType type, const QString& name, const JobSettings& settings)
{
    ServiceError problem;
    const std::optional<JobSettings> prepared = settingsForServer(settings, &problem);
    if (!prepared)
        return readyFuture(ServiceReply {problem, {}});
    return m_client->setSettings(type, name, *prepared).then(this, [this](const ClientResult<bool>& r) {
        return ServiceReply {examine(r.status, r.error), {}};
    });
}

QFuture<HistoryPage> RemoteJobService::history(const QString& name, int offset, int limit)
{
    return m_client->history(name, offset, limit)
        .then(this, [this, offset](const ClientResult<AgentClient::History>& result) {
            if (!result.ok()) {
                examine(result.status, result.error);
                return HistoryPage {{}, offset, 0};
            }
            return HistoryPage {result.value.runs, offset, result.value.total};
        });
}

QFuture<std::optional<JobRun>> RemoteJobService::run(const QString& name, const QString& runId)
{
    return m_client->run(name, runId).then(this, [this](const ClientResult<std::optional<JobRun>>& result) {
        if (!result.ok()) {
            examine(result.status, result.error);
            return std::optional<JobRun>();
        }
        return result.value;
    });
}

QUrl RemoteJobService::logUrl(JobType type, const QString& name, const QString& runId) const
{
    const JobUrls urls(m_options.url.toString(QUrl::FullyEncoded | QUrl::RemoveUserInfo | QUrl::RemoveQuery));
    if (type == JobType::Continuous || runId.isEmpty())
        return QUrl(urls.continuousLog(name));
    return QUrl(urls.runOutput(name, runId));
}

QFuture<QByteArray> RemoteJobService::readLog(
    JobType type, const QString& name, const QString& runId, qint64 offset, qint64 maxBytes)
{
    return m_client->readRange(logUrl(type, name, runId), offset, maxBytes)
        .then(this, [this](const ClientResult<QByteArray>& result) {
            // A log not written yet (404) reads as empty, as a local file that does not exist.
            if (!result.ok() && result.error.code != ServiceError::Code::NotFound)
                examine(result.status, result.error);
            return result.ok() ? result.value : QByteArray();
        });
}

QFuture<LogInfo> RemoteJobService::logInfo(JobType type, const QString& name, const QString& runId)
{
    // One byte by range: the answer's Content-Range gives the whole log's size (416, for an
    // empty log, still does).
    return m_client->readRange(logUrl(type, name, runId), 0, 1)
        .then(this, [this](const ClientResult<QByteArray>& result) {
            LogInfo info;
            if (result.ok()) {
                info.size = result.size >= 0 ? result.size : result.value.size();
                return info;
            }
            if (result.error.code != ServiceError::Code::NotFound)
                examine(result.status, result.error);
            info.error = result.error;
            return info;
        });
}

QFuture<ServiceReply> RemoteJobService::saveLog(
    JobType type, const QString& name, const QString& runId, const QString& destination)
{
    auto* copy = new LogCopy(
        m_client, logUrl(type, name, runId), destination,
        [this](int status, const ServiceError& error) { return examine(status, error); }, this);
    return copy->start();
}

} // namespace WebJobs
