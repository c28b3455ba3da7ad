#include "ui/log/LogIndex.h"

#include <algorithm>
#include <mutex>

namespace WebJobs {

qint64 LogIndex::Snapshot::rowCount() const
{
    return completeLines + extraRows + (hasPartialLine() ? segmentsFor(scanned - lastEnd) : 0);
}

void LogIndex::append(const Batch& batch, qint64 scanned)
{
    std::unique_lock lock(m_mutex);
    m_offsets.append(batch.ends.data(), batch.count);
    for (const auto& [line, extra] : batch.longLines) {
        m_long.push_back(LongLine {line, extra, m_extraRows});
        m_extraRows += extra;
    }
    // A partial line stays counted until the pass that reads it again is done.
    m_scanned = std::max({m_scanned, scanned, m_offsets.size() ? m_offsets.end(m_offsets.size() - 1) : 0});
}

void LogIndex::setScanned(qint64 scanned)
{
    std::unique_lock lock(m_mutex);
    m_scanned = scanned;
}

void LogIndex::clear()
{
    std::unique_lock lock(m_mutex);
    m_offsets.clear();
    m_long.clear();
    m_long.shrink_to_fit();
    m_extraRows = 0;
    m_scanned = 0;
    ++m_generation;
}

LogIndex::Snapshot LogIndex::snapshot() const
{
    std::shared_lock lock(m_mutex);
    Snapshot snapshot;
    snapshot.completeLines = m_offsets.size();
    snapshot.lastEnd = snapshot.completeLines ? m_offsets.end(snapshot.completeLines - 1) : 0;
    snapshot.scanned = std::max(m_scanned, snapshot.lastEnd);
    snapshot.longLines = qint64(m_long.size());
    snapshot.extraRows = m_extraRows;
    snapshot.generation = m_generation;
    return snapshot;
}

qint64 LogIndex::lineStart(qint64 line) const
{
    std::shared_lock lock(m_mutex);
    if (line <= 0)
        return 0;
    return m_offsets.end(std::min(line, m_offsets.size()) - 1);
}

qint64 LogIndex::lineEnd(qint64 line) const
{
    std::shared_lock lock(m_mutex);
    if (line < m_offsets.size())
        return m_offsets.end(line);
    return std::max(m_scanned, m_offsets.size() ? m_offsets.end(m_offsets.size() - 1) : 0);
}

void LogIndex::lineEnds(qint64 first, qint64 count, qint64* out) const
{
    std::shared_lock lock(m_mutex);
    m_offsets.ends(first, count, out);
}

bool LogIndex::lineRange(qint64 first, qint64 count, qint64* start, qint64* ends) const
{
    std::shared_lock lock(m_mutex);
    if (first < 0 || count <= 0 || first + count > m_offsets.size())
        return false;
    *start = first == 0 ? 0 : m_offsets.end(first - 1);
    m_offsets.ends(first, count, ends);
    return true;
}

qint64 LogIndex::lineAt(qint64 offset, const Snapshot& snapshot) const
{
    std::shared_lock lock(m_mutex);
    const qint64 line = m_offsets.lineAt(offset);
    return std::min(line, std::max<qint64>(0, snapshot.lineCount() - 1));
}

LogIndex::RowPosition LogIndex::rowToLine(qint64 row, const Snapshot& snapshot) const
{
    std::shared_lock lock(m_mutex);
    const auto begin = m_long.begin();
    const auto end = begin + std::min<qint64>(snapshot.longLines, qint64(m_long.size()));
    // The last long line whose first row is at or before `row`.
    const auto after = std::upper_bound(
        begin, end, row, [](qint64 value, const LongLine& entry) { return value < entry.line + entry.extraBefore; });
    RowPosition position {row, 0};
    if (after != begin) {
        const LongLine& entry = *(after - 1);
        const qint64 first = entry.line + entry.extraBefore;
        if (row <= first + entry.extraRows)
            return {entry.line, row - first};
        position.line = row - entry.extraBefore - entry.extraRows;
    }
    if (position.line >= snapshot.completeLines) {
        // The partial line's rows.
        position.segment = row - (snapshot.completeLines + snapshot.extraRows);
        position.line = snapshot.completeLines;
    }
    return position;
}

qint64 LogIndex::lineToRow(qint64 line, const Snapshot& snapshot) const
{
    std::shared_lock lock(m_mutex);
    const auto begin = m_long.begin();
    const auto end = begin + std::min<qint64>(snapshot.longLines, qint64(m_long.size()));
    const auto at
        = std::lower_bound(begin, end, line, [](const LongLine& entry, qint64 value) { return entry.line < value; });
    if (at == begin)
        return line;
    const LongLine& before = *(at - 1);
    return line + before.extraBefore + before.extraRows;
}

qint64 LogIndex::segmentsOf(qint64 line, const Snapshot& snapshot) const
{
    if (line >= snapshot.completeLines)
        return snapshot.hasPartialLine() ? segmentsFor(snapshot.scanned - snapshot.lastEnd) : 1;
    std::shared_lock lock(m_mutex);
    const auto begin = m_long.begin();
    const auto end = begin + std::min<qint64>(snapshot.longLines, qint64(m_long.size()));
    const auto at
        = std::lower_bound(begin, end, line, [](const LongLine& entry, qint64 value) { return entry.line < value; });
    return at != end && at->line == line ? at->extraRows + 1 : 1;
}

qint64 LogIndex::usedBytes() const
{
    std::shared_lock lock(m_mutex);
    return m_offsets.usedBytes() + qint64(m_long.size() * sizeof(LongLine));
}

qint64 LogIndex::allocatedBytes() const
{
    std::shared_lock lock(m_mutex);
    return m_offsets.allocatedBytes() + qint64(m_long.capacity() * sizeof(LongLine));
}

} // namespace WebJobs
