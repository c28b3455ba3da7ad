#include "core/util/ContentDisposition.h"

#include <QRegularExpression>
#include <QStringDecoder>

using namespace Qt::StringLiterals;

namespace WebJobs::ContentDisposition {

namespace {

// Splits `value` at ';' outside quoted strings.
QList<QByteArray> splitParameters(const QByteArray& value)
{
    QList<QByteArray> parts;
    QByteArray current;
    bool quoted = false;
    for (qsizetype i = 0; i < value.size(); ++i) {
        const char c = value.at(i);
        if (quoted && c == '\\' && i + 1 < value.size()) {
            current += c;
            current += value.at(++i);
            continue;
        }
        if (c == '"')
            quoted = !quoted;
        if (c == ';' && !quoted) {
            parts.append(current.trimmed());
            current.clear();
            continue;
        }
        current += c;
    }
    parts.append(current.trimmed());
    return parts;
}

QByteArray unquote(const QByteArray& value)
{
    if (value.size() < 2 || !value.startsWith('"') || !value.endsWith('"'))
        return value;
    QByteArray result;
    for (qsizetype i = 1; i < value.size() - 1; ++i) {
        const char c = value.at(i);
        if (c == '\\' && i + 1 < value.size() - 1)
            result += value.at(++i);
        else
            result += c;
    }
    return result;
}

std::optional<QString> decodeWord(const QString& charset, QChar encoding, const QString& text)
{
    QByteArray bytes;
    if (encoding.toUpper() == u'B') {
        const auto decoded = QByteArray::fromBase64Encoding(text.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
        if (!decoded)
            return std::nullopt;
        bytes = decoded.decoded;
    } else {
        QByteArray latin = text.toLatin1();
        latin.replace('_', ' ');
        bytes = QByteArray::fromPercentEncoding(latin, '=');
    }
    QStringDecoder decoder(charset.toLatin1().constData());
    if (!decoder.isValid())
        return std::nullopt;
    QString result = decoder(bytes);
    if (decoder.hasError())
        return std::nullopt;
    return result;
}

} // namespace

QString decodeEncodedWords(const QString& text)
{
    static const QRegularExpression word(u"=\\?([^?\\s]+)\\?([BbQq])\\?([^?\\s]*)\\?="_s);
    QString result;
    qsizetype position = 0;
    bool previousWasWord = false;
    QRegularExpressionMatchIterator it = word.globalMatch(text);
    while (it.hasNext()) {
        const QRegularExpressionMatch match = it.next();
        const QString between = text.mid(position, match.capturedStart() - position);
        const std::optional<QString> decoded
            = decodeWord(match.captured(1), match.captured(2).at(0), match.captured(3));
        // Whitespace between two encoded words is not part of the text (RFC 2047 §6.2).
        if (!(previousWasWord && decoded && between.trimmed().isEmpty()))
            result += between;
        result += decoded ? *decoded : match.captured(0);
        previousWasWord = decoded.has_value();
        position = match.capturedEnd();
    }
    result += text.mid(position);
    return result;
}

QString fileName(const QByteArray& headerValue)
{
    const QList<QByteArray> parts = splitParameters(headerValue);
    for (qsizetype i = 1; i < parts.size(); ++i) {
        const QByteArray& part = parts.at(i);
        const qsizetype equals = part.indexOf('=');
        if (equals < 0)
            continue;
        if (part.left(equals).trimmed().compare("filename", Qt::CaseInsensitive) != 0)
            continue;
        QString name = decodeEncodedWords(QString::fromUtf8(unquote(part.mid(equals + 1).trimmed())));
        // Kudu: Trim('"'), then Path.GetFileName.
        while (name.startsWith(u'"'))
            name.remove(0, 1);
        while (name.endsWith(u'"'))
            name.chop(1);
        const qsizetype slash = std::max(name.lastIndexOf(u'/'), name.lastIndexOf(u'\\'));
        if (slash >= 0)
            name = name.mid(slash + 1);
        return name;
    }
    return {};
}

} // namespace WebJobs::ContentDisposition
