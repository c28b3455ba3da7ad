#pragma once

// Appends lines to a job log in Kudu's format (docs/kudu-webjobs-api.md §5.3):
//
//     [09/04/2024 13:33:18 > a1b2c3: SYS INFO] Status changed to Running\r\n   (the engine's lines)
//     [09/04/2024 13:33:19 > a1b2c3: INFO] hello\r\n                            (process stdout)
//     [09/04/2024 13:33:19 > a1b2c3: ERR ] something on stderr\r\n              (process stderr)
//
// Lines go to disk as they arrive, in one write() per batch; nothing holds a log in memory.
// A writer may roll its file by size: when a write would take the file past rollBytes, the
// file is renamed to `previousName` (Kudu's job_prev_log.txt) and, so that every line is
// kept, an earlier previous file is first renamed to an archive `<base>_<yyyyMMddHHmmss>.txt`.
//
// With several instances on one database (ClusterMember), a continuous job's log holds the lines
// of every instance, as Kudu's shared job_log.txt does: the writer keeps a copy of the lines it
// appends for the others (takeShared(), at most SharedLimit bytes between two takes), and writes
// theirs with appendRelayed(), which it does not keep.
//
// Thread-safe: the capture thread writes process output while the host thread writes its
// own lines; a mutex keeps each batch whole.

#include <QByteArray>
#include <QMutex>
#include <QString>

#include <cstdint>

namespace WebJobs {

class LogWriter
{
public:
    enum class Level
    {
        Info,
        Warning,
        Error,
    };

    struct Options
    {
        QString path;
        QString instance; // the 6-character instance id shown in every line
        qint64 rollBytes = 0; // 0 = never roll
        QString previousPath; // where the rolled file goes (required when rollBytes > 0)
    };

    explicit LogWriter(Options options);
    ~LogWriter();
    LogWriter(const LogWriter&) = delete;
    LogWriter& operator=(const LogWriter&) = delete;

    QString path() const { return m_options.path; }
    QByteArray instanceBytes() const { return m_instance; }

    // One of the engine's own lines (" SYS INFO", " SYS WARN", " SYS ERR ").
    void system(Level level, const QString& message);

    // Appends already formatted bytes (see formatLine) in one write.
    void append(const QByteArray& formatted);

    // Lines of another instance (already formatted, with its id): written, not kept for sharing.
    void appendRelayed(const QByteArray& formatted);

    // Keeps, from now on, a copy of the lines appended (not relayed) for takeShared().
    static constexpr qint64 SharedLimit = 4 << 20;
    void setSharing(bool on);
    // The lines kept since the last take, and a line that says how many bytes were left out when
    // more than SharedLimit came in between.
    QByteArray takeShared();

    // Bytes written to the current file so far.
    qint64 size() const;

    // Formats one line into `out`. `message` is the line without its end-of-line.
    // `unixSeconds` is the UTC time of the line.
    static void formatLine(
        QByteArray& out, qint64 unixSeconds, QByteArrayView instance, bool system, Level level, QByteArrayView message);

    // The prefix's time text, "MM/dd/yyyy HH:mm:ss" in UTC (invariant culture "G").
    static QByteArray formatTime(qint64 unixSeconds);

private:
    bool openLocked();
    void rollLocked();
    void appendLocked(const QByteArray& formatted);

    Options m_options;
    QByteArray m_instance;
    mutable QMutex m_mutex;
    int m_fd = -1;
    qint64 m_size = 0;
    bool m_sharing = false;
    QByteArray m_shared;
    qint64 m_unshared = 0;
};

} // namespace WebJobs
