#include "core/service/LocalJobService.h"
#include "core/util/Translations.h"
#include "ui/ConsoleSession.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QSettings>

using namespace Qt::StringLiterals;

namespace {

// The language chosen in the preferences, else the system's.
void installTranslations(QCoreApplication* app)
{
    const QString preferred = QSettings().value(u"preferences/language"_s).toString();
    WebJobs::Translations::install(app, WebJobs::Translations::chooseLanguage(preferred));
}

// The console's own options. Qt's (-platform, -style, …) are taken out of the arguments by
// QApplication before the parser sees them.
void addOptions(QCommandLineParser& parser)
{
    parser.setApplicationDescription(QCoreApplication::translate("ConsoleMain",
        "WebJobs Console: adds WebJobs (a script or program in a zip) and runs them on demand, continuously or on "
        "a schedule, showing each run's status, history and log."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOption(QCommandLineOption(u"connect"_s,
        QCoreApplication::translate("ConsoleMain",
            "Opens the saved connection <name>, or the agent or Kudu site at <url> (https://server:8181), instead "
            "of the last one."),
        QCoreApplication::translate("ConsoleMain", "name|url")));
}

// --help and --version print and exit before any window system is touched, so that they work
// in a terminal without a display, where QApplication would abort. Returns when neither was
// asked for; every other argument is checked once QApplication has taken Qt's own.
void answerTextOptions(int& argc, char* argv[])
{
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments.append(QString::fromLocal8Bit(argv[i]));
    QCommandLineParser probe;
    const QCommandLineOption help = probe.addHelpOption();
    const QCommandLineOption version = probe.addVersionOption();
    // Fails on Qt's own options, unknown at this point: only the two answers matter here.
    (void)probe.parse(arguments);
    if (!probe.isSet(help) && !probe.isSet(version))
        return;

    QCoreApplication app(argc, argv);
    installTranslations(&app);
    QCommandLineParser parser;
    addOptions(parser);
    (void)parser.parse(QCoreApplication::arguments());
    // Version first when both are given, as QCommandLineParser::process() does. Both exit.
    if (probe.isSet(version))
        parser.showVersion();
    parser.showHelp();
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication::setApplicationName(u"webjobs-console"_s);
    QCoreApplication::setOrganizationName(u"WebJobs"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(WEBJOBS_VERSION));
    answerTextOptions(argc, argv);

    QApplication app(argc, argv);
    QApplication::setDesktopFileName(u"webjobs-console"_s);
    installTranslations(&app);
    QApplication::setApplicationDisplayName(QApplication::translate("ConsoleMain", "WebJobs Console"));

    // An unknown option gets Qt's sentence naming it on standard error and exit code 1.
    QCommandLineParser parser;
    addOptions(parser);
    parser.process(app);

    // This machine's host, with its data in the app-data folder, runs whichever connection the
    // window shows; the window opens on the connection asked for, else the last one.
    WebJobs::LocalJobService service;
    WebJobs::ConsoleSession session(&service);
    if (const QString target = parser.value(u"connect"_s); !target.isEmpty())
        session.connectTo(target);
    else
        session.openLast();

    // Closing the window stops the jobs gracefully first; the host would kill them otherwise.
    QApplication::setQuitOnLastWindowClosed(false);
    QObject::connect(&app, &QGuiApplication::lastWindowClosed, &service, [&service] { service.shutdown(5000); });
    QObject::connect(&service, &WebJobs::JobService::stateChanged, &app, [](WebJobs::JobService::State state) {
        if (state == WebJobs::JobService::State::Stopped)
            QApplication::quit();
    });

    return QApplication::exec();
}
