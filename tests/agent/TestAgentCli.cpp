// The webjobs-agent program as a user runs it: --help, --version and the schedule command,
// each through a real process.

#include <QProcess>
#include <QTemporaryFile>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

struct Result
{
    int exitCode = -1;
    QString out;
    QString err;
};

Result runAgent(const QStringList& arguments, const QByteArray& input = {}, const QString& language = u"en"_s)
{
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"LANGUAGE"_s, language);
    environment.insert(u"LANG"_s, language == u"fr" ? u"fr_FR.UTF-8"_s : u"en_US.UTF-8"_s);
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(WEBJOBS_AGENT_PATH), arguments);
    if (!process.waitForStarted())
        return {};
    if (!input.isEmpty())
        process.write(input);
    process.closeWriteChannel();
    process.waitForFinished(60000);
    return {process.exitCode(), QString::fromUtf8(process.readAllStandardOutput()),
        QString::fromUtf8(process.readAllStandardError())};
}

QStringList lines(const QString& text)
{
    return text.split(u'\n', Qt::SkipEmptyParts);
}

} // namespace

class TestAgentCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void versionOption();
    void helpOption();
    void scheduleHelp();
    void scheduleCron_data();
    void scheduleCron();
    void scheduleRecurrence_data();
    void scheduleRecurrence();
    void scheduleReadsStandardInput();
    void scheduleInvalidInput_data();
    void scheduleInvalidInput();
    void scheduleErrorInFrench();
};

void TestAgentCli::versionOption()
{
    const Result result = runAgent({u"--version"_s});
    QCOMPARE(result.exitCode, 0);
    QVERIFY2(result.out.contains(QStringLiteral(WEBJOBS_VERSION)), qPrintable(result.out));
}

void TestAgentCli::helpOption()
{
    const Result result = runAgent({u"--help"_s});
    QCOMPARE(result.exitCode, 0);
    QVERIFY(result.out.contains(u"schedule"_s));
    QVERIFY(result.out.contains(u"--version"_s));
}

void TestAgentCli::scheduleHelp()
{
    const Result result = runAgent({u"schedule"_s, u"--help"_s});
    QCOMPARE(result.exitCode, 0);
    for (const auto& option : {u"--recurrence"_s, u"--cron"_s, u"--now"_s, u"--count"_s, u"--time-zone"_s})
        QVERIFY2(result.out.contains(option), qPrintable(option));
}

void TestAgentCli::scheduleCron_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("every 15 minutes, 3") << QStringList {u"--cron"_s, u"0 */15 * * * *"_s, u"--now"_s,
        u"2024-01-01T00:00:00Z"_s, u"--count"_s,
        u"3"_s} << QStringList {u"2024-01-01T00:15:00Z"_s, u"2024-01-01T00:30:00Z"_s, u"2024-01-01T00:45:00Z"_s};
    QTest::newRow("default count is 10") << QStringList {u"--cron"_s, u"0 0 12 * * *"_s, u"--now"_s,
        u"2024-01-01T13:00:00Z"_s}
                                         << QStringList {u"2024-01-02T12:00:00Z"_s, u"2024-01-03T12:00:00Z"_s,
                                                u"2024-01-04T12:00:00Z"_s, u"2024-01-05T12:00:00Z"_s,
                                                u"2024-01-06T12:00:00Z"_s, u"2024-01-07T12:00:00Z"_s,
                                                u"2024-01-08T12:00:00Z"_s, u"2024-01-09T12:00:00Z"_s,
                                                u"2024-01-10T12:00:00Z"_s, u"2024-01-11T12:00:00Z"_s};
    QTest::newRow("Paris wall clock") << QStringList {u"--cron"_s, u"0 30 9 * * Mon-Fri"_s, u"--now"_s,
        u"2024-05-04T00:00:00Z"_s, u"--count"_s, u"2"_s, u"--time-zone"_s, u"Europe/Paris"_s}
                                      << QStringList {u"2024-05-06T07:30:00Z"_s, u"2024-05-07T07:30:00Z"_s};
    QTest::newRow("now without offset is UTC")
        << QStringList {u"--cron"_s, u"0 0 * * * *"_s, u"--now"_s, u"2024-01-01T10:30:00"_s, u"--count"_s, u"1"_s}
        << QStringList {u"2024-01-01T11:00:00Z"_s};
    QTest::newRow("never fires: 30 February")
        << QStringList {u"--cron"_s, u"0 0 0 30 2 *"_s, u"--now"_s, u"2024-01-01T00:00:00Z"_s} << QStringList {};
}

void TestAgentCli::scheduleCron()
{
    QFETCH(QStringList, arguments);
    QFETCH(QStringList, expected);
    const Result result = runAgent(QStringList {u"schedule"_s} + arguments);
    QCOMPARE(result.err, QString());
    QCOMPARE(result.exitCode, 0);
    QCOMPARE(lines(result.out), expected);
}

void TestAgentCli::scheduleRecurrence_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("now");
    QTest::addColumn<int>("count");
    QTest::addColumn<QStringList>("expected");

    // docs/schedules.md 1.2: a start in the past runs on the start time's grid from now on.
    QTest::newRow("every 2 days from a past start")
        << R"({"startTime": "2015-04-07T14:00:00Z", "recurrence": {"frequency": "day", "interval": 2}})"_ba
        << u"2015-04-08T13:00:00Z"_s << 3
        << QStringList {u"2015-04-09T14:00:00Z"_s, u"2015-04-11T14:00:00Z"_s, u"2015-04-13T14:00:00Z"_s};
    QTest::newRow("no start time runs immediately")
        << R"({"recurrence": {"frequency": "hour", "interval": 1}})"_ba << u"2024-01-01T10:20:30Z"_s << 3
        << QStringList {u"2024-01-01T10:20:30Z"_s, u"2024-01-01T11:20:30Z"_s, u"2024-01-01T12:20:30Z"_s};
    QTest::newRow("one-time in the past runs immediately")
        << R"({"startTime": "2020-01-01T00:00:00Z"})"_ba << u"2024-01-01T10:00:00Z"_s << 10
        << QStringList {u"2024-01-01T10:00:00Z"_s};
    QTest::newRow("one-time in the future")
        << R"({"startTime": "2024-02-01T08:00:00Z"})"_ba << u"2024-01-01T10:00:00Z"_s << 10
        << QStringList {u"2024-02-01T08:00:00Z"_s};
    QTest::newRow("last Friday at 17:00")
        << R"({"startTime": "2024-05-01T00:00:00Z", "recurrence": {"frequency": "month", "interval": 1,
              "schedule": {"monthlyOccurrences": [{"day": "friday", "occurrence": -1}], "hours": [17], "minutes": [0]}}})"_ba
        << u"2024-05-06T00:00:00Z"_s << 3
        << QStringList {u"2024-05-31T17:00:00Z"_s, u"2024-06-28T17:00:00Z"_s, u"2024-07-26T17:00:00Z"_s};
    QTest::newRow("count ends the series")
        << R"({"startTime": "2024-01-01T09:00:00Z", "recurrence": {"frequency": "day", "count": 2}})"_ba
        << u"2023-12-31T00:00:00Z"_s << 10 << QStringList {u"2024-01-01T09:00:00Z"_s, u"2024-01-02T09:00:00Z"_s};
}

void TestAgentCli::scheduleRecurrence()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, now);
    QFETCH(int, count);
    QFETCH(QStringList, expected);

    QTemporaryFile file;
    QVERIFY(file.open());
    file.write(json);
    file.flush();
    const Result result = runAgent(
        {u"schedule"_s, u"--recurrence"_s, file.fileName(), u"--now"_s, now, u"--count"_s, QString::number(count)});
    QCOMPARE(result.err, QString());
    QCOMPARE(result.exitCode, 0);
    QCOMPARE(lines(result.out), expected);
}

void TestAgentCli::scheduleReadsStandardInput()
{
    const Result result = runAgent(
        {u"schedule"_s, u"--recurrence"_s, u"-"_s, u"--now"_s, u"2024-03-01T06:00:00Z"_s, u"--count"_s, u"2"_s},
        R"({"startTime": "2024-03-01T07:00:00Z", "recurrence": {"frequency": "week", "interval": 1}})"_ba);
    QCOMPARE(result.exitCode, 0);
    QCOMPARE(lines(result.out), (QStringList {u"2024-03-01T07:00:00Z"_s, u"2024-03-08T07:00:00Z"_s}));
}

void TestAgentCli::scheduleInvalidInput_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("mentions");

    const QString now = u"2024-01-01T00:00:00Z"_s;
    QTest::newRow("cron with five fields")
        << QStringList {u"--cron"_s, u"*/5 * * * *"_s, u"--now"_s, now} << QByteArray() << u"six"_s;
    QTest::newRow("cron minute out of range")
        << QStringList {u"--cron"_s, u"0 75 * * * *"_s, u"--now"_s, now} << QByteArray() << u"minute"_s;
    QTest::newRow("missing --now") << QStringList {u"--cron"_s, u"0 0 * * * *"_s} << QByteArray() << u"--now"_s;
    QTest::newRow("bad --now") << QStringList {u"--cron"_s, u"0 0 * * * *"_s, u"--now"_s, u"yesterday"_s}
                               << QByteArray() << u"yesterday"_s;
    QTest::newRow("neither --cron nor --recurrence") << QStringList {u"--now"_s, now} << QByteArray() << u"--cron"_s;
    QTest::newRow("both --cron and --recurrence") << QStringList {u"--cron"_s, u"0 0 * * * *"_s, u"--recurrence"_s,
        u"-"_s, u"--now"_s, now} << QByteArray() << u"--recurrence"_s;
    QTest::newRow("bad --count") << QStringList {u"--cron"_s, u"0 0 * * * *"_s, u"--now"_s, now, u"--count"_s, u"0"_s}
                                 << QByteArray() << u"--count"_s;
    QTest::newRow("unknown time zone") << QStringList {u"--cron"_s, u"0 0 * * * *"_s, u"--now"_s, now, u"--time-zone"_s,
        u"Mars/Olympus"_s} << QByteArray()
                                       << u"Mars/Olympus"_s;
    QTest::newRow("missing file") << QStringList {u"--recurrence"_s, u"/nonexistent/job.json"_s, u"--now"_s, now}
                                  << QByteArray() << u"/nonexistent/job.json"_s;
    QTest::newRow("not JSON") << QStringList {u"--recurrence"_s, u"-"_s, u"--now"_s, now} << "{nope"_ba << u"JSON"_s;
    QTest::newRow("unknown frequency") << QStringList {u"--recurrence"_s, u"-"_s, u"--now"_s, now}
                                       << R"({"recurrence": {"frequency": "year"}})"_ba << u"frequency"_s;
    QTest::newRow("end before creation") << QStringList {u"--recurrence"_s, u"-"_s, u"--now"_s,
        now} << R"({"recurrence": {"frequency": "day", "endTime": "2023-06-01T00:00:00Z"}})"_ba
                                         << u"endTime"_s;
    QTest::newRow("stray argument") << QStringList {u"--cron"_s, u"0 0 * * * *"_s, u"--now"_s, now, u"extra"_s}
                                    << QByteArray() << u"extra"_s;
}

void TestAgentCli::scheduleInvalidInput()
{
    QFETCH(QStringList, arguments);
    QFETCH(QByteArray, input);
    QFETCH(QString, mentions);
    const Result result = runAgent(QStringList {u"schedule"_s} + arguments, input);
    QCOMPARE(result.exitCode, 2);
    QCOMPARE(result.out, QString());
    QVERIFY2(result.err.contains(mentions), qPrintable(result.err));
}

void TestAgentCli::scheduleErrorInFrench()
{
    const Result english = runAgent({u"schedule"_s, u"--cron"_s, u"0 0 * * * *"_s});
    const Result french = runAgent({u"schedule"_s, u"--cron"_s, u"0 0 * * * *"_s}, {}, u"fr"_s);
    QCOMPARE(french.exitCode, 2);
    QVERIFY(!french.err.isEmpty());
    QVERIFY2(french.err != english.err, qPrintable(french.err));
    QVERIFY2(french.err.contains(u"instant"_s) || french.err.contains(u"--now"_s), qPrintable(french.err));
}

QTEST_GUILESS_MAIN(TestAgentCli)
#include "TestAgentCli.moc"
