#pragma once

// Small helpers shared by the benchmark programs: percentiles and aligned report lines.

#include <QList>
#include <QString>
#include <QTextStream>

#include <algorithm>
#include <cmath>

namespace WebJobs::Bench {

// The p-th percentile (0..100) of `values`, nearest-rank.
inline double percentile(QList<double> values, double p)
{
    if (values.isEmpty())
        return 0;
    std::sort(values.begin(), values.end());
    const qsizetype rank
        = std::clamp<qsizetype>(qsizetype(std::ceil(p / 100.0 * double(values.size()))) - 1, 0, values.size() - 1);
    return values.at(rank);
}

inline QTextStream& out()
{
    static QTextStream stream(stdout);
    return stream;
}

} // namespace WebJobs::Bench
