#include "app/agent/AgentCommandLine.h"

#include <QCommandLineParser>
#include <QFile>
#include <QStandardPaths>

#include <sys/stat.h>

using namespace Qt::StringLiterals;

namespace WebJobs {

void AgentCommandLine::addOptions(QCommandLineParser& parser)
{
    parser.addOption({u"data"_s,
        tr("Data folder: job packages, runs, logs and the database (default: %1).")
            .arg(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)),
        tr("folder")});
    parser.addOption(
        {u"listen"_s, tr("Address and port to serve the API on (default: 127.0.0.1:8181)."), tr("host:port")});
    parser.addOption({u"user"_s, tr("User name of HTTP Basic authentication (or WEBJOBS_AGENT_USER)."), tr("name")});
    parser.addOption({u"password-file"_s,
        tr("File whose first line is the password (or WEBJOBS_AGENT_PASSWORD). Without a user and a "
           "password the agent serves loopback addresses only."),
        tr("file")});
    parser.addOption({u"tls-cert"_s, tr("PEM certificate (chain) to serve HTTPS with."), tr("file")});
    parser.addOption({u"tls-key"_s, tr("PEM private key of the certificate."), tr("file")});
    parser.addOption({u"public-url"_s,
        tr("Base URL of the agent as clients reach it, for URLs sent in web hooks "
           "(default: the listening address)."),
        tr("url")});
    parser.addOption({u"max-upload-size"_s,
        tr("Largest job package accepted, in bytes or with K, M, G (default: 100M)."), tr("size")});
    parser.addOption({u"database"_s,
        tr("Database: an SQLite file or a postgresql:// URL (default: webjobs.db in the data folder)."), tr("url")});
    parser.addOption({u"shutdown-grace"_s,
        tr("Seconds given to running jobs to stop on SIGTERM before they are killed (default: 30)."), tr("seconds")});
    parser.addOption({u"max-connections"_s,
        tr("Connections served at once, from all clients (default: 1024, and fewer than the process may open "
           "files)."),
        tr("count")});
    parser.addOption({u"max-connections-per-client"_s,
        tr("Connections served at once from one address (an IPv6 /64 counts as one); idle ones are closed to "
           "make room (default: 32)."),
        tr("count")});
    parser.addOption({u"request-timeout"_s,
        tr("Seconds a TLS handshake or a request head may take to arrive, and a request body may stall (default: "
           "20)."),
        tr("seconds")});
    parser.addOption({u"idle-timeout"_s, tr("Seconds an idle connection is kept open between requests (default: 30)."),
        tr("seconds")});
    parser.addOption({u"allow-link-local-hooks"_s,
        tr("Let web hooks call link-local addresses (169.254.0.0/16, fe80::/10), where cloud machines serve "
           "their metadata and credentials.")});
    QCommandLineOption password(u"password"_s, QString(), u"password"_s);
    password.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOption(password);
}

bool AgentCommandLine::parseListen(const QString& text, QHostAddress* address, quint16* port)
{
    QString host;
    QString portText;
    if (text.startsWith(u'[')) {
        const qsizetype close = text.indexOf(u']');
        if (close < 0 || close + 1 >= text.size() || text.at(close + 1) != u':')
            return false;
        host = text.mid(1, close - 1);
        portText = text.mid(close + 2);
    } else if (const qsizetype colon = text.lastIndexOf(u':'); colon >= 0) {
        host = text.left(colon);
        portText = text.mid(colon + 1);
    } else {
        portText = text;
    }
    bool ok = false;
    const uint number = portText.toUInt(&ok);
    if (!ok || number > 65535)
        return false;
    *port = static_cast<quint16>(number);
    if (host.isEmpty() || host == u"localhost") {
        *address = QHostAddress::LocalHost;
    } else if (host == u"*") {
        *address = QHostAddress::Any;
    } else {
        QHostAddress parsed;
        if (!parsed.setAddress(host))
            return false;
        *address = parsed;
    }
    return true;
}

std::optional<qint64> AgentCommandLine::parseSize(const QString& text)
{
    QString number = text.trimmed();
    qint64 factor = 1;
    if (!number.isEmpty()) {
        const QChar unit = number.back().toUpper();
        if (unit == u'K' || unit == u'M' || unit == u'G') {
            factor = unit == u'K' ? 1024 : unit == u'M' ? 1024 * 1024 : 1024 * 1024 * 1024;
            number.chop(1);
        }
    }
    bool ok = false;
    const qint64 value = number.toLongLong(&ok);
    if (!ok || value <= 0)
        return std::nullopt;
    return value * factor;
}

std::optional<AgentConfig> AgentCommandLine::read(
    const QCommandLineParser& parser, const QProcessEnvironment& environment, QString* error)
{
    AgentConfig config;
    if (parser.isSet(u"password"_s)) {
        *error = tr("Passwords are never taken from the command line, where other users can read them: put it in a "
                    "file given with --password-file, or in WEBJOBS_AGENT_PASSWORD.");
        return std::nullopt;
    }
    if (!parser.positionalArguments().isEmpty()) {
        *error = tr("Unknown command \"%1\": see --help.").arg(parser.positionalArguments().constFirst());
        return std::nullopt;
    }
    config.dataRoot = parser.isSet(u"data"_s) ? parser.value(u"data"_s)
                                              : QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    config.databaseUrl = parser.value(u"database"_s);
    if (parser.isSet(u"listen"_s) && !parseListen(parser.value(u"listen"_s), &config.address, &config.port)) {
        *error = tr("\"%1\" is not an address to listen on: give host:port with an IP address, such as "
                    "127.0.0.1:8181, [::1]:8181 or *:8181.")
                     .arg(parser.value(u"listen"_s));
        return std::nullopt;
    }

    config.user = parser.isSet(u"user"_s) ? parser.value(u"user"_s) : environment.value(u"WEBJOBS_AGENT_USER"_s);
    if (parser.isSet(u"password-file"_s)) {
        QFile file(parser.value(u"password-file"_s));
        if (!file.open(QIODevice::ReadOnly)) {
            *error = tr("Cannot read the password file %1: %2.").arg(file.fileName(), file.errorString());
            return std::nullopt;
        }
        struct stat status = {};
        if (::fstat(file.handle(), &status) == 0 && (status.st_mode & 077) != 0) {
            *error = tr("The password file %1 can be read or changed by other users (mode %2): the agent refuses "
                        "to use it. Run: chmod 600 %1")
                         .arg(file.fileName())
                         .arg(QString::number(status.st_mode & 0777, 8).rightJustified(4, u'0'));
            return std::nullopt;
        }
        QByteArray line = file.readLine();
        while (line.endsWith('\n') || line.endsWith('\r'))
            line.chop(1);
        config.password = QString::fromUtf8(line);
        if (config.password.isEmpty()) {
            *error = tr("The password file %1 is empty: its first line is the password.").arg(file.fileName());
            return std::nullopt;
        }
    } else {
        config.password = environment.value(u"WEBJOBS_AGENT_PASSWORD"_s);
    }
    if (!config.user.isEmpty() && config.password.isEmpty()) {
        *error
            = tr("The user %1 has no password: give --password-file or set WEBJOBS_AGENT_PASSWORD.").arg(config.user);
        return std::nullopt;
    }
    if (config.user.isEmpty() && !config.password.isEmpty()) {
        *error = tr("A password was given without a user name: give --user (or WEBJOBS_AGENT_USER).");
        return std::nullopt;
    }
    if (config.user.contains(u':')) {
        *error = tr("The user name cannot contain ':' (HTTP Basic authentication separates it from the password "
                    "with one).");
        return std::nullopt;
    }
    if (config.user.isEmpty() && !config.address.isLoopback()) {
        *error = tr("Refusing to listen on %1 without authentication: give --user and a password (--password-file "
                    "or WEBJOBS_AGENT_PASSWORD), or listen on a loopback address such as 127.0.0.1.")
                     .arg(config.address.toString());
        return std::nullopt;
    }

    config.tlsCertificate = parser.value(u"tls-cert"_s);
    config.tlsKey = parser.value(u"tls-key"_s);
    if (config.tlsCertificate.isEmpty() != config.tlsKey.isEmpty()) {
        *error = tr("HTTPS needs both --tls-cert and --tls-key.");
        return std::nullopt;
    }
    config.publicUrl = parser.value(u"public-url"_s);
    while (config.publicUrl.endsWith(u'/'))
        config.publicUrl.chop(1);
    if (parser.isSet(u"max-upload-size"_s)) {
        config.maxUploadBytes = parseSize(parser.value(u"max-upload-size"_s));
        if (!config.maxUploadBytes) {
            *error = tr("\"%1\" is not a size: give bytes, or a number followed by K, M or G.")
                         .arg(parser.value(u"max-upload-size"_s));
            return std::nullopt;
        }
    }
    const auto positive = [&](const QString& option, std::optional<int>* value) {
        if (!parser.isSet(option))
            return true;
        bool ok = false;
        const int number = parser.value(option).toInt(&ok);
        if (!ok || number <= 0) {
            *error = tr("--%1 \"%2\" is not a positive whole number.").arg(option, parser.value(option));
            return false;
        }
        *value = number;
        return true;
    };
    std::optional<int> requestSeconds;
    std::optional<int> idleSeconds;
    if (!positive(u"max-connections"_s, &config.maxConnections)
        || !positive(u"max-connections-per-client"_s, &config.maxConnectionsPerClient)
        || !positive(u"request-timeout"_s, &requestSeconds) || !positive(u"idle-timeout"_s, &idleSeconds))
        return std::nullopt;
    if (requestSeconds)
        config.requestTimeout = std::chrono::seconds(*requestSeconds);
    if (idleSeconds)
        config.idleTimeout = std::chrono::seconds(*idleSeconds);
    config.allowLinkLocalHooks = parser.isSet(u"allow-link-local-hooks"_s);
    if (parser.isSet(u"shutdown-grace"_s)) {
        bool ok = false;
        const int seconds = parser.value(u"shutdown-grace"_s).toInt(&ok);
        if (!ok || seconds < 0) {
            *error = tr("\"%1\" is not a number of seconds.").arg(parser.value(u"shutdown-grace"_s));
            return std::nullopt;
        }
        config.shutdownGrace = std::chrono::seconds(seconds);
    }
    return config;
}

} // namespace WebJobs
