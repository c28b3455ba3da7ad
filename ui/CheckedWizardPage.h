#pragma once

// A wizard page that checks its part when the user clicks Next or Finish (validatePage) and
// shows what is wrong as a sentence on the page, under its content, instead of a message box.
// A page puts its widgets in contentLayout() and overrides check(); the sentence is cleared
// each time the page is entered.

#include <QWizardPage>

class QLabel;
class QVBoxLayout;

namespace WebJobs {

class CheckedWizardPage : public QWizardPage
{
    Q_OBJECT

public:
    explicit CheckedWizardPage(QWidget* parent = nullptr);

    // The sentence of the last failed check; empty when it passed or the page was entered anew.
    QString errorText() const;

    // Clears the sentence. A page that overrides it calls it first.
    void initializePage() override;
    // Runs check() and shows its sentence; true when there is none.
    bool validatePage() override;

protected:
    // The page's check: empty when its part is valid, else the sentence to show. The default
    // accepts everything.
    virtual QString check();
    QVBoxLayout* contentLayout() const { return m_content; }

private:
    QVBoxLayout* m_content;
    QLabel* m_errorLabel;
};

} // namespace WebJobs
