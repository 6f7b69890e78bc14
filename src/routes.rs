//! Every page's address, once: the router matches these segments, and every link and
//! navigation is built from an [`AppRoute`], so a path renamed here is renamed everywhere. The
//! permission a page needs is declared here too, and [`Gated`] enforces it for the router.

use domain::licenses::InventoryType;
use domain::Permission;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use leptos_router::AsPath;

use crate::url::with_query;

/// A page of the console, with what its address holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AppRoute {
    /// The Users page.
    Users,
    /// The Add Users wizard.
    AddUsers,
    /// The page of the user with this id.
    User(u32),
    /// Activating the user with this id by assigning their credentials.
    ActivateUser(u32),
    /// Giving the user with this id a phone and a number.
    EquipUser(u32),
    /// Multi-Account Access: the linked accounts.
    Accounts,
    /// The Mobile users page.
    MobileUsers,
    /// Replacing the Mobile user with this id by a DigitalLine.
    DigitalLine(u32),
    /// Licenses & Inventory: the totals.
    Licenses,
    /// The detail view of one license or device type.
    LicenseDetail(InventoryType),
    /// The Outbox of files and messages.
    Outbox,
    /// The bulk jobs.
    Jobs,
    /// The report of the bulk job with this id.
    JobReport(u32),
}

/// One static part of an address, as the router matches it and as links spell it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Segment {
    Users,
    Add,
    Activate,
    Phone,
    Accounts,
    MobileUsers,
    DigitalLine,
    Licenses,
    Outbox,
    Jobs,
}

impl AsPath for Segment {
    fn as_path(&self) -> &'static str {
        match self {
            Segment::Users => "users",
            Segment::Add => "add",
            Segment::Activate => "activate",
            Segment::Phone => "phone",
            Segment::Accounts => "accounts",
            Segment::MobileUsers => "mobile-users",
            Segment::DigitalLine => "digital-line",
            Segment::Licenses => "licenses",
            Segment::Outbox => "outbox",
            Segment::Jobs => "jobs",
        }
    }
}

/// The name of the `:id` part of an address (a user's, a Mobile user's, a job's).
pub const ID: &str = "id";
/// The name of the `:type` part of a license detail view's address.
pub const TYPE: &str = "type";

impl AppRoute {
    /// The address within the app (`/jobs/12`), as the router navigates to it.
    pub fn path(self) -> String {
        let p = |s: Segment| s.as_path();
        match self {
            AppRoute::Users => format!("/{}", p(Segment::Users)),
            AppRoute::AddUsers => format!("/{}/{}", p(Segment::Users), p(Segment::Add)),
            AppRoute::User(id) => format!("/{}/{id}", p(Segment::Users)),
            AppRoute::ActivateUser(id) => {
                format!("/{}/{id}/{}", p(Segment::Users), p(Segment::Activate))
            }
            AppRoute::EquipUser(id) => format!("/{}/{id}/{}", p(Segment::Users), p(Segment::Phone)),
            AppRoute::Accounts => format!("/{}", p(Segment::Accounts)),
            AppRoute::MobileUsers => format!("/{}", p(Segment::MobileUsers)),
            AppRoute::DigitalLine(id) => format!(
                "/{}/{id}/{}",
                p(Segment::MobileUsers),
                p(Segment::DigitalLine)
            ),
            AppRoute::Licenses => format!("/{}", p(Segment::Licenses)),
            AppRoute::LicenseDetail(kind) => format!("/{}/{}", p(Segment::Licenses), kind.slug()),
            AppRoute::Outbox => format!("/{}", p(Segment::Outbox)),
            AppRoute::Jobs => format!("/{}", p(Segment::Jobs)),
            AppRoute::JobReport(id) => format!("/{}/{id}", p(Segment::Jobs)),
        }
    }

    /// The address with a query string (values percent-encoded), for navigating.
    pub fn with_query(self, pairs: &[(&'static str, String)]) -> String {
        with_query(&self.path(), pairs)
    }

    /// The address as a link's `href`, under the base path the app is served from.
    pub fn href(self) -> String {
        crate::url::href(&self.path())
    }

    /// A link's `href` with a query string.
    pub fn href_with(self, pairs: &[(&'static str, String)]) -> String {
        crate::url::href(&self.with_query(pairs))
    }

    /// The permission the page needs, the page's title for the refusal, and where it sends
    /// the admin back to; `None` when every signed-in admin may open it.
    pub fn needs(self) -> Option<(Permission, &'static str, AppRoute)> {
        match self {
            AppRoute::AddUsers => Some((Permission::ManageUsers, "Add users", AppRoute::Users)),
            AppRoute::ActivateUser(id) => Some((
                Permission::ManageUsers,
                "Activate by assigning credentials",
                AppRoute::User(id),
            )),
            AppRoute::EquipUser(id) => Some((
                Permission::ManageUsers,
                "Add a phone or number",
                AppRoute::User(id),
            )),
            AppRoute::DigitalLine(_) => Some((
                Permission::ManageUsers,
                "Replace with a DigitalLine",
                AppRoute::MobileUsers,
            )),
            _ => None,
        }
    }

    /// The label of the page, for "Back to …" links.
    pub fn label(self) -> &'static str {
        match self {
            AppRoute::Users => "Users",
            AppRoute::AddUsers => "Add users",
            AppRoute::User(_) => "the user's page",
            AppRoute::ActivateUser(_) => "Activate by assigning credentials",
            AppRoute::EquipUser(_) => "Add a phone or number",
            AppRoute::Accounts => "Accounts",
            AppRoute::MobileUsers => "Mobile users",
            AppRoute::DigitalLine(_) => "Replace with a DigitalLine",
            AppRoute::Licenses | AppRoute::LicenseDetail(_) => "Licenses & Inventory",
            AppRoute::Outbox => "Outbox",
            AppRoute::Jobs | AppRoute::JobReport(_) => "Bulk jobs",
        }
    }
}

/// The `:id` part of the current address as a number (`None` when it isn't one).
pub fn use_id_param() -> Memo<Option<u32>> {
    let params = use_params_map();
    Memo::new(move |_| params.with(|p| p.get(ID).and_then(|s| s.parse().ok())))
}

/// The `:type` part of the current address as a license or device type.
pub fn use_type_param() -> Memo<Option<InventoryType>> {
    let params = use_params_map();
    Memo::new(move |_| params.with(|p| p.get(TYPE).and_then(|s| InventoryType::from_slug(&s))))
}

/// Shows a page only to an admin whose role has the permission its route needs; anyone else
/// sees why not and a way back.
#[component]
pub fn Gated(
    /// The route whose permission is checked.
    route: AppRoute,
    children: ChildrenFn,
) -> impl IntoView {
    let Some((permission, title, back)) = route.needs() else {
        return children().into_any();
    };
    let gate = crate::session::permission_gate(permission);
    let children = StoredValue::new(children);
    (move || match gate.get() {
        Ok(()) => children.with_value(|c| c()).into_any(),
        Err(reason) => view! {
            <div class="error-view" role="alert">
                <h1>{title}</h1>
                <p>{reason}</p>
                <leptos_router::components::A href=back.href() attr:class="btn">
                    {format!("Back to {}", back.label())}
                </leptos_router::components::A>
            </div>
        }
        .into_any(),
    })
    .into_any()
}

/// The router's table: each page at its address, the ones that need a permission behind
/// [`Gated`].
#[component]
pub fn AppRoutes() -> impl IntoView {
    use crate::pages::{
        accounts, add_users, jobs, licenses, mobile_users, not_found, outbox, user, users,
    };
    use leptos_router::components::{Redirect, Route, Routes};
    use leptos_router::{ParamSegment, StaticSegment as S};
    view! {
        <Routes fallback=|| view! { <not_found::NotFound /> }>
            <Route path=S("") view=|| view! { <Redirect path=Segment::Users.as_path() /> } />
            <Route path=(S(Segment::Users),) view=users::UsersPage />
            <Route path=(S(Segment::Users), S(Segment::Add)) view=add_users::AddUsersPage />
            <Route path=(S(Segment::Users), ParamSegment(ID)) view=user::UserPage />
            <Route
                path=(S(Segment::Users), ParamSegment(ID), S(Segment::Activate))
                view=user::activate::ActivatePage
            />
            <Route
                path=(S(Segment::Users), ParamSegment(ID), S(Segment::Phone))
                view=user::equip::EquipPage
            />
            <Route path=(S(Segment::Accounts),) view=accounts::AccountsPage />
            <Route path=(S(Segment::MobileUsers),) view=mobile_users::MobileUsersPage />
            <Route
                path=(S(Segment::MobileUsers), ParamSegment(ID), S(Segment::DigitalLine))
                view=mobile_users::digital_line::DigitalLinePage
            />
            <Route path=(S(Segment::Licenses),) view=licenses::LicensesPage />
            <Route
                path=(S(Segment::Licenses), ParamSegment(TYPE))
                view=licenses::LicenseDetailPage
            />
            <Route path=(S(Segment::Outbox),) view=outbox::OutboxPage />
            <Route path=(S(Segment::Jobs),) view=jobs::JobsPage />
            <Route path=(S(Segment::Jobs), ParamSegment(ID)) view=jobs::JobReportPage />
        </Routes>
    }
}
