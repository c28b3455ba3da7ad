#include "GuiFixture.h"

#include "ui/AddJobDialog.h"
#include "ui/FailureNotifications.h"
#include "ui/FileDialog.h"
#include "ui/JobDetailsDialog.h"
#include "ui/JobListModel.h"
#include "ui/JobText.h"
#include "ui/MainWindow.h"
#include "ui/MessageBox.h"
#include "ui/RunDetailsDialog.h"

#include <QAction>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTest>
#include <QTreeView>

#include <memory>

using namespace Qt::StringLiterals;
using namespace WebJobs;

// The console as an operator first meets it: the empty list, failures that stay until seen,
// Enter on a row, the add dialog after a refused upload, the Help menu. Each test starts its
// own host in a fresh folder and its own window, so that each passes alone.
class TestOperatorConsole : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void emptyListSaysWhatToDo();
    void failedRunStaysInTheNotificationAreaAndOpens();
    void notificationsQueueAndDismiss();
    void firstErrorLineIsReadFromTheLog_data();
    void firstErrorLineIsReadFromTheLog();
    void exitCodesExplainSignals_data();
    void exitCodesExplainSignals();
    void enterOnARowOpensItsDetails();
    void refusedUploadKeepsInputAndFocusesTheField();
    void errorClearsWhenItsCauseChanges();
    void helpMenuShowsAbout();
    void yearsHaveFourDigitsAndOneClock();

private:
    AddJobDialog* openAddDialog();

    std::unique_ptr<Test::GuiFixture> m_fixture;
    std::unique_ptr<MainWindow> m_window;
};

void TestOperatorConsole::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    MessageBox::setTestMode(true);
    Test::GuiFixture::installCatalogue(u"en"_s);
}

void TestOperatorConsole::init()
{
    QSettings().clear();
    m_fixture = std::make_unique<Test::GuiFixture>();
    QVERIFY(m_fixture->start());
    m_window = std::make_unique<MainWindow>(m_fixture->service());
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QTRY_VERIFY(m_window->jobModel()->isLoaded());
}

void TestOperatorConsole::cleanup()
{
    for (QDialog* dialog : m_window->findChildren<QDialog*>())
        dialog->close();
    QTRY_VERIFY2(Test::GuiFixture::visibleWindows(m_window.get()).isEmpty(),
        qPrintable(Test::GuiFixture::visibleWindows(m_window.get()).join(u", "_s)));
    m_window.reset();
    m_fixture.reset();
}

AddJobDialog* TestOperatorConsole::openAddDialog()
{
    m_window->findChild<QAction*>(u"addAction"_s)->trigger();
    AddJobDialog* dialog = nullptr;
    [&] { QTRY_VERIFY((dialog = Test::GuiFixture::find<AddJobDialog>(u"addJobDialog"_s)) != nullptr); }();
    return dialog;
}

void TestOperatorConsole::emptyListSaysWhatToDo()
{
    auto* stack = m_window->findChild<QStackedWidget*>(u"jobListStack"_s);
    auto* empty = m_window->findChild<QWidget*>(u"emptyStateWidget"_s);
    QVERIFY(stack && empty);
    QCOMPARE(stack->currentWidget(), empty);
    QVERIFY(
        m_window->findChild<QLabel*>(u"emptyStateLabel"_s)->text().contains(u"Add a WebJob from a .zip or a script"_s));

    // The Add action is right there.
    QTest::mouseClick(m_window->findChild<QPushButton*>(u"emptyStateAddButton"_s), Qt::LeftButton);
    AddJobDialog* dialog = nullptr;
    QTRY_VERIFY((dialog = Test::GuiFixture::find<AddJobDialog>(u"addJobDialog"_s)) != nullptr);
    dialog->close();

    // A job replaces the empty state by the list; deleting it brings the empty state back.
    QVERIFY(m_fixture->addScript(JobType::Triggered, u"first"_s, "#!/bin/sh\necho hi\n"));
    QTRY_COMPARE(stack->currentWidget(), static_cast<QWidget*>(m_window->jobView()));
    QSignalSpy removed(m_fixture->service(), &JobService::jobRemoved);
    auto reply = m_fixture->service()->deleteJob(JobType::Triggered, u"first"_s);
    QTRY_VERIFY(reply.isFinished());
    QVERIFY(reply.result().ok());
    QTRY_COMPARE(stack->currentWidget(), empty);
}

void TestOperatorConsole::failedRunStaysInTheNotificationAreaAndOpens()
{
    QVERIFY(m_fixture->addScript(
        JobType::Triggered, u"failing"_s, "#!/bin/sh\necho about to fail\necho 'disk full: /var/tmp' >&2\nexit 3\n"));
    FailureNotifications* area = m_window->failureNotifications();
    QVERIFY(area);
    QVERIFY(!area->isVisible());

    QSignalSpy failed(m_fixture->service(), &JobService::runFailed);
    auto trigger = m_fixture->service()->triggerRun(u"failing"_s);
    QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 30000);
    const auto run = failed.at(0).at(0).value<JobRun>();

    // It stays: no timer takes it away, and it names the job, the exit code and the first error.
    QTRY_VERIFY(area->isVisible());
    auto* message = area->findChild<QLabel*>(u"failureMessageLabel"_s);
    QVERIFY(message->text().contains(u"failing"_s));
    QVERIFY2(message->text().contains(u"exit code 3"_s), qPrintable(message->text()));
    QTRY_VERIFY2(message->text().contains(u"First error: disk full: /var/tmp"_s), qPrintable(message->text()));

    QTest::mouseClick(area->findChild<QPushButton*>(u"openFailureButton"_s), Qt::LeftButton);
    RunDetailsDialog* details = nullptr;
    QTRY_VERIFY((details = Test::GuiFixture::find<RunDetailsDialog>(u"runDetailsDialog"_s)) != nullptr);
    QCOMPARE(details->runId(), run.id());
    // Seen: the area goes.
    QVERIFY(!area->isVisible());
    QVERIFY(area->pending().isEmpty());
}

void TestOperatorConsole::notificationsQueueAndDismiss()
{
    FailureNotifications* area = m_window->failureNotifications();
    area->addCrashLoop(u"worker-a"_s);
    area->addCrashLoop(u"worker-b"_s);
    QVERIFY(area->isVisible());
    QCOMPARE(area->pending().size(), 2);
    // The newest first, with the count of the others.
    QVERIFY(area->findChild<QLabel*>(u"failureMessageLabel"_s)->text().startsWith(u"worker-b"_s));
    QCOMPARE(area->findChild<QLabel*>(u"failureMoreLabel"_s)->text(), u"1 more"_s);
    QCOMPARE(area->findChild<QPushButton*>(u"openFailureButton"_s)->text(), u"Open log"_s);
    // The same job again replaces its notice instead of piling up.
    area->addCrashLoop(u"worker-a"_s);
    QCOMPARE(area->pending().size(), 2);
    QVERIFY(area->findChild<QLabel*>(u"failureMessageLabel"_s)->text().startsWith(u"worker-a"_s));

    QTest::mouseClick(area->findChild<QPushButton*>(u"dismissFailureButton"_s), Qt::LeftButton);
    QCOMPARE(area->pending().size(), 1);
    QVERIFY(area->isVisible());
    QVERIFY(!area->findChild<QLabel*>(u"failureMoreLabel"_s)->isVisible());
    QTest::mouseClick(area->findChild<QPushButton*>(u"dismissFailureButton"_s), Qt::LeftButton);
    QVERIFY(!area->isVisible());

    area->addCrashLoop(u"worker-a"_s);
    area->addCrashLoop(u"worker-b"_s);
    QTest::mouseClick(area->findChild<QPushButton*>(u"dismissAllFailuresButton"_s), Qt::LeftButton);
    QVERIFY(area->pending().isEmpty());
    QVERIFY(!area->isVisible());
}

void TestOperatorConsole::firstErrorLineIsReadFromTheLog_data()
{
    QTest::addColumn<QByteArray>("log");
    QTest::addColumn<QString>("expected");
    QTest::newRow("none") << QByteArray("[09/04/2024 13:33:19 > a1b2c3: INFO] hello\r\n") << QString();
    QTest::newRow("first of two") << QByteArray("[09/04/2024 13:33:19 > a1b2c3: INFO] hello\r\n"
                                                "[09/04/2024 13:33:19 > a1b2c3: ERR ] first problem\r\n"
                                                "[09/04/2024 13:33:20 > a1b2c3: ERR ] second\r\n")
                                  << u"first problem"_s;
    QTest::newRow("engine error lines are not the job's")
        << QByteArray("[09/04/2024 13:33:19 > a1b2c3: SYS ERR ] Job failed due to exit code 3\r\n") << QString();
    QTest::newRow("no final newline") << QByteArray("[09/04/2024 13:33:19 > a1b2c3: ERR ] cut") << u"cut"_s;
    QTest::newRow("accents") << QByteArray("[09/04/2024 13:33:19 > a1b2c3: ERR ] échec\r\n") << u"échec"_s;
}

void TestOperatorConsole::firstErrorLineIsReadFromTheLog()
{
    QFETCH(QByteArray, log);
    QFETCH(QString, expected);
    QCOMPARE(FailureNotifications::firstErrorLine(log), expected);
}

void TestOperatorConsole::exitCodesExplainSignals_data()
{
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("expected");
    QTest::newRow("success") << 0 << u"0"_s;
    QTest::newRow("failure") << 3 << u"3"_s;
    QTest::newRow("SIGTERM") << 143 << u"143 (stopped by SIGTERM)"_s;
    QTest::newRow("SIGKILL") << 137 << u"137 (stopped by SIGKILL)"_s;
    QTest::newRow("SIGINT") << 130 << u"130 (stopped by SIGINT)"_s;
    QTest::newRow("SIGSEGV") << 139 << u"139 (stopped by SIGSEGV)"_s;
    QTest::newRow("128 is not a signal") << 128 << u"128"_s;
    QTest::newRow("255") << 255 << u"255"_s;
}

void TestOperatorConsole::exitCodesExplainSignals()
{
    QFETCH(int, code);
    QFETCH(QString, expected);
    QCOMPARE(JobText::exitCode(code), expected);
    QCOMPARE(JobText::exitCode(std::nullopt), QString());
}

void TestOperatorConsole::enterOnARowOpensItsDetails()
{
    QVERIFY(m_fixture->addScript(JobType::Triggered, u"reporter"_s, "#!/bin/sh\necho hi\n"));
    QTRY_VERIFY(m_window->jobModel()->indexOf(JobType::Triggered, u"reporter"_s).isValid());
    m_window->selectJob(JobType::Triggered, u"reporter"_s);
    m_window->jobView()->setFocus();
    QTest::keyClick(m_window->jobView(), Qt::Key_Return);
    JobDetailsDialog* details = nullptr;
    QTRY_VERIFY((details = Test::GuiFixture::find<JobDetailsDialog>(u"jobDetailsDialog"_s)) != nullptr);
    details->close();
}

void TestOperatorConsole::refusedUploadKeepsInputAndFocusesTheField()
{
    const QString notAZip = m_fixture->writeFile(u"broken.zip"_s, "this is not a zip");
    AddJobDialog* dialog = openAddDialog();
    QVERIFY(dialog);
    auto* nameEdit = dialog->findChild<QLineEdit*>(u"nameEdit"_s);
    auto* fileEdit = dialog->findChild<QLineEdit*>(u"fileEdit"_s);
    auto* errorLabel = dialog->findChild<QLabel*>(u"errorLabel"_s);
    auto* createButton = dialog->findChild<QPushButton*>(u"createButton"_s);
    QTest::keyClicks(nameEdit, u"nightly"_s);
    fileEdit->setText(notAZip);
    QVERIFY(createButton->isDefault());

    QTest::mouseClick(createButton, Qt::LeftButton);
    QTRY_VERIFY(!errorLabel->text().isEmpty());
    // Nothing typed is lost, the focus is on the field to fix, and Enter does not cancel.
    QCOMPARE(nameEdit->text(), u"nightly"_s);
    QCOMPARE(fileEdit->text(), notAZip);
    QTRY_COMPARE(QApplication::focusWidget(), static_cast<QWidget*>(fileEdit));
    QVERIFY(createButton->isDefault());
    QVERIFY(!dialog->findChild<QPushButton*>(u"cancelButton"_s)->isDefault());
    QVERIFY(dialog->isVisible());
}

void TestOperatorConsole::errorClearsWhenItsCauseChanges()
{
    const QString notAZip = m_fixture->writeFile(u"broken.zip"_s, "this is not a zip");
    const QString script = m_fixture->writeFile(u"fine.sh"_s, "#!/bin/sh\necho fine\n");
    AddJobDialog* dialog = openAddDialog();
    auto* nameEdit = dialog->findChild<QLineEdit*>(u"nameEdit"_s);
    auto* fileEdit = dialog->findChild<QLineEdit*>(u"fileEdit"_s);
    auto* errorLabel = dialog->findChild<QLabel*>(u"errorLabel"_s);
    auto* nameRuleLabel = dialog->findChild<QLabel*>(u"nameRuleLabel"_s);
    QTest::keyClicks(nameEdit, u"nightly"_s);
    fileEdit->setText(notAZip);
    QTest::mouseClick(dialog->findChild<QPushButton*>(u"createButton"_s), Qt::LeftButton);
    QTRY_VERIFY(!errorLabel->text().isEmpty());

    // Choosing another file takes the old error away.
    FileDialog::setNextFileName(script);
    QTest::mouseClick(dialog->findChild<QPushButton*>(u"browseButton"_s), Qt::LeftButton);
    QCOMPARE(fileEdit->text(), script);
    QVERIFY(errorLabel->text().isEmpty());

    // Name errors and upload errors look the same.
    nameEdit->setText(u"bad name!"_s);
    QVERIFY(!nameRuleLabel->styleSheet().isEmpty());
    QCOMPARE(nameRuleLabel->styleSheet(), errorLabel->styleSheet());
    dialog->close();
}

void TestOperatorConsole::helpMenuShowsAbout()
{
    QMenu* help = m_window->findChild<QMenu*>(u"helpMenu"_s);
    QVERIFY(help);
    QVERIFY(help->actions().contains(m_window->findChild<QAction*>(u"aboutAction"_s)));
    QVERIFY(help->actions().contains(m_window->findChild<QAction*>(u"documentationAction"_s)));
    const int shown = MessageBox::shownCount();
    m_window->findChild<QAction*>(u"aboutAction"_s)->trigger();
    QCOMPARE(MessageBox::shownCount(), shown + 1);
    const QString text = MessageBox::lastText();
    QVERIFY(text.contains(QStringLiteral(WEBJOBS_VERSION)));
    QVERIFY(text.contains(u"MIT"_s));
    QVERIFY(text.contains(u"Local host"_s));
}

void TestOperatorConsole::yearsHaveFourDigitsAndOneClock()
{
    const QLocale previous;
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    const Instant instant = Instant::fromDateTime(QDateTime(QDate(2026, 3, 14), QTime(21, 30, 5), Qt::UTC));
    const QString shown = JobText::dateTime(instant);
    const QString precise = JobText::preciseDateTime(instant);
    QLocale::setDefault(previous);
    // TZ=UTC in the tests: local time is UTC.
    // TZ=UTC in the tests: local time is UTC. The time in the locale's own clock (12 hours).
    const QLocale english(QLocale::English, QLocale::UnitedStates);
    QCOMPARE(shown, u"3/14/2026 "_s + english.toString(QTime(21, 30), QLocale::ShortFormat));
    QVERIFY(shown.contains(u"PM"_s));
    QVERIFY2(precise.startsWith(u"3/14/2026 9:30:05"_s), qPrintable(precise));
}

QTEST_MAIN(TestOperatorConsole)
#include "TestOperatorConsole.moc"
