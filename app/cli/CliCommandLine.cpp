#include "app/cli/CliCommandLine.h"

#include "core/model/JobType.h"
#include "core/schedule/CronExpression.h"

#include <QCommandLineParser>
#include <QFileInfo>

#include <algorithm>
#include <array>

using namespace Qt::StringLiterals;

namespace WebJobs {

namespace {

constexpr int maximumLimit = 10000;

// The options a command accepts besides the global ones, by long name.
struct CommandSpec
{
    CliCommand::Kind kind;
    QStringView word;
    // Positional arguments: required ones, then optional ones.
    int required;
    int optional;
    // Its own options (at most two; empty views are unused).
    std::array<QStringView, 2> options;
};

constexpr std::array<CommandSpec, 10> Commands {{
    {CliCommand::Kind::List, u"list", 0, 0, {u"names"}},
    {CliCommand::Kind::Show, u"show", 1, 0, {u"type"}},
    {CliCommand::Kind::Add, u"add", 2, 0, {u"type", u"schedule"}},
    {CliCommand::Kind::Delete, u"delete", 1, 0, {u"type"}},
    {CliCommand::Kind::Run, u"run", 1, 0, {u"args", u"wait"}},
    {CliCommand::Kind::Start, u"start", 1, 0, {}},
    {CliCommand::Kind::Stop, u"stop", 1, 0, {}},
    {CliCommand::Kind::History, u"history", 1, 0, {u"limit"}},
    {CliCommand::Kind::Logs, u"logs", 1, 1, {u"type", u"follow"}},
    {CliCommand::Kind::Settings, u"settings", 1, 0, {u"type", u"set"}},
}};

const CommandSpec* specOf(QStringView word)
{
    for (const CommandSpec& spec : Commands) {
        if (spec.word == word)
            return &spec;
    }
    return nullptr;
}

// Options every command takes, before or after the command word.
QList<QCommandLineOption> globalOptions()
{
    QList<QCommandLineOption> options {
        {u"connect"_s,
            CliCommandLine::tr("Manage the agent or Kudu site at URL, or the connection NAME saved in the console, "
                               "instead of the local host."),
            CliCommandLine::tr("URL|NAME")},
        {u"user"_s, CliCommandLine::tr("User name for --connect (default: the saved connection's)."),
            CliCommandLine::tr("name")},
        {u"password-file"_s,
            CliCommandLine::tr("File whose first line is the password for --connect; it must not be readable by "
                               "other users. Otherwise WEBJOBS_PASSWORD, the keychain, or a prompt."),
            CliCommandLine::tr("file")},
        {u"data"_s, CliCommandLine::tr("Data folder of the local host (default: the console's)."),
            CliCommandLine::tr("folder")},
        {u"json"_s, CliCommandLine::tr("Print Kudu's JSON instead of tables, for scripts.")},
    };
    QCommandLineOption password(u"password"_s, QString(), u"password"_s);
    password.setFlags(QCommandLineOption::HiddenFromHelp);
    options.append(password);
    return options;
}

QCommandLineOption commandOption(QStringView name)
{
    if (name == u"names")
        return {u"names"_s, CliCommandLine::tr("Print only the job names, one per line.")};
    if (name == u"type")
        return {u"type"_s,
            CliCommandLine::tr("triggered or continuous: the job's type (add: default triggered; elsewhere needed "
                               "only when a triggered and a continuous job share the name)."),
            CliCommandLine::tr("type")};
    if (name == u"schedule")
        return {u"schedule"_s,
            CliCommandLine::tr("Run the triggered job on this six-field NCRONTAB schedule (second minute hour day "
                               "month day-of-week)."),
            CliCommandLine::tr("cron")};
    if (name == u"args")
        return {u"args"_s, CliCommandLine::tr("Arguments passed to the job's script."), CliCommandLine::tr("text")};
    if (name == u"wait")
        return {u"wait"_s,
            CliCommandLine::tr("Stream the run's log until it ends, and exit with its status (0 Success, 1 Failed, "
                               "3 Aborted, 4 Stopped).")};
    if (name == u"limit")
        return {u"limit"_s, CliCommandLine::tr("How many runs to show, newest first (default 20)."),
            CliCommandLine::tr("count")};
    if (name == u"follow")
        return {u"follow"_s,
            CliCommandLine::tr("Keep printing the log as it grows, until the run or the job ends, or Ctrl-C.")};
    if (name == u"set")
        return {u"set"_s,
            CliCommandLine::tr("Set KEY to VALUE in settings.job (VALUE is read as JSON when it is JSON, as text "
                               "otherwise; an empty VALUE removes KEY). May be repeated."),
            CliCommandLine::tr("key=value")};
    Q_UNREACHABLE();
    return QCommandLineOption(name.toString());
}

QString describe(CliCommand::Kind kind)
{
    switch (kind) {
    case CliCommand::Kind::List:
        return CliCommandLine::tr("Lists the jobs with their status, latest run and schedule.");
    case CliCommand::Kind::Show:
        return CliCommandLine::tr("Shows a job: its status, script, schedule, latest run and settings.");
    case CliCommand::Kind::Add:
        return CliCommandLine::tr(
            "Adds job NAME from FILE, a zip or a single script (.sh .py .js .php .ps1 .cmd .bat .exe), or "
            "replaces the job's package.");
    case CliCommand::Kind::Delete:
        return CliCommandLine::tr("Deletes a job with its runs and logs.");
    case CliCommand::Kind::Run:
        return CliCommandLine::tr("Starts a run of a triggered job and prints its id.");
    case CliCommand::Kind::Start:
        return CliCommandLine::tr("Starts a continuous job.");
    case CliCommand::Kind::Stop:
        return CliCommandLine::tr("Stops a continuous job.");
    case CliCommand::Kind::History:
        return CliCommandLine::tr("Lists the runs of a triggered job, newest first.");
    case CliCommand::Kind::Logs:
        return CliCommandLine::tr(
            "Prints the log of a run (the latest when RUN_ID is not given) or of a continuous job.");
    case CliCommand::Kind::Settings:
        return CliCommandLine::tr("Prints a job's settings.job, or changes keys of it with --set.");
    }
    return {};
}

QString positionalSyntax(CliCommand::Kind kind)
{
    switch (kind) {
    case CliCommand::Kind::List:
        return {};
    case CliCommand::Kind::Add:
        return CliCommandLine::tr("NAME FILE");
    case CliCommand::Kind::Logs:
        return CliCommandLine::tr("NAME [RUN_ID]");
    default:
        return CliCommandLine::tr("NAME");
    }
}

QString overview()
{
    QString text = CliCommandLine::tr("Manages WebJobs from a terminal or a script: the local host of WebJobs Console "
                                      "by default, or an agent or a Kudu site with --connect.")
        + u"\n\n"_s + CliCommandLine::tr("Commands:") + u'\n';
    for (const CommandSpec& spec : Commands) {
        const QString syntax = positionalSyntax(spec.kind);
        QString head = u"  "_s + spec.word.toString();
        if (!syntax.isEmpty())
            head += u' ' + syntax;
        text += head.leftJustified(26) + describe(spec.kind) + u'\n';
    }
    text += u'\n'
        + CliCommandLine::tr("\"webjobs COMMAND --help\" shows a command's options. Exit status: 0 done, 1 the "
                             "service refused or failed (the sentence says why), 2 invalid input; run --wait "
                             "exits with the run's status.");
    return text;
}

// Qt's sentence ("Unknown option 'x'.") with where to look.
QString withHint(const QString& error, const QString& command = {})
{
    if (command.isEmpty())
        return CliCommandLine::tr("%1 See \"webjobs --help\".").arg(error);
    return CliCommandLine::tr("%1 See \"webjobs %2 --help\".").arg(error, command);
}

QString globalUsage()
{
    return CliCommandLine::tr("Usage: webjobs [options] COMMAND [ARGS] [command options]");
}

// Qt's help with our usage line: Qt's names the program by the path it was started with, and
// knows nothing of commands.
QString withUsage(const QString& help, const QString& usage)
{
    const qsizetype endOfLine = help.indexOf(u'\n');
    return usage + (endOfLine < 0 ? u"\n"_s : help.mid(endOfLine));
}

void addPositionalArguments(QCommandLineParser& parser, CliCommand::Kind kind)
{
    if (kind == CliCommand::Kind::List)
        return;
    parser.addPositionalArgument(CliCommandLine::tr("NAME"), CliCommandLine::tr("The job's name."));
    if (kind == CliCommand::Kind::Add)
        parser.addPositionalArgument(
            CliCommandLine::tr("FILE"), CliCommandLine::tr("A zip holding the job's files, or a single script."));
    if (kind == CliCommand::Kind::Logs)
        parser.addPositionalArgument(CliCommandLine::tr("RUN_ID"),
            CliCommandLine::tr("The run, as \"webjobs history\" lists it (default: the latest)."));
}

} // namespace

QStringList CliCommandLine::commandNames()
{
    QStringList names;
    for (const CommandSpec& spec : Commands)
        names.append(spec.word.toString());
    return names;
}

QString CliCommandLine::commandName(CliCommand::Kind kind)
{
    for (const CommandSpec& spec : Commands) {
        if (spec.kind == kind)
            return spec.word.toString();
    }
    return {};
}

CliCommandLine::Outcome CliCommandLine::parse(const QStringList& arguments, CliInvocation* invocation, QString* text)
{
    const QString program = arguments.value(0, u"webjobs"_s);

    // First pass: the global options up to the command word; the rest is the command's.
    QCommandLineParser first;
    first.setApplicationDescription(overview());
    first.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsPositionalArguments);
    const QCommandLineOption helpOption = first.addHelpOption();
    const QCommandLineOption versionOption = first.addVersionOption();
    first.addOptions(globalOptions());
    if (!first.parse(arguments)) {
        *text = withHint(first.errorText());
        return Outcome::BadInput;
    }
    if (first.isSet(versionOption)) {
        *text = QCoreApplication::applicationName() + u' ' + QCoreApplication::applicationVersion() + u'\n';
        return Outcome::Printed;
    }

    QStringList rest = first.positionalArguments();
    QString word = rest.value(0);
    if (word == u"help") {
        // `webjobs help [COMMAND]`
        rest = rest.mid(1);
        word = rest.value(0);
        if (word.isEmpty()) {
            *text = withUsage(first.helpText(), globalUsage());
            return Outcome::Printed;
        }
        rest = {word, u"--help"_s};
    }
    if (first.isSet(helpOption) && word.isEmpty()) {
        *text = withUsage(first.helpText(), globalUsage());
        return Outcome::Printed;
    }
    if (word.isEmpty()) {
        *text = tr("Give a command, such as \"webjobs list\"; \"webjobs --help\" lists them all.");
        return Outcome::BadInput;
    }
    const CommandSpec* spec = specOf(word);
    if (!spec) {
        *text = tr("Unknown command \"%1\": the commands are %2 (see \"webjobs --help\").")
                    .arg(word, commandNames().join(u", "_s));
        return Outcome::BadInput;
    }

    // Second pass: the command's arguments, its options and the global ones again.
    QCommandLineParser second;
    second.setApplicationDescription(describe(spec->kind));
    const QCommandLineOption commandHelp = second.addHelpOption();
    second.addOptions(globalOptions());
    for (const QStringView name : spec->options) {
        if (!name.isEmpty())
            second.addOption(commandOption(name));
    }
    const QString syntax = positionalSyntax(spec->kind);
    addPositionalArguments(second, spec->kind);
    if (!second.parse(QStringList {program} + rest.mid(1))) {
        *text = withHint(second.errorText(), word);
        return Outcome::BadInput;
    }
    if (second.isSet(commandHelp) || first.isSet(helpOption)) {
        *text = withUsage(second.helpText(),
            tr("Usage: webjobs [global options] %1 [options]").arg(syntax.isEmpty() ? word : word + u' ' + syntax));
        return Outcome::Printed;
    }

    const auto valueOf
        = [&](const QString& name) { return second.isSet(name) ? second.value(name) : first.value(name); };
    const auto isSet = [&](const QString& name) { return second.isSet(name) || first.isSet(name); };
    // Asking a parser about an option it does not have only earns a warning.
    const auto takes = [spec](QStringView name) {
        return std::find(spec->options.begin(), spec->options.end(), name) != spec->options.end();
    };
    const auto commandSet = [&](const QString& name) { return takes(name) && second.isSet(name); };
    const auto commandValue = [&](const QString& name) { return takes(name) ? second.value(name) : QString(); };

    if (isSet(u"password"_s)) {
        *text = tr("Passwords are never taken from the command line, where other users can read them: put it in a "
                   "file given with --password-file, or in WEBJOBS_PASSWORD.");
        return Outcome::BadInput;
    }
    CliOptions& options = invocation->options;
    options.connect = valueOf(u"connect"_s).trimmed();
    options.user = valueOf(u"user"_s);
    options.passwordFile = valueOf(u"password-file"_s);
    options.dataRoot = valueOf(u"data"_s);
    options.json = isSet(u"json"_s);
    if (isSet(u"connect"_s) && options.connect.isEmpty()) {
        *text = tr("--connect needs a URL, such as https://mysite.scm.azurewebsites.net, or the name of a saved "
                   "connection.");
        return Outcome::BadInput;
    }
    if (!options.connect.isEmpty() && isSet(u"data"_s)) {
        *text = tr("--data names the local host's folder and --connect a remote one: give only one of them.");
        return Outcome::BadInput;
    }
    if (options.connect.isEmpty() && (isSet(u"user"_s) || isSet(u"password-file"_s))) {
        *text = tr("--user and --password-file are for --connect: the local host needs no password.");
        return Outcome::BadInput;
    }

    const QStringList positional = second.positionalArguments();
    if (positional.size() < spec->required) {
        *text = tr("\"webjobs %1\" needs %2: see \"webjobs %1 --help\".").arg(word, syntax);
        return Outcome::BadInput;
    }
    if (positional.size() > spec->required + spec->optional) {
        *text = tr("Unexpected argument \"%1\" for \"webjobs %2\": see \"webjobs %2 --help\".")
                    .arg(positional.at(spec->required + spec->optional), word);
        return Outcome::BadInput;
    }

    CliCommand& command = invocation->command;
    command.kind = spec->kind;
    command.name = positional.value(0);
    if (spec->required > 0 && command.name.trimmed().isEmpty()) {
        *text = tr("The job name is empty: give the name of a job (\"webjobs list\" shows them).");
        return Outcome::BadInput;
    }
    if (spec->kind == CliCommand::Kind::Add)
        command.file = positional.value(1);
    if (spec->kind == CliCommand::Kind::Logs)
        command.runId = positional.value(1);

    if (commandSet(u"type"_s)) {
        command.type = jobTypeFromName(commandValue(u"type"_s));
        if (!command.type) {
            *text = tr("--type must be triggered or continuous, not \"%1\".").arg(commandValue(u"type"_s));
            return Outcome::BadInput;
        }
    }
    command.namesOnly = commandSet(u"names"_s);
    command.wait = commandSet(u"wait"_s);
    command.follow = commandSet(u"follow"_s);
    command.arguments = commandValue(u"args"_s);

    if (commandSet(u"limit"_s)) {
        bool ok = false;
        command.limit = commandValue(u"limit"_s).toInt(&ok);
        if (!ok || command.limit < 1 || command.limit > maximumLimit) {
            *text = tr("--limit must be a whole number from 1 to %1; \"%2\" is not.")
                        .arg(maximumLimit)
                        .arg(commandValue(u"limit"_s));
            return Outcome::BadInput;
        }
    }

    if (commandSet(u"schedule"_s)) {
        command.schedule = commandValue(u"schedule"_s).trimmed();
        if (command.type == JobType::Continuous) {
            *text = tr("Only a triggered job runs on a schedule: leave out --schedule or --type continuous.");
            return Outcome::BadInput;
        }
        QString error;
        if (!CronExpression::parse(command.schedule, &error).isValid()) {
            *text = error;
            return Outcome::BadInput;
        }
    }

    const QStringList assignments = takes(u"set") ? second.values(u"set"_s) : QStringList();
    for (const QString& assignment : assignments) {
        const qsizetype equals = assignment.indexOf(u'=');
        const QString key = assignment.left(equals).trimmed();
        if (equals < 0 || key.isEmpty()) {
            *text = tr("--set takes KEY=VALUE, such as --set is_singleton=true; \"%1\" is not.").arg(assignment);
            return Outcome::BadInput;
        }
        command.assignments.append({key, assignment.mid(equals + 1)});
    }

    if (spec->kind == CliCommand::Kind::Add) {
        const QFileInfo file(command.file);
        if (!file.isFile() || !file.isReadable()) {
            *text = tr("Cannot read %1: give the path of a zip or of a script file.").arg(command.file);
            return Outcome::BadInput;
        }
    }
    if (spec->kind == CliCommand::Kind::Logs && command.type == JobType::Continuous && !command.runId.isEmpty()) {
        *text = tr("A continuous job has one log and no runs: leave out the run id.");
        return Outcome::BadInput;
    }
    return Outcome::Run;
}

} // namespace WebJobs
