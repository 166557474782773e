//! What the app keeps in localStorage: the last database and login (never
//! the password), and the last session's public facts, so the app can
//! open offline for the same user.

use odoo_rpc::SessionInfo;

const LAST_DB: &str = "staff-pwa.db";
const LAST_LOGIN: &str = "staff-pwa.login";
/// Where earlier versions kept both as JSON: dropped when next written.
const LEGACY_LAST_LOGIN: &str = "staff-pwa.last-login";
const LAST_SESSION: &str = "staff-pwa.session";
const CAN_WRITE: &str = "staff-pwa.can-write";
const LANGUAGE: &str = "staff-pwa.lang";
const DATABASES: &str = "staff-pwa.databases";

fn local() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct LastLogin {
    pub db: String,
    pub login: String,
}

pub fn last_login() -> LastLogin {
    let get = |key| {
        local()
            .and_then(|s| s.get_item(key).ok().flatten())
            .unwrap_or_default()
    };
    LastLogin {
        db: get(LAST_DB),
        login: get(LAST_LOGIN),
    }
}

pub fn remember_login(last: &LastLogin) {
    if let Some(s) = local() {
        let _ = s.set_item(LAST_DB, &last.db);
        let _ = s.set_item(LAST_LOGIN, &last.login);
        let _ = s.remove_item(LEGACY_LAST_LOGIN);
    }
}

/// The server's last answer to "which databases?": `Some(None)` when it
/// listed none (or hid them); `None` when never asked here. The sign-in
/// form draws its database field from it at once, until the server's
/// new answer (asked once the form is up) replaces it.
pub fn last_databases() -> Option<Option<Vec<String>>> {
    let raw = local()?.get_item(DATABASES).ok().flatten()?;
    // One name a line (Odoo's database names have no line breaks).
    Some((!raw.is_empty()).then(|| raw.lines().map(str::to_string).collect()))
}

pub fn remember_databases(listed: Option<&[String]>) {
    if let Some(s) = local() {
        let _ = s.set_item(DATABASES, &listed.map(|l| l.join("\n")).unwrap_or_default());
    }
}

/// Whether a session is kept (read without decoding it: the decoder is in
/// a part, see `session`).
pub fn has_session() -> bool {
    local().is_some_and(|s| s.get_item(LAST_SESSION).ok().flatten().is_some())
}

/// Read with the decoder of the server's answers (one decoder in the app).
pub fn cached_session() -> Option<SessionInfo> {
    let raw = local()?.get_item(LAST_SESSION).ok().flatten()?;
    SessionInfo::from_json(&serde_json::from_str(&raw).ok()?).ok()
}

pub fn cache_session(info: &SessionInfo) {
    if let (Some(s), Ok(v)) = (local(), serde_json::to_string(info)) {
        let _ = s.set_item(LAST_SESSION, &v);
    }
}

pub fn forget_session() {
    if let Some(s) = local() {
        let _ = s.remove_item(LAST_SESSION);
    }
}

/// The last answer to "may this user edit contacts?", for the session
/// cached beside it.
pub fn cached_can_write() -> Option<bool> {
    let raw = local()?.get_item(CAN_WRITE).ok().flatten()?;
    Some(raw == "1")
}

pub fn cache_can_write(may: Option<bool>) {
    let Some(s) = local() else { return };
    let _ = match may {
        Some(m) => s.set_item(CAN_WRITE, if m { "1" } else { "0" }),
        None => s.remove_item(CAN_WRITE),
    };
}

/// The last catalogue this device loaded: the one to fall back on when
/// the wanted one cannot be had (offline, and never fetched here).
pub fn last_language() -> Option<&'static str> {
    let raw = local()?.get_item(LANGUAGE).ok().flatten()?;
    crate::i18n::LANGUAGES.iter().copied().find(|l| *l == raw)
}

pub fn remember_language(lang: &str) {
    if let Some(s) = local() {
        let _ = s.set_item(LANGUAGE, lang);
    }
}
