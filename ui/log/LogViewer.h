#pragma once

// The run-log viewer as a dialog shows it: a LogView with a find bar and a tool bar around it.
//
//     [Search the log…        ] [ ] Regular expression [ ] Match case [ ] Matching lines only  ◀ ▶ 12 hits
//     [Levels ▾] [Follow] [Wrap] [Time and level] [Size 10] [Go to line] [Go to time] [Download] [Open in editor]
//     ┌ LogView ────────────────────────────────────────────────────────────────────────────────┐
//     12,345 lines · 1.2 MB · indexing 42 %
//
// It owns the LogDocument it opens and two searches over it: the find search (the search
// field, case, regular expression and the level filter) and the level filter alone, which is
// the view's row filter when levels are hidden. "Matching lines only" makes the find search
// the row filter. A new search cancels the one before; Cancel (or Escape) stops it.
//
// Keys: Ctrl+F search, F3 / Shift+F3 next and previous hit, Ctrl+G go to line, Ctrl+Shift+G
// go to time, End follow, Ctrl+End last line, Ctrl+C copy, Ctrl++ / Ctrl+- font size. Word
// wrap, the prefix column and the font size are remembered (QSettings "logViewer/…").

#include "ui/log/LogQuery.h"

#include <QWidget>

#include <functional>

class QAction;
class QCheckBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QSpinBox;
class QTimer;
class QToolButton;

namespace WebJobs {

class LogDocument;
class LogSearch;
class LogSource;
class LogView;

class LogViewer : public QWidget
{
    Q_OBJECT

public:
    explicit LogViewer(QWidget* parent = nullptr);
    ~LogViewer() override;

    // Takes `source` and starts reading it: the tail first.
    void open(LogSource* source);
    bool isOpen() const { return m_document != nullptr; }
    // Polls the log for new lines (a running job); following shows them as they come.
    void setWatching(bool watching);
    void setFollowing(bool follow);
    // The name Download suggests.
    void setSuggestedFileName(const QString& fileName) { m_suggestedFileName = fileName; }
    void setTimeFormatter(std::function<QString(qint64 unixSeconds)> formatter);
    // Hides the Download button where the dialog has its own.
    void setDownloadVisible(bool visible);

    LogView* view() const { return m_view; }
    LogDocument* document() const { return m_document; }
    LogSearch* find() const { return m_find; }
    LogSearch* levelFilter() const { return m_levelFilter; }
    // The levels shown (LogLinePrefix::Filter).
    int levels() const { return m_levels; }
    QString statusText() const;

public Q_SLOTS:
    void focusSearch();
    // Searches the search field's text now (typing searches after a short pause).
    void searchNow();
    void cancelSearch();
    void findNext();
    void findPrevious();
    void setLevels(int levels);
    void setMatchingLinesOnly(bool only);
    // Asks for a line number, then shows it.
    void goToLine();
    // Shows the 1-based `line`; false with a status message when the log has no such line.
    bool goToLineNumber(qint64 line);
    // Asks for a date and time, then shows the first line at or after it.
    void goToTime();
    void goToDateTime(const QDateTime& dateTime);
    // Saves a copy through a file chooser, with progress.
    void download();
    void saveCopy(const QString& path);
    // Opens the log in the system's editor (a downloaded copy for a log on another host).
    void openInEditor();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

Q_SIGNALS:
    // The first screen of the log is shown (its tail).
    void firstScreenShown();
    // The hit the view marks changed (-1: none), 0-based.
    void currentHitChanged(qint64 line);
    void downloadFinished(const QString& path, const QString& error);
    void lineShown(qint64 line);

private:
    LogQuery findQuery() const;
    void updateRowFilter();
    void updateStatus();
    void updateHitLabel();
    void goToHit(qint64 index);
    void jumpToFirstHit();
    void setMessage(const QString& text, bool error = false);
    void startSave(const QString& path, std::function<void()> then);

    LogDocument* m_document = nullptr;
    LogSearch* m_find = nullptr;
    LogSearch* m_levelFilter = nullptr;
    LogView* m_view;
    QLineEdit* m_searchEdit;
    QCheckBox* m_regexCheck;
    QCheckBox* m_caseCheck;
    QCheckBox* m_matchingOnlyCheck;
    QToolButton* m_previousButton;
    QToolButton* m_nextButton;
    QToolButton* m_cancelSearchButton;
    QLabel* m_hitLabel;
    QToolButton* m_levelButton;
    QToolButton* m_followButton;
    QToolButton* m_wrapButton;
    QToolButton* m_prefixButton;
    QSpinBox* m_fontSpin;
    QToolButton* m_downloadButton;
    QToolButton* m_openButton;
    QLabel* m_statusLabel;
    QLabel* m_messageLabel;
    QProgressBar* m_indexProgress;
    QProgressBar* m_downloadProgress;
    QTimer* m_searchDelay;
    QList<QAction*> m_levelActions;
    int m_levels;
    bool m_matchingOnly = false;
    bool m_jumpPending = false;
    qint64 m_searchFrom = 0;
    qint64 m_currentHit = -1;
    QString m_suggestedFileName;
    bool m_watching = false;
};

} // namespace WebJobs
