#pragma once

// Makes a JobStore refuse every write at the database level, under a running host or a test of
// the store, to show that each refusal is reported and not swallowed.
//
// Why this way: the tests run as root in CI, and root writes to a file whatever its mode, so
// chmod of the SQLite file (or its folder) proves nothing there; and an open SQLite connection
// keeps writing through the descriptor it already has anyway. Instead the store's own session is
// switched to read-only by the database itself: SQLite's `PRAGMA query_only` (every write then
// fails with SQLITE_READONLY, "attempt to write a readonly database", the error a read-only file
// gives), PostgreSQL's `SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY` ("cannot execute
// INSERT in a read-only transaction", as on a hot standby). Reads go on working, as they do on a
// read-only database. Call it from the thread that opened the store.

#include <QString>

namespace WebJobs {
class JobStore;
}

namespace WebJobs::Test {

// True when the store's session now refuses (or, with `readOnly` false, accepts again) writes;
// `error` gets the database's reason otherwise.
bool setStoreReadOnly(const JobStore& store, bool readOnly, QString* error = nullptr);

} // namespace WebJobs::Test
