#include "ui/InstancesDialog.h"

#include "core/service/JobService.h"
#include "ui/InstanceListModel.h"
#include "ui/ItemDelegate.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTreeView>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace WebJobs {

InstancesDialog::InstancesDialog(JobService* service, QWidget* parent)
    : QDialog(parent)
    , m_service(service)
    , m_model(new InstanceListModel(service, this))
{
    setObjectName(u"instancesDialog"_s);
    setWindowTitle(tr("Instances"));
    resize(880, 320);

    auto* intro = new QLabel(tr("The agents that share this site's job database. Each runs jobs and answers for "
                                "every run; one that stops sending heartbeats is taken for dead, its runs are "
                                "closed and its work is taken over by the others."),
        this);
    intro->setObjectName(u"instancesIntroLabel"_s);
    intro->setWordWrap(true);
    m_summaryLabel = new QLabel(this);
    m_summaryLabel->setObjectName(u"instancesSummaryLabel"_s);
    QFont bold = m_summaryLabel->font();
    bold.setBold(true);
    m_summaryLabel->setFont(bold);

    m_view = new QTreeView(this);
    m_view->setObjectName(u"instancesView"_s);
    m_view->setModel(m_model);
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->setItemDelegate(new ItemDelegate(m_view));
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setAllColumnsShowFocus(true);
    // A few rows of short values: each column as wide as its text, in any language.
    m_view->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_view->header()->setStretchLastSection(true);

    m_databaseLabel = new QLabel(this);
    m_databaseLabel->setObjectName(u"databaseLabel"_s);
    m_databaseLabel->setWordWrap(true);
    m_databaseLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->setObjectName(u"instancesButtonBox"_s);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_summaryLabel);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_databaseLabel);
    layout->addWidget(buttons);

    connect(m_service, &JobService::instancesChanged, this, &InstancesDialog::update);
    connect(m_service, &JobService::stateChanged, this, &InstancesDialog::update);
    update();
    // What the service holds may be a few seconds old: ask now.
    m_service->refreshInstances();
}

bool InstancesDialog::isWorthShowing(const JobService* service)
{
    return service->instances().size() > 1 || !service->databaseProblem().isEmpty();
}

QString InstancesDialog::summary(const JobService* service)
{
    const QList<InstanceInfo> instances = service->instances();
    if (instances.isEmpty() && service->databaseProblem().isEmpty())
        return {};
    QString text = tr("%n instance(s)", nullptr, int(instances.size()));
    const auto unresponsive = std::count_if(instances.cbegin(), instances.cend(),
        [](const InstanceInfo& instance) { return instance.state == InstanceInfo::State::Unresponsive; });
    if (unresponsive > 0)
        text = tr("%1 · %2").arg(text, tr("%n unresponsive", nullptr, int(unresponsive)));
    if (!service->databaseProblem().isEmpty())
        text = tr("%1 · %2").arg(text, tr("database unreachable"));
    return text;
}

void InstancesDialog::update()
{
    if (m_service->state() != JobService::State::Ready) {
        m_summaryLabel->setText(tr("Not connected: the instances are shown once the console is connected again."));
        m_databaseLabel->clear();
        return;
    }
    const QString summaryText = summary(m_service);
    m_summaryLabel->setText(summaryText.isEmpty() ? tr("This site runs on one instance.") : summaryText);
    const QString problem = m_service->databaseProblem();
    if (!problem.isEmpty())
        m_databaseLabel->setText(tr("Database: %1").arg(problem));
    else if (!m_service->instances().isEmpty())
        m_databaseLabel->setText(tr("Database: connected"));
    else
        m_databaseLabel->clear();
}

} // namespace WebJobs
