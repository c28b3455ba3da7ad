#include "core/model/Job.h"

#include "core/model/JsonFields.h"

using namespace Qt::StringLiterals;

namespace WebJobs {

using namespace JsonFields;

Job::Job(JobType type, const QString& name)
    : m_type(type)
    , m_name(name)
{ }

OrderedJson Job::toOrderedJson() const
{
    OrderedJson json = OrderedJson::object();
    if (m_type == JobType::Triggered) {
        json.insert(u"latest_run"_s, m_latestRun ? m_latestRun->toOrderedJson() : OrderedJson());
        json.insert(u"history_url"_s, stringOrNull(m_historyUrl));
        json.insert(u"scheduler_logs_url"_s, stringOrNull(m_schedulerLogsUrl));
    } else {
        json.insert(u"status"_s, jobStatusName(m_status));
        json.insert(u"detailed_status"_s, stringOrNull(m_detailedStatus));
        json.insert(u"log_url"_s, stringOrNull(m_logUrl));
    }
    json.insert(u"name"_s, stringOrNull(m_name));
    json.insert(u"run_command"_s, stringOrNull(m_runCommand));
    json.insert(u"url"_s, stringOrNull(m_url));
    json.insert(u"extra_info_url"_s, stringOrNull(m_extraInfoUrl));
    json.insert(u"type"_s, jobTypeName(m_type));
    json.insert(u"error"_s, stringOrNull(m_error));
    json.insert(u"using_sdk"_s, m_usingSdk);
    json.insert(u"settings"_s, m_settings.toOrderedJson());
    return json;
}

std::optional<Job> Job::fromJson(const OrderedJson& json, QString* errorMessage)
{
    if (!json.isObject()) {
        if (errorMessage)
            *errorMessage = tr("A job must be a JSON object.");
        return std::nullopt;
    }

    Job job;
    QString badMember;
    auto check = [&badMember](bool ok, const QString& key) {
        if (!ok && badMember.isEmpty())
            badMember = key;
    };

    const OrderedJson type = json.value(u"type"_s);
    const std::optional<JobType> jobType = type.isString() ? jobTypeFromName(type.toString()) : std::nullopt;
    check(jobType.has_value(), u"type"_s);
    job.m_type = jobType.value_or(JobType::Triggered);
    check(readString(json, u"name"_s, job.m_name) && !job.m_name.isEmpty(), u"name"_s);

    if (job.m_type == JobType::Triggered) {
        const OrderedJson latestRun = json.value(u"latest_run"_s);
        if (!latestRun.isUndefined() && !latestRun.isNull()) {
            QString runError;
            job.m_latestRun = JobRun::fromJson(latestRun, &runError);
            if (!job.m_latestRun && badMember.isEmpty()) {
                if (errorMessage)
                    *errorMessage = tr("The latest run of job %1: %2").arg(job.m_name, runError);
                return std::nullopt;
            }
        }
        check(readString(json, u"history_url"_s, job.m_historyUrl), u"history_url"_s);
        check(readString(json, u"scheduler_logs_url"_s, job.m_schedulerLogsUrl), u"scheduler_logs_url"_s);
    } else {
        check(readStatus(json, u"status"_s, job.m_status), u"status"_s);
        check(readString(json, u"detailed_status"_s, job.m_detailedStatus), u"detailed_status"_s);
        check(readString(json, u"log_url"_s, job.m_logUrl), u"log_url"_s);
    }
    check(readString(json, u"run_command"_s, job.m_runCommand), u"run_command"_s);
    check(readString(json, u"url"_s, job.m_url), u"url"_s);
    check(readString(json, u"extra_info_url"_s, job.m_extraInfoUrl), u"extra_info_url"_s);
    check(readString(json, u"error"_s, job.m_error), u"error"_s);
    check(readBool(json, u"using_sdk"_s, job.m_usingSdk), u"using_sdk"_s);
    const OrderedJson settings = json.value(u"settings"_s);
    check(settings.isUndefined() || settings.isNull() || settings.isObject(), u"settings"_s);
    job.m_settings = JobSettings(settings);

    if (!badMember.isEmpty()) {
        if (errorMessage)
            *errorMessage = tr("The job member \"%1\" is missing or has an unexpected value.").arg(badMember);
        return std::nullopt;
    }
    return job;
}

std::optional<Job> Job::fromJson(const QByteArray& text, QString* errorMessage)
{
    QString jsonError;
    const std::optional<OrderedJson> json = OrderedJson::parse(text, &jsonError);
    if (!json) {
        if (errorMessage)
            *errorMessage = tr("The job is not valid JSON: %1.").arg(jsonError);
        return std::nullopt;
    }
    return fromJson(*json, errorMessage);
}

OrderedJson Job::listToOrderedJson(const QList<Job>& jobs)
{
    OrderedJson array = OrderedJson::array();
    for (const Job& job : jobs)
        array.append(job.toOrderedJson());
    return array;
}

std::optional<QList<Job>> Job::listFromJson(const OrderedJson& json, QString* errorMessage)
{
    if (!json.isArray()) {
        if (errorMessage)
            *errorMessage = tr("A job list must be a JSON array.");
        return std::nullopt;
    }
    return JsonFields::readArray<Job>(
        json, errorMessage, [](const OrderedJson& element, QString* error) { return fromJson(element, error); },
        [](int index, const QString& error) { return tr("Job %1 of the list: %2").arg(index).arg(error); });
}

std::optional<QList<Job>> Job::listFromJson(const QByteArray& text, QString* errorMessage)
{
    QString jsonError;
    const std::optional<OrderedJson> json = OrderedJson::parse(text, &jsonError);
    if (!json) {
        if (errorMessage)
            *errorMessage = tr("The job list is not valid JSON: %1.").arg(jsonError);
        return std::nullopt;
    }
    return listFromJson(*json, errorMessage);
}

QString Job::detailedStatusText(const QList<std::pair<QString, JobStatus>>& instances)
{
    QString text;
    for (const auto& [instance, status] : instances)
        text += instance + u" - "_s + jobStatusName(status) + u"\r\n"_s;
    return text;
}

QByteArray Job::continuousStatusFileJson(JobStatus status)
{
    OrderedJson json = OrderedJson::object();
    json.insert(u"Status"_s, jobStatusName(status));
    return json.toJson();
}

std::optional<JobStatus> Job::statusFromContinuousStatusFile(const QByteArray& text)
{
    const std::optional<OrderedJson> json = OrderedJson::parse(text);
    if (!json || !json->isObject())
        return std::nullopt;
    const OrderedJson status = json->value(u"Status"_s);
    if (!status.isString())
        return std::nullopt;
    return jobStatusFromName(status.toString());
}

} // namespace WebJobs
