#pragma once

// A job process that an agent instance started and has not yet seen exit. The host records it
// before the process can outlive the agent, and removes it once the process is reaped; after a
// crash, the records left for this instance name the orphans to kill (by process group).
//
// Value type, safe from any thread.

#include "core/model/Instant.h"
#include "core/model/JobType.h"

#include <QString>

namespace WebJobs {

struct ProcessRecord
{
    // The process group the job runs in (the job's own group, so that killing it reaches its
    // children).
    qint64 pgid = 0;
    qint64 pid = 0;
    JobType type = JobType::Triggered;
    QString jobName;
    // The triggered run it belongs to; empty for a continuous job.
    QString runId;
    // The six-character id of the instance that started it.
    QString instance;
    // When it was started, to tell it from a later process that reuses the pid.
    Instant started;

    friend bool operator==(const ProcessRecord&, const ProcessRecord&) = default;
};

} // namespace WebJobs
