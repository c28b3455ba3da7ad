#include "ui/ConnectionsDialog.h"

#include "core/service/RemoteJobService.h"
#include "ui/MessageBox.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace WebJobs {

ConnectionsDialog::ConnectionsDialog(ConnectionStore* store, QWidget* parent)
    : QDialog(parent)
    , m_store(store)
{
    setObjectName(u"connectionsDialog"_s);
    setWindowTitle(tr("Connections"));

    m_list = new QListWidget(this);
    m_list->setObjectName(u"connectionList"_s);
    m_nameEdit = new QLineEdit(this);
    m_nameEdit->setObjectName(u"nameEdit"_s);
    m_kindCombo = new QComboBox(this);
    m_kindCombo->setObjectName(u"kindCombo"_s);
    m_kindCombo->addItem(tr("Local host"), ConnectionStore::kindKey(SavedConnection::Kind::Local));
    m_kindCombo->addItem(tr("Agent (URL)"), ConnectionStore::kindKey(SavedConnection::Kind::Agent));
    m_kindCombo->addItem(tr("Kudu site"), ConnectionStore::kindKey(SavedConnection::Kind::Kudu));
    m_kindCombo->setCurrentIndex(1);
    m_urlLabel = new QLabel(tr("&URL:"), this);
    m_urlLabel->setObjectName(u"urlLabel"_s);
    m_urlEdit = new QLineEdit(this);
    m_urlEdit->setObjectName(u"urlEdit"_s);
    m_urlLabel->setBuddy(m_urlEdit);
    m_userEdit = new QLineEdit(this);
    m_userEdit->setObjectName(u"userEdit"_s);
    m_passwordEdit = new QLineEdit(this);
    m_passwordEdit->setObjectName(u"passwordEdit"_s);
    m_passwordEdit->setEchoMode(QLineEdit::Password);
    m_passwordEdit->setPlaceholderText(tr("Asked for at each connection when left empty"));
    m_insecureLabel = new QLabel(this);
    m_insecureLabel->setObjectName(u"insecureLabel"_s);
    m_insecureLabel->setWordWrap(true);
    m_insecureLabel->setStyleSheet(u"color: #a4262c;"_s);
    m_keychainLabel = new QLabel(this);
    m_keychainLabel->setObjectName(u"keychainLabel"_s);
    m_keychainLabel->setWordWrap(true);
    m_testProgress = new QProgressBar(this);
    m_testProgress->setObjectName(u"testProgress"_s);
    m_testProgress->setRange(0, 0);
    m_testProgress->setTextVisible(false);
    m_testProgress->hide();
    m_resultLabel = new QLabel(this);
    m_resultLabel->setObjectName(u"testResultLabel"_s);
    m_resultLabel->setWordWrap(true);
    m_resultLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_newButton = new QPushButton(tr("&New"), this);
    m_newButton->setObjectName(u"newButton"_s);
    m_saveButton = new QPushButton(tr("&Save"), this);
    m_saveButton->setObjectName(u"saveButton"_s);
    m_removeButton = new QPushButton(tr("&Remove"), this);
    m_removeButton->setObjectName(u"removeButton"_s);
    m_testButton = new QPushButton(tr("&Test"), this);
    m_testButton->setObjectName(u"testButton"_s);
    m_cancelTestButton = new QPushButton(tr("&Cancel test"), this);
    m_cancelTestButton->setObjectName(u"cancelTestButton"_s);
    m_cancelTestButton->hide();
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_buttons->setObjectName(u"buttonBox"_s);

    auto* form = new QFormLayout;
    form->addRow(tr("&Name:"), m_nameEdit);
    form->addRow(tr("&Kind:"), m_kindCombo);
    form->addRow(m_urlLabel, m_urlEdit);
    form->addRow(tr("U&ser:"), m_userEdit);
    form->addRow(tr("&Password:"), m_passwordEdit);
    auto* testRow = new QHBoxLayout;
    testRow->addWidget(m_testButton);
    testRow->addWidget(m_cancelTestButton);
    testRow->addWidget(m_testProgress, 1);
    auto* right = new QVBoxLayout;
    right->addLayout(form);
    right->addWidget(m_insecureLabel);
    right->addWidget(m_keychainLabel);
    right->addLayout(testRow);
    right->addWidget(m_resultLabel);
    right->addStretch(1);
    auto* listButtons = new QHBoxLayout;
    listButtons->addWidget(m_newButton);
    listButtons->addWidget(m_saveButton);
    listButtons->addWidget(m_removeButton);
    auto* left = new QVBoxLayout;
    left->addWidget(m_list, 1);
    left->addLayout(listButtons);
    auto* columns = new QHBoxLayout;
    columns->addLayout(left);
    columns->addLayout(right, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(columns);
    layout->addWidget(m_buttons);

    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_newButton, &QPushButton::clicked, this, &ConnectionsDialog::newConnection);
    connect(m_saveButton, &QPushButton::clicked, this, &ConnectionsDialog::saveConnection);
    connect(m_removeButton, &QPushButton::clicked, this, &ConnectionsDialog::removeConnection);
    connect(m_testButton, &QPushButton::clicked, this, &ConnectionsDialog::testConnection);
    connect(m_cancelTestButton, &QPushButton::clicked, this, &ConnectionsDialog::cancelTest);
    connect(m_list, &QListWidget::currentTextChanged, this, &ConnectionsDialog::showConnection);
    connect(m_kindCombo, &QComboBox::currentIndexChanged, this, &ConnectionsDialog::updateForm);
    connect(m_urlEdit, &QLineEdit::textChanged, this, &ConnectionsDialog::updateForm);
    connect(m_nameEdit, &QLineEdit::textChanged, this, &ConnectionsDialog::updateForm);

    reload({});
    updateForm();
}

ConnectionsDialog::~ConnectionsDialog() = default;

SavedConnection ConnectionsDialog::enteredConnection() const
{
    SavedConnection connection;
    connection.name = m_nameEdit->text().trimmed();
    connection.kind
        = ConnectionStore::kindFromKey(m_kindCombo->currentData().toString()).value_or(SavedConnection::Kind::Agent);
    if (connection.kind == SavedConnection::Kind::Kudu)
        connection.url = ConnectionStore::kuduUrl(m_urlEdit->text());
    else if (connection.kind == SavedConnection::Kind::Agent)
        connection.url = QUrl::fromUserInput(m_urlEdit->text().trimmed());
    if (connection.kind != SavedConnection::Kind::Local)
        connection.user = m_userEdit->text();
    if (const std::optional<SavedConnection> saved = m_store->connection(connection.name))
        connection.trustedCertificates = saved->trustedCertificates;
    connection.trustedCertificates += m_testCertificates;
    return connection;
}

QString ConnectionsDialog::testResult() const
{
    return m_resultLabel->text();
}

void ConnectionsDialog::newConnection()
{
    m_list->setCurrentRow(-1);
    m_list->clearSelection();
    m_nameEdit->clear();
    m_kindCombo->setCurrentIndex(1);
    m_urlEdit->clear();
    m_userEdit->clear();
    m_passwordEdit->clear();
    m_resultLabel->clear();
    m_keychainLabel->clear();
    m_testCertificates.clear();
    m_nameEdit->setFocus();
    updateForm();
}

QString ConnectionsDialog::formProblem() const
{
    const SavedConnection connection = enteredConnection();
    if (connection.name.isEmpty())
        return tr("Enter a name for the connection.");
    if (connection.kind == SavedConnection::Kind::Local)
        return {};
    const QString scheme = connection.url.scheme();
    if (m_urlEdit->text().trimmed().isEmpty() || !connection.url.isValid() || connection.url.host().isEmpty()
        || (scheme != u"http"_s && scheme != u"https"_s)) {
        return connection.kind == SavedConnection::Kind::Kudu
            ? tr("Enter the site's name (mysite) or its Kudu URL (https://mysite.scm.azurewebsites.net).")
            : tr("Enter the agent's URL, such as https://server.example.com:8181.");
    }
    return {};
}

bool ConnectionsDialog::saveConnection()
{
    if (const QString problem = formProblem(); !problem.isEmpty()) {
        m_resultLabel->setText(problem);
        return false;
    }
    const SavedConnection connection = enteredConnection();
    m_store->save(connection);
    const QString password = m_passwordEdit->text();
    if (connection.kind != SavedConnection::Kind::Local && !password.isEmpty()) {
        QPointer<ConnectionsDialog> self(this);
        m_store->writePassword(connection.name, password, [self](const QString& problem) {
            if (!self)
                return;
            self->m_keychainLabel->setText(problem);
            Q_EMIT self->passwordSaved(problem);
        });
    }
    m_resultLabel->setText(tr("Saved “%1”.").arg(connection.name));
    reload(connection.name);
    return true;
}

void ConnectionsDialog::removeConnection()
{
    QListWidgetItem* item = m_list->currentItem();
    if (!item)
        return;
    const QString name = item->text();
    if (MessageBox::question(
            this, tr("Remove Connection"), tr("Remove the connection “%1” and its saved password?").arg(name))
        != QMessageBox::Yes)
        return;
    m_store->remove(name);
    reload({});
    newConnection();
}

void ConnectionsDialog::testConnection()
{
    cancelTest();
    if (const QString problem = formProblem(); !problem.isEmpty()) {
        finishTest(false, problem);
        return;
    }
    const SavedConnection connection = enteredConnection();
    if (connection.kind == SavedConnection::Kind::Local) {
        finishTest(true, tr("This machine's jobs need no connection."));
        return;
    }
    m_testService = new RemoteJobService(ConnectionStore::options(connection, m_passwordEdit->text()), this);
    m_testService->setObjectName(u"testService"_s);
    RemoteJobService* service = m_testService;
    connect(service, &JobService::stateChanged, this, [this, service](JobService::State state) {
        if (service != m_testService)
            return;
        if (state == JobService::State::Ready)
            finishTest(true, tr("Connected: %1 is ready.").arg(service->displayName()));
        else if (state == JobService::State::Failed)
            finishTest(false, service->errorString());
    });
    // Follows the Failed state (the test has ended): adds the certificate's digest to the result.
    connect(service, &RemoteJobService::certificateProblem, this,
        [this, service](const QList<QSslError>&, const QSslCertificate& certificate) {
            m_resultLabel->setText(
                tr("%1\nSHA-256: %2").arg(service->errorString(), ConnectionStore::digest(certificate)));
        });
    m_testProgress->show();
    m_cancelTestButton->show();
    m_testButton->setEnabled(false);
    m_resultLabel->setText(tr("Connecting to %1…").arg(connection.url.toString()));
}

void ConnectionsDialog::cancelTest()
{
    if (!m_testService)
        return;
    RemoteJobService* service = std::exchange(m_testService, nullptr);
    service->deleteLater();
    m_testProgress->hide();
    m_cancelTestButton->hide();
    m_testButton->setEnabled(true);
    m_resultLabel->setText(tr("Test cancelled."));
}

void ConnectionsDialog::finishTest(bool ready, const QString& text)
{
    if (m_testService)
        std::exchange(m_testService, nullptr)->deleteLater();
    m_testProgress->hide();
    m_cancelTestButton->hide();
    m_testButton->setEnabled(true);
    m_resultLabel->setText(text);
    Q_EMIT testFinished(ready, text);
}

void ConnectionsDialog::reload(const QString& select)
{
    const QSignalBlocker blocker(m_list);
    m_list->clear();
    m_list->addItems(m_store->names());
    const QList<QListWidgetItem*> found = m_list->findItems(select, Qt::MatchExactly);
    if (!select.isEmpty() && !found.isEmpty())
        m_list->setCurrentItem(found.first());
    updateForm();
}

void ConnectionsDialog::showConnection(const QString& name)
{
    const std::optional<SavedConnection> connection = m_store->connection(name);
    if (!connection)
        return;
    cancelTest();
    m_testCertificates.clear();
    m_nameEdit->setText(connection->name);
    m_kindCombo->setCurrentIndex(m_kindCombo->findData(ConnectionStore::kindKey(connection->kind)));
    m_urlEdit->setText(connection->url.toString());
    m_userEdit->setText(connection->user);
    m_passwordEdit->clear();
    m_resultLabel->clear();
    m_keychainLabel->clear();
    updateForm();
}

void ConnectionsDialog::updateForm()
{
    const SavedConnection connection = enteredConnection();
    const bool local = connection.kind == SavedConnection::Kind::Local;
    m_urlEdit->setEnabled(!local);
    m_userEdit->setEnabled(!local);
    m_passwordEdit->setEnabled(!local);
    m_urlLabel->setText(connection.kind == SavedConnection::Kind::Kudu ? tr("&Site or URL:") : tr("&URL:"));
    m_urlEdit->setPlaceholderText(connection.kind == SavedConnection::Kind::Kudu
            ? tr("mysite or https://mysite.scm.azurewebsites.net")
            : tr("https://server.example.com:8181"));
    m_removeButton->setEnabled(m_list->currentItem() != nullptr);
    QString warning;
    if (!local && connection.url.scheme() == u"http"_s && !connection.url.host().isEmpty()) {
        // The service says what is insecure about it; it is not started (no request is made)
        // until the first event loop turn, and is deleted at once.
        const RemoteJobService probe(ConnectionStore::options(connection, {}));
        if (probe.isInsecure())
            warning = probe.insecureWarning();
    }
    m_insecureLabel->setText(warning);
    m_insecureLabel->setVisible(!warning.isEmpty());
}

} // namespace WebJobs
