#pragma once

// The console's window and the service it shows: this machine's LocalJobService, or a
// RemoteJobService opened from a saved connection (File > Connect to, `--connect NAME|URL`, or
// the last one at start). Switching replaces the window with one on the new service, at the
// same place and size, so that nothing of the old service (models, open dialogs, pending
// futures) outlives it; the remote service belongs to its window and goes with it. The views
// open over the old window (job and run details, logs) close with it; when one of them holds
// something of the user's (typed text, an upload under way), the switch asks first and the user
// may keep them (nothing is lost silently). A server's
// untrusted certificate is shown (CertificateDialog) and accepted once, always (kept with the
// connection) or rejected.
//
// Threading: GUI thread. Ownership: owns the window; the local service is the caller's.

#include "ui/MainWindow.h"

#include <QObject>
#include <QPointer>
#include <QSslCertificate>
#include <QSslError>
#include <QUrl>

namespace WebJobs {

class ConnectionStore;
class JobService;
class RemoteJobService;
struct SavedConnection;

class ConsoleSession : public QObject
{
    Q_OBJECT

public:
    explicit ConsoleSession(JobService* local, QObject* parent = nullptr);
    ~ConsoleSession() override;

    MainWindow* window() const { return m_window; }
    JobService* service() const;
    // The saved connection shown ("" for this machine or an unsaved URL).
    QString connectionName() const { return m_name; }

    // Opens `target`: a saved connection's name, else an http(s) URL; "" for this machine.
    // Asks for the password when the keychain has none. False (after saying why in a message
    // box) when `target` is neither, or when the user keeps the open windows that hold their
    // input rather than lose them (MainWindow::windowsWithUserInput()).
    bool connectTo(const QString& target);
    // At start: the connection opened last, or this machine.
    void openLast();

Q_SIGNALS:
    // The window was replaced (window() and service() are the new ones).
    void switched();
    // Opening a connection ended without switching (the password prompt was cancelled, or the
    // user kept the open windows).
    void connectCancelled();

private:
    void open(const SavedConnection& connection);
    // True when nothing open over the window would be lost, or the user agreed to lose it.
    bool confirmSwitch(const QString& target);
    void install(JobService* service, RemoteJobService* remote, const QString& name);
    void onCertificateProblem(RemoteJobService* remote, const QString& name, const QList<QSslError>& errors,
        const QSslCertificate& certificate);

    JobService* m_local;
    ConnectionStore* m_store;
    QPointer<MainWindow> m_window;
    QPointer<RemoteJobService> m_remote;
    QString m_name;
};

} // namespace WebJobs
