#pragma once

// A log as the viewer reads it: bytes that may grow (a running job appends to them) or be
// replaced (rolled, truncated, deleted and written again), read by ranges. Two sources:
// FileLogSource reads a file on this machine; ServiceLogSource reads through a JobService
// (JobService::readLog and logInfo), whichever host is behind it.
//
//     GUI thread                                   worker threads
//     LogSource ── polls stat() on LogThreads::io()      indexing, search, cache reads
//       reset(size), grew(size), failed(text)             └── std::shared_ptr<LogReader>
//
// LogReader is the part that worker threads use: blocking and thread-safe. Workers hold it by
// shared_ptr, so it stays valid when they outlive the view; close() (the source's destructor
// calls it) makes every pending and later call fail at once, so that no worker waits forever on
// a source that is gone. Never call a LogReader from the GUI thread: use LogSource::read().
//
// LogSource lives in the GUI thread, has no widget dependency and owns nothing visible. It asks
// its reader for the log's size and identity (at once on refresh(), and every pollInterval()
// while watching) and says what changed: reset() when the log is first seen, is shorter than
// before or is another file; grew() when it is longer; failed() when it cannot be read, with
// a sentence that says what to do. After a failure the next success is a reset().
//
// Errors are sentences in the user's language. Thread-safety: LogSource is used from its own
// thread only; LogReader from any worker thread.

#include "core/service/ServiceReply.h"

#include <QByteArray>
#include <QFuture>
#include <QObject>
#include <QString>
#include <QUrl>

#include <memory>

class QTimer;

namespace WebJobs {

class LogMapping;

// A range read: `data` (shorter than asked at the end of the log), or an error sentence.
struct LogBytes
{
    QByteArray data;
    QString error;

    bool ok() const { return error.isEmpty(); }
};

// The log's size now and what tells it from another log at the same place: an opaque tag
// (a file's device and inode) or the log's first bytes. Two stats name the same log when one
// identity is a prefix of the other. size is -1 with an error sentence when it cannot be read.
struct LogStat
{
    qint64 size = -1;
    QByteArray identity;
    QString error;

    bool ok() const { return error.isEmpty() && size >= 0; }
};

class LogReader
{
public:
    virtual ~LogReader() = default;

    // Up to `length` bytes from `offset`; blocks. Fewer at the end of the log.
    virtual LogBytes read(qint64 offset, qint64 length) = 0;
    // The same into `buffer`, which a reader may reuse without allocating (the indexer reads
    // gigabytes through a few buffers); the error sentence, empty on success.
    virtual QString readInto(qint64 offset, qint64 length, QByteArray& buffer);
    // [offset, offset + length) mapped in memory, for a long pass over a local file: fewer
    // bytes at the end of the log. nullptr when the reader cannot map it (a remote log, the end
    // of the log, a system that refuses): the caller reads with readInto() instead.
    virtual std::shared_ptr<const LogMapping> map(qint64 offset, qint64 length);
    // The log's size and identity now; blocks.
    virtual LogStat stat() = 0;
    // Makes pending and later calls fail at once. Thread-safe, idempotent.
    virtual void close() = 0;
};

class LogSource : public QObject
{
    Q_OBJECT

public:
    ~LogSource() override;

    std::shared_ptr<LogReader> reader() const { return m_reader; }
    // A short name for titles and suggested file names ("output_log.txt").
    virtual QString fileName() const = 0;
    // Where a person can read the log: a file: URL for a local log.
    virtual QUrl url() const = 0;
    // Copies the whole log to `destination` off the GUI thread; the future's progress counts
    // KiB, its result says what went wrong. Cancelling the future stops the copy and leaves
    // no file.
    virtual QFuture<ServiceReply> saveCopy(const QString& destination) = 0;

    // The size of the last answer; -1 before the first one or after a failure.
    qint64 size() const { return m_stat.size; }
    QString errorString() const { return m_error; }

    // Asks for the size now; a request already on its way is followed by one more.
    void refresh();
    // Polls every pollInterval() while on (a viewer follows a running job).
    void setWatching(bool watching);
    bool isWatching() const;
    int pollInterval() const;
    void setPollInterval(int ms);

    // Reads a range on LogThreads::io(); the future finishes there.
    QFuture<LogBytes> read(qint64 offset, qint64 length) const;

Q_SIGNALS:
    void reset(qint64 size);
    void grew(qint64 size);
    void failed(const QString& message);

protected:
    LogSource(std::shared_ptr<LogReader> reader, QObject* parent);

private:
    void handle(const LogStat& stat);

    std::shared_ptr<LogReader> m_reader;
    QTimer* m_poll;
    LogStat m_stat;
    QString m_error;
    bool m_known = false;
    bool m_asking = false;
    bool m_askAgain = false;
};

} // namespace WebJobs

Q_DECLARE_METATYPE(WebJobs::LogBytes)
Q_DECLARE_METATYPE(WebJobs::LogStat)
