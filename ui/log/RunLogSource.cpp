#include "ui/log/RunLogSource.h"

#include "core/service/JobService.h"
#include "ui/log/FileLogSource.h"
#include "ui/log/ServiceLogSource.h"

namespace WebJobs {

LogSource* openRunLog(JobService* service, JobType type, const QString& jobName, const QString& runId)
{
    const QUrl url = service->logUrl(type, jobName, runId);
    if (url.isLocalFile())
        return new FileLogSource(url.toLocalFile());
    return new ServiceLogSource(service, type, jobName, runId);
}

} // namespace WebJobs
