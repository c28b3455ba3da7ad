#include "core/schedule/CronExpression.h"

#include <QElapsedTimer>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using WebJobs::CronExpression;

namespace {

QDateTime instant(const QString& iso)
{
    return QDateTime::fromString(iso, Qt::ISODate).toUTC();
}

QString isoText(const QDateTime& time)
{
    return time.isValid() ? time.toUTC().toString(Qt::ISODate) : u"(none)"_s;
}

QTimeZone zoneNamed(const QString& name)
{
    return name == u"UTC" ? QTimeZone::utc() : QTimeZone(name.toUtf8());
}

} // namespace

class TestCronExpression : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parseValid_data();
    void parseValid();
    void parseInvalid_data();
    void parseInvalid();
    void errorSentences_data();
    void errorSentences();
    void errorMessageIsClearedOnSuccess();
    void defaultIsInvalid();
    void textIsKeptVerbatim();
    void equality_data();
    void equality();
    void next_data();
    void next();
    void kuduIntervals_data();
    void kuduIntervals();
    void strictlyAfterIgnoresFractionOfSecond();
    void nextAtAnOccurrence_data();
    void nextAtAnOccurrence();
    void afterMayUseAnyTimeSpec();
    void sequence_data();
    void sequence();
    void neverOccurs_data();
    void neverOccurs();
    void everyMinuteAcrossDstHasNoDuplicates_data();
    void everyMinuteAcrossDstHasNoDuplicates();
    void manyEvaluationsAreFast();
};

// Valid forms and NCrontab's expanded text (CrontabSchedule.ToString), which Kudu puts in the
// trigger of a scheduled run. The first rows are NCrontab's own Formatting tests.
void TestCronExpression::parseValid_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expanded");

    QTest::newRow("* * * * * *") << u"* * * * * *"_s << u"* * * * * *"_s;
    QTest::newRow("0 */15 * * * *") << u"0 */15 * * * *"_s << u"0 0,15,30,45 * * * *"_s;
    QTest::newRow("0 0/20 * * * *") << u"0 0/20 * * * *"_s << u"0 0,20,40 * * * *"_s;
    QTest::newRow("*/7 * * * * *") << u"*/7 * * * * *"_s << u"0,7,14,21,28,35,42,49,56 * * * * *"_s;
    QTest::newRow("2/5 * * * * *") << u"2/5 * * * * *"_s << u"2,7,12,17,22,27,32,37,42,47,52,57 * * * * *"_s;
    QTest::newRow("0 0 14/1 * * *") << u"0 0 14/1 * * *"_s << u"0 0 14-23 * * *"_s;
    QTest::newRow("0 10-40/10 * * * *") << u"0 10-40/10 * * * *"_s << u"0 10,20,30,40 * * * *"_s;
    QTest::newRow("0 40-10/10 * * * *") << u"0 40-10/10 * * * *"_s << u"0 10,20,30,40 * * * *"_s;
    QTest::newRow("0 0 9 * * MON-FRI") << u"0 0 9 * * MON-FRI"_s << u"0 0 9 * * 1-5"_s;
    QTest::newRow("0 0 9 * * FRI-MON") << u"0 0 9 * * FRI-MON"_s << u"0 0 9 * * 1-5"_s;
    QTest::newRow("0 0 0 * SEPT-October *") << u"0 0 0 * SEPT-October *"_s << u"0 0 0 * 9-10 *"_s;
    QTest::newRow("0 0 0 * january,FeB,Mar,april,May,JuNE,July,Augu,SEPT-October,Nov,DECEM *")
        << u"0 0 0 * january,FeB,Mar,april,May,JuNE,July,Augu,SEPT-October,Nov,DECEM *"_s << u"0 0 0 * * *"_s;
    QTest::newRow("1 * 1-2,3 * * *") << u"1 * 1-2,3 * * *"_s << u"1 * 1-3 * * *"_s;
    QTest::newRow("22 * * * */2 *") << u"22 * * * */2 *"_s << u"22 * * * 1,3,5,7,9,11 *"_s;
    QTest::newRow("33 10-40/15 * * * *") << u"33 10-40/15 * * * *"_s << u"33 10,25,40 * * * *"_s;
    QTest::newRow("55 * * * Mar,Jan,Aug Fri,Mon-Tue")
        << u"55 * * * Mar,Jan,Aug Fri,Mon-Tue"_s << u"55 * * * 1,3,8 1-2,5"_s;
    QTest::newRow("0 * 1-2,3 * * *") << u"0 * 1-2,3 * * *"_s << u"0 * 1-3 * * *"_s;
    QTest::newRow("0 * * * */2 *") << u"0 * * * */2 *"_s << u"0 * * * 1,3,5,7,9,11 *"_s;
    QTest::newRow("0 10-40/15 * * * *") << u"0 10-40/15 * * * *"_s << u"0 10,25,40 * * * *"_s;
    QTest::newRow("0 * * * Mar,Jan,Aug Fri,Mon-Tue")
        << u"0 * * * Mar,Jan,Aug Fri,Mon-Tue"_s << u"0 * * * 1,3,8 1-2,5"_s;
    QTest::newRow("0 0 0 * * T") << u"0 0 0 * * T"_s << u"0 0 0 * * 2"_s;
    QTest::newRow("0 0 0 * Ju *") << u"0 0 0 * Ju *"_s << u"0 0 0 * 6 *"_s;
    QTest::newRow("0 0 0 * Ma *") << u"0 0 0 * Ma *"_s << u"0 0 0 * 3 *"_s;
    QTest::newRow("0 0 0 * M *") << u"0 0 0 * M *"_s << u"0 0 0 * 3 *"_s;
    QTest::newRow("0 0 0 * * M") << u"0 0 0 * * M"_s << u"0 0 0 * * 1"_s;
    QTest::newRow("0 0 0 * * S") << u"0 0 0 * * S"_s << u"0 0 0 * * 0"_s;
    QTest::newRow("0 0 0 * * Sa") << u"0 0 0 * * Sa"_s << u"0 0 0 * * 6"_s;
    QTest::newRow("0 0 0 * * Su") << u"0 0 0 * * Su"_s << u"0 0 0 * * 0"_s;
    QTest::newRow("0 0 0 * * Th") << u"0 0 0 * * Th"_s << u"0 0 0 * * 4"_s;
    QTest::newRow("0 0 0 * * W") << u"0 0 0 * * W"_s << u"0 0 0 * * 3"_s;
    QTest::newRow("0 0 0 * * F") << u"0 0 0 * * F"_s << u"0 0 0 * * 5"_s;
    QTest::newRow("0 0 0 * S *") << u"0 0 0 * S *"_s << u"0 0 0 * 9 *"_s;
    QTest::newRow("0 0 0 * A *") << u"0 0 0 * A *"_s << u"0 0 0 * 4 *"_s;
    QTest::newRow("0 0 0 * Au *") << u"0 0 0 * Au *"_s << u"0 0 0 * 8 *"_s;
    QTest::newRow("0 0 0 * J *") << u"0 0 0 * J *"_s << u"0 0 0 * 1 *"_s;
    QTest::newRow("0 0 0 * Jul *") << u"0 0 0 * Jul *"_s << u"0 0 0 * 7 *"_s;
    QTest::newRow("0 0 0 * N *") << u"0 0 0 * N *"_s << u"0 0 0 * 11 *"_s;
    QTest::newRow("0 0 0 * D *") << u"0 0 0 * D *"_s << u"0 0 0 * 12 *"_s;
    QTest::newRow("0 0 0 * O *") << u"0 0 0 * O *"_s << u"0 0 0 * 10 *"_s;
    QTest::newRow("0 0 0 * F *") << u"0 0 0 * F *"_s << u"0 0 0 * 2 *"_s;
    QTest::newRow("0 0 0 * May *") << u"0 0 0 * May *"_s << u"0 0 0 * 5 *"_s;
    QTest::newRow("0 0 0 * * sunday") << u"0 0 0 * * sunday"_s << u"0 0 0 * * 0"_s;
    QTest::newRow("0 0 0 * * SUNDAY") << u"0 0 0 * * SUNDAY"_s << u"0 0 0 * * 0"_s;
    QTest::newRow("0 0 0 * * tHuRsDaY") << u"0 0 0 * * tHuRsDaY"_s << u"0 0 0 * * 4"_s;
    QTest::newRow("0 0 0 * * Wednesday") << u"0 0 0 * * Wednesday"_s << u"0 0 0 * * 3"_s;
    QTest::newRow("0 0 0 * * Tues") << u"0 0 0 * * Tues"_s << u"0 0 0 * * 2"_s;
    QTest::newRow("0 0 0 * * Thurs") << u"0 0 0 * * Thurs"_s << u"0 0 0 * * 4"_s;
    QTest::newRow("0 0 0 * SEPT *") << u"0 0 0 * SEPT *"_s << u"0 0 0 * 9 *"_s;
    QTest::newRow("0 0 0 * DECEM *") << u"0 0 0 * DECEM *"_s << u"0 0 0 * 12 *"_s;
    QTest::newRow("0 0 0 * Augu *") << u"0 0 0 * Augu *"_s << u"0 0 0 * 8 *"_s;
    QTest::newRow("0 0 0 * december *") << u"0 0 0 * december *"_s << u"0 0 0 * 12 *"_s;
    QTest::newRow("*/0 * * * * *") << u"*/0 * * * * *"_s << u"* * * * * *"_s;
    QTest::newRow("5/0 * * * * *") << u"5/0 * * * * *"_s << u"5-59 * * * * *"_s;
    QTest::newRow("0 1-5/0 * * * *") << u"0 1-5/0 * * * *"_s << u"0 1-5 * * * *"_s;
    QTest::newRow("0 0 0 */0 * *") << u"0 0 0 */0 * *"_s << u"0 0 0 * * *"_s;
    QTest::newRow("59/0 * * * * *") << u"59/0 * * * * *"_s << u"59 * * * * *"_s;
    QTest::newRow("0 0 0 * * */0") << u"0 0 0 * * */0"_s << u"0 0 0 * * *"_s;
    QTest::newRow("*/60 * * * * *") << u"*/60 * * * * *"_s << u"0 * * * * *"_s;
    QTest::newRow("*/100 * * * * *") << u"*/100 * * * * *"_s << u"0 * * * * *"_s;
    QTest::newRow("0 0 0 */40 * *") << u"0 0 0 */40 * *"_s << u"0 0 0 1 * *"_s;
    QTest::newRow("*/2147483647 * * * * *") << u"*/2147483647 * * * * *"_s << u"0 * * * * *"_s;
    QTest::newRow("*/59 * * * * *") << u"*/59 * * * * *"_s << u"0,59 * * * * *"_s;
    QTest::newRow("*/30 * * * * *") << u"*/30 * * * * *"_s << u"0,30 * * * * *"_s;
    QTest::newRow("0 0 0 */2 * *") << u"0 0 0 */2 * *"_s << u"0 0 0 1,3,5,7,9,11,13,15,17,19,21,23,25,27,29,31 * *"_s;
    QTest::newRow("0 0 0 1 */3 *") << u"0 0 0 1 */3 *"_s << u"0 0 0 1 1,4,7,10 *"_s;
    QTest::newRow("0 0 0 * * */2") << u"0 0 0 * * */2"_s << u"0 0 0 * * 0,2,4,6"_s;
    QTest::newRow("0 0 0 * * 1/2") << u"0 0 0 * * 1/2"_s << u"0 0 0 * * 1,3,5"_s;
    QTest::newRow("0 0 */6 * * *") << u"0 0 */6 * * *"_s << u"0 0 0,6,12,18 * * *"_s;
    QTest::newRow("0 0 0 2/7 * *") << u"0 0 0 2/7 * *"_s << u"0 0 0 2,9,16,23,30 * *"_s;
    QTest::newRow("0 0 0 * 2/5 *") << u"0 0 0 * 2/5 *"_s << u"0 0 0 * 2,7,12 *"_s;
    QTest::newRow("00 05 * * * *") << u"00 05 * * * *"_s << u"0 5 * * * *"_s;
    QTest::newRow("007 * * * * *") << u"007 * * * * *"_s << u"7 * * * * *"_s;
    QTest::newRow("0 0 0 01 01 0") << u"0 0 0 01 01 0"_s << u"0 0 0 1 1 0"_s;
    QTest::newRow("1,1,2 * * * * *") << u"1,1,2 * * * * *"_s << u"1-2 * * * * *"_s;
    QTest::newRow("0-58,59 * * * * *") << u"0-58,59 * * * * *"_s << u"* * * * * *"_s;
    QTest::newRow("0,1 * * * * *") << u"0,1 * * * * *"_s << u"0-1 * * * * *"_s;
    QTest::newRow("5,3,1 * * * * *") << u"5,3,1 * * * * *"_s << u"1,3,5 * * * * *"_s;
    QTest::newRow("0 0 0 1,15 * *") << u"0 0 0 1,15 * *"_s << u"0 0 0 1,15 * *"_s;
    QTest::newRow("0 0 0 * 12/2 *") << u"0 0 0 * 12/2 *"_s << u"0 0 0 * 12 *"_s;
    QTest::newRow("0 0 0 * Dec/2 *") << u"0 0 0 * Dec/2 *"_s << u"0 0 0 * 12 *"_s;
    QTest::newRow("0 0 0 * Nov/1 *") << u"0 0 0 * Nov/1 *"_s << u"0 0 0 * 11-12 *"_s;
    QTest::newRow("0 0 0-23 * * *") << u"0 0 0-23 * * *"_s << u"0 0 * * * *"_s;
    QTest::newRow("0 0 0 1-31 * *") << u"0 0 0 1-31 * *"_s << u"0 0 0 * * *"_s;
    QTest::newRow("0 0 0 * 1-12 *") << u"0 0 0 * 1-12 *"_s << u"0 0 0 * * *"_s;
    QTest::newRow("0 0 0 * * 0-6") << u"0 0 0 * * 0-6"_s << u"0 0 0 * * *"_s;
    QTest::newRow("0 0 0 31 * *") << u"0 0 0 31 * *"_s << u"0 0 0 31 * *"_s;
    QTest::newRow("0 0 0 * 1-Mar *") << u"0 0 0 * 1-Mar *"_s << u"0 0 0 * 1-3 *"_s;
    QTest::newRow("0 0 0 * * 0-Sat") << u"0 0 0 * * 0-Sat"_s << u"0 0 0 * * *"_s;
    QTest::newRow("0 0 0 * * Mon-5") << u"0 0 0 * * Mon-5"_s << u"0 0 0 * * 1-5"_s;
    QTest::newRow("*,5 * * * * *") << u"*,5 * * * * *"_s << u"* * * * * *"_s;
    QTest::newRow("5-5 * * * * *") << u"5-5 * * * * *"_s << u"5 * * * * *"_s;
    QTest::newRow("5-5/3 * * * * *") << u"5-5/3 * * * * *"_s << u"5 * * * * *"_s;
    QTest::newRow("0 0 12 * * Sun,Sat") << u"0 0 12 * * Sun,Sat"_s << u"0 0 12 * * 0,6"_s;
    QTest::newRow("0 0 12 * * 6,0") << u"0 0 12 * * 6,0"_s << u"0 0 12 * * 0,6"_s;
    QTest::newRow("0 0 0 30 2 *") << u"0 0 0 30 2 *"_s << u"0 0 0 30 2 *"_s;
    QTest::newRow("0 0 0 31 Feb *") << u"0 0 0 31 Feb *"_s << u"0 0 0 31 2 *"_s;
    QTest::newRow("0 0 0 29 2 *") << u"0 0 0 29 2 *"_s << u"0 0 0 29 2 *"_s;
    QTest::newRow("0 0 0 13 * 5") << u"0 0 0 13 * 5"_s << u"0 0 0 13 * 5"_s;
    QTest::newRow("0 0 8 1-7 * MON") << u"0 0 8 1-7 * MON"_s << u"0 0 8 1-7 * 1"_s;
    QTest::newRow("0 45 16 1 * Mon") << u"0 45 16 1 * Mon"_s << u"0 45 16 1 * 1"_s;
    QTest::newRow("59 59 23 31 12 6") << u"59 59 23 31 12 6"_s << u"59 59 23 31 12 6"_s;
    QTest::newRow("0 0 3,*/6 * * Fri") << u"0 0 3,*/6 * * Fri"_s << u"0 0 0,3,6,12,18 * * 5"_s;
    QTest::newRow("0 0 0 * * 1-3,5") << u"0 0 0 * * 1-3,5"_s << u"0 0 0 * * 1-3,5"_s;
    QTest::newRow("0 0 0 * * 1,2,3,5") << u"0 0 0 * * 1,2,3,5"_s << u"0 0 0 * * 1-3,5"_s;
    QTest::newRow("0 0 0 * 1,2,3,4,5,6,7,8,9,10,11,12 *")
        << u"0 0 0 * 1,2,3,4,5,6,7,8,9,10,11,12 *"_s << u"0 0 0 * * *"_s;
    QTest::newRow("0 0 0 * * Mon,Tue,Wed,Thu,Fri,Sat,Sun")
        << u"0 0 0 * * Mon,Tue,Wed,Thu,Fri,Sat,Sun"_s << u"0 0 0 * * *"_s;
    QTest::newRow("10-20/3,40-50/5 * * * * *") << u"10-20/3,40-50/5 * * * * *"_s << u"10,13,16,19,40,45,50 * * * * *"_s;
    QTest::newRow("0 0-59/10 * * * *") << u"0 0-59/10 * * * *"_s << u"0 0,10,20,30,40,50 * * * *"_s;
    QTest::newRow("0 0 1-23/2 * * *") << u"0 0 1-23/2 * * *"_s << u"0 0 1,3,5,7,9,11,13,15,17,19,21,23 * * *"_s;
    QTest::newRow("0 0 0 1-31/10 * *") << u"0 0 0 1-31/10 * *"_s << u"0 0 0 1,11,21,31 * *"_s;
}

void TestCronExpression::parseValid()
{
    QFETCH(QString, text);
    QFETCH(QString, expanded);

    QString error = u"untouched"_s;
    const CronExpression expression = CronExpression::parse(text, &error);
    QVERIFY2(expression.isValid(), qPrintable(error));
    QVERIFY(error.isEmpty());
    QCOMPARE(expression.expandedText(), expanded);
    // The expanded text reads back as the same schedule.
    QCOMPARE(CronExpression::parse(expanded), expression);
    QCOMPARE(CronExpression::parse(expanded).expandedText(), expanded);
}

// Every rejected form, and the field its error sentence must name.
void TestCronExpression::parseInvalid_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("fragment");

    const QString second = u"The second field (first of six)"_s;
    const QString minute = u"The minute field (second of six)"_s;
    const QString hour = u"The hour field (third of six)"_s;
    const QString day = u"The day field (fourth of six)"_s;
    const QString month = u"The month field (fifth of six)"_s;
    const QString dow = u"The day-of-week field (sixth of six)"_s;
    const QString sixFields = u"A schedule needs exactly six fields"_s;
    const QString extension = u"L, W, #, ? and H (Quartz and Jenkins extensions) are not supported"_s;
    const QString understood = u"ranges (a-b), lists (a,b) and steps (*/n)"_s;

    // Whole-expression errors
    QTest::newRow("empty") << u""_s << QString() << u"The schedule is empty"_s;
    QTest::newRow("blank") << u"     "_s << QString() << u"The schedule is empty"_s;
    QTest::newRow("one field") << u"*"_s << sixFields << u"this one has 1."_s;
    QTest::newRow("two fields") << u"* *"_s << sixFields << u"this one has 2."_s;
    QTest::newRow("four fields") << u"* * * *"_s << sixFields << u"this one has 4."_s;
    QTest::newRow("five fields") << u"* * * * *"_s << sixFields << u"\"0 * * * * *\""_s;
    QTest::newRow("five fields, classic cron") << u"*/5  * * * *"_s << sixFields << u"\"0 */5 * * * *\""_s;
    QTest::newRow("five fields, names") << u"30 9 * * Mon-Fri"_s << sixFields << u"\"0 30 9 * * Mon-Fri\""_s;
    QTest::newRow("seven fields") << u"* * * * * * *"_s << sixFields << u"this one has 7."_s;
    QTest::newRow("seven fields, Quartz year") << u"0 0 12 * * ? 2024"_s << sixFields << u"this one has 7."_s;
    QTest::newRow("eight fields") << u"0 0 0 * * * * *"_s << sixFields << u"this one has 8."_s;
    QTest::newRow("@daily") << u"@daily"_s << u"Macros such as \"@daily\""_s << u"\"0 0 0 * * *\""_s;
    QTest::newRow("@hourly") << u"@hourly"_s << u"Macros such as \"@hourly\""_s << u"not supported"_s;
    QTest::newRow("@yearly") << u"@yearly"_s << u"Macros such as \"@yearly\""_s << u"not supported"_s;
    QTest::newRow("@reboot") << u"  @reboot"_s << u"Macros such as \"@reboot\""_s << u"not supported"_s;
    QTest::newRow("@every") << u"@every 5m"_s << u"Macros such as \"@every\""_s << u"not supported"_s;
    QTest::newRow("tab separator") << u"0\t0 0 * * *"_s << u"Separate the fields"_s << u"plain spaces"_s;
    QTest::newRow("trailing newline") << u"0 0 0 * * 5\n"_s << u"Separate the fields"_s << u"line breaks"_s;
    QTest::newRow("no-break space") << u"0\u00a00 0 * * * *"_s << u"Separate the fields"_s << u"plain spaces"_s;

    // Out of range
    QTest::newRow("second 60") << u"60 * * * * *"_s << second << u"allows 0 to 59; \"60\" is out of range"_s;
    QTest::newRow("minute 75") << u"* 75 * * * *"_s << minute << u"allows 0 to 59; \"75\" is out of range"_s;
    QTest::newRow("hour 24") << u"* * 24 * * *"_s << hour << u"allows 0 to 23; \"24\" is out of range"_s;
    QTest::newRow("day 0") << u"* * * 0 * *"_s << day << u"allows 1 to 31; \"0\" is out of range"_s;
    QTest::newRow("day 32") << u"* * * 32 * *"_s << day << u"\"32\" is out of range"_s;
    QTest::newRow("month 0") << u"* * * * 0 *"_s << month << u"allows 1 to 12; \"0\" is out of range"_s;
    QTest::newRow("month 13") << u"* * * * 13 *"_s << month << u"\"13\" is out of range"_s;
    QTest::newRow("day-of-week 8") << u"* * * * * 8"_s << dow << u"allows 0 to 6; \"8\" is out of range"_s;
    QTest::newRow("day-of-week 7") << u"* * * * * 7"_s << dow << u"so 7 in \"7\" is out of range"_s;
    QTest::newRow("day-of-week 5-7") << u"0 0 0 * * 5-7"_s << dow << u"so 7 in \"5-7\" is out of range"_s;
    QTest::newRow("day-of-week 7-1") << u"0 0 0 * * 7-1"_s << dow << u"write 0 or Sun for Sunday"_s;
    QTest::newRow("day-of-week 7 in list") << u"0 0 0 * * 1,7"_s << dow << u"so 7 in \"7\""_s;
    QTest::newRow("second range 0-60") << u"0-60 * * * * *"_s << second << u"\"60\" is out of range"_s;
    QTest::newRow("minute range 50-60") << u"* 50-60 * * * *"_s << minute << u"\"60\" is out of range"_s;
    QTest::newRow("hour range 0-24") << u"* * 0-24 * * *"_s << hour << u"\"24\" is out of range"_s;
    QTest::newRow("day range 0-5") << u"* * * 0-5 * *"_s << day << u"\"0\" is out of range"_s;
    QTest::newRow("day range reversed 40-1") << u"* * * 40-1 * *"_s << day << u"\"40\" is out of range"_s;
    QTest::newRow("month range 0-3") << u"* * * * 0-3 *"_s << month << u"\"0\" is out of range"_s;
    QTest::newRow("month range 11-13") << u"* * * * 11-13 *"_s << month << u"\"13\" is out of range"_s;
    QTest::newRow("start above max 70/5") << u"70/5 * * * * *"_s << second << u"\"70\" is out of range"_s;
    QTest::newRow("day start 0/5") << u"* * * 0/5 * *"_s << day << u"\"0\" is out of range"_s;
    QTest::newRow("hour 24/2") << u"0 0 24/2 * * *"_s << hour << u"\"24\" is out of range"_s;
    QTest::newRow("huge value") << u"99999999999 * * * * *"_s << second << u"\"99999999999\" is out of range"_s;
    QTest::newRow("ncrontab OutOfRangeField") << u"* * 1,2,3,456,7,8,9 * * *"_s << hour << u"\"456\" is out of range"_s;
    QTest::newRow("out of range after valid items") << u"0 0 0 1,15,32 * *"_s << day << u"\"32\""_s;

    // Negative numbers
    QTest::newRow("negative second") << u"-1 * * * * *"_s << second << u"negative numbers such as \"-1\""_s;
    QTest::newRow("negative minute") << u"* -5 * * * *"_s << minute << u"negative numbers such as \"-5\""_s;
    QTest::newRow("negative day-of-week") << u"* * * * * -1"_s << dow << u"\"-1\"; use values from 0 to 6"_s;
    QTest::newRow("negative range start") << u"-5-10 * * * * *"_s << second << u"\"-5\""_s;
    QTest::newRow("negative range end") << u"* * 1--5 * * *"_s << hour << u"negative numbers such as \"-5\""_s;
    QTest::newRow("negative step") << u"*/-5 * * * * *"_s << second << u"negative numbers such as \"-5\""_s;
    QTest::newRow("negative step on range") << u"* 1-10/-2 * * * *"_s << minute << u"\"-2\""_s;
    QTest::newRow("negative month") << u"0 0 0 1 -3 *"_s << month << u"use values from 1 to 12"_s;

    // Empty items
    QTest::newRow("double comma") << u"1,,2 * * * * *"_s << second << u"empty item in \"1,,2\""_s;
    QTest::newRow("trailing comma") << u"1, * * * * *"_s << second << u"empty item in \"1,\""_s;
    QTest::newRow("leading comma") << u",1 * * * * *"_s << second << u"empty item in \",1\""_s;
    QTest::newRow("lone comma") << u"* * * * * ,"_s << dow << u"remove the extra comma"_s;
    QTest::newRow("comma in hour") << u"0 0 1,,3 * * *"_s << hour << u"empty item"_s;

    // Quartz and Jenkins extensions
    QTest::newRow("L day") << u"0 0 0 L * *"_s << day << extension;
    QTest::newRow("LW day") << u"0 0 0 LW * *"_s << day << extension;
    QTest::newRow("15W day") << u"0 0 0 15W * *"_s << day << extension;
    QTest::newRow("lowercase l day") << u"0 0 0 l * *"_s << day << extension;
    QTest::newRow("L-3 day") << u"0 0 0 L-3 * *"_s << day << extension;
    QTest::newRow("? day") << u"0 0 0 ? * MON"_s << day << extension;
    QTest::newRow("? day-of-week") << u"0 0 0 1 * ?"_s << dow << extension;
    QTest::newRow("5L day-of-week") << u"0 0 0 * * 5L"_s << dow << extension;
    QTest::newRow("L day-of-week") << u"0 0 0 * * L"_s << dow << extension;
    QTest::newRow("MON#2") << u"0 0 0 * * MON#2"_s << dow << u"uses \"MON#2\""_s;
    QTest::newRow("2#1") << u"0 0 0 * * 2#1"_s << dow << extension;
    QTest::newRow("L month") << u"0 0 0 1 L *"_s << month << extension;
    QTest::newRow("H second") << u"H * * * * *"_s << second << extension;
    QTest::newRow("H/5 minute") << u"0 H/5 * * * *"_s << minute << u"uses \"H/5\""_s;
    QTest::newRow("H(0-29) minute") << u"0 H(0-29) * * * *"_s << minute << extension;
    QTest::newRow("H hour") << u"0 0 H * * *"_s << hour << extension;
    QTest::newRow("H day-of-week") << u"0 0 0 * * H"_s << dow << extension;

    // Unknown names and names where only numbers go
    QTest::newRow("ncrontab bad second") << u"bad * * * * *"_s << second << understood;
    QTest::newRow("ncrontab bad minute") << u"* bad * * * *"_s << minute << understood;
    QTest::newRow("ncrontab bad hour") << u"* * bad * * *"_s << hour << understood;
    QTest::newRow("ncrontab bad day") << u"* * * bad * *"_s << day << understood;
    QTest::newRow("ncrontab bad month") << u"* * * * bad *"_s << month << u"English month names"_s;
    QTest::newRow("ncrontab bad day-of-week") << u"* * * * * mon,bad,wed"_s << dow << u"\"bad\" is neither"_s;
    QTest::newRow("ncrontab non-number") << u"* * 1,Z,3,4 * * *"_s << hour << u"\"Z\" is not one of these"_s;
    QTest::newRow("day name in day field") << u"0 0 0 Mon * *"_s << day << u"\"Mon\" is not one of these"_s;
    QTest::newRow("month name in second field") << u"Jan * * * * *"_s << second << understood;
    QTest::newRow("month name in day-of-week") << u"0 0 0 * * Jan"_s << dow << u"\"Jan\" is neither"_s;
    QTest::newRow("day name in month") << u"0 0 0 * Mon *"_s << month << u"\"Mon\" is neither"_s;
    QTest::newRow("name longer than any") << u"0 0 0 * * Mondays"_s << dow << u"\"Mondays\""_s;
    QTest::newRow("name with digit") << u"0 0 0 * Sept1 *"_s << month << u"\"Sept1\""_s;
    QTest::newRow("misspelt month") << u"0 0 0 * Jnuary *"_s << month << u"\"Jnuary\""_s;
    QTest::newRow("French month") << u"0 0 0 * janvier *"_s << month << u"\"janvier\""_s;
    QTest::newRow("French day") << u"0 0 0 * * lundi"_s << dow << u"\"lundi\""_s;
    QTest::newRow("name in range end") << u"0 0 0 * * Mon-Fry"_s << dow << u"\"Fry\""_s;
    QTest::newRow("ncrontab range component") << u"* * 3-l2 * * *"_s << hour << u"\"l2\""_s;

    // Steps
    QTest::newRow("ncrontab non-numeric step") << u"* * 1/Z * * *"_s << hour << u"whole number after the slash"_s;
    QTest::newRow("empty step") << u"*/ * * * * *"_s << second << u"in \"*/\""_s;
    QTest::newRow("empty step after value") << u"5/ * * * * *"_s << second << u"whole number after the slash"_s;
    QTest::newRow("fractional step") << u"*/1.5 * * * * *"_s << second << u"whole number after the slash"_s;
    QTest::newRow("two slashes") << u"*/5/2 * * * * *"_s << second << u"whole number after the slash"_s;
    QTest::newRow("signed step") << u"*/+5 * * * * *"_s << second << u"whole number after the slash"_s;
    QTest::newRow("step with range") << u"5/10-20 * * * * *"_s << second << u"whole number after the slash"_s;
    QTest::newRow("step too large") << u"*/2147483648 * * * * *"_s << second << u"because it is too large"_s;
    QTest::newRow("step far too large") << u"0 0 0 */99999999999 * *"_s << day << u"use a step from 1 to 31"_s;
    QTest::newRow("slash first") << u"/5 * * * * *"_s << second << u"\"/5\""_s;

    // Malformed ranges
    QTest::newRow("three-part range") << u"1-2-3 * * * * *"_s << second << u"malformed range \"1-2-3\""_s;
    QTest::newRow("open range") << u"5- * * * * *"_s << second << u"malformed range \"5-\""_s;
    QTest::newRow("star range start") << u"*-5 * * * * *"_s << second << u"malformed range"_s;
    QTest::newRow("star range end") << u"0 5-* * * * *"_s << minute << u"malformed range"_s;
    QTest::newRow("lone hyphen") << u"0 0 - * * *"_s << hour << u"malformed range \"-\""_s;
    QTest::newRow("hyphen step") << u"0 0 0 -/2 * *"_s << day << u"malformed range"_s;
    QTest::newRow("open month range") << u"0 0 0 * Jan- *"_s << month << u"for example Jan-Mar"_s;
    QTest::newRow("open day-of-week range") << u"0 0 0 * * Mon-"_s << dow << u"for example Mon-Fri"_s;

    // Garbage
    QTest::newRow("decimal") << u"1.5 * * * * *"_s << second << u"\"1.5\""_s;
    QTest::newRow("percent") << u"% * * * * *"_s << second << understood;
    QTest::newRow("trailing letter") << u"5x * * * * *"_s << second << u"\"5x\""_s;
    QTest::newRow("hex") << u"0x10 * * * * *"_s << second << u"\"0x10\""_s;
    QTest::newRow("exponent") << u"1e3 * * * * *"_s << second << understood;
    QTest::newRow("double star") << u"** * * * * *"_s << second << u"\"**\""_s;
    QTest::newRow("star digit") << u"*5 * * * * *"_s << second << u"\"*5\""_s;
    QTest::newRow("digit star") << u"5* * * * * *"_s << second << u"\"5*\""_s;
    QTest::newRow("plus sign") << u"+5 * * * * *"_s << second << u"\"+5\""_s;
    QTest::newRow("full-width digit") << u"\uff15 * * * * *"_s << second << understood;
    QTest::newRow("Arabic-Indic digit") << u"0 \u0663 * * * *"_s << minute << understood;
    QTest::newRow("parenthesis") << u"0 0 (1) * * *"_s << hour << understood;
    QTest::newRow("semicolon list") << u"0 0 1;2 * * *"_s << hour << u"\"1;2\""_s;
    QTest::newRow("garbage in day-of-week") << u"0 0 0 * * $"_s << dow << u"\"$\" is neither"_s;
    QTest::newRow("garbage in month") << u"0 0 0 * ~ *"_s << month << u"\"~\" is neither"_s;
}

void TestCronExpression::parseInvalid()
{
    QFETCH(QString, text);
    QFETCH(QString, field);
    QFETCH(QString, fragment);

    QString error;
    const CronExpression expression = CronExpression::parse(text, &error);
    QVERIFY(!expression.isValid());
    QVERIFY(expression.expandedText().isEmpty());
    QVERIFY(!expression.next(instant(u"2024-01-01T00:00:00Z"_s)).isValid());
    QVERIFY(expression.occurrences(instant(u"2024-01-01T00:00:00Z"_s), 3).isEmpty());
    QCOMPARE(expression.text(), text);
    if (!field.isEmpty())
        QVERIFY2(error.startsWith(field), qPrintable(error));
    QVERIFY2(error.contains(fragment), qPrintable(error));
    QVERIFY2(error.endsWith(u'.'), qPrintable(error));
    // Without an error sink, parsing still fails.
    QVERIFY(!CronExpression::parse(text).isValid());
}

// Complete sentences for one error of each kind.
void TestCronExpression::errorSentences_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("sentence");

    QTest::newRow("out of range") << u"* 75 * * * *"_s
                                  << u"The minute field (second of six) allows 0 to 59; \"75\" is out of range."_s;
    QTest::newRow("field count")
        << u"* * * *"_s
        << u"A schedule needs exactly six fields separated by spaces (second minute hour day month day-of-week); "
           "this one has 4."_s;
    QTest::newRow("five fields")
        << u"*/5 * * * *"_s
        << u"A schedule needs exactly six fields (second minute hour day month day-of-week); this one has five, so "
           "put the seconds first, for example \"0 */5 * * * *\"."_s;
    QTest::newRow("empty") << u""_s
                           << u"The schedule is empty; write six fields separated by spaces (second minute hour day "
                              "month day-of-week), for example \"0 */15 * * * *\"."_s;
    QTest::newRow("whitespace")
        << u"0\t0 0 * * *"_s
        << u"Separate the fields of a schedule with plain spaces; tabs and line breaks are not allowed."_s;
    QTest::newRow("macro") << u"@daily"_s
                           << u"Macros such as \"@daily\" are not supported; write the six fields instead, for "
                              "example \"0 0 0 * * *\" for every day at midnight."_s;
    QTest::newRow("day-of-week 7")
        << u"0 0 0 * * 7"_s
        << u"The day-of-week field (sixth of six) allows 0 to 6, where 0 is Sunday, so 7 in \"7\" is out of range; "
           "write 0 or Sun for Sunday."_s;
    QTest::newRow("negative") << u"0 -5 * * * *"_s
                              << u"The minute field (second of six) does not accept negative numbers such as \"-5\"; "
                                 "use values from 0 to 59."_s;
    QTest::newRow("empty item")
        << u"1,,2 * * * * *"_s
        << u"The second field (first of six) has an empty item in \"1,,2\"; remove the extra comma or put a value "
           "between the commas."_s;
    QTest::newRow("extension")
        << u"0 0 0 L * *"_s
        << u"The day field (fourth of six) uses \"L\", but L, W, #, ? and H (Quartz and Jenkins extensions) are not "
           "supported; use *, numbers, ranges, lists or steps instead."_s;
    QTest::newRow("bad step") << u"0 */x * * * *"_s
                              << u"The minute field (second of six) needs a whole number after the slash in "
                                 "\"*/x\"; write a step such as */15 or 0/20."_s;
    QTest::newRow("step too large")
        << u"0 0 */3000000000 * * *"_s
        << u"The hour field (third of six) cannot use the step in \"*/3000000000\" because it is too large; use a step from 1 to 24."_s;
    QTest::newRow("malformed range")
        << u"0 0 0 1-2-3 * *"_s
        << u"The day field (fourth of six) has a malformed range \"1-2-3\"; write a range as two values joined by a "
           "hyphen, for example 1-5."_s;
    QTest::newRow("numeric field")
        << u"bad * * * * *"_s
        << u"The second field (first of six) accepts numbers from 0 to 59, *, ranges (a-b), lists (a,b) and steps "
           "(*/n); \"bad\" is not one of these."_s;
    QTest::newRow("month name") << u"0 0 0 1 Foo *"_s
                                << u"The month field (fifth of six) accepts 1 to 12 or English month names such as "
                                   "Jan or March; \"Foo\" is neither."_s;
    QTest::newRow("day name") << u"0 0 0 * * Funday"_s
                              << u"The day-of-week field (sixth of six) accepts 0 to 6 (0 is Sunday) or English day "
                                 "names such as Mon or Friday; \"Funday\" is neither."_s;
}

void TestCronExpression::errorSentences()
{
    QFETCH(QString, text);
    QFETCH(QString, sentence);

    QString error;
    QVERIFY(!CronExpression::parse(text, &error).isValid());
    QCOMPARE(error, sentence);
}

void TestCronExpression::errorMessageIsClearedOnSuccess()
{
    QString error = u"a previous error"_s;
    QVERIFY(CronExpression::parse(u"0 0 * * * *"_s, &error).isValid());
    QVERIFY(error.isEmpty());
}

void TestCronExpression::defaultIsInvalid()
{
    const CronExpression expression;
    QVERIFY(!expression.isValid());
    QVERIFY(expression.text().isEmpty());
    QVERIFY(expression.expandedText().isEmpty());
    QVERIFY(!expression.next(instant(u"2024-01-01T00:00:00Z"_s)).isValid());
    QCOMPARE(expression, CronExpression());
    QVERIFY(!(expression == CronExpression::parse(u"* * * * * *"_s)));
}

void TestCronExpression::textIsKeptVerbatim()
{
    const QString text = u"  0  */15 *   * *  *  "_s;
    const CronExpression expression = CronExpression::parse(text);
    QVERIFY(expression.isValid());
    QCOMPARE(expression.text(), text);
    QCOMPARE(expression.expandedText(), u"0 0,15,30,45 * * * *"_s);
}

void TestCronExpression::equality_data()
{
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("b");
    QTest::addColumn<bool>("equal");

    QTest::newRow("step vs list") << u"0 */15 * * * *"_s << u"0 0,15,30,45 * * * *"_s << true;
    QTest::newRow("names vs numbers") << u"0 0 9 * * MON-FRI"_s << u"0 0 9 * * 1-5"_s << true;
    QTest::newRow("reversed range") << u"0 0 9 * * FRI-MON"_s << u"0 0 9 * * Mon-Fri"_s << true;
    QTest::newRow("full range vs star") << u"0-59 0 0 1-31 1-12 0-6"_s << u"* 0 0 * * *"_s << true;
    QTest::newRow("step zero vs star") << u"*/0 * * * * *"_s << u"* * * * * *"_s << true;
    QTest::newRow("spacing") << u" 0 0 0 * * * "_s << u"0 0 0 * * *"_s << true;
    QTest::newRow("different second") << u"0 0 0 * * *"_s << u"1 0 0 * * *"_s << false;
    QTest::newRow("different day-of-week") << u"0 0 0 * * 0"_s << u"0 0 0 * * 6"_s << false;
    QTest::newRow("different month") << u"0 0 0 1 1 *"_s << u"0 0 0 1 2 *"_s << false;
    QTest::newRow("invalid vs valid") << u"0 0 0 * *"_s << u"0 0 0 * * *"_s << false;
}

void TestCronExpression::equality()
{
    QFETCH(QString, a);
    QFETCH(QString, b);
    QFETCH(bool, equal);

    QCOMPARE(CronExpression::parse(a) == CronExpression::parse(b), equal);
}

// next() in UTC. The "ncrontab" rows are NCrontab's CrontabScheduleTests.Evaluations, five-field
// rows given a seconds field of 0 (what NCrontab itself assumes without seconds).
void TestCronExpression::next_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("after");
    QTest::addColumn<QString>("expected");

    QTest::newRow("ncrontab 0 * * * * * after 2003-01-01T00:00:00Z")
        << u"0 * * * * *"_s << u"2003-01-01T00:00:00Z"_s << u"2003-01-01T00:01:00Z"_s;
    QTest::newRow("ncrontab 0 * * * * * after 2003-01-01T00:01:00Z")
        << u"0 * * * * *"_s << u"2003-01-01T00:01:00Z"_s << u"2003-01-01T00:02:00Z"_s;
    QTest::newRow("ncrontab 0 * * * * * after 2003-01-01T00:02:00Z")
        << u"0 * * * * *"_s << u"2003-01-01T00:02:00Z"_s << u"2003-01-01T00:03:00Z"_s;
    QTest::newRow("ncrontab 0 * * * * * after 2003-01-01T00:59:00Z")
        << u"0 * * * * *"_s << u"2003-01-01T00:59:00Z"_s << u"2003-01-01T01:00:00Z"_s;
    QTest::newRow("ncrontab 0 * * * * * after 2003-01-01T01:59:00Z")
        << u"0 * * * * *"_s << u"2003-01-01T01:59:00Z"_s << u"2003-01-01T02:00:00Z"_s;
    QTest::newRow("ncrontab 0 * * * * * after 2003-01-01T23:59:00Z")
        << u"0 * * * * *"_s << u"2003-01-01T23:59:00Z"_s << u"2003-01-02T00:00:00Z"_s;
    QTest::newRow("ncrontab 0 * * * * * after 2003-12-31T23:59:00Z")
        << u"0 * * * * *"_s << u"2003-12-31T23:59:00Z"_s << u"2004-01-01T00:00:00Z"_s;
    QTest::newRow("ncrontab 0 * * * * * after 2003-02-28T23:59:00Z")
        << u"0 * * * * *"_s << u"2003-02-28T23:59:00Z"_s << u"2003-03-01T00:00:00Z"_s;
    QTest::newRow("ncrontab 0 * * * * * after 2004-02-28T23:59:00Z")
        << u"0 * * * * *"_s << u"2004-02-28T23:59:00Z"_s << u"2004-02-29T00:00:00Z"_s;
    QTest::newRow("ncrontab 45 * * * * * after 2003-01-01T00:00:00Z")
        << u"45 * * * * *"_s << u"2003-01-01T00:00:00Z"_s << u"2003-01-01T00:00:45Z"_s;
    QTest::newRow("ncrontab 45-47,48,49 * * * * * after 2003-01-01T00:00:00Z")
        << u"45-47,48,49 * * * * *"_s << u"2003-01-01T00:00:00Z"_s << u"2003-01-01T00:00:45Z"_s;
    QTest::newRow("ncrontab 45-47,48,49 * * * * * after 2003-01-01T00:00:45Z")
        << u"45-47,48,49 * * * * *"_s << u"2003-01-01T00:00:45Z"_s << u"2003-01-01T00:00:46Z"_s;
    QTest::newRow("ncrontab 45-47,48,49 * * * * * after 2003-01-01T00:00:46Z")
        << u"45-47,48,49 * * * * *"_s << u"2003-01-01T00:00:46Z"_s << u"2003-01-01T00:00:47Z"_s;
    QTest::newRow("ncrontab 45-47,48,49 * * * * * after 2003-01-01T00:00:47Z")
        << u"45-47,48,49 * * * * *"_s << u"2003-01-01T00:00:47Z"_s << u"2003-01-01T00:00:48Z"_s;
    QTest::newRow("ncrontab 45-47,48,49 * * * * * after 2003-01-01T00:00:48Z")
        << u"45-47,48,49 * * * * *"_s << u"2003-01-01T00:00:48Z"_s << u"2003-01-01T00:00:49Z"_s;
    QTest::newRow("ncrontab 45-47,48,49 * * * * * after 2003-01-01T00:00:49Z")
        << u"45-47,48,49 * * * * *"_s << u"2003-01-01T00:00:49Z"_s << u"2003-01-01T00:01:45Z"_s;
    QTest::newRow("ncrontab 2/5 * * * * * after 2003-01-01T00:00:00Z")
        << u"2/5 * * * * *"_s << u"2003-01-01T00:00:00Z"_s << u"2003-01-01T00:00:02Z"_s;
    QTest::newRow("ncrontab 2/5 * * * * * after 2003-01-01T00:00:02Z")
        << u"2/5 * * * * *"_s << u"2003-01-01T00:00:02Z"_s << u"2003-01-01T00:00:07Z"_s;
    QTest::newRow("ncrontab 2/5 * * * * * after 2003-01-01T00:00:50Z")
        << u"2/5 * * * * *"_s << u"2003-01-01T00:00:50Z"_s << u"2003-01-01T00:00:52Z"_s;
    QTest::newRow("ncrontab 2/5 * * * * * after 2003-01-01T00:00:52Z")
        << u"2/5 * * * * *"_s << u"2003-01-01T00:00:52Z"_s << u"2003-01-01T00:00:57Z"_s;
    QTest::newRow("ncrontab 2/5 * * * * * after 2003-01-01T00:00:57Z")
        << u"2/5 * * * * *"_s << u"2003-01-01T00:00:57Z"_s << u"2003-01-01T00:01:02Z"_s;
    QTest::newRow("ncrontab * 0-1 10 * * * after 2021-02-24T09:50:35Z")
        << u"* 0-1 10 * * *"_s << u"2021-02-24T09:50:35Z"_s << u"2021-02-24T10:00:00Z"_s;
    QTest::newRow("ncrontab 0 45 * * * * after 2003-01-01T00:00:00Z")
        << u"0 45 * * * *"_s << u"2003-01-01T00:00:00Z"_s << u"2003-01-01T00:45:00Z"_s;
    QTest::newRow("ncrontab 0 45-47,48,49 * * * * after 2003-01-01T00:00:00Z")
        << u"0 45-47,48,49 * * * *"_s << u"2003-01-01T00:00:00Z"_s << u"2003-01-01T00:45:00Z"_s;
    QTest::newRow("ncrontab 0 45-47,48,49 * * * * after 2003-01-01T00:45:00Z")
        << u"0 45-47,48,49 * * * *"_s << u"2003-01-01T00:45:00Z"_s << u"2003-01-01T00:46:00Z"_s;
    QTest::newRow("ncrontab 0 45-47,48,49 * * * * after 2003-01-01T00:46:00Z")
        << u"0 45-47,48,49 * * * *"_s << u"2003-01-01T00:46:00Z"_s << u"2003-01-01T00:47:00Z"_s;
    QTest::newRow("ncrontab 0 45-47,48,49 * * * * after 2003-01-01T00:47:00Z")
        << u"0 45-47,48,49 * * * *"_s << u"2003-01-01T00:47:00Z"_s << u"2003-01-01T00:48:00Z"_s;
    QTest::newRow("ncrontab 0 45-47,48,49 * * * * after 2003-01-01T00:48:00Z")
        << u"0 45-47,48,49 * * * *"_s << u"2003-01-01T00:48:00Z"_s << u"2003-01-01T00:49:00Z"_s;
    QTest::newRow("ncrontab 0 45-47,48,49 * * * * after 2003-01-01T00:49:00Z")
        << u"0 45-47,48,49 * * * *"_s << u"2003-01-01T00:49:00Z"_s << u"2003-01-01T01:45:00Z"_s;
    QTest::newRow("ncrontab 0 2/5 * * * * after 2003-01-01T00:00:00Z")
        << u"0 2/5 * * * *"_s << u"2003-01-01T00:00:00Z"_s << u"2003-01-01T00:02:00Z"_s;
    QTest::newRow("ncrontab 0 2/5 * * * * after 2003-01-01T00:02:00Z")
        << u"0 2/5 * * * *"_s << u"2003-01-01T00:02:00Z"_s << u"2003-01-01T00:07:00Z"_s;
    QTest::newRow("ncrontab 0 2/5 * * * * after 2003-01-01T00:50:00Z")
        << u"0 2/5 * * * *"_s << u"2003-01-01T00:50:00Z"_s << u"2003-01-01T00:52:00Z"_s;
    QTest::newRow("ncrontab 0 2/5 * * * * after 2003-01-01T00:52:00Z")
        << u"0 2/5 * * * *"_s << u"2003-01-01T00:52:00Z"_s << u"2003-01-01T00:57:00Z"_s;
    QTest::newRow("ncrontab 0 2/5 * * * * after 2003-01-01T00:57:00Z")
        << u"0 2/5 * * * *"_s << u"2003-01-01T00:57:00Z"_s << u"2003-01-01T01:02:00Z"_s;
    QTest::newRow("ncrontab * * 10 * * * after 2021-02-24T09:50:35Z")
        << u"* * 10 * * *"_s << u"2021-02-24T09:50:35Z"_s << u"2021-02-24T10:00:00Z"_s;
    QTest::newRow("ncrontab * 55 * * * * after 2021-02-24T09:50:35Z")
        << u"* 55 * * * *"_s << u"2021-02-24T09:50:35Z"_s << u"2021-02-24T09:55:00Z"_s;
    QTest::newRow("ncrontab 3 45 * * * * after 2003-01-01T00:00:30Z")
        << u"3 45 * * * *"_s << u"2003-01-01T00:00:30Z"_s << u"2003-01-01T00:45:03Z"_s;
    QTest::newRow("ncrontab 6 45-47,48,49 * * * * after 2003-01-01T00:00:30Z")
        << u"6 45-47,48,49 * * * *"_s << u"2003-01-01T00:00:30Z"_s << u"2003-01-01T00:45:06Z"_s;
    QTest::newRow("ncrontab 6 45-47,48,49 * * * * after 2003-01-01T00:45:30Z")
        << u"6 45-47,48,49 * * * *"_s << u"2003-01-01T00:45:30Z"_s << u"2003-01-01T00:46:06Z"_s;
    QTest::newRow("ncrontab 6 45-47,48,49 * * * * after 2003-01-01T00:46:30Z")
        << u"6 45-47,48,49 * * * *"_s << u"2003-01-01T00:46:30Z"_s << u"2003-01-01T00:47:06Z"_s;
    QTest::newRow("ncrontab 6 45-47,48,49 * * * * after 2003-01-01T00:47:30Z")
        << u"6 45-47,48,49 * * * *"_s << u"2003-01-01T00:47:30Z"_s << u"2003-01-01T00:48:06Z"_s;
    QTest::newRow("ncrontab 6 45-47,48,49 * * * * after 2003-01-01T00:48:30Z")
        << u"6 45-47,48,49 * * * *"_s << u"2003-01-01T00:48:30Z"_s << u"2003-01-01T00:49:06Z"_s;
    QTest::newRow("ncrontab 6 45-47,48,49 * * * * after 2003-01-01T00:49:30Z")
        << u"6 45-47,48,49 * * * *"_s << u"2003-01-01T00:49:30Z"_s << u"2003-01-01T01:45:06Z"_s;
    QTest::newRow("ncrontab 9 2/5 * * * * after 2003-01-01T00:00:30Z")
        << u"9 2/5 * * * *"_s << u"2003-01-01T00:00:30Z"_s << u"2003-01-01T00:02:09Z"_s;
    QTest::newRow("ncrontab 9 2/5 * * * * after 2003-01-01T00:02:30Z")
        << u"9 2/5 * * * *"_s << u"2003-01-01T00:02:30Z"_s << u"2003-01-01T00:07:09Z"_s;
    QTest::newRow("ncrontab 9 2/5 * * * * after 2003-01-01T00:50:30Z")
        << u"9 2/5 * * * *"_s << u"2003-01-01T00:50:30Z"_s << u"2003-01-01T00:52:09Z"_s;
    QTest::newRow("ncrontab 9 2/5 * * * * after 2003-01-01T00:52:30Z")
        << u"9 2/5 * * * *"_s << u"2003-01-01T00:52:30Z"_s << u"2003-01-01T00:57:09Z"_s;
    QTest::newRow("ncrontab 9 2/5 * * * * after 2003-01-01T00:57:30Z")
        << u"9 2/5 * * * *"_s << u"2003-01-01T00:57:30Z"_s << u"2003-01-01T01:02:09Z"_s;
    QTest::newRow("ncrontab 0 * 3/4 * * * after 2003-12-20T10:00:00Z")
        << u"0 * 3/4 * * *"_s << u"2003-12-20T10:00:00Z"_s << u"2003-12-20T11:00:00Z"_s;
    QTest::newRow("ncrontab 0 * 3 * * * after 2003-12-20T00:30:00Z")
        << u"0 * 3 * * *"_s << u"2003-12-20T00:30:00Z"_s << u"2003-12-20T03:00:00Z"_s;
    QTest::newRow("ncrontab 0 30 3 * * * after 2003-12-20T01:45:00Z")
        << u"0 30 3 * * *"_s << u"2003-12-20T01:45:00Z"_s << u"2003-12-20T03:30:00Z"_s;
    QTest::newRow("ncrontab 0 30 * 1 * * after 2003-01-07T00:00:00Z")
        << u"0 30 * 1 * *"_s << u"2003-01-07T00:00:00Z"_s << u"2003-02-01T00:30:00Z"_s;
    QTest::newRow("ncrontab 0 30 * 1 * * after 2003-02-01T00:30:00Z")
        << u"0 30 * 1 * *"_s << u"2003-02-01T00:30:00Z"_s << u"2003-02-01T01:30:00Z"_s;
    QTest::newRow("ncrontab 0 10 * 22 * * after 2003-01-01T00:00:00Z")
        << u"0 10 * 22 * *"_s << u"2003-01-01T00:00:00Z"_s << u"2003-01-22T00:10:00Z"_s;
    QTest::newRow("ncrontab 0 30 23 19 * * after 2003-01-01T00:00:00Z")
        << u"0 30 23 19 * *"_s << u"2003-01-01T00:00:00Z"_s << u"2003-01-19T23:30:00Z"_s;
    QTest::newRow("ncrontab 0 30 23 21 * * after 2003-01-01T00:00:00Z")
        << u"0 30 23 21 * *"_s << u"2003-01-01T00:00:00Z"_s << u"2003-01-21T23:30:00Z"_s;
    QTest::newRow("ncrontab 0 * * 21 * * after 2003-01-01T00:01:00Z")
        << u"0 * * 21 * *"_s << u"2003-01-01T00:01:00Z"_s << u"2003-01-21T00:00:00Z"_s;
    QTest::newRow("ncrontab 0 * * 30,31 * * after 2003-07-10T00:00:00Z")
        << u"0 * * 30,31 * *"_s << u"2003-07-10T00:00:00Z"_s << u"2003-07-30T00:00:00Z"_s;
    QTest::newRow("ncrontab 0 * * * 3 * after 2002-02-28T23:59:59Z")
        << u"0 * * * 3 *"_s << u"2002-02-28T23:59:59Z"_s << u"2002-03-01T00:00:00Z"_s;
    QTest::newRow("ncrontab 0 * * * 3 * after 2004-02-29T23:59:59Z")
        << u"0 * * * 3 *"_s << u"2004-02-29T23:59:59Z"_s << u"2004-03-01T00:00:00Z"_s;
    QTest::newRow("ncrontab 0 * * * 4 * after 2002-03-31T23:59:59Z")
        << u"0 * * * 4 *"_s << u"2002-03-31T23:59:59Z"_s << u"2002-04-01T00:00:00Z"_s;
    QTest::newRow("ncrontab 0 * * * 5 * after 2002-04-30T23:59:59Z")
        << u"0 * * * 5 *"_s << u"2002-04-30T23:59:59Z"_s << u"2002-05-01T00:00:00Z"_s;
    QTest::newRow("ncrontab 0 0 0 15,30,31 * * after 2000-01-01T00:00:00Z")
        << u"0 0 0 15,30,31 * *"_s << u"2000-01-01T00:00:00Z"_s << u"2000-01-15T00:00:00Z"_s;
    QTest::newRow("ncrontab 0 0 0 15,30,31 * * after 2000-01-15T00:00:00Z")
        << u"0 0 0 15,30,31 * *"_s << u"2000-01-15T00:00:00Z"_s << u"2000-01-30T00:00:00Z"_s;
    QTest::newRow("ncrontab 0 0 0 15,30,31 * * after 2000-01-30T00:00:00Z")
        << u"0 0 0 15,30,31 * *"_s << u"2000-01-30T00:00:00Z"_s << u"2000-01-31T00:00:00Z"_s;
    QTest::newRow("ncrontab 0 0 0 15,30,31 * * after 2000-01-31T00:00:00Z")
        << u"0 0 0 15,30,31 * *"_s << u"2000-01-31T00:00:00Z"_s << u"2000-02-15T00:00:00Z"_s;
    QTest::newRow("ncrontab 0 0 0 15,30,31 * * after 2000-02-15T00:00:00Z")
        << u"0 0 0 15,30,31 * *"_s << u"2000-02-15T00:00:00Z"_s << u"2000-03-15T00:00:00Z"_s;
    QTest::newRow("ncrontab 0 0 0 15,30,31 * * after 2000-03-15T00:00:00Z")
        << u"0 0 0 15,30,31 * *"_s << u"2000-03-15T00:00:00Z"_s << u"2000-03-30T00:00:00Z"_s;
    QTest::newRow("ncrontab 0 0 0 15,30,31 * * after 2000-03-30T00:00:00Z")
        << u"0 0 0 15,30,31 * *"_s << u"2000-03-30T00:00:00Z"_s << u"2000-03-31T00:00:00Z"_s;
    QTest::newRow("ncrontab 0 0 0 15,30,31 * * after 2000-03-31T00:00:00Z")
        << u"0 0 0 15,30,31 * *"_s << u"2000-03-31T00:00:00Z"_s << u"2000-04-15T00:00:00Z"_s;
    QTest::newRow("ncrontab 0 0 0 15,30,31 * * after 2000-04-15T00:00:00Z")
        << u"0 0 0 15,30,31 * *"_s << u"2000-04-15T00:00:00Z"_s << u"2000-04-30T00:00:00Z"_s;
    QTest::newRow("ncrontab 0 0 0 15,30,31 * * after 2000-04-30T00:00:00Z")
        << u"0 0 0 15,30,31 * *"_s << u"2000-04-30T00:00:00Z"_s << u"2000-05-15T00:00:00Z"_s;
    QTest::newRow("ncrontab 0 0 0 15,30,31 * * after 2000-05-15T00:00:00Z")
        << u"0 0 0 15,30,31 * *"_s << u"2000-05-15T00:00:00Z"_s << u"2000-05-30T00:00:00Z"_s;
    QTest::newRow("ncrontab 0 0 0 15,30,31 * * after 2000-05-30T00:00:00Z")
        << u"0 0 0 15,30,31 * *"_s << u"2000-05-30T00:00:00Z"_s << u"2000-05-31T00:00:00Z"_s;
    QTest::newRow("ncrontab 0 0 0 15,30,31 * * after 2000-05-31T00:00:00Z")
        << u"0 0 0 15,30,31 * *"_s << u"2000-05-31T00:00:00Z"_s << u"2000-06-15T00:00:00Z"_s;
    QTest::newRow("ncrontab 0 0 0 15,30,31 * * after 2000-06-15T00:00:00Z")
        << u"0 0 0 15,30,31 * *"_s << u"2000-06-15T00:00:00Z"_s << u"2000-06-30T00:00:00Z"_s;
    QTest::newRow("ncrontab 0 0 0 15,30,31 * * after 2000-06-30T00:00:00Z")
        << u"0 0 0 15,30,31 * *"_s << u"2000-06-30T00:00:00Z"_s << u"2000-07-15T00:00:00Z"_s;
    QTest::newRow("ncrontab 0 0 0 15,30,31 * * after 2000-07-15T00:00:00Z")
        << u"0 0 0 15,30,31 * *"_s << u"2000-07-15T00:00:00Z"_s << u"2000-07-30T00:00:00Z"_s;
    QTest::newRow("ncrontab 0 0 0 15,30,31 * * after 2000-07-30T00:00:00Z")
        << u"0 0 0 15,30,31 * *"_s << u"2000-07-30T00:00:00Z"_s << u"2000-07-31T00:00:00Z"_s;
    QTest::newRow("ncrontab 0 0 0 15,30,31 * * after 2000-07-31T00:00:00Z")
        << u"0 0 0 15,30,31 * *"_s << u"2000-07-31T00:00:00Z"_s << u"2000-08-15T00:00:00Z"_s;
    QTest::newRow("ncrontab 0 0 0 15,30,31 * * after 2000-08-15T00:00:00Z")
        << u"0 0 0 15,30,31 * *"_s << u"2000-08-15T00:00:00Z"_s << u"2000-08-30T00:00:00Z"_s;
    QTest::newRow("ncrontab 0 0 0 15,30,31 * * after 2000-08-30T00:00:00Z")
        << u"0 0 0 15,30,31 * *"_s << u"2000-08-30T00:00:00Z"_s << u"2000-08-31T00:00:00Z"_s;
    QTest::newRow("ncrontab 0 0 0 15,30,31 * * after 2000-08-31T00:00:00Z")
        << u"0 0 0 15,30,31 * *"_s << u"2000-08-31T00:00:00Z"_s << u"2000-09-15T00:00:00Z"_s;
    QTest::newRow("ncrontab 0 0 0 15,30,31 * * after 2000-09-15T00:00:00Z")
        << u"0 0 0 15,30,31 * *"_s << u"2000-09-15T00:00:00Z"_s << u"2000-09-30T00:00:00Z"_s;
    QTest::newRow("ncrontab 0 0 0 15,30,31 * * after 2000-09-30T00:00:00Z")
        << u"0 0 0 15,30,31 * *"_s << u"2000-09-30T00:00:00Z"_s << u"2000-10-15T00:00:00Z"_s;
    QTest::newRow("ncrontab 0 0 0 15,30,31 * * after 2000-10-15T00:00:00Z")
        << u"0 0 0 15,30,31 * *"_s << u"2000-10-15T00:00:00Z"_s << u"2000-10-30T00:00:00Z"_s;
    QTest::newRow("ncrontab 0 0 0 15,30,31 * * after 2000-10-30T00:00:00Z")
        << u"0 0 0 15,30,31 * *"_s << u"2000-10-30T00:00:00Z"_s << u"2000-10-31T00:00:00Z"_s;
    QTest::newRow("ncrontab 0 0 0 15,30,31 * * after 2000-10-31T00:00:00Z")
        << u"0 0 0 15,30,31 * *"_s << u"2000-10-31T00:00:00Z"_s << u"2000-11-15T00:00:00Z"_s;
    QTest::newRow("ncrontab 0 0 0 15,30,31 * * after 2000-11-15T00:00:00Z")
        << u"0 0 0 15,30,31 * *"_s << u"2000-11-15T00:00:00Z"_s << u"2000-11-30T00:00:00Z"_s;
    QTest::newRow("ncrontab 0 0 0 15,30,31 * * after 2000-11-30T00:00:00Z")
        << u"0 0 0 15,30,31 * *"_s << u"2000-11-30T00:00:00Z"_s << u"2000-12-15T00:00:00Z"_s;
    QTest::newRow("ncrontab 0 0 0 15,30,31 * * after 2000-12-15T00:00:00Z")
        << u"0 0 0 15,30,31 * *"_s << u"2000-12-15T00:00:00Z"_s << u"2000-12-30T00:00:00Z"_s;
    QTest::newRow("ncrontab 0 0 0 15,30,31 * * after 2000-12-30T00:00:00Z")
        << u"0 0 0 15,30,31 * *"_s << u"2000-12-30T00:00:00Z"_s << u"2000-12-31T00:00:00Z"_s;
    QTest::newRow("ncrontab 0 0 0 15,30,31 * * after 2000-12-31T00:00:00Z")
        << u"0 0 0 15,30,31 * *"_s << u"2000-12-31T00:00:00Z"_s << u"2001-01-15T00:00:00Z"_s;
    QTest::newRow("ncrontab 0 10 * * 6 * after 2003-12-01T05:00:00Z")
        << u"0 10 * * 6 *"_s << u"2003-12-01T05:00:00Z"_s << u"2004-06-01T00:10:00Z"_s;
    QTest::newRow("ncrontab 0 1 2 3 * * after 2003-01-04T00:00:00Z")
        << u"0 1 2 3 * *"_s << u"2003-01-04T00:00:00Z"_s << u"2003-02-03T02:01:00Z"_s;
    QTest::newRow("ncrontab 0 10 * * February,April-Jun * after 2002-07-01T05:00:00Z")
        << u"0 10 * * February,April-Jun *"_s << u"2002-07-01T05:00:00Z"_s << u"2003-02-01T00:10:00Z"_s;
    QTest::newRow("ncrontab 0 0 12 1 6 * after 2003-01-01T00:00:00Z")
        << u"0 0 12 1 6 *"_s << u"2003-01-01T00:00:00Z"_s << u"2003-06-01T12:00:00Z"_s;
    QTest::newRow("ncrontab 0 * 12 1 6 * after 1988-09-11T14:23:00Z")
        << u"0 * 12 1 6 *"_s << u"1988-09-11T14:23:00Z"_s << u"1989-06-01T12:00:00Z"_s;
    QTest::newRow("ncrontab 0 * 12 1 6 * after 1988-03-11T14:23:00Z")
        << u"0 * 12 1 6 *"_s << u"1988-03-11T14:23:00Z"_s << u"1988-06-01T12:00:00Z"_s;
    QTest::newRow("ncrontab 0 * 2,4-8,15 * 6 * after 1988-03-11T14:23:00Z")
        << u"0 * 2,4-8,15 * 6 *"_s << u"1988-03-11T14:23:00Z"_s << u"1988-06-01T02:00:00Z"_s;
    QTest::newRow("ncrontab 0 20 * * january,FeB,Mar,april,May,JuNE,July,Augu,SEPT-October,Nov,DECEM * after "
                  "1988-03-11T14:23:00Z")
        << u"0 20 * * january,FeB,Mar,april,May,JuNE,July,Augu,SEPT-October,Nov,DECEM *"_s << u"1988-03-11T14:23:00Z"_s
        << u"1988-03-11T15:20:00Z"_s;
    QTest::newRow("ncrontab 0 30 6 * * 0 after 2003-06-26T10:00:00Z")
        << u"0 30 6 * * 0"_s << u"2003-06-26T10:00:00Z"_s << u"2003-06-29T06:30:00Z"_s;
    QTest::newRow("ncrontab 0 30 6 * * sunday after 2003-06-26T10:00:00Z")
        << u"0 30 6 * * sunday"_s << u"2003-06-26T10:00:00Z"_s << u"2003-06-29T06:30:00Z"_s;
    QTest::newRow("ncrontab 0 30 6 * * SUNDAY after 2003-06-26T10:00:00Z")
        << u"0 30 6 * * SUNDAY"_s << u"2003-06-26T10:00:00Z"_s << u"2003-06-29T06:30:00Z"_s;
    QTest::newRow("ncrontab 0 1 12 * * 2 after 2003-06-19T00:00:00Z")
        << u"0 1 12 * * 2"_s << u"2003-06-19T00:00:00Z"_s << u"2003-06-24T12:01:00Z"_s;
    QTest::newRow("ncrontab 0 1 12 * * 2 after 2003-06-24T12:01:00Z")
        << u"0 1 12 * * 2"_s << u"2003-06-24T12:01:00Z"_s << u"2003-07-01T12:01:00Z"_s;
    QTest::newRow("ncrontab 0 15 18 * * Mon after 2003-06-01T14:55:00Z")
        << u"0 15 18 * * Mon"_s << u"2003-06-01T14:55:00Z"_s << u"2003-06-02T18:15:00Z"_s;
    QTest::newRow("ncrontab 0 15 18 * * Mon after 2003-06-02T18:15:00Z")
        << u"0 15 18 * * Mon"_s << u"2003-06-02T18:15:00Z"_s << u"2003-06-09T18:15:00Z"_s;
    QTest::newRow("ncrontab 0 15 18 * * Mon after 2003-06-09T18:15:00Z")
        << u"0 15 18 * * Mon"_s << u"2003-06-09T18:15:00Z"_s << u"2003-06-16T18:15:00Z"_s;
    QTest::newRow("ncrontab 0 15 18 * * Mon after 2003-06-16T18:15:00Z")
        << u"0 15 18 * * Mon"_s << u"2003-06-16T18:15:00Z"_s << u"2003-06-23T18:15:00Z"_s;
    QTest::newRow("ncrontab 0 15 18 * * Mon after 2003-06-23T18:15:00Z")
        << u"0 15 18 * * Mon"_s << u"2003-06-23T18:15:00Z"_s << u"2003-06-30T18:15:00Z"_s;
    QTest::newRow("ncrontab 0 15 18 * * Mon after 2003-06-30T18:15:00Z")
        << u"0 15 18 * * Mon"_s << u"2003-06-30T18:15:00Z"_s << u"2003-07-07T18:15:00Z"_s;
    QTest::newRow("ncrontab 0 * * * * Mon after 2003-01-01T00:00:00Z")
        << u"0 * * * * Mon"_s << u"2003-01-01T00:00:00Z"_s << u"2003-01-06T00:00:00Z"_s;
    QTest::newRow("ncrontab 0 45 16 1 * Mon after 2003-01-01T12:00:00Z")
        << u"0 45 16 1 * Mon"_s << u"2003-01-01T12:00:00Z"_s << u"2003-09-01T16:45:00Z"_s;
    QTest::newRow("ncrontab 0 45 16 1 * Mon after 2003-09-01T23:45:00Z")
        << u"0 45 16 1 * Mon"_s << u"2003-09-01T23:45:00Z"_s << u"2003-12-01T16:45:00Z"_s;
    QTest::newRow("ncrontab 0 1 12 29 2 * after 2000-01-01T12:00:00Z")
        << u"0 1 12 29 2 *"_s << u"2000-01-01T12:00:00Z"_s << u"2000-02-29T12:01:00Z"_s;
    QTest::newRow("ncrontab 0 1 12 29 2 * after 2000-02-29T12:01:00Z")
        << u"0 1 12 29 2 *"_s << u"2000-02-29T12:01:00Z"_s << u"2004-02-29T12:01:00Z"_s;
    QTest::newRow("ncrontab 0 1 12 29 2 * after 2004-02-29T12:01:00Z")
        << u"0 1 12 29 2 *"_s << u"2004-02-29T12:01:00Z"_s << u"2008-02-29T12:01:00Z"_s;
    QTest::newRow("ncrontab 0 1 12 28 2 * after 2000-01-01T12:00:00Z")
        << u"0 1 12 28 2 *"_s << u"2000-01-01T12:00:00Z"_s << u"2000-02-28T12:01:00Z"_s;
    QTest::newRow("ncrontab 0 1 12 28 2 * after 2000-02-28T12:01:00Z")
        << u"0 1 12 28 2 *"_s << u"2000-02-28T12:01:00Z"_s << u"2001-02-28T12:01:00Z"_s;
    QTest::newRow("ncrontab 0 1 12 28 2 * after 2001-02-28T12:01:00Z")
        << u"0 1 12 28 2 *"_s << u"2001-02-28T12:01:00Z"_s << u"2002-02-28T12:01:00Z"_s;
    QTest::newRow("ncrontab 0 1 12 28 2 * after 2002-02-28T12:01:00Z")
        << u"0 1 12 28 2 *"_s << u"2002-02-28T12:01:00Z"_s << u"2003-02-28T12:01:00Z"_s;
    QTest::newRow("ncrontab 0 1 12 28 2 * after 2003-02-28T12:01:00Z")
        << u"0 1 12 28 2 *"_s << u"2003-02-28T12:01:00Z"_s << u"2004-02-28T12:01:00Z"_s;
    QTest::newRow("ncrontab 0 1 12 28 2 * after 2004-02-29T12:01:00Z")
        << u"0 1 12 28 2 *"_s << u"2004-02-29T12:01:00Z"_s << u"2005-02-28T12:01:00Z"_s;
    QTest::newRow("ncrontab 0 40 14/1 * * * after 2000-01-01T12:00:00Z")
        << u"0 40 14/1 * * *"_s << u"2000-01-01T12:00:00Z"_s << u"2000-01-01T14:40:00Z"_s;
    QTest::newRow("ncrontab 0 40 14/1 * * * after 2000-01-01T14:40:00Z")
        << u"0 40 14/1 * * *"_s << u"2000-01-01T14:40:00Z"_s << u"2000-01-01T15:40:00Z"_s;
    QTest::newRow("10 * * * * * after 2015-01-01T00:00:00Z")
        << u"10 * * * * *"_s << u"2015-01-01T00:00:00Z"_s << u"2015-01-01T00:00:10Z"_s;
    QTest::newRow("0 1 * * * * after 2015-01-01T00:00:00Z")
        << u"0 1 * * * *"_s << u"2015-01-01T00:00:00Z"_s << u"2015-01-01T00:01:00Z"_s;
    QTest::newRow("5 1 * * * * after 2015-01-01T00:00:00Z")
        << u"5 1 * * * *"_s << u"2015-01-01T00:00:00Z"_s << u"2015-01-01T00:01:05Z"_s;
    QTest::newRow("0 0 2 * * * after 2015-01-01T00:00:00Z")
        << u"0 0 2 * * *"_s << u"2015-01-01T00:00:00Z"_s << u"2015-01-01T02:00:00Z"_s;
    QTest::newRow("* * * 3 * * after 2015-01-01T00:00:00Z")
        << u"* * * 3 * *"_s << u"2015-01-01T00:00:00Z"_s << u"2015-01-03T00:00:00Z"_s;
    QTest::newRow("* * * * 2 * after 2015-01-01T00:00:00Z")
        << u"* * * * 2 *"_s << u"2015-01-01T00:00:00Z"_s << u"2015-02-01T00:00:00Z"_s;
    QTest::newRow("0 */5 * * * * after 2015-01-01T23:00:00Z")
        << u"0 */5 * * * *"_s << u"2015-01-01T23:00:00Z"_s << u"2015-01-01T23:05:00Z"_s;
    QTest::newRow("0 */2 * * * * after 2015-01-01T23:57:00Z")
        << u"0 */2 * * * *"_s << u"2015-01-01T23:57:00Z"_s << u"2015-01-01T23:58:00Z"_s;
    QTest::newRow("* * * * * * after 2024-05-01T10:00:00Z")
        << u"* * * * * *"_s << u"2024-05-01T10:00:00Z"_s << u"2024-05-01T10:00:01Z"_s;
    QTest::newRow("0 0 10 * * * after 2024-05-01T10:00:00Z")
        << u"0 0 10 * * *"_s << u"2024-05-01T10:00:00Z"_s << u"2024-05-02T10:00:00Z"_s;
    QTest::newRow("0 0 0 1 1 * after 2024-01-01T00:00:00Z")
        << u"0 0 0 1 1 *"_s << u"2024-01-01T00:00:00Z"_s << u"2025-01-01T00:00:00Z"_s;
    QTest::newRow("0 0 0 * * * after 2024-12-31T23:59:59Z")
        << u"0 0 0 * * *"_s << u"2024-12-31T23:59:59Z"_s << u"2025-01-01T00:00:00Z"_s;
    QTest::newRow("59 59 23 31 12 * after 2024-12-31T23:59:59Z")
        << u"59 59 23 31 12 *"_s << u"2024-12-31T23:59:59Z"_s << u"2025-12-31T23:59:59Z"_s;
    QTest::newRow("59 59 23 31 12 * after 2024-12-31T23:59:58Z")
        << u"59 59 23 31 12 *"_s << u"2024-12-31T23:59:58Z"_s << u"2024-12-31T23:59:59Z"_s;
    QTest::newRow("0 0/20 * * * * after 2024-05-01T10:20:00Z")
        << u"0 0/20 * * * *"_s << u"2024-05-01T10:20:00Z"_s << u"2024-05-01T10:40:00Z"_s;
    QTest::newRow("0 0/20 * * * * after 2024-05-01T10:40:00Z")
        << u"0 0/20 * * * *"_s << u"2024-05-01T10:40:00Z"_s << u"2024-05-01T11:00:00Z"_s;
    QTest::newRow("0 */15 * * * * after 2024-05-01T10:07:33Z")
        << u"0 */15 * * * *"_s << u"2024-05-01T10:07:33Z"_s << u"2024-05-01T10:15:00Z"_s;
    QTest::newRow("*/7 * * * * * after 2024-05-01T10:00:56Z")
        << u"*/7 * * * * *"_s << u"2024-05-01T10:00:56Z"_s << u"2024-05-01T10:01:00Z"_s;
    QTest::newRow("0 0 14/1 * * * after 2024-05-01T09:00:00Z")
        << u"0 0 14/1 * * *"_s << u"2024-05-01T09:00:00Z"_s << u"2024-05-01T14:00:00Z"_s;
    QTest::newRow("0 0 14/1 * * * after 2024-05-01T23:00:00Z")
        << u"0 0 14/1 * * *"_s << u"2024-05-01T23:00:00Z"_s << u"2024-05-02T14:00:00Z"_s;
    QTest::newRow("0 10-40/10 * * * * after 2024-05-01T10:40:00Z")
        << u"0 10-40/10 * * * *"_s << u"2024-05-01T10:40:00Z"_s << u"2024-05-01T11:10:00Z"_s;
    QTest::newRow("0 40-10/10 * * * * after 2024-05-01T10:05:00Z")
        << u"0 40-10/10 * * * *"_s << u"2024-05-01T10:05:00Z"_s << u"2024-05-01T10:10:00Z"_s;
    QTest::newRow("0 0 0 13 * 5 after 2024-01-01T00:00:00Z")
        << u"0 0 0 13 * 5"_s << u"2024-01-01T00:00:00Z"_s << u"2024-09-13T00:00:00Z"_s;
    QTest::newRow("0 0 0 13 * Fri after 2024-09-13T00:00:00Z")
        << u"0 0 0 13 * Fri"_s << u"2024-09-13T00:00:00Z"_s << u"2024-12-13T00:00:00Z"_s;
    QTest::newRow("0 0 8 1-7 * MON after 2024-01-01T08:00:00Z")
        << u"0 0 8 1-7 * MON"_s << u"2024-01-01T08:00:00Z"_s << u"2024-02-05T08:00:00Z"_s;
    QTest::newRow("0 0 8 1-7 * MON after 2024-09-03T00:00:00Z")
        << u"0 0 8 1-7 * MON"_s << u"2024-09-03T00:00:00Z"_s << u"2024-10-07T08:00:00Z"_s;
    QTest::newRow("0 45 16 1 * Mon after 2003-01-01T00:00:00Z")
        << u"0 45 16 1 * Mon"_s << u"2003-01-01T00:00:00Z"_s << u"2003-09-01T16:45:00Z"_s;
    QTest::newRow("0 0 0 29 2 * after 2023-03-01T00:00:00Z")
        << u"0 0 0 29 2 *"_s << u"2023-03-01T00:00:00Z"_s << u"2024-02-29T00:00:00Z"_s;
    QTest::newRow("0 0 0 29 2 * after 2096-03-01T00:00:00Z")
        << u"0 0 0 29 2 *"_s << u"2096-03-01T00:00:00Z"_s << u"2104-02-29T00:00:00Z"_s;
    QTest::newRow("0 0 0 29 Feb Mon after 2024-03-01T00:00:00Z")
        << u"0 0 0 29 Feb Mon"_s << u"2024-03-01T00:00:00Z"_s << u"2044-02-29T00:00:00Z"_s;
    QTest::newRow("0 0 12 31 * * after 2024-04-01T00:00:00Z")
        << u"0 0 12 31 * *"_s << u"2024-04-01T00:00:00Z"_s << u"2024-05-31T12:00:00Z"_s;
    QTest::newRow("0 0 12 31 * * after 2024-02-01T00:00:00Z")
        << u"0 0 12 31 * *"_s << u"2024-02-01T00:00:00Z"_s << u"2024-03-31T12:00:00Z"_s;
    QTest::newRow("0 0 9 * * MON-FRI after 2024-05-03T09:00:00Z")
        << u"0 0 9 * * MON-FRI"_s << u"2024-05-03T09:00:00Z"_s << u"2024-05-06T09:00:00Z"_s;
    QTest::newRow("0 0 9 * * FRI-MON after 2024-05-03T09:00:00Z")
        << u"0 0 9 * * FRI-MON"_s << u"2024-05-03T09:00:00Z"_s << u"2024-05-06T09:00:00Z"_s;
    QTest::newRow("0 0 9 * * T after 2024-05-01T00:00:00Z")
        << u"0 0 9 * * T"_s << u"2024-05-01T00:00:00Z"_s << u"2024-05-07T09:00:00Z"_s;
    QTest::newRow("0 0 9 1 Ju * after 2024-01-01T00:00:00Z")
        << u"0 0 9 1 Ju *"_s << u"2024-01-01T00:00:00Z"_s << u"2024-06-01T09:00:00Z"_s;
    QTest::newRow("0 0 9 1 Ma * after 2024-01-01T00:00:00Z")
        << u"0 0 9 1 Ma *"_s << u"2024-01-01T00:00:00Z"_s << u"2024-03-01T09:00:00Z"_s;
    QTest::newRow("0 0 9 * * Sa after 2024-05-01T00:00:00Z")
        << u"0 0 9 * * Sa"_s << u"2024-05-01T00:00:00Z"_s << u"2024-05-04T09:00:00Z"_s;
    QTest::newRow("0 0 9 * * S after 2024-05-01T00:00:00Z")
        << u"0 0 9 * * S"_s << u"2024-05-01T00:00:00Z"_s << u"2024-05-05T09:00:00Z"_s;
    QTest::newRow("0 0 0 * * 0 after 2024-05-04T12:00:00Z")
        << u"0 0 0 * * 0"_s << u"2024-05-04T12:00:00Z"_s << u"2024-05-05T00:00:00Z"_s;
    QTest::newRow("0 0 0 * * 6 after 2024-05-04T12:00:00Z")
        << u"0 0 0 * * 6"_s << u"2024-05-04T12:00:00Z"_s << u"2024-05-11T00:00:00Z"_s;
    QTest::newRow("*/0 * * * * * after 2024-05-01T10:00:00Z")
        << u"*/0 * * * * *"_s << u"2024-05-01T10:00:00Z"_s << u"2024-05-01T10:00:01Z"_s;
    QTest::newRow("30/0 * * * * * after 2024-05-01T10:00:40Z")
        << u"30/0 * * * * *"_s << u"2024-05-01T10:00:40Z"_s << u"2024-05-01T10:00:41Z"_s;
    QTest::newRow("0 0 0 */2 * * after 2024-01-31T12:00:00Z")
        << u"0 0 0 */2 * *"_s << u"2024-01-31T12:00:00Z"_s << u"2024-02-01T00:00:00Z"_s;
    QTest::newRow("0 0 0 1 */3 * after 2024-02-01T00:00:00Z")
        << u"0 0 0 1 */3 *"_s << u"2024-02-01T00:00:00Z"_s << u"2024-04-01T00:00:00Z"_s;
    QTest::newRow("0 0 0 * * */2 after 2024-05-01T00:00:00Z")
        << u"0 0 0 * * */2"_s << u"2024-05-01T00:00:00Z"_s << u"2024-05-02T00:00:00Z"_s;
    QTest::newRow("*/100 * * * * * after 2024-05-01T10:00:00Z")
        << u"*/100 * * * * *"_s << u"2024-05-01T10:00:00Z"_s << u"2024-05-01T10:01:00Z"_s;
    QTest::newRow("0 0 0 1 1 * after 2024-06-15T00:00:00Z")
        << u"0 0 0 1 1 *"_s << u"2024-06-15T00:00:00Z"_s << u"2025-01-01T00:00:00Z"_s;
    QTest::newRow("0 0 12 * * * after 1999-12-31T12:00:00Z")
        << u"0 0 12 * * *"_s << u"1999-12-31T12:00:00Z"_s << u"2000-01-01T12:00:00Z"_s;
    QTest::newRow("0 0 0 28-31 2 * after 2100-02-27T00:00:00Z")
        << u"0 0 0 28-31 2 *"_s << u"2100-02-27T00:00:00Z"_s << u"2100-02-28T00:00:00Z"_s;
    QTest::newRow("0 0 0 28-31 2 * after 2100-02-28T00:00:00Z")
        << u"0 0 0 28-31 2 *"_s << u"2100-02-28T00:00:00Z"_s << u"2101-02-28T00:00:00Z"_s;
    QTest::newRow("0 0 0 28-31 2 * after 2000-02-28T00:00:00Z")
        << u"0 0 0 28-31 2 *"_s << u"2000-02-28T00:00:00Z"_s << u"2000-02-29T00:00:00Z"_s;
    QTest::newRow("1-3 * * * * * after 2024-05-01T10:00:03Z")
        << u"1-3 * * * * *"_s << u"2024-05-01T10:00:03Z"_s << u"2024-05-01T10:01:01Z"_s;
    QTest::newRow("0 59 23 * * * after 2024-02-28T23:59:00Z")
        << u"0 59 23 * * *"_s << u"2024-02-28T23:59:00Z"_s << u"2024-02-29T23:59:00Z"_s;
    QTest::newRow("0 0 0 31 * * after 2024-12-31T00:00:00Z")
        << u"0 0 0 31 * *"_s << u"2024-12-31T00:00:00Z"_s << u"2025-01-31T00:00:00Z"_s;
    QTest::newRow("0 0 0 * 12 * after 2024-12-31T23:59:59Z")
        << u"0 0 0 * 12 *"_s << u"2024-12-31T23:59:59Z"_s << u"2025-12-01T00:00:00Z"_s;
}

void TestCronExpression::next()
{
    QFETCH(QString, text);
    QFETCH(QString, after);
    QFETCH(QString, expected);

    QString error;
    const CronExpression expression = CronExpression::parse(text, &error);
    QVERIFY2(expression.isValid(), qPrintable(error));
    const QDateTime result = expression.next(instant(after));
    QCOMPARE(isoText(result), expected);
    QCOMPARE(result.timeSpec(), Qt::UTC);
    // Same answer with the zone spelled out.
    QCOMPARE(isoText(expression.next(instant(after), QTimeZone::utc())), expected);
}

// Kudu's ScheduleFacts table: the interval from "now" (2015-01-01 00:00) to the next run.
void TestCronExpression::kuduIntervals_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("seconds");

    QTest::newRow("10 * * * * *") << u"10 * * * * *"_s << qint64(10);
    QTest::newRow("0 1 * * * *") << u"0 1 * * * *"_s << qint64(60);
    QTest::newRow("5 1 * * * *") << u"5 1 * * * *"_s << qint64(65);
    QTest::newRow("0 0 2 * * *") << u"0 0 2 * * *"_s << qint64(2 * 3600);
    QTest::newRow("* * * 3 * *") << u"* * * 3 * *"_s << qint64(2 * 86400);
    QTest::newRow("* * * * 2 *") << u"* * * * 2 *"_s << qint64(31 * 86400);
}

void TestCronExpression::kuduIntervals()
{
    QFETCH(QString, text);
    QFETCH(qint64, seconds);

    const QDateTime now = instant(u"2015-01-01T00:00:00Z"_s);
    const QDateTime next = CronExpression::parse(text).next(now);
    QVERIFY(next.isValid());
    QCOMPARE(now.secsTo(next), seconds);
}

void TestCronExpression::strictlyAfterIgnoresFractionOfSecond()
{
    const CronExpression everySecond = CronExpression::parse(u"* * * * * *"_s);
    const QDateTime base = instant(u"2024-05-01T10:00:00Z"_s);
    QCOMPARE(isoText(everySecond.next(base.addMSecs(1))), u"2024-05-01T10:00:01Z"_s);
    QCOMPARE(isoText(everySecond.next(base.addMSecs(500))), u"2024-05-01T10:00:01Z"_s);
    QCOMPARE(isoText(everySecond.next(base.addMSecs(999))), u"2024-05-01T10:00:01Z"_s);
    QCOMPARE(isoText(everySecond.next(base.addMSecs(-1))), u"2024-05-01T10:00:00Z"_s);

    const CronExpression daily = CronExpression::parse(u"0 0 10 * * *"_s);
    QCOMPARE(isoText(daily.next(base.addMSecs(-1))), u"2024-05-01T10:00:00Z"_s);
    QCOMPARE(isoText(daily.next(base)), u"2024-05-02T10:00:00Z"_s);
    QCOMPARE(isoText(daily.next(base.addMSecs(1))), u"2024-05-02T10:00:00Z"_s);

    // Each occurrence is strictly after the previous one.
    const QList<QDateTime> runs = everySecond.occurrences(base, 120);
    QCOMPARE(runs.size(), 120);
    QCOMPARE(isoText(runs.front()), u"2024-05-01T10:00:01Z"_s);
    for (qsizetype i = 1; i < runs.size(); ++i)
        QCOMPARE(runs[i - 1].secsTo(runs[i]), qint64(1));
}

// The boundary the recurrences are checked at too: at an occurrence next() answers the one after
// it, a millisecond before an occurrence it answers that occurrence; every field granularity,
// days a month may lack, and both DST transitions.
void TestCronExpression::nextAtAnOccurrence_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("zone");
    QTest::addColumn<QString>("from");

    QTest::newRow("every 7 seconds") << u"*/7 * * * * *"_s << u"UTC"_s << u"2024-05-01T10:00:00Z"_s;
    QTest::newRow("every minute") << u"0 * * * * *"_s << u"UTC"_s << u"2024-05-01T10:00:00Z"_s;
    QTest::newRow("hourly at :15 and :45") << u"30 15,45 * * * *"_s << u"UTC"_s << u"2024-05-01T10:00:00Z"_s;
    QTest::newRow("daily") << u"0 30 9 * * *"_s << u"UTC"_s << u"2024-05-01T10:00:00Z"_s;
    QTest::newRow("weekdays") << u"0 0 9 * * MON-FRI"_s << u"UTC"_s << u"2024-05-01T10:00:00Z"_s;
    QTest::newRow("monthly on the 31st") << u"0 0 6 31 * *"_s << u"UTC"_s << u"2024-01-01T00:00:00Z"_s;
    QTest::newRow("monthly on the 1st and 15th") << u"0 0 0 1,15 * *"_s << u"UTC"_s << u"2024-01-01T00:00:00Z"_s;
    QTest::newRow("29 February") << u"0 0 12 29 2 *"_s << u"UTC"_s << u"2023-01-01T00:00:00Z"_s;
    QTest::newRow("Paris every 10 minutes at night")
        << u"0 */10 1-3 * * *"_s << u"Europe/Paris"_s << u"2024-03-30T00:00:00Z"_s;
    QTest::newRow("Paris 02:30 across both transitions")
        << u"0 30 2 * * *"_s << u"Europe/Paris"_s << u"2024-03-25T00:00:00Z"_s;
    QTest::newRow("New York last days of October")
        << u"0 30 1 * * *"_s << u"America/New_York"_s << u"2024-10-28T00:00:00Z"_s;
}

void TestCronExpression::nextAtAnOccurrence()
{
    QFETCH(QString, text);
    QFETCH(QString, zone);
    QFETCH(QString, from);

    const CronExpression expression = CronExpression::parse(text);
    QVERIFY(expression.isValid());
    const QTimeZone timeZone = zoneNamed(zone);
    const QList<QDateTime> runs = expression.occurrences(instant(from), 60, timeZone);
    QCOMPARE(runs.size(), 60);
    for (qsizetype i = 0; i < runs.size(); ++i) {
        const QString where = u"at %1"_s.arg(isoText(runs[i]));
        const QDateTime following = expression.next(runs[i], timeZone);
        QVERIFY2(following > runs[i], qPrintable(where + u": next answered "_s + isoText(following)));
        if (i + 1 < runs.size())
            QVERIFY2(following == runs[i + 1], qPrintable(where + u": next answered "_s + isoText(following)));
        const QDateTime justBefore = expression.next(runs[i].addMSecs(-1), timeZone);
        QVERIFY2(justBefore == runs[i],
            qPrintable(where + u": a millisecond before it, next answered "_s + isoText(justBefore)));
    }
}

void TestCronExpression::afterMayUseAnyTimeSpec()
{
    const CronExpression expression = CronExpression::parse(u"0 30 2 * * *"_s);
    const QTimeZone paris("Europe/Paris");
    QVERIFY(paris.isValid());
    // 2024-03-30 12:00 in Paris is 11:00 UTC; the same instant whatever its spec.
    const QDateTime inParis(QDate(2024, 3, 30), QTime(12, 0), paris);
    const QDateTime withOffset(QDate(2024, 3, 30), QTime(13, 0), Qt::OffsetFromUTC, 2 * 3600);
    QCOMPARE(isoText(expression.next(inParis, paris)), u"2024-03-31T01:30:00Z"_s);
    QCOMPARE(isoText(expression.next(withOffset, paris)), u"2024-03-31T01:30:00Z"_s);
    QCOMPARE(isoText(expression.next(inParis)), u"2024-03-31T02:30:00Z"_s);
    QCOMPARE(expression.next(inParis, paris).timeSpec(), Qt::UTC);
}

// Consecutive occurrences, in UTC and across daylight-saving transitions: a wall time that the
// clock skips runs shifted by the gap (02:30 -> 03:30), a repeated wall time runs once at its
// first instant, and no instant runs twice.
void TestCronExpression::sequence_data()
{
    QTest::addColumn<QString>("zone");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("after");
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("UTC 0 0 0 13 * 5 after 2024-01-01T00:00:00Z")
        << u"UTC"_s << u"0 0 0 13 * 5"_s << u"2024-01-01T00:00:00Z"_s
        << (QStringList() << u"2024-09-13T00:00:00Z"_s << u"2024-12-13T00:00:00Z"_s << u"2025-06-13T00:00:00Z"_s
                          << u"2026-02-13T00:00:00Z"_s << u"2026-03-13T00:00:00Z"_s << u"2026-11-13T00:00:00Z"_s
                          << u"2027-08-13T00:00:00Z"_s << u"2028-10-13T00:00:00Z"_s);
    QTest::newRow("UTC 0 0 8 1-7 * MON after 2024-01-01T00:00:00Z")
        << u"UTC"_s << u"0 0 8 1-7 * MON"_s << u"2024-01-01T00:00:00Z"_s
        << (QStringList() << u"2024-01-01T08:00:00Z"_s << u"2024-02-05T08:00:00Z"_s << u"2024-03-04T08:00:00Z"_s
                          << u"2024-04-01T08:00:00Z"_s << u"2024-05-06T08:00:00Z"_s << u"2024-06-03T08:00:00Z"_s
                          << u"2024-07-01T08:00:00Z"_s << u"2024-08-05T08:00:00Z"_s << u"2024-09-02T08:00:00Z"_s
                          << u"2024-10-07T08:00:00Z"_s << u"2024-11-04T08:00:00Z"_s << u"2024-12-02T08:00:00Z"_s);
    QTest::newRow("UTC 0 45 16 1 * Mon after 2003-01-01T00:00:00Z")
        << u"UTC"_s << u"0 45 16 1 * Mon"_s << u"2003-01-01T00:00:00Z"_s
        << (QStringList() << u"2003-09-01T16:45:00Z"_s << u"2003-12-01T16:45:00Z"_s << u"2004-03-01T16:45:00Z"_s
                          << u"2004-11-01T16:45:00Z"_s << u"2005-08-01T16:45:00Z"_s << u"2006-05-01T16:45:00Z"_s);
    QTest::newRow("UTC 0 0 0 29 2 * after 2023-01-01T00:00:00Z")
        << u"UTC"_s << u"0 0 0 29 2 *"_s << u"2023-01-01T00:00:00Z"_s
        << (QStringList() << u"2024-02-29T00:00:00Z"_s << u"2028-02-29T00:00:00Z"_s << u"2032-02-29T00:00:00Z"_s
                          << u"2036-02-29T00:00:00Z"_s << u"2040-02-29T00:00:00Z"_s);
    QTest::newRow("UTC 0 0 0 29 Feb Mon after 2000-01-01T00:00:00Z")
        << u"UTC"_s << u"0 0 0 29 Feb Mon"_s << u"2000-01-01T00:00:00Z"_s
        << (QStringList() << u"2016-02-29T00:00:00Z"_s << u"2044-02-29T00:00:00Z"_s << u"2072-02-29T00:00:00Z"_s
                          << u"2112-02-29T00:00:00Z"_s);
    QTest::newRow("UTC 0 0 12 31 * * after 2024-01-01T00:00:00Z")
        << u"UTC"_s << u"0 0 12 31 * *"_s << u"2024-01-01T00:00:00Z"_s
        << (QStringList() << u"2024-01-31T12:00:00Z"_s << u"2024-03-31T12:00:00Z"_s << u"2024-05-31T12:00:00Z"_s
                          << u"2024-07-31T12:00:00Z"_s << u"2024-08-31T12:00:00Z"_s << u"2024-10-31T12:00:00Z"_s
                          << u"2024-12-31T12:00:00Z"_s);
    QTest::newRow("UTC 0 0 0 15,30,31 * * after 2023-12-31T00:00:00Z")
        << u"UTC"_s << u"0 0 0 15,30,31 * *"_s << u"2023-12-31T00:00:00Z"_s
        << (QStringList() << u"2024-01-15T00:00:00Z"_s << u"2024-01-30T00:00:00Z"_s << u"2024-01-31T00:00:00Z"_s
                          << u"2024-02-15T00:00:00Z"_s << u"2024-03-15T00:00:00Z"_s << u"2024-03-30T00:00:00Z"_s
                          << u"2024-03-31T00:00:00Z"_s << u"2024-04-15T00:00:00Z"_s << u"2024-04-30T00:00:00Z"_s
                          << u"2024-05-15T00:00:00Z"_s);
    QTest::newRow("UTC 0 */15 * * * * after 2024-05-01T23:31:00Z")
        << u"UTC"_s << u"0 */15 * * * *"_s << u"2024-05-01T23:31:00Z"_s
        << (QStringList() << u"2024-05-01T23:45:00Z"_s << u"2024-05-02T00:00:00Z"_s << u"2024-05-02T00:15:00Z"_s
                          << u"2024-05-02T00:30:00Z"_s << u"2024-05-02T00:45:00Z"_s << u"2024-05-02T01:00:00Z"_s);
    QTest::newRow("UTC 0 0 9 * * MON-FRI after 2024-05-02T09:00:00Z")
        << u"UTC"_s << u"0 0 9 * * MON-FRI"_s << u"2024-05-02T09:00:00Z"_s
        << (QStringList() << u"2024-05-03T09:00:00Z"_s << u"2024-05-06T09:00:00Z"_s << u"2024-05-07T09:00:00Z"_s
                          << u"2024-05-08T09:00:00Z"_s << u"2024-05-09T09:00:00Z"_s << u"2024-05-10T09:00:00Z"_s);
    QTest::newRow("UTC 0 0 3,*/6 * * Fri after 2003-01-01T00:00:00Z")
        << u"UTC"_s << u"0 0 3,*/6 * * Fri"_s << u"2003-01-01T00:00:00Z"_s
        << (QStringList() << u"2003-01-03T00:00:00Z"_s << u"2003-01-03T03:00:00Z"_s << u"2003-01-03T06:00:00Z"_s
                          << u"2003-01-03T12:00:00Z"_s << u"2003-01-03T18:00:00Z"_s << u"2003-01-10T00:00:00Z"_s);
    QTest::newRow("UTC 45-47,48,49 * * * * * after 2003-01-01T00:00:00Z")
        << u"UTC"_s << u"45-47,48,49 * * * * *"_s << u"2003-01-01T00:00:00Z"_s
        << (QStringList() << u"2003-01-01T00:00:45Z"_s << u"2003-01-01T00:00:46Z"_s << u"2003-01-01T00:00:47Z"_s
                          << u"2003-01-01T00:00:48Z"_s << u"2003-01-01T00:00:49Z"_s << u"2003-01-01T00:01:45Z"_s
                          << u"2003-01-01T00:01:46Z"_s);
    QTest::newRow("UTC 0 0 0 1 Jan,Jul * after 2024-03-01T00:00:00Z")
        << u"UTC"_s << u"0 0 0 1 Jan,Jul *"_s << u"2024-03-01T00:00:00Z"_s
        << (QStringList() << u"2024-07-01T00:00:00Z"_s << u"2025-01-01T00:00:00Z"_s << u"2025-07-01T00:00:00Z"_s
                          << u"2026-01-01T00:00:00Z"_s);
    QTest::newRow("UTC 0 0 0 1-7 * SUN after 2024-01-01T00:00:00Z")
        << u"UTC"_s << u"0 0 0 1-7 * SUN"_s << u"2024-01-01T00:00:00Z"_s
        << (QStringList() << u"2024-01-07T00:00:00Z"_s << u"2024-02-04T00:00:00Z"_s << u"2024-03-03T00:00:00Z"_s
                          << u"2024-04-07T00:00:00Z"_s << u"2024-05-05T00:00:00Z"_s << u"2024-06-02T00:00:00Z"_s);
    QTest::newRow("UTC 0 0 12 * * Sun,Sat after 2024-05-01T00:00:00Z")
        << u"UTC"_s << u"0 0 12 * * Sun,Sat"_s << u"2024-05-01T00:00:00Z"_s
        << (QStringList() << u"2024-05-04T12:00:00Z"_s << u"2024-05-05T12:00:00Z"_s << u"2024-05-11T12:00:00Z"_s
                          << u"2024-05-12T12:00:00Z"_s << u"2024-05-18T12:00:00Z"_s << u"2024-05-19T12:00:00Z"_s);
    QTest::newRow("Europe/Paris 0 30 2 * * * after 2024-03-29T12:00:00Z")
        << u"Europe/Paris"_s << u"0 30 2 * * *"_s << u"2024-03-29T12:00:00Z"_s
        << (QStringList() << u"2024-03-30T01:30:00Z"_s << u"2024-03-31T01:30:00Z"_s << u"2024-04-01T00:30:00Z"_s
                          << u"2024-04-02T00:30:00Z"_s);
    QTest::newRow("Europe/Paris 0 30 2 * * * after 2024-10-25T12:00:00Z")
        << u"Europe/Paris"_s << u"0 30 2 * * *"_s << u"2024-10-25T12:00:00Z"_s
        << (QStringList() << u"2024-10-26T00:30:00Z"_s << u"2024-10-27T00:30:00Z"_s << u"2024-10-28T01:30:00Z"_s
                          << u"2024-10-29T01:30:00Z"_s);
    QTest::newRow("Europe/Paris 0 0 * * * * after 2024-03-30T22:30:00Z")
        << u"Europe/Paris"_s << u"0 0 * * * *"_s << u"2024-03-30T22:30:00Z"_s
        << (QStringList() << u"2024-03-30T23:00:00Z"_s << u"2024-03-31T00:00:00Z"_s << u"2024-03-31T01:00:00Z"_s
                          << u"2024-03-31T02:00:00Z"_s << u"2024-03-31T03:00:00Z"_s << u"2024-03-31T04:00:00Z"_s);
    QTest::newRow("Europe/Paris 0 0 * * * * after 2024-10-26T22:30:00Z")
        << u"Europe/Paris"_s << u"0 0 * * * *"_s << u"2024-10-26T22:30:00Z"_s
        << (QStringList() << u"2024-10-26T23:00:00Z"_s << u"2024-10-27T00:00:00Z"_s << u"2024-10-27T02:00:00Z"_s
                          << u"2024-10-27T03:00:00Z"_s << u"2024-10-27T04:00:00Z"_s << u"2024-10-27T05:00:00Z"_s);
    QTest::newRow("Europe/Paris 0 * * * * * after 2024-03-31T00:57:00Z")
        << u"Europe/Paris"_s << u"0 * * * * *"_s << u"2024-03-31T00:57:00Z"_s
        << (QStringList() << u"2024-03-31T00:58:00Z"_s << u"2024-03-31T00:59:00Z"_s << u"2024-03-31T01:00:00Z"_s
                          << u"2024-03-31T01:01:00Z"_s << u"2024-03-31T01:02:00Z"_s);
    QTest::newRow("Europe/Paris 0 * * * * * after 2024-03-31T01:57:00Z")
        << u"Europe/Paris"_s << u"0 * * * * *"_s << u"2024-03-31T01:57:00Z"_s
        << (QStringList() << u"2024-03-31T01:58:00Z"_s << u"2024-03-31T01:59:00Z"_s << u"2024-03-31T02:00:00Z"_s
                          << u"2024-03-31T02:01:00Z"_s << u"2024-03-31T02:02:00Z"_s);
    QTest::newRow("Europe/Paris 0 * * * * * after 2024-10-27T00:57:00Z")
        << u"Europe/Paris"_s << u"0 * * * * *"_s << u"2024-10-27T00:57:00Z"_s
        << (QStringList() << u"2024-10-27T00:58:00Z"_s << u"2024-10-27T00:59:00Z"_s << u"2024-10-27T02:00:00Z"_s
                          << u"2024-10-27T02:01:00Z"_s << u"2024-10-27T02:02:00Z"_s);
    QTest::newRow("Europe/Paris 0 * * * * * after 2024-10-27T01:30:00Z")
        << u"Europe/Paris"_s << u"0 * * * * *"_s << u"2024-10-27T01:30:00Z"_s
        << (QStringList() << u"2024-10-27T02:00:00Z"_s << u"2024-10-27T02:01:00Z"_s << u"2024-10-27T02:02:00Z"_s);
    QTest::newRow("Europe/Paris 0 0,30 * * * * after 2024-03-31T00:15:00Z")
        << u"Europe/Paris"_s << u"0 0,30 * * * *"_s << u"2024-03-31T00:15:00Z"_s
        << (QStringList() << u"2024-03-31T00:30:00Z"_s << u"2024-03-31T01:00:00Z"_s << u"2024-03-31T01:30:00Z"_s
                          << u"2024-03-31T02:00:00Z"_s << u"2024-03-31T02:30:00Z"_s << u"2024-03-31T03:00:00Z"_s);
    QTest::newRow("Europe/Paris 0 0,30 * * * * after 2024-10-26T23:15:00Z")
        << u"Europe/Paris"_s << u"0 0,30 * * * *"_s << u"2024-10-26T23:15:00Z"_s
        << (QStringList() << u"2024-10-26T23:30:00Z"_s << u"2024-10-27T00:00:00Z"_s << u"2024-10-27T00:30:00Z"_s
                          << u"2024-10-27T02:00:00Z"_s << u"2024-10-27T02:30:00Z"_s << u"2024-10-27T03:00:00Z"_s);
    QTest::newRow("Europe/Paris 0 0 2 * * * after 2024-03-30T00:00:00Z")
        << u"Europe/Paris"_s << u"0 0 2 * * *"_s << u"2024-03-30T00:00:00Z"_s
        << (QStringList() << u"2024-03-30T01:00:00Z"_s << u"2024-03-31T01:00:00Z"_s << u"2024-04-01T00:00:00Z"_s);
    QTest::newRow("Europe/Paris 0 0 3 * * * after 2024-10-26T00:00:00Z")
        << u"Europe/Paris"_s << u"0 0 3 * * *"_s << u"2024-10-26T00:00:00Z"_s
        << (QStringList() << u"2024-10-26T01:00:00Z"_s << u"2024-10-27T02:00:00Z"_s << u"2024-10-28T02:00:00Z"_s);
    QTest::newRow("Europe/Paris 0 0 9 * * MON-FRI after 2024-03-28T00:00:00Z")
        << u"Europe/Paris"_s << u"0 0 9 * * MON-FRI"_s << u"2024-03-28T00:00:00Z"_s
        << (QStringList() << u"2024-03-28T08:00:00Z"_s << u"2024-03-29T08:00:00Z"_s << u"2024-04-01T07:00:00Z"_s
                          << u"2024-04-02T07:00:00Z"_s << u"2024-04-03T07:00:00Z"_s);
    QTest::newRow("Europe/Paris 0 */20 2 * * * after 2024-03-30T12:00:00Z")
        << u"Europe/Paris"_s << u"0 */20 2 * * *"_s << u"2024-03-30T12:00:00Z"_s
        << (QStringList() << u"2024-03-31T01:00:00Z"_s << u"2024-03-31T01:20:00Z"_s << u"2024-03-31T01:40:00Z"_s
                          << u"2024-04-01T00:00:00Z"_s << u"2024-04-01T00:20:00Z"_s << u"2024-04-01T00:40:00Z"_s);
    QTest::newRow("America/New_York 0 30 2 * * * after 2024-03-09T12:00:00Z")
        << u"America/New_York"_s << u"0 30 2 * * *"_s << u"2024-03-09T12:00:00Z"_s
        << (QStringList() << u"2024-03-10T07:30:00Z"_s << u"2024-03-11T06:30:00Z"_s << u"2024-03-12T06:30:00Z"_s);
    QTest::newRow("America/New_York 0 30 1 * * * after 2024-11-02T12:00:00Z")
        << u"America/New_York"_s << u"0 30 1 * * *"_s << u"2024-11-02T12:00:00Z"_s
        << (QStringList() << u"2024-11-03T05:30:00Z"_s << u"2024-11-04T06:30:00Z"_s << u"2024-11-05T06:30:00Z"_s);
    QTest::newRow("America/New_York 0 0 * * * * after 2024-03-10T05:30:00Z")
        << u"America/New_York"_s << u"0 0 * * * *"_s << u"2024-03-10T05:30:00Z"_s
        << (QStringList() << u"2024-03-10T06:00:00Z"_s << u"2024-03-10T07:00:00Z"_s << u"2024-03-10T08:00:00Z"_s
                          << u"2024-03-10T09:00:00Z"_s << u"2024-03-10T10:00:00Z"_s);
    QTest::newRow("America/New_York 0 0 * * * * after 2024-11-03T03:30:00Z")
        << u"America/New_York"_s << u"0 0 * * * *"_s << u"2024-11-03T03:30:00Z"_s
        << (QStringList() << u"2024-11-03T04:00:00Z"_s << u"2024-11-03T05:00:00Z"_s << u"2024-11-03T07:00:00Z"_s
                          << u"2024-11-03T08:00:00Z"_s << u"2024-11-03T09:00:00Z"_s);
    QTest::newRow("America/New_York 0 * * * * * after 2024-03-10T06:58:00Z")
        << u"America/New_York"_s << u"0 * * * * *"_s << u"2024-03-10T06:58:00Z"_s
        << (QStringList() << u"2024-03-10T06:59:00Z"_s << u"2024-03-10T07:00:00Z"_s << u"2024-03-10T07:01:00Z"_s
                          << u"2024-03-10T07:02:00Z"_s);
    QTest::newRow("America/New_York 0 * * * * * after 2024-11-03T05:58:00Z")
        << u"America/New_York"_s << u"0 * * * * *"_s << u"2024-11-03T05:58:00Z"_s
        << (QStringList() << u"2024-11-03T05:59:00Z"_s << u"2024-11-03T07:00:00Z"_s << u"2024-11-03T07:01:00Z"_s
                          << u"2024-11-03T07:02:00Z"_s);
    QTest::newRow("America/New_York 0 0,30 * * * * after 2024-03-10T06:15:00Z")
        << u"America/New_York"_s << u"0 0,30 * * * *"_s << u"2024-03-10T06:15:00Z"_s
        << (QStringList() << u"2024-03-10T06:30:00Z"_s << u"2024-03-10T07:00:00Z"_s << u"2024-03-10T07:30:00Z"_s
                          << u"2024-03-10T08:00:00Z"_s << u"2024-03-10T08:30:00Z"_s);
    QTest::newRow("America/New_York 0 0 2 * * * after 2024-03-09T00:00:00Z")
        << u"America/New_York"_s << u"0 0 2 * * *"_s << u"2024-03-09T00:00:00Z"_s
        << (QStringList() << u"2024-03-09T07:00:00Z"_s << u"2024-03-10T07:00:00Z"_s << u"2024-03-11T06:00:00Z"_s);
    QTest::newRow("America/New_York 0 0 0 * * * after 2024-03-09T00:00:00Z")
        << u"America/New_York"_s << u"0 0 0 * * *"_s << u"2024-03-09T00:00:00Z"_s
        << (QStringList() << u"2024-03-09T05:00:00Z"_s << u"2024-03-10T05:00:00Z"_s << u"2024-03-11T04:00:00Z"_s);
    QTest::newRow("America/New_York 0 15 1 * * * after 2024-11-02T00:00:00Z")
        << u"America/New_York"_s << u"0 15 1 * * *"_s << u"2024-11-02T00:00:00Z"_s
        << (QStringList() << u"2024-11-02T05:15:00Z"_s << u"2024-11-03T05:15:00Z"_s << u"2024-11-04T06:15:00Z"_s);
    QTest::newRow("Asia/Tokyo 0 0 9 * * * after 2024-05-01T00:00:00Z")
        << u"Asia/Tokyo"_s << u"0 0 9 * * *"_s << u"2024-05-01T00:00:00Z"_s
        << (QStringList() << u"2024-05-02T00:00:00Z"_s << u"2024-05-03T00:00:00Z"_s);
    QTest::newRow("Australia/Sydney 0 30 2 * * * after 2024-10-05T00:00:00Z")
        << u"Australia/Sydney"_s << u"0 30 2 * * *"_s << u"2024-10-05T00:00:00Z"_s
        << (QStringList() << u"2024-10-05T16:30:00Z"_s << u"2024-10-06T15:30:00Z"_s << u"2024-10-07T15:30:00Z"_s);
    QTest::newRow("Australia/Sydney 0 30 2 * * * after 2024-04-05T00:00:00Z")
        << u"Australia/Sydney"_s << u"0 30 2 * * *"_s << u"2024-04-05T00:00:00Z"_s
        << (QStringList() << u"2024-04-05T15:30:00Z"_s << u"2024-04-06T15:30:00Z"_s << u"2024-04-07T16:30:00Z"_s);
    QTest::newRow("Europe/Paris 0 30 2 * * * after 2024-03-31T01:00:00Z")
        << u"Europe/Paris"_s << u"0 30 2 * * *"_s << u"2024-03-31T01:00:00Z"_s
        << (QStringList() << u"2024-03-31T01:30:00Z"_s << u"2024-04-01T00:30:00Z"_s);
    QTest::newRow("Europe/Paris 0 30 2 * * * after 2024-03-31T01:29:59Z")
        << u"Europe/Paris"_s << u"0 30 2 * * *"_s << u"2024-03-31T01:29:59Z"_s
        << (QStringList() << u"2024-03-31T01:30:00Z"_s << u"2024-04-01T00:30:00Z"_s);
    QTest::newRow("Europe/Paris 0 15,45 2 * * * after 2024-03-31T01:20:00Z")
        << u"Europe/Paris"_s << u"0 15,45 2 * * *"_s << u"2024-03-31T01:20:00Z"_s
        << (QStringList() << u"2024-03-31T01:45:00Z"_s << u"2024-04-01T00:15:00Z"_s << u"2024-04-01T00:45:00Z"_s);
    QTest::newRow("America/New_York 0 30 2 * * * after 2024-03-10T07:00:00Z")
        << u"America/New_York"_s << u"0 30 2 * * *"_s << u"2024-03-10T07:00:00Z"_s
        << (QStringList() << u"2024-03-10T07:30:00Z"_s << u"2024-03-11T06:30:00Z"_s);
    QTest::newRow("America/New_York 0 0 2 * * * after 2024-03-10T06:59:59Z")
        << u"America/New_York"_s << u"0 0 2 * * *"_s << u"2024-03-10T06:59:59Z"_s
        << (QStringList() << u"2024-03-10T07:00:00Z"_s << u"2024-03-11T06:00:00Z"_s);
    QTest::newRow("Europe/Paris * * * * * * after 2024-10-27T01:00:00Z")
        << u"Europe/Paris"_s << u"* * * * * *"_s << u"2024-10-27T01:00:00Z"_s
        << (QStringList() << u"2024-10-27T02:00:00Z"_s << u"2024-10-27T02:00:01Z"_s);
    QTest::newRow("Europe/Paris */10 * * * * * after 2024-10-27T00:59:50Z")
        << u"Europe/Paris"_s << u"*/10 * * * * *"_s << u"2024-10-27T00:59:50Z"_s
        << (QStringList() << u"2024-10-27T02:00:00Z"_s << u"2024-10-27T02:00:10Z"_s << u"2024-10-27T02:00:20Z"_s);
    QTest::newRow("Europe/Paris * * * * * * after 2024-03-31T00:59:58Z")
        << u"Europe/Paris"_s << u"* * * * * *"_s << u"2024-03-31T00:59:58Z"_s
        << (QStringList() << u"2024-03-31T00:59:59Z"_s << u"2024-03-31T01:00:00Z"_s << u"2024-03-31T01:00:01Z"_s
                          << u"2024-03-31T01:00:02Z"_s);
    QTest::newRow("America/New_York 0 0 1 * * * after 2024-11-02T12:00:00Z")
        << u"America/New_York"_s << u"0 0 1 * * *"_s << u"2024-11-02T12:00:00Z"_s
        << (QStringList() << u"2024-11-03T05:00:00Z"_s << u"2024-11-04T06:00:00Z"_s << u"2024-11-05T06:00:00Z"_s);
    QTest::newRow("America/New_York 0 59 1 * * * after 2024-11-03T05:59:00Z")
        << u"America/New_York"_s << u"0 59 1 * * *"_s << u"2024-11-03T05:59:00Z"_s
        << (QStringList() << u"2024-11-04T06:59:00Z"_s << u"2024-11-05T06:59:00Z"_s);
}

void TestCronExpression::sequence()
{
    QFETCH(QString, zone);
    QFETCH(QString, text);
    QFETCH(QString, after);
    QFETCH(QStringList, expected);

    const QTimeZone timeZone = zoneNamed(zone);
    QVERIFY(timeZone.isValid());
    const CronExpression expression = CronExpression::parse(text);
    QVERIFY(expression.isValid());

    QStringList actual;
    for (const QDateTime& time : expression.occurrences(instant(after), int(expected.size()), timeZone))
        actual.append(isoText(time));
    QCOMPARE(actual, expected);

    // next() chained by hand gives the same runs.
    QDateTime cursor = instant(after);
    for (const QString& run : expected) {
        cursor = expression.next(cursor, timeZone);
        QCOMPARE(isoText(cursor), run);
    }
}

// Dates that never exist: NCrontab gives up at the end of its calendar; we give up after one
// full 400-year Gregorian cycle and answer a null time, quickly.
void TestCronExpression::neverOccurs_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("zone");

    QTest::newRow("30 February") << u"0 0 0 30 2 *"_s << u"UTC"_s;
    QTest::newRow("31 February") << u"0 0 0 31 Feb *"_s << u"UTC"_s;
    QTest::newRow("30-31 February") << u"0 0 0 30-31 February *"_s << u"UTC"_s;
    QTest::newRow("31 of 30-day months") << u"0 0 0 31 4,6,9,11 *"_s << u"UTC"_s;
    QTest::newRow("31 of short months by name") << u"0 0 0 31 Apr,Jun,Sep,Nov,Feb *"_s << u"UTC"_s;
    QTest::newRow("ncrontab DontLoopIndefinitely") << u"* * * 31 Feb *"_s << u"UTC"_s;
    QTest::newRow("30 February in Paris") << u"0 0 0 30 2 *"_s << u"Europe/Paris"_s;
    QTest::newRow("31 November in New York") << u"0 30 2 31 11 *"_s << u"America/New_York"_s;
}

void TestCronExpression::neverOccurs()
{
    QFETCH(QString, text);
    QFETCH(QString, zone);

    const CronExpression expression = CronExpression::parse(text);
    QVERIFY(expression.isValid());
    const QTimeZone timeZone = zoneNamed(zone);
    QVERIFY(!expression.next(instant(u"2001-01-01T00:00:00Z"_s), timeZone).isValid());
    QVERIFY(!expression.next(instant(u"2024-02-28T23:59:59Z"_s), timeZone).isValid());
    QVERIFY(expression.occurrences(instant(u"2024-01-01T00:00:00Z"_s), 5, timeZone).isEmpty());
}

// Every minute over a whole local day that contains a transition: runs are strictly increasing,
// no instant twice; at spring-forward the skipped hour's runs land in the hour after the gap
// (every UTC minute runs once), at fall-back the repeated hour runs once.
void TestCronExpression::everyMinuteAcrossDstHasNoDuplicates_data()
{
    QTest::addColumn<QString>("zone");
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("until");
    QTest::addColumn<int>("runs");

    QTest::newRow("Paris spring") << u"Europe/Paris"_s << u"2024-03-30T23:00:00Z"_s << u"2024-03-31T22:00:00Z"_s
                                  << 23 * 60;
    QTest::newRow("Paris fall") << u"Europe/Paris"_s << u"2024-10-26T22:00:00Z"_s << u"2024-10-27T23:00:00Z"_s
                                << 24 * 60;
    QTest::newRow("New York spring") << u"America/New_York"_s << u"2024-03-10T05:00:00Z"_s << u"2024-03-11T04:00:00Z"_s
                                     << 23 * 60;
    QTest::newRow("New York fall") << u"America/New_York"_s << u"2024-11-03T04:00:00Z"_s << u"2024-11-04T05:00:00Z"_s
                                   << 24 * 60;
}

void TestCronExpression::everyMinuteAcrossDstHasNoDuplicates()
{
    QFETCH(QString, zone);
    QFETCH(QString, from);
    QFETCH(QString, until);
    QFETCH(int, runs);

    const QTimeZone timeZone = zoneNamed(zone);
    const CronExpression everyMinute = CronExpression::parse(u"0 * * * * *"_s);
    // Start one second early so that the first minute of the local day is included.
    QDateTime cursor = instant(from).addSecs(-1);
    const QDateTime end = instant(until);
    int count = 0;
    while (true) {
        const QDateTime next = everyMinute.next(cursor, timeZone);
        QVERIFY(next.isValid());
        QVERIFY(next > cursor);
        if (next >= end)
            break;
        QCOMPARE(next.time().second(), 0);
        cursor = next;
        ++count;
    }
    QCOMPARE(count, runs);
}

// The scheduler asks for the next run of thousands of jobs: evaluation jumps field by field
// instead of scanning seconds. The bound is loose (a debug build on a busy machine).
void TestCronExpression::manyEvaluationsAreFast()
{
    const QList<CronExpression> expressions {
        CronExpression::parse(u"0 0 0 13 * 5"_s),
        CronExpression::parse(u"0 0 0 29 Feb Mon"_s),
        CronExpression::parse(u"0 0 0 30 2 *"_s),
        CronExpression::parse(u"59 59 23 31 12 *"_s),
        CronExpression::parse(u"0 */15 * * * *"_s),
        CronExpression::parse(u"* * * * * *"_s),
    };
    const QTimeZone paris("Europe/Paris");
    QDateTime after = instant(u"2024-03-31T00:30:00Z"_s);
    QElapsedTimer timer;
    timer.start();
    int found = 0;
    for (int i = 0; i < 2000; ++i) {
        for (const CronExpression& expression : expressions)
            found += expression.next(after, paris).isValid() ? 1 : 0;
        after = after.addSecs(97);
    }
    QCOMPARE(found, 2000 * 5);
    QVERIFY2(timer.elapsed() < 5000, qPrintable(QString::number(timer.elapsed())));
}

QTEST_GUILESS_MAIN(TestCronExpression)
#include "TestCronExpression.moc"
