//! Every rule of an Add Users request, per field and per row, as [`FieldError`]s keyed like
//! `rows[2].email`, so the wizard shows each one where it belongs.

use std::collections::{HashMap, HashSet};

use super::charges::{allocate_licenses, effective_cost_center, LicenseSource};
use super::view::AccountView;
use super::{
    address_problems, has_phone, needs_number, numbers_for_sale, shipping_addresses,
    AddUsersRequest, Credentials, EmergencyChoice, NewUser, NumberChoice, PhoneChoice, Setup,
    NEW_ADDRESS_PREFIX,
};
use crate::auth::looks_like_email;
use crate::error::FieldError;
use crate::permissions::{Permission, Role};

/// At most this many users are added at once.
pub const MAX_ROWS: usize = 25;
/// A scheduled invite must be at least this far ahead…
pub const SCHEDULE_MIN_LEAD_SECS: u64 = 5 * 60;
/// …and no further than this, so the activation link is still valid when the user gets it.
pub const SCHEDULE_MAX_DAYS: u64 = 30;
/// PINs are 4 to 8 digits.
pub const PIN_LEN: std::ops::RangeInclusive<usize> = 4..=8;
/// The security questions offered with assigned credentials.
pub const SECURITY_QUESTIONS: [&str; 5] = [
    "What was the name of your first pet?",
    "In what city were you born?",
    "What was the model of your first car?",
    "What is your favourite book?",
    "What was the name of your primary school?",
];
pub(crate) const MAX_NAME_LEN: usize = 64;
pub(crate) const MAX_EMAIL_LEN: usize = 254;

/// What the rules read besides the request: the account, the admin's role, and the time.
pub struct Context<'a> {
    pub data: &'a dyn AccountView,
    pub role: &'a Role,
    /// Seconds since the Unix epoch (the browser's clock as it types, the server's on submit).
    pub now_unix: u64,
}

/// Every problem with the request; empty when it can be submitted.
pub fn validate(request: &AddUsersRequest, cx: &Context) -> Vec<FieldError> {
    let mut errors = Vec::new();
    if !cx.role.can(Permission::ManageUsers) {
        errors.push(FieldError::new(
            "rows",
            format!("Your role ({}) can't add users.", cx.role.name),
        ));
        return errors;
    }
    if request.rows.is_empty() || request.rows.len() > MAX_ROWS {
        errors.push(FieldError::new(
            "rows",
            format!("Add between 1 and {MAX_ROWS} users at a time."),
        ));
    }
    let batch = Batch::of(request);
    for (index, row) in request.rows.iter().enumerate() {
        let mut field = |name: &str, message: String| {
            errors.push(FieldError::new(format!("rows[{index}].{name}"), message));
        };
        check_row(request, row, &batch, cx, &mut field);
    }
    check_addresses(request, cx, &mut errors);
    check_licenses(request, cx, &mut errors);
    if !request.acknowledged_charges && super::charges(request, cx.data, cx.role).is_purchase() {
        errors.push(FieldError::new(
            super::ACKNOWLEDGED_CHARGES,
            "Review the charges and tick the acknowledgment to continue.",
        ));
    }
    errors
}

/// Addresses added or edited in the wizard: named, complete, and either new or the account's.
fn check_addresses(request: &AddUsersRequest, cx: &Context, errors: &mut Vec<FieldError>) {
    for (index, a) in request.addresses.iter().enumerate() {
        let mut field = |part: &str, message: &str| {
            errors.push(FieldError::new(
                format!("addresses[{index}].{part}"),
                message,
            ));
        };
        let known = cx.data.shipping_addresses().iter().any(|e| e.id == a.id);
        if !known && !a.id.starts_with(NEW_ADDRESS_PREFIX) {
            field("id", "This address no longer exists; add it again.");
        }
        if request.addresses[..index].iter().any(|e| e.id == a.id) {
            field("id", "This address is listed twice.");
        }
        if a.name.trim().is_empty() {
            field("name", "Give the address a name, like \"Head office\".");
        }
        for (part, message) in
            address_problems(&a.street, &a.city, &a.state, &a.postal_code, &a.country)
        {
            field(part, message);
        }
    }
}

/// A row whose license would have to be bought needs a role that may buy it.
fn check_licenses(request: &AddUsersRequest, cx: &Context, errors: &mut Vec<FieldError>) {
    if cx.role.can(Permission::Purchase) {
        return;
    }
    for (index, source) in allocate_licenses(request, cx.data, cx.role)
        .iter()
        .enumerate()
    {
        if let Some(LicenseSource::Purchase(kind)) = source {
            let row = &request.rows[index];
            let cost_center = cx
                .data
                .cost_center(effective_cost_center(row, cx.data))
                .map_or("this cost center", |c| c.name.as_str());
            let field = if cx.data.account().multi_site {
                format!("rows[{index}].costCenterId")
            } else {
                "rows".to_owned()
            };
            errors.push(FieldError::new(
                field,
                format!(
                    "No {} license is left in {cost_center}, and your role can't buy one. Pick another cost center or ask a billing admin.",
                    kind.label()
                ),
            ));
        }
    }
}

/// Counts across the batch, for the rules that two rows can break together.
struct Batch {
    emails: HashMap<String, usize>,
    extensions: HashMap<String, usize>,
    phones: HashMap<String, usize>,
    numbers: HashMap<String, usize>,
}

impl Batch {
    fn of(request: &AddUsersRequest) -> Self {
        let mut batch = Batch {
            emails: HashMap::new(),
            extensions: HashMap::new(),
            phones: HashMap::new(),
            numbers: HashMap::new(),
        };
        for row in &request.rows {
            *batch
                .emails
                .entry(row.email.trim().to_lowercase())
                .or_default() += 1;
            *batch
                .extensions
                .entry(row.extension.trim().to_owned())
                .or_default() += 1;
            if let PhoneChoice::Inventory { phone_id } = &row.phone {
                *batch.phones.entry(phone_id.clone()).or_default() += 1;
            }
            if let NumberChoice::Inventory { e164 } | NumberChoice::New { e164, .. } = &row.number {
                *batch.numbers.entry(e164.clone()).or_default() += 1;
            }
        }
        batch
    }
}

fn check_row(
    request: &AddUsersRequest,
    row: &NewUser,
    batch: &Batch,
    cx: &Context,
    field: &mut impl FnMut(&str, String),
) {
    let data = cx.data;
    let email = row.email.trim();
    if email.is_empty() {
        field("email", "Enter the user's email address.".into());
    } else if email.len() > MAX_EMAIL_LEN || !looks_like_email(email) {
        field(
            "email",
            "Enter an email address like name@example.com.".into(),
        );
    } else if request.require_unique_emails {
        let lower = email.to_lowercase();
        if batch.emails.get(&lower).copied().unwrap_or(0) > 1 {
            field(
                "email",
                "Another row has this email; each user needs their own.".into(),
            );
        } else if data.email_taken(email) {
            field("email", "A user with this email already exists.".into());
        }
    }
    for (name, value, label) in [
        ("firstName", &row.first_name, "first name"),
        ("lastName", &row.last_name, "last name"),
    ] {
        let value = value.trim();
        if value.is_empty() {
            field(name, format!("Enter the user's {label}."));
        } else if value.chars().count() > MAX_NAME_LEN {
            field(
                name,
                format!("Keep the {label} to {MAX_NAME_LEN} characters."),
            );
        } else if value.chars().any(char::is_control) {
            field(
                name,
                format!("The {label} can't contain control characters."),
            );
        }
    }
    if data.account().multi_site {
        if data.site(&row.site_id).is_none() {
            field("siteId", "Choose the user's site.".into());
        }
        if data.cost_center(&row.cost_center_id).is_none() {
            field("costCenterId", "Choose the user's cost center.".into());
        }
    }
    check_extension(row, batch, data, field);
    if has_phone(request.user_type) {
        check_phone(request, row, batch, cx, field);
        check_number(needs_number(request.user_type), row, batch, cx, field);
    }
    check_setup(request, row, cx, field);
    if !data.roles().iter().any(|r| r.id == row.role_id) {
        field("roleId", "Choose the user's role.".into());
    }
}

fn check_extension(
    row: &NewUser,
    batch: &Batch,
    data: &dyn AccountView,
    field: &mut impl FnMut(&str, String),
) {
    let ext = row.extension.trim();
    if !(3..=6).contains(&ext.len())
        || !ext.bytes().all(|b| b.is_ascii_digit())
        || ext.starts_with('0')
    {
        field(
            "extension",
            "Extensions are 3 to 6 digits and don't start with 0.".into(),
        );
    } else if batch.extensions.get(ext).copied().unwrap_or(0) > 1 {
        field(
            "extension",
            format!("Another row also uses extension {ext}."),
        );
    } else if data.extension_taken(ext) {
        field("extension", format!("Extension {ext} is already taken."));
    }
}

fn check_phone(
    request: &AddUsersRequest,
    row: &NewUser,
    batch: &Batch,
    cx: &Context,
    field: &mut impl FnMut(&str, String),
) {
    match &row.phone {
        PhoneChoice::DesktopApp | PhoneChoice::BringOwn => {}
        PhoneChoice::Inventory { phone_id } => match cx.data.spare_phone(phone_id) {
            None if phone_id.is_empty() => field("phone", "Choose a phone from inventory.".into()),
            None => field(
                "phone",
                "That phone is no longer in inventory; choose another.".into(),
            ),
            Some(p) if batch.phones.get(phone_id).copied().unwrap_or(0) > 1 => field(
                "phone",
                format!("Another row already takes the {} ({}).", p.model, p.mac),
            ),
            Some(_) => {}
        },
        PhoneChoice::Purchase { sku, address_id } => {
            if !cx.role.can(Permission::Purchase) {
                field(
                    "phone",
                    "Your role can't purchase phones; pick one from inventory.".into(),
                );
            } else if !cx.data.catalog().iter().any(|c| &c.sku == sku) {
                field("phone", "Choose a phone model to purchase.".into());
            }
            if !shipping_addresses(request, cx.data)
                .iter()
                .any(|a| &a.id == address_id)
            {
                field("shipping", "Choose where to ship this phone.".into());
            }
        }
    }
}

/// Row `row`'s number; with `required` false, having none is fine.
fn check_number(
    required: bool,
    row: &NewUser,
    batch: &Batch,
    cx: &Context,
    field: &mut impl FnMut(&str, String),
) {
    let twice = |e164: &str| batch.numbers.get(e164).copied().unwrap_or(0) > 1;
    match &row.number {
        NumberChoice::None if required => field("number", "Choose a number for this user.".into()),
        NumberChoice::None => {}
        NumberChoice::Inventory { e164 } => match cx.data.spare_number(e164) {
            None if e164.is_empty() => field("number", "Choose a number from inventory.".into()),
            None => field(
                "number",
                format!("{e164} is no longer in inventory; choose another."),
            ),
            Some(_) if twice(e164) => field("number", format!("Another row already takes {e164}.")),
            Some(_) => {}
        },
        NumberChoice::New {
            state,
            area_code,
            e164,
        } => {
            if !cx.role.can(Permission::Purchase) {
                field(
                    "number",
                    "Your role can't buy numbers; pick one from inventory.".into(),
                );
            } else if !numbers_for_sale(state, area_code, cx.data).contains(e164) {
                field(
                    "number",
                    "Choose a state or province, an area code and a number.".into(),
                );
            } else if twice(e164) {
                field("number", format!("Another row already takes {e164}."));
            }
        }
    }
}

fn check_setup(
    request: &AddUsersRequest,
    row: &NewUser,
    cx: &Context,
    field: &mut impl FnMut(&str, String),
) {
    match &row.setup {
        Setup::SendInvite | Setup::ScheduleInvite { .. } if !request.require_unique_emails => field(
            "setup",
            "Invites need unique email addresses: assign credentials or activate later instead."
                .into(),
        ),
        Setup::ScheduleInvite { send_at_unix } => {
            if let Some(problem) = send_at_problem(*send_at_unix, cx.now_unix) {
                field("sendAt", problem);
            }
        }
        Setup::AssignCredentials(credentials) => {
            check_credentials(&row.email, credentials, cx, field)
        }
        Setup::SendInvite | Setup::ActivateLater => {}
    }
}

/// What is wrong with sending a scheduled invite at `send_at` (Unix seconds) when it is `now`:
/// at least 5 minutes ahead, at most 30 days.
pub fn send_at_problem(send_at: u64, now: u64) -> Option<String> {
    if send_at < now + SCHEDULE_MIN_LEAD_SECS {
        Some("Pick a time at least 5 minutes from now.".into())
    } else if send_at > now + SCHEDULE_MAX_DAYS * 86_400 {
        Some(format!(
            "Pick a time within {SCHEDULE_MAX_DAYS} days, so the activation link is still valid."
        ))
    } else {
        None
    }
}

/// Credentials an admin assigns to the user of `email`: password, PIN, security question and
/// an emergency response location when one is chosen.
pub(crate) fn check_credentials(
    email: &str,
    c: &Credentials,
    cx: &Context,
    field: &mut impl FnMut(&str, String),
) {
    let password = &c.password;
    let local_part = email.split('@').next().unwrap_or_default().to_lowercase();
    if password.chars().count() < 8 || password.chars().count() > 64 {
        field("password", "Use 8 to 64 characters.".into());
    } else if !password.chars().any(|c| c.is_alphabetic())
        || !password.chars().any(|c| c.is_ascii_digit())
    {
        field("password", "Use at least one letter and one digit.".into());
    } else if local_part.len() >= 3 && password.to_lowercase().contains(&local_part) {
        field(
            "password",
            "Don't use the user's email name in the password.".into(),
        );
    }
    if c.password_again != c.password {
        field("passwordAgain", "The passwords don't match.".into());
    }
    let pin = &c.pin;
    if !PIN_LEN.contains(&pin.len()) || !pin.bytes().all(|b| b.is_ascii_digit()) {
        field(
            "pin",
            format!("Use {} to {} digits.", PIN_LEN.start(), PIN_LEN.end()),
        );
    } else if is_trivial_pin(pin) {
        field(
            "pin",
            "Avoid repeated or consecutive digits like 1111 or 1234.".into(),
        );
    }
    if c.pin_again != c.pin {
        field("pinAgain", "The PINs don't match.".into());
    }
    if !SECURITY_QUESTIONS.contains(&c.security_question.as_str()) {
        field("securityQuestion", "Choose a security question.".into());
    }
    if c.security_answer.trim().chars().count() < 3 {
        field(
            "securityAnswer",
            "Answers are at least 3 characters.".into(),
        );
    }
    check_emergency(c.emergency.as_ref(), cx, field);
}

/// An emergency response location, when one is chosen: an existing one of the account, or a new
/// one with a nickname, a complete address and (multi-site accounts) a site.
pub(crate) fn check_emergency(
    choice: Option<&EmergencyChoice>,
    cx: &Context,
    field: &mut impl FnMut(&str, String),
) {
    match choice {
        None => {}
        Some(EmergencyChoice::Existing { location_id })
            if !cx
                .data
                .emergency_locations()
                .iter()
                .any(|l| &l.id == location_id) =>
        {
            field("emergency", "Choose an emergency response location.".into());
        }
        Some(EmergencyChoice::Existing { .. }) => {}
        Some(EmergencyChoice::New {
            nickname,
            site_id,
            street,
            city,
            state,
            postal_code,
            country,
        }) => {
            if nickname.trim().is_empty() {
                field("emergencyNickname", "Give the location a nickname.".into());
            }
            for (part, message) in address_problems(street, city, state, postal_code, country) {
                let mut name = String::from("emergency");
                name.push_str(&part[..1].to_uppercase());
                name.push_str(&part[1..]);
                field(&name, message.into());
            }
            if cx.data.account().multi_site && cx.data.site(site_id).is_none() {
                field("emergencySite", "Choose the location's site.".into());
            }
        }
    }
}

fn is_trivial_pin(pin: &str) -> bool {
    let digits: Vec<i32> = pin.bytes().map(|b| i32::from(b - b'0')).collect();
    let steps: HashSet<i32> = digits.windows(2).map(|w| w[1] - w[0]).collect();
    steps.len() == 1 && steps.iter().all(|s| s.abs() <= 1)
}

/// The next `count` free extensions after the highest one in use, skipping `also_taken`
/// (extensions other rows of the draft already hold).
pub fn next_free_extensions(
    data: &dyn AccountView,
    also_taken: &[String],
    count: usize,
) -> Vec<String> {
    let start = data.highest_extension().map_or(101, |m| m + 1);
    (start..)
        .map(|n| n.to_string())
        .filter(|e| !data.extension_taken(e) && !also_taken.contains(e))
        .take(count)
        .collect()
}
