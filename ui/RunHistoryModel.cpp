#include "ui/RunHistoryModel.h"

#include "core/service/JobService.h"
#include "ui/FutureCallback.h"
#include "ui/JobText.h"

#include <QBrush>
#include <QDateTime>

namespace WebJobs {

RunHistoryModel::RunHistoryModel(JobService* service, const QString& jobName, QObject* parent)
    : QAbstractTableModel(parent)
    , m_service(service)
    , m_jobName(jobName)
{
    const auto onRun = [this](const JobRun& run) {
        if (run.jobName() == m_jobName)
            reload();
    };
    connect(service, &JobService::runStarted, this, onRun);
    connect(service, &JobService::runFinished, this, onRun);
    reload();
}

int RunHistoryModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_runs.size());
}

int RunHistoryModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RunHistoryModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const JobRun& run = m_runs.at(index.row());
    if (role == RunIdRole)
        return run.id();
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case StartColumn:
            return JobText::preciseDateTime(run.startTime());
        case DurationColumn:
            return JobText::duration(run.elapsed(Instant::now()));
        case StatusColumn:
            return JobText::status(run.status());
        case TriggerColumn:
            return JobText::trigger(run.trigger());
        }
    } else if (role == RawValueRole) {
        switch (index.column()) {
        case StartColumn:
            return run.startTime().ticks();
        case DurationColumn:
            return run.duration() ? run.duration()->ticks() : qint64(-1);
        case StatusColumn:
            return int(run.status());
        case TriggerColumn:
            return run.trigger();
        }
    } else if (role == Qt::ForegroundRole && index.column() == StatusColumn) {
        if (run.status() == JobStatus::Failed)
            return QBrush(Qt::red);
        if (run.status() == JobStatus::Success)
            return QBrush(Qt::darkGreen);
    }
    return {};
}

QVariant RunHistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case StartColumn:
        return tr("Start time");
    case DurationColumn:
        return tr("Duration");
    case StatusColumn:
        return tr("Status");
    case TriggerColumn:
        return tr("Trigger");
    }
    return {};
}

bool RunHistoryModel::canFetchMore(const QModelIndex& parent) const
{
    return !parent.isValid() && !m_fetching && m_runs.size() < m_total;
}

void RunHistoryModel::fetchMore(const QModelIndex& parent)
{
    if (!canFetchMore(parent))
        return;
    m_fetching = true;
    const quint64 generation = m_generation;
    whenFinished(
        this, m_service->history(m_jobName, int(m_runs.size()), PageSize), [this, generation](const HistoryPage& page) {
            m_fetching = false;
            // A reload since the request makes this page stale.
            if (generation != m_generation || page.offset != m_runs.size())
                return;
            m_total = page.total;
            if (!page.runs.isEmpty()) {
                beginInsertRows({}, int(m_runs.size()), int(m_runs.size() + page.runs.size() - 1));
                m_runs.append(page.runs);
                endInsertRows();
            }
            Q_EMIT loaded();
        });
}

void RunHistoryModel::reload()
{
    const quint64 generation = ++m_generation;
    const int limit = std::max<int>(PageSize, int(m_runs.size()));
    whenFinished(this, m_service->history(m_jobName, 0, limit), [this, generation](const HistoryPage& page) {
        if (generation != m_generation)
            return;
        m_fetching = false;
        beginResetModel();
        m_runs = page.runs;
        m_total = page.total;
        endResetModel();
        Q_EMIT loaded();
    });
}

} // namespace WebJobs
