#include "core/service/LocalJobService.h"

#include "core/host/JobPaths.h"
#include "core/schedule/Schedule.h"
#include "core/service/LocalJobWorker.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QPointer>
#include <QPromise>
#include <QSaveFile>
#include <QStandardPaths>
#include <QtConcurrent/QtConcurrentRun>

using namespace Qt::StringLiterals;

namespace WebJobs {

namespace {

const QString ConsoleTrigger = u"External - WebJobs Console"_s;

} // namespace

void LocalJobService::ThreadDeleter::operator()(QThread* thread) const
{
    thread->quit();
    thread->wait();
    delete thread;
}

LocalJobService::LocalJobService(HostOptions options, QObject* parent)
    : JobService(parent)
{
    qRegisterMetaType<WebJobs::JobEntry>();
    qRegisterMetaType<QList<WebJobs::JobEntry>>();
    qRegisterMetaType<WebJobs::JobRun>();
    qRegisterMetaType<WebJobs::JobType>();
    qRegisterMetaType<WebJobs::ServiceError>();
    qRegisterMetaType<WebJobs::Job>();
    qRegisterMetaType<WebJobs::LogInfo>();

    if (options.dataRoot.isEmpty())
        options.dataRoot = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    m_dataRoot = options.dataRoot;

    m_thread.reset(new QThread);
    m_thread->setObjectName(u"WebJobs host"_s);
    m_worker = new LocalJobWorker(std::move(options));
    m_worker->moveToThread(m_thread.get());

    connect(m_worker, &LocalJobWorker::opened, this, [this](bool ok, const QString& error) {
        m_error = error;
        setState(ok ? State::Ready : State::Failed);
    });
    connect(m_worker, &LocalJobWorker::jobAdded, this, &JobService::jobAdded);
    connect(m_worker, &LocalJobWorker::jobRemoved, this, &JobService::jobRemoved);
    connect(m_worker, &LocalJobWorker::jobsChanged, this, &JobService::jobsChanged);
    connect(m_worker, &LocalJobWorker::runStarted, this, &JobService::runStarted);
    connect(m_worker, &LocalJobWorker::runFinished, this, &JobService::runFinished);
    connect(m_worker, &LocalJobWorker::runFailed, this, &JobService::runFailed);
    connect(m_worker, &LocalJobWorker::crashLoopEntered, this, &JobService::crashLoopEntered);
    connect(m_worker, &LocalJobWorker::stopped, this, [this] { setState(State::Stopped); });

    m_thread->start();
    QMetaObject::invokeMethod(m_worker, &LocalJobWorker::open, Qt::QueuedConnection);
}

LocalJobService::~LocalJobService()
{
    // The host kills its processes in its destructor, which must run in the host thread.
    LocalJobWorker* worker = m_worker;
    m_worker = nullptr;
    QMetaObject::invokeMethod(
        worker, [worker] { delete worker; }, Qt::BlockingQueuedConnection);
}

QString LocalJobService::displayName() const
{
    return tr("Local host");
}

void LocalJobService::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

void LocalJobService::shutdown(int graceMs)
{
    if (m_state != State::Ready) {
        setState(State::Stopped);
        return;
    }
    setState(State::Stopping);
    QMetaObject::invokeMethod(m_worker, [worker = m_worker, graceMs] {
        if (JobHost* host = worker->host())
            host->shutdown(std::chrono::milliseconds(graceMs));
        else
            Q_EMIT worker->stopped();
    });
}

template <typename T, typename Function>
QFuture<T> LocalJobService::call(Function function, T unavailable)
{
    auto promise = std::make_shared<QPromise<T>>();
    QFuture<T> future = promise->future();
    promise->start();
    if (!m_worker) {
        promise->addResult(std::move(unavailable));
        promise->finish();
        return future;
    }
    QMetaObject::invokeMethod(
        m_worker,
        [promise, function = std::move(function), unavailable = std::move(unavailable), worker = m_worker]() mutable {
            if (JobHost* host = worker->host())
                promise->addResult(function(host, worker));
            else
                promise->addResult(std::move(unavailable));
            promise->finish();
        },
        Qt::QueuedConnection);
    return future;
}

ServiceReply LocalJobService::unavailableReply() const
{
    return ServiceReply::failure(ServiceError::Code::Stopped,
        tr("The local host is not available: %1 Restart the console, or check that its data folder %2 can be "
           "written.")
            .arg(m_error, QDir::toNativeSeparators(m_dataRoot)));
}

QFuture<QList<JobEntry>> LocalJobService::jobs()
{
    return call<QList<JobEntry>>(
        [](JobHost* host, LocalJobWorker* worker) {
            QList<JobEntry> entries;
            const QList<Job> jobs = host->jobs();
            entries.reserve(jobs.size());
            for (const Job& job : jobs)
                entries.append(worker->entry(job));
            return entries;
        },
        {});
}

QFuture<std::optional<JobEntry>> LocalJobService::job(JobType type, const QString& name)
{
    return call<std::optional<JobEntry>>(
        [type, name](JobHost* host, LocalJobWorker* worker) -> std::optional<JobEntry> {
            if (const std::optional<Job> job = host->job(type, name))
                return worker->entry(*job);
            return std::nullopt;
        },
        std::nullopt);
}

AddJobOperation* LocalJobService::addJob(
    JobType type, const QString& name, const QString& sourcePath, bool isZip, const JobSettings& settings)
{
    auto* operation = new AddJobOperation(this);
    QPointer<AddJobOperation> guard(operation);
    if (!m_worker || m_state != State::Ready) {
        const ServiceReply reply = unavailableReply();
        QMetaObject::invokeMethod(
            operation, [operation, reply] { operation->reportFinished(reply.error, {}); }, Qt::QueuedConnection);
        return operation;
    }
    // The import's own operation lives in the host thread; a shared pointer lets cancel() reach
    // it from here once it exists.
    auto importOperation = std::make_shared<QPointer<ImportOperation>>();
    auto cancelled = std::make_shared<std::atomic<bool>>(false);
    operation->setCancelHandler([worker = m_worker, importOperation, cancelled] {
        cancelled->store(true);
        QMetaObject::invokeMethod(worker, [importOperation] {
            if (ImportOperation* op = importOperation->data())
                op->cancel();
        });
    });
    const QString fileName = QFileInfo(sourcePath).fileName();
    // Answers go through the service object (it outlives the worker); the guard, read only in
    // this thread, drops them when the operation is gone.
    QMetaObject::invokeMethod(m_worker,
        [service = this, worker = m_worker, guard, importOperation, cancelled, type, name, sourcePath, fileName, isZip,
            settings] {
            JobHost* host = worker->host();
            if (!host) {
                const ServiceError error {ServiceError::Code::Stopped, tr("The local host is not available.")};
                QMetaObject::invokeMethod(service, [guard, error] {
                    if (guard)
                        guard->reportFinished(error, {});
                });
                return;
            }
            if (!settings.isEmpty()) {
                // A refused schedule must not cost the user an existing job: check it first.
                const Schedule schedule = Schedule::fromSettings(settings);
                QString problem = schedule.errorString();
                if (problem.isEmpty())
                    problem = schedule.validate(host->context().now().toDateTime());
                if (!problem.isEmpty()) {
                    const ServiceError error {ServiceError::Code::BadRequest, problem};
                    QMetaObject::invokeMethod(service, [guard, error] {
                        if (guard)
                            guard->reportFinished(error, {});
                    });
                    return;
                }
                worker->beginAdd(type, name);
            }
            ImportOperation* op = host->addJob(type, name, sourcePath, fileName, isZip);
            *importOperation = op;
            if (cancelled->load())
                op->cancel();
            connect(op, &ImportOperation::progress, op, [service, guard](qint64 done, qint64 total) {
                QMetaObject::invokeMethod(service, [guard, done, total] {
                    if (guard)
                        guard->reportProgress(done, total);
                });
            });
            connect(op, &ImportOperation::finished, op,
                [service, worker, guard, type, name, settings](const ServiceError& importError, const Job& imported) {
                    ServiceError error = importError;
                    Job job = imported;
                    if (error.ok() && !settings.isEmpty()) {
                        JobHost* h = worker->host();
                        JobSettings merged = h->settings(type, name);
                        // The given schedule replaces the package's, whichever kind each is.
                        if (settings.contains(u"schedule"_s) || settings.contains(u"recurrence"_s)) {
                            merged.remove(u"schedule"_s);
                            merged.remove(u"recurrence"_s);
                        }
                        for (const QString& key : settings.keys())
                            merged.setValue(key, settings.toOrderedJson().value(key));
                        error = h->setSettings(type, name, merged);
                        if (!error.ok())
                            h->deleteJob(type, name); // nothing half-created
                        else if (const std::optional<Job> updated = h->job(type, name))
                            job = *updated;
                    }
                    if (!settings.isEmpty())
                        worker->endAdd(type, name);
                    QMetaObject::invokeMethod(service, [guard, error, job] {
                        if (guard)
                            guard->reportFinished(error, job);
                    });
                });
        });
    return operation;
}

QFuture<ServiceReply> LocalJobService::deleteJob(JobType type, const QString& name)
{
    return call<ServiceReply>(
        [type, name](JobHost* host, LocalJobWorker*) {
            host->deleteJob(type, name);
            return ServiceReply {};
        },
        unavailableReply());
}

QFuture<ServiceReply> LocalJobService::triggerRun(const QString& name, const QString& arguments)
{
    return call<ServiceReply>(
        [name, arguments](JobHost* host, LocalJobWorker*) {
            ServiceReply reply;
            reply.error = host->triggerRun(name, arguments, ConsoleTrigger, &reply.runId);
            return reply;
        },
        unavailableReply());
}

QFuture<ServiceReply> LocalJobService::abortRun(const QString& name, const QString& runId)
{
    return call<ServiceReply>(
        [name, runId](JobHost* host, LocalJobWorker*) {
            // Written into the run's log: in the engine's language (English), whatever the
            // console speaks, so that a log never mixes two languages.
            return ServiceReply {host->abortRun(name, runId, u"WebJobs Console"_s, u"stopped by the user"_s), {}};
        },
        unavailableReply());
}

QFuture<ServiceReply> LocalJobService::startContinuous(const QString& name)
{
    return call<ServiceReply>(
        [name](JobHost* host, LocalJobWorker*) {
            return ServiceReply {host->startContinuous(name), {}};
        },
        unavailableReply());
}

QFuture<ServiceReply> LocalJobService::stopContinuous(const QString& name)
{
    return call<ServiceReply>(
        [name](JobHost* host, LocalJobWorker*) {
            return ServiceReply {host->stopContinuous(name), {}};
        },
        unavailableReply());
}

QFuture<JobSettings> LocalJobService::settings(JobType type, const QString& name)
{
    return call<JobSettings>(
        [type, name](JobHost* host, LocalJobWorker*) { return host->settings(type, name); }, JobSettings());
}

QFuture<ServiceReply> LocalJobService::setSettings(JobType type, const QString& name, const JobSettings& settings)
{
    return call<ServiceReply>(
        [type, name, settings](JobHost* host, LocalJobWorker*) {
            return ServiceReply {host->setSettings(type, name, settings), {}};
        },
        unavailableReply());
}

QFuture<HistoryPage> LocalJobService::history(const QString& name, int offset, int limit)
{
    return call<HistoryPage>(
        [name, offset, limit](JobHost* host, LocalJobWorker*) {
            return HistoryPage {host->history(name, offset, limit), offset, host->runCount(name)};
        },
        HistoryPage {});
}

QFuture<std::optional<JobRun>> LocalJobService::run(const QString& name, const QString& runId)
{
    return call<std::optional<JobRun>>(
        [name, runId](JobHost* host, LocalJobWorker*) { return host->run(name, runId); }, std::nullopt);
}

QString LocalJobService::logPath(JobType type, const QString& name, const QString& runId) const
{
    const JobPaths paths(m_dataRoot);
    if (type == JobType::Continuous || runId.isEmpty())
        return paths.jobLog(name);
    return paths.outputLog(name, runId);
}

QFuture<QByteArray> LocalJobService::readLog(
    JobType type, const QString& name, const QString& runId, qint64 offset, qint64 maxBytes)
{
    const QString path = logPath(type, name, runId);
    return QtConcurrent::run([path, offset, maxBytes] {
        QFile file(path);
        if (offset < 0 || maxBytes <= 0 || !file.open(QIODevice::ReadOnly) || !file.seek(offset))
            return QByteArray();
        return file.read(std::min(maxBytes, std::max<qint64>(0, file.size() - offset)));
    });
}

QFuture<LogInfo> LocalJobService::logInfo(JobType type, const QString& name, const QString& runId)
{
    const QString path = logPath(type, name, runId);
    const bool continuous = type == JobType::Continuous || runId.isEmpty();
    return QtConcurrent::run([path, name, runId, continuous] {
        QFile file(path);
        if (!file.exists()) {
            const QString message = continuous
                ? tr("The continuous job %1 has no log yet: it has not been started, or it has not written "
                     "anything since.")
                      .arg(name)
                : tr("The run %1 of %2 has no log: it has not written anything yet, or it was deleted.")
                      .arg(runId, name);
            return LogInfo {-1, {ServiceError::Code::NotFound, message}};
        }
        if (!file.open(QIODevice::ReadOnly)) {
            return LogInfo {-1,
                {ServiceError::Code::Internal,
                    tr("The log %1 cannot be read: %2. Check that you may read the console's data folder.")
                        .arg(QDir::toNativeSeparators(path), file.errorString())}};
        }
        return LogInfo {file.size(), {}};
    });
}

QFuture<ServiceReply> LocalJobService::saveLog(
    JobType type, const QString& name, const QString& runId, const QString& destination)
{
    const QString path = logPath(type, name, runId);
    return QtConcurrent::run([path, destination](QPromise<ServiceReply>& promise) {
        QFile source(path);
        if (!source.open(QIODevice::ReadOnly)) {
            promise.addResult(ServiceReply::failure(ServiceError::Code::NotFound,
                tr("The log %1 cannot be read: %2.").arg(QDir::toNativeSeparators(path), source.errorString())));
            return;
        }
        QSaveFile target(destination);
        if (!target.open(QIODevice::WriteOnly)) {
            promise.addResult(ServiceReply::failure(ServiceError::Code::Internal,
                tr("Cannot write %1: %2. Choose another folder.")
                    .arg(QDir::toNativeSeparators(destination), target.errorString())));
            return;
        }
        const qint64 total = source.size();
        // Progress in KiB keeps the range within an int for logs of any size.
        promise.setProgressRange(0, int(total / 1024) + 1);
        qint64 done = 0;
        while (!source.atEnd()) {
            if (promise.isCanceled()) {
                target.cancelWriting();
                return;
            }
            const QByteArray chunk = source.read(1 << 20);
            if (chunk.isEmpty() || target.write(chunk) != chunk.size())
                break;
            done += chunk.size();
            promise.setProgressValue(int(done / 1024));
        }
        if (!source.atEnd() || !target.commit()) {
            promise.addResult(ServiceReply::failure(ServiceError::Code::Internal,
                tr("Cannot write %1: %2. Choose another folder.")
                    .arg(QDir::toNativeSeparators(destination), target.errorString())));
            return;
        }
        promise.setProgressValue(int(total / 1024) + 1);
        promise.addResult(ServiceReply {});
    });
}

QUrl LocalJobService::logUrl(JobType type, const QString& name, const QString& runId) const
{
    return QUrl::fromLocalFile(logPath(type, name, runId));
}

} // namespace WebJobs
