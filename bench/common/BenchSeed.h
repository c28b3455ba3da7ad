#pragma once

// The data every benchmark of the API and the console starts from: `jobs` triggered job
// folders (a one-line script each) and `runsPerJob` finished runs per job in the store, one
// hour apart, one in ten failed.

#include "common/BenchStats.h"
#include "core/model/Duration.h"
#include "core/model/Instant.h"
#include "core/store/JobStore.h"

#include <QDir>
#include <QFile>
#include <QString>

#include <memory>

namespace WebJobs::Bench {

using namespace Qt::StringLiterals;

inline QString jobName(int index)
{
    return u"job-%1"_s.arg(index, 4, 10, QChar(u'0'));
}

inline bool seed(const QString& dataRoot, int jobs, int runsPerJob)
{
    for (int i = 0; i < jobs; ++i) {
        const QString folder = dataRoot + u"/site/wwwroot/App_Data/jobs/triggered/"_s + jobName(i);
        QDir().mkpath(folder);
        QFile file(folder + u"/run.sh"_s);
        if (!file.open(QIODevice::WriteOnly))
            return false;
        file.write("#!/bin/sh\necho hello\n");
    }
    QString error;
    std::unique_ptr<JobStore> store = JobStore::open(QDir(dataRoot).absoluteFilePath(u"webjobs.db"_s), &error);
    if (!store) {
        out() << "cannot open the store: " << error << Qt::endl;
        return false;
    }
    const Instant base = Instant::now() - Duration::fromSeconds(qint64(runsPerJob) * 3600);
    return store->transaction([&] {
        for (int i = 0; i < jobs; ++i) {
            const Instant now = Instant::now();
            if (!store->upsertJob({JobType::Triggered, jobName(i), u"run.sh"_s, now, now}))
                return false;
            for (int r = 0; r < runsPerJob; ++r) {
                RunRecord run;
                run.jobName = jobName(i);
                run.startTime = base + Duration::fromSeconds(qint64(r) * 3600 + i);
                run.id = run.startTime.toRunId();
                run.endTime = run.startTime + Duration::fromSeconds(2);
                run.status = r % 10 == 9 ? JobStatus::Failed : JobStatus::Success;
                run.exitCode = run.status == JobStatus::Success ? 0 : 1;
                run.trigger = u"Schedule - 0 0 * * * *"_s;
                run.instance = u"bench0"_s;
                if (store->insertRun(run) != JobStore::InsertRunResult::Inserted)
                    return false;
            }
        }
        return true;
    });
}

} // namespace WebJobs::Bench
