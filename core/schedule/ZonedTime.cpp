#include "core/schedule/ZonedTime.h"

#include <array>

namespace WebJobs::ZonedTime {

namespace {

constexpr qint64 secondsPerDay = 86400;

QDateTime floating(QDate date, QTime time)
{
    return QDateTime(date, time, QTimeZone::utc());
}

} // namespace

QDateTime toInstant(QDate date, QTime time, const QTimeZone& zone)
{
    const QDateTime wall = floating(date, time);
    if (!zone.isValid() || zone == QTimeZone::utc())
        return wall;

    // The offsets that can apply to this wall time are among those in force a day before,
    // at, and a day after it (no zone changes its offset twice within a day).
    const std::array<int, 3> candidates {
        zone.offsetFromUtc(wall.addSecs(-secondsPerDay)),
        zone.offsetFromUtc(wall),
        zone.offsetFromUtc(wall.addSecs(secondsPerDay)),
    };
    QDateTime best;
    for (const int offset : candidates) {
        const QDateTime instant = wall.addSecs(-offset);
        if (zone.offsetFromUtc(instant) != offset)
            continue;
        if (!best.isValid() || instant < best)
            best = instant; // happens twice: the first instant wins
    }
    if (best.isValid())
        return best;

    // In a gap: read the wall time with the offset in force before the transition.
    const int before = zone.offsetFromUtc(wall.addSecs(-secondsPerDay));
    return wall.addSecs(-before);
}

QDateTime toWallClock(const QDateTime& instant, const QTimeZone& zone)
{
    const QDateTime utc = instant.toUTC();
    if (!zone.isValid() || zone == QTimeZone::utc())
        return utc;
    return utc.addSecs(zone.offsetFromUtc(utc));
}

qint64 gapLookBehindSeconds(const QDateTime& instant, const QTimeZone& zone)
{
    if (!zone.isValid() || zone == QTimeZone::utc())
        return 0;
    const int now = zone.offsetFromUtc(instant);
    const int earlier = zone.offsetFromUtc(instant.addSecs(-2 * secondsPerDay));
    return now > earlier ? now - earlier : 0;
}

QTimeZone zoneFromName(const QString& ianaName)
{
    if (ianaName.isEmpty() || ianaName == u"UTC" || ianaName == u"Etc/UTC")
        return QTimeZone::utc();
    const QByteArray id = ianaName.toUtf8();
    if (!QTimeZone::isTimeZoneIdAvailable(id))
        return {};
    return QTimeZone(id);
}

} // namespace WebJobs::ZonedTime
