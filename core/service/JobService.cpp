#include "core/service/JobService.h"

namespace WebJobs {

JobService::JobService(QObject* parent)
    : QObject(parent)
{ }

JobService::~JobService() = default;

JobService::Capabilities JobService::capabilities() const
{
    return Capability::AbortRun | Capability::LiveChanges | Capability::Recurrence;
}

QString JobService::stateText(State state)
{
    switch (state) {
    case State::Connecting:
        return tr("Starting…");
    case State::Ready:
        return tr("Ready");
    case State::Reconnecting:
        return tr("Reconnecting…");
    case State::Failed:
        return tr("Unavailable");
    case State::Stopping:
        return tr("Stopping…");
    case State::Stopped:
        return tr("Stopped");
    }
    return {};
}

} // namespace WebJobs
