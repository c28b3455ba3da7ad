#pragma once

// A log in a file on this machine, read with pread() in ranges: the console's own host
// writes its logs where the console can read them, and reading the file directly is what lets
// a 10 GB log open as fast as a small one. The file's device and inode are its identity, so a
// log that is rolled (renamed away and started again) is seen as replaced, and the reader
// reopens the path. A missing file is an error sentence until it appears.

#include "ui/log/LogSource.h"

namespace WebJobs {

class FileLogSource : public LogSource
{
    Q_OBJECT

public:
    explicit FileLogSource(const QString& path, QObject* parent = nullptr);

    QString path() const { return m_path; }
    QString fileName() const override;
    QUrl url() const override;
    QFuture<ServiceReply> saveCopy(const QString& destination) override;

private:
    QString m_path;
};

} // namespace WebJobs
