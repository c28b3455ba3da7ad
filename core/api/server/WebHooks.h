#pragma once

// Kudu's web hooks (docs/agent-api.md, "Web hooks"): subscriptions kept in Kudu's file
// (<data>/site/deployments/hooks, a JSON array), and events POSTed to them as JSON.
//
//   POST /api/hooks {"url": …, "event": …, "insecure_ssl": false}
//        201 the hook; the same url with the same event: 201 the existing hook; the same url
//        with another event: 409 (Kudu's rule); an invalid url: 400 text
//   GET /api/hooks, GET /api/hooks/{id} (404 when unknown), DELETE /api/hooks/{id} (200)
//   hook JSON: {"id","event","url","insecure_ssl","last_status","last_reason",
//               "last_datetime","last_context"}
//
// Events: TriggeredJobFinished (Kudu; the run JSON, null members left out as Kudu's
// serializer does); ours: TriggeredJobFailed (the run, when it ended Failed) and
// ContinuousJobCrashLoop (the continuous job, when it entered its CrashLoop state).
//
// Delivery never blocks: QNetworkAccessManager POSTs with a 10 s timeout, user info in the
// hook's url becomes Basic credentials, insecure_ssl ignores certificate errors, a 410 Gone
// answer removes the hook (Kudu's rule), and the outcome is recorded in the hook's last_*
// members.
//
// Where hooks may point (a hook is a request the agent makes on its caller's behalf):
//   - never at the agent itself (its port on a loopback or local address, or its public URL):
//     refused at subscription (400) and again at delivery, after the name is resolved;
//   - not at link-local addresses (169.254.0.0/16, fe80::/10, where clouds serve instance
//     metadata and credentials) unless setLinkLocalAllowed(true); same two checks;
//   - redirects are followed within the hook's origin only, so its credentials never go to
//     another origin (QNetworkRequest::SameOriginRedirectPolicy, 5 at most).
// A name resolved at delivery may resolve again differently when the request connects (DNS
// rebinding within milliseconds): the checks stop a hook written to reach those addresses, not
// a name server that changes its answer between two lookups.
//
// Several instances on one database (shareThrough()): the hooks are the site's, as in Kudu. The
// database holds the list (JobStore::webHooks), a subscription or removal through any instance
// goes there first and reaches the others at their next look (ClusterMember::looked, at once
// when notified), and each instance fires them for the runs it ran: a run's hook fires once.
// The file keeps this instance's copy and its own delivery outcomes (last_*); hooks it held
// before it joined are added to the site's list.
//
// The hooks file holds the hooks' passwords: it is written 0600. Lives in the server's thread.

#include "core/model/Instant.h"
#include "core/store/JobStore.h"
#include "core/util/OrderedJson.h"

#include <QCoreApplication>
#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QString>
#include <QUrl>

#include <functional>
#include <optional>

class QHostInfo;
class QNetworkAccessManager;

namespace WebJobs {

class WebHooks : public QObject
{
    Q_OBJECT

public:
    static constexpr char TriggeredJobFinished[] = "TriggeredJobFinished";
    static constexpr char TriggeredJobFailed[] = "TriggeredJobFailed";
    static constexpr char ContinuousJobCrashLoop[] = "ContinuousJobCrashLoop";

    struct Hook
    {
        QString id;
        QString event;
        QString url;
        bool insecureSsl = false;
        QString lastStatus;
        QString lastReason;
        Instant lastDate;
        QString lastContext;
    };

    enum class SubscribeResult
    {
        Created,
        Existing,
        Conflict,
        Invalid,
        Unavailable, // the site's list (the job database) cannot take it now; `error` says why
    };

    explicit WebHooks(const QString& filePath, QObject* parent = nullptr);

    // The agent's own endpoint, which hooks must not call: its listening address and port, and
    // the base URL clients use.
    void setAgentEndpoint(const QHostAddress& address, quint16 port, const QUrl& publicUrl);
    void setLinkLocalAllowed(bool allowed) { m_linkLocalAllowed = allowed; }
    // Why a hook may not call `address` on `port`; empty when it may.
    QString refusalFor(const QHostAddress& address, int port) const;

    QList<Hook> hooks() const { return m_hooks; }
    std::optional<Hook> hook(const QString& id) const;
    // `hook` receives the new or existing hook; `error` the sentence for Invalid.
    SubscribeResult subscribe(const QString& event, const QString& url, bool insecureSsl, Hook* hook, QString* error);
    // False when the site's list cannot take the removal now (`error` says why).
    bool unsubscribe(const QString& id, QString* error = nullptr);

    // Keeps the hooks in `store`'s list, shared with the other instances on that database
    // (which must outlive this object); `changed` is called after this instance changed the
    // list, to tell the others. Adds this instance's hooks to the list.
    void shareThrough(JobStore* store, std::function<void()> changed);
    // Takes the site's list as it is now (after another instance changed it).
    void syncShared();

    // POSTs `payload` to every hook of `event` (case-insensitive, as Kudu).
    void publish(const QString& event, const QByteArray& payload);
    int pendingDeliveries() const { return m_pending; }

    static OrderedJson toJson(const Hook& hook);
    // `json` without its null members, at every level (Kudu's NullValueHandling.Ignore).
    static OrderedJson withoutNulls(const OrderedJson& json);
    // .NET's HttpStatusCode name of a status ("OK", "NotFound"), else the number.
    static QString statusName(int status);

Q_SIGNALS:
    // After each delivery attempt; `status` is 0 when no HTTP answer came.
    void delivered(const QString& hookId, const QString& event, int status);

private:
    void load();
    void save() const;
    // The site's hook as this instance knows it: its own delivery outcomes (last_*) kept.
    Hook siteHook(const JobStore::WebHook& shared) const;
    void deliver(const Hook& hook, const QString& event, const QByteArray& payload);
    void record(const QString& id, const QString& event, const QByteArray& payload, int status,
        const QString& statusText, const QString& reason);

    QString m_filePath;
    QList<Hook> m_hooks;
    JobStore* m_shared = nullptr;
    std::function<void()> m_changed;
    QNetworkAccessManager* m_network;
    int m_pending = 0;
    QHostAddress m_agentAddress;
    quint16 m_agentPort = 0;
    QUrl m_publicUrl;
    bool m_linkLocalAllowed = false;
};

} // namespace WebJobs
