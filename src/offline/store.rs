//! Contacts kept on the device (IndexedDB) for the user signed in: every
//! contact a page showed, with when it was fetched, capped in number. One
//! owner at a time: another user's sign-in wipes it.
//!
//! Written on web-sys's IndexedDB bindings rather than a wrapper crate:
//! rexie (with idb and serde-wasm-bindgen) cost 27 KB brotli of a shell
//! budgeted at 150 KB, for the five operations used here. Each contact is
//! kept as the JSON text of [`Partner`], read back with the same decoder
//! as the server's answers.

use super::idb::{self, begin, field, finished, object};
use odoo_rpc::Partner;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{IdbDatabase, IdbTransactionMode};

const DB: &str = "staff-pwa-offline";
const CONTACTS: &str = "contacts";
const META: &str = "meta";
/// 2: contacts indexed by when they were fetched, for trimming.
const DB_VERSION: u32 = 2;
const SAVED_AT: &str = "saved_at";
/// The META record holding the last page one shown (see [`first_page`]).
const FIRST_PAGE: &str = "first-page";
/// About 2–3 MB of JSON at most.
pub const CAP: usize = 5_000;

/// Whose data this is: (server origin, database, user).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Owner {
    pub origin: String,
    pub db: String,
    pub uid: i64,
}

impl Owner {
    /// One string that differs whenever any part does (the parts cannot
    /// hold a NUL).
    pub(crate) fn key(&self) -> String {
        format!("{}\u{0}{}\u{0}{}", self.origin, self.db, self.uid)
    }
}

async fn open() -> Option<IdbDatabase> {
    // What it holds is a cache: older stores are dropped, not migrated.
    idb::open(DB, DB_VERSION, |db| {
        for (name, key) in [(CONTACTS, "id"), (META, "key")] {
            let _ = db.delete_object_store(name);
            if let Some(store) = idb::create_store(db, name, key) {
                if name == CONTACTS {
                    let _ = store.create_index_with_str(SAVED_AT, SAVED_AT);
                }
            }
        }
    })
    .await
}

thread_local! {
    /// Counts wipes, so that a `keep` that began before a sign-out never
    /// writes after it.
    static WIPES: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

fn wipes() -> u32 {
    WIPES.with(std::cell::Cell::get)
}

/// Which generation of the device's data this is: taken before a request,
/// handed to [`keep`] with its answer, it keeps nothing if a wipe (sign-out,
/// another user) came in between.
pub fn epoch() -> u32 {
    wipes()
}

async fn get(db: &IdbDatabase, store: &str, key: &JsValue) -> Option<JsValue> {
    let tx = db.transaction_with_str(store).ok()?;
    let req = tx.object_store(store).ok()?.get(key).ok()?;
    finished(&req).await
}

async fn owner_key(db: &IdbDatabase) -> Option<String> {
    field(&get(db, META, &JsValue::from_str("owner")).await?, "owner").as_string()
}

async fn all(db: &IdbDatabase) -> Vec<JsValue> {
    let Some(req) = db
        .transaction_with_str(CONTACTS)
        .and_then(|tx| tx.object_store(CONTACTS))
        .and_then(|s| s.get_all())
        .ok()
    else {
        return Vec::new();
    };
    match finished(&req).await {
        Some(list) => list.unchecked_into::<js_sys::Array>().iter().collect(),
        None => Vec::new(),
    }
}

/// Keeps contacts for `owner`, wiping another owner's first. The owner is
/// read and the rows written in one transaction, so two keeps for two
/// users (a sign-in racing a late answer, two tabs) cannot interleave.
/// `began` is the [`epoch`] the rows were asked for in: after a wipe since,
/// they are not kept (they may be another user's answer). `first_page`:
/// these rows are page one of that query (its URL), kept as one record
/// too, for a warm start to read at once (see [`first_page`]).
pub async fn keep(owner: &Owner, partners: &[Partner], began: u32, first_page: Option<String>) {
    if wipes() != began {
        return;
    }
    let Some(db) = open().await else { return };
    if wipes() != began {
        // Signed out meanwhile; this open may have recreated the database.
        db.close();
        wipe().await;
        return;
    }
    let key = owner.key();
    let now = JsValue::from_f64(js_sys::Date::now());
    let jsons: Vec<(i64, String)> = partners
        .iter()
        .filter_map(|p| Some((p.id, serde_json::to_string(p).ok()?)))
        .collect();
    let rows: Vec<JsValue> = jsons
        .iter()
        .map(|(id, json)| {
            object(&[
                ("id", JsValue::from_f64(*id as f64)),
                ("saved_at", now.clone()),
                ("json", JsValue::from_str(json)),
            ])
        })
        .collect();
    let mut metas = vec![object(&[
        ("key", "owner".into()),
        ("owner", key.clone().into()),
    ])];
    if let Some(q) = first_page {
        let all: Vec<&str> = jsons.iter().map(|(_, j)| j.as_str()).collect();
        metas.push(object(&[
            ("key", FIRST_PAGE.into()),
            ("q", q.into()),
            ("saved_at", now.clone()),
            ("json", format!("[{}]", all.join(",")).into()),
        ]));
    }
    if write(&db, &key, &metas, &rows)
        .await
        .is_some_and(|count| count > CAP)
    {
        trim(&db).await;
    }
    // An open connection would delay the wipe at sign-out.
    db.close();
}

/// The write half of [`keep`]: the owner's records (`metas`) and the
/// contacts; the number of contacts kept afterwards.
async fn write(db: &IdbDatabase, key: &str, metas: &[JsValue], rows: &[JsValue]) -> Option<usize> {
    let (tx, committed) = begin(db, &[CONTACTS, META], IdbTransactionMode::Readwrite)?;
    let filled = async {
        let contacts = tx.object_store(CONTACTS).ok()?;
        let meta_store = tx.object_store(META).ok()?;
        // Awaiting a request of this transaction keeps it alive: the
        // continuation runs in the success event's microtask checkpoint.
        let current = finished(&meta_store.get(&JsValue::from_str("owner")).ok()?).await;
        let same_owner =
            current.is_some_and(|m| field(&m, "owner").as_string().as_deref() == Some(key));
        if !same_owner {
            contacts.clear().ok()?;
        }
        for meta in metas {
            meta_store.put(meta).ok()?;
        }
        for row in rows {
            contacts.put(row).ok()?;
        }
        contacts.count().ok()
    }
    .await;
    if filled.is_none() {
        let _ = tx.abort();
    }
    JsFuture::from(committed).await.ok()?;
    filled?.result().ok()?.as_f64().map(|n| n as usize)
}

/// Drops the least recently fetched contacts over the cap: their keys come
/// from the `saved_at` index, so no contact is read.
async fn trim(db: &IdbDatabase) {
    let Some((tx, committed)) = begin(db, &[CONTACTS], IdbTransactionMode::Readwrite) else {
        return;
    };
    let deleted = async {
        let store = tx.object_store(CONTACTS).ok()?;
        // Counted again in this transaction: two keeps trimming at once
        // (each from its own count) would drop too many.
        let count = finished(&store.count().ok()?).await?.as_f64()? as usize;
        let Some(excess) = count.checked_sub(CAP).filter(|e| *e > 0) else {
            return Some(());
        };
        let oldest = store
            .index(SAVED_AT)
            .ok()?
            .get_all_keys_with_key_and_limit(&JsValue::NULL, excess as u32)
            .ok()?;
        let keys = finished(&oldest).await?;
        for key in keys.unchecked_into::<js_sys::Array>().iter() {
            store.delete(&key).ok()?;
        }
        Some(())
    }
    .await;
    if deleted.is_none() {
        let _ = tx.abort();
    }
    let _ = JsFuture::from(committed).await;
}

/// Everything kept for `owner`, with the newest fetch time (ms since the
/// epoch); nothing when the data belongs to someone else.
pub async fn load(owner: &Owner) -> (Vec<Partner>, Option<f64>) {
    let Some(db) = open().await else {
        return (Vec::new(), None);
    };
    if owner_key(&db).await != Some(owner.key()) {
        db.close();
        return (Vec::new(), None);
    }
    let rows = all(&db).await;
    db.close();
    let newest = rows
        .iter()
        .filter_map(|v| field(v, "saved_at").as_f64())
        .reduce(f64::max);
    let partners = rows
        .iter()
        .filter_map(|v| decode(&field(v, "json").as_string()?))
        .collect();
    (partners, newest)
}

/// A contact as kept (its JSON).
fn decode(json: &str) -> Option<Partner> {
    Partner::from_json(&serde_json::from_str(json).ok()?).ok()
}

/// One record of `owner`'s, by key (nothing if the data is someone else's).
async fn owned(owner: &Owner, store: &str, key: &JsValue) -> Option<JsValue> {
    let db = open().await?;
    let kept = if owner_key(&db).await == Some(owner.key()) {
        get(&db, store, key).await
    } else {
        None
    };
    db.close();
    kept
}

/// Page one of the query at `q` (its URL) as last kept for `owner`, with
/// when it was fetched: one record, read at once at a warm start (the
/// whole store may hold thousands).
pub async fn first_page(owner: &Owner, q: &str) -> Option<(Vec<Partner>, f64)> {
    let kept = owned(owner, META, &JsValue::from_str(FIRST_PAGE))
        .await
        .filter(|k| field(k, "q").as_string().as_deref() == Some(q))?;
    let rows: Vec<serde_json::Value> =
        serde_json::from_str(&field(&kept, "json").as_string()?).ok()?;
    let partners = rows
        .iter()
        .filter_map(|v| Partner::from_json(v).ok())
        .collect();
    Some((partners, field(&kept, "saved_at").as_f64()?))
}

/// One kept contact of `owner`, by id.
pub async fn one(owner: &Owner, id: i64) -> Option<Partner> {
    let kept = owned(owner, CONTACTS, &JsValue::from_f64(id as f64)).await?;
    decode(&field(&kept, "json").as_string()?)
}

/// Forgets everything kept, for whoever it was.
pub async fn wipe() {
    WIPES.with(|w| w.set(w.get().wrapping_add(1)));
    let Some(factory) = web_sys::window().and_then(|w| w.indexed_db().ok().flatten()) else {
        return;
    };
    if let Ok(req) = factory.delete_database(DB) {
        let _ = finished(&req).await;
    }
}
