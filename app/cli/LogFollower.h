#pragma once

// Copies a run's or a continuous job's log to a sink as it grows, through JobService::readLog:
// from the start to the end of what exists, then, while following, the tail every 200 ms (the
// service tells when a run ends, not when a line is written). Chunks are handed over as the
// service returns them, so that a log of any size streams through without being held.
//
// A continuous job's log rolls over (job_log.txt starts again empty): when the tail stays
// empty, the follower checks once a second that the log still reaches its offset, and starts
// again from the beginning of the new file when it does not.
//
// Threading: the thread of the service (the main thread); reads finish there.

#include "core/model/JobType.h"

#include <QByteArray>
#include <QObject>
#include <QString>

#include <functional>

class QTimer;

namespace WebJobs {

class JobService;

class LogFollower : public QObject
{
    Q_OBJECT

public:
    static constexpr qint64 ChunkBytes = 256 * 1024;
    static constexpr int PollIntervalMs = 200;
    // Empty polls between two checks for a rolled-over log.
    static constexpr int PollsPerRollCheck = 5;

    using Sink = std::function<void(const QByteArray&)>;

    LogFollower(JobService* service, JobType type, const QString& name, const QString& runId, Sink sink,
        QObject* parent = nullptr);

    // Reads what the log holds; with `follow`, keeps reading what is appended until
    // drainAndStop() or stop(). drained() follows the end of the reading.
    void start(bool follow);
    // Reads what is left (the run has ended), then emits drained().
    void drainAndStop();
    // Stops at once; no drained().
    void stop();

Q_SIGNALS:
    void drained();

private:
    void read();
    void onRead(const QByteArray& bytes);
    void checkRolledOver();

    JobService* m_service;
    JobType m_type;
    QString m_name;
    QString m_runId;
    Sink m_sink;
    QTimer* m_timer;
    qint64 m_offset = 0;
    int m_emptyPolls = 0;
    bool m_reading = false;
    bool m_following = false;
    bool m_stopped = false;
};

} // namespace WebJobs
