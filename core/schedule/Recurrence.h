#pragma once

// The portal's schedule wizard, in Azure Scheduler's job form (docs/schedules.md):
//
//     {"startTime": "2024-05-06T09:30:00",
//      "recurrence": {"frequency": "week", "interval": 2,
//                     "schedule": {"weekDays": ["monday", "wednesday"], "hours": [9], "minutes": [30]},
//                     "count": 10, "endTime": "2024-12-31T00:00:00Z"}}
//
// A job without "recurrence" is one-time. Semantics are Parts 1-2 of docs/schedules.md with the
// decisions D1-D12, evaluated on the wall clock of timeZone() (UTC unless set): schedule hours,
// minutes, week days and month days are wall-clock values of that zone, and a startTime or
// endTime written without an offset is a wall-clock time of that zone too. Minute and hour
// frequencies step in elapsed time; day, week and month frequencies step on the calendar.
// DST rules are those of ZonedTime.h.
//
// Every evaluation takes the job's creation time `created`: it is the "now" of the docs (the
// run of a job with no startTime, the reference for a start in the past, where `count`
// starts counting). All runs of a job are at or after `created`.
//
// Value type, cheap to copy, safe to use from any thread. Errors are translated sentences
// that name the field and what it allows.

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QLocale>
#include <QString>
#include <QTimeZone>

#include <optional>

namespace WebJobs {

class Recurrence
{
    Q_DECLARE_TR_FUNCTIONS(Recurrence)

public:
    enum class Frequency
    {
        Minute,
        Hour,
        Day,
        Week,
        Month,
    };

    struct MonthlyOccurrence
    {
        Qt::DayOfWeek day = Qt::Monday;
        int occurrence = 0; // 1..5 from the start, -1..-5 from the end; 0 = every such day
        friend bool operator==(const MonthlyOccurrence&, const MonthlyOccurrence&) = default;
    };

    // A date-time as written in the job: either an instant (the text had an offset or Z)
    // or a wall-clock time of the recurrence's zone.
    struct TimePoint
    {
        QDateTime value; // Qt::UTC spec; for a wall-clock time its fields are the local ones
        bool isWallClock = false;
        friend bool operator==(const TimePoint&, const TimePoint&) = default;
    };

    Recurrence() = default; // one-time, starting immediately

    // Reads the job JSON. Structural errors (unknown frequency, interval out of range,
    // element not allowed with this frequency, value out of range, ...) make it return
    // std::nullopt with the sentence in `errorMessage`.
    static std::optional<Recurrence> fromJson(const QJsonObject& job, QString* errorMessage = nullptr);
    QJsonObject toJson() const;

    // The checks that need the creation time (endTime not after creation, endTime before
    // startTime, a schedule that never runs). Empty when valid. The sentence writes dates and
    // times as the file does ("2024-12-31 00:00"); with a locale, in that locale's short
    // formats (its clock, four-digit years), for a person reading a form.
    QString validate(const QDateTime& created) const;
    QString validate(const QDateTime& created, const QLocale& locale) const;

    // The first run strictly after `after`; null when the series has ended.
    QDateTime next(const QDateTime& after, const QDateTime& created) const;

    // The first `count` runs of the series, in order (all at or after `created`).
    QList<QDateTime> runs(const QDateTime& created, int count) const;

    // A readable sentence in the user's language, e.g.
    // "Every 2 weeks on Monday, Wednesday at 09:30 (Europe/Paris)": times of day on the 24-hour
    // clock and dates as yyyy-MM-dd, the same on every locale (logs, the command line).
    QString describe() const;
    // The same sentence with times of day and dates in `locale`'s short formats (LocaleFormats):
    // "… at 9:30 AM" in English, "… à 09:30" in French. For the console's labels.
    QString describe(const QLocale& locale) const;

    // The wizard's accessors. Setters do not validate; fromJson/validate do.
    bool isRecurring() const { return m_recurring; }
    void setRecurring(bool recurring) { m_recurring = recurring; }
    std::optional<TimePoint> startTime() const { return m_startTime; }
    void setStartTime(std::optional<TimePoint> start) { m_startTime = start; }
    Frequency frequency() const { return m_frequency; }
    void setFrequency(Frequency frequency) { m_frequency = frequency; }
    int interval() const { return m_interval; }
    void setInterval(int interval) { m_interval = interval; }
    std::optional<int> count() const { return m_count; }
    void setCount(std::optional<int> count) { m_count = count; }
    std::optional<TimePoint> endTime() const { return m_endTime; }
    void setEndTime(std::optional<TimePoint> end) { m_endTime = end; }
    QList<int> minutes() const { return m_minutes; }
    void setMinutes(const QList<int>& minutes) { m_minutes = minutes; }
    QList<int> hours() const { return m_hours; }
    void setHours(const QList<int>& hours) { m_hours = hours; }
    QList<Qt::DayOfWeek> weekDays() const { return m_weekDays; }
    void setWeekDays(const QList<Qt::DayOfWeek>& days) { m_weekDays = days; }
    QList<int> monthDays() const { return m_monthDays; }
    void setMonthDays(const QList<int>& days) { m_monthDays = days; }
    QList<MonthlyOccurrence> monthlyOccurrences() const { return m_monthlyOccurrences; }
    void setMonthlyOccurrences(const QList<MonthlyOccurrence>& occurrences) { m_monthlyOccurrences = occurrences; }
    QTimeZone timeZone() const { return m_zone; }
    void setTimeZone(const QTimeZone& zone) { m_zone = zone; }

    // The structural checks of fromJson, for a value built with the setters.
    QString checkStructure() const;

    static QString frequencyName(Frequency frequency); // "minute", "hour", ... as in the JSON
    static std::optional<Frequency> frequencyFromName(const QString& name); // case-insensitive
    static int maximumInterval(Frequency frequency); // 1000, 1000, 548, 78, 18

    friend bool operator==(const Recurrence&, const Recurrence&) = default;

private:
    // `locale` null: the file's own formats.
    QString validateIn(const QDateTime& created, const QLocale* locale) const;
    QString describeIn(const QLocale* locale) const;

    bool m_recurring = false;
    std::optional<TimePoint> m_startTime;
    Frequency m_frequency = Frequency::Day;
    int m_interval = 1;
    std::optional<int> m_count;
    std::optional<TimePoint> m_endTime;
    QList<int> m_minutes;
    QList<int> m_hours;
    QList<Qt::DayOfWeek> m_weekDays;
    QList<int> m_monthDays;
    QList<MonthlyOccurrence> m_monthlyOccurrences;
    QTimeZone m_zone = QTimeZone::utc();
};

} // namespace WebJobs
