#pragma once

// Where `webjobs --connect` gets a password, first found wins:
//   1. --password-file FILE: its first line; refused when other users may read or change the
//      file, as ssh refuses such a private key;
//   2. WEBJOBS_PASSWORD;
//   3. the system keychain entry of a saved connection (QtKeychain: service "webjobs-console",
//      key the connection's name, as the console stores it); when no keychain service runs,
//      a line on standard error says so and the search goes on;
//   4. a prompt on the terminal, with echo off (not when standard input is not a terminal).
// Never the command line. Only a connection with a user needs a password.
//
// Threading: the main thread, before the service opens; reading the keychain runs a local event
// loop until its answer (the program has nothing else to do meanwhile).

#include "app/cli/CliService.h"

#include <QCoreApplication>
#include <QProcessEnvironment>
#include <QString>

#include <optional>

namespace WebJobs {

class CliCredentials
{
    Q_DECLARE_TR_FUNCTIONS(CliCredentials)

public:
    static constexpr char KeychainService[] = "webjobs-console";

    // The password for `connection` (empty when it has no user and none was given);
    // std::nullopt with the sentence and exit status in `error`.
    static std::optional<QString> password(const CliOptions& options, const CliConnection& connection,
        const QProcessEnvironment& environment, CliError* error);

    // The first line of a private file.
    static std::optional<QString> readPasswordFile(const QString& path, CliError* error);

    enum class KeychainResult
    {
        Found,
        NotFound,
        // No keychain service runs, or it refused: `problem` says what happened.
        Unavailable,
    };
    static KeychainResult readKeychain(const QString& connectionName, QString* password, QString* problem);

    // Asks on the terminal with echo off; std::nullopt when standard input is not a terminal.
    static std::optional<QString> prompt(const QString& question);
};

} // namespace WebJobs
