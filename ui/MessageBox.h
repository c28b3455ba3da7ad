#pragma once

// The console's message boxes, which tests answer ahead of time (KeePassXC's MessageBox):
// setNextAnswer() makes the next box return that button without showing, and in test mode
// every box returns its default button at once. lastText() keeps the text of the last box.

#include <QMessageBox>

namespace WebJobs {

class MessageBox
{
public:
    static QMessageBox::StandardButton question(QWidget* parent, const QString& title, const QString& text,
        QMessageBox::StandardButtons buttons = QMessageBox::Yes | QMessageBox::No,
        QMessageBox::StandardButton defaultButton = QMessageBox::No);
    static void warning(QWidget* parent, const QString& title, const QString& text);
    static void information(QWidget* parent, const QString& title, const QString& text);
    // An about box (rich text) with the parent window's icon.
    static void about(QWidget* parent, const QString& title, const QString& text);

    static void setNextAnswer(QMessageBox::StandardButton button);
    static void setTestMode(bool on);
    static QString lastText();
    static int shownCount();

private:
    static QMessageBox::StandardButton show(QWidget* parent, QMessageBox::Icon icon, const QString& title,
        const QString& text, QMessageBox::StandardButtons buttons, QMessageBox::StandardButton defaultButton);
};

} // namespace WebJobs
