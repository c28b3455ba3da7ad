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
        const QUrl server(baseUrl);
        m_admin = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), m_prefix + QStringLiteral("-admin"));
        m_admin.setHostName(server.host());
        m_admin.setPort(server.port(5432));
        m_admin.setDatabaseName(server.path().mid(1));
        m_admin.setUserName(server.userName());
        m_admin.setPassword(server.password());
        if (!m_admin.open()) {
            *why = QStringLiteral("Cannot connect to %1: %2").arg(server.host(), m_admin.lastError().text());
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

    // The database URL whose connections work in the schema.
    QString url() const { return m_url; }
    // A connection to the server (not in the schema).
    QSqlDatabase& admin() { return m_admin; }
    QString schema() const { return m_schema; }

private:
    QString m_prefix;
    QString m_schema;
    QString m_url;
    QSqlDatabase m_admin;
};

} // namespace WebJobs::Bench
