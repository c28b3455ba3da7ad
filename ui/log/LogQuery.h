#pragma once

// What a search or a filter of the log viewer looks for: a text (plain, or a regular expression
// in PCRE syntax), its case sensitivity, and which levels of Kudu's line prefix pass
// (LogLinePrefix::Filter). An empty text with every level is no query at all. Value type.

#include "ui/log/LogLinePrefix.h"

#include <QString>

namespace WebJobs {

struct LogQuery
{
    QString text;
    bool regex = false;
    bool caseSensitive = false;
    int levels = LogLinePrefix::ShowAll;

    bool hasPattern() const { return !text.isEmpty(); }
    bool filtersLevels() const { return (levels & LogLinePrefix::ShowAll) != LogLinePrefix::ShowAll; }
    bool isEmpty() const { return !hasPattern() && !filtersLevels(); }
    bool operator==(const LogQuery&) const = default;
};

} // namespace WebJobs
