#include "core/host/JobPaths.h"

#include <QDir>

using namespace Qt::StringLiterals;

namespace WebJobs {

JobPaths::JobPaths(const QString& dataRoot)
    : m_root(QDir(dataRoot).absolutePath())
{ }

QString JobPaths::webRoot() const
{
    return m_root + u"/site/wwwroot"_s;
}

QString JobPaths::binariesRoot(JobType type) const
{
    return webRoot() + u"/App_Data/jobs/"_s + jobTypeName(type);
}

QString JobPaths::binaries(JobType type, const QString& name) const
{
    return binariesRoot(type) + u'/' + name;
}

QString JobPaths::dataRootOf(JobType type) const
{
    return m_root + u"/data/jobs/"_s + jobTypeName(type);
}

QString JobPaths::data(JobType type, const QString& name) const
{
    return dataRootOf(type) + u'/' + name;
}

QString JobPaths::run(const QString& name, const QString& runId) const
{
    return data(JobType::Triggered, name) + u'/' + runId;
}

QString JobPaths::outputLog(const QString& name, const QString& runId) const
{
    return run(name, runId) + u"/output_log.txt"_s;
}

QString JobPaths::runStatus(const QString& name, const QString& runId) const
{
    return run(name, runId) + u"/status"_s;
}

QString JobPaths::schedulerLog(const QString& name) const
{
    return data(JobType::Triggered, name) + u"/job_scheduler.log"_s;
}

QString JobPaths::schedulerPreviousLog(const QString& name) const
{
    return data(JobType::Triggered, name) + u"/job_scheduler_prev.log"_s;
}

QString JobPaths::jobLog(const QString& name) const
{
    return data(JobType::Continuous, name) + u"/job_log.txt"_s;
}

QString JobPaths::jobPreviousLog(const QString& name) const
{
    return data(JobType::Continuous, name) + u"/job_prev_log.txt"_s;
}

QString JobPaths::continuousStatus(const QString& name, const QString& instance) const
{
    return data(JobType::Continuous, name) + u"/status_"_s + instance;
}

QString JobPaths::sdkMarker(JobType type, const QString& name) const
{
    return data(type, name) + u"/webjobssdk.marker"_s;
}

QString JobPaths::workingCopies(JobType type, const QString& name) const
{
    return m_root + u"/temp/jobs/"_s + jobTypeName(type) + u'/' + name;
}

QString JobPaths::shutdownFolder(JobType type, const QString& name) const
{
    return m_root + u"/temp/JobsShutdown/"_s + jobTypeName(type) + u'/' + name;
}

} // namespace WebJobs
