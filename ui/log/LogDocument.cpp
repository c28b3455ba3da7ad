#include "ui/log/LogDocument.h"

#include "ui/FutureCallback.h"
#include "ui/log/LogThreads.h"

#include <QPointer>
#include <QThreadPool>

#include <algorithm>
#include <chrono>

namespace WebJobs {

namespace {

// How often a running pass tells the view about its progress.
constexpr auto ProgressInterval = std::chrono::milliseconds(40);

} // namespace

LogDocument::LogDocument(LogSource* source, QObject* parent)
    : QObject(parent)
    , m_source(source)
    , m_relay(LogThreads::relay())
    , m_index(std::make_shared<LogIndex>())
{
    qRegisterMetaType<WebJobs::LogBytes>();
    qRegisterMetaType<WebJobs::LogStat>();
    m_source->setParent(this);
    connect(m_source, &LogSource::reset, this, &LogDocument::startOver);
    connect(m_source, &LogSource::grew, this, &LogDocument::grow);
    connect(m_source, &LogSource::failed, this, [this](const QString& message) {
        m_error = message;
        Q_EMIT failed(message);
    });
}

LogDocument::~LogDocument()
{
    if (m_control)
        m_control->stop.store(true);
}

void LogDocument::open()
{
    m_open = true;
    m_source->refresh();
}

void LogDocument::setWatching(bool watching)
{
    m_source->setWatching(watching);
}

bool LogDocument::isWatching() const
{
    return m_source->isWatching();
}

void LogDocument::startOver(qint64 size)
{
    ++m_generation;
    if (m_control)
        m_control->stop.store(true);
    m_control.reset();
    m_indexing = false;
    // A pass of the old log may still append to the old index: the new log gets its own.
    m_index = std::make_shared<LogIndex>();
    m_snapshot = m_index->snapshot();
    m_size = size;
    m_error.clear();
    m_firstScreen = false;
    m_cache.clear();
    m_pending.clear();
    m_previewActive = false;
    m_extending = false;
    m_preview.clear();
    m_previewRows.clear();
    m_previewFirst = 0;
    Q_EMIT reset();
    readTail();
    startIndexing();
}

void LogDocument::grow(qint64 size)
{
    m_size = size;
    startIndexing();
    if (m_previewActive)
        extendPreview();
}

void LogDocument::readTail()
{
    const int generation = m_generation;
    const qint64 from = std::max<qint64>(0, m_size - TailBytes);
    whenFinished(this, m_source->read(from, m_size - from), [this, generation, from](const LogBytes& bytes) {
        if (generation != m_generation)
            return;
        if (!bytes.ok()) {
            m_error = bytes.error;
            Q_EMIT failed(m_error);
            return;
        }
        QByteArray data = bytes.data;
        qint64 start = from;
        if (from > 0) {
            // Start at a line: after the first newline, unless the whole tail is one line.
            const qsizetype newline = data.indexOf('\n');
            if (newline >= 0 && newline + 1 < data.size()) {
                start = from + newline + 1;
                data.remove(0, newline + 1);
            }
        }
        if (m_indexing && m_snapshot.scanned < start + data.size()) {
            setPreview(start, data);
            updateSnapshot();
            Q_EMIT rowsChanged();
            extendPreview();
        }
        markFirstScreen();
    });
}

void LogDocument::setPreview(qint64 start, const QByteArray& data)
{
    m_previewActive = true;
    m_previewStart = start;
    m_preview = data;
    m_previewRows.clear();
    const qint64 size = data.size();
    qint64 position = 0;
    while (position < size) {
        const qsizetype newline = data.indexOf('\n', position);
        const qint64 lineEnd = newline < 0 ? size : newline + 1;
        qint64 content = lineEnd - position;
        if (newline >= 0) {
            --content;
            if (content > 0 && data.at(newline - 1) == '\r')
                --content;
        }
        const qint64 segments = LogIndex::segmentsFor(content);
        for (qint64 segment = 0; segment < segments; ++segment) {
            Row row;
            row.kind = RowKind::Preview;
            row.segment = segment;
            row.segments = segments;
            row.start = start + position + segment * LogIndex::SegmentBytes;
            row.end = segment + 1 == segments ? start + lineEnd : row.start + LogIndex::SegmentBytes;
            row.lineEnd = start + lineEnd;
            m_previewRows.push_back(row);
        }
        position = lineEnd;
    }
    m_previewFirst = 0;
}

void LogDocument::extendPreview()
{
    if (!m_previewActive || m_extending)
        return;
    const qint64 end = m_previewStart + m_preview.size();
    const qint64 room = PreviewLimit - m_preview.size();
    if (end >= m_size || room <= 0)
        return;
    m_extending = true;
    const int generation = m_generation;
    whenFinished(
        this, m_source->read(end, std::min(room, m_size - end)), [this, generation, end](const LogBytes& bytes) {
            if (generation != m_generation)
                return;
            m_extending = false;
            if (!m_previewActive || !bytes.ok() || bytes.data.isEmpty() || end != m_previewStart + m_preview.size())
                return;
            setPreview(m_previewStart, m_preview + bytes.data);
            updateSnapshot();
            const auto first = std::lower_bound(m_previewRows.begin(), m_previewRows.end(), m_snapshot.scanned,
                [](const Row& row, qint64 offset) { return row.start < offset; });
            m_previewFirst = size_t(first - m_previewRows.begin());
            Q_EMIT rowsChanged();
            extendPreview();
        });
}

void LogDocument::dropPreview()
{
    m_previewActive = false;
    m_preview.clear();
    m_previewRows.clear();
    m_previewFirst = 0;
}

void LogDocument::markFirstScreen()
{
    if (m_firstScreen)
        return;
    m_firstScreen = true;
    Q_EMIT firstScreenReady();
}

void LogDocument::startIndexing()
{
    if (m_size < 0)
        return;
    if (m_indexing) {
        m_control->target.store(m_size);
        return;
    }
    // Nothing new since the last pass (an empty log still gets one, which marks the first screen).
    if (m_size > 0 && m_index->snapshot().scanned >= m_size)
        return;
    m_indexing = true;
    auto control = std::make_shared<LogIndexer::Control>();
    control->target.store(m_size);
    m_control = control;
    const int generation = m_generation;
    QPointer<LogDocument> self(this);
    LogThreads::work()->start(
        [reader = m_source->reader(), index = m_index, control, relay = m_relay, self, generation] {
            auto last = std::chrono::steady_clock::now();
            const LogIndexer::Result result = LogIndexer::run(*reader, *index, *control, [&](qint64) {
                const auto now = std::chrono::steady_clock::now();
                if (now - last < ProgressInterval)
                    return;
                last = now;
                QMetaObject::invokeMethod(
                    relay.get(),
                    [self, generation] {
                        if (self)
                            self->indexProgressed(generation);
                    },
                    Qt::QueuedConnection);
            });
            QMetaObject::invokeMethod(
                relay.get(),
                [self, generation, result] {
                    if (self)
                        self->indexFinished(generation, result);
                },
                Qt::QueuedConnection);
        });
}

void LogDocument::indexProgressed(int generation)
{
    if (generation != m_generation)
        return;
    updateSnapshot();
    Q_EMIT indexingProgress(m_snapshot.scanned, m_size);
}

void LogDocument::indexFinished(int generation, const LogIndexer::Result& result)
{
    if (generation != m_generation)
        return;
    m_indexing = false;
    switch (result.outcome) {
    case LogIndexer::Outcome::Done:
        if (m_size > result.scanned) {
            updateSnapshot();
            startIndexing();
            return;
        }
        if (m_previewActive) {
            dropPreview();
            m_snapshot = {};
        }
        updateSnapshot();
        // The blocks read for the pass go back to the system.
        LogThreads::releaseFreeMemory();
        Q_EMIT indexingProgress(m_snapshot.scanned, m_size);
        Q_EMIT indexingFinished();
        markFirstScreen();
        return;
    case LogIndexer::Outcome::Failed:
        updateSnapshot();
        m_error = result.error;
        Q_EMIT failed(m_error);
        return;
    case LogIndexer::Outcome::Shrunk:
        // Shorter than it was: the source sees it and starts over.
        m_source->refresh();
        return;
    case LogIndexer::Outcome::Stopped:
        return;
    }
}

void LogDocument::updateSnapshot()
{
    const LogIndex::Snapshot snapshot = m_index->snapshot();
    if (snapshot == m_snapshot)
        return;
    m_snapshot = snapshot;
    if (m_previewActive) {
        const auto first = std::lower_bound(m_previewRows.begin(), m_previewRows.end(), m_snapshot.scanned,
            [](const Row& row, qint64 offset) { return row.start < offset; });
        m_previewFirst = size_t(first - m_previewRows.begin());
    }
    Q_EMIT indexChanged();
    Q_EMIT rowsChanged();
}

bool LogDocument::hasGapRow() const
{
    return m_previewActive && m_previewFirst < m_previewRows.size()
        && m_snapshot.scanned < m_previewRows[m_previewFirst].start;
}

qint64 LogDocument::rowCount() const
{
    qint64 rows = m_snapshot.rowCount();
    if (m_previewActive)
        rows += (hasGapRow() ? 1 : 0) + qint64(m_previewRows.size() - m_previewFirst);
    return rows;
}

qint64 LogDocument::lineStart(qint64 line) const
{
    if (line <= 0)
        return 0;
    if (line >= m_snapshot.completeLines)
        return m_snapshot.lastEnd;
    return m_index->lineStart(line);
}

qint64 LogDocument::lineEnd(qint64 line) const
{
    if (line >= m_snapshot.completeLines)
        return m_snapshot.scanned;
    return m_index->lineEnd(line);
}

qint64 LogDocument::lineAt(qint64 offset) const
{
    return m_index->lineAt(offset, m_snapshot);
}

LogDocument::Row LogDocument::indexedRow(qint64 row) const
{
    const LogIndex::RowPosition position = m_index->rowToLine(row, m_snapshot);
    Row result;
    result.kind = RowKind::Line;
    result.line = position.line;
    result.segment = position.segment;
    result.segments = m_index->segmentsOf(position.line, m_snapshot);
    const qint64 start = lineStart(position.line);
    result.lineEnd = lineEnd(position.line);
    result.start = start + position.segment * LogIndex::SegmentBytes;
    result.end = position.segment + 1 >= result.segments ? result.lineEnd : result.start + LogIndex::SegmentBytes;
    return result;
}

LogDocument::Row LogDocument::row(qint64 row) const
{
    const qint64 indexed = m_snapshot.rowCount();
    if (row < indexed || !m_previewActive || m_previewRows.empty())
        return indexedRow(std::clamp<qint64>(row, 0, std::max<qint64>(0, indexed - 1)));
    qint64 index = row - indexed;
    if (hasGapRow()) {
        if (index == 0) {
            Row gap;
            gap.kind = RowKind::Gap;
            gap.start = m_snapshot.scanned;
            gap.end = gap.lineEnd = m_previewRows[m_previewFirst].start;
            return gap;
        }
        --index;
    }
    const size_t at = std::min(m_previewFirst + size_t(index), m_previewRows.size() - 1);
    return m_previewRows[at];
}

LogDocument::Row LogDocument::lineRow(qint64 line) const
{
    Row result;
    result.line = line;
    result.start = lineStart(line);
    result.lineEnd = lineEnd(line);
    result.segments = 1;
    result.end = std::min(result.lineEnd, result.start + LogIndex::SegmentBytes);
    return result;
}

qint64 LogDocument::rowOfLine(qint64 line) const
{
    return m_index->lineToRow(std::clamp<qint64>(line, 0, std::max<qint64>(0, lineCount() - 1)), m_snapshot);
}

qint64 LogDocument::rowOfOffset(qint64 offset) const
{
    const qint64 indexed = m_snapshot.rowCount();
    if (m_previewActive && offset >= m_snapshot.scanned) {
        const auto begin = m_previewRows.begin() + qint64(m_previewFirst);
        const auto after = std::upper_bound(
            begin, m_previewRows.end(), offset, [](qint64 value, const Row& row) { return value < row.start; });
        const qint64 gap = hasGapRow() ? 1 : 0;
        if (after == begin)
            return indexed; // in the gap (or its first row)
        return indexed + gap + qint64(after - begin) - 1;
    }
    if (lineCount() == 0)
        return 0;
    const qint64 line = m_index->lineAt(offset, m_snapshot);
    const qint64 segments = m_index->segmentsOf(line, m_snapshot);
    const qint64 segment = std::clamp<qint64>((offset - lineStart(line)) / LogIndex::SegmentBytes, 0, segments - 1);
    return m_index->lineToRow(line, m_snapshot) + segment;
}

std::optional<QByteArray> LogDocument::bytes(qint64 start, qint64 end)
{
    if (end <= start)
        return QByteArray();
    if (m_previewActive && start >= m_previewStart && end <= m_previewStart + m_preview.size())
        return m_preview.mid(start - m_previewStart, end - start);
    QByteArray result;
    result.reserve(end - start);
    bool missing = false;
    for (qint64 block = start / CacheBlockBytes; block <= (end - 1) / CacheBlockBytes; ++block) {
        const qint64 blockStart = block * CacheBlockBytes;
        const qint64 from = std::max(start, blockStart) - blockStart;
        const qint64 to = std::min(end, blockStart + CacheBlockBytes) - blockStart;
        const auto it = m_cache.find(block);
        if (it == m_cache.end() || it->second.data.size() < to) {
            // A short block is read again only when the log has grown since.
            if (it == m_cache.end() || m_size > it->second.sizeWhenRead)
                requestBlock(block);
            missing = true;
            continue;
        }
        it->second.lastUse = ++m_clock;
        if (!missing)
            result.append(it->second.data.constData() + from, to - from);
    }
    if (missing)
        return std::nullopt;
    return result;
}

void LogDocument::requestBlock(qint64 block)
{
    if (!m_pending.insert(block).second)
        return;
    const int generation = m_generation;
    const qint64 sizeWhenRead = m_size;
    whenFinished(this, m_source->read(block * CacheBlockBytes, CacheBlockBytes),
        [this, generation, block, sizeWhenRead](const LogBytes& bytes) {
            if (generation != m_generation)
                return;
            m_pending.erase(block);
            if (!bytes.ok()) {
                if (m_error != bytes.error) {
                    m_error = bytes.error;
                    Q_EMIT failed(m_error);
                }
                return;
            }
            if (qint64(m_cache.size()) >= CacheBlocks) {
                const auto oldest = std::min_element(m_cache.begin(), m_cache.end(),
                    [](const auto& a, const auto& b) { return a.second.lastUse < b.second.lastUse; });
                m_cache.erase(oldest);
            }
            m_cache[block] = CacheBlock {bytes.data, sizeWhenRead, ++m_clock};
            Q_EMIT bytesArrived();
        });
}

} // namespace WebJobs
