#pragma once

// Where a job's files are, in Kudu's layout (docs/kudu-webjobs-api.md §4.1, §5.1):
//
//     <data>/site/wwwroot/App_Data/jobs/<type>/<name>/    the package as uploaded
//     <data>/data/jobs/<type>/<name>/                      runs, logs, status files
//     <data>/temp/jobs/<type>/<name>/<copy>/               working copies of the package
//     <data>/temp/JobsShutdown/<type>/<name>/<file>        continuous jobs' shutdown files

#include "core/model/JobType.h"

#include <QString>

namespace WebJobs {

class JobPaths
{
public:
    explicit JobPaths(const QString& dataRoot);

    QString dataRoot() const { return m_root; }
    QString webRoot() const; // site/wwwroot
    QString binariesRoot(JobType type) const;
    QString binaries(JobType type, const QString& name) const;
    QString dataRootOf(JobType type) const;
    QString data(JobType type, const QString& name) const;
    QString run(const QString& name, const QString& runId) const;
    QString outputLog(const QString& name, const QString& runId) const;
    QString runStatus(const QString& name, const QString& runId) const;
    QString schedulerLog(const QString& name) const;
    QString schedulerPreviousLog(const QString& name) const;
    QString jobLog(const QString& name) const;
    QString jobPreviousLog(const QString& name) const;
    QString continuousStatus(const QString& name, const QString& instance) const;
    QString sdkMarker(JobType type, const QString& name) const;
    QString workingCopies(JobType type, const QString& name) const;
    QString shutdownFolder(JobType type, const QString& name) const;

private:
    QString m_root;
};

} // namespace WebJobs
