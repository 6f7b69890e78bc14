//! The wizard's draft: the request being built, kept in localStorage so a reload, a failed
//! submit or a step back never loses what the admin typed.

use domain::activation::Activation;
use domain::add_users::{
    apply_pasted, has_phone, next_free_extensions, pasted_cells, AddUsersRequest, AddUsersView,
    Credentials, EmergencyChoice, NewUser, Setup, ACKNOWLEDGED_CHARGES,
};
use domain::equipment::EquipmentRequest;
use domain::mobile::DigitalLineRequest;
use domain::users_query::UserRow;
use domain::{User, UserType};
use serde::{Deserialize, Serialize};

const KEY: &str = "switchboard.add-users.draft";

fn storage_key(owner: &str) -> String {
    format!("{KEY}:{owner}")
}

/// The wizard's steps, in order; the URL's `?step=` names one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, strum::IntoStaticStr, strum::EnumString)]
#[strum(serialize_all = "kebab-case")]
pub enum Step {
    Type,
    Users,
    Phones,
    Setup,
    /// Activating an existing user: their credentials and emergency address only.
    Credentials,
    /// A DigitalLine conversion's emergency address (the wizard asks with the credentials).
    Emergency,
    Review,
}

impl Step {
    pub fn slug(self) -> &'static str {
        self.into()
    }

    pub fn label(self) -> &'static str {
        match self {
            Step::Type => "User type",
            Step::Users => "Users",
            Step::Phones => "Phones & numbers",
            Step::Setup => "Setup & role",
            Step::Credentials => "Credentials",
            Step::Emergency => "Emergency address",
            Step::Review => "Review & submit",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Self> {
        slug.parse().ok()
    }

    /// The steps a user type goes through (Mobile and Video Pro users skip phones).
    pub fn all_for(user_type: UserType) -> Vec<Step> {
        let mut steps = vec![Step::Type, Step::Users];
        if has_phone(user_type) {
            steps.push(Step::Phones);
        }
        steps.extend([Step::Setup, Step::Review]);
        steps
    }

    /// Whether an error at `field` (the name after `rows[i].`) belongs to this step; the
    /// credentials and their emergency location are asked on the Setup or Credentials step.
    pub fn holds(self, field: &str) -> bool {
        let asked_with_it = match self {
            Step::Setup => Step::Credentials.holds(field),
            Step::Credentials => Step::Emergency.fields().contains(&field),
            _ => false,
        };
        self.fields().contains(&field) || asked_with_it
    }

    /// The field-name prefixes (after `rows[i].`) whose errors belong to this step.
    fn fields(self) -> &'static [&'static str] {
        match self {
            Step::Type => &[],
            Step::Users => &[
                "email",
                "firstName",
                "lastName",
                "siteId",
                "costCenterId",
                "extension",
            ],
            // With the parts of a shipping address added or edited on that step.
            Step::Phones => &[
                "phone",
                "number",
                "shipping",
                "id",
                "name",
                "street",
                "city",
                "state",
                "postalCode",
                "country",
            ],
            Step::Setup => &["setup", "sendAt", "roleId"],
            Step::Credentials => &[
                "password",
                "passwordAgain",
                "pin",
                "pinAgain",
                "securityQuestion",
                "securityAnswer",
            ],
            Step::Emergency => &EMERGENCY_FIELDS,
            // `license`: a DigitalLine whose license the role can't buy.
            Step::Review => &[ACKNOWLEDGED_CHARGES, "license"],
        }
    }
}

/// The fields (after `rows[i].`) an emergency response location is checked under.
pub(super) const EMERGENCY_FIELDS: [&str; 8] = [
    "emergency",
    "emergencyNickname",
    "emergencySite",
    "emergencyStreet",
    "emergencyCity",
    "emergencyState",
    "emergencyPostalCode",
    "emergencyCountry",
];

/// What survives a reload: one draft per account and admin, so switching either never shows
/// (or submits) someone else's users.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Draft {
    /// `<account id> <admin email>`: whose draft this is (part of its storage key).
    pub owner: String,
    pub request: AddUsersRequest,
    /// A DigitalLine conversion's emergency address (its one row keeps none).
    #[serde(default)]
    pub emergency: Option<EmergencyChoice>,
    /// Identifies this submit across retries; a new one after a success.
    pub idempotency_key: String,
    /// A key per row, in the rows' order, that stays with its row when others are removed or
    /// duplicated, so each row's editor (and the field that has focus) follows its row. Not
    /// saved: a reloaded draft gets new keys.
    #[serde(skip)]
    keys: Vec<u32>,
    #[serde(skip)]
    next_key: u32,
}

impl Draft {
    /// A new draft of `owner` with one empty row (extension filled in).
    pub fn new(view: &AddUsersView, owner: String) -> Self {
        let mut draft = Self::of(
            owner,
            AddUsersRequest {
                user_type: UserType::Office,
                require_unique_emails: true,
                rows: Vec::new(),
                acknowledged_charges: false,
                addresses: Vec::new(),
            },
        );
        draft.add_rows(view, 1);
        draft
    }

    fn of(owner: String, request: AddUsersRequest) -> Self {
        let mut draft = Self {
            owner,
            request,
            emergency: None,
            idempotency_key: crate::api::new_idempotency_key(),
            keys: Vec::new(),
            next_key: 0,
        };
        draft.sync_keys();
        draft
    }

    /// The rows' keys, in order.
    pub fn keys(&self) -> &[u32] {
        &self.keys
    }

    /// Where the row with `key` is now.
    pub fn position(&self, key: u32) -> Option<usize> {
        self.keys.iter().position(|k| *k == key)
    }

    /// Gives rows added at the end keys of their own, and drops the keys of rows gone from
    /// the end (edits that insert or remove inside the list keep the keys in step themselves).
    pub fn sync_keys(&mut self) {
        self.keys.truncate(self.request.rows.len());
        while self.keys.len() < self.request.rows.len() {
            let key = self.new_key();
            self.keys.push(key);
        }
    }

    fn new_key(&mut self) -> u32 {
        self.next_key += 1;
        self.next_key
    }

    /// Removes row `index`.
    pub fn remove_row(&mut self, index: usize) {
        if index < self.request.rows.len() {
            self.request.rows.remove(index);
            self.keys.remove(index);
        }
    }

    /// A new draft of `owner` replacing the Mobile user `user` with a DigitalLine: one Office
    /// row made of the user, nothing chosen yet.
    pub fn converting(user: &User, owner: String) -> Self {
        Self::of(owner, DigitalLineRequest::default().as_add_users(user))
    }

    /// A draft giving `user` a phone and a number: their one row, nothing chosen yet.
    pub fn equipping(user: &User, owner: String) -> Self {
        Self::of(owner, EquipmentRequest::default().as_add_users(user))
    }

    /// The phone and number this draft gives: its one row's, with the addresses and
    /// acknowledgment.
    pub fn equipment(&self) -> EquipmentRequest {
        let row = self.request.rows.first().cloned().unwrap_or_default();
        EquipmentRequest {
            phone: row.phone,
            number: row.number,
            addresses: self.request.addresses.clone(),
            acknowledged_charges: self.request.acknowledged_charges,
        }
    }

    /// A draft activating `user`: their one row, set up with credentials still to be typed.
    pub fn activating(user: &UserRow, owner: String) -> Self {
        let (first_name, last_name) = user.name.split_once(' ').unwrap_or((&user.name, ""));
        let credentials = Credentials {
            temporary_password: true,
            ..Credentials::default()
        };
        let row = NewUser {
            email: user.email.clone(),
            first_name: first_name.to_owned(),
            last_name: last_name.to_owned(),
            site_id: user.site_id.clone(),
            cost_center_id: user.cost_center_id.clone(),
            extension: user.extension.clone(),
            setup: Setup::AssignCredentials(Box::new(credentials)),
            ..NewUser::default()
        };
        let request = AddUsersRequest {
            user_type: user.user_type,
            require_unique_emails: true,
            rows: vec![row],
            acknowledged_charges: false,
            addresses: Vec::new(),
        };
        Self::of(owner, request)
    }

    /// The activation this draft holds: its one row's credentials.
    pub fn activation(&self) -> Activation {
        let credentials = match self.request.rows.first().map(|r| &r.setup) {
            Some(Setup::AssignCredentials(c)) => (**c).clone(),
            _ => Credentials::default(),
        };
        Activation { credentials }
    }

    /// The conversion this draft holds: its one row's phone and number, the emergency
    /// address, and the addresses and acknowledgment.
    pub fn digital_line(&self) -> DigitalLineRequest {
        let row = self.request.rows.first().cloned().unwrap_or_default();
        DigitalLineRequest {
            phone: row.phone,
            number: row.number,
            emergency: self.emergency.clone(),
            addresses: self.request.addresses.clone(),
            acknowledged_charges: self.request.acknowledged_charges,
        }
    }

    /// The draft `owner` saved, if any.
    pub fn load(owner: &str) -> Option<Self> {
        let json = crate::storage::local()?
            .get_item(&storage_key(owner))
            .ok()??;
        let mut draft = serde_json::from_str::<Self>(&json)
            .ok()
            .filter(|d| d.owner == owner)?;
        draft.sync_keys();
        Some(draft)
    }

    /// Keeps the draft for a reload, without the secrets of assigned credentials: passwords,
    /// PINs and security answers are typed again rather than left in the browser's storage.
    pub fn save(&self) {
        let kept = serde_json::to_string(&self.without_secrets());
        if let (Some(storage), Ok(json)) = (crate::storage::local(), kept) {
            let _ = storage.set_item(&storage_key(&self.owner), &json);
        }
    }

    /// This draft with every assigned credential's password, PIN and answer emptied.
    fn without_secrets(&self) -> Self {
        let mut kept = self.clone();
        for row in &mut kept.request.rows {
            if let Setup::AssignCredentials(c) = &mut row.setup {
                **c = Credentials {
                    temporary_password: c.temporary_password,
                    security_question: std::mem::take(&mut c.security_question),
                    emergency: c.emergency.take(),
                    ..Credentials::default()
                };
            }
        }
        kept
    }

    /// Removes the saved copy (after a successful submit).
    pub fn forget(&self) {
        if let Some(storage) = crate::storage::local() {
            let _ = storage.remove_item(&storage_key(&self.owner));
        }
    }

    /// Adds `count` rows (up to 25 in all).
    pub fn add_rows(&mut self, view: &AddUsersView, count: usize) {
        let room = domain::add_users::MAX_ROWS.saturating_sub(self.request.rows.len());
        for _ in 0..count.min(room) {
            let row = blank_row(view, &self.request.rows);
            self.request.rows.push(row);
        }
        self.sync_keys();
    }

    /// Fills the grid from spreadsheet text pasted into row `index`; returns how many lines
    /// did not fit in 25 rows.
    pub fn paste(&mut self, view: &AddUsersView, index: usize, text: &str) -> usize {
        let cells = pasted_cells(text);
        let left = apply_pasted(&mut self.request.rows, index, &cells, view, |rows| {
            blank_row(view, rows)
        });
        self.sync_keys();
        left
    }

    /// Copies row `index` below itself (all but names, email and inventory picks).
    pub fn duplicate_row(&mut self, view: &AddUsersView, index: usize) {
        if self.request.rows.len() >= domain::add_users::MAX_ROWS {
            return;
        }
        let taken: Vec<String> = self
            .request
            .rows
            .iter()
            .map(|r| r.extension.clone())
            .collect();
        let extension = next_free_extensions(view, &taken, 1)
            .pop()
            .unwrap_or_default();
        let copy = self.request.rows[index].duplicate(extension);
        self.request.rows.insert(index + 1, copy);
        let key = self.new_key();
        self.keys.insert(index + 1, key);
    }
}

/// A new row: the next extension free in the account and the draft, the first site and cost
/// center, the standard role.
fn blank_row(view: &AddUsersView, rows: &[NewUser]) -> NewUser {
    let taken: Vec<String> = rows.iter().map(|r| r.extension.clone()).collect();
    NewUser {
        site_id: view.sites.first().map(|s| s.id.clone()).unwrap_or_default(),
        cost_center_id: view
            .cost_centers
            .first()
            .map(|c| c.id.clone())
            .unwrap_or_default(),
        extension: next_free_extensions(view, &taken, 1)
            .pop()
            .unwrap_or_default(),
        role_id: default_role(view),
        ..NewUser::default()
    }
}

fn default_role(view: &AddUsersView) -> String {
    view.roles
        .iter()
        .find(|r| !r.admin)
        .or(view.roles.first())
        .map(|r| r.id.clone())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::seed::{generate, Dataset};
    use wasm_bindgen_test::wasm_bindgen_test;

    fn firsts(draft: &Draft) -> Vec<&str> {
        draft
            .request
            .rows
            .iter()
            .map(|r| r.first_name.as_str())
            .collect()
    }

    #[wasm_bindgen_test]
    fn keys_stay_with_their_rows_through_add_duplicate_paste_and_remove() {
        let view = AddUsersView::of(&generate(Dataset::Standard));
        let mut draft = Draft::new(&view, "a admin@example.com".into());
        draft.add_rows(&view, 2);
        for (row, name) in draft.request.rows.iter_mut().zip(["Ann", "Ben", "Cleo"]) {
            row.first_name = name.into();
        }
        let [ann, ben, cleo] = <[u32; 3]>::try_from(draft.keys()).unwrap();
        draft.duplicate_row(&view, 0);
        assert_eq!(draft.position(ann), Some(0));
        assert_eq!(draft.position(ben), Some(2));
        let copy = draft.keys()[1];
        assert!(![ann, ben, cleo].contains(&copy));

        draft.remove_row(2);
        assert_eq!(draft.position(ben), None);
        assert_eq!(draft.position(cleo), Some(2));
        assert_eq!(firsts(&draft)[2], "Cleo");

        draft.paste(&view, 3, "d@example.com\tDana\tX\ne@example.com\tEd\tY");
        assert_eq!(draft.keys().len(), draft.request.rows.len());
        assert_eq!(draft.position(cleo), Some(2));
        let mut unique = draft.keys().to_vec();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), draft.request.rows.len());
    }

    #[wasm_bindgen_test]
    fn a_saved_draft_keeps_no_password_pin_or_answer() {
        let user = domain::users_query::UserRow {
            id: 7,
            mailbox_id: 1,
            name: "Lena Later".into(),
            email: "lena@example.com".into(),
            extension: "1042".into(),
            user_type: domain::UserType::Mobile,
            site_id: "site-1".into(),
            site_name: String::new(),
            cost_center_id: "cc-1".into(),
            cost_center_name: String::new(),
            licenses: Vec::new(),
            status: domain::UserStatus::NotActivated,
            version: 3,
            invited_at: None,
            invite_at: None,
        };
        let mut draft = Draft::activating(&user, "a admin@example.com".into());
        if let Setup::AssignCredentials(c) = &mut draft.request.rows[0].setup {
            c.password = "Harbour42view".into();
            c.password_again = "Harbour42view".into();
            c.pin = "2580".into();
            c.pin_again = "2580".into();
            c.security_question = "In what city were you born?".into();
            c.security_answer = "Biscuit".into();
        }
        let kept = serde_json::to_string(&draft.without_secrets()).unwrap();
        for secret in ["Harbour42view", "2580", "Biscuit"] {
            assert!(!kept.contains(secret), "{secret} kept in {kept}");
        }
        assert!(kept.contains("In what city were you born?"));
        let typed = draft.activation().credentials;
        assert_eq!(
            typed.password, "Harbour42view",
            "the draft in memory keeps them"
        );
    }

    #[wasm_bindgen_test]
    fn a_reloaded_draft_gets_a_key_per_row() {
        let view = AddUsersView::of(&generate(Dataset::Standard));
        let mut draft = Draft::new(&view, "a admin@example.com".into());
        draft.add_rows(&view, 4);
        let json = serde_json::to_string(&draft).unwrap();
        let mut back: Draft = serde_json::from_str(&json).unwrap();
        assert!(back.keys().is_empty(), "keys are not saved");
        back.sync_keys();
        assert_eq!(back.keys().len(), 5);
        assert_eq!(back.request, draft.request);
    }
}
