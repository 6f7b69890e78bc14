//! The detail views' index: every license, phone and number joined with its holder once, the
//! lowercase text a search looks in, and for each column every item in sorted order. A query
//! walks one order, testing the type and filters, and clones the items of its page only.

use super::items::{inventory_items, sort_key, InventoryItem, ItemSort, ItemsQuery};
use super::InventoryType;
use crate::account::AccountData;
use crate::sorted_index::{page_of, search_text, sorted_positions, Search};
use crate::users_query::Page;

/// The index of one account's inventory.
#[derive(Clone, Debug)]
pub struct ItemsIndex {
    /// Every item of every type, in [`InventoryType::ALL`] and inventory order.
    items: Vec<InventoryItem>,
    /// Per item: the lowercase label, holder, email and number, as one search text.
    haystacks: Vec<String>,
    /// Per column of [`ItemSort::ALL`], positions in `items` ascending by (sort key, type, id);
    /// descending is the same order read backwards.
    orders: Vec<Vec<u32>>,
}

impl ItemsIndex {
    /// Indexes the inventory of `data`.
    pub fn build(data: &AccountData) -> Self {
        let items: Vec<InventoryItem> = InventoryType::ALL
            .into_iter()
            .flat_map(|k| inventory_items(data, k))
            .collect();
        let haystacks = items
            .iter()
            .map(|i| {
                search_text(&[&i.label, &i.assignee, &i.email, &i.number].map(|f| f.to_lowercase()))
            })
            .collect();
        let orders = ItemSort::ALL
            .iter()
            .map(|&sort| {
                sorted_positions(
                    items
                        .iter()
                        .map(|i| (sort_key(sort, i), i.kind, i.id.as_str())),
                )
            })
            .collect();
        Self {
            items,
            haystacks,
            orders,
        }
    }

    /// One page of the items of `kind` (every type when `None`) that pass `q`.
    pub fn list(&self, kind: Option<InventoryType>, q: &ItemsQuery) -> Page<InventoryItem> {
        let needle = q.search.to_lowercase();
        let search = Search::new(&needle);
        let column = ItemSort::ALL
            .iter()
            .position(|s| *s == q.sort)
            .expect("every column is indexed");
        let (on_page, total) = page_of(
            &self.orders[column],
            q.descending,
            q.page,
            q.per_page,
            |at| {
                let item = &self.items[at];
                if kind.is_some_and(|k| item.kind != k) {
                    return false;
                }
                if search.spans_fields() {
                    return q.matches(item);
                }
                q.site_id.as_ref().is_none_or(|s| &item.site_id == s)
                    && q.cost_center_id
                        .as_ref()
                        .is_none_or(|c| &item.cost_center_id == c)
                    && q.state.is_none_or(|s| item.state == s)
                    && (!q.user_level || item.kind.is_user_level())
                    && (search.is_empty() || search.finds(&self.haystacks[at]))
            },
        );
        Page {
            items: on_page
                .into_iter()
                .map(|at| self.items[at].clone())
                .collect(),
            total,
            page: q.page,
            per_page: q.per_page,
        }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::super::items::{matching_items, ItemState};
    use super::*;
    use crate::seed::{generate, Dataset};
    use crate::users_query::PER_PAGE_OPTIONS;

    /// The page as it was answered before the index: every item built, filtered and sorted.
    fn unindexed(
        data: &AccountData,
        kind: Option<InventoryType>,
        q: &ItemsQuery,
    ) -> Page<InventoryItem> {
        let items = matching_items(data, kind, q);
        let start = ((q.page.max(1) - 1) as usize).saturating_mul(q.per_page as usize);
        Page {
            total: items.len() as u32,
            items: items
                .into_iter()
                .skip(start)
                .take(q.per_page as usize)
                .collect(),
            page: q.page,
            per_page: q.per_page,
        }
    }

    fn text() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            prop_oneof![
                4 => proptest::char::range('a', 'f'),
                1 => prop_oneof![Just('Σ'), Just('İ'), Just('4'), Just(' '), Just('\0'), Just('+')],
            ],
            0..5,
        )
        .prop_map(|chars| chars.into_iter().collect())
    }

    /// The standard seed with holders renamed to generated text and licenses moved.
    fn account() -> impl Strategy<Value = AccountData> {
        let data = generate(Dataset::Standard);
        let (users, licenses) = (data.users.len(), data.licenses.len());
        (
            proptest::collection::vec((0..users, text()), 0..15),
            proptest::collection::vec((0..licenses, proptest::option::of(0..users)), 0..15),
        )
            .prop_map(move |(renames, moves)| {
                let mut data = data.clone();
                for (at, name) in renames {
                    data.users[at].last_name = name;
                }
                for (at, to) in moves {
                    data.licenses[at].assignee = to.map(|u| data.users[u].id);
                }
                data
            })
    }

    fn query(data: &AccountData) -> impl Strategy<Value = (Option<InventoryType>, ItemsQuery)> {
        let sites: Vec<String> = data.sites.iter().map(|s| s.id.clone()).collect();
        let centers: Vec<String> = data.cost_centers.iter().map(|c| c.id.clone()).collect();
        let names: Vec<String> = data.users.iter().map(|u| u.last_name.clone()).collect();
        (
            proptest::option::of(proptest::sample::select(InventoryType::ALL.to_vec())),
            prop_oneof![Just(String::new()), text(), proptest::sample::select(names)],
            proptest::option::of(proptest::sample::select(sites)),
            proptest::option::of(proptest::sample::select(centers)),
            proptest::option::of(prop_oneof![
                Just(ItemState::InUse),
                Just(ItemState::Available)
            ]),
            any::<bool>(),
            proptest::sample::select(ItemSort::ALL.to_vec()),
            any::<bool>(),
            1u32..5,
            proptest::sample::select(PER_PAGE_OPTIONS.to_vec()),
        )
            .prop_map(
                |(
                    kind,
                    search,
                    site_id,
                    cost_center_id,
                    state,
                    user_level,
                    sort,
                    descending,
                    page,
                    per_page,
                )| {
                    let q = ItemsQuery {
                        search,
                        site_id,
                        cost_center_id,
                        state,
                        user_level,
                        sort,
                        descending,
                        page,
                        per_page,
                    };
                    (kind, q)
                },
            )
    }

    #[test]
    fn a_search_holding_the_separator_is_answered_field_by_field() {
        let mut data = generate(Dataset::Standard);
        let holder = data.licenses.iter().find_map(|l| l.assignee).unwrap();
        let user = data.users.iter_mut().find(|u| u.id == holder).unwrap();
        user.last_name = "Ab\0cd".into();
        let q = ItemsQuery {
            search: "b\0c".into(),
            ..ItemsQuery::default()
        };
        let page = ItemsIndex::build(&data).list(None, &q);
        assert!(page.total >= 1);
        assert!(page.items.iter().all(|i| i.assignee_id == Some(holder)));
        assert_eq!(page, unindexed(&data, None, &q));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]

        #[test]
        fn the_index_answers_every_detail_view_as_the_unindexed_list_does(
            (data, queries) in account().prop_flat_map(|data| {
                let queries = proptest::collection::vec(query(&data), 12);
                (Just(data), queries)
            })
        ) {
            let index = ItemsIndex::build(&data);
            for (kind, q) in &queries {
                prop_assert_eq!(index.list(*kind, q), unindexed(&data, *kind, q), "{:?} {:?}", kind, q);
            }
        }
    }
}
