#include "GuiFixture.h"

#include "ui/JobFilterProxyModel.h"
#include "ui/JobListModel.h"
#include "ui/RunHistoryModel.h"

#include <QAbstractItemModelTester>
#include <QBrush>
#include <QIcon>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace WebJobs;

// The console's item models over a real local service: JobListModel, its sort/filter proxy and
// RunHistoryModel, each under QAbstractItemModelTester.
class TestJobListModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void fillsFromServiceAndFollowsAddsAndRemovals();
    void statusChangeOfManyRowsIsOneDataChanged();
    void runUpdatesRowInPlace();
    void sortsNamesWithCollator();
    void sortsTimesOnRawValues();
    void filtersByTextAndStatus();
    void historyLoadsThirtyThenMoreOnFetch();
    void jobErrorIsShownOnItsStatus();

private:
    static JobEntry entry(const QString& name, qint64 startMs = 0, JobStatus status = JobStatus::Success);
    static QStringList names(const QAbstractItemModel& model);

    Test::GuiFixture m_fixture;
};

void TestJobListModel::initTestCase()
{
    QVERIFY(m_fixture.start());
}

void TestJobListModel::cleanupTestCase()
{
    m_fixture.stop();
}

JobEntry TestJobListModel::entry(const QString& name, qint64 startMs, JobStatus status)
{
    Job job(JobType::Triggered, name);
    if (startMs) {
        JobRun run;
        run.setId(name);
        run.setJobName(name);
        run.setStatus(status);
        run.setStartTime(Instant::fromMSecsSinceEpoch(startMs));
        job.setLatestRun(run);
    }
    return {job, {}};
}

QStringList TestJobListModel::names(const QAbstractItemModel& model)
{
    QStringList result;
    for (int row = 0; row < model.rowCount(); ++row)
        result.append(model.index(row, JobListModel::NameColumn).data().toString());
    return result;
}

void TestJobListModel::fillsFromServiceAndFollowsAddsAndRemovals()
{
    QVERIFY(m_fixture.addScript(JobType::Triggered, u"first"_s, "#!/bin/sh\necho first\n"));
    JobListModel model(m_fixture.service());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QTRY_VERIFY(model.isLoaded());
    QCOMPARE(names(model), QStringList {u"first"_s});
    QCOMPARE(model.index(0, JobListModel::TypeColumn).data().toString(), u"Triggered"_s);
    QCOMPARE(model.index(0, JobListModel::ModeColumn).data().toString(), u"On demand"_s);
    QCOMPARE(model.index(0, JobListModel::StatusColumn).data().toString(), u"Ready"_s);
    QCOMPARE(model.index(0, JobListModel::LastRunColumn).data().toString(), u"Never"_s);
    QVERIFY(model.index(0, JobListModel::LogsColumn).data().toString().isEmpty()); // no run, no log yet

    JobSettings scheduled;
    scheduled.setSchedule(u"0 30 9 * * *"_s);
    QVERIFY(m_fixture.addScript(JobType::Triggered, u"second"_s, "#!/bin/sh\necho second\n", scheduled));
    QTRY_COMPARE(model.rowCount(), 2);
    const QModelIndex second = model.indexOf(JobType::Triggered, u"second"_s);
    QVERIFY(second.isValid());
    QVERIFY2(second.siblingAtColumn(JobListModel::ModeColumn).data().toString().contains(u"0 30 9 * * *"_s),
        qPrintable(second.siblingAtColumn(JobListModel::ModeColumn).data().toString()));
    QTRY_VERIFY(!second.siblingAtColumn(JobListModel::NextRunColumn).data().toString().isEmpty());
    QVERIFY(second.siblingAtColumn(JobListModel::NextRunColumn).data(JobListModel::RawValueRole).toLongLong() > 0);

    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    m_fixture.service()->deleteJob(JobType::Triggered, u"first"_s);
    m_fixture.service()->deleteJob(JobType::Triggered, u"second"_s);
    QTRY_COMPARE(model.rowCount(), 0);
    QCOMPARE(removed.size(), 2);
}

void TestJobListModel::statusChangeOfManyRowsIsOneDataChanged()
{
    JobListModel model(m_fixture.service());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QList<JobEntry> entries;
    for (int i = 0; i < 1000; ++i)
        entries.append(entry(u"job%1"_s.arg(i)));
    model.setEntries(entries);
    QCOMPARE(model.rowCount(), 1000);

    QList<JobEntry> changed;
    for (int i = 999; i >= 0; i -= 3)
        changed.append(entry(u"job%1"_s.arg(i), 1'700'000'000'000, JobStatus::Failed));
    QSignalSpy dataChanged(&model, &QAbstractItemModel::dataChanged);
    model.updateEntries(changed);
    QCOMPARE(dataChanged.size(), 1);
    QCOMPARE(dataChanged.at(0).at(0).toModelIndex().row(), 0);
    QCOMPARE(dataChanged.at(0).at(1).toModelIndex().row(), 999);
    QCOMPARE(model.index(999, JobListModel::StatusColumn).data().toString(), u"Failed"_s);
    QCOMPARE(model.index(998, JobListModel::StatusColumn).data().toString(), u"Ready"_s);
}

void TestJobListModel::runUpdatesRowInPlace()
{
    QVERIFY(m_fixture.addScript(JobType::Triggered, u"runner"_s, "#!/bin/sh\necho ran\n"));
    JobListModel model(m_fixture.service());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QTRY_VERIFY(model.isLoaded());
    const QModelIndex row = model.indexOf(JobType::Triggered, u"runner"_s);
    QVERIFY(row.isValid());
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    m_fixture.service()->triggerRun(u"runner"_s);
    QTRY_COMPARE_WITH_TIMEOUT(row.siblingAtColumn(JobListModel::StatusColumn).data().toString(), u"Success"_s, 30000);
    // The last run's time alone: its status has the column beside it.
    const QString lastRun = row.siblingAtColumn(JobListModel::LastRunColumn).data().toString();
    QVERIFY2(!lastRun.isEmpty() && !lastRun.contains(u"Success"_s) && !lastRun.contains(u'('), qPrintable(lastRun));
    QCOMPARE(row.siblingAtColumn(JobListModel::LogsColumn).data().toString(), u"Logs"_s);
    QCOMPARE(inserted.size(), 0);
    QCOMPARE(reset.size(), 0);
    m_fixture.service()->deleteJob(JobType::Triggered, u"runner"_s);
    QTRY_COMPARE(model.rowCount(), 0);
}

void TestJobListModel::sortsNamesWithCollator()
{
    JobListModel model(m_fixture.service());
    JobFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setEntries(
        {entry(u"job10"_s), entry(u"zeta"_s), entry(u"Émile"_s), entry(u"job9"_s), entry(u"alpha"_s), entry(u"Eve"_s)});
    proxy.sort(JobListModel::NameColumn, Qt::AscendingOrder);
    QCOMPARE(names(proxy), (QStringList {u"alpha"_s, u"Émile"_s, u"Eve"_s, u"job9"_s, u"job10"_s, u"zeta"_s}));
    proxy.sort(JobListModel::NameColumn, Qt::DescendingOrder);
    QCOMPARE(names(proxy).constFirst(), u"zeta"_s);
}

void TestJobListModel::sortsTimesOnRawValues()
{
    JobListModel model(m_fixture.service());
    JobFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    // As text, "10/1/26" sorts before "2/1/26"; as instants, February comes first.
    const qint64 february = QDateTime(QDate(2026, 2, 1), QTime(12, 0), Qt::UTC).toMSecsSinceEpoch();
    const qint64 october = QDateTime(QDate(2026, 10, 1), QTime(12, 0), Qt::UTC).toMSecsSinceEpoch();
    const qint64 december = QDateTime(QDate(2025, 12, 24), QTime(12, 0), Qt::UTC).toMSecsSinceEpoch();
    model.setEntries({entry(u"october"_s, october), entry(u"february"_s, february), entry(u"december"_s, december),
        entry(u"never"_s)});
    proxy.sort(JobListModel::LastRunColumn, Qt::AscendingOrder);
    QCOMPARE(names(proxy), (QStringList {u"never"_s, u"december"_s, u"february"_s, u"october"_s}));
}

void TestJobListModel::filtersByTextAndStatus()
{
    JobListModel model(m_fixture.service());
    JobFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setEntries({entry(u"import-orders"_s, 1000, JobStatus::Success),
        entry(u"import-stock"_s, 1000, JobStatus::Failed), entry(u"cleanup"_s, 1000, JobStatus::Failed)});
    proxy.sort(JobListModel::NameColumn);
    proxy.setFilterText(u"IMPORT"_s);
    QCOMPARE(names(proxy), (QStringList {u"import-orders"_s, u"import-stock"_s}));
    proxy.setStatusFilter(JobStatus::Failed);
    QCOMPARE(names(proxy), QStringList {u"import-stock"_s});
    proxy.setFilterText({});
    QCOMPARE(names(proxy), (QStringList {u"cleanup"_s, u"import-stock"_s}));
    proxy.setStatusFilter(std::nullopt);
    QCOMPARE(proxy.rowCount(), 3);
}

void TestJobListModel::historyLoadsThirtyThenMoreOnFetch()
{
    QVERIFY(m_fixture.addScript(JobType::Triggered, u"often"_s, "#!/bin/sh\necho often\n"));
    JobService* service = m_fixture.service();
    const int runs = RunHistoryModel::PageSize + 3;
    QSignalSpy finished(service, &JobService::runFinished);
    for (int i = 0; i < runs; ++i) {
        QFuture<ServiceReply> reply = service->triggerRun(u"often"_s);
        QTRY_VERIFY(reply.isFinished());
        QVERIFY2(reply.result().ok(), qPrintable(reply.result().error.message));
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), i + 1, 30000);
    }

    RunHistoryModel model(service, u"often"_s);
    QTRY_COMPARE(model.rowCount(), RunHistoryModel::PageSize);
    QCOMPARE(model.totalCount(), runs);
    QVERIFY(model.canFetchMore({}));
    // Newest first.
    const qint64 newest = model.index(0, RunHistoryModel::StartColumn).data(RunHistoryModel::RawValueRole).toLongLong();
    const qint64 next = model.index(1, RunHistoryModel::StartColumn).data(RunHistoryModel::RawValueRole).toLongLong();
    QVERIFY(newest > next);
    QCOMPARE(model.index(0, RunHistoryModel::StatusColumn).data().toString(), u"Success"_s);

    // The tester fetches more itself (as a view does on scroll), so it comes after the first page.
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.fetchMore({});
    QTRY_COMPARE(model.rowCount(), runs);
    QVERIFY(!model.canFetchMore({}));
    QSet<QString> ids;
    for (int row = 0; row < model.rowCount(); ++row)
        ids.insert(model.index(row, 0).data(RunHistoryModel::RunIdRole).toString());
    QCOMPARE(ids.size(), runs);
}

void TestJobListModel::jobErrorIsShownOnItsStatus()
{
    // A folder the engine could not load, and a job whose store writes failed: the engine's
    // sentence is the status's tooltip.
    JobListModel model(m_fixture.service());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QTRY_VERIFY(model.isLoaded());
    JobEntry notLoaded = entry(u"notes"_s);
    notLoaded.job.setError(u"The folder /srv/notes is not loaded as a job. No runnable script file was found."_s);
    JobEntry failing = entry(u"nightly"_s);
    failing.job.setRunCommand(u"run.sh"_s);
    failing.job.setError(u"Cannot update the run 1 of the job nightly in the job database: disk full."_s);
    JobEntry fine = entry(u"other"_s);
    fine.job.setRunCommand(u"run.sh"_s);
    model.setEntries({notLoaded, failing, fine});

    const QModelIndex notLoadedStatus = model.index(0, JobListModel::StatusColumn);
    QCOMPARE(notLoadedStatus.data().toString(), u"Not loaded"_s);
    QCOMPARE(notLoadedStatus.data(Qt::ToolTipRole).toString(), notLoaded.job.error());
    QCOMPARE(notLoadedStatus.data(Qt::ForegroundRole).value<QBrush>().color(), QColor(Qt::red));
    QVERIFY(!notLoadedStatus.data(Qt::DecorationRole).value<QIcon>().isNull());

    const QModelIndex failingStatus = model.index(1, JobListModel::StatusColumn);
    QCOMPARE(failingStatus.data().toString(), u"Ready"_s);
    QCOMPARE(failingStatus.data(Qt::ToolTipRole).toString(), failing.job.error());
    QVERIFY(!failingStatus.data(Qt::DecorationRole).value<QIcon>().isNull());

    const QModelIndex fineStatus = model.index(2, JobListModel::StatusColumn);
    QVERIFY(fineStatus.data(Qt::ToolTipRole).isNull());
    QVERIFY(fineStatus.data(Qt::DecorationRole).isNull());
}

QTEST_MAIN(TestJobListModel)
#include "TestJobListModel.moc"
