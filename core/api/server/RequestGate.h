#pragma once

// Looks at each request on a connection before QHttpServer reads its body, so that an upload
// too large (by its Content-Length) or without valid credentials is refused at once, without
// buffering a byte of its body (QHttpServer 6.4 buffers whole bodies before any handler
// runs). Also answers `Expect: 100-continue` for the requests it lets through, and cuts off a
// chunked body as soon as it passes its limit.
//
//   GatedServer (TCP or TLS) ──nextPendingConnection()──> RequestGate (child of the socket)
//   socket readyRead ──> RequestGate::inspect()   connected first: sees every byte first
//                    └─> QHttpServer's reader     then parses and buffers the request
//
// The gate peeks (never reads) the bytes QHttpServer has not consumed yet, follows the framing
// of each request (head, Content-Length body or chunked body) and consults its GatePolicy once
// a head is complete. A refusal disconnects QHttpServer from the socket, writes the refusal
// with `Connection: close`, discards whatever the client still sends, and closes. A client
// that pipelines requests (sends the next one before the answer) makes the gate step aside for
// the rest of that connection: the handlers check sizes and credentials again anyway.
//
// Lives in the socket's thread.

#include "core/api/server/HttpReply.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPair>

#include <functional>
#include <optional>

class QTcpSocket;

namespace WebJobs {

// The head of a request as the gate read it.
struct RequestHead
{
    QByteArray method;
    QByteArray target; // as sent: path and query, still encoded
    QList<QPair<QByteArray, QByteArray>> headers;
    qint64 contentLength = -1; // -1 when absent
    bool chunked = false;

    // The value of a header (case-insensitive name; repeated headers joined with ", ").
    QByteArray header(const QByteArray& name) const;
    bool hasBody() const { return chunked || contentLength > 0; }
};

struct GateVerdict
{
    // Set: refuse the request with this reply, before reading its body.
    std::optional<HttpReply> refusal;
    // Limit of a chunked body, and the reply when it is passed (-1: no limit).
    qint64 chunkedLimit = -1;
    HttpReply tooLarge;
};

using GatePolicy = std::function<GateVerdict(const RequestHead& head)>;

class RequestGate : public QObject
{
    Q_OBJECT

public:
    // Installs the gate on a socket just accepted, before `httpServer` connects to it.
    static void install(QTcpSocket* socket, QObject* httpServer, GatePolicy policy);

    // The raw HTTP/1.1 text of a reply held in memory, with `Connection: close`.
    static QByteArray toBytes(const HttpReply& reply);

private:
    RequestGate(QTcpSocket* socket, QObject* httpServer, GatePolicy policy);

    enum class State
    {
        Head,
        Body,
        ChunkSize,
        ChunkData,
        ChunkDataEnd,
        Trailers,
        Transparent,
        Refused,
    };

    void inspect();
    // Consumes `data` from `position`; false once the gate stops looking (refused, transparent).
    bool step(const QByteArray& data, qsizetype& position);
    bool headComplete(const QByteArray& head);
    bool takeLine(const QByteArray& data, qsizetype& position, QByteArray* line);
    void refuse(const HttpReply& reply);

    QTcpSocket* m_socket;
    QObject* m_httpServer;
    GatePolicy m_policy;
    State m_state = State::Head;
    QByteArray m_buffer; // the head, or a chunk-size / trailer line, in progress
    qint64 m_remaining = 0;
    qint64 m_chunkedTotal = 0;
    qint64 m_chunkedLimit = -1;
    HttpReply m_tooLarge;
};

} // namespace WebJobs
