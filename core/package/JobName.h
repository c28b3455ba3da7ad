#pragma once

// The rule a job name must follow, checked before a job folder is created.
//
// Kudu itself accepts any folder name; the portal only offers names that start with a letter
// or a digit and go on with letters, digits, '-' and '_' (ASCII only). We apply that rule
// everywhere a name enters the product (console, agent API), and cap the length so that the
// name fits in file names, URLs and database keys.
//
// Pure functions, safe from any thread.

#include <QCoreApplication>
#include <QString>

namespace WebJobs {

class JobName
{
    Q_DECLARE_TR_FUNCTIONS(JobName)

public:
    static constexpr int MaxLength = 64;

    // Empty when `name` is a valid job name; otherwise one translated sentence that states
    // the rule (and, for an empty or too long name, what is wrong).
    static QString validate(const QString& name);
    static bool isValid(const QString& name) { return validate(name).isEmpty(); }
};

} // namespace WebJobs
