//! The session: one reactive value in context. Views derive from it and
//! never copy it. Sign-in, the start-up, sign-out, and expiry (from any
//! call, reported by `rpc`) all go through here.
//!
//! What the session says to Odoo, and its copy on the device (JSON both),
//! is code the sign-in form does not need to be shown: it is in the
//! contacts part ([`server`]), which comes once the first screen is up.

mod server;

use crate::parts::{run, PartMissing};
use crate::{rpc, storage};
use leptos::prelude::*;
use odoo_rpc::{AuthOutcome, Error, SessionInfo};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Status {
    /// The session this device kept is being read (its decoder is in a
    /// part, from the device): nothing is decided yet, pages wait.
    Opening,
    SignedOut,
    /// Was signed in; a call found the session gone.
    Expired,
    SignedIn,
}

/// How soon a session whose part could not be fetched is read again (then
/// twice as long each time, up to the second figure; at once when a page
/// fetches a part).
const PART_RETRY_MS: u32 = 2_000;
const MAX_PART_RETRY_MS: u32 = 60_000;

/// What a sign-in came to: Odoo's answer, or its code could not be
/// fetched.
pub type SignIn = Result<Result<AuthOutcome, Error>, PartMissing>;

#[derive(Clone, Copy)]
pub struct Session {
    pub info: RwSignal<Option<SessionInfo>>,
    pub status: RwSignal<Status>,
    /// May this user edit contacts? Asked once per session; `None` until
    /// known (the edit buttons stay hidden until then).
    pub can_write: RwSignal<Option<bool>>,
    /// Counts sign-ins, sign-outs and expiries: an answer asked for before
    /// the latest is stale (a slow check must not sign back in a user who
    /// left, nor the rights of one user land on the next).
    epoch: StoredValue<u32>,
}

impl Session {
    /// With a session kept on this device the app opens on it (see
    /// [`Session::start`]); without one, on the sign-in form at once.
    pub fn provide() -> Session {
        let status = if storage::has_session() {
            Status::Opening
        } else {
            Status::SignedOut
        };
        let session = Session {
            info: RwSignal::new(None),
            status: RwSignal::new(status),
            can_write: RwSignal::new(None),
            epoch: StoredValue::new(0),
        };
        provide_context(session);
        rpc::on_session_expired(move || session.expire());
        session
    }

    /// Start-up. The device's session opens the app signed in (the pages
    /// draw what the device kept, in the first frames), then the server is
    /// asked about it. Without one, once the first screen is up, the
    /// server is asked whether the browser's cookie is a session (signed
    /// in with Odoo's own client): if so the app goes on to where the user
    /// was going.
    pub async fn start(self) {
        if self.status.get_untracked() == Status::Opening {
            let mut wait = PART_RETRY_MS;
            loop {
                match run(server::open(self)).await {
                    Ok(true) => return,
                    // Unreadable: forgotten, and sign in.
                    Ok(false) => break,
                    // Its code cannot be fetched (offline and never kept,
                    // or a tab left on an older version): the page says
                    // so, and the session stays the device's until it can
                    // be read (the user's place and changes with it).
                    Err(PartMissing) => {
                        crate::parts::retry_after(wait).await;
                        wait = (wait * 2).min(MAX_PART_RETRY_MS);
                    }
                }
            }
            storage::forget_session();
            self.status.set(Status::SignedOut);
        }
        crate::parts::after_first_screen().await;
        let _ = run(server::check(self)).await;
    }

    pub fn is_signed_in(&self) -> bool {
        self.status.get() == Status::SignedIn
    }

    pub async fn login(self, db: String, login: String, password: String) -> SignIn {
        self.next_epoch();
        storage::remember_login(&storage::LastLogin {
            db: db.clone(),
            login: login.clone(),
        });
        run(server::sign_in(self, db, login, password)).await
    }

    /// Ends the session on the server (best effort: offline, the local
    /// forgetting still happens) and forgets everything kept for the user.
    pub async fn logout(self) {
        // Signed out here first, so the server's answer to destroy (which
        // may be "session expired") is not taken for an expiry.
        self.next_epoch();
        storage::forget_session();
        storage::cache_can_write(None);
        self.info.set(None);
        self.status.set(Status::SignedOut);
        self.can_write.set(None);
        let _ = run(server::sign_out()).await;
        crate::offline::forget_everything().await;
    }

    /// Called once per expiry, from `rpc`; the app's guard then sends the
    /// user to sign in with the way back.
    pub fn expire(self) {
        if self.status.get_untracked() == Status::SignedIn {
            self.next_epoch();
            self.info.set(None);
            self.status.set(Status::Expired);
        }
    }

    fn next_epoch(self) {
        self.epoch.update_value(|e| *e = e.wrapping_add(1));
    }

    /// The current epoch, for an answer to be checked against (see
    /// [`Session::is_current`]).
    fn epoch(self) -> u32 {
        self.epoch.get_value()
    }

    /// No sign-in, sign-out or expiry since `epoch`.
    fn is_current(self, epoch: u32) -> bool {
        self.epoch.get_value() == epoch
    }
}

/// The databases a sign-in may name, `Ok(None)` when the server hides
/// them; `Err` when it could not be asked (no network, Odoo away, or the
/// code for asking not fetched), which says nothing of its answer.
pub async fn databases() -> Result<Option<Vec<String>>, ()> {
    match run(server::databases()).await {
        Ok(Ok(list)) => Ok(Some(list)),
        Ok(Err(e)) if !e.is_unreachable() => Ok(None),
        _ => Err(()),
    }
}

/// For a page's resource, which tracks `status`: whether signed in. While
/// the device's session is still being read it does not answer (the
/// resource starts again once it is read), so that a page never says
/// "signed out" or "not found" meanwhile.
pub async fn opened(status: Status) -> bool {
    if status == Status::Opening {
        std::future::pending::<()>().await;
    }
    status == Status::SignedIn
}

pub fn use_session() -> Session {
    expect_context::<Session>()
}
