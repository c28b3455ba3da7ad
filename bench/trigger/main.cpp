// bench-trigger: the time from a run request to the job's first output line in its log,
// against a bare fork/exec of the same script whose stdout goes to a file, measured in the
// same run. Both are "request -> first line lands in a file", polled the same way.
//
// Usage: bench-trigger [--runs N] [--data DIR]
// Goal (issue #3): p95 within 2x of the bare start.

#include "common/BenchStats.h"
#include "core/host/JobHost.h"
#include "core/host/TriggeredJobRunner.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>

#include <fcntl.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace WebJobs;

extern char** environ;

namespace {

const QByteArray script = "echo first line\n";

qint64 fileSize(const QByteArray& path)
{
    struct stat info;
    return ::stat(path.constData(), &info) == 0 ? info.st_size : -1;
}

// fork/exec of `bash run.sh` in `folder` with stdout to a file in `outputFolder` (not in the
// package, which must stay unchanged); returns the ms until the file has data.
double bareStart(const QString& folder, const QString& outputFolder)
{
    const QByteArray out = QFile::encodeName(outputFolder + u"/bare_output.txt"_s);
    ::unlink(out.constData());
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, out.constData(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addchdir_np(&actions, QFile::encodeName(folder).constData());
    const char* argv[] = {"/bin/bash", "run.sh", nullptr};
    QElapsedTimer timer;
    timer.start();
    pid_t pid = 0;
    if (posix_spawn(&pid, "/bin/bash", &actions, nullptr, const_cast<char**>(argv), environ) != 0)
        return -1;
    while (fileSize(out) <= 0) { }
    const double ms = double(timer.nsecsElapsed()) / 1e6;
    int status = 0;
    ::waitpid(pid, &status, 0);
    posix_spawn_file_actions_destroy(&actions);
    return ms;
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({u"runs"_s, u"Runs of each kind (default 200)."_s, u"N"_s, u"200"_s});
    parser.addOption({u"data"_s, u"Data folder (default: a temporary folder)."_s, u"DIR"_s});
    parser.process(app);
    const int runs = parser.value(u"runs"_s).toInt();

    QTemporaryDir temporary;
    const QString dataRoot = parser.isSet(u"data"_s) ? parser.value(u"data"_s) : temporary.path();
    HostOptions options;
    options.dataRoot = dataRoot;
    options.historySize = 20;
    JobHost host(options);
    QString error;
    if (!host.open(&error)) {
        Bench::out() << error << Qt::endl;
        return 1;
    }
    QFile source(temporary.filePath(u"source-run.sh"_s));
    source.open(QIODevice::WriteOnly);
    source.write(script);
    source.close();
    ImportOperation* operation = host.addJob(JobType::Triggered, u"bench"_s, source.fileName(), u"run.sh"_s, false);
    QSignalSpy imported(operation, &ImportOperation::finished);
    imported.wait(30000);

    // The bare start runs the very script of the job, in its folder.
    const QString jobFolder = host.context().paths.binaries(JobType::Triggered, u"bench"_s);
    QList<double> bare;
    QList<double> hosted;
    QSignalSpy finished(&host, &JobHost::runFinished);
    for (int i = 0; i < runs; ++i) {
        // Interleaved, so that both see the same machine.
        bare.append(bareStart(jobFolder, temporary.path()));

        QString runId;
        QElapsedTimer timer;
        timer.start();
        const ServiceError result = host.triggerRun(u"bench"_s, {}, u"External - bench"_s, &runId);
        if (!result.ok()) {
            Bench::out() << result.message << Qt::endl;
            return 1;
        }
        // The log already holds the engine's lines; wait for the job's own.
        QFile log(host.context().paths.outputLog(u"bench"_s, runId));
        log.open(QIODevice::ReadOnly);
        while (!log.readAll().contains("INFO] first line"))
            log.seek(0);
        hosted.append(double(timer.nsecsElapsed()) / 1e6);
        finished.clear();
        while (host.triggeredRunner(u"bench"_s)->isRunning())
            finished.wait(5000);
    }

    const double bare50 = Bench::percentile(bare, 50);
    const double bare95 = Bench::percentile(bare, 95);
    const double host50 = Bench::percentile(hosted, 50);
    const double host95 = Bench::percentile(hosted, 95);
    Bench::out() << u"trigger latency, %1 runs each (ms)"_s.arg(runs) << Qt::endl
                 << u"  bare fork/exec   p50 %1  p95 %2"_s.arg(bare50, 0, 'f', 2).arg(bare95, 0, 'f', 2) << Qt::endl
                 << u"  job host run     p50 %1  p95 %2"_s.arg(host50, 0, 'f', 2).arg(host95, 0, 'f', 2) << Qt::endl
                 << u"  ratio host/bare  p50 %1  p95 %2  (goal: p95 <= 2.00)"_s.arg(host50 / bare50, 0, 'f', 2)
                        .arg(host95 / bare95, 0, 'f', 2)
                 << Qt::endl;
    return 0;
}
