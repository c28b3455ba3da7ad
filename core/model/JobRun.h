#pragma once

// One run of a triggered job: Kudu's TriggeredJobRun (docs/kudu-webjobs-api.md §3.4), also
// the payload of the TriggeredJobFinished web hook (§3.7) and, in its PascalCase form, the
// run's `status` file (§5.2).
//
// JSON members, in Kudu's order:
//   id, name, status, start_time, end_time, duration, output_url, error_url, url, job_name, trigger
// then our extension, which Kudu clients ignore (Json.NET skips unknown members):
//   exit_code (integer or null), arguments (string), aborted_by, abort_reason (string or
//   null: who stopped the run and why), instance (string: the agent instance that ran it).
// The extension members are written only when the run has them (hasExtensions()): set by
// any extension setter, or by fromJson() when the text had any of them. So Kudu's own JSON
// reads and writes back to the identical text.
//
// Null members are written as null, as Json.NET does: a null QString is a JSON null, an unset
// end time is "0001-01-01T00:00:00", and the duration is null when unknown.
//
// Value type, safe from any thread. Parse errors are translated sentences naming the member.

#include "core/model/Duration.h"
#include "core/model/Instant.h"
#include "core/model/JobStatus.h"
#include "core/util/OrderedJson.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <QString>

#include <optional>

namespace WebJobs {

class JobRun
{
    Q_DECLARE_TR_FUNCTIONS(JobRun)

public:
    JobRun() = default;

    // The run id, `yyyyMMddHHmmssffff` of the start time in UTC (Instant::toRunId()).
    QString id() const { return m_id; }
    void setId(const QString& id) { m_id = id; }
    // Kudu's `name`, the same text as the id; a null name follows the id.
    QString name() const { return m_name.isNull() ? m_id : m_name; }
    void setName(const QString& name) { m_name = name; }
    JobStatus status() const { return m_status; }
    void setStatus(JobStatus status) { m_status = status; }
    Instant startTime() const { return m_startTime; }
    void setStartTime(Instant time) { m_startTime = time; }
    // Unset while the run is in progress.
    Instant endTime() const { return m_endTime; }
    void setEndTime(Instant time) { m_endTime = time; }
    std::optional<Duration> duration() const { return m_duration; }
    void setDuration(std::optional<Duration> duration) { m_duration = duration; }
    QString outputUrl() const { return m_outputUrl; }
    void setOutputUrl(const QString& url) { m_outputUrl = url; }
    QString errorUrl() const { return m_errorUrl; }
    void setErrorUrl(const QString& url) { m_errorUrl = url; }
    QString url() const { return m_url; }
    void setUrl(const QString& url) { m_url = url; }
    QString jobName() const { return m_jobName; }
    void setJobName(const QString& name) { m_jobName = name; }
    // "External - <User-Agent>" or "Schedule - <cron>".
    QString trigger() const { return m_trigger; }
    void setTrigger(const QString& trigger) { m_trigger = trigger; }

    // Kudu's rule for `duration`: end - start once finished, now - start while running,
    // unknown without a start time.
    std::optional<Duration> elapsed(Instant now) const;

    // Our extension (see above).
    bool hasExtensions() const { return m_hasExtensions; }
    void setHasExtensions(bool has) { m_hasExtensions = has; }
    std::optional<int> exitCode() const { return m_exitCode; }
    void setExitCode(std::optional<int> code);
    QString arguments() const { return m_arguments; }
    void setArguments(const QString& arguments);
    QString abortedBy() const { return m_abortedBy; }
    void setAbortedBy(const QString& who);
    QString abortReason() const { return m_abortReason; }
    void setAbortReason(const QString& reason);
    QString instance() const { return m_instance; }
    void setInstance(const QString& instance);

    OrderedJson toOrderedJson() const;
    QByteArray toJson() const { return toOrderedJson().toJson(); }
    // `id` is required; other members may be absent (they keep their defaults).
    static std::optional<JobRun> fromJson(const OrderedJson& json, QString* errorMessage = nullptr);
    static std::optional<JobRun> fromJson(const QByteArray& text, QString* errorMessage = nullptr);

    // The run's `status` file: PascalCase members Trigger, Status, StartTime, EndTime, then our
    // ExitCode, Arguments, AbortedBy, AbortReason, Instance; null, empty and unset members
    // are left out, as Kudu's JobLogger serializer does. Id, name, URLs and job name are not
    // in the file: they come from its folder.
    QByteArray toStatusFileJson() const;
    static std::optional<JobRun> fromStatusFileJson(const QByteArray& text, QString* errorMessage = nullptr);

    // TriggeredJobHistory: {"runs":[...]}, newest first.
    static OrderedJson historyToOrderedJson(const QList<JobRun>& runs);
    static QByteArray historyToJson(const QList<JobRun>& runs) { return historyToOrderedJson(runs).toJson(); }
    static std::optional<QList<JobRun>> historyFromJson(const OrderedJson& json, QString* errorMessage = nullptr);
    static std::optional<QList<JobRun>> historyFromJson(const QByteArray& text, QString* errorMessage = nullptr);

    friend bool operator==(const JobRun&, const JobRun&) = default;

private:
    QString m_id;
    QString m_name;
    JobStatus m_status = JobStatus::Initializing;
    Instant m_startTime;
    Instant m_endTime;
    std::optional<Duration> m_duration;
    QString m_outputUrl;
    QString m_errorUrl;
    QString m_url;
    QString m_jobName;
    QString m_trigger;

    bool m_hasExtensions = false;
    std::optional<int> m_exitCode;
    QString m_arguments;
    QString m_abortedBy;
    QString m_abortReason;
    QString m_instance;
};

} // namespace WebJobs
