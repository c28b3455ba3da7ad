// Kudu's app settings (and ours) read from the environment into HostOptions.

#include "core/host/HostOptions.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace WebJobs;

class TestHostOptions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void defaults();
    void fromEnvironment_data();
    void fromEnvironment();
    void instanceId();
};

void TestHostOptions::defaults()
{
    const HostOptions options;
    QCOMPARE(options.historySize, 50);
    QCOMPARE(options.idleTimeout, std::chrono::milliseconds(120000));
    QCOMPARE(options.restartDelay, std::chrono::milliseconds(60000));
    QCOMPARE(options.minimumUptime, std::chrono::milliseconds(120000));
    QCOMPARE(options.crashLoopThreshold, 5);
    QVERIFY(!options.jobsStopped);
    QVERIFY(!options.schedulesDisabled);
}

void TestHostOptions::fromEnvironment_data()
{
    QTest::addColumn<QString>("variable");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("field");
    QTest::addColumn<qint64>("expected");

    QTest::newRow("restart time") << u"WEBJOBS_RESTART_TIME"_s << u"5"_s << u"restartDelay"_s << qint64(5000);
    QTest::newRow("negative restart time is 0")
        << u"WEBJOBS_RESTART_TIME"_s << u"-3"_s << u"restartDelay"_s << qint64(0);
    QTest::newRow("restart time not a number")
        << u"WEBJOBS_RESTART_TIME"_s << u"soon"_s << u"restartDelay"_s << qint64(60000);
    QTest::newRow("idle timeout") << u"WEBJOBS_IDLE_TIMEOUT"_s << u"30"_s << u"idleTimeout"_s << qint64(30000);
    QTest::newRow("idle timeout 0 ignored")
        << u"WEBJOBS_IDLE_TIMEOUT"_s << u"0"_s << u"idleTimeout"_s << qint64(120000);
    QTest::newRow("history size") << u"WEBJOBS_HISTORY_SIZE"_s << u"5"_s << u"historySize"_s << qint64(5);
    QTest::newRow("history size 0 is 50") << u"WEBJOBS_HISTORY_SIZE"_s << u"0"_s << u"historySize"_s << qint64(50);
    QTest::newRow("minimum uptime") << u"WEBJOBS_MINIMUM_UPTIME"_s << u"10"_s << u"minimumUptime"_s << qint64(10000);
    QTest::newRow("crash loop threshold")
        << u"WEBJOBS_CRASH_LOOP_THRESHOLD"_s << u"3"_s << u"crashLoopThreshold"_s << qint64(3);
    QTest::newRow("stopped 1") << u"WEBJOBS_STOPPED"_s << u"1"_s << u"jobsStopped"_s << qint64(1);
    QTest::newRow("stopped TRUE") << u"WEBJOBS_STOPPED"_s << u"TRUE"_s << u"jobsStopped"_s << qint64(1);
    QTest::newRow("stopped 0") << u"WEBJOBS_STOPPED"_s << u"0"_s << u"jobsStopped"_s << qint64(0);
    QTest::newRow("schedules disabled") << u"WEBJOBS_DISABLE_SCHEDULE"_s << u"true"_s << u"schedulesDisabled"_s
                                        << qint64(1);
}

void TestHostOptions::fromEnvironment()
{
    QFETCH(QString, variable);
    QFETCH(QString, value);
    QFETCH(QString, field);
    QFETCH(qint64, expected);

    QProcessEnvironment environment;
    environment.insert(variable, value);
    const HostOptions options = HostOptions::fromEnvironment(environment, HostOptions());
    const std::map<QString, qint64> fields {
        {u"restartDelay"_s, options.restartDelay.count()},
        {u"idleTimeout"_s, options.idleTimeout.count()},
        {u"historySize"_s, options.historySize},
        {u"minimumUptime"_s, options.minimumUptime.count()},
        {u"crashLoopThreshold"_s, options.crashLoopThreshold},
        {u"jobsStopped"_s, options.jobsStopped ? 1 : 0},
        {u"schedulesDisabled"_s, options.schedulesDisabled ? 1 : 0},
    };
    QCOMPARE(fields.at(field), expected);
}

void TestHostOptions::instanceId()
{
    HostOptions options;
    options.dataRoot = u"/srv/a"_s;
    const QString a = options.effectiveInstanceId();
    QCOMPARE(a.size(), 6);
    QCOMPARE(options.effectiveInstanceId(), a);
    options.dataRoot = u"/srv/b"_s;
    QVERIFY(options.effectiveInstanceId() != a);

    QProcessEnvironment environment;
    environment.insert(u"WEBSITE_INSTANCE_ID"_s, u"0123456789abcdef"_s);
    QCOMPARE(HostOptions::fromEnvironment(environment, HostOptions()).effectiveInstanceId(), u"012345"_s);
}

QTEST_GUILESS_MAIN(TestHostOptions)
#include "TestHostOptions.moc"
