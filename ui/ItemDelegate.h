#pragma once

// The delegate of the console's lists: rows as tall as the font's tallest letters need. The
// style's row height is the font's height plus a margin, which some fonts fill before an
// accent on a capital ("Échec", "À venir") is drawn: the accent was clipped. Each row gets
// at least the height of those glyphs' real bounding box plus the style's margins.

#include <QStyledItemDelegate>

namespace WebJobs {

class ItemDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;

    // The height a row needs for `font`, accents on capitals and descenders included.
    static int rowHeight(const QFont& font, const QWidget* widget);
};

} // namespace WebJobs
