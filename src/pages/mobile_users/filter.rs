//! What the Mobile users list shows, kept in the URL: only the users charged this cycle
//! (`charged=1`), and those whose name, email or extension holds the search (`q`).

use domain::mobile::MobileUser;
use domain::users_query::search_matches;
use leptos_router::params::ParamsMap;

use crate::routes::AppRoute;

/// The list's filter.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MobileFilter {
    pub only_charged: bool,
    /// As typed.
    pub q: String,
}

impl MobileFilter {
    /// The filter an address holds.
    pub fn of(params: &ParamsMap) -> Self {
        Self {
            only_charged: params.get("charged").as_deref() == Some("1"),
            q: params.get("q").unwrap_or_default(),
        }
    }

    /// Whether `user` passes.
    pub fn keeps(&self, user: &MobileUser) -> bool {
        let needle = self.q.trim().to_lowercase();
        (!self.only_charged || user.charged)
            && (needle.is_empty() || search_matches(&user.user, &needle))
    }

    /// The list's address with this filter.
    pub fn href(&self) -> String {
        let mut pairs = Vec::new();
        if self.only_charged {
            pairs.push(("charged", "1".to_owned()));
        }
        if !self.q.is_empty() {
            pairs.push(("q", self.q.clone()));
        }
        AppRoute::MobileUsers.with_query(&pairs)
    }
}
