#include "ui/log/FileLogSource.h"
#include "ui/log/LogDocument.h"

#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace WebJobs;

// A log opened for the viewer: the tail first while the index is built, the appended tail of
// a log a real process writes, and a log truncated or rolled while it is followed.
class TestLogDocument : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void showsTheTailBeforeIndexingEnds();
    void opensAnEmptyLog();
    void followsAProcessThatAppends();
    void startsOverWhenTruncated();
    void startsOverWhenRolled();
    void readsRowsThroughTheCache();

private:
    QString write(const QString& name, const QByteArray& content);
    static QByteArray engineLine(qint64 n);
    static QByteArray rowBytes(LogDocument& document, const LogDocument::Row& row);

    QTemporaryDir m_dir;
};

QString TestLogDocument::write(const QString& name, const QByteArray& content)
{
    const QString path = m_dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(content) != content.size())
        return {};
    return path;
}

QByteArray TestLogDocument::engineLine(qint64 n)
{
    return "[09/04/2024 13:33:18 > a1b2c3: INFO] line " + QByteArray::number(n) + " of the log\r\n";
}

QByteArray TestLogDocument::rowBytes(LogDocument& document, const LogDocument::Row& row)
{
    std::optional<QByteArray> bytes = document.bytes(row.start, row.end);
    if (!bytes) {
        QSignalSpy arrived(&document, &LogDocument::bytesArrived);
        if (!QTest::qWaitFor([&] { return (bytes = document.bytes(row.start, row.end)).has_value(); }, 10000))
            return "<not read>";
    }
    return *bytes;
}

void TestLogDocument::showsTheTailBeforeIndexingEnds()
{
    // About 160 MB: indexing takes a while, the tail's 64 KiB does not.
    const QString path = m_dir.filePath(u"big.txt"_s);
    qint64 lines = 0;
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        QByteArray chunk;
        for (int block = 0; block < 40; ++block) {
            chunk.clear();
            for (int i = 0; i < 70'000; ++i)
                chunk += engineLine(++lines);
            QCOMPARE(file.write(chunk), chunk.size());
        }
    }
    LogDocument document(new FileLogSource(path));
    QSignalSpy first(&document, &LogDocument::firstScreenReady);
    QSignalSpy finished(&document, &LogDocument::indexingFinished);
    document.open();
    QVERIFY(first.wait());
    QVERIFY2(finished.isEmpty() && document.isIndexing(), "the tail comes before the index");
    QVERIFY(document.hasPreview());
    const LogDocument::Row last = document.row(document.rowCount() - 1);
    QCOMPARE(last.kind, LogDocument::RowKind::Preview);
    QCOMPARE(rowBytes(document, last), engineLine(lines));
    QCOMPARE(document.row(document.rowCount() - 2).end, last.start);

    // The index meets the tail: every row is a numbered line.
    QVERIFY(finished.wait(60000));
    QVERIFY(!document.hasPreview());
    QCOMPARE(document.lineCount(), lines);
    QCOMPARE(document.rowCount(), lines);
    const LogDocument::Row indexed = document.row(lines - 1);
    QCOMPARE(indexed.kind, LogDocument::RowKind::Line);
    QCOMPARE(indexed.line, lines - 1);
    QCOMPARE(indexed.start, last.start);
    QCOMPARE(document.rowOfOffset(last.start), lines - 1);
}

void TestLogDocument::opensAnEmptyLog()
{
    const QString path = write(u"empty.txt"_s, {});
    LogDocument document(new FileLogSource(path));
    QSignalSpy first(&document, &LogDocument::firstScreenReady);
    document.open();
    QVERIFY(first.wait());
    QTRY_VERIFY(!document.isIndexing());
    QCOMPARE(document.lineCount(), 0);
    QCOMPARE(document.rowCount(), 0);
    QVERIFY(document.errorString().isEmpty());
}

void TestLogDocument::followsAProcessThatAppends()
{
    const QString path = write(u"appended.txt"_s, engineLine(0));
    LogDocument document(new FileLogSource(path));
    document.source()->setPollInterval(20);
    document.setWatching(true);
    QSignalSpy first(&document, &LogDocument::firstScreenReady);
    document.open();
    QVERIFY(first.wait());

    // A real writer, one line at a time, as a job's output arrives.
    QProcess writer;
    writer.start(u"/bin/sh"_s,
        {u"-c"_s,
            u"for i in $(seq 1 200); do printf '[09/04/2024 13:33:18 > a1b2c3: INFO] line %s of the log\\r\\n' $i >> "
            "\"$0\"; sleep 0.005; done"_s,
            path});
    QVERIFY(writer.waitForStarted());
    QSignalSpy reset(&document, &LogDocument::reset);
    QTRY_COMPARE_WITH_TIMEOUT(document.lineCount(), 201, 30000);
    QTRY_COMPARE(writer.state(), QProcess::NotRunning);
    QCOMPARE(writer.exitCode(), 0);
    QTRY_VERIFY(!document.isIndexing());
    QCOMPARE(document.lineCount(), 201);
    QVERIFY2(reset.isEmpty(), "growth is not a new log");
    for (qint64 line : {0, 1, 100, 200})
        QCOMPARE(rowBytes(document, document.row(line)), engineLine(line));
}

void TestLogDocument::startsOverWhenTruncated()
{
    QByteArray content;
    for (int i = 0; i < 1000; ++i)
        content += engineLine(i);
    const QString path = write(u"truncated.txt"_s, content);
    LogDocument document(new FileLogSource(path));
    document.source()->setPollInterval(20);
    document.setWatching(true);
    document.open();
    QTRY_COMPARE(document.lineCount(), 1000);
    QCOMPARE(rowBytes(document, document.row(0)), engineLine(0));

    QSignalSpy reset(&document, &LogDocument::reset);
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        QVERIFY(file.write("after the truncation\nsecond\n") > 0);
    }
    QVERIFY(reset.wait());
    QTRY_COMPARE(document.lineCount(), 2);
    QTRY_VERIFY(!document.isIndexing());
    QCOMPARE(rowBytes(document, document.row(0)), "after the truncation\n"_ba);
    QCOMPARE(rowBytes(document, document.row(1)), "second\n"_ba);
}

void TestLogDocument::startsOverWhenRolled()
{
    QByteArray content;
    for (int i = 0; i < 100; ++i)
        content += engineLine(i);
    const QString path = write(u"job_log.txt"_s, content);
    LogDocument document(new FileLogSource(path));
    document.source()->setPollInterval(20);
    document.setWatching(true);
    document.open();
    QTRY_COMPARE(document.lineCount(), 100);

    // As LogWriter rolls: the file goes to job_prev_log.txt and a new one starts, here longer.
    QSignalSpy reset(&document, &LogDocument::reset);
    QVERIFY(QFile::rename(path, m_dir.filePath(u"job_prev_log.txt"_s)));
    QByteArray rolled;
    for (int i = 0; i < 150; ++i)
        rolled += "rolled " + QByteArray::number(i) + "\n";
    QVERIFY(!write(u"job_log.txt"_s, rolled).isEmpty());
    QVERIFY(reset.wait());
    QTRY_COMPARE(document.lineCount(), 150);
    QCOMPARE(rowBytes(document, document.row(149)), "rolled 149\n"_ba);
}

void TestLogDocument::readsRowsThroughTheCache()
{
    QByteArray content;
    for (int i = 0; i < 20'000; ++i)
        content += engineLine(i);
    content += QByteArray(3 * 8192 + 10, 'x') + "\n"; // a line of four rows
    content += "no newline at the end";
    const QString path = write(u"cached.txt"_s, content);
    LogDocument document(new FileLogSource(path));
    document.open();
    QTRY_VERIFY(document.isOpen() && !document.isIndexing() && document.lineCount() == 20'002);
    QCOMPARE(document.rowCount(), 20'000 + 4 + 1);
    for (qint64 line : {0, 7777, 19'999})
        QCOMPARE(rowBytes(document, document.row(line)), engineLine(line));
    QCOMPARE(rowBytes(document, document.row(20'001)), QByteArray(8192, 'x'));
    QCOMPARE(document.row(20'003).segment, 3);
    QCOMPARE(rowBytes(document, document.row(20'003)), QByteArray(10, 'x') + "\n");
    QCOMPARE(rowBytes(document, document.row(20'004)), "no newline at the end"_ba);
    QCOMPARE(document.rowOfLine(20'001), 20'004);
}

QTEST_MAIN(TestLogDocument)
#include "TestLogDocument.moc"
