#include "core/host/JobEnvironment.h"

using namespace Qt::StringLiterals;

namespace WebJobs {

QStringList JobEnvironment::inheritedNames()
{
    return {u"PATH"_s, u"HOME"_s, u"USER"_s, u"LOGNAME"_s, u"SHELL"_s, u"TMPDIR"_s, u"LANG"_s, u"LANGUAGE"_s, u"TZ"_s};
}

QProcessEnvironment JobEnvironment::base(const QProcessEnvironment& agent)
{
    QProcessEnvironment environment;
    const QStringList inherited = inheritedNames();
    const QString prefix = QString::fromLatin1(AdminPrefix);
    const QStringList names = agent.keys();
    for (const QString& name : names) {
        if (inherited.contains(name) || name.startsWith(u"LC_"))
            environment.insert(name, agent.value(name));
    }
    for (const QString& name : names) {
        if (!name.startsWith(prefix) || name.size() == prefix.size())
            continue;
        const QString jobName = name.mid(prefix.size());
        if (jobName.startsWith(u"WEBJOBS_AGENT_"))
            continue;
        environment.insert(jobName, agent.value(name));
    }
    if (!environment.contains(u"PATH"_s))
        environment.insert(u"PATH"_s, u"/usr/local/bin:/usr/bin:/bin"_s);
    return environment;
}

} // namespace WebJobs
