#pragma once

// The base of the schedule wizard's pages (KeePassXC's NewDatabaseWizardPage): the wizard a
// page belongs to, the Recurrence the wizard owns, and what the pages share.
//
// A page that edits the recurrence overrides load() to show a recurrence in its widgets (the
// wizard's setSettings calls it on every page) and check() to write its own part into
// recurrence() and answer with the engine's sentence (checkRecurrence()). Pages do not choose
// the next page: the wizard does (ScheduleWizard::nextId), from the pages' accessors.

#include "core/schedule/Recurrence.h"
#include "ui/CheckedWizardPage.h"

#include <QDateTime>
#include <QTimeZone>

class QDateTimeEdit;

namespace WebJobs {

class ScheduleWizard;

class ScheduleWizardPage : public CheckedWizardPage
{
    Q_OBJECT

public:
    explicit ScheduleWizardPage(ScheduleWizard* wizard);

    // Shows `recurrence` (a schedule being edited) in the page's widgets; the default shows
    // nothing. Called once, before the page is shown.
    virtual void load(const Recurrence& recurrence);

protected:
    ScheduleWizard* scheduleWizard() const { return m_wizard; }
    // The wizard's recurrence, into which check() writes the page's part.
    Recurrence& recurrence() const;
    // The engine's sentence about the recurrence as it stands: its structure, then the checks
    // at the wizard's reference time. Empty when valid.
    QString checkRecurrence() const;

    // A date and time editor of wall-clock times: its value has the UTC spec and the fields of
    // the time as read in the schedule's zone.
    QDateTimeEdit* createDateTimeEdit(const QString& objectName);
    // `value`'s fields as a wall-clock time.
    static QDateTime wallClock(const QDateTime& value);
    // A time of the recurrence as a wall-clock time of `zone`.
    static QDateTime wallClock(const Recurrence::TimePoint& point, const QTimeZone& zone);

private:
    ScheduleWizard* m_wizard;
};

} // namespace WebJobs
