#include "ui/log/LogIndexer.h"

#include "ui/log/LogThreads.h"

#include <QScopeGuard>
#include <QtConcurrent/QtConcurrentRun>

#include <cstring>

namespace WebJobs {

LogIndexer::Result LogIndexer::run(
    LogReader& reader, LogIndex& index, Control& control, const std::function<void(qint64)>& progress)
{
    const LogIndex::Snapshot start = index.snapshot();
    qint64 position = start.lastEnd;
    qint64 lineStart = position;
    qint64 line = start.completeLines;
    bool previousWasCR = false;
    LogIndex::Batch batch;
    batch.ends.reserve(BlockBytes / 32);

    // The next block is read on the I/O pool while this one is scanned.
    const auto readAhead = [&reader](qint64 offset, qint64 length) {
        return QtConcurrent::run(LogThreads::io(), [&reader, offset, length] { return reader.read(offset, length); });
    };
    QFuture<LogBytes> next;
    qint64 nextOffset = -1;
    // The read ahead holds a reference to the reader: never leave it running.
    const auto drain = qScopeGuard([&] {
        if (nextOffset >= 0)
            next.waitForFinished();
    });

    while (true) {
        const qint64 target = control.target.load();
        if (position >= target)
            break;
        if (control.stop.load())
            return {Outcome::Stopped, {}, position};
        LogBytes bytes;
        if (nextOffset == position) {
            bytes = next.result();
            nextOffset = -1;
        } else {
            if (nextOffset >= 0)
                next.waitForFinished();
            nextOffset = -1;
            bytes = reader.read(position, std::min(BlockBytes, target - position));
        }
        if (!bytes.ok())
            return {Outcome::Failed, bytes.error, position};
        if (bytes.data.isEmpty())
            return {Outcome::Shrunk, {}, position};
        const qint64 size = bytes.data.size();
        if (position + size < target) {
            nextOffset = position + size;
            next = readAhead(nextOffset, std::min(BlockBytes, target - nextOffset));
        }

        const char* data = bytes.data.constData();
        const char* end = data + size;
        const char* cursor = data;
        while (cursor < end) {
            const auto* newline = static_cast<const char*>(std::memchr(cursor, '\n', size_t(end - cursor)));
            if (!newline)
                break;
            const qint64 lineEnd = position + (newline - data) + 1;
            qint64 content = lineEnd - 1 - lineStart;
            if (content > 0 && (newline > data ? newline[-1] == '\r' : previousWasCR))
                --content;
            batch.ends.push_back(lineEnd);
            if (content > LogIndex::SegmentBytes)
                batch.longLines.emplace_back(line, LogIndex::segmentsFor(content) - 1);
            ++line;
            lineStart = lineEnd;
            cursor = newline + 1;
        }
        previousWasCR = data[size - 1] == '\r';
        position += size;
        index.append(batch, lineStart);
        batch.ends.clear();
        batch.longLines.clear();
        if (progress)
            progress(position);
    }
    index.setScanned(position);
    return {Outcome::Done, {}, position};
}

} // namespace WebJobs
