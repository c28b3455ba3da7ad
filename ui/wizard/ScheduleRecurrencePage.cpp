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
    setTitle(tr("Recur every"));
    setSubTitle(tr("Choose how often the job runs, and when the schedule ends."));
    m_intervalSpin = new QSpinBox(this);
    m_intervalSpin->setObjectName(u"intervalSpin"_s);
    m_intervalSpin->setRange(1, 1000);
    m_frequencyCombo = new QComboBox(this);
    m_frequencyCombo->setObjectName(u"frequencyCombo"_s);
    m_frequencyCombo->addItem(tr("Minutes"), int(Recurrence::Frequency::Minute));
    m_frequencyCombo->addItem(tr("Hours"), int(Recurrence::Frequency::Hour));
    m_frequencyCombo->addItem(tr("Days"), int(Recurrence::Frequency::Day));
    m_frequencyCombo->addItem(tr("Weeks"), int(Recurrence::Frequency::Week));
    m_frequencyCombo->addItem(tr("Months"), int(Recurrence::Frequency::Month));
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
    form->addRow(tr("Recur every"), everyRow);
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
    // The pages of the other frequencies do not apply any more.
    if (frequency() != Recurrence::Frequency::Week)
        edited.setWeekDays({});
    if (frequency() != Recurrence::Frequency::Month) {
        edited.setMonthDays({});
        edited.setMonthlyOccurrences({});
    }
    return checkRecurrence();
}

} // namespace WebJobs
