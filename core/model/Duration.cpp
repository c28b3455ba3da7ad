#include "core/model/Duration.h"

#include <limits>

using namespace Qt::StringLiterals;

namespace WebJobs {

namespace {

QString twoDigits(quint64 value)
{
    return QString::number(value).rightJustified(2, u'0');
}

// Reads one run of ASCII digits at `pos`; false when there is none or it overflows.
bool readNumber(QStringView text, qsizetype& pos, quint64& value, qsizetype* digits = nullptr)
{
    const qsizetype start = pos;
    value = 0;
    while (pos < text.size() && text.at(pos) >= u'0' && text.at(pos) <= u'9') {
        const quint64 digit = text.at(pos).unicode() - u'0';
        if (value > (std::numeric_limits<quint64>::max() - digit) / 10)
            return false;
        value = value * 10 + digit;
        ++pos;
    }
    if (digits)
        *digits = pos - start;
    return pos > start;
}

} // namespace

QString Duration::toString() const
{
    // Work on the magnitude as unsigned, so that the most negative value has one too.
    const bool negative = m_ticks < 0;
    const quint64 magnitude = negative ? quint64(0) - quint64(m_ticks) : quint64(m_ticks);
    const quint64 days = magnitude / TicksPerDay;
    const quint64 hours = magnitude / TicksPerHour % 24;
    const quint64 minutes = magnitude / TicksPerMinute % 60;
    const quint64 seconds = magnitude / TicksPerSecond % 60;
    const quint64 fraction = magnitude % TicksPerSecond;

    QString text;
    if (negative)
        text += u'-';
    if (days > 0)
        text += QString::number(days) + u'.';
    text += twoDigits(hours) + u':' + twoDigits(minutes) + u':' + twoDigits(seconds);
    if (fraction > 0)
        text += u'.' + QString::number(fraction).rightJustified(7, u'0');
    return text;
}

std::optional<Duration> Duration::parse(QStringView text)
{
    text = text.trimmed();
    qsizetype pos = 0;
    const bool negative = text.startsWith(u'-');
    if (negative)
        ++pos;

    quint64 first = 0;
    if (!readNumber(text, pos, first))
        return std::nullopt;

    quint64 days = 0;
    quint64 hours = 0;
    quint64 minutes = 0;
    quint64 seconds = 0;
    quint64 fraction = 0;
    if (pos == text.size()) {
        days = first; // "d"
    } else {
        if (text.at(pos) == u'.') {
            days = first;
            ++pos;
            if (!readNumber(text, pos, hours))
                return std::nullopt;
        } else {
            hours = first;
        }
        if (pos >= text.size() || text.at(pos) != u':')
            return std::nullopt;
        ++pos;
        if (!readNumber(text, pos, minutes))
            return std::nullopt;
        if (pos < text.size() && text.at(pos) == u':') {
            ++pos;
            if (!readNumber(text, pos, seconds))
                return std::nullopt;
            if (pos < text.size() && text.at(pos) == u'.') {
                ++pos;
                qsizetype digits = 0;
                if (!readNumber(text, pos, fraction, &digits) || digits > 7)
                    return std::nullopt;
                for (qsizetype i = digits; i < 7; ++i)
                    fraction *= 10;
            }
        }
        if (pos != text.size() || hours > 23 || minutes > 59 || seconds > 59)
            return std::nullopt;
    }

    constexpr quint64 maxDays = quint64(std::numeric_limits<qint64>::max()) / TicksPerDay;
    if (days > maxDays)
        return std::nullopt;
    const quint64 magnitude
        = days * TicksPerDay + hours * TicksPerHour + minutes * TicksPerMinute + seconds * TicksPerSecond + fraction;
    const quint64 limit = quint64(std::numeric_limits<qint64>::max()) + (negative ? 1 : 0);
    if (magnitude > limit)
        return std::nullopt;
    return Duration(negative ? qint64(quint64(0) - magnitude) : qint64(magnitude));
}

} // namespace WebJobs
