#include "core/service/AddJobOperation.h"

namespace WebJobs {

AddJobOperation::AddJobOperation(QObject* parent)
    : QObject(parent)
{ }

void AddJobOperation::cancel()
{
    if (m_cancelled || m_finished)
        return;
    m_cancelled = true;
    if (m_cancelHandler)
        m_cancelHandler();
}

void AddJobOperation::reportProgress(qint64 done, qint64 total)
{
    if (!m_finished)
        Q_EMIT progress(done, total);
}

void AddJobOperation::reportFinished(const ServiceError& error, const Job& job)
{
    if (m_finished)
        return;
    m_finished = true;
    Q_EMIT finished(error, job);
    deleteLater();
}

} // namespace WebJobs
