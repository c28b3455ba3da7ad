// The pure pieces of the agent's API layer: route parsing in Kudu's four URL forms, the upload
// file name of Content-Disposition, HTTP ranges, entity tags, Basic credentials, the request
// gate's head parser, the password throttle and the client keys of the connection table.

#include "core/api/server/ApiRoute.h"
#include "core/api/server/AuthThrottle.h"
#include "core/api/server/ConnectionTable.h"
#include "core/api/server/RequestHeadParser.h"
#include "core/api/server/VfsFiles.h"
#include "core/util/BasicAuth.h"
#include "core/util/ContentDisposition.h"
#include "core/util/EntityTag.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace WebJobs;

Q_DECLARE_METATYPE(WebJobs::ApiRoute::Kind)
Q_DECLARE_METATYPE(WebJobs::ApiRoute::Form)
Q_DECLARE_METATYPE(WebJobs::RequestHeadParser::Outcome)
Q_DECLARE_METATYPE(WebJobs::RequestHeadParser::Problem)

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
    void requestHeads_data();
    void requestHeads();
    void requestHeadsArriveInPieces();
    void chunkSizes_data();
    void chunkSizes();
    void throttle();
    void clientKeys_data();
    void clientKeys();
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

void TestApiUnits::requestHeads_data()
{
    using Outcome = RequestHeadParser::Outcome;
    using Problem = RequestHeadParser::Problem;
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<Outcome>("outcome");
    QTest::addColumn<Problem>("problem");
    QTest::addColumn<qsizetype>("length");
    QTest::addColumn<qint64>("contentLength");
    QTest::addColumn<bool>("chunked");
    const QByteArray get = "GET /api/webjobs HTTP/1.1\r\nHost: x\r\n\r\n";

    // What QHttpServer 6.4 accepts and frames as the gate does.
    QTest::newRow("CRLF") << get << Outcome::Complete << Problem::None << get.size() << qint64(-1) << false;
    QTest::newRow("LF only") << "GET / HTTP/1.1\nHost: x\n\nrest"_ba << Outcome::Complete << Problem::None
                             << qsizetype(24) << qint64(-1) << false;
    QTest::newRow("no headers") << "GET / HTTP/1.0\r\n\r\n"_ba << Outcome::Complete << Problem::None << qsizetype(18)
                                << qint64(-1) << false;
    QTest::newRow("blank lines before") << "\r\n\r\nGET / HTTP/1.1\r\n\r\n"_ba << Outcome::Complete << Problem::None
                                        << qsizetype(22) << qint64(-1) << false;
    QTest::newRow("several spaces") << "GET  /  HTTP/1.1\r\n\r\n"_ba << Outcome::Complete << Problem::None
                                    << qsizetype(20) << qint64(-1) << false;
    QTest::newRow("length") << "PUT /x HTTP/1.1\r\nContent-Length: 0012\r\n\r\nbody"_ba << Outcome::Complete
                            << Problem::None << qsizetype(41) << qint64(12) << false;
    QTest::newRow("chunked") << "PUT /x HTTP/1.1\r\ntransfer-encoding:  Chunked \r\n\r\n"_ba << Outcome::Complete
                             << Problem::None << qsizetype(49) << qint64(-1) << true;
    QTest::newRow("huge length saturates")
        << "PUT /x HTTP/1.1\r\nContent-Length: 99999999999999999999999\r\n\r\n"_ba << Outcome::Complete << Problem::None
        << qsizetype(60) << std::numeric_limits<qint64>::max() << false;
    QTest::newRow("UTF-8 in a value") << "GET / HTTP/1.1\r\nX-Name: caf\xc3\xa9\r\n\r\n"_ba << Outcome::Complete
                                      << Problem::None << qsizetype(33) << qint64(-1) << false;
    QTest::newRow("incomplete") << "GET / HTTP/1.1\r\nHost: x\r\n"_ba << Outcome::Incomplete << Problem::None
                                << qsizetype(0) << qint64(-1) << false;
    QTest::newRow("only blank lines") << "\r\n\r\n"_ba << Outcome::Incomplete << Problem::None << qsizetype(0)
                                      << qint64(-1) << false;

    // Framed differently by QHttpServer, or ambiguous: refused.
    QTest::newRow("LF then CRLF") << "GET / HTTP/1.1\nHost: x\n\r\nbody"_ba << Outcome::Invalid << Problem::LineEnds
                                  << qsizetype(0) << qint64(-1) << false;
    QTest::newRow("CRLF then LF") << "GET / HTTP/1.1\r\nHost: x\r\n\n"_ba << Outcome::Invalid << Problem::LineEnds
                                  << qsizetype(0) << qint64(-1) << false;
    QTest::newRow("bare CR") << "GET / HTTP/1.1\r\nHost: x\ry\r\n\r\n"_ba << Outcome::Invalid << Problem::LineEnds
                             << qsizetype(0) << qint64(-1) << false;
    QTest::newRow("two lengths") << "PUT /x HTTP/1.1\r\nContent-Length: 5\r\nContent-Length: 5\r\n\r\n"_ba
                                 << Outcome::Invalid << Problem::ContentLength << qsizetype(0) << qint64(-1) << false;
    QTest::newRow("a list of lengths") << "PUT /x HTTP/1.1\r\nContent-Length: 5, 6\r\n\r\n"_ba << Outcome::Invalid
                                       << Problem::ContentLength << qsizetype(0) << qint64(-1) << false;
    QTest::newRow("signed length") << "PUT /x HTTP/1.1\r\nContent-Length: +5\r\n\r\n"_ba << Outcome::Invalid
                                   << Problem::ContentLength << qsizetype(0) << qint64(-1) << false;
    QTest::newRow("empty length") << "PUT /x HTTP/1.1\r\nContent-Length:\r\n\r\n"_ba << Outcome::Invalid
                                  << Problem::ContentLength << qsizetype(0) << qint64(-1) << false;
    QTest::newRow("length and chunked")
        << "PUT /x HTTP/1.1\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n"_ba << Outcome::Invalid
        << Problem::LengthAndChunked << qsizetype(0) << qint64(-1) << false;
    QTest::newRow("other coding") << "PUT /x HTTP/1.1\r\nTransfer-Encoding: gzip, chunked\r\n\r\n"_ba
                                  << Outcome::Invalid << Problem::TransferEncoding << qsizetype(0) << qint64(-1)
                                  << false;
    QTest::newRow("chunked twice")
        << "PUT /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n"_ba << Outcome::Invalid
        << Problem::TransferEncoding << qsizetype(0) << qint64(-1) << false;
    QTest::newRow("chunked in HTTP/1.0") << "PUT /x HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n"_ba
                                         << Outcome::Invalid << Problem::TransferEncoding << qsizetype(0) << qint64(-1)
                                         << false;
    QTest::newRow("two hosts") << "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n"_ba << Outcome::Invalid << Problem::Host
                               << qsizetype(0) << qint64(-1) << false;
    QTest::newRow("space before colon") << "GET / HTTP/1.1\r\nContent-Length : 5\r\n\r\n"_ba << Outcome::Invalid
                                        << Problem::HeaderLine << qsizetype(0) << qint64(-1) << false;
    QTest::newRow("no colon") << "GET / HTTP/1.1\r\nHost\r\n\r\n"_ba << Outcome::Invalid << Problem::HeaderLine
                              << qsizetype(0) << qint64(-1) << false;
    QTest::newRow("folded line") << "GET / HTTP/1.1\r\nX: a\r\n b\r\n\r\n"_ba << Outcome::Invalid << Problem::FoldedLine
                                 << qsizetype(0) << qint64(-1) << false;
    QTest::newRow("NUL") << "GET / HTTP/1.1\r\nX: a\0b\r\n\r\n"_ba << Outcome::Invalid << Problem::ControlCharacter
                         << qsizetype(0) << qint64(-1) << false;
    QTest::newRow("tab in the target") << "GET /a\tb HTTP/1.1\r\n\r\n"_ba << Outcome::Invalid << Problem::RequestLine
                                       << qsizetype(0) << qint64(-1) << false;
    QTest::newRow("HTTP/2.0") << "GET / HTTP/2.0\r\n\r\n"_ba << Outcome::Invalid << Problem::Version << qsizetype(0)
                              << qint64(-1) << false;
    QTest::newRow("HTTPx1y1") << "GET / HTTPx1y1\r\n\r\n"_ba << Outcome::Invalid << Problem::Version << qsizetype(0)
                              << qint64(-1) << false;
    QTest::newRow("after the version") << "GET / HTTP/1.1 x\r\n\r\n"_ba << Outcome::Invalid << Problem::Version
                                       << qsizetype(0) << qint64(-1) << false;
    QTest::newRow("no target") << "GET HTTP/1.1\r\n\r\n"_ba << Outcome::Invalid << Problem::Version << qsizetype(0)
                               << qint64(-1) << false;
    QTest::newRow("bad method") << "G(T / HTTP/1.1\r\n\r\n"_ba << Outcome::Invalid << Problem::RequestLine
                                << qsizetype(0) << qint64(-1) << false;

    // Too large: 431.
    QTest::newRow("line that never ends") << "GET / HTTP/1.1\r\nX: " + QByteArray(9000, 'a') << Outcome::TooLarge
                                          << Problem::LineTooLong << qsizetype(0) << qint64(-1) << false;
    QTest::newRow("request line too long")
        << "GET /" + QByteArray(9000, 'a') + " HTTP/1.1\r\n\r\n"
        << Outcome::TooLarge << Problem::LineTooLong << qsizetype(0) << qint64(-1) << false;
    QByteArray many = "GET / HTTP/1.1\r\n";
    for (int i = 0; i < 101; ++i)
        many += "X-" + QByteArray::number(i) + ": a\r\n";
    QTest::newRow("101 headers") << many + "\r\n"
                                 << Outcome::TooLarge << Problem::TooManyFields << qsizetype(0) << qint64(-1) << false;
    QByteArray large = "GET / HTTP/1.1\r\n";
    for (int i = 0; i < 9; ++i)
        large += "X-" + QByteArray::number(i) + ": " + QByteArray(4000, 'a') + "\r\n";
    QTest::newRow("head too large") << large << Outcome::TooLarge << Problem::HeadTooLarge << qsizetype(0) << qint64(-1)
                                    << false;
}

void TestApiUnits::requestHeads()
{
    QFETCH(QByteArray, bytes);
    QFETCH(RequestHeadParser::Outcome, outcome);
    QFETCH(RequestHeadParser::Problem, problem);
    QFETCH(qsizetype, length);
    QFETCH(qint64, contentLength);
    QFETCH(bool, chunked);
    const RequestHeadParser::Result result = RequestHeadParser::parse(bytes);
    QCOMPARE(result.outcome, outcome);
    QCOMPARE(result.problem, problem);
    if (outcome != RequestHeadParser::Outcome::Complete)
        return;
    QCOMPARE(result.length, length);
    QCOMPARE(result.head.contentLength, contentLength);
    QCOMPARE(result.head.chunked, chunked);
}

void TestApiUnits::requestHeadsArriveInPieces()
{
    // Every prefix of a good head is Incomplete, never an error; the whole is the same head.
    const QByteArray head = "PUT /api/triggeredwebjobs/a HTTP/1.1\r\nHost: 127.0.0.1:8181\r\n"
                            "Authorization: Basic YTpi\r\nContent-Length: 3\r\n\r\n";
    for (qsizetype size = 0; size < head.size(); ++size)
        QCOMPARE(
            RequestHeadParser::parse(QByteArrayView(head).first(size)).outcome, RequestHeadParser::Outcome::Incomplete);
    const RequestHeadParser::Result whole = RequestHeadParser::parse(QByteArray(head + "abc"));
    QCOMPARE(whole.outcome, RequestHeadParser::Outcome::Complete);
    QCOMPARE(whole.length, head.size());
    QCOMPARE(whole.head.method, "PUT"_ba);
    QCOMPARE(whole.head.target, "/api/triggeredwebjobs/a"_ba);
    QCOMPARE(whole.head.header("host"), "127.0.0.1:8181"_ba);
    QCOMPARE(whole.head.contentLength, qint64(3));
}

void TestApiUnits::chunkSizes_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<qint64>("size");
    QTest::newRow("hex") << "1aF"_ba << qint64(0x1af);
    QTest::newRow("zero") << "0"_ba << qint64(0);
    QTest::newRow("extension") << "10;name=value"_ba << qint64(16);
    QTest::newRow("empty") << QByteArray() << qint64(-1);
    QTest::newRow("0x prefix") << "0x10"_ba << qint64(-1);
    QTest::newRow("space") << "10 "_ba << qint64(-1);
    QTest::newRow("sign") << "-1"_ba << qint64(-1);
    QTest::newRow("16 digits") << "1000000000000000"_ba << qint64(-1);
    QTest::newRow("control in the extension") << "1;a\0"_ba << qint64(-1);
}

void TestApiUnits::chunkSizes()
{
    QFETCH(QByteArray, line);
    QFETCH(qint64, size);
    QCOMPARE(RequestHeadParser::parseChunkSize(line).value_or(-1), size);
}

void TestApiUnits::throttle()
{
    AuthThrottle::Policy policy;
    policy.freeFailures = 3;
    policy.firstWait = std::chrono::seconds(1);
    policy.maximumWait = std::chrono::seconds(30);
    policy.forgetAfter = std::chrono::minutes(10);
    policy.maxClients = 2;
    AuthThrottle throttle(policy);
    const QString client = u"192.0.2.1"_s;
    qint64 now = 1000000;
    for (int i = 0; i < 3; ++i) {
        QCOMPARE(throttle.waitFor(client, now), 0);
        throttle.failed(client, now);
    }
    // Free failures cost nothing; then 1 s, 2 s, 4 s … up to the cap, from the last failure.
    QCOMPARE(throttle.waitFor(client, now), 0);
    throttle.failed(client, now);
    QCOMPARE(throttle.waitFor(client, now), 1000);
    throttle.failed(client, now += 1000);
    QCOMPARE(throttle.waitFor(client, now), 2000);
    for (int i = 0; i < 10; ++i)
        throttle.failed(client, now);
    QCOMPARE(throttle.waitFor(client, now), 30000);
    QCOMPARE(throttle.waitFor(client, now + 30000), 0);
    QCOMPARE(throttle.waitFor(u"192.0.2.2"_s, now), 0); // others are not slowed down
    // A success forgets the client; so does a quiet while.
    throttle.succeeded(client);
    QCOMPARE(throttle.waitFor(client, now), 0);
    for (int i = 0; i < 5; ++i)
        throttle.failed(client, now);
    QVERIFY(throttle.waitFor(client, now) > 0);
    now += 11 * 60 * 1000;
    throttle.failed(client, now);
    QCOMPARE(throttle.waitFor(client, now), 0);
    // Memory is bounded: the least recently failed client goes first.
    throttle.failed(u"192.0.2.3"_s, now + 1);
    throttle.failed(u"192.0.2.4"_s, now + 2);
    QCOMPARE(throttle.clientCount(), 2);
}

void TestApiUnits::clientKeys_data()
{
    QTest::addColumn<QString>("address");
    QTest::addColumn<QString>("key");
    QTest::newRow("IPv4") << u"192.0.2.7"_s << u"192.0.2.7"_s;
    QTest::newRow("IPv4-mapped") << u"::ffff:192.0.2.7"_s << u"192.0.2.7"_s;
    QTest::newRow("IPv6: its /64") << u"2001:db8:1:2:aaaa:bbbb:cccc:dddd"_s << u"2001:db8:1:2::/64"_s;
    QTest::newRow("IPv6: same /64") << u"2001:db8:1:2::1"_s << u"2001:db8:1:2::/64"_s;
    QTest::newRow("loopback") << u"::1"_s << u"::/64"_s;
}

void TestApiUnits::clientKeys()
{
    QFETCH(QString, address);
    QFETCH(QString, key);
    QCOMPARE(ConnectionTable::clientKey(QHostAddress(address)), key);
}

QTEST_GUILESS_MAIN(TestApiUnits)
#include "TestApiUnits.moc"
