//! The Users list query (search, filters, sort, paging) shared by the URL, the API parameters,
//! the sandbox and the server, and the rows it returns.

use serde::{Deserialize, Serialize};

use crate::error::FieldError;
use crate::users::{User, UserStatus, UserType};

/// Page sizes the list offers; anything else is refused.
pub const PER_PAGE_OPTIONS: [u32; 5] = [25, 50, 100, 500, 1000];
pub const DEFAULT_PER_PAGE: u32 = 50;
/// Longest search text accepted.
pub const MAX_SEARCH_LEN: usize = 100;

/// Columns the list can be sorted by.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "kebab-case")]
#[derive(strum::IntoStaticStr, strum::EnumString)]
#[strum(serialize_all = "kebab-case")]
pub enum SortKey {
    #[default]
    Name,
    Extension,
    Email,
    Type,
    Site,
    CostCenter,
    Licenses,
    Status,
}

impl SortKey {
    pub const ALL: [SortKey; 8] = [
        Self::Name,
        Self::Extension,
        Self::Email,
        Self::Type,
        Self::Site,
        Self::CostCenter,
        Self::Licenses,
        Self::Status,
    ];

    pub fn slug(self) -> &'static str {
        self.into()
    }

    pub fn from_slug(slug: &str) -> Option<Self> {
        slug.parse().ok()
    }
}

/// What the admin asked the Users list for. Serialised into the URL and the API query string
/// with [`UsersQuery::to_pairs`]; read back with [`UsersQuery::parse`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UsersQuery {
    /// Case-insensitive text matched against name, email and extension.
    pub search: String,
    pub user_type: Option<UserType>,
    pub site_id: Option<String>,
    pub cost_center_id: Option<String>,
    pub status: Option<UserStatus>,
    pub sort: SortKey,
    pub descending: bool,
    /// 1-based.
    pub page: u32,
    pub per_page: u32,
}

impl Default for UsersQuery {
    fn default() -> Self {
        Self {
            search: String::new(),
            user_type: None,
            site_id: None,
            cost_center_id: None,
            status: None,
            sort: SortKey::Name,
            descending: false,
            page: 1,
            per_page: DEFAULT_PER_PAGE,
        }
    }
}

impl UsersQuery {
    /// Reads a query from `key=value` pairs. Invalid values fall back to their default and are
    /// reported as field errors, so a stale link still opens and the caller can say what was
    /// ignored (the server answers 400 instead).
    pub fn parse<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> (Self, Vec<FieldError>) {
        let mut q = Self::default();
        let errors = read_pairs(pairs, |key, value, bad| match key {
            "type" => match UserType::from_slug(value) {
                Some(t) => q.user_type = Some(t),
                None => bad("type", format!("\"{value}\" is not a user type.")),
            },
            "site" => q.site_id = Some(value.to_owned()),
            "costCenter" => q.cost_center_id = Some(value.to_owned()),
            "status" => match UserStatus::from_slug(value) {
                Some(s) => q.status = Some(s),
                None => bad("status", format!("\"{value}\" is not a user status.")),
            },
            "sort" => match parse_sort(value, SortKey::from_slug) {
                Ok(sort) => (q.sort, q.descending) = sort,
                Err(message) => bad("sort", message),
            },
            _ => parse_shared(key, value, &mut q.search, &mut q.page, &mut q.per_page, bad),
        });
        (q, errors)
    }

    /// The non-default parts as `key=value` pairs, in a fixed order (for URLs and API calls).
    pub fn to_pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = Vec::new();
        if !self.search.is_empty() {
            pairs.push(("q", self.search.clone()));
        }
        if let Some(t) = self.user_type {
            pairs.push(("type", t.slug().to_owned()));
        }
        if let Some(s) = &self.site_id {
            pairs.push(("site", s.clone()));
        }
        if let Some(c) = &self.cost_center_id {
            pairs.push(("costCenter", c.clone()));
        }
        if let Some(s) = self.status {
            pairs.push(("status", s.slug().to_owned()));
        }
        if self.sort != SortKey::Name || self.descending {
            pairs.push(("sort", sort_pair(self.sort.slug(), self.descending)));
        }
        paging_pairs(self.page, self.per_page, &mut pairs);
        pairs
    }

    /// True when any search or filter narrows the list.
    pub fn is_filtered(&self) -> bool {
        !self.search.is_empty()
            || self.user_type.is_some()
            || self.site_id.is_some()
            || self.cost_center_id.is_some()
            || self.status.is_some()
    }

    /// The same query without search and filters (sort and page size kept).
    pub fn cleared(&self) -> Self {
        Self {
            sort: self.sort,
            descending: self.descending,
            per_page: self.per_page,
            ..Self::default()
        }
    }
}

/// Calls `read` with each `key=value` pair whose value isn't blank (trimmed) and a way to
/// report a bad value; returns the reports as field errors.
pub(crate) fn read_pairs<'a>(
    pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
    mut read: impl FnMut(&str, &str, &mut dyn FnMut(&str, String)),
) -> Vec<FieldError> {
    let mut errors = Vec::new();
    let mut bad = |field: &str, message: String| errors.push(FieldError::new(field, message));
    for (key, value) in pairs {
        let value = value.trim();
        if !value.is_empty() {
            read(key, value, &mut bad);
        }
    }
    errors
}

/// Reads the keys every list shares: `q` (search), `page` and `perPage`. Others are ignored.
pub(crate) fn parse_shared(
    key: &str,
    value: &str,
    search: &mut String,
    page: &mut u32,
    per_page: &mut u32,
    bad: &mut dyn FnMut(&str, String),
) {
    match key {
        "q" if value.chars().count() > MAX_SEARCH_LEN => bad(
            "q",
            format!("Search text is limited to {MAX_SEARCH_LEN} characters."),
        ),
        "q" => *search = value.to_owned(),
        "page" => match value.parse::<u32>() {
            Ok(p) if p >= 1 => *page = p,
            _ => bad("page", "Page must be a whole number from 1.".into()),
        },
        "perPage" => match value.parse::<u32>() {
            Ok(n) if PER_PAGE_OPTIONS.contains(&n) => *per_page = n,
            _ => bad(
                "perPage",
                format!("Rows per page must be one of {PER_PAGE_OPTIONS:?}."),
            ),
        },
        _ => {}
    }
}

/// Reads `sort=name` or `sort=-name` (descending) with the list's own column names.
pub(crate) fn parse_sort<K>(
    value: &str,
    column: fn(&str) -> Option<K>,
) -> Result<(K, bool), String> {
    let (slug, descending) = match value.strip_prefix('-') {
        Some(rest) => (rest, true),
        None => (value, false),
    };
    column(slug)
        .map(|k| (k, descending))
        .ok_or_else(|| format!("\"{slug}\" is not a column to sort by."))
}

/// `name` or `-name`.
pub(crate) fn sort_pair(slug: &str, descending: bool) -> String {
    format!("{}{slug}", if descending { "-" } else { "" })
}

/// `page` and `perPage` when not the defaults.
pub(crate) fn paging_pairs(page: u32, per_page: u32, pairs: &mut Vec<(&'static str, String)>) {
    if page != 1 {
        pairs.push(("page", page.to_string()));
    }
    if per_page != DEFAULT_PER_PAGE {
        pairs.push(("perPage", per_page.to_string()));
    }
}

/// One page of a list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Page<T> {
    pub items: Vec<T>,
    /// How many items match in all pages.
    pub total: u32,
    pub page: u32,
    pub per_page: u32,
}

impl<T> Page<T> {
    /// Number of pages (at least 1, so an empty list still has page 1).
    pub fn page_count(&self) -> u32 {
        self.total.div_ceil(self.per_page.max(1)).max(1)
    }
}

/// A row of the Users list: the user joined with names of site, cost center and licenses.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct UserRow {
    pub id: u32,
    pub mailbox_id: u64,
    pub name: String,
    pub email: String,
    pub extension: String,
    pub user_type: UserType,
    pub site_id: String,
    pub site_name: String,
    pub cost_center_id: String,
    pub cost_center_name: String,
    /// License labels, user license first, then add-ons.
    pub licenses: Vec<String>,
    pub status: UserStatus,
    pub version: u32,
    /// When the last welcome email went out, while the user has not activated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invited_at: Option<u64>,
    /// When a scheduled welcome email goes out, until it has gone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invite_at: Option<u64>,
}

/// True when `u`'s extension, email, first, last or full name holds `lower_needle` (lowercase),
/// ignoring case.
pub fn search_matches(u: &User, lower_needle: &str) -> bool {
    u.extension.contains(lower_needle)
        || contains_ci(&u.email, lower_needle)
        || contains_ci(&u.first_name, lower_needle)
        || contains_ci(&u.last_name, lower_needle)
        || contains_ci(&u.full_name(), lower_needle)
}

fn contains_ci(haystack: &str, lower_needle: &str) -> bool {
    haystack.to_lowercase().contains(lower_needle)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::indexed::IndexedAccount;
    use crate::seed::{generate, Dataset};

    fn query(pairs: &[(&str, &str)]) -> UsersQuery {
        let (q, errors) = UsersQuery::parse(pairs.iter().copied());
        assert!(errors.is_empty(), "{errors:?}");
        q
    }

    #[test]
    fn default_query_serialises_to_nothing_and_round_trips() {
        assert!(UsersQuery::default().to_pairs().is_empty());
        let q = query(&[
            ("q", "ann"),
            ("type", "mobile"),
            ("site", "site-2"),
            ("costCenter", "cc-1"),
            ("status", "disabled"),
            ("sort", "-extension"),
            ("page", "3"),
            ("perPage", "100"),
        ]);
        let pairs = q.to_pairs();
        let back = query(
            &pairs
                .iter()
                .map(|(k, v)| (*k, v.as_str()))
                .collect::<Vec<_>>(),
        );
        assert_eq!(back, q);
        assert!(q.descending && q.sort == SortKey::Extension);
    }

    #[test]
    fn invalid_values_fall_back_and_are_reported_per_field() {
        let (q, errors) = UsersQuery::parse([
            ("type", "robot"),
            ("sort", "salary"),
            ("page", "0"),
            ("perPage", "7"),
            ("status", "asleep"),
        ]);
        assert_eq!(q, UsersQuery::default());
        let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["type", "sort", "page", "perPage", "status"]);
        let long = "x".repeat(MAX_SEARCH_LEN + 1);
        assert_eq!(UsersQuery::parse([("q", long.as_str())]).1[0].field, "q");
    }

    #[test]
    fn search_matches_name_email_and_extension_case_insensitively() {
        let data = IndexedAccount::new(generate(Dataset::Standard));
        let first = &data.users[0];
        for needle in [
            first.last_name.to_uppercase(),
            first.email.clone(),
            first.extension.clone(),
            first.full_name().to_lowercase(),
        ] {
            let page = data.list_users(&query(&[("q", &needle)]));
            assert!(page.items.iter().any(|r| r.id == first.id), "{needle}");
            assert!(page.total < data.users.len() as u32);
        }
        assert_eq!(data.list_users(&query(&[("q", "zzzz-no-such")])).total, 0);
    }

    #[test]
    fn filters_combine_and_total_counts_all_pages() {
        let data = IndexedAccount::new(generate(Dataset::Standard));
        let q = query(&[
            ("type", "office"),
            ("site", &data.sites[1].id),
            ("perPage", "25"),
        ]);
        let page = data.list_users(&q);
        let expected = data
            .users
            .iter()
            .filter(|u| u.user_type == UserType::Office && u.site_id == data.sites[1].id)
            .count() as u32;
        assert!(expected > 0);
        assert_eq!(page.total, expected);
        assert!(page
            .items
            .iter()
            .all(|r| r.user_type == UserType::Office && r.site_id == data.sites[1].id));
    }

    #[test]
    fn sorting_orders_by_column_both_ways_with_stable_ties() {
        let data = IndexedAccount::new(generate(Dataset::Standard));
        let asc = data.list_users(&query(&[("sort", "extension"), ("perPage", "500")]));
        let exts: Vec<u32> = asc
            .items
            .iter()
            .map(|r| r.extension.parse().unwrap())
            .collect();
        assert!(exts.windows(2).all(|w| w[0] < w[1]));
        let desc = data.list_users(&query(&[("sort", "-name"), ("perPage", "500")]));
        let names: Vec<String> = desc.items.iter().map(|r| r.name.to_lowercase()).collect();
        assert!(names.windows(2).all(|w| w[0] >= w[1]));
        for key in SortKey::ALL {
            let a = data.list_users(&UsersQuery {
                sort: key,
                ..UsersQuery::default()
            });
            let b = data.list_users(&UsersQuery {
                sort: key,
                ..UsersQuery::default()
            });
            assert_eq!(a, b, "sort by {key:?} is deterministic");
        }
    }

    #[test]
    fn extensions_sort_numerically_across_lengths() {
        let data = IndexedAccount::new(generate(Dataset::Large));
        let desc = data.list_users(&query(&[("sort", "-extension"), ("perPage", "25")]));
        assert_eq!(desc.items[0].extension, "11000");
        let asc = data.list_users(&query(&[("sort", "extension"), ("perPage", "25")]));
        assert_eq!(asc.items[0].extension, "1001");
    }

    #[test]
    fn pages_put_together_are_the_whole_sorted_list_for_every_column() {
        let data = IndexedAccount::new(generate(Dataset::Standard));
        for key in SortKey::ALL {
            for descending in [false, true] {
                let q = |page: u32, per_page: u32| UsersQuery {
                    sort: key,
                    descending,
                    page,
                    per_page,
                    ..UsersQuery::default()
                };
                let whole = data.list_users(&q(1, 500)).items;
                assert_eq!(whole.len(), data.users.len());
                let stitched: Vec<UserRow> = (1..=5)
                    .flat_map(|page| data.list_users(&q(page, 25)).items)
                    .collect();
                assert_eq!(stitched, whole, "{key:?} descending={descending}");
            }
        }
    }

    #[test]
    fn paging_slices_and_counts_pages() {
        let data = IndexedAccount::new(generate(Dataset::Standard));
        let total = data.users.len() as u32;
        let p1 = data.list_users(&query(&[("perPage", "25")]));
        let p2 = data.list_users(&query(&[("perPage", "25"), ("page", "2")]));
        assert_eq!(p1.items.len(), 25);
        assert_eq!(p1.page_count(), total.div_ceil(25));
        assert!(p1
            .items
            .iter()
            .all(|a| p2.items.iter().all(|b| a.id != b.id)));
        let past = data.list_users(&query(&[("page", "99")]));
        assert!(past.items.is_empty() && past.total == total);
    }

    #[test]
    fn rows_carry_site_cost_center_and_license_names() {
        let data = IndexedAccount::new(generate(Dataset::Standard));
        let page = data.list_users(&query(&[("type", "office"), ("perPage", "500")]));
        assert!(page
            .items
            .iter()
            .all(|r| r.licenses.first().map(String::as_str) == Some("Office")));
        assert!(page
            .items
            .iter()
            .all(|r| !r.site_name.is_empty() && !r.cost_center_name.is_empty()));
        let video = data.list_users(&query(&[("type", "video-pro")]));
        assert!(video.items.iter().all(|r| r.licenses.is_empty()));
    }
}
