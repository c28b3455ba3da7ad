#pragma once

// What the scheduler must remember about one triggered job's schedule across restarts, so that
// a restart neither repeats nor silently skips a due time.
//
// Value type, safe from any thread.

#include "core/model/Instant.h"

#include <QString>

namespace WebJobs {

struct ScheduleState
{
    QString jobName;
    // When the schedule was created: the anchor of "every N minutes" recurrences.
    Instant created;
    // The last due time that was handled (run, or skipped by the misfire policy); null before
    // the first one.
    Instant lastScheduled;
    // Text that identifies the schedule (its cron expression or recurrence JSON and time zone):
    // when the job's schedule changes, the key changes and the host starts a fresh state.
    QString scheduleKey;

    friend bool operator==(const ScheduleState&, const ScheduleState&) = default;
};

} // namespace WebJobs
