#include "core/api/server/PassthroughRelay.h"

#include "core/api/server/RequestGate.h"

#include <QNetworkReply>
#include <QTcpSocket>

namespace WebJobs {

namespace {

constexpr qint64 ReplyBuffer = 64 * 1024;
constexpr qint64 HighWater = 256 * 1024;

} // namespace

PassthroughRelay::PassthroughRelay(QNetworkReply* reply, QHttpServerResponder&& responder, bool headOnly, qint64 limit,
    HttpReply failure, HttpReply tooLarge)
    : QObject(responder.socket())
    , m_reply(reply)
    , m_responder(std::move(responder))
    , m_socket(m_responder.socket())
    , m_headOnly(headOnly)
    , m_limit(limit)
    , m_failure(std::move(failure))
    , m_tooLarge(std::move(tooLarge))
{
    reply->setParent(this);
    reply->setReadBufferSize(ReplyBuffer);
    connect(reply, &QNetworkReply::metaDataChanged, this, &PassthroughRelay::startAnswer);
    connect(reply, &QNetworkReply::readyRead, this, &PassthroughRelay::pump);
    connect(reply, &QNetworkReply::finished, this, &PassthroughRelay::finish);
    if (m_socket)
        connect(m_socket, &QTcpSocket::bytesWritten, this, &PassthroughRelay::pump);
}

PassthroughRelay::~PassthroughRelay()
{
    if (m_reply && m_reply->isRunning())
        m_reply->abort();
}

void PassthroughRelay::startAnswer()
{
    if (m_started || m_done || !m_reply || !m_socket)
        return;
    const QVariant status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (!status.isValid())
        return;
    bool declared = false;
    const qint64 length = m_reply->rawHeader("Content-Length").toLongLong(&declared);
    if (declared && length > m_limit) {
        fail(m_tooLarge);
        return;
    }
    m_started = true;
    RequestGate::answered(m_socket);
    const int code = status.toInt();
    m_responder.writeStatusLine(static_cast<QHttpServerResponder::StatusCode>(code));
    const QList<QPair<QByteArray, QByteArray>> headers = m_reply->rawHeaderPairs();
    for (const auto& [name, value] : headers) {
        const QByteArray lower = name.toLower();
        if (lower != "content-length" && lower != "transfer-encoding" && lower != "connection" && lower != "keep-alive")
            m_responder.writeHeader(name, value);
    }
    m_bodyless = m_headOnly || (code >= 100 && code < 200) || code == 204 || code == 304;
    if (declared && length >= 0) {
        if (code != 204 && code != 304)
            m_responder.writeHeader("Content-Length", QByteArray::number(length));
    } else if (!m_bodyless) {
        m_chunked = true;
        m_responder.writeHeader("Transfer-Encoding", "chunked");
    }
    m_responder.writeBody("", 0); // ends the headers
    pump();
}

void PassthroughRelay::pump()
{
    if (!m_started || m_done || !m_reply)
        return;
    if (!m_socket) {
        deleteLater();
        return;
    }
    while (m_reply->bytesAvailable() > 0 && m_socket->bytesToWrite() < HighWater) {
        const QByteArray piece = m_reply->read(ReplyBuffer);
        if (m_bodyless)
            continue;
        m_relayed += piece.size();
        if (m_relayed > m_limit) {
            // The status went long ago: the client learns of the cut by the closed connection.
            m_done = true;
            m_reply->abort();
            m_socket->abort();
            deleteLater();
            return;
        }
        if (m_chunked)
            m_responder.writeBody(QByteArray::number(piece.size(), 16) + "\r\n" + piece + "\r\n");
        else
            m_responder.writeBody(piece);
    }
    if (m_reply->isFinished() && m_reply->bytesAvailable() == 0) {
        m_done = true;
        if (m_reply->error() != QNetworkReply::NoError) {
            // Cut off mid-answer: a short body must not pass for a whole one.
            m_socket->abort();
        } else if (m_chunked) {
            m_responder.writeBody("0\r\n\r\n");
        }
        disconnect(m_socket, nullptr, this, nullptr);
        deleteLater();
    }
}

void PassthroughRelay::finish()
{
    if (m_done)
        return;
    if (!m_started)
        startAnswer();
    if (!m_started) {
        if (!m_done)
            fail(m_failure);
        return;
    }
    pump();
}

void PassthroughRelay::fail(const HttpReply& reply)
{
    m_done = true;
    if (m_reply && m_reply->isRunning())
        m_reply->abort();
    if (m_socket)
        reply.send(m_responder, m_headOnly);
    deleteLater();
}

} // namespace WebJobs
