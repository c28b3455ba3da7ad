#pragma once

// What the console's GUI tests share: the service the console shows, on a temporary data
// folder, real scripts and zips to add, and lookups of dialogs by objectName. The service is
// the embedded local host (a LocalJobService) or, for Connection::Agent, a RemoteJobService
// logged in to a real webjobs-agent that the fixture starts on loopback with a password
// (tests/support/AgentProcess), so that the same scenarios run over both connections.

#include "core/host/HostOptions.h"
#include "core/service/JobService.h"
#include "core/service/LocalJobService.h"

#include <QApplication>
#include <QTemporaryDir>
#include <QWidget>

#include <memory>
#include <optional>

namespace WebJobs::Test {

class AgentProcess;

class GuiFixture
{
public:
    enum class Connection
    {
        Local,
        Agent,
    };

    explicit GuiFixture(Connection connection = Connection::Local);
    ~GuiFixture();

    // Creates the service and waits until it is ready; false on failure. `options` may set the
    // host's tunables (the agent gets minimumUptime, restartDelay and crashLoopThreshold through
    // its WEBJOBS_* variables, in whole seconds); the data folder is the fixture's own.
    bool start(HostOptions options = defaultOptions());
    static HostOptions defaultOptions();
    void stop();
    Connection connection() const { return m_connection; }
    bool isRemote() const { return m_connection == Connection::Agent; }
    JobService* service() const { return m_service.get(); }
    // The service as the local host; null for an agent.
    LocalJobService* localService() const;
    // The agent (Connection::Agent), else null.
    AgentProcess* agent() const { return m_agent.get(); }

    QString writeFile(const QString& fileName, const QByteArray& content);
    // A zip with `files` at its root (tests/support's ZipBuilder); empty on failure.
    QString makeZip(const QString& zipName, const QMap<QString, QByteArray>& files);
    // Adds a job through the service and waits for it: a single script, or a zip of `files`.
    bool addScript(JobType type, const QString& name, const QByteArray& script, const JobSettings& settings = {});
    bool addZip(
        JobType type, const QString& name, const QMap<QString, QByteArray>& files, const JobSettings& settings = {});
    // Runs triggered job `name` through the service and waits for the end of that run; nothing
    // when it cannot start or does not end within 30 s.
    std::optional<JobRun> runAndWait(const QString& name, const QString& arguments = {});

    // The visible top-level widget of type T named `objectName`, or a child of `parent`.
    template <typename T>
    static T* find(const QString& objectName)
    {
        for (QWidget* widget : QApplication::topLevelWidgets()) {
            if (auto* typed = qobject_cast<T*>(widget);
                typed && widget->objectName() == objectName && widget->isVisible())
                return typed;
            if (auto* child = widget->findChild<T*>(objectName); child && child->window()->isVisible())
                return child;
        }
        return nullptr;
    }
    // The visible top-level windows other than `except`.
    static QStringList visibleWindows(const QWidget* except);

    // Installs our built-in catalogue for `language` ("en", "fr") on the application.
    static void installCatalogue(const QString& language);

    // Adds a continuous job that writes a line every 50 ms, opens its details and checks that
    // the log viewer follows it to its newest line; stops the job. Reports through QTest (the
    // caller returns when QTest::currentTestFailed()).
    void checkContinuousLogIsFollowed();

private:
    bool addJob(JobType type, const QString& name, const QString& path, bool isZip, const JobSettings& settings);

    Connection m_connection;
    QTemporaryDir m_data;
    QTemporaryDir m_files;
    std::unique_ptr<AgentProcess> m_agent;
    std::unique_ptr<JobService> m_service;
};

} // namespace WebJobs::Test
