#pragma once

// Kudu's line prefix, as the engine writes it (core/host/LogWriter):
//
//     [09/04/2024 13:33:18 > a1b2c3: SYS INFO] Status changed to Running
//     [09/04/2024 13:33:19 > a1b2c3: ERR ] something on stderr
//
// The time is UTC, to the second; the instance is the host's short id; the level is INFO, WARN
// or ERR (padded to four characters), after "SYS " for the engine's own lines. parse() reads it
// from the start of a line; a line without it is plain text (Level::None). Pure, any thread.

#include <QByteArrayView>
#include <QtGlobal>

namespace WebJobs {

struct LogLinePrefix
{
    enum class Level : quint8
    {
        None, // no prefix
        Info,
        Warning,
        Error,
    };

    // Bits of a level filter.
    enum Filter : quint8
    {
        ShowInfo = 1,
        ShowWarning = 2,
        ShowError = 4,
        ShowSystem = 8, // the engine's SYS lines, whatever their level
        ShowAll = ShowInfo | ShowWarning | ShowError | ShowSystem,
    };

    Level level = Level::None;
    bool system = false;
    qint64 unixSeconds = 0;
    int instanceStart = 0; // within the line
    int instanceLength = 0;
    int length = 0; // of the prefix with the space after "]"

    bool isValid() const { return level != Level::None; }
    // Lines without a prefix always pass.
    bool passes(int filter) const;

    static LogLinePrefix parse(QByteArrayView line);
    // The UTC seconds of a "MM/dd/yyyy HH:mm:ss" text; -1 when it is not one.
    static qint64 parseTime(QByteArrayView text);
};

} // namespace WebJobs
