#pragma once

// A server's certificate the system does not trust: its details (subject, issuer, validity,
// SHA-256 digest) and the errors, and the user's choice. Tests answer ahead of time like
// MessageBox: setNextAnswer() makes the next ask() return that choice without showing.

#include <QDialog>
#include <QList>
#include <QSslCertificate>
#include <QSslError>

#include <optional>

namespace WebJobs {

class CertificateDialog : public QDialog
{
    Q_OBJECT

public:
    enum class Choice
    {
        Reject,
        AcceptOnce,
        AcceptAlways
    };

    CertificateDialog(const QString& server, const QList<QSslError>& errors, const QSslCertificate& certificate,
        QWidget* parent = nullptr);

    Choice choice() const { return m_choice; }
    // The details as shown (also for tests).
    QString detailsText() const { return m_details; }

    // Shows the dialog (modal) and returns the choice.
    static Choice ask(
        QWidget* parent, const QString& server, const QList<QSslError>& errors, const QSslCertificate& certificate);
    static void setNextAnswer(Choice choice);
    static QString lastDetails();

private:
    Choice m_choice = Choice::Reject;
    QString m_details;
};

} // namespace WebJobs
