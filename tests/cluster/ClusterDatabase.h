#pragma once

// The PostgreSQL server of the cluster tests (WEBJOBS_TEST_POSTGRES_URL, as started by
// scripts/start-test-postgres): a schema of its own for each test, dropped at the end, and
// agents started on it.

#include "tests/support/AgentProcess.h"

#include <QCoreApplication>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>
#include <QUrl>
#include <QUrlQuery>

#include <memory>
#include <vector>

// In a test program's initTestCase(): opens `database` (a ClusterDatabase), skipping the whole
// program when no server is named and failing it when the named one does not answer.
#define WEBJOBS_OPEN_CLUSTER_DATABASE(database)                                                                        \
    do {                                                                                                               \
        QString why_;                                                                                                  \
        bool skip_ = false;                                                                                            \
        if (!(database).open(&why_, &skip_)) {                                                                         \
            if (skip_)                                                                                                 \
                QSKIP(qPrintable(why_));                                                                               \
            QFAIL(qPrintable(why_));                                                                                   \
        }                                                                                                              \
    } while (false)

namespace WebJobs::Test {

class ClusterDatabase
{
public:
    // `prefix` names the schemas (and the admin connection) of one test program.
    explicit ClusterDatabase(QString prefix)
        : m_prefix(std::move(prefix))
    { }
    ~ClusterDatabase() { dropSchemas(); }

    // False with the reason in `why`: no server named (`skip` set: the test is skipped), or
    // none that answers.
    bool open(QString* why, bool* skip)
    {
        using namespace Qt::StringLiterals;
        m_baseUrl = qEnvironmentVariable("WEBJOBS_TEST_POSTGRES_URL");
        *skip = m_baseUrl.isEmpty();
        if (*skip) {
            *why = u"WEBJOBS_TEST_POSTGRES_URL is not set: no PostgreSQL server to test against. Start one with "
                   "scripts/start-test-postgres and set the variable to the address it prints."_s;
            return false;
        }
        const QUrl url(m_baseUrl);
        m_admin = QSqlDatabase::addDatabase(u"QPSQL"_s, m_prefix + u"-admin"_s);
        m_admin.setHostName(url.host());
        m_admin.setPort(url.port(5432));
        m_admin.setDatabaseName(url.path().mid(1));
        m_admin.setUserName(url.userName());
        m_admin.setPassword(url.password());
        if (!m_admin.open()) {
            *why = u"cannot connect to WEBJOBS_TEST_POSTGRES_URL: "_s + m_admin.lastError().text();
            return false;
        }
        QSqlQuery(m_admin).exec(u"SET client_min_messages TO WARNING"_s);
        return true;
    }

    QString baseUrl() const { return m_baseUrl; }

    // A database URL of its own for one test (a new schema), through `port` when given.
    QString newDatabaseUrl(quint16 port = 0)
    {
        using namespace Qt::StringLiterals;
        const QString schema
            = u"%1_%2_%3"_s.arg(m_prefix).arg(QCoreApplication::applicationPid()).arg(m_schemas.size() + 1);
        if (!QSqlQuery(m_admin).exec(u"CREATE SCHEMA %1"_s.arg(schema)))
            qWarning("Cannot create the schema %s", qPrintable(schema));
        m_schemas.append(schema);
        QUrl url(m_baseUrl);
        if (port != 0)
            url.setPort(port);
        QUrlQuery query(url);
        query.addQueryItem(u"options"_s, u"-csearch_path%3D"_s + schema);
        url.setQuery(query);
        return url.toString();
    }

    void dropSchemas()
    {
        using namespace Qt::StringLiterals;
        if (!m_admin.isOpen())
            return;
        for (const QString& schema : std::as_const(m_schemas))
            QSqlQuery(m_admin).exec(u"DROP SCHEMA IF EXISTS %1 CASCADE"_s.arg(schema));
        m_schemas.clear();
        m_admin.close();
    }

    // Starts `agent` on the database `url`, on the data folder `dataRoot` (empty: a new one);
    // false after saying why.
    static bool startAgent(AgentProcess& agent, const QString& url, const QString& dataRoot = {})
    {
        using namespace Qt::StringLiterals;
        AgentProcess::Options options;
        options.dataRoot = dataRoot;
        options.arguments << u"--database"_s << url;
        if (agent.start(options))
            return true;
        qWarning("agent: %s", qPrintable(agent.failure()));
        return false;
    }

    // Starts `count` agents on the database `url`, appended to `agents`.
    static bool startAgents(std::vector<std::unique_ptr<AgentProcess>>& agents, int count, const QString& url)
    {
        for (int i = 0; i < count; ++i) {
            auto agent = std::make_unique<AgentProcess>();
            if (!startAgent(*agent, url))
                return false;
            agents.push_back(std::move(agent));
        }
        return true;
    }

private:
    QString m_prefix;
    QString m_baseUrl;
    QSqlDatabase m_admin;
    QStringList m_schemas;
};

} // namespace WebJobs::Test
