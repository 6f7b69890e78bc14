//! The detail view of one inventory type (or of every type, for the Download list): each
//! license, phone or number with who holds it, searched, filtered, sorted and paged by
//! [`ItemsQuery`] (which also lives in the URL).

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::InventoryType;
use crate::account::AccountData;
use crate::error::{ApiError, FieldError};
use crate::users::User;
use crate::users_query::{
    paging_pairs, parse_shared, parse_sort, read_pairs, sort_pair, DEFAULT_PER_PAGE,
};

/// One license, phone or number, joined with its holder.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct InventoryItem {
    pub kind: InventoryType,
    /// License id, phone id, or the number itself.
    pub id: String,
    /// What it is: "Large Meetings", "Poly VVX 450 · 00:04:F2:…", "+14155550123".
    pub label: String,
    pub assignee_id: Option<u32>,
    pub assignee: String,
    /// The holder's direct number (or the number itself).
    pub number: String,
    pub email: String,
    pub site_id: String,
    pub site: String,
    pub cost_center_id: String,
    pub cost_center: String,
    pub state: ItemState,
}

impl InventoryItem {
    /// Unique across every type: `<type slug>/<id>`.
    pub fn key(&self) -> String {
        format!("{}/{}", self.kind.slug(), self.id)
    }
}

/// Whether an item is held.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "kebab-case")]
#[derive(strum::IntoStaticStr, strum::EnumString)]
#[strum(serialize_all = "kebab-case")]
pub enum ItemState {
    InUse,
    Available,
}

impl ItemState {
    pub const ALL: [ItemState; 2] = [Self::InUse, Self::Available];

    pub fn label(self) -> &'static str {
        match self {
            Self::InUse => "In use",
            Self::Available => "Available",
        }
    }

    pub fn slug(self) -> &'static str {
        self.into()
    }

    pub fn from_slug(slug: &str) -> Option<Self> {
        slug.parse().ok()
    }
}

/// Columns of the detail view.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, strum::IntoStaticStr, strum::EnumString)]
#[strum(serialize_all = "kebab-case")]
pub enum ItemSort {
    #[default]
    Item,
    Assignee,
    Number,
    Email,
    Site,
    CostCenter,
    State,
}

impl ItemSort {
    pub const ALL: [ItemSort; 7] = [
        Self::Item,
        Self::Assignee,
        Self::Number,
        Self::Email,
        Self::Site,
        Self::CostCenter,
        Self::State,
    ];

    pub fn slug(self) -> &'static str {
        self.into()
    }

    pub fn from_slug(slug: &str) -> Option<Self> {
        slug.parse().ok()
    }
}

/// Search, filters, sort and page of a detail view.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ItemsQuery {
    /// Matched against the item, the holder's name and email, and the number.
    pub search: String,
    pub site_id: Option<String>,
    pub cost_center_id: Option<String>,
    pub state: Option<ItemState>,
    /// Only user level licenses (no add-ons, phones or numbers).
    pub user_level: bool,
    pub sort: ItemSort,
    pub descending: bool,
    pub page: u32,
    pub per_page: u32,
}

impl Default for ItemsQuery {
    fn default() -> Self {
        Self {
            search: String::new(),
            site_id: None,
            cost_center_id: None,
            state: None,
            user_level: false,
            sort: ItemSort::Item,
            descending: false,
            page: 1,
            per_page: DEFAULT_PER_PAGE,
        }
    }
}

impl ItemsQuery {
    /// Reads a query from `key=value` pairs; bad values fall back and are reported.
    pub fn parse<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> (Self, Vec<FieldError>) {
        let mut q = Self::default();
        let errors = read_pairs(pairs, |key, value, bad| match key {
            "site" => q.site_id = Some(value.to_owned()),
            "costCenter" => q.cost_center_id = Some(value.to_owned()),
            "state" => match ItemState::from_slug(value) {
                Some(s) => q.state = Some(s),
                None => bad("state", format!("\"{value}\" is not a state.")),
            },
            "userLevel" => match value {
                "true" => q.user_level = true,
                "false" => q.user_level = false,
                _ => bad("userLevel", format!("\"{value}\" is not true or false.")),
            },
            "sort" => match parse_sort(value, ItemSort::from_slug) {
                Ok(sort) => (q.sort, q.descending) = sort,
                Err(message) => bad("sort", message),
            },
            _ => parse_shared(key, value, &mut q.search, &mut q.page, &mut q.per_page, bad),
        });
        (q, errors)
    }

    /// The non-default parts as `key=value` pairs.
    pub fn to_pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = Vec::new();
        if !self.search.is_empty() {
            pairs.push(("q", self.search.clone()));
        }
        if let Some(s) = &self.site_id {
            pairs.push(("site", s.clone()));
        }
        if let Some(c) = &self.cost_center_id {
            pairs.push(("costCenter", c.clone()));
        }
        if let Some(s) = self.state {
            pairs.push(("state", s.slug().to_owned()));
        }
        if self.user_level {
            pairs.push(("userLevel", "true".to_owned()));
        }
        if self.sort != ItemSort::Item || self.descending {
            pairs.push(("sort", sort_pair(self.sort.slug(), self.descending)));
        }
        paging_pairs(self.page, self.per_page, &mut pairs);
        pairs
    }

    /// Whether an item passes the search and filters (not the paging).
    pub fn matches(&self, item: &InventoryItem) -> bool {
        let needle = self.search.to_lowercase();
        self.site_id.as_ref().is_none_or(|s| &item.site_id == s)
            && self
                .cost_center_id
                .as_ref()
                .is_none_or(|c| &item.cost_center_id == c)
            && self.state.is_none_or(|s| item.state == s)
            && (!self.user_level || item.kind.is_user_level())
            && (needle.is_empty()
                || [&item.label, &item.assignee, &item.email, &item.number]
                    .iter()
                    .any(|f| f.to_lowercase().contains(&needle)))
    }
}

/// The types a detail path names: one type's slug, or `all` for every type (the Download list).
pub fn items_scope(slug: &str) -> Result<Option<InventoryType>, ApiError> {
    if slug == "all" {
        return Ok(None);
    }
    InventoryType::from_slug(slug)
        .map(Some)
        .ok_or_else(|| ApiError::not_found(format!("No inventory type \"{slug}\".")))
}

/// Every item of a type, in inventory order.
pub fn inventory_items(data: &AccountData, kind: InventoryType) -> Vec<InventoryItem> {
    let users: HashMap<u32, &User> = data.users.iter().map(|u| (u.id, u)).collect();
    let mut direct_number: HashMap<u32, &str> = HashMap::new();
    for n in &data.numbers {
        if let Some(id) = n.assignee {
            direct_number.entry(id).or_insert(&n.e164);
        }
    }
    let site = |id: &str| data.site(id).map(|s| s.name.clone()).unwrap_or_default();
    let cost_center = |id: &str| {
        data.cost_center(id)
            .map(|c| c.name.clone())
            .unwrap_or_default()
    };
    // The holder's name, email, number, site and cost center.
    let item = |id: String,
                label: String,
                holder: Option<u32>,
                site_id: Option<&str>,
                cc: Option<&str>| {
        let user = holder.and_then(|h| users.get(&h));
        let site_id = site_id
            .or(user.map(|u| u.site_id.as_str()))
            .unwrap_or_default()
            .to_owned();
        let cost_center_id = cc
            .or(user.map(|u| u.cost_center_id.as_str()))
            .unwrap_or_default()
            .to_owned();
        InventoryItem {
            kind,
            id,
            label,
            assignee_id: holder,
            assignee: user.map(|u| u.full_name()).unwrap_or_default(),
            number: holder
                .and_then(|h| direct_number.get(&h))
                .map(|n| (*n).to_owned())
                .unwrap_or_default(),
            email: user.map(|u| u.email.clone()).unwrap_or_default(),
            site: site(&site_id),
            site_id,
            cost_center: cost_center(&cost_center_id),
            cost_center_id,
            state: if holder.is_some() {
                ItemState::InUse
            } else {
                ItemState::Available
            },
        }
    };
    match (kind.license(), kind.number()) {
        (Some(license), _) => data
            .licenses
            .iter()
            .filter(|l| l.kind == license)
            .map(|l| {
                item(
                    l.id.clone(),
                    license.label().to_owned(),
                    l.assignee,
                    None,
                    Some(&l.cost_center_id),
                )
            })
            .collect(),
        (_, Some(number)) => data
            .numbers
            .iter()
            .filter(|n| n.kind == number)
            .map(|n| {
                let mut it = item(
                    n.e164.clone(),
                    n.e164.clone(),
                    n.assignee,
                    Some(&n.site_id),
                    None,
                );
                it.number.clone_from(&n.e164);
                it
            })
            .collect(),
        _ => data
            .phones
            .iter()
            .map(|p| {
                item(
                    p.id.clone(),
                    format!("{} · {}", p.model, p.mac),
                    p.assignee,
                    Some(&p.site_id),
                    None,
                )
            })
            .collect(),
    }
}

/// Every item of `kind` (of every type when `None`) that passes the query's search and
/// filters, sorted (ties by type and id, so pages are stable); not paged.
pub fn matching_items(
    data: &AccountData,
    kind: Option<InventoryType>,
    q: &ItemsQuery,
) -> Vec<InventoryItem> {
    let kinds = kind.map_or(InventoryType::ALL.to_vec(), |k| vec![k]);
    let mut items: Vec<InventoryItem> = kinds
        .into_iter()
        .flat_map(|k| inventory_items(data, k))
        .filter(|i| q.matches(i))
        .collect();
    items.sort_by_cached_key(|i| (sort_key(q.sort, i), i.kind, i.id.clone()));
    if q.descending {
        items.reverse();
    }
    items
}

/// What the detail view sorts `item` by in column `sort` (ties go by type and id).
pub(super) fn sort_key(sort: ItemSort, item: &InventoryItem) -> String {
    match sort {
        ItemSort::Item => item.label.to_lowercase(),
        ItemSort::Assignee => item.assignee.to_lowercase(),
        ItemSort::Number => item.number.clone(),
        ItemSort::Email => item.email.to_lowercase(),
        ItemSort::Site => item.site.to_lowercase(),
        ItemSort::CostCenter => item.cost_center.to_lowercase(),
        ItemSort::State => item.state.label().to_owned(),
    }
}
