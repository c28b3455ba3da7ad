#include "ui/MainWindow.h"

#include <QCloseEvent>
#include <QLabel>
#include <QSettings>
#include <QStatusBar>

using namespace Qt::StringLiterals;

namespace WebJobs {

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent)
{
    setObjectName(u"mainWindow"_s);
    setWindowTitle(tr("WebJobs Console"));
    setWindowIcon(QIcon(u":/icons/webjobs.svg"_s));

    auto* placeholder = new QLabel(tr("No WebJobs yet."), this);
    placeholder->setObjectName(u"emptyLabel"_s);
    placeholder->setAlignment(Qt::AlignCenter);
    setCentralWidget(placeholder);

    statusBar()->showMessage(tr("Local host"));
    restoreLayout();
}

MainWindow::~MainWindow() = default;

void MainWindow::closeEvent(QCloseEvent* event)
{
    saveLayout();
    event->accept();
}

void MainWindow::restoreLayout()
{
    QSettings settings;
    if (!restoreGeometry(settings.value(u"mainWindow/geometry"_s).toByteArray()))
        resize(1100, 700);
    restoreState(settings.value(u"mainWindow/state"_s).toByteArray());
}

void MainWindow::saveLayout() const
{
    QSettings settings;
    settings.setValue(u"mainWindow/geometry"_s, saveGeometry());
    settings.setValue(u"mainWindow/state"_s, saveState());
}

} // namespace WebJobs
