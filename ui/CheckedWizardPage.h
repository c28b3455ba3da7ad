#pragma once

// A wizard page whose check and next page are given as functions: the schedule wizard builds
// its pages from plain widgets and states, per page, what it checks (validatePage, with the
// engine's sentence shown on the page) and where it goes next.

#include <QWizardPage>

#include <functional>

class QLabel;
class QVBoxLayout;

namespace WebJobs {

class CheckedWizardPage : public QWizardPage
{
    Q_OBJECT

public:
    // Returns an empty string when the page's part is valid, else the sentence to show.
    using Check = std::function<QString()>;
    using Next = std::function<int()>;
    using Enter = std::function<void()>;

    explicit CheckedWizardPage(QWidget* parent = nullptr);

    QVBoxLayout* contentLayout() const { return m_content; }
    void setCheck(Check check) { m_check = std::move(check); }
    void setNext(Next next) { m_next = std::move(next); }
    void setEnter(Enter enter) { m_enter = std::move(enter); }
    QString errorText() const;

    bool validatePage() override;
    int nextId() const override;
    void initializePage() override;

private:
    QVBoxLayout* m_content;
    QLabel* m_errorLabel;
    Check m_check;
    Next m_next;
    Enter m_enter;
};

} // namespace WebJobs
