#pragma once

// A listening server that hands each accepted socket to a callback before QHttpServer sees
// it, so that a RequestGate is connected to the socket ahead of QHttpServer's own reader
// (QAbstractHttpServer takes sockets with nextPendingConnection(), then connects to them).
// GatedTcpServer listens in the clear; GatedSslServer over TLS (QSslServer completes the
// handshake before the socket is handed over). Lives in the server's thread.

#include <QSslServer>
#include <QTcpServer>

#include <functional>

namespace WebJobs {

template <typename Server>
class GatedServer final : public Server
{
public:
    using Installer = std::function<void(QTcpSocket*)>;

    explicit GatedServer(Installer installer, QObject* parent = nullptr)
        : Server(parent)
        , m_installer(std::move(installer))
    { }

    QTcpSocket* nextPendingConnection() override
    {
        QTcpSocket* socket = Server::nextPendingConnection();
        if (socket && m_installer)
            m_installer(socket);
        return socket;
    }

private:
    Installer m_installer;
};

using GatedTcpServer = GatedServer<QTcpServer>;
using GatedSslServer = GatedServer<QSslServer>;

} // namespace WebJobs
