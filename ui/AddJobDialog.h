#pragma once

// "Add WebJob": a name checked as it is typed (the rule shown under it), the run mode (on
// demand, continuous, scheduled), the package (a zip or a single script) and Create. The
// import shows its progress and can be cancelled; the engine's reason for refusing a package
// is shown in the dialog, which stays open so that the user can fix it. Nothing is
// half-created: the service removes a job whose settings it could not apply.

#include "core/model/JobSettings.h"
#include "core/model/JobType.h"

#include <QDialog>
#include <QPointer>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;

namespace WebJobs {

class AddJobOperation;
class JobService;

class AddJobDialog : public QDialog
{
    Q_OBJECT

public:
    enum class Mode
    {
        OnDemand,
        Continuous,
        Scheduled,
    };

    explicit AddJobDialog(JobService* service, QWidget* parent = nullptr);
    ~AddJobDialog() override;

    // The schedule of Mode::Scheduled (settings.job keys), as the wizard or the CRON field set it.
    void setScheduleSettings(const JobSettings& settings);
    JobSettings scheduleSettings() const { return m_schedule; }

Q_SIGNALS:
    void jobCreated(WebJobs::JobType type, const QString& name);

public Q_SLOTS:
    void reject() override;

private:
    void updateState();
    void browse();
    void editSchedule();
    void create();
    void focusField(QLineEdit* field);
    QString scheduleProblem() const;

    JobService* m_service;
    JobSettings m_schedule;
    QPointer<AddJobOperation> m_operation;
    QLineEdit* m_nameEdit;
    QLabel* m_nameRuleLabel;
    QComboBox* m_modeCombo;
    QLineEdit* m_cronEdit;
    QPushButton* m_scheduleButton;
    QLabel* m_scheduleLabel;
    QLineEdit* m_fileEdit;
    QPushButton* m_browseButton;
    QProgressBar* m_progressBar;
    QLabel* m_errorLabel;
    QDialogButtonBox* m_buttons;
    QPushButton* m_createButton;
};

} // namespace WebJobs
