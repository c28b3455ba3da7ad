#include "app/cli/CliCommandLine.h"
#include "app/cli/CliExitCode.h"
#include "app/cli/CliService.h"
#include "app/cli/CliSession.h"
#include "core/util/SignalWatcher.h"
#include "core/util/Translations.h"

#include <QCoreApplication>
#include <QProcessEnvironment>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace {

void write(FILE* stream, const QString& text)
{
    const QByteArray bytes = text.toUtf8();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stream);
    std::fflush(stream);
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"webjobs"_s);
    QCoreApplication::setOrganizationName(u"WebJobs"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(WEBJOBS_VERSION));
    WebJobs::Translations::install(&app, WebJobs::Translations::chooseLanguage());

    WebJobs::CliInvocation invocation;
    QString text;
    switch (WebJobs::CliCommandLine::parse(QCoreApplication::arguments(), &invocation, &text)) {
    case WebJobs::CliCommandLine::Outcome::Printed:
        write(stdout, text);
        return WebJobs::CliExitCode::Success;
    case WebJobs::CliCommandLine::Outcome::BadInput:
        write(stderr, text + u'\n');
        return WebJobs::CliExitCode::BadInput;
    case WebJobs::CliCommandLine::Outcome::Run:
        break;
    }

    WebJobs::CliError error;
    std::optional<WebJobs::OpenedService> opened
        = WebJobs::CliService::open(invocation.options, QProcessEnvironment::systemEnvironment(), &error,
            invocation.command.kind == WebJobs::CliCommand::Kind::Logs && invocation.command.follow);
    if (!opened) {
        write(stderr, error.message + u'\n');
        return error.exitCode;
    }
    WebJobs::JobService* service = opened->service.get();

    WebJobs::SignalWatcher interrupts(WebJobs::SignalWatcher::Repeat::ExitAtOnce);
    WebJobs::CliSession session(service, opened->hostsJobs, invocation);
    int exitCode = WebJobs::CliExitCode::Success;
    bool ending = false;
    const auto end = [&](int code) {
        if (ending)
            return;
        ending = true;
        exitCode = code;
        WebJobs::CliService::close(
            service, &app, [&app] { QMetaObject::invokeMethod(&app, &QCoreApplication::quit, Qt::QueuedConnection); });
    };
    QObject::connect(&session, &WebJobs::CliSession::finished, &app, end);
    QObject::connect(&interrupts, &WebJobs::SignalWatcher::received, &app, [&](int signal) {
        session.interrupt(signal);
        end(128 + signal);
    });

    // The command starts once the service is ready; one that cannot open says why.
    bool started = false;
    const auto begin = [&](WebJobs::JobService::State state) {
        if (started || ending)
            return;
        if (state == WebJobs::JobService::State::Ready) {
            started = true;
            session.start();
        } else if (state == WebJobs::JobService::State::Failed) {
            write(stderr, service->errorString() + u'\n');
            end(WebJobs::CliExitCode::Failure);
        }
    };
    QObject::connect(service, &WebJobs::JobService::stateChanged, &app, begin);
    QMetaObject::invokeMethod(
        &app, [&] { begin(service->state()); }, Qt::QueuedConnection);

    QCoreApplication::exec();
    return exitCode;
}
