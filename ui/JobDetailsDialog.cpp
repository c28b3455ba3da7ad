#include "ui/JobDetailsDialog.h"

#include "core/service/JobService.h"
#include "ui/FileDialog.h"
#include "ui/ItemDelegate.h"
#include "ui/JobText.h"
#include "ui/RunHistoryModel.h"
#include "ui/log/LogArchiveExport.h"
#include "ui/log/LogViewer.h"
#include "ui/log/RunLogSource.h"

#include <QChart>
#include <QChartView>
#include <QDateTimeAxis>
#include <QDialogButtonBox>
#include <QDir>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineSeries>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QScatterSeries>
#include <QSplitter>
#include <QTreeView>
#include <QVBoxLayout>
#include <QValueAxis>

using namespace Qt::StringLiterals;

namespace WebJobs {

JobDetailsDialog::JobDetailsDialog(JobService* service, const JobEntry& entry, QWidget* parent)
    : QDialog(parent)
    , m_service(service)
    , m_entry(entry)
{
    setObjectName(u"jobDetailsDialog"_s);
    setWindowTitle(tr("WebJob details: %1").arg(entry.job.name()));
    resize(860, 640);

    m_commandLabel = new QLabel(this);
    m_commandLabel->setObjectName(u"commandLabel"_s);
    m_lastRunLabel = new QLabel(this);
    m_lastRunLabel->setObjectName(u"lastRunLabel"_s);
    m_resultLabel = new QLabel(this);
    m_resultLabel->setObjectName(u"resultLabel"_s);
    m_scheduleLabel = new QLabel(this);
    m_scheduleLabel->setObjectName(u"scheduleLabel"_s);
    m_scheduleLabel->setWordWrap(true);
    auto* form = new QFormLayout;
    form->addRow(tr("Command run"), m_commandLabel);
    form->addRow(tr("Schedule"), m_scheduleLabel);
    form->addRow(tr("Last run"), m_lastRunLabel);
    form->addRow(tr("Result"), m_resultLabel);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);

    if (entry.job.isTriggered()) {
        auto* heading = new QLabel(tr("Recent job runs"), this);
        heading->setObjectName(u"historyHeadingLabel"_s);
        QFont font = heading->font();
        font.setBold(true);
        heading->setFont(font);
        layout->addWidget(heading);

        m_history = new RunHistoryModel(service, entry.job.name(), this);
        m_historyView = new QTreeView(this);
        m_historyView->setObjectName(u"historyView"_s);
        m_historyView->setModel(m_history);
        m_historyView->setRootIsDecorated(false);
        m_historyView->setUniformRowHeights(true);
        m_historyView->setItemDelegate(new ItemDelegate(m_historyView));
        m_historyView->setSelectionBehavior(QAbstractItemView::SelectRows);
        m_historyView->setColumnWidth(RunHistoryModel::StartColumn, 200);

        auto* chart = new QChart;
        // Axis labels through the locale, as every other number ("5,8" in French).
        chart->setLocalizeNumbers(true);
        chart->setLocale(QLocale());
        chart->setTitle(tr("Duration of recent runs"));
        chart->legend()->setAlignment(Qt::AlignBottom);
        chart->setMargins(QMargins(4, 4, 4, 4));
        m_chartView = new QChartView(chart, this);
        m_chartView->setObjectName(u"durationChartView"_s);
        m_chartView->setRenderHint(QPainter::Antialiasing);
        m_chartView->setMinimumHeight(260);

        auto* splitter = new QSplitter(Qt::Vertical, this);
        splitter->addWidget(m_historyView);
        splitter->addWidget(m_chartView);
        splitter->setStretchFactor(0, 1);
        splitter->setStretchFactor(1, 1);
        layout->addWidget(splitter, 1);

        // One click opens a run's details, as in the portal; Enter does too.
        const auto activate = [this](const QModelIndex& index) {
            Q_EMIT runActivated(m_entry.job.name(), index.data(RunHistoryModel::RunIdRole).toString());
        };
        connect(m_historyView, &QTreeView::clicked, this, activate);
        connect(m_historyView, &QTreeView::activated, this, activate);
        connect(m_history, &RunHistoryModel::loaded, this, &JobDetailsDialog::updateChart);
        m_downloadAllButton = new QPushButton(tr("Download all logs"), this);
        m_downloadAllButton->setObjectName(u"downloadAllLogsButton"_s);
        m_downloadAllButton->setToolTip(tr("Save the log of every run in one zip, each named by its start time"));
        m_cancelDownloadButton = new QPushButton(tr("Cancel"), this);
        m_cancelDownloadButton->setObjectName(u"cancelDownloadAllButton"_s);
        m_cancelDownloadButton->setVisible(false);
        m_downloadAllButton->setAutoDefault(false);
        m_cancelDownloadButton->setAutoDefault(false);
        m_downloadProgress = new QProgressBar(this);
        m_downloadProgress->setObjectName(u"downloadAllProgressBar"_s);
        m_downloadProgress->setVisible(false);
        m_downloadLabel = new QLabel(this);
        m_downloadLabel->setObjectName(u"downloadAllLabel"_s);
        m_downloadLabel->setWordWrap(true);
        auto* downloadRow = new QHBoxLayout;
        downloadRow->addWidget(m_downloadAllButton);
        downloadRow->addWidget(m_downloadProgress, 1);
        downloadRow->addWidget(m_cancelDownloadButton);
        downloadRow->addWidget(m_downloadLabel, 2);
        layout->addLayout(downloadRow);
        connect(m_downloadAllButton, &QPushButton::clicked, this, &JobDetailsDialog::chooseLogsZip);
        connect(m_cancelDownloadButton, &QPushButton::clicked, this, [this] {
            if (m_export)
                m_export->cancel();
        });

        connect(m_history, &RunHistoryModel::loaded, this, [this, heading] {
            heading->setText(tr("Recent job runs") + u" — "_s
                + tr("%n run(s) in the history", nullptr, int(m_history->totalCount())));
            if (!m_history->runs().isEmpty())
                m_entry.job.setLatestRun(m_history->runs().constFirst());
            updateSummary();
        });
    } else {
        // A continuous job's log, followed as it grows.
        m_viewer = new LogViewer(this);
        m_viewer->setSuggestedFileName(u"%1_job_log.txt"_s.arg(entry.job.name()));
        layout->addWidget(m_viewer, 1);
        m_viewer->open(openRunLog(service, JobType::Continuous, entry.job.name(), {}));
        m_viewer->setWatching(true);
        m_viewer->setFollowing(true);
    }
    connect(service, &JobService::jobsChanged, this, [this](const QList<JobEntry>& entries) {
        for (const JobEntry& changed : entries) {
            if (changed.key() == m_entry.key()) {
                m_entry = changed;
                updateSummary();
            }
        }
    });

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    updateSummary();
}

void JobDetailsDialog::chooseLogsZip()
{
    const QString path = FileDialog::getSaveFileName(this, tr("Save all logs"),
        QDir::home().filePath(u"%1_logs.zip"_s.arg(m_entry.job.name())), tr("Zip archives (*.zip)"));
    if (!path.isEmpty())
        downloadAllLogs(path);
}

void JobDetailsDialog::downloadAllLogs(const QString& path)
{
    if (!m_downloadAllButton || (m_export && m_export->isRunning()))
        return;
    delete m_export;
    m_export = new LogArchiveExport(m_service, m_entry.job.name(), path, this);
    m_downloadAllButton->setEnabled(false);
    m_cancelDownloadButton->setVisible(true);
    m_downloadProgress->setVisible(true);
    m_downloadProgress->setRange(0, 0);
    m_downloadLabel->clear();
    const auto done = [this] {
        m_downloadAllButton->setEnabled(true);
        m_cancelDownloadButton->setVisible(false);
        m_downloadProgress->setVisible(false);
    };
    connect(m_export, &LogArchiveExport::progress, this, [this](qint64 written, qint64 total) {
        // In KiB, so that the range fits an int for logs of any size.
        m_downloadProgress->setRange(0, int(total / 1024) + 1);
        m_downloadProgress->setValue(int(written / 1024));
    });
    connect(m_export, &LogArchiveExport::failed, this, [this, done, path](const QString& message) {
        done();
        m_downloadLabel->setText(message);
        Q_EMIT logsDownloaded(path, message);
    });
    connect(m_export, &LogArchiveExport::finished, this, [this, done](const QString& written, int logs, int missing) {
        done();
        QString text = tr("%n log(s) saved to %1.", nullptr, logs).arg(QDir::toNativeSeparators(written));
        if (missing > 0)
            text += u' ' + tr("%n run(s) had no log.", nullptr, missing);
        m_downloadLabel->setText(text);
        Q_EMIT logsDownloaded(written, {});
    });
    m_export->start();
}

void JobDetailsDialog::updateSummary()
{
    const Job& job = m_entry.job;
    m_commandLabel->setText(job.runCommand());
    m_scheduleLabel->setText(JobText::mode(job));
    if (job.isContinuous()) {
        m_lastRunLabel->setText(JobText::status(job.status()));
        m_resultLabel->setText(job.detailedStatus().trimmed());
        return;
    }
    if (const std::optional<JobRun> run = job.latestRun()) {
        m_lastRunLabel->setText(JobText::dateTime(run->startTime()));
        m_resultLabel->setText(JobText::status(run->status()));
    } else {
        m_lastRunLabel->setText(tr("Never"));
        m_resultLabel->clear();
    }
}

void JobDetailsDialog::updateChart()
{
    QChart* chart = m_chartView->chart();
    chart->removeAllSeries();
    for (QAbstractAxis* axis : chart->axes())
        chart->removeAxis(axis);

    auto* trend = new QLineSeries(chart);
    trend->setName(tr("Duration"));
    trend->setColor(Qt::gray);
    QMap<JobStatus, QScatterSeries*> byStatus;
    const auto seriesFor = [&](JobStatus status) {
        QScatterSeries*& series = byStatus[status];
        if (!series) {
            series = new QScatterSeries(chart);
            series->setName(JobText::status(status));
            series->setMarkerSize(9);
            series->setColor(status == JobStatus::Success ? QColor(0x10, 0x7c, 0x10)
                    : status == JobStatus::Failed         ? QColor(0xd1, 0x34, 0x38)
                    : status == JobStatus::Running        ? QColor(0x00, 0x78, 0xd4)
                                                          : QColor(0x8a, 0x88, 0x86));
        }
        return series;
    };
    double maxSeconds = 1;
    qint64 first = std::numeric_limits<qint64>::max();
    qint64 last = 0;
    const Instant now = Instant::now();
    // Oldest first, so that the line reads left to right.
    const QList<JobRun>& runs = m_history->runs();
    for (auto it = runs.crbegin(); it != runs.crend(); ++it) {
        const std::optional<Duration> duration = it->elapsed(now);
        if (!duration || it->startTime().isNull())
            continue;
        const qint64 x = it->startTime().toMSecsSinceEpoch();
        const double seconds = double(duration->toMilliseconds()) / 1000.0;
        trend->append(double(x), seconds);
        seriesFor(it->status())->append(double(x), seconds);
        maxSeconds = std::max(maxSeconds, seconds);
        first = std::min(first, x);
        last = std::max(last, x);
    }
    auto* xAxis = new QDateTimeAxis(chart);
    xAxis->setTickCount(5);
    if (last >= first && last > 0) {
        const qint64 pad = std::max<qint64>(30'000, (last - first) / 20);
        xAxis->setRange(QDateTime::fromMSecsSinceEpoch(first - pad), QDateTime::fromMSecsSinceEpoch(last + pad));
        // Times of day when the runs fit in a day, dates otherwise.
        const bool sameDay = last - first < 24 * 3600 * 1000LL;
        xAxis->setFormat(sameDay ? JobText::timeFormatWithSeconds() : JobText::dateFormat());
    }
    auto* yAxis = new QValueAxis(chart);
    yAxis->setTitleText(tr("Seconds"));
    yAxis->setLabelFormat(u"%.1f"_s);
    yAxis->setTickCount(4);
    yAxis->setRange(0, maxSeconds * 1.15);
    chart->addAxis(xAxis, Qt::AlignBottom);
    chart->addAxis(yAxis, Qt::AlignLeft);
    chart->addSeries(trend);
    trend->attachAxis(xAxis);
    trend->attachAxis(yAxis);
    for (QScatterSeries* series : std::as_const(byStatus)) {
        chart->addSeries(series);
        series->attachAxis(xAxis);
        series->attachAxis(yAxis);
    }
}

} // namespace WebJobs
