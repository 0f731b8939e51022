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

/// One data centre, as the live service listed it.
struct Dc {
    /// Display name ("West US"); the short name ("westus") is derived from it.
    name: &'static str,
    recipient: &'static str,
    street1: &'static str,
    street2: &'static str,
    city: &'static str,
    state: &'static str,
    postal_code: &'static str,
    country: &'static str,
    /// Absent for about half of the data centres.
    phone: Option<&'static str>,
    carriers: &'static [&'static str],
    /// Short names of the data centres that take this one's shipments.
    alternates: &'static [&'static str],
}

/// The 32 data centres of `GET /providers/Microsoft.ImportExport/locations` as the live
/// service answered on 2020-04-28 (`shared/recordings`, PowerShell session), values kept as
/// they came, placeholders and shifted columns included: a client must cope with them.
const DATA_CENTRES: &[Dc] = &[
    Dc {
        name: "Australia East",
        recipient: "This DC has security requirements requiring advance notification for all inbound shipments. Contact adbops@microsoft.com specifying your order name to receive the unique inbound ID and shipping address",
        street1: " ",
        street2: " ",
        city: " ",
        state: " ",
        postal_code: " ",
        country: " ",
        phone: Some(" "),
        carriers: &["Blue Dart", "DHL", "FedEx", "TNT", "UPS"],
        alternates: &["australiaeast"],
    },
    Dc {
        name: "Australia Southeast",
        recipient: "This DC has security requirements requiring advance notification for all inbound shipments. Contact adbops@microsoft.com specifying your order name to receive the unique inbound ID and shipping address",
        street1: " ",
        street2: " ",
        city: " ",
        state: " ",
        postal_code: " ",
        country: " ",
        phone: Some(" "),
        carriers: &["Blue Dart", "DHL", "FedEx", "TNT", "UPS"],
        alternates: &["australiasoutheast"],
    },
    Dc {
        name: "Brazil South",
        recipient: "Microsoft Azure Import/Export Service",
        street1: "Microsoft c/o AscentyRua Papa Joao Paulo II 4 - Jardim Santa Izabel",
        street2: "Hortolândia",
        city: "São Paulo",
        state: "",
        postal_code: "CEP: 13.185-252",
        country: "Brazil",
        phone: None,
        carriers: &["Blue Dart", "DHL", "FedEx", "TNT", "UPS"],
        alternates: &["brazilsouth"],
    },
    Dc {
        name: "Canada Central",
        recipient: "Microsoft Azure Import/Export Service",
        street1: "Microsoft c/o Allied Properties REIT 35 John St",
        street2: "",
        city: "West Toronto",
        state: "ON",
        postal_code: "M5V 3G6",
        country: "Canada",
        phone: None,
        carriers: &["Blue Dart", "DHL", "FedEx", "TNT", "UPS"],
        alternates: &["canadacentral"],
    },
    Dc {
        name: "Canada East",
        recipient: "Microsoft Azure Import/Export Service",
        street1: "Microsoft c/o 4 Degrees 2675 Boulevard du Parc-Technologique",
        street2: "",
        city: "Quebec City",
        state: "QC",
        postal_code: "G1P 4S5",
        country: "Canada",
        phone: None,
        carriers: &["FedEx", "DHL"],
        alternates: &["canadacentral"],
    },
    Dc {
        name: "Central India",
        recipient: "Microsoft Azure Import/Export Service",
        street1: "Microsoft Corp. (India) Pvt. Ltd. c/o Tata Communications Ltd., IDC Building, 2nd floor, Alandi Road",
        street2: "",
        city: "Dighi, Pune",
        state: "Mahar",
        postal_code: "411015",
        country: "India",
        phone: Some("+91-8956884068"),
        carriers: &["DHL"],
        alternates: &["centralindia"],
    },
    Dc {
        name: "Central US",
        recipient: "Microsoft Azure Import/Export Service",
        street1: "550 SE White Crane Rd",
        street2: "",
        city: "West Des Moines",
        state: "IA",
        postal_code: "50265",
        country: "USA",
        phone: Some("5156975500"),
        carriers: &["FedEx"],
        alternates: &["centralus"],
    },
    Dc {
        name: "East Asia",
        recipient: "Microsoft Azure Import/Export Service",
        street1: "\n      Microsoft c/o NTT Comm 6 Chun Kwong Street, Tseung Kwan O Industrial Estate ",
        street2: "",
        city: "Tseung Kwan O",
        state: "",
        postal_code: "",
        country: "",
        phone: Some("+852 3793 0508\n    "),
        carriers: &["DHL"],
        alternates: &["eastasia"],
    },
    Dc {
        name: "East US",
        recipient: "Microsoft Azure Import/Export Service",
        street1: "21625 Gresham Drive",
        street2: "",
        city: "Ashburn",
        state: "VA",
        postal_code: "20147",
        country: "USA",
        phone: Some(""),
        carriers: &["Blue Dart", "DHL", "FedEx", "TNT", "UPS"],
        alternates: &["eastus"],
    },
    Dc {
        name: "East US 2",
        recipient: "Microsoft Azure Import/Export Service",
        street1: "101 Herbert Drive, BLDG 7",
        street2: "",
        city: "Boydton",
        state: "VA",
        postal_code: "23917",
        country: "USA",
        phone: Some(""),
        carriers: &["FedEx"],
        alternates: &["eastus"],
    },
    Dc {
        name: "France Central",
        recipient: "Microsoft Azure Import/Export Service",
        street1: "Microsoft Agriport 570",
        street2: "",
        city: "Middenmeer",
        state: "NL-NH",
        postal_code: "1775TB",
        country: "Netherlands (NL)",
        phone: None,
        carriers: &["FedEx"],
        alternates: &["westeurope"],
    },
    Dc {
        name: "Germany North",
        recipient: "Microsoft Azure Import/Export Service",
        street1: "Microsoft Agriport 570",
        street2: "",
        city: "Middenmeer",
        state: "NL-NH",
        postal_code: "1775TB",
        country: "Netherlands (NL)",
        phone: None,
        carriers: &["FedEx"],
        alternates: &["westeurope"],
    },
    Dc {
        name: "Germany West Central",
        recipient: "Microsoft Azure Import/Export Service",
        street1: "Microsoft Agriport 570",
        street2: "",
        city: "Middenmeer",
        state: "NL-NH",
        postal_code: "1775TB",
        country: "Netherlands (NL)",
        phone: None,
        carriers: &["FedEx"],
        alternates: &["westeurope"],
    },
    Dc {
        name: "Japan East",
        recipient: "Microsoft Azure Import/Export Service",
        street1: "Microsoft C/O NTT Communications 2-7-5, Tabatashinmachi, Kita-ku",
        street2: "",
        city: "Tokyo",
        state: "",
        postal_code: "114-0012",
        country: "Japan",
        phone: None,
        carriers: &["Blue Dart", "DHL", "FedEx", "TNT", "UPS"],
        alternates: &["japaneast"],
    },
    Dc {
        name: "Japan West",
        recipient: "Microsoft Azure Import/Export Service",
        street1: "Microsoft C/O NTT Communications3-1-21, Dojima Kita-ku",
        street2: "",
        city: "Osaka City",
        state: "Osaka",
        postal_code: "553-0003",
        country: "Japan",
        phone: Some("+81 (6) 7670-6655"),
        carriers: &["Blue Dart", "DHL", "FedEx", "TNT", "UPS"],
        alternates: &["japanwest"],
    },
    Dc {
        name: "Korea Central",
        recipient: "Microsoft Azure Import/Export Service",
        street1: "Microsoft c/o 29, Simindaero-327gil, Dong An-gu",
        street2: "Anyang-si",
        city: "Kyeonggido",
        state: "",
        postal_code: "14055",
        country: "Republic of Korea",
        phone: None,
        carriers: &["Blue Dart", "DHL", "FedEx", "TNT", "UPS"],
        alternates: &["koreacentral"],
    },
    Dc {
        name: "Korea South",
        recipient: "Microsoft Azure Import/Export Service",
        street1: "Microsoft c/o 29, Simindaero-327gil, Dong An-gu",
        street2: "Anyang-si",
        city: "Kyeonggido",
        state: "",
        postal_code: "14055",
        country: "Republic of Korea",
        phone: None,
        carriers: &["FedEx", "DHL"],
        alternates: &["australiasoutheast"],
    },
    Dc {
        name: "North Central US",
        recipient: "Microsoft Azure Import/Export Service",
        street1: "601 Northwest Ave.",
        street2: "",
        city: "Northlake",
        state: "IL",
        postal_code: "60164",
        country: "USA",
        phone: Some("(708) 836-5143"),
        carriers: &["Blue Dart", "DHL", "FedEx", "TNT", "UPS"],
        alternates: &["northcentralus"],
    },
    Dc {
        name: "North Europe",
        recipient: "Microsoft Azure Import/Export Service",
        street1: "Unit 74 Grange Castle Business Park, Clondalkin",
        street2: "",
        city: "Dublin",
        state: "",
        postal_code: "22",
        country: "Ireland (IE)",
        phone: Some("8886052200"),
        carriers: &["Blue Dart", "DHL", "FedEx", "TNT", "UPS"],
        alternates: &["westeurope"],
    },
    Dc {
        name: "Norway East",
        recipient: "Microsoft Azure Import/Export Service",
        street1: "Microsoft Agriport 570",
        street2: "",
        city: "Middenmeer",
        state: "NL-NH",
        postal_code: "1775TB",
        country: "Netherlands (NL)",
        phone: None,
        carriers: &["FedEx"],
        alternates: &["westeurope"],
    },
    Dc {
        name: "South Central US",
        recipient: "Microsoft Azure Import/Export Service",
        street1: "5150 Rogers Road",
        street2: "",
        city: "San Antonio",
        state: "TX",
        postal_code: "78251",
        country: "USA",
        phone: Some("+1 210 3462528"),
        carriers: &["FedEx"],
        alternates: &["westus"],
    },
    Dc {
        name: "South India",
        recipient: "Microsoft Azure Import/Export Service",
        street1: "Microsoft Corp. (India) Pvt. Ltd. C/o Tata Communications Ltd, 226 Red Hills Road, Kallikuppam",
        street2: "",
        city: "Ambattur",
        state: "Tamil Nadu",
        postal_code: "600053",
        country: "India",
        phone: Some("+91 7200090173"),
        carriers: &["DHL"],
        alternates: &["southindia"],
    },
    Dc {
        name: "Southeast Asia",
        recipient: "Microsoft Azure Import/Export Service",
        street1: "21 Defu Ave 1",
        street2: "",
        city: "Singapore",
        state: "539539",
        postal_code: "Singapore (SG)",
        country: "+659017 9066",
        phone: None,
        carriers: &["Blue Dart", "DHL", "FedEx", "TNT", "UPS"],
        alternates: &["southeastasia"],
    },
    Dc {
        name: "Switzerland North",
        recipient: "Microsoft Azure Import/Export Service",
        street1: "Microsoft Agriport 570",
        street2: "",
        city: "Middenmeer",
        state: "NL-NH",
        postal_code: "1775TB",
        country: "Netherlands (NL)",
        phone: None,
        carriers: &["FedEx"],
        alternates: &["westeurope"],
    },
    Dc {
        name: "Switzerland West",
        recipient: "Microsoft Azure Import/Export Service",
        street1: "Microsoft Agriport 570",
        street2: "",
        city: "Middenmeer",
        state: "NL-NH",
        postal_code: "1775TB",
        country: "Netherlands (NL)",
        phone: None,
        carriers: &["FedEx"],
        alternates: &["westeurope"],
    },
    Dc {
        name: "UK South",
        recipient: "This DC has security requirements requiring advance notification for all inbound shipments. Contact adbops@microsoft.com specifying your order name to receive the unique inbound ID and shipping address",
        street1: " ",
        street2: " ",
        city: " ",
        state: " ",
        postal_code: " ",
        country: " ",
        phone: Some(" "),
        carriers: &["Blue Dart", "DHL", "FedEx", "TNT", "UPS"],
        alternates: &["uksouth"],
    },
    Dc {
        name: "UK West",
        recipient: "This DC has security requirements requiring advance notification for all inbound shipments. Contact adbops@microsoft.com specifying your order name to receive the unique inbound ID and shipping address",
        street1: " ",
        street2: " ",
        city: " ",
        state: " ",
        postal_code: " ",
        country: " ",
        phone: Some(" "),
        carriers: &["FedEx", "DHL"],
        alternates: &["uksouth"],
    },
    Dc {
        name: "West Central US",
        recipient: "Microsoft Azure Import/Export Service",
        street1: "Microsoft 638 Logistics Drive",
        street2: "",
        city: "Cheyenne",
        state: "WY",
        postal_code: "82007",
        country: "USA",
        phone: None,
        carriers: &["FedEx", "DHL"],
        alternates: &["centralus"],
    },
    Dc {
        name: "West Europe",
        recipient: "Microsoft Azure Import/Export Service",
        street1: "Microsoft Agriport 570",
        street2: "",
        city: "Middenmeer",
        state: "NL-NH",
        postal_code: "1775TB",
        country: "Netherlands (NL)",
        phone: None,
        carriers: &["Blue Dart", "DHL", "FedEx", "TNT", "UPS"],
        alternates: &["westeurope"],
    },
    Dc {
        name: "West India",
        recipient: "Microsoft Azure Import/Export Service",
        street1: "Microsoft c/o Tata Communications,Tower A , 6th Floor,Plot # C21 C36, Bandra Kurla Complex, Near MTNL",
        street2: "",
        city: "Mumbai",
        state: "Maharashtra",
        postal_code: "400098",
        country: "India",
        phone: None,
        carriers: &["Blue Dart", "DHL", "FedEx", "TNT", "UPS"],
        alternates: &["centralindia"],
    },
    Dc {
        name: "West US",
        recipient: "Microsoft Azure Import/Export Service",
        street1: "3020 Coronado",
        street2: "",
        city: "Santa Clara",
        state: "CA",
        postal_code: "95054",
        country: "USA",
        phone: Some("408 352 7600"),
        carriers: &["Blue Dart", "DHL", "FedEx", "TNT", "UPS"],
        alternates: &["westus"],
    },
    Dc {
        name: "West US 2",
        recipient: "Microsoft Azure Import/Export Service",
        street1: "1515 Port Industrial Parkway",
        street2: "",
        city: "Quincy",
        state: "WA",
        postal_code: "98848",
        country: "USA",
        phone: None,
        carriers: &["Blue Dart", "DHL", "FedEx", "TNT", "UPS"],
        alternates: &["westus2"],
    },
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

/// The display name of a location given by either name ("westus" or "West US" → "West US"),
/// as the service writes `location` in every job it returns after the create.
#[must_use]
pub fn display_name(name: &str) -> Option<&'static str> {
    let wanted = short_name(name);
    DATA_CENTRES
        .iter()
        .find(|dc| short_name(dc.name) == wanted)
        .map(|dc| dc.name)
}

fn location_id(short: &str) -> String {
    format!("/providers/Microsoft.ImportExport/locations/{short}")
}

/// Every location.
#[must_use]
pub fn locations() -> Vec<Location> {
    DATA_CENTRES
        .iter()
        .map(|dc| Location {
            id: Some(location_id(&short_name(dc.name))),
            name: Some(dc.name.to_owned()),
            resource_type: Some("Microsoft.ImportExport/locations".to_owned()),
            properties: Some(LocationProperties {
                recipient_name: Some(dc.recipient.to_owned()),
                street_address1: Some(dc.street1.to_owned()),
                street_address2: Some(dc.street2.to_owned()),
                city: Some(dc.city.to_owned()),
                state_or_province: Some(dc.state.to_owned()),
                postal_code: Some(dc.postal_code.to_owned()),
                country_or_region: Some(dc.country.to_owned()),
                phone: dc.phone.map(str::to_owned),
                // The live service sends no additionalShippingInformation at all.
                additional_shipping_information: None,
                supported_carriers: Some(dc.carriers.iter().map(|c| (*c).to_owned()).collect()),
                alternate_locations: Some(dc.alternates.iter().map(|a| location_id(a)).collect()),
            }),
        })
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

/// The shipping address of a location, as jobs show it: the data centre's address as the
/// location lists it (East US's empty phone comes back empty), with no `additionalInformation`.
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
        additional_information: None,
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
        assert_eq!(locations().len(), 32);
        assert_eq!(display_name("westus2"), Some("West US 2"));
        assert_eq!(display_name("East US"), Some("East US"));
        assert_eq!(display_name("eastus 2"), Some("East US 2"));
        assert_eq!(display_name("marsnorth"), None);
    }
}
