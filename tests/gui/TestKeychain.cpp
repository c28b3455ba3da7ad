#include "core/service/RemoteJobService.h"
#include "tests/support/AgentProcess.h"
#include "ui/ConnectionStore.h"
#include "ui/MessageBox.h"
#include "ui/PasswordPrompt.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QScopeGuard>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <cstdio>
#include <memory>

using namespace Qt::StringLiterals;
using namespace WebJobs;

// Connection passwords and the system keychain for real (QtKeychain, no test hook):
//  - with a Secret Service: a private D-Bus session (dbus-run-session) with an unlocked
//    gnome-keyring-daemon, in which this executable runs again (ChildVariable set) to save a
//    connection's password through ConnectionStore, read it back from a new store, and open the
//    connection to a real webjobs-agent without being asked for the password;
//  - without one (a session bus address that leads nowhere): the password is never written
//    anywhere in the settings, and it is asked for at each connection.
// Where dbus-run-session or gnome-keyring-daemon is missing, or the daemon does not start, the
// round trip is skipped with the reason.
class TestKeychain : public QObject
{
    Q_OBJECT

public:
    static constexpr char ChildVariable[] = "WEBJOBS_TEST_KEYCHAIN_CHILD";
    // The child's exit status when no Secret Service could be started in its session.
    static constexpr int NoSecretService = 77;

    // What the child does inside the session; its exit status (0 when the round trip works).
    static int insideSecretService();

private Q_SLOTS:
    void initTestCase();
    void realSecretServiceRoundTrip();
    void withoutSecretServiceAsksEachTimeAndWritesNothing();
};

namespace {

const QString ConnectionName = u"keychain agent"_s;

// Waits for a keychain job's callback; false when none came within 30 s.
bool waitFor(const bool& done)
{
    return QTest::qWaitFor([&] { return done; }, 30000);
}

int fail(const QString& why)
{
    std::fprintf(stderr, "%s\n", qPrintable(why));
    return 1;
}

// Whether the settings file (raw bytes, whatever the format) holds `secret`.
bool settingsHold(const QString& secret)
{
    QSettings settings;
    settings.sync();
    QFile file(settings.fileName());
    return file.open(QIODevice::ReadOnly) && file.readAll().contains(secret.toUtf8());
}

} // namespace

int TestKeychain::insideSecretService()
{
    QStandardPaths::setTestModeEnabled(true);
    MessageBox::setTestMode(true);
    Test::AgentProcess agent;
    if (!agent.start())
        return fail(u"cannot start webjobs-agent: "_s + agent.failure());
    const QString password = QString::fromUtf8(Test::AgentProcess::Password);

    {
        ConnectionStore store;
        SavedConnection connection;
        connection.name = ConnectionName;
        connection.url = QUrl(agent.baseUrl());
        connection.user = QString::fromLatin1(Test::AgentProcess::User);
        store.save(connection);
        bool written = false;
        QString problem;
        store.writePassword(ConnectionName, password, [&](const QString& why) {
            problem = why;
            written = true;
        });
        if (!waitFor(written))
            return fail(u"the keychain did not answer the write within 30 s"_s);
        if (!problem.isEmpty()) {
            std::fprintf(stderr, "%s\n", qPrintable(problem));
            return NoSecretService;
        }
    }

    // A new store (as at the next start of the console) reads it back from the keychain.
    ConnectionStore store;
    bool read = false;
    std::optional<QString> stored;
    QString problem;
    store.readPassword(ConnectionName, [&](std::optional<QString> value, const QString& why) {
        stored = value;
        problem = why;
        read = true;
    });
    if (!waitFor(read))
        return fail(u"the keychain did not answer the read within 30 s"_s);
    if (stored != std::optional<QString>(password))
        return fail(u"the keychain gave back %1 (%2)"_s.arg(stored.value_or(u"nothing"_s), problem));
    if (settingsHold(password))
        return fail(u"the password is in the settings file "_s + QSettings().fileName());

    // Opening the connection takes it from the keychain: no prompt, and the agent accepts it.
    const int asked = PasswordPrompt::shownCount();
    PasswordPrompt::setNextAnswer(u"not this one"_s);
    RemoteJobService* opened = nullptr;
    bool done = false;
    store.openService(ConnectionName, nullptr, [&](RemoteJobService* service) {
        opened = service;
        done = true;
    });
    if (!waitFor(done) || !opened)
        return fail(u"the saved connection did not open"_s);
    std::unique_ptr<RemoteJobService> owner(opened);
    if (PasswordPrompt::shownCount() != asked)
        return fail(u"the password was asked for although the keychain has it"_s);
    if (!QTest::qWaitFor([&] { return opened->state() == JobService::State::Ready; }, 30000))
        return fail(u"the agent refused the keychain's password: "_s + opened->errorString());

    // Removing the connection deletes its password from the keychain.
    store.remove(ConnectionName);
    read = false;
    ConnectionStore after;
    after.readPassword(ConnectionName, [&](std::optional<QString> value, const QString& why) {
        stored = value;
        problem = why;
        read = true;
    });
    if (!waitFor(read))
        return fail(u"the keychain did not answer the read after the removal within 30 s"_s);
    if (stored || !problem.isEmpty())
        return fail(u"the password outlived its connection (%1)"_s.arg(problem));
    return 0;
}

void TestKeychain::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    MessageBox::setTestMode(true);
}

void TestKeychain::realSecretServiceRoundTrip()
{
    const QString dbusRunSession = QStandardPaths::findExecutable(u"dbus-run-session"_s);
    const QString keyringDaemon = QStandardPaths::findExecutable(u"gnome-keyring-daemon"_s);
    if (dbusRunSession.isEmpty() || keyringDaemon.isEmpty())
        QSKIP("no Secret Service to test with: dbus-run-session (dbus-daemon) and gnome-keyring-daemon "
              "(gnome-keyring) are needed; scripts/install-deps installs them");

    // A home of its own: the keyring, the settings and the bus sockets stay in it.
    QTemporaryDir home;
    QVERIFY(home.isValid());
    for (const QString& folder : {u"share"_s, u"config"_s, u"cache"_s, u"run"_s})
        QVERIFY(QDir(home.path()).mkpath(folder));
    QVERIFY(QFile::setPermissions(
        home.filePath(u"run"_s), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner));
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"HOME"_s, home.path());
    environment.insert(u"XDG_DATA_HOME"_s, home.filePath(u"share"_s));
    environment.insert(u"XDG_CONFIG_HOME"_s, home.filePath(u"config"_s));
    environment.insert(u"XDG_CACHE_HOME"_s, home.filePath(u"cache"_s));
    environment.insert(u"XDG_RUNTIME_DIR"_s, home.filePath(u"run"_s));
    environment.insert(u"WEBJOBS_TEST_KEYRING_PASSWORD"_s, u"unlock-me"_s);
    environment.insert(QString::fromLatin1(ChildVariable), u"1"_s);
    environment.remove(u"DBUS_SESSION_BUS_ADDRESS"_s);

    // The daemon unlocks (creating) the login keyring with the password on its standard input,
    // then serves org.freedesktop.secrets on the session's bus for as long as the session lasts.
    QProcess session;
    session.setProcessEnvironment(environment);
    session.start(dbusRunSession,
        {u"--"_s, u"sh"_s, u"-c"_s,
            u"printf %s \"$WEBJOBS_TEST_KEYRING_PASSWORD\" | \"$1\" --unlock --components=secrets >/dev/null "
            "|| exit %1; exec \"$2\""_s.arg(NoSecretService),
            u"sh"_s, keyringDaemon, QCoreApplication::applicationFilePath()});
    QVERIFY2(session.waitForFinished(120000), "the keychain session did not end within 2 minutes");
    const QString errors = QString::fromUtf8(session.readAllStandardError()).trimmed();
    if (session.exitStatus() == QProcess::NormalExit && session.exitCode() == NoSecretService)
        QSKIP(qPrintable(u"no Secret Service could be started here: "_s + errors));
    QVERIFY2(session.exitStatus() == QProcess::NormalExit && session.exitCode() == 0, qPrintable(errors));
}

void TestKeychain::withoutSecretServiceAsksEachTimeAndWritesNothing()
{
    // A session bus that leads nowhere: the keychain fails as on a server without a desktop.
    QTemporaryDir nowhere;
    const QByteArray bus = qgetenv("DBUS_SESSION_BUS_ADDRESS");
    const auto restore = qScopeGuard([&] {
        if (bus.isEmpty())
            qunsetenv("DBUS_SESSION_BUS_ADDRESS");
        else
            qputenv("DBUS_SESSION_BUS_ADDRESS", bus);
    });
    qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=" + nowhere.filePath(u"no-bus"_s).toUtf8());
    QSettings().clear();
    ConnectionStore store;
    SavedConnection connection;
    connection.name = ConnectionName;
    connection.url = QUrl(u"http://127.0.0.1:9"_s);
    connection.user = u"admin"_s;
    store.save(connection);
    const QString secret = u"typed-s3cret"_s;
    bool written = false;
    QString problem;
    store.writePassword(ConnectionName, secret, [&](const QString& why) {
        problem = why;
        written = true;
    });
    QVERIFY(waitFor(written));
    QVERIFY2(problem.contains(u"No keychain service is running"_s), qPrintable(problem));
    QVERIFY2(problem.contains(u"asked for at each connection"_s), qPrintable(problem));
    QVERIFY(!settingsHold(secret));
    for (const QString& key : QSettings().allKeys())
        QVERIFY2(!QSettings().value(key).toString().contains(secret), qPrintable(key));

    // Each connection asks, saying why; what was typed is not kept for the next one.
    const int asked = PasswordPrompt::shownCount();
    for (int attempt = 1; attempt <= 2; ++attempt) {
        PasswordPrompt::setNextAnswer(secret);
        RemoteJobService* opened = nullptr;
        bool done = false;
        store.openService(ConnectionName, nullptr, [&](RemoteJobService* service) {
            opened = service;
            done = true;
        });
        QVERIFY(waitFor(done));
        std::unique_ptr<RemoteJobService> owner(opened);
        QVERIFY(opened);
        QCOMPARE(PasswordPrompt::shownCount(), asked + attempt);
        QVERIFY2(PasswordPrompt::lastText().contains(u"No keychain service"_s), qPrintable(PasswordPrompt::lastText()));
    }
    QVERIFY(!settingsHold(secret));
}

int main(int argc, char** argv)
{
    QApplication application(argc, argv);
    if (qEnvironmentVariableIsSet(TestKeychain::ChildVariable))
        return TestKeychain::insideSecretService();
    TestKeychain test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "TestKeychain.moc"
