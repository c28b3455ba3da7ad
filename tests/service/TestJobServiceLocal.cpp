// The JobService contract (JobServiceSuite) on the local host: a LocalJobService on a
// temporary data folder.

#include "JobServiceSuite.h"

#include "core/service/LocalJobService.h"

#include <QTemporaryDir>
#include <QTest>

using namespace WebJobs;

class TestJobServiceLocal : public JobServiceSuite
{
    Q_OBJECT

protected:
    std::unique_ptr<JobService> createService() override
    {
        m_data = std::make_unique<QTemporaryDir>();
        HostOptions options;
        options.dataRoot = m_data->path();
        options.minimumUptime = std::chrono::milliseconds(0);
        return std::make_unique<LocalJobService>(options);
    }

    void destroyHost() override { m_data.reset(); }

private:
    std::unique_ptr<QTemporaryDir> m_data;
};

QTEST_GUILESS_MAIN(TestJobServiceLocal)
#include "TestJobServiceLocal.moc"
