#pragma once

// The status of a continuous job on one agent instance: Kudu's `status_<instance>` file
// (docs/kudu-webjobs-api.md §3.3). A continuous job runs on every instance, so a job has one
// record per instance; `detailed_status` lists them all.
//
// Value type, safe from any thread.

#include "core/model/Instant.h"
#include "core/model/JobStatus.h"

#include <QString>

namespace WebJobs {

struct ContinuousStatusRecord
{
    QString jobName;
    // The six-character instance id.
    QString instance;
    JobStatus status = JobStatus::Initializing;
    // The job's process on that instance; 0 when none runs.
    qint64 pid = 0;
    Instant updated;

    friend bool operator==(const ContinuousStatusRecord&, const ContinuousStatusRecord&) = default;
};

} // namespace WebJobs
