#include "ui/log/LogSearch.h"

#include "ui/log/LineMatcher.h"
#include "ui/log/LogDocument.h"
#include "ui/log/LogThreads.h"

#include <QPointer>
#include <QThreadPool>

#include <algorithm>
#include <atomic>

namespace WebJobs {

struct LogSearch::Job
{
    LogQuery query;
    std::shared_ptr<LogIndex> index;
    std::shared_ptr<LogReader> reader;
    std::atomic<bool> stop {false};
};

LogSearch::LogSearch(LogDocument* document, QObject* parent)
    : QObject(parent)
    , m_document(document)
    , m_relay(LogThreads::relay())
{
    connect(document, &LogDocument::indexChanged, this, &LogSearch::schedule);
    connect(document, &LogDocument::indexingFinished, this, &LogSearch::schedule);
    connect(document, &LogDocument::reset, this, [this] {
        if (!m_query.isEmpty())
            restart();
    });
}

LogSearch::~LogSearch()
{
    if (m_job)
        m_job->stop.store(true);
}

void LogSearch::start(const LogQuery& query)
{
    m_query = query;
    restart();
}

void LogSearch::clear()
{
    m_query = {};
    restart();
}

void LogSearch::restart()
{
    if (m_job)
        m_job->stop.store(true);
    m_job.reset();
    m_hits.clear();
    m_ready.clear();
    m_nextLine = 0;
    m_doneLine = 0;
    m_inFlight = 0;
    m_partialInFlight = false;
    m_partialLine = -1;
    m_partialScanned = -1;
    m_running = false;
    m_cancelled = false;
    m_error.clear();
    Q_EMIT hitsChanged();
    if (m_query.isEmpty()) {
        Q_EMIT progressChanged(0, 0);
        return;
    }
    const LineMatcher probe(m_query);
    if (!probe.isValid()) {
        m_error = probe.errorString();
        Q_EMIT failed(m_error);
        return;
    }
    m_job = std::make_shared<Job>();
    m_job->query = m_query;
    m_job->index = m_document->index();
    m_job->reader = m_document->reader();
    m_running = true;
    Q_EMIT started();
    schedule();
}

void LogSearch::cancel()
{
    if (!m_job || !m_running)
        return;
    m_job->stop.store(true);
    m_job.reset();
    m_running = false;
    m_cancelled = true;
    Q_EMIT finished();
}

void LogSearch::dropPartialHit()
{
    if (m_partialLine < 0)
        return;
    if (!m_hits.empty() && m_hits.back() == m_partialLine)
        m_hits.pop_back();
    m_partialLine = -1;
    Q_EMIT hitsChanged();
}

void LogSearch::schedule()
{
    if (!m_job || m_document->index() != m_job->index)
        return;
    const LogIndex::Snapshot snapshot = m_document->snapshot();
    // The partial line grew, or ended: its hit is searched again.
    if (m_partialScanned >= 0 && (snapshot.completeLines > m_doneLine || snapshot.scanned != m_partialScanned)) {
        dropPartialHit();
        m_partialScanned = -1;
    }
    const int threads = LogThreads::work()->maxThreadCount();
    const QPointer<LogSearch> self(this);
    while (m_inFlight < threads + 1 && m_nextLine < snapshot.completeLines) {
        const qint64 first = m_nextLine;
        const qint64 startOffset = m_document->lineStart(first);
        // About ChunkBytes of whole lines, at least one.
        qint64 last = m_job->index->lineAt(startOffset + ChunkBytes, snapshot);
        last = std::clamp<qint64>(last, first + 1, snapshot.completeLines);
        m_nextLine = last;
        ++m_inFlight;
        m_running = true;
        LogThreads::work()->start([job = m_job, relay = m_relay, self, first, last] {
            ChunkResult result;
            result.endLine = last;
            QString error;
            const qint64 count = last - first;
            std::vector<qint64> ends(static_cast<size_t>(count));
            qint64 start = 0;
            if (!job->stop.load() && job->index->lineRange(first, count, &start, ends.data())) {
                const LogBytes bytes = job->reader->read(start, ends.back() - start);
                if (!bytes.ok())
                    error = bytes.error;
                else if (bytes.data.size() == ends.back() - start)
                    LineMatcher(job->query).scan(bytes.data, start, ends.data(), count, first, result.hits, &job->stop);
                else
                    error = LogSearch::tr("The log changed while it was searched. Search again.");
            }
            QMetaObject::invokeMethod(
                relay.get(),
                [self, job, first, result = std::move(result), error]() mutable {
                    if (self)
                        self->chunkDone(job, first, std::move(result), error);
                },
                Qt::QueuedConnection);
        });
    }
    // The partial line, once every complete line before it is done.
    if (snapshot.hasPartialLine() && m_doneLine == snapshot.completeLines && m_inFlight == 0 && !m_partialInFlight
        && m_partialScanned != snapshot.scanned) {
        const qint64 line = snapshot.completeLines;
        const qint64 start = snapshot.lastEnd;
        const qint64 scanned = snapshot.scanned;
        m_partialInFlight = true;
        m_running = true;
        LogThreads::work()->start([job = m_job, relay = m_relay, self, line, start, scanned] {
            const LogBytes bytes = job->reader->read(start, std::min<qint64>(scanned - start, ChunkBytes));
            const bool hit = bytes.ok() && LineMatcher(job->query).matches(bytes.data);
            QMetaObject::invokeMethod(
                relay.get(),
                [self, job, line, scanned, hit, error = bytes.error] {
                    if (self)
                        self->partialDone(job, line, scanned, hit, error);
                },
                Qt::QueuedConnection);
        });
    }
    checkFinished();
}

void LogSearch::chunkDone(const std::shared_ptr<Job>& job, qint64 firstLine, ChunkResult result, const QString& error)
{
    if (job != m_job)
        return;
    --m_inFlight;
    if (!error.isEmpty()) {
        m_error = error;
        m_job->stop.store(true);
        m_job.reset();
        m_running = false;
        Q_EMIT failed(error);
        Q_EMIT finished();
        return;
    }
    m_ready.emplace(firstLine, std::move(result));
    const size_t before = m_hits.size();
    // Hits go out in line order: take the chunks that continue what is done.
    for (auto it = m_ready.find(m_doneLine); it != m_ready.end(); it = m_ready.find(m_doneLine)) {
        m_hits.insert(m_hits.end(), it->second.hits.begin(), it->second.hits.end());
        m_doneLine = it->second.endLine;
        m_ready.erase(it);
    }
    if (m_hits.size() != before)
        Q_EMIT hitsChanged();
    Q_EMIT progressChanged(searchedBytes(), totalBytes());
    schedule();
}

void LogSearch::partialDone(
    const std::shared_ptr<Job>& job, qint64 line, qint64 scanned, bool hit, const QString& error)
{
    if (job != m_job)
        return;
    m_partialInFlight = false;
    const LogIndex::Snapshot snapshot = m_document->snapshot();
    if (error.isEmpty() && snapshot.completeLines == line && snapshot.scanned == scanned) {
        m_partialScanned = scanned;
        if (hit) {
            m_hits.push_back(line);
            m_partialLine = line;
            Q_EMIT hitsChanged();
        }
        Q_EMIT progressChanged(searchedBytes(), totalBytes());
    }
    schedule();
}

void LogSearch::checkFinished()
{
    if (!m_running || m_inFlight > 0 || m_partialInFlight)
        return;
    const LogIndex::Snapshot snapshot = m_document->snapshot();
    if (m_doneLine < snapshot.completeLines)
        return;
    if (snapshot.hasPartialLine() && m_partialScanned != snapshot.scanned)
        return;
    // While the first pass goes on, more lines come: the search waits for them.
    if (m_document->isIndexing() && snapshot.scanned < m_document->size())
        return;
    m_running = false;
    // Every chunk is in: the blocks they were read into go back to the system.
    LogThreads::releaseFreeMemory();
    Q_EMIT progressChanged(searchedBytes(), totalBytes());
    Q_EMIT finished();
}

qint64 LogSearch::hitIndexAtOrAfter(qint64 line) const
{
    return qint64(std::lower_bound(m_hits.begin(), m_hits.end(), line) - m_hits.begin());
}

bool LogSearch::isHit(qint64 line) const
{
    return std::binary_search(m_hits.begin(), m_hits.end(), line);
}

qint64 LogSearch::searchedBytes() const
{
    const LogIndex::Snapshot& snapshot = m_document->snapshot();
    if (m_doneLine >= snapshot.completeLines)
        return m_partialScanned >= 0 ? snapshot.scanned : snapshot.lastEnd;
    return m_document->lineStart(m_doneLine);
}

qint64 LogSearch::totalBytes() const
{
    return std::max<qint64>(m_document->size(), m_document->snapshot().scanned);
}

} // namespace WebJobs
