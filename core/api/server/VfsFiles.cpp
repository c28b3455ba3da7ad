#include "core/api/server/VfsFiles.h"

#include "core/model/Instant.h"
#include "core/util/EntityTag.h"
#include "core/util/OrderedJson.h"

#include <QDir>
#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace WebJobs {

namespace {

QString mtimeText(const QDateTime& time)
{
    return time.isValid() ? Instant::fromDateTime(time).toString() : Instant().toString();
}

bool isInside(const QString& canonicalRoot, const QString& canonical)
{
    return !canonical.isEmpty() && (canonical == canonicalRoot || canonical.startsWith(canonicalRoot + u'/'));
}

HttpReply redirect(const QUrl& requestUrl, const QString& encodedPath)
{
    QUrl location = requestUrl;
    location.setPath(encodedPath, QUrl::TolerantMode);
    HttpReply reply(307);
    reply.setHeader("Location", location.toEncoded());
    return reply;
}

} // namespace

VfsFiles::VfsFiles(const QString& root)
    : m_root(QDir::cleanPath(QDir(root).absolutePath()))
{ }

QByteArray VfsFiles::mediaType(const QString& fileName)
{
    const QString suffix = QFileInfo(fileName).suffix().toLower();
    if (suffix == u"txt" || suffix == u"log")
        return "text/plain";
    if (suffix == u"json" || suffix == u"job")
        return "application/json";
    if (suffix == u"html" || suffix == u"htm")
        return "text/html";
    if (suffix == u"xml" || suffix == u"config")
        return "text/xml";
    if (suffix == u"js")
        return "application/javascript";
    if (suffix == u"css")
        return "text/css";
    if (suffix == u"zip")
        return "application/zip";
    if (suffix == u"sh" || suffix == u"py" || suffix == u"cmd" || suffix == u"bat" || suffix == u"ps1"
        || suffix == u"php")
        return "text/plain";
    return "application/octet-stream";
}

VfsFiles::RangeRequest VfsFiles::parseRange(const QByteArray& header, qint64 size)
{
    RangeRequest request;
    const QByteArray value = header.trimmed();
    if (!value.startsWith("bytes="))
        return request;
    const QByteArray spec = value.mid(6).trimmed();
    if (spec.contains(','))
        return request; // several ranges: the whole file
    const qsizetype dash = spec.indexOf('-');
    if (dash < 0)
        return request;
    const QByteArray firstText = spec.left(dash).trimmed();
    const QByteArray lastText = spec.mid(dash + 1).trimmed();
    bool ok = false;
    if (firstText.isEmpty()) {
        const qint64 suffix = lastText.toLongLong(&ok);
        if (!ok || suffix < 0)
            return request;
        request.ignored = false;
        if (suffix == 0 || size == 0) {
            request.satisfiable = false;
            return request;
        }
        request.range = {std::max<qint64>(0, size - suffix), size - 1};
        return request;
    }
    const qint64 first = firstText.toLongLong(&ok);
    if (!ok || first < 0)
        return request;
    qint64 last = size - 1;
    if (!lastText.isEmpty()) {
        last = lastText.toLongLong(&ok);
        if (!ok || last < first)
            return request;
        last = std::min(last, size - 1);
    }
    request.ignored = false;
    if (first >= size) {
        request.satisfiable = false;
        return request;
    }
    request.range = {first, last};
    return request;
}

HttpReply VfsFiles::get(
    const QString& path, const QUrl& requestUrl, const QByteArray& range, const QByteArray& ifNoneMatch) const
{
    const QString normalised = QString(path).replace(u'\\', u'/');
    const QStringList components = normalised.split(u'/');
    if (components.contains(u".."_s) || path.contains(QChar(0)))
        return HttpReply::httpError(403, tr("'%1' is outside the data folder.").arg(path));
    const bool wantsFolder = path.isEmpty() || path.endsWith(u'/');
    const QString local = QDir::cleanPath(m_root + u'/' + normalised);
    if (local != m_root && !local.startsWith(m_root + u'/'))
        return HttpReply::httpError(403, tr("'%1' is outside the data folder.").arg(path));

    // Answers name the path as the client gave it, never where the data folder is.
    const QString shown = u'/' + normalised;
    const QFileInfo info(local);
    if (!info.exists())
        return HttpReply::httpError(404, u"'%1' not found."_s.arg(shown));
    const QString canonicalRoot = QFileInfo(m_root).canonicalFilePath();
    if (!isInside(canonicalRoot, info.canonicalFilePath()))
        return HttpReply::httpError(403, tr("'%1' is outside the data folder.").arg(path));
    // A FIFO would block the server until someone writes to it; devices and sockets are no
    // files either (stat() does not block on them; HttpReply::send opens without blocking).
    if (!info.isFile() && !info.isDir())
        return HttpReply::httpError(403, tr("'%1' is not a file or a folder, and only those are served.").arg(shown));

    const QString requestPath = requestUrl.path(QUrl::FullyEncoded);
    if (info.isDir()) {
        if (!wantsFolder)
            return redirect(requestUrl, requestPath + u'/');
        const QString base = requestUrl.adjusted(QUrl::RemoveQuery | QUrl::RemoveFragment).toString(QUrl::FullyEncoded);
        const QString query = requestUrl.hasQuery() ? u'?' + requestUrl.query(QUrl::FullyEncoded) : QString();
        OrderedJson list = OrderedJson::array();
        const QFileInfoList entries
            = QDir(local).entryInfoList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden, QDir::Name);
        const QString relativeFolder = QDir(m_root).relativeFilePath(local);
        for (const QFileInfo& entry : entries) {
            // A link is listed only if it leads to a file or folder inside the data folder:
            // the size and times of what lies outside are not the client's to see.
            if (entry.isSymLink() && (!entry.exists() || !isInside(canonicalRoot, entry.canonicalFilePath())))
                continue;
            const bool folder = entry.isDir();
            OrderedJson item = OrderedJson::object();
            item.insert(u"name"_s, entry.fileName());
            item.insert(u"size"_s, folder ? qint64(0) : entry.size());
            item.insert(u"mtime"_s, mtimeText(entry.lastModified()));
            const QDateTime created = entry.birthTime().isValid() ? entry.birthTime() : entry.metadataChangeTime();
            item.insert(u"crtime"_s, mtimeText(created));
            item.insert(u"mime"_s, folder ? u"inode/directory"_s : QString::fromLatin1(mediaType(entry.fileName())));
            const QString name = QString::fromUtf8(QUrl::toPercentEncoding(entry.fileName()));
            const QString href = base + name + (folder ? u"/"_s : QString()) + query;
            item.insert(u"href"_s, href);
            // Kudu gives the server's own path here; ours is the path under the data folder.
            const QString under
                = relativeFolder.isEmpty() || relativeFolder == u"." ? QString() : u'/' + relativeFolder;
            item.insert(u"path"_s, QString(under + u'/' + entry.fileName()));
            list.append(item);
        }
        return HttpReply::json(200, list.toJson());
    }
    if (wantsFolder) {
        QString trimmed = requestPath;
        while (trimmed.endsWith(u'/'))
            trimmed.chop(1);
        return redirect(requestUrl, trimmed);
    }

    const qint64 size = info.size();
    const QByteArray stamp
        = QByteArray::number(size) + ':' + QByteArray::number(info.lastModified().toMSecsSinceEpoch());
    const QByteArray tag = EntityTag::fromHash(EntityTag::hash(stamp, EntityTag::hash(local.toUtf8())));
    const QByteArray type = mediaType(info.fileName());
    if (!ifNoneMatch.isEmpty() && EntityTag::matchesIfNoneMatch(ifNoneMatch, tag)) {
        HttpReply reply(304);
        reply.setHeader("ETag", tag);
        return reply;
    }
    const RangeRequest request = parseRange(range, size);
    if (!request.ignored && !request.satisfiable) {
        HttpReply reply(416);
        reply.setHeader("Content-Range", "bytes */" + QByteArray::number(size));
        reply.setHeader("Accept-Ranges", "bytes");
        return reply;
    }
    if (!request.ignored) {
        const qint64 length = request.range.last - request.range.first + 1;
        HttpReply reply = HttpReply::file(206, local, request.range.first, length, type);
        reply.setHeader("Content-Range",
            "bytes " + QByteArray::number(request.range.first) + '-' + QByteArray::number(request.range.last) + '/'
                + QByteArray::number(size));
        reply.setHeader("Accept-Ranges", "bytes");
        reply.setHeader("ETag", tag);
        return reply;
    }
    HttpReply reply = HttpReply::file(200, local, 0, size, type);
    reply.setHeader("Accept-Ranges", "bytes");
    reply.setHeader("ETag", tag);
    reply.setHeader("Last-Modified",
        QLocale::c().toString(info.lastModified().toUTC(), u"ddd, dd MMM yyyy HH:mm:ss 'GMT'"_s).toLatin1());
    return reply;
}

} // namespace WebJobs
