#include "app/agent/ScheduleCommand.h"

#include "core/schedule/CronExpression.h"
#include "core/schedule/Recurrence.h"
#include "core/schedule/ZonedTime.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace WebJobs::ScheduleCommand {

namespace {

constexpr int defaultCount = 10;
constexpr int maximumCount = 100000;
constexpr int invalidInput = 2;

int fail(const QString& sentence)
{
    QTextStream(stderr) << sentence << Qt::endl;
    return invalidInput;
}

QString formatInstant(const QDateTime& instant)
{
    return instant.toUTC().toString(u"yyyy-MM-ddTHH:mm:ss'Z'"_s);
}

// An ISO-8601 instant; text without an offset is read as UTC.
QDateTime parseInstant(const QString& text)
{
    QDateTime value = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!value.isValid())
        value = QDateTime::fromString(text, Qt::ISODate);
    if (!value.isValid())
        return {};
    if (value.timeSpec() == Qt::LocalTime)
        value = QDateTime(value.date(), value.time(), QTimeZone::utc());
    return value.toUTC();
}

bool readFile(const QString& path, QByteArray* contents)
{
    QFile file;
    const bool opened = path == u"-" ? file.open(stdin, QIODevice::ReadOnly)
                                     : (file.setFileName(path), file.open(QIODevice::ReadOnly));
    if (!opened)
        return false;
    *contents = file.readAll();
    return true;
}

} // namespace

int run(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
        "ScheduleCommand", "Prints the next occurrences of a schedule, one per line, in UTC."));
    parser.addHelpOption();
    const QCommandLineOption recurrenceOption(u"recurrence"_s,
        QCoreApplication::translate("ScheduleCommand",
            "Reads the recurrence (the schedule wizard's job JSON) from FILE; - reads standard input."),
        u"FILE"_s);
    const QCommandLineOption cronOption(u"cron"_s,
        QCoreApplication::translate(
            "ScheduleCommand", "Uses a six-field NCRONTAB expression (second minute hour day month day-of-week)."),
        u"EXPR"_s);
    const QCommandLineOption nowOption(u"now"_s,
        QCoreApplication::translate("ScheduleCommand",
            "The reference instant (ISO 8601; UTC when it has no offset), also the job's creation time."),
        u"T"_s);
    const QCommandLineOption countOption(u"count"_s,
        QCoreApplication::translate("ScheduleCommand", "How many occurrences to print (default 10)."), u"N"_s);
    const QCommandLineOption zoneOption(u"time-zone"_s,
        QCoreApplication::translate("ScheduleCommand", "The IANA time zone the schedule is written in (default UTC)."),
        u"ZONE"_s);
    parser.addOptions({recurrenceOption, cronOption, nowOption, countOption, zoneOption});

    if (!parser.parse(arguments))
        return fail(parser.errorText());
    if (parser.isSet(u"help"_s)) {
        QTextStream(stdout) << parser.helpText();
        return 0;
    }
    if (!parser.positionalArguments().isEmpty())
        return fail(QCoreApplication::translate(
            "ScheduleCommand", "Unexpected argument \"%1\": the schedule command takes only options (see --help).")
                        .arg(parser.positionalArguments().constFirst()));
    if (parser.isSet(recurrenceOption) == parser.isSet(cronOption))
        return fail(QCoreApplication::translate(
            "ScheduleCommand", "Give either --recurrence FILE or --cron \"EXPR\", not both and not neither."));
    if (!parser.isSet(nowOption))
        return fail(QCoreApplication::translate(
            "ScheduleCommand", "Give the reference instant with --now, for example --now 2024-05-06T09:30:00Z."));

    const QDateTime now = parseInstant(parser.value(nowOption));
    if (!now.isValid())
        return fail(QCoreApplication::translate(
            "ScheduleCommand", "--now \"%1\" is not an ISO 8601 date and time; write it like 2024-05-06T09:30:00Z.")
                        .arg(parser.value(nowOption)));

    int count = defaultCount;
    if (parser.isSet(countOption)) {
        bool ok = false;
        count = parser.value(countOption).toInt(&ok);
        if (!ok || count < 1 || count > maximumCount)
            return fail(QCoreApplication::translate(
                "ScheduleCommand", "--count must be a whole number from 1 to %1; \"%2\" is not.")
                            .arg(maximumCount)
                            .arg(parser.value(countOption)));
    }

    QTimeZone zone = QTimeZone::utc();
    if (parser.isSet(zoneOption)) {
        zone = ZonedTime::zoneFromName(parser.value(zoneOption));
        if (!zone.isValid())
            return fail(QCoreApplication::translate("ScheduleCommand",
                "Unknown time zone \"%1\": use an IANA name such as Europe/Paris or America/New_York.")
                            .arg(parser.value(zoneOption)));
    }

    QList<QDateTime> occurrences;
    if (parser.isSet(cronOption)) {
        QString error;
        const CronExpression cron = CronExpression::parse(parser.value(cronOption), &error);
        if (!cron.isValid())
            return fail(error);
        occurrences = cron.occurrences(now, count, zone);
    } else {
        const QString path = parser.value(recurrenceOption);
        QByteArray contents;
        if (!readFile(path, &contents))
            return fail(QCoreApplication::translate(
                "ScheduleCommand", "Cannot read the recurrence file \"%1\": check that it exists and is readable.")
                            .arg(path));
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(contents, &parseError);
        if (parseError.error != QJsonParseError::NoError)
            return fail(QCoreApplication::translate(
                "ScheduleCommand", "The recurrence file is not valid JSON (%1 at offset %2).")
                            .arg(parseError.errorString())
                            .arg(parseError.offset));
        if (!document.isObject())
            return fail(QCoreApplication::translate("ScheduleCommand",
                "The recurrence file must hold a JSON object such as {\"recurrence\": {\"frequency\": "
                "\"day\", \"interval\": 1}}."));
        QString error;
        std::optional<Recurrence> recurrence = Recurrence::fromJson(document.object(), &error);
        if (!recurrence)
            return fail(error);
        recurrence->setTimeZone(zone);
        error = recurrence->checkStructure();
        if (error.isEmpty())
            error = recurrence->validate(now);
        if (!error.isEmpty())
            return fail(error);
        occurrences = recurrence->runs(now, count);
    }

    QTextStream out(stdout);
    for (const QDateTime& occurrence : std::as_const(occurrences))
        out << formatInstant(occurrence) << '\n';
    return 0;
}

} // namespace WebJobs::ScheduleCommand
