#pragma once

// The connection manager: the saved connections in a list, and the form of the selected one
// (name, kind, URL or Kudu site, user, password). Test opens a RemoteJobService with the values
// entered and says Ready or why not, without blocking (a busy bar and Cancel while it tries);
// Save keeps the connection (the password in the keychain, or nowhere when there is none);
// Remove forgets it. Plain HTTP to another machine shows the service's insecure warning.

#include "ui/ConnectionStore.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QProgressBar;
class QPushButton;

namespace WebJobs {

class RemoteJobService;

class ConnectionsDialog : public QDialog
{
    Q_OBJECT

public:
    explicit ConnectionsDialog(ConnectionStore* store, QWidget* parent = nullptr);
    ~ConnectionsDialog() override;

    // The connection of the form, as entered (name trimmed, Kudu site expanded to its URL).
    SavedConnection enteredConnection() const;
    bool isTesting() const { return m_testService != nullptr; }
    QString testResult() const;

public Q_SLOTS:
    void newConnection();
    // Saves the form; false (with the reason in the result line) when it is not complete.
    bool saveConnection();
    void removeConnection();
    void testConnection();
    void cancelTest();

Q_SIGNALS:
    // A test ended: Ready (true) or not, with the sentence shown.
    void testFinished(bool ready, const QString& text);
    // The keychain answered a save (empty problem: the password is stored).
    void passwordSaved(const QString& problem);

private:
    void reload(const QString& select);
    void showConnection(const QString& name);
    void updateForm();
    void finishTest(bool ready, const QString& text);
    // Why the form cannot be used, or empty.
    QString formProblem() const;

    ConnectionStore* m_store;
    QListWidget* m_list;
    QLineEdit* m_nameEdit;
    QComboBox* m_kindCombo;
    QLabel* m_urlLabel;
    QLineEdit* m_urlEdit;
    QLineEdit* m_userEdit;
    QLineEdit* m_passwordEdit;
    QLabel* m_insecureLabel;
    QLabel* m_keychainLabel;
    QProgressBar* m_testProgress;
    QLabel* m_resultLabel;
    QPushButton* m_newButton;
    QPushButton* m_saveButton;
    QPushButton* m_removeButton;
    QPushButton* m_testButton;
    QPushButton* m_cancelTestButton;
    QDialogButtonBox* m_buttons;
    RemoteJobService* m_testService = nullptr;
    QList<QSslCertificate> m_testCertificates;
};

} // namespace WebJobs
