#include "ui/wizard/SchedulePreviewPage.h"

#include "core/schedule/Schedule.h"
#include "ui/FutureCallback.h"
#include "ui/JobText.h"
#include "ui/ScheduleWizard.h"

#include <QJsonDocument>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QPlainTextEdit>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

using namespace Qt::StringLiterals;

namespace WebJobs {

SchedulePreviewPage::SchedulePreviewPage(ScheduleWizard* wizard)
    : ScheduleWizardPage(wizard)
{
    setObjectName(u"previewPage"_s);
    setTitle(tr("Next occurrences"));
    setSubTitle(tr("The job will run at these times."));
    m_summaryLabel = new QLabel(this);
    m_summaryLabel->setObjectName(u"summaryLabel"_s);
    m_summaryLabel->setWordWrap(true);
    m_previewList = new QListWidget(this);
    m_previewList->setObjectName(u"previewList"_s);
    m_jsonView = new QPlainTextEdit(this);
    m_jsonView->setObjectName(u"jsonView"_s);
    m_jsonView->setReadOnly(true);
    m_jsonView->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_jsonView->setMaximumHeight(160);
    m_jsonLabel = new QLabel(this);
    m_jsonLabel->setObjectName(u"jsonLabel"_s);
    m_jsonLabel->setWordWrap(true);
    contentLayout()->addWidget(m_summaryLabel);
    contentLayout()->addWidget(m_previewList, 1);
    contentLayout()->addWidget(m_jsonLabel);
    contentLayout()->addWidget(m_jsonView);
}

void SchedulePreviewPage::initializePage()
{
    ScheduleWizardPage::initializePage();
    const JobSettings keys = scheduleWizard()->settings();
    const Schedule schedule = Schedule::fromSettings(keys);
    // The schedule itself, indented: the value written under settings.job's "recurrence" key
    // (docs/schedules.md), not the whole file with that key around it.
    if (const auto job = keys.recurrence()) {
        m_jsonLabel->setText(tr("The schedule, as settings.job stores it under \"recurrence\" (the time zone goes "
                                "under \"time_zone\"):"));
        m_jsonView->setPlainText(QString::fromUtf8(QJsonDocument(*job).toJson(QJsonDocument::Indented)));
    } else {
        m_jsonLabel->setText(tr("The keys written into settings.job:"));
        m_jsonView->setPlainText(QString::fromUtf8(QJsonDocument(keys.toJsonObject()).toJson(QJsonDocument::Indented)));
    }
    m_summaryLabel->setText(schedule.kind() == Schedule::Kind::Recurrence && schedule.recurrence()
            ? schedule.recurrence()->describe(QLocale())
            : tr("CRON %1").arg(schedule.cronText()));
    m_previewList->clear();
    m_preview.clear();
    const QDateTime created = scheduleWizard()->referenceTime();
    const quint64 generation = ++m_previewGeneration;
    // The arithmetic can take a while for sparse schedules: keep it off the GUI thread.
    // As the engine's scheduler: a recurrence may run at its creation time itself, a CRON
    // expression runs strictly after it.
    const bool inclusive = schedule.kind() == Schedule::Kind::Recurrence;
    whenFinished(this, QtConcurrent::run([schedule, created, inclusive] {
        QList<QDateTime> times;
        QDateTime after = inclusive ? created.addMSecs(-1) : created;
        for (int i = 0; i < ScheduleWizard::PreviewCount; ++i) {
            const QDateTime next = schedule.next(after, created);
            if (!next.isValid())
                break;
            times.append(next);
            after = next;
        }
        return times;
    }),
        [this, generation](const QList<QDateTime>& times) {
            if (generation != m_previewGeneration)
                return;
            m_preview = times;
            const QTimeZone zone = scheduleWizard()->timeZone();
            // The day in words and the time on the locale's clock, in the schedule's zone
            // (the summary above names it).
            const QLocale locale;
            for (const QDateTime& time : times) {
                const QDateTime zoned = time.toTimeZone(zone);
                m_previewList->addItem(locale.toString(zoned.date(), QLocale::LongFormat) + u' '
                    + locale.toString(zoned.time(), JobText::timeFormat()));
            }
            if (times.isEmpty())
                m_previewList->addItem(tr("The schedule has no future occurrence."));
            Q_EMIT previewReady();
        });
}

} // namespace WebJobs
