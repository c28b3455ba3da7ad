#pragma once

// A listening server that hands each accepted socket to a callback before QHttpServer sees
// it, so that a RequestGate is connected to the socket ahead of QHttpServer's own reader
// (QAbstractHttpServer takes sockets with nextPendingConnection(), then connects to them).
// The callback may also refuse the connection (too many from one client): it is then answered
// 503 and closed here, and QHttpServer never sees it.
// GatedTcpServer listens in the clear; GatedSslServer over TLS (QSslServer completes the
// handshake before the socket is handed over). Lives in the server's thread.

#include <QSslServer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#include <functional>

namespace WebJobs {

template <typename Server>
class GatedServer final : public Server
{
public:
    // True: serve the socket (a gate was installed); false: refuse it with `refusal`.
    using Installer = std::function<bool(QTcpSocket*)>;

    GatedServer(Installer installer, QByteArray refusal, QObject* parent = nullptr)
        : Server(parent)
        , m_installer(std::move(installer))
        , m_refusal(std::move(refusal))
    { }

    QTcpSocket* nextPendingConnection() override
    {
        while (QTcpSocket* socket = Server::nextPendingConnection()) {
            if (!m_installer || m_installer(socket))
                return socket;
            refuse(socket);
        }
        return nullptr;
    }

private:
    void refuse(QTcpSocket* socket)
    {
        QObject::connect(socket, &QAbstractSocket::disconnected, socket, &QObject::deleteLater);
        socket->write(m_refusal);
        socket->disconnectFromHost();
        // A client that does not read its refusal does not keep the descriptor either.
        QTimer::singleShot(2000, socket, [socket] { socket->abort(); });
    }

    Installer m_installer;
    QByteArray m_refusal;
};

using GatedTcpServer = GatedServer<QTcpServer>;
using GatedSslServer = GatedServer<QSslServer>;

} // namespace WebJobs
