// bench-remote: the console's operations over loopback HTTP (RemoteJobService talking to an
// agent) against the same operations on the local host (LocalJobService), with 1,000 jobs and
// 100,000 runs (100 per job, seeded straight into each host's store), in the same run:
//
//   list fill   JobService::jobs() until the 1,000 entries are in the caller's hands: locally;
//               remotely with the whole list sent (one job changed before each call, as a
//               console sees it after any change), and unchanged (304, the list kept)
//   history     the first page (30 runs) of a job's history, a different job each time
//   change      from a status change in the agent's host (JobHost::runStarted, in its thread)
//               to the service's runStarted signal and to the jobsChanged that shows the run,
//               in the caller's thread (the agent's event stream)
//
// The agent (JobHost + AgentServer, authentication on) runs in its own thread of this process,
// so that both ends of a change read the same clock; requests go from the main thread.
//
// Usage: bench-remote [--jobs N] [--runs-per-job N] [--samples N] [--changes N]
// Goals (issue #11): list fill p95 <= 2x the local one; a change delivered within 100 ms (p95).

#include "common/BenchSeed.h"
#include "common/BenchStats.h"
#include "core/api/server/AgentServer.h"
#include "core/host/JobHost.h"
#include "core/service/LocalJobService.h"
#include "core/service/RemoteJobService.h"
#include "core/store/JobStore.h"
#include "core/util/BasicAuth.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QFutureWatcher>
#include <QHash>
#include <QMutex>
#include <QSemaphore>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QThread>

#include <chrono>

using namespace Qt::StringLiterals;
using namespace WebJobs;
using Bench::out;
using SteadyClock = std::chrono::steady_clock;

namespace {

const QString User = u"bench"_s;
const QString Password = u"bench-password"_s;
constexpr int HistoryPageSize = 30; // the console's page (RunHistoryModel::PageSize)

using WebJobs::Bench::jobName;
using WebJobs::Bench::seed;

bool copyTree(const QString& from, const QString& to)
{
    QDirIterator it(from, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString source = it.next();
        const QString target = to + source.mid(from.size());
        if (!QDir().mkpath(QFileInfo(target).path()) || !QFile::copy(source, target))
            return false;
    }
    return true;
}

// Waits (running this thread's event loop) for a service's future.
template <typename T>
T await(QFuture<T> future)
{
    if (!future.isFinished()) {
        QFutureWatcher<T> watcher;
        QSignalSpy finished(&watcher, &QFutureWatcher<T>::finished);
        watcher.setFuture(future);
        if (!future.isFinished())
            finished.wait(120000);
    }
    return future.resultCount() > 0 ? future.result() : T {};
}

template <typename Function>
double timed(Function function)
{
    QElapsedTimer timer;
    timer.start();
    function();
    return double(timer.nsecsElapsed()) / 1e6;
}

// The agent's host and server in their own thread. The moments its host starts runs are
// recorded there, by run id.
class AgentThread : public QThread
{
public:
    explicit AgentThread(QString dataRoot)
        : m_dataRoot(std::move(dataRoot))
    { }
    quint16 port() const { return m_port; }
    QSemaphore ready;

    std::optional<SteadyClock::time_point> startedAt(const QString& runId)
    {
        const QMutexLocker lock(&m_mutex);
        const auto it = m_started.constFind(runId);
        return it == m_started.cend() ? std::nullopt : std::optional(*it);
    }

protected:
    void run() override
    {
        HostOptions options;
        options.dataRoot = m_dataRoot;
        options.historySize = 1000;
        JobHost host(options);
        QString error;
        if (!host.open(&error)) {
            out() << "cannot open the agent's host: " << error << Qt::endl;
            ready.release();
            return;
        }
        QObject::connect(
            &host, &JobHost::runStarted, &host,
            [this](const JobRun& run) {
                const SteadyClock::time_point now = SteadyClock::now();
                const QMutexLocker lock(&m_mutex);
                m_started.insert(run.id(), now);
            },
            Qt::DirectConnection);
        AgentServerOptions serverOptions;
        serverOptions.port = 0;
        serverOptions.auth = BasicAuth(User, Password);
        AgentServer server(&host, serverOptions);
        if (server.listen(&error))
            m_port = server.port();
        else
            out() << "cannot listen: " << error << Qt::endl;
        ready.release();
        exec();
    }

private:
    QString m_dataRoot;
    quint16 m_port = 0;
    QMutex m_mutex;
    QHash<QString, SteadyClock::time_point> m_started;
};

struct Figures
{
    double p50 = 0;
    double p95 = 0;
};

Figures figuresOf(const QList<double>& ms)
{
    return {Bench::percentile(ms, 50), Bench::percentile(ms, 95)};
}

void printRow(const QString& label, const Figures& figures, const QString& note = {})
{
    out()
        << QString(u"%1 %2 %3  %4"_s).arg(label, -46).arg(figures.p50, 9, 'f', 2).arg(figures.p95, 9, 'f', 2).arg(note)
        << Qt::endl;
}

QString ratioText(const Figures& remote, const Figures& local)
{
    return u"p50 %1x, p95 %2x local"_s.arg(remote.p50 / local.p50, 0, 'f', 2).arg(remote.p95 / local.p95, 0, 'f', 2);
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({u"jobs"_s, u"Triggered jobs (default 1000)."_s, u"n"_s, u"1000"_s});
    parser.addOption({u"runs-per-job"_s, u"Runs per job (default 100)."_s, u"n"_s, u"100"_s});
    parser.addOption({u"samples"_s, u"List fills and history pages timed (default 50)."_s, u"n"_s, u"50"_s});
    parser.addOption({u"changes"_s, u"Status changes timed (default 200)."_s, u"n"_s, u"200"_s});
    parser.process(app);
    const int jobs = parser.value(u"jobs"_s).toInt();
    const int runsPerJob = parser.value(u"runs-per-job"_s).toInt();
    const int samples = parser.value(u"samples"_s).toInt();
    const int changes = std::min(parser.value(u"changes"_s).toInt(), jobs);

    QTemporaryDir temporary;
    const QString localRoot = temporary.filePath(u"local"_s);
    const QString agentRoot = temporary.filePath(u"agent"_s);
    QElapsedTimer timer;
    timer.start();
    if (!seed(localRoot, jobs, runsPerJob) || !copyTree(localRoot, agentRoot))
        return 1;
    out() << "seeded " << jobs << " jobs, " << qint64(jobs) * runsPerJob << " runs (twice) in " << timer.elapsed()
          << " ms" << Qt::endl;

    HostOptions localOptions;
    localOptions.dataRoot = localRoot;
    localOptions.historySize = 1000;
    LocalJobService local(localOptions);
    AgentThread agent(agentRoot);
    agent.start();
    agent.ready.acquire();
    if (agent.port() == 0)
        return 1;
    RemoteJobService::Options remoteOptions;
    remoteOptions.url = QUrl(u"http://127.0.0.1:%1"_s.arg(agent.port()));
    remoteOptions.user = User;
    remoteOptions.password = Password;
    RemoteJobService remote(remoteOptions);
    {
        QElapsedTimer opening;
        opening.start();
        while ((local.state() != JobService::State::Ready || remote.state() != JobService::State::Ready)
            && opening.elapsed() < 120000)
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 100);
        if (remote.state() != JobService::State::Ready || local.state() != JobService::State::Ready) {
            out() << "not ready: " << local.errorString() << remote.errorString() << Qt::endl;
            return 1;
        }
    }
    // Warm up both (connections, caches).
    for (int i = 0; i < 3; ++i) {
        await(local.jobs());
        await(remote.jobs());
    }

    out() << Qt::endl
          << QString(u"%1 %2 %3"_s).arg(u"operation"_s, -46).arg(u"p50 ms"_s, 9).arg(u"p95 ms"_s, 9) << Qt::endl;

    // List fill.
    QList<double> localFill;
    QList<double> remoteFill;
    QList<double> remoteUnchanged;
    qsizetype entries = 0;
    for (int i = 0; i < samples; ++i)
        localFill.append(timed([&] { entries = await(local.jobs()).size(); }));
    if (entries != jobs)
        out() << "local list has " << entries << " entries" << Qt::endl;
    for (int i = 0; i < samples; ++i) {
        // One job changes first (its settings), and the stream has told the service: the next
        // list is a new one, sent whole.
        QSignalSpy changed(&remote, &JobService::jobsChanged);
        JobSettings settings;
        settings.setValue(u"n"_s, OrderedJson(i));
        await(remote.setSettings(JobType::Triggered, jobName(i % jobs), settings));
        if (changed.isEmpty())
            changed.wait(10000);
        remoteFill.append(timed([&] { entries = await(remote.jobs()).size(); }));
    }
    if (entries != jobs)
        out() << "remote list has " << entries << " entries" << Qt::endl;
    for (int i = 0; i < samples; ++i)
        remoteUnchanged.append(timed([&] { await(remote.jobs()); }));
    const Figures localList = figuresOf(localFill);
    const Figures remoteList = figuresOf(remoteFill);
    const Figures remoteList304 = figuresOf(remoteUnchanged);
    printRow(u"list fill, local host"_s, localList);
    printRow(u"list fill, agent over HTTP (whole list)"_s, remoteList, ratioText(remoteList, localList));
    printRow(u"list fill, agent over HTTP (unchanged, 304)"_s, remoteList304, ratioText(remoteList304, localList));

    // History page.
    QList<double> localHistory;
    QList<double> remoteHistory;
    for (int i = 0; i < samples; ++i) {
        const QString name = jobName((i * 7) % jobs);
        localHistory.append(timed([&] { await(local.history(name, 0, HistoryPageSize)); }));
        remoteHistory.append(timed([&] { await(remote.history(name, 0, HistoryPageSize)); }));
    }
    const Figures localPage = figuresOf(localHistory);
    const Figures remotePage = figuresOf(remoteHistory);
    printRow(u"history page (%1 runs), local host"_s.arg(HistoryPageSize), localPage);
    printRow(u"history page (%1 runs), agent over HTTP"_s.arg(HistoryPageSize), remotePage,
        ratioText(remotePage, localPage));

    // Status change on the agent -> the service's signals.
    QList<double> toRunStarted;
    QList<double> toRowChanged;
    QHash<QString, SteadyClock::time_point> signalled;
    QHash<QString, SteadyClock::time_point> shown;
    QObject::connect(&remote, &JobService::runStarted, &remote,
        [&](const JobRun& run) { signalled.insert(run.id(), SteadyClock::now()); });
    QObject::connect(&remote, &JobService::jobsChanged, &remote, [&](const QList<JobEntry>& changedEntries) {
        const SteadyClock::time_point now = SteadyClock::now();
        for (const JobEntry& entry : changedEntries) {
            const std::optional<JobRun> latest = entry.job.latestRun();
            if (latest && !shown.contains(latest->id()))
                shown.insert(latest->id(), now);
        }
    });
    QSignalSpy finished(&remote, &JobService::runFinished);
    const auto ms = [](SteadyClock::time_point from, SteadyClock::time_point to) {
        return std::chrono::duration<double, std::milli>(to - from).count();
    };
    for (int i = 0; i < changes; ++i) {
        // Another client starts the run (the agent's host is busy with it as with any change).
        const ServiceReply started = await(remote.triggerRun(jobName(jobs - 1 - i)));
        if (!started.ok()) {
            out() << "run refused: " << started.error.message << Qt::endl;
            return 1;
        }
        QElapsedTimer waiting;
        waiting.start();
        while ((!signalled.contains(started.runId) || !shown.contains(started.runId)
                   || !std::any_of(finished.cbegin(), finished.cend(),
                       [&](const QList<QVariant>& args) { return args.at(0).value<JobRun>().id() == started.runId; }))
            && waiting.elapsed() < 30000)
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
        const std::optional<SteadyClock::time_point> atAgent = agent.startedAt(started.runId);
        if (!atAgent || !signalled.contains(started.runId) || !shown.contains(started.runId)) {
            out() << "run " << started.runId << " was not seen" << Qt::endl;
            continue;
        }
        toRunStarted.append(ms(*atAgent, signalled.value(started.runId)));
        toRowChanged.append(ms(*atAgent, shown.value(started.runId)));
    }
    const Figures runStarted = figuresOf(toRunStarted);
    const Figures rowChanged = figuresOf(toRowChanged);
    printRow(u"change: agent's run start -> runStarted"_s, runStarted, u"%1 changes"_s.arg(toRunStarted.size()));
    printRow(u"change: agent's run start -> jobsChanged row"_s, rowChanged, u"%1 changes"_s.arg(toRowChanged.size()));

    out() << Qt::endl
          << "goal list fill <= 2x local (p95): " << QString::number(remoteList.p95 / localList.p95, 'f', 2) << "x "
          << (remoteList.p95 <= 2 * localList.p95 ? "met" : "NOT met") << Qt::endl
          << "goal change delivered <= 100 ms (p95): " << QString::number(rowChanged.p95, 'f', 2) << " ms "
          << (rowChanged.p95 <= 100 ? "met" : "NOT met") << Qt::endl;

    agent.quit();
    agent.wait();
    return 0;
}
