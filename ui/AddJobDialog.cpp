#include "ui/AddJobDialog.h"

#include "core/package/JobName.h"
#include "core/schedule/Schedule.h"
#include "core/service/JobService.h"
#include "ui/FileDialog.h"
#include "ui/ScheduleWizard.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace WebJobs {

namespace {

// One style for every error the dialog shows, whatever its cause: the palette's own colour for
// alerts where the style defines one, a red readable on light and dark backgrounds otherwise.
void showAsError(QLabel* label, bool error)
{
    label->setStyleSheet(error ? u"color: #d32f2f;"_s : QString());
}

} // namespace

AddJobDialog::AddJobDialog(JobService* service, QWidget* parent)
    : QDialog(parent)
    , m_service(service)
{
    setObjectName(u"addJobDialog"_s);
    setWindowTitle(tr("Add WebJob"));
    setMinimumWidth(680);

    m_nameEdit = new QLineEdit(this);
    m_nameEdit->setObjectName(u"nameEdit"_s);
    m_nameEdit->setMaxLength(JobName::MaxLength + 1);
    m_nameRuleLabel = new QLabel(this);
    m_nameRuleLabel->setObjectName(u"nameRuleLabel"_s);
    m_nameRuleLabel->setWordWrap(true);

    m_fileEdit = new QLineEdit(this);
    m_fileEdit->setObjectName(u"fileEdit"_s);
    m_fileEdit->setPlaceholderText(tr("A .zip package or a single script"));
    m_browseButton = new QPushButton(tr("Browse…"), this);
    m_browseButton->setObjectName(u"browseButton"_s);
    auto* fileRow = new QHBoxLayout;
    fileRow->addWidget(m_fileEdit);
    fileRow->addWidget(m_browseButton);

    m_modeCombo = new QComboBox(this);
    m_modeCombo->setObjectName(u"modeCombo"_s);
    m_modeCombo->addItem(tr("Run on demand"), int(Mode::OnDemand));
    m_modeCombo->addItem(tr("Run continuously"), int(Mode::Continuous));
    m_modeCombo->addItem(tr("Run on a schedule"), int(Mode::Scheduled));

    m_cronEdit = new QLineEdit(this);
    m_cronEdit->setObjectName(u"cronEdit"_s);
    m_cronEdit->setPlaceholderText(tr("CRON expression, e.g. 0 */5 * * * *"));
    m_scheduleButton = new QPushButton(tr("Schedule…"), this);
    m_scheduleButton->setObjectName(u"scheduleButton"_s);
    auto* scheduleRow = new QHBoxLayout;
    scheduleRow->addWidget(m_cronEdit);
    scheduleRow->addWidget(m_scheduleButton);
    m_scheduleLabel = new QLabel(this);
    m_scheduleLabel->setObjectName(u"scheduleLabel"_s);
    m_scheduleLabel->setWordWrap(true);

    auto* form = new QFormLayout;
    form->addRow(tr("Name"), m_nameEdit);
    form->addRow(QString(), m_nameRuleLabel);
    form->addRow(tr("File upload"), fileRow);
    form->addRow(tr("Run mode"), m_modeCombo);
    form->addRow(tr("Schedule"), scheduleRow);
    form->addRow(QString(), m_scheduleLabel);

    m_progressBar = new QProgressBar(this);
    m_progressBar->setObjectName(u"progressBar"_s);
    m_progressBar->setVisible(false);
    m_errorLabel = new QLabel(this);
    m_errorLabel->setObjectName(u"errorLabel"_s);
    m_errorLabel->setWordWrap(true);
    showAsError(m_errorLabel, true);
    m_errorLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_createButton = m_buttons->addButton(tr("Create"), QDialogButtonBox::AcceptRole);
    m_createButton->setObjectName(u"createButton"_s);
    m_buttons->button(QDialogButtonBox::Cancel)->setObjectName(u"cancelButton"_s);
    // Enter creates the job; it never throws away what was typed.
    m_buttons->button(QDialogButtonBox::Cancel)->setAutoDefault(false);
    m_createButton->setDefault(true);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_progressBar);
    layout->addWidget(m_errorLabel);
    layout->addStretch();
    layout->addWidget(m_buttons);
    // The dialog grows with a long error instead of squeezing the hints above it.
    layout->setSizeConstraint(QLayout::SetMinimumSize);

    // An error goes as soon as its cause changes: a new name, file or run mode.
    const auto changed = [this] {
        m_errorLabel->clear();
        updateState();
    };
    connect(m_nameEdit, &QLineEdit::textChanged, this, changed);
    connect(m_fileEdit, &QLineEdit::textChanged, this, changed);
    connect(m_cronEdit, &QLineEdit::textChanged, this, [this](const QString& text) {
        JobSettings settings;
        settings.setSchedule(text.trimmed());
        m_schedule = settings;
        updateState();
    });
    connect(m_modeCombo, &QComboBox::currentIndexChanged, this, changed);
    connect(m_browseButton, &QPushButton::clicked, this, &AddJobDialog::browse);
    connect(m_scheduleButton, &QPushButton::clicked, this, &AddJobDialog::editSchedule);
    connect(m_createButton, &QPushButton::clicked, this, &AddJobDialog::create);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &AddJobDialog::reject);
    updateState();
}

AddJobDialog::~AddJobDialog()
{
    if (m_operation)
        m_operation->cancel();
}

void AddJobDialog::setScheduleSettings(const JobSettings& settings)
{
    m_schedule = settings;
    const QSignalBlocker blocker(m_cronEdit);
    m_cronEdit->setText(settings.schedule());
    updateState();
}

QString AddJobDialog::scheduleProblem() const
{
    const Schedule schedule = Schedule::fromSettings(m_schedule);
    if (schedule.isNone())
        return tr("Enter a CRON expression or choose Schedule… to describe when the job runs.");
    if (!schedule.isValid())
        return schedule.errorString();
    return schedule.validate(QDateTime::currentDateTimeUtc());
}

void AddJobDialog::updateState()
{
    const bool busy = m_operation != nullptr;
    const QString name = m_nameEdit->text();
    const QString nameError = JobName::validate(name);
    if (name.isEmpty() || nameError.isEmpty()) {
        m_nameRuleLabel->setText(
            tr("Letters, digits, '-' and '_', starting with a letter or a digit; at most %1 characters.")
                .arg(JobName::MaxLength));
        showAsError(m_nameRuleLabel, false);
    } else {
        m_nameRuleLabel->setText(nameError);
        showAsError(m_nameRuleLabel, true);
    }

    const auto mode = Mode(m_modeCombo->currentData().toInt());
    const bool scheduled = mode == Mode::Scheduled;
    m_cronEdit->setEnabled(scheduled && !busy);
    m_scheduleButton->setEnabled(scheduled && !busy);
    QString problem;
    if (scheduled) {
        problem = scheduleProblem();
        const Schedule schedule = Schedule::fromSettings(m_schedule);
        if (problem.isEmpty()) {
            m_scheduleLabel->setText(schedule.kind() == Schedule::Kind::Recurrence && schedule.recurrence()
                    ? schedule.recurrence()->describe(QLocale())
                    : tr("CRON: %1").arg(schedule.cronText()));
            showAsError(m_scheduleLabel, false);
        } else {
            m_scheduleLabel->setText(problem);
            showAsError(m_scheduleLabel, true);
        }
    } else {
        m_scheduleLabel->clear();
    }

    m_nameEdit->setEnabled(!busy);
    m_fileEdit->setEnabled(!busy);
    m_browseButton->setEnabled(!busy);
    m_modeCombo->setEnabled(!busy);
    m_createButton->setEnabled(
        !busy && nameError.isEmpty() && !m_fileEdit->text().trimmed().isEmpty() && problem.isEmpty());
}

void AddJobDialog::browse()
{
    const QString path = FileDialog::getOpenFileName(this, tr("Choose the job's package"), m_fileEdit->text(),
        tr("Zip packages or scripts (*.zip *.sh *.py *.js *.php *.ps1 *.cmd *.bat *.exe);;All files (*)"));
    if (!path.isEmpty())
        m_fileEdit->setText(path);
}

void AddJobDialog::editSchedule()
{
    auto* wizard = new ScheduleWizard(this);
    wizard->setAttribute(Qt::WA_DeleteOnClose);
    wizard->setSettings(m_schedule);
    connect(wizard, &QWizard::accepted, this, [this, wizard] { setScheduleSettings(wizard->settings()); });
    wizard->open();
}

void AddJobDialog::create()
{
    const QString path = m_fileEdit->text().trimmed();
    const QFileInfo info(path);
    m_errorLabel->clear();
    if (!info.isFile()) {
        m_errorLabel->setText(tr("The file %1 does not exist. Choose a .zip package or a script.").arg(path));
        focusField(m_fileEdit);
        return;
    }
    const auto mode = Mode(m_modeCombo->currentData().toInt());
    const JobType type = mode == Mode::Continuous ? JobType::Continuous : JobType::Triggered;
    const bool isZip = info.suffix().compare(u"zip"_s, Qt::CaseInsensitive) == 0;
    const QString name = m_nameEdit->text();
    m_operation = m_service->addJob(
        type, name, info.absoluteFilePath(), isZip, mode == Mode::Scheduled ? m_schedule : JobSettings());
    m_progressBar->setRange(0, 0);
    m_progressBar->setVisible(true);
    connect(m_operation, &AddJobOperation::progress, this, [this](qint64 done, qint64 total) {
        // Percent keeps the range within an int whatever the package's size.
        m_progressBar->setRange(0, 100);
        m_progressBar->setValue(total > 0 ? int(done * 100 / total) : 0);
    });
    connect(m_operation, &AddJobOperation::finished, this, [this, type, name](const ServiceError& error, const Job&) {
        m_operation = nullptr;
        m_progressBar->setVisible(false);
        if (error.ok()) {
            Q_EMIT jobCreated(type, name);
            accept();
            return;
        }
        updateState();
        m_errorLabel->setText(error.message);
        // Back to the field to fix: the name when the engine refused it, else the file.
        focusField(
            JobName::validate(name).isEmpty() && error.code != ServiceError::Code::Conflict ? m_fileEdit : m_nameEdit);
    });
    updateState();
}

void AddJobDialog::focusField(QLineEdit* field)
{
    field->setFocus(Qt::OtherFocusReason);
    field->selectAll();
}

void AddJobDialog::reject()
{
    if (m_operation) {
        // Cancel the import first; the dialog closes when the operation has finished.
        m_operation->cancel();
        m_errorLabel->setText(tr("Cancelling…"));
        connect(m_operation, &AddJobOperation::finished, this, [this] { QDialog::reject(); });
        return;
    }
    QDialog::reject();
}

} // namespace WebJobs
