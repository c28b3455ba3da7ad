#pragma once

// The week days of a weekly recurrence: the days chosen (at least one). It writes the
// recurrence's week days.

#include "ui/wizard/ScheduleWizardPage.h"

#include <QList>

class QCheckBox;

namespace WebJobs {

class ScheduleWeekDaysPage : public ScheduleWizardPage
{
    Q_OBJECT

public:
    explicit ScheduleWeekDaysPage(ScheduleWizard* wizard);

    void load(const Recurrence& recurrence) override;

protected:
    QString check() override;

private:
    QList<QCheckBox*> m_weekDayChecks; // Monday..Sunday
};

} // namespace WebJobs
