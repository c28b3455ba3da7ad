// libFuzzer target: the request gate's head parser (core/api/server/RequestHeadParser).
// Besides crashes and memory errors (AddressSanitizer), it checks what the gate relies on:
// a complete head lies within the input and within the limits, reads the same when cut at
// its end, and its framing is never ambiguous.

#include "core/api/server/RequestHeadParser.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>

using WebJobs::RequestHeadParser;

namespace {

void check(bool condition)
{
    if (!condition)
        std::abort();
}

void parseWith(QByteArrayView bytes, const RequestHeadParser::Limits& limits)
{
    const RequestHeadParser::Result result = RequestHeadParser::parse(bytes, limits);
    switch (result.outcome) {
    case RequestHeadParser::Outcome::Complete: {
        check(result.problem == RequestHeadParser::Problem::None);
        check(result.length > 0 && result.length <= bytes.size() && result.length <= limits.maxHeadBytes);
        check(result.head.headers.size() <= limits.maxFields);
        check(!(result.head.chunked && result.head.contentLength >= 0));
        check(!result.head.method.isEmpty() && !result.head.target.isEmpty());
        const RequestHeadParser::Result again = RequestHeadParser::parse(bytes.first(result.length), limits);
        check(again.outcome == RequestHeadParser::Outcome::Complete && again.length == result.length);
        check(again.head.contentLength == result.head.contentLength && again.head.chunked == result.head.chunked);
        // One byte short of its end, a head is never complete.
        check(RequestHeadParser::parse(bytes.first(result.length - 1), limits).outcome
            != RequestHeadParser::Outcome::Complete);
        break;
    }
    case RequestHeadParser::Outcome::Incomplete:
        check(result.problem == RequestHeadParser::Problem::None);
        check(bytes.size() <= limits.maxHeadBytes);
        break;
    case RequestHeadParser::Outcome::Invalid:
    case RequestHeadParser::Outcome::TooLarge:
        check(result.problem != RequestHeadParser::Problem::None);
        break;
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArrayView bytes(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    parseWith(bytes, RequestHeadParser::Limits());
    // Small limits reach the limit paths with small inputs.
    parseWith(bytes, RequestHeadParser::Limits {256, 64, 4});
    if (const std::optional<qint64> chunk = RequestHeadParser::parseChunkSize(bytes))
        check(*chunk >= 0);
    return 0;
}
