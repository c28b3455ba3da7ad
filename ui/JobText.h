#pragma once

// How the console words the engine's values: statuses, job types, schedules, times and
// durations, in the user's language and locale. Pure functions for the GUI thread.

#include "core/model/Duration.h"
#include "core/model/Instant.h"
#include "core/model/Job.h"
#include "core/model/JobStatus.h"

#include <QCoreApplication>
#include <QString>
#include <QTime>

#include <optional>

namespace WebJobs {

class JobText
{
    Q_DECLARE_TR_FUNCTIONS(JobText)

public:
    // The status in the user's language (jobStatusText, shared with the command line).
    static QString status(JobStatus status) { return jobStatusText(status); }
    static QString type(JobType type);
    // "On demand", "Continuous", or the schedule in words.
    static QString mode(const Job& job);
    // The status shown for a job: a continuous job's own, a triggered job's latest run's.
    static JobStatus displayStatus(const Job& job);
    // A date and time in the locale's short format with a four-digit year, in local time; ""
    // for a null instant. The clock (12 or 24 hours) is the locale's, as everywhere else.
    static QString dateTime(Instant instant);
    // The locale's short date format with a four-digit year (LocaleFormats::date).
    static QString dateFormat();
    // The locale's short time-of-day format: 12-hour in English, 24-hour in French.
    static QString timeFormat();
    // A time of day in that format: "9:30 AM", "09:30".
    static QString timeOfDay(QTime time);
    // The locale's short time format with seconds.
    static QString timeFormatWithSeconds();
    // The same with seconds, where runs minutes apart must be told apart.
    static QString preciseDateTime(Instant instant);
    // What started a run, as Kudu records it ("External - <who>", "Schedule - <when>"), with
    // its kind in the user's language.
    static QString trigger(const QString& recorded);
    // An exit code as a person reads it: "1", or "143 (stopped by SIGTERM)" for a process a
    // signal ended (the engine records 128 + the signal's number); "" when there is none.
    static QString exitCode(std::optional<int> code);
    // "2 s", "1 min 05 s", "1 h 02 min".
    static QString duration(std::optional<Duration> duration);
};

} // namespace WebJobs
