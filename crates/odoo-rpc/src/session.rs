//! What a sign-in (or `get_session_info`) answer carries, across Odoo 16
//! to 19. Odoo adds and drops keys between versions (18 dropped
//! `company_id` and `user_id`; a portal user has no `user_companies`):
//! unknown keys are ignored, optional ones may be missing or `false`.

use crate::fields::{deserialize_with_from_json, wrong, Fields};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;
use std::fmt;

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SessionInfo {
    pub uid: i64,
    pub name: String,
    /// The login.
    pub username: String,
    pub db: String,
    pub partner_id: Option<i64>,
    pub partner_display_name: Option<String>,
    /// Odoo 16 only; later versions: `user_companies.current_company`.
    pub company_id: Option<i64>,
    /// Absent for portal users.
    pub user_companies: Option<UserCompanies>,
    pub server_version: String,
    /// `[18, 0, 0, "final", 0, ""]`; `["saas~17", 2, …]` on Odoo Online.
    pub server_version_info: Vec<Value>,
    pub user_context: UserContext,
    pub is_admin: bool,
    pub is_system: bool,
    /// Odoo 17+ only (`false` is an answer here, not "empty").
    pub is_internal_user: Option<bool>,
    #[serde(rename = "web.base.url")]
    pub web_base_url: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct UserContext {
    pub lang: Option<String>,
    /// `false` when the user set no time zone.
    pub tz: Option<String>,
    pub uid: Option<i64>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct UserCompanies {
    pub current_company: i64,
    /// Keyed by the company id as a string, as Odoo sends it.
    pub allowed_companies: BTreeMap<String, Company>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Company {
    pub id: i64,
    pub name: String,
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

deserialize_with_from_json!(SessionInfo);

impl SessionInfo {
    /// Decodes a sign-in or `get_session_info` answer (or what this type
    /// serializes to, as the app caches it). By hand rather than derived:
    /// it keeps the app's WebAssembly smaller.
    pub fn from_json(v: &Value) -> Result<SessionInfo, String> {
        let f = Fields::of(v, "session info")?;
        let db = match v.get("db") {
            Some(Value::String(db)) => db.clone(),
            Some(other) => return Err(wrong("db", "text", other)),
            None => return Err("missing field `db`".into()),
        };
        let user_context = match f.present("user_context") {
            None => UserContext::default(),
            Some(c) => {
                let c = Fields::of(c, "`user_context`")?;
                UserContext {
                    lang: c.text("lang")?,
                    tz: c.text("tz")?,
                    uid: c.int("uid")?,
                }
            }
        };
        let user_companies = f
            .present("user_companies")
            .map(UserCompanies::from_json)
            .transpose()?;
        Ok(SessionInfo {
            uid: f.required_int("uid")?,
            name: f.text("name")?.unwrap_or_default(),
            username: f.text("username")?.unwrap_or_default(),
            db,
            partner_id: f.int("partner_id")?,
            partner_display_name: f.text("partner_display_name")?,
            company_id: f.int("company_id")?,
            user_companies,
            server_version: f.text("server_version")?.unwrap_or_default(),
            server_version_info: f.list("server_version_info")?.to_vec(),
            user_context,
            is_admin: f.flag("is_admin")?.unwrap_or(false),
            is_system: f.flag("is_system")?.unwrap_or(false),
            is_internal_user: f.flag("is_internal_user")?,
            web_base_url: f.text("web.base.url")?,
        })
    }
}

impl UserCompanies {
    fn from_json(v: &Value) -> Result<UserCompanies, String> {
        let f = Fields::of(v, "`user_companies`")?;
        // `1`, or `[1, "YourCompany"]` as Odoo 15 and earlier sent it.
        let current_company = match v.get("current_company") {
            Some(Value::Array(pair)) => pair.first().and_then(Value::as_i64),
            Some(other) => other.as_i64(),
            None => None,
        }
        .ok_or("`user_companies.current_company`: not a company id")?;
        let mut allowed_companies = BTreeMap::new();
        if let Some(all) = f.present("allowed_companies") {
            for (key, company) in Fields::of(all, "`allowed_companies`")?.iter() {
                let c = Fields::of(company, "an allowed company")?;
                allowed_companies.insert(
                    key.clone(),
                    Company {
                        id: c.required_int("id")?,
                        name: c.text("name")?.unwrap_or_default(),
                        sequence: c.int("sequence")?.unwrap_or(0),
                    },
                );
            }
        }
        Ok(UserCompanies {
            current_company,
            allowed_companies,
        })
    }
}
