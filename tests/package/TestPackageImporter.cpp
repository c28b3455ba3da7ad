// Importing job packages (kudu-webjobs-api.md §2.3.2): real zips built with QuaZip, hostile and
// broken ones included. Every refused package must leave the previous job folder exactly as it
// was and no staging folder behind.

#include "tests/support/ZipBuilder.h"

#include "core/package/PackageImporter.h"
#include "core/package/ScriptDiscovery.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QtConcurrent/QtConcurrentRun>

#include <functional>

using namespace Qt::StringLiterals;
using WebJobs::PackageImporter;
using WebJobs::Test::ZipEntry;
using Failure = PackageImporter::Failure;

// Writes the package file at the given path.
using PackageMaker = std::function<bool(const QString& path)>;
Q_DECLARE_METATYPE(PackageMaker)
Q_DECLARE_METATYPE(PackageImporter::Failure)

namespace {

constexpr qint64 MiB = 1024 * 1024;

PackageMaker zipOf(const QList<ZipEntry>& entries)
{
    return [entries](const QString& path) { return WebJobs::Test::writeZip(path, entries); };
}

PackageMaker rawFile(const QByteArray& content)
{
    return [content](const QString& path) {
        QFile file(path);
        return file.open(QIODevice::WriteOnly) && file.write(content) == content.size();
    };
}

QByteArray randomBytes(qint64 size, quint32 seed)
{
    QRandomGenerator generator(seed);
    QByteArray bytes(size, Qt::Uninitialized);
    generator.fillRange(reinterpret_cast<quint32*>(bytes.data()), size / qint64(sizeof(quint32)));
    return bytes;
}

// Every file and folder under `root` (relative path -> content hash, "<dir>" for folders), hidden
// ones included, symbolic links not followed.
QMap<QString, QByteArray> snapshot(const QString& root)
{
    QMap<QString, QByteArray> result;
    QDirIterator it(
        root, QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QFileInfo info = it.fileInfo();
        const QString relative = QDir(root).relativeFilePath(path);
        if (info.isSymLink()) {
            result.insert(relative, "<link>");
        } else if (info.isDir()) {
            result.insert(relative, "<dir>");
        } else {
            QFile file(path);
            if (!file.open(QIODevice::ReadOnly))
                result.insert(relative, "<unreadable>");
            else
                result.insert(relative, QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256));
        }
    }
    return result;
}

QStringList entryNames(const QString& directory)
{
    return QDir(directory).entryList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot, QDir::Name);
}

} // namespace

class TestPackageImporter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void importsZip_data();
    void importsZip();
    void keepsTimestampsAndExecutableBits();
    void prefersExtendedTimestamp();
    void importsSingleFile_data();
    void importsSingleFile();
    void replacesExistingPackage();
    void refusesBadSingleFileName_data();
    void refusesBadSingleFileName();
    void refusesPackage_data();
    void refusesPackage();
    void refusesMissingSource();
    void cancelBeforeStart();
    void cancelMidExtraction();
    void progressReportsBytesWritten();
    void signalsOnSuccess();
    void signalsOnFailure();
    void cancelThroughObject();
    void runsInWorkerThread();
    void recoversInterruptedImports();

private:
    PackageImporter::Request request(const QString& packagePath, bool isZip, const QString& fileName = {}) const;
    // Installs a previous package (run.sh + data/old.txt) in the target folder.
    void installPreviousPackage();

    std::unique_ptr<QTemporaryDir> m_root;
    QString m_typeDirectory;
    QString m_target;
};

void TestPackageImporter::init()
{
    m_root = std::make_unique<QTemporaryDir>();
    QVERIFY(m_root->isValid());
    m_typeDirectory = m_root->filePath(u"site/wwwroot/App_Data/jobs/triggered"_s);
    m_target = m_typeDirectory + u"/myjob"_s;
}

void TestPackageImporter::cleanup()
{
    m_root.reset();
}

PackageImporter::Request TestPackageImporter::request(
    const QString& packagePath, bool isZip, const QString& fileName) const
{
    PackageImporter::Request request;
    request.sourcePath = packagePath;
    request.fileName = fileName.isEmpty() ? QFileInfo(packagePath).fileName() : fileName;
    request.isZip = isZip;
    request.targetDirectory = m_target;
    return request;
}

void TestPackageImporter::installPreviousPackage()
{
    QVERIFY(QDir().mkpath(m_target + u"/data"_s));
    QFile script(m_target + u"/run.sh"_s);
    QVERIFY(script.open(QIODevice::WriteOnly));
    script.write("echo previous\n");
    script.close();
    QFile data(m_target + u"/data/old.txt"_s);
    QVERIFY(data.open(QIODevice::WriteOnly));
    data.write("old data\n");
}

void TestPackageImporter::importsZip_data()
{
    QTest::addColumn<QList<ZipEntry>>("entries");
    QTest::addColumn<QString>("runCommand");
    QTest::addColumn<QStringList>("files");

    QTest::newRow("script at the top") << QList<ZipEntry> {ZipEntry::file(u"run.sh"_s), ZipEntry::file(u"lib.sh"_s)}
                                       << u"run.sh"_s << QStringList {u"lib.sh"_s, u"run.sh"_s};
    QTest::newRow("one top folder (Kudu's inner/run.cmd)")
        << QList<ZipEntry> {ZipEntry::directory(u"inner/"_s), ZipEntry::file(u"inner/run.sh"_s),
               ZipEntry::file(u"inner/test.sh"_s)}
        << u"inner/run.sh"_s << QStringList {u"inner"_s, u"inner/run.sh"_s, u"inner/test.sh"_s};
    QTest::newRow("nested folders without folder entries")
        << QList<ZipEntry> {ZipEntry::file(u"a/b/run.py"_s, "print('x')\n")} << u"a/b/run.py"_s
        << QStringList {u"a"_s, u"a/b"_s, u"a/b/run.py"_s};
    QTest::newRow("Windows separators") << QList<ZipEntry> {ZipEntry::file(u"inner\\run.sh"_s)} << u"inner/run.sh"_s
                                        << QStringList {u"inner"_s, u"inner/run.sh"_s};
    QTest::newRow("dot and empty components") << QList<ZipEntry> {ZipEntry::file(u"./inner//run.sh"_s)}
                                              << u"inner/run.sh"_s << QStringList {u"inner"_s, u"inner/run.sh"_s};
    QTest::newRow("macOS metadata skipped") << QList<ZipEntry> {ZipEntry::file(u"job/run.sh"_s),
        ZipEntry::directory(u"__MACOSX/"_s), ZipEntry::file(u"__MACOSX/job/._run.sh"_s, "\0\5\26\7")}
                                            << u"job/run.sh"_s << QStringList {u"job"_s, u"job/run.sh"_s};
    QTest::newRow("UTF-8 names") << QList<ZipEntry> {ZipEntry::file(u"t\u00e2che/ex\u00e9cuter.js"_s)}
                                 << u"t\u00e2che/ex\u00e9cuter.js"_s
                                 << QStringList {u"t\u00e2che"_s, u"t\u00e2che/ex\u00e9cuter.js"_s};
    QTest::newRow("stored entries and an empty file")
        << QList<ZipEntry> {[] {
                                ZipEntry entry = ZipEntry::file(u"run.sh"_s);
                                entry.stored = true;
                                return entry;
                            }(),
               ZipEntry::file(u"empty.txt"_s, QByteArray())}
        << u"run.sh"_s << QStringList {u"empty.txt"_s, u"run.sh"_s};
    QTest::newRow("only a Windows script (kept, runs need Windows)")
        << QList<ZipEntry> {ZipEntry::file(u"run.cmd"_s, "echo %*\r\n")} << u"run.cmd"_s << QStringList {u"run.cmd"_s};
    QTest::newRow("hidden files kept") << QList<ZipEntry> {ZipEntry::file(u"run.sh"_s), ZipEntry::file(u".env"_s)}
                                       << u"run.sh"_s << QStringList {u".env"_s, u"run.sh"_s};
}

void TestPackageImporter::importsZip()
{
    QFETCH(QList<ZipEntry>, entries);
    QFETCH(QString, runCommand);
    QFETCH(QStringList, files);

    const QString zipPath = m_root->filePath(u"upload.zip"_s);
    QVERIFY(WebJobs::Test::writeZip(zipPath, entries));

    const auto result = PackageImporter::import(request(zipPath, true));
    QVERIFY2(result.ok, qPrintable(result.error));
    QCOMPARE(result.failure, Failure::None);
    QVERIFY(result.error.isEmpty());
    QCOMPARE(result.runCommand, runCommand);
    QCOMPARE(snapshot(m_target).keys(), files);
    QCOMPARE(entryNames(m_typeDirectory), QStringList {u"myjob"_s});
    for (const ZipEntry& entry : std::as_const(entries)) {
        const QString path = QString(entry.name).replace(u'\\', u'/');
        if (entry.type == ZipEntry::Type::File && !path.startsWith(u"__MACOSX"))
            QCOMPARE(snapshot(m_target).value(QDir::cleanPath(path)),
                QCryptographicHash::hash(entry.data, QCryptographicHash::Sha256));
    }
}

void TestPackageImporter::keepsTimestampsAndExecutableBits()
{
    ZipEntry script = ZipEntry::file(u"run.sh"_s, "echo run\n", 0755);
    script.modified = QDateTime(QDate(2020, 2, 29), QTime(23, 59, 58));
    ZipEntry data = ZipEntry::file(u"data.txt"_s, "data\n", 0644);
    data.modified = QDateTime(QDate(2019, 7, 14), QTime(12, 30, 0));
    ZipEntry groupOnly = ZipEntry::file(u"tool.sh"_s, "echo tool\n", 0650);
    const QString zipPath = m_root->filePath(u"upload.zip"_s);
    QVERIFY(WebJobs::Test::writeZip(zipPath, {script, data, groupOnly}));

    const auto result = PackageImporter::import(request(zipPath, true));
    QVERIFY2(result.ok, qPrintable(result.error));

    const QFileInfo scriptInfo(m_target + u"/run.sh"_s);
    QCOMPARE(scriptInfo.lastModified(), script.modified);
    QVERIFY(scriptInfo.permissions().testFlag(QFile::ExeOwner));
    QVERIFY(scriptInfo.permissions().testFlag(QFile::ExeGroup));
    QVERIFY(scriptInfo.permissions().testFlag(QFile::ExeOther));
    const QFileInfo dataInfo(m_target + u"/data.txt"_s);
    QCOMPARE(dataInfo.lastModified(), data.modified);
    QVERIFY(!dataInfo.permissions().testFlag(QFile::ExeOwner));
    QVERIFY(dataInfo.permissions().testFlag(QFile::ReadOwner));
    QVERIFY(dataInfo.permissions().testFlag(QFile::WriteOwner));
    const QFileInfo toolInfo(m_target + u"/tool.sh"_s);
    QVERIFY(!toolInfo.permissions().testFlag(QFile::ExeOwner));
    QVERIFY(toolInfo.permissions().testFlag(QFile::ExeGroup));
    QVERIFY(!toolInfo.permissions().testFlag(QFile::ExeOther));
}

void TestPackageImporter::prefersExtendedTimestamp()
{
    // The DOS time has 2-second steps and no zone; the "UT" extra field is exact and in UTC.
    const QDateTime exact = QDateTime(QDate(2022, 3, 4), QTime(5, 6, 7), Qt::UTC);
    ZipEntry script = ZipEntry::file(u"run.sh"_s);
    script.modified = QDateTime(QDate(2001, 1, 1), QTime(0, 0, 0));
    script.centralExtra = WebJobs::Test::extendedTimestampField(exact);
    const QString zipPath = m_root->filePath(u"upload.zip"_s);
    QVERIFY(WebJobs::Test::writeZip(zipPath, {script}));

    const auto result = PackageImporter::import(request(zipPath, true));
    QVERIFY2(result.ok, qPrintable(result.error));
    QCOMPARE(QFileInfo(m_target + u"/run.sh"_s).lastModified().toUTC(), exact);
}

void TestPackageImporter::importsSingleFile_data()
{
    QTest::addColumn<QString>("fileName");

    QTest::newRow("run.sh") << u"run.sh"_s;
    QTest::newRow("Kudu's accented name") << u"Job file with long name and accents \u00e0\u00e9\u00e8.cmd"_s;
    QTest::newRow("python") << u"myrun.py"_s;
}

void TestPackageImporter::importsSingleFile()
{
    QFETCH(QString, fileName);

    const QString upload = m_root->filePath(u"upload.bin"_s);
    const QByteArray content = "echo single\n";
    QVERIFY(rawFile(content)(upload));

    const auto result = PackageImporter::import(request(upload, false, fileName));
    QVERIFY2(result.ok, qPrintable(result.error));
    QCOMPARE(result.runCommand, fileName);
    QCOMPARE(entryNames(m_target), QStringList {fileName});
    QFile stored(m_target + u'/' + fileName);
    QVERIFY(stored.open(QIODevice::ReadOnly));
    QCOMPARE(stored.readAll(), content);
    QCOMPARE(entryNames(m_typeDirectory), QStringList {u"myjob"_s});
}

// Kudu's CreateSameTriggeredJobTwiceUpdatesJobBinaries: re-uploading replaces the whole folder.
void TestPackageImporter::replacesExistingPackage()
{
    installPreviousPackage();
    const QString upload = m_root->filePath(u"myrun.cmd"_s);
    QVERIFY(rawFile("echo replaced\r\n")(upload));

    const auto result = PackageImporter::import(request(upload, false));
    QVERIFY2(result.ok, qPrintable(result.error));
    QCOMPARE(result.runCommand, u"myrun.cmd"_s);
    QCOMPARE(entryNames(m_target), QStringList {u"myrun.cmd"_s});
    QCOMPARE(entryNames(m_typeDirectory), QStringList {u"myjob"_s});
}

void TestPackageImporter::refusesBadSingleFileName_data()
{
    QTest::addColumn<QString>("fileName");

    QTest::newRow("parent reference") << u"../run.sh"_s;
    QTest::newRow("folder part") << u"scripts/run.sh"_s;
    QTest::newRow("Windows folder part") << u"C:\\jobs\\run.sh"_s;
    QTest::newRow("dot dot") << u".."_s;
    QTest::newRow("dot") << u"."_s;
    QTest::newRow("control character") << u"run\n.sh"_s;
}

void TestPackageImporter::refusesBadSingleFileName()
{
    QFETCH(QString, fileName);

    installPreviousPackage();
    const auto before = snapshot(m_root->path());
    const QString upload = m_root->filePath(u"upload.bin"_s);
    QVERIFY(rawFile("echo hi\n")(upload));
    const auto withUpload = snapshot(m_root->path());

    const auto result = PackageImporter::import(request(upload, false, fileName));
    QVERIFY(!result.ok);
    QCOMPARE(result.failure, Failure::InvalidRequest);
    QVERIFY2(result.error.contains(u"plain name"_s), qPrintable(result.error));
    QCOMPARE(snapshot(m_root->path()), withUpload);
    QVERIFY(before.size() + 1 == withUpload.size());
}

void TestPackageImporter::refusesPackage_data()
{
    QTest::addColumn<PackageMaker>("maker");
    QTest::addColumn<bool>("isZip");
    QTest::addColumn<PackageImporter::Limits>("limits");
    QTest::addColumn<Failure>("failure");
    QTest::addColumn<QString>("messagePart");

    const PackageImporter::Limits defaults;
    const ZipEntry run = ZipEntry::file(u"run.sh"_s);
    const auto withName = [](const QString& name) { return ZipEntry::file(name, "echo evil\n"); };

    // Zip-slip and other hostile names.
    for (const auto& [row, name] : std::initializer_list<std::pair<const char*, QString>> {
             {"parent reference", u"../evil.sh"_s},
             {"deep parent reference", u"inner/../../evil.sh"_s},
             {"parent reference staying inside", u"inner/../run2.sh"_s},
             {"Windows parent reference", u"..\\evil.sh"_s},
             {"trailing parent reference", u"inner/.."_s},
         }) {
        QTest::newRow(row) << zipOf({run, withName(name)}) << true << defaults << Failure::InvalidPackage
                           << u"outside the job folder"_s;
    }
    for (const auto& [row, name] : std::initializer_list<std::pair<const char*, QString>> {
             {"absolute path", u"/tmp/evil.sh"_s},
             {"Windows absolute path", u"\\tmp\\evil.sh"_s},
             {"UNC path", u"//server/share/evil.sh"_s},
             {"drive letter", u"C:/evil.sh"_s},
             {"drive-relative path", u"c:evil.sh"_s},
         }) {
        QTest::newRow(row) << zipOf({run, withName(name)}) << true << defaults << Failure::InvalidPackage
                           << u"absolute path"_s;
    }
    QTest::newRow("control character in a name") << zipOf({run, withName(u"bad\u0001name.sh"_s)}) << true << defaults
                                                 << Failure::InvalidPackage << u"invalid name"_s;

    // Symbolic links, wherever they point.
    QTest::newRow("link pointing outside") << zipOf({run, ZipEntry::symbolicLink(u"passwd"_s, "/etc/passwd")}) << true
                                           << defaults << Failure::InvalidPackage << u"symbolic link"_s;
    QTest::newRow("link pointing up") << zipOf({run, ZipEntry::symbolicLink(u"up"_s, "../../..")}) << true << defaults
                                      << Failure::InvalidPackage << u"symbolic link"_s;
    QTest::newRow("link pointing inside") << zipOf({run, ZipEntry::symbolicLink(u"lib.sh"_s, "run.sh")}) << true
                                          << defaults << Failure::InvalidPackage << u"symbolic link"_s;
    QTest::newRow("link then a file through it")
        << zipOf({ZipEntry::symbolicLink(u"dir"_s, "/tmp"), ZipEntry::file(u"dir/run.sh"_s)}) << true << defaults
        << Failure::InvalidPackage << u"symbolic link"_s;

    // Duplicates and conflicts.
    QTest::newRow("same name twice") << zipOf({run, run}) << true << defaults << Failure::InvalidPackage
                                     << u"more than once"_s;
    QTest::newRow("same path after normalisation (slashes)")
        << zipOf({ZipEntry::file(u"inner/run.sh"_s), ZipEntry::file(u"inner//run.sh"_s)}) << true << defaults
        << Failure::InvalidPackage << u"more than once"_s;
    QTest::newRow("same path after normalisation (backslash)")
        << zipOf({ZipEntry::file(u"inner/run.sh"_s), ZipEntry::file(u"inner\\run.sh"_s)}) << true << defaults
        << Failure::InvalidPackage << u"more than once"_s;
    QTest::newRow("same path after normalisation (dot)") << zipOf({run, ZipEntry::file(u"./run.sh"_s)}) << true
                                                         << defaults << Failure::InvalidPackage << u"more than once"_s;
    QTest::newRow("file and folder with the same name")
        << zipOf({ZipEntry::file(u"lib"_s), ZipEntry::directory(u"lib/"_s), run}) << true << defaults
        << Failure::InvalidPackage << u"more than once"_s;
    QTest::newRow("file used as a parent folder")
        << zipOf({ZipEntry::file(u"lib"_s), ZipEntry::file(u"lib/x.sh"_s), run}) << true << defaults
        << Failure::InvalidPackage << u"both as a file and as a folder"_s;

    // Limits.
    PackageImporter::Limits fewEntries;
    fewEntries.maxEntries = 3;
    QTest::newRow("more entries than allowed")
        << zipOf({run, withName(u"a"_s), withName(u"b"_s), withName(u"c"_s)}) << true << fewEntries
        << Failure::InvalidPackage << u"more than the 3 allowed"_s;
    PackageImporter::Limits smallExpansion;
    smallExpansion.maxUncompressedBytes = 1 * MiB;
    QTest::newRow("bomb: highly compressible entry above the cap")
        << zipOf({run, ZipEntry::file(u"zeros.bin"_s, QByteArray(8 * MiB, '\0'))}) << true << smallExpansion
        << Failure::InvalidPackage << u"expands to"_s;
    QTest::newRow("several entries adding up above the cap")
        << zipOf({run, ZipEntry::file(u"a.bin"_s, QByteArray(600 * 1024, 'a')),
               ZipEntry::file(u"b.bin"_s, QByteArray(600 * 1024, 'b'))})
        << true << smallExpansion << Failure::InvalidPackage << u"expands to"_s;
    ZipEntry claimsHuge = ZipEntry::file(u"huge.bin"_s, QByteArray(1024, 'x'));
    claimsHuge.declaredSize = 0x80000000u; // 2 GiB
    QTest::newRow("declared 2 GiB with the default cap")
        << zipOf({run, claimsHuge}) << true << defaults << Failure::InvalidPackage << u"expands to"_s;
    ZipEntry liar = ZipEntry::file(u"liar.bin"_s, QByteArray(256 * 1024, '\0'));
    liar.declaredSize = 1024;
    QTest::newRow("entry larger than it declares")
        << zipOf({run, liar}) << true << defaults << Failure::InvalidPackage << u"damaged"_s;
    PackageImporter::Limits tinyPackage;
    tinyPackage.maxPackageBytes = 100;
    QTest::newRow("package file above the cap") << zipOf({run, ZipEntry::file(u"noise.bin"_s, randomBytes(4096, 1))})
                                                << true << tinyPackage << Failure::InvalidPackage << u"more than the"_s;
    QTest::newRow("single file above the cap")
        << rawFile(QByteArray(200, '#')) << false << tinyPackage << Failure::InvalidPackage << u"more than the"_s;

    // Damaged or foreign files.
    ZipEntry encrypted = ZipEntry::file(u"secret.sh"_s);
    encrypted.password = "secret";
    QTest::newRow("encrypted entry") << zipOf({run, encrypted}) << true << defaults << Failure::InvalidPackage
                                     << u"password"_s;
    ZipEntry badCrc = ZipEntry::file(u"run.sh"_s, "echo checksum\n");
    badCrc.crc = 0xdeadbeef;
    QTest::newRow("CRC mismatch") << zipOf({badCrc}) << true << defaults << Failure::InvalidPackage
                                  << u"checksum does not match"_s;
    const QList<ZipEntry> sample = {
        ZipEntry::file(u"run.sh"_s, randomBytes(64 * 1024, 2)), ZipEntry::file(u"lib.sh"_s, randomBytes(16 * 1024, 3))};
    QTest::newRow("truncated end") << PackageMaker([sample](const QString& path) {
        return WebJobs::Test::writeZip(path, sample) && WebJobs::Test::truncateBy(path, 10);
    }) << true << defaults << Failure::InvalidPackage
                                   << u"not a valid zip file"_s;
    QTest::newRow("truncated to half") << PackageMaker([sample](const QString& path) {
        return WebJobs::Test::writeZip(path, sample) && WebJobs::Test::keepFirst(path, QFileInfo(path).size() / 2);
    }) << true << defaults << Failure::InvalidPackage
                                       << u"not a valid zip file"_s;
    QTest::newRow("corrupted compressed data") << PackageMaker([](const QString& path) {
        return WebJobs::Test::writeZip(path, {ZipEntry::file(u"run.sh"_s, QByteArray(64 * 1024, 'z') + "echo\n")})
            && WebJobs::Test::corruptFirstEntryData(path);
    }) << true << defaults << Failure::InvalidPackage
                                               << u"\"run.sh\" cannot be decompressed"_s;
    QTest::newRow("not a zip") << rawFile("#!/bin/sh\necho I am a script\n") << true << defaults
                               << Failure::InvalidPackage << u"not a valid zip file"_s;
    QTest::newRow("empty file") << rawFile(QByteArray()) << true << defaults << Failure::InvalidPackage
                                << u"not a valid zip file"_s;

    // Valid packages without a script.
    QTest::newRow("zip without a script") << zipOf({ZipEntry::file(u"readme.txt"_s)}) << true << defaults
                                          << Failure::NoRunnableScript << u"No runnable script file was found"_s;
    QTest::newRow("script below the script directory")
        << zipOf({ZipEntry::file(u"lib/run.sh"_s), ZipEntry::file(u"readme.txt"_s)}) << true << defaults
        << Failure::NoRunnableScript << u"No runnable script file was found"_s;
    QTest::newRow("zip uploaded as a plain file (Kudu stores it as is)")
        << zipOf({run}) << false << defaults << Failure::NoRunnableScript << u"No runnable script file was found"_s;
}

// Every refusal leaves the previous package untouched, writes nothing anywhere and leaves no
// staging folder.
void TestPackageImporter::refusesPackage()
{
    QFETCH(PackageMaker, maker);
    QFETCH(bool, isZip);
    QFETCH(PackageImporter::Limits, limits);
    QFETCH(Failure, failure);
    QFETCH(QString, messagePart);

    installPreviousPackage();
    const QString upload = m_root->filePath(u"upload.zip"_s);
    QVERIFY(maker(upload));
    const auto before = snapshot(m_root->path());

    auto importRequest = request(upload, isZip);
    importRequest.limits = limits;
    int progressCalls = 0;
    const auto result = PackageImporter::import(importRequest, nullptr, [&](qint64, qint64) { ++progressCalls; });
    QVERIFY(!result.ok);
    QCOMPARE(result.failure, failure);
    QVERIFY2(result.error.contains(messagePart), qPrintable(result.error));
    QVERIFY(result.runCommand.isEmpty());
    QCOMPARE(snapshot(m_root->path()), before);
    QCOMPARE(entryNames(m_typeDirectory), QStringList {u"myjob"_s});
    QVERIFY(!QFileInfo::exists(m_root->filePath(u"evil.sh"_s)));
    QVERIFY(!QFileInfo::exists(m_typeDirectory + u"/evil.sh"_s));
}

void TestPackageImporter::refusesMissingSource()
{
    const auto result = PackageImporter::import(request(m_root->filePath(u"missing.zip"_s), true));
    QVERIFY(!result.ok);
    QCOMPARE(result.failure, Failure::InvalidRequest);
    QVERIFY(!QFileInfo::exists(m_typeDirectory) || entryNames(m_typeDirectory).isEmpty());
}

void TestPackageImporter::cancelBeforeStart()
{
    installPreviousPackage();
    const QString zipPath = m_root->filePath(u"upload.zip"_s);
    QVERIFY(WebJobs::Test::writeZip(zipPath, {ZipEntry::file(u"run.sh"_s, "echo new\n")}));
    const auto before = snapshot(m_root->path());

    const std::atomic<bool> cancel {true};
    const auto result = PackageImporter::import(request(zipPath, true), &cancel);
    QVERIFY(!result.ok);
    QCOMPARE(result.failure, Failure::Cancelled);
    QCOMPARE(result.error, u"The import was cancelled."_s);
    QCOMPARE(snapshot(m_root->path()), before);
}

void TestPackageImporter::cancelMidExtraction()
{
    installPreviousPackage();
    const QString zipPath = m_root->filePath(u"upload.zip"_s);
    QVERIFY(WebJobs::Test::writeZip(zipPath,
        {ZipEntry::file(u"run.sh"_s), ZipEntry::file(u"a.bin"_s, randomBytes(3 * MiB, 4)),
            ZipEntry::file(u"b.bin"_s, randomBytes(3 * MiB, 5))}));
    const auto before = snapshot(m_root->path());

    std::atomic<bool> cancel {false};
    qint64 doneWhenCancelled = -1;
    qint64 lastDone = -1;
    const auto result = PackageImporter::import(request(zipPath, true), &cancel, [&](qint64 done, qint64) {
        lastDone = done;
        if (done >= 2 * MiB && !cancel.load()) {
            doneWhenCancelled = done;
            cancel.store(true);
        }
    });
    QVERIFY(!result.ok);
    QCOMPARE(result.failure, Failure::Cancelled);
    // Stopped in the middle of a.bin, not after the whole package.
    QVERIFY(doneWhenCancelled > 0);
    QVERIFY(doneWhenCancelled < 3 * MiB);
    QCOMPARE(lastDone, doneWhenCancelled);
    QCOMPARE(snapshot(m_root->path()), before);
}

void TestPackageImporter::progressReportsBytesWritten()
{
    const QList<ZipEntry> entries
        = {ZipEntry::file(u"run.sh"_s, "echo run\n"), ZipEntry::file(u"data/a.bin"_s, randomBytes(3 * MiB, 6)),
            ZipEntry::file(u"data/b.bin"_s, randomBytes(1000, 7))};
    const qint64 total = 9 + 3 * MiB + 1000;
    const QString zipPath = m_root->filePath(u"upload.zip"_s);
    QVERIFY(WebJobs::Test::writeZip(zipPath, entries));

    QList<QPair<qint64, qint64>> calls;
    const auto result = PackageImporter::import(request(zipPath, true), nullptr, [&](qint64 done, qint64 all) {
        calls.append({done, all});
    });
    QVERIFY2(result.ok, qPrintable(result.error));
    QVERIFY(calls.size() >= 4);
    QCOMPARE(calls.first(), qMakePair(qint64(0), total));
    QCOMPARE(calls.last(), qMakePair(total, total));
    for (int i = 1; i < calls.size(); ++i) {
        QVERIFY(calls.at(i).first >= calls.at(i - 1).first);
        QCOMPARE(calls.at(i).second, total);
    }
    // Reported during the large entry, not only at its end.
    QVERIFY(std::any_of(calls.cbegin(), calls.cend(),
        [](const auto& call) { return call.first > 9 + MiB / 2 && call.first < 9 + 3 * MiB; }));
}

void TestPackageImporter::signalsOnSuccess()
{
    const QString zipPath = m_root->filePath(u"upload.zip"_s);
    QVERIFY(WebJobs::Test::writeZip(zipPath, {ZipEntry::file(u"inner/run.sh"_s, "echo 12345\n")}));

    PackageImporter importer(request(zipPath, true));
    QSignalSpy started(&importer, &PackageImporter::started);
    QSignalSpy progress(&importer, &PackageImporter::progress);
    QSignalSpy failed(&importer, &PackageImporter::failed);
    QSignalSpy finished(&importer, &PackageImporter::finished);
    importer.run();

    QCOMPARE(started.count(), 1);
    QCOMPARE(failed.count(), 0);
    QCOMPARE(finished.count(), 1);
    QCOMPARE(finished.first().first().toString(), u"inner/run.sh"_s);
    QVERIFY(progress.count() >= 2);
    QCOMPARE(progress.first(), QVariantList({qint64(0), qint64(11)}));
    QCOMPARE(progress.last(), QVariantList({qint64(11), qint64(11)}));
    QVERIFY(importer.result().ok);
    QCOMPARE(importer.result().runCommand, u"inner/run.sh"_s);
}

void TestPackageImporter::signalsOnFailure()
{
    const QString zipPath = m_root->filePath(u"upload.zip"_s);
    QVERIFY(rawFile("not a zip")(zipPath));

    PackageImporter importer(request(zipPath, true));
    QSignalSpy started(&importer, &PackageImporter::started);
    QSignalSpy failed(&importer, &PackageImporter::failed);
    QSignalSpy finished(&importer, &PackageImporter::finished);
    importer.run();

    QCOMPARE(started.count(), 1);
    QCOMPARE(finished.count(), 0);
    QCOMPARE(failed.count(), 1);
    QCOMPARE(failed.first().first().toString(), importer.result().error);
    QCOMPARE(importer.result().failure, Failure::InvalidPackage);
}

void TestPackageImporter::cancelThroughObject()
{
    installPreviousPackage();
    const QString zipPath = m_root->filePath(u"upload.zip"_s);
    QVERIFY(WebJobs::Test::writeZip(
        zipPath, {ZipEntry::file(u"run.sh"_s), ZipEntry::file(u"big.bin"_s, randomBytes(4 * MiB, 8))}));
    const auto before = snapshot(m_root->path());

    PackageImporter importer(request(zipPath, true));
    connect(&importer, &PackageImporter::progress, &importer, [&importer](qint64 done, qint64) {
        if (done > 0)
            importer.cancel();
    });
    QSignalSpy failed(&importer, &PackageImporter::failed);
    QSignalSpy finished(&importer, &PackageImporter::finished);
    importer.run();

    QCOMPARE(finished.count(), 0);
    QCOMPARE(failed.count(), 1);
    QCOMPARE(importer.result().failure, Failure::Cancelled);
    QCOMPARE(snapshot(m_root->path()), before);
}

void TestPackageImporter::runsInWorkerThread()
{
    const QString zipPath = m_root->filePath(u"upload.zip"_s);
    QVERIFY(WebJobs::Test::writeZip(
        zipPath, {ZipEntry::file(u"run.js"_s), ZipEntry::file(u"blob.bin"_s, randomBytes(2 * MiB, 9))}));

    PackageImporter importer(request(zipPath, true));
    QObject receiver;
    QList<Qt::HANDLE> progressThreads;
    QString finishedWith;
    connect(&importer, &PackageImporter::progress, &receiver,
        [&](qint64, qint64) { progressThreads << QThread::currentThreadId(); });
    connect(&importer, &PackageImporter::finished, &receiver,
        [&](const QString& runCommand) { finishedWith = runCommand; });

    QFuture<void> future = QtConcurrent::run([&importer] { importer.run(); });
    QTRY_COMPARE(finishedWith, u"run.js"_s);
    future.waitForFinished();
    // Queued to the receiver's (this) thread.
    QVERIFY(!progressThreads.isEmpty());
    QVERIFY(std::all_of(progressThreads.cbegin(), progressThreads.cend(),
        [](Qt::HANDLE id) { return id == QThread::currentThreadId(); }));
    QVERIFY(QFileInfo::exists(m_target + u"/run.js"_s));
}

void TestPackageImporter::recoversInterruptedImports()
{
    const QDir type(m_typeDirectory);
    QVERIFY(QDir().mkpath(m_typeDirectory));
    // Staging of an import that crashed.
    QVERIFY(type.mkpath(u".myjob.import-Ab12Cd/inner"_s));
    // A job whose replacement crashed between the two renames: only the backup exists.
    QVERIFY(type.mkpath(u".lost.old-k3j2h1"_s));
    QVERIFY(rawFile("echo lost\n")(type.filePath(u".lost.old-k3j2h1/run.sh"_s)));
    // A job replaced completely, but whose backup was not deleted.
    QVERIFY(type.mkpath(u"done"_s));
    QVERIFY(rawFile("echo new\n")(type.filePath(u"done/run.sh"_s)));
    QVERIFY(type.mkpath(u".done.old-zz9"_s));
    QVERIFY(rawFile("echo old\n")(type.filePath(u".done.old-zz9/run.sh"_s)));
    // Not ours: left alone.
    QVERIFY(type.mkpath(u".git"_s));

    PackageImporter::recoverInterrupted(m_typeDirectory);

    QCOMPARE(entryNames(m_typeDirectory), (QStringList {u".git"_s, u"done"_s, u"lost"_s}));
    QFile lost(type.filePath(u"lost/run.sh"_s));
    QVERIFY(lost.open(QIODevice::ReadOnly));
    QCOMPARE(lost.readAll(), QByteArray("echo lost\n"));
    QFile done(type.filePath(u"done/run.sh"_s));
    QVERIFY(done.open(QIODevice::ReadOnly));
    QCOMPARE(done.readAll(), QByteArray("echo new\n"));
}

QTEST_GUILESS_MAIN(TestPackageImporter)
#include "TestPackageImporter.moc"
