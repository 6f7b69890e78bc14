//! "Upgrade to Office in bulk" on the Users page: the template lists every Video Pro user (the
//! admin removes those who stay on Video); the upload, checks and job are the shared bulk
//! pipeline's.

use domain::bulk::{upgrade_template, BulkKind};
use domain::UserType;
use leptos::prelude::*;

use crate::pages::bulk::{BulkDialog, TemplateButtons};

#[component]
pub fn BulkUpgradeDialog(
    #[prop(into)] on_close: Callback<()>,
    /// Runs when the job has ended.
    #[prop(into)]
    on_finished: Callback<()>,
) -> impl IntoView {
    let template = move |view: StoredValue<domain::bulk::BulkView>| {
        let video = view.with_value(|v| {
            v.users
                .iter()
                .filter(|u| u.user_type == UserType::VideoPro)
                .count()
        });
        view! {
            <section aria-labelledby="bulk-template-heading">
                <h3 id="bulk-template-heading">"1. Download the template"</h3>
                <p>
                    {format!(
                        "The template lists the account's {video} Video Pro user{}. Remove the lines of those who stay on Video; each user left gets an Office license from inventory (their cost center's first).",
                        if video == 1 { "" } else { "s" },
                    )}
                </p>
                <TemplateButtons
                    stem="upgrade-to-office".to_owned()
                    book=move || view.with_value(upgrade_template)
                    disabled=Signal::derive(move || video == 0)
                />
            </section>
        }
    };
    view! {
        <BulkDialog
            title="Upgrade Video users to Office in bulk".to_owned()
            kind=BulkKind::UpgradeToOffice
            template=template
            on_close=on_close
            on_finished=on_finished
        />
    }
}
