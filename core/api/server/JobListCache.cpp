#include "core/api/server/JobListCache.h"

#include "core/host/JobHost.h"
#include "core/util/EntityTag.h"

#include <deque>

using namespace Qt::StringLiterals;

namespace WebJobs {

namespace {

constexpr std::size_t MaxBases = 8;

bool isActive(const Job& job)
{
    if (!job.latestRun())
        return false;
    const JobStatus status = job.latestRun()->status();
    return status == JobStatus::Running || status == JobStatus::Initializing;
}

} // namespace

JobListCache::JobListCache(JobHost* host, std::chrono::milliseconds maxAge, QObject* parent)
    : QObject(parent)
    , m_host(host)
    , m_maxAge(maxAge.count())
{
    m_clock.start();
    connect(host, &JobHost::jobAdded, this, [this](JobType type, const QString& name) { addJob(type, name); });
    connect(host, &JobHost::jobRemoved, this, [this](JobType type, const QString& name) { removeJob(type, name); });
    connect(host, &JobHost::jobChanged, this, [this](JobType type, const QString& name) { dropJob(type, name); });
    connect(
        host, &JobHost::runStarted, this, [this](const JobRun& run) { dropJob(JobType::Triggered, run.jobName()); });
    connect(
        host, &JobHost::runFinished, this, [this](const JobRun& run) { dropJob(JobType::Triggered, run.jobName()); });
}

void JobListCache::clear()
{
    m_bases.clear();
}

void JobListCache::dropJob(JobType type, const QString& name)
{
    for (auto& [base, caches] : m_bases)
        caches[typeIndex(type)].entries.erase(name);
}

void JobListCache::addJob(JobType type, const QString& name)
{
    // The host lists jobs by name (std::map order): keep that order; the entry is built on
    // the next list.
    for (auto& [base, caches] : m_bases) {
        TypeCache& cache = caches[typeIndex(type)];
        cache.entries.erase(name);
        const auto position = std::lower_bound(cache.names.begin(), cache.names.end(), name);
        if (position == cache.names.end() || *position != name)
            cache.names.insert(position, name);
    }
}

void JobListCache::removeJob(JobType type, const QString& name)
{
    for (auto& [base, caches] : m_bases) {
        TypeCache& cache = caches[typeIndex(type)];
        cache.entries.erase(name);
        cache.names.removeOne(name);
    }
}

JobListCache::Entry JobListCache::makeEntry(const Job& job) const
{
    Entry entry;
    entry.job = job;
    entry.json = job.toJson();
    entry.hash = EntityTag::hash(entry.json);
    entry.builtAt = m_clock.elapsed();
    entry.running = isActive(job);
    return entry;
}

JobListCache::TypeCache& JobListCache::refreshed(JobType type, const JobUrls& urls)
{
    if (!m_bases.count(urls.base()) && m_bases.size() >= MaxBases)
        m_bases.clear();
    TypeCache& cache = m_bases[urls.base()][typeIndex(type)];
    const qint64 now = m_clock.elapsed();
    if (!cache.complete) {
        const QList<Job> jobs = m_host->jobs(type, urls);
        const qint64 count = std::max<qint64>(jobs.size(), 1);
        for (qsizetype i = 0; i < jobs.size(); ++i) {
            Entry entry = makeEntry(jobs.at(i));
            // Spread the ages, so that entries expire a few at a time rather than all at once.
            entry.builtAt = now - m_maxAge * i / count;
            cache.names.append(jobs.at(i).name());
            cache.entries.emplace(jobs.at(i).name(), std::move(entry));
        }
        cache.complete = true;
        return cache;
    }
    for (const QString& name : std::as_const(cache.names)) {
        const auto it = cache.entries.find(name);
        if (it != cache.entries.end() && now - it->second.builtAt <= m_maxAge)
            continue;
        if (const std::optional<Job> job = m_host->job(type, name, urls))
            cache.entries.insert_or_assign(name, makeEntry(*job));
        else
            cache.entries.erase(name);
    }
    return cache;
}

JobListCache::Listing JobListCache::list(std::optional<JobType> type, const JobUrls& urls, bool withBody)
{
    if (m_maxAge <= 0)
        m_bases.clear(); // no cache: every list is built from the host
    QList<JobType> types;
    if (type)
        types.append(*type);
    else
        types = {JobType::Triggered, JobType::Continuous};

    const Instant now = m_host->context().now();
    quint64 hash = EntityTag::Seed;
    qsizetype size = 2;
    QList<const QByteArray*> parts;
    std::deque<QByteArray> fresh; // JSON of running jobs, made now (stable addresses)
    for (const JobType each : types) {
        TypeCache& cache = refreshed(each, urls);
        for (const QString& name : std::as_const(cache.names)) {
            const auto it = cache.entries.find(name);
            if (it == cache.entries.end())
                continue;
            const Entry& entry = it->second;
            if (entry.running) {
                Job job = entry.job;
                JobRun run = *job.latestRun();
                run.setDuration(run.elapsed(now));
                job.setLatestRun(run);
                fresh.push_back(job.toJson());
                hash = EntityTag::hash(fresh.back(), hash);
                parts.append(&fresh.back());
            } else {
                const quint64 value = entry.hash;
                hash = EntityTag::hash(QByteArrayView(reinterpret_cast<const char*>(&value), sizeof value), hash);
                parts.append(&entry.json);
            }
            size += entry.json.size() + 1;
        }
    }
    Listing listing;
    listing.etag = EntityTag::fromHash(hash);
    if (!withBody)
        return listing;
    listing.body.reserve(size + 64);
    listing.body += '[';
    for (qsizetype i = 0; i < parts.size(); ++i) {
        if (i > 0)
            listing.body += ',';
        listing.body += *parts.at(i);
    }
    listing.body += ']';
    return listing;
}

} // namespace WebJobs
