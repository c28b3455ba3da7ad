#pragma once

// One run of a triggered job as the job database keeps it. The run folder with
// `output_log.txt` stays on disk; the row is the durable status that history pages and crash
// recovery read. The host converts it to and from the API's JobRun.
//
// Value type, safe from any thread.

#include "core/model/Instant.h"
#include "core/model/JobStatus.h"

#include <QString>

#include <optional>

namespace WebJobs {

struct RunRecord
{
    QString jobName;
    // `yyyyMMddHHmmssffff`, the UTC start time (Instant::toRunId()); sorts in time order.
    QString id;
    JobStatus status = JobStatus::Initializing;
    Instant startTime;
    // Null while the run is in progress.
    Instant endTime;
    // "External - <User-Agent>" or "Schedule - <cron>".
    QString trigger;
    QString arguments;
    std::optional<int> exitCode;
    // Who stopped the run and why, when it was stopped or aborted.
    QString abortedBy;
    QString abortReason;
    // The six-character id of the agent instance that runs it.
    QString instance;

    friend bool operator==(const RunRecord&, const RunRecord&) = default;
};

} // namespace WebJobs
