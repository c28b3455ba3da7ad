#pragma once

// A job's settings.job as text: loaded from the service, checked as it is typed (JSON, then
// the schedule, with the engine's sentence) and saved through the service, whose refusal is
// shown in the dialog. Edit schedule opens the schedule wizard over it and saves its result.

#include "core/model/JobSettings.h"
#include "core/model/JobType.h"

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace WebJobs {

class JobService;

class SettingsDialog : public QDialog
{
    Q_OBJECT

public:
    SettingsDialog(JobService* service, JobType type, const QString& name, QWidget* parent = nullptr);

    // Opens the schedule wizard once the settings are loaded; the wizard's result is saved
    // at once and this dialog closes with it.
    void openScheduleWizard();
    // The text's settings; std::nullopt (with `error`) when they are not valid.
    std::optional<JobSettings> parsedSettings(QString* error) const;

Q_SIGNALS:
    void settingsLoaded();
    void saved();

private:
    void validate();
    void save(const JobSettings& settings);
    void showWizard();

    JobService* m_service;
    JobType m_type;
    QString m_name;
    JobSettings m_loaded;
    bool m_isLoaded = false;
    bool m_wizardRequested = false;
    QPlainTextEdit* m_editor;
    QLabel* m_messageLabel;
    QPushButton* m_scheduleButton;
    QDialogButtonBox* m_buttons;
};

} // namespace WebJobs
