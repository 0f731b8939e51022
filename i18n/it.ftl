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
