#include "ui/wizard/ScheduleWeekDaysPage.h"

#include <QCheckBox>
#include <QGridLayout>
#include <QLocale>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace WebJobs {

ScheduleWeekDaysPage::ScheduleWeekDaysPage(ScheduleWizard* wizard)
    : ScheduleWizardPage(wizard)
{
    setObjectName(u"weekDaysPage"_s);
    setTitle(tr("Week days"));
    setSubTitle(tr("Choose the days of the week the job runs on."));
    auto* grid = new QGridLayout;
    for (int day = Qt::Monday; day <= Qt::Sunday; ++day) {
        auto* check = new QCheckBox(QLocale().dayName(day), this);
        check->setObjectName(u"weekDayCheck%1"_s.arg(day));
        m_weekDayChecks.append(check);
        grid->addWidget(check, (day - 1) / 4, (day - 1) % 4);
    }
    contentLayout()->addLayout(grid);
}

void ScheduleWeekDaysPage::load(const Recurrence& recurrence)
{
    for (const Qt::DayOfWeek day : recurrence.weekDays())
        m_weekDayChecks.at(day - 1)->setChecked(true);
}

QString ScheduleWeekDaysPage::check()
{
    QList<Qt::DayOfWeek> days;
    for (int i = 0; i < m_weekDayChecks.size(); ++i) {
        if (m_weekDayChecks.at(i)->isChecked())
            days.append(Qt::DayOfWeek(i + 1));
    }
    recurrence().setWeekDays(days);
    if (days.isEmpty())
        return tr("Choose at least one day of the week.");
    return checkRecurrence();
}

} // namespace WebJobs
