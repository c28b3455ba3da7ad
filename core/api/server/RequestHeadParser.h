#pragma once

// Reads the head of an HTTP/1.x request as the agent's RequestGate must before QHttpServer
// reads it: a pure function of the bytes received so far, so that it is tested and fuzzed
// alone (fuzz/FuzzRequestHead.cpp).
//
// The gate lets a request through only when QHttpServer 6.4 frames it the same way (where its
// head ends, whether a body follows, how long it is); anything else is refused, because a
// request the two read differently is how a body slips past the gate into QHttpServer's
// buffers. QHttpServer 6.4 accepts, and so does this parser:
//   - line breaks and blanks before the request line (ignored);
//   - METHOD SP+ TARGET SP+ HTTP/1.1 (or HTTP/1.0), lines ending in CRLF, or all in LF;
//   - header lines `name: value`, the name a token, the value trimmed of blanks;
//   - a body framed by one Content-Length or by `Transfer-Encoding: chunked`.
// QHttpServer also takes, and this parser refuses (Invalid, answered 400):
//   - line ends mixed within a head, such as a head ending in "\n\r\n", and a CR that does
//     not end a line (QHttpServer ends a head on "\n\r\n" and reads the rest as a body);
//   - two Content-Length or Transfer-Encoding headers, a length that is not digits, a length
//     together with chunked, a transfer coding other than chunked (QHttpServer reads the first
//     length and ignores the second, or sees "chunked" anywhere in the value);
//   - a header line that is not `token: value` (QHttpServer then drops every header of the
//     request, its length included, and reads its body as the next request), folded lines,
//     control characters, and two Host headers;
//   - a request line with another protocol, or with anything after the version.
// TooLarge (answered 431): a line longer than Limits::maxLineBytes, more than maxFields header
// lines (QHttpServer drops them all past 100 or past 8 KiB per line), or a head longer than
// maxHeadBytes, whether it has ended or not.
//
// Value types; any thread.

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QPair>

#include <optional>

namespace WebJobs {

// The head of a request as the gate read it.
struct RequestHead
{
    QByteArray method;
    QByteArray target; // as sent: path and query, still encoded
    int minorVersion = 1; // HTTP/1.<minorVersion>
    QList<QPair<QByteArray, QByteArray>> headers;
    qint64 contentLength = -1; // -1 when absent; saturated at the largest qint64
    bool chunked = false;

    // The value of a header (case-insensitive name; repeated headers joined with ", ").
    QByteArray header(const QByteArray& name) const;
    bool hasHeader(const QByteArray& name) const;
    bool hasBody() const { return chunked || contentLength > 0; }
};

class RequestHeadParser
{
public:
    struct Limits
    {
        qsizetype maxHeadBytes = 32 * 1024;
        qsizetype maxLineBytes = 8 * 1024;
        int maxFields = 100;
    };

    enum class Outcome
    {
        Incomplete, // no end yet, nothing wrong so far: wait for more bytes
        Complete,
        Invalid, // 400
        TooLarge, // 431
    };

    enum class Problem
    {
        None,
        RequestLine,
        Version,
        LineEnds,
        ControlCharacter,
        HeaderLine,
        FoldedLine,
        ContentLength,
        TransferEncoding,
        LengthAndChunked,
        Host,
        LineTooLong,
        TooManyFields,
        HeadTooLarge,
    };

    struct Result
    {
        Outcome outcome = Outcome::Incomplete;
        Problem problem = Problem::None;
        // Complete: the bytes the head took, the blank lines before it and the empty line that
        // ends it included (the body, if any, starts there).
        qsizetype length = 0;
        RequestHead head;
    };

    // Reads the head at the start of `bytes` (the bytes after it, a body or the next request,
    // are not looked at).
    static Result parse(QByteArrayView bytes, const Limits& limits);
    static Result parse(QByteArrayView bytes) { return parse(bytes, Limits()); }

    // A chunk-size line of a chunked body without its CRLF: 1*HEXDIG, then optionally
    // `;extensions` (ignored). std::nullopt when it is not one or does not fit in 60 bits.
    static std::optional<qint64> parseChunkSize(QByteArrayView line);
};

} // namespace WebJobs
