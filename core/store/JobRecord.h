#pragma once

// One job as the job database indexes it: the package itself stays on disk in Kudu's layout
// (`site/wwwroot/App_Data/jobs/{type}/{name}`); the row makes listing fast and carries the
// times the disk does not keep reliably. A job is named by its type and its name, as in Kudu,
// where a triggered and a continuous job may share a name.
//
// Value type, safe from any thread.

#include "core/model/Instant.h"
#include "core/model/JobType.h"

#include <QString>

namespace WebJobs {

struct JobRecord
{
    JobType type = JobType::Triggered;
    QString name;
    // The script path relative to the job folder, as Kudu's `run_command`.
    QString runCommand;
    Instant createdAt;
    Instant updatedAt;

    friend bool operator==(const JobRecord&, const JobRecord&) = default;
};

} // namespace WebJobs
