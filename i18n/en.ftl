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

## The rules (model::permission, model::verdict). $action is "cancel" or "delete".

action-cancel = Cancel
action-delete = Delete
rule-unknown-state = { $action ->
    [cancel] Cancel
   *[delete] Delete
} is not offered for a job in the state "{ $state }", which iejobs does not know
rule-cancel-before-packaging = Cancel is possible only before Packaging; this job is { $state }
rule-cancel-requested = A cancel was already requested
rule-delete-creating-completed = Delete is possible only in Creating or Completed; this job is { $state }
verdict-select-first = Select jobs in the table first
verdict-none-same = { $action ->
    [cancel] Cancel
   *[delete] Delete
} is not possible for any of the { $count } selected jobs: { $reason }
verdict-none-first = { $action ->
    [cancel] Cancel
   *[delete] Delete
} is not possible for any of the { $count } selected jobs (the first, { $first }: { $reason })
verdict-gone = The job is no longer listed

## Jobs, cancels and failures (model)

failure-with-code = { $action ->
    [cancel] Cancel
   *[delete] Delete
} failed: { $code }: { $message }
failure = { $action ->
    [cancel] Cancel
   *[delete] Delete
} failed: { $message }
request-id-note = { " " }(request id { $id })
rule-on-its-way = A { $action ->
    [cancel] cancel
   *[delete] delete
} request is on its way
cancel-phase-sending = requested…
cancel-phase-pending = pending
cancel-phase-landed = cancelled
cancel-phase-sending-hover = Cancel requested: waiting for the service to confirm
cancel-phase-pending-hover = Cancel in progress: drives in transfer may keep copying until the job reaches Completed
cancel-phase-landed-hover = Cancel landed: the job is finished; its disks come back with the return package

## The activity log

activity-requested = { $action ->
    [cancel] Cancel
   *[delete] Delete
} requested…
activity-deleted = Deleted
activity-cancel-confirmed = Cancel confirmed by the service
activity-cancel-landed = cancel landed
activity-cancel-landed-drives = cancel landed: { $done } drive(s) finished, { $skipped } skipped, { $bytes } copied since the request
gone-no-longer-listed = no longer listed
gone-no-longer-exists = no longer exists
activity-listed = Listed { $count } job(s) of subscription { $subscription }
activity-settings-saved = Settings saved to { $path }
activity-settings-not-saved = Settings not saved: { $error }
activity-polling-failed = Polling failed: { $message }
activity-connection-restored = Connection restored
activity-subscription-failing = Subscription { $subscription }: { $reason }. { $message }
activity-subscription-recovered = Subscription { $subscription } can be read again
audit-sending = { $action ->
    [cancel] Cancel
    [delete] Delete
   *[other] { $action }
} sent by { $identity }
audit-confirmed = { $action ->
    [cancel] Cancel
    [delete] Delete
   *[other] { $action }
} confirmed (sent by { $identity })
audit-failed = { $action ->
    [cancel] Cancel
    [delete] Delete
   *[other] { $action }
} failed (sent by { $identity })

## Subscriptions that cannot be read

subscription-not-allowed = not allowed to read Import/Export jobs
subscription-not-found = no such subscription
subscription-unregistered = Microsoft.ImportExport is not registered in it
subscription-throttled = throttled by Azure
subscription-refused = refused
subscription-unreachable = unreachable

## Desktop notifications

notify-unreachable = Service unreachable
notify-unreachable-body = No job could be read for { $minutes } minutes. iejobs keeps trying.
notify-reachable = Service reachable again
notify-reachable-body = Jobs are read again.
notify-cancel-landed = Cancel landed
notify-delete-confirmed = Delete confirmed
notify-deleted-body = { $job } is deleted
notify-failed = { $action ->
    [cancel] Cancel
   *[delete] Delete
} failed
notify-failed-detail = failed
notify-cancels-landed = { $count } cancels landed
notify-deletes-confirmed = { $count } deletes confirmed
notify-many-failed = { $count } { $action ->
    [cancel] cancels
   *[delete] deletes
} failed
notify-names-more = { $names } and { $count } more
notify-names-and = { $names } and { $last }
notify-finished = { $job } has finished
notify-landed = { $job } is { $state }
notify-landed-drives = { $job } is { $state } ({ $count ->
    [one] { $count } drive
   *[other] { $count } drives
}, { $bytes } copied after the request)

## What a cancel did to each drive

drive-outcome-copying = still copying
drive-outcome-skipped = skipped: not copied
drive-outcome-done = copied
drive-outcome-waiting = not started

## Shared words of the window

dismiss = Dismiss
apply = Apply
now = Now: { $value }

## The toolbar and the filter row

toolbar-monitor = Cancellation monitor ({ $active })
toolbar-monitor-landed = Cancellation monitor ({ $active } + { $landed } landed)
toolbar-monitor-hover = { $active } cancel(s) in progress, { $landed } landed. Watch each one: drives still copying, bytes since the request, rate, outcome
toolbar-hidden = ({ $count } hidden by the filter)
toolbar-hidden-hover = Selected jobs the filter hides are still selected: Cancel and Delete reach them too (the confirmation lists them). Escape selects nothing.
toolbar-refresh = Refresh
toolbar-refresh-hover = List all jobs now
toolbar-polling = Polling
toolbar-export = Export…
toolbar-export-hover = Save the rows shown to a CSV or JSON file (Ctrl+E)
toolbar-settings = Settings
toolbar-settings-hover = Connection, subscriptions, polling, language; save them to the config file
toolbar-help = Help
toolbar-shortcuts = Keyboard shortcuts (F1)
toolbar-about = About iejobs
toolbar-theme = Theme
toolbar-activity = Activity log
toolbar-selected = { $action ->
    [cancel] Cancel
   *[delete] Delete
} selected ({ $count })
filter-label = Filter:
filter-hint = name, group, subscription, location, account (Ctrl+F)
filter-state-hover = Show only jobs in this state (several may be chosen)
filter-cancel-in-progress = Cancel in progress { $count }
filter-cancel-in-progress-hover = Only jobs whose cancel is requested and not finished yet
filter-cancelled = Cancelled { $count }
filter-cancelled-hover = Only jobs whose cancel landed: Completed or Closed after the request
filter-clear = Clear filters

## Job states: the names stay as the service sends them; these say what they mean.

state-creating = the job is created; the disks have not been shipped yet
state-shipping = the disks are on their way to the Azure datacenter
state-received = the datacenter has received the disks
state-transferring = the data is being copied between the disks and the storage account
state-packaging = the copy is over; the disks are being packed to be sent back
state-completed = the job is finished and the disks have been sent back
state-closed = the job is finished with errors; see the drives' logs
state-unknown = { $state }: a state iejobs does not know
no-state = (no state)

## Values as the window writes them

odd-percent = the service sent percentComplete { $value }
odd-bytes = the service sent bytesSucceeded { $value }
odd-note = Out of range: { $notes }. Drawn within range; the job itself is as Azure reports it.
hover-cut = { $head }… ({ $count } characters)
duration-days = { $count } days
time-ago = { $duration } ago
time-in = in { $duration }
row-cancel-requested = , cancel requested
row-cancel-pending = , cancel pending
row-cancelled = , cancelled
row-deleting = , deleting
row-failed = , last action failed

## The jobs table

column-name = Name
column-resource-group = Resource group
column-subscription = Subscription
column-type = Type
column-state = State
column-cancel = Cancel
column-drives = Drives
column-progress = Progress
column-location = Location
column-storage-account = Storage account
column-last-change = Last change
columns-shown = Columns shown
columns-name-always = The name is always shown
columns-show-all = Show all columns
table-no-jobs-yet = No jobs yet. The first listing is on its way…
table-no-jobs-in = No Import/Export jobs in { $subscriptions }.
table-still-listing = Still listing { $count } more { $count ->
    [one] subscription
   *[other] subscriptions
}…
table-cannot-list = Cannot list the jobs: { $message }
    Retrying by itself; see the status bar.
table-no-match = No job matches the filters.
table-sort-hover = Sort by { $column }; right-click to choose the columns
table-unknown-state = A state iejobs does not know: shown as Azure sent it; no action is offered
table-deleting = deleting…
table-deleting-hover = The delete request is on its way
table-menu-action = { $action ->
    [cancel] Cancel
   *[delete] Delete
}… ({ $allowed } of { $count })
table-show-details = Show details
table-copy = Copy
table-copy-hover = Copy as tab-separated text with a header row, for a spreadsheet (Ctrl+C)

## The detail panel

yes = yes
no = no
detail-select = Select a job to see its details.
detail-selected = { $count } jobs selected.
detail-request-id = { " " }· request id { $id } (Azure support asks for it)
detail-failure = { $failure }
    at { $at }{ $status }{ $request }
detail-watch = Watch this cancellation
detail-cancel-sending = cancel requested… (waiting for the service)
detail-deletion = Azure deletes it on
detail-deletion-date = { $date } (90 days after completion)
prop-state = State
prop-cancel-requested = Cancel requested
prop-provisioning = Provisioning state
prop-job-type = Job type
prop-resource-group = Resource group
prop-subscription = Subscription
prop-storage-account = Storage account
prop-location = Location
prop-progress = Progress
prop-delivery-package = Delivery package
prop-return-package = Return package
prop-diagnostics = Diagnostics path
prop-log-level = Log level
prop-backup-manifest = Backup manifest
prop-created = Created (service clock)
prop-modified = Last modified (service clock)
prop-changed = Last change seen (this computer)
package-tracking = tracking { $number }
package-drives = { $count } drive(s)
package-shipped = shipped { $date }
detail-drives-loading = Drives: loading…
detail-drives = Drives ({ $count })
detail-no-id = (no id)
drive-error-log = error log
drive-verbose-log = verbose log
drive-manifest = manifest
detail-observed = Observed states
timeline-cancel-requested = cancel requested
timeline-cancel-first-seen = cancel pending when first seen
timeline-landed = { " " }(cancel landed)

## The confirmation

confirm-title-one = { $action ->
    [cancel] Cancel
   *[delete] Delete
} job { $job }?
confirm-title-many = { $action ->
    [cancel] Cancel
   *[delete] Delete
} { $count } jobs?
confirm-cancel-explained = Azure cancels on a best-effort basis. Drives already in transfer may keep copying until they finish; drives not started yet are skipped. The job then goes through Packaging to Completed, and Azure deletes it 90 days later.
confirm-delete-explained = Deleting removes the job from Azure: its information and status are no longer available. This cannot be undone.
confirm-sent-for = { $action ->
    [cancel] Cancel
   *[delete] Delete
} will be sent for:
confirm-hidden = { $count } of these jobs { $count ->
    [one] is
   *[other] are
} hidden by the table's filter.
confirm-skipped = Skipped ({ $count }):
confirm-request-cancel = Request cancel
confirm-delete-permanently = Delete permanently
confirm-keep = Keep the job
confirm-drive-left = { $drive } ({ $bytes } left)
confirm-and-more = and { $count } more
confirm-left-in-all = ; { $bytes } left in all
confirm-at-least-left = ; at least { $bytes } left
confirm-still-copying = Still copying after the cancel ({ $count } drive(s) in transfer): { $drives }{ $total }.

## The status bar, the stale note, the activity log

status-degraded-in = Degraded: retrying in { $seconds } s
status-degraded-now = Degraded: retrying now…
status-stale-since = stale since { $time }
status-last-poll = Last poll { $time } ({ $ago })
status-loading = Loading jobs…
status-in-flight = { $count } request(s) in flight
status-slow-page = Listing { $subscription }: page { $page }, attempt { $attempt } of { $attempts }, { $seconds } s…
status-and-more = { " " }(and { $count } more)
status-slow-page-hover = A page of the listing is taking long; each attempt may take up to the request timeout before it is tried again.
status-bulk-done = { $action ->
    [cancel] Cancel
   *[delete] Delete
} sent for { $total } jobs
status-bulk-doing = { $action ->
    [cancel] Cancelling
   *[delete] Deleting
} { $done } of { $total }…
status-reads-budget = reads { $reads }/h of { $budget }
status-reads = reads { $reads }/h
status-reads-hover-budget = Reads over the last hour, per subscription. Polling keeps to { $budget } an hour per subscription (read-budget), far under Azure Resource Manager's limits, which the portal, the CLI and your scripts share; the first listing and Refresh may go faster, up to 12 a second.
status-reads-hover = Reads over the last hour, per subscription (no read budget).
status-reads-line = { $subscription }: { $reads } reads
status-reads-left = , Azure says { $count } left
status-throttled-until = , throttled until { $time }
status-failing = { $readable } of { $total } subscriptions: { $subscription }: { $reason }{ $more }
status-failing-hover = { $subscription } ({ $id }): { $reason }
    { $message }
    Next try { $time } (or press Refresh).
stale-the-start = the start
stale-banner = Stale since { $since }: the service is not answering, so these rows are the last good data and may be out of date. Actions still read the job first.
activity-title = Activity

## The cancellation monitor. $outcome is copying, skipped, done or waiting; $unit (chart)
## is hours or minutes on x, kB, MB, GB or TB on y.

monitor-title = Cancellation monitor: { $active } cancel(s) in progress, { $landed } landed
monitor-title-hover = In progress: requested, the job not finished (drives in transfer may keep copying). Landed: the job reached Completed or Closed after the request.
monitor-empty = No cancellation to watch. Cancel a job (before Packaging) and follow it here.
monitor-landed = Landed ({ $count })
monitor-more = Showing { $shown } of { $count }; the table's "Cancel in progress" and "Cancelled" filters list them all.
monitor-show-job = Show the job in the detail panel
monitor-requested = requested… waiting for the service to confirm
monitor-drives-loading = drives: loading…
monitor-since-request = +{ $bytes } since the request
monitor-landed-ago = landed { $ago }
monitor-left = { $bytes } left
monitor-next-packaging = no drive copying: the disks are being packed to come back
monitor-next-transferring = no drive copying: Packaging next
monitor-next-skip = no drive copying: skips the copy, then Packaging
monitor-drive-count = { $count } { $outcome ->
    [copying] copying
    [skipped] skipped
    [done] done
   *[waiting] not started
}
monitor-no-drives = no drives
monitor-eta-unknown = landing time: not known yet
monitor-eta-range = ; { $early } to { $late }
monitor-eta = copying ends ~{ $time } ({ $ago }{ $range })
monitor-no-carrier = carrier not given
monitor-disks-back = disks back: { $carrier }
monitor-tracking-hover = The carrier's tracking page (opens the browser)
monitor-requested-at = Cancel requested { $time } ({ $ago }).
monitor-first-seen = The cancel was already pending when iejobs first saw the job ({ $time }); bytes are counted from then.
monitor-waiting = Requested: waiting for the service to confirm.
monitor-landed-deletion = Landed: the job is { $state }. The disks come back with the return package; Azure deletes the job on { $date } ({ $ago }), 90 days after it finished.
monitor-landed-text = Landed: the job is { $state }. Azure deletes it 90 days after it finished.
monitor-in-progress-none = In progress ({ $state }). No drive is copying: the job skips the data copy, goes through Packaging (the disks are sent back) and ends in Completed.
monitor-in-progress = In progress ({ $state }). { $count } drive(s) in transfer keep copying until they finish; then the job goes through Packaging (the disks are sent back) to Completed.
monitor-col-drive = Drive
monitor-col-state = State
monitor-col-copied = Copied
monitor-col-since = Since request
monitor-col-left = Left
monitor-col-rate = Rate
monitor-col-rate-service = Rate (service)
monitor-rate-hover = Per second of the service's clock: the emulator's runs x{ $clock }, so drives copy { $clock } times faster by this computer's clock; the end times are this computer's
monitor-chart-empty = The chart fills in as polls observe the drives after the request.
monitor-chart-x = { $unit ->
    [hours] hours
   *[minutes] minutes
} since the request
monitor-chart-y = { $unit } copied since the request

## The command line

cli-settings-unusable = the settings are not usable
cli-no-answer = the action ended without an answer
cli-not-sent = Not sent: { $reason }.
cli-done = { $action ->
    [cancel] cancel requested
   *[delete] deleted
}: { $job }
cli-refused = refused: { $action ->
    [cancel] cancel
   *[delete] delete
} { $job }: { $reason }
cli-failed = { $action ->
    [cancel] cancel
   *[delete] delete
} { $job } failed: { $message }
cli-job = { $name } (resource group { $group }, subscription { $subscription })
cli-about-to-delete = About to delete:
cli-delete-prompt = Delete { $count ->
    [one] it
   *[other] them
}? [y/N]
cli-yes-answers = y, yes
cli-gone = gone: { $job }
cli-unknown = unknown
cli-finished = { $state }: { $job }; Azure deletes it after { $retention }
cli-interrupted = interrupted; the cancel of { $job } stays requested and Azure carries it out
cli-timed-out = timed out waiting; { $job } is { $state }, its cancel stays requested
cli-read-failed = reading { $job } failed: { $error }
cli-no-drives = no drives reported
cli-not-unique = not every subscription could be read, so { $names } cannot be told unique; nothing was done
cli-no-job = no job named { $name } in the subscriptions read
cli-no-job-in-group = no job named { $name } in resource group { $group } in the subscriptions read
cli-ambiguous = the name { $name } is ambiguous; give --resource-group or --subscription. Candidates:
cli-candidate = subscription { $subscription }  resource group { $group }  name { $name }
cli-no-subscription = the identity sees no usable subscription; name one with --subscription
cli-cannot-list-subscriptions = cannot list the subscriptions: { $error }
cli-delete-needs-yes = delete asks for confirmation and stdin is not a terminal; add --yes to delete without asking
cli-not-confirmed = not confirmed; nothing was deleted
cli-earlier-action = an earlier action: { $text }
cli-requested = requested
show-name = name
show-resource-group = resource group
show-subscription = subscription
show-state = state
show-cancel-requested = cancel requested
show-type = type
show-location = location
show-storage-account = storage account
show-progress = progress
show-bytes = bytes copied
show-created = created
show-modified = last modified
show-cancel = cancel
show-delete = delete
show-drives = drives
show-not-reported = (not reported)
show-none = none
show-allowed = allowed
show-not-allowed-because = not allowed: { $reason }
show-not-allowed = not allowed

## --help (Spanish and Italian only: the English help is the flags' doc comments)

help-about = Manage Azure Import/Export jobs: list them, cancel and delete them when Azure allows it, and watch what a cancel really does.
help-long-about = Manage Azure Import/Export jobs: list them, cancel and delete them when Azure allows it, and watch what a cancel really does.

    With nothing about Azure configured, iejobs starts a local emulator of the Import/Export API with demo data and connects to it over HTTP, as it would to Azure.
help-settings = SETTINGS
      Each setting comes from a flag, else an IEJOBS_* environment variable, else the config file (TOML), else its default. Keys: cloud, endpoint, auth, tenant-id, client-id, subscriptions, poll-secs, fast-poll-secs, read-budget, api-version, notifications, language (system | en | es | it).
help-flag-config = The config file [env: IEJOBS_CONFIG] [default: ~/.config/iejobs/config.toml]
help-flag-emulator = Use the embedded emulator even if Azure is configured.
help-flag-print-config = Print the settings in force, with where each came from, and exit.
help-flag-cloud = Azure cloud: public, usgov or china [env: IEJOBS_CLOUD]
help-flag-endpoint = Azure Resource Manager endpoint, overriding the cloud's; https, or http on loopback [env: IEJOBS_ENDPOINT]
help-flag-auth = Sign-in: auto, azure-cli, service-principal, managed-identity, workload-identity or token [env: IEJOBS_AUTH]
help-flag-tenant-id = Tenant to sign in to [env: IEJOBS_TENANT_ID]
help-flag-client-id = Client id of a user-assigned managed identity, or of the application when AZURE_CLIENT_ID is not set [env: IEJOBS_CLIENT_ID]
help-flag-subscription = A subscription whose jobs to list; repeat for several [env: IEJOBS_SUBSCRIPTIONS, comma-separated]
help-flag-poll-secs = The least seconds between two full listings of a subscription [env: IEJOBS_POLL_SECS]
help-flag-fast-poll-secs = Seconds between reads of the jobs that move [env: IEJOBS_FAST_POLL_SECS]
help-flag-read-budget = Reads per subscription and hour that polling may spend, or "unlimited" [env: IEJOBS_READ_BUDGET]
help-flag-api-version = The Microsoft.ImportExport api-version [default: 2020-08-01] [env: IEJOBS_API_VERSION]
help-flag-lang = Language of the window and the commands: system, en, es or it [env: IEJOBS_LANG]
help-flag-emulator-scenario = The embedded emulator's jobs: demo, empty, load:N or a JSON file of jobs.
help-flag-emulator-speed = Simulated seconds per real second of the embedded emulator (0 stops its clock).
help-audit = The audit trail: every Cancel and Delete sent, from the window or the command line, with its outcome and Azure's request id.
help-arg-since = Only lines from this date or time on (2026-11-30, or RFC 3339).
help-arg-output = The form of the result.
help-jobs = List, show, cancel, delete and watch jobs from the command line.
help-jobs-list = List the jobs of every watched subscription (every page).
help-jobs-show = Show one job with its drives and what may be done to it.
help-jobs-cancel = Request the cancel of jobs (only before Packaging), optionally waiting for the end.
help-jobs-delete = Delete jobs (only in Creating or Completed).
help-jobs-watch = Watch jobs change until Ctrl-C: a live table on a terminal, a line per change otherwise.
help-arg-resource-group = The jobs' resource group, when a name is not unique.
help-arg-state = Only jobs in this state (any case); repeat for several.
help-arg-cancel-pending = Only jobs with a cancel requested.
help-arg-name = The job's name.
help-arg-names = The jobs' names.
help-arg-wait = Follow each drive (bytes since the request, rate) until the job is Completed or Closed, then print the date Azure deletes it.
help-arg-timeout = Give up waiting after this long ("90s", "30m", "2h", or seconds).
help-arg-yes = Delete without asking (required when stdin is not a terminal).
help-arg-watch-names = Only these jobs (default: all).
help-exit-codes = EXIT CODES
      0    done
      1    service error (the ARM code and message on stderr), or a job not found
      2    usage: a bad flag or setting, an ambiguous name, delete without --yes off a terminal
      3    refused by the rules (Cancel only before Packaging, Delete only in Creating or Completed) or not confirmed: nothing was sent
      4    sign-in failed
      5    partial: some subscriptions or jobs failed, the others are done or printed
      124  cancel --wait: the timeout passed first (the cancel stays requested)
      130  cancel --wait: interrupted (Ctrl-C; the cancel stays requested)

## The settings window

settings-title = Settings
settings-connection = Connection
settings-next-start = Applies at the next start. Secrets are never stored: a client secret stays in AZURE_CLIENT_SECRET, a token in IEJOBS_ACCESS_TOKEN.
settings-emulator = Local emulator
settings-cloud = Cloud
settings-endpoint = Endpoint
settings-sign-in = Sign-in
settings-tenant = Tenant id
settings-tenant-hint = from the sign-in
settings-client = Client id
auth-auto = auto: IEJOBS_ACCESS_TOKEN, else a service principal from AZURE_* variables, else workload or managed identity, else the Azure CLI.
auth-azure-cli = azure-cli: the account of `az login` on this machine.
auth-service-principal = service-principal: AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET from the environment.
auth-managed-identity = managed-identity: the identity of the Azure VM or App Service iejobs runs on.
auth-workload-identity = workload-identity: AZURE_FEDERATED_TOKEN_FILE, AZURE_CLIENT_ID, AZURE_TENANT_ID (Kubernetes).
auth-token = token: a bearer token in IEJOBS_ACCESS_TOKEN; it is not refreshed.
settings-subscriptions = Subscriptions
settings-list-again = List again
settings-list-again-hover = Ask Azure Resource Manager which subscriptions this identity sees
settings-list-failed = Could not list subscriptions: { $error }
settings-every-subscription = Every subscription this identity can use
settings-listing = Listing subscriptions…
settings-disabled-subscription = Azure does not list jobs of a disabled or deleted subscription
settings-not-listed = { $id }  ·  not listed for this identity
settings-add-by-id = Add by id
settings-add = Add
settings-id-looks-like = A subscription id looks like 00000000-0000-0000-0000-000000000000
settings-polling = Polling
settings-read-budget = Read budget (reads an hour per subscription)
settings-unlimited = unlimited
settings-read-budget-hover = Polling spends at most this many reads an hour on each subscription (0: no limit). Azure Resource Manager's own limits are shared with the portal, the CLI and your scripts; { $budget } an hour is the default on Azure. The first listing and Refresh may go faster, up to 12 reads a second.
settings-notifications = Desktop notifications
settings-notifications-hover = A desktop notification when a cancel lands, a delete is confirmed, an action fails, or the service has been unreachable for 5 minutes; the window also asks for attention. Applies at once.
settings-language = Language
settings-language-system = As the system ({ $language })
settings-language-hover = The language of the window and the commands; job names, states and Azure's messages stay as Azure sends them. Applies at once (texts already written, such as the activity log's, stay as they were).
settings-full-listing = Full listing every (s)
settings-moving-jobs = Moving jobs every (s)
settings-tick-one = Tick at least one subscription, or watch every subscription.
settings-overridden = { $key } is set by the { $origin }, which wins over the file at the next start.
settings-apply-hover = Watch these subscriptions and poll at these intervals now
settings-fix-first = Fix the settings above first
settings-save = Save
settings-save-hover = Apply, and write these settings to { $path }
settings-no-folder = This platform has no config folder; use flags or IEJOBS_* variables
settings-nothing-to-write = Applied. Nothing to write to { $path }: no setting kept in the file was changed.
settings-saved-keys = Saved { $keys } to { $path } at { $time }; the rest of the file is as it was.
settings-saved = Saved to { $path } at { $time }
settings-not-saved = Not saved: { $error }
origin-flag = flag
origin-env = environment
origin-file = config file
origin-default = default

## About, shortcuts, where the jobs come from, theme, notices

about-description = Manage Azure Import/Export jobs: list, cancel, delete, and watch cancellations land.
close = Close
about-logs = Log files
about-no-logs = none: logs go to stderr only
about-data = Data (history, audit trail)
about-no-data = none: this platform has no data folder
about-config = Config file
about-no-config = none: this platform has no config folder
shortcuts-title = Keyboard shortcuts
shortcuts-note = Keys act on the table unless a text field has the keyboard.
shortcut-refresh = List all jobs now
shortcut-filter = Filter the table
shortcut-select-all = Select every row shown
shortcut-move = Move to the row above or below
shortcut-page = Move a screenful
shortcut-home-end = Go to the first or the last row
shortcut-extend = Extend the selection while moving
shortcut-enter = Show the focused job (read again in full)
shortcut-delete = Delete the selected jobs (asks first)
shortcut-copy = Copy the selected rows as tab-separated text, for a spreadsheet
shortcut-export = Export the rows shown to CSV or JSON
shortcut-escape = Close the dialog or window; else select nothing
shortcut-click = Add a row to the selection; select a range
shortcut-help = This list
source-demo = demo data
source-scenario = scenario { $scenario }
source-emulator = Local emulator: { $data }, clock x{ $speed } ({ $url })
source-azure = { $endpoint } as { $identity }
theme-system = As the system
theme-light = Light
theme-dark = Dark
notice-no-config-folder = There is no config folder to save to.
notice-not-possible = { $action ->
    [cancel] Cancel
   *[delete] Delete
} is not possible for the selected jobs.
notice-delete-select-first = Delete: select a job first
notice-delete-not-possible = Delete not possible: { $reason }

## Export and copy

export-done = Exported { $jobs } to { $path }
export-exporting = Exporting { $jobs } to { $path }…
copy-nothing = Nothing to copy: select rows first.
copy-done = Copied { $jobs }
copy-done-hidden = Copied { $jobs }; { $count } hidden by the filters left out
export-cannot-create = Cannot create { $path }: { $error }
export-cannot-write = Cannot write { $path }: { $error }
export-cannot-start = Cannot start the export: { $error }
export-stopped = The export stopped without a word.
export-dialog-title = Export the jobs
export-title = Export jobs
export-rows = The { $count } rows the table shows, in its order (filters and sort applied).
export-file = File:
export-browse = Browse…
export-browse-hover = Choose the file in the system's save dialog
export-browse-waiting = Waiting for the system's save dialog
export-format = Format:
export-exists = The file exists: Save replaces it.
export-busy = The last export is still being written
export-type-path = Type the file's path first
export-cancel = Cancel
export-no-file = No file was chosen (or no system file dialog is available): type the path above.
cli-subscription-not-listed = subscription { $subscription } could not be listed: { $error }
cli-subscription-skipped = subscription { $subscription }: skipped: { $error }
cli-listing-progress = listing { $subscription }: page { $page }, { $count } jobs so far
cli-bad-since = { $value } is neither a date (2026-11-30) nor an RFC 3339 time
cli-no-audit-folder = this platform has no data folder, so there is no audit trail
cli-audit-empty = no line in { $path }
audit-col-time = TIME
audit-col-origin = ORIGIN
audit-col-identity = IDENTITY
audit-col-action = ACTION
audit-col-job = JOB
audit-col-outcome = OUTCOME
audit-col-code = CODE
audit-col-request-id = REQUEST ID
audit-outcome-sending = sending (no outcome yet)
audit-outcome-confirmed = confirmed
audit-outcome-failed = failed
list-col-name = NAME
list-col-resource-group = RESOURCE GROUP
list-col-subscription = SUBSCRIPTION
list-col-state = STATE
list-col-cancel = CANCEL
list-col-type = TYPE
list-col-location = LOCATION
list-col-progress = PROGRESS
drives-col-drive = DRIVE
drives-col-copy-status = COPY STATUS
drives-col-percent = PERCENT
drives-col-bytes = BYTES
cli-cannot-poll = cannot start polling: { $error }
cli-subscription-unreadable = subscription { $subscription } cannot be read: { $message }
cli-watch-footer = { $count } jobs, read { $time }; Ctrl-C to stop
cli-bad-duration = { $value } is not a duration such as 90s, 30m or 2h: { $error }
cli-negative-duration = { $value } is negative
cli-cannot-start = cannot start: { $error }
main-bad-endpoint = bad endpoint { $endpoint }
main-window-failed = the window could not run: { $error } (WAYLAND_DISPLAY={ $wayland }, DISPLAY={ $display })
main-config-unusable = the config file named by { $named_by } is not usable
main-emulator-failed = cannot start the embedded emulator
main-window-title = iejobs: Azure Import/Export jobs

## The worker's refusals (the command line tells them by their first words)

worker-not-sent-prefix = Not sent
worker-gone-not-sent = The job no longer exists; nothing was sent.
worker-unread-not-sent = Could not read the job's current state, so nothing was sent: { $error }
worker-not-sent-changed = Not sent: { $reason } (it changed since the window showed it).
worker-not-sent-audit = Not sent: the audit trail cannot be written ({ $error }).

## Settings that cannot be used (config file, environment, flags, the Settings window)

config-unknown-cloud = unknown cloud { $value }; use public, usgov or china (or set endpoint for another cloud)
config-unknown-auth = unknown auth { $value }; use one of { $names }
config-not-seconds = { $value } is not a whole number of seconds
config-not-reads = { $value } is not a number of reads an hour (or "unlimited")
config-unknown-key = unknown key { $key }
config-at-least-second = { $key } = 0 ({ $origin }): must be at least 1 second
config-at-most-day = { $key } = { $value } ({ $origin }): must be at most { $most } seconds (a day)
config-api-version = api-version = { $value } ({ $origin }): expected a date such as { $default } (known: { $known })
config-not-switch = { $value } is not true or false
config-endpoint-user-info = endpoint ({ $origin }): the endpoint holds a user name or password (not shown); remove it: iejobs signs in with tokens, so put credentials in AZURE_CLIENT_SECRET or IEJOBS_ACCESS_TOKEN
config-read-budget-range = read-budget = { $value } ({ $origin }): must be between { $least } and { $most } reads an hour, or 0 ("unlimited") for no limit
config-not-subscription = subscriptions: { $value } ({ $origin }) is not a subscription id; it looks like 00000000-0000-0000-0000-000000000000
config-not-id = { $key } = { $value } ({ $origin }): expected an id such as 00000000-0000-0000-0000-000000000000

## The config file (config::file): where a problem is, what a key takes, the header of a
## new file. $at is "line L, column C: " or nothing; $likely is the key in quotes.

config-file-at = line { $line }, column { $column }
config-file-not-folder = the config file { $path } cannot exist: { $file } is a file, not a folder
config-file-unreadable = cannot read the config file { $path }: { $error }
config-file-secret-key = the key { $key } would hold a secret and is not accepted (its value is not shown); put client secrets in AZURE_CLIENT_SECRET and tokens in IEJOBS_ACCESS_TOKEN
config-file-expected = { $key } = { $value }: expected { $expected }
config-expect-cloud = public, usgov or china
config-expect-endpoint = a URL in quotes, such as "https://management.azure.com"
config-expect-auth = auto, azure-cli, service-principal, managed-identity, workload-identity or token
config-expect-id = an id in quotes
config-expect-subscriptions = a list of subscription ids in quotes, such as ["00000000-0000-0000-0000-000000000000"]
config-expect-seconds = a whole number of seconds
config-expect-reads = a whole number of reads an hour (0: no limit)
config-expect-date = a date in quotes, such as "2020-08-01"
config-expect-switch = true or false
config-expect-language = "system", "en", "es" or "it"
config-file-did-you-mean = unknown key { $key }; did you mean { $likely }?
config-file-unknown-key = unknown key { $key }; the keys are { $keys }
config-file-unreadable-unchanged = cannot read the config file { $path }: { $error }; it was not changed
config-file-not-toml = the config file { $path } cannot be read as TOML ({ $at }{ $error }); it was not changed: correct it or move it away
config-file-not-saved = the settings were not saved: { $path } would not be a valid config file: { $problems }
config-file-cannot-save = cannot save the settings to { $path }: { $error }
config-file-header =
    # iejobs settings. Precedence: command-line flag > IEJOBS_* environment variable > this file.
    # Keys: cloud (public | usgov | china), endpoint, auth (auto | azure-cli | service-principal |
    # managed-identity | workload-identity | token), tenant-id, client-id, subscriptions,
    # poll-secs, fast-poll-secs, read-budget, api-version, notifications (true | false),
    # language (system | en | es | it).
    # Secrets never go here: use AZURE_CLIENT_SECRET or IEJOBS_ACCESS_TOKEN. The Settings window
    # changes only the keys you change there; your comments, layout and other keys are kept.

## The worker's lines for the activity log, the status bar and the window's warnings.
## $finding is one of the worker-finding-* texts; $how one of the worker-listed-* texts.

worker-busy = the background worker is busy; try again in a moment
worker-stopped = the background worker has stopped
worker-save-interrupted = the save was interrupted: { $error }
worker-history-not-history = it is not a history file ({ $error })
worker-history-unreadable = it cannot be read ({ $error })
worker-history-not-loaded-kept = The state history { $path } was not loaded: { $error }. It was kept as { $aside }; a new history starts.
worker-history-not-loaded-left = The state history { $path } was not loaded: { $error }. It could not be moved aside ({ $reason }), so it is left as it is and this run's history is not saved.
worker-history-cannot-save = The state history cannot be saved to { $path }: { $error }. It is kept in memory and saved again every 10 seconds.
worker-history-saved-again = The state history is saved to { $path } again
worker-audit-unreadable = The audit trail cannot be read: { $error }
worker-recovered = The run that sent it stopped before the answer; read at the next start: { $finding }.
worker-finding-cancel-shown = the job now shows its cancel request
worker-finding-no-cancel = the job shows no cancel request
worker-finding-still-exists = the job still exists
worker-finding-gone = the job no longer exists
worker-finding-other-endpoint = unknown: it was sent to another endpoint, no longer in use here
worker-listed-on-two-pages = on two pages of one listing
worker-listed-times = { $count } times on one page ({ $states })
worker-listed-more-than-once = The service listed { $key } { $how }; the last one is kept. (Said once: an anomaly of the service, not a change of the job.)
arm-throttled-not-sent = Not sent: Azure Resource Manager throttled this subscription and asked to wait { $seconds } s more before the next request.

## The keys in the shortcuts list, as the language's keyboards print them.

keys-refresh = F5, Ctrl+R
keys-filter = Ctrl+F
keys-select-all = Ctrl+A
keys-move = Up, Down
keys-page = Page Up, Page Down
keys-home-end = Home, End
keys-extend = Shift+Up, Shift+Down, …
keys-enter = Enter
keys-delete = Delete
keys-copy = Ctrl+C
keys-export = Ctrl+E
keys-escape = Escape
keys-click = Ctrl+click, Shift+click
keys-help = F1, ?

## The ARM client's errors (arm::error, arm::token, arm::convert, auth, audit)

arm-err-decode = HTTP { $status }: the response is not a valid { $what }: { $detail }{ $ids }
arm-err-body-too-large = the response is larger than { $limit } bytes and was not read
arm-err-transport = { $method } { $path } failed after { $attempts } attempt(s): { $detail }
arm-err-foreign-next-link = the service sent a next-page link to { $link }, not to the endpoint { $endpoint }; it was not followed, so the access token stays with the endpoint
arm-err-next-link-loop = the service sent the same next-page link twice ({ $link }); listing stopped instead of looping
arm-err-bad-next-link = the service sent a next-page link that is not a valid URL: { $link }
arm-err-too-many-pages = listing stopped after { $pages } pages
arm-err-invalid-endpoint = invalid endpoint: { $reason }
arm-err-unauthorized = Azure refused the credentials of { $identity }{ $refreshed ->
    [yes] { " " }even with a freshly issued token
   *[no] {""}
}: { $api }. Sign in again (for the Azure CLI: az login) or check that this identity may read the subscription
arm-err-token = could not get an access token: { $reason }
arm-err-bad-id = a job came without a valid resource id (got { $id })
auth-err = cannot sign in with { $method }: { $reason }
audit-err = the audit trail { $path }: { $reason }
