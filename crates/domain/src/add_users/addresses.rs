//! Shipping addresses the wizard adds or edits: the list a purchased phone can ship to, and the
//! rules a postal address must meet (shared with new emergency response locations).

use super::view::AccountView;
use super::AddUsersRequest;
use crate::inventory::Address;

/// Ids of addresses added in the wizard start with this; the planner gives them real ids.
pub const NEW_ADDRESS_PREFIX: &str = "new-";

/// The account's shipping addresses with the request's edits applied and its new ones added.
pub fn shipping_addresses(request: &AddUsersRequest, data: &dyn AccountView) -> Vec<Address> {
    let mut all: Vec<Address> = data.shipping_addresses().to_vec();
    for address in &request.addresses {
        match all.iter_mut().find(|a| a.id == address.id) {
            Some(existing) => existing.clone_from(address),
            None => all.push(address.clone()),
        }
    }
    all
}

/// An id for the next address added in the wizard.
pub fn new_address_id(request: &AddUsersRequest) -> String {
    (1..)
        .map(|n| format!("{NEW_ADDRESS_PREFIX}{n}"))
        .find(|id| !request.addresses.iter().any(|a| &a.id == id))
        .expect("an unused id exists")
}

/// What is missing from a postal address, as `(part, message)` with `part` one of `street`,
/// `city`, `state`, `postalCode`, `country`. The name is the caller's to check.
pub fn address_problems(
    street: &str,
    city: &str,
    state: &str,
    postal_code: &str,
    country: &str,
) -> Vec<(&'static str, &'static str)> {
    [
        ("street", street, "Enter the street address."),
        ("city", city, "Enter the city."),
        ("state", state, "Enter the state or province."),
        ("postalCode", postal_code, "Enter the postal code."),
        ("country", country, "Enter the country."),
    ]
    .into_iter()
    .filter(|(_, value, _)| value.trim().is_empty())
    .map(|(part, _, message)| (part, message))
    .collect()
}
