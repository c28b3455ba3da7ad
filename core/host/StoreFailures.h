#pragma once

// StoreFailures: the one path by which the host reports a write that the job database refused
// (a full disk, a read-only file, a PostgreSQL server gone), so that nothing is lost silently.
//
//   TriggeredJobRunner ──┐
//   ContinuousJobRunner ─┼─ check(ok, job, write, retry) ─┬─ qCWarning(webjobs.host): the agent's log
//   JobScheduler ────────┤                                ├─ failureText(job): the job's `error`
//   JobHost ─────────────┘                                └─ failed() / cleared(): JobHost's signals
//
// Every store write of the host hands its result to check(). A failure is logged under the
// `webjobs.host` logging category with the store's sentence (what could not be written, and the
// database's reason), kept as a failure of that job until a later write of the same kind
// succeeds, and signalled. JobHost shows a job's failures in its `error` member, which the API
// serves and the console shows. Writes that are not about one job (the recovery at start, the
// instance's own record) are the host's failures: logged and signalled with an empty name.
//
// A write that can be done again later (a run's end, a continuous job's status, a schedule's
// state, the removal of a job) comes with its retry, attempted every `retryInterval` until the
// database takes it, and at once by retryNow() where the next step depends on it. A later
// write of the same kind for the same job replaces the pending one, so a retry never writes an
// older state over a newer one. What is still pending when the host goes away is logged as lost
// (the next start closes the runs left unfinished as Aborted).
//
// Lives in the host's thread. Owned by JobHost; the store must outlive it.

#include "core/model/JobType.h"

#include <QLoggingCategory>
#include <QObject>
#include <QString>

#include <chrono>
#include <functional>
#include <map>
#include <tuple>

class QTimer;

Q_DECLARE_LOGGING_CATEGORY(lcHost)

namespace WebJobs {

class JobStore;

class StoreFailures : public QObject
{
    Q_OBJECT

public:
    // What the host was writing. Failures are kept per job and per kind of write.
    enum class Write
    {
        Job, // the job's record: registered or removed (the host's: reading the list of jobs)
        RunStart, // a new run (insertRun)
        RunStatus, // a run's status: Running, then its end
        History, // the removal of old runs (retention)
        Process, // the record of a job's process, for recovery after a crash (the host's: clearing them)
        ContinuousStatus, // a continuous job's status on this instance
        Schedule, // a schedule's state, and the claim of a due time
        SingletonClaim, // a singleton continuous job's claim on one instance, and its release
        Recovery, // the host's: closing the runs a previous life left unfinished
        Instance, // the host's: its own record (registration, removal)
    };
    using Retry = std::function<bool()>;

    StoreFailures(JobStore* store, std::chrono::milliseconds retryInterval, QObject* parent = nullptr);
    // Logs the writes still pending: they are lost.
    ~StoreFailures() override;

    // `ok` is the result of a `write` for the job `type`/`name` that was just made (the store's
    // errorString() still tells why it failed). On failure: reports it, keeps `retry` (when given)
    // in place of a pending one of the same write. On success: clears a failure of the same write
    // for the job. Answers `ok`.
    bool check(bool ok, JobType type, const QString& name, Write write, Retry retry = {});
    // The same for the host's own writes (Recovery, Instance).
    bool checkHost(bool ok, Write write, Retry retry = {});

    // Attempts the pending retry of `write` for the job at once. True when no retry is pending or
    // it succeeded; false when the database still refuses it (failure() says why).
    bool retryNow(JobType type, const QString& name, Write write);
    bool retryHostNow(Write write);

    // The sentence of a pending failure; empty when none.
    QString failure(JobType type, const QString& name, Write write) const;
    QString hostFailure(Write write) const;
    // Every failure of a job, one sentence per line; empty when none.
    QString failureText(JobType type, const QString& name) const;
    int count() const { return int(m_failures.size()); }

    // Drops the failures of a job that is gone, and their retries.
    void forget(JobType type, const QString& name);

    // Attempts every pending retry now (the timer does it every retryInterval).
    void retryPending();

Q_SIGNALS:
    // A write failed, or failed again for another reason. An empty `name`: the host's own write.
    void failed(WebJobs::JobType type, const QString& name, const QString& message);
    // The job has no failure of some kind any more (a retry or a later write succeeded).
    void cleared(WebJobs::JobType type, const QString& name);

private:
    using Key = std::tuple<JobType, QString, Write>;
    struct Failure
    {
        QString message;
        Retry retry;
    };

    bool record(const Key& key, bool ok, Retry retry);
    bool retryKey(const Key& key);
    QString messageFor(Write write, bool retried) const;
    static QString label(const Key& key);

    JobStore* m_store;
    std::chrono::milliseconds m_retryInterval;
    QTimer* m_timer = nullptr;
    std::map<Key, Failure> m_failures;
};

} // namespace WebJobs
