#include "ui/ScheduleWizard.h"

#include "core/schedule/Schedule.h"
#include "ui/wizard/ScheduleCronPage.h"
#include "ui/wizard/ScheduleMonthPage.h"
#include "ui/wizard/SchedulePreviewPage.h"
#include "ui/wizard/ScheduleRecurrencePage.h"
#include "ui/wizard/ScheduleStartPage.h"
#include "ui/wizard/ScheduleTimePage.h"
#include "ui/wizard/ScheduleTypePage.h"
#include "ui/wizard/ScheduleWeekDaysPage.h"
#include "ui/wizard/ScheduleWizardPage.h"

using namespace Qt::StringLiterals;

namespace WebJobs {

ScheduleWizard::ScheduleWizard(QWidget* parent)
    : QWizard(parent)
{
    setObjectName(u"scheduleWizard"_s);
    setWindowTitle(tr("Schedule"));
    setWizardStyle(QWizard::ClassicStyle);
    setOption(QWizard::NoBackButtonOnStartPage);
    resize(640, 520);
    m_typePage = new ScheduleTypePage(this);
    m_startPage = new ScheduleStartPage(this);
    m_recurrencePage = new ScheduleRecurrencePage(this);
    m_weekDaysPage = new ScheduleWeekDaysPage(this);
    m_monthPage = new ScheduleMonthPage(this);
    m_cronPage = new ScheduleCronPage(this);
    m_timePage = new ScheduleTimePage(this);
    m_previewPage = new SchedulePreviewPage(this);
    setPage(TypePage, m_typePage);
    setPage(StartPage, m_startPage);
    setPage(RecurrencePage, m_recurrencePage);
    setPage(WeekDaysPage, m_weekDaysPage);
    setPage(MonthPage, m_monthPage);
    setPage(CronPage, m_cronPage);
    setPage(TimePage, m_timePage);
    setPage(PreviewPage, m_previewPage);
    setStartId(TypePage);
    connect(m_previewPage, &SchedulePreviewPage::previewReady, this, &ScheduleWizard::previewReady);
}

int ScheduleWizard::nextId() const
{
    switch (PageId(currentId())) {
    case TypePage:
        return m_typePage->isCron() ? CronPage : StartPage;
    case StartPage:
        return m_typePage->isRecurring() ? RecurrencePage : PreviewPage;
    case RecurrencePage:
        switch (m_recurrencePage->frequency()) {
        case Recurrence::Frequency::Week:
            return WeekDaysPage;
        case Recurrence::Frequency::Month:
            return MonthPage;
        case Recurrence::Frequency::Day:
            return TimePage;
        case Recurrence::Frequency::Minute:
        case Recurrence::Frequency::Hour:
            return PreviewPage;
        }
        return PreviewPage;
    case WeekDaysPage:
    case MonthPage:
        return TimePage;
    case TimePage:
    case CronPage:
        return PreviewPage;
    case PreviewPage:
        return -1;
    }
    return -1;
}

QDateTime ScheduleWizard::referenceTime() const
{
    return m_reference.isValid() ? m_reference : QDateTime::currentDateTimeUtc();
}

bool ScheduleWizard::isCron() const
{
    return m_typePage->isCron();
}

QString ScheduleWizard::timeZoneName() const
{
    return m_startPage->timeZoneName();
}

QTimeZone ScheduleWizard::timeZone() const
{
    return m_startPage->timeZone();
}

QList<QDateTime> ScheduleWizard::previewTimes() const
{
    return m_previewPage->previewTimes();
}

JobSettings ScheduleWizard::settings() const
{
    JobSettings result;
    applyTo(result);
    return result;
}

void ScheduleWizard::applyTo(JobSettings& settings) const
{
    if (isCron()) {
        settings.setRecurrence(std::nullopt);
        settings.setSchedule(m_cronPage->expression());
    } else {
        settings.setSchedule({});
        settings.setRecurrence(m_recurrence.toJson());
    }
    settings.setTimeZone(timeZoneName());
}

void ScheduleWizard::setSettings(const JobSettings& settings)
{
    const Schedule schedule = Schedule::fromSettings(settings);
    // First the zone: the pages show the recurrence's instants in it.
    if (!schedule.timeZoneName().isEmpty())
        m_startPage->setTimeZoneName(schedule.timeZoneName());
    if (schedule.kind() == Schedule::Kind::Cron) {
        m_typePage->setCron();
        m_cronPage->setExpression(schedule.cronText());
        return;
    }
    if (schedule.kind() != Schedule::Kind::Recurrence || !schedule.recurrence())
        return;
    m_recurrence = *schedule.recurrence();
    for (const int id : pageIds()) {
        if (auto* schedulePage = qobject_cast<ScheduleWizardPage*>(page(id)))
            schedulePage->load(m_recurrence);
    }
}

} // namespace WebJobs
