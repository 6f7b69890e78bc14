//! Roles, permissions, the signed-in session and the sandbox personas.

use serde::{Deserialize, Serialize};

use crate::error::ApiError;

/// What a role may do. Viewing is open to every admin role.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Permission {
    ManageUsers,
    Purchase,
    ManageCostCenters,
    ManageLicenses,
    MultiAccountAccess,
}

impl Permission {
    pub const ALL: [Permission; 5] = [
        Self::ManageUsers,
        Self::Purchase,
        Self::ManageCostCenters,
        Self::ManageLicenses,
        Self::MultiAccountAccess,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Self::ManageUsers => "Manage users",
            Self::Purchase => "Purchase licenses, numbers and phones",
            Self::ManageCostCenters => "Manage cost centers",
            Self::ManageLicenses => "Manage licenses",
            Self::MultiAccountAccess => "Multi-account access",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Role {
    pub id: String,
    pub name: String,
    pub permissions: Vec<Permission>,
    /// Admin roles can sign in to this console; the others are for end users.
    pub admin: bool,
}

impl Role {
    pub fn can(&self, permission: Permission) -> bool {
        self.permissions.contains(&permission)
    }

    /// Ok when the role includes `permission`; otherwise the 403 that says which it lacks.
    pub fn require(&self, permission: Permission) -> Result<(), ApiError> {
        if self.can(permission) {
            Ok(())
        } else {
            Err(ApiError::forbidden(format!(
                "Your role ({}) doesn't include \"{}\".",
                self.name,
                permission.label()
            )))
        }
    }
}

/// The signed-in admin.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Admin {
    pub name: String,
    pub email: String,
}

/// The demo admins, one per permission path, offered by the sandbox and the seeded server.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "kebab-case")]
#[derive(strum::IntoStaticStr, strum::EnumString)]
#[strum(serialize_all = "kebab-case")]
pub enum Persona {
    SuperAdmin,
    UsersAdminNoPurchase,
    UsersAdminNoCostCenters,
    ReadOnly,
}

impl Persona {
    pub const ALL: [Persona; 4] = [
        Self::SuperAdmin,
        Self::UsersAdminNoPurchase,
        Self::UsersAdminNoCostCenters,
        Self::ReadOnly,
    ];

    pub fn slug(self) -> &'static str {
        self.into()
    }

    pub fn from_slug(slug: &str) -> Option<Self> {
        slug.parse().ok()
    }

    /// The admin's display name and email.
    pub fn admin(self) -> Admin {
        let (name, email) = match self {
            Self::SuperAdmin => ("Dana Whitfield", "dana.whitfield@northwind.example"),
            Self::UsersAdminNoPurchase => ("Marco Ruiz", "marco.ruiz@northwind.example"),
            Self::UsersAdminNoCostCenters => {
                ("Priya Natarajan", "priya.natarajan@northwind.example")
            }
            Self::ReadOnly => ("Sam Okafor", "sam.okafor@northwind.example"),
        };
        Admin {
            name: name.into(),
            email: email.into(),
        }
    }

    /// The id of the admin role this persona signs in with (seeded by [`crate::seed`]).
    pub fn role_id(self) -> &'static str {
        match self {
            Self::SuperAdmin => "role-super-admin",
            Self::UsersAdminNoPurchase => "role-users-admin-no-purchase",
            Self::UsersAdminNoCostCenters => "role-users-admin-no-cost-centers",
            Self::ReadOnly => "role-read-only",
        }
    }

    /// What the persona is for, shown in the persona switcher.
    pub fn description(self) -> &'static str {
        match self {
            Self::SuperAdmin => "Super admin: every permission",
            Self::UsersAdminNoPurchase => "Users admin without purchasing",
            Self::UsersAdminNoCostCenters => "Users admin without cost-center management",
            Self::ReadOnly => "Read-only admin",
        }
    }

    /// The permissions of this persona's role.
    pub fn permissions(self) -> Vec<Permission> {
        use Permission::*;
        match self {
            Self::SuperAdmin => Permission::ALL.to_vec(),
            Self::UsersAdminNoPurchase => vec![ManageUsers, ManageCostCenters, ManageLicenses],
            Self::UsersAdminNoCostCenters => vec![ManageUsers, Purchase, ManageLicenses],
            Self::ReadOnly => vec![],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_persona_lacks_exactly_what_its_name_says() {
        use Permission::*;
        assert_eq!(
            Persona::SuperAdmin.permissions().len(),
            Permission::ALL.len()
        );
        assert!(!Persona::UsersAdminNoPurchase
            .permissions()
            .contains(&Purchase));
        assert!(Persona::UsersAdminNoPurchase
            .permissions()
            .contains(&ManageUsers));
        assert!(!Persona::UsersAdminNoCostCenters
            .permissions()
            .contains(&ManageCostCenters));
        assert!(Persona::UsersAdminNoCostCenters
            .permissions()
            .contains(&Purchase));
        assert!(Persona::ReadOnly.permissions().is_empty());
        for p in Persona::ALL {
            assert_eq!(Persona::from_slug(p.slug()), Some(p));
        }
    }
}
