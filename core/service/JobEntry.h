#pragma once

// One row of the job list as a JobService reports it: the job (its status, settings and latest
// run) and the next time its schedule fires. Value type, safe from any thread.

#include "core/model/Instant.h"
#include "core/model/Job.h"

#include <QMetaType>

namespace WebJobs {

struct JobEntry
{
    Job job;
    // Null when the job has no schedule (or is continuous).
    Instant nextRun;

    // A job is known by its type and name: a triggered and a continuous job may share a name.
    static QString keyOf(JobType type, const QString& name) { return jobTypeName(type) + u'/' + name; }
    QString key() const { return keyOf(job.type(), job.name()); }
};

} // namespace WebJobs

Q_DECLARE_METATYPE(WebJobs::JobEntry)
