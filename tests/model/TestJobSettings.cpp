#include "core/model/JobSettings.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace WebJobs;

// settings.job with Kudu's strict typing (docs/kudu-webjobs-api.md §6.1) and our keys.
class TestJobSettings : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void defaults();
    void schedule_data();
    void schedule();
    void singleton_data();
    void singleton();
    void stoppingWaitTime_data();
    void stoppingWaitTime();
    void inPlace_data();
    void inPlace();
    void ourKeys_data();
    void ourKeys();
    void setters();
    void unknownKeysKeptInOrder();
    void comments_data();
    void comments();
    void parseErrors_data();
    void parseErrors();
};

namespace {

JobSettings parsed(const QByteArray& text)
{
    QString error;
    const std::optional<JobSettings> settings = JobSettings::parse(text, &error);
    if (!settings)
        qWarning("parse failed: %s", qPrintable(error));
    return settings.value_or(JobSettings());
}

} // namespace

void TestJobSettings::defaults()
{
    const JobSettings settings;
    QVERIFY(settings.isEmpty());
    QCOMPARE(settings.toJson(), QByteArray("{}"));
    QVERIFY(settings.schedule().isNull());
    QVERIFY(!settings.isSingleton());
    QCOMPARE(settings.stoppingWaitTime(JobType::Continuous), Duration::fromSeconds(5));
    QCOMPARE(settings.stoppingWaitTime(JobType::Triggered), Duration::fromSeconds(30));
    QVERIFY(settings.isInPlace(true));
    QVERIFY(!settings.isInPlace(false));
    QVERIFY(!settings.recurrence().has_value());
    QVERIFY(settings.timeZone().isNull());
    QCOMPARE(settings.misfirePolicy(), JobSettings::MisfirePolicy::RunOnce);
}

void TestJobSettings::schedule_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("schedule");

    QTest::newRow("string") << QByteArray(R"({"schedule":"0 */15 * * * *"})") << u"0 */15 * * * *"_s;
    QTest::newRow("empty string kept") << QByteArray(R"({"schedule":""})") << u""_s;
    QTest::newRow("number ignored") << QByteArray(R"({"schedule":5})") << QString();
    QTest::newRow("array ignored") << QByteArray(R"({"schedule":["0 0 3 * * *"]})") << QString();
    QTest::newRow("null ignored") << QByteArray(R"({"schedule":null})") << QString();
}

void TestJobSettings::schedule()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, schedule);
    const QString actual = parsed(json).schedule();
    QCOMPARE(actual, schedule);
    QCOMPARE(actual.isNull(), schedule.isNull());
}

void TestJobSettings::singleton_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<bool>("singleton");

    QTest::newRow("true") << QByteArray(R"({"is_singleton":true})") << true;
    QTest::newRow("false") << QByteArray(R"({"is_singleton":false})") << false;
    QTest::newRow("\"true\" is not a bool") << QByteArray(R"({"is_singleton":"true"})") << false;
    QTest::newRow("1 is not a bool") << QByteArray(R"({"is_singleton":1})") << false;
    QTest::newRow("absent") << QByteArray("{}") << false;
}

void TestJobSettings::singleton()
{
    QFETCH(QByteArray, json);
    QFETCH(bool, singleton);
    QCOMPARE(parsed(json).isSingleton(), singleton);
}

void TestJobSettings::stoppingWaitTime_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<qint64>("continuousSeconds");
    QTest::addColumn<qint64>("triggeredSeconds");

    QTest::newRow("integer") << QByteArray(R"({"stopping_wait_time":60})") << qint64(60) << qint64(60);
    QTest::newRow("zero") << QByteArray(R"({"stopping_wait_time":0})") << qint64(0) << qint64(0);
    QTest::newRow("string ignored") << QByteArray(R"({"stopping_wait_time":"60"})") << qint64(5) << qint64(30);
    QTest::newRow("60.5 ignored") << QByteArray(R"({"stopping_wait_time":60.5})") << qint64(5) << qint64(30);
    QTest::newRow("60.0 ignored") << QByteArray(R"({"stopping_wait_time":60.0})") << qint64(5) << qint64(30);
    QTest::newRow("exponent ignored") << QByteArray(R"({"stopping_wait_time":6e1})") << qint64(5) << qint64(30);
    QTest::newRow("true ignored") << QByteArray(R"({"stopping_wait_time":true})") << qint64(5) << qint64(30);
    QTest::newRow("null ignored") << QByteArray(R"({"stopping_wait_time":null})") << qint64(5) << qint64(30);
    QTest::newRow("negative counts as 0") << QByteArray(R"({"stopping_wait_time":-3})") << qint64(0) << qint64(0);
    QTest::newRow("beyond Int64 ignored")
        << QByteArray(R"({"stopping_wait_time":99999999999999999999})") << qint64(5) << qint64(30);
    QTest::newRow("huge clamped") << QByteArray(R"({"stopping_wait_time":9000000000000000000})") << qint64(922337203685)
                                  << qint64(922337203685);
}

void TestJobSettings::stoppingWaitTime()
{
    QFETCH(QByteArray, json);
    QFETCH(qint64, continuousSeconds);
    QFETCH(qint64, triggeredSeconds);
    const JobSettings settings = parsed(json);
    QCOMPARE(settings.stoppingWaitTime(JobType::Continuous).toSeconds(), continuousSeconds);
    QCOMPARE(settings.stoppingWaitTime(JobType::Triggered).toSeconds(), triggeredSeconds);
}

void TestJobSettings::inPlace_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<bool>("forScript");
    QTest::addColumn<bool>("forNode");

    QTest::newRow("absent: .js in place") << QByteArray("{}") << false << true;
    QTest::newRow("true") << QByteArray(R"({"is_in_place":true})") << true << true;
    QTest::newRow("false") << QByteArray(R"({"is_in_place":false})") << false << false;
    QTest::newRow("\"false\" ignored") << QByteArray(R"({"is_in_place":"false"})") << false << true;
    QTest::newRow("0 ignored") << QByteArray(R"({"is_in_place":0})") << false << true;
}

void TestJobSettings::inPlace()
{
    QFETCH(QByteArray, json);
    QFETCH(bool, forScript);
    QFETCH(bool, forNode);
    const JobSettings settings = parsed(json);
    QCOMPARE(settings.isInPlace(false), forScript);
    QCOMPARE(settings.isInPlace(true), forNode);
}

void TestJobSettings::ourKeys_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<bool>("hasRecurrence");
    QTest::addColumn<QString>("timeZone");
    QTest::addColumn<JobSettings::MisfirePolicy>("policy");

    QTest::newRow("all set") << QByteArray(R"({"recurrence":{"recurrence":{"frequency":"day"}},)"
                                           R"("time_zone":"Europe/Paris","misfire_policy":"skip"})")
                             << true << u"Europe/Paris"_s << JobSettings::MisfirePolicy::Skip;
    QTest::newRow("run_once") << QByteArray(R"({"misfire_policy":"run_once"})") << false << QString()
                              << JobSettings::MisfirePolicy::RunOnce;
    QTest::newRow("run_all is not ours") << QByteArray(R"({"misfire_policy":"run_all"})") << false << QString()
                                         << JobSettings::MisfirePolicy::RunOnce;
    QTest::newRow("wrong types ignored") << QByteArray(R"({"recurrence":"daily","time_zone":1,"misfire_policy":true})")
                                         << false << QString() << JobSettings::MisfirePolicy::RunOnce;
}

void TestJobSettings::ourKeys()
{
    QFETCH(QByteArray, json);
    QFETCH(bool, hasRecurrence);
    QFETCH(QString, timeZone);
    QFETCH(JobSettings::MisfirePolicy, policy);
    const JobSettings settings = parsed(json);
    QCOMPARE(settings.recurrence().has_value(), hasRecurrence);
    QCOMPARE(settings.timeZone(), timeZone);
    QCOMPARE(settings.misfirePolicy(), policy);
}

void TestJobSettings::setters()
{
    JobSettings settings;
    settings.setSchedule(u"0 0 3 * * *"_s);
    settings.setSingleton(true);
    settings.setStoppingWaitTime(60);
    settings.setInPlace(false);
    settings.setRecurrence(QJsonObject {{u"startTime"_s, u"2024-05-06T09:30:00"_s}});
    settings.setTimeZone(u"Europe/Paris"_s);
    settings.setMisfirePolicy(JobSettings::MisfirePolicy::Skip);
    QCOMPARE(settings.toJson(),
        QByteArray(R"({"schedule":"0 0 3 * * *","is_singleton":true,"stopping_wait_time":60,)"
                   R"("is_in_place":false,"recurrence":{"startTime":"2024-05-06T09:30:00"},)"
                   R"("time_zone":"Europe/Paris","misfire_policy":"skip"})"));
    QCOMPARE(settings.stoppingWaitTime(JobType::Continuous), Duration::fromSeconds(60));
    QCOMPARE(JobSettings::parse(settings.toJson()), settings);

    // Changing a value keeps its place; clearing removes the key.
    settings.setSingleton(false);
    settings.setSchedule(QString());
    settings.setStoppingWaitTime(std::nullopt);
    settings.setInPlace(std::nullopt);
    settings.setRecurrence(std::nullopt);
    settings.setTimeZone(QString());
    QCOMPARE(settings.toJson(), QByteArray(R"({"is_singleton":false,"misfire_policy":"skip"})"));
    QCOMPARE(settings.toJsonObject(), (QJsonObject {{u"is_singleton"_s, false}, {u"misfire_policy"_s, u"skip"_s}}));

    QCOMPARE(JobSettings::misfirePolicyName(JobSettings::MisfirePolicy::RunOnce), u"run_once"_s);
    QCOMPARE(JobSettings::misfirePolicyFromName(u"skip"), JobSettings::MisfirePolicy::Skip);
    QVERIFY(!JobSettings::misfirePolicyFromName(u"Skip").has_value());
}

void TestJobSettings::unknownKeysKeptInOrder()
{
    // Kudu's functional tests round-trip arbitrary keys through PUT/GET settings.
    const QByteArray text = R"({"mysetting":"myvalue","one":1,"schedule":"0 0 3 * * *","run_mode":"scheduled",)"
                            R"("nested":{"z":[1.0,{"b":null,"a":true}],"a":""}})";
    const JobSettings settings = parsed(text);
    QCOMPARE(settings.toJson(), text);
    QCOMPARE(settings.keys(), QStringList({u"mysetting"_s, u"one"_s, u"schedule"_s, u"run_mode"_s, u"nested"_s}));
    QCOMPARE(settings.value(u"mysetting"_s), QJsonValue(u"myvalue"_s));
    QVERIFY(settings.contains(u"run_mode"_s));

    // Pretty-printed input comes out compact, in the same order.
    QCOMPARE(parsed("{\n  \"b\": 1,\n  \"a\": [ 1, 2 ]\n}\n").toJson(), QByteArray(R"({"b":1,"a":[1,2]})"));

    // From a QJsonObject the keys come in Qt's order.
    QCOMPARE(
        JobSettings::fromJsonObject(QJsonObject {{u"b"_s, 1}, {u"a"_s, 2}}).toJson(), QByteArray(R"({"a":2,"b":1})"));
}

void TestJobSettings::comments_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QByteArray>("json");

    QTest::newRow("line comment") << QByteArray("{\n  // run every 15 minutes\n  \"schedule\": \"0 */15 * * * *\"\n}")
                                  << QByteArray(R"({"schedule":"0 */15 * * * *"})");
    QTest::newRow("trailing line comment, CRLF")
        << QByteArray("{\"is_singleton\": true // one instance\r\n}") << QByteArray(R"({"is_singleton":true})");
    QTest::newRow("block comment") << QByteArray("/* settings */{\"stopping_wait_time\": /* seconds */ 60}")
                                   << QByteArray(R"({"stopping_wait_time":60})");
    QTest::newRow("multi-line block comment") << QByteArray("{\n/* a\n * b\n */\"a\":1}") << QByteArray(R"({"a":1})");
    QTest::newRow("comment at end without newline") << QByteArray("{\"a\":1}// end") << QByteArray(R"({"a":1})");
    QTest::newRow("slashes inside strings kept")
        << QByteArray(R"({"url":"https://example.org/a//b","note":"/* not a comment */","q":"a\"//b"})")
        << QByteArray(R"({"url":"https://example.org/a//b","note":"/* not a comment */","q":"a\"//b"})");
    QTest::newRow("escaped backslash before quote")
        << QByteArray(R"({"path":"C:\\"} // comment)") << QByteArray(R"({"path":"C:\\"})");
}

void TestJobSettings::comments()
{
    QFETCH(QByteArray, text);
    QFETCH(QByteArray, json);
    QString error;
    const std::optional<JobSettings> settings = JobSettings::parse(text, &error);
    QVERIFY2(settings.has_value(), qPrintable(error));
    QCOMPARE(settings->toJson(), json);

    // Stripping keeps every offset and line break.
    const std::optional<QByteArray> stripped = JobSettings::stripComments(text);
    QVERIFY(stripped.has_value());
    QCOMPARE(stripped->size(), text.size());
    QCOMPARE(stripped->count('\n'), text.count('\n'));
}

void TestJobSettings::parseErrors_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("error");

    const QString notObject
        = u"The job settings must be a JSON object between braces, such as {\"is_singleton\": true}."_s;
    QTest::newRow("array") << QByteArray("[]") << notObject;
    QTest::newRow("string") << QByteArray(R"("schedule")") << notObject;
    QTest::newRow("number") << QByteArray("42") << notObject;
    QTest::newRow("null, as Kudu writes for a bad PUT") << QByteArray("null") << notObject;
    QTest::newRow("empty") << QByteArray("") << u"The job settings are empty. Write {} for a job without settings."_s;
    QTest::newRow("only a comment") << QByteArray("// nothing\n")
                                    << u"The job settings are empty. Write {} for a job without settings."_s;
    QTest::newRow("unclosed comment") << QByteArray("{\n  \"a\": 1 /* oops\n}")
                                      << u"A comment in the job settings is never closed (line 2, column 10): end it "
                                         "with */."_s;
    QTest::newRow("invalid JSON, position") << QByteArray("{\n  \"a\": 1,\n  \"b\" 2\n}")
                                            << u"The job settings are not valid JSON: missing name separator (line 3, "
                                               "column 8)."_s;
}

void TestJobSettings::parseErrors()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, error);
    QString message;
    QVERIFY(!JobSettings::parse(text, &message).has_value());
    QCOMPARE(message, error);
}

QTEST_GUILESS_MAIN(TestJobSettings)
#include "TestJobSettings.moc"
