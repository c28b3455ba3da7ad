#pragma once

// The command line of `webjobs`: global options, then a command and its own arguments and
// options, as `git` and `kubectl` read theirs.
//
//     webjobs [--connect URL|NAME] [--user U] [--password-file F] [--data DIR] [--json]
//             COMMAND [ARGS] [COMMAND OPTIONS]
//
// The global options may also follow the command (`webjobs list --json`). Reading happens in
// two passes of QCommandLineParser: the first stops at the command word, the second reads the
// command's arguments with the global options and that command's own, so that an option of
// another command is refused by name. Passwords are never read from the command line.

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>
#include <utility>

namespace WebJobs {

enum class JobType;

// What to reach, and how: the part of the command line that openService() reads.
struct CliOptions
{
    // A URL, or the name of a connection saved in the console; empty = the local host.
    QString connect;
    QString user;
    QString passwordFile;
    // The local host's data folder; empty = the console's (CliService::defaultDataRoot()).
    QString dataRoot;
    // Kudu's JSON shapes instead of tables for people.
    bool json = false;
};

struct CliCommand
{
    enum class Kind
    {
        List,
        Show,
        Add,
        Delete,
        Run,
        Start,
        Stop,
        History,
        Logs,
        Settings,
    };

    Kind kind = Kind::List;
    QString name; // the job's
    QString file; // add
    QString runId; // logs
    std::optional<JobType> type; // --type
    QString schedule; // add --schedule
    QString arguments; // run --args
    bool wait = false; // run --wait
    bool follow = false; // logs --follow
    bool namesOnly = false; // list --names
    int limit = 20; // history --limit
    // settings --set KEY=VALUE, in order; an empty value removes the key.
    QList<std::pair<QString, QString>> assignments;
};

struct CliInvocation
{
    CliOptions options;
    CliCommand command;
};

class CliCommandLine
{
    Q_DECLARE_TR_FUNCTIONS(CliCommandLine)

public:
    enum class Outcome
    {
        // `invocation` is filled: run it.
        Run,
        // `text` is help or the version: print it on standard output, exit status 0.
        Printed,
        // `text` is a sentence saying what is wrong and what to do: standard error, status 2.
        BadInput,
    };

    // Reads `arguments` (the program's name first, as QCoreApplication::arguments()).
    static Outcome parse(const QStringList& arguments, CliInvocation* invocation, QString* text);

    // The command words, in the order help lists them.
    static QStringList commandNames();
    static QString commandName(CliCommand::Kind kind);
};

} // namespace WebJobs
