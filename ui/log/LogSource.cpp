#include "ui/log/LogSource.h"

#include "ui/FutureCallback.h"
#include "ui/log/LogThreads.h"

#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

namespace WebJobs {

QString LogReader::readInto(qint64 offset, qint64 length, QByteArray& buffer)
{
    LogBytes bytes = read(offset, length);
    buffer = std::move(bytes.data);
    return bytes.error;
}

std::shared_ptr<const LogMapping> LogReader::map(qint64, qint64)
{
    return nullptr;
}

LogSource::LogSource(std::shared_ptr<LogReader> reader, QObject* parent)
    : QObject(parent)
    , m_reader(std::move(reader))
    , m_poll(new QTimer(this))
{
    m_poll->setInterval(100);
    connect(m_poll, &QTimer::timeout, this, &LogSource::refresh);
}

LogSource::~LogSource()
{
    m_reader->close();
}

void LogSource::refresh()
{
    if (m_asking) {
        m_askAgain = true;
        return;
    }
    m_asking = true;
    std::shared_ptr<LogReader> reader = m_reader;
    whenFinished(
        this, QtConcurrent::run(LogThreads::io(), [reader] { return reader->stat(); }), [this](const LogStat& stat) {
            m_asking = false;
            handle(stat);
            if (m_askAgain) {
                m_askAgain = false;
                refresh();
            }
        });
}

void LogSource::handle(const LogStat& stat)
{
    if (!stat.ok()) {
        const QString message = stat.error;
        const bool changed = !m_known || m_error != message;
        m_known = false;
        m_stat = LogStat {-1, {}, message};
        m_error = message;
        if (changed)
            Q_EMIT failed(message);
        return;
    }
    const LogStat before = m_stat;
    const bool wasKnown = m_known;
    m_stat = stat;
    m_error.clear();
    m_known = true;
    const bool sameLog = before.identity.startsWith(stat.identity) || stat.identity.startsWith(before.identity);
    if (!wasKnown || !sameLog || stat.size < before.size)
        Q_EMIT reset(stat.size);
    else if (stat.size > before.size)
        Q_EMIT grew(stat.size);
}

void LogSource::setWatching(bool watching)
{
    if (watching && !m_poll->isActive())
        m_poll->start();
    else if (!watching)
        m_poll->stop();
}

bool LogSource::isWatching() const
{
    return m_poll->isActive();
}

int LogSource::pollInterval() const
{
    return m_poll->interval();
}

void LogSource::setPollInterval(int ms)
{
    m_poll->setInterval(ms);
}

QFuture<LogBytes> LogSource::read(qint64 offset, qint64 length) const
{
    std::shared_ptr<LogReader> reader = m_reader;
    return QtConcurrent::run(LogThreads::io(), [reader, offset, length] { return reader->read(offset, length); });
}

} // namespace WebJobs
