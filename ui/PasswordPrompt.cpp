#include "ui/PasswordPrompt.h"

#include <QCoreApplication>
#include <QInputDialog>
#include <QLineEdit>

namespace WebJobs {

namespace {

bool g_hasNextAnswer = false;
std::optional<QString> g_nextAnswer;
int g_shownCount = 0;
QString g_lastText;

} // namespace

std::optional<QString> PasswordPrompt::ask(QWidget* parent, const QString& connectionName, const QString& reason)
{
    QString text = QCoreApplication::translate("WebJobs::PasswordPrompt", "Password for %1:").arg(connectionName);
    if (!reason.isEmpty())
        text = reason + u"\n\n" + text;
    g_lastText = text;
    ++g_shownCount;
    if (g_hasNextAnswer) {
        g_hasNextAnswer = false;
        return std::exchange(g_nextAnswer, std::nullopt);
    }
    bool ok = false;
    const QString password = QInputDialog::getText(parent,
        QCoreApplication::translate("WebJobs::PasswordPrompt", "Connect to %1").arg(connectionName), text,
        QLineEdit::Password, {}, &ok);
    if (!ok)
        return std::nullopt;
    return password;
}

void PasswordPrompt::setNextAnswer(std::optional<QString> answer)
{
    g_hasNextAnswer = true;
    g_nextAnswer = std::move(answer);
}

int PasswordPrompt::shownCount()
{
    return g_shownCount;
}

QString PasswordPrompt::lastText()
{
    return g_lastText;
}

} // namespace WebJobs
