//! A table wider than a phone's screen scrolls sideways inside its own box, not the page
//! (WCAG 1.4.10 lets a data table do so).

use leptos::prelude::*;

/// A box around a table that scrolls sideways when the table is wider than the screen. It is
/// a named region in the tab order, so a keyboard can scroll it too.
#[component]
pub fn TableScroller(
    /// The region's name: the table's caption.
    label: &'static str,
    children: Children,
) -> impl IntoView {
    view! {
        <div class="table-scroller" role="region" aria-label=label tabindex="0">
            {children()}
        </div>
    }
}
