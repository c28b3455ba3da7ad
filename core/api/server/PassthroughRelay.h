#pragma once

// Relays a continuous job's answer to the passthrough route's client as it arrives, never
// whole in memory: the status and headers once the job has sent them, then the body in pieces
// read only while the client keeps up (the job's reply holds at most 64 KiB, so a job that
// writes faster than the client reads is slowed down by TCP, not buffered by the agent).
//
//   job ──QNetworkReply (64 KiB buffer)──> PassthroughRelay ──> client socket (256 KiB high water)
//
// The body keeps the job's Content-Length when it gave one, else goes chunked. An answer over
// `limit` bytes is refused with `tooLarge` (502) when its Content-Length says so, else cut off
// by closing the client's connection once the limit is passed (the status is already sent). A
// job that does not answer gets `failure`.
//
// Owns the reply and the responder; a child of the client's socket, so it ends with the
// client (the job's request is then aborted). Lives in the server's thread.

#include "core/api/server/HttpReply.h"

#include <QHttpServerResponder>
#include <QObject>
#include <QPointer>

class QNetworkReply;
class QTcpSocket;

namespace WebJobs {

class PassthroughRelay : public QObject
{
    Q_OBJECT

public:
    PassthroughRelay(QNetworkReply* reply, QHttpServerResponder&& responder, bool headOnly, qint64 limit,
        HttpReply failure, HttpReply tooLarge);
    ~PassthroughRelay() override;

private:
    void startAnswer();
    void pump();
    void finish();
    void fail(const HttpReply& reply);

    QPointer<QNetworkReply> m_reply;
    QHttpServerResponder m_responder;
    QPointer<QTcpSocket> m_socket;
    bool m_headOnly;
    qint64 m_limit;
    HttpReply m_failure;
    HttpReply m_tooLarge;
    bool m_started = false;
    bool m_chunked = false;
    bool m_bodyless = false;
    bool m_done = false;
    qint64 m_relayed = 0;
};

} // namespace WebJobs
