#include "core/api/server/WebHooks.h"

#include "core/store/JobStore.h"
#include "core/util/BasicAuth.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHostInfo>
#include <QNetworkAccessManager>
#include <QNetworkInterface>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSaveFile>
#include <QUrl>

#include <map>

using namespace Qt::StringLiterals;

namespace WebJobs {

namespace {

constexpr int DeliveryTimeoutMilliseconds = 10000;
constexpr int MaxRedirects = 5;

int effectivePort(const QUrl& url)
{
    return url.port(url.scheme().compare(u"https", Qt::CaseInsensitive) == 0 ? 443 : 80);
}

bool isLocalName(const QString& host)
{
    const QString name = host.toLower();
    return name == u"localhost" || name == u"localhost." || name.endsWith(u".localhost")
        || name.endsWith(u".localhost.");
}

} // namespace

WebHooks::WebHooks(const QString& filePath, QObject* parent)
    : QObject(parent)
    , m_filePath(filePath)
    , m_network(new QNetworkAccessManager(this))
{
    load();
}

void WebHooks::setAgentEndpoint(const QHostAddress& address, quint16 port, const QUrl& publicUrl)
{
    m_agentAddress = address;
    m_agentPort = port;
    m_publicUrl = publicUrl;
}

QString WebHooks::refusalFor(const QHostAddress& given, int port) const
{
    QHostAddress address = given;
    bool isV4 = false;
    if (const quint32 v4 = given.toIPv4Address(&isV4); isV4)
        address = QHostAddress(v4);
    if (address.isLinkLocal() && !m_linkLocalAllowed)
        return tr("%1 is a link-local address, where cloud machines serve their metadata and credentials: web "
                  "hooks may not call it unless the agent runs with --allow-link-local-hooks.")
            .arg(address.toString());
    if (m_agentPort != 0 && port == m_agentPort) {
        const bool local = address.isLoopback() || address.isEqual(m_agentAddress)
            || address.isEqual(QHostAddress::AnyIPv4) || address.isEqual(QHostAddress::AnyIPv6)
            || QNetworkInterface::allAddresses().contains(address);
        if (local)
            return tr("A web hook may not call the agent itself (%1 port %2).").arg(address.toString()).arg(port);
    }
    return {};
}

QString WebHooks::statusName(int status)
{
    static const std::map<int, QString> names {
        {200, u"OK"_s},
        {201, u"Created"_s},
        {202, u"Accepted"_s},
        {204, u"NoContent"_s},
        {301, u"Moved"_s},
        {302, u"Redirect"_s},
        {304, u"NotModified"_s},
        {307, u"RedirectKeepVerb"_s},
        {400, u"BadRequest"_s},
        {401, u"Unauthorized"_s},
        {403, u"Forbidden"_s},
        {404, u"NotFound"_s},
        {405, u"MethodNotAllowed"_s},
        {408, u"RequestTimeout"_s},
        {409, u"Conflict"_s},
        {410, u"Gone"_s},
        {413, u"RequestEntityTooLarge"_s},
        {429, u"TooManyRequests"_s},
        {500, u"InternalServerError"_s},
        {501, u"NotImplemented"_s},
        {502, u"BadGateway"_s},
        {503, u"ServiceUnavailable"_s},
        {504, u"GatewayTimeout"_s},
    };
    const auto it = names.find(status);
    return it == names.end() ? QString::number(status) : it->second;
}

OrderedJson WebHooks::toJson(const Hook& hook)
{
    OrderedJson json = OrderedJson::object();
    json.insert(u"id"_s, hook.id);
    json.insert(u"event"_s, hook.event);
    json.insert(u"url"_s, hook.url);
    json.insert(u"insecure_ssl"_s, hook.insecureSsl);
    json.insert(u"last_status"_s, hook.lastStatus);
    json.insert(u"last_reason"_s, hook.lastReason);
    json.insert(u"last_datetime"_s, hook.lastDate.toString());
    json.insert(u"last_context"_s, hook.lastContext);
    return json;
}

OrderedJson WebHooks::withoutNulls(const OrderedJson& json)
{
    if (json.isArray()) {
        OrderedJson result = OrderedJson::array();
        for (int i = 0; i < json.size(); ++i)
            result.append(withoutNulls(json.at(i)));
        return result;
    }
    if (!json.isObject())
        return json;
    OrderedJson result = OrderedJson::object();
    for (const QString& key : json.keys()) {
        const OrderedJson value = json.value(key);
        if (!value.isNull())
            result.insert(key, withoutNulls(value));
    }
    return result;
}

void WebHooks::load()
{
    QFile file(m_filePath);
    if (!file.open(QIODevice::ReadOnly))
        return;
    const std::optional<OrderedJson> json = OrderedJson::parse(file.readAll());
    if (!json || !json->isArray()) {
        qWarning("webjobs-agent: ignoring the unreadable web hooks file %s", qUtf8Printable(m_filePath));
        return;
    }
    for (int i = 0; i < json->size(); ++i) {
        const OrderedJson item = json->at(i);
        Hook hook;
        hook.id = item.value(u"id"_s).toString();
        hook.event = item.value(u"event"_s).toString();
        hook.url = item.value(u"url"_s).toString();
        hook.insecureSsl = item.value(u"insecure_ssl"_s).toBool();
        hook.lastStatus = item.value(u"last_status"_s).toString();
        hook.lastReason = item.value(u"last_reason"_s).toString();
        hook.lastDate = Instant::parse(item.value(u"last_datetime"_s).toString()).value_or(Instant());
        hook.lastContext = item.value(u"last_context"_s).toString();
        if (!hook.id.isEmpty() && !hook.url.isEmpty())
            m_hooks.append(hook);
    }
}

void WebHooks::save() const
{
    OrderedJson list = OrderedJson::array();
    for (const Hook& hook : m_hooks) {
        OrderedJson json = withoutNulls(toJson(hook));
        if (!hook.insecureSsl)
            json.remove(u"insecure_ssl"_s);
        if (hook.lastDate.isNull())
            json.remove(u"last_datetime"_s);
        for (const QString& key : {u"last_status"_s, u"last_reason"_s, u"last_context"_s}) {
            if (json.value(key).toString().isEmpty())
                json.remove(key);
        }
        list.append(json);
    }
    QDir().mkpath(QFileInfo(m_filePath).absolutePath());
    QSaveFile file(m_filePath);
    if (!file.open(QIODevice::WriteOnly) || file.write(list.toJson()) < 0 || !file.commit()) {
        qWarning("webjobs-agent: cannot save the web hooks to %s: %s", qUtf8Printable(m_filePath),
            qUtf8Printable(file.errorString()));
        return;
    }
    // The hooks' passwords are in the file: for the agent's user only (the agent's umask made
    // it so already; a file written by an older agent is tightened here).
    QFile::setPermissions(m_filePath, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
}

std::optional<WebHooks::Hook> WebHooks::hook(const QString& id) const
{
    for (const Hook& hook : m_hooks) {
        if (hook.id.compare(id, Qt::CaseInsensitive) == 0)
            return hook;
    }
    return std::nullopt;
}

WebHooks::SubscribeResult WebHooks::subscribe(
    const QString& event, const QString& url, bool insecureSsl, Hook* hook, QString* error)
{
    const QString address = url.trimmed();
    const QUrl parsed(address, QUrl::StrictMode);
    if (address.isEmpty() || !parsed.isValid() || (parsed.scheme() != u"http" && parsed.scheme() != u"https")
        || parsed.host().isEmpty()) {
        *error = tr("\"%1\" is not a valid web hook address: give an absolute http:// or https:// URL.").arg(address);
        return SubscribeResult::Invalid;
    }
    const int port = effectivePort(parsed);
    QString refusal;
    if (const QHostAddress literal(parsed.host()); !literal.isNull())
        refusal = refusalFor(literal, port);
    else if (isLocalName(parsed.host()))
        refusal = refusalFor(QHostAddress::LocalHost, port);
    if (refusal.isEmpty() && m_publicUrl.isValid() && !m_publicUrl.host().isEmpty()
        && parsed.host().compare(m_publicUrl.host(), Qt::CaseInsensitive) == 0 && port == effectivePort(m_publicUrl))
        refusal = tr("A web hook may not call the agent itself (%1).").arg(m_publicUrl.toString());
    if (!refusal.isEmpty()) {
        *error = refusal;
        return SubscribeResult::Invalid;
    }
    if (event.trimmed().isEmpty()) {
        *error = tr("The web hook has no event: give \"event\", for example \"TriggeredJobFinished\".");
        return SubscribeResult::Invalid;
    }
    for (const Hook& existing : m_hooks) {
        if (existing.url.compare(address, Qt::CaseInsensitive) != 0)
            continue;
        if (existing.event.compare(event, Qt::CaseInsensitive) != 0)
            return SubscribeResult::Conflict;
        *hook = existing;
        return SubscribeResult::Existing;
    }
    Hook created;
    // Kudu's id: the UTC ticks of the subscription.
    qint64 ticks = Instant::now().ticks();
    while (this->hook(QString::number(ticks)))
        ++ticks;
    created.id = QString::number(ticks);
    created.event = event;
    created.url = address;
    created.insecureSsl = insecureSsl;
    if (m_shared) {
        // The site's list decides: another instance may have taken this address meanwhile.
        const std::optional<JobStore::WebHook> kept
            = m_shared->addWebHook({created.id, created.event, created.url, created.insecureSsl});
        if (!kept) {
            *error = m_shared->errorString();
            return SubscribeResult::Unavailable;
        }
        if (kept->id != created.id) {
            syncShared();
            if (kept->event.compare(event, Qt::CaseInsensitive) != 0)
                return SubscribeResult::Conflict;
            *hook = siteHook(*kept);
            return SubscribeResult::Existing;
        }
        m_changed();
    }
    m_hooks.append(created);
    save();
    *hook = created;
    return SubscribeResult::Created;
}

void WebHooks::shareThrough(JobStore* store, std::function<void()> changed)
{
    m_shared = store;
    m_changed = std::move(changed);
    // Hooks this instance held before it shared a database become the site's (an address the
    // site has already keeps the site's hook).
    for (const Hook& hook : std::as_const(m_hooks)) {
        if (!m_shared->addWebHook({hook.id, hook.event, hook.url, hook.insecureSsl}))
            qWarning("webjobs-agent: %s", qUtf8Printable(m_shared->errorString()));
    }
    syncShared();
}

WebHooks::Hook WebHooks::siteHook(const JobStore::WebHook& shared) const
{
    Hook hook = this->hook(shared.id).value_or(Hook {});
    hook.id = shared.id;
    hook.event = shared.event;
    hook.url = shared.url;
    hook.insecureSsl = shared.insecureSsl;
    return hook;
}

void WebHooks::syncShared()
{
    if (!m_shared)
        return;
    const std::optional<QList<JobStore::WebHook>> site = m_shared->webHooks();
    if (!site)
        return; // the database is away: the hooks known here go on firing
    QList<Hook> hooks;
    for (const JobStore::WebHook& shared : *site)
        hooks.append(siteHook(shared));
    const auto same = [](const QList<Hook>& a, const QList<Hook>& b) {
        return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const Hook& x, const Hook& y) {
            return x.id == y.id && x.event == y.event && x.url == y.url && x.insecureSsl == y.insecureSsl;
        });
    };
    if (same(hooks, m_hooks))
        return;
    m_hooks = std::move(hooks);
    save();
}

bool WebHooks::unsubscribe(const QString& id, QString* error)
{
    if (m_shared) {
        if (!m_shared->removeWebHook(id)) {
            if (error)
                *error = m_shared->errorString();
            return false;
        }
        m_changed();
    }
    const qsizetype removed
        = m_hooks.removeIf([&](const Hook& hook) { return hook.id.compare(id, Qt::CaseInsensitive) == 0; });
    if (removed > 0)
        save();
    return true;
}

void WebHooks::publish(const QString& event, const QByteArray& payload)
{
    for (const Hook& hook : std::as_const(m_hooks)) {
        if (hook.event.compare(event, Qt::CaseInsensitive) == 0)
            deliver(hook, event, payload);
    }
}

void WebHooks::deliver(const Hook& hook, const QString& event, const QByteArray& payload)
{
    ++m_pending;
    const QString id = hook.id;
    const QString address = hook.url;
    const bool insecure = hook.insecureSsl;
    const QUrl target(address);
    // Where the name leads now: a hook written as a name must not reach what an address may not.
    QHostInfo::lookupHost(target.host(), this, [this, id, address, insecure, event, payload](const QHostInfo& info) {
        QUrl url(address);
        const int port = effectivePort(url);
        const QList<QHostAddress> addresses = info.addresses();
        for (const QHostAddress& resolved : addresses) {
            const QString refusal = refusalFor(resolved, port);
            if (!refusal.isEmpty()) {
                --m_pending;
                record(id, event, payload, 0, u"Refused"_s, refusal);
                return;
            }
        }
        QNetworkRequest request;
        if (!url.userInfo().isEmpty()) {
            request.setRawHeader("Authorization", BasicAuth::headerValue(url.userName(), url.password()));
            url.setUserInfo({});
        }
        request.setUrl(url);
        // Same origin only: the credentials above must never reach another origin.
        request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::SameOriginRedirectPolicy);
        request.setMaximumRedirectsAllowed(MaxRedirects);
        request.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);
        request.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);
        request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json; charset=utf-8"_s);
        request.setHeader(QNetworkRequest::UserAgentHeader, u"webjobs-agent/" WEBJOBS_VERSION ""_s);
        request.setTransferTimeout(DeliveryTimeoutMilliseconds);
        QNetworkReply* reply = m_network->post(request, payload);
        if (insecure)
            reply->ignoreSslErrors();
        connect(reply, &QNetworkReply::finished, this, [this, reply, id, event, payload] {
            reply->deleteLater();
            --m_pending;
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            if (status > 0)
                record(id, event, payload, status, statusName(status),
                    reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString());
            else
                record(id, event, payload, 0, u"Failure"_s, reply->errorString());
        });
    });
}

void WebHooks::record(const QString& id, const QString& event, const QByteArray& payload, int status,
    const QString& statusText, const QString& reason)
{
    const auto it = std::find_if(m_hooks.begin(), m_hooks.end(), [&](const Hook& h) { return h.id == id; });
    if (it != m_hooks.end()) {
        it->lastDate = Instant::now();
        it->lastContext = QString::fromUtf8(payload);
        it->lastStatus = statusText;
        it->lastReason = reason;
        if (status == 410) {
            // Gone: removed for every instance (logged when the site's list cannot take it now;
            // this instance stops calling it all the same).
            const QString gone = it->id;
            m_hooks.erase(it);
            if (m_shared && !m_shared->removeWebHook(gone))
                qWarning("webjobs-agent: %s", qUtf8Printable(m_shared->errorString()));
            else if (m_shared)
                m_changed();
        }
        save();
    }
    Q_EMIT delivered(id, event, status);
}

} // namespace WebJobs
