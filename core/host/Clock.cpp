#include "core/host/Clock.h"

namespace WebJobs {

namespace {

class SystemClock final : public Clock
{
public:
    Instant now() const override { return Instant::now(); }
};

} // namespace

const Clock* Clock::system()
{
    static const SystemClock clock;
    return &clock;
}

} // namespace WebJobs
