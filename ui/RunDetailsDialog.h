#pragma once

// "WebJob run details": a run's status, times, duration, trigger, command (the job's script),
// arguments and exit code; Output shows its log in a read-only view (read off the GUI thread by the service);
// Download saves the raw log through a file dialog, with progress; Copy log URL puts the log's
// address on the clipboard. Without a run id it shows a continuous job's log.

#include "core/model/JobRun.h"
#include "core/model/JobType.h"

#include <QDialog>

class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;

namespace WebJobs {

class JobService;

class RunDetailsDialog : public QDialog
{
    Q_OBJECT

public:
    // The largest part of a log the simple view shows (its beginning).
    static constexpr qint64 MaxShownBytes = 4 * 1024 * 1024;

    RunDetailsDialog(
        JobService* service, JobType type, const QString& jobName, const QString& runId, QWidget* parent = nullptr);

    QString jobName() const { return m_jobName; }
    QString runId() const { return m_runId; }
    void setOutputVisible(bool visible);
    QString logText() const;

Q_SIGNALS:
    void runLoaded();
    void logLoaded();

private:
    void loadRun();
    void loadLog();
    void download();

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
    QPlainTextEdit* m_logView;
};

} // namespace WebJobs
