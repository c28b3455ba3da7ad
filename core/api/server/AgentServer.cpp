#include "core/api/server/AgentServer.h"

#include "core/api/server/ApiRoute.h"
#include "core/api/server/ChangeFeed.h"
#include "core/api/server/ConnectionTable.h"
#include "core/api/server/FileSender.h"
#include "core/api/server/GatedServer.h"
#include "core/api/server/JobListCache.h"
#include "core/api/server/PassthroughRelay.h"
#include "core/api/server/VfsFiles.h"
#include "core/api/server/WebHooks.h"
#include "core/host/ClusterMember.h"
#include "core/host/JobHost.h"
#include "core/model/Job.h"
#include "core/model/JobRun.h"
#include "core/package/JobName.h"
#include "core/util/ContentDisposition.h"
#include "core/util/EntityTag.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>
#include <QStorageInfo>
#include <QSysInfo>
#include <QTcpSocket>
#include <QTemporaryFile>
#include <QtConcurrent>

#include <sys/resource.h>

using namespace Qt::StringLiterals;

namespace WebJobs {

namespace {

using Method = QHttpServerRequest::Method;

QByteArray methodName(Method method)
{
    switch (method) {
    case Method::Get:
        return "GET";
    case Method::Put:
        return "PUT";
    case Method::Delete:
        return "DELETE";
    case Method::Post:
        return "POST";
    case Method::Head:
        return "HEAD";
    case Method::Options:
        return "OPTIONS";
    case Method::Patch:
        return "PATCH";
    case Method::Connect:
        return "CONNECT";
    case Method::Trace:
        return "TRACE";
    default:
        return "UNKNOWN";
    }
}

bool hasHeader(const QHttpServerRequest& request, const QByteArray& name)
{
    const auto headers = request.headers();
    return std::any_of(headers.begin(), headers.end(),
        [&](const auto& header) { return header.first.compare(name, Qt::CaseInsensitive) == 0; });
}

// A query parameter decoded as a form field ('+' is a space), as Web API binds it; the name
// compared case-insensitively. Null when absent.
QString queryValue(const QUrl& url, QStringView name)
{
    const QString query = url.query(QUrl::FullyEncoded);
    const QStringList pairs = query.split(u'&', Qt::SkipEmptyParts);
    for (const QString& pair : pairs) {
        const qsizetype equals = pair.indexOf(u'=');
        const auto decode = [](QString text) {
            text.replace(u'+', u' ');
            return QUrl::fromPercentEncoding(text.toUtf8());
        };
        const QString key = decode(equals < 0 ? pair : pair.left(equals));
        if (key.compare(name, Qt::CaseInsensitive) != 0)
            continue;
        return equals < 0 ? u""_s : decode(pair.mid(equals + 1));
    }
    return {};
}

QByteArray mediaTypeOf(const QByteArray& contentType)
{
    const qsizetype semicolon = contentType.indexOf(';');
    return (semicolon < 0 ? contentType : contentType.left(semicolon)).trimmed().toLower();
}

HttpReply passthroughFailure(const QString& job)
{
    return HttpReply::exception(404,
        AgentServer::tr("The continuous job \"%1\" is not running or does not answer on its WEBJOBS_PORT.").arg(job),
        u"System.Net.Http.HttpRequestException"_s);
}

HttpReply tooLargeAnswer(const QString& job, qint64 limit)
{
    return HttpReply::exception(502,
        AgentServer::tr("The continuous job \"%1\" answered with more than %2 bytes, more than the agent relays.")
            .arg(job)
            .arg(limit),
        u"System.Net.Http.HttpRequestException"_s);
}

HttpReply methodNotAllowed(Method method, const QByteArray& allowed)
{
    HttpReply reply = HttpReply::httpError(405,
        u"The requested resource does not support http method '%1'."_s.arg(QString::fromLatin1(methodName(method))));
    reply.setHeader("Allow", allowed);
    return reply;
}

// Kudu's ARM envelope of one object (docs/kudu-webjobs-api.md §1.6).
OrderedJson armEntry(const QHttpServerRequest& request, const OrderedJson& properties, const QString& childName)
{
    QString id;
    const QByteArray referer = request.value("Referer");
    if (!referer.isEmpty())
        id = QUrl::fromEncoded(referer).path(QUrl::FullyEncoded);
    if (id.isEmpty())
        id = request.url().path(QUrl::FullyEncoded);
    if (!childName.isNull()) {
        if (!id.endsWith(u'/'))
            id += u'/';
        id += childName;
    }
    while (id.endsWith(u'/'))
        id.chop(1);
    OrderedJson entry = OrderedJson::object();
    entry.insert(u"id"_s, id);
    const QStringList tokens = id.split(u'/');
    OrderedJson name;
    OrderedJson type;
    if (tokens.size() > 8 && tokens.at(6) == u"Microsoft.Web") {
        QString typeText = tokens.at(6);
        for (qsizetype i = 7; i < tokens.size(); i += 2)
            typeText += u'/' + tokens.at(i);
        QString nameText = tokens.at(8);
        for (qsizetype i = 10; i < tokens.size(); i += 2)
            nameText += u'/' + tokens.at(i);
        name = nameText;
        type = typeText;
    }
    entry.insert(u"name"_s, name);
    entry.insert(u"type"_s, type);
    entry.insert(u"location"_s, QString::fromUtf8(request.value("x-ms-geo-location")));
    entry.insert(u"properties"_s, properties);
    return entry;
}

OrderedJson armList(const QHttpServerRequest& request, const QList<std::pair<QString, OrderedJson>>& items)
{
    OrderedJson values = OrderedJson::array();
    for (const auto& [name, properties] : items)
        values.append(armEntry(request, properties, name));
    OrderedJson list = OrderedJson::object();
    list.insert(u"value"_s, values);
    return list;
}

// The request's URL as the client addressed it. QHttpServer 6.4 puts port 0 in the URL when
// the Host header names no port; the client then used the scheme's default port.
// Without a Host header (HTTP/1.0), the address the request came to.
QUrl addressedUrl(const QHttpServerRequest& request, quint16 serverPort)
{
    QUrl url = request.url();
    const QByteArray host = request.value("Host");
    const qsizetype bracket = host.lastIndexOf(']');
    const qsizetype colon = host.lastIndexOf(':');
    if (host.isEmpty())
        url.setPort(serverPort);
    else if (colon < 0 || colon < bracket)
        url.setPort(-1);
    return url;
}

quint64 textHash(const QString& text)
{
    return EntityTag::hash(text.toUtf8());
}

} // namespace

AgentServer::AgentServer(JobHost* host, AgentServerOptions options, QObject* parent)
    : QObject(parent)
    , m_host(host)
    , m_options(std::move(options))
    , m_http(new QHttpServer(this))
    , m_feed(new ChangeFeed(host, m_options.eventBacklog, m_options.heartbeat, this))
    , m_hooks(new WebHooks(host->context().paths.dataRoot() + u"/site/deployments/hooks"_s, this))
    , m_lists(new JobListCache(host, m_options.listCacheMaxAge, this))
    , m_uploadFolder(host->context().paths.dataRoot() + u"/temp/uploads"_s)
    , m_throttle(m_options.authThrottle)
{
    m_feed->setLimits(m_options.maxStreamsPerClient, m_options.streamBufferBytes);
    m_http->setMissingHandler([this](const QHttpServerRequest& request, QHttpServerResponder&& responder) {
        handle(request, std::move(responder));
    });
    connect(host, &JobHost::runFinished, this,
        [this](const JobRun& run) { publishRun(QString::fromLatin1(WebHooks::TriggeredJobFinished), run); });
    connect(host, &JobHost::runFailed, this,
        [this](const JobRun& run) { publishRun(QString::fromLatin1(WebHooks::TriggeredJobFailed), run); });
    connect(host, &JobHost::crashLoopEntered, this, &AgentServer::publishCrashLoop);
    // Several instances: the hooks are the site's (WebHooks.h).
    if (ClusterMember* cluster = host->cluster()) {
        m_hooks->shareThrough(host->store(), [cluster] { cluster->tellOthers(); });
        connect(cluster, &ClusterMember::looked, m_hooks, &WebHooks::syncShared);
    }
    // Leftovers of uploads interrupted by a crash.
    QDir(m_uploadFolder).removeRecursively();
}

AgentServer::~AgentServer() = default;

bool AgentServer::isLoopback(const QHostAddress& address)
{
    return address.isLoopback();
}

bool AgentServer::listen(QString* error)
{
    if (!m_options.auth.isEnabled() && !isLoopback(m_options.address)) {
        *error = tr("Refusing to listen on %1 without authentication: give --user and a password (--password-file "
                    "or WEBJOBS_AGENT_PASSWORD), or listen on a loopback address such as 127.0.0.1.")
                     .arg(m_options.address.toString());
        return false;
    }
    // Connections beyond the descriptors the process may open would fail at accept(), for
    // everyone: keep a reserve for the database, the jobs' pipes and logs, and files served.
    int maxConnections = m_options.maxConnections;
    rlimit files {};
    if (::getrlimit(RLIMIT_NOFILE, &files) == 0 && files.rlim_cur != RLIM_INFINITY)
        maxConnections = static_cast<int>(
            std::clamp<qint64>(static_cast<qint64>(files.rlim_cur) - 256, 16, std::max(maxConnections, 16)));
    m_connections = new ConnectionTable(m_options.maxConnectionsPerClient, maxConnections, this);
    const auto installer = [this](QTcpSocket* socket) { return admit(socket); };
    const auto handOver = [this](QTcpSocket* socket) { m_connections->handedOver(RequestGate::of(socket)); };
    const QByteArray refusal = RequestGate::toBytes(HttpReply::text(503,
        tr("This client has too many connections open to the agent, all of them busy: close some, or "
           "try again later."))
                                                        .setHeader("Retry-After", "5"));
    if (m_options.tls) {
        auto* server = new GatedSslServer(installer, handOver, refusal, this);
        server->setSslConfiguration(*m_options.tls);
        // A handshake is part of the first request's head, and has as long.
        server->setHandshakeTimeout(static_cast<int>(m_options.gate.headTimeout.count()));
        m_listener = server;
    } else {
        m_listener = new GatedTcpServer(installer, handOver, refusal, this);
    }
    if (!m_listener->listen(m_options.address, m_options.port)) {
        *error = tr("Cannot listen on %1 port %2: %3.")
                     .arg(m_options.address.toString())
                     .arg(m_options.port)
                     .arg(m_listener->errorString());
        delete m_listener;
        m_listener = nullptr;
        return false;
    }
    m_port = m_listener->serverPort();
    m_http->bind(m_listener);
    // Runs after QHttpServer has taken the new connections and connected to them.
    connect(m_listener, &QTcpServer::pendingConnectionAvailable, m_connections, &ConnectionTable::settle);
    m_hooks->setAgentEndpoint(m_options.address, m_port, QUrl(publicBaseUrl()));
    m_hooks->setLinkLocalAllowed(m_options.allowLinkLocalHooks);
    return true;
}

bool AgentServer::admit(QTcpSocket* socket)
{
    const QHostAddress peer = socket->peerAddress();
    if (!m_connections->admit(peer))
        return false;
    // Answers are written in several pieces: without this, Nagle's algorithm and the
    // client's delayed ACK hold the last piece of most answers for 40 ms.
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    RequestGate* gate = RequestGate::install(
        socket, m_http, [this, peer](const RequestHead& head) { return inspectHead(head, peer); }, m_options.gate);
    m_connections->track(peer, gate);
    return true;
}

void AgentServer::close()
{
    if (m_listener)
        m_listener->close();
    m_feed->close();
}

QString AgentServer::listenUrl() const
{
    QString host = m_options.address.toString();
    if (m_options.address == QHostAddress::Any || m_options.address == QHostAddress::AnyIPv4
        || m_options.address == QHostAddress::AnyIPv6)
        host = QSysInfo::machineHostName();
    else if (m_options.address.protocol() == QAbstractSocket::IPv6Protocol)
        host = u'[' + host + u']';
    return (m_options.tls ? u"https://"_s : u"http://"_s) + host + u':' + QString::number(m_port);
}

QString AgentServer::publicBaseUrl() const
{
    return m_options.publicBaseUrl.isEmpty() ? listenUrl() : m_options.publicBaseUrl;
}

qint64 AgentServer::bodyLimit(const QByteArray& method, const ApiRoute& route) const
{
    if (method == "PUT" && route.kind() == ApiRoute::Kind::Job)
        return m_options.maxUploadBytes;
    return m_options.maxRequestBytes;
}

HttpReply AgentServer::withoutPaths(const HttpReply& reply) const
{
    if (reply.status() < 400 || reply.body().isEmpty())
        return reply;
    // The engine's sentences name files to help the person at the console of the machine; a
    // client of the API learns where they are under the data folder, not where that folder is.
    QList<std::pair<QByteArray, QByteArray>> paths;
    const QString dataRoot = m_host->context().paths.dataRoot();
    for (const QString& root : {QDir(dataRoot).absolutePath(), QDir(dataRoot).canonicalPath()})
        paths.append({QDir::toNativeSeparators(root).toUtf8(), "<data>"});
    for (const QString& temp : {QDir::tempPath(), QDir(QDir::tempPath()).canonicalPath()})
        paths.append({temp.toUtf8(), "<temp>"});
    paths.append({QDir::homePath().toUtf8(), "~"});
    std::sort(paths.begin(), paths.end(), [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
    QByteArray body = reply.body();
    for (const auto& [path, placeholder] : paths) {
        if (path.size() > 1)
            body.replace(path, placeholder);
    }
    return reply.withBody(body);
}

HttpReply AgentServer::tooLarge(qint64 limit) const
{
    return HttpReply::text(413,
        tr("The request body is larger than this agent accepts (%1 bytes at most): send a "
           "smaller package, or raise the agent's --max-upload-size.")
            .arg(limit));
}

bool AgentServer::isAllowedHost(const QByteArray& hostHeader) const
{
    if (hostHeader.isEmpty())
        return true; // HTTP/1.0: the address the request came to
    const QUrl authority(u"http://"_s + QString::fromLatin1(hostHeader));
    QString host = authority.host(QUrl::FullyDecoded).toLower();
    if (!authority.isValid() || host.isEmpty())
        return false;
    if (host.endsWith(u'.'))
        host.chop(1);
    // Names a page on another site cannot make resolve (RFC 6761), and addresses.
    if (host == u"localhost" || host.endsWith(u".localhost"))
        return true;
    const QHostAddress address(host);
    if (!address.isNull() && (address.isLoopback() || address.isEqual(m_options.address)))
        return true;
    const QString publicHost = QUrl(publicBaseUrl()).host().toLower();
    return !publicHost.isEmpty() && host == publicHost;
}

bool AgentServer::isOwnOrigin(const QByteArray& origin, const QByteArray& hostHeader) const
{
    const auto tuple = [](const QUrl& url) {
        const QString scheme = url.scheme().toLower();
        const int port = url.port(scheme == u"https" ? 443 : 80);
        return std::make_tuple(scheme, url.host().toLower(), port);
    };
    const QUrl given(QString::fromLatin1(origin), QUrl::StrictMode);
    if (!given.isValid() || given.host().isEmpty() || (given.scheme() != u"http" && given.scheme() != u"https")
        || !given.path().isEmpty())
        return false;
    const auto wanted = tuple(given);
    QList<QUrl> own {QUrl(listenUrl()), QUrl(publicBaseUrl())};
    if (!hostHeader.isEmpty())
        own.append(QUrl((m_options.tls ? u"https://"_s : u"http://"_s) + QString::fromLatin1(hostHeader)));
    return std::any_of(own.begin(), own.end(), [&](const QUrl& url) { return url.isValid() && tuple(url) == wanted; });
}

GateVerdict AgentServer::inspectHead(const RequestHead& head, const QHostAddress& peer)
{
    GateVerdict verdict;
    // DNS rebinding: a page of another site whose name now resolves to this machine. Its
    // requests name that site in Host; without credentials only our own names are served.
    if (!m_options.auth.isEnabled() && !isAllowedHost(head.header("host"))) {
        verdict.refusal = HttpReply::text(403,
            tr("This agent has no password and serves requests addressed to localhost, its listening address or "
               "its --public-url only, not to \"%1\".")
                .arg(QString::fromLatin1(head.header("host"))));
        return verdict;
    }
    // Cross-site requests from a browser: the page's origin is not ours.
    if (head.hasHeader("origin") && !isOwnOrigin(head.header("origin"), head.header("host"))) {
        verdict.refusal = HttpReply::text(403,
            tr("Requests from pages of other sites (Origin: %1) are refused: use the agent's API from its own "
               "address, or set --public-url to the address browsers use.")
                .arg(QString::fromLatin1(head.header("origin"))));
        return verdict;
    }
    bool accepted = true;
    if (m_options.auth.isEnabled()) {
        const QByteArray authorization = head.header("authorization");
        accepted = m_options.auth.accepts(authorization);
        if (BasicAuth::isBasic(authorization)) {
            const QString client = ConnectionTable::clientKey(peer);
            const qint64 now = QDeadlineTimer::current().deadline();
            if (const qint64 wait = m_throttle.waitFor(client, now); wait > 0) {
                const qint64 seconds = (wait + 999) / 1000;
                verdict.refusal = HttpReply::text(429,
                    tr("Too many wrong passwords from this address: wait %n second(s) before trying again.", nullptr,
                        static_cast<int>(seconds)))
                                      .setHeader("Retry-After", QByteArray::number(seconds));
                return verdict;
            }
            if (accepted)
                m_throttle.succeeded(client);
            else
                m_throttle.failed(client, now);
        }
    }
    if (head.hasBody() && !accepted) {
        HttpReply refusal(401);
        refusal.setHeader("WWW-Authenticate", BasicAuth::challenge());
        verdict.refusal = refusal;
        return verdict;
    }
    const ApiRoute route = ApiRoute::parse(QUrl::fromEncoded(head.target));
    const qint64 limit = bodyLimit(head.method, route);
    if (head.contentLength > limit) {
        verdict.refusal = tooLarge(limit);
        return verdict;
    }
    // JSON bodies come with their media type: a form of another site cannot send one.
    const bool json = (route.kind() == ApiRoute::Kind::Settings && head.method == "PUT")
        || (route.kind() == ApiRoute::Kind::Job && head.method == "PUT" && head.hasHeader("x-ms-geo-location"))
        || (route.kind() == ApiRoute::Kind::Hooks && head.method == "POST");
    const QByteArray mediaType = mediaTypeOf(head.header("content-type"));
    if (json && head.hasBody() && mediaType != "application/json" && !mediaType.endsWith("+json")) {
        verdict.refusal = HttpReply::text(
            415, tr("The body of this request is JSON: send it with \"Content-Type: application/json\"."));
        return verdict;
    }
    verdict.chunkedLimit = limit;
    verdict.tooLarge = tooLarge(limit);
    return verdict;
}

void AgentServer::handle(const QHttpServerRequest& request, QHttpServerResponder&& responder)
{
    const Method method = request.method();
    const bool head = method == Method::Head;
    if (!m_options.auth.accepts(request.value("Authorization"))) {
        HttpReply reply(401);
        reply.setHeader("WWW-Authenticate", BasicAuth::challenge());
        reply.send(responder);
        return;
    }
    const QUrl url = addressedUrl(request, m_port);
    const ApiRoute route = ApiRoute::parse(url);
    const JobUrls urls = JobUrls::fromRequestUrl(url);
    const QByteArray body = request.body();
    if (const qint64 limit = bodyLimit(methodName(method), route); body.size() > limit) {
        tooLarge(limit).send(responder);
        return;
    }
    // A name that cannot be a job's is not looked up at all (it could also reach outside the
    // jobs folder): the job is simply unknown.
    const bool validName = route.jobName().isEmpty() || JobName::isValid(route.jobName());
    const bool arm = hasHeader(request, "x-ms-geo-location");

    const auto send = [&](const HttpReply& reply) { withoutPaths(reply).send(responder, head); };
    const auto only = [&](std::initializer_list<Method> methods) {
        if (std::find(methods.begin(), methods.end(), method) != methods.end())
            return true;
        QByteArrayList names;
        for (const Method allowed : methods)
            names.append(methodName(allowed));
        send(methodNotAllowed(method, names.join(", ")));
        return false;
    };

    ApiRoute::Kind kind = route.kind();
    if (m_options.kuduOnly
        && (kind == ApiRoute::Kind::Events || kind == ApiRoute::Kind::Changes || kind == ApiRoute::Kind::AgentInfo
            || kind == ApiRoute::Kind::AbortRun))
        kind = ApiRoute::Kind::NotFound;

    switch (kind) {
    case ApiRoute::Kind::NotFound:
        send(HttpReply::empty(404));
        return;
    case ApiRoute::Kind::Jobs:
        if (only({Method::Get}))
            send(listJobs(request, route, urls));
        return;
    case ApiRoute::Kind::Job:
        if (!only({Method::Get, Method::Put, Method::Delete}))
            return;
        if (method == Method::Get) {
            send(validName ? getJob(request, route, urls) : HttpReply::empty(404));
        } else if (method == Method::Delete) {
            send(validName ? deleteJob(route) : HttpReply::empty(200));
        } else if (arm) {
            send(validName ? putArmSettings(route, body) : HttpReply::empty(404));
        } else {
            // Answered when the import has finished: the client may be gone by then.
            const QPointer<QTcpSocket> socket = responder.socket();
            auto shared = std::make_shared<QHttpServerResponder>(std::move(responder));
            upload(request, route, urls, [shared, socket](const HttpReply& reply) {
                if (socket)
                    reply.send(*shared);
            });
        }
        return;
    case ApiRoute::Kind::Run:
        if (only({Method::Post}))
            send(validName ? runJob(request, route, urls) : HttpReply::empty(404));
        return;
    case ApiRoute::Kind::History:
        if (only({Method::Get}))
            send(validName ? history(request, route, urls) : HttpReply::empty(404));
        return;
    case ApiRoute::Kind::RunItem:
        if (only({Method::Get}))
            send(validName ? runItem(request, route, urls) : HttpReply::empty(404));
        return;
    case ApiRoute::Kind::AbortRun:
        if (only({Method::Post}))
            send(validName ? abortRun(request, route, urls) : HttpReply::empty(404));
        return;
    case ApiRoute::Kind::Settings:
        if (!only({Method::Get, Method::Put}))
            return;
        if (method == Method::Get)
            send(validName ? getSettings(route) : HttpReply::json(200, "{}"));
        else
            send(validName ? putSettings(route, body) : HttpReply::empty(404));
        return;
    case ApiRoute::Kind::Start:
    case ApiRoute::Kind::Stop:
        if (only({Method::Post}))
            send(validName ? startStop(route) : HttpReply::empty(404));
        return;
    case ApiRoute::Kind::Passthrough: {
        if (!validName) {
            send(passthroughFailure(route.jobName()));
            return;
        }
        passthrough(request, route, std::move(responder));
        return;
    }
    case ApiRoute::Kind::Swagger:
        if (only({Method::Get}))
            send(swagger());
        return;
    case ApiRoute::Kind::Events: {
        if (!only({Method::Get}))
            return;
        QString since = queryValue(request.url(), u"since");
        if (since.isEmpty())
            since = QString::fromUtf8(request.value("Last-Event-ID"));
        m_feed->openStream(std::move(responder), urls, since, ConnectionTable::clientKey(request.remoteAddress()));
        return;
    }
    case ApiRoute::Kind::Changes: {
        if (!only({Method::Get}))
            return;
        std::chrono::milliseconds timeout = m_options.longPollDefault;
        bool ok = false;
        const double seconds = queryValue(request.url(), u"timeout").toDouble(&ok);
        if (ok && seconds >= 0)
            timeout = std::min(std::chrono::milliseconds(qint64(seconds * 1000)), m_options.longPollMaximum);
        m_feed->waitForChanges(std::move(responder), urls, queryValue(request.url(), u"since"), timeout);
        return;
    }
    case ApiRoute::Kind::AgentInfo:
        if (only({Method::Get}))
            send(agentInfo());
        return;
    case ApiRoute::Kind::Vfs:
        if (only({Method::Get, Method::Head}))
            serveFile(route.path(), url, request, std::move(responder));
        return;
    case ApiRoute::Kind::Hooks:
        if (!only({Method::Get, Method::Post}))
            return;
        send(method == Method::Get ? listHooks() : subscribeHook(body));
        return;
    case ApiRoute::Kind::Hook:
        if (!only({Method::Get, Method::Delete}))
            return;
        if (method == Method::Delete) {
            QString error;
            send(m_hooks->unsubscribe(route.id(), &error) ? HttpReply::empty(200) : HttpReply::text(503, error));
        } else {
            send(getHook(route));
        }
        return;
    }
    send(HttpReply::empty(404));
}

void AgentServer::serveFile(
    const QString& path, const QUrl& url, const QHttpServerRequest& request, QHttpServerResponder&& responder)
{
    // Listing a folder stats every entry and opening a file may wait on a slow disk or a stuck
    // network mount: done on the file threads, answered here when done; the client may be gone.
    const bool head = request.method() == QHttpServerRequest::Method::Head;
    // Several instances: the log of a run of another instance is read from the database's copy.
    if (ClusterMember* cluster = m_host->cluster())
        cluster->mirrorRunLogAt(path);
    const QPointer<QTcpSocket> socket = responder.socket();
    auto shared = std::make_shared<QHttpServerResponder>(std::move(responder));
    auto* watcher = new QFutureWatcher<HttpReply>(this);
    connect(watcher, &QFutureWatcher<HttpReply>::finished, this, [this, watcher, shared, socket, head] {
        watcher->deleteLater();
        if (socket)
            withoutPaths(watcher->result()).send(*shared, head);
    });
    watcher->setFuture(QtConcurrent::run(FileSender::threadPool(),
        [root = m_host->context().paths.dataRoot(), path, url, range = request.value("Range"),
            ifNoneMatch = request.value("If-None-Match")] {
            return VfsFiles(root).get(path, url, range, ifNoneMatch);
        }));
}

HttpReply AgentServer::listJobs(const QHttpServerRequest& request, const ApiRoute& route, const JobUrls& urls)
{
    const QByteArray ifNoneMatch = request.value("If-None-Match");
    if (hasHeader(request, "x-ms-geo-location")) {
        const QList<Job> jobs = route.type() ? m_host->jobs(*route.type(), urls) : m_host->jobs(urls);
        QList<std::pair<QString, OrderedJson>> items;
        for (const Job& job : jobs)
            items.append({job.name(), job.toOrderedJson()});
        const QByteArray body = armList(request, items).toJson();
        const QByteArray tag = EntityTag::ofBody(body);
        if (!ifNoneMatch.isEmpty() && EntityTag::matchesIfNoneMatch(ifNoneMatch, tag))
            return HttpReply(304).setHeader("ETag", tag);
        return HttpReply::json(200, body).setHeader("ETag", tag);
    }
    if (!ifNoneMatch.isEmpty()) {
        const QByteArray tag = m_lists->list(route.type(), urls, false).etag;
        if (EntityTag::matchesIfNoneMatch(ifNoneMatch, tag))
            return HttpReply(304).setHeader("ETag", tag);
    }
    const JobListCache::Listing listing = m_lists->list(route.type(), urls);
    return HttpReply::json(200, listing.body).setHeader("ETag", listing.etag);
}

HttpReply AgentServer::getJob(const QHttpServerRequest& request, const ApiRoute& route, const JobUrls& urls) const
{
    const std::optional<Job> job = m_host->job(*route.type(), route.jobName(), urls);
    if (!job)
        return HttpReply::empty(404);
    if (hasHeader(request, "x-ms-geo-location"))
        return HttpReply::json(200, armEntry(request, job->toOrderedJson(), QString()).toJson());
    return HttpReply::json(200, job->toJson());
}

HttpReply AgentServer::deleteJob(const ApiRoute& route)
{
    m_host->deleteJob(*route.type(), route.jobName());
    return HttpReply::empty(200);
}

HttpReply AgentServer::runJob(const QHttpServerRequest& request, const ApiRoute& route, const JobUrls& urls)
{
    const QString name = route.jobName();
    if (!m_host->hasJob(JobType::Triggered, name))
        return HttpReply::empty(404);
    const QString arguments = queryValue(request.url(), u"arguments");
    const QString trigger = u"External - "_s + QString::fromUtf8(request.value("User-Agent"));
    QString runId;
    const ServiceError error = m_host->triggerRun(name, arguments, trigger, &runId);
    switch (error.code) {
    case ServiceError::Code::None:
        break;
    case ServiceError::Code::NotFound:
        return HttpReply::empty(404);
    case ServiceError::Code::Conflict:
    case ServiceError::Code::Stopped:
        return HttpReply::text(409, error.message);
    case ServiceError::Code::BadRequest:
        return HttpReply::text(400, error.message);
    case ServiceError::Code::Internal:
        // Kudu: 503 (retry later) while the file system is read-only, else the IOException.
        if (QStorageInfo(m_host->context().paths.dataRoot()).isReadOnly())
            return HttpReply::empty(503);
        return HttpReply::exception(409, error.message, u"System.IO.IOException"_s);
    }
    const bool arm = hasHeader(request, "x-ms-geo-location");
    HttpReply reply(arm ? 200 : 202);
    reply.setHeader("Location", urls.run(name, runId).toUtf8());
    return reply;
}

HttpReply AgentServer::history(const QHttpServerRequest& request, const ApiRoute& route, const JobUrls& urls) const
{
    const QString name = route.jobName();
    if (!m_host->hasJob(JobType::Triggered, name))
        return HttpReply::empty(404);
    const qint64 count = m_host->runCount(name);
    // Kudu answers 404 until the job's data folder exists: never run, never scheduled.
    if (count == 0 && !QFileInfo::exists(m_host->context().paths.data(JobType::Triggered, name)))
        return HttpReply::empty(404);

    // Our extension: ?offset=&limit= pages the history; without them, every run as Kudu.
    bool offsetOk = false;
    bool limitOk = false;
    const QString offsetText = m_options.kuduOnly ? QString() : queryValue(request.url(), u"offset");
    const QString limitText = m_options.kuduOnly ? QString() : queryValue(request.url(), u"limit");
    int offset = offsetText.toInt(&offsetOk);
    int limit = limitText.toInt(&limitOk);
    if (!offsetOk || offset < 0)
        offset = 0;
    if (!limitOk || limit <= 0)
        limit = static_cast<int>(std::min<qint64>(count, std::numeric_limits<int>::max()));
    const QList<JobRun> runs = limit > 0 ? m_host->history(name, offset, limit, urls) : QList<JobRun>();

    QByteArray tag;
    std::optional<JobRun> newest;
    if (offset == 0 && !runs.isEmpty())
        newest = runs.first();
    else if (count > 0)
        newest = m_host->history(name, 0, 1).value(0);
    if (newest) {
        tag = '"' + QByteArray::number(textHash(newest->id()), 16) + '-'
            + QByteArray::number(textHash(jobStatusName(newest->status())), 16) + '-'
            + QByteArray::number(EntityTag::hash(QByteArray::number(newest->endTime().ticks())), 16);
    } else {
        tag = '"' + QByteArray::number(textHash(name), 16) + '-' + QByteArray::number(textHash(u"EMPTY"_s), 16);
    }
    if (!offsetText.isNull() || !limitText.isNull())
        tag += '-' + QByteArray::number(offset) + '-' + QByteArray::number(limit);
    tag += '"';

    const QByteArray ifNoneMatch = request.value("If-None-Match");
    if (!ifNoneMatch.isEmpty() && EntityTag::matchesIfNoneMatch(ifNoneMatch, tag))
        return HttpReply(304).setHeader("ETag", tag);
    QByteArray body;
    if (hasHeader(request, "x-ms-geo-location")) {
        QList<std::pair<QString, OrderedJson>> items;
        for (const JobRun& run : runs)
            items.append({run.name(), run.toOrderedJson()});
        body = armList(request, items).toJson();
    } else {
        body = JobRun::historyToJson(runs);
    }
    HttpReply reply = HttpReply::json(200, body);
    reply.setHeader("ETag", tag);
    // Ours: the number of runs kept, for clients that page the history.
    if (!m_options.kuduOnly)
        reply.setHeader("X-Total-Count", QByteArray::number(count));
    return reply;
}

HttpReply AgentServer::runItem(const QHttpServerRequest& request, const ApiRoute& route, const JobUrls& urls) const
{
    if (!m_host->hasJob(JobType::Triggered, route.jobName()))
        return HttpReply::empty(404);
    const std::optional<JobRun> run = m_host->run(route.jobName(), route.runId(), urls);
    if (!run)
        return HttpReply::empty(404);
    if (hasHeader(request, "x-ms-geo-location"))
        return HttpReply::json(200, armEntry(request, run->toOrderedJson(), QString()).toJson());
    return HttpReply::json(200, run->toJson());
}

HttpReply AgentServer::abortRun(const QHttpServerRequest& request, const ApiRoute& route, const JobUrls& urls)
{
    const QString name = route.jobName();
    if (!m_host->hasJob(JobType::Triggered, name) || !m_host->run(name, route.runId()))
        return HttpReply::empty(404);
    QString who = m_options.auth.isEnabled() ? m_options.auth.user() : QString();
    const QString agent = QString::fromUtf8(request.value("User-Agent"));
    if (who.isEmpty())
        who = u"External - "_s + agent;
    else
        who = who + u" (External - "_s + agent + u')';
    QString reason = queryValue(request.url(), u"reason");
    if (reason.isEmpty())
        reason = tr("aborted through the API");
    const ServiceError error = m_host->abortRun(name, route.runId(), who, reason);
    switch (error.code) {
    case ServiceError::Code::None:
        break;
    case ServiceError::Code::NotFound:
        return HttpReply::empty(404);
    case ServiceError::Code::Conflict:
    case ServiceError::Code::Stopped:
        return HttpReply::text(409, error.message);
    case ServiceError::Code::BadRequest:
        return HttpReply::text(400, error.message);
    case ServiceError::Code::Internal:
        return HttpReply::exception(409, error.message, u"System.IO.IOException"_s);
    }
    HttpReply reply(202);
    reply.setHeader("Location", urls.run(name, route.runId()).toUtf8());
    return reply;
}

HttpReply AgentServer::getSettings(const ApiRoute& route) const
{
    return HttpReply::json(200, m_host->settings(*route.type(), route.jobName()).toJson());
}

void AgentServer::passthrough(
    const QHttpServerRequest& request, const ApiRoute& route, QHttpServerResponder&& responder)
{
    const bool head = request.method() == Method::Head;
    const quint16 port = m_host->passthroughPort(route.jobName());
    if (port == 0) {
        passthroughFailure(route.jobName()).send(responder, head);
        return;
    }
    QUrl target;
    target.setScheme(u"http"_s);
    target.setHost(u"127.0.0.1"_s);
    target.setPort(port);
    target.setPath(u'/' + route.path());
    target.setQuery(request.url().query(QUrl::FullyEncoded), QUrl::StrictMode);
    QNetworkRequest forward(target);
    // Hop-by-hop headers stay here, and so do the agent's credentials.
    static const QList<QByteArray> dropped {"host", "authorization", "connection", "keep-alive", "transfer-encoding",
        "te", "trailer", "upgrade", "proxy-authorization", "content-length", "expect"};
    const QList<QPair<QByteArray, QByteArray>> headers = request.headers();
    for (const auto& [name, value] : headers) {
        if (!dropped.contains(name.toLower()))
            forward.setRawHeader(name, value);
    }
    forward.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    // One network access manager serves every client and job: it must keep no cookies, or a
    // cookie one job set for one client would go to another job for another client.
    forward.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);
    forward.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);
    forward.setAttribute(QNetworkRequest::AuthenticationReuseAttribute, QNetworkRequest::Manual);
    forward.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    forward.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);
    forward.setTransferTimeout(60000);
    if (!m_passthrough)
        m_passthrough = new QNetworkAccessManager(this);
    const Method method = request.method();
    const QByteArray verb = methodName(method);
    QNetworkReply* answer = method == Method::Get || method == Method::Head
        ? m_passthrough->sendCustomRequest(forward, verb)
        : m_passthrough->sendCustomRequest(forward, verb, request.body());
    new PassthroughRelay(answer, std::move(responder), head, m_options.maxPassthroughBytes,
        passthroughFailure(route.jobName()), tooLargeAnswer(route.jobName(), m_options.maxPassthroughBytes));
}

HttpReply AgentServer::putSettings(const ApiRoute& route, const QByteArray& body)
{
    if (!m_host->hasJob(*route.type(), route.jobName()))
        return HttpReply::empty(404);
    QString problem;
    const std::optional<JobSettings> settings = JobSettings::parse(body, &problem);
    if (!settings)
        return HttpReply::text(400, problem);
    const ServiceError error = m_host->setSettings(*route.type(), route.jobName(), *settings);
    switch (error.code) {
    case ServiceError::Code::None:
        return HttpReply::empty(200);
    case ServiceError::Code::NotFound:
        return HttpReply::empty(404);
    case ServiceError::Code::BadRequest:
        return HttpReply::text(400, error.message);
    case ServiceError::Code::Conflict:
    case ServiceError::Code::Stopped:
        return HttpReply::text(409, error.message);
    case ServiceError::Code::Internal:
        return HttpReply::text(500, error.message);
    }
    return HttpReply::empty(200);
}

HttpReply AgentServer::putArmSettings(const ApiRoute& route, const QByteArray& body)
{
    QString problem;
    const std::optional<OrderedJson> envelope = OrderedJson::parse(body, &problem);
    if (!envelope || !envelope->isObject())
        return HttpReply::text(400, tr("The body is not an ARM envelope: %1").arg(problem));
    const OrderedJson settings = envelope->value(u"properties"_s).value(u"settings"_s);
    return putSettings(route, settings.isObject() ? settings.toJson() : QByteArray("{}"));
}

HttpReply AgentServer::startStop(const ApiRoute& route)
{
    const ServiceError error = route.kind() == ApiRoute::Kind::Start ? m_host->startContinuous(route.jobName())
                                                                     : m_host->stopContinuous(route.jobName());
    switch (error.code) {
    case ServiceError::Code::None:
        return HttpReply::empty(200);
    case ServiceError::Code::NotFound:
        return HttpReply::empty(404);
    default:
        return HttpReply::exception(409, error.message, u"System.IO.IOException"_s);
    }
}

HttpReply AgentServer::swagger() const
{
    OrderedJson info = OrderedJson::object();
    info.insert(u"version"_s, u"v1"_s);
    info.insert(u"title"_s, u"WebJobs"_s);
    OrderedJson schemes = OrderedJson::array();
    schemes.append(u"https"_s);
    OrderedJson paths = OrderedJson::object();
    for (const Job& job : m_host->jobs(JobType::Triggered)) {
        if (!m_host->hasJob(JobType::Triggered, job.name()))
            continue; // a folder that is not loaded as a job cannot be run
        OrderedJson responses = OrderedJson::object();
        OrderedJson success = OrderedJson::object();
        success.insert(u"description"_s, u"Success"_s);
        responses.insert(u"200"_s, success);
        responses.insert(u"default"_s, success);
        OrderedJson parameter = OrderedJson::object();
        parameter.insert(u"name"_s, u"arguments"_s);
        parameter.insert(u"in"_s, u"query"_s);
        parameter.insert(u"description"_s, u"Web Job Arguments"_s);
        parameter.insert(u"required"_s, false);
        parameter.insert(u"type"_s, u"string"_s);
        OrderedJson parameters = OrderedJson::array();
        parameters.append(parameter);
        OrderedJson post = OrderedJson::object();
        post.insert(u"deprecated"_s, false);
        post.insert(u"operationId"_s, job.name());
        post.insert(u"consumes"_s, OrderedJson::array());
        post.insert(u"produces"_s, OrderedJson::array());
        post.insert(u"responses"_s, responses);
        post.insert(u"parameters"_s, parameters);
        OrderedJson item = OrderedJson::object();
        item.insert(u"post"_s, post);
        paths.insert(u"/api/triggeredjobs/%1/run"_s.arg(job.name()), item);
    }
    OrderedJson document = OrderedJson::object();
    document.insert(u"swagger"_s, u"2.0"_s);
    document.insert(u"info"_s, info);
    document.insert(u"host"_s, u"placeHolder"_s);
    document.insert(u"schemes"_s, schemes);
    document.insert(u"paths"_s, paths);
    return HttpReply::json(200, document.toJson());
}

HttpReply AgentServer::agentInfo() const
{
    OrderedJson info = OrderedJson::object();
    info.insert(u"name"_s, u"webjobs-agent"_s);
    info.insert(u"version"_s, QStringLiteral(WEBJOBS_VERSION));
    info.insert(u"instance"_s, m_host->instance());
    info.insert(u"events_cursor"_s, m_feed->cursor());
    // Several instances on one database: who they are and whether the database answers.
    if (const ClusterMember* cluster = m_host->cluster()) {
        const Instant now = Instant::now();
        const auto timeout = m_host->context().options.instanceTimeout;
        OrderedJson instances = OrderedJson::array();
        for (const InstanceRecord& instance : cluster->instances()) {
            OrderedJson item = OrderedJson::object();
            item.insert(u"instance"_s, instance.instance);
            item.insert(u"host_name"_s, instance.hostName);
            item.insert(u"pid"_s, instance.pid);
            item.insert(u"started"_s, instance.started.toString());
            item.insert(u"heartbeat"_s, instance.heartbeat.toString());
            // This instance answers, whatever its last recorded heartbeat (the database may be away).
            const bool live = instance.instance == m_host->instance()
                || (now - instance.heartbeat).toMilliseconds() < timeout.count();
            item.insert(u"state"_s, live ? u"live"_s : u"unresponsive"_s);
            instances.append(item);
        }
        info.insert(u"instances"_s, instances);
        const QString problem = cluster->databaseProblem();
        info.insert(u"database"_s, problem.isEmpty() ? u"connected"_s : problem);
    }
    return HttpReply::json(200, info.toJson());
}

HttpReply AgentServer::listHooks() const
{
    OrderedJson list = OrderedJson::array();
    for (const WebHooks::Hook& hook : m_hooks->hooks())
        list.append(WebHooks::toJson(hook));
    return HttpReply::json(200, list.toJson());
}

HttpReply AgentServer::subscribeHook(const QByteArray& body)
{
    QString problem;
    const std::optional<OrderedJson> json = OrderedJson::parse(body, &problem);
    if (!json || !json->isObject())
        return HttpReply::text(400, tr("The body is not a web hook: send {\"url\": …, \"event\": …}. %1").arg(problem));
    WebHooks::Hook hook;
    QString error;
    switch (m_hooks->subscribe(json->value(u"event"_s).toString(), json->value(u"url"_s).toString(),
        json->value(u"insecure_ssl"_s).toBool(), &hook, &error)) {
    case WebHooks::SubscribeResult::Created:
    case WebHooks::SubscribeResult::Existing:
        return HttpReply::json(201, WebHooks::toJson(hook).toJson());
    case WebHooks::SubscribeResult::Conflict:
        return HttpReply::empty(409);
    case WebHooks::SubscribeResult::Unavailable:
        return HttpReply::text(503, error);
    case WebHooks::SubscribeResult::Invalid:
        break;
    }
    return HttpReply::text(400, error);
}

HttpReply AgentServer::getHook(const ApiRoute& route) const
{
    const std::optional<WebHooks::Hook> hook = m_hooks->hook(route.id());
    if (!hook)
        return HttpReply::empty(404);
    return HttpReply::json(200, WebHooks::toJson(*hook).toJson());
}

void AgentServer::upload(
    const QHttpServerRequest& request, const ApiRoute& route, const JobUrls& urls, const Reply& reply)
{
    const QString fileName = ContentDisposition::fileName(request.value("Content-Disposition"));
    if (fileName.isEmpty()) {
        reply(HttpReply::text(400, u"Missing Content-Disposition header."_s));
        return;
    }
    const JobType type = *route.type();
    const QString name = route.jobName();
    const bool isZip = mediaTypeOf(request.value("Content-Type")) == "application/zip";
    const QByteArray body = request.body();
    const QString folder = m_uploadFolder;
    const std::pair<int, QString> key {typeIndex(type), name};

    auto task = [this, key, type, name, fileName, isZip, body, folder, urls, reply] {
        auto* watcher = new QFutureWatcher<QString>(this);
        connect(watcher, &QFutureWatcher<QString>::finished, this,
            [this, watcher, key, type, name, fileName, isZip, urls, reply] {
                watcher->deleteLater();
                const QString path = watcher->result();
                const auto done = [this, key, path, reply](const HttpReply& answer) {
                    if (!path.isEmpty())
                        QFile::remove(path);
                    reply(withoutPaths(answer));
                    startNextUpload(key);
                };
                if (path.isEmpty()) {
                    // The folder is the administrator's to know, not the client's.
                    qWarning("webjobs-agent: cannot store an upload in %s", qUtf8Printable(m_uploadFolder));
                    done(HttpReply::text(500,
                        tr("The agent cannot store the upload: its administrator should check the free space and "
                           "permissions of its data folder.")));
                    return;
                }
                ImportOperation* operation = m_host->addJob(type, name, path, fileName, isZip);
                connect(operation, &ImportOperation::finished, this,
                    [this, type, name, urls, done](const ServiceError& error, const Job&) {
                        switch (error.code) {
                        case ServiceError::Code::None:
                            if (const std::optional<Job> job = m_host->job(type, name, urls))
                                done(HttpReply::json(200, job->toJson()));
                            else
                                done(HttpReply::empty(404));
                            return;
                        case ServiceError::Code::BadRequest:
                        case ServiceError::Code::NotFound:
                            done(HttpReply::text(400, error.message));
                            return;
                        case ServiceError::Code::Conflict:
                            done(HttpReply::text(409, error.message));
                            return;
                        case ServiceError::Code::Stopped:
                            done(HttpReply::text(503, error.message));
                            return;
                        case ServiceError::Code::Internal:
                            done(HttpReply::text(500, error.message));
                            return;
                        }
                    });
            });
        watcher->setFuture(QtConcurrent::run([folder, body]() -> QString {
            QDir().mkpath(folder);
            QTemporaryFile file(folder + u"/upload-XXXXXX"_s);
            file.setAutoRemove(false);
            if (!file.open())
                return {};
            if (file.write(body) != body.size() || !file.flush()) {
                file.remove();
                return {};
            }
            return file.fileName();
        }));
    };
    auto& queue = m_uploads[key];
    queue.push_back(std::move(task));
    if (queue.size() == 1)
        queue.front()();
}

void AgentServer::startNextUpload(const std::pair<int, QString>& key)
{
    auto it = m_uploads.find(key);
    if (it == m_uploads.end())
        return;
    it->second.pop_front();
    if (it->second.empty()) {
        m_uploads.erase(it);
        return;
    }
    it->second.front()();
}

void AgentServer::publishRun(const QString& event, const JobRun& run)
{
    if (m_hooks->hooks().isEmpty())
        return;
    // Several instances: a run of another one fires the hooks of the instance that ran it.
    if (const ClusterMember* cluster = m_host->cluster(); cluster && cluster->isRelaying())
        return;
    JobRun filled = run;
    const JobUrls urls(publicBaseUrl());
    urls.fill(filled, run.jobName(), m_host->hasRunLog(run));
    m_hooks->publish(event, WebHooks::withoutNulls(filled.toOrderedJson()).toJson());
}

void AgentServer::publishCrashLoop(const QString& name)
{
    if (m_hooks->hooks().isEmpty())
        return;
    const std::optional<Job> job = m_host->job(JobType::Continuous, name, JobUrls(publicBaseUrl()));
    if (job)
        m_hooks->publish(QString::fromLatin1(WebHooks::ContinuousJobCrashLoop),
            WebHooks::withoutNulls(job->toOrderedJson()).toJson());
}

} // namespace WebJobs
