#pragma once

// A listening server that hands each accepted socket to a callback (the installer) before
// QHttpServer sees it, so that a RequestGate is connected to the socket ahead of QHttpServer's
// own reader (QAbstractHttpServer takes sockets with nextPendingConnection(), then connects to
// them), and that tells a second callback (the hand-over) when QHttpServer takes it.
//
// GatedTcpServer listens in the clear: the installer runs when QHttpServer takes the socket; a
// connection it refuses (too many from one client) is answered 503 and closed here, and
// QHttpServer never sees it.
//
// GatedSslServer listens over TLS, and the installer runs at accept, before the handshake, so
// that handshakes in progress count against the caps like any connection (a client that opens
// connections and never sends a ClientHello takes no more than its share). A connection it
// refuses is closed at once (no HTTP can be spoken before the handshake, and a handshake is
// work done for the attacker). A handshake not complete within handshakeTimeout() is aborted.
// The socket is handed over when its handshake completes. (Qt's own QSslServer counts
// handshakes in progress as pending connections and stops accepting anyone while 30 of them
// are: this one does not.)
//
// Lives in the server's thread.

#include <QSslServer>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#include <functional>
#include <type_traits>

namespace WebJobs {

template <typename Server>
class GatedServer final : public Server
{
public:
    // True: serve the socket (a gate was installed); false: refuse it.
    using Installer = std::function<bool(QTcpSocket*)>;
    // The socket of an installed gate is QHttpServer's from now on.
    using HandOver = std::function<void(QTcpSocket*)>;

    static constexpr bool IsTls = std::is_same_v<Server, QSslServer>;

    GatedServer(Installer installer, HandOver handOver, QByteArray refusal, QObject* parent = nullptr)
        : Server(parent)
        , m_installer(std::move(installer))
        , m_handOver(std::move(handOver))
        , m_refusal(std::move(refusal))
    { }

    QTcpSocket* nextPendingConnection() override
    {
        while (QTcpSocket* socket = Server::nextPendingConnection()) {
            // Over TLS the installer ran at accept.
            if (IsTls || !m_installer || m_installer(socket)) {
                if (m_handOver)
                    m_handOver(socket);
                return socket;
            }
            refuse(socket);
        }
        return nullptr;
    }

protected:
    void incomingConnection(qintptr handle) override
    {
        if constexpr (IsTls)
            startHandshake(handle);
        else
            Server::incomingConnection(handle);
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

    // QSslServer::incomingConnection, with the installer at accept and the timeout our own.
    void startHandshake(qintptr handle)
    {
        auto* socket = new QSslSocket(this);
        socket->setSslConfiguration(this->sslConfiguration());
        if (!socket->setSocketDescriptor(handle)) {
            delete socket;
            return;
        }
        if (m_installer && !m_installer(socket)) {
            socket->abort();
            socket->deleteLater();
            return;
        }
        // Until the handshake completes the socket is this server's to delete; then QHttpServer's.
        QObject::connect(socket, &QSslSocket::encrypted, this, [this, socket] {
            QObject::disconnect(socket, nullptr, this, nullptr);
            this->addPendingConnection(socket);
        });
        QObject::connect(socket, &QAbstractSocket::disconnected, this, [socket] { socket->deleteLater(); });
        // Not aborted here: a refused handshake's alert ("protocol version") is still to be sent.
        QObject::connect(socket, &QAbstractSocket::errorOccurred, this, [socket] { socket->deleteLater(); });
        QTimer::singleShot(this->handshakeTimeout(), socket, [socket] {
            if (!socket->isEncrypted()) {
                socket->abort();
                socket->deleteLater();
            }
        });
        socket->startServerEncryption();
    }

    Installer m_installer;
    HandOver m_handOver;
    QByteArray m_refusal;
};

using GatedTcpServer = GatedServer<QTcpServer>;
using GatedSslServer = GatedServer<QSslServer>;

} // namespace WebJobs
