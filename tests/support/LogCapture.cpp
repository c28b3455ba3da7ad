#include "LogCapture.h"

namespace WebJobs::Test {

namespace {
LogCapture* s_current = nullptr;
} // namespace

LogCapture::LogCapture(const char* category)
    : m_category(category)
{
    Q_ASSERT(!s_current);
    s_current = this;
    m_previous = qInstallMessageHandler(&LogCapture::handler);
}

LogCapture::~LogCapture()
{
    qInstallMessageHandler(m_previous);
    s_current = nullptr;
}

void LogCapture::handler(QtMsgType type, const QMessageLogContext& context, const QString& message)
{
    LogCapture* capture = s_current;
    if (capture && context.category && capture->m_category == context.category)
        capture->m_messages.append({type, message});
    // Passed on in any case: the test's output shows what the agent would log.
    if (capture && capture->m_previous)
        capture->m_previous(type, context, message);
}

QStringList LogCapture::texts(QtMsgType type) const
{
    QStringList result;
    for (const Message& message : m_messages) {
        if (message.type == type)
            result.append(message.text);
    }
    return result;
}

QStringList LogCapture::containing(QtMsgType type, const QString& part) const
{
    QStringList result;
    for (const Message& message : m_messages) {
        if (message.type == type && message.text.contains(part))
            result.append(message.text);
    }
    return result;
}

} // namespace WebJobs::Test
