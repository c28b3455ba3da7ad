#pragma once

// `webjobs-agent schedule`: prints the next occurrences of a recurrence (the wizard's job
// JSON) or of an NCRONTAB expression, so that scripts and people can check the schedule
// engine from outside. Exit codes: 0 printed, 2 invalid input (sentence on stderr).

#include <QStringList>

namespace WebJobs::ScheduleCommand {

int run(const QStringList& arguments);

} // namespace WebJobs::ScheduleCommand
