#pragma once

// Change notification for clients that must not poll every job (docs/agent-api.md): the
// host's signals become numbered events, kept in a ring of the latest `capacity`, and served
// two ways:
//   server-sent events  GET /api/webjobs/events (text/event-stream; resumes after the
//                       Last-Event-ID header or ?since=)
//   long-poll           GET /api/webjobs/changes?since=<cursor>&timeout=<seconds>
//
// Events: jobAdded, jobRemoved, jobChanged {"type","name"}; runStarted, runFinished
// {"type":"triggered","name", "run": <TriggeredJobRun>}. Each has a cursor "<epoch>-<n>": the
// epoch names this life of the agent, so a cursor from before a restart, or older than the
// ring, is answered with a `reset` (reload everything, then follow from the cursor given).
//
// Streams send a comment every `heartbeat` so that proxies and clients see the connection
// alive; close() ends every stream and wait. One client (ConnectionTable::clientKey) holds at
// most `maxStreamsPerClient` streams (more: 429), and a client that does not read its stream
// is dropped once `bufferBytes` wait unsent, rather than buffered without end. Lives in the
// server's thread.

#include "core/model/JobRun.h"
#include "core/model/JobType.h"
#include "core/model/JobUrls.h"

#include <QObject>
#include <QPointer>

#include <chrono>
#include <deque>
#include <functional>
#include <memory>
#include <optional>

class QHttpServerResponder;
class QTcpSocket;
class QTimer;

namespace WebJobs {

class JobHost;

class ChangeFeed : public QObject
{
    Q_OBJECT

public:
    struct Event
    {
        qint64 sequence = 0;
        QString kind;
        JobType type = JobType::Triggered;
        QString name;
        std::optional<JobRun> run;
    };

    ChangeFeed(JobHost* host, int capacity, std::chrono::milliseconds heartbeat, QObject* parent = nullptr);
    ~ChangeFeed() override;

    // The cursor after the newest event.
    QString cursor() const;

    void setLimits(int maxStreamsPerClient, qint64 bufferBytes);

    // Answers the request with a stream of events, starting after `since` (empty: from now);
    // 429 when `client` holds as many streams as it may.
    void openStream(
        QHttpServerResponder&& responder, const JobUrls& urls, const QString& since, const QString& client = {});
    // Answers at once with the events after `since` if there are any (or a reset), else when
    // the next event comes, else after `timeout` with none.
    void waitForChanges(
        QHttpServerResponder&& responder, const JobUrls& urls, const QString& since, std::chrono::milliseconds timeout);

    // Ends every stream and answers every waiting long-poll.
    void close();

    int streamCount() const { return static_cast<int>(m_streams.size()); }
    int waiterCount() const { return static_cast<int>(m_waiters.size()); }

    // The JSON of an event (without its id), URLs filled from `urls`.
    OrderedJson eventJson(const Event& event, const JobUrls& urls) const;

Q_SIGNALS:
    void eventAdded(qint64 sequence);

private:
    struct Stream
    {
        QPointer<QTcpSocket> socket;
        JobUrls urls;
        QString client;
    };
    struct Waiter
    {
        std::shared_ptr<QHttpServerResponder> responder;
        QPointer<QTcpSocket> socket;
        JobUrls urls;
        qint64 since = 0;
        QTimer* timer = nullptr;
    };

    void add(const QString& kind, JobType type, const QString& name, const std::optional<JobRun>& run = {});
    // The sequence number a cursor names; std::nullopt when it is not of this epoch or older
    // than the ring (the client must reload).
    std::optional<qint64> sequenceOf(const QString& cursor) const;
    QString cursorOf(qint64 sequence) const;
    QByteArray streamText(const Event& event, const JobUrls& urls) const;
    void answerWaiter(const std::shared_ptr<Waiter>& waiter, bool reset);
    void heartbeat();
    // Writes `text` to every live stream (built per stream), dropping the closed ones and the
    // ones whose client does not read.
    void writeToStreams(const std::function<QByteArray(const Stream&)>& text);

    JobHost* m_host;
    int m_capacity;
    QString m_epoch;
    qint64 m_next = 1;
    std::deque<Event> m_events;
    std::vector<Stream> m_streams;
    int m_maxStreamsPerClient = 8;
    qint64 m_bufferBytes = 1024 * 1024;
    std::vector<std::shared_ptr<Waiter>> m_waiters;
    QTimer* m_heartbeat;
};

} // namespace WebJobs
