#pragma once

// Which JobService `webjobs` talks to, decided in one place (open()):
//  - no --connect: the local host of WebJobs Console, a LocalJobService on the console's data
//    folder (or --data DIR), opened in this process for as long as the command lasts;
//  - --connect URL, or the NAME of a connection saved by the console (QSettings of
//    "WebJobs/webjobs-console", keys connections/<name>/url and connections/<name>/user): a
//    RemoteJobService with the password from CliCredentials.
//
// The local host opened here is the console's own, with three precautions. It refuses to open
// while job processes of another program's host of the same folder are alive (a console that
// is open, or another `webjobs` following a log), because opening a host kills the processes a
// previous host of that folder left behind; and the host's own lock on the folder (JobHost)
// refuses it while any other host of the folder is open, even one that runs nothing now. And
// it manages only (HostOptions::manageOnly): a short-lived command starts no continuous job
// (start and stop record the wish for the console's host) and fires no schedule, so the next
// run of a schedule is not known there either; it runs the triggered run it was asked for and
// waits for its end. Only `logs --follow` of a continuous job runs the jobs, for as long as it
// follows (there is nothing to follow otherwise).
//
// Threading: the main thread.

#include "app/cli/CliCommandLine.h"
#include "core/service/JobService.h"

#include <QCoreApplication>
#include <QProcessEnvironment>
#include <QString>
#include <QUrl>

#include <functional>
#include <memory>
#include <optional>

namespace WebJobs {

// Exit status and sentence of a failure.
struct CliError
{
    int exitCode = 0;
    QString message;
};

// Where --connect leads: a URL and who to log in as; `name` is the saved connection's.
struct CliConnection
{
    QString name;
    QUrl url;
    QString user;
};

struct OpenedService
{
    std::unique_ptr<JobService> service;
    // The jobs run in this process (the local host): a run started here ends when it exits.
    bool hostsJobs = false;
};

class CliService
{
    Q_DECLARE_TR_FUNCTIONS(CliService)

public:
    // The service the options name; std::nullopt with the sentence and exit status (2 for
    // invalid input, 1 when the service cannot be reached) in `error`.
    // `runsJobs`: the local host runs its continuous jobs (logs --follow), else it manages only.
    static std::optional<OpenedService> open(
        const CliOptions& options, const QProcessEnvironment& environment, CliError* error, bool runsJobs = false);

    // Closes `service` gracefully (the local host stops its jobs, within a few seconds), then
    // calls `done` once, in the thread of `context`.
    static void close(JobService* service, QObject* context, std::function<void()> done);

    // The console's data folder: the application data folder of "WebJobs/webjobs-console".
    static QString defaultDataRoot();

    // `target` as a URL, or the saved connection of that name; `user` (--user) overrides the
    // saved user.
    static std::optional<CliConnection> resolveConnection(const QString& target, const QString& user, CliError* error);
};

} // namespace WebJobs
