# iejobs: italiano. Termini di Microsoft: processo, annullare/annullamento, eliminare. Gli
# stati dell'API (Packaging, Completed…) restano come li chiama il servizio.

## Counts

count-jobs = { $count ->
    [one] { $count } processo
   *[other] { $count } processi
}
count-jobs-header = Processi

## Configuration

config-bad-language = { $value } non è una lingua di iejobs; usare system, en, es o it

## The rules (model::permission, model::verdict). $action is "cancel" or "delete".

action-cancel = Annulla
action-delete = Elimina
rule-unknown-state = { $action ->
    [cancel] L'annullamento
   *[delete] L'eliminazione
} non è disponibile per un processo nello stato "{ $state }", che iejobs non conosce
rule-cancel-before-packaging = È possibile annullare solo prima di Packaging; questo processo è nello stato { $state }
rule-cancel-requested = L'annullamento è già stato richiesto
rule-delete-creating-completed = È possibile eliminare solo in Creating o Completed; questo processo è nello stato { $state }
verdict-select-first = Selezionare prima i processi nella tabella
verdict-none-same = { $action ->
    [cancel] Non è possibile annullare
   *[delete] Non è possibile eliminare
} nessuno dei { $count } processi selezionati: { $reason }
verdict-none-first = { $action ->
    [cancel] Non è possibile annullare
   *[delete] Non è possibile eliminare
} nessuno dei { $count } processi selezionati (il primo, { $first }: { $reason })
verdict-gone = Il processo non è più elencato

## Jobs, cancels and failures (model)

failure-with-code = { $action ->
    [cancel] Annullamento non riuscito
   *[delete] Eliminazione non riuscita
}: { $code }: { $message }
failure = { $action ->
    [cancel] Annullamento non riuscito
   *[delete] Eliminazione non riuscita
}: { $message }
request-id-note = { " " }(ID richiesta { $id })
rule-on-its-way = Una richiesta di { $action ->
    [cancel] annullamento
   *[delete] eliminazione
} è già in corso
cancel-phase-sending = richiesto…
cancel-phase-pending = in attesa
cancel-phase-landed = annullato
cancel-phase-sending-hover = Annullamento richiesto: in attesa della conferma del servizio
cancel-phase-pending-hover = Annullamento in corso: le unità in trasferimento possono continuare la copia finché il processo non arriva a Completed
cancel-phase-landed-hover = Annullamento concluso: il processo è terminato; i dischi tornano con il pacco di restituzione

## The activity log

activity-requested = { $action ->
    [cancel] Annullamento richiesto…
   *[delete] Eliminazione richiesta…
}
activity-deleted = Eliminato
activity-cancel-confirmed = Annullamento confermato dal servizio
activity-cancel-landed = annullamento concluso
activity-cancel-landed-drives = annullamento concluso: { $done ->
    [one] { $done } unità terminata
   *[other] { $done } unità terminate
}, { $skipped ->
    [one] { $skipped } saltata
   *[other] { $skipped } saltate
}, { $bytes } copiati dalla richiesta
gone-no-longer-listed = non più elencato
gone-no-longer-exists = non esiste più
activity-listed = { $count ->
    [one] { $count } processo elencato
   *[other] { $count } processi elencati
} della sottoscrizione { $subscription }
activity-settings-saved = Impostazioni salvate in { $path }
activity-settings-not-saved = Impostazioni non salvate: { $error }
activity-polling-failed = Polling non riuscito: { $message }
activity-connection-restored = Connessione ripristinata
activity-subscription-failing = Sottoscrizione { $subscription }: { $reason }. { $message }
activity-subscription-recovered = La sottoscrizione { $subscription } è di nuovo leggibile
audit-sending = { $action ->
    [cancel] Annullamento inviato
    [delete] Eliminazione inviata
   *[other] { $action } inviato
} da { $identity }
audit-confirmed = { $action ->
    [cancel] Annullamento confermato
    [delete] Eliminazione confermata
   *[other] { $action } confermato
} (inviato da { $identity })
audit-failed = { $action ->
    [cancel] Annullamento non riuscito
    [delete] Eliminazione non riuscita
   *[other] { $action } non riuscito
} (inviato da { $identity })

## Subscriptions that cannot be read

subscription-not-allowed = non autorizzato a leggere i processi di Importazione/Esportazione
subscription-not-found = sottoscrizione inesistente
subscription-unregistered = Microsoft.ImportExport non è registrato nella sottoscrizione
subscription-throttled = limitata da Azure
subscription-refused = rifiutata
subscription-unreachable = irraggiungibile

## Desktop notifications

notify-unreachable = Servizio irraggiungibile
notify-unreachable-body = Nessun processo è stato letto per { $minutes } minuti. iejobs continua a provare.
notify-reachable = Servizio di nuovo raggiungibile
notify-reachable-body = I processi vengono letti di nuovo.
notify-cancel-landed = Annullamento concluso
notify-delete-confirmed = Eliminazione confermata
notify-deleted-body = { $job } è stato eliminato
notify-failed = { $action ->
    [cancel] Annullamento non riuscito
   *[delete] Eliminazione non riuscita
}
notify-failed-detail = non riuscito
notify-cancels-landed = { $count } annullamenti conclusi
notify-deletes-confirmed = { $count } eliminazioni confermate
notify-many-failed = { $count } { $action ->
    [cancel] annullamenti non riusciti
   *[delete] eliminazioni non riuscite
}
notify-names-more = { $names } e altri { $count }
notify-names-and = { $names } e { $last }
notify-finished = { $job } è terminato
notify-landed = { $job } è nello stato { $state }
notify-landed-drives = { $job } è nello stato { $state } ({ $count ->
    [one] { $count } unità
   *[other] { $count } unità
}, { $bytes } copiati dopo la richiesta)

## What a cancel did to each drive

drive-outcome-copying = ancora in copia
drive-outcome-skipped = saltata: non copiata
drive-outcome-done = copiata
drive-outcome-waiting = non iniziata

## Shared words of the window

dismiss = Ignora
apply = Applica
now = Ora: { $value }

## The toolbar and the filter row

toolbar-monitor = Monitoraggio annullamenti ({ $active })
toolbar-monitor-landed = Monitoraggio annullamenti ({ $active } + { $landed } conclusi)
toolbar-monitor-hover = { $active } annullamenti in corso, { $landed } conclusi. Seguirli uno per uno: unità ancora in copia, byte dalla richiesta, velocità, esito
toolbar-hidden = ({ $count } nascosti dal filtro)
toolbar-hidden-hover = I processi selezionati nascosti dal filtro restano selezionati: Annulla ed Elimina raggiungono anche loro (la conferma li elenca). Esc annulla la selezione.
toolbar-refresh = Aggiorna
toolbar-refresh-hover = Elencare ora tutti i processi
toolbar-polling = Polling
toolbar-export = Esporta…
toolbar-export-hover = Salvare le righe visualizzate in un file CSV o JSON (Ctrl+E)
toolbar-settings = Impostazioni
toolbar-settings-hover = Connessione, sottoscrizioni, polling, lingua; salvarli nel file di configurazione
toolbar-help = Guida
toolbar-shortcuts = Tasti di scelta rapida (F1)
toolbar-about = Informazioni su iejobs
toolbar-theme = Tema
toolbar-activity = Registro attività
toolbar-selected = { $action ->
    [cancel] Annulla
   *[delete] Elimina
} selezionati ({ $count })
filter-label = Filtro:
filter-hint = nome, gruppo, sottoscrizione, località, account (Ctrl+F)
filter-state-hover = Mostrare solo i processi in questo stato (se ne possono scegliere diversi)
filter-cancel-in-progress = Annullamento in corso { $count }
filter-cancel-in-progress-hover = Solo i processi con annullamento richiesto e non ancora terminati
filter-cancelled = Annullati { $count }
filter-cancelled-hover = Solo i processi con annullamento concluso: Completed o Closed dopo la richiesta
filter-clear = Cancella filtri

## Job states: the names stay as the service sends them; these say what they mean.

state-creating = il processo è stato creato; i dischi non sono ancora stati spediti
state-shipping = i dischi sono in viaggio verso il data center di Azure
state-received = il data center ha ricevuto i dischi
state-transferring = i dati vengono copiati tra i dischi e l'account di archiviazione
state-packaging = la copia è finita; i dischi vengono imballati per la restituzione
state-completed = il processo è terminato e i dischi sono stati restituiti
state-closed = il processo è terminato con errori; vedere i log delle unità
state-unknown = { $state }: uno stato che iejobs non conosce
no-state = (nessuno stato)

## Values as the window writes them

odd-percent = il servizio ha inviato percentComplete { $value }
odd-bytes = il servizio ha inviato bytesSucceeded { $value }
odd-note = Fuori intervallo: { $notes }. Disegnato entro l'intervallo; il processo è come lo riporta Azure.
hover-cut = { $head }… ({ $count } caratteri)
duration-days = { $count ->
    [one] { $count } giorno
   *[other] { $count } giorni
}
time-ago = { $duration } fa
time-in = tra { $duration }
row-cancel-requested = , annullamento richiesto
row-cancel-pending = , annullamento in attesa
row-cancelled = , annullato
row-deleting = , eliminazione in corso
row-failed = , ultima azione non riuscita

## The jobs table

column-name = Nome
column-resource-group = Gruppo di risorse
column-subscription = Sottoscrizione
column-type = Tipo
column-state = Stato
column-cancel = Annullamento
column-drives = Unità
column-progress = Avanzamento
column-location = Località
column-storage-account = Account di archiviazione
column-last-change = Ultima modifica
columns-shown = Colonne visualizzate
columns-name-always = Il nome è sempre visualizzato
columns-show-all = Mostra tutte le colonne
table-no-jobs-yet = Ancora nessun processo. Il primo elenco è in arrivo…
table-no-jobs-in = Nessun processo di Importazione/Esportazione in { $subscriptions }.
table-still-listing = { $count ->
    [one] Elenco di un'altra sottoscrizione ancora in corso
   *[other] Elenco di altre { $count } sottoscrizioni ancora in corso
}…
table-cannot-list = Impossibile elencare i processi: { $message }
    Nuovo tentativo automatico; vedere la barra di stato.
table-no-match = Nessun processo corrisponde ai filtri.
table-sort-hover = Ordina per { $column }; clic destro per scegliere le colonne
table-unknown-state = Uno stato che iejobs non conosce: mostrato come lo ha inviato Azure; nessuna azione disponibile
table-deleting = eliminazione…
table-deleting-hover = La richiesta di eliminazione è in corso
table-menu-action = { $action ->
    [cancel] Annulla
   *[delete] Elimina
}… ({ $allowed } di { $count })
table-show-details = Mostra dettagli
table-copy = Copia
table-copy-hover = Copia come testo separato da tabulazioni con una riga di intestazione, per un foglio di calcolo (Ctrl+C)

## The detail panel

yes = sì
no = no
detail-select = Selezionare un processo per vederne i dettagli.
detail-selected = { $count ->
    [one] { $count } processo selezionato.
   *[other] { $count } processi selezionati.
}
detail-request-id = { " " }· ID richiesta { $id } (lo chiede il supporto di Azure)
detail-failure = { $failure }
    alle { $at }{ $status }{ $request }
detail-watch = Segui questo annullamento
detail-cancel-sending = annullamento richiesto… (in attesa del servizio)
detail-deletion = Azure lo elimina il
detail-deletion-date = { $date } (90 giorni dopo il completamento)
prop-state = Stato
prop-cancel-requested = Annullamento richiesto
prop-provisioning = Stato del provisioning
prop-job-type = Tipo di processo
prop-resource-group = Gruppo di risorse
prop-subscription = Sottoscrizione
prop-storage-account = Account di archiviazione
prop-location = Località
prop-progress = Avanzamento
prop-delivery-package = Pacco di consegna
prop-return-package = Pacco di restituzione
prop-diagnostics = Percorso di diagnostica
prop-log-level = Livello di log
prop-backup-manifest = Manifesto di backup
prop-created = Creato (orologio del servizio)
prop-modified = Ultima modifica (orologio del servizio)
prop-changed = Ultima modifica vista (questo computer)
package-tracking = tracciamento { $number }
package-drives = { $count ->
    [one] { $count } unità
   *[other] { $count } unità
}
package-shipped = spedito il { $date }
detail-drives-loading = Unità: caricamento…
detail-drives = Unità ({ $count })
detail-no-id = (nessun ID)
drive-error-log = log degli errori
drive-verbose-log = log dettagliato
drive-manifest = manifesto
detail-observed = Stati osservati
timeline-cancel-requested = annullamento richiesto
timeline-cancel-first-seen = annullamento in attesa alla prima osservazione
timeline-landed = { " " }(annullamento concluso)

## The confirmation

confirm-title-one = { $action ->
    [cancel] Annullare
   *[delete] Eliminare
} il processo { $job }?
confirm-title-many = { $action ->
    [cancel] Annullare
   *[delete] Eliminare
} { $count } processi?
confirm-cancel-explained = Azure annulla nel modo più efficiente possibile. Le unità già in trasferimento possono continuare la copia fino alla fine; quelle non ancora iniziate vengono saltate. Il processo passa poi per Packaging fino a Completed, e Azure lo elimina 90 giorni dopo.
confirm-delete-explained = L'eliminazione rimuove il processo da Azure: le sue informazioni e il suo stato non saranno più accessibili. L'operazione non può essere annullata.
confirm-sent-for = { $action ->
    [cancel] L'annullamento verrà inviato per:
   *[delete] L'eliminazione verrà inviata per:
}
confirm-hidden = { $count ->
    [one] { $count } di questi processi è nascosto dal filtro della tabella.
   *[other] { $count } di questi processi sono nascosti dal filtro della tabella.
}
confirm-skipped = Saltati ({ $count }):
confirm-request-cancel = Richiedi annullamento
confirm-delete-permanently = Elimina definitivamente
confirm-keep = Mantieni il processo
confirm-drive-left = { $drive } (mancano { $bytes })
confirm-and-more = e altre { $count }
confirm-left-in-all = ; mancano { $bytes } in totale
confirm-at-least-left = ; mancano almeno { $bytes }
confirm-still-copying = Continuano la copia dopo l'annullamento ({ $count ->
    [one] { $count } unità in trasferimento
   *[other] { $count } unità in trasferimento
}): { $drives }{ $total }.

## The status bar, the stale note, the activity log

status-degraded-in = Degradato: nuovo tentativo tra { $seconds } s
status-degraded-now = Degradato: nuovo tentativo in corso…
status-stale-since = dati non aggiornati dal { $time }
status-last-poll = Ultimo polling { $time } ({ $ago })
status-loading = Caricamento dei processi…
status-in-flight = { $count ->
    [one] { $count } richiesta in corso
   *[other] { $count } richieste in corso
}
status-slow-page = Elenco di { $subscription }: pagina { $page }, tentativo { $attempt } di { $attempts }, { $seconds } s…
status-and-more = { " " }(e altri { $count })
status-slow-page-hover = Una pagina dell'elenco richiede molto tempo; ogni tentativo può durare fino al timeout della richiesta prima di essere ripetuto.
status-bulk-done = { $action ->
    [cancel] Annullamento inviato
   *[delete] Eliminazione inviata
} per { $total } processi
status-bulk-doing = { $action ->
    [cancel] Annullamento
   *[delete] Eliminazione
} { $done } di { $total }…
status-reads-budget = letture { $reads }/h su { $budget }
status-reads = letture { $reads }/h
status-reads-hover-budget = Letture dell'ultima ora, per sottoscrizione. Il polling si limita a { $budget } all'ora per sottoscrizione (read-budget), molto al di sotto dei limiti di Azure Resource Manager, condivisi con il portale, la CLI e i vostri script; il primo elenco e Aggiorna possono andare più veloci, fino a 12 al secondo.
status-reads-hover = Letture dell'ultima ora, per sottoscrizione (nessun limite di letture).
status-reads-line = { $subscription }: { $reads } letture
status-reads-left = , secondo Azure ne restano { $count }
status-throttled-until = , limitata fino al { $time }
status-failing = { $readable } di { $total } sottoscrizioni: { $subscription }: { $reason }{ $more }
status-failing-hover = { $subscription } ({ $id }): { $reason }
    { $message }
    Prossimo tentativo { $time } (o premere Aggiorna).
stale-the-start = l'avvio
stale-banner = Dati non aggiornati dal { $since }: il servizio non risponde, quindi queste righe sono gli ultimi dati validi e potrebbero non essere attuali. Le azioni rileggono comunque prima il processo.
activity-title = Attività

## The cancellation monitor. $outcome is copying, skipped, done or waiting; $unit (chart)
## is hours or minutes on x, kB, MB, GB or TB on y.

monitor-title = Monitoraggio annullamenti: { $active } in corso, { $landed } conclusi
monitor-title-hover = In corso: richiesto, il processo non è terminato (le unità in trasferimento possono continuare la copia). Concluso: il processo è arrivato a Completed o Closed dopo la richiesta.
monitor-empty = Nessun annullamento da seguire. Annullare un processo (prima di Packaging) e seguirlo qui.
monitor-landed = Conclusi ({ $count })
monitor-more = Visualizzati { $shown } di { $count }; i filtri "Annullamento in corso" e "Annullati" della tabella li elencano tutti.
monitor-show-job = Mostra il processo nel pannello dei dettagli
monitor-requested = richiesto… in attesa della conferma del servizio
monitor-drives-loading = unità: caricamento…
monitor-since-request = +{ $bytes } dalla richiesta
monitor-landed-ago = concluso { $ago }
monitor-left = mancano { $bytes }
monitor-next-packaging = nessuna unità in copia: i dischi vengono imballati per la restituzione
monitor-next-transferring = nessuna unità in copia: poi Packaging
monitor-next-skip = nessuna unità in copia: salta la copia, poi Packaging
monitor-drive-count = { $count } { $outcome ->
    [copying] in copia
    [skipped] { $count ->
        [one] saltata
       *[other] saltate
    }
    [done] { $count ->
        [one] terminata
       *[other] terminate
    }
   *[waiting] non iniziate
}
monitor-no-drives = nessuna unità
monitor-eta-unknown = ora di fine: non ancora nota
monitor-eta-range = ; da { $early } a { $late }
monitor-eta = la copia termina ~{ $time } ({ $ago }{ $range })
monitor-no-carrier = corriere non indicato
monitor-disks-back = restituzione dischi: { $carrier }
monitor-tracking-hover = La pagina di tracciamento del corriere (apre il browser)
monitor-requested-at = Annullamento richiesto { $time } ({ $ago }).
monitor-first-seen = L'annullamento era già in attesa quando iejobs ha visto il processo per la prima volta ({ $time }); i byte sono contati da allora.
monitor-waiting = Richiesto: in attesa della conferma del servizio.
monitor-landed-deletion = Concluso: il processo è nello stato { $state }. I dischi tornano con il pacco di restituzione; Azure elimina il processo il { $date } ({ $ago }), 90 giorni dopo la fine.
monitor-landed-text = Concluso: il processo è nello stato { $state }. Azure lo elimina 90 giorni dopo la fine.
monitor-in-progress-none = In corso ({ $state }). Nessuna unità è in copia: il processo salta la copia dei dati, passa per Packaging (i dischi vengono restituiti) e termina in Completed.
monitor-in-progress = In corso ({ $state }). { $count ->
    [one] { $count } unità in trasferimento continua la copia fino alla fine
   *[other] { $count } unità in trasferimento continuano la copia fino alla fine
}; poi il processo passa per Packaging (i dischi vengono restituiti) fino a Completed.
monitor-col-drive = Unità
monitor-col-state = Stato
monitor-col-copied = Copiati
monitor-col-since = Dalla richiesta
monitor-col-left = Mancanti
monitor-col-rate = Velocità
monitor-col-rate-service = Velocità (servizio)
monitor-rate-hover = Al secondo dell'orologio del servizio: quello dell'emulatore va a x{ $clock }, quindi le unità copiano { $clock } volte più in fretta secondo l'orologio di questo computer; le ore di fine sono quelle di questo computer
monitor-chart-empty = Il grafico si riempie man mano che il polling osserva le unità dopo la richiesta.
monitor-chart-x = { $unit ->
    [hours] ore
   *[minutes] minuti
} dalla richiesta
monitor-chart-y = { $unit } copiati dalla richiesta

## The command line

cli-settings-unusable = le impostazioni non sono utilizzabili
cli-no-answer = l'azione è terminata senza risposta
cli-not-sent = Non inviato: { $reason }.
cli-done = { $action ->
    [cancel] annullamento richiesto
   *[delete] eliminato
}: { $job }
cli-refused = rifiutato: { $action ->
    [cancel] annullare
   *[delete] eliminare
} { $job }: { $reason }
cli-failed = { $action ->
    [cancel] annullamento
   *[delete] eliminazione
} di { $job } non riuscito: { $message }
cli-job = { $name } (gruppo di risorse { $group }, sottoscrizione { $subscription })
cli-about-to-delete = Stanno per essere eliminati:
cli-delete-prompt = { $count ->
    [one] Eliminarlo
   *[other] Eliminarli
}? [s/N]
cli-yes-answers = s, sì, si
cli-gone = non esiste più: { $job }
cli-unknown = sconosciuto
cli-finished = { $state }: { $job }; Azure lo elimina dopo il { $retention }
cli-interrupted = interrotto; l'annullamento di { $job } resta richiesto e Azure lo porta a termine
cli-timed-out = tempo di attesa scaduto; { $job } è nello stato { $state }, il suo annullamento resta richiesto
cli-read-failed = lettura di { $job } non riuscita: { $error }
cli-no-drives = nessuna unità segnalata
cli-not-unique = non è stato possibile leggere tutte le sottoscrizioni, quindi non si può stabilire se { $names } è univoco; non è stato fatto nulla
cli-no-job = nessun processo di nome { $name } nelle sottoscrizioni lette
cli-no-job-in-group = nessun processo di nome { $name } nel gruppo di risorse { $group } delle sottoscrizioni lette
cli-ambiguous = il nome { $name } è ambiguo; specificare --resource-group o --subscription. Candidati:
cli-candidate = sottoscrizione { $subscription }  gruppo di risorse { $group }  nome { $name }
cli-no-subscription = l'identità non vede alcuna sottoscrizione utilizzabile; indicarne una con --subscription
cli-cannot-list-subscriptions = impossibile elencare le sottoscrizioni: { $error }
cli-delete-needs-yes = l'eliminazione chiede conferma e lo standard input non è un terminale; aggiungere --yes per eliminare senza chiedere
cli-not-confirmed = non confermato; non è stato eliminato nulla
cli-earlier-action = un'azione precedente: { $text }
cli-requested = richiesto
show-name = nome
show-resource-group = gruppo di risorse
show-subscription = sottoscrizione
show-state = stato
show-cancel-requested = annullamento richiesto
show-type = tipo
show-location = località
show-storage-account = account di archiviazione
show-progress = avanzamento
show-bytes = byte copiati
show-created = creato
show-modified = ultima modifica
show-cancel = annullare
show-delete = eliminare
show-drives = unità
show-not-reported = (non segnalate)
show-none = nessuna
show-allowed = consentito
show-not-allowed-because = non consentito: { $reason }
show-not-allowed = non consentito

## --help (Spanish and Italian only: the English help is the flags' doc comments)

help-about = Gestire i processi di Importazione/Esportazione di Azure: elencarli, annullarli ed eliminarli quando Azure lo consente, e vedere che cosa fa davvero un annullamento.
help-long-about = Gestire i processi di Importazione/Esportazione di Azure: elencarli, annullarli ed eliminarli quando Azure lo consente, e vedere che cosa fa davvero un annullamento.

    Se non è configurato nulla di Azure, iejobs avvia un emulatore locale dell'API di Importazione/Esportazione con dati dimostrativi e vi si connette tramite HTTP, come farebbe con Azure.
help-settings = IMPOSTAZIONI
      Ogni impostazione viene da un'opzione, altrimenti da una variabile d'ambiente IEJOBS_*, altrimenti dal file di configurazione (TOML), altrimenti dal valore predefinito. Chiavi: cloud, endpoint, auth, tenant-id, client-id, subscriptions, poll-secs, fast-poll-secs, read-budget, api-version, notifications, language (system | en | es | it).
help-flag-config = Il file di configurazione [env: IEJOBS_CONFIG] [predefinito: ~/.config/iejobs/config.toml]
help-flag-emulator = Usare l'emulatore incorporato anche se Azure è configurato.
help-flag-print-config = Stampare le impostazioni in vigore, con la provenienza di ciascuna, e uscire.
help-flag-cloud = Cloud di Azure: public, usgov o china [env: IEJOBS_CLOUD]
help-flag-endpoint = Endpoint di Azure Resource Manager, al posto di quello del cloud; https, o http su loopback [env: IEJOBS_ENDPOINT]
help-flag-auth = Accesso: auto, azure-cli, service-principal, managed-identity, workload-identity o token [env: IEJOBS_AUTH]
help-flag-tenant-id = Tenant a cui accedere [env: IEJOBS_TENANT_ID]
help-flag-client-id = ID client di un'identità gestita assegnata dall'utente, o dell'applicazione se AZURE_CLIENT_ID non è impostato [env: IEJOBS_CLIENT_ID]
help-flag-subscription = Una sottoscrizione di cui elencare i processi; ripetere per più sottoscrizioni [env: IEJOBS_SUBSCRIPTIONS, separate da virgole]
help-flag-poll-secs = Secondi minimi tra due elenchi completi di una sottoscrizione [env: IEJOBS_POLL_SECS]
help-flag-fast-poll-secs = Secondi tra le letture dei processi in movimento [env: IEJOBS_FAST_POLL_SECS]
help-flag-read-budget = Letture per sottoscrizione e ora che il polling può spendere, o "unlimited" [env: IEJOBS_READ_BUDGET]
help-flag-api-version = La api-version di Microsoft.ImportExport [predefinita: 2020-08-01] [env: IEJOBS_API_VERSION]
help-flag-lang = Lingua della finestra e dei comandi: system, en, es o it [env: IEJOBS_LANG]
help-flag-emulator-scenario = I processi dell'emulatore incorporato: demo, empty, load:N o un file JSON di processi.
help-flag-emulator-speed = Secondi simulati per secondo reale dell'emulatore incorporato (0 ne ferma l'orologio).
help-audit = Il registro di controllo: ogni annullamento ed eliminazione inviati, dalla finestra o dalla riga di comando, con l'esito e l'ID richiesta di Azure.
help-arg-since = Solo le righe da questa data o ora in poi (2026-11-30, o RFC 3339).
help-arg-output = Il formato del risultato.
help-jobs = Elencare, mostrare, annullare, eliminare e seguire i processi dalla riga di comando.
help-jobs-list = Elencare i processi di tutte le sottoscrizioni osservate (tutte le pagine).
help-jobs-show = Mostrare un processo con le sue unità e che cosa vi si può fare.
help-jobs-cancel = Richiedere l'annullamento di processi (solo prima di Packaging), aspettando facoltativamente la fine.
help-jobs-delete = Eliminare processi (solo in Creating o Completed).
help-jobs-watch = Seguire i cambiamenti dei processi fino a Ctrl-C: una tabella dal vivo su un terminale, altrimenti una riga per cambiamento.
help-arg-resource-group = Il gruppo di risorse dei processi, se un nome non è univoco.
help-arg-state = Solo i processi in questo stato (maiuscole o minuscole); ripetere per più stati.
help-arg-cancel-pending = Solo i processi con un annullamento richiesto.
help-arg-name = Il nome del processo.
help-arg-names = I nomi dei processi.
help-arg-wait = Seguire ogni unità (byte dalla richiesta, velocità) finché il processo non è Completed o Closed, poi stampare la data in cui Azure lo elimina.
help-arg-timeout = Smettere di aspettare dopo questo tempo ("90s", "30m", "2h", o secondi).
help-arg-yes = Eliminare senza chiedere (obbligatorio se lo standard input non è un terminale).
help-arg-watch-names = Solo questi processi (predefinito: tutti).
help-exit-codes = CODICI DI USCITA
      0    fatto
      1    errore del servizio (il codice e il messaggio ARM su stderr), o processo non trovato
      2    uso: un'opzione o un'impostazione errata, un nome ambiguo, delete senza --yes fuori da un terminale
      3    rifiutato dalle regole (Annulla solo prima di Packaging, Elimina solo in Creating o Completed) o non confermato: non è stato inviato nulla
      4    accesso non riuscito
      5    parziale: alcune sottoscrizioni o processi non sono riusciti, gli altri sono stati eseguiti o stampati
      124  cancel --wait: tempo scaduto (l'annullamento resta richiesto)
      130  cancel --wait: interrotto (Ctrl-C; l'annullamento resta richiesto)

## The settings window

settings-title = Impostazioni
settings-connection = Connessione
settings-next-start = Si applica al prossimo avvio. I segreti non vengono mai salvati: un segreto client resta in AZURE_CLIENT_SECRET, un token in IEJOBS_ACCESS_TOKEN.
settings-emulator = Emulatore locale
settings-cloud = Cloud
settings-endpoint = Endpoint
settings-sign-in = Accesso
settings-tenant = ID tenant
settings-tenant-hint = dall'accesso
settings-client = ID client
auth-auto = auto: IEJOBS_ACCESS_TOKEN, altrimenti un'entità servizio dalle variabili AZURE_*, altrimenti un'identità del carico di lavoro o gestita, altrimenti l'interfaccia della riga di comando di Azure.
auth-azure-cli = azure-cli: l'account di `az login` su questo computer.
auth-service-principal = service-principal: AZURE_TENANT_ID, AZURE_CLIENT_ID e AZURE_CLIENT_SECRET dall'ambiente.
auth-managed-identity = managed-identity: l'identità della macchina virtuale di Azure o del servizio app su cui gira iejobs.
auth-workload-identity = workload-identity: AZURE_FEDERATED_TOKEN_FILE, AZURE_CLIENT_ID, AZURE_TENANT_ID (Kubernetes).
auth-token = token: un token di connessione in IEJOBS_ACCESS_TOKEN; non viene rinnovato.
settings-subscriptions = Sottoscrizioni
settings-list-again = Elenca di nuovo
settings-list-again-hover = Chiedere ad Azure Resource Manager quali sottoscrizioni vede questa identità
settings-list-failed = Impossibile elencare le sottoscrizioni: { $error }
settings-every-subscription = Tutte le sottoscrizioni che questa identità può usare
settings-listing = Elenco delle sottoscrizioni…
settings-disabled-subscription = Azure non elenca i processi di una sottoscrizione disabilitata o eliminata
settings-not-listed = { $id }  ·  non elencata per questa identità
settings-add-by-id = Aggiungi per ID
settings-add = Aggiungi
settings-id-looks-like = Un ID sottoscrizione ha la forma 00000000-0000-0000-0000-000000000000
settings-polling = Polling
settings-read-budget = Limite di letture (letture all'ora per sottoscrizione)
settings-unlimited = illimitato
settings-read-budget-hover = Il polling spende al massimo queste letture all'ora su ogni sottoscrizione (0: nessun limite). I limiti di Azure Resource Manager sono condivisi con il portale, la CLI e i vostri script; { $budget } all'ora è il valore predefinito su Azure. Il primo elenco e Aggiorna possono andare più veloci, fino a 12 letture al secondo.
settings-notifications = Notifiche desktop
settings-notifications-hover = Una notifica desktop quando un annullamento si conclude, un'eliminazione è confermata, un'azione non riesce o il servizio è irraggiungibile da 5 minuti; la finestra chiede anche attenzione. Si applica subito.
settings-language = Lingua
settings-language-system = Come il sistema ({ $language })
settings-language-hover = La lingua della finestra e dei comandi; i nomi dei processi, gli stati e i messaggi di Azure restano come li invia Azure. Si applica subito (i testi già scritti, come quelli del registro attività, restano com'erano).
settings-full-listing = Elenco completo ogni (s)
settings-moving-jobs = Processi in movimento ogni (s)
settings-tick-one = Selezionare almeno una sottoscrizione, o osservarle tutte.
settings-overridden = { $key } è impostato da { $origin }, che prevale sul file al prossimo avvio.
settings-apply-hover = Osservare queste sottoscrizioni e fare il polling a questi intervalli da subito
settings-fix-first = Correggere prima le impostazioni qui sopra
settings-save = Salva
settings-save-hover = Applicare e scrivere queste impostazioni in { $path }
settings-no-folder = Questa piattaforma non ha una cartella di configurazione; usare le opzioni o le variabili IEJOBS_*
settings-nothing-to-write = Applicato. Niente da scrivere in { $path }: nessuna impostazione salvata nel file è cambiata.
settings-saved-keys = Salvato { $keys } in { $path } alle { $time }; il resto del file è invariato.
settings-saved = Salvato in { $path } alle { $time }
settings-not-saved = Non salvato: { $error }
origin-flag = un'opzione della riga di comando
origin-env = l'ambiente
origin-file = il file di configurazione
origin-default = il valore predefinito

## About, shortcuts, where the jobs come from, theme, notices

about-description = Gestire i processi di Importazione/Esportazione di Azure: elencarli, annullarli, eliminarli e seguire la conclusione degli annullamenti.
close = Chiudi
about-logs = File di log
about-no-logs = nessuno: i log vanno solo su stderr
about-data = Dati (cronologia, registro di controllo)
about-no-data = nessuna: questa piattaforma non ha una cartella dati
about-config = File di configurazione
about-no-config = nessuno: questa piattaforma non ha una cartella di configurazione
shortcuts-title = Tasti di scelta rapida
shortcuts-note = I tasti agiscono sulla tabella, a meno che un campo di testo non abbia il focus.
shortcut-refresh = Elencare ora tutti i processi
shortcut-filter = Filtrare la tabella
shortcut-select-all = Selezionare tutte le righe visualizzate
shortcut-move = Andare alla riga sopra o sotto
shortcut-page = Spostarsi di una schermata
shortcut-home-end = Andare alla prima o all'ultima riga
shortcut-extend = Estendere la selezione durante lo spostamento
shortcut-enter = Mostrare il processo attivo (riletto per intero)
shortcut-delete = Eliminare i processi selezionati (chiede prima)
shortcut-copy = Copiare le righe selezionate come testo separato da tabulazioni, per un foglio di calcolo
shortcut-export = Esportare le righe visualizzate in CSV o JSON
shortcut-escape = Chiudere la finestra di dialogo o la finestra; altrimenti annullare la selezione
shortcut-click = Aggiungere una riga alla selezione; selezionare un intervallo
shortcut-help = Questo elenco
source-demo = dati dimostrativi
source-scenario = scenario { $scenario }
source-emulator = Emulatore locale: { $data }, orologio x{ $speed } ({ $url })
source-azure = { $endpoint } come { $identity }
theme-system = Come il sistema
theme-light = Chiaro
theme-dark = Scuro
notice-no-config-folder = Non c'è una cartella di configurazione in cui salvare.
notice-not-possible = { $action ->
    [cancel] Non è possibile annullare
   *[delete] Non è possibile eliminare
} i processi selezionati.
notice-delete-select-first = Elimina: selezionare prima un processo
notice-delete-not-possible = Impossibile eliminare: { $reason }

## Export and copy

export-done = Esportati { $jobs } in { $path }
export-exporting = Esportazione di { $jobs } in { $path }…
copy-nothing = Niente da copiare: selezionare prima delle righe.
copy-done = Copiati { $jobs }
copy-done-hidden = Copiati { $jobs }; esclusi { $count } nascosti dai filtri
export-cannot-create = Impossibile creare { $path }: { $error }
export-cannot-write = Impossibile scrivere { $path }: { $error }
export-cannot-start = Impossibile avviare l'esportazione: { $error }
export-stopped = L'esportazione si è interrotta senza spiegazioni.
export-dialog-title = Esporta i processi
export-title = Esporta processi
export-rows = Le { $count } righe visualizzate nella tabella, nel suo ordine (con filtri e ordinamento applicati).
export-file = File:
export-browse = Sfoglia…
export-browse-hover = Scegliere il file nella finestra di salvataggio del sistema
export-browse-waiting = In attesa della finestra di salvataggio del sistema
export-format = Formato:
export-exists = Il file esiste: Salva lo sostituisce.
export-busy = L'ultima esportazione è ancora in scrittura
export-type-path = Digitare prima il percorso del file
export-cancel = Annulla
export-no-file = Nessun file scelto (o nessuna finestra di dialogo dei file del sistema disponibile): digitare il percorso qui sopra.
cli-subscription-not-listed = impossibile elencare la sottoscrizione { $subscription }: { $error }
cli-subscription-skipped = sottoscrizione { $subscription }: saltato: { $error }
cli-listing-progress = elenco di { $subscription }: pagina { $page }, { $count } processi finora
cli-bad-since = { $value } non è né una data (2026-11-30) né un'ora RFC 3339
cli-no-audit-folder = questa piattaforma non ha una cartella dati, quindi non c'è un registro di controllo
cli-audit-empty = nessuna riga in { $path }
audit-col-time = ORA
audit-col-origin = ORIGINE
audit-col-identity = IDENTITÀ
audit-col-action = AZIONE
audit-col-job = PROCESSO
audit-col-outcome = ESITO
audit-col-code = CODICE
audit-col-request-id = ID RICHIESTA
audit-outcome-sending = invio in corso (ancora nessun esito)
audit-outcome-confirmed = confermato
audit-outcome-failed = non riuscito
list-col-name = NOME
list-col-resource-group = GRUPPO DI RISORSE
list-col-subscription = SOTTOSCRIZIONE
list-col-state = STATO
list-col-cancel = ANNULLAMENTO
list-col-type = TIPO
list-col-location = LOCALITÀ
list-col-progress = AVANZAMENTO
drives-col-drive = UNITÀ
drives-col-copy-status = STATO COPIA
drives-col-percent = PERCENTUALE
drives-col-bytes = BYTE
cli-cannot-poll = impossibile avviare il polling: { $error }
cli-subscription-unreadable = impossibile leggere la sottoscrizione { $subscription }: { $message }
cli-watch-footer = { $count } processi, letti { $time }; Ctrl-C per uscire
cli-bad-duration = { $value } non è una durata come 90s, 30m o 2h: { $error }
cli-negative-duration = { $value } è negativo
cli-cannot-start = impossibile avviare: { $error }
main-bad-endpoint = endpoint non valido { $endpoint }
main-window-failed = impossibile aprire la finestra: { $error } (WAYLAND_DISPLAY={ $wayland }, DISPLAY={ $display })
main-config-unusable = il file di configurazione indicato da { $named_by } non è utilizzabile
main-emulator-failed = impossibile avviare l'emulatore incorporato
main-window-title = iejobs: processi di Importazione/Esportazione di Azure

## The worker's refusals (the command line tells them by their first words)

worker-not-sent-prefix = Non inviato
worker-gone-not-sent = Il processo non esiste più; non è stato inviato nulla.
worker-unread-not-sent = Impossibile leggere lo stato attuale del processo, quindi non è stato inviato nulla: { $error }
worker-not-sent-changed = Non inviato: { $reason } (è cambiato da quando la finestra lo ha mostrato).
worker-not-sent-audit = Non inviato: impossibile scrivere il registro di controllo ({ $error }).

## Settings that cannot be used (config file, environment, flags, the Settings window)

config-unknown-cloud = cloud sconosciuto { $value }; usare public, usgov o china (o impostare endpoint per un altro cloud)
config-unknown-auth = metodo di accesso sconosciuto { $value }; usarne uno tra { $names }
config-not-seconds = { $value } non è un numero intero di secondi
config-not-reads = { $value } non è un numero di letture all'ora (né "unlimited")
config-unknown-key = chiave sconosciuta { $key }
config-at-least-second = { $key } = 0 ({ $origin }): deve essere almeno 1 secondo
config-at-most-day = { $key } = { $value } ({ $origin }): deve essere al massimo { $most } secondi (un giorno)
config-api-version = api-version = { $value } ({ $origin }): era attesa una data come { $default } (note: { $known })
config-not-switch = { $value } non è true né false
config-endpoint-user-info = endpoint ({ $origin }): l'endpoint contiene un nome utente o una password (non mostrati); rimuoverli: iejobs accede con i token, quindi mettere le credenziali in AZURE_CLIENT_SECRET o IEJOBS_ACCESS_TOKEN
config-read-budget-range = read-budget = { $value } ({ $origin }): deve essere tra { $least } e { $most } letture all'ora, o 0 ("unlimited") per nessun limite
config-not-subscription = subscriptions: { $value } ({ $origin }) non è un ID sottoscrizione; ha la forma 00000000-0000-0000-0000-000000000000
config-not-id = { $key } = { $value } ({ $origin }): era atteso un ID come 00000000-0000-0000-0000-000000000000

## The config file (config::file): where a problem is, what a key takes, the header of a
## new file. $at is "line L, column C: " or nothing; $likely is the key in quotes.

config-file-at = riga { $line }, colonna { $column }
config-file-not-folder = il file di configurazione { $path } non può esistere: { $file } è un file, non una cartella
config-file-unreadable = impossibile leggere il file di configurazione { $path }: { $error }
config-file-secret-key = la chiave { $key } conterrebbe un segreto e non è accettata (il valore non viene mostrato); mettere i segreti client in AZURE_CLIENT_SECRET e i token in IEJOBS_ACCESS_TOKEN
config-file-expected = { $key } = { $value }: valore atteso: { $expected }
config-expect-cloud = public, usgov o china
config-expect-endpoint = un URL tra virgolette, come "https://management.azure.com"
config-expect-auth = auto, azure-cli, service-principal, managed-identity, workload-identity o token
config-expect-id = un ID tra virgolette
config-expect-subscriptions = un elenco di ID sottoscrizione tra virgolette, come ["00000000-0000-0000-0000-000000000000"]
config-expect-seconds = un numero intero di secondi
config-expect-reads = un numero intero di letture all'ora (0: nessun limite)
config-expect-date = una data tra virgolette, come "2020-08-01"
config-expect-switch = true o false
config-expect-language = "system", "en", "es" o "it"
config-file-did-you-mean = chiave sconosciuta { $key }; forse si intendeva { $likely }?
config-file-unknown-key = chiave sconosciuta { $key }; le chiavi sono { $keys }
config-file-unreadable-unchanged = impossibile leggere il file di configurazione { $path }: { $error }; non è stato modificato
config-file-not-toml = il file di configurazione { $path } non può essere letto come TOML ({ $at }{ $error }); non è stato modificato: correggerlo o spostarlo altrove
config-file-not-saved = le impostazioni non sono state salvate: { $path } non sarebbe un file di configurazione valido: { $problems }
config-file-cannot-save = impossibile salvare le impostazioni in { $path }: { $error }
config-file-header =
    # Impostazioni di iejobs. Precedenza: opzione della riga di comando > variabile di ambiente
    # IEJOBS_* > questo file.
    # Chiavi: cloud (public | usgov | china), endpoint, auth (auto | azure-cli | service-principal |
    # managed-identity | workload-identity | token), tenant-id, client-id, subscriptions,
    # poll-secs, fast-poll-secs, read-budget, api-version, notifications (true | false),
    # language (system | en | es | it).
    # I segreti non vanno mai qui: usare AZURE_CLIENT_SECRET o IEJOBS_ACCESS_TOKEN. La finestra
    # Impostazioni modifica solo le chiavi cambiate lì; commenti, layout e altre chiavi restano
    # invariati.

## The worker's lines for the activity log, the status bar and the window's warnings.
## $finding is one of the worker-finding-* texts; $how one of the worker-listed-* texts.

worker-busy = il componente in background è occupato; riprovare tra un momento
worker-stopped = il componente in background si è arrestato
worker-save-interrupted = il salvataggio è stato interrotto: { $error }
worker-history-not-history = non è un file di cronologia ({ $error })
worker-history-unreadable = non può essere letto ({ $error })
worker-history-not-loaded-kept = La cronologia degli stati { $path } non è stata caricata: { $error }. È stata conservata come { $aside }; inizia una nuova cronologia.
worker-history-not-loaded-left = La cronologia degli stati { $path } non è stata caricata: { $error }. Non è stato possibile spostarla ({ $reason }), quindi resta com'è e la cronologia di questa esecuzione non viene salvata.
worker-history-cannot-save = Impossibile salvare la cronologia degli stati in { $path }: { $error }. Viene mantenuta in memoria e salvata di nuovo ogni 10 secondi.
worker-history-saved-again = La cronologia degli stati viene di nuovo salvata in { $path }
worker-audit-unreadable = Impossibile leggere il registro di controllo: { $error }
worker-recovered = L'esecuzione che ha inviato la richiesta si è interrotta prima della risposta; verificato all'avvio successivo: { $finding }.
worker-finding-cancel-shown = il processo ora mostra la richiesta di annullamento
worker-finding-no-cancel = il processo non mostra alcuna richiesta di annullamento
worker-finding-still-exists = il processo esiste ancora
worker-finding-gone = il processo non esiste più
worker-finding-other-endpoint = sconosciuto: è stata inviata a un altro endpoint, non più in uso qui
worker-listed-on-two-pages = su due pagine dello stesso elenco
worker-listed-times = { $count } volte in una pagina ({ $states })
worker-listed-more-than-once = Il servizio ha elencato { $key } { $how }; viene mantenuto l'ultimo. (Segnalato una sola volta: è un'anomalia del servizio, non una modifica del processo.)
arm-throttled-not-sent = Non inviato: Azure Resource Manager ha limitato questa sottoscrizione e ha chiesto di attendere altri { $seconds } s prima della richiesta successiva.

## The keys in the shortcuts list, as the language's keyboards print them.

keys-refresh = F5, Ctrl+R
keys-filter = Ctrl+F
keys-select-all = Ctrl+A
keys-move = Freccia su, Freccia giù
keys-page = Pag su, Pag giù
keys-home-end = Home, Fine
keys-extend = Maiusc+Freccia su, Maiusc+Freccia giù, …
keys-enter = Invio
keys-delete = Canc
keys-copy = Ctrl+C
keys-export = Ctrl+E
keys-escape = Esc
keys-click = Ctrl+clic, Maiusc+clic
keys-help = F1, ?

## The ARM client's errors (arm::error, arm::token, arm::convert, auth, audit)

arm-err-decode = HTTP { $status }: la risposta non è un { $what } valido: { $detail }{ $ids }
arm-err-body-too-large = la risposta supera { $limit } byte e non è stata letta
arm-err-transport = { $method } { $path } non riuscita dopo { $attempts ->
    [one] { $attempts } tentativo
   *[other] { $attempts } tentativi
}: { $detail }
arm-err-foreign-next-link = il servizio ha inviato un collegamento alla pagina successiva verso { $link }, non verso l'endpoint { $endpoint }; non è stato seguito, quindi il token di accesso resta all'endpoint
arm-err-next-link-loop = il servizio ha inviato due volte lo stesso collegamento alla pagina successiva ({ $link }); l'elenco si è fermato invece di ripetersi all'infinito
arm-err-bad-next-link = il servizio ha inviato un collegamento alla pagina successiva che non è un URL valido: { $link }
arm-err-too-many-pages = elenco fermato dopo { $pages } pagine
arm-err-invalid-endpoint = endpoint non valido: { $reason }
arm-err-unauthorized = Azure ha rifiutato le credenziali di { $identity }{ $refreshed ->
    [yes] { " " }anche con un token appena emesso
   *[no] {""}
}: { $api }. Accedere di nuovo (con l'interfaccia della riga di comando di Azure: az login) o verificare che questa identità possa leggere la sottoscrizione
arm-err-token = impossibile ottenere un token di accesso: { $reason }
arm-err-bad-id = è arrivato un processo senza un ID risorsa valido (ricevuto { $id })
auth-err = impossibile accedere con { $method }: { $reason }
audit-err = il registro di controllo { $path }: { $reason }
