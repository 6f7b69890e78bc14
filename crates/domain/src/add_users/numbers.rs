//! New numbers for sale: states and provinces, their area codes, and the numbers on offer in
//! each (deterministic, so the browser, the sandbox and the server offer the same ones).

use super::view::AccountView;

/// States and provinces with numbers on offer: `(code, name, area codes)`.
pub const STATES: &[(&str, &str, &[&str])] = &[
    ("CA", "California", &["415", "510", "650", "408"]),
    ("TX", "Texas", &["512", "214", "713"]),
    ("NY", "New York", &["212", "646", "718"]),
    ("WA", "Washington", &["206", "425"]),
    ("ON", "Ontario", &["416", "647", "905"]),
    ("BC", "British Columbia", &["604", "778"]),
];

/// How many numbers are offered per area code.
const OFFERED: u32 = 12;

/// The area codes of a state or province (empty for an unknown one).
pub fn area_codes(state: &str) -> &'static [&'static str] {
    STATES
        .iter()
        .find(|(code, ..)| *code == state)
        .map(|(_, _, codes)| *codes)
        .unwrap_or(&[])
}

/// The numbers that can be bought in an area code, minus those the account already owns.
pub fn numbers_for_sale(state: &str, area_code: &str, data: &dyn AccountView) -> Vec<String> {
    if !area_codes(state).contains(&area_code) {
        return Vec::new();
    }
    let seed: u32 = area_code.parse().unwrap_or(0);
    (0..OFFERED)
        .map(|i| {
            format!(
                "+1{area_code}{:07}",
                2_010_000 + (seed * 37 + i * 1_117) % 7_000_000
            )
        })
        .filter(|e164| !data.owns_number(e164))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::seed::{generate, Dataset};

    #[test]
    fn each_area_code_offers_distinct_well_formed_numbers() {
        let data = generate(Dataset::Standard);
        for (state, _, codes) in STATES {
            for code in *codes {
                let offered = numbers_for_sale(state, code, &data);
                assert_eq!(offered.len(), OFFERED as usize, "{state} {code}");
                let unique: std::collections::HashSet<_> = offered.iter().collect();
                assert_eq!(unique.len(), offered.len());
                assert!(offered
                    .iter()
                    .all(|n| n.len() == 12 && n.starts_with(&format!("+1{code}"))));
            }
        }
        assert!(
            numbers_for_sale("CA", "512", &data).is_empty(),
            "area code of another state"
        );
        assert!(area_codes("ZZ").is_empty());
    }
}
