#include "HostFixture.h"

#include <QFile>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;

namespace WebJobs::Test {

HostFixture::HostFixture(HostOptions options)
{
    reopen(std::move(options));
}

HostFixture::~HostFixture() = default;

bool HostFixture::reopen(HostOptions options)
{
    m_host.reset();
    m_options = std::move(options);
    m_options.dataRoot = m_dir.path();
    m_host = std::make_unique<JobHost>(m_options);
    m_error.clear();
    if (!m_host->open(&m_error)) {
        qWarning() << "JobHost::open failed:" << m_error;
        return false;
    }
    return true;
}

bool HostFixture::addScript(
    JobType type, const QString& name, const QString& fileName, const QByteArray& script, QString* error)
{
    const QString path = m_scripts.filePath(name + u'-' + fileName);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(script) != script.size())
        return false;
    file.close();
    ImportOperation* operation = m_host->addJob(type, name, path, fileName, false);
    QSignalSpy finished(operation, &ImportOperation::finished);
    if (!finished.wait(30000))
        return false;
    const auto result = finished.at(0).at(0).value<ServiceError>();
    if (error)
        *error = result.message;
    return result.ok();
}

JobRun HostFixture::runAndWait(const QString& name, const QString& arguments, int timeoutMs)
{
    QSignalSpy finished(m_host.get(), &JobHost::runFinished);
    QString runId;
    const ServiceError error = m_host->triggerRun(name, arguments, u"External - test"_s, &runId);
    if (!error.ok()) {
        qWarning() << "triggerRun failed:" << error.message;
        return {};
    }
    for (;;) {
        for (const QList<QVariant>& signal : std::as_const(finished)) {
            const JobRun run = signal.at(0).value<JobRun>();
            if (run.id() == runId)
                return run;
        }
        if (!finished.wait(timeoutMs))
            return {};
    }
}

QString HostFixture::outputText(const QString& name, const QString& runId) const
{
    QFile file(m_host->context().paths.outputLog(name, runId));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.readAll());
}

QStringList HostFixture::outputMessages(const QString& name, const QString& runId) const
{
    QStringList messages;
    const QStringList lines = outputText(name, runId).split(u"\r\n"_s, Qt::SkipEmptyParts);
    for (const QString& line : lines)
        messages.append(line.section(u"] "_s, 1));
    return messages;
}

} // namespace WebJobs::Test
