#include "core/api/client/AgentClient.h"

#include "core/util/BasicAuth.h"

#include <QFile>
#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPromise>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace WebJobs {

namespace {

constexpr int ReconnectMilliseconds = 3000;

template <typename T>
struct Pending
{
    std::shared_ptr<QPromise<ClientResult<T>>> promise = std::make_shared<QPromise<ClientResult<T>>>();

    Pending() { promise->start(); }
    QFuture<ClientResult<T>> future() const { return promise->future(); }
    void finish(const ClientResult<T>& result) const
    {
        promise->addResult(result);
        promise->finish();
    }
};

QString encoded(const QString& segment)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(segment));
}

} // namespace

AgentClient::AgentClient(const QUrl& base, const QString& user, const QString& password, QObject* parent)
    : QObject(parent)
    , m_base(base)
    , m_network(new QNetworkAccessManager(this))
    , m_reconnect(new QTimer(this))
{
    qRegisterMetaType<WebJobs::ClientEvent>();
    if (!user.isEmpty())
        m_authorization = BasicAuth::headerValue(user, password);
    m_reconnect->setSingleShot(true);
    m_reconnect->setInterval(ReconnectMilliseconds);
    connect(m_reconnect, &QTimer::timeout, this, [this] {
        if (m_following)
            followChanges();
    });
}

AgentClient::~AgentClient()
{
    stopFollowing();
}

ServiceError AgentClient::errorOf(QNetworkReply* reply, int status, const QByteArray& body)
{
    if (status >= 200 && status < 300)
        return {};
    const QString host = reply->url().host();
    QString text = QString::fromUtf8(body).trimmed();
    if (text.startsWith(u'{')) {
        // Web API's HttpError: the most specific message it has.
        const std::optional<OrderedJson> json = OrderedJson::parse(body);
        if (json && json->isObject()) {
            const QString exception = json->value(u"ExceptionMessage"_s).toString();
            text = exception.isEmpty() ? json->value(u"Message"_s).toString() : exception;
        }
    }
    switch (status) {
    case 0:
        switch (reply->error()) {
        case QNetworkReply::TimeoutError:
        case QNetworkReply::OperationCanceledError: // how Qt 6.4 reports a transfer timeout
            return {ServiceError::Code::Internal,
                tr("%1 did not answer within %n second(s): check that the server is running and that the network "
                   "reaches it, then try again.",
                    nullptr, std::max(1, reply->request().transferTimeout() / 1000))
                    .arg(host)};
        case QNetworkReply::ConnectionRefusedError:
            return {ServiceError::Code::Internal,
                tr("%1 refused the connection: check the address and the port, and that the server is running.")
                    .arg(host)};
        case QNetworkReply::HostNotFoundError:
            return {ServiceError::Code::Internal, tr("The host %1 is not known: check the address.").arg(host)};
        case QNetworkReply::SslHandshakeFailedError:
            return {ServiceError::Code::Internal,
                tr("The secure connection to %1 failed: %2. If the server uses a certificate of its own, check it "
                   "and accept it.")
                    .arg(host, reply->errorString())};
        default:
            return {ServiceError::Code::Internal,
                tr("The agent cannot be reached: %1. Check its address and that it is running.")
                    .arg(reply->errorString())};
        }
    case 401:
    case 403:
        return {ServiceError::Code::Internal,
            tr("The server refused the user name or password: check them (for an App Service site, its deployment "
               "credentials).")};
    case 404:
        return {ServiceError::Code::NotFound, text.isEmpty() ? tr("The agent does not know this job or run.") : text};
    case 400:
    case 413:
        return {ServiceError::Code::BadRequest,
            text.isEmpty() ? tr("The agent refused the request (%1).").arg(status) : text};
    case 409:
        if (text == u"WebJobs are currently in \"stopped\" state.")
            return {ServiceError::Code::Stopped, text};
        return {ServiceError::Code::Conflict,
            text.isEmpty() ? tr("The agent refused the request (%1).").arg(status) : text};
    case 503:
        return {ServiceError::Code::Stopped,
            text.isEmpty() ? tr("The agent cannot do it now (%1): try again in a moment.").arg(status) : text};
    default:
        return {
            ServiceError::Code::Internal, text.isEmpty() ? tr("The agent failed to answer (%1).").arg(status) : text};
    }
}

QString AgentClient::typePath(JobType type)
{
    return u"/api/"_s + jobTypeName(type) + u"webjobs"_s;
}

QNetworkRequest AgentClient::requestFor(const QUrl& url) const
{
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    request.setRawHeader("Accept", "application/json");
    request.setRawHeader("User-Agent", "webjobs-console/" WEBJOBS_VERSION);
    request.setTransferTimeout(m_transferTimeout);
    if (!m_authorization.isEmpty())
        request.setRawHeader("Authorization", m_authorization);
    return request;
}

QNetworkRequest AgentClient::request(const QString& path) const
{
    QString prefix = m_base.toString(QUrl::FullyEncoded);
    while (prefix.endsWith(u'/'))
        prefix.chop(1);
    return requestFor(QUrl::fromEncoded((prefix + path).toUtf8()));
}

void AgentClient::trustCertificate(const QSslCertificate& certificate)
{
    if (!certificate.isNull() && !m_trusted.contains(certificate))
        m_trusted.append(certificate);
}

void AgentClient::handleSslErrors(QNetworkReply* reply, const QList<QSslError>& errors)
{
    if (m_ignoreSslErrors) {
        reply->ignoreSslErrors();
        return;
    }
    const QSslCertificate peer = reply->sslConfiguration().peerCertificate();
    // Only the errors of the very certificate the user accepted are ignored.
    if (!peer.isNull() && m_trusted.contains(peer)) {
        reply->ignoreSslErrors(errors);
        return;
    }
    Q_EMIT sslErrorsOccurred(errors, peer);
}

void AgentClient::watch(QNetworkReply* reply, const Handler& handler)
{
    connect(reply, &QNetworkReply::sslErrors, this,
        [this, reply](const QList<QSslError>& errors) { handleSslErrors(reply, errors); });
    connect(reply, &QNetworkReply::finished, this, [reply, handler] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        // An aborted reply (a transfer timeout) is closed: nothing to read.
        handler(reply, status, reply->isOpen() ? reply->readAll() : QByteArray());
    });
}

QFuture<ClientResult<bool>> AgentClient::action(
    const QByteArray& verb, const QString& path, const QByteArray& body, std::initializer_list<int> accepted)
{
    Pending<bool> pending;
    QNetworkRequest request = this->request(path);
    if (!body.isNull())
        request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json; charset=utf-8"_s);
    QNetworkReply* reply = body.isNull() ? m_network->sendCustomRequest(request, verb)
                                         : m_network->sendCustomRequest(request, verb, body);
    const QList<int> ok(accepted);
    watch(reply, [pending, ok](QNetworkReply* finished, int status, const QByteArray& answer) {
        ClientResult<bool> result;
        result.status = status;
        result.value = ok.contains(status);
        if (!result.value)
            result.error = errorOf(finished, status, answer);
        pending.finish(result);
    });
    return pending.future();
}

QFuture<ClientResult<QList<Job>>> AgentClient::jobs(std::optional<JobType> type, const QByteArray& ifNoneMatch)
{
    Pending<QList<Job>> pending;
    QNetworkRequest request = this->request(type ? typePath(*type) : u"/api/webjobs"_s);
    if (!ifNoneMatch.isEmpty())
        request.setRawHeader("If-None-Match", ifNoneMatch);
    watch(m_network->get(request), [pending](QNetworkReply* reply, int status, const QByteArray& body) {
        ClientResult<QList<Job>> result;
        result.status = status;
        result.etag = reply->rawHeader("ETag");
        if (status == 200) {
            QString problem;
            if (const auto jobs = Job::listFromJson(body, &problem))
                result.value = *jobs;
            else
                result.error
                    = {ServiceError::Code::Internal, tr("The agent's job list cannot be read: %1").arg(problem)};
        } else if (status != 304) {
            result.error = errorOf(reply, status, body);
        }
        pending.finish(result);
    });
    return pending.future();
}

QFuture<ClientResult<std::optional<AgentClient::AgentInfo>>> AgentClient::agentInfo()
{
    Pending<std::optional<AgentInfo>> pending;
    watch(
        m_network->get(request(u"/api/agent"_s)), [pending](QNetworkReply* reply, int status, const QByteArray& body) {
            ClientResult<std::optional<AgentInfo>> result;
            result.status = status;
            if (status == 200) {
                result.value = parseAgentInfo(body);
            } else if (status == 0 || status == 401 || status == 403) {
                result.error = errorOf(reply, status, body);
            }
            pending.finish(result);
        });
    return pending.future();
}

std::optional<AgentClient::AgentInfo> AgentClient::parseAgentInfo(const QByteArray& body)
{
    // Any other server may answer 200 for any path (a web page): only our JSON counts.
    const std::optional<OrderedJson> json = OrderedJson::parse(body);
    if (!json || !json->isObject() || json->value(u"name"_s).toString() != u"webjobs-agent")
        return std::nullopt;
    AgentInfo info;
    info.name = json->value(u"name"_s).toString();
    info.version = json->value(u"version"_s).toString();
    info.instance = json->value(u"instance"_s).toString();
    info.eventsCursor = json->value(u"events_cursor"_s).toString();
    const OrderedJson instances = json->value(u"instances"_s);
    if (instances.isArray()) {
        info.clustered = true;
        for (int i = 0; i < instances.size(); ++i) {
            const OrderedJson item = instances.at(i);
            const QString id = item.value(u"instance"_s).toString();
            if (!item.isObject() || id.isEmpty())
                continue;
            Instance instance;
            instance.instance = id;
            instance.hostName = item.value(u"host_name"_s).toString();
            instance.pid = item.value(u"pid"_s).toInteger();
            instance.started = Instant::parse(item.value(u"started"_s).toString()).value_or(Instant());
            instance.heartbeat = Instant::parse(item.value(u"heartbeat"_s).toString()).value_or(Instant());
            instance.live = item.value(u"state"_s).toString() == u"live";
            info.instances.append(instance);
        }
    }
    const OrderedJson database = json->value(u"database"_s);
    if (database.isString()) {
        info.clustered = true;
        info.database = database.toString();
    }
    return info;
}

template <typename T, typename Parse>
QFuture<ClientResult<T>> AgentClient::getUnlessMissing(const QNetworkRequest& request, Parse parse)
{
    Pending<T> pending;
    watch(m_network->get(request), [pending, parse](QNetworkReply* reply, int status, const QByteArray& body) {
        ClientResult<T> result;
        result.status = status;
        result.etag = reply->rawHeader("ETag");
        if (status == 200)
            parse(reply, body, result);
        else if (status != 404)
            result.error = errorOf(reply, status, body);
        pending.finish(result);
    });
    return pending.future();
}

QFuture<ClientResult<std::optional<Job>>> AgentClient::job(JobType type, const QString& name)
{
    return getUnlessMissing<std::optional<Job>>(request(typePath(type) + u'/' + encoded(name)),
        [](QNetworkReply*, const QByteArray& body, ClientResult<std::optional<Job>>& result) {
            QString problem;
            result.value = Job::fromJson(body, &problem);
            if (!result.value)
                result.error = {ServiceError::Code::Internal, tr("The agent's job cannot be read: %1").arg(problem)};
        });
}

QFuture<ClientResult<Job>> AgentClient::upload(JobType type, const QString& name, const QString& sourcePath, bool isZip,
    const std::function<void(qint64, qint64)>& progress, std::function<void()>* abort)
{
    Pending<Job> pending;
    auto* file = new QFile(sourcePath);
    if (!file->open(QIODevice::ReadOnly)) {
        ClientResult<Job> result;
        result.error = {ServiceError::Code::BadRequest, tr("Cannot read %1: %2.").arg(sourcePath, file->errorString())};
        delete file;
        pending.finish(result);
        return pending.future();
    }
    QNetworkRequest request = this->request(typePath(type) + u'/' + encoded(name));
    const QString fileName = QFileInfo(sourcePath).fileName();
    // Non-ASCII names as an RFC 2047 word, as .NET clients send them (Kudu decodes it).
    bool ascii = true;
    for (const QChar c : fileName)
        ascii = ascii && c.unicode() >= 0x20 && c.unicode() < 0x7f && c != u'"' && c != u'\\';
    const QByteArray quoted = ascii ? fileName.toLatin1() : "=?utf-8?B?" + fileName.toUtf8().toBase64() + "?=";
    request.setRawHeader("Content-Disposition", "attachment; filename=\"" + quoted + '"');
    request.setHeader(QNetworkRequest::ContentTypeHeader, isZip ? u"application/zip"_s : u"application/octet-stream"_s);
    QNetworkReply* reply = m_network->put(request, file);
    file->setParent(reply);
    if (progress)
        connect(reply, &QNetworkReply::uploadProgress, reply, progress);
    if (abort) {
        *abort = [transfer = QPointer<QNetworkReply>(reply)] {
            if (transfer)
                transfer->abort();
        };
    }
    watch(reply, [pending](QNetworkReply* finished, int status, const QByteArray& body) {
        ClientResult<Job> result;
        result.status = status;
        if (status == 200) {
            QString problem;
            if (const auto job = Job::fromJson(body, &problem))
                result.value = *job;
            else
                result.error = {ServiceError::Code::Internal, tr("The agent's job cannot be read: %1").arg(problem)};
        } else {
            result.error = errorOf(finished, status, body);
        }
        pending.finish(result);
    });
    return pending.future();
}

QFuture<ClientResult<bool>> AgentClient::deleteJob(JobType type, const QString& name)
{
    return action("DELETE", typePath(type) + u'/' + encoded(name));
}

QFuture<ClientResult<QString>> AgentClient::triggerRun(const QString& name, const QString& arguments)
{
    Pending<QString> pending;
    QString path = typePath(JobType::Triggered) + u'/' + encoded(name) + u"/run"_s;
    if (!arguments.isEmpty())
        path += u"?arguments="_s + encoded(arguments);
    QNetworkRequest post = request(path);
    // Kudu.Client's form: a JSON body {}.
    post.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json; charset=utf-8"_s);
    watch(m_network->post(post, QByteArray("{}")), [pending](QNetworkReply* reply, int status, const QByteArray& body) {
        ClientResult<QString> result;
        result.status = status;
        if (status == 202 || status == 200)
            result.value = QString::fromUtf8(reply->rawHeader("Location")).section(u'/', -1);
        else
            result.error = errorOf(reply, status, body);
        pending.finish(result);
    });
    return pending.future();
}

QFuture<ClientResult<bool>> AgentClient::abortRun(const QString& name, const QString& runId, const QString& reason)
{
    QString path = typePath(JobType::Triggered) + u'/' + encoded(name) + u"/history/"_s + encoded(runId) + u"/abort"_s;
    if (!reason.isEmpty())
        path += u"?reason="_s + encoded(reason);
    return action("POST", path, QByteArray(""), {200, 202});
}

QFuture<ClientResult<bool>> AgentClient::startContinuous(const QString& name)
{
    return action("POST", typePath(JobType::Continuous) + u'/' + encoded(name) + u"/start"_s, QByteArray(""));
}

QFuture<ClientResult<bool>> AgentClient::stopContinuous(const QString& name)
{
    return action("POST", typePath(JobType::Continuous) + u'/' + encoded(name) + u"/stop"_s, QByteArray(""));
}

QFuture<ClientResult<JobSettings>> AgentClient::settings(JobType type, const QString& name)
{
    Pending<JobSettings> pending;
    watch(m_network->get(request(typePath(type) + u'/' + encoded(name) + u"/settings"_s)),
        [pending](QNetworkReply* reply, int status, const QByteArray& body) {
            ClientResult<JobSettings> result;
            result.status = status;
            if (status == 200) {
                QString problem;
                // Kudu answers `null` for a settings.job it wrote as null: that is {}.
                if (const auto settings = JobSettings::parse(body, &problem))
                    result.value = *settings;
            } else {
                result.error = errorOf(reply, status, body);
            }
            pending.finish(result);
        });
    return pending.future();
}

QFuture<ClientResult<bool>> AgentClient::setSettings(JobType type, const QString& name, const JobSettings& settings)
{
    return action("PUT", typePath(type) + u'/' + encoded(name) + u"/settings"_s, settings.toJson());
}

QFuture<ClientResult<AgentClient::History>> AgentClient::history(const QString& name, int offset, int limit)
{
    QString path = typePath(JobType::Triggered) + u'/' + encoded(name) + u"/history"_s;
    if (offset > 0 || limit > 0)
        path += u"?offset=%1&limit=%2"_s.arg(offset).arg(limit);
    // 404: a job never run has no history yet (Kudu); an empty page.
    return getUnlessMissing<History>(
        request(path), [offset, limit](QNetworkReply* reply, const QByteArray& body, ClientResult<History>& result) {
            QString problem;
            if (const auto runs = JobRun::historyFromJson(body, &problem)) {
                // Kudu ignores the paging parameters: page what it sent.
                const bool paged = reply->hasRawHeader("X-Total-Count");
                result.value.runs = paged ? *runs : runs->mid(offset, limit > 0 ? limit : -1);
                bool ok = false;
                result.value.total = reply->rawHeader("X-Total-Count").toLongLong(&ok);
                if (!ok)
                    result.value.total = runs->size();
            } else {
                result.error
                    = {ServiceError::Code::Internal, tr("The agent's run history cannot be read: %1").arg(problem)};
            }
        });
}

QFuture<ClientResult<std::optional<JobRun>>> AgentClient::run(const QString& name, const QString& runId)
{
    return getUnlessMissing<std::optional<JobRun>>(
        request(typePath(JobType::Triggered) + u'/' + encoded(name) + u"/history/"_s + encoded(runId)),
        [](QNetworkReply*, const QByteArray& body, ClientResult<std::optional<JobRun>>& result) {
            QString problem;
            result.value = JobRun::fromJson(body, &problem);
            if (!result.value)
                result.error = {ServiceError::Code::Internal, tr("The agent's run cannot be read: %1").arg(problem)};
        });
}

QFuture<ClientResult<QByteArray>> AgentClient::readRange(const QUrl& url, qint64 offset, qint64 maxBytes)
{
    Pending<QByteArray> pending;
    QNetworkRequest request = requestFor(url);
    request.setRawHeader("Range",
        "bytes=" + QByteArray::number(offset) + '-' + QByteArray::number(offset + std::max<qint64>(maxBytes, 1) - 1));
    watch(
        m_network->get(request), [pending, offset, maxBytes](QNetworkReply* reply, int status, const QByteArray& body) {
            ClientResult<QByteArray> result;
            result.status = status;
            // "bytes 0-99/1234", or "bytes */1234" past the end.
            const QByteArray range = reply->rawHeader("Content-Range");
            if (const qsizetype slash = range.lastIndexOf('/'); slash >= 0) {
                bool ok = false;
                const qint64 size = range.mid(slash + 1).toLongLong(&ok);
                if (ok)
                    result.size = size;
            }
            if (status == 206) {
                result.value = body;
            } else if (status == 200) {
                result.size = body.size();
                // A server that ignores Range sends the whole file.
                result.value = body.mid(offset, maxBytes);
            } else if (status != 416) {
                result.error = errorOf(reply, status, body);
            }
            pending.finish(result);
        });
    return pending.future();
}

void AgentClient::followChanges(const QString& since)
{
    m_following = true;
    if (!since.isEmpty())
        m_lastEventId = since;
    if (m_stream)
        return;
    QNetworkRequest request = this->request(u"/api/webjobs/events"_s);
    request.setRawHeader("Accept", "text/event-stream");
    if (!m_lastEventId.isEmpty())
        request.setRawHeader("Last-Event-ID", m_lastEventId.toUtf8());
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    // The agent sends a comment every 15 s: a longer silence means the connection is gone.
    if (m_transferTimeout > 0)
        request.setTransferTimeout(std::max(m_transferTimeout, EventStreamTimeout));
    m_streamBuffer.clear();
    m_stream = m_network->get(request);
    connect(m_stream, &QNetworkReply::sslErrors, this,
        [this, reply = m_stream](const QList<QSslError>& errors) { handleSslErrors(reply, errors); });
    connect(m_stream, &QNetworkReply::metaDataChanged, this, [this] {
        if (m_stream && m_stream->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 200)
            Q_EMIT followingChanged(true);
    });
    connect(m_stream, &QNetworkReply::readyRead, this, &AgentClient::readStream);
    connect(m_stream, &QNetworkReply::finished, this, [this, reply = m_stream] {
        reply->deleteLater();
        if (m_stream == reply)
            m_stream = nullptr;
        Q_EMIT followingChanged(false);
        reconnectLater();
    });
}

void AgentClient::stopFollowing()
{
    m_following = false;
    m_reconnect->stop();
    if (QNetworkReply* stream = m_stream) {
        m_stream = nullptr;
        stream->abort();
    }
}

void AgentClient::reconnectLater()
{
    if (m_following && !m_reconnect->isActive())
        m_reconnect->start();
}

void AgentClient::readStream()
{
    if (!m_stream)
        return;
    m_streamBuffer += m_stream->readAll();
    qsizetype end;
    while ((end = m_streamBuffer.indexOf("\n\n")) >= 0) {
        const QByteArray block = m_streamBuffer.left(end);
        m_streamBuffer.remove(0, end + 2);
        QString id;
        QString kind;
        QByteArray data;
        for (const QByteArray& line : block.split('\n')) {
            if (line.startsWith("id:"))
                id = QString::fromUtf8(line.mid(3).trimmed());
            else if (line.startsWith("event:"))
                kind = QString::fromUtf8(line.mid(6).trimmed());
            else if (line.startsWith("data:"))
                data += line.mid(5).trimmed();
        }
        if (!id.isEmpty())
            m_lastEventId = id;
        if (kind.isEmpty())
            continue;
        if (kind == u"reset") {
            Q_EMIT resetNeeded();
            continue;
        }
        const std::optional<OrderedJson> json = OrderedJson::parse(data);
        if (!json || !json->isObject())
            continue;
        ClientEvent event;
        event.id = id;
        event.kind = kind;
        event.type = jobTypeFromName(json->value(u"type"_s).toString()).value_or(JobType::Triggered);
        event.name = json->value(u"name"_s).toString();
        if (json->contains(u"run"_s))
            event.run = JobRun::fromJson(json->value(u"run"_s));
        Q_EMIT eventReceived(event);
    }
}

} // namespace WebJobs
