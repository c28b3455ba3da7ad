#include "core/api/server/GatedTcpServer.h"

#include <QTcpSocket>

namespace WebJobs {

GatedTcpServer::GatedTcpServer(Installer installer, QObject* parent)
    : QTcpServer(parent)
    , m_installer(std::move(installer))
{ }

QTcpSocket* GatedTcpServer::nextPendingConnection()
{
    QTcpSocket* socket = QTcpServer::nextPendingConnection();
    if (socket && m_installer)
        m_installer(socket);
    return socket;
}

} // namespace WebJobs
