#include "ui/wizard/ScheduleTypePage.h"

#include <QRadioButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace WebJobs {

ScheduleTypePage::ScheduleTypePage(ScheduleWizard* wizard)
    : ScheduleWizardPage(wizard)
{
    setObjectName(u"typePage"_s);
    setTitle(tr("Recurrence"));
    setSubTitle(tr("Choose whether the job runs once or again and again."));
    m_oneTimeRadio = new QRadioButton(tr("One-time job"), this);
    m_oneTimeRadio->setObjectName(u"oneTimeRadio"_s);
    m_recurringRadio = new QRadioButton(tr("Recurring job"), this);
    m_recurringRadio->setObjectName(u"recurringRadio"_s);
    m_cronRadio = new QRadioButton(tr("Advanced: a CRON expression (NCRONTAB)"), this);
    m_cronRadio->setObjectName(u"cronRadio"_s);
    m_recurringRadio->setChecked(true);
    contentLayout()->addWidget(m_oneTimeRadio);
    contentLayout()->addWidget(m_recurringRadio);
    contentLayout()->addWidget(m_cronRadio);
}

bool ScheduleTypePage::isRecurring() const
{
    return m_recurringRadio->isChecked();
}

bool ScheduleTypePage::isCron() const
{
    return m_cronRadio->isChecked();
}

void ScheduleTypePage::setCron()
{
    m_cronRadio->setChecked(true);
}

void ScheduleTypePage::load(const Recurrence& recurrence)
{
    (recurrence.isRecurring() ? m_recurringRadio : m_oneTimeRadio)->setChecked(true);
}

QString ScheduleTypePage::check()
{
    recurrence().setRecurring(isRecurring());
    return {};
}

} // namespace WebJobs
