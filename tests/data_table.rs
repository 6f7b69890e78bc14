//! The virtualised data table, mounted in headless Chromium: with 10,000 rows only the visible
//! window is in the DOM, scrolling brings the right rows in, and sorting/selection work.

use std::collections::HashSet;

use leptos::prelude::*;
use switchboard::components::data_table::{Column, DataTable, Selection};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[derive(Clone, Debug, PartialEq)]
struct Item {
    id: u32,
    name: String,
}

fn items(n: u32) -> Vec<Item> {
    (1..=n)
        .map(|id| Item {
            id,
            name: format!("Item {id}"),
        })
        .collect()
}

async fn frames(n: u32) {
    for _ in 0..n {
        gloo_timers::future::TimeoutFuture::new(20).await;
    }
}

fn host() -> web_sys::HtmlElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let host: web_sys::HtmlElement = document.create_element("div").unwrap().dyn_into().unwrap();
    host.set_attribute(
        "style",
        "height: 400px; display: flex; flex-direction: column",
    )
    .unwrap();
    document.body().unwrap().append_child(&host).unwrap();
    host
}

fn rendered(host: &web_sys::HtmlElement) -> Vec<String> {
    let rows = host.query_selector_all(".tbody [role=row]").unwrap();
    (0..rows.length())
        .map(|i| {
            rows.item(i)
                .unwrap()
                .dyn_into::<web_sys::Element>()
                .unwrap()
                .get_attribute("aria-rowindex")
                .unwrap()
        })
        .collect()
}

#[wasm_bindgen_test]
async fn ten_thousand_rows_render_only_the_visible_window() {
    let host = host();
    let rows = RwSignal::new(items(10_000));
    let _handle = leptos::mount::mount_to(host.clone(), move || {
        let columns = vec![Column::new("Name", "1fr", |i: &Item| {
            i.name.clone().into_any()
        })];
        view! { <DataTable label="Items" rows=rows columns=columns /> }
    });
    frames(3).await;
    let table = host.query_selector("[role=table]").unwrap().unwrap();
    assert_eq!(
        table.get_attribute("aria-rowcount").as_deref(),
        Some("10001")
    );
    let first = rendered(&host);
    assert!(first.len() < 60, "{} rows in the DOM", first.len());
    assert_eq!(first[0], "2", "the first data row follows the header row");

    let scroller: web_sys::HtmlElement = table.dyn_into().unwrap();
    scroller.set_scroll_top(scroller.scroll_height());
    scroller
        .dispatch_event(&web_sys::Event::new("scroll").unwrap())
        .unwrap();
    frames(3).await;
    let last = rendered(&host);
    assert!(
        last.contains(&"10001".to_owned()),
        "the last row is rendered after scrolling: {last:?}"
    );
    assert!(last.len() < 60);
    assert!(host.text_content().unwrap().contains("Item 10000"));

    rows.set(items(3));
    frames(2).await;
    assert_eq!(
        rendered(&host),
        ["2", "3", "4"],
        "a shorter list replaces the window"
    );
    host.remove();
}

#[wasm_bindgen_test]
async fn headers_sort_and_checkboxes_select() {
    let host = host();
    let rows = RwSignal::new(items(5));
    let selected = RwSignal::new(HashSet::new());
    let sorted_by = RwSignal::new(None::<&'static str>);
    let _handle = leptos::mount::mount_to(host.clone(), move || {
        let columns =
            vec![Column::new("Name", "1fr", |i: &Item| i.name.clone().into_any()).sortable("name")];
        view! {
            <DataTable label="Items" rows=rows columns=columns sort=Signal::derive(|| ("name", true))
                on_sort=move |k| sorted_by.set(Some(k))
                selection=Some(Selection { selected, id: |i: &Item| i.id, label: |i: &Item| format!("Select {}", i.name) }) />
        }
    });
    frames(2).await;
    let header = host
        .query_selector("[role=columnheader][aria-sort]")
        .unwrap()
        .unwrap();
    assert_eq!(
        header.get_attribute("aria-sort").as_deref(),
        Some("descending")
    );
    header
        .query_selector("button")
        .unwrap()
        .unwrap()
        .dyn_into::<web_sys::HtmlElement>()
        .unwrap()
        .click();
    assert_eq!(sorted_by.get_untracked(), Some("name"));

    let select_all: web_sys::HtmlElement = host
        .query_selector("input[aria-label='Select all rows on this page']")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    select_all.click();
    frames(1).await;
    assert_eq!(selected.get_untracked().len(), 5);
    let third: web_sys::HtmlElement = host
        .query_selector("input[aria-label='Select Item 3']")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    third.click();
    frames(1).await;
    assert!(!selected.get_untracked().contains(&3));
    assert_eq!(host.query_selector_all(".tr.selected").unwrap().length(), 4);
    host.remove();
}
