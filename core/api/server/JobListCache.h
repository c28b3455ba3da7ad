#pragma once

// The JSON of the job lists (GET /api/webjobs, /api/{type}webjobs) kept between requests, as
// Kudu keeps its job list (docs/kudu-webjobs-api.md §2.3.1), so that listing 1,000 jobs costs
// a concatenation instead of 1,000 folder reads and serialisations.
//
// Each job's JSON is cached per base URL with its hash; the list is the concatenation and its
// ETag the hash of the jobs' hashes. The first list of a type is built with JobHost::jobs();
// after that a job's entry is rebuilt alone (JobHost::job()) when the host reports a change to
// it (jobChanged, runStarted, runFinished, jobAdded; jobRemoved drops it). What no signal
// reports (a settings.job edited by hand, an SDK marker, a scheduler log appearing) is caught
// by `maxAge`: an entry older than that is rebuilt; the first build spreads the ages so that
// entries expire a few at a time. A job whose latest run is still running is serialised afresh
// each time (its duration grows).
//
// Lives in the host's thread.

#include "core/model/Job.h"
#include "core/model/JobType.h"
#include "core/model/JobUrls.h"

#include <QElapsedTimer>
#include <QObject>

#include <chrono>
#include <map>
#include <optional>

namespace WebJobs {

class JobHost;

class JobListCache : public QObject
{
    Q_OBJECT

public:
    struct Listing
    {
        QByteArray body;
        QByteArray etag;
    };

    // A `maxAge` of 0 disables the cache.
    JobListCache(JobHost* host, std::chrono::milliseconds maxAge, QObject* parent = nullptr);

    // The JSON array of the jobs of `type` (triggered then continuous when none), URLs from
    // `urls`, with its ETag. With `withBody` false only the ETag is computed (a 304).
    Listing list(std::optional<JobType> type, const JobUrls& urls, bool withBody = true);

    void clear();

private:
    struct Entry
    {
        Job job;
        QByteArray json;
        quint64 hash = 0;
        qint64 builtAt = 0;
        bool running = false;
    };
    struct TypeCache
    {
        bool complete = false;
        QStringList names; // in the host's order
        std::map<QString, Entry> entries;
    };

    TypeCache& refreshed(JobType type, const JobUrls& urls);
    Entry makeEntry(const Job& job) const;
    void dropJob(JobType type, const QString& name);
    void addJob(JobType type, const QString& name);
    void removeJob(JobType type, const QString& name);

    JobHost* m_host;
    qint64 m_maxAge;
    QElapsedTimer m_clock;
    // By base URL, then type index.
    std::map<QString, TypeCache[JobTypeCount]> m_bases;
};

} // namespace WebJobs
