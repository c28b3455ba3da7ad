#pragma once

// The line index of one log, shared by the GUI thread (the view), the indexing task (the only
// writer) and search tasks: where each line ends (LineOffsets), which lines are too long to
// show in one row, and how far the log has been scanned.
//
// A line is the bytes up to and including its "\n" ("\r\n" in Kudu's logs). The last line may
// have no newline yet (a running job is writing it, or the file ends without one): once an
// indexing pass has reached the end of the log, the bytes after the last newline are a partial
// line, counted in lineCount(). A line longer than SegmentBytes (without its newline) is shown
// in several rows of SegmentBytes each; rows count them.
//
// Thread-safety: every function locks (shared for readers). The index only grows, except for
// clear() when the log was replaced, so a Snapshot taken once stays true for the lines it
// counts: the view takes one when the indexer reports progress and answers from it.

#include "ui/log/LineOffsets.h"

#include <shared_mutex>
#include <vector>

namespace WebJobs {

class LogIndex
{
public:
    static constexpr qint64 SegmentBytes = 8 * 1024;

    struct Snapshot
    {
        qint64 completeLines = 0; // lines with their newline
        qint64 lastEnd = 0; // end of the last complete line
        qint64 scanned = 0; // > lastEnd when a partial line follows
        qint64 longLines = 0; // entries of the long-line table that belong to complete lines
        qint64 extraRows = 0; // rows of complete long lines beyond their first
        int generation = 0;

        bool hasPartialLine() const { return scanned > lastEnd; }
        qint64 lineCount() const { return completeLines + (hasPartialLine() ? 1 : 0); }
        qint64 rowCount() const;
        bool operator==(const Snapshot&) const = default;
    };

    // A line and one of its rows.
    struct RowPosition
    {
        qint64 line = 0;
        qint64 segment = 0;
    };

    // What one indexing step found: line ends in order, and the long lines among them with
    // their number of rows beyond the first.
    struct Batch
    {
        std::vector<qint64> ends; // the first `count` are the lines' ends; the rest is room
        qint64 count = 0;
        std::vector<std::pair<qint64, qint64>> longLines; // (line, extra rows)
    };

    static qint64 segmentsFor(qint64 contentLength)
    {
        return contentLength <= SegmentBytes ? 1 : (contentLength + SegmentBytes - 1) / SegmentBytes;
    }

    // Writer side (the indexing task).
    void append(const Batch& batch, qint64 scanned);
    void setScanned(qint64 scanned);
    // The log was replaced: everything goes, and the generation changes.
    void clear();

    Snapshot snapshot() const;

    // A line's bytes: [start, end) with its newline; the partial line ends at `scanned`.
    qint64 lineStart(qint64 line) const;
    qint64 lineEnd(qint64 line) const;
    // `count` line ends from `first` (complete lines only).
    void lineEnds(qint64 first, qint64 count, qint64* out) const;
    // The same with the start of the first line, or false when the index no longer holds
    // these lines (it was cleared: a task of an older search asks).
    bool lineRange(qint64 first, qint64 count, qint64* start, qint64* ends) const;
    // The line holding `offset` within the snapshot's lines (the last one past its end).
    qint64 lineAt(qint64 offset, const Snapshot& snapshot) const;

    // Rows as `snapshot` counts them.
    RowPosition rowToLine(qint64 row, const Snapshot& snapshot) const;
    qint64 lineToRow(qint64 line, const Snapshot& snapshot) const;
    qint64 segmentsOf(qint64 line, const Snapshot& snapshot) const;

    qint64 usedBytes() const;
    qint64 allocatedBytes() const;

private:
    struct LongLine
    {
        qint64 line;
        qint64 extraRows;
        qint64 extraBefore; // rows of earlier long lines beyond their first
    };

    mutable std::shared_mutex m_mutex;
    LineOffsets m_offsets;
    std::vector<LongLine> m_long;
    qint64 m_extraRows = 0;
    qint64 m_scanned = 0;
    int m_generation = 0;
};

} // namespace WebJobs
