#include "core/service/LocalJobService.h"
#include "core/util/Translations.h"
#include "ui/MainWindow.h"

#include <QApplication>
#include <QSettings>

using namespace Qt::StringLiterals;

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(u"webjobs-console"_s);
    QApplication::setOrganizationName(u"WebJobs"_s);
    QApplication::setApplicationVersion(QStringLiteral(WEBJOBS_VERSION));
    QApplication::setDesktopFileName(u"webjobs-console"_s);

    const QString preferred = QSettings().value(u"preferences/language"_s).toString();
    WebJobs::Translations::install(&app, WebJobs::Translations::chooseLanguage(preferred));
    QApplication::setApplicationDisplayName(QApplication::translate("ConsoleMain", "WebJobs Console"));

    // The console starts on its own machine's host, with its data in the app-data folder.
    WebJobs::LocalJobService service;
    WebJobs::MainWindow window(&service);

    // Closing the window stops the jobs gracefully first; the host would kill them otherwise.
    QApplication::setQuitOnLastWindowClosed(false);
    QObject::connect(&app, &QGuiApplication::lastWindowClosed, &service, [&service] { service.shutdown(5000); });
    QObject::connect(&service, &WebJobs::JobService::stateChanged, &app, [](WebJobs::JobService::State state) {
        if (state == WebJobs::JobService::State::Stopped)
            QApplication::quit();
    });

    window.show();
    return QApplication::exec();
}
