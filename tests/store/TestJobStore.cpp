#include "JobStoreSuite.h"

#include "core/store/JobStore.h"

#include <QDir>
#include <QFile>
#include <QSqlDatabase>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace WebJobs;

// The JobStore suite on SQLite files in a temporary folder, plus what only SQLite has: the file
// itself (WAL mode, address forms, folders that cannot hold it).
class TestJobStore : public JobStoreSuite
{
    Q_OBJECT

protected:
    QString newDatabaseUrl() override { return u"sqlite:"_s + m_dir.filePath(u"webjobs-%1.db"_s.arg(++m_count)); }

private Q_SLOTS:
    void initTestCase();
    void usesWalJournalAndForeignKeys();
    void addressFormsOpenTheSameFile();
    void openErrorsSayWhatToDo_data();
    void openErrorsSayWhatToDo();
    void connectionIsRemovedWithTheStore();

private:
    QTemporaryDir m_dir;
    int m_count = 0;
};

void TestJobStore::initTestCase()
{
    QVERIFY(m_dir.isValid());
}

void TestJobStore::usesWalJournalAndForeignKeys()
{
    auto store = openFresh();
    QVERIFY(store);
    RawConnection raw(m_url);
    QCOMPARE(raw.value(u"PRAGMA journal_mode"_s).toString(), u"wal"_s);
    QVERIFY(QFile::exists(store->location().filePath() + u"-wal"_s));
    // Foreign keys are a per-connection setting in SQLite: the store's connection enforces them.
    RunRecord orphan;
    orphan.jobName = u"no-such-job"_s;
    orphan.id = u"202409041333180000"_s;
    orphan.status = JobStatus::Success;
    QCOMPARE(store->insertRun(orphan), JobStore::InsertRunResult::Failed);
    QVERIFY(store->errorString().contains(u"no-such-job"_s));
}

void TestJobStore::addressFormsOpenTheSameFile()
{
    const QString path = m_dir.filePath(u"forms.db"_s);
    QString error;
    auto store = JobStore::open(path, &error);
    QVERIFY2(store, qPrintable(error));
    QVERIFY(store->upsertJob({JobType::Triggered, u"nightly"_s, u"run.sh"_s, {}, {}}));
    store.reset();

    const QString relative = QDir::current().relativeFilePath(path);
    for (const QString& url : QStringList {u"sqlite:"_s + path, u"sqlite://"_s + path, u"SQLite:"_s + path, relative}) {
        store = JobStore::open(url, &error);
        QVERIFY2(store, qPrintable(url + u": "_s + error));
        QCOMPARE(store->location().filePath(), path);
        QVERIFY2(store->job(JobType::Triggered, u"nightly"_s), qPrintable(url));
        store.reset();
    }
}

void TestJobStore::openErrorsSayWhatToDo_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QStringList>("expected");
    QTest::addColumn<bool>("needsNonRoot");

    const QString missing = m_dir.filePath(u"missing-folder/sub/webjobs.db"_s);
    QTest::newRow("folder does not exist")
        << missing << QStringList {missing, u"Check that the folder exists and is writable"_s} << false;

    const QString fileAsFolder = m_dir.filePath(u"plain-file"_s);
    {
        QFile file(fileAsFolder);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("not a folder");
    }
    QTest::newRow("folder is a file") << fileAsFolder + u"/webjobs.db"_s
                                      << QStringList {fileAsFolder, u"Check that the folder exists"_s} << false;

    const QString notDatabase = m_dir.filePath(u"text.db"_s);
    {
        QFile file(notDatabase);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray(4096, 'x'));
    }
    QTest::newRow("file is not a database")
        << notDatabase << QStringList {notDatabase, u"is a SQLite database"_s} << false;

    const QString readOnly = m_dir.filePath(u"read-only"_s);
    QVERIFY(QDir().mkpath(readOnly));
    QVERIFY(QFile::setPermissions(readOnly, QFile::ReadOwner | QFile::ExeOwner));
    QTest::newRow("read-only folder") << readOnly + u"/webjobs.db"_s << QStringList {readOnly, u"is writable"_s}
                                      << true;

    QTest::newRow("unknown scheme") << u"mysql://db.example/webjobs"_s
                                    << QStringList {u"not valid"_s, u"mysql"_s, u"postgresql://"_s} << false;
    QTest::newRow("postgresql without database")
        << u"postgresql://user@db.example:5432"_s << QStringList {u"database name is missing"_s} << false;
    QTest::newRow("empty address") << u"  "_s << QStringList {u"empty"_s} << false;
}

void TestJobStore::openErrorsSayWhatToDo()
{
    QFETCH(QString, url);
    QFETCH(QStringList, expected);
    QFETCH(bool, needsNonRoot);
    if (needsNonRoot && ::geteuid() == 0)
        QSKIP("root may write into any folder, so a read-only folder cannot be tested as root");

    QString error;
    const auto store = JobStore::open(url, &error);
    QVERIFY(!store);
    for (const QString& part : expected)
        QVERIFY2(error.contains(part), qPrintable(u"\"%1\" not in: %2"_s.arg(part, error)));
    QVERIFY2(error.endsWith(u'.'), qPrintable(error));
}

void TestJobStore::connectionIsRemovedWithTheStore()
{
    const auto names = [] {
        QStringList list = QSqlDatabase::connectionNames();
        list.sort();
        return list;
    };
    const QStringList before = names();
    auto store = openFresh();
    QVERIFY(store);
    QCOMPARE(names().size(), before.size() + 1);
    store.reset();
    QCOMPARE(names(), before);

    // A failed open leaves no connection behind either.
    QString error;
    QVERIFY(!JobStore::open(m_dir.filePath(u"missing/x.db"_s), &error));
    QCOMPARE(names(), before);
}

QTEST_GUILESS_MAIN(TestJobStore)
#include "TestJobStore.moc"
