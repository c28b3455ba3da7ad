#include "core/api/server/HttpReply.h"

#include "core/api/server/FileSender.h"
#include "core/api/server/RequestGate.h"
#include "core/util/OrderedJson.h"

#include <QCoreApplication>
#include <QHttpServerResponder>
#include <QTcpSocket>

using namespace Qt::StringLiterals;

namespace WebJobs {

HttpReply HttpReply::text(int status, const QString& text)
{
    HttpReply reply(status);
    reply.m_body = text.toUtf8();
    reply.setHeader("Content-Type", "text/plain; charset=utf-8");
    return reply;
}

HttpReply HttpReply::json(int status, const QByteArray& json)
{
    HttpReply reply(status);
    reply.m_body = json;
    reply.setHeader("Content-Type", "application/json; charset=utf-8");
    return reply;
}

HttpReply HttpReply::httpError(int status, const QString& message)
{
    OrderedJson error = OrderedJson::object();
    error.insert(u"Message"_s, message);
    return json(status, error.toJson());
}

HttpReply HttpReply::exception(int status, const QString& exceptionMessage, const QString& exceptionType)
{
    OrderedJson error = OrderedJson::object();
    error.insert(u"Message"_s, u"An error has occurred."_s);
    error.insert(u"ExceptionMessage"_s, exceptionMessage);
    error.insert(u"ExceptionType"_s, exceptionType);
    error.insert(u"StackTrace"_s, OrderedJson());
    return json(status, error.toJson());
}

HttpReply HttpReply::file(int status, const QString& path, qint64 offset, qint64 length, const QByteArray& contentType)
{
    ReadOnlyFile::Failure failure = ReadOnlyFile::Failure::None;
    std::shared_ptr<ReadOnlyFile> opened = ReadOnlyFile::open(path, &failure);
    if (!opened) {
        return httpError(failure == ReadOnlyFile::Failure::Missing ? 404 : 403,
            QCoreApplication::translate("HttpReply",
                "The file cannot be read: it is gone, unreadable or not a "
                "regular file."));
    }
    HttpReply reply(status);
    reply.m_file = std::move(opened);
    reply.m_fileOffset = offset;
    reply.m_fileLength = length;
    reply.setHeader("Content-Type", contentType);
    return reply;
}

QByteArray HttpReply::header(const QByteArray& name) const
{
    for (const auto& [key, value] : m_headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

HttpReply& HttpReply::setHeader(const QByteArray& name, const QByteArray& value)
{
    for (auto& header : m_headers) {
        if (header.first.compare(name, Qt::CaseInsensitive) == 0) {
            header.second = value;
            return *this;
        }
    }
    m_headers.append({name, value});
    return *this;
}

void HttpReply::send(QHttpServerResponder& responder, bool headOnly) const
{
    QTcpSocket* socket = responder.socket();
    if (!socket || !socket->isOpen())
        return;
    qint64 length = m_body.size();
    if (m_file)
        length = m_fileLength >= 0 ? m_fileLength : m_file->size() - m_fileOffset;
    RequestGate::answered(socket);
    responder.writeStatusLine(static_cast<QHttpServerResponder::StatusCode>(m_status));
    for (const auto& [key, value] : m_headers)
        responder.writeHeader(key, value);
    if (m_status != 304)
        responder.writeHeader("Content-Length", QByteArray::number(length));
    if (headOnly || length == 0 || m_status == 304) {
        responder.writeBody("", 0); // ends the headers
        return;
    }
    if (!m_file) {
        responder.writeBody(m_body);
        return;
    }
    responder.writeBody("", 0);
    auto* sender = new FileSender(socket, m_file, m_fileOffset, length);
    sender->start();
}

} // namespace WebJobs
