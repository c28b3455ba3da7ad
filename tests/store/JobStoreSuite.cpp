#include "JobStoreSuite.h"

#include "core/model/Duration.h"
#include "core/store/DatabaseLocation.h"
#include "tests/support/ReadOnlyStore.h"

#include <QElapsedTimer>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

#include <atomic>
#include <functional>
#include <stdexcept>
#include <vector>

using namespace Qt::StringLiterals;
using namespace WebJobs;

Q_DECLARE_METATYPE(WebJobs::JobStatus)
Q_DECLARE_METATYPE(WebJobs::JobStore::InsertRunResult)

// ---- Printing records in failure messages ----

namespace WebJobs {

char* toString(const JobRecord& job)
{
    return qstrdup(
        u"JobRecord(%1, %2, %3, %4, %5)"_s
            .arg(jobTypeName(job.type), job.name, job.runCommand, job.createdAt.toString(), job.updatedAt.toString())
            .toUtf8()
            .constData());
}

char* toString(const RunRecord& run)
{
    return qstrdup(
        u"RunRecord(%1/%2, %3, %4 - %5, trigger=%6, args=%7, exit=%8, by=%9, reason=%10, on=%11)"_s
            .arg(run.jobName, run.id, jobStatusName(run.status), run.startTime.toString(), run.endTime.toString(),
                run.trigger, run.arguments, run.exitCode ? QString::number(*run.exitCode) : u"null"_s, run.abortedBy)
            .arg(run.abortReason, run.instance)
            .toUtf8()
            .constData());
}

char* toString(const ScheduleState& state)
{
    return qstrdup(u"ScheduleState(%1, created=%2, last=%3, key=%4)"_s
                       .arg(state.jobName, state.created.toString(), state.lastScheduled.toString(), state.scheduleKey)
                       .toUtf8()
                       .constData());
}

char* toString(const ContinuousStatusRecord& status)
{
    return qstrdup(u"ContinuousStatus(%1 on %2, %3, pid=%4, %5)"_s
                       .arg(status.jobName, status.instance, jobStatusName(status.status), QString::number(status.pid),
                           status.updated.toString())
                       .toUtf8()
                       .constData());
}

char* toString(const ProcessRecord& process)
{
    return qstrdup(u"Process(%1/%2, pgid=%3, pid=%4, %5 %6 run=%7, %8)"_s
                       .arg(process.instance, QString::number(process.pid), QString::number(process.pgid),
                           QString::number(process.pid), jobTypeName(process.type), process.jobName, process.runId,
                           process.started.toString())
                       .toUtf8()
                       .constData());
}

char* toString(const InstanceRecord& instance)
{
    return qstrdup(u"Instance(%1, %2, pid=%3, started=%4, heartbeat=%5)"_s
                       .arg(instance.instance, instance.hostName, QString::number(instance.pid),
                           instance.started.toString(), instance.heartbeat.toString())
                       .toUtf8()
                       .constData());
}

} // namespace WebJobs

// ---- RawConnection ----

namespace {
std::atomic<int> s_rawConnections {0};
} // namespace

RawConnection::RawConnection(const QString& databaseUrl)
    : m_name(u"raw-test-connection-%1"_s.arg(++s_rawConnections))
{
    const std::optional<DatabaseLocation> location = DatabaseLocation::parse(databaseUrl);
    if (!location) {
        qWarning("RawConnection: bad address %s", qPrintable(databaseUrl));
        return;
    }
    m_db = QSqlDatabase::addDatabase(location->driverName(), m_name);
    if (location->kind() == DatabaseLocation::Kind::Sqlite) {
        m_db.setDatabaseName(location->filePath());
    } else {
        m_db.setHostName(location->hostName());
        if (location->port() >= 0)
            m_db.setPort(location->port());
        m_db.setDatabaseName(location->databaseName());
        m_db.setUserName(location->userName());
        m_db.setPassword(location->password());
        m_db.setConnectOptions(location->connectOptions());
    }
    if (!m_db.open())
        qWarning("RawConnection: %s", qPrintable(m_db.lastError().text()));
}

RawConnection::~RawConnection()
{
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_name);
}

bool RawConnection::exec(const QString& sql)
{
    QSqlQuery query(m_db);
    if (query.exec(sql))
        return true;
    qWarning("RawConnection: %s: %s", qPrintable(sql), qPrintable(query.lastError().text()));
    return false;
}

QVariant RawConnection::value(const QString& sql)
{
    QSqlQuery query(m_db);
    if (!query.exec(sql) || !query.next()) {
        qWarning("RawConnection: %s: %s", qPrintable(sql), qPrintable(query.lastError().text()));
        return {};
    }
    return query.value(0);
}

// ---- Fixtures ----

namespace {

#define STORE_VERIFY(store, expr) QVERIFY2(expr, qPrintable((store)->errorString()))

// A fixed origin for times and run ids: 2024-09-04T13:33:18Z plus `seconds`.
Instant at(qint64 seconds)
{
    return *Instant::fromRunId(u"202409041333180000") + Duration::fromSeconds(seconds);
}

QString runId(qint64 seconds)
{
    return at(seconds).toRunId();
}

JobRecord triggeredJob(const QString& name)
{
    return {JobType::Triggered, name, u"run.sh"_s, at(0), at(0)};
}

JobRecord continuousJob(const QString& name)
{
    return {JobType::Continuous, name, u"worker.py"_s, at(0), at(0)};
}

// A run that started `seconds` after the origin; finished runs last 5 s with exit code 0.
RunRecord makeRun(const QString& jobName, qint64 seconds, JobStatus status = JobStatus::Success,
    const QString& instance = u"a1b2c3"_s)
{
    RunRecord run;
    run.jobName = jobName;
    run.id = runId(seconds);
    run.status = status;
    run.startTime = at(seconds);
    if (isFinalRunStatus(status)) {
        run.endTime = at(seconds + 5);
        run.exitCode = status == JobStatus::Success ? 0 : 1;
    }
    run.trigger = u"Schedule - 0 */5 * * * *"_s;
    run.instance = instance;
    return run;
}

QStringList idsOf(const QList<RunRecord>& runs)
{
    QStringList ids;
    for (const RunRecord& run : runs)
        ids.append(run.id);
    return ids;
}

QStringList runIds(const QList<int>& seconds)
{
    QStringList ids;
    for (int s : seconds)
        ids.append(runId(s));
    return ids;
}

} // namespace

std::unique_ptr<JobStore> JobStoreSuite::openFresh()
{
    m_url = newDatabaseUrl();
    return reopen();
}

std::unique_ptr<JobStore> JobStoreSuite::reopen()
{
    QString error;
    std::unique_ptr<JobStore> store = JobStore::open(m_url, &error);
    if (!store)
        qWarning("Cannot open %s: %s", qPrintable(m_url), qPrintable(error));
    return store;
}

// ---- Opening and migrations ----

void JobStoreSuite::openCreatesTheSchema()
{
    auto store = openFresh();
    QVERIFY(store);
    QCOMPARE(store->schemaVersion(), JobStore::latestSchemaVersion());
    const auto jobs = store->jobs();
    STORE_VERIFY(store, jobs);
    QVERIFY(jobs->isEmpty());

    RawConnection raw(m_url);
    QVERIFY(raw.isOpen());
    QCOMPARE(raw.value(u"SELECT COUNT(*) FROM schema_version"_s).toInt(), JobStore::migrations().size());
    QCOMPARE(raw.value(u"SELECT MAX(version) FROM schema_version"_s).toInt(), JobStore::latestSchemaVersion());
    for (const QString& table :
        {u"jobs"_s, u"runs"_s, u"schedule_state"_s, u"continuous_status"_s, u"processes"_s, u"instances"_s}) {
        QVERIFY2(raw.exec(u"SELECT COUNT(*) FROM "_s + table), qPrintable(table));
    }
}

void JobStoreSuite::reopenIsIdempotent()
{
    auto store = openFresh();
    QVERIFY(store);
    STORE_VERIFY(store, store->upsertJob(triggeredJob(u"nightly"_s)));
    store.reset();

    for (int i = 0; i < 2; ++i) {
        store = reopen();
        QVERIFY(store);
        QCOMPARE(store->schemaVersion(), JobStore::latestSchemaVersion());
        const auto job = store->job(JobType::Triggered, u"nightly"_s);
        STORE_VERIFY(store, job);
        QCOMPARE(*job, triggeredJob(u"nightly"_s));
        store.reset();
    }
    RawConnection raw(m_url);
    QCOMPARE(raw.value(u"SELECT COUNT(*) FROM schema_version"_s).toInt(), JobStore::migrations().size());
}

void JobStoreSuite::addedMigrationStepAppliesOnce()
{
    const QList<JobStore::Migration> one {{1, {u"CREATE TABLE things (n BIGINT NOT NULL)"_s}}};
    QList<JobStore::Migration> two = one;
    two.append({2, {u"INSERT INTO things (n) VALUES (42)"_s, u"INSERT INTO things (n) VALUES (43)"_s}});

    // From an empty database, the steps apply in order.
    QString error;
    const QString fromEmpty = newDatabaseUrl();
    auto store = JobStore::open(fromEmpty, two, &error);
    QVERIFY2(store, qPrintable(error));
    QCOMPARE(store->schemaVersion(), 2);
    store.reset();
    {
        RawConnection raw(fromEmpty);
        QCOMPARE(raw.value(u"SELECT COUNT(*) FROM things"_s).toInt(), 2);
    }

    // A database at version 1 gets only step 2, once, however often it is opened.
    m_url = newDatabaseUrl();
    store = JobStore::open(m_url, one, &error);
    QVERIFY2(store, qPrintable(error));
    QCOMPARE(store->schemaVersion(), 1);
    store.reset();
    for (int i = 0; i < 2; ++i) {
        store = JobStore::open(m_url, two, &error);
        QVERIFY2(store, qPrintable(error));
        QCOMPARE(store->schemaVersion(), 2);
        store.reset();
    }
    RawConnection raw(m_url);
    QCOMPARE(raw.value(u"SELECT COUNT(*) FROM things"_s).toInt(), 2);
    QCOMPARE(raw.value(u"SELECT COUNT(*) FROM schema_version"_s).toInt(), 2);
}

void JobStoreSuite::failedMigrationStepRollsBack()
{
    const QList<JobStore::Migration> one {{1, {u"CREATE TABLE things (n BIGINT NOT NULL)"_s}}};
    QList<JobStore::Migration> broken = one;
    broken.append({2,
        {u"CREATE TABLE others (n BIGINT NOT NULL)"_s, u"INSERT INTO things (n) VALUES (1)"_s,
            u"INSERT INTO no_such_table (n) VALUES (1)"_s}});

    m_url = newDatabaseUrl();
    QString error;
    auto store = JobStore::open(m_url, broken, &error);
    QVERIFY(!store);
    QVERIFY2(error.contains(u"schema version 2"_s), qPrintable(error));
    QVERIFY2(error.contains(u"stays at version 1"_s), qPrintable(error));

    // Step 1 was kept, step 2 left nothing behind.
    store = JobStore::open(m_url, one, &error);
    QVERIFY2(store, qPrintable(error));
    QCOMPARE(store->schemaVersion(), 1);
    store.reset();
    RawConnection raw(m_url);
    QCOMPARE(raw.value(u"SELECT COUNT(*) FROM things"_s).toInt(), 0);
    QSqlQuery others(raw.database());
    QVERIFY(!others.exec(u"SELECT COUNT(*) FROM others"_s));
}

void JobStoreSuite::newerSchemaIsRefused()
{
    QVERIFY(openFresh());
    const int newer = JobStore::latestSchemaVersion() + 1;
    {
        RawConnection raw(m_url);
        QVERIFY(raw.exec(u"INSERT INTO schema_version (version, applied_at) VALUES (%1, 0)"_s.arg(newer)));
    }
    QString error;
    const auto store = JobStore::open(m_url, &error);
    QVERIFY(!store);
    QVERIFY2(error.contains(u"newer version"_s), qPrintable(error));
    QVERIFY2(error.contains(u"schema version %1"_s.arg(newer)), qPrintable(error));
    QVERIFY2(error.contains(u"Upgrade this program"_s), qPrintable(error));
}

// ---- Jobs ----

void JobStoreSuite::jobsCrud()
{
    auto store = openFresh();
    QVERIFY(store);
    const JobRecord nightly {JobType::Triggered, u"nightly"_s, u"run.sh"_s, at(0), at(0)};
    const JobRecord worker {JobType::Continuous, u"nightly"_s, u"worker.py"_s, at(1), at(1)};
    const JobRecord alpha {JobType::Triggered, u"alpha"_s, u"inner/run.cmd"_s, at(2), at(2)};
    for (const JobRecord& job : {nightly, worker, alpha})
        STORE_VERIFY(store, store->upsertJob(job));

    auto jobs = store->jobs();
    STORE_VERIFY(store, jobs);
    QCOMPARE(*jobs, (QList<JobRecord> {worker, alpha, nightly}));

    // An update keeps the creation time.
    JobRecord changed = nightly;
    changed.runCommand = u"inner/run.sh"_s;
    changed.createdAt = at(50);
    changed.updatedAt = at(60);
    STORE_VERIFY(store, store->upsertJob(changed));
    auto job = store->job(JobType::Triggered, u"nightly"_s);
    STORE_VERIFY(store, job);
    QCOMPARE(job->runCommand, u"inner/run.sh"_s);
    QCOMPARE(job->createdAt, at(0));
    QCOMPARE(job->updatedAt, at(60));

    job = store->job(JobType::Triggered, u"missing"_s);
    QVERIFY(!job);
    QVERIFY2(!store->hasError(), qPrintable(store->errorString()));

    STORE_VERIFY(store, store->removeJob(JobType::Triggered, u"nightly"_s));
    QVERIFY(!store->job(JobType::Triggered, u"nightly"_s));
    QVERIFY(!store->hasError());
    job = store->job(JobType::Continuous, u"nightly"_s);
    STORE_VERIFY(store, job);
    QCOMPARE(*job, worker);
    STORE_VERIFY(store, store->removeJob(JobType::Triggered, u"never-existed"_s));
    jobs = store->jobs();
    STORE_VERIFY(store, jobs);
    QCOMPARE(jobs->size(), 2);
}

// ---- Runs ----

void JobStoreSuite::runInsertAndUpdate()
{
    auto store = openFresh();
    QVERIFY(store);
    STORE_VERIFY(store, store->upsertJob(triggeredJob(u"nightly"_s)));

    RunRecord run = makeRun(u"nightly"_s, 0, JobStatus::Initializing);
    run.trigger = u"External - curl/8.5.0"_s;
    run.arguments = u"--full --since yesterday"_s;
    QCOMPARE(store->insertRun(run), JobStore::InsertRunResult::Inserted);
    QVERIFY(!store->hasError());
    auto read = store->run(u"nightly"_s, run.id);
    STORE_VERIFY(store, read);
    QCOMPARE(*read, run);
    QVERIFY(read->endTime.isNull());
    QVERIFY(!read->exitCode);

    run.status = JobStatus::Running;
    STORE_VERIFY(store, store->updateRun(run));
    QCOMPARE(*store->run(u"nightly"_s, run.id), run);

    // Exit code 0 is not "no exit code".
    run.status = JobStatus::Success;
    run.endTime = at(7);
    run.exitCode = 0;
    STORE_VERIFY(store, store->updateRun(run));
    QCOMPARE(*store->run(u"nightly"_s, run.id), run);

    // Only the changing fields are written; the trigger and arguments are fixed.
    RunRecord aborted = run;
    aborted.status = JobStatus::Aborted;
    aborted.exitCode = std::nullopt;
    aborted.abortedBy = u"admin"_s;
    aborted.abortReason = u"Stopped from the console."_s;
    aborted.trigger = u"changed"_s;
    aborted.arguments = u"changed"_s;
    STORE_VERIFY(store, store->updateRun(aborted));
    aborted.trigger = run.trigger;
    aborted.arguments = run.arguments;
    QCOMPARE(*store->run(u"nightly"_s, run.id), aborted);
    const auto latest = store->latestRun(u"nightly"_s);
    STORE_VERIFY(store, latest);
    QCOMPARE(*latest, aborted);

    QVERIFY(!store->run(u"nightly"_s, runId(999)));
    QVERIFY(!store->hasError());
    QVERIFY(!store->latestRun(u"other"_s));
    QVERIFY(!store->hasError());
}

void JobStoreSuite::updateOfUnknownRunFails()
{
    auto store = openFresh();
    QVERIFY(store);
    STORE_VERIFY(store, store->upsertJob(triggeredJob(u"nightly"_s)));
    const RunRecord ghost = makeRun(u"nightly"_s, 42);
    QVERIFY(!store->updateRun(ghost));
    QVERIFY(store->errorString().contains(ghost.id));
    QVERIFY(store->errorString().contains(u"nightly"_s));
}

void JobStoreSuite::insertRunRefusals_data()
{
    QTest::addColumn<int>("existingStatus"); // -1: the job has no run yet
    QTest::addColumn<QString>("jobName");
    QTest::addColumn<bool>("sameId");
    QTest::addColumn<JobStatus>("status");
    QTest::addColumn<JobStore::InsertRunResult>("expected");

    using R = JobStore::InsertRunResult;
    QTest::newRow("second unfinished run")
        << int(JobStatus::Running) << u"nightly"_s << false << JobStatus::Initializing << R::JobBusy;
    QTest::newRow("unfinished beside initializing")
        << int(JobStatus::Initializing) << u"nightly"_s << false << JobStatus::Running << R::JobBusy;
    QTest::newRow("finished run beside unfinished")
        << int(JobStatus::Running) << u"nightly"_s << false << JobStatus::Success << R::Inserted;
    QTest::newRow("unfinished after finished")
        << int(JobStatus::Failed) << u"nightly"_s << false << JobStatus::Running << R::Inserted;
    QTest::newRow("duplicate id") << int(JobStatus::Success) << u"nightly"_s << true << JobStatus::Success << R::Failed;
    QTest::newRow("unknown job") << -1 << u"ghost"_s << false << JobStatus::Initializing << R::Failed;
    QTest::newRow("continuous job has no runs") << -1 << u"worker"_s << false << JobStatus::Running << R::Failed;
}

void JobStoreSuite::insertRunRefusals()
{
    QFETCH(int, existingStatus);
    QFETCH(QString, jobName);
    QFETCH(bool, sameId);
    QFETCH(JobStatus, status);
    QFETCH(JobStore::InsertRunResult, expected);

    auto store = openFresh();
    QVERIFY(store);
    STORE_VERIFY(store, store->upsertJob(triggeredJob(u"nightly"_s)));
    STORE_VERIFY(store, store->upsertJob(continuousJob(u"worker"_s)));
    const RunRecord existing = makeRun(u"nightly"_s, 0, JobStatus(qMax(0, existingStatus)));
    if (existingStatus >= 0)
        QCOMPARE(store->insertRun(existing), JobStore::InsertRunResult::Inserted);

    const RunRecord run = makeRun(jobName, sameId ? 0 : 10, status);
    QCOMPARE(store->insertRun(run), expected);
    switch (expected) {
    case JobStore::InsertRunResult::Inserted:
        QVERIFY(!store->hasError());
        QCOMPARE(*store->run(jobName, run.id), run);
        break;
    case JobStore::InsertRunResult::JobBusy:
        QVERIFY2(store->errorString().contains(u"already running"_s), qPrintable(store->errorString()));
        QVERIFY2(store->errorString().contains(existing.id), qPrintable(store->errorString()));
        QVERIFY(!store->run(jobName, run.id));
        break;
    case JobStore::InsertRunResult::Failed:
        QVERIFY2(store->errorString().contains(run.id), qPrintable(store->errorString()));
        break;
    }
    // The store still works after a refusal.
    STORE_VERIFY(store, store->runCount(u"nightly"_s));
}

void JobStoreSuite::textRoundTrips_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("empty") << QString();
    QTest::newRow("plain") << u"plain words"_s;
    QTest::newRow("quotes") << u"it's \"quoted\" ''twice''"_s;
    QTest::newRow("backslashes and percents") << u"C:\\jobs\\run.cmd %1 %% \\'"_s;
    QTest::newRow("accents and emoji") << u"Tâche planifiée été – 日本語 🎉"_s;
    QTest::newRow("sql") << u"x'); DROP TABLE runs; --"_s;
    QTest::newRow("control characters") << u"line one\nline two\ttabbed\r\n"_s;
    QTest::newRow("placeholders") << u"? :name $1"_s;
}

void JobStoreSuite::textRoundTrips()
{
    QFETCH(QString, text);
    auto store = openFresh();
    QVERIFY(store);
    STORE_VERIFY(store, store->upsertJob(triggeredJob(u"nightly"_s)));
    RunRecord run = makeRun(u"nightly"_s, 0, JobStatus::Aborted);
    run.trigger = text;
    run.arguments = text;
    run.abortedBy = text;
    run.abortReason = text;
    QCOMPARE(store->insertRun(run), JobStore::InsertRunResult::Inserted);
    const auto read = store->run(u"nightly"_s, run.id);
    STORE_VERIFY(store, read);
    QCOMPARE(read->trigger, text);
    QCOMPARE(read->arguments, text);
    QCOMPARE(read->abortedBy, text);
    QCOMPARE(read->abortReason, text);
}

void JobStoreSuite::historyPagesNewestFirst_data()
{
    QTest::addColumn<int>("offset");
    QTest::addColumn<int>("limit");
    QTest::addColumn<QList<int>>("expected"); // start seconds of the runs, in order

    QTest::newRow("first page") << 0 << 10 << QList<int> {240, 230, 220, 210, 200, 190, 180, 170, 160, 150};
    QTest::newRow("second page") << 10 << 10 << QList<int> {140, 130, 120, 110, 100, 90, 80, 70, 60, 50};
    QTest::newRow("last, partial page") << 20 << 10 << QList<int> {40, 30, 20, 10, 0};
    QTest::newRow("beyond the end") << 30 << 10 << QList<int> {};
    QTest::newRow("empty page") << 0 << 0 << QList<int> {};
    QTest::newRow("negative offset starts at the newest") << -5 << 3 << QList<int> {240, 230, 220};
}

void JobStoreSuite::historyPagesNewestFirst()
{
    QFETCH(int, offset);
    QFETCH(int, limit);
    QFETCH(QList<int>, expected);

    auto store = openFresh();
    QVERIFY(store);
    STORE_VERIFY(store, store->upsertJob(triggeredJob(u"a"_s)));
    STORE_VERIFY(store, store->upsertJob(triggeredJob(u"b"_s)));
    // Inserted out of order, interleaved with another job's runs.
    for (int i : {12, 0, 24, 5, 17, 3, 9, 21, 1, 14, 7, 19, 2, 23, 11, 6, 16, 4, 22, 8, 13, 10, 20, 15, 18}) {
        QCOMPARE(store->insertRun(makeRun(u"a"_s, i * 10)), JobStore::InsertRunResult::Inserted);
        QCOMPARE(store->insertRun(makeRun(u"b"_s, i * 10 + 5)), JobStore::InsertRunResult::Inserted);
    }
    const auto page = store->history(u"a"_s, offset, limit);
    STORE_VERIFY(store, page);
    QCOMPARE(idsOf(*page), runIds(expected));
    for (const RunRecord& run : *page)
        QCOMPARE(run, makeRun(u"a"_s, (run.startTime - at(0)).toSeconds()));
    const auto count = store->runCount(u"a"_s);
    STORE_VERIFY(store, count);
    QCOMPARE(*count, 25);
    QCOMPARE(*store->runCount(u"none"_s), 0);
}

void JobStoreSuite::pruneHistory_data()
{
    QTest::addColumn<int>("keep");
    QTest::addColumn<QList<int>>("removed"); // start seconds, oldest first

    // Ten runs at 0..9 s; the one at 2 s is still running and never removed.
    QTest::newRow("keep more than there are") << 20 << QList<int> {};
    QTest::newRow("keep exactly all") << 10 << QList<int> {};
    QTest::newRow("keep five") << 5 << QList<int> {0, 1, 3, 4};
    QTest::newRow("keep one") << 1 << QList<int> {0, 1, 3, 4, 5, 6, 7, 8};
    QTest::newRow("keep none") << 0 << QList<int> {0, 1, 3, 4, 5, 6, 7, 8, 9};
    QTest::newRow("negative keeps none") << -3 << QList<int> {0, 1, 3, 4, 5, 6, 7, 8, 9};
}

void JobStoreSuite::pruneHistory()
{
    QFETCH(int, keep);
    QFETCH(QList<int>, removed);

    auto store = openFresh();
    QVERIFY(store);
    STORE_VERIFY(store, store->upsertJob(triggeredJob(u"a"_s)));
    STORE_VERIFY(store, store->upsertJob(triggeredJob(u"b"_s)));
    for (int i = 0; i < 10; ++i) {
        const JobStatus status = i == 2 ? JobStatus::Running : JobStatus::Success;
        QCOMPARE(store->insertRun(makeRun(u"a"_s, i, status)), JobStore::InsertRunResult::Inserted);
    }
    for (int i = 0; i < 5; ++i)
        QCOMPARE(store->insertRun(makeRun(u"b"_s, i)), JobStore::InsertRunResult::Inserted);

    const auto ids = store->pruneHistory(u"a"_s, keep);
    STORE_VERIFY(store, ids);
    QCOMPARE(*ids, runIds(removed));
    QCOMPARE(*store->runCount(u"a"_s), 10 - removed.size());
    for (const QString& id : *ids)
        QVERIFY(!store->run(u"a"_s, id));
    QVERIFY(store->run(u"a"_s, runId(2)));
    QCOMPARE(*store->runCount(u"b"_s), 5);
}

void JobStoreSuite::latestRunsAcrossJobs()
{
    auto store = openFresh();
    QVERIFY(store);
    for (const QString& name : {u"gamma"_s, u"alpha"_s, u"beta"_s})
        STORE_VERIFY(store, store->upsertJob(triggeredJob(name)));
    STORE_VERIFY(store, store->upsertJob(continuousJob(u"delta"_s)));
    for (int i : {12, 10, 11})
        QCOMPARE(store->insertRun(makeRun(u"alpha"_s, i)), JobStore::InsertRunResult::Inserted);
    QCOMPARE(store->insertRun(makeRun(u"gamma"_s, 5, JobStatus::Running)), JobStore::InsertRunResult::Inserted);
    QCOMPARE(store->insertRun(makeRun(u"gamma"_s, 3)), JobStore::InsertRunResult::Inserted);

    const auto latest = store->latestRuns();
    STORE_VERIFY(store, latest);
    QCOMPARE(*latest, (QList<RunRecord> {makeRun(u"alpha"_s, 12), makeRun(u"gamma"_s, 5, JobStatus::Running)}));
}

void JobStoreSuite::closeUnfinishedRuns()
{
    auto store = openFresh();
    QVERIFY(store);
    for (const QString& name : {u"j1"_s, u"j2"_s, u"j3"_s, u"j4"_s})
        STORE_VERIFY(store, store->upsertJob(triggeredJob(name)));
    const RunRecord j1 = makeRun(u"j1"_s, 1, JobStatus::Running, u"aaaaaa"_s);
    const RunRecord j2 = makeRun(u"j2"_s, 2, JobStatus::Initializing, u"aaaaaa"_s);
    const RunRecord j3 = makeRun(u"j3"_s, 3, JobStatus::Running, u"bbbbbb"_s);
    const RunRecord j4 = makeRun(u"j4"_s, 4, JobStatus::Success, u"aaaaaa"_s);
    for (const RunRecord& run : {j3, j1, j4, j2})
        QCOMPARE(store->insertRun(run), JobStore::InsertRunResult::Inserted);

    auto unfinished = store->unfinishedRuns(u"aaaaaa"_s);
    STORE_VERIFY(store, unfinished);
    QCOMPARE(*unfinished, (QList<RunRecord> {j1, j2}));
    unfinished = store->unfinishedRuns({});
    STORE_VERIFY(store, unfinished);
    QCOMPARE(*unfinished, (QList<RunRecord> {j1, j2, j3}));

    const QString reason = u"The agent stopped unexpectedly."_s;
    const auto closed = store->closeUnfinishedRuns(u"aaaaaa"_s, JobStatus::Aborted, reason, at(100), u"system"_s);
    STORE_VERIFY(store, closed);
    QList<RunRecord> expected {j1, j2};
    for (RunRecord& run : expected) {
        run.status = JobStatus::Aborted;
        run.endTime = at(100);
        run.abortReason = reason;
        run.abortedBy = u"system"_s;
    }
    QCOMPARE(*closed, expected);
    QCOMPARE(*store->run(u"j1"_s, j1.id), expected.at(0));
    QCOMPARE(*store->run(u"j2"_s, j2.id), expected.at(1));
    QCOMPARE(*store->run(u"j3"_s, j3.id), j3);
    QCOMPARE(*store->run(u"j4"_s, j4.id), j4);
    QVERIFY(store->unfinishedRuns(u"aaaaaa"_s)->isEmpty());

    // Closing again finds nothing; the empty instance closes every instance's runs.
    QVERIFY(store->closeUnfinishedRuns(u"aaaaaa"_s, JobStatus::Aborted, reason, at(101))->isEmpty());
    const auto all = store->closeUnfinishedRuns({}, JobStatus::Aborted, reason, at(102));
    STORE_VERIFY(store, all);
    QCOMPARE(idsOf(*all), QStringList {j3.id});
    QVERIFY(store->unfinishedRuns({})->isEmpty());

    // The jobs are free to run again.
    QCOMPARE(store->insertRun(makeRun(u"j1"_s, 200, JobStatus::Running)), JobStore::InsertRunResult::Inserted);
}

// ---- Schedule state ----

void JobStoreSuite::scheduleState()
{
    auto store = openFresh();
    QVERIFY(store);
    STORE_VERIFY(store, store->upsertJob(triggeredJob(u"nightly"_s)));
    QVERIFY(!store->scheduleState(u"nightly"_s));
    QVERIFY(!store->hasError());

    ScheduleState state {u"nightly"_s, at(0), Instant(), u"cron:0 0 3 * * *"_s};
    STORE_VERIFY(store, store->setScheduleState(state));
    auto read = store->scheduleState(u"nightly"_s);
    STORE_VERIFY(store, read);
    QCOMPARE(*read, state);

    state = {u"nightly"_s, at(10), at(20), u"recurrence:{\"frequency\":\"hour\"}"_s};
    STORE_VERIFY(store, store->setScheduleState(state));
    read = store->scheduleState(u"nightly"_s);
    STORE_VERIFY(store, read);
    QCOMPARE(*read, state);

    // A schedule belongs to a triggered job in the store.
    QVERIFY(!store->setScheduleState({u"ghost"_s, at(0), Instant(), u"k"_s}));
    QVERIFY(store->errorString().contains(u"ghost"_s));
    STORE_VERIFY(store, store->upsertJob(continuousJob(u"worker"_s)));
    QVERIFY(!store->setScheduleState({u"worker"_s, at(0), Instant(), u"k"_s}));

    STORE_VERIFY(store, store->removeScheduleState(u"nightly"_s));
    QVERIFY(!store->scheduleState(u"nightly"_s));
    QVERIFY(!store->hasError());
}

void JobStoreSuite::claimScheduledTime_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<int>("due");
    QTest::addColumn<bool>("claimed");

    // The state says 60 s was the last handled due time of schedule "k1".
    QTest::newRow("later due time") << u"k1"_s << 120 << true;
    QTest::newRow("same due time") << u"k1"_s << 60 << false;
    QTest::newRow("earlier due time") << u"k1"_s << 30 << false;
    QTest::newRow("another schedule") << u"k2"_s << 120 << false;
}

void JobStoreSuite::claimScheduledTime()
{
    QFETCH(QString, key);
    QFETCH(int, due);
    QFETCH(bool, claimed);

    auto store = openFresh();
    QVERIFY(store);
    STORE_VERIFY(store, store->upsertJob(triggeredJob(u"nightly"_s)));
    STORE_VERIFY(store, store->setScheduleState({u"nightly"_s, at(0), at(60), u"k1"_s}));

    auto result = store->claimScheduledTime(u"nightly"_s, key, at(due));
    STORE_VERIFY(store, result);
    QCOMPARE(*result, claimed);
    QCOMPARE(store->scheduleState(u"nightly"_s)->lastScheduled, claimed ? at(due) : at(60));
    // A due time is claimed once.
    result = store->claimScheduledTime(u"nightly"_s, key, at(due));
    STORE_VERIFY(store, result);
    QCOMPARE(*result, false);
    // No state, no claim (and no error).
    result = store->claimScheduledTime(u"other"_s, key, at(due));
    STORE_VERIFY(store, result);
    QCOMPARE(*result, false);
}

// ---- Continuous status, processes, instances ----

void JobStoreSuite::continuousStatus()
{
    auto store = openFresh();
    QVERIFY(store);
    STORE_VERIFY(store, store->upsertJob(continuousJob(u"worker"_s)));
    STORE_VERIFY(store, store->upsertJob(continuousJob(u"zeta"_s)));
    STORE_VERIFY(store, store->upsertJob(triggeredJob(u"nightly"_s)));

    ContinuousStatusRecord onA {u"worker"_s, u"a1b2c3"_s, JobStatus::Running, 1234, at(1)};
    const ContinuousStatusRecord onD {u"worker"_s, u"d4e5f6"_s, JobStatus::Starting, 0, at(2)};
    const ContinuousStatusRecord zeta {u"zeta"_s, u"a1b2c3"_s, JobStatus::Stopped, 0, at(3)};
    for (const auto& status : {onD, zeta, onA})
        STORE_VERIFY(store, store->setContinuousStatus(status));
    auto statuses = store->continuousStatuses(u"worker"_s);
    STORE_VERIFY(store, statuses);
    QCOMPARE(*statuses, (QList<ContinuousStatusRecord> {onA, onD}));

    onA.status = JobStatus::PendingRestart;
    onA.pid = 0;
    onA.updated = at(9);
    STORE_VERIFY(store, store->setContinuousStatus(onA));
    statuses = store->allContinuousStatuses();
    STORE_VERIFY(store, statuses);
    QCOMPARE(*statuses, (QList<ContinuousStatusRecord> {onA, onD, zeta}));

    STORE_VERIFY(store, store->removeContinuousStatus(u"worker"_s, u"d4e5f6"_s));
    QCOMPARE(*store->continuousStatuses(u"worker"_s), QList<ContinuousStatusRecord> {onA});
    QVERIFY(store->continuousStatuses(u"nobody"_s)->isEmpty());

    // Only a continuous job in the store has a status.
    QVERIFY(!store->setContinuousStatus({u"nightly"_s, u"a1b2c3"_s, JobStatus::Running, 1, at(1)}));
    QVERIFY(store->errorString().contains(u"nightly"_s));
    QVERIFY(!store->setContinuousStatus({u"ghost"_s, u"a1b2c3"_s, JobStatus::Running, 1, at(1)}));
}

void JobStoreSuite::processTable()
{
    auto store = openFresh();
    QVERIFY(store);
    ProcessRecord p1 {100, 100, JobType::Triggered, u"nightly"_s, runId(1), u"a1b2c3"_s, at(1)};
    const ProcessRecord p2 {201, 201, JobType::Continuous, u"worker"_s, QString(), u"a1b2c3"_s, at(2)};
    const ProcessRecord p3 {300, 301, JobType::Continuous, u"worker"_s, QString(), u"d4e5f6"_s, at(0)};
    // Processes outlive their job's record: no job is needed.
    for (const auto& process : {p3, p2, p1})
        STORE_VERIFY(store, store->addProcess(process));

    auto processes = store->processes(u"a1b2c3"_s);
    STORE_VERIFY(store, processes);
    QCOMPARE(*processes, (QList<ProcessRecord> {p1, p2}));
    processes = store->processes({});
    STORE_VERIFY(store, processes);
    QCOMPARE(*processes, (QList<ProcessRecord> {p1, p2, p3}));

    p1.pgid = 99;
    p1.runId = runId(5);
    STORE_VERIFY(store, store->addProcess(p1));
    QCOMPARE(store->processes(u"a1b2c3"_s)->first(), p1);

    STORE_VERIFY(store, store->removeProcess(u"a1b2c3"_s, 100));
    QCOMPARE(*store->processes(u"a1b2c3"_s), QList<ProcessRecord> {p2});
    STORE_VERIFY(store, store->removeProcess(u"a1b2c3"_s, 100));
    QCOMPARE(*store->processes(u"d4e5f6"_s), QList<ProcessRecord> {p3});
}

void JobStoreSuite::instances()
{
    auto store = openFresh();
    QVERIFY(store);
    InstanceRecord a {u"a1b2c3"_s, u"host-one"_s, 10, at(0), at(0)};
    const InstanceRecord b {u"d4e5f6"_s, u"host-two"_s, 20, at(1), at(1)};
    STORE_VERIFY(store, store->registerInstance(b));
    STORE_VERIFY(store, store->registerInstance(a));
    STORE_VERIFY(store, store->touchInstance(u"a1b2c3"_s, at(30)));
    a.heartbeat = at(30);
    auto all = store->instances();
    STORE_VERIFY(store, all);
    QCOMPARE(*all, (QList<InstanceRecord> {a, b}));

    QVERIFY(!store->touchInstance(u"zzzzzz"_s, at(31)));
    QVERIFY(store->errorString().contains(u"zzzzzz"_s));

    // A restarted instance registers again under the same id.
    a = {u"a1b2c3"_s, u"host-one"_s, 11, at(40), at(40)};
    STORE_VERIFY(store, store->registerInstance(a));
    STORE_VERIFY(store, store->removeInstance(u"d4e5f6"_s));
    all = store->instances();
    STORE_VERIFY(store, all);
    QCOMPARE(*all, QList<InstanceRecord> {a});
}

void JobStoreSuite::reapInstanceClosesItsWork()
{
    auto store = openFresh();
    QVERIFY(store);
    STORE_VERIFY(store, store->upsertJob(triggeredJob(u"nightly"_s)));
    STORE_VERIFY(store, store->upsertJob(continuousJob(u"worker"_s)));
    STORE_VERIFY(store, store->registerInstance({u"dead00"_s, u"host-one"_s, 10, at(0), at(0)}));
    STORE_VERIFY(store, store->registerInstance({u"live00"_s, u"host-two"_s, 20, at(0), at(30)}));
    QCOMPARE(store->insertRun(makeRun(u"nightly"_s, 1, JobStatus::Running, u"dead00"_s)),
        JobStore::InsertRunResult::Inserted);
    STORE_VERIFY(store, store->setContinuousStatus({u"worker"_s, u"dead00"_s, JobStatus::Running, 7, at(1)}));
    STORE_VERIFY(store, store->setContinuousStatus({u"worker"_s, u"live00"_s, JobStatus::Running, 8, at(1)}));
    STORE_VERIFY(store, store->addProcess({7, 7, JobType::Continuous, u"worker"_s, {}, u"dead00"_s, at(1)}));
    QCOMPARE(store->claimContinuous(u"worker"_s, u"dead00"_s), std::optional<bool>(true));

    // A heartbeat newer than the limit: alive, nothing happens.
    auto reaped = store->reapInstance(u"live00"_s, at(20), u"instance live00 stopped responding"_s, at(31));
    STORE_VERIFY(store, reaped);
    QVERIFY(!reaped->reaped);

    reaped = store->reapInstance(u"dead00"_s, at(20), u"instance dead00 stopped responding"_s, at(31));
    STORE_VERIFY(store, reaped);
    QVERIFY(reaped->reaped);
    QCOMPARE(reaped->closedRuns.size(), 1);
    QCOMPARE(reaped->continuousJobs, QStringList {u"worker"_s});
    const auto run = store->run(u"nightly"_s, runId(1));
    QVERIFY(run);
    QCOMPARE(run->status, JobStatus::Aborted);
    QCOMPARE(run->abortReason, u"instance dead00 stopped responding"_s);
    QCOMPARE(run->endTime, at(31));
    QCOMPARE(store->continuousStatuses(u"worker"_s)->size(), 1);
    QVERIFY(store->processes(u"dead00"_s)->isEmpty());
    QCOMPARE(store->instances()->size(), 1);
    // Its singleton is free for the live instance.
    QCOMPARE(store->claimContinuous(u"worker"_s, u"live00"_s), std::optional<bool>(true));

    // Only one caller reaps an instance.
    reaped = store->reapInstance(u"dead00"_s, at(20), u"again"_s, at(32));
    STORE_VERIFY(store, reaped);
    QVERIFY(!reaped->reaped);
}

void JobStoreSuite::packagesAndRunLogs()
{
    auto store = openFresh();
    QVERIFY(store);
    // Bytes of every value, NUL included, as a zip holds.
    QByteArray content;
    for (int i = 0; i < 1024; ++i)
        content.append(char(i % 256));
    const JobStore::Package package {JobType::Triggered, u"nightly"_s, u"d1"_s, u"nightly.zip"_s, true, content, {}};
    QVERIFY(!store->savePackage(package)); // no such job
    STORE_VERIFY(store, store->upsertJob(triggeredJob(u"nightly"_s)));
    STORE_VERIFY(store, store->savePackage(package));
    auto digests = store->packageDigests();
    STORE_VERIFY(store, digests);
    QCOMPARE(digests->size(), 1);
    QCOMPARE(digests->first().digest, u"d1"_s);
    QVERIFY(digests->first().content.isEmpty());
    auto read = store->package(JobType::Triggered, u"nightly"_s);
    STORE_VERIFY(store, read);
    QCOMPARE(read->content, content);
    QCOMPARE(read->fileName, u"nightly.zip"_s);
    QVERIFY(read->isZip);
    QVERIFY(!store->package(JobType::Continuous, u"nightly"_s) && !store->hasError());

    // The files an operator changes later travel with the package: none yet, then a
    // settings.job (an empty one is not "none") and a stop, then back to none.
    QCOMPARE(read->files, JobStore::JobFiles());
    JobStore::JobFiles files {QByteArray(), true};
    QCOMPARE(store->saveJobFiles(JobType::Triggered, u"nightly"_s, files), std::optional<bool>(true));
    QCOMPARE(store->packageDigests()->first().files, files);
    files.settings = QByteArray(R"({"schedule": "0 0 * * * *"})");
    QCOMPARE(store->saveJobFiles(JobType::Triggered, u"nightly"_s, files), std::optional<bool>(true));
    QCOMPARE(store->package(JobType::Triggered, u"nightly"_s)->files, files);
    QCOMPARE(store->saveJobFiles(JobType::Continuous, u"nightly"_s, files), std::optional<bool>(false));
    // A new upload says what the job's folder now holds.
    STORE_VERIFY(store, store->savePackage(package));
    QCOMPARE(store->packageDigests()->first().files, JobStore::JobFiles());

    QCOMPARE(store->insertRun(makeRun(u"nightly"_s, 1)), JobStore::InsertRunResult::Inserted);
    STORE_VERIFY(store, store->appendRunLog(u"nightly"_s, runId(1), 0, "first\n"));
    STORE_VERIFY(store, store->appendRunLog(u"nightly"_s, runId(1), 6, "second\n"));
    QCOMPARE(store->runLog(u"nightly"_s, runId(1)), std::optional<QByteArray>("first\nsecond\n"));
    QVERIFY(!store->runLog(u"nightly"_s, runId(2)) && !store->hasError());

    // Both go with the job.
    STORE_VERIFY(store, store->removeJob(JobType::Triggered, u"nightly"_s));
    QVERIFY(store->packageDigests()->isEmpty());
    STORE_VERIFY(store, store->upsertJob(triggeredJob(u"nightly"_s)));
    QCOMPARE(store->insertRun(makeRun(u"nightly"_s, 1)), JobStore::InsertRunResult::Inserted);
    QVERIFY(!store->runLog(u"nightly"_s, runId(1)) && !store->hasError());
}

void JobStoreSuite::runLogCopiesGrowInPieces()
{
    auto store = openFresh();
    QVERIFY(store);
    STORE_VERIFY(store, store->upsertJob(triggeredJob(u"nightly"_s)));
    QCOMPARE(store->insertRun(makeRun(u"nightly"_s, 1, JobStatus::Running)), JobStore::InsertRunResult::Inserted);
    const QString id = runId(1);
    QVERIFY(!store->runLogSize(u"nightly"_s, id) && !store->hasError());

    // A log that grows past a piece's size: each append stores only what it gained, split into
    // pieces of at most RunLogPieceBytes.
    QByteArray log;
    for (int line = 0; log.size() < 2 * JobStore::RunLogPieceBytes + 1000; ++line)
        log += QByteArray("[12/07/2026 16:00:00 > 1f83a3: INFO] line ") + QByteArray::number(line) + '\n';
    const qint64 firstPart = JobStore::RunLogPieceBytes + 17;
    STORE_VERIFY(store, store->appendRunLog(u"nightly"_s, id, 0, log.left(firstPart)));
    QCOMPARE(store->runLogSize(u"nightly"_s, id), std::optional<qint64>(firstPart));
    STORE_VERIFY(store, store->appendRunLog(u"nightly"_s, id, firstPart, log.mid(firstPart)));
    QCOMPARE(store->runLogSize(u"nightly"_s, id), std::optional<qint64>(log.size()));
    RawConnection raw(m_url);
    QCOMPARE(raw.value(u"SELECT COUNT(*) FROM run_log_pieces"_s).toInt(), 4);
    QCOMPARE(raw.value(u"SELECT MAX(length(content)) FROM run_log_pieces"_s).toLongLong(), JobStore::RunLogPieceBytes);

    // Read whole, from any byte (inside a piece too), and a bounded amount at a time.
    QCOMPARE(store->runLog(u"nightly"_s, id), std::optional<QByteArray>(log));
    QCOMPARE(store->runLog(u"nightly"_s, id, 5), std::optional<QByteArray>(log.mid(5)));
    QCOMPARE(store->runLog(u"nightly"_s, id, firstPart + 3), std::optional<QByteArray>(log.mid(firstPart + 3)));
    QCOMPARE(store->runLog(u"nightly"_s, id, 100, 50), std::optional<QByteArray>(log.mid(100, 50)));
    QByteArray reread;
    while (reread.size() < log.size()) {
        const auto piece = store->runLog(u"nightly"_s, id, reread.size(), 300000);
        STORE_VERIFY(store, piece);
        QVERIFY(!piece->isEmpty() && piece->size() <= 300000);
        reread += *piece;
    }
    QCOMPARE(reread, log);
    QCOMPARE(store->runLog(u"nightly"_s, id, log.size()), std::optional<QByteArray>(QByteArray()));

    // An append repeated after a failure that stored it all the same changes nothing.
    STORE_VERIFY(store, store->appendRunLog(u"nightly"_s, id, firstPart, log.mid(firstPart)));
    QCOMPARE(store->runLog(u"nightly"_s, id), std::optional<QByteArray>(log));

    // A copy cleared is no copy, and starts again from its first byte.
    STORE_VERIFY(store, store->clearRunLog(u"nightly"_s, id));
    QVERIFY(!store->runLogSize(u"nightly"_s, id) && !store->hasError());
    QVERIFY(!store->runLog(u"nightly"_s, id) && !store->hasError());
    STORE_VERIFY(store, store->appendRunLog(u"nightly"_s, id, 0, "again\n"));
    QCOMPARE(store->runLog(u"nightly"_s, id), std::optional<QByteArray>("again\n"));

    // A copy needs its run.
    QVERIFY(!store->appendRunLog(u"nightly"_s, runId(2), 0, "orphan\n"));
    QVERIFY(store->hasError());
    QVERIFY2(store->errorString().contains(runId(2)), qPrintable(store->errorString()));
}

void JobStoreSuite::runLogCopiesSurviveTheSchemaStep()
{
    // A database of the schema before the pieces (version 3), with one run's whole copy.
    const QList<JobStore::Migration> upToThree = JobStore::migrations().mid(0, 3);
    QCOMPARE(upToThree.last().version, 3);
    m_url = newDatabaseUrl();
    QString error;
    auto store = JobStore::open(m_url, upToThree, &error);
    QVERIFY2(store, qPrintable(error));
    STORE_VERIFY(store, store->upsertJob(triggeredJob(u"nightly"_s)));
    QCOMPARE(store->insertRun(makeRun(u"nightly"_s, 1)), JobStore::InsertRunResult::Inserted);
    QCOMPARE(store->insertRun(makeRun(u"nightly"_s, 2)), JobStore::InsertRunResult::Inserted);
    store.reset();
    {
        RawConnection raw(m_url);
        QSqlQuery insert(raw.database());
        QVERIFY(insert.prepare(u"INSERT INTO run_logs (job_name, id, content) VALUES (?, ?, ?)"_s));
        insert.addBindValue(u"nightly"_s);
        insert.addBindValue(runId(1));
        insert.addBindValue(QByteArray("first\nsecond\n"));
        QVERIFY2(insert.exec(), qPrintable(insert.lastError().text()));
        QVERIFY(insert.prepare(u"INSERT INTO run_logs (job_name, id, content) VALUES (?, ?, ?)"_s));
        insert.addBindValue(u"nightly"_s);
        insert.addBindValue(runId(2));
        insert.addBindValue(QByteArray(""));
        QVERIFY2(insert.exec(), qPrintable(insert.lastError().text()));
    }

    store = reopen();
    QVERIFY(store);
    QCOMPARE(store->schemaVersion(), JobStore::latestSchemaVersion());
    QCOMPARE(store->runLog(u"nightly"_s, runId(1)), std::optional<QByteArray>("first\nsecond\n"));
    QCOMPARE(store->runLogSize(u"nightly"_s, runId(1)), std::optional<qint64>(13));
    // An empty copy is no copy: the next append starts it.
    QVERIFY(!store->runLogSize(u"nightly"_s, runId(2)) && !store->hasError());
    STORE_VERIFY(store, store->appendRunLog(u"nightly"_s, runId(1), 13, "third\n"));
    QCOMPARE(store->runLog(u"nightly"_s, runId(1)), std::optional<QByteArray>("first\nsecond\nthird\n"));
}

void JobStoreSuite::continuousLogPieces()
{
    auto store = openFresh();
    QVERIFY(store);
    STORE_VERIFY(store, store->upsertJob(continuousJob(u"worker"_s)));
    STORE_VERIFY(store, store->upsertJob(continuousJob(u"other"_s)));
    const auto heads = [&](const QString& except) {
        auto read = store->continuousLogHeads(except);
        QStringList text;
        for (const JobStore::LogHead& head : read.value_or(QList<JobStore::LogHead>()))
            text.append(u"%1/%2:%3"_s.arg(head.jobName, head.instance).arg(head.last));
        text.sort();
        return text;
    };
    QVERIFY(heads(u"aaaaaa"_s).isEmpty() && !store->hasError());

    // Each instance numbers its own pieces of a job from 1.
    QCOMPARE(store->appendContinuousLog(u"worker"_s, u"aaaaaa"_s, "a1\n", 3), std::optional<qint64>(1));
    QCOMPARE(store->appendContinuousLog(u"worker"_s, u"aaaaaa"_s, "a2\n", 3), std::optional<qint64>(2));
    QCOMPARE(store->appendContinuousLog(u"worker"_s, u"bbbbbb"_s, "b1\n", 3), std::optional<qint64>(1));
    QCOMPARE(store->appendContinuousLog(u"other"_s, u"bbbbbb"_s, "o1\n", 3), std::optional<qint64>(1));
    QCOMPARE(heads(u"aaaaaa"_s), (QStringList {u"other/bbbbbb:1"_s, u"worker/bbbbbb:1"_s}));
    QCOMPARE(heads(u"bbbbbb"_s), QStringList {u"worker/aaaaaa:2"_s});

    auto pieces = store->continuousLog(u"worker"_s, u"aaaaaa"_s, 0);
    STORE_VERIFY(store, pieces);
    QCOMPARE(pieces->size(), 2);
    QCOMPARE(pieces->at(0).seq, 1);
    QCOMPARE(pieces->at(0).content, QByteArray("a1\n"));
    QCOMPARE(pieces->at(1).content, QByteArray("a2\n"));
    pieces = store->continuousLog(u"worker"_s, u"aaaaaa"_s, 1);
    QCOMPARE(pieces->size(), 1);
    QCOMPARE(pieces->at(0).seq, 2);
    QVERIFY(store->continuousLog(u"worker"_s, u"aaaaaa"_s, 2)->isEmpty());

    // Only the last `keep` pieces stay; the numbers go on.
    for (int i = 3; i <= 6; ++i)
        QCOMPARE(store->appendContinuousLog(u"worker"_s, u"aaaaaa"_s, "a\n", 3), std::optional<qint64>(i));
    pieces = store->continuousLog(u"worker"_s, u"aaaaaa"_s, 0);
    QCOMPARE(pieces->size(), 3);
    QCOMPARE(pieces->first().seq, 4);
    QCOMPARE(heads(u"bbbbbb"_s), QStringList {u"worker/aaaaaa:6"_s});

    // A job that is not there has no log to share; pieces go with their job.
    QVERIFY(!store->appendContinuousLog(u"gone"_s, u"aaaaaa"_s, "x\n", 3));
    QVERIFY2(store->errorString().contains(u"gone"_s), qPrintable(store->errorString()));
    STORE_VERIFY(store, store->removeJob(JobType::Continuous, u"worker"_s));
    QCOMPARE(heads(u"cccccc"_s), QStringList {u"other/bbbbbb:1"_s});
}

void JobStoreSuite::webHooksOnePerAddress()
{
    auto store = openFresh();
    QVERIFY(store);
    QVERIFY(store->webHooks() && store->webHooks()->isEmpty());
    const JobStore::WebHook first {u"1001"_s, u"TriggeredJobFinished"_s, u"http://example.com/Hook"_s, false};
    QCOMPARE(store->addWebHook(first), std::optional<JobStore::WebHook>(first));
    // The same address in another case is the hook that is there, whatever was asked.
    const JobStore::WebHook second {u"1002"_s, u"TriggeredJobFailed"_s, u"HTTP://EXAMPLE.COM/hook"_s, true};
    QCOMPARE(store->addWebHook(second), std::optional<JobStore::WebHook>(first));
    const JobStore::WebHook other {u"1003"_s, u"ContinuousJobCrashLoop"_s, u"https://example.org/"_s, true};
    QCOMPARE(store->addWebHook(other), std::optional<JobStore::WebHook>(other));
    QCOMPARE(store->webHooks(), std::optional<QList<JobStore::WebHook>>({first, other}));
    STORE_VERIFY(store, store->removeWebHook(u"1001"_s));
    STORE_VERIFY(store, store->removeWebHook(u"9999"_s)); // unknown: nothing to do
    QCOMPARE(store->webHooks(), std::optional<QList<JobStore::WebHook>>({other}));
    QCOMPARE(store->addWebHook(second), std::optional<JobStore::WebHook>(second));
}

void JobStoreSuite::singletonClaims()
{
    auto store = openFresh();
    QVERIFY(store);
    STORE_VERIFY(store, store->upsertJob(continuousJob(u"worker"_s)));
    STORE_VERIFY(store, store->registerInstance({u"aaaaaa"_s, u"h"_s, 1, at(0), at(0)}));
    STORE_VERIFY(store, store->registerInstance({u"bbbbbb"_s, u"h"_s, 2, at(0), at(0)}));
    QCOMPARE(store->claimContinuous(u"worker"_s, u"aaaaaa"_s), std::optional<bool>(true));
    QCOMPARE(store->claimContinuous(u"worker"_s, u"aaaaaa"_s), std::optional<bool>(true)); // still
    QCOMPARE(store->claimContinuous(u"worker"_s, u"bbbbbb"_s), std::optional<bool>(false));
    STORE_VERIFY(store, store->releaseContinuous(u"worker"_s, u"bbbbbb"_s)); // not its own: nothing
    QCOMPARE(store->claimContinuous(u"worker"_s, u"bbbbbb"_s), std::optional<bool>(false));
    STORE_VERIFY(store, store->releaseContinuous(u"worker"_s, u"aaaaaa"_s));
    QCOMPARE(store->claimContinuous(u"worker"_s, u"bbbbbb"_s), std::optional<bool>(true));
    // An owner that left the instances table holds nothing.
    STORE_VERIFY(store, store->removeInstance(u"bbbbbb"_s));
    QCOMPARE(store->claimContinuous(u"worker"_s, u"aaaaaa"_s), std::optional<bool>(true));
    QVERIFY(!store->claimContinuous(u"nosuch"_s, u"aaaaaa"_s));
}

void JobStoreSuite::abortRequests()
{
    auto store = openFresh();
    QVERIFY(store);
    STORE_VERIFY(store, store->upsertJob(triggeredJob(u"nightly"_s)));
    QCOMPARE(store->insertRun(makeRun(u"nightly"_s, 1)), JobStore::InsertRunResult::Inserted);
    QCOMPARE(store->insertRun(makeRun(u"nightly"_s, 2, JobStatus::Running)), JobStore::InsertRunResult::Inserted);
    QCOMPARE(store->requestAbort(u"nightly"_s, runId(1), u"admin"_s, u"why"_s), std::optional<bool>(false));
    QCOMPARE(store->requestAbort(u"nightly"_s, runId(2), u"admin"_s, u"why"_s), std::optional<bool>(true));
    const auto runs = store->unfinishedRuns(u"a1b2c3"_s);
    STORE_VERIFY(store, runs);
    QCOMPARE(runs->size(), 1);
    QCOMPARE(runs->first().abortedBy, u"admin"_s);
    QCOMPARE(runs->first().abortReason, u"why"_s);
    QCOMPARE(runs->first().status, JobStatus::Running);
}

void JobStoreSuite::removeJobCascades()
{
    auto store = openFresh();
    QVERIFY(store);
    STORE_VERIFY(store, store->upsertJob(triggeredJob(u"nightly"_s)));
    STORE_VERIFY(store, store->upsertJob(continuousJob(u"nightly"_s)));
    STORE_VERIFY(store, store->upsertJob(triggeredJob(u"other"_s)));
    for (int i = 0; i < 3; ++i)
        QCOMPARE(store->insertRun(makeRun(u"nightly"_s, i)), JobStore::InsertRunResult::Inserted);
    QCOMPARE(store->insertRun(makeRun(u"nightly"_s, 3, JobStatus::Running)), JobStore::InsertRunResult::Inserted);
    QCOMPARE(store->insertRun(makeRun(u"other"_s, 1)), JobStore::InsertRunResult::Inserted);
    STORE_VERIFY(store, store->setScheduleState({u"nightly"_s, at(0), at(1), u"k"_s}));
    STORE_VERIFY(store, store->setContinuousStatus({u"nightly"_s, u"a1b2c3"_s, JobStatus::Running, 5, at(1)}));
    STORE_VERIFY(store, store->setContinuousStatus({u"nightly"_s, u"d4e5f6"_s, JobStatus::Running, 6, at(1)}));
    const ProcessRecord process {7, 7, JobType::Triggered, u"nightly"_s, runId(3), u"a1b2c3"_s, at(3)};
    STORE_VERIFY(store, store->addProcess(process));

    STORE_VERIFY(store, store->removeJob(JobType::Triggered, u"nightly"_s));
    QCOMPARE(*store->runCount(u"nightly"_s), 0);
    QVERIFY(!store->scheduleState(u"nightly"_s));
    QVERIFY(!store->hasError());
    QCOMPARE(store->continuousStatuses(u"nightly"_s)->size(), 2);
    QVERIFY(store->job(JobType::Continuous, u"nightly"_s));
    QCOMPARE(*store->runCount(u"other"_s), 1);
    // The process may still be alive: its record stays until the host has dealt with it.
    QCOMPARE(*store->processes(u"a1b2c3"_s), QList<ProcessRecord> {process});

    STORE_VERIFY(store, store->removeJob(JobType::Continuous, u"nightly"_s));
    QVERIFY(store->continuousStatuses(u"nightly"_s)->isEmpty());

    // A job added again under the same name starts with an empty history.
    STORE_VERIFY(store, store->upsertJob(triggeredJob(u"nightly"_s)));
    QVERIFY(store->history(u"nightly"_s, 0, 10)->isEmpty());
    QVERIFY(!store->latestRun(u"nightly"_s));
}

void JobStoreSuite::transactionsNestAndRollBack()
{
    auto store = openFresh();
    QVERIFY(store);
    const auto exists = [&](const QString& name) { return store->job(JobType::Triggered, name).has_value(); };

    QVERIFY(!store->transaction([&] { return store->upsertJob(triggeredJob(u"a"_s)) && false; }));
    QVERIFY(!exists(u"a"_s));

    // An inner rollback undoes only the inner work.
    const bool ok = store->transaction([&] {
        if (!store->upsertJob(triggeredJob(u"b"_s)))
            return false;
        const bool inner = store->transaction([&] { return store->upsertJob(triggeredJob(u"c"_s)) && false; });
        return !inner && store->upsertJob(triggeredJob(u"d"_s));
    });
    STORE_VERIFY(store, ok);
    QVERIFY(exists(u"b"_s));
    QVERIFY(!exists(u"c"_s));
    QVERIFY(exists(u"d"_s));

    // A failing statement fails the transaction with its own sentence and undoes the rest.
    QVERIFY(!store->transaction([&] {
        return store->upsertJob(triggeredJob(u"e"_s))
            && store->insertRun(makeRun(u"ghost"_s, 1)) == JobStore::InsertRunResult::Inserted;
    }));
    QVERIFY2(store->errorString().contains(u"ghost"_s), qPrintable(store->errorString()));
    QVERIFY(!exists(u"e"_s));

    // An exception rolls back and passes through.
    QVERIFY_THROWS_EXCEPTION(std::runtime_error, static_cast<void>(store->transaction([&]() -> bool {
        if (store->upsertJob(triggeredJob(u"f"_s)))
            throw std::runtime_error("stop");
        return false;
    })));
    QVERIFY(!exists(u"f"_s));
    STORE_VERIFY(store, store->transaction([&] { return store->upsertJob(triggeredJob(u"g"_s)); }));
    QVERIFY(exists(u"g"_s));
}

void JobStoreSuite::refusedWritesSayWhy()
{
    // Every write of the store, refused by a database that has become read-only (see
    // ReadOnlyStore.h), fails with its own sentence and the database's reason; reads go on.
    auto store = openFresh();
    QVERIFY(store);
    STORE_VERIFY(store, store->upsertJob(triggeredJob(u"nightly"_s)));
    STORE_VERIFY(store, store->upsertJob(continuousJob(u"worker"_s)));
    RunRecord running = makeRun(u"nightly"_s, 10, JobStatus::Running);
    QCOMPARE(store->insertRun(running), JobStore::InsertRunResult::Inserted);
    STORE_VERIFY(store, store->setScheduleState({u"nightly"_s, at(0), at(1), u"k"_s}));
    QString error;
    QVERIFY2(Test::setStoreReadOnly(*store, true, &error), qPrintable(error));

    RunRecord ended = running;
    ended.status = JobStatus::Success;
    ended.endTime = at(20);
    const ProcessRecord process {7, 7, JobType::Continuous, u"worker"_s, {}, u"a1b2c3"_s, at(1)};
    const std::vector<std::pair<QString, std::function<bool()>>> writes {
        {u"Cannot save the job other in the job database: "_s,
            [&] { return store->upsertJob(triggeredJob(u"other"_s)); }},
        {u"Cannot remove the job nightly from the job database: "_s,
            [&] { return store->removeJob(JobType::Triggered, u"nightly"_s); }},
        {u"Cannot record the run "_s,
            [&] {
                return store->insertRun(makeRun(u"nightly"_s, 30, JobStatus::Success))
                    == JobStore::InsertRunResult::Inserted;
            }},
        {u"Cannot update the run %1 of the job nightly in the job database: "_s.arg(running.id),
            [&] { return store->updateRun(ended); }},
        // SQLite refuses the transaction itself (BEGIN IMMEDIATE takes the write lock); PostgreSQL
        // its first write.
        {store->location().kind() == DatabaseLocation::Kind::Sqlite
                ? u"Cannot start a transaction in the job database: "_s
                : u"Cannot remove the old runs of the job nightly from the job database: "_s,
            [&] { return store->pruneHistory(u"nightly"_s, 0).has_value(); }},
        {u"Cannot close the unfinished runs in the job database: "_s,
            [&] { return store->closeUnfinishedRuns({}, JobStatus::Aborted, u"test"_s, at(40)).has_value(); }},
        {u"Cannot save the schedule state of the job nightly in the job database: "_s,
            [&] {
                return store->setScheduleState({u"nightly"_s, at(0), at(2), u"k"_s});
            }},
        {u"Cannot record the scheduled time "_s,
            [&] { return store->claimScheduledTime(u"nightly"_s, u"k"_s, at(3)).has_value(); }},
        {u"Cannot remove the schedule state of the job nightly from the job database: "_s,
            [&] { return store->removeScheduleState(u"nightly"_s); }},
        {u"Cannot save the status of the job worker on the instance a1b2c3 in the job database: "_s,
            [&] {
                return store->setContinuousStatus({u"worker"_s, u"a1b2c3"_s, JobStatus::Running, 7, at(1)});
            }},
        {u"Cannot remove the status of the job worker on the instance a1b2c3 from the job database: "_s,
            [&] { return store->removeContinuousStatus(u"worker"_s, u"a1b2c3"_s); }},
        {u"Cannot record the process 7 of the job worker in the job database: "_s,
            [&] { return store->addProcess(process); }},
        {u"Cannot remove the process 7 from the job database: "_s,
            [&] { return store->removeProcess(u"a1b2c3"_s, 7); }},
        {u"Cannot register the instance a1b2c3 in the job database: "_s,
            [&] {
                return store->registerInstance({u"a1b2c3"_s, u"host"_s, 1, at(0), at(0)});
            }},
        {u"Cannot record that the instance a1b2c3 is alive in the job database: "_s,
            [&] { return store->touchInstance(u"a1b2c3"_s, at(5)); }},
        {u"Cannot remove the instance a1b2c3 from the job database: "_s,
            [&] { return store->removeInstance(u"a1b2c3"_s); }},
    };
    for (const auto& [sentence, write] : writes) {
        QVERIFY2(!write(), qPrintable(sentence));
        const QString message = store->errorString();
        QVERIFY2(message.startsWith(sentence), qPrintable(message));
        // The database's reason follows, in one line, and the sentence ends.
        const QString reason = message.mid(message.lastIndexOf(u": "_s) + 2);
        QVERIFY2(reason.size() > 1 && reason.endsWith(u'.') && !reason.contains(u'\n'), qPrintable(message));
    }

    // Reads still work, and nothing was written.
    const auto latest = store->latestRun(u"nightly"_s);
    STORE_VERIFY(store, latest);
    QCOMPARE(*latest, running);
    STORE_VERIFY(store, store->job(JobType::Triggered, u"nightly"_s));
    QVERIFY(!store->job(JobType::Triggered, u"other"_s));
    QVERIFY(!store->hasError());

    // Writable again: the same writes go through.
    QVERIFY2(Test::setStoreReadOnly(*store, false, &error), qPrintable(error));
    STORE_VERIFY(store, store->updateRun(ended));
    QCOMPARE(*store->latestRun(u"nightly"_s), ended);
}

void JobStoreSuite::twoStoresShareOneDatabase()
{
    const auto storeConnections = [] { return QSqlDatabase::connectionNames().filter(u"webjobs-store-"_s).size(); };
    const qsizetype before = storeConnections();
    {
        auto first = openFresh();
        auto second = reopen();
        QVERIFY(first);
        QVERIFY(second);
        QCOMPARE(storeConnections(), before + 2);

        STORE_VERIFY(first, first->upsertJob(triggeredJob(u"nightly"_s)));
        QVERIFY(second->job(JobType::Triggered, u"nightly"_s));

        // One run at a time, whichever instance asks.
        QCOMPARE(first->insertRun(makeRun(u"nightly"_s, 1, JobStatus::Running, u"aaaaaa"_s)),
            JobStore::InsertRunResult::Inserted);
        QCOMPARE(second->insertRun(makeRun(u"nightly"_s, 2, JobStatus::Initializing, u"bbbbbb"_s)),
            JobStore::InsertRunResult::JobBusy);

        // A due time goes to one instance only.
        STORE_VERIFY(first, first->setScheduleState({u"nightly"_s, at(0), at(0), u"k"_s}));
        QCOMPARE(first->claimScheduledTime(u"nightly"_s, u"k"_s, at(60)), std::optional<bool>(true));
        QCOMPARE(second->claimScheduledTime(u"nightly"_s, u"k"_s, at(60)), std::optional<bool>(false));
        QCOMPARE(second->claimScheduledTime(u"nightly"_s, u"k"_s, at(120)), std::optional<bool>(true));
    }
    QCOMPARE(storeConnections(), before);
}

void JobStoreSuite::scaleSanity()
{
    constexpr int Jobs = 1000;
    constexpr int RunsPerJob = 100;
    auto store = openFresh();
    QVERIFY(store);
    const auto name = [](int j) { return u"job-%1"_s.arg(j, 4, 10, QLatin1Char('0')); };
    // Run r of job j starts r ten-minute periods after the origin, plus j mod 600 seconds: the
    // jobs' runs interleave in time.
    const auto start = [](int j, int r) { return qint64(r) * 600 + j % 600; };

    QElapsedTimer timer;
    timer.start();
    const bool filled = store->transaction([&] {
        for (int j = 0; j < Jobs; ++j) {
            if (!store->upsertJob(triggeredJob(name(j))))
                return false;
            for (int r = 0; r < RunsPerJob; ++r) {
                const bool last = r == RunsPerJob - 1;
                const JobStatus status = last && j % 10 == 0 ? JobStatus::Running : JobStatus::Success;
                if (store->insertRun(makeRun(name(j), start(j, r), status)) != JobStore::InsertRunResult::Inserted)
                    return false;
            }
        }
        return true;
    });
    STORE_VERIFY(store, filled);
    const qint64 fillMs = timer.restart();

    const auto latest = store->latestRuns();
    STORE_VERIFY(store, latest);
    const qint64 latestMs = timer.restart();
    QCOMPARE(latest->size(), Jobs);
    for (int j = 0; j < Jobs; ++j) {
        const RunRecord& run = latest->at(j);
        QCOMPARE(run.jobName, name(j));
        QCOMPARE(run.id, runId(start(j, RunsPerJob - 1)));
        QCOMPARE(run.status, j % 10 == 0 ? JobStatus::Running : JobStatus::Success);
    }

    const auto page = store->history(name(500), 30, 30);
    STORE_VERIFY(store, page);
    const qint64 pageMs = timer.restart();
    QCOMPARE(page->size(), 30);
    for (int i = 0; i < 30; ++i)
        QCOMPARE(page->at(i).id, runId(start(500, RunsPerJob - 31 - i)));
    QCOMPARE(*store->runCount(name(999)), RunsPerJob);
    QCOMPARE(store->unfinishedRuns({})->size(), Jobs / 10);
    qInfo("%d jobs x %d runs: filled in %lld ms, latestRuns %lld ms, one history page %lld ms", Jobs, RunsPerJob,
        fillMs, latestMs, pageMs);
}
