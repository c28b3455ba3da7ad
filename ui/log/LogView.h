#pragma once

// The run-log viewer's text area: a QAbstractScrollArea that paints only the rows on screen
// of a LogDocument, reading their bytes on demand through the document's small cache. It is
// not an item model: a 10 GB log is as cheap to show as a small one (klogg's AbstractLogView).
//
//     ┌ gutter ┬ prefix column ───────────────────┬ text ───────────────────────────┐
//     │   1041 │ 9/4/24 1:33:18 PM a1b2c3 INFO    │ hello                           │
//     │   1042 │ 9/4/24 1:33:19 PM a1b2c3 ERR     │ something on stderr (red)       │
//
// Kudu's prefix ("[time > instance: LEVEL]") is parsed: the level colours the line (errors
// red, warnings orange, the engine's SYS lines dimmed) and the time is shown by the time
// formatter, in the time zone of the run's times around the view (local time by default); the
// column can be hidden. The rows are every line of the document, or only the lines of a row
// filter (a LogSearch: matching lines, or a level filter). The hits of the find search are
// highlighted, the current one more strongly.
//
// Following keeps the last row in view as the log grows; scrolling up pauses it, End resumes
// it. Elsewhere the top row keeps its place by byte offset when rows are laid out again (the
// index reaches the tail preview). Selection is by rows; copy reads the selected bytes off the
// GUI thread. GUI thread only.

#include "ui/log/LogDocument.h"

#include <QAbstractScrollArea>
#include <QHash>
#include <QPointer>

#include <functional>
#include <memory>

namespace WebJobs {

class LineMatcher;
class LogSearch;

class LogView : public QAbstractScrollArea
{
    Q_OBJECT

public:
    // The most a copy takes; a larger selection is better downloaded.
    static constexpr qint64 CopyLimit = 32 * 1024 * 1024;

    explicit LogView(QWidget* parent = nullptr);
    ~LogView() override;

    void setDocument(LogDocument* document);
    LogDocument* document() const { return m_document; }
    // Highlights the hits of `find` (null: none).
    void setFind(LogSearch* find);
    // Shows only the lines of `filter` (null: every line).
    void setRowFilter(LogSearch* filter);
    LogSearch* rowFilter() const;
    // How a line's UTC time (seconds since 1970) is shown; JobText::preciseDateTime by default.
    void setTimeFormatter(std::function<QString(qint64 unixSeconds)> formatter);

    bool isFollowing() const { return m_follow; }
    bool wordWrap() const { return m_wrap; }
    bool isPrefixVisible() const { return m_prefix; }
    int fontPointSize() const;

    qint64 rowCount() const;
    qint64 topRow() const { return m_top; }
    bool isAtBottom() const;
    // The selected line, or the first indexed line on screen; -1 when there is none.
    qint64 currentLine() const;
    // The line (0-based) the view marks as the current hit, -1 for none.
    qint64 currentHitLine() const { return m_currentHit; }
    void setCurrentHitLine(qint64 line);
    // What the prefix column shows for a line written at `unixSeconds` (UTC).
    QString timeText(qint64 unixSeconds) { return formatTime(unixSeconds); }
    // The text of the rows painted last, one a line, as the log has them.
    QString visibleText() const;
    // The lines painted last (0-based; -1 for rows not indexed yet).
    QList<qint64> visibleLines() const;

public Q_SLOTS:
    void setFollowing(bool follow);
    void setWordWrap(bool wrap);
    void setPrefixVisible(bool visible);
    void setFontPointSize(int points);
    void zoomIn();
    void zoomOut();
    // Selects `line` (0-based) and scrolls it to the middle; pauses following.
    void showLine(qint64 line);
    void scrollToTop();
    void scrollToBottom();
    void copySelection();

Q_SIGNALS:
    void followingChanged(bool follow);
    void fontPointSizeChanged(int points);
    // A paint finished: visibleText() and visibleLines() tell what it showed.
    void painted();
    // A copy reached the clipboard (empty `error`), or could not be made.
    void copyFinished(const QString& error);

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    struct Painted
    {
        qint64 row = 0;
        int y = 0;
        int height = 0;
        LogDocument::Row data;
        QString text; // the line as the log has it, without its newline
        bool loaded = false;
    };

    LogDocument::Row rowAt(qint64 row) const;
    qint64 rowOfOffset(qint64 offset) const;
    qint64 maxTop() const;
    int fullRowsOnScreen() const;
    void setTop(qint64 top, bool byUser);
    void rememberAnchor();
    void relayout();
    void documentReset();
    void updateScrollBars();
    void updateMetrics();
    void setFollowingInternal(bool follow);
    int gutterWidth() const;
    int prefixWidth() const;
    int textLeft() const;
    QString formatTime(qint64 unixSeconds);
    // Decodes a row's bytes; false when they are not in memory yet.
    bool rowText(const LogDocument::Row& row, QByteArray* bytes);
    int paintRow(QPainter& painter, Painted& painted, int y);
    const Painted* paintedAt(int y) const;
    bool isSelected(const LogDocument::Row& row) const;
    void selectTo(const LogDocument::Row& row, bool extend);

    LogDocument* m_document = nullptr;
    QPointer<LogSearch> m_find;
    QPointer<LogSearch> m_filter;
    std::unique_ptr<LineMatcher> m_highlighter;
    std::function<QString(qint64)> m_timeFormatter;
    QHash<qint64, QString> m_times;

    qint64 m_top = 0;
    qint64 m_anchorOffset = -1;
    qint64 m_anchorLine = -1;
    qint64 m_unit = 1; // rows a scroll bar step stands for, for logs beyond 2^30 rows
    bool m_settingScrollBar = false;
    bool m_follow = false;
    bool m_wrap = false;
    bool m_prefix = true;
    bool m_showTailOnce = true;
    bool m_dragging = false;
    qint64 m_selectionAnchor = -1; // the start offsets of the first and last selected rows
    qint64 m_selectionCursor = -1;
    qint64 m_currentHit = -1;

    int m_rowHeight = 1;
    int m_charWidth = 1;
    int m_timeChars = 20;
    int m_maxWidth = 0;
    std::vector<Painted> m_painted;
};

} // namespace WebJobs
