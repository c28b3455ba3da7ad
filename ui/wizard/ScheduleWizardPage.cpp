#include "ui/wizard/ScheduleWizardPage.h"

#include "ui/JobText.h"
#include "ui/ScheduleWizard.h"

#include <QDateTimeEdit>
#include <QLocale>

using namespace Qt::StringLiterals;

namespace WebJobs {

ScheduleWizardPage::ScheduleWizardPage(ScheduleWizard* wizard)
    : CheckedWizardPage(wizard)
    , m_wizard(wizard)
{ }

void ScheduleWizardPage::load(const Recurrence&) { }

Recurrence& ScheduleWizardPage::recurrence() const
{
    return m_wizard->m_recurrence;
}

QString ScheduleWizardPage::checkRecurrence() const
{
    QString problem = recurrence().checkStructure();
    if (problem.isEmpty())
        problem = recurrence().validate(m_wizard->referenceTime(), QLocale());
    return problem;
}

QDateTimeEdit* ScheduleWizardPage::createDateTimeEdit(const QString& objectName)
{
    auto* edit = new QDateTimeEdit(this);
    edit->setObjectName(objectName);
    edit->setTimeSpec(Qt::UTC);
    edit->setCalendarPopup(true);
    // The locale's order and clock, with the year written whole: "1/5/2026 9:30 AM".
    edit->setDisplayFormat(JobText::dateFormat() + u' ' + JobText::timeFormat());
    return edit;
}

QDateTime ScheduleWizardPage::wallClock(const QDateTime& value)
{
    return QDateTime(value.date(), value.time(), Qt::UTC);
}

QDateTime ScheduleWizardPage::wallClock(const Recurrence::TimePoint& point, const QTimeZone& zone)
{
    return point.isWallClock ? point.value : wallClock(point.value.toTimeZone(zone));
}

} // namespace WebJobs
