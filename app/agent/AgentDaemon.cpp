#include "app/agent/AgentDaemon.h"

#include "core/api/server/AgentServer.h"
#include "core/host/HostOptions.h"
#include "core/host/JobHost.h"
#include "core/util/SignalWatcher.h"

#include <QDir>
#include <QFile>
#include <QSslCertificate>
#include <QSslKey>
#include <QTextStream>
#include <QTimer>

#include <csignal>
#include <sys/stat.h>

using namespace Qt::StringLiterals;

namespace WebJobs::AgentDaemon {

namespace {

bool loadTls(const AgentConfig& config, QSslConfiguration* tls, QString* error)
{
    QFile certificateFile(config.tlsCertificate);
    if (!certificateFile.open(QIODevice::ReadOnly)) {
        *error = QCoreApplication::translate("AgentDaemon", "Cannot read the certificate %1: %2.")
                     .arg(config.tlsCertificate, certificateFile.errorString());
        return false;
    }
    const QList<QSslCertificate> chain = QSslCertificate::fromData(certificateFile.readAll(), QSsl::Pem);
    if (chain.isEmpty()) {
        *error = QCoreApplication::translate("AgentDaemon", "%1 holds no PEM certificate.").arg(config.tlsCertificate);
        return false;
    }
    QFile keyFile(config.tlsKey);
    if (!keyFile.open(QIODevice::ReadOnly)) {
        *error = QCoreApplication::translate("AgentDaemon", "Cannot read the private key %1: %2.")
                     .arg(config.tlsKey, keyFile.errorString());
        return false;
    }
    const QByteArray keyData = keyFile.readAll();
    QSslKey key(keyData, QSsl::Rsa, QSsl::Pem);
    if (key.isNull())
        key = QSslKey(keyData, QSsl::Ec, QSsl::Pem);
    if (key.isNull()) {
        *error = QCoreApplication::translate("AgentDaemon", "%1 holds no unencrypted PEM private key (RSA or EC).")
                     .arg(config.tlsKey);
        return false;
    }
    *tls = QSslConfiguration::defaultConfiguration();
    tls->setLocalCertificate(chain.constFirst());
    tls->setLocalCertificateChain(chain);
    tls->setPrivateKey(key);
    tls->setPeerVerifyMode(QSslSocket::VerifyNone);
    // TLS 1.0 and 1.1 are broken: say so rather than rely on the library's default.
    tls->setProtocol(QSsl::TlsV1_2OrLater);
    return true;
}

} // namespace

int run(QCoreApplication& app, const AgentConfig& config)
{
    QTextStream err(stderr);
    QTextStream out(stdout);

    // Everything the agent creates (data folder, database, hooks file, logs, uploads) is its
    // user's only; jobs inherit this mask too.
    ::umask(077);

    AgentServerOptions serverOptions;
    serverOptions.address = config.address;
    serverOptions.port = config.port;
    if (config.maxConnections)
        serverOptions.maxConnections = *config.maxConnections;
    if (config.maxConnectionsPerClient)
        serverOptions.maxConnectionsPerClient = *config.maxConnectionsPerClient;
    if (config.requestTimeout) {
        serverOptions.gate.headTimeout = *config.requestTimeout;
        serverOptions.gate.bodyTimeout = *config.requestTimeout;
    }
    if (config.idleTimeout)
        serverOptions.gate.idleTimeout = *config.idleTimeout;
    serverOptions.allowLinkLocalHooks = config.allowLinkLocalHooks;
    if (!config.user.isEmpty())
        serverOptions.auth = BasicAuth(config.user, config.password);
    serverOptions.publicBaseUrl = config.publicUrl;
    // For testing clients against Kudu's API alone (no event stream, no abort).
    const QString kuduOnly = QProcessEnvironment::systemEnvironment().value(u"WEBJOBS_AGENT_KUDU_ONLY"_s);
    serverOptions.kuduOnly = kuduOnly == u"1" || kuduOnly.compare(u"true"_s, Qt::CaseInsensitive) == 0;
    if (!config.tlsCertificate.isEmpty()) {
        QSslConfiguration tls;
        QString error;
        if (!loadTls(config, &tls, &error)) {
            err << error << Qt::endl;
            return 1;
        }
        serverOptions.tls = tls;
    }

    HostOptions defaults;
    defaults.dataRoot = QDir(config.dataRoot).absolutePath();
    defaults.databaseUrl = config.databaseUrl;
    if (config.maxUploadBytes)
        defaults.packageLimits.maxPackageBytes = *config.maxUploadBytes;
    serverOptions.maxUploadBytes = defaults.packageLimits.maxPackageBytes;
    const HostOptions hostOptions = HostOptions::fromEnvironment(QProcessEnvironment::systemEnvironment(), defaults);

    if (!QDir().mkpath(hostOptions.dataRoot)) {
        err << QCoreApplication::translate(
            "AgentDaemon", "Cannot create the data folder %1: check its parent's permissions.")
                   .arg(hostOptions.dataRoot)
            << Qt::endl;
        return 1;
    }
    // A data folder made by an older agent, or by hand, may be open to others: it holds the
    // logs, the database and the hooks' passwords.
    if (!QFile::setPermissions(hostOptions.dataRoot,
            QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner | QFileDevice::ReadUser
                | QFileDevice::WriteUser | QFileDevice::ExeUser))
        err << QCoreApplication::translate("AgentDaemon",
            "Warning: cannot make the data folder %1 private to the agent's user (chmod 700): its files may be "
            "readable by others.")
                   .arg(hostOptions.dataRoot)
            << Qt::endl;
    JobHost host(hostOptions);
    QString error;
    if (!host.open(&error)) {
        err << error << Qt::endl;
        return 1;
    }
    AgentServer server(&host, serverOptions);
    if (!server.listen(&error)) {
        err << error << Qt::endl;
        host.shutdown(std::chrono::seconds(5));
        return 1;
    }
    out << QCoreApplication::translate("AgentDaemon", "webjobs-agent %1 listening on %2 (data: %3, instance %4)")
               .arg(QCoreApplication::applicationVersion(), server.listenUrl(),
                   QDir::toNativeSeparators(hostOptions.dataRoot), host.instance())
        << Qt::endl;

    SignalWatcher signals(SignalWatcher::Repeat::Deliver);
    bool stopping = false;
    QObject::connect(&host, &JobHost::stopped, &app, [&app] { app.exit(0); });
    QObject::connect(&signals, &SignalWatcher::received, &app, [&](int number) {
        if (stopping) {
            err << QCoreApplication::translate("AgentDaemon", "Second signal: stopping now.") << Qt::endl;
            app.exit(0);
            return;
        }
        stopping = true;
        err << QCoreApplication::translate("AgentDaemon", "Signal %1 received: stopping the jobs (at most %2 s).")
                   .arg(QString::fromLatin1(number == SIGINT ? "SIGINT" : "SIGTERM"))
                   .arg(config.shutdownGrace.count())
            << Qt::endl;
        server.close();
        host.shutdown(config.shutdownGrace);
        // The host reports stopped() once every job is down; never wait much longer than the grace.
        QTimer::singleShot(config.shutdownGrace + std::chrono::seconds(10), &app, [&app] { app.exit(0); });
    });
    return app.exec();
}

} // namespace WebJobs::AgentDaemon
