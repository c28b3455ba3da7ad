#pragma once

// Where the job database is: a SQLite file (the default, one agent) or a PostgreSQL database
// (several agents sharing one database). Parsed from the text a person writes on the command
// line or in the settings:
//
//   /var/lib/webjobs/webjobs.db          a plain path (relative paths are made absolute)
//   sqlite:/var/lib/webjobs/webjobs.db   the same, with a scheme
//   sqlite:///var/lib/webjobs/webjobs.db a file URL form (percent-decoded)
//   sqlite::memory:                      a private in-memory database (tests)
//   postgresql://user:password@host:5432/dbname?sslmode=require
//   postgres://...                       the same
//
// PostgreSQL URLs follow libpq's: user, password and database are percent-decoded; the port
// defaults to libpq's (5432); query items are passed to libpq as connection options
// (`sslmode`, `connect_timeout`, `options`, `host` for a socket folder, ...).
//
// Value type, safe from any thread. Parse errors are translated sentences.

#include <QCoreApplication>
#include <QString>

#include <optional>

namespace WebJobs {

class DatabaseLocation
{
    Q_DECLARE_TR_FUNCTIONS(DatabaseLocation)

public:
    enum class Kind
    {
        Sqlite,
        PostgreSql,
    };

    static std::optional<DatabaseLocation> parse(const QString& text, QString* error = nullptr);

    Kind kind() const { return m_kind; }
    // "QSQLITE" or "QPSQL".
    QString driverName() const;

    // SQLite: the absolute file path, or ":memory:".
    QString filePath() const { return m_filePath; }
    bool isInMemory() const;

    // PostgreSQL: empty host = libpq's default (a local socket); port -1 = libpq's default.
    QString hostName() const { return m_hostName; }
    int port() const { return m_port; }
    QString databaseName() const { return m_databaseName; }
    QString userName() const { return m_userName; }
    QString password() const { return m_password; }
    // Qt's QPSQL form: "key=value;key=value".
    QString connectOptions() const { return m_connectOptions; }

    // The location for messages and logs, never with the password: the file path, or
    // "postgresql://user@host:port/dbname".
    QString displayText() const;

    friend bool operator==(const DatabaseLocation&, const DatabaseLocation&) = default;

private:
    Kind m_kind = Kind::Sqlite;
    QString m_filePath;
    QString m_hostName;
    int m_port = -1;
    QString m_databaseName;
    QString m_userName;
    QString m_password;
    QString m_connectOptions;
};

} // namespace WebJobs
