#pragma once

// The contents of a job's settings.job: a free-form JSON object whose unknown keys are kept
// verbatim, in their order, so that a job folder moves between Kudu and our agent unchanged
// and PUT/GET settings round-trips the text (docs/kudu-webjobs-api.md §2.3.6, §3.6, §6.1).
//
// Kudu's keys are read with Kudu's strict typing (Json.NET's GetSetting<T>): a value of the
// wrong JSON type is ignored and the default applies. "60" or 60.5 is not an integer,
// "true" is not a boolean.
//
//   key                  type               default
//   schedule             string             none (six-field NCRONTAB)
//   is_singleton         boolean            false
//   stopping_wait_time   integer seconds    5 (continuous), 30 (triggered)
//   is_in_place          boolean            true for .js scripts, false otherwise
//
// Our keys, ignored by Kudu (ARCHITECTURE.md, "settings.job: Kudu's keys and ours"):
//
//   recurrence           object             none: the schedule wizard's job JSON
//                                           ({"startTime": ..., "recurrence": {...}}, see
//                                           core/schedule/Recurrence.h)
//   time_zone            string             none = UTC: IANA name the schedule is read in
//   misfire_policy       string             "run_once": a scheduled run found late by at
//                                           most 10 minutes runs now, an older one is logged
//                                           as missed (Kudu's rule); "skip": a late run
//                                           never runs
//
// Whether the schedule keys make sense together is Schedule's business (core/schedule/Schedule.h).
//
// parse() accepts what Json.NET accepts in settings.job that QJsonDocument does not: `//` and
// `/* */` comments outside strings. Value type, safe from any thread.

#include "core/model/Duration.h"
#include "core/model/JobType.h"
#include "core/util/OrderedJson.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace WebJobs {

class JobSettings
{
    Q_DECLARE_TR_FUNCTIONS(JobSettings)

public:
    enum class MisfirePolicy
    {
        RunOnce,
        Skip,
    };

    // Kudu's limit for running a late occurrence under MisfirePolicy::RunOnce.
    static constexpr Duration MisfireGrace = Duration::fromSeconds(10 * 60);

    JobSettings() = default; // {}
    // `object` is kept as is; anything but an object gives empty settings.
    explicit JobSettings(const OrderedJson& object);
    static JobSettings fromJsonObject(const QJsonObject& object);

    // Reads settings.job text (or a PUT settings body). Comments are stripped first. Fails,
    // with a translated sentence in `errorMessage`, when the text is empty, is not JSON, or
    // is JSON but not an object (a literal `null` included: Kudu reads such a file as `{}`,
    // which the caller may choose to do on any error).
    static std::optional<JobSettings> parse(const QByteArray& text, QString* errorMessage = nullptr);

    // The text with every `//` and `/* */` comment outside strings replaced by spaces (line
    // breaks kept, so offsets and line numbers still match the original). std::nullopt when a
    // block comment is never closed; `openOffset` then gets the offset of its opening `/*`.
    static std::optional<QByteArray> stripComments(const QByteArray& text, int* openOffset = nullptr);

    // Compact JSON, keys in their order.
    QByteArray toJson() const { return m_object.toJson(); }
    QJsonObject toJsonObject() const { return m_object.toJsonValue().toObject(); }
    const OrderedJson& toOrderedJson() const { return m_object; }

    bool isEmpty() const { return m_object.isEmpty(); }
    QStringList keys() const { return m_object.keys(); }
    bool contains(const QString& key) const { return m_object.contains(key); }
    // The raw value of any key (undefined when absent).
    QJsonValue value(const QString& key) const { return m_object.value(key).toJsonValue(); }
    void setValue(const QString& key, const OrderedJson& value) { m_object.insert(key, value); }
    void remove(const QString& key) { m_object.remove(key); }

    // `schedule` when it is a string (possibly empty or blank); a null QString otherwise.
    QString schedule() const;
    // An empty text removes the key.
    void setSchedule(const QString& cron);

    bool isSingleton() const;
    void setSingleton(bool singleton);

    // `stopping_wait_time` when it is an integer (negative values count as 0), else the
    // default of the job type.
    Duration stoppingWaitTime(JobType type) const;
    static Duration defaultStoppingWaitTime(JobType type);
    // std::nullopt removes the key.
    void setStoppingWaitTime(std::optional<qint64> seconds);

    // `is_in_place` when it is a boolean, else `defaultForScript` (true for a .js script).
    bool isInPlace(bool defaultForScript) const;
    // std::nullopt removes the key.
    void setInPlace(std::optional<bool> inPlace);

    // `recurrence` when it is an object.
    std::optional<QJsonObject> recurrence() const;
    // std::nullopt removes the key.
    void setRecurrence(const std::optional<QJsonObject>& recurrence);

    // `time_zone` when it is a string; a null QString otherwise (UTC).
    QString timeZone() const;
    // An empty name removes the key.
    void setTimeZone(const QString& ianaName);

    // `misfire_policy` when it names a policy, else RunOnce.
    MisfirePolicy misfirePolicy() const;
    void setMisfirePolicy(MisfirePolicy policy);
    static QString misfirePolicyName(MisfirePolicy policy); // "run_once", "skip"
    static std::optional<MisfirePolicy> misfirePolicyFromName(QStringView name);

    friend bool operator==(const JobSettings& a, const JobSettings& b) { return a.m_object == b.m_object; }

private:
    OrderedJson m_object = OrderedJson::object();
};

} // namespace WebJobs
