#pragma once

// Streams a slice of a file to a socket after the headers of its response were written:
// reads 64 KiB chunks and writes each one when the socket has drained below a threshold, so
// a large log never sits whole in memory. Child of the socket: it dies with it, or deletes
// itself when the slice has been written or the file fails to read (the socket is then
// aborted, since the announced Content-Length can no longer be honoured).
//
// Lives in the socket's thread.

#include <QFile>
#include <QObject>

class QTcpSocket;

namespace WebJobs {

class FileSender : public QObject
{
    Q_OBJECT

public:
    // `file` is open for reading; takes ownership.
    FileSender(QTcpSocket* socket, QFile* file, qint64 offset, qint64 length);

    void start();

private:
    void pump();

    QTcpSocket* m_socket;
    QFile* m_file;
    qint64 m_remaining;
};

} // namespace WebJobs
