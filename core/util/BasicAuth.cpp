#include "core/util/BasicAuth.h"

namespace WebJobs {

BasicAuth::BasicAuth(const QString& user, const QString& password)
    : m_enabled(true)
    , m_user(user)
    , m_expected(user.toUtf8() + ':' + password.toUtf8())
{ }

bool BasicAuth::accepts(const QByteArray& authorization) const
{
    if (!m_enabled)
        return true;
    const QByteArray value = authorization.trimmed();
    const qsizetype space = value.indexOf(' ');
    if (space <= 0 || value.left(space).compare("Basic", Qt::CaseInsensitive) != 0)
        return false;
    const auto decoded
        = QByteArray::fromBase64Encoding(value.mid(space + 1).trimmed(), QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return false;
    const QByteArray& given = decoded.decoded;
    // Constant time over the expected length: only the length can leak.
    unsigned char difference = given.size() == m_expected.size() ? 0 : 1;
    for (qsizetype i = 0; i < m_expected.size(); ++i) {
        const char other = i < given.size() ? given.at(i) : '\0';
        difference |= static_cast<unsigned char>(m_expected.at(i) ^ other);
    }
    return difference == 0;
}

bool BasicAuth::isBasic(const QByteArray& authorization)
{
    const QByteArray value = authorization.trimmed();
    const qsizetype space = value.indexOf(' ');
    if (space <= 0 || value.left(space).compare("Basic", Qt::CaseInsensitive) != 0)
        return false;
    const auto decoded
        = QByteArray::fromBase64Encoding(value.mid(space + 1).trimmed(), QByteArray::AbortOnBase64DecodingErrors);
    return decoded && decoded.decoded.contains(':');
}

QByteArray BasicAuth::challenge()
{
    return QByteArrayLiteral("Basic realm=\"webjobs-agent\"");
}

QByteArray BasicAuth::headerValue(const QString& user, const QString& password)
{
    const QByteArray credentials = user.toUtf8() + ':' + password.toUtf8();
    return "Basic " + credentials.toBase64();
}

} // namespace WebJobs
