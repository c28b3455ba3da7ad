#include "core/schedule/CronConversion.h"

#include "core/schedule/CronExpression.h"

#include <QCoreApplication>
#include <QLocale>
#include <QStringList>

#include <algorithm>
#include <set>

using namespace Qt::StringLiterals;

namespace WebJobs::CronConversion {

namespace {

bool isUtc(const QTimeZone& zone)
{
    return !zone.isValid() || zone == QTimeZone::utc() || zone.id() == "UTC" || zone.id() == "Etc/UTC";
}

QList<int> sortedSet(QList<int> values)
{
    std::sort(values.begin(), values.end());
    values.erase(std::unique(values.begin(), values.end()), values.end());
    return values;
}

QList<int> range(int first, int last)
{
    QList<int> values;
    for (int value = first; value <= last; ++value)
        values.append(value);
    return values;
}

// One field of the expression, as short as NCrontab reads it: `*`, `*/n` or `a/n` for a step
// that runs to the field's end, else a comma list of values and ranges of three or more.
QString fieldText(QList<int> values, int minimum, int maximum)
{
    values = sortedSet(values);
    if (values == range(minimum, maximum))
        return u"*"_s;
    QString stepText;
    if (values.size() >= 2) {
        const int step = values.at(1) - values.at(0);
        bool arithmetic = step > 1;
        for (qsizetype i = 2; arithmetic && i < values.size(); ++i)
            arithmetic = values.at(i) - values.at(i - 1) == step;
        // a/n means a, a+n, ... up to the maximum: only when the list goes that far.
        if (arithmetic && values.last() + step > maximum && values.first() - step < minimum)
            stepText
                = (values.first() == minimum ? u"*"_s : QString::number(values.first())) + u'/' + QString::number(step);
    }
    QStringList parts;
    for (qsizetype i = 0; i < values.size();) {
        qsizetype j = i;
        while (j + 1 < values.size() && values.at(j + 1) == values.at(j) + 1)
            ++j;
        if (j - i >= 2) {
            parts.append(QString::number(values.at(i)) + u'-' + QString::number(values.at(j)));
        } else {
            for (qsizetype k = i; k <= j; ++k)
                parts.append(QString::number(values.at(k)));
        }
        i = j + 1;
    }
    const QString listText = parts.join(u',');
    return !stepText.isEmpty() && stepText.size() < listText.size() ? stepText : listText;
}

// The values of [minimum, maximum] on the grid first + k * step (k any integer).
QList<int> onGrid(int first, int step, int minimum, int maximum)
{
    QList<int> values;
    for (int value = minimum; value <= maximum; ++value) {
        if (((value - first) % step + step) % step == 0)
            values.append(value);
    }
    return values;
}

QList<int> intersect(const QList<int>& values, const QList<int>& filter)
{
    if (filter.isEmpty())
        return values;
    QList<int> result;
    for (const int value : values) {
        if (filter.contains(value))
            result.append(value);
    }
    return result;
}

QString dividersText(const QList<int>& values)
{
    QStringList texts;
    for (const int value : values)
        texts.append(QString::number(value));
    return QLocale().createSeparatedList(texts);
}

} // namespace

std::optional<QString> toCron(const Recurrence& recurrence, const QDateTime& created, QString* why)
{
    const auto refuse = [why](const QString& reason) -> std::optional<QString> {
        if (why)
            *why = reason;
        return std::nullopt;
    };

    if (const QString invalid = recurrence.validate(created); !invalid.isEmpty())
        return refuse(invalid);
    if (!recurrence.isRecurring())
        return refuse(QCoreApplication::translate("CronConversion",
            "A Kudu schedule repeats: it cannot run a job once at a given time. Make the schedule "
            "recurring, or run the job by hand."));

    const int interval = recurrence.interval();
    const QList<int> hours = sortedSet(recurrence.hours());
    const QList<int> minutes = sortedSet(recurrence.minutes());

    // Which frequencies and intervals cron's fields can step through.
    switch (recurrence.frequency()) {
    case Recurrence::Frequency::Minute:
        if (60 % interval != 0 && !(interval % 60 == 0 && 24 % (interval / 60) == 0))
            return refuse(QCoreApplication::translate("CronConversion",
                "A Kudu schedule cannot run every %n minute(s): its minute steps start again every "
                "hour. Choose an interval that divides an hour (%1 minutes) or a day (60, 120, 180, "
                "240, 360, 480 or 720 minutes).",
                nullptr, interval)
                              .arg(dividersText({1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30})));
        break;
    case Recurrence::Frequency::Hour:
        if (24 % interval != 0)
            return refuse(QCoreApplication::translate("CronConversion",
                "A Kudu schedule cannot run every %n hour(s): its hour steps start again every day. "
                "Choose an interval that divides a day (%1 hours).",
                nullptr, interval)
                              .arg(dividersText({1, 2, 3, 4, 6, 8, 12, 24})));
        break;
    case Recurrence::Frequency::Day:
        if (interval != 1)
            return refuse(QCoreApplication::translate("CronConversion",
                "A Kudu schedule cannot run every %n day(s): it has no step that carries over from "
                "one month to the next. Choose every day, or a weekly schedule on chosen days.",
                nullptr, interval));
        break;
    case Recurrence::Frequency::Week:
        if (interval != 1)
            return refuse(QCoreApplication::translate("CronConversion",
                "A Kudu schedule cannot run every %n week(s): it knows days of the week, not weeks. "
                "Choose every week.",
                nullptr, interval));
        break;
    case Recurrence::Frequency::Month:
        if (12 % interval != 0)
            return refuse(QCoreApplication::translate("CronConversion",
                "A Kudu schedule cannot run every %n month(s): its month steps start again every "
                "year. Choose an interval that divides a year (%1 months).",
                nullptr, interval)
                              .arg(dividersText({1, 2, 3, 4, 6, 12})));
        break;
    }
    for (const int day : recurrence.monthDays()) {
        if (day < 0)
            return refuse(QCoreApplication::translate("CronConversion",
                "A Kudu schedule cannot count days from the end of the month (such as the last "
                "day): it only knows days 1 to 31. Choose days counted from the start of the month."));
    }
    // Monthly occurrences as (ordinal, day of the week): cron matches a day when it is in the
    // ordinals' day ranges AND on one of the days of the week, a product of the two sets.
    std::set<std::pair<int, int>> occurrences;
    std::set<int> ordinals;
    std::set<int> occurrenceDays;
    for (const Recurrence::MonthlyOccurrence& occurrence : recurrence.monthlyOccurrences()) {
        if (occurrence.occurrence < 0)
            return refuse(QCoreApplication::translate("CronConversion",
                "A Kudu schedule cannot count days of the week from the end of the month (such as "
                "the last Friday). Choose an occurrence counted from the start (first to fifth)."));
        const int cronDay = int(occurrence.day) % 7;
        occurrenceDays.insert(cronDay);
        for (int ordinal = 1; ordinal <= 5; ++ordinal) {
            if (occurrence.occurrence == 0 || occurrence.occurrence == ordinal) {
                occurrences.insert({ordinal, cronDay});
                ordinals.insert(ordinal);
            }
        }
    }
    if (occurrences.size() != ordinals.size() * occurrenceDays.size())
        return refuse(QCoreApplication::translate("CronConversion",
            "A Kudu schedule cannot combine different occurrences of different days of the week "
            "(such as the first Monday and the second Friday). Give every chosen day the same "
            "occurrences, or save one job per day."));
    if (const std::optional<int> count = recurrence.count())
        return refuse(QCoreApplication::translate("CronConversion",
            "A Kudu schedule cannot stop after %n run(s): it runs until it is removed. Remove the "
            "number of runs, and remove the schedule when it is no longer needed.",
            nullptr, *count));
    if (recurrence.endTime())
        return refuse(QCoreApplication::translate("CronConversion",
            "A Kudu schedule cannot stop at an end time: it runs until it is removed. Remove the end "
            "time, and remove the schedule when it is no longer needed."));
    if (!isUtc(recurrence.timeZone()))
        return refuse(QCoreApplication::translate("CronConversion",
            "A Kudu site reads its schedule in its own time zone (UTC unless its app setting "
            "WEBSITE_TIME_ZONE says otherwise), not in %1. Choose UTC and give the times in UTC.")
                          .arg(QString::fromUtf8(recurrence.timeZone().id())));
    const std::optional<Recurrence::TimePoint> startPoint = recurrence.startTime();
    if (!startPoint)
        return refuse(QCoreApplication::translate("CronConversion",
            "A Kudu schedule cannot run the job at once when it is saved, as a recurrence without a "
            "start time does. Choose a start time (now or earlier): the job then runs at the "
            "schedule's times only."));
    // In UTC a wall-clock time and an instant read the same.
    const QDateTime start = startPoint->value.toUTC();
    if (start > created.toUTC())
        return refuse(QCoreApplication::translate("CronConversion",
            "A Kudu schedule starts when it is saved: it cannot wait for the start time %1. Choose "
            "a start time now or earlier, or save the schedule at %1.")
                          .arg(start.toString(u"yyyy-MM-dd HH:mm:ss"_s)));
    if (start.time().msec() != 0)
        return refuse(QCoreApplication::translate("CronConversion",
            "A Kudu schedule runs on whole seconds, and the start time %1 has a fraction of a "
            "second. Give the start time in whole seconds.")
                          .arg(start.toString(u"yyyy-MM-dd HH:mm:ss.zzz"_s)));

    const QTime startClock = start.time();
    const QString second = QString::number(startClock.second());
    // Times of day of the calendar frequencies (docs/schedules.md D1): minutes without hours
    // run every hour; what the schedule does not give comes from the start time.
    QList<int> dayHours = hours;
    if (dayHours.isEmpty())
        dayHours = minutes.isEmpty() ? QList<int> {startClock.hour()} : range(0, 23);
    const QList<int> dayMinutes = minutes.isEmpty() ? QList<int> {startClock.minute()} : minutes;

    QList<int> minuteField;
    QList<int> hourField;
    QString dayField = u"*"_s;
    QString monthField = u"*"_s;
    QString weekDayField = u"*"_s;
    switch (recurrence.frequency()) {
    case Recurrence::Frequency::Minute:
        // Every N minutes in elapsed time from the start, filtered by the schedule's hours and
        // minutes on the (UTC) clock.
        if (60 % interval == 0) {
            minuteField = intersect(onGrid(startClock.minute(), interval, 0, 59), minutes);
            hourField = hours.isEmpty() ? range(0, 23) : hours;
        } else {
            minuteField = intersect({startClock.minute()}, minutes);
            hourField = intersect(onGrid(startClock.hour(), interval / 60, 0, 23), hours);
        }
        break;
    case Recurrence::Frequency::Hour:
        minuteField = dayMinutes;
        hourField = intersect(onGrid(startClock.hour(), interval, 0, 23), hours);
        break;
    case Recurrence::Frequency::Day:
    case Recurrence::Frequency::Week:
    case Recurrence::Frequency::Month:
        minuteField = dayMinutes;
        hourField = dayHours;
        break;
    }
    if (recurrence.frequency() == Recurrence::Frequency::Week) {
        QList<int> days;
        for (const Qt::DayOfWeek day : recurrence.weekDays())
            days.append(int(day) % 7);
        if (days.isEmpty())
            days.append(start.date().dayOfWeek() % 7);
        weekDayField = fieldText(days, 0, 6);
    }
    if (recurrence.frequency() == Recurrence::Frequency::Month) {
        monthField = fieldText(onGrid(start.date().month(), interval, 1, 12), 1, 12);
        if (!occurrences.empty()) {
            QList<int> days;
            for (const int ordinal : ordinals)
                days += range(7 * ordinal - 6, std::min(7 * ordinal, 31));
            dayField = fieldText(days, 1, 31);
            weekDayField = fieldText(QList<int>(occurrenceDays.begin(), occurrenceDays.end()), 0, 6);
        } else if (!recurrence.monthDays().isEmpty()) {
            dayField = fieldText(recurrence.monthDays(), 1, 31);
        } else {
            dayField = QString::number(start.date().day());
        }
    }
    if (minuteField.isEmpty() || hourField.isEmpty())
        return refuse(QCoreApplication::translate("CronConversion",
            "This recurrence never runs: its hours or minutes are never on its steps. Choose hours "
            "and minutes that the interval reaches."));

    const QString text = QStringList {second, fieldText(minuteField, 0, 59), fieldText(hourField, 0, 23), dayField,
        monthField, weekDayField}
                             .join(u' ');
    QString problem;
    if (!CronExpression::parse(text, &problem).isValid())
        return refuse(problem); // a bug of this function: say so rather than write it
    return text;
}

} // namespace WebJobs::CronConversion
