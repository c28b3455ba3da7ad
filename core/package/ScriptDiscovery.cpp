#include "core/package/ScriptDiscovery.h"

#include "core/package/ScriptRunner.h"

#include <QDir>
#include <QFileInfo>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace WebJobs {

namespace {

// Guards against a pathological chain of nested single folders.
constexpr int MaxScriptDirectoryDepth = 64;

QStringList sortedFileNames(const QString& directory)
{
    QStringList names = QDir(directory).entryList(QDir::Files | QDir::Hidden | QDir::System, QDir::NoSort);
    std::sort(names.begin(), names.end(),
        [](const QString& left, const QString& right) { return left.compare(right, Qt::CaseSensitive) < 0; });
    return names;
}

} // namespace

QString ScriptDiscovery::scriptDirectory(const QString& jobDir)
{
    QString current = QDir::cleanPath(QFileInfo(jobDir).absoluteFilePath());
    for (int depth = 0; depth < MaxScriptDirectoryDepth; ++depth) {
        const QFileInfoList entries = QDir(current).entryInfoList(
            QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System, QDir::NoSort);
        if (entries.size() != 1 || !entries.front().isDir() || entries.front().isSymLink())
            break;
        current = entries.front().absoluteFilePath();
    }
    return current;
}

QString ScriptDiscovery::settingsPath(const QString& jobDir)
{
    return scriptDirectory(jobDir) + u"/settings.job"_s;
}

QString ScriptDiscovery::disablePath(const QString& jobDir)
{
    return scriptDirectory(jobDir) + u"/disable.job"_s;
}

QString ScriptDiscovery::selectFileName(
    const QStringList& fileNames, const std::function<bool(const ScriptRunner&)>& usable)
{
    QString fallback;
    for (const ScriptRunner* runner : ScriptRunner::all()) {
        if (!usable(*runner))
            continue;
        for (const QString& extension : runner->extensions()) {
            const QString runName = u"run"_s + extension;
            for (const QString& fileName : fileNames) {
                if (!fileName.endsWith(extension, Qt::CaseInsensitive))
                    continue;
                if (fileName.compare(runName, Qt::CaseInsensitive) == 0)
                    return fileName;
                if (fallback.isEmpty())
                    fallback = fileName;
            }
        }
    }
    return fallback;
}

std::optional<ScriptDiscovery::Script> ScriptDiscovery::find(const QString& jobDir, QString* error)
{
    const QString directory = scriptDirectory(jobDir);
    const QStringList fileNames = sortedFileNames(directory);

    QString chosen = selectFileName(fileNames, [](const ScriptRunner& runner) { return runner.isAvailable(); });
    if (chosen.isEmpty())
        chosen = selectFileName(fileNames, [](const ScriptRunner&) { return true; });
    if (chosen.isEmpty()) {
        if (error)
            *error = noRunnableScriptError();
        return std::nullopt;
    }

    Script script;
    script.scriptDirectory = directory;
    script.scriptPath = directory + u'/' + chosen;
    script.runCommand = QDir(QFileInfo(jobDir).absoluteFilePath()).relativeFilePath(script.scriptPath);
    script.runner = ScriptRunner::forFileName(chosen);
    return script;
}

QString ScriptDiscovery::noRunnableScriptError()
{
    return u"No runnable script file was found."_s;
}

QString ScriptDiscovery::noRunnableScriptHint()
{
    return tr("No runnable script file was found: put a script named run.sh, run.py, run.js, run.php, run.ps1, "
              "run.cmd, run.bat or run.exe at the top of the package (or in its only folder), or any file with one "
              "of these extensions.");
}

} // namespace WebJobs
