#pragma once

// The days of a monthly recurrence, offered at once:
// days of the month (the last one included) or occurrences of week days
// ("last Friday"). It writes the recurrence's month days or monthly occurrences.

#include "ui/wizard/ScheduleWizardPage.h"

#include <QList>

class QCheckBox;
class QRadioButton;

namespace WebJobs {

class ScheduleMonthPage : public ScheduleWizardPage
{
    Q_OBJECT

public:
    explicit ScheduleMonthPage(ScheduleWizard* wizard);

    void load(const Recurrence& recurrence) override;

protected:
    QString check() override;

private:
    QRadioButton* m_monthDaysRadio;
    QRadioButton* m_monthWeekDaysRadio;
    QList<QCheckBox*> m_monthDayChecks; // 1..31, then the last day
    QList<QCheckBox*> m_occurrenceChecks; // first..fourth, last
    QList<QCheckBox*> m_monthWeekDayChecks; // Monday..Sunday
};

} // namespace WebJobs
