#pragma once

// The job engine: the console's embedded local host and what the webjobs-agent serves.
//
//     JobHost ── JobStore (index and durable state: jobs, runs, schedules, processes)
//        ├── TriggeredJobRunner per triggered job ── JobProcess ── output_log.txt
//        ├── ContinuousJobRunner per continuous job ── JobProcess ── job_log.txt
//        └── JobScheduler (one timer for every schedule)
//
// Packages live in Kudu's layout under <data>/site/wwwroot/App_Data/jobs, runs and logs under
// <data>/data/jobs (JobPaths.h): a Kudu site's job folders and ours are interchangeable.
//
// One folder, one host: open() takes a lock on the data folder for this instance (a hidden
// .webjobs-host-<instance>.lock, released once shutdown() has stopped everything, when the host
// goes, or when its process dies), so that the console, an agent and the command line never
// run the jobs of one folder at once; the second host's open() fails with a sentence naming
// the program that holds it.
//
// Nothing is lost: open() closes the runs a previous host left Running as Aborted ("agent
// restarted"), kills the processes it left behind, starts the continuous jobs again and fires
// the schedules that fell due (per their misfire policy). Changes made through the host
// (upload, settings, start/stop) take effect at once.
//
// Nothing is lost silently either. A store write that fails is reported through StoreFailures
// (logged under `webjobs.host`, signalled by storeFailed(), shown in the job's `error` until
// the database takes it; see StoreFailures.h for what is retried). A folder under a binaries
// root that cannot be loaded as a job (an invalid name, no runnable script, a store that
// refuses it) is listed by jobs() and job() with the reason in `error` and no URLs, and logged;
// it has no runner, so running or starting it answers NotFound. An unreadable or invalid
// settings.job is shown in the job's `error` too (the job then runs without its settings, as
// Kudu runs it). Hidden folders (such as the importer's staging folders) are not jobs.
//
// Threading: a JobHost and everything it owns live in one thread (the console's host thread or
// the agent's main thread); call it only from there. Imports run on the thread pool and report
// back through their ImportOperation in the host's thread. URLs are not filled in unless the
// caller passes its JobUrls. Job folders changed on disk by other means (a deployment, a copy,
// an edited settings.job or disable.job) are picked up a second after the last change.

#include "core/host/HostContext.h"
#include "core/host/ImportOperation.h"
#include "core/model/Job.h"
#include "core/model/JobRun.h"
#include "core/model/JobSettings.h"
#include "core/model/JobUrls.h"
#include "core/model/ServiceError.h"
#include "core/package/PackageImporter.h"
#include "core/store/RunRecord.h"

#include <QFileSystemWatcher>
#include <QFutureWatcher>
#include <QLockFile>
#include <QObject>
#include <QTimer>

#include <atomic>
#include <chrono>
#include <map>
#include <memory>

namespace WebJobs {

class ClusterMember;
class ContinuousJobRunner;
class JobScheduler;
class JobStore;
class StoreFailures;
class TriggeredJobRunner;

class JobHost : public QObject
{
    Q_OBJECT

public:
    explicit JobHost(HostOptions options, QObject* parent = nullptr);
    // Kills every job process at once; call shutdown() first for a graceful stop.
    ~JobHost() override;

    // Opens the store, recovers from a previous crash, loads the jobs, starts the continuous
    // ones and the scheduler. False with a sentence in `error` when the data folder or the
    // database cannot be used.
    bool open(QString* error);
    bool isOpen() const { return m_store != nullptr; }

    const HostContext& context() const { return *m_context; }
    QString instance() const { return m_context->instance; }
    JobStore* store() const { return m_store.get(); }

    // Jobs, triggered first then continuous, each by name, folders that cannot be loaded
    // included (with their `error`). With non-null `urls` their URLs are filled in
    // (scheduler_logs_url and output_url only where the file exists).
    QList<Job> jobs(const JobUrls& urls = {}) const;
    QList<Job> jobs(JobType type, const JobUrls& urls = {}) const;
    std::optional<Job> job(JobType type, const QString& name, const JobUrls& urls = {}) const;

    // Imports a zip (isZip) or a single script into job `name`, replacing an existing job of
    // that type only when the new package is good. The operation is owned by the host and
    // deleted after finished().
    ImportOperation* addJob(
        JobType type, const QString& name, const QString& sourcePath, const QString& fileName, bool isZip);
    // Several instances on one database (ClusterMember.h); null with SQLite.
    ClusterMember* cluster() const { return m_cluster; }
    // Stops and removes a job, its package, runs and logs. Removing an unknown job succeeds.
    void deleteJob(JobType type, const QString& name);

    // Starts a run now; `runId` receives its id. Conflict while a run is active.
    ServiceError triggerRun(const QString& name, const QString& arguments, const QString& trigger, QString* runId);
    // Ends an active run, recorded as Aborted by `who` for `why`.
    ServiceError abortRun(const QString& name, const QString& runId, const QString& who, const QString& why);

    // The loopback port a running continuous job may listen on (WEBJOBS_PORT), which the API
    // forwards passthrough requests to; 0 when the job is unknown or not running.
    quint16 passthroughPort(const QString& name) const;

    ServiceError startContinuous(const QString& name);
    ServiceError stopContinuous(const QString& name);

    // settings.job; {} for an unknown job (as Kudu).
    JobSettings settings(JobType type, const QString& name) const;
    // Replaces settings.job; a triggered job's schedule is rebuilt, a continuous job restarts.
    // BadRequest (with the engine's sentence) when the schedule is invalid.
    ServiceError setSettings(JobType type, const QString& name, const JobSettings& settings);

    // Runs newest first.
    QList<JobRun> history(const QString& name, int offset, int limit, const JobUrls& urls = {}) const;
    qint64 runCount(const QString& name) const;
    std::optional<JobRun> run(const QString& name, const QString& runId, const JobUrls& urls = {}) const;
    // Whether the run's output log can be read here (for a run of another instance, once its
    // copy from the database is written here).
    bool hasRunLog(const JobRun& run) const;
    // A job that is loaded (has a runner); not a folder that cannot be loaded.
    bool hasJob(JobType type, const QString& name) const;
    // The next time the job's schedule fires; null when none.
    Instant nextScheduledRun(const QString& name) const;

    // Stops every job gracefully (continuous: shutdown file, SIGTERM, SIGKILL; triggered:
    // SIGTERM then SIGKILL, recorded as Aborted) within `grace`; stopped() follows.
    void shutdown(std::chrono::milliseconds grace = std::chrono::seconds(30));

    // Re-reads the clock (a ManualClock moved) and fires what is due.
    void reevaluateSchedules();

    TriggeredJobRunner* triggeredRunner(const QString& name) const;
    ContinuousJobRunner* continuousRunner(const QString& name) const;

Q_SIGNALS:
    void jobAdded(WebJobs::JobType type, const QString& name);
    void jobRemoved(WebJobs::JobType type, const QString& name);
    // Status, settings, package or latest run changed.
    void jobChanged(WebJobs::JobType type, const QString& name);
    void runStarted(const WebJobs::JobRun& run);
    void runFinished(const WebJobs::JobRun& run);
    // A triggered run ended Failed (or Aborted by an idle timeout).
    void runFailed(const WebJobs::JobRun& run);
    void crashLoopEntered(const QString& name);
    // The job database refused a write (already logged under `webjobs.host`); an empty `name`
    // for the host's own writes. jobChanged() follows for a job, whose `error` now says it.
    void storeFailed(WebJobs::JobType type, const QString& name, const QString& message);
    void stopped();

private:
    friend class ClusterMember;
    // addJob(); `publish` stores the package in the database for the other instances.
    ImportOperation* importPackage(JobType type, const QString& name, const QString& sourcePath,
        const QString& fileName, bool isZip, bool publish);
    void recover();
    // Closes the runs a previous life of this instance left unfinished (store and run folders).
    bool closeLeftoverRuns();
    void loadJobs();
    // Job folders changed on disk (a deployment, an editor, a copy): picks up new and removed
    // jobs, schedule and enable/disable changes, a second after the last change.
    void rescan();
    void watchJobFolders();
    // Loads the job in its folder. False with a sentence in `error` when it cannot be loaded
    // (`storeRefused` then says whether the store refused it, which is worth another attempt).
    bool registerJob(JobType type, const QString& name, QString* error, bool* storeRefused = nullptr);
    void unregisterJob(JobType type, const QString& name);
    // Records that the folder `name` cannot be loaded as a job, logs it (once per reason) and
    // announces it; clearRejection() forgets it. Neither emits for a loaded job.
    void reject(JobType type, const QString& name, const QString& reason, bool storeRefused);
    bool clearRejection(JobType type, const QString& name);
    bool isRejected(JobType type, const QString& name) const;
    // Loaded or rejected: the job lists show it.
    bool isListed(JobType type, const QString& name) const { return hasJob(type, name) || isRejected(type, name); }
    // Tries again later to load the folders the store refused.
    void retryRejectedLater();
    // Removes the job's record; retried until the database takes it.
    void removeFromStore(JobType type, const QString& name);
    void applySchedule(const QString& name);
    Job buildJob(JobType type, const QString& name, const std::optional<RunRecord>& latest, const JobUrls& urls) const;
    Job buildRejected(JobType type, const QString& name) const;
    JobRun buildRun(const RunRecord& record, const JobUrls& urls) const;
    void checkStopped();

    std::unique_ptr<HostContext> m_context;
    std::unique_ptr<JobStore> m_store;
    // Destroyed before the store its retries write to (and after the runners, which report).
    std::unique_ptr<StoreFailures> m_failures;
    std::unique_ptr<QLockFile> m_folderLock;
    JobScheduler* m_scheduler = nullptr;
    ClusterMember* m_cluster = nullptr;
    std::map<QString, TriggeredJobRunner*> m_triggered;
    std::map<QString, ContinuousJobRunner*> m_continuous;
    std::map<QString, QString> m_runCommands[JobTypeCount];
    // Each job's settings.job as last read, kept while the file's time and size are unchanged:
    // listing 1,000 jobs then costs one stat() per job, not a folder walk and a parse.
    struct CachedSettings
    {
        QString path;
        qint64 modified = -1;
        qint64 size = -1;
        JobSettings settings;
        // Why settings.job could not be used; logged once per change.
        QString error;
    };
    mutable std::map<QString, CachedSettings> m_settingsCache[2];
    const CachedSettings& cachedSettings(JobType type, const QString& name) const;
    // Folders that cannot be loaded as jobs, by name.
    struct Rejection
    {
        QString reason;
        bool storeRefused = false;
    };
    std::map<QString, Rejection> m_rejected[2];
    bool m_shuttingDown = false;
    QFileSystemWatcher* m_watcher = nullptr;
    QTimer* m_rescanTimer = nullptr;
    QTimer* m_registrationRetryTimer = nullptr;
    int m_importsInProgress = 0;
    // The settings each continuous job was started with, to restart it when they change.
    std::map<QString, QByteArray> m_continuousSettings;
};

} // namespace WebJobs
