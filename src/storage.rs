//! What the app keeps in localStorage: the last database and login (never
//! the password), and the last session's public facts, so the app can
//! open offline for the same user.

use odoo_rpc::SessionInfo;
use serde::{Deserialize, Serialize};

const LAST_LOGIN: &str = "staff-pwa.last-login";
const LAST_SESSION: &str = "staff-pwa.session";

fn local() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct LastLogin {
    pub db: String,
    pub login: String,
}

pub fn last_login() -> LastLogin {
    local()
        .and_then(|s| s.get_item(LAST_LOGIN).ok().flatten())
        .and_then(|v| serde_json::from_str(&v).ok())
        .unwrap_or_default()
}

pub fn remember_login(last: &LastLogin) {
    if let (Some(s), Ok(v)) = (local(), serde_json::to_string(last)) {
        let _ = s.set_item(LAST_LOGIN, &v);
    }
}

pub fn cached_session() -> Option<SessionInfo> {
    let raw = local()?.get_item(LAST_SESSION).ok().flatten()?;
    serde_json::from_str(&raw).ok()
}

pub fn cache_session(info: Option<&SessionInfo>) {
    let Some(s) = local() else { return };
    match info.and_then(|i| serde_json::to_string(i).ok()) {
        Some(v) => {
            let _ = s.set_item(LAST_SESSION, &v);
        }
        None => {
            let _ = s.remove_item(LAST_SESSION);
        }
    }
}
