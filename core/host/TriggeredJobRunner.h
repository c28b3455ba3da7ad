#pragma once

// One triggered job's runs (docs/kudu-webjobs-api.md §2.3.4, §3.4, §5, §6.3): one run at a
// time, each in its own folder with `status` and `output_log.txt`, recorded in the store;
// Success or Failed from the exit code; the idle timeout; history retention. Beyond Kudu, a
// running run can be aborted, and is recorded as Aborted with who asked and why.
//
//     start() ── Initializing ── Running ──┬─ exit 0 ───────────── Success
//                                          ├─ exit ≠ 0, idle kill ── Failed
//                                          └─ abort(), host stop ─── Aborted
//
// Lives in the host's thread.

#include "core/host/WorkingCopy.h"
#include "core/model/JobRun.h"
#include "core/store/RunRecord.h"

#include <QObject>

#include <chrono>
#include <memory>

class QTimer;

namespace WebJobs {

struct HostContext;
class JobProcess;
class LogWriter;

class TriggeredJobRunner : public QObject
{
    Q_OBJECT

public:
    enum class StartError
    {
        None,
        NotFound, // the job has no runnable script any more
        AlreadyRunning, // Kudu's 409 "Cannot start a new run since job is already running."
        JobsStopped, // WEBJOBS_STOPPED
        Failed, // the store or the file system refused; message says why
    };

    struct StartResult
    {
        StartError error = StartError::None;
        QString runId;
        QString message;
    };

    TriggeredJobRunner(HostContext* context, QString name, QObject* parent = nullptr);
    ~TriggeredJobRunner() override;

    QString name() const { return m_name; }
    bool isRunning() const { return m_process != nullptr || m_active.has_value(); }
    QString activeRunId() const { return m_active ? m_active->id : QString(); }

    StartResult start(const QString& arguments, const QString& trigger);

    // Ends the active run `runId` (SIGTERM to its process group, then SIGKILL after the job's
    // stopping wait time) and records it as Aborted. False when that run is not active.
    bool abort(const QString& runId, const QString& who, const QString& why);

    // The host is stopping: the active run, if any, is stopped within `grace` and recorded as
    // Aborted with `reason`. runFinished() follows.
    void stop(std::chrono::milliseconds grace, const QString& reason);

    // Kills the active run at once (the job is being deleted). No signal.
    void killNow();

    void removeWorkingCopies() { m_workingCopy.removeAll(); }

    // A run as the API shows it, from its record.
    static JobRun toJobRun(const RunRecord& record, Instant now);

Q_SIGNALS:
    void runStarted(const WebJobs::JobRun& run);
    void runFinished(const WebJobs::JobRun& run);

private:
    void onProcessFinished(int exitCode, bool crashed);
    void checkIdle();
    void finish(JobStatus status, std::optional<int> exitCode);
    void writeStatusFile();
    void systemLine(int level, const QString& message);
    void setStatus(JobStatus status);

    HostContext* m_context;
    QString m_name;
    WorkingCopy m_workingCopy;
    std::optional<RunRecord> m_active;
    std::shared_ptr<LogWriter> m_log;
    JobProcess* m_process = nullptr;
    QTimer* m_idleTimer = nullptr;
    QString m_lastRunId;
    QString m_scriptFileName;
    // Set when the run is ended on purpose: the status it ends with and the line that says why.
    std::optional<JobStatus> m_endAs;
    QString m_endMessage;
    // Idle detection: when the output went quiet and the CPU time then.
    qint64 m_idleSampleAt = 0;
    qint64 m_idleSampleCpu = -1;
    bool m_idleKilled = false;
};

} // namespace WebJobs
