#pragma once

// The environment every job process starts from: a clean one, never the agent's own, which
// holds the agent's credentials (WEBJOBS_AGENT_PASSWORD, as the unit recommends) and whatever
// else its service manager set. A job's `env` output ends up in its log, which the API serves.
//
// Kept from the agent's environment, and nothing else:
//   PATH, HOME, USER, LOGNAME, SHELL, TMPDIR   where programs are, who and where the job is
//   LANG, LANGUAGE, LC_*, TZ                    locale and time zone
// Added by the administrator for jobs explicitly: each WEBJOBS_JOB_ENV_<NAME>=<value> of the
// agent's environment becomes <NAME>=<value> in the job's (for example in
// /etc/default/webjobs-agent: WEBJOBS_JOB_ENV_DATABASE_URL=postgresql://…).
// The host then adds Kudu's variables of each run (HostContext::jobEnvironment: WEBROOT_PATH,
// WEBJOBS_PATH, WEBJOBS_NAME, WEBJOBS_TYPE, WEBJOBS_DATA_PATH, WEBJOBS_RUN_ID,
// WEBJOBS_COMMAND_ARGUMENTS, WEBJOBS_PORT, WEBJOBS_SHUTDOWN_FILE, the process markers), which
// win over the administrator's. Variables of the agent's own credentials (WEBJOBS_AGENT_*)
// never pass, even when asked for with WEBJOBS_JOB_ENV_.
//
// Pure functions; any thread.

#include <QProcessEnvironment>
#include <QStringList>

namespace WebJobs {

class JobEnvironment
{
public:
    static constexpr char AdminPrefix[] = "WEBJOBS_JOB_ENV_";

    // The base environment of jobs, from the agent's.
    static QProcessEnvironment base(const QProcessEnvironment& agent);
    // The agent's variables a job keeps as they are.
    static QStringList inheritedNames();
};

} // namespace WebJobs
