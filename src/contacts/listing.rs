//! The contacts list being shown: its query, rows, total and state, and
//! how a page of it is loaded. The page draws it and says when to load.

use crate::rpc::Latest;
use crate::session::Session;
use leptos::prelude::*;
use leptos::task::spawn_local;
use odoo_rpc::{Error, Partner};
use staff_calls::query::PartnerQuery;

#[derive(Clone, Debug, PartialEq)]
pub enum Load {
    Idle,
    Loading,
    /// Put in words when drawn: in the language of the moment.
    Failed(Error),
}

impl Load {
    /// For tests and styles: `data-state` on the list.
    pub fn name(&self) -> &'static str {
        match self {
            Load::Idle => "idle",
            Load::Loading => "loading",
            Load::Failed(_) => "failed",
        }
    }
}

/// The list for one query, kept in context so that coming back from a
/// contact shows it at once, at the same scroll position.
#[derive(Clone, Copy)]
pub struct ContactList {
    pub query: RwSignal<Option<PartnerQuery>>,
    pub rows: RwSignal<Vec<Partner>>,
    pub total: RwSignal<Option<u64>>,
    pub load: RwSignal<Load>,
    pub scroll_top: RwSignal<f64>,
    /// Showing contacts kept on the device, fetched at this time (ms).
    pub offline_at: RwSignal<Option<f64>>,
    /// The request in flight: a newer one aborts it.
    latest: StoredValue<Latest>,
}

impl ContactList {
    pub fn use_or_provide() -> ContactList {
        use_context::<ContactList>().unwrap_or_else(|| {
            let s = ContactList {
                query: RwSignal::new(None),
                rows: RwSignal::new(Vec::new()),
                total: RwSignal::new(None),
                load: RwSignal::new(Load::Idle),
                scroll_top: RwSignal::new(0.0),
                offline_at: RwSignal::new(None),
                latest: StoredValue::new(Latest::default()),
            };
            provide_context(s);
            s
        })
    }

    /// Stops the request in flight (the page is left).
    pub fn abort(self) {
        self.latest.with_value(Latest::abort);
    }

    /// Loads one page of `wanted`'s query; `append` continues the list. An
    /// answer that comes after `wanted` changed is never shown.
    pub fn fetch(self, session: Session, wanted: Memo<PartnerQuery>, append: bool) {
        if session.info.with_untracked(Option::is_none) {
            return;
        }
        let query = wanted.get_untracked();
        let offset = if append {
            self.rows.with_untracked(|r| r.len() as u64)
        } else {
            0
        };
        let signal = self.latest.with_value(Latest::next);
        self.load.set(Load::Loading);
        if !append && self.rows.with_untracked(Vec::is_empty) {
            self.show_kept(session, wanted, query.clone());
        }
        spawn_local(async move {
            let result = super::page(session, &query, offset, signal.clone()).await;
            // The page may be gone (its values disposed): never read them
            // with the panicking getters after an await.
            if signal.as_ref().is_some_and(|s| s.aborted())
                || wanted.try_get_untracked().as_ref() != Some(&query)
            {
                return;
            }
            match result {
                Ok(page) => {
                    self.offline_at.set(page.kept_at);
                    self.total.set(Some(page.total));
                    // Kept rows of this very query on screen: the fresh ones
                    // take their place where the user is.
                    let same = self.query.with_untracked(|q| q.as_ref() == Some(&query));
                    if append {
                        self.rows.update(|r| r.extend(page.rows));
                    } else {
                        self.rows.set(page.rows);
                        if !same {
                            self.scroll_top.set(0.0);
                        }
                    }
                    self.query.set(Some(query));
                    self.load.set(Load::Idle);
                }
                Err(Error::Cancelled) => {}
                Err(e) => self.load.set(Load::Failed(e)),
            }
        });
    }

    /// A warm start: while the server's first page is on its way, what the
    /// device kept for the query is drawn (in the first frames, not a round
    /// trip later), unless the server has answered by then.
    fn show_kept(self, session: Session, wanted: Memo<PartnerQuery>, query: PartnerQuery) {
        spawn_local(async move {
            let Some(page) = super::last_first_page(session, &query).await else {
                return;
            };
            // Left while the device was read: the page's values are gone.
            let waiting = self.load.try_get_untracked() == Some(Load::Loading)
                && self.rows.try_with_untracked(Vec::is_empty) == Some(true)
                && wanted.try_get_untracked().as_ref() == Some(&query);
            if waiting && !page.rows.is_empty() {
                // The server's total is not known yet: the count says how
                // many are shown.
                self.total.set(None);
                self.rows.set(page.rows);
                self.query.set(Some(query));
            }
        });
    }

    /// Showing kept contacts or an error: worth loading again once the
    /// server answers.
    pub fn stale(self) -> bool {
        self.offline_at.get_untracked().is_some()
            || matches!(self.load.get_untracked(), Load::Failed(_))
    }

    /// Whether "Retry" continues the list (rows of this very query are
    /// shown) rather than starting it again.
    pub fn continues(self, query: &PartnerQuery) -> bool {
        !self.rows.with_untracked(Vec::is_empty)
            && self.query.with_untracked(|q| q.as_ref() == Some(query))
    }

    /// Whether the rows up to `end` come near the last one loaded while
    /// the server has more, and nothing is loading.
    pub fn wants_more(self, end: usize) -> bool {
        let len = self.rows.with_untracked(Vec::len);
        let more = self.total.get_untracked().is_some_and(|t| (len as u64) < t);
        more && end + 20 >= len && self.load.get_untracked() == Load::Idle
    }
}
