#include "core/api/server/ApiRoute.h"

#include <QStringList>

using namespace Qt::StringLiterals;

namespace WebJobs {

namespace {

std::optional<JobType> typeFromWord(QStringView word)
{
    if (word == u"triggered")
        return JobType::Triggered;
    if (word == u"continuous")
        return JobType::Continuous;
    return std::nullopt;
}

// The raw (still encoded) path after the first `count` segments of `encodedPath`.
QString remainderAfter(const QString& encodedPath, int count)
{
    qsizetype position = 0; // at the leading '/'
    for (int i = 0; i < count; ++i) {
        const qsizetype next = encodedPath.indexOf(u'/', position + 1);
        if (next < 0)
            return {};
        position = next;
    }
    return encodedPath.mid(position + 1);
}

} // namespace

ApiRoute ApiRoute::parse(const QUrl& url)
{
    ApiRoute route;
    const QString encoded = url.path(QUrl::FullyEncoded);
    if (!encoded.startsWith(u'/'))
        return route;
    QStringList raw = encoded.mid(1).split(u'/');
    if (raw.size() > 1 && raw.last().isEmpty())
        raw.removeLast(); // trailing slash
    QStringList segments;
    segments.reserve(raw.size());
    for (const QString& segment : raw)
        segments.append(QUrl::fromPercentEncoding(segment.toUtf8()));

    const auto vfs = [&](int prefixSegments) {
        route.m_kind = Kind::Vfs;
        route.m_path = QUrl::fromPercentEncoding(remainderAfter(encoded, prefixSegments).toUtf8());
        return route;
    };
    const auto hooks = [&](const QStringList& rest) {
        if (rest.isEmpty()) {
            route.m_kind = Kind::Hooks;
        } else if (rest.size() == 1 && !rest.first().isEmpty()) {
            route.m_kind = Kind::Hook;
            route.m_runId = rest.first();
        }
        return route;
    };
    if (segments.isEmpty() || segments.first().isEmpty())
        return route;

    const QString& first = segments.first();
    if (first == u"vfs")
        return vfs(1);
    if (first == u"hooks")
        return hooks(segments.mid(1));
    if (first == u"jobs") {
        route.m_form = Form::LegacyB;
        const QStringList rest = segments.mid(1);
        if (rest.isEmpty() || (rest.size() == 1 && rest.first().isEmpty())) {
            route.m_kind = Kind::Jobs;
        } else if (const auto type = typeFromWord(rest.first())) {
            route.parseTemplate(*type, rest.mid(1));
        }
        return route;
    }
    if (first != u"api" || segments.size() < 2)
        return route;

    const QString& second = segments.at(1);
    const QStringList rest = segments.mid(2);
    if (second == u"vfs")
        return vfs(2);
    if (second == u"hooks")
        return hooks(rest);
    if (second == u"agent" && rest.isEmpty()) {
        route.m_kind = Kind::AgentInfo;
        return route;
    }
    if (second == u"triggeredwebjobsswagger" && rest.isEmpty()) {
        route.m_kind = Kind::Swagger;
        route.m_form = Form::Current;
        return route;
    }
    if (second == u"webjobs") {
        route.m_form = Form::Current;
        if (rest.isEmpty())
            route.m_kind = Kind::Jobs;
        else if (rest == QStringList {u"events"_s})
            route.m_kind = Kind::Events;
        else if (rest == QStringList {u"changes"_s})
            route.m_kind = Kind::Changes;
        return route;
    }
    if (second == u"jobs") {
        if (rest.isEmpty()) {
            route.m_form = Form::DeprecatedA;
            route.m_kind = Kind::Jobs;
        } else if (const auto type = typeFromWord(rest.first())) {
            route.m_form = Form::LegacyC;
            route.parseTemplate(*type, rest.mid(1));
        }
        return route;
    }
    for (const JobType type : {JobType::Triggered, JobType::Continuous}) {
        const QString word = jobTypeName(type);
        if (second == word + u"webjobs"_s) {
            route.m_form = Form::Current;
            route.parseTemplate(type, rest);
        } else if (second == word + u"jobs"_s) {
            route.m_form = Form::DeprecatedA;
            route.parseTemplate(type, rest);
        }
    }
    return route;
}

void ApiRoute::parseTemplate(JobType type, const QStringList& rest)
{
    m_type = type;
    const bool triggered = type == JobType::Triggered;
    if (rest.isEmpty()) {
        m_kind = Kind::Jobs;
        return;
    }
    for (const QString& segment : rest) {
        if (segment.isEmpty())
            return; // "//" inside the path
    }
    m_name = rest.first();
    const qsizetype size = rest.size();
    const QString action = size > 1 ? rest.at(1) : QString();
    if (size == 1) {
        m_kind = Kind::Job;
    } else if (action == u"settings" && size == 2) {
        m_kind = Kind::Settings;
    } else if (triggered && action == u"run" && size == 2) {
        m_kind = Kind::Run;
    } else if (triggered && action == u"history" && size == 2) {
        m_kind = Kind::History;
    } else if (triggered && action == u"history" && size == 3) {
        m_kind = Kind::RunItem;
        m_runId = rest.at(2);
    } else if (triggered && action == u"history" && size == 4 && rest.at(3) == u"abort") {
        m_kind = Kind::AbortRun;
        m_runId = rest.at(2);
    } else if (!triggered && action == u"start" && size == 2) {
        m_kind = Kind::Start;
    } else if (!triggered && action == u"stop" && size == 2) {
        m_kind = Kind::Stop;
    } else if (!triggered && action == u"passthrough") {
        m_kind = Kind::Passthrough;
        m_path = rest.mid(2).join(u'/');
    }
    if (m_kind == Kind::NotFound)
        m_type.reset();
}

} // namespace WebJobs
