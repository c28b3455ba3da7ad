#include "core/model/Job.h"
#include "core/model/JobRun.h"
#include "core/model/JobStatus.h"
#include "core/model/JobType.h"
#include "core/model/JobUrls.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace WebJobs;

// The exact JSON text of jobs, runs, histories and lists (docs/kudu-webjobs-api.md §3, §5.2).
class TestModelJson : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void jobRoundTrip_data();
    void jobRoundTrip();
    void triggeredJobFields();
    void continuousJobFields();
    void runRoundTrip_data();
    void runRoundTrip();
    void runExtensionsOnlyWhenSet();
    void runElapsed();
    void historyRoundTrip_data();
    void historyRoundTrip();
    void listRoundTrip();
    void jobErrors_data();
    void jobErrors();
    void runErrors_data();
    void runErrors();
    void statusNames_data();
    void statusNames();
    void statusNamesRefused_data();
    void statusNamesRefused();
    void typeNames();
    void runStatusFile_data();
    void runStatusFile();
    void runStatusFileErrors_data();
    void runStatusFileErrors();
    void continuousStatusFile();
    void detailedStatus();
};

namespace {

// §3.10, GET /api/triggeredwebjobs/nightly, compact.
const QByteArray TriggeredExample
    = R"({"latest_run":{"id":"202409041333184631","name":"202409041333184631","status":"Success",)"
      R"("start_time":"2024-09-04T13:33:18.4631072Z","end_time":"2024-09-04T13:33:25.0061213Z",)"
      R"("duration":"00:00:06.5430141",)"
      R"("output_url":"https://mysite.scm.azurewebsites.net/vfs/data/jobs/triggered/nightly/202409041333184631/output_log.txt",)"
      R"("error_url":null,)"
      R"("url":"https://mysite.scm.azurewebsites.net/api/triggeredwebjobs/nightly/history/202409041333184631",)"
      R"("job_name":"nightly","trigger":"Schedule - 0 0 3 * * *"},)"
      R"("history_url":"https://mysite.scm.azurewebsites.net/api/triggeredwebjobs/nightly/history",)"
      R"("scheduler_logs_url":"https://mysite.scm.azurewebsites.net/vfs/data/jobs/triggered/nightly/job_scheduler.log",)"
      R"("name":"nightly","run_command":"run.sh",)"
      R"("url":"https://mysite.scm.azurewebsites.net/api/triggeredwebjobs/nightly",)"
      R"("extra_info_url":"https://mysite.scm.azurewebsites.net/azurejobs/#/jobs/triggered/nightly",)"
      R"("type":"triggered","error":null,"using_sdk":false,"settings":{"schedule":"0 0 3 * * *"}})";

// §3.10, GET /api/continuouswebjobs/worker, compact.
const QByteArray ContinuousExample
    = R"({"status":"Running","detailed_status":"a1b2c3 - Running\r\nd4e5f6 - Running\r\n",)"
      R"("log_url":"https://mysite.scm.azurewebsites.net/vfs/data/jobs/continuous/worker/job_log.txt",)"
      R"("name":"worker","run_command":"worker.exe",)"
      R"("url":"https://mysite.scm.azurewebsites.net/api/continuouswebjobs/worker",)"
      R"("extra_info_url":"https://mysite.scm.azurewebsites.net/azurejobs/#/jobs/continuous/worker",)"
      R"("type":"continuous","error":null,"using_sdk":true,"settings":{}})";

// The latest run of TriggeredExample.
const QByteArray KuduRun
    = R"({"id":"202409041333184631","name":"202409041333184631","status":"Success",)"
      R"("start_time":"2024-09-04T13:33:18.4631072Z","end_time":"2024-09-04T13:33:25.0061213Z",)"
      R"("duration":"00:00:06.5430141",)"
      R"("output_url":"https://mysite.scm.azurewebsites.net/vfs/data/jobs/triggered/nightly/202409041333184631/output_log.txt",)"
      R"("error_url":null,)"
      R"("url":"https://mysite.scm.azurewebsites.net/api/triggeredwebjobs/nightly/history/202409041333184631",)"
      R"("job_name":"nightly","trigger":"Schedule - 0 0 3 * * *"})";

// A run in progress as our agent writes it: unset end time, extension members after Kudu's.
const QByteArray AgentRunningRun
    = R"({"id":"202409041400000012","name":"202409041400000012","status":"Running",)"
      R"("start_time":"2024-09-04T14:00:00.0012345Z","end_time":"0001-01-01T00:00:00",)"
      R"("duration":"00:01:02.5000000",)"
      R"("output_url":null,"error_url":null,)"
      R"("url":"http://agent.local:8080/api/triggeredwebjobs/nightly/history/202409041400000012",)"
      R"("job_name":"nightly","trigger":"External - curl/8.5.0",)"
      R"("exit_code":null,"arguments":"\"first arg\" second","aborted_by":null,"abort_reason":null,)"
      R"("instance":"a1b2c3"})";

// A finished, aborted run with every extension member set, non-ASCII text included.
const QByteArray AgentAbortedRun
    = R"({"id":"202409041500000000","name":"202409041500000000","status":"Aborted",)"
      R"("start_time":"2024-09-04T15:00:00Z","end_time":"2024-09-04T15:00:30.5Z",)"
      R"("duration":"00:00:30.5000000",)"
      R"("output_url":"http://agent.local:8080/vfs/data/jobs/triggered/nightly/202409041500000000/output_log.txt",)"
      R"("error_url":null,)"
      R"("url":"http://agent.local:8080/api/triggeredwebjobs/nightly/history/202409041500000000",)"
      R"("job_name":"nightly","trigger":"Schedule - 0,15,30,45 * * * * *",)"
      R"("exit_code":137,"arguments":"","aborted_by":"Zoé","abort_reason":"Arrêt demandé\tpar l'opérateur",)"
      R"("instance":"d4e5f6"})";

// A job with ordered, nested and unknown settings, and a latest run from our agent.
const QByteArray AgentTriggeredJob = R"({"latest_run":)" + AgentRunningRun
    + R"(,"history_url":"http://agent.local:8080/api/triggeredwebjobs/nightly/history",)"
      R"("scheduler_logs_url":null,"name":"nightly","run_command":"inner/run.sh",)"
      R"("url":"http://agent.local:8080/api/triggeredwebjobs/nightly",)"
      R"("extra_info_url":"http://agent.local:8080/azurejobs/#/jobs/triggered/nightly",)"
      R"("type":"triggered","error":null,"using_sdk":false,)"
      R"("settings":{"stopping_wait_time":60,"recurrence":{"startTime":"2024-05-06T09:30:00",)"
      R"("recurrence":{"frequency":"week","interval":2}},"time_zone":"Europe/Paris","mysetting":"myvalue",)"
      R"("ratio":1.0,"big":2e3,"list":[3,"x",null,{"z":1,"a":2}]}})";

// A never-run triggered job without a base address: every URL is null.
const QByteArray BareTriggeredJob
    = R"({"latest_run":null,"history_url":null,"scheduler_logs_url":null,"name":"job-1","run_command":"run.cmd",)"
      R"("url":null,"extra_info_url":null,"type":"triggered","error":"No runnable script file was found.",)"
      R"("using_sdk":false,"settings":{}})";

} // namespace

void TestModelJson::jobRoundTrip_data()
{
    QTest::addColumn<QByteArray>("json");

    QTest::newRow("Kudu's triggered example") << TriggeredExample;
    QTest::newRow("Kudu's continuous example") << ContinuousExample;
    QTest::newRow("agent job, ordered settings") << AgentTriggeredJob;
    QTest::newRow("null URLs and an error") << BareTriggeredJob;
}

void TestModelJson::jobRoundTrip()
{
    QFETCH(QByteArray, json);
    QString error;
    const std::optional<Job> job = Job::fromJson(json, &error);
    QVERIFY2(job.has_value(), qPrintable(error));
    QVERIFY(error.isEmpty());
    QCOMPARE(job->toJson(), json);
    // And again from what we wrote.
    QCOMPARE(Job::fromJson(job->toJson()), job);
}

void TestModelJson::triggeredJobFields()
{
    const std::optional<Job> job = Job::fromJson(TriggeredExample);
    QVERIFY(job.has_value());
    QCOMPARE(job->type(), JobType::Triggered);
    QVERIFY(job->isTriggered());
    QCOMPARE(job->name(), u"nightly"_s);
    QCOMPARE(job->runCommand(), u"run.sh"_s);
    QVERIFY(job->error().isNull());
    QVERIFY(!job->usingSdk());
    QCOMPARE(job->settings().schedule(), u"0 0 3 * * *"_s);
    QCOMPARE(job->historyUrl(), u"https://mysite.scm.azurewebsites.net/api/triggeredwebjobs/nightly/history"_s);
    QVERIFY(job->latestRun().has_value());
    const JobRun run = *job->latestRun();
    QCOMPARE(run.id(), u"202409041333184631"_s);
    QCOMPARE(run.status(), JobStatus::Success);
    QCOMPARE(run.startTime().toString(), u"2024-09-04T13:33:18.4631072Z"_s);
    QCOMPARE(run.duration(), Duration::fromTicks(65430141));
    QCOMPARE(run.duration(), run.elapsed(Instant::now()));
    QVERIFY(run.errorUrl().isNull());
    QCOMPARE(run.trigger(), u"Schedule - 0 0 3 * * *"_s);
    QVERIFY(!run.hasExtensions());

    // The same job built field by field gives Kudu's text.
    Job built(JobType::Triggered, u"nightly"_s);
    built.setRunCommand(u"run.sh"_s);
    JobSettings settings;
    settings.setSchedule(u"0 0 3 * * *"_s);
    built.setSettings(settings);
    JobRun builtRun;
    builtRun.setId(Instant::fromTicks(run.startTime().ticks()).toRunId());
    builtRun.setStatus(JobStatus::Success);
    builtRun.setStartTime(run.startTime());
    builtRun.setEndTime(run.endTime());
    builtRun.setDuration(builtRun.elapsed(Instant::now()));
    builtRun.setJobName(u"nightly"_s);
    builtRun.setTrigger(u"Schedule - 0 0 3 * * *"_s);
    const JobUrls urls(u"https://mysite.scm.azurewebsites.net"_s);
    urls.fill(builtRun, built.name(), true);
    built.setLatestRun(builtRun);
    urls.fill(built, true);
    QCOMPARE(built.toJson(), TriggeredExample);
}

void TestModelJson::continuousJobFields()
{
    const std::optional<Job> job = Job::fromJson(ContinuousExample);
    QVERIFY(job.has_value());
    QCOMPARE(job->type(), JobType::Continuous);
    QCOMPARE(job->status(), JobStatus::Running);
    QCOMPARE(job->detailedStatus(), u"a1b2c3 - Running\r\nd4e5f6 - Running\r\n"_s);
    QVERIFY(job->usingSdk());
    QVERIFY(job->settings().isEmpty());

    Job built(JobType::Continuous, u"worker"_s);
    built.setRunCommand(u"worker.exe"_s);
    built.setStatus(JobStatus::Running);
    built.setDetailedStatus(
        Job::detailedStatusText({{u"a1b2c3"_s, JobStatus::Running}, {u"d4e5f6"_s, JobStatus::Running}}));
    built.setUsingSdk(true);
    JobUrls(u"https://mysite.scm.azurewebsites.net/"_s).fill(built, false);
    QCOMPARE(built.toJson(), ContinuousExample);
    QCOMPARE(built, *job);
}

void TestModelJson::runRoundTrip_data()
{
    QTest::addColumn<QByteArray>("json");

    QTest::newRow("Kudu's run") << KuduRun;
    QTest::newRow("agent run in progress") << AgentRunningRun;
    QTest::newRow("agent run aborted") << AgentAbortedRun;
}

void TestModelJson::runRoundTrip()
{
    QFETCH(QByteArray, json);
    QString error;
    const std::optional<JobRun> run = JobRun::fromJson(json, &error);
    QVERIFY2(run.has_value(), qPrintable(error));
    QCOMPARE(run->toJson(), json);
}

void TestModelJson::runExtensionsOnlyWhenSet()
{
    const std::optional<JobRun> kudu = JobRun::fromJson(KuduRun);
    QVERIFY(kudu.has_value());
    QVERIFY(!kudu->hasExtensions());
    QVERIFY(!kudu->toJson().contains("exit_code"));

    JobRun withExit = *kudu;
    withExit.setExitCode(0);
    QVERIFY(withExit.hasExtensions());
    QVERIFY(withExit.toJson().startsWith(KuduRun.chopped(1)));
    QVERIFY(withExit.toJson().endsWith(
        R"(,"exit_code":0,"arguments":"","aborted_by":null,"abort_reason":null,"instance":""})"));

    const std::optional<JobRun> agent = JobRun::fromJson(AgentAbortedRun);
    QVERIFY(agent.has_value());
    QCOMPARE(agent->exitCode(), 137);
    QCOMPARE(agent->abortedBy(), u"Zoé"_s);
    QCOMPARE(agent->abortReason(), u"Arrêt demandé\tpar l'opérateur"_s);
    QCOMPARE(agent->instance(), u"d4e5f6"_s);
    QVERIFY(agent->arguments().isEmpty());

    // One extension member is enough to mark the run.
    QByteArray partial = KuduRun;
    partial.insert(partial.size() - 1, R"(,"instance":"x")");
    QVERIFY(JobRun::fromJson(partial)->hasExtensions());
}

void TestModelJson::runElapsed()
{
    JobRun run;
    QVERIFY(!run.elapsed(Instant::now()).has_value());
    const Instant start = *Instant::parse(u"2024-09-04T14:00:00Z");
    run.setStartTime(start);
    QCOMPARE(run.elapsed(start + Duration::fromSeconds(62)), Duration::fromSeconds(62));
    run.setEndTime(start + Duration::fromSeconds(5));
    QCOMPARE(run.elapsed(start + Duration::fromSeconds(62)), Duration::fromSeconds(5));
}

void TestModelJson::historyRoundTrip_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<int>("count");

    QTest::newRow("empty") << QByteArray(R"({"runs":[]})") << 0;
    QTest::newRow("one Kudu run") << QByteArray(R"({"runs":[)" + KuduRun + "]}") << 1;
    QTest::newRow("newest first, mixed") << QByteArray(R"({"runs":[)" + AgentAbortedRun + ',' + AgentRunningRun + ','
        + KuduRun + "]}") << 3;
}

void TestModelJson::historyRoundTrip()
{
    QFETCH(QByteArray, json);
    QFETCH(int, count);
    QString error;
    const std::optional<QList<JobRun>> runs = JobRun::historyFromJson(json, &error);
    QVERIFY2(runs.has_value(), qPrintable(error));
    QCOMPARE(runs->size(), count);
    QCOMPARE(JobRun::historyToJson(*runs), json);
}

void TestModelJson::listRoundTrip()
{
    const QByteArray list = '[' + TriggeredExample + ',' + ContinuousExample + ',' + AgentTriggeredJob + ']';
    QString error;
    const std::optional<QList<Job>> jobs = Job::listFromJson(list, &error);
    QVERIFY2(jobs.has_value(), qPrintable(error));
    QCOMPARE(jobs->size(), 3);
    QCOMPARE(jobs->at(0).type(), JobType::Triggered);
    QCOMPARE(jobs->at(1).type(), JobType::Continuous);
    QCOMPARE(Job::listToJson(*jobs), list);

    QCOMPARE(Job::listToJson({}), QByteArray("[]"));
    QCOMPARE(Job::listFromJson(QByteArray("[]"))->size(), 0);
}

void TestModelJson::jobErrors_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("error");

    QTest::newRow("not JSON") << QByteArray("{\"name\":") << u"The job is not valid JSON: "_s;
    QTest::newRow("array") << QByteArray("[]") << u"A job must be a JSON object."_s;
    QTest::newRow("no type") << QByteArray(R"({"name":"a"})")
                             << u"The job member \"type\" is missing or has an unexpected value."_s;
    QTest::newRow("unknown type") << QByteArray(R"({"name":"a","type":"triggered/SDK"})")
                                  << u"The job member \"type\" is missing or has an unexpected value."_s;
    QTest::newRow("no name") << QByteArray(R"({"type":"continuous"})")
                             << u"The job member \"name\" is missing or has an unexpected value."_s;
    QTest::newRow("unknown status") << QByteArray(R"({"name":"a","type":"continuous","status":"running"})")
                                    << u"The job member \"status\" is missing or has an unexpected value."_s;
    QTest::newRow("using_sdk as text") << QByteArray(R"({"name":"a","type":"continuous","using_sdk":"true"})")
                                       << u"The job member \"using_sdk\" is missing or has an unexpected value."_s;
    QTest::newRow("settings as array") << QByteArray(R"({"name":"a","type":"triggered","settings":[]})")
                                       << u"The job member \"settings\" is missing or has an unexpected value."_s;
    QTest::newRow("bad latest run") << QByteArray(R"({"name":"a","type":"triggered","latest_run":{"id":5}})")
                                    << u"The latest run of job a: The run member \"id\" is missing or has an "
                                       "unexpected value."_s;
}

void TestModelJson::jobErrors()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, error);
    QString message;
    QVERIFY(!Job::fromJson(json, &message).has_value());
    QVERIFY2(message.startsWith(error), qPrintable(message));

    // Inside a list the position is named.
    QString listMessage;
    QVERIFY(!Job::listFromJson('[' + ContinuousExample + ',' + json + ']', &listMessage).has_value());
    if (!error.startsWith(u"The job is not valid JSON"))
        QCOMPARE(listMessage, u"Job 2 of the list: "_s + message);
}

void TestModelJson::runErrors_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("member");

    QTest::newRow("no id") << QByteArray(R"({"status":"Success"})") << u"id"_s;
    QTest::newRow("empty id") << QByteArray(R"({"id":""})") << u"id"_s;
    QTest::newRow("unknown status") << QByteArray(R"({"id":"1","status":"Succeeded"})") << u"status"_s;
    QTest::newRow("null status") << QByteArray(R"({"id":"1","status":null})") << u"status"_s;
    QTest::newRow("bad start time") << QByteArray(R"({"id":"1","start_time":"yesterday"})") << u"start_time"_s;
    QTest::newRow("numeric duration") << QByteArray(R"({"id":"1","duration":6.5})") << u"duration"_s;
    QTest::newRow("bad duration") << QByteArray(R"({"id":"1","duration":"6.5 s"})") << u"duration"_s;
    QTest::newRow("fractional exit code") << QByteArray(R"({"id":"1","exit_code":1.5})") << u"exit_code"_s;
    QTest::newRow("exit code too large") << QByteArray(R"({"id":"1","exit_code":4294967296})") << u"exit_code"_s;
    QTest::newRow("url as number") << QByteArray(R"({"id":"1","url":3})") << u"url"_s;
}

void TestModelJson::runErrors()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, member);
    QString message;
    QVERIFY(!JobRun::fromJson(json, &message).has_value());
    QCOMPARE(message, u"The run member \"%1\" is missing or has an unexpected value."_s.arg(member));

    QString historyMessage;
    QVERIFY(!JobRun::historyFromJson(R"({"runs":[)" + json + "]}", &historyMessage).has_value());
    QCOMPARE(historyMessage, u"Run 1 of the history: "_s + message);

    QVERIFY(!JobRun::historyFromJson(QByteArray(R"({"runs":{}})"), &historyMessage).has_value());
    QCOMPARE(historyMessage, u"A run history must be a JSON object with a \"runs\" array."_s);
    QVERIFY(!JobRun::historyFromJson(QByteArray("[]"), &historyMessage).has_value());
}

void TestModelJson::statusNames_data()
{
    QTest::addColumn<JobStatus>("status");
    QTest::addColumn<QString>("name");

    QTest::newRow("Initializing") << JobStatus::Initializing << u"Initializing"_s;
    QTest::newRow("Running") << JobStatus::Running << u"Running"_s;
    QTest::newRow("Stopped") << JobStatus::Stopped << u"Stopped"_s;
    QTest::newRow("Starting") << JobStatus::Starting << u"Starting"_s;
    QTest::newRow("PendingRestart") << JobStatus::PendingRestart << u"PendingRestart"_s;
    QTest::newRow("InactiveInstance") << JobStatus::InactiveInstance << u"InactiveInstance"_s;
    QTest::newRow("Failed") << JobStatus::Failed << u"Failed"_s;
    QTest::newRow("Aborted") << JobStatus::Aborted << u"Aborted"_s;
    QTest::newRow("Disabling") << JobStatus::Disabling << u"Disabling"_s;
    QTest::newRow("Stopping") << JobStatus::Stopping << u"Stopping"_s;
    QTest::newRow("Success") << JobStatus::Success << u"Success"_s;
    QTest::newRow("CrashLoop (ours)") << JobStatus::CrashLoop << u"CrashLoop"_s;
}

void TestModelJson::statusNames()
{
    QFETCH(JobStatus, status);
    QFETCH(QString, name);
    QCOMPARE(jobStatusName(status), name);
    QCOMPARE(jobStatusFromName(name), status);

    // The name travels through a run and a continuous job unchanged.
    JobRun run;
    run.setId(u"1"_s);
    run.setStatus(status);
    QVERIFY(run.toJson().contains(QByteArray(",\"status\":\"" + name.toUtf8() + "\",")));
    QCOMPARE(JobRun::fromJson(run.toJson())->status(), status);
    Job job(JobType::Continuous, u"w"_s);
    job.setStatus(status);
    QCOMPARE(Job::fromJson(job.toJson())->status(), status);
}

void TestModelJson::statusNamesRefused_data()
{
    QTest::addColumn<QString>("name");

    QTest::newRow("lower case") << u"running"_s;
    QTest::newRow("upper case") << u"SUCCESS"_s;
    QTest::newRow("spaces") << u" Running"_s;
    QTest::newRow("wiki spelling") << u"Pending Restart"_s;
    QTest::newRow("empty") << QString();
}

void TestModelJson::statusNamesRefused()
{
    QFETCH(QString, name);
    QVERIFY(!jobStatusFromName(name).has_value());
}

void TestModelJson::typeNames()
{
    QCOMPARE(jobTypeName(JobType::Triggered), u"triggered"_s);
    QCOMPARE(jobTypeName(JobType::Continuous), u"continuous"_s);
    QCOMPARE(jobTypeFromName(u"triggered"), JobType::Triggered);
    QCOMPARE(jobTypeFromName(u"continuous"), JobType::Continuous);
    QVERIFY(!jobTypeFromName(u"Triggered").has_value());
    QVERIFY(!jobTypeFromName(u"continuous/SDK").has_value());
}

void TestModelJson::runStatusFile_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<JobStatus>("status");

    QTest::newRow("Kudu, finished") << QByteArray(
        R"({"Trigger":"External - curl/8.5.0","Status":"Success",)"
        R"("StartTime":"2024-09-04T13:33:18.4631072Z","EndTime":"2024-09-04T13:33:25.0061213Z"})")
                                    << JobStatus::Success;
    QTest::newRow("Kudu, running: no EndTime")
        << QByteArray(R"({"Trigger":"Schedule - 0 0 3 * * *","Status":"Running","StartTime":"2024-09-04T13:33:18Z"})")
        << JobStatus::Running;
    QTest::newRow("Kudu, just created") << QByteArray(R"({"Trigger":"External - ","Status":"Initializing"})")
                                        << JobStatus::Initializing;
    QTest::newRow("agent, with our members")
        << QByteArray(R"({"Trigger":"External - curl/8.5.0","Status":"Failed","StartTime":"2024-09-04T13:33:18Z",)"
                      R"("EndTime":"2024-09-04T13:33:19Z","ExitCode":2,"Arguments":"-v","Instance":"a1b2c3"})")
        << JobStatus::Failed;
}

void TestModelJson::runStatusFile()
{
    QFETCH(QByteArray, json);
    QFETCH(JobStatus, status);
    QString error;
    const std::optional<JobRun> run = JobRun::fromStatusFileJson(json, &error);
    QVERIFY2(run.has_value(), qPrintable(error));
    QCOMPARE(run->status(), status);
    QCOMPARE(run->toStatusFileJson(), json);
}

void TestModelJson::runStatusFileErrors_data()
{
    QTest::addColumn<QByteArray>("json");

    QTest::newRow("empty file") << QByteArray();
    QTest::newRow("not an object") << QByteArray("\"Success\"");
    QTest::newRow("no Status") << QByteArray(R"({"Trigger":"x"})");
    QTest::newRow("camel case") << QByteArray(R"({"status":"Success"})");
    QTest::newRow("bad StartTime") << QByteArray(R"({"Status":"Success","StartTime":"now"})");
}

void TestModelJson::runStatusFileErrors()
{
    QFETCH(QByteArray, json);
    QString error;
    QVERIFY(!JobRun::fromStatusFileJson(json, &error).has_value());
    QVERIFY(!error.isEmpty());
}

void TestModelJson::continuousStatusFile()
{
    QCOMPARE(Job::continuousStatusFileJson(JobStatus::Running), QByteArray(R"({"Status":"Running"})"));
    QCOMPARE(Job::statusFromContinuousStatusFile(R"({"Status":"PendingRestart"})"), JobStatus::PendingRestart);
    QVERIFY(!Job::statusFromContinuousStatusFile(R"({"Status":"pending"})").has_value());
    QVERIFY(!Job::statusFromContinuousStatusFile("").has_value());
}

void TestModelJson::detailedStatus()
{
    QCOMPARE(Job::detailedStatusText({}), QString());
    QCOMPARE(Job::detailedStatusText({{u"a1b2c3"_s, JobStatus::InactiveInstance}}), u"a1b2c3 - InactiveInstance\r\n"_s);
}

QTEST_GUILESS_MAIN(TestModelJson)
#include "TestModelJson.moc"
