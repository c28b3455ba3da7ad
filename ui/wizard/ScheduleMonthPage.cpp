#include "ui/wizard/ScheduleMonthPage.h"

#include <QCheckBox>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QRadioButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace WebJobs {

ScheduleMonthPage::ScheduleMonthPage(ScheduleWizard* wizard)
    : ScheduleWizardPage(wizard)
{
    setObjectName(u"monthPage"_s);
    setTitle(tr("Days of the month"));
    setSubTitle(tr("Choose the days of the month the job runs on."));
    m_monthDaysRadio = new QRadioButton(tr("Days"), this);
    m_monthDaysRadio->setObjectName(u"monthDaysRadio"_s);
    m_monthWeekDaysRadio = new QRadioButton(tr("Week days"), this);
    m_monthWeekDaysRadio->setObjectName(u"monthWeekDaysRadio"_s);
    m_monthDaysRadio->setChecked(true);

    auto* daysBox = new QGroupBox(this);
    auto* daysGrid = new QGridLayout(daysBox);
    for (int day = 1; day <= 31; ++day) {
        auto* check = new QCheckBox(QLocale().toString(day), daysBox);
        check->setObjectName(u"monthDayCheck%1"_s.arg(day));
        m_monthDayChecks.append(check);
        daysGrid->addWidget(check, (day - 1) / 7, (day - 1) % 7);
    }
    auto* lastDay = new QCheckBox(tr("Last day"), daysBox);
    lastDay->setObjectName(u"lastDayCheck"_s);
    m_monthDayChecks.append(lastDay);
    daysGrid->addWidget(lastDay, 4, 3, 1, 4);

    auto* weekDaysBox = new QGroupBox(this);
    auto* weekDaysLayout = new QVBoxLayout(weekDaysBox);
    auto* occurrenceRow = new QHBoxLayout;
    occurrenceRow->addWidget(new QLabel(tr("Occurrences"), weekDaysBox));
    const QStringList occurrenceNames {tr("first"), tr("second"), tr("third"), tr("fourth"), tr("last")};
    const QStringList occurrenceIds {u"1"_s, u"2"_s, u"3"_s, u"4"_s, u"Last"_s};
    for (int i = 0; i < occurrenceNames.size(); ++i) {
        auto* check = new QCheckBox(occurrenceNames.at(i), weekDaysBox);
        check->setObjectName(u"occurrenceCheck"_s + occurrenceIds.at(i));
        m_occurrenceChecks.append(check);
        occurrenceRow->addWidget(check);
    }
    occurrenceRow->addStretch(1);
    weekDaysLayout->addLayout(occurrenceRow);
    auto* dayRow = new QGridLayout;
    for (int day = Qt::Monday; day <= Qt::Sunday; ++day) {
        auto* check = new QCheckBox(QLocale().dayName(day), weekDaysBox);
        check->setObjectName(u"monthWeekDayCheck%1"_s.arg(day));
        m_monthWeekDayChecks.append(check);
        dayRow->addWidget(check, (day - 1) / 4, (day - 1) % 4);
    }
    weekDaysLayout->addLayout(dayRow);

    const auto updateEnabled = [this, daysBox, weekDaysBox] {
        daysBox->setEnabled(m_monthDaysRadio->isChecked());
        weekDaysBox->setEnabled(m_monthWeekDaysRadio->isChecked());
    };
    connect(m_monthDaysRadio, &QRadioButton::toggled, this, updateEnabled);
    updateEnabled();

    contentLayout()->addWidget(m_monthDaysRadio);
    contentLayout()->addWidget(daysBox);
    contentLayout()->addWidget(m_monthWeekDaysRadio);
    contentLayout()->addWidget(weekDaysBox);
}

void ScheduleMonthPage::load(const Recurrence& recurrence)
{
    const bool occurrences = !recurrence.monthlyOccurrences().isEmpty();
    (occurrences ? m_monthWeekDaysRadio : m_monthDaysRadio)->setChecked(true);
    for (const int day : recurrence.monthDays()) {
        if (day >= 1 && day <= 31)
            m_monthDayChecks.at(day - 1)->setChecked(true);
        else if (day == -1)
            m_monthDayChecks.at(31)->setChecked(true);
    }
    for (const Recurrence::MonthlyOccurrence& occurrence : recurrence.monthlyOccurrences()) {
        if (occurrence.occurrence >= 1 && occurrence.occurrence <= 4)
            m_occurrenceChecks.at(occurrence.occurrence - 1)->setChecked(true);
        else if (occurrence.occurrence == -1)
            m_occurrenceChecks.at(4)->setChecked(true);
        m_monthWeekDayChecks.at(occurrence.day - 1)->setChecked(true);
    }
}

QString ScheduleMonthPage::check()
{
    QList<int> monthDays;
    QList<Recurrence::MonthlyOccurrence> occurrences;
    if (m_monthDaysRadio->isChecked()) {
        for (int i = 0; i < m_monthDayChecks.size(); ++i) {
            if (m_monthDayChecks.at(i)->isChecked())
                monthDays.append(i < 31 ? i + 1 : -1);
        }
    } else {
        for (int o = 0; o < m_occurrenceChecks.size(); ++o) {
            if (!m_occurrenceChecks.at(o)->isChecked())
                continue;
            for (int d = 0; d < m_monthWeekDayChecks.size(); ++d) {
                if (m_monthWeekDayChecks.at(d)->isChecked())
                    occurrences.append({Qt::DayOfWeek(d + 1), o < 4 ? o + 1 : -1});
            }
        }
    }
    recurrence().setMonthDays(monthDays);
    recurrence().setMonthlyOccurrences(occurrences);
    if (m_monthDaysRadio->isChecked() && monthDays.isEmpty())
        return tr("Choose at least one day of the month.");
    if (m_monthWeekDaysRadio->isChecked() && occurrences.isEmpty())
        return tr("Choose at least one occurrence and one day of the week, such as the last Friday.");
    return checkRecurrence();
}

} // namespace WebJobs
