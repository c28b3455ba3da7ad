// bench-console: what the console's GUI thread goes through with 1,000 jobs and 100,000 runs in
// the local host, against reading the same data from the store directly, in the same run.
//
//   fill      JobService::jobs() until the 1,000 rows are in the GUI thread's hands
//             vs JobStore::jobs() + latestRuns() on a connection of its own
//   change    1,000 jobs changed at once (settings.job rewritten): from the host's first
//             change until every row is updated in the GUI thread, the number of batches
//             (jobsChanged signals) and the GUI time to apply them
//             vs reading those 1,000 jobs' latest runs from the store
//   history   the first page (30 runs) of a job's history through the service
//             vs JobStore::history() directly
//
// A 1 ms heartbeat timer in the GUI (main) thread measures its longest stall during each
// phase. The views' own painting is not included (this program links no widgets).
//
// Usage: bench-console [--jobs N] [--runs-per-job N]
// Goal (issue #5): no GUI-thread stall over 50 ms.

#include "common/BenchStats.h"
#include "core/service/LocalJobService.h"
#include "core/store/JobStore.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QHash>
#include <QTemporaryDir>
#include <QTimer>

#include <functional>

using namespace Qt::StringLiterals;
using namespace WebJobs;
using Bench::out;
using Bench::waitFor;

namespace {

// The longest gap between two ticks of a 1 ms timer in this thread.
class Heartbeat
{
public:
    Heartbeat()
    {
        m_timer.setInterval(1);
        m_timer.setTimerType(Qt::PreciseTimer);
        QObject::connect(&m_timer, &QTimer::timeout, [this] {
            const qint64 now = m_clock.nsecsElapsed();
            m_longest = std::max(m_longest, now - m_last);
            m_last = now;
        });
    }
    void start()
    {
        m_longest = 0;
        m_clock.start();
        m_last = 0;
        m_timer.start();
    }
    double stop()
    {
        m_timer.stop();
        return double(m_longest) / 1e6;
    }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_last = 0;
    qint64 m_longest = 0;
};

double ms(const QElapsedTimer& timer)
{
    return double(timer.nsecsElapsed()) / 1e6;
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({u"jobs"_s, u"Number of jobs."_s, u"N"_s, u"1000"_s});
    parser.addOption({u"runs-per-job"_s, u"Runs in each job's history."_s, u"N"_s, u"100"_s});
    parser.process(app);
    const int jobCount = parser.value(u"jobs"_s).toInt();
    const int runsPerJob = parser.value(u"runs-per-job"_s).toInt();

    QTemporaryDir data;
    const QString root = data.path();
    const auto jobName = [](int i) { return u"job%1"_s.arg(i, 4, 10, QChar(u'0')); };

    // The jobs' folders, as a Kudu site has them, and their runs straight into the store.
    QElapsedTimer setup;
    setup.start();
    for (int i = 0; i < jobCount; ++i) {
        const QString folder = root + u"/site/wwwroot/App_Data/jobs/triggered/"_s + jobName(i);
        QDir().mkpath(folder);
        QFile script(folder + u"/run.sh"_s);
        if (!script.open(QIODevice::WriteOnly) || script.write("#!/bin/sh\nexit 0\n") < 0)
            return 1;
    }
    const QString databaseUrl = root + u"/webjobs.db"_s;
    {
        QString error;
        std::unique_ptr<JobStore> store = JobStore::open(databaseUrl, &error);
        if (!store) {
            out() << "cannot open the store: " << error << Qt::endl;
            return 1;
        }
        const Instant base = Instant::now() - Duration::fromSeconds(qint64(runsPerJob) * 3600);
        const bool ok = store->transaction([&] {
            for (int i = 0; i < jobCount; ++i) {
                if (!store->upsertJob({JobType::Triggered, jobName(i), u"run.sh"_s, base, base}))
                    return false;
                for (int r = 0; r < runsPerJob; ++r) {
                    RunRecord run;
                    run.jobName = jobName(i);
                    run.startTime = base + Duration::fromSeconds(qint64(r) * 3600 + i);
                    run.endTime = run.startTime + Duration::fromMilliseconds(1500 + (r * 37) % 900);
                    run.id = run.startTime.toRunId();
                    run.status = r % 10 == 9 ? JobStatus::Failed : JobStatus::Success;
                    run.exitCode = run.status == JobStatus::Success ? 0 : 1;
                    run.trigger = u"External - bench"_s;
                    run.instance = u"bench0"_s;
                    if (store->insertRun(run) != JobStore::InsertRunResult::Inserted)
                        return false;
                }
            }
            return true;
        });
        if (!ok) {
            out() << "cannot fill the store: " << store->errorString() << Qt::endl;
            return 1;
        }
    }
    out() << "console with " << jobCount << " jobs and " << qint64(jobCount) * runsPerJob << " runs (set up in "
          << QString::number(ms(setup) / 1000.0, 'f', 1) << " s)" << Qt::endl;

    HostOptions options;
    options.dataRoot = root;
    options.databaseUrl = databaseUrl;
    options.historySize = runsPerJob + 10;
    QElapsedTimer opening;
    opening.start();
    LocalJobService service(options);
    if (!waitFor([&] { return service.state() != JobService::State::Connecting; })
        || service.state() != JobService::State::Ready) {
        out() << "the host did not start: " << service.errorString() << Qt::endl;
        return 1;
    }
    out() << "  host open (its own thread)    " << QString::number(ms(opening), 'f', 0) << " ms" << Qt::endl;

    // A second connection for the baselines, as another reader of the same database.
    QString error;
    std::unique_ptr<JobStore> store = JobStore::open(databaseUrl, &error);
    Heartbeat heartbeat;
    double worstStall = 0;

    // --- fill -------------------------------------------------------------------------------
    QHash<QString, int> rows; // what the list model keeps: one row per job
    QList<JobEntry> entries;
    heartbeat.start();
    QElapsedTimer fill;
    fill.start();
    QFuture<QList<JobEntry>> jobs = service.jobs();
    waitFor([&] { return jobs.isFinished(); });
    entries = jobs.result();
    QElapsedTimer apply;
    apply.start();
    for (int i = 0; i < entries.size(); ++i)
        rows.insert(entries.at(i).key(), i);
    const double fillApplyMs = ms(apply);
    const double fillMs = ms(fill);
    double stall = heartbeat.stop();
    worstStall = std::max(worstStall, stall);
    QElapsedTimer direct;
    direct.start();
    const auto storedJobs = store->jobs();
    const auto latest = store->latestRuns();
    const double fillStoreMs = ms(direct);
    out() << "fill " << entries.size() << " rows" << Qt::endl;
    out() << "  service to GUI thread        " << QString::number(fillMs, 'f', 1) << " ms (GUI-thread work "
          << QString::number(fillApplyMs, 'f', 2) << " ms, longest stall " << QString::number(stall, 'f', 1) << " ms)"
          << Qt::endl;
    out() << "  store read (" << (storedJobs ? storedJobs->size() : 0) << " jobs, " << (latest ? latest->size() : 0)
          << " latest runs)  " << QString::number(fillStoreMs, 'f', 1) << " ms" << Qt::endl;
    out() << "  ratio service/store          " << QString::number(fillMs / fillStoreMs, 'f', 2) << Qt::endl;

    // --- change of every row ----------------------------------------------------------------
    int batches = 0;
    int updated = 0;
    double applyMs = 0;
    double longestBatchMs = 0;
    QSet<QString> seen;
    QObject::connect(&service, &JobService::jobsChanged, &app, [&](const QList<JobEntry>& changed) {
        QElapsedTimer timer;
        timer.start();
        ++batches;
        for (const JobEntry& entry : changed) {
            const auto it = rows.constFind(entry.key());
            if (it != rows.cend()) {
                entries[*it] = entry;
                if (entry.job.settings().isSingleton() && !seen.contains(entry.key())) {
                    seen.insert(entry.key());
                    ++updated;
                }
            }
        }
        const double batchMs = ms(timer);
        applyMs += batchMs;
        longestBatchMs = std::max(longestBatchMs, batchMs);
    });
    heartbeat.start();
    QElapsedTimer change;
    change.start();
    QList<QFuture<ServiceReply>> replies;
    for (int i = 0; i < jobCount; ++i) {
        JobSettings settings;
        settings.setSingleton(true);
        replies.append(service.setSettings(JobType::Triggered, jobName(i), settings));
    }
    waitFor([&] { return replies.constLast().isFinished(); });
    const double writtenMs = ms(change);
    waitFor([&] { return updated == jobCount; });
    const double changeMs = ms(change);
    stall = heartbeat.stop();
    worstStall = std::max(worstStall, stall);
    direct.restart();
    const auto latestAgain = store->latestRuns();
    const double changeStoreMs = ms(direct);
    out() << "status change of " << updated << " rows" << Qt::endl;
    out() << "  host wrote 1,000 settings    " << QString::number(writtenMs, 'f', 1) << " ms" << Qt::endl;
    out() << "  last row updated after       " << QString::number(changeMs - writtenMs, 'f', 1) << " ms more, in "
          << batches << " batches (GUI work " << QString::number(applyMs, 'f', 2) << " ms, longest batch "
          << QString::number(longestBatchMs, 'f', 2) << " ms, longest stall " << QString::number(stall, 'f', 1)
          << " ms)" << Qt::endl;
    out() << "  store read of their runs     " << QString::number(changeStoreMs, 'f', 1) << " ms ("
          << (latestAgain ? latestAgain->size() : 0) << ")" << Qt::endl;
    out() << "  ratio propagation/store      " << QString::number((changeMs - writtenMs) / changeStoreMs, 'f', 2)
          << Qt::endl;

    // --- history ----------------------------------------------------------------------------
    QList<double> throughService;
    QList<double> fromStore;
    heartbeat.start();
    for (int i = 0; i < 100; ++i) {
        const QString name = jobName((i * 7) % jobCount);
        QElapsedTimer timer;
        timer.start();
        QFuture<HistoryPage> page = service.history(name, 0, 30);
        waitFor([&] { return page.isFinished(); });
        if (page.result().runs.size() != std::min(30, runsPerJob))
            out() << "  unexpected page size " << page.result().runs.size() << Qt::endl;
        throughService.append(ms(timer));
        timer.restart();
        const auto runs = store->history(name, 0, 30);
        const auto count = store->runCount(name);
        fromStore.append(ms(timer));
        Q_UNUSED(runs);
        Q_UNUSED(count);
    }
    stall = heartbeat.stop();
    worstStall = std::max(worstStall, stall);
    const double serviceP50 = Bench::percentile(throughService, 50);
    const double storeP50 = Bench::percentile(fromStore, 50);
    out() << "history first page (30 of " << runsPerJob << "), 100 jobs" << Qt::endl;
    out() << "  through the service          p50 " << QString::number(serviceP50, 'f', 2) << " ms  p95 "
          << QString::number(Bench::percentile(throughService, 95), 'f', 2) << " ms (longest stall "
          << QString::number(stall, 'f', 1) << " ms)" << Qt::endl;
    out() << "  store read                   p50 " << QString::number(storeP50, 'f', 2) << " ms  p95 "
          << QString::number(Bench::percentile(fromStore, 95), 'f', 2) << " ms" << Qt::endl;
    out() << "  ratio service/store          p50 " << QString::number(serviceP50 / storeP50, 'f', 2) << Qt::endl;

    out() << "longest GUI-thread stall       " << QString::number(worstStall, 'f', 1) << " ms (goal: <= 50)"
          << Qt::endl;
    return worstStall <= 50 ? 0 : 2;
}
