#pragma once

// A LogQuery made ready to run over blocks of lines, the way grep runs over a file: each line
// on its own, without its newline. Plain text is found with memmem() over the block's bytes
// (after an ASCII lower-casing for a case-insensitive ASCII text); a regular expression (and a
// case-insensitive text with non-ASCII letters) runs over the whole block at once with
// QRegularExpression in multi-line mode, and each line it lands in is checked on its own, so
// that a match across a newline never counts. A pattern that only a line on its own can answer
// (\A, \z, \G, look-behind) is run line by line.
//
// Not thread-safe: each search task makes its own from the query (cheap).

#include "ui/log/LogQuery.h"

#include <QByteArray>
#include <QList>
#include <QRegularExpression>

#include <atomic>
#include <utility>
#include <vector>

namespace WebJobs {

class LineMatcher
{
public:
    explicit LineMatcher(const LogQuery& query);

    const LogQuery& query() const { return m_query; }
    // False for a regular expression that does not compile; errorString() says why.
    bool isValid() const { return m_error.isEmpty(); }
    QString errorString() const { return m_error; }

    // Appends to `hits` the numbers of the lines of `block` that match. The block holds whole
    // lines: line firstLine + i ends at ends[i] (absolute offsets, with its newline), and the
    // block starts at `blockOffset`. Stops early (returns false) when `stop` is set.
    bool scan(QByteArrayView block, qint64 blockOffset, const qint64* ends, qint64 count, qint64 firstLine,
        std::vector<qint64>& hits, const std::atomic<bool>* stop = nullptr) const;

    // Whether one line (without its newline) matches.
    bool matches(QByteArrayView line) const;

    // Where the text matches `text`, for highlighting: (start, length) pairs.
    QList<std::pair<int, int>> ranges(const QString& text) const;

private:
    enum class Mode
    {
        LevelsOnly,
        Bytes, // memmem over the bytes
        LowerBytes, // memmem over lower-cased bytes
        Regex, // the whole block at once, each hit checked
        RegexPerLine,
    };

    bool levelPasses(QByteArrayView line) const;
    bool contentMatches(QByteArrayView content) const;
    bool scanBytes(QByteArrayView block, qint64 blockOffset, const qint64* ends, qint64 count, qint64 firstLine,
        std::vector<qint64>& hits, const std::atomic<bool>* stop) const;
    bool scanRegex(QByteArrayView block, qint64 blockOffset, const qint64* ends, qint64 count, qint64 firstLine,
        std::vector<qint64>& hits, const std::atomic<bool>* stop) const;

    LogQuery m_query;
    Mode m_mode = Mode::LevelsOnly;
    QByteArray m_needle;
    QRegularExpression m_regex;
    QString m_error;
};

} // namespace WebJobs
