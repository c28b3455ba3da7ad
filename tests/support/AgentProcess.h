#pragma once

// Test helper: the real webjobs-agent executable (WEBJOBS_AGENT_PATH) in a temporary data
// folder on a free loopback port, and HTTP requests to it over QNetworkAccessManager or a raw
// socket (for chunked bodies, Expect and refusals before a body is sent).

#include "core/util/OrderedJson.h"

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QNetworkAccessManager>
#include <QNetworkRequest>
#include <QPair>
#include <QProcess>
#include <QString>
#include <QTemporaryDir>

#include <memory>
#include <optional>

namespace WebJobs::Test {

struct HttpResponse
{
    int status = 0;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    QString error;

    QByteArray header(const QByteArray& name) const;
    bool hasHeader(const QByteArray& name) const;
    // The body parsed as JSON (a null leaf when it is not JSON).
    OrderedJson json() const;
    QString text() const { return QString::fromUtf8(body); }
};

class AgentProcess
{
public:
    static constexpr char User[] = "admin";
    static constexpr char Password[] = "s3cr\xc3\xa9t:1";

    struct Options
    {
        bool authentication = true;
        QStringList arguments;
        QMap<QString, QString> environment;
        // Empty: a new temporary folder.
        QString dataRoot;
    };

    AgentProcess();
    ~AgentProcess();

    // Starts the agent and waits for its "listening on" line. False with the reason in
    // failure() when it exits or says nothing within 30 s.
    bool start(const Options& options);
    bool start() { return start(Options {}); }
    QString failure() const { return m_failure; }

    // SIGTERM, then waits for the exit; the exit code, or -1 when it did not exit in time.
    int terminate(int timeoutMs = 60000);
    // SIGKILL, then waits.
    void kill();
    bool isRunning() const;
    qint64 pid() const;
    QByteArray standardError();

    QString baseUrl() const { return m_baseUrl; }
    quint16 port() const { return m_port; }
    QString dataRoot() const { return m_dataRoot; }
    QString instance() const { return m_instance; }
    // The marker of this agent's job processes (ProcessReaper::markerFor).
    QString marker() const;

    // A request to `path` (absolute path and query, encoded), with the agent's credentials
    // unless `authorization` says otherwise (empty string: none); a body that looks like JSON
    // ({…}, […], null) goes as application/json unless `headers` give a Content-Type.
    HttpResponse request(const QByteArray& method, const QString& path, const QByteArray& body = {},
        const QList<QPair<QByteArray, QByteArray>>& headers = {},
        const std::optional<QByteArray>& authorization = std::nullopt);
    HttpResponse get(const QString& path) { return request("GET", path); }
    // Raw HTTP text to the agent's port; reads the answer (Content-Length or until close).
    HttpResponse raw(const QByteArray& text, int timeoutMs = 30000);

    // PUT of a package; `contentType` empty means none.
    HttpResponse upload(const QString& path, const QByteArray& body, const QString& fileName,
        const QByteArray& contentType = "application/octet-stream");

    // Polls `path` until `predicate` accepts the answer or `timeoutMs` passes; the last answer.
    HttpResponse waitFor(
        const QString& path, const std::function<bool(const HttpResponse&)>& predicate, int timeoutMs = 30000);

    QByteArray authorization() const;
    QNetworkAccessManager* network() { return &m_network; }
    // A request to the agent with its credentials, for the caller to send.
    QNetworkRequest networkRequest(const QString& path) const;

private:
    std::unique_ptr<QTemporaryDir> m_temporary;
    std::unique_ptr<QProcess> m_process;
    QNetworkAccessManager m_network;
    QString m_failure;
    QString m_baseUrl;
    quint16 m_port = 0;
    QString m_dataRoot;
    QString m_instance;
    bool m_authentication = true;
};

// Reads one HTTP/1.1 response from `bytes`: std::nullopt while incomplete.
std::optional<HttpResponse> parseResponse(const QByteArray& bytes, bool closed);

// A shell script (Unix line ends).
QByteArray script(const QByteArray& body);

} // namespace WebJobs::Test
