#pragma once

// A schema of its own on a PostgreSQL server for one benchmark run, dropped when it goes: the
// server is --database or WEBJOBS_TEST_POSTGRES_URL (scripts/start-test-postgres).

#include <QCoreApplication>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QString>
#include <QUrl>
#include <QUrlQuery>

namespace WebJobs::Bench {

class BenchDatabase
{
public:
    // `prefix` names the schema ("<prefix>_<pid>") and the admin connection.
    explicit BenchDatabase(QString prefix)
        : m_prefix(std::move(prefix))
    { }
    ~BenchDatabase()
    {
        if (m_admin.isOpen())
            QSqlQuery(m_admin).exec(QStringLiteral("DROP SCHEMA ") + m_schema + QStringLiteral(" CASCADE"));
        m_admin = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_prefix + QStringLiteral("-admin"));
    }
    BenchDatabase(const BenchDatabase&) = delete;
    BenchDatabase& operator=(const BenchDatabase&) = delete;

    // Creates the schema on `baseUrl` (empty: WEBJOBS_TEST_POSTGRES_URL). False with the
    // reason in `why`.
    bool open(QString baseUrl, QString* why)
    {
        if (baseUrl.isEmpty())
            baseUrl = qEnvironmentVariable("WEBJOBS_TEST_POSTGRES_URL");
        if (baseUrl.isEmpty()) {
            *why = QStringLiteral(
                "Give --database postgresql://… or set WEBJOBS_TEST_POSTGRES_URL (scripts/start-test-postgres).");
            return false;
        }
        m_baseUrl = baseUrl;
        m_admin = connect(m_prefix + QStringLiteral("-admin"));
        if (!m_admin.isOpen()) {
            *why = QStringLiteral("Cannot connect to %1: %2").arg(QUrl(baseUrl).host(), m_admin.lastError().text());
            return false;
        }
        m_schema = QStringLiteral("%1_%2").arg(m_prefix).arg(QCoreApplication::applicationPid());
        QSqlQuery(m_admin).exec(QStringLiteral("SET client_min_messages TO WARNING"));
        QSqlQuery(m_admin).exec(QStringLiteral("CREATE SCHEMA ") + m_schema);
        QUrl url(baseUrl);
        QUrlQuery query(url);
        query.addQueryItem(QStringLiteral("options"), QStringLiteral("-csearch_path%3D") + m_schema);
        url.setQuery(query);
        m_url = url.toString();
        return true;
    }

    // A new connection named `name` to the server, in the schema once open() has made it.
    QSqlDatabase connect(const QString& name) const
    {
        const QUrl server(m_baseUrl);
        QSqlDatabase connection = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
        connection.setHostName(server.host());
        connection.setPort(server.port(5432));
        connection.setDatabaseName(server.path().mid(1));
        connection.setUserName(server.userName());
        connection.setPassword(server.password());
        if (connection.open() && !m_schema.isEmpty())
            QSqlQuery(connection).exec(QStringLiteral("SET search_path TO ") + m_schema);
        return connection;
    }

    // The database URL whose connections work in the schema.
    QString url() const { return m_url; }
    // A connection to the server (not in the schema).
    QSqlDatabase& admin() { return m_admin; }
    QString schema() const { return m_schema; }

private:
    QString m_prefix;
    QString m_baseUrl;
    QString m_schema;
    QString m_url;
    QSqlDatabase m_admin;
};

} // namespace WebJobs::Bench
