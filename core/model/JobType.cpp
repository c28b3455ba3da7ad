#include "core/model/JobType.h"

using namespace Qt::StringLiterals;

namespace WebJobs {

QString jobTypeName(JobType type)
{
    return type == JobType::Triggered ? u"triggered"_s : u"continuous"_s;
}

std::optional<JobType> jobTypeFromName(QStringView name)
{
    if (name == u"triggered")
        return JobType::Triggered;
    if (name == u"continuous")
        return JobType::Continuous;
    return std::nullopt;
}

} // namespace WebJobs
