#include "core/host/HostContext.h"

#include "core/host/ProcessReaper.h"
#include "core/package/ScriptDiscovery.h"

#include <QFile>

using namespace Qt::StringLiterals;

namespace WebJobs {

QProcessEnvironment HostContext::jobEnvironment(JobType type, const QString& name, const QString& workingRoot) const
{
    QProcessEnvironment environment = baseEnvironment;
    environment.insert(u"WEBROOT_PATH"_s, paths.webRoot());
    environment.insert(u"WEBJOBS_PATH"_s, workingRoot);
    environment.insert(u"WEBJOBS_NAME"_s, name);
    environment.insert(u"WEBJOBS_TYPE"_s, jobTypeName(type));
    environment.insert(u"WEBJOBS_DATA_PATH"_s, paths.data(type, name));
    const QString kuduMarker
        = type == JobType::Triggered ? u"WEBSITE_TRIGGERED_JOB_RUNNING_"_s : u"WEBSITE_ALWAYS_ON_JOB_RUNNING_"_s;
    environment.insert(kuduMarker + name, u"true"_s);
    environment.insert(QString::fromLatin1(ProcessReaper::MarkerVariable), marker);
    return environment;
}

JobSettings HostContext::readSettings(const QString& jobFolder, QString* error)
{
    if (error)
        error->clear();
    QFile file(ScriptDiscovery::settingsPath(jobFolder));
    if (!file.open(QIODevice::ReadOnly)) {
        if (error && file.exists())
            *error = tr("Cannot read %1: %2. Check its permissions.").arg(file.fileName(), file.errorString());
        return {};
    }
    const std::optional<JobSettings> settings = JobSettings::parse(file.readAll(), error);
    return settings.value_or(JobSettings());
}

} // namespace WebJobs
