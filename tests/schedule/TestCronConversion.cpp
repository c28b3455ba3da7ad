// Recurrence -> NCRONTAB (CronConversion::toCron), on both sides of the line:
//  - a recurrence that converts gives the expected text, and its first runs (Recurrence::runs)
//    are exactly the expression's first occurrences after the saving time (CronExpression::next);
//  - one that does not gives the sentence that names the obstacle, and the closest expression
//    one might write by hand indeed runs at other times.

#include "core/schedule/CronConversion.h"
#include "core/schedule/CronExpression.h"
#include "core/schedule/Recurrence.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace WebJobs;

namespace {

constexpr int Compared = 200;

QDateTime instant(const QString& iso)
{
    return QDateTime::fromString(iso, Qt::ISODate).toUTC();
}

std::optional<Recurrence> recurrenceOf(const QString& json, const QString& zone)
{
    QString error;
    std::optional<Recurrence> recurrence
        = Recurrence::fromJson(QJsonDocument::fromJson(json.toUtf8()).object(), &error);
    if (!recurrence) {
        qWarning().noquote() << "bad test recurrence:" << error;
        return std::nullopt;
    }
    if (!zone.isEmpty())
        recurrence->setTimeZone(QTimeZone(zone.toUtf8()));
    return recurrence;
}

QList<QDateTime> cronRuns(const QString& text, const QDateTime& created, int count)
{
    // Runs of a job saved at `created` happen at or after it; next() is strictly after.
    return CronExpression::parse(text).occurrences(created.addMSecs(-1), count);
}

} // namespace

class TestCronConversion : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void convertsWithTheSameRuns_data();
    void convertsWithTheSameRuns();
    void refusesWithTheReason_data();
    void refusesWithTheReason();
    void reasonIsOptional();
};

void TestCronConversion::convertsWithTheSameRuns_data()
{
    QTest::addColumn<QString>("json");
    QTest::addColumn<QString>("zone");
    QTest::addColumn<QString>("created");
    QTest::addColumn<QString>("expected");

    const QString created = u"2024-05-06T12:34:56Z"_s;
    QTest::newRow("daily at 09:30") << uR"({"startTime":"2024-01-01T09:30:00Z","recurrence":{"frequency":"day"}})"_s
                                    << QString() << created << u"0 30 9 * * *"_s;
    QTest::newRow("daily at the start's time and second")
        << uR"({"startTime":"2024-01-01T08:15:42","recurrence":{"frequency":"day"}})"_s << QString() << created
        << u"42 15 8 * * *"_s;
    QTest::newRow("daily, hours and minutes")
        << uR"({"startTime":"2024-01-01T00:00:00Z","recurrence":{"frequency":"day",
                "schedule":{"hours":[6,18],"minutes":[0,30]}}})"_s
        << QString() << created << u"0 0,30 6,18 * * *"_s;
    QTest::newRow("daily, minutes alone run every hour")
        << uR"({"startTime":"2024-01-01T07:00:00Z","recurrence":{"frequency":"day","schedule":{"minutes":[15]}}})"_s
        << QString() << created << u"0 15 * * * *"_s;
    QTest::newRow("daily, explicit UTC zone")
        << uR"({"startTime":"2024-01-01T09:30:00","recurrence":{"frequency":"day"}})"_s << u"Etc/UTC"_s << created
        << u"0 30 9 * * *"_s;
    QTest::newRow("start with an offset")
        << uR"({"startTime":"2024-01-01T10:30:00+02:00","recurrence":{"frequency":"day"}})"_s << QString() << created
        << u"0 30 8 * * *"_s;
    QTest::newRow("every 15 minutes from :05")
        << uR"({"startTime":"2024-01-01T00:05:00Z","recurrence":{"frequency":"minute","interval":15}})"_s << QString()
        << created << u"0 5/15 * * * *"_s;
    QTest::newRow("every minute") << uR"({"startTime":"2024-01-01T00:00:10Z","recurrence":{"frequency":"minute"}})"_s
                                  << QString() << created << u"10 * * * * *"_s;
    QTest::newRow("every 30 minutes in office hours")
        << uR"({"startTime":"2024-01-01T00:00:00Z","recurrence":{"frequency":"minute","interval":30,
                "schedule":{"hours":[9,10,11,12,13,14,15,16,17]}}})"_s
        << QString() << created << u"0 0,30 9-17 * * *"_s;
    QTest::newRow("every 10 minutes, minutes filter")
        << uR"({"startTime":"2024-01-01T00:00:00Z","recurrence":{"frequency":"minute","interval":10,
                "schedule":{"minutes":[0,20,25]}}})"_s
        << QString() << created << u"0 0,20 * * * *"_s;
    QTest::newRow("every 120 minutes")
        << uR"({"startTime":"2024-01-01T01:10:00Z","recurrence":{"frequency":"minute","interval":120}})"_s << QString()
        << created << u"0 10 1/2 * * *"_s;
    QTest::newRow("every 720 minutes")
        << uR"({"startTime":"2024-01-01T23:59:00Z","recurrence":{"frequency":"minute","interval":720}})"_s << QString()
        << created << u"0 59 11,23 * * *"_s;
    QTest::newRow("every 2 hours from 01:00")
        << uR"({"startTime":"2024-01-01T01:00:00Z","recurrence":{"frequency":"hour","interval":2}})"_s << QString()
        << created << u"0 0 1/2 * * *"_s;
    QTest::newRow("every 6 hours at :00 and :30")
        << uR"({"startTime":"2024-01-01T00:00:00Z","recurrence":{"frequency":"hour","interval":6,
                "schedule":{"minutes":[0,30]}}})"_s
        << QString() << created << u"0 0,30 */6 * * *"_s;
    QTest::newRow("hourly at :15 in two hours")
        << uR"({"startTime":"2024-01-01T00:00:00Z","recurrence":{"frequency":"hour",
                "schedule":{"hours":[8,12],"minutes":[15]}}})"_s
        << QString() << created << u"0 15 8,12 * * *"_s;
    QTest::newRow("every 8 hours, hours filter")
        << uR"({"startTime":"2024-01-01T02:00:00Z","recurrence":{"frequency":"hour","interval":8,
                "schedule":{"hours":[2,10,11]}}})"_s
        << QString() << created << u"0 0 2,10 * * *"_s;
    QTest::newRow("weekdays at 09:00") << uR"({"startTime":"2024-01-01T09:00:00Z","recurrence":{"frequency":"week",
                "schedule":{"weekDays":["monday","tuesday","wednesday","thursday","friday"]}}})"_s
                                       << QString() << created << u"0 0 9 * * 1-5"_s;
    QTest::newRow("weekly on the start's day, a Sunday")
        << uR"({"startTime":"2024-01-07T18:00:00Z","recurrence":{"frequency":"week"}})"_s << QString() << created
        << u"0 0 18 * * 0"_s;
    QTest::newRow("weekends") << uR"({"startTime":"2024-01-01T10:00:00Z","recurrence":{"frequency":"week",
                "schedule":{"weekDays":["sunday","saturday"],"hours":[10],"minutes":[0]}}})"_s
                              << QString() << created << u"0 0 10 * * 0,6"_s;
    QTest::newRow("every 15 minutes on weekdays")
        << uR"({"startTime":"2024-01-01T00:00:00Z","recurrence":{"frequency":"week",
                "schedule":{"weekDays":["monday","tuesday","wednesday","thursday","friday"],
                            "minutes":[0,15,30,45]}}})"_s
        << QString() << created << u"0 */15 * * * 1-5"_s;
    QTest::newRow("1st and 15th at 06:00") << uR"({"startTime":"2024-01-01T00:00:00Z","recurrence":{"frequency":"month",
                "schedule":{"monthDays":[15,1],"hours":[6],"minutes":[0]}}})"_s
                                           << QString() << created << u"0 0 6 1,15 * *"_s;
    QTest::newRow("monthly from the 31st skips short months")
        << uR"({"startTime":"2024-01-31T12:00:00Z","recurrence":{"frequency":"month"}})"_s << QString() << created
        << u"0 0 12 31 * *"_s;
    QTest::newRow("first Friday at 05:00") << uR"({"startTime":"2024-01-01T00:00:00Z","recurrence":{"frequency":"month",
                "schedule":{"monthlyOccurrences":[{"day":"friday","occurrence":1}],"hours":[5],"minutes":[0]}}})"_s
                                           << QString() << created << u"0 0 5 1-7 * 5"_s;
    QTest::newRow("third Wednesday") << uR"({"startTime":"2024-01-01T17:15:00Z","recurrence":{"frequency":"month",
                "schedule":{"monthlyOccurrences":[{"day":"wednesday","occurrence":3}]}}})"_s
                                     << QString() << created << u"0 15 17 15-21 * 3"_s;
    QTest::newRow("fifth Wednesday, when there is one")
        << uR"({"startTime":"2024-01-01T17:15:00Z","recurrence":{"frequency":"month",
                "schedule":{"monthlyOccurrences":[{"day":"wednesday","occurrence":5}]}}})"_s
        << QString() << created << u"0 15 17 29-31 * 3"_s;
    QTest::newRow("every Friday of the month")
        << uR"({"startTime":"2024-01-01T05:00:00Z","recurrence":{"frequency":"month",
                "schedule":{"monthlyOccurrences":[{"day":"friday"}]}}})"_s
        << QString() << created << u"0 0 5 * * 5"_s;
    QTest::newRow("first and second Monday and Friday")
        << uR"({"startTime":"2024-01-01T05:00:00Z","recurrence":{"frequency":"month",
                "schedule":{"monthlyOccurrences":[{"day":"monday","occurrence":1},{"day":"friday","occurrence":2},
                                                  {"day":"friday","occurrence":1},{"day":"monday","occurrence":2}]}}})"_s
        << QString() << created << u"0 0 5 1-14 * 1,5"_s;
    QTest::newRow("every 3 months from February")
        << uR"({"startTime":"2024-02-10T08:00:00Z","recurrence":{"frequency":"month","interval":3}})"_s << QString()
        << created << u"0 0 8 10 2/3 *"_s;
    QTest::newRow("yearly")
        << uR"({"startTime":"2023-11-05T08:00:00Z","recurrence":{"frequency":"month","interval":12}})"_s << QString()
        << created << u"0 0 8 5 11 *"_s;
    QTest::newRow("start exactly at the saving time")
        << uR"({"startTime":"2024-05-06T12:34:56Z","recurrence":{"frequency":"hour"}})"_s << QString() << created
        << u"56 34 * * * *"_s;
}

void TestCronConversion::convertsWithTheSameRuns()
{
    QFETCH(QString, json);
    QFETCH(QString, zone);
    QFETCH(QString, created);
    QFETCH(QString, expected);

    const std::optional<Recurrence> recurrence = recurrenceOf(json, zone);
    QVERIFY(recurrence);
    const QDateTime saved = instant(created);
    QString why = u"untouched"_s;
    const std::optional<QString> cron = CronConversion::toCron(*recurrence, saved, &why);
    QVERIFY2(cron, qPrintable(why));
    QCOMPARE(*cron, expected);
    QVERIFY(CronExpression::parse(*cron).isValid());

    const QList<QDateTime> runs = recurrence->runs(saved, Compared);
    const QList<QDateTime> occurrences = cronRuns(*cron, saved, Compared);
    QCOMPARE(runs.size(), Compared);
    QCOMPARE(occurrences, runs);
}

void TestCronConversion::refusesWithTheReason_data()
{
    QTest::addColumn<QString>("json");
    QTest::addColumn<QString>("zone");
    QTest::addColumn<QString>("created");
    QTest::addColumn<QString>("reason");
    // What one might write by hand instead; it must run at other times (empty: nothing close).
    QTest::addColumn<QString>("closest");
    // Without the English catalogue plural forms read "week(s)": reasons are matched up to them.

    const QString created = u"2024-05-06T12:34:56Z"_s;
    QTest::newRow("every 2 weeks")
        << uR"({"startTime":"2024-01-01T09:00:00Z","recurrence":{"frequency":"week","interval":2,
                "schedule":{"weekDays":["monday"]}}})"_s
        << QString() << created << u"cannot run every 2 week"_s << u"0 0 9 * * 1"_s;
    QTest::newRow("last Friday") << uR"({"startTime":"2024-01-01T05:00:00Z","recurrence":{"frequency":"month",
                "schedule":{"monthlyOccurrences":[{"day":"friday","occurrence":-1}]}}})"_s
                                 << QString() << created << u"(such as the last Friday)"_s << u"0 0 5 25-31 * 5"_s;
    QTest::newRow("last day of the month") << uR"({"startTime":"2024-01-01T06:00:00Z","recurrence":{"frequency":"month",
                "schedule":{"monthDays":[-1]}}})"_s
                                           << QString() << created << u"(such as the last day)"_s << u"0 0 6 31 * *"_s;
    QTest::newRow("first Monday and second Friday")
        << uR"({"startTime":"2024-01-01T05:00:00Z","recurrence":{"frequency":"month",
                "schedule":{"monthlyOccurrences":[{"day":"monday","occurrence":1},{"day":"friday","occurrence":2}]}}})"_s
        << QString() << created << u"cannot combine different occurrences"_s << u"0 0 5 1-14 * 1,5"_s;
    QTest::newRow("every 7 minutes")
        << uR"({"startTime":"2024-01-01T00:00:00Z","recurrence":{"frequency":"minute","interval":7}})"_s << QString()
        << created << u"cannot run every 7 minute"_s << u"0 */7 * * * *"_s;
    QTest::newRow("every 90 minutes")
        << uR"({"startTime":"2024-01-01T00:00:00Z","recurrence":{"frequency":"minute","interval":90}})"_s << QString()
        << created << u"cannot run every 90 minute"_s << u"0 0,30 */3 * * *"_s;
    QTest::newRow("every 5 hours")
        << uR"({"startTime":"2024-01-01T00:00:00Z","recurrence":{"frequency":"hour","interval":5}})"_s << QString()
        << created << u"cannot run every 5 hour"_s << u"0 0 */5 * * *"_s;
    QTest::newRow("every 2 days")
        << uR"({"startTime":"2024-01-01T09:00:00Z","recurrence":{"frequency":"day","interval":2}})"_s << QString()
        << created << u"cannot run every 2 day"_s << u"0 0 9 */2 * *"_s;
    QTest::newRow("every 5 months")
        << uR"({"startTime":"2024-01-01T09:00:00Z","recurrence":{"frequency":"month","interval":5}})"_s << QString()
        << created << u"cannot run every 5 month"_s << u"0 0 9 1 */5 *"_s;
    QTest::newRow("a number of runs")
        << uR"({"startTime":"2024-05-01T09:00:00Z","recurrence":{"frequency":"day","count":10}})"_s << QString()
        << created << u"cannot stop after 10 run"_s << u"0 0 9 * * *"_s;
    QTest::newRow("an end time")
        << uR"({"startTime":"2024-05-01T09:00:00Z","recurrence":{"frequency":"day","endTime":"2024-06-01"}})"_s
        << QString() << created << u"cannot stop at an end time"_s << u"0 0 9 * * *"_s;
    QTest::newRow("another time zone") << uR"({"startTime":"2024-01-01T09:00:00","recurrence":{"frequency":"day"}})"_s
                                       << u"Europe/Paris"_s << created << u"not in Europe/Paris"_s << u"0 0 9 * * *"_s;
    QTest::newRow("no start time") << uR"({"recurrence":{"frequency":"day","schedule":{"hours":[9],"minutes":[0]}}})"_s
                                   << QString() << created << u"cannot run the job at once"_s << u"56 0 9 * * *"_s;
    QTest::newRow("a start time to come")
        << uR"({"startTime":"2024-06-01T09:00:00Z","recurrence":{"frequency":"day"}})"_s << QString() << created
        << u"cannot wait for the start time 2024-06-01 09:00:00"_s << u"0 0 9 * * *"_s;
    QTest::newRow("a fraction of a second")
        << uR"({"startTime":"2024-01-01T09:00:00.250Z","recurrence":{"frequency":"day"}})"_s << QString() << created
        << u"fraction of a second"_s << u"0 0 9 * * *"_s;
    QTest::newRow("one-time") << uR"({"startTime":"2024-06-01T09:00:00Z"})"_s << QString() << created
                              << u"cannot run a job once"_s << u"0 0 9 1 6 *"_s;
    QTest::newRow("invalid: ends before it is saved")
        << uR"({"startTime":"2024-01-01T09:00:00Z","recurrence":{"frequency":"day","endTime":"2024-02-01"}})"_s
        << QString() << created << u"is not after the creation time"_s << QString();
}

void TestCronConversion::refusesWithTheReason()
{
    QFETCH(QString, json);
    QFETCH(QString, zone);
    QFETCH(QString, created);
    QFETCH(QString, reason);
    QFETCH(QString, closest);

    const std::optional<Recurrence> recurrence = recurrenceOf(json, zone);
    QVERIFY(recurrence);
    const QDateTime saved = instant(created);
    QString why;
    const std::optional<QString> cron = CronConversion::toCron(*recurrence, saved, &why);
    QVERIFY2(!cron, qPrintable(cron.value_or(QString())));
    QVERIFY2(why.contains(reason), qPrintable(why));
    if (closest.isEmpty())
        return;
    // Not a refusal out of caution: the expression one would write by hand runs elsewhere.
    QVERIFY(CronExpression::parse(closest).isValid());
    QVERIFY(recurrence->runs(saved, Compared) != cronRuns(closest, saved, Compared));
}

void TestCronConversion::reasonIsOptional()
{
    const std::optional<Recurrence> everyTwoDays
        = recurrenceOf(uR"({"startTime":"2024-01-01T09:00:00Z","recurrence":{"frequency":"day","interval":2}})"_s, {});
    QVERIFY(everyTwoDays);
    QVERIFY(!CronConversion::toCron(*everyTwoDays, instant(u"2024-05-06T00:00:00Z"_s)));
}

QTEST_GUILESS_MAIN(TestCronConversion)
#include "TestCronConversion.moc"
