#pragma once

// The console's main window: the WebJobs blade. A filterable, sortable list of the jobs of a
// JobService, with the actions on the toolbar, in the list's context menu and on keys; each
// action is enabled only where it applies to the selected job. Dialogs open without blocking
// (open(), never exec()), so that the window keeps updating while they are shown. A failed run
// or a crash loop shows in the notification area above the list until seen (and in the tray
// where there is one); either opens the run's details. An empty list says how to add a job. A
// site that runs several instances on one database says so in the status bar, which opens their
// table (InstancesDialog).

#include "core/model/JobType.h"
#include "core/service/JobService.h"

#include <QMainWindow>
#include <QPointer>

class QAction;
class QComboBox;
class QLabel;
class QLineEdit;
class QMenu;
class QStackedWidget;
class QSystemTrayIcon;
class QToolButton;
class QTreeView;

namespace WebJobs {

class FailureNotifications;
class InstancesDialog;
class JobFilterProxyModel;
class JobListModel;
struct JobEntry;

class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(JobService* service, QWidget* parent = nullptr);
    ~MainWindow() override;

    JobListModel* jobModel() const { return m_model; }
    QTreeView* jobView() const { return m_view; }
    FailureNotifications* failureNotifications() const { return m_failures; }
    // Selects the row of a job (for tests and after adding a job).
    void selectJob(JobType type, const QString& name);
    // The titles of the windows open over this one that hold something of the user's: text
    // typed in a field, or an operation under way (a progress bar, such as an upload's). What
    // closing this window (a switch of connection) would lose.
    QStringList windowsWithUserInput() const;

public Q_SLOTS:
    void addJob();
    void runJob();
    void runJobWithArguments();
    void startJob();
    void stopJob();
    void abortRun();
    void deleteJob();
    void editSchedule();
    void editSettings();
    void refresh();
    void openLogs();
    void showDetails();
    void showPreferences();
    void showAbout();
    void showDocumentation();
    void showRunDetails(const QString& jobName, const QString& runId);
    // What clicking the last failure notification does: the failed run's details (or the
    // crashing job's log).
    void openNotifiedRun();
    // The instances of the site, when it runs several on one database (InstancesDialog,
    // without blocking; raised when already open).
    void showInstances();
    // The saved connections (ConnectionsDialog, without blocking).
    void manageConnections();
    // Keeps the geometry, toolbar state and columns for the next window.
    void saveLayout() const;
    // Marks the connection in use again in File > Connect to and the toolbar's combo (after a
    // switch the user chose there did not happen).
    void showCurrentConnection();

Q_SIGNALS:
    // The user chose a connection in File > Connect to ("" for this machine): the application
    // replaces the service (and this window).
    void connectionRequested(const QString& name);

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void createActions();
    void updateActions();
    void updateStatusBar();
    void updateInstancesButton();
    void updateEmptyState();
    void showError(const QString& title, const QString& text);
    void reportReply(const QString& title, const QFuture<ServiceReply>& future);
    void notifyFailure(const QString& title, const QString& text, const QString& jobName, const QString& runId);
    const JobEntry* currentEntry() const;
    void restoreLayout();
    void fillConnectMenu();

    JobService* m_service;
    JobListModel* m_model;
    JobFilterProxyModel* m_proxy;
    QTreeView* m_view;
    QStackedWidget* m_listStack;
    QWidget* m_emptyState;
    FailureNotifications* m_failures;
    QLineEdit* m_filterEdit;
    QComboBox* m_statusFilterCombo;
    QLabel* m_connectionLabel;
    QLabel* m_countLabel;
    // "3 instances · 1 unresponsive": shown when the site runs several instances.
    QToolButton* m_instancesButton;
    QPointer<InstancesDialog> m_instancesDialog;
    QMenu* m_contextMenu;
    QMenu* m_connectMenu;
    QComboBox* m_connectionCombo;
    QSystemTrayIcon* m_tray = nullptr;
    QString m_notifiedJob;
    QString m_notifiedRun;

    QAction* m_addAction;
    QAction* m_runAction;
    QAction* m_runWithArgumentsAction;
    QAction* m_startAction;
    QAction* m_stopAction;
    QAction* m_abortAction;
    QAction* m_deleteAction;
    QAction* m_editScheduleAction;
    QAction* m_settingsAction;
    QAction* m_refreshAction;
    QAction* m_openLogsAction;
    QAction* m_detailsAction;
    QAction* m_preferencesAction;
    QAction* m_quitAction;
    QAction* m_manageConnectionsAction;
    QAction* m_aboutAction;
    QAction* m_documentationAction;
};

} // namespace WebJobs
