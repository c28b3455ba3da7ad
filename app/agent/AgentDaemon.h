#pragma once

// `webjobs-agent` as a daemon: opens the JobHost on the data folder (crash recovery included),
// serves it with an AgentServer, prints the listening URL on standard output, and on SIGTERM
// or SIGINT stops accepting requests, stops the jobs gracefully (JobHost::shutdown) and exits
// 0 once they are all stopped. A second signal exits at once (the host then kills its jobs).
// Exit codes: 0 stopped cleanly, 1 the data folder, database, certificate or port cannot be used.

#include "app/agent/AgentCommandLine.h"

#include <QCoreApplication>

namespace WebJobs::AgentDaemon {

int run(QCoreApplication& app, const AgentConfig& config);

} // namespace WebJobs::AgentDaemon
