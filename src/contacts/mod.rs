//! The contacts data layer: "this page of this query" and "this contact",
//! from the server when it answers, else from what this device kept; and
//! it keeps what it fetched. Pages ask it and draw; the calls themselves
//! are built by `staff_calls` for the server's version.

pub mod listing;

use crate::offline::store::{self, Owner};
use crate::rpc::{self, CallOpts};
use crate::session::Session;
use leptos::prelude::*;
use leptos::task::spawn_local;
use odoo_rpc::{Error, Partner, ServerVersion, WebSearchPlan};
use staff_calls::query::PartnerQuery;
use wasm_bindgen::JsValue;
use web_sys::AbortSignal;

/// Rows of the list and the total they belong to.
#[derive(Clone, Debug, PartialEq)]
pub struct Page {
    pub rows: Vec<Partner>,
    pub total: u64,
    /// Shown from the device: when they were fetched (ms since the epoch).
    pub kept_at: Option<f64>,
}

/// A contact and, for a company, its people.
#[derive(Clone, Debug, PartialEq)]
pub struct Card {
    pub partner: Partner,
    pub people: Vec<Partner>,
}

/// Whose contacts the device keeps: this server, database and user.
pub fn owner(session: Session) -> Option<Owner> {
    let origin = web_sys::window()?.location().origin().ok()?;
    session.info.with_untracked(|i| {
        i.as_ref().map(|i| Owner {
            origin,
            db: i.db.clone(),
            uid: i.uid,
        })
    })
}

fn version(session: Session) -> ServerVersion {
    session
        .info
        .with_untracked(|i| i.as_ref().map(|i| i.version()).unwrap_or_default())
}

/// Keeps what the server answered to a request made in `epoch` (page one
/// of `first_page`'s query: kept as such too), once the page is idle: the
/// writing (encoding every row) never runs on the scroll path.
fn keep(owner: Option<Owner>, rows: Vec<Partner>, epoch: u32, first_page: Option<String>) {
    if let Some(owner) = owner {
        spawn_local(async move {
            idle().await;
            store::keep(&owner, &rows, epoch, first_page).await
        });
    }
}

/// Resolves when the browser next has nothing to do (`requestIdleCallback`;
/// where there is none, Safari, after the current frame's work).
pub(crate) async fn idle() {
    let wait = js_sys::Promise::new(&mut |resolve, _| when_idle(&resolve));
    let _ = wasm_bindgen_futures::JsFuture::from(wait).await;
}

/// Calls `f` when the page is idle (see [`idle`]).
pub(crate) fn when_idle(f: &js_sys::Function) {
    let asked = web_sys::window().is_some_and(|w| {
        if js_sys::Reflect::has(&w, &"requestIdleCallback".into()).unwrap_or(false) {
            w.request_idle_callback(f).is_ok()
        } else {
            w.set_timeout_with_callback_and_timeout_and_arguments_0(f, 50)
                .is_ok()
        }
    });
    if !asked {
        let _ = f.call0(&JsValue::NULL);
    }
}

/// The page of `query` from `offset`. Page one falls back to the kept
/// contacts that match when the server cannot be reached.
pub async fn page(
    session: Session,
    query: &PartnerQuery,
    offset: u64,
    signal: Option<AbortSignal>,
) -> Result<Page, Error> {
    let version = version(session);
    let owner = owner(session);
    let epoch = store::epoch();
    let opts = CallOpts {
        signal,
        ..CallOpts::default()
    };
    let fetched = match staff_calls::contacts_page(&version, query, offset) {
        WebSearchPlan::One(call) => rpc::call_with(&call, &opts)
            .await
            .map(|p| (p.records, p.length)),
        WebSearchPlan::Fallback(read, count) => match rpc::call_with(&read, &opts).await {
            Ok(rows) => rpc::call_with(&count, &opts).await.map(|n| (rows, n)),
            Err(e) => Err(e),
        },
    };
    match fetched {
        Ok((rows, total)) => {
            keep(
                owner,
                rows.clone(),
                epoch,
                (offset == 0).then(|| query.url()),
            );
            Ok(Page {
                rows,
                total,
                kept_at: None,
            })
        }
        Err(e) if e.is_unreachable() && offset == 0 => kept_page(session, query).await.ok_or(e),
        Err(e) => Err(e),
    }
}

/// Page one of `query` from what this device kept, searched and ordered as
/// the server would (`None`: nothing kept for this user).
pub async fn kept_page(session: Session, query: &PartnerQuery) -> Option<Page> {
    let version = version(session);
    let (all, at) = store::load(&owner(session)?).await;
    let mut rows: Vec<Partner> = all
        .into_iter()
        .filter(|p| query.matches(&version, p))
        .collect();
    staff_calls::sort_kept(&mut rows);
    Some(Page {
        total: rows.len() as u64,
        rows,
        kept_at: Some(at?),
    })
}

/// Contact `id` (`None`: it does not exist, or is archived). Offline, the
/// kept one, with the kept people of its company.
pub async fn card(
    session: Session,
    id: i64,
    signal: Option<AbortSignal>,
) -> Result<Option<Card>, Error> {
    let version = version(session);
    let owner = owner(session);
    let epoch = store::epoch();
    let opts = CallOpts {
        signal,
        ..CallOpts::default()
    };
    match fetch_card(&version, id, &opts).await {
        Ok(Some(card)) => {
            keep(owner, vec![card.partner.clone()], epoch, None);
            Ok(Some(card))
        }
        Err(e) if e.is_unreachable() => kept_card(session, id).await.map(Some).ok_or(e),
        other => other,
    }
}

/// Page one of `query` as last shown on this device, read at once (one
/// record), for a warm start; `None` if it was not the last one kept.
pub async fn last_first_page(session: Session, query: &PartnerQuery) -> Option<Page> {
    let (rows, at) = store::first_page(&owner(session)?, &query.url()).await?;
    Some(Page {
        total: rows.len() as u64,
        rows,
        kept_at: Some(at),
    })
}

/// Contact `id` alone as this device kept it, read at once by its key,
/// for a warm start (its company's people come with the server's card).
pub async fn kept_contact(session: Session, id: i64) -> Option<Card> {
    let partner = store::one(&owner(session)?, id).await?;
    Some(Card {
        partner,
        people: Vec::new(),
    })
}

/// Contact `id` as this device kept it, with the kept people of its
/// company (`None`: not kept).
pub async fn kept_card(session: Session, id: i64) -> Option<Card> {
    let kept = store::load(&owner(session)?).await.0;
    let mut people: Vec<Partner> = kept
        .iter()
        .filter(|p| p.parent_id.as_ref().is_some_and(|c| c.id == id))
        .cloned()
        .collect();
    people.sort_by_cached_key(|p| p.name.to_lowercase());
    let partner = kept.into_iter().find(|p| p.id == id)?;
    Some(Card { partner, people })
}

async fn fetch_card(
    version: &ServerVersion,
    id: i64,
    opts: &CallOpts,
) -> Result<Option<Card>, Error> {
    let read = staff_calls::contact(version, id);
    let Some(partner) = rpc::call_with(&read, opts).await?.into_iter().next() else {
        return Ok(None);
    };
    let people = if partner.is_company {
        rpc::call_with(&staff_calls::people_of(version, id), opts).await?
    } else {
        Vec::new()
    };
    Ok(Some(Card { partner, people }))
}

/// What a picker offers for `text`: companies (`res.partner`), countries or
/// tags by name. Offline, companies come from the kept contacts.
pub async fn choices(
    session: Session,
    model: &str,
    text: &str,
) -> Result<Vec<(i64, String)>, Error> {
    let call = if model == staff_calls::PARTNER {
        staff_calls::companies_named(text)
    } else {
        staff_calls::named(model, text)
    };
    match rpc::call(&call).await {
        Err(e) if e.is_unreachable() && model == staff_calls::PARTNER => {
            let Some(owner) = owner(session) else {
                return Err(e);
            };
            let needle = text.to_lowercase();
            let mut found: Vec<(i64, String)> = store::load(&owner)
                .await
                .0
                .into_iter()
                .filter(|p| p.is_company && p.name.to_lowercase().contains(&needle))
                .map(|p| (p.id, p.name))
                .collect();
            // The card's sort (one copy of sorting code in the app).
            found.sort_by_cached_key(|(_, name)| name.to_lowercase());
            found.truncate(staff_calls::CHOICES as usize);
            Ok(found)
        }
        other => other,
    }
}
