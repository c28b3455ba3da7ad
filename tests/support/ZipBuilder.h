#pragma once

// Test helper: writes real zip files with QuaZip, including hostile and broken ones (crafted
// names, symbolic links, duplicates, lying sizes, wrong checksums, truncation).

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace WebJobs::Test {

struct ZipEntry
{
    enum class Type
    {
        File,
        Directory,
        SymbolicLink,
    };

    QString name;
    // File content, or the target of a symbolic link.
    QByteArray data;
    Type type = Type::File;
    // Unix permission bits written in the high half of the external attributes.
    quint32 unixMode = 0644;
    // Default: 2021-05-06 07:08:10 local time.
    QDateTime modified;
    // Stored (method 0) instead of deflated.
    bool stored = false;
    // Written raw with this CRC instead of the real one (a checksum mismatch).
    std::optional<quint32> crc;
    // Written raw (deflated data of `data`) but declaring this uncompressed size.
    std::optional<quint32> declaredSize;
    // Encrypts the entry (traditional PKWARE encryption).
    QByteArray password;
    // Extra field written in the central directory.
    QByteArray centralExtra;

    static ZipEntry file(const QString& name, const QByteArray& data = "echo hello\n", quint32 mode = 0644)
    {
        ZipEntry entry;
        entry.name = name;
        entry.data = data;
        entry.unixMode = mode;
        return entry;
    }
    static ZipEntry directory(const QString& name)
    {
        ZipEntry entry;
        entry.name = name;
        entry.type = Type::Directory;
        entry.unixMode = 0755;
        return entry;
    }
    static ZipEntry symbolicLink(const QString& name, const QByteArray& target)
    {
        ZipEntry entry;
        entry.name = name;
        entry.data = target;
        entry.type = Type::SymbolicLink;
        entry.unixMode = 0777;
        return entry;
    }
};

QDateTime defaultEntryTime();

// Writes `entries` in order into a new zip at `path`. False (with a warning) on failure.
bool writeZip(const QString& path, const QList<ZipEntry>& entries);

// Cuts `bytes` off the end of the file.
bool truncateBy(const QString& path, qint64 bytes);
// Keeps only the first `bytes` bytes of the file.
bool keepFirst(const QString& path, qint64 bytes);
// Inverts the bits of `count` bytes in the middle of the first entry's compressed data.
bool corruptFirstEntryData(const QString& path, int count = 8);

// An "UT" extended timestamp extra field (0x5455) holding only the modification time.
QByteArray extendedTimestampField(const QDateTime& modified);

} // namespace WebJobs::Test
