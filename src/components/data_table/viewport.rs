//! Which rows are in view: follows the scroll box's position and height.

use std::ops::Range;

use leptos::html;
use leptos::prelude::*;

/// Rows rendered above and below the visible window.
const OVERSCAN: usize = 8;

/// Tracks the scroll position and height of `scroller` (measured once mounted and again by the
/// returned function, run on every scroll), scrolls back to the top whenever `scroll_key`
/// changes, and gives the range of the `count` rows to render.
pub(super) fn visible_rows(
    scroller: NodeRef<html::Div>,
    count: Memo<usize>,
    row_height: f64,
    scroll_key: Option<Signal<String>>,
) -> (Memo<Range<usize>>, impl Fn() + Copy + 'static) {
    let (scroll_top, set_scroll_top) = signal(0.0_f64);
    let (viewport, set_viewport) = signal(800.0_f64);
    let measure = move || {
        if let Some(el) = scroller.get_untracked() {
            set_scroll_top.set(el.scroll_top() as f64);
            let h = el.client_height() as f64;
            if h > 0.0 {
                set_viewport.set(h);
            }
        }
    };
    Effect::new(move |_| {
        if scroller.get().is_some() {
            request_animation_frame(measure);
        }
    });
    if let Some(key) = scroll_key {
        Effect::new(move |previous: Option<String>| {
            let current = key.get();
            if previous.is_some_and(|p| p != current) {
                if let Some(el) = scroller.get_untracked() {
                    el.set_scroll_top(0);
                    set_scroll_top.set(0.0);
                }
            }
            current
        });
    }
    let window = Memo::new(move |_| {
        let n = count.get();
        let visible = (viewport.get() / row_height).ceil() as usize;
        // Clamped: when the list shrinks while scrolled down, show its end until the browser
        // reports the clamped scroll position.
        let first =
            ((scroll_top.get() / row_height).floor() as usize).min(n.saturating_sub(visible));
        let start = first.saturating_sub(OVERSCAN).min(n);
        let end = (first + visible + OVERSCAN).min(n);
        start..end
    });
    (window, measure)
}
