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
