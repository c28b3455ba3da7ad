#pragma once

// Readers for the members of the model's JSON objects, shared by JobRun and Job.
//
// Each reader leaves `out` alone when the member is absent, stores the value when it has the
// expected type, and returns false when the member is present with another type, so that the
// caller can name the member in its error sentence. A JSON null reads as "no value".

#include "core/model/Duration.h"
#include "core/model/Instant.h"
#include "core/model/JobStatus.h"
#include "core/util/OrderedJson.h"

#include <QList>
#include <QString>

#include <optional>

namespace WebJobs::JsonFields {

// A string; null gives a null QString.
bool readString(const OrderedJson& object, const QString& key, QString& out);
bool readBool(const OrderedJson& object, const QString& key, bool& out);
// An integer that fits in an int; null gives std::nullopt.
bool readInt(const OrderedJson& object, const QString& key, std::optional<int>& out);
// Instant text; null gives the unset instant.
bool readInstant(const OrderedJson& object, const QString& key, Instant& out);
// TimeSpan text; null gives std::nullopt.
bool readDuration(const OrderedJson& object, const QString& key, std::optional<Duration>& out);
// A status name; null is refused.
bool readStatus(const OrderedJson& object, const QString& key, JobStatus& out);

// A string member, or null for a null QString.
OrderedJson stringOrNull(const QString& text);

// Reads every element of `array` with `read(element, &error)` (a fromJson). On the first
// failure returns std::nullopt with `describe(index from 1, error)` in `errorMessage`.
template <typename T, typename Read, typename Describe>
std::optional<QList<T>> readArray(const OrderedJson& array, QString* errorMessage, Read read, Describe describe)
{
    QList<T> result;
    result.reserve(array.size());
    for (int i = 0; i < array.size(); ++i) {
        QString elementError;
        std::optional<T> element = read(array.at(i), &elementError);
        if (!element) {
            if (errorMessage)
                *errorMessage = describe(i + 1, elementError);
            return std::nullopt;
        }
        result.append(std::move(*element));
    }
    return result;
}

} // namespace WebJobs::JsonFields
