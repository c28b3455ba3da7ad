// Kudu's WebJobs REST API as the real webjobs-agent serves it over loopback HTTP: every route
// in each of the four URL forms, the status codes and the three error body shapes of the
// contract (docs/kudu-webjobs-api.md §1.4, §2, §7), authentication, uploads (single files,
// zips, RFC 2047 names, chunked, Expect, oversized, hostile zips), run arguments and
// triggers, history ETags, VFS reads (%2F paths, Range, listings, escapes), the ARM envelope
// and the Swagger listing.

#include "core/util/BasicAuth.h"
#include "tests/support/AgentProcess.h"
#include "tests/support/ZipBuilder.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace WebJobs;
using namespace WebJobs::Test;

namespace {

enum class Form
{
    Current,
    DeprecatedA,
    LegacyB,
    LegacyC,
};

// The collection path of a job type in a form.
QString typePath(Form form, const QString& type)
{
    switch (form) {
    case Form::Current:
        return u"/api/%1webjobs"_s.arg(type);
    case Form::DeprecatedA:
        return u"/api/%1jobs"_s.arg(type);
    case Form::LegacyB:
        return u"/jobs/%1"_s.arg(type);
    case Form::LegacyC:
        return u"/api/jobs/%1"_s.arg(type);
    }
    return {};
}

QString allPath(Form form)
{
    switch (form) {
    case Form::Current:
        return u"/api/webjobs"_s;
    case Form::DeprecatedA:
        return u"/api/jobs"_s;
    case Form::LegacyB:
        return u"/jobs"_s;
    case Form::LegacyC:
        return u"/api/jobs/"_s;
    }
    return {};
}

void addForms()
{
    QTest::addColumn<int>("form");
    QTest::newRow("current /api/{type}webjobs") << int(Form::Current);
    QTest::newRow("deprecated /api/{type}jobs") << int(Form::DeprecatedA);
    QTest::newRow("legacy /jobs/{type}") << int(Form::LegacyB);
    QTest::newRow("legacy /api/jobs/{type}") << int(Form::LegacyC);
}

QString formSuffix(Form form)
{
    return QString::number(int(form));
}

const QByteArray LongRun = script("exec sleep 600");

} // namespace

class TestAgentServer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void cleanupTestCase();

    void authentication_data();
    void authentication();
    void authenticationBeforeTheBody();
    void listsInEveryForm_data();
    void listsInEveryForm();
    void listFollowsEveryChange();
    void triggeredRoutesInEveryForm_data();
    void triggeredRoutesInEveryForm();
    void continuousRoutesInEveryForm_data();
    void continuousRoutesInEveryForm();
    void errorCatalogue_data();
    void errorCatalogue();
    void runConflictAndAbort();
    void runArgumentsAndTrigger();
    void runArgumentsSplitAsKuduDoes();
    void historyNewestFirstWithETag();
    void uploads_data();
    void uploads();
    void uploadReplacesTheWholePackage();
    void hostileZips_data();
    void hostileZips();
    void chunkedUpload();
    void clientGoneBeforeTheUploadAnswer();
    void requestWithoutHost();
    void expectContinue();
    void oversizedUploadRefusedBeforeItsBody();
    void oversizedChunkedUpload();
    void oversizedUploadWithBody();
    void vfsReads_data();
    void vfsReads();
    void vfsRanges_data();
    void vfsRanges();
    void vfsFolders();
    void namesOutsideTheJobsFolder_data();
    void namesOutsideTheJobsFolder();
    void vfsRefusesEscapes_data();
    void vfsRefusesEscapes();
    void armEnvelope();
    void swagger();
    void folderThatIsNotAJobSaysWhy();
    void passthroughInEveryForm_data();
    void passthroughInEveryForm();
    void passthroughOfAStoppedJob();

private:
    QString uploadTriggered(const QString& name, const QByteArray& body = script("echo hello \"$@\""));
    QString uploadContinuous(const QString& name, const QByteArray& body = LongRun);
    // Runs `name` and waits until the run has ended; the run id.
    QString runToEnd(const QString& name, const QString& query = {});
    QByteArray zip(const QList<ZipEntry>& entries);

    AgentProcess m_agent;
    QTemporaryDir m_temp;
};

void TestAgentServer::initTestCase()
{
    AgentProcess::Options options;
    options.arguments = {u"--max-upload-size"_s, u"1M"_s};
    QVERIFY2(m_agent.start(options), qPrintable(m_agent.failure()));
}

void TestAgentServer::cleanup()
{
    const OrderedJson jobs = m_agent.get(u"/api/webjobs"_s).json();
    for (int i = 0; i < jobs.size(); ++i) {
        const OrderedJson job = jobs.at(i);
        QCOMPARE(m_agent
                     .request("DELETE",
                         u"/api/%1webjobs/%2"_s.arg(job.value(u"type"_s).toString(), job.value(u"name"_s).toString()))
                     .status,
            200);
    }
}

void TestAgentServer::cleanupTestCase()
{
    QCOMPARE(m_agent.terminate(), 0);
}

QByteArray TestAgentServer::zip(const QList<ZipEntry>& entries)
{
    const QString path = m_temp.filePath(u"package.zip"_s);
    QFile::remove(path);
    if (!writeZip(path, entries))
        return {};
    QFile file(path);
    file.open(QIODevice::ReadOnly);
    return file.readAll();
}

QString TestAgentServer::uploadTriggered(const QString& name, const QByteArray& body)
{
    const HttpResponse response = m_agent.upload(u"/api/triggeredwebjobs/"_s + name, body, u"run.sh"_s);
    if (response.status != 200)
        qWarning("upload of %s: %d %s", qPrintable(name), response.status, response.body.constData());
    return response.json().value(u"name"_s).toString();
}

QString TestAgentServer::uploadContinuous(const QString& name, const QByteArray& body)
{
    const HttpResponse response = m_agent.upload(u"/api/continuouswebjobs/"_s + name, body, u"run.sh"_s);
    if (response.status != 200)
        qWarning("upload of %s: %d %s", qPrintable(name), response.status, response.body.constData());
    return response.json().value(u"name"_s).toString();
}

QString TestAgentServer::runToEnd(const QString& name, const QString& query)
{
    const HttpResponse started = m_agent.request("POST", u"/api/triggeredwebjobs/%1/run%2"_s.arg(name, query));
    if (started.status != 202)
        return {};
    const QString runId = QString::fromUtf8(started.header("Location")).section(u'/', -1);
    m_agent.waitFor(u"/api/triggeredwebjobs/%1/history/%2"_s.arg(name, runId), [](const HttpResponse& response) {
        const QString status = response.json().value(u"status"_s).toString();
        return status == u"Success" || status == u"Failed" || status == u"Aborted";
    });
    return runId;
}

void TestAgentServer::authentication_data()
{
    QTest::addColumn<QByteArray>("authorization");
    QTest::addColumn<int>("status");
    QTest::newRow("none") << QByteArray() << 401;
    QTest::newRow("wrong password") << BasicAuth::headerValue(u"admin"_s, u"s3cret:1"_s) << 401;
    QTest::newRow("wrong user") << BasicAuth::headerValue(u"root"_s, QString::fromUtf8(AgentProcess::Password)) << 401;
    QTest::newRow("not base64") << "Basic ***"_ba << 401;
    QTest::newRow("other scheme") << "Bearer abc"_ba << 401;
    QTest::newRow("right") << BasicAuth::headerValue(u"admin"_s, QString::fromUtf8(AgentProcess::Password)) << 200;
}

void TestAgentServer::authentication()
{
    QFETCH(QByteArray, authorization);
    QFETCH(int, status);
    for (const QString& path :
        {u"/api/webjobs"_s, u"/vfs/"_s, u"/api/hooks"_s, u"/api/triggeredwebjobs/x/settings"_s}) {
        const HttpResponse response = m_agent.request("GET", path, {}, {}, authorization);
        QCOMPARE(response.status, status);
        if (status == 401) {
            QCOMPARE(response.header("WWW-Authenticate"), "Basic realm=\"webjobs-agent\""_ba);
            QVERIFY(response.body.isEmpty());
        }
    }
}

void TestAgentServer::authenticationBeforeTheBody()
{
    // Headers announcing 900 KB, and no body at all: the 401 can only come before the body.
    const HttpResponse response = m_agent.raw("PUT /api/triggeredwebjobs/x HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                              "Content-Disposition: attachment; filename=\"run.sh\"\r\n"
                                              "Content-Length: 900000\r\n\r\n");
    QCOMPARE(response.status, 401);
    QCOMPARE(response.header("WWW-Authenticate"), "Basic realm=\"webjobs-agent\""_ba);
    QCOMPARE(response.header("Connection"), "close"_ba);
}

void TestAgentServer::listsInEveryForm_data()
{
    addForms();
}

void TestAgentServer::listsInEveryForm()
{
    QFETCH(int, form);
    QCOMPARE(uploadTriggered(u"list-t"_s), u"list-t"_s);
    QCOMPARE(uploadContinuous(u"list-c"_s), u"list-c"_s);
    m_agent.waitFor(u"/api/continuouswebjobs/list-c"_s,
        [](const HttpResponse& response) { return response.json().value(u"status"_s).toString() == u"Running"; });

    const HttpResponse all = m_agent.get(allPath(Form(form)));
    QCOMPARE(all.status, 200);
    QVERIFY(all.header("Content-Type").startsWith("application/json"));
    const OrderedJson jobs = all.json();
    QCOMPARE(jobs.size(), 2);
    QCOMPARE(jobs.at(0).value(u"type"_s).toString(), u"triggered"_s); // triggered first
    QCOMPARE(jobs.at(1).value(u"type"_s).toString(), u"continuous"_s);
    QCOMPARE(jobs.at(0).value(u"url"_s).toString(), m_agent.baseUrl() + u"/api/triggeredwebjobs/list-t"_s);

    for (const QString& type : {u"triggered"_s, u"continuous"_s}) {
        const HttpResponse list = m_agent.get(typePath(Form(form), type));
        QCOMPARE(list.status, 200);
        QCOMPARE(list.json().size(), 1);
        QCOMPARE(list.json().at(0).value(u"type"_s).toString(), type);
    }

    // ETag and 304.
    const QByteArray tag = all.header("ETag");
    QVERIFY2(tag.startsWith('"') && tag.endsWith('"') && tag.size() > 2, tag.constData());
    const HttpResponse same = m_agent.request("GET", allPath(Form(form)), {}, {{"If-None-Match", tag}});
    QCOMPARE(same.status, 304);
    QCOMPARE(same.header("ETag"), tag);
    QVERIFY(same.body.isEmpty());
    const HttpResponse other = m_agent.request("GET", allPath(Form(form)), {}, {{"If-None-Match", "\"nope\""}});
    QCOMPARE(other.status, 200);
    QCOMPARE(other.header("ETag"), tag);

    // A change gives another tag.
    QCOMPARE(m_agent.request("PUT", u"/api/triggeredwebjobs/list-t/settings"_s, R"({"a":1})").status, 200);
    const HttpResponse changed = m_agent.request("GET", allPath(Form(form)), {}, {{"If-None-Match", tag}});
    QCOMPARE(changed.status, 200);
    QVERIFY(changed.header("ETag") != tag);
}

void TestAgentServer::listFollowsEveryChange()
{
    // The lists are cached between changes (JobListCache): each change must show at once.
    const auto listed = [this](const QString& name) {
        const OrderedJson jobs = m_agent.get(u"/api/webjobs"_s).json();
        for (int i = 0; i < jobs.size(); ++i) {
            if (jobs.at(i).value(u"name"_s).toString() == name)
                return jobs.at(i);
        }
        return OrderedJson();
    };
    QCOMPARE(uploadTriggered(u"b-follow"_s, script("sleep 600")), u"b-follow"_s);
    QVERIFY(listed(u"b-follow"_s).value(u"latest_run"_s).isNull());

    QCOMPARE(uploadTriggered(u"a-follow"_s), u"a-follow"_s); // added before it, in name order
    OrderedJson jobs = m_agent.get(u"/api/webjobs"_s).json();
    QCOMPARE(jobs.size(), 2);
    QCOMPARE(jobs.at(0).value(u"name"_s).toString(), u"a-follow"_s);

    const HttpResponse started = m_agent.request("POST", u"/api/triggeredwebjobs/b-follow/run"_s);
    QCOMPARE(started.status, 202);
    const QString runId = QString::fromUtf8(started.header("Location")).section(u'/', -1);
    const OrderedJson running = listed(u"b-follow"_s).value(u"latest_run"_s);
    QCOMPARE(running.value(u"id"_s).toString(), runId);
    // A running run's duration grows from one list to the next.
    const QString firstDuration = running.value(u"duration"_s).toString();
    const HttpResponse later = m_agent.waitFor(u"/api/webjobs"_s, [&](const HttpResponse& response) {
        const OrderedJson list = response.json();
        return list.size() == 2 && list.at(1).value(u"latest_run"_s).value(u"duration"_s).toString() != firstDuration;
    });
    QVERIFY(later.json().at(1).value(u"latest_run"_s).value(u"duration"_s).toString() != firstDuration);

    QCOMPARE(m_agent.request("POST", u"/api/triggeredwebjobs/b-follow/history/%1/abort"_s.arg(runId)).status, 202);
    m_agent.waitFor(u"/api/webjobs"_s, [&](const HttpResponse&) {
        return listed(u"b-follow"_s).value(u"latest_run"_s).value(u"status"_s).toString() == u"Aborted";
    });
    QCOMPARE(listed(u"b-follow"_s).value(u"latest_run"_s).value(u"status"_s).toString(), u"Aborted"_s);

    QCOMPARE(m_agent.request("PUT", u"/api/triggeredwebjobs/a-follow/settings"_s, R"({"x":1})").status, 200);
    QCOMPARE(listed(u"a-follow"_s).value(u"settings"_s).toJson(), R"({"x":1})"_ba);
    QCOMPARE(m_agent.upload(u"/api/triggeredwebjobs/a-follow"_s, script("echo v2"), u"go.sh"_s).status, 200);
    QCOMPARE(listed(u"a-follow"_s).value(u"run_command"_s).toString(), u"go.sh"_s);

    QCOMPARE(m_agent.request("DELETE", u"/api/triggeredwebjobs/a-follow"_s).status, 200);
    jobs = m_agent.get(u"/api/webjobs"_s).json();
    QCOMPARE(jobs.size(), 1);
    QCOMPARE(jobs.at(0).value(u"name"_s).toString(), u"b-follow"_s);
}

void TestAgentServer::triggeredRoutesInEveryForm_data()
{
    addForms();
}

void TestAgentServer::triggeredRoutesInEveryForm()
{
    QFETCH(int, form);
    const QString name = u"trig-"_s + formSuffix(Form(form));
    const QString job = typePath(Form(form), u"triggered"_s) + u'/' + name;
    const QString base = m_agent.baseUrl();

    // PUT: create.
    const HttpResponse created = m_agent.upload(job, script("echo \"out:$1\""), u"run.sh"_s);
    QCOMPARE(created.status, 200);
    const OrderedJson createdJson = created.json();
    QCOMPARE(createdJson.value(u"name"_s).toString(), name);
    QCOMPARE(createdJson.value(u"run_command"_s).toString(), u"run.sh"_s);
    QCOMPARE(createdJson.value(u"type"_s).toString(), u"triggered"_s);
    QVERIFY(createdJson.value(u"latest_run"_s).isNull());
    // URLs always in the current form (§3.9).
    QCOMPARE(createdJson.value(u"url"_s).toString(), base + u"/api/triggeredwebjobs/"_s + name);
    QCOMPARE(createdJson.value(u"history_url"_s).toString(), base + u"/api/triggeredwebjobs/"_s + name + u"/history"_s);
    QCOMPARE(createdJson.value(u"extra_info_url"_s).toString(), base + u"/azurejobs/#/jobs/triggered/"_s + name);

    // GET job.
    const HttpResponse got = m_agent.get(job);
    QCOMPARE(got.status, 200);
    QCOMPARE(got.json().value(u"name"_s).toString(), name);
    QCOMPARE(got.json().keys().first(), u"latest_run"_s);

    // History of a job never run nor scheduled: 404, empty (§2.3.5).
    const HttpResponse noHistory = m_agent.get(job + u"/history"_s);
    QCOMPARE(noHistory.status, 404);
    QVERIFY(noHistory.body.isEmpty());

    // POST run: 202, absolute Location in the current form, empty body.
    const HttpResponse started
        = m_agent.request("POST", job + u"/run?arguments=hi"_s, "{}", {{"Content-Type", "application/json"}});
    QCOMPARE(started.status, 202);
    QVERIFY(started.body.isEmpty());
    const QString location = QString::fromUtf8(started.header("Location"));
    static const QRegularExpression runUrl(u"^(.*)/api/triggeredwebjobs/([^/]+)/history/(\\d{18})$"_s);
    const QRegularExpressionMatch match = runUrl.match(location);
    QVERIFY2(match.hasMatch(), qPrintable(location));
    QCOMPARE(match.captured(1), base);
    QCOMPARE(match.captured(2), name);
    const QString runId = match.captured(3);

    // GET run until it ends.
    const HttpResponse run = m_agent.waitFor(job + u"/history/"_s + runId,
        [](const HttpResponse& response) { return response.json().value(u"status"_s).toString() == u"Success"; });
    QCOMPARE(run.status, 200);
    const OrderedJson runJson = run.json();
    QCOMPARE(runJson.value(u"status"_s).toString(), u"Success"_s);
    QCOMPARE(runJson.value(u"id"_s).toString(), runId);
    QCOMPARE(runJson.value(u"name"_s).toString(), runId);
    QCOMPARE(runJson.value(u"job_name"_s).toString(), name);
    QCOMPARE(runJson.value(u"url"_s).toString(), location);
    QCOMPARE(runJson.value(u"output_url"_s).toString(),
        base + u"/vfs/data/jobs/triggered/%1/%2/output_log.txt"_s.arg(name, runId));
    QVERIFY(runJson.contains(u"error_url"_s) && runJson.value(u"error_url"_s).isNull());
    const QStringList kuduOrder {u"id"_s, u"name"_s, u"status"_s, u"start_time"_s, u"end_time"_s, u"duration"_s,
        u"output_url"_s, u"error_url"_s, u"url"_s, u"job_name"_s, u"trigger"_s};
    QCOMPARE(runJson.keys().mid(0, kuduOrder.size()), kuduOrder);

    // GET history: {"runs":[…]} with that run.
    const HttpResponse history = m_agent.get(job + u"/history"_s);
    QCOMPARE(history.status, 200);
    QCOMPARE(history.json().keys(), QStringList {u"runs"_s});
    QCOMPARE(history.json().value(u"runs"_s).size(), 1);
    QCOMPARE(history.json().value(u"runs"_s).at(0).value(u"id"_s).toString(), runId);
    QVERIFY(!history.header("ETag").isEmpty());

    // The output through its VFS URL.
    const HttpResponse output = m_agent.get(QUrl(runJson.value(u"output_url"_s).toString()).path());
    QCOMPARE(output.status, 200);
    QVERIFY2(output.body.contains("out:hi"), output.body.constData());

    // Settings: {} then a round trip of unknown keys, exact text.
    const HttpResponse noSettings = m_agent.get(job + u"/settings"_s);
    QCOMPARE(noSettings.status, 200);
    QCOMPARE(noSettings.body, "{}"_ba);
    const QByteArray settings = R"({"mysetting":"myvalue","is_singleton":false,"stopping_wait_time":60})";
    const HttpResponse put
        = m_agent.request("PUT", job + u"/settings"_s, settings, {{"Content-Type", "application/json"}});
    QCOMPARE(put.status, 200);
    QVERIFY(put.body.isEmpty());
    QCOMPARE(m_agent.get(job + u"/settings"_s).body, settings);
    QCOMPARE(m_agent.get(job).json().value(u"settings"_s).toJson(), settings);
    // PUT replaces (no merge).
    QCOMPARE(m_agent.request("PUT", job + u"/settings"_s, R"({"one":1})").status, 200);
    QCOMPARE(m_agent.get(job + u"/settings"_s).body, R"({"one":1})"_ba);

    // DELETE, then 404.
    const HttpResponse deleted = m_agent.request("DELETE", job);
    QCOMPARE(deleted.status, 200);
    QVERIFY(deleted.body.isEmpty());
    QCOMPARE(m_agent.get(job).status, 404);
    QCOMPARE(m_agent.get(job + u"/history/"_s + runId).status, 404);
}

void TestAgentServer::continuousRoutesInEveryForm_data()
{
    addForms();
}

void TestAgentServer::continuousRoutesInEveryForm()
{
    QFETCH(int, form);
    const QString name = u"cont-"_s + formSuffix(Form(form));
    const QString job = typePath(Form(form), u"continuous"_s) + u'/' + name;
    const QString base = m_agent.baseUrl();
    const auto statusIs = [](const QString& status) {
        return
            [status](const HttpResponse& response) { return response.json().value(u"status"_s).toString() == status; };
    };

    const HttpResponse created = m_agent.upload(job, LongRun, u"run.sh"_s);
    QCOMPARE(created.status, 200);
    const OrderedJson json = created.json();
    QCOMPARE(json.keys().mid(0, 3), (QStringList {u"status"_s, u"detailed_status"_s, u"log_url"_s}));
    QCOMPARE(json.value(u"type"_s).toString(), u"continuous"_s);
    QCOMPARE(json.value(u"log_url"_s).toString(), base + u"/vfs/data/jobs/continuous/%1/job_log.txt"_s.arg(name));
    QCOMPARE(json.value(u"url"_s).toString(), base + u"/api/continuouswebjobs/"_s + name);

    const HttpResponse running = m_agent.waitFor(job, statusIs(u"Running"_s));
    QCOMPARE(running.json().value(u"status"_s).toString(), u"Running"_s);
    QCOMPARE(running.json().value(u"detailed_status"_s).toString(), m_agent.instance() + u" - Running\r\n"_s);

    const HttpResponse stop = m_agent.request("POST", job + u"/stop"_s);
    QCOMPARE(stop.status, 200);
    QVERIFY(stop.body.isEmpty());
    QCOMPARE(m_agent.waitFor(job, statusIs(u"Stopped"_s)).json().value(u"status"_s).toString(), u"Stopped"_s);
    // Idempotent.
    QCOMPARE(m_agent.request("POST", job + u"/stop"_s).status, 200);

    const HttpResponse start = m_agent.request("POST", job + u"/start"_s);
    QCOMPARE(start.status, 200);
    QVERIFY(start.body.isEmpty());
    QCOMPARE(m_agent.waitFor(job, statusIs(u"Running"_s)).json().value(u"status"_s).toString(), u"Running"_s);

    QCOMPARE(m_agent.get(job + u"/settings"_s).body, "{}"_ba);
    QCOMPARE(m_agent.request("PUT", job + u"/settings"_s, R"({"is_singleton":true})").status, 200);
    QCOMPARE(m_agent.get(job + u"/settings"_s).body, R"({"is_singleton":true})"_ba);

    // The job log through its VFS URL.
    const HttpResponse log = m_agent.get(QUrl(json.value(u"log_url"_s).toString()).path());
    QCOMPARE(log.status, 200);
    QCOMPARE(log.header("Content-Type"), "text/plain"_ba);

    QCOMPARE(m_agent.request("DELETE", job).status, 200);
    QCOMPARE(m_agent.get(job).status, 404);
}

void TestAgentServer::errorCatalogue_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("contentType"); // "" = no body at all
    QTest::addColumn<QByteArray>("expectedBody"); // exact; or a prefix when it ends with "…"

    const QByteArray none;
    const QByteArray text = "text/plain; charset=utf-8";
    const QByteArray json = "application/json; charset=utf-8";
    QTest::newRow("GET unknown triggered job")
        << "GET"_ba << u"/api/triggeredwebjobs/nope"_s << none << 404 << none << none;
    QTest::newRow("GET unknown continuous job")
        << "GET"_ba << u"/api/continuouswebjobs/nope"_s << none << 404 << none << none;
    QTest::newRow("PUT settings of unknown triggered job")
        << "PUT"_ba << u"/api/triggeredwebjobs/nope/settings"_s << "{}"_ba << 404 << none << none;
    QTest::newRow("PUT settings of unknown continuous job")
        << "PUT"_ba << u"/api/continuouswebjobs/nope/settings"_s << "{}"_ba << 404 << none << none;
    QTest::newRow("POST run of unknown job")
        << "POST"_ba << u"/api/triggeredwebjobs/nope/run"_s << none << 404 << none << none;
    QTest::newRow("POST start of unknown job")
        << "POST"_ba << u"/api/continuouswebjobs/nope/start"_s << none << 404 << none << none;
    QTest::newRow("POST stop of unknown job")
        << "POST"_ba << u"/api/continuouswebjobs/nope/stop"_s << none << 404 << none << none;
    QTest::newRow("GET settings of unknown triggered job: {}")
        << "GET"_ba << u"/api/triggeredwebjobs/nope/settings"_s << none << 200 << json << "{}"_ba;
    QTest::newRow("GET settings of unknown continuous job: {}")
        << "GET"_ba << u"/api/continuouswebjobs/nope/settings"_s << none << 200 << json << "{}"_ba;
    QTest::newRow("GET unknown run") << "GET"_ba << u"/api/triggeredwebjobs/cat/history/202401010000000000"_s << none
                                     << 404 << none << none;
    QTest::newRow("GET history of unknown job")
        << "GET"_ba << u"/api/triggeredwebjobs/nope/history"_s << none << 404 << none << none;
    QTest::newRow("GET history never run, unscheduled")
        << "GET"_ba << u"/api/triggeredwebjobs/cat/history"_s << none << 404 << none << none;
    QTest::newRow("DELETE unknown triggered job")
        << "DELETE"_ba << u"/api/triggeredwebjobs/nope"_s << none << 200 << none << none;
    QTest::newRow("DELETE unknown continuous job")
        << "DELETE"_ba << u"/api/continuouswebjobs/nope"_s << none << 200 << none << none;
    QTest::newRow("settings not JSON") << "PUT"_ba << u"/api/triggeredwebjobs/cat/settings"_s << "{nope"_ba << 400
                                       << text << "…"_ba;
    QTest::newRow("settings null") << "PUT"_ba << u"/api/triggeredwebjobs/cat/settings"_s << "null"_ba << 400 << text
                                   << "…"_ba;
    QTest::newRow("settings empty") << "PUT"_ba << u"/api/triggeredwebjobs/cat/settings"_s << ""_ba << 400 << text
                                    << "…"_ba;
    QTest::newRow("settings with an invalid schedule") << "PUT"_ba << u"/api/triggeredwebjobs/cat/settings"_s
                                                       << R"({"schedule":"every day"})"_ba << 400 << text << "…"_ba;
    QTest::newRow("upload without Content-Disposition") << "PUT"_ba << u"/api/triggeredwebjobs/new"_s << script("echo")
                                                        << 400 << text << "Missing Content-Disposition header."_ba;
    QTest::newRow("method not allowed")
        << "DELETE"_ba << u"/api/webjobs"_s << none << 405 << json
        << R"({"Message":"The requested resource does not support http method 'DELETE'."})"_ba;
    QTest::newRow("POST on a job") << "POST"_ba << u"/api/triggeredwebjobs/cat"_s << none << 405 << json << "…"_ba;
    QTest::newRow("unknown route") << "GET"_ba << u"/api/nothing"_s << none << 404 << none << none;
    QTest::newRow("continuous job has no run route")
        << "POST"_ba << u"/api/continuouswebjobs/cat/run"_s << none << 404 << none << none;
    QTest::newRow("abort of unknown job")
        << "POST"_ba << u"/api/triggeredwebjobs/nope/history/1/abort"_s << none << 404 << none << none;
    QTest::newRow("abort of unknown run")
        << "POST"_ba << u"/api/triggeredwebjobs/cat/history/1/abort"_s << none << 404 << none << none;
    QTest::newRow("unknown hook") << "GET"_ba << u"/api/hooks/999"_s << none << 404 << none << none;
    QTest::newRow("passthrough failure: HttpError")
        << "GET"_ba << u"/api/continuouswebjobs/nope/passthrough/x"_s << none << 404 << json
        << R"({"Message":"An error has occurred.","ExceptionMessage":…)"_ba;
}

void TestAgentServer::errorCatalogue()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, expectedBody);

    if (m_agent.get(u"/api/triggeredwebjobs/cat"_s).status != 200)
        QCOMPARE(uploadTriggered(u"cat"_s), u"cat"_s);

    const HttpResponse response = method == "PUT" && path == u"/api/triggeredwebjobs/new"
        ? m_agent.upload(path, body, QString())
        : m_agent.request(method, path, body);
    QCOMPARE(response.status, status);
    if (contentType.isEmpty()) {
        QVERIFY2(response.body.isEmpty(), response.body.constData());
        return;
    }
    QCOMPARE(response.header("Content-Type"), contentType);
    if (expectedBody.endsWith("…")) {
        const QByteArray prefix = expectedBody.chopped(QByteArray("…").size());
        QVERIFY2(response.body.startsWith(prefix) && response.body.size() > prefix.size(), response.body.constData());
    } else {
        QCOMPARE(response.body, expectedBody);
    }
}

void TestAgentServer::runConflictAndAbort()
{
    QCOMPARE(uploadTriggered(u"slow"_s, script("sleep 600")), u"slow"_s);
    const HttpResponse first = m_agent.request("POST", u"/api/triggeredwebjobs/slow/run"_s);
    QCOMPARE(first.status, 202);
    const QString runId = QString::fromUtf8(first.header("Location")).section(u'/', -1);

    const HttpResponse second = m_agent.request("POST", u"/api/triggeredwebjobs/slow/run"_s);
    QCOMPARE(second.status, 409);
    QCOMPARE(second.header("Content-Type"), "text/plain; charset=utf-8"_ba);
    QCOMPARE(second.body, "Cannot start a new run since job is already running."_ba);

    // Our extension: abort the running run.
    const HttpResponse abort
        = m_agent.request("POST", u"/api/triggeredwebjobs/slow/history/%1/abort?reason=test"_s.arg(runId));
    QCOMPARE(abort.status, 202);
    QCOMPARE(QString::fromUtf8(abort.header("Location")),
        m_agent.baseUrl() + u"/api/triggeredwebjobs/slow/history/"_s + runId);
    const HttpResponse aborted = m_agent.waitFor(u"/api/triggeredwebjobs/slow/history/"_s + runId,
        [](const HttpResponse& response) { return response.json().value(u"status"_s).toString() == u"Aborted"; });
    QCOMPARE(aborted.json().value(u"status"_s).toString(), u"Aborted"_s);
    QCOMPARE(aborted.json().value(u"abort_reason"_s).toString(), u"test"_s);
    QCOMPARE(aborted.json().value(u"aborted_by"_s).toString(), u"admin (External - agent-test/1.0)"_s);

    const HttpResponse again = m_agent.request("POST", u"/api/triggeredwebjobs/slow/history/%1/abort"_s.arg(runId));
    QCOMPARE(again.status, 409);
    QCOMPARE(again.header("Content-Type"), "text/plain; charset=utf-8"_ba);
    // A new run is possible again.
    QCOMPARE(m_agent.request("POST", u"/api/triggeredwebjobs/slow/run"_s).status, 202);
}

void TestAgentServer::runArgumentsAndTrigger()
{
    QCOMPARE(uploadTriggered(u"args"_s, script("echo \"[$1][$2]\"")), u"args"_s);
    // Form decoding: '+' is a space, %2B a plus; double quotes keep "first arg" whole.
    const QString runId = runToEnd(u"args"_s, u"?arguments=%22first+arg%22+second%2B"_s);
    QVERIFY(!runId.isEmpty());
    const OrderedJson run = m_agent.get(u"/api/triggeredwebjobs/args/history/"_s + runId).json();
    QCOMPARE(run.value(u"status"_s).toString(), u"Success"_s);
    QCOMPARE(run.value(u"trigger"_s).toString(), u"External - agent-test/1.0"_s);
    QCOMPARE(run.value(u"arguments"_s).toString(), u"\"first arg\" second+"_s);
    const HttpResponse output = m_agent.get(QUrl(run.value(u"output_url"_s).toString()).path());
    QVERIFY2(output.body.contains("[first arg][second+]"), output.body.constData());

    // Without a User-Agent: "External - ".
    const HttpResponse started = m_agent.raw("POST /api/triggeredwebjobs/args/run HTTP/1.1\r\nHost: x\r\n"
                                             "Authorization: "
        + m_agent.authorization() + "\r\nContent-Length: 0\r\n\r\n");
    QCOMPARE(started.status, 202);
    // The Host header names the base of every URL.
    QVERIFY2(started.header("Location").startsWith("http://x/api/triggeredwebjobs/args/history/"),
        started.header("Location").constData());
    const QString id = QString::fromUtf8(started.header("Location")).section(u'/', -1);
    const HttpResponse second = m_agent.waitFor(u"/api/triggeredwebjobs/args/history/"_s + id,
        [](const HttpResponse& r) { return r.json().value(u"status"_s).toString() == u"Success"; });
    QCOMPARE(second.json().value(u"trigger"_s).toString(), u"External - "_s);
}

// The text of ?arguments= reaches a real script split by Kudu's (.NET's) rules, never by a
// shell, and whole in WEBJOBS_COMMAND_ARGUMENTS; the run records it as sent.
void TestAgentServer::runArgumentsSplitAsKuduDoes()
{
    QCOMPARE(uploadTriggered(u"argv"_s,
                 script("printf 'argc %s\\n' \"$#\"\n"
                        "for a in \"$@\"; do printf 'argv <%s>\\n' \"$a\"; done\n"
                        "printf 'env <%s>\\n' \"$WEBJOBS_COMMAND_ARGUMENTS\"")),
        u"argv"_s);
    const QString text = uR"(a 'b c' "d e" \"f\" C:\dir\ "g\\" "" ; rm -rf $HOME `id`)"_s;
    const QString runId = runToEnd(u"argv"_s, u"?arguments="_s + QString::fromLatin1(QUrl::toPercentEncoding(text)));
    QVERIFY(!runId.isEmpty());
    const OrderedJson run = m_agent.get(u"/api/triggeredwebjobs/argv/history/"_s + runId).json();
    QCOMPARE(run.value(u"status"_s).toString(), u"Success"_s);
    QCOMPARE(run.value(u"arguments"_s).toString(), text);

    const HttpResponse output = m_agent.get(QUrl(run.value(u"output_url"_s).toString()).path());
    QStringList printed;
    for (const QString& line : QString::fromUtf8(output.body).split(u"\r\n"_s, Qt::SkipEmptyParts)) {
        const QString message = line.section(u"] "_s, 1);
        if (message.startsWith(u"argc "_s) || message.startsWith(u"argv <"_s) || message.startsWith(u"env <"_s))
            printed.append(message);
    }
    const QStringList expected {u"argc 13"_s, u"argv <a>"_s, u"argv <'b>"_s, u"argv <c'>"_s, u"argv <d e>"_s,
        u"argv <\"f\">"_s, uR"(argv <C:\dir\>)"_s, uR"(argv <g\>)"_s, u"argv <>"_s, u"argv <;>"_s, u"argv <rm>"_s,
        u"argv <-rf>"_s, u"argv <$HOME>"_s, u"argv <`id`>"_s, u"env <"_s + text + u'>'};
    QCOMPARE(printed, expected);
}

void TestAgentServer::historyNewestFirstWithETag()
{
    QCOMPARE(uploadTriggered(u"hist"_s), u"hist"_s);
    const QString first = runToEnd(u"hist"_s);
    const QString second = runToEnd(u"hist"_s);
    QVERIFY(!first.isEmpty() && !second.isEmpty() && first < second);
    const HttpResponse history = m_agent.get(u"/api/triggeredwebjobs/hist/history"_s);
    const OrderedJson runs = history.json().value(u"runs"_s);
    QCOMPARE(runs.size(), 2);
    QCOMPARE(runs.at(0).value(u"id"_s).toString(), second);
    QCOMPARE(runs.at(1).value(u"id"_s).toString(), first);
    QCOMPARE(
        m_agent.get(u"/api/triggeredwebjobs/hist"_s).json().value(u"latest_run"_s).value(u"id"_s).toString(), second);

    const QByteArray tag = history.header("ETag");
    QVERIFY(tag.startsWith('"') && tag.endsWith('"'));
    const HttpResponse same
        = m_agent.request("GET", u"/api/triggeredwebjobs/hist/history"_s, {}, {{"If-None-Match", tag}});
    QCOMPARE(same.status, 304);
    QCOMPARE(same.header("ETag"), tag);
    QVERIFY(same.body.isEmpty());

    const QString third = runToEnd(u"hist"_s);
    const HttpResponse changed
        = m_agent.request("GET", u"/api/triggeredwebjobs/hist/history"_s, {}, {{"If-None-Match", tag}});
    QCOMPARE(changed.status, 200);
    QVERIFY(changed.header("ETag") != tag);
    QCOMPARE(changed.json().value(u"runs"_s).at(0).value(u"id"_s).toString(), third);

    // Our paging extension.
    const HttpResponse page = m_agent.get(u"/api/triggeredwebjobs/hist/history?offset=1&limit=1"_s);
    QCOMPARE(page.json().value(u"runs"_s).size(), 1);
    QCOMPARE(page.json().value(u"runs"_s).at(0).value(u"id"_s).toString(), second);
}

void TestAgentServer::uploads_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("contentDisposition");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("runCommand"); // or the start of the error text

    const QByteArray run = script("echo hi");
    QTest::newRow("single file") << u"triggered"_s << run << "attachment; filename=\"run.sh\""_ba
                                 << "application/octet-stream"_ba << 200 << u"run.sh"_s;
    QTest::newRow("single file, no content type")
        << u"continuous"_s << LongRun << "attachment; filename=\"go.sh\""_ba << QByteArray() << 200 << u"go.sh"_s;
    QTest::newRow("accented name in RFC 2047")
        << u"triggered"_s << run
        << "attachment; filename=\"=?utf-8?B?Sm9iIGZpbGUgd2l0aCBsb25nIG5hbWUgYW5kIGFjY2VudHMgw6DDqcOoLnNo?=\""_ba
        << "application/octet-stream"_ba << 200 << u"Job file with long name and accents àéè.sh"_s;
    QTest::newRow("directory part stripped") << u"triggered"_s << run << "attachment; filename=\"../../etc/run.sh\""_ba
                                             << "application/octet-stream"_ba << 200 << u"run.sh"_s;
    QTest::newRow("zip") << u"triggered"_s << QByteArray("zip:inner/run.sh") << "attachment; filename=\"job.zip\""_ba
                         << "application/zip"_ba << 200 << u"inner/run.sh"_s;
    QTest::newRow("zip, media type case and parameters")
        << u"continuous"_s << QByteArray("zip:run.sh") << "attachment; filename=\"job.zip\""_ba
        << "Application/ZIP; charset=binary"_ba << 200 << u"run.sh"_s;
    QTest::newRow("zip sent as x-zip-compressed is stored as a file")
        << u"triggered"_s << QByteArray("zip:run.sh") << "attachment; filename=\"job.zip\""_ba
        << "application/x-zip-compressed"_ba << 400 << u"No runnable script file was found"_s;
    QTest::newRow("no runnable script") << u"triggered"_s << QByteArray("notes") << "attachment; filename=\"a.txt\""_ba
                                        << "text/plain"_ba << 400 << u"No runnable script file was found"_s;
    QTest::newRow("invalid job name") << u"triggered:bad name"_s << run << "attachment; filename=\"run.sh\""_ba
                                      << QByteArray() << 400 << u"\"bad name\" is not a valid job name"_s;
    QTest::newRow("not a zip") << u"triggered"_s << QByteArray("this is not a zip")
                               << "attachment; filename=\"job.zip\""_ba
                               << "application/zip"_ba << 400 << QString();
}

void TestAgentServer::uploads()
{
    QFETCH(QString, type);
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, contentDisposition);
    QFETCH(QByteArray, contentType);
    QFETCH(int, status);
    QFETCH(QString, runCommand);

    QString name = u"up"_s;
    if (type.contains(u':')) {
        name = type.section(u':', 1);
        type = type.section(u':', 0, 0);
    }
    if (body.startsWith("zip:"))
        body = zip(
            {ZipEntry::file(QString::fromUtf8(body.mid(4)), type == u"continuous" ? LongRun : script("echo z"), 0755)});
    QList<QPair<QByteArray, QByteArray>> headers {{"Content-Disposition", contentDisposition}};
    if (!contentType.isEmpty())
        headers.append({"Content-Type", contentType});
    const QString path = u"/api/%1webjobs/%2"_s.arg(type, QString::fromUtf8(QUrl::toPercentEncoding(name)));
    const HttpResponse response = m_agent.request("PUT", path, body, headers);
    QCOMPARE(response.status, status);
    if (status == 200) {
        QCOMPARE(response.json().value(u"run_command"_s).toString(), runCommand);
        QCOMPARE(response.json().value(u"type"_s).toString(), type);
        QCOMPARE(m_agent.get(path).json().value(u"run_command"_s).toString(), runCommand);
    } else {
        QCOMPARE(response.header("Content-Type"), "text/plain; charset=utf-8"_ba);
        QVERIFY(!response.body.isEmpty());
        QVERIFY2(response.text().startsWith(runCommand), response.body.constData());
        // A refused upload creates no job.
        QCOMPARE(m_agent.get(path).status, 404);
    }
}

void TestAgentServer::uploadReplacesTheWholePackage()
{
    // Kudu's CreateSameTriggeredJobTwiceUpdatesJobBinaries.
    const QByteArray first = zip({ZipEntry::file(u"inner/run.sh"_s, script("echo one"), 0755),
        ZipEntry::file(u"inner/test.sh"_s, script("echo two"), 0755)});
    QCOMPARE(m_agent.upload(u"/api/triggeredwebjobs/twice"_s, first, u"job.zip"_s, "application/zip").status, 200);
    const QString folder = u"/vfs/site/wwwroot/App_Data/jobs/triggered/twice/"_s;
    QCOMPARE(m_agent.get(folder).json().at(0).value(u"name"_s).toString(), u"inner"_s);

    const HttpResponse second = m_agent.upload(u"/api/triggeredwebjobs/twice"_s, script("echo three"), u"myrun.sh"_s);
    QCOMPARE(second.status, 200);
    QCOMPARE(second.json().value(u"run_command"_s).toString(), u"myrun.sh"_s);
    const OrderedJson listing = m_agent.get(folder).json();
    QCOMPARE(listing.size(), 1);
    QCOMPARE(listing.at(0).value(u"name"_s).toString(), u"myrun.sh"_s);
}

void TestAgentServer::hostileZips_data()
{
    QTest::addColumn<QList<ZipEntry>>("entries");
    const ZipEntry good = ZipEntry::file(u"run.sh"_s, script("echo ok"), 0755);
    QTest::newRow("zip slip") << QList<ZipEntry> {good, ZipEntry::file(u"../evil.sh"_s)};
    QTest::newRow("absolute path") << QList<ZipEntry> {good, ZipEntry::file(u"/tmp/evil.sh"_s)};
    QTest::newRow("symbolic link") << QList<ZipEntry> {good, ZipEntry::symbolicLink(u"link"_s, "/etc/passwd")};
    QTest::newRow("duplicate entry") << QList<ZipEntry> {good, good};
    ZipEntry encrypted = good;
    encrypted.password = "secret";
    QTest::newRow("encrypted") << QList<ZipEntry> {encrypted};
    ZipEntry badCrc = good;
    badCrc.crc = 0x12345678;
    QTest::newRow("checksum mismatch") << QList<ZipEntry> {badCrc};
    ZipEntry bomb = ZipEntry::file(u"run.sh"_s, QByteArray(512 * 1024, 'a'));
    bomb.declaredSize = 100;
    QTest::newRow("lying size") << QList<ZipEntry> {bomb};
}

void TestAgentServer::hostileZips()
{
    QFETCH(QList<ZipEntry>, entries);
    // A good job first: a refused upload must leave it as it was.
    QCOMPARE(m_agent.upload(u"/api/triggeredwebjobs/victim"_s, script("echo ok"), u"run.sh"_s).status, 200);
    const HttpResponse response
        = m_agent.upload(u"/api/triggeredwebjobs/victim"_s, zip(entries), u"job.zip"_s, "application/zip");
    QCOMPARE(response.status, 400);
    QCOMPARE(response.header("Content-Type"), "text/plain; charset=utf-8"_ba);
    QVERIFY(!response.body.isEmpty());
    QCOMPARE(m_agent.get(u"/api/triggeredwebjobs/victim"_s).json().value(u"run_command"_s).toString(), u"run.sh"_s);
    QVERIFY(!QFile::exists(m_agent.dataRoot() + u"/site/wwwroot/App_Data/jobs/triggered/evil.sh"_s));
    QVERIFY(!QFile::exists(m_agent.dataRoot() + u"/site/wwwroot/App_Data/jobs/evil.sh"_s));
}

void TestAgentServer::chunkedUpload()
{
    const QByteArray body = script("echo chunked");
    QByteArray request
        = "PUT /api/triggeredwebjobs/chunky HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + m_agent.authorization()
        + "\r\nContent-Disposition: attachment; filename=\"run.sh\"\r\nTransfer-Encoding: chunked\r\n\r\n";
    for (qsizetype i = 0; i < body.size(); i += 5) {
        const QByteArray piece = body.mid(i, 5);
        request += QByteArray::number(piece.size(), 16) + "\r\n" + piece + "\r\n";
    }
    request += "0\r\n\r\n";
    const HttpResponse response = m_agent.raw(request);
    QCOMPARE(response.status, 200);
    QCOMPARE(response.json().value(u"name"_s).toString(), u"chunky"_s);
    const QString runId = runToEnd(u"chunky"_s);
    const OrderedJson run = m_agent.get(u"/api/triggeredwebjobs/chunky/history/"_s + runId).json();
    QCOMPARE(run.value(u"status"_s).toString(), u"Success"_s);
}

void TestAgentServer::clientGoneBeforeTheUploadAnswer()
{
    const QByteArray body = zip({ZipEntry::file(u"run.sh"_s, script("echo gone"), 0755)});
    {
        QTcpSocket socket;
        socket.connectToHost(u"127.0.0.1"_s, m_agent.port());
        QVERIFY(socket.waitForConnected(5000));
        socket.write(
            "PUT /api/triggeredwebjobs/orphan HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + m_agent.authorization()
            + "\r\nContent-Type: application/zip\r\nContent-Disposition: attachment; filename=\"a.zip\"\r\n"
              "Content-Length: "
            + QByteArray::number(body.size()) + "\r\n\r\n" + body);
        QVERIFY(socket.waitForBytesWritten(5000));
        socket.abort(); // gone before the import finishes
    }
    // The import completes anyway, and the agent keeps answering.
    const HttpResponse job = m_agent.waitFor(
        u"/api/triggeredwebjobs/orphan"_s, [](const HttpResponse& response) { return response.status == 200; });
    QCOMPARE(job.status, 200);
    QVERIFY(m_agent.isRunning());
}

void TestAgentServer::requestWithoutHost()
{
    QCOMPARE(uploadTriggered(u"nohost"_s), u"nohost"_s);
    const HttpResponse response = m_agent.raw(
        "POST /api/triggeredwebjobs/nohost/run HTTP/1.0\r\nAuthorization: " + m_agent.authorization() + "\r\n\r\n");
    QCOMPARE(response.status, 202);
    const QByteArray expected
        = "http://127.0.0.1:" + QByteArray::number(m_agent.port()) + "/api/triggeredwebjobs/nohost/";
    QVERIFY2(response.header("Location").startsWith(expected), response.header("Location").constData());
}

void TestAgentServer::expectContinue()
{
    const QByteArray body = script("echo continued");
    const QByteArray head
        = "PUT /api/triggeredwebjobs/expecting HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + m_agent.authorization()
        + "\r\nContent-Disposition: attachment; filename=\"run.sh\"\r\nExpect: 100-continue\r\nContent-Length: "
        + QByteArray::number(body.size()) + "\r\n\r\n";
    QTcpSocket socket;
    socket.connectToHost(u"127.0.0.1"_s, m_agent.port());
    QVERIFY(socket.waitForConnected(5000));
    socket.write(head);
    QByteArray received;
    while (!received.contains("\r\n\r\n") && socket.waitForReadyRead(10000))
        received += socket.readAll();
    QCOMPARE(received, "HTTP/1.1 100 Continue\r\n\r\n"_ba);
    socket.write(body);
    std::optional<HttpResponse> response;
    received.clear();
    while (!(response = parseResponse(received, false)) && socket.waitForReadyRead(10000))
        received += socket.readAll();
    QVERIFY(response);
    QCOMPARE(response->status, 200);
}

void TestAgentServer::oversizedUploadRefusedBeforeItsBody()
{
    // 10 GB announced and never sent: the 413 can only be an answer to the headers.
    const HttpResponse response = m_agent.raw("PUT /api/triggeredwebjobs/big HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                              "Authorization: "
        + m_agent.authorization()
        + "\r\nContent-Disposition: attachment; filename=\"run.sh\"\r\n"
          "Content-Length: 10000000000\r\n\r\n");
    QCOMPARE(response.status, 413);
    QCOMPARE(response.header("Content-Type"), "text/plain; charset=utf-8"_ba);
    QVERIFY2(response.body.contains("1048576"), response.body.constData());
    QCOMPARE(m_agent.get(u"/api/triggeredwebjobs/big"_s).status, 404);
    // Other bodies have their own, smaller limit.
    const HttpResponse settings = m_agent.raw("PUT /api/triggeredwebjobs/big/settings HTTP/1.1\r\nHost: x\r\n"
                                              "Authorization: "
        + m_agent.authorization() + "\r\nContent-Length: 2000000\r\n\r\n");
    QCOMPARE(settings.status, 413);
}

void TestAgentServer::oversizedChunkedUpload()
{
    QTcpSocket socket;
    socket.connectToHost(u"127.0.0.1"_s, m_agent.port());
    QVERIFY(socket.waitForConnected(5000));
    socket.write(
        "PUT /api/triggeredwebjobs/bigchunks HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + m_agent.authorization()
        + "\r\nContent-Disposition: attachment; filename=\"run.sh\"\r\nTransfer-Encoding: chunked\r\n\r\n");
    const QByteArray chunk(64 * 1024, 'x');
    QByteArray received;
    std::optional<HttpResponse> response;
    // Keep sending until the agent answers; it must answer before 2 MB went.
    for (int i = 0; i < 32 && !response; ++i) {
        if (socket.state() == QAbstractSocket::ConnectedState) {
            socket.write(QByteArray::number(chunk.size(), 16) + "\r\n" + chunk + "\r\n");
            socket.waitForBytesWritten(5000);
        }
        socket.waitForReadyRead(100);
        received += socket.readAll();
        response = parseResponse(received, false);
    }
    while (!response && socket.waitForReadyRead(5000)) {
        received += socket.readAll();
        response = parseResponse(received, false);
    }
    QVERIFY2(response, received.constData());
    QCOMPARE(response->status, 413);
    QCOMPARE(m_agent.get(u"/api/triggeredwebjobs/bigchunks"_s).status, 404);
}

void TestAgentServer::oversizedUploadWithBody()
{
    // A client that sends its whole body anyway (QNetworkAccessManager) still reads the 413.
    const HttpResponse response
        = m_agent.upload(u"/api/triggeredwebjobs/big"_s, QByteArray(3 * 1024 * 1024, '#'), u"run.sh"_s);
    QCOMPARE(response.status, 413);
    QCOMPARE(m_agent.get(u"/api/triggeredwebjobs/big"_s).status, 404);
}

void TestAgentServer::vfsReads_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("contentType");
    QTest::newRow("/vfs") << u"/vfs/test/notes.txt"_s << "text/plain"_ba;
    QTest::newRow("/api/vfs") << u"/api/vfs/test/notes.txt"_s << "text/plain"_ba;
    QTest::newRow("%2F-encoded") << u"/vfs/test%2Fnotes.txt"_s << "text/plain"_ba;
    QTest::newRow("%2F-encoded, /api/vfs") << u"/api/vfs/test%2Fsub%2Fagent.log"_s << "text/plain"_ba;
    QTest::newRow("log") << u"/vfs/test/sub/agent.log"_s << "text/plain"_ba;
    QTest::newRow("json") << u"/vfs/test/data.json"_s << "application/json"_ba;
    QTest::newRow("other") << u"/vfs/test/blob.bin"_s << "application/octet-stream"_ba;
    QTest::newRow("space in name") << u"/vfs/test/with%20space.txt"_s << "text/plain"_ba;
}

void TestAgentServer::vfsReads()
{
    QFETCH(QString, path);
    QFETCH(QByteArray, contentType);
    const QString root = m_agent.dataRoot() + u"/test"_s;
    QDir().mkpath(root + u"/sub"_s);
    for (const QString& file :
        {u"notes.txt"_s, u"sub/agent.log"_s, u"data.json"_s, u"blob.bin"_s, u"with space.txt"_s}) {
        QFile out(root + u'/' + file);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write("content of " + file.toUtf8());
    }
    const QString file = QUrl::fromPercentEncoding(path.section(u"vfs/"_s, 1).toUtf8());
    const HttpResponse response = m_agent.get(path);
    QCOMPARE(response.status, 200);
    QCOMPARE(response.header("Content-Type"), contentType);
    QCOMPARE(response.body, "content of " + file.section(u'/', 1).toUtf8());
    QCOMPARE(response.header("Accept-Ranges"), "bytes"_ba);
    const QByteArray tag = response.header("ETag");
    QVERIFY(!tag.isEmpty());
    QCOMPARE(m_agent.request("GET", path, {}, {{"If-None-Match", tag}}).status, 304);

    // HEAD: the same headers, no body.
    const HttpResponse head = m_agent.request("HEAD", path);
    QCOMPARE(head.status, 200);
    QCOMPARE(head.header("Content-Length"), QByteArray::number(response.body.size()));
    QVERIFY(head.body.isEmpty());

    // Missing: Kudu's HttpError.
    const HttpResponse missing = m_agent.get(path + u".missing"_s);
    QCOMPARE(missing.status, 404);
    QCOMPARE(missing.header("Content-Type"), "application/json; charset=utf-8"_ba);
    QCOMPARE(missing.json().keys(), QStringList {u"Message"_s});
    QVERIFY2(
        missing.json().value(u"Message"_s).toString().endsWith(u".missing' not found."_s), missing.body.constData());
}

void TestAgentServer::vfsRanges_data()
{
    QTest::addColumn<QByteArray>("range");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("contentRange");
    QTest::newRow("first bytes") << "bytes=0-4"_ba << 206 << "01234"_ba
                                 << "bytes 0-4/20"_ba;
    QTest::newRow("middle") << "bytes=5-9"_ba << 206 << "56789"_ba
                            << "bytes 5-9/20"_ba;
    QTest::newRow("from offset (log tail)") << "bytes=15-"_ba << 206 << "FGHIJ"_ba
                                            << "bytes 15-19/20"_ba;
    QTest::newRow("suffix") << "bytes=-3"_ba << 206 << "HIJ"_ba
                            << "bytes 17-19/20"_ba;
    QTest::newRow("past the end") << "bytes=20-"_ba << 416 << QByteArray() << "bytes */20"_ba;
    QTest::newRow("several ranges: whole file")
        << "bytes=0-1,3-4"_ba << 200 << "0123456789ABCDEFGHIJ"_ba << QByteArray();
    // Positions past 2^64 (RFC 9110 §14.1.2): a last-byte-pos past the end means the end; a
    // first-byte-pos past the end cannot be satisfied; a suffix longer than the file is all of it.
    QTest::newRow("last past 2^64") << "bytes=0-18446744073709551616"_ba << 206 << "0123456789ABCDEFGHIJ"_ba
                                    << "bytes 0-19/20"_ba;
    QTest::newRow("last of forty digits")
        << "bytes=12-9999999999999999999999999999999999999999"_ba << 206 << "CDEFGHIJ"_ba
        << "bytes 12-19/20"_ba;
    QTest::newRow("first past 2^64") << "bytes=18446744073709551617-"_ba << 416 << QByteArray() << "bytes */20"_ba;
    QTest::newRow("first and last past 2^64")
        << "bytes=18446744073709551617-18446744073709551620"_ba << 416 << QByteArray() << "bytes */20"_ba;
    QTest::newRow("suffix longer than the file") << "bytes=-25"_ba << 206 << "0123456789ABCDEFGHIJ"_ba
                                                 << "bytes 0-19/20"_ba;
    QTest::newRow("suffix past 2^64") << "bytes=-18446744073709551616"_ba << 206 << "0123456789ABCDEFGHIJ"_ba
                                      << "bytes 0-19/20"_ba;
}

void TestAgentServer::vfsRanges()
{
    QFETCH(QByteArray, range);
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, contentRange);
    QDir().mkpath(m_agent.dataRoot() + u"/test"_s);
    QFile file(m_agent.dataRoot() + u"/test/range.log"_s);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("0123456789ABCDEFGHIJ");
    file.close();
    const HttpResponse response = m_agent.request("GET", u"/vfs/test%2Frange.log"_s, {}, {{"Range", range}});
    QCOMPARE(response.status, status);
    QCOMPARE(response.body, body);
    QCOMPARE(response.header("Content-Range"), contentRange);
    if (status == 206)
        QCOMPARE(response.header("Content-Type"), "text/plain"_ba);
}

void TestAgentServer::vfsFolders()
{
    QDir().mkpath(m_agent.dataRoot() + u"/test/folder/inner"_s);
    QFile file(m_agent.dataRoot() + u"/test/folder/a.txt"_s);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("abc");
    file.close();

    const HttpResponse listing = m_agent.get(u"/vfs/test/folder/"_s);
    QCOMPARE(listing.status, 200);
    const OrderedJson entries = listing.json();
    QCOMPARE(entries.size(), 2);
    const OrderedJson first = entries.at(0);
    QCOMPARE(
        first.keys(), (QStringList {u"name"_s, u"size"_s, u"mtime"_s, u"crtime"_s, u"mime"_s, u"href"_s, u"path"_s}));
    QCOMPARE(first.value(u"name"_s).toString(), u"a.txt"_s);
    QCOMPARE(first.value(u"size"_s).toInteger(), 3);
    QCOMPARE(first.value(u"mime"_s).toString(), u"text/plain"_s);
    QCOMPARE(first.value(u"href"_s).toString(), m_agent.baseUrl() + u"/vfs/test/folder/a.txt"_s);
    QCOMPARE(entries.at(1).value(u"mime"_s).toString(), u"inode/directory"_s);
    QCOMPARE(entries.at(1).value(u"href"_s).toString(), m_agent.baseUrl() + u"/vfs/test/folder/inner/"_s);

    // A folder without its '/', a file with one: 307 to the other form.
    const HttpResponse toFolder = m_agent.get(u"/vfs/test/folder"_s);
    QCOMPARE(toFolder.status, 307);
    QCOMPARE(QString::fromUtf8(toFolder.header("Location")), m_agent.baseUrl() + u"/vfs/test/folder/"_s);
    const HttpResponse toFile = m_agent.get(u"/api/vfs/test/folder/a.txt/"_s);
    QCOMPARE(toFile.status, 307);
    QCOMPARE(QString::fromUtf8(toFile.header("Location")), m_agent.baseUrl() + u"/api/vfs/test/folder/a.txt"_s);

    // The data folder itself.
    const HttpResponse root = m_agent.get(u"/vfs/"_s);
    QCOMPARE(root.status, 200);
    QVERIFY(root.json().isArray());
}

void TestAgentServer::vfsRefusesEscapes_data()
{
    QTest::addColumn<QByteArray>("target");
    QTest::newRow("..") << "/vfs/../../etc/passwd"_ba;
    QTest::newRow("encoded ..") << "/vfs/%2E%2E/%2E%2E/etc/passwd"_ba;
    QTest::newRow("%2F-encoded ..") << "/api/vfs/data%2F..%2F..%2F..%2Fetc%2Fpasswd"_ba;
    QTest::newRow("backslashes") << "/vfs/..%5C..%5Cetc%5Cpasswd"_ba;
    QTest::newRow("link out of the data folder") << "/vfs/test/outside/passwd"_ba;
}

void TestAgentServer::vfsRefusesEscapes()
{
    QFETCH(QByteArray, target);
    QDir().mkpath(m_agent.dataRoot() + u"/test"_s);
    QFile::link(u"/etc"_s, m_agent.dataRoot() + u"/test/outside"_s);
    const HttpResponse response = m_agent.raw(
        "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + m_agent.authorization() + "\r\n\r\n");
    QCOMPARE(response.status, 403);
    QCOMPARE(response.header("Content-Type"), "application/json; charset=utf-8"_ba);
    QVERIFY(!response.body.contains("root:"));
}

void TestAgentServer::namesOutsideTheJobsFolder_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<int>("status");
    QTest::newRow("DELETE ..") << "DELETE"_ba
                               << "/api/triggeredwebjobs/.."_ba << 200;
    QTest::newRow("DELETE encoded ..") << "DELETE"_ba
                                       << "/api/continuouswebjobs/%2E%2E"_ba << 200;
    QTest::newRow("DELETE encoded slash") << "DELETE"_ba
                                          << "/api/triggeredwebjobs/..%2F..%2Fsite"_ba << 200;
    QTest::newRow("GET ..") << "GET"_ba
                            << "/api/triggeredwebjobs/.."_ba << 404;
    QTest::newRow("GET settings of ..") << "GET"_ba
                                        << "/api/triggeredwebjobs/%2E%2E/settings"_ba << 200;
    QTest::newRow("PUT settings of ..") << "PUT"_ba
                                        << "/api/continuouswebjobs/%2E%2E/settings"_ba << 404;
    QTest::newRow("POST run of ..") << "POST"_ba
                                    << "/api/triggeredwebjobs/%2E%2E/run"_ba << 404;
}

void TestAgentServer::namesOutsideTheJobsFolder()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, target);
    QFETCH(int, status);
    QCOMPARE(uploadTriggered(u"keep"_s), u"keep"_s);
    const QByteArray body = method == "PUT" ? "{}"_ba : QByteArray();
    const HttpResponse response = m_agent.raw(method + ' ' + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: "
        + m_agent.authorization() + "\r\nContent-Type: application/json\r\nContent-Length: "
        + QByteArray::number(body.size()) + "\r\n\r\n" + body);
    QCOMPARE(response.status, status);
    if (method == "GET" && status == 200)
        QCOMPARE(response.body, "{}"_ba);
    // Nothing outside a job's own folder was touched.
    QVERIFY(QFileInfo::exists(m_agent.dataRoot() + u"/site/wwwroot/App_Data/jobs/triggered/keep/run.sh"_s));
    QVERIFY(QFileInfo::exists(m_agent.dataRoot() + u"/data/jobs/triggered"_s));
    QCOMPARE(m_agent.get(u"/api/triggeredwebjobs/keep"_s).status, 200);
}

void TestAgentServer::armEnvelope()
{
    QCOMPARE(uploadTriggered(u"armjob"_s), u"armjob"_s);
    const QByteArray site = "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Web/sites/mysite";
    const QList<QPair<QByteArray, QByteArray>> arm {{"x-ms-geo-location", "westeurope"},
        {"Referer", "https://management.azure.com" + site + "/triggeredwebjobs/armjob?api-version=2022"}};

    // POST run answers 200 for ARM.
    const HttpResponse started = m_agent.request("POST", u"/api/triggeredwebjobs/armjob/run"_s, {}, arm);
    QCOMPARE(started.status, 200);
    QVERIFY(started.header("Location").contains("/api/triggeredwebjobs/armjob/history/"));

    const HttpResponse job = m_agent.request("GET", u"/api/triggeredwebjobs/armjob"_s, {}, arm);
    QCOMPARE(job.status, 200);
    const OrderedJson entry = job.json();
    QCOMPARE(entry.keys(), (QStringList {u"id"_s, u"name"_s, u"type"_s, u"location"_s, u"properties"_s}));
    QCOMPARE(entry.value(u"id"_s).toString(), QString::fromUtf8(site) + u"/triggeredwebjobs/armjob"_s);
    QCOMPARE(entry.value(u"name"_s).toString(), u"mysite/armjob"_s);
    QCOMPARE(entry.value(u"type"_s).toString(), u"Microsoft.Web/sites/triggeredwebjobs"_s);
    QCOMPARE(entry.value(u"location"_s).toString(), u"westeurope"_s);
    QCOMPARE(entry.value(u"properties"_s).value(u"name"_s).toString(), u"armjob"_s);

    const QList<QPair<QByteArray, QByteArray>> armList {
        {"x-ms-geo-location", "westeurope"}, {"Referer", site + "/triggeredwebjobs"}};
    const HttpResponse list = m_agent.request("GET", u"/api/triggeredwebjobs"_s, {}, armList);
    QCOMPARE(list.json().keys(), QStringList {u"value"_s});
    QCOMPARE(list.json().value(u"value"_s).at(0).value(u"id"_s).toString(),
        QString::fromUtf8(site) + u"/triggeredwebjobs/armjob"_s);

    const HttpResponse history = m_agent.waitFor(
        u"/api/triggeredwebjobs/armjob/history"_s, [](const HttpResponse& r) { return r.status == 200; });
    QCOMPARE(history.status, 200);
    const HttpResponse armHistory = m_agent.request("GET", u"/api/triggeredwebjobs/armjob/history"_s, {}, armList);
    QCOMPARE(armHistory.json().keys(), QStringList {u"value"_s});
    QCOMPARE(armHistory.json().value(u"value"_s).size(), 1);

    // ARM PUT writes properties.settings only.
    const HttpResponse put
        = m_agent.request("PUT", u"/api/triggeredwebjobs/armjob"_s, R"({"properties":{"settings":{"k":"v"}}})", arm);
    QCOMPARE(put.status, 200);
    QCOMPARE(m_agent.get(u"/api/triggeredwebjobs/armjob/settings"_s).body, R"({"k":"v"})"_ba);
}

void TestAgentServer::swagger()
{
    QCOMPARE(uploadTriggered(u"sw"_s), u"sw"_s);
    const HttpResponse response = m_agent.get(u"/api/triggeredwebjobsswagger"_s);
    QCOMPARE(response.status, 200);
    QCOMPARE(response.body,
        R"({"swagger":"2.0","info":{"version":"v1","title":"WebJobs"},"host":"placeHolder","schemes":["https"],)"
        R"("paths":{"/api/triggeredjobs/sw/run":{"post":{"deprecated":false,"operationId":"sw","consumes":[],)"
        R"("produces":[],"responses":{"200":{"description":"Success"},"default":{"description":"Success"}},)"
        R"("parameters":[{"name":"arguments","in":"query","description":"Web Job Arguments","required":false,)"
        R"("type":"string"}]}}}})"_ba);
}

void TestAgentServer::folderThatIsNotAJobSaysWhy()
{
    // Copied in by hand, without a script: listed with the reason (Kudu leaves it out), and in
    // the agent's log.
    const QString folder = m_agent.dataRoot() + u"/site/wwwroot/App_Data/jobs/triggered/notes"_s;
    QVERIFY(QDir().mkpath(folder));
    QFile notes(folder + u"/readme.txt"_s);
    QVERIFY(notes.open(QIODevice::WriteOnly));
    notes.write("notes");
    notes.close();
    const HttpResponse list = m_agent.waitFor(
        u"/api/triggeredwebjobs"_s, [](const HttpResponse& response) { return response.json().size() == 1; });
    QCOMPARE(list.json().size(), 1);
    const OrderedJson listed = list.json().at(0);
    QCOMPARE(listed.value(u"name"_s).toString(), u"notes"_s);
    const QString error = listed.value(u"error"_s).toString();
    QVERIFY2(error.contains(u"is not loaded as a job"_s) && error.contains(u"No runnable script file was found: put"_s),
        qPrintable(error));
    QVERIFY(listed.value(u"url"_s).isNull());
    const HttpResponse one = m_agent.get(u"/api/triggeredwebjobs/notes"_s);
    QCOMPARE(one.status, 200);
    QCOMPARE(one.json().value(u"error"_s).toString(), error);
    // It cannot run, and Swagger does not offer it.
    QCOMPARE(m_agent.request("POST", u"/api/triggeredwebjobs/notes/run"_s).status, 404);
    QVERIFY(!m_agent.get(u"/api/triggeredwebjobsswagger"_s).text().contains(u"notes"_s));
    const QString log = QString::fromUtf8(m_agent.standardError());
    QVERIFY2(log.contains(u"webjobs.host: triggered job folder "_s)
            && log.contains(u"/triggered/notes is not loaded: No runnable script file was found: put"_s),
        qPrintable(log));
}

namespace {

// A continuous job that answers HTTP on its WEBJOBS_PORT with what it received.
const QByteArray EchoServer = R"(import http.server, os
class Echo(http.server.BaseHTTPRequestHandler):
    def answer(self):
        length = int(self.headers.get('Content-Length') or 0)
        body = self.rfile.read(length).decode() if length else ''
        text = '%s %s auth=%s test=%s body=%s' % (self.command, self.path, self.headers.get('Authorization'),
                                                  self.headers.get('X-Test'), body)
        data = text.encode()
        self.send_response(201)
        self.send_header('X-Job', 'echo')
        self.send_header('Content-Type', 'text/plain')
        self.send_header('Content-Length', str(len(data)))
        self.end_headers()
        self.wfile.write(data)
    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = answer
    def log_message(self, *args):
        pass
http.server.HTTPServer(('127.0.0.1', int(os.environ['WEBJOBS_PORT'])), Echo).serve_forever()
)";

} // namespace

void TestAgentServer::passthroughInEveryForm_data()
{
    QTest::addColumn<QString>("prefix");
    QTest::newRow("current") << u"/api/continuouswebjobs/echo"_s;
    QTest::newRow("deprecated A") << u"/api/continuousjobs/echo"_s;
    QTest::newRow("legacy B") << u"/jobs/continuous/echo"_s;
    QTest::newRow("legacy C") << u"/api/jobs/continuous/echo"_s;
}

void TestAgentServer::passthroughInEveryForm()
{
    QFETCH(QString, prefix);
    if (QStandardPaths::findExecutable(u"python3"_s).isEmpty())
        QSKIP("python3 is not installed: the echo job cannot run");
    const HttpResponse upload = m_agent.upload(u"/api/continuouswebjobs/echo"_s, EchoServer, u"run.py"_s);
    QCOMPARE(upload.status, 200);
    // The job needs a moment to listen on its port.
    const HttpResponse ready = m_agent.waitFor(
        prefix + u"/passthrough/ready"_s, [](const HttpResponse& response) { return response.status == 201; });
    QCOMPARE(ready.status, 201);

    const HttpResponse get
        = m_agent.request("GET", prefix + u"/passthrough/some/path?x=1&y=two"_s, {}, {{"X-Test", "forwarded"}});
    QCOMPARE(get.status, 201);
    QCOMPARE(get.header("X-Job"), "echo"_ba);
    // The agent's own credentials are not handed to the job.
    QCOMPARE(get.text(), u"GET /some/path?x=1&y=two auth=None test=forwarded body="_s);

    const HttpResponse post = m_agent.request("POST", prefix + u"/passthrough/submit"_s, "payload", {});
    QCOMPARE(post.status, 201);
    QCOMPARE(post.text(), u"POST /submit auth=None test=None body=payload"_s);
}

void TestAgentServer::passthroughOfAStoppedJob()
{
    if (QStandardPaths::findExecutable(u"python3"_s).isEmpty())
        QSKIP("python3 is not installed: the echo job cannot run");
    QCOMPARE(m_agent.upload(u"/api/continuouswebjobs/echo"_s, EchoServer, u"run.py"_s).status, 200);
    QCOMPARE(m_agent.request("POST", u"/api/continuouswebjobs/echo/stop"_s).status, 200);
    const HttpResponse response = m_agent.waitFor(u"/api/continuouswebjobs/echo/passthrough/x"_s,
        [](const HttpResponse& answer) { return answer.status == 404; });
    QCOMPARE(response.status, 404);
    QCOMPARE(response.json().value(u"Message"_s).toString(), u"An error has occurred."_s);
}

QTEST_GUILESS_MAIN(TestAgentServer)
#include "TestAgentServer.moc"
