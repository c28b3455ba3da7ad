#include "ui/InstanceListModel.h"

#include "core/service/JobService.h"
#include "ui/JobText.h"

#include <QApplication>
#include <QFont>
#include <QStyle>

using namespace Qt::StringLiterals;

namespace WebJobs {

InstanceListModel::InstanceListModel(JobService* service, QObject* parent)
    : QAbstractTableModel(parent)
    , m_service(service)
    , m_instances(service->instances())
{
    connect(m_service, &JobService::instancesChanged, this, &InstanceListModel::update);
}

void InstanceListModel::update()
{
    const QList<InstanceInfo> instances = m_service->instances();
    bool sameRows = instances.size() == m_instances.size();
    for (qsizetype i = 0; sameRows && i < instances.size(); ++i)
        sameRows = instances.at(i).instance == m_instances.at(i).instance;
    if (!sameRows) {
        beginResetModel();
        m_instances = instances;
        endResetModel();
        return;
    }
    if (instances == m_instances)
        return;
    m_instances = instances;
    // Heartbeats move on every refresh: one signal for the whole table.
    Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

int InstanceListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_instances.size());
}

int InstanceListModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

int InstanceListModel::rowOf(const QString& instance) const
{
    for (qsizetype i = 0; i < m_instances.size(); ++i) {
        if (m_instances.at(i).instance == instance)
            return int(i);
    }
    return -1;
}

QString InstanceListModel::stateText(InstanceInfo::State state)
{
    switch (state) {
    case InstanceInfo::State::Live:
        return tr("Live");
    case InstanceInfo::State::Unresponsive:
        return tr("Unresponsive");
    }
    return {};
}

QVariant InstanceListModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const InstanceInfo& instance = m_instances.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case InstanceColumn:
            return instance.current ? tr("%1 (this connection)").arg(instance.instance) : instance.instance;
        case HostNameColumn:
            return instance.hostName;
        case PidColumn:
            // An identifier, not a quantity: no group separators.
            return QString::number(instance.pid);
        case StartedColumn:
            return JobText::preciseDateTime(instance.started);
        case HeartbeatColumn:
            return JobText::preciseDateTime(instance.heartbeat);
        case StateColumn:
            return stateText(instance.state);
        }
        break;
    case RawValueRole:
        switch (index.column()) {
        case InstanceColumn:
            return instance.instance;
        case HostNameColumn:
            return instance.hostName;
        case PidColumn:
            return instance.pid;
        case StartedColumn:
            return instance.started.ticks();
        case HeartbeatColumn:
            return instance.heartbeat.ticks();
        case StateColumn:
            return int(instance.state);
        }
        break;
    case CurrentRole:
        return instance.current;
    case Qt::FontRole:
        if (instance.current) {
            QFont font;
            font.setBold(true);
            return font;
        }
        break;
    case Qt::DecorationRole:
        if (index.column() == StateColumn && instance.state == InstanceInfo::State::Unresponsive)
            return QApplication::style()->standardIcon(QStyle::SP_MessageBoxWarning);
        break;
    case Qt::ToolTipRole:
        if (index.column() == InstanceColumn && instance.current)
            return tr("The console talks to this instance.");
        if (index.column() == StateColumn && instance.state == InstanceInfo::State::Unresponsive)
            return tr("No heartbeat for too long: the other instances close its runs and take over its work.");
        break;
    case Qt::TextAlignmentRole:
        if (index.column() == PidColumn)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        break;
    default:
        break;
    }
    return {};
}

QVariant InstanceListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case InstanceColumn:
        return tr("Instance");
    case HostNameColumn:
        return tr("Host name");
    case PidColumn:
        return tr("Process id");
    case StartedColumn:
        return tr("Started");
    case HeartbeatColumn:
        return tr("Last heartbeat");
    case StateColumn:
        return tr("State");
    }
    return {};
}

} // namespace WebJobs
