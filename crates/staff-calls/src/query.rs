//! The contacts list's state lives in the URL (`/partners?q=…&kind=…`);
//! this turns it into the domain of the version's own contacts search, and
//! back into a URL, and runs the same search on contacts kept offline.

use odoo_rpc::versions::Release;
use odoo_rpc::{Domain, Partner, ServerVersion};
use serde_json::json;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Kind {
    #[default]
    All,
    Companies,
    People,
}

impl Kind {
    pub fn parse(s: Option<&str>) -> Kind {
        match s {
            Some("companies") => Kind::Companies,
            Some("people") => Kind::People,
            _ => Kind::All,
        }
    }

    pub fn as_param(self) -> Option<&'static str> {
        match self {
            Kind::All => None,
            Kind::Companies => Some("companies"),
            Kind::People => Some("people"),
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct PartnerQuery {
    pub q: String,
    pub kind: Kind,
}

/// The contacts search for a server whose release is not known: the
/// fields of Odoo's own search that every release can search.
const SEARCH_ANY: &[(&str, &str)] = &[
    ("name", "ilike"),
    ("ref", "ilike"),
    ("email", "ilike"),
    ("vat", "ilike"),
    ("company_registry", "ilike"),
];

/// `(field, operator)` pairs, any of which finds a contact: what the
/// version's own contacts search reaches (res_partner_views.xml). A
/// static list, as the offline search asks for it once per kept contact;
/// `tests/query.rs` checks that every release can search each of
/// `SEARCH_ANY`.
pub fn search_terms(version: &ServerVersion) -> &'static [(&'static str, &'static str)] {
    Release::of(version).map_or(SEARCH_ANY, |r| r.contact_search)
}

impl PartnerQuery {
    pub fn new(q: &str, kind: Kind) -> Self {
        PartnerQuery {
            q: q.trim().to_string(),
            kind,
        }
    }

    /// The search for a server of `version`. Archived contacts stay
    /// hidden: Odoo's default `active_test` does that.
    pub fn domain(&self, version: &ServerVersion) -> Domain {
        let mut parts = Vec::new();
        match self.kind {
            Kind::All => {}
            Kind::Companies => parts.push(Domain::leaf("is_company", "=", json!(true))),
            Kind::People => parts.push(Domain::leaf("is_company", "=", json!(false))),
        }
        if !self.q.is_empty() {
            parts.push(Domain::or(
                search_terms(version)
                    .iter()
                    .map(|(f, op)| Domain::leaf(f, op, json!(self.q)))
                    .collect(),
            ));
        }
        Domain::and(parts)
    }

    pub fn url(&self) -> String {
        let mut params = Vec::new();
        if !self.q.is_empty() {
            params.push(format!("q={}", encode(&self.q)));
        }
        if let Some(k) = self.kind.as_param() {
            params.push(format!("kind={k}"));
        }
        if params.is_empty() {
            "/partners".to_string()
        } else {
            format!("/partners?{}", params.join("&"))
        }
    }
}

impl PartnerQuery {
    /// The same search as [`PartnerQuery::domain`], run on contacts kept
    /// on the device (offline): `ilike` ignores case, `=` does not, as
    /// PostgreSQL under Odoo does.
    pub fn matches(&self, version: &ServerVersion, p: &Partner) -> bool {
        let kind_ok = match self.kind {
            Kind::All => true,
            Kind::Companies => p.is_company,
            Kind::People => !p.is_company,
        };
        if !kind_ok {
            return false;
        }
        if self.q.is_empty() {
            return true;
        }
        let needle = self.q.to_lowercase();
        let with_company = p
            .parent_id
            .as_ref()
            .map(|m| format!("{}, {}", m.name, p.name));
        search_terms(version).iter().any(|(field, op)| {
            let value = match *field {
                "display_name" | "complete_name" => p
                    .display_name
                    .as_ref()
                    .or(with_company.as_ref())
                    .or(Some(&p.name)),
                "name" => Some(&p.name),
                "ref" => p.r#ref.as_ref(),
                "email" => p.email.as_ref(),
                "vat" => p.vat.as_ref(),
                "company_registry" => p.company_registry.as_ref(),
                _ => None,
            };
            value.is_some_and(|v| match *op {
                "=" => *v == self.q,
                _ => v.to_lowercase().contains(&needle),
            })
        })
    }
}

/// Percent-encodes a URL query component (RFC 3986 unreserved kept).
pub fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}
