#pragma once

// A JobHost on a temporary data folder, with helpers to add script jobs and wait for runs.

#include "core/host/JobHost.h"

#include <QTemporaryDir>

#include <memory>

namespace WebJobs::Test {

class HostFixture
{
public:
    explicit HostFixture(HostOptions options = {});
    ~HostFixture();

    // Restarts the host on the same data (the previous one is destroyed first).
    bool reopen(HostOptions options);
    bool reopen() { return reopen(m_options); }

    JobHost* host() const { return m_host.get(); }
    QString dataRoot() const { return m_dir.path(); }
    QString errorString() const { return m_error; }
    const HostOptions& options() const { return m_options; }

    // Writes `script` to a file named `fileName` and imports it as job `name`; true when the
    // import succeeded (waits for the operation).
    bool addScript(
        JobType type, const QString& name, const QString& fileName, const QByteArray& script, QString* error = nullptr);

    // Triggers a run and waits for it to finish; the finished run, or an empty run on failure.
    JobRun runAndWait(const QString& name, const QString& arguments = {}, int timeoutMs = 30000);

    // The output lines of a run, without their "[time > instance: LEVEL] " prefix.
    QStringList outputMessages(const QString& name, const QString& runId) const;
    QString outputText(const QString& name, const QString& runId) const;

private:
    QTemporaryDir m_dir;
    QTemporaryDir m_scripts;
    HostOptions m_options;
    std::unique_ptr<JobHost> m_host;
    QString m_error;
};

} // namespace WebJobs::Test
