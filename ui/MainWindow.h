#pragma once

// The console's main window: the WebJobs blade.

#include <QMainWindow>

namespace WebJobs {

class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void restoreLayout();
    void saveLayout() const;
};

} // namespace WebJobs
