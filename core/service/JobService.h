#pragma once

// The one asynchronous interface the console's views use to reach a job host, whether it runs
// in the console's process (LocalJobService) or behind the Kudu API on another machine. Views
// hold a JobService* and never learn which implementation is behind it.
//
//     views ── JobService (GUI thread: futures and signals)
//                  ├── LocalJobService ── host thread ── JobHost ── job processes
//                  └── RemoteJobService ── AgentClient ── HTTP(S) ── webjobs-agent / Kudu site
//
// Contract:
//  - Every call returns at once: nothing here waits on disk, a process or the network. Data
//    comes back as a QFuture that finishes in another thread; watch it with a QFutureWatcher
//    parented to the object that asked (ui/FutureCallback.h), so that the answer arrives in
//    that object's thread and is dropped when it is destroyed first. A future whose service
//    went away is cancelled.
//  - Changes are pushed by the signals below, in the thread of the service object (the GUI
//    thread). jobsChanged() batches the changes that happened close together, so that a view
//    updates many rows at once. A view that shows live data calls beginWatching() when it
//    opens and endWatching() when it closes (counted): a service that must poll for changes
//    (a Kudu site) polls only while someone watches.
//  - What a server cannot do is not offered: capabilities() says which optional actions exist,
//    so that a view hides the others rather than let them fail.
//  - Errors are sentences in the user's language that say what to do (ServiceError::message).

#include "core/model/Job.h"
#include "core/model/JobRun.h"
#include "core/model/JobSettings.h"
#include "core/service/AddJobOperation.h"
#include "core/service/HistoryPage.h"
#include "core/service/InstanceInfo.h"
#include "core/service/JobEntry.h"
#include "core/service/LogInfo.h"
#include "core/service/ServiceReply.h"

#include <QByteArray>
#include <QFuture>
#include <QList>
#include <QObject>
#include <QUrl>

#include <optional>

namespace WebJobs {

class JobService : public QObject
{
    Q_OBJECT

public:
    enum class State
    {
        Connecting,
        Ready,
        // The connection was lost; the service retries by itself (errorString() says why).
        Reconnecting,
        Failed,
        Stopping,
        Stopped,
    };
    Q_ENUM(State)

    enum class Capability
    {
        AbortRun = 0x1, // abortRun()
        LiveChanges = 0x2, // changes are pushed as they happen, not polled
        Recurrence = 0x4, // a `recurrence` schedule is kept as is (else converted to NCRONTAB)
    };
    Q_DECLARE_FLAGS(Capabilities, Capability)
    Q_FLAG(Capabilities)

    explicit JobService(QObject* parent = nullptr);
    ~JobService() override;

    // What the console is connected to, for the status bar ("Local host").
    virtual QString displayName() const = 0;
    virtual State state() const = 0;
    // The reason of State::Failed.
    virtual QString errorString() const = 0;
    // The state as a short sentence for the status bar.
    static QString stateText(State state);

    // Everything by default (the local host can do it all).
    virtual Capabilities capabilities() const;
    // Counted: changes are followed while at least one watcher remains.
    virtual void beginWatching() { }
    virtual void endWatching() { }

    // Several instances on one database (a cluster): the instances registered, as the server
    // last said, and whether its database answers. Cached: answers at once, and
    // instancesChanged() says when it changed. A host that is not a cluster (the local host, a
    // single agent, a Kudu site) has none and no database problem. While watched
    // (beginWatching()), a service over a cluster asks again every few seconds, and after each
    // reconnection; nothing is known while the state is not Ready.
    virtual QList<InstanceInfo> instances() const { return {}; }
    // Empty while the database answers (or without a cluster); else the server's sentence.
    virtual QString databaseProblem() const { return {}; }
    // Asks the server for the instances now (a view that opens); the answer comes through
    // instancesChanged() when something changed.
    virtual void refreshInstances() { }

    // Every job, triggered first then continuous.
    virtual QFuture<QList<JobEntry>> jobs() = 0;
    virtual QFuture<std::optional<JobEntry>> job(JobType type, const QString& name) = 0;

    // Adds (or replaces) job `name` from a zip (`isZip`) or a single script at `sourcePath`,
    // then writes `settings` into its settings.job unless they are empty. The operation is
    // owned by the caller's thread and deletes itself after finished().
    virtual AddJobOperation* addJob(
        JobType type, const QString& name, const QString& sourcePath, bool isZip, const JobSettings& settings = {})
        = 0;
    virtual QFuture<ServiceReply> deleteJob(JobType type, const QString& name) = 0;

    // Starts a run of a triggered job now; the reply carries the run id.
    virtual QFuture<ServiceReply> triggerRun(const QString& name, const QString& arguments = {}) = 0;
    virtual QFuture<ServiceReply> abortRun(const QString& name, const QString& runId) = 0;
    virtual QFuture<ServiceReply> startContinuous(const QString& name) = 0;
    virtual QFuture<ServiceReply> stopContinuous(const QString& name) = 0;

    virtual QFuture<JobSettings> settings(JobType type, const QString& name) = 0;
    // BadRequest with the engine's sentence when the schedule is not valid.
    virtual QFuture<ServiceReply> setSettings(JobType type, const QString& name, const JobSettings& settings) = 0;

    // Runs of a triggered job, newest first, from `offset`.
    virtual QFuture<HistoryPage> history(const QString& name, int offset, int limit) = 0;
    virtual QFuture<std::optional<JobRun>> run(const QString& name, const QString& runId) = 0;

    // Up to `maxBytes` of a run's output log from `offset` (an empty `runId` reads a
    // continuous job's log); empty past its end. A log that cannot be read (missing, no
    // permission, the host unreachable) also reads as empty: logInfo() then says why, so a
    // reader that gets fewer bytes than logInfo() promised asks it again.
    virtual QFuture<QByteArray> readLog(
        JobType type, const QString& name, const QString& runId, qint64 offset, qint64 maxBytes)
        = 0;
    // The log's size now, or the sentence that says why it cannot be read (LogInfo.h). Cheap
    // enough to be asked a few times a second by a viewer that follows a running job: a local
    // host answers from the file's metadata; a remote one with one small ranged request
    // (`Range: bytes=0-0`, the total of Content-Range; 416 with `*/0` for an empty log) or HEAD.
    // A log that was rolled or truncated answers its new, smaller size.
    virtual QFuture<LogInfo> logInfo(JobType type, const QString& name, const QString& runId) = 0;
    // Copies a whole log to `destination`; the future's progress counts bytes.
    virtual QFuture<ServiceReply> saveLog(
        JobType type, const QString& name, const QString& runId, const QString& destination)
        = 0;
    // Where the log can be read by a person (a file: URL for a local host).
    virtual QUrl logUrl(JobType type, const QString& name, const QString& runId) const = 0;

Q_SIGNALS:
    void stateChanged(WebJobs::JobService::State state);
    void jobAdded(const WebJobs::JobEntry& entry);
    void jobRemoved(WebJobs::JobType type, const QString& name);
    void jobsChanged(const QList<WebJobs::JobEntry>& entries);
    void runStarted(const WebJobs::JobRun& run);
    void runFinished(const WebJobs::JobRun& run);
    // A run ended Failed (or was aborted by the idle timeout).
    void runFailed(const WebJobs::JobRun& run);
    // A continuous job keeps exiting soon after each start.
    void crashLoopEntered(const QString& name);
    // Changes may have been missed (the connection came back after a loss, or the server
    // restarted): reload what is shown. The job list itself is brought up to date by the
    // signals above.
    void resetNeeded();
    // instances() or databaseProblem() changed.
    void instancesChanged();
};

} // namespace WebJobs

Q_DECLARE_OPERATORS_FOR_FLAGS(WebJobs::JobService::Capabilities)
