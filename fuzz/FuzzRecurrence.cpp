// libFuzzer target: the schedule wizard's recurrence JSON (core/schedule/Recurrence): parsed,
// checked as the agent checks it, and for what passes, its next runs, which must be in order.

#include "core/schedule/Recurrence.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimeZone>

#include <cstddef>
#include <cstdint>
#include <cstdlib>

using WebJobs::Recurrence;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QJsonDocument document
        = QJsonDocument::fromJson(QByteArray(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size)));
    if (!document.isObject())
        return 0;
    QString error;
    std::optional<Recurrence> recurrence = Recurrence::fromJson(document.object(), &error);
    if (!recurrence) {
        if (error.isEmpty())
            std::abort(); // a refusal always says why
        return 0;
    }
    static const QDateTime created = QDateTime(QDate(2024, 3, 30), QTime(23, 59, 30), QTimeZone::utc());
    if (!recurrence->checkStructure().isEmpty() || !recurrence->validate(created).isEmpty())
        return 0;
    QDateTime previous;
    for (const QDateTime& run : recurrence->runs(created, 4)) {
        if (!run.isValid() || (previous.isValid() && run <= previous))
            std::abort();
        previous = run;
    }
    return 0;
}
