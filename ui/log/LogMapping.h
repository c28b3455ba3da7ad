#pragma once

// A read-only memory map of a range of a local log file, for the indexer's passes over
// gigabytes: it scans the page cache in place instead of copying every byte into a buffer first.
//
// A mapped file can shrink under the mapping (a job truncates its log): the next read of a
// page past the new end raises SIGBUS, which would end the program. Every read of the mapping
// therefore goes through guard(): it runs the reading function with a SIGBUS handler armed for
// this thread and this range, and returns false when the file shrank under it. The handler
// is installed once for the process and passes every other SIGBUS to the handler before it
// (or to the default action, which ends the program as before).
//
// The function that guard() runs may be left in the middle by the jump back from the handler:
// it must not hold a lock or create an object with a destructor while it reads the mapping
// (writing into memory it owns is fine). Thread-safety: one LogMapping may be read from
// several threads at once; the mapping is removed with the last owner.

#include <QtGlobal>

#include <memory>

namespace WebJobs {

class LogMapping
{
public:
    // Maps [offset, offset + length) of the open file `fd`, which the mapping does not need
    // after this call; nullptr when the system refuses or the range is not in the page cache
    // (the caller reads instead: from the disk, reads run ahead better than faults).
    static std::shared_ptr<const LogMapping> map(int fd, qint64 offset, qint64 length);

    ~LogMapping();
    LogMapping(const LogMapping&) = delete;
    LogMapping& operator=(const LogMapping&) = delete;

    qint64 offset() const { return m_offset; }
    qint64 length() const { return m_length; }
    // The byte at offset() of the file; read it only inside guard().
    const char* data() const { return m_data; }

    // Runs read(context) with SIGBUS caught for this mapping; false when the file shrank
    // under it and `read` was left where it faulted.
    bool guard(void (*read)(void* context), void* context) const;

    template <typename Read>
    bool guard(Read& read) const
    {
        return guard([](void* context) { (*static_cast<Read*>(context))(); }, &read);
    }

private:
    LogMapping(void* base, size_t mappedLength, qint64 offset, qint64 length, const char* data);

    void* m_base;
    size_t m_mappedLength;
    qint64 m_offset;
    qint64 m_length;
    const char* m_data;
};

} // namespace WebJobs
