#include "ui/JobFilterProxyModel.h"

#include "ui/JobListModel.h"

namespace WebJobs {

JobFilterProxyModel::JobFilterProxyModel(QObject* parent)
    : QSortFilterProxyModel(parent)
{
    // QCollator would follow the system's collation (LC_COLLATE), which may be C while the
    // console speaks English or French; and C compares code points ("Eve" before "Émile").
    m_collator.setLocale(
        QLocale().language() == QLocale::C ? QLocale(QLocale::English, QLocale::UnitedStates) : QLocale());
    m_collator.setNumericMode(true);
    m_collator.setCaseSensitivity(Qt::CaseInsensitive);
    setSortRole(JobListModel::RawValueRole);
    setDynamicSortFilter(true);
}

void JobFilterProxyModel::setFilterText(const QString& text)
{
    if (m_text == text)
        return;
    m_text = text;
    invalidateFilter();
}

void JobFilterProxyModel::setStatusFilter(std::optional<JobStatus> status)
{
    if (m_status == status)
        return;
    m_status = status;
    invalidateFilter();
}

bool JobFilterProxyModel::lessThan(const QModelIndex& left, const QModelIndex& right) const
{
    const QVariant a = left.data(JobListModel::RawValueRole);
    const QVariant b = right.data(JobListModel::RawValueRole);
    int order = 0;
    if (a.typeId() == QMetaType::QString)
        order = m_collator.compare(a.toString(), b.toString());
    else
        order = a.toLongLong() < b.toLongLong() ? -1 : (a.toLongLong() > b.toLongLong() ? 1 : 0);
    if (order != 0)
        return order < 0;
    // Equal keys fall back to the name so that the order is stable between refreshes.
    const QModelIndex leftName = left.siblingAtColumn(JobListModel::NameColumn);
    const QModelIndex rightName = right.siblingAtColumn(JobListModel::NameColumn);
    return m_collator.compare(leftName.data().toString(), rightName.data().toString()) < 0;
}

bool JobFilterProxyModel::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    const QAbstractItemModel* model = sourceModel();
    if (m_status) {
        const QModelIndex index = model->index(sourceRow, JobListModel::NameColumn, sourceParent);
        if (index.data(JobListModel::StatusRole).toInt() != int(*m_status))
            return false;
    }
    if (m_text.isEmpty())
        return true;
    for (const int column : {JobListModel::NameColumn, JobListModel::ModeColumn}) {
        if (model->index(sourceRow, column, sourceParent).data().toString().contains(m_text, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

} // namespace WebJobs
