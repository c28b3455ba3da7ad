// The console over a cluster (issue #15): real agents on loopback sharing one PostgreSQL
// database, a RemoteJobService logged in to the first, and the real main window offscreen. The
// status bar says how many instances there are and opens "Instances", whose table lists them
// with their state; an instance killed with SIGKILL shows unresponsive, then goes once the
// others reap it. Needs WEBJOBS_TEST_POSTGRES_URL (scripts/start-test-postgres); each test
// gets its own schema.

#include "core/service/RemoteJobService.h"
#include "tests/cluster/ClusterDatabase.h"
#include "tests/cluster/TcpProxy.h"
#include "tests/support/AgentProcess.h"
#include "ui/InstanceListModel.h"
#include "ui/InstancesDialog.h"
#include "ui/MainWindow.h"
#include "ui/MessageBox.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QElapsedTimer>
#include <QLabel>
#include <QSettings>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QSysInfo>
#include <QTest>
#include <QToolButton>
#include <QTreeView>
#include <QUrl>
#include <QUrlQuery>

#include <memory>
#include <vector>

using namespace Qt::StringLiterals;
using namespace WebJobs;
using namespace WebJobs::Test;

class TestClusterConsole : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void cleanupTestCase();

    void oneInstanceShowsNothing();
    void consoleShowsBothInstances();
    void killedInstanceShowsUnresponsiveThenGone();
    void databaseProblemIsShown();

private:
    // A database URL of its own for one test (a new schema), through `port` when given.
    QString newDatabaseUrl(quint16 port = 0) { return m_database.newDatabaseUrl(port); }
    bool startAgents(int count, const QString& url);
    // A service logged in to `agent` that asks for the instances every 200 ms while watched.
    static std::unique_ptr<RemoteJobService> connectTo(const AgentProcess& agent);
    static QToolButton* instancesButton(const MainWindow& window);
    // The dialog the status bar's button opens.
    static InstancesDialog* openInstances(const MainWindow& window);
    // The text of `column` on the row of instance `id` in the dialog; empty when it has no such row.
    static QString cell(InstancesDialog* dialog, const QString& id, int column);

    ClusterDatabase m_database {u"webjobs_console"_s};
    std::vector<std::unique_ptr<AgentProcess>> m_agents;
};

void TestClusterConsole::initTestCase()
{
    WEBJOBS_OPEN_CLUSTER_DATABASE(m_database);
    QStandardPaths::setTestModeEnabled(true);
    MessageBox::setTestMode(true);
}

void TestClusterConsole::init()
{
    QSettings().clear();
}

void TestClusterConsole::cleanup()
{
    m_agents.clear();
    // Every window of the test is gone with it.
    QStringList visible;
    for (QWidget* widget : QApplication::topLevelWidgets()) {
        if (widget->isVisible())
            visible.append(widget->objectName());
    }
    QVERIFY2(visible.isEmpty(), qPrintable(visible.join(u", "_s)));
}

void TestClusterConsole::cleanupTestCase()
{
    m_database.dropSchemas();
}

bool TestClusterConsole::startAgents(int count, const QString& url)
{
    return ClusterDatabase::startAgents(m_agents, count, url);
}

std::unique_ptr<RemoteJobService> TestClusterConsole::connectTo(const AgentProcess& agent)
{
    RemoteJobService::Options options;
    options.url = QUrl(agent.baseUrl());
    options.user = QString::fromLatin1(AgentProcess::User);
    options.password = QString::fromUtf8(AgentProcess::Password);
    options.instancesInterval = 200;
    auto service = std::make_unique<RemoteJobService>(options);
    [&] { QTRY_COMPARE_WITH_TIMEOUT(service->state(), JobService::State::Ready, 30000); }();
    return service;
}

QToolButton* TestClusterConsole::instancesButton(const MainWindow& window)
{
    return window.findChild<QToolButton*>(u"instancesButton"_s);
}

InstancesDialog* TestClusterConsole::openInstances(const MainWindow& window)
{
    QToolButton* button = instancesButton(window);
    if (!button || !button->isVisible())
        return nullptr;
    QTest::mouseClick(button, Qt::LeftButton);
    auto* dialog = window.findChild<InstancesDialog*>(u"instancesDialog"_s);
    return dialog && dialog->isVisible() ? dialog : nullptr;
}

QString TestClusterConsole::cell(InstancesDialog* dialog, const QString& id, int column)
{
    const InstanceListModel* model = dialog->model();
    const int row = model->rowOf(id);
    return row < 0 ? QString() : model->index(row, column).data().toString();
}

void TestClusterConsole::oneInstanceShowsNothing()
{
    QVERIFY(startAgents(1, newDatabaseUrl()));
    const std::unique_ptr<RemoteJobService> service = connectTo(*m_agents[0]);
    auto window = std::make_unique<MainWindow>(service.get());
    window->show();
    // One agent on PostgreSQL is a cluster of one: known, and not worth the status bar.
    QVERIFY(service->isClustered());
    QTRY_COMPARE(service->instances().size(), 1);
    QCOMPARE(service->instances().constFirst().instance, m_agents[0]->instance());
    QVERIFY(service->instances().constFirst().current);
    QVERIFY(service->databaseProblem().isEmpty());
    QVERIFY(!instancesButton(*window)->isVisible());
    // Asked again while the window watches, and no more once it has gone.
    QVERIFY(service->isFollowingInstances());
    const int asked = service->instancesRequestCount();
    QTRY_VERIFY(service->instancesRequestCount() > asked);
    window.reset();
    QVERIFY(!service->isFollowingInstances());
}

void TestClusterConsole::consoleShowsBothInstances()
{
    QVERIFY(startAgents(2, newDatabaseUrl()));
    AgentProcess& a = *m_agents[0];
    AgentProcess& b = *m_agents[1];
    const std::unique_ptr<RemoteJobService> service = connectTo(a);
    MainWindow window(service.get());
    window.resize(1000, 600);
    window.show();

    QToolButton* button = instancesButton(window);
    QVERIFY(button);
    QTRY_VERIFY_WITH_TIMEOUT(button->isVisible(), 15000);
    // Plural forms come from the English catalogue once its entries are filled: "2 instance(s)" before.
    QVERIFY2(button->text().startsWith(u"2 instance"_s), qPrintable(button->text()));
    QVERIFY2(!button->text().contains(u'·'), qPrintable(button->text()));

    InstancesDialog* dialog = openInstances(window);
    QVERIFY(dialog);
    auto* view = dialog->findChild<QTreeView*>(u"instancesView"_s);
    QVERIFY(view);
    QCOMPARE(view->model()->rowCount(), 2);
    const InstanceListModel* model = dialog->model();
    for (const AgentProcess* agent : {&a, &b}) {
        const int row = model->rowOf(agent->instance());
        QVERIFY2(row >= 0, qPrintable(agent->instance()));
        QCOMPARE(cell(dialog, agent->instance(), InstanceListModel::StateColumn), u"Live"_s);
        QCOMPARE(cell(dialog, agent->instance(), InstanceListModel::HostNameColumn), QSysInfo::machineHostName());
        QCOMPARE(model->index(row, InstanceListModel::PidColumn).data(InstanceListModel::RawValueRole).toLongLong(),
            agent->pid());
        QVERIFY(!cell(dialog, agent->instance(), InstanceListModel::StartedColumn).isEmpty());
        QVERIFY(!cell(dialog, agent->instance(), InstanceListModel::HeartbeatColumn).isEmpty());
    }
    // The one the console talks to is marked.
    QCOMPARE(cell(dialog, a.instance(), InstanceListModel::InstanceColumn), a.instance() + u" (this connection)"_s);
    QCOMPARE(cell(dialog, b.instance(), InstanceListModel::InstanceColumn), b.instance());
    QVERIFY(model->index(model->rowOf(a.instance()), 0).data(InstanceListModel::CurrentRole).toBool());
    QVERIFY(!model->index(model->rowOf(b.instance()), 0).data(InstanceListModel::CurrentRole).toBool());
    QCOMPARE(dialog->findChild<QLabel*>(u"databaseLabel"_s)->text(), u"Database: connected"_s);
    QCOMPARE(dialog->findChild<QLabel*>(u"instancesSummaryLabel"_s)->text(), button->text());

    // Heartbeats go on: the table follows while it is open.
    const qlonglong heartbeat = model->index(model->rowOf(b.instance()), InstanceListModel::HeartbeatColumn)
                                    .data(InstanceListModel::RawValueRole)
                                    .toLongLong();
    QTRY_VERIFY_WITH_TIMEOUT(model->index(model->rowOf(b.instance()), InstanceListModel::HeartbeatColumn)
                                 .data(InstanceListModel::RawValueRole)
                                 .toLongLong()
            > heartbeat,
        10000);
    dialog->close();
}

void TestClusterConsole::killedInstanceShowsUnresponsiveThenGone()
{
    QVERIFY(startAgents(2, newDatabaseUrl()));
    AgentProcess& a = *m_agents[0];
    AgentProcess& b = *m_agents[1];
    const QString killed = b.instance();
    const std::unique_ptr<RemoteJobService> service = connectTo(a);
    MainWindow window(service.get());
    window.resize(1000, 600);
    window.show();
    QToolButton* button = instancesButton(window);
    QTRY_VERIFY_WITH_TIMEOUT(button->isVisible(), 15000);
    InstancesDialog* dialog = openInstances(window);
    QVERIFY(dialog);
    // The table's model follows refreshes (cells updated) and departures (a reset) by the rules.
    QAbstractItemModelTester tester(dialog->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QTRY_COMPARE(cell(dialog, killed, InstanceListModel::StateColumn), u"Live"_s);

    b.kill();
    QElapsedTimer sinceKill;
    sinceKill.start();
    // No heartbeat for the instance timeout (8 s): unresponsive, in the table and the status bar...
    QTRY_COMPARE_WITH_TIMEOUT(cell(dialog, killed, InstanceListModel::StateColumn), u"Unresponsive"_s, 20000);
    const qint64 unresponsiveAfter = sinceKill.elapsed();
    QTRY_VERIFY2(button->text().startsWith(u"2 instance"_s) && button->text().endsWith(u" · 1 unresponsive"_s),
        qPrintable(button->text()));
    QCOMPARE(cell(dialog, a.instance(), InstanceListModel::StateColumn), u"Live"_s);
    // ...then reaped by the survivor: gone, and a site of one again says nothing in the status bar.
    QTRY_COMPARE_WITH_TIMEOUT(dialog->model()->rowCount(), 1, 20000);
    qInfo(
        "killed instance shown unresponsive after %lld ms, gone after %lld ms", unresponsiveAfter, sinceKill.elapsed());
    QCOMPARE(dialog->model()->rowOf(killed), -1);
    QTRY_VERIFY(!button->isVisible());
    QVERIFY(dialog->findChild<QLabel*>(u"instancesSummaryLabel"_s)->text().startsWith(u"1 instance"_s));
    dialog->close();
}

void TestClusterConsole::databaseProblemIsShown()
{
    const QUrl server(m_database.baseUrl());
    TcpProxy proxy(server.host(), quint16(server.port(5432)));
    QVERIFY(proxy.open());
    const quint16 port = proxy.port();
    QVERIFY(startAgents(2, newDatabaseUrl(port)));
    const std::unique_ptr<RemoteJobService> service = connectTo(*m_agents[0]);
    MainWindow window(service.get());
    window.resize(1000, 600);
    window.show();
    QToolButton* button = instancesButton(window);
    QTRY_VERIFY_WITH_TIMEOUT(button->isVisible(), 15000);
    InstancesDialog* dialog = openInstances(window);
    QVERIFY(dialog);
    auto* database = dialog->findChild<QLabel*>(u"databaseLabel"_s);
    QCOMPARE(database->text(), u"Database: connected"_s);

    // The database goes away: the agent still answers, and says why its database does not.
    proxy.close();
    QTRY_VERIFY2_WITH_TIMEOUT(button->text().endsWith(u" · database unreachable"_s), qPrintable(button->text()), 20000);
    QVERIFY(!service->databaseProblem().isEmpty());
    QCOMPARE(database->text(), u"Database: "_s + service->databaseProblem());
    QCOMPARE(service->state(), JobService::State::Ready);

    // Back: connected again.
    QVERIFY(proxy.open(port));
    QTRY_COMPARE_WITH_TIMEOUT(database->text(), u"Database: connected"_s, 20000);
    QVERIFY2(!button->text().contains(u"database"_s), qPrintable(button->text()));
    dialog->close();
    // The agents stop while their database is there.
    m_agents.clear();
}

QTEST_MAIN(TestClusterConsole)
#include "TestClusterConsole.moc"
