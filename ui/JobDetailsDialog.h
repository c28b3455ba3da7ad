#pragma once

// A job's details: the command it runs, its last run and result, "Recent job runs" (the
// history, newest first, 30 at first and more on scroll) and a chart of the loaded runs'
// durations over time, each point coloured by its result, so that a person sees at a glance
// that runs got slower or started failing. Activating a run asks for its details.

#include "core/service/JobEntry.h"

#include <QDialog>

class QChart;
class QChartView;
class QLabel;
class QTreeView;

namespace WebJobs {

class JobService;
class RunHistoryModel;

class JobDetailsDialog : public QDialog
{
    Q_OBJECT

public:
    JobDetailsDialog(JobService* service, const JobEntry& entry, QWidget* parent = nullptr);

    RunHistoryModel* historyModel() const { return m_history; }

Q_SIGNALS:
    void runActivated(const QString& jobName, const QString& runId);

private:
    void updateSummary();
    void updateChart();

    JobService* m_service;
    JobEntry m_entry;
    RunHistoryModel* m_history = nullptr;
    QLabel* m_commandLabel;
    QLabel* m_lastRunLabel;
    QLabel* m_resultLabel;
    QLabel* m_scheduleLabel;
    QTreeView* m_historyView = nullptr;
    QChartView* m_chartView = nullptr;
};

} // namespace WebJobs
