#include "GuiFixture.h"

#include "tests/support/ZipBuilder.h"

#include <QFile>
#include <QSignalSpy>
#include <QTest>
#include <QTranslator>

using namespace Qt::StringLiterals;

namespace WebJobs::Test {

void GuiFixture::installCatalogue(const QString& language)
{
    auto* catalogue = new QTranslator(qApp);
    if (!catalogue->load(u":/i18n/webjobs_"_s + language))
        qFatal("the built-in webjobs_%s catalogue is missing", qPrintable(language));
    QCoreApplication::installTranslator(catalogue);
}

GuiFixture::GuiFixture() = default;

GuiFixture::~GuiFixture() = default;

HostOptions GuiFixture::defaultOptions()
{
    HostOptions options;
    options.minimumUptime = std::chrono::milliseconds(0);
    return options;
}

bool GuiFixture::start(HostOptions options)
{
    options.dataRoot = m_data.path();
    m_service = std::make_unique<LocalJobService>(options);
    return QTest::qWaitFor([this] { return m_service->state() != JobService::State::Connecting; }, 30000)
        && m_service->state() == JobService::State::Ready;
}

void GuiFixture::stop()
{
    m_service.reset();
}

QString GuiFixture::writeFile(const QString& fileName, const QByteArray& content)
{
    const QString path = m_files.filePath(fileName);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(content) != content.size())
        return {};
    return path;
}

QString GuiFixture::makeZip(const QString& zipName, const QMap<QString, QByteArray>& files)
{
    QList<ZipEntry> entries;
    for (auto it = files.cbegin(); it != files.cend(); ++it)
        entries.append(ZipEntry::file(it.key(), it.value(), it.key().endsWith(u".sh"_s) ? 0755 : 0644));
    const QString zipPath = m_files.filePath(zipName);
    return writeZip(zipPath, entries) ? zipPath : QString();
}

bool GuiFixture::addScript(JobType type, const QString& name, const QByteArray& script, const JobSettings& settings)
{
    const QString path = writeFile(name + u".sh"_s, script);
    AddJobOperation* operation = m_service->addJob(type, name, path, false, settings);
    QSignalSpy finished(operation, &AddJobOperation::finished);
    if (!finished.wait(30000))
        return false;
    return finished.at(0).at(0).value<ServiceError>().ok();
}

QStringList GuiFixture::visibleWindows(const QWidget* except)
{
    QStringList names;
    for (QWidget* widget : QApplication::topLevelWidgets()) {
        if (widget != except && widget->isVisible() && widget->isWindow() && !widget->inherits("QMenu")
            && !widget->inherits("QTipLabel"))
            names.append(widget->objectName().isEmpty() ? QString::fromLatin1(widget->metaObject()->className())
                                                        : widget->objectName());
    }
    return names;
}

} // namespace WebJobs::Test
