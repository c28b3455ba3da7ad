#include "core/host/HostOptions.h"

#include <QCryptographicHash>
#include <QDir>
#include <QSysInfo>

using namespace Qt::StringLiterals;

namespace WebJobs {

namespace {

bool isTrue(const QString& value)
{
    return value == u"1" || value.compare(u"true", Qt::CaseInsensitive) == 0;
}

} // namespace

HostOptions HostOptions::fromEnvironment(const QProcessEnvironment& environment, HostOptions options)
{
    bool ok = false;
    if (const int seconds = environment.value(u"WEBJOBS_RESTART_TIME"_s).toInt(&ok); ok)
        options.restartDelay = std::chrono::seconds(std::max(seconds, 0));
    if (const int seconds = environment.value(u"WEBJOBS_IDLE_TIMEOUT"_s).toInt(&ok); ok && seconds > 0)
        options.idleTimeout = std::chrono::seconds(seconds);
    if (const int seconds = environment.value(u"WEBJOBS_MINIMUM_UPTIME"_s).toInt(&ok); ok && seconds >= 0)
        options.minimumUptime = std::chrono::seconds(seconds);
    if (const int count = environment.value(u"WEBJOBS_CRASH_LOOP_THRESHOLD"_s).toInt(&ok); ok && count > 0)
        options.crashLoopThreshold = count;
    if (const int size = environment.value(u"WEBJOBS_HISTORY_SIZE"_s).toInt(&ok); ok && size > 0)
        options.historySize = size;
    if (environment.contains(u"WEBJOBS_STOPPED"_s))
        options.jobsStopped = isTrue(environment.value(u"WEBJOBS_STOPPED"_s));
    if (environment.contains(u"WEBJOBS_DISABLE_SCHEDULE"_s))
        options.schedulesDisabled = isTrue(environment.value(u"WEBJOBS_DISABLE_SCHEDULE"_s));
    if (options.instanceId.isEmpty())
        options.instanceId = environment.value(u"WEBSITE_INSTANCE_ID"_s);
    return options;
}

QString HostOptions::effectiveInstanceId() const
{
    QString id = instanceId;
    if (id.isEmpty()) {
        // A stable id per machine and data folder, so that two agents on one machine differ.
        const QByteArray seed = QSysInfo::machineUniqueId() + QSysInfo::machineHostName().toUtf8()
            + QDir(dataRoot).absolutePath().toUtf8();
        id = QString::fromLatin1(QCryptographicHash::hash(seed, QCryptographicHash::Sha256).toHex());
    }
    return id.left(6);
}

QString HostOptions::effectiveDatabaseUrl() const
{
    if (!databaseUrl.isEmpty())
        return databaseUrl;
    return QDir(dataRoot).absoluteFilePath(u"webjobs.db"_s);
}

} // namespace WebJobs
