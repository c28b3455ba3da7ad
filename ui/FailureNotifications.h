#pragma once

// The in-window notification area for failures: a bar above the job list that stays until the
// user has seen it, on every desktop (a system tray is missing from many desktops and from
// every remote session). It holds the failures not yet seen, newest first, shows the newest
// with the count of the others, and offers to open the failed run (which marks it seen) or to
// dismiss it. The message names the job, the exit code explained (a signal by its name) and
// the run's first error line, read from its log off the GUI thread.
//
// Lives in the GUI thread, over the window's JobService.

#include "core/model/JobRun.h"
#include "core/service/JobService.h"

#include <QFrame>
#include <QList>

class QLabel;
class QPushButton;

namespace WebJobs {

class FailureNotifications : public QFrame
{
    Q_OBJECT

public:
    struct Failure
    {
        QString jobName;
        QString runId; // empty for a continuous job's crash loop
        QString text;
    };

    explicit FailureNotifications(JobService* service, QWidget* parent = nullptr);

    // The failures not yet seen, newest first.
    QList<Failure> pending() const { return m_pending; }

    // A triggered run that failed: shown at once, completed with its first error line when
    // the log has been read.
    void addFailedRun(const JobRun& run);
    // A continuous job that keeps exiting soon after each start.
    void addCrashLoop(const QString& jobName);

    // The first line the job wrote to standard error in `log` (Kudu's line format), without
    // its prefix; empty when there is none.
    static QString firstErrorLine(const QByteArray& log);

public Q_SLOTS:
    // Opens the newest failure (openRequested) and marks it seen.
    void openCurrent();
    // Marks the newest failure seen without opening it.
    void dismissCurrent();
    void dismissAll();

Q_SIGNALS:
    void openRequested(const QString& jobName, const QString& runId);

private:
    void add(const Failure& failure);
    void showCurrent();

    JobService* m_service;
    QList<Failure> m_pending;
    QLabel* m_iconLabel;
    QLabel* m_messageLabel;
    QLabel* m_moreLabel;
    QPushButton* m_openButton;
    QPushButton* m_dismissButton;
    QPushButton* m_dismissAllButton;
};

} // namespace WebJobs
