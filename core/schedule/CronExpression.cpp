#include "core/schedule/CronExpression.h"

#include "core/schedule/ZonedTime.h"

#include <QStringList>

#include <algorithm>
#include <array>
#include <bit>
#include <limits>
#include <span>

namespace WebJobs {

using namespace Qt::Literals::StringLiterals;

namespace {

enum class Field
{
    Second,
    Minute,
    Hour,
    Day,
    Month,
    DayOfWeek
};

constexpr int fieldCount = 6;

constexpr std::array<const char*, 12> monthNames {
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
};

constexpr std::array<const char*, 7> dayNames {
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
};

struct FieldSpec
{
    int min;
    int max;
    std::span<const char* const> names;
};

FieldSpec specOf(Field field)
{
    switch (field) {
    case Field::Second:
    case Field::Minute:
        return {0, 59, {}};
    case Field::Hour:
        return {0, 23, {}};
    case Field::Day:
        return {1, 31, {}};
    case Field::Month:
        return {1, 12, monthNames};
    case Field::DayOfWeek:
        return {0, 6, dayNames};
    }
    return {0, 0, {}};
}

// The subject of every per-field error sentence; it always starts the sentence.
QString fieldPhrase(Field field)
{
    switch (field) {
    case Field::Second:
        return CronExpression::tr("The second field (first of six)");
    case Field::Minute:
        return CronExpression::tr("The minute field (second of six)");
    case Field::Hour:
        return CronExpression::tr("The hour field (third of six)");
    case Field::Day:
        return CronExpression::tr("The day field (fourth of six)");
    case Field::Month:
        return CronExpression::tr("The month field (fifth of six)");
    case Field::DayOfWeek:
        return CronExpression::tr("The day-of-week field (sixth of six)");
    }
    return {};
}

bool isAsciiDigit(QChar c)
{
    return c >= u'0' && c <= u'9';
}

bool allDigits(QStringView text)
{
    return !text.isEmpty() && std::all_of(text.begin(), text.end(), isAsciiDigit);
}

// Reads a run of ASCII digits, saturating far above any field maximum or step we accept.
qint64 readNumber(QStringView digits)
{
    constexpr qint64 ceiling = qint64(std::numeric_limits<int>::max()) + 1;
    qint64 value = 0;
    for (const QChar c : digits) {
        value = value * 10 + (c.unicode() - u'0');
        if (value >= ceiling)
            return ceiling;
    }
    return value;
}

bool startsWithNegativeNumber(QStringView text)
{
    return text.size() >= 2 && text.front() == u'-' && isAsciiDigit(text[1]);
}

// The leading "-digits" of `text`, for quoting a negative number in an error.
QStringView negativeNumberAt(QStringView text)
{
    qsizetype end = 1;
    while (end < text.size() && isAsciiDigit(text[end]))
        ++end;
    return text.first(end);
}

// Quartz's `?` and `#` and Jenkins' `H` (`H`, `H/5`, `H(0-29)`): no month or day name starts with H.
bool isExtensionElement(QStringView element)
{
    if (element.contains(u'?') || element.contains(u'#'))
        return true;
    return element.front() == u'H' && (element.size() == 1 || element[1] == u'(' || element[1] == u'/');
}

// Quartz's `L`, `W`, `LW`, `5L`, `15W` as a value that is neither a number nor a name.
bool isExtensionValue(QStringView value)
{
    qsizetype i = 0;
    while (i < value.size() && isAsciiDigit(value[i]))
        ++i;
    const QStringView rest = value.sliced(i);
    return rest.compare(u"L", Qt::CaseInsensitive) == 0 || rest.compare(u"W", Qt::CaseInsensitive) == 0
        || rest.compare(u"LW", Qt::CaseInsensitive) == 0;
}

QString extensionError(Field field, QStringView element)
{
    return CronExpression::tr("%1 uses \"%2\", but L, W, #, ? and H (Quartz and Jenkins extensions) are not "
                              "supported; use *, numbers, ranges, lists or steps instead.")
        .arg(fieldPhrase(field), element.toString());
}

QString negativeError(Field field, QStringView number)
{
    const FieldSpec spec = specOf(field);
    return CronExpression::tr("%1 does not accept negative numbers such as \"%2\"; use values from %3 to %4.")
        .arg(fieldPhrase(field), number.toString(), QString::number(spec.min), QString::number(spec.max));
}

QString malformedRangeError(Field field, QStringView element)
{
    QString example = u"10-20"_s;
    if (field == Field::Month)
        example = u"Jan-Mar"_s;
    else if (field == Field::DayOfWeek)
        example = u"Mon-Fri"_s;
    else if (field == Field::Day || field == Field::Hour)
        example = u"1-5"_s;
    return CronExpression::tr("%1 has a malformed range \"%2\"; write a range as two values joined by a hyphen, "
                              "for example %3.")
        .arg(fieldPhrase(field), element.toString(), example);
}

QString notUnderstoodError(Field field, QStringView token)
{
    const FieldSpec spec = specOf(field);
    if (field == Field::Month)
        return CronExpression::tr("%1 accepts 1 to 12 or English month names such as Jan or March; \"%2\" is "
                                  "neither.")
            .arg(fieldPhrase(field), token.toString());
    if (field == Field::DayOfWeek)
        return CronExpression::tr("%1 accepts 0 to 6 (0 is Sunday) or English day names such as Mon or Friday; "
                                  "\"%2\" is neither.")
            .arg(fieldPhrase(field), token.toString());
    return CronExpression::tr("%1 accepts numbers from %2 to %3, *, ranges (a-b), lists (a,b) and steps (*/n); "
                              "\"%4\" is not one of these.")
        .arg(fieldPhrase(field), QString::number(spec.min), QString::number(spec.max), token.toString());
}

// Parses one value (a number or, in the month and day-of-week fields, a name prefix) and checks
// its range. Returns an error sentence, or an empty string and sets `value`.
QString parseValue(Field field, QStringView token, QStringView element, int& value)
{
    const FieldSpec spec = specOf(field);
    if (allDigits(token)) {
        const qint64 number = readNumber(token);
        if (field == Field::DayOfWeek && number == 7)
            return CronExpression::tr("%1 allows 0 to 6, where 0 is Sunday, so 7 in \"%2\" is out of range; write "
                                      "0 or Sun for Sunday.")
                .arg(fieldPhrase(field), element.toString());
        if (number < spec.min || number > spec.max)
            return CronExpression::tr("%1 allows %2 to %3; \"%4\" is out of range.")
                .arg(fieldPhrase(field), QString::number(spec.min), QString::number(spec.max), token.toString());
        value = int(number);
        return {};
    }
    // NCrontab takes the first name, in calendar order, that starts with the token ("T" is Tuesday).
    for (std::size_t i = 0; i < spec.names.size(); ++i) {
        if (!token.isEmpty() && QLatin1StringView(spec.names[i]).startsWith(token, Qt::CaseInsensitive)) {
            value = spec.min + int(i);
            return {};
        }
    }
    if (isExtensionValue(token))
        return extensionError(field, element);
    return notUnderstoodError(field, token);
}

// Parses one comma-separated element and adds its values to `mask` (bit n = value n).
// Numbers are plain ASCII digits. NCrontab reads them with int.Parse, which would also take a
// sign or surrounding white space in some positions ("*/+5", and "*/-5" read as "*"); we reject
// those, since a negative or signed number is never what the author meant.
QString parseElement(Field field, QStringView element, QStringView fieldText, quint64& mask)
{
    const FieldSpec spec = specOf(field);
    if (element.isEmpty())
        return CronExpression::tr("%1 has an empty item in \"%2\"; remove the extra comma or put a value between "
                                  "the commas.")
            .arg(fieldPhrase(field), fieldText.toString());
    if (isExtensionElement(element))
        return extensionError(field, element);
    if (startsWithNegativeNumber(element))
        return negativeError(field, negativeNumberAt(element));

    QStringView base = element;
    qint64 step = 1;
    const qsizetype slash = element.indexOf(u'/');
    if (slash == 0)
        return notUnderstoodError(field, element);
    if (slash > 0) {
        const QStringView stepText = element.sliced(slash + 1);
        base = element.first(slash);
        if (startsWithNegativeNumber(stepText))
            return negativeError(field, negativeNumberAt(stepText));
        if (!allDigits(stepText))
            return CronExpression::tr("%1 needs a whole number after the slash in \"%2\"; write a step such as */15 "
                                      "or 0/20.")
                .arg(fieldPhrase(field), element.toString());
        step = readNumber(stepText);
        if (step > std::numeric_limits<int>::max())
            return CronExpression::tr("%1 cannot use the step in \"%2\" because it is too large; use a step from 1 "
                                      "to %3.")
                .arg(fieldPhrase(field), element.toString(), QString::number(spec.max - spec.min + 1));
        // NCrontab reads a step of 0 as 1: "*/0" is "*" and "5/0" is "5-max".
        step = std::max<qint64>(step, 1);
    }

    int low = spec.min;
    int high = spec.max;
    if (base != u"*") {
        if (const qsizetype dash = base.indexOf(u'-'); dash > 0) {
            const QStringView left = base.first(dash);
            const QStringView right = base.sliced(dash + 1);
            if (startsWithNegativeNumber(right))
                return negativeError(field, negativeNumberAt(right));
            if (right.isEmpty() || right.contains(u'-') || left == u"*" || right == u"*")
                return malformedRangeError(field, element);
            int first = 0;
            int last = 0;
            if (QString error = parseValue(field, left, element, first); !error.isEmpty())
                return error;
            if (QString error = parseValue(field, right, element, last); !error.isEmpty())
                return error;
            // NCrontab swaps a reversed range rather than wrapping it: FRI-MON is MON-FRI.
            low = std::min(first, last);
            high = std::max(first, last);
        } else if (dash == 0) {
            return malformedRangeError(field, element);
        } else {
            int value = 0;
            if (QString error = parseValue(field, base, element, value); !error.isEmpty())
                return error;
            low = value;
            high = slash > 0 ? spec.max : value; // "a/n" runs from a to the field maximum
        }
    }
    for (qint64 v = low; v <= high; v += step)
        mask |= quint64(1) << v;
    return {};
}

QString parseField(Field field, QStringView text, quint64& mask)
{
    for (const QStringView element : text.split(u',')) {
        if (QString error = parseElement(field, element, text, mask); !error.isEmpty())
            return error;
    }
    return {};
}

// CrontabFieldImpl.Format: "*" when every value is set, else runs of two or more as "a-b".
QString formatField(quint64 mask, Field field)
{
    const FieldSpec spec = specOf(field);
    const quint64 all = ((quint64(1) << (spec.max + 1)) - 1) & ~((quint64(1) << spec.min) - 1);
    if (mask == all)
        return u"*"_s;
    QString out;
    int value = spec.min;
    while (value <= spec.max) {
        if (!(mask & (quint64(1) << value))) {
            ++value;
            continue;
        }
        int last = value;
        while (last + 1 <= spec.max && (mask & (quint64(1) << (last + 1))))
            ++last;
        if (!out.isEmpty())
            out += u',';
        out += QString::number(value);
        if (last > value)
            out += u'-' + QString::number(last);
        value = last + 1;
    }
    return out;
}

// NCrontab splits on the space character only; a tab or line break would end up inside a field.
bool hasWhitespaceOtherThanSpace(QStringView text)
{
    return std::any_of(text.begin(), text.end(), [](QChar c) { return c != u' ' && c.isSpace(); });
}

// The smallest set bit at or above `from`, or -1.
int nextBit(quint64 mask, int from)
{
    if (from >= 64)
        return -1;
    const quint64 rest = mask & (~quint64(0) << std::max(from, 0));
    return rest ? std::countr_zero(rest) : -1;
}

} // namespace

CronExpression CronExpression::parse(const QString& text, QString* errorMessage)
{
    CronExpression expression;
    expression.m_text = text;

    const auto fail = [&](const QString& message) {
        if (errorMessage)
            *errorMessage = message;
        return expression;
    };

    if (hasWhitespaceOtherThanSpace(text))
        return fail(tr("Separate the fields of a schedule with plain spaces; tabs and line breaks are not allowed."));
    const QList<QStringView> tokens = QStringView(text).split(u' ', Qt::SkipEmptyParts);
    if (tokens.isEmpty())
        return fail(tr("The schedule is empty; write six fields separated by spaces (second minute hour day month "
                       "day-of-week), for example \"0 */15 * * * *\"."));
    if (tokens.front().startsWith(u'@'))
        return fail(tr("Macros such as \"%1\" are not supported; write the six fields instead, for example \"0 0 0 * "
                       "* *\" for every day at midnight.")
                        .arg(tokens.front().toString()));
    if (tokens.size() == 5) {
        QStringList parts;
        for (const QStringView token : tokens)
            parts.append(token.toString());
        return fail(tr("A schedule needs exactly six fields (second minute hour day month day-of-week); this one "
                       "has five, so put the seconds first, for example \"0 %1\".")
                        .arg(parts.join(u' ')));
    }
    if (tokens.size() != fieldCount)
        return fail(tr("A schedule needs exactly six fields separated by spaces (second minute hour day month "
                       "day-of-week); this one has %1.")
                        .arg(tokens.size()));

    std::array<quint64, fieldCount> masks {};
    for (int i = 0; i < fieldCount; ++i) {
        if (QString error = parseField(Field(i), tokens[i], masks[i]); !error.isEmpty())
            return fail(error);
    }

    expression.m_seconds = std::bitset<60>(masks[0]);
    expression.m_minutes = std::bitset<60>(masks[1]);
    expression.m_hours = std::bitset<24>(masks[2]);
    expression.m_days = std::bitset<32>(masks[3]);
    expression.m_months = std::bitset<13>(masks[4]);
    expression.m_daysOfWeek = std::bitset<7>(masks[5]);
    expression.m_valid = true;
    if (errorMessage)
        errorMessage->clear();
    return expression;
}

QString CronExpression::expandedText() const
{
    if (!m_valid)
        return {};
    const std::array<quint64, fieldCount> masks {
        m_seconds.to_ullong(),
        m_minutes.to_ullong(),
        m_hours.to_ullong(),
        m_days.to_ullong(),
        m_months.to_ullong(),
        m_daysOfWeek.to_ullong(),
    };
    QStringList parts;
    for (int i = 0; i < fieldCount; ++i)
        parts.append(formatField(masks[i], Field(i)));
    return parts.join(u' ');
}

QDateTime CronExpression::nextWallClock(const QDateTime& wall) const
{
    const quint64 seconds = m_seconds.to_ullong();
    const quint64 minutes = m_minutes.to_ullong();
    const quint64 hours = m_hours.to_ullong();
    const quint64 days = m_days.to_ullong();
    const quint64 months = m_months.to_ullong();
    const quint64 daysOfWeek = m_daysOfWeek.to_ullong();

    // The earliest matching time of day at or after h:m:s, or an invalid QTime.
    const auto firstTimeFrom = [&](int h, int m, int s) -> QTime {
        for (int hour = nextBit(hours, h); hour >= 0; hour = nextBit(hours, hour + 1)) {
            const bool sameHour = hour == h;
            for (int minute = nextBit(minutes, sameHour ? m : 0); minute >= 0; minute = nextBit(minutes, minute + 1)) {
                const int second = nextBit(seconds, sameHour && minute == m ? s : 0);
                if (second >= 0)
                    return QTime(hour, minute, second);
            }
        }
        return {};
    };

    // Strictly after `wall`, in whole seconds (a fraction of a second is dropped, as NCrontab does).
    const QDate startDate = wall.date();
    const QTime startTime = wall.time();
    int h = startTime.hour();
    int m = startTime.minute();
    int s = startTime.second() + 1;

    // The Gregorian calendar, weekdays included, repeats every 400 years: a date that is not
    // found within 401 years never comes (30 February).
    const int lastYear = startDate.year() + 401;
    int year = startDate.year();
    int month = startDate.month();
    int day = startDate.day();
    while (year <= lastYear) {
        if (!(months & (quint64(1) << month))) {
            month = nextBit(months, month + 1);
            if (month < 0) {
                ++year;
                month = nextBit(months, 1);
            }
            day = 1;
            h = m = s = 0;
            continue;
        }
        const int daysInMonth = QDate(year, month, 1).daysInMonth();
        for (int d = nextBit(days, day); d >= 0 && d <= daysInMonth; d = nextBit(days, d + 1)) {
            const QDate date(year, month, d);
            if (!(daysOfWeek & (quint64(1) << (date.dayOfWeek() % 7))))
                continue;
            if (date != startDate)
                h = m = s = 0;
            if (const QTime time = firstTimeFrom(h, m, s); time.isValid())
                return QDateTime(date, time, Qt::UTC);
            h = m = s = 0;
        }
        if (++month > 12) {
            month = 1;
            ++year;
        }
        day = 1;
        h = m = s = 0;
    }
    return {};
}

QDateTime CronExpression::next(const QDateTime& after, const QTimeZone& zone) const
{
    if (!m_valid || !after.isValid())
        return {};

    const QDateTime wallAfter = ZonedTime::toWallClock(after, zone);
    // Start early enough to see the wall times of a spring-forward gap that map after `after`.
    QDateTime wall = wallAfter.addSecs(-ZonedTime::gapLookBehindSeconds(after, zone));
    while (true) {
        const QDateTime candidate = nextWallClock(wall);
        if (!candidate.isValid())
            return {};
        const QDateTime instant = ZonedTime::toInstant(candidate.date(), candidate.time(), zone);
        if (instant > after)
            return instant.toUTC();

        // `candidate` is an existing wall time whose instant has passed. The wall times up to the
        // reading at `after` are past too (only gap times could map later, and they come before
        // `candidate`), so continue from there rather than one match at a time.
        wall = std::max(candidate, wallAfter);
        // After a fall-back, the rest of the repeated hour ran at its first instants before the
        // transition: skip to the end of that hour.
        if (zone.hasTransitions()) {
            const QTimeZone::OffsetData transition = zone.nextTransition(instant);
            if (transition.atUtc.isValid() && transition.atUtc <= after)
                wall = std::max(wall, ZonedTime::toWallClock(transition.atUtc.addSecs(-1), zone));
        }
    }
}

QList<QDateTime> CronExpression::occurrences(const QDateTime& after, int count, const QTimeZone& zone) const
{
    QList<QDateTime> result;
    QDateTime cursor = after;
    while (result.size() < count) {
        cursor = next(cursor, zone);
        if (!cursor.isValid())
            break;
        result.append(cursor);
    }
    return result;
}

} // namespace WebJobs
