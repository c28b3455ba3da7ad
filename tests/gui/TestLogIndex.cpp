#include "ui/log/FileLogSource.h"
#include "ui/log/LineOffsets.h"
#include "ui/log/LogIndex.h"
#include "ui/log/LogIndexer.h"
#include "ui/log/LogMapping.h"

#include <QFile>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <fcntl.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace WebJobs;

// The run-log viewer's line index: the compact offsets, and indexing passes over generated
// files (empty, no final newline, CRLF, very long lines, invalid UTF-8, appended tails, a
// sparse file of several GB) checked against the line ends a plain scan of the bytes finds.
class TestLogIndex : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void offsetsMatchAPlainArray();
    void offsetsTakeAboutOneByteAndAQuarterPerLine();
    void indexesGeneratedFiles_data();
    void indexesGeneratedFiles();
    void indexesAnAppendedTailOnly();
    void splitsVeryLongLinesIntoRows();
    void seesACarriageReturnAtTheEndOfAChunk_data();
    void seesACarriageReturnAtTheEndOfAChunk();
    void measuresLongLinesInEveryChunk_data();
    void measuresLongLinesInEveryChunk();
    void indexesASparseFileOfSeveralGigabytes();
    void mapsWindowsAcrossALargeLog();
    void survivesAFileTruncatedUnderItsMapping();
    void endsAPassWhoseLogIsTruncatedUnderTheMapping();

private:
    QString write(const QString& name, const QByteArray& content);
    static std::vector<qint64> plainEnds(const QByteArray& content);
    static LogIndexer::Result index(const QString& path, LogIndex& index, qint64 target = -1, bool mapped = true);
    static void addPaths();

    QTemporaryDir m_dir;
};

QString TestLogIndex::write(const QString& name, const QByteArray& content)
{
    const QString path = m_dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(content) != content.size())
        return {};
    return path;
}

std::vector<qint64> TestLogIndex::plainEnds(const QByteArray& content)
{
    std::vector<qint64> ends;
    for (qsizetype i = 0; i < content.size(); ++i) {
        if (content.at(i) == '\n')
            ends.push_back(i + 1);
    }
    return ends;
}

namespace {

// A local file's reader that does not map it: the indexer reads its chunks, as it does a
// remote log's.
class CopyingReader : public LogReader
{
public:
    explicit CopyingReader(std::shared_ptr<LogReader> file)
        : m_file(std::move(file))
    { }

    LogBytes read(qint64 offset, qint64 length) override { return m_file->read(offset, length); }
    QString readInto(qint64 offset, qint64 length, QByteArray& buffer) override
    {
        return m_file->readInto(offset, length, buffer);
    }
    LogStat stat() override { return m_file->stat(); }
    void close() override { m_file->close(); }

private:
    std::shared_ptr<LogReader> m_file;
};

} // namespace

LogIndexer::Result TestLogIndex::index(const QString& path, LogIndex& index, qint64 target, bool mapped)
{
    FileLogSource source(path);
    const std::shared_ptr<LogReader> reader
        = mapped ? source.reader() : std::make_shared<CopyingReader>(source.reader());
    LogIndexer::Control control;
    control.target.store(target >= 0 ? target : reader->stat().size);
    return LogIndexer::run(*reader, index, control);
}

// Chunks of a mapped file, and chunks read into buffers, end at different sizes.
void TestLogIndex::addPaths()
{
    QTest::addColumn<bool>("mapped");
    QTest::addColumn<qint64>("block");
    QTest::newRow("mapped") << true << LogIndexer::MappedBlockBytes;
    QTest::newRow("read") << false << LogIndexer::BlockBytes;
}

void TestLogIndex::offsetsMatchAPlainArray()
{
    LineOffsets offsets;
    std::vector<qint64> ends;
    QRandomGenerator random(13);
    qint64 position = 0;
    for (int i = 0; i < 100'000; ++i) {
        // Mostly log-sized lines, some empty, a few very long, one beyond 4 GiB in all.
        const int kind = random.bounded(1000);
        const qint64 length = kind == 0 ? random.bounded(1, 5'000'000) : kind < 50 ? 1 : random.bounded(20, 300);
        position += length;
        if (i == 50'000)
            position += qint64(5) << 30;
        ends.push_back(position);
        offsets.append(position);
    }
    QCOMPARE(offsets.size(), qint64(ends.size()));
    for (size_t i = 0; i < ends.size(); i += 37)
        QCOMPARE(offsets.end(qint64(i)), ends[i]);
    QCOMPARE(offsets.end(qint64(ends.size()) - 1), ends.back());
    QCOMPARE(offsets.start(0), 0);
    QCOMPARE(offsets.start(1), ends[0]);

    std::vector<qint64> window(1000);
    offsets.ends(49'900, 1000, window.data());
    QVERIFY(std::equal(window.begin(), window.end(), ends.begin() + 49'900));

    for (int probe = 0; probe < 2000; ++probe) {
        const qint64 offset = qint64(random.generateDouble() * double(ends.back()));
        const auto expected = qint64(std::upper_bound(ends.begin(), ends.end(), offset) - ends.begin());
        QCOMPARE(offsets.lineAt(offset), expected);
    }
    QCOMPARE(offsets.lineAt(0), 0);
    QCOMPARE(offsets.lineAt(ends.back()), qint64(ends.size()));
    offsets.clear();
    QCOMPARE(offsets.size(), 0);
}

void TestLogIndex::offsetsTakeAboutOneByteAndAQuarterPerLine()
{
    LineOffsets offsets;
    QRandomGenerator random(7);
    qint64 position = 0;
    const qint64 lines = 1'000'000;
    for (qint64 i = 0; i < lines; ++i) {
        position += random.bounded(40, 400);
        offsets.append(position);
    }
    const double perLine = double(offsets.usedBytes()) / double(lines);
    QVERIFY2(perLine <= 1.3, qPrintable(u"%1 bytes a line"_s.arg(perLine)));
    QVERIFY2(double(offsets.allocatedBytes()) / double(lines) <= 2.0,
        qPrintable(u"%1 bytes a line allocated"_s.arg(double(offsets.allocatedBytes()) / double(lines))));
}

void TestLogIndex::indexesGeneratedFiles_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<qint64>("lines"); // with the partial line

    QTest::newRow("empty") << QByteArray() << qint64(0);
    QTest::newRow("one line without newline") << "no newline here"_ba << qint64(1);
    QTest::newRow("one empty line") << "\n"_ba << qint64(1);
    QTest::newRow("LF") << "a\nbb\nccc\n"_ba << qint64(3);
    QTest::newRow("no final newline") << "a\nbb\nccc"_ba << qint64(3);
    QTest::newRow("CRLF")
        << "[09/04/2024 13:33:18 > a1b2c3: INFO] one\r\n[09/04/2024 13:33:18 > a1b2c3: ERR ] two\r\n"_ba << qint64(2);
    QTest::newRow("lone CR is not a line break") << "a\rb\r\nc\r"_ba << qint64(2);
    QTest::newRow("invalid UTF-8") << "ok\n\xff\xfe broken\n\xc3 cut\n\x80\x80 continuation\n\xe2\x82\n"_ba
                                   << qint64(5);
    QByteArray many;
    QRandomGenerator random(3);
    for (int i = 0; i < 5000; ++i) {
        many += QByteArray(random.bounded(0, 600), 'x');
        many += i % 3 ? "\r\n" : "\n";
    }
    QTest::newRow("5000 lines of mixed lengths") << many << qint64(5000);
    QByteArray blocks;
    // Lines that straddle the indexer's 1 MiB blocks, and a CR just before a block's end.
    blocks += QByteArray(LogIndexer::BlockBytes - 1, 'y') + "\r\n" + QByteArray(3 * LogIndexer::BlockBytes, 'z') + "\n"
        + "tail";
    QTest::newRow("lines across blocks") << blocks << qint64(3);
}

void TestLogIndex::indexesGeneratedFiles()
{
    QFETCH(QByteArray, content);
    QFETCH(qint64, lines);
    const QString path = write(u"generated.txt"_s, content);
    QVERIFY(!path.isEmpty());
    LogIndex logIndex;
    const LogIndexer::Result result = index(path, logIndex);
    QCOMPARE(result.outcome, LogIndexer::Outcome::Done);
    QCOMPARE(result.scanned, content.size());

    const LogIndex::Snapshot snapshot = logIndex.snapshot();
    const std::vector<qint64> expected = plainEnds(content);
    QCOMPARE(snapshot.completeLines, qint64(expected.size()));
    QCOMPARE(snapshot.lineCount(), lines);
    QCOMPARE(snapshot.scanned, content.size());
    QCOMPARE(snapshot.hasPartialLine(), !content.isEmpty() && !content.endsWith('\n'));
    for (size_t i = 0; i < expected.size(); ++i)
        QCOMPARE(logIndex.lineEnd(qint64(i)), expected[i]);
    if (snapshot.hasPartialLine()) {
        QCOMPARE(logIndex.lineStart(snapshot.completeLines), expected.empty() ? 0 : expected.back());
        QCOMPARE(logIndex.lineEnd(snapshot.completeLines), content.size());
    }
    // Every row maps to a line and back.
    for (qint64 row = 0; row < snapshot.rowCount(); ++row) {
        const LogIndex::RowPosition position = logIndex.rowToLine(row, snapshot);
        QCOMPARE(logIndex.lineToRow(position.line, snapshot) + position.segment, row);
    }
}

void TestLogIndex::indexesAnAppendedTailOnly()
{
    QByteArray content;
    for (int i = 0; i < 3000; ++i)
        content += "[09/04/2024 13:33:18 > a1b2c3: INFO] line " + QByteArray::number(i) + "\r\n";
    const QString path = write(u"growing.txt"_s, content);
    LogIndex logIndex;
    // The first pass stops in the middle of a line: that line is partial until the next pass.
    const qint64 cut = content.size() / 2 + 7;
    QCOMPARE(index(path, logIndex, cut).outcome, LogIndexer::Outcome::Done);
    const LogIndex::Snapshot first = logIndex.snapshot();
    QVERIFY(first.hasPartialLine());
    QCOMPARE(first.scanned, cut);
    const std::vector<qint64> expected = plainEnds(content);
    const auto completeAtCut = qint64(std::upper_bound(expected.begin(), expected.end(), cut) - expected.begin());
    QCOMPARE(first.completeLines, completeAtCut);

    // The second pass starts at the partial line, not at the beginning.
    FileLogSource source(path);
    const std::shared_ptr<LogReader> reader = source.reader();
    LogIndexer::Control control;
    control.target.store(content.size());
    qint64 firstProgress = -1;
    const LogIndexer::Result second = LogIndexer::run(*reader, logIndex, control, [&](qint64 scanned) {
        if (firstProgress < 0)
            firstProgress = scanned;
    });
    QCOMPARE(second.outcome, LogIndexer::Outcome::Done);
    QVERIFY2(firstProgress <= content.size() && firstProgress > first.lastEnd, "one block from the partial line");
    const LogIndex::Snapshot snapshot = logIndex.snapshot();
    QCOMPARE(snapshot.completeLines, 3000);
    QVERIFY(!snapshot.hasPartialLine());
    for (size_t i = 0; i < expected.size(); i += 7)
        QCOMPARE(logIndex.lineEnd(qint64(i)), expected[i]);

    // A target past the end means the log got shorter.
    control.target.store(content.size() + 100);
    QCOMPARE(LogIndexer::run(*reader, logIndex, control).outcome, LogIndexer::Outcome::Shrunk);
}

void TestLogIndex::splitsVeryLongLinesIntoRows()
{
    const qint64 segment = LogIndex::SegmentBytes;
    QByteArray content = "short\n";
    content += QByteArray(segment, 'a') + "\r\n"; // exactly one row: the CR does not count
    content += QByteArray(segment + 1, 'b') + "\n"; // two rows
    content += QByteArray(10 * segment + 5, 'c') + "\r\n"; // eleven rows
    content += "after\n";
    content += QByteArray(3 * segment, 'd'); // a partial line of three rows
    const QString path = write(u"long.txt"_s, content);
    LogIndex logIndex;
    QCOMPARE(index(path, logIndex).outcome, LogIndexer::Outcome::Done);
    const LogIndex::Snapshot snapshot = logIndex.snapshot();
    QCOMPARE(snapshot.lineCount(), 6);
    QCOMPARE(logIndex.segmentsOf(0, snapshot), 1);
    QCOMPARE(logIndex.segmentsOf(1, snapshot), 1);
    QCOMPARE(logIndex.segmentsOf(2, snapshot), 2);
    QCOMPARE(logIndex.segmentsOf(3, snapshot), 11);
    QCOMPARE(logIndex.segmentsOf(4, snapshot), 1);
    QCOMPARE(logIndex.segmentsOf(5, snapshot), 3);
    QCOMPARE(snapshot.rowCount(), 1 + 1 + 2 + 11 + 1 + 3);
    QCOMPARE(logIndex.lineToRow(3, snapshot), 4);
    QCOMPARE(logIndex.rowToLine(4 + 10, snapshot).line, 3);
    QCOMPARE(logIndex.rowToLine(4 + 10, snapshot).segment, 10);
    QCOMPARE(logIndex.rowToLine(15, snapshot).line, 4);
    QCOMPARE(logIndex.rowToLine(17, snapshot).line, 5);
    QCOMPARE(logIndex.rowToLine(17, snapshot).segment, 1);
}

void TestLogIndex::seesACarriageReturnAtTheEndOfAChunk_data()
{
    addPaths();
}

void TestLogIndex::seesACarriageReturnAtTheEndOfAChunk()
{
    QFETCH(bool, mapped);
    QFETCH(qint64, block);
    // The second line holds exactly one row of text; its CR ends the first chunk the indexer
    // reads and its LF starts the second.
    const qint64 segment = LogIndex::SegmentBytes;
    QByteArray content = QByteArray(block - segment - 2, 'p') + "\n";
    content += QByteArray(segment, 'q') + "\r\n";
    QCOMPARE(content.indexOf('\r'), block - 1);
    content += "last\r\n";
    const QString path = write(u"boundary.txt"_s, content);
    LogIndex logIndex;
    QCOMPARE(index(path, logIndex, -1, mapped).outcome, LogIndexer::Outcome::Done);
    const LogIndex::Snapshot snapshot = logIndex.snapshot();
    QCOMPARE(snapshot.lineCount(), 3);
    QCOMPARE(logIndex.lineEnd(1), block + 1);
    QCOMPARE(logIndex.segmentsOf(0, snapshot), LogIndex::segmentsFor(block - segment - 2));
    QCOMPARE(logIndex.segmentsOf(1, snapshot), 1);
}

void TestLogIndex::measuresLongLinesInEveryChunk_data()
{
    addPaths();
}

void TestLogIndex::measuresLongLinesInEveryChunk()
{
    QFETCH(bool, mapped);
    QFETCH(qint64, block);
    // Short and long lines, LF and CRLF, over several chunks: long lines fall inside chunks and
    // across their boundaries. Every line's rows match its length.
    const qint64 segment = LogIndex::SegmentBytes;
    QByteArray content;
    QList<qint64> lengths;
    int n = 0;
    while (content.size() < 3 * block + segment) {
        const qint64 length = n % 97 == 0 ? 3 * segment + n % 5 : 40 + n % 60;
        const bool crlf = n % 3 == 0;
        content += QByteArray(length, char('a' + n % 26)) + (crlf ? "\r\n" : "\n");
        lengths.append(length);
        ++n;
    }
    const QString path = write(u"mixed.txt"_s, content);
    LogIndex logIndex;
    QCOMPARE(index(path, logIndex, -1, mapped).outcome, LogIndexer::Outcome::Done);
    const LogIndex::Snapshot snapshot = logIndex.snapshot();
    QCOMPARE(snapshot.lineCount(), lengths.size());
    qint64 rows = 0;
    for (qsizetype line = 0; line < lengths.size(); ++line) {
        const qint64 expected = LogIndex::segmentsFor(lengths.at(line));
        if (logIndex.segmentsOf(line, snapshot) != expected)
            QFAIL(qPrintable(u"line %1 of %2 bytes: %3 rows, expected %4"_s.arg(line)
                                 .arg(lengths.at(line))
                                 .arg(logIndex.segmentsOf(line, snapshot))
                                 .arg(expected)));
        rows += expected;
    }
    QCOMPARE(snapshot.rowCount(), rows);
}

void TestLogIndex::indexesASparseFileOfSeveralGigabytes()
{
    // 2.5 GiB: a few lines, a hole of zeros (one huge line), a few lines; offsets beyond 2^31.
    const QString path = m_dir.filePath(u"sparse.txt"_s);
    const qint64 size = (qint64(5) << 29);
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        QVERIFY(file.write("[09/04/2024 13:33:18 > a1b2c3: INFO] first\r\nsecond\n") > 0);
        QVERIFY(file.resize(size - 64));
        QVERIFY(file.seek(size - 64));
        const QByteArray end = "\nthe end is near\r\n" + QByteArray(64 - 18 - 5, 'e') + "\nlast";
        QCOMPARE(end.size(), 64);
        QVERIFY(file.write(end) == 64);
    }
    QCOMPARE(QFileInfo(path).size(), size);
    LogIndex logIndex;
    const LogIndexer::Result result = index(path, logIndex);
    QCOMPARE(result.outcome, LogIndexer::Outcome::Done);
    const LogIndex::Snapshot snapshot = logIndex.snapshot();
    QCOMPARE(snapshot.lineCount(), 6);
    QCOMPARE(logIndex.lineEnd(0), 44);
    QCOMPARE(logIndex.lineEnd(1), 51);
    QCOMPARE(logIndex.lineEnd(2), size - 63); // the hole ends with the first newline written
    QCOMPARE(logIndex.lineEnd(3), size - 63 + 17);
    QCOMPARE(logIndex.lineStart(5), size - 4);
    QCOMPARE(logIndex.lineEnd(5), size);
    const qint64 holeRows = LogIndex::segmentsFor(size - 64 - 51);
    QCOMPARE(logIndex.segmentsOf(2, snapshot), holeRows);
    QCOMPARE(snapshot.rowCount(), 5 + holeRows);
    QVERIFY2(logIndex.usedBytes() < 4096, qPrintable(QString::number(logIndex.usedBytes())));
}

void TestLogIndex::mapsWindowsAcrossALargeLog()
{
    // More than two mapping windows, lines across their ends (a CRLF split by one of them):
    // the same line ends as a plain scan.
    QByteArray content;
    QRandomGenerator random(11);
    while (content.size() < 2 * LogIndexer::WindowBytes + 3 * LogIndexer::BlockBytes) {
        content += QByteArray(random.bounded(0, 300), 'w');
        content += random.bounded(2) ? "\r\n" : "\n";
    }
    content.resize(LogIndexer::WindowBytes - 1);
    content += "\r\n" + QByteArray(LogIndexer::WindowBytes + 5 * LogIndexer::BlockBytes / 2, 'v') + "\nend";
    const QString path = write(u"windows.txt"_s, content);
    LogIndex logIndex;
    QCOMPARE(index(path, logIndex).outcome, LogIndexer::Outcome::Done);
    const std::vector<qint64> expected = plainEnds(content);
    const LogIndex::Snapshot snapshot = logIndex.snapshot();
    QCOMPARE(snapshot.completeLines, qint64(expected.size()));
    QCOMPARE(snapshot.scanned, content.size());
    std::vector<qint64> ends(expected.size());
    logIndex.lineEnds(0, qint64(ends.size()), ends.data());
    QVERIFY(ends == expected);
}

void TestLogIndex::survivesAFileTruncatedUnderItsMapping()
{
    const QString path = write(u"truncated.txt"_s, QByteArray(4 << 20, 'x'));
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
    QVERIFY(fd >= 0);
    const std::shared_ptr<const LogMapping> mapping = LogMapping::map(fd, 1, (4 << 20) - 1);
    ::close(fd);
    QVERIFY(mapping);
    qint64 sum = 0;
    auto readAll = [&] {
        for (qint64 i = 0; i < mapping->length(); i += 4096)
            sum += mapping->data()[i];
    };
    QVERIFY(mapping->guard(readAll));
    QCOMPARE(sum, qint64('x') * ((4 << 20) / 4096));

    // A job empties its log while the viewer has it mapped: the read stops, the viewer lives.
    QVERIFY(QFile::resize(path, 4096));
    sum = 0;
    QVERIFY(!mapping->guard(readAll));
    QCOMPARE(sum, qint64('x'));
    // And again: the handler stays armed for the next read.
    QVERIFY(!mapping->guard(readAll));
}

void TestLogIndex::endsAPassWhoseLogIsTruncatedUnderTheMapping()
{
    QByteArray content;
    for (int i = 0; content.size() < 8 * LogIndexer::BlockBytes; ++i)
        content += "[09/04/2024 13:33:18 > a1b2c3: INFO] line " + QByteArray::number(i) + "\n";
    const QString path = write(u"emptied.txt"_s, content);
    FileLogSource source(path);
    const std::shared_ptr<LogReader> reader = source.reader();
    LogIndexer::Control control;
    control.target.store(content.size());
    LogIndex logIndex;
    // After the first chunk, the log is cut to a few lines; the chunks after it are in the
    // window mapped before the cut.
    bool cut = false;
    const LogIndexer::Result result = LogIndexer::run(*reader, logIndex, control, [&](qint64) {
        if (!cut)
            cut = QFile::resize(path, 1000);
    });
    QVERIFY(cut);
    QCOMPARE(result.outcome, LogIndexer::Outcome::Shrunk);
    QVERIFY(result.scanned < content.size());
}

QTEST_MAIN(TestLogIndex)
#include "TestLogIndex.moc"
