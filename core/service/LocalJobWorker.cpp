#include "core/service/LocalJobWorker.h"

#include <QTimer>

namespace WebJobs {

LocalJobWorker::LocalJobWorker(HostOptions options, QObject* parent)
    : QObject(parent)
    , m_options(std::move(options))
{ }

LocalJobWorker::~LocalJobWorker() = default;

JobEntry LocalJobWorker::entry(const Job& job) const
{
    JobEntry result {job, {}};
    if (m_host && job.isTriggered())
        result.nextRun = m_host->nextScheduledRun(job.name());
    return result;
}

void LocalJobWorker::beginAdd(JobType type, const QString& name)
{
    m_adding.insert(JobEntry::keyOf(type, name));
}

void LocalJobWorker::endAdd(JobType type, const QString& name)
{
    m_adding.remove(JobEntry::keyOf(type, name));
    if (const std::optional<Job> job = m_host->job(type, name))
        Q_EMIT jobAdded(entry(*job));
    else
        Q_EMIT jobRemoved(type, name);
}

void LocalJobWorker::open()
{
    m_flushTimer = new QTimer(this);
    m_flushTimer->setSingleShot(true);
    m_flushTimer->setInterval(FlushInterval);
    connect(m_flushTimer, &QTimer::timeout, this, &LocalJobWorker::flushChanges);

    auto host = std::make_unique<JobHost>(m_options);
    QString error;
    if (!host->open(&error)) {
        Q_EMIT opened(false, error);
        return;
    }
    m_host = std::move(host);
    JobHost* h = m_host.get();
    connect(h, &JobHost::jobAdded, this, [this](JobType type, const QString& name) {
        if (m_adding.contains(JobEntry::keyOf(type, name)))
            return;
        if (const std::optional<Job> job = m_host->job(type, name))
            Q_EMIT jobAdded(entry(*job));
    });
    connect(h, &JobHost::jobRemoved, this, [this](JobType type, const QString& name) {
        const QString key = JobEntry::keyOf(type, name);
        if (m_adding.contains(key))
            return;
        if (m_pendingKeys.remove(key))
            m_pending.removeIf([&](const auto& item) { return item.first == type && item.second == name; });
        Q_EMIT jobRemoved(type, name);
    });
    connect(h, &JobHost::jobChanged, this, &LocalJobWorker::queueChange);
    connect(h, &JobHost::runStarted, this, &LocalJobWorker::runStarted);
    connect(h, &JobHost::runFinished, this, &LocalJobWorker::runFinished);
    connect(h, &JobHost::runFailed, this, &LocalJobWorker::runFailed);
    connect(h, &JobHost::crashLoopEntered, this, &LocalJobWorker::crashLoopEntered);
    connect(h, &JobHost::stopped, this, &LocalJobWorker::stopped);
    Q_EMIT opened(true, {});
}

void LocalJobWorker::queueChange(JobType type, const QString& name)
{
    const QString key = JobEntry::keyOf(type, name);
    if (m_pendingKeys.contains(key) || m_adding.contains(key))
        return;
    m_pendingKeys.insert(key);
    m_pending.append({type, name});
    if (!m_flushTimer->isActive())
        m_flushTimer->start();
}

void LocalJobWorker::flushChanges()
{
    if (!m_host)
        return;
    QList<JobEntry> entries;
    entries.reserve(m_pending.size());
    for (const auto& [type, name] : std::as_const(m_pending)) {
        if (const std::optional<Job> job = m_host->job(type, name))
            entries.append(entry(*job));
    }
    m_pending.clear();
    m_pendingKeys.clear();
    if (!entries.isEmpty())
        Q_EMIT jobsChanged(entries);
}

} // namespace WebJobs
