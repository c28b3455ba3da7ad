#include "core/api/server/WebHooks.h"

#include "core/util/BasicAuth.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSaveFile>
#include <QUrl>

#include <map>

using namespace Qt::StringLiterals;

namespace WebJobs {

namespace {

constexpr int DeliveryTimeoutMilliseconds = 10000;

} // namespace

WebHooks::WebHooks(const QString& filePath, QObject* parent)
    : QObject(parent)
    , m_filePath(filePath)
    , m_network(new QNetworkAccessManager(this))
{
    load();
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
    if (!file.open(QIODevice::WriteOnly) || file.write(list.toJson()) < 0 || !file.commit())
        qWarning("webjobs-agent: cannot save the web hooks to %s: %s", qUtf8Printable(m_filePath),
            qUtf8Printable(file.errorString()));
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
    m_hooks.append(created);
    save();
    *hook = created;
    return SubscribeResult::Created;
}

void WebHooks::unsubscribe(const QString& id)
{
    const qsizetype removed
        = m_hooks.removeIf([&](const Hook& hook) { return hook.id.compare(id, Qt::CaseInsensitive) == 0; });
    if (removed > 0)
        save();
}

void WebHooks::publish(const QString& event, const QByteArray& payload)
{
    for (const Hook& hook : std::as_const(m_hooks)) {
        if (hook.event.compare(event, Qt::CaseInsensitive) != 0)
            continue;
        QUrl url(hook.url);
        QNetworkRequest request;
        if (!url.userInfo().isEmpty()) {
            request.setRawHeader("Authorization", BasicAuth::headerValue(url.userName(), url.password()));
            url.setUserInfo({});
        }
        request.setUrl(url);
        request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json; charset=utf-8"_s);
        request.setHeader(QNetworkRequest::UserAgentHeader, u"webjobs-agent/" WEBJOBS_VERSION ""_s);
        request.setTransferTimeout(DeliveryTimeoutMilliseconds);
        QNetworkReply* reply = m_network->post(request, payload);
        if (hook.insecureSsl)
            reply->ignoreSslErrors();
        ++m_pending;
        const QString id = hook.id;
        connect(reply, &QNetworkReply::finished, this, [this, reply, id, event, payload] {
            reply->deleteLater();
            --m_pending;
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            const auto it = std::find_if(m_hooks.begin(), m_hooks.end(), [&](const Hook& h) { return h.id == id; });
            if (it != m_hooks.end()) {
                it->lastDate = Instant::now();
                it->lastContext = QString::fromUtf8(payload);
                if (status > 0) {
                    it->lastStatus = statusName(status);
                    it->lastReason = reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString();
                } else {
                    it->lastStatus = u"Failure"_s;
                    it->lastReason = reply->errorString();
                }
                if (status == 410)
                    m_hooks.erase(it);
                save();
            }
            Q_EMIT delivered(id, event, status);
        });
    }
}

} // namespace WebJobs
