#pragma once

// JobStore: the job engine's database. Job packages and run logs live on disk in Kudu's layout
// (docs/kudu-webjobs-api.md §5); the store is their index and the durable state around them:
// the job list, every triggered run and its status, schedule state, the status of each
// continuous job per instance, the processes an instance started, and the live instances. It
// is what makes listing 1,000 jobs and 100,000 runs fast and crash recovery exact.
//
//   JobHost ──> JobStore ──> QSqlDatabase ──> SQLite file (default, one agent)
//                                         └─> PostgreSQL (several agents, one database)
//
// Tables (schema version 1): jobs (type, name); runs (job_name, id) of triggered jobs, with the
// primary key index serving history pages and "latest run" lookups newest first; schedule_state
// (triggered jobs) and continuous_status (continuous jobs, one row per instance), both removed
// with their job; processes and instances, independent of jobs. A run, a schedule state or a
// continuous status can only be written for a job that has been upserted (foreign keys).
//
// At most one run per job is unfinished (Initializing or Running) at any time, on all instances
// together: a unique index enforces it, so insertRun() doubles as the claim of a run between
// instances, as Kudu's `triggeredJob.lock` does. claimScheduledTime() claims a schedule's due
// time the same way.
//
// Schema migrations: an ordered list of steps, each applied in its own transaction together with
// its row in `schema_version`; opening a database that a newer program has migrated further
// fails with a clear sentence. SQL is portable between SQLite and PostgreSQL. SQLite runs in WAL
// mode with foreign keys on and a busy timeout, so a console reading the file while the agent
// writes it waits instead of failing.
//
// Threading: a JobStore is used from ONE thread, the one that opened it (QSqlDatabase
// connections belong to their thread). Each object has its own uniquely named connection,
// removed by the destructor, so several stores (in several threads) may use the same database;
// SQLite serializes their writes, PostgreSQL isolates them.
//
// Errors: every method reports failure (false, std::nullopt or InsertRunResult::Failed) and
// leaves a translated sentence in errorString(). Lookups of one record (job(), run(),
// latestRun(), scheduleState()) return std::nullopt both when the record does not exist and on
// failure; hasError() tells them apart. Every public method clears the previous error first.
// Each one that can fail is [[nodiscard]]: a write whose failure nobody looks at is a record
// lost without a word (the host reports them through StoreFailures, core/host).

#include "core/model/Instant.h"
#include "core/model/JobStatus.h"
#include "core/model/JobType.h"
#include "core/store/ContinuousStatusRecord.h"
#include "core/store/DatabaseLocation.h"
#include "core/store/InstanceRecord.h"
#include "core/store/JobRecord.h"
#include "core/store/ProcessRecord.h"
#include "core/store/RunRecord.h"
#include "core/store/ScheduleState.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QList>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QStringList>
#include <QVariantList>

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <unordered_map>

namespace WebJobs {

class JobStore
{
    Q_DECLARE_TR_FUNCTIONS(JobStore)

public:
    // One schema step: statements run in order in one transaction.
    struct Migration
    {
        int version = 0;
        QStringList statements;
    };

    enum class InsertRunResult
    {
        Inserted,
        // The job already has an unfinished run (on this or another instance); nothing written.
        JobBusy,
        Failed,
    };

    // Opens (creating the file or the tables when needed) and migrates the database at
    // `databaseUrl` (see DatabaseLocation for the forms). On failure returns nullptr and sets
    // `*error` to a sentence that says what to do.
    [[nodiscard]] static std::unique_ptr<JobStore> open(const QString& databaseUrl, QString* error);
    // The same with another list of migrations, ordered by version: for tests of the migration
    // machinery. open() uses migrations().
    [[nodiscard]] static std::unique_ptr<JobStore> open(
        const QString& databaseUrl, const QList<Migration>& migrations, QString* error);
    // This program's schema, oldest step first.
    [[nodiscard]] static const QList<Migration>& migrations();
    // The version this program migrates to (the last of migrations()).
    [[nodiscard]] static int latestSchemaVersion();

    ~JobStore();
    JobStore(const JobStore&) = delete;
    JobStore& operator=(const JobStore&) = delete;

    [[nodiscard]] DatabaseLocation location() const { return m_location; }
    // The name of the store's own QSqlDatabase connection, usable in the thread that opened it:
    // for tests that act on the store's session (make it refuse writes, as a read-only database).
    [[nodiscard]] QString connectionName() const { return m_connectionName; }
    // The schema version of the open database.
    [[nodiscard]] int schemaVersion() const { return m_schemaVersion; }

    [[nodiscard]] QString errorString() const { return m_error; }
    [[nodiscard]] bool hasError() const { return !m_error.isEmpty(); }

    // Runs `work` in a transaction: commits when it returns true, rolls back when it returns
    // false (errorString() is then what `work` left, the first failure inside it) or throws.
    // Nests: an inner call uses a savepoint, so only its own changes roll back. On SQLite the
    // transaction takes the write lock at once (BEGIN IMMEDIATE), so it cannot deadlock with
    // another writer.
    [[nodiscard]] bool transaction(const std::function<bool()>& work);

    // Jobs. upsertJob() keeps createdAt of an existing job and updates the rest. removeJob()
    // also removes the job's runs, schedule state and continuous statuses; removing a job
    // that does not exist succeeds. jobs() is ordered by type, then name.
    [[nodiscard]] bool upsertJob(const JobRecord& job);
    [[nodiscard]] bool removeJob(JobType type, const QString& name);
    [[nodiscard]] std::optional<QList<JobRecord>> jobs();
    [[nodiscard]] std::optional<JobRecord> job(JobType type, const QString& name);

    // Runs of triggered jobs. insertRun() fails when the job is not in the store or the id is
    // taken, and answers JobBusy when `run` is unfinished while the job has another unfinished
    // run. updateRun() writes status, end time, exit code, aborted-by and abort reason of an
    // existing run (the other fields are fixed at insertion); an unknown run is an error.
    [[nodiscard]] InsertRunResult insertRun(const RunRecord& run);
    [[nodiscard]] bool updateRun(const RunRecord& run);
    [[nodiscard]] std::optional<RunRecord> run(const QString& jobName, const QString& id);
    [[nodiscard]] std::optional<RunRecord> latestRun(const QString& jobName);
    // The newest run of every triggered job that has one, ordered by job name, in one query.
    [[nodiscard]] std::optional<QList<RunRecord>> latestRuns();
    // A page of a job's runs, newest first (id descending).
    [[nodiscard]] std::optional<QList<RunRecord>> history(const QString& jobName, int offset, int limit);
    [[nodiscard]] std::optional<qint64> runCount(const QString& jobName);
    // Removes the job's finished runs beyond the `keep` newest runs (unfinished runs count but
    // are never removed) and answers their ids, oldest first, for the host to delete their
    // folders.
    [[nodiscard]] std::optional<QStringList> pruneHistory(const QString& jobName, int keep);
    // Runs left Initializing or Running by `instance`; an empty instance means every instance.
    [[nodiscard]] std::optional<QList<RunRecord>> unfinishedRuns(const QString& instance);
    // Closes those runs in one statement: sets `status` (normally Aborted), `endTime`, the abort
    // reason and aborted-by, and answers the runs as closed, ordered by job name and id.
    [[nodiscard]] std::optional<QList<RunRecord>> closeUnfinishedRuns(const QString& instance, JobStatus status,
        const QString& reason, Instant endTime, const QString& abortedBy = {});

    // Schedule state of a triggered job (the job must be in the store).
    [[nodiscard]] std::optional<ScheduleState> scheduleState(const QString& jobName);
    [[nodiscard]] bool setScheduleState(const ScheduleState& state);
    // Records `due` as handled if no instance has handled it (or a later time) yet for the
    // schedule `scheduleKey`: true when this caller claimed it and should run it, false when
    // another caller did first or the job's state has another key (or none).
    [[nodiscard]] std::optional<bool> claimScheduledTime(
        const QString& jobName, const QString& scheduleKey, Instant due);
    [[nodiscard]] bool removeScheduleState(const QString& jobName);

    // Continuous status per instance (the job must be in the store). Lists are ordered by job
    // name, then instance.
    [[nodiscard]] bool setContinuousStatus(const ContinuousStatusRecord& status);
    [[nodiscard]] std::optional<QList<ContinuousStatusRecord>> continuousStatuses(const QString& jobName);
    [[nodiscard]] std::optional<QList<ContinuousStatusRecord>> allContinuousStatuses();
    [[nodiscard]] bool removeContinuousStatus(const QString& jobName, const QString& instance);

    // Live processes, keyed by instance and pid (adding the same pair again replaces it; removing
    // an unknown one succeeds). processes() lists one instance's, ordered by start time, or with
    // an empty instance every instance's.
    [[nodiscard]] bool addProcess(const ProcessRecord& process);
    [[nodiscard]] bool removeProcess(const QString& instance, qint64 pid);
    [[nodiscard]] std::optional<QList<ProcessRecord>> processes(const QString& instance);

    // Agent instances. registerInstance() inserts or replaces; touchInstance() refreshes the
    // heartbeat of a registered instance (an unknown one is an error: it was removed as dead).
    // instances() is ordered by instance id.
    [[nodiscard]] bool registerInstance(const InstanceRecord& instance);
    [[nodiscard]] bool touchInstance(const QString& instance, Instant heartbeat);
    [[nodiscard]] std::optional<QList<InstanceRecord>> instances();
    [[nodiscard]] bool removeInstance(const QString& instance);

    // ---- Several instances on one database (schema version 2) ----

    // Removes `instance` when its heartbeat is older than `heartbeatBefore`, and in the same
    // transaction closes its unfinished runs as Aborted with `reason` (by "agent") and forgets its
    // continuous statuses, processes and singleton claims. Only one caller can reap an instance:
    // the others find it gone. Answers whether this caller reaped it, and the runs it closed.
    struct Reaped
    {
        bool reaped = false;
        QList<RunRecord> closedRuns;
        QStringList continuousJobs;
    };
    [[nodiscard]] std::optional<Reaped> reapInstance(
        const QString& instance, Instant heartbeatBefore, const QString& reason, Instant now);

    // A job's package as uploaded (zip or single script), for every instance to install.
    // savePackage() replaces the job's package (the job must be in the store); the package goes
    // with its job. packageDigests() lists (type, name, digest) of every package.
    // What an operator changes in a job's folder after its upload: its settings.job (none when
    // unset) and, for a continuous job, its disable.job (stopped).
    struct JobFiles
    {
        std::optional<QByteArray> settings;
        bool disabled = false;
        friend bool operator==(const JobFiles&, const JobFiles&) = default;
    };
    struct Package
    {
        JobType type = JobType::Triggered;
        QString name;
        QString digest;
        QString fileName;
        bool isZip = false;
        QByteArray content;
        JobFiles files;
    };
    [[nodiscard]] bool savePackage(const Package& package);
    // Every package's type, name, digest and files (not its content).
    [[nodiscard]] std::optional<QList<Package>> packageDigests();
    // Records a job's files after an operator changed them on one instance. False when the
    // database has no package for the job (nothing to share), std::nullopt on failure.
    [[nodiscard]] std::optional<bool> saveJobFiles(JobType type, const QString& name, const JobFiles& files);
    [[nodiscard]] std::optional<Package> package(JobType type, const QString& name);

    // A copy of a triggered run's output log (the run must be in the store; the copy goes with
    // it), kept in pieces of at most RunLogPieceBytes so that a growing log is copied by
    // appending what it gained. appendRunLog() stores `bytes` as the copy's bytes from `at` on,
    // where `at` is the copy's size so far (runLogSize(), 0 for none); clearRunLog() removes
    // the copy.
    static constexpr qint64 RunLogPieceBytes = 1 << 20;
    [[nodiscard]] bool appendRunLog(const QString& jobName, const QString& id, qint64 at, const QByteArray& bytes);
    [[nodiscard]] bool clearRunLog(const QString& jobName, const QString& id);
    // The size in bytes of the database's copy of a run's log; std::nullopt when there is none
    // (hasError() tells a failure).
    [[nodiscard]] std::optional<qint64> runLogSize(const QString& jobName, const QString& id);
    // The copy's bytes from `from` on, at most `atMost` of them (-1: all). std::nullopt when
    // there is no copy at all (hasError() tells a failure); empty when it has nothing past `from`.
    [[nodiscard]] std::optional<QByteArray> runLog(
        const QString& jobName, const QString& id, qint64 from = 0, qint64 atMost = -1);

    // A continuous job's log lines shared between instances: each instance's recent lines, in
    // pieces numbered 1, 2, ... per job and instance. appendContinuousLog() stores `lines` as
    // `instance`'s next piece, keeps only its last `keep` pieces of the job, and answers the
    // piece's number. continuousLogHeads() answers the last piece of every job and instance but
    // `exceptInstance`; continuousLog() the pieces of one after the number `after`, in order.
    struct LogHead
    {
        QString jobName;
        QString instance;
        qint64 last = 0;
    };
    struct LogPiece
    {
        qint64 seq = 0;
        QByteArray content;
    };
    [[nodiscard]] std::optional<qint64> appendContinuousLog(
        const QString& jobName, const QString& instance, const QByteArray& lines, qint64 keep);
    [[nodiscard]] std::optional<QList<LogHead>> continuousLogHeads(const QString& exceptInstance);
    [[nodiscard]] std::optional<QList<LogPiece>> continuousLog(
        const QString& jobName, const QString& instance, qint64 after);

    // The site's web hooks, shared by the instances (the delivery outcomes stay with each).
    // addWebHook() adds `hook` unless a hook of the same address (in any case) is there, and
    // answers the hook of that address now: `hook`, or the one that was there.
    struct WebHook
    {
        QString id;
        QString event;
        QString url;
        bool insecureSsl = false;
        friend bool operator==(const WebHook&, const WebHook&) = default;
    };
    [[nodiscard]] std::optional<QList<WebHook>> webHooks();
    [[nodiscard]] std::optional<WebHook> addWebHook(const WebHook& hook);
    [[nodiscard]] bool removeWebHook(const QString& id);

    // The claim of a singleton continuous job: true when `instance` holds it (now or already),
    // false when a live instance (one in the instances table) does. releaseContinuous() gives
    // up the claim if `instance` holds it.
    [[nodiscard]] std::optional<bool> claimContinuous(const QString& jobName, const QString& instance);
    [[nodiscard]] bool releaseContinuous(const QString& jobName, const QString& instance);

    // One round trip (SELECT 1), reconnecting first when the connection was lost. False with
    // the reason in errorString() while the database cannot be reached.
    [[nodiscard]] bool ping();

    // Asks the instance that runs an unfinished run to abort it: records who and why on the
    // run, which that instance reads (ClusterMember). False when the run is not unfinished.
    [[nodiscard]] std::optional<bool> requestAbort(
        const QString& jobName, const QString& id, const QString& who, const QString& why);

    // PostgreSQL's LISTEN/NOTIFY between the instances: listen() calls `onNotification` (in
    // the store's thread, from its event loop) when another session notifies `channel`, and
    // listens again after a reconnection; notify() tells every listener. Both fail on SQLite.
    [[nodiscard]] bool listen(const QString& channel, const std::function<void()>& onNotification);
    [[nodiscard]] bool notify(const QString& channel);

private:
    JobStore(const DatabaseLocation& location, const QString& connectionName);

    bool connect(QString* error);
    // PostgreSQL: after a failed statement outside a transaction, checks the connection and
    // opens it again when it was lost (the server restarted, the network broke). True when a
    // new connection is open, so the statement is worth one more attempt.
    bool reconnectIfLost();
    bool migrate(const QList<Migration>& migrations, QString* error);
    std::optional<int> readSchemaVersion(QString* error);

    // Reasons that replace the database's own text when a write breaks a constraint.
    struct ConstraintReasons
    {
        QString foreignKey;
        QString unique;
    };

    // Runs `sql` as a cached prepared statement with `values` bound in order. Answers the
    // statement (to read, then finish()) or nullptr with the database's reason.
    [[nodiscard]] QSqlQuery* execute(
        const QString& sql, const QVariantList& values, QString* reason, const ConstraintReasons& constraints = {});
    // The same, but a failure is reported: `failure` is a sentence whose last placeholder is left
    // for the database's reason, and becomes errorString().
    [[nodiscard]] QSqlQuery* statement(const QString& sql, const QVariantList& values, const QString& failure,
        const ConstraintReasons& constraints = {});
    // A statement that reads nothing: runs it, finishes it and answers how many rows it changed,
    // or std::nullopt after reporting `failure` (as statement()).
    [[nodiscard]] std::optional<int> write(const QString& sql, const QVariantList& values, const QString& failure,
        const ConstraintReasons& constraints = {});
    [[nodiscard]] bool execDirect(const QString& sql, QString* reason);
    // Runs `sql` and hands each row to `row`; false after reporting `failure` (as statement()).
    [[nodiscard]] bool readRows(const QString& sql, const QVariantList& values, const QString& failure,
        const std::function<void(const QSqlQuery&)>& row);
    // The first column of the first row; std::nullopt when there is no row or on failure
    // (hasError() tells them apart).
    [[nodiscard]] std::optional<QVariant> readValue(
        const QString& sql, const QVariantList& values, const QString& failure);
    void clearError() { m_error.clear(); }
    void fail(const QString& message);

    // `failure` is a sentence with the last placeholder left for the database's reason.
    std::optional<QList<JobRecord>> queryJobs(const QString& sql, const QVariantList& values, const QString& failure);
    std::optional<QList<RunRecord>> queryRuns(const QString& sql, const QVariantList& values, const QString& failure);
    std::optional<QList<ContinuousStatusRecord>> queryStatuses(
        const QString& sql, const QVariantList& values, const QString& failure);
    std::optional<QList<RunRecord>> readRuns(QSqlQuery* query);
    std::optional<JobStatus> readStatus(const QString& name);
    // The id of the job's unfinished run, an empty text when it has none.
    std::optional<QString> unfinishedRunOf(const QString& jobName);

    DatabaseLocation m_location;
    QString m_connectionName;
    QSqlDatabase m_db;
    // Prepared statements by SQL text; a node map, so pointers to them stay valid.
    std::unordered_map<QString, QSqlQuery> m_statements;
    QString m_error;
    int m_schemaVersion = 0;
    int m_transactionDepth = 0;
    std::map<QString, std::function<void()>> m_listeners;
    bool m_notifying = false;
    bool m_reconnecting = false;
    QElapsedTimer m_lastReconnect;
    bool subscribe(const QString& channel);
};

} // namespace WebJobs
