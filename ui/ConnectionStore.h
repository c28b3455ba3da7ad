#pragma once

// The saved connections of the console: where each one goes (this machine, an agent's URL, a
// Kudu site), as whom, and the certificates the user chose to trust, in QSettings
// (`connections/<name>/…`); the passwords in the system keychain (QtKeychain, service
// "webjobs-console", key = the connection's name), never in a settings file. Without a
// keychain service (no D-Bus secret service, no KWallet) the keychain jobs fail: the password
// is then not stored anywhere and the console asks for it at each connection.
//
// Threading: GUI thread. The keychain jobs are asynchronous; their callbacks run in the GUI
// thread, and not at all once the store is destroyed.

#include "core/service/RemoteJobService.h"

#include <QList>
#include <QObject>
#include <QSslCertificate>
#include <QString>
#include <QStringList>
#include <QUrl>

class QWidget;

#include <functional>
#include <optional>

namespace WebJobs {

struct SavedConnection
{
    enum class Kind
    {
        Local,
        Agent,
        Kudu
    };
    QString name;
    Kind kind = Kind::Agent;
    QUrl url;
    QString user;
    // The certificates the user chose to always accept (PEM in the settings, with their SHA-256).
    QList<QSslCertificate> trustedCertificates;
};

class ConnectionStore : public QObject
{
    Q_OBJECT

public:
    static constexpr char KeychainService[] = "webjobs-console";

    explicit ConnectionStore(QObject* parent = nullptr);

    QStringList names() const;
    std::optional<SavedConnection> connection(const QString& name) const;
    // Replaces the connection of that name (the password is separate: writePassword()).
    void save(const SavedConnection& connection);
    // Forgets the connection and deletes its password from the keychain.
    void remove(const QString& name);
    // Always accept this certificate for `name` from now on.
    void trustCertificate(const QString& name, const QSslCertificate& certificate);

    // The connection opened last ("" for this machine).
    static QString last();
    static void setLast(const QString& name);

    static QString kindKey(SavedConnection::Kind kind);
    static std::optional<SavedConnection::Kind> kindFromKey(const QString& key);
    // The URL of a Kudu site: https://<site>.scm.azurewebsites.net for a bare site name, the
    // text as a URL otherwise.
    static QUrl kuduUrl(const QString& siteOrUrl);
    // The uppercase hex SHA-256 of a certificate, as the settings and the dialogs show it.
    static QString digest(const QSslCertificate& certificate);

    // The options of a RemoteJobService for `connection` with `password`.
    static RemoteJobService::Options options(const SavedConnection& connection, const QString& password);

    // The password of `name` from the keychain: `done(password, problem)`, with no password and
    // an empty problem when there is none stored, or no password and the sentence saying why the
    // keychain could not be read (no keychain service running).
    void readPassword(const QString& name, std::function<void(std::optional<QString>, QString)> done);
    // Stores the password; `done(problem)` with an empty problem on success, else the sentence
    // (the password is then not stored at all).
    void writePassword(const QString& name, const QString& password, std::function<void(QString)> done);

    // Opens the saved connection `name`: its password from the keychain, else asked for
    // (PasswordPrompt, saying why the keychain had none), then a RemoteJobService the caller
    // owns; `done(nullptr)` when there is no such connection, it is this machine, or the user
    // cancelled the prompt.
    void openService(const QString& name, QWidget* parent, std::function<void(RemoteJobService*)> done);
    // The same for a connection that may not be saved (webjobs-console --connect URL).
    void openService(const SavedConnection& connection, QWidget* parent, std::function<void(RemoteJobService*)> done);

    // Test hook: a keychain that fails at once as when no keychain service runs.
    static void setKeychainDisabledForTesting(bool disabled);
};

} // namespace WebJobs
