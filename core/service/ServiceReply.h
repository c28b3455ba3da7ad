#pragma once

// The answer of a JobService action: an error (ServiceError::Code::None on success) and, for a
// triggered run, the id of the run it started. Value type, safe from any thread.

#include "core/model/ServiceError.h"

#include <QString>

namespace WebJobs {

struct ServiceReply
{
    ServiceError error;
    QString runId;

    bool ok() const { return error.ok(); }
    static ServiceReply failure(ServiceError::Code code, const QString& message) { return {{code, message}, {}}; }
};

} // namespace WebJobs
