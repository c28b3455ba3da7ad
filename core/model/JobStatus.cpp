#include "core/model/JobStatus.h"

#include <array>

using namespace Qt::StringLiterals;

namespace WebJobs {

namespace {

struct StatusName
{
    JobStatus status;
    QStringView name;
};

constexpr std::array<StatusName, 12> StatusNames {{
    {JobStatus::Initializing, u"Initializing"},
    {JobStatus::Running, u"Running"},
    {JobStatus::Stopped, u"Stopped"},
    {JobStatus::Starting, u"Starting"},
    {JobStatus::PendingRestart, u"PendingRestart"},
    {JobStatus::InactiveInstance, u"InactiveInstance"},
    {JobStatus::Failed, u"Failed"},
    {JobStatus::Aborted, u"Aborted"},
    {JobStatus::Disabling, u"Disabling"},
    {JobStatus::Stopping, u"Stopping"},
    {JobStatus::Success, u"Success"},
    {JobStatus::CrashLoop, u"CrashLoop"},
}};

} // namespace

QString jobStatusName(JobStatus status)
{
    for (const StatusName& entry : StatusNames) {
        if (entry.status == status)
            return entry.name.toString();
    }
    Q_UNREACHABLE();
    return {};
}

std::optional<JobStatus> jobStatusFromName(QStringView name)
{
    for (const StatusName& entry : StatusNames) {
        if (entry.name == name)
            return entry.status;
    }
    return std::nullopt;
}

bool isFinalRunStatus(JobStatus status)
{
    switch (status) {
    case JobStatus::Success:
    case JobStatus::Failed:
    case JobStatus::Stopped:
    case JobStatus::Aborted:
        return true;
    default:
        return false;
    }
}

} // namespace WebJobs
