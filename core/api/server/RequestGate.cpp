#include "core/api/server/RequestGate.h"

#include <QDeadlineTimer>
#include <QSslSocket>
#include <QTcpSocket>
#include <QTimer>

#include <map>
#include <sys/socket.h>

using namespace Qt::StringLiterals;

namespace WebJobs {

namespace {

// How long a refused client may keep sending before the connection is closed: long enough for
// it to read the refusal before the close (a close with unread bytes resets the connection).
constexpr int DrainMilliseconds = 3000;

using Outcome = RequestHeadParser::Outcome;
using Problem = RequestHeadParser::Problem;

qint64 monotonicMSecs()
{
    return QDeadlineTimer::current().deadline();
}

QString problemSentence(Problem problem)
{
    switch (problem) {
    case Problem::RequestLine:
        return RequestGate::tr("The request line is not \"METHOD target HTTP/1.1\".");
    case Problem::Version:
        return RequestGate::tr("This agent speaks HTTP/1.1 and HTTP/1.0 only: end the request line with HTTP/1.1.");
    case Problem::LineEnds:
        return RequestGate::tr("The request head mixes line ends or holds a carriage return inside a line: end "
                               "every line with CRLF.");
    case Problem::ControlCharacter:
        return RequestGate::tr("The request head holds a control character.");
    case Problem::HeaderLine:
        return RequestGate::tr("A header line is not \"Name: value\" with a name made of letters, digits and "
                               "-!#$%&'*+.^_`|~.");
    case Problem::FoldedLine:
        return RequestGate::tr("A header line starts with a blank (folded headers are not accepted): write each "
                               "header on one line.");
    case Problem::ContentLength:
        return RequestGate::tr("The request has more than one Content-Length, or one that is not a number: send "
                               "exactly one.");
    case Problem::TransferEncoding:
        return RequestGate::tr("The only transfer coding accepted is a single \"Transfer-Encoding: chunked\" "
                               "(HTTP/1.1).");
    case Problem::LengthAndChunked:
        return RequestGate::tr("The request has both a Content-Length and \"Transfer-Encoding: chunked\": send one "
                               "of them.");
    case Problem::Host:
        return RequestGate::tr("The request has more than one Host header.");
    case Problem::LineTooLong:
        return RequestGate::tr("A line of the request head is longer than %1 bytes.");
    case Problem::TooManyFields:
        return RequestGate::tr("The request has more than %1 header lines.");
    case Problem::HeadTooLarge:
        return RequestGate::tr("The request head is longer than %1 bytes.");
    case Problem::None:
        break;
    }
    return RequestGate::tr("The request is not valid HTTP/1.1.");
}

} // namespace

QByteArray RequestGate::reasonPhrase(int status)
{
    static const std::map<int, QByteArray> phrases {
        {100, "Continue"},
        {200, "OK"},
        {400, "Bad Request"},
        {401, "Unauthorized"},
        {403, "Forbidden"},
        {404, "Not Found"},
        {408, "Request Timeout"},
        {411, "Length Required"},
        {413, "Payload Too Large"},
        {415, "Unsupported Media Type"},
        {421, "Misdirected Request"},
        {429, "Too Many Requests"},
        {431, "Request Header Fields Too Large"},
        {500, "Internal Server Error"},
        {503, "Service Unavailable"},
    };
    const auto it = phrases.find(status);
    return it == phrases.end() ? QByteArray("Status") : it->second;
}

RequestGate* RequestGate::install(QTcpSocket* socket, QObject* httpServer, GatePolicy policy, const GateLimits& limits)
{
    return new RequestGate(socket, httpServer, std::move(policy), limits);
}

RequestGate* RequestGate::of(QTcpSocket* socket)
{
    return socket ? socket->findChild<RequestGate*>(QString(), Qt::FindDirectChildrenOnly) : nullptr;
}

void RequestGate::answered(QTcpSocket* socket)
{
    if (RequestGate* gate = of(socket)) {
        gate->m_outstanding = std::max(0, gate->m_outstanding - 1);
        gate->m_lastProgress = monotonicMSecs();
        gate->updateTimer(false);
    }
}

void RequestGate::streaming(QTcpSocket* socket)
{
    if (RequestGate* gate = of(socket)) {
        gate->m_streaming = true;
        gate->updateTimer(false);
    }
}

RequestGate::RequestGate(QTcpSocket* socket, QObject* httpServer, GatePolicy policy, const GateLimits& limits)
    : QObject(socket)
    , m_socket(socket)
    , m_httpServer(httpServer)
    , m_policy(std::move(policy))
    , m_limits(limits)
    , m_lastProgress(monotonicMSecs())
    , m_timer(new QTimer(this))
{
    // QHttpServer drops every header of a request past these, so the gate must refuse first.
    m_limits.head.maxLineBytes = std::min<qsizetype>(m_limits.head.maxLineBytes, 8 * 1024);
    m_limits.head.maxFields = std::min(m_limits.head.maxFields, 100);
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, &RequestGate::timedOut);
    connect(socket, &QTcpSocket::readyRead, this, &RequestGate::inspect);
    connect(socket, &QTcpSocket::bytesWritten, this, [this] { updateTimer(true); });
    // QHttpServer connects its reader once this returns; the server calls connectAfterServer()
    // then (AgentServer), and this is the fallback for a gate installed some other way. A TLS
    // socket is installed at accept and handed to QHttpServer after its handshake: only the
    // server knows when.
    QMetaObject::invokeMethod(
        this,
        [this] {
            if (!isHandshaking())
                connectAfterServer();
        },
        Qt::QueuedConnection);
    updateTimer(false);
}

void RequestGate::connectAfterServer()
{
    if (m_afterConnected)
        return;
    m_afterConnected = true;
    connect(m_socket, &QTcpSocket::readyRead, this, &RequestGate::afterServer);
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

bool RequestGate::isBusy() const
{
    switch (m_state) {
    case State::Body:
    case State::ChunkSize:
    case State::ChunkData:
    case State::ChunkDataEnd:
    case State::LastChunkEnd:
        return true;
    case State::Head:
        return m_outstanding > 0 || m_streaming || m_socket->bytesToWrite() > 0;
    case State::Refused:
        return false;
    }
    return false;
}

bool RequestGate::isHandshaking() const
{
    const auto* tls = qobject_cast<const QSslSocket*>(m_socket);
    return tls && tls->mode() != QSslSocket::UnencryptedMode && !tls->isEncrypted();
}

void RequestGate::shed()
{
    m_state = State::Refused;
    m_timer->stop();
    disconnect(m_socket, nullptr, m_httpServer, nullptr);
    // A TLS handshake in progress has nothing to flush (and QSslSocket would close only after it).
    if (isHandshaking())
        m_socket->abort();
    else
        m_socket->disconnectFromHost();
}

void RequestGate::inspect()
{
    if (m_state == State::Refused) {
        m_socket->readAll();
        return;
    }
    // Connected late (the first bytes came with the connection): it counts from the next time.
    connectAfterServer();
    // Within a long body there is nothing to look at: count it without copying it.
    const qint64 available = m_socket->bytesAvailable();
    const qint64 fresh = available - std::min(m_ahead, available);
    if (m_state == State::Body && fresh > 0 && fresh < m_remaining) {
        m_remaining -= fresh;
        m_ahead = 0;
        updateTimer(true);
        return;
    }
    // Everything QHttpServer has not read yet, less what the gate saw already and QHttpServer
    // left for later (the requests after the one it answers).
    const QByteArray data = m_socket->peek(available);
    qsizetype position = std::min<qsizetype>(m_ahead, data.size());
    // afterServer() sets it again once QHttpServer has read; should it not run this time, the
    // gate looks at the same bytes twice rather than let any pass unseen.
    m_ahead = 0;
    const bool progress = position < data.size();
    while (position < data.size()) {
        if (!step(data, position))
            return;
    }
    updateTimer(progress);
}

void RequestGate::afterServer()
{
    if (m_state != State::Refused)
        m_ahead = m_socket->bytesAvailable();
}

bool RequestGate::takeChunkLine(const QByteArray& data, qsizetype& position, QByteArray* line)
{
    const qsizetype end = data.indexOf('\n', position);
    if (end < 0) {
        m_buffer += data.mid(position);
        position = data.size();
        if (m_buffer.size() > m_limits.head.maxLineBytes)
            refuse(HttpReply::text(
                400, tr("A chunk-size line of the body is longer than %1 bytes.").arg(m_limits.head.maxLineBytes)));
        return false;
    }
    m_buffer += data.mid(position, end - position);
    position = end + 1;
    if (!m_buffer.endsWith('\r')) {
        refuse(HttpReply::text(400, tr("The chunked body is malformed: end each chunk line with CRLF.")));
        return false;
    }
    m_buffer.chop(1);
    *line = m_buffer;
    m_buffer.clear();
    return true;
}

bool RequestGate::step(const QByteArray& data, qsizetype& position)
{
    switch (m_state) {
    case State::Head: {
        // Appends no more than the head may take, and parses only when a line has ended or a
        // limit is passed: a head that trickles in byte by byte costs no more than one parse per line.
        const qsizetype before = m_buffer.size();
        const qsizetype take = std::min<qsizetype>(data.size() - position, m_limits.head.maxHeadBytes + 1 - before);
        const qsizetype newLine = data.lastIndexOf('\n', position + take - 1);
        m_buffer += QByteArrayView(data).sliced(position, take);
        if (newLine >= position)
            m_lineStart = before + newLine - position + 1;
        if (newLine < position && m_buffer.size() - m_lineStart <= m_limits.head.maxLineBytes
            && m_buffer.size() <= m_limits.head.maxHeadBytes) {
            position += take;
            return true;
        }
        const RequestHeadParser::Result parsed = RequestHeadParser::parse(m_buffer, m_limits.head);
        switch (parsed.outcome) {
        case Outcome::Incomplete:
            position += take;
            // Blank lines between requests are not a head in progress.
            if (std::all_of(m_buffer.begin(), m_buffer.end(),
                    [](char c) { return c == '\r' || c == '\n' || c == ' ' || c == '\t' || c == '\v'; })) {
                m_buffer.clear();
                m_lineStart = 0;
            }
            return true;
        case Outcome::Invalid:
        case Outcome::TooLarge:
            refuseMalformed(parsed.outcome, parsed.problem);
            return false;
        case Outcome::Complete:
            break;
        }
        position += parsed.length - before;
        m_buffer.clear();
        m_lineStart = 0;
        return headComplete(parsed.head);
    }
    case State::Body: {
        const qint64 take = std::min<qint64>(m_remaining, data.size() - position);
        m_remaining -= take;
        position += take;
        if (m_remaining == 0)
            requestComplete();
        return true;
    }
    case State::ChunkSize: {
        QByteArray line;
        if (!takeChunkLine(data, position, &line))
            return m_state != State::Refused;
        const std::optional<qint64> size = RequestHeadParser::parseChunkSize(line);
        if (!size) {
            refuse(
                HttpReply::text(400, tr("The chunked body is malformed: a chunk size is not a hexadecimal number.")));
            return false;
        }
        m_chunkedTotal += *size;
        if (m_chunkedLimit >= 0 && m_chunkedTotal > m_chunkedLimit) {
            refuse(m_tooLarge);
            return false;
        }
        m_remaining = *size;
        m_state = *size == 0 ? State::LastChunkEnd : State::ChunkData;
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
    case State::ChunkDataEnd:
    case State::LastChunkEnd: {
        QByteArray line;
        if (!takeChunkLine(data, position, &line))
            return m_state != State::Refused;
        if (!line.isEmpty()) {
            // QHttpServer 6.4 reads no trailers, nor checks the CRLF after a chunk.
            refuse(HttpReply::text(400,
                tr("The chunked body is malformed: a chunk is longer than its size, or "
                   "trailers follow the last chunk (they are not accepted).")));
            return false;
        }
        if (m_state == State::LastChunkEnd)
            requestComplete();
        else
            m_state = State::ChunkSize;
        return true;
    }
    case State::Refused:
        return false;
    }
    return false;
}

bool RequestGate::headComplete(const RequestHead& head)
{
    GateVerdict verdict = m_policy ? m_policy(head) : GateVerdict();
    if (verdict.refusal) {
        refuse(*verdict.refusal);
        return false;
    }
    // An answer still owed on this connection: a 100 Continue now would land inside it.
    if (head.hasBody() && m_outstanding == 0 && head.header("expect").compare("100-continue", Qt::CaseInsensitive) == 0)
        m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
    if (head.chunked) {
        m_chunkedTotal = 0;
        m_chunkedLimit = verdict.chunkedLimit;
        m_tooLarge = verdict.tooLarge;
        m_state = State::ChunkSize;
    } else if (head.contentLength > 0) {
        m_remaining = head.contentLength;
        m_state = State::Body;
    } else {
        requestComplete();
    }
    return true;
}

void RequestGate::requestComplete()
{
    m_state = State::Head;
    ++m_outstanding;
    m_lastProgress = monotonicMSecs();
}

void RequestGate::refuseMalformed(Outcome outcome, Problem problem)
{
    QString sentence = problemSentence(problem);
    if (problem == Problem::LineTooLong)
        sentence = sentence.arg(m_limits.head.maxLineBytes);
    else if (problem == Problem::TooManyFields)
        sentence = sentence.arg(m_limits.head.maxFields);
    else if (problem == Problem::HeadTooLarge)
        sentence = sentence.arg(m_limits.head.maxHeadBytes);
    refuse(HttpReply::text(outcome == Outcome::TooLarge ? 431 : 400, sentence));
}

void RequestGate::refuse(const HttpReply& reply)
{
    m_state = State::Refused;
    m_timer->stop();
    m_buffer.clear();
    // QHttpServer must not read this request any further, nor answer it.
    disconnect(m_socket, nullptr, m_httpServer, nullptr);
    if (m_socket->isTransactionStarted())
        m_socket->commitTransaction();
    m_socket->readAll();
    // An earlier request still waits for its answer: the client would take the refusal for it.
    if (m_outstanding == 0 && !m_streaming)
        m_socket->write(toBytes(reply));
    // In the clear, end our side once the refusal is out, so the client sees the end at once;
    // what it still sends is read and dropped until it closes too, or the drain time is up.
    if (!qobject_cast<QSslSocket*>(m_socket)) {
        const auto halfClose = [socket = m_socket] {
            if (socket->bytesToWrite() == 0 && socket->socketDescriptor() >= 0)
                ::shutdown(static_cast<int>(socket->socketDescriptor()), SHUT_WR);
        };
        connect(m_socket, &QTcpSocket::bytesWritten, this, halfClose);
        m_socket->flush();
        halfClose();
    }
    QTimer::singleShot(DrainMilliseconds, m_socket, [socket = m_socket] { socket->disconnectFromHost(); });
}

void RequestGate::updateTimer(bool progress)
{
    if (m_state == State::Refused)
        return;
    Timer kind = Timer::None;
    switch (m_state) {
    case State::Body:
    case State::ChunkSize:
    case State::ChunkData:
    case State::ChunkDataEnd:
    case State::LastChunkEnd:
        kind = Timer::Body;
        break;
    case State::Head:
        if (!m_buffer.isEmpty())
            kind = Timer::Head;
        else if (m_socket->bytesToWrite() > 0)
            kind = Timer::Write;
        else if (m_outstanding == 0 && !m_streaming)
            kind = Timer::Idle;
        break;
    case State::Refused:
        break;
    }
    if (kind == m_timerKind && !(progress && (kind == Timer::Body || kind == Timer::Write)))
        return;
    m_timerKind = kind;
    switch (kind) {
    case Timer::None:
        m_timer->stop();
        break;
    case Timer::Head:
        m_timer->start(m_limits.headTimeout);
        break;
    case Timer::Body:
        m_timer->start(m_limits.bodyTimeout);
        break;
    case Timer::Idle:
        m_timer->start(m_limits.idleTimeout);
        break;
    case Timer::Write:
        m_timer->start(m_limits.writeTimeout);
        break;
    }
}

void RequestGate::timedOut()
{
    switch (m_timerKind) {
    case Timer::Head:
        refuse(HttpReply::text(408,
            tr("The request head did not arrive within %1 seconds: send it whole.")
                .arg(std::chrono::duration_cast<std::chrono::seconds>(m_limits.headTimeout).count())));
        break;
    case Timer::Body:
        refuse(HttpReply::text(408,
            tr("The request body stalled for %1 seconds.")
                .arg(std::chrono::duration_cast<std::chrono::seconds>(m_limits.bodyTimeout).count())));
        break;
    case Timer::Idle:
        shed();
        break;
    case Timer::Write:
        // The client does not read its answer.
        m_state = State::Refused;
        disconnect(m_socket, nullptr, m_httpServer, nullptr);
        m_socket->abort();
        break;
    case Timer::None:
        break;
    }
}

} // namespace WebJobs
