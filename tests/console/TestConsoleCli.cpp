// The webjobs-console program as a user runs it from a terminal: --help and --version answer
// without a display, in English and in French, and an unknown option is refused with a sentence.

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

struct Result
{
    int exitCode = -1;
    QProcess::ExitStatus exitStatus = QProcess::CrashExit;
    QString out;
    QString err;
};

enum class Display
{
    None,
    Offscreen
};

Result runConsole(const QStringList& arguments, const QString& language = u"en"_s, Display display = Display::None)
{
    // Settings in a folder of their own, so that a language chosen in the user's preferences
    // does not override LANGUAGE.
    QTemporaryDir home;
    if (!home.isValid())
        return {};
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"HOME"_s, home.path());
    environment.insert(u"XDG_CONFIG_HOME"_s, home.filePath(u"config"_s));
    environment.insert(u"XDG_DATA_HOME"_s, home.filePath(u"data"_s));
    environment.insert(u"LANGUAGE"_s, language);
    environment.insert(u"LANG"_s, language == u"fr" ? u"fr_FR.UTF-8"_s : u"en_US.UTF-8"_s);
    // A terminal without X or Wayland: QApplication aborts there, so only an answer given
    // before it exists gets through.
    environment.remove(u"DISPLAY"_s);
    environment.remove(u"WAYLAND_DISPLAY"_s);
    if (display == Display::Offscreen)
        environment.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
    else
        environment.remove(u"QT_QPA_PLATFORM"_s);

    QProcess process;
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(WEBJOBS_CONSOLE_PATH), arguments);
    if (!process.waitForStarted() || !process.waitForFinished(60000))
        return {};
    return {process.exitCode(), process.exitStatus(), QString::fromUtf8(process.readAllStandardOutput()),
        QString::fromUtf8(process.readAllStandardError())};
}

} // namespace

class TestConsoleCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void versionWithoutDisplay_data();
    void versionWithoutDisplay();
    void helpWithoutDisplay();
    void helpInFrench();
    void unknownOption();
    void connectOptionIsListedAndNeedsAValue();
};

void TestConsoleCli::versionWithoutDisplay_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("language");

    QTest::newRow("--version") << QStringList {u"--version"_s} << u"en"_s;
    QTest::newRow("-v") << QStringList {u"-v"_s} << u"en"_s;
    QTest::newRow("--version in French") << QStringList {u"--version"_s} << u"fr"_s;
    // QCommandLineParser::process() answers --version first; so does the console.
    QTest::newRow("--help --version") << QStringList {u"--help"_s, u"--version"_s} << u"en"_s;
}

void TestConsoleCli::versionWithoutDisplay()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, language);
    const Result result = runConsole(arguments, language);
    QCOMPARE(result.exitStatus, QProcess::NormalExit);
    QCOMPARE(result.exitCode, 0);
    QCOMPARE(result.out, u"webjobs-console " WEBJOBS_VERSION "\n"_s);
}

void TestConsoleCli::helpWithoutDisplay()
{
    for (const QString& option : {u"--help"_s, u"-h"_s}) {
        const Result result = runConsole({option});
        QCOMPARE(result.exitStatus, QProcess::NormalExit);
        QCOMPARE(result.exitCode, 0);
        QVERIFY2(result.out.startsWith(u"Usage: "_s), qPrintable(result.out));
        QVERIFY2(result.out.contains(u"webjobs-console [options]"_s), qPrintable(result.out));
        QVERIFY2(result.out.contains(u"WebJobs Console: adds WebJobs"_s), qPrintable(result.out));
        QVERIFY2(result.out.contains(u"--help"_s), qPrintable(result.out));
        QVERIFY2(result.out.contains(u"--version"_s), qPrintable(result.out));
    }
}

void TestConsoleCli::helpInFrench()
{
    const Result english = runConsole({u"--help"_s});
    const Result french = runConsole({u"--help"_s}, u"fr"_s);
    QCOMPARE(french.exitStatus, QProcess::NormalExit);
    QCOMPARE(french.exitCode, 0);
    // Qt's catalogue (qtbase_fr) for the usage line, ours for the description.
    QVERIFY2(french.out.startsWith(u"Utilisation : "_s), qPrintable(french.out));
    QVERIFY2(french.out.contains(u"Console WebJobs : ajoute des tâches web"_s), qPrintable(french.out));
    QVERIFY2(!french.out.contains(u"WebJobs Console: adds WebJobs"_s), qPrintable(french.out));
    QVERIFY2(french.out.contains(u"--version"_s), qPrintable(french.out));
    QVERIFY(french.out != english.out);
}

void TestConsoleCli::unknownOption()
{
    // With a (virtual) display, so that the check that follows QApplication is the one answering.
    const Result result = runConsole({u"--no-such-option"_s}, u"en"_s, Display::Offscreen);
    QCOMPARE(result.exitStatus, QProcess::NormalExit);
    QCOMPARE(result.exitCode, 1);
    QCOMPARE(result.out, QString());
    QVERIFY2(result.err.contains(u"Unknown option 'no-such-option'"_s), qPrintable(result.err));
}

void TestConsoleCli::connectOptionIsListedAndNeedsAValue()
{
    const Result help = runConsole({u"--help"_s});
    QCOMPARE(help.exitCode, 0);
    QVERIFY2(help.out.contains(u"--connect <name|url>"_s), qPrintable(help.out));
    QVERIFY2(help.out.contains(u"Opens the saved connection"_s), qPrintable(help.out));

    const Result missing = runConsole({u"--connect"_s}, u"en"_s, Display::Offscreen);
    QCOMPARE(missing.exitStatus, QProcess::NormalExit);
    QCOMPARE(missing.exitCode, 1);
    QVERIFY2(missing.err.contains(u"Missing value after '--connect'"_s), qPrintable(missing.err));
}

QTEST_GUILESS_MAIN(TestConsoleCli)
#include "TestConsoleCli.moc"
