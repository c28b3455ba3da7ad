#pragma once

// Turns SIGTERM and SIGINT into a Qt signal in the main thread (the self-pipe trick: the
// async-signal-safe handler only writes a byte to a socket pair, a QSocketNotifier reads it).
// One instance per process.

#include <QObject>

class QSocketNotifier;

namespace WebJobs {

class SignalWatcher : public QObject
{
    Q_OBJECT

public:
    explicit SignalWatcher(QObject* parent = nullptr);
    ~SignalWatcher() override;

Q_SIGNALS:
    // `signal` is SIGTERM or SIGINT.
    void received(int signal);

private:
    QSocketNotifier* m_notifier = nullptr;
};

} // namespace WebJobs
