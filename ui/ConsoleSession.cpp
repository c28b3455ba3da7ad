#include "ui/ConsoleSession.h"

#include "core/service/RemoteJobService.h"
#include "ui/CertificateDialog.h"
#include "ui/ConnectionStore.h"
#include "ui/MainWindow.h"
#include "ui/MessageBox.h"

#include <QTimer>

using namespace Qt::StringLiterals;

namespace WebJobs {

ConsoleSession::ConsoleSession(JobService* local, QObject* parent)
    : QObject(parent)
    , m_local(local)
    , m_store(new ConnectionStore(this))
{
    // The combo and the menu went to the connection the user picked: back to the one in use.
    connect(this, &ConsoleSession::connectCancelled, this, [this] {
        if (m_window)
            m_window->showCurrentConnection();
    });
}

ConsoleSession::~ConsoleSession()
{
    delete m_window.data();
}

JobService* ConsoleSession::service() const
{
    if (m_remote)
        return m_remote;
    return m_local;
}

void ConsoleSession::openLast()
{
    const QString last = ConnectionStore::last();
    if (last.isEmpty() || !m_store->connection(last)) {
        install(m_local, nullptr, {});
        return;
    }
    connectTo(last);
}

bool ConsoleSession::confirmSwitch(const QString& target)
{
    if (!m_window)
        return true;
    const QStringList windows = m_window->windowsWithUserInput();
    if (windows.isEmpty())
        return true;
    const QString destination = target.isEmpty() ? tr("Local host") : target;
    const auto answer = MessageBox::question(m_window, tr("Switch connection"),
        tr("Switching to %1 closes the windows open on this connection, and what you typed or started in them is "
           "lost: %2. Switch anyway? Answer No to finish there first.")
            .arg(destination, windows.join(u", "_s)));
    if (answer == QMessageBox::Yes)
        return true;
    Q_EMIT connectCancelled();
    return false;
}

bool ConsoleSession::connectTo(const QString& target)
{
    if (!confirmSwitch(target))
        return false;
    if (target.isEmpty()) {
        install(m_local, nullptr, {});
        return true;
    }
    if (const std::optional<SavedConnection> saved = m_store->connection(target)) {
        if (saved->kind == SavedConnection::Kind::Local)
            install(m_local, nullptr, target);
        else
            open(*saved);
        return true;
    }
    const QUrl url(target, QUrl::StrictMode);
    if (url.isValid() && (url.scheme() == u"http"_s || url.scheme() == u"https"_s) && !url.host().isEmpty()) {
        SavedConnection connection;
        connection.name = url.host();
        connection.kind = SavedConnection::Kind::Agent;
        connection.user = url.userName();
        QUrl bare = url;
        bare.setUserInfo({});
        connection.url = bare;
        open(connection);
        return true;
    }
    if (!m_window)
        install(m_local, nullptr, {});
    MessageBox::warning(m_window, tr("Connect"),
        tr("No saved connection is named “%1”, and it is not a URL such as https://server:8181. Add it in File > "
           "Connect to > Manage Connections.")
            .arg(target));
    return false;
}

void ConsoleSession::open(const SavedConnection& connection)
{
    // An unsaved connection (--connect URL) goes by its URL, with its user, so that the window's
    // menu and combo can name it and choosing it again reaches the same server as the same user.
    QUrl target = connection.url;
    target.setUserName(connection.user);
    const bool saved = m_store->connection(connection.name).has_value();
    const QString name = saved ? connection.name : target.toString();
    QPointer<ConsoleSession> self(this);
    m_store->openService(connection, m_window, [self, name](RemoteJobService* remote) {
        if (!self) {
            delete remote;
            return;
        }
        if (!remote) {
            if (!self->m_window)
                self->install(self->m_local, nullptr, {});
            Q_EMIT self->connectCancelled();
            return;
        }
        self->install(remote, remote, name);
    });
}

void ConsoleSession::install(JobService* service, RemoteJobService* remote, const QString& name)
{
    QPointer<MainWindow> old = m_window;
    // Before the window, whose connection menu and combo mark the connection in use.
    ConnectionStore::setLast(name);
    auto* window = new MainWindow(service);
    if (old) {
        window->restoreGeometry(old->saveGeometry());
        old->saveLayout();
    }
    if (remote) {
        // The window calls endWatching() on the service in its destructor: the service must
        // outlive it, which a child does (children are deleted after the destructor's body).
        remote->setParent(window);
        connect(remote, &RemoteJobService::certificateProblem, this,
            [this, remote, name](const QList<QSslError>& errors, const QSslCertificate& certificate) {
                onCertificateProblem(remote, name, errors, certificate);
            });
    }
    connect(window, &MainWindow::connectionRequested, this, [this](const QString& target) { connectTo(target); });
    m_window = window;
    m_remote = remote;
    m_name = name;
    if (!old || old->isVisible())
        window->show();
    if (old) {
        // Not closed (closing the last window quits); deleted once the signal that got here returns.
        old->hide();
        old->deleteLater();
    }
    Q_EMIT switched();
}

void ConsoleSession::onCertificateProblem(
    RemoteJobService* remote, const QString& name, const QList<QSslError>& errors, const QSslCertificate& certificate)
{
    QPointer<RemoteJobService> guard(remote);
    // Not inside the network reply's signal: the dialog runs an event loop.
    QTimer::singleShot(0, this, [this, guard, name, errors, certificate] {
        if (!guard)
            return;
        switch (CertificateDialog::ask(m_window, guard->url().toString(), errors, certificate)) {
        case CertificateDialog::Choice::Reject:
            return;
        case CertificateDialog::Choice::AcceptAlways:
            if (!name.isEmpty())
                m_store->trustCertificate(name, certificate);
            break;
        case CertificateDialog::Choice::AcceptOnce:
            break;
        }
        if (guard)
            guard->acceptCertificate(certificate);
    });
}

} // namespace WebJobs
