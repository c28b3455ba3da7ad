#pragma once

// Slows down password guessing: counts wrong credentials per client (ConnectionTable's key: an
// IPv4 address or an IPv6 /64) and, past a few, makes the client wait before its credentials
// are looked at again. The wait doubles with each failure after the free ones, up to a cap,
// and the count is forgotten after a quiet while or at the first success, so the right user
// behind the same address waits at most `maximumWait` after the last wrong try.
//
//   failures 1..freeFailures   no wait (mistyped passwords cost nothing)
//   then                       1 s, 2 s, 4 s … maximumWait, from the last failure
//
// While a client must wait, its requests with credentials are answered 429 with Retry-After
// and their credentials are not checked (a guess is not even looked at). Requests without
// credentials are not counted: every client's first request may lack them.
//
// Value-like QObject-free class; lives in the server's thread. Memory is bounded: at most
// `maxClients` clients are remembered, the least recently failed forgotten first.

#include <QHash>
#include <QString>

#include <chrono>

namespace WebJobs {

class AuthThrottle
{
public:
    struct Policy
    {
        int freeFailures = 10;
        std::chrono::milliseconds firstWait {std::chrono::seconds(1)};
        std::chrono::milliseconds maximumWait {std::chrono::seconds(30)};
        std::chrono::milliseconds forgetAfter {std::chrono::minutes(10)};
        int maxClients = 100000;
    };

    AuthThrottle() = default;
    explicit AuthThrottle(Policy policy)
        : m_policy(policy)
    { }

    // Milliseconds `client` must still wait before its credentials are checked; 0: check now.
    // `now` is a monotonic time in milliseconds.
    qint64 waitFor(const QString& client, qint64 now) const;
    void failed(const QString& client, qint64 now);
    void succeeded(const QString& client);

    int clientCount() const { return static_cast<int>(m_clients.size()); }

private:
    struct Client
    {
        int failures = 0;
        qint64 lastFailure = 0;
        qint64 waitUntil = 0;
    };

    void prune(qint64 now);

    Policy m_policy;
    QHash<QString, Client> m_clients;
};

} // namespace WebJobs
