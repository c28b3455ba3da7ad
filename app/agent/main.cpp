#include "app/agent/AgentCommandLine.h"
#include "app/agent/AgentDaemon.h"
#include "app/agent/ScheduleCommand.h"
#include "core/util/Translations.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>

using namespace Qt::StringLiterals;

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"webjobs-agent"_s);
    QCoreApplication::setOrganizationName(u"WebJobs"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(WEBJOBS_VERSION));
    WebJobs::Translations::install(&app, WebJobs::Translations::chooseLanguage());

    QStringList arguments = QCoreApplication::arguments();
    if (arguments.size() > 1 && arguments.at(1) == u"schedule") {
        arguments.removeAt(1);
        return WebJobs::ScheduleCommand::run(arguments);
    }

    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate("AgentMain",
        "WebJobs agent: runs WebJobs (on demand, continuously or on a schedule) and serves Kudu's WebJobs REST "
        "API.\n\nCommands:\n  schedule   Print the next occurrences of a schedule (see schedule --help)."));
    parser.addHelpOption();
    parser.addVersionOption();
    WebJobs::AgentCommandLine::addOptions(parser);
    parser.process(app);

    QString error;
    const std::optional<WebJobs::AgentConfig> config
        = WebJobs::AgentCommandLine::read(parser, QProcessEnvironment::systemEnvironment(), &error);
    if (!config) {
        QTextStream(stderr) << error << Qt::endl;
        return 2;
    }
    return WebJobs::AgentDaemon::run(app, *config);
}
