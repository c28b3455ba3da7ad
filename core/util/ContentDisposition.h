#pragma once

// The file name of an upload, read from its Content-Disposition header the way Kudu reads it
// (docs/kudu-webjobs-api.md §2.3.2): the `filename` parameter only (`filename*` is not
// consulted, as .NET's ContentDisposition.FileName), unquoted, an RFC 2047 encoded word
// (`=?utf-8?B?…?=`, what .NET clients send for non-ASCII names) decoded, surrounding quotes
// trimmed and any directory part stripped (Path.GetFileName; '/' and '\' both separate).
//
// Pure functions, any thread.

#include <QByteArray>
#include <QString>

namespace WebJobs::ContentDisposition {

// The file name, or an empty string when the header has no usable `filename`.
QString fileName(const QByteArray& headerValue);

// Decodes RFC 2047 encoded words (B and Q encodings; UTF-8, ISO-8859-1 and US-ASCII), joining
// adjacent words; text that is not an encoded word is kept as is.
QString decodeEncodedWords(const QString& text);

} // namespace WebJobs::ContentDisposition
