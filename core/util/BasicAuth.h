#pragma once

// HTTP Basic authentication of the agent (docs/kudu-webjobs-api.md §1.2, §7): one user name
// and password, checked on every request. Kudu clients send the header pre-emptively (Azure
// Pipelines) or only after a challenge (Kudu.Client's .NET handler), so a request without
// valid credentials is answered 401 with challenge() in WWW-Authenticate.
//
// A default-constructed BasicAuth is disabled and accepts every request: the agent then
// listens on loopback only (AgentServer refuses any other address). Value type, any thread.

#include <QByteArray>
#include <QString>

namespace WebJobs {

class BasicAuth
{
public:
    BasicAuth() = default;
    BasicAuth(const QString& user, const QString& password);

    bool isEnabled() const { return m_enabled; }
    QString user() const { return m_user; }

    // True when disabled, or when `authorization` (the header value) is "Basic <base64>" of
    // exactly "user:password". The comparison takes the same time wherever it differs.
    bool accepts(const QByteArray& authorization) const;

    // True when `authorization` is well-formed Basic credentials, "Basic <base64 of a:b>",
    // right or wrong: a password guess, as opposed to a missing or foreign header.
    static bool isBasic(const QByteArray& authorization);

    // The WWW-Authenticate value: Basic realm="webjobs-agent".
    static QByteArray challenge();

    // The Authorization header value a client sends for `user` and `password`.
    static QByteArray headerValue(const QString& user, const QString& password);

private:
    bool m_enabled = false;
    QString m_user;
    QByteArray m_expected; // "user:password" in UTF-8
};

} // namespace WebJobs
