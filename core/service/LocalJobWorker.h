#pragma once

// LocalJobService's half that lives in the host thread: it creates and owns the JobHost there,
// turns the host's signals into JobEntry snapshots, and gathers the jobs that changed within
// FlushInterval into one jobsChanged() so that the console updates many rows at once.
//
// Threading: create it in any thread, move it to the host thread, then call open() there
// (queued). Everything else runs in the host thread; the signals reach LocalJobService queued.

#include "core/host/HostOptions.h"
#include "core/host/JobHost.h"
#include "core/service/JobEntry.h"

#include <QList>
#include <QObject>
#include <QSet>

#include <memory>

class QTimer;

namespace WebJobs {

class LocalJobWorker : public QObject
{
    Q_OBJECT

public:
    static constexpr int FlushInterval = 50; // ms

    explicit LocalJobWorker(HostOptions options, QObject* parent = nullptr);
    ~LocalJobWorker() override;

    // Null until open() succeeded.
    JobHost* host() const { return m_host.get(); }
    JobEntry entry(const Job& job) const;

    // A job being added with first settings is announced only once they are applied:
    // beginAdd() holds back the host's signals about it, endAdd() sends jobAdded() (or
    // jobRemoved() when it is gone) with its final state.
    void beginAdd(JobType type, const QString& name);
    void endAdd(JobType type, const QString& name);

public Q_SLOTS:
    void open();

Q_SIGNALS:
    void opened(bool ok, const QString& error);
    void jobAdded(const WebJobs::JobEntry& entry);
    void jobRemoved(WebJobs::JobType type, const QString& name);
    void jobsChanged(const QList<WebJobs::JobEntry>& entries);
    void runStarted(const WebJobs::JobRun& run);
    void runFinished(const WebJobs::JobRun& run);
    void runFailed(const WebJobs::JobRun& run);
    void crashLoopEntered(const QString& name);
    void stopped();

private:
    void queueChange(JobType type, const QString& name);
    void flushChanges();

    HostOptions m_options;
    std::unique_ptr<JobHost> m_host;
    QTimer* m_flushTimer = nullptr;
    QList<std::pair<JobType, QString>> m_pending;
    QSet<QString> m_pendingKeys;
    QSet<QString> m_adding;
};

} // namespace WebJobs
