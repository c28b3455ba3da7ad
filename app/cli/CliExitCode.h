#pragma once

// The exit statuses of `webjobs` (docs/webjobs.1, "EXIT STATUS"). `run --wait` ends with its
// run's status: Success 0, Failed 1, Aborted 3, Stopped 4.

#include "core/model/JobStatus.h"

namespace WebJobs::CliExitCode {

inline constexpr int Success = 0;
// The service refused or failed (the ServiceError's sentence), or the run Failed.
inline constexpr int Failure = 1;
// Invalid input: a sentence that says what to fix.
inline constexpr int BadInput = 2;
inline constexpr int RunAborted = 3;
inline constexpr int RunStopped = 4;
// Ctrl-C (SIGINT) or SIGTERM ended the command: 128 + the signal, as shells report it.
inline constexpr int Interrupted = 130;
inline constexpr int Terminated = 143;

constexpr int forRunStatus(JobStatus status)
{
    switch (status) {
    case JobStatus::Success:
        return Success;
    case JobStatus::Aborted:
        return RunAborted;
    case JobStatus::Stopped:
        return RunStopped;
    default:
        return Failure;
    }
}

} // namespace WebJobs::CliExitCode
