#include "ui/log/LogArchiveExport.h"

#include "core/service/JobService.h"
#include "ui/FutureCallback.h"
#include "ui/log/LogThreads.h"
#include "ui/log/ServiceLogSource.h"

#include <QDir>
#include <QFile>
#include <QPointer>
#include <QThreadPool>

#include <quazip/quazip.h>
#include <quazip/quazipfile.h>
#include <quazip/quazipnewinfo.h>

#include <chrono>
#include <vector>

using namespace Qt::StringLiterals;

namespace WebJobs {

namespace {

constexpr int HistoryPageSize = 200;
constexpr qint64 ReadBytes = 1 << 20;

struct Entry
{
    QString name;
    QDateTime start;
    std::shared_ptr<LogReader> reader;
    qint64 size = -1;
};

} // namespace

LogArchiveExport::LogArchiveExport(JobService* service, const QString& jobName, const QString& zipPath, QObject* parent)
    : QObject(parent)
    , m_service(service)
    , m_jobName(jobName)
    , m_path(zipPath)
    , m_stop(std::make_shared<std::atomic<bool>>(false))
    , m_relay(LogThreads::relay())
{ }

LogArchiveExport::~LogArchiveExport()
{
    m_stop->store(true);
}

QString LogArchiveExport::entryName(Instant start, QSet<QString>& taken)
{
    const QString stem
        = start.isNull() ? u"unknown-start"_s : start.toDateTime().toLocalTime().toString(u"yyyy-MM-dd_HH-mm-ss"_s);
    QString name = stem + u".txt"_s;
    for (int n = 2; taken.contains(name); ++n)
        name = stem + u'_' + QString::number(n) + u".txt"_s;
    taken.insert(name);
    return name;
}

void LogArchiveExport::start()
{
    if (m_running)
        return;
    m_running = true;
    m_stop->store(false);
    m_runs.clear();
    Q_EMIT started();
    fetchRuns(0);
}

void LogArchiveExport::cancel()
{
    m_stop->store(true);
}

void LogArchiveExport::fail(const QString& message)
{
    m_running = false;
    Q_EMIT failed(message);
}

void LogArchiveExport::fetchRuns(int offset)
{
    whenFinished(this, m_service->history(m_jobName, offset, HistoryPageSize), [this](const HistoryPage& page) {
        if (m_stop->load()) {
            fail(tr("The download was cancelled."));
            return;
        }
        m_runs += page.runs;
        if (!page.runs.isEmpty() && m_runs.size() < page.total)
            fetchRuns(int(m_runs.size()));
        else
            write();
    });
}

void LogArchiveExport::write()
{
    if (m_runs.isEmpty()) {
        fail(tr("%1 has no runs yet: there is no log to download.").arg(m_jobName));
        return;
    }
    // Oldest first; the readers are made here, in the service's thread.
    std::vector<Entry> entries;
    QSet<QString> taken;
    for (auto it = m_runs.crbegin(); it != m_runs.crend(); ++it) {
        Entry entry;
        entry.name = entryName(it->startTime(), taken);
        entry.start
            = it->startTime().isNull() ? QDateTime::currentDateTime() : it->startTime().toDateTime().toLocalTime();
        entry.reader = std::make_shared<ServiceLogReader>(m_service, JobType::Triggered, m_jobName, it->id());
        entries.push_back(std::move(entry));
    }
    QPointer<LogArchiveExport> self(this);
    const auto post = [relay = m_relay, self](auto function) {
        QMetaObject::invokeMethod(
            relay.get(),
            [self, function] {
                if (self)
                    function(self.data());
            },
            Qt::QueuedConnection);
    };
    LogThreads::work()->start([entries = std::move(entries), path = m_path, stop = m_stop, post]() mutable {
        const auto cancelled
            = [&] { post([](LogArchiveExport* exporter) { exporter->fail(tr("The download was cancelled.")); }); };
        qint64 total = 0;
        for (Entry& entry : entries) {
            if (stop->load())
                return cancelled();
            const LogStat stat = entry.reader->stat();
            entry.size = stat.ok() ? stat.size : -1;
            total += std::max<qint64>(0, entry.size);
        }
        post([total](LogArchiveExport* exporter) { Q_EMIT exporter->progress(0, total); });

        const QString partial = path + u".part"_s;
        QuaZip zip(partial);
        const auto cannotWrite = [&](const QString& reason) {
            zip.close();
            QFile::remove(partial);
            post([path, reason](LogArchiveExport* exporter) {
                exporter->fail(
                    tr("Cannot write %1: %2. Choose another folder.").arg(QDir::toNativeSeparators(path), reason));
            });
        };
        if (!zip.open(QuaZip::mdCreate))
            return cannotWrite(tr("error %1").arg(zip.getZipError()));
        qint64 done = 0;
        int written = 0;
        int missing = 0;
        auto lastPost = std::chrono::steady_clock::now();
        for (Entry& entry : entries) {
            if (entry.size < 0) {
                ++missing;
                continue;
            }
            QuaZipNewInfo info(entry.name);
            info.dateTime = entry.start;
            info.setPermissions(
                QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup | QFileDevice::ReadOther);
            QuaZipFile out(&zip);
            if (!out.open(QIODevice::WriteOnly, info))
                return cannotWrite(tr("error %1").arg(out.getZipError()));
            for (qint64 offset = 0; offset < entry.size;) {
                if (stop->load()) {
                    out.close();
                    zip.close();
                    QFile::remove(partial);
                    return cancelled();
                }
                const LogBytes bytes = entry.reader->read(offset, std::min(ReadBytes, entry.size - offset));
                if (!bytes.ok()) {
                    out.close();
                    zip.close();
                    QFile::remove(partial);
                    post([message = bytes.error](LogArchiveExport* exporter) { exporter->fail(message); });
                    return;
                }
                if (bytes.data.isEmpty())
                    break; // shorter than it was: what there is
                if (out.write(bytes.data) != bytes.data.size())
                    return cannotWrite(out.errorString());
                offset += bytes.data.size();
                done += bytes.data.size();
                const auto now = std::chrono::steady_clock::now();
                if (now - lastPost > std::chrono::milliseconds(50)) {
                    lastPost = now;
                    post([done, total](LogArchiveExport* exporter) { Q_EMIT exporter->progress(done, total); });
                }
            }
            out.close();
            if (out.getZipError() != 0)
                return cannotWrite(tr("error %1").arg(out.getZipError()));
            ++written;
        }
        zip.close();
        if (zip.getZipError() != 0)
            return cannotWrite(tr("error %1").arg(zip.getZipError()));
        QFile::remove(path);
        if (!QFile::rename(partial, path)) {
            QFile::remove(partial);
            return cannotWrite(tr("the file cannot be renamed"));
        }
        post([path, written, missing, total](LogArchiveExport* exporter) {
            exporter->m_running = false;
            Q_EMIT exporter->progress(total, total);
            Q_EMIT exporter->finished(path, written, missing);
        });
    });
}

} // namespace WebJobs
