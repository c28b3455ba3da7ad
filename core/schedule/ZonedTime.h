#pragma once

// Wall-clock arithmetic in a named time zone, with the project's DST rules.
//
// Schedules are written in wall-clock terms ("every day at 02:30 in Europe/Paris"), while the
// scheduler arms timers on instants. The conversion from a wall-clock time to an instant is
// the only place where daylight-saving transitions matter, and it follows two rules:
//  - a wall-clock time that does not exist (the clock springs forward over it) maps to the
//    instant that the same wall-clock reading would have with the offset in force *before*
//    the gap, which lands the same distance after the gap (02:30 -> 03:30 in Paris);
//  - a wall-clock time that happens twice (the clock falls back) maps to its first instant.
//
// Everything here is a pure function: no I/O, no timers, safe from any thread.

#include <QDateTime>
#include <QTimeZone>

namespace WebJobs::ZonedTime {

// The instant (in UTC) at which the wall clock of `zone` reads `date` `time`.
QDateTime toInstant(QDate date, QTime time, const QTimeZone& zone);

// The wall-clock reading of `zone` at `instant`, as a QDateTime in Qt::UTC spec whose
// date and time fields are the local ones (a "floating" wall time).
QDateTime toWallClock(const QDateTime& instant, const QTimeZone& zone);

// How far back, in seconds, a search over wall-clock times must start from the wall-clock
// reading of `instant` so that it does not miss a shifted gap time that maps after
// `instant` (0 outside the hours that follow a spring-forward transition).
qint64 gapLookBehindSeconds(const QDateTime& instant, const QTimeZone& zone);

// A QTimeZone for an IANA identifier; an invalid zone when the name is unknown.
QTimeZone zoneFromName(const QString& ianaName);

} // namespace WebJobs::ZonedTime
