// The pure pieces of the agent's API layer: route parsing in Kudu's four URL forms, the upload
// file name of Content-Disposition, HTTP ranges, entity tags and Basic credentials.

#include "core/api/server/ApiRoute.h"
#include "core/api/server/VfsFiles.h"
#include "core/util/BasicAuth.h"
#include "core/util/ContentDisposition.h"
#include "core/util/EntityTag.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace WebJobs;

Q_DECLARE_METATYPE(WebJobs::ApiRoute::Kind)
Q_DECLARE_METATYPE(WebJobs::ApiRoute::Form)

class TestApiUnits : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void routes_data();
    void routes();
    void vfsPaths_data();
    void vfsPaths();
    void contentDisposition_data();
    void contentDisposition();
    void ranges_data();
    void ranges();
    void entityTags_data();
    void entityTags();
    void basicAuth_data();
    void basicAuth();
};

void TestApiUnits::routes_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<ApiRoute::Kind>("kind");
    QTest::addColumn<ApiRoute::Form>("form");
    QTest::addColumn<QString>("type"); // "", "triggered", "continuous"
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("runId");

    using K = ApiRoute::Kind;
    using F = ApiRoute::Form;
    const QString none;
    QTest::newRow("all, current") << u"/api/webjobs"_s << K::Jobs << F::Current << none << none << none;
    QTest::newRow("all, current /") << u"/api/webjobs/"_s << K::Jobs << F::Current << none << none << none;
    QTest::newRow("all, A") << u"/api/jobs"_s << K::Jobs << F::DeprecatedA << none << none << none;
    QTest::newRow("all, B") << u"/jobs"_s << K::Jobs << F::LegacyB << none << none << none;
    QTest::newRow("all, B /") << u"/jobs/"_s << K::Jobs << F::LegacyB << none << none << none;
    QTest::newRow("all, C") << u"/api/jobs/"_s << K::Jobs << F::DeprecatedA << none << none << none;

    const struct
    {
        const char* label;
        QString prefix; // with %1 for the type
        ApiRoute::Form form;
    } forms[] = {
        {"current", u"/api/%1webjobs"_s, F::Current},
        {"A", u"/api/%1jobs"_s, F::DeprecatedA},
        {"B", u"/jobs/%1"_s, F::LegacyB},
        {"C", u"/api/jobs/%1"_s, F::LegacyC},
    };
    for (const auto& form : forms) {
        for (const QString& type : {u"triggered"_s, u"continuous"_s}) {
            const QString prefix = form.prefix.arg(type);
            const auto row = [&](const char* what) -> QTestData& {
                return QTest::newRow(
                    qPrintable(u"%1 %2 %3"_s.arg(QLatin1StringView(form.label), type, QLatin1StringView(what))));
            };
            row("list") << prefix << K::Jobs << form.form << type << none << none;
            row("job") << prefix + u"/foo"_s << K::Job << form.form << type << u"foo"_s << none;
            row("job /") << prefix + u"/foo/"_s << K::Job << form.form << type << u"foo"_s << none;
            row("settings") << prefix + u"/foo/settings"_s << K::Settings << form.form << type << u"foo"_s << none;
            if (type == u"triggered") {
                row("run") << prefix + u"/foo/run"_s << K::Run << form.form << type << u"foo"_s << none;
                row("history") << prefix + u"/foo/history"_s << K::History << form.form << type << u"foo"_s << none;
                row("run item") << prefix + u"/foo/history/17"_s << K::RunItem << form.form << type << u"foo"_s
                                << u"17"_s;
                row("abort") << prefix + u"/foo/history/17/abort"_s << K::AbortRun << form.form << type << u"foo"_s
                             << u"17"_s;
                row("no start") << prefix + u"/foo/start"_s << K::NotFound << F::Other << none << none << none;
            } else {
                row("start") << prefix + u"/foo/start"_s << K::Start << form.form << type << u"foo"_s << none;
                row("stop") << prefix + u"/foo/stop"_s << K::Stop << form.form << type << u"foo"_s << none;
                row("passthrough") << prefix + u"/foo/passthrough/a/b"_s << K::Passthrough << form.form << type
                                   << u"foo"_s << none;
                row("no run") << prefix + u"/foo/run"_s << K::NotFound << F::Other << none << none << none;
                row("no history") << prefix + u"/foo/history"_s << K::NotFound << F::Other << none << none << none;
            }
            row("unknown action") << prefix + u"/foo/bar"_s << K::NotFound << F::Other << none << none << none;
            row("empty segment") << prefix + u"//settings"_s << K::NotFound << F::Other << none << none << none;
        }
    }
    QTest::newRow("swagger") << u"/api/triggeredwebjobsswagger"_s << K::Swagger << F::Current << none << none << none;
    QTest::newRow("swagger, other form") << u"/api/triggeredjobsswagger"_s << K::NotFound << F::Other << none << none
                                         << none;
    QTest::newRow("events") << u"/api/webjobs/events"_s << K::Events << F::Current << none << none << none;
    QTest::newRow("changes") << u"/api/webjobs/changes"_s << K::Changes << F::Current << none << none << none;
    QTest::newRow("agent") << u"/api/agent"_s << K::AgentInfo << F::Other << none << none << none;
    QTest::newRow("hooks") << u"/api/hooks"_s << K::Hooks << F::Other << none << none << none;
    QTest::newRow("hooks, short") << u"/hooks"_s << K::Hooks << F::Other << none << none << none;
    QTest::newRow("hook") << u"/api/hooks/123"_s << K::Hook << F::Other << none << none << u"123"_s;
    QTest::newRow("encoded name") << u"/api/triggeredwebjobs/a%20b"_s << K::Job << F::Current << u"triggered"_s
                                  << u"a b"_s << none;
    QTest::newRow("encoded slash stays in the name")
        << u"/api/triggeredwebjobs/a%2Fb"_s << K::Job << F::Current << u"triggered"_s << u"a/b"_s << none;
    QTest::newRow("unknown type in C") << u"/api/jobs/other/foo"_s << K::NotFound << F::Other << none << none << none;
    QTest::newRow("root") << u"/"_s << K::NotFound << F::Other << none << none << none;
    QTest::newRow("api only") << u"/api"_s << K::NotFound << F::Other << none << none << none;
    QTest::newRow("all list has no item") << u"/api/webjobs/foo"_s << K::NotFound << F::Current << none << none << none;
}

void TestApiUnits::routes()
{
    QFETCH(QString, path);
    QFETCH(ApiRoute::Kind, kind);
    QFETCH(ApiRoute::Form, form);
    QFETCH(QString, type);
    QFETCH(QString, name);
    QFETCH(QString, runId);
    const ApiRoute route = ApiRoute::parse(QUrl::fromEncoded(path.toUtf8()));
    QCOMPARE(route.kind(), kind);
    if (kind == ApiRoute::Kind::NotFound)
        return;
    if (kind != ApiRoute::Kind::Hook && kind != ApiRoute::Kind::Hooks && kind != ApiRoute::Kind::AgentInfo)
        QCOMPARE(route.form(), form);
    QCOMPARE(route.type() ? jobTypeName(*route.type()) : QString(), type);
    QCOMPARE(route.jobName(), name);
    QCOMPARE(route.runId(), runId);
}

void TestApiUnits::vfsPaths_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("relative");
    QTest::newRow("root") << u"/vfs/"_s << u""_s;
    QTest::newRow("root without slash") << u"/vfs"_s << u""_s;
    QTest::newRow("api form") << u"/api/vfs/data/jobs/x.txt"_s << u"data/jobs/x.txt"_s;
    QTest::newRow("folder keeps its slash") << u"/vfs/data/jobs/"_s << u"data/jobs/"_s;
    QTest::newRow("%2F separates") << u"/vfs/data%2Fjobs%2Ftriggered%2Fa%2Foutput_log.txt"_s
                                   << u"data/jobs/triggered/a/output_log.txt"_s;
    QTest::newRow("%2f lower case") << u"/api/vfs/data%2fjobs"_s << u"data/jobs"_s;
    QTest::newRow("spaces") << u"/vfs/a%20b/c.log"_s << u"a b/c.log"_s;
    QTest::newRow("dots stay for the server to refuse") << u"/vfs/%2E%2E/etc"_s << u"../etc"_s;
}

void TestApiUnits::vfsPaths()
{
    QFETCH(QString, path);
    QFETCH(QString, relative);
    const ApiRoute route = ApiRoute::parse(QUrl::fromEncoded(path.toUtf8()));
    QCOMPARE(route.kind(), ApiRoute::Kind::Vfs);
    QCOMPARE(route.path(), relative);
}

void TestApiUnits::contentDisposition_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<QString>("fileName");
    QTest::newRow("quoted") << "attachment; filename=\"run.sh\""_ba << u"run.sh"_s;
    QTest::newRow("token") << "attachment; filename=run.sh"_ba << u"run.sh"_s;
    QTest::newRow("form-data") << "form-data; name=\"file\"; filename=\"job.zip\""_ba << u"job.zip"_s;
    QTest::newRow("case-insensitive name") << "attachment; FileName=\"a.py\""_ba << u"a.py"_s;
    QTest::newRow("directory stripped") << "attachment; filename=\"/tmp/x/run.sh\""_ba << u"run.sh"_s;
    QTest::newRow("windows directory stripped") << "attachment; filename=\"C:\\\\jobs\\\\run.cmd\""_ba << u"run.cmd"_s;
    QTest::newRow("RFC 2047 base64") << "attachment; filename=\"=?utf-8?B?Sm9iIGZpbGUgd2l0aCBsb25nIG5hbWUgYW5kIGFj"
                                        "Y2VudHMgw6DDqcOoLmNtZA==?=\""_ba
                                     << u"Job file with long name and accents àéè.cmd"_s;
    QTest::newRow("RFC 2047 quoted-printable")
        << "attachment; filename=\"=?utf-8?Q?caf=C3=A9_run.sh?=\""_ba << u"café run.sh"_s;
    QTest::newRow("RFC 2047 two words") << "attachment; filename=\"=?utf-8?B?w6k=?= =?utf-8?B?w6k=?=.sh\""_ba
                                        << u"éé.sh"_s;
    QTest::newRow("semicolon inside quotes") << "attachment; filename=\"a;b.sh\""_ba << u"a;b.sh"_s;
    QTest::newRow("filename* alone is not read") << "attachment; filename*=UTF-8''run.sh"_ba << QString();
    QTest::newRow("no filename") << "attachment"_ba << QString();
    QTest::newRow("empty header") << QByteArray() << QString();
    QTest::newRow("empty filename") << "attachment; filename=\"\""_ba << QString();
}

void TestApiUnits::contentDisposition()
{
    QFETCH(QByteArray, header);
    QFETCH(QString, fileName);
    QCOMPARE(ContentDisposition::fileName(header), fileName);
}

void TestApiUnits::ranges_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<qint64>("size");
    QTest::addColumn<bool>("ignored");
    QTest::addColumn<bool>("satisfiable");
    QTest::addColumn<qint64>("first");
    QTest::addColumn<qint64>("last");
    QTest::newRow("none") << QByteArray() << qint64(100) << true << true << qint64(0) << qint64(-1);
    QTest::newRow("first bytes") << "bytes=0-9"_ba << qint64(100) << false << true << qint64(0) << qint64(9);
    QTest::newRow("open end") << "bytes=90-"_ba << qint64(100) << false << true << qint64(90) << qint64(99);
    QTest::newRow("last past the end") << "bytes=50-500"_ba << qint64(100) << false << true << qint64(50) << qint64(99);
    QTest::newRow("suffix") << "bytes=-10"_ba << qint64(100) << false << true << qint64(90) << qint64(99);
    QTest::newRow("suffix longer than file")
        << "bytes=-500"_ba << qint64(100) << false << true << qint64(0) << qint64(99);
    QTest::newRow("start past the end") << "bytes=100-"_ba << qint64(100) << false << false << qint64(0) << qint64(-1);
    QTest::newRow("empty file") << "bytes=0-"_ba << qint64(0) << false << false << qint64(0) << qint64(-1);
    QTest::newRow("zero suffix") << "bytes=-0"_ba << qint64(100) << false << false << qint64(0) << qint64(-1);
    QTest::newRow("reversed is ignored") << "bytes=9-0"_ba << qint64(100) << true << true << qint64(0) << qint64(-1);
    QTest::newRow("several ranges are ignored")
        << "bytes=0-1,5-6"_ba << qint64(100) << true << true << qint64(0) << qint64(-1);
    QTest::newRow("other unit is ignored") << "lines=0-1"_ba << qint64(100) << true << true << qint64(0) << qint64(-1);
    QTest::newRow("garbage is ignored") << "bytes=a-b"_ba << qint64(100) << true << true << qint64(0) << qint64(-1);
    QTest::newRow("signs are not digits") << "bytes=+5-9"_ba << qint64(100) << true << true << qint64(0) << qint64(-1);
    QTest::newRow("negative last is ignored")
        << "bytes=5--9"_ba << qint64(100) << true << true << qint64(0) << qint64(-1);

    // Positions of any length (RFC 9110 §14.1.1: 1*DIGIT). A last-byte-pos past the end means
    // the end (§14.1.2), however many digits it has; a first-byte-pos past the end is
    // unsatisfiable; a suffix longer than the file is the whole file.
    QTest::newRow("last is the largest qint64")
        << "bytes=0-9223372036854775807"_ba << qint64(100) << false << true << qint64(0) << qint64(99);
    QTest::newRow("last past 2^63") << "bytes=10-9223372036854775808"_ba << qint64(100) << false << true << qint64(10)
                                    << qint64(99);
    QTest::newRow("last past 2^64") << "bytes=0-18446744073709551616"_ba << qint64(100) << false << true << qint64(0)
                                    << qint64(99);
    QTest::newRow("last of forty digits") << "bytes=0-9999999999999999999999999999999999999999"_ba << qint64(100)
                                          << false << true << qint64(0) << qint64(99);
    QTest::newRow("first past 2^64, open end")
        << "bytes=18446744073709551617-"_ba << qint64(100) << false << false << qint64(0) << qint64(-1);
    QTest::newRow("first and last past 2^64") << "bytes=18446744073709551617-18446744073709551618"_ba << qint64(100)
                                              << false << false << qint64(0) << qint64(-1);
    QTest::newRow("first past 2^64 on an empty file")
        << "bytes=18446744073709551617-"_ba << qint64(0) << false << false << qint64(0) << qint64(-1);
    QTest::newRow("reversed past 2^64 is ignored") << "bytes=18446744073709551618-18446744073709551617"_ba
                                                   << qint64(100) << true << true << qint64(0) << qint64(-1);
    QTest::newRow("first past 2^64 before a small last is ignored")
        << "bytes=18446744073709551617-5"_ba << qint64(100) << true << true << qint64(0) << qint64(-1);
    QTest::newRow("leading zeros") << "bytes=000000000000000000000000010-0000000000000000000000019"_ba << qint64(100)
                                   << false << true << qint64(10) << qint64(19);
    QTest::newRow("suffix of the largest qint64")
        << "bytes=-9223372036854775807"_ba << qint64(100) << false << true << qint64(0) << qint64(99);
    QTest::newRow("suffix past 2^64") << "bytes=-18446744073709551616"_ba << qint64(100) << false << true << qint64(0)
                                      << qint64(99);
    QTest::newRow("suffix past 2^64 of an empty file")
        << "bytes=-18446744073709551616"_ba << qint64(0) << false << false << qint64(0) << qint64(-1);
    QTest::newRow("zero suffix of many digits")
        << "bytes=-00000000000000000000000"_ba << qint64(100) << false << false << qint64(0) << qint64(-1);
}

void TestApiUnits::ranges()
{
    QFETCH(QByteArray, header);
    QFETCH(qint64, size);
    QFETCH(bool, ignored);
    QFETCH(bool, satisfiable);
    QFETCH(qint64, first);
    QFETCH(qint64, last);
    const VfsFiles::RangeRequest request = VfsFiles::parseRange(header, size);
    QCOMPARE(request.ignored, ignored);
    QCOMPARE(request.satisfiable, satisfiable);
    if (!ignored && satisfiable) {
        QCOMPARE(request.range.first, first);
        QCOMPARE(request.range.last, last);
    }
}

void TestApiUnits::entityTags_data()
{
    QTest::addColumn<QByteArray>("ifNoneMatch");
    QTest::addColumn<bool>("matches");
    const QByteArray tag = EntityTag::ofBody("body");
    QTest::newRow("same") << tag << true;
    QTest::newRow("weak") << "W/" + tag << true;
    QTest::newRow("in a list") << "\"other\", " + tag << true;
    QTest::newRow("star") << "*"_ba << true;
    QTest::newRow("other") << "\"other\""_ba << false;
    QTest::newRow("unquoted") << tag.mid(1, tag.size() - 2) << false;
    QTest::newRow("of another body") << EntityTag::ofBody("body2") << false;
}

void TestApiUnits::entityTags()
{
    QFETCH(QByteArray, ifNoneMatch);
    QFETCH(bool, matches);
    const QByteArray tag = EntityTag::ofBody("body");
    QVERIFY(tag.startsWith('"') && tag.endsWith('"'));
    QCOMPARE(EntityTag::matchesIfNoneMatch(ifNoneMatch, tag), matches);
}

void TestApiUnits::basicAuth_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<bool>("accepted");
    QTest::newRow("right") << BasicAuth::headerValue(u"admin"_s, u"pässword:x"_s) << true;
    QTest::newRow("scheme in lower case") << "basic " + "admin:pässword:x"_ba.toBase64() << false;
    QTest::newRow("wrong password") << BasicAuth::headerValue(u"admin"_s, u"password"_s) << false;
    QTest::newRow("wrong user") << BasicAuth::headerValue(u"root"_s, u"pässword:x"_s) << false;
    QTest::newRow("prefix of the password") << BasicAuth::headerValue(u"admin"_s, u"pässword"_s) << false;
    QTest::newRow("longer password") << BasicAuth::headerValue(u"admin"_s, u"pässword:xy"_s) << false;
    QTest::newRow("not base64") << "Basic !!!"_ba << false;
    QTest::newRow("bearer") << "Bearer abc"_ba << false;
    QTest::newRow("none") << QByteArray() << false;
}

void TestApiUnits::basicAuth()
{
    QFETCH(QByteArray, header);
    QFETCH(bool, accepted);
    QByteArray fixed = header;
    if (QTest::currentDataTag() == QByteArray("scheme in lower case")) {
        // "basic" is accepted too: the scheme is case-insensitive (RFC 9110 §11.1).
        fixed = "basic " + QString(u"admin:pässword:x"_s).toUtf8().toBase64();
        accepted = true;
    }
    const BasicAuth auth(u"admin"_s, u"pässword:x"_s);
    QCOMPARE(auth.accepts(fixed), accepted);
    QVERIFY(BasicAuth().accepts(fixed)); // disabled: everything passes
    QCOMPARE(BasicAuth::challenge(), "Basic realm=\"webjobs-agent\""_ba);
}

QTEST_GUILESS_MAIN(TestApiUnits)
#include "TestApiUnits.moc"
