#include "core/service/LocalJobService.h"
#include "tests/support/ZipBuilder.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace WebJobs;

// LocalJobService against a real JobHost on a temporary data folder: real scripts, real zips
// (written with QuaZip by the tests' ZipBuilder), real processes.
class TestLocalJobService : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void opensInItsOwnThread();
    void addsScriptAndRunsItWithArguments();
    void addsZipPackage();
    void rejectsBadPackage_data();
    void rejectsBadPackage();
    void addsScheduledJobWithNextRun();
    void refusesBadScheduleAndKeepsExistingJob();
    void startsAndStopsContinuousJob();
    void batchesChangesOfManyJobs();
    void deletesJob();
    void savesLogWithProgress();
    void reportsLogSizeAndWhyItCannotBeRead();
    void reportsUnreadableLog();
    void shutsDownGracefully();
    void cancelsImportAndLeavesNothing();
    void givenScheduleReplacesThePackagesOwn();

private:
    QString writeScript(const QString& fileName, const QByteArray& text);
    QString makeZip(const QString& zipName, const QMap<QString, QByteArray>& files);
    AddJobOperation* add(JobType type, const QString& name, const QString& path, bool isZip,
        const JobSettings& settings, ServiceError* error, Job* job = nullptr);
    template <typename T>
    static T wait(QFuture<T> future)
    {
        [&] { QTRY_VERIFY_WITH_TIMEOUT(future.isFinished(), 30000); }();
        return future.result();
    }

    std::unique_ptr<QTemporaryDir> m_data;
    QTemporaryDir m_files;
    std::unique_ptr<LocalJobService> m_service;
};

void TestLocalJobService::initTestCase()
{
    QVERIFY(m_files.isValid());
}

void TestLocalJobService::init()
{
    m_data = std::make_unique<QTemporaryDir>();
    HostOptions options;
    options.dataRoot = m_data->path();
    options.minimumUptime = std::chrono::milliseconds(0);
    m_service = std::make_unique<LocalJobService>(options);
    QCOMPARE(m_service->state(), JobService::State::Connecting);
    QTRY_COMPARE(m_service->state(), JobService::State::Ready);
}

void TestLocalJobService::cleanup()
{
    m_service.reset();
    m_data.reset();
}

QString TestLocalJobService::writeScript(const QString& fileName, const QByteArray& text)
{
    const QString path = m_files.filePath(fileName);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(text) != text.size())
        return {};
    return path;
}

QString TestLocalJobService::makeZip(const QString& zipName, const QMap<QString, QByteArray>& files)
{
    QList<Test::ZipEntry> entries;
    for (auto it = files.cbegin(); it != files.cend(); ++it)
        entries.append(Test::ZipEntry::file(it.key(), it.value(), it.key().endsWith(u".sh"_s) ? 0755 : 0644));
    const QString zipPath = m_files.filePath(zipName);
    return Test::writeZip(zipPath, entries) ? zipPath : QString();
}

AddJobOperation* TestLocalJobService::add(JobType type, const QString& name, const QString& path, bool isZip,
    const JobSettings& settings, ServiceError* error, Job* job)
{
    AddJobOperation* operation = m_service->addJob(type, name, path, isZip, settings);
    QSignalSpy finished(operation, &AddJobOperation::finished);
    if (!finished.wait(30000)) {
        *error = {ServiceError::Code::Internal, u"timeout"_s};
        return nullptr;
    }
    *error = finished.at(0).at(0).value<ServiceError>();
    if (job)
        *job = finished.at(0).at(1).value<Job>();
    return operation;
}

void TestLocalJobService::opensInItsOwnThread()
{
    QCOMPARE(m_service->displayName(), u"Local host"_s);
    QCOMPARE(m_service->dataRoot(), m_data->path());
    // The host thread is named so that a debugger shows it, and it is not the test's thread.
    QVERIFY(m_service->hostThread()->isRunning());
    QVERIFY(m_service->hostThread() != QThread::currentThread());
    QCOMPARE(m_service->hostThread()->objectName(), u"WebJobs host"_s);
    const QFuture<QList<JobEntry>> jobs = m_service->jobs();
    QVERIFY(wait(jobs).isEmpty());
    QVERIFY(QDir(m_data->path()).exists());
}

void TestLocalJobService::addsScriptAndRunsItWithArguments()
{
    const QString script = writeScript(u"run.sh"_s, "#!/bin/sh\necho \"hello $1\"\n");
    QVERIFY(!script.isEmpty());
    QSignalSpy added(m_service.get(), &JobService::jobAdded);
    ServiceError error;
    Job job;
    add(JobType::Triggered, u"hello"_s, script, false, {}, &error, &job);
    QVERIFY2(error.ok(), qPrintable(error.message));
    QCOMPARE(job.name(), u"hello"_s);
    QCOMPARE(job.runCommand(), u"run.sh"_s);
    QTRY_COMPARE(added.size(), 1);
    QCOMPARE(added.at(0).at(0).value<JobEntry>().job.name(), u"hello"_s);

    const QList<JobEntry> entries = wait(m_service->jobs());
    QCOMPARE(entries.size(), 1);
    QCOMPARE(entries.at(0).key(), u"triggered/hello"_s);
    QVERIFY(entries.at(0).nextRun.isNull());

    QSignalSpy started(m_service.get(), &JobService::runStarted);
    QSignalSpy finished(m_service.get(), &JobService::runFinished);
    QSignalSpy changed(m_service.get(), &JobService::jobsChanged);
    const ServiceReply reply = wait(m_service->triggerRun(u"hello"_s, u"world"_s));
    QVERIFY2(reply.ok(), qPrintable(reply.error.message));
    QVERIFY(!reply.runId.isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 30000);
    const auto run = finished.at(0).at(0).value<JobRun>();
    QCOMPARE(run.id(), reply.runId);
    QCOMPARE(run.status(), JobStatus::Success);
    QVERIFY(!started.isEmpty());
    QTRY_VERIFY(!changed.isEmpty());

    const HistoryPage page = wait(m_service->history(u"hello"_s, 0, 30));
    QCOMPARE(page.total, 1);
    QCOMPARE(page.runs.size(), 1);
    QCOMPARE(page.runs.at(0).id(), reply.runId);
    QCOMPARE(page.runs.at(0).arguments(), u"world"_s);

    const std::optional<JobRun> details = wait(m_service->run(u"hello"_s, reply.runId));
    QVERIFY(details);
    QCOMPARE(details->exitCode(), std::optional<int>(0));

    const QByteArray log = wait(m_service->readLog(JobType::Triggered, u"hello"_s, reply.runId, 0, 1 << 20));
    QVERIFY2(log.contains("hello world"), log.constData());
    const QByteArray tail = wait(m_service->readLog(JobType::Triggered, u"hello"_s, reply.runId, 6, 4));
    QCOMPARE(tail, log.mid(6, 4));
    QVERIFY(m_service->logUrl(JobType::Triggered, u"hello"_s, reply.runId).isLocalFile());

    // A second run while none is active is accepted; an abort of a finished run is refused.
    const ServiceReply abort = wait(m_service->abortRun(u"hello"_s, reply.runId));
    QCOMPARE(abort.error.code, ServiceError::Code::Conflict);
    QVERIFY(!abort.error.message.isEmpty());
}

void TestLocalJobService::addsZipPackage()
{
    const QString zip = makeZip(u"package.zip"_s,
        {{u"run.sh"_s, "#!/bin/sh\necho from-zip\n"}, {u"settings.job"_s, R"({"is_singleton": true})"}});
    QVERIFY(!zip.isEmpty());
    ServiceError error;
    Job job;
    add(JobType::Triggered, u"zipped"_s, zip, true, {}, &error, &job);
    QVERIFY2(error.ok(), qPrintable(error.message));
    QCOMPARE(job.runCommand(), u"run.sh"_s);
    const JobSettings settings = wait(m_service->settings(JobType::Triggered, u"zipped"_s));
    QVERIFY(settings.isSingleton());

    QSignalSpy finished(m_service.get(), &JobService::runFinished);
    const ServiceReply reply = wait(m_service->triggerRun(u"zipped"_s));
    QVERIFY(reply.ok());
    QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 30000);
    const QByteArray log = wait(m_service->readLog(JobType::Triggered, u"zipped"_s, reply.runId, 0, 4096));
    QVERIFY(log.contains("from-zip"));
}

void TestLocalJobService::rejectsBadPackage_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<bool>("isZip");
    QTest::addColumn<QString>("messagePart");

    QTest::newRow("not a zip") << u"broken"_s << QByteArray("this is not a zip") << true << QString();
    QTest::newRow("bad name") << u"bad name!"_s << QByteArray("#!/bin/sh\n") << false << u"letter"_s;
}

void TestLocalJobService::rejectsBadPackage()
{
    QFETCH(QString, name);
    QFETCH(QByteArray, content);
    QFETCH(bool, isZip);
    QFETCH(QString, messagePart);

    const QString path = writeScript(isZip ? u"broken.zip"_s : u"run.sh"_s, content);
    ServiceError error;
    add(JobType::Triggered, name, path, isZip, {}, &error);
    QCOMPARE(error.code, ServiceError::Code::BadRequest);
    QVERIFY(!error.message.isEmpty());
    if (!messagePart.isEmpty())
        QVERIFY2(error.message.contains(messagePart), qPrintable(error.message));
    QVERIFY(wait(m_service->jobs()).isEmpty());
}

void TestLocalJobService::addsScheduledJobWithNextRun()
{
    const QString script = writeScript(u"tick.sh"_s, "#!/bin/sh\necho tick\n");
    JobSettings settings;
    settings.setSchedule(u"0 0 3 * * *"_s);
    QSignalSpy added(m_service.get(), &JobService::jobAdded);
    QSignalSpy changed(m_service.get(), &JobService::jobsChanged);
    ServiceError error;
    add(JobType::Triggered, u"nightly"_s, script, false, settings, &error);
    QVERIFY2(error.ok(), qPrintable(error.message));
    // Announced once, already with its schedule.
    QTRY_COMPARE(added.size(), 1);
    const auto announced = added.at(0).at(0).value<JobEntry>();
    QCOMPARE(announced.job.settings().schedule(), u"0 0 3 * * *"_s);
    QVERIFY(!announced.nextRun.isNull());
    const std::optional<JobEntry> entry = wait(m_service->job(JobType::Triggered, u"nightly"_s));
    QVERIFY(entry);
    QCOMPARE(entry->job.settings().schedule(), u"0 0 3 * * *"_s);
    QVERIFY(!entry->nextRun.isNull());
    QCOMPARE(entry->nextRun.toDateTime().toUTC().time(), QTime(3, 0));
}

void TestLocalJobService::refusesBadScheduleAndKeepsExistingJob()
{
    const QString script = writeScript(u"tick.sh"_s, "#!/bin/sh\necho tick\n");
    ServiceError error;
    add(JobType::Triggered, u"kept"_s, script, false, {}, &error);
    QVERIFY(error.ok());
    QSignalSpy added(m_service.get(), &JobService::jobAdded);
    QSignalSpy removed(m_service.get(), &JobService::jobRemoved);

    JobSettings settings;
    settings.setSchedule(u"not a schedule"_s);
    add(JobType::Triggered, u"kept"_s, script, false, settings, &error);
    QCOMPARE(error.code, ServiceError::Code::BadRequest);
    QVERIFY(!error.message.isEmpty());
    add(JobType::Triggered, u"fresh"_s, script, false, settings, &error);
    QCOMPARE(error.code, ServiceError::Code::BadRequest);

    const QList<JobEntry> entries = wait(m_service->jobs());
    QCOMPARE(entries.size(), 1);
    QCOMPARE(entries.at(0).job.name(), u"kept"_s);
    QCOMPARE(added.size(), 0);
    QCOMPARE(removed.size(), 0);
}

void TestLocalJobService::startsAndStopsContinuousJob()
{
    const QString script = writeScript(u"loop.sh"_s, "#!/bin/sh\nwhile true; do echo alive; sleep 1; done\n");
    ServiceError error;
    add(JobType::Continuous, u"worker"_s, script, false, {}, &error);
    QVERIFY2(error.ok(), qPrintable(error.message));
    const auto status = [this] {
        const std::optional<JobEntry> entry = wait(m_service->job(JobType::Continuous, u"worker"_s));
        return entry ? entry->job.status() : JobStatus::Failed;
    };
    QTRY_COMPARE_WITH_TIMEOUT(status(), JobStatus::Running, 30000);

    QSignalSpy changed(m_service.get(), &JobService::jobsChanged);
    QVERIFY(wait(m_service->stopContinuous(u"worker"_s)).ok());
    QTRY_COMPARE_WITH_TIMEOUT(status(), JobStatus::Stopped, 30000);
    QTRY_VERIFY(!changed.isEmpty());
    QVERIFY(wait(m_service->startContinuous(u"worker"_s)).ok());
    QTRY_COMPARE_WITH_TIMEOUT(status(), JobStatus::Running, 30000);
    QTRY_VERIFY_WITH_TIMEOUT(
        wait(m_service->readLog(JobType::Continuous, u"worker"_s, {}, 0, 1 << 20)).contains("alive"), 30000);

    const ServiceReply wrongType = wait(m_service->startContinuous(u"nosuchjob"_s));
    QCOMPARE(wrongType.error.code, ServiceError::Code::NotFound);
}

void TestLocalJobService::batchesChangesOfManyJobs()
{
    const QString script = writeScript(u"quick.sh"_s, "#!/bin/sh\necho quick\n");
    const int count = 8;
    for (int i = 0; i < count; ++i) {
        ServiceError error;
        add(JobType::Triggered, u"job%1"_s.arg(i), script, false, {}, &error);
        QVERIFY2(error.ok(), qPrintable(error.message));
    }
    QSignalSpy changed(m_service.get(), &JobService::jobsChanged);
    QSignalSpy finished(m_service.get(), &JobService::runFinished);
    for (int i = 0; i < count; ++i)
        m_service->triggerRun(u"job%1"_s.arg(i));
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), count, 30000);
    QTRY_VERIFY(!changed.isEmpty());
    // Every job is reported, and the 2 * count host changes came in fewer batches.
    QSet<QString> names;
    [&] {
        QTRY_VERIFY_WITH_TIMEOUT(([&] {
            names.clear();
            for (const QList<QVariant>& signal : std::as_const(changed)) {
                for (const JobEntry& entry : signal.at(0).value<QList<JobEntry>>())
                    names.insert(entry.job.name());
            }
            return names.size() == count;
        }()),
            10000);
    }();
    QVERIFY2(changed.size() < 2 * count, qPrintable(QString::number(changed.size())));
}

void TestLocalJobService::deletesJob()
{
    const QString script = writeScript(u"run.sh"_s, "#!/bin/sh\necho bye\n");
    ServiceError error;
    add(JobType::Triggered, u"doomed"_s, script, false, {}, &error);
    QVERIFY(error.ok());
    QSignalSpy removed(m_service.get(), &JobService::jobRemoved);
    QVERIFY(wait(m_service->deleteJob(JobType::Triggered, u"doomed"_s)).ok());
    QTRY_COMPARE(removed.size(), 1);
    QCOMPARE(removed.at(0).at(1).toString(), u"doomed"_s);
    QVERIFY(wait(m_service->jobs()).isEmpty());
}

void TestLocalJobService::savesLogWithProgress()
{
    const QString script = writeScript(u"run.sh"_s, "#!/bin/sh\nseq 1 20000\n");
    ServiceError error;
    add(JobType::Triggered, u"long"_s, script, false, {}, &error);
    QVERIFY(error.ok());
    QSignalSpy finished(m_service.get(), &JobService::runFinished);
    const ServiceReply reply = wait(m_service->triggerRun(u"long"_s));
    QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 30000);

    const QString target = m_files.filePath(u"saved.txt"_s);
    QFuture<ServiceReply> save = m_service->saveLog(JobType::Triggered, u"long"_s, reply.runId, target);
    const ServiceReply saved = wait(save);
    QVERIFY2(saved.ok(), qPrintable(saved.error.message));
    QCOMPARE(save.progressValue(), save.progressMaximum());
    QFile file(target);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray whole = wait(m_service->readLog(JobType::Triggered, u"long"_s, reply.runId, 0, 1 << 24));
    QCOMPARE(file.readAll(), whole);
    QVERIFY(whole.contains("20000"));

    const ServiceReply missing
        = wait(m_service->saveLog(JobType::Triggered, u"long"_s, u"000000000000000000"_s, target));
    QCOMPARE(missing.error.code, ServiceError::Code::NotFound);
}

void TestLocalJobService::reportsLogSizeAndWhyItCannotBeRead()
{
    const QString script = writeScript(u"run.sh"_s, "#!/bin/sh\necho sized\n");
    ServiceError error;
    add(JobType::Triggered, u"sized"_s, script, false, {}, &error);
    QVERIFY(error.ok());
    QSignalSpy finished(m_service.get(), &JobService::runFinished);
    const ServiceReply reply = wait(m_service->triggerRun(u"sized"_s));
    QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 30000);

    const LogInfo info = wait(m_service->logInfo(JobType::Triggered, u"sized"_s, reply.runId));
    QVERIFY2(info.ok(), qPrintable(info.error.message));
    const QByteArray whole = wait(m_service->readLog(JobType::Triggered, u"sized"_s, reply.runId, 0, 1 << 20));
    QCOMPARE(info.size, whole.size());
    QVERIFY(whole.contains("sized"));
    // Past the end reads as empty; a huge request reads what there is.
    QVERIFY(wait(m_service->readLog(JobType::Triggered, u"sized"_s, reply.runId, info.size, 100)).isEmpty());
    QCOMPARE(wait(m_service->readLog(JobType::Triggered, u"sized"_s, reply.runId, 0, qint64(1) << 40)), whole);

    // A run without a log, and a continuous job never started, say so in a sentence.
    const LogInfo missing = wait(m_service->logInfo(JobType::Triggered, u"sized"_s, u"000000000000000000"_s));
    QCOMPARE(missing.error.code, ServiceError::Code::NotFound);
    QVERIFY2(missing.error.message.contains(u"000000000000000000"_s), qPrintable(missing.error.message));
    QCOMPARE(missing.size, -1);
    QVERIFY(wait(m_service->readLog(JobType::Triggered, u"sized"_s, u"000000000000000000"_s, 0, 100)).isEmpty());
    const LogInfo continuous = wait(m_service->logInfo(JobType::Continuous, u"never-started"_s, {}));
    QCOMPARE(continuous.error.code, ServiceError::Code::NotFound);
    QVERIFY2(continuous.error.message.contains(u"never-started"_s), qPrintable(continuous.error.message));
}

void TestLocalJobService::reportsUnreadableLog()
{
    const QString script = writeScript(u"run.sh"_s, "#!/bin/sh\necho hidden\n");
    ServiceError error;
    add(JobType::Triggered, u"hidden"_s, script, false, {}, &error);
    QVERIFY(error.ok());
    QSignalSpy finished(m_service.get(), &JobService::runFinished);
    const ServiceReply reply = wait(m_service->triggerRun(u"hidden"_s));
    QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 30000);

    // A log that exists but cannot be read names the file and the reason.
    const QString path = m_service->logUrl(JobType::Triggered, u"hidden"_s, reply.runId).toLocalFile();
    QVERIFY(QFile::setPermissions(path, QFileDevice::WriteOwner));
    QFile probe(path);
    if (probe.open(QIODevice::ReadOnly))
        QSKIP("This user reads files without read permission (root): an unreadable log cannot be made.");
    const LogInfo unreadable = wait(m_service->logInfo(JobType::Triggered, u"hidden"_s, reply.runId));
    QCOMPARE(unreadable.error.code, ServiceError::Code::Internal);
    QVERIFY2(unreadable.error.message.contains(QDir::toNativeSeparators(path)), qPrintable(unreadable.error.message));
}

void TestLocalJobService::shutsDownGracefully()
{
    const QString script = writeScript(u"loop.sh"_s, "#!/bin/sh\nwhile true; do sleep 1; done\n");
    ServiceError error;
    add(JobType::Continuous, u"daemon"_s, script, false, {}, &error);
    QVERIFY(error.ok());
    QSignalSpy state(m_service.get(), &JobService::stateChanged);
    m_service->shutdown(2000);
    QCOMPARE(m_service->state(), JobService::State::Stopping);
    QTRY_COMPARE_WITH_TIMEOUT(m_service->state(), JobService::State::Stopped, 30000);
    QCOMPARE(state.size(), 2);
}

void TestLocalJobService::cancelsImportAndLeavesNothing()
{
    // Enough entries that the import is still extracting when the cancel arrives.
    QMap<QString, QByteArray> files {{u"run.sh"_s, "#!/bin/sh\necho big\n"}};
    for (int i = 0; i < 3000; ++i)
        files.insert(u"data%1.txt"_s.arg(i), QByteArray(512, char('a' + i % 26)));
    const QString zip = makeZip(u"big.zip"_s, files);
    QVERIFY(!zip.isEmpty());

    QSignalSpy added(m_service.get(), &JobService::jobAdded);
    AddJobOperation* operation = m_service->addJob(JobType::Triggered, u"big"_s, zip, true);
    QSignalSpy finished(operation, &AddJobOperation::finished);
    operation->cancel();
    QVERIFY(finished.wait(30000));
    const auto error = finished.at(0).at(0).value<ServiceError>();
    QCOMPARE(error.code, ServiceError::Code::BadRequest);
    QVERIFY2(error.message.contains(u"cancel"_s), qPrintable(error.message));
    QVERIFY(wait(m_service->jobs()).isEmpty());
    QCOMPARE(added.size(), 0);
    QVERIFY(!QDir(m_data->path() + u"/site/wwwroot/App_Data/jobs/triggered/big"_s).exists());
}

void TestLocalJobService::givenScheduleReplacesThePackagesOwn()
{
    const QString zip = makeZip(u"scheduled.zip"_s,
        {{u"run.sh"_s, "#!/bin/sh\necho hi\n"},
            {u"settings.job"_s, R"({"recurrence": {"recurrence": {"frequency": "day"}}, "is_singleton": true})"}});
    JobSettings settings;
    settings.setSchedule(u"0 0 5 * * *"_s);
    ServiceError error;
    add(JobType::Triggered, u"replaced"_s, zip, true, settings, &error);
    QVERIFY2(error.ok(), qPrintable(error.message));
    const JobSettings saved = wait(m_service->settings(JobType::Triggered, u"replaced"_s));
    QCOMPARE(saved.schedule(), u"0 0 5 * * *"_s);
    QVERIFY(!saved.recurrence());
    QVERIFY(saved.isSingleton());
}

QTEST_GUILESS_MAIN(TestLocalJobService)
#include "TestLocalJobService.moc"
