//! What a sign-in (or `get_session_info`) answer carries, across Odoo 16
//! to 19. Odoo adds and drops keys between versions (18 dropped
//! `company_id` and `user_id`; a portal user has no `user_companies`):
//! unknown keys are ignored, optional ones may be missing or `false`.

use crate::record::{bool_or_false, false_as_none, string_or_empty};
use serde::de::{self, Deserializer};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;
use std::fmt;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SessionInfo {
    pub uid: i64,
    #[serde(default, deserialize_with = "string_or_empty")]
    pub name: String,
    /// The login.
    #[serde(default, deserialize_with = "string_or_empty")]
    pub username: String,
    pub db: String,
    #[serde(default, deserialize_with = "false_as_none")]
    pub partner_id: Option<i64>,
    #[serde(default, deserialize_with = "false_as_none")]
    pub partner_display_name: Option<String>,
    /// Odoo 16 only; later versions: `user_companies.current_company`.
    #[serde(default, deserialize_with = "false_as_none")]
    pub company_id: Option<i64>,
    /// Absent for portal users.
    #[serde(default, deserialize_with = "false_as_none")]
    pub user_companies: Option<UserCompanies>,
    #[serde(default, deserialize_with = "string_or_empty")]
    pub server_version: String,
    /// `[18, 0, 0, "final", 0, ""]`; `["saas~17", 2, …]` on Odoo Online.
    #[serde(default, deserialize_with = "list_or_empty")]
    pub server_version_info: Vec<Value>,
    #[serde(default, deserialize_with = "context_or_default")]
    pub user_context: UserContext,
    #[serde(default, deserialize_with = "bool_or_false")]
    pub is_admin: bool,
    #[serde(default, deserialize_with = "bool_or_false")]
    pub is_system: bool,
    /// Odoo 17+ only (`false` is an answer here, not "empty").
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
    #[serde(deserialize_with = "company_id")]
    pub current_company: i64,
    /// Keyed by the company id as a string, as Odoo sends it.
    #[serde(default)]
    pub allowed_companies: BTreeMap<String, Company>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Company {
    pub id: i64,
    #[serde(default, deserialize_with = "string_or_empty")]
    pub name: String,
    #[serde(default)]
    pub sequence: i64,
}

impl SessionInfo {
    /// The company the user works in now: `user_companies.current_company`,
    /// or Odoo 16's `company_id` (the only hint for a portal user there).
    pub fn current_company_id(&self) -> Option<i64> {
        self.user_companies
            .as_ref()
            .map(|c| c.current_company)
            .or(self.company_id)
    }

    /// The current company's name, when the answer listed it.
    pub fn current_company_name(&self) -> Option<&str> {
        let companies = self.user_companies.as_ref()?;
        companies
            .allowed_companies
            .values()
            .find(|c| c.id == companies.current_company)
            .map(|c| c.name.as_str())
    }

    pub fn version(&self) -> ServerVersion {
        ServerVersion::from_parts(&self.server_version_info, &self.server_version)
    }
}

/// The server's version, from `server_version_info` (`[18, 0, 0, "final",
/// 0, ""]`) or the string (`"18.0-20250702"`, `"saas~17.2+e"`). Unknown
/// is `0.0`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServerVersion {
    pub major: u32,
    pub minor: u32,
    pub raw: String,
}

impl ServerVersion {
    pub fn from_parts(info: &[Value], raw: &str) -> ServerVersion {
        let part = |i: usize| match info.get(i) {
            Some(Value::Number(n)) => n.as_u64().and_then(|n| u32::try_from(n).ok()),
            // Odoo Online: ("saas~17", 2, …).
            Some(Value::String(s)) => leading_number(s.trim_start_matches("saas~")),
            _ => None,
        };
        match (part(0), part(1)) {
            (Some(major), Some(minor)) if major > 0 => ServerVersion {
                major,
                minor,
                raw: raw.to_string(),
            },
            _ => ServerVersion::parse(raw),
        }
    }

    pub fn parse(raw: &str) -> ServerVersion {
        let mut parts = raw
            .trim()
            .trim_start_matches("saas~")
            .splitn(3, |c: char| !c.is_ascii_digit());
        let major = parts.next().and_then(leading_number).unwrap_or(0);
        let minor = if major > 0 {
            parts.next().and_then(leading_number).unwrap_or(0)
        } else {
            0
        };
        ServerVersion {
            major,
            minor,
            raw: raw.to_string(),
        }
    }

    /// True when this is `major.minor` or later.
    pub fn at_least(&self, major: u32, minor: u32) -> bool {
        (self.major, self.minor) >= (major, minor)
    }

    pub fn is_known(&self) -> bool {
        self.major > 0
    }
}

impl fmt::Display for ServerVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.raw.is_empty() {
            write!(f, "{}.{}", self.major, self.minor)
        } else {
            f.write_str(&self.raw)
        }
    }
}

fn leading_number(s: &str) -> Option<u32> {
    let digits: &str = &s[..s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len())];
    digits.parse().ok()
}

fn list_or_empty<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Value>, D::Error> {
    Ok(false_as_none::<D, Vec<Value>>(d)?.unwrap_or_default())
}

fn context_or_default<'de, D: Deserializer<'de>>(d: D) -> Result<UserContext, D::Error> {
    Ok(false_as_none::<D, UserContext>(d)?.unwrap_or_default())
}

/// A company id: `1`, or `[1, "YourCompany"]` as Odoo 15 and earlier sent it.
fn company_id<'de, D: Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
    let v = Value::deserialize(d)?;
    let id = match &v {
        Value::Array(pair) => pair.first().and_then(Value::as_i64),
        other => other.as_i64(),
    };
    id.ok_or_else(|| de::Error::custom(format!("not a company id: {v}")))
}
