#include "app/cli/CliService.h"

#include "app/cli/CliCredentials.h"
#include "app/cli/CliExitCode.h"
#include "core/host/HostOptions.h"
#include "core/host/ProcessReaper.h"
#include "core/service/LocalJobService.h"
#include "core/service/RemoteJobService.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSettings>

#include <QStandardPaths>
#include <cstdio>

#include <memory>

using namespace Qt::StringLiterals;

namespace WebJobs {

namespace {

// The console's settings, where its connection manager keeps the saved connections.
const QString SettingsOrganization = u"WebJobs"_s;
const QString SettingsApplication = u"webjobs-console"_s;
constexpr int CloseGraceMs = 10000;

// The program whose host runs job processes of `marker` (the parent of a job process), when
// it is one of ours: job processes a dead host left behind are the next host's to kill, and
// do not count. Returns the program's name and process id.
std::optional<std::pair<QString, qint64>> hostRunning(const QString& marker)
{
    const QByteArray needle = QByteArray(ProcessReaper::MarkerVariable) + '=' + marker.toUtf8();
    const QStringList entries = QDir(u"/proc"_s).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString& entry : entries) {
        bool isPid = false;
        entry.toLongLong(&isPid);
        if (!isPid)
            continue;
        QFile environ(u"/proc/"_s + entry + u"/environ"_s);
        if (!environ.open(QIODevice::ReadOnly) || !environ.readAll().split('\0').contains(needle))
            continue;
        QFile stat(u"/proc/"_s + entry + u"/stat"_s);
        if (!stat.open(QIODevice::ReadOnly))
            continue;
        // pid (comm) state ppid ...
        const QByteArray text = stat.readAll();
        const QList<QByteArray> fields = text.mid(text.lastIndexOf(')') + 2).split(' ');
        if (fields.size() < 2 || fields.at(0) == "Z")
            continue;
        const qint64 parent = fields.at(1).toLongLong();
        if (parent <= 1 || parent == QCoreApplication::applicationPid())
            continue;
        const QString program
            = QFileInfo(QFile::symLinkTarget(u"/proc/"_s + QString::number(parent) + u"/exe"_s)).fileName();
        if (program.startsWith(u"webjobs"_s))
            return std::pair {program, parent};
    }
    return std::nullopt;
}

std::optional<OpenedService> openLocal(const CliOptions& options, CliError* error, bool runsJobs)
{
    // Built as the console builds its host (app/console/main.cpp), so that both are one host of
    // one folder: same instance, same database, same marker on the job processes.
    HostOptions host;
    host.dataRoot = options.dataRoot.isEmpty() ? CliService::defaultDataRoot() : QDir(options.dataRoot).absolutePath();
    host.schedulesDisabled = true;
    host.manageOnly = !runsJobs;

    // Opening a host kills the job processes of the folder's previous host: not those of a host
    // that is still running in another program.
    if (const auto other = hostRunning(ProcessReaper::markerFor(host.dataRoot, host.effectiveInstanceId()))) {
        *error = {CliExitCode::Failure,
            CliService::tr("The local host in %1 is open in another program (%2, process %3), which runs jobs "
                           "there: close it first, or manage these jobs from it.")
                .arg(QDir::toNativeSeparators(host.dataRoot), other->first)
                .arg(other->second)};
        return std::nullopt;
    }
    return OpenedService {std::make_unique<LocalJobService>(host), true};
}

} // namespace

QString CliService::defaultDataRoot()
{
    // Not this program's AppDataLocation (".../WebJobs/webjobs"): the console's.
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + u'/' + SettingsOrganization + u'/'
        + SettingsApplication;
}

std::optional<CliConnection> CliService::resolveConnection(const QString& target, const QString& user, CliError* error)
{
    CliConnection connection;
    if (target.contains(u"://"_s)) {
        connection.url = QUrl(target, QUrl::StrictMode);
        const QString scheme = connection.url.scheme().toLower();
        if (!connection.url.isValid() || (scheme != u"http" && scheme != u"https") || connection.url.host().isEmpty()) {
            *error = {CliExitCode::BadInput,
                tr("\"%1\" is not a URL to connect to: give http:// or https:// and a host, such as "
                   "https://mysite.scm.azurewebsites.net or http://127.0.0.1:8181.")
                    .arg(target)};
            return std::nullopt;
        }
        if (!connection.url.password().isEmpty()) {
            *error = {CliExitCode::BadInput,
                tr("Passwords are never taken from the command line, where other users can read them: remove it "
                   "from the URL and put it in a file given with --password-file, or in WEBJOBS_PASSWORD.")};
            return std::nullopt;
        }
        connection.user = connection.url.userName();
        connection.url.setUserInfo({});
    } else {
        QSettings settings(SettingsOrganization, SettingsApplication);
        settings.beginGroup(u"connections"_s);
        const QStringList names = settings.childGroups();
        if (!names.contains(target)) {
            *error = {CliExitCode::BadInput,
                names.isEmpty()
                    ? tr("There is no saved connection named \"%1\", and none is saved yet: give a URL such as "
                         "https://mysite.scm.azurewebsites.net, or save the connection in WebJobs Console first.")
                          .arg(target)
                    : tr("There is no saved connection named \"%1\": give a URL, or one of the saved connections: "
                         "%2.")
                          .arg(target, names.join(u", "_s))};
            return std::nullopt;
        }
        connection.name = target;
        connection.url = QUrl(settings.value(target + u"/url"_s).toString(), QUrl::StrictMode);
        connection.user = settings.value(target + u"/user"_s).toString();
        if (!connection.url.isValid() || connection.url.host().isEmpty()) {
            *error = {CliExitCode::BadInput,
                tr("The saved connection \"%1\" has no valid URL: correct it in WebJobs Console.").arg(target)};
            return std::nullopt;
        }
    }
    if (!user.isEmpty())
        connection.user = user;
    return connection;
}

std::optional<OpenedService> CliService::open(
    const CliOptions& options, const QProcessEnvironment& environment, CliError* error, bool runsJobs)
{
    if (options.connect.isEmpty())
        return openLocal(options, error, runsJobs);

    const std::optional<CliConnection> connection = resolveConnection(options.connect, options.user, error);
    if (!connection)
        return std::nullopt;
    const std::optional<QString> password = CliCredentials::password(options, *connection, environment, error);
    if (!password)
        return std::nullopt;
    RemoteJobService::Options remote;
    remote.url = connection->url;
    remote.user = connection->user;
    remote.password = *password;
    auto service = std::make_unique<RemoteJobService>(std::move(remote));
    if (service->isInsecure())
        std::fprintf(stderr, "%s\n", qPrintable(service->insecureWarning()));
    return OpenedService {std::move(service), false};
}

void CliService::close(JobService* service, QObject* context, std::function<void()> done)
{
    auto* local = qobject_cast<LocalJobService*>(service);
    if (!local || local->state() != JobService::State::Ready) {
        done();
        return;
    }
    auto called = std::make_shared<bool>(false);
    QObject::connect(local, &JobService::stateChanged, context, [called, done](JobService::State state) {
        if (state == JobService::State::Stopped && !*called) {
            *called = true;
            done();
        }
    });
    local->shutdown(CloseGraceMs);
}

} // namespace WebJobs
