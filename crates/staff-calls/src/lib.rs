//! Every Odoo call the staff app makes, built for the server it talks to:
//! the contacts list's pages, a contact's card, sign-in and sign-out. Pure
//! (no I/O), so the calls are checked natively, on every supported version,
//! against odoo-rpc's version table and against demo-odoo started as that
//! version (`tests/every_call.rs`). It knows what the app's screens need
//! and never how they are drawn. It must not depend on the app, on
//! anything browser-only (wasm-bindgen, web-sys), on a server (demo-odoo,
//! pwa-server, axum) or on any I/O: that is what lets the same calls be
//! checked natively and sent by the app.

pub mod edit;
pub mod outbox;
pub mod query;
pub mod text;

use odoo_rpc::versions::Release;
use odoo_rpc::AccessProbe;
use odoo_rpc::{
    specification_for, Authenticate, Create, DatabaseList, DestroySession, Domain, GetSessionInfo,
    NameCreate, NameSearch, Partner, Read, SearchOpts, SearchRead, ServerVersion, VersionInfo,
    WebSave, WebSearchPlan, Write,
};
use query::PartnerQuery;
use serde_json::json;
use serde_json::{Map, Value};
use std::cmp::Reverse;

pub const PARTNER: &str = "res.partner";

/// Contacts per page of the list.
pub const PAGE: u64 = 80;

/// How many of a company's people its card lists.
pub const PEOPLE: u64 = 200;

pub fn sign_in(db: &str, login: &str, password: &str) -> Authenticate {
    Authenticate {
        db: db.into(),
        login: login.into(),
        password: password.into(),
    }
}

pub fn session_info() -> GetSessionInfo {
    GetSessionInfo
}

pub fn databases() -> DatabaseList {
    DatabaseList
}

pub fn sign_out() -> DestroySession {
    DestroySession
}

/// Asked while the server seems gone: it answers signed out, and cheaply.
pub fn reachability() -> VersionInfo {
    VersionInfo
}

/// The order of Odoo's own contacts list on `version` (its `_order`), or
/// `None` to let a server of unknown version use its own.
pub fn contacts_order(version: &ServerVersion) -> Option<&'static str> {
    Release::of(version).map(|r| r.partner_order)
}

/// One page of the list for `query`, from `offset`: records and the total
/// in one round trip where the version allows.
pub fn contacts_page(
    version: &ServerVersion,
    query: &PartnerQuery,
    offset: u64,
) -> WebSearchPlan<Partner> {
    WebSearchPlan::for_version(
        version,
        PARTNER,
        query.domain(version),
        Partner::list_fields(version),
        SearchOpts {
            offset,
            limit: Some(PAGE),
            order: contacts_order(version).map(str::to_string),
            ..SearchOpts::default()
        },
    )
}

/// A contact's card.
pub fn contact(version: &ServerVersion, id: i64) -> Read<Partner> {
    Read::new(PARTNER, vec![id], Partner::card_fields(version))
}

/// A company's people, for its card.
pub fn people_of(version: &ServerVersion, company: i64) -> SearchRead<Partner> {
    SearchRead::new(
        PARTNER,
        Domain::leaf("parent_id", "=", json!(company)),
        Partner::list_fields(version),
        SearchOpts {
            limit: Some(PEOPLE),
            order: Some("name ASC".into()),
            ..SearchOpts::default()
        },
    )
}

/// A contact's picture. `unique` (the last write) makes Odoo answer with a
/// year-long immutable cache, and a new one after each change.
pub fn avatar_url(p: &Partner) -> String {
    let unique: String = p
        .write_date
        .as_deref()
        .unwrap_or("")
        .chars()
        .filter(char::is_ascii_digit)
        .collect();
    format!("/web/image/res.partner/{}/avatar_128?unique={unique}", p.id)
}

/// Contacts kept on the device, in the order the server lists them: by the
/// name with the company in front (16's stored `display_name`, 17's
/// `complete_name`: the same text for a contact), then the newest first.
pub fn sort_kept(rows: &mut [Partner]) {
    rows.sort_by_cached_key(|p| (sort_name(p), Reverse(p.id)));
}

fn sort_name(p: &Partner) -> String {
    match (&p.display_name, &p.parent_id) {
        (Some(d), _) if !d.is_empty() => d.to_lowercase(),
        (_, Some(company)) if !company.name.is_empty() => {
            format!("{}, {}", company.name, p.name).to_lowercase()
        }
        _ => p.name.to_lowercase(),
    }
}

/// How a contact is saved on a version: in one round trip that answers
/// the saved record where `web_save` exists (17+), else `C` (`create` or
/// `write`) and then [`contact`] to read it back (16).
#[derive(Clone, Debug)]
pub enum Save<C> {
    WebSave(WebSave<Partner>),
    Then(C),
}

fn web_save(
    version: &ServerVersion,
    id: Option<i64>,
    vals: &Map<String, Value>,
) -> Option<WebSave<Partner>> {
    Release::of(version).filter(|r| r.web_read).map(|_| {
        let spec = specification_for(&Partner::card_fields(version));
        WebSave::new(PARTNER, id, vals.clone(), spec)
    })
}

/// Creates a contact with `vals` ([`edit::wire_values`]).
pub fn create(version: &ServerVersion, vals: Map<String, Value>) -> Save<Create> {
    match web_save(version, None, &vals) {
        Some(call) => Save::WebSave(call),
        None => Save::Then(Create::create(PARTNER, vals)),
    }
}

/// Writes `vals` on contact `id`.
pub fn update(version: &ServerVersion, id: i64, vals: Map<String, Value>) -> Save<Write> {
    match web_save(version, Some(id), &vals) {
        Some(call) => Save::WebSave(call),
        None => Save::Then(Write::write(PARTNER, &[id], vals)),
    }
}

/// Whether the signed-in user may `op` (`"write"`, `"create"`) contacts:
/// `true` or `false`, never an error for "no". Asked once per session.
pub fn may(version: &ServerVersion, op: &str) -> odoo_rpc::CallKw {
    let probe = Release::of(version).map_or(AccessProbe::HasAccess, |r| r.access_probe);
    let args = match probe {
        AccessProbe::CheckAccessRights => vec![json!(op), json!(false)],
        AccessProbe::HasAccess => vec![json!([]), json!(op)],
    };
    let method = match probe {
        AccessProbe::CheckAccessRights => "check_access_rights",
        AccessProbe::HasAccess => "has_access",
    };
    odoo_rpc::CallKw::new(PARTNER, method, args, Map::new(), odoo_rpc::CallKind::Read)
}

/// Archives (`active` false) or restores contact `id`.
pub fn set_active(id: i64, active: bool) -> Write {
    Write::set_active(PARTNER, &[id], active)
}

/// How many choices a picker offers.
pub const CHOICES: u64 = 8;

/// The companies whose name matches `text`, for the company picker.
pub fn companies_named(text: &str) -> NameSearch {
    NameSearch::new(
        PARTNER,
        text,
        Domain::leaf("is_company", "=", json!(true)),
        CHOICES,
    )
}

/// The records of `model` (countries, tags) whose name matches `text`.
pub fn named(model: &str, text: &str) -> NameSearch {
    NameSearch::new(model, text, Domain::All, CHOICES)
}

/// A tag made from its name.
pub fn new_tag(name: &str) -> NameCreate {
    NameCreate::name_create(edit::TAG_MODEL, name)
}

/// The tags named exactly `name`: asked before creating one, so that a
/// repeat after a lost answer finds it rather than making it twice.
pub fn tags_named(name: &str) -> SearchRead<odoo_rpc::Tag> {
    SearchRead::new(
        edit::TAG_MODEL,
        Domain::leaf("name", "=", json!(name)),
        vec!["display_name".into()],
        SearchOpts {
            limit: Some(1),
            ..SearchOpts::default()
        },
    )
}

/// Contacts that `uid` created since `since` (`"YYYY-MM-DD HH:MM:SS"`,
/// UTC) with exactly these values, other than `claimed`: how a create
/// whose answer was lost is recognised before it is sent again. Nothing
/// is written into the contact to know it by: what the user typed, who
/// created it and when are enough.
pub fn created_like(
    version: &ServerVersion,
    uid: i64,
    since: &str,
    vals: &Map<String, Value>,
    claimed: &[i64],
) -> SearchRead<Partner> {
    let mut parts = vec![
        Domain::leaf("create_uid", "=", json!(uid)),
        Domain::leaf("create_date", ">=", json!(since)),
    ];
    for field in ["name", "is_company", "parent_id", "email", "phone"] {
        if let Some(v) = vals.get(field) {
            parts.push(Domain::leaf(field, "=", v.clone()));
        }
    }
    if !claimed.is_empty() {
        parts.push(Domain::leaf("id", "not in", json!(claimed)));
    }
    let domain = Domain::and(parts);
    SearchRead::new(
        PARTNER,
        domain,
        Partner::card_fields(version),
        SearchOpts {
            limit: Some(1),
            order: Some("id DESC".into()),
            ..SearchOpts::default()
        },
    )
}
