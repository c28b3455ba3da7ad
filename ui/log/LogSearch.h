#pragma once

// Finds the lines of a LogDocument that match a LogQuery, in chunks of about ChunkBytes run on
// LogThreads::work(), several at once. Hits stream in, in line order (a chunk that finishes
// early waits for the ones before it), with their count and the share of the log searched.
// The search follows the index: lines indexed later (the first pass goes on, or the log grows)
// are searched as they come. A partial last line counts as a hit until it grows, and is then
// searched again as a complete line.
//
// start() cancels the search before it; cancel() stops it and keeps the hits found so far.
// A search of a log that was replaced starts over on the new log. Lives in the GUI thread;
// the tasks hold what they read by shared_ptr and stop within one chunk.

#include "ui/log/LogQuery.h"

#include <QObject>

#include <map>
#include <memory>
#include <vector>

namespace WebJobs {

class LogDocument;

class LogSearch : public QObject
{
    Q_OBJECT

public:
    static constexpr qint64 ChunkBytes = 2 * 1024 * 1024;

    explicit LogSearch(LogDocument* document, QObject* parent = nullptr);
    ~LogSearch() override;

    void start(const LogQuery& query);
    void cancel();
    // Forgets the query and its hits.
    void clear();

    const LogQuery& query() const { return m_query; }
    bool isActive() const { return !m_query.isEmpty() && m_error.isEmpty(); }
    // Chunks are being searched (false once caught up with the index, or cancelled).
    bool isRunning() const { return m_running; }
    bool isCancelled() const { return m_cancelled; }
    QString errorString() const { return m_error; }

    qint64 hitCount() const { return qint64(m_hits.size()); }
    qint64 hitAt(qint64 index) const { return m_hits[size_t(index)]; }
    const std::vector<qint64>& hits() const { return m_hits; }
    // The index of the first hit at or after `line`; hitCount() when there is none.
    qint64 hitIndexAtOrAfter(qint64 line) const;
    bool isHit(qint64 line) const;

    qint64 searchedBytes() const;
    qint64 totalBytes() const;

Q_SIGNALS:
    void started();
    // Hits were added (or the partial line's provisional hit went away).
    void hitsChanged();
    void progressChanged(qint64 searched, qint64 total);
    // Caught up with the index, or cancelled.
    void finished();
    void failed(const QString& message);

private:
    struct Job;
    struct ChunkResult
    {
        qint64 endLine = 0;
        std::vector<qint64> hits;
    };

    void restart();
    void schedule();
    void chunkDone(const std::shared_ptr<Job>& job, qint64 firstLine, ChunkResult result, const QString& error);
    void partialDone(const std::shared_ptr<Job>& job, qint64 line, qint64 scanned, bool hit, const QString& error);
    void checkFinished();
    void dropPartialHit();

    LogDocument* m_document;
    std::shared_ptr<QObject> m_relay;
    LogQuery m_query;
    std::shared_ptr<Job> m_job;
    std::vector<qint64> m_hits;
    std::map<qint64, ChunkResult> m_ready;
    qint64 m_nextLine = 0;
    qint64 m_doneLine = 0;
    int m_inFlight = 0;
    bool m_partialInFlight = false;
    qint64 m_partialLine = -1; // the partial line whose hit is the last of m_hits
    qint64 m_partialScanned = -1; // the partial line's extent last searched
    bool m_running = false;
    bool m_cancelled = false;
    QString m_error;
};

} // namespace WebJobs
