#include "core/util/EntityTag.h"

#include <QList>

namespace WebJobs::EntityTag {

quint64 hash(QByteArrayView data, quint64 seed)
{
    quint64 value = seed;
    for (const char c : data) {
        value ^= static_cast<quint8>(c);
        value *= 1099511628211ULL;
    }
    return value;
}

QByteArray fromHash(quint64 value)
{
    return '"' + QByteArray::number(value, 16) + '"';
}

QByteArray ofBody(QByteArrayView body)
{
    return fromHash(hash(body));
}

bool matchesIfNoneMatch(const QByteArray& ifNoneMatch, const QByteArray& tag)
{
    const QByteArray wanted = tag.startsWith("W/") ? tag.mid(2) : tag;
    const QList<QByteArray> candidates = ifNoneMatch.split(',');
    for (const QByteArray& candidate : candidates) {
        QByteArray text = candidate.trimmed();
        if (text == "*")
            return true;
        if (text.startsWith("W/"))
            text = text.mid(2);
        if (!text.isEmpty() && text == wanted)
            return true;
    }
    return false;
}

} // namespace WebJobs::EntityTag
