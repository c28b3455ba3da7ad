#pragma once

// The outcome every floor speaks, from the engine to the console: None, or what went wrong
// with a sentence for the user in their language. The engine (JobHost), the API client and
// the JobService implementations all answer with it, so a view can show `message` as it is
// and decide on `code` alone. Value type, safe from any thread.

#include <QMetaType>
#include <QString>

namespace WebJobs {

struct ServiceError
{
    enum class Code
    {
        None,
        NotFound, // no such job or run
        Conflict, // a run is already running
        Stopped, // WEBJOBS_STOPPED, or the host is shutting down
        BadRequest, // invalid name, settings, package
        Internal, // the store or the file system failed
    };
    Code code = Code::None;
    QString message;

    bool ok() const { return code == Code::None; }
    static ServiceError none() { return {}; }
};

} // namespace WebJobs

Q_DECLARE_METATYPE(WebJobs::ServiceError)
