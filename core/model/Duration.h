#pragma once

// A signed length of time with .NET TimeSpan precision: a count of 100-nanosecond ticks.
//
// Kudu writes a run's `duration` with TimeSpan's invariant "c" format,
// `[-][d.]hh:mm:ss[.fffffff]`: the day part only when there is at least one day, the seven
// fraction digits only when the fraction is not zero ("00:00:06.5430141", "1.02:03:04").
// parse() reads the forms TimeSpan.ParseExact(text, "c") accepts: a bare day count ("3"),
// `[-][d.]hh:mm[:ss[.f…]]` with one to seven fraction digits, surrounding spaces ignored.
//
// Value type, safe from any thread.

#include <QString>

#include <chrono>
#include <compare>
#include <optional>

namespace WebJobs {

class Duration
{
public:
    static constexpr qint64 TicksPerMillisecond = 10'000;
    static constexpr qint64 TicksPerSecond = 1000 * TicksPerMillisecond;
    static constexpr qint64 TicksPerMinute = 60 * TicksPerSecond;
    static constexpr qint64 TicksPerHour = 60 * TicksPerMinute;
    static constexpr qint64 TicksPerDay = 24 * TicksPerHour;

    constexpr Duration() = default;

    static constexpr Duration fromTicks(qint64 ticks) { return Duration(ticks); }
    static constexpr Duration fromMilliseconds(qint64 ms) { return Duration(ms * TicksPerMillisecond); }
    static constexpr Duration fromSeconds(qint64 seconds) { return Duration(seconds * TicksPerSecond); }

    constexpr qint64 ticks() const { return m_ticks; }
    // Truncated towards zero, as TimeSpan's TotalMilliseconds cast to an integer.
    constexpr qint64 toMilliseconds() const { return m_ticks / TicksPerMillisecond; }
    constexpr qint64 toSeconds() const { return m_ticks / TicksPerSecond; }
    std::chrono::milliseconds toChrono() const { return std::chrono::milliseconds(toMilliseconds()); }

    // TimeSpan "c" text, e.g. "00:00:06.5430141", "1.02:03:04", "-00:00:01.5000000".
    QString toString() const;
    // Parses the "c" forms (see above); std::nullopt when the text is not one of them or the
    // value does not fit.
    static std::optional<Duration> parse(QStringView text);

    constexpr Duration operator-() const { return Duration(-m_ticks); }
    constexpr Duration operator+(Duration other) const { return Duration(m_ticks + other.m_ticks); }
    constexpr Duration operator-(Duration other) const { return Duration(m_ticks - other.m_ticks); }
    friend constexpr auto operator<=>(const Duration&, const Duration&) = default;

private:
    constexpr explicit Duration(qint64 ticks)
        : m_ticks(ticks)
    { }

    qint64 m_ticks = 0;
};

} // namespace WebJobs
