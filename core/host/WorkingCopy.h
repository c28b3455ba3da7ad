#pragma once

// The folder a job runs from (docs/kudu-webjobs-api.md §4.5). By default a job runs from a
// copy of its package, so that a new upload never changes the files under a running process;
// a job marked `is_in_place` (the default for Node.js scripts) runs from the package itself.
//
// Copies are reused while the package is unchanged: prepare() compares the package's file
// list, sizes and modification times with those of the last copy and copies again only when
// they differ, removing copies that are no longer current.
//
// One object per job, used from the host thread.

#include <QList>
#include <QString>

namespace WebJobs {

class WorkingCopy
{
public:
    explicit WorkingCopy(QString copiesFolder);

    // The folder to run from: `packageFolder` itself when `inPlace`, else an up-to-date copy of
    // it. Empty on failure, with the reason in `error`.
    QString prepare(const QString& packageFolder, bool inPlace, QString* error);

    // Removes every copy (the job was deleted).
    void removeAll();

    struct Entry
    {
        QString path;
        qint64 size = 0;
        qint64 modified = 0;
        bool operator==(const Entry&) const = default;
    };

private:
    static QList<Entry> manifest(const QString& folder);
    static bool copyTree(const QString& from, const QString& to);

    QString m_copiesFolder;
    QString m_current;
    QList<Entry> m_manifest;
};

} // namespace WebJobs
