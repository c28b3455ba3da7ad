#include "ui/JobListModel.h"

#include "core/service/JobService.h"
#include "ui/FutureCallback.h"
#include "ui/JobText.h"

#include <QApplication>
#include <QBrush>
#include <QFont>
#include <QPalette>
#include <QStyle>

using namespace Qt::StringLiterals;

namespace WebJobs {

JobListModel::JobListModel(JobService* service, QObject* parent)
    : QAbstractTableModel(parent)
    , m_service(service)
{
    connect(service, &JobService::jobAdded, this, &JobListModel::addEntry);
    connect(service, &JobService::jobRemoved, this, &JobListModel::removeEntry);
    connect(service, &JobService::jobsChanged, this, &JobListModel::updateEntries);
    connect(service, &JobService::stateChanged, this, [this](JobService::State state) {
        if (state == JobService::State::Ready)
            refresh();
    });
    if (service->state() == JobService::State::Ready)
        refresh();
}

int JobListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int JobListModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant JobListModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row& row = m_entries.at(index.row());
    const JobEntry& entry = row.entry;
    const Job& job = entry.job;
    const std::optional<JobRun> latest = job.latestRun();

    if (role == KeyRole)
        return entry.key();
    if (role == StatusRole)
        return int(row.status);

    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            return job.name();
        case TypeColumn:
            return JobText::type(job.type());
        case ModeColumn:
            return row.mode;
        case StatusColumn:
            // A folder the engine could not load as a job: `error` says why.
            if (!job.error().isEmpty() && job.runCommand().isEmpty())
                return tr("Not loaded");
            if (job.isTriggered() && !latest)
                return tr("Ready");
            return JobText::status(row.status);
        case LastRunColumn:
            if (!latest)
                return job.isTriggered() ? tr("Never") : QString();
            // The status has a column of its own: the time alone.
            return JobText::dateTime(latest->startTime());
        case NextRunColumn:
            return JobText::dateTime(entry.nextRun);
        case LogsColumn:
            // A triggered job has a log once it has run.
            return job.isContinuous() || latest ? tr("Logs") : QString();
        }
        break;
    case RawValueRole:
        switch (index.column()) {
        case NameColumn:
            return job.name();
        case TypeColumn:
            return int(job.type());
        case ModeColumn:
            return row.mode;
        case StatusColumn:
            return int(row.status);
        case LastRunColumn:
            return latest ? latest->startTime().ticks() : qint64(0);
        case NextRunColumn:
            return entry.nextRun.ticks();
        case LogsColumn:
            return job.name();
        }
        break;
    case Qt::ToolTipRole:
        if (index.column() == LogsColumn)
            return tr("Open the log of the latest run");
        if (index.column() == ModeColumn)
            return row.mode;
        if (index.column() == StatusColumn && !job.error().isEmpty())
            return job.error();
        break;
    case Qt::DecorationRole:
        if (index.column() == StatusColumn && !job.error().isEmpty())
            return QApplication::style()->standardIcon(QStyle::SP_MessageBoxWarning);
        break;
    case Qt::ForegroundRole:
        if (index.column() == LogsColumn)
            return QApplication::palette().brush(QPalette::Link);
        if (index.column() == StatusColumn) {
            const JobStatus status = row.status;
            if (status == JobStatus::Failed || status == JobStatus::CrashLoop || !job.error().isEmpty())
                return QBrush(Qt::red);
        }
        break;
    case Qt::FontRole:
        if (index.column() == LogsColumn) {
            QFont font;
            font.setUnderline(true);
            return font;
        }
        break;
    default:
        break;
    }
    return {};
}

QVariant JobListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn:
        return tr("Name");
    case TypeColumn:
        return tr("Type");
    case ModeColumn:
        return tr("Schedule");
    case StatusColumn:
        return tr("Status");
    case LastRunColumn:
        return tr("Last run");
    case NextRunColumn:
        return tr("Next run");
    case LogsColumn:
        return tr("Logs");
    }
    return {};
}

void JobListModel::refresh()
{
    whenFinished(this, m_service->jobs(), [this](const QList<JobEntry>& entries) { setEntries(entries); });
}

JobListModel::Row JobListModel::makeRow(const JobEntry& entry)
{
    return {entry, JobText::mode(entry.job), JobText::displayStatus(entry.job)};
}

void JobListModel::setEntries(const QList<JobEntry>& entries)
{
    beginResetModel();
    m_entries.clear();
    m_entries.reserve(entries.size());
    for (const JobEntry& entry : entries)
        m_entries.append(makeRow(entry));
    m_rows.clear();
    rebuildIndex(0);
    m_loaded = true;
    endResetModel();
    Q_EMIT loaded();
}

const JobEntry* JobListModel::entryAt(const QModelIndex& index) const
{
    if (!index.isValid() || index.model() != this || index.row() >= m_entries.size())
        return nullptr;
    return &m_entries.at(index.row()).entry;
}

QModelIndex JobListModel::indexOf(JobType type, const QString& name) const
{
    const auto it = m_rows.constFind(JobEntry::keyOf(type, name));
    return it == m_rows.cend() ? QModelIndex() : index(*it, 0);
}

void JobListModel::addEntry(const JobEntry& entry)
{
    if (const auto it = m_rows.constFind(entry.key()); it != m_rows.cend()) {
        updateEntries({entry});
        return;
    }
    const int row = int(m_entries.size());
    beginInsertRows({}, row, row);
    m_entries.append(makeRow(entry));
    m_rows.insert(entry.key(), row);
    endInsertRows();
}

void JobListModel::removeEntry(JobType type, const QString& name)
{
    const auto it = m_rows.constFind(JobEntry::keyOf(type, name));
    if (it == m_rows.cend())
        return;
    const int row = *it;
    beginRemoveRows({}, row, row);
    m_rows.remove(JobEntry::keyOf(type, name));
    m_entries.removeAt(row);
    rebuildIndex(row);
    endRemoveRows();
}

void JobListModel::updateEntries(const QList<JobEntry>& entries)
{
    int first = -1;
    int last = -1;
    for (const JobEntry& entry : entries) {
        const auto it = m_rows.constFind(entry.key());
        if (it == m_rows.cend())
            continue;
        const int row = *it;
        m_entries[row] = makeRow(entry);
        first = first < 0 ? row : std::min(first, row);
        last = std::max(last, row);
    }
    // One signal for the whole batch: views repaint the span once.
    if (first >= 0)
        Q_EMIT dataChanged(index(first, 0), index(last, ColumnCount - 1));
}

void JobListModel::rebuildIndex(int from)
{
    for (int row = from; row < m_entries.size(); ++row)
        m_rows.insert(m_entries.at(row).entry.key(), row);
}

} // namespace WebJobs
