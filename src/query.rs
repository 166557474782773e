//! The contacts list's state lives in the URL (`/partners?q=…&kind=…`);
//! this turns it into an Odoo domain and back into a URL. Pure functions.

use odoo_rpc::{Domain, ServerVersion};
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

    pub fn label(self) -> &'static str {
        match self {
            Kind::All => "All",
            Kind::Companies => "Companies",
            Kind::People => "People",
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct PartnerQuery {
    pub q: String,
    pub kind: Kind,
}

/// Odoo's own contacts search reaches these (res_partner_views.xml).
pub const SEARCH_FIELDS: [&str; 5] = ["complete_name", "ref", "email", "vat", "company_registry"];

/// `company_registry` is a field of every contact only from Odoo 17 (in
/// 16 it belongs to the company model and to some localisations); a
/// domain naming a field the server lacks fails the whole search.
fn search_fields(version: &ServerVersion) -> &'static [&'static str] {
    if version.is_known() && !version.at_least(17, 0) {
        &SEARCH_FIELDS[..4]
    } else {
        &SEARCH_FIELDS
    }
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
                search_fields(version)
                    .iter()
                    .map(|f| Domain::leaf(f, "ilike", json!(self.q)))
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
    /// The same search, run on contacts kept on the device (offline).
    pub fn matches(&self, p: &odoo_rpc::Partner) -> bool {
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
        let company = p
            .parent_id
            .as_ref()
            .map(|m| format!("{}, {}", m.name, p.name));
        let fields = [
            Some(&p.name),
            company.as_ref(),
            p.email.as_ref(),
            p.r#ref.as_ref(),
            p.vat.as_ref(),
            p.company_registry.as_ref(),
        ];
        fields
            .iter()
            .flatten()
            .any(|v| v.to_lowercase().contains(&needle))
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

/// Odoo's notes are HTML; we show them as text, never as markup.
pub fn html_to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    let mut tag = String::new();
    for c in html.chars() {
        match (in_tag, c) {
            (false, '<') => {
                in_tag = true;
                tag.clear();
            }
            (true, '>') => {
                in_tag = false;
                let name = tag
                    .trim_start_matches('/')
                    .split_whitespace()
                    .next()
                    .unwrap_or("");
                if matches!(
                    name.to_ascii_lowercase().as_str(),
                    "br" | "p" | "div" | "li" | "br/"
                ) {
                    out.push('\n');
                }
            }
            (true, c) => tag.push(c),
            (false, c) => out.push(c),
        }
    }
    let decoded = out
        .replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
    decoded
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}
