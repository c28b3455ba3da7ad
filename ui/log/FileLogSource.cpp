#include "ui/log/FileLogSource.h"

#include "ui/log/LogMapping.h"
#include "ui/log/LogThreads.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QPromise>
#include <QSaveFile>
#include <QtConcurrent/QtConcurrentRun>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <shared_mutex>
#include <sys/stat.h>
#include <unistd.h>

namespace WebJobs {

namespace {

QByteArray identityOf(const struct stat& info)
{
    QByteArray identity;
    identity.append(reinterpret_cast<const char*>(&info.st_dev), sizeof info.st_dev);
    identity.append(reinterpret_cast<const char*>(&info.st_ino), sizeof info.st_ino);
    return identity;
}

QString systemError(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

class FileLogReader : public LogReader
{
public:
    explicit FileLogReader(QString path)
        : m_path(std::move(path))
        , m_encoded(QFile::encodeName(m_path))
    { }

    ~FileLogReader() override
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }

    LogBytes read(qint64 offset, qint64 length) override
    {
        LogBytes bytes;
        bytes.error = readInto(offset, length, bytes.data);
        return bytes;
    }

    QString readInto(qint64 offset, qint64 length, QByteArray& buffer) override
    {
        if (m_closed.load()) {
            buffer.clear();
            return closedMessage();
        }
        {
            std::shared_lock lock(m_mutex);
            if (m_fd >= 0)
                return readLocked(offset, length, buffer);
        }
        std::unique_lock lock(m_mutex);
        if (m_fd < 0) {
            QString error;
            if (!openLocked(&error)) {
                buffer.clear();
                return error;
            }
        }
        return readLocked(offset, length, buffer);
    }

    std::shared_ptr<const LogMapping> map(qint64 offset, qint64 length) override
    {
        if (m_closed.load())
            return nullptr;
        {
            std::shared_lock lock(m_mutex);
            if (m_fd >= 0)
                return mapLocked(offset, length);
        }
        std::unique_lock lock(m_mutex);
        QString error;
        if (m_fd < 0 && !openLocked(&error))
            return nullptr;
        return mapLocked(offset, length);
    }

    LogStat stat() override
    {
        if (m_closed.load())
            return {-1, {}, closedMessage()};
        struct stat info;
        if (::stat(m_encoded.constData(), &info) != 0) {
            const int error = errno;
            if (error == ENOENT) {
                return {-1, {},
                    FileLogSource::tr("The log file %1 does not exist (yet). It appears when the job writes "
                                      "its first line.")
                        .arg(QDir::toNativeSeparators(m_path))};
            }
            return {-1, {}, cannotRead(systemError(error))};
        }
        const QByteArray identity = identityOf(info);
        std::unique_lock lock(m_mutex);
        // A rolled log is a new file at the same path: read that one from now on.
        if (m_fd < 0 || identity != m_identity) {
            if (m_fd >= 0) {
                ::close(m_fd);
                m_fd = -1;
            }
            QString error;
            if (!openLocked(&error))
                return {-1, {}, error};
        }
        return {qint64(info.st_size), identity, {}};
    }

    void close() override { m_closed.store(true); }

private:
    QString closedMessage() const { return FileLogSource::tr("The log viewer was closed."); }

    QString cannotRead(const QString& reason) const
    {
        return FileLogSource::tr("The log file %1 cannot be read: %2. Check that you may read it.")
            .arg(QDir::toNativeSeparators(m_path), reason);
    }

    bool openLocked(QString* error)
    {
        const int fd = ::open(m_encoded.constData(), O_RDONLY | O_CLOEXEC);
        if (fd < 0) {
            const int code = errno;
            *error = code == ENOENT ? FileLogSource::tr("The log file %1 does not exist (yet). It appears when "
                                                        "the job writes its first line.")
                                          .arg(QDir::toNativeSeparators(m_path))
                                    : cannotRead(systemError(code));
            return false;
        }
        struct stat info;
        if (::fstat(fd, &info) != 0) {
            *error = cannotRead(systemError(errno));
            ::close(fd);
            return false;
        }
        m_fd = fd;
        m_identity = identityOf(info);
        return true;
    }

    std::shared_ptr<const LogMapping> mapLocked(qint64 offset, qint64 length) const
    {
        struct stat info;
        if (::fstat(m_fd, &info) != 0)
            return nullptr;
        // Only what the file holds now; it may still shrink while mapped (LogMapping::guard()).
        return LogMapping::map(m_fd, offset, std::min(length, qint64(info.st_size) - offset));
    }

    QString readLocked(qint64 offset, qint64 length, QByteArray& buffer) const
    {
        if (length <= 0 || offset < 0) {
            buffer.clear();
            return {};
        }
        // Keeps the buffer's memory when it is large enough.
        buffer.resize(length);
        qint64 done = 0;
        while (done < length) {
            const ssize_t got = ::pread(m_fd, buffer.data() + done, size_t(length - done), off_t(offset + done));
            if (got < 0) {
                if (errno == EINTR)
                    continue;
                buffer.clear();
                return cannotRead(systemError(errno));
            }
            if (got == 0)
                break;
            done += got;
        }
        buffer.resize(done);
        return {};
    }

    const QString m_path;
    const QByteArray m_encoded;
    std::atomic<bool> m_closed {false};
    mutable std::shared_mutex m_mutex;
    int m_fd = -1;
    QByteArray m_identity;
};

} // namespace

FileLogSource::FileLogSource(const QString& path, QObject* parent)
    : LogSource(std::make_shared<FileLogReader>(path), parent)
    , m_path(path)
{
    setPollInterval(50);
}

QString FileLogSource::fileName() const
{
    return QFileInfo(m_path).fileName();
}

QUrl FileLogSource::url() const
{
    return QUrl::fromLocalFile(m_path);
}

QFuture<ServiceReply> FileLogSource::saveCopy(const QString& destination)
{
    return QtConcurrent::run(LogThreads::io(), [path = m_path, destination](QPromise<ServiceReply>& promise) {
        QFile source(path);
        if (!source.open(QIODevice::ReadOnly)) {
            promise.addResult(ServiceReply::failure(ServiceError::Code::NotFound,
                tr("The log %1 cannot be read: %2.").arg(QDir::toNativeSeparators(path), source.errorString())));
            return;
        }
        QSaveFile target(destination);
        const auto cannotWrite = [&] {
            return ServiceReply::failure(ServiceError::Code::Internal,
                tr("Cannot write %1: %2. Choose another folder.")
                    .arg(QDir::toNativeSeparators(destination), target.errorString()));
        };
        if (!target.open(QIODevice::WriteOnly)) {
            promise.addResult(cannotWrite());
            return;
        }
        // What the file holds now; lines written during the copy belong to a later copy.
        const qint64 total = source.size();
        promise.setProgressRange(0, int(total / 1024) + 1);
        qint64 done = 0;
        while (done < total) {
            if (promise.isCanceled()) {
                target.cancelWriting();
                return;
            }
            const QByteArray chunk = source.read(std::min<qint64>(1 << 20, total - done));
            if (chunk.isEmpty())
                break;
            if (target.write(chunk) != chunk.size()) {
                promise.addResult(cannotWrite());
                return;
            }
            done += chunk.size();
            promise.setProgressValue(int(done / 1024));
        }
        if (!target.commit()) {
            promise.addResult(cannotWrite());
            return;
        }
        promise.setProgressValue(int(total / 1024) + 1);
        promise.addResult(ServiceReply {});
    });
}

} // namespace WebJobs
