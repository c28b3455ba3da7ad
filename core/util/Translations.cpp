#include "core/util/Translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLoggingCategory>
#include <QTranslator>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcTranslations, "webjobs.i18n")

namespace WebJobs::Translations {

QStringList availableLanguages()
{
    return {u"en"_s, u"fr"_s};
}

QString chooseLanguage(const QString& preferred)
{
    const QStringList available = availableLanguages();
    if (!preferred.isEmpty() && available.contains(preferred))
        return preferred;
    const QStringList uiLanguages = QLocale::system().uiLanguages();
    for (const QString& name : uiLanguages) {
        const QString code = QLocale(name).name().section(u'_', 0, 0);
        if (available.contains(code))
            return code;
    }
    return u"en"_s;
}

bool install(QCoreApplication* app, const QString& language)
{
    const QLocale locale(language);
    QLocale::setDefault(locale);

    auto* own = new QTranslator(app);
    const bool ownLoaded = own->load(u":/i18n/webjobs_"_s + language);
    if (ownLoaded)
        QCoreApplication::installTranslator(own);
    else
        qCWarning(lcTranslations) << "The" << language << "catalogue of WebJobs Console is missing";

    if (language != u"en") {
        auto* qt = new QTranslator(app);
        const QString qtDir = QLibraryInfo::path(QLibraryInfo::TranslationsPath);
        if (qt->load(locale, u"qtbase"_s, u"_"_s, qtDir))
            QCoreApplication::installTranslator(qt);
        else
            qCWarning(lcTranslations) << "Qt's own" << language << "catalogue (qtbase) was not found in" << qtDir
                                      << "- install the qt6-translations-l10n package";
    }
    return ownLoaded;
}

} // namespace WebJobs::Translations
