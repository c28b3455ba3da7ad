#pragma once

// Turns SIGINT (Ctrl-C) and SIGTERM into a Qt signal in the main thread, so that `webjobs`
// stops following a log and closes its service cleanly instead of dying mid-write (the
// self-pipe trick: the async-signal-safe handler only writes a byte to a socket pair, a
// QSocketNotifier reads it). A second signal while the first is handled ends the program at
// once. One instance per process; the default handlers come back when it is destroyed.

#include <QObject>

class QSocketNotifier;

namespace WebJobs {

class InterruptWatcher : public QObject
{
    Q_OBJECT

public:
    explicit InterruptWatcher(QObject* parent = nullptr);
    ~InterruptWatcher() override;

Q_SIGNALS:
    // `signal` is SIGINT or SIGTERM.
    void interrupted(int signal);

private:
    QSocketNotifier* m_notifier = nullptr;
};

} // namespace WebJobs
