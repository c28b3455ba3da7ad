#pragma once

// Finding the script a job runs, the way Kudu's JobsManagerBase does (`GetJobScriptDirectory`,
// `FindCommandToRun`).
//
// Script directory: starting at the job folder, while a folder holds exactly one entry and that
// entry is a folder (not a symbolic link), descend into it. Only the top-level files of the
// script directory are candidates; `settings.job` and `disable.job` live there too.
//
// Selection (selectFileName): walk the hosts of ScriptRunner::all() in order and, for each host,
// its extensions in order. The first `run<ext>` file (any case) found wins at once; otherwise the
// first file having the extension becomes the fallback, if none is set yet. So any run.* beats
// every other file, and among the others the first file of the highest-priority extension wins.
// Kudu takes "first" in directory enumeration order; we sort names (ordinal, case-sensitive) so
// that the choice is the same on every file system.
//
// find() selects in two passes: first among the hosts whose interpreter is installed (Kudu skips
// a host without an executable), then, when that found nothing, among all hosts. A job holding
// only run.cmd therefore still exists on Linux; its runs fail with the runner's
// unavailableReason().
//
// Static functions reading the file system; safe from any thread.

#include <QCoreApplication>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace WebJobs {

class ScriptRunner;

class ScriptDiscovery
{
    Q_DECLARE_TR_FUNCTIONS(ScriptDiscovery)

public:
    struct Script
    {
        // Absolute path of the folder holding the script (the process's working directory).
        QString scriptDirectory;
        // Absolute path of the script file.
        QString scriptPath;
        // Path of the script relative to the job folder, '/'-separated: Kudu's `run_command`.
        QString runCommand;
        const ScriptRunner* runner = nullptr;
    };

    // The folder whose files are the script candidates (see above); `jobDir` itself when it does
    // not exist.
    static QString scriptDirectory(const QString& jobDir);
    // `settings.job` and `disable.job` in the script directory.
    static QString settingsPath(const QString& jobDir);
    static QString disablePath(const QString& jobDir);

    // The script of the job in `jobDir`, or std::nullopt with *error (when given) set to
    // noRunnableScriptError().
    static std::optional<Script> find(const QString& jobDir, QString* error = nullptr);

    // One selection pass over `fileNames` (file names only, in the order to use as "first"),
    // considering only the hosts for which `usable` is true. Empty when no file qualifies.
    static QString selectFileName(const QStringList& fileNames, const std::function<bool(const ScriptRunner&)>& usable);

    // Kudu's exact error text (`Resources.Error_NoRunnableScriptFile`), untranslated: the agent
    // answers it as Kudu does.
    static QString noRunnableScriptError();
    // The same problem explained to a user: translated, with the accepted script types.
    static QString noRunnableScriptHint();
};

} // namespace WebJobs
