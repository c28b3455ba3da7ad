#include "core/package/PackageImporter.h"

#include "core/package/ScriptDiscovery.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLocale>
#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>

#include <quazip/quazip.h>
#include <quazip/quazipfile.h>
#include <quazip/quazipfileinfo.h>

#include <algorithm>
#include <filesystem>
#include <limits>
#include <system_error>
#include <vector>

using namespace Qt::StringLiterals;

namespace WebJobs {

namespace {

Q_LOGGING_CATEGORY(lcPackage, "webjobs.package")

using Failure = PackageImporter::Failure;
using ImportResult = PackageImporter::ImportResult;

constexpr qint64 ChunkSize = 64 * 1024;
constexpr qint64 ProgressStep = 1024 * 1024;
constexpr quint32 UnixTypeMask = 0170000;
constexpr quint32 UnixSymbolicLink = 0120000;
constexpr quint16 EncryptedFlag = 0x0001;
constexpr int MethodStored = 0;
constexpr int MethodDeflated = 8;
constexpr int MethodBzip2 = 12;
const auto MacMetadataFolder = u"__MACOSX"_s;

ImportResult failure(Failure kind, const QString& error)
{
    ImportResult result;
    result.failure = kind;
    result.error = error;
    return result;
}

bool succeeded(const ImportResult& step)
{
    return step.failure == Failure::None;
}

QString formatSize(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes);
}

bool hasControlCharacter(const QString& text)
{
    return std::any_of(text.cbegin(), text.cend(), [](QChar c) { return c.unicode() < 0x20 || c.unicode() == 0x7f; });
}

// An entry name fit for a message: control characters shown as '?'.
QString displayName(const QString& name)
{
    QString shown = name;
    for (QChar& c : shown) {
        if (c.unicode() < 0x20 || c.unicode() == 0x7f)
            c = u'?';
    }
    return shown;
}

// Linux's NAME_MAX and a path far below PATH_MAX once under the jobs folder: a longer name
// cannot be created, and is the package's fault, not the disk's.
constexpr qsizetype MaxNameBytes = 255;
constexpr qsizetype MaxPathBytes = 1024;

bool isTooLong(const QString& part)
{
    return part.toUtf8().size() > MaxNameBytes;
}

enum class NameProblem
{
    None,
    Invalid,
    Absolute,
    LeavesFolder,
    TooLong,
};

// Reads a zip entry name as a relative '/'-separated path: '\' is a separator (zips made on
// Windows), empty and "." components are dropped. Anything that could land outside the
// extraction folder is a problem, never rewritten.
NameProblem normaliseEntryName(const QString& raw, QString* path, bool* directory)
{
    QString name = raw;
    name.replace(u'\\', u'/');
    if (name.isEmpty() || hasControlCharacter(name))
        return NameProblem::Invalid;
    if (name.startsWith(u'/'))
        return NameProblem::Absolute;
    if (name.size() >= 2 && name.at(1) == u':' && name.at(0).isLetter())
        return NameProblem::Absolute;
    QStringList parts;
    for (const QString& part : name.split(u'/', Qt::SkipEmptyParts)) {
        if (part == u"..")
            return NameProblem::LeavesFolder;
        if (isTooLong(part))
            return NameProblem::TooLong;
        if (part != u".")
            parts << part;
    }
    *path = parts.join(u'/');
    if (path->toUtf8().size() > MaxPathBytes)
        return NameProblem::TooLong;
    *directory = name.endsWith(u'/');
    return NameProblem::None;
}

QFile::Permissions filePermissions(quint32 unixMode)
{
    QFile::Permissions permissions = QFile::ReadOwner | QFile::WriteOwner | QFile::ReadUser | QFile::WriteUser
        | QFile::ReadGroup | QFile::ReadOther;
    if (unixMode & 0100)
        permissions |= QFile::ExeOwner | QFile::ExeUser;
    if (unixMode & 0010)
        permissions |= QFile::ExeGroup;
    if (unixMode & 0001)
        permissions |= QFile::ExeOther;
    return permissions;
}

constexpr QFile::Permissions DirectoryPermissions = QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner
    | QFile::ReadUser | QFile::WriteUser | QFile::ExeUser | QFile::ReadGroup | QFile::ExeGroup | QFile::ReadOther
    | QFile::ExeOther;

QDateTime entryModificationTime(const QuaZipFileInfo64& info)
{
    QDateTime time = info.getExtModTime();
    if (!time.isValid())
        time = info.getNTFSmTime();
    if (!time.isValid())
        time = info.dateTime;
    return time;
}

std::filesystem::path fileSystemPath(const QString& path)
{
    return QFileInfo(path).filesystemFilePath();
}

bool renamePath(const QString& from, const QString& to, QString* error)
{
    std::error_code code;
    std::filesystem::rename(fileSystemPath(from), fileSystemPath(to), code);
    if (code && error)
        *error = QString::fromStdString(code.message());
    return !code;
}

QString uniqueSiblingName(const QString& parent, const QString& prefix)
{
    for (;;) {
        const QString candidate
            = parent + u'/' + prefix + QString::number(QRandomGenerator::global()->generate64(), 36);
        if (!QFileInfo::exists(candidate) && !QFileInfo(candidate).isSymLink())
            return candidate;
    }
}

struct ZipEntry
{
    QString rawName;
    // Normalised relative path; empty for a skipped entry.
    QString path;
    bool directory = false;
    quint64 declaredSize = 0;
    QDateTime modified;
    quint32 unixMode = 0;
};

class Import
{
public:
    Import(const PackageImporter::Request& request, const std::atomic<bool>* cancel,
        const PackageImporter::ProgressCallback& progress)
        : m_request(request)
        , m_cancel(cancel)
        , m_progress(progress)
    { }

    ImportResult run();

private:
    bool cancelled() const { return m_cancel && m_cancel->load(); }
    void report(qint64 done, qint64 total, bool force);
    QString packageName() const;

    ImportResult inventory(QuaZip& zip, std::vector<ZipEntry>* entries, qint64* declaredTotal) const;
    ImportResult extractZip(const QString& staging);
    ImportResult extractEntry(QuaZip& zip, const ZipEntry& entry, const QString& staging, qint64 total);
    ImportResult copySingleFile(const QString& staging);
    ImportResult replaceTarget(const QString& staging) const;

    static ImportResult cancelledResult()
    {
        return failure(Failure::Cancelled, PackageImporter::tr("The import was cancelled."));
    }

    const PackageImporter::Request& m_request;
    const std::atomic<bool>* m_cancel;
    const PackageImporter::ProgressCallback& m_progress;
    qint64 m_written = 0;
    qint64 m_lastReported = -1;
};

QString Import::packageName() const
{
    return m_request.fileName.isEmpty() ? QFileInfo(m_request.sourcePath).fileName() : m_request.fileName;
}

void Import::report(qint64 done, qint64 total, bool force)
{
    if (!m_progress)
        return;
    if (!force && m_lastReported >= 0 && done - m_lastReported < ProgressStep)
        return;
    m_lastReported = done;
    m_progress(done, std::max(done, total));
}

ImportResult Import::run()
{
    const QString target = QDir::cleanPath(QFileInfo(m_request.targetDirectory).absoluteFilePath());
    const QString jobName = QFileInfo(target).fileName();
    if (m_request.targetDirectory.isEmpty() || jobName.isEmpty())
        return failure(Failure::InvalidRequest, PackageImporter::tr("No job folder was given for the package."));

    const QFileInfo source(m_request.sourcePath);
    if (!source.isFile() || !source.isReadable())
        return failure(Failure::InvalidRequest,
            PackageImporter::tr("Cannot read the uploaded file \"%1\": upload it again.").arg(packageName()));
    if (source.size() > m_request.limits.maxPackageBytes)
        return failure(Failure::InvalidPackage,
            PackageImporter::tr("The package \"%1\" is %2, more than the %3 allowed: make it smaller, for example by "
                                "leaving out files the job does not need.")
                .arg(packageName(), formatSize(source.size()), formatSize(m_request.limits.maxPackageBytes)));
    if (cancelled())
        return cancelledResult();

    const QString parent = QFileInfo(target).path();
    if (!QDir().mkpath(parent))
        return failure(Failure::FileSystem,
            PackageImporter::tr("Cannot create the folder %1: check the free space and the permissions of the jobs "
                                "folder.")
                .arg(QDir::toNativeSeparators(parent)));
    QTemporaryDir staging(parent + u"/."_s + jobName + u".import-XXXXXX"_s);
    if (!staging.isValid())
        return failure(Failure::FileSystem,
            PackageImporter::tr("Cannot create a staging folder in %1 (%2): check the free space and the "
                                "permissions of the jobs folder.")
                .arg(QDir::toNativeSeparators(parent), staging.errorString()));
    QFile::setPermissions(staging.path(), DirectoryPermissions);

    ImportResult step = m_request.isZip ? extractZip(staging.path()) : copySingleFile(staging.path());
    if (!succeeded(step))
        return step;
    if (cancelled())
        return cancelledResult();

    const auto script = ScriptDiscovery::find(staging.path());
    if (!script)
        return failure(Failure::NoRunnableScript, ScriptDiscovery::noRunnableScriptHint());

    step = replaceTarget(staging.path());
    if (!succeeded(step))
        return step;
    staging.setAutoRemove(false);

    ImportResult result;
    result.ok = true;
    result.runCommand = script->runCommand;
    return result;
}

ImportResult Import::inventory(QuaZip& zip, std::vector<ZipEntry>* entries, qint64* declaredTotal) const
{
    const PackageImporter::Limits& limits = m_request.limits;
    const auto tooManyEntries = [&](qint64 count) {
        return failure(Failure::InvalidPackage,
            PackageImporter::tr("The package has %1 entries, more than the %2 allowed: put fewer files in the zip.")
                .arg(QLocale().toString(count), QLocale().toString(limits.maxEntries)));
    };
    const auto tooLarge = [&](quint64 declared) {
        return failure(Failure::InvalidPackage,
            PackageImporter::tr("The package expands to %1, more than the %2 allowed: make it smaller.")
                .arg(formatSize(qint64(std::min<quint64>(declared, std::numeric_limits<qint64>::max()))),
                    formatSize(limits.maxUncompressedBytes)));
    };
    const auto damaged = [&]() {
        return failure(Failure::InvalidPackage,
            PackageImporter::tr("\"%1\" is not a valid zip file or is damaged: create the zip again and upload it.")
                .arg(packageName()));
    };

    if (zip.getEntriesCount() > limits.maxEntries)
        return tooManyEntries(zip.getEntriesCount());

    QSet<QString> seen;
    QSet<QString> files;
    QSet<QString> folders;
    quint64 declared = 0;
    for (bool more = zip.goToFirstFile(); more; more = zip.goToNextFile()) {
        QuaZipFileInfo64 info;
        if (!zip.getCurrentFileInfo(&info))
            return damaged();
        if (qint64(entries->size()) >= limits.maxEntries)
            return tooManyEntries(qint64(entries->size()) + 1);

        ZipEntry entry;
        entry.rawName = info.name;
        const QString shown = displayName(info.name);
        switch (normaliseEntryName(info.name, &entry.path, &entry.directory)) {
        case NameProblem::None:
            break;
        case NameProblem::Invalid:
            return failure(Failure::InvalidPackage,
                PackageImporter::tr("The package contains an entry with an invalid name, \"%1\": rename that file "
                                    "and create the zip again.")
                    .arg(shown));
        case NameProblem::Absolute:
            return failure(Failure::InvalidPackage,
                PackageImporter::tr("The package contains an entry with an absolute path, \"%1\": create the zip "
                                    "again with paths relative to its top folder.")
                    .arg(shown));
        case NameProblem::LeavesFolder:
            return failure(Failure::InvalidPackage,
                PackageImporter::tr("The package contains an entry that points outside the job folder, \"%1\": "
                                    "create the zip again without \"..\" in its paths.")
                    .arg(shown));
        case NameProblem::TooLong:
            return failure(Failure::InvalidPackage,
                PackageImporter::tr("The package contains an entry whose name is too long (%1 bytes at most per "
                                    "name, %2 per path), \"%3\": give it a shorter name and create the zip again.")
                    .arg(MaxNameBytes)
                    .arg(MaxPathBytes)
                    .arg(shown.left(80) + u'…'));
        }
        const bool macMetadata = entry.path == MacMetadataFolder || entry.path.startsWith(MacMetadataFolder + u'/');
        if (entry.path.isEmpty() || macMetadata) {
            entry.path.clear();
            entries->push_back(entry);
            continue;
        }

        entry.unixMode = info.externalAttr >> 16;
        if ((entry.unixMode & UnixTypeMask) == UnixSymbolicLink)
            return failure(Failure::InvalidPackage,
                PackageImporter::tr("The package contains a symbolic link, \"%1\", and links are not accepted: "
                                    "replace the link with the file it points to and create the zip again.")
                    .arg(shown));
        if (info.flags & EncryptedFlag)
            return failure(Failure::InvalidPackage,
                PackageImporter::tr("The package entry \"%1\" is protected by a password: create the zip again "
                                    "without a password.")
                    .arg(shown));
        if (!entry.directory && info.method != MethodStored && info.method != MethodDeflated
            && info.method != MethodBzip2)
            return failure(Failure::InvalidPackage,
                PackageImporter::tr("The package entry \"%1\" uses a compression method that is not supported: "
                                    "create the zip again with the standard Deflate method.")
                    .arg(shown));

        if (seen.contains(entry.path))
            return failure(Failure::InvalidPackage,
                PackageImporter::tr("The package contains \"%1\" more than once: create the zip again so that each "
                                    "path appears only once.")
                    .arg(displayName(entry.path)));
        seen.insert(entry.path);
        (entry.directory ? folders : files).insert(entry.path);
        for (qsizetype slash = entry.path.indexOf(u'/'); slash > 0; slash = entry.path.indexOf(u'/', slash + 1))
            folders.insert(entry.path.left(slash));

        if (!entry.directory) {
            if (info.uncompressedSize > quint64(limits.maxUncompressedBytes)
                || declared + info.uncompressedSize > quint64(limits.maxUncompressedBytes))
                return tooLarge(declared + info.uncompressedSize);
            declared += info.uncompressedSize;
        }
        entry.declaredSize = info.uncompressedSize;
        entry.modified = entryModificationTime(info);
        entries->push_back(entry);
    }
    if (zip.getZipError() != UNZ_OK)
        return damaged();

    for (const QString& file : std::as_const(files)) {
        if (folders.contains(file))
            return failure(Failure::InvalidPackage,
                PackageImporter::tr("The package contains \"%1\" both as a file and as a folder: create the zip "
                                    "again so that each path appears only once.")
                    .arg(displayName(file)));
    }
    *declaredTotal = qint64(declared);
    return {};
}

ImportResult Import::extractZip(const QString& staging)
{
    QuaZip zip(m_request.sourcePath);
    if (!zip.open(QuaZip::mdUnzip))
        return failure(Failure::InvalidPackage,
            PackageImporter::tr("\"%1\" is not a valid zip file or is damaged: create the zip again and upload it.")
                .arg(packageName()));

    std::vector<ZipEntry> entries;
    qint64 total = 0;
    ImportResult step = inventory(zip, &entries, &total);
    if (!succeeded(step))
        return step;

    report(0, total, true);
    std::size_t index = 0;
    for (bool more = zip.goToFirstFile(); more && index < entries.size(); more = zip.goToNextFile(), ++index) {
        if (cancelled())
            return cancelledResult();
        const ZipEntry& entry = entries[index];
        if (entry.path.isEmpty())
            continue;
        step = extractEntry(zip, entry, staging, total);
        if (!succeeded(step))
            return step;
    }
    report(m_written, total, true);
    return {};
}

ImportResult Import::extractEntry(QuaZip& zip, const ZipEntry& entry, const QString& staging, qint64 total)
{
    const QString destination = staging + u'/' + entry.path;
    const QString folder = entry.directory ? destination : QFileInfo(destination).path();
    if (!QDir().mkpath(folder))
        return failure(Failure::FileSystem,
            PackageImporter::tr("Cannot create the folder %1: check the free space and the permissions of the jobs "
                                "folder.")
                .arg(QDir::toNativeSeparators(folder)));
    if (entry.directory)
        return {};

    const QString shown = displayName(entry.rawName);
    const auto unreadable = [&]() {
        return failure(Failure::InvalidPackage,
            PackageImporter::tr("The package entry \"%1\" cannot be decompressed: the zip is damaged or truncated. "
                                "Create it again and upload it.")
                .arg(shown));
    };

    QuaZipFile input(&zip);
    if (!input.open(QIODevice::ReadOnly))
        return unreadable();
    QFile output(destination);
    if (!output.open(QIODevice::WriteOnly | QIODevice::NewOnly))
        return failure(Failure::FileSystem,
            PackageImporter::tr("Cannot write %1: %2.")
                .arg(QDir::toNativeSeparators(destination), output.errorString()));

    QByteArray buffer(ChunkSize, Qt::Uninitialized);
    quint64 entryWritten = 0;
    for (;;) {
        if (cancelled())
            return cancelledResult();
        const qint64 read = input.read(buffer.data(), buffer.size());
        if (read < 0)
            return unreadable();
        if (read == 0)
            break;
        // Declared sizes were checked already; this counts what the data really expands to.
        if (m_written + read > m_request.limits.maxUncompressedBytes)
            return failure(Failure::InvalidPackage,
                PackageImporter::tr("The package expands to more than the %1 allowed although it declares less: "
                                    "its sizes are false, so it was refused. Create the zip again with a standard "
                                    "tool.")
                    .arg(formatSize(m_request.limits.maxUncompressedBytes)));
        if (output.write(buffer.constData(), read) != read)
            return failure(Failure::FileSystem,
                PackageImporter::tr("Cannot write %1: %2.")
                    .arg(QDir::toNativeSeparators(destination), output.errorString()));
        m_written += read;
        entryWritten += quint64(read);
        report(m_written, total, false);
    }
    input.close();
    // minizip checks the CRC only when the entry's full declared size came out; a stream that
    // ends early would otherwise pass unnoticed.
    if (entryWritten != entry.declaredSize)
        return unreadable();
    if (input.getZipError() == UNZ_CRCERROR)
        return failure(Failure::InvalidPackage,
            PackageImporter::tr("The package entry \"%1\" is damaged: its checksum does not match its content. "
                                "Create the zip again and upload it.")
                .arg(shown));
    if (input.getZipError() != UNZ_OK)
        return unreadable();

    if (!output.flush())
        return failure(Failure::FileSystem,
            PackageImporter::tr("Cannot write %1: %2.")
                .arg(QDir::toNativeSeparators(destination), output.errorString()));
    output.setPermissions(filePermissions(entry.unixMode));
    if (entry.modified.isValid())
        output.setFileTime(entry.modified, QFileDevice::FileModificationTime);
    output.close();
    report(m_written, total, true);
    return {};
}

ImportResult Import::copySingleFile(const QString& staging)
{
    const QString& name = m_request.fileName;
    if (name.isEmpty() || name == u"." || name == u".." || name.contains(u'/') || name.contains(u'\\')
        || hasControlCharacter(name) || isTooLong(name))
        return failure(Failure::InvalidRequest,
            PackageImporter::tr("\"%1\" cannot be used as a script file name: give the file a plain name such as "
                                "run.sh.")
                .arg(displayName(name)));

    QFile input(m_request.sourcePath);
    if (!input.open(QIODevice::ReadOnly))
        return failure(Failure::InvalidRequest,
            PackageImporter::tr("Cannot read the uploaded file \"%1\": upload it again.").arg(displayName(name)));
    const QString destination = staging + u'/' + name;
    QFile output(destination);
    if (!output.open(QIODevice::WriteOnly | QIODevice::NewOnly))
        return failure(Failure::FileSystem,
            PackageImporter::tr("Cannot write %1: %2.")
                .arg(QDir::toNativeSeparators(destination), output.errorString()));

    const qint64 total = input.size();
    report(0, total, true);
    QByteArray buffer(ChunkSize, Qt::Uninitialized);
    for (;;) {
        if (cancelled())
            return cancelledResult();
        const qint64 read = input.read(buffer.data(), buffer.size());
        if (read < 0)
            return failure(Failure::InvalidRequest,
                PackageImporter::tr("Cannot read the uploaded file \"%1\": upload it again.").arg(displayName(name)));
        if (read == 0)
            break;
        if (output.write(buffer.constData(), read) != read)
            return failure(Failure::FileSystem,
                PackageImporter::tr("Cannot write %1: %2.")
                    .arg(QDir::toNativeSeparators(destination), output.errorString()));
        m_written += read;
        report(m_written, total, false);
    }
    if (!output.flush())
        return failure(Failure::FileSystem,
            PackageImporter::tr("Cannot write %1: %2.")
                .arg(QDir::toNativeSeparators(destination), output.errorString()));
    output.setPermissions(filePermissions(0));
    output.close();
    report(m_written, total, true);
    return {};
}

ImportResult Import::replaceTarget(const QString& staging) const
{
    const QString target = QDir::cleanPath(QFileInfo(m_request.targetDirectory).absoluteFilePath());
    const QFileInfo targetInfo(target);
    QString error;
    const auto cannotReplace = [&]() {
        return failure(Failure::FileSystem,
            PackageImporter::tr("Cannot put the new package in place of %1 (%2): the previous package was kept. "
                                "Check the permissions of the jobs folder and try again.")
                .arg(QDir::toNativeSeparators(target), error));
    };

    if (!targetInfo.exists() && !targetInfo.isSymLink()) {
        if (!renamePath(staging, target, &error))
            return cannotReplace();
        return {};
    }

    const QString backup = uniqueSiblingName(targetInfo.path(), u"."_s + targetInfo.fileName() + u".old-"_s);
    if (!renamePath(target, backup, &error))
        return cannotReplace();
    if (!renamePath(staging, target, &error)) {
        QString restoreError;
        if (!renamePath(backup, target, &restoreError))
            qCWarning(lcPackage) << "Cannot put back" << backup << "as" << target << ":" << restoreError;
        return cannotReplace();
    }
    std::error_code code;
    std::filesystem::remove_all(fileSystemPath(backup), code);
    if (code)
        qCWarning(lcPackage) << "Cannot remove the previous package" << backup << ":"
                             << QString::fromStdString(code.message());
    return {};
}

} // namespace

ImportResult PackageImporter::import(
    const Request& request, const std::atomic<bool>* cancel, const ProgressCallback& progress)
{
    return Import(request, cancel, progress).run();
}

void PackageImporter::recoverInterrupted(const QString& typeDirectory)
{
    static const QRegularExpression staging(u"^\\.(.+)\\.import-[A-Za-z0-9]+$"_s);
    static const QRegularExpression backup(u"^\\.(.+)\\.old-[a-z0-9]+$"_s);
    const QDir directory(typeDirectory);
    const QStringList names = directory.entryList(QDir::Dirs | QDir::Hidden | QDir::NoDotAndDotDot | QDir::NoSymLinks);
    for (const QString& name : names) {
        const QString path = directory.filePath(name);
        if (staging.match(name).hasMatch()) {
            QDir(path).removeRecursively();
            continue;
        }
        const QRegularExpressionMatch match = backup.match(name);
        if (!match.hasMatch())
            continue;
        const QString job = directory.filePath(match.captured(1));
        QString error;
        if (!QFileInfo::exists(job) && renamePath(path, job, &error)) {
            qCInfo(lcPackage) << "Put back the job folder" << job << "after an interrupted import";
            continue;
        }
        QDir(path).removeRecursively();
    }
}

PackageImporter::PackageImporter(Request request, QObject* parent)
    : QObject(parent)
    , m_request(std::move(request))
{ }

void PackageImporter::run()
{
    Q_EMIT started();
    m_result = import(m_request, &m_cancelled, [this](qint64 done, qint64 total) { Q_EMIT progress(done, total); });
    if (m_result.ok)
        Q_EMIT finished(m_result.runCommand);
    else
        Q_EMIT failed(m_result.error);
}

} // namespace WebJobs
