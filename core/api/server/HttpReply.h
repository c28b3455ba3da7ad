#pragma once

// One HTTP answer of the agent, built by a handler and written by send(): a status, headers,
// and a body that is bytes in memory or a slice of a file already open (streamed by a
// FileSender in chunks read off the server's thread, never read whole). The constructors give Kudu's three error body
// shapes (docs/kudu-webjobs-api.md §1.4):
//   empty()      no body (most 404s, 200 of start/stop/delete)
//   text()       text/plain; charset=utf-8 with a sentence
//   httpError()  Web API's HttpError JSON: {"Message": …[, "ExceptionMessage": …,
//                "ExceptionType": …, "StackTrace": null]}
// and json() for objects, as application/json; charset=utf-8.
//
// Value type, built in any thread (file() blocks on the file system: call it off the server's
// thread); send() runs in the server's thread and never touches the file system.

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

#include <memory>

class QHttpServerResponder;

namespace WebJobs {

class ReadOnlyFile;

class HttpReply
{
public:
    HttpReply() = default;
    explicit HttpReply(int status)
        : m_status(status)
    { }

    static HttpReply empty(int status) { return HttpReply(status); }
    static HttpReply text(int status, const QString& text);
    static HttpReply json(int status, const QByteArray& json);
    // {"Message":message}
    static HttpReply httpError(int status, const QString& message);
    // {"Message":"An error has occurred.","ExceptionMessage":…,"ExceptionType":…,"StackTrace":null}
    static HttpReply exception(int status, const QString& exceptionMessage, const QString& exceptionType);
    // A file, or `length` bytes of it from `offset` (-1: to its end). Opens the file now,
    // without blocking on a FIFO: a file gone, unreadable or not regular gives a 404 or 403
    // HttpError instead. Blocking file work.
    static HttpReply file(int status, const QString& path, qint64 offset, qint64 length, const QByteArray& contentType);

    int status() const { return m_status; }
    const QByteArray& body() const { return m_body; }
    QByteArray header(const QByteArray& name) const;
    HttpReply& setHeader(const QByteArray& name, const QByteArray& value);
    // The same reply with `body` (its Content-Type is whatever the headers say).
    HttpReply withBody(const QByteArray& body) const
    {
        HttpReply copy = *this;
        copy.m_body = body;
        return copy;
    }
    QList<QPair<QByteArray, QByteArray>> headers() const { return m_headers; }

    // Writes the reply; with `headOnly` the headers only (Content-Length still that of the body).
    void send(QHttpServerResponder& responder, bool headOnly = false) const;

private:
    int m_status = 200;
    QList<QPair<QByteArray, QByteArray>> m_headers;
    QByteArray m_body;
    std::shared_ptr<ReadOnlyFile> m_file;
    qint64 m_fileOffset = 0;
    qint64 m_fileLength = -1;
};

} // namespace WebJobs
