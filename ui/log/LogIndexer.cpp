#include "ui/log/LogIndexer.h"

#include "ui/log/LogThreads.h"

#include <QScopeGuard>
#include <QtConcurrent/QtConcurrentRun>

#include <bit>
#include <cstring>
#include <deque>
#include <memory>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace WebJobs {

namespace {

// A line end whose newline follows a carriage return carries this bit (offsets stay far below).
constexpr qint64 AfterCR = qint64(1) << 62;

struct Chunk
{
    qint64 offset = 0;
    qint64 length = 0;
    qint64 read = 0; // bytes of the chunk read; fewer than `length` when the log got shorter
    QByteArray buffer;
    std::vector<qint64> ends; // with AfterCR
    QString error;
    QFuture<void> done;
};

// Appends the end of each line of data[from, size) to `out`, with AfterCR; `base` is data's offset.
void findNewlines(const char* data, qint64 from, qint64 size, qint64 base, std::vector<qint64>& out)
{
    const auto add = [&](qint64 at) {
        const qint64 lineEnd = base + at + 1;
        out.push_back(at > 0 && data[at - 1] == '\r' ? lineEnd | AfterCR : lineEnd);
    };
    qint64 i = from;
#if defined(__SSE2__)
    // 64 bytes at a time: one bit a newline, then one step a line instead of a memchr() call.
    const __m128i newline = _mm_set1_epi8('\n');
    for (; i + 64 <= size; i += 64) {
        const auto mask16 = [&](int at) {
            const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(data + i + at));
            return quint64(quint32(_mm_movemask_epi8(_mm_cmpeq_epi8(bytes, newline))));
        };
        quint64 mask = mask16(0) | mask16(16) << 16 | mask16(32) << 32 | mask16(48) << 48;
        while (mask) {
            add(i + std::countr_zero(mask));
            mask &= mask - 1;
        }
    }
#endif
    while (i < size) {
        const auto* found = static_cast<const char*>(std::memchr(data + i, '\n', size_t(size - i)));
        if (!found)
            break;
        add(found - data);
        i = found - data + 1;
    }
}

// Reads a chunk with the byte before it (a CR there counts for a newline at its start) and
// finds its newlines.
void scan(LogReader& reader, Chunk& chunk)
{
    const qint64 lead = chunk.offset > 0 ? 1 : 0;
    chunk.error = reader.readInto(chunk.offset - lead, chunk.length + lead, chunk.buffer);
    chunk.ends.clear();
    if (!chunk.error.isEmpty() || chunk.buffer.size() <= lead) {
        chunk.read = 0;
        return;
    }
    chunk.read = chunk.buffer.size() - lead;
    findNewlines(chunk.buffer.constData(), lead, chunk.buffer.size(), chunk.offset - lead, chunk.ends);
}

} // namespace

LogIndexer::Result LogIndexer::run(
    LogReader& reader, LogIndex& index, Control& control, const std::function<void(qint64)>& progress)
{
    const LogIndex::Snapshot start = index.snapshot();
    qint64 position = start.lastEnd;
    qint64 lineStart = position;
    qint64 line = start.completeLines;
    qint64 nextOffset = position;
    LogIndex::Batch batch;

    std::deque<std::unique_ptr<Chunk>> inFlight;
    std::vector<std::unique_ptr<Chunk>> spare;
    // The tasks hold references to the reader and their chunks: never leave one running.
    const auto drain = [&] {
        for (const std::unique_ptr<Chunk>& chunk : inFlight)
            chunk->done.waitForFinished();
        while (!inFlight.empty()) {
            spare.push_back(std::move(inFlight.front()));
            inFlight.pop_front();
        }
    };
    const auto guard = qScopeGuard(drain);

    while (true) {
        const qint64 target = control.target.load();
        while (int(inFlight.size()) < ChunksInFlight && nextOffset < target) {
            std::unique_ptr<Chunk> chunk;
            if (!spare.empty()) {
                chunk = std::move(spare.back());
                spare.pop_back();
            } else {
                chunk = std::make_unique<Chunk>();
            }
            chunk->offset = nextOffset;
            chunk->length = std::min(BlockBytes, target - nextOffset);
            nextOffset += chunk->length;
            Chunk* scanned = chunk.get();
            chunk->done = QtConcurrent::run(LogThreads::io(), [&reader, scanned] { scan(reader, *scanned); });
            inFlight.push_back(std::move(chunk));
        }
        if (inFlight.empty())
            break;
        if (control.stop.load())
            return {Outcome::Stopped, {}, position};
        std::unique_ptr<Chunk> chunk = std::move(inFlight.front());
        inFlight.pop_front();
        chunk->done.waitForFinished();
        const auto recycle = qScopeGuard([&] { spare.push_back(std::move(chunk)); });
        if (!chunk->error.isEmpty())
            return {Outcome::Failed, chunk->error, position};
        if (chunk->read == 0)
            return {Outcome::Shrunk, {}, position};

        batch.ends.resize(chunk->ends.size());
        qint64* out = batch.ends.data();
        for (const qint64 flagged : chunk->ends) {
            const qint64 lineEnd = flagged & ~AfterCR;
            const qint64 content = lineEnd - 1 - lineStart - ((flagged & AfterCR) ? 1 : 0);
            *out++ = lineEnd;
            if (content > LogIndex::SegmentBytes)
                batch.longLines.emplace_back(line, LogIndex::segmentsFor(content) - 1);
            ++line;
            lineStart = lineEnd;
        }
        position = chunk->offset + chunk->read;
        index.append(batch, lineStart);
        batch.longLines.clear();
        if (chunk->read < chunk->length) {
            // Shorter than it was when the chunk was asked for: what follows is read again.
            drain();
            nextOffset = position;
        }
        if (progress)
            progress(position);
    }
    index.setScanned(position);
    return {Outcome::Done, {}, position};
}

} // namespace WebJobs
