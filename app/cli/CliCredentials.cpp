#include "app/cli/CliCredentials.h"

#include "app/cli/CliExitCode.h"

#include <QDir>
#include <QEventLoop>
#include <QFile>

#include <qt6keychain/keychain.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <string>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace WebJobs {

namespace {

// The terminal's settings while a prompt has echo off, restored by a signal that ends the
// program meanwhile (Ctrl-C at the prompt must not leave the terminal silent).
struct termios g_savedTerminal;

void restoreTerminalAndDie(int number)
{
    ::tcsetattr(STDIN_FILENO, TCSANOW, &g_savedTerminal);
    std::signal(number, SIG_DFL);
    std::raise(number);
}

void printLine(const QString& text)
{
    const QByteArray bytes = text.toUtf8() + '\n';
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stderr);
    std::fflush(stderr);
}

} // namespace

std::optional<QString> CliCredentials::readPasswordFile(const QString& path, CliError* error)
{
    const QByteArray native = QFile::encodeName(path);
    struct stat info = {};
    if (::stat(native.constData(), &info) != 0) {
        *error = {CliExitCode::BadInput,
            tr("Cannot read the password file %1: %2.").arg(path, QString::fromLocal8Bit(std::strerror(errno)))};
        return std::nullopt;
    }
    // As ssh with a private key: a secret others can read is no longer a secret.
    if ((info.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
        *error = {CliExitCode::BadInput,
            tr("The password file %1 is open to other users (permissions %2): make it private with \"chmod 600 %1\", "
               "then try again.")
                .arg(path, u"%1"_s.arg(info.st_mode & 0777, 4, 8, QChar(u'0')))};
        return std::nullopt;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = {CliExitCode::BadInput, tr("Cannot read the password file %1: %2.").arg(path, file.errorString())};
        return std::nullopt;
    }
    QByteArray line = file.readLine();
    while (line.endsWith('\n') || line.endsWith('\r'))
        line.chop(1);
    if (line.isEmpty()) {
        *error
            = {CliExitCode::BadInput, tr("The password file %1 is empty: its first line is the password.").arg(path)};
        return std::nullopt;
    }
    return QString::fromUtf8(line);
}

CliCredentials::KeychainResult CliCredentials::readKeychain(
    const QString& connectionName, QString* password, QString* problem)
{
    QKeychain::ReadPasswordJob job(QString::fromLatin1(KeychainService));
    job.setAutoDelete(false);
    job.setKey(connectionName);
    QEventLoop loop;
    bool finished = false;
    QObject::connect(&job, &QKeychain::Job::finished, &loop, [&finished, &loop] {
        finished = true;
        loop.quit();
    });
    job.start();
    if (!finished)
        loop.exec();

    switch (job.error()) {
    case QKeychain::NoError:
        *password = job.textData();
        return KeychainResult::Found;
    case QKeychain::EntryNotFound:
        return KeychainResult::NotFound;
    case QKeychain::AccessDenied:
    case QKeychain::AccessDeniedByUser:
        *problem
            = tr("The keychain refused to give the password of \"%1\": %2.").arg(connectionName, job.errorString());
        return KeychainResult::Unavailable;
    default:
        // Without a session bus QtKeychain answers OtherError, "Unknown error": no service answered.
        *problem = tr("No keychain service is running (or none answered: %2), so the saved password of \"%1\" "
                      "cannot be read.")
                       .arg(connectionName, job.errorString());
        return KeychainResult::Unavailable;
    }
}

std::optional<QString> CliCredentials::prompt(const QString& question)
{
    if (!::isatty(STDIN_FILENO))
        return std::nullopt;
    const QByteArray text = question.toUtf8();
    std::fwrite(text.constData(), 1, size_t(text.size()), stderr);
    std::fflush(stderr);

    const bool quiet = ::tcgetattr(STDIN_FILENO, &g_savedTerminal) == 0;
    struct sigaction restore = {};
    struct sigaction previous[3] = {};
    const int signals[3] = {SIGINT, SIGTERM, SIGHUP};
    if (quiet) {
        restore.sa_handler = restoreTerminalAndDie;
        sigemptyset(&restore.sa_mask);
        for (int index = 0; index < 3; ++index)
            ::sigaction(signals[index], &restore, &previous[index]);
        struct termios silent = g_savedTerminal;
        silent.c_lflag &= ~tcflag_t(ECHO);
        ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent);
    }
    std::string line;
    bool complete = false;
    for (int c = std::fgetc(stdin); c != EOF; c = std::fgetc(stdin)) {
        if (c == '\n') {
            complete = true;
            break;
        }
        line.push_back(char(c));
    }
    if (quiet) {
        ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &g_savedTerminal);
        for (int index = 0; index < 3; ++index)
            ::sigaction(signals[index], &previous[index], nullptr);
    }
    std::fputc('\n', stderr);
    if (!complete && line.empty())
        return std::nullopt;
    if (!line.empty() && line.back() == '\r')
        line.pop_back();
    return QString::fromStdString(line);
}

std::optional<QString> CliCredentials::password(
    const CliOptions& options, const CliConnection& connection, const QProcessEnvironment& environment, CliError* error)
{
    if (!options.passwordFile.isEmpty())
        return readPasswordFile(options.passwordFile, error);
    if (const QString fromEnvironment = environment.value(u"WEBJOBS_PASSWORD"_s); !fromEnvironment.isEmpty())
        return fromEnvironment;
    if (connection.user.isEmpty())
        return QString();

    if (!connection.name.isEmpty()) {
        QString password;
        QString problem;
        switch (readKeychain(connection.name, &password, &problem)) {
        case KeychainResult::Found:
            return password;
        case KeychainResult::NotFound:
            break;
        case KeychainResult::Unavailable:
            printLine(problem);
            break;
        }
    }

    const QString where = connection.url.toDisplayString(QUrl::RemoveUserInfo);
    if (std::optional<QString> typed = prompt(tr("Password of %1 at %2: ").arg(connection.user, where)))
        return typed;
    *error = {CliExitCode::BadInput,
        tr("The user %1 needs a password for %2, and there is no terminal to ask for it on: give --password-file "
           "FILE or set WEBJOBS_PASSWORD.")
            .arg(connection.user, where)};
    return std::nullopt;
}

} // namespace WebJobs
