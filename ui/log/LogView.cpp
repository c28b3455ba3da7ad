#include "ui/log/LogView.h"

#include "ui/FutureCallback.h"
#include "ui/JobText.h"
#include "ui/log/LineMatcher.h"
#include "ui/log/LogLinePrefix.h"
#include "ui/log/LogSearch.h"
#include "ui/log/LogThreads.h"

#include <QApplication>
#include <QClipboard>
#include <QFontDatabase>
#include <QKeyEvent>
#include <QPainter>
#include <QScopedValueRollback>
#include <QScrollBar>
#include <QTextLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace WebJobs {

namespace {

constexpr int GutterPadding = 6;
constexpr int ColumnGap = 8;
constexpr int LevelChars = 8; // "SYS INFO"
constexpr int InstanceChars = 6;
constexpr int MinimumPoints = 6;
constexpr int MaximumPoints = 40;
// Rows a wrapped view measures from the end to find its last screen.
constexpr int WrapMeasureRows = 400;

bool isDark(const QPalette& palette)
{
    return palette.color(QPalette::Base).lightness() < 128;
}

QColor mix(const QColor& a, const QColor& b, double weight)
{
    return QColor::fromRgbF(float(a.redF() * weight + b.redF() * (1 - weight)),
        float(a.greenF() * weight + b.greenF() * (1 - weight)), float(a.blueF() * weight + b.blueF() * (1 - weight)));
}

QByteArrayView withoutNewline(QByteArrayView bytes)
{
    if (bytes.endsWith('\n'))
        bytes.chop(1);
    if (bytes.endsWith('\r'))
        bytes.chop(1);
    return bytes;
}

QString levelText(const LogLinePrefix& prefix)
{
    QString text = prefix.system ? u"SYS "_s : QString();
    switch (prefix.level) {
    case LogLinePrefix::Level::Info:
        return text + u"INFO"_s;
    case LogLinePrefix::Level::Warning:
        return text + u"WARN"_s;
    case LogLinePrefix::Level::Error:
        return text + u"ERR"_s;
    case LogLinePrefix::Level::None:
        break;
    }
    return {};
}

} // namespace

LogView::LogView(QWidget* parent)
    : QAbstractScrollArea(parent)
    , m_timeFormatter(
          [](qint64 seconds) { return JobText::preciseDateTime(Instant::fromMSecsSinceEpoch(seconds * 1000)); })
{
    setObjectName(u"logView"_s);
    setFocusPolicy(Qt::StrongFocus);
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    viewport()->setCursor(Qt::IBeamCursor);
    viewport()->setAutoFillBackground(false);
    verticalScrollBar()->setSingleStep(1);
    connect(verticalScrollBar(), &QScrollBar::valueChanged, this, [this](int value) {
        if (!m_settingScrollBar)
            setTop(qint64(value) * m_unit, true);
    });
    connect(horizontalScrollBar(), &QScrollBar::valueChanged, viewport(), qOverload<>(&QWidget::update));
    updateMetrics();
}

LogView::~LogView() = default;

void LogView::setDocument(LogDocument* document)
{
    if (m_document)
        disconnect(m_document, nullptr, this, nullptr);
    m_document = document;
    if (document) {
        connect(document, &LogDocument::reset, this, &LogView::documentReset);
        connect(document, &LogDocument::rowsChanged, this, &LogView::relayout);
        connect(document, &LogDocument::firstScreenReady, this, [this] {
            if (m_showTailOnce || m_follow)
                setTop(maxTop(), false);
        });
        connect(document, &LogDocument::bytesArrived, this, [this] {
            if (m_wrap)
                updateScrollBars();
            viewport()->update();
        });
    }
    documentReset();
}

void LogView::setFind(LogSearch* find)
{
    if (m_find)
        disconnect(m_find, nullptr, this, nullptr);
    m_find = find;
    m_highlighter.reset();
    if (find) {
        const auto refresh = [this] {
            m_highlighter.reset();
            if (m_find && m_find->query().hasPattern())
                m_highlighter = std::make_unique<LineMatcher>(m_find->query());
            viewport()->update();
        };
        connect(find, &LogSearch::started, this, refresh);
        connect(find, &LogSearch::hitsChanged, this, refresh);
        refresh();
    }
    viewport()->update();
}

void LogView::setRowFilter(LogSearch* filter)
{
    if (filter == m_filter)
        return;
    // Keep the line at the top in view across the change.
    const qint64 line = currentLine();
    if (m_filter)
        disconnect(m_filter, nullptr, this, nullptr);
    m_filter = filter;
    if (filter) {
        connect(filter, &LogSearch::hitsChanged, this, &LogView::relayout);
        connect(filter, &LogSearch::destroyed, this, [this] { relayout(); });
    }
    m_selectionAnchor = m_selectionCursor = -1;
    m_maxWidth = 0;
    if (m_follow) {
        setTop(maxTop(), false);
    } else if (line >= 0 && m_document) {
        setTop(m_filter ? m_filter->hitIndexAtOrAfter(line) : m_document->rowOfLine(line), false);
    } else {
        updateScrollBars();
        viewport()->update();
    }
}

LogSearch* LogView::rowFilter() const
{
    return m_filter;
}

void LogView::setTimeFormatter(std::function<QString(qint64)> formatter)
{
    m_timeFormatter = std::move(formatter);
    m_times.clear();
    updateMetrics();
    viewport()->update();
}

int LogView::fontPointSize() const
{
    return font().pointSize();
}

void LogView::setFontPointSize(int points)
{
    points = std::clamp(points, MinimumPoints, MaximumPoints);
    if (points == font().pointSize())
        return;
    QFont changed = font();
    changed.setPointSize(points);
    setFont(changed);
    updateMetrics();
    updateScrollBars();
    viewport()->update();
    Q_EMIT fontPointSizeChanged(points);
}

void LogView::zoomIn()
{
    setFontPointSize(fontPointSize() + 1);
}

void LogView::zoomOut()
{
    setFontPointSize(fontPointSize() - 1);
}

void LogView::changeEvent(QEvent* event)
{
    QAbstractScrollArea::changeEvent(event);
    if (event->type() == QEvent::FontChange || event->type() == QEvent::PaletteChange)
        updateMetrics();
}

void LogView::updateMetrics()
{
    const QFontMetrics metrics(font());
    m_rowHeight = std::max(1, metrics.lineSpacing());
    m_charWidth = std::max(1, metrics.horizontalAdvance(u'M'));
    // The widest time the formatter writes: two-digit month, day and hour.
    m_timeChars = 0;
    for (const qint64 sample : {qint64(1735426799), qint64(1735390799)}) // 2024-12-28 22:59:59 and 12:59:59 UTC
        m_timeChars = std::max(m_timeChars, int(m_timeFormatter(sample).size()));
    m_maxWidth = 0;
}

int LogView::gutterWidth() const
{
    const qint64 lines = m_document ? std::max<qint64>(m_document->lineCount(), 1) : 1;
    const int digits = std::max(4, int(std::log10(double(lines))) + 1);
    return digits * m_charWidth + 2 * GutterPadding;
}

int LogView::prefixWidth() const
{
    return m_prefix ? (m_timeChars + 1 + InstanceChars + 1 + LevelChars) * m_charWidth + ColumnGap : 0;
}

int LogView::textLeft() const
{
    return gutterWidth() + prefixWidth() + ColumnGap / 2;
}

QString LogView::formatTime(qint64 unixSeconds)
{
    const auto it = m_times.constFind(unixSeconds);
    if (it != m_times.constEnd())
        return *it;
    if (m_times.size() > 4096)
        m_times.clear();
    return *m_times.insert(unixSeconds, m_timeFormatter(unixSeconds));
}

qint64 LogView::rowCount() const
{
    if (!m_document)
        return 0;
    return m_filter ? m_filter->hitCount() : m_document->rowCount();
}

LogDocument::Row LogView::rowAt(qint64 row) const
{
    if (m_filter)
        return m_document->lineRow(m_filter->hitAt(row));
    return m_document->row(row);
}

qint64 LogView::rowOfOffset(qint64 offset) const
{
    if (m_filter)
        return std::min(m_filter->hitIndexAtOrAfter(m_document->lineAt(offset)), std::max<qint64>(0, rowCount() - 1));
    return m_document->rowOfOffset(offset);
}

int LogView::fullRowsOnScreen() const
{
    return std::max(1, viewport()->height() / m_rowHeight);
}

qint64 LogView::maxTop() const
{
    const qint64 rows = rowCount();
    if (!m_wrap)
        return std::max<qint64>(0, rows - fullRowsOnScreen());
    // Wrapped rows are as tall as their text: measure the last ones that are in memory.
    const int width = std::max(m_charWidth, viewport()->width() - textLeft());
    const int columns = std::max(1, width / m_charWidth);
    int height = 0;
    qint64 row = rows - 1;
    for (int measured = 0; row >= 0 && measured < WrapMeasureRows; --row, ++measured) {
        const LogDocument::Row data = rowAt(row);
        const qint64 bytes = data.end - data.start;
        const int lines = std::max<qint64>(1, (bytes + columns - 1) / columns);
        height += lines * m_rowHeight;
        if (height > viewport()->height())
            return std::min(rows - 1, row + 1);
    }
    return std::max<qint64>(0, row + 1);
}

bool LogView::isAtBottom() const
{
    return m_top >= maxTop();
}

void LogView::setTop(qint64 top, bool byUser)
{
    top = std::clamp<qint64>(top, 0, maxTop());
    const bool moved = top != m_top;
    m_top = top;
    rememberAnchor();
    updateScrollBars();
    if (moved)
        viewport()->update();
    // Scrolling away from the end pauses following.
    if (byUser && m_follow && m_top < maxTop())
        setFollowingInternal(false);
}

void LogView::rememberAnchor()
{
    m_anchorOffset = -1;
    m_anchorLine = -1;
    if (!m_document || rowCount() == 0)
        return;
    const LogDocument::Row row = rowAt(std::min(m_top, rowCount() - 1));
    // The gap row stands for what is not indexed: hold on to the preview after it.
    m_anchorOffset = row.kind == LogDocument::RowKind::Gap ? row.end : row.start;
    m_anchorLine = row.line;
}

void LogView::relayout()
{
    if (!m_document)
        return;
    if (m_follow) {
        setTop(maxTop(), false);
    } else if (m_anchorOffset >= 0) {
        const qint64 anchorOffset = m_anchorOffset;
        m_top = m_filter && m_anchorLine >= 0 ? m_filter->hitIndexAtOrAfter(m_anchorLine) : rowOfOffset(anchorOffset);
        m_top = std::clamp<qint64>(m_top, 0, maxTop());
        updateScrollBars();
        m_anchorOffset = anchorOffset;
    } else {
        setTop(m_showTailOnce ? maxTop() : m_top, false);
    }
    viewport()->update();
}

void LogView::documentReset()
{
    m_top = 0;
    m_anchorOffset = -1;
    m_anchorLine = -1;
    m_selectionAnchor = m_selectionCursor = -1;
    m_currentHit = -1;
    m_maxWidth = 0;
    m_showTailOnce = true;
    m_painted.clear();
    updateScrollBars();
    viewport()->update();
}

void LogView::updateScrollBars()
{
    const qint64 top = maxTop();
    m_unit = std::max<qint64>(1, top / (qint64(1) << 30) + 1);
    const QScopedValueRollback guard(m_settingScrollBar, true);
    QScrollBar* vertical = verticalScrollBar();
    vertical->setRange(0, int(top / m_unit));
    vertical->setPageStep(fullRowsOnScreen());
    vertical->setValue(int(m_top / m_unit));
    QScrollBar* horizontal = horizontalScrollBar();
    const int textWidth = viewport()->width() - textLeft();
    horizontal->setRange(0, m_wrap ? 0 : std::max(0, m_maxWidth - textWidth + m_charWidth));
    horizontal->setPageStep(std::max(1, textWidth));
    horizontal->setSingleStep(m_charWidth * 4);
}

void LogView::setFollowing(bool follow)
{
    setFollowingInternal(follow);
    if (follow)
        setTop(maxTop(), false);
}

void LogView::setFollowingInternal(bool follow)
{
    if (follow == m_follow)
        return;
    m_follow = follow;
    if (follow)
        m_showTailOnce = false;
    Q_EMIT followingChanged(follow);
}

void LogView::setWordWrap(bool wrap)
{
    if (wrap == m_wrap)
        return;
    m_wrap = wrap;
    m_maxWidth = 0;
    relayout();
    updateScrollBars();
}

void LogView::setPrefixVisible(bool visible)
{
    if (visible == m_prefix)
        return;
    m_prefix = visible;
    m_maxWidth = 0;
    updateScrollBars();
    viewport()->update();
}

qint64 LogView::currentLine() const
{
    if (!m_document || rowCount() == 0)
        return -1;
    if (m_selectionCursor >= 0) {
        const qint64 line = m_document->lineAt(std::min(m_selectionAnchor, m_selectionCursor));
        if (line >= 0 && line < m_document->lineCount())
            return line;
    }
    for (qint64 row = m_top; row < std::min(rowCount(), m_top + fullRowsOnScreen()); ++row) {
        const LogDocument::Row data = rowAt(row);
        if (data.kind == LogDocument::RowKind::Line)
            return data.line;
    }
    return -1;
}

void LogView::setCurrentHitLine(qint64 line)
{
    m_currentHit = line;
    viewport()->update();
}

void LogView::showLine(qint64 line)
{
    if (!m_document || m_document->lineCount() == 0)
        return;
    line = std::clamp<qint64>(line, 0, m_document->lineCount() - 1);
    const qint64 row = m_filter ? m_filter->hitIndexAtOrAfter(line) : m_document->rowOfLine(line);
    if (row >= rowCount())
        return;
    const LogDocument::Row data = rowAt(row);
    m_selectionAnchor = m_selectionCursor = data.start;
    m_showTailOnce = false;
    setFollowingInternal(false);
    setTop(row - fullRowsOnScreen() / 2, false);
    viewport()->update();
}

void LogView::scrollToTop()
{
    m_showTailOnce = false;
    setTop(0, true);
}

void LogView::scrollToBottom()
{
    setTop(maxTop(), true);
}

QString LogView::visibleText() const
{
    QStringList lines;
    for (const Painted& painted : m_painted) {
        if (painted.data.kind != LogDocument::RowKind::Gap)
            lines.append(painted.text);
    }
    return lines.join(u'\n');
}

QList<qint64> LogView::visibleLines() const
{
    QList<qint64> lines;
    for (const Painted& painted : m_painted) {
        if (painted.data.kind != LogDocument::RowKind::Gap && painted.data.segment == 0)
            lines.append(painted.data.kind == LogDocument::RowKind::Line ? painted.data.line : -1);
    }
    return lines;
}

void LogView::resizeEvent(QResizeEvent* event)
{
    QAbstractScrollArea::resizeEvent(event);
    if (m_follow || m_showTailOnce)
        setTop(maxTop(), false);
    else
        setTop(m_top, false);
}

bool LogView::rowText(const LogDocument::Row& row, QByteArray* bytes)
{
    const bool lastSegment = row.segment + 1 >= row.segments;
    // A segment's last character may go on past its end: read up to three more bytes.
    const qint64 end = lastSegment ? row.end : std::min(row.end + 3, row.lineEnd);
    std::optional<QByteArray> read = m_document->bytes(row.start, end);
    if (!read)
        return false;
    QByteArray data = std::move(*read);
    if (!lastSegment) {
        qsizetype cut = std::min<qsizetype>(row.end - row.start, data.size());
        while (cut < data.size() && (quint8(data.at(cut)) & 0xC0) == 0x80)
            ++cut;
        data.truncate(cut);
    } else {
        data.truncate(withoutNewline(data).size());
    }
    if (row.segment > 0) {
        // The bytes that end the previous segment's last character.
        qsizetype skip = 0;
        while (skip < 3 && skip < data.size() && (quint8(data.at(skip)) & 0xC0) == 0x80)
            ++skip;
        data.remove(0, skip);
    }
    *bytes = std::move(data);
    return true;
}

void LogView::paintEvent(QPaintEvent*)
{
    QPainter painter(viewport());
    const QPalette& pal = palette();
    painter.fillRect(viewport()->rect(), pal.color(QPalette::Base));
    m_painted.clear();
    if (!m_document)
        return;
    painter.setFont(font());
    const qint64 rows = rowCount();
    const int height = viewport()->height();
    int y = 0;
    const int widestBefore = m_maxWidth;
    for (qint64 row = m_top; row < rows && y < height; ++row) {
        Painted painted;
        painted.row = row;
        painted.data = rowAt(row);
        painted.y = y;
        painted.height = paintRow(painter, painted, y);
        y += painted.height;
        m_painted.push_back(std::move(painted));
    }
    // The gutter's edge.
    painter.setPen(mix(pal.color(QPalette::Text), pal.color(QPalette::Base), 0.15));
    painter.drawLine(gutterWidth() - 1, 0, gutterWidth() - 1, height);
    if (m_maxWidth != widestBefore)
        QMetaObject::invokeMethod(this, &LogView::updateScrollBars, Qt::QueuedConnection);
    Q_EMIT painted();
}

int LogView::paintRow(QPainter& painter, Painted& painted, int y)
{
    const QPalette& pal = palette();
    const bool dark = isDark(pal);
    const QColor text = pal.color(QPalette::Text);
    const QColor dim = mix(text, pal.color(QPalette::Base), 0.55);
    const QColor errorColor = dark ? QColor(0xff, 0x6b, 0x6b) : QColor(0xc4, 0x1e, 0x24);
    const QColor warningColor = dark ? QColor(0xff, 0xb0, 0x40) : QColor(0xa8, 0x55, 0x00);
    const LogDocument::Row& row = painted.data;
    const int width = viewport()->width();
    const int gutter = gutterWidth();
    const QFontMetrics metrics(font());
    const int baseline = metrics.ascent();

    if (row.kind == LogDocument::RowKind::Gap) {
        const qint64 size = std::max<qint64>(1, m_document->size());
        const int percent = int(100 * m_document->snapshot().scanned / size);
        painter.fillRect(QRect(0, y, width, m_rowHeight), mix(text, pal.color(QPalette::Base), 0.06));
        painter.setPen(dim);
        painter.drawText(QRect(gutter, y, width - gutter, m_rowHeight), Qt::AlignCenter,
            tr("⋯ indexing the log: %1% ⋯").arg(percent));
        return m_rowHeight;
    }

    QByteArray bytes;
    painted.loaded = rowText(row, &bytes);
    const bool selected = isSelected(row);
    const bool currentHit = row.kind == LogDocument::RowKind::Line && row.line == m_currentHit;
    const bool hit = row.kind == LogDocument::RowKind::Line && m_find && m_find->isActive() && m_find->isHit(row.line);

    LogLinePrefix prefix;
    if (row.segment == 0)
        prefix = LogLinePrefix::parse(bytes);
    painted.text = QString::fromUtf8(bytes);
    QString message = painted.text;
    if (prefix.isValid())
        message = QString::fromUtf8(QByteArrayView(bytes).sliced(prefix.length));

    QColor color = text;
    if (prefix.level == LogLinePrefix::Level::Error)
        color = errorColor;
    else if (prefix.level == LogLinePrefix::Level::Warning)
        color = warningColor;
    else if (prefix.system)
        color = dim;

    // The message, laid out first: its height is the row's.
    const int left = textLeft();
    const int textWidth = std::max(m_charWidth, width - left);
    QTextLayout layout(message, font());
    QTextOption option;
    option.setTabStopDistance(8.0 * m_charWidth);
    option.setWrapMode(m_wrap ? QTextOption::WrapAtWordBoundaryOrAnywhere : QTextOption::NoWrap);
    layout.setTextOption(option);
    QList<QTextLayout::FormatRange> formats;
    QTextLayout::FormatRange whole;
    whole.start = 0;
    whole.length = int(message.size());
    whole.format.setForeground(selected ? pal.color(QPalette::HighlightedText) : color);
    formats.append(whole);
    if (m_highlighter && (hit || row.kind == LogDocument::RowKind::Preview || m_filter == m_find)) {
        for (const auto& [start, length] : m_highlighter->ranges(message)) {
            QTextLayout::FormatRange range;
            range.start = start;
            range.length = length;
            range.format.setBackground(currentHit ? QColor(0xff, 0x96, 0x32) : QColor(0xff, 0xe0, 0x3d));
            range.format.setForeground(Qt::black);
            formats.append(range);
        }
    }
    layout.setFormats(formats);
    layout.beginLayout();
    int lines = 0;
    qreal natural = 0;
    while (true) {
        QTextLine line = layout.createLine();
        if (!line.isValid())
            break;
        line.setLineWidth(m_wrap ? textWidth : 1e7);
        line.setPosition(QPointF(0, lines * m_rowHeight));
        natural = std::max(natural, line.naturalTextWidth());
        ++lines;
    }
    layout.endLayout();
    const int height = std::max(1, lines) * m_rowHeight;
    if (!m_wrap)
        m_maxWidth = std::max(m_maxWidth, int(std::ceil(natural)));

    // Backgrounds: selection, then the current hit's band.
    if (selected)
        painter.fillRect(QRect(0, y, width, height), pal.color(QPalette::Highlight));
    else if (currentHit)
        painter.fillRect(QRect(0, y, width, height), dark ? QColor(0x4a, 0x3b, 0x10) : QColor(0xff, 0xf4, 0xc2));

    // The gutter: the line's number, a mark on hits, an arrow on a long line's next rows.
    painter.setPen(selected ? pal.color(QPalette::HighlightedText) : dim);
    const QRect gutterRect(0, y, gutter - GutterPadding, m_rowHeight);
    if (row.kind == LogDocument::RowKind::Line && row.segment == 0)
        painter.drawText(gutterRect, Qt::AlignRight | Qt::AlignTop, QString::number(row.line + 1));
    else if (row.segment > 0)
        painter.drawText(gutterRect, Qt::AlignRight | Qt::AlignTop, u"↳"_s);
    if (hit)
        painter.fillRect(QRect(0, y, 3, height), QColor(0xe8, 0xa0, 0x00));

    // The prefix column.
    if (m_prefix && prefix.isValid()) {
        int x = gutter + ColumnGap / 2;
        painter.setPen(selected ? pal.color(QPalette::HighlightedText) : dim);
        painter.drawText(x, y + baseline, formatTime(prefix.unixSeconds));
        x += (m_timeChars + 1) * m_charWidth;
        const QString instance
            = QString::fromUtf8(QByteArrayView(bytes).sliced(prefix.instanceStart, prefix.instanceLength));
        painter.drawText(x, y + baseline, instance.left(InstanceChars));
        x += (InstanceChars + 1) * m_charWidth;
        painter.setPen(selected ? pal.color(QPalette::HighlightedText) : color);
        painter.drawText(x, y + baseline, levelText(prefix));
    }

    painter.save();
    painter.setClipRect(QRect(left, y, width - left, height));
    layout.draw(&painter, QPointF(left - (m_wrap ? 0 : horizontalScrollBar()->value()), y));
    painter.restore();
    return height;
}

const LogView::Painted* LogView::paintedAt(int y) const
{
    for (const Painted& painted : m_painted) {
        if (y >= painted.y && y < painted.y + painted.height)
            return &painted;
    }
    return nullptr;
}

bool LogView::isSelected(const LogDocument::Row& row) const
{
    if (m_selectionAnchor < 0 || row.kind == LogDocument::RowKind::Gap)
        return false;
    const qint64 low = std::min(m_selectionAnchor, m_selectionCursor);
    const qint64 high = std::max(m_selectionAnchor, m_selectionCursor);
    return row.start >= low && row.start <= high;
}

void LogView::selectTo(const LogDocument::Row& row, bool extend)
{
    if (row.kind == LogDocument::RowKind::Gap)
        return;
    if (!extend || m_selectionAnchor < 0)
        m_selectionAnchor = row.start;
    m_selectionCursor = row.start;
    viewport()->update();
}

void LogView::mousePressEvent(QMouseEvent* event)
{
    if (event->button() != Qt::LeftButton) {
        QAbstractScrollArea::mousePressEvent(event);
        return;
    }
    if (const Painted* painted = paintedAt(int(event->position().y()))) {
        selectTo(painted->data, event->modifiers() & Qt::ShiftModifier);
        m_dragging = true;
    }
    setFocus(Qt::MouseFocusReason);
}

void LogView::mouseMoveEvent(QMouseEvent* event)
{
    if (!m_dragging)
        return;
    const int y = int(event->position().y());
    if (y < 0)
        setTop(m_top - 1, true);
    else if (y >= viewport()->height())
        setTop(m_top + 1, true);
    const int clamped = std::clamp(y, 0, std::max(0, viewport()->height() - 1));
    const Painted* painted = paintedAt(clamped);
    if (!painted && !m_painted.empty())
        painted = &m_painted.back();
    if (painted)
        selectTo(painted->data, true);
}

void LogView::mouseReleaseEvent(QMouseEvent* event)
{
    m_dragging = false;
    QAbstractScrollArea::mouseReleaseEvent(event);
}

void LogView::wheelEvent(QWheelEvent* event)
{
    if (event->modifiers() & Qt::ControlModifier) {
        if (event->angleDelta().y() > 0)
            zoomIn();
        else if (event->angleDelta().y() < 0)
            zoomOut();
        event->accept();
        return;
    }
    QAbstractScrollArea::wheelEvent(event);
}

void LogView::keyPressEvent(QKeyEvent* event)
{
    if (event->matches(QKeySequence::Copy)) {
        copySelection();
        return;
    }
    if (event->matches(QKeySequence::ZoomIn)
        || (event->modifiers() & Qt::ControlModifier && event->key() == Qt::Key_Equal)) {
        zoomIn();
        return;
    }
    if (event->matches(QKeySequence::ZoomOut)) {
        zoomOut();
        return;
    }
    const bool control = event->modifiers() & Qt::ControlModifier;
    const bool shift = event->modifiers() & Qt::ShiftModifier;
    const int page = std::max(1, fullRowsOnScreen() - 1);
    switch (event->key()) {
    case Qt::Key_Up:
    case Qt::Key_Down: {
        const int step = event->key() == Qt::Key_Up ? -1 : 1;
        if (shift && m_selectionCursor >= 0) {
            const qint64 row = std::clamp<qint64>(rowOfOffset(m_selectionCursor) + step, 0, rowCount() - 1);
            selectTo(rowAt(row), true);
            if (row < m_top || row >= m_top + fullRowsOnScreen())
                setTop(row < m_top ? row : row - fullRowsOnScreen() + 1, true);
        } else {
            setTop(m_top + step, true);
        }
        return;
    }
    case Qt::Key_PageUp:
        setTop(m_top - page, true);
        return;
    case Qt::Key_PageDown:
        setTop(m_top + page, true);
        return;
    case Qt::Key_Home:
        scrollToTop();
        return;
    case Qt::Key_End:
        // End follows the log; Ctrl+End only goes to its last line.
        if (control)
            scrollToBottom();
        else
            setFollowing(true);
        return;
    case Qt::Key_Return:
    case Qt::Key_Enter:
        // Nothing to activate: the key must not press a button of the dialog around.
        event->accept();
        return;
    case Qt::Key_Left:
        horizontalScrollBar()->triggerAction(QAbstractSlider::SliderSingleStepSub);
        return;
    case Qt::Key_Right:
        horizontalScrollBar()->triggerAction(QAbstractSlider::SliderSingleStepAdd);
        return;
    default:
        break;
    }
    QAbstractScrollArea::keyPressEvent(event);
}

void LogView::copySelection()
{
    if (!m_document || m_selectionAnchor < 0)
        return;
    const qint64 low = std::min(m_selectionAnchor, m_selectionCursor);
    const qint64 high = std::max(m_selectionAnchor, m_selectionCursor);
    std::vector<std::pair<qint64, qint64>> ranges;
    qint64 total = 0;
    if (m_filter) {
        for (qint64 i = m_filter->hitIndexAtOrAfter(m_document->lineAt(low)); i < m_filter->hitCount(); ++i) {
            const qint64 line = m_filter->hitAt(i);
            const qint64 start = m_document->lineStart(line);
            if (start > high)
                break;
            const qint64 end = m_document->lineEnd(line);
            ranges.emplace_back(start, end);
            total += end - start;
            if (total > CopyLimit)
                break;
        }
    } else {
        const qint64 end = rowAt(rowOfOffset(high)).end;
        ranges.emplace_back(low, end);
        total = end - low;
    }
    if (total > CopyLimit) {
        Q_EMIT copyFinished(tr("The selection is larger than %1 MiB: select less, or download the log.")
                                .arg(CopyLimit / (1024 * 1024)));
        return;
    }
    std::shared_ptr<LogReader> reader = m_document->reader();
    whenFinished(this,
        QtConcurrent::run(LogThreads::io(),
            [reader, ranges] {
                LogBytes all;
                for (const auto& [start, end] : ranges) {
                    const LogBytes part = reader->read(start, end - start);
                    if (!part.ok())
                        return part;
                    QByteArray line = part.data;
                    if (!line.endsWith('\n') && ranges.size() > 1)
                        line += '\n';
                    all.data += line;
                }
                return all;
            }),
        [this](const LogBytes& bytes) {
            if (!bytes.ok()) {
                Q_EMIT copyFinished(bytes.error);
                return;
            }
            QString text = QString::fromUtf8(bytes.data);
            text.replace(u"\r\n"_s, u"\n"_s);
            if (text.endsWith(u'\n'))
                text.chop(1);
            QApplication::clipboard()->setText(text);
            Q_EMIT copyFinished({});
        });
}

} // namespace WebJobs
