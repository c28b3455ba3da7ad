#pragma once

// How `webjobs` shows jobs and runs to people: statuses and types in their language, times in
// the local time zone with four-digit years (the same on every locale, so that columns line up
// and sort), durations as [d.]hh:mm:ss, and tables with aligned columns. Scripts use --json.

#include "core/model/Duration.h"
#include "core/model/Instant.h"
#include "core/model/Job.h"
#include "core/model/JobStatus.h"
#include "core/model/JobType.h"

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace WebJobs {

class CliText
{
    Q_DECLARE_TR_FUNCTIONS(CliText)

public:
    // The status in the user's language (jobStatusText, shared with the console).
    static QString status(JobStatus status) { return jobStatusText(status); }
    static QString type(JobType type);
    // The status a person cares about: a continuous job's own, a triggered job's latest run's
    // (empty before its first run).
    static QString jobStatus(const Job& job);
    // "0 0 9 * * Mon-Fri", the recurrence in words, "invalid: …", or empty without a schedule.
    static QString schedule(const Job& job);
    // "2024-05-06 09:30:00" in the local time zone; empty for the unset instant.
    static QString dateTime(Instant instant);
    // "00:01:05", "1.02:03:04"; empty when unknown.
    static QString duration(std::optional<Duration> duration);
    // Columns separated by two spaces, each as wide as its widest cell; the last is not padded.
    static QString table(const QStringList& headers, const QList<QStringList>& rows);
    // "Label:  value" lines, the values aligned.
    static QString fields(const QList<std::pair<QString, QString>>& entries);
};

} // namespace WebJobs
