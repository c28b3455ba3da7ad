#pragma once

// A package import in progress: progress() while it extracts, then finished() once, in the
// host's thread. cancel() is thread-safe.

#include "core/model/Job.h"
#include "core/model/ServiceError.h"

#include <QObject>

#include <atomic>

namespace WebJobs {

class ImportOperation : public QObject
{
    Q_OBJECT

public:
    explicit ImportOperation(QObject* parent = nullptr)
        : QObject(parent)
    { }
    void cancel() { m_cancel.store(true); }
    const std::atomic<bool>* cancelFlag() const { return &m_cancel; }

Q_SIGNALS:
    void progress(qint64 done, qint64 total);
    // On success `error.ok()`, and `job` is the new job.
    void finished(const WebJobs::ServiceError& error, const WebJobs::Job& job);

private:
    std::atomic<bool> m_cancel {false};
};

} // namespace WebJobs
