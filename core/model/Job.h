#pragma once

// A WebJob as the API shows it: Kudu's TriggeredJob or ContinuousJob, one class with a type
// (docs/kudu-webjobs-api.md §3.1-3.3, examples §3.10).
//
// JSON members, derived class first as Json.NET writes them, nulls included:
//   triggered:  latest_run, history_url, scheduler_logs_url,
//   continuous: status, detailed_status, log_url,
//   then both:  name, run_command, url, extra_info_url, type, error, using_sdk, settings.
// A job list is a JSON array of jobs (mixed types for /api/webjobs).
//
// The URLs are filled by JobUrls (core/model/JobUrls.h) from the request's base address; a
// null QString is written as null (Kudu: no base address known, or no scheduler log yet).
//
// Value type, safe from any thread. Parse errors are translated sentences naming the member.

#include "core/model/JobRun.h"
#include "core/model/JobSettings.h"
#include "core/model/JobStatus.h"
#include "core/model/JobType.h"
#include "core/util/OrderedJson.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <QString>

#include <optional>
#include <utility>

namespace WebJobs {

class Job
{
    Q_DECLARE_TR_FUNCTIONS(Job)

public:
    Job() = default;
    Job(JobType type, const QString& name);

    JobType type() const { return m_type; }
    void setType(JobType type) { m_type = type; }
    bool isTriggered() const { return m_type == JobType::Triggered; }
    bool isContinuous() const { return m_type == JobType::Continuous; }

    // JobBase
    QString name() const { return m_name; }
    void setName(const QString& name) { m_name = name; }
    // The script path relative to the job folder ("run.sh", "inner/run.sh").
    QString runCommand() const { return m_runCommand; }
    void setRunCommand(const QString& command) { m_runCommand = command; }
    QString url() const { return m_url; }
    void setUrl(const QString& url) { m_url = url; }
    QString extraInfoUrl() const { return m_extraInfoUrl; }
    void setExtraInfoUrl(const QString& url) { m_extraInfoUrl = url; }
    // Null for listed jobs; set on the upload error path.
    QString error() const { return m_error; }
    void setError(const QString& error) { m_error = error; }
    bool usingSdk() const { return m_usingSdk; }
    void setUsingSdk(bool usingSdk) { m_usingSdk = usingSdk; }
    JobSettings settings() const { return m_settings; }
    void setSettings(const JobSettings& settings) { m_settings = settings; }

    // TriggeredJob
    std::optional<JobRun> latestRun() const { return m_latestRun; }
    void setLatestRun(const std::optional<JobRun>& run) { m_latestRun = run; }
    QString historyUrl() const { return m_historyUrl; }
    void setHistoryUrl(const QString& url) { m_historyUrl = url; }
    QString schedulerLogsUrl() const { return m_schedulerLogsUrl; }
    void setSchedulerLogsUrl(const QString& url) { m_schedulerLogsUrl = url; }

    // ContinuousJob
    JobStatus status() const { return m_status; }
    void setStatus(JobStatus status) { m_status = status; }
    // One "<instance6> - <Status>\r\n" line per live instance (detailedStatusText()).
    QString detailedStatus() const { return m_detailedStatus; }
    void setDetailedStatus(const QString& text) { m_detailedStatus = text; }
    QString logUrl() const { return m_logUrl; }
    void setLogUrl(const QString& url) { m_logUrl = url; }

    OrderedJson toOrderedJson() const;
    QByteArray toJson() const { return toOrderedJson().toJson(); }
    // `name` and `type` are required; other members may be absent (they keep their defaults).
    static std::optional<Job> fromJson(const OrderedJson& json, QString* errorMessage = nullptr);
    static std::optional<Job> fromJson(const QByteArray& text, QString* errorMessage = nullptr);

    static OrderedJson listToOrderedJson(const QList<Job>& jobs);
    static QByteArray listToJson(const QList<Job>& jobs) { return listToOrderedJson(jobs).toJson(); }
    static std::optional<QList<Job>> listFromJson(const OrderedJson& json, QString* errorMessage = nullptr);
    static std::optional<QList<Job>> listFromJson(const QByteArray& text, QString* errorMessage = nullptr);

    // Kudu's detailed_status: "<instance> - <Status>" per instance, each line ended by CRLF.
    static QString detailedStatusText(const QList<std::pair<QString, JobStatus>>& instances);

    // A continuous job's per-instance status file, {"Status":"Running"} (§5.2).
    static QByteArray continuousStatusFileJson(JobStatus status);
    static std::optional<JobStatus> statusFromContinuousStatusFile(const QByteArray& text);

    friend bool operator==(const Job&, const Job&) = default;

private:
    JobType m_type = JobType::Triggered;
    QString m_name;
    QString m_runCommand;
    QString m_url;
    QString m_extraInfoUrl;
    QString m_error;
    bool m_usingSdk = false;
    JobSettings m_settings;

    std::optional<JobRun> m_latestRun;
    QString m_historyUrl;
    QString m_schedulerLogsUrl;

    JobStatus m_status = JobStatus::Initializing;
    QString m_detailedStatus;
    QString m_logUrl;
};

} // namespace WebJobs
