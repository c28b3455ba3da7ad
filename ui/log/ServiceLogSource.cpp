#include "ui/log/ServiceLogSource.h"

#include "core/service/JobService.h"

#include <QFutureWatcher>
#include <QPromise>

#include <list>

namespace WebJobs {

namespace {

// How many bytes name a log: enough to hold the first line's time and instance.
constexpr qint64 HeadBytes = 256;

} // namespace

// One call waiting for the service's answer.
struct Request
{
    QPromise<LogBytes> promise;
    qint64 size = -1;
    bool done = false; // under Shared::mutex
};

struct ServiceLogReader::Shared
{
    QObject* relay = nullptr; // lives in the service's thread; deleted with deleteLater
    QPointer<JobService> service; // read in the service's thread only
    JobType type = JobType::Triggered;
    QString name;
    QString runId;
    QMutex mutex;
    bool closed = false;
    std::list<std::shared_ptr<Request>> pending;

    ~Shared() { relay->deleteLater(); }

    static QString closedMessage() { return ServiceLogSource::tr("The log viewer was closed."); }
    static QString noAnswerMessage()
    {
        return ServiceLogSource::tr("The host did not answer. Check the connection, then open the log again.");
    }

    void finish(const std::shared_ptr<Request>& request, LogBytes answer, qint64 size = -1)
    {
        QMutexLocker locker(&mutex);
        if (request->done)
            return;
        request->done = true;
        request->size = size;
        request->promise.addResult(std::move(answer));
        request->promise.finish();
        pending.remove(request);
    }

    // Runs `start` in the service's thread and waits for it to finish the request.
    template <typename Start>
    static LogBytes call(const std::shared_ptr<Shared>& shared, Start start, qint64* size = nullptr)
    {
        auto request = std::make_shared<Request>();
        request->promise.start();
        {
            QMutexLocker locker(&shared->mutex);
            if (shared->closed)
                return {{}, closedMessage()};
            shared->pending.push_back(request);
        }
        // The event holds the state weakly: an event that the application deletes unrun while it
        // quits must not be the last owner, whose destructor would post an event of its own
        // from inside Qt's deletion of the posted events (a deadlock on the event queue's
        // lock). The caller holds the state while it waits.
        QMetaObject::invokeMethod(
            shared->relay,
            [weak = std::weak_ptr<Shared>(shared), request, start = std::move(start)] {
                const std::shared_ptr<Shared> owner = weak.lock();
                if (!owner)
                    return;
                if (!owner->service) {
                    owner->finish(request,
                        {{}, ServiceLogSource::tr("The connection to the host was closed. Open the log again.")});
                    return;
                }
                start(owner, request);
            },
            Qt::QueuedConnection);
        QFuture<LogBytes> future = request->promise.future();
        future.waitForFinished();
        QMutexLocker locker(&shared->mutex);
        if (size)
            *size = request->size;
        return future.resultCount() > 0 ? future.result() : LogBytes {{}, closedMessage()};
    }

    // Finishes `request` with `future`'s answer, in the service's thread.
    template <typename T, typename Answer>
    static void whenDone(const std::shared_ptr<Shared>& shared, const std::shared_ptr<Request>& request,
        const QFuture<T>& future, Answer answer)
    {
        auto* watcher = new QFutureWatcher<T>(shared->relay);
        QObject::connect(watcher, &QFutureWatcherBase::finished, shared->relay, [shared, watcher, request, answer] {
            watcher->deleteLater();
            const QFuture<T> done = watcher->future();
            if (done.isCanceled() || done.resultCount() == 0)
                shared->finish(request, {{}, noAnswerMessage()});
            else
                answer(done.result());
        });
        watcher->setFuture(future);
    }
};

ServiceLogReader::ServiceLogReader(JobService* service, JobType type, const QString& name, const QString& runId)
    : m_shared(std::make_shared<Shared>())
{
    m_shared->relay = new QObject;
    m_shared->service = service;
    m_shared->type = type;
    m_shared->name = name;
    m_shared->runId = runId;
}

ServiceLogReader::~ServiceLogReader()
{
    close();
}

LogBytes ServiceLogReader::read(qint64 offset, qint64 length)
{
    if (length <= 0 || offset < 0)
        return {};
    LogBytes answer = Shared::call(
        m_shared, [offset, length](const std::shared_ptr<Shared>& shared, const std::shared_ptr<Request>& request) {
            Shared::whenDone(shared, request,
                shared->service->readLog(shared->type, shared->name, shared->runId, offset, length),
                [shared, request](const QByteArray& data) {
                    shared->finish(request, {data, {}});
                });
        });
    // The service reads an unreadable log as empty: ask it why (JobService::readLog).
    if (answer.ok() && answer.data.isEmpty()) {
        qint64 size = -1;
        const LogBytes why = Shared::call(
            m_shared,
            [](const std::shared_ptr<Shared>& shared, const std::shared_ptr<Request>& request) {
                Shared::whenDone(shared, request, shared->service->logInfo(shared->type, shared->name, shared->runId),
                    [shared, request](const LogInfo& info) {
                        shared->finish(request, {{}, info.ok() ? QString() : info.error.message}, info.size);
                    });
            },
            &size);
        if (!why.ok())
            return {{}, why.error};
    }
    return answer;
}

LogStat ServiceLogReader::stat()
{
    qint64 size = -1;
    const LogBytes info = Shared::call(
        m_shared,
        [](const std::shared_ptr<Shared>& shared, const std::shared_ptr<Request>& request) {
            Shared::whenDone(shared, request, shared->service->logInfo(shared->type, shared->name, shared->runId),
                [shared, request](const LogInfo& answer) {
                    shared->finish(request, {{}, answer.ok() ? QString() : answer.error.message}, answer.size);
                });
        },
        &size);
    if (!info.ok())
        return {-1, {}, info.error};
    // Read the head again only when the size changed: an unchanged log costs one request.
    QMutexLocker locker(&m_headMutex);
    if (size != m_headSize) {
        const LogBytes head = read(0, std::min(size, HeadBytes));
        if (!head.ok())
            return {-1, {}, head.error};
        m_head = head.data;
        m_headSize = size;
    }
    return {size, m_head, {}};
}

void ServiceLogReader::close()
{
    QMutexLocker locker(&m_shared->mutex);
    m_shared->closed = true;
    for (const std::shared_ptr<Request>& request : m_shared->pending) {
        request->done = true;
        request->promise.addResult(LogBytes {{}, Shared::closedMessage()});
        request->promise.finish();
    }
    m_shared->pending.clear();
}

ServiceLogSource::ServiceLogSource(
    JobService* service, JobType type, const QString& name, const QString& runId, QObject* parent)
    : LogSource(std::make_shared<ServiceLogReader>(service, type, name, runId), parent)
    , m_service(service)
    , m_type(type)
    , m_name(name)
    , m_runId(runId)
{
    setPollInterval(200);
}

QString ServiceLogSource::fileName() const
{
    return m_runId.isEmpty() ? QStringLiteral("job_log.txt") : QStringLiteral("output_log.txt");
}

QUrl ServiceLogSource::url() const
{
    return m_service ? m_service->logUrl(m_type, m_name, m_runId) : QUrl();
}

QFuture<ServiceReply> ServiceLogSource::saveCopy(const QString& destination)
{
    if (!m_service) {
        QPromise<ServiceReply> promise;
        promise.start();
        promise.addResult(ServiceReply::failure(
            ServiceError::Code::Stopped, tr("The connection to the host was closed. Open the log again.")));
        promise.finish();
        return promise.future();
    }
    return m_service->saveLog(m_type, m_name, m_runId, destination);
}

} // namespace WebJobs
