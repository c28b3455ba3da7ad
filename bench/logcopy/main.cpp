// bench-logcopy: what it costs to share a running run's growing log between instances on one
// PostgreSQL database, as the log grows large.
//
// Two hosts (in this process, each with a data folder of its own) share a database. A run of a
// triggered job runs on the first; its output log is grown by the bench to each size of
// --sizes (MiB). At each size, --rounds times: the log gains --step KiB, the first host copies
// it into the database (ClusterMember::copyRunLog, what its heartbeat does) and the second
// brings its own copy up to date (ClusterMember::mirrorRunLog, what serving the log does).
//
// The physical limit, measured in the same run on the same server: a bare INSERT of --step KiB
// into a table of its own, and a bare SELECT of them back. A copy that costs the same at every
// size of the log is bounded by its growth, not by its size. Also printed: one INSERT of the
// whole log, what copying the whole log at each heartbeat cost.
//
// Goal: copy p50 <= 3x the bare INSERT and mirror p50 <= 3x the bare SELECT, at every size.
//
// Usage: bench-logcopy [--database postgresql://…] [--sizes 1,16,64,256] [--step 64]
//                      [--rounds 10]

#include "common/BenchDatabase.h"
#include "common/BenchStats.h"
#include "core/host/ClusterMember.h"
#include "core/host/ImportOperation.h"
#include "core/host/JobHost.h"
#include "core/host/TriggeredJobRunner.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QThread>

#include <memory>

using namespace Qt::StringLiterals;
using namespace WebJobs;
using WebJobs::Bench::out;
using WebJobs::Bench::percentile;

namespace {

std::unique_ptr<JobHost> openHost(const QString& dataRoot, const QString& databaseUrl, const QString& instance)
{
    HostOptions options;
    options.dataRoot = dataRoot;
    options.databaseUrl = databaseUrl;
    options.instanceId = instance;
    // The bench calls the copies itself: no heartbeat in between.
    options.heartbeatInterval = std::chrono::hours(1);
    options.instanceTimeout = std::chrono::hours(2);
    auto host = std::make_unique<JobHost>(options);
    QString error;
    if (!host->open(&error)) {
        out() << "cannot open the host: " << error << Qt::endl;
        return nullptr;
    }
    return host;
}

// Appends log lines in Kudu's format to `path` until it holds `size` bytes.
bool growTo(const QString& path, qint64 size)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Append))
        return false;
    static const QByteArray line = "[12/07/2026 16:00:00 > bench1: INFO] a line of the job's output, as long as "
                                   "most are in a real log of a real job\n";
    QByteArray block;
    while (block.size() < 1 << 20)
        block += line;
    while (file.size() < size) {
        const qint64 missing = size - file.size();
        if (file.write(missing >= block.size() ? block : block.left(missing)) < 0)
            return false;
    }
    return file.flush();
}

QString ms(double value)
{
    return QString::number(value, 'f', 3) + u" ms"_s;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({u"database"_s, u"postgresql:// URL (default: WEBJOBS_TEST_POSTGRES_URL)."_s, u"url"_s});
    parser.addOption({u"sizes"_s, u"Log sizes in MiB (default 1,16,64,256)."_s, u"list"_s, u"1,16,64,256"_s});
    parser.addOption({u"step"_s, u"What the log gains between two copies, in KiB (default 64)."_s, u"kib"_s, u"64"_s});
    parser.addOption({u"rounds"_s, u"Copies measured at each size (default 10)."_s, u"n"_s, u"10"_s});
    parser.process(app);
    QList<qint64> sizes;
    for (const QString& size : parser.value(u"sizes"_s).split(u','))
        sizes.append(std::max<qint64>(1, size.toLongLong()) << 20);
    const qint64 step = std::max<qint64>(1, parser.value(u"step"_s).toLongLong()) << 10;
    const int rounds = std::max(1, parser.value(u"rounds"_s).toInt());

    Bench::BenchDatabase database(u"bench_logcopy"_s);
    QString why;
    if (!database.open(parser.value(u"database"_s), &why)) {
        out() << why << Qt::endl;
        return 2;
    }
    QTemporaryDir temp;
    std::unique_ptr<JobHost> runner = openHost(temp.filePath(u"a"_s), database.url(), u"bench1"_s);
    std::unique_ptr<JobHost> reader = openHost(temp.filePath(u"b"_s), database.url(), u"bench2"_s);
    if (!runner || !reader || !runner->cluster() || !reader->cluster()) {
        out() << "the hosts need a PostgreSQL database" << Qt::endl;
        return 1;
    }

    // A run that lasts the whole bench; its log is grown by the bench.
    const QString script = temp.filePath(u"run.sh"_s);
    {
        QFile file(script);
        if (!file.open(QIODevice::WriteOnly) || file.write("exec sleep 3600\n") < 0)
            return 1;
    }
    ImportOperation* import = runner->addJob(JobType::Triggered, u"long"_s, script, u"run.sh"_s, false);
    bool imported = false;
    QObject::connect(import, &ImportOperation::finished, [&](const ServiceError& error) {
        imported = true;
        if (!error.ok())
            out() << "upload failed: " << error.message << Qt::endl;
    });
    if (!Bench::waitForEvents([&] { return imported; }, 30000))
        return 1;
    QString runId;
    if (const ServiceError error = runner->triggerRun(u"long"_s, {}, u"External - bench"_s, &runId); !error.ok()) {
        out() << "cannot start the run: " << error.message << Qt::endl;
        return 1;
    }
    const QString log = runner->context().paths.outputLog(u"long"_s, runId);
    const QString mirrored = reader->context().paths.outputLog(u"long"_s, runId);
    const QString instance = runner->context().instance;
    ClusterMember* copier = runner->cluster();
    ClusterMember* mirror = reader->cluster();

    // The physical limit: the same bytes in one bare statement each way.
    QSqlDatabase bare = database.connect(u"bench-bare"_s);
    if (!bare.isOpen()) {
        out() << "cannot connect: " << bare.lastError().text() << Qt::endl;
        return 1;
    }
    QSqlQuery(bare).exec(u"CREATE TABLE bare (n BIGINT PRIMARY KEY, content BYTEA NOT NULL)"_s);
    QSqlQuery insert(bare);
    insert.prepare(u"INSERT INTO bare (n, content) VALUES (?, ?)"_s);
    QSqlQuery select(bare);
    select.prepare(u"SELECT content FROM bare WHERE n = ?"_s);
    const QByteArray stepBytes(step, 'x');
    qint64 bareRows = 0;

    out() << "log copy between two instances, the log growing by " << step / 1024 << " KiB between copies" << Qt::endl;
    bool met = true;
    for (const qint64 size : sizes) {
        if (!growTo(log, size)) {
            out() << "cannot grow " << log << Qt::endl;
            return 1;
        }
        // Caught up at this size before measuring (the first copy of a large log takes its time).
        copier->copyRunLog(u"long"_s, runId);
        QThread::msleep(1001);
        mirror->mirrorRunLog(u"long"_s, runId, JobStatus::Running, instance);
        QList<double> copies;
        QList<double> mirrors;
        QList<double> inserts;
        QList<double> selects;
        for (int round = 0; round < rounds; ++round) {
            if (!growTo(log, QFileInfo(log).size() + step)) {
                out() << "cannot grow " << log << Qt::endl;
                return 1;
            }
            QElapsedTimer timer;
            timer.start();
            copier->copyRunLog(u"long"_s, runId);
            copies.append(double(timer.nsecsElapsed()) / 1e6);
            // A running run's copy is looked at once a second at most (ClusterMember).
            QThread::msleep(1001);
            timer.start();
            mirror->mirrorRunLog(u"long"_s, runId, JobStatus::Running, instance);
            mirrors.append(double(timer.nsecsElapsed()) / 1e6);

            timer.start();
            insert.addBindValue(++bareRows);
            insert.addBindValue(stepBytes);
            if (!insert.exec()) {
                out() << "bare insert failed: " << insert.lastError().text() << Qt::endl;
                return 1;
            }
            inserts.append(double(timer.nsecsElapsed()) / 1e6);
            timer.start();
            select.addBindValue(bareRows);
            if (!select.exec() || !select.next() || select.value(0).toByteArray().size() != step) {
                out() << "bare select failed: " << select.lastError().text() << Qt::endl;
                return 1;
            }
            selects.append(double(timer.nsecsElapsed()) / 1e6);
        }
        if (QFileInfo(mirrored).size() != QFileInfo(log).size()) {
            out() << "the mirror holds " << QFileInfo(mirrored).size() << " bytes of " << QFileInfo(log).size()
                  << Qt::endl;
            return 1;
        }
        // What one copy of the whole log costs (the way before the pieces).
        QFile whole(log);
        if (!whole.open(QIODevice::ReadOnly)) {
            out() << "cannot read " << log << Qt::endl;
            return 1;
        }
        const QByteArray all = whole.readAll();
        QElapsedTimer timer;
        timer.start();
        insert.addBindValue(++bareRows);
        insert.addBindValue(all);
        // Past a size PostgreSQL's client or server refuses a value whole: the old way then failed.
        const bool wholeTaken = insert.exec();
        const double wholeInsert = double(timer.nsecsElapsed()) / 1e6;
        const QString wholeText = wholeTaken ? ms(wholeInsert) : u"refused: "_s + insert.lastError().text().trimmed();
        QSqlQuery(bare).exec(u"DELETE FROM bare WHERE n = %1"_s.arg(bareRows));

        const double copyRatio = percentile(copies, 50) / percentile(inserts, 50);
        const double mirrorRatio = percentile(mirrors, 50) / percentile(selects, 50);
        met = met && copyRatio <= 3 && mirrorRatio <= 3;
        out() << "log " << QFileInfo(log).size() / (1 << 20) << " MiB: copy p50 " << ms(percentile(copies, 50)) << " ("
              << QString::number(copyRatio, 'f', 2) << "x a bare INSERT of the growth, " << ms(percentile(inserts, 50))
              << "), mirror p50 " << ms(percentile(mirrors, 50)) << " (" << QString::number(mirrorRatio, 'f', 2)
              << "x a bare SELECT, " << ms(percentile(selects, 50)) << "); one INSERT of the whole log " << wholeText
              << Qt::endl;
    }
    out() << (met ? "goal met" : "goal NOT met") << ": copy and mirror p50 <= 3x the bare statements at every size"
          << Qt::endl;

    runner->shutdown(std::chrono::seconds(10));
    reader->shutdown(std::chrono::seconds(10));
    runner.reset();
    reader.reset();
    insert = QSqlQuery();
    select = QSqlQuery();
    bare = QSqlDatabase();
    QSqlDatabase::removeDatabase(u"bench-bare"_s);
    return met ? 0 : 1;
}
