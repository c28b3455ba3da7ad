// JobProcess and LogWriter with real processes: output capture in Kudu's line format, exit
// codes, process groups, descriptor hygiene and the graceful-stop escalation.

#include "core/host/JobProcess.h"
#include "core/host/LogWriter.h"

#include <QElapsedTimer>
#include <QFile>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <sys/socket.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace WebJobs;

namespace {

bool processAlive(qint64 pid)
{
    QFile stat(u"/proc/%1/stat"_s.arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return false;
    const QByteArray text = stat.readAll();
    const qsizetype close = text.lastIndexOf(')');
    return close >= 0 && text.size() > close + 2 && text.at(close + 2) != 'Z';
}

} // namespace

class TestJobProcess : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void formatsTime();
    void capturesStdoutAndStderr();
    void capturesUnterminatedLastLine();
    void reportsExitCode_data();
    void reportsExitCode();
    void failsToStartMissingProgram();
    void inheritsNoDescriptors();
    void killsProcessGroupWhenLeaderExits();
    void gracefulStopByShutdownFile();
    void gracefulStopEscalatesToKill();
    void terminateReachesWholeGroup();
    void capturesManyLines();
    void rollsLogAndKeepsEveryLine();
    void sharesOwnLinesOnly();

private:
    struct Outcome
    {
        int exitCode = -1;
        bool crashed = false;
        QStringList lines;
    };
    Outcome runScript(const QString& script, std::function<void(JobProcess&)> whileRunning = {});
    QString logPath() const { return m_dir->filePath(u"output_log.txt"_s); }
    QStringList readLog() const;

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestJobProcess::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

QStringList TestJobProcess::readLog() const
{
    QFile file(logPath());
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QString text = QString::fromUtf8(file.readAll());
    QStringList lines = text.split(u"\r\n"_s);
    if (!lines.isEmpty() && lines.constLast().isEmpty())
        lines.removeLast();
    return lines;
}

TestJobProcess::Outcome TestJobProcess::runScript(const QString& script, std::function<void(JobProcess&)> whileRunning)
{
    auto log = std::make_shared<LogWriter>(LogWriter::Options {logPath(), u"abc123"_s, 0, {}});
    JobProcess process;
    QSignalSpy finished(&process, &JobProcess::finished);
    QString error;
    JobProcess::Spec spec {u"/bin/bash"_s, {u"-c"_s, script}, m_dir->path(), QProcessEnvironment::systemEnvironment()};
    if (!process.start(spec, log, &error)) {
        qWarning() << error;
        return {};
    }
    if (whileRunning)
        whileRunning(process);
    if (finished.isEmpty() && !finished.wait(30000))
        return {};
    Outcome outcome;
    outcome.exitCode = finished.at(0).at(0).toInt();
    outcome.crashed = finished.at(0).at(1).toBool();
    outcome.lines = readLog();
    return outcome;
}

void TestJobProcess::formatsTime()
{
    // 2024-09-04T13:33:18Z, the example of docs/kudu-webjobs-api.md §5.3.
    QCOMPARE(LogWriter::formatTime(1725456798), "09/04/2024 13:33:18"_ba);
    QByteArray line;
    LogWriter::formatLine(line, 1725456798, "a1b2c3", true, LogWriter::Level::Error, "Job failed due to exit code 1");
    QCOMPARE(line, "[09/04/2024 13:33:18 > a1b2c3: SYS ERR ] Job failed due to exit code 1\r\n"_ba);
    line.clear();
    LogWriter::formatLine(line, 1725456798, "a1b2c3", false, LogWriter::Level::Info, "hello");
    QCOMPARE(line, "[09/04/2024 13:33:18 > a1b2c3: INFO] hello\r\n"_ba);
}

void TestJobProcess::capturesStdoutAndStderr()
{
    const Outcome outcome = runScript(u"echo hello; echo 'something on stderr' >&2; printf 'crlf\\r\\n'"_s);
    QCOMPARE(outcome.exitCode, 0);
    QCOMPARE(outcome.lines.size(), 3);
    static const QRegularExpression prefix(uR"(^\[\d\d/\d\d/\d{4} \d\d:\d\d:\d\d > abc123: (INFO|ERR )\] )"_s);
    QStringList messages;
    QStringList levels;
    for (const QString& line : outcome.lines) {
        const QRegularExpressionMatch match = prefix.match(line);
        QVERIFY2(match.hasMatch(), qPrintable(line));
        levels << match.captured(1);
        messages << line.mid(match.capturedLength());
    }
    // stdout and stderr are separate pipes: order between them is not guaranteed.
    QVERIFY(messages.contains(u"hello"_s));
    QVERIFY(messages.contains(u"crlf"_s));
    QCOMPARE(levels.at(messages.indexOf(u"something on stderr"_s)), u"ERR "_s);
    QCOMPARE(levels.at(messages.indexOf(u"hello"_s)), u"INFO"_s);
}

void TestJobProcess::capturesUnterminatedLastLine()
{
    const Outcome outcome = runScript(u"printf 'first\\nno newline at the end'"_s);
    QCOMPARE(outcome.lines.size(), 2);
    QVERIFY(outcome.lines.at(0).endsWith(u"] first"_s));
    QVERIFY(outcome.lines.at(1).endsWith(u"] no newline at the end"_s));
}

void TestJobProcess::reportsExitCode_data()
{
    QTest::addColumn<QString>("script");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<bool>("crashed");
    QTest::newRow("success") << u"exit 0"_s << 0 << false;
    QTest::newRow("failure") << u"exit 3"_s << 3 << false;
    QTest::newRow("killed by a signal") << u"kill -KILL $$"_s << 128 + SIGKILL << true;
}

void TestJobProcess::reportsExitCode()
{
    QFETCH(QString, script);
    QFETCH(int, exitCode);
    QFETCH(bool, crashed);
    const Outcome outcome = runScript(script);
    QCOMPARE(outcome.exitCode, exitCode);
    QCOMPARE(outcome.crashed, crashed);
}

void TestJobProcess::failsToStartMissingProgram()
{
    auto log = std::make_shared<LogWriter>(LogWriter::Options {logPath(), u"abc123"_s, 0, {}});
    JobProcess process;
    QString error;
    const bool started = process.start(
        {u"/nonexistent/interpreter"_s, {}, m_dir->path(), QProcessEnvironment::systemEnvironment()}, log, &error);
    QVERIFY(!started);
    QVERIFY2(error.contains(u"/nonexistent/interpreter"_s), qPrintable(error));
    QVERIFY(!process.isRunning());
}

void TestJobProcess::inheritsNoDescriptors()
{
    // A descriptor opened without close-on-exec, as a careless library might.
    const int leaky = ::socket(AF_INET, SOCK_STREAM, 0);
    QVERIFY(leaky >= 3);
    const Outcome outcome = runScript(u"for fd in /proc/self/fd/*; do echo \"fd ${fd##*/}\"; done"_s);
    ::close(leaky);
    QStringList descriptors;
    for (const QString& line : outcome.lines)
        descriptors << line.section(u"] fd "_s, 1);
    // 0, 1, 2 and the one the shell's glob opened to read the folder.
    QVERIFY2(!descriptors.contains(QString::number(leaky)), qPrintable(descriptors.join(u' ')));
    QVERIFY2(descriptors.size() <= 4, qPrintable(descriptors.join(u' ')));
}

void TestJobProcess::killsProcessGroupWhenLeaderExits()
{
    const Outcome outcome = runScript(u"sleep 300 & echo \"child $!\"; exit 0"_s);
    QCOMPARE(outcome.exitCode, 0);
    QCOMPARE(outcome.lines.size(), 1);
    const qint64 child = outcome.lines.at(0).section(u"] child "_s, 1).toLongLong();
    QVERIFY(child > 0);
    QTRY_VERIFY(!processAlive(child));
}

void TestJobProcess::gracefulStopByShutdownFile()
{
    const QString shutdownFile = m_dir->filePath(u"shutdown"_s);
    QElapsedTimer timer;
    timer.start();
    const Outcome outcome = runScript(
        u"trap '' TERM; echo ready; while [ ! -e '%1' ]; do sleep 0.05; done; echo 'shutdown seen'; exit 0"_s.arg(
            shutdownFile),
        [&](JobProcess& process) {
            QTRY_VERIFY(QFile(logPath()).size() > 0);
            process.stop(std::chrono::seconds(20), shutdownFile);
        });
    QCOMPARE(outcome.exitCode, 0);
    QVERIFY(!outcome.crashed);
    QVERIFY(outcome.lines.constLast().endsWith(u"] shutdown seen"_s));
    QVERIFY(timer.elapsed() < 10000);
}

void TestJobProcess::gracefulStopEscalatesToKill()
{
    const QString shutdownFile = m_dir->filePath(u"shutdown"_s);
    const Outcome outcome = runScript(
        u"trap 'echo term ignored' TERM; echo ready; while true; do sleep 0.05; done"_s, [&](JobProcess& process) {
            QTRY_VERIFY(QFile(logPath()).size() > 0);
            process.stop(std::chrono::milliseconds(600), shutdownFile);
        });
    QVERIFY(QFile::exists(shutdownFile));
    QVERIFY(outcome.crashed);
    QCOMPARE(outcome.exitCode, 128 + SIGKILL);
    QVERIFY2(outcome.lines.join(u'\n').contains(u"term ignored"_s), qPrintable(outcome.lines.join(u'\n')));
}

void TestJobProcess::terminateReachesWholeGroup()
{
    qint64 child = 0;
    const Outcome outcome = runScript(u"sleep 300 & echo \"child $!\"; wait"_s, [&](JobProcess& process) {
        QTRY_VERIFY(QFile(logPath()).size() > 0);
        child = readLog().constFirst().section(u"] child "_s, 1).toLongLong();
        process.stop(std::chrono::seconds(20));
    });
    QVERIFY(child > 0);
    QVERIFY(outcome.crashed);
    QCOMPARE(outcome.exitCode, 128 + SIGTERM);
    QTRY_VERIFY(!processAlive(child));
}

void TestJobProcess::capturesManyLines()
{
    const Outcome outcome = runScript(u"seq 1 200000; seq 1 1000 >&2"_s);
    QCOMPARE(outcome.exitCode, 0);
    QCOMPARE(outcome.lines.size(), 201000);
    QVERIFY(outcome.lines.contains(u"[%1 > abc123: INFO] 200000"_s.arg(outcome.lines.constLast().mid(1, 19))));
}

void TestJobProcess::rollsLogAndKeepsEveryLine()
{
    const QString path = m_dir->filePath(u"job_log.txt"_s);
    const QString previous = m_dir->filePath(u"job_prev_log.txt"_s);
    LogWriter log({path, u"abc123"_s, 4096, previous});
    for (int i = 0; i < 500; ++i)
        log.system(LogWriter::Level::Info, u"line %1"_s.arg(i));
    QVERIFY(QFileInfo(path).size() <= 4096);
    QVERIFY(QFile::exists(previous));
    int total = 0;
    QSet<QString> seen;
    const QStringList files = QDir(m_dir->path()).entryList({u"job_*.txt"_s}, QDir::Files);
    QVERIFY2(files.size() > 2, qPrintable(files.join(u' '))); // archives beside job_prev_log.txt
    for (const QString& name : files) {
        QFile file(m_dir->filePath(name));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = file.readAll().split('\n');
        for (const QByteArray& line : lines) {
            if (line.isEmpty())
                continue;
            ++total;
            seen.insert(QString::fromUtf8(line.mid(line.indexOf("] ") + 2).trimmed()));
        }
    }
    QCOMPARE(total, 500);
    QCOMPARE(seen.size(), 500);
}

// With several instances, the writer keeps its own lines (the engine's and the process's) for
// the others, not the ones it relays from them, and says how much it left out past its bound.
void TestJobProcess::sharesOwnLinesOnly()
{
    const QString path = m_dir->filePath(u"job_log.txt"_s);
    auto log = std::make_shared<LogWriter>(LogWriter::Options {path, u"abc123"_s, 0, {}});
    log->system(LogWriter::Level::Info, u"before sharing"_s);
    log->setSharing(true);
    QVERIFY(log->takeShared().isEmpty());
    log->system(LogWriter::Level::Info, u"own line"_s);
    log->appendRelayed("[12/07/2026 16:00:00 > def456: INFO] relayed line\r\n");
    const QByteArray shared = log->takeShared();
    QVERIFY2(shared.endsWith(" > abc123: SYS INFO] own line\r\n"), shared.constData());
    QCOMPARE(shared.count('\n'), 1);
    QVERIFY(log->takeShared().isEmpty());

    // The process's output is shared too.
    JobProcess process;
    QSignalSpy finished(&process, &JobProcess::finished);
    QString error;
    QVERIFY2(process.start({u"/bin/sh"_s, {u"-c"_s, u"echo from the process"_s}, m_dir->path(),
                               QProcessEnvironment::systemEnvironment()},
                 log, &error),
        qPrintable(error));
    QVERIFY(finished.wait(30000));
    QVERIFY(log->takeShared().contains(" > abc123: INFO] from the process\r\n"));

    // Past SharedLimit between two takes, the rest stays in this file only, and a line says so.
    const QByteArray line = QByteArray(1000, 'x');
    qint64 written = 0;
    while (written <= LogWriter::SharedLimit + 10000) {
        log->system(LogWriter::Level::Info, QString::fromLatin1(line));
        written += line.size();
    }
    const QByteArray bounded = log->takeShared();
    QVERIFY(bounded.size() <= LogWriter::SharedLimit + 1000);
    QVERIFY2(
        bounded.contains(" bytes of this instance's log are only in its own copy"), bounded.right(300).constData());

    // Every line, own and relayed, is in the file.
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray all = file.readAll();
    QVERIFY(all.contains("] before sharing\r\n") && all.contains("] own line\r\n"));
    QVERIFY(all.contains("[12/07/2026 16:00:00 > def456: INFO] relayed line\r\n"));
    QVERIFY(all.contains("] from the process\r\n"));
    QVERIFY(all.size() > LogWriter::SharedLimit + 10000);
}

QTEST_GUILESS_MAIN(TestJobProcess)
#include "TestJobProcess.moc"
