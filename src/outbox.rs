//! The user's changes until the server has them: kept on the device
//! (`offline::outbox_store`) before anything is sent, sent in order by
//! `staff_calls::outbox`, again after a reload, a reconnect or a failure
//! (with a growing wait), and only ever for the user who made them.

use crate::contacts::owner;
use crate::offline::network::use_network;
use crate::offline::outbox_store;
use crate::offline::store::Owner;
use crate::parts::{part, run, PartMissing, Pending};
use crate::rpc::{self, CallOpts};
use crate::session::Session;
use leptos::prelude::*;
use leptos::task::spawn_local;
use odoo_rpc::{Error, Partner};
use staff_calls::edit::Values;
use staff_calls::outbox::{self, Change, Ctx, Env, Request, Status};

const FIRST_RETRY_MS: u32 = 2_000;
const MAX_RETRY_MS: u32 = 60_000;

#[derive(Clone, Copy)]
pub struct Outbox {
    /// The signed-in user's changes, oldest first; saved ones stay for
    /// this page's life, to say "Saved".
    pub changes: RwSignal<Vec<Change>>,
    /// `changes` holds what the device kept for this user (false while it
    /// loads after start-up or a new sign-in).
    pub ready: RwSignal<bool>,
    /// A drain is running.
    sending: StoredValue<bool>,
    /// Whose changes `changes` are.
    owner: StoredValue<Option<Owner>>,
    /// A retry is waiting.
    retry_at: StoredValue<Option<u32>>,
    session: Session,
}

/// Now as Odoo writes it, UTC.
fn now_utc() -> String {
    let iso: String = js_sys::Date::new_0().to_iso_string().into();
    // "2026-11-30T10:00:00.000Z" → "2026-11-30 10:00:00"
    iso.get(..19).unwrap_or_default().replacen('T', " ", 1)
}

thread_local! {
    static COUNTER: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

/// A key that sorts in the order changes were made on this device.
fn new_key() -> String {
    let n = COUNTER.with(|c| {
        c.set(c.get().wrapping_add(1));
        c.get()
    });
    format!("{:015}-{n:06}", js_sys::Date::now() as u64)
}

/// Sends one change of `owner`'s, for as long as it is theirs to send.
struct Device {
    owner: Owner,
    outbox: Outbox,
    key: String,
}

impl Env for Device {
    async fn send(&self, r: Request) -> Result<serde_json::Value, Error> {
        // Discarded, or its user signed out, since its sending began (a
        // read may have waited for the server meanwhile): nothing more of
        // it goes out.
        let signed_in =
            self.outbox.session.status.get_untracked() == crate::session::Status::SignedIn;
        if !signed_in || !self.outbox.holds(&self.key) {
            return Err(Error::Cancelled);
        }
        rpc::send_parts(
            r.path,
            &r.params,
            r.kind,
            r.needs_session,
            &CallOpts::default(),
        )
        .await
    }

    async fn keep(&self, change: &Change) {
        // Discarded while it was being sent: it stays discarded.
        if self.outbox.holds(&self.key) {
            outbox_store::put(&self.owner, change).await;
        }
    }
}

impl Outbox {
    pub fn provide(session: Session) -> Outbox {
        let o = Outbox {
            changes: RwSignal::new(Vec::new()),
            ready: RwSignal::new(false),
            sending: StoredValue::new(false),
            owner: StoredValue::new(None),
            retry_at: StoredValue::new(None),
            session,
        };
        provide_context(o);
        let network = use_network();
        // A new user (or none): their own changes, never another's.
        Effect::new(move |_| {
            session.info.track();
            let now = owner(session);
            if o.owner.get_value() != now {
                o.owner.set_value(now.clone());
                o.changes.set(Vec::new());
                o.ready.set(now.is_none());
                if let Some(who) = now {
                    spawn_local(async move {
                        let Some(kept) = o.kept_changes(&who).await else {
                            return;
                        };
                        if o.owner.get_value().as_ref() == Some(&who) {
                            // Saves made while the device's list was loading
                            // are newer than it: keep them, after it.
                            o.changes.update(|now| {
                                let mut all = kept;
                                all.retain(|k| !now.iter().any(|c| c.key == k.key));
                                all.append(now);
                                *now = all;
                            });
                            o.ready.set(true);
                            o.drain();
                        }
                    });
                }
            }
        });
        // Back online: send what waits.
        Effect::new(move |was: Option<bool>| {
            let now = network.reachable.get();
            if was == Some(false) && now {
                o.drain();
            }
            now
        });
        o
    }

    /// The device's unsent changes of `who`. Reading them is in the
    /// contacts part (a signed-out first visit does not need it): while
    /// that cannot be fetched, tried again every few seconds, until it can
    /// or `who` is no longer the user (None).
    async fn kept_changes(self, who: &Owner) -> Option<Vec<Change>> {
        loop {
            match run(read_kept(who.clone())).await {
                Ok(changes) => return Some(changes),
                Err(PartMissing) => {
                    crate::parts::retry_after(PART_RETRY_MS).await;
                    if self.owner.get_value().as_ref() != Some(who) {
                        return None;
                    }
                }
            }
        }
    }

    /// Keeps the user's values for contact `server` (None: a new one,
    /// or `key` to amend an unsent new one), then sends.
    pub fn save(self, server: Option<&Partner>, key: Option<&str>, mine: Values) {
        let Some(who) = self.owner.get_value() else {
            return;
        };
        let version = self.version();
        let id = server.map(|p| p.id);
        let mut change = None;
        self.changes.update(|all| {
            let existing = all.iter_mut().find(|c| {
                (key.is_some() && key == Some(c.key.as_str()))
                    || (id.is_some() && c.id == id && c.pending())
            });
            let c = match existing {
                Some(c) => {
                    c.amend(mine);
                    c.clone()
                }
                None => {
                    let c = match server {
                        Some(p) => Change::update(new_key(), &version, p, mine),
                        None => Change::create(new_key(), mine),
                    };
                    all.push(c.clone());
                    c
                }
            };
            change = Some(c);
        });
        if let Some(c) = change {
            // Kept and sent at once: IndexedDB runs its writes in the order
            // they were asked for, so this one lands before the "unsure"
            // one the sending makes before its request leaves (and the
            // save on screen waits for neither).
            spawn_local(async move {
                outbox_store::put(&who, &c).await;
            });
            self.drain();
        }
    }

    /// Settles a conflict and sends again.
    pub fn resolve(self, key: &str, keep_mine: &dyn Fn(&str) -> bool) {
        let Some(who) = self.owner.get_value() else {
            return;
        };
        let mut done = None;
        self.changes.update(|all| {
            if let Some(c) = all.iter_mut().find(|c| c.key == key) {
                c.resolve(keep_mine);
                done = Some(c.clone());
            }
        });
        if let Some(c) = done {
            spawn_local(async move {
                outbox_store::put(&who, &c).await;
                self.drain();
            });
        }
    }

    fn version(self) -> odoo_rpc::ServerVersion {
        self.session
            .info
            .with_untracked(|i| i.as_ref().map(|i| i.version()).unwrap_or_default())
    }

    /// The change waiting (or just saved) for contact `id`.
    pub fn for_contact(self, id: i64) -> Option<Change> {
        self.changes
            .with(|all| all.iter().rev().find(|c| c.id == Some(id)).cloned())
    }

    /// The user's version of contact `id` while the server has none (it
    /// was deleted there, or never read): their unsent change, as typed.
    pub fn kept_version(self, id: i64) -> Option<Partner> {
        let c = self.for_contact(id).filter(|c| c.status != Status::Saved)?;
        let mut p = staff_calls::edit::unsent(&c.mine)?;
        p.id = id;
        Some(p)
    }

    /// Drops one change the user gave up on (one the server refused).
    pub fn forget(self, key: &str) {
        self.changes.update(|all| all.retain(|c| c.key != key));
        let keys = vec![key.to_string()];
        spawn_local(async move {
            outbox_store::remove(&keys).await;
        });
    }

    /// Changes not on the server yet (conflicts and refusals included:
    /// they wait for the user).
    pub fn unsent(self) -> usize {
        self.changes
            .with(|all| all.iter().filter(|c| c.status != Status::Saved).count())
    }

    /// Forgets every unsent change of this user (sign-out, when they chose
    /// so).
    pub async fn discard(self) {
        let keys: Vec<String> = self
            .changes
            .with_untracked(|all| all.iter().map(|c| c.key.clone()).collect());
        // Forgotten here first: a send in flight then keeps nothing again
        // (its write, if already asked, lands before this removal).
        self.changes.set(Vec::new());
        outbox_store::remove(&keys).await;
    }

    /// Sends the pending changes, one at a time, in order. A failure to
    /// reach the server stops the round and retries later, waiting longer
    /// each time.
    pub fn drain(self) {
        if self.sending.get_value()
            || self.session.status.get_untracked() != crate::session::Status::SignedIn
        {
            return;
        }
        let Some(who) = self.owner.get_value() else {
            return;
        };
        // Nothing to send: the sending code (in the editing part) is not
        // fetched for nothing.
        if !self
            .changes
            .with_untracked(|all| all.iter().any(Change::pending))
        {
            return;
        }
        self.sending.set_value(true);
        spawn_local(async move {
            let failed = match sender().await {
                Ok(send) => send(self, who).await,
                // Not on the device and no connection: as a failed send.
                Err(PartMissing) => Some(PART_MISSING_TRIES),
            };
            self.sending.set_value(false);
            match failed {
                Some(tries) => self.retry_later(tries),
                None => self.retry_at.set_value(None),
            }
        });
    }

    /// `Some(tries)` when a change could not reach the server.
    async fn send_all(self, who: &Owner) -> Option<u32> {
        let (version, uid) = self
            .session
            .info
            .with_untracked(|i| i.as_ref().map(|i| (i.version(), i.uid)))?;
        loop {
            let next = self.changes.with_untracked(|all| {
                let claimed: Vec<i64> = all.iter().filter_map(|c| c.id).collect();
                all.iter()
                    .find(|c| c.pending())
                    .map(|c| (c.clone(), claimed))
            });
            let (before, claimed) = next?;
            if self.owner.get_value().as_ref() != Some(who) {
                return None;
            }
            let claimed: Vec<i64> = claimed
                .into_iter()
                .filter(|id| Some(*id) != before.id)
                .collect();
            let device = Device {
                owner: who.clone(),
                outbox: self,
                key: before.key.clone(),
            };
            let mut sent = before.clone();
            let ctx = Ctx {
                version: &version,
                uid,
                now: now_utc(),
            };
            let outcome = outbox::send(&device, &ctx, &mut sent, &claimed).await;
            self.changes.update(|all| {
                if let Some(c) = all.iter_mut().find(|c| c.key == before.key) {
                    c.absorb(&version, &before, sent.clone());
                }
            });
            if let Some(c) = self
                .changes
                .with_untracked(|all| all.iter().find(|c| c.key == before.key).cloned())
            {
                self.settle(who, &c).await;
            }
            if let Err(e) = outcome {
                return Some(if e == Error::SessionExpired {
                    u32::MAX
                } else {
                    sent.tries
                });
            }
        }
    }

    /// Writes the change's latest state; a saved one leaves the device's
    /// outbox, and its contact joins the kept ones.
    async fn settle(self, who: &Owner, c: &Change) {
        if c.status == Status::Saved {
            outbox_store::remove(std::slice::from_ref(&c.key)).await;
            if let Some(p) = &c.saved {
                let epoch = crate::offline::store::epoch();
                crate::offline::store::keep(who, std::slice::from_ref(p), epoch, None).await;
            }
        } else {
            outbox_store::put(who, c).await;
        }
    }

    /// Whether change `key` is still the user's (not discarded).
    fn holds(self, key: &str) -> bool {
        self.changes
            .with_untracked(|all| all.iter().any(|c| c.key == key))
    }

    fn retry_later(self, tries: u32) {
        // Expired: the next sign-in drains.
        if tries == u32::MAX || self.retry_at.get_value().is_some() {
            return;
        }
        let wait = FIRST_RETRY_MS
            .saturating_mul(1 << tries.min(6))
            .min(MAX_RETRY_MS);
        self.retry_at.set_value(Some(wait));
        spawn_local(async move {
            gloo_timers::future::TimeoutFuture::new(wait).await;
            self.retry_at.set_value(None);
            self.drain();
        });
    }
}

/// How long a send waits for the editing part when it could not be
/// fetched: as after this many failed tries (16 s).
const PART_MISSING_TRIES: u32 = 3;

/// How often the unsent changes are asked for again while the contacts
/// part cannot be fetched.
const PART_RETRY_MS: u32 = 5_000;

part! { contacts:
    /// Reads `who`'s unsent changes from the device (`outbox_store::load`).
    fn read_kept(who: Owner) -> Pending<Vec<Change>> {
        Box::pin(async move { outbox_store::load(&who).await })
    }
}

part! { editing:
    /// The sending round (`Outbox::send_all`), in the editing part.
    fn sender() -> fn(Outbox, Owner) -> Pending<Option<u32>> {
        |o, who| Box::pin(async move { o.send_all(&who).await })
    }
}

pub fn use_outbox() -> Outbox {
    expect_context::<Outbox>()
}
