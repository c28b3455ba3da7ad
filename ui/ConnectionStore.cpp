#include "ui/ConnectionStore.h"

#include "ui/PasswordPrompt.h"

#include <qt6keychain/keychain.h>

#include <QCryptographicHash>
#include <QPointer>
#include <QSettings>
#include <QTimer>
#include <QWidget>

using namespace Qt::StringLiterals;

namespace WebJobs {

namespace {

bool g_keychainDisabled = false;

QString groupOf(const QString& name)
{
    // Slashes would make sub-groups; percent-encode them (and the percent itself).
    QString key = name;
    key.replace(u'%', u"%25"_s).replace(u'/', u"%2F"_s).replace(u'\\', u"%5C"_s);
    return u"connections/"_s + key;
}

QString nameOf(const QString& group)
{
    QString name = group;
    return name.replace(u"%2F"_s, u"/"_s).replace(u"%5C"_s, u"\\"_s).replace(u"%25"_s, u"%"_s);
}

QString keychainProblem(QKeychain::Error error, const QString& detail)
{
    const bool unknown = detail.isEmpty() || detail == u"Unknown error"_s;
    if (unknown
        && (error == QKeychain::NoBackendAvailable || error == QKeychain::NotImplemented
            || error == QKeychain::OtherError))
        return ConnectionStore::tr("No keychain service is running: the password is not saved and will be asked for "
                                   "at each connection.");
    if (error == QKeychain::NoBackendAvailable || error == QKeychain::NotImplemented || error == QKeychain::OtherError)
        return ConnectionStore::tr("No keychain service is running (%1): the password is not saved and will be "
                                   "asked for at each connection.")
            .arg(detail);
    if (error == QKeychain::AccessDenied || error == QKeychain::AccessDeniedByUser)
        return ConnectionStore::tr("The keychain refused access to the password (%1): it will be asked for at each "
                                   "connection.")
            .arg(detail);
    return ConnectionStore::tr("The keychain failed (%1): the password will be asked for at each connection.")
        .arg(detail);
}

} // namespace

ConnectionStore::ConnectionStore(QObject* parent)
    : QObject(parent)
{ }

QStringList ConnectionStore::names() const
{
    QSettings settings;
    settings.beginGroup(u"connections"_s);
    QStringList names;
    for (const QString& group : settings.childGroups())
        names.append(nameOf(group));
    names.sort(Qt::CaseInsensitive);
    return names;
}

std::optional<SavedConnection> ConnectionStore::connection(const QString& name) const
{
    QSettings settings;
    settings.beginGroup(groupOf(name));
    if (!settings.contains(u"kind"_s))
        return std::nullopt;
    SavedConnection connection;
    connection.name = name;
    connection.kind = kindFromKey(settings.value(u"kind"_s).toString()).value_or(SavedConnection::Kind::Agent);
    connection.url = QUrl(settings.value(u"url"_s).toString());
    connection.user = settings.value(u"user"_s).toString();
    const QStringList pems = settings.value(u"trustedCertificates"_s).toStringList();
    for (const QString& pem : pems)
        connection.trustedCertificates.append(QSslCertificate::fromData(pem.toLatin1(), QSsl::Pem));
    return connection;
}

void ConnectionStore::save(const SavedConnection& connection)
{
    QSettings settings;
    settings.remove(groupOf(connection.name));
    settings.beginGroup(groupOf(connection.name));
    settings.setValue(u"kind"_s, kindKey(connection.kind));
    settings.setValue(u"url"_s, connection.url.toString());
    settings.setValue(u"user"_s, connection.user);
    QStringList pems;
    QStringList digests;
    for (const QSslCertificate& certificate : connection.trustedCertificates) {
        pems.append(QString::fromLatin1(certificate.toPem()));
        digests.append(digest(certificate));
    }
    if (!pems.isEmpty()) {
        settings.setValue(u"trustedCertificates"_s, pems);
        settings.setValue(u"trustedDigests"_s, digests);
    }
}

void ConnectionStore::remove(const QString& name)
{
    QSettings().remove(groupOf(name));
    if (last() == name)
        setLast({});
    if (g_keychainDisabled)
        return;
    auto* job = new QKeychain::DeletePasswordJob(QString::fromLatin1(KeychainService));
    job->setKey(name);
    job->start();
}

void ConnectionStore::trustCertificate(const QString& name, const QSslCertificate& certificate)
{
    std::optional<SavedConnection> saved = connection(name);
    if (!saved || saved->trustedCertificates.contains(certificate))
        return;
    saved->trustedCertificates.append(certificate);
    save(*saved);
}

QString ConnectionStore::last()
{
    return QSettings().value(u"connections/last"_s).toString();
}

void ConnectionStore::setLast(const QString& name)
{
    QSettings().setValue(u"connections/last"_s, name);
}

QString ConnectionStore::kindKey(SavedConnection::Kind kind)
{
    switch (kind) {
    case SavedConnection::Kind::Local:
        return u"local"_s;
    case SavedConnection::Kind::Agent:
        return u"agent"_s;
    case SavedConnection::Kind::Kudu:
        return u"kudu"_s;
    }
    return u"agent"_s;
}

std::optional<SavedConnection::Kind> ConnectionStore::kindFromKey(const QString& key)
{
    if (key == u"local"_s)
        return SavedConnection::Kind::Local;
    if (key == u"agent"_s)
        return SavedConnection::Kind::Agent;
    if (key == u"kudu"_s)
        return SavedConnection::Kind::Kudu;
    return std::nullopt;
}

QUrl ConnectionStore::kuduUrl(const QString& siteOrUrl)
{
    const QString text = siteOrUrl.trimmed();
    if (!text.isEmpty() && !text.contains(u':') && !text.contains(u'.') && !text.contains(u'/'))
        return QUrl(u"https://%1.scm.azurewebsites.net"_s.arg(text.toLower()));
    return QUrl::fromUserInput(text);
}

QString ConnectionStore::digest(const QSslCertificate& certificate)
{
    return QString::fromLatin1(certificate.digest(QCryptographicHash::Sha256).toHex(':').toUpper());
}

RemoteJobService::Options ConnectionStore::options(const SavedConnection& connection, const QString& password)
{
    RemoteJobService::Options options;
    options.url = connection.url;
    options.user = connection.user;
    options.password = password;
    options.trustedCertificates = connection.trustedCertificates;
    return options;
}

void ConnectionStore::readPassword(const QString& name, std::function<void(std::optional<QString>, QString)> done)
{
    QPointer<ConnectionStore> self(this);
    if (g_keychainDisabled) {
        QTimer::singleShot(0, this, [done, detail = tr("disabled")] {
            done(std::nullopt, keychainProblem(QKeychain::NoBackendAvailable, detail));
        });
        return;
    }
    auto* job = new QKeychain::ReadPasswordJob(QString::fromLatin1(KeychainService));
    job->setKey(name);
    connect(job, &QKeychain::Job::finished, this, [self, job, done] {
        if (!self)
            return;
        if (job->error() == QKeychain::NoError)
            done(job->textData(), {});
        else if (job->error() == QKeychain::EntryNotFound)
            done(std::nullopt, {});
        else
            done(std::nullopt, keychainProblem(job->error(), job->errorString()));
    });
    job->start();
}

void ConnectionStore::writePassword(const QString& name, const QString& password, std::function<void(QString)> done)
{
    QPointer<ConnectionStore> self(this);
    if (g_keychainDisabled) {
        QTimer::singleShot(
            0, this, [done, detail = tr("disabled")] { done(keychainProblem(QKeychain::NoBackendAvailable, detail)); });
        return;
    }
    auto* job = new QKeychain::WritePasswordJob(QString::fromLatin1(KeychainService));
    job->setKey(name);
    job->setTextData(password);
    connect(job, &QKeychain::Job::finished, this, [self, job, done] {
        if (!self)
            return;
        done(job->error() == QKeychain::NoError ? QString() : keychainProblem(job->error(), job->errorString()));
    });
    job->start();
}

void ConnectionStore::openService(const QString& name, QWidget* parent, std::function<void(RemoteJobService*)> done)
{
    const std::optional<SavedConnection> saved = connection(name);
    if (!saved) {
        done(nullptr);
        return;
    }
    openService(*saved, parent, std::move(done));
}

void ConnectionStore::openService(
    const SavedConnection& saved, QWidget* parent, std::function<void(RemoteJobService*)> done)
{
    if (saved.kind == SavedConnection::Kind::Local) {
        done(nullptr);
        return;
    }
    if (saved.kind == SavedConnection::Kind::Agent && saved.user.isEmpty()) {
        // An agent without a user serves loopback without authentication: no password to ask.
        done(new RemoteJobService(options(saved, {})));
        return;
    }
    QPointer<QWidget> window(parent);
    readPassword(saved.name, [saved, window, done](std::optional<QString> password, const QString& problem) {
        if (!password) {
            password = PasswordPrompt::ask(window, saved.name, problem);
            if (!password) {
                done(nullptr);
                return;
            }
        }
        done(new RemoteJobService(options(saved, *password)));
    });
}

void ConnectionStore::setKeychainDisabledForTesting(bool disabled)
{
    g_keychainDisabled = disabled;
}

} // namespace WebJobs
