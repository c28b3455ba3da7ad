#include "GuiFixture.h"

#include "tests/support/AgentProcess.h"
#include "ui/MessageBox.h"
#include "ui/RunDetailsDialog.h"
#include "ui/log/LogDocument.h"
#include "ui/log/LogSearch.h"
#include "ui/log/LogView.h"
#include "ui/log/LogViewer.h"
#include "ui/log/ServiceLogSource.h"

#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QToolButton>
#include <QtConcurrent/QtConcurrentRun>

using namespace Qt::StringLiterals;
using namespace WebJobs;

// The run-log viewer over a remote connection: a real webjobs-agent on loopback with a password,
// a RemoteJobService, and the logs read by HTTP ranges. The same windows as over the local host
// open a running run at its tail, follow it, search it, and follow a continuous job's log.
class TestRemoteLogViewer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void cleanupTestCase();

    void readsARunsLogByRanges();
    void opensARunningRunAtItsTailAndFollowsIt();
    void followsAContinuousJobInItsDetails();

private:
    // The log as the agent wrote it, read from its data folder (the agent runs on this machine).
    QByteArray agentLog(JobType type, const QString& name, const QString& runId) const;

    Test::GuiFixture m_fixture {Test::GuiFixture::Connection::Agent};
    JobService* m_service = nullptr;
    Test::AgentProcess* m_agent = nullptr;
    QTemporaryDir m_files;
};

void TestRemoteLogViewer::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    MessageBox::setTestMode(true);
    Test::GuiFixture::installCatalogue(u"en"_s);
    QVERIFY(m_fixture.start());
    m_service = m_fixture.service();
    m_agent = m_fixture.agent();
    QVERIFY(m_service && m_agent);
}

void TestRemoteLogViewer::init()
{
    QSettings().clear();
}

void TestRemoteLogViewer::cleanup()
{
    for (QWidget* widget : QApplication::topLevelWidgets())
        widget->close();
    QTRY_VERIFY(Test::GuiFixture::visibleWindows(nullptr).isEmpty());
}

void TestRemoteLogViewer::cleanupTestCase()
{
    m_fixture.stop();
}

QByteArray TestRemoteLogViewer::agentLog(JobType type, const QString& name, const QString& runId) const
{
    const QString path = type == JobType::Triggered
        ? u"%1/data/jobs/triggered/%2/%3/output_log.txt"_s.arg(m_agent->dataRoot(), name, runId)
        : u"%1/data/jobs/continuous/%2/job_log.txt"_s.arg(m_agent->dataRoot(), name);
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void TestRemoteLogViewer::readsARunsLogByRanges()
{
    QVERIFY(m_fixture.addScript(JobType::Triggered, u"ranged"_s, "#!/bin/sh\nseq 1 5000 | sed 's/^/row /'\n"));
    QSignalSpy finished(m_service, &JobService::runFinished);
    QFuture<ServiceReply> run = m_service->triggerRun(u"ranged"_s);
    QTRY_VERIFY(run.isFinished());
    QVERIFY2(run.result().ok(), qPrintable(run.result().error.message));
    QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 30000);
    const QString runId = run.result().runId;
    const QByteArray content = agentLog(JobType::Triggered, u"ranged"_s, runId);
    QVERIFY(content.contains("row 5000"));

    ServiceLogSource source(m_service, JobType::Triggered, u"ranged"_s, runId);
    QVERIFY(source.url().toString().startsWith(m_agent->baseUrl()));
    QSignalSpy reset(&source, &LogSource::reset);
    source.refresh();
    QVERIFY(reset.wait(30000));
    QCOMPARE(reset.at(0).at(0).toLongLong(), content.size());
    // Blocking ranged reads from a worker thread, as the indexer makes them.
    std::shared_ptr<LogReader> reader = source.reader();
    QFuture<LogBytes> middle = QtConcurrent::run([reader] { return reader->read(1000, 3000); });
    QFuture<LogBytes> tail
        = QtConcurrent::run([reader, size = content.size()] { return reader->read(size - 10, 100); });
    QTRY_VERIFY_WITH_TIMEOUT(middle.isFinished() && tail.isFinished(), 30000);
    QCOMPARE(middle.result().data, content.mid(1000, 3000));
    QCOMPARE(tail.result().data, content.right(10));

    // A run that does not exist says so in a sentence.
    ServiceLogSource missing(m_service, JobType::Triggered, u"ranged"_s, u"000000000000000000"_s);
    QSignalSpy failed(&missing, &LogSource::failed);
    missing.refresh();
    QVERIFY(failed.wait(30000));
    QVERIFY2(
        failed.at(0).at(0).toString().contains(u"000000000000000000"_s), qPrintable(failed.at(0).at(0).toString()));
}

void TestRemoteLogViewer::opensARunningRunAtItsTailAndFollowsIt()
{
    const QByteArray script = "#!/bin/sh\n"
                              "seq 1 20000 | awk '{ if ($1 % 1000 == 0) print \"line \" $1 \" needle\"; "
                              "else print \"line \" $1 \" of the first burst\" }'\n"
                              "n=0\n"
                              "while [ ! -e \"$1\" ]; do n=$((n+1)); echo \"tick $n\"; sleep 0.05; done\n"
                              "echo done\n";
    QVERIFY(m_fixture.addScript(JobType::Triggered, u"follower"_s, script));
    const QString stopFile = m_files.filePath(u"follower.stop"_s);
    QFuture<ServiceReply> reply = m_service->triggerRun(u"follower"_s, stopFile);
    QTRY_VERIFY_WITH_TIMEOUT(reply.isFinished(), 30000);
    QVERIFY2(reply.result().ok(), qPrintable(reply.result().error.message));
    const QString runId = reply.result().runId;
    QTRY_VERIFY_WITH_TIMEOUT(agentLog(JobType::Triggered, u"follower"_s, runId).contains("tick 2"), 30000);

    RunDetailsDialog dialog(m_service, JobType::Triggered, u"follower"_s, runId);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QTRY_COMPARE(dialog.findChild<QLabel*>(u"statusValueLabel"_s)->text(), u"Running"_s);
    LogViewer* viewer = dialog.logViewer();
    LogView* view = viewer->view();
    QTRY_VERIFY(view->isVisible());

    // The tail first, read by ranges from the agent.
    QTRY_VERIFY_WITH_TIMEOUT(view->visibleText().contains(u"tick"_s), 30000);
    QVERIFY(!view->visibleText().contains(u"line 1 of the first burst"_s));
    QTRY_VERIFY(view->isAtBottom());

    // It follows what the agent appends.
    QTRY_VERIFY(view->isFollowing());
    const qint64 lines = viewer->document()->lineCount();
    QTRY_VERIFY_WITH_TIMEOUT(viewer->document()->lineCount() >= lines + 5, 30000);
    QTRY_VERIFY(view->isAtBottom());

    // Search runs over the remote log as over a local one.
    QTRY_VERIFY_WITH_TIMEOUT(!viewer->document()->isIndexing(), 30000);
    dialog.findChild<QLineEdit*>(u"logSearchEdit"_s)->setText(u"needle"_s);
    viewer->searchNow();
    QTRY_VERIFY_WITH_TIMEOUT(viewer->find()->isActive() && !viewer->find()->isRunning(), 30000);
    QCOMPARE(viewer->find()->hitCount(), 20);

    // The run ends: its last line arrives, and the status says so.
    QFile stop(stopFile);
    QVERIFY(stop.open(QIODevice::WriteOnly));
    stop.close();
    QTRY_COMPARE_WITH_TIMEOUT(dialog.findChild<QLabel*>(u"statusValueLabel"_s)->text(), u"Success"_s, 30000);
    QTest::keyClick(view, Qt::Key_End);
    QTRY_VERIFY_WITH_TIMEOUT(view->visibleText().contains(u"done"_s), 30000);
    QCOMPARE(viewer->document()->source()->size(), agentLog(JobType::Triggered, u"follower"_s, runId).size());
}

void TestRemoteLogViewer::followsAContinuousJobInItsDetails()
{
    // The same check over the embedded host and over an agent (TestRemoteLogViewer).
    m_fixture.checkContinuousLogIsFollowed();
}

QTEST_MAIN(TestRemoteLogViewer)
#include "TestRemoteLogViewer.moc"
