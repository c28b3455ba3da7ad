#include "core/model/Duration.h"
#include "core/model/Instant.h"

#include <QDateTime>
#include <QTest>
#include <QTimeZone>

#include <limits>

using namespace Qt::StringLiterals;
using namespace WebJobs;

// Instant and Duration as Json.NET writes DateTime and TimeSpan, and Kudu's run ids.
class TestTimeFormats : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void instantToString_data();
    void instantToString();
    void instantParse_data();
    void instantParse();
    void instantParseRefuses_data();
    void instantParseRefuses();
    void instantNowHasSubMillisecondPrecision();
    void instantDateTimeConversion();
    void runId_data();
    void runId();
    void runIdRefuses_data();
    void runIdRefuses();
    void durationToString_data();
    void durationToString();
    void durationParse_data();
    void durationParse();
    void durationParseRefuses_data();
    void durationParseRefuses();
};

namespace {

// The ticks of a UTC date and time plus a number of ticks within the second.
qint64 ticksAt(int y, int mo, int d, int h, int mi, int s, qint64 fraction = 0)
{
    const QDateTime dt(QDate(y, mo, d), QTime(h, mi, s), Qt::UTC);
    return Instant::UnixEpochTicks + dt.toSecsSinceEpoch() * Duration::TicksPerSecond + fraction;
}

} // namespace

void TestTimeFormats::instantToString_data()
{
    QTest::addColumn<qint64>("ticks");
    QTest::addColumn<QString>("text");

    QTest::newRow("unset, no Z") << qint64(0) << u"0001-01-01T00:00:00"_s;
    QTest::newRow("seven digits") << ticksAt(2024, 9, 4, 13, 33, 18, 4631072) << u"2024-09-04T13:33:18.4631072Z"_s;
    QTest::newRow("whole second, no fraction") << ticksAt(2024, 9, 4, 13, 33, 18) << u"2024-09-04T13:33:18Z"_s;
    QTest::newRow("trailing zeros trimmed") << ticksAt(2024, 9, 4, 13, 33, 18, 4600000) << u"2024-09-04T13:33:18.46Z"_s;
    QTest::newRow("leading zeros kept") << ticksAt(2024, 1, 2, 3, 4, 5, 12) << u"2024-01-02T03:04:05.0000012Z"_s;
    QTest::newRow("one tick after zero") << qint64(1) << u"0001-01-01T00:00:00.0000001Z"_s;
    QTest::newRow("unix epoch") << Instant::UnixEpochTicks << u"1970-01-01T00:00:00Z"_s;
    QTest::newRow("max value") << Instant::MaxTicks << u"9999-12-31T23:59:59.9999999Z"_s;
    QTest::newRow("leap day") << ticksAt(2024, 2, 29, 23, 59, 59, 9000000) << u"2024-02-29T23:59:59.9Z"_s;
}

void TestTimeFormats::instantToString()
{
    QFETCH(qint64, ticks);
    QFETCH(QString, text);
    QCOMPARE(Instant::fromTicks(ticks).toString(), text);
}

void TestTimeFormats::instantParse_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("ticks");

    QTest::newRow("Kudu's form") << u"2024-09-04T13:33:18.4631072Z"_s << ticksAt(2024, 9, 4, 13, 33, 18, 4631072);
    QTest::newRow("no fraction") << u"2024-09-04T13:33:18Z"_s << ticksAt(2024, 9, 4, 13, 33, 18);
    QTest::newRow("unset") << u"0001-01-01T00:00:00"_s << qint64(0);
    QTest::newRow("three digits") << u"2024-09-04T13:33:18.463Z"_s << ticksAt(2024, 9, 4, 13, 33, 18, 4630000);
    QTest::newRow("one digit") << u"2024-09-04T13:33:18.4Z"_s << ticksAt(2024, 9, 4, 13, 33, 18, 4000000);
    QTest::newRow("nine digits truncated")
        << u"2024-09-04T13:33:18.463107299Z"_s << ticksAt(2024, 9, 4, 13, 33, 18, 4631072);
    QTest::newRow("no zone is UTC") << u"2024-09-04T13:33:18.5"_s << ticksAt(2024, 9, 4, 13, 33, 18, 5000000);
    QTest::newRow("positive offset") << u"2024-09-04T15:33:18.5+02:00"_s << ticksAt(2024, 9, 4, 13, 33, 18, 5000000);
    QTest::newRow("negative offset") << u"2024-09-04T08:33:18-05:00"_s << ticksAt(2024, 9, 4, 13, 33, 18);
    QTest::newRow("offset without colon") << u"2024-09-04T19:03:18+0530"_s << ticksAt(2024, 9, 4, 13, 33, 18);
    QTest::newRow("hour-only offset") << u"2024-09-04T14:33:18+01"_s << ticksAt(2024, 9, 4, 13, 33, 18);
    QTest::newRow("offset crosses midnight") << u"2024-09-04T23:30:00-01:00"_s << ticksAt(2024, 9, 5, 0, 30, 0);
    QTest::newRow("lower-case t and z") << u"2024-09-04t13:33:18z"_s << ticksAt(2024, 9, 4, 13, 33, 18);
    QTest::newRow("surrounding spaces") << u"  2024-09-04T13:33:18Z "_s << ticksAt(2024, 9, 4, 13, 33, 18);
}

void TestTimeFormats::instantParse()
{
    QFETCH(QString, text);
    QFETCH(qint64, ticks);
    const std::optional<Instant> instant = Instant::parse(text);
    QVERIFY(instant.has_value());
    QCOMPARE(instant->ticks(), ticks);
}

void TestTimeFormats::instantParseRefuses_data()
{
    QTest::addColumn<QString>("text");

    QTest::newRow("empty") << QString();
    QTest::newRow("date only") << u"2024-09-04"_s;
    QTest::newRow("no seconds") << u"2024-09-04T13:33Z"_s;
    QTest::newRow("space separator") << u"2024-09-04 13:33:18Z"_s;
    QTest::newRow("month 13") << u"2024-13-04T13:33:18Z"_s;
    QTest::newRow("30 February") << u"2024-02-30T13:33:18Z"_s;
    QTest::newRow("hour 24") << u"2024-09-04T24:00:00Z"_s;
    QTest::newRow("empty fraction") << u"2024-09-04T13:33:18.Z"_s;
    QTest::newRow("trailing text") << u"2024-09-04T13:33:18Zx"_s;
    QTest::newRow("bad offset") << u"2024-09-04T13:33:18+2:00"_s;
    QTest::newRow("year zero") << u"0000-01-01T00:00:00Z"_s;
    QTest::newRow("before year 1 after offset") << u"0001-01-01T00:00:00+01:00"_s;
}

void TestTimeFormats::instantParseRefuses()
{
    QFETCH(QString, text);
    QVERIFY(!Instant::parse(text).has_value());
}

void TestTimeFormats::instantNowHasSubMillisecondPrecision()
{
    // The system clock has at least microsecond resolution on Linux: among a few readings one
    // has a non-zero digit below the millisecond.
    bool subMillisecond = false;
    for (int i = 0; i < 100 && !subMillisecond; ++i)
        subMillisecond = Instant::now().ticks() % Duration::TicksPerMillisecond != 0;
    QVERIFY(subMillisecond);

    const qint64 before = QDateTime::currentMSecsSinceEpoch();
    const Instant now = Instant::now();
    const qint64 after = QDateTime::currentMSecsSinceEpoch();
    QVERIFY(now.toMSecsSinceEpoch() >= before);
    QVERIFY(now.toMSecsSinceEpoch() <= after);
}

void TestTimeFormats::instantDateTimeConversion()
{
    const QDateTime paris(QDate(2024, 9, 4), QTime(15, 33, 18, 463), QTimeZone("Europe/Paris"));
    const Instant instant = Instant::fromDateTime(paris);
    QCOMPARE(instant.toString(), u"2024-09-04T13:33:18.463Z"_s);
    QCOMPARE(instant.toDateTime(), paris);
    QCOMPARE(instant.toDateTime().timeSpec(), Qt::UTC);

    // Below the millisecond is truncated by QDateTime.
    QCOMPARE(Instant::fromTicks(ticksAt(2024, 9, 4, 13, 33, 18, 4631072)).toDateTime(),
        QDateTime(QDate(2024, 9, 4), QTime(13, 33, 18, 463), Qt::UTC));

    QVERIFY(Instant::fromDateTime(QDateTime()).isNull());
    QVERIFY(!Instant().toDateTime().isValid());

    // Arithmetic with durations.
    const Instant start = Instant::fromTicks(ticksAt(2024, 9, 4, 13, 33, 18, 4631072));
    const Instant end = Instant::fromTicks(ticksAt(2024, 9, 4, 13, 33, 25, 61213));
    QCOMPARE((end - start).toString(), u"00:00:06.5430141"_s);
    QCOMPARE(start + (end - start), end);
    QVERIFY(start < end);
}

void TestTimeFormats::runId_data()
{
    QTest::addColumn<qint64>("ticks");
    QTest::addColumn<QString>("runId");
    QTest::addColumn<qint64>("backTicks");

    QTest::newRow("Kudu's example, fraction truncated") << ticksAt(2024, 9, 4, 13, 33, 18,
        4631072) << u"202409041333184631"_s << ticksAt(2024, 9, 4, 13, 33, 18, 4631000);
    QTest::newRow("whole second") << ticksAt(2024, 1, 2, 3, 4, 5) << u"202401020304050000"_s
                                  << ticksAt(2024, 1, 2, 3, 4, 5);
    QTest::newRow("last ten-thousandth") << ticksAt(2024, 12, 31, 23, 59, 59, 9999999) << u"202412312359599999"_s
                                         << ticksAt(2024, 12, 31, 23, 59, 59, 9999000);
}

void TestTimeFormats::runId()
{
    QFETCH(qint64, ticks);
    QFETCH(QString, runId);
    QFETCH(qint64, backTicks);

    QCOMPARE(Instant::fromTicks(ticks).toRunId(), runId);
    QCOMPARE(Instant::fromTicks(ticks).toRunId().size(), 18);
    const std::optional<Instant> back = Instant::fromRunId(runId);
    QVERIFY(back.has_value());
    QCOMPARE(back->ticks(), backTicks);
    QCOMPARE(back->toRunId(), runId);
}

void TestTimeFormats::runIdRefuses_data()
{
    QTest::addColumn<QString>("runId");

    QTest::newRow("14 digits, the wiki's form") << u"20240904133318"_s;
    QTest::newRow("19 digits") << u"2024090413331846310"_s;
    QTest::newRow("letters") << u"2024090413331846a1"_s;
    QTest::newRow("month 13") << u"202413041333184631"_s;
    QTest::newRow("minute 60") << u"202409041360184631"_s;
    QTest::newRow("empty") << QString();
}

void TestTimeFormats::runIdRefuses()
{
    QFETCH(QString, runId);
    QVERIFY(!Instant::fromRunId(runId).has_value());
}

void TestTimeFormats::durationToString_data()
{
    QTest::addColumn<qint64>("ticks");
    QTest::addColumn<QString>("text");

    QTest::newRow("zero") << qint64(0) << u"00:00:00"_s;
    QTest::newRow("Kudu's example") << qint64(65430141) << u"00:00:06.5430141"_s;
    QTest::newRow("seven digits even with trailing zeros")
        << 15 * Duration::TicksPerSecond / 10 << u"00:00:01.5000000"_s;
    QTest::newRow("day part") << Duration::TicksPerDay + 2 * Duration::TicksPerHour + 3 * Duration::TicksPerMinute
            + 4 * Duration::TicksPerSecond
                              << u"1.02:03:04"_s;
    QTest::newRow("many days") << 123 * Duration::TicksPerDay << u"123.00:00:00"_s;
    QTest::newRow("one tick") << qint64(1) << u"00:00:00.0000001"_s;
    QTest::newRow("negative") << -(Duration::TicksPerDay + Duration::TicksPerHour + 5) << u"-1.01:00:00.0000005"_s;
    QTest::newRow("negative below a day") << -15 * Duration::TicksPerSecond / 10 << u"-00:00:01.5000000"_s;
    QTest::newRow("TimeSpan.MaxValue") << std::numeric_limits<qint64>::max() << u"10675199.02:48:05.4775807"_s;
    QTest::newRow("TimeSpan.MinValue") << std::numeric_limits<qint64>::min() << u"-10675199.02:48:05.4775808"_s;
}

void TestTimeFormats::durationToString()
{
    QFETCH(qint64, ticks);
    QFETCH(QString, text);
    QCOMPARE(Duration::fromTicks(ticks).toString(), text);
    // Every text written reads back to the same value.
    const std::optional<Duration> back = Duration::parse(text);
    QVERIFY(back.has_value());
    QCOMPARE(back->ticks(), ticks);
}

void TestTimeFormats::durationParse_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("ticks");

    QTest::newRow("bare days") << u"3"_s << 3 * Duration::TicksPerDay;
    QTest::newRow("hours and minutes") << u"01:30"_s << 90 * Duration::TicksPerMinute;
    QTest::newRow("fewer fraction digits") << u"00:00:06.5"_s << qint64(65000000);
    QTest::newRow("single-digit fields") << u"1:2:3"_s
                                         << Duration::TicksPerHour + 2 * Duration::TicksPerMinute
            + 3 * Duration::TicksPerSecond;
    QTest::newRow("negative days") << u"-2.00:00:00"_s << -2 * Duration::TicksPerDay;
    QTest::newRow("spaces") << u" 00:00:01 "_s << Duration::TicksPerSecond;
}

void TestTimeFormats::durationParse()
{
    QFETCH(QString, text);
    QFETCH(qint64, ticks);
    const std::optional<Duration> duration = Duration::parse(text);
    QVERIFY(duration.has_value());
    QCOMPARE(duration->ticks(), ticks);
}

void TestTimeFormats::durationParseRefuses_data()
{
    QTest::addColumn<QString>("text");

    QTest::newRow("empty") << QString();
    QTest::newRow("hour 24") << u"24:00:00"_s;
    QTest::newRow("minute 60") << u"00:60:00"_s;
    QTest::newRow("eight fraction digits") << u"00:00:00.12345678"_s;
    QTest::newRow("fraction without seconds") << u"00:00.5"_s;
    QTest::newRow("days without time") << u"1."_s;
    QTest::newRow("letters") << u"00:0a:00"_s;
    QTest::newRow("too large") << u"10675200.00:00:00"_s;
    QTest::newRow("double sign") << u"--1"_s;
}

void TestTimeFormats::durationParseRefuses()
{
    QFETCH(QString, text);
    QVERIFY(!Duration::parse(text).has_value());
}

QTEST_GUILESS_MAIN(TestTimeFormats)
#include "TestTimeFormats.moc"
