#pragma once

// Small helpers shared by the benchmark programs: percentiles, report lines, CPU time, and
// waiting on the event loop for a condition.

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QList>
#include <QString>
#include <QTextStream>
#include <QTimer>

#include <algorithm>
#include <cmath>
#include <ctime>
#include <functional>

namespace WebJobs::Bench {

// The p-th percentile (0..100) of `values`, nearest-rank.
inline double percentile(QList<double> values, double p)
{
    if (values.isEmpty())
        return 0;
    std::sort(values.begin(), values.end());
    const qsizetype rank
        = std::clamp<qsizetype>(qsizetype(std::ceil(p / 100.0 * double(values.size()))) - 1, 0, values.size() - 1);
    return values.at(rank);
}

inline QTextStream& out()
{
    static QTextStream stream(stdout);
    return stream;
}

// CPU time of the whole process (every thread), in seconds.
inline double cpuSeconds()
{
    timespec now {};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
    return double(now.tv_sec) + double(now.tv_nsec) / 1e9;
}

// Runs the event loop until `done` holds; false after `timeoutMs`.
inline bool waitFor(const std::function<bool()>& done, int timeoutMs = 600000, int stepMs = 5)
{
    QElapsedTimer clock;
    clock.start();
    while (!done()) {
        if (clock.elapsed() > timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, stepMs);
    }
    return true;
}

// The same, sleeping between events as an application's event loop does: waitFor() spins
// (QCoreApplication::processEvents(flags, ms) never waits), which takes a whole core from the
// threads being measured. For conditions that only events make true (a signal, a slot, a
// queued call); a timer wakes the loop every `stepMs` for the timeout.
inline bool waitForEvents(const std::function<bool()>& done, int timeoutMs = 600000, int stepMs = 50)
{
    QElapsedTimer clock;
    clock.start();
    QTimer wake;
    wake.start(stepMs);
    while (!done()) {
        if (clock.elapsed() > timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    }
    return true;
}

} // namespace WebJobs::Bench
