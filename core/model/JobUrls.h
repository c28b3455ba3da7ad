#pragma once

// The absolute URLs that jobs and runs carry (docs/kudu-webjobs-api.md §3.9), built from a base
// address `scheme://host[:port]` the way Kudu builds them:
//   API         {base}/api/{type}webjobs/{relative}   always this current form, whatever form
//                                                     the request used
//   VFS         {base}/vfs/data/jobs/{type}/{relative} (no /api/)
//   extra info  {base}/azurejobs/#/jobs/{type}/{name}
// Names and run ids are inserted as they are, without escaping, as Kudu does; the portal's
// name alphabet (letters, digits, '-', '_') never needs any.
//
// With an empty base (no request in flight and no host configured) every URL is a null
// QString, which the JSON writes as null, as Kudu does.
//
// Value type, safe from any thread.

#include "core/model/JobType.h"

#include <QString>
#include <QUrl>

namespace WebJobs {

class Job;
class JobRun;

class JobUrls
{
public:
    JobUrls() = default;
    // `base` is scheme://host[:port]; a trailing slash is dropped.
    explicit JobUrls(const QString& base);
    // The base of a request URL: its scheme and authority (no user info, no path), with the
    // port left out when it is the scheme's default, like .NET's GetLeftPart(Authority).
    static JobUrls fromRequestUrl(const QUrl& url);

    QString base() const { return m_base; }
    bool isNull() const { return m_base.isEmpty(); }

    // {base}/api/{type}webjobs/{relative}
    QString api(JobType type, const QString& relative) const;
    // {base}/vfs/data/jobs/{type}/{relative}
    QString vfs(JobType type, const QString& relative) const;

    // {base}/api/{type}webjobs/{name}
    QString job(JobType type, const QString& name) const { return api(type, name); }
    // {base}/azurejobs/#/jobs/{type}/{name}
    QString extraInfo(JobType type, const QString& name) const;
    // {base}/api/triggeredwebjobs/{name}/history
    QString history(const QString& jobName) const;
    // {base}/api/triggeredwebjobs/{name}/history/{runId}, also the Location of POST run.
    QString run(const QString& jobName, const QString& runId) const;
    // {base}/vfs/data/jobs/triggered/{name}/{runId}/output_log.txt
    QString runOutput(const QString& jobName, const QString& runId) const;
    // {base}/vfs/data/jobs/triggered/{name}/{runId}/error_log.txt
    QString runError(const QString& jobName, const QString& runId) const;
    // {base}/vfs/data/jobs/triggered/{name}/job_scheduler.log
    QString schedulerLog(const QString& jobName) const;
    // {base}/vfs/data/jobs/continuous/{name}/job_log.txt
    QString continuousLog(const QString& jobName) const;

    // Sets url, extra_info_url and the URLs of the job's type: history_url and, when
    // `schedulerLogExists`, scheduler_logs_url (else null); or log_url.
    void fill(Job& job, bool schedulerLogExists) const;
    // Sets the run's url, and output_url / error_url when those files exist (else null).
    void fill(JobRun& run, const QString& jobName, bool outputExists, bool errorExists = false) const;

private:
    QString m_base;
};

} // namespace WebJobs
