#include "app/cli/LogFollower.h"

#include "app/cli/FutureCallback.h"
#include "core/service/JobService.h"

#include <QTimer>

namespace WebJobs {

LogFollower::LogFollower(
    JobService* service, JobType type, const QString& name, const QString& runId, Sink sink, QObject* parent)
    : QObject(parent)
    , m_service(service)
    , m_type(type)
    , m_name(name)
    , m_runId(runId)
    , m_sink(std::move(sink))
    , m_timer(new QTimer(this))
{
    m_timer->setInterval(PollIntervalMs);
    connect(m_timer, &QTimer::timeout, this, [this] {
        if (!m_reading)
            read();
    });
}

void LogFollower::start(bool follow)
{
    m_following = follow;
    m_stopped = false;
    if (follow)
        m_timer->start();
    read();
}

void LogFollower::drainAndStop()
{
    m_following = false;
    m_timer->stop();
    if (!m_reading)
        read();
}

void LogFollower::stop()
{
    m_stopped = true;
    m_following = false;
    m_timer->stop();
}

void LogFollower::read()
{
    m_reading = true;
    whenFinished(this, m_service->readLog(m_type, m_name, m_runId, m_offset, ChunkBytes),
        [this](const QByteArray& bytes) { onRead(bytes); });
}

void LogFollower::onRead(const QByteArray& bytes)
{
    m_reading = false;
    if (m_stopped)
        return;
    if (!bytes.isEmpty()) {
        m_emptyPolls = 0;
        m_offset += bytes.size();
        m_sink(bytes);
        // More may be there already: read on without waiting for the timer.
        if (bytes.size() >= ChunkBytes || !m_following) {
            read();
            return;
        }
        return;
    }
    if (!m_following) {
        Q_EMIT drained();
        return;
    }
    if (++m_emptyPolls >= PollsPerRollCheck && m_offset > 0) {
        m_emptyPolls = 0;
        checkRolledOver();
    }
}

void LogFollower::checkRolledOver()
{
    m_reading = true;
    whenFinished(this, m_service->readLog(m_type, m_name, m_runId, m_offset - 1, 1), [this](const QByteArray& last) {
        m_reading = false;
        if (m_stopped)
            return;
        if (last.isEmpty()) {
            // The log is shorter than what was read of it: a new file began.
            m_offset = 0;
            read();
        } else if (!m_following) {
            read();
        }
    });
}

} // namespace WebJobs
