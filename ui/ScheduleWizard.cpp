#include "ui/ScheduleWizard.h"

#include "core/schedule/Schedule.h"
#include "ui/CheckedWizardPage.h"
#include "ui/FutureCallback.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QPlainTextEdit>
#include <QRadioButton>
#include <QSpinBox>
#include <QTimeZone>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

using namespace Qt::StringLiterals;

namespace WebJobs {

namespace {

const QList<Recurrence::Frequency> Frequencies {Recurrence::Frequency::Minute, Recurrence::Frequency::Hour,
    Recurrence::Frequency::Day, Recurrence::Frequency::Week, Recurrence::Frequency::Month};

QDateTime wallClock(const QDateTime& value)
{
    return QDateTime(value.date(), value.time(), Qt::UTC);
}

} // namespace

ScheduleWizard::ScheduleWizard(QWidget* parent)
    : QWizard(parent)
{
    setObjectName(u"scheduleWizard"_s);
    setWindowTitle(tr("Schedule"));
    setWizardStyle(QWizard::ClassicStyle);
    setOption(QWizard::NoBackButtonOnStartPage);
    resize(640, 520);
    setPage(TypePage, createTypePage());
    setPage(StartPage, createStartPage());
    setPage(RecurrencePage, createRecurrencePage());
    setPage(WeekDaysPage, createWeekDaysPage());
    setPage(MonthPage, createMonthPage());
    setPage(CronPage, createCronPage());
    setPage(PreviewPage, createPreviewPage());
    setStartId(TypePage);
}

QDateTime ScheduleWizard::reference() const
{
    return m_reference.isValid() ? m_reference : QDateTime::currentDateTimeUtc();
}

QString ScheduleWizard::timeZoneName() const
{
    const QString name = m_timeZoneCombo->currentText().trimmed();
    return name == u"UTC"_s ? QString() : name;
}

QTimeZone ScheduleWizard::zone() const
{
    const QString name = timeZoneName();
    return name.isEmpty() ? QTimeZone::utc() : QTimeZone(name.toUtf8());
}

bool ScheduleWizard::isCron() const
{
    return m_cronRadio->isChecked();
}

CheckedWizardPage* ScheduleWizard::createTypePage()
{
    auto* page = new CheckedWizardPage(this);
    page->setObjectName(u"typePage"_s);
    page->setTitle(tr("Recurrence"));
    page->setSubTitle(tr("Choose whether the job runs once or again and again."));
    m_oneTimeRadio = new QRadioButton(tr("One-time job"), page);
    m_oneTimeRadio->setObjectName(u"oneTimeRadio"_s);
    m_recurringRadio = new QRadioButton(tr("Recurring job"), page);
    m_recurringRadio->setObjectName(u"recurringRadio"_s);
    m_cronRadio = new QRadioButton(tr("Advanced: a CRON expression (NCRONTAB)"), page);
    m_cronRadio->setObjectName(u"cronRadio"_s);
    m_recurringRadio->setChecked(true);
    page->contentLayout()->addWidget(m_oneTimeRadio);
    page->contentLayout()->addWidget(m_recurringRadio);
    page->contentLayout()->addWidget(m_cronRadio);
    page->setNext([this] { return m_cronRadio->isChecked() ? CronPage : StartPage; });
    page->setCheck([this] {
        m_recurrence.setRecurring(m_recurringRadio->isChecked());
        return QString();
    });
    return page;
}

CheckedWizardPage* ScheduleWizard::createStartPage()
{
    auto* page = new CheckedWizardPage(this);
    page->setObjectName(u"startPage"_s);
    page->setTitle(tr("Start"));
    page->setSubTitle(tr("Choose when the schedule starts, and the time zone its times are read in."));
    m_startNowRadio = new QRadioButton(tr("Now"), page);
    m_startNowRadio->setObjectName(u"startNowRadio"_s);
    m_startAtRadio = new QRadioButton(tr("At a specific time"), page);
    m_startAtRadio->setObjectName(u"startAtRadio"_s);
    m_startNowRadio->setChecked(true);
    m_startEdit = new QDateTimeEdit(page);
    m_startEdit->setObjectName(u"startDateTimeEdit"_s);
    m_startEdit->setTimeSpec(Qt::UTC);
    m_startEdit->setCalendarPopup(true);
    m_startEdit->setDisplayFormat(QLocale().dateFormat(QLocale::ShortFormat) + u" HH:mm"_s);
    const QDateTime now = QDateTime::currentDateTime();
    m_startEdit->setDateTime(wallClock(QDateTime(now.date(), QTime(now.time().hour(), 0)).addSecs(3600)));
    m_startEdit->setEnabled(false);
    connect(m_startAtRadio, &QRadioButton::toggled, m_startEdit, &QWidget::setEnabled);

    m_timeZoneCombo = new QComboBox(page);
    m_timeZoneCombo->setObjectName(u"timeZoneCombo"_s);
    m_timeZoneCombo->setEditable(true);
    m_timeZoneCombo->addItem(u"UTC"_s);
    for (const QByteArray& id : QTimeZone::availableTimeZoneIds()) {
        if (id != "UTC")
            m_timeZoneCombo->addItem(QString::fromUtf8(id));
    }
    const QByteArray systemZone = QTimeZone::systemTimeZoneId();
    m_timeZoneCombo->setCurrentText(systemZone.isEmpty() ? u"UTC"_s : QString::fromUtf8(systemZone));

    auto* form = new QFormLayout;
    form->addRow(m_startNowRadio);
    form->addRow(m_startAtRadio);
    form->addRow(tr("Start time"), m_startEdit);
    form->addRow(tr("Time zone"), m_timeZoneCombo);
    page->contentLayout()->addLayout(form);

    page->setNext([this] { return m_recurringRadio->isChecked() ? RecurrencePage : PreviewPage; });
    page->setCheck([this] {
        if (!timeZoneName().isEmpty() && !QTimeZone(timeZoneName().toUtf8()).isValid())
            return tr("The time zone \"%1\" is unknown: choose one from the list, such as Europe/Paris.")
                .arg(timeZoneName());
        readStart();
        return checkRecurrence();
    });
    return page;
}

CheckedWizardPage* ScheduleWizard::createRecurrencePage()
{
    auto* page = new CheckedWizardPage(this);
    page->setObjectName(u"recurrencePage"_s);
    page->setTitle(tr("Recur every"));
    page->setSubTitle(tr("Choose how often the job runs, and when the schedule ends."));
    m_intervalSpin = new QSpinBox(page);
    m_intervalSpin->setObjectName(u"intervalSpin"_s);
    m_intervalSpin->setRange(1, 1000);
    m_frequencyCombo = new QComboBox(page);
    m_frequencyCombo->setObjectName(u"frequencyCombo"_s);
    m_frequencyCombo->addItem(tr("Minutes"), int(Recurrence::Frequency::Minute));
    m_frequencyCombo->addItem(tr("Hours"), int(Recurrence::Frequency::Hour));
    m_frequencyCombo->addItem(tr("Days"), int(Recurrence::Frequency::Day));
    m_frequencyCombo->addItem(tr("Weeks"), int(Recurrence::Frequency::Week));
    m_frequencyCombo->addItem(tr("Months"), int(Recurrence::Frequency::Month));
    m_frequencyCombo->setCurrentIndex(2);
    auto* everyRow = new QHBoxLayout;
    everyRow->addWidget(m_intervalSpin);
    everyRow->addWidget(m_frequencyCombo, 1);

    m_endCheck = new QCheckBox(tr("End time"), page);
    m_endCheck->setObjectName(u"endCheck"_s);
    m_endEdit = new QDateTimeEdit(page);
    m_endEdit->setObjectName(u"endDateTimeEdit"_s);
    m_endEdit->setTimeSpec(Qt::UTC);
    m_endEdit->setCalendarPopup(true);
    m_endEdit->setDisplayFormat(QLocale().dateFormat(QLocale::ShortFormat) + u" HH:mm"_s);
    m_endEdit->setDateTime(wallClock(QDateTime::currentDateTime().addMonths(1)));
    m_endEdit->setEnabled(false);
    connect(m_endCheck, &QCheckBox::toggled, m_endEdit, &QWidget::setEnabled);

    auto* form = new QFormLayout;
    form->addRow(tr("Recur every"), everyRow);
    form->addRow(m_endCheck, m_endEdit);
    page->contentLayout()->addLayout(form);

    page->setNext([this] {
        const auto frequency = Recurrence::Frequency(m_frequencyCombo->currentData().toInt());
        if (frequency == Recurrence::Frequency::Week)
            return int(WeekDaysPage);
        if (frequency == Recurrence::Frequency::Month)
            return int(MonthPage);
        return int(PreviewPage);
    });
    page->setCheck([this] {
        readRecurrence();
        return checkRecurrence();
    });
    return page;
}

CheckedWizardPage* ScheduleWizard::createWeekDaysPage()
{
    auto* page = new CheckedWizardPage(this);
    page->setObjectName(u"weekDaysPage"_s);
    page->setTitle(tr("Week days"));
    page->setSubTitle(tr("Without a particular schedule the job runs on the week day of its start."));
    m_weekScheduleCheck = new QCheckBox(tr("On a particular schedule"), page);
    m_weekScheduleCheck->setObjectName(u"weekScheduleCheck"_s);
    page->contentLayout()->addWidget(m_weekScheduleCheck);
    auto* grid = new QGridLayout;
    for (int day = Qt::Monday; day <= Qt::Sunday; ++day) {
        auto* check = new QCheckBox(QLocale().dayName(day), page);
        check->setObjectName(u"weekDayCheck%1"_s.arg(day));
        check->setEnabled(false);
        connect(m_weekScheduleCheck, &QCheckBox::toggled, check, &QWidget::setEnabled);
        m_weekDayChecks.append(check);
        grid->addWidget(check, (day - 1) / 4, (day - 1) % 4);
    }
    page->contentLayout()->addLayout(grid);
    page->setNext([] { return int(PreviewPage); });
    page->setCheck([this] {
        readWeekDays();
        if (m_weekScheduleCheck->isChecked() && m_recurrence.weekDays().isEmpty())
            return tr("Choose at least one day of the week, or clear \"On a particular schedule\".");
        return checkRecurrence();
    });
    return page;
}

CheckedWizardPage* ScheduleWizard::createMonthPage()
{
    auto* page = new CheckedWizardPage(this);
    page->setObjectName(u"monthPage"_s);
    page->setTitle(tr("Days of the month"));
    page->setSubTitle(tr("Without a particular schedule the job runs on the day of the month of its start."));
    m_monthScheduleCheck = new QCheckBox(tr("On a particular schedule"), page);
    m_monthScheduleCheck->setObjectName(u"monthScheduleCheck"_s);
    m_monthDaysRadio = new QRadioButton(tr("Days"), page);
    m_monthDaysRadio->setObjectName(u"monthDaysRadio"_s);
    m_monthWeekDaysRadio = new QRadioButton(tr("Week days"), page);
    m_monthWeekDaysRadio->setObjectName(u"monthWeekDaysRadio"_s);
    m_monthDaysRadio->setChecked(true);

    auto* daysBox = new QGroupBox(page);
    auto* daysGrid = new QGridLayout(daysBox);
    for (int day = 1; day <= 31; ++day) {
        auto* check = new QCheckBox(QLocale().toString(day), daysBox);
        check->setObjectName(u"monthDayCheck%1"_s.arg(day));
        m_monthDayChecks.append(check);
        daysGrid->addWidget(check, (day - 1) / 7, (day - 1) % 7);
    }
    auto* lastDay = new QCheckBox(tr("Last day"), daysBox);
    lastDay->setObjectName(u"lastDayCheck"_s);
    m_monthDayChecks.append(lastDay);
    daysGrid->addWidget(lastDay, 4, 3, 1, 4);

    auto* weekDaysBox = new QGroupBox(page);
    auto* weekDaysLayout = new QVBoxLayout(weekDaysBox);
    auto* occurrenceRow = new QHBoxLayout;
    occurrenceRow->addWidget(new QLabel(tr("Occurrences"), weekDaysBox));
    const QStringList occurrenceNames {tr("first"), tr("second"), tr("third"), tr("fourth"), tr("last")};
    const QStringList occurrenceIds {u"1"_s, u"2"_s, u"3"_s, u"4"_s, u"Last"_s};
    for (int i = 0; i < occurrenceNames.size(); ++i) {
        auto* check = new QCheckBox(occurrenceNames.at(i), weekDaysBox);
        check->setObjectName(u"occurrenceCheck"_s + occurrenceIds.at(i));
        m_occurrenceChecks.append(check);
        occurrenceRow->addWidget(check);
    }
    occurrenceRow->addStretch(1);
    weekDaysLayout->addLayout(occurrenceRow);
    auto* dayRow = new QGridLayout;
    for (int day = Qt::Monday; day <= Qt::Sunday; ++day) {
        auto* check = new QCheckBox(QLocale().dayName(day), weekDaysBox);
        check->setObjectName(u"monthWeekDayCheck%1"_s.arg(day));
        m_monthWeekDayChecks.append(check);
        dayRow->addWidget(check, (day - 1) / 4, (day - 1) % 4);
    }
    weekDaysLayout->addLayout(dayRow);

    const auto updateEnabled = [this, daysBox, weekDaysBox] {
        const bool particular = m_monthScheduleCheck->isChecked();
        m_monthDaysRadio->setEnabled(particular);
        m_monthWeekDaysRadio->setEnabled(particular);
        daysBox->setEnabled(particular && m_monthDaysRadio->isChecked());
        weekDaysBox->setEnabled(particular && m_monthWeekDaysRadio->isChecked());
    };
    connect(m_monthScheduleCheck, &QCheckBox::toggled, this, updateEnabled);
    connect(m_monthDaysRadio, &QRadioButton::toggled, this, updateEnabled);
    updateEnabled();

    page->contentLayout()->addWidget(m_monthScheduleCheck);
    page->contentLayout()->addWidget(m_monthDaysRadio);
    page->contentLayout()->addWidget(daysBox);
    page->contentLayout()->addWidget(m_monthWeekDaysRadio);
    page->contentLayout()->addWidget(weekDaysBox);
    page->setNext([] { return int(PreviewPage); });
    page->setCheck([this] {
        readMonth();
        if (m_monthScheduleCheck->isChecked()) {
            if (m_monthDaysRadio->isChecked() && m_recurrence.monthDays().isEmpty())
                return tr("Choose at least one day of the month, or clear \"On a particular schedule\".");
            if (m_monthWeekDaysRadio->isChecked() && m_recurrence.monthlyOccurrences().isEmpty())
                return tr("Choose at least one occurrence and one day of the week, or clear \"On a particular "
                          "schedule\".");
        }
        return checkRecurrence();
    });
    return page;
}

CheckedWizardPage* ScheduleWizard::createCronPage()
{
    auto* page = new CheckedWizardPage(this);
    page->setObjectName(u"cronPage"_s);
    page->setTitle(tr("CRON expression"));
    page->setSubTitle(tr("Six fields: second, minute, hour, day of month, month, day of week. For example "
                         "0 */15 * * * * runs every 15 minutes."));
    m_cronEdit = new QLineEdit(page);
    m_cronEdit->setObjectName(u"cronEdit"_s);
    m_cronEdit->setText(u"0 0 * * * *"_s);
    auto* form = new QFormLayout;
    form->addRow(tr("CRON expression"), m_cronEdit);
    page->contentLayout()->addLayout(form);
    page->setNext([] { return int(PreviewPage); });
    page->setCheck([this] {
        const Schedule schedule = Schedule::fromCron(m_cronEdit->text().trimmed(), timeZoneName());
        return schedule.errorString();
    });
    return page;
}

CheckedWizardPage* ScheduleWizard::createPreviewPage()
{
    auto* page = new CheckedWizardPage(this);
    page->setObjectName(u"previewPage"_s);
    page->setTitle(tr("Next occurrences"));
    page->setSubTitle(tr("The job will run at these times."));
    m_summaryLabel = new QLabel(page);
    m_summaryLabel->setObjectName(u"summaryLabel"_s);
    m_summaryLabel->setWordWrap(true);
    m_previewList = new QListWidget(page);
    m_previewList->setObjectName(u"previewList"_s);
    m_jsonView = new QPlainTextEdit(page);
    m_jsonView->setObjectName(u"jsonView"_s);
    m_jsonView->setReadOnly(true);
    m_jsonView->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_jsonView->setMaximumHeight(80);
    page->contentLayout()->addWidget(m_summaryLabel);
    page->contentLayout()->addWidget(m_previewList, 1);
    page->contentLayout()->addWidget(new QLabel(tr("settings.job"), page));
    page->contentLayout()->addWidget(m_jsonView);
    page->setNext([] { return -1; });
    page->setEnter([this] { computePreview(); });
    return page;
}

void ScheduleWizard::readStart()
{
    m_recurrence.setRecurring(m_recurringRadio->isChecked());
    m_recurrence.setTimeZone(zone());
    if (m_startAtRadio->isChecked())
        m_recurrence.setStartTime(Recurrence::TimePoint {wallClock(m_startEdit->dateTime()), true});
    else
        m_recurrence.setStartTime(std::nullopt);
}

void ScheduleWizard::readRecurrence()
{
    const auto frequency = Recurrence::Frequency(m_frequencyCombo->currentData().toInt());
    m_recurrence.setFrequency(frequency);
    m_recurrence.setInterval(m_intervalSpin->value());
    if (m_endCheck->isChecked())
        m_recurrence.setEndTime(Recurrence::TimePoint {wallClock(m_endEdit->dateTime()), true});
    else
        m_recurrence.setEndTime(std::nullopt);
    // The pages of the other frequencies do not apply any more.
    if (frequency != Recurrence::Frequency::Week)
        m_recurrence.setWeekDays({});
    if (frequency != Recurrence::Frequency::Month) {
        m_recurrence.setMonthDays({});
        m_recurrence.setMonthlyOccurrences({});
    }
}

void ScheduleWizard::readWeekDays()
{
    QList<Qt::DayOfWeek> days;
    if (m_weekScheduleCheck->isChecked()) {
        for (int i = 0; i < m_weekDayChecks.size(); ++i) {
            if (m_weekDayChecks.at(i)->isChecked())
                days.append(Qt::DayOfWeek(i + 1));
        }
    }
    m_recurrence.setWeekDays(days);
}

void ScheduleWizard::readMonth()
{
    QList<int> monthDays;
    QList<Recurrence::MonthlyOccurrence> occurrences;
    if (m_monthScheduleCheck->isChecked() && m_monthDaysRadio->isChecked()) {
        for (int i = 0; i < m_monthDayChecks.size(); ++i) {
            if (m_monthDayChecks.at(i)->isChecked())
                monthDays.append(i < 31 ? i + 1 : -1);
        }
    } else if (m_monthScheduleCheck->isChecked()) {
        for (int o = 0; o < m_occurrenceChecks.size(); ++o) {
            if (!m_occurrenceChecks.at(o)->isChecked())
                continue;
            for (int d = 0; d < m_monthWeekDayChecks.size(); ++d) {
                if (m_monthWeekDayChecks.at(d)->isChecked())
                    occurrences.append({Qt::DayOfWeek(d + 1), o < 4 ? o + 1 : -1});
            }
        }
    }
    m_recurrence.setMonthDays(monthDays);
    m_recurrence.setMonthlyOccurrences(occurrences);
}

QString ScheduleWizard::checkRecurrence() const
{
    QString problem = m_recurrence.checkStructure();
    if (problem.isEmpty())
        problem = m_recurrence.validate(reference());
    return problem;
}

JobSettings ScheduleWizard::settings() const
{
    JobSettings result;
    applyTo(result);
    return result;
}

void ScheduleWizard::applyTo(JobSettings& settings) const
{
    if (isCron()) {
        settings.setRecurrence(std::nullopt);
        settings.setSchedule(m_cronEdit->text().trimmed());
    } else {
        settings.setSchedule({});
        settings.setRecurrence(m_recurrence.toJson());
    }
    settings.setTimeZone(timeZoneName());
}

void ScheduleWizard::computePreview()
{
    const JobSettings keys = settings();
    const Schedule schedule = Schedule::fromSettings(keys);
    m_jsonView->setPlainText(QString::fromUtf8(keys.toJson()));
    m_summaryLabel->setText(schedule.kind() == Schedule::Kind::Recurrence && schedule.recurrence()
            ? schedule.recurrence()->describe()
            : tr("CRON %1").arg(schedule.cronText()));
    m_previewList->clear();
    m_preview.clear();
    const QDateTime created = reference();
    const quint64 generation = ++m_previewGeneration;
    // The arithmetic can take a while for sparse schedules: keep it off the GUI thread.
    // As the engine's scheduler: a recurrence may run at its creation time itself, a CRON
    // expression runs strictly after it.
    const bool inclusive = schedule.kind() == Schedule::Kind::Recurrence;
    whenFinished(this, QtConcurrent::run([schedule, created, inclusive] {
        QList<QDateTime> times;
        QDateTime after = inclusive ? created.addMSecs(-1) : created;
        for (int i = 0; i < PreviewCount; ++i) {
            const QDateTime next = schedule.next(after, created);
            if (!next.isValid())
                break;
            times.append(next);
            after = next;
        }
        return times;
    }),
        [this, generation](const QList<QDateTime>& times) {
            if (generation != m_previewGeneration)
                return;
            m_preview = times;
            const QTimeZone zone = this->zone();
            for (const QDateTime& time : times) {
                m_previewList->addItem(
                    QLocale().toString(time.toTimeZone(zone), QLocale().dateTimeFormat(QLocale::LongFormat)));
            }
            if (times.isEmpty())
                m_previewList->addItem(tr("The schedule has no future occurrence."));
            Q_EMIT previewReady();
        });
}

void ScheduleWizard::setSettings(const JobSettings& settings)
{
    const Schedule schedule = Schedule::fromSettings(settings);
    if (!schedule.timeZoneName().isEmpty())
        m_timeZoneCombo->setCurrentText(schedule.timeZoneName());
    if (schedule.kind() == Schedule::Kind::Cron) {
        m_cronRadio->setChecked(true);
        m_cronEdit->setText(schedule.cronText());
        return;
    }
    if (schedule.kind() != Schedule::Kind::Recurrence || !schedule.recurrence())
        return;
    const Recurrence recurrence = *schedule.recurrence();
    m_recurrence = recurrence;
    (recurrence.isRecurring() ? m_recurringRadio : m_oneTimeRadio)->setChecked(true);
    if (const auto start = recurrence.startTime()) {
        m_startAtRadio->setChecked(true);
        m_startEdit->setDateTime(start->isWallClock ? start->value : wallClock(start->value.toTimeZone(zone())));
    }
    m_intervalSpin->setValue(recurrence.interval());
    m_frequencyCombo->setCurrentIndex(int(Frequencies.indexOf(recurrence.frequency())));
    if (const auto end = recurrence.endTime()) {
        m_endCheck->setChecked(true);
        m_endEdit->setDateTime(end->isWallClock ? end->value : wallClock(end->value.toTimeZone(zone())));
    }
    m_weekScheduleCheck->setChecked(!recurrence.weekDays().isEmpty());
    for (const Qt::DayOfWeek day : recurrence.weekDays())
        m_weekDayChecks.at(day - 1)->setChecked(true);
    const bool monthDays = !recurrence.monthDays().isEmpty();
    const bool occurrences = !recurrence.monthlyOccurrences().isEmpty();
    m_monthScheduleCheck->setChecked(monthDays || occurrences);
    (occurrences ? m_monthWeekDaysRadio : m_monthDaysRadio)->setChecked(true);
    for (const int day : recurrence.monthDays()) {
        if (day >= 1 && day <= 31)
            m_monthDayChecks.at(day - 1)->setChecked(true);
        else if (day == -1)
            m_monthDayChecks.at(31)->setChecked(true);
    }
    for (const Recurrence::MonthlyOccurrence& occurrence : recurrence.monthlyOccurrences()) {
        if (occurrence.occurrence >= 1 && occurrence.occurrence <= 4)
            m_occurrenceChecks.at(occurrence.occurrence - 1)->setChecked(true);
        else if (occurrence.occurrence == -1)
            m_occurrenceChecks.at(4)->setChecked(true);
        m_monthWeekDayChecks.at(occurrence.day - 1)->setChecked(true);
    }
}

} // namespace WebJobs
