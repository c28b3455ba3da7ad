// Change notification and web hooks of the real webjobs-agent over loopback HTTP: the
// server-sent event stream (/api/webjobs/events) with resumption, the long-poll
// (/api/webjobs/changes), and Kudu's web hooks (/api/hooks) with the TriggeredJobFinished
// payload and our failure and crash-loop events, delivered to a receiver in the test.

#include "core/util/BasicAuth.h"
#include "tests/support/AgentProcess.h"

#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace WebJobs;
using namespace WebJobs::Test;

namespace {

struct StreamEvent
{
    QString id;
    QString kind;
    OrderedJson data;
};

// An open event stream, parsed as it arrives.
class EventStream
{
public:
    EventStream(AgentProcess& agent, const QByteArray& lastEventId = {})
    {
        QNetworkRequest request = agent.networkRequest(u"/api/webjobs/events"_s);
        if (!lastEventId.isEmpty())
            request.setRawHeader("Last-Event-ID", lastEventId);
        m_reply = agent.network()->get(request);
        QObject::connect(m_reply, &QNetworkReply::readyRead, m_reply, [this] { read(); });
    }
    ~EventStream()
    {
        m_reply->abort();
        m_reply->deleteLater();
    }

    QNetworkReply* reply() const { return m_reply; }
    QList<StreamEvent> events() const { return m_events; }
    bool connected() const { return m_connected; }
    std::optional<StreamEvent> find(const QString& kind, const QString& name) const
    {
        for (const StreamEvent& event : m_events) {
            if (event.kind == kind && event.data.value(u"name"_s).toString() == name)
                return event;
        }
        return std::nullopt;
    }

private:
    void read()
    {
        m_buffer += m_reply->readAll();
        qsizetype end;
        while ((end = m_buffer.indexOf("\n\n")) >= 0) {
            const QByteArray block = m_buffer.left(end);
            m_buffer.remove(0, end + 2);
            StreamEvent event;
            for (const QByteArray& line : block.split('\n')) {
                if (line.startsWith(": connected"))
                    m_connected = true;
                else if (line.startsWith("id: "))
                    event.id = QString::fromUtf8(line.mid(4));
                else if (line.startsWith("event: "))
                    event.kind = QString::fromUtf8(line.mid(7));
                else if (line.startsWith("data: "))
                    event.data = OrderedJson::parse(line.mid(6)).value_or(OrderedJson());
            }
            if (!event.kind.isEmpty())
                m_events.append(event);
        }
    }

    QNetworkReply* m_reply;
    QByteArray m_buffer;
    QList<StreamEvent> m_events;
    bool m_connected = false;
};

struct Delivery
{
    QString path;
    QByteArray authorization;
    QByteArray contentType;
    QByteArray body;
};

} // namespace

class TestAgentEvents : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void cleanupTestCase();

    void streamCarriesJobAndRunEvents();
    void streamResumesAfterLastEventId();
    void streamResetsOnAnUnknownCursor();
    void longPollAnswersOnTheNextEvent();
    void longPollAnswersAtOnceWithPendingEvents();
    void longPollTimesOut();
    void longPollResetsOnAnUnknownCursor();
    void hooksSubscribeListDelete();
    void hookReceivesTriggeredJobFinished();
    void hookReceivesFailures();
    void hookReceivesCrashLoop();
    void hookGoneIsRemoved();

private:
    QString receiverUrl(const QString& path, const QString& userInfo = {}) const;
    bool upload(const QString& type, const QString& name, const QByteArray& script);

    AgentProcess m_agent;
    QHttpServer m_receiver;
    quint16 m_receiverPort = 0;
    QList<Delivery> m_deliveries;
    int m_receiverStatus = 200;
};

void TestAgentEvents::initTestCase()
{
    AgentProcess::Options options;
    options.environment.insert(u"WEBJOBS_RESTART_TIME"_s, u"0"_s);
    QVERIFY2(m_agent.start(options), qPrintable(m_agent.failure()));

    m_receiver.setMissingHandler([this](const QHttpServerRequest& request, QHttpServerResponder&& responder) {
        m_deliveries.append(
            {request.url().path(), request.value("Authorization"), request.value("Content-Type"), request.body()});
        responder.write(static_cast<QHttpServerResponder::StatusCode>(m_receiverStatus));
    });
    m_receiverPort = m_receiver.listen(QHostAddress::LocalHost, 0);
    QVERIFY(m_receiverPort != 0);
}

void TestAgentEvents::cleanup()
{
    const OrderedJson jobs = m_agent.get(u"/api/webjobs"_s).json();
    for (int i = 0; i < jobs.size(); ++i)
        m_agent.request("DELETE",
            u"/api/%1webjobs/%2"_s.arg(jobs.at(i).value(u"type"_s).toString(), jobs.at(i).value(u"name"_s).toString()));
    const OrderedJson hooks = m_agent.get(u"/api/hooks"_s).json();
    for (int i = 0; i < hooks.size(); ++i)
        m_agent.request("DELETE", u"/api/hooks/"_s + hooks.at(i).value(u"id"_s).toString());
    m_deliveries.clear();
    m_receiverStatus = 200;
}

void TestAgentEvents::cleanupTestCase()
{
    QCOMPARE(m_agent.terminate(), 0);
}

QString TestAgentEvents::receiverUrl(const QString& path, const QString& userInfo) const
{
    return u"http://"_s + (userInfo.isEmpty() ? QString() : userInfo + u'@') + u"127.0.0.1:"_s
        + QString::number(m_receiverPort) + path;
}

bool TestAgentEvents::upload(const QString& type, const QString& name, const QByteArray& body)
{
    return m_agent.upload(u"/api/%1webjobs/%2"_s.arg(type, name), body, u"run.sh"_s).status == 200;
}

void TestAgentEvents::streamCarriesJobAndRunEvents()
{
    EventStream stream(m_agent);
    QTRY_VERIFY_WITH_TIMEOUT(stream.connected(), 10000);
    QCOMPARE(stream.reply()->rawHeader("Content-Type"), "text/event-stream; charset=utf-8"_ba);
    QCOMPARE(stream.reply()->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);

    QVERIFY(upload(u"triggered"_s, u"ev"_s, script("echo event")));
    QTRY_VERIFY_WITH_TIMEOUT(stream.find(u"jobAdded"_s, u"ev"_s), 10000);
    const StreamEvent added = *stream.find(u"jobAdded"_s, u"ev"_s);
    QCOMPARE(added.data.value(u"type"_s).toString(), u"triggered"_s);
    QCOMPARE(added.data.value(u"id"_s).toString(), added.id);

    QCOMPARE(m_agent.request("POST", u"/api/triggeredwebjobs/ev/run"_s).status, 202);
    QTRY_VERIFY_WITH_TIMEOUT(stream.find(u"runFinished"_s, u"ev"_s), 10000);
    const StreamEvent started = *stream.find(u"runStarted"_s, u"ev"_s);
    const StreamEvent finished = *stream.find(u"runFinished"_s, u"ev"_s);
    QVERIFY(started.id < finished.id || started.id.size() < finished.id.size());
    const OrderedJson run = finished.data.value(u"run"_s);
    QCOMPARE(run.value(u"status"_s).toString(), u"Success"_s);
    QCOMPARE(run.value(u"job_name"_s).toString(), u"ev"_s);
    QCOMPARE(run.value(u"url"_s).toString(),
        m_agent.baseUrl() + u"/api/triggeredwebjobs/ev/history/"_s + run.value(u"id"_s).toString());
    QVERIFY(stream.find(u"jobChanged"_s, u"ev"_s));

    // Settings and deletion are events too.
    QCOMPARE(m_agent.request("DELETE", u"/api/triggeredwebjobs/ev"_s).status, 200);
    QTRY_VERIFY_WITH_TIMEOUT(stream.find(u"jobRemoved"_s, u"ev"_s), 10000);
}

void TestAgentEvents::streamResumesAfterLastEventId()
{
    QString cursor;
    {
        EventStream first(m_agent);
        QTRY_VERIFY_WITH_TIMEOUT(first.connected(), 10000);
        QVERIFY(upload(u"triggered"_s, u"resume1"_s, script("echo 1")));
        QTRY_VERIFY_WITH_TIMEOUT(first.find(u"jobAdded"_s, u"resume1"_s), 10000);
        cursor = first.find(u"jobAdded"_s, u"resume1"_s)->id;
    }
    // Missed while disconnected.
    QVERIFY(upload(u"continuous"_s, u"resume2"_s, script("exec sleep 600")));
    EventStream second(m_agent, cursor.toUtf8());
    QTRY_VERIFY_WITH_TIMEOUT(second.find(u"jobAdded"_s, u"resume2"_s), 10000);
    QVERIFY(!second.find(u"jobAdded"_s, u"resume1"_s)); // not replayed: it was seen
}

void TestAgentEvents::streamResetsOnAnUnknownCursor()
{
    EventStream stream(m_agent, "someotherlife-12");
    QTRY_VERIFY_WITH_TIMEOUT(!stream.events().isEmpty(), 10000);
    QCOMPARE(stream.events().first().kind, u"reset"_s);
}

void TestAgentEvents::longPollAnswersOnTheNextEvent()
{
    const QString cursor = m_agent.get(u"/api/agent"_s).json().value(u"events_cursor"_s).toString();
    QNetworkReply* poll
        = m_agent.network()->get(m_agent.networkRequest(u"/api/webjobs/changes?timeout=60&since="_s + cursor));
    QSignalSpy answered(poll, &QNetworkReply::finished);
    QVERIFY(!answered.wait(300)); // nothing happened yet: it waits
    QVERIFY(upload(u"triggered"_s, u"poll"_s, script("echo")));
    QVERIFY(answered.count() == 1 || answered.wait(10000));
    const OrderedJson body = OrderedJson::parse(poll->readAll()).value_or(OrderedJson());
    poll->deleteLater();
    QCOMPARE(body.value(u"reset"_s).toBool(), false);
    const OrderedJson events = body.value(u"events"_s);
    QVERIFY(events.size() >= 1);
    QCOMPARE(events.at(0).value(u"event"_s).toString(), u"jobAdded"_s);
    QCOMPARE(events.at(0).value(u"name"_s).toString(), u"poll"_s);
    QCOMPARE(body.value(u"cursor"_s).toString(), events.at(events.size() - 1).value(u"id"_s).toString());
}

void TestAgentEvents::longPollAnswersAtOnceWithPendingEvents()
{
    const QString cursor = m_agent.get(u"/api/agent"_s).json().value(u"events_cursor"_s).toString();
    QVERIFY(upload(u"triggered"_s, u"pending"_s, script("echo")));
    const HttpResponse response = m_agent.get(u"/api/webjobs/changes?timeout=60&since="_s + cursor);
    QCOMPARE(response.status, 200);
    QCOMPARE(response.json().value(u"events"_s).at(0).value(u"name"_s).toString(), u"pending"_s);
}

void TestAgentEvents::longPollTimesOut()
{
    const QString cursor = m_agent.get(u"/api/agent"_s).json().value(u"events_cursor"_s).toString();
    const HttpResponse response = m_agent.get(u"/api/webjobs/changes?timeout=0.2&since="_s + cursor);
    QCOMPARE(response.status, 200);
    QCOMPARE(response.json().value(u"events"_s).size(), 0);
    QCOMPARE(response.json().value(u"cursor"_s).toString(), cursor);
    QCOMPARE(response.json().value(u"reset"_s).toBool(), false);
}

void TestAgentEvents::longPollResetsOnAnUnknownCursor()
{
    const HttpResponse response = m_agent.get(u"/api/webjobs/changes?timeout=5&since=nope-3"_s);
    QCOMPARE(response.status, 200);
    QCOMPARE(response.json().value(u"reset"_s).toBool(), true);
    QCOMPARE(response.json().value(u"cursor"_s).toString(),
        m_agent.get(u"/api/agent"_s).json().value(u"events_cursor"_s).toString());
}

void TestAgentEvents::hooksSubscribeListDelete()
{
    const QByteArray subscription = R"({"url":"http://example.invalid/hook","event":"TriggeredJobFinished"})";
    const HttpResponse created
        = m_agent.request("POST", u"/api/hooks"_s, subscription, {{"Content-Type", "application/json"}});
    QCOMPARE(created.status, 201);
    const OrderedJson hook = created.json();
    QCOMPARE(hook.keys(),
        (QStringList {u"id"_s, u"event"_s, u"url"_s, u"insecure_ssl"_s, u"last_status"_s, u"last_reason"_s,
            u"last_datetime"_s, u"last_context"_s}));
    QCOMPARE(hook.value(u"url"_s).toString(), u"http://example.invalid/hook"_s);
    QCOMPARE(hook.value(u"event"_s).toString(), u"TriggeredJobFinished"_s);
    QCOMPARE(hook.value(u"last_datetime"_s).toString(), u"0001-01-01T00:00:00"_s);
    const QString id = hook.value(u"id"_s).toString();
    QVERIFY(!id.isEmpty());

    // The same address and event: the same hook (Kudu); another event: 409.
    const HttpResponse again = m_agent.request("POST", u"/hooks"_s, subscription);
    QCOMPARE(again.status, 201);
    QCOMPARE(again.json().value(u"id"_s).toString(), id);
    const HttpResponse conflict
        = m_agent.request("POST", u"/api/hooks"_s, R"({"url":"http://example.invalid/hook","event":"Other"})");
    QCOMPARE(conflict.status, 409);
    const HttpResponse invalid = m_agent.request("POST", u"/api/hooks"_s, R"({"url":"not a url","event":"X"})");
    QCOMPARE(invalid.status, 400);
    QCOMPARE(invalid.header("Content-Type"), "text/plain; charset=utf-8"_ba);
    QCOMPARE(m_agent.request("POST", u"/api/hooks"_s, "{nope").status, 400);

    QCOMPARE(m_agent.get(u"/api/hooks"_s).json().size(), 1);
    QCOMPARE(m_agent.get(u"/api/hooks/"_s + id).json().value(u"id"_s).toString(), id);
    QCOMPARE(m_agent.get(u"/hooks/"_s + id).status, 200);
    // Kept in Kudu's file.
    QFile file(m_agent.dataRoot() + u"/site/deployments/hooks"_s);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(file.readAll().contains(id.toUtf8()));

    QCOMPARE(m_agent.request("DELETE", u"/api/hooks/"_s + id).status, 200);
    QCOMPARE(m_agent.request("DELETE", u"/api/hooks/"_s + id).status, 200);
    QCOMPARE(m_agent.get(u"/api/hooks/"_s + id).status, 404);
    QCOMPARE(m_agent.get(u"/api/hooks"_s).body, "[]"_ba);
}

void TestAgentEvents::hookReceivesTriggeredJobFinished()
{
    QCOMPARE(m_agent
                 .request("POST", u"/api/hooks"_s,
                     R"({"url":")" + receiverUrl(u"/finished"_s, u"hookuser:hookpass"_s).toUtf8()
                         + R"(","event":"TriggeredJobFinished"})")
                 .status,
        201);
    QVERIFY(upload(u"triggered"_s, u"hooked"_s, script("echo done")));
    QCOMPARE(m_agent.request("POST", u"/api/triggeredwebjobs/hooked/run"_s).status, 202);
    QTRY_COMPARE_WITH_TIMEOUT(m_deliveries.size(), 1, 15000);
    const Delivery delivery = m_deliveries.first();
    QCOMPARE(delivery.path, u"/finished"_s);
    QVERIFY(delivery.contentType.startsWith("application/json"));
    QCOMPARE(delivery.authorization, BasicAuth::headerValue(u"hookuser"_s, u"hookpass"_s));
    const OrderedJson run = OrderedJson::parse(delivery.body).value_or(OrderedJson());
    QCOMPARE(run.value(u"status"_s).toString(), u"Success"_s);
    QCOMPARE(run.value(u"job_name"_s).toString(), u"hooked"_s);
    QVERIFY(run.value(u"url"_s).toString().endsWith(
        u"/api/triggeredwebjobs/hooked/history/"_s + run.value(u"id"_s).toString()));
    QVERIFY(!run.contains(u"error_url"_s)); // null members left out, as Kudu's serializer does

    // The outcome is recorded on the hook.
    const OrderedJson hook = m_agent
                                 .waitFor(u"/api/hooks"_s,
                                     [](const HttpResponse& response) {
                                         return response.json().at(0).value(u"last_status"_s).toString() == u"OK";
                                     })
                                 .json()
                                 .at(0);
    QCOMPARE(hook.value(u"last_status"_s).toString(), u"OK"_s);
    QVERIFY(hook.value(u"last_datetime"_s).toString() != u"0001-01-01T00:00:00"_s);
}

void TestAgentEvents::hookReceivesFailures()
{
    QCOMPARE(m_agent
                 .request("POST", u"/api/hooks"_s,
                     R"({"url":")" + receiverUrl(u"/failed"_s).toUtf8() + R"(","event":"TriggeredJobFailed"})")
                 .status,
        201);
    QVERIFY(upload(u"triggered"_s, u"ok"_s, script("exit 0")));
    QVERIFY(upload(u"triggered"_s, u"broken"_s, script("exit 3")));
    QCOMPARE(m_agent.request("POST", u"/api/triggeredwebjobs/ok/run"_s).status, 202);
    QCOMPARE(m_agent.request("POST", u"/api/triggeredwebjobs/broken/run"_s).status, 202);
    QTRY_COMPARE_WITH_TIMEOUT(m_deliveries.size(), 1, 15000);
    const OrderedJson run = OrderedJson::parse(m_deliveries.first().body).value_or(OrderedJson());
    QCOMPARE(run.value(u"job_name"_s).toString(), u"broken"_s);
    QCOMPARE(run.value(u"status"_s).toString(), u"Failed"_s);
    QCOMPARE(run.value(u"exit_code"_s).toInteger(), 3);
    // The successful run sent nothing: its run ended long before the failed one was reported.
    QCOMPARE(m_agent
                 .waitFor(u"/api/triggeredwebjobs/ok/history"_s,
                     [](const HttpResponse& r) {
                         return r.json().value(u"runs"_s).at(0).value(u"status"_s).toString() == u"Success";
                     })
                 .status,
        200);
    QCOMPARE(m_deliveries.size(), 1);
}

void TestAgentEvents::hookReceivesCrashLoop()
{
    QCOMPARE(m_agent
                 .request("POST", u"/api/hooks"_s,
                     R"({"url":")" + receiverUrl(u"/crash"_s).toUtf8() + R"(","event":"ContinuousJobCrashLoop"})")
                 .status,
        201);
    QVERIFY(upload(u"continuous"_s, u"crasher"_s, script("exit 1")));
    QTRY_COMPARE_WITH_TIMEOUT(m_deliveries.size(), 1, 30000);
    const OrderedJson job = OrderedJson::parse(m_deliveries.first().body).value_or(OrderedJson());
    QCOMPARE(job.value(u"name"_s).toString(), u"crasher"_s);
    QCOMPARE(job.value(u"type"_s).toString(), u"continuous"_s);
    QCOMPARE(job.value(u"status"_s).toString(), u"CrashLoop"_s);
}

void TestAgentEvents::hookGoneIsRemoved()
{
    m_receiverStatus = 410;
    QCOMPARE(m_agent
                 .request("POST", u"/api/hooks"_s,
                     R"({"url":")" + receiverUrl(u"/gone"_s).toUtf8() + R"(","event":"TriggeredJobFinished"})")
                 .status,
        201);
    QVERIFY(upload(u"triggered"_s, u"gone"_s, script("echo")));
    QCOMPARE(m_agent.request("POST", u"/api/triggeredwebjobs/gone/run"_s).status, 202);
    QTRY_COMPARE_WITH_TIMEOUT(m_deliveries.size(), 1, 15000);
    const HttpResponse hooks
        = m_agent.waitFor(u"/api/hooks"_s, [](const HttpResponse& response) { return response.body == "[]"; });
    QCOMPARE(hooks.body, "[]"_ba);
}

QTEST_GUILESS_MAIN(TestAgentEvents)
#include "TestAgentEvents.moc"
