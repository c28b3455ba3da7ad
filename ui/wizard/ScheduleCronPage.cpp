#include "ui/wizard/ScheduleCronPage.h"

#include "core/schedule/Schedule.h"
#include "ui/ScheduleWizard.h"

#include <QFormLayout>
#include <QLineEdit>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace WebJobs {

ScheduleCronPage::ScheduleCronPage(ScheduleWizard* wizard)
    : ScheduleWizardPage(wizard)
{
    setObjectName(u"cronPage"_s);
    setTitle(tr("CRON expression"));
    setSubTitle(tr("Six fields: second, minute, hour, day of month, month, day of week. For example "
                   "0 */15 * * * * runs every 15 minutes."));
    m_cronEdit = new QLineEdit(this);
    m_cronEdit->setObjectName(u"cronEdit"_s);
    m_cronEdit->setText(u"0 0 * * * *"_s);
    auto* form = new QFormLayout;
    form->addRow(tr("CRON expression"), m_cronEdit);
    contentLayout()->addLayout(form);
}

QString ScheduleCronPage::expression() const
{
    return m_cronEdit->text().trimmed();
}

void ScheduleCronPage::setExpression(const QString& expression)
{
    m_cronEdit->setText(expression);
}

QString ScheduleCronPage::check()
{
    return Schedule::fromCron(expression(), scheduleWizard()->timeZoneName()).errorString();
}

} // namespace WebJobs
