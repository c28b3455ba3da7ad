#pragma once

// The script hosts of Kudu (`Kudu.Core/Jobs/*ScriptHost.cs`): which file extensions a job
// script may have, which interpreter runs it and with which command line.
//
// The hosts, in Kudu's order of preference (the order ScriptDiscovery walks them):
//   WindowsScriptHost     .cmd .bat .exe   cmd /c <script> <args>     (runnable only on Windows)
//   PowerShellScriptHost  .ps1             pwsh -NoProfile -ExecutionPolicy RemoteSigned -File <script> <args>
//   BashScriptHost        .sh              bash <script> <args>
//   PythonScriptHost      .py              python3 <script> <args>
//   PhpScriptHost         .php             php <script> <args>
//   NodeScriptHost        .js              node <script> <args>   (or nodejs)
// name() is the Kudu class name, which the run log quotes ("Run script 'run.sh' with script
// host - 'BashScriptHost'"). The script is passed by file name: the process runs with the
// script's folder as working directory.
//
// Interpreters are looked up on every call (QStandardPaths::findExecutable), so installing one
// takes effect without a restart. setSearchPaths() replaces the system PATH for that lookup: tests
// use it to simulate a missing interpreter.
//
// The runners are immutable singletons; every function is safe from any thread.

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

namespace WebJobs {

class ScriptRunner
{
    Q_DECLARE_TR_FUNCTIONS(ScriptRunner)

public:
    enum class Kind
    {
        Windows,
        PowerShell,
        Bash,
        Python,
        Php,
        Node,
    };

    Kind kind() const { return m_kind; }
    // Kudu's host class name, e.g. "BashScriptHost".
    QString name() const;
    // The extensions this host runs, lower case with the dot, in Kudu's order (".cmd", ".bat", ".exe").
    QStringList extensions() const;
    // True when `fileName` ends with one of extensions(), ignoring case.
    bool handles(const QString& fileName) const;

    // True when the interpreter is installed (and, for Windows scripts, when running on Windows).
    bool isAvailable() const { return !program().isEmpty(); }
    // Absolute path of the interpreter, empty when it is not available.
    QString program() const;
    // The interpreter's arguments: the host's own options, the script file name, then
    // `argumentsText` (Kudu's raw `arguments` string) split by splitArguments().
    QStringList arguments(const QString& scriptFileName, const QString& argumentsText = {}) const;

    // Splits Kudu's raw `arguments` text into the argv a job sees, by the rules Kudu's command
    // line is split by (.NET's Process.Start on Linux, the C runtime's on Windows; Microsoft's
    // "Parsing C++ command-line arguments"), so that a job moved from Kudu sees the same argv:
    //  - spaces and tabs outside double quotes separate arguments; nothing else does;
    //  - a double quote opens or closes a quoted part, which may be empty ("" is an empty
    //    argument) or sit inside a word (a"b c"d is `ab cd`); inside one, two double quotes
    //    are a literal quote; an unclosed quote runs to the end;
    //  - 2n backslashes before a double quote give n backslashes, and the quote opens or
    //    closes; 2n+1 give n backslashes and a literal quote; backslashes elsewhere are literal;
    //  - every other character is ordinary: single quotes group nothing, and $, `, ;, |, *, ~
    //    are passed as they are (no shell sees the text).
    static QStringList splitArguments(QStringView text);
    // Empty when available; otherwise a translated sentence saying what is missing and how to
    // install it on Debian, or what to put in the package instead.
    QString unavailableReason() const;

    // The host for a script file name (by extension, ignoring case), nullptr when none runs it.
    static const ScriptRunner* forFileName(const QString& fileName);
    static const ScriptRunner* forKind(Kind kind);
    // Every host, in Kudu's order of preference.
    static QList<const ScriptRunner*> all();

    // Folders searched for interpreters instead of the PATH environment variable; an empty list
    // restores PATH. Meant for tests.
    static void setSearchPaths(const QStringList& paths);
    static QStringList searchPaths();

private:
    explicit ScriptRunner(Kind kind)
        : m_kind(kind)
    { }

    QStringList programNames() const;

    Kind m_kind;
};

} // namespace WebJobs
