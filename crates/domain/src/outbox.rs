//! The outbox: the email the account's admins were sent (exports, job reports). The sandbox
//! and the reference server deliver nothing; they keep each message so the admin can open it
//! and its attachment in the app.

use serde::{Deserialize, Serialize};

use crate::error::ApiError;

/// One email with its attachment.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct OutboxMessage {
    pub id: u32,
    pub to: String,
    pub subject: String,
    pub body: String,
    /// Seconds since the Unix epoch.
    pub sent_at: u64,
    pub attachment: Attachment,
}

/// A file sent with a message, as text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Attachment {
    pub file_name: String,
    pub mime: String,
    pub content: String,
}

/// A message as the outbox lists it: everything but the attachment's content.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct OutboxEntry {
    pub id: u32,
    pub to: String,
    pub subject: String,
    pub body: String,
    pub sent_at: u64,
    pub file_name: String,
    /// The attachment's size in bytes.
    pub size: u32,
}

impl From<&OutboxMessage> for OutboxEntry {
    fn from(m: &OutboxMessage) -> Self {
        Self {
            id: m.id,
            to: m.to.clone(),
            subject: m.subject.clone(),
            body: m.body.clone(),
            sent_at: m.sent_at,
            file_name: m.attachment.file_name.clone(),
            size: u32::try_from(m.attachment.content.len()).unwrap_or(u32::MAX),
        }
    }
}

/// The outbox, newest first.
pub fn outbox_entries(messages: &[OutboxMessage]) -> Vec<OutboxEntry> {
    messages.iter().rev().map(OutboxEntry::from).collect()
}

/// The message with the id a path names, or the 404 for it.
pub fn find_message<'a>(
    messages: &'a [OutboxMessage],
    id: &str,
) -> Result<&'a OutboxMessage, ApiError> {
    messages
        .iter()
        .find(|m| id.parse() == Ok(m.id))
        .ok_or_else(|| ApiError::not_found("That message is no longer in the outbox."))
}

/// How long an activation link stays valid.
pub const ACTIVATION_LINK_DAYS: u64 = 30;

/// The welcome email that invites `user` of `account` to activate, sent at `now` as message
/// `id`: the activation link and when it expires. It has no attachment.
pub fn welcome_message(id: u32, account: &str, user: &crate::User, now: u64) -> OutboxMessage {
    OutboxMessage {
        id,
        to: user.email.clone(),
        subject: format!("Welcome to {account}: activate your phone account"),
        body: format!(
            "Hello {}, your extension is {}. Open the activation link to set your password and PIN: https://activate.switchboard.example/{}-{now}. The link works for {ACTIVATION_LINK_DAYS} days.",
            user.first_name, user.extension, user.mailbox_id
        ),
        sent_at: now,
        attachment: Attachment {
            file_name: String::new(),
            mime: String::new(),
            content: String::new(),
        },
    }
}

/// The id the next message gets.
pub fn next_message_id(messages: &[OutboxMessage]) -> u32 {
    messages.iter().map(|m| m.id).max().unwrap_or(0) + 1
}
