#pragma once

// What the host shares with its runners and scheduler: options, paths, the store, the path
// that reports the store's failures, and the identity of this instance. Owned by JobHost;
// runners hold a pointer and live no longer.

#include "core/host/HostOptions.h"
#include "core/host/JobEnvironment.h"
#include "core/host/JobPaths.h"
#include "core/model/JobSettings.h"
#include "core/model/JobType.h"

#include <QCoreApplication>
#include <QProcessEnvironment>

namespace WebJobs {

class ClusterMember;
class JobStore;
class StoreFailures;

struct HostContext
{
    Q_DECLARE_TR_FUNCTIONS(HostContext)

public:
    HostOptions options;
    JobPaths paths;
    JobStore* store = nullptr;
    // Every store write's result goes through it (see StoreFailures.h).
    StoreFailures* failures = nullptr;
    // Set when several instances share the database (PostgreSQL); null with SQLite.
    ClusterMember* cluster = nullptr;
    QString instance; // 6 characters
    QString marker; // see ProcessReaper.h
    // What every job process starts from, read once: a clean environment, not the host's own
    // (JobEnvironment).
    QProcessEnvironment baseEnvironment = JobEnvironment::base(QProcessEnvironment::systemEnvironment());

    Instant now() const { return options.clock->now(); }

    // The environment of a job process (docs/kudu-webjobs-api.md §4.6) before the
    // type-specific variables: baseEnvironment, WEBROOT_PATH, WEBJOBS_PATH, WEBJOBS_NAME,
    // WEBJOBS_TYPE, WEBJOBS_DATA_PATH, Kudu's process marker and ours.
    QProcessEnvironment jobEnvironment(JobType type, const QString& name, const QString& workingRoot) const;

    // settings.job of a job folder (in its script directory); {} when absent or unreadable,
    // as Kudu reads it. `error` gets a sentence when the file exists but cannot be read or is
    // not valid, and is cleared otherwise.
    static JobSettings readSettings(const QString& jobFolder, QString* error = nullptr);
};

} // namespace WebJobs
