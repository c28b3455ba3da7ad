#include "core/api/server/VfsFiles.h"

#include "core/model/Instant.h"
#include "core/util/EntityTag.h"
#include "core/util/OrderedJson.h"

#include <QDir>
#include <QFileInfo>

#include <limits>
#include <optional>

using namespace Qt::StringLiterals;

namespace WebJobs {

namespace {

QString mtimeText(const QDateTime& time)
{
    return time.isValid() ? Instant::fromDateTime(time).toString() : Instant().toString();
}

// A byte position of a Range header: 1*DIGIT (RFC 9110 §14.1.1), of any length. Its digits
// without leading zeros ("0" for zero); nullopt when it is not all digits.
std::optional<QByteArray> positionDigits(const QByteArray& text)
{
    if (text.isEmpty())
        return std::nullopt;
    for (const char c : text) {
        if (c < '0' || c > '9')
            return std::nullopt;
    }
    qsizetype zeros = 0;
    while (zeros < text.size() - 1 && text[zeros] == '0')
        ++zeros;
    return text.mid(zeros);
}

// Orders two positions given as digits without leading zeros, whatever their length.
bool positionLess(const QByteArray& a, const QByteArray& b)
{
    return a.size() != b.size() ? a.size() < b.size() : a < b;
}

// The value of a position; one too large for qint64 is the largest qint64, which no file
// reaches, so a position past the end stays past the end.
qint64 positionValue(const QByteArray& digits)
{
    constexpr qint64 largest = std::numeric_limits<qint64>::max();
    qint64 value = 0;
    for (const char c : digits) {
        const int digit = c - '0';
        if (value > (largest - digit) / 10)
            return largest;
        value = value * 10 + digit;
    }
    return value;
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
    if (firstText.isEmpty()) {
        // A suffix: the last N bytes, all of them when N is the file's size or more.
        const std::optional<QByteArray> suffix = positionDigits(lastText);
        if (!suffix)
            return request;
        request.ignored = false;
        const qint64 length = positionValue(*suffix);
        if (length == 0 || size == 0) {
            request.satisfiable = false;
            return request;
        }
        request.range = {std::max<qint64>(0, size - length), size - 1};
        return request;
    }
    const std::optional<QByteArray> firstDigits = positionDigits(firstText);
    if (!firstDigits)
        return request;
    std::optional<QByteArray> lastDigits;
    if (!lastText.isEmpty()) {
        // Compared as digits: positions past qint64 keep their order (last before first is
        // invalid, and an invalid Range is ignored).
        lastDigits = positionDigits(lastText);
        if (!lastDigits || positionLess(*lastDigits, *firstDigits))
            return request;
    }
    request.ignored = false;
    const qint64 first = positionValue(*firstDigits);
    if (first >= size) {
        request.satisfiable = false;
        return request;
    }
    // A last position past the end means the end (RFC 9110 §14.1.2).
    const qint64 last = lastDigits ? std::min(positionValue(*lastDigits), size - 1) : size - 1;
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
