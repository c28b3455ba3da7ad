#include "core/api/server/FileSender.h"

#include <QTcpSocket>

namespace WebJobs {

namespace {

constexpr qint64 ChunkSize = 64 * 1024;
constexpr qint64 HighWater = 256 * 1024;

} // namespace

FileSender::FileSender(QTcpSocket* socket, QFile* file, qint64 offset, qint64 length)
    : QObject(socket)
    , m_socket(socket)
    , m_file(file)
    , m_remaining(length)
{
    m_file->setParent(this);
    m_file->seek(offset);
}

void FileSender::start()
{
    connect(m_socket, &QTcpSocket::bytesWritten, this, &FileSender::pump);
    pump();
}

void FileSender::pump()
{
    while (m_remaining > 0 && m_socket->bytesToWrite() < HighWater) {
        const QByteArray chunk = m_file->read(std::min(ChunkSize, m_remaining));
        if (chunk.isEmpty()) {
            // The file shrank or failed: the client must not take a short body for a whole one.
            m_socket->abort();
            deleteLater();
            return;
        }
        m_socket->write(chunk);
        m_remaining -= chunk.size();
    }
    if (m_remaining <= 0) {
        disconnect(m_socket, nullptr, this, nullptr);
        deleteLater();
    }
}

} // namespace WebJobs
