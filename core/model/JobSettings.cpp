#include "core/model/JobSettings.h"

#include <algorithm>
#include <limits>
#include <utility>

using namespace Qt::StringLiterals;

namespace WebJobs {

namespace {

const QString ScheduleKey = u"schedule"_s;
const QString SingletonKey = u"is_singleton"_s;
const QString StoppingWaitTimeKey = u"stopping_wait_time"_s;
const QString InPlaceKey = u"is_in_place"_s;
const QString RecurrenceKey = u"recurrence"_s;
const QString TimeZoneKey = u"time_zone"_s;
const QString MisfirePolicyKey = u"misfire_policy"_s;

// 1-based line and column (in characters) of a byte offset.
std::pair<int, int> lineAndColumn(const QByteArray& text, int offset)
{
    offset = std::clamp(offset, 0, int(text.size()));
    const QByteArrayView before(text.constData(), offset);
    const qsizetype lineStart = before.lastIndexOf('\n') + 1;
    const int line = int(before.count('\n')) + 1;
    const int column = int(QString::fromUtf8(before.sliced(lineStart)).size()) + 1;
    return {line, column};
}

} // namespace

JobSettings::JobSettings(const OrderedJson& object)
{
    if (object.isObject())
        m_object = object;
}

JobSettings JobSettings::fromJsonObject(const QJsonObject& object)
{
    return JobSettings(OrderedJson(QJsonValue(object)));
}

std::optional<QByteArray> JobSettings::stripComments(const QByteArray& text, int* openOffset)
{
    QByteArray result = text;
    const qsizetype size = result.size();
    qsizetype i = 0;
    while (i < size) {
        const char c = result.at(i);
        if (c == '"') {
            // Skip the string, escapes included; comment markers inside it are text.
            ++i;
            while (i < size && result.at(i) != '"') {
                if (result.at(i) == '\\')
                    ++i;
                ++i;
            }
            ++i;
            continue;
        }
        if (c == '/' && i + 1 < size && result.at(i + 1) == '/') {
            while (i < size && result.at(i) != '\n' && result.at(i) != '\r')
                result[i++] = ' ';
            continue;
        }
        if (c == '/' && i + 1 < size && result.at(i + 1) == '*') {
            const qsizetype start = i;
            const qsizetype end = result.indexOf("*/", i + 2);
            if (end < 0) {
                if (openOffset)
                    *openOffset = int(start);
                return std::nullopt;
            }
            for (; i < end + 2; ++i) {
                if (result.at(i) != '\n' && result.at(i) != '\r')
                    result[i] = ' ';
            }
            continue;
        }
        ++i;
    }
    return result;
}

std::optional<JobSettings> JobSettings::parse(const QByteArray& text, QString* errorMessage)
{
    int openOffset = 0;
    const std::optional<QByteArray> stripped = stripComments(text, &openOffset);
    if (!stripped) {
        if (errorMessage) {
            const auto [line, column] = lineAndColumn(text, openOffset);
            *errorMessage = tr("A comment in the job settings is never closed (line %1, column %2): end it with */.")
                                .arg(line)
                                .arg(column);
        }
        return std::nullopt;
    }

    QByteArray body = *stripped;
    if (body.startsWith("\xEF\xBB\xBF"))
        body.remove(0, 3);
    if (body.trimmed().isEmpty()) {
        if (errorMessage)
            *errorMessage = tr("The job settings are empty. Write {} for a job without settings.");
        return std::nullopt;
    }

    QString jsonError;
    int errorOffset = 0;
    const std::optional<OrderedJson> json = OrderedJson::parse(*stripped, &jsonError, &errorOffset);
    if (!json) {
        if (errorMessage) {
            const auto [line, column] = lineAndColumn(text, errorOffset);
            *errorMessage = tr("The job settings are not valid JSON: %1 (line %2, column %3).")
                                .arg(jsonError)
                                .arg(line)
                                .arg(column);
        }
        return std::nullopt;
    }
    if (!json->isObject()) {
        if (errorMessage)
            *errorMessage = tr("The job settings must be a JSON object between braces, such as "
                               "{\"is_singleton\": true}.");
        return std::nullopt;
    }
    return JobSettings(*json);
}

QString JobSettings::schedule() const
{
    const OrderedJson value = m_object.value(ScheduleKey);
    return value.isString() ? value.toString() : QString();
}

void JobSettings::setSchedule(const QString& cron)
{
    if (cron.isEmpty())
        m_object.remove(ScheduleKey);
    else
        m_object.insert(ScheduleKey, cron);
}

bool JobSettings::isSingleton() const
{
    const OrderedJson value = m_object.value(SingletonKey);
    return value.isBool() && value.toBool();
}

void JobSettings::setSingleton(bool singleton)
{
    m_object.insert(SingletonKey, singleton);
}

Duration JobSettings::stoppingWaitTime(JobType type) const
{
    const OrderedJson value = m_object.value(StoppingWaitTimeKey);
    if (!value.isInteger())
        return defaultStoppingWaitTime(type);
    constexpr qint64 maxSeconds = std::numeric_limits<qint64>::max() / Duration::TicksPerSecond;
    return Duration::fromSeconds(std::clamp<qint64>(value.toInteger(), 0, maxSeconds));
}

Duration JobSettings::defaultStoppingWaitTime(JobType type)
{
    return Duration::fromSeconds(type == JobType::Continuous ? 5 : 30);
}

void JobSettings::setStoppingWaitTime(std::optional<qint64> seconds)
{
    if (seconds)
        m_object.insert(StoppingWaitTimeKey, *seconds);
    else
        m_object.remove(StoppingWaitTimeKey);
}

bool JobSettings::isInPlace(bool defaultForScript) const
{
    const OrderedJson value = m_object.value(InPlaceKey);
    return value.isBool() ? value.toBool() : defaultForScript;
}

void JobSettings::setInPlace(std::optional<bool> inPlace)
{
    if (inPlace)
        m_object.insert(InPlaceKey, *inPlace);
    else
        m_object.remove(InPlaceKey);
}

std::optional<QJsonObject> JobSettings::recurrence() const
{
    const OrderedJson value = m_object.value(RecurrenceKey);
    if (!value.isObject())
        return std::nullopt;
    return value.toJsonValue().toObject();
}

void JobSettings::setRecurrence(const std::optional<QJsonObject>& recurrence)
{
    if (recurrence)
        m_object.insert(RecurrenceKey, QJsonValue(*recurrence));
    else
        m_object.remove(RecurrenceKey);
}

QString JobSettings::timeZone() const
{
    const OrderedJson value = m_object.value(TimeZoneKey);
    return value.isString() ? value.toString() : QString();
}

void JobSettings::setTimeZone(const QString& ianaName)
{
    if (ianaName.isEmpty())
        m_object.remove(TimeZoneKey);
    else
        m_object.insert(TimeZoneKey, ianaName);
}

JobSettings::MisfirePolicy JobSettings::misfirePolicy() const
{
    const OrderedJson value = m_object.value(MisfirePolicyKey);
    if (!value.isString())
        return MisfirePolicy::RunOnce;
    return misfirePolicyFromName(value.toString()).value_or(MisfirePolicy::RunOnce);
}

void JobSettings::setMisfirePolicy(MisfirePolicy policy)
{
    m_object.insert(MisfirePolicyKey, misfirePolicyName(policy));
}

QString JobSettings::misfirePolicyName(MisfirePolicy policy)
{
    return policy == MisfirePolicy::Skip ? u"skip"_s : u"run_once"_s;
}

std::optional<JobSettings::MisfirePolicy> JobSettings::misfirePolicyFromName(QStringView name)
{
    if (name == u"run_once")
        return MisfirePolicy::RunOnce;
    if (name == u"skip")
        return MisfirePolicy::Skip;
    return std::nullopt;
}

} // namespace WebJobs
