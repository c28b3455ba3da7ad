#include "core/api/server/HttpReply.h"

#include "core/api/server/FileSender.h"
#include "core/api/server/RequestGate.h"
#include "core/util/OrderedJson.h"

#include <QCoreApplication>
#include <QFile>
#include <QHttpServerResponder>
#include <QTcpSocket>

#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

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
    HttpReply reply(status);
    reply.m_filePath = path;
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
    std::unique_ptr<QFile> file;
    qint64 length = m_body.size();
    if (!m_filePath.isEmpty()) {
        // Without blocking (a FIFO put in place of the file would wait for a writer), and a
        // regular file only; its reads never block on O_NONBLOCK.
        const int fd = ::open(QFile::encodeName(m_filePath).constData(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
        struct stat status = {};
        if (fd < 0 || ::fstat(fd, &status) != 0 || !S_ISREG(status.st_mode)) {
            const bool missing = fd < 0 && errno == ENOENT;
            if (fd >= 0)
                ::close(fd);
            httpError(missing ? 404 : 403,
                QCoreApplication::translate("HttpReply",
                    "The file cannot be read: it is gone, unreadable or not a "
                    "regular file."))
                .send(responder, headOnly);
            return;
        }
        file = std::make_unique<QFile>();
        if (!file->open(fd, QIODevice::ReadOnly, QFileDevice::AutoCloseHandle)) {
            ::close(fd);
            httpError(403, QCoreApplication::translate("HttpReply", "The file cannot be read."))
                .send(responder, headOnly);
            return;
        }
        length = m_fileLength >= 0 ? m_fileLength : file->size() - m_fileOffset;
    }
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
    if (!file) {
        responder.writeBody(m_body);
        return;
    }
    responder.writeBody("", 0);
    auto* sender = new FileSender(socket, file.release(), m_fileOffset, length);
    sender->start();
}

} // namespace WebJobs
