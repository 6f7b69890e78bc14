//! Menus of actions as the WAI-ARIA menu button pattern has them: the popup list of items
//! ([`MenuList`]) with its keyboard (arrows, Home, End, Escape, Tab), and the button that opens
//! one under itself ([`MenuButton`]).

use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::components::focus_by_id;

/// Closes the open menu, focus back on its button; each [`MenuItem`] finds it in context.
#[derive(Clone, Copy)]
struct CloseMenu(Callback<()>);

/// Which item has focus when a menu opens: ArrowUp on the button opens it at the last.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FocusFirst {
    First,
    Last,
}

/// The popup list of a menu at `style`'s fixed position, over a backdrop that closes it on a
/// click outside. Focus goes to an item when it opens; ArrowDown and ArrowUp move between the
/// items (wrapping), Home and End go to the first and the last, Escape and Tab close it.
#[component]
pub fn MenuList(
    /// `id` of the list, for the button's `aria-controls`.
    #[prop(optional)]
    id: Option<String>,
    /// The menu's accessible name.
    #[prop(into)]
    label: String,
    /// Where it shows (`top: …px; right: …px`).
    style: String,
    #[prop(optional)] start: Option<FocusFirst>,
    /// Closes the menu.
    on_close: Callback<()>,
    children: Children,
) -> impl IntoView {
    provide_context(CloseMenu(on_close));
    let list = NodeRef::<html::Div>::new();
    Effect::new(move |_| {
        if let Some(el) = list.get() {
            let all = items(&el);
            let at = match start {
                Some(FocusFirst::Last) => all.len().saturating_sub(1),
                _ => 0,
            };
            if let Some(item) = all.get(at) {
                let _ = item.focus();
            }
        }
    });
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        let Some(el) = list.get_untracked() else {
            return;
        };
        let all = items(&el);
        let n = all.len();
        let at = current_index(&all);
        let to = match ev.key().as_str() {
            "Escape" | "Tab" => {
                ev.prevent_default();
                on_close.run(());
                return;
            }
            "ArrowDown" => (at + 1) % n.max(1),
            "ArrowUp" => (at + n.max(1) - 1) % n.max(1),
            "Home" => 0,
            "End" => n.saturating_sub(1),
            _ => return,
        };
        ev.prevent_default();
        if let Some(item) = all.get(to) {
            let _ = item.focus();
        }
    };
    view! {
        <div class="menu-backdrop" on:click=move |_| on_close.run(())></div>
        <div
            class="menu"
            role="menu"
            id=id
            aria-label=label
            node_ref=list
            style=style
            on:keydown=on_keydown
        >
            {children()}
        </div>
    }
}

/// A button (`label`) that opens a menu of `children` ([`MenuItem`]s) under itself, right
/// edges aligned; Enter, Space and ArrowDown open it at the first item, ArrowUp at the last.
#[component]
pub fn MenuButton(
    /// The button's `id`; the menu's is `{id}-menu`.
    id: &'static str,
    label: &'static str,
    /// The menu's accessible name.
    #[prop(into)]
    menu_label: String,
    children: ChildrenFn,
) -> impl IntoView {
    let open = RwSignal::new(None::<(String, FocusFirst)>);
    let close = Callback::new(move |()| {
        open.set(None);
        focus_by_id(id);
    });
    let show = move |ev: &web_sys::Event, first: FocusFirst| {
        if let Some(style) = style_below(ev) {
            open.set(Some((style, first)));
        }
    };
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        let first = match ev.key().as_str() {
            "ArrowDown" => FocusFirst::First,
            "ArrowUp" => FocusFirst::Last,
            _ => return,
        };
        ev.prevent_default();
        show(&ev, first);
    };
    let menu_id = format!("{id}-menu");
    view! {
        <button
            class="btn"
            id=id
            aria-haspopup="menu"
            aria-expanded=move || open.with(Option::is_some).to_string()
            aria-controls=menu_id.clone()
            on:click=move |ev| show(&ev, FocusFirst::First)
            on:keydown=on_keydown
        >
            {label}
            <span aria-hidden="true">" ▾"</span>
        </button>
        {move || {
            let children = children.clone();
            open.get()
                .map(|(style, start)| {
                    view! {
                        <MenuList
                            id=menu_id.clone()
                            label=menu_label.clone()
                            style=style
                            start=start
                            on_close=close
                        >
                            {children()}
                        </MenuList>
                    }
                })
        }}
    }
}

/// One action of a menu ([`MenuList`]): closes the menu, then runs `on_select`.
#[component]
pub fn MenuItem(label: &'static str, #[prop(into)] on_select: Callback<()>) -> impl IntoView {
    let CloseMenu(close) = expect_context::<CloseMenu>();
    view! {
        <button
            role="menuitem"
            class="menu-item"
            tabindex="-1"
            on:click=move |_| {
                close.run(());
                on_select.run(());
            }
        >
            {label}
        </button>
    }
}

/// Where a menu opened by `ev`'s button shows: under it, right edges aligned (a [`MenuList`]
/// `style`).
pub fn style_below(ev: &web_sys::Event) -> Option<String> {
    let rect = ev
        .current_target()?
        .dyn_into::<web_sys::Element>()
        .ok()?
        .get_bounding_client_rect();
    let width = window().inner_width().ok()?.as_f64()?;
    Some(format!(
        "top: {}px; right: {}px",
        rect.bottom() + 4.0,
        (width - rect.right()).max(8.0)
    ))
}

/// The items of the menu `menu`, in order.
fn items(menu: &web_sys::HtmlElement) -> Vec<web_sys::HtmlElement> {
    let list = menu.query_selector_all("[role=menuitem]").ok();
    let n = list.as_ref().map_or(0, |l| l.length());
    (0..n)
        .filter_map(|i| list.as_ref()?.item(i)?.dyn_into().ok())
        .collect()
}

/// Which of `items` has focus (the first when none has).
fn current_index(items: &[web_sys::HtmlElement]) -> usize {
    let active = document().active_element();
    items
        .iter()
        .position(|i| {
            active
                .as_ref()
                .is_some_and(|a| a == i.as_ref() as &web_sys::Element)
        })
        .unwrap_or(0)
}
