#include "core/host/LogWriter.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <cerrno>
#include <ctime>
#include <fcntl.h>
#include <unistd.h>
#include <utility>

using namespace Qt::StringLiterals;

namespace WebJobs {

namespace {

QByteArrayView levelText(bool system, LogWriter::Level level)
{
    switch (level) {
    case LogWriter::Level::Info:
        return system ? "SYS INFO" : "INFO";
    case LogWriter::Level::Warning:
        return system ? "SYS WARN" : "WARN";
    case LogWriter::Level::Error:
        return system ? "SYS ERR " : "ERR ";
    }
    return "INFO";
}

bool writeAll(int fd, const char* data, qint64 size)
{
    while (size > 0) {
        const ssize_t written = ::write(fd, data, static_cast<size_t>(size));
        if (written < 0) {
            if (errno == EINTR)
                continue;
            return false;
        }
        data += written;
        size -= written;
    }
    return true;
}

} // namespace

LogWriter::LogWriter(Options options)
    : m_options(std::move(options))
    , m_instance(m_options.instance.toUtf8())
{ }

LogWriter::~LogWriter()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

QByteArray LogWriter::formatTime(qint64 unixSeconds)
{
    const time_t seconds = static_cast<time_t>(unixSeconds);
    struct tm parts;
    gmtime_r(&seconds, &parts);
    char text[32];
    const int length = std::snprintf(text, sizeof text, "%02d/%02d/%04d %02d:%02d:%02d", parts.tm_mon + 1,
        parts.tm_mday, parts.tm_year + 1900, parts.tm_hour, parts.tm_min, parts.tm_sec);
    return QByteArray(text, length);
}

void LogWriter::formatLine(
    QByteArray& out, qint64 unixSeconds, QByteArrayView instance, bool system, Level level, QByteArrayView message)
{
    // The time text changes once a second; formatting it is the costly part of a line.
    thread_local qint64 cachedSecond = -1;
    thread_local QByteArray cachedTime;
    if (unixSeconds != cachedSecond) {
        cachedSecond = unixSeconds;
        cachedTime = formatTime(unixSeconds);
    }
    out.append('[');
    out.append(cachedTime);
    out.append(" > ");
    out.append(instance);
    out.append(": ");
    out.append(levelText(system, level));
    out.append("] ");
    out.append(message);
    out.append("\r\n");
}

void LogWriter::system(Level level, const QString& message)
{
    QByteArray line;
    formatLine(line, QDateTime::currentSecsSinceEpoch(), m_instance, true, level, message.toUtf8());
    append(line);
}

void LogWriter::append(const QByteArray& formatted)
{
    if (formatted.isEmpty())
        return;
    QMutexLocker locker(&m_mutex);
    appendLocked(formatted);
    if (!m_sharing)
        return;
    if (m_shared.size() + formatted.size() <= SharedLimit)
        m_shared.append(formatted);
    else
        m_unshared += formatted.size();
}

void LogWriter::appendRelayed(const QByteArray& formatted)
{
    if (formatted.isEmpty())
        return;
    QMutexLocker locker(&m_mutex);
    appendLocked(formatted);
}

void LogWriter::appendLocked(const QByteArray& formatted)
{
    if (m_options.rollBytes > 0 && m_size > 0 && m_size + formatted.size() > m_options.rollBytes)
        rollLocked();
    if (m_fd < 0 && !openLocked())
        return;
    if (writeAll(m_fd, formatted.constData(), formatted.size()))
        m_size += formatted.size();
}

void LogWriter::setSharing(bool on)
{
    QMutexLocker locker(&m_mutex);
    m_sharing = on;
    if (!on) {
        m_shared.clear();
        m_unshared = 0;
    }
}

QByteArray LogWriter::takeShared()
{
    QMutexLocker locker(&m_mutex);
    QByteArray taken = std::exchange(m_shared, QByteArray());
    if (m_unshared > 0) {
        const QByteArray message = QByteArray::number(m_unshared)
            + " bytes of this instance's log are only in its own copy: more than "
            + QByteArray::number(SharedLimit >> 20) + " MiB came between two heartbeats.";
        formatLine(taken, QDateTime::currentSecsSinceEpoch(), m_instance, true, Level::Warning, message);
        m_unshared = 0;
    }
    return taken;
}

qint64 LogWriter::size() const
{
    QMutexLocker locker(&m_mutex);
    return m_size;
}

bool LogWriter::openLocked()
{
    QDir().mkpath(QFileInfo(m_options.path).absolutePath());
    const QByteArray path = QFile::encodeName(m_options.path);
    m_fd = ::open(path.constData(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (m_fd < 0)
        return false;
    const off_t end = ::lseek(m_fd, 0, SEEK_END);
    m_size = end > 0 ? end : 0;
    return true;
}

void LogWriter::rollLocked()
{
    if (m_fd >= 0) {
        ::close(m_fd);
        m_fd = -1;
    }
    const QString previous = m_options.previousPath;
    if (QFileInfo::exists(previous)) {
        const QFileInfo info(previous);
        const QString stamp = QDateTime::currentDateTimeUtc().toString(u"yyyyMMddHHmmsszzz"_s);
        const QString stem = info.absolutePath() + u'/' + QFileInfo(m_options.path).completeBaseName() + u'_' + stamp;
        QString archive = stem + u'.' + info.suffix();
        for (int n = 1; QFileInfo::exists(archive); ++n)
            archive = stem + u'-' + QString::number(n) + u'.' + info.suffix();
        QFile::rename(previous, archive);
    }
    QFile::rename(m_options.path, previous);
    m_size = 0;
}

} // namespace WebJobs
