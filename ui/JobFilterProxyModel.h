#pragma once

// Sorts and filters the WebJobs list: names with QCollator (numbers in names compare as
// numbers, accents sort as a French reader expects), other columns on JobListModel's raw
// values (times as instants, not as text); filters by text in the name or schedule and by
// status.

#include "core/model/JobStatus.h"

#include <QCollator>
#include <QSortFilterProxyModel>

#include <optional>

namespace WebJobs {

class JobFilterProxyModel : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit JobFilterProxyModel(QObject* parent = nullptr);

    void setFilterText(const QString& text);
    // std::nullopt shows every status.
    void setStatusFilter(std::optional<JobStatus> status);

protected:
    bool lessThan(const QModelIndex& left, const QModelIndex& right) const override;
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    QCollator m_collator;
    QString m_text;
    std::optional<JobStatus> m_status;
};

} // namespace WebJobs
