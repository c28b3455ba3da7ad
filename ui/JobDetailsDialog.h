#pragma once

// A job's details: the command it runs, its last run and result, "Recent job runs" (the
// history, newest first, 30 at first and more on scroll) and a chart of the loaded runs'
// durations over time, each point coloured by its result, so that a person sees at a glance
// that runs got slower or started failing. Activating a run asks for its details. "Download
// all logs" saves every run's log in one zip, with progress and Cancel. A continuous job shows
// its log in the run-log viewer instead, followed as it grows.

#include "core/service/JobEntry.h"

#include <QDialog>

class QChart;
class QChartView;
class QLabel;
class QProgressBar;
class QPushButton;
class QTreeView;

namespace WebJobs {

class JobService;
class LogArchiveExport;
class LogViewer;
class RunHistoryModel;

class JobDetailsDialog : public QDialog
{
    Q_OBJECT

public:
    JobDetailsDialog(JobService* service, const JobEntry& entry, QWidget* parent = nullptr);

    RunHistoryModel* historyModel() const { return m_history; }
    // The continuous job's log; null for a triggered job.
    LogViewer* logViewer() const { return m_viewer; }
    // Saves every run's log into the zip `path`.
    void downloadAllLogs(const QString& path);

Q_SIGNALS:
    void runActivated(const QString& jobName, const QString& runId);
    // "Download all logs" ended: an empty `error` when the zip was written.
    void logsDownloaded(const QString& path, const QString& error);

private:
    void updateSummary();
    void updateChart();
    void chooseLogsZip();

    JobService* m_service;
    JobEntry m_entry;
    RunHistoryModel* m_history = nullptr;
    QLabel* m_commandLabel;
    QLabel* m_lastRunLabel;
    QLabel* m_resultLabel;
    QLabel* m_scheduleLabel;
    QTreeView* m_historyView = nullptr;
    QChartView* m_chartView = nullptr;
    LogViewer* m_viewer = nullptr;
    QPushButton* m_downloadAllButton = nullptr;
    QPushButton* m_cancelDownloadButton = nullptr;
    QProgressBar* m_downloadProgress = nullptr;
    QLabel* m_downloadLabel = nullptr;
    LogArchiveExport* m_export = nullptr;
};

} // namespace WebJobs
