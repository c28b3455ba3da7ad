#include "GuiFixture.h"

#include "core/service/LocalJobService.h"
#include "core/service/RemoteJobService.h"
#include "tests/support/AgentProcess.h"
#include "tests/support/ZipBuilder.h"
#include "ui/JobDetailsDialog.h"
#include "ui/log/LogDocument.h"
#include "ui/log/LogView.h"
#include "ui/log/LogViewer.h"

#include <QFile>
#include <QSignalSpy>
#include <QTest>
#include <QTranslator>

using namespace Qt::StringLiterals;

namespace WebJobs::Test {

void GuiFixture::installCatalogue(const QString& language)
{
    auto* catalogue = new QTranslator(qApp);
    if (!catalogue->load(u":/i18n/webjobs_"_s + language))
        qFatal("the built-in webjobs_%s catalogue is missing", qPrintable(language));
    QCoreApplication::installTranslator(catalogue);
}

GuiFixture::GuiFixture(Connection connection)
    : m_connection(connection)
{ }

GuiFixture::~GuiFixture()
{
    stop();
}

LocalJobService* GuiFixture::localService() const
{
    return qobject_cast<LocalJobService*>(m_service.get());
}

HostOptions GuiFixture::defaultOptions()
{
    HostOptions options;
    options.minimumUptime = std::chrono::milliseconds(0);
    return options;
}

bool GuiFixture::start(HostOptions options)
{
    options.dataRoot = m_data.path();
    if (m_connection == Connection::Local) {
        m_service = std::make_unique<LocalJobService>(options);
    } else {
        using std::chrono::duration_cast;
        using std::chrono::seconds;
        AgentProcess::Options agentOptions;
        agentOptions.dataRoot = options.dataRoot;
        agentOptions.environment = {
            {u"WEBJOBS_MINIMUM_UPTIME"_s, QString::number(duration_cast<seconds>(options.minimumUptime).count())},
            {u"WEBJOBS_RESTART_TIME"_s, QString::number(duration_cast<seconds>(options.restartDelay).count())},
            {u"WEBJOBS_CRASH_LOOP_THRESHOLD"_s, QString::number(options.crashLoopThreshold)},
        };
        m_agent = std::make_unique<AgentProcess>();
        if (!m_agent->start(agentOptions)) {
            qWarning().noquote() << "cannot start webjobs-agent:" << m_agent->failure();
            return false;
        }
        RemoteJobService::Options remote;
        remote.url = QUrl(m_agent->baseUrl());
        remote.user = QString::fromLatin1(AgentProcess::User);
        remote.password = QString::fromUtf8(AgentProcess::Password);
        m_service = std::make_unique<RemoteJobService>(remote);
    }
    return QTest::qWaitFor([this] { return m_service->state() != JobService::State::Connecting; }, 30000)
        && m_service->state() == JobService::State::Ready;
}

void GuiFixture::stop()
{
    m_service.reset();
    if (m_agent)
        m_agent->terminate();
    m_agent.reset();
}

QString GuiFixture::writeFile(const QString& fileName, const QByteArray& content)
{
    const QString path = m_files.filePath(fileName);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(content) != content.size())
        return {};
    return path;
}

QString GuiFixture::makeZip(const QString& zipName, const QMap<QString, QByteArray>& files)
{
    QList<ZipEntry> entries;
    for (auto it = files.cbegin(); it != files.cend(); ++it)
        entries.append(ZipEntry::file(it.key(), it.value(), it.key().endsWith(u".sh"_s) ? 0755 : 0644));
    const QString zipPath = m_files.filePath(zipName);
    return writeZip(zipPath, entries) ? zipPath : QString();
}

bool GuiFixture::addScript(JobType type, const QString& name, const QByteArray& script, const JobSettings& settings)
{
    const QString path = writeFile(name + u".sh"_s, script);
    return !path.isEmpty() && addJob(type, name, path, false, settings);
}

bool GuiFixture::addZip(
    JobType type, const QString& name, const QMap<QString, QByteArray>& files, const JobSettings& settings)
{
    const QString path = makeZip(name + u".zip"_s, files);
    return !path.isEmpty() && addJob(type, name, path, true, settings);
}

bool GuiFixture::addJob(JobType type, const QString& name, const QString& path, bool isZip, const JobSettings& settings)
{
    AddJobOperation* operation = m_service->addJob(type, name, path, isZip, settings);
    QSignalSpy finished(operation, &AddJobOperation::finished);
    if (!finished.wait(30000))
        return false;
    const auto error = finished.at(0).at(0).value<ServiceError>();
    if (!error.ok())
        qWarning("cannot add job %s: %s", qPrintable(name), qPrintable(error.message));
    return error.ok();
}

std::optional<JobRun> GuiFixture::runAndWait(const QString& name, const QString& arguments)
{
    QSignalSpy finished(m_service.get(), &JobService::runFinished);
    QFuture<ServiceReply> reply = m_service->triggerRun(name, arguments);
    if (!QTest::qWaitFor([&] { return reply.isFinished(); }, 30000)) {
        qWarning("no answer to the run of %s", qPrintable(name));
        return std::nullopt;
    }
    if (!reply.result().ok()) {
        qWarning("cannot run %s: %s", qPrintable(name), qPrintable(reply.result().error.message));
        return std::nullopt;
    }
    const QString runId = reply.result().runId;
    const auto ended = [&]() -> std::optional<JobRun> {
        for (const QList<QVariant>& emitted : std::as_const(finished)) {
            const auto run = emitted.at(0).value<JobRun>();
            if (run.id() == runId)
                return run;
        }
        return std::nullopt;
    };
    if (!QTest::qWaitFor([&] { return ended().has_value(); }, 30000))
        qWarning("run %s of %s did not end within 30 s", qPrintable(runId), qPrintable(name));
    return ended();
}

QStringList GuiFixture::visibleWindows(const QWidget* except)
{
    QStringList names;
    for (QWidget* widget : QApplication::topLevelWidgets()) {
        if (widget != except && widget->isVisible() && widget->isWindow() && !widget->inherits("QMenu")
            && !widget->inherits("QTipLabel"))
            names.append(widget->objectName().isEmpty() ? QString::fromLatin1(widget->metaObject()->className())
                                                        : widget->objectName());
    }
    return names;
}

void GuiFixture::checkContinuousLogIsFollowed()
{
    QVERIFY(addScript(JobType::Continuous, u"ticker"_s,
        "#!/bin/sh\nn=0\nwhile true; do n=$((n+1)); echo \"beat $n\"; sleep 0.05; done\n"));
    QFuture<std::optional<JobEntry>> entry = service()->job(JobType::Continuous, u"ticker"_s);
    QTRY_VERIFY_WITH_TIMEOUT(entry.isFinished(), 30000);
    QVERIFY(entry.result());
    JobDetailsDialog dialog(service(), *entry.result());
    dialog.show();
    LogViewer* viewer = dialog.logViewer();
    QVERIFY(viewer);
    QVERIFY(viewer->view()->isFollowing());
    QTRY_VERIFY_WITH_TIMEOUT(viewer->view()->visibleText().contains(u"beat 3"_s), 30000);
    const qint64 lines = viewer->document()->lineCount();
    QTRY_VERIFY_WITH_TIMEOUT(viewer->document()->lineCount() >= lines + 5, 30000);
    QTRY_VERIFY(viewer->view()->visibleLines().contains(viewer->document()->lineCount() - 1));
    QFuture<ServiceReply> stopped = service()->stopContinuous(u"ticker"_s);
    QTRY_VERIFY_WITH_TIMEOUT(stopped.isFinished(), 30000);
}

} // namespace WebJobs::Test
