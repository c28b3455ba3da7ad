#pragma once

// Loading the user's language for both programs: our catalogue (built into webjobs_util under
// :/i18n) and Qt's own (qtbase_xx, so that standard buttons and dialogs speak it too).

#include <QLocale>
#include <QString>

class QCoreApplication;

namespace WebJobs::Translations {

// The languages the product ships, as ISO 639-1 codes ("en", "fr").
QStringList availableLanguages();

// The language to use: `preferred` when it is available ("" = follow the system locale),
// else the first available of the system's UI languages, else English.
QString chooseLanguage(const QString& preferred = {});

// Installs our catalogue and Qt's for `language` on the application (translators are parented
// to it) and sets the default QLocale accordingly. Logs a warning naming any catalogue that
// could not be loaded. Returns false when our own catalogue was missing.
bool install(QCoreApplication* app, const QString& language);

} // namespace WebJobs::Translations
