// The job name rule (kudu-webjobs-api.md §6.8): letter or digit first, then ASCII letters,
// digits, '-' and '_', at most 64 characters.

#include "core/package/JobName.h"

#include <QTest>

using namespace Qt::StringLiterals;
using WebJobs::JobName;

class TestJobName : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void validate_data();
    void validate();
};

void TestJobName::validate_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("valid");
    // A word the message must contain, when invalid.
    QTest::addColumn<QString>("messagePart");

    QTest::newRow("one letter") << u"a"_s << true << QString();
    QTest::newRow("one digit") << u"7"_s << true << QString();
    QTest::newRow("word") << u"nightly"_s << true << QString();
    QTest::newRow("dash and underscore") << u"my-job_2"_s << true << QString();
    QTest::newRow("upper case") << u"ImportOrders"_s << true << QString();
    QTest::newRow("digit first") << u"2fa-cleanup"_s << true << QString();
    QTest::newRow("64 characters") << QString(64, u'x') << true << QString();

    QTest::newRow("empty") << QString() << false << u"letter or a digit"_s;
    QTest::newRow("dash first") << u"-job"_s << false << u"starts with a letter or a digit"_s;
    QTest::newRow("underscore first") << u"_job"_s << false << u"starts with a letter or a digit"_s;
    QTest::newRow("space") << u"my job"_s << false << u"'-' and '_'"_s;
    QTest::newRow("dot") << u"job.v2"_s << false << u"'-' and '_'"_s;
    QTest::newRow("dot first") << u".hidden"_s << false << u"starts with a letter or a digit"_s;
    QTest::newRow("dot dot") << u".."_s << false << u"starts with a letter or a digit"_s;
    QTest::newRow("slash") << u"a/b"_s << false << u"'-' and '_'"_s;
    QTest::newRow("backslash") << u"a\\b"_s << false << u"'-' and '_'"_s;
    QTest::newRow("accented letter") << u"t\u00e2che"_s << false << u"without accents"_s;
    QTest::newRow("non-Latin letter") << u"\u0437\u0430\u0434\u0430\u0447\u0430"_s << false
                                      << u"starts with a letter or a digit"_s;
    QTest::newRow("fullwidth digit") << u"\uff11job"_s << false << u"starts with a letter or a digit"_s;
    QTest::newRow("parentheses (site extension form)") << u"ext(job)"_s << false << u"'-' and '_'"_s;
    QTest::newRow("65 characters") << QString(65, u'x') << false << u"at most 64 characters"_s;
}

void TestJobName::validate()
{
    QFETCH(QString, name);
    QFETCH(bool, valid);
    QFETCH(QString, messagePart);

    const QString message = JobName::validate(name);
    QCOMPARE(message.isEmpty(), valid);
    QCOMPARE(JobName::isValid(name), valid);
    if (!valid)
        QVERIFY2(message.contains(messagePart), qPrintable(message));
}

QTEST_GUILESS_MAIN(TestJobName)
#include "TestJobName.moc"
