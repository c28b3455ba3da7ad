#include "app/cli/CliText.h"

#include "core/schedule/Schedule.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace WebJobs {

QString CliText::type(JobType type)
{
    return type == JobType::Triggered ? tr("triggered") : tr("continuous");
}

QString CliText::jobStatus(const Job& job)
{
    if (job.isContinuous())
        return status(job.status());
    if (const std::optional<JobRun> run = job.latestRun())
        return status(run->status());
    return {};
}

QString CliText::schedule(const Job& job)
{
    if (job.isContinuous())
        return {};
    const Schedule schedule = Schedule::fromSettings(job.settings());
    if (!schedule.isValid())
        return tr("invalid: %1").arg(schedule.errorString());
    switch (schedule.kind()) {
    case Schedule::Kind::None:
        return {};
    case Schedule::Kind::Cron:
        if (schedule.timeZoneName().isEmpty())
            return schedule.cronText();
        return tr("%1 (%2)").arg(schedule.cronText(), schedule.timeZoneName());
    case Schedule::Kind::Recurrence:
        return schedule.recurrence() ? schedule.recurrence()->describe() : QString();
    }
    return {};
}

QString CliText::dateTime(Instant instant)
{
    if (instant.isNull())
        return {};
    return instant.toDateTime().toLocalTime().toString(u"yyyy-MM-dd HH:mm:ss"_s);
}

QString CliText::duration(std::optional<Duration> duration)
{
    if (!duration)
        return {};
    qint64 seconds = std::max<qint64>(0, duration->toSeconds());
    const qint64 days = seconds / 86400;
    seconds %= 86400;
    const QString clock = u"%1:%2:%3"_s.arg(seconds / 3600, 2, 10, QChar(u'0'))
                              .arg((seconds % 3600) / 60, 2, 10, QChar(u'0'))
                              .arg(seconds % 60, 2, 10, QChar(u'0'));
    return days > 0 ? QString::number(days) + u'.' + clock : clock;
}

QString CliText::table(const QStringList& headers, const QList<QStringList>& rows)
{
    QList<qsizetype> widths;
    for (const QString& header : headers)
        widths.append(header.size());
    for (const QStringList& row : rows) {
        for (qsizetype column = 0; column < row.size() && column < widths.size(); ++column)
            widths[column] = std::max(widths[column], row.at(column).size());
    }
    const auto line = [&widths](const QStringList& cells) -> QString {
        QString text;
        for (qsizetype column = 0; column < cells.size(); ++column) {
            if (column + 1 < cells.size())
                text += cells.at(column).leftJustified(widths.value(column)) + u"  "_s;
            else
                text += cells.at(column);
        }
        // A row whose last cells are empty would end in spaces.
        while (text.endsWith(u' '))
            text.chop(1);
        return text + u'\n';
    };
    QString text = line(headers);
    for (const QStringList& row : rows)
        text += line(row);
    return text;
}

QString CliText::fields(const QList<std::pair<QString, QString>>& entries)
{
    // French puts a space before the colon.
    QList<QString> labels;
    qsizetype width = 0;
    for (const auto& entry : entries) {
        labels.append(tr("%1:").arg(entry.first));
        width = std::max(width, labels.constLast().size());
    }
    QString text;
    for (qsizetype index = 0; index < entries.size(); ++index) {
        QString row = labels.at(index).leftJustified(width + 2) + entries.at(index).second;
        while (row.endsWith(u' '))
            row.chop(1);
        text += row + u'\n';
    }
    return text;
}

} // namespace WebJobs
