#pragma once

// The engine's source of "now". The host and its scheduler read time only through a Clock, so
// that tests can put the engine at any instant (a missed schedule, a run due in the past)
// without waiting. Timers still run on the real monotonic clock: a ManualClock moves "now",
// and the code that depends on it is told to re-evaluate.

#include "core/model/Instant.h"

namespace WebJobs {

class Clock
{
public:
    virtual ~Clock() = default;
    virtual Instant now() const = 0;

    // The process-wide real clock.
    static const Clock* system();
};

// A clock that moves only when told to; for tests.
class ManualClock final : public Clock
{
public:
    explicit ManualClock(Instant start)
        : m_now(start)
    { }
    Instant now() const override { return m_now; }
    void set(Instant now) { m_now = now; }
    void advance(Duration by) { m_now = m_now + by; }

private:
    Instant m_now;
};

} // namespace WebJobs
