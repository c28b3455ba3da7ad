#pragma once

// Collects the messages of one logging category while it lives (the test's own message handler
// is put back when it goes), so that a test can show what an agent writes to its log. Messages of
// other categories go on to the previous handler. One at a time, in the thread that logs.

#include <QList>
#include <QString>
#include <QStringList>
#include <QtGlobal>

namespace WebJobs::Test {

class LogCapture
{
public:
    explicit LogCapture(const char* category);
    ~LogCapture();
    LogCapture(const LogCapture&) = delete;
    LogCapture& operator=(const LogCapture&) = delete;

    struct Message
    {
        QtMsgType type;
        QString text;
    };
    QList<Message> messages() const { return m_messages; }
    // The texts of the messages of `type`.
    QStringList texts(QtMsgType type) const;
    // The texts of the messages of `type` that contain `part`.
    QStringList containing(QtMsgType type, const QString& part) const;

private:
    static void handler(QtMsgType type, const QMessageLogContext& context, const QString& message);

    QByteArray m_category;
    QList<Message> m_messages;
    QtMessageHandler m_previous = nullptr;
};

} // namespace WebJobs::Test
