#include "core/util/SignalWatcher.h"

#include <QCoreApplication>
#include <QSocketNotifier>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <sys/socket.h>
#include <unistd.h>

namespace WebJobs {

namespace {

int g_pipe[2] = {-1, -1};
volatile sig_atomic_t g_exitOnRepeat = 0;
volatile sig_atomic_t g_received = 0;

void onSignal(int number)
{
    if (g_exitOnRepeat != 0 && g_received != 0)
        ::_exit(128 + number);
    g_received = number;
    const int saved = errno;
    const char byte = static_cast<char>(number);
    // Non-blocking: with the byte of an earlier signal still unread, this one is dropped.
    [[maybe_unused]] const ssize_t written = ::write(g_pipe[0], &byte, 1);
    errno = saved;
}

} // namespace

SignalWatcher::SignalWatcher(Repeat repeat, QObject* parent)
    : QObject(parent)
{
    if (g_pipe[0] >= 0) {
        qWarning("%s: only one SignalWatcher watches the signals of a process",
            qPrintable(QCoreApplication::applicationName()));
        return;
    }
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, g_pipe) != 0) {
        qWarning("%s: cannot watch for SIGTERM and SIGINT: %s", qPrintable(QCoreApplication::applicationName()),
            std::strerror(errno));
        g_pipe[0] = g_pipe[1] = -1;
        return;
    }
    g_received = 0;
    g_exitOnRepeat = repeat == Repeat::ExitAtOnce ? 1 : 0;
    m_notifier = new QSocketNotifier(g_pipe[1], QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, [this] {
        char byte = 0;
        while (::read(g_pipe[1], &byte, 1) == 1)
            Q_EMIT received(static_cast<int>(byte));
    });
    struct sigaction action = {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    ::sigaction(SIGTERM, &action, nullptr);
    ::sigaction(SIGINT, &action, nullptr);
}

SignalWatcher::~SignalWatcher()
{
    if (!m_notifier)
        return;
    std::signal(SIGTERM, SIG_DFL);
    std::signal(SIGINT, SIG_DFL);
    delete m_notifier;
    for (int& fd : g_pipe) {
        ::close(fd);
        fd = -1;
    }
}

} // namespace WebJobs
