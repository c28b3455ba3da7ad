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

    WebJobs::MainWindow window;
    window.show();
    return QApplication::exec();
}
