// core/util/SignalWatcher: SIGTERM and SIGINT become a Qt signal in the main thread, a second
// signal is delivered again or ends the process at once, as asked, and the process's children
// do not inherit the watcher's socket pair. The process-ending cases run in a forked child.

#include "core/util/SignalWatcher.h"

#include <QCoreApplication>
#include <QDir>
#include <QSignalSpy>
#include <QTest>

#include <csignal>
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace WebJobs;

namespace {

// Runs `body` in a forked child and returns how it ended (waitpid's status).
template <typename Body>
int inChild(Body body)
{
    const pid_t pid = ::fork();
    if (pid == 0) {
        body();
        ::_exit(0);
    }
    int status = 0;
    ::waitpid(pid, &status, 0);
    return status;
}

// The descriptors open in this process.
QStringList openDescriptors()
{
    return QDir(QStringLiteral("/proc/self/fd")).entryList(QDir::NoDotAndDotDot | QDir::AllEntries);
}

} // namespace

class TestSignalWatcher : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void signalsArriveInTheMainThread();
    void secondSignalIsDeliveredAgain();
    void secondSignalEndsAtOnce();
    void onlyOneWatcherPerProcess();
    void defaultsComeBackWhenDestroyed();
};

void TestSignalWatcher::signalsArriveInTheMainThread()
{
    SignalWatcher watcher(SignalWatcher::Repeat::Deliver);
    QVERIFY(watcher.isWatching());
    QSignalSpy received(&watcher, &SignalWatcher::received);
    ::raise(SIGTERM);
    QVERIFY(received.wait(5000));
    QCOMPARE(received.takeFirst().at(0).toInt(), SIGTERM);
}

void TestSignalWatcher::secondSignalIsDeliveredAgain()
{
    SignalWatcher watcher(SignalWatcher::Repeat::Deliver);
    QSignalSpy received(&watcher, &SignalWatcher::received);
    ::raise(SIGINT);
    QVERIFY(received.wait(5000));
    ::raise(SIGTERM);
    QTRY_COMPARE(received.size(), 2);
    QCOMPARE(received.at(0).at(0).toInt(), SIGINT);
    QCOMPARE(received.at(1).at(0).toInt(), SIGTERM);
}

void TestSignalWatcher::secondSignalEndsAtOnce()
{
    // The child's main thread never returns to its event loop: the first signal waits there,
    // the second ends the process from the handler, with 128 + SIGINT.
    const int status = inChild([] {
        SignalWatcher watcher(SignalWatcher::Repeat::ExitAtOnce);
        ::raise(SIGTERM);
        ::raise(SIGINT);
        ::_exit(3); // not reached
    });
    QVERIFY(WIFEXITED(status));
    QCOMPARE(WEXITSTATUS(status), 128 + SIGINT);

    // One signal alone is delivered, and ends nothing.
    const int once = inChild([] {
        SignalWatcher watcher(SignalWatcher::Repeat::ExitAtOnce);
        QSignalSpy received(&watcher, &SignalWatcher::received);
        ::raise(SIGINT);
        ::_exit(received.wait(5000) && received.at(0).at(0).toInt() == SIGINT ? 0 : 4);
    });
    QVERIFY(WIFEXITED(once));
    QCOMPARE(WEXITSTATUS(once), 0);
}

void TestSignalWatcher::onlyOneWatcherPerProcess()
{
    const QStringList before = openDescriptors();
    SignalWatcher first(SignalWatcher::Repeat::Deliver);
    SignalWatcher second(SignalWatcher::Repeat::ExitAtOnce);
    QVERIFY(first.isWatching());
    QVERIFY(!second.isWatching());
    // The first one's behaviour stays: a second signal is delivered, not fatal.
    QSignalSpy received(&first, &SignalWatcher::received);
    ::raise(SIGTERM);
    ::raise(SIGTERM);
    QTRY_COMPARE(received.size(), 2);
    // Its socket pair is not passed on to the processes this one starts.
    const QStringList now = openDescriptors();
    QCOMPARE(now.size(), before.size() + 2);
    for (const QString& fd : now) {
        if (!before.contains(fd))
            QVERIFY(::fcntl(fd.toInt(), F_GETFD) & FD_CLOEXEC);
    }
}

void TestSignalWatcher::defaultsComeBackWhenDestroyed()
{
    const QStringList before = openDescriptors();
    {
        SignalWatcher watcher(SignalWatcher::Repeat::Deliver);
    }
    QCOMPARE(openDescriptors(), before);
    const int status = inChild([] { ::raise(SIGTERM); });
    QVERIFY(WIFSIGNALED(status));
    QCOMPARE(WTERMSIG(status), SIGTERM);
}

QTEST_GUILESS_MAIN(TestSignalWatcher)
#include "TestSignalWatcher.moc"
