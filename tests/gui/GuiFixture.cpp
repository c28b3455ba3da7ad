#include "GuiFixture.h"

#include "tests/support/ZipBuilder.h"

#include <QFile>
#include <QSignalSpy>
#include <QTest>
#include <QTranslator>

using namespace Qt::StringLiterals;

namespace WebJobs::Test {

namespace {

// Strings from a pending TSV (context, source, translation; plural forms separated by " || ").
class PendingTranslator : public QTranslator
{
public:
    PendingTranslator(const QString& language, QObject* parent)
        : QTranslator(parent)
        , m_french(language == u"fr"_s)
    { }

    bool load(const QString& path)
    {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
            return false;
        while (!file.atEnd()) {
            const QStringList fields = QString::fromUtf8(file.readLine()).chopped(1).split(u'\t');
            if (fields.size() == 3)
                m_strings.insert(fields.at(0) + u'\x1f' + fields.at(1), fields.at(2).split(u" || "_s));
        }
        return !m_strings.isEmpty();
    }
    bool isEmpty() const override { return m_strings.isEmpty(); }
    QString translate(const char* context, const char* sourceText, const char*, int n) const override
    {
        const QStringList forms = m_strings.value(QString::fromUtf8(context) + u'\x1f' + QString::fromUtf8(sourceText));
        if (forms.isEmpty())
            return {};
        // English: one, other; French: zero and one, other.
        const bool singular = n < 0 || (m_french ? n <= 1 : n == 1);
        return forms.value(singular ? 0 : 1, forms.constFirst());
    }

private:
    bool m_french;
    QHash<QString, QStringList> m_strings;
};

} // namespace

void GuiFixture::installCatalogue(const QString& language)
{
    auto* catalogue = new QTranslator(qApp);
    // A string of the console with a plural form, present once the TSV files are merged.
    if (catalogue->load(u":/i18n/webjobs_"_s + language)
        && !catalogue->translate("WebJobs::MainWindow", "%n WebJob(s)", nullptr, 2).isEmpty()) {
        QCoreApplication::installTranslator(catalogue);
        return;
    }
    delete catalogue;
    // French strings are in pending/ itself; other languages' (English plural forms) in a folder
    // of their own, so that a merge of pending/*.tsv into the French catalogue never takes them.
    const QString file = language == u"fr"_s ? u"Console.tsv"_s : language + u"/Console.tsv"_s;
    qInfo("webjobs_%s lacks the console's strings yet: using translations/pending/%s", qPrintable(language),
        qPrintable(file));
    auto* pending = new PendingTranslator(language, qApp);
    if (!pending->load(QStringLiteral(WEBJOBS_SOURCE_DIR) + u"/translations/pending/"_s + file))
        qWarning("cannot read translations/pending/%s", qPrintable(file));
    QCoreApplication::installTranslator(pending);
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
