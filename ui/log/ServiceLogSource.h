#pragma once

// A log read through a JobService: JobService::readLog for ranges and JobService::logInfo for
// its size, so the same viewer reads a log of the console's own host or of an agent or Kudu
// site far away (ranged HTTP reads). The identity of the log is its first bytes, read again
// whenever its size changes, so that a log rolled or rewritten between two polls is seen as
// replaced.
//
// ServiceLogReader makes the service's asynchronous calls blocking for worker threads: each
// call is posted to the thread of the service (the GUI thread), which starts it, and the worker
// waits for the answer. The service is only ever touched in its own thread.

#include "core/model/JobType.h"
#include "ui/log/LogSource.h"

#include <QMutex>
#include <QPointer>

#include <memory>

namespace WebJobs {

class JobService;

class ServiceLogReader : public LogReader
{
public:
    // Create it in the service's thread.
    ServiceLogReader(JobService* service, JobType type, const QString& name, const QString& runId);
    ~ServiceLogReader() override;

    LogBytes read(qint64 offset, qint64 length) override;
    LogStat stat() override;
    void close() override;

private:
    // What the calls posted to the service's thread share with the reader; they hold it by
    // shared_ptr, since a reader closed early may be gone before they run.
    struct Shared;

    std::shared_ptr<Shared> m_shared;
    QMutex m_headMutex;
    qint64 m_headSize = -1;
    QByteArray m_head;
};

class ServiceLogSource : public LogSource
{
    Q_OBJECT

public:
    ServiceLogSource(
        JobService* service, JobType type, const QString& name, const QString& runId, QObject* parent = nullptr);

    QString fileName() const override;
    QUrl url() const override;
    QFuture<ServiceReply> saveCopy(const QString& destination) override;

private:
    QPointer<JobService> m_service;
    JobType m_type;
    QString m_name;
    QString m_runId;
};

} // namespace WebJobs
