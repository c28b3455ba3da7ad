#include "core/api/server/ConnectionTable.h"

#include "core/api/server/RequestGate.h"

#include <limits>

namespace WebJobs {

ConnectionTable::ConnectionTable(int perClient, int total, QObject* parent)
    : QObject(parent)
    , m_perClient(std::max(perClient, 1))
    , m_maxTotal(std::max(total, 1))
{ }

QString ConnectionTable::clientKey(const QHostAddress& peer)
{
    bool isV4 = false;
    const quint32 v4 = peer.toIPv4Address(&isV4);
    if (isV4)
        return QHostAddress(v4).toString();
    if (peer.protocol() != QAbstractSocket::IPv6Protocol)
        return peer.toString();
    Q_IPV6ADDR bytes = peer.toIPv6Address();
    for (int i = 8; i < 16; ++i)
        bytes[i] = 0;
    return QHostAddress(bytes).toString() + u"/64";
}

int ConnectionTable::count(const QHostAddress& peer) const
{
    const auto it = m_clients.constFind(clientKey(peer));
    if (it == m_clients.constEnd())
        return 0;
    return static_cast<int>(std::count_if(it->begin(), it->end(), [](const auto& gate) { return !gate.isNull(); }));
}

bool ConnectionTable::shedOne(const QList<QPointer<RequestGate>>& gates)
{
    RequestGate* oldest = nullptr;
    qint64 progress = std::numeric_limits<qint64>::max();
    for (const QPointer<RequestGate>& gate : gates) {
        if (gate && !gate->isBusy() && gate->lastProgress() < progress) {
            oldest = gate;
            progress = gate->lastProgress();
        }
    }
    if (!oldest)
        return false;
    for (auto it = m_clients.begin(); it != m_clients.end(); ++it) {
        if (it->removeOne(oldest)) {
            --m_total;
            if (it->isEmpty())
                m_clients.erase(it);
            break;
        }
    }
    oldest->shed();
    return true;
}

bool ConnectionTable::admit(const QHostAddress& peer)
{
    const QString key = clientKey(peer);
    if (const auto it = m_clients.constFind(key); it != m_clients.constEnd() && it->size() >= m_perClient) {
        if (!shedOne(*it))
            return false;
    }
    if (m_total >= m_maxTotal) {
        QList<QPointer<RequestGate>> all;
        all.reserve(m_total);
        for (const auto& gates : std::as_const(m_clients))
            all += gates;
        if (!shedOne(all))
            return false;
    }
    return true;
}

void ConnectionTable::track(const QHostAddress& peer, RequestGate* gate)
{
    const QString key = clientKey(peer);
    m_clients[key].append(gate);
    ++m_total;
    // QPointers are already null when destroyed() is emitted: forget the nulls of this client.
    connect(gate, &QObject::destroyed, this, [this, key](QObject* object) { forget(key, object); });
}

void ConnectionTable::forget(const QString& key, QObject*)
{
    const auto isNull = [](const QPointer<RequestGate>& gate) { return gate.isNull(); };
    m_fresh.removeIf(isNull);
    const auto it = m_clients.find(key);
    if (it == m_clients.end())
        return;
    m_total -= static_cast<int>(it->removeIf(isNull));
    if (it->isEmpty())
        m_clients.erase(it);
}

void ConnectionTable::handedOver(RequestGate* gate)
{
    if (gate)
        m_fresh.append(gate);
}

void ConnectionTable::settle()
{
    for (const QPointer<RequestGate>& gate : std::as_const(m_fresh)) {
        if (gate)
            gate->connectAfterServer();
    }
    m_fresh.clear();
}

} // namespace WebJobs
