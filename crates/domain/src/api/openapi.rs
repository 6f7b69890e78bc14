//! The OpenAPI document of the contract, generated: paths, methods, parameters and statuses
//! from the endpoint table, bodies from the Rust types themselves (utoipa), and the limits the
//! rules enforce from the constants the rules use. Built only with the `openapi` feature, which
//! only the server enables.

use serde_json::{json, Map, Value};

use super::endpoints::{Access, Endpoint, Method, API_ROOT};
use super::idempotency::MAX_KEY_LEN;
use super::schema::{one, reference, Components};
use crate::error::ApiError;
use crate::licenses::{InventoryType, ItemSort, ItemState};
use crate::users_query::{SortKey, MAX_SEARCH_LEN, PER_PAGE_OPTIONS};
use crate::{UserStatus, UserType};

/// The whole document, as served at `/api/v1/openapi.json`.
pub fn document() -> Value {
    let mut components = Components::new();
    one::<ApiError>(&mut components);
    let mut paths = Map::new();
    for &endpoint in Endpoint::ALL {
        let operation = operation(endpoint, &mut components);
        let method = endpoint.method().as_str().to_ascii_lowercase();
        let item = paths.entry(endpoint.path()).or_insert_with(|| json!({}));
        item[method] = operation;
    }
    apply_limits(&mut components);
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "Switchboard API",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "The admin API of a cloud phone system account: users, licenses and inventory, Mobile users, bulk jobs and linked accounts. Every error has the ApiError shape. Changes take an Idempotency-Key (a retry gets the first answer; the same key on another change is refused with 422); edits of a versioned record need If-Match with the version last seen (428 without, 412 when stale).",
        },
        "servers": [{"url": API_ROOT}],
        "paths": paths,
        "components": {
            "schemas": components,
            "securitySchemes": {
                "session": {"type": "apiKey", "in": "cookie", "name": "sb_session",
                    "description": "A cookie session from POST /auth/sign-in; changes also send its csrfToken in X-CSRF-Token."},
                "bearer": {"type": "http", "scheme": "bearer",
                    "description": "A token from POST /auth/tokens, for host portals."},
            },
        },
    })
}

fn operation(endpoint: Endpoint, components: &mut Components) -> Value {
    let (request, reply) = endpoint.schemas(components);
    let mut parameters = path_parameters(endpoint);
    parameters.extend(query_parameters(endpoint));
    if endpoint.is_keyed() && endpoint.access() == Access::SignedIn {
        parameters.push(header(
            "Idempotency-Key",
            false,
            "Makes a retried change act once: the same key gets the first answer again.",
            json!({"type": "string", "minLength": 1, "maxLength": MAX_KEY_LEN}),
        ));
        let versioned = endpoint.rule_statuses().contains(&428);
        parameters.push(header(
            "If-Match",
            versioned,
            "The version of the record as last seen, like \"7\".",
            json!({"type": "string", "pattern": "^(W/)?\"?[0-9]+\"?$"}),
        ));
    }
    let mut responses = Map::new();
    for status in endpoint.statuses() {
        let response = if status == endpoint.success() {
            let mut ok = json!({"description": "Done."});
            if let Some(reply) = &reply {
                ok["content"] = json!({"application/json": {"schema": reply}});
            }
            if endpoint.rule_statuses().contains(&428) {
                ok["headers"] = json!({"ETag": {"description": "The record's new version.", "schema": {"type": "string"}}});
            }
            ok
        } else {
            json!({
                "description": crate::error::ApiError::from_status(status).message,
                "content": {"application/json": {"schema": reference("ApiError")}},
            })
        };
        responses.insert(status.to_string(), response);
    }
    let mut operation = json!({
        "operationId": endpoint.name(),
        "summary": endpoint.summary(),
        "parameters": parameters,
        "responses": responses,
    });
    if let Some(request) = request {
        operation["requestBody"] = json!({
            "required": true,
            "content": {"application/json": {"schema": request}},
        });
    }
    if endpoint.access() == Access::Public {
        operation["security"] = json!([]);
    } else {
        operation["security"] = json!([{"session": []}, {"bearer": []}]);
    }
    if endpoint.method() == Method::Get {
        operation.as_object_mut().map(|o| o.remove("requestBody"));
    }
    operation
}

fn header(name: &str, required: bool, description: &str, schema: Value) -> Value {
    json!({"name": name, "in": "header", "required": required, "description": description, "schema": schema})
}

fn query(name: &str, description: &str, schema: Value) -> Value {
    json!({"name": name, "in": "query", "required": false, "description": description, "schema": schema})
}

fn one_of<'a>(slugs: impl IntoIterator<Item = &'a str>) -> Value {
    json!({"type": "string", "enum": slugs.into_iter().collect::<Vec<_>>()})
}

/// `column` or `-column` (descending) for each sortable column.
fn sort_by<'a>(slugs: impl IntoIterator<Item = &'a str>) -> Value {
    let slugs: Vec<&str> = slugs.into_iter().collect();
    let descending = slugs.iter().map(|s| format!("-{s}"));
    let all: Vec<String> = slugs
        .iter()
        .map(|s| (*s).to_owned())
        .chain(descending)
        .collect();
    json!({"type": "string", "enum": all})
}

fn path_parameters(endpoint: Endpoint) -> Vec<Value> {
    endpoint
        .path()
        .split('/')
        .filter_map(|s| s.strip_prefix('{')?.strip_suffix('}'))
        .map(|name| {
            let schema = if name == "type" {
                one_of(std::iter::once("all").chain(InventoryType::ALL.map(InventoryType::slug)))
            } else {
                json!({"type": "string", "minLength": 1})
            };
            json!({"name": name, "in": "path", "required": true, "schema": schema})
        })
        .collect()
}

/// The query each list reads, with the values its parser accepts (others get 400).
fn query_parameters(endpoint: Endpoint) -> Vec<Value> {
    let search = || {
        query(
            "q",
            "Text matched case-insensitively.",
            json!({"type": "string", "maxLength": MAX_SEARCH_LEN}),
        )
    };
    let page = || query("page", "From 1.", json!({"type": "integer", "minimum": 1}));
    let per_page = || {
        query(
            "perPage",
            "Rows per page.",
            json!({"type": "integer", "enum": PER_PAGE_OPTIONS}),
        )
    };
    let text = |name: &str, description: &str| query(name, description, json!({"type": "string"}));
    match endpoint {
        Endpoint::Users => vec![
            search(),
            query(
                "type",
                "User type.",
                one_of(UserType::ALL.map(UserType::slug)),
            ),
            text("site", "Site id."),
            text("costCenter", "Cost center id."),
            query(
                "status",
                "Status.",
                one_of(UserStatus::ALL.map(UserStatus::slug)),
            ),
            query(
                "sort",
                "Column, `-` first for descending.",
                sort_by(SortKey::ALL.map(SortKey::slug)),
            ),
            page(),
            per_page(),
        ],
        Endpoint::InventoryItems => vec![
            search(),
            text("site", "Site id."),
            text("costCenter", "Cost center id."),
            query(
                "state",
                "In use or available.",
                one_of(ItemState::ALL.map(ItemState::slug)),
            ),
            query(
                "userLevel",
                "Only licenses held by users.",
                json!({"type": "boolean"}),
            ),
            query(
                "sort",
                "Column, `-` first for descending.",
                sort_by(ItemSort::ALL.map(ItemSort::slug)),
            ),
            page(),
            per_page(),
        ],
        Endpoint::Accounts => vec![text("q", "Text matched against name and id."), page()],
        _ => Vec::new(),
    }
}

/// The limits the rules enforce on request fields, as `(schema, property, keywords)`.
pub fn limits() -> Vec<(&'static str, &'static str, Value)> {
    use crate::add_users::rules::{MAX_EMAIL_LEN, MAX_NAME_LEN};
    use crate::add_users::{MAX_ROWS as MAX_NEW_USERS, PIN_LEN};
    use crate::bulk::MAX_ROWS as MAX_BULK_ROWS;
    use crate::licenses::MAX_CHANGES;
    let some = |max: usize| json!({"minItems": 1, "maxItems": max});
    let name = json!({"maxLength": MAX_NAME_LEN});
    vec![
        ("AddUsersRequest", "rows", some(MAX_NEW_USERS)),
        ("NewUser", "firstName", name.clone()),
        ("NewUser", "lastName", name),
        (
            "NewUser",
            "email",
            json!({"maxLength": MAX_EMAIL_LEN, "format": "email"}),
        ),
        (
            "UserCredentials",
            "pin",
            json!({"pattern": format!("^[0-9]{{{},{}}}$", PIN_LEN.start(), PIN_LEN.end())}),
        ),
        ("NewJob", "rows", json!({"maxItems": MAX_BULK_ROWS})),
        ("AssignAddOns", "userIds", some(MAX_CHANGES)),
        ("Unassign", "licenses", some(MAX_CHANGES)),
        ("UpgradeToOffice", "users", some(MAX_CHANGES)),
        (
            "RenameAccount",
            "name",
            json!({"minLength": 1, "maxLength": crate::accounts::MAX_NAME_LEN}),
        ),
        ("Credentials", "email", json!({"format": "email"})),
        ("ExportRequest", "to", json!({"format": "email"})),
    ]
}

/// Writes [`limits`] into the schemas: each must name a property that exists, so a field
/// renamed in code fails here rather than leaving its limit behind.
fn apply_limits(components: &mut Components) {
    for (schema, property, keywords) in limits() {
        let field = components
            .get_mut(schema)
            .and_then(|s| s.get_mut("properties"))
            .and_then(|p| p.get_mut(property))
            .and_then(Value::as_object_mut)
            .unwrap_or_else(|| panic!("no property {schema}.{property} to limit"));
        for (keyword, value) in keywords.as_object().expect("keywords").clone() {
            field.insert(keyword, value);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every `$ref` in `value`.
    fn references(value: &Value, out: &mut Vec<String>) {
        match value {
            Value::Object(map) => {
                if let Some(Value::String(r)) = map.get("$ref") {
                    out.push(r.clone());
                }
                map.values().for_each(|v| references(v, out));
            }
            Value::Array(items) => items.iter().for_each(|v| references(v, out)),
            _ => {}
        }
    }

    #[test]
    fn every_endpoint_is_documented_with_every_status_and_every_reference_resolves() {
        let document = document();
        for endpoint in Endpoint::ALL {
            let method = endpoint.method().as_str().to_ascii_lowercase();
            let operation = &document["paths"][endpoint.path()][&method];
            assert!(operation.is_object(), "{endpoint:?} is not documented");
            for status in endpoint.statuses() {
                assert!(
                    operation["responses"][status.to_string()].is_object(),
                    "{endpoint:?} {status}"
                );
            }
        }
        let sign_in = &document["paths"]["/auth/sign-in"]["post"]["responses"];
        assert!(
            sign_in["415"].is_object(),
            "a sign-in that isn't JSON gets 415"
        );
        let mut found = Vec::new();
        references(&document, &mut found);
        assert!(!found.is_empty());
        for reference in found {
            let name = reference.trim_start_matches("#/components/schemas/");
            assert!(
                document["components"]["schemas"][name].is_object(),
                "{reference} is missing"
            );
        }
    }

    #[test]
    fn the_rules_limits_are_in_the_document() {
        let document = document();
        let schemas = &document["components"]["schemas"];
        assert_eq!(
            schemas["AddUsersRequest"]["properties"]["rows"]["maxItems"],
            25
        );
        assert_eq!(schemas["NewUser"]["properties"]["email"]["maxLength"], 254);
        let users = &document["paths"]["/users"]["get"]["parameters"];
        let per_page = users
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["name"] == "perPage")
            .unwrap();
        assert_eq!(per_page["schema"]["enum"], json!(PER_PAGE_OPTIONS));
    }
}
