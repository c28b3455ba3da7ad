#pragma once

// The start step: now or at a given wall-clock time, and the time zone every time of the
// schedule is read in (a CRON expression's too). It writes the recurrence's start and zone.

#include "ui/wizard/ScheduleWizardPage.h"

class QComboBox;
class QLabel;
class QDateTimeEdit;
class QRadioButton;

namespace WebJobs {

class ScheduleStartPage : public ScheduleWizardPage
{
    Q_OBJECT

public:
    explicit ScheduleStartPage(ScheduleWizard* wizard);

    // The chosen zone's name; empty for UTC.
    QString timeZoneName() const;
    // The chosen zone; UTC when the name is empty, invalid when it is unknown.
    QTimeZone timeZone() const;
    void setTimeZoneName(const QString& name);

    void load(const Recurrence& recurrence) override;
    void initializePage() override;

protected:
    QString check() override;

private:
    QRadioButton* m_startNowRadio;
    QRadioButton* m_startAtRadio;
    QDateTimeEdit* m_startEdit;
    QLabel* m_startLabel;
    QString m_dateTimeFormat;
    QComboBox* m_timeZoneCombo;
};

} // namespace WebJobs
