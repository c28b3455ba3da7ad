// bench-cluster: three webjobs-agent processes on one PostgreSQL database (issue #15).
//
//  1. `--jobs` triggered jobs uploaded to the first agent, then triggered `--runs` times in
//     all, spread over the three agents; each run appends its job and run id to a file.
//  2. A `*/1 * * * * *` schedule for `--schedule-seconds`, while the third agent is killed
//     (SIGKILL) a third of the way in and started again on its data folder half-way.
//  3. The claim of a run (JobStore::insertRun on the same database) against a bare `SELECT 1`
//     round trip, measured in the same run.
//
// Prints `runs expected E, ran R, duplicates D, lost L` for each part, and the claim p95
// against the round trip's. Goal: R = E, D = 0, L = 0, claim p95 <= 3x the round trip.
//
// Usage: bench-cluster [--database postgresql://…] [--jobs 100] [--runs 1000]
//                      [--schedule-seconds 120]
// The database defaults to WEBJOBS_TEST_POSTGRES_URL (scripts/start-test-postgres); the bench
// works in a schema of its own, dropped at the end.

#include "common/BenchDatabase.h"
#include "common/BenchStats.h"
#include "core/model/Instant.h"
#include "core/store/JobStore.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>
#include <QUrl>
#include <QUrlQuery>

#include <map>
#include <memory>

using namespace Qt::StringLiterals;
using namespace WebJobs;
using WebJobs::Bench::out;
using WebJobs::Bench::percentile;

namespace {

struct Agent
{
    std::unique_ptr<QProcess> process;
    QString dataRoot;
    QString baseUrl;
};

bool startAgent(Agent& agent, const QString& databaseUrl, const QString& outFolder)
{
    agent.process = std::make_unique<QProcess>();
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove(u"WEBJOBS_AGENT_PASSWORD"_s);
    environment.insert(u"WEBJOBS_JOB_ENV_BENCH_OUT"_s, outFolder);
    environment.insert(u"WEBJOBS_HISTORY_SIZE"_s, u"1000"_s);
    agent.process->setProcessEnvironment(environment);
    agent.process->setProcessChannelMode(QProcess::SeparateChannels);
    agent.process->start(QStringLiteral(WEBJOBS_AGENT_PATH),
        {u"--data"_s, agent.dataRoot, u"--listen"_s, u"127.0.0.1:0"_s, u"--database"_s, databaseUrl});
    static const QRegularExpression listening(u"listening on (http://[^ ]+) "_s);
    QByteArray output;
    QDeadlineTimer deadline(30000);
    while (!deadline.hasExpired()) {
        if (!agent.process->waitForReadyRead(200) && agent.process->state() != QProcess::Running)
            break;
        output += agent.process->readAllStandardOutput();
        const QRegularExpressionMatch match = listening.match(QString::fromUtf8(output));
        if (match.hasMatch()) {
            agent.baseUrl = match.captured(1);
            return true;
        }
    }
    out() << "agent did not start: " << output << agent.process->readAllStandardError() << Qt::endl;
    return false;
}

struct Reply
{
    int status = 0;
    QByteArray body;
    QByteArray location;
};

Reply request(QNetworkAccessManager& network, const QByteArray& method, const QString& url, const QByteArray& body = {},
    const QByteArray& contentType = "application/octet-stream", const QByteArray& disposition = {})
{
    QNetworkRequest request {QUrl(url)};
    if (!body.isEmpty() || method == "PUT") {
        request.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
        if (!disposition.isEmpty())
            request.setRawHeader("Content-Disposition", disposition);
    }
    QNetworkReply* reply = network.sendCustomRequest(request, method, body);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    Reply result {reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), reply->readAll(),
        reply->rawHeader("Location")};
    reply->deleteLater();
    return result;
}

QStringList readLines(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.readAll()).split(u'\n', Qt::SkipEmptyParts);
}

void sleepFor(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({u"database"_s, u"postgresql:// URL (default: WEBJOBS_TEST_POSTGRES_URL)."_s, u"url"_s});
    parser.addOption({u"jobs"_s, u"Triggered jobs (default 100)."_s, u"n"_s, u"100"_s});
    parser.addOption({u"runs"_s, u"Runs triggered in all (default 1000)."_s, u"n"_s, u"1000"_s});
    parser.addOption({u"schedule-seconds"_s, u"Length of the schedule part (default 120)."_s, u"s"_s, u"120"_s});
    parser.process(app);
    Bench::BenchDatabase database(u"bench_cluster"_s);
    QString why;
    if (!database.open(parser.value(u"database"_s), &why)) {
        out() << why << Qt::endl;
        return 2;
    }
    const QString databaseUrl = database.url();
    const int jobCount = std::max(1, parser.value(u"jobs"_s).toInt());
    const int runCount = std::max(1, parser.value(u"runs"_s).toInt());
    const int scheduleSeconds = std::max(10, parser.value(u"schedule-seconds"_s).toInt());

    QTemporaryDir temp;
    const QString outFolder = temp.filePath(u"out"_s);
    QDir().mkpath(outFolder);
    const QString runsFile = outFolder + u"/runs.txt"_s;
    const QString ticksFile = outFolder + u"/ticks.txt"_s;

    Agent agents[3];
    for (int i = 0; i < 3; ++i) {
        agents[i].dataRoot = temp.filePath(u"agent%1"_s.arg(i));
        if (!startAgent(agents[i], databaseUrl, outFolder))
            return 1;
    }
    QNetworkAccessManager network;

    // ---- Part 1: on-demand runs ----
    const QByteArray script = "#!/bin/sh\necho \"$WEBJOBS_NAME $WEBJOBS_RUN_ID\" >> \"$BENCH_OUT/runs.txt\"\n";
    for (int j = 0; j < jobCount; ++j) {
        const Reply reply = request(network, "PUT", agents[0].baseUrl + u"/api/triggeredwebjobs/job%1"_s.arg(j), script,
            "application/octet-stream", "attachment; filename=run.sh");
        if (reply.status != 200) {
            out() << "upload failed: " << reply.status << ' ' << reply.body << Qt::endl;
            return 1;
        }
    }
    QElapsedTimer spread;
    spread.start();
    for (Agent& agent : agents) {
        while (QJsonDocument::fromJson(request(network, "GET", agent.baseUrl + u"/api/triggeredwebjobs"_s).body)
                   .array()
                   .size()
            < jobCount) {
            if (spread.elapsed() > 120000) {
                out() << "the packages did not reach every agent within 120 s" << Qt::endl;
                return 1;
            }
            sleepFor(100);
        }
    }
    out() << "packages: " << jobCount << " jobs on all 3 agents after " << spread.elapsed() << " ms" << Qt::endl;

    QSet<QString> accepted;
    int conflicts = 0;
    QElapsedTimer triggering;
    triggering.start();
    for (int i = 0; i < runCount;) {
        const Agent& agent = agents[i % 3];
        const QString job = u"job%1"_s.arg(i % jobCount);
        const Reply reply = request(network, "POST", agent.baseUrl + u"/api/triggeredwebjobs/%1/run"_s.arg(job));
        if (reply.status == 202) {
            accepted.insert(job + u' ' + QString::fromUtf8(reply.location).section(u'/', -1));
            ++i;
        } else if (reply.status == 409) {
            ++conflicts; // the job's previous run is still running: the same request again
        } else {
            out() << "run refused: " << reply.status << ' ' << reply.body << Qt::endl;
            ++i;
        }
    }
    const qint64 triggerMs = triggering.elapsed();
    QDeadlineTimer settle(120000);
    while (readLines(runsFile).size() < accepted.size() && !settle.hasExpired())
        sleepFor(100);
    sleepFor(3000); // late duplicates, if any
    {
        const QStringList lines = readLines(runsFile);
        const QSet<QString> distinct(lines.begin(), lines.end());
        int ran = 0;
        std::map<QString, int> missingByStatus;
        for (const QString& run : std::as_const(accepted)) {
            if (distinct.contains(run)) {
                ++ran;
                continue;
            }
            // Not run: what the history says of it (a run that failed to start is not lost).
            const Reply history = request(network, "GET",
                agents[0].baseUrl
                    + u"/api/triggeredwebjobs/%1/history/%2"_s.arg(run.section(u' ', 0, 0), run.section(u' ', 1)));
            const QString status = history.status == 200
                ? QJsonDocument::fromJson(history.body).object().value(u"status"_s).toString()
                : u"HTTP %1"_s.arg(history.status);
            ++missingByStatus[status];
        }
        for (const auto& [status, count] : missingByStatus)
            out() << "on demand: " << count << " accepted runs did not run, history status " << status << Qt::endl;
        out() << "on demand: runs expected " << accepted.size() << ", ran " << ran << ", duplicates "
              << (lines.size() - distinct.size()) << ", lost " << (accepted.size() - ran) << " (" << conflicts
              << " answers 409 while the previous run ran; " << triggerMs << " ms to trigger)" << Qt::endl;
    }

    // ---- Part 2: a schedule every second while an agent dies and comes back ----
    const QByteArray tick = "#!/bin/sh\necho \"$(date +%s) $WEBJOBS_RUN_ID\" >> \"$BENCH_OUT/ticks.txt\"\n";
    if (request(network, "PUT", agents[0].baseUrl + u"/api/triggeredwebjobs/tick"_s, tick, "application/octet-stream",
            "attachment; filename=run.sh")
            .status
        != 200) {
        out() << "upload of the scheduled job failed" << Qt::endl;
        return 1;
    }
    for (Agent& agent : agents) {
        while (request(network, "GET", agent.baseUrl + u"/api/triggeredwebjobs/tick"_s).status != 200)
            sleepFor(100);
    }
    // settings.job is per instance: each gets the same schedule, so they share one state.
    for (Agent& agent : agents) {
        const Reply reply = request(network, "PUT", agent.baseUrl + u"/api/triggeredwebjobs/tick/settings"_s,
            R"({"schedule": "*/1 * * * * *"})", "application/json");
        if (reply.status / 100 != 2) {
            out() << "settings refused: " << reply.status << ' ' << reply.body << Qt::endl;
            return 1;
        }
    }
    const qint64 firstSecond = Instant::now().toDateTime().toSecsSinceEpoch() + 2;
    QElapsedTimer scheduled;
    scheduled.start();
    bool killed = false;
    bool restarted = false;
    while (scheduled.elapsed() < qint64(scheduleSeconds) * 1000) {
        if (!killed && scheduled.elapsed() > scheduleSeconds * 1000 / 3) {
            agents[2].process->kill();
            agents[2].process->waitForFinished(10000);
            killed = true;
            out() << "schedule: agent 3 killed at " << scheduled.elapsed() / 1000 << " s" << Qt::endl;
        }
        if (killed && !restarted && scheduled.elapsed() > scheduleSeconds * 1000 / 2) {
            if (!startAgent(agents[2], databaseUrl, outFolder))
                return 1;
            restarted = true;
            out() << "schedule: agent 3 started again at " << scheduled.elapsed() / 1000 << " s" << Qt::endl;
        }
        sleepFor(200);
    }
    const qint64 lastSecond = Instant::now().toDateTime().toSecsSinceEpoch() - 2;
    for (Agent& agent : agents)
        request(network, "PUT", agent.baseUrl + u"/api/triggeredwebjobs/tick/settings"_s, "{}", "application/json");
    sleepFor(2000);
    {
        std::map<qint64, int> perSecond;
        for (const QString& line : readLines(ticksFile))
            ++perSecond[line.section(u' ', 0, 0).toLongLong()];
        int ran = 0;
        int duplicates = 0;
        int lost = 0;
        for (qint64 second = firstSecond; second <= lastSecond; ++second) {
            const int count = perSecond.count(second) ? perSecond.at(second) : 0;
            ran += count > 0 ? 1 : 0;
            duplicates += std::max(0, count - 1);
            lost += count == 0 ? 1 : 0;
        }
        out() << "schedule: runs expected " << (lastSecond - firstSecond + 1) << ", ran " << ran << ", duplicates "
              << duplicates << ", lost " << lost << Qt::endl;
    }

    // ---- Part 3: claim latency against a bare round trip ----
    {
        QString error;
        std::unique_ptr<JobStore> store = JobStore::open(databaseUrl, &error);
        if (!store) {
            out() << error << Qt::endl;
            return 1;
        }
        const Instant now = Instant::now();
        if (!store->upsertJob({JobType::Triggered, u"claim-probe"_s, u"run.sh"_s, now, now})) {
            out() << store->errorString() << Qt::endl;
            return 1;
        }
        QList<double> claims;
        QList<double> trips;
        for (int i = 0; i < 1000; ++i) {
            RunRecord run;
            run.jobName = u"claim-probe"_s;
            run.id = QString::number(20000000000000000LL + i);
            run.status = JobStatus::Running;
            run.startTime = Instant::now();
            run.instance = u"bench0"_s;
            QElapsedTimer timer;
            timer.start();
            const JobStore::InsertRunResult claimed = store->insertRun(run);
            claims.append(double(timer.nsecsElapsed()) / 1e6);
            if (claimed != JobStore::InsertRunResult::Inserted) {
                out() << "claim failed: " << store->errorString() << Qt::endl;
                return 1;
            }
            run.status = JobStatus::Success;
            run.endTime = Instant::now();
            if (!store->updateRun(run))
                return 1;
            timer.start();
            if (!store->ping())
                return 1;
            trips.append(double(timer.nsecsElapsed()) / 1e6);
        }
        const double claimP95 = percentile(claims, 95);
        const double tripP95 = percentile(trips, 95);
        out() << "claim p95 " << QString::number(claimP95, 'f', 3) << " ms, SELECT 1 p95 "
              << QString::number(tripP95, 'f', 3) << " ms: " << QString::number(claimP95 / tripP95, 'f', 2)
              << "x the round trip (goal <= 3x)" << Qt::endl;
    }

    for (Agent& agent : agents) {
        agent.process->terminate();
        agent.process->waitForFinished(30000);
    }
    return 0;
}
