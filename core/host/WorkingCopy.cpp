#include "core/host/WorkingCopy.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QTimeZone>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace WebJobs {

WorkingCopy::WorkingCopy(QString copiesFolder)
    : m_copiesFolder(std::move(copiesFolder))
{ }

QList<WorkingCopy::Entry> WorkingCopy::manifest(const QString& folder)
{
    QList<Entry> entries;
    QDirIterator it(folder, QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    const QDir base(folder);
    while (it.hasNext()) {
        it.next();
        const QFileInfo info = it.fileInfo();
        entries.append({base.relativeFilePath(info.filePath()), info.size(), info.lastModified().toMSecsSinceEpoch()});
    }
    std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) { return a.path < b.path; });
    return entries;
}

bool WorkingCopy::copyTree(const QString& from, const QString& to)
{
    if (!QDir().mkpath(to))
        return false;
    QDirIterator it(from, QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    const QDir source(from);
    const QDir target(to);
    while (it.hasNext()) {
        it.next();
        const QFileInfo info = it.fileInfo();
        const QString destination = target.filePath(source.relativeFilePath(info.filePath()));
        if (info.isDir()) {
            if (!QDir().mkpath(destination))
                return false;
            continue;
        }
        if (!QFile::copy(info.filePath(), destination))
            return false;
        QFile copy(destination);
        copy.setPermissions(info.permissions());
        if (copy.open(QIODevice::ReadWrite))
            copy.setFileTime(info.lastModified(), QFileDevice::FileModificationTime);
    }
    return true;
}

QString WorkingCopy::prepare(const QString& packageFolder, bool inPlace, QString* error)
{
    if (inPlace)
        return packageFolder;
    const QList<Entry> current = manifest(packageFolder);
    if (!m_current.isEmpty() && current == m_manifest && QFileInfo::exists(m_current))
        return m_current;

    const QString copy = m_copiesFolder + u'/' + QUuid::createUuid().toString(QUuid::Id128).left(12);
    if (!copyTree(packageFolder, copy)) {
        QDir(copy).removeRecursively();
        *error = QCoreApplication::translate("WorkingCopy",
            "Cannot copy the job's files to %1: check the free space and the permissions of that folder.")
                     .arg(copy);
        return {};
    }
    // Older copies are not in use: a job runs one process at a time, and its previous process
    // has ended before a new run prepares its folder.
    const QStringList old = QDir(m_copiesFolder).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString& name : old) {
        const QString path = m_copiesFolder + u'/' + name;
        if (path != copy)
            QDir(path).removeRecursively();
    }
    m_current = copy;
    m_manifest = current;
    return copy;
}

void WorkingCopy::removeAll()
{
    QDir(m_copiesFolder).removeRecursively();
    m_current.clear();
    m_manifest.clear();
}

} // namespace WebJobs
