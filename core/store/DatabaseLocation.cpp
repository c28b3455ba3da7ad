#include "core/store/DatabaseLocation.h"

#include <QFileInfo>
#include <QUrl>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace WebJobs {

namespace {

const QString MemoryPath = u":memory:"_s;

QString invalid(const QString& text, const QString& reason)
{
    return DatabaseLocation::tr("The job database address \"%1\" is not valid: %2. Use a file path, "
                                "sqlite:/path/to/webjobs.db or postgresql://user:password@host:port/database.")
        .arg(text, reason);
}

// The scheme of `text` when it starts with one ("name:"), lower-cased; empty for a plain path.
// A single letter is a Windows drive ("C:\jobs\webjobs.db"), not a scheme.
QString schemeOf(const QString& text)
{
    const qsizetype colon = text.indexOf(u':');
    if (colon < 2)
        return {};
    for (qsizetype i = 0; i < colon; ++i) {
        const QChar c = text.at(i);
        const bool allowed = c.isLetter() || (i > 0 && (c.isDigit() || c == u'+' || c == u'-' || c == u'.'));
        if (!allowed || c.unicode() > 127)
            return {};
    }
    return text.left(colon).toLower();
}

std::optional<QString> sqlitePath(const QString& text, const QString& scheme, QString* reason)
{
    QString rest = text.mid(scheme.size() + 1);
    if (scheme == u"file"_s || rest.startsWith(u"//"_s)) {
        // URL form: sqlite:///abs/path, file:///abs/path (percent-encoded).
        QUrl url(u"file:"_s + rest, QUrl::StrictMode);
        if (!url.isValid() || (!url.host().isEmpty() && url.host() != u"localhost"_s)) {
            *reason = DatabaseLocation::tr("a database file must be on this machine");
            return std::nullopt;
        }
        rest = url.path(QUrl::FullyDecoded);
    }
    if (rest.isEmpty()) {
        *reason = DatabaseLocation::tr("the file path is missing");
        return std::nullopt;
    }
    return rest;
}

} // namespace

std::optional<DatabaseLocation> DatabaseLocation::parse(const QString& input, QString* error)
{
    const QString text = input.trimmed();
    const auto fail = [&](const QString& reason) -> std::optional<DatabaseLocation> {
        if (error)
            *error = invalid(text, reason);
        return std::nullopt;
    };
    if (text.isEmpty())
        return fail(tr("the address is empty"));

    DatabaseLocation location;
    const QString scheme = schemeOf(text);
    if (scheme.isEmpty() || scheme == u"sqlite"_s || scheme == u"file"_s) {
        QString path = text;
        if (!scheme.isEmpty()) {
            QString reason;
            const std::optional<QString> parsed = sqlitePath(text, scheme, &reason);
            if (!parsed)
                return fail(reason);
            path = *parsed;
        }
        location.m_kind = Kind::Sqlite;
        location.m_filePath = path == MemoryPath ? path : QFileInfo(path).absoluteFilePath();
        return location;
    }

    if (scheme != u"postgresql"_s && scheme != u"postgres"_s) {
        return fail(tr("the kind of database \"%1\" is not supported (use sqlite or postgresql)").arg(scheme));
    }
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid())
        return fail(url.errorString());
    location.m_kind = Kind::PostgreSql;
    location.m_hostName = url.host(QUrl::FullyDecoded);
    location.m_port = url.port(-1);
    location.m_userName = url.userName(QUrl::FullyDecoded);
    location.m_password = url.password(QUrl::FullyDecoded);
    QString database = url.path(QUrl::FullyDecoded);
    if (database.startsWith(u'/'))
        database.remove(0, 1);
    if (database.isEmpty() || database.contains(u'/'))
        return fail(tr("the database name is missing after the host (…/database)"));
    location.m_databaseName = database;

    QStringList options;
    const auto items = QUrlQuery(url).queryItems(QUrl::FullyDecoded);
    for (const auto& [key, value] : items) {
        // Qt passes the options to libpq separated by spaces; a value holding one would split.
        if (key.isEmpty() || key.contains(u' ') || value.contains(u' ') || value.contains(u';'))
            return fail(tr("the connection option \"%1\" cannot hold spaces or semicolons").arg(key));
        options.append(key + u'=' + value);
    }
    location.m_connectOptions = options.join(u';');
    return location;
}

QString DatabaseLocation::driverName() const
{
    return m_kind == Kind::Sqlite ? u"QSQLITE"_s : u"QPSQL"_s;
}

bool DatabaseLocation::isInMemory() const
{
    return m_kind == Kind::Sqlite && m_filePath == MemoryPath;
}

QString DatabaseLocation::displayText() const
{
    if (m_kind == Kind::Sqlite)
        return m_filePath;
    QUrl url;
    url.setScheme(u"postgresql"_s);
    url.setUserName(m_userName);
    url.setHost(m_hostName);
    url.setPort(m_port);
    url.setPath(u'/' + m_databaseName);
    // With no host, QUrl drops the authority and with it the user; keep the form libpq reads.
    if (m_hostName.isEmpty())
        return u"postgresql://"_s + (m_userName.isEmpty() ? QString() : m_userName + u'@') + u'/' + m_databaseName;
    return url.toString();
}

} // namespace WebJobs
