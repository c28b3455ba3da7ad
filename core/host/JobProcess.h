#pragma once

// One job process: started in its own process group, its stdout and stderr captured line by
// line into a LogWriter by a dedicated thread, stopped gracefully on request.
//
//     host thread                         capture thread (one per process)
//     JobProcess ── QProcess (lifecycle)   poll(stdout, stderr, wake) → lines → LogWriter
//          ▲                                    │ end of output
//          └──────── queued "drained" ──────────┘
//
// Why its own pipes and thread: the child must never wait on the host. The pipes are enlarged
// to 1 MiB and drained by a thread that does nothing else, so a busy host thread (HTTP, the
// scheduler, the database) does not throttle a job that writes fast.
//
// The child: runs in a new session (its pid is its process group id), gets SIGKILL when the
// thread that started it dies (PR_SET_PDEATHSIG), inherits no descriptor but 0, 1 and 2 (every
// other one is marked close-on-exec before exec: no sockets of the agent leak into jobs), and
// reads /dev/null as stdin.
//
// finished() is emitted once, after the process has exited AND its output has been written:
// the last lines of a run are in the log before the run's final status. When the leader
// exits, whatever is left of its process group is killed; output still held open by a process
// that escaped the group is abandoned after a short grace.
//
// Lives in one thread (the host's); not thread-safe except lastOutputMSecs().

#include "core/host/LogWriter.h"

#include <QObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QStringList>

#include <atomic>
#include <chrono>
#include <memory>
#include <thread>

class QTimer;

namespace WebJobs {

class JobProcess : public QObject
{
    Q_OBJECT

public:
    struct Spec
    {
        QString program;
        QStringList arguments;
        QString workingDirectory;
        QProcessEnvironment environment;
    };

    explicit JobProcess(QObject* parent = nullptr);
    // Kills the process group if it still runs and waits for the capture thread.
    ~JobProcess() override;

    // Starts the process. On failure returns false with a sentence in `error` and emits
    // nothing. `log` receives every output line (stdout INFO, stderr ERR).
    bool start(const Spec& spec, std::shared_ptr<LogWriter> log, QString* error);

    bool isRunning() const { return m_running; }
    qint64 pid() const { return m_pid; }

    // Monotonic milliseconds (QDeadlineTimer clock) of the last output byte, or of the start.
    qint64 lastOutputMSecs() const { return m_lastOutput.load(std::memory_order_relaxed); }

    // CPU time (user + system, in clock ticks) of every live process of the group.
    qint64 groupCpuTime() const;

    // Graceful stop: creates `shutdownFile` (when given; content: the UTC time), then sends
    // SIGTERM to the process group after half of `grace`, then SIGKILL after `grace`.
    // Without a shutdown file SIGTERM is sent at once. finished() follows.
    void stop(std::chrono::milliseconds grace, const QString& shutdownFile = {});

    // SIGKILL to the whole process group. finished() follows.
    void kill();

    // The time the output may stay open after the leader exited before it is abandoned.
    static constexpr std::chrono::milliseconds OutputGrace {2000};

Q_SIGNALS:
    // `exitCode` is the process's exit code, or 128 + the signal number when a signal ended it
    // (`crashed` is then true).
    void finished(int exitCode, bool crashed);

private:
    void onProcessFinished(int exitCode, QProcess::ExitStatus status);
    Q_INVOKABLE void onOutputDrained();
    void signalGroup(int signal);
    void finishIfDone();
    void stopCapture();

    QProcess* m_process = nullptr;
    QTimer* m_termTimer = nullptr;
    QTimer* m_killTimer = nullptr;
    QTimer* m_graceTimer = nullptr;
    std::thread m_capture;
    int m_wakeFd = -1; // write end: a byte tells the capture thread to drain and stop
    int m_wakeReadFd = -1; // read end, polled by the capture thread; closed after it ends
    qint64 m_pid = 0;
    bool m_running = false;
    bool m_exited = false;
    bool m_drained = false;
    bool m_finishedEmitted = false;
    int m_exitCode = 0;
    bool m_crashed = false;
    std::atomic<qint64> m_lastOutput {0};
};

} // namespace WebJobs
