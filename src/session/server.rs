//! What the session says to Odoo, and its copy on the device: in the
//! contacts part (see `crate::parts`), with the transport and every
//! decoder, so that the sign-in form is shown without them.

use super::{Session, Status};
use crate::parts::{part, Pending};
use crate::{rpc, storage};
use leptos::prelude::*;
use leptos::task::spawn_local;
use odoo_rpc::{AuthOutcome, Error, SessionInfo};

part! { contacts:
    /// Opens the app on the session this device kept, then asks the
    /// server about it; false when there is none it can read.
    pub fn open(session: Session) -> Pending<bool> {
        Box::pin(async move {
            let Some(info) = storage::cached_session() else {
                return false;
            };
            adopt(session, info);
            restore(session).await;
            true
        })
    }
}

part! { contacts:
    /// No session on this device: if the browser's cookie is one (signed
    /// in with Odoo's own client), the app opens on it.
    pub fn check(session: Session) -> Pending<()> {
        Box::pin(async move {
            let asked = session.epoch();
            if let Ok(info) = rpc::call(&staff_calls::session_info()).await {
                // Signed in (or out) by hand meanwhile: that stands.
                if info.uid > 0 && session.is_current(asked) {
                    take(session, info).await;
                }
            }
        })
    }
}

part! { contacts:
    pub fn sign_in(session: Session, db: String, login: String, password: String) -> Pending<Result<AuthOutcome, Error>> {
        Box::pin(async move {
            let asked = session.epoch();
            let outcome = rpc::call(&staff_calls::sign_in(&db, &login, &password)).await?;
            if let (AuthOutcome::SignedIn(info), true) = (&outcome, session.is_current(asked)) {
                take(session, info.clone()).await;
            }
            Ok(outcome)
        })
    }
}

part! { contacts:
    pub fn sign_out() -> Pending<()> {
        Box::pin(async {
            let _ = rpc::call(&staff_calls::sign_out()).await;
        })
    }
}

part! { contacts:
    pub fn databases() -> Pending<Result<Vec<String>, Error>> {
        Box::pin(async { rpc::call(&staff_calls::databases()).await })
    }
}

/// The server's answer about the session the app opened on confirms it,
/// replaces it (another user's cookie) or ends it (expired: sign in, and
/// back here). Without the network, or with Odoo away behind our server
/// (a gateway error), it stands: signing the user out would lose their
/// place.
async fn restore(session: Session) {
    let asked = session.epoch();
    let answer = rpc::call(&staff_calls::session_info()).await;
    // Signed out (and maybe in again) meanwhile, or already found
    // expired: that stands.
    if !session.is_current(asked) {
        return;
    }
    match answer {
        Ok(info) if info.uid > 0 => take(session, info).await,
        Err(e) if e.is_unreachable() => {}
        _ => session.expire(),
    }
}

/// A session the server gave becomes the app's and the device's copy.
/// Another user's than the device kept: everything kept for the last one
/// (contacts, avatars, rights) goes first.
async fn take(session: Session, info: SessionInfo) {
    let kept = storage::cached_session();
    if !kept
        .as_ref()
        .is_some_and(|k| k.uid == info.uid && k.db == info.db)
    {
        if kept.is_some() {
            crate::offline::forget_everything().await;
        }
        storage::cache_can_write(None);
    }
    storage::cache_session(&info);
    adopt(session, info);
}

/// `info` becomes the app's session: signed in.
fn adopt(session: Session, info: SessionInfo) {
    // The same again (a warm start confirmed) wakes nothing: the pages'
    // loads already running are not started over, nor the rights asked
    // twice.
    let new = session.info.with_untracked(|i| i.as_ref() != Some(&info));
    if new {
        session.info.set(Some(info));
    }
    if session.status.get_untracked() != Status::SignedIn {
        session.status.set(Status::SignedIn);
    }
    session.can_write.set(storage::cached_can_write());
    if new {
        spawn_local(ask_rights(session));
    }
}

/// Asks the server whether this user may write contacts (offline, the
/// last answer on this device stands).
async fn ask_rights(session: Session) {
    let Some(version) = session
        .info
        .with_untracked(|i| i.as_ref().map(|i| i.version()))
    else {
        return;
    };
    let asked = session.epoch();
    if let (Ok(v), true) = (
        rpc::call(&staff_calls::may(&version, "write")).await,
        session.is_current(asked),
    ) {
        let may = v.as_bool() == Some(true);
        storage::cache_can_write(Some(may));
        session.can_write.set(Some(may));
    }
}
