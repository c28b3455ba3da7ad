#include "core/host/StoreFailures.h"

#include "core/store/JobStore.h"

#include <QTimer>

#include <cmath>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcHost, "webjobs.host")

namespace WebJobs {

StoreFailures::StoreFailures(JobStore* store, std::chrono::milliseconds retryInterval, QObject* parent)
    : QObject(parent)
    , m_store(store)
    , m_retryInterval(retryInterval)
{
    m_timer = new QTimer(this);
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, &StoreFailures::retryPending);
}

StoreFailures::~StoreFailures()
{
    for (const auto& [key, failure] : m_failures) {
        if (failure.retry)
            qCWarning(lcHost).noquote() << QString(
                label(key) + u"lost: the host stopped before the job database took it: "_s + failure.message);
    }
}

QString StoreFailures::label(const Key& key)
{
    const QString& name = std::get<1>(key);
    if (name.isEmpty())
        return {};
    return u"%1 job %2: "_s.arg(jobTypeName(std::get<0>(key)), name);
}

QString StoreFailures::messageFor(Write write, bool retried) const
{
    QString message = m_store->errorString();
    if (message.isEmpty())
        message = tr("The job database refused a write without saying why.");
    if (write == Write::RunStart)
        message += u' ' + tr("The run did not start.");
    if (write == Write::History)
        message += u' ' + tr("The old runs are removed after the next run.");
    if (write == Write::SingletonClaim)
        message += u' '
            + tr("The job does not start on this instance until the database records its claim; it tries again at each "
                 "heartbeat.");
    if (retried) {
        const int seconds = std::max(1, int(std::ceil(double(m_retryInterval.count()) / 1000.0)));
        message += u' ' + tr("The host tries again every %n second(s).", nullptr, seconds);
    }
    return message;
}

bool StoreFailures::record(const Key& key, bool ok, Retry retry)
{
    const auto it = m_failures.find(key);
    if (ok) {
        if (it != m_failures.end()) {
            qCInfo(lcHost).noquote() << QString(
                label(key) + u"the job database took what it refused before: "_s + it->second.message);
            m_failures.erase(it);
            Q_EMIT cleared(std::get<0>(key), std::get<1>(key));
        }
        return true;
    }
    const QString message = messageFor(std::get<2>(key), bool(retry));
    const bool changed = it == m_failures.end() || it->second.message != message;
    m_failures[key] = {message, std::move(retry)};
    if (m_failures[key].retry && !m_timer->isActive())
        m_timer->start(m_retryInterval);
    if (changed) {
        qCWarning(lcHost).noquote() << QString(label(key) + message);
        Q_EMIT failed(std::get<0>(key), std::get<1>(key), message);
    }
    return false;
}

bool StoreFailures::check(bool ok, JobType type, const QString& name, Write write, Retry retry)
{
    return record({type, name, write}, ok, std::move(retry));
}

bool StoreFailures::checkHost(bool ok, Write write, Retry retry)
{
    return record({JobType::Triggered, QString(), write}, ok, std::move(retry));
}

bool StoreFailures::retryKey(const Key& key)
{
    const auto it = m_failures.find(key);
    // A failure without a retry (a claim, a run that did not start) blocks nothing: the next
    // write of that kind is the next attempt.
    if (it == m_failures.end() || !it->second.retry)
        return true;
    // A copy: record() replaces the entry, and with it the function being called.
    const Retry retry = it->second.retry;
    return record(key, retry(), retry);
}

bool StoreFailures::retryNow(JobType type, const QString& name, Write write)
{
    return retryKey({type, name, write});
}

bool StoreFailures::retryHostNow(Write write)
{
    return retryKey({JobType::Triggered, QString(), write});
}

void StoreFailures::retryPending()
{
    QList<Key> keys;
    for (const auto& [key, failure] : m_failures) {
        if (failure.retry)
            keys.append(key);
    }
    // Each retry may clear or replace entries (and signal): look each key up again.
    for (const Key& key : std::as_const(keys))
        retryKey(key);
}

QString StoreFailures::failure(JobType type, const QString& name, Write write) const
{
    const auto it = m_failures.find({type, name, write});
    return it == m_failures.end() ? QString() : it->second.message;
}

QString StoreFailures::hostFailure(Write write) const
{
    return failure(JobType::Triggered, QString(), write);
}

QString StoreFailures::failureText(JobType type, const QString& name) const
{
    QStringList lines;
    for (auto it = m_failures.lower_bound({type, name, Write::Job});
         it != m_failures.end() && std::get<0>(it->first) == type && std::get<1>(it->first) == name; ++it)
        lines.append(it->second.message);
    return lines.join(u'\n');
}

void StoreFailures::forget(JobType type, const QString& name)
{
    for (auto it = m_failures.lower_bound({type, name, Write::Job});
         it != m_failures.end() && std::get<0>(it->first) == type && std::get<1>(it->first) == name;)
        it = m_failures.erase(it);
}

} // namespace WebJobs
