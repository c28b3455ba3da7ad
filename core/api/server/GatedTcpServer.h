#pragma once

// A QTcpServer that hands each accepted socket to a callback before QHttpServer sees it, so
// that a RequestGate is connected to the socket ahead of QHttpServer's own reader
// (QAbstractHttpServer takes sockets with nextPendingConnection(), then connects to them).
// GatedSslServer is the same over TLS. Lives in the server's thread.

#include <QTcpServer>

#include <functional>

namespace WebJobs {

class GatedTcpServer : public QTcpServer
{
    Q_OBJECT

public:
    using Installer = std::function<void(QTcpSocket*)>;

    explicit GatedTcpServer(Installer installer, QObject* parent = nullptr);

    QTcpSocket* nextPendingConnection() override;

private:
    Installer m_installer;
};

} // namespace WebJobs
