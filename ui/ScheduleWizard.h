#pragma once

// The schedule wizard of "Run on a schedule" and Edit schedule: the portal's steps as pages,
// one class each in ui/wizard/.
//
//     Type ──▶ Start ──▶ Recurrence ──▶ Week days ──▶ At ──▶ Preview
//      │         │            ├───────▶ Month days ─▶ ▲         ▲
//      │         │            ├──(day)────────────────┘         │
//      │         │            └──(minute, hour)─────────────────┤
//      │         └──(one-time)──────────────────────────────────┤
//      └──(advanced)──▶ NCRONTAB ───────────────────────────────┘
//
// The "at" step (ScheduleTimePage) gives day, week and month recurrences their times of day;
// minute and hour frequencies step in elapsed time from the start and have none.
//
// The wizard owns the Recurrence it builds and orders the pages (nextId(), the arrows above);
// each page shows and writes one part of the recurrence and checks it (validatePage) with the
// engine's sentence (Recurrence::checkStructure/validate, Schedule). The last page describes
// the schedule and previews its next PreviewCount occurrences, computed off the GUI thread by
// core/schedule. settings()/applyTo() give the settings.job keys.
//
// A new step is a ScheduleWizardPage subclass (load() shows a recurrence, check() writes its
// part), a PageId, a setPage() in the constructor and its place in nextId().

#include "core/model/JobSettings.h"
#include "core/schedule/Recurrence.h"

#include <QDateTime>
#include <QList>
#include <QTimeZone>
#include <QWizard>

namespace WebJobs {

class ScheduleCronPage;
class ScheduleMonthPage;
class SchedulePreviewPage;
class ScheduleRecurrencePage;
class ScheduleStartPage;
class ScheduleTimePage;
class ScheduleTypePage;
class ScheduleWeekDaysPage;
class ScheduleWizardPage;

class ScheduleWizard : public QWizard
{
    Q_OBJECT

public:
    enum PageId
    {
        TypePage,
        StartPage,
        RecurrencePage,
        WeekDaysPage,
        MonthPage,
        CronPage,
        TimePage,
        PreviewPage,
    };
    static constexpr int PreviewCount = 10;

    explicit ScheduleWizard(QWidget* parent = nullptr);

    // Fills the pages from the schedule keys of `settings`.
    void setSettings(const JobSettings& settings);
    // The schedule keys only (schedule or recurrence, time_zone).
    JobSettings settings() const;
    // Writes the schedule keys into `settings`, removing the other kind's.
    void applyTo(JobSettings& settings) const;

    const Recurrence& recurrence() const { return m_recurrence; }
    bool isCron() const;
    // The zone chosen on the start page: its name (empty for UTC), and the zone itself.
    QString timeZoneName() const;
    QTimeZone timeZone() const;
    // The occurrences the preview page shows (after it has been computed).
    QList<QDateTime> previewTimes() const;
    // The reference time of checks and previews (now, unless a test fixes it).
    void setReferenceTime(const QDateTime& time) { m_reference = time; }
    QDateTime referenceTime() const;

    // The page after the current one, from the choices made so far.
    int nextId() const override;

Q_SIGNALS:
    void previewReady();

private:
    // The pages edit the recurrence the wizard owns.
    friend class ScheduleWizardPage;

    Recurrence m_recurrence;
    QDateTime m_reference;

    ScheduleTypePage* m_typePage;
    ScheduleStartPage* m_startPage;
    ScheduleRecurrencePage* m_recurrencePage;
    ScheduleWeekDaysPage* m_weekDaysPage;
    ScheduleMonthPage* m_monthPage;
    ScheduleCronPage* m_cronPage;
    ScheduleTimePage* m_timePage;
    SchedulePreviewPage* m_previewPage;
};

} // namespace WebJobs
