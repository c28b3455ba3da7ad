#pragma once

// What one agent does to share a PostgreSQL job database with others (several machines, one
// site, as Kudu runs a site on several instances). Owned by the JobHost, which creates it only
// for a PostgreSQL database; with SQLite (one agent) none of this runs.
//
// Every `heartbeatInterval` it:
//  - refreshes this instance's heartbeat (registering again when another instance took it for
//    dead during a network or database outage);
//  - reaps each instance whose heartbeat is older than `instanceTimeout`: in one transaction
//    that only one instance wins, its unfinished runs are closed as Aborted ("instance X stopped
//    responding"), its continuous statuses, processes and singleton claims are forgotten;
//    scheduled work needs no hand-over, since every instance claims each due time;
//  - installs the packages uploaded to other instances (and removes the jobs deleted there),
//    from the copies in the database, and applies the settings.job edits and the starts and
//    stops of continuous jobs made there (the database holds both files with the package);
//  - copies the output log of this instance's running runs into the database when it grew, so
//    that the log outlives this machine;
//  - shares the lines its continuous jobs wrote to their logs since the last heartbeat, and
//    appends to each job's log those the other instances shared, so that every instance's
//    job_log.txt holds every instance's lines as Kudu's shared one does (in the order they
//    arrive here: another instance's lines come up to two heartbeats late). Each instance
//    keeps its last ContinuousLogPieces pieces in the database; an instance away for longer
//    says in the log that it missed lines. What it appended is remembered beside the log
//    (.shared-log-positions), so a restart appends nothing twice;
//  - aborts the runs of this instance that another instance was asked to abort (the request
//    is recorded on the run);
//  - tries again to start the singleton continuous jobs that no live instance holds;
//  - compares the latest runs and continuous statuses with the previous look, and announces the
//    jobs that changed elsewhere through the host's jobChanged() (the change feed's source).
//
// Between heartbeats, a change made on this instance is told to the others at once through
// PostgreSQL's NOTIFY on the channel `webjobs_changes`; an instance notified looks for
// packages and changes right away instead of at its next heartbeat.
//
// A database that cannot be reached is said once in the log (webjobs.host) and in
// databaseProblem(); the jobs keep running, the writes wait in StoreFailures, and the store
// reconnects by itself (at most one attempt a second); the first good heartbeat says so and
// replays what waited. While this instance has not been connected for a whole
// `instanceTimeout`, it reaps nobody: after an outage every heartbeat is old, and the others
// need a moment to refresh theirs. TestClusterPostgres::databaseOutageIsSurvived checks this
// for a connection cut of about 9 s while a run runs.
//
// Threading: lives in the host's thread, as the JobHost.

#include "core/model/Instant.h"
#include "core/store/InstanceRecord.h"
#include "core/store/JobStore.h"

#include <QElapsedTimer>
#include <QObject>
#include <QSet>

#include <map>

class QTimer;

namespace WebJobs {

class JobHost;
struct HostContext;

class ClusterMember : public QObject
{
    Q_OBJECT

public:
    ClusterMember(JobHost* host, HostContext* context, QObject* parent = nullptr);
    ~ClusterMember() override;

    // Installs the packages of the database that this data folder lacks or has in another
    // version, synchronously: called by the host before it loads its jobs.
    void installPackagesNow();
    // Starts the periodic work.
    void start();

    // After an upload on this instance: stores the package for the others. False (logged, with
    // the reason in `error`) when the database refused it.
    bool publishPackage(JobType type, const QString& name, const QString& sourcePath, const QString& fileName,
        bool isZip, QString* error);
    // After a delete on this instance (the database forgets the package with its job).
    void forgetPackage(JobType type, const QString& name);
    // After an operator changed a job's settings.job or started or stopped it on this instance:
    // the others write the same files and apply them (at once when notified, else at their next
    // heartbeat). Logged when the database refuses it.
    void publishJobFiles(JobType type, const QString& name);

    // The pieces of each continuous job's shared log lines kept per instance (JobStore).
    static constexpr qint64 ContinuousLogPieces = 64;

    // Copies a run's output log into the database (at its end, or while it grows).
    void copyRunLog(const QString& jobName, const QString& runId);
    // Makes the log of a run that ran (or runs) on another instance readable here: writes the
    // database's copy into this data folder. A finished run's copy is written once; a running
    // run's is refreshed when the copy grew (its instance copies it at each heartbeat), at most
    // once a second, and is an empty file until the first copy arrives. True when the log is
    // (now) here; a run of this instance is left alone.
    bool mirrorRunLog(const QString& jobName, const QString& runId, JobStatus status, const QString& instance);
    // The same, for a path relative to the data folder as the VFS serves it
    // (data/jobs/triggered/<job>/<run>/output_log.txt); other paths are left alone.
    void mirrorRunLogAt(const QString& vfsPath);

    // True while this member relays what happened on other instances (their runs' starts and
    // ends, through the host's signals): the instance that ran a run fires its web hooks.
    bool isRelaying() const { return m_echoing; }

    // Empty while the database answers; else the sentence that says why it does not.
    QString databaseProblem() const { return m_problem; }
    // The instances registered in the database, as of the last heartbeat.
    QList<InstanceRecord> instances() const { return m_instances; }

    // Runs one round of the periodic work now (tests, and the first round at start()).
    void tick();

    // Something the others should look at changed here (besides the jobs, whose changes are
    // told already): they are notified soon.
    void tellOthers();

Q_SIGNALS:
    // After each look at what the other instances changed (each heartbeat, and when notified):
    // what is shared through the database but kept outside the host (the web hooks) looks too.
    void looked();

private:
    void heartbeat();
    void reapDead();
    void syncPackages();
    void copyGrowingLogs();
    // Aborts the runs of this instance that another instance was asked to abort.
    void abortRequested();
    void announceChanges();
    // A change here: the others are notified soon (several changes, one notification).
    void changedHere();
    void notifiedByOther();
    bool installPackage(const JobStore::Package& package, bool synchronous);
    // What this data folder holds of a job's files, and making it hold the database's.
    JobStore::JobFiles localJobFiles(JobType type, const QString& name) const;
    // True when the folder holds `files` (now or already); false when the job is not loaded or a
    // file cannot be written (logged).
    bool applyJobFiles(JobType type, const QString& name, const JobStore::JobFiles& files);
    // Only writes them (the job is not loaded yet).
    bool writeJobFiles(JobType type, const QString& name, const JobStore::JobFiles& files);
    bool writeSettings(JobType type, const QString& name, const std::optional<QByteArray>& settings);
    QString digestFile() const;
    void loadDigests();
    void saveDigests();
    static QString packageKey(JobType type, const QString& name);

    JobHost* m_host;
    HostContext* m_context;
    QTimer* m_timer = nullptr;
    QTimer* m_notifyTimer = nullptr;
    QTimer* m_lookTimer = nullptr;
    // Set while this member announces what changed elsewhere: not a change made here.
    bool m_echoing = false;
    QString m_problem;
    // Since when the database has answered without a break (null while it does not).
    Instant m_connectedSince;
    QList<InstanceRecord> m_instances;
    // The package digest installed here, per "type/name".
    std::map<QString, QString> m_digests;
    // Packages being installed (asynchronously), per "type/name".
    std::map<QString, QString> m_installing;
    void shareContinuousLogs();
    void relayContinuousLogs();
    // The last piece of each other instance appended to a continuous job's log here, per job
    // and instance; read from and saved to the file beside the log.
    std::map<QString, qint64>& relayedPositions(const QString& jobName);
    QString relayedPositionsFile(const QString& jobName) const;
    void saveRelayedPositions(const QString& jobName);
    std::map<QString, std::map<QString, qint64>> m_relayed;
    // Lines of this instance that the database refused, per job: shared with the next ones.
    std::map<QString, QByteArray> m_unshared;

    // The size of each running run's log when it was last copied, per "job/id".
    std::map<QString, qint64> m_copiedSizes;
    // What the last look saw, to announce what changed elsewhere.
    struct SeenRun
    {
        QString id;
        JobStatus status = JobStatus::Initializing;
        QString instance;
    };
    std::map<QString, SeenRun> m_seenRuns;
    std::map<QString, QString> m_seenContinuous;
    bool m_looked = false;
    // The job files as this instance last applied or published them, per "type/name": the
    // database's are applied again only when they change.
    std::map<QString, JobStore::JobFiles> m_appliedFiles;
    // Set while this member writes files it read from the database: not an operator's change.
    bool m_applyingFiles = false;
    QSet<QString> m_aborting;
    // The logs of runs running elsewhere copied here, per "job/id": when they were last looked at.
    std::map<QString, QElapsedTimer> m_mirrors;
};

} // namespace WebJobs
