#include "tests/support/ZipBuilder.h"

#include <QDebug>
#include <QFile>
#include <QTemporaryDir>
#include <QtEndian>

#include <quazip/quacrc32.h>
#include <quazip/quazip.h>
#include <quazip/quazipfile.h>
#include <quazip/quazipnewinfo.h>

using namespace Qt::StringLiterals;

namespace WebJobs::Test {

namespace {

constexpr quint32 UnixRegularFile = 0100000;
constexpr quint32 UnixDirectory = 0040000;
constexpr quint32 UnixSymbolicLink = 0120000;

quint32 crcOf(const QByteArray& data)
{
    QuaCrc32 crc;
    return crc.calculate(data);
}

// The raw deflate stream of `data`, obtained by zipping it and reading the entry back raw.
std::optional<QByteArray> deflated(const QByteArray& data)
{
    QTemporaryDir scratch;
    const QString path = scratch.filePath(u"scratch.zip"_s);
    {
        QuaZip zip(path);
        if (!zip.open(QuaZip::mdCreate))
            return std::nullopt;
        QuaZipFile out(&zip);
        if (!out.open(QIODevice::WriteOnly, QuaZipNewInfo(u"data"_s)))
            return std::nullopt;
        out.write(data);
        out.close();
        zip.close();
    }
    QuaZip zip(path);
    if (!zip.open(QuaZip::mdUnzip) || !zip.goToFirstFile())
        return std::nullopt;
    QuaZipFile in(&zip);
    int method = 0;
    if (!in.open(QIODevice::ReadOnly, &method, nullptr, true))
        return std::nullopt;
    return in.readAll();
}

} // namespace

QDateTime defaultEntryTime()
{
    return QDateTime(QDate(2021, 5, 6), QTime(7, 8, 10));
}

bool writeZip(const QString& path, const QList<ZipEntry>& entries)
{
    QuaZip zip(path);
    zip.setUtf8Enabled(true);
    if (!zip.open(QuaZip::mdCreate)) {
        qWarning() << "cannot create" << path << zip.getZipError();
        return false;
    }
    for (const ZipEntry& entry : entries) {
        QuaZipNewInfo info(entry.name);
        info.dateTime = entry.modified.isValid() ? entry.modified : defaultEntryTime();
        quint32 type = UnixRegularFile;
        if (entry.type == ZipEntry::Type::Directory)
            type = UnixDirectory;
        else if (entry.type == ZipEntry::Type::SymbolicLink)
            type = UnixSymbolicLink;
        info.externalAttr = (type | entry.unixMode) << 16;
        info.extraGlobal = entry.centralExtra;

        QuaZipFile out(&zip);
        const char* password = entry.password.isEmpty() ? nullptr : entry.password.constData();
        bool opened = false;
        QByteArray payload = entry.data;
        if (entry.declaredSize) {
            const auto raw = deflated(entry.data);
            if (!raw)
                return false;
            payload = *raw;
            info.uncompressedSize = *entry.declaredSize;
            opened = out.open(
                QIODevice::WriteOnly, info, nullptr, crcOf(entry.data), Z_DEFLATED, Z_DEFAULT_COMPRESSION, true);
        } else if (entry.crc) {
            info.uncompressedSize = ulong(entry.data.size());
            opened = out.open(QIODevice::WriteOnly, info, nullptr, *entry.crc, 0, 0, true);
        } else {
            opened = out.open(QIODevice::WriteOnly, info, password, 0, entry.stored ? 0 : Z_DEFLATED,
                entry.stored ? 0 : Z_DEFAULT_COMPRESSION);
        }
        if (!opened) {
            qWarning() << "cannot add" << entry.name << out.getZipError();
            return false;
        }
        if (out.write(payload) != payload.size()) {
            qWarning() << "cannot write" << entry.name << out.getZipError();
            return false;
        }
        out.close();
        if (out.getZipError() != ZIP_OK) {
            qWarning() << "cannot close" << entry.name << out.getZipError();
            return false;
        }
    }
    zip.close();
    return zip.getZipError() == ZIP_OK;
}

bool truncateBy(const QString& path, qint64 bytes)
{
    QFile file(path);
    return file.resize(file.size() - bytes);
}

bool keepFirst(const QString& path, qint64 bytes)
{
    QFile file(path);
    return file.resize(bytes);
}

bool corruptFirstEntryData(const QString& path, int count)
{
    qint64 compressedSize = 0;
    {
        QuaZip zip(path);
        QuaZipFileInfo64 info;
        if (!zip.open(QuaZip::mdUnzip) || !zip.goToFirstFile() || !zip.getCurrentFileInfo(&info))
            return false;
        compressedSize = qint64(info.compressedSize);
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadWrite))
        return false;
    QByteArray bytes = file.readAll();
    // Local file header: 30 fixed bytes, then the name and the extra field.
    const qint64 dataStart
        = 30 + qFromLittleEndian<quint16>(bytes.constData() + 26) + qFromLittleEndian<quint16>(bytes.constData() + 28);
    const qint64 middle = dataStart + compressedSize / 2;
    if (middle + count > bytes.size())
        return false;
    for (int i = 0; i < count; ++i)
        bytes[middle + i] = char(~bytes.at(middle + i));
    file.seek(0);
    return file.write(bytes) == bytes.size();
}

QByteArray extendedTimestampField(const QDateTime& modified)
{
    QByteArray field(9, '\0');
    qToLittleEndian<quint16>(0x5455, field.data());
    qToLittleEndian<quint16>(5, field.data() + 2);
    field[4] = 1; // flags: modification time present
    qToLittleEndian<qint32>(qint32(modified.toSecsSinceEpoch()), field.data() + 5);
    return field;
}

} // namespace WebJobs::Test
