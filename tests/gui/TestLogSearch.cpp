#include "ui/log/FileLogSource.h"
#include "ui/log/LineMatcher.h"
#include "ui/log/LogDocument.h"
#include "ui/log/LogSearch.h"

#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <set>

using namespace Qt::StringLiterals;
using namespace WebJobs;

Q_DECLARE_METATYPE(WebJobs::LogQuery)

// The viewer's search over a generated log in the engine's form (CRLF, levels, a few lines of
// invalid UTF-8, no final newline), several chunks long: its hits are the lines grep -n finds
// in the same file. Cancelling stops it; a new search replaces the old one.
class TestLogSearch : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void findsTheLinesGrepFinds_data();
    void findsTheLinesGrepFinds();
    void filtersByLevel_data();
    void filtersByLevel();
    void combinesTextAndLevels();
    void saysWhyARegularExpressionIsWrong();
    void highlightsWithinALine();
    void streamsHitsInOrderWithProgress();
    void cancels();
    void aNewSearchCancelsTheOld();
    void searchesLinesAppendedLater();

private:
    static std::vector<qint64> grep(const QStringList& arguments, const QString& path);
    std::vector<qint64> run(const LogQuery& query);

    QTemporaryDir m_dir;
    QString m_path;
    LogDocument* m_document = nullptr;
    qint64 m_lines = 0;
};

void TestLogSearch::initTestCase()
{
    // About 24 MB: six chunks of the search.
    QRandomGenerator random(42);
    static const char* const levels[] = {"INFO", "INFO", "INFO", "WARN", "ERR ", "SYS INFO", "SYS WARN", "SYS ERR "};
    static const char* const words[] = {"alpha", "beta", "gamma", "delta", "request", "done", "Timeout", "retry"};
    QByteArray content;
    for (qint64 i = 0; i < 300'000; ++i) {
        content += "[09/04/2024 13:";
        content += QByteArray::number(10 + (i / 60'000)) + ':' + QByteArray::number(10 + (i % 50));
        content += " > a1b2c3: ";
        content += levels[random.bounded(8)];
        content += "] ";
        const int count = random.bounded(3, 12);
        for (int w = 0; w < count; ++w) {
            content += words[random.bounded(8)];
            content += ' ';
        }
        if (i % 997 == 0)
            content += "the needle is here ";
        if (i % 1499 == 0)
            content += "timeout after " + QByteArray::number(random.bounded(1000)) + " ms ";
        // Invalid UTF-8 and accents in the first third only: the other chunks are plain ASCII,
        // which the regular expression reads another way.
        if (i % 4001 == 0 && i < 100'000)
            content += "\xff\xfe broken bytes NeEdLe \xc3";
        if (i % 3001 == 0 && i < 100'000)
            content += i % 2 ? "une N\xc3\x89"
                               "EDLE "
                             : "une n\xc3\xa9"
                               "edle ";
        if (i % 50'000 == 0)
            content += "a line without the engine's prefix follows";
        content += "id=" + QByteArray::number(i);
        content += "\r\n";
        if (i % 50'000 == 0)
            content += "continuation without prefix needle\r\n";
    }
    content += "[09/04/2024 14:00:00 > a1b2c3: ERR ] the last needle has no newline";
    m_path = m_dir.filePath(u"search.txt"_s);
    QFile file(m_path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    QCOMPARE(file.write(content), content.size());
    file.close();
    m_lines = content.count('\n') + 1;

    m_document = new LogDocument(new FileLogSource(m_path));
    QSignalSpy finished(m_document, &LogDocument::indexingFinished);
    m_document->open();
    QVERIFY(finished.wait(60000));
    QCOMPARE(m_document->lineCount(), m_lines);
}

void TestLogSearch::cleanupTestCase()
{
    delete m_document;
}

std::vector<qint64> TestLogSearch::grep(const QStringList& arguments, const QString& path)
{
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"LC_ALL"_s, u"C.UTF-8"_s);
    process.setProcessEnvironment(environment);
    process.start(u"grep"_s, QStringList {u"-n"_s, u"-a"_s} + arguments + QStringList {path});
    process.waitForFinished(60000);
    std::vector<qint64> lines;
    const QList<QByteArray> output = process.readAllStandardOutput().split('\n');
    for (const QByteArray& line : output) {
        const qsizetype colon = line.indexOf(':');
        if (colon > 0)
            lines.push_back(line.left(colon).toLongLong() - 1);
    }
    return lines;
}

std::vector<qint64> TestLogSearch::run(const LogQuery& query)
{
    LogSearch search(m_document);
    QSignalSpy finished(&search, &LogSearch::finished);
    search.start(query);
    if (!finished.wait(60000))
        return {-1};
    return search.hits();
}

void TestLogSearch::findsTheLinesGrepFinds_data()
{
    QTest::addColumn<LogQuery>("query");
    QTest::addColumn<QStringList>("grepArguments");

    const auto query = [](const QString& text, bool regex, bool caseSensitive) {
        LogQuery result;
        result.text = text;
        result.regex = regex;
        result.caseSensitive = caseSensitive;
        return result;
    };
    QTest::newRow("plain, a rare word") << query(u"needle"_s, false, true) << QStringList {u"-F"_s, u"needle"_s};
    QTest::newRow("plain, ignoring case")
        << query(u"NeEdLe"_s, false, false) << QStringList {u"-i"_s, u"-F"_s, u"NeEdLe"_s};
    QTest::newRow("plain, a common word") << query(u"gamma"_s, false, true) << QStringList {u"-F"_s, u"gamma"_s};
    QTest::newRow("plain, with spaces") << query(u"retry done"_s, false, true)
                                        << QStringList {u"-F"_s, u"retry done"_s};
    QTest::newRow("plain, in the prefix") << query(u"SYS ERR"_s, false, true) << QStringList {u"-F"_s, u"SYS ERR"_s};
    QTest::newRow("regex") << query(u"timeout after [0-9]+ ms"_s, true, true)
                           << QStringList {u"-E"_s, u"timeout after [0-9]+ ms"_s};
    QTest::newRow("regex, ignoring case")
        << query(u"timeout after [0-9]+"_s, true, false) << QStringList {u"-i"_s, u"-E"_s, u"timeout after [0-9]+"_s};
    QTest::newRow("regex, anchored") << query(u"^\\[[0-9/]+ [0-9:]+ > [a-f0-9]+: ERR"_s, true, true)
                                     << QStringList {u"-E"_s, u"^\\[[0-9/]+ [0-9:]+ > [a-f0-9]+: ERR"_s};
    QTest::newRow("regex, alternatives") << query(u"(alpha|beta) (gamma|delta) id=[0-9]*7\\b"_s, true, true)
                                         << QStringList {u"-E"_s, u"(alpha|beta) (gamma|delta) id=[0-9]*7\\b"_s};
    QTest::newRow("regex, line start only")
        << query(u"^continuation"_s, true, true) << QStringList {u"-E"_s, u"^continuation"_s};
    QTest::newRow("regex, across lines never")
        << query(u"needle\\s+\\[09"_s, true, true) << QStringList {u"-E"_s, u"needle[[:space:]]+\\[09"_s};
    QTest::newRow("regex, one line at a time")
        << query(u"\\Acontinuation"_s, true, true) << QStringList {u"-E"_s, u"^continuation"_s};
    QTest::newRow("non-ASCII, ignoring case")
        << query(u"NÉEDLE"_s, false, false) << QStringList {u"-i"_s, u"-F"_s, u"NÉEDLE"_s};
    QTest::newRow("non-ASCII, matching case") << query(u"néedle"_s, false, true) << QStringList {u"-F"_s, u"néedle"_s};
    QTest::newRow("regex, invalid UTF-8 around")
        << query(u"bytes [A-Za-z]+ "_s, true, true) << QStringList {u"-E"_s, u"bytes [A-Za-z]+ "_s};
    QTest::newRow("regex, accents") << query(u"une n.edle"_s, true, false)
                                    << QStringList {u"-i"_s, u"-E"_s, u"une n.edle"_s};
}

void TestLogSearch::findsTheLinesGrepFinds()
{
    QFETCH(LogQuery, query);
    QFETCH(QStringList, grepArguments);
    const std::vector<qint64> expected = grep(grepArguments, m_path);
    // Every case finds lines, but one: a match would have to go across a newline.
    QVERIFY2(!expected.empty() || QByteArrayView(QTest::currentDataTag()) == "regex, across lines never",
        "grep finds something");
    const std::vector<qint64> hits = run(query);
    QCOMPARE(hits.size(), expected.size());
    QVERIFY(hits == expected);
}

void TestLogSearch::filtersByLevel_data()
{
    QTest::addColumn<int>("levels");
    QTest::addColumn<QStringList>("grepArguments");
    // Lines without a prefix always pass.
    QTest::newRow("errors only") << int(LogLinePrefix::ShowError | LogLinePrefix::ShowSystem)
                                 << QStringList {u"-v"_s, u"-E"_s, u"^\\[[^]]* > [^:]*: (SYS )?(INFO|WARN)\\]"_s};
    QTest::newRow("no engine messages") << int(LogLinePrefix::ShowInfo | LogLinePrefix::ShowWarning
        | LogLinePrefix::ShowError) << QStringList {u"-v"_s, u"-E"_s, u"^\\[[^]]* > [^:]*: SYS "_s};
    QTest::newRow("warnings and errors of the job")
        << int(LogLinePrefix::ShowWarning | LogLinePrefix::ShowError)
        << QStringList {u"-v"_s, u"-E"_s, u"^\\[[^]]* > [^:]*: (SYS |INFO)"_s};
}

void TestLogSearch::filtersByLevel()
{
    QFETCH(int, levels);
    QFETCH(QStringList, grepArguments);
    LogQuery query;
    query.levels = levels;
    const std::vector<qint64> expected = grep(grepArguments, m_path);
    const std::vector<qint64> hits = run(query);
    QCOMPARE(hits.size(), expected.size());
    QVERIFY(hits == expected);
}

void TestLogSearch::combinesTextAndLevels()
{
    LogQuery query;
    query.text = u"needle"_s;
    query.caseSensitive = true;
    query.levels = LogLinePrefix::ShowError;
    const std::vector<qint64> text = grep({u"-F"_s, u"needle"_s}, m_path);
    const std::vector<qint64> errors = grep({u"-v"_s, u"-E"_s, u"^\\[[^]]* > [^:]*: (SYS |INFO|WARN)"_s}, m_path);
    std::vector<qint64> expected;
    std::set_intersection(text.begin(), text.end(), errors.begin(), errors.end(), std::back_inserter(expected));
    QVERIFY(!expected.empty());
    QVERIFY(run(query) == expected);
}

void TestLogSearch::saysWhyARegularExpressionIsWrong()
{
    LogQuery query;
    query.text = u"timeout (after"_s;
    query.regex = true;
    LogSearch search(m_document);
    QSignalSpy failed(&search, &LogSearch::failed);
    search.start(query);
    QCOMPARE(failed.size(), 1);
    const QString message = failed.at(0).at(0).toString();
    QVERIFY2(message.contains(u"not valid"_s) && message.contains(u"character"_s), qPrintable(message));
    QVERIFY(!search.isRunning());
    QCOMPARE(search.hitCount(), 0);
}

void TestLogSearch::highlightsWithinALine()
{
    LogQuery plain;
    plain.text = u"ab"_s;
    const QList<std::pair<int, int>> expected {{0, 2}, {3, 2}, {8, 2}};
    QCOMPARE(LineMatcher(plain).ranges(u"ab AB xyab"_s), expected);
    plain.caseSensitive = true;
    QCOMPARE(LineMatcher(plain).ranges(u"ab AB xyab"_s).size(), 2);
    LogQuery regex;
    regex.text = u"[0-9]+ ms"_s;
    regex.regex = true;
    const QList<std::pair<int, int>> ms {{14, 6}};
    QCOMPARE(LineMatcher(regex).ranges(u"timeout after 250 ms"_s), ms);
    QVERIFY(LineMatcher(regex).matches("timeout after 250 ms\r\n"));
    QVERIFY(!LineMatcher(regex).matches("timeout after ms\r\n"));
}

void TestLogSearch::streamsHitsInOrderWithProgress()
{
    LogQuery query;
    query.text = u"gamma"_s;
    LogSearch search(m_document);
    QSignalSpy hits(&search, &LogSearch::hitsChanged);
    QSignalSpy progress(&search, &LogSearch::progressChanged);
    QSignalSpy finished(&search, &LogSearch::finished);
    std::vector<qint64> counts;
    connect(&search, &LogSearch::hitsChanged, this, [&] { counts.push_back(search.hitCount()); });
    search.start(query);
    QVERIFY(search.isRunning());
    QVERIFY(finished.wait(60000));
    QCOMPARE(finished.size(), 1);
    QVERIFY2(counts.size() >= 3, "hits come in several steps");
    QVERIFY(std::is_sorted(counts.begin(), counts.end()));
    QVERIFY(std::is_sorted(search.hits().begin(), search.hits().end()));
    QVERIFY(progress.size() >= 3);
    QCOMPARE(progress.last().at(0).toLongLong(), progress.last().at(1).toLongLong());
    QCOMPARE(search.searchedBytes(), search.totalBytes());
    const qint64 firstHit = search.hitAt(0);
    QCOMPARE(search.hitIndexAtOrAfter(firstHit), 0);
    QCOMPARE(search.hitIndexAtOrAfter(firstHit + 1), 1);
    QVERIFY(search.isHit(firstHit));
}

void TestLogSearch::cancels()
{
    // A slow search (a look-behind runs line by line) stopped at once.
    LogQuery query;
    query.text = u"(?<=e)l(t|p)a"_s;
    query.regex = true;
    LogSearch search(m_document);
    QSignalSpy finished(&search, &LogSearch::finished);
    QSignalSpy hits(&search, &LogSearch::hitsChanged);
    search.start(query);
    QVERIFY(search.isRunning());
    search.cancel();
    QVERIFY(!search.isRunning());
    QVERIFY(search.isCancelled());
    QCOMPARE(finished.size(), 1);
    const qint64 count = search.hitCount();
    hits.clear();
    // The chunks already running finish, and are dropped.
    QVERIFY(!hits.wait(500));
    QCOMPARE(search.hitCount(), count);
    QCOMPARE(finished.size(), 1);
}

void TestLogSearch::aNewSearchCancelsTheOld()
{
    LogQuery slow;
    slow.text = u"(?<=e)l(t|p)a"_s;
    slow.regex = true;
    LogQuery fast;
    fast.text = u"needle"_s;
    fast.caseSensitive = true;
    LogSearch search(m_document);
    QSignalSpy finished(&search, &LogSearch::finished);
    search.start(slow);
    search.start(fast);
    QVERIFY(finished.wait(60000));
    QVERIFY(search.hits() == grep({u"-F"_s, u"needle"_s}, m_path));
    QVERIFY(!finished.wait(300));
    QCOMPARE(finished.size(), 1);
}

void TestLogSearch::searchesLinesAppendedLater()
{
    const QString path = m_dir.filePath(u"growing.txt"_s);
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write("one needle\r\ntwo\r\nthree needle unfinished");
    }
    LogDocument document(new FileLogSource(path));
    document.source()->setPollInterval(20);
    document.setWatching(true);
    QSignalSpy indexed(&document, &LogDocument::indexingFinished);
    document.open();
    QVERIFY(indexed.wait());
    LogQuery query;
    query.text = u"needle"_s;
    LogSearch search(&document);
    QSignalSpy finished(&search, &LogSearch::finished);
    search.start(query);
    QVERIFY(finished.wait());
    // The unfinished line counts while it is the last one.
    QCOMPARE(search.hits(), (std::vector<qint64> {0, 2}));
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::Append));
        file.write(" line\r\nfour\r\nfive needle\r\n");
    }
    QTRY_COMPARE(search.hits(), (std::vector<qint64> {0, 2, 4}));
    QTRY_VERIFY(!search.isRunning());
    QCOMPARE(document.lineCount(), 5);
}

QTEST_MAIN(TestLogSearch)
#include "TestLogSearch.moc"
