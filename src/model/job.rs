//! A job and its drives as the app sees them: the fields an administrator needs, typed.
//!
//! These are built from the wire format (`arm::wire`) and hold no I/O. Optional fields stay
//! optional: a list response may omit the drives, an old job may lack timestamps.

use std::fmt;

use super::state::{DriveState, JobState, JobType};
use super::text::{ArcStr, DriveId, shared};

/// Where a job lives in Azure Resource Manager: the three path segments that name it.
///
/// Three shared strings: a clone costs three reference counts, no allocation, and the
/// subscription id and resource group are stored once for all the jobs that share them.
///
/// ARM resource ids are case-insensitive, and the service echoes a resource group or a name
/// with the caller's casing: `RG-Case/job` and `rg-case/job` are one job. So keys compare,
/// hash and order without regard to case (Unicode simple case folding, as ARM's
/// `OrdinalIgnoreCase`), while each keeps the spelling it was built with for display.
#[derive(Clone, Debug)]
pub struct JobKey {
    /// The subscription id (a GUID in Azure, any text for the emulator).
    pub subscription_id: ArcStr,
    /// The resource group name.
    pub resource_group: ArcStr,
    /// The job name.
    pub name: ArcStr,
}

impl JobKey {
    /// Builds a key from its three parts.
    pub fn new(
        subscription_id: impl AsRef<str>,
        resource_group: impl AsRef<str>,
        name: impl AsRef<str>,
    ) -> Self {
        Self {
            subscription_id: shared(subscription_id.as_ref()),
            resource_group: shared(resource_group.as_ref()),
            name: ArcStr::from(name.as_ref()),
        }
    }

    /// Reads an ARM resource id of the form
    /// `/subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.ImportExport/jobs/{name}`.
    ///
    /// Segment names are matched without regard to case, as ARM does. Returns `None` for any
    /// other shape.
    #[must_use]
    pub fn from_resource_id(id: &str) -> Option<Self> {
        let parts: Vec<&str> = id.trim_matches('/').split('/').collect();
        match parts.as_slice() {
            [subs, sub, rgs, rg, providers, namespace, jobs, name]
                if subs.eq_ignore_ascii_case("subscriptions")
                    && rgs.eq_ignore_ascii_case("resourceGroups")
                    && providers.eq_ignore_ascii_case("providers")
                    && namespace.eq_ignore_ascii_case("Microsoft.ImportExport")
                    && jobs.eq_ignore_ascii_case("jobs")
                    && ![sub, rg, name].iter().any(|s| s.is_empty()) =>
            {
                Some(Self::new(*sub, *rg, *name))
            }
            _ => None,
        }
    }

    /// The ARM resource id of this job.
    #[must_use]
    pub fn resource_id(&self) -> String {
        format!(
            "/subscriptions/{}/resourceGroups/{}/providers/Microsoft.ImportExport/jobs/{}",
            self.subscription_id, self.resource_group, self.name
        )
    }
}

/// The characters of `text` folded to lower case, for comparing without regard to case.
fn folded(text: &str) -> impl Iterator<Item = char> + '_ {
    text.chars().flat_map(char::to_lowercase)
}

/// Whether two parts of a key are equal without regard to case; equal bytes (most calls, and
/// the same shared allocation) answer without folding.
fn same_part(a: &ArcStr, b: &ArcStr) -> bool {
    ArcStr::ptr_eq(a, b)
        || a.as_str() == b.as_str()
        || if a.is_ascii() && b.is_ascii() {
            a.eq_ignore_ascii_case(b)
        } else {
            folded(a).eq(folded(b))
        }
}

/// Orders two parts as their case-folded text would: a byte loop for ASCII (the common
/// case, as fast as comparing bytes), the folded characters once a non-ASCII byte shows.
/// Keys are compared on every lookup of the store's ordered map: this is a hot path.
fn compare_part(left: &ArcStr, right: &ArcStr) -> std::cmp::Ordering {
    use std::cmp::Ordering;
    if ArcStr::ptr_eq(left, right) {
        return Ordering::Equal;
    }
    let (lhs, rhs) = (left.as_bytes(), right.as_bytes());
    for (l, r) in lhs.iter().zip(rhs) {
        if l == r && l.is_ascii() {
            continue;
        }
        if !l.is_ascii() || !r.is_ascii() {
            return folded(left).cmp(folded(right));
        }
        let (lower_l, lower_r) = (l.to_ascii_lowercase(), r.to_ascii_lowercase());
        if lower_l != lower_r {
            return lower_l.cmp(&lower_r);
        }
    }
    let rest = |s: &[u8]| s[lhs.len().min(rhs.len())..].is_ascii();
    if rest(lhs) && rest(rhs) {
        lhs.len().cmp(&rhs.len())
    } else {
        folded(left).cmp(folded(right))
    }
}

fn hash_part<H: std::hash::Hasher>(part: &str, state: &mut H) {
    // One write of the folded text's UTF-8 (what a hasher does fastest); ASCII folds to
    // ASCII, so the same text hashes the same whichever path folds it.
    const SHORT: usize = 96;
    if part.is_ascii() && part.len() <= SHORT {
        let mut buffer = [0_u8; SHORT];
        for (slot, byte) in buffer.iter_mut().zip(part.bytes()) {
            *slot = byte.to_ascii_lowercase();
        }
        state.write(&buffer[..part.len()]);
    } else {
        state.write(folded(part).collect::<String>().as_bytes());
    }
    // Ends the part, so that ("ab", "c") and ("a", "bc") hash apart.
    state.write_u8(0xff);
}

impl PartialEq for JobKey {
    fn eq(&self, other: &Self) -> bool {
        same_part(&self.name, &other.name)
            && same_part(&self.resource_group, &other.resource_group)
            && same_part(&self.subscription_id, &other.subscription_id)
    }
}

impl Eq for JobKey {}

impl std::hash::Hash for JobKey {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        hash_part(&self.subscription_id, state);
        hash_part(&self.resource_group, state);
        hash_part(&self.name, state);
    }
}

impl Ord for JobKey {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        compare_part(&self.subscription_id, &other.subscription_id)
            .then_with(|| compare_part(&self.resource_group, &other.resource_group))
            .then_with(|| compare_part(&self.name, &other.name))
    }
}

impl PartialOrd for JobKey {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

/// A storage account's name: the last segment of its ARM id.
#[must_use]
pub fn account_name(id: &str) -> Option<&str> {
    id.trim_end_matches('/')
        .rsplit('/')
        .next()
        .filter(|name| !name.is_empty())
}

impl fmt::Display for JobKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.resource_group, self.name)
    }
}

/// A package shipped to or from the data centre.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Package {
    /// Carrier, e.g. "FedEx".
    pub carrier_name: Option<ArcStr>,
    /// The carrier's tracking number.
    pub tracking_number: Option<ArcStr>,
    /// How many drives are in the package.
    pub drive_count: Option<i64>,
    /// Ship date as the service wrote it (its format is free text, e.g. "8/11/2017 9:05:00 PM").
    pub ship_date: Option<ArcStr>,
}

/// One drive of a job.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Drive {
    /// The drive's serial number.
    pub drive_id: DriveId,
    /// Where the drive is in its lifecycle.
    pub state: DriveState,
    /// Free text from the service, e.g. "InProgress"; present from Transferring on.
    pub copy_status: Option<ArcStr>,
    /// Copy progress, 0 to 100.
    pub percent_complete: Option<i64>,
    /// Bytes copied so far.
    pub bytes_succeeded: Option<i64>,
    /// Path of the manifest on the drive.
    pub manifest_file: Option<ArcStr>,
    /// URL of the error log blob.
    pub error_log_uri: Option<ArcStr>,
    /// URL of the verbose log blob.
    pub verbose_log_uri: Option<ArcStr>,
    /// URL of the manifest blob.
    pub manifest_uri: Option<ArcStr>,
}

/// One Import/Export job.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Job {
    /// Where the job lives; what every action is addressed to.
    pub key: JobKey,
    /// The job's display name (the resource's `name`; usually equal to `key.name`, and then
    /// the same allocation).
    pub name: ArcStr,
    /// Azure region, as the service spells it ("West US" or "westus").
    pub location: Option<ArcStr>,
    /// Import or export.
    pub job_type: Option<JobType>,
    /// Lifecycle state.
    pub state: JobState,
    /// Whether a cancel was requested.
    pub cancel_requested: bool,
    /// Overall progress, 0 to 100.
    pub percent_complete: Option<i64>,
    /// ARM provisioning state, e.g. "Succeeded".
    pub provisioning_state: Option<ArcStr>,
    /// ARM id of the storage account the data goes to or comes from.
    pub storage_account_id: Option<ArcStr>,
    /// Blob directory that receives the logs.
    pub diagnostics_path: Option<ArcStr>,
    /// "Error" or "Verbose".
    pub log_level: Option<ArcStr>,
    /// Whether the drive manifests are backed up to blobs.
    pub backup_drive_manifest: Option<bool>,
    /// The customer's shipment to the data centre (boxed: a pointer in the job until set).
    pub delivery_package: Option<Box<Package>>,
    /// The shipment back to the customer (absent until shipped).
    pub return_package: Option<Box<Package>>,
    /// Blob list of what did not fit on an export's drives.
    pub incomplete_blob_list_uri: Option<ArcStr>,
    /// The drives; `None` when the response omitted the list (list responses often do).
    pub drives: Option<Vec<Drive>>,
    /// When the job was created (`systemData.createdAt`).
    pub created_at: Option<jiff::Timestamp>,
    /// When the job was last modified (`systemData.lastModifiedAt`).
    pub last_modified_at: Option<jiff::Timestamp>,
}

impl Drive {
    /// Bytes this drive has left to copy: its size (bytes copied over its percentage) less
    /// what it copied; `None` when the service gives neither or 0 %.
    #[must_use]
    pub fn bytes_left(&self) -> Option<i64> {
        let copied = self.bytes_succeeded?;
        let percent = self.percent_complete?;
        if percent >= 100 {
            return Some(0);
        }
        if percent <= 0 {
            return None;
        }
        let size = i128::from(copied) * 100 / i128::from(percent);
        i64::try_from(size - i128::from(copied)).ok()
    }
}

impl Job {
    /// A job with only its key and state set; the rest empty. Handy for tests and for the
    /// optimistic placeholder of a job whose details are not loaded yet.
    #[must_use]
    pub fn new(key: JobKey, state: JobState) -> Self {
        Self {
            name: key.name.clone(),
            key,
            location: None,
            job_type: None,
            state,
            cancel_requested: false,
            percent_complete: None,
            provisioning_state: None,
            storage_account_id: None,
            diagnostics_path: None,
            log_level: None,
            backup_drive_manifest: None,
            delivery_package: None,
            return_package: None,
            incomplete_blob_list_uri: None,
            drives: None,
            created_at: None,
            last_modified_at: None,
        }
    }

    /// The storage account's name: the last segment of its ARM id.
    #[must_use]
    pub fn storage_account_name(&self) -> Option<&str> {
        self.storage_account_id.as_deref().and_then(account_name)
    }

    /// Whether data is being copied: the job or one of its drives is transferring.
    #[must_use]
    pub fn copying(&self) -> bool {
        self.state == JobState::Transferring
            || self
                .drives
                .iter()
                .flatten()
                .any(|d| d.state == DriveState::Transferring)
    }

    /// Bytes copied over all drives, when any drive reports it.
    #[must_use]
    pub fn bytes_succeeded(&self) -> Option<i64> {
        let drives = self.drives.as_ref()?;
        drives
            .iter()
            .filter_map(|d| d.bytes_succeeded)
            .fold(None, |sum, b| Some(sum.unwrap_or(0_i64).saturating_add(b)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resource_id_round_trips_and_ignores_segment_case() {
        let key = JobKey::new("sub-1", "rg-a", "job-7");
        assert_eq!(
            JobKey::from_resource_id(&key.resource_id()),
            Some(key.clone())
        );
        let lower =
            "/SUBSCRIPTIONS/sub-1/resourcegroups/rg-a/providers/microsoft.importexport/JOBS/job-7";
        assert_eq!(JobKey::from_resource_id(lower), Some(key));
    }

    #[test]
    fn keys_compare_without_regard_to_case_and_keep_their_spelling() {
        use std::collections::{BTreeSet, HashSet};
        let listed = JobKey::new("SUB-A", "RG-Case", "Job-1");
        let read = JobKey::new("sub-a", "rg-case", "job-1");
        assert_eq!(listed, read);
        assert_eq!(listed.cmp(&read), std::cmp::Ordering::Equal);
        let hashed: HashSet<JobKey> = [listed.clone(), read.clone()].into();
        assert_eq!(hashed.len(), 1);
        let ordered: BTreeSet<JobKey> = [listed.clone(), read].into();
        assert_eq!(ordered.len(), 1);
        assert_eq!(
            listed.to_string(),
            "RG-Case/Job-1",
            "display keeps the spelling"
        );
        // Unicode resource groups fold too, and the Kelvin sign folds to an ASCII k: equal
        // keys must hash alike whichever path folds them.
        assert_eq!(
            JobKey::new("s", "Grupo-Ñ", "j"),
            JobKey::new("s", "grupo-ñ", "j")
        );
        let kelvin = JobKey::new("s", "\u{212A}", "j");
        let ascii = JobKey::new("s", "k", "j");
        assert_eq!(kelvin, ascii);
        assert_eq!(HashSet::from([kelvin, ascii]).len(), 1);
        // Parts do not run into each other, and different names stay different.
        assert_ne!(JobKey::new("s", "ab", "c"), JobKey::new("s", "a", "bc"));
        assert_ne!(
            JobKey::new("s", "rg", "job-1"),
            JobKey::new("s", "rg", "job-2")
        );
        assert!(JobKey::new("s", "RG", "a") < JobKey::new("s", "rg", "B"));
        // The fast ASCII loop orders as the folded text does, with any mix of scripts.
        let words = [
            "a",
            "A",
            "ab",
            "aB",
            "b",
            "ä",
            "Ä",
            "a\u{212A}",
            "ak",
            "aK",
            "z",
            "",
            "é1",
            "e",
        ];
        for x in words {
            for y in words {
                let (a, b) = (JobKey::new("s", "r", x), JobKey::new("s", "r", y));
                let folded = x
                    .chars()
                    .flat_map(char::to_lowercase)
                    .cmp(y.chars().flat_map(char::to_lowercase));
                assert_eq!(a.cmp(&b), folded, "{x:?} {y:?}");
                assert_eq!(a == b, folded.is_eq(), "{x:?} {y:?}");
            }
        }
    }

    #[test]
    fn other_resource_ids_are_refused() {
        for id in [
            "",
            "/subscriptions/s/resourceGroups/r",
            "/subscriptions/s/resourceGroups/r/providers/Microsoft.Storage/storageAccounts/a",
            "/subscriptions//resourceGroups/r/providers/Microsoft.ImportExport/jobs/j",
            "/subscriptions/s/resourceGroups/r/providers/Microsoft.ImportExport/jobs/j/extra",
        ] {
            assert_eq!(JobKey::from_resource_id(id), None, "{id}");
        }
    }

    #[test]
    fn storage_account_name_and_byte_sum() {
        let mut job = Job::new(JobKey::new("s", "r", "j"), JobState::Transferring);
        assert_eq!(job.storage_account_name(), None);
        assert_eq!(job.bytes_succeeded(), None);
        job.storage_account_id = Some(
            "/subscriptions/s/resourceGroups/r/providers/Microsoft.Storage/storageAccounts/acct"
                .into(),
        );
        assert_eq!(job.storage_account_name(), Some("acct"));
        let drive = |bytes| Drive {
            drive_id: "D".into(),
            state: DriveState::Transferring,
            copy_status: None,
            percent_complete: None,
            bytes_succeeded: bytes,
            manifest_file: None,
            error_log_uri: None,
            verbose_log_uri: None,
            manifest_uri: None,
        };
        job.drives = Some(vec![drive(Some(5)), drive(None), drive(Some(i64::MAX))]);
        assert_eq!(job.bytes_succeeded(), Some(i64::MAX));
        job.drives = Some(vec![drive(Some(5)), drive(Some(7))]);
        assert_eq!(job.bytes_succeeded(), Some(12));
    }
}
