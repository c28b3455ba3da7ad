#pragma once

// The status of a triggered run or of a continuous job, spelled as Kudu spells it
// (docs/kudu-webjobs-api.md §3.8): "Initializing", "Running", "Stopped", "Starting",
// "PendingRestart", "InactiveInstance", "Failed", "Aborted", "Disabling", "Stopping", "Success".
//
// CrashLoop ("CrashLoop") is our extension: a continuous job that keeps exiting soon after
// each start, which Kudu would show as an endless Running/PendingRestart cycle. A Kudu client
// that does not know it shows it as an unknown status; Kudu itself never writes it.

#include <QString>

#include <optional>

namespace WebJobs {

enum class JobStatus
{
    Initializing,
    Running,
    Stopped,
    Starting,
    PendingRestart,
    InactiveInstance,
    Failed,
    Aborted,
    Disabling,
    Stopping,
    Success,
    CrashLoop,
};

// The exact text of a status, as Kudu writes it (files, JSON, logs).
QString jobStatusName(JobStatus status);
// The status in the user's language ("Pending restart", "Redémarrage en attente"), for the
// console and the command line alike. Translated under the context "JobStatus".
QString jobStatusText(JobStatus status);
// The status a text names, compared exactly (case included); std::nullopt otherwise.
std::optional<JobStatus> jobStatusFromName(QStringView name);

// True for the statuses after which a triggered run will not change any more.
bool isFinalRunStatus(JobStatus status);

} // namespace WebJobs
