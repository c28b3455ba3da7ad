#pragma once

// "Instances": the agents of a site that share one PostgreSQL database (issue #15), as the
// instance the console talks to lists them: a table of their ids, host names, process ids,
// starts, last heartbeats and states (InstanceListModel), the one the console talks to marked,
// and whether the database answers. Opened from the main window's status bar; follows the
// service's instancesChanged() while open, and asks for a fresh list when it opens.

#include <QDialog>

class QLabel;
class QTreeView;

namespace WebJobs {

class InstanceListModel;
class JobService;

class InstancesDialog : public QDialog
{
    Q_OBJECT

public:
    explicit InstancesDialog(JobService* service, QWidget* parent = nullptr);

    InstanceListModel* model() const { return m_model; }
    // What the status bar says of the service's instances ("3 instances · 1 unresponsive",
    // "2 instances · database unreachable"); empty when there is nothing to say (no cluster).
    static QString summary(const JobService* service);
    // Whether the main window shows the instances: more than one, or a database problem.
    static bool isWorthShowing(const JobService* service);

private:
    void update();

    JobService* m_service;
    InstanceListModel* m_model;
    QLabel* m_summaryLabel;
    QTreeView* m_view;
    QLabel* m_databaseLabel;
};

} // namespace WebJobs
