#pragma once

// The source of a run's log (or a continuous job's, for an empty run id) as a JobService
// publishes it: when JobService::logUrl() is a file on this machine (the console's own host),
// the file is read directly (FileLogSource), which lets a 10 GB log open as fast as a small
// one; otherwise the log is read by ranges through the service (ServiceLogSource). The view
// only learns where the log is, not which service is behind it.

#include "core/model/JobType.h"

#include <QString>

namespace WebJobs {

class JobService;
class LogSource;

LogSource* openRunLog(JobService* service, JobType type, const QString& jobName, const QString& runId);

} // namespace WebJobs
