#pragma once

// A six-field NCRONTAB expression, as Kudu reads it from settings.job `schedule`:
//
//     {second} {minute} {hour} {day} {month} {day-of-week}
//
// Semantics follow NCrontab 2.0 with seconds (docs/schedules.md, part 4): comma lists of
// `*`, `*/n`, `a`, `a/n` (a, a+n, ... up to the field maximum), `a-b`, `a-b/n`; month and
// day-of-week names by case-insensitive prefix; day-of-week 0-6 with 0 = Sunday; a day must
// match the day field AND the day-of-week field; days missing from a month are skipped.
//
// next() is evaluated on the wall clock of a named time zone (UTC by default) and answers
// an instant strictly after `after`; see ZonedTime.h for the DST rules.
//
// Value type, cheap to copy, immutable once parsed, safe to use from any thread.

#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QTimeZone>

#include <bitset>

namespace WebJobs {

class CronExpression
{
    Q_DECLARE_TR_FUNCTIONS(CronExpression)

public:
    CronExpression() = default;

    // Parses `text`. On failure returns an invalid expression and, when `errorMessage` is
    // given, a translated sentence naming the field and what it allows.
    static CronExpression parse(const QString& text, QString* errorMessage = nullptr);

    bool isValid() const { return m_valid; }

    // The text as it was given.
    QString text() const { return m_text; }

    // NCrontab's expanded form (CrontabSchedule.ToString), e.g. "*/15" -> "0,15,30,45";
    // Kudu records it in a scheduled run's trigger ("Schedule - <expanded>").
    QString expandedText() const;

    // The first occurrence strictly after `after`, as a UTC instant; a null QDateTime when
    // there is none (e.g. 30 February) or the expression is invalid.
    QDateTime next(const QDateTime& after, const QTimeZone& zone = QTimeZone::utc()) const;

    // Up to `count` consecutive occurrences strictly after `after`.
    QList<QDateTime> occurrences(const QDateTime& after, int count, const QTimeZone& zone = QTimeZone::utc()) const;

    friend bool operator==(const CronExpression& a, const CronExpression& b)
    {
        return a.m_valid == b.m_valid && a.m_seconds == b.m_seconds && a.m_minutes == b.m_minutes
            && a.m_hours == b.m_hours && a.m_days == b.m_days && a.m_months == b.m_months
            && a.m_daysOfWeek == b.m_daysOfWeek;
    }

private:
    // The next wall-clock time (floating, Qt::UTC spec) strictly after `wall` that matches.
    QDateTime nextWallClock(const QDateTime& wall) const;

    QString m_text;
    bool m_valid = false;
    std::bitset<60> m_seconds;
    std::bitset<60> m_minutes;
    std::bitset<24> m_hours;
    std::bitset<32> m_days; // 1-31
    std::bitset<13> m_months; // 1-12
    std::bitset<7> m_daysOfWeek; // 0 = Sunday
};

} // namespace WebJobs
