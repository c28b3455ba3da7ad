#pragma once

// The schedule wizard of "Run on a schedule" and Edit schedule: the portal's steps as pages.
//
//     Type ──▶ Start ──▶ Recurrence ──▶ Week days ──▶ Preview
//      │         │            └───────▶ Month days ─▶   ▲
//      │         └──(one-time)──────────────────────────┤
//      └──(advanced)──▶ NCRONTAB ───────────────────────┘
//
// The wizard owns the Recurrence it builds; each page writes its part and checks it
// (validatePage) with the engine's sentence (Recurrence::checkStructure/validate, Schedule).
// The last page describes the schedule and previews its next 10 occurrences, computed off the
// GUI thread by core/schedule. settings()/applyTo() give the settings.job keys.

#include "core/model/JobSettings.h"
#include "core/schedule/Recurrence.h"

#include <QDateTime>
#include <QList>
#include <QWizard>

class QButtonGroup;
class QCheckBox;
class QComboBox;
class QDateTimeEdit;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QRadioButton;
class QSpinBox;

namespace WebJobs {

class CheckedWizardPage;

class ScheduleWizard : public QWizard
{
    Q_OBJECT

public:
    enum PageId
    {
        TypePage,
        StartPage,
        RecurrencePage,
        WeekDaysPage,
        MonthPage,
        CronPage,
        PreviewPage,
    };
    static constexpr int PreviewCount = 10;

    explicit ScheduleWizard(QWidget* parent = nullptr);

    // Fills the pages from the schedule keys of `settings`.
    void setSettings(const JobSettings& settings);
    // The schedule keys only (schedule or recurrence, time_zone).
    JobSettings settings() const;
    // Writes the schedule keys into `settings`, removing the other kind's.
    void applyTo(JobSettings& settings) const;

    const Recurrence& recurrence() const { return m_recurrence; }
    bool isCron() const;
    QString timeZoneName() const;
    // The occurrences the preview page shows (after it has been computed).
    QList<QDateTime> previewTimes() const { return m_preview; }
    // The reference time of checks and previews (now, unless a test fixes it).
    void setReferenceTime(const QDateTime& time) { m_reference = time; }

Q_SIGNALS:
    void previewReady();

private:
    CheckedWizardPage* createTypePage();
    CheckedWizardPage* createStartPage();
    CheckedWizardPage* createRecurrencePage();
    CheckedWizardPage* createWeekDaysPage();
    CheckedWizardPage* createMonthPage();
    CheckedWizardPage* createCronPage();
    CheckedWizardPage* createPreviewPage();

    QDateTime reference() const;
    QTimeZone zone() const;
    // Writes the fields of the pages into m_recurrence.
    void readStart();
    void readRecurrence();
    void readWeekDays();
    void readMonth();
    QString checkRecurrence() const;
    void computePreview();

    Recurrence m_recurrence;
    QDateTime m_reference;
    QList<QDateTime> m_preview;
    quint64 m_previewGeneration = 0;

    QRadioButton* m_oneTimeRadio;
    QRadioButton* m_recurringRadio;
    QRadioButton* m_cronRadio;
    QRadioButton* m_startNowRadio;
    QRadioButton* m_startAtRadio;
    QDateTimeEdit* m_startEdit;
    QComboBox* m_timeZoneCombo;
    QSpinBox* m_intervalSpin;
    QComboBox* m_frequencyCombo;
    QCheckBox* m_endCheck;
    QDateTimeEdit* m_endEdit;
    QCheckBox* m_weekScheduleCheck;
    QList<QCheckBox*> m_weekDayChecks;
    QCheckBox* m_monthScheduleCheck;
    QRadioButton* m_monthDaysRadio;
    QRadioButton* m_monthWeekDaysRadio;
    QList<QCheckBox*> m_monthDayChecks; // 1..31, then the last day
    QList<QCheckBox*> m_occurrenceChecks; // first..fourth, last
    QList<QCheckBox*> m_monthWeekDayChecks;
    QLineEdit* m_cronEdit;
    QLabel* m_summaryLabel;
    QListWidget* m_previewList;
    QPlainTextEdit* m_jsonView;
};

} // namespace WebJobs
