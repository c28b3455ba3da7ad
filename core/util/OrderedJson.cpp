#include "core/util/OrderedJson.h"

#include <QCborValue>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace WebJobs {

// Builds the ordered tree from text that QJsonDocument has already accepted, so it only needs
// to follow the structure: every error was reported by QJsonDocument.
class OrderedJson::Parser
{
public:
    explicit Parser(const QByteArray& text)
        : m_text(text)
    { }

    OrderedJson parseValue()
    {
        skipSpace();
        if (atEnd())
            return {};
        const char c = m_text.at(m_pos);
        if (c == '{')
            return parseObject();
        if (c == '[')
            return parseArray();
        if (c == '"')
            return OrderedJson(parseString());
        if (c == 't' || c == 'f' || c == 'n')
            return parseLiteral();
        return parseNumber();
    }

private:
    bool atEnd() const { return m_pos >= m_text.size(); }

    void skipSpace()
    {
        while (!atEnd()) {
            const char c = m_text.at(m_pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
                return;
            ++m_pos;
        }
    }

    OrderedJson parseObject()
    {
        OrderedJson result = OrderedJson::object();
        ++m_pos; // '{'
        skipSpace();
        if (!atEnd() && m_text.at(m_pos) == '}') {
            ++m_pos;
            return result;
        }
        while (!atEnd()) {
            skipSpace();
            const QString key = parseString();
            skipSpace();
            ++m_pos; // ':'
            result.insert(key, parseValue());
            skipSpace();
            if (atEnd() || m_text.at(m_pos++) == '}')
                break;
        }
        return result;
    }

    OrderedJson parseArray()
    {
        OrderedJson result = OrderedJson::array();
        ++m_pos; // '['
        skipSpace();
        if (!atEnd() && m_text.at(m_pos) == ']') {
            ++m_pos;
            return result;
        }
        while (!atEnd()) {
            result.append(parseValue());
            skipSpace();
            if (atEnd() || m_text.at(m_pos++) == ']')
                break;
        }
        return result;
    }

    QString parseString()
    {
        QString result;
        ++m_pos; // opening quote
        qsizetype runStart = m_pos;
        auto flushRun = [&] {
            if (m_pos > runStart)
                result += QString::fromUtf8(m_text.constData() + runStart, m_pos - runStart);
        };
        while (!atEnd()) {
            const char c = m_text.at(m_pos);
            if (c == '"') {
                flushRun();
                ++m_pos;
                return result;
            }
            if (c != '\\') {
                ++m_pos;
                continue;
            }
            flushRun();
            ++m_pos;
            if (atEnd())
                break;
            const char escape = m_text.at(m_pos++);
            switch (escape) {
            case 'b':
                result += QChar(u'\b');
                break;
            case 'f':
                result += QChar(u'\f');
                break;
            case 'n':
                result += QChar(u'\n');
                break;
            case 'r':
                result += QChar(u'\r');
                break;
            case 't':
                result += QChar(u'\t');
                break;
            case 'u': {
                bool ok = false;
                const ushort unit = m_text.mid(m_pos, 4).toUShort(&ok, 16);
                m_pos += 4;
                // Surrogate halves arrive as two escapes and pair up in the UTF-16 string.
                result += QChar(unit);
                break;
            }
            default: // '"', '\\', '/'
                result += QLatin1Char(escape);
                break;
            }
            runStart = m_pos;
        }
        flushRun();
        return result;
    }

    OrderedJson parseLiteral()
    {
        const char c = m_text.at(m_pos);
        if (c == 't') {
            m_pos += 4;
            return OrderedJson(true);
        }
        if (c == 'f') {
            m_pos += 5;
            return OrderedJson(false);
        }
        m_pos += 4;
        return OrderedJson(QJsonValue(QJsonValue::Null));
    }

    OrderedJson parseNumber()
    {
        const qsizetype start = m_pos;
        while (!atEnd()) {
            const char c = m_text.at(m_pos);
            if (!((c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E'))
                break;
            ++m_pos;
        }
        const QByteArray text = m_text.mid(start, m_pos - start);
        OrderedJson result;
        bool integral = !text.contains('.') && !text.contains('e') && !text.contains('E');
        bool ok = false;
        if (integral) {
            const qint64 value = text.toLongLong(&ok);
            if (ok)
                result.m_value = QJsonValue(value);
        }
        if (!ok)
            result.m_value = QJsonValue(text.toDouble());
        result.m_numberText = text;
        return result;
    }

    const QByteArray& m_text;
    qsizetype m_pos = 0;
};

OrderedJson::OrderedJson(const QJsonValue& value)
{
    if (value.isObject()) {
        m_kind = Kind::Object;
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            m_keys.append(it.key());
            m_children.emplace_back(it.value());
        }
    } else if (value.isArray()) {
        m_kind = Kind::Array;
        const QJsonArray array = value.toArray();
        for (const QJsonValue& element : array)
            m_children.emplace_back(element);
    } else {
        m_value = value;
    }
}

OrderedJson::OrderedJson(const QString& text)
    : m_value(text)
{ }

OrderedJson::OrderedJson(bool value)
    : m_value(value)
{ }

OrderedJson::OrderedJson(int value)
    : m_value(value)
{ }

OrderedJson::OrderedJson(qint64 value)
    : m_value(value)
{ }

OrderedJson::OrderedJson(double value)
    : m_value(value)
{ }

OrderedJson OrderedJson::object()
{
    OrderedJson result;
    result.m_kind = Kind::Object;
    return result;
}

OrderedJson OrderedJson::array()
{
    OrderedJson result;
    result.m_kind = Kind::Array;
    return result;
}

std::optional<OrderedJson> OrderedJson::parse(const QByteArray& json, QString* errorMessage, int* errorOffset)
{
    QByteArray text = json;
    if (text.startsWith("\xEF\xBB\xBF"))
        text.remove(0, 3);

    // QJsonDocument checks the syntax (it only takes an object or an array at the top level,
    // so a lone scalar is checked as the single element of an array).
    QJsonParseError error;
    QJsonDocument::fromJson(text, &error);
    if (error.error != QJsonParseError::NoError) {
        QJsonParseError scalarError;
        const QJsonDocument wrapped = QJsonDocument::fromJson('[' + text + ']', &scalarError);
        const QByteArray trimmed = text.trimmed();
        const bool isScalar = scalarError.error == QJsonParseError::NoError && wrapped.array().size() == 1
            && !trimmed.isEmpty() && trimmed.front() != '[' && trimmed.front() != '{';
        if (!isScalar) {
            if (errorMessage)
                *errorMessage = error.errorString();
            if (errorOffset)
                *errorOffset = error.offset + (json.size() - text.size());
            return std::nullopt;
        }
    }
    return Parser(text).parseValue();
}

bool OrderedJson::isInteger() const
{
    if (!isNumber())
        return false;
    if (!m_numberText.isEmpty())
        return !m_numberText.contains('.') && !m_numberText.contains('e') && !m_numberText.contains('E')
            && QCborValue::fromJsonValue(m_value).isInteger();
    return QCborValue::fromJsonValue(m_value).isInteger();
}

QJsonValue OrderedJson::toJsonValue() const
{
    switch (m_kind) {
    case Kind::Object: {
        QJsonObject object;
        for (size_t i = 0; i < m_children.size(); ++i)
            object.insert(m_keys.at(static_cast<qsizetype>(i)), m_children[i].toJsonValue());
        return object;
    }
    case Kind::Array: {
        QJsonArray array;
        for (const OrderedJson& child : m_children)
            array.append(child.toJsonValue());
        return array;
    }
    case Kind::Value:
        break;
    }
    return m_value;
}

int OrderedJson::indexOf(const QString& key) const
{
    if (m_kind != Kind::Object)
        return -1;
    return static_cast<int>(m_keys.indexOf(key));
}

OrderedJson OrderedJson::value(const QString& key) const
{
    const int index = indexOf(key);
    if (index < 0)
        return OrderedJson(QJsonValue(QJsonValue::Undefined));
    return m_children[static_cast<size_t>(index)];
}

OrderedJson& OrderedJson::insert(const QString& key, const OrderedJson& value)
{
    Q_ASSERT(m_kind == Kind::Object);
    const int index = indexOf(key);
    if (index >= 0) {
        m_children[static_cast<size_t>(index)] = value;
    } else {
        m_keys.append(key);
        m_children.push_back(value);
    }
    return *this;
}

void OrderedJson::remove(const QString& key)
{
    const int index = indexOf(key);
    if (index < 0)
        return;
    m_keys.removeAt(index);
    m_children.erase(m_children.begin() + index);
}

OrderedJson OrderedJson::at(int index) const
{
    if (m_kind != Kind::Array || index < 0 || index >= size())
        return OrderedJson(QJsonValue(QJsonValue::Undefined));
    return m_children[static_cast<size_t>(index)];
}

OrderedJson& OrderedJson::append(const OrderedJson& value)
{
    Q_ASSERT(m_kind == Kind::Array);
    m_children.push_back(value);
    return *this;
}

QByteArray OrderedJson::toJson() const
{
    QByteArray out;
    write(out);
    return out;
}

void OrderedJson::write(QByteArray& out) const
{
    switch (m_kind) {
    case Kind::Object:
        out += '{';
        for (size_t i = 0; i < m_children.size(); ++i) {
            if (i > 0)
                out += ',';
            writeLeaf(out, m_keys.at(static_cast<qsizetype>(i)));
            out += ':';
            m_children[i].write(out);
        }
        out += '}';
        return;
    case Kind::Array:
        out += '[';
        for (size_t i = 0; i < m_children.size(); ++i) {
            if (i > 0)
                out += ',';
            m_children[i].write(out);
        }
        out += ']';
        return;
    case Kind::Value:
        break;
    }
    if (!m_numberText.isEmpty())
        out += m_numberText;
    else
        writeLeaf(out, m_value);
}

void OrderedJson::writeLeaf(QByteArray& out, const QJsonValue& value)
{
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        out += "null";
        return;
    case QJsonValue::Bool:
        out += value.toBool() ? "true" : "false";
        return;
    case QJsonValue::String: {
        // Most strings need no escaping: write them directly and leave the rest to QJsonDocument.
        const QString text = value.toString();
        const bool plain = std::all_of(text.begin(), text.end(),
            [](QChar c) { return c.unicode() >= 0x20 && c != u'"' && c != u'\\' && !c.isSurrogate(); });
        if (plain) {
            out += '"';
            out += text.toUtf8();
            out += '"';
            return;
        }
        break;
    }
    default:
        break;
    }
    const QByteArray wrapped = QJsonDocument(QJsonArray {value}).toJson(QJsonDocument::Compact);
    out += QByteArrayView(wrapped).sliced(1, wrapped.size() - 2);
}

bool operator==(const OrderedJson& a, const OrderedJson& b)
{
    if (a.m_kind != b.m_kind)
        return false;
    if (a.m_kind == OrderedJson::Kind::Value)
        return a.m_value == b.m_value;
    return a.m_keys == b.m_keys && a.m_children == b.m_children;
}

} // namespace WebJobs
