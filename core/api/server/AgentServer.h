#pragma once

// The webjobs-agent's HTTP server: Kudu's WebJobs REST API over a JobHost, so that Kudu's own
// clients, the Azure Pipelines Kudu client, curl scripts and our console work against it
// unchanged (contract: docs/kudu-webjobs-api.md §1, §2, §3, §7, §9; our additions:
// docs/agent-api.md).
//
//   clients ──HTTP(S)── GatedServer (TCP or TLS) ── ConnectionTable (connections per client)
//                              │                    RequestGate (malformed heads, timeouts, and
//                              │                    inspectHead(): Host, Origin, credentials,
//                              │                    throttling, sizes, media types, all before
//                              │                    a body is read)
//                          QHttpServer ── AgentServer::handle() ── ApiRoute (four URL forms)
//                                              ├── JobHost (jobs, runs, settings, uploads)
//                                              ├── JobListCache (the lists' JSON between changes)
//                                              ├── VfsFiles (/vfs, /api/vfs: logs, Range; on
//                                              │   FileSender's threads, answered when done)
//                                              ├── ChangeFeed (/api/webjobs/events, …/changes)
//                                              └── WebHooks (/api/hooks; TriggeredJobFinished…)
//
// Every request goes through one handler (QHttpServer's missing handler) so that all routes
// share authentication, the four forms and Kudu's error shapes. URLs in answers are built from
// the request's scheme and authority, in the current form (JobUrls); web hook payloads, made
// outside any request, use AgentServerOptions::publicBaseUrl.
//
// Uploads: the body goes to a temporary file under <data>/temp/uploads off the thread, then
// JobHost::addJob() imports it; the answer is sent when the import finishes (200 with the job,
// 400 with the engine's sentence, 503 while the host stops, 500 when the disk fails). Uploads
// of the same job are queued one after the other, as the importer requires.
//
// What the server promises on a hostile network is in docs/security.md.
//
// Threading: lives in the host's thread and calls the JobHost directly. Ownership: the host
// must outlive the server.

#include "core/api/server/AuthThrottle.h"
#include "core/api/server/HttpReply.h"
#include "core/api/server/RequestGate.h"
#include "core/model/JobType.h"
#include "core/model/JobUrls.h"
#include "core/util/BasicAuth.h"

#include <QCoreApplication>
#include <QHostAddress>
#include <QObject>
#include <QSslConfiguration>

#include <chrono>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>

class QHttpServer;
class QHttpServerRequest;
class QHttpServerResponder;
class QTcpServer;

class QNetworkAccessManager;

namespace WebJobs {

class ApiRoute;
class ChangeFeed;
class ConnectionTable;
class JobHost;
class JobListCache;
class WebHooks;

struct AgentServerOptions
{
    QHostAddress address = QHostAddress::LocalHost;
    quint16 port = 8181; // 0: any free port (port() tells which)
    // Disabled: no authentication, loopback addresses only.
    BasicAuth auth;
    // Set: HTTPS only.
    std::optional<QSslConfiguration> tls;
    // Uploads (PUT of a job) above this are refused with 413; other bodies above
    // maxRequestBytes.
    qint64 maxUploadBytes = 100 * 1024 * 1024;
    qint64 maxRequestBytes = 1024 * 1024;
    // scheme://host[:port] for URLs made outside a request (web hook payloads); empty: the
    // listening address.
    QString publicBaseUrl;
    std::chrono::milliseconds heartbeat {std::chrono::seconds(15)};
    int eventBacklog = 1000;
    std::chrono::milliseconds longPollDefault {std::chrono::seconds(30)};
    std::chrono::milliseconds longPollMaximum {std::chrono::seconds(120)};
    // Cached job JSON is rebuilt at least this often (JobListCache).
    std::chrono::milliseconds listCacheMaxAge {std::chrono::seconds(30)};
    // Kudu's API alone: our extensions (events, long-poll, /api/agent, abort, history paging)
    // answer as a Kudu site does, so that clients' fallbacks can be tried against a real server.
    bool kuduOnly = false;
    // Open connections per client (an IPv4 address or an IPv6 /64) and in all; the total is
    // also kept below the process's file descriptor limit (ConnectionTable).
    int maxConnectionsPerClient = 32;
    int maxConnections = 1024;
    // Head limits and timeouts of every connection (RequestGate).
    GateLimits gate;
    // Event streams one client may hold, and the bytes a stream may hold unsent before its
    // client, who does not read, is dropped.
    int maxStreamsPerClient = 8;
    qint64 streamBufferBytes = 1024 * 1024;
    // Largest answer of a continuous job relayed by the passthrough route.
    qint64 maxPassthroughBytes = 100 * 1024 * 1024;
    // Wrong credentials before a client is slowed down (AuthThrottle).
    AuthThrottle::Policy authThrottle;
    // Web hooks may point at link-local addresses (169.254.0.0/16, fe80::/10: where clouds
    // serve instance metadata and credentials).
    bool allowLinkLocalHooks = false;
};

class AgentServer : public QObject
{
    Q_OBJECT

public:
    AgentServer(JobHost* host, AgentServerOptions options, QObject* parent = nullptr);
    ~AgentServer() override;

    // Starts listening. False with a sentence when the address is refused (not loopback
    // without authentication) or cannot be bound.
    bool listen(QString* error);
    // Stops accepting connections and ends the event streams; requests in flight still get
    // their answers.
    void close();

    quint16 port() const { return m_port; }
    // scheme://host:port of the listening address (for people and logs).
    QString listenUrl() const;
    // The base of URLs made outside a request.
    QString publicBaseUrl() const;

    ChangeFeed* changeFeed() const { return m_feed; }
    WebHooks* webHooks() const { return m_hooks; }
    const AgentServerOptions& options() const { return m_options; }

    static bool isLoopback(const QHostAddress& address);

private:
    using Reply = std::function<void(const HttpReply&)>;

    void handle(const QHttpServerRequest& request, QHttpServerResponder&& responder);
    bool admit(QTcpSocket* socket);
    GateVerdict inspectHead(const RequestHead& head, const QHostAddress& peer);
    bool isAllowedHost(const QByteArray& host) const;
    bool isOwnOrigin(const QByteArray& origin, const QByteArray& host) const;
    qint64 bodyLimit(const QByteArray& method, const ApiRoute& route) const;
    HttpReply tooLarge(qint64 limit) const;
    // `reply` with the server's own folders (data, temporary, home) taken out of an error body.
    HttpReply withoutPaths(const HttpReply& reply) const;

    HttpReply listJobs(const QHttpServerRequest& request, const ApiRoute& route, const JobUrls& urls);
    HttpReply getJob(const QHttpServerRequest& request, const ApiRoute& route, const JobUrls& urls) const;
    HttpReply deleteJob(const ApiRoute& route);
    HttpReply runJob(const QHttpServerRequest& request, const ApiRoute& route, const JobUrls& urls);
    HttpReply history(const QHttpServerRequest& request, const ApiRoute& route, const JobUrls& urls) const;
    HttpReply runItem(const QHttpServerRequest& request, const ApiRoute& route, const JobUrls& urls) const;
    HttpReply abortRun(const QHttpServerRequest& request, const ApiRoute& route, const JobUrls& urls);
    HttpReply getSettings(const ApiRoute& route) const;
    HttpReply putSettings(const ApiRoute& route, const QByteArray& body);
    HttpReply putArmSettings(const ApiRoute& route, const QByteArray& body);
    HttpReply startStop(const ApiRoute& route);
    // Kudu's passthrough: the request, less its Host and Authorization headers, to the
    // continuous job's WEBJOBS_PORT on loopback; its answer streamed back (PassthroughRelay).
    void passthrough(const QHttpServerRequest& request, const ApiRoute& route, QHttpServerResponder&& responder);
    // GET or HEAD of the VFS, answered once VfsFiles has read the file system off this thread.
    void serveFile(
        const QString& path, const QUrl& url, const QHttpServerRequest& request, QHttpServerResponder&& responder);
    HttpReply swagger() const;
    HttpReply agentInfo() const;
    HttpReply listHooks() const;
    HttpReply subscribeHook(const QByteArray& body);
    HttpReply getHook(const ApiRoute& route) const;
    void upload(const QHttpServerRequest& request, const ApiRoute& route, const JobUrls& urls, const Reply& reply);
    void startNextUpload(const std::pair<int, QString>& key);

    void publishRun(const QString& event, const class JobRun& run);
    void publishCrashLoop(const QString& name);

    JobHost* m_host;
    AgentServerOptions m_options;
    QHttpServer* m_http;
    QTcpServer* m_listener = nullptr;
    ConnectionTable* m_connections = nullptr;
    quint16 m_port = 0;
    ChangeFeed* m_feed;
    WebHooks* m_hooks;
    QNetworkAccessManager* m_passthrough = nullptr;
    JobListCache* m_lists;
    QString m_uploadFolder;
    // Uploads waiting per job (type index, name); the front one is running.
    std::map<std::pair<int, QString>, std::deque<std::function<void()>>> m_uploads;
    AuthThrottle m_throttle;
};

} // namespace WebJobs
