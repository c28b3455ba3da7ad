#include "ui/wizard/ScheduleRecurrencePage.h"

#include "ui/ScheduleWizard.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QSpinBox>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace WebJobs {

ScheduleRecurrencePage::ScheduleRecurrencePage(ScheduleWizard* wizard)
    : ScheduleWizardPage(wizard)
{
    setObjectName(u"recurrencePage"_s);
    setTitle(tr("How often"));
    setSubTitle(tr("Choose how often the job runs, and when the schedule ends."));
    m_intervalSpin = new QSpinBox(this);
    m_intervalSpin->setObjectName(u"intervalSpin"_s);
    m_intervalSpin->setRange(1, 1000);
    m_frequencyCombo = new QComboBox(this);
    m_frequencyCombo->setObjectName(u"frequencyCombo"_s);
    for (const Recurrence::Frequency unit : {Recurrence::Frequency::Minute, Recurrence::Frequency::Hour,
             Recurrence::Frequency::Day, Recurrence::Frequency::Week, Recurrence::Frequency::Month})
        m_frequencyCombo->addItem(QString(), int(unit));
    // The units agree with the number: "1 day", "2 days" (and French "1 jour", "2 jours").
    const auto updateUnits = [this](int n) {
        const QStringList units {tr("minute(s)", nullptr, n), tr("hour(s)", nullptr, n), tr("day(s)", nullptr, n),
            tr("week(s)", nullptr, n), tr("month(s)", nullptr, n)};
        for (int i = 0; i < units.size(); ++i)
            m_frequencyCombo->setItemText(i, units.at(i));
    };
    updateUnits(m_intervalSpin->value());
    connect(m_intervalSpin, &QSpinBox::valueChanged, this, updateUnits);
    m_frequencyCombo->setCurrentIndex(m_frequencyCombo->findData(int(Recurrence::Frequency::Day)));
    auto* everyRow = new QHBoxLayout;
    everyRow->addWidget(m_intervalSpin);
    everyRow->addWidget(m_frequencyCombo, 1);

    m_endCheck = new QCheckBox(tr("End time"), this);
    m_endCheck->setObjectName(u"endCheck"_s);
    m_endEdit = createDateTimeEdit(u"endDateTimeEdit"_s);
    m_endEdit->setDateTime(wallClock(QDateTime::currentDateTime().addMonths(1)));
    m_endEdit->setEnabled(false);
    connect(m_endCheck, &QCheckBox::toggled, m_endEdit, &QWidget::setEnabled);

    auto* form = new QFormLayout;
    form->addRow(tr("Repeat every"), everyRow);
    form->addRow(m_endCheck, m_endEdit);
    contentLayout()->addLayout(form);
}

Recurrence::Frequency ScheduleRecurrencePage::frequency() const
{
    return Recurrence::Frequency(m_frequencyCombo->currentData().toInt());
}

void ScheduleRecurrencePage::load(const Recurrence& recurrence)
{
    m_intervalSpin->setValue(recurrence.interval());
    m_frequencyCombo->setCurrentIndex(m_frequencyCombo->findData(int(recurrence.frequency())));
    if (const auto end = recurrence.endTime()) {
        m_endCheck->setChecked(true);
        m_endEdit->setDateTime(wallClock(*end, scheduleWizard()->timeZone()));
    }
}

QString ScheduleRecurrencePage::check()
{
    Recurrence& edited = recurrence();
    edited.setFrequency(frequency());
    edited.setInterval(m_intervalSpin->value());
    if (m_endCheck->isChecked())
        edited.setEndTime(Recurrence::TimePoint {wallClock(m_endEdit->dateTime()), true});
    else
        edited.setEndTime(std::nullopt);
    // The pages of the other frequencies do not apply any more; minute and hour frequencies
    // have no "at" step.
    if (frequency() == Recurrence::Frequency::Minute || frequency() == Recurrence::Frequency::Hour) {
        edited.setHours({});
        edited.setMinutes({});
    }
    if (frequency() != Recurrence::Frequency::Week)
        edited.setWeekDays({});
    if (frequency() != Recurrence::Frequency::Month) {
        edited.setMonthDays({});
        edited.setMonthlyOccurrences({});
    }
    return checkRecurrence();
}

} // namespace WebJobs
