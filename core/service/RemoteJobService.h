#pragma once

// The JobService of a server: a webjobs-agent on this or another machine, or the WebJobs of an
// App Service site through its Kudu (SCM) endpoint, over HTTP(S) with HTTP Basic credentials.
//
//     GUI thread
//     RemoteJobService ── AgentClient ── QNetworkAccessManager ── HTTP(S) ── webjobs-agent / Kudu
//          │  list, job, upload, run, start/stop, settings, history, run, log ranges (VFS Range)
//          └─ changes: the agent's event stream (/api/webjobs/events), or, on a Kudu site, a
//             conditional GET /api/webjobs (If-None-Match) repeated with back-off while watched
//
// Connecting: the constructor starts at once (state Connecting). GET /api/agent tells our agent
// (with its extensions: event stream, abort, recurrence schedules) from any other server; then
// GET /api/webjobs must answer a JSON array of jobs, or the server is not a Kudu/WebJobs
// endpoint (a web page, another API) and the state goes Failed with a sentence saying so.
// Failed also follows refused credentials, an unknown or unreachable host, and a certificate
// the system does not trust (certificateProblem() then carries it: acceptCertificate() and the
// service connects again). reconnect() tries again from the start.
//
// Losing the server once Ready (the event stream ends, a request gets no answer): the state
// goes Reconnecting with errorString() saying why, and the service tries again by itself, after
// 1 s, then twice as long each time up to 30 s (Options). When the server answers again the
// state goes Ready, the job list is reloaded and the differences are signalled (jobAdded,
// jobRemoved, jobsChanged), and resetNeeded() asks views to reload what else they show. A
// request made meanwhile fails with the sentence of its own error; an upload that could not
// finish fails its AddJobOperation with a sentence.
//
// What a server cannot do: capabilities() without AbortRun on a Kudu site (abortRun() answers
// BadRequest with a sentence); without Recurrence, a `recurrence` given to setSettings() or
// addJob() is written as the equivalent NCRONTAB `schedule` (CronConversion), or refused with
// BadRequest and the reason when there is none.
//
// Changes are signalled while the state is Ready: from the event stream at once (our agent),
// or by polling while at least one watcher remains (beginWatching()/endWatching()), the interval
// doubling from Options::pollMinimum up to pollMaximum while nothing changes. Runs that start,
// finish or fail, and continuous jobs entering their crash loop, are signalled in both cases
// (from the poll by comparing each job's latest run and status).
//
// Instances: over our agent in a cluster (GET /api/agent lists `instances`), instances() holds
// what the agent said when the service connected, asked again every Options::instancesInterval
// while watched and at once by refreshInstances(); a single agent or a Kudu site has none, and
// is not asked again. An answer that does not come changes nothing (the event stream tells a
// lost connection). The list is emptied when the state leaves Ready.
//
// Threading: lives in the thread that created it (the GUI thread); every future finishes
// there, and a future whose service is destroyed first is cancelled. Ownership: owns its client.

#include "core/service/JobService.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <QSslCertificate>
#include <QSslError>
#include <QUrl>

#include <optional>

class QTimer;

namespace WebJobs {

class AgentClient;
struct ClientEvent;

class RemoteJobService : public JobService
{
    Q_OBJECT

public:
    struct Options
    {
        // scheme://host[:port] of the agent, or https://<site>.scm.azurewebsites.net.
        QUrl url;
        QString user;
        QString password;
        // A request that gets no byte for this long fails (ms).
        int transferTimeout = 30000;
        // Polling a server without an event stream, while watched (ms).
        int pollMinimum = 2000;
        int pollMaximum = 15000;
        // Waits between reconnection attempts (ms).
        int reconnectMinimum = 1000;
        int reconnectMaximum = 30000;
        // Asking a cluster's agent for its instances again, while watched (ms).
        int instancesInterval = 5000;
        // Certificates the user accepted before (the caller keeps them); a server presenting
        // one of them is accepted despite its certificate errors.
        QList<QSslCertificate> trustedCertificates;
    };

    explicit RemoteJobService(Options options, QObject* parent = nullptr);
    ~RemoteJobService() override;

    QUrl url() const { return m_options.url; }
    // Plain HTTP to a host that is not this machine: the password and the data cross the
    // network in clear. insecureWarning() is the sentence to show.
    bool isInsecure() const;
    QString insecureWarning() const;
    // The certificates accepted through acceptCertificate() or Options, to keep for next time.
    QList<QSslCertificate> acceptedCertificates() const;

    QString displayName() const override;
    State state() const override { return m_state; }
    QString errorString() const override { return m_error; }
    Capabilities capabilities() const override { return m_capabilities; }
    void beginWatching() override;
    void endWatching() override;
    bool isWatching() const { return m_watchers > 0; }
    // Polling a server without an event stream: whether it goes on, how many lists were asked
    // for, and how many of them answered 304 Not Modified to their If-None-Match.
    bool isPolling() const;
    int pollCount() const { return m_pollCount; }
    int unchangedPollCount() const { return m_unchangedPollCount; }

    QFuture<QList<JobEntry>> jobs() override;
    QFuture<std::optional<JobEntry>> job(JobType type, const QString& name) override;
    AddJobOperation* addJob(JobType type, const QString& name, const QString& sourcePath, bool isZip,
        const JobSettings& settings = {}) override;
    QFuture<ServiceReply> deleteJob(JobType type, const QString& name) override;
    QFuture<ServiceReply> triggerRun(const QString& name, const QString& arguments = {}) override;
    QFuture<ServiceReply> abortRun(const QString& name, const QString& runId) override;
    QFuture<ServiceReply> startContinuous(const QString& name) override;
    QFuture<ServiceReply> stopContinuous(const QString& name) override;
    QFuture<JobSettings> settings(JobType type, const QString& name) override;
    QFuture<ServiceReply> setSettings(JobType type, const QString& name, const JobSettings& settings) override;
    QFuture<HistoryPage> history(const QString& name, int offset, int limit) override;
    QFuture<std::optional<JobRun>> run(const QString& name, const QString& runId) override;
    QFuture<LogInfo> logInfo(JobType type, const QString& name, const QString& runId) override;
    QFuture<QByteArray> readLog(
        JobType type, const QString& name, const QString& runId, qint64 offset, qint64 maxBytes) override;
    QFuture<ServiceReply> saveLog(
        JobType type, const QString& name, const QString& runId, const QString& destination) override;
    QUrl logUrl(JobType type, const QString& name, const QString& runId) const override;
    QList<InstanceInfo> instances() const override { return m_instances; }
    QString databaseProblem() const override { return m_databaseProblem; }
    void refreshInstances() override;
    // Whether the agent said it is one of several instances on one database.
    bool isClustered() const { return m_clustered; }
    // Whether the instances are asked for again periodically (a cluster, watched, Ready).
    bool isFollowingInstances() const;
    // How many times the instances were asked for since connecting (tests).
    int instancesRequestCount() const { return m_instancesRequests; }

    // The settings as this server will store them: a recurrence converted to NCRONTAB for a
    // server without Recurrence; std::nullopt with BadRequest and the sentence when the schedule
    // is invalid or cannot be written for this server.
    std::optional<JobSettings> settingsForServer(const JobSettings& settings, ServiceError* error) const;

public Q_SLOTS:
    // Connects again from the start (after Failed, or at once while Reconnecting).
    void reconnect();
    // Accepts the certificate of certificateProblem() for this service's life, and connects
    // again. Keeping it for the next session is the caller's business (Options).
    void acceptCertificate(const QSslCertificate& certificate);

Q_SIGNALS:
    // The server presented a certificate the system does not trust; the state went Failed.
    void certificateProblem(const QList<QSslError>& errors, const QSslCertificate& certificate);

private:
    void setState(State state, const QString& error = {});
    void probe();
    void connectionLost(const QString& reason);
    void scheduleReconnect();
    // Sends the failure of a request to the state: no answer loses the connection, refused
    // credentials fail it. Returns the error to report.
    ServiceError examine(int status, const ServiceError& error);
    void updateChangeFollowing();
    void setInstances(const QList<InstanceInfo>& instances, const QString& databaseProblem);
    void poll();
    // Replaces the known list with `jobs` and signals the differences when `signal`; without
    // an event stream, also the runs that started or ended (from each job's latest run).
    void applyList(const QList<Job>& jobs, bool signal);
    void onEvent(const ClientEvent& event);
    void queueChange(JobType type, const QString& name);
    void flushChanges();
    // Remembers `job` as the server's latest answer (no signal).
    void remember(const Job& job);
    // Whether a continuous job's new status starts a crash loop worth signalling (once per loop).
    bool enteredCrashLoop(const Job& job);
    void forget(JobType type, const QString& name);
    JobEntry entryOf(const Job& job) const;
    QString jobRunText(const QString& name) const;

    Options m_options;
    AgentClient* m_client;
    State m_state = State::Connecting;
    QString m_error;
    Capabilities m_capabilities;
    int m_generation = 0; // of the current probe: stale answers are dropped
    QTimer* m_reconnectTimer;
    int m_reconnectDelay = 0;
    QTimer* m_pollTimer;
    int m_pollInterval = 0;
    bool m_polling = false; // a poll request is in flight
    int m_pollCount = 0;
    int m_unchangedPollCount = 0;
    int m_watchers = 0;
    QTimer* m_instancesTimer;
    bool m_clustered = false;
    bool m_askingInstances = false;
    int m_instancesRequests = 0;
    QList<InstanceInfo> m_instances;
    QString m_databaseProblem;

    // The last known list, in the server's order, and each job's position.
    QList<Job> m_jobs;
    QHash<QString, qsizetype> m_index;
    QByteArray m_listTag;
    // Jobs being added with settings: the stream's news about them waits for the result.
    QSet<QString> m_adding;
    // Jobs the stream said changed, fetched together.
    QList<std::pair<JobType, QString>> m_pending;
    QSet<QString> m_pendingKeys;
    // The continuous jobs whose crash loop was signalled (see enteredCrashLoop()).
    QSet<QString> m_crashLooping;
    bool m_flushScheduled = false;
    bool m_flushing = false;
    // Jobs removed (by an event) while a batch of fetches was in flight, whose answers are stale.
    QSet<QString> m_removedWhileFlushing;
    QList<QSslError> m_sslErrors;
    QSslCertificate m_sslCertificate;
};

} // namespace WebJobs
