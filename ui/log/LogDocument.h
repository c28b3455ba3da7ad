#pragma once

// One open log for the viewer: its source, its line index, a small cache of the bytes on
// screen, and the rows the view shows. It has no widget dependency; LogView paints it.
//
//     LogSource ──reset/grew──▶ LogDocument ──rowsChanged, bytesArrived──▶ LogView
//         │                         │  ├─ LogIndexer pass on LogThreads::work() ─▶ LogIndex
//         └── reader ◀── reads ─────┘  └─ block cache (64 KiB blocks, LRU) and the tail
//
// Opening reads the last TailBytes at once and shows those lines (the tail preview) while the
// index is built from the start; the view then shows the indexed lines, one gap row standing
// for what is not indexed yet, and the preview. When the index reaches the preview, the rows
// are laid out again (rowsChanged) and the view keeps its place by byte offset. When the log
// grows, only the appended tail is indexed; when it is replaced (rolled, truncated), everything
// starts over with a new index (reset).
//
// Rows: a line shows in one row, or in several of LogIndex::SegmentBytes when it is longer.
// bytes() answers from memory or returns nothing and reads the range, then bytesArrived().
// Lives in the GUI thread; every answer from a worker is dropped when it belongs to an older
// generation of the log or the document is gone.

#include "ui/log/LogIndex.h"
#include "ui/log/LogIndexer.h"
#include "ui/log/LogSource.h"

#include <QObject>

#include <memory>
#include <optional>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace WebJobs {

class LogDocument : public QObject
{
    Q_OBJECT

public:
    static constexpr qint64 TailBytes = 64 * 1024;
    static constexpr qint64 CacheBlockBytes = 64 * 1024;
    static constexpr int CacheBlocks = 96;
    // The tail preview stops growing here; the index catches up with the rest.
    static constexpr qint64 PreviewLimit = 8 * 1024 * 1024;

    enum class RowKind
    {
        Line, // an indexed line (or one segment of a long one)
        Gap, // stands for the bytes not indexed yet, between the indexed lines and the preview
        Preview, // a line of the tail preview, not numbered yet
    };

    struct Row
    {
        RowKind kind = RowKind::Line;
        qint64 line = -1; // for RowKind::Line
        qint64 segment = 0;
        qint64 segments = 1;
        qint64 start = 0; // the bytes the row shows: [start, end), the newline included
        qint64 end = 0;
        qint64 lineEnd = 0; // where the whole line ends (a segment's last character may go on)
    };

    // Takes `source` (it becomes the document's child).
    explicit LogDocument(LogSource* source, QObject* parent = nullptr);
    ~LogDocument() override;

    LogSource* source() const { return m_source; }
    std::shared_ptr<LogReader> reader() const { return m_source->reader(); }
    std::shared_ptr<LogIndex> index() const { return m_index; }
    int generation() const { return m_generation; }

    // Asks the source for the log; the first screen follows.
    void open();
    // Polls the source for growth while on (a running job, or the user follows).
    void setWatching(bool watching);
    bool isWatching() const;

    bool isOpen() const { return m_open; }
    qint64 size() const { return m_size; }
    QString errorString() const { return m_error; }
    bool isIndexing() const { return m_indexing; }
    bool hasPreview() const { return m_previewActive; }
    const LogIndex::Snapshot& snapshot() const { return m_snapshot; }
    qint64 lineCount() const { return m_snapshot.lineCount(); }

    qint64 rowCount() const;
    Row row(qint64 row) const;
    // A whole line as one row (its first SegmentBytes when it is longer), for filtered views.
    Row lineRow(qint64 line) const;
    qint64 rowOfLine(qint64 line) const;
    // The row that shows `offset`: how the view keeps its place when rows are laid out again.
    qint64 rowOfOffset(qint64 offset) const;
    qint64 lineStart(qint64 line) const;
    qint64 lineEnd(qint64 line) const;
    // The indexed line that holds `offset` (the last one when it is past the index).
    qint64 lineAt(qint64 offset) const;

    // The bytes [start, end) when they are in memory; otherwise nothing, and they are read:
    // bytesArrived() follows.
    std::optional<QByteArray> bytes(qint64 start, qint64 end);

Q_SIGNALS:
    // A new log (the first one too): rows start over.
    void reset();
    // The tail (or the whole small log) can be shown: once per reset.
    void firstScreenReady();
    // Rows were added, or laid out again when the index met the tail preview.
    void rowsChanged();
    // The index holds more lines (snapshot()).
    void indexChanged();
    void indexingProgress(qint64 scanned, qint64 total);
    void indexingFinished();
    void bytesArrived();
    void failed(const QString& message);

private:
    struct CacheBlock
    {
        QByteArray data;
        qint64 sizeWhenRead = 0;
        quint64 lastUse = 0;
    };

    void startOver(qint64 size);
    void grow(qint64 size);
    void readTail();
    void setPreview(qint64 start, const QByteArray& data);
    void extendPreview();
    void dropPreview();
    void startIndexing();
    void indexProgressed(int generation);
    void indexFinished(int generation, const LogIndexer::Result& result);
    void updateSnapshot();
    bool hasGapRow() const;
    void requestBlock(qint64 block);
    void markFirstScreen();
    Row indexedRow(qint64 row) const;

    LogSource* m_source;
    std::shared_ptr<QObject> m_relay;
    std::shared_ptr<LogIndex> m_index;
    std::shared_ptr<LogIndexer::Control> m_control;
    LogIndex::Snapshot m_snapshot;
    int m_generation = 0;
    bool m_open = false;
    bool m_indexing = false;
    bool m_firstScreen = false;
    qint64 m_size = -1;
    QString m_error;

    bool m_previewActive = false;
    bool m_extending = false;
    qint64 m_previewStart = 0;
    QByteArray m_preview;
    std::vector<Row> m_previewRows;
    size_t m_previewFirst = 0; // the first preview row the index has not reached

    std::unordered_map<qint64, CacheBlock> m_cache;
    std::unordered_set<qint64> m_pending;
    quint64 m_clock = 0;
};

} // namespace WebJobs
