#pragma once

// Turns SIGTERM and SIGINT (Ctrl-C) into a Qt signal in the thread that made the watcher (the
// main thread), so that webjobs-agent stops its jobs and `webjobs` closes its service cleanly
// instead of dying mid-write. The self-pipe trick: the async-signal-safe handler only writes a
// byte to a socket pair (non-blocking, close-on-exec: jobs do not inherit it), a
// QSocketNotifier reads it.
//
// A second signal while the first is handled is, by Repeat:
//   Deliver     emitted again (the agent: a second SIGTERM stops it without waiting for jobs)
//   ExitAtOnce  ends the process from the handler with status 128 + the signal's number, even
//               when the main thread is stuck (the CLI: a second Ctrl-C always works)
//
// One watcher per process: a second one watches nothing (isWatching() false). The default
// handlers come back when it is destroyed. Errors: when the socket pair cannot be made,
// isWatching() is false and the signals keep their default action.

#include <QObject>

class QSocketNotifier;

namespace WebJobs {

class SignalWatcher : public QObject
{
    Q_OBJECT

public:
    enum class Repeat
    {
        Deliver,
        ExitAtOnce,
    };

    explicit SignalWatcher(Repeat repeat, QObject* parent = nullptr);
    ~SignalWatcher() override;

    bool isWatching() const { return m_notifier != nullptr; }

Q_SIGNALS:
    // `signal` is SIGTERM or SIGINT.
    void received(int signal);

private:
    QSocketNotifier* m_notifier = nullptr;
};

} // namespace WebJobs
