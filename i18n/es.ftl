# iejobs: español. Términos de Microsoft: trabajo, cancelar/cancelación, eliminar. Los
# estados de la API (Packaging, Completed…) se dejan como los nombra el servicio.

## Counts

count-jobs = { $count ->
    [one] { $count } trabajo
   *[other] { $count } trabajos
}
count-jobs-header = Trabajos

## Configuration

config-bad-language = { $value } no es un idioma de iejobs; use system, en, es o it
