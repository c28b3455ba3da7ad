#pragma once

// A client of the WebJobs REST API (our agent, or any Kudu site) over QNetworkAccessManager:
// what a RemoteJobService builds on. Every call returns at once with a QFuture that finishes
// in the client's thread when the answer has come; nothing blocks.
//
//     RemoteJobService ── AgentClient ── QNetworkAccessManager ── HTTP(S) ── webjobs-agent / Kudu
//
// Answers map to ServiceError as the engine reports them: 404 NotFound, 400 and 413 BadRequest,
// 409 Conflict (Stopped for Kudu's "stopped" sentence), anything else, 401 and network failures
// Internal, each with a sentence: the server's own text when it sent one (Kudu's text/plain
// bodies), else ours; a request that got no answer says why (refused, unknown host, no answer
// within the transfer timeout, certificate). Credentials are sent with every request (HTTP Basic).
//
// TLS: a certificate the system does not trust fails the request and is reported by
// sslErrorsOccurred() with the certificate; once the caller trusts it (trustCertificate()),
// requests to a server presenting exactly that certificate go through despite those errors.
//
// followChanges() keeps a server-sent event stream open (/api/webjobs/events, our agent only),
// reconnects after a drop with Last-Event-ID, and reports each event; resetNeeded() says that
// events were missed and everything must be reloaded.
//
// Lives in one thread (the one that created it); its futures finish there.

#include "core/model/Instant.h"
#include "core/model/Job.h"
#include "core/model/JobRun.h"
#include "core/model/JobSettings.h"
#include "core/model/ServiceError.h"

#include <QFuture>
#include <QNetworkReply>
#include <QObject>
#include <QPointer>
#include <QSslCertificate>
#include <QSslError>
#include <QUrl>

#include <functional>
#include <optional>

class QNetworkAccessManager;
class QNetworkRequest;
class QTimer;

namespace WebJobs {

template <typename T>
struct ClientResult
{
    T value {};
    ServiceError error;
    int status = 0; // HTTP status, 0 when no answer came
    QByteArray etag;
    qint64 size = -1; // readRange(): the whole file's size when known

    bool ok() const { return error.ok(); }
};

struct ClientEvent
{
    QString id;
    QString kind; // jobAdded, jobRemoved, jobChanged, runStarted, runFinished
    JobType type = JobType::Triggered;
    QString name;
    std::optional<JobRun> run;
};

class AgentClient : public QObject
{
    Q_OBJECT

public:
    // `base` is scheme://host[:port] (a path prefix is kept: Kudu sites are served at the root).
    AgentClient(const QUrl& base, const QString& user, const QString& password, QObject* parent = nullptr);
    ~AgentClient() override;

    QUrl base() const { return m_base; }
    // Accept any certificate (tests only; use trustCertificate() for a certificate a person vouched for).
    void setIgnoreSslErrors(bool ignore) { m_ignoreSslErrors = ignore; }
    // Accepts the certificate errors of a server presenting `certificate` (a self-signed agent
    // the user vouched for), for this client's life.
    void trustCertificate(const QSslCertificate& certificate);
    QList<QSslCertificate> trustedCertificates() const { return m_trusted; }
    // A request that gets no byte for this long fails (0: never). The event stream, quiet
    // between heartbeats, uses at least EventStreamTimeout.
    void setTransferTimeout(int milliseconds) { m_transferTimeout = milliseconds; }
    int transferTimeout() const { return m_transferTimeout; }
    static constexpr int DefaultTransferTimeout = 30000;
    static constexpr int EventStreamTimeout = 45000;

    // One instance of a site that runs several agents on one PostgreSQL database, as the
    // answering agent last saw it in the database.
    struct Instance
    {
        QString instance; // its short id
        QString hostName;
        qint64 pid = 0;
        Instant started;
        Instant heartbeat;
        // The agent's "state": "live"; anything else ("unresponsive") is not.
        bool live = false;

        friend bool operator==(const Instance&, const Instance&) = default;
    };
    // Our agent's GET /api/agent: who answers and the event cursor to follow from. A server
    // without our extensions (Kudu) answers 404: `value` stays std::nullopt, no error.
    struct AgentInfo
    {
        QString name;
        QString version;
        QString instance;
        QString eventsCursor;
        // Only an agent in a cluster (several instances on one database) says these: the
        // instances registered, and "connected" or the sentence that says why the database
        // cannot be reached. A single agent leaves `instances` empty and `database` empty.
        bool clustered = false;
        QList<Instance> instances;
        QString database;
    };
    QFuture<ClientResult<std::optional<AgentInfo>>> agentInfo();
    // The body of GET /api/agent read as our agent's; std::nullopt unless it is (another server
    // may answer any path with a page). Tolerant: missing or malformed cluster fields are left out.
    static std::optional<AgentInfo> parseAgentInfo(const QByteArray& body);

    // Jobs of one type or all; with `ifNoneMatch` a 304 answers with `status` 304 and no jobs.
    QFuture<ClientResult<QList<Job>>> jobs(std::optional<JobType> type = {}, const QByteArray& ifNoneMatch = {});
    QFuture<ClientResult<std::optional<Job>>> job(JobType type, const QString& name);
    // Uploads the file at `sourcePath` (streamed from disk) as job `name`; `progress` gets the
    // bytes sent and the total. `abort`, when given, receives a function that ends the upload at
    // once (a no-op once it has ended); the future then answers with status 0.
    QFuture<ClientResult<Job>> upload(JobType type, const QString& name, const QString& sourcePath, bool isZip,
        const std::function<void(qint64 sent, qint64 total)>& progress = {}, std::function<void()>* abort = nullptr);
    QFuture<ClientResult<bool>> deleteJob(JobType type, const QString& name);
    // The value is the id of the run started.
    QFuture<ClientResult<QString>> triggerRun(const QString& name, const QString& arguments = {});
    QFuture<ClientResult<bool>> abortRun(const QString& name, const QString& runId, const QString& reason = {});
    QFuture<ClientResult<bool>> startContinuous(const QString& name);
    QFuture<ClientResult<bool>> stopContinuous(const QString& name);
    QFuture<ClientResult<JobSettings>> settings(JobType type, const QString& name);
    QFuture<ClientResult<bool>> setSettings(JobType type, const QString& name, const JobSettings& settings);

    struct History
    {
        QList<JobRun> runs;
        qint64 total = 0; // our agent's X-Total-Count; the number of runs returned otherwise
    };
    // A page of runs, newest first (`limit` 0: all, as Kudu answers).
    QFuture<ClientResult<History>> history(const QString& name, int offset = 0, int limit = 0);
    QFuture<ClientResult<std::optional<JobRun>>> run(const QString& name, const QString& runId);
    // Up to `maxBytes` of a file named by its absolute VFS URL (output_url, log_url) from
    // `offset`; empty past its end. `size` is the whole file's, when the answer says it.
    QFuture<ClientResult<QByteArray>> readRange(const QUrl& url, qint64 offset, qint64 maxBytes);

    // Opens (and keeps open) the event stream, from the event after `since` when given (else
    // after the last event seen, else from now).
    void followChanges(const QString& since = {});
    void stopFollowing();
    bool isFollowing() const { return m_stream != nullptr; }

    // The sentence of an answer that went wrong (`status` 0: none came).
    static ServiceError errorOf(QNetworkReply* reply, int status, const QByteArray& body);

Q_SIGNALS:
    // A server's certificate is not trusted; the request failed. `certificate` is the one it
    // presented.
    void sslErrorsOccurred(const QList<QSslError>& errors, const QSslCertificate& certificate);
    void eventReceived(const WebJobs::ClientEvent& event);
    // Events were missed (the agent restarted, or the client was away too long).
    void resetNeeded();
    void followingChanged(bool connected);

private:
    // GET `request`: on 200 `parse` fills the result from the body; 404 answers an empty value
    // without an error (no such job or run, or no history yet); anything else is an error.
    template <typename T, typename Parse>
    QFuture<ClientResult<T>> getUnlessMissing(const QNetworkRequest& request, Parse parse);
    using Handler = std::function<void(QNetworkReply* reply, int status, const QByteArray& body)>;

    QNetworkRequest request(const QString& path) const;
    QNetworkRequest requestFor(const QUrl& url) const;
    void watch(QNetworkReply* reply, const Handler& handler);
    void handleSslErrors(QNetworkReply* reply, const QList<QSslError>& errors);
    QFuture<ClientResult<bool>> action(const QByteArray& verb, const QString& path, const QByteArray& body = {},
        std::initializer_list<int> accepted = {200});
    static QString typePath(JobType type);
    void readStream();
    void reconnectLater();

    QUrl m_base;
    QByteArray m_authorization;
    QNetworkAccessManager* m_network;
    bool m_ignoreSslErrors = false;
    QList<QSslCertificate> m_trusted;
    int m_transferTimeout = DefaultTransferTimeout;
    QPointer<QNetworkReply> m_stream;
    QByteArray m_streamBuffer;
    QString m_lastEventId;
    QTimer* m_reconnect;
    bool m_following = false;
};

} // namespace WebJobs

Q_DECLARE_METATYPE(WebJobs::ClientEvent)
