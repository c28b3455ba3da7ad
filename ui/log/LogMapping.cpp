#include "ui/log/LogMapping.h"

#include <atomic>
#include <csetjmp>
#include <csignal>
#include <mutex>
#include <sys/mman.h>
#include <unistd.h>

namespace WebJobs {

namespace {

// The guarded range of this thread, and where to jump when it faults. Plain thread-locals
// of trivial types: the handler reads them without calling anything.
thread_local sigjmp_buf* t_jump = nullptr;
thread_local const char* t_begin = nullptr;
thread_local const char* t_end = nullptr;

struct sigaction s_previous;

void onBusError(int signal, siginfo_t* info, void* context)
{
    const auto* at = static_cast<const char*>(info->si_addr);
    if (t_jump && at >= t_begin && at < t_end)
        siglongjmp(*t_jump, 1);
    // Not a mapping of ours: what would have happened without us.
    if (s_previous.sa_flags & SA_SIGINFO) {
        s_previous.sa_sigaction(signal, info, context);
        return;
    }
    if (s_previous.sa_handler != SIG_DFL && s_previous.sa_handler != SIG_IGN) {
        s_previous.sa_handler(signal);
        return;
    }
    struct sigaction fallback
    { };
    fallback.sa_handler = SIG_DFL;
    sigemptyset(&fallback.sa_mask);
    sigaction(SIGBUS, &fallback, nullptr);
    // A fault runs its access again on return and meets the default action; a signal sent
    // with kill() is sent again, and delivered once this handler returns.
    if (info->si_code <= 0)
        raise(signal);
}

void installHandler()
{
    static std::once_flag once;
    std::call_once(once, [] {
        struct sigaction action
        { };
        action.sa_sigaction = onBusError;
        action.sa_flags = SA_SIGINFO;
        sigemptyset(&action.sa_mask);
        sigaction(SIGBUS, &action, &s_previous);
    });
}

} // namespace

std::shared_ptr<const LogMapping> LogMapping::map(int fd, qint64 offset, qint64 length)
{
    if (fd < 0 || offset < 0 || length <= 0)
        return nullptr;
    static const qint64 page = qint64(::sysconf(_SC_PAGESIZE));
    const qint64 aligned = offset - offset % page;
    const auto mappedLength = size_t(length + (offset - aligned));
    void* base = ::mmap(nullptr, mappedLength, PROT_READ, MAP_SHARED, fd, off_t(aligned));
    if (base == MAP_FAILED)
        return nullptr;
    // A range that is not in the page cache comes from the disk: two reads at once keep the
    // disk busier than faults on a mapping do. A few pages across it tell.
    constexpr int Samples = 16;
    const auto pages = qint64((mappedLength + size_t(page) - 1) / size_t(page));
    for (int sample = 0; sample < Samples; ++sample) {
        const qint64 at = pages * sample / Samples;
        unsigned char resident = 0;
        if (::mincore(static_cast<char*>(base) + at * page, size_t(page), &resident) != 0 || !(resident & 1)) {
            ::munmap(base, mappedLength);
            return nullptr;
        }
    }
    // Let the pages go first when memory runs short.
    ::madvise(base, mappedLength, MADV_SEQUENTIAL);
    installHandler();
    return std::shared_ptr<const LogMapping>(
        new LogMapping(base, mappedLength, offset, length, static_cast<const char*>(base) + (offset - aligned)));
}

LogMapping::LogMapping(void* base, size_t mappedLength, qint64 offset, qint64 length, const char* data)
    : m_base(base)
    , m_mappedLength(mappedLength)
    , m_offset(offset)
    , m_length(length)
    , m_data(data)
{ }

LogMapping::~LogMapping()
{
    ::munmap(m_base, m_mappedLength);
}

bool LogMapping::guard(void (*read)(void* context), void* context) const
{
    sigjmp_buf jump;
    // Saves the signal mask: the handler runs with SIGBUS blocked, and the jump restores it.
    if (sigsetjmp(jump, 1) != 0) {
        t_jump = nullptr;
        return false;
    }
    t_begin = static_cast<const char*>(m_base);
    t_end = t_begin + m_mappedLength;
    t_jump = &jump;
    std::atomic_signal_fence(std::memory_order_seq_cst);
    read(context);
    std::atomic_signal_fence(std::memory_order_seq_cst);
    t_jump = nullptr;
    return true;
}

} // namespace WebJobs
