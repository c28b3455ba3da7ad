#include "GuiFixture.h"

#include "ui/CheckedWizardPage.h"
#include "ui/ScheduleWizard.h"

#include <QAbstractButton>
#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QRadioButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace WebJobs;

// The schedule wizard as a person fills it in: widgets by objectName, Next clicked, the pages'
// checks refusing what the engine refuses, and the last page previewing the engine's dates.
class TestScheduleWizard : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void weeklyOnMondayAndWednesday();
    void monthlyOnFirstAndLastDayInParis();
    void monthlyOnLastFriday();
    void oneTimeAtASpecificTime();
    void weekPageRefusesNoDay();
    void recurrencePageShowsEngineSentence();
    void advancedCronPreviewsAndRefusesBadText();
    void reopensWithExistingSchedule();
    void reopensWeeklyWithItsEndInTheZone();
    void startPageRefusesUnknownZone();
    void changingFrequencyDropsTheOtherDays();
    void pageClearsItsSentenceWhenEnteredAgain();

private:
    template <typename T>
    T* widget(const QString& name) const
    {
        T* found = m_wizard->findChild<T*>(name);
        if (!found)
            qWarning("no widget %s", qPrintable(name));
        return found;
    }
    void next();
    void startAt(const QDateTime& wallClock, const QString& zone);
    void recurEvery(int interval, const QString& unit);
    QList<QDateTime> finishAndPreview();
    QJsonObject recurrenceJson() const;

    std::unique_ptr<ScheduleWizard> m_wizard;
};

// Monday 5 January 2026, 08:00 UTC: the "now" of every check and preview.
const QDateTime Reference(QDate(2026, 1, 5), QTime(8, 0), Qt::UTC);

void TestScheduleWizard::init()
{
    m_wizard = std::make_unique<ScheduleWizard>();
    m_wizard->setReferenceTime(Reference);
    m_wizard->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_wizard.get()));
    QCOMPARE(m_wizard->currentId(), int(ScheduleWizard::TypePage));
}

void TestScheduleWizard::cleanup()
{
    m_wizard.reset();
    QTRY_VERIFY2(Test::GuiFixture::visibleWindows(nullptr).isEmpty(),
        qPrintable(Test::GuiFixture::visibleWindows(nullptr).join(u", "_s)));
}

void TestScheduleWizard::next()
{
    QTest::mouseClick(m_wizard->button(QWizard::NextButton), Qt::LeftButton);
}

void TestScheduleWizard::startAt(const QDateTime& wallClock, const QString& zone)
{
    QCOMPARE(m_wizard->currentId(), int(ScheduleWizard::StartPage));
    widget<QRadioButton>(u"startAtRadio"_s)->click();
    widget<QDateTimeEdit>(u"startDateTimeEdit"_s)->setDateTime(wallClock);
    widget<QComboBox>(u"timeZoneCombo"_s)->setCurrentText(zone);
    next();
}

void TestScheduleWizard::recurEvery(int interval, const QString& unit)
{
    QCOMPARE(m_wizard->currentId(), int(ScheduleWizard::RecurrencePage));
    widget<QSpinBox>(u"intervalSpin"_s)->setValue(interval);
    auto* frequency = widget<QComboBox>(u"frequencyCombo"_s);
    frequency->setCurrentIndex(frequency->findText(unit));
    QVERIFY(frequency->currentIndex() >= 0);
    next();
}

QList<QDateTime> TestScheduleWizard::finishAndPreview()
{
    QSignalSpy ready(m_wizard.get(), &ScheduleWizard::previewReady);
    if (m_wizard->currentId() != ScheduleWizard::PreviewPage)
        next();
    if (m_wizard->currentId() != ScheduleWizard::PreviewPage) {
        qWarning("still on page %d", m_wizard->currentId());
        return {};
    }
    if (ready.isEmpty() && !ready.wait(10000))
        return {};
    const QList<QDateTime> times = m_wizard->previewTimes();
    if (widget<QListWidget>(u"previewList"_s)->count() != times.size())
        qWarning("the list does not show every occurrence");
    return times;
}

QJsonObject TestScheduleWizard::recurrenceJson() const
{
    return m_wizard->settings().recurrence().value_or(QJsonObject());
}

static QDateTime utc(int y, int m, int d, int h, int min)
{
    return QDateTime(QDate(y, m, d), QTime(h, min), Qt::UTC);
}

void TestScheduleWizard::weeklyOnMondayAndWednesday()
{
    widget<QRadioButton>(u"recurringRadio"_s)->click();
    next();
    startAt(utc(2026, 1, 5, 9, 30), u"UTC"_s);
    recurEvery(2, u"Weeks"_s);
    QCOMPARE(m_wizard->currentId(), int(ScheduleWizard::WeekDaysPage));
    widget<QCheckBox>(u"weekScheduleCheck"_s)->click();
    widget<QCheckBox>(u"weekDayCheck1"_s)->click();
    widget<QCheckBox>(u"weekDayCheck3"_s)->click();
    const QList<QDateTime> times = finishAndPreview();

    const QJsonObject expected = QJsonDocument::fromJson(R"({"startTime": "2026-01-05T09:30:00",
        "recurrence": {"frequency": "week", "interval": 2, "schedule": {"weekDays": ["monday", "wednesday"]}}})")
                                     .object();
    QCOMPARE(recurrenceJson(), expected);
    QVERIFY(!m_wizard->settings().contains(u"time_zone"_s));
    QVERIFY(!m_wizard->settings().contains(u"schedule"_s));
    const QList<QDateTime> expectedTimes {utc(2026, 1, 5, 9, 30), utc(2026, 1, 7, 9, 30), utc(2026, 1, 19, 9, 30),
        utc(2026, 1, 21, 9, 30), utc(2026, 2, 2, 9, 30), utc(2026, 2, 4, 9, 30), utc(2026, 2, 16, 9, 30),
        utc(2026, 2, 18, 9, 30), utc(2026, 3, 2, 9, 30), utc(2026, 3, 4, 9, 30)};
    QCOMPARE(times, expectedTimes);
    QVERIFY2(widget<QLabel>(u"summaryLabel"_s)->text().contains(u"Monday"_s),
        qPrintable(widget<QLabel>(u"summaryLabel"_s)->text()));
}

void TestScheduleWizard::monthlyOnFirstAndLastDayInParis()
{
    widget<QRadioButton>(u"recurringRadio"_s)->click();
    next();
    startAt(utc(2026, 1, 10, 6, 0), u"Europe/Paris"_s);
    recurEvery(1, u"Months"_s);
    QCOMPARE(m_wizard->currentId(), int(ScheduleWizard::MonthPage));
    widget<QCheckBox>(u"monthScheduleCheck"_s)->click();
    widget<QRadioButton>(u"monthDaysRadio"_s)->click();
    widget<QCheckBox>(u"monthDayCheck1"_s)->click();
    widget<QCheckBox>(u"lastDayCheck"_s)->click();
    const QList<QDateTime> times = finishAndPreview();

    const QJsonObject expected = QJsonDocument::fromJson(R"({"startTime": "2026-01-10T06:00:00",
        "recurrence": {"frequency": "month", "schedule": {"monthDays": [-1, 1]}}})")
                                     .object();
    QCOMPARE(recurrenceJson(), expected);
    QCOMPARE(m_wizard->settings().timeZone(), u"Europe/Paris"_s);
    // 06:00 in Paris: 05:00 UTC in winter, 04:00 UTC in summer (from 29 March 2026).
    const QTimeZone paris("Europe/Paris");
    QList<QDateTime> expectedTimes;
    for (const QDate date :
        {QDate(2026, 1, 31), QDate(2026, 2, 1), QDate(2026, 2, 28), QDate(2026, 3, 1), QDate(2026, 3, 31),
            QDate(2026, 4, 1), QDate(2026, 4, 30), QDate(2026, 5, 1), QDate(2026, 5, 31), QDate(2026, 6, 1)})
        expectedTimes.append(QDateTime(date, QTime(6, 0), paris));
    QCOMPARE(times.size(), expectedTimes.size());
    for (int i = 0; i < times.size(); ++i)
        QCOMPARE(times.at(i).toMSecsSinceEpoch(), expectedTimes.at(i).toMSecsSinceEpoch());
}

void TestScheduleWizard::monthlyOnLastFriday()
{
    widget<QRadioButton>(u"recurringRadio"_s)->click();
    next();
    startAt(utc(2026, 1, 1, 5, 15), u"UTC"_s);
    recurEvery(1, u"Months"_s);
    widget<QCheckBox>(u"monthScheduleCheck"_s)->click();
    widget<QRadioButton>(u"monthWeekDaysRadio"_s)->click();
    widget<QCheckBox>(u"occurrenceCheckLast"_s)->click();
    widget<QCheckBox>(u"monthWeekDayCheck5"_s)->click();
    const QList<QDateTime> times = finishAndPreview();

    const QJsonObject expected = QJsonDocument::fromJson(R"({"startTime": "2026-01-01T05:15:00",
        "recurrence": {"frequency": "month",
                       "schedule": {"monthlyOccurrences": [{"day": "friday", "occurrence": -1}]}}})")
                                     .object();
    QCOMPARE(recurrenceJson(), expected);
    // The last Friday of each month from January 2026, counted here independently.
    QList<QDateTime> expectedTimes;
    for (int month = 1; month <= 10; ++month) {
        QDate day = QDate(2026, month, 1).addMonths(1).addDays(-1);
        while (day.dayOfWeek() != Qt::Friday)
            day = day.addDays(-1);
        expectedTimes.append(QDateTime(day, QTime(5, 15), Qt::UTC));
    }
    QCOMPARE(times, expectedTimes);
    QCOMPARE(times.constFirst(), utc(2026, 1, 30, 5, 15));
}

void TestScheduleWizard::oneTimeAtASpecificTime()
{
    widget<QRadioButton>(u"oneTimeRadio"_s)->click();
    next();
    startAt(utc(2026, 2, 14, 12, 0), u"UTC"_s);
    QCOMPARE(m_wizard->currentId(), int(ScheduleWizard::PreviewPage));
    const QList<QDateTime> times = finishAndPreview();
    QCOMPARE(recurrenceJson(), QJsonDocument::fromJson(R"({"startTime": "2026-02-14T12:00:00"})").object());
    QCOMPARE(times, QList<QDateTime> {utc(2026, 2, 14, 12, 0)});
}

void TestScheduleWizard::weekPageRefusesNoDay()
{
    widget<QRadioButton>(u"recurringRadio"_s)->click();
    next();
    startAt(utc(2026, 1, 5, 9, 30), u"UTC"_s);
    recurEvery(1, u"Weeks"_s);
    widget<QCheckBox>(u"weekScheduleCheck"_s)->click();
    next();
    QCOMPARE(m_wizard->currentId(), int(ScheduleWizard::WeekDaysPage));
    auto* page = qobject_cast<CheckedWizardPage*>(m_wizard->currentPage());
    QVERIFY(page->errorText().contains(u"at least one day of the week"_s));
    widget<QCheckBox>(u"weekDayCheck5"_s)->click();
    next();
    QCOMPARE(m_wizard->currentId(), int(ScheduleWizard::PreviewPage));
}

void TestScheduleWizard::recurrencePageShowsEngineSentence()
{
    widget<QRadioButton>(u"recurringRadio"_s)->click();
    next();
    startAt(utc(2026, 3, 1, 9, 0), u"UTC"_s);
    widget<QCheckBox>(u"endCheck"_s)->click();
    widget<QDateTimeEdit>(u"endDateTimeEdit"_s)->setDateTime(utc(2026, 2, 1, 9, 0));
    next();
    QCOMPARE(m_wizard->currentId(), int(ScheduleWizard::RecurrencePage));
    auto* page = qobject_cast<CheckedWizardPage*>(m_wizard->currentPage());
    const QString sentence = page->errorText();
    QVERIFY(!sentence.isEmpty());
    // The page shows the engine's own sentence.
    QCOMPARE(sentence, m_wizard->recurrence().validate(Reference));
    QVERIFY2(sentence.contains(u"end"_s, Qt::CaseInsensitive), qPrintable(sentence));
}

void TestScheduleWizard::advancedCronPreviewsAndRefusesBadText()
{
    widget<QRadioButton>(u"cronRadio"_s)->click();
    next();
    QCOMPARE(m_wizard->currentId(), int(ScheduleWizard::CronPage));
    widget<QLineEdit>(u"cronEdit"_s)->setText(u"99 * * * * *"_s);
    next();
    QCOMPARE(m_wizard->currentId(), int(ScheduleWizard::CronPage));
    QVERIFY(!qobject_cast<CheckedWizardPage*>(m_wizard->currentPage())->errorText().isEmpty());

    widget<QLineEdit>(u"cronEdit"_s)->setText(u"0 */15 * * * *"_s);
    const QList<QDateTime> times = finishAndPreview();
    QCOMPARE(m_wizard->settings().schedule(), u"0 */15 * * * *"_s);
    QVERIFY(!m_wizard->settings().recurrence());
    QCOMPARE(times.size(), ScheduleWizard::PreviewCount);
    QCOMPARE(times.constFirst(), utc(2026, 1, 5, 8, 15));
    for (int i = 1; i < times.size(); ++i)
        QCOMPARE(times.at(i - 1).secsTo(times.at(i)), 15 * 60);
}

void TestScheduleWizard::reopensWithExistingSchedule()
{
    JobSettings settings;
    settings.setRecurrence(QJsonDocument::fromJson(R"({"startTime": "2026-01-01T05:15:00",
        "recurrence": {"frequency": "month",
                       "schedule": {"monthlyOccurrences": [{"day": "friday", "occurrence": -1}]}}})")
                               .object());
    settings.setTimeZone(u"Europe/Paris"_s);
    m_wizard->setSettings(settings);
    QVERIFY(widget<QRadioButton>(u"recurringRadio"_s)->isChecked());
    next();
    QVERIFY(widget<QRadioButton>(u"startAtRadio"_s)->isChecked());
    QCOMPARE(widget<QComboBox>(u"timeZoneCombo"_s)->currentText(), u"Europe/Paris"_s);
    next();
    QCOMPARE(m_wizard->currentId(), int(ScheduleWizard::RecurrencePage));
    QCOMPARE(widget<QComboBox>(u"frequencyCombo"_s)->currentText(), u"Months"_s);
    next();
    QCOMPARE(m_wizard->currentId(), int(ScheduleWizard::MonthPage));
    QVERIFY(widget<QCheckBox>(u"occurrenceCheckLast"_s)->isChecked());
    QVERIFY(widget<QCheckBox>(u"monthWeekDayCheck5"_s)->isChecked());
    finishAndPreview();
    QCOMPARE(m_wizard->settings(), [&] {
        JobSettings keys;
        keys.setRecurrence(settings.recurrence());
        keys.setTimeZone(u"Europe/Paris"_s);
        return keys;
    }());
}

void TestScheduleWizard::reopensWeeklyWithItsEndInTheZone()
{
    // Each page shows its part of an existing schedule; an end written as an instant is shown
    // as the wall clock of the schedule's zone.
    JobSettings settings;
    settings.setRecurrence(QJsonDocument::fromJson(R"({"startTime": "2026-01-05T09:30:00",
        "recurrence": {"frequency": "week", "interval": 3, "endTime": "2026-06-30T22:00:00Z",
                       "schedule": {"weekDays": ["tuesday", "saturday"]}}})")
                               .object());
    settings.setTimeZone(u"Europe/Paris"_s);
    m_wizard->setSettings(settings);
    next();
    QCOMPARE(widget<QDateTimeEdit>(u"startDateTimeEdit"_s)->dateTime(), utc(2026, 1, 5, 9, 30));
    next();
    QCOMPARE(m_wizard->currentId(), int(ScheduleWizard::RecurrencePage));
    QCOMPARE(widget<QSpinBox>(u"intervalSpin"_s)->value(), 3);
    QVERIFY(widget<QCheckBox>(u"endCheck"_s)->isChecked());
    QCOMPARE(widget<QDateTimeEdit>(u"endDateTimeEdit"_s)->dateTime(), utc(2026, 7, 1, 0, 0));
    next();
    QCOMPARE(m_wizard->currentId(), int(ScheduleWizard::WeekDaysPage));
    QVERIFY(widget<QCheckBox>(u"weekScheduleCheck"_s)->isChecked());
    for (int day = Qt::Monday; day <= Qt::Sunday; ++day) {
        QCOMPARE(
            widget<QCheckBox>(u"weekDayCheck%1"_s.arg(day))->isChecked(), day == Qt::Tuesday || day == Qt::Saturday);
    }
    const QList<QDateTime> times = finishAndPreview();
    QCOMPARE(times.size(), ScheduleWizard::PreviewCount);
    // 09:30 in Paris is 08:30 UTC in winter: Tuesday 6 January, then Saturday 10 January.
    QCOMPARE(times.at(0), utc(2026, 1, 6, 8, 30));
    QCOMPARE(times.at(1), utc(2026, 1, 10, 8, 30));
    QCOMPARE(m_wizard->recurrence().endTime()->value, utc(2026, 7, 1, 0, 0));
}

void TestScheduleWizard::startPageRefusesUnknownZone()
{
    widget<QRadioButton>(u"recurringRadio"_s)->click();
    next();
    widget<QComboBox>(u"timeZoneCombo"_s)->setCurrentText(u"Mars/Olympus_Mons"_s);
    next();
    QCOMPARE(m_wizard->currentId(), int(ScheduleWizard::StartPage));
    const QString sentence = qobject_cast<CheckedWizardPage*>(m_wizard->currentPage())->errorText();
    QVERIFY2(sentence.contains(u"\"Mars/Olympus_Mons\" is unknown"_s), qPrintable(sentence));
    widget<QComboBox>(u"timeZoneCombo"_s)->setCurrentText(u"Europe/Paris"_s);
    next();
    QCOMPARE(m_wizard->currentId(), int(ScheduleWizard::RecurrencePage));
    QCOMPARE(m_wizard->recurrence().timeZone(), QTimeZone("Europe/Paris"));
}

void TestScheduleWizard::changingFrequencyDropsTheOtherDays()
{
    // Week days chosen for a weekly schedule do not survive a change to a daily one.
    widget<QRadioButton>(u"recurringRadio"_s)->click();
    next();
    startAt(utc(2026, 1, 5, 9, 30), u"UTC"_s);
    recurEvery(1, u"Weeks"_s);
    widget<QCheckBox>(u"weekScheduleCheck"_s)->click();
    widget<QCheckBox>(u"weekDayCheck3"_s)->click();
    QCOMPARE(finishAndPreview().size(), ScheduleWizard::PreviewCount);
    QCOMPARE(m_wizard->recurrence().weekDays(), QList<Qt::DayOfWeek> {Qt::Wednesday});

    m_wizard->back();
    m_wizard->back();
    QCOMPARE(m_wizard->currentId(), int(ScheduleWizard::RecurrencePage));
    auto* frequency = widget<QComboBox>(u"frequencyCombo"_s);
    frequency->setCurrentIndex(frequency->findText(u"Days"_s));
    const QList<QDateTime> times = finishAndPreview();
    QCOMPARE(m_wizard->currentId(), int(ScheduleWizard::PreviewPage));
    QVERIFY(m_wizard->recurrence().weekDays().isEmpty());
    QCOMPARE(recurrenceJson(),
        QJsonDocument::fromJson(R"({"startTime": "2026-01-05T09:30:00", "recurrence": {"frequency": "day"}})")
            .object());
    QCOMPARE(times.value(1), utc(2026, 1, 6, 9, 30));
}

void TestScheduleWizard::pageClearsItsSentenceWhenEnteredAgain()
{
    widget<QRadioButton>(u"recurringRadio"_s)->click();
    next();
    startAt(utc(2026, 1, 5, 9, 30), u"UTC"_s);
    recurEvery(1, u"Weeks"_s);
    widget<QCheckBox>(u"weekScheduleCheck"_s)->click();
    next();
    auto* page = qobject_cast<CheckedWizardPage*>(m_wizard->currentPage());
    QCOMPARE(m_wizard->currentId(), int(ScheduleWizard::WeekDaysPage));
    QVERIFY(!page->errorText().isEmpty());
    m_wizard->back();
    next();
    QCOMPARE(m_wizard->currentPage(), page);
    QCOMPARE(page->errorText(), QString());
}

QTEST_MAIN(TestScheduleWizard)
#include "TestScheduleWizard.moc"
