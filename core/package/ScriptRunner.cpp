#include "core/package/ScriptRunner.h"

#include <QMutex>
#include <QMutexLocker>
#include <QStandardPaths>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace WebJobs {

namespace {

QMutex& searchPathsMutex()
{
    static QMutex mutex;
    return mutex;
}

QStringList& searchPathsOverride()
{
    static QStringList paths;
    return paths;
}

} // namespace

QString ScriptRunner::name() const
{
    switch (m_kind) {
    case Kind::Windows:
        return u"WindowsScriptHost"_s;
    case Kind::PowerShell:
        return u"PowerShellScriptHost"_s;
    case Kind::Bash:
        return u"BashScriptHost"_s;
    case Kind::Python:
        return u"PythonScriptHost"_s;
    case Kind::Php:
        return u"PhpScriptHost"_s;
    case Kind::Node:
        return u"NodeScriptHost"_s;
    }
    return {};
}

QStringList ScriptRunner::extensions() const
{
    switch (m_kind) {
    case Kind::Windows:
        return {u".cmd"_s, u".bat"_s, u".exe"_s};
    case Kind::PowerShell:
        return {u".ps1"_s};
    case Kind::Bash:
        return {u".sh"_s};
    case Kind::Python:
        return {u".py"_s};
    case Kind::Php:
        return {u".php"_s};
    case Kind::Node:
        return {u".js"_s};
    }
    return {};
}

bool ScriptRunner::handles(const QString& fileName) const
{
    const QStringList own = extensions();
    return std::any_of(own.cbegin(), own.cend(),
        [&fileName](const QString& extension) { return fileName.endsWith(extension, Qt::CaseInsensitive); });
}

QStringList ScriptRunner::programNames() const
{
    switch (m_kind) {
    case Kind::Windows:
#ifdef Q_OS_WIN
        return {u"cmd"_s};
#else
        return {};
#endif
    case Kind::PowerShell:
#ifdef Q_OS_WIN
        return {u"pwsh"_s, u"powershell"_s};
#else
        return {u"pwsh"_s};
#endif
    case Kind::Bash:
        return {u"bash"_s};
    case Kind::Python:
#ifdef Q_OS_WIN
        return {u"python"_s};
#else
        return {u"python3"_s};
#endif
    case Kind::Php:
        return {u"php"_s};
    case Kind::Node:
        return {u"node"_s, u"nodejs"_s};
    }
    return {};
}

QString ScriptRunner::program() const
{
    const QStringList paths = searchPaths();
    for (const QString& candidate : programNames()) {
        const QString path = QStandardPaths::findExecutable(candidate, paths);
        if (!path.isEmpty())
            return path;
    }
    return {};
}

QStringList ScriptRunner::arguments(const QString& scriptFileName, const QString& argumentsText) const
{
    QStringList result;
    switch (m_kind) {
    case Kind::Windows:
        result << u"/c"_s;
        break;
    case Kind::PowerShell:
        result << u"-NoProfile"_s << u"-ExecutionPolicy"_s << u"RemoteSigned"_s << u"-File"_s;
        break;
    case Kind::Bash:
    case Kind::Python:
    case Kind::Php:
    case Kind::Node:
        break;
    }
    result << scriptFileName;
    result << splitArguments(argumentsText);
    return result;
}

QStringList ScriptRunner::splitArguments(QStringView text)
{
    // Written after .NET's Process.ParseArgumentsIntoList (Process.Unix.cs), which Kudu's
    // command lines go through; the cases are in tests/package/TestScriptRunner.cpp.
    const auto isBlank = [](QChar c) { return c == u' ' || c == u'\t'; };
    QStringList result;
    const qsizetype size = text.size();
    qsizetype i = 0;
    while (true) {
        while (i < size && isBlank(text[i]))
            ++i;
        if (i == size)
            break;
        QString argument;
        bool quoted = false;
        while (i < size) {
            qsizetype backslashes = 0;
            while (i < size && text[i] == u'\\') {
                ++i;
                ++backslashes;
            }
            if (backslashes > 0) {
                if (i < size && text[i] == u'"') {
                    argument += QString(backslashes / 2, u'\\');
                    if (backslashes % 2 != 0) {
                        argument += u'"';
                        ++i;
                    }
                } else {
                    argument += QString(backslashes, u'\\');
                }
                continue;
            }
            const QChar c = text[i];
            if (c == u'"') {
                if (quoted && i + 1 < size && text[i + 1] == u'"') {
                    argument += u'"';
                    ++i;
                } else {
                    quoted = !quoted;
                }
                ++i;
                continue;
            }
            if (!quoted && isBlank(c))
                break;
            argument += c;
            ++i;
        }
        result.append(argument);
    }
    return result;
}

QString ScriptRunner::unavailableReason() const
{
    if (isAvailable())
        return {};
    switch (m_kind) {
    case Kind::Windows:
        return tr(".cmd, .bat and .exe scripts run only on Windows: add a run.sh (or a run.py, run.js, run.php or "
                  "run.ps1) script to the package to run this job on this machine.");
    case Kind::PowerShell:
        return tr("PowerShell is not installed on this machine: install the \"powershell\" package from Microsoft's "
                  "Debian repository (it provides the pwsh command).");
    case Kind::Bash:
        return tr("Bash is not installed on this machine: install it with \"sudo apt-get install bash\".");
    case Kind::Python:
        return tr("Python 3 is not installed on this machine: install it with \"sudo apt-get install python3\".");
    case Kind::Php:
        return tr("PHP is not installed on this machine: install it with \"sudo apt-get install php-cli\".");
    case Kind::Node:
        return tr("Node.js is not installed on this machine: install it with \"sudo apt-get install nodejs\".");
    }
    return {};
}

const ScriptRunner* ScriptRunner::forFileName(const QString& fileName)
{
    for (const ScriptRunner* runner : all()) {
        if (runner->handles(fileName))
            return runner;
    }
    return nullptr;
}

const ScriptRunner* ScriptRunner::forKind(Kind kind)
{
    for (const ScriptRunner* runner : all()) {
        if (runner->kind() == kind)
            return runner;
    }
    return nullptr;
}

QList<const ScriptRunner*> ScriptRunner::all()
{
    static const ScriptRunner runners[] = {
        ScriptRunner(Kind::Windows),
        ScriptRunner(Kind::PowerShell),
        ScriptRunner(Kind::Bash),
        ScriptRunner(Kind::Python),
        ScriptRunner(Kind::Php),
        ScriptRunner(Kind::Node),
    };
    QList<const ScriptRunner*> result;
    for (const ScriptRunner& runner : runners)
        result << &runner;
    return result;
}

void ScriptRunner::setSearchPaths(const QStringList& paths)
{
    const QMutexLocker locker(&searchPathsMutex());
    searchPathsOverride() = paths;
}

QStringList ScriptRunner::searchPaths()
{
    const QMutexLocker locker(&searchPathsMutex());
    return searchPathsOverride();
}

} // namespace WebJobs
