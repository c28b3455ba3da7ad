#pragma once

// A JSON value whose objects keep their members in the order they were inserted or read.
//
// QJsonObject sorts its keys, but Kudu (Json.NET) writes members in class order, derived class
// first, and keeps a settings.job dictionary in the order it was written. OrderedJson is the
// small tree that lets the model reproduce that text exactly:
//  - an object is a list of (key, value) members; inserting an existing key replaces its value
//    in place, a new key goes last;
//  - leaves are QJsonValue scalars (null, bool, number, string); a QJsonObject or QJsonArray
//    given as a value is converted into a tree (its keys then in Qt's sorted order);
//  - toJson() writes compact JSON (no spaces), nulls included, as Json.NET does; leaf escaping
//    is QJsonDocument's;
//  - parse() reads JSON text keeping member order and the text of each number, so that
//    `1.0` is written back as `1.0` and isInteger() can tell `60` from `60.0` the way Json.NET
//    does (QJsonDocument reads both as the integer 60).
//
// Value type, cheap enough for the small documents of the API; safe to use from any thread.

#include <QByteArray>
#include <QJsonValue>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace WebJobs {

class OrderedJson
{
public:
    enum class Kind
    {
        Value,
        Object,
        Array,
    };

    // A null leaf.
    OrderedJson() = default;
    // A leaf, or a tree when `value` is an object or an array. Implicit so that members read
    // naturally: `object.insert(u"id"_s, id)`.
    OrderedJson(const QJsonValue& value); // NOLINT(google-explicit-constructor)
    OrderedJson(const QString& text); // NOLINT(google-explicit-constructor)
    OrderedJson(bool value); // NOLINT(google-explicit-constructor)
    OrderedJson(int value); // NOLINT(google-explicit-constructor)
    OrderedJson(qint64 value); // NOLINT(google-explicit-constructor)
    OrderedJson(double value); // NOLINT(google-explicit-constructor)

    static OrderedJson object();
    static OrderedJson array();

    // Reads JSON text (a UTF-8 byte-order mark is skipped). Any JSON value is accepted at the
    // top level, scalars included. On failure returns std::nullopt and, when given, QJson's
    // error sentence and the byte offset where it was detected.
    static std::optional<OrderedJson> parse(
        const QByteArray& json, QString* errorMessage = nullptr, int* errorOffset = nullptr);

    Kind kind() const { return m_kind; }
    bool isObject() const { return m_kind == Kind::Object; }
    bool isArray() const { return m_kind == Kind::Array; }
    bool isNull() const { return m_kind == Kind::Value && m_value.isNull(); }
    bool isString() const { return m_kind == Kind::Value && m_value.isString(); }
    bool isBool() const { return m_kind == Kind::Value && m_value.isBool(); }
    bool isNumber() const { return m_kind == Kind::Value && m_value.isDouble(); }
    // A number written without fraction or exponent (Json.NET's Int64), or, for a number that
    // was not read from text, one that QJsonValue holds as an integer.
    bool isInteger() const;

    // The leaf as a QJsonValue; for an object or an array, the converted QJsonObject/QJsonArray.
    QJsonValue toJsonValue() const;
    QString toString() const { return m_value.toString(); }
    bool toBool(bool defaultValue = false) const { return m_value.toBool(defaultValue); }
    qint64 toInteger(qint64 defaultValue = 0) const { return m_value.toInteger(defaultValue); }
    double toDouble(double defaultValue = 0) const { return m_value.toDouble(defaultValue); }

    // Object members. value() of a missing key (or on a non-object) is an undefined leaf,
    // which isNull() does not report: use contains() to tell "absent" from "null".
    int size() const { return static_cast<int>(m_children.size()); }
    bool isEmpty() const { return m_children.empty(); }
    bool contains(const QString& key) const { return indexOf(key) >= 0; }
    bool isUndefined() const { return m_kind == Kind::Value && m_value.isUndefined(); }
    QStringList keys() const { return m_keys; }
    OrderedJson value(const QString& key) const;
    OrderedJson& insert(const QString& key, const OrderedJson& value);
    void remove(const QString& key);

    // Array elements.
    OrderedJson at(int index) const;
    OrderedJson& append(const OrderedJson& value);

    // Compact JSON text.
    QByteArray toJson() const;

    // Same structure, same keys in the same order, same leaf values (number text ignored).
    friend bool operator==(const OrderedJson& a, const OrderedJson& b);

private:
    class Parser;

    int indexOf(const QString& key) const;
    void write(QByteArray& out) const;
    static void writeLeaf(QByteArray& out, const QJsonValue& value);

    Kind m_kind = Kind::Value;
    QJsonValue m_value; // leaves only
    QByteArray m_numberText; // the number as read from text, empty otherwise
    QStringList m_keys; // objects only, parallel to m_children
    std::vector<OrderedJson> m_children; // object member values or array elements
};

} // namespace WebJobs
