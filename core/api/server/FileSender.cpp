#include "core/api/server/FileSender.h"

#include <QFile>
#include <QFutureWatcher>
#include <QPointer>
#include <QTcpSocket>
#include <QThreadPool>
#include <QtConcurrent>

#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace WebJobs {

namespace {

constexpr qint64 ChunkSize = 128 * 1024;
constexpr qint64 HighWater = 256 * 1024;

} // namespace

ReadOnlyFile::ReadOnlyFile(int fd, qint64 size)
    : m_fd(fd)
    , m_size(size)
{ }

ReadOnlyFile::~ReadOnlyFile()
{
    ::close(m_fd);
}

std::shared_ptr<ReadOnlyFile> ReadOnlyFile::open(const QString& path, Failure* failure)
{
    *failure = Failure::None;
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) {
        *failure = errno == ENOENT || errno == ENOTDIR ? Failure::Missing : Failure::Unreadable;
        return {};
    }
    struct stat status = {};
    if (::fstat(fd, &status) != 0 || !S_ISREG(status.st_mode)) {
        ::close(fd);
        *failure = Failure::NotRegular;
        return {};
    }
    return std::shared_ptr<ReadOnlyFile>(new ReadOnlyFile(fd, status.st_size));
}

QByteArray ReadOnlyFile::read(qint64 offset, qint64 length) const
{
    QByteArray bytes(length, Qt::Uninitialized);
    ssize_t count = 0;
    do
        count = ::pread(m_fd, bytes.data(), static_cast<size_t>(length), offset);
    while (count < 0 && errno == EINTR);
    bytes.resize(std::max<ssize_t>(count, 0));
    return bytes;
}

QThreadPool* FileSender::threadPool()
{
    static QThreadPool* const pool = [] {
        auto* created = new QThreadPool;
        // Enough for several slow answers at once on a small machine; each waits on the disk.
        created->setMaxThreadCount(std::max(4, QThread::idealThreadCount()));
        return created;
    }();
    return pool;
}

FileSender::FileSender(QTcpSocket* socket, std::shared_ptr<ReadOnlyFile> file, qint64 offset, qint64 length)
    : QObject(socket)
    , m_socket(socket)
    , m_file(std::move(file))
    , m_offset(offset)
    , m_remaining(length)
{ }

void FileSender::start()
{
    connect(m_socket, &QTcpSocket::bytesWritten, this, &FileSender::pump);
    pump();
}

void FileSender::pump()
{
    if (m_reading)
        return;
    if (m_remaining <= 0) {
        disconnect(m_socket, nullptr, this, nullptr);
        deleteLater();
        return;
    }
    if (m_socket->bytesToWrite() >= HighWater)
        return; // bytesWritten() calls again
    m_reading = true;
    // The read holds the file, not the sender: a sender gone with its socket leaves the read to
    // finish on its own, and the watcher (its child) to be deleted with it.
    auto* watcher = new QFutureWatcher<QByteArray>(this);
    connect(watcher, &QFutureWatcher<QByteArray>::finished, this, [this, watcher] {
        watcher->deleteLater();
        chunkRead(watcher->result());
    });
    watcher->setFuture(
        QtConcurrent::run(threadPool(), [file = m_file, offset = m_offset, length = std::min(ChunkSize, m_remaining)] {
            return file->read(offset, length);
        }));
}

void FileSender::chunkRead(const QByteArray& chunk)
{
    m_reading = false;
    if (chunk.isEmpty()) {
        // The file shrank or failed: the client must not take a short body for a whole one.
        disconnect(m_socket, nullptr, this, nullptr);
        m_socket->abort();
        deleteLater();
        return;
    }
    m_socket->write(chunk);
    m_offset += chunk.size();
    m_remaining -= chunk.size();
    pump();
}

} // namespace WebJobs
