// The JobService contract (JobServiceSuite) over HTTP: a RemoteJobService talking to the real
// webjobs-agent, started for each test on loopback with a user and password.

#include "JobServiceSuite.h"

#include "core/service/RemoteJobService.h"
#include "tests/support/AgentProcess.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace WebJobs;
using namespace WebJobs::Test;

class TestJobServiceAgent : public JobServiceSuite
{
    Q_OBJECT

protected:
    std::unique_ptr<JobService> createService() override
    {
        m_agent = std::make_unique<AgentProcess>();
        if (!m_agent->start()) {
            qWarning().noquote() << m_agent->failure();
            return nullptr;
        }
        RemoteJobService::Options options;
        options.url = QUrl(m_agent->baseUrl());
        options.user = QString::fromLatin1(AgentProcess::User);
        options.password = QString::fromUtf8(AgentProcess::Password);
        return std::make_unique<RemoteJobService>(options);
    }

    void destroyHost() override
    {
        if (m_agent)
            m_agent->terminate();
        m_agent.reset();
    }

private Q_SLOTS:
    // Beyond the contract: what the agent adds over Kudu's API is detected and used.
    void detectsTheAgentsExtensions();

private:
    std::unique_ptr<AgentProcess> m_agent;
};

void TestJobServiceAgent::detectsTheAgentsExtensions()
{
    auto* remote = qobject_cast<RemoteJobService*>(service());
    QVERIFY(remote);
    QCOMPARE(remote->capabilities(),
        JobService::Capability::AbortRun | JobService::Capability::LiveChanges | JobService::Capability::Recurrence);
    QCOMPARE(remote->displayName(), m_agent->baseUrl());
    // Loopback: no warning about plain HTTP.
    QVERIFY(!remote->isInsecure());
    QVERIFY(remote->insecureWarning().isEmpty());
    QVERIFY(remote->logUrl(JobType::Triggered, u"job"_s, u"1"_s)
                .toString()
                .startsWith(m_agent->baseUrl() + u"/vfs/data/jobs/triggered/job/1/"_s));

    // The agent keeps a recurrence as it is.
    QVERIFY(add(JobType::Triggered, u"weekly"_s, writeScript(u"run.sh"_s, "echo")).ok());
    JobSettings settings;
    settings.setRecurrence(
        QJsonObject {{u"recurrence"_s, QJsonObject {{u"frequency"_s, u"week"_s}, {u"interval"_s, 2}}}});
    const ServiceReply written = Test::await(remote->setSettings(JobType::Triggered, u"weekly"_s, settings));
    QVERIFY2(written.ok(), qPrintable(written.error.message));
    QCOMPARE(Test::await(remote->settings(JobType::Triggered, u"weekly"_s)), settings);
}

QTEST_GUILESS_MAIN(TestJobServiceAgent)
#include "TestJobServiceAgent.moc"
