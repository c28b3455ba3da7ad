#include "ui/log/LineOffsets.h"

#include <algorithm>
#include <bit>

namespace WebJobs {

void LineOffsets::append(qint64 end)
{
    m_open[m_openCount++] = end;
    ++m_count;
    if (m_openCount == BlockLines)
        seal(m_open.data());
}

void LineOffsets::append(const qint64* ends, qint64 count)
{
    while (count > 0) {
        if (m_openCount == 0 && count >= BlockLines) {
            // A whole block: packed from the caller's array, without a copy.
            seal(ends);
            m_count += BlockLines;
            ends += BlockLines;
            count -= BlockLines;
            continue;
        }
        const int take = int(std::min<qint64>(count, BlockLines - m_openCount));
        std::copy_n(ends, take, m_open.begin() + m_openCount);
        m_openCount += take;
        m_count += take;
        ends += take;
        count -= take;
        if (m_openCount == BlockLines)
            seal(m_open.data());
    }
}

void LineOffsets::clear()
{
    m_blocks.clear();
    m_blocks.shrink_to_fit();
    m_bits.clear();
    m_bits.shrink_to_fit();
    m_bitsUsed = 0;
    m_openCount = 0;
    m_openStart = 0;
    m_count = 0;
}

void LineOffsets::seal(const qint64* ends)
{
    std::array<quint64, BlockLines> lengths;
    quint64 any = 1;
    qint64 previous = m_openStart;
    for (int i = 0; i < BlockLines; ++i) {
        lengths[i] = quint64(ends[i] - previous);
        previous = ends[i];
        any |= lengths[i];
    }
    // The widest length has the highest bit of them all.
    const unsigned width = unsigned(std::bit_width(any));
    const quint64 needed = (m_bitsUsed + quint64(width) * BlockLines + 63) / 64 + 1;
    if (needed > m_bits.size()) {
        // Grow by a quarter: a large log's index should not sit at twice its size.
        if (needed > m_bits.capacity())
            m_bits.reserve(std::max<size_t>(needed, m_bits.capacity() + m_bits.capacity() / 4 + 1024));
        m_bits.resize(needed, 0);
    }
    const quint64 bitPos = m_bitsUsed;
    // One word filled at a time, stored when full.
    quint64* word = m_bits.data() + (bitPos >> 6);
    unsigned shift = unsigned(bitPos & 63);
    quint64 pending = shift ? *word & ((quint64(1) << shift) - 1) : 0;
    for (int i = 0; i < BlockLines; ++i) {
        const quint64 value = lengths[i];
        pending |= value << shift;
        shift += width;
        if (shift >= 64) {
            *word++ = pending;
            shift -= 64;
            pending = shift ? value >> (width - shift) : 0;
        }
    }
    *word = pending;
    m_bitsUsed = bitPos + quint64(width) * BlockLines;
    if (m_blocks.size() == m_blocks.capacity())
        m_blocks.reserve(m_blocks.capacity() + m_blocks.capacity() / 4 + 256);
    m_blocks.push_back(Block {m_openStart, bitPos, width});
    m_openStart = previous;
    m_openCount = 0;
}

quint64 LineOffsets::bits(quint64 position, unsigned width) const
{
    const quint64 word = position >> 6;
    const unsigned shift = unsigned(position & 63);
    quint64 value = m_bits[word] >> shift;
    if (shift + width > 64)
        value |= m_bits[word + 1] << (64 - shift);
    return width >= 64 ? value : value & ((quint64(1) << width) - 1);
}

qint64 LineOffsets::end(qint64 line) const
{
    Q_ASSERT(line >= 0 && line < m_count);
    const qint64 blockIndex = line / BlockLines;
    const int inBlock = int(line % BlockLines);
    if (blockIndex >= qint64(m_blocks.size()))
        return m_open[inBlock];
    const Block& block = m_blocks[size_t(blockIndex)];
    qint64 position = block.start;
    quint64 bit = block.bitPos;
    const unsigned width = unsigned(block.width);
    for (int i = 0; i <= inBlock; ++i, bit += width)
        position += qint64(bits(bit, width));
    return position;
}

void LineOffsets::ends(qint64 first, qint64 count, qint64* out) const
{
    Q_ASSERT(first >= 0 && first + count <= m_count);
    qint64 line = first;
    const qint64 last = first + count;
    while (line < last) {
        const qint64 blockIndex = line / BlockLines;
        int inBlock = int(line % BlockLines);
        if (blockIndex >= qint64(m_blocks.size())) {
            for (; line < last; ++line, ++inBlock)
                *out++ = m_open[inBlock];
            return;
        }
        const Block& block = m_blocks[size_t(blockIndex)];
        const unsigned width = unsigned(block.width);
        qint64 position = block.start;
        quint64 bit = block.bitPos;
        for (int i = 0; i < inBlock; ++i, bit += width)
            position += qint64(bits(bit, width));
        for (; inBlock < BlockLines && line < last; ++inBlock, ++line, bit += width) {
            position += qint64(bits(bit, width));
            *out++ = position;
        }
    }
}

qint64 LineOffsets::lineAt(qint64 offset) const
{
    if (m_count == 0 || offset < 0)
        return offset < 0 ? 0 : m_count;
    if (offset >= m_openStart) {
        for (int i = 0; i < m_openCount; ++i) {
            if (m_open[i] > offset)
                return qint64(m_blocks.size()) * BlockLines + i;
        }
        return m_count;
    }
    // The last block that starts at or before `offset` holds it.
    const auto after = std::upper_bound(
        m_blocks.begin(), m_blocks.end(), offset, [](qint64 value, const Block& block) { return value < block.start; });
    const auto blockIndex = qint64(after - m_blocks.begin()) - 1;
    const Block& block = m_blocks[size_t(blockIndex)];
    const unsigned width = unsigned(block.width);
    qint64 position = block.start;
    quint64 bit = block.bitPos;
    for (int i = 0; i < BlockLines; ++i, bit += width) {
        position += qint64(bits(bit, width));
        if (position > offset)
            return blockIndex * BlockLines + i;
    }
    return (blockIndex + 1) * BlockLines;
}

qint64 LineOffsets::usedBytes() const
{
    return qint64(m_blocks.size() * sizeof(Block) + (m_bitsUsed + 7) / 8 + sizeof(m_open));
}

qint64 LineOffsets::allocatedBytes() const
{
    return qint64(m_blocks.capacity() * sizeof(Block) + m_bits.capacity() * sizeof(quint64) + sizeof(m_open));
}

} // namespace WebJobs
