// bench-capture: a job writes lines as fast as it can (1 GiB by default); the throughput of
// its output into output_log.txt, against the same script writing into a raw pipe read by
// `cat > /dev/null`, measured in the same run.
//
// Usage: bench-capture [--mib N] [--data DIR]
// Goal (issue #3): at least 50% of the raw pipe.

#include "common/BenchStats.h"
#include "core/host/JobHost.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>

#include <sys/resource.h>

using namespace Qt::StringLiterals;
using namespace WebJobs;

namespace {

// 100-byte lines; `head -c` stops the stream at the size asked for.
QByteArray writerScript(qint64 bytes)
{
    return "line=\"$(printf '%099d' 0)\"\nyes \"$line\" | head -c " + QByteArray::number(bytes) + "\n";
}

double seconds(const QElapsedTimer& timer)
{
    return double(timer.nsecsElapsed()) / 1e9;
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({u"mib"_s, u"MiB the job writes (default 1024)."_s, u"N"_s, u"1024"_s});
    parser.addOption({u"data"_s, u"Data folder (default: a temporary folder)."_s, u"DIR"_s});
    parser.process(app);
    const qint64 bytes = parser.value(u"mib"_s).toLongLong() * 1024 * 1024;

    QTemporaryDir temporary;
    const QString dataRoot = parser.isSet(u"data"_s) ? parser.value(u"data"_s) : temporary.path();
    const QString scriptPath = temporary.filePath(u"run.sh"_s);
    {
        QFile file(scriptPath);
        file.open(QIODevice::WriteOnly);
        file.write(writerScript(bytes));
    }

    // The limit: the same writer into a pipe that a bare reader empties into /dev/null.
    QElapsedTimer timer;
    timer.start();
    QProcess raw;
    raw.start(u"/bin/bash"_s, {u"-c"_s, u"bash '%1' | cat > /dev/null"_s.arg(scriptPath)});
    raw.waitForFinished(-1);
    const double rawSeconds = seconds(timer);

    HostOptions options;
    options.dataRoot = dataRoot;
    JobHost host(options);
    QString error;
    if (!host.open(&error)) {
        Bench::out() << error << Qt::endl;
        return 1;
    }
    ImportOperation* operation = host.addJob(JobType::Triggered, u"writer"_s, scriptPath, u"run.sh"_s, false);
    QSignalSpy imported(operation, &ImportOperation::finished);
    imported.wait(30000);

    QSignalSpy finished(&host, &JobHost::runFinished);
    struct rusage before;
    getrusage(RUSAGE_SELF, &before);
    timer.restart();
    QString runId;
    if (!host.triggerRun(u"writer"_s, {}, u"External - bench"_s, &runId).ok())
        return 1;
    finished.wait(3600 * 1000);
    const double hostSeconds = seconds(timer);
    struct rusage after;
    getrusage(RUSAGE_SELF, &after);
    const double cpu
        = double(after.ru_utime.tv_sec - before.ru_utime.tv_sec + after.ru_stime.tv_sec - before.ru_stime.tv_sec)
        + double(after.ru_utime.tv_usec - before.ru_utime.tv_usec + after.ru_stime.tv_usec - before.ru_stime.tv_usec)
            / 1e6;
    const JobRun run = finished.at(0).at(0).value<JobRun>();
    const qint64 logBytes = QFileInfo(host.context().paths.outputLog(u"writer"_s, runId)).size();

    const double mib = double(bytes) / (1024 * 1024);
    const double rawRate = mib / rawSeconds;
    const double hostRate = mib / hostSeconds;
    Bench::out() << u"output capture, %1 MiB of 100-byte lines"_s.arg(mib, 0, 'f', 0) << Qt::endl
                 << u"  raw pipe to /dev/null   %1 s  %2 MiB/s"_s.arg(rawSeconds, 0, 'f', 2).arg(rawRate, 0, 'f', 1)
                 << Qt::endl
                 << u"  job host to its log     %1 s  %2 MiB/s  (log %3 MiB with timestamps, host CPU %4 s, run %5)"_s
                        .arg(hostSeconds, 0, 'f', 2)
                        .arg(hostRate, 0, 'f', 1)
                        .arg(double(logBytes) / (1024 * 1024), 0, 'f', 0)
                        .arg(cpu, 0, 'f', 2)
                        .arg(jobStatusName(run.status()))
                 << Qt::endl
                 << u"  ratio host/raw          %1  (goal: >= 0.50)"_s.arg(hostRate / rawRate, 0, 'f', 2) << Qt::endl;
    return 0;
}
