#pragma once

// One continuous job (docs/kudu-webjobs-api.md §6.4, §6.5): runs while enabled, restarted
// when it exits. Kudu's policy by default: a process that lived less than minimumUptime waits
// restartDelay before its restart (PendingRestart), a longer-lived one restarts at once.
// Beyond Kudu, crashLoopThreshold fast exits in a row put the job in its CrashLoop state
// (it keeps being restarted with the same delay), reported once by crashLoopEntered() until a
// process lives long enough again.
//
//     Starting ─ Running ─┬─ exit, lived long ───────────────── Starting …
//                         ├─ exit, lived < minimumUptime ─ PendingRestart (or CrashLoop) ─ Starting …
//                         └─ disable() ─ Disabling ─ Stopping ─ Stopped
//
// Enabled means: no `disable.job` in the script directory (Kudu's marker, so a folder moved
// between Kudu and us keeps its state) and WEBJOBS_STOPPED not set. Stopping is graceful:
// the shutdown file named by WEBJOBS_SHUTDOWN_FILE is created, then SIGTERM, then SIGKILL of
// the process group after `stopping_wait_time`. Output goes to job_log.txt, rolled by size,
// every line kept. Lives in the host's thread.

#include "core/host/WorkingCopy.h"
#include "core/model/JobStatus.h"

#include <QElapsedTimer>
#include <QObject>

#include <chrono>
#include <memory>

class QTimer;

namespace WebJobs {

struct HostContext;
class JobProcess;
class LogWriter;

class ContinuousJobRunner : public QObject
{
    Q_OBJECT

public:
    ContinuousJobRunner(HostContext* context, QString name, QObject* parent = nullptr);
    ~ContinuousJobRunner() override;

    QString name() const { return m_name; }
    JobStatus status() const { return m_status; }
    bool isEnabled() const;
    qint64 pid() const;
    // The job's log (job_log.txt), which ClusterMember shares with the other instances.
    LogWriter* jobLog() const { return m_log.get(); }
    // The loopback port handed to the running process in WEBJOBS_PORT (Kudu's passthrough);
    // 0 when no process runs.
    quint16 port() const { return m_process ? m_port : 0; }
    int fastExits() const { return m_fastExits; }

    // Starts the job when it is enabled and not running (after open or an upload).
    void refresh();
    // Deletes disable.job and starts the job.
    bool enable(QString* error = nullptr);
    // Writes disable.job and stops the job gracefully.
    bool disable(QString* error = nullptr);
    // Stops the running process gracefully and starts it again (new package or settings).
    void restart();
    // The host is stopping: stop gracefully within `grace`, leaving disable.job alone.
    // stopped() follows when no process is left.
    void shutdown(std::chrono::milliseconds grace);
    // Kills the process at once (the job is being deleted).
    void killNow();

    void removeWorkingCopies() { m_workingCopy.removeAll(); }

Q_SIGNALS:
    void statusChanged(WebJobs::JobStatus status);
    void crashLoopEntered();
    void stopped();

private:
    enum class Intent
    {
        Run,
        Stop,
        Restart,
    };

    void launch();
    // With several instances: settings.job says is_singleton (ClusterMember).
    bool isSingletonHere() const;
    void releaseClaim();
    void onProcessFinished(int exitCode, bool crashed);
    void scheduleRestart(bool fastExit);
    void setStatus(JobStatus status);
    // Removes the process's record from the store (reported and retried on failure).
    void forgetProcess(qint64 pid);
    void stopProcess(std::chrono::milliseconds grace);
    std::chrono::milliseconds stoppingWaitTime() const;
    void log(int level, const QString& message);

    HostContext* m_context;
    QString m_name;
    WorkingCopy m_workingCopy;
    std::shared_ptr<LogWriter> m_log;
    JobProcess* m_process = nullptr;
    QTimer* m_restartTimer = nullptr;
    QElapsedTimer m_uptime;
    QString m_shutdownFile;
    quint16 m_port = 0;
    JobStatus m_status = JobStatus::Initializing;
    Intent m_intent = Intent::Run;
    int m_fastExits = 0;
    bool m_crashLoopReported = false;
};

} // namespace WebJobs
