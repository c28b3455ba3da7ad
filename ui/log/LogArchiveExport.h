#pragma once

// "Download all logs": writes the output log of every run of a triggered job into one zip,
// each named by its run's start time in local time ("2024-09-04_13-33-18.txt", "_2" after a
// second run in the same second), oldest first, dated with that time. The logs are read by
// ranges through the JobService, so a remote host's logs download the same way.
//
// Long work with progress and cancel (qBittorrent's TorrentCreator): start() lists the runs
// (history pages, GUI thread), then a task on LogThreads::work() reads each log's size, then its
// bytes, into `<zip>.part`, renamed to the zip at the end. cancel() stops it within one read
// and removes the partial file. Signals arrive in the GUI thread; one of failed() and
// finished() ends every start(). A log taken while its run still writes holds the lines
// written when its size was read.

#include "core/model/JobRun.h"

#include <QList>
#include <QObject>
#include <QSet>
#include <QString>

#include <atomic>
#include <memory>

namespace WebJobs {

class JobService;

class LogArchiveExport : public QObject
{
    Q_OBJECT

public:
    LogArchiveExport(JobService* service, const QString& jobName, const QString& zipPath, QObject* parent = nullptr);
    ~LogArchiveExport() override;

    void start();
    void cancel();
    bool isRunning() const { return m_running; }

    // The entry of a run that started at `start`, unique within `taken` (which it joins).
    static QString entryName(Instant start, QSet<QString>& taken);

Q_SIGNALS:
    void started();
    void progress(qint64 done, qint64 total);
    void failed(const QString& message);
    // `logs` written; `missing` runs had no log to read.
    void finished(const QString& path, int logs, int missing);

private:
    void fetchRuns(int offset);
    void write();
    void fail(const QString& message);

    JobService* m_service;
    QString m_jobName;
    QString m_path;
    QList<JobRun> m_runs;
    std::shared_ptr<std::atomic<bool>> m_stop;
    std::shared_ptr<QObject> m_relay;
    bool m_running = false;
};

} // namespace WebJobs
