#pragma once

// Finds and kills the job processes that a previous host left behind when it died without
// stopping them (SIGKILL, power loss of the agent only, a crash).
//
// Every job process carries the variable WEBJOBS_HOST_MARKER=<marker> in its environment, the
// marker naming one host (its data folder and instance). A child that escaped its process
// group, or whose leader died with the host (PR_SET_PDEATHSIG) while its own children lived
// on, still carries the marker: scanning /proc for it finds them all.

#include <QString>

namespace WebJobs::ProcessReaper {

inline constexpr char MarkerVariable[] = "WEBJOBS_HOST_MARKER";

// The marker of a host: stable for a data folder and an instance id.
QString markerFor(const QString& dataRoot, const QString& instance);

// Sends SIGKILL to every process (other than this one) whose environment holds the marker,
// and to its process group. Returns how many processes were signalled.
int killMarked(const QString& marker);

// The number of live processes (zombies excluded) whose environment holds the marker.
int countMarked(const QString& marker);

} // namespace WebJobs::ProcessReaper
