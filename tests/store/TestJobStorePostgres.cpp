#include "JobStoreSuite.h"

#include "core/store/DatabaseLocation.h"

#include <QCoreApplication>
#include <QStringList>
#include <QTest>
#include <QUrl>
#include <QUrlQuery>

#include <memory>

using namespace Qt::StringLiterals;
using namespace WebJobs;

// The JobStore suite on a real PostgreSQL server, to prove that the schema and the SQL are
// portable. Set WEBJOBS_TEST_POSTGRES_URL=postgresql://user:password@host:port/database (the
// `scripts/start-test-postgres` script starts a throw-away server and prints one). Each test gets
// its own PostgreSQL schema, chosen through the connection's search_path, dropped at the end.
class TestJobStorePostgres : public JobStoreSuite
{
    Q_OBJECT

protected:
    QString newDatabaseUrl() override;

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

private:
    QString m_baseUrl;
    std::unique_ptr<RawConnection> m_admin;
    QStringList m_schemas;
};

void TestJobStorePostgres::initTestCase()
{
    m_baseUrl = qEnvironmentVariable("WEBJOBS_TEST_POSTGRES_URL");
    if (m_baseUrl.isEmpty()) {
        QSKIP("WEBJOBS_TEST_POSTGRES_URL is not set: no PostgreSQL server to test against. Start one with "
              "scripts/start-test-postgres and set the variable to the address it prints.");
    }
    const std::optional<DatabaseLocation> location = DatabaseLocation::parse(m_baseUrl);
    QVERIFY2(location && location->kind() == DatabaseLocation::Kind::PostgreSql,
        "WEBJOBS_TEST_POSTGRES_URL must be a postgresql:// address");
    m_admin = std::make_unique<RawConnection>(m_baseUrl);
    QVERIFY2(m_admin->isOpen(), "cannot connect to WEBJOBS_TEST_POSTGRES_URL");
    QVERIFY(m_admin->exec(u"SET client_min_messages TO WARNING"_s));
}

void TestJobStorePostgres::cleanupTestCase()
{
    if (!m_admin)
        return;
    for (const QString& schema : std::as_const(m_schemas))
        m_admin->exec(u"DROP SCHEMA IF EXISTS %1 CASCADE"_s.arg(schema));
    m_admin.reset();
}

QString TestJobStorePostgres::newDatabaseUrl()
{
    const QString schema = u"webjobs_test_%1_%2"_s.arg(QCoreApplication::applicationPid()).arg(m_schemas.size() + 1);
    if (!m_admin->exec(u"CREATE SCHEMA %1"_s.arg(schema)))
        qWarning("Cannot create the schema %s", qPrintable(schema));
    m_schemas.append(schema);

    QUrl url(m_baseUrl);
    QUrlQuery query(url);
    query.addQueryItem(u"options"_s, u"-csearch_path%3D"_s + schema);
    url.setQuery(query);
    return url.toString();
}

QTEST_GUILESS_MAIN(TestJobStorePostgres)
#include "TestJobStorePostgres.moc"
