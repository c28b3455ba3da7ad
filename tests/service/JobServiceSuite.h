#pragma once

// The JobService contract, written once and run against each implementation the way
// tests/store/JobStoreSuite.h runs on SQLite and PostgreSQL: TestJobServiceLocal runs it on a
// LocalJobService (the engine in process), TestJobServiceAgent on a RemoteJobService talking to a
// real webjobs-agent started on loopback with a password. A subclass says how to make a service
// on an empty host for each test; real scripts, real zips, real processes.

#include "core/service/JobService.h"

#include <QFuture>
#include <QFutureWatcher>
#include <QObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace WebJobs::Test {

// Waits for a service's future, whose answer may need this thread's event loop; a default value
// (and a failed check) when it does not finish in time or was cancelled.
template <typename T>
T await(QFuture<T> future, int timeoutMs = 60000)
{
    if (!future.isFinished()) {
        QFutureWatcher<T> watcher;
        QSignalSpy finished(&watcher, &QFutureWatcher<T>::finished);
        watcher.setFuture(future);
        if (!future.isFinished() && !finished.wait(timeoutMs)) {
            QTest::qFail("the service did not answer in time", __FILE__, __LINE__);
            return T {};
        }
    }
    if (future.isCanceled() || future.resultCount() == 0)
        return T {};
    return future.result();
}

} // namespace WebJobs::Test

class JobServiceSuite : public QObject
{
    Q_OBJECT

protected:
    // A new service on a host without jobs, for the current test; Ready or about to be.
    virtual std::unique_ptr<WebJobs::JobService> createService() = 0;
    // After the service is destroyed: stop what createService() started.
    virtual void destroyHost() { }

    WebJobs::JobService* service() const { return m_service.get(); }
    QString writeFile(const QString& fileName, const QByteArray& content);
    // A shell script file.
    QString writeScript(const QString& fileName, const QByteArray& body);
    // Adds a job and waits for the operation; the error, and the job in `job`.
    WebJobs::ServiceError add(WebJobs::JobType type, const QString& name, const QString& path, bool isZip = false,
        const WebJobs::JobSettings& settings = {}, WebJobs::Job* job = nullptr);
    // The job's status as the service reports it now (Failed when it is unknown).
    WebJobs::JobStatus statusOf(WebJobs::JobType type, const QString& name);
    // Waits until `spy` (on runFinished or runFailed) has reported run `runId`; the run.
    static std::optional<WebJobs::JobRun> finishedRun(QSignalSpy& spy, const QString& runId);

    QTemporaryDir m_files;

private Q_SLOTS:
    void init();
    void cleanup();

    void addsListsAndFindsJobs();
    void runsWithArguments();
    void pagesHistoryNewestFirst();
    void readsRunDetails();
    void readsLogByRangeAndSavesIt();
    void startsAndStopsContinuousJob();
    void deletesJob();
    void roundTripsSettings();
    void refusesInvalidSchedule();
    void refusesSecondRunAndAbortsFirst();
    void announcesJobAddedWithSettingsOnce();
    void cancelsAddAndLeavesNothing();
    void signalsChangesMadeByTheHost();

private:
    std::unique_ptr<WebJobs::JobService> m_service;
};
