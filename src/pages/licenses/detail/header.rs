//! The detail page's header: the way back, the type, how many match, downloads and the
//! assign buttons.

use domain::licenses::{InventoryItem, InventoryType, ItemsQuery};
use domain::users_query::Page;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::menu::{MenuButton, MenuItem};
use crate::pages::licenses::download::{DownloadButtons, ItemsSource};
use crate::routes::AppRoute;

/// The page header: a link back to Licenses & Inventory, the type's name, the match count,
/// the download buttons and, for add-ons, the assign buttons (or why the admin may not).
#[component]
pub fn DetailHeader(
    kind: InventoryType,
    page: Memo<Option<Page<InventoryItem>>>,
    query: Memo<ItemsQuery>,
    may_change: Signal<Result<(), String>>,
    /// Opens the bulk assign dialog.
    bulk: RwSignal<bool>,
    /// Opens the assign dialog.
    assigning: RwSignal<bool>,
) -> impl IntoView {
    view! {
        <header class="page-header">
            <div>
                <p>
                    <A href=AppRoute::Licenses.href()>"Licenses & Inventory"</A>
                </p>
                <h1>{kind.label()}</h1>
            </div>
            <div class="header-actions">
                <p class="count" aria-live="polite">
                    {move || page.with(|p| p.as_ref().map(|p| format!("{} matching", p.total)))}
                </p>
                <DownloadButtons
                    stem=kind.slug()
                    source=Signal::derive(move || ItemsSource::Matching {
                        kind: Some(kind),
                        query: query.get(),
                    })
                />
                {kind
                    .is_add_on()
                    .then(|| match may_change.get_untracked() {
                        Ok(()) => {
                            view! {
                                <MenuButton
                                    id="license-more"
                                    label="More actions"
                                    menu_label=format!("More actions for {}", kind.label())
                                >
                                    <MenuItem
                                        label="Assign in bulk via file"
                                        on_select=move |()| bulk.set(true)
                                    />
                                </MenuButton>
                                <button
                                    class="btn btn-primary"
                                    on:click=move |_| assigning.set(true)
                                >
                                    "Assign"
                                </button>
                            }
                                .into_any()
                        }
                        Err(reason) => view! { <p class="muted">{reason}</p> }.into_any(),
                    })}
            </div>
        </header>
    }
}
