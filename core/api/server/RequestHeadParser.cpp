#include "core/api/server/RequestHeadParser.h"

#include <limits>

namespace WebJobs {

namespace {

using Outcome = RequestHeadParser::Outcome;
using Problem = RequestHeadParser::Problem;
using Result = RequestHeadParser::Result;

bool isTokenCharacter(char c)
{
    static constexpr QByteArrayView others("!#$%&'*+-.^_`|~");
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || others.contains(c);
}

bool isToken(QByteArrayView text)
{
    return !text.isEmpty() && std::all_of(text.begin(), text.end(), isTokenCharacter);
}

// Visible ASCII, or a byte of UTF-8 (obs-text): what a target and a field value may hold.
bool isVisible(char c)
{
    const auto byte = static_cast<unsigned char>(c);
    return (byte > 0x20 && byte < 0x7f) || byte >= 0x80;
}

bool isBlank(char c)
{
    return c == ' ' || c == '\t';
}

QByteArrayView trimBlanks(QByteArrayView text)
{
    while (!text.isEmpty() && isBlank(text.front()))
        text = text.sliced(1);
    while (!text.isEmpty() && isBlank(text.back()))
        text.chop(1);
    return text;
}

Result failure(Outcome outcome, Problem problem)
{
    Result result;
    result.outcome = outcome;
    result.problem = problem;
    return result;
}

bool parseRequestLine(QByteArrayView line, RequestHead* head, Problem* problem)
{
    *problem = Problem::RequestLine;
    qsizetype i = 0;
    while (i < line.size() && line.at(i) != ' ')
        ++i;
    const QByteArrayView method = line.first(i);
    if (!isToken(method))
        return false;
    while (i < line.size() && line.at(i) == ' ')
        ++i;
    const qsizetype targetStart = i;
    while (i < line.size() && line.at(i) != ' ') {
        if (!isVisible(line.at(i)))
            return false;
        ++i;
    }
    const QByteArrayView target = line.sliced(targetStart, i - targetStart);
    if (target.isEmpty())
        return false;
    while (i < line.size() && line.at(i) == ' ')
        ++i;
    const QByteArrayView version = line.sliced(i);
    *problem = Problem::Version;
    if (version == "HTTP/1.1")
        head->minorVersion = 1;
    else if (version == "HTTP/1.0")
        head->minorVersion = 0;
    else
        return false;
    head->method = method.toByteArray();
    head->target = target.toByteArray();
    *problem = Problem::None;
    return true;
}

// Reads the headers that frame the body; false with the problem when they are ambiguous.
bool readFraming(RequestHead* head, Problem* problem)
{
    int lengths = 0;
    int encodings = 0;
    int hosts = 0;
    for (const auto& [name, value] : std::as_const(head->headers)) {
        if (name.compare("content-length", Qt::CaseInsensitive) == 0) {
            ++lengths;
            if (value.isEmpty()
                || !std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; })) {
                *problem = Problem::ContentLength;
                return false;
            }
            qint64 length = 0;
            for (const char c : value) {
                const int digit = c - '0';
                if (length > (std::numeric_limits<qint64>::max() - digit) / 10) {
                    length = std::numeric_limits<qint64>::max();
                    break;
                }
                length = length * 10 + digit;
            }
            head->contentLength = length;
        } else if (name.compare("transfer-encoding", Qt::CaseInsensitive) == 0) {
            ++encodings;
            if (value.compare("chunked", Qt::CaseInsensitive) != 0) {
                *problem = Problem::TransferEncoding;
                return false;
            }
            head->chunked = true;
        } else if (name.compare("host", Qt::CaseInsensitive) == 0) {
            ++hosts;
        }
    }
    if (lengths > 1) {
        *problem = Problem::ContentLength;
        return false;
    }
    if (encodings > 1 || (encodings == 1 && head->minorVersion == 0)) {
        *problem = Problem::TransferEncoding;
        return false;
    }
    if (lengths == 1 && encodings == 1) {
        *problem = Problem::LengthAndChunked;
        return false;
    }
    if (hosts > 1) {
        *problem = Problem::Host;
        return false;
    }
    return true;
}

} // namespace

QByteArray RequestHead::header(const QByteArray& name) const
{
    QByteArray value;
    bool found = false;
    for (const auto& [key, text] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) != 0)
            continue;
        if (found)
            value += ", ";
        value += text;
        found = true;
    }
    return value;
}

bool RequestHead::hasHeader(const QByteArray& name) const
{
    return std::any_of(headers.begin(), headers.end(),
        [&](const auto& header) { return header.first.compare(name, Qt::CaseInsensitive) == 0; });
}

RequestHeadParser::Result RequestHeadParser::parse(QByteArrayView bytes, const Limits& limits)
{
    // What QHttpServer skips before a request line.
    qsizetype position = 0;
    while (position < bytes.size()) {
        const char c = bytes.at(position);
        if (c != '\r' && c != '\n' && c != ' ' && c != '\t' && c != '\v')
            break;
        ++position;
    }

    Result result;
    bool first = true;
    bool crlf = false;
    while (true) {
        const qsizetype end = bytes.indexOf('\n', position);
        if (end < 0) {
            if (bytes.size() - position > limits.maxLineBytes)
                return failure(Outcome::TooLarge, Problem::LineTooLong);
            if (bytes.size() > limits.maxHeadBytes)
                return failure(Outcome::TooLarge, Problem::HeadTooLarge);
            return failure(Outcome::Incomplete, Problem::None);
        }
        if (end + 1 > limits.maxHeadBytes)
            return failure(Outcome::TooLarge, Problem::HeadTooLarge);
        QByteArrayView line = bytes.sliced(position, end - position);
        const bool endsInCr = line.endsWith('\r');
        if (endsInCr)
            line.chop(1);
        if (line.size() > limits.maxLineBytes)
            return failure(Outcome::TooLarge, Problem::LineTooLong);
        if (first) {
            crlf = endsInCr;
        } else if (endsInCr != crlf) {
            return failure(Outcome::Invalid, Problem::LineEnds);
        }
        position = end + 1;
        for (const char c : line) {
            const auto byte = static_cast<unsigned char>(c);
            if (c == '\r')
                return failure(Outcome::Invalid, Problem::LineEnds);
            if ((byte < 0x20 && c != '\t') || byte == 0x7f)
                return failure(Outcome::Invalid, Problem::ControlCharacter);
        }

        if (first) {
            Problem problem = Problem::None;
            if (!parseRequestLine(line, &result.head, &problem))
                return failure(Outcome::Invalid, problem);
            first = false;
            continue;
        }
        if (line.isEmpty())
            break;
        if (isBlank(line.front()))
            return failure(Outcome::Invalid, Problem::FoldedLine);
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0 || !isToken(line.first(colon)))
            return failure(Outcome::Invalid, Problem::HeaderLine);
        const QByteArrayView value = trimBlanks(line.sliced(colon + 1));
        for (const char c : value) {
            if (!isVisible(c) && !isBlank(c))
                return failure(Outcome::Invalid, Problem::ControlCharacter);
        }
        if (result.head.headers.size() >= limits.maxFields)
            return failure(Outcome::TooLarge, Problem::TooManyFields);
        result.head.headers.append({line.first(colon).toByteArray(), value.toByteArray()});
    }

    Problem problem = Problem::None;
    if (!readFraming(&result.head, &problem))
        return failure(Outcome::Invalid, problem);
    result.outcome = Outcome::Complete;
    result.length = position;
    return result;
}

std::optional<qint64> RequestHeadParser::parseChunkSize(QByteArrayView line)
{
    const qsizetype semicolon = line.indexOf(';');
    const QByteArrayView digits = semicolon < 0 ? line : line.first(semicolon);
    if (digits.isEmpty() || digits.size() > 15)
        return std::nullopt;
    qint64 size = 0;
    for (const char c : digits) {
        int digit = 0;
        if (c >= '0' && c <= '9')
            digit = c - '0';
        else if (c >= 'a' && c <= 'f')
            digit = c - 'a' + 10;
        else if (c >= 'A' && c <= 'F')
            digit = c - 'A' + 10;
        else
            return std::nullopt;
        size = size * 16 + digit;
    }
    if (semicolon >= 0) {
        for (const char c : line.sliced(semicolon)) {
            const auto byte = static_cast<unsigned char>(c);
            if ((byte < 0x20 && c != '\t') || byte == 0x7f)
                return std::nullopt;
        }
    }
    return size;
}

} // namespace WebJobs
