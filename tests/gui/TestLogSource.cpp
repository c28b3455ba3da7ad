#include "GuiFixture.h"

#include "ui/log/FileLogSource.h"
#include "ui/log/ServiceLogSource.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QtConcurrent/QtConcurrentRun>

#include <cstdio>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace WebJobs;

// The run-log viewer's sources: a file on this machine, and a log read by ranges through a
// JobService (here the local one, on a temporary data folder, with real runs). Each says
// when the log appears, grows, is replaced (truncated, rolled) or cannot be read.
class TestLogSource : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void fileSourceSaysAMissingFileInASentence();
    void fileSourceSeesGrowthTruncationAndRolling();
    void fileSourceReadsRangesAndSavesACopy();
    void serviceSourceReadsARunsLog();
    void serviceSourceSaysWhyALogCannotBeRead();
    void serviceSourceFollowsAContinuousJob();
    void closedReaderAnswersAtOnce();

private:
    static bool append(const QString& path, const QByteArray& bytes);
    static LogBytes readNow(LogSource& source, qint64 offset, qint64 length);

    Test::GuiFixture m_fixture;
    QTemporaryDir m_dir;
};

void TestLogSource::initTestCase()
{
    QVERIFY(m_fixture.start());
}

bool TestLogSource::append(const QString& path, const QByteArray& bytes)
{
    QFile file(path);
    return file.open(QIODevice::Append) && file.write(bytes) == bytes.size();
}

LogBytes TestLogSource::readNow(LogSource& source, qint64 offset, qint64 length)
{
    QFuture<LogBytes> future = source.read(offset, length);
    if (!QTest::qWaitFor([&] { return future.isFinished(); }, 30000))
        return {{}, u"timed out"_s};
    return future.result();
}

void TestLogSource::fileSourceSaysAMissingFileInASentence()
{
    const QString path = m_dir.filePath(u"later.txt"_s);
    FileLogSource source(path);
    QSignalSpy failed(&source, &LogSource::failed);
    QSignalSpy reset(&source, &LogSource::reset);
    source.refresh();
    QVERIFY(failed.wait());
    const QString message = failed.at(0).at(0).toString();
    QVERIFY2(message.contains(path) && message.contains(u"does not exist"_s), qPrintable(message));
    QCOMPARE(source.size(), -1);
    QVERIFY(!readNow(source, 0, 10).ok());

    // The file appears while the source is watched: that is the log's start.
    source.setPollInterval(20);
    source.setWatching(true);
    QVERIFY(append(path, "first\n"));
    QVERIFY(reset.wait());
    QCOMPARE(reset.at(0).at(0).toLongLong(), 6);
    QCOMPARE(readNow(source, 0, 100).data, "first\n"_ba);
    QCOMPARE(failed.size(), 1);
}

void TestLogSource::fileSourceSeesGrowthTruncationAndRolling()
{
    const QString path = m_dir.filePath(u"rolling.txt"_s);
    QVERIFY(append(path, "one\ntwo\n"));
    FileLogSource source(path);
    QSignalSpy reset(&source, &LogSource::reset);
    QSignalSpy grew(&source, &LogSource::grew);
    source.setPollInterval(20);
    source.setWatching(true);
    QVERIFY(reset.wait());
    QCOMPARE(reset.takeFirst().at(0).toLongLong(), 8);

    QVERIFY(append(path, "three\n"));
    QVERIFY(grew.wait());
    QCOMPARE(grew.takeFirst().at(0).toLongLong(), 14);
    QVERIFY(reset.isEmpty());

    // Truncated in place: shorter, same file. A poll may see the empty file before its new
    // line, so the source may report the reset at 0 and then growth: what counts is that it
    // starts over and ends reading the new content.
    {
        QFile file(path);
        QVERIFY(file.resize(0));
    }
    QVERIFY(append(path, "new\n"));
    QTRY_VERIFY(!reset.isEmpty());
    QTRY_COMPARE(source.size(), 4);
    QCOMPARE(readNow(source, 0, 100).data, "new\n"_ba);
    reset.clear();

    // Rolled: the old file is kept under another name and a new, longer one takes its path in
    // one step (as log rotation does with a rename).
    const QString next = m_dir.filePath(u"rolling_next.txt"_s);
    QVERIFY(append(next, "a longer first line of the new file\n"));
    QVERIFY(::link(QFile::encodeName(path).constData(),
                QFile::encodeName(m_dir.filePath(u"rolling_prev.txt"_s)).constData())
        == 0);
    QVERIFY(::rename(QFile::encodeName(next).constData(), QFile::encodeName(path).constData()) == 0);
    QTRY_COMPARE(reset.size(), 1);
    QCOMPARE(reset.takeFirst().at(0).toLongLong(), 36);
    QCOMPARE(readNow(source, 0, 5).data, "a lon"_ba);
}

void TestLogSource::fileSourceReadsRangesAndSavesACopy()
{
    QByteArray content;
    for (int i = 0; i < 100000; ++i)
        content += "line " + QByteArray::number(i) + "\r\n";
    const QString path = m_dir.filePath(u"ranges.txt"_s);
    QVERIFY(append(path, content));
    FileLogSource source(path);
    QCOMPARE(source.fileName(), u"ranges.txt"_s);
    QVERIFY(source.url().isLocalFile());
    QCOMPARE(readNow(source, 100, 50).data, content.mid(100, 50));
    QCOMPARE(readNow(source, content.size() - 5, 100).data, content.right(5));
    QVERIFY(readNow(source, content.size() + 10, 100).data.isEmpty());

    const QString copy = m_dir.filePath(u"copy.txt"_s);
    QFuture<ServiceReply> saved = source.saveCopy(copy);
    QTRY_VERIFY(saved.isFinished());
    QVERIFY2(saved.result().ok(), qPrintable(saved.result().error.message));
    QCOMPARE(saved.progressValue(), saved.progressMaximum());
    QFile file(copy);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), content);

    QFuture<ServiceReply> refused = source.saveCopy(m_dir.filePath(u"no/such/folder/copy.txt"_s));
    QTRY_VERIFY(refused.isFinished());
    QVERIFY(!refused.result().ok());
    QVERIFY2(refused.result().error.message.contains(u"Choose another folder"_s),
        qPrintable(refused.result().error.message));
}

void TestLogSource::serviceSourceReadsARunsLog()
{
    QVERIFY(m_fixture.addScript(
        JobType::Triggered, u"ranged"_s, "#!/bin/sh\nfor i in $(seq 1 2000); do echo \"row $i\"; done\n"));
    QSignalSpy finished(m_fixture.service(), &JobService::runFinished);
    QFuture<ServiceReply> run = m_fixture.service()->triggerRun(u"ranged"_s);
    QTRY_VERIFY(run.isFinished());
    QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 30000);
    const QString runId = run.result().runId;
    const QString path = m_fixture.service()->logUrl(JobType::Triggered, u"ranged"_s, runId).toLocalFile();
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray content = file.readAll();
    QVERIFY(content.contains("row 2000"));

    ServiceLogSource source(m_fixture.service(), JobType::Triggered, u"ranged"_s, runId);
    QCOMPARE(source.fileName(), u"output_log.txt"_s);
    QCOMPARE(source.url().toLocalFile(), path);
    QSignalSpy reset(&source, &LogSource::reset);
    source.refresh();
    QVERIFY(reset.wait());
    QCOMPARE(reset.at(0).at(0).toLongLong(), content.size());
    QCOMPARE(readNow(source, 1000, 3000).data, content.mid(1000, 3000));
    QCOMPARE(readNow(source, content.size() - 10, 100).data, content.right(10));
    QVERIFY(readNow(source, content.size(), 100).ok());
    // Blocking reads from a worker thread, as the indexer makes them.
    std::shared_ptr<LogReader> reader = source.reader();
    QFuture<LogStat> stat = QtConcurrent::run([reader] { return reader->stat(); });
    QTRY_VERIFY(stat.isFinished());
    QCOMPARE(stat.result().size, content.size());
    QVERIFY(content.startsWith(stat.result().identity));

    const QString copy = m_dir.filePath(u"service-copy.txt"_s);
    QFuture<ServiceReply> saved = source.saveCopy(copy);
    QTRY_VERIFY(saved.isFinished());
    QVERIFY(saved.result().ok());
    QFile copied(copy);
    QVERIFY(copied.open(QIODevice::ReadOnly));
    QCOMPARE(copied.readAll(), content);
}

void TestLogSource::serviceSourceSaysWhyALogCannotBeRead()
{
    ServiceLogSource source(m_fixture.service(), JobType::Triggered, u"ranged"_s, u"000000000000000000"_s);
    QSignalSpy failed(&source, &LogSource::failed);
    source.refresh();
    QVERIFY(failed.wait());
    QVERIFY2(
        failed.at(0).at(0).toString().contains(u"000000000000000000"_s), qPrintable(failed.at(0).at(0).toString()));
    // A read says why too, instead of an empty answer.
    const LogBytes read = readNow(source, 0, 100);
    QVERIFY(!read.ok());
    QCOMPARE(read.error, failed.at(0).at(0).toString());
}

void TestLogSource::serviceSourceFollowsAContinuousJob()
{
    QVERIFY(m_fixture.addScript(JobType::Continuous, u"ticker"_s,
        "#!/bin/sh\ni=0\nwhile true; do i=$((i+1)); echo \"tick $i\"; sleep 0.05; done\n"));
    ServiceLogSource source(m_fixture.service(), JobType::Continuous, u"ticker"_s, {});
    QCOMPARE(source.fileName(), u"job_log.txt"_s);
    QSignalSpy reset(&source, &LogSource::reset);
    QSignalSpy grew(&source, &LogSource::grew);
    source.setPollInterval(30);
    source.setWatching(true);
    QTRY_VERIFY_WITH_TIMEOUT(!reset.isEmpty(), 30000);
    QTRY_VERIFY_WITH_TIMEOUT(grew.size() >= 3, 30000);
    qint64 previous = 0;
    for (const QList<QVariant>& signal : std::as_const(grew)) {
        QVERIFY(signal.at(0).toLongLong() > previous);
        previous = signal.at(0).toLongLong();
    }
    QCOMPARE(reset.size(), 1);
    source.setWatching(false);
    QFuture<ServiceReply> stop = m_fixture.service()->stopContinuous(u"ticker"_s);
    QTRY_VERIFY_WITH_TIMEOUT(stop.isFinished(), 30000);
}

void TestLogSource::closedReaderAnswersAtOnce()
{
    auto* source = new ServiceLogSource(m_fixture.service(), JobType::Triggered, u"ranged"_s, u"x"_s);
    std::shared_ptr<LogReader> reader = source->reader();
    delete source;
    // Gone with its source: a worker gets an answer, not a wait.
    const LogBytes bytes = reader->read(0, 10);
    QVERIFY(!bytes.ok());
    QVERIFY(!reader->stat().ok());
}

QTEST_MAIN(TestLogSource)
#include "TestLogSource.moc"
