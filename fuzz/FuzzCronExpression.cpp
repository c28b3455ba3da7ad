// libFuzzer target: the six-field NCRONTAB parser of settings.job (core/schedule/CronExpression)
// and, for what it accepts, its next occurrences in UTC and across a DST change: they must be
// later than the instant asked about and in order.

#include "core/schedule/CronExpression.h"

#include <QDateTime>
#include <QTimeZone>

#include <cstddef>
#include <cstdint>
#include <cstdlib>

using WebJobs::CronExpression;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QString text = QString::fromUtf8(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    QString error;
    const CronExpression cron = CronExpression::parse(text, &error);
    if (!cron.isValid()) {
        if (error.isEmpty())
            std::abort(); // a refusal always says why
        return 0;
    }
    static const QDateTime after = QDateTime(QDate(2024, 3, 30), QTime(23, 59, 30), QTimeZone::utc());
    static const QTimeZone paris("Europe/Paris");
    for (const QTimeZone& zone : {QTimeZone::utc(), paris}) {
        QDateTime previous = after;
        for (const QDateTime& next : cron.occurrences(after, 3, zone)) {
            if (!next.isValid() || next <= previous)
                std::abort();
            previous = next;
        }
    }
    return 0;
}
