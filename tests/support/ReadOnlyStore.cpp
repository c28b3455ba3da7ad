#include "ReadOnlyStore.h"

#include "core/store/JobStore.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace WebJobs::Test {

bool setStoreReadOnly(const JobStore& store, bool readOnly, QString* error)
{
    QSqlDatabase db = QSqlDatabase::database(store.connectionName(), false);
    if (!db.isOpen()) {
        if (error)
            *error = u"the store's connection is not open in this thread"_s;
        return false;
    }
    const bool sqlite = store.location().kind() == DatabaseLocation::Kind::Sqlite;
    const QString sql = sqlite ? (readOnly ? u"PRAGMA query_only = ON"_s : u"PRAGMA query_only = OFF"_s)
                               : (readOnly ? u"SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY"_s
                                           : u"SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE"_s);
    QSqlQuery query(db);
    if (!query.exec(sql)) {
        if (error)
            *error = query.lastError().text();
        return false;
    }
    return true;
}

} // namespace WebJobs::Test
