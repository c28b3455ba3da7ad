#pragma once

// The two kinds of WebJob, spelled as in Kudu's JSON and URLs: "triggered" (runs on demand or
// on a schedule, one run at a time, with a history) and "continuous" (kept running).

#include <QString>

#include <optional>

namespace WebJobs {

enum class JobType
{
    Triggered,
    Continuous,
};

// The number of types, and a type's index in [0, JobTypeCount), for arrays indexed by type.
inline constexpr int JobTypeCount = 2;
constexpr int typeIndex(JobType type)
{
    return type == JobType::Triggered ? 0 : 1;
}

// "triggered" or "continuous".
QString jobTypeName(JobType type);
// The type a text names, compared exactly; std::nullopt otherwise.
std::optional<JobType> jobTypeFromName(QStringView name);

} // namespace WebJobs
