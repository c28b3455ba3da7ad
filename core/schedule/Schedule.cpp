#include "core/schedule/Schedule.h"

#include "core/schedule/ZonedTime.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace WebJobs {

namespace {

const QString ScheduleKey = u"schedule"_s;
const QString RecurrenceKey = u"recurrence"_s;
const QString TimeZoneKey = u"time_zone"_s;
const QString MisfirePolicyKey = u"misfire_policy"_s;

// A JSON value as compact text, to quote it in an error sentence.
QString jsonText(const QJsonValue& value)
{
    if (value.isString())
        return value.toString();
    const QByteArray wrapped = QJsonDocument(QJsonArray {value}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(QByteArrayView(wrapped).sliced(1, wrapped.size() - 2));
}

} // namespace

Schedule Schedule::fromSettings(const JobSettings& settings)
{
    Schedule schedule;

    const QJsonValue cron = settings.value(ScheduleKey);
    const QJsonValue recurrence = settings.value(RecurrenceKey);
    const bool hasCron
        = !cron.isUndefined() && !cron.isNull() && !(cron.isString() && cron.toString().trimmed().isEmpty());
    const bool hasRecurrence = !recurrence.isUndefined() && !recurrence.isNull();
    if (hasCron && hasRecurrence) {
        schedule.m_kind = Kind::Cron;
        schedule.m_error = tr("This job has both a cron schedule (\"schedule\") and a recurrence (\"recurrence\") in "
                              "its settings. Keep only one of them.");
        return schedule;
    }

    const QJsonValue policy = settings.value(MisfirePolicyKey);
    if (!policy.isUndefined() && !policy.isNull()) {
        const std::optional<MisfirePolicy> known
            = policy.isString() ? JobSettings::misfirePolicyFromName(policy.toString()) : std::nullopt;
        if (!known) {
            schedule.m_error = tr("The misfire policy \"%1\" is not known. Use \"run_once\" (run a schedule missed by "
                                  "at most 10 minutes, the default) or \"skip\" (never run late).")
                                   .arg(jsonText(policy));
            return schedule;
        }
        schedule.m_policy = *known;
    }

    const QJsonValue zone = settings.value(TimeZoneKey);
    if (!zone.isUndefined() && !zone.isNull()) {
        if (!zone.isString()) {
            schedule.m_error = tr("The time zone must be text, such as \"Europe/Paris\".");
            return schedule;
        }
        schedule.m_timeZoneName = zone.toString();
    }

    if (hasCron) {
        schedule.m_kind = Kind::Cron;
        if (!cron.isString()) {
            schedule.m_error = tr("The schedule must be text, such as \"0 0 3 * * *\" (every day at 03:00).");
            return schedule;
        }
        schedule.m_cronText = cron.toString();
        if (schedule.resolveTimeZone())
            schedule.parseCron();
    } else if (hasRecurrence) {
        schedule.m_kind = Kind::Recurrence;
        if (!recurrence.isObject()) {
            schedule.m_error = tr("The recurrence must be a JSON object, as the schedule wizard writes it.");
            return schedule;
        }
        schedule.m_recurrenceJson = recurrence.toObject();
        if (schedule.resolveTimeZone())
            schedule.parseRecurrence();
    }
    return schedule;
}

Schedule Schedule::fromCron(const QString& text, const QString& timeZoneName, MisfirePolicy policy)
{
    Schedule schedule;
    schedule.m_kind = text.trimmed().isEmpty() ? Kind::None : Kind::Cron;
    schedule.m_cronText = text;
    schedule.m_timeZoneName = timeZoneName;
    schedule.m_policy = policy;
    if (schedule.resolveTimeZone() && schedule.m_kind == Kind::Cron)
        schedule.parseCron();
    return schedule;
}

Schedule Schedule::fromRecurrence(const QJsonObject& job, const QString& timeZoneName, MisfirePolicy policy)
{
    Schedule schedule;
    schedule.m_kind = Kind::Recurrence;
    schedule.m_recurrenceJson = job;
    schedule.m_timeZoneName = timeZoneName;
    schedule.m_policy = policy;
    if (schedule.resolveTimeZone())
        schedule.parseRecurrence();
    return schedule;
}

void Schedule::applyTo(JobSettings& settings) const
{
    switch (m_kind) {
    case Kind::None:
        settings.remove(ScheduleKey);
        settings.remove(RecurrenceKey);
        break;
    case Kind::Cron:
        settings.remove(RecurrenceKey);
        settings.setSchedule(m_cronText);
        break;
    case Kind::Recurrence:
        settings.remove(ScheduleKey);
        settings.setRecurrence(m_recurrenceJson);
        break;
    }
    settings.setTimeZone(m_timeZoneName);
    if (m_policy == MisfirePolicy::RunOnce)
        settings.remove(MisfirePolicyKey);
    else
        settings.setMisfirePolicy(m_policy);
}

bool Schedule::resolveTimeZone()
{
    if (m_timeZoneName.isEmpty()) {
        m_zone = QTimeZone::utc();
        return true;
    }
    m_zone = ZonedTime::zoneFromName(m_timeZoneName);
    if (!m_zone.isValid()) {
        m_error = tr("The time zone \"%1\" is not known. Use an IANA name such as \"Europe/Paris\" or \"UTC\".")
                      .arg(m_timeZoneName);
        return false;
    }
    return true;
}

void Schedule::parseCron()
{
    QString cronError;
    m_cron = CronExpression::parse(m_cronText.trimmed(), &cronError);
    if (!m_cron.isValid())
        m_error = tr("The schedule \"%1\" is not valid: %2").arg(m_cronText, cronError);
}

void Schedule::parseRecurrence()
{
    QString recurrenceError;
    m_recurrence = Recurrence::fromJson(m_recurrenceJson, &recurrenceError);
    if (!m_recurrence) {
        m_error = tr("The recurrence is not valid: %1").arg(recurrenceError);
        return;
    }
    m_recurrence->setTimeZone(m_zone);
}

QString Schedule::validate(const QDateTime& created) const
{
    if (!isValid())
        return m_error;
    if (m_kind == Kind::Recurrence && m_recurrence)
        return m_recurrence->validate(created);
    return {};
}

QDateTime Schedule::next(const QDateTime& after, const QDateTime& created) const
{
    if (!isValid())
        return {};
    switch (m_kind) {
    case Kind::None:
        return {};
    case Kind::Cron:
        return m_cron.next(after, m_zone);
    case Kind::Recurrence:
        return m_recurrence ? m_recurrence->next(after, created) : QDateTime();
    }
    return {};
}

bool Schedule::shouldRunMissed(const QDateTime& due, const QDateTime& now) const
{
    if (m_policy == MisfirePolicy::Skip || !due.isValid() || !now.isValid())
        return false;
    const qint64 lateMs = due.msecsTo(now);
    return lateMs >= 0 && lateMs <= JobSettings::MisfireGrace.toMilliseconds();
}

} // namespace WebJobs
