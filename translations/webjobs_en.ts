<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>AbortReason</name>
    <message>
        <source>agent restarted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>agent stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>instance %1 stopped responding</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AgentCommandLine</name>
    <message>
        <source>Data folder: job packages, runs, logs and the database (default: %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address and port to serve the API on (default: 127.0.0.1:8181).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>host:port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User name of HTTP Basic authentication (or WEBJOBS_AGENT_USER).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File whose first line is the password (or WEBJOBS_AGENT_PASSWORD). Without a user and a password the agent serves loopback addresses only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PEM certificate (chain) to serve HTTPS with.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PEM private key of the certificate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Base URL of the agent as clients reach it, for URLs sent in web hooks (default: the listening address).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>url</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Largest job package accepted, in bytes or with K, M, G (default: 100M).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Database: an SQLite file or a postgresql:// URL (default: webjobs.db in the data folder).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seconds given to running jobs to stop on SIGTERM before they are killed (default: 30).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>seconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passwords are never taken from the command line, where other users can read them: put it in a file given with --password-file, or in WEBJOBS_AGENT_PASSWORD.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown command &quot;%1&quot;: see --help.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an address to listen on: give host:port with an IP address, such as 127.0.0.1:8181, [::1]:8181 or *:8181.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the password file %1: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The password file %1 is empty: its first line is the password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The user %1 has no password: give --password-file or set WEBJOBS_AGENT_PASSWORD.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A password was given without a user name: give --user (or WEBJOBS_AGENT_USER).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The user name cannot contain &apos;:&apos; (HTTP Basic authentication separates it from the password with one).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refusing to listen on %1 without authentication: give --user and a password (--password-file or WEBJOBS_AGENT_PASSWORD), or listen on a loopback address such as 127.0.0.1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTPS needs both --tls-cert and --tls-key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a size: give bytes, or a number followed by K, M or G.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a number of seconds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connections served at once, from all clients (default: 1024, and fewer than the process may open files).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>count</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connections served at once from one address (an IPv6 /64 counts as one); idle ones are closed to make room (default: 32).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seconds an idle connection is kept open between requests (default: 30).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Let web hooks call link-local addresses (169.254.0.0/16, fe80::/10), where cloud machines serve their metadata and credentials.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The password file %1 can be read or changed by other users (mode %2): the agent refuses to use it. Run: chmod 600 %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--%1 &quot;%2&quot; is not a positive whole number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seconds a TLS handshake or a request head may take to arrive, and a request body may stall (default: 20).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AgentDaemon</name>
    <message>
        <source>Cannot read the certificate %1: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 holds no PEM certificate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the private key %1: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 holds no unencrypted PEM private key (RSA or EC).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create the data folder %1: check its parent&apos;s permissions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>webjobs-agent %1 listening on %2 (data: %3, instance %4)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Second signal: stopping now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signal %1 received: stopping the jobs (at most %2 s).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warning: cannot make the data folder %1 private to the agent&apos;s user (chmod 700): its files may be readable by others.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AgentMain</name>
    <message>
        <source>WebJobs agent: runs WebJobs (on demand, continuously or on a schedule) and serves Kudu&apos;s WebJobs REST API.

Commands:
  schedule   Print the next occurrences of a schedule (see schedule --help).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CliCommandLine</name>
    <message>
        <source>Manage the agent or Kudu site at URL, or the connection NAME saved in the console, instead of the local host.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>URL|NAME</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User name for --connect (default: the saved connection&apos;s).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File whose first line is the password for --connect; it must not be readable by other users. Otherwise WEBJOBS_PASSWORD, the keychain, or a prompt.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data folder of the local host (default: the console&apos;s).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print Kudu&apos;s JSON instead of tables, for scripts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print only the job names, one per line.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>triggered or continuous: the job&apos;s type (add: default triggered; elsewhere needed only when a triggered and a continuous job share the name).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run the triggered job on this six-field NCRONTAB schedule (second minute hour day month day-of-week).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cron</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Arguments passed to the job&apos;s script.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stream the run&apos;s log until it ends, and exit with its status (0 Success, 1 Failed, 3 Aborted, 4 Stopped).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How many runs to show, newest first (default 20).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>count</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep printing the log as it grows, until the run or the job ends, or Ctrl-C.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set KEY to VALUE in settings.job (VALUE is read as JSON when it is JSON, as text otherwise; an empty VALUE removes KEY). May be repeated.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>key=value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lists the jobs with their status, latest run and schedule.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shows a job: its status, script, schedule, latest run and settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adds job NAME from FILE, a zip or a single script (.sh .py .js .php .ps1 .cmd .bat .exe), or replaces the job&apos;s package.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deletes a job with its runs and logs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starts a run of a triggered job and prints its id.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starts a continuous job.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stops a continuous job.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lists the runs of a triggered job, newest first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prints the log of a run (the latest when RUN_ID is not given) or of a continuous job.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prints a job&apos;s settings.job, or changes keys of it with --set.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NAME FILE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NAME [RUN_ID]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NAME</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Manages WebJobs from a terminal or a script: the local host of WebJobs Console by default, or an agent or a Kudu site with --connect.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Commands:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;webjobs COMMAND --help&quot; shows a command&apos;s options. Exit status: 0 done, 1 the service refused or failed (the sentence says why), 2 invalid input; run --wait exits with the run&apos;s status.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 See &quot;webjobs --help&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 See &quot;webjobs %2 --help&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usage: webjobs [options] COMMAND [ARGS] [command options]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The job&apos;s name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FILE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A zip holding the job&apos;s files, or a single script.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RUN_ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The run, as &quot;webjobs history&quot; lists it (default: the latest).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give a command, such as &quot;webjobs list&quot;; &quot;webjobs --help&quot; lists them all.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown command &quot;%1&quot;: the commands are %2 (see &quot;webjobs --help&quot;).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usage: webjobs [global options] %1 [options]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passwords are never taken from the command line, where other users can read them: put it in a file given with --password-file, or in WEBJOBS_PASSWORD.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--connect needs a URL, such as https://mysite.scm.azurewebsites.net, or the name of a saved connection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--data names the local host&apos;s folder and --connect a remote one: give only one of them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--user and --password-file are for --connect: the local host needs no password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;webjobs %1&quot; needs %2: see &quot;webjobs %1 --help&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unexpected argument &quot;%1&quot; for &quot;webjobs %2&quot;: see &quot;webjobs %2 --help&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The job name is empty: give the name of a job (&quot;webjobs list&quot; shows them).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--type must be triggered or continuous, not &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--limit must be a whole number from 1 to %1; &quot;%2&quot; is not.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only a triggered job runs on a schedule: leave out --schedule or --type continuous.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--set takes KEY=VALUE, such as --set is_singleton=true; &quot;%1&quot; is not.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read %1: give the path of a zip or of a script file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A continuous job has one log and no runs: leave out the run id.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CliCredentials</name>
    <message>
        <source>Cannot read the password file %1: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The password file %1 is open to other users (permissions %2): make it private with &quot;chmod 600 %1&quot;, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The password file %1 is empty: its first line is the password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The keychain refused to give the password of &quot;%1&quot;: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No keychain service is running (or none answered: %2), so the saved password of &quot;%1&quot; cannot be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password of %1 at %2: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The user %1 needs a password for %2, and there is no terminal to ask for it on: give --password-file FILE or set WEBJOBS_PASSWORD.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CliService</name>
    <message>
        <source>The local host in %1 is open in another program (%2, process %3), which runs jobs there: close it first, or manage these jobs from it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a URL to connect to: give http:// or https:// and a host, such as https://mysite.scm.azurewebsites.net or http://127.0.0.1:8181.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passwords are never taken from the command line, where other users can read them: remove it from the URL and put it in a file given with --password-file, or in WEBJOBS_PASSWORD.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no saved connection named &quot;%1&quot;, and none is saved yet: give a URL such as https://mysite.scm.azurewebsites.net, or save the connection in WebJobs Console first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no saved connection named &quot;%1&quot;: give a URL, or one of the saved connections: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The saved connection &quot;%1&quot; has no valid URL: correct it in WebJobs Console.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CliText</name>
    <message>
        <source>triggered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>continuous</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>invalid: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConsoleMain</name>
    <message>
        <source>WebJobs Console</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WebJobs Console: adds WebJobs (a script or program in a zip) and runs them on demand, continuously or on a schedule, showing each run&apos;s status, history and log.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opens the saved connection &lt;name&gt;, or the agent or Kudu site at &lt;url&gt; (https://server:8181), instead of the last one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>name|url</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CronConversion</name>
    <message>
        <source>A Kudu schedule repeats: it cannot run a job once at a given time. Make the schedule recurring, or run the job by hand.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>A Kudu schedule cannot run every %n minute(s): its minute steps start again every hour. Choose an interval that divides an hour (%1 minutes) or a day (60, 120, 180, 240, 360, 480 or 720 minutes).</source>
        <translation>
            <numerusform>A Kudu schedule cannot run every %n minute: its minute steps start again every hour. Choose an interval that divides an hour (%1 minutes) or a day (60, 120, 180, 240, 360, 480 or 720 minutes).</numerusform>
            <numerusform>A Kudu schedule cannot run every %n minutes: its minute steps start again every hour. Choose an interval that divides an hour (%1 minutes) or a day (60, 120, 180, 240, 360, 480 or 720 minutes).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>A Kudu schedule cannot run every %n hour(s): its hour steps start again every day. Choose an interval that divides a day (%1 hours).</source>
        <translation>
            <numerusform>A Kudu schedule cannot run every %n hour: its hour steps start again every day. Choose an interval that divides a day (%1 hours).</numerusform>
            <numerusform>A Kudu schedule cannot run every %n hours: its hour steps start again every day. Choose an interval that divides a day (%1 hours).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>A Kudu schedule cannot run every %n day(s): it has no step that carries over from one month to the next. Choose every day, or a weekly schedule on chosen days.</source>
        <translation>
            <numerusform>A Kudu schedule cannot run every %n day: it has no step that carries over from one month to the next. Choose every day, or a weekly schedule on chosen days.</numerusform>
            <numerusform>A Kudu schedule cannot run every %n days: it has no step that carries over from one month to the next. Choose every day, or a weekly schedule on chosen days.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>A Kudu schedule cannot run every %n week(s): it knows days of the week, not weeks. Choose every week.</source>
        <translation>
            <numerusform>A Kudu schedule cannot run every %n week: it knows days of the week, not weeks. Choose every week.</numerusform>
            <numerusform>A Kudu schedule cannot run every %n weeks: it knows days of the week, not weeks. Choose every week.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>A Kudu schedule cannot run every %n month(s): its month steps start again every year. Choose an interval that divides a year (%1 months).</source>
        <translation>
            <numerusform>A Kudu schedule cannot run every %n month: its month steps start again every year. Choose an interval that divides a year (%1 months).</numerusform>
            <numerusform>A Kudu schedule cannot run every %n months: its month steps start again every year. Choose an interval that divides a year (%1 months).</numerusform>
        </translation>
    </message>
    <message>
        <source>A Kudu schedule cannot count days from the end of the month (such as the last day): it only knows days 1 to 31. Choose days counted from the start of the month.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A Kudu schedule cannot count days of the week from the end of the month (such as the last Friday). Choose an occurrence counted from the start (first to fifth).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A Kudu schedule cannot combine different occurrences of different days of the week (such as the first Monday and the second Friday). Give every chosen day the same occurrences, or save one job per day.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>A Kudu schedule cannot stop after %n run(s): it runs until it is removed. Remove the number of runs, and remove the schedule when it is no longer needed.</source>
        <translation>
            <numerusform>A Kudu schedule cannot stop after %n run: it runs until it is removed. Remove the number of runs, and remove the schedule when it is no longer needed.</numerusform>
            <numerusform>A Kudu schedule cannot stop after %n runs: it runs until it is removed. Remove the number of runs, and remove the schedule when it is no longer needed.</numerusform>
        </translation>
    </message>
    <message>
        <source>A Kudu schedule cannot stop at an end time: it runs until it is removed. Remove the end time, and remove the schedule when it is no longer needed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A Kudu site reads its schedule in its own time zone (UTC unless its app setting WEBSITE_TIME_ZONE says otherwise), not in %1. Choose UTC and give the times in UTC.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A Kudu schedule cannot run the job at once when it is saved, as a recurrence without a start time does. Choose a start time (now or earlier): the job then runs at the schedule&apos;s times only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A Kudu schedule starts when it is saved: it cannot wait for the start time %1. Choose a start time now or earlier, or save the schedule at %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A Kudu schedule runs on whole seconds, and the start time %1 has a fraction of a second. Give the start time in whole seconds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This recurrence never runs: its hours or minutes are never on its steps. Choose hours and minutes that the interval reaches.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CronExpression</name>
    <message>
        <source>The second field (first of six)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The minute field (second of six)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The hour field (third of six)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The day field (fourth of six)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The month field (fifth of six)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The day-of-week field (sixth of six)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 uses &quot;%2&quot;, but L, W, #, ? and H (Quartz and Jenkins extensions) are not supported; use *, numbers, ranges, lists or steps instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 does not accept negative numbers such as &quot;%2&quot;; use values from %3 to %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has a malformed range &quot;%2&quot;; write a range as two values joined by a hyphen, for example %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 accepts 1 to 12 or English month names such as Jan or March; &quot;%2&quot; is neither.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 accepts 0 to 6 (0 is Sunday) or English day names such as Mon or Friday; &quot;%2&quot; is neither.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 accepts numbers from %2 to %3, *, ranges (a-b), lists (a,b) and steps (*/n); &quot;%4&quot; is not one of these.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 allows 0 to 6, where 0 is Sunday, so 7 in &quot;%2&quot; is out of range; write 0 or Sun for Sunday.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 allows %2 to %3; &quot;%4&quot; is out of range.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has an empty item in &quot;%2&quot;; remove the extra comma or put a value between the commas.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 needs a whole number after the slash in &quot;%2&quot;; write a step such as */15 or 0/20.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot use the step in &quot;%2&quot; because it is too large; use a step from 1 to %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Separate the fields of a schedule with plain spaces; tabs and line breaks are not allowed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The schedule is empty; write six fields separated by spaces (second minute hour day month day-of-week), for example &quot;0 */15 * * * *&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Macros such as &quot;%1&quot; are not supported; write the six fields instead, for example &quot;0 0 0 * * *&quot; for every day at midnight.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A schedule needs exactly six fields (second minute hour day month day-of-week); this one has five, so put the seconds first, for example &quot;0 %1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A schedule needs exactly six fields separated by spaces (second minute hour day month day-of-week); this one has %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DatabaseLocation</name>
    <message>
        <source>The job database address &quot;%1&quot; is not valid: %2. Use a file path, sqlite:/path/to/webjobs.db or postgresql://user:password@host:port/database.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a database file must be on this machine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file path is missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the address is empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the kind of database &quot;%1&quot; is not supported (use sqlite or postgresql)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the database name is missing after the host (…/database)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the connection option &quot;%1&quot; cannot hold spaces or semicolons</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HostContext</name>
    <message>
        <source>Cannot read %1: %2. Check its permissions.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HttpReply</name>
    <message>
        <source>The file cannot be read: it is gone, unreadable or not a regular file.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Job</name>
    <message>
        <source>A job must be a JSON object.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The latest run of job %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The job member &quot;%1&quot; is missing or has an unexpected value.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The job is not valid JSON: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A job list must be a JSON array.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job %1 of the list: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The job list is not valid JSON: %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>JobName</name>
    <message>
        <source>Enter a name for the job: it starts with a letter or a digit and contains only letters, digits, &apos;-&apos; and &apos;_&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The job name is %1 characters long: a job name has at most %2 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a valid job name: a job name starts with a letter or a digit and contains only letters (A to Z, without accents), digits, &apos;-&apos; and &apos;_&apos;, at most %2 characters.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>JobRun</name>
    <message>
        <source>A run must be a JSON object.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The run member &quot;%1&quot; is missing or has an unexpected value.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The run is not valid JSON: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The run&apos;s status file is not valid JSON: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A run&apos;s status file must hold a JSON object.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The member &quot;%1&quot; of the run&apos;s status file is missing or has an unexpected value.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A run history must be a JSON object with a &quot;runs&quot; array.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run %1 of the history: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The run history is not valid JSON: %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>JobSettings</name>
    <message>
        <source>A comment in the job settings is never closed (line %1, column %2): end it with */.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The job settings are empty. Write {} for a job without settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The job settings are not valid JSON: %1 (line %2, column %3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The job settings must be a JSON object between braces, such as {&quot;is_singleton&quot;: true}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>JobStatus</name>
    <message>
        <source>Initializing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pending restart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inactive instance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Aborted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disabling</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopping</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Success</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Crash loop</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>JobStore</name>
    <message>
        <source>unknown database error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it has no triggered job named %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it has no continuous job named %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Qt SQL driver %1 is not installed, so the job database at %2 cannot be opened. Install the package that provides it (libqt6sql6-sqlite or libqt6sql6-psql on Debian).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open the job database at %1: %2. Check that the folder exists and is writable, and that the file is a SQLite database.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot connect to the job database at %1: %2. Check the address, the user name and the password, and that the PostgreSQL server is running and accepts connections.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The job database at %1 was created by a newer version of WebJobs (schema version %2; this program knows versions up to %3). Upgrade this program, or give it another database.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot prepare the job database at %1: %2. Check that the database user may create tables in it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot upgrade the job database at %1 to schema version %2: %3. It stays at version %4; check that it is writable and that the disk is not full.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the schema version of the job database at %1: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot start a transaction in the job database: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot save the changes to the job database: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The job database holds the unknown status &quot;%1&quot;; a newer version of WebJobs may have written it. Upgrade this program.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read runs from the job database: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot save the job %1 in the job database: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot remove the job %1 from the job database: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the list of jobs from the job database: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the job %1 from the job database: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The job database holds the unknown job type &quot;%1&quot;; a newer version of WebJobs may have written it. Upgrade this program.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the runs of the job %1 from the job database: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot start a new run of the job %1 since it is already running (run %2). Wait for that run to finish, or stop it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the job already has a run with this id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot record the run %1 of the job %2 in the job database: %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot update the run %1 of the job %2 in the job database: %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot update the run %1 of the job %2: the job database has no such run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the run %1 of the job %2 from the job database: %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the latest run of the job %1 from the job database: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the latest runs from the job database: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the history of the job %1 from the job database: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot count the runs of the job %1 in the job database: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot remove the old runs of the job %1 from the job database: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the unfinished runs from the job database: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot close the unfinished runs in the job database: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the schedule state of the job %1 from the job database: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot save the schedule state of the job %1 in the job database: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot record the scheduled time %1 of the job %2 in the job database: %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot remove the schedule state of the job %1 from the job database: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot save the status of the job %1 on the instance %2 in the job database: %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the status of the job %1 from the job database: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the status of the continuous jobs from the job database: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot remove the status of the job %1 on the instance %2 from the job database: %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot record the process %1 of the job %2 in the job database: %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot remove the process %1 from the job database: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the recorded processes from the job database: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown job type &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot register the instance %1 in the job database: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot record that the instance %1 is alive in the job database: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The instance %1 is not registered in the job database: another instance may have taken it for dead and taken over its work. Register it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the list of instances from the job database: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot remove the instance %1 from the job database: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only a PostgreSQL job database can notify other instances.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot listen to the notifications of the job database: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot notify the other instances: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot reach the job database at %1: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot take over the work of the instance %1 in the job database: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot save the package of the job %1 in the job database: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the list of packages from the job database: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the package of the job %1 from the job database: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot copy the log of run %1 of the job %2 into the job database: %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the log of run %1 of the job %2 from the job database: %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot claim the singleton job %1 in the job database: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot ask for the abort of run %1 of the job %2 in the job database: %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot release the singleton job %1 in the job database: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot save the settings of the job %1 in the job database: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot share the log lines of the job %1 with the other instances: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the log lines that the other instances shared: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the web hooks from the job database: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot save the web hook %1 in the job database: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>another instance removed it at the same time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot remove the web hook %1 from the job database: %2.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>JobText</name>
    <message>
        <source>Triggered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Continuous</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invalid schedule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On demand</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scheduled: %1 (CRON)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scheduled: %1 (CRON, %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (stopped by %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>External - %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Schedule - %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Recurrence</name>
    <message>
        <source>The field &quot;%1&quot; is given twice with different capitalisation; keep only one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The start time (startTime) &quot;%1&quot; is not a date and time; write it like 2024-05-06T09:30:00, adding Z or an offset such as +02:00 for an exact instant.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The recurrence must be an object such as {&quot;frequency&quot;: &quot;day&quot;}; remove it for a one-time job.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The recurrence has no frequency; set frequency to minute, hour, day, week or month.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The frequency &quot;%1&quot; is not supported; for a yearly run use month with an interval of 12.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The frequency &quot;%1&quot; is not supported; use minute, hour, day, week or month.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The interval &quot;%1&quot; is not allowed: with frequency %2 it must be a whole number from 1 to %3; enter a number in that range.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The count &quot;%1&quot; is not allowed: the number of runs must be a whole number of at least 1; enter 1 or more, or remove it for no limit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The end time (endTime) &quot;%1&quot; is not a date or a date and time; write it like 2024-12-31 or 2024-12-31T18:00:00, adding Z or an offset such as +02:00 for an exact instant.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The schedule must be an object such as {&quot;hours&quot;: [9], &quot;minutes&quot;: [30]}; correct it or remove it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The schedule&apos;s %1 list is empty; list at least one value or remove it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The schedule&apos;s minutes must be whole numbers from 0 to 59; &quot;%1&quot; is not. Correct or remove it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The schedule&apos;s hours must be whole numbers from 0 to 23; &quot;%1&quot; is not. Correct or remove it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; in the schedule&apos;s weekDays is not a day of the week; use monday, tuesday, wednesday, thursday, friday, saturday or sunday.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; in the schedule&apos;s monthDays is not a day of the month; use 1 to 31, or -1 to -31 to count from the end (-1 is the last day).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each monthly occurrence must be an object such as {&quot;day&quot;: &quot;friday&quot;, &quot;occurrence&quot;: -1}; &quot;%1&quot; is not.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A monthly occurrence has no day; add one, such as {&quot;day&quot;: &quot;friday&quot;, &quot;occurrence&quot;: -1} for the last Friday.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; in a monthly occurrence is not a day of the week; use monday, tuesday, wednesday, thursday, friday, saturday or sunday.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The occurrence &quot;%1&quot; of a monthly occurrence is not allowed; use 1 to 5 (first to fifth) or -1 to -5 (last to fifth from the end), or remove it for every such day of the month.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown field &quot;%1&quot; in a monthly occurrence; only day and occurrence are allowed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown field &quot;%1&quot; in the schedule; the allowed fields are minutes, hours, weekDays, monthDays and monthlyOccurrences.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown field &quot;%1&quot; in the recurrence; the allowed fields are frequency, interval, schedule, count and endTime.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The time zone is not valid; choose a time zone from the list, or UTC.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A one-time job cannot have a schedule, a count or an end time; make the job recurring or remove them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Week days (weekDays) are allowed only with frequency week; change the frequency to week or remove the week days.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Month days (monthDays) are allowed only with frequency month; change the frequency to month or remove the month days.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Monthly occurrences (monthlyOccurrences) are allowed only with frequency month; change the frequency to month or remove the monthly occurrences.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A schedule cannot have both month days (monthDays) and monthly occurrences (monthlyOccurrences); keep only one of them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The end time (endTime) %1 is not after the creation time %2; choose a later end time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The end time (endTime) %1 is before the start time (startTime) %2; choose an end time after the start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This schedule never runs: its first run would be at %1, after the end time %2; choose a later end time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This schedule never runs: none of the months it visits has the chosen days; change the days, the start month or the interval.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This schedule never runs: none of its steps falls on the chosen hours and minutes; change the hours, the minutes or the interval.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This schedule never runs; change its days or times.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 and %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>day %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the last day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the day before the last day</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n days before the last day</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>the first %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the second %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the third %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the fourth %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the fifth %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the last %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the second to last %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the third to last %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the fourth to last %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the fifth to last %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>every %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Once, as soon as it is created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Once at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, every hour at minute %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, every hour at minutes %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 at hour %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 at hours %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 at minute %2 of hours %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 at minutes %2 of hours %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 at %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every minute</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Every %n minutes</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>%1, only at minute %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, only at minutes %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 during hour %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 during hours %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, only during hour %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, only during hours %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every hour</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Every %n hours</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>%1 at minute %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 at minutes %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every day</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Every %n days</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Every week</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Every %n weeks</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Every week on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Every %n weeks on %1</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Every month</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Every %n months</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Every month on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Every %n months on %1</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>%1, until %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, once</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1, %n times</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Schedule</name>
    <message>
        <source>This job has both a cron schedule (&quot;schedule&quot;) and a recurrence (&quot;recurrence&quot;) in its settings. Keep only one of them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The misfire policy &quot;%1&quot; is not known. Use &quot;run_once&quot; (run a schedule missed by at most 10 minutes, the default) or &quot;skip&quot; (never run late).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The time zone must be text, such as &quot;Europe/Paris&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The schedule must be text, such as &quot;0 0 3 * * *&quot; (every day at 03:00).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The recurrence must be a JSON object, as the schedule wizard writes it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The time zone &quot;%1&quot; is not known. Use an IANA name such as &quot;Europe/Paris&quot; or &quot;UTC&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The schedule &quot;%1&quot; is not valid: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The recurrence is not valid: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ScheduleCommand</name>
    <message>
        <source>Prints the next occurrences of a schedule, one per line, in UTC.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reads the recurrence (the schedule wizard&apos;s job JSON) from FILE; - reads standard input.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Uses a six-field NCRONTAB expression (second minute hour day month day-of-week).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The reference instant (ISO 8601; UTC when it has no offset), also the job&apos;s creation time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How many occurrences to print (default 10).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The IANA time zone the schedule is written in (default UTC).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unexpected argument &quot;%1&quot;: the schedule command takes only options (see --help).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give either --recurrence FILE or --cron &quot;EXPR&quot;, not both and not neither.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the reference instant with --now, for example --now 2024-05-06T09:30:00Z.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--now &quot;%1&quot; is not an ISO 8601 date and time; write it like 2024-05-06T09:30:00Z.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--count must be a whole number from 1 to %1; &quot;%2&quot; is not.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown time zone &quot;%1&quot;: use an IANA name such as Europe/Paris or America/New_York.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the recurrence file &quot;%1&quot;: check that it exists and is readable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The recurrence file is not valid JSON (%1 at offset %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The recurrence file must hold a JSON object such as {&quot;recurrence&quot;: {&quot;frequency&quot;: &quot;day&quot;, &quot;interval&quot;: 1}}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ScriptDiscovery</name>
    <message>
        <source>No runnable script file was found: put a script named run.sh, run.py, run.js, run.php, run.ps1, run.cmd, run.bat or run.exe at the top of the package (or in its only folder), or any file with one of these extensions.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ScriptRunner</name>
    <message>
        <source>.cmd, .bat and .exe scripts run only on Windows: add a run.sh (or a run.py, run.js, run.php or run.ps1) script to the package to run this job on this machine.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PowerShell is not installed on this machine: install the &quot;powershell&quot; package from Microsoft&apos;s Debian repository (it provides the pwsh command).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bash is not installed on this machine: install it with &quot;sudo apt-get install bash&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Python 3 is not installed on this machine: install it with &quot;sudo apt-get install python3&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PHP is not installed on this machine: install it with &quot;sudo apt-get install php-cli&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Node.js is not installed on this machine: install it with &quot;sudo apt-get install nodejs&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VfsFiles</name>
    <message>
        <source>&apos;%1&apos; is outside the data folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a file or a folder, and only those are served.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WebJobs::AddJobDialog</name>
    <message>
        <source>Add WebJob</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A .zip package or a single script</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run on demand</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run continuously</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run on a schedule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CRON expression, e.g. 0 */5 * * * *</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Schedule…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File upload</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter a CRON expression or choose Schedule… to describe when the job runs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Letters, digits, &apos;-&apos; and &apos;_&apos;, starting with a letter or a digit; at most %1 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CRON: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the job&apos;s package</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zip packages or scripts (*.zip *.sh *.py *.js *.php *.ps1 *.cmd *.bat *.exe);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file %1 does not exist. Choose a .zip package or a script.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WebJobs::AgentClient</name>
    <message>
        <source>The agent cannot be reached: %1. Check its address and that it is running.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The agent does not know this job or run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The agent refused the request (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The agent cannot do it now (%1): try again in a moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The agent failed to answer (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The agent&apos;s job list cannot be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The agent&apos;s job cannot be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read %1: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The agent&apos;s run history cannot be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The agent&apos;s run cannot be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 did not answer within %n second(s): check that the server is running and that the network reaches it, then try again.</source>
        <translation>
            <numerusform>%1 did not answer within %n second: check that the server is running and that the network reaches it, then try again.</numerusform>
            <numerusform>%1 did not answer within %n seconds: check that the server is running and that the network reaches it, then try again.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 refused the connection: check the address and the port, and that the server is running.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The host %1 is not known: check the address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The secure connection to %1 failed: %2. If the server uses a certificate of its own, check it and accept it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server refused the user name or password: check them (for an App Service site, its deployment credentials).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WebJobs::AgentServer</name>
    <message>
        <source>Refusing to listen on %1 without authentication: give --user and a password (--password-file or WEBJOBS_AGENT_PASSWORD), or listen on a loopback address such as 127.0.0.1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot listen on %1 port %2: %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request body is larger than this agent accepts (%1 bytes at most): send a smaller package, or raise the agent&apos;s --max-upload-size.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>aborted through the API</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The body is not an ARM envelope: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The body is not a web hook: send {&quot;url&quot;: …, &quot;event&quot;: …}. %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The continuous job &quot;%1&quot; is not running or does not answer on its WEBJOBS_PORT.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The continuous job &quot;%1&quot; answered with more than %2 bytes, more than the agent relays.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This client has too many connections open to the agent, all of them busy: close some, or try again later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This agent has no password and serves requests addressed to localhost, its listening address or its --public-url only, not to &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requests from pages of other sites (Origin: %1) are refused: use the agent&apos;s API from its own address, or set --public-url to the address browsers use.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Too many wrong passwords from this address: wait %n second(s) before trying again.</source>
        <translation>
            <numerusform>Too many wrong passwords from this address: wait %n second before trying again.</numerusform>
            <numerusform>Too many wrong passwords from this address: wait %n seconds before trying again.</numerusform>
        </translation>
    </message>
    <message>
        <source>The body of this request is JSON: send it with &quot;Content-Type: application/json&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The agent cannot store the upload: its administrator should check the free space and permissions of its data folder.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WebJobs::CertificateDialog</name>
    <message>
        <source>Untrusted Certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subject: %1
Issuer: %2
Valid from: %3
Valid until: %4
SHA-256: %5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The certificate of %1 is not trusted by this system:
%2

Accept it only if you know it is the server&apos;s own (compare its SHA-256 digest with the one the server&apos;s administrator gives).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accept &amp;once</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Always accept this certificate</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WebJobs::ChangeFeed</name>
    <message>
        <source>This client already holds %1 event streams, as many as the agent allows: close one, or follow changes with /api/webjobs/changes.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WebJobs::CliSession</name>
    <message>
        <source>A triggered and a continuous job are both named &quot;%1&quot;: add --type triggered or --type continuous.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is a continuous job: &quot;webjobs %2&quot; is for triggered jobs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is a triggered job: &quot;webjobs %2&quot; is for continuous jobs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no triggered job named &quot;%1&quot;: &quot;webjobs list&quot; shows the jobs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no continuous job named &quot;%1&quot;: &quot;webjobs list&quot; shows the jobs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no job named &quot;%1&quot;: &quot;webjobs list&quot; shows the jobs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No jobs yet: add one with &quot;webjobs add NAME FILE&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NAME</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TYPE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>STATUS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LAST RUN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NEXT RUN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SCHEDULE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Script</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none, runs on demand</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latest run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, %2, started %3, lasted %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Instances</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Added the triggered job &quot;%1&quot;; it runs %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Added the continuous job &quot;%1&quot;; it runs %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted the triggered job &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted the continuous job &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The run lives in this program, which holds the local host: waiting for it to end (use --wait to see its log).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run %1 of &quot;%2&quot; ended: %3 after %4, exit code %5.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run %1 of &quot;%2&quot; ended: %3 after %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Started the continuous job &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped the continuous job &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; has not run yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RUN ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>STARTED</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DURATION</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>EXIT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TRIGGER</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n of %1 runs shown; --limit shows more.</source>
        <translation>
            <numerusform>%n of %1 runs shown; --limit shows more.</numerusform>
            <numerusform>%n of %1 runs shown; --limit shows more.</numerusform>
        </translation>
    </message>
    <message>
        <source>The continuous job &quot;%1&quot; was deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; has no run %2: &quot;webjobs history %1&quot; lists its runs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; has not run yet: there is no log to show.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; has no settings: its settings.job is empty or absent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>KEY</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>VALUE</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WebJobs::ClusterMember</name>
    <message>
        <source>Changes on other instances show at their next heartbeat.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The job database cannot be reached: %1 The jobs keep running; their records wait until it is back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The job database cannot be reached.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The job database is reachable again: saving what waited.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write the package of the job %1 to %2: %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot install the package of the job %1 from the job database: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the package of the job %1 to share it with the other instances: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The other instances keep the previous settings of the job %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write the settings of the job %1 to %2 as another instance changed them: check the permissions of the job&apos;s folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1: check the permissions of the job&apos;s folder.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WebJobs::ConnectionStore</name>
    <message>
        <source>No keychain service is running: the password is not saved and will be asked for at each connection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No keychain service is running (%1): the password is not saved and will be asked for at each connection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The keychain refused access to the password (%1): it will be asked for at each connection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The keychain failed (%1): the password will be asked for at each connection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>disabled</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WebJobs::ConnectionsDialog</name>
    <message>
        <source>Connections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Local host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agent (URL)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kudu site</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;URL:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asked for at each connection when left empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Cancel test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>U&amp;ser:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter a name for the connection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the site&apos;s name (mysite) or its Kudu URL (https://mysite.scm.azurewebsites.net).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the agent&apos;s URL, such as https://server.example.com:8181.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove Connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the connection “%1” and its saved password?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This machine&apos;s jobs need no connection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected: %1 is ready.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1
SHA-256: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Site or URL:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mysite or https://mysite.scm.azurewebsites.net</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>https://server.example.com:8181</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WebJobs::ConsoleSession</name>
    <message>
        <source>Connect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No saved connection is named “%1”, and it is not a URL such as https://server:8181. Add it in File &gt; Connect to &gt; Manage Connections.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Local host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Switch connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Switching to %1 closes the windows open on this connection, and what you typed or started in them is lost: %2. Switch anyway? Answer No to finish there first.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WebJobs::ContinuousJobRunner</name>
    <message>
        <source>Cannot remove %1: check the permissions of the job&apos;s folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1: check the permissions of the job&apos;s folder.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WebJobs::FailureNotifications</name>
    <message>
        <source>Open run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dismiss all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the run started at %2 ended with %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the run started at %2 failed with exit code %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First error: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the continuous job exits soon after each start. Open its log to see why.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open log</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n more</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WebJobs::FileLogSource</name>
    <message>
        <source>The log file %1 does not exist (yet). It appears when the job writes its first line.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The log viewer was closed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The log file %1 cannot be read: %2. Check that you may read it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The log %1 cannot be read: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1: %2. Choose another folder.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WebJobs::InstanceListModel</name>
    <message>
        <source>Live</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unresponsive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (this connection)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The console talks to this instance.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No heartbeat for too long: the other instances close its runs and take over its work.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Instance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Process id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last heartbeat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WebJobs::InstancesDialog</name>
    <message>
        <source>Instances</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The agents that share this site&apos;s job database. Each runs jobs and answers for every run; one that stops sending heartbeats is taken for dead, its runs are closed and its work is taken over by the others.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n instance(s)</source>
        <translation>
            <numerusform>%n instance</numerusform>
            <numerusform>%n instances</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n unresponsive</source>
        <translation>
            <numerusform>%n unresponsive</numerusform>
            <numerusform>%n unresponsive</numerusform>
        </translation>
    </message>
    <message>
        <source>database unreachable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connected: the instances are shown once the console is connected again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This site runs on one instance.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Database: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Database: connected</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WebJobs::JobDetailsDialog</name>
    <message>
        <source>WebJob details: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Command run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recent job runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duration of recent runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n run(s) in the history</source>
        <translation>
            <numerusform>%n run in the history</numerusform>
            <numerusform>%n runs in the history</numerusform>
        </translation>
    </message>
    <message>
        <source>Download all logs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the log of every run in one zip, each named by its start time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save all logs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zip archives (*.zip)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n log(s) saved to %1.</source>
        <translation>
            <numerusform>%n log saved to %1.</numerusform>
            <numerusform>%n logs saved to %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n run(s) had no log.</source>
        <translation>
            <numerusform>%n run had no log.</numerusform>
            <numerusform>%n runs had no log.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WebJobs::JobHost</name>
    <message>
        <source>Cannot create the job folders under %1: check that it is writable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The host is shutting down; try again when it is back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no triggered job named &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WebJobs are currently in &quot;stopped&quot; state.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run %1 of &quot;%2&quot; is not running: only a running run can be aborted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no continuous job named &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write settings.job for &quot;%1&quot;: %2. Check the permissions of the job&apos;s folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename the folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The job runs without its settings.job until it is fixed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The folder %1 is not loaded as a job.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The jobs in %1 are already run by %2 (process %3): two hosts cannot run the jobs of one folder at once. Manage them from there (webjobs --connect URL reaches an agent), or stop it and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>another program</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot lock the data folder %1: check that it is writable.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WebJobs::JobListModel</name>
    <message>
        <source>Ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Logs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the log of the latest run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not loaded</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WebJobs::JobProcess</name>
    <message>
        <source>Cannot create a pipe for the job&apos;s output: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot start %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WebJobs::JobService</name>
    <message>
        <source>Starting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unavailable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reconnecting…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WebJobs::LineMatcher</name>
    <message>
        <source>The regular expression is not valid: %1 (at character %2). Correct it, or clear &quot;Regular expression&quot; to search for the text as it is.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WebJobs::LocalJobService</name>
    <message>
        <source>Local host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The local host is not available: %1 Restart the console, or check that its data folder %2 can be written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The log %1 cannot be read: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1: %2. Choose another folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The local host is not available.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The continuous job %1 has no log yet: it has not been started, or it has not written anything since.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The run %1 of %2 has no log: it has not written anything yet, or it was deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The log %1 cannot be read: %2. Check that you may read the console&apos;s data folder.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WebJobs::LogArchiveExport</name>
    <message>
        <source>The download was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has no runs yet: there is no log to download.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1: %2. Choose another folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>error %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file cannot be renamed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WebJobs::LogSearch</name>
    <message>
        <source>The log changed while it was searched. Search again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WebJobs::LogView</name>
    <message>
        <source>⋯ indexing the log: %1% ⋯</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The selection is larger than %1 MiB: select less, or download the log.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WebJobs::LogViewer</name>
    <message>
        <source>Search the log (Ctrl+F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Regular expression</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Match case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Matching lines only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous hit (Shift+F3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next hit (F3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop the search (Escape)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Levels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the lines of these levels only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Information</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warnings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Errors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Engine messages (SYS)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show new lines as they are written (End); scrolling up pauses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrap lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time and level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the time, instance and level of each line in a column</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> pt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Font size (Ctrl++ and Ctrl+-)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go to line…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go to a line (Ctrl+G)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go to time…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go to the first line at or after a time (Ctrl+Shift+G)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save a copy of the whole log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open in editor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the log in the system&apos;s text editor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next hit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous hit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The search went on from the top.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The search went on from the bottom.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Levels (filtered)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 of %Ln hit(s)</source>
        <translation>
            <numerusform>%1 of %Ln hit</numerusform>
            <numerusform>%1 of %Ln hits</numerusform>
        </translation>
    </message>
    <message>
        <source>No hits</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln hit(s)</source>
        <translation>
            <numerusform>%Ln hit</numerusform>
            <numerusform>%Ln hits</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 · searching %2%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · search stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln line(s)</source>
        <translation>
            <numerusform>%Ln line</numerusform>
            <numerusform>%Ln lines</numerusform>
        </translation>
    </message>
    <message>
        <source>indexing %1%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go to line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line number (1 to %1):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a line number: type digits only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line %1 is not indexed yet: %2 lines are indexed so far. Try again when indexing is done.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The log has %1 lines: give a number from 1 to %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go to time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the first line written at or after:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No line was written at or after %1: this is the last line.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text files (*.txt)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved to %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No application opens %1 here. Download the log and open it yourself.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WebJobs::MainWindow</name>
    <message>
        <source>WebJobs Console</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WebJobs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter by name or schedule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WebJob failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The run of %1 started at %2 ended with %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WebJob keeps crashing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The continuous job %1 exits soon after each start. Open its log to see why.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run with &amp;arguments…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A&amp;bort run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit &amp;schedule…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Se&amp;ttings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;logs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Actions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;WebJob</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WebJob %1 added.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run with arguments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Arguments passed to %1:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Abort run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete WebJob</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the WebJob %1 with its history and logs? This cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n WebJob(s)</source>
        <translation>
            <numerusform>%n WebJob</numerusform>
            <numerusform>%n WebJobs</numerusform>
        </translation>
    </message>
    <message>
        <source>No WebJob yet. Add a WebJob from a .zip or a script: it can run on demand, continuously, or on a schedule.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a WebJob…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Documentation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About WebJobs Console</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;WebJobs Console %1&lt;/h3&gt;&lt;p&gt;Runs scripts and programs on demand, continuously or on a schedule, and shows their status, history and output logs.&lt;/p&gt;&lt;p&gt;Connected to: %2&lt;/p&gt;&lt;p&gt;It manages the WebJobs of its own embedded host, of a webjobs-agent on any machine, or of a Kudu site, through Kudu&apos;s WebJobs REST API.&lt;/p&gt;&lt;p&gt;Released under the MIT licence. Built with Qt %3.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About WebJobs Console</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Documentation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The documentation is not installed. Install the webjobs-console package, or read the docs folder of the sources.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Local host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Manage Connections…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Connect to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The instances of this site that share its job database</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WebJobs::PackageImporter</name>
    <message>
        <source>The import was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No job folder was given for the package.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the uploaded file &quot;%1&quot;: upload it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The package &quot;%1&quot; is %2, more than the %3 allowed: make it smaller, for example by leaving out files the job does not need.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create the folder %1: check the free space and the permissions of the jobs folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create a staging folder in %1 (%2): check the free space and the permissions of the jobs folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The package has %1 entries, more than the %2 allowed: put fewer files in the zip.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The package expands to %1, more than the %2 allowed: make it smaller.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a valid zip file or is damaged: create the zip again and upload it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The package contains an entry with an invalid name, &quot;%1&quot;: rename that file and create the zip again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The package contains an entry with an absolute path, &quot;%1&quot;: create the zip again with paths relative to its top folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The package contains an entry that points outside the job folder, &quot;%1&quot;: create the zip again without &quot;..&quot; in its paths.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The package contains a symbolic link, &quot;%1&quot;, and links are not accepted: replace the link with the file it points to and create the zip again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The package entry &quot;%1&quot; is protected by a password: create the zip again without a password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The package entry &quot;%1&quot; uses a compression method that is not supported: create the zip again with the standard Deflate method.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The package contains &quot;%1&quot; more than once: create the zip again so that each path appears only once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The package contains &quot;%1&quot; both as a file and as a folder: create the zip again so that each path appears only once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The package entry &quot;%1&quot; cannot be decompressed: the zip is damaged or truncated. Create it again and upload it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The package expands to more than the %1 allowed although it declares less: its sizes are false, so it was refused. Create the zip again with a standard tool.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The package entry &quot;%1&quot; is damaged: its checksum does not match its content. Create the zip again and upload it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; cannot be used as a script file name: give the file a plain name such as run.sh.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot put the new package in place of %1 (%2): the previous package was kept. Check the permissions of the jobs folder and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The package contains an entry whose name is too long (%1 bytes at most per name, %2 per path), &quot;%3&quot;: give it a shorter name and create the zip again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WebJobs::PasswordPrompt</name>
    <message>
        <source>Password for %1:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect to %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WebJobs::PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The language changes at the next start of the console.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WebJobs::RemoteJobService</name>
    <message>
        <source>The log %1 does not exist on the server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1: %2. Choose another folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>its event stream ended.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection to %1 is not encrypted: the password and the jobs cross the network in clear. Use an https:// address (the agent&apos;s --tls-cert and --tls-key options).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The certificate of %1 is not trusted (%2). Check its details, and accept it if you trust it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection to %1 was lost: %2 Retrying…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This server does not answer like a Kudu/WebJobs endpoint: check the URL (GET /api/webjobs answered HTTP %1 without a list of jobs). For an App Service site, use its SCM address, https://&lt;site&gt;.scm.azurewebsites.net.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 reads its schedule in its own time zone (UTC unless its app setting WEBSITE_TIME_ZONE says otherwise), not in %2. Choose UTC and give the times in UTC.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 only understands NCRONTAB schedules, and this one cannot be written as one. %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The upload of %1 was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The upload of %1 could not finish: %2 The job was not changed; add it again once the connection is back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The package %1 (%2) is larger than %3 accepts: make it smaller, or raise the agent&apos;s --max-upload-size.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The job %1 is already running: wait for its run to end, or abort it, then run it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The job %1 is already running: wait for its run to end, then run it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The WebJobs of %1 are stopped (its WEBJOBS_STOPPED setting is on): turn that setting off to run jobs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot abort a run: Kudu has no such request. Wait for the run to end, or stop its process on the server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>aborted by the user</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WebJobs::RequestGate</name>
    <message>
        <source>The request line is not &quot;METHOD target HTTP/1.1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This agent speaks HTTP/1.1 and HTTP/1.0 only: end the request line with HTTP/1.1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request head mixes line ends or holds a carriage return inside a line: end every line with CRLF.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request head holds a control character.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A header line is not &quot;Name: value&quot; with a name made of letters, digits and -!#$%&amp;&apos;*+.^_`|~.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A header line starts with a blank (folded headers are not accepted): write each header on one line.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request has more than one Content-Length, or one that is not a number: send exactly one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The only transfer coding accepted is a single &quot;Transfer-Encoding: chunked&quot; (HTTP/1.1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request has both a Content-Length and &quot;Transfer-Encoding: chunked&quot;: send one of them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request has more than one Host header.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A line of the request head is longer than %1 bytes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request has more than %1 header lines.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request head is longer than %1 bytes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request is not valid HTTP/1.1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A chunk-size line of the body is longer than %1 bytes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The chunked body is malformed: end each chunk line with CRLF.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The chunked body is malformed: a chunk size is not a hexadecimal number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The chunked body is malformed: a chunk is longer than its size, or trailers follow the last chunk (they are not accepted).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request head did not arrive within %1 seconds: send it whole.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request body stalled for %1 seconds.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WebJobs::RunDetailsDialog</name>
    <message>
        <source>WebJob log: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WebJob run details: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trigger</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Arguments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exit code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Output</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy log URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This run no longer exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text files (*.txt)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Command</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The log&apos;s URL is on the clipboard.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WebJobs::RunHistoryModel</name>
    <message>
        <source>Start time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trigger</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WebJobs::ScheduleCronPage</name>
    <message>
        <source>CRON expression</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Six fields: second, minute, hour, day of month, month, day of week. For example 0 */15 * * * * runs every 15 minutes.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WebJobs::ScheduleMonthPage</name>
    <message>
        <source>Days of the month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Week days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Occurrences</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>second</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>third</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fourth</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>last</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the days of the month the job runs on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose at least one day of the month.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose at least one occurrence and one day of the week, such as the last Friday.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WebJobs::SchedulePreviewPage</name>
    <message>
        <source>Next occurrences</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The job will run at these times.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CRON %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The schedule has no future occurrence.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The schedule, as settings.job stores it under &quot;recurrence&quot; (the time zone goes under &quot;time_zone&quot;):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The keys written into settings.job:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WebJobs::ScheduleRecurrencePage</name>
    <message>
        <source>Choose how often the job runs, and when the schedule ends.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How often</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>minute(s)</source>
        <translation>
            <numerusform>minute</numerusform>
            <numerusform>minutes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>hour(s)</source>
        <translation>
            <numerusform>hour</numerusform>
            <numerusform>hours</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>day(s)</source>
        <translation>
            <numerusform>day</numerusform>
            <numerusform>days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>week(s)</source>
        <translation>
            <numerusform>week</numerusform>
            <numerusform>weeks</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>month(s)</source>
        <translation>
            <numerusform>month</numerusform>
            <numerusform>months</numerusform>
        </translation>
    </message>
    <message>
        <source>Repeat every</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WebJobs::ScheduleStartPage</name>
    <message>
        <source>Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose when the schedule starts, and the time zone its times are read in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At a specific time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The time zone &quot;%1&quot; is unknown: choose one from the list, such as Europe/Paris.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start date</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WebJobs::ScheduleTimePage</name>
    <message>
        <source>At</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the time of day the job runs, in the schedule&apos;s time zone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also at hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A schedule runs at each of its hours at the same minutes, so %1 and %2 cannot be one schedule: more times share the minute above (%1, %3, %4).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>for example %1, %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an hour: list whole hours separated by commas, such as %2, %3.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WebJobs::ScheduleTypePage</name>
    <message>
        <source>Recurrence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose whether the job runs once or again and again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One-time job</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recurring job</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Advanced: a CRON expression (NCRONTAB)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WebJobs::ScheduleWeekDaysPage</name>
    <message>
        <source>Week days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the days of the week the job runs on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose at least one day of the week.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WebJobs::ScheduleWizard</name>
    <message>
        <source>Schedule</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WebJobs::ServiceLogSource</name>
    <message>
        <source>The log viewer was closed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The host did not answer. Check the connection, then open the log again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection to the host was closed. Open the log again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WebJobs::SettingsDialog</name>
    <message>
        <source>Settings of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit schedule…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>settings.job</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The settings are valid.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WebJobs::StoreFailures</name>
    <message>
        <source>The job database refused a write without saying why.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The run did not start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The old runs are removed after the next run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The host tries again every %n second(s).</source>
        <translation>
            <numerusform>The host tries again every %n second.</numerusform>
            <numerusform>The host tries again every %n seconds.</numerusform>
        </translation>
    </message>
    <message>
        <source>The job does not start on this instance until the database records its claim; it tries again at each heartbeat.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WebJobs::TriggeredJobRunner</name>
    <message>
        <source>Cannot start a new run since job is already running.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WebJobs are currently in &quot;stopped&quot; state.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WebJobs::WebHooks</name>
    <message>
        <source>&quot;%1&quot; is not a valid web hook address: give an absolute http:// or https:// URL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The web hook has no event: give &quot;event&quot;, for example &quot;TriggeredJobFinished&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is a link-local address, where cloud machines serve their metadata and credentials: web hooks may not call it unless the agent runs with --allow-link-local-hooks.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A web hook may not call the agent itself (%1 port %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A web hook may not call the agent itself (%1).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WorkingCopy</name>
    <message>
        <source>Cannot copy the job&apos;s files to %1: check the free space and the permissions of that folder.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
