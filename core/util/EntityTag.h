#pragma once

// Entity tags for conditional GETs (docs/kudu-webjobs-api.md §1.5): an opaque quoted string
// that changes when the representation changes, and the If-None-Match test.
//
// The hash is FNV-1a (64 bits), stable across runs and machines, so that a tag a client kept
// still matches after the agent restarts if nothing changed. Pure functions, any thread.

#include <QByteArray>
#include <QByteArrayView>

namespace WebJobs::EntityTag {

inline constexpr quint64 Seed = 14695981039346656037ULL;

// FNV-1a of `data`, continuing from `seed` (to hash several parts in a row).
quint64 hash(QByteArrayView data, quint64 seed = Seed);

// "\"<hex>\"": the tag of a hash.
QByteArray fromHash(quint64 value);

// The tag of a body: its hash, quoted.
QByteArray ofBody(QByteArrayView body);

// True when the If-None-Match header value lists `tag` (weak tags compared by their opaque
// part, as RFC 9110 does for GET) or is "*".
bool matchesIfNoneMatch(const QByteArray& ifNoneMatch, const QByteArray& tag);

} // namespace WebJobs::EntityTag
