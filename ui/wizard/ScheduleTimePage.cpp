#include "ui/wizard/ScheduleTimePage.h"

#include "ui/JobText.h"

#include <QDateTimeEdit>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace WebJobs {

namespace {

bool twelveHourClock()
{
    return JobText::timeFormat().contains(u"ap"_s, Qt::CaseInsensitive);
}

// An hour on the locale's clock: "1 PM" on a 12-hour clock, "13" on a 24-hour one.
QString hourText(int hour)
{
    return twelveHourClock() ? QLocale().toString(QTime(hour, 0), u"h AP"_s) : QString::number(hour);
}

// An hour as typed: 0 to 23 on every clock, or "1 PM", "1pm", "1:00 PM" on a 12-hour one; -1 when
// it is none of these.
int parseHour(const QString& typed)
{
    bool ok = false;
    const int hour = typed.toInt(&ok);
    if (ok)
        return hour >= 0 && hour <= 23 ? hour : -1;
    if (!twelveHourClock())
        return -1;
    QString normalized = typed.toUpper().simplified();
    if (normalized.endsWith(u"AM"_s) || normalized.endsWith(u"PM"_s)) {
        // "1PM" → "1 PM"; "PM" alone stays as it is and is refused below.
        if (normalized.size() > 2 && normalized.at(normalized.size() - 3) != u' ')
            normalized.insert(normalized.size() - 2, u' ');
    }
    for (const QString& format : {u"h AP"_s, u"h:mm AP"_s}) {
        const QTime time = QLocale().toTime(normalized, format);
        if (time.isValid() && time.minute() == 0)
            return time.hour();
    }
    return -1;
}

} // namespace

ScheduleTimePage::ScheduleTimePage(ScheduleWizard* wizard)
    : ScheduleWizardPage(wizard)
{
    setObjectName(u"timePage"_s);
    setTitle(tr("At"));
    setSubTitle(tr("Choose the time of day the job runs, in the schedule's time zone."));
    m_timeEdit = new QTimeEdit(QTime(9, 0), this);
    m_timeEdit->setObjectName(u"atTimeEdit"_s);
    // The locale's clock: "9:00 AM" in English, "09:00" in French.
    m_timeEdit->setDisplayFormat(JobText::timeFormat());
    // Digits typed into the hour or minute replace that part as they are typed.
    m_timeEdit->setKeyboardTracking(true);
    m_timeEdit->setCurrentSection(QDateTimeEdit::HourSection);
    m_moreHoursEdit = new QLineEdit(this);
    m_moreHoursEdit->setObjectName(u"moreHoursEdit"_s);
    m_moreHoursEdit->setPlaceholderText(tr("for example %1, %2").arg(hourText(13), hourText(17)));
    auto* hint = new QLabel(tr("A schedule runs at each of its hours at the same minutes, so %1 and %2 cannot be one "
                               "schedule: more times share the minute above (%1, %3, %4).")
                                .arg(JobText::timeOfDay(QTime(9, 30)), JobText::timeOfDay(QTime(17, 0)),
                                    JobText::timeOfDay(QTime(13, 30)), JobText::timeOfDay(QTime(17, 30))),
        this);
    hint->setObjectName(u"atHint"_s);
    hint->setWordWrap(true);

    auto* form = new QFormLayout;
    form->addRow(tr("Time"), m_timeEdit);
    form->addRow(tr("Also at hours"), m_moreHoursEdit);
    contentLayout()->addLayout(form);
    contentLayout()->addWidget(hint);
}

void ScheduleTimePage::load(const Recurrence& recurrence)
{
    QList<int> hours = recurrence.hours();
    std::sort(hours.begin(), hours.end());
    const QList<int> minutes = recurrence.minutes();
    if (hours.isEmpty() || minutes.size() != 1) {
        // A schedule written elsewhere (no times, or several minutes): its start's time, as
        // the engine runs it; the page can only keep one minute.
        if (const auto start = recurrence.startTime()) {
            const QTime time = wallClock(*start, recurrence.timeZone()).time();
            m_timeEdit->setTime(QTime(hours.value(0, time.hour()), minutes.value(0, time.minute())));
        }
        return;
    }
    m_timeEdit->setTime(QTime(hours.constFirst(), minutes.constFirst()));
    QStringList more;
    for (int i = 1; i < hours.size(); ++i)
        more.append(hourText(hours.at(i)));
    m_moreHoursEdit->setText(more.join(u", "_s));
}

QString ScheduleTimePage::check()
{
    const QTime time = m_timeEdit->time();
    QList<int> hours {time.hour()};
    const QString moreText = m_moreHoursEdit->text().trimmed();
    if (!moreText.isEmpty()) {
        for (const QString& part : moreText.split(u',')) {
            const int hour = parseHour(part.trimmed());
            if (hour < 0)
                return tr("\"%1\" is not an hour: list whole hours separated by commas, such as %2, %3.")
                    .arg(part.trimmed(), hourText(13), hourText(17));
            if (!hours.contains(hour))
                hours.append(hour);
        }
    }
    std::sort(hours.begin(), hours.end());
    Recurrence& edited = recurrence();
    edited.setHours(hours);
    edited.setMinutes({time.minute()});
    // The start date runs from the first time of that day.
    if (const auto start = edited.startTime()) {
        const QDateTime value(
            wallClock(*start, edited.timeZone()).date(), QTime(hours.constFirst(), time.minute()), Qt::UTC);
        edited.setStartTime(Recurrence::TimePoint {value, true});
    }
    return checkRecurrence();
}

} // namespace WebJobs
