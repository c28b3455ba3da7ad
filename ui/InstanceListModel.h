#pragma once

// The instances of a site that runs several agents on one database (JobService::instances()),
// one row each, in the order the server lists them: id, host name, process id, start, last
// heartbeat (in the operator's locale formats, with seconds), and live or unresponsive. The
// instance the console talks to is marked (its id says so, in bold). Follows the service's
// instancesChanged(): the same instances again update their cells with one dataChanged, others
// reset the model.

#include "core/service/InstanceInfo.h"

#include <QAbstractTableModel>
#include <QList>

namespace WebJobs {

class JobService;

class InstanceListModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        InstanceColumn,
        HostNameColumn,
        PidColumn,
        StartedColumn,
        HeartbeatColumn,
        StateColumn,
        ColumnCount
    };
    enum Role
    {
        // The value behind the text: the id, host name, pid, ticks of an instant, the state as
        // an int (InstanceInfo::State).
        RawValueRole = Qt::UserRole + 1,
        // True on the row of the instance the console talks to.
        CurrentRole,
    };

    explicit InstanceListModel(JobService* service, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    const QList<InstanceInfo>& instances() const { return m_instances; }
    // The row of the instance with id `instance`, or -1.
    int rowOf(const QString& instance) const;
    // The state as a person reads it: "Live", "Unresponsive".
    static QString stateText(InstanceInfo::State state);

private:
    void update();

    JobService* m_service;
    QList<InstanceInfo> m_instances;
};

} // namespace WebJobs
