#pragma once

// A web hook receiver on a loopback port: answers every request with `answer` and keeps what it
// received (the requests one after the other, heads and bodies).

#include <QByteArray>
#include <QHostAddress>
#include <QObject>
#include <QTcpServer>
#include <QTcpSocket>

namespace WebJobs::Test {

class HookReceiver : public QObject
{
public:
    explicit HookReceiver(QByteArray answer)
        : m_answer(std::move(answer))
    {
        m_server.listen(QHostAddress::LocalHost);
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket* socket = m_server.nextPendingConnection()) {
                connect(socket, &QTcpSocket::readyRead, this, [this, socket] {
                    m_received += socket->readAll();
                    if (m_received.contains("\r\n\r\n")) {
                        socket->write(m_answer);
                        socket->disconnectFromHost();
                    }
                });
            }
        });
    }
    quint16 port() const { return m_server.serverPort(); }
    const QByteArray& received() const { return m_received; }
    void setAnswer(const QByteArray& answer) { m_answer = answer; }

private:
    QTcpServer m_server;
    QByteArray m_answer;
    QByteArray m_received;
};

} // namespace WebJobs::Test
