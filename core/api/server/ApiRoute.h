#pragma once

// Which resource of the agent a request path names. Every WebJobs route exists under Kudu's
// four URL forms (docs/kudu-webjobs-api.md §2.1), all behaving the same:
//
//   current        /api/{type}webjobs{template}    /api/triggeredwebjobs/foo/history/17
//   deprecated A   /api/{type}jobs{template}       /api/triggeredjobs/foo/history/17
//   legacy B       /jobs/{type}{template}          /jobs/triggered/foo/history/17
//   legacy C       /api/jobs/{type}{template}      /api/jobs/triggered/foo/history/17
//
// with {type} "triggered", "continuous" or empty (the list of all jobs: /api/webjobs, /api/jobs,
// /jobs, /api/jobs/). Beside them: the Swagger listing (/api/triggeredwebjobsswagger only), the
// VFS (/vfs/{*path}, /api/vfs/{*path}), Kudu's web hooks (/hooks, /api/hooks, …/{id}), and
// our extensions (docs/agent-api.md): /api/webjobs/events (server-sent events),
// /api/webjobs/changes (long-poll), /api/agent (who answers), and
// …/history/{id}/abort on triggered jobs. A trailing slash is accepted.
//
// Segments are percent-decoded one by one, so "%2F" inside a job name stays inside that
// segment; the VFS path is decoded whole, so "%2F" there separates folders, as in Kudu.
// Which verbs a route accepts is the server's business. Value type, any thread.

#include "core/model/JobType.h"

#include <QString>
#include <QUrl>

#include <optional>

namespace WebJobs {

class ApiRoute
{
public:
    enum class Kind
    {
        NotFound,
        Jobs, // list: all (no type) or one type
        Job, // GET job, PUT upload, DELETE
        Run, // POST …/run
        History, // GET …/history
        RunItem, // GET …/history/{id}
        AbortRun, // POST …/history/{id}/abort (ours)
        Settings, // GET/PUT …/settings
        Start, // POST continuous …/start
        Stop, // POST continuous …/stop
        Passthrough, // continuous …/passthrough/{*path}
        Swagger,
        Events, // ours: server-sent events
        Changes, // ours: long-poll
        AgentInfo, // ours
        Vfs,
        Hooks, // GET list, POST subscribe
        Hook, // GET one, DELETE
    };

    enum class Form
    {
        Current,
        DeprecatedA,
        LegacyB,
        LegacyC,
        Other,
    };

    static ApiRoute parse(const QUrl& url);

    Kind kind() const { return m_kind; }
    Form form() const { return m_form; }
    // The job type; none for the list of all jobs and for non-job routes.
    std::optional<JobType> type() const { return m_type; }
    QString jobName() const { return m_name; }
    QString runId() const { return m_runId; }
    // Hook id.
    QString id() const { return m_runId; }
    // VFS: the decoded path relative to the data folder ("" for the root; a trailing '/' kept).
    // Passthrough: the rest of the path, its segments decoded and joined with '/'.
    QString path() const { return m_path; }

private:
    void parseTemplate(JobType type, const QStringList& rest);

    Kind m_kind = Kind::NotFound;
    Form m_form = Form::Other;
    std::optional<JobType> m_type;
    QString m_name;
    QString m_runId;
    QString m_path;
};

} // namespace WebJobs
