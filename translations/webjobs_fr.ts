<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>AbortReason</name>
    <message>
        <source>agent restarted</source>
        <translation>l'agent a redémarré</translation>
    </message>
    <message>
        <source>agent stopped</source>
        <translation>l'agent s'est arrêté</translation>
    </message>
    <message>
        <source>instance %1 stopped responding</source>
        <translation>l'instance %1 ne répond plus</translation>
    </message>
</context>
<context>
    <name>AgentCommandLine</name>
    <message>
        <source>Data folder: job packages, runs, logs and the database (default: %1).</source>
        <translation>Dossier de données : paquets des tâches web, exécutions, journaux et base de données (par défaut : %1).</translation>
    </message>
    <message>
        <source>folder</source>
        <translation>dossier</translation>
    </message>
    <message>
        <source>Address and port to serve the API on (default: 127.0.0.1:8181).</source>
        <translation>Adresse et port sur lesquels servir l'API (par défaut : 127.0.0.1:8181).</translation>
    </message>
    <message>
        <source>host:port</source>
        <translation>hôte:port</translation>
    </message>
    <message>
        <source>User name of HTTP Basic authentication (or WEBJOBS_AGENT_USER).</source>
        <translation>Nom d'utilisateur de l'authentification HTTP Basic (ou WEBJOBS_AGENT_USER).</translation>
    </message>
    <message>
        <source>name</source>
        <translation>nom</translation>
    </message>
    <message>
        <source>File whose first line is the password (or WEBJOBS_AGENT_PASSWORD). Without a user and a password the agent serves loopback addresses only.</source>
        <translation>Fichier dont la première ligne est le mot de passe (ou WEBJOBS_AGENT_PASSWORD). Sans utilisateur ni mot de passe, l'agent ne sert que les adresses de bouclage.</translation>
    </message>
    <message>
        <source>file</source>
        <translation>fichier</translation>
    </message>
    <message>
        <source>PEM certificate (chain) to serve HTTPS with.</source>
        <translation>Certificat PEM (ou chaîne de certificats) avec lequel servir HTTPS.</translation>
    </message>
    <message>
        <source>PEM private key of the certificate.</source>
        <translation>Clé privée PEM du certificat.</translation>
    </message>
    <message>
        <source>Base URL of the agent as clients reach it, for URLs sent in web hooks (default: the listening address).</source>
        <translation>URL de base de l'agent telle que les clients l'atteignent, pour les URL envoyées dans les webhooks (par défaut : l'adresse d'écoute).</translation>
    </message>
    <message>
        <source>url</source>
        <translation>url</translation>
    </message>
    <message>
        <source>Largest job package accepted, in bytes or with K, M, G (default: 100M).</source>
        <translation>Taille maximale d'un paquet de tâche web accepté, en octets ou suivie de K, M, G (par défaut : 100M).</translation>
    </message>
    <message>
        <source>size</source>
        <translation>taille</translation>
    </message>
    <message>
        <source>Database: an SQLite file or a postgresql:// URL (default: webjobs.db in the data folder).</source>
        <translation>Base de données : un fichier SQLite ou une URL postgresql:// (par défaut : webjobs.db dans le dossier de données).</translation>
    </message>
    <message>
        <source>Seconds given to running jobs to stop on SIGTERM before they are killed (default: 30).</source>
        <translation>Secondes laissées aux tâches web en cours pour s'arrêter sur SIGTERM avant d'être tuées (par défaut : 30).</translation>
    </message>
    <message>
        <source>seconds</source>
        <translation>secondes</translation>
    </message>
    <message>
        <source>Passwords are never taken from the command line, where other users can read them: put it in a file given with --password-file, or in WEBJOBS_AGENT_PASSWORD.</source>
        <translation>Les mots de passe ne sont jamais lus sur la ligne de commande, où d'autres utilisateurs peuvent les voir : placez-le dans un fichier indiqué par --password-file, ou dans WEBJOBS_AGENT_PASSWORD.</translation>
    </message>
    <message>
        <source>Unknown command "%1": see --help.</source>
        <translation>Commande inconnue « %1 » : voir --help.</translation>
    </message>
    <message>
        <source>"%1" is not an address to listen on: give host:port with an IP address, such as 127.0.0.1:8181, [::1]:8181 or *:8181.</source>
        <translation>« %1 » n'est pas une adresse d'écoute : indiquez hôte:port avec une adresse IP, comme 127.0.0.1:8181, [::1]:8181 ou *:8181.</translation>
    </message>
    <message>
        <source>Cannot read the password file %1: %2.</source>
        <translation>Impossible de lire le fichier de mot de passe %1 : %2.</translation>
    </message>
    <message>
        <source>The password file %1 is empty: its first line is the password.</source>
        <translation>Le fichier de mot de passe %1 est vide : sa première ligne doit contenir le mot de passe.</translation>
    </message>
    <message>
        <source>The user %1 has no password: give --password-file or set WEBJOBS_AGENT_PASSWORD.</source>
        <translation>L'utilisateur %1 n'a pas de mot de passe : indiquez --password-file ou définissez WEBJOBS_AGENT_PASSWORD.</translation>
    </message>
    <message>
        <source>A password was given without a user name: give --user (or WEBJOBS_AGENT_USER).</source>
        <translation>Un mot de passe a été donné sans nom d'utilisateur : indiquez --user (ou WEBJOBS_AGENT_USER).</translation>
    </message>
    <message>
        <source>The user name cannot contain ':' (HTTP Basic authentication separates it from the password with one).</source>
        <translation>Le nom d'utilisateur ne peut pas contenir « : » (l'authentification HTTP Basic s'en sert pour le séparer du mot de passe).</translation>
    </message>
    <message>
        <source>Refusing to listen on %1 without authentication: give --user and a password (--password-file or WEBJOBS_AGENT_PASSWORD), or listen on a loopback address such as 127.0.0.1.</source>
        <translation>Écoute sur %1 refusée sans authentification : indiquez --user et un mot de passe (--password-file ou WEBJOBS_AGENT_PASSWORD), ou écoutez sur une adresse de bouclage comme 127.0.0.1.</translation>
    </message>
    <message>
        <source>HTTPS needs both --tls-cert and --tls-key.</source>
        <translation>HTTPS nécessite à la fois --tls-cert et --tls-key.</translation>
    </message>
    <message>
        <source>"%1" is not a size: give bytes, or a number followed by K, M or G.</source>
        <translation>« %1 » n'est pas une taille : indiquez des octets, ou un nombre suivi de K, M ou G.</translation>
    </message>
    <message>
        <source>"%1" is not a number of seconds.</source>
        <translation>« %1 » n'est pas un nombre de secondes.</translation>
    </message>
    <message>
        <source>Connections served at once, from all clients (default: 1024, and fewer than the process may open files).</source>
        <translation>Connexions servies à la fois, tous clients confondus (par défaut : 1024, et moins que le nombre de fichiers que le processus peut ouvrir).</translation>
    </message>
    <message>
        <source>count</source>
        <translation>nombre</translation>
    </message>
    <message>
        <source>Connections served at once from one address (an IPv6 /64 counts as one); idle ones are closed to make room (default: 32).</source>
        <translation>Connexions servies à la fois depuis une même adresse (un /64 IPv6 compte pour une) ; les connexions inactives sont fermées pour faire de la place (par défaut : 32).</translation>
    </message>
    <message>
        <source>Seconds an idle connection is kept open between requests (default: 30).</source>
        <translation>Secondes pendant lesquelles une connexion inactive reste ouverte entre deux requêtes (par défaut : 30).</translation>
    </message>
    <message>
        <source>Let web hooks call link-local addresses (169.254.0.0/16, fe80::/10), where cloud machines serve their metadata and credentials.</source>
        <translation>Permet aux webhooks d'appeler des adresses lien-local (169.254.0.0/16, fe80::/10), où les machines du cloud servent leurs métadonnées et leurs identifiants.</translation>
    </message>
    <message>
        <source>The password file %1 can be read or changed by other users (mode %2): the agent refuses to use it. Run: chmod 600 %1</source>
        <translation>Le fichier de mot de passe %1 peut être lu ou modifié par d'autres utilisateurs (mode %2) : l'agent refuse de l'utiliser. Exécutez : chmod 600 %1</translation>
    </message>
    <message>
        <source>--%1 "%2" is not a positive whole number.</source>
        <translation>--%1 « %2 » n'est pas un nombre entier positif.</translation>
    </message>
    <message>
        <source>Seconds a TLS handshake or a request head may take to arrive, and a request body may stall (default: 20).</source>
        <translation>Secondes que peuvent mettre la négociation TLS ou l'en-tête d'une requête à arriver, et pendant lesquelles le corps d'une requête peut rester bloqué (par défaut : 20).</translation>
    </message>
</context>
<context>
    <name>AgentDaemon</name>
    <message>
        <source>Cannot read the certificate %1: %2.</source>
        <translation>Impossible de lire le certificat %1 : %2.</translation>
    </message>
    <message>
        <source>%1 holds no PEM certificate.</source>
        <translation>%1 ne contient aucun certificat PEM.</translation>
    </message>
    <message>
        <source>Cannot read the private key %1: %2.</source>
        <translation>Impossible de lire la clé privée %1 : %2.</translation>
    </message>
    <message>
        <source>%1 holds no unencrypted PEM private key (RSA or EC).</source>
        <translation>%1 ne contient aucune clé privée PEM non chiffrée (RSA ou EC).</translation>
    </message>
    <message>
        <source>Cannot create the data folder %1: check its parent's permissions.</source>
        <translation>Impossible de créer le dossier de données %1 : vérifiez les droits de son dossier parent.</translation>
    </message>
    <message>
        <source>webjobs-agent %1 listening on %2 (data: %3, instance %4)</source>
        <translation>webjobs-agent %1 à l'écoute sur %2 (données : %3, instance %4)</translation>
    </message>
    <message>
        <source>Second signal: stopping now.</source>
        <translation>Second signal : arrêt immédiat.</translation>
    </message>
    <message>
        <source>Signal %1 received: stopping the jobs (at most %2 s).</source>
        <translation>Signal %1 reçu : arrêt des tâches web (%2 s au plus).</translation>
    </message>
    <message>
        <source>Warning: cannot make the data folder %1 private to the agent's user (chmod 700): its files may be readable by others.</source>
        <translation>Attention : impossible de réserver le dossier de données %1 à l'utilisateur de l'agent (chmod 700) : ses fichiers peuvent être lisibles par d'autres.</translation>
    </message>
</context>
<context>
    <name>AgentMain</name>
    <message>
        <source>WebJobs agent: runs WebJobs (on demand, continuously or on a schedule) and serves Kudu's WebJobs REST API.

Commands:
  schedule   Print the next occurrences of a schedule (see schedule --help).</source>
        <translation>Agent Tâches web : exécute des tâches web (à la demande, en continu ou selon une planification) et sert l'API REST WebJobs de Kudu.

Commandes :
  schedule   Affiche les prochaines occurrences d'une planification (voir schedule --help).</translation>
    </message>
</context>
<context>
    <name>CliCommandLine</name>
    <message>
        <source>Manage the agent or Kudu site at URL, or the connection NAME saved in the console, instead of the local host.</source>
        <translation>Gérer l'agent ou le site Kudu à l'adresse URL, ou la connexion NOM enregistrée dans la console, au lieu de l'hôte local.</translation>
    </message>
    <message>
        <source>URL|NAME</source>
        <translation>URL|NOM</translation>
    </message>
    <message>
        <source>User name for --connect (default: the saved connection's).</source>
        <translation>Nom d'utilisateur pour --connect (par défaut : celui de la connexion enregistrée).</translation>
    </message>
    <message>
        <source>name</source>
        <translation>nom</translation>
    </message>
    <message>
        <source>File whose first line is the password for --connect; it must not be readable by other users. Otherwise WEBJOBS_PASSWORD, the keychain, or a prompt.</source>
        <translation>Fichier dont la première ligne est le mot de passe pour --connect ; les autres utilisateurs ne doivent pas pouvoir le lire. Sinon WEBJOBS_PASSWORD, le trousseau, ou une question posée dans le terminal.</translation>
    </message>
    <message>
        <source>file</source>
        <translation>fichier</translation>
    </message>
    <message>
        <source>Data folder of the local host (default: the console's).</source>
        <translation>Dossier de données de l'hôte local (par défaut : celui de la console).</translation>
    </message>
    <message>
        <source>folder</source>
        <translation>dossier</translation>
    </message>
    <message>
        <source>Print Kudu's JSON instead of tables, for scripts.</source>
        <translation>Afficher le JSON de Kudu au lieu de tableaux, pour les scripts.</translation>
    </message>
    <message>
        <source>Print only the job names, one per line.</source>
        <translation>N'afficher que les noms des tâches web, un par ligne.</translation>
    </message>
    <message>
        <source>triggered or continuous: the job's type (add: default triggered; elsewhere needed only when a triggered and a continuous job share the name).</source>
        <translation>triggered (déclenchée) ou continuous (continue) : le type de la tâche web (add : triggered par défaut ; ailleurs, nécessaire seulement quand une tâche déclenchée et une tâche continue portent le même nom).</translation>
    </message>
    <message>
        <source>type</source>
        <translation>type</translation>
    </message>
    <message>
        <source>Run the triggered job on this six-field NCRONTAB schedule (second minute hour day month day-of-week).</source>
        <translation>Exécuter la tâche déclenchée selon cette planification NCRONTAB à six champs (seconde minute heure jour mois jour-de-la-semaine).</translation>
    </message>
    <message>
        <source>cron</source>
        <translation>cron</translation>
    </message>
    <message>
        <source>Arguments passed to the job's script.</source>
        <translation>Arguments passés au script de la tâche web.</translation>
    </message>
    <message>
        <source>text</source>
        <translation>texte</translation>
    </message>
    <message>
        <source>Stream the run's log until it ends, and exit with its status (0 Success, 1 Failed, 3 Aborted, 4 Stopped).</source>
        <translation>Afficher le journal de l'exécution au fil de l'eau jusqu'à sa fin, puis sortir avec son état (0 Réussite, 1 Échec, 3 Abandonnée, 4 Arrêtée).</translation>
    </message>
    <message>
        <source>How many runs to show, newest first (default 20).</source>
        <translation>Nombre d'exécutions à afficher, les plus récentes d'abord (20 par défaut).</translation>
    </message>
    <message>
        <source>count</source>
        <translation>nombre</translation>
    </message>
    <message>
        <source>Keep printing the log as it grows, until the run or the job ends, or Ctrl-C.</source>
        <translation>Continuer d'afficher le journal à mesure qu'il s'allonge, jusqu'à la fin de l'exécution ou de la tâche web, ou jusqu'à Ctrl-C.</translation>
    </message>
    <message>
        <source>Set KEY to VALUE in settings.job (VALUE is read as JSON when it is JSON, as text otherwise; an empty VALUE removes KEY). May be repeated.</source>
        <translation>Donner la valeur VALEUR à CLÉ dans settings.job (VALEUR est lue comme du JSON quand c'en est, comme du texte sinon ; une VALEUR vide supprime CLÉ). Peut être répété.</translation>
    </message>
    <message>
        <source>key=value</source>
        <translation>clé=valeur</translation>
    </message>
    <message>
        <source>Lists the jobs with their status, latest run and schedule.</source>
        <translation>Liste les tâches web avec leur état, leur dernière exécution et leur planification.</translation>
    </message>
    <message>
        <source>Shows a job: its status, script, schedule, latest run and settings.</source>
        <translation>Affiche une tâche web : son état, son script, sa planification, sa dernière exécution et ses paramètres.</translation>
    </message>
    <message>
        <source>Adds job NAME from FILE, a zip or a single script (.sh .py .js .php .ps1 .cmd .bat .exe), or replaces the job's package.</source>
        <translation>Ajoute la tâche web NOM à partir de FICHIER, un fichier zip ou un script seul (.sh .py .js .php .ps1 .cmd .bat .exe), ou remplace le paquet de la tâche.</translation>
    </message>
    <message>
        <source>Deletes a job with its runs and logs.</source>
        <translation>Supprime une tâche web avec ses exécutions et ses journaux.</translation>
    </message>
    <message>
        <source>Starts a run of a triggered job and prints its id.</source>
        <translation>Démarre une exécution d'une tâche déclenchée et affiche son identifiant.</translation>
    </message>
    <message>
        <source>Starts a continuous job.</source>
        <translation>Démarre une tâche continue.</translation>
    </message>
    <message>
        <source>Stops a continuous job.</source>
        <translation>Arrête une tâche continue.</translation>
    </message>
    <message>
        <source>Lists the runs of a triggered job, newest first.</source>
        <translation>Liste les exécutions d'une tâche déclenchée, les plus récentes d'abord.</translation>
    </message>
    <message>
        <source>Prints the log of a run (the latest when RUN_ID is not given) or of a continuous job.</source>
        <translation>Affiche le journal d'une exécution (la dernière quand ID_EXÉCUTION n'est pas donné) ou d'une tâche continue.</translation>
    </message>
    <message>
        <source>Prints a job's settings.job, or changes keys of it with --set.</source>
        <translation>Affiche le settings.job d'une tâche web, ou en modifie des clés avec --set.</translation>
    </message>
    <message>
        <source>NAME FILE</source>
        <translation>NOM FICHIER</translation>
    </message>
    <message>
        <source>NAME [RUN_ID]</source>
        <translation>NOM [ID_EXÉCUTION]</translation>
    </message>
    <message>
        <source>NAME</source>
        <translation>NOM</translation>
    </message>
    <message>
        <source>Manages WebJobs from a terminal or a script: the local host of WebJobs Console by default, or an agent or a Kudu site with --connect.</source>
        <translation>Gère les tâches web depuis un terminal ou un script : l'hôte local de la console WebJobs par défaut, ou un agent ou un site Kudu avec --connect.</translation>
    </message>
    <message>
        <source>Commands:</source>
        <translation>Commandes :</translation>
    </message>
    <message>
        <source>"webjobs COMMAND --help" shows a command's options. Exit status: 0 done, 1 the service refused or failed (the sentence says why), 2 invalid input; run --wait exits with the run's status.</source>
        <translation>« webjobs COMMANDE --help » affiche les options d'une commande. Code de sortie : 0 terminé, 1 le service a refusé ou a échoué (la phrase dit pourquoi), 2 saisie non valide ; run --wait sort avec l'état de l'exécution.</translation>
    </message>
    <message>
        <source>%1 See "webjobs --help".</source>
        <translation>%1 Voir « webjobs --help ».</translation>
    </message>
    <message>
        <source>%1 See "webjobs %2 --help".</source>
        <translation>%1 Voir « webjobs %2 --help ».</translation>
    </message>
    <message>
        <source>Usage: webjobs [options] COMMAND [ARGS] [command options]</source>
        <translation>Utilisation : webjobs [options] COMMANDE [ARGUMENTS] [options de la commande]</translation>
    </message>
    <message>
        <source>The job's name.</source>
        <translation>Le nom de la tâche web.</translation>
    </message>
    <message>
        <source>FILE</source>
        <translation>FICHIER</translation>
    </message>
    <message>
        <source>A zip holding the job's files, or a single script.</source>
        <translation>Un fichier zip contenant les fichiers de la tâche web, ou un script seul.</translation>
    </message>
    <message>
        <source>RUN_ID</source>
        <translation>ID_EXÉCUTION</translation>
    </message>
    <message>
        <source>The run, as "webjobs history" lists it (default: the latest).</source>
        <translation>L'exécution, telle que « webjobs history » la liste (par défaut : la dernière).</translation>
    </message>
    <message>
        <source>Give a command, such as "webjobs list"; "webjobs --help" lists them all.</source>
        <translation>Indiquez une commande, par exemple « webjobs list » ; « webjobs --help » les liste toutes.</translation>
    </message>
    <message>
        <source>Unknown command "%1": the commands are %2 (see "webjobs --help").</source>
        <translation>Commande « %1 » inconnue : les commandes sont %2 (voir « webjobs --help »).</translation>
    </message>
    <message>
        <source>Usage: webjobs [global options] %1 [options]</source>
        <translation>Utilisation : webjobs [options générales] %1 [options]</translation>
    </message>
    <message>
        <source>Passwords are never taken from the command line, where other users can read them: put it in a file given with --password-file, or in WEBJOBS_PASSWORD.</source>
        <translation>Les mots de passe ne sont jamais lus sur la ligne de commande, où d'autres utilisateurs peuvent les lire : placez-le dans un fichier indiqué par --password-file, ou dans WEBJOBS_PASSWORD.</translation>
    </message>
    <message>
        <source>--connect needs a URL, such as https://mysite.scm.azurewebsites.net, or the name of a saved connection.</source>
        <translation>--connect attend une URL, par exemple https://mysite.scm.azurewebsites.net, ou le nom d'une connexion enregistrée.</translation>
    </message>
    <message>
        <source>--data names the local host's folder and --connect a remote one: give only one of them.</source>
        <translation>--data désigne le dossier de l'hôte local et --connect un hôte distant : n'indiquez que l'un des deux.</translation>
    </message>
    <message>
        <source>--user and --password-file are for --connect: the local host needs no password.</source>
        <translation>--user et --password-file vont avec --connect : l'hôte local n'a pas besoin de mot de passe.</translation>
    </message>
    <message>
        <source>"webjobs %1" needs %2: see "webjobs %1 --help".</source>
        <translation>« webjobs %1 » attend %2 : voir « webjobs %1 --help ».</translation>
    </message>
    <message>
        <source>Unexpected argument "%1" for "webjobs %2": see "webjobs %2 --help".</source>
        <translation>Argument « %1 » inattendu pour « webjobs %2 » : voir « webjobs %2 --help ».</translation>
    </message>
    <message>
        <source>The job name is empty: give the name of a job ("webjobs list" shows them).</source>
        <translation>Le nom de la tâche web est vide : indiquez le nom d'une tâche (« webjobs list » les affiche).</translation>
    </message>
    <message>
        <source>--type must be triggered or continuous, not "%1".</source>
        <translation>--type doit valoir triggered ou continuous, pas « %1 ».</translation>
    </message>
    <message>
        <source>--limit must be a whole number from 1 to %1; "%2" is not.</source>
        <translation>--limit doit être un nombre entier de 1 à %1 ; « %2 » n'en est pas un.</translation>
    </message>
    <message>
        <source>Only a triggered job runs on a schedule: leave out --schedule or --type continuous.</source>
        <translation>Seule une tâche déclenchée s'exécute selon une planification : retirez --schedule ou --type continuous.</translation>
    </message>
    <message>
        <source>--set takes KEY=VALUE, such as --set is_singleton=true; "%1" is not.</source>
        <translation>--set attend CLÉ=VALEUR, par exemple --set is_singleton=true ; « %1 » n'est pas de cette forme.</translation>
    </message>
    <message>
        <source>Cannot read %1: give the path of a zip or of a script file.</source>
        <translation>Impossible de lire %1 : indiquez le chemin d'un fichier zip ou d'un script.</translation>
    </message>
    <message>
        <source>A continuous job has one log and no runs: leave out the run id.</source>
        <translation>Une tâche continue a un seul journal et pas d'exécutions : retirez l'identifiant d'exécution.</translation>
    </message>
</context>
<context>
    <name>CliCredentials</name>
    <message>
        <source>Cannot read the password file %1: %2.</source>
        <translation>Impossible de lire le fichier de mot de passe %1 : %2.</translation>
    </message>
    <message>
        <source>The password file %1 is open to other users (permissions %2): make it private with "chmod 600 %1", then try again.</source>
        <translation>Le fichier de mot de passe %1 est ouvert aux autres utilisateurs (permissions %2) : rendez-le privé avec « chmod 600 %1 », puis réessayez.</translation>
    </message>
    <message>
        <source>The password file %1 is empty: its first line is the password.</source>
        <translation>Le fichier de mot de passe %1 est vide : sa première ligne est le mot de passe.</translation>
    </message>
    <message>
        <source>The keychain refused to give the password of "%1": %2.</source>
        <translation>Le trousseau a refusé de donner le mot de passe de « %1 » : %2.</translation>
    </message>
    <message>
        <source>No keychain service is running (or none answered: %2), so the saved password of "%1" cannot be read.</source>
        <translation>Aucun service de trousseau n'est actif (ou aucun n'a répondu : %2), le mot de passe enregistré de « %1 » ne peut donc pas être lu.</translation>
    </message>
    <message>
        <source>Password of %1 at %2: </source>
        <translation>Mot de passe de %1 sur %2 : </translation>
    </message>
    <message>
        <source>The user %1 needs a password for %2, and there is no terminal to ask for it on: give --password-file FILE or set WEBJOBS_PASSWORD.</source>
        <translation>L'utilisateur %1 a besoin d'un mot de passe pour %2, et aucun terminal ne permet de le demander : indiquez --password-file FICHIER ou définissez WEBJOBS_PASSWORD.</translation>
    </message>
</context>
<context>
    <name>CliService</name>
    <message>
        <source>The local host in %1 is open in another program (%2, process %3), which runs jobs there: close it first, or manage these jobs from it.</source>
        <translation>L'hôte local de %1 est ouvert dans un autre programme (%2, processus %3), qui y exécute des tâches web : fermez-le d'abord, ou gérez ces tâches depuis ce programme.</translation>
    </message>
    <message>
        <source>"%1" is not a URL to connect to: give http:// or https:// and a host, such as https://mysite.scm.azurewebsites.net or http://127.0.0.1:8181.</source>
        <translation>« %1 » n'est pas une URL de connexion : indiquez http:// ou https:// et un hôte, par exemple https://mysite.scm.azurewebsites.net ou http://127.0.0.1:8181.</translation>
    </message>
    <message>
        <source>Passwords are never taken from the command line, where other users can read them: remove it from the URL and put it in a file given with --password-file, or in WEBJOBS_PASSWORD.</source>
        <translation>Les mots de passe ne sont jamais lus sur la ligne de commande, où d'autres utilisateurs peuvent les lire : retirez-le de l'URL et placez-le dans un fichier indiqué par --password-file, ou dans WEBJOBS_PASSWORD.</translation>
    </message>
    <message>
        <source>There is no saved connection named "%1", and none is saved yet: give a URL such as https://mysite.scm.azurewebsites.net, or save the connection in WebJobs Console first.</source>
        <translation>Aucune connexion enregistrée ne s'appelle « %1 », et aucune n'est encore enregistrée : indiquez une URL, par exemple https://mysite.scm.azurewebsites.net, ou enregistrez d'abord la connexion dans la console WebJobs.</translation>
    </message>
    <message>
        <source>There is no saved connection named "%1": give a URL, or one of the saved connections: %2.</source>
        <translation>Aucune connexion enregistrée ne s'appelle « %1 » : indiquez une URL, ou l'une des connexions enregistrées : %2.</translation>
    </message>
    <message>
        <source>The saved connection "%1" has no valid URL: correct it in WebJobs Console.</source>
        <translation>La connexion enregistrée « %1 » n'a pas d'URL valide : corrigez-la dans la console WebJobs.</translation>
    </message>
</context>
<context>
    <name>CliText</name>
    <message>
        <source>triggered</source>
        <translation>déclenchée</translation>
    </message>
    <message>
        <source>continuous</source>
        <translation>continue</translation>
    </message>
    <message>
        <source>invalid: %1</source>
        <translation>non valide : %1</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>%1:</source>
        <translation>%1 :</translation>
    </message>
</context>
<context>
    <name>ConsoleMain</name>
    <message>
        <source>WebJobs Console</source>
        <translation>Console WebJobs</translation>
    </message>
    <message>
        <source>WebJobs Console: adds WebJobs (a script or program in a zip) and runs them on demand, continuously or on a schedule, showing each run's status, history and log.</source>
        <translation>Console WebJobs : ajoute des tâches web (un script ou un programme dans un fichier zip) et les exécute à la demande, en continu ou selon une planification, en affichant l'état, l'historique et le journal de chaque exécution.</translation>
    </message>
    <message>
        <source>Opens the saved connection &lt;name&gt;, or the agent or Kudu site at &lt;url&gt; (https://server:8181), instead of the last one.</source>
        <translation>Ouvre la connexion enregistrée &lt;name&gt;, ou l'agent ou le site Kudu à l'adresse &lt;url&gt; (https://serveur:8181), au lieu de la dernière.</translation>
    </message>
    <message>
        <source>name|url</source>
        <translation>nom|url</translation>
    </message>
</context>
<context>
    <name>CronConversion</name>
    <message>
        <source>A Kudu schedule repeats: it cannot run a job once at a given time. Make the schedule recurring, or run the job by hand.</source>
        <translation>Une planification Kudu se répète : elle ne peut pas exécuter une tâche web une seule fois à une heure donnée. Rendez la planification périodique, ou exécutez la tâche web manuellement.</translation>
    </message>
    <message numerus="yes">
        <source>A Kudu schedule cannot run every %n minute(s): its minute steps start again every hour. Choose an interval that divides an hour (%1 minutes) or a day (60, 120, 180, 240, 360, 480 or 720 minutes).</source>
        <translation>
            <numerusform>Une planification Kudu ne peut pas s'exécuter toutes les %n minute : ses pas de minutes recommencent chaque heure. Choisissez un intervalle qui divise une heure (%1 minutes) ou une journée (60, 120, 180, 240, 360, 480 ou 720 minutes).</numerusform>
            <numerusform>Une planification Kudu ne peut pas s'exécuter toutes les %n minutes : ses pas de minutes recommencent chaque heure. Choisissez un intervalle qui divise une heure (%1 minutes) ou une journée (60, 120, 180, 240, 360, 480 ou 720 minutes).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>A Kudu schedule cannot run every %n hour(s): its hour steps start again every day. Choose an interval that divides a day (%1 hours).</source>
        <translation>
            <numerusform>Une planification Kudu ne peut pas s'exécuter toutes les %n heure : ses pas d'heures recommencent chaque jour. Choisissez un intervalle qui divise une journée (%1 heures).</numerusform>
            <numerusform>Une planification Kudu ne peut pas s'exécuter toutes les %n heures : ses pas d'heures recommencent chaque jour. Choisissez un intervalle qui divise une journée (%1 heures).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>A Kudu schedule cannot run every %n day(s): it has no step that carries over from one month to the next. Choose every day, or a weekly schedule on chosen days.</source>
        <translation>
            <numerusform>Une planification Kudu ne peut pas s'exécuter tous les %n jour : aucun de ses pas ne se poursuit d'un mois au suivant. Choisissez tous les jours, ou une planification hebdomadaire sur des jours choisis.</numerusform>
            <numerusform>Une planification Kudu ne peut pas s'exécuter tous les %n jours : aucun de ses pas ne se poursuit d'un mois au suivant. Choisissez tous les jours, ou une planification hebdomadaire sur des jours choisis.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>A Kudu schedule cannot run every %n week(s): it knows days of the week, not weeks. Choose every week.</source>
        <translation>
            <numerusform>Une planification Kudu ne peut pas s'exécuter toutes les %n semaine : elle connaît les jours de la semaine, pas les semaines. Choisissez chaque semaine.</numerusform>
            <numerusform>Une planification Kudu ne peut pas s'exécuter toutes les %n semaines : elle connaît les jours de la semaine, pas les semaines. Choisissez chaque semaine.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>A Kudu schedule cannot run every %n month(s): its month steps start again every year. Choose an interval that divides a year (%1 months).</source>
        <translation>
            <numerusform>Une planification Kudu ne peut pas s'exécuter tous les %n mois : ses pas de mois recommencent chaque année. Choisissez un intervalle qui divise une année (%1 mois).</numerusform>
            <numerusform>Une planification Kudu ne peut pas s'exécuter tous les %n mois : ses pas de mois recommencent chaque année. Choisissez un intervalle qui divise une année (%1 mois).</numerusform>
        </translation>
    </message>
    <message>
        <source>A Kudu schedule cannot count days from the end of the month (such as the last day): it only knows days 1 to 31. Choose days counted from the start of the month.</source>
        <translation>Une planification Kudu ne peut pas compter les jours depuis la fin du mois (comme le dernier jour) : elle ne connaît que les jours 1 à 31. Choisissez des jours comptés depuis le début du mois.</translation>
    </message>
    <message>
        <source>A Kudu schedule cannot count days of the week from the end of the month (such as the last Friday). Choose an occurrence counted from the start (first to fifth).</source>
        <translation>Une planification Kudu ne peut pas compter les jours de la semaine depuis la fin du mois (comme le dernier vendredi). Choisissez une occurrence comptée depuis le début (de la première à la cinquième).</translation>
    </message>
    <message>
        <source>A Kudu schedule cannot combine different occurrences of different days of the week (such as the first Monday and the second Friday). Give every chosen day the same occurrences, or save one job per day.</source>
        <translation>Une planification Kudu ne peut pas combiner des occurrences différentes de jours de la semaine différents (comme le premier lundi et le deuxième vendredi). Donnez les mêmes occurrences à chaque jour choisi, ou enregistrez une tâche web par jour.</translation>
    </message>
    <message numerus="yes">
        <source>A Kudu schedule cannot stop after %n run(s): it runs until it is removed. Remove the number of runs, and remove the schedule when it is no longer needed.</source>
        <translation>
            <numerusform>Une planification Kudu ne peut pas s'arrêter après %n exécution : elle s'exécute jusqu'à ce qu'elle soit supprimée. Retirez le nombre d'exécutions, et supprimez la planification quand elle n'est plus utile.</numerusform>
            <numerusform>Une planification Kudu ne peut pas s'arrêter après %n exécutions : elle s'exécute jusqu'à ce qu'elle soit supprimée. Retirez le nombre d'exécutions, et supprimez la planification quand elle n'est plus utile.</numerusform>
        </translation>
    </message>
    <message>
        <source>A Kudu schedule cannot stop at an end time: it runs until it is removed. Remove the end time, and remove the schedule when it is no longer needed.</source>
        <translation>Une planification Kudu ne peut pas s'arrêter à une heure de fin : elle s'exécute jusqu'à ce qu'elle soit supprimée. Retirez l'heure de fin, et supprimez la planification quand elle n'est plus utile.</translation>
    </message>
    <message>
        <source>A Kudu site reads its schedule in its own time zone (UTC unless its app setting WEBSITE_TIME_ZONE says otherwise), not in %1. Choose UTC and give the times in UTC.</source>
        <translation>Un site Kudu lit sa planification dans son propre fuseau horaire (UTC, sauf si son paramètre d'application WEBSITE_TIME_ZONE en indique un autre), pas dans %1. Choisissez UTC et indiquez les heures en UTC.</translation>
    </message>
    <message>
        <source>A Kudu schedule cannot run the job at once when it is saved, as a recurrence without a start time does. Choose a start time (now or earlier): the job then runs at the schedule's times only.</source>
        <translation>Une planification Kudu ne peut pas exécuter la tâche web dès son enregistrement, comme le fait une périodicité sans heure de début. Choisissez une heure de début (maintenant ou plus tôt) : la tâche web s'exécute alors uniquement aux heures de la planification.</translation>
    </message>
    <message>
        <source>A Kudu schedule starts when it is saved: it cannot wait for the start time %1. Choose a start time now or earlier, or save the schedule at %1.</source>
        <translation>Une planification Kudu commence dès son enregistrement : elle ne peut pas attendre l'heure de début %1. Choisissez une heure de début maintenant ou plus tôt, ou enregistrez la planification à %1.</translation>
    </message>
    <message>
        <source>A Kudu schedule runs on whole seconds, and the start time %1 has a fraction of a second. Give the start time in whole seconds.</source>
        <translation>Une planification Kudu s'exécute à la seconde entière, et l'heure de début %1 comporte une fraction de seconde. Indiquez l'heure de début en secondes entières.</translation>
    </message>
    <message>
        <source>This recurrence never runs: its hours or minutes are never on its steps. Choose hours and minutes that the interval reaches.</source>
        <translation>Cette périodicité ne s'exécute jamais : ses heures ou ses minutes ne tombent jamais sur ses pas. Choisissez des heures et des minutes que l'intervalle atteint.</translation>
    </message>
</context>
<context>
    <name>CronExpression</name>
    <message>
        <source>The second field (first of six)</source>
        <translation>Le champ des secondes (le premier des six)</translation>
    </message>
    <message>
        <source>The minute field (second of six)</source>
        <translation>Le champ des minutes (le deuxième des six)</translation>
    </message>
    <message>
        <source>The hour field (third of six)</source>
        <translation>Le champ des heures (le troisième des six)</translation>
    </message>
    <message>
        <source>The day field (fourth of six)</source>
        <translation>Le champ du jour du mois (le quatrième des six)</translation>
    </message>
    <message>
        <source>The month field (fifth of six)</source>
        <translation>Le champ du mois (le cinquième des six)</translation>
    </message>
    <message>
        <source>The day-of-week field (sixth of six)</source>
        <translation>Le champ du jour de la semaine (le sixième des six)</translation>
    </message>
    <message>
        <source>%1 uses "%2", but L, W, #, ? and H (Quartz and Jenkins extensions) are not supported; use *, numbers, ranges, lists or steps instead.</source>
        <translation>%1 utilise « %2 », mais L, W, #, ? et H (extensions de Quartz et de Jenkins) ne sont pas pris en charge ; utilisez plutôt *, des nombres, des plages, des listes ou des pas.</translation>
    </message>
    <message>
        <source>%1 does not accept negative numbers such as "%2"; use values from %3 to %4.</source>
        <translation>%1 n'accepte pas les nombres négatifs comme « %2 » ; utilisez des valeurs de %3 à %4.</translation>
    </message>
    <message>
        <source>%1 has a malformed range "%2"; write a range as two values joined by a hyphen, for example %3.</source>
        <translation>%1 contient une plage mal formée, « %2 » ; écrivez une plage sous la forme de deux valeurs reliées par un trait d'union, par exemple %3.</translation>
    </message>
    <message>
        <source>%1 accepts 1 to 12 or English month names such as Jan or March; "%2" is neither.</source>
        <translation>%1 accepte les valeurs de 1 à 12 ou les noms anglais des mois, comme Jan ou March ; « %2 » n'est ni l'un ni l'autre.</translation>
    </message>
    <message>
        <source>%1 accepts 0 to 6 (0 is Sunday) or English day names such as Mon or Friday; "%2" is neither.</source>
        <translation>%1 accepte les valeurs de 0 à 6 (0 pour dimanche) ou les noms anglais des jours, comme Mon ou Friday ; « %2 » n'est ni l'un ni l'autre.</translation>
    </message>
    <message>
        <source>%1 accepts numbers from %2 to %3, *, ranges (a-b), lists (a,b) and steps (*/n); "%4" is not one of these.</source>
        <translation>%1 accepte des nombres de %2 à %3, *, des plages (a-b), des listes (a,b) et des pas (*/n) ; « %4 » n'en fait pas partie.</translation>
    </message>
    <message>
        <source>%1 allows 0 to 6, where 0 is Sunday, so 7 in "%2" is out of range; write 0 or Sun for Sunday.</source>
        <translation>%1 accepte les valeurs de 0 à 6, 0 désignant le dimanche : le 7 de « %2 » est donc hors limites ; écrivez 0 ou Sun pour le dimanche.</translation>
    </message>
    <message>
        <source>%1 allows %2 to %3; "%4" is out of range.</source>
        <translation>%1 accepte les valeurs de %2 à %3 ; « %4 » est hors limites.</translation>
    </message>
    <message>
        <source>%1 has an empty item in "%2"; remove the extra comma or put a value between the commas.</source>
        <translation>%1 contient un élément vide dans « %2 » ; supprimez la virgule en trop ou placez une valeur entre les virgules.</translation>
    </message>
    <message>
        <source>%1 needs a whole number after the slash in "%2"; write a step such as */15 or 0/20.</source>
        <translation>%1 exige un nombre entier après la barre oblique dans « %2 » ; écrivez un pas comme */15 ou 0/20.</translation>
    </message>
    <message>
        <source>%1 cannot use the step in "%2" because it is too large; use a step from 1 to %3.</source>
        <translation>%1 ne peut pas utiliser le pas de « %2 », car il est trop grand ; utilisez un pas de 1 à %3.</translation>
    </message>
    <message>
        <source>Separate the fields of a schedule with plain spaces; tabs and line breaks are not allowed.</source>
        <translation>Séparez les champs de la planification par de simples espaces ; les tabulations et les sauts de ligne ne sont pas acceptés.</translation>
    </message>
    <message>
        <source>The schedule is empty; write six fields separated by spaces (second minute hour day month day-of-week), for example "0 */15 * * * *".</source>
        <translation>La planification est vide ; écrivez six champs séparés par des espaces (seconde minute heure jour mois jour-de-la-semaine), par exemple « 0 */15 * * * * ».</translation>
    </message>
    <message>
        <source>Macros such as "%1" are not supported; write the six fields instead, for example "0 0 0 * * *" for every day at midnight.</source>
        <translation>Les macros comme « %1 » ne sont pas prises en charge ; écrivez plutôt les six champs, par exemple « 0 0 0 * * * » pour tous les jours à minuit.</translation>
    </message>
    <message>
        <source>A schedule needs exactly six fields (second minute hour day month day-of-week); this one has five, so put the seconds first, for example "0 %1".</source>
        <translation>Une planification doit comporter exactement six champs (seconde minute heure jour mois jour-de-la-semaine) ; celle-ci n'en a que cinq : ajoutez les secondes en tête, par exemple « 0 %1 ».</translation>
    </message>
    <message>
        <source>A schedule needs exactly six fields separated by spaces (second minute hour day month day-of-week); this one has %1.</source>
        <translation>Une planification doit comporter exactement six champs séparés par des espaces (seconde minute heure jour mois jour-de-la-semaine) ; celle-ci en compte %1.</translation>
    </message>
</context>
<context>
    <name>DatabaseLocation</name>
    <message>
        <source>The job database address "%1" is not valid: %2. Use a file path, sqlite:/path/to/webjobs.db or postgresql://user:password@host:port/database.</source>
        <translation>L'adresse « %1 » de la base de données des tâches web n'est pas valide : %2. Indiquez un chemin de fichier, sqlite:/chemin/vers/webjobs.db ou postgresql://utilisateur:motdepasse@hôte:port/base.</translation>
    </message>
    <message>
        <source>a database file must be on this machine</source>
        <translation>un fichier de base de données doit se trouver sur cette machine</translation>
    </message>
    <message>
        <source>the file path is missing</source>
        <translation>le chemin du fichier est absent</translation>
    </message>
    <message>
        <source>the address is empty</source>
        <translation>l'adresse est vide</translation>
    </message>
    <message>
        <source>the kind of database "%1" is not supported (use sqlite or postgresql)</source>
        <translation>le type de base de données « %1 » n'est pas pris en charge (utilisez sqlite ou postgresql)</translation>
    </message>
    <message>
        <source>the database name is missing after the host (…/database)</source>
        <translation>le nom de la base de données manque après l'hôte (…/base)</translation>
    </message>
    <message>
        <source>the connection option "%1" cannot hold spaces or semicolons</source>
        <translation>l'option de connexion « %1 » ne peut contenir ni espace ni point-virgule</translation>
    </message>
</context>
<context>
    <name>HostContext</name>
    <message>
        <source>Cannot read %1: %2. Check its permissions.</source>
        <translation>Impossible de lire %1 : %2. Vérifiez ses droits.</translation>
    </message>
</context>
<context>
    <name>HttpReply</name>
    <message>
        <source>The file cannot be read: it is gone, unreadable or not a regular file.</source>
        <translation>Le fichier ne peut pas être lu : il a disparu, il est illisible ou ce n'est pas un fichier ordinaire.</translation>
    </message>
</context>
<context>
    <name>Job</name>
    <message>
        <source>A job must be a JSON object.</source>
        <translation>Une tâche web doit être un objet JSON.</translation>
    </message>
    <message>
        <source>The latest run of job %1: %2</source>
        <translation>Dernière exécution de la tâche web %1 : %2</translation>
    </message>
    <message>
        <source>The job member "%1" is missing or has an unexpected value.</source>
        <translation>Le membre « %1 » de la tâche web est absent ou a une valeur inattendue.</translation>
    </message>
    <message>
        <source>The job is not valid JSON: %1.</source>
        <translation>La tâche web n'est pas un JSON valide : %1.</translation>
    </message>
    <message>
        <source>A job list must be a JSON array.</source>
        <translation>Une liste de tâches web doit être un tableau JSON.</translation>
    </message>
    <message>
        <source>Job %1 of the list: %2</source>
        <translation>Tâche web %1 de la liste : %2</translation>
    </message>
    <message>
        <source>The job list is not valid JSON: %1.</source>
        <translation>La liste des tâches web n'est pas un JSON valide : %1.</translation>
    </message>
</context>
<context>
    <name>JobName</name>
    <message>
        <source>Enter a name for the job: it starts with a letter or a digit and contains only letters, digits, '-' and '_'.</source>
        <translation>Saisissez un nom pour la tâche web : il commence par une lettre ou un chiffre et ne contient que des lettres, des chiffres, « - » et « _ ».</translation>
    </message>
    <message>
        <source>The job name is %1 characters long: a job name has at most %2 characters.</source>
        <translation>Le nom de la tâche web compte %1 caractères : un nom de tâche web compte au plus %2 caractères.</translation>
    </message>
    <message>
        <source>"%1" is not a valid job name: a job name starts with a letter or a digit and contains only letters (A to Z, without accents), digits, '-' and '_', at most %2 characters.</source>
        <translation>« %1 » n'est pas un nom de tâche web valide : un nom de tâche web commence par une lettre ou un chiffre et ne contient que des lettres (de A à Z, sans accents), des chiffres, « - » et « _ », au plus %2 caractères.</translation>
    </message>
</context>
<context>
    <name>JobRun</name>
    <message>
        <source>A run must be a JSON object.</source>
        <translation>Une exécution doit être un objet JSON.</translation>
    </message>
    <message>
        <source>The run member "%1" is missing or has an unexpected value.</source>
        <translation>Le membre « %1 » de l'exécution est absent ou a une valeur inattendue.</translation>
    </message>
    <message>
        <source>The run is not valid JSON: %1.</source>
        <translation>L'exécution n'est pas un JSON valide : %1.</translation>
    </message>
    <message>
        <source>The run's status file is not valid JSON: %1.</source>
        <translation>Le fichier d'état de l'exécution n'est pas un JSON valide : %1.</translation>
    </message>
    <message>
        <source>A run's status file must hold a JSON object.</source>
        <translation>Le fichier d'état d'une exécution doit contenir un objet JSON.</translation>
    </message>
    <message>
        <source>The member "%1" of the run's status file is missing or has an unexpected value.</source>
        <translation>Le membre « %1 » du fichier d'état de l'exécution est absent ou a une valeur inattendue.</translation>
    </message>
    <message>
        <source>A run history must be a JSON object with a "runs" array.</source>
        <translation>Un historique d'exécutions doit être un objet JSON contenant un tableau « runs ».</translation>
    </message>
    <message>
        <source>Run %1 of the history: %2</source>
        <translation>Exécution %1 de l'historique : %2</translation>
    </message>
    <message>
        <source>The run history is not valid JSON: %1.</source>
        <translation>L'historique d'exécutions n'est pas un JSON valide : %1.</translation>
    </message>
</context>
<context>
    <name>JobSettings</name>
    <message>
        <source>A comment in the job settings is never closed (line %1, column %2): end it with */.</source>
        <translation>Un commentaire des paramètres de la tâche web n'est jamais fermé (ligne %1, colonne %2) : terminez-le par */.</translation>
    </message>
    <message>
        <source>The job settings are empty. Write {} for a job without settings.</source>
        <translation>Les paramètres de la tâche web sont vides. Écrivez {} pour une tâche sans paramètres.</translation>
    </message>
    <message>
        <source>The job settings are not valid JSON: %1 (line %2, column %3).</source>
        <translation>Les paramètres de la tâche web ne sont pas un JSON valide : %1 (ligne %2, colonne %3).</translation>
    </message>
    <message>
        <source>The job settings must be a JSON object between braces, such as {"is_singleton": true}.</source>
        <translation>Les paramètres de la tâche web doivent être un objet JSON entre accolades, par exemple {"is_singleton": true}.</translation>
    </message>
</context>
<context>
    <name>JobStatus</name>
    <message>
        <source>Initializing</source>
        <translation>Initialisation</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>En cours</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Arrêtée</translation>
    </message>
    <message>
        <source>Starting</source>
        <translation>Démarrage</translation>
    </message>
    <message>
        <source>Pending restart</source>
        <translation>Redémarrage en attente</translation>
    </message>
    <message>
        <source>Inactive instance</source>
        <translation>Instance inactive</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Échec</translation>
    </message>
    <message>
        <source>Aborted</source>
        <translation>Abandonnée</translation>
    </message>
    <message>
        <source>Disabling</source>
        <translation>Désactivation</translation>
    </message>
    <message>
        <source>Stopping</source>
        <translation>Arrêt en cours</translation>
    </message>
    <message>
        <source>Success</source>
        <translation>Réussite</translation>
    </message>
    <message>
        <source>Crash loop</source>
        <translation>Plantages en boucle</translation>
    </message>
</context>
<context>
    <name>JobStore</name>
    <message>
        <source>unknown database error</source>
        <translation>erreur inconnue de la base de données</translation>
    </message>
    <message>
        <source>it has no triggered job named %1</source>
        <translation>elle ne contient aucune tâche web déclenchée nommée %1</translation>
    </message>
    <message>
        <source>it has no continuous job named %1</source>
        <translation>elle ne contient aucune tâche web continue nommée %1</translation>
    </message>
    <message>
        <source>The Qt SQL driver %1 is not installed, so the job database at %2 cannot be opened. Install the package that provides it (libqt6sql6-sqlite or libqt6sql6-psql on Debian).</source>
        <translation>Le pilote SQL Qt %1 n'est pas installé : la base de données des tâches web %2 ne peut donc pas être ouverte. Installez le paquet qui le fournit (libqt6sql6-sqlite ou libqt6sql6-psql sous Debian).</translation>
    </message>
    <message>
        <source>Cannot open the job database at %1: %2. Check that the folder exists and is writable, and that the file is a SQLite database.</source>
        <translation>Impossible d'ouvrir la base de données des tâches web %1 : %2. Vérifiez que le dossier existe et est accessible en écriture, et que le fichier est une base de données SQLite.</translation>
    </message>
    <message>
        <source>Cannot connect to the job database at %1: %2. Check the address, the user name and the password, and that the PostgreSQL server is running and accepts connections.</source>
        <translation>Impossible de se connecter à la base de données des tâches web %1 : %2. Vérifiez l'adresse, le nom d'utilisateur et le mot de passe, et que le serveur PostgreSQL fonctionne et accepte les connexions.</translation>
    </message>
    <message>
        <source>The job database at %1 was created by a newer version of WebJobs (schema version %2; this program knows versions up to %3). Upgrade this program, or give it another database.</source>
        <translation>La base de données des tâches web %1 a été créée par une version plus récente de WebJobs (schéma version %2 ; ce programme connaît les versions jusqu'à %3). Mettez ce programme à jour ou indiquez-lui une autre base de données.</translation>
    </message>
    <message>
        <source>Cannot prepare the job database at %1: %2. Check that the database user may create tables in it.</source>
        <translation>Impossible de préparer la base de données des tâches web %1 : %2. Vérifiez que l'utilisateur de la base de données a le droit d'y créer des tables.</translation>
    </message>
    <message>
        <source>Cannot upgrade the job database at %1 to schema version %2: %3. It stays at version %4; check that it is writable and that the disk is not full.</source>
        <translation>Impossible de mettre à jour la base de données des tâches web %1 vers la version %2 du schéma : %3. Elle reste en version %4 ; vérifiez qu'elle est accessible en écriture et que le disque n'est pas plein.</translation>
    </message>
    <message>
        <source>Cannot read the schema version of the job database at %1: %2.</source>
        <translation>Impossible de lire la version du schéma de la base de données des tâches web %1 : %2.</translation>
    </message>
    <message>
        <source>Cannot start a transaction in the job database: %1.</source>
        <translation>Impossible de démarrer une transaction dans la base de données des tâches web : %1.</translation>
    </message>
    <message>
        <source>Cannot save the changes to the job database: %1.</source>
        <translation>Impossible d'enregistrer les modifications dans la base de données des tâches web : %1.</translation>
    </message>
    <message>
        <source>The job database holds the unknown status "%1"; a newer version of WebJobs may have written it. Upgrade this program.</source>
        <translation>La base de données des tâches web contient l'état inconnu « %1 » ; une version plus récente de WebJobs l'a peut-être écrit. Mettez ce programme à jour.</translation>
    </message>
    <message>
        <source>Cannot read runs from the job database: %1.</source>
        <translation>Impossible de lire des exécutions dans la base de données des tâches web : %1.</translation>
    </message>
    <message>
        <source>Cannot save the job %1 in the job database: %2.</source>
        <translation>Impossible d'enregistrer la tâche web %1 dans la base de données des tâches web : %2.</translation>
    </message>
    <message>
        <source>Cannot remove the job %1 from the job database: %2.</source>
        <translation>Impossible de supprimer la tâche web %1 de la base de données des tâches web : %2.</translation>
    </message>
    <message>
        <source>Cannot read the list of jobs from the job database: %1.</source>
        <translation>Impossible de lire la liste des tâches web dans la base de données des tâches web : %1.</translation>
    </message>
    <message>
        <source>Cannot read the job %1 from the job database: %2.</source>
        <translation>Impossible de lire la tâche web %1 dans la base de données des tâches web : %2.</translation>
    </message>
    <message>
        <source>The job database holds the unknown job type "%1"; a newer version of WebJobs may have written it. Upgrade this program.</source>
        <translation>La base de données des tâches web contient le type de tâche inconnu « %1 » ; une version plus récente de WebJobs l'a peut-être écrit. Mettez ce programme à jour.</translation>
    </message>
    <message>
        <source>Cannot read the runs of the job %1 from the job database: %2.</source>
        <translation>Impossible de lire les exécutions de la tâche web %1 dans la base de données des tâches web : %2.</translation>
    </message>
    <message>
        <source>Cannot start a new run of the job %1 since it is already running (run %2). Wait for that run to finish, or stop it.</source>
        <translation>Impossible de démarrer une nouvelle exécution de la tâche web %1, car elle est déjà en cours d'exécution (exécution %2). Attendez la fin de cette exécution ou arrêtez-la.</translation>
    </message>
    <message>
        <source>the job already has a run with this id</source>
        <translation>la tâche web a déjà une exécution avec cet identifiant</translation>
    </message>
    <message>
        <source>Cannot record the run %1 of the job %2 in the job database: %3.</source>
        <translation>Impossible d'enregistrer l'exécution %1 de la tâche web %2 dans la base de données des tâches web : %3.</translation>
    </message>
    <message>
        <source>Cannot update the run %1 of the job %2 in the job database: %3.</source>
        <translation>Impossible de mettre à jour l'exécution %1 de la tâche web %2 dans la base de données des tâches web : %3.</translation>
    </message>
    <message>
        <source>Cannot update the run %1 of the job %2: the job database has no such run.</source>
        <translation>Impossible de mettre à jour l'exécution %1 de la tâche web %2 : cette exécution n'existe pas dans la base de données des tâches web.</translation>
    </message>
    <message>
        <source>Cannot read the run %1 of the job %2 from the job database: %3.</source>
        <translation>Impossible de lire l'exécution %1 de la tâche web %2 dans la base de données des tâches web : %3.</translation>
    </message>
    <message>
        <source>Cannot read the latest run of the job %1 from the job database: %2.</source>
        <translation>Impossible de lire la dernière exécution de la tâche web %1 dans la base de données des tâches web : %2.</translation>
    </message>
    <message>
        <source>Cannot read the latest runs from the job database: %1.</source>
        <translation>Impossible de lire les dernières exécutions dans la base de données des tâches web : %1.</translation>
    </message>
    <message>
        <source>Cannot read the history of the job %1 from the job database: %2.</source>
        <translation>Impossible de lire l'historique de la tâche web %1 dans la base de données des tâches web : %2.</translation>
    </message>
    <message>
        <source>Cannot count the runs of the job %1 in the job database: %2.</source>
        <translation>Impossible de compter les exécutions de la tâche web %1 dans la base de données des tâches web : %2.</translation>
    </message>
    <message>
        <source>Cannot remove the old runs of the job %1 from the job database: %2.</source>
        <translation>Impossible de supprimer les anciennes exécutions de la tâche web %1 de la base de données des tâches web : %2.</translation>
    </message>
    <message>
        <source>Cannot read the unfinished runs from the job database: %1.</source>
        <translation>Impossible de lire les exécutions inachevées dans la base de données des tâches web : %1.</translation>
    </message>
    <message>
        <source>Cannot close the unfinished runs in the job database: %1.</source>
        <translation>Impossible de clore les exécutions inachevées dans la base de données des tâches web : %1.</translation>
    </message>
    <message>
        <source>Cannot read the schedule state of the job %1 from the job database: %2.</source>
        <translation>Impossible de lire l'état de la planification de la tâche web %1 dans la base de données des tâches web : %2.</translation>
    </message>
    <message>
        <source>Cannot save the schedule state of the job %1 in the job database: %2.</source>
        <translation>Impossible d'enregistrer l'état de la planification de la tâche web %1 dans la base de données des tâches web : %2.</translation>
    </message>
    <message>
        <source>Cannot record the scheduled time %1 of the job %2 in the job database: %3.</source>
        <translation>Impossible d'enregistrer l'heure planifiée %1 de la tâche web %2 dans la base de données des tâches web : %3.</translation>
    </message>
    <message>
        <source>Cannot remove the schedule state of the job %1 from the job database: %2.</source>
        <translation>Impossible de supprimer l'état de la planification de la tâche web %1 de la base de données des tâches web : %2.</translation>
    </message>
    <message>
        <source>Cannot save the status of the job %1 on the instance %2 in the job database: %3.</source>
        <translation>Impossible d'enregistrer l'état de la tâche web %1 sur l'instance %2 dans la base de données des tâches web : %3.</translation>
    </message>
    <message>
        <source>Cannot read the status of the job %1 from the job database: %2.</source>
        <translation>Impossible de lire l'état de la tâche web %1 dans la base de données des tâches web : %2.</translation>
    </message>
    <message>
        <source>Cannot read the status of the continuous jobs from the job database: %1.</source>
        <translation>Impossible de lire l'état des tâches web continues dans la base de données des tâches web : %1.</translation>
    </message>
    <message>
        <source>Cannot remove the status of the job %1 on the instance %2 from the job database: %3.</source>
        <translation>Impossible de supprimer l'état de la tâche web %1 sur l'instance %2 de la base de données des tâches web : %3.</translation>
    </message>
    <message>
        <source>Cannot record the process %1 of the job %2 in the job database: %3.</source>
        <translation>Impossible d'enregistrer le processus %1 de la tâche web %2 dans la base de données des tâches web : %3.</translation>
    </message>
    <message>
        <source>Cannot remove the process %1 from the job database: %2.</source>
        <translation>Impossible de supprimer le processus %1 de la base de données des tâches web : %2.</translation>
    </message>
    <message>
        <source>Cannot read the recorded processes from the job database: %1.</source>
        <translation>Impossible de lire les processus enregistrés dans la base de données des tâches web : %1.</translation>
    </message>
    <message>
        <source>unknown job type "%1"</source>
        <translation>type de tâche inconnu « %1 »</translation>
    </message>
    <message>
        <source>Cannot register the instance %1 in the job database: %2.</source>
        <translation>Impossible d'inscrire l'instance %1 dans la base de données des tâches web : %2.</translation>
    </message>
    <message>
        <source>Cannot record that the instance %1 is alive in the job database: %2.</source>
        <translation>Impossible d'enregistrer dans la base de données des tâches web que l'instance %1 est active : %2.</translation>
    </message>
    <message>
        <source>The instance %1 is not registered in the job database: another instance may have taken it for dead and taken over its work. Register it again.</source>
        <translation>L'instance %1 n'est pas inscrite dans la base de données des tâches web : une autre instance l'a peut-être crue arrêtée et a repris son travail. Inscrivez-la de nouveau.</translation>
    </message>
    <message>
        <source>Cannot read the list of instances from the job database: %1.</source>
        <translation>Impossible de lire la liste des instances dans la base de données des tâches web : %1.</translation>
    </message>
    <message>
        <source>Cannot remove the instance %1 from the job database: %2.</source>
        <translation>Impossible de supprimer l'instance %1 de la base de données des tâches web : %2.</translation>
    </message>
    <message>
        <source>Only a PostgreSQL job database can notify other instances.</source>
        <translation>Seule une base de données des tâches web PostgreSQL peut prévenir les autres instances.</translation>
    </message>
    <message>
        <source>Cannot listen to the notifications of the job database: %1.</source>
        <translation>Impossible d'écouter les notifications de la base de données des tâches web : %1.</translation>
    </message>
    <message>
        <source>Cannot notify the other instances: %1.</source>
        <translation>Impossible de prévenir les autres instances : %1.</translation>
    </message>
    <message>
        <source>Cannot reach the job database at %1: %2.</source>
        <translation>Impossible de joindre la base de données des tâches web à %1 : %2.</translation>
    </message>
    <message>
        <source>Cannot take over the work of the instance %1 in the job database: %2.</source>
        <translation>Impossible de reprendre le travail de l'instance %1 dans la base de données des tâches web : %2.</translation>
    </message>
    <message>
        <source>Cannot save the package of the job %1 in the job database: %2.</source>
        <translation>Impossible d'enregistrer le paquet de la tâche web %1 dans la base de données des tâches web : %2.</translation>
    </message>
    <message>
        <source>Cannot read the list of packages from the job database: %1.</source>
        <translation>Impossible de lire la liste des paquets dans la base de données des tâches web : %1.</translation>
    </message>
    <message>
        <source>Cannot read the package of the job %1 from the job database: %2.</source>
        <translation>Impossible de lire le paquet de la tâche web %1 dans la base de données des tâches web : %2.</translation>
    </message>
    <message>
        <source>Cannot copy the log of run %1 of the job %2 into the job database: %3.</source>
        <translation>Impossible de copier le journal de l'exécution %1 de la tâche web %2 dans la base de données des tâches web : %3.</translation>
    </message>
    <message>
        <source>Cannot read the log of run %1 of the job %2 from the job database: %3.</source>
        <translation>Impossible de lire le journal de l'exécution %1 de la tâche web %2 dans la base de données des tâches web : %3.</translation>
    </message>
    <message>
        <source>Cannot claim the singleton job %1 in the job database: %2.</source>
        <translation>Impossible de réserver la tâche web singleton %1 dans la base de données des tâches web : %2.</translation>
    </message>
    <message>
        <source>Cannot ask for the abort of run %1 of the job %2 in the job database: %3.</source>
        <translation>Impossible de demander l'abandon de l'exécution %1 de la tâche web %2 dans la base de données des tâches web : %3.</translation>
    </message>
    <message>
        <source>Cannot release the singleton job %1 in the job database: %2.</source>
        <translation>Impossible de libérer la tâche web singleton %1 dans la base de données des tâches web : %2.</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>inconnue</translation>
    </message>
    <message>
        <source>Cannot save the settings of the job %1 in the job database: %2.</source>
        <translation>Impossible d'enregistrer les paramètres de la tâche %1 dans la base de données des tâches web : %2.</translation>
    </message>
    <message>
        <source>Cannot share the log lines of the job %1 with the other instances: %2.</source>
        <translation>Impossible de partager les lignes du journal de la tâche web %1 avec les autres instances : %2.</translation>
    </message>
    <message>
        <source>Cannot read the log lines that the other instances shared: %1.</source>
        <translation>Impossible de lire les lignes de journal partagées par les autres instances : %1.</translation>
    </message>
    <message>
        <source>Cannot read the web hooks from the job database: %1.</source>
        <translation>Impossible de lire les webhooks dans la base de données des tâches web : %1.</translation>
    </message>
    <message>
        <source>Cannot save the web hook %1 in the job database: %2.</source>
        <translation>Impossible d'enregistrer le webhook %1 dans la base de données des tâches web : %2.</translation>
    </message>
    <message>
        <source>another instance removed it at the same time</source>
        <translation>une autre instance l'a supprimé au même moment</translation>
    </message>
    <message>
        <source>Cannot remove the web hook %1 from the job database: %2.</source>
        <translation>Impossible de supprimer le webhook %1 de la base de données des tâches web : %2.</translation>
    </message>
</context>
<context>
    <name>JobText</name>
    <message>
        <source>Triggered</source>
        <translation>Déclenchée</translation>
    </message>
    <message>
        <source>Continuous</source>
        <translation>Continue</translation>
    </message>
    <message>
        <source>Invalid schedule</source>
        <translation>Planification non valide</translation>
    </message>
    <message>
        <source>On demand</source>
        <translation>À la demande</translation>
    </message>
    <message>
        <source>Scheduled: %1 (CRON)</source>
        <translation>Planifiée : %1 (CRON)</translation>
    </message>
    <message>
        <source>Scheduled: %1 (CRON, %2)</source>
        <translation>Planifiée : %1 (CRON, %2)</translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation>Planifiée</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>%1 (stopped by %2)</source>
        <translation>%1 (arrêtée par %2)</translation>
    </message>
    <message>
        <source>External - %1</source>
        <translation>Externe - %1</translation>
    </message>
    <message>
        <source>Schedule - %1</source>
        <translation>Planification - %1</translation>
    </message>
</context>
<context>
    <name>Recurrence</name>
    <message>
        <source>The field "%1" is given twice with different capitalisation; keep only one.</source>
        <translation>Le champ « %1 » apparaît deux fois avec des majuscules différentes ; n'en gardez qu'un.</translation>
    </message>
    <message>
        <source>The start time (startTime) "%1" is not a date and time; write it like 2024-05-06T09:30:00, adding Z or an offset such as +02:00 for an exact instant.</source>
        <translation>L'heure de début (startTime) « %1 » n'est pas une date et une heure ; écrivez-la comme 2024-05-06T09:30:00, en ajoutant Z ou un décalage tel que +02:00 pour un instant exact.</translation>
    </message>
    <message>
        <source>The recurrence must be an object such as {"frequency": "day"}; remove it for a one-time job.</source>
        <translation>La récurrence doit être un objet tel que {"frequency": "day"} ; supprimez-la pour une tâche ponctuelle.</translation>
    </message>
    <message>
        <source>The recurrence has no frequency; set frequency to minute, hour, day, week or month.</source>
        <translation>La récurrence n'a pas de fréquence ; donnez à frequency la valeur minute, hour, day, week ou month.</translation>
    </message>
    <message>
        <source>The frequency "%1" is not supported; for a yearly run use month with an interval of 12.</source>
        <translation>La fréquence « %1 » n'est pas prise en charge ; pour une exécution annuelle, utilisez month avec un intervalle de 12.</translation>
    </message>
    <message>
        <source>The frequency "%1" is not supported; use minute, hour, day, week or month.</source>
        <translation>La fréquence « %1 » n'est pas prise en charge ; utilisez minute, hour, day, week ou month.</translation>
    </message>
    <message>
        <source>The interval "%1" is not allowed: with frequency %2 it must be a whole number from 1 to %3; enter a number in that range.</source>
        <translation>L'intervalle « %1 » n'est pas autorisé : avec la fréquence %2, il doit être un nombre entier de 1 à %3 ; saisissez un nombre dans cette plage.</translation>
    </message>
    <message>
        <source>The count "%1" is not allowed: the number of runs must be a whole number of at least 1; enter 1 or more, or remove it for no limit.</source>
        <translation>Le nombre d'exécutions (count) « %1 » n'est pas autorisé : il doit être un nombre entier d'au moins 1 ; saisissez 1 ou plus, ou supprimez-le pour ne fixer aucune limite.</translation>
    </message>
    <message>
        <source>The end time (endTime) "%1" is not a date or a date and time; write it like 2024-12-31 or 2024-12-31T18:00:00, adding Z or an offset such as +02:00 for an exact instant.</source>
        <translation>L'heure de fin (endTime) « %1 » n'est ni une date ni une date et une heure ; écrivez-la comme 2024-12-31 ou 2024-12-31T18:00:00, en ajoutant Z ou un décalage tel que +02:00 pour un instant exact.</translation>
    </message>
    <message>
        <source>The schedule must be an object such as {"hours": [9], "minutes": [30]}; correct it or remove it.</source>
        <translation>La planification doit être un objet tel que {"hours": [9], "minutes": [30]} ; corrigez-la ou supprimez-la.</translation>
    </message>
    <message>
        <source>The schedule's %1 list is empty; list at least one value or remove it.</source>
        <translation>La liste %1 de la planification est vide ; indiquez au moins une valeur ou supprimez-la.</translation>
    </message>
    <message>
        <source>The schedule's minutes must be whole numbers from 0 to 59; "%1" is not. Correct or remove it.</source>
        <translation>Les minutes de la planification doivent être des nombres entiers de 0 à 59 ; « %1 » n'en est pas un. Corrigez-le ou supprimez-le.</translation>
    </message>
    <message>
        <source>The schedule's hours must be whole numbers from 0 to 23; "%1" is not. Correct or remove it.</source>
        <translation>Les heures de la planification doivent être des nombres entiers de 0 à 23 ; « %1 » n'en est pas un. Corrigez-le ou supprimez-le.</translation>
    </message>
    <message>
        <source>"%1" in the schedule's weekDays is not a day of the week; use monday, tuesday, wednesday, thursday, friday, saturday or sunday.</source>
        <translation>« %1 » dans les jours de la semaine (weekDays) de la planification n'est pas un jour de la semaine ; utilisez monday, tuesday, wednesday, thursday, friday, saturday ou sunday.</translation>
    </message>
    <message>
        <source>"%1" in the schedule's monthDays is not a day of the month; use 1 to 31, or -1 to -31 to count from the end (-1 is the last day).</source>
        <translation>« %1 » dans les jours du mois (monthDays) de la planification n'est pas un jour du mois ; utilisez 1 à 31, ou -1 à -31 pour compter à partir de la fin (-1 est le dernier jour).</translation>
    </message>
    <message>
        <source>Each monthly occurrence must be an object such as {"day": "friday", "occurrence": -1}; "%1" is not.</source>
        <translation>Chaque occurrence mensuelle doit être un objet tel que {"day": "friday", "occurrence": -1} ; « %1 » n'en est pas un.</translation>
    </message>
    <message>
        <source>A monthly occurrence has no day; add one, such as {"day": "friday", "occurrence": -1} for the last Friday.</source>
        <translation>Une occurrence mensuelle n'a pas de jour ; ajoutez-en un, par exemple {"day": "friday", "occurrence": -1} pour le dernier vendredi.</translation>
    </message>
    <message>
        <source>"%1" in a monthly occurrence is not a day of the week; use monday, tuesday, wednesday, thursday, friday, saturday or sunday.</source>
        <translation>« %1 » dans une occurrence mensuelle n'est pas un jour de la semaine ; utilisez monday, tuesday, wednesday, thursday, friday, saturday ou sunday.</translation>
    </message>
    <message>
        <source>The occurrence "%1" of a monthly occurrence is not allowed; use 1 to 5 (first to fifth) or -1 to -5 (last to fifth from the end), or remove it for every such day of the month.</source>
        <translation>Le rang « %1 » d'une occurrence mensuelle n'est pas autorisé ; utilisez 1 à 5 (du premier au cinquième) ou -1 à -5 (du dernier au cinquième en partant de la fin), ou supprimez-le pour retenir chacun de ces jours dans le mois.</translation>
    </message>
    <message>
        <source>Unknown field "%1" in a monthly occurrence; only day and occurrence are allowed.</source>
        <translation>Champ inconnu « %1 » dans une occurrence mensuelle ; seuls day et occurrence sont autorisés.</translation>
    </message>
    <message>
        <source>Unknown field "%1" in the schedule; the allowed fields are minutes, hours, weekDays, monthDays and monthlyOccurrences.</source>
        <translation>Champ inconnu « %1 » dans la planification ; les champs autorisés sont minutes, hours, weekDays, monthDays et monthlyOccurrences.</translation>
    </message>
    <message>
        <source>Unknown field "%1" in the recurrence; the allowed fields are frequency, interval, schedule, count and endTime.</source>
        <translation>Champ inconnu « %1 » dans la récurrence ; les champs autorisés sont frequency, interval, schedule, count et endTime.</translation>
    </message>
    <message>
        <source>The time zone is not valid; choose a time zone from the list, or UTC.</source>
        <translation>Le fuseau horaire n'est pas valide ; choisissez un fuseau horaire dans la liste, ou UTC.</translation>
    </message>
    <message>
        <source>A one-time job cannot have a schedule, a count or an end time; make the job recurring or remove them.</source>
        <translation>Une tâche ponctuelle ne peut avoir ni planification, ni nombre d'exécutions, ni heure de fin ; rendez la tâche périodique ou supprimez-les.</translation>
    </message>
    <message>
        <source>Week days (weekDays) are allowed only with frequency week; change the frequency to week or remove the week days.</source>
        <translation>Les jours de la semaine (weekDays) ne sont autorisés qu'avec la fréquence week ; passez la fréquence à week ou supprimez les jours de la semaine.</translation>
    </message>
    <message>
        <source>Month days (monthDays) are allowed only with frequency month; change the frequency to month or remove the month days.</source>
        <translation>Les jours du mois (monthDays) ne sont autorisés qu'avec la fréquence month ; passez la fréquence à month ou supprimez les jours du mois.</translation>
    </message>
    <message>
        <source>Monthly occurrences (monthlyOccurrences) are allowed only with frequency month; change the frequency to month or remove the monthly occurrences.</source>
        <translation>Les occurrences mensuelles (monthlyOccurrences) ne sont autorisées qu'avec la fréquence month ; passez la fréquence à month ou supprimez les occurrences mensuelles.</translation>
    </message>
    <message>
        <source>A schedule cannot have both month days (monthDays) and monthly occurrences (monthlyOccurrences); keep only one of them.</source>
        <translation>Une planification ne peut pas avoir à la fois des jours du mois (monthDays) et des occurrences mensuelles (monthlyOccurrences) ; n'en gardez qu'un des deux.</translation>
    </message>
    <message>
        <source>The end time (endTime) %1 is not after the creation time %2; choose a later end time.</source>
        <translation>L'heure de fin (endTime) %1 n'est pas postérieure à l'heure de création %2 ; choisissez une heure de fin plus tardive.</translation>
    </message>
    <message>
        <source>The end time (endTime) %1 is before the start time (startTime) %2; choose an end time after the start.</source>
        <translation>L'heure de fin (endTime) %1 est antérieure à l'heure de début (startTime) %2 ; choisissez une heure de fin postérieure au début.</translation>
    </message>
    <message>
        <source>This schedule never runs: its first run would be at %1, after the end time %2; choose a later end time.</source>
        <translation>Cette planification ne s'exécute jamais : sa première exécution aurait lieu le %1, après l'heure de fin %2 ; choisissez une heure de fin plus tardive.</translation>
    </message>
    <message>
        <source>This schedule never runs: none of the months it visits has the chosen days; change the days, the start month or the interval.</source>
        <translation>Cette planification ne s'exécute jamais : aucun des mois qu'elle parcourt ne comporte les jours choisis ; changez les jours, le mois de début ou l'intervalle.</translation>
    </message>
    <message>
        <source>This schedule never runs: none of its steps falls on the chosen hours and minutes; change the hours, the minutes or the interval.</source>
        <translation>Cette planification ne s'exécute jamais : aucun de ses pas ne tombe sur les heures et minutes choisies ; changez les heures, les minutes ou l'intervalle.</translation>
    </message>
    <message>
        <source>This schedule never runs; change its days or times.</source>
        <translation>Cette planification ne s'exécute jamais ; changez ses jours ou ses heures.</translation>
    </message>
    <message>
        <source>%1 and %2</source>
        <translation>%1 et %2</translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation>%1 à %2</translation>
    </message>
    <message>
        <source>day %1</source>
        <translation>le %1</translation>
    </message>
    <message>
        <source>the last day</source>
        <translation>le dernier jour</translation>
    </message>
    <message>
        <source>the day before the last day</source>
        <translation>l'avant-dernier jour</translation>
    </message>
    <message numerus="yes">
        <source>%n days before the last day</source>
        <translation>
            <numerusform>%n jours avant le dernier jour</numerusform>
            <numerusform>%n jours avant le dernier jour</numerusform>
        </translation>
    </message>
    <message>
        <source>the first %1</source>
        <translation>le premier %1</translation>
    </message>
    <message>
        <source>the second %1</source>
        <translation>le deuxième %1</translation>
    </message>
    <message>
        <source>the third %1</source>
        <translation>le troisième %1</translation>
    </message>
    <message>
        <source>the fourth %1</source>
        <translation>le quatrième %1</translation>
    </message>
    <message>
        <source>the fifth %1</source>
        <translation>le cinquième %1</translation>
    </message>
    <message>
        <source>the last %1</source>
        <translation>le dernier %1</translation>
    </message>
    <message>
        <source>the second to last %1</source>
        <translation>l'avant-dernier %1</translation>
    </message>
    <message>
        <source>the third to last %1</source>
        <translation>le troisième %1 en partant de la fin</translation>
    </message>
    <message>
        <source>the fourth to last %1</source>
        <translation>le quatrième %1 en partant de la fin</translation>
    </message>
    <message>
        <source>the fifth to last %1</source>
        <translation>le cinquième %1 en partant de la fin</translation>
    </message>
    <message>
        <source>every %1</source>
        <translation>chaque %1</translation>
    </message>
    <message>
        <source>Once, as soon as it is created</source>
        <translation>Une fois, dès sa création</translation>
    </message>
    <message>
        <source>Once at %1</source>
        <translation>Une fois, le %1</translation>
    </message>
    <message>
        <source>%1, every hour at minute %2</source>
        <translation>%1, toutes les heures à la minute %2</translation>
    </message>
    <message>
        <source>%1, every hour at minutes %2</source>
        <translation>%1, toutes les heures aux minutes %2</translation>
    </message>
    <message>
        <source>%1 at hour %2</source>
        <translation>%1 à %2 h</translation>
    </message>
    <message>
        <source>%1 at hours %2</source>
        <translation>%1 à %2 h</translation>
    </message>
    <message>
        <source>%1 at minute %2 of hours %3</source>
        <translation>%1 à la minute %2 des heures %3</translation>
    </message>
    <message>
        <source>%1 at minutes %2 of hours %3</source>
        <translation>%1 aux minutes %2 des heures %3</translation>
    </message>
    <message>
        <source>%1 at %2</source>
        <translation>%1 à %2</translation>
    </message>
    <message>
        <source>Every minute</source>
        <translation>Toutes les minutes</translation>
    </message>
    <message numerus="yes">
        <source>Every %n minutes</source>
        <translation>
            <numerusform>Toutes les %n minutes</numerusform>
            <numerusform>Toutes les %n minutes</numerusform>
        </translation>
    </message>
    <message>
        <source>%1, only at minute %2</source>
        <translation>%1, uniquement à la minute %2</translation>
    </message>
    <message>
        <source>%1, only at minutes %2</source>
        <translation>%1, uniquement aux minutes %2</translation>
    </message>
    <message>
        <source>%1 during hour %2</source>
        <translation>%1 pendant l'heure %2</translation>
    </message>
    <message>
        <source>%1 during hours %2</source>
        <translation>%1 pendant les heures %2</translation>
    </message>
    <message>
        <source>%1, only during hour %2</source>
        <translation>%1, uniquement pendant l'heure %2</translation>
    </message>
    <message>
        <source>%1, only during hours %2</source>
        <translation>%1, uniquement pendant les heures %2</translation>
    </message>
    <message>
        <source>Every hour</source>
        <translation>Toutes les heures</translation>
    </message>
    <message numerus="yes">
        <source>Every %n hours</source>
        <translation>
            <numerusform>Toutes les %n heures</numerusform>
            <numerusform>Toutes les %n heures</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 at minute %2</source>
        <translation>%1 à la minute %2</translation>
    </message>
    <message>
        <source>%1 at minutes %2</source>
        <translation>%1 aux minutes %2</translation>
    </message>
    <message>
        <source>Every day</source>
        <translation>Tous les jours</translation>
    </message>
    <message numerus="yes">
        <source>Every %n days</source>
        <translation>
            <numerusform>Tous les %n jours</numerusform>
            <numerusform>Tous les %n jours</numerusform>
        </translation>
    </message>
    <message>
        <source>Every week</source>
        <translation>Toutes les semaines</translation>
    </message>
    <message numerus="yes">
        <source>Every %n weeks</source>
        <translation>
            <numerusform>Toutes les %n semaines</numerusform>
            <numerusform>Toutes les %n semaines</numerusform>
        </translation>
    </message>
    <message>
        <source>Every week on %1</source>
        <translation>Toutes les semaines le %1</translation>
    </message>
    <message numerus="yes">
        <source>Every %n weeks on %1</source>
        <translation>
            <numerusform>Toutes les %n semaines le %1</numerusform>
            <numerusform>Toutes les %n semaines le %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Every month</source>
        <translation>Tous les mois</translation>
    </message>
    <message numerus="yes">
        <source>Every %n months</source>
        <translation>
            <numerusform>Tous les %n mois</numerusform>
            <numerusform>Tous les %n mois</numerusform>
        </translation>
    </message>
    <message>
        <source>Every month on %1</source>
        <translation>Tous les mois %1</translation>
    </message>
    <message numerus="yes">
        <source>Every %n months on %1</source>
        <translation>
            <numerusform>Tous les %n mois %1</numerusform>
            <numerusform>Tous les %n mois %1</numerusform>
        </translation>
    </message>
    <message>
        <source>%1, until %2</source>
        <translation>%1, jusqu'au %2</translation>
    </message>
    <message>
        <source>%1, once</source>
        <translation>%1, une seule fois</translation>
    </message>
    <message numerus="yes">
        <source>%1, %n times</source>
        <translation>
            <numerusform>%1, %n fois</numerusform>
            <numerusform>%1, %n fois</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Schedule</name>
    <message>
        <source>This job has both a cron schedule ("schedule") and a recurrence ("recurrence") in its settings. Keep only one of them.</source>
        <translation>Les paramètres de cette tâche web contiennent à la fois une planification cron (« schedule ») et une récurrence (« recurrence »). N'en gardez qu'une.</translation>
    </message>
    <message>
        <source>The misfire policy "%1" is not known. Use "run_once" (run a schedule missed by at most 10 minutes, the default) or "skip" (never run late).</source>
        <translation>La règle pour les exécutions manquées « %1 » est inconnue. Utilisez « run_once » (exécuter une planification manquée de 10 minutes au plus, par défaut) ou « skip » (ne jamais exécuter en retard).</translation>
    </message>
    <message>
        <source>The time zone must be text, such as "Europe/Paris".</source>
        <translation>Le fuseau horaire doit être un texte, par exemple « Europe/Paris ».</translation>
    </message>
    <message>
        <source>The schedule must be text, such as "0 0 3 * * *" (every day at 03:00).</source>
        <translation>La planification doit être un texte, par exemple « 0 0 3 * * * » (tous les jours à 03:00).</translation>
    </message>
    <message>
        <source>The recurrence must be a JSON object, as the schedule wizard writes it.</source>
        <translation>La récurrence doit être un objet JSON, tel que l'écrit l'assistant de planification.</translation>
    </message>
    <message>
        <source>The time zone "%1" is not known. Use an IANA name such as "Europe/Paris" or "UTC".</source>
        <translation>Le fuseau horaire « %1 » est inconnu. Utilisez un nom IANA, par exemple « Europe/Paris » ou « UTC ».</translation>
    </message>
    <message>
        <source>The schedule "%1" is not valid: %2</source>
        <translation>La planification « %1 » n'est pas valide : %2</translation>
    </message>
    <message>
        <source>The recurrence is not valid: %1</source>
        <translation>La récurrence n'est pas valide : %1</translation>
    </message>
</context>
<context>
    <name>ScheduleCommand</name>
    <message>
        <source>Prints the next occurrences of a schedule, one per line, in UTC.</source>
        <translation>Affiche les prochaines occurrences d'une planification, une par ligne, en UTC.</translation>
    </message>
    <message>
        <source>Reads the recurrence (the schedule wizard's job JSON) from FILE; - reads standard input.</source>
        <translation>Lit la périodicité (le JSON de tâche de l'assistant de planification) dans FILE ; - lit l'entrée standard.</translation>
    </message>
    <message>
        <source>Uses a six-field NCRONTAB expression (second minute hour day month day-of-week).</source>
        <translation>Utilise une expression NCRONTAB à six champs (seconde minute heure jour mois jour-de-la-semaine).</translation>
    </message>
    <message>
        <source>The reference instant (ISO 8601; UTC when it has no offset), also the job's creation time.</source>
        <translation>L'instant de référence (ISO 8601 ; UTC s'il n'a pas de décalage), qui est aussi l'heure de création de la tâche.</translation>
    </message>
    <message>
        <source>How many occurrences to print (default 10).</source>
        <translation>Nombre d'occurrences à afficher (10 par défaut).</translation>
    </message>
    <message>
        <source>The IANA time zone the schedule is written in (default UTC).</source>
        <translation>Le fuseau horaire IANA dans lequel la planification est écrite (UTC par défaut).</translation>
    </message>
    <message>
        <source>Unexpected argument "%1": the schedule command takes only options (see --help).</source>
        <translation>Argument inattendu « %1 » : la commande schedule n'accepte que des options (voir --help).</translation>
    </message>
    <message>
        <source>Give either --recurrence FILE or --cron "EXPR", not both and not neither.</source>
        <translation>Indiquez soit --recurrence FICHIER, soit --cron "EXPR" : l'un des deux, pas les deux.</translation>
    </message>
    <message>
        <source>Give the reference instant with --now, for example --now 2024-05-06T09:30:00Z.</source>
        <translation>Indiquez l'instant de référence avec --now, par exemple --now 2024-05-06T09:30:00Z.</translation>
    </message>
    <message>
        <source>--now "%1" is not an ISO 8601 date and time; write it like 2024-05-06T09:30:00Z.</source>
        <translation>--now « %1 » n'est pas une date et une heure ISO 8601 ; écrivez-la comme 2024-05-06T09:30:00Z.</translation>
    </message>
    <message>
        <source>--count must be a whole number from 1 to %1; "%2" is not.</source>
        <translation>--count doit être un nombre entier de 1 à %1 ; « %2 » ne l'est pas.</translation>
    </message>
    <message>
        <source>Unknown time zone "%1": use an IANA name such as Europe/Paris or America/New_York.</source>
        <translation>Fuseau horaire inconnu « %1 » : utilisez un nom IANA tel que Europe/Paris ou America/New_York.</translation>
    </message>
    <message>
        <source>Cannot read the recurrence file "%1": check that it exists and is readable.</source>
        <translation>Impossible de lire le fichier de périodicité « %1 » : vérifiez qu'il existe et qu'il est lisible.</translation>
    </message>
    <message>
        <source>The recurrence file is not valid JSON (%1 at offset %2).</source>
        <translation>Le fichier de périodicité n'est pas du JSON valide (%1 à la position %2).</translation>
    </message>
    <message>
        <source>The recurrence file must hold a JSON object such as {"recurrence": {"frequency": "day", "interval": 1}}.</source>
        <translation>Le fichier de périodicité doit contenir un objet JSON tel que {"recurrence": {"frequency": "day", "interval": 1}}.</translation>
    </message>
</context>
<context>
    <name>ScriptDiscovery</name>
    <message>
        <source>No runnable script file was found: put a script named run.sh, run.py, run.js, run.php, run.ps1, run.cmd, run.bat or run.exe at the top of the package (or in its only folder), or any file with one of these extensions.</source>
        <translation>Aucun fichier de script exécutable n'a été trouvé : placez un script nommé run.sh, run.py, run.js, run.php, run.ps1, run.cmd, run.bat ou run.exe à la racine du paquet (ou dans son unique dossier), ou tout fichier portant l'une de ces extensions.</translation>
    </message>
</context>
<context>
    <name>ScriptRunner</name>
    <message>
        <source>.cmd, .bat and .exe scripts run only on Windows: add a run.sh (or a run.py, run.js, run.php or run.ps1) script to the package to run this job on this machine.</source>
        <translation>Les scripts .cmd, .bat et .exe ne s'exécutent que sous Windows : ajoutez un script run.sh (ou run.py, run.js, run.php ou run.ps1) au paquet pour exécuter cette tâche web sur cette machine.</translation>
    </message>
    <message>
        <source>PowerShell is not installed on this machine: install the "powershell" package from Microsoft's Debian repository (it provides the pwsh command).</source>
        <translation>PowerShell n'est pas installé sur cette machine : installez le paquet « powershell » depuis le dépôt Debian de Microsoft (il fournit la commande pwsh).</translation>
    </message>
    <message>
        <source>Bash is not installed on this machine: install it with "sudo apt-get install bash".</source>
        <translation>Bash n'est pas installé sur cette machine : installez-le avec « sudo apt-get install bash ».</translation>
    </message>
    <message>
        <source>Python 3 is not installed on this machine: install it with "sudo apt-get install python3".</source>
        <translation>Python 3 n'est pas installé sur cette machine : installez-le avec « sudo apt-get install python3 ».</translation>
    </message>
    <message>
        <source>PHP is not installed on this machine: install it with "sudo apt-get install php-cli".</source>
        <translation>PHP n'est pas installé sur cette machine : installez-le avec « sudo apt-get install php-cli ».</translation>
    </message>
    <message>
        <source>Node.js is not installed on this machine: install it with "sudo apt-get install nodejs".</source>
        <translation>Node.js n'est pas installé sur cette machine : installez-le avec « sudo apt-get install nodejs ».</translation>
    </message>
</context>
<context>
    <name>VfsFiles</name>
    <message>
        <source>'%1' is outside the data folder.</source>
        <translation>« %1 » est en dehors du dossier de données.</translation>
    </message>
    <message>
        <source>'%1' is not a file or a folder, and only those are served.</source>
        <translation>« %1 » n'est ni un fichier ni un dossier, et seuls ceux-ci sont servis.</translation>
    </message>
</context>
<context>
    <name>WebJobs::AddJobDialog</name>
    <message>
        <source>Add WebJob</source>
        <translation>Ajouter une tâche web</translation>
    </message>
    <message>
        <source>A .zip package or a single script</source>
        <translation>Un paquet .zip ou un script unique</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Parcourir…</translation>
    </message>
    <message>
        <source>Run on demand</source>
        <translation>Exécuter à la demande</translation>
    </message>
    <message>
        <source>Run continuously</source>
        <translation>Exécuter en continu</translation>
    </message>
    <message>
        <source>Run on a schedule</source>
        <translation>Exécuter selon une planification</translation>
    </message>
    <message>
        <source>CRON expression, e.g. 0 */5 * * * *</source>
        <translation>Expression CRON, par exemple 0 */5 * * * *</translation>
    </message>
    <message>
        <source>Schedule…</source>
        <translation>Planification…</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>File upload</source>
        <translation>Téléchargement de fichier</translation>
    </message>
    <message>
        <source>Run mode</source>
        <translation>Mode d'exécution</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>Planification</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>Créer</translation>
    </message>
    <message>
        <source>Enter a CRON expression or choose Schedule… to describe when the job runs.</source>
        <translation>Saisissez une expression CRON ou choisissez Planification… pour indiquer quand la tâche s'exécute.</translation>
    </message>
    <message>
        <source>Letters, digits, '-' and '_', starting with a letter or a digit; at most %1 characters.</source>
        <translation>Lettres, chiffres, « - » et « _ », en commençant par une lettre ou un chiffre ; au plus %1 caractères.</translation>
    </message>
    <message>
        <source>CRON: %1</source>
        <translation>CRON : %1</translation>
    </message>
    <message>
        <source>Choose the job's package</source>
        <translation>Choisir le paquet de la tâche</translation>
    </message>
    <message>
        <source>Zip packages or scripts (*.zip *.sh *.py *.js *.php *.ps1 *.cmd *.bat *.exe);;All files (*)</source>
        <translation>Paquets zip ou scripts (*.zip *.sh *.py *.js *.php *.ps1 *.cmd *.bat *.exe);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>The file %1 does not exist. Choose a .zip package or a script.</source>
        <translation>Le fichier %1 n'existe pas. Choisissez un paquet .zip ou un script.</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Annulation…</translation>
    </message>
</context>
<context>
    <name>WebJobs::AgentClient</name>
    <message>
        <source>The agent cannot be reached: %1. Check its address and that it is running.</source>
        <translation>L'agent est injoignable : %1. Vérifiez son adresse et qu'il est bien démarré.</translation>
    </message>
    <message>
        <source>The agent does not know this job or run.</source>
        <translation>L'agent ne connaît pas cette tâche web ou cette exécution.</translation>
    </message>
    <message>
        <source>The agent refused the request (%1).</source>
        <translation>L'agent a refusé la requête (%1).</translation>
    </message>
    <message>
        <source>The agent cannot do it now (%1): try again in a moment.</source>
        <translation>L'agent ne peut pas le faire pour l'instant (%1) : réessayez dans un moment.</translation>
    </message>
    <message>
        <source>The agent failed to answer (%1).</source>
        <translation>L'agent n'a pas su répondre (%1).</translation>
    </message>
    <message>
        <source>The agent's job list cannot be read: %1</source>
        <translation>La liste des tâches web de l'agent est illisible : %1</translation>
    </message>
    <message>
        <source>The agent's job cannot be read: %1</source>
        <translation>La tâche web renvoyée par l'agent est illisible : %1</translation>
    </message>
    <message>
        <source>Cannot read %1: %2.</source>
        <translation>Impossible de lire %1 : %2.</translation>
    </message>
    <message>
        <source>The agent's run history cannot be read: %1</source>
        <translation>L'historique des exécutions renvoyé par l'agent est illisible : %1</translation>
    </message>
    <message>
        <source>The agent's run cannot be read: %1</source>
        <translation>L'exécution renvoyée par l'agent est illisible : %1</translation>
    </message>
    <message numerus="yes">
        <source>%1 did not answer within %n second(s): check that the server is running and that the network reaches it, then try again.</source>
        <translation>
            <numerusform>%1 n'a pas répondu en %n seconde : vérifiez que le serveur est démarré et que le réseau l'atteint, puis réessayez.</numerusform>
            <numerusform>%1 n'a pas répondu en %n secondes : vérifiez que le serveur est démarré et que le réseau l'atteint, puis réessayez.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 refused the connection: check the address and the port, and that the server is running.</source>
        <translation>%1 a refusé la connexion : vérifiez l'adresse et le port, et que le serveur est démarré.</translation>
    </message>
    <message>
        <source>The host %1 is not known: check the address.</source>
        <translation>L'hôte %1 est inconnu : vérifiez l'adresse.</translation>
    </message>
    <message>
        <source>The secure connection to %1 failed: %2. If the server uses a certificate of its own, check it and accept it.</source>
        <translation>La connexion sécurisée à %1 a échoué : %2. Si le serveur utilise son propre certificat, vérifiez-le et acceptez-le.</translation>
    </message>
    <message>
        <source>The server refused the user name or password: check them (for an App Service site, its deployment credentials).</source>
        <translation>Le serveur a refusé le nom d'utilisateur ou le mot de passe : vérifiez-les (pour un site App Service, ses informations d'identification de déploiement).</translation>
    </message>
</context>
<context>
    <name>WebJobs::AgentServer</name>
    <message>
        <source>Refusing to listen on %1 without authentication: give --user and a password (--password-file or WEBJOBS_AGENT_PASSWORD), or listen on a loopback address such as 127.0.0.1.</source>
        <translation>Écoute sur %1 refusée sans authentification : indiquez --user et un mot de passe (--password-file ou WEBJOBS_AGENT_PASSWORD), ou écoutez sur une adresse de bouclage comme 127.0.0.1.</translation>
    </message>
    <message>
        <source>Cannot listen on %1 port %2: %3.</source>
        <translation>Impossible d'écouter sur %1, port %2 : %3.</translation>
    </message>
    <message>
        <source>The request body is larger than this agent accepts (%1 bytes at most): send a smaller package, or raise the agent's --max-upload-size.</source>
        <translation>Le corps de la requête dépasse ce que cet agent accepte (%1 octets au plus) : envoyez un paquet plus petit, ou augmentez l'option --max-upload-size de l'agent.</translation>
    </message>
    <message>
        <source>aborted through the API</source>
        <translation>interrompue par l'API</translation>
    </message>
    <message>
        <source>The body is not an ARM envelope: %1</source>
        <translation>Le corps n'est pas une enveloppe ARM : %1</translation>
    </message>
    <message>
        <source>The body is not a web hook: send {"url": …, "event": …}. %1</source>
        <translation>Le corps n'est pas un webhook : envoyez {"url": …, "event": …}. %1</translation>
    </message>
    <message>
        <source>The continuous job "%1" is not running or does not answer on its WEBJOBS_PORT.</source>
        <translation>La tâche web continue « %1 » n'est pas en cours d'exécution ou ne répond pas sur son WEBJOBS_PORT.</translation>
    </message>
    <message>
        <source>The continuous job "%1" answered with more than %2 bytes, more than the agent relays.</source>
        <translation>La tâche web continue « %1 » a répondu avec plus de %2 octets, plus que ce que l'agent relaie.</translation>
    </message>
    <message>
        <source>This client has too many connections open to the agent, all of them busy: close some, or try again later.</source>
        <translation>Ce client a trop de connexions ouvertes vers l'agent, toutes occupées : fermez-en, ou réessayez plus tard.</translation>
    </message>
    <message>
        <source>This agent has no password and serves requests addressed to localhost, its listening address or its --public-url only, not to "%1".</source>
        <translation>Cet agent n'a pas de mot de passe et ne sert que les requêtes adressées à localhost, à son adresse d'écoute ou à son --public-url, pas à « %1 ».</translation>
    </message>
    <message>
        <source>Requests from pages of other sites (Origin: %1) are refused: use the agent's API from its own address, or set --public-url to the address browsers use.</source>
        <translation>Les requêtes venant de pages d'autres sites (Origin : %1) sont refusées : utilisez l'API de l'agent depuis sa propre adresse, ou indiquez dans --public-url l'adresse qu'utilisent les navigateurs.</translation>
    </message>
    <message numerus="yes">
        <source>Too many wrong passwords from this address: wait %n second(s) before trying again.</source>
        <translation>
            <numerusform>Trop de mots de passe erronés depuis cette adresse : patientez %n seconde avant de réessayer.</numerusform>
            <numerusform>Trop de mots de passe erronés depuis cette adresse : patientez %n secondes avant de réessayer.</numerusform>
        </translation>
    </message>
    <message>
        <source>The body of this request is JSON: send it with "Content-Type: application/json".</source>
        <translation>Le corps de cette requête est du JSON : envoyez-le avec « Content-Type: application/json ».</translation>
    </message>
    <message>
        <source>The agent cannot store the upload: its administrator should check the free space and permissions of its data folder.</source>
        <translation>L'agent ne peut pas enregistrer le fichier chargé : son administrateur doit vérifier l'espace libre et les autorisations de son dossier de données.</translation>
    </message>
</context>
<context>
    <name>WebJobs::CertificateDialog</name>
    <message>
        <source>Untrusted Certificate</source>
        <translation>Certificat non approuvé</translation>
    </message>
    <message>
        <source>Subject: %1
Issuer: %2
Valid from: %3
Valid until: %4
SHA-256: %5</source>
        <translation>Sujet : %1
Émetteur : %2
Valide à partir du : %3
Valide jusqu'au : %4
SHA-256 : %5</translation>
    </message>
    <message>
        <source>The certificate of %1 is not trusted by this system:
%2

Accept it only if you know it is the server's own (compare its SHA-256 digest with the one the server's administrator gives).</source>
        <translation>Le certificat de %1 n'est pas approuvé par ce système :
%2

Ne l'acceptez que si vous savez qu'il est bien celui du serveur (comparez son empreinte SHA-256 avec celle que donne l'administrateur du serveur).</translation>
    </message>
    <message>
        <source>&amp;Reject</source>
        <translation>&amp;Refuser</translation>
    </message>
    <message>
        <source>Accept &amp;once</source>
        <translation>Accepter &amp;une fois</translation>
    </message>
    <message>
        <source>&amp;Always accept this certificate</source>
        <translation>&amp;Toujours accepter ce certificat</translation>
    </message>
</context>
<context>
    <name>WebJobs::ChangeFeed</name>
    <message>
        <source>This client already holds %1 event streams, as many as the agent allows: close one, or follow changes with /api/webjobs/changes.</source>
        <translation>Ce client a déjà %1 flux d'événements ouverts, autant que l'agent le permet : fermez-en un, ou suivez les modifications avec /api/webjobs/changes.</translation>
    </message>
</context>
<context>
    <name>WebJobs::CliSession</name>
    <message>
        <source>A triggered and a continuous job are both named "%1": add --type triggered or --type continuous.</source>
        <translation>Une tâche déclenchée et une tâche continue s'appellent toutes deux « %1 » : ajoutez --type triggered ou --type continuous.</translation>
    </message>
    <message>
        <source>"%1" is a continuous job: "webjobs %2" is for triggered jobs.</source>
        <translation>« %1 » est une tâche continue : « webjobs %2 » est destiné aux tâches déclenchées.</translation>
    </message>
    <message>
        <source>"%1" is a triggered job: "webjobs %2" is for continuous jobs.</source>
        <translation>« %1 » est une tâche déclenchée : « webjobs %2 » est destiné aux tâches continues.</translation>
    </message>
    <message>
        <source>There is no triggered job named "%1": "webjobs list" shows the jobs.</source>
        <translation>Aucune tâche web déclenchée ne s'appelle « %1 » : « webjobs list » affiche les tâches.</translation>
    </message>
    <message>
        <source>There is no continuous job named "%1": "webjobs list" shows the jobs.</source>
        <translation>Aucune tâche web continue ne s'appelle « %1 » : « webjobs list » affiche les tâches.</translation>
    </message>
    <message>
        <source>There is no job named "%1": "webjobs list" shows the jobs.</source>
        <translation>Aucune tâche web ne s'appelle « %1 » : « webjobs list » affiche les tâches.</translation>
    </message>
    <message>
        <source>No jobs yet: add one with "webjobs add NAME FILE".</source>
        <translation>Aucune tâche web pour l'instant : ajoutez-en une avec « webjobs add NOM FICHIER ».</translation>
    </message>
    <message>
        <source>NAME</source>
        <translation>NOM</translation>
    </message>
    <message>
        <source>TYPE</source>
        <translation>TYPE</translation>
    </message>
    <message>
        <source>STATUS</source>
        <translation>ÉTAT</translation>
    </message>
    <message>
        <source>LAST RUN</source>
        <translation>DERNIÈRE EXÉCUTION</translation>
    </message>
    <message>
        <source>NEXT RUN</source>
        <translation>PROCHAINE EXÉCUTION</translation>
    </message>
    <message>
        <source>SCHEDULE</source>
        <translation>PLANIFICATION</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Script</source>
        <translation>Script</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>Planification</translation>
    </message>
    <message>
        <source>none, runs on demand</source>
        <translation>aucune, exécution à la demande</translation>
    </message>
    <message>
        <source>Next run</source>
        <translation>Prochaine exécution</translation>
    </message>
    <message>
        <source>Latest run</source>
        <translation>Dernière exécution</translation>
    </message>
    <message>
        <source>%1, %2, started %3, lasted %4</source>
        <translation>%1, %2, démarrée le %3, durée %4</translation>
    </message>
    <message>
        <source>none yet</source>
        <translation>aucune pour l'instant</translation>
    </message>
    <message>
        <source>Instances</source>
        <translation>Instances</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Erreur</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Paramètres</translation>
    </message>
    <message>
        <source>Added the triggered job "%1"; it runs %2.</source>
        <translation>Tâche déclenchée « %1 » ajoutée ; elle exécute %2.</translation>
    </message>
    <message>
        <source>Added the continuous job "%1"; it runs %2.</source>
        <translation>Tâche continue « %1 » ajoutée ; elle exécute %2.</translation>
    </message>
    <message>
        <source>Deleted the triggered job "%1".</source>
        <translation>Tâche déclenchée « %1 » supprimée.</translation>
    </message>
    <message>
        <source>Deleted the continuous job "%1".</source>
        <translation>Tâche continue « %1 » supprimée.</translation>
    </message>
    <message>
        <source>The run lives in this program, which holds the local host: waiting for it to end (use --wait to see its log).</source>
        <translation>L'exécution vit dans ce programme, qui héberge l'hôte local : attente de sa fin (utilisez --wait pour voir son journal).</translation>
    </message>
    <message>
        <source>Run %1 of "%2" ended: %3 after %4, exit code %5.</source>
        <translation>Exécution %1 de « %2 » terminée : %3 après %4, code de sortie %5.</translation>
    </message>
    <message>
        <source>Run %1 of "%2" ended: %3 after %4.</source>
        <translation>Exécution %1 de « %2 » terminée : %3 après %4.</translation>
    </message>
    <message>
        <source>Started the continuous job "%1".</source>
        <translation>Tâche continue « %1 » démarrée.</translation>
    </message>
    <message>
        <source>Stopped the continuous job "%1".</source>
        <translation>Tâche continue « %1 » arrêtée.</translation>
    </message>
    <message>
        <source>"%1" has not run yet.</source>
        <translation>« %1 » ne s'est pas encore exécutée.</translation>
    </message>
    <message>
        <source>RUN ID</source>
        <translation>ID D'EXÉCUTION</translation>
    </message>
    <message>
        <source>STARTED</source>
        <translation>DÉBUT</translation>
    </message>
    <message>
        <source>DURATION</source>
        <translation>DURÉE</translation>
    </message>
    <message>
        <source>EXIT</source>
        <translation>SORTIE</translation>
    </message>
    <message>
        <source>TRIGGER</source>
        <translation>DÉCLENCHEUR</translation>
    </message>
    <message numerus="yes">
        <source>%n of %1 runs shown; --limit shows more.</source>
        <translation>
            <numerusform>%n exécution affichée sur %1 ; --limit en affiche davantage.</numerusform>
            <numerusform>%n exécutions affichées sur %1 ; --limit en affiche davantage.</numerusform>
        </translation>
    </message>
    <message>
        <source>The continuous job "%1" was deleted.</source>
        <translation>La tâche continue « %1 » a été supprimée.</translation>
    </message>
    <message>
        <source>"%1" has no run %2: "webjobs history %1" lists its runs.</source>
        <translation>« %1 » n'a pas d'exécution %2 : « webjobs history %1 » liste ses exécutions.</translation>
    </message>
    <message>
        <source>"%1" has not run yet: there is no log to show.</source>
        <translation>« %1 » ne s'est pas encore exécutée : il n'y a aucun journal à afficher.</translation>
    </message>
    <message>
        <source>"%1" has no settings: its settings.job is empty or absent.</source>
        <translation>« %1 » n'a pas de paramètres : son settings.job est vide ou absent.</translation>
    </message>
    <message>
        <source>KEY</source>
        <translation>CLÉ</translation>
    </message>
    <message>
        <source>VALUE</source>
        <translation>VALEUR</translation>
    </message>
</context>
<context>
    <name>WebJobs::ClusterMember</name>
    <message>
        <source>Changes on other instances show at their next heartbeat.</source>
        <translation>Les changements faits sur les autres instances apparaissent à leur prochain signal de vie.</translation>
    </message>
    <message>
        <source>The job database cannot be reached: %1 The jobs keep running; their records wait until it is back.</source>
        <translation>La base de données des tâches web est injoignable : %1 Les tâches web continuent de s'exécuter ; leurs enregistrements attendent son retour.</translation>
    </message>
    <message>
        <source>The job database cannot be reached.</source>
        <translation>La base de données des tâches web est injoignable.</translation>
    </message>
    <message>
        <source>The job database is reachable again: saving what waited.</source>
        <translation>La base de données des tâches web est de nouveau joignable : enregistrement de ce qui attendait.</translation>
    </message>
    <message>
        <source>Cannot write the package of the job %1 to %2: %3.</source>
        <translation>Impossible d'écrire le paquet de la tâche web %1 dans %2 : %3.</translation>
    </message>
    <message>
        <source>Cannot install the package of the job %1 from the job database: %2</source>
        <translation>Impossible d'installer le paquet de la tâche web %1 depuis la base de données des tâches web : %2</translation>
    </message>
    <message>
        <source>Cannot read the package of the job %1 to share it with the other instances: %2.</source>
        <translation>Impossible de lire le paquet de la tâche web %1 pour le partager avec les autres instances : %2.</translation>
    </message>
    <message>
        <source>The other instances keep the previous settings of the job %1: %2</source>
        <translation>Les autres instances gardent les paramètres précédents de la tâche web %1 : %2</translation>
    </message>
    <message>
        <source>Cannot write the settings of the job %1 to %2 as another instance changed them: check the permissions of the job's folder.</source>
        <translation>Impossible d'écrire dans %2 les paramètres de la tâche web %1 modifiés par une autre instance : vérifiez les droits du dossier de la tâche web.</translation>
    </message>
    <message>
        <source>Cannot write %1: check the permissions of the job's folder.</source>
        <translation>Impossible d'écrire %1 : vérifiez les droits du dossier de la tâche web.</translation>
    </message>
</context>
<context>
    <name>WebJobs::ConnectionStore</name>
    <message>
        <source>No keychain service is running: the password is not saved and will be asked for at each connection.</source>
        <translation>Aucun service de trousseau n'est en cours d'exécution : le mot de passe n'est pas enregistré et sera demandé à chaque connexion.</translation>
    </message>
    <message>
        <source>No keychain service is running (%1): the password is not saved and will be asked for at each connection.</source>
        <translation>Aucun service de trousseau n'est en cours d'exécution (%1) : le mot de passe n'est pas enregistré et sera demandé à chaque connexion.</translation>
    </message>
    <message>
        <source>The keychain refused access to the password (%1): it will be asked for at each connection.</source>
        <translation>Le trousseau a refusé l'accès au mot de passe (%1) : il sera demandé à chaque connexion.</translation>
    </message>
    <message>
        <source>The keychain failed (%1): the password will be asked for at each connection.</source>
        <translation>Le trousseau a échoué (%1) : le mot de passe sera demandé à chaque connexion.</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>désactivé</translation>
    </message>
</context>
<context>
    <name>WebJobs::ConnectionsDialog</name>
    <message>
        <source>Connections</source>
        <translation>Connexions</translation>
    </message>
    <message>
        <source>Local host</source>
        <translation>Machine locale</translation>
    </message>
    <message>
        <source>Agent (URL)</source>
        <translation>Agent (URL)</translation>
    </message>
    <message>
        <source>Kudu site</source>
        <translation>Site Kudu</translation>
    </message>
    <message>
        <source>&amp;URL:</source>
        <translation>&amp;URL :</translation>
    </message>
    <message>
        <source>Asked for at each connection when left empty</source>
        <translation>Demandé à chaque connexion s'il est laissé vide</translation>
    </message>
    <message>
        <source>&amp;New</source>
        <translation>&amp;Nouvelle</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Enregistrer</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Supprimer</translation>
    </message>
    <message>
        <source>&amp;Test</source>
        <translation>&amp;Tester</translation>
    </message>
    <message>
        <source>&amp;Cancel test</source>
        <translation>&amp;Annuler le test</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>N&amp;om :</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>&amp;Type :</translation>
    </message>
    <message>
        <source>U&amp;ser:</source>
        <translation>U&amp;tilisateur :</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>Mot de &amp;passe :</translation>
    </message>
    <message>
        <source>Enter a name for the connection.</source>
        <translation>Saisissez un nom pour la connexion.</translation>
    </message>
    <message>
        <source>Enter the site's name (mysite) or its Kudu URL (https://mysite.scm.azurewebsites.net).</source>
        <translation>Saisissez le nom du site (monsite) ou son URL Kudu (https://monsite.scm.azurewebsites.net).</translation>
    </message>
    <message>
        <source>Enter the agent's URL, such as https://server.example.com:8181.</source>
        <translation>Saisissez l'URL de l'agent, par exemple https://serveur.example.com:8181.</translation>
    </message>
    <message>
        <source>Saved “%1”.</source>
        <translation>« %1 » enregistrée.</translation>
    </message>
    <message>
        <source>Remove Connection</source>
        <translation>Supprimer la connexion</translation>
    </message>
    <message>
        <source>Remove the connection “%1” and its saved password?</source>
        <translation>Supprimer la connexion « %1 » et son mot de passe enregistré ?</translation>
    </message>
    <message>
        <source>This machine's jobs need no connection.</source>
        <translation>Les tâches web de cette machine ne demandent aucune connexion.</translation>
    </message>
    <message>
        <source>Connected: %1 is ready.</source>
        <translation>Connecté : %1 est prêt.</translation>
    </message>
    <message>
        <source>%1
SHA-256: %2</source>
        <translation>%1
SHA-256 : %2</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>Connexion à %1…</translation>
    </message>
    <message>
        <source>Test cancelled.</source>
        <translation>Test annulé.</translation>
    </message>
    <message>
        <source>&amp;Site or URL:</source>
        <translation>&amp;Site ou URL :</translation>
    </message>
    <message>
        <source>mysite or https://mysite.scm.azurewebsites.net</source>
        <translation>monsite ou https://monsite.scm.azurewebsites.net</translation>
    </message>
    <message>
        <source>https://server.example.com:8181</source>
        <translation>https://serveur.example.com:8181</translation>
    </message>
</context>
<context>
    <name>WebJobs::ConsoleSession</name>
    <message>
        <source>Connect</source>
        <translation>Se connecter</translation>
    </message>
    <message>
        <source>No saved connection is named “%1”, and it is not a URL such as https://server:8181. Add it in File &gt; Connect to &gt; Manage Connections.</source>
        <translation>Aucune connexion enregistrée ne s'appelle « %1 », et ce n'est pas une URL comme https://serveur:8181. Ajoutez-la dans Fichier &gt; Se connecter à &gt; Gérer les connexions.</translation>
    </message>
    <message>
        <source>Local host</source>
        <translation>Machine locale</translation>
    </message>
    <message>
        <source>Switch connection</source>
        <translation>Changer de connexion</translation>
    </message>
    <message>
        <source>Switching to %1 closes the windows open on this connection, and what you typed or started in them is lost: %2. Switch anyway? Answer No to finish there first.</source>
        <translation>Passer à %1 ferme les fenêtres ouvertes sur cette connexion, et ce que vous y avez saisi ou lancé est perdu : %2. Changer quand même ? Répondez Non pour y terminer d'abord.</translation>
    </message>
</context>
<context>
    <name>WebJobs::ContinuousJobRunner</name>
    <message>
        <source>Cannot remove %1: check the permissions of the job's folder.</source>
        <translation>Impossible de supprimer %1 : vérifiez les droits sur le dossier de la tâche.</translation>
    </message>
    <message>
        <source>Cannot write %1: check the permissions of the job's folder.</source>
        <translation>Impossible d'écrire %1 : vérifiez les droits sur le dossier de la tâche.</translation>
    </message>
</context>
<context>
    <name>WebJobs::FailureNotifications</name>
    <message>
        <source>Open run</source>
        <translation>Ouvrir l'exécution</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Ignorer</translation>
    </message>
    <message>
        <source>Dismiss all</source>
        <translation>Tout ignorer</translation>
    </message>
    <message>
        <source>%1: the run started at %2 ended with %3.</source>
        <translation>%1 : l'exécution démarrée le %2 s'est terminée avec l'état %3.</translation>
    </message>
    <message>
        <source>%1: the run started at %2 failed with exit code %3.</source>
        <translation>%1 : l'exécution démarrée le %2 a échoué avec le code de sortie %3.</translation>
    </message>
    <message>
        <source>First error: %1</source>
        <translation>Première erreur : %1</translation>
    </message>
    <message>
        <source>%1: the continuous job exits soon after each start. Open its log to see why.</source>
        <translation>%1 : la tâche continue s'arrête peu après chaque démarrage. Ouvrez son journal pour en voir la raison.</translation>
    </message>
    <message>
        <source>Open log</source>
        <translation>Ouvrir le journal</translation>
    </message>
    <message numerus="yes">
        <source>%n more</source>
        <translation>
            <numerusform>%n autre</numerusform>
            <numerusform>%n autres</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WebJobs::FileLogSource</name>
    <message>
        <source>The log file %1 does not exist (yet). It appears when the job writes its first line.</source>
        <translation>Le fichier journal %1 n'existe pas (encore). Il apparaît lorsque la tâche web écrit sa première ligne.</translation>
    </message>
    <message>
        <source>The log viewer was closed.</source>
        <translation>La visionneuse de journal a été fermée.</translation>
    </message>
    <message>
        <source>The log file %1 cannot be read: %2. Check that you may read it.</source>
        <translation>Le fichier journal %1 ne peut pas être lu : %2. Vérifiez que vous pouvez le lire.</translation>
    </message>
    <message>
        <source>The log %1 cannot be read: %2.</source>
        <translation>Le journal %1 ne peut pas être lu : %2.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2. Choose another folder.</source>
        <translation>Impossible d'écrire %1 : %2. Choisissez un autre dossier.</translation>
    </message>
</context>
<context>
    <name>WebJobs::InstanceListModel</name>
    <message>
        <source>Live</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>Unresponsive</source>
        <translation>Ne répond pas</translation>
    </message>
    <message>
        <source>%1 (this connection)</source>
        <translation>%1 (cette connexion)</translation>
    </message>
    <message>
        <source>The console talks to this instance.</source>
        <translation>La console communique avec cette instance.</translation>
    </message>
    <message>
        <source>No heartbeat for too long: the other instances close its runs and take over its work.</source>
        <translation>Aucun signal de vie depuis trop longtemps : les autres instances clôturent ses exécutions et reprennent son travail.</translation>
    </message>
    <message>
        <source>Instance</source>
        <translation>Instance</translation>
    </message>
    <message>
        <source>Host name</source>
        <translation>Nom d'hôte</translation>
    </message>
    <message>
        <source>Process id</source>
        <translation>Processus</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Démarrée</translation>
    </message>
    <message>
        <source>Last heartbeat</source>
        <translation>Dernier signal de vie</translation>
    </message>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
</context>
<context>
    <name>WebJobs::InstancesDialog</name>
    <message>
        <source>Instances</source>
        <translation>Instances</translation>
    </message>
    <message>
        <source>The agents that share this site's job database. Each runs jobs and answers for every run; one that stops sending heartbeats is taken for dead, its runs are closed and its work is taken over by the others.</source>
        <translation>Les agents qui partagent la base de données des tâches web de ce site. Chacun exécute des tâches web et répond pour toutes les exécutions ; celui qui n'envoie plus de signal de vie est considéré comme arrêté, ses exécutions sont clôturées et les autres reprennent son travail.</translation>
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
        <translation>%1 · %2</translation>
    </message>
    <message numerus="yes">
        <source>%n unresponsive</source>
        <translation>
            <numerusform>%n ne répond pas</numerusform>
            <numerusform>%n ne répondent pas</numerusform>
        </translation>
    </message>
    <message>
        <source>database unreachable</source>
        <translation>base de données injoignable</translation>
    </message>
    <message>
        <source>Not connected: the instances are shown once the console is connected again.</source>
        <translation>Non connectée : les instances s'affichent dès que la console est de nouveau connectée.</translation>
    </message>
    <message>
        <source>This site runs on one instance.</source>
        <translation>Ce site s'exécute sur une seule instance.</translation>
    </message>
    <message>
        <source>Database: %1</source>
        <translation>Base de données : %1</translation>
    </message>
    <message>
        <source>Database: connected</source>
        <translation>Base de données : connectée</translation>
    </message>
</context>
<context>
    <name>WebJobs::JobDetailsDialog</name>
    <message>
        <source>WebJob details: %1</source>
        <translation>Détails de la tâche web : %1</translation>
    </message>
    <message>
        <source>Command run</source>
        <translation>Commande exécutée</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>Planification</translation>
    </message>
    <message>
        <source>Last run</source>
        <translation>Dernière exécution</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Résultat</translation>
    </message>
    <message>
        <source>Recent job runs</source>
        <translation>Exécutions de tâche récentes</translation>
    </message>
    <message>
        <source>Duration of recent runs</source>
        <translation>Durée des exécutions récentes</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>Jamais</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Durée</translation>
    </message>
    <message>
        <source>Seconds</source>
        <translation>Secondes</translation>
    </message>
    <message numerus="yes">
        <source>%n run(s) in the history</source>
        <translation>
            <numerusform>%n exécution dans l'historique</numerusform>
            <numerusform>%n exécutions dans l'historique</numerusform>
        </translation>
    </message>
    <message>
        <source>Download all logs</source>
        <translation>Télécharger tous les journaux</translation>
    </message>
    <message>
        <source>Save the log of every run in one zip, each named by its start time</source>
        <translation>Enregistrer le journal de chaque exécution dans un zip, chacun nommé d'après son heure de début</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Save all logs</source>
        <translation>Enregistrer tous les journaux</translation>
    </message>
    <message>
        <source>Zip archives (*.zip)</source>
        <translation>Archives zip (*.zip)</translation>
    </message>
    <message numerus="yes">
        <source>%n log(s) saved to %1.</source>
        <translation>
            <numerusform>%n journal enregistré dans %1.</numerusform>
            <numerusform>%n journaux enregistrés dans %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n run(s) had no log.</source>
        <translation>
            <numerusform>%n exécution n'avait pas de journal.</numerusform>
            <numerusform>%n exécutions n'avaient pas de journal.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WebJobs::JobHost</name>
    <message>
        <source>Cannot create the job folders under %1: check that it is writable.</source>
        <translation>Impossible de créer les dossiers des tâches dans %1 : vérifiez qu'il est accessible en écriture.</translation>
    </message>
    <message>
        <source>The host is shutting down; try again when it is back.</source>
        <translation>L'hôte est en cours d'arrêt ; réessayez lorsqu'il sera de nouveau disponible.</translation>
    </message>
    <message>
        <source>There is no triggered job named "%1".</source>
        <translation>Aucune tâche web déclenchée ne s'appelle « %1 ».</translation>
    </message>
    <message>
        <source>WebJobs are currently in "stopped" state.</source>
        <translation>Les tâches web sont actuellement à l'état « arrêté ».</translation>
    </message>
    <message>
        <source>Run %1 of "%2" is not running: only a running run can be aborted.</source>
        <translation>L'exécution %1 de « %2 » n'est pas en cours : seule une exécution en cours peut être interrompue.</translation>
    </message>
    <message>
        <source>There is no continuous job named "%1".</source>
        <translation>Aucune tâche web continue ne s'appelle « %1 ».</translation>
    </message>
    <message>
        <source>Cannot write settings.job for "%1": %2. Check the permissions of the job's folder.</source>
        <translation>Impossible d'écrire settings.job pour « %1 » : %2. Vérifiez les droits sur le dossier de la tâche.</translation>
    </message>
    <message>
        <source>Rename the folder.</source>
        <translation>Renommez le dossier.</translation>
    </message>
    <message>
        <source>The job runs without its settings.job until it is fixed: %1</source>
        <translation>La tâche web s'exécute sans son settings.job jusqu'à ce qu'il soit corrigé : %1</translation>
    </message>
    <message>
        <source>The folder %1 is not loaded as a job.</source>
        <translation>Le dossier %1 n'est pas chargé comme tâche web.</translation>
    </message>
    <message>
        <source>The jobs in %1 are already run by %2 (process %3): two hosts cannot run the jobs of one folder at once. Manage them from there (webjobs --connect URL reaches an agent), or stop it and try again.</source>
        <translation>Les tâches web de %1 sont déjà exécutées par %2 (processus %3) : deux hôtes ne peuvent pas exécuter en même temps les tâches d'un même dossier. Gérez-les depuis ce programme (webjobs --connect URL atteint un agent), ou arrêtez-le et réessayez.</translation>
    </message>
    <message>
        <source>another program</source>
        <translation>un autre programme</translation>
    </message>
    <message>
        <source>Cannot lock the data folder %1: check that it is writable.</source>
        <translation>Impossible de verrouiller le dossier de données %1 : vérifiez qu'il est accessible en écriture.</translation>
    </message>
</context>
<context>
    <name>WebJobs::JobListModel</name>
    <message>
        <source>Ready</source>
        <translation>Prête</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>Jamais</translation>
    </message>
    <message>
        <source>Logs</source>
        <translation>Journaux</translation>
    </message>
    <message>
        <source>Open the log of the latest run</source>
        <translation>Ouvrir le journal de la dernière exécution</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>Planification</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Last run</source>
        <translation>Dernière exécution</translation>
    </message>
    <message>
        <source>Next run</source>
        <translation>Prochaine exécution</translation>
    </message>
    <message>
        <source>Not loaded</source>
        <translation>Non chargée</translation>
    </message>
</context>
<context>
    <name>WebJobs::JobProcess</name>
    <message>
        <source>Cannot create a pipe for the job's output: %1.</source>
        <translation>Impossible de créer un tube pour la sortie de la tâche : %1.</translation>
    </message>
    <message>
        <source>Cannot start %1: %2</source>
        <translation>Impossible de démarrer %1 : %2</translation>
    </message>
</context>
<context>
    <name>WebJobs::JobService</name>
    <message>
        <source>Starting…</source>
        <translation>Démarrage…</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Prêt</translation>
    </message>
    <message>
        <source>Unavailable</source>
        <translation>Indisponible</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>Arrêt en cours…</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Arrêté</translation>
    </message>
    <message>
        <source>Reconnecting…</source>
        <translation>Reconnexion…</translation>
    </message>
</context>
<context>
    <name>WebJobs::LineMatcher</name>
    <message>
        <source>The regular expression is not valid: %1 (at character %2). Correct it, or clear "Regular expression" to search for the text as it is.</source>
        <translation>L'expression régulière n'est pas valide : %1 (au caractère %2). Corrigez-la, ou décochez « Expression régulière » pour rechercher le texte tel quel.</translation>
    </message>
</context>
<context>
    <name>WebJobs::LocalJobService</name>
    <message>
        <source>Local host</source>
        <translation>Hôte local</translation>
    </message>
    <message>
        <source>The local host is not available: %1 Restart the console, or check that its data folder %2 can be written.</source>
        <translation>L'hôte local n'est pas disponible : %1 Redémarrez la console, ou vérifiez que son dossier de données %2 est accessible en écriture.</translation>
    </message>
    <message>
        <source>The log %1 cannot be read: %2.</source>
        <translation>Le journal %1 ne peut pas être lu : %2.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2. Choose another folder.</source>
        <translation>Impossible d'écrire %1 : %2. Choisissez un autre dossier.</translation>
    </message>
    <message>
        <source>The local host is not available.</source>
        <translation>L'hôte local n'est pas disponible.</translation>
    </message>
    <message>
        <source>The continuous job %1 has no log yet: it has not been started, or it has not written anything since.</source>
        <translation>La tâche continue %1 n'a pas encore de journal : elle n'a pas été démarrée, ou n'a rien écrit depuis.</translation>
    </message>
    <message>
        <source>The run %1 of %2 has no log: it has not written anything yet, or it was deleted.</source>
        <translation>L'exécution %1 de %2 n'a pas de journal : elle n'a encore rien écrit, ou elle a été supprimée.</translation>
    </message>
    <message>
        <source>The log %1 cannot be read: %2. Check that you may read the console's data folder.</source>
        <translation>Le journal %1 ne peut pas être lu : %2. Vérifiez que vous pouvez lire le dossier de données de la console.</translation>
    </message>
</context>
<context>
    <name>WebJobs::LogArchiveExport</name>
    <message>
        <source>The download was cancelled.</source>
        <translation>Le téléchargement a été annulé.</translation>
    </message>
    <message>
        <source>%1 has no runs yet: there is no log to download.</source>
        <translation>%1 n'a encore aucune exécution : il n'y a aucun journal à télécharger.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2. Choose another folder.</source>
        <translation>Impossible d'écrire %1 : %2. Choisissez un autre dossier.</translation>
    </message>
    <message>
        <source>error %1</source>
        <translation>erreur %1</translation>
    </message>
    <message>
        <source>the file cannot be renamed</source>
        <translation>le fichier ne peut pas être renommé</translation>
    </message>
</context>
<context>
    <name>WebJobs::LogSearch</name>
    <message>
        <source>The log changed while it was searched. Search again.</source>
        <translation>Le journal a changé pendant la recherche. Relancez la recherche.</translation>
    </message>
</context>
<context>
    <name>WebJobs::LogView</name>
    <message>
        <source>⋯ indexing the log: %1% ⋯</source>
        <translation>⋯ indexation du journal : %1 % ⋯</translation>
    </message>
    <message>
        <source>The selection is larger than %1 MiB: select less, or download the log.</source>
        <translation>La sélection dépasse %1 Mio : sélectionnez moins de lignes, ou téléchargez le journal.</translation>
    </message>
</context>
<context>
    <name>WebJobs::LogViewer</name>
    <message>
        <source>Search the log (Ctrl+F)</source>
        <translation>Rechercher dans le journal (Ctrl+F)</translation>
    </message>
    <message>
        <source>Regular expression</source>
        <translation>Expression régulière</translation>
    </message>
    <message>
        <source>Match case</source>
        <translation>Respecter la casse</translation>
    </message>
    <message>
        <source>Matching lines only</source>
        <translation>Lignes trouvées uniquement</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>Précédent</translation>
    </message>
    <message>
        <source>Previous hit (Shift+F3)</source>
        <translation>Résultat précédent (Maj+F3)</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Suivant</translation>
    </message>
    <message>
        <source>Next hit (F3)</source>
        <translation>Résultat suivant (F3)</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Arrêter</translation>
    </message>
    <message>
        <source>Stop the search (Escape)</source>
        <translation>Arrêter la recherche (Échap)</translation>
    </message>
    <message>
        <source>Levels</source>
        <translation>Niveaux</translation>
    </message>
    <message>
        <source>Show the lines of these levels only</source>
        <translation>N'afficher que les lignes de ces niveaux</translation>
    </message>
    <message>
        <source>Information</source>
        <translation>Informations</translation>
    </message>
    <message>
        <source>Warnings</source>
        <translation>Avertissements</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>Erreurs</translation>
    </message>
    <message>
        <source>Engine messages (SYS)</source>
        <translation>Messages du moteur (SYS)</translation>
    </message>
    <message>
        <source>Follow</source>
        <translation>Suivre</translation>
    </message>
    <message>
        <source>Show new lines as they are written (End); scrolling up pauses</source>
        <translation>Afficher les nouvelles lignes dès leur écriture (Fin) ; remonter met en pause</translation>
    </message>
    <message>
        <source>Wrap lines</source>
        <translation>Retour à la ligne</translation>
    </message>
    <message>
        <source>Time and level</source>
        <translation>Heure et niveau</translation>
    </message>
    <message>
        <source>Show the time, instance and level of each line in a column</source>
        <translation>Afficher l'heure, l'instance et le niveau de chaque ligne dans une colonne</translation>
    </message>
    <message>
        <source> pt</source>
        <translation> pt</translation>
    </message>
    <message>
        <source>Font size (Ctrl++ and Ctrl+-)</source>
        <translation>Taille de la police (Ctrl++ et Ctrl+-)</translation>
    </message>
    <message>
        <source>Go to line…</source>
        <translation>Aller à la ligne…</translation>
    </message>
    <message>
        <source>Go to a line (Ctrl+G)</source>
        <translation>Aller à une ligne (Ctrl+G)</translation>
    </message>
    <message>
        <source>Go to time…</source>
        <translation>Aller à l'heure…</translation>
    </message>
    <message>
        <source>Go to the first line at or after a time (Ctrl+Shift+G)</source>
        <translation>Aller à la première ligne écrite à partir d'une heure (Ctrl+Maj+G)</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>Télécharger</translation>
    </message>
    <message>
        <source>Save a copy of the whole log</source>
        <translation>Enregistrer une copie du journal entier</translation>
    </message>
    <message>
        <source>Open in editor</source>
        <translation>Ouvrir dans l'éditeur</translation>
    </message>
    <message>
        <source>Open the log in the system's text editor</source>
        <translation>Ouvrir le journal dans l'éditeur de texte du système</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Rechercher</translation>
    </message>
    <message>
        <source>Next hit</source>
        <translation>Résultat suivant</translation>
    </message>
    <message>
        <source>Previous hit</source>
        <translation>Résultat précédent</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copier</translation>
    </message>
    <message>
        <source>Copied.</source>
        <translation>Copié.</translation>
    </message>
    <message>
        <source>The search went on from the top.</source>
        <translation>La recherche a repris au début.</translation>
    </message>
    <message>
        <source>The search went on from the bottom.</source>
        <translation>La recherche a repris à la fin.</translation>
    </message>
    <message>
        <source>Levels (filtered)</source>
        <translation>Niveaux (filtrés)</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %Ln hit(s)</source>
        <translation>
            <numerusform>%1 sur %Ln résultat</numerusform>
            <numerusform>%1 sur %Ln résultats</numerusform>
        </translation>
    </message>
    <message>
        <source>No hits</source>
        <translation>Aucun résultat</translation>
    </message>
    <message numerus="yes">
        <source>%Ln hit(s)</source>
        <translation>
            <numerusform>%Ln résultat</numerusform>
            <numerusform>%Ln résultats</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 · searching %2%</source>
        <translation>%1 · recherche : %2 %</translation>
    </message>
    <message>
        <source>%1 · search stopped</source>
        <translation>%1 · recherche arrêtée</translation>
    </message>
    <message numerus="yes">
        <source>%Ln line(s)</source>
        <translation>
            <numerusform>%Ln ligne</numerusform>
            <numerusform>%Ln lignes</numerusform>
        </translation>
    </message>
    <message>
        <source>indexing %1%</source>
        <translation>indexation : %1 %</translation>
    </message>
    <message>
        <source>Go to line</source>
        <translation>Aller à la ligne</translation>
    </message>
    <message>
        <source>Line number (1 to %1):</source>
        <translation>Numéro de ligne (1 à %1) :</translation>
    </message>
    <message>
        <source>"%1" is not a line number: type digits only.</source>
        <translation>« %1 » n'est pas un numéro de ligne : tapez uniquement des chiffres.</translation>
    </message>
    <message>
        <source>Line %1 is not indexed yet: %2 lines are indexed so far. Try again when indexing is done.</source>
        <translation>La ligne %1 n'est pas encore indexée : %2 lignes le sont pour l'instant. Réessayez une fois l'indexation terminée.</translation>
    </message>
    <message>
        <source>The log has %1 lines: give a number from 1 to %1.</source>
        <translation>Le journal compte %1 lignes : indiquez un nombre entre 1 et %1.</translation>
    </message>
    <message>
        <source>Go to time</source>
        <translation>Aller à l'heure</translation>
    </message>
    <message>
        <source>Show the first line written at or after:</source>
        <translation>Afficher la première ligne écrite à partir de :</translation>
    </message>
    <message>
        <source>No line was written at or after %1: this is the last line.</source>
        <translation>Aucune ligne n'a été écrite à partir de %1 : voici la dernière ligne.</translation>
    </message>
    <message>
        <source>Save the log</source>
        <translation>Enregistrer le journal</translation>
    </message>
    <message>
        <source>Text files (*.txt)</source>
        <translation>Fichiers texte (*.txt)</translation>
    </message>
    <message>
        <source>Saved to %1.</source>
        <translation>Enregistré dans %1.</translation>
    </message>
    <message>
        <source>No application opens %1 here. Download the log and open it yourself.</source>
        <translation>Aucune application n'ouvre %1 ici. Téléchargez le journal et ouvrez-le vous-même.</translation>
    </message>
</context>
<context>
    <name>WebJobs::MainWindow</name>
    <message>
        <source>WebJobs Console</source>
        <translation>Console WebJobs</translation>
    </message>
    <message>
        <source>WebJobs</source>
        <translation>Tâches web</translation>
    </message>
    <message>
        <source>Filter by name or schedule</source>
        <translation>Filtrer par nom ou par planification</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>Tous les états</translation>
    </message>
    <message>
        <source>WebJob failed</source>
        <translation>Échec de la tâche web</translation>
    </message>
    <message>
        <source>The run of %1 started at %2 ended with %3.</source>
        <translation>L'exécution de %1 démarrée le %2 s'est terminée avec l'état %3.</translation>
    </message>
    <message>
        <source>WebJob keeps crashing</source>
        <translation>La tâche web plante sans cesse</translation>
    </message>
    <message>
        <source>The continuous job %1 exits soon after each start. Open its log to see why.</source>
        <translation>La tâche continue %1 s'arrête peu après chaque démarrage. Ouvrez son journal pour en voir la raison.</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>&amp;Ajouter</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>&amp;Exécuter</translation>
    </message>
    <message>
        <source>Run with &amp;arguments…</source>
        <translation>Exécuter avec des &amp;arguments…</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>&amp;Démarrer</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>A&amp;rrêter</translation>
    </message>
    <message>
        <source>A&amp;bort run</source>
        <translation>Abandonner l'e&amp;xécution</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Supprimer</translation>
    </message>
    <message>
        <source>Edit &amp;schedule…</source>
        <translation>Modifier la &amp;planification…</translation>
    </message>
    <message>
        <source>Se&amp;ttings…</source>
        <translation>Paramè&amp;tres…</translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation>Actuali&amp;ser</translation>
    </message>
    <message>
        <source>Open &amp;logs</source>
        <translation>Ouvrir les &amp;journaux</translation>
    </message>
    <message>
        <source>&amp;Details</source>
        <translation>Dé&amp;tails</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>&amp;Préférences…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>Actions</source>
        <translation>Actions</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <source>&amp;WebJob</source>
        <translation>&amp;Tâche web</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>WebJob %1 added.</source>
        <translation>Tâche web %1 ajoutée.</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Exécuter</translation>
    </message>
    <message>
        <source>Run with arguments</source>
        <translation>Exécuter avec des arguments</translation>
    </message>
    <message>
        <source>Arguments passed to %1:</source>
        <translation>Arguments passés à %1 :</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Démarrer</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Arrêter</translation>
    </message>
    <message>
        <source>Abort run</source>
        <translation>Abandonner l'exécution</translation>
    </message>
    <message>
        <source>Delete WebJob</source>
        <translation>Supprimer la tâche web</translation>
    </message>
    <message>
        <source>Delete the WebJob %1 with its history and logs? This cannot be undone.</source>
        <translation>Supprimer la tâche web %1 avec son historique et ses journaux ? Cette action est irréversible.</translation>
    </message>
    <message numerus="yes">
        <source>%n WebJob(s)</source>
        <translation>
            <numerusform>%n tâche web</numerusform>
            <numerusform>%n tâches web</numerusform>
        </translation>
    </message>
    <message>
        <source>No WebJob yet. Add a WebJob from a .zip or a script: it can run on demand, continuously, or on a schedule.</source>
        <translation>Aucune tâche web pour l'instant. Ajoutez une tâche web à partir d'un fichier .zip ou d'un script : elle peut s'exécuter à la demande, en continu ou selon une planification.</translation>
    </message>
    <message>
        <source>Add a WebJob…</source>
        <translation>Ajouter une tâche web…</translation>
    </message>
    <message>
        <source>&amp;Documentation</source>
        <translation>&amp;Documentation</translation>
    </message>
    <message>
        <source>&amp;About WebJobs Console</source>
        <translation>À &amp;propos de la console WebJobs</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Aide</translation>
    </message>
    <message>
        <source>&lt;h3&gt;WebJobs Console %1&lt;/h3&gt;&lt;p&gt;Runs scripts and programs on demand, continuously or on a schedule, and shows their status, history and output logs.&lt;/p&gt;&lt;p&gt;Connected to: %2&lt;/p&gt;&lt;p&gt;It manages the WebJobs of its own embedded host, of a webjobs-agent on any machine, or of a Kudu site, through Kudu's WebJobs REST API.&lt;/p&gt;&lt;p&gt;Released under the MIT licence. Built with Qt %3.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Console WebJobs %1&lt;/h3&gt;&lt;p&gt;Exécute des scripts et des programmes à la demande, en continu ou selon une planification, et affiche leur état, leur historique et leurs journaux de sortie.&lt;/p&gt;&lt;p&gt;Connectée à : %2&lt;/p&gt;&lt;p&gt;Elle gère les tâches web de son propre hôte intégré, d'un webjobs-agent sur n'importe quelle machine, ou d'un site Kudu, par l'API REST WebJobs de Kudu.&lt;/p&gt;&lt;p&gt;Publiée sous la licence MIT. Construite avec Qt %3.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>About WebJobs Console</source>
        <translation>À propos de la console WebJobs</translation>
    </message>
    <message>
        <source>Documentation</source>
        <translation>Documentation</translation>
    </message>
    <message>
        <source>The documentation is not installed. Install the webjobs-console package, or read the docs folder of the sources.</source>
        <translation>La documentation n'est pas installée. Installez le paquet webjobs-console, ou lisez le dossier docs des sources.</translation>
    </message>
    <message>
        <source>Local host</source>
        <translation>Machine locale</translation>
    </message>
    <message>
        <source>&amp;Manage Connections…</source>
        <translation>&amp;Gérer les connexions…</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Connexion</translation>
    </message>
    <message>
        <source>&amp;Connect to</source>
        <translation>Se &amp;connecter à</translation>
    </message>
    <message>
        <source>The instances of this site that share its job database</source>
        <translation>Les instances de ce site qui partagent sa base de données des tâches web</translation>
    </message>
</context>
<context>
    <name>WebJobs::PackageImporter</name>
    <message>
        <source>The import was cancelled.</source>
        <translation>L'importation a été annulée.</translation>
    </message>
    <message>
        <source>No job folder was given for the package.</source>
        <translation>Aucun dossier de tâche web n'a été indiqué pour le paquet.</translation>
    </message>
    <message>
        <source>Cannot read the uploaded file "%1": upload it again.</source>
        <translation>Impossible de lire le fichier envoyé « %1 » : envoyez-le de nouveau.</translation>
    </message>
    <message>
        <source>The package "%1" is %2, more than the %3 allowed: make it smaller, for example by leaving out files the job does not need.</source>
        <translation>Le paquet « %1 » pèse %2, plus que les %3 autorisés : réduisez sa taille, par exemple en retirant les fichiers dont la tâche web n'a pas besoin.</translation>
    </message>
    <message>
        <source>Cannot create the folder %1: check the free space and the permissions of the jobs folder.</source>
        <translation>Impossible de créer le dossier %1 : vérifiez l'espace libre et les autorisations du dossier des tâches web.</translation>
    </message>
    <message>
        <source>Cannot create a staging folder in %1 (%2): check the free space and the permissions of the jobs folder.</source>
        <translation>Impossible de créer un dossier de préparation dans %1 (%2) : vérifiez l'espace libre et les autorisations du dossier des tâches web.</translation>
    </message>
    <message>
        <source>The package has %1 entries, more than the %2 allowed: put fewer files in the zip.</source>
        <translation>Le paquet contient %1 entrées, plus que les %2 autorisées : mettez moins de fichiers dans le zip.</translation>
    </message>
    <message>
        <source>The package expands to %1, more than the %2 allowed: make it smaller.</source>
        <translation>Une fois décompressé, le paquet occupe %1, plus que les %2 autorisés : réduisez sa taille.</translation>
    </message>
    <message>
        <source>"%1" is not a valid zip file or is damaged: create the zip again and upload it.</source>
        <translation>« %1 » n'est pas un fichier zip valide ou il est endommagé : recréez le zip et envoyez-le de nouveau.</translation>
    </message>
    <message>
        <source>The package contains an entry with an invalid name, "%1": rename that file and create the zip again.</source>
        <translation>Le paquet contient une entrée au nom non valide, « %1 » : renommez ce fichier et recréez le zip.</translation>
    </message>
    <message>
        <source>The package contains an entry with an absolute path, "%1": create the zip again with paths relative to its top folder.</source>
        <translation>Le paquet contient une entrée au chemin absolu, « %1 » : recréez le zip avec des chemins relatifs à son dossier principal.</translation>
    </message>
    <message>
        <source>The package contains an entry that points outside the job folder, "%1": create the zip again without ".." in its paths.</source>
        <translation>Le paquet contient une entrée qui pointe hors du dossier de la tâche web, « %1 » : recréez le zip sans « .. » dans ses chemins.</translation>
    </message>
    <message>
        <source>The package contains a symbolic link, "%1", and links are not accepted: replace the link with the file it points to and create the zip again.</source>
        <translation>Le paquet contient un lien symbolique, « %1 », et les liens ne sont pas acceptés : remplacez le lien par le fichier vers lequel il pointe et recréez le zip.</translation>
    </message>
    <message>
        <source>The package entry "%1" is protected by a password: create the zip again without a password.</source>
        <translation>L'entrée « %1 » du paquet est protégée par un mot de passe : recréez le zip sans mot de passe.</translation>
    </message>
    <message>
        <source>The package entry "%1" uses a compression method that is not supported: create the zip again with the standard Deflate method.</source>
        <translation>L'entrée « %1 » du paquet utilise une méthode de compression non prise en charge : recréez le zip avec la méthode standard Deflate.</translation>
    </message>
    <message>
        <source>The package contains "%1" more than once: create the zip again so that each path appears only once.</source>
        <translation>Le paquet contient « %1 » plusieurs fois : recréez le zip pour que chaque chemin n'y figure qu'une fois.</translation>
    </message>
    <message>
        <source>The package contains "%1" both as a file and as a folder: create the zip again so that each path appears only once.</source>
        <translation>Le paquet contient « %1 » à la fois comme fichier et comme dossier : recréez le zip pour que chaque chemin n'y figure qu'une fois.</translation>
    </message>
    <message>
        <source>The package entry "%1" cannot be decompressed: the zip is damaged or truncated. Create it again and upload it.</source>
        <translation>Impossible de décompresser l'entrée « %1 » du paquet : le zip est endommagé ou tronqué. Recréez-le et envoyez-le de nouveau.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2.</source>
        <translation>Impossible d'écrire %1 : %2.</translation>
    </message>
    <message>
        <source>The package expands to more than the %1 allowed although it declares less: its sizes are false, so it was refused. Create the zip again with a standard tool.</source>
        <translation>Une fois décompressé, le paquet dépasse les %1 autorisés alors qu'il annonce moins : ses tailles sont fausses, il a donc été refusé. Recréez le zip avec un outil standard.</translation>
    </message>
    <message>
        <source>The package entry "%1" is damaged: its checksum does not match its content. Create the zip again and upload it.</source>
        <translation>L'entrée « %1 » du paquet est endommagée : sa somme de contrôle ne correspond pas à son contenu. Recréez le zip et envoyez-le de nouveau.</translation>
    </message>
    <message>
        <source>"%1" cannot be used as a script file name: give the file a plain name such as run.sh.</source>
        <translation>« %1 » ne peut pas servir de nom de fichier de script : donnez au fichier un nom simple, comme run.sh.</translation>
    </message>
    <message>
        <source>Cannot put the new package in place of %1 (%2): the previous package was kept. Check the permissions of the jobs folder and try again.</source>
        <translation>Impossible de mettre le nouveau paquet à la place de %1 (%2) : le paquet précédent a été conservé. Vérifiez les autorisations du dossier des tâches web et réessayez.</translation>
    </message>
    <message>
        <source>The package contains an entry whose name is too long (%1 bytes at most per name, %2 per path), "%3": give it a shorter name and create the zip again.</source>
        <translation>Le paquet contient une entrée dont le nom est trop long (%1 octets au plus par nom, %2 par chemin), « %3 » : donnez-lui un nom plus court et recréez le zip.</translation>
    </message>
</context>
<context>
    <name>WebJobs::PasswordPrompt</name>
    <message>
        <source>Password for %1:</source>
        <translation>Mot de passe pour %1 :</translation>
    </message>
    <message>
        <source>Connect to %1</source>
        <translation>Se connecter à %1</translation>
    </message>
</context>
<context>
    <name>WebJobs::PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation>Préférences</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>Langue du système</translation>
    </message>
    <message>
        <source>The language changes at the next start of the console.</source>
        <translation>La langue change au prochain démarrage de la console.</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
</context>
<context>
    <name>WebJobs::RemoteJobService</name>
    <message>
        <source>The log %1 does not exist on the server.</source>
        <translation>Le journal %1 n'existe pas sur le serveur.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2. Choose another folder.</source>
        <translation>Impossible d'écrire %1 : %2. Choisissez un autre dossier.</translation>
    </message>
    <message>
        <source>its event stream ended.</source>
        <translation>son flux d'événements s'est interrompu.</translation>
    </message>
    <message>
        <source>The connection to %1 is not encrypted: the password and the jobs cross the network in clear. Use an https:// address (the agent's --tls-cert and --tls-key options).</source>
        <translation>La connexion à %1 n'est pas chiffrée : le mot de passe et les tâches web traversent le réseau en clair. Utilisez une adresse https:// (options --tls-cert et --tls-key de l'agent).</translation>
    </message>
    <message>
        <source>The certificate of %1 is not trusted (%2). Check its details, and accept it if you trust it.</source>
        <translation>Le certificat de %1 n'est pas approuvé (%2). Vérifiez ses détails, et acceptez-le si vous lui faites confiance.</translation>
    </message>
    <message>
        <source>The connection to %1 was lost: %2 Retrying…</source>
        <translation>La connexion à %1 a été perdue : %2 Nouvelle tentative…</translation>
    </message>
    <message>
        <source>This server does not answer like a Kudu/WebJobs endpoint: check the URL (GET /api/webjobs answered HTTP %1 without a list of jobs). For an App Service site, use its SCM address, https://&lt;site&gt;.scm.azurewebsites.net.</source>
        <translation>Ce serveur ne répond pas comme un point de terminaison Kudu/WebJobs : vérifiez l'URL (GET /api/webjobs a répondu HTTP %1 sans liste de tâches web). Pour un site App Service, utilisez son adresse SCM, https://&lt;site&gt;.scm.azurewebsites.net.</translation>
    </message>
    <message>
        <source>%1 reads its schedule in its own time zone (UTC unless its app setting WEBSITE_TIME_ZONE says otherwise), not in %2. Choose UTC and give the times in UTC.</source>
        <translation>%1 lit sa planification dans son propre fuseau horaire (UTC, sauf si son paramètre d'application WEBSITE_TIME_ZONE en indique un autre), pas dans %2. Choisissez UTC et indiquez les heures en UTC.</translation>
    </message>
    <message>
        <source>%1 only understands NCRONTAB schedules, and this one cannot be written as one. %2</source>
        <translation>%1 ne comprend que les planifications NCRONTAB, et celle-ci ne peut pas s'écrire ainsi. %2</translation>
    </message>
    <message>
        <source>The upload of %1 was cancelled.</source>
        <translation>L'envoi de %1 a été annulé.</translation>
    </message>
    <message>
        <source>The upload of %1 could not finish: %2 The job was not changed; add it again once the connection is back.</source>
        <translation>L'envoi de %1 n'a pas pu se terminer : %2 La tâche web n'a pas été modifiée ; ajoutez-la de nouveau une fois la connexion rétablie.</translation>
    </message>
    <message>
        <source>The package %1 (%2) is larger than %3 accepts: make it smaller, or raise the agent's --max-upload-size.</source>
        <translation>Le paquet %1 (%2) dépasse la taille que %3 accepte : réduisez-le, ou augmentez l'option --max-upload-size de l'agent.</translation>
    </message>
    <message>
        <source>The job %1 is already running: wait for its run to end, or abort it, then run it again.</source>
        <translation>La tâche web %1 est déjà en cours d'exécution : attendez la fin de son exécution, ou arrêtez-la, puis exécutez-la de nouveau.</translation>
    </message>
    <message>
        <source>The job %1 is already running: wait for its run to end, then run it again.</source>
        <translation>La tâche web %1 est déjà en cours d'exécution : attendez la fin de son exécution, puis exécutez-la de nouveau.</translation>
    </message>
    <message>
        <source>The WebJobs of %1 are stopped (its WEBJOBS_STOPPED setting is on): turn that setting off to run jobs.</source>
        <translation>Les tâches web de %1 sont arrêtées (son paramètre WEBJOBS_STOPPED est activé) : désactivez ce paramètre pour exécuter des tâches web.</translation>
    </message>
    <message>
        <source>%1 cannot abort a run: Kudu has no such request. Wait for the run to end, or stop its process on the server.</source>
        <translation>%1 ne peut pas arrêter une exécution : Kudu n'offre pas cette requête. Attendez la fin de l'exécution, ou arrêtez son processus sur le serveur.</translation>
    </message>
    <message>
        <source>aborted by the user</source>
        <translation>arrêtée par l'utilisateur</translation>
    </message>
</context>
<context>
    <name>WebJobs::RequestGate</name>
    <message>
        <source>The request line is not "METHOD target HTTP/1.1".</source>
        <translation>La ligne de requête n'est pas de la forme « MÉTHODE cible HTTP/1.1 ».</translation>
    </message>
    <message>
        <source>This agent speaks HTTP/1.1 and HTTP/1.0 only: end the request line with HTTP/1.1.</source>
        <translation>Cet agent ne parle que HTTP/1.1 et HTTP/1.0 : terminez la ligne de requête par HTTP/1.1.</translation>
    </message>
    <message>
        <source>The request head mixes line ends or holds a carriage return inside a line: end every line with CRLF.</source>
        <translation>L'en-tête de la requête mélange les fins de ligne ou contient un retour chariot au milieu d'une ligne : terminez chaque ligne par CRLF.</translation>
    </message>
    <message>
        <source>The request head holds a control character.</source>
        <translation>L'en-tête de la requête contient un caractère de contrôle.</translation>
    </message>
    <message>
        <source>A header line is not "Name: value" with a name made of letters, digits and -!#$%&amp;'*+.^_`|~.</source>
        <translation>Une ligne d'en-tête n'est pas de la forme « Nom: valeur » avec un nom fait de lettres, de chiffres et de -!#$%&amp;'*+.^_`|~.</translation>
    </message>
    <message>
        <source>A header line starts with a blank (folded headers are not accepted): write each header on one line.</source>
        <translation>Une ligne d'en-tête commence par un blanc (les en-têtes repliés ne sont pas acceptés) : écrivez chaque en-tête sur une seule ligne.</translation>
    </message>
    <message>
        <source>The request has more than one Content-Length, or one that is not a number: send exactly one.</source>
        <translation>La requête a plus d'un Content-Length, ou un Content-Length qui n'est pas un nombre : envoyez-en exactement un.</translation>
    </message>
    <message>
        <source>The only transfer coding accepted is a single "Transfer-Encoding: chunked" (HTTP/1.1).</source>
        <translation>Le seul codage de transfert accepté est un unique « Transfer-Encoding: chunked » (HTTP/1.1).</translation>
    </message>
    <message>
        <source>The request has both a Content-Length and "Transfer-Encoding: chunked": send one of them.</source>
        <translation>La requête a à la fois un Content-Length et « Transfer-Encoding: chunked » : n'envoyez que l'un des deux.</translation>
    </message>
    <message>
        <source>The request has more than one Host header.</source>
        <translation>La requête a plus d'un en-tête Host.</translation>
    </message>
    <message>
        <source>A line of the request head is longer than %1 bytes.</source>
        <translation>Une ligne de l'en-tête de la requête dépasse %1 octets.</translation>
    </message>
    <message>
        <source>The request has more than %1 header lines.</source>
        <translation>La requête a plus de %1 lignes d'en-tête.</translation>
    </message>
    <message>
        <source>The request head is longer than %1 bytes.</source>
        <translation>L'en-tête de la requête dépasse %1 octets.</translation>
    </message>
    <message>
        <source>The request is not valid HTTP/1.1.</source>
        <translation>La requête n'est pas du HTTP/1.1 valide.</translation>
    </message>
    <message>
        <source>A chunk-size line of the body is longer than %1 bytes.</source>
        <translation>Une ligne de taille de bloc du corps dépasse %1 octets.</translation>
    </message>
    <message>
        <source>The chunked body is malformed: end each chunk line with CRLF.</source>
        <translation>Le corps découpé en blocs est mal formé : terminez chaque ligne de bloc par CRLF.</translation>
    </message>
    <message>
        <source>The chunked body is malformed: a chunk size is not a hexadecimal number.</source>
        <translation>Le corps découpé en blocs est mal formé : une taille de bloc n'est pas un nombre hexadécimal.</translation>
    </message>
    <message>
        <source>The chunked body is malformed: a chunk is longer than its size, or trailers follow the last chunk (they are not accepted).</source>
        <translation>Le corps découpé en blocs est mal formé : un bloc dépasse sa taille, ou des en-têtes de fin suivent le dernier bloc (ils ne sont pas acceptés).</translation>
    </message>
    <message>
        <source>The request head did not arrive within %1 seconds: send it whole.</source>
        <translation>L'en-tête de la requête n'est pas arrivé en %1 secondes : envoyez-le en entier.</translation>
    </message>
    <message>
        <source>The request body stalled for %1 seconds.</source>
        <translation>Le corps de la requête est resté bloqué pendant %1 secondes.</translation>
    </message>
</context>
<context>
    <name>WebJobs::RunDetailsDialog</name>
    <message>
        <source>WebJob log: %1</source>
        <translation>Journal de la tâche web : %1</translation>
    </message>
    <message>
        <source>WebJob run details: %1</source>
        <translation>Détails d'exécution de tâche web : %1</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Start time</source>
        <translation>Heure de début</translation>
    </message>
    <message>
        <source>End time</source>
        <translation>Heure de fin</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Durée</translation>
    </message>
    <message>
        <source>Trigger</source>
        <translation>Déclencheur</translation>
    </message>
    <message>
        <source>Arguments</source>
        <translation>Arguments</translation>
    </message>
    <message>
        <source>Exit code</source>
        <translation>Code de sortie</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>Sortie</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>Télécharger</translation>
    </message>
    <message>
        <source>Copy log URL</source>
        <translation>Copier l'URL du journal</translation>
    </message>
    <message>
        <source>This run no longer exists.</source>
        <translation>Cette exécution n'existe plus.</translation>
    </message>
    <message>
        <source>Save the log</source>
        <translation>Enregistrer le journal</translation>
    </message>
    <message>
        <source>Text files (*.txt)</source>
        <translation>Fichiers texte (*.txt)</translation>
    </message>
    <message>
        <source>Saved to %1</source>
        <translation>Enregistré dans %1</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>Commande</translation>
    </message>
    <message>
        <source>The log's URL is on the clipboard.</source>
        <translation>L'URL du journal est dans le presse-papiers.</translation>
    </message>
</context>
<context>
    <name>WebJobs::RunHistoryModel</name>
    <message>
        <source>Start time</source>
        <translation>Heure de début</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Durée</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Trigger</source>
        <translation>Déclencheur</translation>
    </message>
</context>
<context>
    <name>WebJobs::ScheduleCronPage</name>
    <message>
        <source>CRON expression</source>
        <translation>Expression CRON</translation>
    </message>
    <message>
        <source>Six fields: second, minute, hour, day of month, month, day of week. For example 0 */15 * * * * runs every 15 minutes.</source>
        <translation>Six champs : seconde, minute, heure, jour du mois, mois, jour de la semaine. Par exemple, 0 */15 * * * * s'exécute toutes les 15 minutes.</translation>
    </message>
</context>
<context>
    <name>WebJobs::ScheduleMonthPage</name>
    <message>
        <source>Days of the month</source>
        <translation>Jours du mois</translation>
    </message>
    <message>
        <source>Days</source>
        <translation>Jours</translation>
    </message>
    <message>
        <source>Week days</source>
        <translation>Jours de la semaine</translation>
    </message>
    <message>
        <source>Last day</source>
        <translation>Dernier jour</translation>
    </message>
    <message>
        <source>Occurrences</source>
        <translation>Occurrences</translation>
    </message>
    <message>
        <source>first</source>
        <translation>première</translation>
    </message>
    <message>
        <source>second</source>
        <translation>deuxième</translation>
    </message>
    <message>
        <source>third</source>
        <translation>troisième</translation>
    </message>
    <message>
        <source>fourth</source>
        <translation>quatrième</translation>
    </message>
    <message>
        <source>last</source>
        <translation>dernière</translation>
    </message>
    <message>
        <source>Choose the days of the month the job runs on.</source>
        <translation>Choisissez les jours du mois où la tâche s'exécute.</translation>
    </message>
    <message>
        <source>Choose at least one day of the month.</source>
        <translation>Choisissez au moins un jour du mois.</translation>
    </message>
    <message>
        <source>Choose at least one occurrence and one day of the week, such as the last Friday.</source>
        <translation>Choisissez au moins une occurrence et un jour de la semaine, par exemple le dernier vendredi.</translation>
    </message>
</context>
<context>
    <name>WebJobs::SchedulePreviewPage</name>
    <message>
        <source>Next occurrences</source>
        <translation>Prochaines occurrences</translation>
    </message>
    <message>
        <source>The job will run at these times.</source>
        <translation>La tâche s'exécutera à ces heures.</translation>
    </message>
    <message>
        <source>CRON %1</source>
        <translation>CRON %1</translation>
    </message>
    <message>
        <source>The schedule has no future occurrence.</source>
        <translation>La planification n'a aucune occurrence à venir.</translation>
    </message>
    <message>
        <source>The schedule, as settings.job stores it under "recurrence" (the time zone goes under "time_zone"):</source>
        <translation>La planification, telle que settings.job l'enregistre sous « recurrence » (le fuseau horaire va sous « time_zone ») :</translation>
    </message>
    <message>
        <source>The keys written into settings.job:</source>
        <translation>Les clés écrites dans settings.job :</translation>
    </message>
</context>
<context>
    <name>WebJobs::ScheduleRecurrencePage</name>
    <message>
        <source>Choose how often the job runs, and when the schedule ends.</source>
        <translation>Choisissez la fréquence d'exécution de la tâche, et quand la planification se termine.</translation>
    </message>
    <message>
        <source>End time</source>
        <translation>Heure de fin</translation>
    </message>
    <message>
        <source>How often</source>
        <translation>Fréquence</translation>
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
            <numerusform>heure</numerusform>
            <numerusform>heures</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>day(s)</source>
        <translation>
            <numerusform>jour</numerusform>
            <numerusform>jours</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>week(s)</source>
        <translation>
            <numerusform>semaine</numerusform>
            <numerusform>semaines</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>month(s)</source>
        <translation>
            <numerusform>mois</numerusform>
            <numerusform>mois</numerusform>
        </translation>
    </message>
    <message>
        <source>Repeat every</source>
        <translation>Intervalle</translation>
    </message>
</context>
<context>
    <name>WebJobs::ScheduleStartPage</name>
    <message>
        <source>Start</source>
        <translation>Début</translation>
    </message>
    <message>
        <source>Choose when the schedule starts, and the time zone its times are read in.</source>
        <translation>Choisissez quand la planification commence, et le fuseau horaire dans lequel ses heures sont lues.</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>Maintenant</translation>
    </message>
    <message>
        <source>At a specific time</source>
        <translation>À une heure spécifique</translation>
    </message>
    <message>
        <source>Start time</source>
        <translation>Heure de début</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>Fuseau horaire</translation>
    </message>
    <message>
        <source>The time zone "%1" is unknown: choose one from the list, such as Europe/Paris.</source>
        <translation>Le fuseau horaire « %1 » est inconnu : choisissez-en un dans la liste, par exemple Europe/Paris.</translation>
    </message>
    <message>
        <source>Start date</source>
        <translation>Date de début</translation>
    </message>
</context>
<context>
    <name>WebJobs::ScheduleTimePage</name>
    <message>
        <source>At</source>
        <translation>À</translation>
    </message>
    <message>
        <source>Choose the time of day the job runs, in the schedule's time zone.</source>
        <translation>Choisissez l'heure à laquelle la tâche s'exécute, dans le fuseau horaire de la planification.</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Heure</translation>
    </message>
    <message>
        <source>Also at hours</source>
        <translation>Aussi aux heures</translation>
    </message>
    <message>
        <source>A schedule runs at each of its hours at the same minutes, so %1 and %2 cannot be one schedule: more times share the minute above (%1, %3, %4).</source>
        <translation>Une planification s'exécute à chacune de ses heures aux mêmes minutes : %1 et %2 ne peuvent donc pas former une seule planification. Les heures ajoutées partagent la minute ci-dessus (%1, %3, %4).</translation>
    </message>
    <message>
        <source>for example %1, %2</source>
        <translation>par exemple %1, %2</translation>
    </message>
    <message>
        <source>"%1" is not an hour: list whole hours separated by commas, such as %2, %3.</source>
        <translation>« %1 » n'est pas une heure : indiquez des heures entières séparées par des virgules, par exemple %2, %3.</translation>
    </message>
</context>
<context>
    <name>WebJobs::ScheduleTypePage</name>
    <message>
        <source>Recurrence</source>
        <translation>Périodicité</translation>
    </message>
    <message>
        <source>Choose whether the job runs once or again and again.</source>
        <translation>Choisissez si la tâche s'exécute une seule fois ou de façon répétée.</translation>
    </message>
    <message>
        <source>One-time job</source>
        <translation>Tâche ponctuelle</translation>
    </message>
    <message>
        <source>Recurring job</source>
        <translation>Tâche périodique</translation>
    </message>
    <message>
        <source>Advanced: a CRON expression (NCRONTAB)</source>
        <translation>Avancé : une expression CRON (NCRONTAB)</translation>
    </message>
</context>
<context>
    <name>WebJobs::ScheduleWeekDaysPage</name>
    <message>
        <source>Week days</source>
        <translation>Jours de la semaine</translation>
    </message>
    <message>
        <source>Choose the days of the week the job runs on.</source>
        <translation>Choisissez les jours de la semaine où la tâche s'exécute.</translation>
    </message>
    <message>
        <source>Choose at least one day of the week.</source>
        <translation>Choisissez au moins un jour de la semaine.</translation>
    </message>
</context>
<context>
    <name>WebJobs::ScheduleWizard</name>
    <message>
        <source>Schedule</source>
        <translation>Planification</translation>
    </message>
</context>
<context>
    <name>WebJobs::ServiceLogSource</name>
    <message>
        <source>The log viewer was closed.</source>
        <translation>La visionneuse de journal a été fermée.</translation>
    </message>
    <message>
        <source>The host did not answer. Check the connection, then open the log again.</source>
        <translation>L'hôte n'a pas répondu. Vérifiez la connexion, puis ouvrez de nouveau le journal.</translation>
    </message>
    <message>
        <source>The connection to the host was closed. Open the log again.</source>
        <translation>La connexion à l'hôte a été fermée. Ouvrez de nouveau le journal.</translation>
    </message>
</context>
<context>
    <name>WebJobs::SettingsDialog</name>
    <message>
        <source>Settings of %1</source>
        <translation>Paramètres de %1</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Chargement…</translation>
    </message>
    <message>
        <source>Edit schedule…</source>
        <translation>Modifier la planification…</translation>
    </message>
    <message>
        <source>settings.job</source>
        <translation>settings.job</translation>
    </message>
    <message>
        <source>The settings are valid.</source>
        <translation>Les paramètres sont valides.</translation>
    </message>
</context>
<context>
    <name>WebJobs::StoreFailures</name>
    <message>
        <source>The job database refused a write without saying why.</source>
        <translation>La base de données des tâches web a refusé une écriture sans en donner la raison.</translation>
    </message>
    <message>
        <source>The run did not start.</source>
        <translation>L'exécution n'a pas démarré.</translation>
    </message>
    <message>
        <source>The old runs are removed after the next run.</source>
        <translation>Les anciennes exécutions seront supprimées après la prochaine exécution.</translation>
    </message>
    <message numerus="yes">
        <source>The host tries again every %n second(s).</source>
        <translation>
            <numerusform>L'hôte réessaie toutes les %n seconde.</numerusform>
            <numerusform>L'hôte réessaie toutes les %n secondes.</numerusform>
        </translation>
    </message>
    <message>
        <source>The job does not start on this instance until the database records its claim; it tries again at each heartbeat.</source>
        <translation>La tâche web ne démarre pas sur cette instance tant que la base de données n'a pas enregistré sa réservation ; l'instance réessaie à chaque signal de vie.</translation>
    </message>
</context>
<context>
    <name>WebJobs::TriggeredJobRunner</name>
    <message>
        <source>Cannot start a new run since job is already running.</source>
        <translation>Impossible de démarrer une nouvelle exécution : la tâche est déjà en cours d'exécution.</translation>
    </message>
    <message>
        <source>WebJobs are currently in "stopped" state.</source>
        <translation>Les tâches web sont actuellement à l'état « arrêté ».</translation>
    </message>
</context>
<context>
    <name>WebJobs::WebHooks</name>
    <message>
        <source>"%1" is not a valid web hook address: give an absolute http:// or https:// URL.</source>
        <translation>« %1 » n'est pas une adresse de webhook valide : indiquez une URL absolue en http:// ou https://.</translation>
    </message>
    <message>
        <source>The web hook has no event: give "event", for example "TriggeredJobFinished".</source>
        <translation>Le webhook n'a pas d'événement : indiquez « event », par exemple « TriggeredJobFinished ».</translation>
    </message>
    <message>
        <source>%1 is a link-local address, where cloud machines serve their metadata and credentials: web hooks may not call it unless the agent runs with --allow-link-local-hooks.</source>
        <translation>%1 est une adresse lien-local, où les machines du cloud servent leurs métadonnées et leurs identifiants : les webhooks ne peuvent l'appeler que si l'agent est lancé avec --allow-link-local-hooks.</translation>
    </message>
    <message>
        <source>A web hook may not call the agent itself (%1 port %2).</source>
        <translation>Un webhook ne peut pas appeler l'agent lui-même (%1 port %2).</translation>
    </message>
    <message>
        <source>A web hook may not call the agent itself (%1).</source>
        <translation>Un webhook ne peut pas appeler l'agent lui-même (%1).</translation>
    </message>
</context>
<context>
    <name>WorkingCopy</name>
    <message>
        <source>Cannot copy the job's files to %1: check the free space and the permissions of that folder.</source>
        <translation>Impossible de copier les fichiers de la tâche dans %1 : vérifiez l'espace libre et les droits sur ce dossier.</translation>
    </message>
</context>
</TS>
