#include "core/host/ProcessReaper.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>

#include <csignal>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace WebJobs::ProcessReaper {

namespace {

// Calls `visit(pid, pgid)` for each live process carrying `marker`.
template <typename Visit>
int forEachMarked(const QString& marker, Visit visit)
{
    const QByteArray needle = QByteArray(MarkerVariable) + '=' + marker.toUtf8();
    const qint64 self = ::getpid();
    int count = 0;
    const QStringList entries = QDir(u"/proc"_s).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString& entry : entries) {
        bool isPid = false;
        const qint64 pid = entry.toLongLong(&isPid);
        if (!isPid || pid == self)
            continue;
        QFile environ(u"/proc/"_s + entry + u"/environ"_s);
        if (!environ.open(QIODevice::ReadOnly))
            continue;
        const QList<QByteArray> variables = environ.readAll().split('\0');
        if (!variables.contains(needle))
            continue;
        QFile stat(u"/proc/"_s + entry + u"/stat"_s);
        if (!stat.open(QIODevice::ReadOnly))
            continue;
        const QByteArray text = stat.readAll();
        const qsizetype close = text.lastIndexOf(')');
        if (close < 0 || text.size() < close + 3 || text.at(close + 2) == 'Z')
            continue;
        const QList<QByteArray> fields = text.mid(close + 2).split(' ');
        const qint64 pgid = fields.size() > 2 ? fields.at(2).toLongLong() : 0;
        visit(pid, pgid);
        ++count;
    }
    return count;
}

} // namespace

QString markerFor(const QString& dataRoot, const QString& instance)
{
    const QByteArray seed = QDir(dataRoot).absolutePath().toUtf8() + '\n' + instance.toUtf8();
    return QString::fromLatin1(QCryptographicHash::hash(seed, QCryptographicHash::Sha256).toHex().left(24));
}

int killMarked(const QString& marker)
{
    return forEachMarked(marker, [](qint64 pid, qint64 pgid) {
        if (pgid > 1 && pgid != ::getpgrp())
            ::kill(-pid_t(pgid), SIGKILL);
        ::kill(pid_t(pid), SIGKILL);
    });
}

int countMarked(const QString& marker)
{
    return forEachMarked(marker, [](qint64, qint64) {});
}

} // namespace WebJobs::ProcessReaper
