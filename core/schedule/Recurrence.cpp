#include "core/schedule/Recurrence.h"

#include "core/schedule/ZonedTime.h"
#include "core/util/LocaleFormats.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QRegularExpression>

#include <algorithm>
#include <array>
#include <cmath>
#include <map>

namespace WebJobs {

using namespace Qt::StringLiterals;

namespace {

constexpr qint64 secondsPerMinute = 60;
constexpr qint64 secondsPerHour = 3600;
constexpr qint64 secondsPerDay = 86400;

// Searches give up after this many consecutive periods without a run. The Gregorian calendar
// repeats every 400 years, so a day, week or month pattern that has no run in 400 years never
// has one; minute and hour steps against wall-clock hours and minutes repeat within a day, up
// to the zone's offset changes, which repeat within a year (two years leaves room).
constexpr qint64 gregorianCycleDays = 146097;
constexpr qint64 gregorianCycleWeeks = 20871;
constexpr qint64 gregorianCycleMonths = 4800;
constexpr qint64 elapsedSearchSeconds = 2 * 366 * secondsPerDay;

const std::array<QString, 7> weekDayNames {
    u"monday"_s,
    u"tuesday"_s,
    u"wednesday"_s,
    u"thursday"_s,
    u"friday"_s,
    u"saturday"_s,
    u"sunday"_s,
};

const std::array<QString, 5> frequencyNames {
    u"minute"_s,
    u"hour"_s,
    u"day"_s,
    u"week"_s,
    u"month"_s,
};

qint64 floorDiv(qint64 a, qint64 b)
{
    const qint64 q = a / b;
    return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

template <typename T>
QList<T> sortedSet(QList<T> values)
{
    std::sort(values.begin(), values.end());
    values.erase(std::unique(values.begin(), values.end()), values.end());
    return values;
}

QList<Recurrence::MonthlyOccurrence> sortedSet(QList<Recurrence::MonthlyOccurrence> values)
{
    const auto key = [](const Recurrence::MonthlyOccurrence& o) { return std::pair(int(o.day), o.occurrence); };
    std::sort(values.begin(), values.end(), [&](const auto& a, const auto& b) { return key(a) < key(b); });
    values.erase(std::unique(values.begin(), values.end()), values.end());
    return values;
}

std::optional<Qt::DayOfWeek> weekDayFromName(const QString& name)
{
    for (int i = 0; i < int(weekDayNames.size()); ++i) {
        if (name.compare(weekDayNames[i], Qt::CaseInsensitive) == 0)
            return Qt::DayOfWeek(i + 1);
    }
    return std::nullopt;
}

bool isValidWeekDay(Qt::DayOfWeek day)
{
    return day >= Qt::Monday && day <= Qt::Sunday;
}

QString jsonText(const QJsonValue& value)
{
    if (value.isString())
        return value.toString();
    if (value.isDouble()) {
        const double number = value.toDouble();
        if (std::floor(number) == number && std::abs(number) < 1e15)
            return QString::number(qint64(number));
        return QString::number(number, 'g', 15);
    }
    if (value.isBool())
        return value.toBool() ? u"true"_s : u"false"_s;
    if (value.isNull())
        return u"null"_s;
    const QJsonDocument document = value.isArray() ? QJsonDocument(value.toArray()) : QJsonDocument(value.toObject());
    return QString::fromUtf8(document.toJson(QJsonDocument::Compact));
}

std::optional<int> wholeNumber(const QJsonValue& value)
{
    if (!value.isDouble())
        return std::nullopt;
    const double number = value.toDouble();
    if (!std::isfinite(number) || std::floor(number) != number || std::abs(number) > 1e9)
        return std::nullopt;
    return int(number);
}

// The values of a schedule element: one value or an array of them.
QJsonArray asList(const QJsonValue& value)
{
    if (value.isArray())
        return value.toArray();
    return QJsonArray {value};
}

// A JSON object whose keys are read case-insensitively; what is left after the reads is unknown.
class Fields
{
public:
    explicit Fields(const QJsonObject& object)
    {
        for (auto it = object.begin(); it != object.end(); ++it) {
            const QString key = it.key().toLower();
            if (m_fields.contains(key))
                m_duplicate = it.key();
            m_fields[key] = {it.key(), it.value()};
        }
    }

    QString duplicate() const { return m_duplicate; }

    // The value of `name`; nullopt when absent or null.
    std::optional<QJsonValue> take(const QString& name)
    {
        const auto it = m_fields.find(name.toLower());
        if (it == m_fields.end())
            return std::nullopt;
        const QJsonValue value = it->second.second;
        m_fields.erase(it);
        if (value.isNull() || value.isUndefined())
            return std::nullopt;
        return value;
    }

    QString firstUnknown() const { return m_fields.empty() ? QString() : m_fields.begin()->second.first; }

private:
    std::map<QString, std::pair<QString, QJsonValue>> m_fields;
    QString m_duplicate;
};

// ISO-8601 date-time: an instant with Z or an offset, else a wall-clock time. `dateOnlyAllowed`
// says whether a date without a time is accepted (it means 00:00:00 on the wall clock, D6).
std::optional<Recurrence::TimePoint> parseTimePoint(const QString& text, bool dateOnlyAllowed)
{
    static const QRegularExpression pattern(u"^(\\d{4})-(\\d{2})-(\\d{2})"
                                            "(?:[Tt ](\\d{2}):(\\d{2})(?::(\\d{2})(?:[.,](\\d{1,9}))?)?"
                                            "([Zz]|[+-]\\d{2}(?::?\\d{2})?)?)?$"_s);
    const QRegularExpressionMatch match = pattern.match(text.trimmed());
    if (!match.hasMatch())
        return std::nullopt;
    const QDate date(match.captured(1).toInt(), match.captured(2).toInt(), match.captured(3).toInt());
    if (!date.isValid())
        return std::nullopt;
    if (!match.hasCaptured(4)) {
        if (!dateOnlyAllowed)
            return std::nullopt;
        return Recurrence::TimePoint {QDateTime(date, QTime(0, 0), Qt::UTC), true};
    }
    const int hour = match.captured(4).toInt();
    const int minute = match.captured(5).toInt();
    const int second = match.hasCaptured(6) ? match.captured(6).toInt() : 0;
    const int msec = match.hasCaptured(7) ? match.captured(7).left(3).leftJustified(3, u'0').toInt() : 0;
    const QTime time(hour, minute, second, msec);
    if (!time.isValid())
        return std::nullopt;
    const QDateTime wall(date, time, Qt::UTC);
    if (!match.hasCaptured(8))
        return Recurrence::TimePoint {wall, true};
    const QString offsetText = match.captured(8);
    if (offsetText.compare(u"z"_s, Qt::CaseInsensitive) == 0)
        return Recurrence::TimePoint {wall, false};
    const QString digits = offsetText.mid(1).remove(u':');
    const int offsetHours = digits.left(2).toInt();
    const int offsetMinutes = digits.size() > 2 ? digits.mid(2, 2).toInt() : 0;
    if (offsetHours > 18 || offsetMinutes > 59)
        return std::nullopt;
    const int sign = offsetText.startsWith(u'-') ? -1 : 1;
    const qint64 offset = sign * (offsetHours * secondsPerHour + offsetMinutes * secondsPerMinute);
    return Recurrence::TimePoint {wall.addSecs(-offset), false};
}

QString timePointText(const Recurrence::TimePoint& point)
{
    const QDateTime utc = point.value.toUTC();
    QString text = utc.toString(u"yyyy-MM-dd'T'HH:mm:ss"_s);
    if (utc.time().msec() != 0)
        text += u'.' + utc.toString(u"zzz"_s);
    if (!point.isWallClock)
        text += u'Z';
    return text;
}

// The instant a job's date-time stands for.
QDateTime instantOf(const Recurrence::TimePoint& point, const QTimeZone& zone)
{
    const QDateTime value = point.value.toUTC();
    if (!point.isWallClock)
        return value;
    return ZonedTime::toInstant(value.date(), value.time(), zone);
}

// The wall-clock reading of a job's date-time in the zone.
QDateTime wallOf(const Recurrence::TimePoint& point, const QTimeZone& zone)
{
    const QDateTime value = point.value.toUTC();
    return point.isWallClock ? value : ZonedTime::toWallClock(value, zone);
}

// Times of day and wall-clock date-times in words: as the file writes them (24-hour clock,
// "2024-12-31 09:30") without a locale, in the locale's short formats with it.
QString clockText(QTime time, const QLocale* locale)
{
    if (locale) {
        return locale->toString(
            time, time.second() != 0 ? LocaleFormats::timeWithSeconds(*locale) : LocaleFormats::time(*locale));
    }
    return time.toString(time.second() != 0 ? u"HH:mm:ss"_s : u"HH:mm"_s);
}

QString wallText(const QDateTime& wall, const QLocale* locale)
{
    const QString date
        = locale ? locale->toString(wall.date(), LocaleFormats::date(*locale)) : wall.date().toString(u"yyyy-MM-dd"_s);
    return date + u' ' + clockText(wall.time(), locale);
}

QString zoneName(const QTimeZone& zone)
{
    if (!zone.isValid() || zone == QTimeZone::utc())
        return u"UTC"_s;
    return QString::fromUtf8(zone.id());
}

bool isUtc(const QTimeZone& zone)
{
    return !zone.isValid() || zone == QTimeZone::utc() || zone.id() == "UTC" || zone.id() == "Etc/UTC";
}

// The runs of one recurring job, as described in docs/schedules.md ("The resulting next(after)").
// Period i is the i-th period the series visits: the day, ISO week or month i * interval after
// the one holding the start's wall-clock time, or the minute or hour i * interval (elapsed)
// after the one holding the start.
class Series
{
public:
    struct Period
    {
        QList<QDateTime> runs; // sorted, unique; before any lower or upper bound
        QDateTime earliest; // no run of this or a later period is before it
        qint64 next = 0; // the next period that can have a run
    };

    Series(const Recurrence& recurrence, const QDateTime& created)
        : m_frequency(recurrence.frequency())
        , m_interval(std::max(1, recurrence.interval()))
        , m_zone(recurrence.timeZone().isValid() ? recurrence.timeZone() : QTimeZone::utc())
        , m_created(created.toUTC())
        , m_immediate(!recurrence.startTime())
        , m_hours(sortedSet(recurrence.hours()))
        , m_minutes(sortedSet(recurrence.minutes()))
        , m_weekDays(sortedSet(recurrence.weekDays()))
        , m_monthDays(sortedSet(recurrence.monthDays()))
        , m_occurrences(sortedSet(recurrence.monthlyOccurrences()))
    {
        if (const auto start = recurrence.startTime()) {
            m_start = instantOf(*start, m_zone);
            m_wallStart = wallOf(*start, m_zone);
        } else {
            m_start = m_created;
            m_wallStart = ZonedTime::toWallClock(m_created, m_zone);
        }
        m_lower = std::max(m_start, m_created);
        if (const auto end = recurrence.endTime())
            m_end = instantOf(*end, m_zone);
        m_count = recurrence.count();

        const QDate startDate = m_wallStart.date();
        const QTime startTime = m_wallStart.time();
        m_secondOfMinute = QTime(0, 0).addMSecs(startTime.second() * 1000 + startTime.msec());
        switch (m_frequency) {
        case Recurrence::Frequency::Minute:
            m_step = m_interval * secondsPerMinute;
            m_firstPeriod = m_start;
            m_emptyLimit = elapsedSearchSeconds / m_step + 2;
            break;
        case Recurrence::Frequency::Hour:
            m_step = m_interval * secondsPerHour;
            // The hour holding the start, on the wall clock (whole-hour offsets make it the UTC hour).
            m_firstPeriod = m_start.addMSecs(
                -(qint64(startTime.minute()) * secondsPerMinute * 1000 + startTime.second() * 1000 + startTime.msec()));
            m_emptyLimit = elapsedSearchSeconds / m_step + 2;
            break;
        case Recurrence::Frequency::Day:
            m_firstDay = startDate;
            m_emptyLimit = gregorianCycleDays / m_interval + 2;
            break;
        case Recurrence::Frequency::Week:
            m_firstDay = startDate.addDays(1 - startDate.dayOfWeek());
            m_emptyLimit = gregorianCycleWeeks / m_interval + 2;
            break;
        case Recurrence::Frequency::Month:
            m_firstDay = QDate(startDate.year(), startDate.month(), 1);
            m_emptyLimit = gregorianCycleMonths / m_interval + 2;
            break;
        }

        // Times of day for the calendar frequencies (D1, D2).
        if (!m_hours.isEmpty())
            m_dayHours = m_hours;
        else if (!m_minutes.isEmpty())
            for (int hour = 0; hour < 24; ++hour)
                m_dayHours.append(hour);
        else
            m_dayHours = {startTime.hour()};
        m_dayMinutes = m_minutes.isEmpty() ? QList<int> {startTime.minute()} : m_minutes;
        if (m_weekDays.isEmpty())
            m_weekDays = {Qt::DayOfWeek(startDate.dayOfWeek())};
    }

    // The first run strictly after `after`, or null.
    QDateTime next(const QDateTime& after) const
    {
        QDateTime result;
        if (m_count) {
            // count starts at the first run (D3): walk from the beginning.
            int seen = 0;
            enumerate(0, true, [&](const QDateTime& run) {
                if (++seen > *m_count)
                    return false;
                if (run > after) {
                    result = run;
                    return false;
                }
                return true;
            });
            return result;
        }
        if (m_immediate && m_created > after)
            return (!m_end || m_created <= *m_end) ? m_created : QDateTime();
        enumerate(indexAt(std::max(after, m_lower)), false, [&](const QDateTime& run) {
            if (run <= after)
                return true;
            result = run;
            return false;
        });
        return result;
    }

    QList<QDateTime> runs(int limit) const
    {
        QList<QDateTime> result;
        if (limit <= 0)
            return result;
        if (m_count)
            limit = std::min(limit, *m_count);
        enumerate(0, true, [&](const QDateTime& run) {
            result.append(run);
            return result.size() < limit;
        });
        return result;
    }

private:
    // Calls `visit` with each run from period `from` on, in order, until it returns false or
    // the series ends. `withImmediate` adds the run at the creation time of a job without a
    // start time (D12) first.
    template <typename Visit>
    void enumerate(qint64 from, bool withImmediate, Visit&& visit) const
    {
        QDateTime last;
        if (withImmediate && m_immediate) {
            if (m_end && m_created > *m_end)
                return;
            last = m_created;
            if (!visit(m_created))
                return;
        }
        qint64 index = from;
        qint64 lastWithRuns = from;
        while (index - lastWithRuns <= m_emptyLimit) {
            const Period period = periodAt(index);
            if (m_end && period.earliest > *m_end)
                return;
            if (!period.runs.isEmpty())
                lastWithRuns = index;
            for (const QDateTime& run : period.runs) {
                if (m_end && run > *m_end)
                    return;
                if (run < m_lower || (last.isValid() && run <= last))
                    continue;
                last = run;
                if (!visit(run))
                    return;
            }
            index = period.next;
        }
    }

    // The period that holds `instant`, minus one: periods are visited from there on.
    qint64 indexAt(const QDateTime& instant) const
    {
        qint64 index = 0;
        switch (m_frequency) {
        case Recurrence::Frequency::Minute:
        case Recurrence::Frequency::Hour:
            index = floorDiv(m_firstPeriod.msecsTo(instant), m_step * 1000);
            break;
        case Recurrence::Frequency::Day:
        case Recurrence::Frequency::Week:
        case Recurrence::Frequency::Month: {
            // A wall-clock time in a spring-forward gap runs after the gap: look back over it.
            const qint64 lookBehind = ZonedTime::gapLookBehindSeconds(instant, m_zone);
            const QDate day = ZonedTime::toWallClock(instant.addSecs(-lookBehind), m_zone).date();
            qint64 units = 0;
            if (m_frequency == Recurrence::Frequency::Day)
                units = m_firstDay.daysTo(day);
            else if (m_frequency == Recurrence::Frequency::Week)
                units = floorDiv(m_firstDay.daysTo(day), 7);
            else
                units = qint64(day.year() - m_firstDay.year()) * 12 + day.month() - m_firstDay.month();
            index = floorDiv(units, m_interval);
            break;
        }
        }
        return std::max<qint64>(0, index - 1);
    }

    Period periodAt(qint64 index) const
    {
        switch (m_frequency) {
        case Recurrence::Frequency::Minute:
            return minutePeriod(index);
        case Recurrence::Frequency::Hour:
            return hourPeriod(index);
        case Recurrence::Frequency::Day:
        case Recurrence::Frequency::Week:
        case Recurrence::Frequency::Month:
            break;
        }
        return calendarPeriod(index);
    }

    // Minute frequency: one run per period at the start's second; schedule hours and minutes
    // filter on the wall clock.
    Period minutePeriod(qint64 index) const
    {
        Period period;
        const QDateTime run = m_firstPeriod.addSecs(index * m_step);
        period.earliest = run;
        period.next = index + 1;
        if (m_hours.isEmpty() && m_minutes.isEmpty()) {
            period.runs.append(run);
            return period;
        }
        const QDateTime wall = ZonedTime::toWallClock(run, m_zone);
        if (!m_hours.isEmpty() && !m_hours.contains(wall.time().hour())) {
            // Jump to the first step in the next wall-clock hour.
            const QTime time = wall.time();
            const qint64 toNextHour
                = (secondsPerHour - time.minute() * secondsPerMinute - time.second()) * 1000 - time.msec();
            const qint64 skip = (toNextHour + m_step * 1000 - 1) / (m_step * 1000);
            period.next = index + std::max<qint64>(1, skip);
            return period;
        }
        if (!m_minutes.isEmpty() && !m_minutes.contains(wall.time().minute()))
            return period;
        period.runs.append(run);
        return period;
    }

    // Hour frequency: the schedule minutes (else the start's minute) of each period, at the
    // start's second; schedule hours filter on the wall clock.
    Period hourPeriod(qint64 index) const
    {
        Period period;
        const QDateTime base = m_firstPeriod.addSecs(index * m_step);
        period.earliest = base;
        period.next = index + 1;
        const qint64 secondMsecs = m_secondOfMinute.msecsSinceStartOfDay();
        for (const int minute : m_dayMinutes) {
            const QDateTime run = base.addMSecs(minute * secondsPerMinute * 1000 + secondMsecs);
            if (!m_hours.isEmpty() && !m_hours.contains(ZonedTime::toWallClock(run, m_zone).time().hour()))
                continue;
            period.runs.append(run);
        }
        return period;
    }

    // Day, week and month frequencies: the candidate days of the period, times hours x minutes
    // on the wall clock, each converted to its instant.
    Period calendarPeriod(qint64 index) const
    {
        Period period;
        QList<QDate> days;
        QDate first;
        switch (m_frequency) {
        case Recurrence::Frequency::Day:
            first = m_firstDay.addDays(index * m_interval);
            days = {first};
            break;
        case Recurrence::Frequency::Week:
            first = m_firstDay.addDays(index * m_interval * 7);
            for (const Qt::DayOfWeek day : m_weekDays)
                days.append(first.addDays(day - 1));
            break;
        case Recurrence::Frequency::Month:
        case Recurrence::Frequency::Minute:
        case Recurrence::Frequency::Hour:
            first = m_firstDay.addMonths(int(index * m_interval));
            days = monthDays(first);
            break;
        }
        // Offsets never reach a day; earlier than the first day's midnight by a day is safe.
        period.earliest = QDateTime(first.addDays(-1), QTime(0, 0), QTimeZone::utc());
        period.next = index + 1;
        for (const QDate& day : days) {
            for (const int hour : m_dayHours) {
                for (const int minute : m_dayMinutes) {
                    const QTime time = QTime(hour, minute).addMSecs(m_secondOfMinute.msecsSinceStartOfDay());
                    period.runs.append(ZonedTime::toInstant(day, time, m_zone));
                }
            }
        }
        period.runs = sortedSet(period.runs);
        return period;
    }

    // The days of the month starting on `first` that the schedule selects (D5: a day the month
    // does not have is skipped).
    QList<QDate> monthDays(QDate first) const
    {
        QList<QDate> days;
        const int length = first.daysInMonth();
        const auto addDay = [&](int day) {
            if (day >= 1 && day <= length)
                days.append(first.addDays(day - 1));
        };
        if (!m_occurrences.isEmpty()) {
            for (const Recurrence::MonthlyOccurrence& occurrence : m_occurrences) {
                const int firstMatch = 1 + (occurrence.day - first.dayOfWeek() + 7) % 7;
                if (occurrence.occurrence == 0) {
                    for (int day = firstMatch; day <= length; day += 7)
                        addDay(day);
                } else if (occurrence.occurrence > 0) {
                    addDay(firstMatch + 7 * (occurrence.occurrence - 1));
                } else {
                    const int lastDayOfWeek = first.addDays(length - 1).dayOfWeek();
                    const int lastMatch = length - (lastDayOfWeek - occurrence.day + 7) % 7;
                    addDay(lastMatch + 7 * (occurrence.occurrence + 1));
                }
            }
        } else if (!m_monthDays.isEmpty()) {
            for (const int day : m_monthDays)
                addDay(day > 0 ? day : length + 1 + day);
        } else {
            addDay(m_wallStart.date().day());
        }
        std::sort(days.begin(), days.end());
        days.erase(std::unique(days.begin(), days.end()), days.end());
        return days;
    }

    Recurrence::Frequency m_frequency;
    int m_interval;
    QTimeZone m_zone;
    QDateTime m_created;
    bool m_immediate;
    QList<int> m_hours;
    QList<int> m_minutes;
    QList<Qt::DayOfWeek> m_weekDays;
    QList<int> m_monthDays;
    QList<Recurrence::MonthlyOccurrence> m_occurrences;

    QDateTime m_start; // S
    QDateTime m_wallStart; // LA
    QDateTime m_lower; // max(S, C)
    std::optional<QDateTime> m_end;
    std::optional<int> m_count;
    QTime m_secondOfMinute; // 00:00:ss.zzz of the start
    qint64 m_step = 0; // seconds, minute and hour frequencies
    QDateTime m_firstPeriod; // minute and hour frequencies
    QDate m_firstDay; // day, week and month frequencies
    qint64 m_emptyLimit = 0;
    QList<int> m_dayHours;
    QList<int> m_dayMinutes;
};

} // namespace

// ---------------------------------------------------------------------------------------------
// Names

QString Recurrence::frequencyName(Frequency frequency)
{
    return frequencyNames[std::size_t(frequency)];
}

std::optional<Recurrence::Frequency> Recurrence::frequencyFromName(const QString& name)
{
    for (std::size_t i = 0; i < frequencyNames.size(); ++i) {
        if (name.compare(frequencyNames[i], Qt::CaseInsensitive) == 0)
            return Frequency(i);
    }
    return std::nullopt;
}

int Recurrence::maximumInterval(Frequency frequency)
{
    switch (frequency) {
    case Frequency::Minute:
    case Frequency::Hour:
        return 1000;
    case Frequency::Day:
        return 548;
    case Frequency::Week:
        return 78;
    case Frequency::Month:
        return 18;
    }
    return 1;
}

// ---------------------------------------------------------------------------------------------
// JSON

std::optional<Recurrence> Recurrence::fromJson(const QJsonObject& job, QString* errorMessage)
{
    const auto fail = [&](const QString& message) -> std::optional<Recurrence> {
        if (errorMessage)
            *errorMessage = message;
        return std::nullopt;
    };
    const auto intList = [](const QJsonValue& value, QList<int>* out, QJsonValue* bad) {
        for (const QJsonValue item : asList(value)) {
            const auto number = wholeNumber(item);
            if (!number) {
                *bad = item;
                return false;
            }
            out->append(*number);
        }
        return true;
    };

    Recurrence result;
    Fields top(job);
    if (!top.duplicate().isEmpty())
        return fail(
            tr("The field \"%1\" is given twice with different capitalisation; keep only one.").arg(top.duplicate()));

    if (const auto start = top.take(u"startTime"_s)) {
        const auto point = start->isString() ? parseTimePoint(start->toString(), true) : std::nullopt;
        if (!point)
            return fail(tr("The start time (startTime) \"%1\" is not a date and time; write it like "
                           "2024-05-06T09:30:00, adding Z or an offset such as +02:00 for an exact instant.")
                            .arg(jsonText(*start)));
        result.m_startTime = point;
    }

    const auto recurrenceValue = top.take(u"recurrence"_s);
    if (!recurrenceValue)
        return result; // one-time; other top-level keys belong to the job
    if (!recurrenceValue->isObject())
        return fail(tr("The recurrence must be an object such as {\"frequency\": \"day\"}; remove it for a "
                       "one-time job."));
    result.m_recurring = true;

    Fields recurrence(recurrenceValue->toObject());
    if (!recurrence.duplicate().isEmpty())
        return fail(tr("The field \"%1\" is given twice with different capitalisation; keep only one.")
                        .arg(recurrence.duplicate()));

    const auto frequency = recurrence.take(u"frequency"_s);
    if (!frequency)
        return fail(tr("The recurrence has no frequency; set frequency to minute, hour, day, week or month."));
    const auto parsedFrequency = frequency->isString() ? frequencyFromName(frequency->toString()) : std::nullopt;
    if (!parsedFrequency) {
        if (frequency->toString().compare(u"year"_s, Qt::CaseInsensitive) == 0)
            return fail(tr("The frequency \"%1\" is not supported; for a yearly run use month with an interval "
                           "of 12.")
                            .arg(frequency->toString()));
        return fail(tr("The frequency \"%1\" is not supported; use minute, hour, day, week or month.")
                        .arg(jsonText(*frequency)));
    }
    result.m_frequency = *parsedFrequency;

    if (const auto interval = recurrence.take(u"interval"_s)) {
        const auto number = wholeNumber(*interval);
        if (!number || *number < 1 || *number > maximumInterval(result.m_frequency))
            return fail(tr("The interval \"%1\" is not allowed: with frequency %2 it must be a whole number from 1 "
                           "to %3; enter a number in that range.")
                            .arg(jsonText(*interval), frequencyName(result.m_frequency))
                            .arg(maximumInterval(result.m_frequency)));
        result.m_interval = *number;
    }

    if (const auto count = recurrence.take(u"count"_s)) {
        const auto number = wholeNumber(*count);
        if (!number || *number < 1)
            return fail(tr("The count \"%1\" is not allowed: the number of runs must be a whole number of at least "
                           "1; enter 1 or more, or remove it for no limit.")
                            .arg(jsonText(*count)));
        result.m_count = number;
    }

    if (const auto end = recurrence.take(u"endTime"_s)) {
        const auto point = end->isString() ? parseTimePoint(end->toString(), true) : std::nullopt;
        if (!point)
            return fail(tr("The end time (endTime) \"%1\" is not a date or a date and time; write it like "
                           "2024-12-31 or 2024-12-31T18:00:00, adding Z or an offset such as +02:00 for an exact "
                           "instant.")
                            .arg(jsonText(*end)));
        result.m_endTime = point;
    }

    if (const auto scheduleValue = recurrence.take(u"schedule"_s)) {
        if (!scheduleValue->isObject())
            return fail(tr("The schedule must be an object such as {\"hours\": [9], \"minutes\": [30]}; correct it "
                           "or remove it."));
        Fields schedule(scheduleValue->toObject());
        if (!schedule.duplicate().isEmpty())
            return fail(tr("The field \"%1\" is given twice with different capitalisation; keep only one.")
                            .arg(schedule.duplicate()));
        const auto emptyList = [&](const QString& name) {
            return fail(tr("The schedule's %1 list is empty; list at least one value or remove it.").arg(name));
        };

        if (const auto minutes = schedule.take(u"minutes"_s)) {
            QJsonValue bad;
            if (asList(*minutes).isEmpty())
                return emptyList(u"minutes"_s);
            if (!intList(*minutes, &result.m_minutes, &bad))
                return fail(tr("The schedule's minutes must be whole numbers from 0 to 59; \"%1\" is not. Correct "
                               "or remove it.")
                                .arg(jsonText(bad)));
        }
        if (const auto hours = schedule.take(u"hours"_s)) {
            QJsonValue bad;
            if (asList(*hours).isEmpty())
                return emptyList(u"hours"_s);
            if (!intList(*hours, &result.m_hours, &bad))
                return fail(tr("The schedule's hours must be whole numbers from 0 to 23; \"%1\" is not. Correct "
                               "or remove it.")
                                .arg(jsonText(bad)));
        }
        if (const auto weekDays = schedule.take(u"weekDays"_s)) {
            if (asList(*weekDays).isEmpty())
                return emptyList(u"weekDays"_s);
            for (const QJsonValue item : asList(*weekDays)) {
                const auto day = item.isString() ? weekDayFromName(item.toString()) : std::nullopt;
                if (!day)
                    return fail(tr("\"%1\" in the schedule's weekDays is not a day of the week; use monday, "
                                   "tuesday, wednesday, thursday, friday, saturday or sunday.")
                                    .arg(jsonText(item)));
                result.m_weekDays.append(*day);
            }
        }
        if (const auto monthDays = schedule.take(u"monthDays"_s)) {
            QJsonValue bad;
            if (asList(*monthDays).isEmpty())
                return emptyList(u"monthDays"_s);
            if (!intList(*monthDays, &result.m_monthDays, &bad))
                return fail(tr("\"%1\" in the schedule's monthDays is not a day of the month; use 1 to 31, or -1 "
                               "to -31 to count from the end (-1 is the last day).")
                                .arg(jsonText(bad)));
        }
        if (const auto occurrences = schedule.take(u"monthlyOccurrences"_s)) {
            if (asList(*occurrences).isEmpty())
                return emptyList(u"monthlyOccurrences"_s);
            for (const QJsonValue item : asList(*occurrences)) {
                if (!item.isObject())
                    return fail(tr("Each monthly occurrence must be an object such as {\"day\": \"friday\", "
                                   "\"occurrence\": -1}; \"%1\" is not.")
                                    .arg(jsonText(item)));
                Fields fields(item.toObject());
                if (!fields.duplicate().isEmpty())
                    return fail(tr("The field \"%1\" is given twice with different capitalisation; keep only one.")
                                    .arg(fields.duplicate()));
                MonthlyOccurrence occurrence;
                const auto day = fields.take(u"day"_s);
                if (!day)
                    return fail(tr("A monthly occurrence has no day; add one, such as {\"day\": \"friday\", "
                                   "\"occurrence\": -1} for the last Friday."));
                const auto dayOfWeek = day->isString() ? weekDayFromName(day->toString()) : std::nullopt;
                if (!dayOfWeek)
                    return fail(tr("\"%1\" in a monthly occurrence is not a day of the week; use monday, tuesday, "
                                   "wednesday, thursday, friday, saturday or sunday.")
                                    .arg(jsonText(*day)));
                occurrence.day = *dayOfWeek;
                if (const auto number = fields.take(u"occurrence"_s)) {
                    const auto value = wholeNumber(*number);
                    if (!value || *value == 0 || *value < -5 || *value > 5)
                        return fail(tr("The occurrence \"%1\" of a monthly occurrence is not allowed; use 1 to 5 "
                                       "(first to fifth) or -1 to -5 (last to fifth from the end), or remove it for "
                                       "every such day of the month.")
                                        .arg(jsonText(*number)));
                    occurrence.occurrence = *value;
                }
                if (const QString unknown = fields.firstUnknown(); !unknown.isEmpty())
                    return fail(tr("Unknown field \"%1\" in a monthly occurrence; only day and occurrence are "
                                   "allowed.")
                                    .arg(unknown));
                result.m_monthlyOccurrences.append(occurrence);
            }
        }
        if (const QString unknown = schedule.firstUnknown(); !unknown.isEmpty())
            return fail(tr("Unknown field \"%1\" in the schedule; the allowed fields are minutes, hours, weekDays, "
                           "monthDays and monthlyOccurrences.")
                            .arg(unknown));
    }

    if (const QString unknown = recurrence.firstUnknown(); !unknown.isEmpty())
        return fail(tr("Unknown field \"%1\" in the recurrence; the allowed fields are frequency, interval, "
                       "schedule, count and endTime.")
                        .arg(unknown));

    if (const QString error = result.checkStructure(); !error.isEmpty())
        return fail(error);

    // Lists are sets (D10): the canonical form is sorted, without duplicates.
    result.m_minutes = sortedSet(result.m_minutes);
    result.m_hours = sortedSet(result.m_hours);
    result.m_weekDays = sortedSet(result.m_weekDays);
    result.m_monthDays = sortedSet(result.m_monthDays);
    result.m_monthlyOccurrences = sortedSet(result.m_monthlyOccurrences);
    return result;
}

QJsonObject Recurrence::toJson() const
{
    QJsonObject job;
    if (m_startTime)
        job.insert(u"startTime"_s, timePointText(*m_startTime));
    if (!m_recurring)
        return job;

    QJsonObject recurrence;
    recurrence.insert(u"frequency"_s, frequencyName(m_frequency));
    if (m_interval != 1)
        recurrence.insert(u"interval"_s, m_interval);

    const auto intArray = [](const QList<int>& values) {
        QJsonArray array;
        for (const int value : sortedSet(values))
            array.append(value);
        return array;
    };
    QJsonObject schedule;
    if (!m_minutes.isEmpty())
        schedule.insert(u"minutes"_s, intArray(m_minutes));
    if (!m_hours.isEmpty())
        schedule.insert(u"hours"_s, intArray(m_hours));
    if (!m_weekDays.isEmpty()) {
        QJsonArray days;
        for (const Qt::DayOfWeek day : sortedSet(m_weekDays)) {
            if (isValidWeekDay(day))
                days.append(weekDayNames[day - 1]);
        }
        schedule.insert(u"weekDays"_s, days);
    }
    if (!m_monthDays.isEmpty())
        schedule.insert(u"monthDays"_s, intArray(m_monthDays));
    if (!m_monthlyOccurrences.isEmpty()) {
        QJsonArray occurrences;
        for (const MonthlyOccurrence& occurrence : sortedSet(m_monthlyOccurrences)) {
            if (!isValidWeekDay(occurrence.day))
                continue;
            QJsonObject object {{u"day"_s, weekDayNames[occurrence.day - 1]}};
            if (occurrence.occurrence != 0)
                object.insert(u"occurrence"_s, occurrence.occurrence);
            occurrences.append(object);
        }
        schedule.insert(u"monthlyOccurrences"_s, occurrences);
    }
    if (!schedule.isEmpty())
        recurrence.insert(u"schedule"_s, schedule);
    if (m_count)
        recurrence.insert(u"count"_s, *m_count);
    if (m_endTime)
        recurrence.insert(u"endTime"_s, timePointText(*m_endTime));
    job.insert(u"recurrence"_s, recurrence);
    return job;
}

// ---------------------------------------------------------------------------------------------
// Validation

QString Recurrence::checkStructure() const
{
    if (!m_zone.isValid())
        return tr("The time zone is not valid; choose a time zone from the list, or UTC.");
    const bool hasSchedule = !m_minutes.isEmpty() || !m_hours.isEmpty() || !m_weekDays.isEmpty()
        || !m_monthDays.isEmpty() || !m_monthlyOccurrences.isEmpty();
    if (!m_recurring) {
        if (hasSchedule || m_count || m_endTime)
            return tr("A one-time job cannot have a schedule, a count or an end time; make the job recurring or "
                      "remove them.");
        return {};
    }
    const int maximum = maximumInterval(m_frequency);
    if (m_interval < 1 || m_interval > maximum)
        return tr("The interval \"%1\" is not allowed: with frequency %2 it must be a whole number from 1 to %3; "
                  "enter a number in that range.")
            .arg(QString::number(m_interval), frequencyName(m_frequency))
            .arg(maximum);
    if (m_count && *m_count < 1)
        return tr("The count \"%1\" is not allowed: the number of runs must be a whole number of at least 1; "
                  "enter 1 or more, or remove it for no limit.")
            .arg(*m_count);
    for (const int minute : m_minutes) {
        if (minute < 0 || minute > 59)
            return tr("The schedule's minutes must be whole numbers from 0 to 59; \"%1\" is not. Correct or "
                      "remove it.")
                .arg(minute);
    }
    for (const int hour : m_hours) {
        if (hour < 0 || hour > 23)
            return tr("The schedule's hours must be whole numbers from 0 to 23; \"%1\" is not. Correct or remove "
                      "it.")
                .arg(hour);
    }
    if (!m_weekDays.isEmpty()) {
        if (m_frequency != Frequency::Week)
            return tr("Week days (weekDays) are allowed only with frequency week; change the frequency to week or "
                      "remove the week days.");
        for (const Qt::DayOfWeek day : m_weekDays) {
            if (!isValidWeekDay(day))
                return tr("\"%1\" in the schedule's weekDays is not a day of the week; use monday, tuesday, "
                          "wednesday, thursday, friday, saturday or sunday.")
                    .arg(int(day));
        }
    }
    if (!m_monthDays.isEmpty()) {
        if (m_frequency != Frequency::Month)
            return tr("Month days (monthDays) are allowed only with frequency month; change the frequency to month "
                      "or remove the month days.");
        for (const int day : m_monthDays) {
            if (day == 0 || day < -31 || day > 31)
                return tr("\"%1\" in the schedule's monthDays is not a day of the month; use 1 to 31, or -1 to -31 "
                          "to count from the end (-1 is the last day).")
                    .arg(day);
        }
    }
    if (!m_monthlyOccurrences.isEmpty()) {
        if (m_frequency != Frequency::Month)
            return tr("Monthly occurrences (monthlyOccurrences) are allowed only with frequency month; change the "
                      "frequency to month or remove the monthly occurrences.");
        for (const MonthlyOccurrence& occurrence : m_monthlyOccurrences) {
            if (!isValidWeekDay(occurrence.day))
                return tr("\"%1\" in a monthly occurrence is not a day of the week; use monday, tuesday, "
                          "wednesday, thursday, friday, saturday or sunday.")
                    .arg(int(occurrence.day));
            if (occurrence.occurrence < -5 || occurrence.occurrence > 5)
                return tr("The occurrence \"%1\" of a monthly occurrence is not allowed; use 1 to 5 (first to "
                          "fifth) or -1 to -5 (last to fifth from the end), or remove it for every such day of the "
                          "month.")
                    .arg(occurrence.occurrence);
        }
        if (!m_monthDays.isEmpty())
            return tr("A schedule cannot have both month days (monthDays) and monthly occurrences "
                      "(monthlyOccurrences); keep only one of them.");
    }
    return {};
}

QString Recurrence::validate(const QDateTime& created) const
{
    return validateIn(created, nullptr);
}

QString Recurrence::validate(const QDateTime& created, const QLocale& locale) const
{
    return validateIn(created, &locale);
}

QString Recurrence::validateIn(const QDateTime& created, const QLocale* locale) const
{
    if (const QString error = checkStructure(); !error.isEmpty())
        return error;
    if (!m_recurring)
        return {};
    const QDateTime now = created.toUTC();
    if (m_endTime) {
        const QDateTime end = instantOf(*m_endTime, m_zone);
        if (end <= now)
            return tr("The end time (endTime) %1 is not after the creation time %2; choose a later end time.")
                .arg(wallText(wallOf(*m_endTime, m_zone), locale),
                    wallText(ZonedTime::toWallClock(now, m_zone), locale));
        if (m_startTime && end < instantOf(*m_startTime, m_zone))
            return tr("The end time (endTime) %1 is before the start time (startTime) %2; choose an end time after "
                      "the start.")
                .arg(wallText(wallOf(*m_endTime, m_zone), locale), wallText(wallOf(*m_startTime, m_zone), locale));
    }
    if (!runs(created, 1).isEmpty()) {
        if (m_startTime || m_endTime)
            return {};
        // Without a start time the job runs once at creation (D12); the series itself must run too.
        Recurrence anchored = *this;
        anchored.m_startTime = TimePoint {now, false};
        if (!anchored.runs(created, 1).isEmpty())
            return {};
    }

    if (m_endTime) {
        Recurrence unbounded = *this;
        unbounded.m_endTime.reset();
        const QList<QDateTime> first = unbounded.runs(created, 1);
        if (!first.isEmpty())
            return tr("This schedule never runs: its first run would be at %1, after the end time %2; choose a "
                      "later end time.")
                .arg(wallText(ZonedTime::toWallClock(first.first(), m_zone), locale),
                    wallText(wallOf(*m_endTime, m_zone), locale));
    }
    switch (m_frequency) {
    case Frequency::Month:
        return tr("This schedule never runs: none of the months it visits has the chosen days; change the days, the "
                  "start month or the interval.");
    case Frequency::Minute:
    case Frequency::Hour:
        return tr("This schedule never runs: none of its steps falls on the chosen hours and minutes; change the "
                  "hours, the minutes or the interval.");
    case Frequency::Day:
    case Frequency::Week:
        break;
    }
    return tr("This schedule never runs; change its days or times.");
}

// ---------------------------------------------------------------------------------------------
// Evaluation

QDateTime Recurrence::next(const QDateTime& after, const QDateTime& created) const
{
    const QDateTime reference = after.toUTC();
    if (!m_recurring) {
        const QDateTime run = runs(created, 1).value(0);
        return run > reference ? run : QDateTime();
    }
    return Series(*this, created).next(reference);
}

QList<QDateTime> Recurrence::runs(const QDateTime& created, int count) const
{
    if (count <= 0)
        return {};
    const QDateTime now = created.toUTC();
    if (!m_recurring) {
        const QTimeZone zone = m_zone.isValid() ? m_zone : QTimeZone::utc();
        if (m_startTime) {
            const QDateTime start = instantOf(*m_startTime, zone);
            if (start > now)
                return {start};
        }
        return {now};
    }
    return Series(*this, created).runs(count);
}

// ---------------------------------------------------------------------------------------------
// Description

namespace {

QString joinAnd(const QStringList& items)
{
    if (items.isEmpty())
        return {};
    if (items.size() == 1)
        return items.first();
    return Recurrence::tr("%1 and %2").arg(items.mid(0, items.size() - 1).join(u", "_s), items.last());
}

// "0, 15 and 30"; runs of three or more consecutive values become "9 to 16".
QString numberList(const QList<int>& values)
{
    QStringList items;
    const QList<int> sorted = sortedSet(values);
    for (qsizetype i = 0; i < sorted.size();) {
        qsizetype j = i;
        while (j + 1 < sorted.size() && sorted[j + 1] == sorted[j] + 1)
            ++j;
        if (j - i >= 2) {
            items.append(Recurrence::tr("%1 to %2").arg(sorted[i]).arg(sorted[j]));
        } else {
            for (qsizetype k = i; k <= j; ++k)
                items.append(QString::number(sorted[k]));
        }
        i = j + 1;
    }
    return joinAnd(items);
}

// The day's name in `locale`, or in the default locale without one.
QString dayName(Qt::DayOfWeek day, const QLocale* locale)
{
    return (locale ? *locale : QLocale()).dayName(day, QLocale::LongFormat);
}

QString monthDayText(int day)
{
    if (day > 0)
        return Recurrence::tr("day %1").arg(day);
    if (day == -1)
        return Recurrence::tr("the last day");
    if (day == -2)
        return Recurrence::tr("the day before the last day");
    return Recurrence::tr("%n days before the last day", nullptr, -day - 1);
}

QString occurrenceText(const Recurrence::MonthlyOccurrence& occurrence, const QLocale* locale)
{
    const QString day = dayName(occurrence.day, locale);
    switch (occurrence.occurrence) {
    case 1:
        return Recurrence::tr("the first %1").arg(day);
    case 2:
        return Recurrence::tr("the second %1").arg(day);
    case 3:
        return Recurrence::tr("the third %1").arg(day);
    case 4:
        return Recurrence::tr("the fourth %1").arg(day);
    case 5:
        return Recurrence::tr("the fifth %1").arg(day);
    case -1:
        return Recurrence::tr("the last %1").arg(day);
    case -2:
        return Recurrence::tr("the second to last %1").arg(day);
    case -3:
        return Recurrence::tr("the third to last %1").arg(day);
    case -4:
        return Recurrence::tr("the fourth to last %1").arg(day);
    case -5:
        return Recurrence::tr("the fifth to last %1").arg(day);
    default:
        return Recurrence::tr("every %1").arg(day);
    }
}

} // namespace

QString Recurrence::describe() const
{
    return describeIn(nullptr);
}

QString Recurrence::describe(const QLocale& locale) const
{
    return describeIn(&locale);
}

QString Recurrence::describeIn(const QLocale* locale) const
{
    const QTimeZone zone = m_zone.isValid() ? m_zone : QTimeZone::utc();
    const QString zoneSuffix = isUtc(zone) ? QString() : u" ("_s + zoneName(zone) + u')';
    if (!m_recurring) {
        if (!m_startTime)
            return tr("Once, as soon as it is created");
        return tr("Once at %1").arg(wallText(wallOf(*m_startTime, zone), locale)) + u" ("_s + zoneName(zone) + u')';
    }

    const std::optional<QDateTime> wallStart
        = m_startTime ? std::optional<QDateTime>(wallOf(*m_startTime, zone)) : std::nullopt;
    const int n = m_interval;
    const QList<int> hours = sortedSet(m_hours);
    const QList<int> minutes = sortedSet(m_minutes);
    QString text;

    // Times of day for day, week and month frequencies (D1, D2).
    const auto withTimes = [&](const QString& head) -> QString {
        if (hours.isEmpty() && !minutes.isEmpty()) {
            return minutes.size() == 1 ? tr("%1, every hour at minute %2").arg(head, numberList(minutes))
                                       : tr("%1, every hour at minutes %2").arg(head, numberList(minutes));
        }
        if (minutes.isEmpty() && !wallStart) {
            if (hours.isEmpty())
                return head;
            return hours.size() == 1 ? tr("%1 at hour %2").arg(head, numberList(hours))
                                     : tr("%1 at hours %2").arg(head, numberList(hours));
        }
        const QList<int> dayHours = hours.isEmpty() ? QList<int> {wallStart->time().hour()} : hours;
        const QList<int> dayMinutes = minutes.isEmpty() ? QList<int> {wallStart->time().minute()} : minutes;
        const int second = wallStart ? wallStart->time().second() : 0;
        if (dayHours.size() * dayMinutes.size() > 6) {
            return dayMinutes.size() == 1
                ? tr("%1 at minute %2 of hours %3").arg(head, numberList(dayMinutes), numberList(dayHours))
                : tr("%1 at minutes %2 of hours %3").arg(head, numberList(dayMinutes), numberList(dayHours));
        }
        QStringList times;
        for (const int hour : dayHours) {
            for (const int minute : dayMinutes)
                times.append(clockText(QTime(hour, minute, second), locale));
        }
        return tr("%1 at %2").arg(head, joinAnd(times));
    };

    switch (m_frequency) {
    case Frequency::Minute:
        text = n == 1 ? tr("Every minute") : tr("Every %n minutes", nullptr, n);
        if (!minutes.isEmpty()) {
            text = minutes.size() == 1 ? tr("%1, only at minute %2").arg(text, numberList(minutes))
                                       : tr("%1, only at minutes %2").arg(text, numberList(minutes));
            if (!hours.isEmpty())
                text = hours.size() == 1 ? tr("%1 during hour %2").arg(text, numberList(hours))
                                         : tr("%1 during hours %2").arg(text, numberList(hours));
        } else if (!hours.isEmpty()) {
            text = hours.size() == 1 ? tr("%1, only during hour %2").arg(text, numberList(hours))
                                     : tr("%1, only during hours %2").arg(text, numberList(hours));
        }
        break;
    case Frequency::Hour:
        text = n == 1 ? tr("Every hour") : tr("Every %n hours", nullptr, n);
        if (!minutes.isEmpty())
            text = minutes.size() == 1 ? tr("%1 at minute %2").arg(text, numberList(minutes))
                                       : tr("%1 at minutes %2").arg(text, numberList(minutes));
        if (!hours.isEmpty())
            text = hours.size() == 1 ? tr("%1, only during hour %2").arg(text, numberList(hours))
                                     : tr("%1, only during hours %2").arg(text, numberList(hours));
        break;
    case Frequency::Day:
        text = withTimes(n == 1 ? tr("Every day") : tr("Every %n days", nullptr, n));
        break;
    case Frequency::Week: {
        QList<Qt::DayOfWeek> days = sortedSet(m_weekDays);
        if (days.isEmpty() && wallStart)
            days = {Qt::DayOfWeek(wallStart->date().dayOfWeek())};
        QStringList names;
        for (const Qt::DayOfWeek day : days)
            names.append(dayName(day, locale));
        if (names.isEmpty())
            text = withTimes(n == 1 ? tr("Every week") : tr("Every %n weeks", nullptr, n));
        else
            text = withTimes(n == 1 ? tr("Every week on %1").arg(names.join(u", "_s))
                                    : tr("Every %n weeks on %1", nullptr, n).arg(names.join(u", "_s)));
        break;
    }
    case Frequency::Month: {
        QStringList items;
        if (!m_monthlyOccurrences.isEmpty()) {
            for (const MonthlyOccurrence& occurrence : sortedSet(m_monthlyOccurrences))
                items.append(occurrenceText(occurrence, locale));
        } else if (!m_monthDays.isEmpty()) {
            // Days from the start of the month first, then those counted from the end.
            const QList<int> days = sortedSet(m_monthDays);
            for (const int day : days) {
                if (day > 0)
                    items.append(monthDayText(day));
            }
            for (auto it = days.crbegin(); it != days.crend(); ++it) {
                if (*it < 0)
                    items.append(monthDayText(*it));
            }
        } else if (wallStart) {
            items.append(monthDayText(wallStart->date().day()));
        }
        if (items.isEmpty())
            text = withTimes(n == 1 ? tr("Every month") : tr("Every %n months", nullptr, n));
        else
            text = withTimes(n == 1 ? tr("Every month on %1").arg(joinAnd(items))
                                    : tr("Every %n months on %1", nullptr, n).arg(joinAnd(items)));
        break;
    }
    }

    if (m_endTime)
        text = tr("%1, until %2").arg(text, wallText(wallOf(*m_endTime, zone), locale));
    if (m_count)
        text = *m_count == 1 ? tr("%1, once").arg(text) : tr("%1, %n times", nullptr, *m_count).arg(text);
    return text + zoneSuffix;
}

} // namespace WebJobs
