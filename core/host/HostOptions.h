#pragma once

// What a JobHost is told at construction: where its data lives, who it is, and the tunables
// of Kudu's runtime (docs/kudu-webjobs-api.md §6.6), each with Kudu's default.

#include "core/host/Clock.h"
#include "core/package/PackageImporter.h"

#include <QProcessEnvironment>
#include <QString>

#include <chrono>

namespace WebJobs {

struct HostOptions
{
    // <data>: site/wwwroot/App_Data/jobs/... holds the packages, data/jobs/... the runs and logs.
    QString dataRoot;
    // sqlite path or postgresql:// URL; empty = <data>/webjobs.db.
    QString databaseUrl;
    // Shown in every log line and in detailed_status; 6 characters are used. Empty = derived
    // from WEBSITE_INSTANCE_ID, else from the machine's host name.
    QString instanceId;

    int historySize = 50; // WEBJOBS_HISTORY_SIZE
    std::chrono::milliseconds idleTimeout {std::chrono::seconds(120)}; // WEBJOBS_IDLE_TIMEOUT
    std::chrono::milliseconds idleCheckInterval {std::chrono::seconds(1)};
    std::chrono::milliseconds restartDelay {std::chrono::seconds(60)}; // WEBJOBS_RESTART_TIME
    // A continuous process that lived less than this waits restartDelay before its restart.
    std::chrono::milliseconds minimumUptime {std::chrono::minutes(2)}; // WEBJOBS_MINIMUM_UPTIME
    // This many fast exits in a row put a continuous job in its CrashLoop state.
    int crashLoopThreshold = 5; // WEBJOBS_CRASH_LOOP_THRESHOLD
    qint64 jobLogRollBytes = 1024 * 1024;
    // How often a write the job database refused is attempted again (StoreFailures.h).
    std::chrono::milliseconds storeRetryInterval {std::chrono::seconds(10)};
    // Several instances on one PostgreSQL database (ClusterMember.h): how often this instance
    // says it is alive, and how long without a heartbeat makes an instance dead for the others.
    std::chrono::milliseconds heartbeatInterval {std::chrono::seconds(2)};
    std::chrono::milliseconds instanceTimeout {std::chrono::seconds(8)};
    bool jobsStopped = false; // WEBJOBS_STOPPED
    bool schedulesDisabled = false; // WEBJOBS_DISABLE_SCHEDULE
    // Manage only (the `webjobs` command line on the console's local host): the host adds,
    // deletes and edits jobs, runs a triggered job when asked and reads, but runs no
    // continuous job and fires no schedule (implies schedulesDisabled). Start and stop only
    // record the wish (disable.job) for the host that runs the jobs; a continuous job that is
    // not disabled shows Initializing, as on a Kudu site until an instance picks it up.
    bool manageOnly = false;
    PackageImporter::Limits packageLimits;
    const Clock* clock = Clock::system();

    // The defaults overridden by WEBJOBS_* variables of `environment`, as Kudu reads its app
    // settings (invalid values are ignored).
    static HostOptions fromEnvironment(const QProcessEnvironment& environment, HostOptions defaults);

    // The 6-character instance id to use.
    QString effectiveInstanceId() const;
    QString effectiveDatabaseUrl() const;
};

} // namespace WebJobs
