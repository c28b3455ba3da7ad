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
#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#endif

namespace WebJobs {

namespace {

struct Chunk
{
    qint64 offset = 0;
    qint64 length = 0;
    qint64 read = 0; // bytes of the chunk read; fewer than `length` when the log got shorter
    QByteArray buffer;
    // The chunk's line ends, and its long lines by index in `ends` (the first line's length
    // depends on the chunk before: the pass measures that one).
    LogIndex::Batch lines;
    bool firstAfterCR = false;
    QString error;
    QFuture<void> done;
};

// Calls found(at) for each newline of data[from, size), in order.
template <typename Found>
inline void eachNewlineTail(const char* data, qint64 from, qint64 size, Found&& found)
{
    qint64 i = from;
    while (i < size) {
        const auto* hit = static_cast<const char*>(std::memchr(data + i, '\n', size_t(size - i)));
        if (!hit)
            break;
        found(hit - data);
        i = hit - data + 1;
    }
}

// 64 bytes at a time: one bit a newline, then one step a line instead of a memchr() call.
template <typename Found>
inline qint64 eachNewlineSse2(const char* data, qint64 i, qint64 size, Found& found)
{
#if defined(__SSE2__)
    const __m128i newline = _mm_set1_epi8('\n');
    for (; i + 64 <= size; i += 64) {
        const auto mask16 = [&](int at) {
            const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(data + i + at));
            return quint64(quint32(_mm_movemask_epi8(_mm_cmpeq_epi8(bytes, newline))));
        };
        quint64 mask = mask16(0) | mask16(16) << 16 | mask16(32) << 32 | mask16(48) << 48;
        while (mask) {
            found(i + std::countr_zero(mask));
            mask &= mask - 1;
        }
    }
#endif
    return i;
}

#if defined(__x86_64__) && defined(__GNUC__)
#define WEBJOBS_HAVE_AVX2_SCAN 1
// The same with two 32-byte compares, on processors that have AVX2 (checked at run time).
template <typename Found>
__attribute__((target("avx2"))) qint64 eachNewlineAvx2(const char* data, qint64 i, qint64 size, Found& found)
{
    const __m256i newline = _mm256_set1_epi8('\n');
    for (; i + 64 <= size; i += 64) {
        const __m256i low = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(data + i));
        const __m256i high = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(data + i + 32));
        quint64 mask = quint64(quint32(_mm256_movemask_epi8(_mm256_cmpeq_epi8(low, newline))))
            | quint64(quint32(_mm256_movemask_epi8(_mm256_cmpeq_epi8(high, newline)))) << 32;
        while (mask) {
            found(i + std::countr_zero(mask));
            mask &= mask - 1;
        }
    }
    return i;
}

bool hasAvx2()
{
    static const bool has = __builtin_cpu_supports("avx2");
    return has;
}
#endif

// Reads a chunk with the byte before it (a CR there counts for a newline at its start), finds
// its newlines and measures its lines but the first.
void scan(LogReader& reader, Chunk& chunk)
{
    const qint64 lead = chunk.offset > 0 ? 1 : 0;
    chunk.error = reader.readInto(chunk.offset - lead, chunk.length + lead, chunk.buffer);
    std::vector<qint64>& ends = chunk.lines.ends;
    ends.clear();
    chunk.lines.longLines.clear();
    if (!chunk.error.isEmpty() || chunk.buffer.size() <= lead) {
        chunk.read = 0;
        return;
    }
    chunk.read = chunk.buffer.size() - lead;
    const char* data = chunk.buffer.constData();
    const qint64 size = chunk.buffer.size();
    const qint64 base = chunk.offset - lead;
    // About 100 bytes a line in a typical log; growing past that is rare.
    ends.reserve(size_t(size / 64));
    qint64 previous = -1;
    auto found = [&](qint64 at) {
        const qint64 lineEnd = base + at + 1;
        const bool afterCR = at > 0 && data[at - 1] == '\r';
        if (previous < 0) {
            chunk.firstAfterCR = afterCR;
        } else {
            const qint64 content = lineEnd - 1 - previous - (afterCR ? 1 : 0);
            if (content > LogIndex::SegmentBytes) [[unlikely]]
                chunk.lines.longLines.emplace_back(qint64(ends.size()), LogIndex::segmentsFor(content) - 1);
        }
        ends.push_back(lineEnd);
        previous = lineEnd;
    };
    qint64 i = lead;
#if defined(WEBJOBS_HAVE_AVX2_SCAN)
    i = hasAvx2() ? eachNewlineAvx2(data, i, size, found) : eachNewlineSse2(data, i, size, found);
#else
    i = eachNewlineSse2(data, i, size, found);
#endif
    eachNewlineTail(data, i, size, found);
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

        LogIndex::Batch& lines = chunk->lines;
        if (!lines.ends.empty()) {
            // The first line started in the chunk before: measure it here.
            const qint64 content = lines.ends.front() - 1 - lineStart - (chunk->firstAfterCR ? 1 : 0);
            if (content > LogIndex::SegmentBytes)
                lines.longLines.insert(lines.longLines.begin(), {0, LogIndex::segmentsFor(content) - 1});
            for (auto& longLine : lines.longLines)
                longLine.first += line;
            line += qint64(lines.ends.size());
            lineStart = lines.ends.back();
        }
        position = chunk->offset + chunk->read;
        index.append(lines, lineStart);
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
