// The script hosts of kudu-webjobs-api.md §4.3/§4.4: their order, extensions, interpreters,
// command lines (proved by running a real script with each installed interpreter) and the
// message given when an interpreter is missing.

#include "core/package/ScriptRunner.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using WebJobs::ScriptRunner;

Q_DECLARE_METATYPE(ScriptRunner::Kind)

namespace {

// Creates an executable file named `name` in `directory`.
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

class TestScriptRunner : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup();
    void hostsInKuduOrder();
    void forFileName_data();
    void forFileName();
    void commandLine_data();
    void commandLine();
    void argumentsSplitAsKuduDoes_data();
    void argumentsSplitAsKuduDoes();
    void programFoundOnSearchPath_data();
    void programFoundOnSearchPath();
    void missingInterpreter_data();
    void missingInterpreter();
    void windowsScriptsNeedWindows();
    void runsRealScript_data();
    void runsRealScript();
};

void TestScriptRunner::cleanup()
{
    ScriptRunner::setSearchPaths({});
}

void TestScriptRunner::hostsInKuduOrder()
{
    QStringList names;
    QStringList extensions;
    for (const ScriptRunner* runner : ScriptRunner::all()) {
        names << runner->name();
        extensions << runner->extensions().join(u' ');
    }
    QCOMPARE(names,
        QStringList({u"WindowsScriptHost"_s, u"PowerShellScriptHost"_s, u"BashScriptHost"_s, u"PythonScriptHost"_s,
            u"PhpScriptHost"_s, u"NodeScriptHost"_s}));
    QCOMPARE(extensions, QStringList({u".cmd .bat .exe"_s, u".ps1"_s, u".sh"_s, u".py"_s, u".php"_s, u".js"_s}));
}

void TestScriptRunner::forFileName_data()
{
    QTest::addColumn<QString>("fileName");
    QTest::addColumn<QString>("host");

    QTest::newRow("run.cmd") << u"run.cmd"_s << u"WindowsScriptHost"_s;
    QTest::newRow("upper-case .BAT") << u"SETUP.BAT"_s << u"WindowsScriptHost"_s;
    QTest::newRow("exe") << u"ConsoleWorker.exe"_s << u"WindowsScriptHost"_s;
    QTest::newRow("ps1") << u"execute.ps1"_s << u"PowerShellScriptHost"_s;
    QTest::newRow("sh") << u"run.sh"_s << u"BashScriptHost"_s;
    QTest::newRow("mixed-case .Sh") << u"Invoke.Sh"_s << u"BashScriptHost"_s;
    QTest::newRow("py") << u"job.py"_s << u"PythonScriptHost"_s;
    QTest::newRow("php") << u"index.php"_s << u"PhpScriptHost"_s;
    QTest::newRow("js") << u"server.js"_s << u"NodeScriptHost"_s;
    QTest::newRow("name with spaces and accents")
        << u"Job file with long name and accents \u00e0\u00e9\u00e8.cmd"_s << u"WindowsScriptHost"_s;
    QTest::newRow("text file") << u"readme.txt"_s << QString();
    QTest::newRow("extension only as part") << u"run.sh.txt"_s << QString();
    QTest::newRow("no dot") << u"sh"_s << QString();
    QTest::newRow("settings.job") << u"settings.job"_s << QString();
    QTest::newRow("jar (not a Kudu host)") << u"app.jar"_s << QString();
}

void TestScriptRunner::forFileName()
{
    QFETCH(QString, fileName);
    QFETCH(QString, host);

    const ScriptRunner* runner = ScriptRunner::forFileName(fileName);
    QCOMPARE(runner ? runner->name() : QString(), host);
}

void TestScriptRunner::commandLine_data()
{
    QTest::addColumn<ScriptRunner::Kind>("kind");
    QTest::addColumn<QString>("script");
    QTest::addColumn<QString>("argumentsText");
    QTest::addColumn<QStringList>("expected");

    const QString twoArguments = u"\"first arg\" \"second arg\""_s;
    const QStringList split = {u"first arg"_s, u"second arg"_s};
    QTest::newRow("cmd") << ScriptRunner::Kind::Windows << u"run.cmd"_s << twoArguments
                         << (QStringList {u"/c"_s, u"run.cmd"_s} + split);
    QTest::newRow("pwsh")
        << ScriptRunner::Kind::PowerShell << u"run.ps1"_s << twoArguments
        << (QStringList {u"-NoProfile"_s, u"-ExecutionPolicy"_s, u"RemoteSigned"_s, u"-File"_s, u"run.ps1"_s} + split);
    QTest::newRow("bash") << ScriptRunner::Kind::Bash << u"run.sh"_s << twoArguments
                          << (QStringList {u"run.sh"_s} + split);
    QTest::newRow("python") << ScriptRunner::Kind::Python << u"run.py"_s << twoArguments
                            << (QStringList {u"run.py"_s} + split);
    QTest::newRow("php") << ScriptRunner::Kind::Php << u"run.php"_s << twoArguments
                         << (QStringList {u"run.php"_s} + split);
    QTest::newRow("node") << ScriptRunner::Kind::Node << u"run.js"_s << twoArguments
                          << (QStringList {u"run.js"_s} + split);
    QTest::newRow("no arguments") << ScriptRunner::Kind::Bash << u"run.sh"_s << QString() << QStringList {u"run.sh"_s};
    QTest::newRow("plain words") << ScriptRunner::Kind::Bash << u"run.sh"_s << u"test arguments"_s
                                 << QStringList {u"run.sh"_s, u"test"_s, u"arguments"_s};
    QTest::newRow("script name with spaces")
        << ScriptRunner::Kind::Python << u"my job.py"_s << u"-v"_s << QStringList {u"my job.py"_s, u"-v"_s};
    // Inside quotes, two double quotes make one literal quote.
    QTest::newRow("literal quotes") << ScriptRunner::Kind::Node << u"run.js"_s << u"\"say \"\"\"hi\"\"\"\" x"_s
                                    << QStringList {u"run.js"_s, u"say \"hi\""_s, u"x"_s};
    QTest::newRow("tabs and repeated spaces") << ScriptRunner::Kind::Bash << u"run.sh"_s << u"a\t b   c"_s
                                              << QStringList {u"run.sh"_s, u"a"_s, u"b"_s, u"c"_s};
}

void TestScriptRunner::commandLine()
{
    QFETCH(ScriptRunner::Kind, kind);
    QFETCH(QString, script);
    QFETCH(QString, argumentsText);
    QFETCH(QStringList, expected);

    QCOMPARE(ScriptRunner::forKind(kind)->arguments(script, argumentsText), expected);
}

// The argv a job sees for Kudu's raw `arguments` text: Kudu appends the text to the script's
// command line, which .NET (Process.Start; the C runtime's rules on Windows) splits: spaces and
// tabs separate, double quotes group, 2n backslashes before a quote give n backslashes and the
// quote delimits, 2n+1 give n backslashes and a literal quote, other backslashes are literal,
// and everything else, single quotes and shell metacharacters included, is an ordinary
// character.
void TestScriptRunner::argumentsSplitAsKuduDoes_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("expected");

    const auto row = [](const char* name, const QString& text, const QStringList& expected) {
        QTest::newRow(name) << text << expected;
    };
    row("nothing", QString(), {});
    row("only blanks", u" \t  "_s, {});
    row("spaces and tabs separate", u"  a\tb   c "_s, {u"a"_s, u"b"_s, u"c"_s});
    row("a newline is an ordinary character", u"a\nb c"_s, {u"a\nb"_s, u"c"_s});
    row("single quotes are ordinary characters", u"a 'b c'"_s, {u"a"_s, u"'b"_s, u"c'"_s});
    row("single quotes keep nothing together", u"'it''s here'"_s, {u"'it''s"_s, u"here'"_s});
    row("double quotes group", u"\"a b\" c"_s, {u"a b"_s, u"c"_s});
    row("double quotes inside a word", u"a\"b c\"d e"_s, {u"ab cd"_s, u"e"_s});
    row("empty double quotes are an empty argument", u"a \"\" b"_s, {u"a"_s, QString(), u"b"_s});
    row("only empty double quotes", u"\"\""_s, {QString()});
    row("an open quote runs to the end", u"\"a b  c"_s, {u"a b  c"_s});
    row("two quotes inside quotes are one literal quote", u"\"a \"\"b\"\" c\" d"_s, {u"a \"b\" c"_s, u"d"_s});
    row("four quotes are one literal quote", u"\"\"\"\""_s, {u"\""_s});
    row("three quotes open a quoted literal quote", u"\"\"\"a b\""_s, {u"\"a b"_s});
    row("two quotes outside quotes are nothing", u"a\"\"b"_s, {u"ab"_s});
    row("a backslash before a letter is literal", u"a\\b c\\\\d"_s, {u"a\\b"_s, u"c\\\\d"_s});
    row("trailing backslashes are literal", u"C:\\dir\\ x\\\\"_s, {u"C:\\dir\\"_s, u"x\\\\"_s});
    row("a backslash makes a quote literal", u"\\\"a b\\\""_s, {u"\"a"_s, u"b\""_s});
    row("two backslashes and a quote: one backslash, the quote delimits", u"\\\\\"a b\""_s, {u"\\a b"_s});
    row("three backslashes and a quote: one backslash and a literal quote", u"\\\\\\\"a b"_s, {u"\\\"a"_s, u"b"_s});
    row("four backslashes and a quote: two backslashes, the quote delimits", u"\\\\\\\\\"a b\""_s, {u"\\\\a b"_s});
    row("an escaped quote inside quotes", u"\"a \\\"b\\\" c\" d"_s, {u"a \"b\" c"_s, u"d"_s});
    row("a folder in quotes ending in a backslash", u"\"C:\\dir\\\\\" x"_s, {u"C:\\dir\\"_s, u"x"_s});
    row("a single backslash before the closing quote escapes it", u"\"C:\\dir\\\" x"_s, {u"C:\\dir\" x"_s});
    row("shell separators are literal", u"a; rm -rf / && b | c > d"_s,
        {u"a;"_s, u"rm"_s, u"-rf"_s, u"/"_s, u"&&"_s, u"b"_s, u"|"_s, u"c"_s, u">"_s, u"d"_s});
    row("variables are not expanded", u"$HOME ${PATH} \"$HOME\""_s, {u"$HOME"_s, u"${PATH}"_s, u"$HOME"_s});
    row("backticks and $() are not run", u"`id` $(id)"_s, {u"`id`"_s, u"$(id)"_s});
    row("globs are not expanded", u"* ~ ?.txt"_s, {u"*"_s, u"~"_s, u"?.txt"_s});
    row("non-ASCII text", u"\"café crème\" été"_s, {u"café crème"_s, u"été"_s});
}

void TestScriptRunner::argumentsSplitAsKuduDoes()
{
    QFETCH(QString, text);
    QFETCH(QStringList, expected);

    const QStringList argv = ScriptRunner::forKind(ScriptRunner::Kind::Bash)->arguments(u"run.sh"_s, text);
    QCOMPARE(argv.value(0), u"run.sh"_s);
    QCOMPARE(argv.mid(1), expected);
}

void TestScriptRunner::programFoundOnSearchPath_data()
{
    QTest::addColumn<ScriptRunner::Kind>("kind");
    QTest::addColumn<QString>("executable");

    QTest::newRow("pwsh") << ScriptRunner::Kind::PowerShell << u"pwsh"_s;
    QTest::newRow("bash") << ScriptRunner::Kind::Bash << u"bash"_s;
    QTest::newRow("python3") << ScriptRunner::Kind::Python << u"python3"_s;
    QTest::newRow("php") << ScriptRunner::Kind::Php << u"php"_s;
    QTest::newRow("node") << ScriptRunner::Kind::Node << u"node"_s;
    QTest::newRow("nodejs (Debian's older name)") << ScriptRunner::Kind::Node << u"nodejs"_s;
}

void TestScriptRunner::programFoundOnSearchPath()
{
    QFETCH(ScriptRunner::Kind, kind);
    QFETCH(QString, executable);

    QTemporaryDir bin;
    QVERIFY(bin.isValid());
    QVERIFY(makeFakeExecutable(bin.path(), executable));
    ScriptRunner::setSearchPaths({bin.path()});
    QCOMPARE(ScriptRunner::searchPaths(), QStringList {bin.path()});

    const ScriptRunner* runner = ScriptRunner::forKind(kind);
    QVERIFY(runner->isAvailable());
    QCOMPARE(runner->program(), QDir(bin.path()).filePath(executable));
    QVERIFY(runner->unavailableReason().isEmpty());
}

void TestScriptRunner::missingInterpreter_data()
{
    QTest::addColumn<ScriptRunner::Kind>("kind");
    QTest::addColumn<QStringList>("ownExecutables");
    QTest::addColumn<QString>("reason");

    QTest::newRow("pwsh") << ScriptRunner::Kind::PowerShell << QStringList {u"pwsh"_s}
                          << u"PowerShell is not installed on this machine: install the \"powershell\" package from "
                             "Microsoft's Debian repository (it provides the pwsh command)."_s;
    QTest::newRow("bash") << ScriptRunner::Kind::Bash << QStringList {u"bash"_s}
                          << u"Bash is not installed on this machine: install it with \"sudo apt-get install bash\"."_s;
    QTest::newRow("python3") << ScriptRunner::Kind::Python << QStringList {u"python3"_s}
                             << u"Python 3 is not installed on this machine: install it with \"sudo apt-get install "
                                "python3\"."_s;
    QTest::newRow("php")
        << ScriptRunner::Kind::Php << QStringList {u"php"_s}
        << u"PHP is not installed on this machine: install it with \"sudo apt-get install php-cli\"."_s;
    QTest::newRow("node") << ScriptRunner::Kind::Node << QStringList {u"node"_s, u"nodejs"_s}
                          << u"Node.js is not installed on this machine: install it with \"sudo apt-get install "
                             "nodejs\"."_s;
}

void TestScriptRunner::missingInterpreter()
{
    QFETCH(ScriptRunner::Kind, kind);
    QFETCH(QStringList, ownExecutables);
    QFETCH(QString, reason);

    // A folder holding every interpreter except those of the runner under test.
    QTemporaryDir bin;
    QVERIFY(bin.isValid());
    const ScriptRunner* runner = ScriptRunner::forKind(kind);
    for (const QString& name : {u"pwsh"_s, u"bash"_s, u"python3"_s, u"php"_s, u"node"_s, u"nodejs"_s}) {
        if (!ownExecutables.contains(name))
            QVERIFY(makeFakeExecutable(bin.path(), name));
    }
    ScriptRunner::setSearchPaths({bin.path()});

    QVERIFY(!runner->isAvailable());
    QVERIFY(runner->program().isEmpty());
    QCOMPARE(runner->unavailableReason(), reason);
    // The others are still found.
    for (const ScriptRunner* other : ScriptRunner::all()) {
        if (other != runner && other->kind() != ScriptRunner::Kind::Windows)
            QVERIFY2(other->isAvailable(), qPrintable(other->name()));
    }
}

void TestScriptRunner::windowsScriptsNeedWindows()
{
#ifdef Q_OS_WIN
    QSKIP("Windows runs .cmd scripts with cmd.exe");
#else
    // Even a program named cmd does not make .cmd scripts runnable here.
    QTemporaryDir bin;
    QVERIFY(bin.isValid());
    QVERIFY(makeFakeExecutable(bin.path(), u"cmd"_s));
    ScriptRunner::setSearchPaths({bin.path()});

    const ScriptRunner* runner = ScriptRunner::forKind(ScriptRunner::Kind::Windows);
    QVERIFY(!runner->isAvailable());
    QVERIFY(runner->program().isEmpty());
    QCOMPARE(runner->unavailableReason(),
        u".cmd, .bat and .exe scripts run only on Windows: add a run.sh (or a run.py, run.js, run.php or run.ps1) "
        "script to the package to run this job on this machine."_s);
#endif
}

void TestScriptRunner::runsRealScript_data()
{
    QTest::addColumn<ScriptRunner::Kind>("kind");
    QTest::addColumn<QString>("fileName");
    QTest::addColumn<QByteArray>("source");

    // Each script prints its arguments, one a line.
    QTest::newRow("bash") << ScriptRunner::Kind::Bash << u"run.sh"_s
                          << QByteArray("for a in \"$@\"; do echo \"$a\"; done\n");
    QTest::newRow("python3") << ScriptRunner::Kind::Python << u"run.py"_s
                             << QByteArray("import sys\nfor a in sys.argv[1:]:\n    print(a)\n");
    QTest::newRow("php") << ScriptRunner::Kind::Php << u"run.php"_s
                         << QByteArray("<?php\nforeach (array_slice($argv, 1) as $a) { echo $a, \"\\n\"; }\n");
    QTest::newRow("node") << ScriptRunner::Kind::Node << u"run.js"_s
                          << QByteArray("for (const a of process.argv.slice(2)) console.log(a);\n");
    QTest::newRow("pwsh") << ScriptRunner::Kind::PowerShell << u"run.ps1"_s
                          << QByteArray("foreach ($a in $args) { Write-Output $a }\n");
}

void TestScriptRunner::runsRealScript()
{
    QFETCH(ScriptRunner::Kind, kind);
    QFETCH(QString, fileName);
    QFETCH(QByteArray, source);

    const ScriptRunner* runner = ScriptRunner::forKind(kind);
    if (!runner->isAvailable())
        QSKIP(qPrintable(runner->unavailableReason()));

    QTemporaryDir folder;
    QVERIFY(folder.isValid());
    QFile script(folder.filePath(fileName));
    QVERIFY(script.open(QIODevice::WriteOnly));
    script.write(source);
    script.close();

    QProcess process;
    process.setWorkingDirectory(folder.path());
    process.start(runner->program(), runner->arguments(fileName, u"\"first arg\" \"second arg\" third"_s));
    QVERIFY2(process.waitForStarted(), qPrintable(process.errorString()));
    QVERIFY(process.waitForFinished(60000));
    const QString error = QString::fromUtf8(process.readAllStandardError());
    QVERIFY2(process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0, qPrintable(error));
    const QString output = QString::fromUtf8(process.readAllStandardOutput()).remove(u'\r');
    QCOMPARE(output, u"first arg\nsecond arg\nthird\n"_s);
}

QTEST_GUILESS_MAIN(TestScriptRunner)
#include "TestScriptRunner.moc"
