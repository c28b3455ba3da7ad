#pragma once

// The console's window and the service it shows: this machine's LocalJobService, or a
// RemoteJobService opened from a saved connection (File > Connect to, `--connect NAME|URL`, or
// the last one at start). Switching replaces the window with one on the new service, at the
// same place and size, so that nothing of the old service (models, open dialogs, pending
// futures) outlives it; the remote service belongs to its window and goes with it. A server's
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
    // box) when `target` is neither.
    bool connectTo(const QString& target);
    // At start: the connection opened last, or this machine.
    void openLast();

Q_SIGNALS:
    // The window was replaced (window() and service() are the new ones).
    void switched();
    // Opening a connection ended without switching (the password prompt was cancelled).
    void connectCancelled();

private:
    void open(const SavedConnection& connection);
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
