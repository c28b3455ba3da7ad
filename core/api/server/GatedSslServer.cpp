#include "core/api/server/GatedSslServer.h"

#include <QSslSocket>

namespace WebJobs {

GatedSslServer::GatedSslServer(Installer installer, QObject* parent)
    : QSslServer(parent)
    , m_installer(std::move(installer))
{ }

QTcpSocket* GatedSslServer::nextPendingConnection()
{
    QTcpSocket* socket = QSslServer::nextPendingConnection();
    if (socket && m_installer)
        m_installer(socket);
    return socket;
}

} // namespace WebJobs
