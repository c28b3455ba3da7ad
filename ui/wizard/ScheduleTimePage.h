#pragma once

// The "at" step of day, week and month recurrences: the times of day the job runs, as the
// recurrence's schedule hours and minutes (wall-clock values of the schedule's zone).
//
// A recurrence runs at every chosen hour combined with every chosen minute (a cross product),
// so 09:30 and 17:00 cannot be one schedule. The page therefore asks for one time and,
// optionally, more hours at that same minute (09:30, 13:30, 17:30), and says so. Minute and
// hour frequencies have no "at" step: they step in elapsed time from the start.
//
// It also sets the time of the start date chosen on the start page to the first of these times,
// so that the schedule's JSON reads as it runs.

#include "ui/wizard/ScheduleWizardPage.h"

class QLineEdit;
class QTimeEdit;

namespace WebJobs {

class ScheduleTimePage : public ScheduleWizardPage
{
    Q_OBJECT

public:
    explicit ScheduleTimePage(ScheduleWizard* wizard);

    void load(const Recurrence& recurrence) override;

protected:
    QString check() override;

private:
    QTimeEdit* m_timeEdit;
    QLineEdit* m_moreHoursEdit;
};

} // namespace WebJobs
