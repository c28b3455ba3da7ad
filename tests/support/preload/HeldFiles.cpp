// A library the tests preload into webjobs-agent (LD_PRELOAD) to make its file system block
// where they say, as a stuck network mount or a dying disk would: opendir() of a folder, and
// open() of a file, named WEBJOBS_TEST_HELD_NAME wait until a byte can be read from the FIFO
// WEBJOBS_TEST_HELD_FIFO (each held call reads one). The test knows a call is held when it can
// open the FIFO for writing without blocking (a reader is there). Every other call goes
// straight to the C library.

// The definitions below replace the C library's, not its inline checking wrappers.
#undef _FORTIFY_SOURCE

#include <cstdarg>
#include <cstdlib>
#include <cstring>
#include <dirent.h>
#include <dlfcn.h>
#include <fcntl.h>
#include <unistd.h>

namespace {

template <typename Function>
Function next(const char* name)
{
    return reinterpret_cast<Function>(::dlsym(RTLD_NEXT, name));
}

bool isHeld(const char* path)
{
    const char* held = ::getenv("WEBJOBS_TEST_HELD_NAME");
    if (!held || !*held || !path)
        return false;
    size_t length = std::strlen(path);
    while (length > 1 && path[length - 1] == '/')
        --length;
    size_t start = length;
    while (start > 0 && path[start - 1] != '/')
        --start;
    return length - start == std::strlen(held) && std::strncmp(path + start, held, length - start) == 0;
}

void hold()
{
    const char* fifo = ::getenv("WEBJOBS_TEST_HELD_FIFO");
    if (!fifo)
        return;
    static const auto realOpen = next<int (*)(const char*, int, ...)>("open");
    for (;;) {
        // Opening waits for a writer; one that leaves without writing is waited out again.
        const int fd = realOpen(fifo, O_RDONLY | O_CLOEXEC);
        if (fd < 0)
            return;
        char byte = 0;
        const ssize_t count = ::read(fd, &byte, 1);
        ::close(fd);
        if (count != 0)
            return;
    }
}

int openWith(const char* symbol, const char* path, int flags, va_list arguments)
{
    mode_t mode = 0;
    if ((flags & O_CREAT) != 0 || (flags & O_TMPFILE) == O_TMPFILE)
        mode = static_cast<mode_t>(va_arg(arguments, int));
    if (isHeld(path))
        hold();
    static const auto realOpen = next<int (*)(const char*, int, ...)>("open");
    static const auto realOpen64 = next<int (*)(const char*, int, ...)>("open64");
    return (std::strcmp(symbol, "open64") == 0 && realOpen64 ? realOpen64 : realOpen)(path, flags, mode);
}

} // namespace

extern "C" {

__attribute__((visibility("default"))) DIR* opendir(const char* path)
{
    if (isHeld(path))
        hold();
    static const auto real = next<DIR* (*)(const char*)>("opendir");
    return real(path);
}

__attribute__((visibility("default"))) int open(const char* path, int flags, ...)
{
    va_list arguments;
    va_start(arguments, flags);
    const int fd = openWith("open", path, flags, arguments);
    va_end(arguments);
    return fd;
}

__attribute__((visibility("default"))) int open64(const char* path, int flags, ...)
{
    va_list arguments;
    va_start(arguments, flags);
    const int fd = openWith("open64", path, flags, arguments);
    va_end(arguments);
    return fd;
}

} // extern "C"
