//! The fixed data of the provider: data-centre locations and RBAC operations.

use std::collections::BTreeSet;

use crate::arm::wire::{
    Location, LocationProperties, Operation, OperationDisplay, ShippingInformation, Subscription,
};

use super::scenario::{DEMO_SUBSCRIPTION, DEMO_SUBSCRIPTION_2};

/// The tenant of every emulated subscription.
pub const EMULATOR_TENANT: &str = "00000000-0000-0000-0000-0000000000aa";

/// `GET /subscriptions`: the demo's two subscriptions and every one that holds jobs.
#[must_use]
pub fn subscriptions(with_jobs: &BTreeSet<String>) -> Vec<Subscription> {
    let mut ids: BTreeSet<String> = with_jobs.iter().map(|s| s.to_ascii_lowercase()).collect();
    ids.insert(DEMO_SUBSCRIPTION.to_owned());
    ids.insert(DEMO_SUBSCRIPTION_2.to_owned());
    ids.into_iter()
        .map(|id| {
            let name = match id.as_str() {
                DEMO_SUBSCRIPTION => "Contoso Archive (emulator)".to_owned(),
                DEMO_SUBSCRIPTION_2 => "Contoso Media (emulator)".to_owned(),
                other => {
                    let short: String = other.chars().take(8).collect();
                    format!("Emulator subscription {short}")
                }
            };
            Subscription {
                id: Some(format!("/subscriptions/{id}")),
                subscription_id: id,
                display_name: Some(name),
                state: Some("Enabled".to_owned()),
                tenant_id: Some(EMULATOR_TENANT.to_owned()),
            }
        })
        .collect()
}

/// (display name, recipient, street, city, state, postal code, country, phone, carriers)
type Dc = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static [&'static str],
);

const DATA_CENTRES: &[Dc] = &[
    (
        "West US",
        "Microsoft Azure Import/Export Service",
        "2045 Lafayette Street",
        "Santa Clara",
        "CA",
        "95050",
        "USA",
        "408 352 7600",
        &["FedEx", "DHL"],
    ),
    (
        "East US 2",
        "Windows Azure Import Export Service",
        "Boydton 1 / BLDG # 1 101 Herbert Drive",
        "Boydton",
        "VA",
        "23917",
        "USA",
        "+1-434-738-9443",
        &["FedEx", "DHL"],
    ),
    (
        "West Europe",
        "Microsoft Azure Import/Export Service",
        "Tupolevlaan 41-61",
        "Schiphol-Rijk",
        "Noord-Holland",
        "1119 NW",
        "Netherlands",
        "+31 20 000 0000",
        &["DHL"],
    ),
    (
        "Japan East",
        "Microsoft Azure Import/Export Service",
        "1-1-1 Shiohama",
        "Koto-ku",
        "Tokyo",
        "135-0043",
        "Japan",
        "+81 3 0000 0000",
        &["DHL"],
    ),
    (
        "Australia East",
        "Windows Azure Import/Export Service",
        "Customer-A c/o NEXTDC Ltd, Delivery code ABCDEFG, 4 Eden Park Drive",
        "Macquarie Park",
        "NSW",
        "2113",
        "Australia",
        "612 0000 0000",
        &["DHL"],
    ),
    (
        "Australia Southeast",
        "Microsoft Azure Import/Export Service",
        "Microsoft, c/o NEXTDC Ltd, Delivery code ABCDEFG, 826-830 Lorimer St, Port",
        "Melbourne",
        "Melbourne",
        "3207",
        "Australia",
        "61 0 0000 0000",
        &["DHL"],
    ),
];

/// The short name ARM uses in ids: "West US" → "westus".
#[must_use]
pub fn short_name(display: &str) -> String {
    display
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Every location.
#[must_use]
pub fn locations() -> Vec<Location> {
    DATA_CENTRES
        .iter()
        .map(
            |(name, recipient, street, city, state, postal, country, phone, carriers)| {
                let short = short_name(name);
                Location {
                    id: Some(format!(
                        "/providers/Microsoft.ImportExport/locations/{short}"
                    )),
                    name: Some((*name).to_owned()),
                    resource_type: Some("Microsoft.ImportExport/locations".to_owned()),
                    properties: Some(LocationProperties {
                        recipient_name: Some((*recipient).to_owned()),
                        street_address1: Some((*street).to_owned()),
                        street_address2: Some(String::new()),
                        city: Some((*city).to_owned()),
                        state_or_province: Some((*state).to_owned()),
                        postal_code: Some((*postal).to_owned()),
                        country_or_region: Some((*country).to_owned()),
                        phone: Some((*phone).to_owned()),
                        additional_shipping_information: Some(String::new()),
                        supported_carriers: Some(
                            carriers.iter().map(|c| (*c).to_owned()).collect(),
                        ),
                        alternate_locations: Some(vec![format!(
                            "/providers/Microsoft.ImportExport/locations/{short}"
                        )]),
                    }),
                }
            },
        )
        .collect()
}

/// The location called `name`, as a display name ("West US") or a short one ("westus").
#[must_use]
pub fn location(name: &str) -> Option<Location> {
    let wanted = short_name(name);
    locations()
        .into_iter()
        .find(|l| l.name.as_deref().is_some_and(|n| short_name(n) == wanted))
}

/// The shipping address of a location, as jobs show it.
#[must_use]
pub fn shipping_information(location: &Location) -> ShippingInformation {
    let p = location.properties.clone().unwrap_or_default();
    ShippingInformation {
        recipient_name: p.recipient_name,
        street_address1: p.street_address1,
        street_address2: p.street_address2,
        city: p.city,
        state_or_province: p.state_or_province,
        postal_code: p.postal_code,
        country_or_region: p.country_or_region,
        phone: p.phone,
        additional_information: p.additional_shipping_information,
    }
}

/// The provider's operations, as in the spec's example.
#[must_use]
pub fn operations() -> Vec<Operation> {
    [
        ("Microsoft.ImportExport/locations/read", "Locations", "Get or List Locations", "Gets the properties for the specified location or returns the list of locations."),
        ("Microsoft.ImportExport/jobs/write", "Jobs", "Create or Update Job", "Creates a job with the specified parameters or update the properties or tags for the specified job."),
        ("Microsoft.ImportExport/jobs/read", "Jobs", "Get or List Jobs", "Gets the properties for the specified job or returns the list of jobs."),
        ("Microsoft.ImportExport/jobs/listBitLockerKeys/action", "Jobs", "List BitLocker Keys", "Gets the BitLocker keys for the specified job."),
        ("Microsoft.ImportExport/jobs/delete", "Jobs", "Delete Job", "Deletes an existing job."),
        ("Microsoft.ImportExport/register/action", "Import/Export Resource Provider", "Registers the Import/Export Resource Provider", "Registers the subscription for the import/export resource provider and enables the creation of import/export jobs."),
    ]
    .into_iter()
    .map(|(name, resource, operation, description)| Operation {
        name: Some(name.to_owned()),
        display: Some(OperationDisplay {
            provider: Some("Microsoft Import/Export".to_owned()),
            resource: Some(resource.to_owned()),
            operation: Some(operation.to_owned()),
            description: Some(description.to_owned()),
        }),
    })
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations_by_either_name() {
        assert_eq!(location("westus").unwrap().name.as_deref(), Some("West US"));
        assert_eq!(
            location("West US").unwrap().id.as_deref(),
            Some("/providers/Microsoft.ImportExport/locations/westus")
        );
        assert!(location("Mars North").is_none());
        assert_eq!(operations().len(), 6);
    }
}
