#pragma once

// A point in time with .NET DateTime precision, always UTC: 100-nanosecond ticks since
// 0001-01-01T00:00:00Z. Tick 0 means "unset" (Kudu's DateTime.MinValue, the end time of a run
// that has not finished).
//
// Text form, as Json.NET writes a UTC DateTime: ISO 8601 with up to seven fraction digits,
// trailing zeros trimmed, and a 'Z' ("2024-09-04T13:33:18.4631072Z", "2024-09-04T13:33:18Z");
// the unset value is "0001-01-01T00:00:00" without 'Z'. parse() also reads fewer digits (more
// than seven are truncated), no zone (taken as UTC), and offsets ("+02:00", "+0200", "-05").
//
// Run ids are the UTC start time as `yyyyMMddHHmmssffff` (18 digits, the fraction truncated
// to 1/10000 s), which sort in time order.
//
// Value type, safe from any thread. QDateTime holds milliseconds only: converting to it
// truncates the last four digits.

#include "core/model/Duration.h"

#include <QDateTime>
#include <QString>

#include <compare>
#include <optional>

namespace WebJobs {

class Instant
{
public:
    // Ticks at 1970-01-01T00:00:00Z.
    static constexpr qint64 UnixEpochTicks = 621'355'968'000'000'000;
    // Ticks at 9999-12-31T23:59:59.9999999Z, DateTime.MaxValue.
    static constexpr qint64 MaxTicks = 3'155'378'975'999'999'999;

    constexpr Instant() = default;

    static constexpr Instant fromTicks(qint64 ticks) { return Instant(ticks); }
    // The system clock, with its full (sub-millisecond) precision.
    static Instant now();
    // An invalid QDateTime gives the unset instant.
    static Instant fromDateTime(const QDateTime& dateTime);
    static Instant fromMSecsSinceEpoch(qint64 ms)
    {
        return Instant(UnixEpochTicks + ms * Duration::TicksPerMillisecond);
    }

    constexpr qint64 ticks() const { return m_ticks; }
    constexpr bool isNull() const { return m_ticks == 0; }
    // A UTC QDateTime (milliseconds kept, the rest truncated); invalid for the unset instant.
    QDateTime toDateTime() const;
    qint64 toMSecsSinceEpoch() const;

    // Json.NET's text, see above.
    QString toString() const;
    static std::optional<Instant> parse(QStringView text);

    // `yyyyMMddHHmmssffff` in UTC.
    QString toRunId() const;
    // The instant a run id names (to 1/10000 s); std::nullopt unless it is 18 digits of a
    // valid date and time.
    static std::optional<Instant> fromRunId(QStringView runId);

    constexpr Instant operator+(Duration d) const { return Instant(m_ticks + d.ticks()); }
    constexpr Instant operator-(Duration d) const { return Instant(m_ticks - d.ticks()); }
    constexpr Duration operator-(Instant other) const { return Duration::fromTicks(m_ticks - other.m_ticks); }
    friend constexpr auto operator<=>(const Instant&, const Instant&) = default;

private:
    constexpr explicit Instant(qint64 ticks)
        : m_ticks(ticks)
    { }

    qint64 m_ticks = 0;
};

} // namespace WebJobs
