#pragma once

// GatedTcpServer over TLS: a QSslServer (the handshake is done before the socket is handed
// over) that passes each socket to a callback before QHttpServer connects to it.

#include <QSslServer>

#include <functional>

namespace WebJobs {

class GatedSslServer : public QSslServer
{
    Q_OBJECT

public:
    using Installer = std::function<void(QTcpSocket*)>;

    explicit GatedSslServer(Installer installer, QObject* parent = nullptr);

    QTcpSocket* nextPendingConnection() override;

private:
    Installer m_installer;
};

} // namespace WebJobs
