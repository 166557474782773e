//! What a sign-in (or `get_session_info`) answer carries, across Odoo 16
//! to 19. Odoo adds and drops keys between versions (18 dropped
//! `company_id` and `user_id`; a portal user has no `user_companies`):
//! unknown keys are ignored, optional ones may be missing.

use crate::record::false_as_none;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SessionInfo {
    pub uid: i64,
    #[serde(default)]
    pub name: String,
    /// The login.
    #[serde(default)]
    pub username: String,
    pub db: String,
    #[serde(default, deserialize_with = "false_as_none")]
    pub partner_id: Option<i64>,
    #[serde(default, deserialize_with = "false_as_none")]
    pub partner_display_name: Option<String>,
    /// Odoo 16 only; later versions: `user_companies.current_company`.
    #[serde(default, deserialize_with = "false_as_none")]
    pub company_id: Option<i64>,
    #[serde(default, deserialize_with = "false_as_none")]
    pub user_companies: Option<UserCompanies>,
    #[serde(default)]
    pub server_version: String,
    #[serde(default)]
    pub server_version_info: Vec<serde_json::Value>,
    #[serde(default)]
    pub user_context: UserContext,
    #[serde(default)]
    pub is_admin: bool,
    #[serde(default)]
    pub is_system: bool,
    #[serde(default)]
    pub is_internal_user: Option<bool>,
    #[serde(default, rename = "web.base.url", deserialize_with = "false_as_none")]
    pub web_base_url: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct UserContext {
    #[serde(default, deserialize_with = "false_as_none")]
    pub lang: Option<String>,
    /// `false` when the user set no time zone.
    #[serde(default, deserialize_with = "false_as_none")]
    pub tz: Option<String>,
    #[serde(default, deserialize_with = "false_as_none")]
    pub uid: Option<i64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UserCompanies {
    pub current_company: i64,
    /// Keyed by the company id as a string, as Odoo sends it.
    #[serde(default)]
    pub allowed_companies: BTreeMap<String, Company>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Company {
    pub id: i64,
    pub name: String,
    #[serde(default)]
    pub sequence: i64,
}

impl SessionInfo {
    pub fn current_company_id(&self) -> Option<i64> {
        self.user_companies
            .as_ref()
            .map(|c| c.current_company)
            .or(self.company_id)
    }

    pub fn version(&self) -> ServerVersion {
        ServerVersion::from_parts(&self.server_version_info, &self.server_version)
    }
}

/// The server's version, from `server_version_info` (`[18, 0, 0, "final",
/// 0, ""]`) or the string (`"18.0-20250702"`, `"saas~17.2+e"`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServerVersion {
    pub major: u32,
    pub minor: u32,
    pub raw: String,
}

impl ServerVersion {
    pub fn from_parts(info: &[serde_json::Value], raw: &str) -> ServerVersion {
        let num = |i: usize| info.get(i).and_then(|v| v.as_u64()).map(|n| n as u32);
        match (num(0), num(1)) {
            (Some(major), Some(minor)) => ServerVersion {
                major,
                minor,
                raw: raw.to_string(),
            },
            _ => ServerVersion::parse(raw),
        }
    }

    pub fn parse(raw: &str) -> ServerVersion {
        let s = raw.trim_start_matches("saas~");
        let mut nums = s
            .split(|c: char| !c.is_ascii_digit())
            .filter(|p| !p.is_empty())
            .map(|p| p.parse::<u32>().unwrap_or(0));
        ServerVersion {
            major: nums.next().unwrap_or(0),
            minor: nums.next().unwrap_or(0),
            raw: raw.to_string(),
        }
    }
}
