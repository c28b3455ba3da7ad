#pragma once

// Caps the connections the agent keeps open, per client and in all, so that clients that open
// connections and send nothing cannot take every file descriptor (or every slot) away from
// the clients that work.
//
// A client is an IPv4 address, or an IPv6 /64 network (one host commonly holds a whole /64).
// When a new connection would pass a cap, the table first sheds a connection that serves no one
// (RequestGate::isBusy() false: no body arriving, no answer owed or being written), the one
// with the oldest progress first, so a client that completes requests keeps being served
// while idle and half-sent connections go. When every connection at the cap is busy, the new
// one is refused (admit() false).
//
// Lives in the server's thread. The gates it tracks are children of their sockets; the table
// forgets each gate when it is destroyed.

#include <QHash>
#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QPointer>

namespace WebJobs {

class RequestGate;

class ConnectionTable : public QObject
{
    Q_OBJECT

public:
    // `perClient` and `total` of at least 1.
    ConnectionTable(int perClient, int total, QObject* parent = nullptr);

    // Makes room for one more connection from `peer`, shedding idle ones where needed; false
    // when there is no room (the caller refuses the connection).
    bool admit(const QHostAddress& peer);
    // Tracks the gate of a connection admitted (over TLS, from accept: a handshake in progress
    // counts, as an idle connection).
    void track(const QHostAddress& peer, RequestGate* gate);
    // The socket of `gate` was handed to QHttpServer (GatedServer's hand-over).
    void handedOver(RequestGate* gate);
    // Connects the gates handed over since the last call after QHttpServer's reader (see
    // RequestGate): called once QHttpServer has taken the new connections.
    void settle();

    int count() const { return m_total; }
    int count(const QHostAddress& peer) const;
    int perClient() const { return m_perClient; }
    int total() const { return m_maxTotal; }

    // The client a peer address belongs to.
    static QString clientKey(const QHostAddress& peer);

private:
    void forget(const QString& key, QObject* gate);
    // Sheds the least recently progressing idle connection among `gates`; false if all are busy.
    bool shedOne(const QList<QPointer<RequestGate>>& gates);

    int m_perClient;
    int m_maxTotal;
    int m_total = 0;
    QHash<QString, QList<QPointer<RequestGate>>> m_clients;
    QList<QPointer<RequestGate>> m_fresh;
};

} // namespace WebJobs
