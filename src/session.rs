//! The session: one reactive value in context. Views derive from it and
//! never copy it. Sign-in, restore at start-up, sign-out, and expiry (from
//! any call, reported by `rpc`) all go through here.

use crate::{rpc, storage};
use leptos::prelude::*;
use odoo_rpc::{AuthOutcome, Error, SessionInfo};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Status {
    /// Asking the server whether the cookie is still good.
    Checking,
    SignedOut,
    /// Was signed in; a call found the session gone.
    Expired,
    SignedIn,
}

#[derive(Clone, Copy)]
pub struct Session {
    pub info: RwSignal<Option<SessionInfo>>,
    pub status: RwSignal<Status>,
    /// May this user edit contacts? Asked once per session; `None` until
    /// known (the edit buttons stay hidden until then).
    pub can_write: RwSignal<Option<bool>>,
}

impl Session {
    /// The session this device had opens the app at once, signed in (the
    /// pages draw what the device kept, in the first frames); [`restore`]
    /// then asks the server. With none, the app waits for that answer.
    ///
    /// [`restore`]: Session::restore
    pub fn provide() -> Session {
        let cached = storage::cached_session();
        let status = if cached.is_some() {
            Status::SignedIn
        } else {
            Status::Checking
        };
        let can_write = cached.as_ref().and_then(|_| storage::cached_can_write());
        let session = Session {
            info: RwSignal::new(cached),
            status: RwSignal::new(status),
            can_write: RwSignal::new(can_write),
        };
        provide_context(session);
        rpc::on_session_expired(move || session.expire());
        session
    }

    pub fn is_signed_in(&self) -> bool {
        self.status.get() == Status::SignedIn
    }

    /// Start-up: the server is asked about the session the app opened on
    /// (see [`Session::provide`]). Its answer confirms it, replaces it
    /// (another user's cookie) or ends it (expired: sign in, and back
    /// here). Without the network, or with Odoo away behind our server (a
    /// gateway error), it stands: signing the user out would lose their
    /// place.
    pub async fn restore(self) {
        let cached = self.info.get_untracked();
        match rpc::call(&staff_calls::session_info()).await {
            Ok(info) if info.uid > 0 => {
                if cached.is_some_and(|c| c.uid != info.uid || c.db != info.db) {
                    crate::offline::forget_everything().await;
                }
                self.set(Some(info));
            }
            Err(e) if e.is_unreachable() => {
                if self.status.get_untracked() == Status::Checking {
                    self.status.set(Status::SignedOut);
                }
            }
            // Another call may have found the session expired first: that
            // stands (the guard says so on the sign-in page).
            _ => match self.status.get_untracked() {
                Status::SignedIn => self.expire(),
                Status::Checking => {
                    self.info.set(None);
                    self.status.set(Status::SignedOut);
                }
                Status::Expired | Status::SignedOut => {}
            },
        }
    }

    pub async fn login(
        self,
        db: String,
        login: String,
        password: String,
    ) -> Result<AuthOutcome, Error> {
        storage::remember_login(&storage::LastLogin {
            db: db.clone(),
            login: login.clone(),
        });
        let outcome = rpc::call(&staff_calls::sign_in(&db, &login, &password)).await?;
        if let AuthOutcome::SignedIn(info) = &outcome {
            let previous = storage::cached_session();
            if previous.is_some_and(|p| p.uid != info.uid || p.db != info.db) {
                crate::offline::forget_everything().await;
            }
            self.set(Some(info.clone()));
        }
        Ok(outcome)
    }

    /// Ends the session on the server (best effort: offline, the local
    /// forgetting still happens) and forgets everything kept for the user.
    pub async fn logout(self) {
        // Signed out here first, so the server's answer to destroy (which
        // may be "session expired") is not taken for an expiry.
        self.set(None);
        let _ = rpc::call(&staff_calls::sign_out()).await;
        crate::offline::forget_everything().await;
    }

    fn set(self, info: Option<SessionInfo>) {
        let same_user = storage::cached_session()
            .zip(info.as_ref())
            .is_some_and(|(a, b)| a.uid == b.uid && a.db == b.db);
        if !same_user {
            storage::cache_can_write(None);
        }
        storage::cache_session(info.as_ref());
        let status = if info.is_some() {
            Status::SignedIn
        } else {
            Status::SignedOut
        };
        let signed_in = info.is_some();
        // The same again (a warm start confirmed) wakes nothing: the pages'
        // loads already running are not started over.
        if self.info.with_untracked(|i| *i != info) {
            self.info.set(info);
        }
        if self.status.get_untracked() != status {
            self.status.set(status);
        }
        self.can_write.set(storage::cached_can_write());
        if signed_in {
            leptos::task::spawn_local(self.ask_rights());
        }
    }

    /// Asks the server whether this user may write contacts (offline, the
    /// last answer on this device stands).
    async fn ask_rights(self) {
        let Some(version) = self
            .info
            .with_untracked(|i| i.as_ref().map(|i| i.version()))
        else {
            return;
        };
        let write = rpc::call(&staff_calls::may(&version, "write")).await;
        if let Ok(v) = write {
            let may = v.as_bool() == Some(true);
            storage::cache_can_write(Some(may));
            self.can_write.set(Some(may));
        }
    }

    /// Called once per expiry, from `rpc`; the app's guard then sends the
    /// user to sign in with the way back.
    pub fn expire(self) {
        if self.status.get_untracked() == Status::SignedIn {
            self.info.set(None);
            self.status.set(Status::Expired);
        }
    }
}

/// The databases a sign-in may name (an error when the server hides
/// them).
pub async fn databases() -> Result<Vec<String>, Error> {
    rpc::call(&staff_calls::databases()).await
}

pub fn use_session() -> Session {
    expect_context::<Session>()
}
