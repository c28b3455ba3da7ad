#pragma once

// The daemon's command line (`webjobs-agent [--data DIR] [--listen HOST:PORT] [--user NAME
// --password-file FILE] [--tls-cert FILE --tls-key FILE] …`), read and checked into an
// AgentConfig. Passwords come from a file or WEBJOBS_AGENT_PASSWORD, never from the command
// line; without them the agent serves loopback addresses only. A password file that other
// users may read is refused, as ssh refuses such a key.

#include <QCoreApplication>
#include <QHostAddress>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

#include <chrono>
#include <optional>

class QCommandLineParser;

namespace WebJobs {

struct AgentConfig
{
    QString dataRoot;
    QString databaseUrl;
    QHostAddress address = QHostAddress::LocalHost;
    quint16 port = 8181;
    QString user;
    QString password;
    QString tlsCertificate;
    QString tlsKey;
    QString publicUrl;
    std::optional<qint64> maxUploadBytes;
    std::chrono::seconds shutdownGrace {30};
    // Network limits (docs/security.md); unset: AgentServerOptions' defaults.
    std::optional<int> maxConnections;
    std::optional<int> maxConnectionsPerClient;
    std::optional<std::chrono::seconds> requestTimeout;
    std::optional<std::chrono::seconds> idleTimeout;
    bool allowLinkLocalHooks = false;
};

class AgentCommandLine
{
    Q_DECLARE_TR_FUNCTIONS(AgentCommandLine)

public:
    // Adds the daemon's options to `parser`.
    static void addOptions(QCommandLineParser& parser);

    // Reads the options `parser` has processed. On failure returns std::nullopt with a
    // sentence in `error` (exit code 2).
    static std::optional<AgentConfig> read(
        const QCommandLineParser& parser, const QProcessEnvironment& environment, QString* error);

    // "127.0.0.1:8181", "[::1]:8181", "localhost:80", "*:8181", ":8181", "8181".
    static bool parseListen(const QString& text, QHostAddress* address, quint16* port);
    // "1048576", "512K", "100M", "2G".
    static std::optional<qint64> parseSize(const QString& text);
};

} // namespace WebJobs
