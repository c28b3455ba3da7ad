#include "core/api/server/AuthThrottle.h"

#include <limits>

namespace WebJobs {

qint64 AuthThrottle::waitFor(const QString& client, qint64 now) const
{
    const auto it = m_clients.constFind(client);
    if (it == m_clients.constEnd() || it->waitUntil <= now)
        return 0;
    return it->waitUntil - now;
}

void AuthThrottle::failed(const QString& client, qint64 now)
{
    auto it = m_clients.find(client);
    if (it != m_clients.end() && now - it->lastFailure > m_policy.forgetAfter.count())
        it->failures = 0;
    if (it == m_clients.end()) {
        if (m_clients.size() >= m_policy.maxClients)
            prune(now);
        it = m_clients.insert(client, Client());
    }
    ++it->failures;
    it->lastFailure = now;
    const int beyond = it->failures - m_policy.freeFailures;
    if (beyond <= 0)
        return;
    qint64 wait = m_policy.firstWait.count();
    for (int i = 1; i < beyond && wait < m_policy.maximumWait.count(); ++i)
        wait *= 2;
    it->waitUntil = now + std::min<qint64>(wait, m_policy.maximumWait.count());
}

void AuthThrottle::succeeded(const QString& client)
{
    m_clients.remove(client);
}

void AuthThrottle::prune(qint64 now)
{
    m_clients.removeIf(
        [&](const auto& entry) { return now - entry.value().lastFailure > m_policy.forgetAfter.count(); });
    while (m_clients.size() >= m_policy.maxClients) {
        auto oldest = m_clients.begin();
        for (auto it = m_clients.begin(); it != m_clients.end(); ++it) {
            if (it->lastFailure < oldest->lastFailure)
                oldest = it;
        }
        m_clients.erase(oldest);
    }
}

} // namespace WebJobs
