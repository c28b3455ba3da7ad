#pragma once

// Importing a job package (a zip, or a single script file) into a job folder, safely and
// atomically.
//
// The package is written into a staging folder next to the target (`.<name>.import-XXXXXX` in
// the same parent, hence on the same file system), checked, then swapped in:
// rename the old folder to `.<name>.old-…`, rename the staging folder to the target, delete the
// old one; if the second rename fails the old folder is put back. Until that swap the target is
// never touched, so a refused or failed import leaves the previous package as it was and
// nothing else behind. Folders whose name starts with '.' are therefore not jobs: listings must
// skip them (JobName refuses such names anyway).
//
// A zip is refused, before anything is extracted, when: the file is larger than
// Limits::maxPackageBytes; it is not a zip or is damaged; it has more than Limits::maxEntries
// entries; an entry name is absolute, has a drive letter, a ".." component or control
// characters (zip-slip: refused, never rewritten); an entry is a symbolic link (all links are
// refused, wherever they point); an entry is encrypted or uses a compression method other than
// stored/deflate/bzip2; two entries have the same path after normalisation ('\' read as '/',
// "." and empty components dropped) or a path is both a file and a folder; the declared
// uncompressed sizes add up to more than Limits::maxUncompressedBytes. While extracting it is
// refused when an entry fails its CRC or cannot be decompressed, when the bytes actually written
// exceed maxUncompressedBytes (declared sizes can lie), or when cancelled. Entries under
// `__MACOSX/` (macOS Finder metadata) are skipped. Files keep the entry's modification time
// (extended or NTFS timestamp when present, else the DOS time) and its executable bits. After
// extraction, a package without a runnable script (ScriptDiscovery::find) is refused too.
//
// A single file is stored under Request::fileName, which must be a plain file name.
//
// import() is synchronous and thread-agnostic: call it from a worker thread. The QObject form
// wraps it for a dialog: run() (call it from a worker thread, e.g. QThreadPool or
// QtConcurrent::run; the object must outlive it) emits started(), progress() as bytes are
// written, then exactly one of failed() or finished(). cancel() may be called from any thread.
// Two imports must not target the same folder at the same time: the caller serialises them.

#include <QObject>
#include <QString>

#include <atomic>
#include <functional>

namespace WebJobs {

class PackageImporter : public QObject
{
    Q_OBJECT

public:
    struct Limits
    {
        qint64 maxPackageBytes = 100 * 1024 * 1024;
        qint64 maxUncompressedBytes = 1024 * 1024 * 1024;
        int maxEntries = 10000;
    };

    struct Request
    {
        // The uploaded file on disk.
        QString sourcePath;
        // The name it was uploaded with, directory part already stripped (Kudu's
        // Path.GetFileName): the stored name of a single file, and the name quoted in messages.
        QString fileName;
        // True for a zip to extract (Kudu: media type application/zip), false for one file.
        bool isZip = false;
        // The job folder to create or replace: …/App_Data/jobs/<type>/<name>.
        QString targetDirectory;
        Limits limits;
    };

    enum class Failure
    {
        None,
        // The request itself is unusable (no target, unreadable source, bad single file name).
        InvalidRequest,
        // Hostile, damaged or too large package: nothing was written.
        InvalidPackage,
        // The package was extracted but holds no runnable script: the agent answers
        // ScriptDiscovery::noRunnableScriptError() with 400, as Kudu.
        NoRunnableScript,
        Cancelled,
        // Writing the staging folder or swapping it in failed (disk full, permissions…).
        FileSystem,
    };

    struct ImportResult
    {
        bool ok = false;
        Failure failure = Failure::None;
        // Translated sentence saying what went wrong and what to do; empty on success.
        QString error;
        // On success: the chosen script relative to the job folder (Kudu's run_command).
        QString runCommand;
    };

    using ProgressCallback = std::function<void(qint64 done, qint64 total)>;

    // Imports synchronously (see above). `cancel` (may be null) is polled between chunks;
    // `progress` (may be empty) receives bytes written so far and the total declared size.
    static ImportResult import(
        const Request& request, const std::atomic<bool>* cancel = nullptr, const ProgressCallback& progress = {});

    // Cleans up after imports interrupted by a crash, in a jobs type folder (…/jobs/triggered):
    // removes `.<name>.import-*` staging folders, puts back a `.<name>.old-*` folder whose job
    // folder is missing and removes the others. Call it at startup, before any import starts.
    static void recoverInterrupted(const QString& typeDirectory);

    explicit PackageImporter(Request request, QObject* parent = nullptr);

    const Request& request() const { return m_request; }
    // The outcome of run(), valid once failed() or finished() has been emitted.
    ImportResult result() const { return m_result; }

    // Runs the import in the calling thread, emitting the signals below from it.
    void run();
    // Asks a running (or not yet started) import to stop; thread-safe.
    void cancel() { m_cancelled.store(true); }

Q_SIGNALS:
    void started();
    void progress(qint64 done, qint64 total);
    void failed(const QString& error);
    void finished(const QString& runCommand);

private:
    Request m_request;
    std::atomic<bool> m_cancelled {false};
    ImportResult m_result;
};

} // namespace WebJobs
