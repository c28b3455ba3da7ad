#include "tests/support/AgentProcess.h"

#include "core/host/ProcessReaper.h"
#include "core/util/BasicAuth.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QElapsedTimer>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>

#include <csignal>
#include <sys/prctl.h>

using namespace Qt::StringLiterals;

namespace WebJobs::Test {

QByteArray HttpResponse::header(const QByteArray& name) const
{
    for (const auto& [key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

bool HttpResponse::hasHeader(const QByteArray& name) const
{
    return std::any_of(headers.begin(), headers.end(),
        [&](const auto& header) { return header.first.compare(name, Qt::CaseInsensitive) == 0; });
}

OrderedJson HttpResponse::json() const
{
    return OrderedJson::parse(body).value_or(OrderedJson());
}

QByteArray script(const QByteArray& body)
{
    return "#!/bin/sh\n" + body + "\n";
}

AgentProcess::AgentProcess() = default;

AgentProcess::~AgentProcess()
{
    if (isRunning()) {
        m_process->kill();
        m_process->waitForFinished(10000);
    }
}

bool AgentProcess::start(const Options& options)
{
    m_authentication = options.authentication;
    if (options.dataRoot.isEmpty()) {
        m_temporary = std::make_unique<QTemporaryDir>();
        m_dataRoot = m_temporary->path() + u"/data"_s;
    } else {
        m_dataRoot = options.dataRoot;
    }
    m_process = std::make_unique<QProcess>();
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"LANGUAGE"_s, u"en"_s);
    environment.insert(u"WEBJOBS_RESTART_TIME"_s, u"1"_s);
    environment.remove(u"WEBJOBS_AGENT_PASSWORD"_s);
    environment.remove(u"WEBJOBS_AGENT_USER"_s);
    QStringList arguments {u"--data"_s, m_dataRoot, u"--listen"_s, u"127.0.0.1:0"_s};
    if (m_authentication) {
        arguments << u"--user"_s << QString::fromLatin1(User);
        environment.insert(u"WEBJOBS_AGENT_PASSWORD"_s, QString::fromUtf8(Password));
    }
    for (auto it = options.environment.begin(); it != options.environment.end(); ++it)
        environment.insert(it.key(), it.value());
    arguments += options.arguments;
    m_process->setProcessEnvironment(environment);
    // The agent ends with the test, also when the test crashes: an agent left behind would keep
    // its ports, its jobs and whatever descriptors it inherited (a test runner waits for those).
    m_process->setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGTERM); });
    m_process->start(QStringLiteral(WEBJOBS_AGENT_PATH), arguments);
    if (!m_process->waitForStarted(10000)) {
        m_failure = m_process->errorString();
        return false;
    }
    static const QRegularExpression listening(u"listening on (https?://[^ ]+) .*instance (\\w+)"_s);
    QByteArray output;
    QDeadlineTimer deadline(30000);
    while (!deadline.hasExpired()) {
        if (!m_process->waitForReadyRead(200) && m_process->state() != QProcess::Running)
            break;
        output += m_process->readAllStandardOutput();
        const QRegularExpressionMatch match = listening.match(QString::fromUtf8(output));
        if (match.hasMatch()) {
            m_baseUrl = match.captured(1);
            m_port = static_cast<quint16>(QUrl(m_baseUrl).port());
            m_instance = match.captured(2);
            return true;
        }
    }
    m_failure = u"the agent did not start: "_s + QString::fromUtf8(output + m_process->readAllStandardError());
    return false;
}

int AgentProcess::terminate(int timeoutMs)
{
    if (!m_process)
        return -1;
    m_process->terminate();
    if (!m_process->waitForFinished(timeoutMs))
        return -1;
    return m_process->exitStatus() == QProcess::NormalExit ? m_process->exitCode() : -1;
}

void AgentProcess::kill()
{
    if (!m_process)
        return;
    m_process->kill();
    m_process->waitForFinished(10000);
}

bool AgentProcess::isRunning() const
{
    return m_process && m_process->state() != QProcess::NotRunning;
}

qint64 AgentProcess::pid() const
{
    return m_process ? m_process->processId() : 0;
}

QByteArray AgentProcess::standardError()
{
    return m_process ? m_process->readAllStandardError() : QByteArray();
}

QString AgentProcess::marker() const
{
    return ProcessReaper::markerFor(QDir(m_dataRoot).absolutePath(), m_instance);
}

QByteArray AgentProcess::authorization() const
{
    return BasicAuth::headerValue(QString::fromLatin1(User), QString::fromUtf8(Password));
}

HttpResponse AgentProcess::request(const QByteArray& method, const QString& path, const QByteArray& body,
    const QList<QPair<QByteArray, QByteArray>>& headers, const std::optional<QByteArray>& authorization)
{
    QNetworkRequest request(QUrl::fromEncoded(m_baseUrl.toUtf8() + path.toUtf8()));
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    request.setRawHeader("User-Agent", "agent-test/1.0");
    const QByteArray credentials = authorization.value_or(m_authentication ? this->authorization() : QByteArray());
    if (!credentials.isEmpty())
        request.setRawHeader("Authorization", credentials);
    for (const auto& [name, value] : headers)
        request.setRawHeader(name, value);
    // The agent takes JSON bodies only as application/json (a form of another site cannot send
    // one): a body that looks like JSON goes as JSON unless `headers` say otherwise.
    const QByteArray start = body.trimmed().left(4);
    if ((start.startsWith('{') || start.startsWith('[') || start == "null") && !request.hasRawHeader("Content-Type"))
        request.setRawHeader("Content-Type", "application/json");
    QNetworkReply* reply = nullptr;
    if (method == "HEAD")
        reply = m_network.head(request); // a custom "HEAD" would wait for a body
    else if (body.isNull() && method != "PUT" && method != "POST")
        reply = m_network.sendCustomRequest(request, method);
    else
        reply = m_network.sendCustomRequest(request, method, body);
    // The TLS tests use a self-signed certificate.
    QObject::connect(reply, &QNetworkReply::sslErrors, reply, [reply] { reply->ignoreSslErrors(); });
    QSignalSpy finished(reply, &QNetworkReply::finished);
    HttpResponse response;
    if (!finished.wait(60000)) {
        reply->abort();
        response.error = u"timed out"_s;
    }
    response.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    response.headers = reply->rawHeaderPairs();
    response.body = reply->readAll();
    if (response.status == 0)
        response.error = reply->errorString();
    reply->deleteLater();
    return response;
}

QNetworkRequest AgentProcess::networkRequest(const QString& path) const
{
    QNetworkRequest request(QUrl::fromEncoded(m_baseUrl.toUtf8() + path.toUtf8()));
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    request.setRawHeader("User-Agent", "agent-test/1.0");
    if (m_authentication)
        request.setRawHeader("Authorization", authorization());
    return request;
}

HttpResponse AgentProcess::upload(
    const QString& path, const QByteArray& body, const QString& fileName, const QByteArray& contentType)
{
    QList<QPair<QByteArray, QByteArray>> headers;
    if (!fileName.isNull())
        headers.append({"Content-Disposition", "attachment; filename=\"" + fileName.toUtf8() + '"'});
    if (!contentType.isEmpty())
        headers.append({"Content-Type", contentType});
    return request("PUT", path, body, headers);
}

HttpResponse AgentProcess::waitFor(
    const QString& path, const std::function<bool(const HttpResponse&)>& predicate, int timeoutMs)
{
    // Waits on the agent's own change feed (long-poll) between looks, so no fixed sleeps:
    // each look follows an event or a second of silence.
    QElapsedTimer timer;
    timer.start();
    QString cursor = get(u"/api/agent"_s).json().value(u"events_cursor"_s).toString();
    HttpResponse response = get(path);
    while (!predicate(response) && timer.elapsed() < timeoutMs) {
        const HttpResponse changes
            = get(u"/api/webjobs/changes?timeout=1&since="_s + QString::fromUtf8(QUrl::toPercentEncoding(cursor)));
        cursor = changes.json().value(u"cursor"_s).toString();
        response = get(path);
    }
    return response;
}

std::optional<HttpResponse> parseResponse(const QByteArray& bytes, bool closed)
{
    qsizetype start = 0;
    // Skip interim 100 Continue answers.
    while (true) {
        const qsizetype end = bytes.indexOf("\r\n\r\n", start);
        if (end < 0)
            return std::nullopt;
        const QList<QByteArray> lines = bytes.mid(start, end - start).split('\n');
        HttpResponse response;
        const QList<QByteArray> statusLine = lines.first().trimmed().split(' ');
        response.status = statusLine.value(1).toInt();
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QByteArray line = lines.at(i).trimmed();
            const qsizetype colon = line.indexOf(':');
            if (colon > 0)
                response.headers.append({line.left(colon).trimmed(), line.mid(colon + 1).trimmed()});
        }
        const qsizetype bodyStart = end + 4;
        if (response.status == 100) {
            start = bodyStart;
            continue;
        }
        if (response.hasHeader("Content-Length")) {
            const qint64 length = response.header("Content-Length").toLongLong();
            if (bytes.size() - bodyStart < length)
                return closed ? std::optional(response) : std::nullopt;
            response.body = bytes.mid(bodyStart, length);
            return response;
        }
        if (!closed)
            return std::nullopt;
        response.body = bytes.mid(bodyStart);
        return response;
    }
}

HttpResponse AgentProcess::raw(const QByteArray& text, int timeoutMs)
{
    QTcpSocket socket;
    socket.connectToHost(u"127.0.0.1"_s, m_port);
    HttpResponse response;
    if (!socket.waitForConnected(10000)) {
        response.error = socket.errorString();
        return response;
    }
    socket.write(text);
    QByteArray received;
    QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        if (socket.state() == QAbstractSocket::ConnectedState)
            socket.waitForReadyRead(100);
        received += socket.readAll();
        const bool closed = socket.state() != QAbstractSocket::ConnectedState;
        if (const auto parsed = parseResponse(received, closed))
            return *parsed;
        if (closed)
            break;
    }
    response.error = u"no complete answer: "_s + QString::fromUtf8(received);
    return response;
}

} // namespace WebJobs::Test
