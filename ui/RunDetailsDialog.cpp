#include "ui/RunDetailsDialog.h"

#include "core/service/JobService.h"
#include "ui/FileDialog.h"
#include "ui/FutureCallback.h"
#include "ui/JobText.h"
#include "ui/MessageBox.h"
#include "ui/log/LogDocument.h"
#include "ui/log/LogSource.h"
#include "ui/log/LogView.h"
#include "ui/log/LogViewer.h"
#include "ui/log/RunLogSource.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QDir>
#include <QFormLayout>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace WebJobs {

RunDetailsDialog::RunDetailsDialog(
    JobService* service, JobType type, const QString& jobName, const QString& runId, QWidget* parent)
    : QDialog(parent)
    , m_service(service)
    , m_type(type)
    , m_jobName(jobName)
    , m_runId(runId)
{
    setObjectName(u"runDetailsDialog"_s);
    setWindowTitle(runId.isEmpty() ? tr("WebJob log: %1").arg(jobName) : tr("WebJob run details: %1").arg(jobName));
    resize(940, 700);

    const auto label = [this](const QString& name) {
        auto* widget = new QLabel(this);
        widget->setObjectName(name);
        widget->setTextInteractionFlags(Qt::TextSelectableByMouse);
        return widget;
    };
    m_statusLabel = label(u"statusValueLabel"_s);
    m_startLabel = label(u"startValueLabel"_s);
    m_endLabel = label(u"endValueLabel"_s);
    m_durationLabel = label(u"durationValueLabel"_s);
    m_triggerLabel = label(u"triggerValueLabel"_s);
    m_argumentsLabel = label(u"argumentsValueLabel"_s);
    m_exitCodeLabel = label(u"exitCodeValueLabel"_s);
    m_commandLabel = label(u"commandValueLabel"_s);

    auto* layout = new QVBoxLayout(this);
    if (!runId.isEmpty()) {
        auto* form = new QFormLayout;
        form->addRow(tr("Status"), m_statusLabel);
        form->addRow(tr("Start time"), m_startLabel);
        form->addRow(tr("End time"), m_endLabel);
        form->addRow(tr("Duration"), m_durationLabel);
        form->addRow(tr("Trigger"), m_triggerLabel);
        form->addRow(tr("Command"), m_commandLabel);
        form->addRow(tr("Arguments"), m_argumentsLabel);
        form->addRow(tr("Exit code"), m_exitCodeLabel);
        layout->addLayout(form);
    }

    m_outputButton = new QPushButton(tr("Output"), this);
    m_outputButton->setObjectName(u"outputButton"_s);
    m_outputButton->setCheckable(true);
    m_downloadButton = new QPushButton(tr("Download"), this);
    m_downloadButton->setObjectName(u"downloadButton"_s);
    m_copyUrlButton = new QPushButton(tr("Copy log URL"), this);
    m_copyUrlButton->setObjectName(u"copyUrlButton"_s);
    // The log viewer below takes Return and Enter: none of these is the dialog's default.
    for (QPushButton* button : {m_outputButton, m_downloadButton, m_copyUrlButton})
        button->setAutoDefault(false);
    auto* buttonRow = new QHBoxLayout;
    buttonRow->addWidget(m_outputButton);
    buttonRow->addWidget(m_downloadButton);
    buttonRow->addWidget(m_copyUrlButton);
    // What Download and Copy log URL did, said where the user looks.
    m_confirmationLabel = new QLabel(this);
    m_confirmationLabel->setObjectName(u"confirmationLabel"_s);
    m_confirmationLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    buttonRow->addWidget(m_confirmationLabel, 1);
    layout->addLayout(buttonRow);

    m_progressBar = new QProgressBar(this);
    m_progressBar->setObjectName(u"downloadProgressBar"_s);
    m_progressBar->setVisible(false);
    layout->addWidget(m_progressBar);

    m_viewer = new LogViewer(this);
    m_viewer->setDownloadVisible(false); // the Download button above saves the log
    m_viewer->setSuggestedFileName(suggestedFileName());
    m_viewer->setVisible(false);
    layout->addWidget(m_viewer, 1);
    if (!runId.isEmpty())
        layout->addStretch(0);
    connect(m_viewer, &LogViewer::firstScreenShown, this, &RunDetailsDialog::logLoaded);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);

    connect(m_outputButton, &QPushButton::toggled, this, &RunDetailsDialog::setOutputVisible);
    connect(m_downloadButton, &QPushButton::clicked, this, &RunDetailsDialog::download);
    connect(m_copyUrlButton, &QPushButton::clicked, this, [this] {
        QApplication::clipboard()->setText(m_service->logUrl(m_type, m_jobName, m_runId).toString());
        m_confirmationLabel->setText(tr("The log's URL is on the clipboard."));
    });
    connect(service, &JobService::runFinished, this, [this](const JobRun& run) {
        if (run.jobName() == m_jobName && run.id() == m_runId) {
            loadRun();
            // The last lines, then nothing more to wait for.
            m_running = false;
            if (m_viewer->isOpen()) {
                m_viewer->document()->source()->refresh();
                m_viewer->setWatching(false);
            }
        }
    });
    // The output is what a person opens a run for: shown from the start (the button hides it).
    if (!runId.isEmpty())
        loadRun();
    setOutputVisible(true);
}

void RunDetailsDialog::loadRun()
{
    whenFinished(this, m_service->job(m_type, m_jobName), [this](const std::optional<JobEntry>& entry) {
        if (entry)
            m_commandLabel->setText(entry->job.runCommand());
    });
    whenFinished(this, m_service->run(m_jobName, m_runId), [this](const std::optional<JobRun>& run) {
        if (!run) {
            m_statusLabel->setText(tr("This run no longer exists."));
            return;
        }
        m_statusLabel->setText(JobText::status(run->status()));
        m_running = run->status() == JobStatus::Running || run->status() == JobStatus::Initializing;
        if (m_running && m_viewer->isOpen() && !m_followed) {
            m_followed = true;
            m_viewer->setWatching(true);
            m_viewer->setFollowing(true);
        }
        m_startLabel->setText(JobText::preciseDateTime(run->startTime()));
        m_endLabel->setText(JobText::preciseDateTime(run->endTime()));
        m_durationLabel->setText(JobText::duration(run->elapsed(Instant::now())));
        m_triggerLabel->setText(JobText::trigger(run->trigger()));
        m_argumentsLabel->setText(run->arguments());
        m_exitCodeLabel->setText(JobText::exitCode(run->exitCode()));
        Q_EMIT runLoaded();
    });
}

void RunDetailsDialog::setOutputVisible(bool visible)
{
    {
        const QSignalBlocker blocker(m_outputButton);
        m_outputButton->setChecked(visible);
    }
    m_viewer->setVisible(visible);
    if (visible && !m_viewer->isOpen())
        openLog();
}

QString RunDetailsDialog::logText() const
{
    return m_viewer->view()->visibleText();
}

QString RunDetailsDialog::suggestedFileName() const
{
    return m_runId.isEmpty() ? u"%1_job_log.txt"_s.arg(m_jobName) : u"%1_%2_output_log.txt"_s.arg(m_jobName, m_runId);
}

void RunDetailsDialog::openLog()
{
    m_viewer->open(openRunLog(m_service, m_type, m_jobName, m_runId));
    // A continuous job's log, or a run still running, grows: follow it.
    if (m_runId.isEmpty() || m_running) {
        m_followed = true;
        m_viewer->setWatching(true);
        m_viewer->setFollowing(true);
    }
}

void RunDetailsDialog::download()
{
    const QString suggested = QDir::home().filePath(suggestedFileName());
    const QString path = FileDialog::getSaveFileName(this, tr("Save the log"), suggested, tr("Text files (*.txt)"));
    if (path.isEmpty())
        return;
    m_downloadButton->setEnabled(false);
    m_progressBar->setVisible(true);
    m_progressBar->setRange(0, 0);
    auto* watcher = new QFutureWatcher<ServiceReply>(this);
    connect(watcher, &QFutureWatcher<ServiceReply>::progressRangeChanged, m_progressBar, &QProgressBar::setRange);
    connect(watcher, &QFutureWatcher<ServiceReply>::progressValueChanged, m_progressBar, &QProgressBar::setValue);
    connect(watcher, &QFutureWatcher<ServiceReply>::finished, this, [this, watcher, path] {
        watcher->deleteLater();
        m_downloadButton->setEnabled(true);
        m_progressBar->setVisible(false);
        const ServiceReply reply = watcher->future().resultCount() > 0 ? watcher->result() : ServiceReply {};
        if (!reply.ok())
            MessageBox::warning(this, tr("Download"), reply.error.message);
        else
            m_confirmationLabel->setText(tr("Saved to %1").arg(QDir::toNativeSeparators(path)));
    });
    watcher->setFuture(m_service->saveLog(m_type, m_jobName, m_runId, path));
}

} // namespace WebJobs
