#include "ui/log/LogLinePrefix.h"

namespace WebJobs {

namespace {

int digits(const char* text, int count)
{
    int value = 0;
    for (int i = 0; i < count; ++i) {
        const char c = text[i];
        if (c < '0' || c > '9')
            return -1;
        value = value * 10 + (c - '0');
    }
    return value;
}

// Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's days_from_civil).
qint64 daysFromCivil(int year, int month, int day)
{
    year -= month <= 2;
    const qint64 era = (year >= 0 ? year : year - 399) / 400;
    const int yearOfEra = int(year - era * 400);
    const int dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    const int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    return era * 146097 + dayOfEra - 719468;
}

} // namespace

bool LogLinePrefix::passes(int filter) const
{
    if (level == Level::None)
        return true;
    if (system && !(filter & ShowSystem))
        return false;
    switch (level) {
    case Level::Info:
        return filter & ShowInfo;
    case Level::Warning:
        return filter & ShowWarning;
    case Level::Error:
        return filter & ShowError;
    case Level::None:
        break;
    }
    return true;
}

qint64 LogLinePrefix::parseTime(QByteArrayView text)
{
    // MM/dd/yyyy HH:mm:ss
    if (text.size() < 19)
        return -1;
    const char* t = text.data();
    if (t[2] != '/' || t[5] != '/' || t[10] != ' ' || t[13] != ':' || t[16] != ':')
        return -1;
    const int month = digits(t, 2);
    const int day = digits(t + 3, 2);
    const int year = digits(t + 6, 4);
    const int hour = digits(t + 11, 2);
    const int minute = digits(t + 14, 2);
    const int second = digits(t + 17, 2);
    if (month < 1 || month > 12 || day < 1 || day > 31 || year < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59
        || second < 0 || second > 60)
        return -1;
    return daysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second;
}

LogLinePrefix LogLinePrefix::parse(QByteArrayView line)
{
    LogLinePrefix prefix;
    // "[" time(19) " > " instance ": " level "]"
    const qsizetype size = line.size();
    if (size < 1 + 19 + 3 + 1 + 2 + 3 + 1 || line[0] != '[')
        return prefix;
    const char* t = line.data();
    const qint64 seconds = parseTime(line.sliced(1, 19));
    if (seconds < 0 || t[20] != ' ' || t[21] != '>' || t[22] != ' ')
        return prefix;
    int i = 23;
    const int instanceStart = i;
    // The instance id: a few characters up to ": ".
    while (i < size && i < instanceStart + 32 && t[i] != ':' && t[i] != ']')
        ++i;
    if (i + 2 >= size || t[i] != ':' || t[i + 1] != ' ')
        return prefix;
    const int instanceLength = i - instanceStart;
    i += 2;
    bool system = false;
    if (size - i >= 4 && QByteArrayView(t + i, 4) == "SYS ") {
        system = true;
        i += 4;
    }
    static constexpr struct
    {
        QByteArrayView text;
        Level level;
    } levels[] = {{"INFO]", Level::Info}, {"WARN]", Level::Warning}, {"ERR ]", Level::Error}, {"ERR]", Level::Error}};
    const QByteArrayView rest(t + i, size - i);
    Level level = Level::None;
    for (const auto& candidate : levels) {
        if (rest.startsWith(candidate.text)) {
            level = candidate.level;
            i += int(candidate.text.size());
            break;
        }
    }
    if (level == Level::None)
        return prefix;
    if (i < size && t[i] == ' ')
        ++i;
    prefix.level = level;
    prefix.system = system;
    prefix.unixSeconds = seconds;
    prefix.instanceStart = instanceStart;
    prefix.instanceLength = instanceLength;
    prefix.length = i;
    return prefix;
}

} // namespace WebJobs
