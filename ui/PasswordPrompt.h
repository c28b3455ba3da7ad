#pragma once

// Asks for a connection's password (a QInputDialog in password mode), which tests answer ahead
// of time like MessageBox: setNextAnswer() makes the next prompt return that answer (std::nullopt:
// cancelled) without showing.

#include <QString>

#include <optional>

class QWidget;

namespace WebJobs {

class PasswordPrompt
{
public:
    // The password typed, or std::nullopt when the user cancelled.
    static std::optional<QString> ask(QWidget* parent, const QString& connectionName, const QString& reason);

    static void setNextAnswer(std::optional<QString> answer);
    static int shownCount();
    static QString lastText();
};

} // namespace WebJobs
