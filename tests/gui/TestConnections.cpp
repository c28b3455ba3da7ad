#include "core/service/RemoteJobService.h"
#include "tests/gui/GuiFixture.h"
#include "tests/support/AgentProcess.h"
#include "ui/AddJobDialog.h"
#include "ui/CertificateDialog.h"
#include "ui/ConnectionStore.h"
#include "ui/ConnectionsDialog.h"
#include "ui/ConsoleSession.h"
#include "ui/JobDetailsDialog.h"
#include "ui/JobListModel.h"
#include "ui/MainWindow.h"
#include "ui/MessageBox.h"
#include "ui/PasswordPrompt.h"

#include <QAction>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPointer>
#include <QProcess>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace WebJobs;

// Saved connections as a person uses them: the connection manager's real widgets found by
// objectName, a real webjobs-agent on loopback with a password, and no keychain service (as on
// the build machines: no D-Bus secret service), so that the password is asked for each time.
class TestConnections : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void addsEditsAndRemovesAConnection();
    void kuduSiteNameBecomesItsScmUrl();
    void plainHttpToAnotherHostWarns();
    void testWithRightPasswordSaysReady();
    void testWithWrongPasswordSaysWhy();
    void testCanBeCancelled();
    void withoutKeychainThePasswordIsAskedFor();
    void mainWindowShowsTheAgentsJobs();
    void sessionSwitchesToTheAgentAndBack();
    void switchingClosesTheOldViewsAndAsksBeforeLosingInput();
    void connectTargetTakesAUrlOrRefusesAnUnknownName();
    void agentWithoutUserOpensWithoutPassword();
    void untrustedCertificateCanBeAcceptedAlways();
    void realKeychainStoresOrSaysWhyNot();

private:
    template <typename T>
    T* child(const QString& name) const
    {
        T* widget = m_dialog->findChild<T*>(name);
        if (!widget)
            qWarning("no %s", qPrintable(name));
        return widget;
    }
    void fill(const QString& name, int kind, const QString& url, const QString& user, const QString& password);
    bool startAgent();
    // An agent holding the job "on-agent", saved as the connection "lab agent" (password not
    // in a keychain), and a local host in `fixture` holding "on-local": two sites to switch between.
    bool startTwoSites(Test::GuiFixture& fixture);

    std::unique_ptr<ConnectionStore> m_store;
    std::unique_ptr<ConnectionsDialog> m_dialog;
    std::unique_ptr<Test::AgentProcess> m_agent;
};

void TestConnections::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    MessageBox::setTestMode(true);
}

void TestConnections::cleanup()
{
    ConnectionStore::setKeychainDisabledForTesting(false);
}

void TestConnections::init()
{
    QSettings().clear();
    m_dialog.reset();
    m_store = std::make_unique<ConnectionStore>();
    m_dialog = std::make_unique<ConnectionsDialog>(m_store.get());
    m_dialog->show();
}

void TestConnections::fill(
    const QString& name, int kind, const QString& url, const QString& user, const QString& password)
{
    child<QLineEdit>(u"nameEdit"_s)->setText(name);
    child<QComboBox>(u"kindCombo"_s)->setCurrentIndex(kind);
    child<QLineEdit>(u"urlEdit"_s)->setText(url);
    child<QLineEdit>(u"userEdit"_s)->setText(user);
    child<QLineEdit>(u"passwordEdit"_s)->setText(password);
}

bool TestConnections::startAgent()
{
    m_agent = std::make_unique<Test::AgentProcess>();
    if (!m_agent->start()) {
        qWarning("%s", qPrintable(m_agent->failure()));
        return false;
    }
    return true;
}

bool TestConnections::startTwoSites(Test::GuiFixture& fixture)
{
    if (!startAgent()
        || m_agent->upload(u"/api/triggeredwebjobs/on-agent"_s, Test::script("echo hi"), u"run.sh"_s).status >= 300)
        return false;
    if (!fixture.start() || !fixture.addScript(JobType::Triggered, u"on-local"_s, Test::script("echo local")))
        return false;
    SavedConnection connection;
    connection.name = u"lab agent"_s;
    connection.url = QUrl(m_agent->baseUrl());
    connection.user = QString::fromLatin1(Test::AgentProcess::User);
    m_store->save(connection);
    ConnectionStore::setKeychainDisabledForTesting(true);
    return true;
}

void TestConnections::addsEditsAndRemovesAConnection()
{
    fill(u"staging"_s, 1, u"https://staging.example.com:8181"_s, u"ops"_s, {});
    QTest::mouseClick(child<QPushButton>(u"saveButton"_s), Qt::LeftButton);
    QCOMPARE(child<QListWidget>(u"connectionList"_s)->count(), 1);
    QCOMPARE(QSettings().value(u"connections/staging/url"_s).toString(), u"https://staging.example.com:8181"_s);
    QCOMPARE(QSettings().value(u"connections/staging/user"_s).toString(), u"ops"_s);
    QCOMPARE(QSettings().value(u"connections/staging/kind"_s).toString(), u"agent"_s);

    // Editing: select it, change the user, save again: still one connection.
    child<QListWidget>(u"connectionList"_s)->setCurrentRow(0);
    QCOMPARE(child<QLineEdit>(u"urlEdit"_s)->text(), u"https://staging.example.com:8181"_s);
    child<QLineEdit>(u"userEdit"_s)->setText(u"deploy"_s);
    QTest::mouseClick(child<QPushButton>(u"saveButton"_s), Qt::LeftButton);
    QCOMPARE(child<QListWidget>(u"connectionList"_s)->count(), 1);
    QCOMPARE(m_store->connection(u"staging"_s)->user, u"deploy"_s);

    // An incomplete form says what to enter.
    QTest::mouseClick(child<QPushButton>(u"newButton"_s), Qt::LeftButton);
    fill(u"broken"_s, 1, {}, {}, {});
    QTest::mouseClick(child<QPushButton>(u"saveButton"_s), Qt::LeftButton);
    QVERIFY2(m_dialog->testResult().contains(u"Enter the agent's URL"_s), qPrintable(m_dialog->testResult()));
    QCOMPARE(m_store->names(), QStringList {u"staging"_s});

    child<QListWidget>(u"connectionList"_s)->setCurrentRow(0);
    MessageBox::setNextAnswer(QMessageBox::Yes);
    QTest::mouseClick(child<QPushButton>(u"removeButton"_s), Qt::LeftButton);
    QCOMPARE(child<QListWidget>(u"connectionList"_s)->count(), 0);
    QVERIFY(!QSettings().contains(u"connections/staging/url"_s));
}

void TestConnections::kuduSiteNameBecomesItsScmUrl()
{
    fill(u"prod"_s, 2, u"MySite"_s, u"$mysite"_s, {});
    QCOMPARE(m_dialog->enteredConnection().url, QUrl(u"https://mysite.scm.azurewebsites.net"_s));
    QTest::mouseClick(child<QPushButton>(u"saveButton"_s), Qt::LeftButton);
    QCOMPARE(QSettings().value(u"connections/prod/kind"_s).toString(), u"kudu"_s);
    QCOMPARE(QSettings().value(u"connections/prod/url"_s).toString(), u"https://mysite.scm.azurewebsites.net"_s);
    child<QLineEdit>(u"urlEdit"_s)->setText(u"https://other.example.com"_s);
    QCOMPARE(m_dialog->enteredConnection().url, QUrl(u"https://other.example.com"_s));
}

void TestConnections::plainHttpToAnotherHostWarns()
{
    auto* warning = child<QLabel>(u"insecureLabel"_s);
    fill(u"lan"_s, 1, u"http://192.0.2.10:8181"_s, u"admin"_s, {});
    QVERIFY(warning->isVisible());
    QVERIFY2(warning->text().contains(u"not encrypted"_s), qPrintable(warning->text()));
    child<QLineEdit>(u"urlEdit"_s)->setText(u"http://127.0.0.1:8181"_s);
    QVERIFY(!warning->isVisible());
}

void TestConnections::testWithRightPasswordSaysReady()
{
    QVERIFY(startAgent());
    fill(u"agent"_s, 1, m_agent->baseUrl(), QString::fromLatin1(Test::AgentProcess::User),
        QString::fromUtf8(Test::AgentProcess::Password));
    QSignalSpy finished(m_dialog.get(), &ConnectionsDialog::testFinished);
    QTest::mouseClick(child<QPushButton>(u"testButton"_s), Qt::LeftButton);
    QVERIFY(m_dialog->isTesting());
    QVERIFY(child<QProgressBar>(u"testProgress"_s)->isVisible());
    QVERIFY(finished.wait(30000));
    QCOMPARE(finished.first().at(0).toBool(), true);
    QVERIFY2(m_dialog->testResult().contains(u"ready"_s), qPrintable(m_dialog->testResult()));
    QVERIFY(!child<QProgressBar>(u"testProgress"_s)->isVisible());
}

void TestConnections::testWithWrongPasswordSaysWhy()
{
    QVERIFY(startAgent());
    fill(u"agent"_s, 1, m_agent->baseUrl(), QString::fromLatin1(Test::AgentProcess::User), u"wrong"_s);
    QSignalSpy finished(m_dialog.get(), &ConnectionsDialog::testFinished);
    QTest::mouseClick(child<QPushButton>(u"testButton"_s), Qt::LeftButton);
    QVERIFY(finished.wait(30000));
    QCOMPARE(finished.first().at(0).toBool(), false);
    // The service's sentence for refused credentials (401).
    RemoteJobService::Options options;
    options.url = QUrl(m_agent->baseUrl());
    options.user = QString::fromLatin1(Test::AgentProcess::User);
    options.password = u"wrong"_s;
    RemoteJobService reference(options);
    QSignalSpy state(&reference, &JobService::stateChanged);
    QTRY_COMPARE_WITH_TIMEOUT(reference.state(), JobService::State::Failed, 30000);
    QCOMPARE(m_dialog->testResult(), reference.errorString());
    QVERIFY(!m_dialog->testResult().isEmpty());
}

void TestConnections::testCanBeCancelled()
{
    // A port that accepts nothing answers at once; 192.0.2.1 (TEST-NET) answers never.
    fill(u"nowhere"_s, 1, u"https://192.0.2.1:8181"_s, u"admin"_s, u"x"_s);
    QTest::mouseClick(child<QPushButton>(u"testButton"_s), Qt::LeftButton);
    QVERIFY(m_dialog->isTesting());
    QVERIFY(child<QPushButton>(u"cancelTestButton"_s)->isVisible());
    QTest::mouseClick(child<QPushButton>(u"cancelTestButton"_s), Qt::LeftButton);
    QVERIFY(!m_dialog->isTesting());
    QVERIFY(!child<QProgressBar>(u"testProgress"_s)->isVisible());
    QVERIFY(child<QPushButton>(u"testButton"_s)->isEnabled());
}

void TestConnections::withoutKeychainThePasswordIsAskedFor()
{
    QVERIFY(startAgent());
    ConnectionStore::setKeychainDisabledForTesting(true);
    fill(u"agent"_s, 1, m_agent->baseUrl(), QString::fromLatin1(Test::AgentProcess::User), u"typed"_s);
    QSignalSpy saved(m_dialog.get(), &ConnectionsDialog::passwordSaved);
    QTest::mouseClick(child<QPushButton>(u"saveButton"_s), Qt::LeftButton);
    QVERIFY(saved.wait(10000));
    const QString problem = saved.first().at(0).toString();
    QVERIFY2(problem.contains(u"No keychain service"_s), qPrintable(problem));
    QCOMPARE(child<QLabel>(u"keychainLabel"_s)->text(), problem);
    // Never in clear in the settings.
    QSettings settings;
    for (const QString& key : settings.allKeys())
        QVERIFY2(settings.value(key).toString() != u"typed"_s, qPrintable(key));

    const int asked = PasswordPrompt::shownCount();
    PasswordPrompt::setNextAnswer(QString::fromUtf8(Test::AgentProcess::Password));
    RemoteJobService* opened = nullptr;
    bool done = false;
    m_store->openService(u"agent"_s, m_dialog.get(), [&](RemoteJobService* service) {
        opened = service;
        done = true;
    });
    QTRY_VERIFY_WITH_TIMEOUT(done, 10000);
    std::unique_ptr<RemoteJobService> owner(opened);
    QVERIFY(opened);
    QCOMPARE(PasswordPrompt::shownCount(), asked + 1);
    QVERIFY2(PasswordPrompt::lastText().contains(u"No keychain service"_s), qPrintable(PasswordPrompt::lastText()));
    QTRY_COMPARE_WITH_TIMEOUT(opened->state(), JobService::State::Ready, 30000);

    // Cancelling the prompt opens nothing.
    PasswordPrompt::setNextAnswer(std::nullopt);
    done = false;
    opened = reinterpret_cast<RemoteJobService*>(this);
    m_store->openService(u"agent"_s, m_dialog.get(), [&](RemoteJobService* service) {
        opened = service;
        done = true;
    });
    QTRY_VERIFY_WITH_TIMEOUT(done, 10000);
    QCOMPARE(opened, nullptr);
    ConnectionStore::setKeychainDisabledForTesting(false);
}

void TestConnections::mainWindowShowsTheAgentsJobs()
{
    QVERIFY(startAgent());
    const Test::HttpResponse uploaded
        = m_agent->upload(u"/api/triggeredwebjobs/remote-hello"_s, Test::script("echo hello"), u"run.sh"_s);
    QVERIFY2(uploaded.status == 200 || uploaded.status == 201, qPrintable(uploaded.text()));

    RemoteJobService::Options options;
    options.url = QUrl(m_agent->baseUrl());
    options.user = QString::fromLatin1(Test::AgentProcess::User);
    options.password = QString::fromUtf8(Test::AgentProcess::Password);
    RemoteJobService service(options);
    MainWindow window(&service);
    window.show();
    QTRY_COMPARE_WITH_TIMEOUT(window.jobModel()->rowCount(), 1, 30000);
    QCOMPARE(window.jobModel()->index(0, 0).data().toString(), u"remote-hello"_s);
}

void TestConnections::sessionSwitchesToTheAgentAndBack()
{
    Test::GuiFixture fixture;
    QVERIFY(startTwoSites(fixture));

    ConsoleSession session(fixture.service());
    session.openLast();
    QVERIFY(session.window());
    QCOMPARE(session.service(), fixture.service());
    QTRY_COMPARE_WITH_TIMEOUT(session.window()->jobModel()->rowCount(), 1, 30000);
    session.window()->resize(900, 650);

    QSignalSpy switched(&session, &ConsoleSession::switched);
    PasswordPrompt::setNextAnswer(QString::fromUtf8(Test::AgentProcess::Password));
    auto* connectAction = session.window()->findChild<QAction*>(u"connectTo:lab agent"_s);
    QVERIFY(connectAction);
    connectAction->trigger();
    QVERIFY(switched.wait(10000));
    QVERIFY(session.service() != fixture.service());
    QCOMPARE(session.window()->size(), QSize(900, 650));
    QTRY_COMPARE_WITH_TIMEOUT(session.service()->state(), JobService::State::Ready, 30000);
    QTRY_COMPARE_WITH_TIMEOUT(session.window()->jobModel()->rowCount(), 1, 30000);
    QCOMPARE(session.window()->jobModel()->index(0, 0).data().toString(), u"on-agent"_s);
    QCOMPARE(ConnectionStore::last(), u"lab agent"_s);
    // The window watches its service (a Kudu site polls only then).
    QVERIFY(qobject_cast<RemoteJobService*>(session.service())->isWatching());

    // Back to this machine; the next start reopens it.
    // Back through the toolbar's combo, which shows the connection in use.
    auto* combo = session.window()->findChild<QComboBox*>(u"connectionCombo"_s);
    QVERIFY(combo);
    QCOMPARE(combo->currentText(), u"lab agent"_s);
    QCOMPARE(combo->itemText(0), u"Local host"_s);
    combo->setCurrentIndex(0);
    Q_EMIT combo->activated(0);
    QCOMPARE(session.service(), fixture.service());
    QTRY_COMPARE_WITH_TIMEOUT(session.window()->jobModel()->rowCount(), 1, 30000);
    QCOMPARE(session.window()->jobModel()->index(0, 0).data().toString(), u"on-local"_s);
    QCOMPARE(ConnectionStore::last(), QString());
}

void TestConnections::switchingClosesTheOldViewsAndAsksBeforeLosingInput()
{
    Test::GuiFixture fixture;
    QVERIFY(startTwoSites(fixture));
    m_dialog->hide();

    ConsoleSession session(fixture.service());
    session.openLast();
    QPointer<MainWindow> localWindow = session.window();
    QVERIFY(localWindow);
    QTRY_VERIFY_WITH_TIMEOUT(localWindow->jobModel()->indexOf(JobType::Triggered, u"on-local"_s).isValid(), 30000);
    const auto trigger = [&](const QString& name) {
        QAction* action = session.window()->findChild<QAction*>(name);
        QVERIFY2(action, qPrintable(name));
        action->trigger();
    };

    // A read-only view of the local job, and the Add dialog with a name typed in it.
    localWindow->selectJob(JobType::Triggered, u"on-local"_s);
    trigger(u"detailsAction"_s);
    QPointer<JobDetailsDialog> details;
    QTRY_VERIFY((details = Test::GuiFixture::find<JobDetailsDialog>(u"jobDetailsDialog"_s)) != nullptr);
    trigger(u"addAction"_s);
    QPointer<AddJobDialog> add;
    QTRY_VERIFY((add = Test::GuiFixture::find<AddJobDialog>(u"addJobDialog"_s)) != nullptr);
    auto* nameEdit = add->findChild<QLineEdit*>(u"nameEdit"_s);
    QTest::keyClicks(nameEdit, u"half-typed"_s);
    QCOMPARE(localWindow->windowsWithUserInput(), QStringList {u"Add WebJob"_s});

    // Switching asks first, naming what would be lost; No keeps everything as it was, and no
    // password is asked for.
    QSignalSpy switched(&session, &ConsoleSession::switched);
    QSignalSpy cancelled(&session, &ConsoleSession::connectCancelled);
    auto* combo = localWindow->findChild<QComboBox*>(u"connectionCombo"_s);
    QCOMPARE(combo->currentText(), u"Local host"_s);
    const int shown = MessageBox::shownCount();
    const int asked = PasswordPrompt::shownCount();
    MessageBox::setNextAnswer(QMessageBox::No);
    combo->setCurrentIndex(combo->findText(u"lab agent"_s));
    Q_EMIT combo->activated(combo->currentIndex());
    QCOMPARE(MessageBox::shownCount(), shown + 1);
    QVERIFY2(MessageBox::lastText().contains(u"lab agent"_s) && MessageBox::lastText().contains(u"Add WebJob"_s),
        qPrintable(MessageBox::lastText()));
    QCOMPARE(cancelled.size(), 1);
    QCOMPARE(PasswordPrompt::shownCount(), asked);
    QCOMPARE(session.window(), localWindow.data());
    QVERIFY(add && add->isVisible() && details && details->isVisible());
    QCOMPARE(nameEdit->text(), u"half-typed"_s);
    // The combo shows the connection still in use.
    QCOMPARE(combo->currentText(), u"Local host"_s);
    QCOMPARE(switched.size(), 0);

    // Yes: the old window and every view over the old service go with it.
    MessageBox::setNextAnswer(QMessageBox::Yes);
    PasswordPrompt::setNextAnswer(QString::fromUtf8(Test::AgentProcess::Password));
    Q_EMIT combo->activated(combo->findText(u"lab agent"_s));
    QVERIFY(switched.wait(10000));
    QCOMPARE(MessageBox::shownCount(), shown + 2);
    QTRY_VERIFY(localWindow.isNull());
    QVERIFY(add.isNull());
    QVERIFY(details.isNull());
    QCOMPARE(Test::GuiFixture::visibleWindows(session.window()), QStringList());
    QPointer<JobService> remote = session.service();
    QVERIFY(remote && remote != fixture.service());
    QTRY_VERIFY_WITH_TIMEOUT(session.window()->jobModel()->indexOf(JobType::Triggered, u"on-agent"_s).isValid(), 30000);
    QVERIFY(!session.window()->jobModel()->indexOf(JobType::Triggered, u"on-local"_s).isValid());

    // Back to this machine with only read-only views open: no question; the agent's views and
    // its service go, and the new window's model is the local host's.
    QPointer<MainWindow> agentWindow = session.window();
    agentWindow->selectJob(JobType::Triggered, u"on-agent"_s);
    trigger(u"detailsAction"_s);
    QTRY_VERIFY((details = Test::GuiFixture::find<JobDetailsDialog>(u"jobDetailsDialog"_s)) != nullptr);
    QTRY_VERIFY(details->historyModel() != nullptr);
    QVERIFY(agentWindow->windowsWithUserInput().isEmpty());
    QVERIFY(session.connectTo(QString()));
    QCOMPARE(MessageBox::shownCount(), shown + 2);
    QCOMPARE(session.service(), fixture.service());
    QTRY_VERIFY(agentWindow.isNull());
    QVERIFY(details.isNull());
    QVERIFY2(remote.isNull(), "the agent's service outlived its window");
    QTRY_VERIFY_WITH_TIMEOUT(session.window()->jobModel()->indexOf(JobType::Triggered, u"on-local"_s).isValid(), 30000);
    QVERIFY(!session.window()->jobModel()->indexOf(JobType::Triggered, u"on-agent"_s).isValid());
    QCOMPARE(session.window()->findChild<QComboBox*>(u"connectionCombo"_s)->currentText(), u"Local host"_s);
}

void TestConnections::connectTargetTakesAUrlOrRefusesAnUnknownName()
{
    QVERIFY(startAgent());
    Test::GuiFixture fixture;
    QVERIFY(fixture.start());
    ConnectionStore::setKeychainDisabledForTesting(true);
    ConsoleSession session(fixture.service());
    QSignalSpy switched(&session, &ConsoleSession::switched);
    // An unsaved URL with its user: only the password is asked for.
    QUrl url(m_agent->baseUrl());
    url.setUserName(QString::fromLatin1(Test::AgentProcess::User));
    PasswordPrompt::setNextAnswer(QString::fromUtf8(Test::AgentProcess::Password));
    QVERIFY(session.connectTo(url.toString()));
    QVERIFY(switched.wait(10000));
    QTRY_COMPARE_WITH_TIMEOUT(session.service()->state(), JobService::State::Ready, 30000);
    // The window names it by its URL, not as the local host.
    auto* combo = session.window()->findChild<QComboBox*>(u"connectionCombo"_s);
    QCOMPARE(combo->currentText(), m_agent->baseUrl());
    QCOMPARE(combo->currentData().toString(), url.toString());

    const int shown = MessageBox::shownCount();
    QVERIFY(!session.connectTo(u"no such connection"_s));
    QCOMPARE(MessageBox::shownCount(), shown + 1);
    QVERIFY2(MessageBox::lastText().contains(u"No saved connection"_s), qPrintable(MessageBox::lastText()));
    ConnectionStore::setKeychainDisabledForTesting(false);
}

void TestConnections::agentWithoutUserOpensWithoutPassword()
{
    // An agent started without --user serves loopback only, without authentication:
    // `webjobs-console --connect http://127.0.0.1:PORT` opens it without a password prompt.
    m_agent = std::make_unique<Test::AgentProcess>();
    Test::AgentProcess::Options options;
    options.authentication = false;
    QVERIFY2(m_agent->start(options), qPrintable(m_agent->failure()));
    Test::GuiFixture fixture;
    QVERIFY(fixture.start());
    ConnectionStore::setKeychainDisabledForTesting(true);
    ConsoleSession session(fixture.service());
    QSignalSpy switched(&session, &ConsoleSession::switched);
    const int asked = PasswordPrompt::shownCount();
    QVERIFY(session.connectTo(m_agent->baseUrl()));
    // Nothing to wait for before switching: it may have happened already.
    QVERIFY(switched.count() > 0 || switched.wait(10000));
    QTRY_COMPARE_WITH_TIMEOUT(session.service()->state(), JobService::State::Ready, 30000);
    QCOMPARE(PasswordPrompt::shownCount(), asked);
    ConnectionStore::setKeychainDisabledForTesting(false);
}

void TestConnections::untrustedCertificateCanBeAcceptedAlways()
{
    const QString openssl = QStandardPaths::findExecutable(u"openssl"_s);
    if (openssl.isEmpty())
        QSKIP("openssl is needed to make a test certificate");
    QTemporaryDir files;
    const QString keyPath = files.filePath(u"key.pem"_s);
    const QString certificatePath = files.filePath(u"cert.pem"_s);
    QProcess generate;
    generate.start(openssl,
        {u"req"_s, u"-x509"_s, u"-newkey"_s, u"rsa:2048"_s, u"-nodes"_s, u"-keyout"_s, keyPath, u"-out"_s,
            certificatePath, u"-days"_s, u"2"_s, u"-subj"_s, u"/CN=127.0.0.1"_s});
    QVERIFY(generate.waitForFinished(60000));
    QCOMPARE(generate.exitCode(), 0);
    const QList<QSslCertificate> certificates = QSslCertificate::fromPath(certificatePath);
    QCOMPARE(certificates.size(), 1);
    m_agent = std::make_unique<Test::AgentProcess>();
    Test::AgentProcess::Options agentOptions;
    agentOptions.arguments = {u"--tls-cert"_s, certificatePath, u"--tls-key"_s, keyPath};
    QVERIFY2(m_agent->start(agentOptions), qPrintable(m_agent->failure()));

    SavedConnection connection;
    connection.name = u"tls"_s;
    connection.url = QUrl(m_agent->baseUrl());
    connection.user = QString::fromLatin1(Test::AgentProcess::User);
    m_store->save(connection);
    ConnectionStore::setKeychainDisabledForTesting(true);
    Test::GuiFixture fixture;
    QVERIFY(fixture.start());

    {
        ConsoleSession session(fixture.service());
        QSignalSpy switched(&session, &ConsoleSession::switched);
        PasswordPrompt::setNextAnswer(QString::fromUtf8(Test::AgentProcess::Password));
        CertificateDialog::setNextAnswer(CertificateDialog::Choice::AcceptAlways);
        QVERIFY(session.connectTo(u"tls"_s));
        QVERIFY(switched.wait(10000));
        QTRY_COMPARE_WITH_TIMEOUT(session.service()->state(), JobService::State::Ready, 30000);
        const QString details = CertificateDialog::lastDetails();
        QVERIFY2(details.contains(u"127.0.0.1"_s), qPrintable(details));
        QVERIFY2(details.contains(ConnectionStore::digest(certificates.first())), qPrintable(details));
    }
    QCOMPARE(m_store->connection(u"tls"_s)->trustedCertificates, certificates);
    QCOMPARE(QSettings().value(u"connections/tls/trustedDigests"_s).toStringList(),
        QStringList {ConnectionStore::digest(certificates.first())});

    // Next time the stored certificate is trusted at once: a Reject answer is never asked for.
    ConsoleSession again(fixture.service());
    QSignalSpy switched(&again, &ConsoleSession::switched);
    PasswordPrompt::setNextAnswer(QString::fromUtf8(Test::AgentProcess::Password));
    CertificateDialog::setNextAnswer(CertificateDialog::Choice::Reject);
    QVERIFY(again.connectTo(u"tls"_s));
    QVERIFY(switched.wait(10000));
    QTRY_COMPARE_WITH_TIMEOUT(again.service()->state(), JobService::State::Ready, 30000);
    CertificateDialog::setNextAnswer(CertificateDialog::Choice::Reject);
    ConnectionStore::setKeychainDisabledForTesting(false);
}

void TestConnections::realKeychainStoresOrSaysWhyNot()
{
    // The system's keychain as it is: on a desktop the password goes there and comes back; on
    // a machine without a keychain service (CI) both jobs fail with the sentence.
    ConnectionStore store;
    QString writeProblem = u"pending"_s;
    store.writePassword(
        u"webjobs-test-connection"_s, u"p4ss"_s, [&](const QString& problem) { writeProblem = problem; });
    QTRY_VERIFY_WITH_TIMEOUT(writeProblem != u"pending"_s, 30000);
    bool read = false;
    std::optional<QString> password;
    QString readProblem;
    store.readPassword(u"webjobs-test-connection"_s, [&](std::optional<QString> value, const QString& problem) {
        password = value;
        readProblem = problem;
        read = true;
    });
    QTRY_VERIFY_WITH_TIMEOUT(read, 30000);
    if (writeProblem.isEmpty()) {
        QCOMPARE(password, std::optional<QString>(u"p4ss"_s));
        store.remove(u"webjobs-test-connection"_s);
    } else {
        QVERIFY2(writeProblem.contains(u"asked for at each connection"_s), qPrintable(writeProblem));
        QVERIFY(!password);
        QVERIFY2(!readProblem.isEmpty(), "a failed keychain must say so, not look empty");
        qInfo("no keychain here: %s", qPrintable(writeProblem));
    }
}

QTEST_MAIN(TestConnections)
#include "TestConnections.moc"
