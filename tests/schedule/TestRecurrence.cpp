#include "core/schedule/Recurrence.h"

#include "core/schedule/ZonedTime.h"

#include <QFile>
#include <QHash>
#include <QJsonDocument>
#include <QLocale>
#include <QTest>
#include <QTranslator>

using namespace Qt::StringLiterals;
using WebJobs::Recurrence;
namespace ZonedTime = WebJobs::ZonedTime;

namespace {

QDateTime at(const QString& text)
{
    return QDateTime::fromString(text, Qt::ISODateWithMs).toUTC();
}

QString iso(const QDateTime& instant)
{
    if (instant.isNull())
        return {};
    const QDateTime utc = instant.toUTC();
    QString text = utc.toString(u"yyyy-MM-dd'T'HH:mm:ss"_s);
    if (utc.time().msec() != 0)
        text += u'.' + utc.toString(u"zzz"_s);
    return text + u'Z';
}

QStringList isoList(const QList<QDateTime>& instants)
{
    QStringList texts;
    for (const QDateTime& instant : instants)
        texts.append(iso(instant));
    return texts;
}

QJsonObject object(const QString& json)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError)
        qFatal("bad JSON in test data: %s", qPrintable(json));
    return document.object();
}

// The recurrence of a test row in `zone`; fails the test (through the returned error) when the
// JSON is refused.
std::optional<Recurrence> parse(const QString& json, const QString& zone, QString* error)
{
    auto recurrence = Recurrence::fromJson(object(json), error);
    if (recurrence)
        recurrence->setTimeZone(ZonedTime::zoneFromName(zone));
    return recurrence;
}

Recurrence::TimePoint wall(const QString& text)
{
    return {QDateTime(QDate::fromString(text.left(10), Qt::ISODate), QTime::fromString(text.mid(11), Qt::ISODate),
                QTimeZone::utc()),
        true};
}

Recurrence::TimePoint instant(const QString& text)
{
    return {at(text), false};
}

} // namespace

class TestRecurrence : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void runs_data();
    void runs();
    void next_data();
    void next();
    void nextFarAheadDoesNotEnumerate();
    void nextAtAnOccurrence_data();
    void nextAtAnOccurrence();
    void searchesEnd_data();
    void searchesEnd();
    void countLimitsRunsAndNext();

    void timePoints_data();
    void timePoints();
    void fields_data();
    void fields();
    void invalidJson_data();
    void invalidJson();
    void invalidStructure();
    void validate_data();
    void validate();

    void roundTrip_data();
    void roundTrip();
    void toJsonOfSetters();

    void describe_data();
    void describe();
    void describeUsesLocaleDayNames();
    void describeInALocaleFollowsItsClock();
    void french_data();
    void french();

    void names();
};

void TestRecurrence::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    QVERIFY(ZonedTime::zoneFromName(u"Europe/Paris"_s).isValid());
    QVERIFY(ZonedTime::zoneFromName(u"America/New_York"_s).isValid());
}

void TestRecurrence::cleanupTestCase()
{
    QLocale::setDefault(QLocale::c());
}

// ---------------------------------------------------------------------------------------------
// Evaluation. Rows come from tests/schedule/oracle/recurrence_oracle.py: a brute-force walk of
// docs/schedules.md Part 2 (D1-D12), cross-checked against dateutil.rrule with the Part 3
// mapping. `complete` says the series has no further run.

void TestRecurrence::runs_data()
{
    QTest::addColumn<QString>("json");
    QTest::addColumn<QString>("zone");
    QTest::addColumn<QString>("created");
    QTest::addColumn<QStringList>("expected");
    QTest::addColumn<bool>("complete");

    // runs_data: 162 rows, 144 cross-checked against dateutil.rrule
    QTest::newRow("1.1 job sample")
        << u"{\"startTime\":\"2012-08-04T00:00Z\",\"recurrence\":{\"frequency\":\"week\",\"interval\":1,\"schedule\":{\"weekDays\":[\"monday\",\"wednesday\",\"friday\"],\"hours\":[10,22]},\"count\":10,\"endTime\":\"2012-11-04\"}}"_s
        << u"UTC"_s << u"2012-08-01T00:00:00Z"_s
        << QStringList {u"2012-08-06T10:00:00Z"_s, u"2012-08-06T22:00:00Z"_s, u"2012-08-08T10:00:00Z"_s,
               u"2012-08-08T22:00:00Z"_s, u"2012-08-10T10:00:00Z"_s, u"2012-08-10T22:00:00Z"_s,
               u"2012-08-13T10:00:00Z"_s, u"2012-08-13T22:00:00Z"_s, u"2012-08-15T10:00:00Z"_s,
               u"2012-08-15T22:00:00Z"_s}
        << true;
    QTest::newRow("1.1 job sample with an early endTime")
        << u"{\"startTime\":\"2012-08-04T00:00Z\",\"recurrence\":{\"frequency\":\"week\",\"schedule\":{\"weekDays\":[\"monday\",\"wednesday\",\"friday\"],\"hours\":[10,22]},\"count\":10,\"endTime\":\"2012-08-08\"}}"_s
        << u"UTC"_s << u"2012-08-01T00:00:00Z"_s << QStringList {u"2012-08-06T10:00:00Z"_s, u"2012-08-06T22:00:00Z"_s}
        << true;
    QTest::newRow("1.2 every 2 days from 2015-04-07T14:00:00Z")
        << u"{\"startTime\":\"2015-04-07T14:00:00Z\",\"recurrence\":{\"frequency\":\"day\",\"interval\":2}}"_s
        << u"UTC"_s << u"2015-04-08T13:00:00Z"_s
        << QStringList {u"2015-04-09T14:00:00Z"_s, u"2015-04-11T14:00:00Z"_s, u"2015-04-13T14:00:00Z"_s,
               u"2015-04-15T14:00:00Z"_s}
        << false;
    QTest::newRow("1.2 every 2 days from 2015-04-05T14:00:00Z")
        << u"{\"startTime\":\"2015-04-05T14:00:00Z\",\"recurrence\":{\"frequency\":\"day\",\"interval\":2}}"_s
        << u"UTC"_s << u"2015-04-08T13:00:00Z"_s
        << QStringList {u"2015-04-09T14:00:00Z"_s, u"2015-04-11T14:00:00Z"_s, u"2015-04-13T14:00:00Z"_s,
               u"2015-04-15T14:00:00Z"_s}
        << false;
    QTest::newRow("1.2 every 2 days from 2015-04-01T14:00:00Z")
        << u"{\"startTime\":\"2015-04-01T14:00:00Z\",\"recurrence\":{\"frequency\":\"day\",\"interval\":2}}"_s
        << u"UTC"_s << u"2015-04-08T13:00:00Z"_s
        << QStringList {u"2015-04-09T14:00:00Z"_s, u"2015-04-11T14:00:00Z"_s, u"2015-04-13T14:00:00Z"_s,
               u"2015-04-15T14:00:00Z"_s}
        << false;
    QTest::newRow("1.2 every 2 days from 2015-04-07T14:00:00")
        << u"{\"startTime\":\"2015-04-07T14:00:00\",\"recurrence\":{\"frequency\":\"day\",\"interval\":2}}"_s
        << u"UTC"_s << u"2015-04-08T13:00:00Z"_s
        << QStringList {u"2015-04-09T14:00:00Z"_s, u"2015-04-11T14:00:00Z"_s, u"2015-04-13T14:00:00Z"_s,
               u"2015-04-15T14:00:00Z"_s}
        << false;
    QTest::newRow("1.2 one-time no start runs at creation")
        << u"{}"_s << u"UTC"_s << u"2015-04-08T13:00:00Z"_s << QStringList {u"2015-04-08T13:00:00Z"_s} << true;
    QTest::newRow("1.2 one-time past start runs at creation")
        << u"{\"startTime\":\"2015-04-07T14:00:00Z\"}"_s << u"UTC"_s << u"2015-04-08T13:00:00Z"_s
        << QStringList {u"2015-04-08T13:00:00Z"_s} << true;
    QTest::newRow("1.2 one-time future start")
        << u"{\"startTime\":\"2015-04-09T14:00:00Z\"}"_s << u"UTC"_s << u"2015-04-08T13:00:00Z"_s
        << QStringList {u"2015-04-09T14:00:00Z"_s} << true;
    QTest::newRow("1.2 one-time start equals creation")
        << u"{\"startTime\":\"2015-04-08T13:00:00Z\"}"_s << u"UTC"_s << u"2015-04-08T13:00:00Z"_s
        << QStringList {u"2015-04-08T13:00:00Z"_s} << true;
    QTest::newRow("1.2 one-time wall start in Paris")
        << u"{\"startTime\":\"2015-04-09T14:00:00\"}"_s << u"Europe/Paris"_s << u"2015-04-08T13:00:00Z"_s
        << QStringList {u"2015-04-09T12:00:00Z"_s} << true;
    QTest::newRow("1.2 recurring no start no schedule")
        << u"{\"recurrence\":{\"frequency\":\"hour\",\"interval\":3}}"_s << u"UTC"_s << u"2015-04-08T13:07:00Z"_s
        << QStringList {u"2015-04-08T13:07:00Z"_s, u"2015-04-08T16:07:00Z"_s, u"2015-04-08T19:07:00Z"_s,
               u"2015-04-08T22:07:00Z"_s, u"2015-04-09T01:07:00Z"_s}
        << false;
    QTest::newRow("1.2 recurring no start with schedule")
        << u"{\"recurrence\":{\"frequency\":\"day\",\"schedule\":{\"hours\":[9],\"minutes\":[0]}}}"_s << u"UTC"_s
        << u"2015-04-08T13:07:00Z"_s
        << QStringList {u"2015-04-08T13:07:00Z"_s, u"2015-04-09T09:00:00Z"_s, u"2015-04-10T09:00:00Z"_s,
               u"2015-04-11T09:00:00Z"_s}
        << false;
    QTest::newRow("1.2 recurring future start")
        << u"{\"startTime\":\"2015-04-10T06:00:00Z\",\"recurrence\":{\"frequency\":\"day\"}}"_s << u"UTC"_s
        << u"2015-04-08T13:07:00Z"_s
        << QStringList {u"2015-04-10T06:00:00Z"_s, u"2015-04-11T06:00:00Z"_s, u"2015-04-12T06:00:00Z"_s,
               u"2015-04-13T06:00:00Z"_s}
        << false;
    QTest::newRow("1.2 recurring future start off schedule")
        << u"{\"startTime\":\"2015-04-10T06:00:00Z\",\"recurrence\":{\"frequency\":\"day\",\"schedule\":{\"hours\":[5]}}}"_s
        << u"UTC"_s << u"2015-04-08T13:07:00Z"_s
        << QStringList {u"2015-04-11T05:00:00Z"_s, u"2015-04-12T05:00:00Z"_s, u"2015-04-13T05:00:00Z"_s,
               u"2015-04-14T05:00:00Z"_s}
        << false;
    QTest::newRow("1.2 recurring future start on schedule")
        << u"{\"startTime\":\"2015-04-10T06:00:00Z\",\"recurrence\":{\"frequency\":\"day\",\"schedule\":{\"hours\":[6]}}}"_s
        << u"UTC"_s << u"2015-04-08T13:07:00Z"_s
        << QStringList {u"2015-04-10T06:00:00Z"_s, u"2015-04-11T06:00:00Z"_s, u"2015-04-12T06:00:00Z"_s,
               u"2015-04-13T06:00:00Z"_s}
        << false;
    QTest::newRow("1.2 recurring past start every 5 minutes")
        << u"{\"startTime\":\"2015-04-08T12:02:30Z\",\"recurrence\":{\"frequency\":\"minute\",\"interval\":5}}"_s
        << u"UTC"_s << u"2015-04-08T13:00:00Z"_s
        << QStringList {u"2015-04-08T13:02:30Z"_s, u"2015-04-08T13:07:30Z"_s, u"2015-04-08T13:12:30Z"_s,
               u"2015-04-08T13:17:30Z"_s}
        << false;
    QTest::newRow("1.4 day {\"hours\":[5]}")
        << u"{\"startTime\":\"2024-05-01T12:25:00Z\",\"recurrence\":{\"frequency\":\"day\",\"schedule\":{\"hours\":[5]}}}"_s
        << u"UTC"_s << u"2024-05-01T08:00:00Z"_s
        << QStringList {u"2024-05-02T05:25:00Z"_s, u"2024-05-03T05:25:00Z"_s, u"2024-05-04T05:25:00Z"_s,
               u"2024-05-05T05:25:00Z"_s}
        << false;
    QTest::newRow("1.4 day {\"minutes\":[15],\"hours\":[5]}")
        << u"{\"startTime\":\"2024-05-01T12:25:00Z\",\"recurrence\":{\"frequency\":\"day\",\"schedule\":{\"minutes\":[15],\"hours\":[5]}}}"_s
        << u"UTC"_s << u"2024-05-01T08:00:00Z"_s
        << QStringList {u"2024-05-02T05:15:00Z"_s, u"2024-05-03T05:15:00Z"_s, u"2024-05-04T05:15:00Z"_s,
               u"2024-05-05T05:15:00Z"_s}
        << false;
    QTest::newRow("1.4 day {\"minutes\":[15],\"hours\":[5,17]}")
        << u"{\"startTime\":\"2024-05-01T12:25:00Z\",\"recurrence\":{\"frequency\":\"day\",\"schedule\":{\"minutes\":[15],\"hours\":[5,17]}}}"_s
        << u"UTC"_s << u"2024-05-01T08:00:00Z"_s
        << QStringList {u"2024-05-01T17:15:00Z"_s, u"2024-05-02T05:15:00Z"_s, u"2024-05-02T17:15:00Z"_s,
               u"2024-05-03T05:15:00Z"_s, u"2024-05-03T17:15:00Z"_s}
        << false;
    QTest::newRow("1.4 day {\"minutes\":[15,45],\"hours\":[5,17]}")
        << u"{\"startTime\":\"2024-05-01T12:25:00Z\",\"recurrence\":{\"frequency\":\"day\",\"schedule\":{\"minutes\":[15,45],\"hours\":[5,17]}}}"_s
        << u"UTC"_s << u"2024-05-01T08:00:00Z"_s
        << QStringList {u"2024-05-01T17:15:00Z"_s, u"2024-05-01T17:45:00Z"_s, u"2024-05-02T05:15:00Z"_s,
               u"2024-05-02T05:45:00Z"_s, u"2024-05-02T17:15:00Z"_s, u"2024-05-02T17:45:00Z"_s,
               u"2024-05-03T05:15:00Z"_s, u"2024-05-03T05:45:00Z"_s}
        << false;
    QTest::newRow("1.4 day {\"minutes\":[0,15,30,45]}")
        << u"{\"startTime\":\"2024-05-01T12:25:00Z\",\"recurrence\":{\"frequency\":\"day\",\"schedule\":{\"minutes\":[0,15,30,45]}}}"_s
        << u"UTC"_s << u"2024-05-01T08:00:00Z"_s
        << QStringList {u"2024-05-01T12:30:00Z"_s, u"2024-05-01T12:45:00Z"_s, u"2024-05-01T13:00:00Z"_s,
               u"2024-05-01T13:15:00Z"_s, u"2024-05-01T13:30:00Z"_s, u"2024-05-01T13:45:00Z"_s,
               u"2024-05-01T14:00:00Z"_s, u"2024-05-01T14:15:00Z"_s, u"2024-05-01T14:30:00Z"_s,
               u"2024-05-01T14:45:00Z"_s, u"2024-05-01T15:00:00Z"_s, u"2024-05-01T15:15:00Z"_s}
        << false;
    QTest::newRow("1.4 day {\"hours\":[0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23]}")
        << u"{\"startTime\":\"2024-05-01T12:25:00Z\",\"recurrence\":{\"frequency\":\"day\",\"schedule\":{\"hours\":[0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23]}}}"_s
        << u"UTC"_s << u"2024-05-01T08:00:00Z"_s
        << QStringList {u"2024-05-01T12:25:00Z"_s, u"2024-05-01T13:25:00Z"_s, u"2024-05-01T14:25:00Z"_s,
               u"2024-05-01T15:25:00Z"_s, u"2024-05-01T16:25:00Z"_s, u"2024-05-01T17:25:00Z"_s,
               u"2024-05-01T18:25:00Z"_s, u"2024-05-01T19:25:00Z"_s, u"2024-05-01T20:25:00Z"_s,
               u"2024-05-01T21:25:00Z"_s, u"2024-05-01T22:25:00Z"_s, u"2024-05-01T23:25:00Z"_s,
               u"2024-05-02T00:25:00Z"_s, u"2024-05-02T01:25:00Z"_s}
        << false;
    QTest::newRow("1.4 month {\"hours\":[0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23]}")
        << u"{\"startTime\":\"2024-05-01T12:25:00Z\",\"recurrence\":{\"frequency\":\"month\",\"schedule\":{\"hours\":[0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23]}}}"_s
        << u"UTC"_s << u"2024-05-01T08:00:00Z"_s
        << QStringList {u"2024-05-01T12:25:00Z"_s, u"2024-05-01T13:25:00Z"_s, u"2024-05-01T14:25:00Z"_s,
               u"2024-05-01T15:25:00Z"_s, u"2024-05-01T16:25:00Z"_s, u"2024-05-01T17:25:00Z"_s,
               u"2024-05-01T18:25:00Z"_s, u"2024-05-01T19:25:00Z"_s, u"2024-05-01T20:25:00Z"_s,
               u"2024-05-01T21:25:00Z"_s, u"2024-05-01T22:25:00Z"_s, u"2024-05-01T23:25:00Z"_s,
               u"2024-06-01T00:25:00Z"_s, u"2024-06-01T01:25:00Z"_s}
        << false;
    QTest::newRow("1.4 day {\"minutes\":[0]}")
        << u"{\"startTime\":\"2024-05-01T12:25:00Z\",\"recurrence\":{\"frequency\":\"day\",\"schedule\":{\"minutes\":[0]}}}"_s
        << u"UTC"_s << u"2024-05-01T08:00:00Z"_s
        << QStringList {u"2024-05-01T13:00:00Z"_s, u"2024-05-01T14:00:00Z"_s, u"2024-05-01T15:00:00Z"_s,
               u"2024-05-01T16:00:00Z"_s, u"2024-05-01T17:00:00Z"_s, u"2024-05-01T18:00:00Z"_s,
               u"2024-05-01T19:00:00Z"_s, u"2024-05-01T20:00:00Z"_s, u"2024-05-01T21:00:00Z"_s,
               u"2024-05-01T22:00:00Z"_s, u"2024-05-01T23:00:00Z"_s, u"2024-05-02T00:00:00Z"_s,
               u"2024-05-02T01:00:00Z"_s, u"2024-05-02T02:00:00Z"_s}
        << false;
    QTest::newRow("1.4 week {\"minutes\":[0]}")
        << u"{\"startTime\":\"2024-05-01T12:25:00Z\",\"recurrence\":{\"frequency\":\"week\",\"schedule\":{\"minutes\":[0]}}}"_s
        << u"UTC"_s << u"2024-05-01T08:00:00Z"_s
        << QStringList {u"2024-05-01T13:00:00Z"_s, u"2024-05-01T14:00:00Z"_s, u"2024-05-01T15:00:00Z"_s,
               u"2024-05-01T16:00:00Z"_s, u"2024-05-01T17:00:00Z"_s, u"2024-05-01T18:00:00Z"_s,
               u"2024-05-01T19:00:00Z"_s, u"2024-05-01T20:00:00Z"_s, u"2024-05-01T21:00:00Z"_s,
               u"2024-05-01T22:00:00Z"_s, u"2024-05-01T23:00:00Z"_s, u"2024-05-08T00:00:00Z"_s,
               u"2024-05-08T01:00:00Z"_s, u"2024-05-08T02:00:00Z"_s}
        << false;
    QTest::newRow("1.4 month {\"minutes\":[0]}")
        << u"{\"startTime\":\"2024-05-01T12:25:00Z\",\"recurrence\":{\"frequency\":\"month\",\"schedule\":{\"minutes\":[0]}}}"_s
        << u"UTC"_s << u"2024-05-01T08:00:00Z"_s
        << QStringList {u"2024-05-01T13:00:00Z"_s, u"2024-05-01T14:00:00Z"_s, u"2024-05-01T15:00:00Z"_s,
               u"2024-05-01T16:00:00Z"_s, u"2024-05-01T17:00:00Z"_s, u"2024-05-01T18:00:00Z"_s,
               u"2024-05-01T19:00:00Z"_s, u"2024-05-01T20:00:00Z"_s, u"2024-05-01T21:00:00Z"_s,
               u"2024-05-01T22:00:00Z"_s, u"2024-05-01T23:00:00Z"_s, u"2024-06-01T00:00:00Z"_s,
               u"2024-06-01T01:00:00Z"_s, u"2024-06-01T02:00:00Z"_s}
        << false;
    QTest::newRow("1.4 day {\"minutes\":[15]}")
        << u"{\"startTime\":\"2024-05-01T12:25:00Z\",\"recurrence\":{\"frequency\":\"day\",\"schedule\":{\"minutes\":[15]}}}"_s
        << u"UTC"_s << u"2024-05-01T08:00:00Z"_s
        << QStringList {u"2024-05-01T13:15:00Z"_s, u"2024-05-01T14:15:00Z"_s, u"2024-05-01T15:15:00Z"_s,
               u"2024-05-01T16:15:00Z"_s, u"2024-05-01T17:15:00Z"_s, u"2024-05-01T18:15:00Z"_s,
               u"2024-05-01T19:15:00Z"_s, u"2024-05-01T20:15:00Z"_s, u"2024-05-01T21:15:00Z"_s,
               u"2024-05-01T22:15:00Z"_s, u"2024-05-01T23:15:00Z"_s, u"2024-05-02T00:15:00Z"_s,
               u"2024-05-02T01:15:00Z"_s, u"2024-05-02T02:15:00Z"_s}
        << false;
    QTest::newRow("1.4 week {\"hours\":[17],\"weekDays\":[\"saturday\"]}")
        << u"{\"startTime\":\"2024-05-01T12:25:00Z\",\"recurrence\":{\"frequency\":\"week\",\"schedule\":{\"hours\":[17],\"weekDays\":[\"saturday\"]}}}"_s
        << u"UTC"_s << u"2024-05-01T08:00:00Z"_s
        << QStringList {u"2024-05-04T17:25:00Z"_s, u"2024-05-11T17:25:00Z"_s, u"2024-05-18T17:25:00Z"_s,
               u"2024-05-25T17:25:00Z"_s}
        << false;
    QTest::newRow("1.4 week {\"hours\":[17],\"weekDays\":[\"monday\",\"wednesday\",\"friday\"]}")
        << u"{\"startTime\":\"2024-05-01T12:25:00Z\",\"recurrence\":{\"frequency\":\"week\",\"schedule\":{\"hours\":[17],\"weekDays\":[\"monday\",\"wednesday\",\"friday\"]}}}"_s
        << u"UTC"_s << u"2024-05-01T08:00:00Z"_s
        << QStringList {u"2024-05-01T17:25:00Z"_s, u"2024-05-03T17:25:00Z"_s, u"2024-05-06T17:25:00Z"_s,
               u"2024-05-08T17:25:00Z"_s, u"2024-05-10T17:25:00Z"_s, u"2024-05-13T17:25:00Z"_s,
               u"2024-05-15T17:25:00Z"_s}
        << false;
    QTest::newRow("1.4 week {\"minutes\":[15,45],\"hours\":[17],\"weekDays\":[\"monday\",\"wednesday\",\"friday\"]}")
        << u"{\"startTime\":\"2024-05-01T12:25:00Z\",\"recurrence\":{\"frequency\":\"week\",\"schedule\":{\"minutes\":[15,45],\"hours\":[17],\"weekDays\":[\"monday\",\"wednesday\",\"friday\"]}}}"_s
        << u"UTC"_s << u"2024-05-01T08:00:00Z"_s
        << QStringList {u"2024-05-01T17:15:00Z"_s, u"2024-05-01T17:45:00Z"_s, u"2024-05-03T17:15:00Z"_s,
               u"2024-05-03T17:45:00Z"_s, u"2024-05-06T17:15:00Z"_s, u"2024-05-06T17:45:00Z"_s,
               u"2024-05-08T17:15:00Z"_s, u"2024-05-08T17:45:00Z"_s}
        << false;
    QTest::newRow("1.4 week {\"hours\":[5,17],\"weekDays\":[\"monday\",\"wednesday\",\"friday\"]}")
        << u"{\"startTime\":\"2024-05-01T12:25:00Z\",\"recurrence\":{\"frequency\":\"week\",\"schedule\":{\"hours\":[5,17],\"weekDays\":[\"monday\",\"wednesday\",\"friday\"]}}}"_s
        << u"UTC"_s << u"2024-05-01T08:00:00Z"_s
        << QStringList {u"2024-05-01T17:25:00Z"_s, u"2024-05-03T05:25:00Z"_s, u"2024-05-03T17:25:00Z"_s,
               u"2024-05-06T05:25:00Z"_s, u"2024-05-06T17:25:00Z"_s, u"2024-05-08T05:25:00Z"_s,
               u"2024-05-08T17:25:00Z"_s, u"2024-05-10T05:25:00Z"_s}
        << false;
    QTest::newRow("1.4 week {\"minutes\":[15,45],\"hours\":[5,17],\"weekDays\":[\"monday\",\"wednesday\",\"friday\"]}")
        << u"{\"startTime\":\"2024-05-01T12:25:00Z\",\"recurrence\":{\"frequency\":\"week\",\"schedule\":{\"minutes\":[15,45],\"hours\":[5,17],\"weekDays\":[\"monday\",\"wednesday\",\"friday\"]}}}"_s
        << u"UTC"_s << u"2024-05-01T08:00:00Z"_s
        << QStringList {u"2024-05-01T17:15:00Z"_s, u"2024-05-01T17:45:00Z"_s, u"2024-05-03T05:15:00Z"_s,
               u"2024-05-03T05:45:00Z"_s, u"2024-05-03T17:15:00Z"_s, u"2024-05-03T17:45:00Z"_s,
               u"2024-05-06T05:15:00Z"_s, u"2024-05-06T05:45:00Z"_s, u"2024-05-06T17:15:00Z"_s,
               u"2024-05-06T17:45:00Z"_s}
        << false;
    QTest::newRow(
        "1.4 week "
        "{\"minutes\":[0,15,30,45],\"weekDays\":[\"monday\",\"tuesday\",\"wednesday\",\"thursday\",\"friday\"]}")
        << u"{\"startTime\":\"2024-05-01T12:25:00Z\",\"recurrence\":{\"frequency\":\"week\",\"schedule\":{\"minutes\":[0,15,30,45],\"weekDays\":[\"monday\",\"tuesday\",\"wednesday\",\"thursday\",\"friday\"]}}}"_s
        << u"UTC"_s << u"2024-05-01T08:00:00Z"_s
        << QStringList {u"2024-05-01T12:30:00Z"_s, u"2024-05-01T12:45:00Z"_s, u"2024-05-01T13:00:00Z"_s,
               u"2024-05-01T13:15:00Z"_s, u"2024-05-01T13:30:00Z"_s, u"2024-05-01T13:45:00Z"_s,
               u"2024-05-01T14:00:00Z"_s, u"2024-05-01T14:15:00Z"_s, u"2024-05-01T14:30:00Z"_s,
               u"2024-05-01T14:45:00Z"_s, u"2024-05-01T15:00:00Z"_s, u"2024-05-01T15:15:00Z"_s,
               u"2024-05-01T15:30:00Z"_s, u"2024-05-01T15:45:00Z"_s, u"2024-05-01T16:00:00Z"_s,
               u"2024-05-01T16:15:00Z"_s, u"2024-05-01T16:30:00Z"_s, u"2024-05-01T16:45:00Z"_s,
               u"2024-05-01T17:00:00Z"_s, u"2024-05-01T17:15:00Z"_s, u"2024-05-01T17:30:00Z"_s,
               u"2024-05-01T17:45:00Z"_s, u"2024-05-01T18:00:00Z"_s, u"2024-05-01T18:15:00Z"_s,
               u"2024-05-01T18:30:00Z"_s, u"2024-05-01T18:45:00Z"_s, u"2024-05-01T19:00:00Z"_s,
               u"2024-05-01T19:15:00Z"_s, u"2024-05-01T19:30:00Z"_s, u"2024-05-01T19:45:00Z"_s,
               u"2024-05-01T20:00:00Z"_s, u"2024-05-01T20:15:00Z"_s, u"2024-05-01T20:30:00Z"_s,
               u"2024-05-01T20:45:00Z"_s, u"2024-05-01T21:00:00Z"_s, u"2024-05-01T21:15:00Z"_s,
               u"2024-05-01T21:30:00Z"_s, u"2024-05-01T21:45:00Z"_s, u"2024-05-01T22:00:00Z"_s,
               u"2024-05-01T22:15:00Z"_s, u"2024-05-01T22:30:00Z"_s, u"2024-05-01T22:45:00Z"_s,
               u"2024-05-01T23:00:00Z"_s, u"2024-05-01T23:15:00Z"_s, u"2024-05-01T23:30:00Z"_s,
               u"2024-05-01T23:45:00Z"_s, u"2024-05-02T00:00:00Z"_s, u"2024-05-02T00:15:00Z"_s,
               u"2024-05-02T00:30:00Z"_s, u"2024-05-02T00:45:00Z"_s}
        << false;
    QTest::newRow("1.4 week "
                  "{\"minutes\":[0,15,30,45],\"hours\":[9,10,11,12,13,14,15,16],\"weekDays\":[\"monday\",\"tuesday\","
                  "\"wednesday\",\"thursday\",\"friday\"]}")
        << u"{\"startTime\":\"2024-05-01T12:25:00Z\",\"recurrence\":{\"frequency\":\"week\",\"schedule\":{\"minutes\":[0,15,30,45],\"hours\":[9,10,11,12,13,14,15,16],\"weekDays\":[\"monday\",\"tuesday\",\"wednesday\",\"thursday\",\"friday\"]}}}"_s
        << u"UTC"_s << u"2024-05-01T08:00:00Z"_s
        << QStringList {u"2024-05-01T12:30:00Z"_s, u"2024-05-01T12:45:00Z"_s, u"2024-05-01T13:00:00Z"_s,
               u"2024-05-01T13:15:00Z"_s, u"2024-05-01T13:30:00Z"_s, u"2024-05-01T13:45:00Z"_s,
               u"2024-05-01T14:00:00Z"_s, u"2024-05-01T14:15:00Z"_s, u"2024-05-01T14:30:00Z"_s,
               u"2024-05-01T14:45:00Z"_s, u"2024-05-01T15:00:00Z"_s, u"2024-05-01T15:15:00Z"_s,
               u"2024-05-01T15:30:00Z"_s, u"2024-05-01T15:45:00Z"_s, u"2024-05-01T16:00:00Z"_s,
               u"2024-05-01T16:15:00Z"_s, u"2024-05-01T16:30:00Z"_s, u"2024-05-01T16:45:00Z"_s,
               u"2024-05-02T09:00:00Z"_s, u"2024-05-02T09:15:00Z"_s, u"2024-05-02T09:30:00Z"_s,
               u"2024-05-02T09:45:00Z"_s, u"2024-05-02T10:00:00Z"_s, u"2024-05-02T10:15:00Z"_s,
               u"2024-05-02T10:30:00Z"_s, u"2024-05-02T10:45:00Z"_s, u"2024-05-02T11:00:00Z"_s,
               u"2024-05-02T11:15:00Z"_s, u"2024-05-02T11:30:00Z"_s, u"2024-05-02T11:45:00Z"_s,
               u"2024-05-02T12:00:00Z"_s, u"2024-05-02T12:15:00Z"_s, u"2024-05-02T12:30:00Z"_s,
               u"2024-05-02T12:45:00Z"_s, u"2024-05-02T13:00:00Z"_s, u"2024-05-02T13:15:00Z"_s,
               u"2024-05-02T13:30:00Z"_s, u"2024-05-02T13:45:00Z"_s, u"2024-05-02T14:00:00Z"_s,
               u"2024-05-02T14:15:00Z"_s}
        << false;
    QTest::newRow("1.4 week {\"weekDays\":[\"sunday\"]}")
        << u"{\"startTime\":\"2024-05-01T12:25:00Z\",\"recurrence\":{\"frequency\":\"week\",\"schedule\":{\"weekDays\":[\"sunday\"]}}}"_s
        << u"UTC"_s << u"2024-05-01T08:00:00Z"_s
        << QStringList {u"2024-05-05T12:25:00Z"_s, u"2024-05-12T12:25:00Z"_s, u"2024-05-19T12:25:00Z"_s,
               u"2024-05-26T12:25:00Z"_s}
        << false;
    QTest::newRow("1.4 week {\"weekDays\":[\"tuesday\",\"thursday\"]}")
        << u"{\"startTime\":\"2024-05-01T12:25:00Z\",\"recurrence\":{\"frequency\":\"week\",\"schedule\":{\"weekDays\":[\"tuesday\",\"thursday\"]}}}"_s
        << u"UTC"_s << u"2024-05-01T08:00:00Z"_s
        << QStringList {u"2024-05-02T12:25:00Z"_s, u"2024-05-07T12:25:00Z"_s, u"2024-05-09T12:25:00Z"_s,
               u"2024-05-14T12:25:00Z"_s, u"2024-05-16T12:25:00Z"_s}
        << false;
    QTest::newRow("1.4 month {\"minutes\":[0],\"hours\":[6],\"monthDays\":[28]}")
        << u"{\"startTime\":\"2024-05-01T12:25:00Z\",\"recurrence\":{\"frequency\":\"month\",\"schedule\":{\"minutes\":[0],\"hours\":[6],\"monthDays\":[28]}}}"_s
        << u"UTC"_s << u"2024-05-01T08:00:00Z"_s
        << QStringList {u"2024-05-28T06:00:00Z"_s, u"2024-06-28T06:00:00Z"_s, u"2024-07-28T06:00:00Z"_s,
               u"2024-08-28T06:00:00Z"_s}
        << false;
    QTest::newRow("1.4 month {\"minutes\":[0],\"hours\":[6],\"monthDays\":[-1]}")
        << u"{\"startTime\":\"2024-05-01T12:25:00Z\",\"recurrence\":{\"frequency\":\"month\",\"schedule\":{\"minutes\":[0],\"hours\":[6],\"monthDays\":[-1]}}}"_s
        << u"UTC"_s << u"2024-05-01T08:00:00Z"_s
        << QStringList {u"2024-05-31T06:00:00Z"_s, u"2024-06-30T06:00:00Z"_s, u"2024-07-31T06:00:00Z"_s,
               u"2024-08-31T06:00:00Z"_s, u"2024-09-30T06:00:00Z"_s, u"2024-10-31T06:00:00Z"_s}
        << false;
    QTest::newRow("1.4 month {\"minutes\":[0],\"hours\":[6],\"monthDays\":[1,-1]}")
        << u"{\"startTime\":\"2024-05-01T12:25:00Z\",\"recurrence\":{\"frequency\":\"month\",\"schedule\":{\"minutes\":[0],\"hours\":[6],\"monthDays\":[1,-1]}}}"_s
        << u"UTC"_s << u"2024-05-01T08:00:00Z"_s
        << QStringList {u"2024-05-31T06:00:00Z"_s, u"2024-06-01T06:00:00Z"_s, u"2024-06-30T06:00:00Z"_s,
               u"2024-07-01T06:00:00Z"_s, u"2024-07-31T06:00:00Z"_s, u"2024-08-01T06:00:00Z"_s}
        << false;
    QTest::newRow("1.4 month {\"monthDays\":[1,-1]}")
        << u"{\"startTime\":\"2024-05-01T12:25:00Z\",\"recurrence\":{\"frequency\":\"month\",\"schedule\":{\"monthDays\":[1,-1]}}}"_s
        << u"UTC"_s << u"2024-05-01T08:00:00Z"_s
        << QStringList {u"2024-05-01T12:25:00Z"_s, u"2024-05-31T12:25:00Z"_s, u"2024-06-01T12:25:00Z"_s,
               u"2024-06-30T12:25:00Z"_s, u"2024-07-01T12:25:00Z"_s, u"2024-07-31T12:25:00Z"_s}
        << false;
    QTest::newRow("1.4 month {\"monthDays\":[1,14]}")
        << u"{\"startTime\":\"2024-05-01T12:25:00Z\",\"recurrence\":{\"frequency\":\"month\",\"schedule\":{\"monthDays\":[1,14]}}}"_s
        << u"UTC"_s << u"2024-05-01T08:00:00Z"_s
        << QStringList {u"2024-05-01T12:25:00Z"_s, u"2024-05-14T12:25:00Z"_s, u"2024-06-01T12:25:00Z"_s,
               u"2024-06-14T12:25:00Z"_s, u"2024-07-01T12:25:00Z"_s, u"2024-07-14T12:25:00Z"_s}
        << false;
    QTest::newRow("1.4 month {\"monthDays\":[2]}")
        << u"{\"startTime\":\"2024-05-01T12:25:00Z\",\"recurrence\":{\"frequency\":\"month\",\"schedule\":{\"monthDays\":[2]}}}"_s
        << u"UTC"_s << u"2024-05-01T08:00:00Z"_s
        << QStringList {u"2024-05-02T12:25:00Z"_s, u"2024-06-02T12:25:00Z"_s, u"2024-07-02T12:25:00Z"_s,
               u"2024-08-02T12:25:00Z"_s}
        << false;
    QTest::newRow(
        "1.4 month {\"minutes\":[0],\"hours\":[5],\"monthlyOccurrences\":[{\"day\":\"friday\",\"occurrence\":1}]}")
        << u"{\"startTime\":\"2024-05-01T12:25:00Z\",\"recurrence\":{\"frequency\":\"month\",\"schedule\":{\"minutes\":[0],\"hours\":[5],\"monthlyOccurrences\":[{\"day\":\"friday\",\"occurrence\":1}]}}}"_s
        << u"UTC"_s << u"2024-05-01T08:00:00Z"_s
        << QStringList {u"2024-05-03T05:00:00Z"_s, u"2024-06-07T05:00:00Z"_s, u"2024-07-05T05:00:00Z"_s,
               u"2024-08-02T05:00:00Z"_s, u"2024-09-06T05:00:00Z"_s, u"2024-10-04T05:00:00Z"_s}
        << false;
    QTest::newRow("1.4 month {\"monthlyOccurrences\":[{\"day\":\"friday\",\"occurrence\":1}]}")
        << u"{\"startTime\":\"2024-05-01T12:25:00Z\",\"recurrence\":{\"frequency\":\"month\",\"schedule\":{\"monthlyOccurrences\":[{\"day\":\"friday\",\"occurrence\":1}]}}}"_s
        << u"UTC"_s << u"2024-05-01T08:00:00Z"_s
        << QStringList {u"2024-05-03T12:25:00Z"_s, u"2024-06-07T12:25:00Z"_s, u"2024-07-05T12:25:00Z"_s,
               u"2024-08-02T12:25:00Z"_s, u"2024-09-06T12:25:00Z"_s, u"2024-10-04T12:25:00Z"_s}
        << false;
    QTest::newRow("1.4 month {\"monthlyOccurrences\":[{\"day\":\"friday\",\"occurrence\":-3}]}")
        << u"{\"startTime\":\"2024-05-01T12:25:00Z\",\"recurrence\":{\"frequency\":\"month\",\"schedule\":{\"monthlyOccurrences\":[{\"day\":\"friday\",\"occurrence\":-3}]}}}"_s
        << u"UTC"_s << u"2024-05-01T08:00:00Z"_s
        << QStringList {u"2024-05-17T12:25:00Z"_s, u"2024-06-14T12:25:00Z"_s, u"2024-07-12T12:25:00Z"_s,
               u"2024-08-16T12:25:00Z"_s, u"2024-09-13T12:25:00Z"_s, u"2024-10-11T12:25:00Z"_s}
        << false;
    QTest::newRow("1.4 month "
                  "{\"minutes\":[15],\"hours\":[5],\"monthlyOccurrences\":[{\"day\":\"friday\",\"occurrence\":1},{"
                  "\"day\":\"friday\",\"occurrence\":-1}]}")
        << u"{\"startTime\":\"2024-05-01T12:25:00Z\",\"recurrence\":{\"frequency\":\"month\",\"schedule\":{\"minutes\":[15],\"hours\":[5],\"monthlyOccurrences\":[{\"day\":\"friday\",\"occurrence\":1},{\"day\":\"friday\",\"occurrence\":-1}]}}}"_s
        << u"UTC"_s << u"2024-05-01T08:00:00Z"_s
        << QStringList {u"2024-05-03T05:15:00Z"_s, u"2024-05-31T05:15:00Z"_s, u"2024-06-07T05:15:00Z"_s,
               u"2024-06-28T05:15:00Z"_s, u"2024-07-05T05:15:00Z"_s, u"2024-07-26T05:15:00Z"_s}
        << false;
    QTest::newRow(
        "1.4 month "
        "{\"monthlyOccurrences\":[{\"day\":\"friday\",\"occurrence\":1},{\"day\":\"friday\",\"occurrence\":-1}]}")
        << u"{\"startTime\":\"2024-05-01T12:25:00Z\",\"recurrence\":{\"frequency\":\"month\",\"schedule\":{\"monthlyOccurrences\":[{\"day\":\"friday\",\"occurrence\":1},{\"day\":\"friday\",\"occurrence\":-1}]}}}"_s
        << u"UTC"_s << u"2024-05-01T08:00:00Z"_s
        << QStringList {u"2024-05-03T12:25:00Z"_s, u"2024-05-31T12:25:00Z"_s, u"2024-06-07T12:25:00Z"_s,
               u"2024-06-28T12:25:00Z"_s, u"2024-07-05T12:25:00Z"_s, u"2024-07-26T12:25:00Z"_s}
        << false;
    QTest::newRow("1.4 month {\"monthlyOccurrences\":[{\"day\":\"friday\",\"occurrence\":5}]}")
        << u"{\"startTime\":\"2024-05-01T12:25:00Z\",\"recurrence\":{\"frequency\":\"month\",\"schedule\":{\"monthlyOccurrences\":[{\"day\":\"friday\",\"occurrence\":5}]}}}"_s
        << u"UTC"_s << u"2024-05-01T08:00:00Z"_s
        << QStringList {u"2024-05-31T12:25:00Z"_s, u"2024-08-30T12:25:00Z"_s, u"2024-11-29T12:25:00Z"_s,
               u"2025-01-31T12:25:00Z"_s, u"2025-05-30T12:25:00Z"_s}
        << false;
    QTest::newRow(
        "1.4 month {\"minutes\":[0,15,30,45],\"monthlyOccurrences\":[{\"day\":\"friday\",\"occurrence\":-1}]}")
        << u"{\"startTime\":\"2024-05-01T12:25:00Z\",\"recurrence\":{\"frequency\":\"month\",\"schedule\":{\"minutes\":[0,15,30,45],\"monthlyOccurrences\":[{\"day\":\"friday\",\"occurrence\":-1}]}}}"_s
        << u"UTC"_s << u"2024-05-01T08:00:00Z"_s
        << QStringList {u"2024-05-31T00:00:00Z"_s, u"2024-05-31T00:15:00Z"_s, u"2024-05-31T00:30:00Z"_s,
               u"2024-05-31T00:45:00Z"_s, u"2024-05-31T01:00:00Z"_s, u"2024-05-31T01:15:00Z"_s,
               u"2024-05-31T01:30:00Z"_s, u"2024-05-31T01:45:00Z"_s, u"2024-05-31T02:00:00Z"_s,
               u"2024-05-31T02:15:00Z"_s, u"2024-05-31T02:30:00Z"_s, u"2024-05-31T02:45:00Z"_s,
               u"2024-05-31T03:00:00Z"_s, u"2024-05-31T03:15:00Z"_s, u"2024-05-31T03:30:00Z"_s,
               u"2024-05-31T03:45:00Z"_s, u"2024-05-31T04:00:00Z"_s, u"2024-05-31T04:15:00Z"_s,
               u"2024-05-31T04:30:00Z"_s, u"2024-05-31T04:45:00Z"_s, u"2024-05-31T05:00:00Z"_s,
               u"2024-05-31T05:15:00Z"_s, u"2024-05-31T05:30:00Z"_s, u"2024-05-31T05:45:00Z"_s,
               u"2024-05-31T06:00:00Z"_s, u"2024-05-31T06:15:00Z"_s, u"2024-05-31T06:30:00Z"_s,
               u"2024-05-31T06:45:00Z"_s, u"2024-05-31T07:00:00Z"_s, u"2024-05-31T07:15:00Z"_s,
               u"2024-05-31T07:30:00Z"_s, u"2024-05-31T07:45:00Z"_s, u"2024-05-31T08:00:00Z"_s,
               u"2024-05-31T08:15:00Z"_s, u"2024-05-31T08:30:00Z"_s, u"2024-05-31T08:45:00Z"_s,
               u"2024-05-31T09:00:00Z"_s, u"2024-05-31T09:15:00Z"_s, u"2024-05-31T09:30:00Z"_s,
               u"2024-05-31T09:45:00Z"_s, u"2024-05-31T10:00:00Z"_s, u"2024-05-31T10:15:00Z"_s,
               u"2024-05-31T10:30:00Z"_s, u"2024-05-31T10:45:00Z"_s, u"2024-05-31T11:00:00Z"_s,
               u"2024-05-31T11:15:00Z"_s, u"2024-05-31T11:30:00Z"_s, u"2024-05-31T11:45:00Z"_s,
               u"2024-05-31T12:00:00Z"_s, u"2024-05-31T12:15:00Z"_s, u"2024-05-31T12:30:00Z"_s,
               u"2024-05-31T12:45:00Z"_s, u"2024-05-31T13:00:00Z"_s, u"2024-05-31T13:15:00Z"_s,
               u"2024-05-31T13:30:00Z"_s, u"2024-05-31T13:45:00Z"_s, u"2024-05-31T14:00:00Z"_s,
               u"2024-05-31T14:15:00Z"_s, u"2024-05-31T14:30:00Z"_s, u"2024-05-31T14:45:00Z"_s,
               u"2024-05-31T15:00:00Z"_s, u"2024-05-31T15:15:00Z"_s, u"2024-05-31T15:30:00Z"_s,
               u"2024-05-31T15:45:00Z"_s, u"2024-05-31T16:00:00Z"_s, u"2024-05-31T16:15:00Z"_s,
               u"2024-05-31T16:30:00Z"_s, u"2024-05-31T16:45:00Z"_s, u"2024-05-31T17:00:00Z"_s,
               u"2024-05-31T17:15:00Z"_s, u"2024-05-31T17:30:00Z"_s, u"2024-05-31T17:45:00Z"_s,
               u"2024-05-31T18:00:00Z"_s, u"2024-05-31T18:15:00Z"_s, u"2024-05-31T18:30:00Z"_s,
               u"2024-05-31T18:45:00Z"_s, u"2024-05-31T19:00:00Z"_s, u"2024-05-31T19:15:00Z"_s,
               u"2024-05-31T19:30:00Z"_s, u"2024-05-31T19:45:00Z"_s, u"2024-05-31T20:00:00Z"_s,
               u"2024-05-31T20:15:00Z"_s, u"2024-05-31T20:30:00Z"_s, u"2024-05-31T20:45:00Z"_s,
               u"2024-05-31T21:00:00Z"_s, u"2024-05-31T21:15:00Z"_s, u"2024-05-31T21:30:00Z"_s,
               u"2024-05-31T21:45:00Z"_s, u"2024-05-31T22:00:00Z"_s, u"2024-05-31T22:15:00Z"_s,
               u"2024-05-31T22:30:00Z"_s, u"2024-05-31T22:45:00Z"_s, u"2024-05-31T23:00:00Z"_s,
               u"2024-05-31T23:15:00Z"_s, u"2024-05-31T23:30:00Z"_s, u"2024-05-31T23:45:00Z"_s,
               u"2024-06-28T00:00:00Z"_s, u"2024-06-28T00:15:00Z"_s, u"2024-06-28T00:30:00Z"_s,
               u"2024-06-28T00:45:00Z"_s}
        << false;
    QTest::newRow(
        "1.4 month "
        "{\"minutes\":[15,45],\"hours\":[5,17],\"monthlyOccurrences\":[{\"day\":\"wednesday\",\"occurrence\":3}]}")
        << u"{\"startTime\":\"2024-05-01T12:25:00Z\",\"recurrence\":{\"frequency\":\"month\",\"schedule\":{\"minutes\":[15,45],\"hours\":[5,17],\"monthlyOccurrences\":[{\"day\":\"wednesday\",\"occurrence\":3}]}}}"_s
        << u"UTC"_s << u"2024-05-01T08:00:00Z"_s
        << QStringList {u"2024-05-15T05:15:00Z"_s, u"2024-05-15T05:45:00Z"_s, u"2024-05-15T17:15:00Z"_s,
               u"2024-05-15T17:45:00Z"_s, u"2024-06-19T05:15:00Z"_s, u"2024-06-19T05:45:00Z"_s,
               u"2024-06-19T17:15:00Z"_s, u"2024-06-19T17:45:00Z"_s}
        << false;
    QTest::newRow("logicapps biweekly Mondays every 15 minutes")
        << u"{\"startTime\":\"2024-05-01T00:00:00Z\",\"recurrence\":{\"frequency\":\"week\",\"interval\":2,\"schedule\":{\"weekDays\":[\"monday\"],\"hours\":[0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23],\"minutes\":[0,15,30,45]}}}"_s
        << u"UTC"_s << u"2024-05-01T00:00:00Z"_s
        << QStringList {u"2024-05-13T00:00:00Z"_s, u"2024-05-13T00:15:00Z"_s, u"2024-05-13T00:30:00Z"_s,
               u"2024-05-13T00:45:00Z"_s, u"2024-05-13T01:00:00Z"_s, u"2024-05-13T01:15:00Z"_s,
               u"2024-05-13T01:30:00Z"_s, u"2024-05-13T01:45:00Z"_s, u"2024-05-13T02:00:00Z"_s,
               u"2024-05-13T02:15:00Z"_s, u"2024-05-13T02:30:00Z"_s, u"2024-05-13T02:45:00Z"_s,
               u"2024-05-13T03:00:00Z"_s, u"2024-05-13T03:15:00Z"_s, u"2024-05-13T03:30:00Z"_s,
               u"2024-05-13T03:45:00Z"_s, u"2024-05-13T04:00:00Z"_s, u"2024-05-13T04:15:00Z"_s,
               u"2024-05-13T04:30:00Z"_s, u"2024-05-13T04:45:00Z"_s, u"2024-05-13T05:00:00Z"_s,
               u"2024-05-13T05:15:00Z"_s, u"2024-05-13T05:30:00Z"_s, u"2024-05-13T05:45:00Z"_s,
               u"2024-05-13T06:00:00Z"_s, u"2024-05-13T06:15:00Z"_s, u"2024-05-13T06:30:00Z"_s,
               u"2024-05-13T06:45:00Z"_s, u"2024-05-13T07:00:00Z"_s, u"2024-05-13T07:15:00Z"_s,
               u"2024-05-13T07:30:00Z"_s, u"2024-05-13T07:45:00Z"_s, u"2024-05-13T08:00:00Z"_s,
               u"2024-05-13T08:15:00Z"_s, u"2024-05-13T08:30:00Z"_s, u"2024-05-13T08:45:00Z"_s,
               u"2024-05-13T09:00:00Z"_s, u"2024-05-13T09:15:00Z"_s, u"2024-05-13T09:30:00Z"_s,
               u"2024-05-13T09:45:00Z"_s, u"2024-05-13T10:00:00Z"_s, u"2024-05-13T10:15:00Z"_s,
               u"2024-05-13T10:30:00Z"_s, u"2024-05-13T10:45:00Z"_s, u"2024-05-13T11:00:00Z"_s,
               u"2024-05-13T11:15:00Z"_s, u"2024-05-13T11:30:00Z"_s, u"2024-05-13T11:45:00Z"_s,
               u"2024-05-13T12:00:00Z"_s, u"2024-05-13T12:15:00Z"_s, u"2024-05-13T12:30:00Z"_s,
               u"2024-05-13T12:45:00Z"_s, u"2024-05-13T13:00:00Z"_s, u"2024-05-13T13:15:00Z"_s,
               u"2024-05-13T13:30:00Z"_s, u"2024-05-13T13:45:00Z"_s, u"2024-05-13T14:00:00Z"_s,
               u"2024-05-13T14:15:00Z"_s, u"2024-05-13T14:30:00Z"_s, u"2024-05-13T14:45:00Z"_s,
               u"2024-05-13T15:00:00Z"_s, u"2024-05-13T15:15:00Z"_s, u"2024-05-13T15:30:00Z"_s,
               u"2024-05-13T15:45:00Z"_s, u"2024-05-13T16:00:00Z"_s, u"2024-05-13T16:15:00Z"_s,
               u"2024-05-13T16:30:00Z"_s, u"2024-05-13T16:45:00Z"_s, u"2024-05-13T17:00:00Z"_s,
               u"2024-05-13T17:15:00Z"_s, u"2024-05-13T17:30:00Z"_s, u"2024-05-13T17:45:00Z"_s,
               u"2024-05-13T18:00:00Z"_s, u"2024-05-13T18:15:00Z"_s, u"2024-05-13T18:30:00Z"_s,
               u"2024-05-13T18:45:00Z"_s, u"2024-05-13T19:00:00Z"_s, u"2024-05-13T19:15:00Z"_s,
               u"2024-05-13T19:30:00Z"_s, u"2024-05-13T19:45:00Z"_s, u"2024-05-13T20:00:00Z"_s,
               u"2024-05-13T20:15:00Z"_s, u"2024-05-13T20:30:00Z"_s, u"2024-05-13T20:45:00Z"_s,
               u"2024-05-13T21:00:00Z"_s, u"2024-05-13T21:15:00Z"_s, u"2024-05-13T21:30:00Z"_s,
               u"2024-05-13T21:45:00Z"_s, u"2024-05-13T22:00:00Z"_s, u"2024-05-13T22:15:00Z"_s,
               u"2024-05-13T22:30:00Z"_s, u"2024-05-13T22:45:00Z"_s, u"2024-05-13T23:00:00Z"_s,
               u"2024-05-13T23:15:00Z"_s, u"2024-05-13T23:30:00Z"_s, u"2024-05-13T23:45:00Z"_s,
               u"2024-05-27T00:00:00Z"_s, u"2024-05-27T00:15:00Z"_s, u"2024-05-27T00:30:00Z"_s,
               u"2024-05-27T00:45:00Z"_s}
        << false;
    QTest::newRow("logicapps monthly without schedule")
        << u"{\"startTime\":\"2024-05-06T10:20:00Z\",\"recurrence\":{\"frequency\":\"month\"}}"_s << u"UTC"_s
        << u"2024-05-01T08:00:00Z"_s
        << QStringList {u"2024-05-06T10:20:00Z"_s, u"2024-06-06T10:20:00Z"_s, u"2024-07-06T10:20:00Z"_s,
               u"2024-08-06T10:20:00Z"_s, u"2024-09-06T10:20:00Z"_s}
        << false;
    QTest::newRow("logicapps daily at 8 without start")
        << u"{\"recurrence\":{\"frequency\":\"day\",\"schedule\":{\"hours\":[8]}}}"_s << u"UTC"_s
        << u"2024-05-01T13:47:12Z"_s
        << QStringList {u"2024-05-01T13:47:12Z"_s, u"2024-05-02T08:47:12Z"_s, u"2024-05-03T08:47:12Z"_s,
               u"2024-05-04T08:47:12Z"_s}
        << false;
    QTest::newRow("D1 daily minutes [30] every hour")
        << u"{\"startTime\":\"2024-05-01T22:10:00Z\",\"recurrence\":{\"frequency\":\"day\",\"schedule\":{\"minutes\":[30]}}}"_s
        << u"UTC"_s << u"2024-05-01T08:00:00Z"_s
        << QStringList {u"2024-05-01T22:30:00Z"_s, u"2024-05-01T23:30:00Z"_s, u"2024-05-02T00:30:00Z"_s,
               u"2024-05-02T01:30:00Z"_s, u"2024-05-02T02:30:00Z"_s}
        << false;
    QTest::newRow("D1 hours without minutes take the start minute")
        << u"{\"startTime\":\"2024-05-01T10:41:00Z\",\"recurrence\":{\"frequency\":\"day\",\"schedule\":{\"hours\":[6,18]}}}"_s
        << u"UTC"_s << u"2024-05-01T08:00:00Z"_s
        << QStringList {u"2024-05-01T18:41:00Z"_s, u"2024-05-02T06:41:00Z"_s, u"2024-05-02T18:41:00Z"_s,
               u"2024-05-03T06:41:00Z"_s}
        << false;
    QTest::newRow("D1 weekly minutes only every hour of the start weekday")
        << u"{\"startTime\":\"2024-05-05T21:30:00Z\",\"recurrence\":{\"frequency\":\"week\",\"schedule\":{\"minutes\":[0]}}}"_s
        << u"UTC"_s << u"2024-05-01T08:00:00Z"_s
        << QStringList {u"2024-05-05T22:00:00Z"_s, u"2024-05-05T23:00:00Z"_s, u"2024-05-12T00:00:00Z"_s,
               u"2024-05-12T01:00:00Z"_s, u"2024-05-12T02:00:00Z"_s}
        << false;
    QTest::newRow("D2 seconds from the start")
        << u"{\"startTime\":\"2024-05-01T12:25:37Z\",\"recurrence\":{\"frequency\":\"day\",\"schedule\":{\"hours\":[5,17]}}}"_s
        << u"UTC"_s << u"2024-05-01T08:00:00Z"_s
        << QStringList {u"2024-05-01T17:25:37Z"_s, u"2024-05-02T05:25:37Z"_s, u"2024-05-02T17:25:37Z"_s,
               u"2024-05-03T05:25:37Z"_s}
        << false;
    QTest::newRow("D2 seconds from the start on minute frequency")
        << u"{\"startTime\":\"2024-05-01T12:25:37Z\",\"recurrence\":{\"frequency\":\"minute\",\"interval\":10}}"_s
        << u"UTC"_s << u"2024-05-01T08:00:00Z"_s
        << QStringList {u"2024-05-01T12:25:37Z"_s, u"2024-05-01T12:35:37Z"_s, u"2024-05-01T12:45:37Z"_s,
               u"2024-05-01T12:55:37Z"_s}
        << false;
    QTest::newRow("D2 seconds from the start on hour frequency with minutes")
        << u"{\"startTime\":\"2024-05-01T12:25:37Z\",\"recurrence\":{\"frequency\":\"hour\",\"schedule\":{\"minutes\":[0,30]}}}"_s
        << u"UTC"_s << u"2024-05-01T08:00:00Z"_s
        << QStringList {u"2024-05-01T12:30:37Z"_s, u"2024-05-01T13:00:37Z"_s, u"2024-05-01T13:30:37Z"_s,
               u"2024-05-01T14:00:37Z"_s}
        << false;
    QTest::newRow("D2 seconds of the creation time")
        << u"{\"recurrence\":{\"frequency\":\"hour\",\"schedule\":{\"minutes\":[0]}}}"_s << u"UTC"_s
        << u"2024-05-01T12:25:37Z"_s
        << QStringList {u"2024-05-01T12:25:37Z"_s, u"2024-05-01T13:00:37Z"_s, u"2024-05-01T14:00:37Z"_s,
               u"2024-05-01T15:00:37Z"_s}
        << false;
    QTest::newRow("D2 milliseconds of the creation time")
        << u"{\"recurrence\":{\"frequency\":\"day\"}}"_s << u"UTC"_s << u"2024-05-01T12:25:37.250Z"_s
        << QStringList {u"2024-05-01T12:25:37.250Z"_s, u"2024-05-02T12:25:37.250Z"_s, u"2024-05-03T12:25:37.250Z"_s}
        << false;
    QTest::newRow("D3 daily count 5 past start")
        << u"{\"startTime\":\"2024-04-29T09:00:00Z\",\"recurrence\":{\"frequency\":\"day\",\"count\":5}}"_s << u"UTC"_s
        << u"2024-05-01T10:00:00Z"_s
        << QStringList {u"2024-05-02T09:00:00Z"_s, u"2024-05-03T09:00:00Z"_s, u"2024-05-04T09:00:00Z"_s,
               u"2024-05-05T09:00:00Z"_s, u"2024-05-06T09:00:00Z"_s}
        << true;
    QTest::newRow("D3 daily count 5 from Monday")
        << u"{\"startTime\":\"2024-05-06T09:00:00Z\",\"recurrence\":{\"frequency\":\"day\",\"count\":5}}"_s << u"UTC"_s
        << u"2024-05-01T10:00:00Z"_s
        << QStringList {u"2024-05-06T09:00:00Z"_s, u"2024-05-07T09:00:00Z"_s, u"2024-05-08T09:00:00Z"_s,
               u"2024-05-09T09:00:00Z"_s, u"2024-05-10T09:00:00Z"_s}
        << true;
    QTest::newRow("D3 count with no start counts the immediate run")
        << u"{\"recurrence\":{\"frequency\":\"hour\",\"interval\":2,\"count\":3}}"_s << u"UTC"_s
        << u"2024-05-01T10:00:00Z"_s
        << QStringList {u"2024-05-01T10:00:00Z"_s, u"2024-05-01T12:00:00Z"_s, u"2024-05-01T14:00:00Z"_s} << true;
    QTest::newRow("D3 count 1")
        << u"{\"startTime\":\"2024-04-01T09:00:00Z\",\"recurrence\":{\"frequency\":\"week\",\"count\":1}}"_s << u"UTC"_s
        << u"2024-05-01T10:00:00Z"_s << QStringList {u"2024-05-06T09:00:00Z"_s} << true;
    QTest::newRow("D3 count with schedule and past start")
        << u"{\"startTime\":\"2024-01-01T00:00:00Z\",\"recurrence\":{\"frequency\":\"week\",\"schedule\":{\"weekDays\":[\"monday\",\"friday\"],\"hours\":[9],\"minutes\":[0]},\"count\":4}}"_s
        << u"UTC"_s << u"2024-05-01T10:00:00Z"_s
        << QStringList {u"2024-05-03T09:00:00Z"_s, u"2024-05-06T09:00:00Z"_s, u"2024-05-10T09:00:00Z"_s,
               u"2024-05-13T09:00:00Z"_s}
        << true;
    QTest::newRow("D3 every 15 minutes count 6 past start")
        << u"{\"startTime\":\"2024-04-30T00:05:00Z\",\"recurrence\":{\"frequency\":\"minute\",\"interval\":15,\"count\":6}}"_s
        << u"UTC"_s << u"2024-05-01T10:00:00Z"_s
        << QStringList {u"2024-05-01T10:05:00Z"_s, u"2024-05-01T10:20:00Z"_s, u"2024-05-01T10:35:00Z"_s,
               u"2024-05-01T10:50:00Z"_s, u"2024-05-01T11:05:00Z"_s, u"2024-05-01T11:20:00Z"_s}
        << true;
    QTest::newRow("D4 biweekly Monday from a Wednesday start")
        << u"{\"startTime\":\"2024-05-01T09:00:00Z\",\"recurrence\":{\"frequency\":\"week\",\"interval\":2,\"schedule\":{\"weekDays\":[\"monday\"]}}}"_s
        << u"UTC"_s << u"2024-05-01T08:00:00Z"_s
        << QStringList {u"2024-05-13T09:00:00Z"_s, u"2024-05-27T09:00:00Z"_s, u"2024-06-10T09:00:00Z"_s,
               u"2024-06-24T09:00:00Z"_s}
        << false;
    QTest::newRow("D4 biweekly Monday and Friday from a Wednesday start")
        << u"{\"startTime\":\"2024-05-01T09:00:00Z\",\"recurrence\":{\"frequency\":\"week\",\"interval\":2,\"schedule\":{\"weekDays\":[\"monday\",\"friday\"]}}}"_s
        << u"UTC"_s << u"2024-05-01T08:00:00Z"_s
        << QStringList {u"2024-05-03T09:00:00Z"_s, u"2024-05-13T09:00:00Z"_s, u"2024-05-17T09:00:00Z"_s,
               u"2024-05-27T09:00:00Z"_s, u"2024-05-31T09:00:00Z"_s}
        << false;
    QTest::newRow("D4 biweekly Sunday is the end of the start week")
        << u"{\"startTime\":\"2024-05-01T09:00:00Z\",\"recurrence\":{\"frequency\":\"week\",\"interval\":2,\"schedule\":{\"weekDays\":[\"sunday\"]}}}"_s
        << u"UTC"_s << u"2024-05-01T08:00:00Z"_s
        << QStringList {u"2024-05-05T09:00:00Z"_s, u"2024-05-19T09:00:00Z"_s, u"2024-06-02T09:00:00Z"_s,
               u"2024-06-16T09:00:00Z"_s}
        << false;
    QTest::newRow("D4 weekly Monday and Sunday from a Sunday start")
        << u"{\"startTime\":\"2024-05-05T09:00:00Z\",\"recurrence\":{\"frequency\":\"week\",\"interval\":3,\"schedule\":{\"weekDays\":[\"monday\",\"sunday\"]}}}"_s
        << u"UTC"_s << u"2024-05-01T08:00:00Z"_s
        << QStringList {u"2024-05-05T09:00:00Z"_s, u"2024-05-20T09:00:00Z"_s, u"2024-05-26T09:00:00Z"_s,
               u"2024-06-10T09:00:00Z"_s, u"2024-06-16T09:00:00Z"_s}
        << false;
    QTest::newRow("D4 weekly Sunday start Saturday")
        << u"{\"startTime\":\"2024-05-04T09:00:00Z\",\"recurrence\":{\"frequency\":\"week\",\"interval\":1,\"schedule\":{\"weekDays\":[\"sunday\",\"saturday\"]}}}"_s
        << u"UTC"_s << u"2024-05-01T08:00:00Z"_s
        << QStringList {u"2024-05-04T09:00:00Z"_s, u"2024-05-05T09:00:00Z"_s, u"2024-05-11T09:00:00Z"_s,
               u"2024-05-12T09:00:00Z"_s, u"2024-05-18T09:00:00Z"_s}
        << false;
    QTest::newRow("D4 every 3 days hours before start")
        << u"{\"startTime\":\"2024-05-01T12:00:00Z\",\"recurrence\":{\"frequency\":\"day\",\"interval\":3,\"schedule\":{\"hours\":[6]}}}"_s
        << u"UTC"_s << u"2024-05-01T08:00:00Z"_s
        << QStringList {u"2024-05-04T06:00:00Z"_s, u"2024-05-07T06:00:00Z"_s, u"2024-05-10T06:00:00Z"_s,
               u"2024-05-13T06:00:00Z"_s}
        << false;
    QTest::newRow("D4 every 3 months from mid month")
        << u"{\"startTime\":\"2024-05-15T12:00:00Z\",\"recurrence\":{\"frequency\":\"month\",\"interval\":3,\"schedule\":{\"monthDays\":[1,20]}}}"_s
        << u"UTC"_s << u"2024-05-01T08:00:00Z"_s
        << QStringList {u"2024-05-20T12:00:00Z"_s, u"2024-08-01T12:00:00Z"_s, u"2024-08-20T12:00:00Z"_s,
               u"2024-11-01T12:00:00Z"_s, u"2024-11-20T12:00:00Z"_s}
        << false;
    QTest::newRow("D4 every 5 hours with minutes")
        << u"{\"startTime\":\"2024-05-01T10:30:00Z\",\"recurrence\":{\"frequency\":\"hour\",\"interval\":5,\"schedule\":{\"minutes\":[10,50]}}}"_s
        << u"UTC"_s << u"2024-05-01T08:00:00Z"_s
        << QStringList {u"2024-05-01T10:50:00Z"_s, u"2024-05-01T15:10:00Z"_s, u"2024-05-01T15:50:00Z"_s,
               u"2024-05-01T20:10:00Z"_s, u"2024-05-01T20:50:00Z"_s, u"2024-05-02T01:10:00Z"_s}
        << false;
    QTest::newRow("D4 every 7 minutes")
        << u"{\"startTime\":\"2024-05-01T10:03:20Z\",\"recurrence\":{\"frequency\":\"minute\",\"interval\":7}}"_s
        << u"UTC"_s << u"2024-05-01T08:00:00Z"_s
        << QStringList {u"2024-05-01T10:03:20Z"_s, u"2024-05-01T10:10:20Z"_s, u"2024-05-01T10:17:20Z"_s,
               u"2024-05-01T10:24:20Z"_s, u"2024-05-01T10:31:20Z"_s}
        << false;
    QTest::newRow("D4 weekly past start keeps the grid")
        << u"{\"startTime\":\"2024-01-03T07:00:00Z\",\"recurrence\":{\"frequency\":\"week\",\"interval\":3,\"schedule\":{\"weekDays\":[\"tuesday\"]}}}"_s
        << u"UTC"_s << u"2024-05-01T08:00:00Z"_s
        << QStringList {u"2024-05-07T07:00:00Z"_s, u"2024-05-28T07:00:00Z"_s, u"2024-06-18T07:00:00Z"_s,
               u"2024-07-09T07:00:00Z"_s}
        << false;
    QTest::newRow("D4 every 2 months past start keeps the grid")
        << u"{\"startTime\":\"2023-12-31T07:00:00Z\",\"recurrence\":{\"frequency\":\"month\",\"interval\":2,\"schedule\":{\"monthDays\":[10]}}}"_s
        << u"UTC"_s << u"2024-05-01T08:00:00Z"_s
        << QStringList {u"2024-06-10T07:00:00Z"_s, u"2024-08-10T07:00:00Z"_s, u"2024-10-10T07:00:00Z"_s,
               u"2024-12-10T07:00:00Z"_s}
        << false;
    QTest::newRow("D4 every 90 minutes past start keeps the grid")
        << u"{\"startTime\":\"2024-04-30T23:00:00Z\",\"recurrence\":{\"frequency\":\"minute\",\"interval\":90}}"_s
        << u"UTC"_s << u"2024-05-01T08:00:00Z"_s
        << QStringList {u"2024-05-01T08:00:00Z"_s, u"2024-05-01T09:30:00Z"_s, u"2024-05-01T11:00:00Z"_s,
               u"2024-05-01T12:30:00Z"_s}
        << false;
    QTest::newRow("D5 monthly from Jan 31")
        << u"{\"startTime\":\"2024-01-31T10:00:00Z\",\"recurrence\":{\"frequency\":\"month\"}}"_s << u"UTC"_s
        << u"2024-01-01T00:00:00Z"_s
        << QStringList {u"2024-01-31T10:00:00Z"_s, u"2024-03-31T10:00:00Z"_s, u"2024-05-31T10:00:00Z"_s,
               u"2024-07-31T10:00:00Z"_s, u"2024-08-31T10:00:00Z"_s, u"2024-10-31T10:00:00Z"_s,
               u"2024-12-31T10:00:00Z"_s}
        << false;
    QTest::newRow("D5 monthly from Jan 30")
        << u"{\"startTime\":\"2023-01-30T10:00:00Z\",\"recurrence\":{\"frequency\":\"month\"}}"_s << u"UTC"_s
        << u"2023-01-01T00:00:00Z"_s
        << QStringList {u"2023-01-30T10:00:00Z"_s, u"2023-03-30T10:00:00Z"_s, u"2023-04-30T10:00:00Z"_s,
               u"2023-05-30T10:00:00Z"_s}
        << false;
    QTest::newRow("D5 monthly from Jan 29 in a non-leap year")
        << u"{\"startTime\":\"2023-01-29T10:00:00Z\",\"recurrence\":{\"frequency\":\"month\"}}"_s << u"UTC"_s
        << u"2023-01-01T00:00:00Z"_s
        << QStringList {u"2023-01-29T10:00:00Z"_s, u"2023-03-29T10:00:00Z"_s, u"2023-04-29T10:00:00Z"_s} << false;
    QTest::newRow("D5 yearly Feb 29 every 12 months")
        << u"{\"startTime\":\"2024-02-29T10:00:00Z\",\"recurrence\":{\"frequency\":\"month\",\"interval\":12}}"_s
        << u"UTC"_s << u"2024-01-01T00:00:00Z"_s
        << QStringList {u"2024-02-29T10:00:00Z"_s, u"2028-02-29T10:00:00Z"_s, u"2032-02-29T10:00:00Z"_s} << false;
    QTest::newRow("D5 monthDays 31")
        << u"{\"startTime\":\"2024-01-01T00:00:00Z\",\"recurrence\":{\"frequency\":\"month\",\"schedule\":{\"monthDays\":[31],\"hours\":[0],\"minutes\":[0]}}}"_s
        << u"UTC"_s << u"2024-01-01T00:00:00Z"_s
        << QStringList {u"2024-01-31T00:00:00Z"_s, u"2024-03-31T00:00:00Z"_s, u"2024-05-31T00:00:00Z"_s,
               u"2024-07-31T00:00:00Z"_s, u"2024-08-31T00:00:00Z"_s, u"2024-10-31T00:00:00Z"_s,
               u"2024-12-31T00:00:00Z"_s}
        << false;
    QTest::newRow("D5 monthDays 29 every 12 months from Feb 2023")
        << u"{\"startTime\":\"2023-02-01T10:00:00Z\",\"recurrence\":{\"frequency\":\"month\",\"interval\":12,\"schedule\":{\"monthDays\":[29]}}}"_s
        << u"UTC"_s << u"2023-01-01T00:00:00Z"_s << QStringList {u"2024-02-29T10:00:00Z"_s, u"2028-02-29T10:00:00Z"_s}
        << false;
    QTest::newRow("D5 fifth Friday of February every 12 months")
        << u"{\"startTime\":\"2025-02-01T10:00:00Z\",\"recurrence\":{\"frequency\":\"month\",\"interval\":12,\"schedule\":{\"monthlyOccurrences\":{\"day\":\"friday\",\"occurrence\":5}}}}"_s
        << u"UTC"_s << u"2025-01-01T00:00:00Z"_s << QStringList {u"2036-02-29T10:00:00Z"_s, u"2064-02-29T10:00:00Z"_s}
        << false;
    QTest::newRow("D5 every 2 months from Dec 31")
        << u"{\"startTime\":\"2023-12-31T10:00:00Z\",\"recurrence\":{\"frequency\":\"month\",\"interval\":2}}"_s
        << u"UTC"_s << u"2023-12-01T00:00:00Z"_s
        << QStringList {u"2023-12-31T10:00:00Z"_s, u"2024-08-31T10:00:00Z"_s, u"2024-10-31T10:00:00Z"_s,
               u"2024-12-31T10:00:00Z"_s}
        << false;
    QTest::newRow("D6 endTime inclusive")
        << u"{\"startTime\":\"2024-05-01T09:00:00Z\",\"recurrence\":{\"frequency\":\"day\",\"endTime\":\"2024-05-03T09:00:00Z\"}}"_s
        << u"UTC"_s << u"2024-05-01T08:00:00Z"_s
        << QStringList {u"2024-05-01T09:00:00Z"_s, u"2024-05-02T09:00:00Z"_s, u"2024-05-03T09:00:00Z"_s} << true;
    QTest::newRow("D6 endTime one second earlier")
        << u"{\"startTime\":\"2024-05-01T09:00:00Z\",\"recurrence\":{\"frequency\":\"day\",\"endTime\":\"2024-05-03T08:59:59Z\"}}"_s
        << u"UTC"_s << u"2024-05-01T08:00:00Z"_s << QStringList {u"2024-05-01T09:00:00Z"_s, u"2024-05-02T09:00:00Z"_s}
        << true;
    QTest::newRow("D6 date-only endTime is midnight")
        << u"{\"startTime\":\"2024-05-01T00:00:00Z\",\"recurrence\":{\"frequency\":\"day\",\"endTime\":\"2024-05-04\"}}"_s
        << u"UTC"_s << u"2024-04-30T08:00:00Z"_s
        << QStringList {u"2024-05-01T00:00:00Z"_s, u"2024-05-02T00:00:00Z"_s, u"2024-05-03T00:00:00Z"_s,
               u"2024-05-04T00:00:00Z"_s}
        << true;
    QTest::newRow("D6 date-only endTime in Paris")
        << u"{\"startTime\":\"2024-05-01T00:00:00\",\"recurrence\":{\"frequency\":\"day\",\"endTime\":\"2024-05-04\"}}"_s
        << u"Europe/Paris"_s << u"2024-04-30T08:00:00Z"_s
        << QStringList {u"2024-04-30T22:00:00Z"_s, u"2024-05-01T22:00:00Z"_s, u"2024-05-02T22:00:00Z"_s,
               u"2024-05-03T22:00:00Z"_s}
        << true;
    QTest::newRow("D6 endTime with offset")
        << u"{\"startTime\":\"2024-05-01T00:00:00Z\",\"recurrence\":{\"frequency\":\"hour\",\"interval\":6,\"endTime\":\"2024-05-02T08:00:00+02:00\"}}"_s
        << u"UTC"_s << u"2024-04-30T08:00:00Z"_s
        << QStringList {u"2024-05-01T00:00:00Z"_s, u"2024-05-01T06:00:00Z"_s, u"2024-05-01T12:00:00Z"_s,
               u"2024-05-01T18:00:00Z"_s, u"2024-05-02T00:00:00Z"_s, u"2024-05-02T06:00:00Z"_s}
        << true;
    QTest::newRow("D6 endTime with no start")
        << u"{\"recurrence\":{\"frequency\":\"minute\",\"interval\":20,\"endTime\":\"2024-05-01T09:00:00Z\"}}"_s
        << u"UTC"_s << u"2024-05-01T08:00:00Z"_s
        << QStringList {u"2024-05-01T08:00:00Z"_s, u"2024-05-01T08:20:00Z"_s, u"2024-05-01T08:40:00Z"_s,
               u"2024-05-01T09:00:00Z"_s}
        << true;
    QTest::newRow("D7 count reached first")
        << u"{\"startTime\":\"2024-05-01T09:00:00Z\",\"recurrence\":{\"frequency\":\"day\",\"count\":3,\"endTime\":\"2024-06-01T00:00:00Z\"}}"_s
        << u"UTC"_s << u"2024-05-01T08:00:00Z"_s
        << QStringList {u"2024-05-01T09:00:00Z"_s, u"2024-05-02T09:00:00Z"_s, u"2024-05-03T09:00:00Z"_s} << true;
    QTest::newRow("D7 endTime reached first")
        << u"{\"startTime\":\"2024-05-01T09:00:00Z\",\"recurrence\":{\"frequency\":\"day\",\"count\":10,\"endTime\":\"2024-05-03T12:00:00Z\"}}"_s
        << u"UTC"_s << u"2024-05-01T08:00:00Z"_s
        << QStringList {u"2024-05-01T09:00:00Z"_s, u"2024-05-02T09:00:00Z"_s, u"2024-05-03T09:00:00Z"_s} << true;
    QTest::newRow("D10 duplicate hours")
        << u"{\"startTime\":\"2024-05-01T00:00:00Z\",\"recurrence\":{\"frequency\":\"day\",\"schedule\":{\"hours\":[17,5,5],\"minutes\":[15]}}}"_s
        << u"UTC"_s << u"2024-05-01T00:00:00Z"_s
        << QStringList {u"2024-05-01T05:15:00Z"_s, u"2024-05-01T17:15:00Z"_s, u"2024-05-02T05:15:00Z"_s,
               u"2024-05-02T17:15:00Z"_s}
        << false;
    QTest::newRow("D10 monthDays 31 and -1 are one run")
        << u"{\"startTime\":\"2024-01-01T00:00:00Z\",\"recurrence\":{\"frequency\":\"month\",\"schedule\":{\"monthDays\":[31,-1],\"hours\":[6],\"minutes\":[0]}}}"_s
        << u"UTC"_s << u"2024-01-01T00:00:00Z"_s
        << QStringList {u"2024-01-31T06:00:00Z"_s, u"2024-02-29T06:00:00Z"_s, u"2024-03-31T06:00:00Z"_s,
               u"2024-04-30T06:00:00Z"_s, u"2024-05-31T06:00:00Z"_s, u"2024-06-30T06:00:00Z"_s}
        << false;
    QTest::newRow("D10 occurrences 5 and -1 are one run")
        << u"{\"startTime\":\"2024-01-01T00:00:00Z\",\"recurrence\":{\"frequency\":\"month\",\"schedule\":{\"monthlyOccurrences\":[{\"day\":\"friday\",\"occurrence\":5},{\"day\":\"friday\",\"occurrence\":-1}],\"hours\":[5],\"minutes\":[0]}}}"_s
        << u"UTC"_s << u"2024-01-01T00:00:00Z"_s
        << QStringList {u"2024-01-26T05:00:00Z"_s, u"2024-02-23T05:00:00Z"_s, u"2024-03-29T05:00:00Z"_s,
               u"2024-04-26T05:00:00Z"_s, u"2024-05-31T05:00:00Z"_s, u"2024-06-28T05:00:00Z"_s}
        << false;
    QTest::newRow("D10 every Friday and the first Friday")
        << u"{\"startTime\":\"2024-05-01T00:00:00Z\",\"recurrence\":{\"frequency\":\"month\",\"schedule\":{\"monthlyOccurrences\":[{\"day\":\"friday\"},{\"day\":\"friday\",\"occurrence\":1}],\"hours\":[5],\"minutes\":[0]}}}"_s
        << u"UTC"_s << u"2024-05-01T00:00:00Z"_s
        << QStringList {u"2024-05-03T05:00:00Z"_s, u"2024-05-10T05:00:00Z"_s, u"2024-05-17T05:00:00Z"_s,
               u"2024-05-24T05:00:00Z"_s, u"2024-05-31T05:00:00Z"_s, u"2024-06-07T05:00:00Z"_s}
        << false;
    QTest::newRow("D11 capitalised names")
        << u"{\"startTime\":\"2024-05-01T09:00:00Z\",\"recurrence\":{\"frequency\":\"Week\",\"schedule\":{\"weekDays\":[\"Monday\",\"FRIDAY\"]}}}"_s
        << u"UTC"_s << u"2024-05-01T08:00:00Z"_s
        << QStringList {u"2024-05-03T09:00:00Z"_s, u"2024-05-06T09:00:00Z"_s, u"2024-05-10T09:00:00Z"_s,
               u"2024-05-13T09:00:00Z"_s}
        << false;
    QTest::newRow("D11 ARM casing Occurrence and Day")
        << u"{\"startTime\":\"2024-05-01T09:00:00Z\",\"recurrence\":{\"frequency\":\"Month\",\"schedule\":{\"monthlyOccurrences\":[{\"Day\":\"Friday\",\"Occurrence\":-1}]}}}"_s
        << u"UTC"_s << u"2024-05-01T08:00:00Z"_s
        << QStringList {u"2024-05-31T09:00:00Z"_s, u"2024-06-28T09:00:00Z"_s, u"2024-07-26T09:00:00Z"_s,
               u"2024-08-30T09:00:00Z"_s}
        << false;
    QTest::newRow("D12 no start daily") << u"{\"recurrence\":{\"frequency\":\"day\"}}"_s << u"UTC"_s
                                        << u"2024-05-01T13:47:12Z"_s
                                        << QStringList {u"2024-05-01T13:47:12Z"_s, u"2024-05-02T13:47:12Z"_s,
                                               u"2024-05-03T13:47:12Z"_s}
                                        << false;
    QTest::newRow("D12 no start weekly with week days")
        << u"{\"recurrence\":{\"frequency\":\"week\",\"schedule\":{\"weekDays\":[\"monday\"],\"hours\":[9]}}}"_s
        << u"UTC"_s << u"2024-05-01T13:47:12Z"_s
        << QStringList {u"2024-05-01T13:47:12Z"_s, u"2024-05-06T09:47:12Z"_s, u"2024-05-13T09:47:12Z"_s} << false;
    QTest::newRow("D12 no start minutes filter")
        << u"{\"recurrence\":{\"frequency\":\"minute\",\"interval\":5,\"schedule\":{\"minutes\":[0,30]}}}"_s << u"UTC"_s
        << u"2024-05-01T13:45:00Z"_s
        << QStringList {u"2024-05-01T13:45:00Z"_s, u"2024-05-01T14:00:00Z"_s, u"2024-05-01T14:30:00Z"_s,
               u"2024-05-01T15:00:00Z"_s}
        << false;
    QTest::newRow("D12 no start monthly last day")
        << u"{\"recurrence\":{\"frequency\":\"month\",\"schedule\":{\"monthDays\":[-1]}}}"_s << u"UTC"_s
        << u"2024-05-01T13:47:12Z"_s
        << QStringList {u"2024-05-01T13:47:12Z"_s, u"2024-05-31T13:47:12Z"_s, u"2024-06-30T13:47:12Z"_s} << false;
    QTest::newRow("occurrences first Friday")
        << u"{\"startTime\":\"2024-01-01T00:00:00Z\",\"recurrence\":{\"frequency\":\"month\",\"schedule\":{\"monthlyOccurrences\":[{\"day\":\"friday\",\"occurrence\":1}],\"hours\":[5],\"minutes\":[0]}}}"_s
        << u"UTC"_s << u"2024-01-01T00:00:00Z"_s
        << QStringList {u"2024-01-05T05:00:00Z"_s, u"2024-02-02T05:00:00Z"_s, u"2024-03-01T05:00:00Z"_s,
               u"2024-04-05T05:00:00Z"_s, u"2024-05-03T05:00:00Z"_s, u"2024-06-07T05:00:00Z"_s,
               u"2024-07-05T05:00:00Z"_s, u"2024-08-02T05:00:00Z"_s}
        << false;
    QTest::newRow("occurrences last Friday")
        << u"{\"startTime\":\"2024-01-01T00:00:00Z\",\"recurrence\":{\"frequency\":\"month\",\"schedule\":{\"monthlyOccurrences\":[{\"day\":\"friday\",\"occurrence\":-1}],\"hours\":[5],\"minutes\":[0]}}}"_s
        << u"UTC"_s << u"2024-01-01T00:00:00Z"_s
        << QStringList {u"2024-01-26T05:00:00Z"_s, u"2024-02-23T05:00:00Z"_s, u"2024-03-29T05:00:00Z"_s,
               u"2024-04-26T05:00:00Z"_s, u"2024-05-31T05:00:00Z"_s, u"2024-06-28T05:00:00Z"_s,
               u"2024-07-26T05:00:00Z"_s, u"2024-08-30T05:00:00Z"_s}
        << false;
    QTest::newRow("occurrences second to last Monday")
        << u"{\"startTime\":\"2024-01-01T00:00:00Z\",\"recurrence\":{\"frequency\":\"month\",\"schedule\":{\"monthlyOccurrences\":[{\"day\":\"monday\",\"occurrence\":-2}],\"hours\":[5],\"minutes\":[0]}}}"_s
        << u"UTC"_s << u"2024-01-01T00:00:00Z"_s
        << QStringList {u"2024-01-22T05:00:00Z"_s, u"2024-02-19T05:00:00Z"_s, u"2024-03-18T05:00:00Z"_s,
               u"2024-04-22T05:00:00Z"_s, u"2024-05-20T05:00:00Z"_s, u"2024-06-17T05:00:00Z"_s,
               u"2024-07-22T05:00:00Z"_s, u"2024-08-19T05:00:00Z"_s}
        << false;
    QTest::newRow("occurrences fourth Thursday")
        << u"{\"startTime\":\"2024-01-01T00:00:00Z\",\"recurrence\":{\"frequency\":\"month\",\"schedule\":{\"monthlyOccurrences\":[{\"day\":\"thursday\",\"occurrence\":4}],\"hours\":[5],\"minutes\":[0]}}}"_s
        << u"UTC"_s << u"2024-01-01T00:00:00Z"_s
        << QStringList {u"2024-01-25T05:00:00Z"_s, u"2024-02-22T05:00:00Z"_s, u"2024-03-28T05:00:00Z"_s,
               u"2024-04-25T05:00:00Z"_s, u"2024-05-23T05:00:00Z"_s, u"2024-06-27T05:00:00Z"_s,
               u"2024-07-25T05:00:00Z"_s, u"2024-08-22T05:00:00Z"_s}
        << false;
    QTest::newRow("occurrences fifth Friday")
        << u"{\"startTime\":\"2024-01-01T00:00:00Z\",\"recurrence\":{\"frequency\":\"month\",\"schedule\":{\"monthlyOccurrences\":[{\"day\":\"friday\",\"occurrence\":5}],\"hours\":[5],\"minutes\":[0]}}}"_s
        << u"UTC"_s << u"2024-01-01T00:00:00Z"_s
        << QStringList {u"2024-03-29T05:00:00Z"_s, u"2024-05-31T05:00:00Z"_s, u"2024-08-30T05:00:00Z"_s,
               u"2024-11-29T05:00:00Z"_s, u"2025-01-31T05:00:00Z"_s, u"2025-05-30T05:00:00Z"_s,
               u"2025-08-29T05:00:00Z"_s, u"2025-10-31T05:00:00Z"_s}
        << false;
    QTest::newRow("occurrences fifth Monday from the end")
        << u"{\"startTime\":\"2024-01-01T00:00:00Z\",\"recurrence\":{\"frequency\":\"month\",\"schedule\":{\"monthlyOccurrences\":[{\"day\":\"monday\",\"occurrence\":-5}],\"hours\":[5],\"minutes\":[0]}}}"_s
        << u"UTC"_s << u"2024-01-01T00:00:00Z"_s
        << QStringList {u"2024-01-01T05:00:00Z"_s, u"2024-04-01T05:00:00Z"_s, u"2024-07-01T05:00:00Z"_s,
               u"2024-09-02T05:00:00Z"_s, u"2024-12-02T05:00:00Z"_s, u"2025-03-03T05:00:00Z"_s,
               u"2025-06-02T05:00:00Z"_s, u"2025-09-01T05:00:00Z"_s}
        << false;
    QTest::newRow("occurrences every Sunday")
        << u"{\"startTime\":\"2024-01-01T00:00:00Z\",\"recurrence\":{\"frequency\":\"month\",\"schedule\":{\"monthlyOccurrences\":[{\"day\":\"sunday\"}],\"hours\":[5],\"minutes\":[0]}}}"_s
        << u"UTC"_s << u"2024-01-01T00:00:00Z"_s
        << QStringList {u"2024-01-07T05:00:00Z"_s, u"2024-01-14T05:00:00Z"_s, u"2024-01-21T05:00:00Z"_s,
               u"2024-01-28T05:00:00Z"_s, u"2024-02-04T05:00:00Z"_s, u"2024-02-11T05:00:00Z"_s,
               u"2024-02-18T05:00:00Z"_s, u"2024-02-25T05:00:00Z"_s}
        << false;
    QTest::newRow("occurrences first and last Monday")
        << u"{\"startTime\":\"2024-01-01T00:00:00Z\",\"recurrence\":{\"frequency\":\"month\",\"schedule\":{\"monthlyOccurrences\":[{\"day\":\"monday\",\"occurrence\":1},{\"day\":\"monday\",\"occurrence\":-1}],\"hours\":[5],\"minutes\":[0]}}}"_s
        << u"UTC"_s << u"2024-01-01T00:00:00Z"_s
        << QStringList {u"2024-01-01T05:00:00Z"_s, u"2024-01-29T05:00:00Z"_s, u"2024-02-05T05:00:00Z"_s,
               u"2024-02-26T05:00:00Z"_s, u"2024-03-04T05:00:00Z"_s, u"2024-03-25T05:00:00Z"_s,
               u"2024-04-01T05:00:00Z"_s, u"2024-04-29T05:00:00Z"_s}
        << false;
    QTest::newRow("occurrences first Monday and first Tuesday")
        << u"{\"startTime\":\"2024-01-01T00:00:00Z\",\"recurrence\":{\"frequency\":\"month\",\"schedule\":{\"monthlyOccurrences\":[{\"day\":\"monday\",\"occurrence\":1},{\"day\":\"tuesday\",\"occurrence\":1}],\"hours\":[5],\"minutes\":[0]}}}"_s
        << u"UTC"_s << u"2024-01-01T00:00:00Z"_s
        << QStringList {u"2024-01-01T05:00:00Z"_s, u"2024-01-02T05:00:00Z"_s, u"2024-02-05T05:00:00Z"_s,
               u"2024-02-06T05:00:00Z"_s, u"2024-03-04T05:00:00Z"_s, u"2024-03-05T05:00:00Z"_s,
               u"2024-04-01T05:00:00Z"_s, u"2024-04-02T05:00:00Z"_s}
        << false;
    QTest::newRow("occurrences last Friday every 3 months")
        << u"{\"startTime\":\"2024-02-10T18:00:00Z\",\"recurrence\":{\"frequency\":\"month\",\"interval\":3,\"schedule\":{\"monthlyOccurrences\":{\"day\":\"friday\",\"occurrence\":-1}}}}"_s
        << u"UTC"_s << u"2024-01-01T00:00:00Z"_s
        << QStringList {u"2024-02-23T18:00:00Z"_s, u"2024-05-31T18:00:00Z"_s, u"2024-08-30T18:00:00Z"_s,
               u"2024-11-29T18:00:00Z"_s}
        << false;
    QTest::newRow("monthDays [-1]")
        << u"{\"startTime\":\"2024-01-01T00:00:00Z\",\"recurrence\":{\"frequency\":\"month\",\"schedule\":{\"monthDays\":[-1],\"hours\":[6],\"minutes\":[0]}}}"_s
        << u"UTC"_s << u"2024-01-01T00:00:00Z"_s
        << QStringList {u"2024-01-31T06:00:00Z"_s, u"2024-02-29T06:00:00Z"_s, u"2024-03-31T06:00:00Z"_s,
               u"2024-04-30T06:00:00Z"_s, u"2024-05-31T06:00:00Z"_s, u"2024-06-30T06:00:00Z"_s,
               u"2024-07-31T06:00:00Z"_s, u"2024-08-31T06:00:00Z"_s}
        << false;
    QTest::newRow("monthDays [-2]")
        << u"{\"startTime\":\"2024-01-01T00:00:00Z\",\"recurrence\":{\"frequency\":\"month\",\"schedule\":{\"monthDays\":[-2],\"hours\":[6],\"minutes\":[0]}}}"_s
        << u"UTC"_s << u"2024-01-01T00:00:00Z"_s
        << QStringList {u"2024-01-30T06:00:00Z"_s, u"2024-02-28T06:00:00Z"_s, u"2024-03-30T06:00:00Z"_s,
               u"2024-04-29T06:00:00Z"_s, u"2024-05-30T06:00:00Z"_s, u"2024-06-29T06:00:00Z"_s,
               u"2024-07-30T06:00:00Z"_s, u"2024-08-30T06:00:00Z"_s}
        << false;
    QTest::newRow("monthDays [-31]")
        << u"{\"startTime\":\"2024-01-01T00:00:00Z\",\"recurrence\":{\"frequency\":\"month\",\"schedule\":{\"monthDays\":[-31],\"hours\":[6],\"minutes\":[0]}}}"_s
        << u"UTC"_s << u"2024-01-01T00:00:00Z"_s
        << QStringList {u"2024-01-01T06:00:00Z"_s, u"2024-03-01T06:00:00Z"_s, u"2024-05-01T06:00:00Z"_s,
               u"2024-07-01T06:00:00Z"_s, u"2024-08-01T06:00:00Z"_s, u"2024-10-01T06:00:00Z"_s,
               u"2024-12-01T06:00:00Z"_s, u"2025-01-01T06:00:00Z"_s}
        << false;
    QTest::newRow("monthDays [31]")
        << u"{\"startTime\":\"2024-01-01T00:00:00Z\",\"recurrence\":{\"frequency\":\"month\",\"schedule\":{\"monthDays\":[31],\"hours\":[6],\"minutes\":[0]}}}"_s
        << u"UTC"_s << u"2024-01-01T00:00:00Z"_s
        << QStringList {u"2024-01-31T06:00:00Z"_s, u"2024-03-31T06:00:00Z"_s, u"2024-05-31T06:00:00Z"_s,
               u"2024-07-31T06:00:00Z"_s, u"2024-08-31T06:00:00Z"_s, u"2024-10-31T06:00:00Z"_s,
               u"2024-12-31T06:00:00Z"_s, u"2025-01-31T06:00:00Z"_s}
        << false;
    QTest::newRow("monthDays [1, -1]")
        << u"{\"startTime\":\"2024-01-01T00:00:00Z\",\"recurrence\":{\"frequency\":\"month\",\"schedule\":{\"monthDays\":[1,-1],\"hours\":[6],\"minutes\":[0]}}}"_s
        << u"UTC"_s << u"2024-01-01T00:00:00Z"_s
        << QStringList {u"2024-01-01T06:00:00Z"_s, u"2024-01-31T06:00:00Z"_s, u"2024-02-01T06:00:00Z"_s,
               u"2024-02-29T06:00:00Z"_s, u"2024-03-01T06:00:00Z"_s, u"2024-03-31T06:00:00Z"_s,
               u"2024-04-01T06:00:00Z"_s, u"2024-04-30T06:00:00Z"_s}
        << false;
    QTest::newRow("monthDays [15]")
        << u"{\"startTime\":\"2024-01-01T00:00:00Z\",\"recurrence\":{\"frequency\":\"month\",\"schedule\":{\"monthDays\":[15],\"hours\":[6],\"minutes\":[0]}}}"_s
        << u"UTC"_s << u"2024-01-01T00:00:00Z"_s
        << QStringList {u"2024-01-15T06:00:00Z"_s, u"2024-02-15T06:00:00Z"_s, u"2024-03-15T06:00:00Z"_s,
               u"2024-04-15T06:00:00Z"_s, u"2024-05-15T06:00:00Z"_s, u"2024-06-15T06:00:00Z"_s,
               u"2024-07-15T06:00:00Z"_s, u"2024-08-15T06:00:00Z"_s}
        << false;
    QTest::newRow("monthDays [-7, 7]")
        << u"{\"startTime\":\"2024-01-01T00:00:00Z\",\"recurrence\":{\"frequency\":\"month\",\"schedule\":{\"monthDays\":[-7,7],\"hours\":[6],\"minutes\":[0]}}}"_s
        << u"UTC"_s << u"2024-01-01T00:00:00Z"_s
        << QStringList {u"2024-01-07T06:00:00Z"_s, u"2024-01-25T06:00:00Z"_s, u"2024-02-07T06:00:00Z"_s,
               u"2024-02-23T06:00:00Z"_s, u"2024-03-07T06:00:00Z"_s, u"2024-03-25T06:00:00Z"_s,
               u"2024-04-07T06:00:00Z"_s, u"2024-04-24T06:00:00Z"_s}
        << false;
    QTest::newRow("monthDays [30]")
        << u"{\"startTime\":\"2024-01-01T00:00:00Z\",\"recurrence\":{\"frequency\":\"month\",\"schedule\":{\"monthDays\":[30],\"hours\":[6],\"minutes\":[0]}}}"_s
        << u"UTC"_s << u"2024-01-01T00:00:00Z"_s
        << QStringList {u"2024-01-30T06:00:00Z"_s, u"2024-03-30T06:00:00Z"_s, u"2024-04-30T06:00:00Z"_s,
               u"2024-05-30T06:00:00Z"_s, u"2024-06-30T06:00:00Z"_s, u"2024-07-30T06:00:00Z"_s,
               u"2024-08-30T06:00:00Z"_s, u"2024-09-30T06:00:00Z"_s}
        << false;
    QTest::newRow("monthDays single value")
        << u"{\"startTime\":\"2024-01-01T00:00:00Z\",\"recurrence\":{\"frequency\":\"month\",\"schedule\":{\"monthDays\":-1,\"hours\":6,\"minutes\":0}}}"_s
        << u"UTC"_s << u"2024-01-01T00:00:00Z"_s
        << QStringList {u"2024-01-31T06:00:00Z"_s, u"2024-02-29T06:00:00Z"_s, u"2024-03-31T06:00:00Z"_s} << false;
    QTest::newRow("every 5 minutes during hour 9")
        << u"{\"startTime\":\"2024-05-01T00:00:00Z\",\"recurrence\":{\"frequency\":\"minute\",\"interval\":5,\"schedule\":{\"hours\":[9]}}}"_s
        << u"UTC"_s << u"2024-05-01T00:00:00Z"_s
        << QStringList {u"2024-05-01T09:00:00Z"_s, u"2024-05-01T09:05:00Z"_s, u"2024-05-01T09:10:00Z"_s,
               u"2024-05-01T09:15:00Z"_s, u"2024-05-01T09:20:00Z"_s, u"2024-05-01T09:25:00Z"_s,
               u"2024-05-01T09:30:00Z"_s, u"2024-05-01T09:35:00Z"_s, u"2024-05-01T09:40:00Z"_s,
               u"2024-05-01T09:45:00Z"_s, u"2024-05-01T09:50:00Z"_s, u"2024-05-01T09:55:00Z"_s,
               u"2024-05-02T09:00:00Z"_s, u"2024-05-02T09:05:00Z"_s}
        << false;
    QTest::newRow("every minute at minutes 0 and 30 of hours 9 and 17")
        << u"{\"startTime\":\"2024-05-01T00:00:00Z\",\"recurrence\":{\"frequency\":\"minute\",\"interval\":1,\"schedule\":{\"hours\":[9,17],\"minutes\":[0,30]}}}"_s
        << u"UTC"_s << u"2024-05-01T00:00:00Z"_s
        << QStringList {u"2024-05-01T09:00:00Z"_s, u"2024-05-01T09:30:00Z"_s, u"2024-05-01T17:00:00Z"_s,
               u"2024-05-01T17:30:00Z"_s, u"2024-05-02T09:00:00Z"_s, u"2024-05-02T09:30:00Z"_s}
        << false;
    QTest::newRow("every 10 minutes at minutes 0 and 30")
        << u"{\"startTime\":\"2024-05-01T00:00:00Z\",\"recurrence\":{\"frequency\":\"minute\",\"interval\":10,\"schedule\":{\"minutes\":[0,30]}}}"_s
        << u"UTC"_s << u"2024-05-01T00:00:00Z"_s
        << QStringList {u"2024-05-01T00:00:00Z"_s, u"2024-05-01T00:30:00Z"_s, u"2024-05-01T01:00:00Z"_s,
               u"2024-05-01T01:30:00Z"_s, u"2024-05-01T02:00:00Z"_s}
        << false;
    QTest::newRow("every 7 minutes at minute 0")
        << u"{\"startTime\":\"2024-05-01T00:00:00Z\",\"recurrence\":{\"frequency\":\"minute\",\"interval\":7,\"schedule\":{\"minutes\":[0]}}}"_s
        << u"UTC"_s << u"2024-05-01T00:00:00Z"_s
        << QStringList {u"2024-05-01T00:00:00Z"_s, u"2024-05-01T07:00:00Z"_s, u"2024-05-01T14:00:00Z"_s,
               u"2024-05-01T21:00:00Z"_s}
        << false;
    QTest::newRow("every 2 hours during hours 8 to 12")
        << u"{\"startTime\":\"2024-05-01T07:00:00Z\",\"recurrence\":{\"frequency\":\"hour\",\"interval\":2,\"schedule\":{\"hours\":[8,9,10,11,12]}}}"_s
        << u"UTC"_s << u"2024-05-01T00:00:00Z"_s
        << QStringList {u"2024-05-01T09:00:00Z"_s, u"2024-05-01T11:00:00Z"_s, u"2024-05-02T09:00:00Z"_s,
               u"2024-05-02T11:00:00Z"_s, u"2024-05-03T09:00:00Z"_s, u"2024-05-03T11:00:00Z"_s}
        << false;
    QTest::newRow("every hour at minutes 0 15 30 45 during hour 23")
        << u"{\"startTime\":\"2024-05-01T07:00:00Z\",\"recurrence\":{\"frequency\":\"hour\",\"interval\":1,\"schedule\":{\"hours\":[23],\"minutes\":[0,15,30,45]}}}"_s
        << u"UTC"_s << u"2024-05-01T00:00:00Z"_s
        << QStringList {u"2024-05-01T23:00:00Z"_s, u"2024-05-01T23:15:00Z"_s, u"2024-05-01T23:30:00Z"_s,
               u"2024-05-01T23:45:00Z"_s, u"2024-05-02T23:00:00Z"_s, u"2024-05-02T23:15:00Z"_s}
        << false;
    QTest::newRow("every 1000 minutes")
        << u"{\"startTime\":\"2024-05-01T00:00:00Z\",\"recurrence\":{\"frequency\":\"minute\",\"interval\":1000}}"_s
        << u"UTC"_s << u"2024-05-01T00:00:00Z"_s
        << QStringList {u"2024-05-01T00:00:00Z"_s, u"2024-05-01T16:40:00Z"_s, u"2024-05-02T09:20:00Z"_s,
               u"2024-05-03T02:00:00Z"_s}
        << false;
    QTest::newRow("every 1000 hours")
        << u"{\"startTime\":\"2024-05-01T00:00:00Z\",\"recurrence\":{\"frequency\":\"hour\",\"interval\":1000}}"_s
        << u"UTC"_s << u"2024-05-01T00:00:00Z"_s
        << QStringList {u"2024-05-01T00:00:00Z"_s, u"2024-06-11T16:00:00Z"_s, u"2024-07-23T08:00:00Z"_s} << false;
    QTest::newRow("every 548 days")
        << u"{\"startTime\":\"2024-05-01T00:00:00Z\",\"recurrence\":{\"frequency\":\"day\",\"interval\":548}}"_s
        << u"UTC"_s << u"2024-05-01T00:00:00Z"_s
        << QStringList {u"2024-05-01T00:00:00Z"_s, u"2025-10-31T00:00:00Z"_s, u"2027-05-02T00:00:00Z"_s} << false;
    QTest::newRow("every 78 weeks")
        << u"{\"startTime\":\"2024-05-01T00:00:00Z\",\"recurrence\":{\"frequency\":\"week\",\"interval\":78}}"_s
        << u"UTC"_s << u"2024-05-01T00:00:00Z"_s
        << QStringList {u"2024-05-01T00:00:00Z"_s, u"2025-10-29T00:00:00Z"_s, u"2027-04-28T00:00:00Z"_s} << false;
    QTest::newRow("every 18 months")
        << u"{\"startTime\":\"2024-05-31T00:00:00Z\",\"recurrence\":{\"frequency\":\"month\",\"interval\":18}}"_s
        << u"UTC"_s << u"2024-05-01T00:00:00Z"_s
        << QStringList {u"2024-05-31T00:00:00Z"_s, u"2027-05-31T00:00:00Z"_s, u"2030-05-31T00:00:00Z"_s,
               u"2033-05-31T00:00:00Z"_s}
        << false;
    QTest::newRow("DST Paris daily 02:30 across spring forward")
        << u"{\"startTime\":\"2024-03-29T02:30:00\",\"recurrence\":{\"frequency\":\"day\"}}"_s << u"Europe/Paris"_s
        << u"2024-03-01T00:00:00Z"_s
        << QStringList {u"2024-03-29T01:30:00Z"_s, u"2024-03-30T01:30:00Z"_s, u"2024-03-31T01:30:00Z"_s,
               u"2024-04-01T00:30:00Z"_s, u"2024-04-02T00:30:00Z"_s}
        << false;
    QTest::newRow("DST Paris daily 02:30 across fall back")
        << u"{\"startTime\":\"2024-10-25T02:30:00\",\"recurrence\":{\"frequency\":\"day\"}}"_s << u"Europe/Paris"_s
        << u"2024-10-01T00:00:00Z"_s
        << QStringList {u"2024-10-25T00:30:00Z"_s, u"2024-10-26T00:30:00Z"_s, u"2024-10-27T00:30:00Z"_s,
               u"2024-10-28T01:30:00Z"_s, u"2024-10-29T01:30:00Z"_s}
        << false;
    QTest::newRow("DST New York daily 02:30 across spring forward")
        << u"{\"startTime\":\"2024-03-08T02:30:00\",\"recurrence\":{\"frequency\":\"day\"}}"_s << u"America/New_York"_s
        << u"2024-03-01T00:00:00Z"_s
        << QStringList {u"2024-03-08T07:30:00Z"_s, u"2024-03-09T07:30:00Z"_s, u"2024-03-10T07:30:00Z"_s,
               u"2024-03-11T06:30:00Z"_s, u"2024-03-12T06:30:00Z"_s}
        << false;
    QTest::newRow("DST New York daily 01:30 across fall back")
        << u"{\"startTime\":\"2024-11-01T01:30:00\",\"recurrence\":{\"frequency\":\"day\"}}"_s << u"America/New_York"_s
        << u"2024-10-01T00:00:00Z"_s
        << QStringList {u"2024-11-01T05:30:00Z"_s, u"2024-11-02T05:30:00Z"_s, u"2024-11-03T05:30:00Z"_s,
               u"2024-11-04T06:30:00Z"_s, u"2024-11-05T06:30:00Z"_s}
        << false;
    QTest::newRow("DST Paris daily hours 2 and 3 at :30 spring forward dedupe")
        << u"{\"startTime\":\"2024-03-30T00:00:00\",\"recurrence\":{\"frequency\":\"day\",\"schedule\":{\"hours\":[2,3],\"minutes\":[30]}}}"_s
        << u"Europe/Paris"_s << u"2024-03-01T00:00:00Z"_s
        << QStringList {u"2024-03-30T01:30:00Z"_s, u"2024-03-30T02:30:00Z"_s, u"2024-03-31T01:30:00Z"_s,
               u"2024-04-01T00:30:00Z"_s, u"2024-04-01T01:30:00Z"_s, u"2024-04-02T00:30:00Z"_s}
        << false;
    QTest::newRow("DST Paris every 15 minutes from 01:00 spring forward")
        << u"{\"startTime\":\"2024-03-31T00:00:00\",\"recurrence\":{\"frequency\":\"day\",\"schedule\":{\"hours\":[1,2,3],\"minutes\":[0,15,30,45]}}}"_s
        << u"Europe/Paris"_s << u"2024-03-01T00:00:00Z"_s
        << QStringList {u"2024-03-31T00:00:00Z"_s, u"2024-03-31T00:15:00Z"_s, u"2024-03-31T00:30:00Z"_s,
               u"2024-03-31T00:45:00Z"_s, u"2024-03-31T01:00:00Z"_s, u"2024-03-31T01:15:00Z"_s,
               u"2024-03-31T01:30:00Z"_s, u"2024-03-31T01:45:00Z"_s, u"2024-03-31T23:00:00Z"_s,
               u"2024-03-31T23:15:00Z"_s, u"2024-03-31T23:30:00Z"_s, u"2024-03-31T23:45:00Z"_s}
        << false;
    QTest::newRow("DST Paris every 2 hours across spring forward")
        << u"{\"startTime\":\"2024-03-30T22:00:00\",\"recurrence\":{\"frequency\":\"hour\",\"interval\":2}}"_s
        << u"Europe/Paris"_s << u"2024-03-01T00:00:00Z"_s
        << QStringList {u"2024-03-30T21:00:00Z"_s, u"2024-03-30T23:00:00Z"_s, u"2024-03-31T01:00:00Z"_s,
               u"2024-03-31T03:00:00Z"_s, u"2024-03-31T05:00:00Z"_s, u"2024-03-31T07:00:00Z"_s}
        << false;
    QTest::newRow("DST Paris every hour across fall back")
        << u"{\"startTime\":\"2024-10-27T00:00:00\",\"recurrence\":{\"frequency\":\"hour\",\"interval\":1}}"_s
        << u"Europe/Paris"_s << u"2024-10-01T00:00:00Z"_s
        << QStringList {u"2024-10-26T22:00:00Z"_s, u"2024-10-26T23:00:00Z"_s, u"2024-10-27T00:00:00Z"_s,
               u"2024-10-27T01:00:00Z"_s, u"2024-10-27T02:00:00Z"_s, u"2024-10-27T03:00:00Z"_s}
        << false;
    QTest::newRow("DST Paris every 3 hours across fall back")
        << u"{\"startTime\":\"2024-10-26T20:30:00\",\"recurrence\":{\"frequency\":\"hour\",\"interval\":3}}"_s
        << u"Europe/Paris"_s << u"2024-10-01T00:00:00Z"_s
        << QStringList {u"2024-10-26T18:30:00Z"_s, u"2024-10-26T21:30:00Z"_s, u"2024-10-27T00:30:00Z"_s,
               u"2024-10-27T03:30:00Z"_s, u"2024-10-27T06:30:00Z"_s}
        << false;
    QTest::newRow("DST New York every 2 hours across spring forward")
        << u"{\"startTime\":\"2024-03-09T23:00:00\",\"recurrence\":{\"frequency\":\"hour\",\"interval\":2}}"_s
        << u"America/New_York"_s << u"2024-03-01T00:00:00Z"_s
        << QStringList {u"2024-03-10T04:00:00Z"_s, u"2024-03-10T06:00:00Z"_s, u"2024-03-10T08:00:00Z"_s,
               u"2024-03-10T10:00:00Z"_s, u"2024-03-10T12:00:00Z"_s}
        << false;
    QTest::newRow("DST New York every hour across fall back")
        << u"{\"startTime\":\"2024-11-02T23:30:00\",\"recurrence\":{\"frequency\":\"hour\",\"interval\":1}}"_s
        << u"America/New_York"_s << u"2024-10-01T00:00:00Z"_s
        << QStringList {u"2024-11-03T03:30:00Z"_s, u"2024-11-03T04:30:00Z"_s, u"2024-11-03T05:30:00Z"_s,
               u"2024-11-03T06:30:00Z"_s, u"2024-11-03T07:30:00Z"_s, u"2024-11-03T08:30:00Z"_s}
        << false;
    QTest::newRow("DST New York every 90 minutes across fall back")
        << u"{\"startTime\":\"2024-11-02T22:00:00\",\"recurrence\":{\"frequency\":\"minute\",\"interval\":90}}"_s
        << u"America/New_York"_s << u"2024-10-01T00:00:00Z"_s
        << QStringList {u"2024-11-03T02:00:00Z"_s, u"2024-11-03T03:30:00Z"_s, u"2024-11-03T05:00:00Z"_s,
               u"2024-11-03T06:30:00Z"_s, u"2024-11-03T08:00:00Z"_s, u"2024-11-03T09:30:00Z"_s}
        << false;
    QTest::newRow("DST Paris hour frequency during hour 2 runs twice on fall back")
        << u"{\"startTime\":\"2024-10-25T00:00:00\",\"recurrence\":{\"frequency\":\"hour\",\"interval\":1,\"schedule\":{\"hours\":[2]}}}"_s
        << u"Europe/Paris"_s << u"2024-10-01T00:00:00Z"_s
        << QStringList {u"2024-10-25T00:00:00Z"_s, u"2024-10-26T00:00:00Z"_s, u"2024-10-27T00:00:00Z"_s,
               u"2024-10-27T01:00:00Z"_s, u"2024-10-28T01:00:00Z"_s}
        << false;
    QTest::newRow("DST Paris hour frequency during hour 2 skips spring forward")
        << u"{\"startTime\":\"2024-03-29T00:00:00\",\"recurrence\":{\"frequency\":\"hour\",\"interval\":1,\"schedule\":{\"hours\":[2]}}}"_s
        << u"Europe/Paris"_s << u"2024-03-01T00:00:00Z"_s
        << QStringList {u"2024-03-29T01:00:00Z"_s, u"2024-03-30T01:00:00Z"_s, u"2024-04-01T00:00:00Z"_s,
               u"2024-04-02T00:00:00Z"_s}
        << false;
    QTest::newRow("DST Paris every 20 minutes during hour 2 on fall back")
        << u"{\"startTime\":\"2024-10-27T00:00:00\",\"recurrence\":{\"frequency\":\"minute\",\"interval\":20,\"schedule\":{\"hours\":[2]}}}"_s
        << u"Europe/Paris"_s << u"2024-10-01T00:00:00Z"_s
        << QStringList {u"2024-10-27T00:00:00Z"_s, u"2024-10-27T00:20:00Z"_s, u"2024-10-27T00:40:00Z"_s,
               u"2024-10-27T01:00:00Z"_s, u"2024-10-27T01:20:00Z"_s, u"2024-10-27T01:40:00Z"_s,
               u"2024-10-28T01:00:00Z"_s, u"2024-10-28T01:20:00Z"_s}
        << false;
    QTest::newRow("DST Paris weekly Sunday 02:30 across spring forward")
        << u"{\"startTime\":\"2024-03-24T02:30:00\",\"recurrence\":{\"frequency\":\"week\",\"schedule\":{\"weekDays\":[\"sunday\"]}}}"_s
        << u"Europe/Paris"_s << u"2024-03-01T00:00:00Z"_s
        << QStringList {u"2024-03-24T01:30:00Z"_s, u"2024-03-31T01:30:00Z"_s, u"2024-04-07T00:30:00Z"_s} << false;
    QTest::newRow("DST Paris last Sunday monthly 02:30")
        << u"{\"startTime\":\"2024-01-01T00:00:00\",\"recurrence\":{\"frequency\":\"month\",\"schedule\":{\"monthlyOccurrences\":{\"day\":\"sunday\",\"occurrence\":-1},\"hours\":2,\"minutes\":30}}}"_s
        << u"Europe/Paris"_s << u"2024-01-01T00:00:00Z"_s
        << QStringList {u"2024-01-28T01:30:00Z"_s, u"2024-02-25T01:30:00Z"_s, u"2024-03-31T01:30:00Z"_s,
               u"2024-04-28T00:30:00Z"_s, u"2024-05-26T00:30:00Z"_s, u"2024-06-30T00:30:00Z"_s,
               u"2024-07-28T00:30:00Z"_s, u"2024-08-25T00:30:00Z"_s, u"2024-09-29T00:30:00Z"_s,
               u"2024-10-27T00:30:00Z"_s, u"2024-11-24T01:30:00Z"_s, u"2024-12-29T01:30:00Z"_s}
        << false;
    QTest::newRow("DST Paris wall start with an instant start")
        << u"{\"startTime\":\"2024-03-30T01:30:00Z\",\"recurrence\":{\"frequency\":\"day\"}}"_s << u"Europe/Paris"_s
        << u"2024-03-01T00:00:00Z"_s
        << QStringList {u"2024-03-30T01:30:00Z"_s, u"2024-03-31T01:30:00Z"_s, u"2024-04-01T00:30:00Z"_s,
               u"2024-04-02T00:30:00Z"_s}
        << false;
    QTest::newRow("DST Paris start with offset")
        << u"{\"startTime\":\"2024-03-30T09:00:00+01:00\",\"recurrence\":{\"frequency\":\"day\",\"schedule\":{\"hours\":[9]}}}"_s
        << u"Europe/Paris"_s << u"2024-03-01T00:00:00Z"_s
        << QStringList {u"2024-03-30T08:00:00Z"_s, u"2024-03-31T07:00:00Z"_s, u"2024-04-01T07:00:00Z"_s,
               u"2024-04-02T07:00:00Z"_s}
        << false;
    QTest::newRow("DST Paris no start created in the repeated hour")
        << u"{\"recurrence\":{\"frequency\":\"day\"}}"_s << u"Europe/Paris"_s << u"2024-10-27T01:10:00Z"_s
        << QStringList {u"2024-10-27T01:10:00Z"_s, u"2024-10-28T01:10:00Z"_s, u"2024-10-29T01:10:00Z"_s} << false;
    QTest::newRow("DST Paris no start created before spring forward")
        << u"{\"recurrence\":{\"frequency\":\"day\"}}"_s << u"Europe/Paris"_s << u"2024-03-30T01:40:00Z"_s
        << QStringList {u"2024-03-30T01:40:00Z"_s, u"2024-03-31T01:40:00Z"_s, u"2024-04-01T00:40:00Z"_s} << false;
    QTest::newRow("DST New York biweekly Monday Friday 09:30")
        << u"{\"startTime\":\"2024-02-26T00:00:00\",\"recurrence\":{\"frequency\":\"week\",\"interval\":2,\"schedule\":{\"weekDays\":[\"monday\",\"friday\"],\"hours\":[9],\"minutes\":[30]}}}"_s
        << u"America/New_York"_s << u"2024-02-01T00:00:00Z"_s
        << QStringList {u"2024-02-26T14:30:00Z"_s, u"2024-03-01T14:30:00Z"_s, u"2024-03-11T13:30:00Z"_s,
               u"2024-03-15T13:30:00Z"_s, u"2024-03-25T13:30:00Z"_s, u"2024-03-29T13:30:00Z"_s,
               u"2024-04-08T13:30:00Z"_s, u"2024-04-12T13:30:00Z"_s}
        << false;
    QTest::newRow("zone Kolkata hour frequency aligned to wall hours")
        << u"{\"startTime\":\"2024-05-01T10:15:00\",\"recurrence\":{\"frequency\":\"hour\",\"interval\":1,\"schedule\":{\"minutes\":[0,30]}}}"_s
        << u"Asia/Kolkata"_s << u"2024-05-01T00:00:00Z"_s
        << QStringList {u"2024-05-01T05:00:00Z"_s, u"2024-05-01T05:30:00Z"_s, u"2024-05-01T06:00:00Z"_s,
               u"2024-05-01T06:30:00Z"_s, u"2024-05-01T07:00:00Z"_s}
        << false;
    QTest::newRow("zone Kolkata every minute during wall hour 9")
        << u"{\"startTime\":\"2024-05-01T00:00:00\",\"recurrence\":{\"frequency\":\"minute\",\"interval\":30,\"schedule\":{\"hours\":[9]}}}"_s
        << u"Asia/Kolkata"_s << u"2024-04-30T00:00:00Z"_s
        << QStringList {u"2024-05-01T03:30:00Z"_s, u"2024-05-01T04:00:00Z"_s, u"2024-05-02T03:30:00Z"_s,
               u"2024-05-02T04:00:00Z"_s}
        << false;
    QTest::newRow("zone Tokyo daily hours 0")
        << u"{\"startTime\":\"2024-05-01T00:00:00\",\"recurrence\":{\"frequency\":\"day\",\"schedule\":{\"hours\":[0],\"minutes\":[0]}}}"_s
        << u"Asia/Tokyo"_s << u"2024-04-30T00:00:00Z"_s
        << QStringList {u"2024-04-30T15:00:00Z"_s, u"2024-05-01T15:00:00Z"_s, u"2024-05-02T15:00:00Z"_s} << false;
    QTest::newRow("zone Paris monthly day 1 at 00:00 across both changes")
        << u"{\"startTime\":\"2024-01-01T00:00:00\",\"recurrence\":{\"frequency\":\"month\",\"schedule\":{\"monthDays\":[1],\"hours\":[0],\"minutes\":[0]}}}"_s
        << u"Europe/Paris"_s << u"2024-01-01T00:00:00Z"_s
        << QStringList {u"2024-01-31T23:00:00Z"_s, u"2024-02-29T23:00:00Z"_s, u"2024-03-31T22:00:00Z"_s,
               u"2024-04-30T22:00:00Z"_s, u"2024-05-31T22:00:00Z"_s, u"2024-06-30T22:00:00Z"_s,
               u"2024-07-31T22:00:00Z"_s, u"2024-08-31T22:00:00Z"_s, u"2024-09-30T22:00:00Z"_s,
               u"2024-10-31T23:00:00Z"_s, u"2024-11-30T23:00:00Z"_s, u"2024-12-31T23:00:00Z"_s}
        << false;
}

void TestRecurrence::runs()
{
    QFETCH(QString, json);
    QFETCH(QString, zone);
    QFETCH(QString, created);
    QFETCH(QStringList, expected);
    QFETCH(bool, complete);

    QString error;
    const auto recurrence = parse(json, zone, &error);
    QVERIFY2(recurrence, qPrintable(error));
    const QDateTime now = at(created);
    QCOMPARE(recurrence->validate(now), QString());

    const int asked = int(expected.size()) + (complete ? 3 : 0);
    QCOMPARE(isoList(recurrence->runs(now, asked)), expected);

    // next() walks the same series, from any point.
    QDateTime previous = now.addSecs(-1);
    for (const QString& run : expected) {
        QCOMPARE(iso(recurrence->next(previous, now)), run);
        QCOMPARE(iso(recurrence->next(at(run).addMSecs(-1), now)), run);
        previous = at(run);
    }
    if (complete)
        QCOMPARE(iso(recurrence->next(previous, now)), QString());
}

void TestRecurrence::next_data()
{
    QTest::addColumn<QString>("json");
    QTest::addColumn<QString>("zone");
    QTest::addColumn<QString>("created");
    QTest::addColumn<QString>("after");
    QTest::addColumn<QString>("expected");

    // next_data
    QTest::newRow("daily far ahead")
        << u"{\"startTime\":\"2024-05-01T09:00:00Z\",\"recurrence\":{\"frequency\":\"day\"}}"_s << u"UTC"_s
        << u"2024-05-01T08:00:00Z"_s << u"2031-07-19T09:00:00Z"_s << u"2031-07-20T09:00:00Z"_s;
    QTest::newRow("daily far ahead between runs")
        << u"{\"startTime\":\"2024-05-01T09:00:00Z\",\"recurrence\":{\"frequency\":\"day\"}}"_s << u"UTC"_s
        << u"2024-05-01T08:00:00Z"_s << u"2031-07-19T12:00:00Z"_s << u"2031-07-20T09:00:00Z"_s;
    QTest::newRow("every 2 days far ahead")
        << u"{\"startTime\":\"2015-04-07T14:00:00Z\",\"recurrence\":{\"frequency\":\"day\",\"interval\":2}}"_s
        << u"UTC"_s << u"2015-04-08T13:00:00Z"_s << u"2024-02-29T14:00:00Z"_s << u"2024-03-02T14:00:00Z"_s;
    QTest::newRow("every 7 minutes far ahead")
        << u"{\"startTime\":\"2024-05-01T10:03:20Z\",\"recurrence\":{\"frequency\":\"minute\",\"interval\":7}}"_s
        << u"UTC"_s << u"2024-05-01T08:00:00Z"_s << u"2026-01-01T00:00:00Z"_s << u"2026-01-01T00:03:20Z"_s;
    QTest::newRow("every 5 hours with minutes far ahead")
        << u"{\"startTime\":\"2024-05-01T10:30:00Z\",\"recurrence\":{\"frequency\":\"hour\",\"interval\":5,\"schedule\":{\"minutes\":[10,50]}}}"_s
        << u"UTC"_s << u"2024-05-01T08:00:00Z"_s << u"2025-12-31T23:55:00Z"_s << u"2026-01-01T00:10:00Z"_s;
    QTest::newRow("biweekly Monday far ahead")
        << u"{\"startTime\":\"2024-05-01T09:00:00Z\",\"recurrence\":{\"frequency\":\"week\",\"interval\":2,\"schedule\":{\"weekDays\":[\"monday\"]}}}"_s
        << u"UTC"_s << u"2024-05-01T08:00:00Z"_s << u"2027-03-15T10:00:00Z"_s << u"2027-03-29T09:00:00Z"_s;
    QTest::newRow("biweekly Sunday far ahead")
        << u"{\"startTime\":\"2024-05-01T09:00:00Z\",\"recurrence\":{\"frequency\":\"week\",\"interval\":2,\"schedule\":{\"weekDays\":[\"sunday\",\"monday\"]}}}"_s
        << u"UTC"_s << u"2024-05-01T08:00:00Z"_s << u"2027-03-14T09:00:00Z"_s << u"2027-03-15T09:00:00Z"_s;
    QTest::newRow("last Friday far ahead")
        << u"{\"startTime\":\"2024-05-01T09:00:00Z\",\"recurrence\":{\"frequency\":\"month\",\"schedule\":{\"monthlyOccurrences\":{\"day\":\"friday\",\"occurrence\":-1}}}}"_s
        << u"UTC"_s << u"2024-05-01T08:00:00Z"_s << u"2030-11-29T09:00:00Z"_s << u"2030-12-27T09:00:00Z"_s;
    QTest::newRow("monthly Jan 31 far ahead")
        << u"{\"startTime\":\"2024-01-31T10:00:00Z\",\"recurrence\":{\"frequency\":\"month\"}}"_s << u"UTC"_s
        << u"2024-01-01T00:00:00Z"_s << u"2029-04-15T00:00:00Z"_s << u"2029-05-31T10:00:00Z"_s;
    QTest::newRow("every 3 months far ahead")
        << u"{\"startTime\":\"2024-05-15T12:00:00Z\",\"recurrence\":{\"frequency\":\"month\",\"interval\":3,\"schedule\":{\"monthDays\":[1,20]}}}"_s
        << u"UTC"_s << u"2024-05-01T08:00:00Z"_s << u"2028-08-20T12:00:00Z"_s << u"2028-11-01T12:00:00Z"_s;
    QTest::newRow("fifth Friday far ahead")
        << u"{\"startTime\":\"2024-05-01T09:00:00Z\",\"recurrence\":{\"frequency\":\"month\",\"schedule\":{\"monthlyOccurrences\":{\"day\":\"friday\",\"occurrence\":5}}}}"_s
        << u"UTC"_s << u"2024-05-01T08:00:00Z"_s << u"2026-06-01T00:00:00Z"_s << u"2026-07-31T09:00:00Z"_s;
    QTest::newRow("Paris daily 02:30 after the spring gap run")
        << u"{\"startTime\":\"2024-03-01T02:30:00\",\"recurrence\":{\"frequency\":\"day\"}}"_s << u"Europe/Paris"_s
        << u"2024-03-01T00:00:00Z"_s << u"2024-03-31T01:00:00Z"_s << u"2024-03-31T01:30:00Z"_s;
    QTest::newRow("Paris daily 02:30 at the spring gap run")
        << u"{\"startTime\":\"2024-03-01T02:30:00\",\"recurrence\":{\"frequency\":\"day\"}}"_s << u"Europe/Paris"_s
        << u"2024-03-01T00:00:00Z"_s << u"2024-03-31T01:30:00Z"_s << u"2024-04-01T00:30:00Z"_s;
    QTest::newRow("Paris daily 02:30 in the repeated hour")
        << u"{\"startTime\":\"2024-03-01T02:30:00\",\"recurrence\":{\"frequency\":\"day\"}}"_s << u"Europe/Paris"_s
        << u"2024-03-01T00:00:00Z"_s << u"2024-10-27T00:30:00Z"_s << u"2024-10-28T01:30:00Z"_s;
    QTest::newRow("Paris every 15 minutes 01:00-03:45 in the gap")
        << u"{\"startTime\":\"2024-03-01T00:00:00\",\"recurrence\":{\"frequency\":\"day\",\"schedule\":{\"hours\":[1,2,3],\"minutes\":[0,15,30,45]}}}"_s
        << u"Europe/Paris"_s << u"2024-03-01T00:00:00Z"_s << u"2024-03-31T00:50:00Z"_s << u"2024-03-31T01:00:00Z"_s;
    QTest::newRow("New York every 2 hours far ahead")
        << u"{\"startTime\":\"2024-03-09T23:00:00\",\"recurrence\":{\"frequency\":\"hour\",\"interval\":2}}"_s
        << u"America/New_York"_s << u"2024-03-01T00:00:00Z"_s << u"2025-11-02T05:30:00Z"_s << u"2025-11-02T06:00:00Z"_s;
    QTest::newRow("every 5 minutes during hour 9 far ahead")
        << u"{\"startTime\":\"2024-05-01T00:00:00Z\",\"recurrence\":{\"frequency\":\"minute\",\"interval\":5,\"schedule\":{\"hours\":[9]}}}"_s
        << u"UTC"_s << u"2024-05-01T00:00:00Z"_s << u"2026-07-04T09:57:00Z"_s << u"2026-07-05T09:00:00Z"_s;
    QTest::newRow("count stops the series")
        << u"{\"startTime\":\"2024-04-29T09:00:00Z\",\"recurrence\":{\"frequency\":\"day\",\"count\":5}}"_s << u"UTC"_s
        << u"2024-05-01T10:00:00Z"_s << u"2024-05-06T09:00:00Z"_s << u""_s;
    QTest::newRow("count before the last run")
        << u"{\"startTime\":\"2024-04-29T09:00:00Z\",\"recurrence\":{\"frequency\":\"day\",\"count\":5}}"_s << u"UTC"_s
        << u"2024-05-01T10:00:00Z"_s << u"2024-05-05T09:00:00Z"_s << u"2024-05-06T09:00:00Z"_s;
    QTest::newRow("endTime stops the series")
        << u"{\"startTime\":\"2024-05-01T09:00:00Z\",\"recurrence\":{\"frequency\":\"day\",\"endTime\":\"2024-06-01T09:00:00Z\"}}"_s
        << u"UTC"_s << u"2024-05-01T08:00:00Z"_s << u"2024-06-01T09:00:00Z"_s << u""_s;
    QTest::newRow("before creation returns the first run")
        << u"{\"startTime\":\"2024-04-01T09:00:00Z\",\"recurrence\":{\"frequency\":\"day\"}}"_s << u"UTC"_s
        << u"2024-05-01T10:00:00Z"_s << u"2020-01-01T00:00:00Z"_s << u"2024-05-02T09:00:00Z"_s;
    QTest::newRow("no start before creation returns creation")
        << u"{\"recurrence\":{\"frequency\":\"day\"}}"_s << u"UTC"_s << u"2024-05-01T10:00:00Z"_s
        << u"2024-05-01T09:59:59Z"_s << u"2024-05-01T10:00:00Z"_s;
    QTest::newRow("no start at creation")
        << u"{\"recurrence\":{\"frequency\":\"day\"}}"_s << u"UTC"_s << u"2024-05-01T10:00:00Z"_s
        << u"2024-05-01T10:00:00Z"_s << u"2024-05-02T10:00:00Z"_s;
    QTest::newRow("one-time future") << u"{\"startTime\":\"2024-06-01T00:00:00Z\"}"_s << u"UTC"_s
                                     << u"2024-05-01T10:00:00Z"_s << u"2024-05-20T00:00:00Z"_s
                                     << u"2024-06-01T00:00:00Z"_s;
    QTest::newRow("one-time after its run") << u"{\"startTime\":\"2024-06-01T00:00:00Z\"}"_s << u"UTC"_s
                                            << u"2024-05-01T10:00:00Z"_s << u"2024-06-01T00:00:00Z"_s << u""_s;
    QTest::newRow("one-time immediate") << u"{}"_s << u"UTC"_s << u"2024-05-01T10:00:00Z"_s << u"2024-05-01T09:00:00Z"_s
                                        << u"2024-05-01T10:00:00Z"_s;
}

void TestRecurrence::next()
{
    QFETCH(QString, json);
    QFETCH(QString, zone);
    QFETCH(QString, created);
    QFETCH(QString, after);
    QFETCH(QString, expected);

    QString error;
    const auto recurrence = parse(json, zone, &error);
    QVERIFY2(recurrence, qPrintable(error));
    QCOMPARE(iso(recurrence->next(at(after), at(created))), expected);
}

// The rule everywhere is "strictly after": at an occurrence, next() answers the one after it, and
// a millisecond before an occurrence it answers that occurrence. Every frequency and every way a
// month picks its days is checked at each of its first runs, from creation and far ahead.
void TestRecurrence::nextAtAnOccurrence_data()
{
    QTest::addColumn<QString>("json");
    QTest::addColumn<QString>("zone");
    QTest::addColumn<QString>("created");

    const auto row
        = [](const char* name, const QString& json, const QString& zone = u"UTC"_s,
              const QString& created = u"2024-05-01T08:00:00Z"_s) { QTest::newRow(name) << json << zone << created; };
    row("minute", uR"({"startTime":"2024-05-01T10:03:20Z","recurrence":{"frequency":"minute","interval":7}})"_s);
    row("minute at minutes of hours",
        uR"({"startTime":"2024-05-01T10:00:00Z","recurrence":{"frequency":"minute","interval":5,"schedule":{"hours":[9,10],"minutes":[0,15,55]}}})"_s);
    row("hour", uR"({"startTime":"2024-05-01T10:30:00Z","recurrence":{"frequency":"hour","interval":5}})"_s);
    row("hour at minutes",
        uR"({"startTime":"2024-05-01T10:30:00Z","recurrence":{"frequency":"hour","interval":2,"schedule":{"minutes":[10,50],"hours":[0,2,4,12]}}})"_s);
    row("day", uR"({"startTime":"2024-05-01T09:00:00Z","recurrence":{"frequency":"day","interval":2}})"_s);
    row("day at hours and minutes",
        uR"({"startTime":"2024-05-01T09:00:00Z","recurrence":{"frequency":"day","schedule":{"hours":[5,17],"minutes":[15,45]}}})"_s);
    row("week", uR"({"startTime":"2024-05-01T09:00:00Z","recurrence":{"frequency":"week"}})"_s);
    row("week on days",
        uR"({"startTime":"2024-05-01T09:00:00Z","recurrence":{"frequency":"week","interval":2,"schedule":{"weekDays":["monday","wednesday","sunday"],"hours":[6]}}})"_s);
    row("month", uR"({"startTime":"2024-01-31T10:00:00Z","recurrence":{"frequency":"month"}})"_s);
    row("month monthDays",
        uR"({"startTime":"2024-05-15T12:00:00Z","recurrence":{"frequency":"month","interval":3,"schedule":{"monthDays":[1,20]}}})"_s);
    row("month monthDays at hours and minutes",
        uR"({"startTime":"2024-05-01T00:00:00Z","recurrence":{"frequency":"month","schedule":{"monthDays":[2,28],"hours":[6,18],"minutes":[0,30]}}})"_s);
    row("month last day",
        uR"({"startTime":"2024-01-01T06:00:00Z","recurrence":{"frequency":"month","schedule":{"monthDays":[-1]}}})"_s);
    row("month first and last day",
        uR"({"startTime":"2024-01-01T06:00:00Z","recurrence":{"frequency":"month","schedule":{"monthDays":[1,-1],"hours":[6],"minutes":[0]}}})"_s);
    row("month monthlyOccurrences",
        uR"({"startTime":"2024-05-01T09:00:00Z","recurrence":{"frequency":"month","schedule":{"monthlyOccurrences":[{"day":"friday","occurrence":1},{"day":"friday","occurrence":-1}]}}})"_s);
    row("month every Friday",
        uR"({"startTime":"2024-05-01T05:15:00Z","recurrence":{"frequency":"month","schedule":{"monthlyOccurrences":[{"day":"friday"}]}}})"_s);
    row("month fifth Friday",
        uR"({"startTime":"2024-05-01T09:00:00Z","recurrence":{"frequency":"month","schedule":{"monthlyOccurrences":{"day":"friday","occurrence":5}}}})"_s);
    row("month minutes only",
        uR"({"startTime":"2024-05-03T00:00:00Z","recurrence":{"frequency":"month","schedule":{"minutes":[0,30]}}})"_s);
    row("month minutes only with monthDays",
        uR"({"startTime":"2024-05-03T00:00:00Z","recurrence":{"frequency":"month","schedule":{"minutes":[15],"monthDays":[-1]}}})"_s);
    row("month with count",
        uR"({"startTime":"2024-05-01T09:00:00Z","recurrence":{"frequency":"month","count":4,"schedule":{"monthDays":[10,-1]}}})"_s);
    row("month with endTime",
        uR"({"startTime":"2024-05-01T09:00:00Z","recurrence":{"frequency":"month","endTime":"2024-08-31T09:00:00Z","schedule":{"monthDays":[10,-1]}}})"_s);
    row("month without startTime", uR"({"recurrence":{"frequency":"month","schedule":{"monthDays":[1,15]}}})"_s);
    row("month at milliseconds",
        uR"({"startTime":"2024-05-03T07:08:09.250Z","recurrence":{"frequency":"month","schedule":{"monthDays":[3,4]}}})"_s);
    row("Paris month last Sunday 02:30 across DST",
        uR"({"startTime":"2024-01-01T02:30:00","recurrence":{"frequency":"month","schedule":{"monthlyOccurrences":{"day":"sunday","occurrence":-1}}}})"_s,
        u"Europe/Paris"_s, u"2024-01-01T00:00:00Z"_s);
    row("New York monthDays minutes only",
        uR"({"startTime":"2024-03-01T00:00:00","recurrence":{"frequency":"month","schedule":{"minutes":[0],"monthDays":[10,3]}}})"_s,
        u"America/New_York"_s, u"2024-01-01T00:00:00Z"_s);
}

void TestRecurrence::nextAtAnOccurrence()
{
    QFETCH(QString, json);
    QFETCH(QString, zone);
    QFETCH(QString, created);

    QString error;
    const auto recurrence = parse(json, zone, &error);
    QVERIFY2(recurrence, qPrintable(error));
    const QDateTime creation = at(created);
    const QList<QDateTime> runs = recurrence->runs(creation, 60);
    QVERIFY(!runs.isEmpty());
    for (qsizetype i = 0; i < runs.size(); ++i) {
        const QDateTime& run = runs[i];
        const QDateTime following = recurrence->next(run, creation);
        const QString where = u"at run %1 (%2)"_s.arg(i).arg(iso(run));
        QVERIFY2(following.isNull() || following > run,
            qPrintable(where + u": next answered "_s + iso(following) + u", not strictly after"_s));
        if (i + 1 < runs.size())
            QVERIFY2(following == runs[i + 1],
                qPrintable(where + u": next answered "_s + iso(following) + u" instead of the following run "_s
                    + iso(runs[i + 1])));
        const QDateTime justBefore = recurrence->next(run.addMSecs(-1), creation);
        QVERIFY2(
            justBefore == run, qPrintable(where + u": a millisecond before it, next answered "_s + iso(justBefore)));
    }

    // Far ahead next() jumps to the period holding `after` instead of walking from creation:
    // the same rule holds there, along a chain of occurrences.
    if (recurrence->count())
        return;
    QDateTime run = recurrence->next(creation.addDays(7 * 366), creation);
    for (int i = 0; i < 30 && run.isValid(); ++i) {
        const QString where = u"at the far run %1 (%2)"_s.arg(i).arg(iso(run));
        QVERIFY2(recurrence->next(run.addMSecs(-1), creation) == run, qPrintable(where));
        const QDateTime following = recurrence->next(run, creation);
        QVERIFY2(following.isNull() || following > run,
            qPrintable(where + u": next answered "_s + iso(following) + u", not strictly after"_s));
        run = following;
    }
}

void TestRecurrence::nextFarAheadDoesNotEnumerate()
{
    // Enumerating from creation would walk millions of minutes per call; jumping to the period
    // that holds `after` answers each of these at once.
    QString error;
    const auto everyMinute
        = parse(uR"({"startTime":"2024-05-01T00:00:07Z","recurrence":{"frequency":"minute"}})"_s, u"UTC"_s, &error);
    QVERIFY2(everyMinute, qPrintable(error));
    const QDateTime created = at(u"2024-05-01T00:00:00Z"_s);
    for (int i = 0; i < 20000; ++i) {
        const QDateTime after = created.addSecs(qint64(i) * 987654 + 3);
        const QDateTime expected
            = QDateTime(after.date(), QTime(after.time().hour(), after.time().minute(), 7), QTimeZone::utc())
                  .addSecs(after.time().second() >= 7 ? 60 : 0);
        QCOMPARE(everyMinute->next(after, created), expected);
    }

    const auto lastFriday = parse(
        uR"({"startTime":"2024-05-01T05:00:00","recurrence":{"frequency":"month","schedule":{"monthlyOccurrences":{"day":"friday","occurrence":-1}}}})"_s,
        u"Europe/Paris"_s, &error);
    QVERIFY2(lastFriday, qPrintable(error));
    // 2399-12-31 is a Friday; 05:00 in Paris is 04:00 UTC in winter.
    QCOMPARE(iso(lastFriday->next(at(u"2399-12-01T00:00:00Z"_s), created)), u"2399-12-31T04:00:00Z"_s);
}

void TestRecurrence::searchesEnd_data()
{
    QTest::addColumn<QString>("json");
    QTest::addColumn<QString>("created");

    QTest::newRow("monthDays 30 every 12 months from February")
        << uR"({"startTime":"2024-02-01T00:00:00Z","recurrence":{"frequency":"month","interval":12,"schedule":{"monthDays":[30]}}})"_s
        << u"2024-01-01T00:00:00Z"_s;
    QTest::newRow("monthDays -30 every 12 months from February")
        << uR"({"startTime":"2023-02-01T00:00:00Z","recurrence":{"frequency":"month","interval":12,"schedule":{"monthDays":[-30]}}})"_s
        << u"2023-01-01T00:00:00Z"_s;
    QTest::newRow("every 10 minutes from :05 at minutes 0 and 30")
        << uR"({"startTime":"2024-05-01T00:05:00Z","recurrence":{"frequency":"minute","interval":10,"schedule":{"minutes":[0,30]}}})"_s
        << u"2024-05-01T00:00:00Z"_s;
    QTest::newRow("every 24 hours from 05:00 during hour 3")
        << uR"({"startTime":"2024-05-01T05:00:00Z","recurrence":{"frequency":"hour","interval":24,"schedule":{"hours":[3]}}})"_s
        << u"2024-05-01T00:00:00Z"_s;
}

void TestRecurrence::searchesEnd()
{
    QFETCH(QString, json);
    QFETCH(QString, created);

    QString error;
    const auto recurrence = parse(json, u"UTC"_s, &error);
    QVERIFY2(recurrence, qPrintable(error));
    QVERIFY(recurrence->runs(at(created), 5).isEmpty());
    QVERIFY(recurrence->next(at(created), at(created)).isNull());
    QVERIFY(recurrence->validate(at(created)).startsWith(u"This schedule never runs: "_s));
}

void TestRecurrence::countLimitsRunsAndNext()
{
    QString error;
    const auto recurrence = parse(
        uR"({"startTime":"2024-04-01T00:00:30Z","recurrence":{"frequency":"minute","interval":3,"count":1000}})"_s,
        u"UTC"_s, &error);
    QVERIFY2(recurrence, qPrintable(error));
    const QDateTime created = at(u"2024-05-01T00:00:00Z"_s);
    const QList<QDateTime> all = recurrence->runs(created, 5000);
    QCOMPARE(all.size(), 1000);
    QCOMPARE(iso(all.first()), u"2024-05-01T00:00:30Z"_s); // D3: the first run after creation counts as 1
    QCOMPARE(iso(all.last()), u"2024-05-03T01:57:30Z"_s);
    QCOMPARE(recurrence->next(all[499], created), all[500]);
    QVERIFY(recurrence->next(all.last(), created).isNull());
    QVERIFY(recurrence->next(at(u"2030-01-01T00:00:00Z"_s), created).isNull());
    QCOMPARE(recurrence->runs(created, 0), QList<QDateTime>());
    QCOMPARE(recurrence->next(QDateTime(), created), all.first()); // no reference time: the first run

    Recurrence unlimited = *recurrence;
    unlimited.setCount(std::nullopt);
    QCOMPARE(unlimited.next(QDateTime(), created), all.first());
    QCOMPARE(iso(unlimited.next(all.last(), created)), u"2024-05-03T02:00:30Z"_s);
}

// ---------------------------------------------------------------------------------------------
// Reading the JSON

void TestRecurrence::timePoints_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("value"); // fields of TimePoint::value
    QTest::addColumn<bool>("isWallClock");

    QTest::newRow("Z without seconds (docs sample)") << u"2012-08-04T00:00Z"_s << u"2012-08-04T00:00:00.000"_s << false;
    QTest::newRow("Z") << u"2024-05-06T09:30:00Z"_s << u"2024-05-06T09:30:00.000"_s << false;
    QTest::newRow("lowercase z") << u"2024-05-06t09:30:00z"_s << u"2024-05-06T09:30:00.000"_s << false;
    QTest::newRow("positive offset") << u"2024-05-06T09:30:00+02:00"_s << u"2024-05-06T07:30:00.000"_s << false;
    QTest::newRow("negative offset") << u"2024-05-06T09:30:00-05:00"_s << u"2024-05-06T14:30:00.000"_s << false;
    QTest::newRow("offset without colon") << u"2024-05-06T09:30:00+0530"_s << u"2024-05-06T04:00:00.000"_s << false;
    QTest::newRow("offset hours only") << u"2024-05-06T01:30:00+03"_s << u"2024-05-05T22:30:00.000"_s << false;
    QTest::newRow("fraction") << u"2024-05-06T09:30:00.25Z"_s << u"2024-05-06T09:30:00.250"_s << false;
    QTest::newRow("long fraction") << u"2024-05-06T09:30:00.1234567Z"_s << u"2024-05-06T09:30:00.123"_s << false;
    QTest::newRow("wall clock") << u"2024-05-06T09:30:00"_s << u"2024-05-06T09:30:00.000"_s << true;
    QTest::newRow("wall clock with a space") << u"2024-05-06 09:30:00"_s << u"2024-05-06T09:30:00.000"_s << true;
    QTest::newRow("wall clock without seconds") << u"2024-05-06T09:30"_s << u"2024-05-06T09:30:00.000"_s << true;
    QTest::newRow("date only is midnight (D6)") << u"2024-12-31"_s << u"2024-12-31T00:00:00.000"_s << true;
    QTest::newRow("leap day") << u"2024-02-29T23:59:59Z"_s << u"2024-02-29T23:59:59.000"_s << false;
}

void TestRecurrence::timePoints()
{
    QFETCH(QString, text);
    QFETCH(QString, value);
    QFETCH(bool, isWallClock);

    for (const QString& field : {u"startTime"_s, u"endTime"_s}) {
        QJsonObject job;
        QJsonObject recurrence {{u"frequency"_s, u"day"_s}};
        if (field == u"startTime")
            job.insert(field, text);
        else
            recurrence.insert(field, text);
        job.insert(u"recurrence"_s, recurrence);
        QString error;
        const auto parsed = Recurrence::fromJson(job, &error);
        QVERIFY2(parsed, qPrintable(error));
        const auto point = field == u"startTime" ? parsed->startTime() : parsed->endTime();
        QVERIFY(point);
        QCOMPARE(point->value.timeSpec(), Qt::UTC);
        QCOMPARE(point->value.toString(u"yyyy-MM-dd'T'HH:mm:ss.zzz"_s), value);
        QCOMPARE(point->isWallClock, isWallClock);
    }
}

void TestRecurrence::fields_data()
{
    QTest::addColumn<QString>("json");
    QTest::addColumn<QString>("canonical"); // what the fields read, in toJson's form

    QTest::newRow("one-time ignores other top-level keys")
        << uR"({"startTime":"2024-05-06T09:30:00Z","schedule":"0 */5 * * * *","is_singleton":true})"_s
        << uR"({"startTime":"2024-05-06T09:30:00Z"})"_s;
    QTest::newRow("null recurrence is one-time") << uR"({"recurrence":null})"_s << u"{}"_s;
    QTest::newRow("single values")
        << uR"({"recurrence":{"frequency":"week","schedule":{"hours":5,"minutes":15,"weekDays":"friday"}}})"_s
        << uR"({"recurrence":{"frequency":"week","schedule":{"hours":[5],"minutes":[15],"weekDays":["friday"]}}})"_s;
    QTest::newRow("single monthly occurrence object")
        << uR"({"recurrence":{"frequency":"month","schedule":{"monthlyOccurrences":{"day":"Friday","Occurrence":-1}}}})"_s
        << uR"({"recurrence":{"frequency":"month","schedule":{"monthlyOccurrences":[{"day":"friday","occurrence":-1}]}}})"_s;
    QTest::newRow("capitalised keys and values (ARM spec)")
        << uR"({"StartTime":"2024-05-06T09:30:00Z","Recurrence":{"Frequency":"Month","Interval":2,"Schedule":{"MonthlyOccurrences":[{"Day":"MONDAY","Occurrence":1}],"Hours":[6]},"Count":3,"EndTime":"2025-01-01"}})"_s
        << uR"({"startTime":"2024-05-06T09:30:00Z","recurrence":{"frequency":"month","interval":2,"schedule":{"hours":[6],"monthlyOccurrences":[{"day":"monday","occurrence":1}]},"count":3,"endTime":"2025-01-01T00:00:00"}})"_s;
    QTest::newRow("D10 lists are sorted sets")
        << uR"({"recurrence":{"frequency":"week","schedule":{"hours":[17,5,5],"minutes":[45,15,45],"weekDays":["sunday","monday","SUNDAY"]}}})"_s
        << uR"({"recurrence":{"frequency":"week","schedule":{"hours":[5,17],"minutes":[15,45],"weekDays":["monday","sunday"]}}})"_s;
    QTest::newRow("D10 month days and occurrences sorted")
        << uR"({"recurrence":{"frequency":"month","schedule":{"monthDays":[-1,31,1,1]}}})"_s
        << uR"({"recurrence":{"frequency":"month","schedule":{"monthDays":[-1,1,31]}}})"_s;
    QTest::newRow("D10 occurrences sorted by day then occurrence")
        << uR"({"recurrence":{"frequency":"month","schedule":{"monthlyOccurrences":[{"day":"friday","occurrence":1},{"day":"monday"},{"day":"friday","occurrence":-1},{"day":"friday","occurrence":1}]}}})"_s
        << uR"({"recurrence":{"frequency":"month","schedule":{"monthlyOccurrences":[{"day":"monday"},{"day":"friday","occurrence":-1},{"day":"friday","occurrence":1}]}}})"_s;
    QTest::newRow("interval 1 and an empty schedule are defaults")
        << uR"({"recurrence":{"frequency":"day","interval":1,"schedule":{}}})"_s
        << uR"({"recurrence":{"frequency":"day"}})"_s;
    QTest::newRow("interval written as 2.0") << uR"({"recurrence":{"frequency":"hour","interval":2.0}})"_s
                                             << uR"({"recurrence":{"frequency":"hour","interval":2}})"_s;
    QTest::newRow("null fields are absent")
        << uR"({"startTime":null,"recurrence":{"frequency":"day","count":null,"endTime":null,"schedule":null}})"_s
        << uR"({"recurrence":{"frequency":"day"}})"_s;
    QTest::newRow("maximum intervals minute") << uR"({"recurrence":{"frequency":"minute","interval":1000}})"_s
                                              << uR"({"recurrence":{"frequency":"minute","interval":1000}})"_s;
    QTest::newRow("maximum intervals hour") << uR"({"recurrence":{"frequency":"hour","interval":1000}})"_s
                                            << uR"({"recurrence":{"frequency":"hour","interval":1000}})"_s;
    QTest::newRow("maximum intervals day") << uR"({"recurrence":{"frequency":"day","interval":548}})"_s
                                           << uR"({"recurrence":{"frequency":"day","interval":548}})"_s;
    QTest::newRow("maximum intervals week") << uR"({"recurrence":{"frequency":"week","interval":78}})"_s
                                            << uR"({"recurrence":{"frequency":"week","interval":78}})"_s;
    QTest::newRow("maximum intervals month") << uR"({"recurrence":{"frequency":"month","interval":18}})"_s
                                             << uR"({"recurrence":{"frequency":"month","interval":18}})"_s;
    QTest::newRow("hours and minutes filter minute frequency")
        << uR"({"recurrence":{"frequency":"minute","schedule":{"hours":[0,23],"minutes":[0,59]}}})"_s
        << uR"({"recurrence":{"frequency":"minute","schedule":{"hours":[0,23],"minutes":[0,59]}}})"_s;
    QTest::newRow("month days at the limits")
        << uR"({"recurrence":{"frequency":"month","schedule":{"monthDays":[-31,31]}}})"_s
        << uR"({"recurrence":{"frequency":"month","schedule":{"monthDays":[-31,31]}}})"_s;
    QTest::newRow("occurrences at the limits")
        << uR"({"recurrence":{"frequency":"month","schedule":{"monthlyOccurrences":[{"day":"sunday","occurrence":5},{"day":"sunday","occurrence":-5}]}}})"_s
        << uR"({"recurrence":{"frequency":"month","schedule":{"monthlyOccurrences":[{"day":"sunday","occurrence":-5},{"day":"sunday","occurrence":5}]}}})"_s;
    QTest::newRow("count and endTime together (D7)")
        << uR"({"recurrence":{"frequency":"day","count":10,"endTime":"2030-01-01T00:00:00Z"}})"_s
        << uR"({"recurrence":{"frequency":"day","count":10,"endTime":"2030-01-01T00:00:00Z"}})"_s;
    QTest::newRow("offset written as Z")
        << uR"({"startTime":"2024-05-06T09:30:00+02:00","recurrence":{"frequency":"day"}})"_s
        << uR"({"startTime":"2024-05-06T07:30:00Z","recurrence":{"frequency":"day"}})"_s;
    QTest::newRow("milliseconds kept")
        << uR"({"startTime":"2024-05-06T09:30:00.5","recurrence":{"frequency":"day"}})"_s
        << uR"({"startTime":"2024-05-06T09:30:00.500","recurrence":{"frequency":"day"}})"_s;
}

void TestRecurrence::fields()
{
    QFETCH(QString, json);
    QFETCH(QString, canonical);

    QString error;
    const auto recurrence = Recurrence::fromJson(object(json), &error);
    QVERIFY2(recurrence, qPrintable(error));
    QCOMPARE(error, QString());
    QCOMPARE(recurrence->toJson(), object(canonical));
    QCOMPARE(recurrence->checkStructure(), QString());
}

void TestRecurrence::invalidJson_data()
{
    QTest::addColumn<QString>("json");
    QTest::addColumn<QString>("error");

    const QString frequencyNames = u"use minute, hour, day, week or month."_s;
    QTest::newRow("recurrence not an object") << uR"({"recurrence":"daily"})"_s
                                              << u"The recurrence must be an object such as {\"frequency\": \"day\"}; "
                                                 "remove it for a one-time job."_s;
    QTest::newRow("frequency missing") << uR"({"recurrence":{}})"_s
                                       << u"The recurrence has no frequency; set frequency to minute, hour, day, week "
                                          "or month."_s;
    QTest::newRow("D11 frequency year") << uR"({"recurrence":{"frequency":"year"}})"_s
                                        << u"The frequency \"year\" is not supported; for a yearly run use month with "
                                           "an interval of 12."_s;
    QTest::newRow("D11 frequency Year") << uR"({"recurrence":{"frequency":"Year"}})"_s
                                        << u"The frequency \"Year\" is not supported; for a yearly run use month with "
                                           "an interval of 12."_s;
    QTest::newRow("D11 frequency second") << uR"({"recurrence":{"frequency":"second"}})"_s
                                          << u"The frequency \"second\" is not supported; "_s + frequencyNames;
    QTest::newRow("frequency daily") << uR"({"recurrence":{"frequency":"daily"}})"_s
                                     << u"The frequency \"daily\" is not supported; "_s + frequencyNames;
    QTest::newRow("frequency number") << uR"({"recurrence":{"frequency":3}})"_s
                                      << u"The frequency \"3\" is not supported; "_s + frequencyNames;

    const auto interval = [](const QString& value, const QString& frequency, int maximum) {
        return u"The interval \"%1\" is not allowed: with frequency %2 it must be a whole number from 1 to %3; enter "
               "a number in that range."_s.arg(value, frequency)
                   .arg(maximum);
    };
    QTest::newRow("interval 0") << uR"({"recurrence":{"frequency":"day","interval":0}})"_s
                                << interval(u"0"_s, u"day"_s, 548);
    QTest::newRow("interval negative") << uR"({"recurrence":{"frequency":"hour","interval":-2}})"_s
                                       << interval(u"-2"_s, u"hour"_s, 1000);
    QTest::newRow("interval fraction") << uR"({"recurrence":{"frequency":"week","interval":1.5}})"_s
                                       << interval(u"1.5"_s, u"week"_s, 78);
    QTest::newRow("interval string") << uR"({"recurrence":{"frequency":"month","interval":"2"}})"_s
                                     << interval(u"2"_s, u"month"_s, 18);
    QTest::newRow("interval 1001 minutes")
        << uR"({"recurrence":{"frequency":"minute","interval":1001}})"_s << interval(u"1001"_s, u"minute"_s, 1000);
    QTest::newRow("interval 1001 hours") << uR"({"recurrence":{"frequency":"hour","interval":1001}})"_s
                                         << interval(u"1001"_s, u"hour"_s, 1000);
    QTest::newRow("interval 549 days") << uR"({"recurrence":{"frequency":"day","interval":549}})"_s
                                       << interval(u"549"_s, u"day"_s, 548);
    QTest::newRow("interval 79 weeks") << uR"({"recurrence":{"frequency":"week","interval":79}})"_s
                                       << interval(u"79"_s, u"week"_s, 78);
    QTest::newRow("interval 19 months") << uR"({"recurrence":{"frequency":"month","interval":19}})"_s
                                        << interval(u"19"_s, u"month"_s, 18);

    const auto count = [](const QString& value) {
        return u"The count \"%1\" is not allowed: the number of runs must be a whole number of at least 1; enter 1 "
               "or more, or remove it for no limit."_s.arg(value);
    };
    QTest::newRow("count 0") << uR"({"recurrence":{"frequency":"day","count":0}})"_s << count(u"0"_s);
    QTest::newRow("count negative") << uR"({"recurrence":{"frequency":"day","count":-3}})"_s << count(u"-3"_s);
    QTest::newRow("count fraction") << uR"({"recurrence":{"frequency":"day","count":2.5}})"_s << count(u"2.5"_s);
    QTest::newRow("count string") << uR"({"recurrence":{"frequency":"day","count":"10"}})"_s << count(u"10"_s);
    QTest::newRow("count boolean") << uR"({"recurrence":{"frequency":"day","count":true}})"_s << count(u"true"_s);

    const auto start = [](const QString& value) {
        return u"The start time (startTime) \"%1\" is not a date and time; write it like 2024-05-06T09:30:00, adding "
               "Z or an offset such as +02:00 for an exact instant."_s.arg(value);
    };
    QTest::newRow("startTime words") << uR"({"startTime":"tomorrow"})"_s << start(u"tomorrow"_s);
    QTest::newRow("startTime month 13") << uR"({"startTime":"2024-13-01T00:00:00"})"_s
                                        << start(u"2024-13-01T00:00:00"_s);
    QTest::newRow("startTime February 30")
        << uR"({"startTime":"2024-02-30T00:00:00Z"})"_s << start(u"2024-02-30T00:00:00Z"_s);
    QTest::newRow("startTime hour 25") << uR"({"startTime":"2024-05-01T25:00:00","recurrence":{"frequency":"day"}})"_s
                                       << start(u"2024-05-01T25:00:00"_s);
    QTest::newRow("startTime offset 25 hours")
        << uR"({"startTime":"2024-05-01T09:30:00+25:00"})"_s << start(u"2024-05-01T09:30:00+25:00"_s);
    QTest::newRow("startTime date with offset") << uR"({"startTime":"2024-05-01Z"})"_s << start(u"2024-05-01Z"_s);
    QTest::newRow("startTime number") << uR"({"startTime":1714550400})"_s << start(u"1714550400"_s);
    QTest::newRow("startTime US date") << uR"({"startTime":"05/01/2024 09:30"})"_s << start(u"05/01/2024 09:30"_s);

    const auto end = [](const QString& value) {
        return u"The end time (endTime) \"%1\" is not a date or a date and time; write it like 2024-12-31 or "
               "2024-12-31T18:00:00, adding Z or an offset such as +02:00 for an exact instant."_s.arg(value);
    };
    QTest::newRow("endTime words") << uR"({"recurrence":{"frequency":"day","endTime":"never"}})"_s << end(u"never"_s);
    QTest::newRow("endTime minute 60") << uR"({"recurrence":{"frequency":"day","endTime":"2024-05-01T09:60"}})"_s
                                       << end(u"2024-05-01T09:60"_s);
    QTest::newRow("endTime object") << uR"({"recurrence":{"frequency":"day","endTime":{}}})"_s << end(u"{}"_s);

    QTest::newRow("schedule not an object")
        << uR"({"recurrence":{"frequency":"day","schedule":[9]}})"_s
        << u"The schedule must be an object such as {\"hours\": [9], \"minutes\": [30]}; correct it or remove it."_s;

    const auto minutes = [](const QString& value) {
        return u"The schedule's minutes must be whole numbers from 0 to 59; \"%1\" is not. Correct or remove it."_s.arg(
            value);
    };
    QTest::newRow("minutes 60") << uR"({"recurrence":{"frequency":"day","schedule":{"minutes":[0,60]}}})"_s
                                << minutes(u"60"_s);
    QTest::newRow("minutes -1") << uR"({"recurrence":{"frequency":"day","schedule":{"minutes":-1}}})"_s
                                << minutes(u"-1"_s);
    QTest::newRow("minutes fraction") << uR"({"recurrence":{"frequency":"day","schedule":{"minutes":[5.5]}}})"_s
                                      << minutes(u"5.5"_s);
    QTest::newRow("minutes string") << uR"({"recurrence":{"frequency":"day","schedule":{"minutes":["15"]}}})"_s
                                    << minutes(u"15"_s);
    QTest::newRow("minutes empty") << uR"({"recurrence":{"frequency":"day","schedule":{"minutes":[]}}})"_s
                                   << u"The schedule's minutes list is empty; list at least one value or remove it."_s;

    const auto hours = [](const QString& value) {
        return u"The schedule's hours must be whole numbers from 0 to 23; \"%1\" is not. Correct or remove it."_s.arg(
            value);
    };
    QTest::newRow("hours 24") << uR"({"recurrence":{"frequency":"day","schedule":{"hours":[5,24]}}})"_s
                              << hours(u"24"_s);
    QTest::newRow("hours -1") << uR"({"recurrence":{"frequency":"hour","schedule":{"hours":-1}}})"_s << hours(u"-1"_s);
    QTest::newRow("hours null item") << uR"({"recurrence":{"frequency":"day","schedule":{"hours":[null]}}})"_s
                                     << hours(u"null"_s);

    const auto weekDay = [](const QString& value) {
        return u"\"%1\" in the schedule's weekDays is not a day of the week; use monday, tuesday, wednesday, "
               "thursday, friday, saturday or sunday."_s.arg(value);
    };
    QTest::newRow("weekDays abbreviation")
        << uR"({"recurrence":{"frequency":"week","schedule":{"weekDays":["mon"]}}})"_s << weekDay(u"mon"_s);
    QTest::newRow("weekDays unknown") << uR"({"recurrence":{"frequency":"week","schedule":{"weekDays":"funday"}}})"_s
                                      << weekDay(u"funday"_s);
    QTest::newRow("weekDays number") << uR"({"recurrence":{"frequency":"week","schedule":{"weekDays":[1]}}})"_s
                                     << weekDay(u"1"_s);
    QTest::newRow("weekDays empty")
        << uR"({"recurrence":{"frequency":"week","schedule":{"weekDays":[]}}})"_s
        << u"The schedule's weekDays list is empty; list at least one value or remove it."_s;
    const QString weekDaysFrequency = u"Week days (weekDays) are allowed only with frequency week; change the "
                                      "frequency to week or remove the week days."_s;
    QTest::newRow("weekDays with day") << uR"({"recurrence":{"frequency":"day","schedule":{"weekDays":["monday"]}}})"_s
                                       << weekDaysFrequency;
    QTest::newRow("weekDays with month")
        << uR"({"recurrence":{"frequency":"month","schedule":{"weekDays":["monday"]}}})"_s << weekDaysFrequency;
    QTest::newRow("weekDays with hour")
        << uR"({"recurrence":{"frequency":"hour","schedule":{"weekDays":["monday"]}}})"_s << weekDaysFrequency;

    const auto monthDay = [](const QString& value) {
        return u"\"%1\" in the schedule's monthDays is not a day of the month; use 1 to 31, or -1 to -31 to count "
               "from the end (-1 is the last day)."_s.arg(value);
    };
    QTest::newRow("monthDays 0") << uR"({"recurrence":{"frequency":"month","schedule":{"monthDays":[0]}}})"_s
                                 << monthDay(u"0"_s);
    QTest::newRow("monthDays 32") << uR"({"recurrence":{"frequency":"month","schedule":{"monthDays":[1,32]}}})"_s
                                  << monthDay(u"32"_s);
    QTest::newRow("monthDays -32") << uR"({"recurrence":{"frequency":"month","schedule":{"monthDays":-32}}})"_s
                                   << monthDay(u"-32"_s);
    QTest::newRow("monthDays fraction") << uR"({"recurrence":{"frequency":"month","schedule":{"monthDays":[1.5]}}})"_s
                                        << monthDay(u"1.5"_s);
    QTest::newRow("monthDays string") << uR"({"recurrence":{"frequency":"month","schedule":{"monthDays":["last"]}}})"_s
                                      << monthDay(u"last"_s);
    const QString monthDaysFrequency = u"Month days (monthDays) are allowed only with frequency month; change the "
                                       "frequency to month or remove the month days."_s;
    QTest::newRow("monthDays with day") << uR"({"recurrence":{"frequency":"day","schedule":{"monthDays":[1]}}})"_s
                                        << monthDaysFrequency;
    QTest::newRow("monthDays with week") << uR"({"recurrence":{"frequency":"week","schedule":{"monthDays":[1]}}})"_s
                                         << monthDaysFrequency;

    const QString occurrenceFrequency = u"Monthly occurrences (monthlyOccurrences) are allowed only with frequency "
                                        "month; change the frequency to month or remove the monthly occurrences."_s;
    QTest::newRow("monthlyOccurrences with week")
        << uR"({"recurrence":{"frequency":"week","schedule":{"monthlyOccurrences":[{"day":"friday"}]}}})"_s
        << occurrenceFrequency;
    QTest::newRow("monthlyOccurrences with minute")
        << uR"({"recurrence":{"frequency":"minute","schedule":{"monthlyOccurrences":[{"day":"friday"}]}}})"_s
        << occurrenceFrequency;
    QTest::newRow("monthlyOccurrences not objects")
        << uR"({"recurrence":{"frequency":"month","schedule":{"monthlyOccurrences":["friday"]}}})"_s
        << u"Each monthly occurrence must be an object such as {\"day\": \"friday\", \"occurrence\": -1}; \"friday\" "
           "is not."_s;
    QTest::newRow("monthlyOccurrences without day")
        << uR"({"recurrence":{"frequency":"month","schedule":{"monthlyOccurrences":[{"occurrence":1}]}}})"_s
        << u"A monthly occurrence has no day; add one, such as {\"day\": \"friday\", \"occurrence\": -1} for the last "
           "Friday."_s;
    QTest::newRow("monthlyOccurrences bad day")
        << uR"({"recurrence":{"frequency":"month","schedule":{"monthlyOccurrences":[{"day":"fri"}]}}})"_s
        << u"\"fri\" in a monthly occurrence is not a day of the week; use monday, tuesday, wednesday, thursday, "
           "friday, saturday or sunday."_s;
    const auto occurrence = [](const QString& value) {
        return u"The occurrence \"%1\" of a monthly occurrence is not allowed; use 1 to 5 (first to fifth) or -1 to "
               "-5 (last to fifth from the end), or remove it for every such day of the month."_s.arg(value);
    };
    QTest::newRow("occurrence 0")
        << uR"({"recurrence":{"frequency":"month","schedule":{"monthlyOccurrences":[{"day":"friday","occurrence":0}]}}})"_s
        << occurrence(u"0"_s);
    QTest::newRow("occurrence 6")
        << uR"({"recurrence":{"frequency":"month","schedule":{"monthlyOccurrences":[{"day":"friday","occurrence":6}]}}})"_s
        << occurrence(u"6"_s);
    QTest::newRow("occurrence -6")
        << uR"({"recurrence":{"frequency":"month","schedule":{"monthlyOccurrences":{"day":"friday","occurrence":-6}}}})"_s
        << occurrence(u"-6"_s);
    QTest::newRow("occurrence string")
        << uR"({"recurrence":{"frequency":"month","schedule":{"monthlyOccurrences":[{"day":"friday","occurrence":"last"}]}}})"_s
        << occurrence(u"last"_s);
    QTest::newRow("occurrence unknown key")
        << uR"({"recurrence":{"frequency":"month","schedule":{"monthlyOccurrences":[{"day":"friday","week":2}]}}})"_s
        << u"Unknown field \"week\" in a monthly occurrence; only day and occurrence are allowed."_s;
    QTest::newRow("monthlyOccurrences empty")
        << uR"({"recurrence":{"frequency":"month","schedule":{"monthlyOccurrences":[]}}})"_s
        << u"The schedule's monthlyOccurrences list is empty; list at least one value or remove it."_s;

    QTest::newRow("D8 monthDays with monthlyOccurrences")
        << uR"({"recurrence":{"frequency":"month","schedule":{"monthDays":[13],"monthlyOccurrences":[{"day":"friday"}]}}})"_s
        << u"A schedule cannot have both month days (monthDays) and monthly occurrences (monthlyOccurrences); keep "
           "only one of them."_s;

    QTest::newRow("unknown recurrence key")
        << uR"({"recurrence":{"frequency":"day","intervall":2}})"_s
        << u"Unknown field \"intervall\" in the recurrence; the allowed fields are frequency, interval, schedule, "
           "count and endTime."_s;
    QTest::newRow("timeZone inside the recurrence")
        << uR"({"recurrence":{"frequency":"day","timeZone":"Europe/Paris"}})"_s
        << u"Unknown field \"timeZone\" in the recurrence; the allowed fields are frequency, interval, schedule, "
           "count and endTime."_s;
    QTest::newRow("startTime inside the recurrence")
        << uR"({"recurrence":{"frequency":"day","startTime":"2024-05-01T00:00:00Z"}})"_s
        << u"Unknown field \"startTime\" in the recurrence; the allowed fields are frequency, interval, schedule, "
           "count and endTime."_s;
    QTest::newRow("unknown schedule key")
        << uR"({"recurrence":{"frequency":"week","schedule":{"weekDay":["monday"]}}})"_s
        << u"Unknown field \"weekDay\" in the schedule; the allowed fields are minutes, hours, weekDays, monthDays and "
           "monthlyOccurrences."_s;
    QTest::newRow("seconds in the schedule")
        << uR"({"recurrence":{"frequency":"day","schedule":{"seconds":[0]}}})"_s
        << u"Unknown field \"seconds\" in the schedule; the allowed fields are minutes, hours, weekDays, monthDays and "
           "monthlyOccurrences."_s;
    QTest::newRow("key twice in different case")
        << uR"({"recurrence":{"frequency":"day","Frequency":"week"}})"_s
        << u"The field \"frequency\" is given twice with different capitalisation; keep only one."_s;
}

void TestRecurrence::invalidJson()
{
    QFETCH(QString, json);
    QFETCH(QString, error);

    QString message = u"untouched"_s;
    QVERIFY(!Recurrence::fromJson(object(json), &message));
    QCOMPARE(message, error);
    QVERIFY(!Recurrence::fromJson(object(json))); // no message wanted: no crash
}

void TestRecurrence::invalidStructure()
{
    // Values built with the setters (the wizard) go through the same checks.
    Recurrence oneTime;
    QCOMPARE(oneTime.checkStructure(), QString());
    oneTime.setCount(3);
    QCOMPARE(oneTime.checkStructure(),
        u"A one-time job cannot have a schedule, a count or an end time; make the job recurring or remove them."_s);
    oneTime.setCount(std::nullopt);
    oneTime.setEndTime(instant(u"2030-01-01T00:00:00Z"_s));
    QVERIFY(oneTime.checkStructure().startsWith(u"A one-time job cannot have"_s));
    oneTime.setEndTime(std::nullopt);
    oneTime.setHours({5});
    QVERIFY(oneTime.checkStructure().startsWith(u"A one-time job cannot have"_s));
    QCOMPARE(oneTime.validate(at(u"2024-05-01T00:00:00Z"_s)), oneTime.checkStructure());

    Recurrence recurring;
    recurring.setRecurring(true);
    recurring.setFrequency(Recurrence::Frequency::Week);
    QCOMPARE(recurring.checkStructure(), QString());
    recurring.setInterval(79);
    QCOMPARE(recurring.checkStructure(),
        u"The interval \"79\" is not allowed: with frequency week it must be a whole number from 1 to 78; enter a "
        "number in that range."_s);
    recurring.setInterval(0);
    QVERIFY(recurring.checkStructure().startsWith(u"The interval \"0\" is not allowed"_s));
    recurring.setInterval(2);
    recurring.setCount(0);
    QVERIFY(recurring.checkStructure().startsWith(u"The count \"0\" is not allowed"_s));
    recurring.setCount(1);
    recurring.setMinutes({75});
    QVERIFY(recurring.checkStructure().startsWith(u"The schedule's minutes must be"_s));
    recurring.setMinutes({});
    recurring.setHours({-3});
    QVERIFY(recurring.checkStructure().startsWith(u"The schedule's hours must be"_s));
    recurring.setHours({});
    recurring.setWeekDays({Qt::DayOfWeek(0)});
    QVERIFY(recurring.checkStructure().startsWith(u"\"0\" in the schedule's weekDays"_s));
    recurring.setWeekDays({Qt::Monday});
    QCOMPARE(recurring.checkStructure(), QString());
    recurring.setMonthDays({1});
    QVERIFY(recurring.checkStructure().startsWith(u"Month days (monthDays) are allowed only"_s));

    recurring.setWeekDays({});
    recurring.setFrequency(Recurrence::Frequency::Month);
    recurring.setMonthDays({0});
    QVERIFY(recurring.checkStructure().startsWith(u"\"0\" in the schedule's monthDays"_s));
    recurring.setMonthDays({-1});
    recurring.setMonthlyOccurrences({{Qt::Friday, -1}});
    QVERIFY(recurring.checkStructure().startsWith(u"A schedule cannot have both month days"_s));
    recurring.setMonthDays({});
    recurring.setMonthlyOccurrences({{Qt::Friday, 7}});
    QVERIFY(recurring.checkStructure().startsWith(u"The occurrence \"7\" of a monthly occurrence"_s));
    recurring.setMonthlyOccurrences({{Qt::DayOfWeek(0), 1}});
    QVERIFY(recurring.checkStructure().startsWith(u"\"0\" in a monthly occurrence"_s));
    recurring.setMonthlyOccurrences({{Qt::Friday, 0}}); // every Friday
    QCOMPARE(recurring.checkStructure(), QString());
    recurring.setFrequency(Recurrence::Frequency::Day);
    QVERIFY(recurring.checkStructure().startsWith(u"Monthly occurrences (monthlyOccurrences) are allowed only"_s));
    recurring.setMonthlyOccurrences({});
    QCOMPARE(recurring.checkStructure(), QString());

    recurring.setTimeZone(QTimeZone());
    QCOMPARE(recurring.checkStructure(), u"The time zone is not valid; choose a time zone from the list, or UTC."_s);
}

void TestRecurrence::validate_data()
{
    QTest::addColumn<QString>("json");
    QTest::addColumn<QString>("zone");
    QTest::addColumn<QString>("created");
    QTest::addColumn<QString>("error");

    const QString created = u"2024-05-01T10:00:00Z"_s;
    QTest::newRow("one-time past start") << uR"({"startTime":"2020-01-01T00:00:00Z"})"_s << u"UTC"_s << created
                                         << QString();
    QTest::newRow("recurring past start")
        << uR"({"startTime":"2020-01-01T00:00:00Z","recurrence":{"frequency":"day"}})"_s << u"UTC"_s << created
        << QString();
    QTest::newRow("D6 endTime at creation")
        << uR"({"recurrence":{"frequency":"day","endTime":"2024-05-01T10:00:00Z"}})"_s << u"UTC"_s << created
        << u"The end time (endTime) 2024-05-01 10:00 is not after the creation time 2024-05-01 10:00; choose a later "
           "end time."_s;
    QTest::newRow("D6 endTime in the past")
        << uR"({"recurrence":{"frequency":"day","endTime":"2024-04-30"}})"_s << u"UTC"_s << created
        << u"The end time (endTime) 2024-04-30 00:00 is not after the creation time 2024-05-01 10:00; choose a later "
           "end time."_s;
    QTest::newRow("D6 endTime in the past, Paris wall clock")
        << uR"({"recurrence":{"frequency":"day","endTime":"2024-05-01T12:00:00"}})"_s << u"Europe/Paris"_s << created
        << u"The end time (endTime) 2024-05-01 12:00 is not after the creation time 2024-05-01 12:00; choose a later "
           "end time."_s;
    QTest::newRow("D6 endTime one second after creation, no start")
        << uR"({"recurrence":{"frequency":"day","endTime":"2024-05-01T10:00:01Z"}})"_s << u"UTC"_s << created
        << QString();
    QTest::newRow("D6 endTime before startTime")
        << uR"({"startTime":"2024-06-01T09:00:00Z","recurrence":{"frequency":"day","endTime":"2024-05-31T09:00:00Z"}})"_s
        << u"UTC"_s << created
        << u"The end time (endTime) 2024-05-31 09:00 is before the start time (startTime) 2024-06-01 09:00; choose an "
           "end time after the start."_s;
    QTest::newRow("D6 endTime equal to startTime runs once")
        << uR"({"startTime":"2024-06-01T09:00:00Z","recurrence":{"frequency":"day","endTime":"2024-06-01T09:00:00Z"}})"_s
        << u"UTC"_s << created << QString();
    QTest::newRow("endTime before the first run")
        << uR"({"startTime":"2024-06-01T09:00:00Z","recurrence":{"frequency":"month","schedule":{"monthDays":[15]},"endTime":"2024-06-10"}})"_s
        << u"UTC"_s << created
        << u"This schedule never runs: its first run would be at 2024-06-15 09:00, after the end time 2024-06-10 "
           u"00:00; "
           "choose a later end time."_s;
    QTest::newRow("monthDays 30 every 12 months from February")
        << uR"({"startTime":"2025-02-01T00:00:00Z","recurrence":{"frequency":"month","interval":12,"schedule":{"monthDays":[30]}}})"_s
        << u"UTC"_s << created
        << u"This schedule never runs: none of the months it visits has the chosen days; change the days, the start "
           "month or the interval."_s;
    QTest::newRow("monthDays 31 every 2 months from April")
        << uR"({"startTime":"2024-04-01T00:00:00Z","recurrence":{"frequency":"month","interval":2,"schedule":{"monthDays":31}}})"_s
        << u"UTC"_s << created << QString(); // April, June, August has 31 days
    QTest::newRow("monthDays 31 every 12 months from April")
        << uR"({"startTime":"2024-04-01T00:00:00Z","recurrence":{"frequency":"month","interval":12,"schedule":{"monthDays":31}}})"_s
        << u"UTC"_s << created
        << u"This schedule never runs: none of the months it visits has the chosen days; change the days, the start "
           "month or the interval."_s;
    QTest::newRow("no start, monthDays 30 every 12 months created in February")
        << uR"({"recurrence":{"frequency":"month","interval":12,"schedule":{"monthDays":[30]}}})"_s << u"UTC"_s
        << u"2025-02-10T00:00:00Z"_s
        << u"This schedule never runs: none of the months it visits has the chosen days; change the days, the start "
           "month or the interval."_s;
    QTest::newRow("steps miss the minutes")
        << uR"({"startTime":"2024-05-01T00:05:00Z","recurrence":{"frequency":"minute","interval":10,"schedule":{"minutes":[0,30]}}})"_s
        << u"UTC"_s << created
        << u"This schedule never runs: none of its steps falls on the chosen hours and minutes; change the hours, the "
           "minutes or the interval."_s;
    QTest::newRow("steps miss the hours")
        << uR"({"startTime":"2024-05-01T05:00:00Z","recurrence":{"frequency":"hour","interval":24,"schedule":{"hours":[3]}}})"_s
        << u"UTC"_s << created
        << u"This schedule never runs: none of its steps falls on the chosen hours and minutes; change the hours, the "
           "minutes or the interval."_s;
    QTest::newRow("daily steps meet the hour after a DST change")
        << uR"({"startTime":"2024-05-01T05:00:00","recurrence":{"frequency":"hour","interval":24,"schedule":{"hours":[4]}}})"_s
        << u"Europe/Paris"_s << created << QString(); // 05:00 CEST + 24 h steps read 04:00 CET after October
    QTest::newRow("fifth Friday of February is rare but runs")
        << uR"({"startTime":"2025-02-01T00:00:00Z","recurrence":{"frequency":"month","interval":12,"schedule":{"monthlyOccurrences":{"day":"friday","occurrence":5}}}})"_s
        << u"UTC"_s << created << QString();
    QTest::newRow("structure errors first")
        << uR"({"recurrence":{"frequency":"day","endTime":"2020-01-01"}})"_s << u"Nowhere/Invalid"_s << created
        << u"The time zone is not valid; choose a time zone from the list, or UTC."_s;
}

void TestRecurrence::validate()
{
    QFETCH(QString, json);
    QFETCH(QString, zone);
    QFETCH(QString, created);
    QFETCH(QString, error);

    QString parseError;
    auto recurrence = Recurrence::fromJson(object(json), &parseError);
    QVERIFY2(recurrence, qPrintable(parseError));
    recurrence->setTimeZone(ZonedTime::zoneFromName(zone));
    QCOMPARE(recurrence->validate(at(created)), error);
}

// ---------------------------------------------------------------------------------------------
// Writing the JSON

void TestRecurrence::roundTrip_data()
{
    QTest::addColumn<QString>("json");

    QTest::newRow("one-time immediate") << u"{}"_s;
    QTest::newRow("one-time at a wall-clock time") << uR"({"startTime":"2024-05-06T09:30:00"})"_s;
    QTest::newRow("one-time at an instant") << uR"({"startTime":"2024-05-06T09:30:00Z"})"_s;
    QTest::newRow("every 15 minutes") << uR"({"recurrence":{"frequency":"minute","interval":15}})"_s;
    QTest::newRow("hourly filtered")
        << uR"({"recurrence":{"frequency":"hour","interval":3,"schedule":{"hours":[9,12,15],"minutes":[0,30]}}})"_s;
    QTest::newRow("header sample")
        << uR"({"startTime":"2024-05-06T09:30:00","recurrence":{"frequency":"week","interval":2,"schedule":{"weekDays":["monday","wednesday"],"hours":[9],"minutes":[30]},"count":10,"endTime":"2024-12-31T00:00:00Z"}})"_s;
    QTest::newRow("month days")
        << uR"({"startTime":"2024-01-31T10:00:00.125Z","recurrence":{"frequency":"month","schedule":{"monthDays":[-2,-1,1,15]},"endTime":"2025-01-01T00:00:00"}})"_s;
    QTest::newRow("monthly occurrences")
        << uR"({"recurrence":{"frequency":"month","interval":18,"schedule":{"monthlyOccurrences":[{"day":"monday"},{"day":"friday","occurrence":-1},{"day":"friday","occurrence":5}],"hours":[5],"minutes":[15]},"count":1}})"_s;
    QTest::newRow("every week day")
        << uR"({"recurrence":{"frequency":"week","schedule":{"weekDays":["monday","tuesday","wednesday","thursday","friday","saturday","sunday"]}}})"_s;
}

void TestRecurrence::roundTrip()
{
    QFETCH(QString, json);

    QString error;
    const auto first = Recurrence::fromJson(object(json), &error);
    QVERIFY2(first, qPrintable(error));
    QCOMPARE(first->toJson(), object(json)); // the canonical form is written back exactly
    const auto second = Recurrence::fromJson(first->toJson(), &error);
    QVERIFY2(second, qPrintable(error));
    QCOMPARE(*second, *first);
}

void TestRecurrence::toJsonOfSetters()
{
    Recurrence recurrence;
    QCOMPARE(recurrence.toJson(), QJsonObject());
    recurrence.setStartTime(wall(u"2024-05-06T09:30:00"_s));
    QCOMPARE(recurrence.toJson(), object(uR"({"startTime":"2024-05-06T09:30:00"})"_s));

    recurrence.setRecurring(true);
    recurrence.setFrequency(Recurrence::Frequency::Week);
    recurrence.setInterval(2);
    recurrence.setWeekDays({Qt::Wednesday, Qt::Monday, Qt::Monday});
    recurrence.setHours({9});
    recurrence.setMinutes({30});
    recurrence.setCount(10);
    recurrence.setEndTime(instant(u"2024-12-31T00:00:00Z"_s));
    const QJsonObject expected = object(
        uR"({"startTime":"2024-05-06T09:30:00","recurrence":{"frequency":"week","interval":2,"schedule":{"weekDays":["monday","wednesday"],"hours":[9],"minutes":[30]},"count":10,"endTime":"2024-12-31T00:00:00Z"}})"_s);
    QCOMPARE(recurrence.toJson(), expected);
    QCOMPARE(recurrence.describe(), u"Every 2 weeks on Monday, Wednesday at 09:30, until 2024-12-31 00:00, 10 times"_s);

    recurrence.setFrequency(Recurrence::Frequency::Month);
    recurrence.setWeekDays({});
    recurrence.setMonthlyOccurrences({{Qt::Friday, -1}, {Qt::Monday, 0}});
    QCOMPARE(recurrence.toJson().value(u"recurrence"_s).toObject().value(u"schedule"_s).toObject(),
        object(
            uR"({"monthlyOccurrences":[{"day":"monday"},{"day":"friday","occurrence":-1}],"hours":[9],"minutes":[30]})"_s));
}

// ---------------------------------------------------------------------------------------------
// Description

void TestRecurrence::describe_data()
{
    QTest::addColumn<QString>("json");
    QTest::addColumn<QString>("zone");
    QTest::addColumn<QString>("text");

    const QString utc = u"UTC"_s;
    const QString paris = u"Europe/Paris"_s;
    QTest::newRow("one-time immediate") << u"{}"_s << utc << u"Once, as soon as it is created"_s;
    QTest::newRow("one-time UTC") << uR"({"startTime":"2024-05-06T09:30:00Z"})"_s << utc
                                  << u"Once at 2024-05-06 09:30 (UTC)"_s;
    QTest::newRow("one-time Paris wall clock")
        << uR"({"startTime":"2024-05-06T09:30:00"})"_s << paris << u"Once at 2024-05-06 09:30 (Europe/Paris)"_s;
    QTest::newRow("one-time Paris from an instant")
        << uR"({"startTime":"2024-05-06T07:30:00Z"})"_s << paris << u"Once at 2024-05-06 09:30 (Europe/Paris)"_s;
    QTest::newRow("one-time with seconds")
        << uR"({"startTime":"2024-05-06T09:30:15Z"})"_s << utc << u"Once at 2024-05-06 09:30:15 (UTC)"_s;

    QTest::newRow("every minute") << uR"({"recurrence":{"frequency":"minute"}})"_s << utc << u"Every minute"_s;
    QTest::newRow("every 15 minutes") << uR"({"recurrence":{"frequency":"minute","interval":15}})"_s << utc
                                      << u"Every 15 minutes"_s;
    QTest::newRow("every 5 minutes during hour 9")
        << uR"({"recurrence":{"frequency":"minute","interval":5,"schedule":{"hours":[9]}}})"_s << utc
        << u"Every 5 minutes, only during hour 9"_s;
    QTest::newRow("every minute during hours 9 to 17")
        << uR"({"recurrence":{"frequency":"minute","schedule":{"hours":[9,10,11,12,13,14,15,16,17]}}})"_s << utc
        << u"Every minute, only during hours 9 to 17"_s;
    QTest::newRow("every minute at minutes 0 and 30")
        << uR"({"recurrence":{"frequency":"minute","schedule":{"minutes":[30,0]}}})"_s << utc
        << u"Every minute, only at minutes 0 and 30"_s;
    QTest::newRow("every minute at minute 0 during hours 9 and 17")
        << uR"({"recurrence":{"frequency":"minute","schedule":{"minutes":0,"hours":[9,17]}}})"_s << utc
        << u"Every minute, only at minute 0 during hours 9 and 17"_s;
    QTest::newRow("every hour") << uR"({"recurrence":{"frequency":"hour"}})"_s << utc << u"Every hour"_s;
    QTest::newRow("every 2 hours") << uR"({"recurrence":{"frequency":"hour","interval":2}})"_s << utc
                                   << u"Every 2 hours"_s;
    QTest::newRow("every hour at minute 15")
        << uR"({"recurrence":{"frequency":"hour","schedule":{"minutes":15}}})"_s << utc << u"Every hour at minute 15"_s;
    QTest::newRow("every hour at minutes 0 and 30")
        << uR"({"recurrence":{"frequency":"hour","schedule":{"minutes":[0,30]}}})"_s << utc
        << u"Every hour at minutes 0 and 30"_s;
    QTest::newRow("every 3 hours during some hours")
        << uR"({"recurrence":{"frequency":"hour","interval":3,"schedule":{"hours":[9,12,15,16,17],"minutes":[0]}}})"_s
        << paris << u"Every 3 hours at minute 0, only during hours 9, 12 and 15 to 17 (Europe/Paris)"_s;

    QTest::newRow("every day without start") << uR"({"recurrence":{"frequency":"day"}})"_s << utc << u"Every day"_s;
    QTest::newRow("every day at the start time")
        << uR"({"startTime":"2024-05-06T09:30:00Z","recurrence":{"frequency":"day"}})"_s << utc
        << u"Every day at 09:30"_s;
    QTest::newRow("every 2 days (1.2 example)")
        << uR"({"startTime":"2015-04-07T14:00:00Z","recurrence":{"frequency":"day","interval":2}})"_s << utc
        << u"Every 2 days at 14:00"_s;
    QTest::newRow("every day at the start time with seconds")
        << uR"({"startTime":"2024-05-01T12:25:37Z","recurrence":{"frequency":"day"}})"_s << utc
        << u"Every day at 12:25:37"_s;
    QTest::newRow("every day at 05:15 and 17:15")
        << uR"({"recurrence":{"frequency":"day","schedule":{"hours":[17,5],"minutes":15}}})"_s << utc
        << u"Every day at 05:15 and 17:15"_s;
    QTest::newRow("every day at four times")
        << uR"({"recurrence":{"frequency":"day","schedule":{"hours":[5,17],"minutes":[15,45]}}})"_s << utc
        << u"Every day at 05:15, 05:45, 17:15 and 17:45"_s;
    QTest::newRow("D1 every day every hour at minute 15")
        << uR"({"startTime":"2024-05-01T12:25:00Z","recurrence":{"frequency":"day","schedule":{"minutes":[15]}}})"_s
        << utc << u"Every day, every hour at minute 15"_s;
    QTest::newRow("D1 every 15 minutes all day")
        << uR"({"recurrence":{"frequency":"day","schedule":{"minutes":[0,15,30,45]}}})"_s << utc
        << u"Every day, every hour at minutes 0, 15, 30 and 45"_s;
    QTest::newRow("hours without minutes and without start")
        << uR"({"recurrence":{"frequency":"day","schedule":{"hours":8}}})"_s << utc << u"Every day at hour 8"_s;
    QTest::newRow("hours list without minutes and without start")
        << uR"({"recurrence":{"frequency":"day","schedule":{"hours":[8,20]}}})"_s << utc
        << u"Every day at hours 8 and 20"_s;
    QTest::newRow("hours with the start minute")
        << uR"({"startTime":"2024-05-01T12:25:00Z","recurrence":{"frequency":"day","schedule":{"hours":[5]}}})"_s << utc
        << u"Every day at 05:25"_s;
    QTest::newRow("every hour of the day at the start minute")
        << uR"({"startTime":"2024-05-01T12:25:00Z","recurrence":{"frequency":"day","schedule":{"hours":[0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23]}}})"_s
        << utc << u"Every day at minute 25 of hours 0 to 23"_s;

    QTest::newRow("every week on the start day")
        << uR"({"startTime":"2024-05-01T09:00:00Z","recurrence":{"frequency":"week"}})"_s << utc
        << u"Every week on Wednesday at 09:00"_s;
    QTest::newRow("every week without start") << uR"({"recurrence":{"frequency":"week"}})"_s << utc << u"Every week"_s;
    QTest::newRow("every 3 weeks without start")
        << uR"({"recurrence":{"frequency":"week","interval":3}})"_s << utc << u"Every 3 weeks"_s;
    QTest::newRow("brief example")
        << uR"({"startTime":"2024-05-06T09:30:00","recurrence":{"frequency":"week","interval":2,"schedule":{"weekDays":["wednesday","monday"],"hours":[9],"minutes":[30]}}})"_s
        << paris << u"Every 2 weeks on Monday, Wednesday at 09:30 (Europe/Paris)"_s;
    QTest::newRow("Saturdays at 17 with the start minute")
        << uR"({"startTime":"2024-05-01T12:25:00Z","recurrence":{"frequency":"week","schedule":{"hours":[17],"weekDays":"saturday"}}})"_s
        << utc << u"Every week on Saturday at 17:25"_s;
    QTest::newRow("weekdays every 15 minutes from 9 to 17")
        << uR"({"recurrence":{"frequency":"week","schedule":{"minutes":[0,15,30,45],"hours":[9,10,11,12,13,14,15,16],"weekDays":["monday","tuesday","wednesday","thursday","friday"]}}})"_s
        << utc
        << u"Every week on Monday, Tuesday, Wednesday, Thursday, Friday at minutes 0, 15, 30 and 45 of hours 9 to 16"_s;
    QTest::newRow("Sunday last in a week")
        << uR"({"recurrence":{"frequency":"week","schedule":{"weekDays":["sunday","monday"],"hours":6,"minutes":0}}})"_s
        << utc << u"Every week on Monday, Sunday at 06:00"_s;

    QTest::newRow("every month on the start day")
        << uR"({"startTime":"2024-01-31T10:00:00Z","recurrence":{"frequency":"month"}})"_s << utc
        << u"Every month on day 31 at 10:00"_s;
    QTest::newRow("every month without start")
        << uR"({"recurrence":{"frequency":"month"}})"_s << utc << u"Every month"_s;
    QTest::newRow("every 3 months")
        << uR"({"startTime":"2024-05-15T12:00:00Z","recurrence":{"frequency":"month","interval":3}})"_s << utc
        << u"Every 3 months on day 15 at 12:00"_s;
    QTest::newRow("first and last day")
        << uR"({"recurrence":{"frequency":"month","schedule":{"minutes":[0],"hours":[6],"monthDays":[-1,1]}}})"_s << utc
        << u"Every month on day 1 and the last day at 06:00"_s;
    QTest::newRow("days 1 and 14 and the last days")
        << uR"({"recurrence":{"frequency":"month","schedule":{"minutes":[0],"hours":[6],"monthDays":[14,-3,1,-2,-1]}}})"_s
        << utc
        << u"Every month on day 1, day 14, the last day, the day before the last day and 2 days before the last day at 06:00"_s;
    QTest::newRow("last Friday")
        << uR"({"recurrence":{"frequency":"month","schedule":{"minutes":[0],"hours":[5],"monthlyOccurrences":[{"day":"friday","occurrence":-1}]}}})"_s
        << utc << u"Every month on the last Friday at 05:00"_s;
    QTest::newRow("first and last Friday")
        << uR"({"recurrence":{"frequency":"month","schedule":{"minutes":[15],"hours":[5],"monthlyOccurrences":[{"day":"friday","occurrence":-1},{"day":"friday","occurrence":1}]}}})"_s
        << utc << u"Every month on the last Friday and the first Friday at 05:15"_s;
    QTest::newRow("all the ordinals")
        << uR"({"recurrence":{"frequency":"month","interval":2,"schedule":{"hours":[5],"minutes":[0],"monthlyOccurrences":[{"day":"monday","occurrence":2},{"day":"tuesday","occurrence":3},{"day":"wednesday","occurrence":4},{"day":"thursday","occurrence":5},{"day":"friday","occurrence":-2},{"day":"saturday","occurrence":-3},{"day":"sunday","occurrence":-4},{"day":"sunday","occurrence":-5},{"day":"sunday"}]}}})"_s
        << utc
        << u"Every 2 months on the second Monday, the third Tuesday, the fourth Wednesday, the fifth Thursday, the "
           "second to last Friday, the third to last Saturday, the fifth to last Sunday, the fourth to last Sunday and "
           "every Sunday at 05:00"_s;
    QTest::newRow("every 15 minutes on the last Friday")
        << uR"({"recurrence":{"frequency":"month","schedule":{"minutes":[0,15,30,45],"monthlyOccurrences":[{"day":"friday","occurrence":-1}]}}})"_s
        << utc << u"Every month on the last Friday, every hour at minutes 0, 15, 30 and 45"_s;

    QTest::newRow("until and count")
        << uR"({"startTime":"2024-05-06T09:30:00Z","recurrence":{"frequency":"day","count":10,"endTime":"2024-12-31"}})"_s
        << utc << u"Every day at 09:30, until 2024-12-31 00:00, 10 times"_s;
    QTest::newRow("once") << uR"({"recurrence":{"frequency":"hour","count":1}})"_s << utc << u"Every hour, once"_s;
    QTest::newRow("until in Paris from an instant")
        << uR"({"recurrence":{"frequency":"minute","interval":30,"endTime":"2024-12-31T23:00:00Z"}})"_s << paris
        << u"Every 30 minutes, until 2025-01-01 00:00 (Europe/Paris)"_s;
}

void TestRecurrence::describe()
{
    QFETCH(QString, json);
    QFETCH(QString, zone);
    QFETCH(QString, text);

    QString error;
    const auto recurrence = parse(json, zone, &error);
    QVERIFY2(recurrence, qPrintable(error));
    QCOMPARE(recurrence->describe(), text);
}

void TestRecurrence::describeUsesLocaleDayNames()
{
    QString error;
    const auto recurrence = parse(
        uR"({"recurrence":{"frequency":"week","schedule":{"weekDays":["monday","wednesday"],"hours":9,"minutes":30}}})"_s,
        u"UTC"_s, &error);
    QVERIFY2(recurrence, qPrintable(error));
    QLocale::setDefault(QLocale(QLocale::French, QLocale::France));
    const QString french = recurrence->describe();
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    // No catalogue is loaded here, so the sentence stays English; the day names are the locale's.
    QCOMPARE(french, u"Every week on lundi, mercredi at 09:30"_s);
}

void TestRecurrence::describeInALocaleFollowsItsClock()
{
    QString error;
    const auto recurrence = parse(
        uR"({"recurrence":{"frequency":"week","schedule":{"weekDays":["monday","wednesday"],"hours":[9,17],"minutes":30},"endTime":"2026-12-31T18:00:00"}})"_s,
        u"UTC"_s, &error);
    QVERIFY2(recurrence, qPrintable(error));
    // Without a locale, the file's own formats, the same everywhere (logs, the command line).
    QCOMPARE(recurrence->describe(), u"Every week on Monday, Wednesday at 09:30 and 17:30, until 2026-12-31 18:00"_s);
    // With one, its clock, its day names and its order of day and month, the year whole (no
    // catalogue is loaded here: the words stay English).
    QCOMPARE(recurrence->describe(QLocale(QLocale::English, QLocale::UnitedStates)),
        u"Every week on Monday, Wednesday at 9:30 AM and 5:30 PM, until 12/31/2026 6:00 PM"_s);
    QCOMPARE(recurrence->describe(QLocale(QLocale::French, QLocale::France)),
        u"Every week on lundi, mercredi at 09:30 and 17:30, until 31/12/2026 18:00"_s);

    // The checks' sentences too, for the wizard.
    const QDateTime created(QDate(2027, 1, 4), QTime(8, 0), QTimeZone::utc());
    const QString english = recurrence->validate(created, QLocale(QLocale::English, QLocale::UnitedStates));
    QVERIFY2(english.contains(u"12/31/2026 6:00 PM"_s) && english.contains(u"1/4/2027 8:00 AM"_s), qPrintable(english));
    QVERIFY2(recurrence->validate(created).contains(u"2026-12-31 18:00"_s), qPrintable(recurrence->validate(created)));
}

void TestRecurrence::french_data()
{
    QTest::addColumn<QString>("json");
    QTest::addColumn<QString>("zone");
    QTest::addColumn<QString>("text");

    QTest::newRow("brief example")
        << uR"({"startTime":"2024-05-06T09:30:00","recurrence":{"frequency":"week","interval":2,"schedule":{"weekDays":["monday","wednesday"],"hours":[9],"minutes":[30]}}})"_s
        << u"Europe/Paris"_s << u"Toutes les 2 semaines le lundi, mercredi à 09:30 (Europe/Paris)"_s;
    QTest::newRow("first and last day")
        << uR"({"recurrence":{"frequency":"month","schedule":{"minutes":[0],"hours":[6],"monthDays":[1,-1]}}})"_s
        << u"UTC"_s << u"Tous les mois le 1 et le dernier jour à 06:00"_s;
    QTest::newRow("last Friday")
        << uR"({"recurrence":{"frequency":"month","schedule":{"minutes":[0],"hours":[5],"monthlyOccurrences":{"day":"friday","occurrence":-1}}}})"_s
        << u"UTC"_s << u"Tous les mois le dernier vendredi à 05:00"_s;
    QTest::newRow("every 15 minutes") << uR"({"recurrence":{"frequency":"minute","interval":15}})"_s << u"UTC"_s
                                      << u"Toutes les 15 minutes"_s;
    QTest::newRow("until and count")
        << uR"({"startTime":"2024-05-06T09:30:00Z","recurrence":{"frequency":"day","count":10,"endTime":"2024-12-31"}})"_s
        << u"UTC"_s << u"Tous les jours à 09:30, jusqu'au 2024-12-31 00:00, 10 fois"_s;
    QTest::newRow("one-time") << uR"({"startTime":"2024-05-06T09:30:00Z"})"_s << u"UTC"_s
                              << u"Une fois, le 2024-05-06 09:30 (UTC)"_s;
}

void TestRecurrence::french()
{
    QFETCH(QString, json);
    QFETCH(QString, zone);
    QFETCH(QString, text);

    // The French catalogue built into the program.
    QTranslator translator;
    QVERIFY(translator.load(u":/i18n/webjobs_fr"_s));
    QString error;
    const auto recurrence = parse(json, zone, &error);
    QVERIFY2(recurrence, qPrintable(error));

    QCoreApplication::installTranslator(&translator);
    QLocale::setDefault(QLocale(QLocale::French, QLocale::France));
    const QString described = recurrence->describe();
    QString message;
    Recurrence::fromJson(object(uR"({"recurrence":{"frequency":"week","interval":79}})"_s), &message);
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    QCoreApplication::removeTranslator(&translator);

    QCOMPARE(described, text);
    QCOMPARE(message,
        u"L'intervalle « 79 » n'est pas autorisé : avec la fréquence week, il doit être un nombre entier de 1 à 78 ; "
        "saisissez un nombre dans cette plage."_s);
}

void TestRecurrence::names()
{
    QCOMPARE(Recurrence::frequencyName(Recurrence::Frequency::Minute), u"minute"_s);
    QCOMPARE(Recurrence::frequencyName(Recurrence::Frequency::Month), u"month"_s);
    QCOMPARE(Recurrence::frequencyFromName(u"WEEK"_s), Recurrence::Frequency::Week);
    QCOMPARE(Recurrence::frequencyFromName(u"Hour"_s), Recurrence::Frequency::Hour);
    QCOMPARE(Recurrence::frequencyFromName(u"day"_s), Recurrence::Frequency::Day);
    QVERIFY(!Recurrence::frequencyFromName(u"year"_s));
    QVERIFY(!Recurrence::frequencyFromName(u"second"_s));
    QVERIFY(!Recurrence::frequencyFromName(QString()));
    QCOMPARE(Recurrence::maximumInterval(Recurrence::Frequency::Minute), 1000);
    QCOMPARE(Recurrence::maximumInterval(Recurrence::Frequency::Hour), 1000);
    QCOMPARE(Recurrence::maximumInterval(Recurrence::Frequency::Day), 548);
    QCOMPARE(Recurrence::maximumInterval(Recurrence::Frequency::Week), 78);
    QCOMPARE(Recurrence::maximumInterval(Recurrence::Frequency::Month), 18);

    const Recurrence defaults;
    QVERIFY(!defaults.isRecurring());
    QCOMPARE(defaults.interval(), 1);
    QCOMPARE(defaults.timeZone(), QTimeZone::utc());
}

QTEST_GUILESS_MAIN(TestRecurrence)
#include "TestRecurrence.moc"
