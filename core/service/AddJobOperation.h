#pragma once

// A job being added through a JobService: the package is uploaded or copied, checked and
// extracted, then the job is registered with its first settings. progress() while it works,
// then finished() exactly once; the object deletes itself after finished().
//
// Threading: lives in the thread that called JobService::addJob() (the GUI thread) and emits
// there. cancel() may be called at any time: the import stops at its next check and finishes
// with an error; nothing is left half-created (the engine replaces a job only with a good
// package, and a job whose settings could not be written is removed again).

#include "core/model/Job.h"
#include "core/service/ServiceReply.h"

#include <QObject>

#include <functional>

namespace WebJobs {

class AddJobOperation : public QObject
{
    Q_OBJECT

public:
    explicit AddJobOperation(QObject* parent = nullptr);

    // The implementation's hook run by cancel().
    void setCancelHandler(std::function<void()> handler) { m_cancelHandler = std::move(handler); }
    bool isFinished() const { return m_finished; }

public Q_SLOTS:
    void cancel();

    // Called by the implementation.
    void reportProgress(qint64 done, qint64 total);
    void reportFinished(const WebJobs::ServiceError& error, const WebJobs::Job& job);

Q_SIGNALS:
    void progress(qint64 done, qint64 total);
    void finished(const WebJobs::ServiceError& error, const WebJobs::Job& job);

private:
    std::function<void()> m_cancelHandler;
    bool m_cancelled = false;
    bool m_finished = false;
};

} // namespace WebJobs
