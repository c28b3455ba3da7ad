#pragma once

// An agent instance that uses the job database. Several instances share one PostgreSQL
// database; each refreshes its heartbeat while it lives, so that the others can tell a dead
// instance from a busy one, close its runs and take over its work.
//
// Value type, safe from any thread.

#include "core/model/Instant.h"

#include <QString>

namespace WebJobs {

struct InstanceRecord
{
    // The six-character instance id.
    QString instance;
    QString hostName;
    // The agent's process id on that host.
    qint64 pid = 0;
    Instant started;
    Instant heartbeat;

    friend bool operator==(const InstanceRecord&, const InstanceRecord&) = default;
};

} // namespace WebJobs
