#include "core/host/WorkingCopy.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QTimeZone>
#include <QUuid>

#include <ftw.h>
#include <sys/stat.h>

using namespace Qt::StringLiterals;

namespace WebJobs {

WorkingCopy::WorkingCopy(QString copiesFolder)
    : m_copiesFolder(std::move(copiesFolder))
{ }

namespace {

// nftw() takes a plain function: the walk in progress is kept here.
thread_local QList<WorkingCopy::Entry>* t_entries = nullptr;
thread_local size_t t_rootLength = 0;

int collect(const char* path, const struct stat* info, int type, struct FTW*)
{
    if (type == FTW_F || type == FTW_SL)
        t_entries->append({QFile::decodeName(path + t_rootLength), qint64(info->st_size),
            qint64(info->st_mtim.tv_sec) * 1000 + info->st_mtim.tv_nsec / 1000000});
    return 0;
}

} // namespace

QList<WorkingCopy::Entry> WorkingCopy::manifest(const QString& folder)
{
    // Runs before every run of a job that is not in place: plain nftw(), no QFileInfo.
    QList<Entry> entries;
    const QByteArray root = QFile::encodeName(folder);
    t_entries = &entries;
    t_rootLength = size_t(root.size()) + 1;
    ::nftw(root.constData(), collect, 16, FTW_PHYS);
    t_entries = nullptr;
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
