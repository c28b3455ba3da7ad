#include "core/host/JobScheduler.h"

#include "core/host/HostContext.h"
#include "core/host/LogWriter.h"
#include "core/host/StoreFailures.h"
#include "core/store/JobStore.h"

#include <QJsonDocument>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace WebJobs {

namespace {

constexpr int maximumMissedCount = 100000;
// QTimer takes an int of milliseconds; a longer wait is re-armed on the way.
constexpr qint64 maximumTimerMs = 24LL * 3600 * 1000;

QString scheduleKey(const Schedule& schedule)
{
    switch (schedule.kind()) {
    case Schedule::Kind::None:
        return {};
    case Schedule::Kind::Cron:
        return u"cron:"_s + schedule.cronText() + u'|' + schedule.timeZoneName();
    case Schedule::Kind::Recurrence:
        return u"recurrence:"_s
            + QString::fromUtf8(QJsonDocument(schedule.recurrenceJson()).toJson(QJsonDocument::Compact)) + u'|'
            + schedule.timeZoneName();
    }
    return {};
}

QString describe(const Schedule& schedule)
{
    if (schedule.kind() == Schedule::Kind::Cron)
        return schedule.cronText();
    if (schedule.recurrence())
        return schedule.recurrence()->describe();
    return {};
}

} // namespace

JobScheduler::JobScheduler(HostContext* context, Trigger trigger, QObject* parent)
    : QObject(parent)
    , m_context(context)
    , m_trigger(std::move(trigger))
{
    m_timer = new QTimer(this);
    m_timer->setSingleShot(true);
    m_timer->setTimerType(Qt::PreciseTimer);
    connect(m_timer, &QTimer::timeout, this, &JobScheduler::onTimer);
}

JobScheduler::~JobScheduler() = default;

std::shared_ptr<LogWriter> JobScheduler::logFor(const QString& job)
{
    return std::make_shared<LogWriter>(LogWriter::Options {m_context->paths.schedulerLog(job), m_context->instance,
        m_context->options.jobLogRollBytes, m_context->paths.schedulerPreviousLog(job)});
}

Instant JobScheduler::computeNext(const Entry& entry, Instant after, bool inclusive) const
{
    // Schedules count in milliseconds (QDateTime); next() answers strictly after its argument.
    QDateTime from = after.toDateTime();
    if (inclusive)
        from = from.addMSecs(-1);
    const QDateTime next = entry.schedule.next(from, entry.created.toDateTime());
    return next.isValid() ? Instant::fromDateTime(next) : Instant();
}

QString JobScheduler::triggerText(const Entry& entry) const
{
    if (entry.schedule.kind() == Schedule::Kind::Cron)
        return u"Schedule - "_s + entry.schedule.cronExpression().expandedText();
    return u"Schedule - "_s + describe(entry.schedule);
}

void JobScheduler::setSchedule(const QString& job, const Schedule& schedule)
{
    const bool had = m_entries.count(job) > 0;
    if (schedule.isNone() || m_context->options.schedulesDisabled) {
        if (had) {
            m_entries.at(job).log->system(LogWriter::Level::Info, u"Removing current schedule from WebJob"_s);
            m_entries.erase(job);
            JobStore* store = m_context->store;
            const auto forget = [store, job] { return store->removeScheduleState(job); };
            m_context->failures->check(forget(), JobType::Triggered, job, StoreFailures::Write::Schedule, forget);
            Q_EMIT scheduleChanged(job);
            arm();
        }
        return;
    }
    if (!schedule.isValid()) {
        auto log = had ? m_entries.at(job).log : logFor(job);
        log->system(LogWriter::Level::Error,
            u"Failed to parse schedule \"%1\". Error: %2"_s.arg(
                schedule.kind() == Schedule::Kind::Cron ? schedule.cronText() : u"recurrence"_s,
                schedule.errorString()));
        if (had) {
            log->system(LogWriter::Level::Info, u"Removing current schedule from WebJob"_s);
            m_entries.erase(job);
            Q_EMIT scheduleChanged(job);
            arm();
        }
        return;
    }

    Entry entry;
    entry.schedule = schedule;
    entry.key = scheduleKey(schedule);
    entry.log = had ? m_entries.at(job).log : logFor(job);
    const Instant now = m_context->now();
    JobStore* store = m_context->store;
    StoreFailures* failures = m_context->failures;
    const std::optional<ScheduleState> state = store->scheduleState(job);
    const bool unreadable = !state && store->hasError();
    if (unreadable) {
        // Said in the job's scheduler log. The schedule then goes on from memory, or starts
        // afresh, which at worst forgets which due time was handled last.
        entry.log->system(LogWriter::Level::Error, store->errorString());
    }
    if (state && state->scheduleKey == entry.key) {
        entry.created = state->created;
        entry.lastScheduled = state->lastScheduled;
    } else if (unreadable && had && m_entries.at(job).key == entry.key) {
        // Unchanged, and kept in memory below.
    } else {
        entry.created = Instant::fromDateTime(now.toDateTime()); // schedules count in milliseconds
        // Retried: until it is written, no due time of this schedule can be claimed (process()).
        const ScheduleState fresh {job, entry.created, {}, entry.key};
        const auto save = [store, fresh] { return store->setScheduleState(fresh); };
        failures->check(save(), JobType::Triggered, job, StoreFailures::Write::Schedule, save);
    }
    if (had && m_entries.at(job).key == entry.key) {
        // Unchanged: keep the state in memory, which may be ahead of the store.
        entry.created = m_entries.at(job).created;
        entry.lastScheduled = m_entries.at(job).lastScheduled;
    }
    // A recurrence may run at its creation time ("immediately"); a cron schedule runs after it.
    const bool fromCreation = entry.lastScheduled.isNull();
    entry.nextDue = computeNext(entry, fromCreation ? entry.created : entry.lastScheduled,
        fromCreation && schedule.kind() == Schedule::Kind::Recurrence);
    if (!had || m_entries.at(job).key != entry.key) {
        const QString expected = entry.nextDue.isNull() ? u"never"_s : (entry.nextDue - now).toString();
        entry.log->system(LogWriter::Level::Info,
            u"Scheduling WebJob with %1 next schedule expected in %2"_s.arg(describe(schedule), expected));
    }
    m_entries[job] = std::move(entry);
    Q_EMIT scheduleChanged(job);
    arm();
}

void JobScheduler::remove(const QString& job)
{
    if (m_entries.erase(job) > 0) {
        Q_EMIT scheduleChanged(job);
        arm();
    }
}

Instant JobScheduler::nextDue(const QString& job) const
{
    const auto it = m_entries.find(job);
    return it == m_entries.end() ? Instant() : it->second.nextDue;
}

void JobScheduler::reevaluate()
{
    onTimer();
}

void JobScheduler::arm()
{
    if (m_processing)
        return;
    Instant earliest;
    for (const auto& [job, entry] : m_entries) {
        if (!entry.nextDue.isNull() && (earliest.isNull() || entry.nextDue < earliest))
            earliest = entry.nextDue;
    }
    if (earliest.isNull()) {
        m_timer->stop();
        return;
    }
    const qint64 wait = (earliest - m_context->now()).toMilliseconds();
    m_timer->start(int(std::clamp<qint64>(wait, 0, maximumTimerMs)));
}

void JobScheduler::onTimer()
{
    m_processing = true;
    const Instant now = m_context->now();
    QStringList due;
    for (const auto& [job, entry] : m_entries) {
        if (!entry.nextDue.isNull() && entry.nextDue <= now)
            due.append(job);
    }
    for (const QString& job : std::as_const(due)) {
        const auto it = m_entries.find(job);
        if (it != m_entries.end())
            process(job, it->second, now);
    }
    m_processing = false;
    arm();
}

void JobScheduler::process(const QString& job, Entry& entry, Instant now)
{
    const Instant due = entry.nextDue;
    const Duration late = now - due;
    const bool onTime = late <= OnTime || entry.schedule.shouldRunMissed(due.toDateTime(), now.toDateTime());
    Instant handled = due;

    if (!onTime) {
        // Count what was missed up to now, for the log.
        int missed = 1;
        Instant mostRecent = due;
        for (Instant next = computeNext(entry, due, false);
             !next.isNull() && next <= now && missed < maximumMissedCount; next = computeNext(entry, next, false)) {
            ++missed;
            mostRecent = next;
        }
        handled = mostRecent;
        entry.log->system(LogWriter::Level::Warning,
            u"Missed %1 schedules, most recent at %2"_s.arg(missed).arg(mostRecent.toString()));
        JobStore* store = m_context->store;
        const ScheduleState missedState {job, entry.created, handled, entry.key};
        const auto save = [store, missedState] { return store->setScheduleState(missedState); };
        m_context->failures->check(save(), JobType::Triggered, job, StoreFailures::Write::Schedule, save);
    } else {
        // The claim is what keeps two instances from running one due time: a due time that cannot
        // be claimed does not run. The schedule's state must be in the store to be claimed.
        StoreFailures* failures = m_context->failures;
        std::optional<bool> claimed;
        if (failures->retryNow(JobType::Triggered, job, StoreFailures::Write::Schedule)) {
            claimed = m_context->store->claimScheduledTime(job, entry.key, due);
            failures->check(claimed.has_value(), JobType::Triggered, job, StoreFailures::Write::Schedule);
        }
        if (!claimed) {
            entry.log->system(LogWriter::Level::Error,
                u"Could not record the run due at %1 in the job database, so it did not run: %2"_s.arg(
                    due.toString(), failures->failure(JobType::Triggered, job, StoreFailures::Write::Schedule)));
        } else if (*claimed) {
            switch (m_trigger(job, triggerText(entry))) {
            case FireResult::Started:
                entry.log->system(LogWriter::Level::Info, u"WebJob invoked"_s);
                break;
            case FireResult::AlreadyRunning:
                entry.log->system(LogWriter::Level::Warning,
                    u"Skipped the run due at %1: the previous run is still running"_s.arg(due.toString()));
                break;
            case FireResult::Failed:
                entry.log->system(LogWriter::Level::Error, u"Could not start the run due at %1"_s.arg(due.toString()));
                break;
            }
        }
    }
    entry.lastScheduled = handled;
    // Whatever happened, the next due time is the first one after now: no burst of catch-up runs.
    entry.nextDue = computeNext(entry, std::max(now, handled), false);
    if (!entry.nextDue.isNull())
        entry.log->system(
            LogWriter::Level::Info, u"Next schedule expected in %1"_s.arg((entry.nextDue - now).toString()));
    Q_EMIT scheduleChanged(job);
}

} // namespace WebJobs
