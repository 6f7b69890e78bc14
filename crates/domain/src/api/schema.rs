//! The schemas of the bodies in the endpoint table, collected for the OpenAPI document: each
//! named type once under its name, with the types it refers to.

use serde_json::{json, Map, Value};
use utoipa::{PartialSchema, ToSchema};

/// The schemas the document refers to, by name.
pub type Components = Map<String, Value>;
/// The schemas of an endpoint's request body and successful reply.
pub type Bodies = (Option<Value>, Option<Value>);

/// A reference to `T`'s schema, added to `components` with the schemas it refers to.
pub fn one<T: ToSchema>(components: &mut Components) -> Value {
    add(components, T::name().into_owned(), to_json(T::schema()));
    referred::<T>(components);
    reference(&T::name())
}

/// The schema of a page of `T` in place (the name `Page` says nothing of its items), with `T`
/// and what it refers to added to `components`.
pub fn page_of<T: ToSchema>(components: &mut Components) -> Value {
    one::<T>(components);
    to_json(crate::users_query::Page::<T>::schema())
}

/// The schema of a list of `T`, with `T` and what it refers to added to `components`.
pub fn list_of<T: ToSchema>(components: &mut Components) -> Value {
    add(components, T::name().into_owned(), to_json(T::schema()));
    referred::<T>(components);
    json!({"type": "array", "items": reference(&T::name())})
}

fn referred<T: ToSchema>(components: &mut Components) {
    let mut found = Vec::new();
    T::schemas(&mut found);
    for (name, schema) in found {
        add(components, name, to_json(schema));
    }
}

/// Adds a named schema; two different types under one name would make references ambiguous.
fn add(components: &mut Components, name: String, schema: Value) {
    match components.get(&name) {
        Some(known) => assert_eq!(known, &schema, "two types are called {name}"),
        None => {
            components.insert(name, schema);
        }
    }
}

fn to_json(schema: impl serde::Serialize) -> Value {
    serde_json::to_value(schema).expect("schemas are plain data")
}

pub fn reference(name: &str) -> Value {
    json!({"$ref": format!("#/components/schemas/{name}")})
}
