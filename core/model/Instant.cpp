#include "core/model/Instant.h"

#include <QDate>
#include <QTime>

#include <chrono>

using namespace Qt::StringLiterals;

namespace WebJobs {

namespace {

// Julian day of 0001-01-01 in the proleptic Gregorian calendar (DateTime's calendar).
constexpr qint64 JulianDayOfTickZero = 1'721'426;

struct Fields
{
    int year = 1;
    int month = 1;
    int day = 1;
    int hour = 0;
    int minute = 0;
    int second = 0;
    qint64 fraction = 0; // ticks within the second
};

Fields fieldsOf(qint64 ticks)
{
    Fields f;
    // Floor division: an instant before tick 0 (only reachable by arithmetic) still has a
    // time of day in [0, 24 h).
    qint64 days = ticks / Duration::TicksPerDay;
    if (ticks % Duration::TicksPerDay < 0)
        --days;
    const qint64 timeOfDay = ticks - days * Duration::TicksPerDay;
    QDate(1, 1, 1).addDays(days).getDate(&f.year, &f.month, &f.day);
    f.hour = int(timeOfDay / Duration::TicksPerHour);
    f.minute = int(timeOfDay / Duration::TicksPerMinute % 60);
    f.second = int(timeOfDay / Duration::TicksPerSecond % 60);
    f.fraction = timeOfDay % Duration::TicksPerSecond;
    return f;
}

std::optional<qint64> ticksOf(int year, int month, int day, int hour, int minute, int second, qint64 fraction)
{
    const QDate date(year, month, day);
    if (year < 1 || year > 9999 || !date.isValid() || hour > 23 || minute > 59 || second > 59)
        return std::nullopt;
    return (date.toJulianDay() - JulianDayOfTickZero) * Duration::TicksPerDay + hour * Duration::TicksPerHour
        + minute * Duration::TicksPerMinute + second * Duration::TicksPerSecond + fraction;
}

QString padded(qint64 value, int width)
{
    return QString::number(value).rightJustified(width, u'0');
}

// A fixed-width run of ASCII digits at `pos`, or -1.
int digitsAt(QStringView text, qsizetype pos, int width)
{
    if (pos + width > text.size())
        return -1;
    int value = 0;
    for (int i = 0; i < width; ++i) {
        const QChar c = text.at(pos + i);
        if (c < u'0' || c > u'9')
            return -1;
        value = value * 10 + (c.unicode() - u'0');
    }
    return value;
}

} // namespace

Instant Instant::now()
{
    const auto sinceEpoch = std::chrono::system_clock::now().time_since_epoch();
    const auto hundredNs
        = std::chrono::duration_cast<std::chrono::duration<qint64, std::ratio<1, 10'000'000>>>(sinceEpoch);
    return Instant(UnixEpochTicks + hundredNs.count());
}

Instant Instant::fromDateTime(const QDateTime& dateTime)
{
    if (!dateTime.isValid())
        return {};
    return fromMSecsSinceEpoch(dateTime.toMSecsSinceEpoch());
}

QDateTime Instant::toDateTime() const
{
    if (isNull())
        return {};
    return QDateTime::fromMSecsSinceEpoch(toMSecsSinceEpoch(), Qt::UTC);
}

qint64 Instant::toMSecsSinceEpoch() const
{
    // Floor division, so that instants before 1970 truncate towards the past like ticks do.
    const qint64 delta = m_ticks - UnixEpochTicks;
    qint64 ms = delta / Duration::TicksPerMillisecond;
    if (delta % Duration::TicksPerMillisecond < 0)
        --ms;
    return ms;
}

QString Instant::toString() const
{
    const Fields f = fieldsOf(m_ticks);
    QString text = padded(f.year, 4) + u'-' + padded(f.month, 2) + u'-' + padded(f.day, 2) + u'T' + padded(f.hour, 2)
        + u':' + padded(f.minute, 2) + u':' + padded(f.second, 2);
    if (f.fraction > 0) {
        QString fraction = padded(f.fraction, 7);
        while (fraction.endsWith(u'0'))
            fraction.chop(1);
        text += u'.' + fraction;
    }
    if (!isNull())
        text += u'Z';
    return text;
}

std::optional<Instant> Instant::parse(QStringView text)
{
    text = text.trimmed();
    // yyyy-MM-ddTHH:mm:ss
    if (text.size() < 19 || text.at(4) != u'-' || text.at(7) != u'-' || (text.at(10) != u'T' && text.at(10) != u't')
        || text.at(13) != u':' || text.at(16) != u':')
        return std::nullopt;
    const int year = digitsAt(text, 0, 4);
    const int month = digitsAt(text, 5, 2);
    const int day = digitsAt(text, 8, 2);
    const int hour = digitsAt(text, 11, 2);
    const int minute = digitsAt(text, 14, 2);
    const int second = digitsAt(text, 17, 2);
    if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0)
        return std::nullopt;

    qsizetype pos = 19;
    qint64 fraction = 0;
    if (pos < text.size() && text.at(pos) == u'.') {
        ++pos;
        int digits = 0;
        while (pos < text.size() && text.at(pos) >= u'0' && text.at(pos) <= u'9') {
            if (digits < 7) {
                fraction = fraction * 10 + (text.at(pos).unicode() - u'0');
                ++digits;
            }
            ++pos;
        }
        if (digits == 0)
            return std::nullopt;
        for (int i = digits; i < 7; ++i)
            fraction *= 10;
    }

    qint64 offsetTicks = 0;
    if (pos < text.size()) {
        const QChar zone = text.at(pos);
        if (zone == u'Z' || zone == u'z') {
            ++pos;
        } else if (zone == u'+' || zone == u'-') {
            ++pos;
            const int offsetHours = digitsAt(text, pos, 2);
            if (offsetHours < 0 || offsetHours > 14)
                return std::nullopt;
            pos += 2;
            int offsetMinutes = 0;
            if (pos < text.size()) {
                if (text.at(pos) == u':')
                    ++pos;
                offsetMinutes = digitsAt(text, pos, 2);
                if (offsetMinutes < 0 || offsetMinutes > 59)
                    return std::nullopt;
                pos += 2;
            }
            offsetTicks = offsetHours * Duration::TicksPerHour + offsetMinutes * Duration::TicksPerMinute;
            if (zone == u'-')
                offsetTicks = -offsetTicks;
        }
        if (pos != text.size())
            return std::nullopt;
    }

    const std::optional<qint64> local = ticksOf(year, month, day, hour, minute, second, fraction);
    if (!local)
        return std::nullopt;
    const qint64 ticks = *local - offsetTicks;
    if (ticks < 0 || ticks > MaxTicks)
        return std::nullopt;
    return Instant(ticks);
}

QString Instant::toRunId() const
{
    const Fields f = fieldsOf(m_ticks);
    return padded(f.year, 4) + padded(f.month, 2) + padded(f.day, 2) + padded(f.hour, 2) + padded(f.minute, 2)
        + padded(f.second, 2) + padded(f.fraction / 1000, 4);
}

std::optional<Instant> Instant::fromRunId(QStringView runId)
{
    if (runId.size() != 18)
        return std::nullopt;
    const int year = digitsAt(runId, 0, 4);
    const int month = digitsAt(runId, 4, 2);
    const int day = digitsAt(runId, 6, 2);
    const int hour = digitsAt(runId, 8, 2);
    const int minute = digitsAt(runId, 10, 2);
    const int second = digitsAt(runId, 12, 2);
    const int fraction = digitsAt(runId, 14, 4);
    if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0 || fraction < 0)
        return std::nullopt;
    const std::optional<qint64> ticks = ticksOf(year, month, day, hour, minute, second, qint64(fraction) * 1000);
    if (!ticks)
        return std::nullopt;
    return Instant(*ticks);
}

} // namespace WebJobs
