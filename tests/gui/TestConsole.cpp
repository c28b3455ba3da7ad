#include "GuiFixture.h"

#include "tests/support/AgentProcess.h"
#include "ui/AddJobDialog.h"
#include "ui/FileDialog.h"
#include "ui/JobDetailsDialog.h"
#include "ui/JobListModel.h"
#include "ui/MainWindow.h"
#include "ui/MessageBox.h"
#include "ui/PreferencesDialog.h"
#include "ui/RunDetailsDialog.h"
#include "ui/RunHistoryModel.h"
#include "ui/ScheduleWizard.h"
#include "ui/SettingsDialog.h"
#include "ui/log/LogView.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QClipboard>
#include <QComboBox>
#include <QFile>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTest>
#include <QToolButton>
#include <QTreeView>

#include <memory>

using namespace Qt::StringLiterals;
using namespace WebJobs;

// The console as a person uses it: the real main window over a service in a temporary folder;
// widgets and actions found by objectName; modal answers given ahead of time. Each test gets a
// service and a window of its own and adds the jobs it needs, so that it passes alone
// (`TestConsole <function>`; CTest's gui/alone runs every function that way).
//
// Every scenario runs twice (global data, initTestCase_data): over the embedded local host
// ("local") and over a real webjobs-agent started on loopback with a password ("agent"); run
// one with `TestConsole <function>:agent`. Where the remote connection legitimately differs (the
// status bar names the agent, a log's URL is the agent's), the test asserts the remote
// behaviour; the few scenarios that do not touch the service at all run on the local host only.
class TestConsole : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data();
    void initTestCase();
    void init();
    void cleanup();

    void statusBarShowsTheConnection();
    void addsJobFromZipThroughDialog();
    void runsFromContextMenuAndShowsSuccessInHistory();
    void opensRunDetailsAndReadsOutput();
    void downloadsLogAndCopiesItsUrl();
    void startsAndStopsContinuousJob();
    void enablesActionsOnlyWhereTheyApply();
    void badNameShowsTheRule();
    void badZipShowsTheEngineError();
    void deleteAsksFirst();
    void settingsEditorRefusesBadSchedule();
    void addsScheduledJobThroughWizard();
    void editScheduleSavesWizardResult();
    void failedRunNotifiesAndOpensItsDetails();
    void runsWithArguments();
    void abortsRunningRun();
    void preferencesStoreTheLanguage();
    void remembersGeometryAndColumns();
    void refreshKeepsSelection();
    void crashLoopNotifiesAndOpensTheJobLog();

private:
    QAction* action(const QString& name) const;
    AddJobDialog* openAddDialog();
    QRect rowRect(JobType type, const QString& name) const;
    // QSKIP for the agent's row of a scenario that does not depend on the connection.
    bool isRemote() const { return m_fixture && m_fixture->isRemote(); }
    static Test::GuiFixture::Connection currentConnection();
    void select(JobType type, const QString& name);
    // Adds the job most tests work on, "hello-zip": a zip whose run.sh greets its arguments.
    bool addHelloJob(const JobSettings& settings = {});

    std::unique_ptr<Test::GuiFixture> m_fixture;
    std::unique_ptr<MainWindow> m_window;
    QTemporaryDir m_output;
};

const QByteArray HelloScript = "#!/bin/sh\necho \"hello from the zip $1\"\n";

void TestConsole::initTestCase_data()
{
    QTest::addColumn<bool>("remote");
    QTest::newRow("local") << false;
    QTest::newRow("agent") << true;
}

Test::GuiFixture::Connection TestConsole::currentConnection()
{
    QFETCH_GLOBAL(bool, remote);
    return remote ? Test::GuiFixture::Connection::Agent : Test::GuiFixture::Connection::Local;
}

void TestConsole::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    MessageBox::setTestMode(true);
    // English plural forms ("1 WebJob", "2 WebJobs") come from the English catalogue.
    Test::GuiFixture::installCatalogue(u"en"_s);
}

void TestConsole::init()
{
    QSettings().clear();
    // A host of its own in a new temporary folder: no job, no run, nothing from another test.
    m_fixture = std::make_unique<Test::GuiFixture>(currentConnection());
    QVERIFY(m_fixture->start());
    m_window = std::make_unique<MainWindow>(m_fixture->service());
    // The window's list and its proxy stay under the tester through every live change.
    new QAbstractItemModelTester(
        m_window->jobModel(), QAbstractItemModelTester::FailureReportingMode::QtTest, m_window.get());
    new QAbstractItemModelTester(
        m_window->jobView()->model(), QAbstractItemModelTester::FailureReportingMode::QtTest, m_window.get());
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QTRY_VERIFY(m_window->jobModel()->isLoaded());
}

void TestConsole::cleanup()
{
    // Close what a test left open and check that nothing else is shown; then the window and its
    // host go, and no top-level window is left for the next test.
    if (m_window) {
        for (QWidget* widget : QApplication::topLevelWidgets()) {
            if (widget != m_window.get() && widget->isVisible())
                widget->close();
        }
        const QList<QDialog*> dialogs = m_window->findChildren<QDialog*>();
        for (QDialog* dialog : dialogs)
            dialog->close();
        QTRY_VERIFY2(Test::GuiFixture::visibleWindows(m_window.get()).isEmpty(),
            qPrintable(Test::GuiFixture::visibleWindows(m_window.get()).join(u", "_s)));
    }
    m_window.reset();
    m_fixture.reset();
    QTRY_VERIFY2(Test::GuiFixture::visibleWindows(nullptr).isEmpty(),
        qPrintable(Test::GuiFixture::visibleWindows(nullptr).join(u", "_s)));
}

bool TestConsole::addHelloJob(const JobSettings& settings)
{
    return m_fixture->addZip(JobType::Triggered, u"hello-zip"_s, {{u"run.sh"_s, HelloScript}}, settings);
}

QAction* TestConsole::action(const QString& name) const
{
    auto* found = m_window->findChild<QAction*>(name);
    if (!found)
        qWarning("no action %s", qPrintable(name));
    return found;
}

QRect TestConsole::rowRect(JobType type, const QString& name) const
{
    m_window->selectJob(type, name);
    return m_window->jobView()->visualRect(m_window->jobView()->currentIndex());
}

void TestConsole::select(JobType type, const QString& name)
{
    QTreeView* view = m_window->jobView();
    QTRY_VERIFY(m_window->jobModel()->indexOf(type, name).isValid());
    m_window->selectJob(type, name);
    const QRect rect = view->visualRect(view->currentIndex());
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, rect.center());
}

AddJobDialog* TestConsole::openAddDialog()
{
    action(u"addAction"_s)->trigger();
    AddJobDialog* dialog = nullptr;
    [&] { QTRY_VERIFY((dialog = Test::GuiFixture::find<AddJobDialog>(u"addJobDialog"_s)) != nullptr); }();
    return dialog;
}

void TestConsole::statusBarShowsTheConnection()
{
    auto* label = m_window->findChild<QLabel*>(u"connectionLabel"_s);
    QVERIFY(label);
    // The agent is named by its URL.
    QCOMPARE(label->text(), (isRemote() ? m_fixture->agent()->baseUrl() : u"Local host"_s) + u" — Ready"_s);
    QCOMPARE(m_window->findChild<QLabel*>(u"jobCountLabel"_s)->text(), u"0 WebJobs"_s);
    QCOMPARE(m_window->windowTitle(), u"WebJobs Console"_s);
    // One instance (the local host, a single agent): nothing about instances.
    QVERIFY(m_fixture->service()->instances().isEmpty());
    auto* instances = m_window->findChild<QToolButton*>(u"instancesButton"_s);
    QVERIFY(instances);
    QVERIFY(!instances->isVisible());
}

void TestConsole::addsJobFromZipThroughDialog()
{
    const QString zip = m_fixture->makeZip(u"hello.zip"_s, {{u"run.sh"_s, HelloScript}});
    QVERIFY(!zip.isEmpty());
    AddJobDialog* dialog = openAddDialog();
    QVERIFY(dialog);
    const QPointer<AddJobDialog> guard(dialog);
    auto* nameEdit = dialog->findChild<QLineEdit*>(u"nameEdit"_s);
    auto* createButton = dialog->findChild<QPushButton*>(u"createButton"_s);
    auto* modeCombo = dialog->findChild<QComboBox*>(u"modeCombo"_s);
    QVERIFY(nameEdit && createButton && modeCombo);
    QVERIFY(!createButton->isEnabled());

    QTest::keyClicks(nameEdit, u"hello-zip"_s);
    QCOMPARE(modeCombo->currentText(), u"Run on demand"_s);
    QVERIFY(!createButton->isEnabled()); // no file yet
    FileDialog::setNextFileName(zip);
    QTest::mouseClick(dialog->findChild<QPushButton*>(u"browseButton"_s), Qt::LeftButton);
    QCOMPARE(dialog->findChild<QLineEdit*>(u"fileEdit"_s)->text(), zip);
    QVERIFY(createButton->isEnabled());

    QSignalSpy created(dialog, &AddJobDialog::jobCreated);
    QTest::mouseClick(createButton, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(created.size(), 1, 30000);
    // The dialog closes and deletes itself.
    QTRY_VERIFY(guard.isNull());

    const QModelIndex row = m_window->jobModel()->indexOf(JobType::Triggered, u"hello-zip"_s);
    QVERIFY(row.isValid());
    QCOMPARE(row.siblingAtColumn(JobListModel::ModeColumn).data().toString(), u"On demand"_s);
    QCOMPARE(m_window->findChild<QLabel*>(u"jobCountLabel"_s)->text(), u"1 WebJob"_s);
    // The new job is selected.
    QTRY_COMPARE(m_window->jobView()->currentIndex().siblingAtColumn(0).data().toString(), u"hello-zip"_s);
}

void TestConsole::runsFromContextMenuAndShowsSuccessInHistory()
{
    QVERIFY(addHelloJob());
    QTRY_VERIFY(m_window->jobModel()->indexOf(JobType::Triggered, u"hello-zip"_s).isValid());
    QTreeView* view = m_window->jobView();
    const QRect rect = rowRect(JobType::Triggered, u"hello-zip"_s);
    QVERIFY(rect.isValid());
    // Right click on the row, as the seed says, then Run in the menu.
    Q_EMIT view->customContextMenuRequested(rect.center());
    auto* menu = m_window->findChild<QMenu*>(u"jobContextMenu"_s);
    QVERIFY(menu);
    QTRY_VERIFY(menu->isVisible());
    QAction* run = action(u"runAction"_s);
    QVERIFY(run->isEnabled());
    QSignalSpy finished(m_fixture->service(), &JobService::runFinished);
    QTest::mouseClick(menu, Qt::LeftButton, {}, menu->actionGeometry(run).center());
    QTRY_VERIFY(!menu->isVisible());
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 30000);

    const QModelIndex row = m_window->jobModel()->indexOf(JobType::Triggered, u"hello-zip"_s);
    QTRY_COMPARE(row.siblingAtColumn(JobListModel::StatusColumn).data().toString(), u"Success"_s);

    action(u"detailsAction"_s)->trigger();
    JobDetailsDialog* details = nullptr;
    QTRY_VERIFY((details = Test::GuiFixture::find<JobDetailsDialog>(u"jobDetailsDialog"_s)) != nullptr);
    RunHistoryModel* history = details->historyModel();
    QTRY_COMPARE(history->rowCount(), 1);
    QAbstractItemModelTester tester(history, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(history->index(0, RunHistoryModel::StatusColumn).data().toString(), u"Success"_s);
    QVERIFY(history->index(0, RunHistoryModel::TriggerColumn).data().toString().startsWith(u"External"_s));
    QCOMPARE(details->findChild<QLabel*>(u"commandLabel"_s)->text(), u"run.sh"_s);
    QVERIFY2(details->findChild<QLabel*>(u"historyHeadingLabel"_s)->text().endsWith(u"1 run in the history"_s),
        qPrintable(details->findChild<QLabel*>(u"historyHeadingLabel"_s)->text()));
    QTRY_COMPARE(details->findChild<QLabel*>(u"resultLabel"_s)->text(), u"Success"_s);
}

void TestConsole::opensRunDetailsAndReadsOutput()
{
    QVERIFY(addHelloJob());
    QVERIFY(m_fixture->runAndWait(u"hello-zip"_s));
    select(JobType::Triggered, u"hello-zip"_s);
    action(u"detailsAction"_s)->trigger();
    JobDetailsDialog* details = nullptr;
    QTRY_VERIFY((details = Test::GuiFixture::find<JobDetailsDialog>(u"jobDetailsDialog"_s)) != nullptr);
    auto* historyView = details->findChild<QTreeView*>(u"historyView"_s);
    QTRY_VERIFY(historyView->model()->rowCount() >= 1);
    const QModelIndex first = historyView->model()->index(0, 0);
    // One click on a run opens its details, as in the portal.
    QTRY_VERIFY(historyView->visualRect(first).isValid());
    QTest::mouseClick(historyView->viewport(), Qt::LeftButton, {}, historyView->visualRect(first).center());

    RunDetailsDialog* run = nullptr;
    QTRY_VERIFY((run = Test::GuiFixture::find<RunDetailsDialog>(u"runDetailsDialog"_s)) != nullptr);
    QTRY_COMPARE(run->findChild<QLabel*>(u"statusValueLabel"_s)->text(), u"Success"_s);
    QCOMPARE(run->findChild<QLabel*>(u"exitCodeValueLabel"_s)->text(), u"0"_s);
    QTRY_COMPARE(run->findChild<QLabel*>(u"commandValueLabel"_s)->text(), u"run.sh"_s);
    QVERIFY(!run->findChild<QLabel*>(u"durationValueLabel"_s)->text().isEmpty());
    // The output is shown from the start; the button hides it and shows it again.
    auto* logView = run->findChild<LogView*>(u"logView"_s);
    QVERIFY(logView);
    QTRY_VERIFY(logView->isVisible());
    QTest::mouseClick(run->findChild<QPushButton*>(u"outputButton"_s), Qt::LeftButton);
    QTRY_VERIFY(!logView->isVisible());
    QTest::mouseClick(run->findChild<QPushButton*>(u"outputButton"_s), Qt::LeftButton);
    QTRY_VERIFY(logView->isVisible());
    QTRY_VERIFY2(logView->visibleText().contains(u"hello from the zip"_s), qPrintable(logView->visibleText()));
}

void TestConsole::downloadsLogAndCopiesItsUrl()
{
    QVERIFY(addHelloJob());
    QVERIFY(m_fixture->runAndWait(u"hello-zip"_s));
    select(JobType::Triggered, u"hello-zip"_s);
    // The action opens the run the list shows as the latest.
    const QModelIndex row = m_window->jobModel()->indexOf(JobType::Triggered, u"hello-zip"_s);
    QTRY_COMPARE(row.siblingAtColumn(JobListModel::StatusColumn).data().toString(), u"Success"_s);
    action(u"openLogsAction"_s)->trigger();
    RunDetailsDialog* run = nullptr;
    QTRY_VERIFY((run = Test::GuiFixture::find<RunDetailsDialog>(u"runDetailsDialog"_s)) != nullptr);
    QTRY_VERIFY(run->logText().contains(u"hello from the zip"_s));

    const QString target = m_output.filePath(u"saved-log.txt"_s);
    FileDialog::setNextFileName(target);
    QTest::mouseClick(run->findChild<QPushButton*>(u"downloadButton"_s), Qt::LeftButton);
    QTRY_VERIFY(QFile::exists(target));
    QTRY_VERIFY(run->findChild<QPushButton*>(u"downloadButton"_s)->isEnabled());
    QFile saved(target);
    QVERIFY(saved.open(QIODevice::ReadOnly));
    QVERIFY(QString::fromUtf8(saved.readAll()).contains(u"hello from the zip"_s));
    auto* confirmation = run->findChild<QLabel*>(u"confirmationLabel"_s);
    QVERIFY2(confirmation->text().contains(u"saved-log.txt"_s), qPrintable(confirmation->text()));

    QTest::mouseClick(run->findChild<QPushButton*>(u"copyUrlButton"_s), Qt::LeftButton);
    const QUrl url(QApplication::clipboard()->text());
    if (isRemote()) {
        // The agent's log URL (Kudu's vfs), which answers with the log to its credentials.
        QVERIFY2(url.toString().startsWith(m_fixture->agent()->baseUrl() + u"/vfs/data/jobs/triggered/hello-zip/"_s)
                && url.path().endsWith(u"/output_log.txt"_s),
            qPrintable(url.toString()));
        const Test::HttpResponse log = m_fixture->agent()->get(url.path(QUrl::FullyEncoded));
        QCOMPARE(log.status, 200);
        QVERIFY2(log.text().contains(u"hello from the zip"_s), qPrintable(log.text()));
    } else {
        QVERIFY2(url.isLocalFile() && url.toLocalFile().endsWith(u"output_log.txt"_s), qPrintable(url.toString()));
        QVERIFY(QFile::exists(url.toLocalFile()));
    }
    QCOMPARE(confirmation->text(), u"The log's URL is on the clipboard."_s);
}

void TestConsole::startsAndStopsContinuousJob()
{
    QVERIFY(m_fixture->addScript(
        JobType::Continuous, u"keeper"_s, "#!/bin/sh\nwhile true; do echo alive; sleep 1; done\n"));
    select(JobType::Continuous, u"keeper"_s);
    const QModelIndex row = m_window->jobModel()->indexOf(JobType::Continuous, u"keeper"_s);
    QCOMPARE(row.siblingAtColumn(JobListModel::TypeColumn).data().toString(), u"Continuous"_s);
    QTRY_COMPARE_WITH_TIMEOUT(row.siblingAtColumn(JobListModel::StatusColumn).data().toString(), u"Running"_s, 30000);
    QTRY_VERIFY(action(u"stopAction"_s)->isEnabled());
    QVERIFY(!action(u"startAction"_s)->isEnabled());
    QVERIFY(!action(u"runAction"_s)->isEnabled());

    action(u"stopAction"_s)->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(row.siblingAtColumn(JobListModel::StatusColumn).data().toString(), u"Stopped"_s, 30000);
    QTRY_VERIFY(action(u"startAction"_s)->isEnabled());
    QVERIFY(!action(u"stopAction"_s)->isEnabled());
    // The row stayed selected while it changed.
    QCOMPARE(m_window->jobView()->currentIndex().siblingAtColumn(0).data().toString(), u"keeper"_s);

    // Keys work as well as the toolbar.
    m_window->activateWindow();
    QTRY_VERIFY(m_window->isActiveWindow());
    QTest::keyClick(m_window->jobView(), Qt::Key_T, Qt::ControlModifier);
    QTRY_COMPARE_WITH_TIMEOUT(row.siblingAtColumn(JobListModel::StatusColumn).data().toString(), u"Running"_s, 30000);
    QTRY_VERIFY(action(u"stopAction"_s)->isEnabled());
}

void TestConsole::enablesActionsOnlyWhereTheyApply()
{
    QVERIFY(addHelloJob());
    select(JobType::Triggered, u"hello-zip"_s);
    QTRY_VERIFY(action(u"runAction"_s)->isEnabled());
    QVERIFY(action(u"runWithArgumentsAction"_s)->isEnabled());
    QVERIFY(action(u"editScheduleAction"_s)->isEnabled());
    QVERIFY(!action(u"startAction"_s)->isEnabled());
    QVERIFY(!action(u"stopAction"_s)->isEnabled());
    QVERIFY(!action(u"abortAction"_s)->isEnabled());
    QVERIFY(action(u"deleteAction"_s)->isEnabled());

    m_window->jobView()->setCurrentIndex({});
    QVERIFY(!action(u"runAction"_s)->isEnabled());
    QVERIFY(!action(u"deleteAction"_s)->isEnabled());
    QVERIFY(action(u"addAction"_s)->isEnabled());
    QVERIFY(action(u"refreshAction"_s)->isEnabled());
}

void TestConsole::badNameShowsTheRule()
{
    if (isRemote())
        QSKIP("the dialog and the window's layout do not depend on the connection: local host only");
    AddJobDialog* dialog = openAddDialog();
    auto* nameEdit = dialog->findChild<QLineEdit*>(u"nameEdit"_s);
    auto* rule = dialog->findChild<QLabel*>(u"nameRuleLabel"_s);
    QVERIFY(rule->text().contains(u"starting with a letter or a digit"_s));
    FileDialog::setNextFileName(m_fixture->writeFile(u"run.sh"_s, "#!/bin/sh\necho hi\n"));
    QTest::mouseClick(dialog->findChild<QPushButton*>(u"browseButton"_s), Qt::LeftButton);

    QTest::keyClicks(nameEdit, u"bad name!"_s);
    QVERIFY2(rule->text().contains(u"\"bad name!\" is not a valid job name"_s), qPrintable(rule->text()));
    QVERIFY(!dialog->findChild<QPushButton*>(u"createButton"_s)->isEnabled());
    nameEdit->clear();
    QTest::keyClicks(nameEdit, u"good_name-1"_s);
    QVERIFY(!rule->text().contains(u"not a valid"_s));
    QVERIFY(dialog->findChild<QPushButton*>(u"createButton"_s)->isEnabled());
    dialog->reject();
}

void TestConsole::badZipShowsTheEngineError()
{
    AddJobDialog* dialog = openAddDialog();
    QTest::keyClicks(dialog->findChild<QLineEdit*>(u"nameEdit"_s), u"broken"_s);
    FileDialog::setNextFileName(m_fixture->writeFile(u"broken.zip"_s, "PK but not really a zip archive"));
    QTest::mouseClick(dialog->findChild<QPushButton*>(u"browseButton"_s), Qt::LeftButton);
    QTest::mouseClick(dialog->findChild<QPushButton*>(u"createButton"_s), Qt::LeftButton);
    auto* error = dialog->findChild<QLabel*>(u"errorLabel"_s);
    QTRY_VERIFY_WITH_TIMEOUT(!error->text().isEmpty(), 30000);
    QVERIFY2(error->text().contains(u"zip"_s, Qt::CaseInsensitive), qPrintable(error->text()));
    // The dialog stays open so that the user can choose another file; nothing was created.
    QVERIFY(dialog->isVisible());
    QVERIFY(dialog->findChild<QPushButton*>(u"createButton"_s)->isEnabled());
    QVERIFY(!m_window->jobModel()->indexOf(JobType::Triggered, u"broken"_s).isValid());
    dialog->reject();
}

void TestConsole::deleteAsksFirst()
{
    QVERIFY(m_fixture->addScript(JobType::Triggered, u"doomed"_s, "#!/bin/sh\necho bye\n"));
    select(JobType::Triggered, u"doomed"_s);
    const int shown = MessageBox::shownCount();
    MessageBox::setNextAnswer(QMessageBox::No);
    action(u"deleteAction"_s)->trigger();
    QCOMPARE(MessageBox::shownCount(), shown + 1);
    QVERIFY(MessageBox::lastText().contains(u"doomed"_s));
    QVERIFY(m_window->jobModel()->indexOf(JobType::Triggered, u"doomed"_s).isValid());

    MessageBox::setNextAnswer(QMessageBox::Yes);
    m_window->activateWindow();
    QTRY_VERIFY(m_window->isActiveWindow());
    QTest::keyClick(m_window->jobView(), Qt::Key_Delete);
    QTRY_VERIFY(!m_window->jobModel()->indexOf(JobType::Triggered, u"doomed"_s).isValid());
}

void TestConsole::settingsEditorRefusesBadSchedule()
{
    QVERIFY(addHelloJob());
    select(JobType::Triggered, u"hello-zip"_s);
    action(u"settingsAction"_s)->trigger();
    SettingsDialog* dialog = nullptr;
    QTRY_VERIFY((dialog = Test::GuiFixture::find<SettingsDialog>(u"settingsDialog"_s)) != nullptr);
    auto* editor = dialog->findChild<QPlainTextEdit*>(u"settingsEdit"_s);
    auto* save = dialog->findChild<QPushButton*>(u"saveButton"_s);
    auto* message = dialog->findChild<QLabel*>(u"messageLabel"_s);
    QTRY_VERIFY(editor->isEnabled());

    editor->setPlainText(u"{\"schedule\": "_s);
    QVERIFY(!save->isEnabled());
    QVERIFY(message->text().contains(u"JSON"_s));
    editor->setPlainText(u"{\"schedule\": \"61 * * * * *\"}"_s);
    QVERIFY(!save->isEnabled());
    QVERIFY(!message->text().isEmpty());
    editor->setPlainText(u"{\"schedule\": \"0 0 4 * * *\", \"is_singleton\": true}"_s);
    QVERIFY2(save->isEnabled(), qPrintable(message->text()));
    QSignalSpy saved(dialog, &SettingsDialog::saved);
    QTest::mouseClick(save, Qt::LeftButton);
    QTRY_COMPARE(saved.size(), 1);
    const QModelIndex row = m_window->jobModel()->indexOf(JobType::Triggered, u"hello-zip"_s);
    QTRY_VERIFY(row.siblingAtColumn(JobListModel::ModeColumn).data().toString().contains(u"0 0 4 * * *"_s));
    QTRY_VERIFY(!row.siblingAtColumn(JobListModel::NextRunColumn).data().toString().isEmpty());
}

void TestConsole::addsScheduledJobThroughWizard()
{
    AddJobDialog* dialog = openAddDialog();
    QTest::keyClicks(dialog->findChild<QLineEdit*>(u"nameEdit"_s), u"hourly"_s);
    FileDialog::setNextFileName(m_fixture->writeFile(u"hourly.sh"_s, "#!/bin/sh\necho tick\n"));
    QTest::mouseClick(dialog->findChild<QPushButton*>(u"browseButton"_s), Qt::LeftButton);
    auto* mode = dialog->findChild<QComboBox*>(u"modeCombo"_s);
    mode->setCurrentIndex(mode->findData(int(AddJobDialog::Mode::Scheduled)));
    auto* createButton = dialog->findChild<QPushButton*>(u"createButton"_s);
    QVERIFY(!createButton->isEnabled()); // no schedule yet
    QVERIFY(!dialog->findChild<QLabel*>(u"scheduleLabel"_s)->text().isEmpty());

    QTest::mouseClick(dialog->findChild<QPushButton*>(u"scheduleButton"_s), Qt::LeftButton);
    ScheduleWizard* wizard = nullptr;
    QTRY_VERIFY((wizard = Test::GuiFixture::find<ScheduleWizard>(u"scheduleWizard"_s)) != nullptr);
    wizard->findChild<QRadioButton*>(u"recurringRadio"_s)->click();
    wizard->next();
    wizard->findChild<QComboBox*>(u"timeZoneCombo"_s)->setCurrentText(u"Europe/Paris"_s);
    wizard->next();
    auto* frequency = wizard->findChild<QComboBox*>(u"frequencyCombo"_s);
    frequency->setCurrentIndex(frequency->findData(int(Recurrence::Frequency::Hour)));
    wizard->findChild<QSpinBox*>(u"intervalSpin"_s)->setValue(3);
    wizard->next();
    QCOMPARE(wizard->currentId(), int(ScheduleWizard::PreviewPage));
    QTest::mouseClick(wizard->button(QWizard::FinishButton), Qt::LeftButton);
    QTRY_VERIFY(Test::GuiFixture::find<ScheduleWizard>(u"scheduleWizard"_s) == nullptr);

    QCOMPARE(dialog->scheduleSettings().timeZone(), u"Europe/Paris"_s);
    QCOMPARE(
        dialog->scheduleSettings().recurrence()->value(u"recurrence"_s).toObject().value(u"frequency"_s), u"hour"_s);
    QVERIFY(createButton->isEnabled());
    QTest::mouseClick(createButton, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->jobModel()->indexOf(JobType::Triggered, u"hourly"_s).isValid(), 30000);
    const QModelIndex row = m_window->jobModel()->indexOf(JobType::Triggered, u"hourly"_s);
    QTRY_VERIFY(!row.siblingAtColumn(JobListModel::NextRunColumn).data().toString().isEmpty());
    const QString described = row.siblingAtColumn(JobListModel::ModeColumn).data().toString();
    QVERIFY2(described.contains(u"3 hours"_s) && described.contains(u"Europe/Paris"_s), qPrintable(described));
}

void TestConsole::editScheduleSavesWizardResult()
{
    JobSettings scheduled;
    scheduled.setSchedule(u"0 0 4 * * *"_s);
    scheduled.setSingleton(true);
    QVERIFY(addHelloJob(scheduled));
    select(JobType::Triggered, u"hello-zip"_s);
    action(u"editScheduleAction"_s)->trigger();
    ScheduleWizard* wizard = nullptr;
    QTRY_VERIFY((wizard = Test::GuiFixture::find<ScheduleWizard>(u"scheduleWizard"_s)) != nullptr);
    // The job has a CRON schedule: the wizard opens on it.
    QVERIFY(wizard->findChild<QRadioButton*>(u"cronRadio"_s)->isChecked());
    wizard->next();
    QCOMPARE(wizard->currentId(), int(ScheduleWizard::CronPage));
    QCOMPARE(wizard->findChild<QLineEdit*>(u"cronEdit"_s)->text(), u"0 0 4 * * *"_s);
    wizard->findChild<QLineEdit*>(u"cronEdit"_s)->setText(u"0 15 6 * * 1-5"_s);
    wizard->next();
    QTest::mouseClick(wizard->button(QWizard::FinishButton), Qt::LeftButton);
    const QModelIndex row = m_window->jobModel()->indexOf(JobType::Triggered, u"hello-zip"_s);
    QTRY_VERIFY2(row.siblingAtColumn(JobListModel::ModeColumn).data().toString().contains(u"0 15 6 * * 1-5"_s),
        qPrintable(row.siblingAtColumn(JobListModel::ModeColumn).data().toString()));
    // The other settings were kept.
    QFuture<JobSettings> settings = m_fixture->service()->settings(JobType::Triggered, u"hello-zip"_s);
    QTRY_VERIFY(settings.isFinished());
    QVERIFY(settings.result().isSingleton());
}

void TestConsole::failedRunNotifiesAndOpensItsDetails()
{
    QVERIFY(m_fixture->addScript(JobType::Triggered, u"failing"_s, "#!/bin/sh\necho about to fail\nexit 3\n"));
    select(JobType::Triggered, u"failing"_s);
    QSignalSpy failed(m_fixture->service(), &JobService::runFailed);
    action(u"runAction"_s)->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 30000);
    const auto run = failed.at(0).at(0).value<JobRun>();
    QTRY_VERIFY(m_window->statusBar()->currentMessage().contains(u"failing"_s));
    QVERIFY(m_window->statusBar()->currentMessage().contains(u"Failed"_s));

    m_window->openNotifiedRun();
    RunDetailsDialog* details = nullptr;
    QTRY_VERIFY((details = Test::GuiFixture::find<RunDetailsDialog>(u"runDetailsDialog"_s)) != nullptr);
    QCOMPARE(details->runId(), run.id());
    QTRY_COMPARE(details->findChild<QLabel*>(u"statusValueLabel"_s)->text(), u"Failed"_s);
    QCOMPARE(details->findChild<QLabel*>(u"exitCodeValueLabel"_s)->text(), u"3"_s);
    const QModelIndex row = m_window->jobModel()->indexOf(JobType::Triggered, u"failing"_s);
    QTRY_COMPARE(row.siblingAtColumn(JobListModel::StatusColumn).data().toString(), u"Failed"_s);
}

void TestConsole::runsWithArguments()
{
    QVERIFY(addHelloJob());
    select(JobType::Triggered, u"hello-zip"_s);
    action(u"runWithArgumentsAction"_s)->trigger();
    QInputDialog* prompt = nullptr;
    QTRY_VERIFY((prompt = Test::GuiFixture::find<QInputDialog>(u"argumentsDialog"_s)) != nullptr);
    prompt->setTextValue(u"--day monday"_s);
    QSignalSpy finished(m_fixture->service(), &JobService::runFinished);
    prompt->accept();
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 30000);
    const auto run = finished.at(0).at(0).value<JobRun>();
    QCOMPARE(run.arguments(), u"--day monday"_s);
    QFuture<QByteArray> log = m_fixture->service()->readLog(JobType::Triggered, u"hello-zip"_s, run.id(), 0, 65536);
    QTRY_VERIFY(log.isFinished());
    QVERIFY2(log.result().contains("hello from the zip --day"), log.result().constData());
}

void TestConsole::abortsRunningRun()
{
    QVERIFY(m_fixture->addScript(JobType::Triggered, u"sleeper"_s, "#!/bin/sh\necho sleeping\nsleep 60\n"));
    select(JobType::Triggered, u"sleeper"_s);
    QSignalSpy started(m_fixture->service(), &JobService::runStarted);
    action(u"runAction"_s)->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(started.size(), 1, 30000);
    const QModelIndex row = m_window->jobModel()->indexOf(JobType::Triggered, u"sleeper"_s);
    QTRY_COMPARE(row.siblingAtColumn(JobListModel::StatusColumn).data().toString(), u"Running"_s);
    QTRY_VERIFY(action(u"abortAction"_s)->isEnabled());
    QVERIFY(!action(u"runAction"_s)->isEnabled());
    action(u"abortAction"_s)->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(row.siblingAtColumn(JobListModel::StatusColumn).data().toString(), u"Aborted"_s, 30000);
    QTRY_VERIFY(action(u"runAction"_s)->isEnabled());
    QVERIFY(!action(u"abortAction"_s)->isEnabled());
}

void TestConsole::preferencesStoreTheLanguage()
{
    if (isRemote())
        QSKIP("the dialog and the window's layout do not depend on the connection: local host only");
    action(u"preferencesAction"_s)->trigger();
    PreferencesDialog* dialog = nullptr;
    QTRY_VERIFY((dialog = Test::GuiFixture::find<PreferencesDialog>(u"preferencesDialog"_s)) != nullptr);
    auto* language = dialog->findChild<QComboBox*>(u"languageCombo"_s);
    QCOMPARE(language->currentData().toString(), QString()); // the system's
    language->setCurrentIndex(language->findData(u"fr"_s));
    dialog->accept();
    QCOMPARE(QSettings().value(u"preferences/language"_s).toString(), u"fr"_s);
}

void TestConsole::remembersGeometryAndColumns()
{
    if (isRemote())
        QSKIP("the dialog and the window's layout do not depend on the connection: local host only");
    QHeaderView* header = m_window->jobView()->header();
    header->resizeSection(JobListModel::NameColumn, 234);
    header->moveSection(header->visualIndex(JobListModel::StatusColumn), 1);
    m_window->close();
    QVERIFY(QSettings().contains(u"mainWindow/columns"_s));

    MainWindow second(m_fixture->service());
    QHeaderView* restored = second.jobView()->header();
    QCOMPARE(restored->sectionSize(JobListModel::NameColumn), 234);
    QCOMPARE(restored->visualIndex(JobListModel::StatusColumn), 1);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestConsole::refreshKeepsSelection()
{
    QVERIFY(m_fixture->addScript(
        JobType::Continuous, u"keeper"_s, "#!/bin/sh\nwhile true; do echo alive; sleep 1; done\n"));
    select(JobType::Continuous, u"keeper"_s);
    QSignalSpy loaded(m_window->jobModel(), &JobListModel::loaded);
    QSignalSpy reset(m_window->jobModel(), &QAbstractItemModel::modelReset);
    action(u"refreshAction"_s)->trigger();
    QTRY_COMPARE(loaded.size(), 1);
    QCOMPARE(reset.size(), 1);
    QCOMPARE(m_window->jobView()->currentIndex().siblingAtColumn(0).data().toString(), u"keeper"_s);
    QVERIFY(action(u"stopAction"_s)->isEnabled() || action(u"startAction"_s)->isEnabled());
}

void TestConsole::crashLoopNotifiesAndOpensTheJobLog()
{
    // A host of its own whose continuous jobs enter their crash loop after two quick exits.
    HostOptions options;
    options.minimumUptime = std::chrono::minutes(1);
    options.restartDelay = std::chrono::milliseconds(50);
    options.crashLoopThreshold = 2;
    // On the agent the same tunables go through its WEBJOBS_* variables (whole seconds: no
    // delay before a restart).
    Test::GuiFixture fixture(currentConnection());
    QVERIFY(fixture.start(options));
    MainWindow window(fixture.service());
    window.show();
    QSignalSpy crashLoop(fixture.service(), &JobService::crashLoopEntered);
    QVERIFY(fixture.addScript(JobType::Continuous, u"crasher"_s, "#!/bin/sh\necho cannot connect >&2\nexit 1\n"));
    QTRY_COMPARE_WITH_TIMEOUT(crashLoop.size(), 1, 30000);
    QTRY_VERIFY(window.statusBar()->currentMessage().contains(u"crasher"_s));
    const QModelIndex row = window.jobModel()->indexOf(JobType::Continuous, u"crasher"_s);
    QTRY_COMPARE(row.siblingAtColumn(JobListModel::StatusColumn).data().toString(), u"Crash loop"_s);

    window.openNotifiedRun();
    RunDetailsDialog* log = window.findChild<RunDetailsDialog*>(u"runDetailsDialog"_s);
    QVERIFY(log);
    QVERIFY(log->runId().isEmpty());
    QTRY_VERIFY2(log->logText().contains(u"cannot connect"_s), qPrintable(log->logText()));
    // The job kept being restarted meanwhile; the loop was notified once, not at each return.
    QCOMPARE(crashLoop.size(), 1);
    window.close();
}

QTEST_MAIN(TestConsole)
#include "TestConsole.moc"
