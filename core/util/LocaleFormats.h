#pragma once

// The formats in which a person reads dates and times of day, taken from a locale: its own
// clock (12-hour "9:30 AM" in English, 24-hour "09:30" in French) and its own order of day,
// month and year, always with the year written whole. The console's labels, summaries and
// date editors all take their formats from here, so that one locale shows one convention.
//
// Pure functions, safe on any thread.

#include <QLocale>
#include <QString>

namespace WebJobs::LocaleFormats {

// The locale's short date format with a four-digit year: "M/d/yyyy", "dd/MM/yyyy".
QString date(const QLocale& locale);
// The locale's short time-of-day format: "h:mm AP" in English, "HH:mm" in French.
QString time(const QLocale& locale);
// The same with seconds after the minutes: "h:mm:ss AP", "HH:mm:ss".
QString timeWithSeconds(const QLocale& locale);
// date() and time() together, as a date-time editor shows them.
QString dateTime(const QLocale& locale);

} // namespace WebJobs::LocaleFormats
