#pragma once

// The JobService of the console's own machine: the engine's JobHost in process, on a named
// thread of its own ("WebJobs host"), with its data in the platform's app-data folder
// (QStandardPaths::AppDataLocation) unless HostOptions::dataRoot says otherwise. The console
// starts on it with no setup.
//
//     GUI thread                           "WebJobs host" thread
//     LocalJobService ── invokeMethod ──▶  LocalJobWorker ── JobHost
//           ▲                                   │
//           └──────── queued signals ───────────┘
//
// Calls post a function to the worker and return a future that the worker fulfils; log reads
// and log copies run on the thread pool. The GUI thread waits only once, in the destructor,
// for the host to kill its processes and the thread to end (call shutdown() first and wait
// for State::Stopped for a graceful stop).

#include "core/host/HostOptions.h"
#include "core/service/JobService.h"

#include <QThread>

#include <memory>

namespace WebJobs {

class LocalJobWorker;

class LocalJobService : public JobService
{
    Q_OBJECT

public:
    // Opens the host at once, in its thread; state() is Connecting until it answers.
    explicit LocalJobService(HostOptions options = {}, QObject* parent = nullptr);
    ~LocalJobService() override;

    // The data folder: HostOptions::dataRoot, or the platform's app-data folder.
    QString dataRoot() const { return m_dataRoot; }
    // The thread the host lives in.
    QThread* hostThread() const { return m_thread.get(); }

    QString displayName() const override;
    State state() const override { return m_state; }
    QString errorString() const override { return m_error; }

    // Stops every job gracefully within `graceMs`; State::Stopped follows.
    void shutdown(int graceMs = 10000);

    QFuture<QList<JobEntry>> jobs() override;
    QFuture<std::optional<JobEntry>> job(JobType type, const QString& name) override;
    AddJobOperation* addJob(JobType type, const QString& name, const QString& sourcePath, bool isZip,
        const JobSettings& settings = {}) override;
    QFuture<ServiceReply> deleteJob(JobType type, const QString& name) override;
    QFuture<ServiceReply> triggerRun(const QString& name, const QString& arguments = {}) override;
    QFuture<ServiceReply> abortRun(const QString& name, const QString& runId) override;
    QFuture<ServiceReply> startContinuous(const QString& name) override;
    QFuture<ServiceReply> stopContinuous(const QString& name) override;
    QFuture<JobSettings> settings(JobType type, const QString& name) override;
    QFuture<ServiceReply> setSettings(JobType type, const QString& name, const JobSettings& settings) override;
    QFuture<HistoryPage> history(const QString& name, int offset, int limit) override;
    QFuture<std::optional<JobRun>> run(const QString& name, const QString& runId) override;
    QFuture<QByteArray> readLog(
        JobType type, const QString& name, const QString& runId, qint64 offset, qint64 maxBytes) override;
    QFuture<LogInfo> logInfo(JobType type, const QString& name, const QString& runId) override;
    QFuture<ServiceReply> saveLog(
        JobType type, const QString& name, const QString& runId, const QString& destination) override;
    QUrl logUrl(JobType type, const QString& name, const QString& runId) const override;

private:
    struct ThreadDeleter
    {
        void operator()(QThread* thread) const;
    };

    // Runs `function(host)` in the host thread and fulfils the future with its result;
    // `unavailable` answers when the host is not open.
    template <typename T, typename Function>
    QFuture<T> call(Function function, T unavailable);
    ServiceReply unavailableReply() const;
    QString logPath(JobType type, const QString& name, const QString& runId) const;
    void setState(State state);

    QString m_dataRoot;
    State m_state = State::Connecting;
    QString m_error;
    std::unique_ptr<QThread, ThreadDeleter> m_thread;
    LocalJobWorker* m_worker = nullptr;
};

} // namespace WebJobs
