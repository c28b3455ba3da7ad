#pragma once

// Looks at each request on a connection before QHttpServer reads it, so that a request that is
// malformed, too large (by its Content-Length), refused by the policy (credentials, Host,
// Origin, media type) or throttled is answered at once and the connection closed, without
// QHttpServer buffering a byte of its body (QHttpServer 6.4 buffers whole heads and bodies
// before any handler runs). Also answers `Expect: 100-continue` for the requests it lets
// through, cuts off a chunked body as soon as it passes its limit, and times out connections
// that do not move.
//
//   GatedServer (TCP or TLS) ──nextPendingConnection()──> RequestGate (child of the socket;
//                                                          over TLS installed at accept)
//   socket readyRead ──> RequestGate::inspect()      connected first: sees every byte first
//                    ├─> QHttpServer's reader        reads one request, leaves the next
//                    └─> RequestGate::afterServer()  connected last: counts what was left
//
// The gate peeks (never reads) the bytes QHttpServer has not consumed yet and follows the
// framing of each request: the head (RequestHeadParser, which refuses every head QHttpServer
// would frame differently), then a Content-Length or chunked body. Requests sent back to back
// (pipelined) are followed too: QHttpServer stops after each request and leaves the next one
// in the socket, and afterServer() records how many of those bytes the gate has seen already.
//
// A refusal disconnects QHttpServer from the socket, writes the refusal with
// `Connection: close` (or, when an earlier request on the connection still waits for its
// answer, nothing), discards whatever the client still sends, and closes.
//
// Timeouts (GateLimits): a head must arrive whole within headTimeout of its first byte, and a
// body must not stall longer than bodyTimeout (both answered 408); a connection with no
// request in progress and nothing to write is closed after idleTimeout; an answer the client
// does not read for writeTimeout is abandoned. An answer is "in progress" from the end of its
// request until a handler starts it (answered(), called by HttpReply::send) and while it is
// being written; an event stream stays in progress for its whole life.
//
// Lives in the socket's thread.

#include "core/api/server/HttpReply.h"
#include "core/api/server/RequestHeadParser.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QObject>

#include <chrono>
#include <functional>
#include <optional>

class QTcpSocket;
class QTimer;

namespace WebJobs {

struct GateVerdict
{
    // Set: refuse the request with this reply, before reading its body.
    std::optional<HttpReply> refusal;
    // Limit of a chunked body, and the reply when it is passed (-1: no limit).
    qint64 chunkedLimit = -1;
    HttpReply tooLarge;
};

using GatePolicy = std::function<GateVerdict(const RequestHead& head)>;

struct GateLimits
{
    // At most 8 KiB per line and 100 header lines: QHttpServer drops every header past these.
    RequestHeadParser::Limits head;
    std::chrono::milliseconds headTimeout {std::chrono::seconds(20)};
    std::chrono::milliseconds bodyTimeout {std::chrono::seconds(20)};
    std::chrono::milliseconds idleTimeout {std::chrono::seconds(30)};
    std::chrono::milliseconds writeTimeout {std::chrono::seconds(60)};
};

class RequestGate : public QObject
{
    Q_OBJECT

public:
    // Installs the gate on a socket just accepted, before `httpServer` connects to it. The gate
    // is a child of the socket.
    static RequestGate* install(QTcpSocket* socket, QObject* httpServer, GatePolicy policy, const GateLimits& limits);
    // The gate of a socket, or null.
    static RequestGate* of(QTcpSocket* socket);
    // A handler starts the answer of the oldest request waiting on `socket` (any socket: one
    // without a gate is ignored).
    static void answered(QTcpSocket* socket);
    // The request on `socket` is answered by a stream that lasts: it stays in progress.
    static void streaming(QTcpSocket* socket);

    // The raw HTTP/1.1 text of a reply held in memory, with `Connection: close`.
    static QByteArray toBytes(const HttpReply& reply);
    // The reason phrase of a status ("Not Found").
    static QByteArray reasonPhrase(int status);

    QTcpSocket* socket() const { return m_socket; }
    // A body is being received, or an answer is owed or being written: the connection serves
    // someone and must not be shed.
    bool isBusy() const;
    // Milliseconds (monotonic) of the last request completed or answered, or of the accept.
    qint64 lastProgress() const { return m_lastProgress; }
    // Closes an idle connection to make room for another.
    void shed();
    // A TLS connection whose handshake has not completed (QHttpServer has not seen it yet).
    bool isHandshaking() const;
    // Follows QHttpServer's reader on the socket (see above): call once QHttpServer has
    // connected to the socket. Idempotent.
    void connectAfterServer();

private:
    RequestGate(QTcpSocket* socket, QObject* httpServer, GatePolicy policy, const GateLimits& limits);

    enum class State
    {
        Head,
        Body,
        ChunkSize,
        ChunkData,
        ChunkDataEnd,
        LastChunkEnd,
        Refused,
    };
    enum class Timer
    {
        None,
        Head,
        Body,
        Idle,
        Write,
    };

    void inspect();
    void afterServer();
    // Consumes `data` from `position`; false once the gate stops looking (refused).
    bool step(const QByteArray& data, qsizetype& position);
    bool headComplete(const RequestHead& head);
    bool takeChunkLine(const QByteArray& data, qsizetype& position, QByteArray* line);
    void requestComplete();
    void refuse(const HttpReply& reply);
    void refuseMalformed(RequestHeadParser::Outcome outcome, RequestHeadParser::Problem problem);
    void updateTimer(bool progress);
    void timedOut();

    QTcpSocket* m_socket;
    QObject* m_httpServer;
    GatePolicy m_policy;
    GateLimits m_limits;
    State m_state = State::Head;
    QByteArray m_buffer; // the head, or a chunk-size line, in progress
    qsizetype m_lineStart = 0; // where the head's unfinished line starts in m_buffer
    qint64 m_remaining = 0;
    qint64 m_chunkedTotal = 0;
    qint64 m_chunkedLimit = -1;
    HttpReply m_tooLarge;
    // Bytes at the front of the socket's buffer that the gate has seen and QHttpServer left.
    qint64 m_ahead = 0;
    bool m_afterConnected = false;
    // Requests complete whose answers have not started.
    int m_outstanding = 0;
    bool m_streaming = false;
    qint64 m_lastProgress = 0;
    QTimer* m_timer;
    Timer m_timerKind = Timer::None;
};

} // namespace WebJobs
