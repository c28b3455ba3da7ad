#pragma once

// A page of a triggered job's run history, newest first, with the total number of runs so that
// a view knows whether there is more to fetch. Value type, safe from any thread.

#include "core/model/JobRun.h"

#include <QList>

namespace WebJobs {

struct HistoryPage
{
    QList<JobRun> runs;
    int offset = 0;
    qint64 total = 0;
};

} // namespace WebJobs
