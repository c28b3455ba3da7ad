#include "ui/log/LogIndexer.h"

#include "ui/log/LogMapping.h"
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
    // The window of the file the chunk is scanned in, when the reader maps the log; dropped
    // by the scan, so that the last chunk of a window unmaps it on its thread.
    std::shared_ptr<const LogMapping> mapping;
    QFuture<void> done;
};

// Where a chunk's scan writes its line ends: straight into the batch's storage, which has
// room for the next 64 at every step (the room is made once a step, not once a line).
struct LineSink
{
    std::vector<qint64>& ends;
    qint64 base; // the file offset of data[0]
    qint64* out;
    qint64* limit;

    void room()
    {
        if (limit - out >= 64) [[likely]]
            return;
        const auto used = size_t(out - ends.data());
        ends.resize(std::max(ends.size() * 2, used + 64));
        out = ends.data() + used;
        limit = ends.data() + ends.size();
    }

    // The newlines of the 64 bytes at data[at], one bit each. Two ends are written whatever
    // the count (most steps have none, one or two): fewer branches the processor mispredicts.
    void step(qint64 at, quint64 mask)
    {
        room();
        const qint64 end = base + at + 1;
        const int count = std::popcount(mask);
        out[0] = end + std::countr_zero(mask);
        mask &= mask - 1;
        out[1] = end + std::countr_zero(mask);
        if (count > 2) [[unlikely]] {
            mask &= mask - 1;
            for (int k = 2; k < count; ++k, mask &= mask - 1)
                out[k] = end + std::countr_zero(mask);
        }
        out += count;
    }

    void one(qint64 at)
    {
        room();
        *out++ = base + at + 1;
    }
};

// The newlines of data[from, size), after the 64-byte steps.
inline void newlinesTail(const char* data, qint64 from, qint64 size, LineSink& sink)
{
    qint64 i = from;
    while (i < size) {
        const auto* hit = static_cast<const char*>(std::memchr(data + i, '\n', size_t(size - i)));
        if (!hit)
            break;
        sink.one(hit - data);
        i = hit - data + 1;
    }
}

// 64 bytes at a time: one bit a newline; returns where the steps stopped.
inline qint64 newlinesSse2(const char* data, qint64 i, qint64 size, LineSink& sink)
{
#if defined(__SSE2__)
    const __m128i newline = _mm_set1_epi8('\n');
    for (; i + 64 <= size; i += 64) {
        const auto mask16 = [&](int at) {
            const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(data + i + at));
            return quint64(quint32(_mm_movemask_epi8(_mm_cmpeq_epi8(bytes, newline))));
        };
        sink.step(i, mask16(0) | mask16(16) << 16 | mask16(32) << 32 | mask16(48) << 48);
    }
#endif
    return i;
}

#if defined(__x86_64__) && defined(__GNUC__)
#define WEBJOBS_HAVE_AVX2_SCAN 1
// The same with two 32-byte compares, on processors that have AVX2 (checked at run time).
__attribute__((target("avx2,bmi,popcnt"))) qint64 newlinesAvx2(const char* data, qint64 i, qint64 size, LineSink& sink)
{
    const __m256i newline = _mm256_set1_epi8('\n');
    for (; i + 64 <= size; i += 64) {
        const __m256i low = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(data + i));
        const __m256i high = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(data + i + 32));
        sink.step(i,
            quint64(quint32(_mm256_movemask_epi8(_mm256_cmpeq_epi8(low, newline))))
                | quint64(quint32(_mm256_movemask_epi8(_mm256_cmpeq_epi8(high, newline)))) << 32);
    }
    return i;
}

bool hasAvx2()
{
    static const bool has
        = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("bmi") && __builtin_cpu_supports("popcnt");
    return has;
}
#endif

// Finds the newlines of data[lead, size), the chunk's bytes after the one before it (a CR
// there counts for a newline at its start), and measures its lines but the first. `data`
// may be a mapping of the file: nothing here may hold a lock or own an object with a
// destructor while it reads (LogMapping::guard()).
void scanBytes(const char* data, qint64 lead, qint64 size, Chunk& chunk)
{
    std::vector<qint64>& ends = chunk.lines.ends;
    // About 100 bytes a line in a typical log: room for lines of 64 bytes on average.
    if (ends.size() < size_t(size / 64 + 64))
        ends.resize(size_t(size / 64 + 64));
    const qint64 base = chunk.offset - lead;
    LineSink sink {ends, base, ends.data(), ends.data() + ends.size()};
    qint64 i = lead;
#if defined(WEBJOBS_HAVE_AVX2_SCAN)
    i = hasAvx2() ? newlinesAvx2(data, i, size, sink) : newlinesSse2(data, i, size, sink);
#else
    i = newlinesSse2(data, i, size, sink);
#endif
    newlinesTail(data, i, size, sink);
    const qint64 count = qint64(sink.out - ends.data());
    chunk.lines.count = count;
    if (count == 0)
        return;
    const qint64 first = ends[0] - 1 - base;
    chunk.firstAfterCR = first > 0 && data[first - 1] == '\r';
    // Only a line this long can need a row more: whether it ends in CRLF decides.
    for (qint64 k = 1; k < count; ++k) {
        if (ends[size_t(k)] - ends[size_t(k - 1)] - 1 > LogIndex::SegmentBytes) [[unlikely]] {
            const qint64 newline = ends[size_t(k)] - 1 - base;
            const qint64 content = ends[size_t(k)] - 1 - ends[size_t(k - 1)] - (data[newline - 1] == '\r' ? 1 : 0);
            if (content > LogIndex::SegmentBytes)
                chunk.lines.longLines.emplace_back(k, LogIndex::segmentsFor(content) - 1);
        }
    }
}

// Scans a chunk in place in its mapping, or reads it into its buffer first.
void scan(LogReader& reader, Chunk& chunk)
{
    const qint64 lead = chunk.offset > 0 ? 1 : 0;
    chunk.lines.count = 0;
    chunk.lines.longLines.clear();
    chunk.read = 0;
    chunk.error.clear();
    const qint64 from = chunk.offset - lead;
    if (chunk.mapping) {
        const std::shared_ptr<const LogMapping> mapping = std::move(chunk.mapping);
        const qint64 size = std::min(chunk.length + lead, mapping->offset() + mapping->length() - from);
        if (size <= lead)
            return;
        const char* data = mapping->data() + (from - mapping->offset());
        auto read = [&] { scanBytes(data, lead, size, chunk); };
        if (!mapping->guard(read)) {
            // The file shrank under the mapping: the pass sees a log that ended here.
            chunk.lines.count = 0;
            chunk.lines.longLines.clear();
            return;
        }
        chunk.read = size - lead;
        return;
    }
    chunk.error = reader.readInto(from, chunk.length + lead, chunk.buffer);
    if (!chunk.error.isEmpty() || chunk.buffer.size() <= lead)
        return;
    chunk.read = chunk.buffer.size() - lead;
    scanBytes(chunk.buffer.constData(), lead, chunk.buffer.size(), chunk);
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

    std::shared_ptr<const LogMapping> window;
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
            // A long pass maps the file a window at a time, a short one (a followed log's
            // new lines) reads them.
            const qint64 from = nextOffset > 0 ? nextOffset - 1 : 0;
            if (window && (from < window->offset() || nextOffset >= window->offset() + window->length()))
                window.reset();
            if (!window && target - nextOffset >= BlockBytes)
                window = reader.map(from, std::min(WindowBytes, target - from));
            chunk->offset = nextOffset;
            chunk->length = std::min(window ? MappedBlockBytes : BlockBytes, target - nextOffset);
            if (window) {
                const qint64 windowEnd = window->offset() + window->length();
                chunk->length = std::min(chunk->length, windowEnd - nextOffset);
                chunk->mapping = window;
                // The window's last chunk holds it alone from now on: the scan that finishes
                // last unmaps it, in its own thread.
                if (nextOffset + chunk->length >= windowEnd)
                    window.reset();
            }
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
        if (lines.count > 0) {
            // The first line started in the chunk before: measure it here.
            const qint64 content = lines.ends[0] - 1 - lineStart - (chunk->firstAfterCR ? 1 : 0);
            if (content > LogIndex::SegmentBytes)
                lines.longLines.insert(lines.longLines.begin(), {0, LogIndex::segmentsFor(content) - 1});
            for (auto& longLine : lines.longLines)
                longLine.first += line;
            line += lines.count;
            lineStart = lines.ends[size_t(lines.count - 1)];
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
