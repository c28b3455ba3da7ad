#include "core/api/server/ChangeFeed.h"

#include "core/api/server/HttpReply.h"
#include "core/api/server/RequestGate.h"
#include "core/host/JobHost.h"

#include <QDateTime>
#include <QFileInfo>
#include <QHttpServerResponder>
#include <QTcpSocket>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace WebJobs {

ChangeFeed::ChangeFeed(JobHost* host, int capacity, std::chrono::milliseconds heartbeat, QObject* parent)
    : QObject(parent)
    , m_host(host)
    , m_capacity(std::max(capacity, 1))
    , m_epoch(QString::number(QDateTime::currentMSecsSinceEpoch(), 36))
    , m_heartbeat(new QTimer(this))
{
    connect(
        host, &JobHost::jobAdded, this, [this](JobType type, const QString& name) { add(u"jobAdded"_s, type, name); });
    connect(host, &JobHost::jobRemoved, this,
        [this](JobType type, const QString& name) { add(u"jobRemoved"_s, type, name); });
    connect(host, &JobHost::jobChanged, this,
        [this](JobType type, const QString& name) { add(u"jobChanged"_s, type, name); });
    connect(host, &JobHost::runStarted, this,
        [this](const JobRun& run) { add(u"runStarted"_s, JobType::Triggered, run.jobName(), run); });
    connect(host, &JobHost::runFinished, this,
        [this](const JobRun& run) { add(u"runFinished"_s, JobType::Triggered, run.jobName(), run); });
    m_heartbeat->setInterval(heartbeat);
    connect(m_heartbeat, &QTimer::timeout, this, &ChangeFeed::heartbeat);
}

ChangeFeed::~ChangeFeed()
{
    close();
}

QString ChangeFeed::cursorOf(qint64 sequence) const
{
    return m_epoch + u'-' + QString::number(sequence);
}

QString ChangeFeed::cursor() const
{
    return cursorOf(m_next - 1);
}

std::optional<qint64> ChangeFeed::sequenceOf(const QString& cursor) const
{
    const qsizetype dash = cursor.lastIndexOf(u'-');
    if (dash < 0 || cursor.left(dash) != m_epoch)
        return std::nullopt;
    bool ok = false;
    const qint64 sequence = cursor.mid(dash + 1).toLongLong(&ok);
    if (!ok || sequence < 0 || sequence >= m_next)
        return std::nullopt;
    const qint64 oldest = m_events.empty() ? m_next : m_events.front().sequence;
    if (sequence < oldest - 1)
        return std::nullopt; // events after it were dropped from the ring
    return sequence;
}

OrderedJson ChangeFeed::eventJson(const Event& event, const JobUrls& urls) const
{
    OrderedJson json = OrderedJson::object();
    json.insert(u"event"_s, event.kind);
    json.insert(u"type"_s, jobTypeName(event.type));
    json.insert(u"name"_s, event.name);
    if (event.run) {
        JobRun run = *event.run;
        if (!urls.isNull())
            urls.fill(run, event.name, m_host->hasRunLog(run));
        json.insert(u"run"_s, run.toOrderedJson());
    }
    return json;
}

QByteArray ChangeFeed::streamText(const Event& event, const JobUrls& urls) const
{
    OrderedJson json = eventJson(event, urls);
    json.insert(u"id"_s, cursorOf(event.sequence));
    return "id: " + cursorOf(event.sequence).toUtf8() + "\nevent: " + event.kind.toUtf8() + "\ndata: " + json.toJson()
        + "\n\n";
}

void ChangeFeed::add(const QString& kind, JobType type, const QString& name, const std::optional<JobRun>& run)
{
    Event event {m_next++, kind, type, name, run};
    m_events.push_back(event);
    while (static_cast<int>(m_events.size()) > m_capacity)
        m_events.pop_front();

    writeToStreams([&](const Stream& stream) { return streamText(event, stream.urls); });
    const auto waiters = m_waiters;
    for (const auto& waiter : waiters)
        answerWaiter(waiter, false);
    if (m_streams.empty())
        m_heartbeat->stop();
    Q_EMIT eventAdded(event.sequence);
}

void ChangeFeed::setLimits(int maxStreamsPerClient, qint64 bufferBytes)
{
    m_maxStreamsPerClient = std::max(maxStreamsPerClient, 1);
    m_bufferBytes = std::max<qint64>(bufferBytes, 4096);
}

void ChangeFeed::writeToStreams(const std::function<QByteArray(const Stream&)>& text)
{
    for (auto it = m_streams.begin(); it != m_streams.end();) {
        if (!it->socket || it->socket->state() != QAbstractSocket::ConnectedState) {
            it = m_streams.erase(it);
            continue;
        }
        // A burst of events waits for the event loop to reach the socket: hand it to the
        // system first, so that only a client that does not read is over the bound.
        if (it->socket->bytesToWrite() > m_bufferBytes)
            it->socket->flush();
        if (it->socket->bytesToWrite() > m_bufferBytes) {
            // The client does not read: drop it rather than hold its events in memory.
            it->socket->abort();
            it = m_streams.erase(it);
            continue;
        }
        it->socket->write(text(*it));
        ++it;
    }
}

void ChangeFeed::openStream(
    QHttpServerResponder&& responder, const JobUrls& urls, const QString& since, const QString& client)
{
    QTcpSocket* socket = responder.socket();
    if (!client.isEmpty()) {
        const auto held = std::count_if(m_streams.begin(), m_streams.end(), [&](const Stream& stream) {
            return stream.client == client && stream.socket
                && stream.socket->state() == QAbstractSocket::ConnectedState;
        });
        if (held >= m_maxStreamsPerClient) {
            HttpReply::text(429,
                tr("This client already holds %1 event streams, as many as the agent allows: close one, or "
                   "follow changes with /api/webjobs/changes.")
                    .arg(held))
                .setHeader("Retry-After", "10")
                .send(responder);
            return;
        }
    }
    RequestGate::streaming(socket);
    responder.writeStatusLine(QHttpServerResponder::StatusCode::Ok);
    responder.writeHeader("Content-Type", "text/event-stream; charset=utf-8");
    responder.writeHeader("Cache-Control", "no-cache");
    responder.writeHeader("X-Accel-Buffering", "no");
    responder.writeHeader("Connection", "close");
    QByteArray text = "retry: 3000\n: connected " + cursor().toUtf8() + "\n\n";
    if (!since.isEmpty()) {
        if (const std::optional<qint64> sequence = sequenceOf(since)) {
            for (const Event& event : m_events) {
                if (event.sequence > *sequence)
                    text += streamText(event, urls);
            }
        } else {
            OrderedJson reset = OrderedJson::object();
            reset.insert(u"event"_s, u"reset"_s);
            reset.insert(u"id"_s, cursor());
            text += "id: " + cursor().toUtf8() + "\nevent: reset\ndata: " + reset.toJson() + "\n\n";
        }
    }
    responder.writeBody(text);
    m_streams.push_back({socket, urls, client});
    if (!m_heartbeat->isActive())
        m_heartbeat->start();
}

void ChangeFeed::waitForChanges(
    QHttpServerResponder&& responder, const JobUrls& urls, const QString& since, std::chrono::milliseconds timeout)
{
    auto waiter = std::make_shared<Waiter>();
    waiter->socket = responder.socket();
    waiter->responder = std::make_shared<QHttpServerResponder>(std::move(responder));
    waiter->urls = urls;
    if (since.isEmpty()) {
        waiter->since = m_next - 1;
    } else if (const std::optional<qint64> sequence = sequenceOf(since)) {
        waiter->since = *sequence;
    } else {
        answerWaiter(waiter, true);
        return;
    }
    if (waiter->since < m_next - 1) {
        answerWaiter(waiter, false);
        return;
    }
    waiter->timer = new QTimer(this);
    waiter->timer->setSingleShot(true);
    connect(waiter->timer, &QTimer::timeout, this, [this, waiter] { answerWaiter(waiter, false); });
    waiter->timer->start(timeout);
    m_waiters.push_back(waiter);
}

void ChangeFeed::answerWaiter(const std::shared_ptr<Waiter>& waiter, bool reset)
{
    std::erase(m_waiters, waiter);
    if (waiter->timer) {
        waiter->timer->deleteLater();
        waiter->timer = nullptr;
    }
    if (!waiter->socket || waiter->socket->state() != QAbstractSocket::ConnectedState)
        return;
    OrderedJson events = OrderedJson::array();
    if (!reset) {
        for (const Event& event : m_events) {
            if (event.sequence <= waiter->since)
                continue;
            OrderedJson json = eventJson(event, waiter->urls);
            json.insert(u"id"_s, cursorOf(event.sequence));
            events.append(json);
        }
    }
    OrderedJson body = OrderedJson::object();
    body.insert(u"cursor"_s, cursor());
    body.insert(u"reset"_s, reset);
    body.insert(u"events"_s, events);
    HttpReply::json(200, body.toJson()).setHeader("Cache-Control", "no-cache").send(*waiter->responder);
}

void ChangeFeed::heartbeat()
{
    writeToStreams([](const Stream&) { return QByteArrayLiteral(": keep-alive\n\n"); });
    if (m_streams.empty())
        m_heartbeat->stop();
}

void ChangeFeed::close()
{
    for (const Stream& stream : m_streams) {
        if (stream.socket)
            stream.socket->disconnectFromHost();
    }
    m_streams.clear();
    const auto waiters = m_waiters;
    for (const auto& waiter : waiters)
        answerWaiter(waiter, false);
    m_heartbeat->stop();
}

} // namespace WebJobs
