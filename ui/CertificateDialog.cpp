#include "ui/CertificateDialog.h"

#include "ui/ConnectionStore.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace WebJobs {

namespace {

std::optional<CertificateDialog::Choice> g_nextAnswer;
QString g_lastDetails;

QString names(const QStringList& values)
{
    return values.join(u", "_s);
}

} // namespace

CertificateDialog::CertificateDialog(
    const QString& server, const QList<QSslError>& errors, const QSslCertificate& certificate, QWidget* parent)
    : QDialog(parent)
{
    setObjectName(u"certificateDialog"_s);
    setWindowTitle(tr("Untrusted Certificate"));

    QStringList problems;
    for (const QSslError& error : errors)
        problems.append(u"• "_s + error.errorString());
    const QLocale locale;
    m_details
        = tr("Subject: %1\nIssuer: %2\nValid from: %3\nValid until: %4\nSHA-256: %5")
              .arg(names(certificate.subjectInfo(QSslCertificate::CommonName)),
                  names(certificate.issuerInfo(QSslCertificate::CommonName)),
                  locale.toString(certificate.effectiveDate(), QLocale::LongFormat),
                  locale.toString(certificate.expiryDate(), QLocale::LongFormat), ConnectionStore::digest(certificate));

    auto* intro = new QLabel(
        tr("The certificate of %1 is not trusted by this system:\n%2\n\nAccept it only if you know it is the "
           "server's own (compare its SHA-256 digest with the one the server's administrator gives).")
            .arg(server, problems.join(u'\n')),
        this);
    intro->setObjectName(u"certificateIntroLabel"_s);
    intro->setWordWrap(true);
    auto* details = new QPlainTextEdit(m_details, this);
    details->setObjectName(u"certificateDetails"_s);
    details->setReadOnly(true);

    auto* buttons = new QDialogButtonBox(this);
    buttons->setObjectName(u"buttonBox"_s);
    QPushButton* reject = buttons->addButton(tr("&Reject"), QDialogButtonBox::RejectRole);
    reject->setObjectName(u"rejectButton"_s);
    QPushButton* once = buttons->addButton(tr("Accept &once"), QDialogButtonBox::AcceptRole);
    once->setObjectName(u"acceptOnceButton"_s);
    QPushButton* always = buttons->addButton(tr("&Always accept this certificate"), QDialogButtonBox::AcceptRole);
    always->setObjectName(u"acceptAlwaysButton"_s);
    reject->setDefault(true);
    connect(reject, &QPushButton::clicked, this, [this] {
        m_choice = Choice::Reject;
        QDialog::reject();
    });
    connect(once, &QPushButton::clicked, this, [this] {
        m_choice = Choice::AcceptOnce;
        accept();
    });
    connect(always, &QPushButton::clicked, this, [this] {
        m_choice = Choice::AcceptAlways;
        accept();
    });

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(details, 1);
    layout->addWidget(buttons);
}

CertificateDialog::Choice CertificateDialog::ask(
    QWidget* parent, const QString& server, const QList<QSslError>& errors, const QSslCertificate& certificate)
{
    CertificateDialog dialog(server, errors, certificate, parent);
    g_lastDetails = dialog.detailsText();
    if (g_nextAnswer)
        return *std::exchange(g_nextAnswer, std::nullopt);
    dialog.exec();
    return dialog.choice();
}

void CertificateDialog::setNextAnswer(Choice choice)
{
    g_nextAnswer = choice;
}

QString CertificateDialog::lastDetails()
{
    return g_lastDetails;
}

} // namespace WebJobs
