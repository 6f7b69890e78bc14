//! Deterministic demo data: one multi-site account, identical in the sandbox and the server.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use crate::account::{Account, AccountData, CostCenter, Site};
use crate::accounts::{LinkedAccount, PortalAccount};
use crate::inventory::{
    Address, CatalogPhone, EmergencyLocation, InventoryPhone, License, LicenseKind, NumberKind,
    PhoneNumber,
};
use crate::mobile::{self, CallUsage};
use crate::permissions::{Persona, Role};
use crate::rng::Rng;
use crate::users::{User, UserStatus, UserType};

/// Which data set to seed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "kebab-case")]
#[derive(strum::IntoStaticStr, strum::EnumString)]
#[strum(serialize_all = "kebab-case")]
pub enum Dataset {
    /// About 120 users: the everyday demo.
    #[default]
    Standard,
    /// 10,000 users, for performance work.
    Large,
}

impl Dataset {
    pub fn slug(self) -> &'static str {
        self.into()
    }

    pub fn from_slug(slug: &str) -> Option<Self> {
        slug.parse().ok()
    }

    pub fn user_count(self) -> usize {
        match self {
            Self::Standard => 120,
            Self::Large => 10_000,
        }
    }
}

const FIRST: [&str; 40] = [
    "Ava", "Liam", "Noah", "Emma", "Olivia", "Mateo", "Sofia", "Lucas", "Amara", "Kenji", "Priya",
    "Diego", "Chloe", "Ethan", "Fatima", "Grace", "Hiro", "Isla", "Jonah", "Keira", "Leo", "Maya",
    "Nadia", "Omar", "Paige", "Quinn", "Rosa", "Samir", "Tara", "Umar", "Vera", "Wes", "Ximena",
    "Yusuf", "Zoe", "Aiden", "Bianca", "Caleb", "Delia", "Elias",
];
const LAST: [&str; 40] = [
    "Adams", "Baker", "Chen", "Diaz", "Evans", "Fischer", "Garcia", "Hughes", "Ito", "Jensen",
    "Kowalski", "Lopez", "Moreau", "Nguyen", "O'Brien", "Patel", "Quinlan", "Rossi", "Singh",
    "Tanaka", "Usman", "Varga", "Walsh", "Xu", "Young", "Zimmer", "Alvarez", "Brooks", "Costa",
    "Dubois", "Eriksen", "Flores", "Gupta", "Haddad", "Ivanova", "Jones", "Kim", "Larsen",
    "Mendes", "Novak",
];

/// Builds the seeded account. Same dataset, same data, on every machine.
pub fn generate(dataset: Dataset) -> AccountData {
    let mut rng = Rng::new(0x5717_C4B0_A4D0);
    let sites = vec![
        site("site-1", "San Francisco HQ", "CA", "415"),
        site("site-2", "Austin Office", "TX", "512"),
        site("site-3", "Toronto Office", "ON", "416"),
    ];
    let cost_centers = ["Sales", "Support", "Engineering", "Operations", "Marketing"]
        .iter()
        .enumerate()
        .map(|(i, name)| CostCenter {
            id: format!("cc-{}", i + 1),
            name: (*name).into(),
        })
        .collect::<Vec<_>>();
    let addresses = vec![
        address(
            "addr-1",
            "San Francisco HQ",
            "500 Howard St",
            "San Francisco",
            "CA",
            "94105",
            "US",
        ),
        address(
            "addr-2",
            "Austin Office",
            "300 Congress Ave",
            "Austin",
            "TX",
            "78701",
            "US",
        ),
        address(
            "addr-3",
            "Toronto Office",
            "100 King St W",
            "Toronto",
            "ON",
            "M5X 1A9",
            "CA",
        ),
    ];

    let mut numbers = NumberPool::default();
    let mut data = AccountData {
        account: Account {
            id: "acct-100200".into(),
            name: "Northwind Trading Co.".into(),
            multi_site: true,
            main_number: "+14155550100".into(),
            time_zone: "America/Los_Angeles".into(),
        },
        emergency_locations: sites
            .iter()
            .zip(&addresses)
            .enumerate()
            .map(|(i, (s, a))| EmergencyLocation {
                id: format!("erl-{}", i + 1),
                nickname: format!("{} reception", s.name),
                site_id: s.id.clone(),
                address: a.clone(),
            })
            .collect(),
        shipping_addresses: addresses,
        sites,
        cost_centers,
        ..empty_account("", "")
    };

    let first_extension = if dataset == Dataset::Large { 1001 } else { 101 };
    let mut emails = HashSet::new();
    for i in 0..dataset.user_count() {
        let id = i as u32 + 1;
        let first = *rng.pick(&FIRST);
        let last = *rng.pick(&LAST);
        let user_type = match rng.below(100) {
            0..=49 => UserType::Office,
            50..=69 => UserType::VideoPro,
            70..=84 => UserType::VideoProPlus,
            _ => UserType::Mobile,
        };
        let status = match rng.below(100) {
            0..=79 => UserStatus::Enabled,
            80..=91 => UserStatus::NotActivated,
            _ => UserStatus::Disabled,
        };
        let site = rng.pick(&data.sites).clone();
        let cost_center_id = rng.pick(&data.cost_centers).id.clone();
        let email = unique_email(&mut emails, first, last);
        if let Some(kind) = match user_type {
            UserType::Office => Some(LicenseKind::Office),
            UserType::VideoProPlus => Some(LicenseKind::VideoProPlus),
            _ => None,
        } {
            push_license(&mut data.licenses, kind, &cost_center_id, Some(id));
        }
        if user_type == UserType::Office {
            data.numbers.push(numbers.next(&site, Some(id)));
            if rng.chance(50) {
                let model = rng.pick(&PHONE_MODELS);
                data.phones
                    .push(phone(data.phones.len(), model, &site.id, Some(id)));
            }
            for kind in [
                LicenseKind::LargeMeetings,
                LicenseKind::LiveReports,
                LicenseKind::PushToTalk,
            ] {
                // The large account holds over 1,000 Large Meetings add-ons, so bulk changes
                // of that size can be measured; the draw is the same either way, so the
                // standard account is unchanged.
                let percent = match (dataset, kind) {
                    (Dataset::Large, LicenseKind::LargeMeetings) => 25,
                    _ => 12,
                };
                if rng.chance(percent) {
                    push_license(&mut data.licenses, kind, &cost_center_id, Some(id));
                }
            }
        }
        data.users.push(User {
            id,
            mailbox_id: 62_000_000_000 + u64::from(id) * 7,
            first_name: first.into(),
            last_name: last.into(),
            email,
            extension: (first_extension + i).to_string(),
            user_type,
            site_id: site.id.clone(),
            cost_center_id,
            status,
            role_id: "role-standard".into(),
            version: 1,
            invited_at: None,
            invite_at: None,
        });
    }

    // Spare inventory, spread across cost centers and sites.
    let spare = (dataset.user_count() / 12).max(8);
    for i in 0..spare {
        let cc = data.cost_centers[i % data.cost_centers.len()].id.clone();
        let site = data.sites[i % data.sites.len()].clone();
        push_license(&mut data.licenses, LicenseKind::Office, &cc, None);
        if i % 3 == 0 {
            push_license(&mut data.licenses, LicenseKind::VideoProPlus, &cc, None);
        }
        if i % 2 == 0 {
            let kind = [
                LicenseKind::LargeMeetings,
                LicenseKind::LiveReports,
                LicenseKind::PushToTalk,
            ][i % 3];
            push_license(&mut data.licenses, kind, &cc, None);
        }
        data.numbers.push(numbers.next(&site, None));
        data.phones.push(phone(
            data.phones.len(),
            PHONE_MODELS[i % PHONE_MODELS.len()],
            &site.id,
            None,
        ));
    }
    data.call_usage = call_usage(&data.users);
    (data.portal_accounts, data.linked_accounts) = portal_accounts();
    for _ in 0..2 {
        let mut toll_free = numbers.next(&data.sites[0], None);
        toll_free.e164 = format!("+1833{}", &toll_free.e164[5..]);
        toll_free.kind = NumberKind::TollFree;
        data.numbers.push(toll_free);
    }
    data
}

/// A new account with nothing in it but what the console needs to start: the admin roles, one
/// site and cost center to add users to, and the phone catalog. What an operator's first
/// `create-admin` makes when the server runs without the demo.
pub fn empty_account(id: &str, name: &str) -> AccountData {
    AccountData {
        account: Account {
            id: id.into(),
            name: name.into(),
            multi_site: false,
            main_number: String::new(),
            time_zone: "UTC".into(),
        },
        sites: vec![site("site-1", "Main site", "", "")],
        cost_centers: vec![CostCenter {
            id: "cc-1".into(),
            name: "General".into(),
        }],
        roles: roles(),
        users: Vec::new(),
        licenses: Vec::new(),
        phones: Vec::new(),
        numbers: Vec::new(),
        catalog: catalog(),
        emergency_locations: Vec::new(),
        shipping_addresses: Vec::new(),
        orders: Vec::new(),
        outbox: Vec::new(),
        jobs: Vec::new(),
        call_usage: Vec::new(),
        portal_accounts: Vec::new(),
        linked_accounts: Vec::new(),
    }
}

/// The password of every seeded admin, here and in the portal's other accounts.
pub const DEMO_PASSWORD: &str = "switchboard-demo";

/// When the seeded accounts were linked (2026-11-02).
const LINKED_AT: u64 = 1_793_577_600;

/// The seeded portal account `id` (the sandbox opens one in a tab of its own by id).
pub fn portal_account(id: &str) -> Option<PortalAccount> {
    portal_accounts().0.into_iter().find(|p| p.id == id)
}

/// The portal's other accounts, and the ones linked to this account: 45 accounts, the first 26
/// linked (two pages), three of them under names of the admins' own; two sign-ins are locked.
/// Their admins sign in as `admin@<account slug>.example`.
fn portal_accounts() -> (Vec<PortalAccount>, Vec<LinkedAccount>) {
    const BRANDS: [&str; 15] = [
        "Contoso",
        "Fabrikam",
        "Tailspin",
        "Litware",
        "Adatum",
        "Proseware",
        "Wingtip",
        "Lucerne",
        "Fourth Coffee",
        "Alpine Ski",
        "Blue Yonder",
        "Coho Winery",
        "Margie's Travel",
        "Trey Research",
        "Wide World",
    ];
    const PLACES: [(&str, &str); 3] = [("Austin", "512"), ("Denver", "720"), ("Boston", "617")];
    let mut portal = Vec::new();
    let mut linked = Vec::new();
    for i in 0..45 {
        let brand = BRANDS[i % BRANDS.len()];
        let (place, area) = PLACES[i / BRANDS.len()];
        let name = format!("{brand} {place}");
        let slug: String = name
            .to_lowercase()
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == ' ')
            .map(|c| if c == ' ' { '-' } else { c })
            .collect();
        let id = format!("acct-{}", 200_100 + i * 7);
        portal.push(PortalAccount {
            id: id.clone(),
            name: name.clone(),
            main_number: format!("+1{area}555{:04}", 100 + i),
            admin_email: format!("admin@{slug}.example"),
            locked: i == 30 || i == 41,
        });
        if i < 26 {
            let name = match i {
                2 => "Tailspin (HQ)".to_owned(),
                7 => "Lucerne Publishing".to_owned(),
                11 => "Coho: tasting room".to_owned(),
                _ => name,
            };
            linked.push(LinkedAccount {
                id,
                name,
                linked_at: LINKED_AT,
                version: 1,
            });
        }
    }
    (portal, linked)
}

/// This cycle's calls of every Mobile user, from a generator of their own (so the rest of the
/// seed is unchanged): about a third are over the 10-call mark, a few have none.
fn call_usage(users: &[User]) -> Vec<CallUsage> {
    let mut rng = Rng::new(0xCA11_5EED);
    users
        .iter()
        .filter(|u| u.user_type == UserType::Mobile)
        .map(|u| CallUsage {
            user_id: u.id,
            calls: match rng.below(3) {
                0 => (mobile::CHARGE_CALLS as usize + rng.below(40)) as u32,
                _ => rng.below(mobile::CHARGE_CALLS as usize) as u32,
            },
        })
        .collect()
}

const PHONE_MODELS: [&str; 4] = ["Poly VVX 450", "Yealink T54W", "Cisco 8851", "Poly CCX 400"];

#[derive(Default)]
struct NumberPool(u32);

impl NumberPool {
    fn next(&mut self, site: &Site, assignee: Option<u32>) -> PhoneNumber {
        self.0 += 1;
        PhoneNumber {
            e164: format!("+1{}{:07}", site.area_code, 5_550_000 + self.0 * 3),
            kind: NumberKind::Local,
            site_id: site.id.clone(),
            assignee,
        }
    }
}

fn push_license(
    licenses: &mut Vec<License>,
    kind: LicenseKind,
    cost_center_id: &str,
    assignee: Option<u32>,
) {
    licenses.push(License {
        id: format!("lic-{}", licenses.len() + 1),
        kind,
        cost_center_id: cost_center_id.into(),
        assignee,
    });
}

fn phone(index: usize, model: &str, site_id: &str, assignee: Option<u32>) -> InventoryPhone {
    InventoryPhone {
        id: format!("ph-{}", index + 1),
        model: model.into(),
        mac: format!(
            "00:04:F2:{:02X}:{:02X}:{:02X}",
            (index >> 16) & 0xFF,
            (index >> 8) & 0xFF,
            index & 0xFF
        ),
        site_id: site_id.into(),
        assignee,
    }
}

fn unique_email(taken: &mut HashSet<String>, first: &str, last: &str) -> String {
    let local: String = format!("{first}.{last}")
        .to_lowercase()
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '.')
        .collect();
    let mut candidate = format!("{local}@northwind.example");
    let mut n = 2;
    while !taken.insert(candidate.clone()) {
        candidate = format!("{local}{n}@northwind.example");
        n += 1;
    }
    candidate
}

fn site(id: &str, name: &str, state: &str, area_code: &str) -> Site {
    Site {
        id: id.into(),
        name: name.into(),
        state: state.into(),
        area_code: area_code.into(),
    }
}

fn address(
    id: &str,
    name: &str,
    street: &str,
    city: &str,
    state: &str,
    postal: &str,
    country: &str,
) -> Address {
    Address {
        id: id.into(),
        name: name.into(),
        street: street.into(),
        city: city.into(),
        state: state.into(),
        postal_code: postal.into(),
        country: country.into(),
    }
}

fn roles() -> Vec<Role> {
    let mut roles: Vec<Role> = Persona::ALL
        .into_iter()
        .map(|p| Role {
            id: p.role_id().into(),
            name: p.description().into(),
            permissions: p.permissions(),
            admin: true,
        })
        .collect();
    roles.push(Role {
        id: "role-standard".into(),
        name: "Standard".into(),
        permissions: vec![],
        admin: false,
    });
    roles.push(Role {
        id: "role-standard-intl".into(),
        name: "Standard International".into(),
        permissions: vec![],
        admin: false,
    });
    roles
}

fn catalog() -> Vec<CatalogPhone> {
    let item = |sku: &str,
                brand: &str,
                model: &str,
                category: &str,
                price_cents: u32,
                description: &str| {
        CatalogPhone {
            sku: sku.into(),
            brand: brand.into(),
            model: model.into(),
            category: category.into(),
            price_cents,
            description: description.into(),
        }
    };
    vec![
        item(
            "PLY-VVX450",
            "Poly",
            "VVX 450",
            "Desk phone",
            21_900,
            "12-line color desk phone with Gigabit Ethernet.",
        ),
        item(
            "PLY-CCX400",
            "Poly",
            "CCX 400",
            "Desk phone",
            26_900,
            "Touchscreen business media phone.",
        ),
        item(
            "YEA-T54W",
            "Yealink",
            "T54W",
            "Desk phone",
            19_900,
            "Color screen, built-in Bluetooth and Wi-Fi.",
        ),
        item(
            "YEA-T33G",
            "Yealink",
            "T33G",
            "Desk phone",
            8_900,
            "Entry-level 4-line color phone.",
        ),
        item(
            "CSC-8851",
            "Cisco",
            "8851",
            "Desk phone",
            32_900,
            "Executive desk phone with USB and Bluetooth.",
        ),
        item(
            "YEA-W76P",
            "Yealink",
            "W76P",
            "Cordless",
            17_900,
            "DECT cordless phone with base station.",
        ),
        item(
            "PLY-TRIO8300",
            "Poly",
            "Trio 8300",
            "Conference",
            54_900,
            "Conference phone for small rooms.",
        ),
        item(
            "CSC-CP7832",
            "Cisco",
            "CP-7832",
            "Conference",
            48_900,
            "Conference phone for mid-size rooms.",
        ),
    ]
}

/// The seeded role a persona signs in with (for tests).
#[cfg(test)]
pub(crate) fn persona_role(persona: crate::permissions::Persona) -> crate::permissions::Role {
    generate(Dataset::Standard)
        .roles
        .into_iter()
        .find(|r| r.id == persona.role_id())
        .expect("every persona's role is seeded")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn standard_dataset_is_deterministic_and_complete() {
        let a = generate(Dataset::Standard);
        assert_eq!(a, generate(Dataset::Standard));
        assert_eq!(a.users.len(), 120);
        assert_eq!((a.sites.len(), a.cost_centers.len()), (3, 5));
        assert!(a.account.multi_site);
        for t in UserType::ALL {
            assert!(
                a.users.iter().filter(|u| u.user_type == t).count() >= 5,
                "{t:?}"
            );
        }
        for kind in [
            LicenseKind::LargeMeetings,
            LicenseKind::LiveReports,
            LicenseKind::PushToTalk,
        ] {
            assert!(
                a.licenses
                    .iter()
                    .any(|l| l.kind == kind && l.assignee.is_some()),
                "{kind:?} in use"
            );
            assert!(
                a.licenses
                    .iter()
                    .any(|l| l.kind == kind && l.assignee.is_none()),
                "{kind:?} spare"
            );
        }
        assert!(a.phones.iter().any(|p| p.assignee.is_none()));
        assert!(a.numbers.iter().any(|n| n.kind == NumberKind::TollFree));
        assert!(
            !a.catalog.is_empty()
                && !a.emergency_locations.is_empty()
                && !a.shipping_addresses.is_empty()
        );
    }

    #[test]
    fn identifiers_are_unique() {
        let data = generate(Dataset::Large);
        assert_eq!(data.users.len(), 10_000);
        let unique = |v: Vec<&String>| v.iter().collect::<HashSet<_>>().len() == v.len();
        assert!(unique(data.users.iter().map(|u| &u.email).collect()));
        assert!(unique(data.users.iter().map(|u| &u.extension).collect()));
        assert!(unique(data.numbers.iter().map(|n| &n.e164).collect()));
        assert!(unique(data.licenses.iter().map(|l| &l.id).collect()));
        let large_meetings = data
            .licenses
            .iter()
            .filter(|l| l.kind == LicenseKind::LargeMeetings && l.assignee.is_some())
            .count();
        assert!(large_meetings > 1_000, "{large_meetings} in use");
    }

    #[test]
    fn every_user_points_at_a_real_site_cost_center_and_role() {
        let data = generate(Dataset::Standard);
        for u in &data.users {
            assert!(data.site(&u.site_id).is_some());
            assert!(data.cost_center(&u.cost_center_id).is_some());
            assert!(data.roles.iter().any(|r| r.id == u.role_id));
        }
        for p in Persona::ALL {
            assert!(data.roles.iter().any(|r| r.id == p.role_id() && r.admin));
        }
    }
}
