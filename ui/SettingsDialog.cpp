#include "ui/SettingsDialog.h"

#include "core/schedule/Schedule.h"
#include "core/service/JobService.h"
#include "ui/FutureCallback.h"
#include "ui/ScheduleWizard.h"

#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QJsonDocument>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace WebJobs {

SettingsDialog::SettingsDialog(JobService* service, JobType type, const QString& name, QWidget* parent)
    : QDialog(parent)
    , m_service(service)
    , m_type(type)
    , m_name(name)
{
    setObjectName(u"settingsDialog"_s);
    setWindowTitle(tr("Settings of %1").arg(name));
    resize(560, 420);

    m_editor = new QPlainTextEdit(this);
    m_editor->setObjectName(u"settingsEdit"_s);
    m_editor->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_editor->setEnabled(false);
    m_messageLabel = new QLabel(tr("Loading…"), this);
    m_messageLabel->setObjectName(u"messageLabel"_s);
    m_messageLabel->setWordWrap(true);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Save)->setObjectName(u"saveButton"_s);
    m_buttons->button(QDialogButtonBox::Save)->setEnabled(false);
    m_scheduleButton = m_buttons->addButton(tr("Edit schedule…"), QDialogButtonBox::ActionRole);
    m_scheduleButton->setObjectName(u"editScheduleButton"_s);
    m_scheduleButton->setVisible(type == JobType::Triggered);
    m_scheduleButton->setEnabled(false);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("settings.job"), this));
    layout->addWidget(m_editor, 1);
    layout->addWidget(m_messageLabel);
    layout->addWidget(m_buttons);

    connect(m_editor, &QPlainTextEdit::textChanged, this, &SettingsDialog::validate);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_buttons->button(QDialogButtonBox::Save), &QPushButton::clicked, this, [this] {
        QString error;
        if (const std::optional<JobSettings> settings = parsedSettings(&error))
            save(*settings);
    });
    connect(m_scheduleButton, &QPushButton::clicked, this, &SettingsDialog::showWizard);

    whenFinished(this, service->settings(type, name), [this](const JobSettings& settings) {
        m_loaded = settings;
        m_isLoaded = true;
        m_editor->setPlainText(
            QString::fromUtf8(QJsonDocument(settings.toJsonObject()).toJson(QJsonDocument::Indented)));
        m_editor->setEnabled(true);
        m_scheduleButton->setEnabled(true);
        validate();
        Q_EMIT settingsLoaded();
        if (m_wizardRequested)
            showWizard();
    });
}

std::optional<JobSettings> SettingsDialog::parsedSettings(QString* error) const
{
    const std::optional<JobSettings> settings = JobSettings::parse(m_editor->toPlainText().toUtf8(), error);
    if (!settings)
        return std::nullopt;
    if (m_type == JobType::Triggered) {
        const Schedule schedule = Schedule::fromSettings(*settings);
        QString problem = schedule.errorString();
        if (problem.isEmpty())
            problem = schedule.validate(QDateTime::currentDateTimeUtc());
        if (!problem.isEmpty()) {
            *error = problem;
            return std::nullopt;
        }
    }
    return settings;
}

void SettingsDialog::validate()
{
    QString error;
    const bool ok = m_isLoaded && parsedSettings(&error).has_value();
    m_buttons->button(QDialogButtonBox::Save)->setEnabled(ok);
    if (!m_isLoaded)
        return;
    m_messageLabel->setText(ok ? tr("The settings are valid.") : error);
    m_messageLabel->setStyleSheet(ok ? QString() : u"color: red;"_s);
}

void SettingsDialog::save(const JobSettings& settings)
{
    m_buttons->setEnabled(false);
    whenFinished(this, m_service->setSettings(m_type, m_name, settings), [this](const ServiceReply& reply) {
        m_buttons->setEnabled(true);
        if (!reply.ok()) {
            m_messageLabel->setText(reply.error.message);
            m_messageLabel->setStyleSheet(u"color: red;"_s);
            // Opened for the wizard alone, the dialog shows itself to say why nothing was saved.
            if (!isVisible())
                open();
            return;
        }
        Q_EMIT saved();
        if (isVisible())
            accept();
        else
            deleteLater();
    });
}

void SettingsDialog::openScheduleWizard()
{
    m_wizardRequested = true;
    if (m_isLoaded)
        showWizard();
}

void SettingsDialog::showWizard()
{
    m_wizardRequested = false;
    QString error;
    const JobSettings current = parsedSettings(&error).value_or(m_loaded);
    auto* wizard = new ScheduleWizard(isVisible() ? static_cast<QWidget*>(this) : parentWidget());
    wizard->setAttribute(Qt::WA_DeleteOnClose);
    wizard->setSettings(current);
    connect(wizard, &QWizard::accepted, this, [this, wizard, current] {
        JobSettings updated = current;
        wizard->applyTo(updated);
        m_editor->setPlainText(
            QString::fromUtf8(QJsonDocument(updated.toJsonObject()).toJson(QJsonDocument::Indented)));
        save(updated);
    });
    connect(wizard, &QWizard::rejected, this, [this] {
        if (!isVisible())
            deleteLater();
    });
    wizard->open();
}

} // namespace WebJobs
