#include "core/store/DatabaseLocation.h"

#include <QDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace WebJobs;

Q_DECLARE_METATYPE(WebJobs::DatabaseLocation::Kind)

// The database addresses a person writes: file paths and sqlite: forms, PostgreSQL URLs, and the
// sentences for the ones that cannot work.
class TestDatabaseLocation : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sqliteForms_data();
    void sqliteForms();
    void postgresql_data();
    void postgresql();
    void refusals_data();
    void refusals();
};

void TestDatabaseLocation::sqliteForms_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("filePath");

    const QString cwd = QDir::currentPath();
    QTest::newRow("absolute path") << u"/var/lib/webjobs/webjobs.db"_s << u"/var/lib/webjobs/webjobs.db"_s;
    QTest::newRow("relative path") << u"data/webjobs.db"_s << cwd + u"/data/webjobs.db"_s;
    QTest::newRow("sqlite: scheme") << u"sqlite:/var/lib/webjobs/webjobs.db"_s << u"/var/lib/webjobs/webjobs.db"_s;
    QTest::newRow("scheme in capitals") << u"SQLITE:/srv/w.db"_s << u"/srv/w.db"_s;
    QTest::newRow("sqlite: relative") << u"sqlite:w.db"_s << cwd + u"/w.db"_s;
    QTest::newRow("URL form, percent-decoded") << u"sqlite:///srv/my%20jobs/w.db"_s << u"/srv/my jobs/w.db"_s;
    QTest::newRow("URL form, localhost") << u"sqlite://localhost/srv/w.db"_s << u"/srv/w.db"_s;
    QTest::newRow("file URL") << u"file:///srv/w.db"_s << u"/srv/w.db"_s;
    QTest::newRow("surrounding spaces") << u"  /srv/w.db  "_s << u"/srv/w.db"_s;
    QTest::newRow("space in a plain path") << u"/srv/my jobs/w.db"_s << u"/srv/my jobs/w.db"_s;
    QTest::newRow("in memory") << u"sqlite::memory:"_s << u":memory:"_s;
}

void TestDatabaseLocation::sqliteForms()
{
    QFETCH(QString, text);
    QFETCH(QString, filePath);
    QString error;
    const auto location = DatabaseLocation::parse(text, &error);
    QVERIFY2(location, qPrintable(error));
    QCOMPARE(location->kind(), DatabaseLocation::Kind::Sqlite);
    QCOMPARE(location->driverName(), u"QSQLITE"_s);
    QCOMPARE(location->filePath(), filePath);
    QCOMPARE(location->displayText(), filePath);
    QCOMPARE(location->isInMemory(), filePath == u":memory:"_s);
}

void TestDatabaseLocation::postgresql_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::addColumn<QString>("database");
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("password");
    QTest::addColumn<QString>("options");
    QTest::addColumn<QString>("display");

    QTest::newRow("full") << u"postgresql://webjobs:s3cret@db.example:5433/jobs"_s << u"db.example"_s << 5433
                          << u"jobs"_s << u"webjobs"_s << u"s3cret"_s << QString()
                          << u"postgresql://webjobs@db.example:5433/jobs"_s;
    QTest::newRow("postgres: alias, default port")
        << u"postgres://u@127.0.0.1/jobs"_s << u"127.0.0.1"_s << -1 << u"jobs"_s << u"u"_s << QString() << QString()
        << u"postgresql://u@127.0.0.1/jobs"_s;
    QTest::newRow("percent-encoded password and name")
        << u"postgresql://web%40jobs:p%3Aa%2Fs%40s@db/my%20jobs"_s << u"db"_s << -1 << u"my jobs"_s << u"web@jobs"_s
        << u"p:a/s@s"_s << QString() << u"postgresql://web%40jobs@db/my jobs"_s;
    QTest::newRow("options") << u"postgresql://u:pw-secret@db:5432/jobs?sslmode=require&connect_timeout=5"_s << u"db"_s
                             << 5432 << u"jobs"_s << u"u"_s << u"pw-secret"_s << u"sslmode=require;connect_timeout=5"_s
                             << u"postgresql://u@db:5432/jobs"_s;
    QTest::newRow("IPv6 host") << u"postgresql://u@[::1]:5432/jobs"_s << u"::1"_s << 5432 << u"jobs"_s << u"u"_s
                               << QString() << QString() << u"postgresql://u@[::1]:5432/jobs"_s;
    QTest::newRow("socket folder") << u"postgresql:///jobs?host=/run/postgresql"_s << QString() << -1 << u"jobs"_s
                                   << QString() << QString() << u"host=/run/postgresql"_s << u"postgresql:///jobs"_s;
}

void TestDatabaseLocation::postgresql()
{
    QFETCH(QString, text);
    QFETCH(QString, host);
    QFETCH(int, port);
    QFETCH(QString, database);
    QFETCH(QString, user);
    QFETCH(QString, password);
    QFETCH(QString, options);
    QFETCH(QString, display);

    QString error;
    const auto location = DatabaseLocation::parse(text, &error);
    QVERIFY2(location, qPrintable(error));
    QCOMPARE(location->kind(), DatabaseLocation::Kind::PostgreSql);
    QCOMPARE(location->driverName(), u"QPSQL"_s);
    QCOMPARE(location->hostName(), host);
    QCOMPARE(location->port(), port);
    QCOMPARE(location->databaseName(), database);
    QCOMPARE(location->userName(), user);
    QCOMPARE(location->password(), password);
    QCOMPARE(location->connectOptions(), options);
    QCOMPARE(location->displayText(), display);
    QVERIFY(password.isEmpty() || !location->displayText().contains(password));
}

void TestDatabaseLocation::refusals_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("reason");

    QTest::newRow("empty") << QString() << u"the address is empty"_s;
    QTest::newRow("blank") << u"   "_s << u"the address is empty"_s;
    QTest::newRow("unknown scheme") << u"mysql://db/jobs"_s << u"\"mysql\" is not supported"_s;
    QTest::newRow("sqlite: without path") << u"sqlite:"_s << u"the file path is missing"_s;
    QTest::newRow("sqlite on another host") << u"sqlite://fileserver/share/w.db"_s << u"on this machine"_s;
    QTest::newRow("no database name") << u"postgresql://u@db:5432"_s << u"database name is missing"_s;
    QTest::newRow("nested path") << u"postgresql://u@db/a/b"_s << u"database name is missing"_s;
    QTest::newRow("bad port") << u"postgresql://u@db:port/jobs"_s << u"not valid"_s;
    QTest::newRow("option with a space") << u"postgresql://u@db/jobs?options=-c%20x"_s << u"\"options\""_s;
}

void TestDatabaseLocation::refusals()
{
    QFETCH(QString, text);
    QFETCH(QString, reason);
    QString error;
    QVERIFY(!DatabaseLocation::parse(text, &error));
    QVERIFY2(error.contains(reason), qPrintable(error));
    QVERIFY2(error.contains(u"postgresql://user:password@host:port/database"_s), qPrintable(error));
}

QTEST_GUILESS_MAIN(TestDatabaseLocation)
#include "TestDatabaseLocation.moc"
