#pragma once

// One indexing pass over a log: reads it in chunks from the end of the last complete line the
// index holds up to a target size, finds the newlines, and appends each chunk's lines to the
// index at once, so that the view and the search see them while the pass goes on. Following a
// running job is the same pass over the appended tail only.
//
// Two chunks are scanned at once on LogThreads::io() while this thread appends the lines of
// the one before, in order. A long pass over a local file scans the page cache in place, a
// mapped window of WindowBytes at a time (LogReader::map(), LogMapping), in chunks of
// MappedBlockBytes; otherwise (a remote log, a followed log's few new lines, a file not in
// memory) each chunk of BlockBytes is read into a buffer of its own that the pass reuses.
//
// The target may grow while the pass runs (the log grows): the pass goes on to the new target.
// When the pass reaches its target, the bytes after the last newline become the index's
// partial line. Runs in a worker thread; the control's stop flag ends it within one block.

#include "ui/log/LogIndex.h"
#include "ui/log/LogSource.h"

#include <atomic>
#include <functional>

namespace WebJobs {

class LogIndexer
{
public:
    static constexpr qint64 BlockBytes = 2 << 20;
    static constexpr int ChunksInFlight = 2;
    // A long pass over a local file maps it this much at a time (LogReader::map()), so that a
    // log of many gigabytes needs no more address space than a few windows.
    static constexpr qint64 WindowBytes = 64 << 20;
    // Mapped chunks cost no buffer: larger ones mean fewer hand-offs between threads.
    static constexpr qint64 MappedBlockBytes = 8 << 20;

    struct Control
    {
        std::atomic<bool> stop {false};
        std::atomic<qint64> target {0};
    };

    enum class Outcome
    {
        Done, // the index reaches the target
        Stopped,
        Failed, // a read failed: `error` says why
        Shrunk, // the log ended before the target: it was truncated or replaced
    };

    struct Result
    {
        Outcome outcome = Outcome::Done;
        QString error;
        qint64 scanned = 0;
    };

    // `progress(scanned)` is called in this thread after each chunk.
    static Result run(
        LogReader& reader, LogIndex& index, Control& control, const std::function<void(qint64 scanned)>& progress = {});
};

} // namespace WebJobs
