#pragma once

// "Recent job runs": a triggered job's history, newest first, loaded in pages of PageSize
// (the first page at once, more through canFetchMore()/fetchMore() as the view scrolls, as in
// Qt's fetchmore example). A run that starts or finishes reloads the loaded span.

#include "core/model/JobRun.h"

#include <QAbstractTableModel>
#include <QList>

namespace WebJobs {

class JobService;

class RunHistoryModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    static constexpr int PageSize = 30;

    enum Column
    {
        StartColumn,
        DurationColumn,
        StatusColumn,
        TriggerColumn,
        ColumnCount
    };
    enum Role
    {
        RawValueRole = Qt::UserRole + 1,
        RunIdRole,
    };

    RunHistoryModel(JobService* service, const QString& jobName, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;

    // Reloads the first page (or the loaded span); loaded() follows.
    void reload();
    qint64 totalCount() const { return m_total; }
    const QList<JobRun>& runs() const { return m_runs; }
    JobRun runAt(int row) const { return m_runs.value(row); }

Q_SIGNALS:
    void loaded();

private:
    JobService* m_service;
    QString m_jobName;
    QList<JobRun> m_runs;
    qint64 m_total = 0;
    bool m_fetching = false;
    quint64 m_generation = 0;
};

} // namespace WebJobs
