#include "ui/PreferencesDialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QSettings>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace WebJobs {

PreferencesDialog::PreferencesDialog(QWidget* parent)
    : QDialog(parent)
{
    setObjectName(u"preferencesDialog"_s);
    setWindowTitle(tr("Preferences"));

    m_languageCombo = new QComboBox(this);
    m_languageCombo->setObjectName(u"languageCombo"_s);
    m_languageCombo->addItem(tr("System language"), QString());
    m_languageCombo->addItem(u"English"_s, u"en"_s);
    m_languageCombo->addItem(u"Français"_s, u"fr"_s);
    const QString current = QSettings().value(u"preferences/language"_s).toString();
    m_languageCombo->setCurrentIndex(std::max(0, m_languageCombo->findData(current)));

    auto* note = new QLabel(tr("The language changes at the next start of the console."), this);
    note->setWordWrap(true);
    auto* form = new QFormLayout;
    form->addRow(tr("Language"), m_languageCombo);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &PreferencesDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(note);
    layout->addWidget(buttons);
}

void PreferencesDialog::accept()
{
    QSettings().setValue(u"preferences/language"_s, m_languageCombo->currentData().toString());
    QDialog::accept();
}

} // namespace WebJobs
