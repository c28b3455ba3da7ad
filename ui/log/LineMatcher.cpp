#include "ui/log/LineMatcher.h"

#include <QCoreApplication>
#include <QRegularExpressionMatchIterator>

#include <algorithm>
#include <cstring>
#include <string.h>

using namespace Qt::StringLiterals;

namespace WebJobs {

namespace {

// PCRE2 lets "$" match before "\r\n" and "." stop at "\r" with this verb at the pattern's start.
const QString LineEndVerb = u"(*ANYCRLF)"_s;

bool isAscii(QByteArrayView bytes)
{
    const char* data = bytes.data();
    qsizetype size = bytes.size();
    quint64 any = 0;
    while (size >= 8) {
        quint64 word;
        std::memcpy(&word, data, 8);
        any |= word;
        data += 8;
        size -= 8;
    }
    while (size-- > 0)
        any |= quint8(*data++);
    return (any & 0x8080808080808080ULL) == 0;
}

bool isAscii(const QString& text)
{
    return std::all_of(text.cbegin(), text.cend(), [](QChar c) { return c.unicode() < 0x80; });
}

void lowerAscii(const char* from, qsizetype size, char* to)
{
    for (qsizetype i = 0; i < size; ++i) {
        const char c = from[i];
        to[i] = (c >= 'A' && c <= 'Z') ? char(c + ('a' - 'A')) : c;
    }
}

QByteArrayView content(QByteArrayView line)
{
    if (line.endsWith('\n'))
        line.chop(1);
    if (line.endsWith('\r'))
        line.chop(1);
    return line;
}

} // namespace

LineMatcher::LineMatcher(const LogQuery& query)
    : m_query(query)
{
    if (!query.hasPattern()) {
        m_mode = Mode::LevelsOnly;
        return;
    }
    if (!query.regex && (query.caseSensitive || isAscii(query.text))) {
        m_mode = query.caseSensitive ? Mode::Bytes : Mode::LowerBytes;
        m_needle = query.text.toUtf8();
        if (m_mode == Mode::LowerBytes)
            lowerAscii(m_needle.constData(), m_needle.size(), m_needle.data());
        return;
    }
    const QString pattern = query.regex ? query.text : QRegularExpression::escape(query.text);
    QRegularExpression::PatternOptions options = QRegularExpression::MultilineOption;
    if (!query.caseSensitive)
        options |= QRegularExpression::CaseInsensitiveOption;
    m_regex.setPatternOptions(options);
    m_regex.setPattern(LineEndVerb + pattern);
    if (!m_regex.isValid()) {
        m_error = QCoreApplication::translate("WebJobs::LineMatcher",
            "The regular expression is not valid: %1 (at character %2). Correct it, or clear \"Regular "
            "expression\" to search for the text as it is.")
                      .arg(m_regex.errorString())
                      .arg(std::max<qsizetype>(0, m_regex.patternErrorOffset() - LineEndVerb.size()) + 1);
        return;
    }
    m_regex.optimize();
    // These look outside the line, or at the subject's ends: only a line on its own answers.
    static const QStringList perLine = {u"\\A"_s, u"\\z"_s, u"\\Z"_s, u"\\G"_s, u"\\K"_s, u"(?<"_s};
    const bool needsLine
        = std::any_of(perLine.cbegin(), perLine.cend(), [&](const QString& token) { return pattern.contains(token); });
    m_mode = needsLine ? Mode::RegexPerLine : Mode::Regex;
}

bool LineMatcher::levelPasses(QByteArrayView line) const
{
    if (!m_query.filtersLevels())
        return true;
    return LogLinePrefix::parse(line).passes(m_query.levels);
}

bool LineMatcher::contentMatches(QByteArrayView text) const
{
    switch (m_mode) {
    case Mode::LevelsOnly:
        return true;
    case Mode::Bytes:
        return ::memmem(text.data(), size_t(text.size()), m_needle.constData(), size_t(m_needle.size())) != nullptr;
    case Mode::LowerBytes: {
        QByteArray lowered(text.size(), Qt::Uninitialized);
        lowerAscii(text.data(), text.size(), lowered.data());
        return ::memmem(lowered.constData(), size_t(lowered.size()), m_needle.constData(), size_t(m_needle.size()))
            != nullptr;
    }
    case Mode::Regex:
    case Mode::RegexPerLine: {
        const QString subject = isAscii(text) ? QString::fromLatin1(text) : QString::fromUtf8(text);
        return m_regex
            .match(subject, 0, QRegularExpression::NormalMatch, QRegularExpression::DontCheckSubjectStringMatchOption)
            .hasMatch();
    }
    }
    return false;
}

bool LineMatcher::matches(QByteArrayView line) const
{
    return isValid() && levelPasses(line) && contentMatches(content(line));
}

bool LineMatcher::scan(QByteArrayView block, qint64 blockOffset, const qint64* ends, qint64 count, qint64 firstLine,
    std::vector<qint64>& hits, const std::atomic<bool>* stop) const
{
    if (!isValid() || count <= 0)
        return true;
    switch (m_mode) {
    case Mode::LevelsOnly: {
        qint64 start = 0;
        for (qint64 i = 0; i < count; ++i) {
            if (stop && (i & 4095) == 0 && stop->load())
                return false;
            const qint64 end = ends[i] - blockOffset;
            if (levelPasses(block.sliced(start, end - start)))
                hits.push_back(firstLine + i);
            start = end;
        }
        return true;
    }
    case Mode::Bytes:
    case Mode::LowerBytes:
        return scanBytes(block, blockOffset, ends, count, firstLine, hits, stop);
    case Mode::Regex:
    case Mode::RegexPerLine:
        return scanRegex(block, blockOffset, ends, count, firstLine, hits, stop);
    }
    return true;
}

bool LineMatcher::scanBytes(QByteArrayView block, qint64 blockOffset, const qint64* ends, qint64 count,
    qint64 firstLine, std::vector<qint64>& hits, const std::atomic<bool>* stop) const
{
    QByteArray lowered;
    const char* haystack = block.data();
    if (m_mode == Mode::LowerBytes) {
        lowered.resize(block.size());
        lowerAscii(block.data(), block.size(), lowered.data());
        haystack = lowered.constData();
    }
    const qint64 size = block.size();
    const qint64* endsEnd = ends + count;
    const qint64* line = ends;
    qint64 position = 0;
    while (position < size && line < endsEnd) {
        if (stop && stop->load())
            return false;
        const auto* found = static_cast<const char*>(
            ::memmem(haystack + position, size_t(size - position), m_needle.constData(), size_t(m_needle.size())));
        if (!found)
            break;
        const qint64 at = blockOffset + (found - haystack);
        // The first line that ends after the match holds it.
        line = std::upper_bound(line, endsEnd, at);
        if (line == endsEnd)
            break;
        const qint64 index = line - ends;
        const qint64 start = (index == 0 ? blockOffset : ends[index - 1]) - blockOffset;
        if (levelPasses(block.sliced(start, *line - blockOffset - start)))
            hits.push_back(firstLine + index);
        position = *line - blockOffset;
        ++line;
    }
    return true;
}

bool LineMatcher::scanRegex(QByteArrayView block, qint64 blockOffset, const qint64* ends, qint64 count,
    qint64 firstLine, std::vector<qint64>& hits, const std::atomic<bool>* stop) const
{
    const auto lineBytes = [&](qint64 i) {
        const qint64 start = (i == 0 ? blockOffset : ends[i - 1]) - blockOffset;
        return block.sliced(start, ends[i] - blockOffset - start);
    };
    if (m_mode == Mode::RegexPerLine) {
        for (qint64 i = 0; i < count; ++i) {
            if (stop && (i & 1023) == 0 && stop->load())
                return false;
            const QByteArrayView line = lineBytes(i);
            if (levelPasses(line) && contentMatches(content(line)))
                hits.push_back(firstLine + i);
        }
        return true;
    }
    // The block as one subject, and where each line starts in it. An ASCII block is taken as
    // it is (one character a byte); otherwise each line is decoded on its own, so that invalid
    // UTF-8 stays within its line.
    QString subject;
    std::vector<qsizetype> starts(size_t(count) + 1);
    if (isAscii(block)) {
        subject = QString::fromLatin1(block);
        starts[0] = 0;
        for (qint64 i = 0; i < count; ++i)
            starts[size_t(i) + 1] = qsizetype(ends[i] - blockOffset);
    } else {
        subject.reserve(block.size());
        for (qint64 i = 0; i < count; ++i) {
            starts[size_t(i)] = subject.size();
            subject += QString::fromUtf8(content(lineBytes(i)));
            subject += u'\n';
        }
        starts[size_t(count)] = subject.size();
    }
    qsizetype position = 0;
    auto line = starts.cbegin();
    while (position < subject.size()) {
        if (stop && stop->load())
            return false;
        const QRegularExpressionMatch match = m_regex.match(
            subject, position, QRegularExpression::NormalMatch, QRegularExpression::DontCheckSubjectStringMatchOption);
        if (!match.hasMatch())
            break;
        // The last line that starts at or before the match holds it.
        line = std::upper_bound(line, starts.cend() - 1, match.capturedStart()) - 1;
        const auto index = qint64(line - starts.cbegin());
        if (index >= count)
            break;
        const QByteArrayView bytes = lineBytes(index);
        if (levelPasses(bytes) && contentMatches(content(bytes)))
            hits.push_back(firstLine + index);
        ++line;
        position = *line;
    }
    return true;
}

QList<std::pair<int, int>> LineMatcher::ranges(const QString& text) const
{
    QList<std::pair<int, int>> result;
    if (!isValid() || !m_query.hasPattern())
        return result;
    if (m_mode == Mode::Bytes || m_mode == Mode::LowerBytes) {
        const Qt::CaseSensitivity cs = m_query.caseSensitive ? Qt::CaseSensitive : Qt::CaseInsensitive;
        const qsizetype length = m_query.text.size();
        for (qsizetype at = text.indexOf(m_query.text, 0, cs); at >= 0;
             at = text.indexOf(m_query.text, at + length, cs))
            result.append({int(at), int(length)});
        return result;
    }
    QRegularExpressionMatchIterator it = m_regex.globalMatch(text);
    while (it.hasNext()) {
        const QRegularExpressionMatch match = it.next();
        if (match.capturedLength() > 0)
            result.append({int(match.capturedStart()), int(match.capturedLength())});
    }
    return result;
}

} // namespace WebJobs
