#include "core/store/JobStore.h"

#include <QScopeGuard>
#include <QSqlDriver>
#include <QSqlError>
#include <QVariant>

#include <algorithm>
#include <atomic>
#include <limits>
#include <tuple>

using namespace Qt::StringLiterals;

namespace WebJobs {

namespace {

// How long a SQLite writer waits for another one (the console, a second agent) before failing.
constexpr int SqliteBusyTimeoutMs = 10'000;

// The statuses of a run that has not finished. The same list is written into the partial unique
// index runs_one_unfinished; queries repeat it literally so that both databases use that index.
const QString UnfinishedStatuses = u"('Initializing', 'Running')"_s;

const QString RunColumns = u"job_name, id, status, start_time, end_time, trigger_text, arguments, exit_code, "
                           "aborted_by, abort_reason, instance"_s;

bool isUnfinished(JobStatus status)
{
    return status == JobStatus::Initializing || status == JobStatus::Running;
}

// settings.job's bytes, or NULL when the job has none (an empty file is not "none").
QVariant settingsValue(const std::optional<QByteArray>& settings)
{
    // A null QByteArray binds as NULL: an empty file is bound as an empty, non-null one.
    if (!settings)
        return QVariant(QMetaType::fromType<QByteArray>());
    return QVariant(settings->isNull() ? QByteArray("") : *settings);
}

// The settings and disabled columns, from `column` on.
JobStore::JobFiles jobFilesAt(const QSqlQuery& query, int column)
{
    JobStore::JobFiles files;
    if (!query.isNull(column))
        files.settings = query.value(column).toByteArray();
    files.disabled = query.value(column + 1).toInt() != 0;
    return files;
}

// A bound text that is never NULL: Qt binds a null QString as NULL, which NOT NULL columns refuse.
QVariant text(const QString& value)
{
    return value.isNull() ? QVariant(QString(u""_s)) : QVariant(value);
}

QVariant ticks(Instant instant)
{
    return QVariant(instant.ticks());
}

Instant instantAt(const QSqlQuery& query, int column)
{
    return Instant::fromTicks(query.value(column).toLongLong());
}

QString reasonOf(const QSqlError& error)
{
    QString reason = error.databaseText().trimmed();
    if (reason.isEmpty())
        reason = error.driverText().trimmed();
    if (reason.isEmpty())
        reason = JobStore::tr("unknown database error");
    // One line (PostgreSQL adds DETAIL and HINT lines), and no final punctuation: it goes in the
    // middle of our sentence.
    reason = reason.simplified();
    while (reason.endsWith(u'.') || reason.endsWith(u'?') || reason.endsWith(u'!'))
        reason.chop(1);
    return reason;
}

enum class Violation
{
    None,
    ForeignKey,
    Unique,
};

// The constraint a failed write broke: PostgreSQL's SQLSTATE, SQLite's fixed message text.
Violation violationOf(const QSqlError& error)
{
    const QString code = error.nativeErrorCode();
    const QString text = error.databaseText();
    if (code == u"23503"_s || text.contains(u"FOREIGN KEY constraint failed"_s))
        return Violation::ForeignKey;
    if (code == u"23505"_s || text.contains(u"UNIQUE constraint failed"_s))
        return Violation::Unique;
    return Violation::None;
}

QString missingJobReason(JobType type, const QString& name)
{
    return type == JobType::Triggered ? JobStore::tr("it has no triggered job named %1").arg(name)
                                      : JobStore::tr("it has no continuous job named %1").arg(name);
}

// Resets a cached statement when the caller is done with it, so SQLite releases its read lock.
class Finisher
{
public:
    explicit Finisher(QSqlQuery* query)
        : m_query(query)
    { }
    ~Finisher()
    {
        if (m_query)
            m_query->finish();
    }
    Finisher(const Finisher&) = delete;
    Finisher& operator=(const Finisher&) = delete;

private:
    QSqlQuery* m_query;
};

std::atomic<quint64> s_connectionCounter {0};

// Schema version 1. Portable SQL: BIGINT ticks (Instant), TEXT, composite primary keys, partial
// indexes, ON CONFLICT ... DO UPDATE and RETURNING (SQLite 3.35+, PostgreSQL 10+).
//
// runs, schedule_state and continuous_status carry their job's type as a constant column so that
// a foreign key can name the (type, name) key of jobs and removing a job cascades to them.
const QList<JobStore::Migration> Migrations = {
    {1,
        {
            uR"(CREATE TABLE jobs (
                type TEXT NOT NULL,
                name TEXT NOT NULL,
                run_command TEXT NOT NULL DEFAULT '',
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL,
                PRIMARY KEY (type, name)))"_s,
            uR"(CREATE TABLE runs (
                job_type TEXT NOT NULL DEFAULT 'triggered' CHECK (job_type = 'triggered'),
                job_name TEXT NOT NULL,
                id TEXT NOT NULL,
                status TEXT NOT NULL,
                start_time BIGINT NOT NULL,
                end_time BIGINT NOT NULL DEFAULT 0,
                trigger_text TEXT,
                arguments TEXT,
                exit_code INTEGER,
                aborted_by TEXT,
                abort_reason TEXT,
                instance TEXT NOT NULL DEFAULT '',
                PRIMARY KEY (job_name, id),
                FOREIGN KEY (job_type, job_name) REFERENCES jobs (type, name) ON DELETE CASCADE))"_s,
            // The primary key (job_name, id) is the history index: both databases scan it backwards
            // for "newest first" pages and the latest run. This one allows a single unfinished run
            // per job, on all instances together.
            uR"(CREATE UNIQUE INDEX runs_one_unfinished ON runs (job_name)
                WHERE status IN ('Initializing', 'Running'))"_s,
            uR"(CREATE TABLE schedule_state (
                job_type TEXT NOT NULL DEFAULT 'triggered' CHECK (job_type = 'triggered'),
                job_name TEXT NOT NULL PRIMARY KEY,
                created BIGINT NOT NULL,
                last_scheduled BIGINT NOT NULL DEFAULT 0,
                schedule_key TEXT NOT NULL,
                FOREIGN KEY (job_type, job_name) REFERENCES jobs (type, name) ON DELETE CASCADE))"_s,
            uR"(CREATE TABLE continuous_status (
                job_type TEXT NOT NULL DEFAULT 'continuous' CHECK (job_type = 'continuous'),
                job_name TEXT NOT NULL,
                instance TEXT NOT NULL,
                status TEXT NOT NULL,
                pid BIGINT NOT NULL DEFAULT 0,
                updated BIGINT NOT NULL,
                PRIMARY KEY (job_name, instance),
                FOREIGN KEY (job_type, job_name) REFERENCES jobs (type, name) ON DELETE CASCADE))"_s,
            uR"(CREATE TABLE processes (
                instance TEXT NOT NULL,
                pid BIGINT NOT NULL,
                pgid BIGINT NOT NULL,
                job_type TEXT NOT NULL,
                job_name TEXT NOT NULL,
                run_id TEXT,
                started BIGINT NOT NULL,
                PRIMARY KEY (instance, pid)))"_s,
            uR"(CREATE TABLE instances (
                instance TEXT NOT NULL PRIMARY KEY,
                host_name TEXT,
                pid BIGINT NOT NULL DEFAULT 0,
                started BIGINT NOT NULL,
                heartbeat BIGINT NOT NULL))"_s,
        }},
    // Several instances on one database: packages every instance installs, copies of run logs
    // that outlive the instance that ran them, and the claims of singleton continuous jobs.
    // BYTEA is PostgreSQL's binary type; SQLite stores the bytes as given under any type name.
    {2,
        {
            uR"(CREATE TABLE packages (
                type TEXT NOT NULL,
                name TEXT NOT NULL,
                digest TEXT NOT NULL,
                file_name TEXT NOT NULL,
                is_zip INTEGER NOT NULL,
                content BYTEA NOT NULL,
                PRIMARY KEY (type, name),
                FOREIGN KEY (type, name) REFERENCES jobs (type, name) ON DELETE CASCADE))"_s,
            uR"(CREATE TABLE run_logs (
                job_name TEXT NOT NULL,
                id TEXT NOT NULL,
                content BYTEA NOT NULL,
                PRIMARY KEY (job_name, id),
                FOREIGN KEY (job_name, id) REFERENCES runs (job_name, id) ON DELETE CASCADE))"_s,
            uR"(CREATE TABLE continuous_owner (
                job_type TEXT NOT NULL DEFAULT 'continuous' CHECK (job_type = 'continuous'),
                job_name TEXT NOT NULL PRIMARY KEY,
                instance TEXT NOT NULL,
                FOREIGN KEY (job_type, job_name) REFERENCES jobs (type, name) ON DELETE CASCADE))"_s,
        }},
    // The files an operator changes after an upload, shared like the package itself: the job's
    // settings.job (NULL when it has none) and whether a continuous job is stopped (disable.job).
    {3,
        {
            u"ALTER TABLE packages ADD COLUMN settings BYTEA"_s,
            u"ALTER TABLE packages ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0"_s,
        }},
    // A run's log copy in pieces, each holding the bytes from `first_byte` on: a running run's
    // growth is appended, never the whole log written again. The copies made before are kept,
    // each as its first piece.
    {4,
        {
            uR"(CREATE TABLE run_log_pieces (
                job_name TEXT NOT NULL,
                id TEXT NOT NULL,
                first_byte BIGINT NOT NULL,
                content BYTEA NOT NULL,
                PRIMARY KEY (job_name, id, first_byte),
                FOREIGN KEY (job_name, id) REFERENCES runs (job_name, id) ON DELETE CASCADE))"_s,
            uR"(INSERT INTO run_log_pieces (job_name, id, first_byte, content)
                SELECT job_name, id, 0, content FROM run_logs WHERE length(content) > 0)"_s,
            u"DROP TABLE run_logs"_s,
        }},
    // A continuous job's log lines, shared by the instances that run it: each instance's recent
    // lines in pieces numbered per job and instance, which the others append to their own log.
    {5,
        {
            uR"(CREATE TABLE continuous_log_pieces (
                job_type TEXT NOT NULL DEFAULT 'continuous' CHECK (job_type = 'continuous'),
                job_name TEXT NOT NULL,
                instance TEXT NOT NULL,
                seq BIGINT NOT NULL,
                content BYTEA NOT NULL,
                PRIMARY KEY (job_name, instance, seq),
                FOREIGN KEY (job_type, job_name) REFERENCES jobs (type, name) ON DELETE CASCADE))"_s,
        }},
    // Web hooks, the site's as in Kudu: one list for every instance (each fires them for the runs
    // it ran). One hook per address, whatever its case (Kudu's rule).
    {6,
        {
            uR"(CREATE TABLE web_hooks (
                id TEXT NOT NULL PRIMARY KEY,
                event TEXT NOT NULL,
                url TEXT NOT NULL,
                insecure_ssl INTEGER NOT NULL DEFAULT 0))"_s,
            u"CREATE UNIQUE INDEX web_hooks_one_per_url ON web_hooks (lower(url))"_s,
        }},
};

} // namespace

// ---- Opening and migrations ----

const QList<JobStore::Migration>& JobStore::migrations()
{
    return Migrations;
}

int JobStore::latestSchemaVersion()
{
    return Migrations.last().version;
}

JobStore::JobStore(const DatabaseLocation& location, const QString& connectionName)
    : m_location(location)
    , m_connectionName(connectionName)
{ }

JobStore::~JobStore()
{
    m_statements.clear();
    if (m_db.isOpen() && m_location.kind() == DatabaseLocation::Kind::Sqlite) {
        // SQLite's advice for long-lived connections: refresh the planner's statistics on close.
        // Only statistics: a failure loses nothing.
        QString ignored;
        static_cast<void>(execDirect(u"PRAGMA optimize"_s, &ignored));
    }
    if (m_db.isValid())
        m_db.close();
    // removeDatabase() wants no QSqlDatabase copy of the connection left.
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connectionName);
}

std::unique_ptr<JobStore> JobStore::open(const QString& databaseUrl, QString* error)
{
    return open(databaseUrl, Migrations, error);
}

std::unique_ptr<JobStore> JobStore::open(const QString& databaseUrl, const QList<Migration>& migrations, QString* error)
{
    QString message;
    const std::optional<DatabaseLocation> location = DatabaseLocation::parse(databaseUrl, &message);
    if (location && !QSqlDatabase::isDriverAvailable(location->driverName())) {
        message = tr("The Qt SQL driver %1 is not installed, so the job database at %2 cannot be opened. Install "
                     "the package that provides it (libqt6sql6-sqlite or libqt6sql6-psql on Debian).")
                      .arg(location->driverName(), location->displayText());
    } else if (location) {
        const QString name = u"webjobs-store-%1"_s.arg(s_connectionCounter.fetch_add(1) + 1);
        std::unique_ptr<JobStore> store(new JobStore(*location, name));
        if (store->connect(&message) && store->migrate(migrations, &message))
            return store;
    }
    if (error)
        *error = message;
    return nullptr;
}

bool JobStore::connect(QString* error)
{
    m_db = QSqlDatabase::addDatabase(m_location.driverName(), m_connectionName);
    QString reason;
    if (m_location.kind() == DatabaseLocation::Kind::Sqlite) {
        m_db.setDatabaseName(m_location.filePath());
        m_db.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=%1"_s.arg(SqliteBusyTimeoutMs));
        bool ok = m_db.open();
        if (!ok)
            reason = reasonOf(m_db.lastError());
        // The file is created lazily: the first statement is the one that meets a missing folder.
        ok = ok && execDirect(u"PRAGMA foreign_keys = ON"_s, &reason);
        if (ok) {
            QSqlQuery query(m_db);
            ok = query.exec(u"PRAGMA journal_mode = WAL"_s);
            if (!ok)
                reason = reasonOf(query.lastError());
        }
        // In WAL mode, NORMAL keeps every committed transaction across a crash of the program
        // (the operating system has the data); only a power loss may take the last ones. It
        // spares each run start a disk flush.
        ok = ok && execDirect(u"PRAGMA synchronous = NORMAL"_s, &reason);
        if (!ok) {
            *error = tr("Cannot open the job database at %1: %2. Check that the folder exists and is writable, "
                        "and that the file is a SQLite database.")
                         .arg(m_location.displayText(), reason);
            return false;
        }
        return true;
    }

    m_db.setHostName(m_location.hostName());
    if (m_location.port() >= 0)
        m_db.setPort(m_location.port());
    m_db.setDatabaseName(m_location.databaseName());
    m_db.setUserName(m_location.userName());
    m_db.setPassword(m_location.password());
    m_db.setConnectOptions(m_location.connectOptions());
    bool ok = m_db.open();
    if (!ok)
        reason = reasonOf(m_db.lastError());
    // Quiet "already exists, skipping" notices of CREATE ... IF NOT EXISTS.
    ok = ok && execDirect(u"SET client_min_messages TO WARNING"_s, &reason);
    if (!ok) {
        *error = tr("Cannot connect to the job database at %1: %2. Check the address, the user name and the "
                    "password, and that the PostgreSQL server is running and accepts connections.")
                     .arg(m_location.displayText(), reason);
        return false;
    }
    return true;
}

std::optional<int> JobStore::readSchemaVersion(QString* reason)
{
    QSqlQuery query(m_db);
    if (!query.exec(u"SELECT MAX(version) FROM schema_version"_s) || !query.next()) {
        *reason = reasonOf(query.lastError());
        return std::nullopt;
    }
    return query.value(0).isNull() ? 0 : query.value(0).toInt();
}

bool JobStore::migrate(const QList<Migration>& migrations, QString* error)
{
    const int latest = migrations.isEmpty() ? 0 : migrations.last().version;
    const QString where = m_location.displayText();
    const auto newer = [&](int version) {
        return tr("The job database at %1 was created by a newer version of WebJobs (schema version %2; this "
                  "program knows versions up to %3). Upgrade this program, or give it another database.")
            .arg(where)
            .arg(version)
            .arg(latest);
    };

    QString reason;
    // Two agents starting together on PostgreSQL may race to create this table; the loser's
    // error is harmless when the table is there afterwards.
    const bool created = execDirect(u"CREATE TABLE IF NOT EXISTS schema_version ("
                                    "version INTEGER NOT NULL PRIMARY KEY, applied_at BIGINT NOT NULL)"_s,
        &reason);
    QString readReason;
    std::optional<int> current = readSchemaVersion(&readReason);
    if (!current) {
        if (created)
            reason = readReason;
        *error = tr("Cannot open the job database at %1: %2. Check that the folder exists and is writable, and "
                    "that the file is a SQLite database.")
                     .arg(where, reason);
        if (m_location.kind() == DatabaseLocation::Kind::PostgreSql) {
            *error = tr("Cannot prepare the job database at %1: %2. Check that the database user may create "
                        "tables in it.")
                         .arg(where, reason);
        }
        return false;
    }
    if (*current > latest) {
        *error = newer(*current);
        return false;
    }

    for (const Migration& migration : migrations) {
        if (migration.version <= *current)
            continue;
        const bool ok = transaction([&] {
            QString stepReason;
            // Serialize with another instance migrating the same database (SQLite: BEGIN IMMEDIATE
            // already holds the write lock), then look again: it may have done this step.
            if (m_location.kind() == DatabaseLocation::Kind::PostgreSql
                && !execDirect(u"LOCK TABLE schema_version IN EXCLUSIVE MODE"_s, &stepReason)) {
                m_error = stepReason;
                return false;
            }
            const std::optional<int> now = readSchemaVersion(&stepReason);
            if (!now) {
                m_error = stepReason;
                return false;
            }
            if (*now >= migration.version)
                return true;
            for (const QString& statement : migration.statements) {
                if (!execDirect(statement, &stepReason)) {
                    m_error = stepReason;
                    return false;
                }
            }
            QSqlQuery record(m_db);
            record.prepare(u"INSERT INTO schema_version (version, applied_at) VALUES (?, ?)"_s);
            record.addBindValue(migration.version);
            record.addBindValue(Instant::now().ticks());
            if (!record.exec()) {
                m_error = reasonOf(record.lastError());
                return false;
            }
            return true;
        });
        if (!ok) {
            *error = tr("Cannot upgrade the job database at %1 to schema version %2: %3. It stays at version %4; "
                        "check that it is writable and that the disk is not full.")
                         .arg(where)
                         .arg(migration.version)
                         .arg(m_error)
                         .arg(*current);
            m_error.clear();
            return false;
        }
        current = readSchemaVersion(&reason);
        if (!current) {
            *error = tr("Cannot read the schema version of the job database at %1: %2.").arg(where, reason);
            return false;
        }
    }
    if (*current > latest) {
        *error = newer(*current);
        return false;
    }
    m_schemaVersion = *current;
    m_error.clear();
    return true;
}

// ---- Statements and transactions ----

bool JobStore::reconnectIfLost()
{
    if (m_location.kind() != DatabaseLocation::Kind::PostgreSql || m_reconnecting)
        return false;
    // At most one attempt a second: while the server is away every statement fails, and each
    // attempt costs a connection try (and the driver's complaints about the old statements).
    if (m_lastReconnect.isValid() && m_lastReconnect.elapsed() < 1000)
        return false;
    m_reconnecting = true;
    const auto done = qScopeGuard([this] { m_reconnecting = false; });
    {
        QSqlQuery probe(m_db);
        if (m_db.isOpen() && probe.exec(u"SELECT 1"_s))
            return false; // the connection works: the statement itself failed
    }
    m_lastReconnect.start();
    // The prepared statements belong to the lost session.
    m_statements.clear();
    m_db.close();
    QString reason;
    if (!m_db.open() || !execDirect(u"SET client_min_messages TO WARNING"_s, &reason))
        return false;
    for (const auto& [channel, callback] : m_listeners)
        subscribe(channel);
    return true;
}

bool JobStore::subscribe(const QString& channel)
{
    QSqlDriver* driver = m_db.driver();
    if (!driver || !driver->subscribeToNotification(channel))
        return false;
    // One connection for every channel, made once: the driver outlives reconnections.
    if (!m_notifying) {
        m_notifying = true;
        QObject::connect(driver, &QSqlDriver::notification, driver,
            [this](const QString& name, QSqlDriver::NotificationSource source, const QVariant&) {
                if (source == QSqlDriver::SelfSource)
                    return;
                const auto it = m_listeners.find(name);
                if (it != m_listeners.end())
                    it->second();
            });
    }
    return true;
}

bool JobStore::listen(const QString& channel, const std::function<void()>& onNotification)
{
    clearError();
    if (m_location.kind() != DatabaseLocation::Kind::PostgreSql) {
        fail(tr("Only a PostgreSQL job database can notify other instances."));
        return false;
    }
    m_listeners[channel] = onNotification;
    if (!subscribe(channel)) {
        fail(tr("Cannot listen to the notifications of the job database: %1.")
                 .arg(reasonOf(m_db.driver()->lastError())));
        return false;
    }
    return true;
}

bool JobStore::notify(const QString& channel)
{
    clearError();
    if (m_location.kind() != DatabaseLocation::Kind::PostgreSql) {
        fail(tr("Only a PostgreSQL job database can notify other instances."));
        return false;
    }
    return write(u"SELECT pg_notify(?, '')"_s, {channel}, tr("Cannot notify the other instances: %1.")).has_value();
}

bool JobStore::ping()
{
    clearError();
    QSqlQuery* query = statement(u"SELECT 1"_s, {},
        tr("Cannot reach the job database at %1: %2.").arg(m_location.displayText(), QStringLiteral("%1")));
    if (!query)
        return false;
    query->finish();
    return true;
}

void JobStore::fail(const QString& message)
{
    // Inside a transaction, keep the first failure: it is the cause of the rest.
    if (m_error.isEmpty())
        m_error = message;
}

bool JobStore::execDirect(const QString& sql, QString* reason)
{
    QSqlQuery query(m_db);
    if (query.exec(sql))
        return true;
    *reason = reasonOf(query.lastError());
    return false;
}

QSqlQuery* JobStore::execute(
    const QString& sql, const QVariantList& values, QString* reason, const ConstraintReasons& constraints)
{
    auto it = m_statements.find(sql);
    if (it == m_statements.end()) {
        QSqlQuery query(m_db);
        query.setForwardOnly(true);
        if (!query.prepare(sql)) {
            *reason = reasonOf(query.lastError());
            // After a failed reconnection the connection is closed: nothing prepares until it
            // is opened again.
            if (m_transactionDepth == 0 && reconnectIfLost())
                return execute(sql, values, reason, constraints);
            return nullptr;
        }
        it = m_statements.emplace(sql, std::move(query)).first;
    }
    QSqlQuery* query = &it->second;
    for (qsizetype i = 0; i < values.size(); ++i)
        query->bindValue(int(i), values.at(i));
    if (!query->exec()) {
        const QSqlError error = query->lastError();
        // Once per failure: a lost connection is opened again and the statement tried on it.
        // The attempt drops the prepared statements even when it fails: `query` may be gone.
        if (m_transactionDepth == 0 && reconnectIfLost())
            return execute(sql, values, reason, constraints);
        *reason = reasonOf(error);
        switch (violationOf(error)) {
        case Violation::ForeignKey:
            if (!constraints.foreignKey.isEmpty())
                *reason = constraints.foreignKey;
            break;
        case Violation::Unique:
            if (!constraints.unique.isEmpty())
                *reason = constraints.unique;
            break;
        case Violation::None:
            break;
        }
        if (const auto kept = m_statements.find(sql); kept != m_statements.end())
            kept->second.finish();
        return nullptr;
    }
    return query;
}

QSqlQuery* JobStore::statement(
    const QString& sql, const QVariantList& values, const QString& failure, const ConstraintReasons& constraints)
{
    QString reason;
    QSqlQuery* query = execute(sql, values, &reason, constraints);
    if (!query)
        fail(failure.arg(reason));
    return query;
}

std::optional<int> JobStore::write(
    const QString& sql, const QVariantList& values, const QString& failure, const ConstraintReasons& constraints)
{
    QSqlQuery* query = statement(sql, values, failure, constraints);
    if (!query)
        return std::nullopt;
    const int changed = query->numRowsAffected();
    query->finish();
    return changed;
}

bool JobStore::transaction(const std::function<bool()>& work)
{
    const bool outer = m_transactionDepth == 0;
    if (outer)
        clearError();
    const QString savepoint = u"webjobs_sp%1"_s.arg(m_transactionDepth);
    const bool sqlite = m_location.kind() == DatabaseLocation::Kind::Sqlite;
    QString reason;
    bool begun
        = execDirect(outer ? (sqlite ? u"BEGIN IMMEDIATE"_s : u"BEGIN"_s) : u"SAVEPOINT "_s + savepoint, &reason);
    if (!begun && outer && reconnectIfLost())
        begun = execDirect(sqlite ? u"BEGIN IMMEDIATE"_s : u"BEGIN"_s, &reason);
    if (!begun) {
        fail(tr("Cannot start a transaction in the job database: %1.").arg(reason));
        return false;
    }
    // The failure that caused the rollback is already in errorString(); a rollback that fails
    // too has nothing to add to it.
    const auto rollback = [&] {
        QString ignored;
        if (outer) {
            static_cast<void>(execDirect(u"ROLLBACK"_s, &ignored));
        } else {
            static_cast<void>(execDirect(u"ROLLBACK TO SAVEPOINT "_s + savepoint, &ignored));
            static_cast<void>(execDirect(u"RELEASE SAVEPOINT "_s + savepoint, &ignored));
        }
    };

    ++m_transactionDepth;
    bool ok = false;
    try {
        ok = work();
    } catch (...) {
        --m_transactionDepth;
        rollback();
        throw;
    }
    --m_transactionDepth;

    if (ok) {
        ok = execDirect(outer ? u"COMMIT"_s : u"RELEASE SAVEPOINT "_s + savepoint, &reason);
        if (!ok)
            fail(tr("Cannot save the changes to the job database: %1.").arg(reason));
    }
    if (!ok)
        rollback();
    return ok;
}

// ---- Reading rows ----

std::optional<JobStatus> JobStore::readStatus(const QString& name)
{
    const std::optional<JobStatus> status = jobStatusFromName(name);
    if (!status) {
        fail(tr("The job database holds the unknown status \"%1\"; a newer version of WebJobs may have written "
                "it. Upgrade this program.")
                 .arg(name));
    }
    return status;
}

std::optional<QList<RunRecord>> JobStore::readRuns(QSqlQuery* query)
{
    QList<RunRecord> runs;
    while (query->next()) {
        RunRecord run;
        run.jobName = query->value(0).toString();
        run.id = query->value(1).toString();
        const std::optional<JobStatus> status = readStatus(query->value(2).toString());
        if (!status)
            return std::nullopt;
        run.status = *status;
        run.startTime = instantAt(*query, 3);
        run.endTime = instantAt(*query, 4);
        run.trigger = query->value(5).toString();
        run.arguments = query->value(6).toString();
        if (!query->value(7).isNull())
            run.exitCode = query->value(7).toInt();
        run.abortedBy = query->value(8).toString();
        run.abortReason = query->value(9).toString();
        run.instance = query->value(10).toString();
        runs.append(run);
    }
    if (query->lastError().isValid()) {
        fail(tr("Cannot read runs from the job database: %1.").arg(reasonOf(query->lastError())));
        return std::nullopt;
    }
    return runs;
}

std::optional<QList<RunRecord>> JobStore::queryRuns(
    const QString& sql, const QVariantList& values, const QString& failure)
{
    QSqlQuery* query = statement(sql, values, failure);
    if (!query)
        return std::nullopt;
    const Finisher done(query);
    return readRuns(query);
}

// ---- Jobs ----

bool JobStore::upsertJob(const JobRecord& job)
{
    clearError();
    return write(u"INSERT INTO jobs (type, name, run_command, created_at, updated_at) "
                 "VALUES (?, ?, ?, ?, ?) ON CONFLICT (type, name) DO UPDATE SET "
                 "run_command = excluded.run_command, updated_at = excluded.updated_at"_s,
        {jobTypeName(job.type), job.name, text(job.runCommand), ticks(job.createdAt), ticks(job.updatedAt)},
        tr("Cannot save the job %1 in the job database: %2.").arg(job.name))
        .has_value();
}

bool JobStore::removeJob(JobType type, const QString& name)
{
    clearError();
    return write(u"DELETE FROM jobs WHERE type = ? AND name = ?"_s, {jobTypeName(type), name},
        tr("Cannot remove the job %1 from the job database: %2.").arg(name))
        .has_value();
}

std::optional<QList<JobRecord>> JobStore::jobs()
{
    clearError();
    return queryJobs(u"SELECT type, name, run_command, created_at, updated_at FROM jobs ORDER BY type, name"_s, {},
        tr("Cannot read the list of jobs from the job database: %1."));
}

std::optional<JobRecord> JobStore::job(JobType type, const QString& name)
{
    clearError();
    const std::optional<QList<JobRecord>> found
        = queryJobs(u"SELECT type, name, run_command, created_at, updated_at FROM jobs WHERE type = ? AND name = ?"_s,
            {jobTypeName(type), name}, tr("Cannot read the job %1 from the job database: %2.").arg(name));
    if (!found || found->isEmpty())
        return std::nullopt;
    return found->first();
}

std::optional<QList<JobRecord>> JobStore::queryJobs(
    const QString& sql, const QVariantList& values, const QString& failure)
{
    QSqlQuery* query = statement(sql, values, failure);
    if (!query)
        return std::nullopt;
    const Finisher done(query);
    QList<JobRecord> jobs;
    while (query->next()) {
        JobRecord job;
        const std::optional<JobType> type = jobTypeFromName(query->value(0).toString());
        if (!type) {
            fail(tr("The job database holds the unknown job type \"%1\"; a newer version of WebJobs may have "
                    "written it. Upgrade this program.")
                     .arg(query->value(0).toString()));
            return std::nullopt;
        }
        job.type = *type;
        job.name = query->value(1).toString();
        job.runCommand = query->value(2).toString();
        job.createdAt = instantAt(*query, 3);
        job.updatedAt = instantAt(*query, 4);
        jobs.append(job);
    }
    if (query->lastError().isValid()) {
        fail(failure.arg(reasonOf(query->lastError())));
        return std::nullopt;
    }
    return jobs;
}

// ---- Runs ----

std::optional<QString> JobStore::unfinishedRunOf(const QString& jobName)
{
    QSqlQuery* query = statement(u"SELECT id FROM runs WHERE job_name = ? AND status IN "_s + UnfinishedStatuses,
        {jobName}, tr("Cannot read the runs of the job %1 from the job database: %2.").arg(jobName));
    if (!query)
        return std::nullopt;
    const Finisher done(query);
    return query->next() ? query->value(0).toString() : QString();
}

JobStore::InsertRunResult JobStore::insertRun(const RunRecord& run)
{
    clearError();
    const auto busy = [&](const QString& otherId) {
        fail(tr("Cannot start a new run of the job %1 since it is already running (run %2). Wait for that run "
                "to finish, or stop it.")
                 .arg(run.jobName, otherId));
        return InsertRunResult::JobBusy;
    };
    const bool unfinished = isUnfinished(run.status);
    // The claim is this one statement, one round trip: an unfinished run that the partial unique
    // index refuses (another run of the job is unfinished, on any instance) inserts nothing
    // instead of failing, on both databases. A clash of ids still fails.
    QString sql = u"INSERT INTO runs (job_name, id, status, start_time, end_time, trigger_text, "
                  "arguments, exit_code, aborted_by, abort_reason, instance) "
                  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s;
    if (unfinished)
        sql += u" ON CONFLICT (job_name) WHERE status IN "_s + UnfinishedStatuses + u" DO NOTHING"_s;
    const QVariantList values {run.jobName, run.id, jobStatusName(run.status), ticks(run.startTime), ticks(run.endTime),
        run.trigger, run.arguments, run.exitCode ? QVariant(*run.exitCode) : QVariant(QMetaType::fromType<int>()),
        run.abortedBy, run.abortReason, text(run.instance)};
    const ConstraintReasons constraints {
        missingJobReason(JobType::Triggered, run.jobName), tr("the job already has a run with this id")};
    QString reason;
    // Twice at most: the run that held the claim may finish between the refusal and the look.
    for (int attempt = 0; attempt < 2; ++attempt) {
        QSqlQuery* query = execute(sql, values, &reason, constraints);
        if (!query)
            break;
        const int inserted = query->numRowsAffected();
        query->finish();
        if (inserted > 0 || !unfinished)
            return InsertRunResult::Inserted;
        // Claimed by another run: say which (a second look, only when the claim was refused).
        const std::optional<QString> other = unfinishedRunOf(run.jobName);
        if (!other)
            return InsertRunResult::Failed;
        if (!other->isEmpty() || attempt == 1)
            return busy(other->isEmpty() ? tr("unknown") : *other);
    }
    fail(tr("Cannot record the run %1 of the job %2 in the job database: %3.").arg(run.id, run.jobName, reason));
    return InsertRunResult::Failed;
}

bool JobStore::updateRun(const RunRecord& run)
{
    clearError();
    const std::optional<int> changed = write(u"UPDATE runs SET status = ?, end_time = ?, exit_code = ?, "
                                             "aborted_by = ?, abort_reason = ? WHERE job_name = ? AND id = ?"_s,
        {jobStatusName(run.status), ticks(run.endTime),
            run.exitCode ? QVariant(*run.exitCode) : QVariant(QMetaType::fromType<int>()), run.abortedBy,
            run.abortReason, run.jobName, run.id},
        tr("Cannot update the run %1 of the job %2 in the job database: %3.").arg(run.id, run.jobName));
    if (!changed)
        return false;
    if (*changed < 1) {
        fail(tr("Cannot update the run %1 of the job %2: the job database has no such run.").arg(run.id, run.jobName));
        return false;
    }
    return true;
}

std::optional<RunRecord> JobStore::run(const QString& jobName, const QString& id)
{
    clearError();
    const auto runs = queryRuns(u"SELECT "_s + RunColumns + u" FROM runs WHERE job_name = ? AND id = ?"_s,
        {jobName, id}, tr("Cannot read the run %1 of the job %2 from the job database: %3.").arg(id, jobName));
    if (!runs || runs->isEmpty())
        return std::nullopt;
    return runs->first();
}

std::optional<RunRecord> JobStore::latestRun(const QString& jobName)
{
    clearError();
    const auto runs = queryRuns(u"SELECT "_s + RunColumns + u" FROM runs WHERE job_name = ? ORDER BY id DESC LIMIT 1"_s,
        {jobName}, tr("Cannot read the latest run of the job %1 from the job database: %2.").arg(jobName));
    if (!runs || runs->isEmpty())
        return std::nullopt;
    return runs->first();
}

std::optional<QList<RunRecord>> JobStore::latestRuns()
{
    clearError();
    // One index seek per job (the subquery reads the primary key backwards), not a scan of runs.
    QString columns = RunColumns;
    columns.replace(u", "_s, u", r."_s).prepend(u"r."_s);
    return queryRuns(u"SELECT "_s + columns
            + u" FROM jobs j JOIN runs r ON r.job_name = j.name AND r.id = "
              "(SELECT m.id FROM runs m WHERE m.job_name = j.name ORDER BY m.id DESC LIMIT 1) "
              "WHERE j.type = 'triggered' ORDER BY j.name"_s,
        {}, tr("Cannot read the latest runs from the job database: %1."));
}

std::optional<QList<RunRecord>> JobStore::history(const QString& jobName, int offset, int limit)
{
    clearError();
    return queryRuns(u"SELECT "_s + RunColumns + u" FROM runs WHERE job_name = ? ORDER BY id DESC LIMIT ? OFFSET ?"_s,
        {jobName, qMax(0, limit), qMax(0, offset)},
        tr("Cannot read the history of the job %1 from the job database: %2.").arg(jobName));
}

std::optional<qint64> JobStore::runCount(const QString& jobName)
{
    clearError();
    const QString failure = tr("Cannot count the runs of the job %1 in the job database: %2.").arg(jobName);
    QSqlQuery* query = statement(u"SELECT COUNT(*) FROM runs WHERE job_name = ?"_s, {jobName}, failure);
    if (!query)
        return std::nullopt;
    const Finisher done(query);
    if (!query->next()) {
        fail(failure.arg(reasonOf(query->lastError())));
        return std::nullopt;
    }
    return query->value(0).toLongLong();
}

std::optional<QStringList> JobStore::pruneHistory(const QString& jobName, int keep)
{
    clearError();
    const QString failure = tr("Cannot remove the old runs of the job %1 from the job database: %2.").arg(jobName);
    QStringList removed;
    const bool ok = transaction([&] {
        QString cutoff;
        if (keep > 0) {
            QSqlQuery* query = statement(u"SELECT id FROM runs WHERE job_name = ? ORDER BY id DESC LIMIT 1 OFFSET ?"_s,
                {jobName, keep - 1}, failure);
            if (!query)
                return false;
            const Finisher done(query);
            if (!query->next())
                return true; // no more than `keep` runs
            cutoff = query->value(0).toString();
        }
        QSqlQuery* query = keep > 0 ? statement(u"DELETE FROM runs WHERE job_name = ? AND id < ? AND status NOT IN "_s
                                   + UnfinishedStatuses + u" RETURNING id"_s,
                               {jobName, cutoff}, failure)
                                    : statement(u"DELETE FROM runs WHERE job_name = ? AND status NOT IN "_s
                                            + UnfinishedStatuses + u" RETURNING id"_s,
                                        {jobName}, failure);
        if (!query)
            return false;
        const Finisher done(query);
        while (query->next())
            removed.append(query->value(0).toString());
        if (query->lastError().isValid()) {
            fail(failure.arg(reasonOf(query->lastError())));
            return false;
        }
        return true;
    });
    if (!ok)
        return std::nullopt;
    std::sort(removed.begin(), removed.end());
    return removed;
}

std::optional<QList<RunRecord>> JobStore::unfinishedRuns(const QString& instance)
{
    clearError();
    const QString failure = tr("Cannot read the unfinished runs from the job database: %1.");
    if (instance.isEmpty()) {
        return queryRuns(u"SELECT "_s + RunColumns + u" FROM runs WHERE status IN "_s + UnfinishedStatuses
                + u" ORDER BY job_name, id"_s,
            {}, failure);
    }
    return queryRuns(u"SELECT "_s + RunColumns + u" FROM runs WHERE status IN "_s + UnfinishedStatuses
            + u" AND instance = ? ORDER BY job_name, id"_s,
        {instance}, failure);
}

std::optional<QList<RunRecord>> JobStore::closeUnfinishedRuns(
    const QString& instance, JobStatus status, const QString& reason, Instant endTime, const QString& abortedBy)
{
    clearError();
    const QString sql = u"UPDATE runs SET status = ?, end_time = ?, abort_reason = ?, aborted_by = ? WHERE status IN "_s
        + UnfinishedStatuses + (instance.isEmpty() ? QString() : u" AND instance = ?"_s) + u" RETURNING "_s
        + RunColumns;
    QVariantList values {jobStatusName(status), ticks(endTime), reason, abortedBy};
    if (!instance.isEmpty())
        values.append(instance);
    std::optional<QList<RunRecord>> runs
        = queryRuns(sql, values, tr("Cannot close the unfinished runs in the job database: %1."));
    if (runs) {
        std::sort(runs->begin(), runs->end(), [](const RunRecord& a, const RunRecord& b) {
            return std::tie(a.jobName, a.id) < std::tie(b.jobName, b.id);
        });
    }
    return runs;
}

// ---- Schedule state ----

std::optional<ScheduleState> JobStore::scheduleState(const QString& jobName)
{
    clearError();
    const QString failure = tr("Cannot read the schedule state of the job %1 from the job database: %2.").arg(jobName);
    QSqlQuery* query
        = statement(u"SELECT job_name, created, last_scheduled, schedule_key FROM schedule_state WHERE job_name = ?"_s,
            {jobName}, failure);
    if (!query)
        return std::nullopt;
    const Finisher done(query);
    if (!query->next()) {
        if (query->lastError().isValid())
            fail(failure.arg(reasonOf(query->lastError())));
        return std::nullopt;
    }
    return ScheduleState {
        query->value(0).toString(), instantAt(*query, 1), instantAt(*query, 2), query->value(3).toString()};
}

bool JobStore::setScheduleState(const ScheduleState& state)
{
    clearError();
    return write(u"INSERT INTO schedule_state (job_name, created, last_scheduled, schedule_key) "
                 "VALUES (?, ?, ?, ?) ON CONFLICT (job_name) DO UPDATE SET created = excluded.created, "
                 "last_scheduled = excluded.last_scheduled, schedule_key = excluded.schedule_key"_s,
        {state.jobName, ticks(state.created), ticks(state.lastScheduled), text(state.scheduleKey)},
        tr("Cannot save the schedule state of the job %1 in the job database: %2.").arg(state.jobName),
        {missingJobReason(JobType::Triggered, state.jobName), {}})
        .has_value();
}

std::optional<bool> JobStore::claimScheduledTime(const QString& jobName, const QString& scheduleKey, Instant due)
{
    clearError();
    const std::optional<int> changed = write(u"UPDATE schedule_state SET last_scheduled = ? "
                                             "WHERE job_name = ? AND schedule_key = ? AND last_scheduled < ?"_s,
        {ticks(due), jobName, text(scheduleKey), ticks(due)},
        tr("Cannot record the scheduled time %1 of the job %2 in the job database: %3.").arg(due.toString(), jobName));
    if (!changed)
        return std::nullopt;
    return *changed == 1;
}

bool JobStore::removeScheduleState(const QString& jobName)
{
    clearError();
    return write(u"DELETE FROM schedule_state WHERE job_name = ?"_s, {jobName},
        tr("Cannot remove the schedule state of the job %1 from the job database: %2.").arg(jobName))
        .has_value();
}

// ---- Continuous status ----

bool JobStore::setContinuousStatus(const ContinuousStatusRecord& status)
{
    clearError();
    return write(u"INSERT INTO continuous_status (job_name, instance, status, pid, updated) "
                 "VALUES (?, ?, ?, ?, ?) ON CONFLICT (job_name, instance) DO UPDATE SET "
                 "status = excluded.status, pid = excluded.pid, updated = excluded.updated"_s,
        {status.jobName, text(status.instance), jobStatusName(status.status), status.pid, ticks(status.updated)},
        tr("Cannot save the status of the job %1 on the instance %2 in the job database: %3.")
            .arg(status.jobName, status.instance),
        {missingJobReason(JobType::Continuous, status.jobName), {}})
        .has_value();
}

std::optional<QList<ContinuousStatusRecord>> JobStore::queryStatuses(
    const QString& sql, const QVariantList& values, const QString& failure)
{
    QSqlQuery* query = statement(sql, values, failure);
    if (!query)
        return std::nullopt;
    const Finisher done(query);
    QList<ContinuousStatusRecord> statuses;
    while (query->next()) {
        const std::optional<JobStatus> status = readStatus(query->value(2).toString());
        if (!status)
            return std::nullopt;
        statuses.append({query->value(0).toString(), query->value(1).toString(), *status, query->value(3).toLongLong(),
            instantAt(*query, 4)});
    }
    if (query->lastError().isValid()) {
        fail(failure.arg(reasonOf(query->lastError())));
        return std::nullopt;
    }
    return statuses;
}

std::optional<QList<ContinuousStatusRecord>> JobStore::continuousStatuses(const QString& jobName)
{
    clearError();
    return queryStatuses(u"SELECT job_name, instance, status, pid, updated FROM continuous_status "
                         "WHERE job_name = ? ORDER BY instance"_s,
        {jobName}, tr("Cannot read the status of the job %1 from the job database: %2.").arg(jobName));
}

std::optional<QList<ContinuousStatusRecord>> JobStore::allContinuousStatuses()
{
    clearError();
    return queryStatuses(u"SELECT job_name, instance, status, pid, updated FROM continuous_status "
                         "ORDER BY job_name, instance"_s,
        {}, tr("Cannot read the status of the continuous jobs from the job database: %1."));
}

bool JobStore::removeContinuousStatus(const QString& jobName, const QString& instance)
{
    clearError();
    return write(u"DELETE FROM continuous_status WHERE job_name = ? AND instance = ?"_s, {jobName, text(instance)},
        tr("Cannot remove the status of the job %1 on the instance %2 from the job database: %3.")
            .arg(jobName, instance))
        .has_value();
}

// ---- Processes ----

bool JobStore::addProcess(const ProcessRecord& process)
{
    clearError();
    return write(u"INSERT INTO processes (instance, pid, pgid, job_type, job_name, run_id, started) "
                 "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (instance, pid) DO UPDATE SET "
                 "pgid = excluded.pgid, job_type = excluded.job_type, job_name = excluded.job_name, "
                 "run_id = excluded.run_id, started = excluded.started"_s,
        {text(process.instance), process.pid, process.pgid, jobTypeName(process.type), text(process.jobName),
            process.runId, ticks(process.started)},
        tr("Cannot record the process %1 of the job %2 in the job database: %3.")
            .arg(QString::number(process.pid), process.jobName))
        .has_value();
}

bool JobStore::removeProcess(const QString& instance, qint64 pid)
{
    clearError();
    return write(u"DELETE FROM processes WHERE instance = ? AND pid = ?"_s, {text(instance), pid},
        tr("Cannot remove the process %1 from the job database: %2.").arg(QString::number(pid)))
        .has_value();
}

std::optional<QList<ProcessRecord>> JobStore::processes(const QString& instance)
{
    clearError();
    const QString columns = u"SELECT pgid, pid, job_type, job_name, run_id, instance, started FROM processes"_s;
    const QString failure = tr("Cannot read the recorded processes from the job database: %1.");
    QSqlQuery* query = instance.isEmpty()
        ? statement(columns + u" ORDER BY instance, started, pid"_s, {}, failure)
        : statement(columns + u" WHERE instance = ? ORDER BY started, pid"_s, {instance}, failure);
    if (!query)
        return std::nullopt;
    const Finisher done(query);
    QList<ProcessRecord> processes;
    while (query->next()) {
        const std::optional<JobType> type = jobTypeFromName(query->value(2).toString());
        if (!type) {
            fail(failure.arg(tr("unknown job type \"%1\"").arg(query->value(2).toString())));
            return std::nullopt;
        }
        processes.append({query->value(0).toLongLong(), query->value(1).toLongLong(), *type, query->value(3).toString(),
            query->value(4).toString(), query->value(5).toString(), instantAt(*query, 6)});
    }
    if (query->lastError().isValid()) {
        fail(failure.arg(reasonOf(query->lastError())));
        return std::nullopt;
    }
    return processes;
}

// ---- Instances ----

bool JobStore::registerInstance(const InstanceRecord& instance)
{
    clearError();
    return write(u"INSERT INTO instances (instance, host_name, pid, started, heartbeat) "
                 "VALUES (?, ?, ?, ?, ?) ON CONFLICT (instance) DO UPDATE SET "
                 "host_name = excluded.host_name, pid = excluded.pid, started = excluded.started, "
                 "heartbeat = excluded.heartbeat"_s,
        {instance.instance, instance.hostName, instance.pid, ticks(instance.started), ticks(instance.heartbeat)},
        tr("Cannot register the instance %1 in the job database: %2.").arg(instance.instance))
        .has_value();
}

bool JobStore::touchInstance(const QString& instance, Instant heartbeat)
{
    clearError();
    const std::optional<int> changed
        = write(u"UPDATE instances SET heartbeat = ? WHERE instance = ?"_s, {ticks(heartbeat), instance},
            tr("Cannot record that the instance %1 is alive in the job database: %2.").arg(instance));
    if (!changed)
        return false;
    if (*changed < 1) {
        fail(tr("The instance %1 is not registered in the job database: another instance may have taken it for "
                "dead and taken over its work. Register it again.")
                 .arg(instance));
        return false;
    }
    return true;
}

std::optional<QList<InstanceRecord>> JobStore::instances()
{
    clearError();
    const QString failure = tr("Cannot read the list of instances from the job database: %1.");
    QSqlQuery* query = statement(
        u"SELECT instance, host_name, pid, started, heartbeat FROM instances ORDER BY instance"_s, {}, failure);
    if (!query)
        return std::nullopt;
    const Finisher done(query);
    QList<InstanceRecord> instances;
    while (query->next()) {
        instances.append({query->value(0).toString(), query->value(1).toString(), query->value(2).toLongLong(),
            instantAt(*query, 3), instantAt(*query, 4)});
    }
    if (query->lastError().isValid()) {
        fail(failure.arg(reasonOf(query->lastError())));
        return std::nullopt;
    }
    return instances;
}

bool JobStore::removeInstance(const QString& instance)
{
    clearError();
    return write(u"DELETE FROM instances WHERE instance = ?"_s, {instance},
        tr("Cannot remove the instance %1 from the job database: %2.").arg(instance))
        .has_value();
}

// ---- Several instances ----

std::optional<JobStore::Reaped> JobStore::reapInstance(
    const QString& instance, Instant heartbeatBefore, const QString& reason, Instant now)
{
    clearError();
    Reaped result;
    const bool ok = transaction([&] {
        const QString failure
            = tr("Cannot take over the work of the instance %1 in the job database: %2.").arg(instance);
        const std::optional<int> removed = write(u"DELETE FROM instances WHERE instance = ? AND heartbeat < ?"_s,
            {instance, ticks(heartbeatBefore)}, failure);
        if (!removed)
            return false;
        if (*removed == 0)
            return true; // alive again, or reaped by another instance
        result.reaped = true;
        const std::optional<QList<RunRecord>> closed
            = closeUnfinishedRuns(instance, JobStatus::Aborted, reason, now, u"agent"_s);
        if (!closed)
            return false;
        result.closedRuns = *closed;
        const std::optional<QList<ContinuousStatusRecord>> statuses = allContinuousStatuses();
        if (!statuses)
            return false;
        for (const ContinuousStatusRecord& status : *statuses) {
            if (status.instance == instance)
                result.continuousJobs.append(status.jobName);
        }
        return write(u"DELETE FROM continuous_status WHERE instance = ?"_s, {instance}, failure).has_value()
            && write(u"DELETE FROM processes WHERE instance = ?"_s, {instance}, failure).has_value()
            && write(u"DELETE FROM continuous_owner WHERE instance = ?"_s, {instance}, failure).has_value();
    });
    if (!ok)
        return std::nullopt;
    return result;
}

bool JobStore::savePackage(const Package& package)
{
    clearError();
    return write(u"INSERT INTO packages (type, name, digest, file_name, is_zip, content, settings, disabled) "
                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                 "ON CONFLICT (type, name) DO UPDATE SET digest = excluded.digest, file_name = excluded.file_name, "
                 "is_zip = excluded.is_zip, content = excluded.content, settings = excluded.settings, "
                 "disabled = excluded.disabled"_s,
        {jobTypeName(package.type), package.name, package.digest, text(package.fileName), package.isZip ? 1 : 0,
            package.content, settingsValue(package.files.settings), package.files.disabled ? 1 : 0},
        tr("Cannot save the package of the job %1 in the job database: %2.").arg(package.name),
        {missingJobReason(package.type, package.name), {}})
        .has_value();
}

std::optional<bool> JobStore::saveJobFiles(JobType type, const QString& name, const JobFiles& files)
{
    clearError();
    const std::optional<int> changed
        = write(u"UPDATE packages SET settings = ?, disabled = ? WHERE type = ? AND name = ?"_s,
            {settingsValue(files.settings), files.disabled ? 1 : 0, jobTypeName(type), name},
            tr("Cannot save the settings of the job %1 in the job database: %2.").arg(name));
    if (!changed)
        return std::nullopt;
    return *changed > 0;
}

std::optional<QList<JobStore::Package>> JobStore::packageDigests()
{
    clearError();
    const QString failure = tr("Cannot read the list of packages from the job database: %1.");
    QSqlQuery* query
        = statement(u"SELECT type, name, digest, settings, disabled FROM packages ORDER BY type, name"_s, {}, failure);
    if (!query)
        return std::nullopt;
    const Finisher done(query);
    QList<Package> packages;
    while (query->next()) {
        const std::optional<JobType> type = jobTypeFromName(query->value(0).toString());
        if (!type)
            continue;
        Package package;
        package.type = *type;
        package.name = query->value(1).toString();
        package.digest = query->value(2).toString();
        package.files = jobFilesAt(*query, 3);
        packages.append(package);
    }
    if (query->lastError().isValid()) {
        fail(failure.arg(reasonOf(query->lastError())));
        return std::nullopt;
    }
    return packages;
}

std::optional<JobStore::Package> JobStore::package(JobType type, const QString& name)
{
    clearError();
    const QString failure = tr("Cannot read the package of the job %1 from the job database: %2.").arg(name);
    QSqlQuery* query = statement(u"SELECT digest, file_name, is_zip, content, settings, disabled FROM packages "
                                 "WHERE type = ? AND name = ?"_s,
        {jobTypeName(type), name}, failure);
    if (!query)
        return std::nullopt;
    const Finisher done(query);
    if (!query->next()) {
        if (query->lastError().isValid())
            fail(failure.arg(reasonOf(query->lastError())));
        return std::nullopt;
    }
    return Package {type, name, query->value(0).toString(), query->value(1).toString(), query->value(2).toInt() != 0,
        query->value(3).toByteArray(), jobFilesAt(*query, 4)};
}

bool JobStore::appendRunLog(const QString& jobName, const QString& id, qint64 at, const QByteArray& bytes)
{
    clearError();
    const QString failure
        = tr("Cannot copy the log of run %1 of the job %2 into the job database: %3.").arg(id, jobName);
    for (qint64 done = 0; done < bytes.size(); done += RunLogPieceBytes) {
        const QByteArray piece = bytes.mid(done, RunLogPieceBytes);
        if (!write(u"INSERT INTO run_log_pieces (job_name, id, first_byte, content) VALUES (?, ?, ?, ?) "
                   "ON CONFLICT (job_name, id, first_byte) DO UPDATE SET content = excluded.content"_s,
                {jobName, id, at + done, piece}, failure))
            return false;
    }
    return true;
}

bool JobStore::clearRunLog(const QString& jobName, const QString& id)
{
    clearError();
    return write(u"DELETE FROM run_log_pieces WHERE job_name = ? AND id = ?"_s, {jobName, id},
        tr("Cannot copy the log of run %1 of the job %2 into the job database: %3.").arg(id, jobName))
        .has_value();
}

std::optional<QVariant> JobStore::readValue(const QString& sql, const QVariantList& values, const QString& failure)
{
    QSqlQuery* query = statement(sql, values, failure);
    if (!query)
        return std::nullopt;
    const Finisher done(query);
    if (!query->next()) {
        if (query->lastError().isValid())
            fail(failure.arg(reasonOf(query->lastError())));
        return std::nullopt;
    }
    return query->value(0);
}

bool JobStore::readRows(const QString& sql, const QVariantList& values, const QString& failure,
    const std::function<void(const QSqlQuery&)>& row)
{
    QSqlQuery* query = statement(sql, values, failure);
    if (!query)
        return false;
    const Finisher done(query);
    while (query->next())
        row(*query);
    if (query->lastError().isValid()) {
        fail(failure.arg(reasonOf(query->lastError())));
        return false;
    }
    return true;
}

std::optional<qint64> JobStore::runLogSize(const QString& jobName, const QString& id)
{
    clearError();
    // The last piece ends the copy (the primary key's order, read backwards).
    const auto size = readValue(u"SELECT first_byte + length(content) FROM run_log_pieces "
                                "WHERE job_name = ? AND id = ? ORDER BY first_byte DESC LIMIT 1"_s,
        {jobName, id}, tr("Cannot read the log of run %1 of the job %2 from the job database: %3.").arg(id, jobName));
    return size ? std::optional<qint64>(size->toLongLong()) : std::nullopt;
}

std::optional<QByteArray> JobStore::runLog(const QString& jobName, const QString& id, qint64 from, qint64 atMost)
{
    clearError();
    const QString failure
        = tr("Cannot read the log of run %1 of the job %2 from the job database: %3.").arg(id, jobName);
    // Pieces are at most RunLogPieceBytes long: this many rows hold `atMost` bytes from `from`.
    const qint64 rows = atMost < 0 ? std::numeric_limits<qint32>::max() : atMost / RunLogPieceBytes + 2;
    QSqlQuery* query = statement(u"SELECT first_byte, content FROM run_log_pieces "
                                 "WHERE job_name = ? AND id = ? AND first_byte + length(content) > ? "
                                 "ORDER BY first_byte LIMIT ?"_s,
        {jobName, id, from, rows}, failure);
    if (!query)
        return std::nullopt;
    const Finisher done(query);
    QByteArray content;
    bool any = false;
    qint64 next = from;
    while (query->next()) {
        const qint64 first = query->value(0).toLongLong();
        const QByteArray piece = query->value(1).toByteArray();
        if (first > next) // a hole: what follows it is not part of the copy yet
            break;
        any = true;
        content.append(piece.mid(next - first));
        next = first + piece.size();
        if (atMost >= 0 && content.size() >= atMost)
            break;
    }
    if (query->lastError().isValid()) {
        fail(failure.arg(reasonOf(query->lastError())));
        return std::nullopt;
    }
    if (!any && from == 0)
        return std::nullopt;
    if (atMost >= 0 && content.size() > atMost)
        content.truncate(atMost);
    return content;
}

std::optional<qint64> JobStore::appendContinuousLog(
    const QString& jobName, const QString& instance, const QByteArray& lines, qint64 keep)
{
    clearError();
    const QString failure = tr("Cannot share the log lines of the job %1 with the other instances: %2.").arg(jobName);
    qint64 seq = 0;
    const bool done = transaction([&] {
        // One instance writes its own pieces of a job: the next number is free.
        const auto last = readValue(
            u"SELECT COALESCE(MAX(seq), 0) FROM continuous_log_pieces WHERE job_name = ? AND instance = ?"_s,
            {jobName, instance}, failure);
        if (!last)
            return false;
        seq = last->toLongLong() + 1;
        return write(u"INSERT INTO continuous_log_pieces (job_name, instance, seq, content) VALUES (?, ?, ?, ?)"_s,
                   {jobName, instance, seq, lines}, failure, {missingJobReason(JobType::Continuous, jobName), {}})
                   .has_value()
            && write(u"DELETE FROM continuous_log_pieces WHERE job_name = ? AND instance = ? AND seq <= ?"_s,
                {jobName, instance, seq - keep}, failure)
                   .has_value();
    });
    return done ? std::optional<qint64>(seq) : std::nullopt;
}

std::optional<QList<JobStore::LogHead>> JobStore::continuousLogHeads(const QString& exceptInstance)
{
    clearError();
    QList<LogHead> heads;
    if (!readRows(u"SELECT job_name, instance, MAX(seq) FROM continuous_log_pieces "
                  "WHERE instance <> ? GROUP BY job_name, instance"_s,
            {exceptInstance}, tr("Cannot read the log lines that the other instances shared: %1."),
            [&](const QSqlQuery& row) {
                heads.append({row.value(0).toString(), row.value(1).toString(), row.value(2).toLongLong()});
            }))
        return std::nullopt;
    return heads;
}

std::optional<QList<JobStore::LogPiece>> JobStore::continuousLog(
    const QString& jobName, const QString& instance, qint64 after)
{
    clearError();
    QList<LogPiece> pieces;
    if (!readRows(u"SELECT seq, content FROM continuous_log_pieces "
                  "WHERE job_name = ? AND instance = ? AND seq > ? ORDER BY seq"_s,
            {jobName, instance, after}, tr("Cannot read the log lines that the other instances shared: %1."),
            [&](const QSqlQuery& row) {
                pieces.append({row.value(0).toLongLong(), row.value(1).toByteArray()});
            }))
        return std::nullopt;
    return pieces;
}

std::optional<QList<JobStore::WebHook>> JobStore::webHooks()
{
    clearError();
    QList<WebHook> hooks;
    if (!readRows(u"SELECT id, event, url, insecure_ssl FROM web_hooks ORDER BY id"_s, {},
            tr("Cannot read the web hooks from the job database: %1."), [&](const QSqlQuery& row) {
                hooks.append({row.value(0).toString(), row.value(1).toString(), row.value(2).toString(),
                    row.value(3).toInt() != 0});
            }))
        return std::nullopt;
    return hooks;
}

std::optional<JobStore::WebHook> JobStore::addWebHook(const WebHook& hook)
{
    clearError();
    const QString failure = tr("Cannot save the web hook %1 in the job database: %2.").arg(hook.url);
    if (!write(u"INSERT INTO web_hooks (id, event, url, insecure_ssl) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING"_s,
            {hook.id, hook.event, hook.url, int(hook.insecureSsl)}, failure))
        return std::nullopt;
    QSqlQuery* query = statement(
        u"SELECT id, event, url, insecure_ssl FROM web_hooks WHERE lower(url) = lower(?)"_s, {hook.url}, failure);
    if (!query)
        return std::nullopt;
    const Finisher done(query);
    if (!query->next()) {
        // Removed again in between: what was asked stands.
        fail(failure.arg(query->lastError().isValid() ? reasonOf(query->lastError())
                                                      : tr("another instance removed it at the same time")));
        return std::nullopt;
    }
    return WebHook {query->value(0).toString(), query->value(1).toString(), query->value(2).toString(),
        query->value(3).toInt() != 0};
}

bool JobStore::removeWebHook(const QString& id)
{
    clearError();
    return write(u"DELETE FROM web_hooks WHERE lower(id) = lower(?)"_s, {id},
        tr("Cannot remove the web hook %1 from the job database: %2.").arg(id))
        .has_value();
}

std::optional<bool> JobStore::claimContinuous(const QString& jobName, const QString& instance)
{
    clearError();
    const QString failure = tr("Cannot claim the singleton job %1 in the job database: %2.").arg(jobName);
    // Taken when free, already ours, or held by an instance that is no longer registered.
    if (!write(u"INSERT INTO continuous_owner (job_name, instance) VALUES (?, ?) ON CONFLICT (job_name) DO UPDATE "
               "SET instance = excluded.instance WHERE continuous_owner.instance = excluded.instance OR NOT EXISTS "
               "(SELECT 1 FROM instances i WHERE i.instance = continuous_owner.instance)"_s,
            {jobName, instance}, failure, {missingJobReason(JobType::Continuous, jobName), {}}))
        return std::nullopt;
    QSqlQuery* query = statement(u"SELECT instance FROM continuous_owner WHERE job_name = ?"_s, {jobName}, failure);
    if (!query)
        return std::nullopt;
    const Finisher done(query);
    if (!query->next()) {
        if (query->lastError().isValid()) {
            fail(failure.arg(reasonOf(query->lastError())));
            return std::nullopt;
        }
        return false;
    }
    return query->value(0).toString() == instance;
}

std::optional<bool> JobStore::requestAbort(
    const QString& jobName, const QString& id, const QString& who, const QString& why)
{
    clearError();
    const std::optional<int> changed = write(u"UPDATE runs SET aborted_by = ?, abort_reason = ? "
                                             "WHERE job_name = ? AND id = ? AND status IN "_s
            + UnfinishedStatuses,
        {text(who), text(why), jobName, id},
        tr("Cannot ask for the abort of run %1 of the job %2 in the job database: %3.").arg(id, jobName));
    if (!changed)
        return std::nullopt;
    return *changed == 1;
}

bool JobStore::releaseContinuous(const QString& jobName, const QString& instance)
{
    clearError();
    return write(u"DELETE FROM continuous_owner WHERE job_name = ? AND instance = ?"_s, {jobName, instance},
        tr("Cannot release the singleton job %1 in the job database: %2.").arg(jobName))
        .has_value();
}

} // namespace WebJobs
