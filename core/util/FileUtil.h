#pragma once

// Small file operations the engine does on hot paths, without Qt's heavier machinery.

#include <QByteArray>
#include <QString>

namespace WebJobs::FileUtil {

// Replaces `path` with `contents` atomically (a temporary file renamed over it), so a reader
// sees the old or the new contents, never a mix. No fsync: the data survives a crash of the
// program (the kernel has it), which is what status files need; a power loss may lose it.
bool writeAtomically(const QString& path, const QByteArray& contents);

} // namespace WebJobs::FileUtil
