#include "ui/wizard/ScheduleStartPage.h"

#include "ui/JobText.h"
#include "ui/ScheduleWizard.h"

#include <QComboBox>
#include <QDateTimeEdit>
#include <QFormLayout>
#include <QLabel>
#include <QLocale>
#include <QRadioButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace WebJobs {

ScheduleStartPage::ScheduleStartPage(ScheduleWizard* wizard)
    : ScheduleWizardPage(wizard)
{
    setObjectName(u"startPage"_s);
    setTitle(tr("Start"));
    setSubTitle(tr("Choose when the schedule starts, and the time zone its times are read in."));
    m_startNowRadio = new QRadioButton(tr("Now"), this);
    m_startNowRadio->setObjectName(u"startNowRadio"_s);
    m_startAtRadio = new QRadioButton(tr("At a specific time"), this);
    m_startAtRadio->setObjectName(u"startAtRadio"_s);
    m_startNowRadio->setChecked(true);
    m_startEdit = createDateTimeEdit(u"startDateTimeEdit"_s);
    const QDateTime now = QDateTime::currentDateTime();
    m_startEdit->setDateTime(wallClock(QDateTime(now.date(), QTime(now.time().hour(), 0)).addSecs(3600)));
    m_startEdit->setEnabled(false);
    connect(m_startAtRadio, &QRadioButton::toggled, m_startEdit, &QWidget::setEnabled);

    m_timeZoneCombo = new QComboBox(this);
    m_timeZoneCombo->setObjectName(u"timeZoneCombo"_s);
    m_timeZoneCombo->setEditable(true);
    m_timeZoneCombo->addItem(u"UTC"_s);
    for (const QByteArray& id : QTimeZone::availableTimeZoneIds()) {
        if (id != "UTC")
            m_timeZoneCombo->addItem(QString::fromUtf8(id));
    }
    const QByteArray systemZone = QTimeZone::systemTimeZoneId();
    m_timeZoneCombo->setCurrentText(systemZone.isEmpty() ? u"UTC"_s : QString::fromUtf8(systemZone));

    auto* form = new QFormLayout;
    form->addRow(m_startNowRadio);
    form->addRow(m_startAtRadio);
    m_startLabel = new QLabel(tr("Start time"), this);
    m_dateTimeFormat = m_startEdit->displayFormat();
    form->addRow(m_startLabel, m_startEdit);
    form->addRow(tr("Time zone"), m_timeZoneCombo);
    contentLayout()->addLayout(form);
}

QString ScheduleStartPage::timeZoneName() const
{
    const QString name = m_timeZoneCombo->currentText().trimmed();
    return name == u"UTC"_s ? QString() : name;
}

QTimeZone ScheduleStartPage::timeZone() const
{
    const QString name = timeZoneName();
    return name.isEmpty() ? QTimeZone::utc() : QTimeZone(name.toUtf8());
}

void ScheduleStartPage::setTimeZoneName(const QString& name)
{
    m_timeZoneCombo->setCurrentText(name);
}

void ScheduleStartPage::load(const Recurrence& recurrence)
{
    if (const auto start = recurrence.startTime()) {
        m_startAtRadio->setChecked(true);
        m_startEdit->setDateTime(wallClock(*start, timeZone()));
    }
}

void ScheduleStartPage::initializePage()
{
    ScheduleWizardPage::initializePage();
    // A recurring schedule starts on a date; its times of day are the "at" step's. A one-time
    // job runs at a date and time.
    const bool recurring = recurrence().isRecurring();
    m_startNowRadio->setVisible(!recurring);
    m_startAtRadio->setVisible(!recurring);
    m_startLabel->setText(recurring ? tr("Start date") : tr("Start time"));
    m_startEdit->setEnabled(recurring || m_startAtRadio->isChecked());
    if (recurring) {
        m_startEdit->setDisplayFormat(JobText::dateFormat());
        if (!recurrence().startTime()) {
            // Today in the schedule's zone: the first run is the first chosen time from now.
            const QDateTime today = wallClock(scheduleWizard()->referenceTime().toTimeZone(timeZone()));
            m_startEdit->setDateTime(QDateTime(today.date(), QTime(0, 0), Qt::UTC));
        }
    } else {
        m_startEdit->setDisplayFormat(m_dateTimeFormat);
    }
}

QString ScheduleStartPage::check()
{
    if (!timeZoneName().isEmpty() && !timeZone().isValid())
        return tr("The time zone \"%1\" is unknown: choose one from the list, such as Europe/Paris.")
            .arg(timeZoneName());
    recurrence().setTimeZone(timeZone());
    if (recurrence().isRecurring())
        recurrence().setStartTime(
            Recurrence::TimePoint {QDateTime(m_startEdit->dateTime().date(), QTime(0, 0), Qt::UTC), true});
    else if (m_startAtRadio->isChecked())
        recurrence().setStartTime(Recurrence::TimePoint {wallClock(m_startEdit->dateTime()), true});
    else
        recurrence().setStartTime(std::nullopt);
    return checkRecurrence();
}

} // namespace WebJobs
