#pragma once

// What JobService::logInfo() answers about a run's output log (or a continuous job's log):
// its size in bytes now, or why it cannot be read. Value type, safe from any thread.
//
//  - error.ok(): `size` is the log's length at the time of the call (0 for an empty log).
//  - NotFound: there is no such log (yet): a run that has not written anything, a deleted run.
//    A viewer that follows a running job keeps asking; the log appears later.
//  - any other code: the log exists but cannot be read (permissions, the host is gone, the
//    network failed); `message` says what to do. `size` is -1.

#include "core/model/ServiceError.h"

#include <QMetaType>

namespace WebJobs {

struct LogInfo
{
    qint64 size = -1;
    ServiceError error;

    bool ok() const { return error.ok(); }
};

} // namespace WebJobs

Q_DECLARE_METATYPE(WebJobs::LogInfo)
