# iejobs: English. The reference: every message here is the program's English text, word
# for word. Ids are grouped by where they are shown. Variables: $count is a number (plural
# rules); everything else is text already formatted.

## Counts

count-jobs = { $count ->
    [one] { $count } job
   *[other] { $count } jobs
}
count-jobs-header = Jobs

## Configuration

config-bad-language = { $value } is not a language iejobs speaks; use system, en, es or it
