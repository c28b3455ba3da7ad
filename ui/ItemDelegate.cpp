#include "ui/ItemDelegate.h"

#include <QApplication>
#include <QFontMetrics>
#include <QStyle>

using namespace Qt::StringLiterals;

namespace WebJobs {

int ItemDelegate::rowHeight(const QFont& font, const QWidget* widget)
{
    const QFontMetrics metrics(font);
    // Capitals with accents above and letters that reach below the baseline, in one box.
    const int glyphs = metrics.boundingRect(u"ÉÀÂÇÔÜgjpqy"_s).height();
    const QStyle* style = widget ? widget->style() : QApplication::style();
    const int margin = style->pixelMetric(QStyle::PM_FocusFrameVMargin, nullptr, widget);
    return std::max(glyphs, metrics.lineSpacing()) + 2 * margin + 2;
}

QSize ItemDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    size.setHeight(std::max(size.height(), rowHeight(option.font, option.widget)));
    return size;
}

} // namespace WebJobs
