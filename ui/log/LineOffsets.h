#pragma once

// Where each line of a log ends, in about 1.2 bytes a line instead of 8: lines are stored in
// blocks of 128, each block with the absolute offset of its first line and the length of each
// line bit-packed at the width of the block's longest line (9 bits for lines under 512 bytes).
// end(line) adds at most 127 lengths; a whole screen of lines decodes in one pass (ends()).
//
//     blocks:  [start 0,        bit 0,    width 9] [start 11904, bit 1152, width 8] ...
//     bits:    |len0|len1|...|len127|len128|...
//
// The last, open block keeps its absolute ends until it has 128 lines. Lines are only appended
// (the log grows) or all cleared (the log was replaced). Not thread-safe: LogIndex guards it.

#include <QtGlobal>

#include <array>
#include <vector>

namespace WebJobs {

class LineOffsets
{
public:
    static constexpr int BlockLines = 128;

    // Appends a line that ends (after its newline) at `end`, past the previous line's end.
    void append(qint64 end);
    // Appends `count` lines at once.
    void append(const qint64* ends, qint64 count);
    void clear();

    qint64 size() const { return m_count; }
    // The offset just after the line's newline; the start of the next line.
    qint64 end(qint64 line) const;
    qint64 start(qint64 line) const { return line <= 0 ? 0 : end(line - 1); }
    // The ends of `count` lines from `first` into `out`.
    void ends(qint64 first, qint64 count, qint64* out) const;
    // The line that holds `offset`: the first whose end is past it; size() when none is.
    qint64 lineAt(qint64 offset) const;

    // Bytes in use and bytes allocated.
    qint64 usedBytes() const;
    qint64 allocatedBytes() const;

private:
    struct Block
    {
        qint64 start;
        quint64 bitPos : 56;
        quint64 width : 8;
    };

    // Packs the open block, whose line ends are `ends` (m_open or the caller's array).
    void seal(const qint64* ends);
    quint64 bits(quint64 position, unsigned width) const;

    std::vector<Block> m_blocks;
    std::vector<quint64> m_bits;
    quint64 m_bitsUsed = 0;
    std::array<qint64, BlockLines> m_open {};
    int m_openCount = 0;
    qint64 m_openStart = 0;
    qint64 m_count = 0;
};

} // namespace WebJobs
