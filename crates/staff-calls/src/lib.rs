//! Every Odoo call the staff app makes, built for the server it talks to:
//! the contacts list's pages, a contact's card, sign-in and sign-out. Pure
//! (no I/O), so the calls are checked natively, on every supported version,
//! against odoo-rpc's version table and against demo-odoo started as that
//! version (`tests/every_call.rs`). It knows what the app's screens need
//! and never how they are drawn; it must not depend on the app, on
//! demo-odoo or on any I/O.

pub mod query;

use odoo_rpc::versions::Release;
use odoo_rpc::{
    Authenticate, DatabaseList, DestroySession, Domain, GetSessionInfo, Partner, Read, SearchOpts,
    SearchRead, ServerVersion, VersionInfo, WebSearchPlan,
};
use query::PartnerQuery;
use serde_json::json;
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
