//! The Users list's index: for each user the lowercase text a search looks in and the license
//! labels, and for each column every user in sorted order. A query then walks one order once,
//! testing filters, and builds rows for its page only: no per-request lowercasing, formatting or
//! sorting of the whole account.

use std::collections::HashMap;

use crate::account::AccountData;
use crate::inventory::LicenseKind;
use crate::sorted_index::{page_of, search_text, sorted_positions, Search};
use crate::users::User;
use crate::users_query::{search_matches, Page, SortKey, UserRow, UsersQuery};

/// The index of one account's users, in the order of `AccountData::users`.
#[derive(Clone, Debug)]
pub struct UsersIndex {
    entries: Vec<Entry>,
    /// Per column of [`SortKey::ALL`], positions in `users` ascending by (sort key, id);
    /// descending is the same order read backwards.
    orders: Vec<Vec<u32>>,
}

#[derive(Clone, Debug)]
struct Entry {
    /// `extension`, then the lowercase email, first, last and full name: one search pass finds
    /// a match in any of them.
    haystack: String,
    /// License labels, user license first, then add-ons.
    licenses: Vec<String>,
}

impl UsersIndex {
    /// Indexes the users of `data`.
    pub fn build(data: &AccountData) -> Self {
        let mut kinds: HashMap<u32, Vec<LicenseKind>> = HashMap::new();
        for l in &data.licenses {
            if let Some(user) = l.assignee {
                kinds.entry(user).or_default().push(l.kind);
            }
        }
        let entries: Vec<Entry> = data
            .users
            .iter()
            .map(|u| {
                let mut held = kinds.remove(&u.id).unwrap_or_default();
                held.sort();
                Entry {
                    haystack: search_text(&[
                        u.extension.clone(),
                        u.email.to_lowercase(),
                        u.first_name.to_lowercase(),
                        u.last_name.to_lowercase(),
                        u.full_name().to_lowercase(),
                    ]),
                    licenses: held.iter().map(|k| k.label().to_owned()).collect(),
                }
            })
            .collect();
        let orders = SortKey::ALL
            .iter()
            .map(|&key| {
                sorted_positions(
                    data.users
                        .iter()
                        .zip(&entries)
                        .map(|(u, e)| (sort_key(data, key, u, e), u.id)),
                )
            })
            .collect();
        Self { entries, orders }
    }

    /// One page of the users of `data` (the account this index was built from) matching `q`.
    pub fn list(&self, data: &AccountData, q: &UsersQuery) -> Page<UserRow> {
        let needle = q.search.to_lowercase();
        let search = Search::new(&needle);
        let column = SortKey::ALL
            .iter()
            .position(|k| *k == q.sort)
            .expect("every sort key is indexed");
        let (on_page, total) = page_of(
            &self.orders[column],
            q.descending,
            q.page,
            q.per_page,
            |at| {
                let u = &data.users[at];
                q.user_type.is_none_or(|t| u.user_type == t)
                    && q.status.is_none_or(|s| u.status == s)
                    && q.site_id.as_ref().is_none_or(|s| &u.site_id == s)
                    && q.cost_center_id
                        .as_ref()
                        .is_none_or(|c| &u.cost_center_id == c)
                    && (search.is_empty()
                        || if search.spans_fields() {
                            search_matches(u, &needle)
                        } else {
                            search.finds(&self.entries[at].haystack)
                        })
            },
        );
        Page {
            items: on_page
                .into_iter()
                .map(|at| row_of(data, &data.users[at], self.entries[at].licenses.clone()))
                .collect(),
            total,
            page: q.page,
            per_page: q.per_page,
        }
    }
}

/// What the list sorts `u` by in column `key` (ties go by id).
fn sort_key(data: &AccountData, key: SortKey, u: &User, entry: &Entry) -> String {
    match key {
        SortKey::Name => u.full_name().to_lowercase(),
        SortKey::Extension => format!("{:0>12}", u.extension),
        SortKey::Email => u.email.to_lowercase(),
        SortKey::Type => u.user_type.label().to_owned(),
        SortKey::Site => site_name(data, &u.site_id).to_lowercase(),
        SortKey::CostCenter => cost_center_name(data, &u.cost_center_id).to_lowercase(),
        SortKey::Licenses => entry.licenses.join(", "),
        SortKey::Status => u.status.label().to_owned(),
    }
}

impl UsersIndex {
    /// The row of the user with `id` (a user's own page), if there is one.
    pub fn row(&self, data: &AccountData, id: u32) -> Option<UserRow> {
        let at = data.users.iter().position(|u| u.id == id)?;
        Some(row_of(
            data,
            &data.users[at],
            self.entries[at].licenses.clone(),
        ))
    }
}

/// The row the list shows for `u`, holding `licenses`.
pub(crate) fn row_of(data: &AccountData, u: &User, licenses: Vec<String>) -> UserRow {
    UserRow {
        id: u.id,
        mailbox_id: u.mailbox_id,
        name: u.full_name(),
        email: u.email.clone(),
        extension: u.extension.clone(),
        user_type: u.user_type,
        site_id: u.site_id.clone(),
        site_name: site_name(data, &u.site_id),
        cost_center_id: u.cost_center_id.clone(),
        cost_center_name: cost_center_name(data, &u.cost_center_id),
        licenses,
        status: u.status,
        version: u.version,
        invited_at: u.invited_at,
        invite_at: u.invite_at,
    }
}

fn site_name(data: &AccountData, id: &str) -> String {
    data.site(id).map(|s| s.name.clone()).unwrap_or_default()
}

fn cost_center_name(data: &AccountData, id: &str) -> String {
    data.cost_center(id)
        .map(|c| c.name.clone())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::seed::{generate, Dataset};
    use crate::users::{UserStatus, UserType};
    use crate::users_query::PER_PAGE_OPTIONS;

    /// The list as it was answered before the index: filter, key and sort every user per query.
    fn unindexed(data: &AccountData, q: &UsersQuery) -> Page<UserRow> {
        let needle = q.search.to_lowercase();
        let mut labels: HashMap<u32, Vec<LicenseKind>> = HashMap::new();
        for l in &data.licenses {
            if let Some(user) = l.assignee {
                labels.entry(user).or_default().push(l.kind);
            }
        }
        let licenses_of = |id: u32| -> Vec<String> {
            let mut kinds = labels.get(&id).cloned().unwrap_or_default();
            kinds.sort();
            kinds.iter().map(|k| k.label().to_owned()).collect()
        };
        let mut keyed: Vec<(String, u32, &User)> = data
            .users
            .iter()
            .filter(|u| {
                q.user_type.is_none_or(|t| u.user_type == t)
                    && q.status.is_none_or(|s| u.status == s)
                    && q.site_id.as_ref().is_none_or(|s| &u.site_id == s)
                    && q.cost_center_id
                        .as_ref()
                        .is_none_or(|c| &u.cost_center_id == c)
                    && (needle.is_empty() || search_matches(u, &needle))
            })
            .map(|u| {
                let key = match q.sort {
                    SortKey::Name => u.full_name().to_lowercase(),
                    SortKey::Extension => format!("{:0>12}", u.extension),
                    SortKey::Email => u.email.to_lowercase(),
                    SortKey::Type => u.user_type.label().to_owned(),
                    SortKey::Site => site_name(data, &u.site_id).to_lowercase(),
                    SortKey::CostCenter => cost_center_name(data, &u.cost_center_id).to_lowercase(),
                    SortKey::Licenses => licenses_of(u.id).join(", "),
                    SortKey::Status => u.status.label().to_owned(),
                };
                (key, u.id, u)
            })
            .collect();
        keyed.sort_by(|a, b| {
            let ascending = a.0.cmp(&b.0).then(a.1.cmp(&b.1));
            if q.descending {
                ascending.reverse()
            } else {
                ascending
            }
        });
        let total = keyed.len() as u32;
        let start = ((q.page.max(1) - 1) as usize).saturating_mul(q.per_page as usize);
        Page {
            items: keyed
                .into_iter()
                .skip(start)
                .take(q.per_page as usize)
                .map(|(_, _, u)| row_of(data, u, licenses_of(u.id)))
                .collect(),
            total,
            page: q.page,
            per_page: q.per_page,
        }
    }

    /// Text a search or a name may hold: plain letters, case pairs that lowercase unusually
    /// (final sigma, dotted I, ß), digits, the index's own separator and spaces.
    fn text() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            prop_oneof![
                4 => proptest::char::range('a', 'e'),
                2 => proptest::char::range('A', 'E'),
                1 => prop_oneof![
                    Just('Σ'), Just('σ'), Just('İ'), Just('ß'), Just('1'), Just(' '), Just('\0'),
                    Just('@'), Just('.')
                ],
            ],
            0..6,
        )
        .prop_map(|chars| chars.into_iter().collect())
    }

    fn query(data: &AccountData) -> impl Strategy<Value = UsersQuery> {
        let sites: Vec<String> = data.sites.iter().map(|s| s.id.clone()).collect();
        let centers: Vec<String> = data.cost_centers.iter().map(|c| c.id.clone()).collect();
        // Searches for names the account holds find users, generated ones (with the separator
        // among them) too.
        let names: Vec<String> = data
            .users
            .iter()
            .flat_map(|u| [u.first_name.clone(), u.last_name.clone()])
            .filter(|n| !n.is_empty())
            .collect();
        (
            prop_oneof![Just(String::new()), text(), proptest::sample::select(names)],
            proptest::option::of(proptest::sample::select(UserType::ALL.to_vec())),
            proptest::option::of(proptest::sample::select(sites)),
            proptest::option::of(proptest::sample::select(centers)),
            proptest::option::of(proptest::sample::select(UserStatus::ALL.to_vec())),
            proptest::sample::select(SortKey::ALL.to_vec()),
            any::<bool>(),
            1u32..6,
            proptest::sample::select(PER_PAGE_OPTIONS.to_vec()),
        )
            .prop_map(
                |(
                    search,
                    user_type,
                    site_id,
                    cost_center_id,
                    status,
                    sort,
                    descending,
                    page,
                    per_page,
                )| {
                    UsersQuery {
                        search,
                        user_type,
                        site_id,
                        cost_center_id,
                        status,
                        sort,
                        descending,
                        page,
                        per_page,
                    }
                },
            )
    }

    /// The standard seed with some users renamed to generated text and some licenses moved, so
    /// ties, odd case pairs and users without licenses all occur.
    fn account() -> impl Strategy<Value = AccountData> {
        let data = generate(Dataset::Standard);
        let users = data.users.len();
        let licenses = data.licenses.len();
        (
            proptest::collection::vec((0..users, text(), text()), 0..20),
            proptest::collection::vec((0..licenses, proptest::option::of(0..users)), 0..20),
        )
            .prop_map(move |(renames, moves)| {
                let mut data = data.clone();
                for (at, first, last) in renames {
                    data.users[at].first_name = first;
                    data.users[at].last_name = last;
                }
                for (at, to) in moves {
                    data.licenses[at].assignee = to.map(|u| data.users[u].id);
                }
                data
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn the_index_answers_every_query_as_the_unindexed_list_does(
            (data, queries) in account().prop_flat_map(|data| {
                let queries = proptest::collection::vec(query(&data), 16);
                (Just(data), queries)
            })
        ) {
            let index = UsersIndex::build(&data);
            for q in &queries {
                prop_assert_eq!(index.list(&data, q), unindexed(&data, q), "{:?}", q);
            }
        }
    }

    #[test]
    fn the_large_account_answers_as_the_unindexed_list_does() {
        let data = generate(Dataset::Large);
        let index = UsersIndex::build(&data);
        for pairs in [
            &[][..],
            &[("q", "chen")],
            &[
                ("type", "office"),
                ("site", "site-2"),
                ("sort", "-extension"),
            ],
            &[("perPage", "1000"), ("page", "3")],
            &[("sort", "licenses"), ("perPage", "100"), ("page", "7")],
        ] {
            let (q, errors) = UsersQuery::parse(pairs.iter().copied());
            assert!(errors.is_empty());
            assert_eq!(index.list(&data, &q), unindexed(&data, &q), "{q:?}");
        }
    }
}
