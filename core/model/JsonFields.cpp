#include "core/model/JsonFields.h"

#include <limits>

namespace WebJobs::JsonFields {

bool readString(const OrderedJson& object, const QString& key, QString& out)
{
    const OrderedJson value = object.value(key);
    if (value.isUndefined())
        return true;
    if (value.isNull()) {
        out = QString();
        return true;
    }
    if (!value.isString())
        return false;
    out = value.toString();
    return true;
}

bool readBool(const OrderedJson& object, const QString& key, bool& out)
{
    const OrderedJson value = object.value(key);
    if (value.isUndefined())
        return true;
    if (!value.isBool())
        return false;
    out = value.toBool();
    return true;
}

bool readInt(const OrderedJson& object, const QString& key, std::optional<int>& out)
{
    const OrderedJson value = object.value(key);
    if (value.isUndefined())
        return true;
    if (value.isNull()) {
        out.reset();
        return true;
    }
    if (!value.isInteger())
        return false;
    const qint64 number = value.toInteger();
    if (number < std::numeric_limits<int>::min() || number > std::numeric_limits<int>::max())
        return false;
    out = int(number);
    return true;
}

bool readInstant(const OrderedJson& object, const QString& key, Instant& out)
{
    const OrderedJson value = object.value(key);
    if (value.isUndefined())
        return true;
    if (value.isNull()) {
        out = Instant();
        return true;
    }
    if (!value.isString())
        return false;
    const std::optional<Instant> instant = Instant::parse(value.toString());
    if (!instant)
        return false;
    out = *instant;
    return true;
}

bool readDuration(const OrderedJson& object, const QString& key, std::optional<Duration>& out)
{
    const OrderedJson value = object.value(key);
    if (value.isUndefined())
        return true;
    if (value.isNull()) {
        out.reset();
        return true;
    }
    if (!value.isString())
        return false;
    const std::optional<Duration> duration = Duration::parse(value.toString());
    if (!duration)
        return false;
    out = duration;
    return true;
}

bool readStatus(const OrderedJson& object, const QString& key, JobStatus& out)
{
    const OrderedJson value = object.value(key);
    if (value.isUndefined())
        return true;
    if (!value.isString())
        return false;
    const std::optional<JobStatus> status = jobStatusFromName(value.toString());
    if (!status)
        return false;
    out = *status;
    return true;
}

OrderedJson stringOrNull(const QString& text)
{
    return text.isNull() ? OrderedJson() : OrderedJson(text);
}

} // namespace WebJobs::JsonFields
