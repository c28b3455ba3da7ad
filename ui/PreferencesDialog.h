#pragma once

// Preferences: the language of the console (the system's, English or French), applied at the
// next start (stored as preferences/language, which main() reads).

#include <QDialog>

class QComboBox;

namespace WebJobs {

class PreferencesDialog : public QDialog
{
    Q_OBJECT

public:
    explicit PreferencesDialog(QWidget* parent = nullptr);

    void accept() override;

private:
    QComboBox* m_languageCombo;
};

} // namespace WebJobs
