#include "core/package/JobName.h"

namespace WebJobs {

namespace {

bool isAsciiLetterOrDigit(QChar c)
{
    return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9');
}

} // namespace

QString JobName::validate(const QString& name)
{
    if (name.isEmpty())
        return tr("Enter a name for the job: it starts with a letter or a digit and contains only letters, digits, "
                  "'-' and '_'.");
    if (name.size() > MaxLength)
        return tr("The job name is %1 characters long: a job name has at most %2 characters.")
            .arg(name.size())
            .arg(MaxLength);
    bool valid = isAsciiLetterOrDigit(name.front());
    for (qsizetype i = 1; valid && i < name.size(); ++i) {
        const QChar c = name.at(i);
        valid = isAsciiLetterOrDigit(c) || c == u'-' || c == u'_';
    }
    if (!valid)
        return tr("\"%1\" is not a valid job name: a job name starts with a letter or a digit and contains only "
                  "letters (A to Z, without accents), digits, '-' and '_', at most %2 characters.")
            .arg(name)
            .arg(MaxLength);
    return {};
}

} // namespace WebJobs
