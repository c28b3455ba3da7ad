#pragma once

// One instance of a site that runs several webjobs-agent instances on one PostgreSQL database
// (a cluster, issue #15), as the service last heard of it from the instance it talks to:
// JobService::instances(). Value type, safe from any thread.

#include "core/model/Instant.h"

#include <QList>
#include <QMetaType>
#include <QString>

namespace WebJobs {

struct InstanceInfo
{
    enum class State
    {
        Live,
        // No heartbeat for longer than the site's instance timeout: dead or cut off; the others
        // close its runs and forget it soon.
        Unresponsive,
    };

    // The short id the instance registered under (run records and log lines name it).
    QString instance;
    QString hostName;
    qint64 pid = 0;
    Instant started;
    // Its last heartbeat in the database.
    Instant heartbeat;
    State state = State::Live;
    // The instance the service talks to (the one that answered).
    bool current = false;

    friend bool operator==(const InstanceInfo&, const InstanceInfo&) = default;
};

} // namespace WebJobs

Q_DECLARE_METATYPE(WebJobs::InstanceInfo)
