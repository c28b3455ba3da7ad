// Script discovery (kudu-webjobs-api.md §4.2, §4.3): the script directory, Kudu's selection
// order, and our two availability passes.

#include "core/package/ScriptDiscovery.h"
#include "core/package/ScriptRunner.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using WebJobs::ScriptDiscovery;
using WebJobs::ScriptRunner;

namespace {

const QStringList KuduOrderFiles = {u"run.cmd"_s, u"run.bat"_s, u"run.exe"_s, u"run.ps1"_s, u"run.sh"_s, u"run.js"_s,
    u"go.cmd"_s, u"do.bat"_s, u"console.exe"_s, u"execute.ps1"_s, u"invoke.sh"_s, u"execute.js"_s};

// Creates `paths` under `root`: a path ending in '/' is a folder, any other a file.
bool createLayout(const QString& root, const QStringList& paths)
{
    for (const QString& path : paths) {
        const QString full = QDir(root).filePath(path);
        if (path.endsWith(u'/')) {
            if (!QDir().mkpath(full))
                return false;
            continue;
        }
        if (!QDir().mkpath(QFileInfo(full).path()))
            return false;
        QFile file(full);
        if (!file.open(QIODevice::WriteOnly))
            return false;
        file.write("echo hello\n");
    }
    return true;
}

bool makeFakeExecutable(const QString& directory, const QString& name)
{
    QFile file(QDir(directory).filePath(name));
    if (!file.open(QIODevice::WriteOnly))
        return false;
    file.write("#!/bin/sh\nexit 0\n");
    file.close();
    return file.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
}

} // namespace

class TestScriptDiscovery : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup();
    void scriptDirectory_data();
    void scriptDirectory();
    void settingsAndDisableFilesLiveInScriptDirectory();
    void kuduSelectionOrder();
    void selectionOrderWithInstalledInterpreters_data();
    void selectionOrderWithInstalledInterpreters();
    void select_data();
    void select();
    void innerFolderGivesRelativeRunCommand();
    void noRunnableScript_data();
    void noRunnableScript();
};

void TestScriptDiscovery::cleanup()
{
    ScriptRunner::setSearchPaths({});
}

void TestScriptDiscovery::scriptDirectory_data()
{
    QTest::addColumn<QStringList>("layout");
    QTest::addColumn<QString>("expected");

    QTest::newRow("files at the top") << QStringList {u"run.sh"_s, u"lib.sh"_s} << QString();
    QTest::newRow("one top folder") << QStringList {u"inner/run.sh"_s} << u"inner"_s;
    QTest::newRow("nested single folders") << QStringList {u"a/b/c/run.py"_s} << u"a/b/c"_s;
    QTest::newRow("stops where a folder has two entries") << QStringList {u"a/run.sh"_s, u"a/b/x.txt"_s} << u"a"_s;
    QTest::newRow("a file next to the folder") << QStringList {u"inner/run.sh"_s, u"readme.txt"_s} << QString();
    QTest::newRow("a hidden file counts as an entry") << QStringList {u"inner/run.sh"_s, u".DS_Store"_s} << QString();
    QTest::newRow("two folders") << QStringList {u"a/run.sh"_s, u"b/run.sh"_s} << QString();
    QTest::newRow("single empty folder") << QStringList {u"empty/"_s} << u"empty"_s;
    QTest::newRow("empty job folder") << QStringList {} << QString();
}

void TestScriptDiscovery::scriptDirectory()
{
    QFETCH(QStringList, layout);
    QFETCH(QString, expected);

    QTemporaryDir job;
    QVERIFY(job.isValid());
    QVERIFY(createLayout(job.path(), layout));
    const QString expectedPath = expected.isEmpty() ? QDir(job.path()).absolutePath() : job.filePath(expected);
    QCOMPARE(ScriptDiscovery::scriptDirectory(job.path()), expectedPath);
}

void TestScriptDiscovery::settingsAndDisableFilesLiveInScriptDirectory()
{
    QTemporaryDir job;
    QVERIFY(job.isValid());
    QVERIFY(createLayout(job.path(), {u"inner/run.sh"_s}));
    QCOMPARE(ScriptDiscovery::settingsPath(job.path()), job.filePath(u"inner/settings.job"_s));
    QCOMPARE(ScriptDiscovery::disablePath(job.path()), job.filePath(u"inner/disable.job"_s));

    // Once settings.job exists, inner/ still has more than one entry... and the job folder one.
    QVERIFY(createLayout(job.path(), {u"inner/settings.job"_s}));
    QCOMPARE(ScriptDiscovery::settingsPath(job.path()), job.filePath(u"inner/settings.job"_s));
}

// Kudu's JobsScriptsShouldBeChosenByOrder: with every host usable, removing the chosen file each
// time yields exactly this order.
void TestScriptDiscovery::kuduSelectionOrder()
{
    QStringList remaining = KuduOrderFiles;
    std::sort(remaining.begin(), remaining.end());
    QStringList chosen;
    while (!remaining.isEmpty()) {
        const QString next = ScriptDiscovery::selectFileName(remaining, [](const ScriptRunner&) { return true; });
        QVERIFY(!next.isEmpty());
        chosen << next;
        remaining.removeOne(next);
    }
    QCOMPARE(chosen, KuduOrderFiles);
}

void TestScriptDiscovery::selectionOrderWithInstalledInterpreters_data()
{
    QTest::addColumn<QStringList>("installed");
    QTest::addColumn<QStringList>("expected");

    // Installed hosts first (Kudu's order among them), then the rest in Kudu's order, so that a job
    // whose only scripts cannot run here is still found.
    QTest::newRow("every Linux interpreter")
        << QStringList {u"pwsh"_s, u"bash"_s, u"python3"_s, u"php"_s, u"node"_s}
        << QStringList {u"run.ps1"_s, u"run.sh"_s, u"run.js"_s, u"execute.ps1"_s, u"invoke.sh"_s, u"execute.js"_s,
               u"run.cmd"_s, u"run.bat"_s, u"run.exe"_s, u"go.cmd"_s, u"do.bat"_s, u"console.exe"_s};
    QTest::newRow("bash and node") << QStringList {u"bash"_s, u"node"_s}
                                   << QStringList {u"run.sh"_s, u"run.js"_s, u"invoke.sh"_s, u"execute.js"_s,
                                          u"run.cmd"_s, u"run.bat"_s, u"run.exe"_s, u"run.ps1"_s, u"go.cmd"_s,
                                          u"do.bat"_s, u"console.exe"_s, u"execute.ps1"_s};
    QTest::newRow("bash only") << QStringList {u"bash"_s}
                               << QStringList {u"run.sh"_s, u"invoke.sh"_s, u"run.cmd"_s, u"run.bat"_s, u"run.exe"_s,
                                      u"run.ps1"_s, u"run.js"_s, u"go.cmd"_s, u"do.bat"_s, u"console.exe"_s,
                                      u"execute.ps1"_s, u"execute.js"_s};
    QTest::newRow("nothing installed") << QStringList {} << KuduOrderFiles;
}

void TestScriptDiscovery::selectionOrderWithInstalledInterpreters()
{
    QFETCH(QStringList, installed);
    QFETCH(QStringList, expected);

    QTemporaryDir bin;
    QVERIFY(bin.isValid());
    for (const QString& name : installed)
        QVERIFY(makeFakeExecutable(bin.path(), name));
    ScriptRunner::setSearchPaths({bin.path()});

    QTemporaryDir job;
    QVERIFY(job.isValid());
    QVERIFY(createLayout(job.path(), KuduOrderFiles));
    QStringList chosen;
    for (int i = 0; i < KuduOrderFiles.size(); ++i) {
        QString error;
        const auto script = ScriptDiscovery::find(job.path(), &error);
        QVERIFY2(script, qPrintable(error));
        QCOMPARE(script->runner, ScriptRunner::forFileName(script->runCommand));
        chosen << script->runCommand;
        QVERIFY(QFile::remove(script->scriptPath));
    }
    QCOMPARE(chosen, expected);
    QVERIFY(!ScriptDiscovery::find(job.path()));
}

void TestScriptDiscovery::select_data()
{
    QTest::addColumn<QStringList>("files");
    QTest::addColumn<QString>("expected");

    QTest::newRow("run.* is case-insensitive") << QStringList {u"a.sh"_s, u"RUN.SH"_s} << u"RUN.SH"_s;
    QTest::newRow("extension is case-insensitive") << QStringList {u"job.PY"_s, u"notes.txt"_s} << u"job.PY"_s;
    QTest::newRow("run.js beats go.cmd") << QStringList {u"go.cmd"_s, u"Run.Js"_s} << u"Run.Js"_s;
    QTest::newRow("fallback is the first name") << QStringList {u"a.sh"_s, u"b.sh"_s} << u"a.sh"_s;
    QTest::newRow("fallback follows host order") << QStringList {u"a.py"_s, u"z.sh"_s} << u"z.sh"_s;
    QTest::newRow("py before php") << QStringList {u"a.php"_s, u"b.py"_s} << u"b.py"_s;
    QTest::newRow("cmd before bat within a host") << QStringList {u"a.bat"_s, u"b.cmd"_s} << u"b.cmd"_s;
    QTest::newRow("no candidate") << QStringList {u"readme.txt"_s, u"settings.job"_s} << QString();
    QTest::newRow("run without extension") << QStringList {u"run"_s, u"runsh"_s} << QString();
}

void TestScriptDiscovery::select()
{
    QFETCH(QStringList, files);
    QFETCH(QString, expected);

    QCOMPARE(ScriptDiscovery::selectFileName(files, [](const ScriptRunner&) { return true; }), expected);
}

void TestScriptDiscovery::innerFolderGivesRelativeRunCommand()
{
    QTemporaryDir job;
    QVERIFY(job.isValid());
    QVERIFY(createLayout(job.path(), {u"inner/run.sh"_s, u"inner/test.sh"_s}));

    const auto script = ScriptDiscovery::find(job.path());
    QVERIFY(script);
    QCOMPARE(script->runCommand, u"inner/run.sh"_s);
    QCOMPARE(script->scriptDirectory, job.filePath(u"inner"_s));
    QCOMPARE(script->scriptPath, job.filePath(u"inner/run.sh"_s));
    QVERIFY(QFileInfo(script->scriptPath).isAbsolute());
    QCOMPARE(script->runner->name(), u"BashScriptHost"_s);
}

void TestScriptDiscovery::noRunnableScript_data()
{
    QTest::addColumn<QStringList>("layout");

    QTest::newRow("empty folder") << QStringList {};
    QTest::newRow("only data files") << QStringList {u"readme.txt"_s, u"settings.job"_s};
    QTest::newRow("script below the script directory") << QStringList {u"lib/run.sh"_s, u"readme.txt"_s};
    QTest::newRow("folder named like a script") << QStringList {u"run.sh/"_s, u"notes.txt"_s};
}

void TestScriptDiscovery::noRunnableScript()
{
    QFETCH(QStringList, layout);

    QTemporaryDir job;
    QVERIFY(job.isValid());
    QVERIFY(createLayout(job.path(), layout));
    QString error;
    QVERIFY(!ScriptDiscovery::find(job.path(), &error));
    QCOMPARE(error, u"No runnable script file was found."_s);
    QVERIFY(ScriptDiscovery::noRunnableScriptHint().contains(u"run.sh"_s));
}

QTEST_GUILESS_MAIN(TestScriptDiscovery)
#include "TestScriptDiscovery.moc"
