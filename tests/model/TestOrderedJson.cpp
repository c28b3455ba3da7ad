#include "core/util/OrderedJson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace WebJobs;

// The ordered JSON writer and reader behind every toJson() of the model.
class TestOrderedJson : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void writesMembersInInsertionOrder();
    void insertReplacesInPlace();
    void remove();
    void leaves_data();
    void leaves();
    void convertsQtValues();
    void parseRoundTrip_data();
    void parseRoundTrip();
    void parseValues();
    void parseErrors_data();
    void parseErrors();
    void isInteger_data();
    void isInteger();
    void missingMembers();
};

void TestOrderedJson::writesMembersInInsertionOrder()
{
    OrderedJson inner = OrderedJson::object();
    inner.insert(u"z"_s, 1).insert(u"a"_s, OrderedJson());
    OrderedJson list = OrderedJson::array();
    list.append(true).append(u"x"_s).append(inner);
    OrderedJson json = OrderedJson::object();
    json.insert(u"latest_run"_s, OrderedJson()).insert(u"b"_s, list).insert(u"a"_s, 2.5);
    QCOMPARE(json.toJson(), QByteArray(R"({"latest_run":null,"b":[true,"x",{"z":1,"a":null}],"a":2.5})"));
    QCOMPARE(json.keys(), QStringList({u"latest_run"_s, u"b"_s, u"a"_s}));
    QCOMPARE(OrderedJson::object().toJson(), QByteArray("{}"));
    QCOMPARE(OrderedJson::array().toJson(), QByteArray("[]"));
}

void TestOrderedJson::insertReplacesInPlace()
{
    OrderedJson json = OrderedJson::object();
    json.insert(u"a"_s, 1).insert(u"b"_s, 2).insert(u"a"_s, 3);
    QCOMPARE(json.toJson(), QByteArray(R"({"a":3,"b":2})"));
    QCOMPARE(json.size(), 2);
}

void TestOrderedJson::remove()
{
    OrderedJson json = OrderedJson::object();
    json.insert(u"a"_s, 1).insert(u"b"_s, 2).insert(u"c"_s, 3);
    json.remove(u"b"_s);
    json.remove(u"missing"_s);
    QCOMPARE(json.toJson(), QByteArray(R"({"a":1,"c":3})"));
}

void TestOrderedJson::leaves_data()
{
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<QByteArray>("json");

    QTest::newRow("null") << QJsonValue() << QByteArray("null");
    QTest::newRow("undefined as null") << QJsonValue(QJsonValue::Undefined) << QByteArray("null");
    QTest::newRow("false") << QJsonValue(false) << QByteArray("false");
    QTest::newRow("integer") << QJsonValue(qint64(-1234567890123)) << QByteArray("-1234567890123");
    QTest::newRow("double") << QJsonValue(60.5) << QByteArray("60.5");
    QTest::newRow("plain string") << QJsonValue(u"Schedule - 0 0 3 * * *"_s)
                                  << QByteArray(R"("Schedule - 0 0 3 * * *")");
    QTest::newRow("slash not escaped") << QJsonValue(u"https://h/#/jobs"_s) << QByteArray(R"("https://h/#/jobs")");
    QTest::newRow("CRLF escaped") << QJsonValue(u"a - Running\r\n"_s) << QByteArray(R"("a - Running\r\n")");
    QTest::newRow("quote and backslash") << QJsonValue(u"\"C:\\jobs\""_s) << QByteArray(R"("\"C:\\jobs\"")");
    QTest::newRow("control character") << QJsonValue(u"a\u0001b"_s) << QByteArray(R"("a\u0001b")");
    QTest::newRow("non-ASCII as UTF-8") << QJsonValue(u"Arrêt – ok"_s) << u"\"Arrêt – ok\""_s.toUtf8();
    QTest::newRow("astral plane") << QJsonValue(u"🚀"_s) << u"\"🚀\""_s.toUtf8();
}

void TestOrderedJson::leaves()
{
    QFETCH(QJsonValue, value);
    QFETCH(QByteArray, json);
    QCOMPARE(OrderedJson(value).toJson(), json);
    // What we write, QJsonDocument reads back to the same value.
    if (!value.isUndefined()) {
        const QJsonDocument document = QJsonDocument::fromJson('[' + json + ']');
        QCOMPARE(document.array().at(0), value);
    }
}

void TestOrderedJson::convertsQtValues()
{
    const QJsonObject object {{u"b"_s, 1}, {u"a"_s, QJsonArray {1, u"x"_s}}};
    const OrderedJson json(object);
    QVERIFY(json.isObject());
    QCOMPARE(json.toJson(), QByteArray(R"({"a":[1,"x"],"b":1})")); // Qt's sorted order
    QCOMPARE(json.toJsonValue(), QJsonValue(object));
}

void TestOrderedJson::parseRoundTrip_data()
{
    QTest::addColumn<QByteArray>("json");

    QTest::newRow("unsorted keys") << QByteArray(R"({"schedule":"0 */15 * * * *","is_singleton":true,"a":null})");
    QTest::newRow("nested") << QByteArray(R"({"z":{"y":[1,{"b":2,"a":[]}],"x":{}},"a":[[]]})");
    QTest::newRow("number text kept") << QByteArray(R"({"a":1.0,"b":2e3,"c":-0.50,"d":1E+2,"e":-7})");
    QTest::newRow("escapes") << QByteArray(R"({"k\"ey":"a\r\nb\\c\u0001"})");
    QTest::newRow("top-level array") << QByteArray(R"([1,"two",null,false])");
    QTest::newRow("top-level string") << QByteArray(R"("alone")");
    QTest::newRow("top-level number") << QByteArray("42");
    QTest::newRow("top-level null") << QByteArray("null");
}

void TestOrderedJson::parseRoundTrip()
{
    QFETCH(QByteArray, json);
    QString error;
    const std::optional<OrderedJson> parsed = OrderedJson::parse(json, &error);
    QVERIFY2(parsed.has_value(), qPrintable(error));
    QCOMPARE(parsed->toJson(), json);
}

void TestOrderedJson::parseValues()
{
    // Whitespace, escapes that QJsonDocument decodes, a BOM, duplicate keys (the last wins,
    // in the first one's place, as QJsonDocument keeps the last).
    const QByteArray text
        = "\xEF\xBB\xBF { \"b\" : \"\\u00e9\\ud83d\\ude80\\/\" ,\n\t\"a\": [ 1 , 2 ] , \"b\": 3 }\r\n";
    const std::optional<OrderedJson> json = OrderedJson::parse(text);
    QVERIFY(json.has_value());
    QCOMPARE(json->keys(), QStringList({u"b"_s, u"a"_s}));
    QCOMPARE(json->value(u"b"_s).toInteger(), 3);
    QCOMPARE(json->value(u"a"_s).at(1).toInteger(), 2);
    QCOMPARE(json->toJsonValue(), QJsonValue(QJsonDocument::fromJson(text).object()));

    const std::optional<OrderedJson> escaped = OrderedJson::parse(R"(["\u00e9\ud83d\ude80\/\b\f\t"])");
    QVERIFY(escaped.has_value());
    QCOMPARE(escaped->at(0).toString(), u"é🚀/\b\f\t"_s);
    QCOMPARE(escaped->at(5).isUndefined(), true);
}

void TestOrderedJson::parseErrors_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<int>("offset");

    QTest::newRow("empty") << QByteArray() << 0;
    QTest::newRow("unterminated object") << QByteArray(R"({"a":1)") << 6;
    QTest::newRow("trailing garbage") << QByteArray("{} x") << 3;
    QTest::newRow("two scalars") << QByteArray("1, 2") << 1;
    // QJsonDocument reports the offset after the character it refused.
    QTest::newRow("comment") << QByteArray("{/*x*/}") << 2;
    QTest::newRow("single quotes") << QByteArray("{'a':1}") << 2;
    QTest::newRow("offset counts a skipped BOM") << QByteArray("\xEF\xBB\xBF{'a':1}") << 5;
}

void TestOrderedJson::parseErrors()
{
    QFETCH(QByteArray, json);
    QFETCH(int, offset);
    QString error;
    int errorOffset = -1;
    QVERIFY(!OrderedJson::parse(json, &error, &errorOffset).has_value());
    QVERIFY(!error.isEmpty());
    QCOMPARE(errorOffset, offset);
}

void TestOrderedJson::isInteger_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<bool>("integer");

    QTest::newRow("60") << QByteArray("60") << true;
    QTest::newRow("-5") << QByteArray("-5") << true;
    QTest::newRow("60.0 is a double for Json.NET") << QByteArray("60.0") << false;
    QTest::newRow("60.5") << QByteArray("60.5") << false;
    QTest::newRow("6e1") << QByteArray("6e1") << false;
    QTest::newRow("beyond Int64") << QByteArray("99999999999999999999") << false;
    QTest::newRow("string") << QByteArray(R"("60")") << false;
    QTest::newRow("bool") << QByteArray("true") << false;
}

void TestOrderedJson::isInteger()
{
    QFETCH(QByteArray, json);
    QFETCH(bool, integer);
    const std::optional<OrderedJson> value = OrderedJson::parse(json);
    QVERIFY(value.has_value());
    QCOMPARE(value->isInteger(), integer);
}

void TestOrderedJson::missingMembers()
{
    OrderedJson json = OrderedJson::object();
    json.insert(u"a"_s, OrderedJson());
    QVERIFY(json.contains(u"a"_s));
    QVERIFY(json.value(u"a"_s).isNull());
    QVERIFY(!json.value(u"a"_s).isUndefined());
    QVERIFY(!json.contains(u"b"_s));
    QVERIFY(json.value(u"b"_s).isUndefined());
    QVERIFY(!json.value(u"b"_s).isNull());
    // Member access on a leaf is harmless.
    QVERIFY(OrderedJson(1).value(u"a"_s).isUndefined());
    QVERIFY(OrderedJson(1).at(0).isUndefined());
}

QTEST_GUILESS_MAIN(TestOrderedJson)
#include "TestOrderedJson.moc"
