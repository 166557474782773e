//! Access rights (`ir.model.access`) as Odoo's demo users have them, and
//! the AccessErrors that name the groups which would be allowed: the admin
//! may do anything; the internal user "demo" (an Extra Rights/Contact
//! Creation member) may read everything and create, change and delete
//! contacts and tags, but only read countries; the portal user may read
//! contacts (their own, by record rule) and countries, and nothing of tags
//! (16-19/write/06a2, 07b2, 07d2, 08e-08i; 16/12d, 12e).

use crate::model::{Model, ModelId};
use crate::session_info::UserKind;
use crate::wire::PyError;
use odoo_rpc::versions::Release;
use serde_json::Value;

/// An access mode, as `check_access_rights` and `has_access` name it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    Read,
    Write,
    Create,
    Unlink,
}

impl Op {
    /// The mode named by `v`; any other is `ir.model.access`'s assertion.
    pub fn parse(v: &Value) -> Result<Op, PyError> {
        Ok(match v.as_str() {
            Some("read") => Op::Read,
            Some("write") => Op::Write,
            Some("create") => Op::Create,
            Some("unlink") => Op::Unlink,
            _ => {
                return Err(PyError::new(
                    "builtins.AssertionError",
                    "Invalid access mode",
                ))
            }
        })
    }

    /// How the AccessError words it.
    fn verb(self) -> &'static str {
        match self {
            Op::Read => "access",
            Op::Write => "modify",
            Op::Create => "create",
            Op::Unlink => "delete",
        }
    }
}

/// Whether a user of `kind` may `op` records of `model` at all (record
/// rules narrow it further for the portal user).
pub fn allowed(kind: UserKind, model: ModelId, op: Op) -> bool {
    match (kind, model) {
        (UserKind::Admin, _) => true,
        (UserKind::Internal, ModelId::Partner | ModelId::Category) => true,
        (UserKind::Portal, ModelId::Category) => false,
        _ => op == Op::Read,
    }
}

/// The AccessError for `op` on `m`, naming the groups allowed it as the
/// release names them.
pub fn denied(m: &Model, op: Op, r: &Release) -> PyError {
    let groups: &[&str] = match (m.id, op) {
        (ModelId::Category, Op::Read) => &[r.contact_creation_group, "User types/Internal User"],
        (ModelId::Partner | ModelId::Category, _) => &[r.contact_creation_group],
        _ => &[r.settings_group],
    };
    let mut text = format!(
        "You are not allowed to {} '{}' ({}) records.",
        op.verb(),
        m.description,
        m.name
    );
    text.push_str("\n\nThis operation is allowed for the following groups:\n");
    let lines: Vec<String> = groups.iter().map(|g| format!("\t- {g}")).collect();
    text.push_str(&lines.join("\n"));
    text.push_str("\n\nContact your administrator to request access if necessary.");
    PyError::access(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{CATEGORY, COUNTRY, PARTNER};
    use serde_json::json;

    #[test]
    fn the_demo_users_rights() {
        assert!(allowed(UserKind::Internal, ModelId::Partner, Op::Unlink));
        assert!(allowed(UserKind::Internal, ModelId::Category, Op::Create));
        assert!(!allowed(UserKind::Internal, ModelId::Country, Op::Create));
        assert!(allowed(UserKind::Portal, ModelId::Partner, Op::Read));
        assert!(!allowed(UserKind::Portal, ModelId::Partner, Op::Write));
        assert!(!allowed(UserKind::Portal, ModelId::Category, Op::Read));
        assert_eq!(
            Op::parse(&json!("delete")).unwrap_err().message,
            "Invalid access mode"
        );
    }

    #[test]
    fn refusals_name_the_groups() {
        let r = &odoo_rpc::versions::RELEASES[0];
        assert_eq!(
            denied(&PARTNER, Op::Create, r).message,
            "You are not allowed to create 'Contact' (res.partner) records.\n\nThis operation is allowed for the following groups:\n\t- Extra Rights/Contact Creation\n\nContact your administrator to request access if necessary."
        );
        assert!(denied(&COUNTRY, Op::Create, r)
            .message
            .contains("\t- Administration/Settings\n"));
        assert!(denied(&CATEGORY, Op::Read, r)
            .message
            .contains("\t- Extra Rights/Contact Creation\n\t- User types/Internal User\n"));
    }
}
