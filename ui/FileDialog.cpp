#include "ui/FileDialog.h"

#include <QFileDialog>

#include <optional>

namespace WebJobs {

namespace {

std::optional<QString> g_nextFileName;

} // namespace

bool FileDialog::takeNext(QString* path)
{
    if (!g_nextFileName)
        return false;
    *path = *g_nextFileName;
    g_nextFileName.reset();
    return true;
}

QString FileDialog::getOpenFileName(
    QWidget* parent, const QString& caption, const QString& directory, const QString& filter)
{
    QString path;
    if (takeNext(&path))
        return path;
    return QFileDialog::getOpenFileName(parent, caption, directory, filter);
}

QString FileDialog::getSaveFileName(
    QWidget* parent, const QString& caption, const QString& directory, const QString& filter)
{
    QString path;
    if (takeNext(&path))
        return path;
    return QFileDialog::getSaveFileName(parent, caption, directory, filter);
}

void FileDialog::setNextFileName(const QString& path)
{
    g_nextFileName = path;
}

} // namespace WebJobs
