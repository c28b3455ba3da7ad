#include "app/cli/CliSession.h"

#include "app/cli/CliExitCode.h"
#include "app/cli/CliText.h"
#include "app/cli/FutureCallback.h"
#include "app/cli/LogFollower.h"
#include "core/model/JobSettings.h"
#include "core/schedule/Schedule.h"
#include "core/service/AddJobOperation.h"
#include "core/service/JobService.h"

#include <QFile>
#include <QFileInfo>
#include <QSet>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace WebJobs {

namespace {

bool looksLikeZip(const QString& path)
{
    if (path.endsWith(u".zip"_s, Qt::CaseInsensitive))
        return true;
    QFile file(path);
    return file.open(QIODevice::ReadOnly) && file.read(4) == QByteArrayLiteral("PK\x03\x04");
}

void writeAll(FILE* stream, const QByteArray& bytes)
{
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stream);
    std::fflush(stream);
}

QString settingValueText(const JobSettings& settings, const QString& key)
{
    const OrderedJson value = settings.toOrderedJson().value(key);
    // Text as it reads, anything else as JSON.
    return value.isString() ? value.toString() : QString::fromUtf8(value.toJson());
}

} // namespace

CliSession::CliSession(JobService* service, bool hostsJobs, const CliInvocation& invocation, QObject* parent)
    : QObject(parent)
    , m_service(service)
    , m_hostsJobs(hostsJobs)
    , m_options(invocation.options)
    , m_command(invocation.command)
{ }

CliSession::~CliSession() = default;

void CliSession::start()
{
    switch (m_command.kind) {
    case CliCommand::Kind::List:
        return list();
    case CliCommand::Kind::Show:
        return show();
    case CliCommand::Kind::Add:
        return add();
    case CliCommand::Kind::Delete:
        return remove();
    case CliCommand::Kind::Run:
        return run();
    case CliCommand::Kind::Start:
        return startOrStop(true);
    case CliCommand::Kind::Stop:
        return startOrStop(false);
    case CliCommand::Kind::History:
        return history();
    case CliCommand::Kind::Logs:
        return logs();
    case CliCommand::Kind::Settings:
        return settings();
    }
}

void CliSession::interrupt(int signal)
{
    if (m_finished)
        return;
    if (m_follower)
        m_follower->stop();
    finish(128 + signal);
}

// ---- output ----

void CliSession::print(const QString& text)
{
    writeAll(stdout, text.toUtf8());
}

void CliSession::printBytes(const QByteArray& bytes)
{
    writeAll(stdout, bytes);
}

void CliSession::printError(const QString& sentence)
{
    writeAll(stderr, sentence.toUtf8() + '\n');
}

void CliSession::fail(const ServiceError& error)
{
    fail(CliExitCode::Failure, error.message);
}

void CliSession::fail(int exitCode, const QString& sentence)
{
    printError(sentence);
    finish(exitCode);
}

void CliSession::finish(int exitCode)
{
    if (m_finished)
        return;
    m_finished = true;
    Q_EMIT finished(exitCode);
}

// ---- finding the job ----

void CliSession::withJob(std::function<void(const JobEntry&)> then, std::optional<JobType> only)
{
    const std::optional<JobType> wanted = m_command.type ? m_command.type : only;
    whenFinished(this, m_service->jobs(), [this, then, wanted, only](const QList<JobEntry>& entries) {
        QList<JobEntry> matches;
        bool otherType = false;
        for (const JobEntry& entry : entries) {
            if (entry.job.name() != m_command.name)
                continue;
            if (wanted && entry.job.type() != *wanted)
                otherType = true;
            else
                matches.append(entry);
        }
        const QString& name = m_command.name;
        if (matches.size() > 1)
            return fail(CliExitCode::BadInput,
                tr("A triggered and a continuous job are both named \"%1\": add --type triggered or --type "
                   "continuous.")
                    .arg(name));
        if (matches.isEmpty() && otherType && only && !m_command.type)
            return fail(CliExitCode::BadInput,
                *only == JobType::Triggered ? tr("\"%1\" is a continuous job: \"webjobs %2\" is for triggered jobs.")
                                                  .arg(name, CliCommandLine::commandName(m_command.kind))
                                            : tr("\"%1\" is a triggered job: \"webjobs %2\" is for continuous jobs.")
                                                  .arg(name, CliCommandLine::commandName(m_command.kind)));
        if (matches.isEmpty()) {
            if (wanted == JobType::Triggered)
                return fail(CliExitCode::Failure,
                    tr("There is no triggered job named \"%1\": \"webjobs list\" shows the jobs.").arg(name));
            if (wanted == JobType::Continuous)
                return fail(CliExitCode::Failure,
                    tr("There is no continuous job named \"%1\": \"webjobs list\" shows the jobs.").arg(name));
            return fail(
                CliExitCode::Failure, tr("There is no job named \"%1\": \"webjobs list\" shows the jobs.").arg(name));
        }
        then(matches.constFirst());
    });
}

// ---- list, show ----

void CliSession::list()
{
    whenFinished(this, m_service->jobs(), [this](const QList<JobEntry>& entries) {
        if (m_command.namesOnly) {
            QSet<QString> seen;
            QString text;
            for (const JobEntry& entry : entries) {
                if (!seen.contains(entry.job.name())) {
                    seen.insert(entry.job.name());
                    text += entry.job.name() + u'\n';
                }
            }
            print(text);
            return finish(CliExitCode::Success);
        }
        if (m_options.json) {
            QList<Job> jobs;
            for (const JobEntry& entry : entries)
                jobs.append(entry.job);
            printBytes(Job::listToJson(jobs) + '\n');
            return finish(CliExitCode::Success);
        }
        if (entries.isEmpty()) {
            print(tr("No jobs yet: add one with \"webjobs add NAME FILE\".") + u'\n');
            return finish(CliExitCode::Success);
        }
        QList<QStringList> rows;
        for (const JobEntry& entry : entries) {
            const Job& job = entry.job;
            const std::optional<JobRun> latest = job.latestRun();
            rows.append({job.name(), CliText::type(job.type()), CliText::jobStatus(job),
                latest ? CliText::dateTime(latest->startTime()) : QString(), CliText::dateTime(entry.nextRun),
                CliText::schedule(job)});
        }
        print(CliText::table(
            {tr("NAME"), tr("TYPE"), tr("STATUS"), tr("LAST RUN"), tr("NEXT RUN"), tr("SCHEDULE")}, rows));
        finish(CliExitCode::Success);
    });
}

void CliSession::show()
{
    withJob([this](const JobEntry& entry) {
        const Job& job = entry.job;
        if (m_options.json) {
            printBytes(job.toJson() + '\n');
            return finish(CliExitCode::Success);
        }
        QList<std::pair<QString, QString>> fields {
            {tr("Name"), job.name()},
            {tr("Type"), CliText::type(job.type())},
            {tr("Status"), CliText::jobStatus(job)},
            {tr("Script"), job.runCommand()},
        };
        if (job.isTriggered()) {
            const QString schedule = CliText::schedule(job);
            fields.append({tr("Schedule"), schedule.isEmpty() ? tr("none, runs on demand") : schedule});
            if (!entry.nextRun.isNull())
                fields.append({tr("Next run"), CliText::dateTime(entry.nextRun)});
            if (const std::optional<JobRun> run = job.latestRun()) {
                fields.append({tr("Latest run"),
                    tr("%1, %2, started %3, lasted %4")
                        .arg(run->id(), CliText::status(run->status()), CliText::dateTime(run->startTime()),
                            CliText::duration(run->duration()))});
            } else {
                fields.append({tr("Latest run"), tr("none yet")});
            }
        } else {
            fields.append({tr("Instances"), job.detailedStatus().split(u"\r\n"_s, Qt::SkipEmptyParts).join(u"; "_s)});
        }
        if (!job.error().isEmpty())
            fields.append({tr("Error"), job.error()});
        fields.append({tr("Settings"), QString::fromUtf8(job.settings().toJson())});
        print(CliText::fields(fields));
        finish(CliExitCode::Success);
    });
}

// ---- add, delete ----

void CliSession::add()
{
    const JobType type = m_command.type.value_or(JobType::Triggered);
    JobSettings settings;
    if (!m_command.schedule.isEmpty())
        settings.setSchedule(m_command.schedule);
    const QString path = QFileInfo(m_command.file).absoluteFilePath();
    AddJobOperation* operation = m_service->addJob(type, m_command.name, path, looksLikeZip(path), settings);
    connect(operation, &AddJobOperation::finished, this, [this, type](const ServiceError& error, const Job& job) {
        if (!error.ok())
            return fail(error);
        if (m_options.json)
            printBytes(job.toJson() + '\n');
        else if (type == JobType::Triggered)
            print(tr("Added the triggered job \"%1\"; it runs %2.").arg(job.name(), job.runCommand()) + u'\n');
        else
            print(tr("Added the continuous job \"%1\"; it runs %2.").arg(job.name(), job.runCommand()) + u'\n');
        finish(CliExitCode::Success);
    });
}

void CliSession::remove()
{
    withJob([this](const JobEntry& entry) {
        const JobType type = entry.job.type();
        whenFinished(this, m_service->deleteJob(type, entry.job.name()), [this, type](const ServiceReply& reply) {
            if (!reply.ok())
                return fail(reply.error);
            if (!m_options.json) {
                print((type == JobType::Triggered ? tr("Deleted the triggered job \"%1\".")
                                                  : tr("Deleted the continuous job \"%1\"."))
                          .arg(m_command.name)
                    + u'\n');
            }
            finish(CliExitCode::Success);
        });
    });
}

// ---- run ----

void CliSession::run()
{
    // A run on the local host lives in this process: leaving would abort it.
    const bool waitForEnd = m_command.wait || m_hostsJobs;
    if (waitForEnd)
        watchRuns();
    whenFinished(this, m_service->triggerRun(m_command.name, m_command.arguments),
        [this, waitForEnd](const ServiceReply& reply) {
            if (!reply.ok())
                return fail(reply.error);
            m_runId = reply.runId;
            if (!m_command.wait && !m_options.json)
                print(m_runId + u'\n');
            if (!waitForEnd) {
                if (!m_options.json)
                    return finish(CliExitCode::Success);
                whenFinished(
                    this, m_service->run(m_command.name, m_runId), [this](const std::optional<JobRun>& started) {
                        if (started)
                            printBytes(started->toJson() + '\n');
                        finish(CliExitCode::Success);
                    });
                return;
            }
            if (!m_command.wait) {
                printError(tr("The run lives in this program, which holds the local host: waiting for it to end (use "
                              "--wait to see its log)."));
            } else if (!m_options.json) {
                followLog(JobType::Triggered, m_runId, true);
            }
            checkRunEnded();
        });
}

void CliSession::watchRuns()
{
    if (m_watchingRuns)
        return;
    m_watchingRuns = true;
    // A server without a change feed (a Kudu site) reports runs only while it is watched.
    m_service->beginWatching();
    connect(m_service, &JobService::runFinished, this, &CliSession::noteRunEnded);
    connect(m_service, &JobService::jobsChanged, this, [this](const QList<JobEntry>& entries) {
        for (const JobEntry& entry : entries) {
            const std::optional<JobRun> latest = entry.job.latestRun();
            if (entry.job.isTriggered() && entry.job.name() == m_command.name && latest
                && isFinalRunStatus(latest->status()))
                noteRunEnded(*latest);
        }
    });
}

void CliSession::noteRunEnded(const JobRun& run)
{
    if (run.jobName() != m_command.name && !run.jobName().isEmpty())
        return;
    m_endedRuns.insert(run.id(), run);
    checkRunEnded();
}

void CliSession::checkRunEnded()
{
    if (m_ending || m_finished || m_runId.isEmpty() || !m_endedRuns.contains(m_runId))
        return;
    m_ending = true;
    const JobRun run = m_endedRuns.value(m_runId);
    if (!m_follower)
        return reportRunEnd(run);
    connect(m_follower, &LogFollower::drained, this, [this, run] { reportRunEnd(run); });
    m_follower->drainAndStop();
}

void CliSession::reportRunEnd(const JobRun& run)
{
    if (m_command.kind == CliCommand::Kind::Logs)
        return finish(CliExitCode::Success);
    if (m_options.json)
        printBytes(run.toJson() + '\n');
    if (!m_command.wait)
        return finish(CliExitCode::Success);
    if (!m_options.json) {
        const QString status = CliText::status(run.status());
        const QString duration = CliText::duration(run.duration());
        printError(run.exitCode()
                ? tr("Run %1 of \"%2\" ended: %3 after %4, exit code %5.")
                      .arg(run.id(), m_command.name, status, duration)
                      .arg(*run.exitCode())
                : tr("Run %1 of \"%2\" ended: %3 after %4.").arg(run.id(), m_command.name, status, duration));
    }
    finish(CliExitCode::forRunStatus(run.status()));
}

// ---- start, stop ----

void CliSession::startOrStop(bool start)
{
    withJob(
        [this, start](const JobEntry& entry) {
            const QString name = entry.job.name();
            whenFinished(this, (start ? m_service->startContinuous(name) : m_service->stopContinuous(name)),
                [this, start, name](const ServiceReply& reply) {
                    if (!reply.ok())
                        return fail(reply.error);
                    if (!m_options.json) {
                        print((start ? tr("Started the continuous job \"%1\".")
                                     : tr("Stopped the continuous job \"%1\"."))
                                  .arg(name)
                            + u'\n');
                    }
                    finish(CliExitCode::Success);
                });
        },
        JobType::Continuous);
}

// ---- history ----

void CliSession::history()
{
    withJob(
        [this](const JobEntry& entry) {
            whenFinished(
                this, m_service->history(entry.job.name(), 0, m_command.limit), [this](const HistoryPage& page) {
                    if (m_options.json) {
                        printBytes(JobRun::historyToJson(page.runs) + '\n');
                        return finish(CliExitCode::Success);
                    }
                    if (page.runs.isEmpty()) {
                        print(tr("\"%1\" has not run yet.").arg(m_command.name) + u'\n');
                        return finish(CliExitCode::Success);
                    }
                    const Instant now = Instant::now();
                    QList<QStringList> rows;
                    for (const JobRun& run : page.runs) {
                        const std::optional<Duration> duration = run.duration() ? run.duration() : run.elapsed(now);
                        rows.append({run.id(), CliText::status(run.status()), CliText::dateTime(run.startTime()),
                            CliText::duration(duration), run.exitCode() ? QString::number(*run.exitCode()) : QString(),
                            run.trigger()});
                    }
                    QString text = CliText::table(
                        {tr("RUN ID"), tr("STATUS"), tr("STARTED"), tr("DURATION"), tr("EXIT"), tr("TRIGGER")}, rows);
                    if (page.total > page.runs.size())
                        text += tr("%n of %1 runs shown; --limit shows more.", nullptr, int(page.runs.size()))
                                    .arg(page.total)
                            + u'\n';
                    print(text);
                    finish(CliExitCode::Success);
                });
        },
        JobType::Triggered);
}

// ---- logs ----

void CliSession::logs()
{
    withJob([this](const JobEntry& entry) {
        const Job& job = entry.job;
        if (job.isContinuous()) {
            const bool running = job.status() != JobStatus::Stopped;
            if (m_command.follow && running) {
                m_service->beginWatching();
                // The job's end: stopped, or deleted.
                connect(m_service, &JobService::jobsChanged, this, [this](const QList<JobEntry>& entries) {
                    for (const JobEntry& changed : entries) {
                        if (changed.job.isContinuous() && changed.job.name() == m_command.name
                            && changed.job.status() == JobStatus::Stopped)
                            endFollowing(CliExitCode::Success);
                    }
                });
                connect(m_service, &JobService::jobRemoved, this, [this](JobType type, const QString& name) {
                    if (type == JobType::Continuous && name == m_command.name) {
                        printError(tr("The continuous job \"%1\" was deleted.").arg(name));
                        endFollowing(CliExitCode::Success);
                    }
                });
            }
            followLog(JobType::Continuous, {}, m_command.follow && running);
            if (m_command.follow && running) {
                // It may have stopped before the signals were connected.
                whenFinished(this, m_service->job(JobType::Continuous, m_command.name),
                    [this](const std::optional<JobEntry>& now) {
                        if (!now || now->job.status() == JobStatus::Stopped)
                            endFollowing(CliExitCode::Success);
                    });
            }
            return;
        }

        const auto showRun = [this](const JobRun& run) {
            const bool follow = m_command.follow && !isFinalRunStatus(run.status());
            followLog(JobType::Triggered, run.id(), follow);
            if (!follow)
                return;
            watchRuns();
            m_runId = run.id();
            // It may have ended before the signals were connected.
            whenFinished(this, m_service->run(m_command.name, run.id()), [this](const std::optional<JobRun>& now) {
                if (now && isFinalRunStatus(now->status()))
                    noteRunEnded(*now);
            });
        };
        if (!m_command.runId.isEmpty()) {
            whenFinished(this, m_service->run(m_command.name, m_command.runId),
                [this, showRun](const std::optional<JobRun>& run) {
                    if (!run)
                        return fail(CliExitCode::Failure,
                            tr("\"%1\" has no run %2: \"webjobs history %1\" lists its runs.")
                                .arg(m_command.name, m_command.runId));
                    showRun(*run);
                });
            return;
        }
        whenFinished(this, m_service->history(m_command.name, 0, 1), [this, showRun](const HistoryPage& page) {
            if (page.runs.isEmpty())
                return fail(
                    CliExitCode::Failure, tr("\"%1\" has not run yet: there is no log to show.").arg(m_command.name));
            showRun(page.runs.constFirst());
        });
    });
}

void CliSession::followLog(JobType type, const QString& runId, bool follow)
{
    m_follower = new LogFollower(
        m_service, type, m_command.name, runId, [this](const QByteArray& bytes) { printBytes(bytes); }, this);
    if (m_command.kind == CliCommand::Kind::Logs && !follow)
        connect(m_follower, &LogFollower::drained, this, [this] { finish(CliExitCode::Success); });
    m_follower->start(follow);
}

void CliSession::endFollowing(int exitCode)
{
    if (m_ending || m_finished)
        return;
    m_ending = true;
    if (!m_follower)
        return finish(exitCode);
    connect(m_follower, &LogFollower::drained, this, [this, exitCode] { finish(exitCode); });
    m_follower->drainAndStop();
}

// ---- settings ----

void CliSession::settings()
{
    withJob([this](const JobEntry& entry) {
        const JobType type = entry.job.type();
        whenFinished(this, m_service->settings(type, m_command.name), [this, type](const JobSettings& current) {
            const auto show = [this](const JobSettings& settings) {
                if (m_options.json) {
                    printBytes(settings.toJson() + '\n');
                } else if (settings.isEmpty()) {
                    print(
                        tr("\"%1\" has no settings: its settings.job is empty or absent.").arg(m_command.name) + u'\n');
                } else {
                    QList<QStringList> rows;
                    for (const QString& key : settings.keys())
                        rows.append({key, settingValueText(settings, key)});
                    print(CliText::table({tr("KEY"), tr("VALUE")}, rows));
                }
                finish(CliExitCode::Success);
            };
            if (m_command.assignments.isEmpty())
                return show(current);

            JobSettings changed = current;
            for (const auto& [key, value] : m_command.assignments) {
                if (value.isEmpty()) {
                    changed.remove(key);
                } else if (const std::optional<OrderedJson> json = OrderedJson::parse(value.toUtf8())) {
                    changed.setValue(key, *json);
                } else {
                    changed.setValue(key, value);
                }
            }
            // A schedule that cannot work is the user's to fix: say so before writing anything.
            if (const Schedule schedule = Schedule::fromSettings(changed); !schedule.isValid())
                return fail(CliExitCode::BadInput, schedule.errorString());
            whenFinished(this, m_service->setSettings(type, m_command.name, changed),
                [this, show, changed](const ServiceReply& reply) {
                    if (!reply.ok())
                        return fail(reply.error);
                    show(changed);
                });
        });
    });
}

} // namespace WebJobs
