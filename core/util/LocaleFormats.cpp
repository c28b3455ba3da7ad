#include "core/util/LocaleFormats.h"

using namespace Qt::StringLiterals;

namespace WebJobs::LocaleFormats {

QString date(const QLocale& locale)
{
    // Short formats write two-digit years ("12/7/26"): a year is always written whole.
    QString format = locale.dateFormat(QLocale::ShortFormat);
    if (!format.contains(u"yyyy"_s))
        format.replace(u"yy"_s, u"yyyy"_s);
    return format;
}

QString time(const QLocale& locale)
{
    return locale.timeFormat(QLocale::ShortFormat);
}

QString timeWithSeconds(const QLocale& locale)
{
    QString format = time(locale);
    // The short format of every locale has minutes and no seconds: add them after the minutes.
    if (!format.contains(u's'))
        format.replace(u"mm"_s, u"mm:ss"_s);
    return format;
}

QString dateTime(const QLocale& locale)
{
    return date(locale) + u' ' + time(locale);
}

} // namespace WebJobs::LocaleFormats
