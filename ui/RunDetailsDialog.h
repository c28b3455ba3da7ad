#pragma once

// "WebJob run details": a run's status, times, duration, trigger, command (the job's script),
// arguments and exit code; Output shows its log in the run-log viewer (ui/log/LogViewer: the
// tail first, following while the run runs, search, levels, go to line or time), with the
// times of its lines in the time zone of the start and end times above it; Download saves the
// raw log through a file dialog, with progress; Copy log URL puts the log's address on the
// clipboard. Without a run id it shows a continuous job's log, followed.

#include "core/model/JobRun.h"
#include "core/model/JobType.h"

#include <QDialog>

class QLabel;
class QProgressBar;
class QPushButton;

namespace WebJobs {

class JobService;
class LogViewer;

class RunDetailsDialog : public QDialog
{
    Q_OBJECT

public:
    RunDetailsDialog(
        JobService* service, JobType type, const QString& jobName, const QString& runId, QWidget* parent = nullptr);

    QString jobName() const { return m_jobName; }
    QString runId() const { return m_runId; }
    void setOutputVisible(bool visible);
    LogViewer* logViewer() const { return m_viewer; }
    // The log's lines on screen.
    QString logText() const;

Q_SIGNALS:
    void runLoaded();
    // The first screen of the log (its tail) is shown.
    void logLoaded();

private:
    void loadRun();
    void openLog();
    void download();
    QString suggestedFileName() const;

    JobService* m_service;
    JobType m_type;
    QString m_jobName;
    QString m_runId;
    QLabel* m_statusLabel;
    QLabel* m_startLabel;
    QLabel* m_endLabel;
    QLabel* m_durationLabel;
    QLabel* m_triggerLabel;
    QLabel* m_argumentsLabel;
    QLabel* m_exitCodeLabel;
    QLabel* m_commandLabel;
    QPushButton* m_outputButton;
    QPushButton* m_downloadButton;
    QPushButton* m_copyUrlButton;
    QProgressBar* m_progressBar;
    QLabel* m_confirmationLabel;
    LogViewer* m_viewer;
    bool m_running = false;
    bool m_followed = false;
};

} // namespace WebJobs
