#pragma once

// The WebJobs list: one row per job of a JobService, kept live from its signals.
//
// jobAdded/jobRemoved become row insertions and removals; jobsChanged (the service's batch)
// becomes one dataChanged over the span of the rows it touched, so that a status change of a
// thousand jobs repaints once. Rows keep their order; the proxy (JobFilterProxyModel) sorts.
// refresh() reloads the whole list (a model reset) without waiting: the answer arrives later.

#include "core/service/JobEntry.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>

namespace WebJobs {

class JobService;

class JobListModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        NameColumn,
        TypeColumn,
        ModeColumn,
        StatusColumn,
        LastRunColumn,
        NextRunColumn,
        LogsColumn,
        ColumnCount
    };
    enum Role
    {
        // Sort key: the name, the status name, or an Instant's ticks (0 when unset).
        RawValueRole = Qt::UserRole + 1,
        KeyRole, // JobEntry::key()
        StatusRole, // int(JobText::displayStatus())
    };

    explicit JobListModel(JobService* service, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Reloads every job; loaded() follows.
    void refresh();
    bool isLoaded() const { return m_loaded; }

    const JobEntry* entryAt(const QModelIndex& index) const;
    QModelIndex indexOf(JobType type, const QString& name) const;
    // Replaces the rows (refresh() does this with the service's answer).
    void setEntries(const QList<JobEntry>& entries);
    // Applies a batch of changes with one dataChanged.
    void updateEntries(const QList<JobEntry>& entries);

Q_SIGNALS:
    void loaded();

private:
    void addEntry(const JobEntry& entry);
    void removeEntry(JobType type, const QString& name);
    void rebuildIndex(int from);

    // What a row shows that costs a parse (the schedule in words), worked out once per change
    // rather than at every paint and every comparison of a sort.
    struct Row
    {
        JobEntry entry;
        QString mode;
        JobStatus status;
    };
    static Row makeRow(const JobEntry& entry);

    JobService* m_service;
    QList<Row> m_entries;
    QHash<QString, int> m_rows;
    bool m_loaded = false;
};

} // namespace WebJobs
