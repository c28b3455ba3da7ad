#include "core/schedule/Schedule.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace WebJobs;

// A job's schedule as settings.job states it (core/schedule/Schedule.h).
class TestSchedule : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void kinds_data();
    void kinds();
    void errors_data();
    void errors();
    void cronNext();
    void recurrenceNext();
    void shouldRunMissed_data();
    void shouldRunMissed();
    void applyTo_data();
    void applyTo();
    void builders();
};

namespace {

JobSettings settingsFrom(const QByteArray& json)
{
    return JobSettings::parse(json).value_or(JobSettings());
}

QDateTime utc(const QString& text)
{
    return QDateTime::fromString(text, Qt::ISODate).toUTC();
}

const QByteArray DailyRecurrence = R"({"recurrence":{"startTime":"2024-05-06T09:30:00",)"
                                   R"("recurrence":{"frequency":"day","interval":1,)"
                                   R"("schedule":{"hours":[9],"minutes":[30]}}}})";

} // namespace

void TestSchedule::kinds_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<Schedule::Kind>("kind");
    QTest::addColumn<Schedule::MisfirePolicy>("policy");
    QTest::addColumn<QString>("zone");

    QTest::newRow("no keys") << QByteArray("{}") << Schedule::Kind::None << Schedule::MisfirePolicy::RunOnce
                             << QString();
    QTest::newRow("blank schedule is none, as in Kudu")
        << QByteArray(R"({"schedule":"  "})") << Schedule::Kind::None << Schedule::MisfirePolicy::RunOnce << QString();
    QTest::newRow("null recurrence is none") << QByteArray(R"({"recurrence":null})") << Schedule::Kind::None
                                             << Schedule::MisfirePolicy::RunOnce << QString();
    QTest::newRow("cron") << QByteArray(R"({"schedule":"0 0 3 * * *"})") << Schedule::Kind::Cron
                          << Schedule::MisfirePolicy::RunOnce << QString();
    QTest::newRow("cron with zone and skip")
        << QByteArray(R"({"schedule":"0 0 3 * * *","time_zone":"Europe/Paris","misfire_policy":"skip"})")
        << Schedule::Kind::Cron << Schedule::MisfirePolicy::Skip << u"Europe/Paris"_s;
    QTest::newRow("cron beside a null recurrence")
        << QByteArray(R"({"schedule":"0 0 3 * * *","recurrence":null})") << Schedule::Kind::Cron
        << Schedule::MisfirePolicy::RunOnce << QString();
    QTest::newRow("recurrence beside a blank schedule")
        << QByteArray(R"({"schedule":"","recurrence":{"recurrence":{"frequency":"hour"}}})")
        << Schedule::Kind::Recurrence << Schedule::MisfirePolicy::RunOnce << QString();
    QTest::newRow("recurrence") << DailyRecurrence << Schedule::Kind::Recurrence << Schedule::MisfirePolicy::RunOnce
                                << QString();
}

void TestSchedule::kinds()
{
    QFETCH(QByteArray, json);
    QFETCH(Schedule::Kind, kind);
    QFETCH(Schedule::MisfirePolicy, policy);
    QFETCH(QString, zone);
    const Schedule schedule = Schedule::fromSettings(settingsFrom(json));
    QVERIFY2(schedule.isValid(), qPrintable(schedule.errorString()));
    QCOMPARE(schedule.kind(), kind);
    QCOMPARE(schedule.misfirePolicy(), policy);
    QCOMPARE(schedule.timeZoneName(), zone);
    QCOMPARE(schedule.timeZone().isValid(), true);
    if (kind == Schedule::Kind::Cron)
        QVERIFY(schedule.cronExpression().isValid());
    if (kind == Schedule::Kind::Recurrence)
        QVERIFY(schedule.recurrence().has_value());
}

void TestSchedule::errors_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("error");

    QTest::newRow("both schedule and recurrence")
        << QByteArray(R"({"schedule":"0 0 3 * * *","recurrence":{"recurrence":{"frequency":"day"}}})")
        << u"This job has both a cron schedule (\"schedule\") and a recurrence (\"recurrence\") in its settings. "
           "Keep only one of them."_s;
    QTest::newRow("schedule not text") << QByteArray(R"({"schedule":300})")
                                       << u"The schedule must be text, such as \"0 0 3 * * *\" (every day at 03:00)."_s;
    QTest::newRow("recurrence not an object") << QByteArray(
        R"({"recurrence":"daily"})") << u"The recurrence must be a JSON object, as the schedule wizard writes it."_s;
    QTest::newRow("unknown time zone")
        << QByteArray(R"({"schedule":"0 0 3 * * *","time_zone":"Europe/Atlantis"})")
        << u"The time zone \"Europe/Atlantis\" is not known. Use an IANA name such as \"Europe/Paris\" or \"UTC\"."_s;
    QTest::newRow("time zone not text") << QByteArray(R"({"schedule":"0 0 3 * * *","time_zone":2})")
                                        << u"The time zone must be text, such as \"Europe/Paris\"."_s;
    QTest::newRow("run_all is not a policy")
        << QByteArray(R"({"schedule":"0 0 3 * * *","misfire_policy":"run_all"})")
        << u"The misfire policy \"run_all\" is not known. Use \"run_once\" (run a schedule missed by at most 10 "
           "minutes, the default) or \"skip\" (never run late)."_s;
    QTest::newRow("policy not text") << QByteArray(R"({"schedule":"0 0 3 * * *","misfire_policy":false})")
                                     << u"The misfire policy \"false\" is not known. Use \"run_once\" (run a schedule "
                                        "missed by at most 10 minutes, the default) or \"skip\" (never run late)."_s;
    QTest::newRow("five-field cron") << QByteArray(R"({"schedule":"0 3 * * *"})")
                                     << u"The schedule \"0 3 * * *\" is not valid: "_s;
    QTest::newRow("bad recurrence") << QByteArray(R"({"recurrence":{"recurrence":{"frequency":"fortnight"}}})")
                                    << u"The recurrence is not valid: "_s;
}

void TestSchedule::errors()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, error);
    const Schedule schedule = Schedule::fromSettings(settingsFrom(json));
    QVERIFY(!schedule.isValid());
    QVERIFY2(schedule.errorString().startsWith(error), qPrintable(schedule.errorString()));
    if (error.endsWith(u": "))
        QVERIFY(schedule.errorString().size() > error.size()); // the parser's own sentence follows
    QCOMPARE(schedule.validate(utc(u"2024-01-01T00:00:00Z"_s)), schedule.errorString());
    // An invalid schedule never fires.
    QVERIFY(!schedule.next(utc(u"2024-09-04T00:00:00Z"_s), utc(u"2024-01-01T00:00:00Z"_s)).isValid());
}

void TestSchedule::cronNext()
{
    const QDateTime created = utc(u"2024-01-01T00:00:00Z"_s);
    const QDateTime after = utc(u"2024-09-04T00:00:00Z"_s);

    const Schedule inUtc = Schedule::fromSettings(settingsFrom(R"({"schedule":"0 0 3 * * *"})"));
    QCOMPARE(inUtc.next(after, created), utc(u"2024-09-04T03:00:00Z"_s));

    // The time zone applies to cron too: 03:00 in Paris (summer time) is 01:00 UTC.
    const Schedule inParis
        = Schedule::fromSettings(settingsFrom(R"({"schedule":"0 0 3 * * *","time_zone":"Europe/Paris"})"));
    QCOMPARE(inParis.next(after, created), utc(u"2024-09-04T01:00:00Z"_s));
    QCOMPARE(inParis.timeZone().id(), QByteArray("Europe/Paris"));

    QVERIFY(!Schedule().next(after, created).isValid());
}

void TestSchedule::recurrenceNext()
{
    const QDateTime created = utc(u"2024-05-01T00:00:00Z"_s);
    const QDateTime after = utc(u"2024-09-04T00:00:00Z"_s);

    const Schedule inUtc = Schedule::fromSettings(settingsFrom(DailyRecurrence));
    QVERIFY2(inUtc.isValid(), qPrintable(inUtc.errorString()));
    QVERIFY(inUtc.validate(created).isEmpty());
    QCOMPARE(inUtc.next(after, created), utc(u"2024-09-04T09:30:00Z"_s));

    // The recurrence is read in the job's zone: 09:30 in Paris (summer time) is 07:30 UTC.
    JobSettings paris = settingsFrom(DailyRecurrence);
    paris.setTimeZone(u"Europe/Paris"_s);
    const Schedule inParis = Schedule::fromSettings(paris);
    QVERIFY2(inParis.isValid(), qPrintable(inParis.errorString()));
    QCOMPARE(inParis.recurrence()->timeZone().id(), QByteArray("Europe/Paris"));
    QCOMPARE(inParis.next(after, created), utc(u"2024-09-04T07:30:00Z"_s));
}

void TestSchedule::shouldRunMissed_data()
{
    QTest::addColumn<Schedule::MisfirePolicy>("policy");
    QTest::addColumn<qint64>("lateMs");
    QTest::addColumn<bool>("runs");

    QTest::newRow("run_once, on time") << Schedule::MisfirePolicy::RunOnce << qint64(0) << true;
    QTest::newRow("run_once, 9 min late") << Schedule::MisfirePolicy::RunOnce << qint64(9 * 60'000) << true;
    QTest::newRow("run_once, exactly 10 min late") << Schedule::MisfirePolicy::RunOnce << qint64(10 * 60'000) << true;
    QTest::newRow("run_once, 10 min 1 ms late") << Schedule::MisfirePolicy::RunOnce << qint64(10 * 60'000 + 1) << false;
    QTest::newRow("run_once, a day late") << Schedule::MisfirePolicy::RunOnce << qint64(86'400'000) << false;
    QTest::newRow("run_once, not due yet") << Schedule::MisfirePolicy::RunOnce << qint64(-1) << false;
    QTest::newRow("skip, 1 s late") << Schedule::MisfirePolicy::Skip << qint64(1000) << false;
    QTest::newRow("skip, 9 min late") << Schedule::MisfirePolicy::Skip << qint64(9 * 60'000) << false;
}

void TestSchedule::shouldRunMissed()
{
    QFETCH(Schedule::MisfirePolicy, policy);
    QFETCH(qint64, lateMs);
    QFETCH(bool, runs);
    const Schedule schedule = Schedule::fromCron(u"0 0 3 * * *"_s, QString(), policy);
    QVERIFY(schedule.isValid());
    const QDateTime due = utc(u"2024-09-04T03:00:00Z"_s);
    QCOMPARE(schedule.shouldRunMissed(due, due.addMSecs(lateMs)), runs);
}

void TestSchedule::applyTo_data()
{
    QTest::addColumn<QByteArray>("before");
    QTest::addColumn<QByteArray>("source");
    QTest::addColumn<QByteArray>("after");

    QTest::newRow("cron replaces a recurrence, other keys kept")
        << QByteArray(R"({"is_singleton":true,"recurrence":{"recurrence":{"frequency":"day"}},"x":1})")
        << QByteArray(R"({"schedule":"0 0 3 * * *","time_zone":"Europe/Paris","misfire_policy":"skip"})")
        << QByteArray(R"({"is_singleton":true,"x":1,"schedule":"0 0 3 * * *","time_zone":"Europe/Paris",)"
                      R"("misfire_policy":"skip"})");
    QTest::newRow("none clears the schedule keys")
        << QByteArray(R"({"schedule":"0 0 3 * * *","time_zone":"Europe/Paris","misfire_policy":"skip","y":2})")
        << QByteArray("{}") << QByteArray(R"({"y":2})");
    QTest::newRow("default policy not written")
        << QByteArray("{}") << QByteArray(R"({"schedule":"0 */5 * * * *","misfire_policy":"run_once"})")
        << QByteArray(R"({"schedule":"0 */5 * * * *"})");
}

void TestSchedule::applyTo()
{
    QFETCH(QByteArray, before);
    QFETCH(QByteArray, source);
    QFETCH(QByteArray, after);
    JobSettings settings = settingsFrom(before);
    const Schedule schedule = Schedule::fromSettings(settingsFrom(source));
    QVERIFY2(schedule.isValid(), qPrintable(schedule.errorString()));
    schedule.applyTo(settings);
    QCOMPARE(settings.toJson(), after);
    QCOMPARE(Schedule::fromSettings(settings), schedule);
}

void TestSchedule::builders()
{
    const Schedule cron = Schedule::fromCron(u"*/15 * * * * *"_s, u"Europe/Paris"_s);
    QVERIFY(cron.isValid());
    QCOMPARE(cron.kind(), Schedule::Kind::Cron);
    QCOMPARE(cron.cronText(), u"*/15 * * * * *"_s);
    QCOMPARE(cron.cronExpression().expandedText(), u"0,15,30,45 * * * * *"_s);

    QVERIFY(Schedule::fromCron(u" "_s).isNone());
    QVERIFY(!Schedule::fromCron(u"0 0 3 * * *"_s, u"Nowhere/Town"_s).isValid());

    const QJsonObject job = settingsFrom(DailyRecurrence).recurrence().value();
    const Schedule recurrence = Schedule::fromRecurrence(job, QString(), Schedule::MisfirePolicy::Skip);
    QVERIFY2(recurrence.isValid(), qPrintable(recurrence.errorString()));
    QCOMPARE(recurrence.recurrenceJson(), job);
    QCOMPARE(recurrence.misfirePolicy(), Schedule::MisfirePolicy::Skip);
    QCOMPARE(recurrence.timeZone(), QTimeZone::utc());
}

QTEST_GUILESS_MAIN(TestSchedule)
#include "TestSchedule.moc"
