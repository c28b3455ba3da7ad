#include "GuiFixture.h"

#include "core/host/LogWriter.h"
#include "ui/FileDialog.h"
#include "ui/JobDetailsDialog.h"
#include "ui/JobText.h"
#include "ui/MessageBox.h"
#include "ui/RunDetailsDialog.h"
#include "ui/log/FileLogSource.h"
#include "ui/log/LogArchiveExport.h"
#include "ui/log/LogDocument.h"
#include "ui/log/LogSearch.h"
#include "ui/log/LogView.h"
#include "ui/log/LogViewer.h"

#include <QCheckBox>
#include <QClipboard>
#include <QDesktopServices>
#include <QFile>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QToolButton>

#include <quazip/quazip.h>
#include <quazip/quazipfile.h>

#include <ctime>

using namespace Qt::StringLiterals;
using namespace WebJobs;

// The run-log viewer in the windows that show it, offscreen, over a local service and real
// runs: a running run's details open at the tail and follow it; scrolling up pauses and End
// resumes; search, hits, matching lines only, levels, go to line, copy, the time zone of the
// header; a continuous job's log in its details; every run's log in one zip; the system's editor.
class TestRunLogViewer : public QObject
{
    Q_OBJECT

public Q_SLOTS:
    void openUrl(const QUrl& url) { m_opened = url; }

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void opensARunningRunAtItsTailAndFollowsIt();
    void searchesAndGoesToALine();
    void filtersLevelsAndCopies();
    void showsTimesInTheZoneOfTheRunsTimes();
    void followsAContinuousJobInItsDetails();
    void downloadsAllLogsOfAJobInOneZip();
    void opensTheLogInTheSystemsEditor();
    void goesToATime();

private:
    struct Run
    {
        QString id;
        QString logPath;
        QString stopFile;
    };
    // A run of a job that writes 20,000 numbered lines (every 1,000th has "needle", three go to
    // stderr), then "tick N" every 50 ms until its stop file appears.
    Run startLongRun(const QString& jobName);
    void stop(const Run& run);
    static QStringList logLines(const QString& path);

    Test::GuiFixture m_fixture;
    QTemporaryDir m_files;
    QUrl m_opened;
};

void TestRunLogViewer::initTestCase()
{
    // Times shown in another zone than the log's UTC, as for a person in Paris.
    qputenv("TZ", "Europe/Paris");
    tzset();
    QStandardPaths::setTestModeEnabled(true);
    MessageBox::setTestMode(true);
    Test::GuiFixture::installCatalogue(u"en"_s);
    QVERIFY(m_fixture.start());
}

void TestRunLogViewer::init()
{
    QSettings().clear();
}

void TestRunLogViewer::cleanup()
{
    for (QWidget* widget : QApplication::topLevelWidgets())
        widget->close();
    QTRY_VERIFY2(Test::GuiFixture::visibleWindows(nullptr).isEmpty(),
        qPrintable(Test::GuiFixture::visibleWindows(nullptr).join(u", "_s)));
}

TestRunLogViewer::Run TestRunLogViewer::startLongRun(const QString& jobName)
{
    const QByteArray script = "#!/bin/sh\n"
                              "seq 1 20000 | awk '{ if ($1 % 1000 == 0) print \"line \" $1 \" needle\"; "
                              "else print \"line \" $1 \" of the first burst\" }'\n"
                              "for i in 1 2 3; do echo \"problem $i\" >&2; done\n"
                              "n=0\n"
                              "while [ ! -e \"$1\" ]; do n=$((n+1)); echo \"tick $n\"; sleep 0.05; done\n"
                              "echo done\n";
    Run run;
    if (!m_fixture.addScript(JobType::Triggered, jobName, script))
        return run;
    run.stopFile = m_files.filePath(jobName + u".stop"_s);
    QFuture<ServiceReply> reply = m_fixture.service()->triggerRun(jobName, run.stopFile);
    if (!QTest::qWaitFor([&] { return reply.isFinished(); }, 30000) || !reply.result().ok())
        return run;
    run.id = reply.result().runId;
    run.logPath = m_fixture.service()->logUrl(JobType::Triggered, jobName, run.id).toLocalFile();
    // Wait for the ticks: the first burst is written.
    const bool ticking = QTest::qWaitFor(
        [&] {
            QFile file(run.logPath);
            return file.open(QIODevice::ReadOnly) && file.readAll().contains("tick 2");
        },
        30000);
    return ticking ? run : Run {};
}

void TestRunLogViewer::stop(const Run& run)
{
    QSignalSpy finished(m_fixture.service(), &JobService::runFinished);
    QFile file(run.stopFile);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.close();
    QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 30000);
}

QStringList TestRunLogViewer::logLines(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QString text = QString::fromUtf8(file.readAll());
    text.remove(u'\r');
    QStringList lines = text.split(u'\n');
    if (!lines.isEmpty() && lines.constLast().isEmpty())
        lines.removeLast();
    return lines;
}

void TestRunLogViewer::opensARunningRunAtItsTailAndFollowsIt()
{
    const Run run = startLongRun(u"follower"_s);
    QVERIFY(!run.id.isEmpty());
    RunDetailsDialog dialog(m_fixture.service(), JobType::Triggered, u"follower"_s, run.id);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QTRY_COMPARE(dialog.findChild<QLabel*>(u"statusValueLabel"_s)->text(), u"Running"_s);
    // The output is shown from the start.
    LogViewer* viewer = dialog.logViewer();
    LogView* view = dialog.findChild<LogView*>(u"logView"_s);
    QVERIFY(viewer && view);
    QTRY_VERIFY(view->isVisible());

    // The tail first: the newest lines, not the first ones.
    QTRY_VERIFY2(view->visibleText().contains(u"tick"_s), qPrintable(view->visibleText()));
    QVERIFY(!view->visibleText().contains(u"line 1 of the first burst"_s));
    QTRY_VERIFY(view->isAtBottom());
    QVERIFY(view->topRow() > 0);

    // It follows: new ticks appear as they are written.
    auto* follow = dialog.findChild<QToolButton*>(u"logFollowButton"_s);
    QTRY_VERIFY(follow->isChecked());
    QVERIFY(view->isFollowing());
    const qint64 lines = viewer->document()->lineCount();
    QTRY_VERIFY_WITH_TIMEOUT(viewer->document()->lineCount() >= lines + 5, 30000);
    QTRY_VERIFY(view->isAtBottom());
    const QStringList written = logLines(run.logPath);
    const QString lastTick = written.filter(u"] tick "_s).constLast().section(u"] "_s, 1);
    QTRY_VERIFY2(view->visibleText().contains(lastTick), qPrintable(lastTick));

    // Scrolling up pauses following: new lines do not move the view.
    QTest::keyClick(view, Qt::Key_PageUp);
    QTRY_VERIFY(!view->isFollowing());
    QVERIFY(!follow->isChecked());
    const qint64 top = view->topRow();
    const qint64 count = viewer->document()->lineCount();
    QTRY_VERIFY_WITH_TIMEOUT(viewer->document()->lineCount() >= count + 3, 30000);
    QCOMPARE(view->topRow(), top);
    QVERIFY(!view->isAtBottom());

    // End resumes it.
    QTest::keyClick(view, Qt::Key_End);
    QVERIFY(view->isFollowing());
    QVERIFY(follow->isChecked());
    QTRY_VERIFY(view->isAtBottom());
    const qint64 resumed = viewer->document()->lineCount();
    QTRY_VERIFY_WITH_TIMEOUT(viewer->document()->lineCount() >= resumed + 3, 30000);
    QTRY_VERIFY(view->isAtBottom());
    QTRY_VERIFY(view->visibleLines().contains(viewer->document()->lineCount() - 1));

    stop(run);
    QTRY_VERIFY2(view->visibleText().contains(u"] done"_s), qPrintable(view->visibleText()));
}

void TestRunLogViewer::searchesAndGoesToALine()
{
    const Run run = startLongRun(u"searched"_s);
    QVERIFY(!run.id.isEmpty());
    stop(run);
    RunDetailsDialog dialog(m_fixture.service(), JobType::Triggered, u"searched"_s, run.id);
    dialog.show();
    // The viewer's keys are shortcuts of the active window.
    dialog.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&dialog));
    LogViewer* viewer = dialog.logViewer();
    LogView* view = viewer->view();
    view->setFocus();
    QTRY_VERIFY(viewer->document() && !viewer->document()->isIndexing() && viewer->document()->lineCount() > 20000);
    const QStringList lines = logLines(run.logPath);
    QCOMPARE(viewer->document()->lineCount(), lines.size());
    // A finished run opens at its tail too, without following.
    QTRY_VERIFY(view->isAtBottom());
    QVERIFY(!view->isFollowing());

    // Ctrl+F, then type: hits stream in, the view goes to one and marks it.
    QTest::keyClick(view, Qt::Key_F, Qt::ControlModifier);
    auto* search = dialog.findChild<QLineEdit*>(u"logSearchEdit"_s);
    QTRY_VERIFY(search->hasFocus());
    QTest::keyClicks(search, u"needle"_s);
    QTest::keyClick(search, Qt::Key_Return);
    QVERIFY2(viewer->isVisible() && dialog.isVisible(), "Return searches; it clicks no button of the dialog");
    QTRY_VERIFY(viewer->find()->isActive() && !viewer->find()->isRunning());
    QCOMPARE(viewer->find()->hitCount(), 20);
    auto* hitLabel = dialog.findChild<QLabel*>(u"logHitLabel"_s);
    QTRY_VERIFY2(hitLabel->text().contains(u"of 20 hit"_s), qPrintable(hitLabel->text()));
    const qint64 first = view->currentHitLine();
    QVERIFY(first >= 0);
    QVERIFY(lines.at(first).contains(u"needle"_s));
    QTRY_VERIFY(view->visibleLines().contains(first));

    // F3 and Shift+F3 walk the hits, wrapping at the ends.
    QSignalSpy hit(viewer, &LogViewer::currentHitChanged);
    QTest::keyClick(view, Qt::Key_F3);
    QCOMPARE(hit.size(), 1);
    const qint64 next = view->currentHitLine();
    QVERIFY(next != first);
    QVERIFY(lines.at(next).contains(u"needle"_s));
    QTRY_VERIFY(view->visibleLines().contains(next));
    QTest::keyClick(view, Qt::Key_F3, Qt::ShiftModifier);
    QCOMPARE(view->currentHitLine(), first);
    QTRY_VERIFY2(view->visibleText().contains(lines.at(first).section(u"] "_s, 1)), qPrintable(view->visibleText()));

    // Matching lines only: the rows are the hits.
    dialog.findChild<QCheckBox*>(u"logMatchingOnlyCheck"_s)->click();
    QTRY_COMPARE(view->rowCount(), 20);
    // Every row on screen, once read, is a hit.
    const auto onlyHits = [view] {
        const QStringList shown = view->visibleText().split(u'\n');
        return shown.size() == 20
            && std::all_of(shown.begin(), shown.end(), [](const QString& line) { return line.contains(u"needle"_s); });
    };
    QTRY_VERIFY2(onlyHits(), qPrintable(view->visibleText()));
    dialog.findChild<QCheckBox*>(u"logMatchingOnlyCheck"_s)->click();
    QTRY_VERIFY(view->rowCount() > 20000);

    // Ctrl+G asks for a line and shows it, selected.
    QTest::keyClick(view, Qt::Key_G, Qt::ControlModifier);
    QInputDialog* prompt = nullptr;
    QTRY_VERIFY((prompt = Test::GuiFixture::find<QInputDialog>(u"goToLineDialog"_s)) != nullptr);
    prompt->setTextValue(u"1234"_s);
    QSignalSpy shown(viewer, &LogViewer::lineShown);
    prompt->accept();
    QCOMPARE(shown.size(), 1);
    QCOMPARE(shown.at(0).at(0).toLongLong(), 1233);
    QCOMPARE(view->currentLine(), 1233);
    QTRY_VERIFY(view->visibleLines().contains(1233));
    QTRY_VERIFY2(view->visibleText().contains(lines.at(1233)), qPrintable(lines.at(1233)));
    // A line past the end says how many there are.
    QVERIFY(!viewer->goToLineNumber(lines.size() + 10));
    QVERIFY2(dialog.findChild<QLabel*>(u"logMessageLabel"_s)->text().contains(QLocale().toString(lines.size())),
        qPrintable(dialog.findChild<QLabel*>(u"logMessageLabel"_s)->text()));

    // Ctrl+Home and Ctrl+End.
    QTest::keyClick(view, Qt::Key_Home, Qt::ControlModifier);
    QTRY_VERIFY(view->visibleLines().contains(0));
    QTest::keyClick(view, Qt::Key_End, Qt::ControlModifier);
    QTRY_VERIFY(view->isAtBottom());
    QVERIFY(!view->isFollowing());
}

void TestRunLogViewer::filtersLevelsAndCopies()
{
    const Run run = startLongRun(u"levels"_s);
    QVERIFY(!run.id.isEmpty());
    stop(run);
    RunDetailsDialog dialog(m_fixture.service(), JobType::Triggered, u"levels"_s, run.id);
    dialog.show();
    dialog.setOutputVisible(true);
    LogViewer* viewer = dialog.logViewer();
    LogView* view = viewer->view();
    QTRY_VERIFY(viewer->document() && !viewer->document()->isIndexing() && viewer->document()->lineCount() > 20000);
    const QStringList lines = logLines(run.logPath);

    // Errors of the job only: the three lines it wrote to stderr.
    dialog.findChild<QAction*>(u"logLevelInfoAction"_s)->setChecked(false);
    dialog.findChild<QAction*>(u"logLevelWarningAction"_s)->setChecked(false);
    dialog.findChild<QAction*>(u"logLevelSystemAction"_s)->setChecked(false);
    QCOMPARE(viewer->levels(), int(LogLinePrefix::ShowError));
    QTRY_COMPARE(view->rowCount(), 3);
    QTRY_VERIFY2(view->visibleText().contains(u"problem 3"_s), qPrintable(view->visibleText()));
    QVERIFY(!view->visibleText().contains(u"tick"_s));
    QCOMPARE(dialog.findChild<QToolButton*>(u"logLevelButton"_s)->text(), u"Levels (filtered)"_s);
    // Every level again: every line.
    viewer->setLevels(LogLinePrefix::ShowAll);
    QTRY_COMPARE(view->rowCount(), lines.size());

    // The prefix column can be hidden; the text stays.
    auto* prefix = dialog.findChild<QToolButton*>(u"logPrefixButton"_s);
    QVERIFY(prefix->isChecked());
    prefix->click();
    QVERIFY(!view->isPrefixVisible());
    QVERIFY(!QSettings().value(u"logViewer/prefix"_s).toBool());
    dialog.findChild<QToolButton*>(u"logWrapButton"_s)->click();
    QVERIFY(view->wordWrap());
    const int points = view->fontPointSize();
    QTest::keyClick(view, Qt::Key_Plus, Qt::ControlModifier);
    QCOMPARE(view->fontPointSize(), points + 1);
    QCOMPARE(QSettings().value(u"logViewer/fontSize"_s).toInt(), points + 1);

    // Copy: the selected lines as the log has them, without the CR.
    QVERIFY(viewer->goToLineNumber(101));
    QSignalSpy copied(view, &LogView::copyFinished);
    QTest::keyClick(view, Qt::Key_Down, Qt::ShiftModifier);
    QTest::keyClick(view, Qt::Key_C, Qt::ControlModifier);
    QVERIFY(copied.wait());
    QCOMPARE(copied.at(0).at(0).toString(), QString());
    QCOMPARE(QApplication::clipboard()->text(), lines.at(100) + u'\n' + lines.at(101));
}

void TestRunLogViewer::showsTimesInTheZoneOfTheRunsTimes()
{
    const Run run = startLongRun(u"zoned"_s);
    QVERIFY(!run.id.isEmpty());
    stop(run);
    RunDetailsDialog dialog(m_fixture.service(), JobType::Triggered, u"zoned"_s, run.id);
    dialog.show();
    dialog.setOutputVisible(true);
    QTRY_VERIFY(!dialog.findChild<QLabel*>(u"startValueLabel"_s)->text().isEmpty());
    QFuture<std::optional<JobRun>> details = m_fixture.service()->run(u"zoned"_s, run.id);
    QTRY_VERIFY(details.isFinished());
    const Instant start = details.result()->startTime();
    QCOMPARE(dialog.findChild<QLabel*>(u"startValueLabel"_s)->text(), JobText::preciseDateTime(start));

    // The first line's UTC prefix is shown as the header shows times: in Paris, not in UTC.
    const QString firstLine = logLines(run.logPath).constFirst();
    const qint64 seconds = LogLinePrefix::parse(firstLine.toUtf8()).unixSeconds;
    QVERIFY(seconds > 0);
    const QString shown = dialog.logViewer()->view()->timeText(seconds);
    QCOMPARE(shown, JobText::preciseDateTime(Instant::fromMSecsSinceEpoch(seconds * 1000)));
    const QDateTime utc = QDateTime::fromSecsSinceEpoch(seconds, Qt::UTC);
    QVERIFY2(!shown.contains(QLocale().toString(utc.time(), u"h:mm:ss"_s)), qPrintable(shown));
    QVERIFY2(shown.contains(QLocale().toString(utc.toLocalTime().time(), u"mm:ss"_s)), qPrintable(shown));
}

void TestRunLogViewer::followsAContinuousJobInItsDetails()
{
    // The same check over the embedded host and over an agent (TestRemoteLogViewer).
    m_fixture.checkContinuousLogIsFollowed();
}

void TestRunLogViewer::downloadsAllLogsOfAJobInOneZip()
{
    QVERIFY(m_fixture.addScript(JobType::Triggered, u"zipped"_s, "#!/bin/sh\necho \"run with $1\"\n"));
    QStringList runIds;
    for (int i = 0; i < 3; ++i) {
        QSignalSpy finished(m_fixture.service(), &JobService::runFinished);
        QFuture<ServiceReply> reply = m_fixture.service()->triggerRun(u"zipped"_s, u"argument%1"_s.arg(i));
        QTRY_VERIFY(reply.isFinished());
        QVERIFY(reply.result().ok());
        runIds.append(reply.result().runId);
        QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 30000);
    }
    QFuture<std::optional<JobEntry>> entry = m_fixture.service()->job(JobType::Triggered, u"zipped"_s);
    QTRY_VERIFY(entry.isFinished());
    JobDetailsDialog dialog(m_fixture.service(), *entry.result());
    dialog.show();
    const QString zipPath = m_files.filePath(u"zipped-logs.zip"_s);
    FileDialog::setNextFileName(zipPath);
    QSignalSpy downloaded(&dialog, &JobDetailsDialog::logsDownloaded);
    QTest::mouseClick(dialog.findChild<QPushButton*>(u"downloadAllLogsButton"_s), Qt::LeftButton);
    QVERIFY(downloaded.wait(30000));
    QCOMPARE(downloaded.at(0).at(1).toString(), QString());
    QVERIFY2(dialog.findChild<QLabel*>(u"downloadAllLabel"_s)->text().startsWith(u"3 log"_s),
        qPrintable(dialog.findChild<QLabel*>(u"downloadAllLabel"_s)->text()));
    QVERIFY(!QFile::exists(zipPath + u".part"_s));

    // One entry a run, named by its start time, holding its whole log.
    QSet<QString> taken;
    QMap<QString, QByteArray> expected;
    for (const QString& id : std::as_const(runIds)) {
        QFuture<std::optional<JobRun>> run = m_fixture.service()->run(u"zipped"_s, id);
        QTRY_VERIFY(run.isFinished());
        QFile log(m_fixture.service()->logUrl(JobType::Triggered, u"zipped"_s, id).toLocalFile());
        QVERIFY(log.open(QIODevice::ReadOnly));
        expected.insert(LogArchiveExport::entryName(run.result()->startTime(), taken), log.readAll());
    }
    QuaZip zip(zipPath);
    QVERIFY(zip.open(QuaZip::mdUnzip));
    QMap<QString, QByteArray> entries;
    for (bool more = zip.goToFirstFile(); more; more = zip.goToNextFile()) {
        QuaZipFile file(&zip);
        QVERIFY(file.open(QIODevice::ReadOnly));
        entries.insert(zip.getCurrentFileName(), file.readAll());
    }
    QCOMPARE(entries.keys(), expected.keys());
    QCOMPARE(entries, expected);
    QVERIFY(entries.first().contains("run with argument0"));
}

void TestRunLogViewer::opensTheLogInTheSystemsEditor()
{
    QVERIFY(m_fixture.addScript(JobType::Triggered, u"edited"_s, "#!/bin/sh\necho edit me\n"));
    QSignalSpy finished(m_fixture.service(), &JobService::runFinished);
    QFuture<ServiceReply> reply = m_fixture.service()->triggerRun(u"edited"_s);
    QTRY_VERIFY(reply.isFinished());
    QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 30000);
    RunDetailsDialog dialog(m_fixture.service(), JobType::Triggered, u"edited"_s, reply.result().runId);
    dialog.show();
    dialog.setOutputVisible(true);
    QTRY_VERIFY(dialog.logText().contains(u"edit me"_s));
    QDesktopServices::setUrlHandler(u"file"_s, this, "openUrl");
    m_opened.clear();
    QTest::mouseClick(dialog.findChild<QToolButton*>(u"logOpenEditorButton"_s), Qt::LeftButton);
    QDesktopServices::unsetUrlHandler(u"file"_s);
    QCOMPARE(m_opened, m_fixture.service()->logUrl(JobType::Triggered, u"edited"_s, reply.result().runId));
}

void TestRunLogViewer::goesToATime()
{
    // A line every 10 s, and lines without a prefix in between (a stack trace's lines).
    const qint64 base = QDateTime(QDate(2024, 9, 4), QTime(13, 0, 0), Qt::UTC).toSecsSinceEpoch();
    QByteArray content;
    for (int i = 0; i < 1000; ++i) {
        LogWriter::formatLine(content, base + i * 10, "a1b2c3", false, LogWriter::Level::Info,
            QByteArray("event " + QByteArray::number(i)));
        if (i % 7 == 0)
            content += "   at a frame without a prefix\r\n";
    }
    const QString path = m_files.filePath(u"timed.txt"_s);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    QCOMPARE(file.write(content), content.size());
    file.close();
    const QStringList lines = logLines(path);

    LogViewer viewer;
    viewer.resize(800, 500);
    viewer.show();
    viewer.open(new FileLogSource(path));
    QTRY_VERIFY(viewer.document()->lineCount() == lines.size() && !viewer.document()->isIndexing());
    QSignalSpy shown(&viewer, &LogViewer::lineShown);
    // Between two events: the later one.
    viewer.goToDateTime(QDateTime::fromSecsSinceEpoch(base + 4995, Qt::UTC));
    QVERIFY(shown.wait());
    const qint64 line = shown.takeFirst().at(0).toLongLong();
    QVERIFY2(lines.at(line).endsWith(u"] event 500"_s), qPrintable(lines.at(line)));
    QCOMPARE(viewer.view()->currentLine(), line);
    // Exactly on one: that one; before the first: the first; after the last: the last.
    viewer.goToDateTime(QDateTime::fromSecsSinceEpoch(base + 1230, Qt::UTC));
    QVERIFY(shown.wait());
    QVERIFY(lines.at(shown.takeFirst().at(0).toLongLong()).endsWith(u"] event 123"_s));
    viewer.goToDateTime(QDateTime::fromSecsSinceEpoch(base - 3600, Qt::UTC));
    QVERIFY(shown.wait());
    QCOMPARE(shown.takeFirst().at(0).toLongLong(), 0);
    viewer.goToDateTime(QDateTime::fromSecsSinceEpoch(base + 100'000, Qt::UTC));
    QVERIFY(shown.wait());
    QCOMPARE(shown.takeFirst().at(0).toLongLong(), lines.size() - 1);
    QVERIFY(viewer.findChild<QLabel*>(u"logMessageLabel"_s)->text().startsWith(u"No line was written"_s));
}

QTEST_MAIN(TestRunLogViewer)
#include "TestRunLogViewer.moc"
