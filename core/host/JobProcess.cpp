#include "core/host/JobProcess.h"

#include <QDateTime>
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QTimer>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <linux/close_range.h>
#include <poll.h>
#include <sys/prctl.h>
#include <time.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace WebJobs {

namespace {

constexpr int pipeCapacity = 1024 * 1024;
constexpr qsizetype readChunk = 256 * 1024;
// A "line" that never ends is cut at this length so that memory stays bounded.
constexpr qsizetype maximumLineLength = 1024 * 1024;

qint64 monotonicMSecs()
{
    return QDeadlineTimer::current().deadline();
}

void closeFd(int& fd)
{
    if (fd >= 0) {
        ::close(fd);
        fd = -1;
    }
}

// One output stream of the child (stdout or stderr) and its unfinished last line.
struct Stream
{
    int fd = -1;
    LogWriter::Level level = LogWriter::Level::Info;
    QByteArray partial;
};

// Appends lines in Kudu's format to a batch with plain copies: this is the hot loop of a job
// that writes fast (one prefix per read, three copies per line).
class LineWriter
{
public:
    explicit LineWriter(QByteArray& batch)
        : m_batch(batch)
        , m_used(batch.size())
    { }
    ~LineWriter() { m_batch.resize(m_used); }

    void setPrefix(QByteArray prefix) { m_prefix = std::move(prefix); }

    void line(const char* text, qsizetype length)
    {
        if (length > 0 && text[length - 1] == '\r')
            --length;
        const qsizetype needed = m_prefix.size() + length + 2;
        if (m_used + needed > m_batch.size())
            m_batch.resize(std::max(m_batch.size() * 2, m_used + needed));
        char* out = m_batch.data() + m_used;
        std::memcpy(out, m_prefix.constData(), size_t(m_prefix.size()));
        out += m_prefix.size();
        std::memcpy(out, text, size_t(length));
        out += length;
        out[0] = '\r';
        out[1] = '\n';
        m_used += needed;
    }

private:
    QByteArray& m_batch;
    qsizetype m_used;
    QByteArray m_prefix;
};

QByteArray linePrefix(qint64 second, QByteArrayView instance, LogWriter::Level level)
{
    QByteArray prefix;
    LogWriter::formatLine(prefix, second, instance, false, level, {});
    prefix.chop(2); // the formatted empty line's "\r\n"
    return prefix;
}

void appendLines(QByteArray& batch, Stream& stream, const char* data, qsizetype size, qint64 second,
    QByteArrayView instance, bool endOfStream)
{
    LineWriter writer(batch);
    writer.setPrefix(linePrefix(second, instance, stream.level));
    const char* cursor = data;
    const char* const end = data + size;
    while (cursor < end) {
        const char* newline = static_cast<const char*>(std::memchr(cursor, '\n', size_t(end - cursor)));
        if (!newline) {
            stream.partial.append(cursor, end - cursor);
            break;
        }
        if (stream.partial.isEmpty()) {
            writer.line(cursor, newline - cursor);
        } else {
            stream.partial.append(cursor, newline - cursor);
            writer.line(stream.partial.constData(), stream.partial.size());
            stream.partial.clear();
        }
        cursor = newline + 1;
    }
    if (!stream.partial.isEmpty() && (endOfStream || stream.partial.size() >= maximumLineLength)) {
        writer.line(stream.partial.constData(), stream.partial.size());
        stream.partial.clear();
    }
}

qint64 realSeconds()
{
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    return now.tv_sec;
}

// The capture thread: reads both streams until both end or the wake pipe says stop.
void captureLoop(int outFd, int errFd, int wakeFd, std::shared_ptr<LogWriter> log, QByteArray instance,
    std::atomic<qint64>* lastOutput, QObject* receiver)
{
    Stream streams[2] = {{outFd, LogWriter::Level::Info, {}}, {errFd, LogWriter::Level::Error, {}}};
    QByteArray buffer(readChunk, Qt::Uninitialized);
    QByteArray batch;
    batch.reserve(readChunk + readChunk / 2);
    bool draining = false;

    for (;;) {
        struct pollfd fds[3];
        int count = 0;
        for (const Stream& stream : streams) {
            if (stream.fd >= 0)
                fds[count++] = {stream.fd, POLLIN, 0};
        }
        if (count == 0)
            break;
        fds[count++] = {wakeFd, POLLIN, 0};
        const int ready = ::poll(fds, nfds_t(count), draining ? 0 : -1);
        if (ready < 0 && errno == EINTR)
            continue;
        if (ready <= 0 && draining)
            break;
        if (fds[count - 1].revents != 0)
            draining = true; // read what is there now, then stop

        bool readSomething = false;
        for (Stream& stream : streams) {
            if (stream.fd < 0)
                continue;
            bool hasData = false;
            for (int i = 0; i < count - 1; ++i) {
                if (fds[i].fd == stream.fd)
                    hasData = fds[i].revents != 0;
            }
            if (!hasData)
                continue;
            const ssize_t got = ::read(stream.fd, buffer.data(), size_t(buffer.size()));
            if (got < 0 && (errno == EAGAIN || errno == EINTR))
                continue;
            const bool end = got <= 0;
            if (got > 0) {
                readSomething = true;
                lastOutput->store(monotonicMSecs(), std::memory_order_relaxed);
            }
            appendLines(batch, stream, buffer.constData(), got > 0 ? got : 0, realSeconds(), instance, end);
            if (end)
                closeFd(stream.fd);
        }
        if (!batch.isEmpty()) {
            log->append(batch);
            batch.resize(0);
        }
        if (draining && !readSomething)
            break;
    }
    for (Stream& stream : streams) {
        if (!stream.partial.isEmpty()) {
            appendLines(batch, stream, "", 0, realSeconds(), instance, true);
            log->append(batch);
            batch.resize(0);
        }
        closeFd(stream.fd);
    }
    QMetaObject::invokeMethod(receiver, "onOutputDrained", Qt::QueuedConnection);
}

} // namespace

JobProcess::JobProcess(QObject* parent)
    : QObject(parent)
{ }

JobProcess::~JobProcess()
{
    if (m_running && !m_exited)
        signalGroup(SIGKILL);
    if (m_process) {
        m_process->disconnect(this);
        if (m_process->state() != QProcess::NotRunning) {
            m_process->kill();
            m_process->waitForFinished(5000);
        }
    }
    stopCapture();
}

bool JobProcess::start(const Spec& spec, std::shared_ptr<LogWriter> log, QString* error)
{
    Q_ASSERT(!m_running);
    int outPipe[2];
    int errPipe[2];
    int wakePipe[2];
    if (::pipe2(outPipe, O_CLOEXEC) != 0) {
        *error = tr("Cannot create a pipe for the job's output: %1.").arg(QString::fromLocal8Bit(strerror(errno)));
        return false;
    }
    if (::pipe2(errPipe, O_CLOEXEC) != 0) {
        ::close(outPipe[0]);
        ::close(outPipe[1]);
        *error = tr("Cannot create a pipe for the job's output: %1.").arg(QString::fromLocal8Bit(strerror(errno)));
        return false;
    }
    if (::pipe2(wakePipe, O_CLOEXEC | O_NONBLOCK) != 0) {
        for (int fd : {outPipe[0], outPipe[1], errPipe[0], errPipe[1]})
            ::close(fd);
        *error = tr("Cannot create a pipe for the job's output: %1.").arg(QString::fromLocal8Bit(strerror(errno)));
        return false;
    }
    ::fcntl(outPipe[0], F_SETPIPE_SZ, pipeCapacity);
    ::fcntl(errPipe[0], F_SETPIPE_SZ, pipeCapacity);

    m_process = new QProcess(this);
    m_process->setProgram(spec.program);
    m_process->setArguments(spec.arguments);
    m_process->setWorkingDirectory(spec.workingDirectory);
    m_process->setProcessEnvironment(spec.environment);
    m_process->setStandardInputFile(QProcess::nullDevice());
    m_process->setStandardOutputFile(QProcess::nullDevice());
    m_process->setStandardErrorFile(QProcess::nullDevice());
    const int childOut = outPipe[1];
    const int childErr = errPipe[1];
    const pid_t parent = ::getpid();
    // Runs in the child between fork and exec: async-signal-safe calls only.
    m_process->setChildProcessModifier([childOut, childErr, parent]() {
        ::dup2(childOut, STDOUT_FILENO);
        ::dup2(childErr, STDERR_FILENO);
        ::setsid();
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (::getppid() != parent)
            ::_exit(127); // the host died before the child could ask to follow it
        if (::close_range(3, ~0U, CLOSE_RANGE_CLOEXEC) != 0) {
            const long limit = ::sysconf(_SC_OPEN_MAX);
            for (int fd = 3; fd < (limit > 0 && limit < 65536 ? limit : 65536); ++fd)
                ::fcntl(fd, F_SETFD, FD_CLOEXEC);
        }
    });
    connect(m_process, &QProcess::finished, this, &JobProcess::onProcessFinished);

    m_lastOutput.store(monotonicMSecs(), std::memory_order_relaxed);
    m_process->start();
    const bool started = m_process->waitForStarted(-1);
    ::close(outPipe[1]);
    ::close(errPipe[1]);
    if (!started) {
        *error = tr("Cannot start %1: %2").arg(spec.program, m_process->errorString());
        for (int fd : {outPipe[0], errPipe[0], wakePipe[0], wakePipe[1]})
            ::close(fd);
        delete m_process;
        m_process = nullptr;
        return false;
    }
    m_pid = m_process->processId();
    m_running = true;
    m_wakeFd = wakePipe[1];
    m_wakeReadFd = wakePipe[0];
    const QByteArray instance = log->instanceBytes();
    m_capture
        = std::thread(captureLoop, outPipe[0], errPipe[0], wakePipe[0], std::move(log), instance, &m_lastOutput, this);
    return true;
}

qint64 JobProcess::groupCpuTime() const
{
    if (!m_running || m_exited)
        return 0;
    qint64 total = 0;
    const QStringList entries = QDir(u"/proc"_s).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString& entry : entries) {
        bool isPid = false;
        entry.toLongLong(&isPid);
        if (!isPid)
            continue;
        QFile stat(u"/proc/"_s + entry + u"/stat"_s);
        if (!stat.open(QIODevice::ReadOnly))
            continue;
        const QByteArray text = stat.readAll();
        // Fields after the command name, which is in parentheses and may hold spaces.
        const qsizetype close = text.lastIndexOf(')');
        if (close < 0)
            continue;
        const QList<QByteArray> fields = text.mid(close + 2).split(' ');
        // fields[0] is field 3 (state): pgrp is field 5, utime 14, stime 15.
        if (fields.size() < 13 || fields.at(2).toLongLong() != m_pid)
            continue;
        total += fields.at(11).toLongLong() + fields.at(12).toLongLong();
    }
    return total;
}

void JobProcess::stop(std::chrono::milliseconds grace, const QString& shutdownFile)
{
    if (!m_running || m_exited)
        return;
    if (!shutdownFile.isEmpty()) {
        QFile file(shutdownFile);
        if (file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            file.write(QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs).toUtf8());
    }
    if (!m_killTimer) {
        m_killTimer = new QTimer(this);
        m_killTimer->setSingleShot(true);
        connect(m_killTimer, &QTimer::timeout, this, &JobProcess::kill);
        m_termTimer = new QTimer(this);
        m_termTimer->setSingleShot(true);
        connect(m_termTimer, &QTimer::timeout, this, [this] { signalGroup(SIGTERM); });
    }
    if (shutdownFile.isEmpty())
        signalGroup(SIGTERM);
    else
        m_termTimer->start(grace / 2);
    m_killTimer->start(grace);
}

void JobProcess::kill()
{
    if (m_running && !m_exited)
        signalGroup(SIGKILL);
}

void JobProcess::signalGroup(int signal)
{
    if (m_pid > 0)
        ::kill(-pid_t(m_pid), signal);
}

void JobProcess::onProcessFinished(int exitCode, QProcess::ExitStatus status)
{
    m_exited = true;
    m_crashed = status == QProcess::CrashExit;
    m_exitCode = m_crashed ? 128 + exitCode : exitCode;
    if (m_termTimer)
        m_termTimer->stop();
    if (m_killTimer)
        m_killTimer->stop();
    // The job's process tree dies with its leader.
    signalGroup(SIGKILL);
    if (!m_drained) {
        m_graceTimer = new QTimer(this);
        m_graceTimer->setSingleShot(true);
        connect(m_graceTimer, &QTimer::timeout, this, [this] {
            if (m_wakeFd >= 0) {
                const char byte = 1;
                [[maybe_unused]] const ssize_t ignored = ::write(m_wakeFd, &byte, 1);
            }
        });
        m_graceTimer->start(OutputGrace);
    }
    finishIfDone();
}

void JobProcess::onOutputDrained()
{
    m_drained = true;
    if (m_capture.joinable())
        m_capture.join();
    closeFd(m_wakeFd);
    closeFd(m_wakeReadFd);
    if (m_graceTimer)
        m_graceTimer->stop();
    finishIfDone();
}

void JobProcess::finishIfDone()
{
    if (!m_exited || !m_drained || m_finishedEmitted)
        return;
    m_finishedEmitted = true;
    m_running = false;
    Q_EMIT finished(m_exitCode, m_crashed);
}

void JobProcess::stopCapture()
{
    if (m_wakeFd >= 0) {
        const char byte = 1;
        [[maybe_unused]] const ssize_t ignored = ::write(m_wakeFd, &byte, 1);
    }
    if (m_capture.joinable())
        m_capture.join();
    closeFd(m_wakeFd);
    closeFd(m_wakeReadFd);
}

} // namespace WebJobs
