#include "ui/FailureNotifications.h"

#include "ui/FutureCallback.h"
#include "ui/JobText.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStyle>

using namespace Qt::StringLiterals;

namespace WebJobs {

namespace {

// How much of a failed run's log is read to find its first error line.
constexpr qint64 ErrorLineSearchBytes = 64 * 1024;
// The pending failures kept; older ones are dropped (the run history keeps them all).
constexpr int MaximumPending = 50;

} // namespace

FailureNotifications::FailureNotifications(JobService* service, QWidget* parent)
    : QFrame(parent)
    , m_service(service)
{
    setObjectName(u"failureNotifications"_s);
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    // A warm background that reads as a warning in light and dark palettes alike.
    QPalette tinted = palette();
    const QColor base = tinted.color(QPalette::Window);
    const QColor warning(0xd9, 0x53, 0x4f);
    tinted.setColor(QPalette::Window,
        QColor::fromRgbF(base.redF() * 0.8 + warning.redF() * 0.2, base.greenF() * 0.8 + warning.greenF() * 0.2,
            base.blueF() * 0.8 + warning.blueF() * 0.2));
    setPalette(tinted);

    m_iconLabel = new QLabel(this);
    const int iconSize = style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this);
    m_iconLabel->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxWarning).pixmap(iconSize, iconSize));
    m_messageLabel = new QLabel(this);
    m_messageLabel->setObjectName(u"failureMessageLabel"_s);
    m_messageLabel->setWordWrap(true);
    m_messageLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_moreLabel = new QLabel(this);
    m_moreLabel->setObjectName(u"failureMoreLabel"_s);
    m_openButton = new QPushButton(tr("Open run"), this);
    m_openButton->setObjectName(u"openFailureButton"_s);
    m_dismissButton = new QPushButton(tr("Dismiss"), this);
    m_dismissButton->setObjectName(u"dismissFailureButton"_s);
    m_dismissAllButton = new QPushButton(tr("Dismiss all"), this);
    m_dismissAllButton->setObjectName(u"dismissAllFailuresButton"_s);

    auto* layout = new QHBoxLayout(this);
    layout->addWidget(m_iconLabel, 0, Qt::AlignTop);
    layout->addWidget(m_messageLabel, 1);
    layout->addWidget(m_moreLabel);
    layout->addWidget(m_openButton);
    layout->addWidget(m_dismissButton);
    layout->addWidget(m_dismissAllButton);

    connect(m_openButton, &QPushButton::clicked, this, &FailureNotifications::openCurrent);
    connect(m_dismissButton, &QPushButton::clicked, this, &FailureNotifications::dismissCurrent);
    connect(m_dismissAllButton, &QPushButton::clicked, this, &FailureNotifications::dismissAll);
    showCurrent();
}

QString FailureNotifications::firstErrorLine(const QByteArray& log)
{
    // [09/04/2024 13:33:19 > a1b2c3: ERR ] something on stderr
    static const QByteArray marker = ": ERR ] ";
    const qsizetype at = log.indexOf(marker);
    if (at < 0)
        return {};
    const qsizetype start = at + marker.size();
    qsizetype end = log.indexOf('\n', start);
    if (end < 0)
        end = log.size();
    return QString::fromUtf8(log.mid(start, end - start)).trimmed();
}

void FailureNotifications::addFailedRun(const JobRun& run)
{
    const QString when = JobText::dateTime(run.startTime());
    const QString code = JobText::exitCode(run.exitCode());
    const auto message = [run, when, code](const QString& errorLine) {
        QString text = code.isEmpty()
            ? tr("%1: the run started at %2 ended with %3.").arg(run.jobName(), when, JobText::status(run.status()))
            : tr("%1: the run started at %2 failed with exit code %3.").arg(run.jobName(), when, code);
        if (!errorLine.isEmpty())
            text += u' ' + tr("First error: %1").arg(errorLine);
        return text;
    };
    add({run.jobName(), run.id(), message({})});

    whenFinished(this, m_service->readLog(JobType::Triggered, run.jobName(), run.id(), 0, ErrorLineSearchBytes),
        [this, run, message](const QByteArray& log) {
            const QString errorLine = firstErrorLine(log);
            if (errorLine.isEmpty())
                return;
            for (Failure& failure : m_pending) {
                if (failure.jobName == run.jobName() && failure.runId == run.id())
                    failure.text = message(errorLine);
            }
            showCurrent();
        });
}

void FailureNotifications::addCrashLoop(const QString& jobName)
{
    add({jobName, {}, tr("%1: the continuous job exits soon after each start. Open its log to see why.").arg(jobName)});
}

void FailureNotifications::add(const Failure& failure)
{
    // One notice per run (or per crashing job): a repeat replaces the older one.
    m_pending.removeIf([&failure](const Failure& pending) {
        return pending.jobName == failure.jobName && pending.runId == failure.runId;
    });
    m_pending.prepend(failure);
    while (m_pending.size() > MaximumPending)
        m_pending.removeLast();
    showCurrent();
}

void FailureNotifications::openCurrent()
{
    if (m_pending.isEmpty())
        return;
    const Failure failure = m_pending.takeFirst();
    showCurrent();
    Q_EMIT openRequested(failure.jobName, failure.runId);
}

void FailureNotifications::dismissCurrent()
{
    if (m_pending.isEmpty())
        return;
    m_pending.removeFirst();
    showCurrent();
}

void FailureNotifications::dismissAll()
{
    m_pending.clear();
    showCurrent();
}

void FailureNotifications::showCurrent()
{
    if (m_pending.isEmpty()) {
        hide();
        return;
    }
    const Failure& current = m_pending.first();
    m_messageLabel->setText(current.text);
    m_openButton->setText(current.runId.isEmpty() ? tr("Open log") : tr("Open run"));
    const int others = int(m_pending.size()) - 1;
    m_moreLabel->setText(others > 0 ? tr("%n more", nullptr, others) : QString());
    m_moreLabel->setVisible(others > 0);
    m_dismissAllButton->setVisible(others > 0);
    show();
}

} // namespace WebJobs
