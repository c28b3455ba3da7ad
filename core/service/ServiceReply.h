#pragma once

// The answer of a JobService action: an error (HostError::Code::None on success) and, for a
// triggered run, the id of the run it started. Value type, safe from any thread.

#include "core/host/JobHost.h"

namespace WebJobs {

using ServiceError = HostError;

struct ServiceReply
{
    ServiceError error;
    QString runId;

    bool ok() const { return error.ok(); }
    static ServiceReply failure(ServiceError::Code code, const QString& message) { return {{code, message}, {}}; }
};

} // namespace WebJobs
