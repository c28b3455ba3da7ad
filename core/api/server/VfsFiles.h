#pragma once

// Kudu's VFS reads (docs/kudu-webjobs-api.md §2.3.9): GET and HEAD of /vfs/{*path} and
// /api/vfs/{*path}, rooted at the agent's data folder, which holds Kudu's layout, so the
// URLs in jobs and runs (output_url, log_url, scheduler_logs_url) resolve here.
//
//   file        the bytes, with a media type from the extension (text/plain for .txt and
//               .log), an ETag, Accept-Ranges, and HTTP Range (one range: 206 with
//               Content-Range, a last position past the end, of any number of digits, meaning
//               the end; unsatisfiable: 416 with "Content-Range: bytes */size"; several ranges,
//               another unit or an invalid range: the whole file, as RFC 9110 allows)
//   folder      Kudu's listing: [{"name","size","mtime","crtime","mime","href","path"}], "path"
//               under the data folder (Kudu's is the server's path); links that lead out of
//               the data folder are left out
//   other       a FIFO, socket or device: 403 HttpError (only files and folders are served)
//   redirects   a folder without a trailing '/' or a file with one: 307 to the other form
//   missing     404 HttpError {"Message":"'/<path>' not found."} (the path under the data
//               folder: no answer names where the data folder is)
//   escaping    a ".." component, or a link leading out of the data folder: 403 HttpError
//
// Value type; get() reads the file system in the calling thread (the listing's metadata, and
// opening the file served, without blocking on a FIFO): blocking file work, which the server
// runs on FileSender::threadPool(), never on the thread that serves requests. The file's bytes
// are read there too, by the FileSender that HttpReply::send starts.

#include "core/api/server/HttpReply.h"

#include <QCoreApplication>
#include <QString>
#include <QUrl>

#include <optional>

namespace WebJobs {

class VfsFiles
{
    Q_DECLARE_TR_FUNCTIONS(VfsFiles)

public:
    explicit VfsFiles(const QString& root);

    // The answer to a GET (or HEAD: same headers) of `path`, relative to the root, as the route
    // decoded it. `requestUrl` serves the redirects and the hrefs of a listing.
    HttpReply get(
        const QString& path, const QUrl& requestUrl, const QByteArray& range, const QByteArray& ifNoneMatch) const;

    // The media type served for a file name.
    static QByteArray mediaType(const QString& fileName);

    struct ByteRange
    {
        qint64 first = 0;
        qint64 last = -1; // inclusive
    };
    struct RangeRequest
    {
        bool ignored = true; // serve the whole file
        bool satisfiable = true;
        ByteRange range;
    };
    // Reads a Range header against a file of `size` bytes. Positions are 1*DIGIT of any length:
    // those past qint64 compare exactly and count as past the end of any file.
    static RangeRequest parseRange(const QByteArray& header, qint64 size);

private:
    QString m_root;
};

} // namespace WebJobs
