#include "JobServiceSuite.h"

#include "tests/support/ZipBuilder.h"

#include <QFile>

using namespace Qt::StringLiterals;
using namespace WebJobs;
using WebJobs::Test::await;

QString JobServiceSuite::writeFile(const QString& fileName, const QByteArray& content)
{
    const QString path = m_files.filePath(fileName);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(content) != content.size())
        return {};
    return path;
}

QString JobServiceSuite::writeScript(const QString& fileName, const QByteArray& body)
{
    return writeFile(fileName, "#!/bin/sh\n" + body + "\n");
}

ServiceError JobServiceSuite::add(
    JobType type, const QString& name, const QString& path, bool isZip, const JobSettings& settings, Job* job)
{
    AddJobOperation* operation = m_service->addJob(type, name, path, isZip, settings);
    QSignalSpy finished(operation, &AddJobOperation::finished);
    if (!finished.wait(60000))
        return {ServiceError::Code::Internal, u"the operation did not finish"_s};
    if (job)
        *job = finished.at(0).at(1).value<Job>();
    return finished.at(0).at(0).value<ServiceError>();
}

JobStatus JobServiceSuite::statusOf(JobType type, const QString& name)
{
    const std::optional<JobEntry> entry = await(m_service->job(type, name));
    return entry ? entry->job.status() : JobStatus::Failed;
}

std::optional<JobRun> JobServiceSuite::finishedRun(QSignalSpy& spy, const QString& runId)
{
    const auto find = [&]() -> std::optional<JobRun> {
        for (const QList<QVariant>& arguments : std::as_const(spy)) {
            const auto run = arguments.at(0).value<JobRun>();
            if (run.id() == runId)
                return run;
        }
        return std::nullopt;
    };
    [&] { QTRY_VERIFY_WITH_TIMEOUT(find().has_value(), 60000); }();
    return find();
}

void JobServiceSuite::init()
{
    QVERIFY(m_files.isValid());
    m_service = createService();
    QVERIFY(m_service);
    QTRY_COMPARE_WITH_TIMEOUT(m_service->state(), JobService::State::Ready, 30000);
}

void JobServiceSuite::cleanup()
{
    m_service.reset();
    destroyHost();
}

void JobServiceSuite::addsListsAndFindsJobs()
{
    QVERIFY(await(service()->jobs()).isEmpty());
    QSignalSpy added(service(), &JobService::jobAdded);
    Job job;
    ServiceError error = add(JobType::Continuous, u"worker"_s, writeScript(u"run.sh"_s, "exec sleep 600"));
    QVERIFY2(error.ok(), qPrintable(error.message));
    error = add(JobType::Triggered, u"hello"_s, writeScript(u"run.sh"_s, "echo hello"), false, {}, &job);
    QVERIFY2(error.ok(), qPrintable(error.message));
    QCOMPARE(job.name(), u"hello"_s);
    QCOMPARE(job.type(), JobType::Triggered);
    QCOMPARE(job.runCommand(), u"run.sh"_s);
    QTRY_COMPARE_WITH_TIMEOUT(added.size(), 2, 10000);

    // Triggered jobs first, then continuous ones.
    const QList<JobEntry> entries = await(service()->jobs());
    QCOMPARE(entries.size(), 2);
    QCOMPARE(entries.at(0).key(), u"triggered/hello"_s);
    QCOMPARE(entries.at(1).key(), u"continuous/worker"_s);
    QVERIFY(entries.at(0).nextRun.isNull());

    const std::optional<JobEntry> found = await(service()->job(JobType::Triggered, u"hello"_s));
    QVERIFY(found);
    QCOMPARE(found->job.runCommand(), u"run.sh"_s);
    QVERIFY(!await(service()->job(JobType::Triggered, u"nope"_s)));
    // A triggered and a continuous job are told apart by their type.
    QVERIFY(!await(service()->job(JobType::Continuous, u"hello"_s)));
}

void JobServiceSuite::runsWithArguments()
{
    QVERIFY(add(JobType::Triggered, u"args"_s, writeScript(u"run.sh"_s, "echo \"one=$1 two=$2\"")).ok());
    QSignalSpy started(service(), &JobService::runStarted);
    QSignalSpy finished(service(), &JobService::runFinished);
    const ServiceReply reply = await(service()->triggerRun(u"args"_s, u"\"first arg\" second"_s));
    QVERIFY2(reply.ok(), qPrintable(reply.error.message));
    QVERIFY(!reply.runId.isEmpty());
    const std::optional<JobRun> run = finishedRun(finished, reply.runId);
    QVERIFY(run);
    QCOMPARE(run->status(), JobStatus::Success);
    QVERIFY(std::any_of(started.cbegin(), started.cend(),
        [&](const QList<QVariant>& arguments) { return arguments.at(0).value<JobRun>().id() == reply.runId; }));

    const std::optional<JobRun> details = await(service()->run(u"args"_s, reply.runId));
    QVERIFY(details);
    QCOMPARE(details->arguments(), u"\"first arg\" second"_s);
    const QByteArray log = await(service()->readLog(JobType::Triggered, u"args"_s, reply.runId, 0, 1 << 20));
    QVERIFY2(log.contains("one=first arg two=second"), log.constData());
}

void JobServiceSuite::pagesHistoryNewestFirst()
{
    QVERIFY(add(JobType::Triggered, u"paged"_s, writeScript(u"run.sh"_s, "echo \"$1\"")).ok());
    const HistoryPage none = await(service()->history(u"paged"_s, 0, 10));
    QCOMPARE(none.total, 0);
    QVERIFY(none.runs.isEmpty());

    QSignalSpy finished(service(), &JobService::runFinished);
    QStringList ids;
    for (int i = 0; i < 3; ++i) {
        const ServiceReply reply = await(service()->triggerRun(u"paged"_s, QString::number(i)));
        QVERIFY2(reply.ok(), qPrintable(reply.error.message));
        QVERIFY(finishedRun(finished, reply.runId));
        ids.prepend(reply.runId);
    }
    const HistoryPage first = await(service()->history(u"paged"_s, 0, 2));
    QCOMPARE(first.total, 3);
    QCOMPARE(first.offset, 0);
    QCOMPARE(first.runs.size(), 2);
    QCOMPARE(first.runs.at(0).id(), ids.at(0));
    QCOMPARE(first.runs.at(1).id(), ids.at(1));
    const HistoryPage second = await(service()->history(u"paged"_s, 2, 2));
    QCOMPARE(second.total, 3);
    QCOMPARE(second.offset, 2);
    QCOMPARE(second.runs.size(), 1);
    QCOMPARE(second.runs.at(0).id(), ids.at(2));
    QCOMPARE(second.runs.at(0).arguments(), u"0"_s);
}

void JobServiceSuite::readsRunDetails()
{
    QVERIFY(add(JobType::Triggered, u"failing"_s, writeScript(u"run.sh"_s, "echo oops >&2; exit 3")).ok());
    QSignalSpy failed(service(), &JobService::runFailed);
    const ServiceReply reply = await(service()->triggerRun(u"failing"_s));
    QVERIFY(reply.ok());
    const std::optional<JobRun> run = finishedRun(failed, reply.runId);
    QVERIFY(run);
    QCOMPARE(run->status(), JobStatus::Failed);

    const std::optional<JobRun> details = await(service()->run(u"failing"_s, reply.runId));
    QVERIFY(details);
    QCOMPARE(details->id(), reply.runId);
    QCOMPARE(details->status(), JobStatus::Failed);
    QCOMPARE(details->exitCode(), std::optional<int>(3));
    QVERIFY(!details->startTime().isNull());
    QVERIFY(!details->endTime().isNull());
    QVERIFY(!await(service()->run(u"failing"_s, u"202001010000000000"_s)));

    // The job's row shows its latest run.
    const std::optional<JobEntry> entry = await(service()->job(JobType::Triggered, u"failing"_s));
    QVERIFY(entry && entry->job.latestRun());
    QCOMPARE(entry->job.latestRun()->id(), reply.runId);
}

void JobServiceSuite::readsLogByRangeAndSavesIt()
{
    QVERIFY(add(JobType::Triggered, u"long"_s, writeScript(u"run.sh"_s, "seq 1 60000")).ok());
    QSignalSpy finished(service(), &JobService::runFinished);
    const ServiceReply reply = await(service()->triggerRun(u"long"_s));
    QVERIFY(finishedRun(finished, reply.runId));

    const QByteArray whole = await(service()->readLog(JobType::Triggered, u"long"_s, reply.runId, 0, 1 << 26));
    QVERIFY2(whole.size() > 2 * (1 << 20), qPrintable(QString::number(whole.size())));
    QVERIFY(whole.contains("60000"));
    QCOMPARE(await(service()->readLog(JobType::Triggered, u"long"_s, reply.runId, 0, 100)), whole.left(100));
    QCOMPARE(await(service()->readLog(JobType::Triggered, u"long"_s, reply.runId, 12345, 678)), whole.mid(12345, 678));
    QCOMPARE(
        await(service()->readLog(JobType::Triggered, u"long"_s, reply.runId, whole.size() - 5, 100)), whole.right(5));
    QVERIFY(await(service()->readLog(JobType::Triggered, u"long"_s, reply.runId, whole.size(), 100)).isEmpty());
    QVERIFY(service()->logUrl(JobType::Triggered, u"long"_s, reply.runId).isValid());
    // The log's size, as a viewer asks it; a run that does not exist has no log.
    const LogInfo info = await(service()->logInfo(JobType::Triggered, u"long"_s, reply.runId));
    QVERIFY2(info.ok(), qPrintable(info.error.message));
    QCOMPARE(info.size, qint64(whole.size()));
    const LogInfo noLog = await(service()->logInfo(JobType::Triggered, u"long"_s, u"no-such-run"_s));
    QCOMPARE(noLog.error.code, ServiceError::Code::NotFound);

    const QString target = m_files.filePath(u"saved.txt"_s);
    QFuture<ServiceReply> save = service()->saveLog(JobType::Triggered, u"long"_s, reply.runId, target);
    QList<int> progress;
    QFutureWatcher<ServiceReply> watcher;
    connect(&watcher, &QFutureWatcher<ServiceReply>::progressValueChanged, this,
        [&](int value) { progress.append(value); });
    watcher.setFuture(save);
    const ServiceReply saved = await(save);
    QVERIFY2(saved.ok(), qPrintable(saved.error.message));
    QCOMPARE(save.progressValue(), save.progressMaximum());
    QVERIFY(save.progressMaximum() > 0);
    QFile file(target);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), whole);

    const ServiceReply missing
        = await(service()->saveLog(JobType::Triggered, u"long"_s, u"200001010000000000"_s, target + u".2"_s));
    QCOMPARE(noLog.error.code, ServiceError::Code::NotFound);
    QVERIFY(!QFile::exists(target + u".2"_s));
}

void JobServiceSuite::startsAndStopsContinuousJob()
{
    const QString script = writeScript(u"run.sh"_s, "while true; do echo alive; sleep 1; done");
    QVERIFY(add(JobType::Continuous, u"worker"_s, script).ok());
    QTRY_COMPARE_WITH_TIMEOUT(statusOf(JobType::Continuous, u"worker"_s), JobStatus::Running, 30000);
    QVERIFY(await(service()->stopContinuous(u"worker"_s)).ok());
    QTRY_COMPARE_WITH_TIMEOUT(statusOf(JobType::Continuous, u"worker"_s), JobStatus::Stopped, 30000);
    QVERIFY(await(service()->startContinuous(u"worker"_s)).ok());
    QTRY_COMPARE_WITH_TIMEOUT(statusOf(JobType::Continuous, u"worker"_s), JobStatus::Running, 30000);
    QTRY_VERIFY_WITH_TIMEOUT(
        await(service()->readLog(JobType::Continuous, u"worker"_s, {}, 0, 1 << 20)).contains("alive"), 30000);
    QCOMPARE(await(service()->startContinuous(u"nosuchjob"_s)).error.code, ServiceError::Code::NotFound);
}

void JobServiceSuite::deletesJob()
{
    QVERIFY(add(JobType::Triggered, u"doomed"_s, writeScript(u"run.sh"_s, "echo bye")).ok());
    QSignalSpy removed(service(), &JobService::jobRemoved);
    QVERIFY(await(service()->deleteJob(JobType::Triggered, u"doomed"_s)).ok());
    QTRY_COMPARE_WITH_TIMEOUT(removed.size(), 1, 10000);
    QCOMPARE(removed.at(0).at(0).value<JobType>(), JobType::Triggered);
    QCOMPARE(removed.at(0).at(1).toString(), u"doomed"_s);
    QVERIFY(await(service()->jobs()).isEmpty());
    QVERIFY(!await(service()->job(JobType::Triggered, u"doomed"_s)));
    // Deleting what is not there is no error, as in Kudu.
    QVERIFY(await(service()->deleteJob(JobType::Triggered, u"doomed"_s)).ok());
}

void JobServiceSuite::roundTripsSettings()
{
    QVERIFY(add(JobType::Triggered, u"configured"_s, writeScript(u"run.sh"_s, "echo")).ok());
    JobSettings settings;
    settings.setValue(u"mysetting"_s, OrderedJson(u"myvalue"_s));
    settings.setStoppingWaitTime(60);
    settings.setSchedule(u"0 0 3 * * *"_s);
    const ServiceReply written = await(service()->setSettings(JobType::Triggered, u"configured"_s, settings));
    QVERIFY2(written.ok(), qPrintable(written.error.message));
    QCOMPARE(await(service()->settings(JobType::Triggered, u"configured"_s)), settings);
    // The schedule gives the row its next run.
    const std::optional<JobEntry> entry = await(service()->job(JobType::Triggered, u"configured"_s));
    QVERIFY(entry);
    QCOMPARE(entry->nextRun.toDateTime().toUTC().time(), QTime(3, 0));
    // Unknown jobs have no settings.
    QVERIFY(await(service()->settings(JobType::Triggered, u"nope"_s)).isEmpty());
}

void JobServiceSuite::refusesInvalidSchedule()
{
    QVERIFY(add(JobType::Triggered, u"kept"_s, writeScript(u"run.sh"_s, "echo")).ok());
    JobSettings bad;
    bad.setSchedule(u"whenever"_s);
    const ServiceReply refused = await(service()->setSettings(JobType::Triggered, u"kept"_s, bad));
    QCOMPARE(refused.error.code, ServiceError::Code::BadRequest);
    QVERIFY(!refused.error.message.isEmpty());
    QVERIFY(await(service()->settings(JobType::Triggered, u"kept"_s)).isEmpty());
    // An invalid schedule given with a package costs nothing: the job is not created.
    QCOMPARE(add(JobType::Triggered, u"fresh"_s, writeScript(u"run.sh"_s, "echo"), false, bad).code,
        ServiceError::Code::BadRequest);
    QCOMPARE(await(service()->jobs()).size(), 1);
}

void JobServiceSuite::refusesSecondRunAndAbortsFirst()
{
    QVERIFY(add(JobType::Triggered, u"busy"_s, writeScript(u"run.sh"_s, "sleep 600")).ok());
    QSignalSpy finished(service(), &JobService::runFinished);
    const ServiceReply first = await(service()->triggerRun(u"busy"_s));
    QVERIFY(first.ok());
    const ServiceReply second = await(service()->triggerRun(u"busy"_s));
    QCOMPARE(second.error.code, ServiceError::Code::Conflict);
    QVERIFY2(second.error.message.contains(u"already running"_s), qPrintable(second.error.message));

    QVERIFY(service()->capabilities().testFlag(JobService::Capability::AbortRun));
    const ServiceReply aborted = await(service()->abortRun(u"busy"_s, first.runId));
    QVERIFY2(aborted.ok(), qPrintable(aborted.error.message));
    const std::optional<JobRun> run = finishedRun(finished, first.runId);
    QVERIFY(run);
    QCOMPARE(run->status(), JobStatus::Aborted);
    // Once ended, it cannot be aborted again.
    QCOMPARE(await(service()->abortRun(u"busy"_s, first.runId)).error.code, ServiceError::Code::Conflict);
}

void JobServiceSuite::announcesJobAddedWithSettingsOnce()
{
    QSignalSpy added(service(), &JobService::jobAdded);
    JobSettings settings;
    settings.setSchedule(u"0 30 4 * * *"_s);
    settings.setSingleton(true);
    Job job;
    const ServiceError error
        = add(JobType::Triggered, u"nightly"_s, writeScript(u"run.sh"_s, "echo"), false, settings, &job);
    QVERIFY2(error.ok(), qPrintable(error.message));
    QCOMPARE(job.settings().schedule(), u"0 30 4 * * *"_s);
    QTRY_COMPARE_WITH_TIMEOUT(added.size(), 1, 10000);
    const auto entry = added.at(0).at(0).value<JobEntry>();
    QCOMPARE(entry.job.settings().schedule(), u"0 30 4 * * *"_s);
    QVERIFY(entry.job.settings().isSingleton());
    QCOMPARE(entry.nextRun.toDateTime().toUTC().time(), QTime(4, 30));
    // Whatever else the host says about it later is a change, not a second addition.
    QCOMPARE(await(service()->jobs()).size(), 1);
    QCOMPARE(added.size(), 1);
}

void JobServiceSuite::cancelsAddAndLeavesNothing()
{
    // Enough entries that the import is still under way when the cancel arrives.
    QList<Test::ZipEntry> entries {Test::ZipEntry::file(u"run.sh"_s, "#!/bin/sh\necho big\n", 0755)};
    for (int i = 0; i < 3000; ++i)
        entries.append(Test::ZipEntry::file(u"data%1.txt"_s.arg(i), QByteArray(512, char('a' + i % 26))));
    const QString zip = m_files.filePath(u"big.zip"_s);
    QVERIFY(Test::writeZip(zip, entries));

    QSignalSpy added(service(), &JobService::jobAdded);
    AddJobOperation* operation = service()->addJob(JobType::Triggered, u"big"_s, zip, true);
    QSignalSpy finished(operation, &AddJobOperation::finished);
    operation->cancel();
    QVERIFY(finished.wait(30000));
    const auto error = finished.at(0).at(0).value<ServiceError>();
    QCOMPARE(error.code, ServiceError::Code::BadRequest);
    QVERIFY2(error.message.contains(u"cancel"_s), qPrintable(error.message));
    QVERIFY(await(service()->jobs()).isEmpty());
    QCOMPARE(added.size(), 0);
}

void JobServiceSuite::signalsChangesMadeByTheHost()
{
    // Runs the host starts by itself, on a schedule, reach the signals without any request of
    // the test: the job's row and the run's start and end.
    service()->beginWatching();
    QVERIFY(add(JobType::Triggered, u"ticking"_s, writeScript(u"run.sh"_s, "sleep 1; echo tick")).ok());
    QSignalSpy started(service(), &JobService::runStarted);
    QSignalSpy finished(service(), &JobService::runFinished);
    QSignalSpy changed(service(), &JobService::jobsChanged);
    JobSettings settings;
    settings.setSchedule(u"*/2 * * * * *"_s);
    QVERIFY(await(service()->setSettings(JobType::Triggered, u"ticking"_s, settings)).ok());

    QTRY_VERIFY_WITH_TIMEOUT(!started.isEmpty(), 30000);
    const auto run = started.at(0).at(0).value<JobRun>();
    QVERIFY(run.trigger().startsWith(u"Schedule - "_s));
    QVERIFY(finishedRun(finished, run.id()));
    const auto showsRun = [&] {
        for (const QList<QVariant>& arguments : std::as_const(changed)) {
            for (const JobEntry& entry : arguments.at(0).value<QList<JobEntry>>()) {
                if (entry.job.name() == u"ticking" && entry.job.latestRun() && entry.job.latestRun()->id() == run.id())
                    return true;
            }
        }
        return false;
    };
    QTRY_VERIFY_WITH_TIMEOUT(showsRun(), 30000);
    QVERIFY(await(service()->setSettings(JobType::Triggered, u"ticking"_s, {})).ok());
    service()->endWatching();
}
