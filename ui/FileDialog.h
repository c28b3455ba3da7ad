#pragma once

// The console's file choosers, which tests answer ahead of time (KeePassXC's FileDialog):
// setNextFileName() makes the next chooser return that path without showing ("" = cancel).

#include <QString>

class QWidget;

namespace WebJobs {

class FileDialog
{
public:
    static QString getOpenFileName(
        QWidget* parent, const QString& caption, const QString& directory = {}, const QString& filter = {});
    static QString getSaveFileName(
        QWidget* parent, const QString& caption, const QString& directory = {}, const QString& filter = {});

    static void setNextFileName(const QString& path);

private:
    static bool takeNext(QString* path);
};

} // namespace WebJobs
