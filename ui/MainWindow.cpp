#include "ui/MainWindow.h"

#include "core/schedule/Schedule.h"
#include "ui/AddJobDialog.h"
#include "ui/ConnectionStore.h"
#include "ui/ConnectionsDialog.h"
#include "ui/FailureNotifications.h"
#include "ui/FutureCallback.h"
#include "ui/InstancesDialog.h"
#include "ui/ItemDelegate.h"
#include "ui/JobDetailsDialog.h"
#include "ui/JobFilterProxyModel.h"
#include "ui/JobListModel.h"
#include "ui/JobText.h"
#include "ui/MessageBox.h"
#include "ui/PreferencesDialog.h"
#include "ui/RunDetailsDialog.h"
#include "ui/SettingsDialog.h"

#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QDesktopServices>
#include <QDir>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollBar>
#include <QSettings>
#include <QShortcut>
#include <QStackedWidget>
#include <QStatusBar>
#include <QStyle>
#include <QSystemTrayIcon>
#include <QToolBar>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace WebJobs {

MainWindow::MainWindow(JobService* service, QWidget* parent)
    : QMainWindow(parent)
    , m_service(service)
{
    setObjectName(u"mainWindow"_s);
    setWindowTitle(tr("WebJobs Console"));
    setWindowIcon(QIcon(u":/icons/webjobs.svg"_s));

    m_model = new JobListModel(service, this);
    m_proxy = new JobFilterProxyModel(this);
    m_proxy->setSourceModel(m_model);

    auto* central = new QWidget(this);
    auto* title = new QLabel(tr("WebJobs"), central);
    title->setObjectName(u"titleLabel"_s);
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.5);
    titleFont.setBold(true);
    title->setFont(titleFont);

    m_filterEdit = new QLineEdit(central);
    m_filterEdit->setObjectName(u"filterEdit"_s);
    m_filterEdit->setPlaceholderText(tr("Filter by name or schedule"));
    m_filterEdit->setClearButtonEnabled(true);
    m_statusFilterCombo = new QComboBox(central);
    m_statusFilterCombo->setObjectName(u"statusFilterCombo"_s);
    m_statusFilterCombo->addItem(tr("All statuses"), -1);
    for (const JobStatus status : {JobStatus::Running, JobStatus::Success, JobStatus::Failed, JobStatus::Aborted,
             JobStatus::Stopped, JobStatus::CrashLoop, JobStatus::PendingRestart})
        m_statusFilterCombo->addItem(JobText::status(status), int(status));
    auto* filterRow = new QHBoxLayout;
    filterRow->addWidget(m_filterEdit, 1);
    filterRow->addWidget(m_statusFilterCombo);

    m_view = new QTreeView(central);
    m_view->setObjectName(u"jobsView"_s);
    m_view->setModel(m_proxy);
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->setItemDelegate(new ItemDelegate(m_view));
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(JobListModel::NameColumn, Qt::AscendingOrder);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_view->setAllColumnsShowFocus(true);
    m_view->header()->setStretchLastSection(false);
    m_view->header()->setSectionResizeMode(JobListModel::ModeColumn, QHeaderView::Stretch);
    m_view->setColumnWidth(JobListModel::NameColumn, 180);
    m_view->setColumnWidth(JobListModel::LastRunColumn, 220);
    m_view->setColumnWidth(JobListModel::NextRunColumn, 150);

    createActions();

    // First start: instead of an empty table, what to do and the action to do it.
    m_emptyState = new QWidget(central);
    m_emptyState->setObjectName(u"emptyStateWidget"_s);
    auto* emptyLabel = new QLabel(tr("No WebJob yet. Add a WebJob from a .zip or a script: it can run on demand, "
                                     "continuously, or on a schedule."),
        m_emptyState);
    emptyLabel->setObjectName(u"emptyStateLabel"_s);
    emptyLabel->setWordWrap(true);
    emptyLabel->setAlignment(Qt::AlignCenter);
    auto* emptyAddButton = new QPushButton(m_addAction->icon(), tr("Add a WebJob…"), m_emptyState);
    emptyAddButton->setObjectName(u"emptyStateAddButton"_s);
    connect(emptyAddButton, &QPushButton::clicked, this, &MainWindow::addJob);
    auto* emptyLayout = new QVBoxLayout(m_emptyState);
    emptyLayout->addStretch(1);
    emptyLayout->addWidget(emptyLabel);
    emptyLayout->addWidget(emptyAddButton, 0, Qt::AlignHCenter);
    emptyLayout->addStretch(2);

    m_listStack = new QStackedWidget(central);
    m_listStack->setObjectName(u"jobListStack"_s);
    m_listStack->addWidget(m_view);
    m_listStack->addWidget(m_emptyState);

    m_failures = new FailureNotifications(service, central);
    connect(m_failures, &FailureNotifications::openRequested, this, &MainWindow::showRunDetails);

    auto* layout = new QVBoxLayout(central);
    layout->addWidget(title);
    layout->addWidget(m_failures);
    layout->addLayout(filterRow);
    layout->addWidget(m_listStack);
    setCentralWidget(central);

    m_countLabel = new QLabel(this);
    m_countLabel->setObjectName(u"jobCountLabel"_s);
    statusBar()->addPermanentWidget(m_countLabel);
    m_instancesButton = new QToolButton(this);
    m_instancesButton->setObjectName(u"instancesButton"_s);
    m_instancesButton->setAutoRaise(true);
    m_instancesButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_instancesButton->setToolTip(tr("The instances of this site that share its job database"));
    m_instancesButton->setVisible(false);
    connect(m_instancesButton, &QToolButton::clicked, this, &MainWindow::showInstances);
    statusBar()->addPermanentWidget(m_instancesButton);
    m_connectionLabel = new QLabel(this);
    m_connectionLabel->setObjectName(u"connectionLabel"_s);
    statusBar()->addPermanentWidget(m_connectionLabel);
    const auto updateCount = [this] {
        m_countLabel->setText(m_model->isLoaded() ? tr("%n WebJob(s)", nullptr, m_model->rowCount()) : QString());
    };
    connect(m_model, &QAbstractItemModel::rowsInserted, this, updateCount);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, updateCount);
    connect(m_model, &QAbstractItemModel::modelReset, this, updateCount);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &MainWindow::updateEmptyState);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &MainWindow::updateEmptyState);
    connect(m_model, &QAbstractItemModel::modelReset, this, &MainWindow::updateEmptyState);
    connect(m_model, &JobListModel::loaded, this, &MainWindow::updateEmptyState);
    updateStatusBar();

    connect(m_filterEdit, &QLineEdit::textChanged, m_proxy, &JobFilterProxyModel::setFilterText);
    connect(m_statusFilterCombo, &QComboBox::currentIndexChanged, this, [this] {
        const int value = m_statusFilterCombo->currentData().toInt();
        m_proxy->setStatusFilter(value < 0 ? std::nullopt : std::optional(JobStatus(value)));
    });
    connect(m_view, &QWidget::customContextMenuRequested, this, [this](const QPoint& pos) {
        const QModelIndex index = m_view->indexAt(pos);
        if (index.isValid())
            m_view->setCurrentIndex(index);
        m_contextMenu->popup(m_view->viewport()->mapToGlobal(pos));
    });
    connect(m_view, &QTreeView::doubleClicked, this, &MainWindow::showDetails);
    // Enter on a row opens its details, as a double click does.
    for (const int key : {Qt::Key_Return, Qt::Key_Enter}) {
        auto* enter = new QShortcut(QKeySequence(key), m_view, nullptr, nullptr, Qt::WidgetShortcut);
        connect(enter, &QShortcut::activated, this, &MainWindow::showDetails);
    }
    connect(m_view, &QTreeView::clicked, this, [this](const QModelIndex& index) {
        if (index.column() == JobListModel::LogsColumn)
            openLogs();
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this, &MainWindow::updateActions);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &MainWindow::updateActions);
    connect(m_model, &QAbstractItemModel::modelReset, this, &MainWindow::updateActions);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &MainWindow::updateActions);
    connect(m_service, &JobService::stateChanged, this, &MainWindow::updateStatusBar);
    connect(m_service, &JobService::instancesChanged, this, &MainWindow::updateInstancesButton);

    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        m_tray = new QSystemTrayIcon(windowIcon(), this);
        m_tray->setObjectName(u"trayIcon"_s);
        m_tray->setToolTip(tr("WebJobs Console"));
        m_tray->show();
        connect(m_tray, &QSystemTrayIcon::messageClicked, this, &MainWindow::openNotifiedRun);
    }
    connect(m_service, &JobService::runFailed, this, [this](const JobRun& run) {
        m_failures->addFailedRun(run);
        notifyFailure(tr("WebJob failed"),
            tr("The run of %1 started at %2 ended with %3.")
                .arg(run.jobName(), JobText::dateTime(run.startTime()), JobText::status(run.status())),
            run.jobName(), run.id());
    });
    connect(m_service, &JobService::crashLoopEntered, this, [this](const QString& name) {
        m_failures->addCrashLoop(name);
        notifyFailure(tr("WebJob keeps crashing"),
            tr("The continuous job %1 exits soon after each start. Open its log to see why.").arg(name), name, {});
    });

    updateActions();
    updateEmptyState();
    restoreLayout();
    // A remote service without an event stream polls only while someone watches its jobs.
    m_service->beginWatching();
}

MainWindow::~MainWindow()
{
    m_service->endWatching();
}

QStringList MainWindow::windowsWithUserInput() const
{
    QStringList titles;
    const QList<QWidget*> widgets = findChildren<QWidget*>();
    for (const QWidget* window : widgets) {
        if (!window->isWindow() || !window->isVisible() || qobject_cast<const QMenu*>(window))
            continue;
        bool holdsInput = false;
        // isModified() is set by the user's edits only, not by the dialog's own setText().
        for (const QLineEdit* edit : window->findChildren<QLineEdit*>())
            holdsInput = holdsInput || (edit->isModified() && !edit->isReadOnly() && !edit->text().isEmpty());
        for (const QPlainTextEdit* edit : window->findChildren<QPlainTextEdit*>())
            holdsInput = holdsInput || (edit->document()->isModified() && !edit->isReadOnly());
        for (const QProgressBar* progress : window->findChildren<QProgressBar*>())
            holdsInput = holdsInput || progress->isVisible();
        if (holdsInput)
            titles.append(window->windowTitle());
    }
    return titles;
}

void MainWindow::showCurrentConnection()
{
    // Not rebuilt: this may run inside the signal of the menu's action or the combo.
    const QString current = ConnectionStore::last();
    for (QAction* action : m_connectMenu->actions()) {
        if (action->objectName().startsWith(u"connectTo:"_s))
            action->setChecked(action->objectName().mid(10) == current);
    }
    const QSignalBlocker blocker(m_connectionCombo);
    m_connectionCombo->setCurrentIndex(qMax(0, m_connectionCombo->findData(current)));
}

void MainWindow::fillConnectMenu()
{
    m_connectMenu->clear();
    ConnectionStore store;
    const QString current = ConnectionStore::last();
    auto addEntry = [this, &current](const QString& text, const QString& name) {
        QAction* action = m_connectMenu->addAction(text);
        action->setObjectName(u"connectTo:"_s + name);
        action->setCheckable(true);
        action->setChecked(name == current);
        connect(action, &QAction::triggered, this, [this, name] { Q_EMIT connectionRequested(name); });
    };
    addEntry(tr("Local host"), {});
    for (const QString& name : store.names()) {
        if (const std::optional<SavedConnection> saved = store.connection(name);
            saved && saved->kind != SavedConnection::Kind::Local)
            addEntry(name, name);
    }
    // An unsaved connection opened by its URL.
    if (!current.isEmpty() && !store.connection(current))
        addEntry(QUrl(current).adjusted(QUrl::RemoveUserInfo).toString(), current);
    m_connectMenu->addSeparator();
    m_connectMenu->addAction(m_manageConnectionsAction);

    const QSignalBlocker blocker(m_connectionCombo);
    m_connectionCombo->clear();
    m_connectionCombo->addItem(tr("Local host"), QString());
    for (QAction* action : m_connectMenu->actions()) {
        if (action->objectName().startsWith(u"connectTo:"_s) && !action->objectName().endsWith(u':'))
            m_connectionCombo->addItem(action->text(), action->objectName().mid(10));
    }
    m_connectionCombo->setCurrentIndex(qMax(0, m_connectionCombo->findData(current)));
}

void MainWindow::manageConnections()
{
    auto* store = new ConnectionStore;
    auto* dialog = new ConnectionsDialog(store, this);
    store->setParent(dialog);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::finished, this, &MainWindow::fillConnectMenu);
    dialog->open();
}

void MainWindow::createActions()
{
    const auto make = [this](const QString& objectName, const QString& text, const QString& icon,
                          const QKeySequence& keys, void (MainWindow::*slot)()) {
        auto* action = new QAction(QIcon::fromTheme(icon), text, this);
        action->setObjectName(objectName);
        action->setShortcut(keys);
        action->setShortcutContext(Qt::WindowShortcut);
        if (!keys.isEmpty())
            action->setToolTip(u"%1 (%2)"_s.arg(text, keys.toString(QKeySequence::NativeText)).remove(u'&'));
        connect(action, &QAction::triggered, this, slot);
        addAction(action);
        return action;
    };
    m_addAction = make(u"addAction"_s, tr("&Add"), u"list-add"_s, QKeySequence::New, &MainWindow::addJob);
    m_runAction = make(
        u"runAction"_s, tr("&Run"), u"media-playback-start"_s, QKeySequence(Qt::CTRL | Qt::Key_R), &MainWindow::runJob);
    m_runWithArgumentsAction = make(u"runWithArgumentsAction"_s, tr("Run with &arguments…"), QString(),
        QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R), &MainWindow::runJobWithArguments);
    m_startAction = make(u"startAction"_s, tr("&Start"), u"media-playback-start"_s, QKeySequence(Qt::CTRL | Qt::Key_T),
        &MainWindow::startJob);
    m_stopAction = make(u"stopAction"_s, tr("S&top"), u"media-playback-stop"_s,
        QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_T), &MainWindow::stopJob);
    m_abortAction = make(u"abortAction"_s, tr("A&bort run"), u"process-stop"_s, QKeySequence(Qt::CTRL | Qt::Key_Period),
        &MainWindow::abortRun);
    m_deleteAction
        = make(u"deleteAction"_s, tr("&Delete"), u"edit-delete"_s, QKeySequence::Delete, &MainWindow::deleteJob);
    m_editScheduleAction = make(u"editScheduleAction"_s, tr("Edit &schedule…"), u"x-office-calendar"_s,
        QKeySequence(Qt::CTRL | Qt::Key_E), &MainWindow::editSchedule);
    m_settingsAction = make(u"settingsAction"_s, tr("Se&ttings…"), u"document-properties"_s,
        QKeySequence(Qt::CTRL | Qt::Key_J), &MainWindow::editSettings);
    m_refreshAction
        = make(u"refreshAction"_s, tr("Re&fresh"), u"view-refresh"_s, QKeySequence::Refresh, &MainWindow::refresh);
    m_openLogsAction = make(u"openLogsAction"_s, tr("Open &logs"), u"text-x-generic"_s,
        QKeySequence(Qt::CTRL | Qt::Key_L), &MainWindow::openLogs);
    m_detailsAction = make(u"detailsAction"_s, tr("&Details"), u"document-open"_s, QKeySequence(Qt::CTRL | Qt::Key_D),
        &MainWindow::showDetails);
    m_preferencesAction = make(u"preferencesAction"_s, tr("&Preferences…"), u"preferences-system"_s,
        QKeySequence::Preferences, &MainWindow::showPreferences);
    m_quitAction = new QAction(tr("&Quit"), this);
    m_quitAction->setObjectName(u"quitAction"_s);
    m_quitAction->setShortcut(QKeySequence::Quit);
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);
    m_documentationAction = new QAction(QIcon::fromTheme(u"help-contents"_s), tr("&Documentation"), this);
    m_documentationAction->setObjectName(u"documentationAction"_s);
    m_documentationAction->setShortcut(QKeySequence::HelpContents);
    connect(m_documentationAction, &QAction::triggered, this, &MainWindow::showDocumentation);
    addAction(m_documentationAction);
    m_aboutAction = new QAction(QIcon::fromTheme(u"help-about"_s), tr("&About WebJobs Console"), this);
    m_aboutAction->setObjectName(u"aboutAction"_s);
    m_aboutAction->setMenuRole(QAction::AboutRole);
    connect(m_aboutAction, &QAction::triggered, this, &MainWindow::showAbout);

    auto* toolBar = addToolBar(tr("Actions"));
    toolBar->setObjectName(u"mainToolBar"_s);
    toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolBar->addActions({m_addAction, m_refreshAction});
    toolBar->addSeparator();
    toolBar->addActions({m_runAction, m_abortAction, m_startAction, m_stopAction});
    toolBar->addSeparator();
    toolBar->addActions({m_detailsAction, m_openLogsAction, m_deleteAction});

    m_manageConnectionsAction = new QAction(tr("&Manage Connections…"), this);
    m_manageConnectionsAction->setObjectName(u"manageConnectionsAction"_s);
    connect(m_manageConnectionsAction, &QAction::triggered, this, &MainWindow::manageConnections);

    // The same choice as File > Connect to, always in sight.
    m_connectionCombo = new QComboBox(this);
    m_connectionCombo->setObjectName(u"connectionCombo"_s);
    m_connectionCombo->setToolTip(tr("Connection"));
    m_connectionCombo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    connect(m_connectionCombo, &QComboBox::activated, this, [this](int index) {
        const QString name = m_connectionCombo->itemData(index).toString();
        if (name != ConnectionStore::last())
            Q_EMIT connectionRequested(name);
    });
    toolBar->addSeparator();
    toolBar->addWidget(m_connectionCombo);

    QMenu* fileMenu = menuBar()->addMenu(tr("&File"));
    m_connectMenu = fileMenu->addMenu(tr("&Connect to"));
    m_connectMenu->setObjectName(u"connectMenu"_s);
    connect(m_connectMenu, &QMenu::aboutToShow, this, &MainWindow::fillConnectMenu);
    fillConnectMenu();
    fileMenu->addSeparator();
    fileMenu->addActions({m_addAction, m_refreshAction});
    fileMenu->addSeparator();
    fileMenu->addActions({m_preferencesAction, m_quitAction});
    QMenu* jobMenu = menuBar()->addMenu(tr("&WebJob"));
    jobMenu->setObjectName(u"jobMenu"_s);
    QMenu* helpMenu = menuBar()->addMenu(tr("&Help"));
    helpMenu->setObjectName(u"helpMenu"_s);
    helpMenu->addActions({m_documentationAction, m_aboutAction});

    m_contextMenu = new QMenu(this);
    m_contextMenu->setObjectName(u"jobContextMenu"_s);
    for (QMenu* menu : {jobMenu, m_contextMenu}) {
        menu->addActions({m_runAction, m_runWithArgumentsAction, m_abortAction});
        menu->addSeparator();
        menu->addActions({m_startAction, m_stopAction});
        menu->addSeparator();
        menu->addActions({m_detailsAction, m_openLogsAction, m_editScheduleAction, m_settingsAction});
        menu->addSeparator();
        menu->addAction(m_deleteAction);
    }
    m_contextMenu->addSeparator();
    m_contextMenu->addActions({m_addAction, m_refreshAction});
}

const JobEntry* MainWindow::currentEntry() const
{
    const QModelIndex index = m_proxy->mapToSource(m_view->currentIndex());
    return m_model->entryAt(index);
}

void MainWindow::selectJob(JobType type, const QString& name)
{
    const QModelIndex index = m_proxy->mapFromSource(m_model->indexOf(type, name));
    if (!index.isValid())
        return;
    m_view->setCurrentIndex(index);
    m_view->scrollTo(index);
}

void MainWindow::updateActions()
{
    const bool ready = m_service->state() == JobService::State::Ready;
    const JobEntry* entry = ready ? currentEntry() : nullptr;
    const bool triggered = entry && entry->job.isTriggered();
    const bool continuous = entry && entry->job.isContinuous();
    const std::optional<JobRun> latest = entry ? entry->job.latestRun() : std::nullopt;
    const bool running = latest && !isFinalRunStatus(latest->status());
    const JobStatus status = entry ? entry->job.status() : JobStatus::Stopped;
    const bool stopped = status == JobStatus::Stopped || status == JobStatus::Disabling;

    m_addAction->setEnabled(ready);
    m_refreshAction->setEnabled(ready);
    m_runAction->setEnabled(triggered && !running);
    m_runWithArgumentsAction->setEnabled(triggered && !running);
    m_abortAction->setEnabled(triggered && running);
    m_startAction->setEnabled(continuous && stopped);
    m_stopAction->setEnabled(continuous && !stopped);
    m_deleteAction->setEnabled(entry != nullptr);
    m_editScheduleAction->setEnabled(triggered);
    m_settingsAction->setEnabled(entry != nullptr);
    m_openLogsAction->setEnabled(continuous || (triggered && latest));
    m_detailsAction->setEnabled(entry != nullptr);
}

void MainWindow::updateStatusBar()
{
    QString text = tr("%1 — %2").arg(m_service->displayName(), JobService::stateText(m_service->state()));
    if (m_service->state() == JobService::State::Failed)
        text += u": "_s + m_service->errorString();
    m_connectionLabel->setText(text);
    updateInstancesButton();
    updateActions();
}

void MainWindow::updateInstancesButton()
{
    // A single instance is the usual case and says nothing worth a place in the status bar.
    const bool show = InstancesDialog::isWorthShowing(m_service);
    m_instancesButton->setVisible(show);
    if (!show)
        return;
    m_instancesButton->setText(InstancesDialog::summary(m_service));
    const QList<InstanceInfo> instances = m_service->instances();
    const bool trouble = !m_service->databaseProblem().isEmpty()
        || std::any_of(instances.cbegin(), instances.cend(),
            [](const InstanceInfo& instance) { return instance.state == InstanceInfo::State::Unresponsive; });
    m_instancesButton->setIcon(trouble ? style()->standardIcon(QStyle::SP_MessageBoxWarning) : QIcon());
}

void MainWindow::showInstances()
{
    if (!m_instancesDialog) {
        m_instancesDialog = new InstancesDialog(m_service, this);
        m_instancesDialog->setAttribute(Qt::WA_DeleteOnClose);
    }
    m_instancesDialog->show();
    m_instancesDialog->raise();
    m_instancesDialog->activateWindow();
}

void MainWindow::updateEmptyState()
{
    const bool empty = m_model->isLoaded() && m_model->rowCount() == 0;
    m_listStack->setCurrentWidget(empty ? m_emptyState : static_cast<QWidget*>(m_view));
}

void MainWindow::showError(const QString& title, const QString& text)
{
    statusBar()->showMessage(text, 10000);
    MessageBox::warning(this, title, text);
}

void MainWindow::reportReply(const QString& title, const QFuture<ServiceReply>& future)
{
    whenFinished(this, QFuture<ServiceReply>(future), [this, title](const ServiceReply& reply) {
        if (!reply.ok())
            showError(title, reply.error.message);
    });
}

void MainWindow::notifyFailure(const QString& title, const QString& text, const QString& jobName, const QString& runId)
{
    m_notifiedJob = jobName;
    m_notifiedRun = runId;
    statusBar()->showMessage(text, 10000);
    if (m_tray)
        m_tray->showMessage(title, text, QSystemTrayIcon::Warning);
}

void MainWindow::openNotifiedRun()
{
    if (!m_notifiedJob.isEmpty())
        showRunDetails(m_notifiedJob, m_notifiedRun);
}

void MainWindow::addJob()
{
    auto* dialog = new AddJobDialog(m_service, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &AddJobDialog::jobCreated, this, [this](JobType type, const QString& name) {
        statusBar()->showMessage(tr("WebJob %1 added.").arg(name), 5000);
        // The row arrives with the service's jobAdded, maybe after this answer.
        const auto select = [this, type, name] { selectJob(type, name); };
        if (m_model->indexOf(type, name).isValid())
            select();
        else
            connect(m_model, &QAbstractItemModel::rowsInserted, this, select, Qt::SingleShotConnection);
    });
    dialog->open();
}

void MainWindow::runJob()
{
    if (const JobEntry* entry = currentEntry())
        reportReply(tr("Run"), m_service->triggerRun(entry->job.name()));
}

void MainWindow::runJobWithArguments()
{
    const JobEntry* entry = currentEntry();
    if (!entry)
        return;
    const QString name = entry->job.name();
    auto* dialog = new QInputDialog(this);
    dialog->setObjectName(u"argumentsDialog"_s);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Run with arguments"));
    dialog->setLabelText(tr("Arguments passed to %1:").arg(name));
    connect(dialog, &QInputDialog::textValueSelected, this,
        [this, name](const QString& arguments) { reportReply(tr("Run"), m_service->triggerRun(name, arguments)); });
    dialog->open();
}

void MainWindow::startJob()
{
    if (const JobEntry* entry = currentEntry())
        reportReply(tr("Start"), m_service->startContinuous(entry->job.name()));
}

void MainWindow::stopJob()
{
    if (const JobEntry* entry = currentEntry())
        reportReply(tr("Stop"), m_service->stopContinuous(entry->job.name()));
}

void MainWindow::abortRun()
{
    const JobEntry* entry = currentEntry();
    if (!entry || !entry->job.latestRun())
        return;
    reportReply(tr("Abort run"), m_service->abortRun(entry->job.name(), entry->job.latestRun()->id()));
}

void MainWindow::deleteJob()
{
    const JobEntry* entry = currentEntry();
    if (!entry)
        return;
    const JobType type = entry->job.type();
    const QString name = entry->job.name();
    const auto answer = MessageBox::question(this, tr("Delete WebJob"),
        tr("Delete the WebJob %1 with its history and logs? This cannot be undone.").arg(name),
        QMessageBox::Yes | QMessageBox::No, QMessageBox::No);
    if (answer != QMessageBox::Yes)
        return;
    reportReply(tr("Delete WebJob"), m_service->deleteJob(type, name));
}

void MainWindow::editSchedule()
{
    const JobEntry* entry = currentEntry();
    if (!entry || !entry->job.isTriggered())
        return;
    auto* dialog = new SettingsDialog(m_service, entry->job.type(), entry->job.name(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->openScheduleWizard();
}

void MainWindow::editSettings()
{
    const JobEntry* entry = currentEntry();
    if (!entry)
        return;
    auto* dialog = new SettingsDialog(m_service, entry->job.type(), entry->job.name(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::finished, this, &MainWindow::fillConnectMenu);
    dialog->open();
}

void MainWindow::refresh()
{
    // A reload resets the model: keep the selected job and the scroll position across it.
    QString key;
    if (const JobEntry* entry = currentEntry())
        key = entry->key();
    const int scroll = m_view->verticalScrollBar()->value();
    connect(
        m_model, &JobListModel::loaded, this,
        [this, key, scroll] {
            if (!key.isEmpty()) {
                const QString type = key.section(u'/', 0, 0);
                const QString name = key.section(u'/', 1);
                if (const std::optional<JobType> jobType = jobTypeFromName(type)) {
                    const QModelIndex index = m_proxy->mapFromSource(m_model->indexOf(*jobType, name));
                    if (index.isValid())
                        m_view->setCurrentIndex(index);
                }
            }
            m_view->verticalScrollBar()->setValue(scroll);
            updateActions();
        },
        Qt::SingleShotConnection);
    m_model->refresh();
}

void MainWindow::openLogs()
{
    const JobEntry* entry = currentEntry();
    if (!entry)
        return;
    if (entry->job.isContinuous()) {
        auto* dialog = new RunDetailsDialog(m_service, JobType::Continuous, entry->job.name(), {}, this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->show();
        return;
    }
    if (const std::optional<JobRun> latest = entry->job.latestRun()) {
        auto* dialog = new RunDetailsDialog(m_service, JobType::Triggered, entry->job.name(), latest->id(), this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->setOutputVisible(true);
        dialog->show();
    }
}

void MainWindow::showDetails()
{
    const JobEntry* entry = currentEntry();
    if (!entry)
        return;
    auto* dialog = new JobDetailsDialog(m_service, *entry, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &JobDetailsDialog::runActivated, this, &MainWindow::showRunDetails);
    dialog->show();
}

void MainWindow::showRunDetails(const QString& jobName, const QString& runId)
{
    const JobType type = runId.isEmpty() ? JobType::Continuous : JobType::Triggered;
    // One window per run: asking again brings it forward.
    const QString name = u"runDetailsDialog"_s;
    for (RunDetailsDialog* open : findChildren<RunDetailsDialog*>(name, Qt::FindDirectChildrenOnly)) {
        if (open->jobName() == jobName && open->runId() == runId && open->isVisible()) {
            open->raise();
            open->activateWindow();
            return;
        }
    }
    auto* dialog = new RunDetailsDialog(m_service, type, jobName, runId, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
    dialog->raise();
    dialog->activateWindow();
}

void MainWindow::showPreferences()
{
    auto* dialog = new PreferencesDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::finished, this, &MainWindow::fillConnectMenu);
    dialog->open();
}

void MainWindow::showAbout()
{
    const QString text = tr("<h3>WebJobs Console %1</h3>"
                            "<p>Runs scripts and programs on demand, continuously or on a schedule, and shows "
                            "their status, history and output logs.</p>"
                            "<p>Connected to: %2</p>"
                            "<p>It manages the WebJobs of its own embedded host, of a webjobs-agent on any "
                            "machine, or of a Kudu site, through Kudu's WebJobs REST API.</p>"
                            "<p>Released under the MIT licence. Built with Qt %3.</p>")
                             .arg(QStringLiteral(WEBJOBS_VERSION), m_service->displayName().toHtmlEscaped(),
                                 QString::fromLatin1(qVersion()));
    MessageBox::about(this, tr("About WebJobs Console"), text);
}

void MainWindow::showDocumentation()
{
    // The documentation installed with the package, else the one beside the sources.
    for (const QString& folder : {QStringLiteral(WEBJOBS_DOC_DIR), QStringLiteral(WEBJOBS_SOURCE_DOC_DIR)}) {
        if (QFileInfo(folder).isDir()) {
            QDesktopServices::openUrl(QUrl::fromLocalFile(folder));
            return;
        }
    }
    showError(tr("Documentation"),
        tr("The documentation is not installed. Install the webjobs-console package, "
           "or read the docs folder of the sources."));
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    saveLayout();
    event->accept();
}

void MainWindow::restoreLayout()
{
    QSettings settings;
    if (!restoreGeometry(settings.value(u"mainWindow/geometry"_s).toByteArray()))
        resize(1100, 700);
    restoreState(settings.value(u"mainWindow/state"_s).toByteArray());
    m_view->header()->restoreState(settings.value(u"mainWindow/columns"_s).toByteArray());
}

void MainWindow::saveLayout() const
{
    QSettings settings;
    settings.setValue(u"mainWindow/geometry"_s, saveGeometry());
    settings.setValue(u"mainWindow/state"_s, saveState());
    settings.setValue(u"mainWindow/columns"_s, m_view->header()->saveState());
}

} // namespace WebJobs
