#pragma once

// Fires the scheduled runs of triggered jobs (docs/kudu-webjobs-api.md §6.2): one timer, armed
// to the earliest next due time of all jobs (no polling); a due run starts the job's run with
// the trigger "Schedule - <expression>". Each job's state (its schedule's creation time, the
// last due time handled) is in the store, so a restarted host picks up where it stopped:
//
//  - a due time reached on time runs;
//  - a due time reached late (the host was down or busy) runs once now when the schedule's
//    misfire policy allows it (Kudu's rule: at most 10 minutes late), else it is logged as
//    missed ("Missed N schedules, most recent at …"); either way the next due time is the
//    first one after now, so a long outage never causes a burst of runs;
//  - a run due while the previous one still runs is skipped, and logged;
//  - with several instances on one database, each due time is claimed in the store so that
//    exactly one instance runs it.
//
// Every decision is written to the job's job_scheduler.log, as Kudu does. Time is read from
// the host's Clock; reevaluate() makes the scheduler look again after a test moved it.
// Lives in the host's thread.

#include "core/model/Instant.h"
#include "core/schedule/Schedule.h"

#include <QObject>

#include <functional>
#include <map>
#include <memory>

class QTimer;

namespace WebJobs {

struct HostContext;
class LogWriter;

class JobScheduler : public QObject
{
    Q_OBJECT

public:
    enum class FireResult
    {
        Started,
        AlreadyRunning,
        Failed,
    };
    using Trigger = std::function<FireResult(const QString& job, const QString& trigger)>;

    JobScheduler(HostContext* context, Trigger trigger, QObject* parent = nullptr);
    ~JobScheduler() override;

    // Sets or replaces a job's schedule (none removes it). A schedule that differs from the
    // one the store remembers starts afresh: its creation time becomes now.
    void setSchedule(const QString& job, const Schedule& schedule);
    void remove(const QString& job);

    // The next due time of a job; a null instant when it has none.
    Instant nextDue(const QString& job) const;
    int count() const { return int(m_entries.size()); }

    // Looks at the clock again and fires what is due.
    void reevaluate();

    // On-time tolerance: a due time reached at most this late is not a misfire.
    static constexpr Duration OnTime = Duration::fromSeconds(5);

Q_SIGNALS:
    void scheduleChanged(const QString& job);

private:
    struct Entry
    {
        Schedule schedule;
        QString key;
        Instant created;
        Instant lastScheduled;
        Instant nextDue;
        std::shared_ptr<LogWriter> log;
    };

    void onTimer();
    void process(const QString& job, Entry& entry, Instant now);
    void arm();
    // The first due time after `after` (or at it, when `inclusive`).
    Instant computeNext(const Entry& entry, Instant after, bool inclusive) const;
    QString triggerText(const Entry& entry) const;
    std::shared_ptr<LogWriter> logFor(const QString& job);

    HostContext* m_context;
    Trigger m_trigger;
    QTimer* m_timer = nullptr;
    std::map<QString, Entry> m_entries;
    bool m_processing = false;
};

} // namespace WebJobs
