#include "core/model/Job.h"
#include "core/model/JobRun.h"
#include "core/model/JobUrls.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace WebJobs;

// The URLs of docs/kudu-webjobs-api.md §3.9.
class TestJobUrls : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void baseFromRequest_data();
    void baseFromRequest();
    void urls_data();
    void urls();
    void nullBase();
    void fillJob();
    void fillRun();
};

void TestJobUrls::baseFromRequest_data()
{
    QTest::addColumn<QString>("request");
    QTest::addColumn<QString>("base");

    QTest::newRow("https default port dropped")
        << u"https://mysite.scm.azurewebsites.net:443/api/triggeredjobs/a/run?x=1"_s
        << u"https://mysite.scm.azurewebsites.net"_s;
    QTest::newRow("http default port dropped") << u"http://agent:80/api/webjobs"_s << u"http://agent"_s;
    QTest::newRow("other port kept") << u"http://127.0.0.1:8080/api/webjobs"_s << u"http://127.0.0.1:8080"_s;
    QTest::newRow("user info dropped") << u"https://user:secret@host.example/jobs/triggered"_s
                                       << u"https://host.example"_s;
    QTest::newRow("host lower-cased") << u"HTTPS://Host.Example:8443/x"_s << u"https://host.example:8443"_s;
    QTest::newRow("IPv6") << u"http://[::1]:8080/api"_s << u"http://[::1]:8080"_s;
    QTest::newRow("relative URL") << u"/api/webjobs"_s << QString();
}

void TestJobUrls::baseFromRequest()
{
    QFETCH(QString, request);
    QFETCH(QString, base);
    QCOMPARE(JobUrls::fromRequestUrl(QUrl(request)).base(), base);
}

void TestJobUrls::urls_data()
{
    QTest::addColumn<QString>("actual");
    QTest::addColumn<QString>("expected");

    const JobUrls urls(u"https://mysite.scm.azurewebsites.net/"_s);
    const QString base = u"https://mysite.scm.azurewebsites.net"_s;
    QTest::newRow("triggered job") << urls.job(JobType::Triggered, u"nightly"_s)
                                   << base + u"/api/triggeredwebjobs/nightly"_s;
    QTest::newRow("continuous job") << urls.job(JobType::Continuous, u"worker"_s)
                                    << base + u"/api/continuouswebjobs/worker"_s;
    QTest::newRow("api root") << urls.api(JobType::Triggered, QString()) << base + u"/api/triggeredwebjobs/"_s;
    QTest::newRow("history") << urls.history(u"nightly"_s) << base + u"/api/triggeredwebjobs/nightly/history"_s;
    QTest::newRow("run") << urls.run(u"nightly"_s, u"202409041333184631"_s)
                         << base + u"/api/triggeredwebjobs/nightly/history/202409041333184631"_s;
    QTest::newRow("run output") << urls.runOutput(u"nightly"_s, u"202409041333184631"_s)
                                << base + u"/vfs/data/jobs/triggered/nightly/202409041333184631/output_log.txt"_s;
    QTest::newRow("run error") << urls.runError(u"nightly"_s, u"202409041333184631"_s)
                               << base + u"/vfs/data/jobs/triggered/nightly/202409041333184631/error_log.txt"_s;
    QTest::newRow("scheduler log") << urls.schedulerLog(u"nightly"_s)
                                   << base + u"/vfs/data/jobs/triggered/nightly/job_scheduler.log"_s;
    QTest::newRow("continuous log") << urls.continuousLog(u"worker"_s)
                                    << base + u"/vfs/data/jobs/continuous/worker/job_log.txt"_s;
    QTest::newRow("extra info") << urls.extraInfo(JobType::Continuous, u"worker"_s)
                                << base + u"/azurejobs/#/jobs/continuous/worker"_s;
    QTest::newRow("vfs") << urls.vfs(JobType::Continuous, u"worker/job_prev_log.txt"_s)
                         << base + u"/vfs/data/jobs/continuous/worker/job_prev_log.txt"_s;
    QTest::newRow("names inserted as they are")
        << urls.job(JobType::Triggered, u"a b"_s) << base + u"/api/triggeredwebjobs/a b"_s;
}

void TestJobUrls::urls()
{
    QFETCH(QString, actual);
    QFETCH(QString, expected);
    QCOMPARE(actual, expected);
}

void TestJobUrls::nullBase()
{
    const JobUrls urls;
    QVERIFY(urls.isNull());
    QVERIFY(urls.job(JobType::Triggered, u"a"_s).isNull());
    QVERIFY(urls.history(u"a"_s).isNull());
    QVERIFY(urls.continuousLog(u"a"_s).isNull());
    QVERIFY(urls.extraInfo(JobType::Triggered, u"a"_s).isNull());

    Job job(JobType::Triggered, u"a"_s);
    urls.fill(job, true);
    QVERIFY(job.toJson().contains(R"("history_url":null,"scheduler_logs_url":null,)"));
    QVERIFY(job.toJson().contains(R"("url":null,"extra_info_url":null,)"));
}

void TestJobUrls::fillJob()
{
    const JobUrls urls(u"http://agent:8080"_s);
    Job triggered(JobType::Triggered, u"t"_s);
    urls.fill(triggered, false);
    QCOMPARE(triggered.url(), u"http://agent:8080/api/triggeredwebjobs/t"_s);
    QCOMPARE(triggered.extraInfoUrl(), u"http://agent:8080/azurejobs/#/jobs/triggered/t"_s);
    QCOMPARE(triggered.historyUrl(), u"http://agent:8080/api/triggeredwebjobs/t/history"_s);
    QVERIFY(triggered.schedulerLogsUrl().isNull());
    QVERIFY(triggered.logUrl().isNull());
    urls.fill(triggered, true);
    QCOMPARE(triggered.schedulerLogsUrl(), u"http://agent:8080/vfs/data/jobs/triggered/t/job_scheduler.log"_s);

    Job continuous(JobType::Continuous, u"c"_s);
    urls.fill(continuous, true);
    QCOMPARE(continuous.url(), u"http://agent:8080/api/continuouswebjobs/c"_s);
    QCOMPARE(continuous.logUrl(), u"http://agent:8080/vfs/data/jobs/continuous/c/job_log.txt"_s);
    QVERIFY(continuous.historyUrl().isNull());
    QVERIFY(continuous.schedulerLogsUrl().isNull());
}

void TestJobUrls::fillRun()
{
    const JobUrls urls(u"http://agent:8080"_s);
    JobRun run;
    run.setId(u"202409041333184631"_s);
    urls.fill(run, u"t"_s, false);
    QCOMPARE(run.url(), u"http://agent:8080/api/triggeredwebjobs/t/history/202409041333184631"_s);
    QVERIFY(run.outputUrl().isNull());
    QVERIFY(run.errorUrl().isNull());
    urls.fill(run, u"t"_s, true, true);
    QCOMPARE(run.outputUrl(), u"http://agent:8080/vfs/data/jobs/triggered/t/202409041333184631/output_log.txt"_s);
    QCOMPARE(run.errorUrl(), u"http://agent:8080/vfs/data/jobs/triggered/t/202409041333184631/error_log.txt"_s);
}

QTEST_GUILESS_MAIN(TestJobUrls)
#include "TestJobUrls.moc"
