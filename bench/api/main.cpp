// bench-api: the agent's answer times over loopback HTTP with 1,000 jobs and 100,000 runs
// (100 per job, seeded straight into the store), against a trivial route (GET /api/agent)
// of the same server in the same run: GET /api/webjobs, GET /api/triggeredwebjobs (one
// type), one job, and one job's history, each also as a conditional GET answered 304.
//
// The server (JobHost + AgentServer, authentication on) runs in its own thread; requests go
// one after the other from a QNetworkAccessManager in the main thread, on kept-alive
// connections.
//
// Usage: bench-api [--jobs N] [--runs-per-job N] [--requests N] [--data DIR]
// Goal (issue #4): p95 <= 20 ms for the list and for a history.

#include "common/BenchSeed.h"
#include "common/BenchStats.h"
#include "core/api/server/AgentServer.h"
#include "core/host/JobHost.h"
#include "core/store/JobStore.h"
#include "core/util/BasicAuth.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSemaphore>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QThread>

#include <functional>

using namespace Qt::StringLiterals;
using namespace WebJobs;

namespace {

const QString User = u"bench"_s;
const QString Password = u"bench-password"_s;

using WebJobs::Bench::jobName;
using WebJobs::Bench::seed;

// The host and its server, in their own thread.
class ServerThread : public QThread
{
public:
    ServerThread(QString dataRoot, std::chrono::milliseconds listCacheMaxAge)
        : m_dataRoot(std::move(dataRoot))
        , m_listCacheMaxAge(listCacheMaxAge)
    { }
    quint16 port() const { return m_port; }
    QSemaphore ready;

protected:
    void run() override
    {
        HostOptions options;
        options.dataRoot = m_dataRoot;
        options.historySize = 1000;
        JobHost host(options);
        QString error;
        if (!host.open(&error)) {
            Bench::out() << "cannot open the host: " << error << Qt::endl;
            ready.release();
            return;
        }
        AgentServerOptions serverOptions;
        serverOptions.port = 0;
        serverOptions.auth = BasicAuth(User, Password);
        serverOptions.listCacheMaxAge = m_listCacheMaxAge;
        AgentServer server(&host, serverOptions);
        if (server.listen(&error))
            m_port = server.port();
        ready.release();
        exec();
    }

private:
    QString m_dataRoot;
    std::chrono::milliseconds m_listCacheMaxAge;
    quint16 m_port = 0;
};

struct Sample
{
    QList<double> ms;
    int status = 0;
    qint64 bytes = 0;
};

QNetworkReply* put(QNetworkAccessManager& network, const QUrl& url, const QByteArray& body)
{
    QNetworkRequest request(url);
    request.setRawHeader("Authorization", BasicAuth::headerValue(User, Password));
    return network.put(request, body);
}

// Times `requests` GETs of `url`; `before` (not timed) runs ahead of each one.
Sample measure(QNetworkAccessManager& network, const QUrl& url, int requests, const QByteArray& ifNoneMatch = {},
    const std::function<void(int)>& before = {})
{
    Sample sample;
    for (int i = 0; i < requests; ++i) {
        if (before)
            before(i);
        QNetworkRequest request(url);
        request.setRawHeader("Authorization", BasicAuth::headerValue(User, Password));
        request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
        if (!ifNoneMatch.isEmpty())
            request.setRawHeader("If-None-Match", ifNoneMatch);
        QElapsedTimer timer;
        timer.start();
        QNetworkReply* reply = network.get(request);
        QSignalSpy finished(reply, &QNetworkReply::finished);
        finished.wait(60000);
        const QByteArray body = reply->readAll();
        sample.ms.append(double(timer.nsecsElapsed()) / 1e6);
        sample.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        sample.bytes = body.size();
        reply->deleteLater();
    }
    return sample;
}

QByteArray etagOf(QNetworkAccessManager& network, const QUrl& url)
{
    QNetworkRequest request(url);
    request.setRawHeader("Authorization", BasicAuth::headerValue(User, Password));
    QNetworkReply* reply = network.get(request);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    finished.wait(60000);
    const QByteArray tag = reply->rawHeader("ETag");
    reply->deleteLater();
    return tag;
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({u"jobs"_s, u"Triggered jobs (default 1000)."_s, u"n"_s, u"1000"_s});
    parser.addOption({u"runs-per-job"_s, u"Runs per job (default 100)."_s, u"n"_s, u"100"_s});
    parser.addOption({u"requests"_s, u"Requests per route (default 200)."_s, u"n"_s, u"200"_s});
    parser.addOption({u"data"_s, u"Data folder (default: a temporary one)."_s, u"dir"_s});
    parser.process(app);
    const int jobs = parser.value(u"jobs"_s).toInt();
    const int runsPerJob = parser.value(u"runs-per-job"_s).toInt();
    const int requests = parser.value(u"requests"_s).toInt();

    QTemporaryDir temporary;
    const QString dataRoot = parser.isSet(u"data"_s) ? parser.value(u"data"_s) : temporary.path();
    QElapsedTimer timer;
    timer.start();
    if (!QFileInfo::exists(dataRoot + u"/webjobs.db"_s) && !seed(dataRoot, jobs, runsPerJob))
        return 1;
    Bench::out() << "seeded " << jobs << " jobs, " << qint64(jobs) * runsPerJob << " runs in " << timer.elapsed()
                 << " ms" << Qt::endl;

    for (const bool cached : {true, false}) {
        // Without the list cache (max age 0) every list is built from the host: the figure of
        // the first list after the agent starts or a job is added or removed.
        ServerThread server(
            dataRoot, cached ? std::chrono::milliseconds(std::chrono::seconds(30)) : std::chrono::milliseconds(0));
        timer.restart();
        server.start();
        server.ready.acquire();
        if (server.port() == 0)
            return 1;
        Bench::out() << Qt::endl
                     << (cached ? "list cache on" : "list cache off (every list built from the host)")
                     << ": host opened and listening in " << timer.elapsed() << " ms" << Qt::endl;

        QNetworkAccessManager network;
        const QString base = u"http://127.0.0.1:"_s + QString::number(server.port());
        const QString history = u"/api/triggeredwebjobs/%1/history"_s.arg(jobName(jobs / 2));
        // One job's settings change before each request: its entry is rebuilt, the others reused.
        const auto changeOneJob = [&](int i) {
            QNetworkReply* reply
                = put(network, QUrl(base + u"/api/triggeredwebjobs/"_s + jobName(i % jobs) + u"/settings"_s),
                    "{\"n\":" + QByteArray::number(i) + '}');
            QSignalSpy finished(reply, &QNetworkReply::finished);
            finished.wait(60000);
            reply->deleteLater();
        };
        struct Route
        {
            QString label;
            QString path;
            bool conditional;
            std::function<void(int)> before;
        };
        QList<Route> routes {
            {u"trivial GET /api/agent"_s, u"/api/agent"_s, false, {}},
            {u"GET /api/webjobs"_s, u"/api/webjobs"_s, false, {}},
            {u"GET /api/webjobs (304)"_s, u"/api/webjobs"_s, true, {}},
            {u"GET /api/triggeredwebjobs"_s, u"/api/triggeredwebjobs"_s, false, {}},
            {u"GET /api/webjobs, 1 job changed"_s, u"/api/webjobs"_s, false, changeOneJob},
            {u"GET one job"_s, u"/api/triggeredwebjobs/"_s + jobName(jobs / 2), false, {}},
            {u"GET history (%1 runs)"_s.arg(runsPerJob), history, false, {}},
            {u"GET history (304)"_s, history, true, {}},
        };
        const int listRequests = cached ? requests : std::max(requests / 4, 20);
        // Warm up connections.
        measure(network, QUrl(base + u"/api/agent"_s), 20);
        measure(network, QUrl(base + u"/api/webjobs"_s), 3);

        double trivialP95 = 0;
        double trivialP50 = 0;
        Bench::out() << QString(u"%1 %2 %3 %4 %5 %6"_s)
                            .arg(u"route"_s, -34)
                            .arg(u"status"_s, 6)
                            .arg(u"bytes"_s, 9)
                            .arg(u"p50 ms"_s, 8)
                            .arg(u"p95 ms"_s, 8)
                            .arg(u"p95/trivial"_s, 12)
                     << Qt::endl;
        for (const Route& route : routes) {
            const QUrl url(base + route.path);
            const QByteArray tag = route.conditional ? etagOf(network, url) : QByteArray();
            const bool list = route.path.contains(u"webjobs"_s) && !route.path.contains(u"history"_s)
                && !route.path.contains(u"job-"_s);
            const Sample sample = measure(network, url, list ? listRequests : requests, tag, route.before);
            const double p50 = Bench::percentile(sample.ms, 50);
            const double p95 = Bench::percentile(sample.ms, 95);
            if (trivialP95 == 0) {
                trivialP95 = p95;
                trivialP50 = p50;
            }
            Bench::out() << QString(u"%1 %2 %3 %4 %5 %6"_s)
                                .arg(route.label, -34)
                                .arg(sample.status, 6)
                                .arg(sample.bytes, 9)
                                .arg(p50, 8, 'f', 2)
                                .arg(p95, 8, 'f', 2)
                                .arg(p95 / trivialP95, 12, 'f', 1)
                         << Qt::endl;
        }
        Bench::out() << "trivial route: p50 " << QString::number(trivialP50, 'f', 2) << " ms, p95 "
                     << QString::number(trivialP95, 'f', 2) << " ms (goal for the lists and histories: p95 <= 20 ms)"
                     << Qt::endl;
        server.quit();
        server.wait();
    }
    return 0;
}
