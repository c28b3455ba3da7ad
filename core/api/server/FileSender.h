#pragma once

// Streams a slice of a file to a socket after the headers of its response were written, with
// every read of the file on a worker thread (FileSender::threadPool()), never on the thread
// that serves requests: a slow or stuck disk stalls only the answer that reads from it. One
// read of at most 128 KiB is in flight at a time, and the next one starts when the socket has
// drained below a threshold, so a large log never sits whole in memory. Child of the socket:
// it dies with it, or deletes itself when the slice has been written or the file fails to read
// (the socket is then aborted, since the announced Content-Length can no longer be honoured).
//
// Lives in the socket's thread.

#include <QObject>
#include <QString>

#include <memory>

class QTcpSocket;
class QThreadPool;

namespace WebJobs {

// A regular file opened for reading, closed with its last owner: the server's thread and a
// worker reading from it share it. Thread-safe (reads are positional).
class ReadOnlyFile
{
public:
    enum class Failure
    {
        None,
        Missing,
        NotRegular, // a FIFO, socket, device or folder
        Unreadable,
    };

    ~ReadOnlyFile();
    ReadOnlyFile(const ReadOnlyFile&) = delete;
    ReadOnlyFile& operator=(const ReadOnlyFile&) = delete;

    // Opens `path` without blocking (a FIFO put in place of the file would wait for a writer),
    // a regular file only; null with `failure` set otherwise. Blocking file work: call it off
    // the thread that serves requests.
    static std::shared_ptr<ReadOnlyFile> open(const QString& path, Failure* failure);

    qint64 size() const { return m_size; }
    // Up to `length` bytes from `offset`; empty at the end of the file or on an error. Blocks.
    QByteArray read(qint64 offset, qint64 length) const;

private:
    ReadOnlyFile(int fd, qint64 size);

    int m_fd;
    qint64 m_size;
};

class FileSender : public QObject
{
    Q_OBJECT

public:
    FileSender(QTcpSocket* socket, std::shared_ptr<ReadOnlyFile> file, qint64 offset, qint64 length);

    void start();

    // The threads that do the VFS's file work (listings, opening and reading files): apart from
    // QThreadPool::globalInstance() so that a stuck disk does not hold uploads up either.
    // Never destroyed: a read stuck in the kernel must not hold the agent's exit.
    static QThreadPool* threadPool();

private:
    void pump();
    void chunkRead(const QByteArray& chunk);

    QTcpSocket* m_socket;
    std::shared_ptr<ReadOnlyFile> m_file;
    qint64 m_offset;
    qint64 m_remaining;
    bool m_reading = false;
};

} // namespace WebJobs
