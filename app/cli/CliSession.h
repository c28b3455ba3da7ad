#pragma once

// One `webjobs` command carried out over a JobService: asks, prints the answer (a table for
// people, Kudu's JSON with --json, raw log bytes), and ends with finished(exitCode).
//
//     main ── CliService::open ── JobService (local host or remote)
//       └── CliSession ── futures (.then on this object) and the service's signals
//                └── LogFollower ── readLog(offset) as the log grows
//
// Following a run (`run --wait`, `logs --follow`): the run's end is learned from runFinished()
// or from a jobsChanged() whose latest run has ended, whichever comes first; the log is then
// read to its end before the session finishes. A run started by this program on the local host
// lives in this process, so `run` waits for its end there even without --wait.
//
// Threading: the main thread. Output goes to standard output, sentences to standard error.

#include "app/cli/CliCommandLine.h"
#include "core/model/JobRun.h"
#include "core/model/ServiceError.h"
#include "core/service/JobEntry.h"

#include <QHash>
#include <QObject>
#include <QPointer>

#include <functional>

namespace WebJobs {

class JobService;
class LogFollower;

class CliSession : public QObject
{
    Q_OBJECT

public:
    // `hostsJobs`: the service runs the jobs in this process (OpenedService::hostsJobs).
    CliSession(JobService* service, bool hostsJobs, const CliInvocation& invocation, QObject* parent = nullptr);
    ~CliSession() override;

    // Carries out the command; the service must be Ready.
    void start();

public Q_SLOTS:
    // Ctrl-C or SIGTERM: stops following and finishes with 128 + `signal`.
    void interrupt(int signal);

Q_SIGNALS:
    // Once, with the program's exit status.
    void finished(int exitCode);

private:
    void list();
    void show();
    void add();
    void remove();
    void run();
    void startOrStop(bool start);
    void history();
    void logs();
    void settings();

    // Finds the job the command names (by name, and --type when given) and calls `then`;
    // finishes with a sentence when there is none or the name is ambiguous.
    void withJob(std::function<void(const JobEntry&)> then, std::optional<JobType> only = std::nullopt);
    // Starts following a triggered run's end: runFinished() and jobsChanged() until it ends.
    void watchRuns();
    void noteRunEnded(const JobRun& run);
    void checkRunEnded();
    void reportRunEnd(const JobRun& run);
    void followLog(JobType type, const QString& runId, bool follow);
    void endFollowing(int exitCode);

    void print(const QString& text);
    void printBytes(const QByteArray& bytes);
    void printError(const QString& sentence);
    void fail(const ServiceError& error);
    void fail(int exitCode, const QString& sentence);
    void finish(int exitCode);
    bool isFinished() const { return m_finished; }

    JobService* m_service;
    bool m_hostsJobs;
    CliOptions m_options;
    CliCommand m_command;
    QPointer<LogFollower> m_follower;
    // The run being waited for, and the ended runs of the job seen meanwhile (a quick run may
    // end before triggerRun() answers with its id).
    QString m_runId;
    QHash<QString, JobRun> m_endedRuns;
    bool m_watchingRuns = false;
    bool m_ending = false;
    bool m_finished = false;
};

} // namespace WebJobs
