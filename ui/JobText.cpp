#include "ui/JobText.h"

#include "core/schedule/Schedule.h"
#include "core/util/LocaleFormats.h"

#include <QLocale>

#include <csignal>
#include <cstring>

using namespace Qt::StringLiterals;

namespace WebJobs {

QString JobText::type(JobType type)
{
    return type == JobType::Triggered ? tr("Triggered") : tr("Continuous");
}

QString JobText::mode(const Job& job)
{
    if (job.isContinuous())
        return tr("Continuous");
    const Schedule schedule = Schedule::fromSettings(job.settings());
    if (!schedule.isValid())
        return tr("Invalid schedule");
    switch (schedule.kind()) {
    case Schedule::Kind::None:
        return tr("On demand");
    case Schedule::Kind::Cron:
        if (schedule.timeZoneName().isEmpty())
            return tr("Scheduled: %1 (CRON)").arg(schedule.cronText());
        return tr("Scheduled: %1 (CRON, %2)").arg(schedule.cronText(), schedule.timeZoneName());
    case Schedule::Kind::Recurrence:
        return schedule.recurrence() ? schedule.recurrence()->describe(QLocale()) : tr("Scheduled");
    }
    return {};
}

JobStatus JobText::displayStatus(const Job& job)
{
    if (job.isContinuous())
        return job.status();
    if (const std::optional<JobRun> run = job.latestRun())
        return run->status();
    return JobStatus::Initializing;
}

QString JobText::dateFormat()
{
    return LocaleFormats::date(QLocale());
}

QString JobText::timeFormat()
{
    return LocaleFormats::time(QLocale());
}

QString JobText::timeOfDay(QTime time)
{
    return QLocale().toString(time, timeFormat());
}

QString JobText::dateTime(Instant instant)
{
    if (instant.isNull())
        return {};
    const QLocale locale;
    const QDateTime local = instant.toDateTime().toLocalTime();
    return locale.toString(local.date(), dateFormat()) + u' ' + locale.toString(local.time(), timeFormat());
}

QString JobText::preciseDateTime(Instant instant)
{
    if (instant.isNull())
        return {};
    const QLocale locale;
    const QDateTime local = instant.toDateTime().toLocalTime();
    return locale.toString(local.date(), dateFormat()) + u' ' + locale.toString(local.time(), timeFormatWithSeconds());
}

QString JobText::timeFormatWithSeconds()
{
    return LocaleFormats::timeWithSeconds(QLocale());
}

QString JobText::trigger(const QString& recorded)
{
    // Stored as Kudu writes them, shown in the user's language.
    static const QString external = u"External - "_s;
    static const QString schedule = u"Schedule - "_s;
    if (recorded.startsWith(external))
        return tr("External - %1").arg(recorded.mid(external.size()));
    if (recorded.startsWith(schedule))
        return tr("Schedule - %1").arg(recorded.mid(schedule.size()));
    return recorded;
}

QString JobText::exitCode(std::optional<int> code)
{
    if (!code)
        return {};
    const QString number = QLocale().toString(*code);
    const int signal = *code - 128;
    if (signal <= 0 || signal >= NSIG)
        return number;
    const char* abbreviation = sigabbrev_np(signal);
    if (!abbreviation)
        return number;
    return tr("%1 (stopped by %2)").arg(number, u"SIG"_s + QString::fromLatin1(abbreviation));
}

QString JobText::duration(std::optional<Duration> duration)
{
    if (!duration)
        return {};
    const qint64 ms = duration->toMilliseconds();
    if (ms < 1000)
        return tr("%1 ms").arg(ms);
    const qint64 seconds = ms / 1000;
    if (seconds < 60)
        return tr("%1 s").arg(QLocale().toString(double(ms) / 1000.0, 'f', 1));
    if (seconds < 3600)
        return tr("%1 min %2 s").arg(seconds / 60).arg(seconds % 60, 2, 10, QChar(u'0'));
    return tr("%1 h %2 min").arg(seconds / 3600).arg((seconds % 3600) / 60, 2, 10, QChar(u'0'));
}

} // namespace WebJobs
