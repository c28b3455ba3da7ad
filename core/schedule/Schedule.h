#pragma once

// A triggered job's schedule as settings.job states it: none, Kudu's six-field NCRONTAB
// `schedule`, or our `recurrence` (the schedule wizard's job JSON), read in the zone named by
// `time_zone` (UTC when absent) with a misfire policy (JobSettings.h lists the keys).
//
// fromSettings() checks the keys and parses the expression; the occurrence arithmetic itself
// belongs to core/schedule (CronExpression, Recurrence), which next() calls.
//
// Rules:
//  - a blank or absent `schedule` and an absent or null `recurrence` mean no schedule, as
//    in Kudu (IsNullOrWhiteSpace);
//  - a job with both a non-blank `schedule` and a `recurrence` is invalid;
//  - a `schedule` that is not a string, a cron text that does not parse, a `recurrence` that
//    is not an object or does not parse, an unknown `time_zone` or `misfire_policy` make the
//    schedule invalid. Kudu's answer to a bad schedule is "no schedule and a line in
//    job_scheduler.log"; an invalid Schedule therefore never fires, and errorString() is
//    the sentence to log and show.
//  - the time zone applies to a cron `schedule` too (Kudu reads cron in the machine's zone,
//    UTC on Azure unless WEBSITE_TIME_ZONE says otherwise).
//
// Value type, safe from any thread.

#include "core/model/JobSettings.h"
#include "core/schedule/CronExpression.h"
#include "core/schedule/Recurrence.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QTimeZone>

#include <optional>

namespace WebJobs {

class Schedule
{
    Q_DECLARE_TR_FUNCTIONS(Schedule)

public:
    enum class Kind
    {
        None,
        Cron,
        Recurrence,
    };
    using MisfirePolicy = JobSettings::MisfirePolicy;

    Schedule() = default; // no schedule, valid

    static Schedule fromSettings(const JobSettings& settings);

    // Writes this schedule's keys into `settings` (and removes the other kind's key); the
    // time zone and the misfire policy are written only when they differ from the defaults.
    void applyTo(JobSettings& settings) const;

    // A cron schedule; `timeZoneName` empty for UTC. Check isValid().
    static Schedule fromCron(
        const QString& text, const QString& timeZoneName = {}, MisfirePolicy policy = MisfirePolicy::RunOnce);
    // A recurrence (the wizard's job JSON); `timeZoneName` empty for UTC. Check isValid().
    static Schedule fromRecurrence(
        const QJsonObject& job, const QString& timeZoneName = {}, MisfirePolicy policy = MisfirePolicy::RunOnce);

    Kind kind() const { return m_kind; }
    bool isNone() const { return m_kind == Kind::None; }
    bool isValid() const { return m_error.isEmpty(); }
    // A translated sentence saying what is wrong and how to fix it; empty when valid.
    QString errorString() const { return m_error; }

    // The `schedule` text as written (Kind::Cron).
    QString cronText() const { return m_cronText; }
    CronExpression cronExpression() const { return m_cron; }
    // The `recurrence` object as written (Kind::Recurrence).
    QJsonObject recurrenceJson() const { return m_recurrenceJson; }
    // The parsed recurrence, with its time zone set (Kind::Recurrence, valid).
    std::optional<Recurrence> recurrence() const { return m_recurrence; }
    // The `time_zone` as written; empty for UTC.
    QString timeZoneName() const { return m_timeZoneName; }
    QTimeZone timeZone() const { return m_zone; }
    MisfirePolicy misfirePolicy() const { return m_policy; }

    // The checks of a recurrence that need the job's creation time (Recurrence::validate);
    // empty when there is nothing wrong. The other kinds have none.
    QString validate(const QDateTime& created) const;

    // The first occurrence strictly after `after`, as a UTC instant; null when there is none,
    // or the schedule is none or invalid. `created` is the job's creation time, the reference
    // of a recurrence (a cron expression does not use it).
    QDateTime next(const QDateTime& after, const QDateTime& created) const;

    // Whether an occurrence due at `due` that the scheduler only reaches at `now` (the agent
    // was down, or busy) still runs now: under RunOnce when it is at most 10 minutes late
    // (Kudu's rule), never under Skip. A timer that fires on time is not a misfire; telling
    // timer jitter from a misfire is the scheduler's business.
    bool shouldRunMissed(const QDateTime& due, const QDateTime& now) const;

    friend bool operator==(const Schedule&, const Schedule&) = default;

private:
    // Resolves m_timeZoneName into m_zone; false (and m_error set) when unknown.
    bool resolveTimeZone();
    void parseCron();
    void parseRecurrence();

    Kind m_kind = Kind::None;
    QString m_error;
    QString m_cronText;
    CronExpression m_cron;
    QJsonObject m_recurrenceJson;
    std::optional<Recurrence> m_recurrence;
    QString m_timeZoneName;
    QTimeZone m_zone = QTimeZone::utc();
    MisfirePolicy m_policy = MisfirePolicy::RunOnce;
};

} // namespace WebJobs
