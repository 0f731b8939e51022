//! The JSON of the Microsoft.ImportExport REST API, as the OpenAPI specs define it.
//!
//! Follows the 2020-08-01 spec and reads the 2016-11-01 and 2021-01-01 shapes too (they are the
//! same JSON; only integer widths differ, and the widest, `i64`, is used everywhere). The types
//! are tolerant: unknown fields are ignored, every field is optional (a `null` reads as absent),
//! and enum values this build does not know are kept as text. They also serialise, without the
//! absent fields, which is how the emulator answers.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::model::{DriveState, JobState, JobType, open_enum};

/// ARM `tags`: a map of names to values. Values are kept as JSON because some services
/// send non-string values where the spec says "object".
pub type Tags = BTreeMap<String, serde_json::Value>;

/// `JobResponse`: one job.
///
/// Fields are declared in the order the live service writes them (properties, identity, id,
/// name, type, location), so that the emulator's answers read like the recorded ones.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct JobResponse {
    /// The job's properties.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub properties: Option<JobDetails>,
    /// The job's managed identity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identity: Option<IdentityDetails>,
    /// The ARM resource id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The job name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// `"Microsoft.ImportExport/jobs"`.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub resource_type: Option<String>,
    /// Azure region.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    /// Resource tags.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<Tags>,
    /// ARM metadata: who created or last modified the job, and when.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub system_data: Option<SystemData>,
}

/// `JobDetails`: the `properties` of a job.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct JobDetails {
    /// ARM id of the storage account.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub storage_account_id: Option<String>,
    /// "Import" or "Export".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub job_type: Option<JobType>,
    /// Where the drives go back to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub return_address: Option<ReturnAddress>,
    /// The carrier account that pays for the return.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub return_shipping: Option<ReturnShipping>,
    /// The data centre's address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shipping_information: Option<ShippingInformation>,
    /// The customer's shipment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delivery_package: Option<PackageInformation>,
    /// The shipment back.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub return_package: Option<PackageInformation>,
    /// Blob directory for logs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub diagnostics_path: Option<String>,
    /// "Error" or "Verbose".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub log_level: Option<String>,
    /// Whether manifests are backed up to blobs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub backup_drive_manifest: Option<bool>,
    /// Whether a cancel was requested.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cancel_requested: Option<bool>,
    /// The job state (a free string in the spec).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<JobState>,
    /// Overall progress (int32 in 2020-08-01, int64 in 2021-01-01).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub percent_complete: Option<i64>,
    /// Blob list of what an export could not fit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub incomplete_blob_list_uri: Option<String>,
    /// The drives (at most 10). Often absent from list responses.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub drive_list: Option<Vec<DriveStatus>>,
    /// What an export job exports.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub export: Option<Export>,
    /// ARM provisioning state.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provisioning_state: Option<String>,
    /// How the BitLocker keys are protected.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encryption_key: Option<EncryptionKeyDetails>,
}

/// `DriveStatus`: one drive.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DriveStatus {
    /// Serial number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub drive_id: Option<String>,
    /// Sent on create, never returned by GET or list (only `listBitLockerKeys` returns it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bit_locker_key: Option<String>,
    /// Manifest path on the drive.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub manifest_file: Option<String>,
    /// Base16 MD5 of the manifest.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub manifest_hash: Option<String>,
    /// Hash of the drive header.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub drive_header_hash: Option<String>,
    /// Drive state.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<DriveState>,
    /// Free text, e.g. "InProgress".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub copy_status: Option<String>,
    /// Copy progress.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub percent_complete: Option<i64>,
    /// URL of the verbose log.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verbose_log_uri: Option<String>,
    /// URL of the error log.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_log_uri: Option<String>,
    /// URL of the manifest blob.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub manifest_uri: Option<String>,
    /// Bytes copied.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bytes_succeeded: Option<i64>,
}

/// `ReturnAddress`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[expect(missing_docs, reason = "address lines are self-explanatory")]
pub struct ReturnAddress {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recipient_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub street_address1: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub street_address2: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state_or_province: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub postal_code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country_or_region: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
}

/// `ReturnShipping`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReturnShipping {
    /// Carrier name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub carrier_name: Option<String>,
    /// The customer's account with that carrier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub carrier_account_number: Option<String>,
}

/// `ShippingInformation`: the data centre's address.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[expect(missing_docs, reason = "address lines are self-explanatory")]
pub struct ShippingInformation {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recipient_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub street_address1: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub street_address2: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state_or_province: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub postal_code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country_or_region: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub additional_information: Option<String>,
}

/// `PackageInformation` and `DeliveryPackageInformation` (same fields).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PackageInformation {
    /// Carrier name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub carrier_name: Option<String>,
    /// Tracking number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tracking_number: Option<String>,
    /// Number of drives in the package.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub drive_count: Option<i64>,
    /// Free-text ship date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ship_date: Option<String>,
}

/// `Export`: what an export job copies.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Export {
    /// Blob paths and prefixes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub blob_list: Option<BlobList>,
    /// A blob holding the list instead.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub blob_list_blob_path: Option<String>,
}

/// `Export.blobList`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BlobList {
    /// Blob paths.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub blob_path: Option<Vec<String>>,
    /// Blob prefixes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub blob_path_prefix: Option<Vec<String>>,
}

open_enum! {
    /// `EncryptionKeyDetails.kekType`.
    pub enum KekType {
        /// Keys protected by Microsoft.
        MicrosoftManaged => "MicrosoftManaged",
        /// Keys protected by the customer's Key Vault key.
        CustomerManaged => "CustomerManaged",
    }
}

/// `EncryptionKeyDetails`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EncryptionKeyDetails {
    /// Who manages the key-encryption key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kek_type: Option<KekType>,
    /// The Key Vault key URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kek_url: Option<String>,
    /// The Key Vault's resource id.
    #[serde(
        default,
        rename = "kekVaultResourceID",
        skip_serializing_if = "Option::is_none"
    )]
    pub kek_vault_resource_id: Option<String>,
}

open_enum! {
    /// `IdentityDetails.type`.
    pub enum IdentityType {
        /// No managed identity.
        None => "None",
        /// A system-assigned identity.
        SystemAssigned => "SystemAssigned",
        /// A user-assigned identity.
        UserAssigned => "UserAssigned",
    }
}

/// `IdentityDetails`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct IdentityDetails {
    /// Identity type.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub identity_type: Option<IdentityType>,
    /// The identity's principal id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub principal_id: Option<String>,
    /// The identity's tenant.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tenant_id: Option<String>,
}

/// ARM's common `systemData`. Timestamps stay text here; the model parses them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SystemData {
    /// Who created the resource.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_by: Option<String>,
    /// "User", "Application", "ManagedIdentity" or "Key".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_by_type: Option<String>,
    /// RFC 3339 creation time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<String>,
    /// Who last modified the resource.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_modified_by: Option<String>,
    /// Kind of the last modifier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_modified_by_type: Option<String>,
    /// RFC 3339 time of the last modification.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_modified_at: Option<String>,
}

/// `ListJobsResponse`: one page of jobs.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ListJobsResponse {
    /// Absolute URL of the next page, absent on the last one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_link: Option<String>,
    /// The jobs on this page.
    #[serde(default, deserialize_with = "null_as_empty")]
    pub value: Vec<JobResponse>,
}

/// One subscription of `GET /subscriptions` (Microsoft.Resources).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Subscription {
    /// `/subscriptions/{id}`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The subscription id (a GUID).
    #[serde(default)]
    pub subscription_id: String,
    /// Its name as the portal shows it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    /// `Enabled`, `Warned`, `PastDue`, `Disabled` or `Deleted`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
    /// The tenant it belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tenant_id: Option<String>,
}

/// One page of `GET /subscriptions`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SubscriptionListResult {
    /// Absolute URL of the next page, absent on the last one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_link: Option<String>,
    /// The subscriptions on this page.
    #[serde(default, deserialize_with = "null_as_empty")]
    pub value: Vec<Subscription>,
}

/// `PutJobParameters`: the body of a create.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PutJobParameters {
    /// Azure region.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    /// Resource tags.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<Tags>,
    /// The job's properties.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub properties: Option<JobDetails>,
}

/// `UpdateJobParameters`: the body of a `PATCH`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UpdateJobParameters {
    /// New tags (replace the old ones).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<Tags>,
    /// What to change.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub properties: Option<UpdateJobProperties>,
}

/// The `properties` of [`UpdateJobParameters`].
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UpdateJobProperties {
    /// If given, must be true: ask the service to cancel the job.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cancel_requested: Option<bool>,
    /// If given (and not empty), must be "Shipping".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
    /// New return address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub return_address: Option<ReturnAddress>,
    /// New return carrier account.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub return_shipping: Option<ReturnShipping>,
    /// Tracking information of the shipment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delivery_package: Option<PackageInformation>,
    /// "Error" or "Verbose".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub log_level: Option<String>,
    /// Whether manifests are backed up.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub backup_drive_manifest: Option<bool>,
    /// Drive updates.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub drive_list: Option<Vec<DriveStatus>>,
}

/// `ErrorResponse`: what every failed call answers.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ErrorResponse {
    /// The error.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<ErrorInfo>,
}

/// The `error` of an [`ErrorResponse`].
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ErrorInfo {
    /// Machine-readable code, e.g. "ResourceNotFound".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// Human-readable message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// What the error is about.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    /// Further errors.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub details: Option<Vec<ErrorDetail>>,
    /// Service-specific extra data.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub innererror: Option<serde_json::Value>,
}

/// One entry of `error.details`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorDetail {
    /// Code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// Target.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    /// Message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

impl ErrorResponse {
    /// An error body with a code and a message.
    #[must_use]
    pub fn new(code: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            error: Some(ErrorInfo {
                code: Some(code.into()),
                message: Some(message.into()),
                ..ErrorInfo::default()
            }),
        }
    }
}

/// `GetBitLockerKeysResponse`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GetBitLockerKeysResponse {
    /// One key per drive.
    #[serde(default, deserialize_with = "null_as_empty")]
    pub value: Vec<DriveBitLockerKey>,
}

/// `DriveBitLockerKey`. Fields in the live service's order.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DriveBitLockerKey {
    /// The drive's serial number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub drive_id: Option<String>,
    /// The drive's key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bit_locker_key: Option<String>,
}

/// `Location`: a data centre that receives drives. Fields in the live service's order.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Location {
    /// Shipping address and carriers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub properties: Option<LocationProperties>,
    /// `/providers/Microsoft.ImportExport/locations/{name}`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Display name, e.g. "West US".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// `"Microsoft.ImportExport/locations"`.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub resource_type: Option<String>,
}

/// The `properties` of a [`Location`].
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[expect(missing_docs, reason = "address lines are self-explanatory")]
pub struct LocationProperties {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recipient_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub street_address1: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub street_address2: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state_or_province: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub postal_code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country_or_region: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub additional_shipping_information: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supported_carriers: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alternate_locations: Option<Vec<String>>,
}

/// `LocationsResponse`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LocationsResponse {
    /// The locations.
    #[serde(default, deserialize_with = "null_as_empty")]
    pub value: Vec<Location>,
}

/// `Operation`: one RBAC operation of the provider.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Operation {
    /// E.g. `Microsoft.ImportExport/jobs/read`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Display texts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display: Option<OperationDisplay>,
}

/// The `display` of an [`Operation`].
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OperationDisplay {
    /// Provider name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider: Option<String>,
    /// Resource name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource: Option<String>,
    /// Operation name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub operation: Option<String>,
    /// Description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// `ListOperationsResponse`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListOperationsResponse {
    /// The operations.
    #[serde(default, deserialize_with = "null_as_empty")]
    pub value: Vec<Operation>,
}

/// Reads a JSON `null` array as empty, as the SDKs do.
pub(super) fn null_as_empty<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    Ok(Option::<Vec<T>>::deserialize(deserializer)?.unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_fields_nulls_and_unknown_enums_are_tolerated() {
        let json = r#"{
            "id": "/subscriptions/s/resourceGroups/r/providers/Microsoft.ImportExport/jobs/j",
            "futureField": {"nested": [1, 2]},
            "tags": null,
            "identity": {"type": "SomethingNew"},
            "properties": {
                "state": "Faulted", "cancelRequested": null, "percentComplete": 4294967296,
                "driveList": [{"driveId": "A", "state": "Quarantined", "bytesSucceeded": 9007199254740993}],
                "encryptionKey": {"kekType": "HsmManaged"}
            }
        }"#;
        let job: JobResponse = serde_json::from_str(json).unwrap();
        let props = job.properties.as_ref().unwrap();
        assert_eq!(props.state, Some(JobState::Other("Faulted".into())));
        assert_eq!(props.cancel_requested, None);
        assert_eq!(props.percent_complete, Some(4_294_967_296));
        let drive = &props.drive_list.as_ref().unwrap()[0];
        assert_eq!(drive.state, Some(DriveState::Other("Quarantined".into())));
        assert_eq!(drive.bytes_succeeded, Some(9_007_199_254_740_993));
        assert_eq!(
            job.identity.as_ref().unwrap().identity_type,
            Some(IdentityType::Other("SomethingNew".into()))
        );
        let back = serde_json::to_value(&job).unwrap();
        assert_eq!(back["properties"]["state"], "Faulted");
        assert_eq!(back["properties"]["encryptionKey"]["kekType"], "HsmManaged");
        assert!(back.get("tags").is_none(), "absent fields are not written");
    }

    #[test]
    fn list_value_null_or_missing_reads_as_empty() {
        let page: ListJobsResponse = serde_json::from_str(r#"{"value": null}"#).unwrap();
        assert!(page.value.is_empty());
        let page: ListJobsResponse = serde_json::from_str(r#"{"nextLink": "x"}"#).unwrap();
        assert_eq!(page.next_link.as_deref(), Some("x"));
    }
}
