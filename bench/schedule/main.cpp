// bench-schedule: 1,000 scheduled jobs whose occurrences spread over each minute (about 17
// due per second), for two minutes. The delay of each firing after its due time, against a
// bare QTimer aimed at the same instants in the same run, and the CPU time the process used
// (a scheduler that polls would burn it).
//
// The scheduler is the engine's own (JobScheduler, with its store: each firing is claimed in
// the database); the run it asks for is recorded instead of started, so the figure is the
// scheduler's own delay, not the time to spawn 17 processes.
//
// Usage: bench-schedule [--jobs N] [--seconds S]
// Goal (issue #3): p99 <= 50 ms, no busy polling.

#include "common/BenchStats.h"
#include "core/host/HostContext.h"
#include "core/host/JobScheduler.h"
#include "core/host/ProcessReaper.h"
#include "core/host/StoreFailures.h"
#include "core/store/JobStore.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTimer>

#include <sys/resource.h>

using namespace Qt::StringLiterals;
using namespace WebJobs;
using Bench::cpuSeconds;

namespace {

double msSince(Instant due)
{
    return double((Instant::now() - due).ticks()) / double(Duration::TicksPerMillisecond);
}

// The latest instant at or before now whose second of the minute is `second`.
Instant lastDue(int second)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QDateTime due(now.date(), QTime(now.time().hour(), now.time().minute(), second), QTimeZone::utc());
    if (due > now)
        due = due.addSecs(-60);
    return Instant::fromDateTime(due);
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({u"jobs"_s, u"Scheduled jobs (default 1000)."_s, u"N"_s, u"1000"_s});
    parser.addOption({u"seconds"_s, u"How long to measure (default 120)."_s, u"S"_s, u"120"_s});
    parser.process(app);
    const int jobs = parser.value(u"jobs"_s).toInt();
    const int seconds = parser.value(u"seconds"_s).toInt();

    QTemporaryDir data;
    QString error;
    std::unique_ptr<JobStore> store = JobStore::open(data.filePath(u"webjobs.db"_s), &error);
    if (!store) {
        Bench::out() << error << Qt::endl;
        return 1;
    }
    HostOptions options;
    options.dataRoot = data.path();
    StoreFailures failures(store.get(), options.storeRetryInterval);
    HostContext context {options, JobPaths(data.path()), store.get(), &failures, nullptr, u"bench0"_s,
        ProcessReaper::markerFor(data.path(), u"bench0"_s)};

    QList<double> scheduled;
    bool measuring = false;
    JobScheduler scheduler(
        &context,
        [&](const QString& job, const QString&) {
            if (measuring)
                scheduled.append(msSince(lastDue(job.mid(3).toInt() % 60)));
            return JobScheduler::FireResult::Started;
        },
        nullptr);

    const bool filled = store->transaction([&] {
        for (int j = 0; j < jobs; ++j) {
            if (!store->upsertJob({JobType::Triggered, u"job%1"_s.arg(j), u"run.sh"_s, Instant::now(), Instant::now()}))
                return false;
        }
        return true;
    });
    if (!filled) {
        Bench::out() << u"cannot fill the store: "_s << store->errorString() << Qt::endl;
        return 1;
    }
    for (int j = 0; j < jobs; ++j)
        scheduler.setSchedule(u"job%1"_s.arg(j), Schedule::fromCron(u"%1 * * * * *"_s.arg(j % 60)));

    // The bare limit: one precise timer per second boundary, aimed at the same instants.
    QList<double> bare;
    const QDateTime start = QDateTime::currentDateTimeUtc();
    const QDateTime first(
        start.date(), QTime(start.time().hour(), start.time().minute(), start.time().second()), QTimeZone::utc());
    for (int s = 2; s <= seconds + 1; ++s) {
        const QDateTime due = first.addSecs(s);
        QTimer::singleShot(
            int(QDateTime::currentDateTimeUtc().msecsTo(due)), Qt::PreciseTimer, &app, [&bare, &measuring, due] {
                if (measuring)
                    bare.append(msSince(Instant::fromDateTime(due)));
            });
    }
    QTimer::singleShot(
        int(QDateTime::currentDateTimeUtc().msecsTo(first.addSecs(2))) - 500, &app, [&measuring] { measuring = true; });
    double cpuAtStart = 0;
    QTimer::singleShot(int(QDateTime::currentDateTimeUtc().msecsTo(first.addSecs(2))) - 400, &app,
        [&cpuAtStart] { cpuAtStart = cpuSeconds(); });
    QTimer::singleShot(int(QDateTime::currentDateTimeUtc().msecsTo(first.addSecs(seconds + 2))), &app, [&measuring] {
        measuring = false;
        QCoreApplication::quit();
    });
    QCoreApplication::exec();
    const double cpu = cpuSeconds() - cpuAtStart;

    const double sched50 = Bench::percentile(scheduled, 50);
    const double sched99 = Bench::percentile(scheduled, 99);
    const double bare50 = Bench::percentile(bare, 50);
    const double bare99 = Bench::percentile(bare, 99);
    Bench::out()
        << u"schedule firing delay, %1 jobs over %2 s: %3 firings (ms after the due time)"_s.arg(jobs).arg(seconds).arg(
               scheduled.size())
        << Qt::endl
        << u"  bare QTimer      p50 %1  p99 %2  (%3 timers)"_s.arg(bare50, 0, 'f', 2)
               .arg(bare99, 0, 'f', 2)
               .arg(bare.size())
        << Qt::endl
        << u"  JobScheduler     p50 %1  p99 %2  max %3"_s.arg(sched50, 0, 'f', 2)
               .arg(sched99, 0, 'f', 2)
               .arg(Bench::percentile(scheduled, 100), 0, 'f', 2)
        << Qt::endl
        << u"  p99 over the bare timer: +%1 ms (goal: p99 <= 50 ms)"_s.arg(sched99 - bare99, 0, 'f', 2) << Qt::endl
        << u"  CPU time %1 s over %2 s of wall time (%3%)"_s.arg(cpu, 0, 'f', 2)
               .arg(seconds)
               .arg(100.0 * cpu / seconds, 0, 'f', 2)
        << Qt::endl;
    return 0;
}
