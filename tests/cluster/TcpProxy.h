#pragma once

// Test helper of the cluster tests: a TCP forwarder in front of the PostgreSQL server, so that
// a test can cut the agents off their database and let them back (TestClusterPostgres's outage,
// TestClusterConsole's database problem).

#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QString>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>

#include <atomic>
#include <functional>

namespace WebJobs::Test {

// Forwards loopback connections to the PostgreSQL server, in a thread of its own (the test's
// thread blocks while agents start); closing it is a database outage as the agents see it
// (every connection broken, new ones refused), reopening it on the same port ends it.
class TcpProxy
{
public:
    TcpProxy(QString targetHost, quint16 targetPort)
        : m_host(std::move(targetHost))
        , m_targetPort(targetPort)
    {
        m_thread.start();
        m_context = new QObject;
        m_context->moveToThread(&m_thread);
        run([this] {
            m_server = new QTcpServer(m_context);
            QObject::connect(m_server, &QTcpServer::newConnection, m_context, [this] { accept(); });
        });
    }
    ~TcpProxy()
    {
        run([this] { delete m_context; });
        m_thread.quit();
        m_thread.wait();
    }

    bool open(quint16 port = 0)
    {
        bool ok = false;
        run([&] {
            ok = m_server->listen(QHostAddress::LocalHost, port);
            m_port = m_server->serverPort();
        });
        return ok;
    }

    void close()
    {
        run([this] {
            m_server->close();
            const auto sockets = m_sockets;
            for (QTcpSocket* socket : sockets)
                socket->abort();
        });
    }

    quint16 port() const { return m_port; }

private:
    void run(const std::function<void()>& work)
    {
        QMetaObject::invokeMethod(m_context, work, Qt::BlockingQueuedConnection);
    }

    void accept()
    {
        while (QTcpSocket* client = m_server->nextPendingConnection()) {
            auto* upstream = new QTcpSocket(m_context);
            client->setParent(m_context);
            m_sockets << client << upstream;
            const auto pipe = [](QTcpSocket* from, QTcpSocket* to) {
                QObject::connect(from, &QTcpSocket::readyRead, to, [from, to] {
                    if (to->state() == QAbstractSocket::ConnectedState)
                        to->write(from->readAll());
                });
                QObject::connect(from, &QTcpSocket::disconnected, to, [to] { to->disconnectFromHost(); });
            };
            pipe(client, upstream);
            pipe(upstream, client);
            for (QTcpSocket* socket : {client, upstream}) {
                QObject::connect(socket, &QTcpSocket::disconnected, m_context, [this, socket] {
                    m_sockets.removeAll(socket);
                    socket->deleteLater();
                });
            }
            QObject::connect(upstream, &QTcpSocket::connected, client, [client, upstream] {
                if (client->bytesAvailable() > 0)
                    upstream->write(client->readAll());
            });
            upstream->connectToHost(m_host, m_targetPort);
        }
    }

    QThread m_thread;
    QObject* m_context = nullptr;
    QTcpServer* m_server = nullptr;
    QString m_host;
    quint16 m_targetPort;
    std::atomic<quint16> m_port = 0;
    QList<QTcpSocket*> m_sockets;
};

} // namespace WebJobs::Test
