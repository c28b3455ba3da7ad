#pragma once

// The advanced step: a six-field NCRONTAB expression (Kudu's `schedule`), read in the zone of
// the start page. It checks the text with the engine; the recurrence is not used.

#include "ui/wizard/ScheduleWizardPage.h"

class QLineEdit;

namespace WebJobs {

class ScheduleCronPage : public ScheduleWizardPage
{
    Q_OBJECT

public:
    explicit ScheduleCronPage(ScheduleWizard* wizard);

    // The expression as typed, without surrounding spaces.
    QString expression() const;
    void setExpression(const QString& expression);

protected:
    QString check() override;

private:
    QLineEdit* m_cronEdit;
};

} // namespace WebJobs
