#pragma once

// The "Recur every" step: the interval and frequency, and an optional end time. It writes
// them, and drops the week days and month days of the frequencies no longer chosen.

#include "ui/wizard/ScheduleWizardPage.h"

class QCheckBox;
class QComboBox;
class QDateTimeEdit;
class QSpinBox;

namespace WebJobs {

class ScheduleRecurrencePage : public ScheduleWizardPage
{
    Q_OBJECT

public:
    explicit ScheduleRecurrencePage(ScheduleWizard* wizard);

    Recurrence::Frequency frequency() const;

    void load(const Recurrence& recurrence) override;

protected:
    QString check() override;

private:
    QSpinBox* m_intervalSpin;
    QComboBox* m_frequencyCombo;
    QCheckBox* m_endCheck;
    QDateTimeEdit* m_endEdit;
};

} // namespace WebJobs
