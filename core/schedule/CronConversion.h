#pragma once

// The schedule wizard's recurrence (Recurrence.h) as the six-field NCRONTAB `schedule` a Kudu
// site understands (CronExpression.h), when the two have exactly the same occurrences from the
// moment the schedule is saved; otherwise a sentence saying why not and what to change.
//
// A Kudu site reads only `schedule` from settings.job (docs/kudu-webjobs-api.md §6.1): no start
// time, no end, no count, no "last" day, no step that crosses a month or a week, and its own
// time zone (UTC unless the site's WEBSITE_TIME_ZONE says otherwise). So a recurrence converts
// when all of these hold:
//  - it is recurring, has a start time at or before `created` (a recurrence without one runs at
//    once when saved, and one with a later start waits for it: Kudu can do neither), in whole
//    seconds;
//  - it has no count and no end time;
//  - it is evaluated in UTC;
//  - its steps repeat inside cron's fields: every N minutes with N dividing 60, or N a whole
//    number of hours dividing 24; every N hours with N dividing 24; every day; every week;
//    every N months with N dividing 12;
//  - its month days are counted from the start of the month (not -1 = the last day), and its
//    monthly occurrences are counted from the start (not "the last Friday") and combine as
//    "these occurrences of these days" (the first and second Monday and Friday, not the first
//    Monday and the second Friday).
// The start time's second (and its minute and hour when the schedule does not give them) go
// into the expression, as the recurrence runs at them (docs/schedules.md, D1 and D2).
//
// Pure function, safe from any thread. Sentences are translated (context "CronConversion").

#include "core/schedule/Recurrence.h"

#include <QDateTime>
#include <QString>

#include <optional>

namespace WebJobs::CronConversion {

// The expression whose occurrences after `created` are the recurrence's runs for a job saved
// at `created` (Recurrence::runs), or std::nullopt with the reason and the remedy in `why`.
std::optional<QString> toCron(const Recurrence& recurrence, const QDateTime& created, QString* why = nullptr);

} // namespace WebJobs::CronConversion
