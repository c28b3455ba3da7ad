#pragma once

// The JobStore test suite, written once and run against each database the store supports:
// TestJobStore runs it on SQLite files, TestJobStorePostgres on a PostgreSQL server. A backend
// subclass says how to make a fresh, empty database for each test and may add its own tests.

#include "core/store/JobStore.h"

#include <QObject>
#include <QSqlDatabase>
#include <QString>

#include <memory>

namespace WebJobs {

char* toString(const JobRecord& job);
char* toString(const RunRecord& run);
char* toString(const ScheduleState& state);
char* toString(const ContinuousStatusRecord& status);
char* toString(const ProcessRecord& process);
char* toString(const InstanceRecord& instance);

} // namespace WebJobs

// A plain connection to the test database, beside the store's, to look at or damage it the way
// another program would. Removed when destroyed.
class RawConnection
{
public:
    explicit RawConnection(const QString& databaseUrl);
    ~RawConnection();
    RawConnection(const RawConnection&) = delete;
    RawConnection& operator=(const RawConnection&) = delete;

    bool isOpen() const { return m_db.isOpen(); }
    QSqlDatabase& database() { return m_db; }
    // Runs `sql`; fails the test when it fails.
    bool exec(const QString& sql);
    // The first column of the first row of `sql`.
    QVariant value(const QString& sql);

private:
    QString m_name;
    QSqlDatabase m_db;
};

class JobStoreSuite : public QObject
{
    Q_OBJECT

protected:
    // The address of a new, empty database for the current test.
    virtual QString newDatabaseUrl() = 0;

    // Opens newDatabaseUrl() (remembered in m_url); fails the test on error.
    std::unique_ptr<WebJobs::JobStore> openFresh();
    std::unique_ptr<WebJobs::JobStore> reopen();

    QString m_url;

private Q_SLOTS:
    void openCreatesTheSchema();
    void reopenIsIdempotent();
    void addedMigrationStepAppliesOnce();
    void failedMigrationStepRollsBack();
    void newerSchemaIsRefused();
    void jobsCrud();
    void runInsertAndUpdate();
    void updateOfUnknownRunFails();
    void insertRunRefusals_data();
    void insertRunRefusals();
    void textRoundTrips_data();
    void textRoundTrips();
    void historyPagesNewestFirst_data();
    void historyPagesNewestFirst();
    void pruneHistory_data();
    void pruneHistory();
    void latestRunsAcrossJobs();
    void closeUnfinishedRuns();
    void scheduleState();
    void claimScheduledTime_data();
    void claimScheduledTime();
    void continuousStatus();
    void processTable();
    void instances();
    void reapInstanceClosesItsWork();
    void packagesAndRunLogs();
    void runLogCopiesGrowInPieces();
    void runLogCopiesSurviveTheSchemaStep();
    void continuousLogPieces();
    void webHooksOnePerAddress();
    void singletonClaims();
    void abortRequests();
    void removeJobCascades();
    void transactionsNestAndRollBack();
    void refusedWritesSayWhy();
    void twoStoresShareOneDatabase();
    void scaleSanity();
};
