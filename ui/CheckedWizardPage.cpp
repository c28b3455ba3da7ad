#include "ui/CheckedWizardPage.h"

#include <QLabel>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace WebJobs {

CheckedWizardPage::CheckedWizardPage(QWidget* parent)
    : QWizardPage(parent)
{
    auto* layout = new QVBoxLayout(this);
    m_content = new QVBoxLayout;
    layout->addLayout(m_content);
    layout->addStretch(1);
    m_errorLabel = new QLabel(this);
    m_errorLabel->setObjectName(u"errorLabel"_s);
    m_errorLabel->setWordWrap(true);
    m_errorLabel->setStyleSheet(u"color: red;"_s);
    layout->addWidget(m_errorLabel);
}

QString CheckedWizardPage::errorText() const
{
    return m_errorLabel->text();
}

void CheckedWizardPage::initializePage()
{
    m_errorLabel->clear();
}

bool CheckedWizardPage::validatePage()
{
    const QString problem = check();
    m_errorLabel->setText(problem);
    return problem.isEmpty();
}

QString CheckedWizardPage::check()
{
    return {};
}

} // namespace WebJobs
