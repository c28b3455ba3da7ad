#include "core/model/JobRun.h"

#include "core/model/JsonFields.h"

using namespace Qt::StringLiterals;

namespace WebJobs {

using namespace JsonFields;

void JobRun::setExitCode(std::optional<int> code)
{
    m_exitCode = code;
    m_hasExtensions = true;
}

void JobRun::setArguments(const QString& arguments)
{
    m_arguments = arguments;
    m_hasExtensions = true;
}

void JobRun::setAbortedBy(const QString& who)
{
    m_abortedBy = who;
    m_hasExtensions = true;
}

void JobRun::setAbortReason(const QString& reason)
{
    m_abortReason = reason;
    m_hasExtensions = true;
}

void JobRun::setInstance(const QString& instance)
{
    m_instance = instance;
    m_hasExtensions = true;
}

std::optional<Duration> JobRun::elapsed(Instant now) const
{
    if (m_startTime.isNull())
        return std::nullopt;
    return (m_endTime.isNull() ? now : m_endTime) - m_startTime;
}

OrderedJson JobRun::toOrderedJson() const
{
    OrderedJson json = OrderedJson::object();
    json.insert(u"id"_s, stringOrNull(m_id));
    json.insert(u"name"_s, stringOrNull(name()));
    json.insert(u"status"_s, jobStatusName(m_status));
    json.insert(u"start_time"_s, m_startTime.toString());
    json.insert(u"end_time"_s, m_endTime.toString());
    json.insert(u"duration"_s, m_duration ? OrderedJson(m_duration->toString()) : OrderedJson());
    json.insert(u"output_url"_s, stringOrNull(m_outputUrl));
    json.insert(u"error_url"_s, stringOrNull(m_errorUrl));
    json.insert(u"url"_s, stringOrNull(m_url));
    json.insert(u"job_name"_s, stringOrNull(m_jobName));
    json.insert(u"trigger"_s, stringOrNull(m_trigger));
    if (m_hasExtensions) {
        json.insert(u"exit_code"_s, m_exitCode ? OrderedJson(*m_exitCode) : OrderedJson());
        json.insert(u"arguments"_s, m_arguments.isNull() ? u""_s : m_arguments);
        json.insert(u"aborted_by"_s, stringOrNull(m_abortedBy));
        json.insert(u"abort_reason"_s, stringOrNull(m_abortReason));
        json.insert(u"instance"_s, m_instance.isNull() ? u""_s : m_instance);
    }
    return json;
}

std::optional<JobRun> JobRun::fromJson(const OrderedJson& json, QString* errorMessage)
{
    if (!json.isObject()) {
        if (errorMessage)
            *errorMessage = tr("A run must be a JSON object.");
        return std::nullopt;
    }

    JobRun run;
    QString badMember;
    auto check = [&badMember](bool ok, const QString& key) {
        if (!ok && badMember.isEmpty())
            badMember = key;
    };
    check(readString(json, u"id"_s, run.m_id) && !run.m_id.isEmpty(), u"id"_s);
    check(readString(json, u"name"_s, run.m_name), u"name"_s);
    check(readStatus(json, u"status"_s, run.m_status), u"status"_s);
    check(readInstant(json, u"start_time"_s, run.m_startTime), u"start_time"_s);
    check(readInstant(json, u"end_time"_s, run.m_endTime), u"end_time"_s);
    check(readDuration(json, u"duration"_s, run.m_duration), u"duration"_s);
    check(readString(json, u"output_url"_s, run.m_outputUrl), u"output_url"_s);
    check(readString(json, u"error_url"_s, run.m_errorUrl), u"error_url"_s);
    check(readString(json, u"url"_s, run.m_url), u"url"_s);
    check(readString(json, u"job_name"_s, run.m_jobName), u"job_name"_s);
    check(readString(json, u"trigger"_s, run.m_trigger), u"trigger"_s);

    check(readInt(json, u"exit_code"_s, run.m_exitCode), u"exit_code"_s);
    check(readString(json, u"arguments"_s, run.m_arguments), u"arguments"_s);
    check(readString(json, u"aborted_by"_s, run.m_abortedBy), u"aborted_by"_s);
    check(readString(json, u"abort_reason"_s, run.m_abortReason), u"abort_reason"_s);
    check(readString(json, u"instance"_s, run.m_instance), u"instance"_s);
    for (const QString& key : {u"exit_code"_s, u"arguments"_s, u"aborted_by"_s, u"abort_reason"_s, u"instance"_s}) {
        if (json.contains(key))
            run.m_hasExtensions = true;
    }

    if (!badMember.isEmpty()) {
        if (errorMessage)
            *errorMessage = tr("The run member \"%1\" is missing or has an unexpected value.").arg(badMember);
        return std::nullopt;
    }
    return run;
}

std::optional<JobRun> JobRun::fromJson(const QByteArray& text, QString* errorMessage)
{
    QString jsonError;
    const std::optional<OrderedJson> json = OrderedJson::parse(text, &jsonError);
    if (!json) {
        if (errorMessage)
            *errorMessage = tr("The run is not valid JSON: %1.").arg(jsonError);
        return std::nullopt;
    }
    return fromJson(*json, errorMessage);
}

QByteArray JobRun::toStatusFileJson() const
{
    OrderedJson json = OrderedJson::object();
    if (!m_trigger.isEmpty())
        json.insert(u"Trigger"_s, m_trigger);
    json.insert(u"Status"_s, jobStatusName(m_status));
    if (!m_startTime.isNull())
        json.insert(u"StartTime"_s, m_startTime.toString());
    if (!m_endTime.isNull())
        json.insert(u"EndTime"_s, m_endTime.toString());
    if (m_exitCode)
        json.insert(u"ExitCode"_s, *m_exitCode);
    if (!m_arguments.isEmpty())
        json.insert(u"Arguments"_s, m_arguments);
    if (!m_abortedBy.isEmpty())
        json.insert(u"AbortedBy"_s, m_abortedBy);
    if (!m_abortReason.isEmpty())
        json.insert(u"AbortReason"_s, m_abortReason);
    if (!m_instance.isEmpty())
        json.insert(u"Instance"_s, m_instance);
    return json.toJson();
}

std::optional<JobRun> JobRun::fromStatusFileJson(const QByteArray& text, QString* errorMessage)
{
    QString jsonError;
    const std::optional<OrderedJson> json = OrderedJson::parse(text, &jsonError);
    if (!json) {
        if (errorMessage)
            *errorMessage = tr("The run's status file is not valid JSON: %1.").arg(jsonError);
        return std::nullopt;
    }
    if (!json->isObject()) {
        if (errorMessage)
            *errorMessage = tr("A run's status file must hold a JSON object.");
        return std::nullopt;
    }

    JobRun run;
    QString badMember;
    auto check = [&badMember](bool ok, const QString& key) {
        if (!ok && badMember.isEmpty())
            badMember = key;
    };
    check(readString(*json, u"Trigger"_s, run.m_trigger), u"Trigger"_s);
    check(json->contains(u"Status"_s) && readStatus(*json, u"Status"_s, run.m_status), u"Status"_s);
    check(readInstant(*json, u"StartTime"_s, run.m_startTime), u"StartTime"_s);
    check(readInstant(*json, u"EndTime"_s, run.m_endTime), u"EndTime"_s);
    check(readInt(*json, u"ExitCode"_s, run.m_exitCode), u"ExitCode"_s);
    check(readString(*json, u"Arguments"_s, run.m_arguments), u"Arguments"_s);
    check(readString(*json, u"AbortedBy"_s, run.m_abortedBy), u"AbortedBy"_s);
    check(readString(*json, u"AbortReason"_s, run.m_abortReason), u"AbortReason"_s);
    check(readString(*json, u"Instance"_s, run.m_instance), u"Instance"_s);
    if (!badMember.isEmpty()) {
        if (errorMessage)
            *errorMessage = tr("The member \"%1\" of the run's status file is missing or has an unexpected value.")
                                .arg(badMember);
        return std::nullopt;
    }
    run.m_hasExtensions = run.m_exitCode || !run.m_arguments.isEmpty() || !run.m_abortedBy.isEmpty()
        || !run.m_abortReason.isEmpty() || !run.m_instance.isEmpty();
    return run;
}

OrderedJson JobRun::historyToOrderedJson(const QList<JobRun>& runs)
{
    OrderedJson array = OrderedJson::array();
    for (const JobRun& run : runs)
        array.append(run.toOrderedJson());
    OrderedJson json = OrderedJson::object();
    json.insert(u"runs"_s, array);
    return json;
}

std::optional<QList<JobRun>> JobRun::historyFromJson(const OrderedJson& json, QString* errorMessage)
{
    const OrderedJson runs = json.value(u"runs"_s);
    if (!json.isObject() || !runs.isArray()) {
        if (errorMessage)
            *errorMessage = tr("A run history must be a JSON object with a \"runs\" array.");
        return std::nullopt;
    }
    return JsonFields::readArray<JobRun>(
        runs, errorMessage, [](const OrderedJson& element, QString* error) { return fromJson(element, error); },
        [](int index, const QString& error) { return tr("Run %1 of the history: %2").arg(index).arg(error); });
}

std::optional<QList<JobRun>> JobRun::historyFromJson(const QByteArray& text, QString* errorMessage)
{
    QString jsonError;
    const std::optional<OrderedJson> json = OrderedJson::parse(text, &jsonError);
    if (!json) {
        if (errorMessage)
            *errorMessage = tr("The run history is not valid JSON: %1.").arg(jsonError);
        return std::nullopt;
    }
    return historyFromJson(*json, errorMessage);
}

} // namespace WebJobs
