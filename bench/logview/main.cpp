// bench-logview: the run-log viewer on a large log in the form the engine writes, against the
// limits the machine sets in the same run (warm page cache: the file was just written).
//
//   first screen   open → the view has painted the log's last line
//                  vs reading the file's last 64 KiB
//   index          a full indexing pass (LogDocument over FileLogSource)
//                  vs a raw sequential read of the file in 1 MiB blocks; then both again from
//                  the disk, the file's pages dropped from the page cache first
//   search         a rare word (plain) and a regular expression, caught up with the index
//                  vs grep -cF and grep -cE on the same file (LC_ALL=C.UTF-8)
//   follow         a line appended to the log → the following view has painted it
//   index size     bytes per line of the index (in use and allocated)
//   memory         resident memory once opened, indexed and searched, besides the index
//
// Between measurements the GUI thread sleeps in its event loop, as the viewer's does: a
// spinning wait would take one of the cores the index pass and the search use.
//
// Usage: bench-logview [--size-mb N] [--dir PATH] [--follow-lines N] [--keep]
// Goals (issue #13): first screen < 200 ms; index >= 50 % of the raw read; plain search
// >= 70 % of grep, regex >= 50 %; follow p95 <= 100 ms; <= 2 bytes a line; memory < 64 MB
// besides the index.

#include "common/BenchStats.h"
#include "core/host/LogWriter.h"
#include "ui/log/FileLogSource.h"
#include "ui/log/LogDocument.h"
#include "ui/log/LogIndexer.h"
#include "ui/log/LogSearch.h"
#include "ui/log/LogView.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTimer>

#include <ctime>
#include <fcntl.h>
#include <functional>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace WebJobs;
using Bench::cpuSeconds;
using Bench::out;
using Bench::waitForEvents;

namespace {

const QByteArray RareWord = "zyzzyva";
const QString RegexPattern = u"timeout after [0-9]+ ms"_s;

double ms(qint64 nanoseconds)
{
    return double(nanoseconds) / 1e6;
}

// CPU time of the whole process (every thread), in seconds.

// Resident memory (VmRSS), or one of its parts ("RssAnon:", "RssFile:").
qint64 residentBytes(const QByteArray& field = "VmRSS:")
{
    QFile status(u"/proc/self/status"_s);
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (line.startsWith(field))
            return line.mid(field.size()).trimmed().split(' ').first().toLongLong() * 1024;
    }
    return -1;
}

QString mib(qint64 bytes)
{
    return QString::number(double(bytes) / 1048576.0, 'f', 1) + u" MiB"_s;
}

// The engine's lines: INFO mostly, some WARN and ERR, the host's SYS lines; messages of the
// lengths web jobs write (requests, progress, JSON payloads, stack frames).
qint64 generate(const QString& path, qint64 targetBytes, qint64* rareLines, qint64* regexLines)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return -1;
    QRandomGenerator random(2024);
    const QByteArray instance = "7a1b2c";
    qint64 second = QDateTime(QDate(2024, 9, 4), QTime(13, 0, 0), Qt::UTC).toSecsSinceEpoch();
    QByteArray buffer;
    buffer.reserve(8 << 20);
    qint64 written = 0;
    qint64 lines = 0;
    QByteArray message;
    while (written < targetBytes) {
        message.clear();
        const int kind = random.bounded(100);
        LogWriter::Level level = LogWriter::Level::Info;
        bool system = false;
        if (lines % 250'000 == 7) {
            message = "cache miss for key " + RareWord + " in region " + QByteArray::number(random.bounded(64));
            ++*rareLines;
        } else if (lines % 50'000 == 11) {
            message = "upstream timeout after " + QByteArray::number(random.bounded(100, 30'000)) + " ms, retrying";
            level = LogWriter::Level::Warning;
            ++*regexLines;
        } else if (kind < 55) {
            message = "GET /api/orders/" + QByteArray::number(random.bounded(1'000'000)) + " 200 "
                + QByteArray::number(random.bounded(1, 900)) + " ms";
        } else if (kind < 75) {
            message = "processing batch " + QByteArray::number(random.bounded(10'000))
                + " of 10000: " + QByteArray::number(random.bounded(500)) + " items, queue depth "
                + QByteArray::number(random.bounded(50));
        } else if (kind < 85) {
            message = "{\"event\":\"order.updated\",\"id\":" + QByteArray::number(random.bounded(1'000'000))
                + ",\"customer\":\"c-" + QByteArray::number(random.bounded(100'000)) + "\",\"lines\":["
                + QByteArray(random.bounded(20, 400), 'x')
                + "],\"total\":" + QByteArray::number(random.bounded(100'000)) + "}";
        } else if (kind < 92) {
            message = "   at Contoso.Orders.Worker.ProcessAsync(Order order) in /src/Worker.cs:line "
                + QByteArray::number(random.bounded(900));
            level = LogWriter::Level::Error;
        } else if (kind < 97) {
            message = "slow response from inventory service: " + QByteArray::number(random.bounded(1000, 5000)) + " ms";
            level = LogWriter::Level::Warning;
        } else {
            message = "Status changed to Running";
            system = true;
        }
        if (lines % 40 == 0)
            ++second;
        LogWriter::formatLine(buffer, second, instance, system, level, message);
        ++lines;
        if (buffer.size() >= (8 << 20)) {
            if (file.write(buffer) != buffer.size())
                return -1;
            written += buffer.size();
            buffer.clear();
        }
    }
    if (file.write(buffer) != buffer.size())
        return -1;
    return lines;
}

// Reads [offset, offset + length) with pread into one buffer; returns the seconds it took.
qint64 readRange(const QString& path, qint64 offset, qint64 length, qint64 block)
{
    QElapsedTimer clock;
    clock.start();
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    QByteArray buffer(block, Qt::Uninitialized);
    qint64 done = 0;
    while (done < length) {
        const ssize_t got = ::pread(fd, buffer.data(), size_t(std::min(block, length - done)), off_t(offset + done));
        if (got <= 0)
            break;
        done += got;
    }
    ::close(fd);
    return clock.nsecsElapsed();
}

// Drops the file's pages from the page cache (this file only), for a read from the disk.
bool evict(const QString& path)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    const bool done = ::fdatasync(fd) == 0 && ::posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED) == 0;
    ::close(fd);
    return done;
}

struct GrepResult
{
    qint64 nanoseconds = -1;
    qint64 count = -1;
};

GrepResult grep(const QStringList& arguments, const QString& path)
{
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"LC_ALL"_s, u"C.UTF-8"_s);
    process.setProcessEnvironment(environment);
    QElapsedTimer clock;
    clock.start();
    process.start(u"grep"_s, arguments + QStringList {path});
    if (!process.waitForFinished(600000))
        return {};
    return {clock.nsecsElapsed(), process.readAllStandardOutput().trimmed().toLongLong()};
}

} // namespace

int main(int argc, char* argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({u"size-mb"_s, u"Size of the generated log, in MiB."_s, u"N"_s, u"1024"_s});
    parser.addOption({u"dir"_s, u"Folder for the log (a temporary folder by default)."_s, u"PATH"_s});
    parser.addOption({u"follow-lines"_s, u"Lines appended to measure following."_s, u"N"_s, u"100"_s});
    parser.addOption({u"keep"_s, u"Keep the generated log."_s});
    parser.addOption(
        {u"log"_s, u"Measure this log (one bench-logview --keep wrote) instead of writing one."_s, u"PATH"_s});
    parser.process(app);
    const qint64 targetBytes = parser.value(u"size-mb"_s).toLongLong() << 20;
    const int followLines = parser.value(u"follow-lines"_s).toInt();

    QTemporaryDir temporary(parser.isSet(u"dir"_s) ? parser.value(u"dir"_s) + u"/bench-logview-XXXXXX"_s
                                                   : QDir::tempPath() + u"/bench-logview-XXXXXX"_s);
    temporary.setAutoRemove(!parser.isSet(u"keep"_s));
    const QString path = parser.isSet(u"log"_s) ? parser.value(u"log"_s) : temporary.filePath(u"output_log.txt"_s);
    qint64 rareLines = -1;
    qint64 regexLines = -1;
    QElapsedTimer clock;
    clock.start();
    qint64 lines = 0;
    if (parser.isSet(u"log"_s)) {
        QFile given(path);
        if (!given.open(QIODevice::ReadOnly)) {
            out() << "cannot read " << path << Qt::endl;
            return 1;
        }
        while (!given.atEnd())
            lines += given.read(8 << 20).count('\n');
    } else {
        rareLines = regexLines = 0;
        lines = generate(path, targetBytes, &rareLines, &regexLines);
        if (lines < 0) {
            out() << "cannot write " << path << Qt::endl;
            return 1;
        }
        if (parser.isSet(u"keep"_s))
            out() << "the log stays in " << path << Qt::endl;
    }
    const qint64 size = QFileInfo(path).size();
    out() << "log viewer, " << mib(size) << " log in the engine's form, " << lines << " lines ("
          << QString::number(double(size) / double(lines), 'f', 1) << " bytes a line), ready in "
          << QString::number(ms(clock.nsecsElapsed()) / 1000, 'f', 1) << " s; warm page cache" << Qt::endl;

    auto* view = new LogView;
    view->resize(1000, 700);
    view->show();
    const qint64 residentBefore = residentBytes();
    const qint64 anonymousBefore = residentBytes("RssAnon:");

    // First screen: from open() to the last line painted, against reading the last 64 KiB.
    QList<double> tailReads;
    for (int i = 0; i < 5; ++i)
        tailReads.append(ms(readRange(path, std::max<qint64>(0, size - 65536), std::min<qint64>(size, 65536), 65536)));
    QFile tailFile(path);
    tailFile.open(QIODevice::ReadOnly);
    tailFile.seek(size - 4096);
    QList<QByteArray> tailLines = tailFile.read(4096).split('\n');
    tailFile.close();
    tailLines.removeAll(QByteArray());
    const QString lastLine = QString::fromUtf8(tailLines.constLast()).trimmed();
    QList<double> firstScreens;
    for (int i = 0; i < 3; ++i) {
        auto* document = new LogDocument(new FileLogSource(path));
        view->setDocument(document);
        bool shown = false;
        QMetaObject::Connection connection = QObject::connect(
            view, &LogView::painted, [&] { shown = shown || view->visibleText().contains(lastLine); });
        clock.restart();
        document->open();
        if (!waitForEvents([&] { return shown; }, 60000)) {
            out() << "the first screen did not show the last line" << Qt::endl;
            return 1;
        }
        firstScreens.append(ms(clock.nsecsElapsed()));
        QObject::disconnect(connection);
        view->setDocument(nullptr);
        delete document;
    }
    out() << "first screen (the tail)" << Qt::endl;
    out() << "  read the last 64 KiB        p50 " << QString::number(Bench::percentile(tailReads, 50), 'f', 2) << " ms"
          << Qt::endl;
    out() << "  viewer, open to painted     p50 " << QString::number(Bench::percentile(firstScreens, 50), 'f', 1)
          << " ms  max " << QString::number(Bench::percentile(firstScreens, 100), 'f', 1) << " ms  (goal: < 200 ms)"
          << Qt::endl;
    out() << "  ratio viewer/read           "
          << QString::number(
                 Bench::percentile(firstScreens, 50) / std::max(0.001, Bench::percentile(tailReads, 50)), 'f', 0)
          << Qt::endl;

    // Index: a full pass, against a raw sequential read of the whole file; each the median of
    // three, alternated, so that the machine's other load weighs on both alike.
    QList<double> rawReads;
    QList<double> indexPasses;
    QList<double> indexCpus;
    LogDocument* document = nullptr;
    for (int i = 0; i < 3; ++i) {
        rawReads.append(double(readRange(path, 0, size, 1 << 20)));
        if (document) {
            view->setDocument(nullptr);
            delete document;
        }
        document = new LogDocument(new FileLogSource(path));
        view->setDocument(document);
        bool indexed = false;
        QObject::connect(document, &LogDocument::indexingFinished, [&] { indexed = true; });
        const double cpuBefore = cpuSeconds();
        clock.restart();
        document->open();
        if (!waitForEvents([&] { return indexed; })) {
            out() << "indexing did not finish: " << document->errorString() << Qt::endl;
            return 1;
        }
        indexPasses.append(double(clock.nsecsElapsed()));
        indexCpus.append(cpuSeconds() - cpuBefore);
    }
    const qint64 raw = qint64(Bench::percentile(rawReads, 50));
    const qint64 indexTime = qint64(Bench::percentile(indexPasses, 50));
    const double indexCpuSeconds = Bench::percentile(indexCpus, 50);
    const double rawRate = double(size) / 1048576.0 / (double(raw) / 1e9);
    const double indexRate = double(size) / 1048576.0 / (double(indexTime) / 1e9);
    out() << "index" << Qt::endl;
    out() << "  raw sequential read, p50 of 3  " << QString::number(ms(raw) / 1000, 'f', 2) << " s  "
          << QString::number(rawRate, 'f', 0) << " MiB/s" << Qt::endl;
    out() << "  full index pass, p50 of 3      " << QString::number(ms(indexTime) / 1000, 'f', 2) << " s  "
          << QString::number(indexRate, 'f', 0) << " MiB/s, " << document->lineCount() << " lines (CPU "
          << QString::number(indexCpuSeconds, 'f', 2) << " s in all threads)" << Qt::endl;
    out() << "  ratio index/raw             " << QString::number(indexRate / rawRate, 'f', 2) << "  (goal: >= 0.50)"
          << Qt::endl;
    // The same from the disk: the file's pages dropped from the cache before each.
    if (evict(path)) {
        const qint64 coldRaw = readRange(path, 0, size, 1 << 20);
        evict(path);
        LogIndex coldIndex;
        LogIndexer::Control control;
        control.target.store(size);
        FileLogSource coldSource(path);
        QElapsedTimer coldClock;
        coldClock.start();
        LogIndexer::run(*coldSource.reader(), coldIndex, control);
        const qint64 coldIndexTime = coldClock.nsecsElapsed();
        const double coldRawRate = double(size) / 1048576.0 / (double(coldRaw) / 1e9);
        const double coldIndexRate = double(size) / 1048576.0 / (double(coldIndexTime) / 1e9);
        out() << "  from the disk (page cache dropped for this file first)" << Qt::endl;
        out() << "    raw sequential read       " << QString::number(ms(coldRaw) / 1000, 'f', 2) << " s  "
              << QString::number(coldRawRate, 'f', 0) << " MiB/s" << Qt::endl;
        out() << "    index pass                " << QString::number(ms(coldIndexTime) / 1000, 'f', 2) << " s  "
              << QString::number(coldIndexRate, 'f', 0) << " MiB/s" << Qt::endl;
        out() << "    ratio index/raw           " << QString::number(coldIndexRate / coldRawRate, 'f', 2) << Qt::endl;
        // Warm again for what follows.
        readRange(path, 0, size, 1 << 20);
    }
    // The indexer alone, warm, without the document around it: what the pass itself costs.
    {
        QList<double> passes;
        for (int i = 0; i < 5; ++i) {
            LogIndex warmIndex;
            LogIndexer::Control control;
            control.target.store(size);
            FileLogSource warmSource(path);
            QElapsedTimer warmClock;
            warmClock.start();
            LogIndexer::run(*warmSource.reader(), warmIndex, control);
            passes.append(double(warmClock.nsecsElapsed()));
        }
        const double warmRate = double(size) / 1048576.0 / (Bench::percentile(passes, 50) / 1e9);
        out() << "  indexer alone, warm, p50 of 5  " << QString::number(Bench::percentile(passes, 50) / 1e9, 'f', 2)
              << " s  " << QString::number(warmRate, 'f', 0) << " MiB/s, ratio to the raw read "
              << QString::number(warmRate / rawRate, 'f', 2) << Qt::endl;
    }
    const qint64 indexUsed = document->index()->usedBytes();
    const qint64 indexAllocated = document->index()->allocatedBytes();
    out() << "  index size                  " << QString::number(double(indexUsed) / double(lines), 'f', 2)
          << " bytes a line in use, " << QString::number(double(indexAllocated) / double(lines), 'f', 2)
          << " allocated (" << mib(indexAllocated) << ")  (goal: <= 2)" << Qt::endl;

    // Search, caught up with the index, against grep on the same file.
    const auto search = [&](const LogQuery& query, qint64* hits, double* cpu) {
        LogSearch finder(document);
        bool finished = false;
        QObject::connect(&finder, &LogSearch::finished, [&] { finished = true; });
        QElapsedTimer timer;
        const double cpuBefore = cpuSeconds();
        timer.start();
        finder.start(query);
        waitForEvents([&] { return finished; });
        *hits = finder.hitCount();
        *cpu = cpuSeconds() - cpuBefore;
        return timer.nsecsElapsed();
    };
    LogQuery plain;
    plain.text = QString::fromLatin1(RareWord);
    plain.caseSensitive = true;
    LogQuery regex;
    regex.text = RegexPattern;
    regex.regex = true;
    regex.caseSensitive = true;
    qint64 plainHits = 0;
    qint64 regexHits = 0;
    double plainCpu = 0;
    double regexCpu = 0;
    const GrepResult grepPlain = grep({u"-cF"_s, QString::fromLatin1(RareWord)}, path);
    const qint64 plainTime = search(plain, &plainHits, &plainCpu);
    const GrepResult grepRegex = grep({u"-cE"_s, RegexPattern}, path);
    const qint64 regexTime = search(regex, &regexHits, &regexCpu);
    const auto rate = [size](qint64 nanoseconds) -> QString {
        return QString::number(double(size) / 1048576.0 / (double(nanoseconds) / 1e9), 'f', 0) + u" MiB/s"_s;
    };
    out() << "search" << Qt::endl;
    out() << "  grep -cF " << RareWord << "            " << QString::number(ms(grepPlain.nanoseconds) / 1000, 'f', 2)
          << " s  " << rate(grepPlain.nanoseconds) << ", " << grepPlain.count << " lines" << Qt::endl;
    out() << "  viewer, plain               " << QString::number(ms(plainTime) / 1000, 'f', 2) << " s  "
          << rate(plainTime) << ", " << plainHits << " hits (CPU " << QString::number(plainCpu, 'f', 2) << " s)"
          << Qt::endl;
    out() << "  ratio viewer/grep           "
          << QString::number(double(grepPlain.nanoseconds) / double(plainTime), 'f', 2) << "  (goal: >= 0.70)"
          << Qt::endl;
    out() << "  grep -cE '" << RegexPattern << "'  " << QString::number(ms(grepRegex.nanoseconds) / 1000, 'f', 2)
          << " s  " << rate(grepRegex.nanoseconds) << ", " << grepRegex.count << " lines" << Qt::endl;
    out() << "  viewer, regex               " << QString::number(ms(regexTime) / 1000, 'f', 2) << " s  "
          << rate(regexTime) << ", " << regexHits << " hits (CPU " << QString::number(regexCpu, 'f', 2) << " s)"
          << Qt::endl;
    out() << "  ratio viewer/grep           "
          << QString::number(double(grepRegex.nanoseconds) / double(regexTime), 'f', 2) << "  (goal: >= 0.50)"
          << Qt::endl;
    if (plainHits != grepPlain.count || regexHits != grepRegex.count || (rareLines >= 0 && plainHits != rareLines)
        || (regexLines >= 0 && regexHits != regexLines))
        out() << "  HITS DIFFER from grep or from the generator (" << rareLines << ", " << regexLines << ")"
              << Qt::endl;

    // Memory once opened, indexed and searched.
    const qint64 residentAfter = residentBytes();
    const qint64 anonymousAfter = residentBytes("RssAnon:");

    // Follow: append a line every 37 ms; each is timed until a paint shows it.
    view->setFollowing(true);
    document->setWatching(true);
    QFile log(path);
    if (!log.open(QIODevice::Append)) {
        out() << "cannot append to " << path << Qt::endl;
        return 1;
    }
    QList<std::pair<QString, qint64>> pending;
    QList<double> latencies;
    QElapsedTimer since;
    since.start();
    QObject::connect(view, &LogView::painted, [&] {
        if (pending.isEmpty())
            return;
        const QString shown = view->visibleText();
        while (!pending.isEmpty() && shown.contains(pending.constFirst().first)) {
            latencies.append(ms(since.nsecsElapsed() - pending.constFirst().second));
            pending.removeFirst();
        }
    });
    int appended = 0;
    QTimer writer;
    writer.setInterval(37);
    QObject::connect(&writer, &QTimer::timeout, [&] {
        if (appended == followLines) {
            writer.stop();
            return;
        }
        const QString marker = u"follow marker %1 end"_s.arg(appended++);
        QByteArray line;
        LogWriter::formatLine(
            line, QDateTime::currentSecsSinceEpoch(), "7a1b2c", false, LogWriter::Level::Info, marker.toUtf8());
        pending.append({marker, since.nsecsElapsed()});
        log.write(line);
        log.flush();
    });
    writer.start();
    waitForEvents([&] { return appended == followLines && pending.isEmpty(); }, 120000);
    out() << "follow, " << latencies.size() << " lines appended every 37 ms (the source polls every "
          << document->source()->pollInterval() << " ms)" << Qt::endl;
    out() << "  written to painted          p50 " << QString::number(Bench::percentile(latencies, 50), 'f', 1)
          << " ms  p95 " << QString::number(Bench::percentile(latencies, 95), 'f', 1) << " ms  max "
          << QString::number(Bench::percentile(latencies, 100), 'f', 1) << " ms  (goal: p95 <= 100 ms)" << Qt::endl;

    const qint64 besides = residentAfter - residentBefore - indexAllocated;
    out() << "memory" << Qt::endl;
    out() << "  resident before opening     " << mib(residentBefore) << " (anonymous " << mib(anonymousBefore) << ")"
          << Qt::endl;
    out() << "  opened, indexed, searched   " << mib(residentAfter) << " (anonymous " << mib(anonymousAfter) << "; +"
          << mib(residentAfter - residentBefore) << ", of which the index " << mib(indexAllocated) << ")" << Qt::endl;
    out() << "  besides the index           " << mib(besides) << "  (goal: < 64 MiB)" << Qt::endl;

    view->setDocument(nullptr);
    delete document;
    delete view;
    return 0;
}
