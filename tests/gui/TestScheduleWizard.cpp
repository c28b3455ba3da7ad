#include "GuiFixture.h"

#include "core/schedule/Schedule.h"
#include "ui/CheckedWizardPage.h"
#include "ui/ScheduleWizard.h"

#include <QAbstractButton>
#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QRadioButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTest>
#include <QTimeEdit>

#include <memory>

using namespace Qt::StringLiterals;
using namespace WebJobs;

// The schedule wizard as a person fills it in: widgets by objectName, Next clicked, the pages'
// checks refusing what the engine refuses, and the last page previewing the engine's dates.
class TestScheduleWizard : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
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
    void weeklyAtHalfPastNineInParisWaitsForItsFirstDay();
    void typingIntoTheHourSection();
    void minuteAndHourFrequenciesHaveNoTimeStep();
    void moreHoursShareTheMinute();
    void englishShowsTheTwelveHourClockAndFullYears();

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
    void recurEvery(int interval, Recurrence::Frequency unit);
    void atTime(const QTime& time);
    QList<QDateTime> finishAndPreview();
    QJsonObject recurrenceJson() const;

    std::unique_ptr<ScheduleWizard> m_wizard;
};

// Monday 5 January 2026, 08:00 UTC: the "now" of every check and preview.
const QDateTime Reference(QDate(2026, 1, 5), QTime(8, 0), Qt::UTC);

void TestScheduleWizard::initTestCase()
{
    // The console in English: Translations::install sets the default locale to en_US.
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

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

void TestScheduleWizard::recurEvery(int interval, Recurrence::Frequency unit)
{
    QCOMPARE(m_wizard->currentId(), int(ScheduleWizard::RecurrencePage));
    widget<QSpinBox>(u"intervalSpin"_s)->setValue(interval);
    auto* frequency = widget<QComboBox>(u"frequencyCombo"_s);
    frequency->setCurrentIndex(frequency->findData(int(unit)));
    QVERIFY(frequency->currentIndex() >= 0);
    next();
}

void TestScheduleWizard::atTime(const QTime& time)
{
    if (m_wizard->currentId() != ScheduleWizard::TimePage)
        next();
    QCOMPARE(m_wizard->currentId(), int(ScheduleWizard::TimePage));
    widget<QTimeEdit>(u"atTimeEdit"_s)->setTime(time);
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
    recurEvery(2, Recurrence::Frequency::Week);
    QCOMPARE(m_wizard->currentId(), int(ScheduleWizard::WeekDaysPage));
    widget<QCheckBox>(u"weekDayCheck1"_s)->click();
    widget<QCheckBox>(u"weekDayCheck3"_s)->click();
    atTime(QTime(9, 30));
    const QList<QDateTime> times = finishAndPreview();

    const QJsonObject expected = QJsonDocument::fromJson(R"({"startTime": "2026-01-05T09:30:00",
        "recurrence": {"frequency": "week", "interval": 2,
                       "schedule": {"weekDays": ["monday", "wednesday"], "hours": [9], "minutes": [30]}}})")
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
    recurEvery(1, Recurrence::Frequency::Month);
    QCOMPARE(m_wizard->currentId(), int(ScheduleWizard::MonthPage));
    widget<QRadioButton>(u"monthDaysRadio"_s)->click();
    widget<QCheckBox>(u"monthDayCheck1"_s)->click();
    widget<QCheckBox>(u"lastDayCheck"_s)->click();
    atTime(QTime(6, 0));
    const QList<QDateTime> times = finishAndPreview();

    const QJsonObject expected = QJsonDocument::fromJson(R"({"startTime": "2026-01-10T06:00:00",
        "recurrence": {"frequency": "month", "schedule": {"monthDays": [-1, 1], "hours": [6], "minutes": [0]}}})")
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
    recurEvery(1, Recurrence::Frequency::Month);
    widget<QRadioButton>(u"monthWeekDaysRadio"_s)->click();
    widget<QCheckBox>(u"occurrenceCheckLast"_s)->click();
    widget<QCheckBox>(u"monthWeekDayCheck5"_s)->click();
    atTime(QTime(5, 15));
    const QList<QDateTime> times = finishAndPreview();

    const QJsonObject expected = QJsonDocument::fromJson(R"({"startTime": "2026-01-01T05:15:00",
        "recurrence": {"frequency": "month",
                       "schedule": {"monthlyOccurrences": [{"day": "friday", "occurrence": -1}],
                                    "hours": [5], "minutes": [15]}}})")
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
    recurEvery(1, Recurrence::Frequency::Week);
    next();
    QCOMPARE(m_wizard->currentId(), int(ScheduleWizard::WeekDaysPage));
    auto* page = qobject_cast<CheckedWizardPage*>(m_wizard->currentPage());
    QVERIFY(page->errorText().contains(u"at least one day of the week"_s));
    widget<QCheckBox>(u"weekDayCheck5"_s)->click();
    next();
    QCOMPARE(m_wizard->currentId(), int(ScheduleWizard::TimePage));
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
    QCOMPARE(sentence, m_wizard->recurrence().validate(Reference, QLocale()));
    // In the locale's formats, as the fields above show them.
    QVERIFY2(sentence.contains(u"2/1/2026 9:00 AM"_s), qPrintable(sentence));
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
    QCOMPARE(widget<QComboBox>(u"frequencyCombo"_s)->currentData().toInt(), int(Recurrence::Frequency::Month));
    next();
    QCOMPARE(m_wizard->currentId(), int(ScheduleWizard::MonthPage));
    QVERIFY(widget<QCheckBox>(u"occurrenceCheckLast"_s)->isChecked());
    QVERIFY(widget<QCheckBox>(u"monthWeekDayCheck5"_s)->isChecked());
    next();
    // The times of day are the start's, now written as the schedule's.
    QCOMPARE(m_wizard->currentId(), int(ScheduleWizard::TimePage));
    QCOMPARE(widget<QTimeEdit>(u"atTimeEdit"_s)->time(), QTime(5, 15));
    finishAndPreview();
    QCOMPARE(m_wizard->settings(), [&] {
        JobSettings keys;
        keys.setRecurrence(QJsonDocument::fromJson(R"({"startTime": "2026-01-01T05:15:00",
            "recurrence": {"frequency": "month",
                           "schedule": {"monthlyOccurrences": [{"day": "friday", "occurrence": -1}],
                                        "hours": [5], "minutes": [15]}}})")
                               .object());
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
    QCOMPARE(widget<QDateTimeEdit>(u"startDateTimeEdit"_s)->date(), QDate(2026, 1, 5));
    next();
    QCOMPARE(m_wizard->currentId(), int(ScheduleWizard::RecurrencePage));
    QCOMPARE(widget<QSpinBox>(u"intervalSpin"_s)->value(), 3);
    QVERIFY(widget<QCheckBox>(u"endCheck"_s)->isChecked());
    QCOMPARE(widget<QDateTimeEdit>(u"endDateTimeEdit"_s)->dateTime(), utc(2026, 7, 1, 0, 0));
    next();
    QCOMPARE(m_wizard->currentId(), int(ScheduleWizard::WeekDaysPage));
    for (int day = Qt::Monday; day <= Qt::Sunday; ++day) {
        QCOMPARE(
            widget<QCheckBox>(u"weekDayCheck%1"_s.arg(day))->isChecked(), day == Qt::Tuesday || day == Qt::Saturday);
    }
    next();
    QCOMPARE(widget<QTimeEdit>(u"atTimeEdit"_s)->time(), QTime(9, 30));
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
    recurEvery(1, Recurrence::Frequency::Week);
    widget<QCheckBox>(u"weekDayCheck3"_s)->click();
    atTime(QTime(9, 30));
    QCOMPARE(finishAndPreview().size(), ScheduleWizard::PreviewCount);
    QCOMPARE(m_wizard->recurrence().weekDays(), QList<Qt::DayOfWeek> {Qt::Wednesday});

    m_wizard->back();
    m_wizard->back();
    m_wizard->back();
    QCOMPARE(m_wizard->currentId(), int(ScheduleWizard::RecurrencePage));
    auto* frequency = widget<QComboBox>(u"frequencyCombo"_s);
    frequency->setCurrentIndex(frequency->findData(int(Recurrence::Frequency::Day)));
    atTime(QTime(9, 30));
    const QList<QDateTime> times = finishAndPreview();
    QCOMPARE(m_wizard->currentId(), int(ScheduleWizard::PreviewPage));
    QVERIFY(m_wizard->recurrence().weekDays().isEmpty());
    QCOMPARE(recurrenceJson(),
        QJsonDocument::fromJson(R"({"startTime": "2026-01-05T09:30:00",
            "recurrence": {"frequency": "day", "schedule": {"hours": [9], "minutes": [30]}}})")
            .object());
    QCOMPARE(times.value(1), utc(2026, 1, 6, 9, 30));
}

void TestScheduleWizard::pageClearsItsSentenceWhenEnteredAgain()
{
    widget<QRadioButton>(u"recurringRadio"_s)->click();
    next();
    startAt(utc(2026, 1, 5, 9, 30), u"UTC"_s);
    recurEvery(1, Recurrence::Frequency::Week);
    next();
    auto* page = qobject_cast<CheckedWizardPage*>(m_wizard->currentPage());
    QCOMPARE(m_wizard->currentId(), int(ScheduleWizard::WeekDaysPage));
    QVERIFY(!page->errorText().isEmpty());
    m_wizard->back();
    next();
    QCOMPARE(m_wizard->currentPage(), page);
    QCOMPARE(page->errorText(), QString());
}

void TestScheduleWizard::weeklyAtHalfPastNineInParisWaitsForItsFirstDay()
{
    // Created on Tuesday 6 January 2026 at 13:00 in Paris, without touching the start date:
    // the first run is Wednesday 09:30 in Paris, not the creation instant.
    const QDateTime created = utc(2026, 1, 6, 12, 0);
    m_wizard->setReferenceTime(created);
    widget<QRadioButton>(u"recurringRadio"_s)->click();
    next();
    QCOMPARE(m_wizard->currentId(), int(ScheduleWizard::StartPage));
    // A recurring schedule starts on a date (today by default); its time is the "at" step's.
    QCOMPARE(widget<QDateTimeEdit>(u"startDateTimeEdit"_s)->date(), QDate(2026, 1, 6));
    widget<QComboBox>(u"timeZoneCombo"_s)->setCurrentText(u"Europe/Paris"_s);
    next();
    recurEvery(1, Recurrence::Frequency::Week);
    QCOMPARE(m_wizard->currentId(), int(ScheduleWizard::WeekDaysPage));
    // The days are offered at once, no checkbox in front of them.
    QVERIFY(widget<QCheckBox>(u"weekDayCheck1"_s)->isEnabled());
    widget<QCheckBox>(u"weekDayCheck1"_s)->click();
    widget<QCheckBox>(u"weekDayCheck3"_s)->click();
    next();
    QCOMPARE(m_wizard->currentId(), int(ScheduleWizard::TimePage));
    // A round default time.
    QCOMPARE(widget<QTimeEdit>(u"atTimeEdit"_s)->time(), QTime(9, 0));
    atTime(QTime(9, 30));
    const QList<QDateTime> times = finishAndPreview();

    const QTimeZone paris("Europe/Paris");
    QCOMPARE(times.size(), ScheduleWizard::PreviewCount);
    QCOMPARE(times.at(0).toMSecsSinceEpoch(), QDateTime(QDate(2026, 1, 7), QTime(9, 30), paris).toMSecsSinceEpoch());
    QCOMPARE(times.at(1).toMSecsSinceEpoch(), QDateTime(QDate(2026, 1, 12), QTime(9, 30), paris).toMSecsSinceEpoch());
    for (const QDateTime& time : times) {
        const QDateTime local = time.toTimeZone(paris);
        QCOMPARE(local.time(), QTime(9, 30));
        QVERIFY(local.date().dayOfWeek() == Qt::Monday || local.date().dayOfWeek() == Qt::Wednesday);
    }

    // The preview is the engine's runs of the saved settings, and the summary describes them.
    const JobSettings saved = m_wizard->settings();
    QCOMPARE(saved.timeZone(), u"Europe/Paris"_s);
    const Schedule schedule = Schedule::fromSettings(saved);
    QVERIFY(schedule.recurrence());
    QCOMPARE(times, schedule.recurrence()->runs(created, ScheduleWizard::PreviewCount));
    QCOMPARE(widget<QLabel>(u"summaryLabel"_s)->text(), schedule.recurrence()->describe(QLocale()));
    QVERIFY2(widget<QLabel>(u"summaryLabel"_s)->text().contains(u"9:30 AM"_s),
        qPrintable(widget<QLabel>(u"summaryLabel"_s)->text()));

    // The text shown is the schedule as JSON, indented, with "recurrence" once.
    const QString text = widget<QPlainTextEdit>(u"jsonView"_s)->toPlainText();
    QJsonParseError error;
    const QJsonDocument shown = QJsonDocument::fromJson(text.toUtf8(), &error);
    QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
    QVERIFY(shown.isObject());
    QCOMPARE(shown.object(), *saved.recurrence());
    QVERIFY(shown.object().value(u"recurrence"_s).isObject());
    QVERIFY(!shown.object().value(u"recurrence"_s).toObject().contains(u"recurrence"_s));
    QCOMPARE(text.count(u"\"recurrence\""_s), 1);
    QVERIFY(text.contains(u'\n'));
}

void TestScheduleWizard::typingIntoTheHourSection()
{
    widget<QRadioButton>(u"recurringRadio"_s)->click();
    next();
    startAt(utc(2026, 1, 5, 0, 0), u"UTC"_s);
    recurEvery(1, Recurrence::Frequency::Day);
    QCOMPARE(m_wizard->currentId(), int(ScheduleWizard::TimePage));
    auto* edit = widget<QTimeEdit>(u"atTimeEdit"_s);
    edit->setFocus();
    // On the English clock: 2, 45, then PM.
    edit->setSelectedSection(QDateTimeEdit::HourSection);
    QTest::keyClicks(edit, u"2"_s);
    QCOMPARE(edit->time(), QTime(2, 0));
    edit->setSelectedSection(QDateTimeEdit::MinuteSection);
    QTest::keyClicks(edit, u"45"_s);
    QCOMPARE(edit->time(), QTime(2, 45));
    edit->setSelectedSection(QDateTimeEdit::AmPmSection);
    QTest::keyClicks(edit, u"PM"_s);
    QCOMPARE(edit->time(), QTime(14, 45));
    QCOMPARE(edit->text(), u"2:45 PM"_s);
    const QList<QDateTime> times = finishAndPreview();
    QCOMPARE(m_wizard->recurrence().hours(), QList<int> {14});
    QCOMPARE(m_wizard->recurrence().minutes(), QList<int> {45});
    QCOMPARE(times.value(0), utc(2026, 1, 5, 14, 45));
    QCOMPARE(times.value(1), utc(2026, 1, 6, 14, 45));
}

void TestScheduleWizard::minuteAndHourFrequenciesHaveNoTimeStep()
{
    widget<QRadioButton>(u"recurringRadio"_s)->click();
    next();
    startAt(utc(2026, 1, 5, 0, 0), u"UTC"_s);
    recurEvery(6, Recurrence::Frequency::Hour);
    QCOMPARE(m_wizard->currentId(), int(ScheduleWizard::PreviewPage));
    const QList<QDateTime> times = finishAndPreview();
    QVERIFY(m_wizard->recurrence().hours().isEmpty());
    QVERIFY(m_wizard->recurrence().minutes().isEmpty());
    QCOMPARE(times.value(0), utc(2026, 1, 5, 12, 0));
}

void TestScheduleWizard::moreHoursShareTheMinute()
{
    widget<QRadioButton>(u"recurringRadio"_s)->click();
    next();
    startAt(utc(2026, 1, 5, 0, 0), u"UTC"_s);
    recurEvery(1, Recurrence::Frequency::Day);
    widget<QTimeEdit>(u"atTimeEdit"_s)->setTime(QTime(9, 30));
    widget<QLineEdit>(u"moreHoursEdit"_s)->setText(u"17, 25"_s);
    next();
    QCOMPARE(m_wizard->currentId(), int(ScheduleWizard::TimePage));
    const QString sentence = qobject_cast<CheckedWizardPage*>(m_wizard->currentPage())->errorText();
    QVERIFY2(sentence.contains(u"\"25\" is not an hour"_s), qPrintable(sentence));
    // A half or a meridiem alone is refused with the same sentence.
    widget<QLineEdit>(u"moreHoursEdit"_s)->setText(u"pm"_s);
    next();
    QCOMPARE(m_wizard->currentId(), int(ScheduleWizard::TimePage));
    const QString meridiem = qobject_cast<CheckedWizardPage*>(m_wizard->currentPage())->errorText();
    QVERIFY2(meridiem.contains(u"\"pm\" is not an hour"_s), qPrintable(meridiem));
    widget<QLineEdit>(u"moreHoursEdit"_s)->setText(u"17, 13"_s);
    const QList<QDateTime> times = finishAndPreview();
    QCOMPARE(m_wizard->recurrence().hours(), (QList<int> {9, 13, 17}));
    QCOMPARE(m_wizard->recurrence().minutes(), QList<int> {30});
    QCOMPARE(times.mid(0, 4),
        (QList<QDateTime> {
            utc(2026, 1, 5, 9, 30), utc(2026, 1, 5, 13, 30), utc(2026, 1, 5, 17, 30), utc(2026, 1, 6, 9, 30)}));
}

void TestScheduleWizard::englishShowsTheTwelveHourClockAndFullYears()
{
    widget<QRadioButton>(u"recurringRadio"_s)->click();
    next();
    QCOMPARE(m_wizard->currentId(), int(ScheduleWizard::StartPage));
    // The start date, Monday 5 January 2026 (the reference), with its year whole.
    auto* start = widget<QDateTimeEdit>(u"startDateTimeEdit"_s);
    QCOMPARE(start->date(), QDate(2026, 1, 5));
    QCOMPARE(start->text(), u"1/5/2026"_s);
    widget<QComboBox>(u"timeZoneCombo"_s)->setCurrentText(u"UTC"_s);
    next();
    QCOMPARE(m_wizard->currentId(), int(ScheduleWizard::RecurrencePage));
    // The end: a date and a time, the year whole and the clock 12-hour.
    auto* end = widget<QDateTimeEdit>(u"endDateTimeEdit"_s);
    end->setDateTime(utc(2026, 6, 30, 18, 0));
    QCOMPARE(end->text(), u"6/30/2026 6:00 PM"_s);
    widget<QCheckBox>(u"endCheck"_s)->setChecked(true);
    recurEvery(1, Recurrence::Frequency::Week);
    QCOMPARE(m_wizard->currentId(), int(ScheduleWizard::WeekDaysPage));
    widget<QCheckBox>(u"weekDayCheck1"_s)->click();
    widget<QCheckBox>(u"weekDayCheck3"_s)->click();
    next();
    QCOMPARE(m_wizard->currentId(), int(ScheduleWizard::TimePage));
    auto* time = widget<QTimeEdit>(u"atTimeEdit"_s);
    time->setTime(QTime(9, 30));
    QCOMPARE(time->text(), u"9:30 AM"_s);
    // The hint's example times are on the same clock.
    const QString hint = widget<QLabel>(u"atHint"_s)->text();
    QVERIFY2(
        hint.contains(u"9:30 AM"_s) && hint.contains(u"5:00 PM"_s) && !hint.contains(u"17:00"_s), qPrintable(hint));
    // More hours on the same clock: typed either way, shown as the clock writes them.
    auto* moreHours = widget<QLineEdit>(u"moreHoursEdit"_s);
    QCOMPARE(moreHours->placeholderText(), u"for example 1 PM, 5 PM"_s);
    moreHours->setText(u"1 pm, 17"_s);

    const QList<QDateTime> times = finishAndPreview();
    QCOMPARE(times.value(0), utc(2026, 1, 5, 9, 30));
    const QString summary = widget<QLabel>(u"summaryLabel"_s)->text();
    QVERIFY2(summary.startsWith(u"Every week on Monday, Wednesday at 9:30 AM, 1:30 PM"_s)
            && summary.contains(u"5:30 PM"_s) && summary.endsWith(u"until 6/30/2026 6:00 PM"_s),
        qPrintable(summary));
    QCOMPARE(
        recurrenceJson().value(u"recurrence"_s).toObject().value(u"schedule"_s).toObject().value(u"hours"_s).toArray(),
        QJsonArray({9, 13, 17}));
    const QString first = widget<QListWidget>(u"previewList"_s)->item(0)->text();
    QVERIFY2(first.contains(u"2026"_s) && first.endsWith(u"9:30 AM"_s), qPrintable(first));
}

QTEST_MAIN(TestScheduleWizard)
#include "TestScheduleWizard.moc"
