#pragma once

// The wizard's first step: a one-time job, a recurring job, or (advanced) a CRON expression.
// It writes whether the recurrence recurs.

#include "ui/wizard/ScheduleWizardPage.h"

class QRadioButton;

namespace WebJobs {

class ScheduleTypePage : public ScheduleWizardPage
{
    Q_OBJECT

public:
    explicit ScheduleTypePage(ScheduleWizard* wizard);

    bool isRecurring() const;
    bool isCron() const;
    // Chooses the advanced kind: the schedule is a CRON expression.
    void setCron();

    void load(const Recurrence& recurrence) override;

protected:
    QString check() override;

private:
    QRadioButton* m_oneTimeRadio;
    QRadioButton* m_recurringRadio;
    QRadioButton* m_cronRadio;
};

} // namespace WebJobs
