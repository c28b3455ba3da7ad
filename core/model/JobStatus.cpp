#include "core/model/JobStatus.h"

#include <QCoreApplication>

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

QString jobStatusText(JobStatus status)
{
    switch (status) {
    case JobStatus::Initializing:
        return QCoreApplication::translate("JobStatus", "Initializing");
    case JobStatus::Running:
        return QCoreApplication::translate("JobStatus", "Running");
    case JobStatus::Stopped:
        return QCoreApplication::translate("JobStatus", "Stopped");
    case JobStatus::Starting:
        return QCoreApplication::translate("JobStatus", "Starting");
    case JobStatus::PendingRestart:
        return QCoreApplication::translate("JobStatus", "Pending restart");
    case JobStatus::InactiveInstance:
        return QCoreApplication::translate("JobStatus", "Inactive instance");
    case JobStatus::Failed:
        return QCoreApplication::translate("JobStatus", "Failed");
    case JobStatus::Aborted:
        return QCoreApplication::translate("JobStatus", "Aborted");
    case JobStatus::Disabling:
        return QCoreApplication::translate("JobStatus", "Disabling");
    case JobStatus::Stopping:
        return QCoreApplication::translate("JobStatus", "Stopping");
    case JobStatus::Success:
        return QCoreApplication::translate("JobStatus", "Success");
    case JobStatus::CrashLoop:
        return QCoreApplication::translate("JobStatus", "Crash loop");
    }
    return jobStatusName(status);
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
