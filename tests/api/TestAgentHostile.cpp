// The agent on a hostile network (issue #12, docs/security.md): the real webjobs-agent on
// loopback, attacked as an attacker would, over raw sockets wherever an HTTP client would
// normalise the request. Each attack asserts its refusal, that a logged-in client is still
// served (cleanup()), and that the agent's resident memory stays bounded.
//
// Covered elsewhere and not repeated here (tests/api/TestAgentServer.cpp): 401 for a missing or
// wrong password, a wrong user, a header that is not base64 and another scheme
// (authentication); bodies without credentials refused before they are read
// (authenticationBeforeTheBody); 413 over the upload limit, announced or chunked
// (oversizedUpload*); VFS traversal by "..", "%2E%2E", "%2F", backslashes and links out of the
// tree (vfsRefusesEscapes); zip slip, absolute, symbolic-link, duplicate, encrypted, bad-CRC
// and lying-size entries (hostileZips); job names ".." and with encoded slashes
// (namesOutsideTheJobsFolder). The constant-time comparison and prefixes of the password are
// unit-tested in tests/api/TestApiUnits.cpp (basicAuth), the head parser in requestHeads.
//
// One event-stream case runs the server in this process (eventStreamOfAClientThatDoesNotRead…):
// it must emit events faster than any API call can make them.

#include "tests/support/AgentProcess.h"
#include "tests/support/HookReceiver.h"

#include "core/api/server/AgentServer.h"
#include "core/api/server/ChangeFeed.h"
#include "core/host/JobHost.h"
#include "core/util/BasicAuth.h"
#include "tests/support/ZipBuilder.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QSignalSpy>
#include <QSslSocket>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <algorithm>
#include <fcntl.h>
#include <memory>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace WebJobs;
using namespace WebJobs::Test;

namespace {

// What the agent may grow by while attacked: its heads, buffers and connections are bounded,
// the attacks send gigabytes' worth of bodies and thousands of connections.
constexpr qint64 MemoryBoundKiB = 48 * 1024;

// AddressSanitizer keeps freed memory in quarantine (256 MiB by default), so under it the
// agent's resident size says nothing about what the agent holds: the bounds are asserted by
// the ordinary build, and the sanitizer leg checks everything else.
#if defined(__SANITIZE_ADDRESS__)
constexpr bool MemoryIsMeasured = false;
#else
constexpr bool MemoryIsMeasured = true;
#endif

qint64 residentKiB(qint64 pid)
{
    QFile status(u"/proc/%1/status"_s.arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

std::unique_ptr<QTcpSocket> connectTo(quint16 port, const QHostAddress& from = {})
{
    auto socket = std::make_unique<QTcpSocket>();
    if (!from.isNull())
        socket->bind(from);
    socket->connectToHost(QHostAddress::LocalHost, port);
    if (!socket->waitForConnected(10000))
        return {};
    return socket;
}

struct Exchange
{
    HttpResponse response;
    bool closed = false; // the agent ended the connection after its answer
};

// Reads one answer on `socket`; when it says `Connection: close`, waits for the agent to close
// the connection too (up to `timeoutMs` in all). `closed` false when it stayed open.
Exchange readAnswer(QTcpSocket& socket, int timeoutMs = 10000)
{
    Exchange exchange;
    QByteArray received;
    std::optional<HttpResponse> parsed;
    QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        if (socket.state() == QAbstractSocket::ConnectedState)
            socket.waitForReadyRead(50);
        received += socket.readAll();
        exchange.closed = socket.state() != QAbstractSocket::ConnectedState;
        if (!parsed)
            parsed = parseResponse(received, exchange.closed);
        if (exchange.closed)
            break;
        if (parsed && parsed->header("Connection").compare("close", Qt::CaseInsensitive) != 0)
            break; // kept alive
    }
    if (parsed)
        exchange.response = *parsed;
    else
        exchange.response.error = u"no answer: "_s + QString::fromUtf8(received.left(200));
    return exchange;
}

Exchange exchange(quint16 port, const QByteArray& bytes, const QHostAddress& from = {}, int timeoutMs = 10000)
{
    const std::unique_ptr<QTcpSocket> socket = connectTo(port, from);
    if (!socket)
        return {};
    socket->write(bytes);
    return readAnswer(*socket, timeoutMs);
}

// A TLS connection to the agent (its certificate is self-signed), handshake done; null if it
// failed.
std::unique_ptr<QSslSocket> connectOverTls(quint16 port, const QHostAddress& from = {})
{
    auto socket = std::make_unique<QSslSocket>();
    socket->setPeerVerifyMode(QSslSocket::VerifyNone);
    if (!from.isNull())
        socket->bind(from);
    socket->connectToHostEncrypted(u"127.0.0.1"_s, port);
    if (!socket->waitForEncrypted(10000))
        return {};
    return socket;
}

// Raises this process's descriptor limit, to open many connections at once.
int raiseDescriptorLimit()
{
    rlimit files {};
    if (::getrlimit(RLIMIT_NOFILE, &files) != 0)
        return 1024;
    files.rlim_cur = files.rlim_max;
    ::setrlimit(RLIMIT_NOFILE, &files);
    ::getrlimit(RLIMIT_NOFILE, &files);
    return files.rlim_cur == RLIM_INFINITY ? 65536 : static_cast<int>(std::min<rlim_t>(files.rlim_cur, 65536));
}

QByteArray zipOf(const QList<ZipEntry>& entries)
{
    QTemporaryDir folder;
    const QString path = folder.filePath(u"package.zip"_s);
    if (!writeZip(path, entries))
        return {};
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// A continuous job answering HTTP on its WEBJOBS_PORT: /set sets a cookie, /show tells the
// cookie it got, /big?size=N&length=1 sends N bytes (with a Content-Length when length=1).
const QByteArray WebJob = R"(import http.server, os, urllib.parse
class Job(http.server.BaseHTTPRequestHandler):
    protocol_version = 'HTTP/1.1'
    def do_GET(self):
        url = urllib.parse.urlparse(self.path)
        query = urllib.parse.parse_qs(url.query)
        if url.path == '/big':
            size = int(query['size'][0])
            self.send_response(200)
            if query.get('length') == ['1']:
                self.send_header('Content-Length', str(size))
            else:
                self.send_header('Connection', 'close')
            self.end_headers()
            piece = b'x' * 65536
            while size > 0:
                self.wfile.write(piece[:size])
                size -= len(piece)
            self.close_connection = True
            return
        text = ('cookie=%s' % self.headers.get('Cookie')).encode()
        self.send_response(200)
        if url.path == '/set':
            self.send_header('Set-Cookie', 'session=secret-of-one-client; Path=/')
        self.send_header('Content-Length', str(len(text)))
        self.end_headers()
        self.wfile.write(text)
    def log_message(self, *args):
        pass
http.server.ThreadingHTTPServer(('127.0.0.1', int(os.environ['WEBJOBS_PORT'])), Job).serve_forever()
)";

} // namespace

class TestAgentHostile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void cleanupTestCase();

    // Requests that are not what they claim.
    void malformedHeadsAreRefused_data();
    void malformedHeadsAreRefused();
    void ambiguousBodiesAreNeverRead();
    void slowHeadTimesOut();
    void stalledBodyTimesOut();
    void idleConnectionsAreClosed();
    void pipelinedRequestsAreEachInspected();
    void idleConnectionsAreShedForALoggedInClient();
    void busyConnectionsAreNotShed();
    void connectionsAcrossClientsAreCapped();
    void eventStreamsPerClientAreCapped();
    void eventStreamOfAClientThatDoesNotReadIsDropped();
    void passthroughIsStreamedAndCapped();

    // Browsers and other sites.
    void foreignHostsAreRefusedWithoutCredentials_data();
    void foreignHostsAreRefusedWithoutCredentials();
    void foreignOriginsAreRefused_data();
    void foreignOriginsAreRefused();
    void jsonBodiesNeedTheirMediaType_data();
    void jsonBodiesNeedTheirMediaType();

    // Secrets.
    void jobsDoNotSeeTheAgentsSecrets();
    void passthroughKeepsNoCookies();
    void webHooksStayWithinTheirOrigin();
    void webHooksMayNotCallTheAgentNorMetadata_data();
    void webHooksMayNotCallTheAgentNorMetadata();
    void filesAreCreatedPrivate();
    void passwordFileReadableByOthersIsRefused();
    void wrongPasswordsAreSlowedDown();

    // Files.
    void fifoInTheServedFolderDoesNotBlock();
    void listingsDoNotFollowLinksOut();
    void longEntryNameIsABadRequestWithoutPaths();
    void noAnswerNamesTheDataFolder();
    void blockingFileWorkDoesNotStallOtherClients_data();
    void blockingFileWorkDoesNotStallOtherClients();

    // Must stay refused (not already in TestAgentServer).
    void credentialsThatMustStayRefused_data();
    void credentialsThatMustStayRefused();
    void vfsNulIsRefused();
    void zipsThatMustStayRefused_data();
    void zipsThatMustStayRefused();
    void setuidBitsAreNotKept();
    void jobNamesThatMustStayRefused_data();
    void jobNamesThatMustStayRefused();
    void shellMetacharactersInArgumentsAreLiteral();
    void oldTlsIsRefused();

    // TLS handshakes.
    void tlsHandshakesCountFromAccept();
    void unfinishedTlsHandshakesTimeOut();

private:
    bool served(AgentProcess& agent);
    QByteArray head(const QByteArray& requestLine, const QByteArray& headers = {}) const;
    void checkMemory(AgentProcess& agent, qint64 baselineKiB);
    // A self-signed certificate and its key for 127.0.0.1 (made once); false without openssl.
    bool tlsFiles(QString* certificate, QString* key);

    AgentProcess m_agent;
    // Without credentials (started by the first test that needs it).
    std::unique_ptr<AgentProcess> m_open;
    qint64 m_baselineKiB = 0;
    QTemporaryDir m_temp;
};

bool TestAgentHostile::served(AgentProcess& agent)
{
    const HttpResponse response = agent.get(u"/api/webjobs"_s);
    if (response.status != 200)
        qWarning("the logged-in client was not served: %d %s", response.status, qPrintable(response.error));
    return response.status == 200;
}

QByteArray TestAgentHostile::head(const QByteArray& requestLine, const QByteArray& headers) const
{
    return requestLine + "\r\nHost: 127.0.0.1\r\nAuthorization: " + m_agent.authorization() + "\r\n" + headers + "\r\n";
}

void TestAgentHostile::checkMemory(AgentProcess& agent, qint64 baselineKiB)
{
    const qint64 now = residentKiB(agent.pid());
    QVERIFY(now > 0);
    qInfo("agent resident memory: %lld KiB (baseline %lld KiB, growth %lld KiB)", now, baselineKiB, now - baselineKiB);
    QVERIFY2(!MemoryIsMeasured || now - baselineKiB < MemoryBoundKiB,
        qPrintable(u"the agent grew by %1 KiB"_s.arg(now - baselineKiB)));
}

bool TestAgentHostile::tlsFiles(QString* certificate, QString* key)
{
    *key = m_temp.filePath(u"key.pem"_s);
    *certificate = m_temp.filePath(u"cert.pem"_s);
    if (QFileInfo::exists(*certificate))
        return true;
    const QString openssl = QStandardPaths::findExecutable(u"openssl"_s);
    if (openssl.isEmpty())
        return false;
    QProcess generate;
    generate.start(openssl,
        {u"req"_s, u"-x509"_s, u"-newkey"_s, u"rsa:2048"_s, u"-nodes"_s, u"-keyout"_s, *key, u"-out"_s, *certificate,
            u"-days"_s, u"2"_s, u"-subj"_s, u"/CN=127.0.0.1"_s});
    return generate.waitForFinished(60000) && generate.exitCode() == 0;
}

void TestAgentHostile::initTestCase()
{
    raiseDescriptorLimit();
    AgentProcess::Options options;
    options.arguments = {u"--max-upload-size"_s, u"1M"_s, u"--request-timeout"_s, u"2"_s, u"--idle-timeout"_s, u"2"_s};
    options.environment.insert(u"WEBJOBS_JOB_ENV_HOSTILE_VISIBLE"_s, u"given-by-the-admin"_s);
    QVERIFY2(m_agent.start(options), qPrintable(m_agent.failure()));
    // Warm up what every request uses (database, caches, the client's connections).
    for (int i = 0; i < 20; ++i)
        QVERIFY(served(m_agent));
    m_baselineKiB = residentKiB(m_agent.pid());
    QVERIFY(m_baselineKiB > 0);
}

void TestAgentHostile::cleanup()
{
    // Whatever the attack, the logged-in client is served.
    QVERIFY(m_agent.isRunning());
    QVERIFY(served(m_agent));
    const OrderedJson jobs = m_agent.get(u"/api/webjobs"_s).json();
    for (int i = 0; i < jobs.size(); ++i) {
        const OrderedJson job = jobs.at(i);
        m_agent.request(
            "DELETE", u"/api/%1webjobs/%2"_s.arg(job.value(u"type"_s).toString(), job.value(u"name"_s).toString()));
    }
}

void TestAgentHostile::cleanupTestCase()
{
    checkMemory(m_agent, m_baselineKiB);
    QCOMPARE(m_agent.terminate(), 0);
    if (m_open)
        QCOMPARE(m_open->terminate(), 0);
}

void TestAgentHostile::malformedHeadsAreRefused_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("status");
    const QByteArray put = "PUT /api/triggeredwebjobs/x HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    const QByteArray body(4096, 'B');
    QTest::newRow("two Content-Length") << put + "Content-Length: 10\r\nContent-Length: 10\r\n\r\n" + body << 400;
    QTest::newRow("a list of lengths") << put + "Content-Length: 10, 4096\r\n\r\n" + body << 400;
    QTest::newRow("length and chunked") << put + "Content-Length: 10\r\nTransfer-Encoding: chunked\r\n\r\n" + body
                                        << 400;
    QTest::newRow("other transfer coding") << put + "Transfer-Encoding: gzip\r\n\r\n" + body << 400;
    QTest::newRow("head ending in LF CRLF")
        << "PUT /api/triggeredwebjobs/x HTTP/1.1\nHost: 127.0.0.1\nContent-Length: 4096\n\r\n" + body << 400;
    QTest::newRow("bare CR") << put + "X-A: a\rContent-Length: 4096\r\n\r\n" + body << 400;
    QTest::newRow("folded header") << put + "X-A: a\r\n Content-Length: 4096\r\n\r\n" + body << 400;
    QTest::newRow("space before the colon") << put + "Content-Length : 4096\r\n\r\n" + body << 400;
    QTest::newRow("line without a colon") << put + "Content-Length 4096\r\n\r\n" + body << 400;
    QTest::newRow("NUL in a header") << put + "X-A: a\0b\r\n\r\n"_ba << 400;
    QTest::newRow("two Host headers") << "GET /api/webjobs HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n"_ba << 400;
    QTest::newRow("HTTP/2.0 over HTTP/1") << "GET /api/webjobs HTTP/2.0\r\n\r\n"_ba << 400;
    QTest::newRow("not HTTP") << "\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\r\n\r\n"_ba << 400;
    QTest::newRow("garbage") << "hello there\r\n\r\n"_ba << 400;
    QByteArray many = "GET /api/webjobs HTTP/1.1\r\n";
    for (int i = 0; i < 120; ++i)
        many += "X-" + QByteArray::number(i) + ": a\r\n";
    QTest::newRow("120 header lines") << many + "\r\n" << 431;
    QTest::newRow("header line that never ends")
        << "GET /api/webjobs HTTP/1.1\r\nX-Long: " + QByteArray(200 * 1024, 'a') << 431;
    QTest::newRow("request line that never ends") << "GET /" + QByteArray(200 * 1024, 'a') << 431;
    QByteArray large = "GET /api/webjobs HTTP/1.1\r\n";
    for (int i = 0; i < 40; ++i)
        large += "X-" + QByteArray::number(i) + ": " + QByteArray(4000, 'a') + "\r\n";
    QTest::newRow("head over the limit") << large << 431;
}

void TestAgentHostile::malformedHeadsAreRefused()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, status);
    const Exchange answer = exchange(m_agent.port(), bytes);
    QCOMPARE(answer.response.status, status);
    QCOMPARE(answer.response.header("Connection"), "close"_ba);
    QCOMPARE(answer.response.header("Content-Type"), "text/plain; charset=utf-8"_ba);
    QVERIFY2(answer.response.body.size() > 20, answer.response.body.constData()); // a sentence
    QVERIFY2(answer.closed, "the connection stayed open");
    QCOMPARE(m_agent.get(u"/api/triggeredwebjobs/x"_s).status, 404); // nothing was uploaded
}

void TestAgentHostile::ambiguousBodiesAreNeverRead()
{
    // Four connections announce a body in two ways and send 32 MiB each: the agent answers
    // 400 at the head and discards the rest, holding none of it.
    const qint64 before = residentKiB(m_agent.pid());
    const QByteArray chunk(1024 * 1024, 'B');
    std::vector<std::unique_ptr<QTcpSocket>> sockets;
    for (const QByteArray& framing : {"Content-Length: 1000000000\r\nContent-Length: 1000000000\r\n"_ba,
             "Content-Length: 1000000000\r\nTransfer-Encoding: chunked\r\n"_ba})
        for (int i = 0; i < 2; ++i) {
            sockets.push_back(connectTo(m_agent.port()));
            QVERIFY(sockets.back());
            sockets.back()->write("PUT /api/triggeredwebjobs/x HTTP/1.1\r\nHost: 127.0.0.1\r\n" + framing + "\r\n");
        }
    qint64 sent = 0;
    for (int round = 0; round < 32; ++round) {
        for (const auto& socket : sockets) {
            if (socket->state() == QAbstractSocket::ConnectedState) {
                socket->write(chunk);
                socket->waitForBytesWritten(2000);
                sent += chunk.size();
            }
        }
    }
    for (const auto& socket : sockets) {
        const Exchange answer = readAnswer(*socket);
        QCOMPARE(answer.response.status, 400);
    }
    qInfo("sent %lld MiB of bodies the agent refused", sent / (1024 * 1024));
    QVERIFY2(!MemoryIsMeasured || residentKiB(m_agent.pid()) - before < 16 * 1024, "the refused bodies were kept");
    checkMemory(m_agent, m_baselineKiB);
}

void TestAgentHostile::slowHeadTimesOut()
{
    // A head sent one byte at a time never completes within the request timeout (2 s here).
    const std::unique_ptr<QTcpSocket> socket = connectTo(m_agent.port());
    QVERIFY(socket);
    const QByteArray bytes = head("GET /api/webjobs HTTP/1.1");
    int next = 0;
    QTimer trickle;
    connect(&trickle, &QTimer::timeout, socket.get(), [&] {
        if (socket->state() == QAbstractSocket::ConnectedState && next < bytes.size())
            socket->write(bytes.mid(next++, 1));
    });
    trickle.start(200);
    QElapsedTimer elapsed;
    elapsed.start();
    QSignalSpy closed(socket.get(), &QTcpSocket::disconnected);
    QVERIFY(closed.wait(10000));
    trickle.stop();
    QVERIFY2(elapsed.elapsed() < 5000, qPrintable(QString::number(elapsed.elapsed())));
    QVERIFY2(next > 3 && next < bytes.size(), qPrintable(QString::number(next))); // it was sending
    const std::optional<HttpResponse> answer = parseResponse(socket->readAll(), true);
    QVERIFY(answer);
    QCOMPARE(answer->status, 408);
}

void TestAgentHostile::stalledBodyTimesOut()
{
    const std::unique_ptr<QTcpSocket> socket = connectTo(m_agent.port());
    QVERIFY(socket);
    socket->write(head("PUT /api/triggeredwebjobs/stalled HTTP/1.1",
                      "Content-Disposition: attachment; filename=\"run.sh\"\r\nContent-Length: 1000\r\n")
        + "#!/bin/sh\n");
    const Exchange answer = readAnswer(*socket, 10000);
    QCOMPARE(answer.response.status, 408);
    QVERIFY(answer.closed);
    QCOMPARE(m_agent.get(u"/api/triggeredwebjobs/stalled"_s).status, 404);
}

void TestAgentHostile::idleConnectionsAreClosed()
{
    // A connection that never sends anything, and one idle after its answer (keep-alive).
    const std::unique_ptr<QTcpSocket> silent = connectTo(m_agent.port());
    const std::unique_ptr<QTcpSocket> kept = connectTo(m_agent.port());
    QVERIFY(silent && kept);
    kept->write(head("GET /api/webjobs HTTP/1.1"));
    QSignalSpy silentClosed(silent.get(), &QTcpSocket::disconnected);
    QSignalSpy keptClosed(kept.get(), &QTcpSocket::disconnected);
    QVERIFY(silentClosed.wait(8000));
    QTRY_COMPARE_WITH_TIMEOUT(keptClosed.size(), 1, 8000);
    QVERIFY(kept->readAll().startsWith("HTTP/1.1 200"));
}

void TestAgentHostile::pipelinedRequestsAreEachInspected()
{
    // A good request, then in the same packet one the gate must refuse: the second is seen
    // too, and its body never reaches QHttpServer (the upload is not made).
    const QByteArray body = script("echo smuggled");
    const QByteArray smuggled = "PUT /api/triggeredwebjobs/smuggled HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                "Content-Disposition: attachment; filename=\"run.sh\"\r\n"
                                "Content-Length: "
        + QByteArray::number(body.size()) + "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n"
        + body;
    const Exchange answer = exchange(m_agent.port(), "GET /api/webjobs HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n" + smuggled);
    QVERIFY(answer.closed);
    QCOMPARE(m_agent.get(u"/api/triggeredwebjobs/smuggled"_s).status, 404);

    // Good requests back to back are all answered, in order.
    const QByteArray two = head("GET /api/agent HTTP/1.1") + head("GET /api/webjobs HTTP/1.1");
    const std::unique_ptr<QTcpSocket> socket = connectTo(m_agent.port());
    QVERIFY(socket);
    socket->write(two);
    QByteArray received;
    QTRY_VERIFY_WITH_TIMEOUT((received += socket->readAll()).count("HTTP/1.1 200") == 2, 10000);
}

void TestAgentHostile::idleConnectionsAreShedForALoggedInClient()
{
    // 1,100 connections from this address that send nothing, or half a head: the agent keeps
    // at most 32 of them (its default per client), long before its timeouts (20 s, 30 s)
    // would close them, and the logged-in client is served between.
    AgentProcess agent;
    QVERIFY2(agent.start(), qPrintable(agent.failure()));
    QVERIFY(served(agent));
    const qint64 baseline = residentKiB(agent.pid());
    const int wanted = std::min(1100, raiseDescriptorLimit() - 100);
    std::vector<std::unique_ptr<QTcpSocket>> idle;
    int closed = 0;
    QElapsedTimer elapsed;
    elapsed.start();
    for (int i = 0; i < wanted; ++i) {
        auto socket = connectTo(agent.port());
        QVERIFY(socket);
        connect(socket.get(), &QTcpSocket::disconnected, this, [&closed] { ++closed; });
        if (i % 2)
            socket->write("GET /api/webjobs HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        idle.push_back(std::move(socket));
        if (i % 100 == 0)
            QVERIFY(served(agent));
    }
    QTRY_VERIFY_WITH_TIMEOUT(closed >= wanted - 32, 10000);
    QVERIFY2(elapsed.elapsed() < 20000, "the connections went by timeout, not by the cap");
    qInfo("%d of %d idle connections were shed in %lld ms", closed, wanted, elapsed.elapsed());
    QVERIFY(served(agent));
    checkMemory(agent, baseline);
    idle.clear();
    QCOMPARE(agent.terminate(), 0);
}

void TestAgentHostile::busyConnectionsAreNotShed()
{
    // Two connections per client: both busy receiving an authenticated upload, a third is
    // refused (503); the uploads complete.
    AgentProcess agent;
    AgentProcess::Options options;
    options.arguments = {u"--max-connections-per-client"_s, u"2"_s};
    QVERIFY2(agent.start(options), qPrintable(agent.failure()));
    const QByteArray body = script("echo busy");
    std::vector<std::unique_ptr<QTcpSocket>> uploads;
    for (const char* name : {"busy1", "busy2"}) {
        uploads.push_back(connectTo(agent.port()));
        QVERIFY(uploads.back());
        uploads.back()->write("PUT /api/triggeredwebjobs/"_ba + name + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: "
            + agent.authorization() + "\r\nContent-Disposition: attachment; filename=\"run.sh\"\r\nContent-Length: "
            + QByteArray::number(body.size()) + "\r\n\r\n" + body.left(5));
        QVERIFY(uploads.back()->waitForBytesWritten(5000));
    }
    // The agent has read the heads once it answers another client's head.
    QCOMPARE(exchange(agent.port(), "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", QHostAddress(u"127.0.0.2"_s))
                 .response.status,
        401);
    const Exchange third = exchange(agent.port(), head("GET /api/webjobs HTTP/1.1"));
    QCOMPARE(third.response.status, 503);
    QVERIFY(!third.response.header("Retry-After").isEmpty());
    for (auto& upload : uploads) {
        upload->write(body.mid(5));
        QCOMPARE(readAnswer(*upload, 10000).response.status, 200);
    }
    QCOMPARE(agent.terminate(), 0);
}

void TestAgentHostile::connectionsAcrossClientsAreCapped()
{
    // Idle connections from 40 addresses against a total of 20: the oldest are shed, and a
    // logged-in client from yet another address is served.
    AgentProcess agent;
    AgentProcess::Options options;
    options.arguments = {u"--max-connections"_s, u"20"_s};
    QVERIFY2(agent.start(options), qPrintable(agent.failure()));
    std::vector<std::unique_ptr<QTcpSocket>> idle;
    int closed = 0;
    for (int i = 0; i < 40; ++i) {
        auto socket = connectTo(agent.port(), QHostAddress(u"127.0.1.%1"_s.arg(i + 1)));
        QVERIFY(socket);
        connect(socket.get(), &QTcpSocket::disconnected, this, [&closed] { ++closed; });
        idle.push_back(std::move(socket));
    }
    QTRY_VERIFY_WITH_TIMEOUT(closed >= 20, 10000);
    const Exchange logged = exchange(agent.port(),
        "GET /api/webjobs HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + agent.authorization() + "\r\n\r\n",
        QHostAddress(u"127.0.2.1"_s));
    QCOMPARE(logged.response.status, 200);
    QCOMPARE(agent.terminate(), 0);
}

void TestAgentHostile::eventStreamsPerClientAreCapped()
{
    std::vector<std::unique_ptr<QTcpSocket>> streams;
    for (int i = 0; i < 8; ++i) {
        streams.push_back(connectTo(m_agent.port()));
        QVERIFY(streams.back());
        streams.back()->write(head("GET /api/webjobs/events HTTP/1.1"));
        QVERIFY(streams.back()->waitForReadyRead(5000));
        QVERIFY(streams.back()->readAll().startsWith("HTTP/1.1 200"));
    }
    const Exchange ninth = exchange(m_agent.port(), head("GET /api/webjobs/events HTTP/1.1"));
    QCOMPARE(ninth.response.status, 429);
    QVERIFY(ninth.response.text().contains(u"8"_s));
    // Another client is not limited by this one's streams.
    const Exchange other = [&] {
        const std::unique_ptr<QTcpSocket> socket = connectTo(m_agent.port(), QHostAddress(u"127.0.0.3"_s));
        socket->write(head("GET /api/webjobs/events HTTP/1.1"));
        socket->waitForReadyRead(5000);
        Exchange result;
        result.response.status = socket->readAll().startsWith("HTTP/1.1 200") ? 200 : 0;
        return result;
    }();
    QCOMPARE(other.response.status, 200);
}

void TestAgentHostile::eventStreamOfAClientThatDoesNotReadIsDropped()
{
    QTemporaryDir data;
    HostOptions hostOptions;
    hostOptions.dataRoot = data.path();
    JobHost host(hostOptions);
    QString error;
    QVERIFY2(host.open(&error), qPrintable(error));
    AgentServerOptions serverOptions;
    serverOptions.port = 0;
    serverOptions.streamBufferBytes = 64 * 1024;
    AgentServer server(&host, serverOptions);
    QVERIFY2(server.listen(&error), qPrintable(error));

    // One client reads its stream, the other stops reading after the answer's head.
    QTcpSocket reader;
    QTcpSocket stalled;
    for (QTcpSocket* socket : {&reader, &stalled}) {
        socket->connectToHost(QHostAddress::LocalHost, server.port());
        QVERIFY(socket->waitForConnected(5000));
        socket->write("GET /api/webjobs/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        QTRY_VERIFY(socket->bytesAvailable() > 0);
        socket->readAll();
    }
    // Its buffer full, the client stops taking bytes from the system, whose buffers fill too.
    stalled.setReadBufferSize(1024);
    qint64 readerBytes = 0;
    connect(&reader, &QTcpSocket::readyRead, this, [&] { readerBytes += reader.readAll().size(); });
    QCOMPARE(server.changeFeed()->streamCount(), 2);
    const QString name = QString(60, u'n');
    qint64 sent = 0;
    for (int round = 0; round < 1000 && server.changeFeed()->streamCount() == 2; ++round) {
        for (int i = 0; i < 200; ++i)
            Q_EMIT host.jobChanged(JobType::Triggered, name);
        sent += 200;
        QCoreApplication::processEvents();
    }
    // The stalled client is gone; the reading one still follows.
    QCOMPARE(server.changeFeed()->streamCount(), 1);
    Q_EMIT host.jobChanged(JobType::Triggered, name);
    QTRY_VERIFY(readerBytes > 0 && reader.state() == QAbstractSocket::ConnectedState);
    qInfo("dropped after %lld events; the reading client got %lld KiB", sent, readerBytes / 1024);
    host.shutdown(std::chrono::seconds(5));
}

void TestAgentHostile::passthroughIsStreamedAndCapped()
{
    if (QStandardPaths::findExecutable(u"python3"_s).isEmpty())
        QSKIP("python3 is not installed: the web job cannot run");
    QCOMPARE(m_agent.upload(u"/api/continuouswebjobs/web"_s, WebJob, u"run.py"_s).status, 200);
    const QString base = u"/api/continuouswebjobs/web/passthrough"_s;
    QCOMPARE(m_agent.waitFor(base + u"/show"_s, [](const HttpResponse& r) { return r.status == 200; }).status, 200);

    // 60 MiB without a length, read whole: relayed as it comes, never held.
    const qint64 before = residentKiB(m_agent.pid());
    const std::unique_ptr<QTcpSocket> socket = connectTo(m_agent.port());
    QVERIFY(socket);
    socket->write(head("GET " + base.toUtf8() + "/big?size=62914560 HTTP/1.1"));
    qint64 received = 0;
    qint64 peak = 0;
    QByteArray tail;
    QDeadlineTimer deadline(60000);
    while (!deadline.hasExpired() && !tail.endsWith("\r\n0\r\n\r\n")) {
        if (!socket->waitForReadyRead(5000))
            break;
        const QByteArray piece = socket->readAll();
        received += piece.size();
        tail = QByteArray(tail + piece).right(16);
        peak = std::max(peak, residentKiB(m_agent.pid()));
    }
    QVERIFY2(tail.endsWith("\r\n0\r\n\r\n"), "the chunked answer did not end");
    QVERIFY(received > 62914560);
    qInfo("relayed 60 MiB; agent peak growth %lld KiB", peak - before);
    QVERIFY2(!MemoryIsMeasured || peak - before < 16 * 1024, qPrintable(QString::number(peak - before)));

    // Announced over the limit (100 MiB): 502 at once.
    const Exchange announced
        = exchange(m_agent.port(), head("GET " + base.toUtf8() + "/big?size=209715200&length=1 HTTP/1.1"));
    QCOMPARE(announced.response.status, 502);
    QVERIFY(announced.response.json().value(u"ExceptionMessage"_s).toString().contains(u"web"_s));

    // Not announced: cut off once past the limit, the chunked answer never ends.
    const std::unique_ptr<QTcpSocket> cut = connectTo(m_agent.port());
    QVERIFY(cut);
    cut->write(head("GET " + base.toUtf8() + "/big?size=157286400 HTTP/1.1"));
    qint64 cutReceived = 0;
    tail.clear();
    while (cut->waitForReadyRead(5000)) {
        const QByteArray piece = cut->readAll();
        cutReceived += piece.size();
        tail = QByteArray(tail + piece).right(16);
    }
    QVERIFY(cut->state() != QAbstractSocket::ConnectedState || cut->waitForDisconnected(5000));
    QVERIFY(!tail.endsWith("\r\n0\r\n\r\n"));
    QVERIFY2(cutReceived < 110 * 1024 * 1024, qPrintable(QString::number(cutReceived)));
    checkMemory(m_agent, m_baselineKiB);
}

void TestAgentHostile::foreignHostsAreRefusedWithoutCredentials_data()
{
    QTest::addColumn<QByteArray>("host");
    QTest::addColumn<int>("status");
    QTest::newRow("another site (DNS rebinding)") << "evil.example:8181"_ba << 403;
    QTest::newRow("another site, no port") << "evil.example"_ba << 403;
    QTest::newRow("a private address") << "192.168.1.10"_ba << 403;
    QTest::newRow("localhost") << "localhost"_ba << 200;
    QTest::newRow("localhost with a port") << "localhost:8181"_ba << 200;
    QTest::newRow("a .localhost name") << "agent.localhost"_ba << 200;
    QTest::newRow("127.0.0.1") << "127.0.0.1"_ba << 200;
    QTest::newRow("[::1]") << "[::1]:8181"_ba << 200;
}

void TestAgentHostile::foreignHostsAreRefusedWithoutCredentials()
{
    QFETCH(QByteArray, host);
    QFETCH(int, status);
    if (!m_open) {
        m_open = std::make_unique<AgentProcess>();
        AgentProcess::Options options;
        options.authentication = false;
        QVERIFY2(m_open->start(options), qPrintable(m_open->failure()));
    }
    const Exchange get = exchange(m_open->port(), "GET /api/webjobs HTTP/1.1\r\nHost: " + host + "\r\n\r\n");
    QCOMPARE(get.response.status, status);
    if (status != 403)
        return;
    QVERIFY(get.response.text().contains(QString::fromLatin1(host)));
    // An upload from a page that rebound its name: refused before its body.
    const Exchange put = exchange(m_open->port(),
        "PUT /api/triggeredwebjobs/rebound HTTP/1.1\r\nHost: " + host
            + "\r\nContent-Disposition: attachment; filename=\"run.sh\"\r\nContent-Length: 1000000\r\n\r\n");
    QCOMPARE(put.response.status, 403);
    QVERIFY(put.closed);
    QCOMPARE(m_open->get(u"/api/triggeredwebjobs/rebound"_s).status, 404);
}

void TestAgentHostile::foreignOriginsAreRefused_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("origin");
    QTest::addColumn<int>("status");
    QTest::newRow("GET from another site") << "GET"_ba
                                           << "http://evil.example"_ba << 403;
    QTest::newRow("POST from another site") << "POST"_ba
                                            << "https://evil.example"_ba << 403;
    QTest::newRow("POST from a sandboxed page") << "POST"_ba
                                                << "null"_ba << 403;
    QTest::newRow("same host, another port") << "POST"_ba
                                             << "http://127.0.0.1:1"_ba << 403;
    QTest::newRow("same host, https") << "POST"_ba
                                      << "https://127.0.0.1:PORT"_ba << 403;
    QTest::newRow("its own origin") << "POST"_ba
                                    << "http://127.0.0.1:PORT"_ba << 202;
}

void TestAgentHostile::foreignOriginsAreRefused()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, origin);
    QFETCH(int, status);
    QCOMPARE(m_agent.upload(u"/api/triggeredwebjobs/target"_s, script("echo ran"), u"run.sh"_s).status, 200);
    origin.replace("PORT", QByteArray::number(m_agent.port()));
    const QByteArray target = method == "GET" ? "/api/webjobs"_ba : "/api/triggeredwebjobs/target/run"_ba;
    const QByteArray port = ":" + QByteArray::number(m_agent.port());
    const Exchange answer = exchange(m_agent.port(),
        method + ' ' + target + " HTTP/1.1\r\nHost: 127.0.0.1" + port + "\r\nAuthorization: " + m_agent.authorization()
            + "\r\nOrigin: " + origin + "\r\nContent-Length: 0\r\n\r\n");
    QCOMPARE(answer.response.status, status);
    if (status == 403) {
        QVERIFY(answer.response.text().contains(QString::fromLatin1(origin)));
        const HttpResponse history = m_agent.get(u"/api/triggeredwebjobs/target/history"_s);
        QVERIFY(history.status == 404 || history.body == "[]"); // it never ran
    }
}

void TestAgentHostile::jsonBodiesNeedTheirMediaType_data()
{
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<int>("status");
    QTest::newRow("a form") << "application/x-www-form-urlencoded"_ba << 415;
    QTest::newRow("plain text") << "text/plain"_ba << 415;
    QTest::newRow("none") << QByteArray() << 415;
    QTest::newRow("JSON") << "application/json; charset=utf-8"_ba << 200;
}

void TestAgentHostile::jsonBodiesNeedTheirMediaType()
{
    QFETCH(QByteArray, contentType);
    QFETCH(int, status);
    QCOMPARE(m_agent.upload(u"/api/triggeredwebjobs/typed"_s, script("echo"), u"run.sh"_s).status, 200);
    const QByteArray body = R"({"is_singleton":true})";
    const QByteArray type = contentType.isEmpty() ? QByteArray() : "Content-Type: " + contentType + "\r\n";
    const Exchange settings = exchange(m_agent.port(),
        head("PUT /api/triggeredwebjobs/typed/settings HTTP/1.1",
            type + "Content-Length: " + QByteArray::number(body.size()) + "\r\n")
            + body);
    QCOMPARE(settings.response.status, status);
    const Exchange hook
        = exchange(m_agent.port(), head("POST /api/hooks HTTP/1.1", type + "Content-Length: 2\r\n") + "{}");
    QCOMPARE(hook.response.status, status == 200 ? 400 : status); // {} is no hook
}

void TestAgentHostile::jobsDoNotSeeTheAgentsSecrets()
{
    QCOMPARE(m_agent.upload(u"/api/triggeredwebjobs/env"_s, script("env"), u"run.sh"_s).status, 200);
    const HttpResponse started = m_agent.request("POST", u"/api/triggeredwebjobs/env/run"_s);
    QCOMPARE(started.status, 202);
    const QString runId = QString::fromUtf8(started.header("Location")).section(u'/', -1);
    const HttpResponse run = m_agent.waitFor(u"/api/triggeredwebjobs/env/history/"_s + runId,
        [](const HttpResponse& r) { return r.json().value(u"status"_s).toString() == u"Success"; });
    QCOMPARE(run.json().value(u"status"_s).toString(), u"Success"_s);
    // The log as the VFS serves it to anyone with the credentials.
    const HttpResponse log = m_agent.get(QUrl(run.json().value(u"output_url"_s).toString()).path());
    QCOMPARE(log.status, 200);
    QVERIFY2(!log.body.contains(QByteArray(AgentProcess::Password)), log.body.constData());
    QVERIFY(!log.body.contains("WEBJOBS_AGENT_PASSWORD"));
    QVERIFY(!log.body.contains("WEBJOBS_AGENT_USER"));
    QVERIFY(log.body.contains("HOSTILE_VISIBLE=given-by-the-admin"));
    QVERIFY(log.body.contains("WEBJOBS_NAME=env"));
    QVERIFY(log.body.contains("PATH="));
}

void TestAgentHostile::passthroughKeepsNoCookies()
{
    if (QStandardPaths::findExecutable(u"python3"_s).isEmpty())
        QSKIP("python3 is not installed: the web job cannot run");
    QCOMPARE(m_agent.upload(u"/api/continuouswebjobs/cookies"_s, WebJob, u"run.py"_s).status, 200);
    const QString base = u"/api/continuouswebjobs/cookies/passthrough"_s;
    QCOMPARE(m_agent.waitFor(base + u"/show"_s, [](const HttpResponse& r) { return r.status == 200; }).status, 200);
    // One client gets a cookie from the job…
    const Exchange set = exchange(m_agent.port(), head("GET " + base.toUtf8() + "/set HTTP/1.1"));
    QCOMPARE(set.response.status, 200);
    QVERIFY(set.response.header("Set-Cookie").contains("secret-of-one-client"));
    // …and another client's request carries none to the job.
    const Exchange show = exchange(m_agent.port(), head("GET " + base.toUtf8() + "/show HTTP/1.1"));
    QCOMPARE(show.response.body, "cookie=None"_ba);
}

void TestAgentHostile::webHooksStayWithinTheirOrigin()
{
    // The hook answers with a redirect to another origin, which must get nothing, above all
    // not the hook's credentials.
    HookReceiver elsewhere("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    HookReceiver hook("HTTP/1.1 307 Temporary Redirect\r\nLocation: http://127.0.0.1:"
        + QByteArray::number(elsewhere.port()) + "/stolen\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    const QByteArray subscription = R"({"url":"http://hookuser:hookpass@127.0.0.1:)" + QByteArray::number(hook.port())
        + R"(/hook","event":"TriggeredJobFinished"})";
    QCOMPARE(m_agent.request("POST", u"/api/hooks"_s, subscription).status, 201);
    QCOMPARE(m_agent.upload(u"/api/triggeredwebjobs/hooked"_s, script("echo"), u"run.sh"_s).status, 200);
    QCOMPARE(m_agent.request("POST", u"/api/triggeredwebjobs/hooked/run"_s).status, 202);
    QTRY_VERIFY_WITH_TIMEOUT(hook.received().contains("POST /hook"), 20000);
    QVERIFY(hook.received().contains(QByteArray("Authorization: Basic " + "hookuser:hookpass"_ba.toBase64())));
    const HttpResponse hooks = m_agent.waitFor(u"/api/hooks"_s,
        [](const HttpResponse& r) { return !r.json().at(0).value(u"last_status"_s).toString().isEmpty(); });
    QVERIFY(elsewhere.received().isEmpty());
    const OrderedJson list = hooks.json();
    for (int i = 0; i < list.size(); ++i)
        QCOMPARE(m_agent.request("DELETE", u"/api/hooks/"_s + list.at(i).value(u"id"_s).toString()).status, 200);
}

void TestAgentHostile::webHooksMayNotCallTheAgentNorMetadata_data()
{
    QTest::addColumn<QString>("url");
    QTest::newRow("the agent itself") << u"http://127.0.0.1:PORT/api/triggeredwebjobs/x/run"_s;
    QTest::newRow("the agent as localhost") << u"http://localhost:PORT/api/hooks"_s;
    QTest::newRow("the agent on another loopback address") << u"http://127.0.0.2:PORT/"_s;
    QTest::newRow("cloud metadata") << u"http://169.254.169.254/latest/meta-data/"_s;
    QTest::newRow("IPv6 link-local") << u"http://[fe80::1]/hook"_s;
}

void TestAgentHostile::webHooksMayNotCallTheAgentNorMetadata()
{
    QFETCH(QString, url);
    url.replace(u"PORT"_s, QString::number(m_agent.port()));
    const HttpResponse response = m_agent.request(
        "POST", u"/api/hooks"_s, R"({"url":")" + url.toUtf8() + R"(","event":"TriggeredJobFinished"})");
    QCOMPARE(response.status, 400);
    QVERIFY(!response.body.isEmpty());
    QCOMPARE(m_agent.get(u"/api/hooks"_s).body, "[]"_ba);
}

void TestAgentHostile::filesAreCreatedPrivate()
{
    QCOMPARE(m_agent.upload(u"/api/triggeredwebjobs/private"_s, script("echo private"), u"run.sh"_s).status, 200);
    const HttpResponse started = m_agent.request("POST", u"/api/triggeredwebjobs/private/run"_s);
    QCOMPARE(started.status, 202);
    const QString runId = QString::fromUtf8(started.header("Location")).section(u'/', -1);
    m_agent.waitFor(u"/api/triggeredwebjobs/private/history/"_s + runId,
        [](const HttpResponse& r) { return r.json().value(u"status"_s).toString() == u"Success"; });
    HookReceiver receiver("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
    const HttpResponse hook = m_agent.request("POST", u"/api/hooks"_s,
        R"({"url":"http://u:p@127.0.0.1:)" + QByteArray::number(receiver.port()) + R"(/","event":"X"})");
    QCOMPARE(hook.status, 201);
    const auto mode = [](const QString& path) {
        struct stat status = {};
        return ::stat(QFile::encodeName(path).constData(), &status) == 0 ? int(status.st_mode & 0777) : -1;
    };
    const QString root = m_agent.dataRoot();
    QCOMPARE(mode(root), 0700);
    QCOMPARE(mode(root + u"/webjobs.db"_s), 0600);
    QCOMPARE(mode(root + u"/site/deployments/hooks"_s), 0600);
    QCOMPARE(mode(root + u"/data/jobs/triggered/private/"_s + runId + u"/output_log.txt"_s), 0600);
    QCOMPARE(m_agent.request("DELETE", u"/api/hooks/"_s + hook.json().value(u"id"_s).toString()).status, 200);
}

void TestAgentHostile::passwordFileReadableByOthersIsRefused()
{
    QFile file(m_temp.filePath(u"open-password"_s));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("secret\n");
    file.close();
    QVERIFY(file.setPermissions(
        QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup | QFileDevice::ReadOther));
    QProcess agent;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"LANGUAGE"_s, u"en"_s);
    agent.setProcessEnvironment(environment);
    agent.start(QStringLiteral(WEBJOBS_AGENT_PATH),
        {u"--data"_s, m_temp.filePath(u"refused"_s), u"--user"_s, u"ops"_s, u"--password-file"_s, file.fileName()});
    QVERIFY(agent.waitForFinished(30000));
    QCOMPARE(agent.exitCode(), 2);
    const QString error = QString::fromUtf8(agent.readAllStandardError());
    QVERIFY2(error.contains(u"chmod 600 "_s + file.fileName()), qPrintable(error));
    QVERIFY2(error.contains(u"0644"_s), qPrintable(error));
}

void TestAgentHostile::wrongPasswordsAreSlowedDown()
{
    AgentProcess agent;
    QVERIFY2(agent.start(), qPrintable(agent.failure()));
    const QByteArray wrong = BasicAuth::headerValue(u"admin"_s, u"guess"_s);
    const auto attempt = [&](const QByteArray& authorization, const QHostAddress& from = {}) {
        return exchange(agent.port(),
            "GET /api/webjobs HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + authorization + "\r\n\r\n", from)
            .response;
    };
    // As fast as the attacker can: only the first few guesses are even looked at.
    int checked = 0;
    int slowed = 0;
    QElapsedTimer elapsed;
    elapsed.start();
    for (int i = 0; i < 200; ++i) {
        const HttpResponse answer = attempt(wrong);
        if (answer.status == 401)
            ++checked;
        else if (answer.status == 429 && answer.header("Retry-After").toInt() > 0)
            ++slowed;
    }
    qInfo("200 guesses in %lld ms: %d checked, %d slowed down", elapsed.elapsed(), checked, slowed);
    QVERIFY2(checked <= 13, qPrintable(QString::number(checked)));
    QCOMPARE(checked + slowed, 200);
    // The right password from another address is not held up.
    QCOMPARE(attempt(agent.authorization(), QHostAddress(u"127.0.0.4"_s)).status, 200);
    // From the attacker's address, the right user waits at most the last wait (seconds).
    const HttpResponse held = attempt(agent.authorization());
    QCOMPARE(held.status, 429);
    const int wait = held.header("Retry-After").toInt();
    QVERIFY(wait > 0 && wait <= 30);
    QTRY_COMPARE_WITH_TIMEOUT(attempt(agent.authorization()).status, 200, (wait + 2) * 1000);
    QCOMPARE(agent.terminate(), 0);
}

void TestAgentHostile::fifoInTheServedFolderDoesNotBlock()
{
    const QString folder = m_agent.dataRoot() + u"/test"_s;
    QDir().mkpath(folder);
    QFile::remove(folder + u"/fifo"_s);
    QCOMPARE(::mkfifo(QFile::encodeName(folder + u"/fifo"_s).constData(), 0600), 0);
    QElapsedTimer elapsed;
    elapsed.start();
    const HttpResponse file = m_agent.get(u"/vfs/test/fifo"_s);
    QCOMPARE(file.status, 403);
    QVERIFY(file.json().value(u"Message"_s).toString().contains(u"fifo"_s));
    QCOMPARE(m_agent.request("HEAD", u"/vfs/test/fifo"_s).status, 403);
    QCOMPARE(m_agent.request("GET", u"/vfs/test/fifo"_s, {}, {{"Range", "bytes=0-10"}}).status, 403);
    const HttpResponse listing = m_agent.get(u"/vfs/test/"_s);
    QCOMPARE(listing.status, 200);
    QVERIFY(elapsed.elapsed() < 5000);
    QFile::remove(folder + u"/fifo"_s);
}

void TestAgentHostile::listingsDoNotFollowLinksOut()
{
    const QString folder = m_agent.dataRoot() + u"/test/links"_s;
    QDir(folder).removeRecursively();
    QDir().mkpath(folder);
    QFile inside(folder + u"/inside.txt"_s);
    QVERIFY(inside.open(QIODevice::WriteOnly));
    inside.write("12345");
    inside.close();
    QVERIFY(QFile::link(u"/etc/passwd"_s, folder + u"/passwd"_s));
    QVERIFY(QFile::link(u"/etc"_s, folder + u"/etc"_s));
    QVERIFY(QFile::link(folder + u"/inside.txt"_s, folder + u"/alias.txt"_s));
    const HttpResponse listing = m_agent.get(u"/vfs/test/links/"_s);
    QCOMPARE(listing.status, 200);
    QStringList names;
    const OrderedJson entries = listing.json();
    for (int i = 0; i < entries.size(); ++i)
        names << entries.at(i).value(u"name"_s).toString();
    QCOMPARE(names, (QStringList {u"alias.txt"_s, u"inside.txt"_s}));
    QCOMPARE(entries.at(0).value(u"size"_s).toInteger(), 5);
    QCOMPARE(m_agent.get(u"/vfs/test/links/passwd"_s).status, 403);
}

void TestAgentHostile::longEntryNameIsABadRequestWithoutPaths()
{
    const QByteArray zip = zipOf(
        {ZipEntry::file(u"run.sh"_s, script("echo"), 0755), ZipEntry::file(QString(300, u'n') + u".txt"_s, "long")});
    QVERIFY(!zip.isEmpty());
    const HttpResponse response
        = m_agent.upload(u"/api/triggeredwebjobs/longname"_s, zip, u"job.zip"_s, "application/zip");
    QCOMPARE(response.status, 400);
    QCOMPARE(response.header("Content-Type"), "text/plain; charset=utf-8"_ba);
    QVERIFY2(response.text().contains(u"too long"_s), response.body.constData());
    QVERIFY(!response.text().contains(m_agent.dataRoot()));
    QVERIFY(!response.text().contains(QDir::tempPath() + u'/'));
    // A single file with such a name too.
    const HttpResponse single
        = m_agent.upload(u"/api/triggeredwebjobs/longname"_s, script("echo"), QString(300, u'n') + u".sh"_s);
    QCOMPARE(single.status, 400);
    QVERIFY(!single.text().contains(m_agent.dataRoot()));
}

void TestAgentHostile::noAnswerNamesTheDataFolder()
{
    const QString folder = m_agent.dataRoot() + u"/test/paths"_s;
    QDir().mkpath(folder);
    QFile file(folder + u"/a.txt"_s);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.close();
    const QByteArray root = m_agent.dataRoot().toUtf8();
    const HttpResponse missing = m_agent.get(u"/vfs/test/paths/missing.txt"_s);
    QCOMPARE(missing.status, 404);
    QCOMPARE(missing.json().value(u"Message"_s).toString(), u"'/test/paths/missing.txt' not found."_s);
    const HttpResponse listing = m_agent.get(u"/vfs/test/paths/"_s);
    QCOMPARE(listing.status, 200);
    QVERIFY2(!listing.body.contains(root), listing.body.constData());
    QCOMPARE(listing.json().at(0).value(u"path"_s).toString(), u"/test/paths/a.txt"_s);
    for (const QString& path : {u"/vfs/"_s, u"/api/webjobs"_s, u"/api/agent"_s, u"/api/triggeredwebjobs/x"_s})
        QVERIFY2(!m_agent.get(path).body.contains(root), qPrintable(path));
}

void TestAgentHostile::blockingFileWorkDoesNotStallOtherClients_data()
{
    QTest::addColumn<QString>("held");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("folder listing") << u"held"_s << u"/vfs/test/held/"_s << QByteArray("\"name\":\"inside.txt\"");
    QTest::newRow("file") << u"held.log"_s << u"/vfs/test/held.log"_s << QByteArray("the held log");
}

void TestAgentHostile::blockingFileWorkDoesNotStallOtherClients()
{
    // The file system under the served folder may block for long (a stuck network mount, a
    // dying disk). A library preloaded into the agent (tests/support/preload/HeldFiles.cpp)
    // holds the listing of a folder, or the opening of a file, named `held` until this test
    // writes to a FIFO: while the agent is held there, a logged-in client is served, and the
    // held request is answered once the file system lets go.
    QFETCH(QString, held);
    QFETCH(QString, path);
    QFETCH(QByteArray, expected);
    const QString fifo = m_temp.filePath(u"held-fifo"_s);
    QFile::remove(fifo);
    QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
    AgentProcess agent;
    AgentProcess::Options options;
    options.environment.insert(u"LD_PRELOAD"_s, QStringLiteral(WEBJOBS_TEST_HELD_FILES));
    options.environment.insert(u"WEBJOBS_TEST_HELD_NAME"_s, held);
    options.environment.insert(u"WEBJOBS_TEST_HELD_FIFO"_s, fifo);
    // Under AddressSanitizer its runtime is not the first library any more: let it be.
    options.environment.insert(
        u"ASAN_OPTIONS"_s, qEnvironmentVariable("ASAN_OPTIONS") + u":verify_asan_link_order=0"_s);
    QVERIFY2(agent.start(options), qPrintable(agent.failure()));
    QVERIFY(QDir().mkpath(agent.dataRoot() + u"/test/held"_s));
    QFile inside(agent.dataRoot() + u"/test/held/inside.txt"_s);
    QVERIFY(inside.open(QIODevice::WriteOnly));
    inside.write("inside");
    inside.close();
    QFile log(agent.dataRoot() + u"/test/held.log"_s);
    QVERIFY(log.open(QIODevice::WriteOnly));
    log.write("the held log\n");
    log.close();

    const std::unique_ptr<QTcpSocket> heldClient = connectTo(agent.port());
    QVERIFY(heldClient);
    heldClient->write("GET " + path.toUtf8() + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + agent.authorization()
        + "\r\n\r\n");
    // The agent is held once it waits on the FIFO: a writer can then open it without blocking.
    int release = -1;
    QTRY_VERIFY_WITH_TIMEOUT(
        (release = ::open(QFile::encodeName(fifo).constData(), O_WRONLY | O_NONBLOCK)) >= 0, 10000);

    // Held: the other clients are served all the same, the held one is not answered yet.
    for (int i = 0; i < 3; ++i)
        QVERIFY(served(agent));
    QCOMPARE(agent.get(u"/vfs/test/held.log"_s == path ? u"/vfs/test/"_s : u"/vfs/test/held.log"_s).status, 200);
    heldClient->waitForReadyRead(0);
    QCOMPARE(heldClient->bytesAvailable(), 0);

    QCOMPARE(::write(release, "x", 1), 1);
    ::close(release);
    const Exchange answer = readAnswer(*heldClient, 10000);
    QCOMPARE(answer.response.status, 200);
    QVERIFY2(answer.response.body.contains(expected), answer.response.body.constData());
    QVERIFY(served(agent));
    QCOMPARE(agent.terminate(), 0);
}

void TestAgentHostile::credentialsThatMustStayRefused_data()
{
    QTest::addColumn<QByteArray>("headers");
    const QString password = QString::fromUtf8(AgentProcess::Password);
    QTest::newRow("prefix of the password")
        << "Authorization: " + BasicAuth::headerValue(u"admin"_s, password.left(password.size() - 1)) + "\r\n";
    QTest::newRow("password with a suffix")
        << "Authorization: " + BasicAuth::headerValue(u"admin"_s, password + u"x"_s) + "\r\n";
    QTest::newRow("empty user") << "Authorization: " + BasicAuth::headerValue(QString(), password) + "\r\n";
    QTest::newRow("two Authorization headers") << "Authorization: " + BasicAuth::headerValue(u"admin"_s, password)
            + "\r\nAuthorization: " + BasicAuth::headerValue(u"admin"_s, password) + "\r\n";
    QTest::newRow("credentials in the URL only") << QByteArray();
}

void TestAgentHostile::credentialsThatMustStayRefused()
{
    QFETCH(QByteArray, headers);
    const Exchange answer
        = exchange(m_agent.port(), "GET /api/webjobs HTTP/1.1\r\nHost: admin:x@127.0.0.1\r\n" + headers + "\r\n");
    QCOMPARE(answer.response.status, 401);
    QCOMPARE(answer.response.header("WWW-Authenticate"), "Basic realm=\"webjobs-agent\""_ba);
}

void TestAgentHostile::vfsNulIsRefused()
{
    for (const QByteArray& target : {"/vfs/test%00/../../etc/passwd"_ba, "/vfs/webjobs.db%00.txt"_ba}) {
        const Exchange answer = exchange(m_agent.port(), head("GET " + target + " HTTP/1.1"));
        QVERIFY2(answer.response.status == 403 || answer.response.status == 404, target.constData());
        QVERIFY(!answer.response.body.contains("root:"));
        QVERIFY(!answer.response.body.contains("SQLite"));
    }
}

void TestAgentHostile::zipsThatMustStayRefused_data()
{
    QTest::addColumn<QList<ZipEntry>>("entries");
    const ZipEntry good = ZipEntry::file(u"run.sh"_s, script("echo ok"), 0755);
    QTest::newRow("control character in a name") << QList<ZipEntry> {good, ZipEntry::file(u"a\x01z.txt"_s)};
    QList<ZipEntry> many {good};
    for (int i = 0; i < 10000; ++i)
        many.append(ZipEntry::file(u"f%1"_s.arg(i), {}));
    QTest::newRow("10,001 entries") << many;
    ZipEntry bomb = ZipEntry::file(u"bomb.bin"_s, QByteArray(64 * 1024, 'a'));
    bomb.declaredSize = 0xffffff00u;
    QTest::newRow("declared bomb") << QList<ZipEntry> {good, bomb};
}

void TestAgentHostile::zipsThatMustStayRefused()
{
    QFETCH(QList<ZipEntry>, entries);
    const QByteArray zip = zipOf(entries);
    QVERIFY(!zip.isEmpty());
    const HttpResponse response
        = m_agent.upload(u"/api/triggeredwebjobs/hostile"_s, zip, u"job.zip"_s, "application/zip");
    QCOMPARE(response.status, 400);
    QVERIFY(!response.body.isEmpty());
    QCOMPARE(m_agent.get(u"/api/triggeredwebjobs/hostile"_s).status, 404);
}

void TestAgentHostile::setuidBitsAreNotKept()
{
    const QByteArray zip = zipOf({ZipEntry::file(u"run.sh"_s, script("echo ok"), 04755)});
    QCOMPARE(m_agent.upload(u"/api/triggeredwebjobs/setuid"_s, zip, u"job.zip"_s, "application/zip").status, 200);
    struct stat status = {};
    const QString script = m_agent.dataRoot() + u"/site/wwwroot/App_Data/jobs/triggered/setuid/run.sh"_s;
    QCOMPARE(::stat(QFile::encodeName(script).constData(), &status), 0);
    QCOMPARE(int(status.st_mode & 07000), 0);
}

void TestAgentHostile::jobNamesThatMustStayRefused_data()
{
    QTest::addColumn<QByteArray>("name");
    QTest::newRow("dots") << "a.b"_ba;
    QTest::newRow("slash") << "a%2Fb"_ba;
    QTest::newRow("NUL") << "a%00b"_ba;
    QTest::newRow("non-ASCII") << "caf%C3%A9"_ba;
    QTest::newRow("65 characters") << QByteArray(65, 'a');
}

void TestAgentHostile::jobNamesThatMustStayRefused()
{
    QFETCH(QByteArray, name);
    const QByteArray body = script("echo");
    const Exchange answer = exchange(m_agent.port(),
        head("PUT /api/triggeredwebjobs/" + name + " HTTP/1.1",
            "Content-Disposition: attachment; filename=\"run.sh\"\r\nContent-Length: " + QByteArray::number(body.size())
                + "\r\n")
            + body);
    QVERIFY2(answer.response.status >= 400 && answer.response.status < 500, answer.response.body.constData());
    QCOMPARE(m_agent.get(u"/api/triggeredwebjobs"_s).body, "[]"_ba);
}

void TestAgentHostile::shellMetacharactersInArgumentsAreLiteral()
{
    const QString marker = m_temp.filePath(u"injected"_s);
    QCOMPARE(
        m_agent.upload(u"/api/triggeredwebjobs/args"_s, script("for a in \"$@\"; do echo \"[$a]\"; done"), u"run.sh"_s)
            .status,
        200);
    const QString arguments = u"; touch %1 $(touch %1) `touch %1` | touch %1 && touch %1"_s.arg(marker);
    const HttpResponse started = m_agent.request(
        "POST", u"/api/triggeredwebjobs/args/run?arguments="_s + QString::fromUtf8(QUrl::toPercentEncoding(arguments)));
    QCOMPARE(started.status, 202);
    const QString runId = QString::fromUtf8(started.header("Location")).section(u'/', -1);
    const HttpResponse run = m_agent.waitFor(u"/api/triggeredwebjobs/args/history/"_s + runId,
        [](const HttpResponse& r) { return r.json().value(u"status"_s).toString() == u"Success"; });
    QCOMPARE(run.json().value(u"status"_s).toString(), u"Success"_s);
    QVERIFY(!QFileInfo::exists(marker));
    const HttpResponse log = m_agent.get(QUrl(run.json().value(u"output_url"_s).toString()).path());
    QVERIFY2(log.body.contains("[$(touch"), log.body.constData());
}

void TestAgentHostile::oldTlsIsRefused()
{
    // The refusal must be the agent's, not the client's: the same openssl client first
    // completes TLS 1.0 and 1.1 handshakes with an openssl server that speaks them, then gets
    // the agent's "protocol version" alert (number 70, read from the peer) for both.
    QString certificate;
    QString key;
    if (!tlsFiles(&certificate, &key))
        QSKIP("openssl is needed to make a certificate and to speak old TLS");
    const QString openssl = QStandardPaths::findExecutable(u"openssl"_s);
    const auto handshake = [&](quint16 port, const QString& version) {
        QProcess client;
        client.setProcessChannelMode(QProcess::MergedChannels);
        client.start(openssl,
            {u"s_client"_s, u"-connect"_s, u"127.0.0.1:%1"_s.arg(port), version, u"-cipher"_s,
                u"DEFAULT@SECLEVEL=0"_s});
        client.write("Q\n");
        client.closeWriteChannel();
        client.waitForFinished(20000);
        return client.readAll();
    };

    QProcess oldServer;
    oldServer.setProcessChannelMode(QProcess::MergedChannels);
    oldServer.start(openssl,
        {u"s_server"_s, u"-accept"_s, u"0"_s, u"-cert"_s, certificate, u"-key"_s, key, u"-min_protocol"_s, u"TLSv1"_s,
            u"-cipher"_s, u"DEFAULT@SECLEVEL=0"_s});
    QByteArray banner;
    QTRY_VERIFY_WITH_TIMEOUT((banner += oldServer.readAll()).contains("ACCEPT"), 20000);
    const QByteArray acceptLine = banner.mid(banner.indexOf("ACCEPT")).split('\n').value(0).trimmed();
    const quint16 oldPort = acceptLine.mid(acceptLine.lastIndexOf(':') + 1).toUShort();
    QVERIFY2(oldPort > 0, banner.constData());
    const QByteArray tls10 = handshake(oldPort, u"-tls1"_s);
    const QByteArray tls11 = handshake(oldPort, u"-tls1_1"_s);
    oldServer.kill();
    oldServer.waitForFinished(10000);
    QVERIFY2(tls10.contains("Protocol  : TLSv1\n") && !tls10.contains("Cipher is (NONE)"), tls10.constData());
    QVERIFY2(tls11.contains("Protocol  : TLSv1.1\n") && !tls11.contains("Cipher is (NONE)"), tls11.constData());

    AgentProcess agent;
    AgentProcess::Options options;
    options.arguments = {u"--tls-cert"_s, certificate, u"--tls-key"_s, key};
    QVERIFY2(agent.start(options), qPrintable(agent.failure()));
    const QByteArray tls12 = handshake(agent.port(), u"-tls1_2"_s);
    QVERIFY2(tls12.contains("Protocol  : TLSv1.2\n") && !tls12.contains("Cipher is (NONE)"), tls12.constData());
    for (const QString& version : {u"-tls1"_s, u"-tls1_1"_s}) {
        const QByteArray refused = handshake(agent.port(), version);
        QVERIFY2(
            refused.contains("alert protocol version") && refused.contains("SSL alert number 70"), refused.constData());
        QVERIFY2(refused.contains("Cipher is (NONE)"), refused.constData());
    }
    QCOMPARE(agent.terminate(), 0);
}

void TestAgentHostile::tlsHandshakesCountFromAccept()
{
    // Connections that never send a ClientHello count against the per-client cap from accept
    // (4 here): each new one past the cap sheds the oldest idle one at once, long before any
    // handshake timeout (60 s here; Qt's own, 5 s, counted none of them against anything), and
    // a logged-in client is served over TLS meanwhile, from another address and from this one.
    QString certificate;
    QString key;
    if (!tlsFiles(&certificate, &key))
        QSKIP("openssl is needed to make a certificate");
    AgentProcess agent;
    AgentProcess::Options options;
    options.arguments = {u"--tls-cert"_s, certificate, u"--tls-key"_s, key, u"--max-connections-per-client"_s, u"4"_s,
        u"--request-timeout"_s, u"60"_s, u"--idle-timeout"_s, u"60"_s};
    QVERIFY2(agent.start(options), qPrintable(agent.failure()));
    // Declared first, destroyed last: a socket closed at the end still reports to it.
    QList<int> closed;
    std::vector<std::unique_ptr<QTcpSocket>> silent;
    for (int i = 0; i < 12; ++i) {
        auto socket = connectTo(agent.port());
        QVERIFY2(socket, qPrintable(u"connection %1: %2"_s.arg(i).arg(QString::fromUtf8(agent.standardError()))));
        connect(socket.get(), &QTcpSocket::disconnected, this, [&closed, i] { closed.append(i); });
        silent.push_back(std::move(socket));
    }
    QTRY_COMPARE_WITH_TIMEOUT(closed.size(), 8, 4000);
    std::sort(closed.begin(), closed.end());
    // The oldest go first (the agent orders connections as it accepts them).
    QCOMPARE(closed, QList<int>({0, 1, 2, 3, 4, 5, 6, 7}));
    for (int i = 8; i < 12; ++i)
        QCOMPARE(silent[i]->state(), QAbstractSocket::ConnectedState);
    QVERIFY(silent[8]->readAll().isEmpty()); // nothing was said in the clear

    const QByteArray request
        = "GET /api/webjobs HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + agent.authorization() + "\r\n\r\n";
    for (const QHostAddress& from : {QHostAddress(u"127.0.0.2"_s), QHostAddress(u"127.0.0.1"_s)}) {
        const std::unique_ptr<QSslSocket> client = connectOverTls(agent.port(), from);
        QVERIFY2(client, qPrintable(from.toString()));
        client->write(request);
        QCOMPARE(readAnswer(*client).response.status, 200);
    }
    // The logged-in client of this address took the place of the oldest silent connection.
    QTRY_COMPARE_WITH_TIMEOUT(closed.size(), 9, 4000);
    QCOMPARE(closed.last(), 8);
    QCOMPARE(agent.terminate(), 0);
}

void TestAgentHostile::unfinishedTlsHandshakesTimeOut()
{
    // A handshake must complete within the request timeout (2 s here): a connection that sends
    // nothing, and one that sends half a ClientHello, are closed then, without a word.
    QString certificate;
    QString key;
    if (!tlsFiles(&certificate, &key))
        QSKIP("openssl is needed to make a certificate");
    AgentProcess agent;
    AgentProcess::Options options;
    options.arguments = {u"--tls-cert"_s, certificate, u"--tls-key"_s, key, u"--request-timeout"_s, u"2"_s};
    QVERIFY2(agent.start(options), qPrintable(agent.failure()));
    const std::unique_ptr<QTcpSocket> silent = connectTo(agent.port());
    const std::unique_ptr<QTcpSocket> half = connectTo(agent.port());
    QVERIFY(silent && half);
    // A TLS record header announcing a 512-byte handshake message, and the message's first bytes.
    half->write(QByteArray::fromHex("160301020001"));
    QSignalSpy silentClosed(silent.get(), &QTcpSocket::disconnected);
    QSignalSpy halfClosed(half.get(), &QTcpSocket::disconnected);
    QElapsedTimer elapsed;
    elapsed.start();
    // Within the agent's timeout and a margin, before Qt's own (5 s) would have closed them.
    QVERIFY(silentClosed.wait(4000));
    QVERIFY(halfClosed.size() == 1 || halfClosed.wait(1000));
    QVERIFY2(elapsed.elapsed() >= 1500, qPrintable(QString::number(elapsed.elapsed())));
    QVERIFY(silent->readAll().isEmpty());
    QVERIFY(!half->readAll().startsWith("HTTP"));
    QCOMPARE(agent.terminate(), 0);
}

QTEST_GUILESS_MAIN(TestAgentHostile)
#include "TestAgentHostile.moc"
