#include "core/model/JobUrls.h"

#include "core/model/Job.h"
#include "core/model/JobRun.h"

using namespace Qt::StringLiterals;

namespace WebJobs {

JobUrls::JobUrls(const QString& base)
    : m_base(base)
{
    while (m_base.endsWith(u'/'))
        m_base.chop(1);
}

JobUrls JobUrls::fromRequestUrl(const QUrl& url)
{
    if (!url.isValid() || url.scheme().isEmpty() || url.host().isEmpty())
        return {};
    QUrl base;
    base.setScheme(url.scheme());
    base.setHost(url.host());
    const int port = url.port();
    const bool defaultPort = (port == 80 && url.scheme() == u"http") || (port == 443 && url.scheme() == u"https");
    if (port >= 0 && !defaultPort)
        base.setPort(port);
    return JobUrls(base.toString(QUrl::FullyEncoded));
}

QString JobUrls::api(JobType type, const QString& relative) const
{
    if (isNull())
        return {};
    return m_base + u"/api/"_s + jobTypeName(type) + u"webjobs/"_s + relative;
}

QString JobUrls::vfs(JobType type, const QString& relative) const
{
    if (isNull())
        return {};
    return m_base + u"/vfs/data/jobs/"_s + jobTypeName(type) + u'/' + relative;
}

QString JobUrls::extraInfo(JobType type, const QString& name) const
{
    if (isNull())
        return {};
    return m_base + u"/azurejobs/#/jobs/"_s + jobTypeName(type) + u'/' + name;
}

QString JobUrls::history(const QString& jobName) const
{
    return api(JobType::Triggered, jobName + u"/history"_s);
}

QString JobUrls::run(const QString& jobName, const QString& runId) const
{
    return api(JobType::Triggered, jobName + u"/history/"_s + runId);
}

QString JobUrls::runOutput(const QString& jobName, const QString& runId) const
{
    return vfs(JobType::Triggered, jobName + u'/' + runId + u"/output_log.txt"_s);
}

QString JobUrls::runError(const QString& jobName, const QString& runId) const
{
    return vfs(JobType::Triggered, jobName + u'/' + runId + u"/error_log.txt"_s);
}

QString JobUrls::schedulerLog(const QString& jobName) const
{
    return vfs(JobType::Triggered, jobName + u"/job_scheduler.log"_s);
}

QString JobUrls::continuousLog(const QString& jobName) const
{
    return vfs(JobType::Continuous, jobName + u"/job_log.txt"_s);
}

void JobUrls::fill(Job& job, bool schedulerLogExists) const
{
    job.setUrl(this->job(job.type(), job.name()));
    job.setExtraInfoUrl(extraInfo(job.type(), job.name()));
    if (job.isTriggered()) {
        job.setHistoryUrl(history(job.name()));
        job.setSchedulerLogsUrl(schedulerLogExists ? schedulerLog(job.name()) : QString());
    } else {
        job.setLogUrl(continuousLog(job.name()));
    }
}

void JobUrls::fill(JobRun& run, const QString& jobName, bool outputExists, bool errorExists) const
{
    run.setUrl(this->run(jobName, run.id()));
    run.setOutputUrl(outputExists ? runOutput(jobName, run.id()) : QString());
    run.setErrorUrl(errorExists ? runError(jobName, run.id()) : QString());
}

} // namespace WebJobs
