#include "core/api/server/RequestGate.h"

#include <QTcpSocket>
#include <QTimer>

#include <map>

namespace WebJobs {

namespace {

constexpr qsizetype MaxHeadBytes = 64 * 1024;
constexpr qsizetype MaxLineBytes = 8 * 1024;
// How long a refused client may keep sending before the connection is closed.
constexpr int DrainMilliseconds = 3000;

QByteArray reasonPhrase(int status)
{
    static const std::map<int, QByteArray> phrases {
        {100, "Continue"},
        {200, "OK"},
        {400, "Bad Request"},
        {401, "Unauthorized"},
        {403, "Forbidden"},
        {404, "Not Found"},
        {411, "Length Required"},
        {413, "Payload Too Large"},
        {431, "Request Header Fields Too Large"},
        {500, "Internal Server Error"},
        {503, "Service Unavailable"},
    };
    const auto it = phrases.find(status);
    return it == phrases.end() ? QByteArray("Status") : it->second;
}

} // namespace

QByteArray RequestHead::header(const QByteArray& name) const
{
    QByteArray value;
    for (const auto& [key, text] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) != 0)
            continue;
        if (!value.isEmpty())
            value += ", ";
        value += text;
    }
    return value;
}

void RequestGate::install(QTcpSocket* socket, QObject* httpServer, GatePolicy policy)
{
    new RequestGate(socket, httpServer, std::move(policy));
}

RequestGate::RequestGate(QTcpSocket* socket, QObject* httpServer, GatePolicy policy)
    : QObject(socket)
    , m_socket(socket)
    , m_httpServer(httpServer)
    , m_policy(std::move(policy))
{
    connect(socket, &QTcpSocket::readyRead, this, &RequestGate::inspect);
}

QByteArray RequestGate::toBytes(const HttpReply& reply)
{
    QByteArray bytes = "HTTP/1.1 " + QByteArray::number(reply.status()) + ' ' + reasonPhrase(reply.status()) + "\r\n";
    for (const auto& [key, value] : reply.headers())
        bytes += key + ": " + value + "\r\n";
    bytes += "Content-Length: " + QByteArray::number(reply.body().size()) + "\r\n";
    bytes += "Connection: close\r\n\r\n";
    bytes += reply.body();
    return bytes;
}

void RequestGate::inspect()
{
    if (m_state == State::Transparent)
        return;
    if (m_state == State::Refused) {
        m_socket->readAll();
        return;
    }
    // Everything QHttpServer has not read yet is new to us too: it reads all it is given,
    // except after a complete request when the client pipelined (handled in step()).
    const QByteArray data = m_socket->peek(m_socket->bytesAvailable());
    qsizetype position = 0;
    while (position < data.size()) {
        if (!step(data, position))
            return;
    }
}

bool RequestGate::takeLine(const QByteArray& data, qsizetype& position, QByteArray* line)
{
    const qsizetype end = data.indexOf('\n', position);
    if (end < 0) {
        m_buffer += data.mid(position);
        position = data.size();
        if (m_buffer.size() > MaxLineBytes)
            m_state = State::Transparent; // malformed: QHttpServer's parser has the last word
        return false;
    }
    m_buffer += data.mid(position, end - position);
    position = end + 1;
    if (m_buffer.endsWith('\r'))
        m_buffer.chop(1);
    *line = m_buffer;
    m_buffer.clear();
    return true;
}

bool RequestGate::step(const QByteArray& data, qsizetype& position)
{
    switch (m_state) {
    case State::Head: {
        if (m_buffer.isEmpty()) {
            // Line breaks between requests are ignored, as QHttpServer does.
            while (position < data.size() && (data.at(position) == '\r' || data.at(position) == '\n'))
                ++position;
            if (position == data.size())
                return true;
        }
        const qsizetype before = m_buffer.size();
        m_buffer += data.mid(position);
        qsizetype end = m_buffer.indexOf("\r\n\r\n");
        qsizetype endLength = 4;
        const qsizetype lf = m_buffer.indexOf("\n\n");
        if (lf >= 0 && (end < 0 || lf < end)) {
            end = lf;
            endLength = 2;
        }
        if (end < 0) {
            position = data.size();
            if (m_buffer.size() > MaxHeadBytes)
                m_state = State::Transparent;
            return m_state != State::Transparent;
        }
        const QByteArray head = m_buffer.left(end);
        position += end + endLength - before;
        m_buffer.clear();
        return headComplete(head);
    }
    case State::Body: {
        const qint64 take = std::min<qint64>(m_remaining, data.size() - position);
        m_remaining -= take;
        position += take;
        if (m_remaining == 0) {
            m_state = State::Head;
            if (position < data.size()) {
                // Pipelined: the rest will be offered to us again. Step aside.
                m_state = State::Transparent;
                return false;
            }
        }
        return true;
    }
    case State::ChunkSize: {
        QByteArray line;
        if (!takeLine(data, position, &line))
            return m_state != State::Transparent;
        const qsizetype semicolon = line.indexOf(';');
        bool ok = false;
        const qint64 size = (semicolon >= 0 ? line.left(semicolon) : line).trimmed().toLongLong(&ok, 16);
        if (!ok || size < 0) {
            m_state = State::Transparent;
            return false;
        }
        m_chunkedTotal += size;
        if (m_chunkedLimit >= 0 && m_chunkedTotal > m_chunkedLimit) {
            refuse(m_tooLarge);
            return false;
        }
        m_remaining = size;
        m_state = size == 0 ? State::Trailers : State::ChunkData;
        return true;
    }
    case State::ChunkData: {
        const qint64 take = std::min<qint64>(m_remaining, data.size() - position);
        m_remaining -= take;
        position += take;
        if (m_remaining == 0)
            m_state = State::ChunkDataEnd;
        return true;
    }
    case State::ChunkDataEnd: {
        QByteArray line;
        if (!takeLine(data, position, &line))
            return m_state != State::Transparent;
        m_state = State::ChunkSize;
        return true;
    }
    case State::Trailers: {
        QByteArray line;
        if (!takeLine(data, position, &line))
            return m_state != State::Transparent;
        if (!line.isEmpty())
            return true;
        m_state = State::Head;
        if (position < data.size()) {
            m_state = State::Transparent;
            return false;
        }
        return true;
    }
    case State::Transparent:
    case State::Refused:
        return false;
    }
    return false;
}

bool RequestGate::headComplete(const QByteArray& head)
{
    QList<QByteArray> lines = head.split('\n');
    for (QByteArray& line : lines) {
        if (line.endsWith('\r'))
            line.chop(1);
    }
    RequestHead request;
    const QList<QByteArray> requestLine = lines.takeFirst().split(' ');
    if (requestLine.size() < 2) {
        m_state = State::Transparent;
        return false;
    }
    request.method = requestLine.at(0);
    request.target = requestLine.at(1);
    for (const QByteArray& line : lines) {
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        request.headers.append({line.left(colon).trimmed(), line.mid(colon + 1).trimmed()});
    }
    request.chunked = request.header("transfer-encoding").toLower().contains("chunked");
    const QByteArray length = request.header("content-length");
    if (!length.isEmpty() && !request.chunked) {
        bool ok = false;
        request.contentLength = length.toLongLong(&ok);
        if (!ok || request.contentLength < 0) {
            m_state = State::Transparent;
            return false;
        }
    }

    GateVerdict verdict = m_policy ? m_policy(request) : GateVerdict();
    if (verdict.refusal) {
        refuse(*verdict.refusal);
        return false;
    }
    if (request.hasBody() && request.header("expect").compare("100-continue", Qt::CaseInsensitive) == 0)
        m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
    if (request.chunked) {
        m_chunkedTotal = 0;
        m_chunkedLimit = verdict.chunkedLimit;
        m_tooLarge = verdict.tooLarge;
        m_state = State::ChunkSize;
    } else if (request.contentLength > 0) {
        m_remaining = request.contentLength;
        m_state = State::Body;
    } else {
        m_state = State::Head;
    }
    return true;
}

void RequestGate::refuse(const HttpReply& reply)
{
    m_state = State::Refused;
    // QHttpServer must not read this request any further, nor answer it.
    disconnect(m_socket, nullptr, m_httpServer, nullptr);
    if (m_socket->isTransactionStarted())
        m_socket->commitTransaction();
    m_socket->readAll();
    m_socket->write(toBytes(reply));
    QTimer::singleShot(DrainMilliseconds, m_socket, [socket = m_socket] { socket->disconnectFromHost(); });
}

} // namespace WebJobs
