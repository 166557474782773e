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

async fn get(db: &IdbDatabase, store: &str, key: &str) -> Option<JsValue> {
    let tx = db.transaction_with_str(store).ok()?;
    let req = tx
        .object_store(store)
        .ok()?
        .get(&JsValue::from_str(key))
        .ok()?;
    finished(&req).await
}

async fn owner_key(db: &IdbDatabase) -> Option<String> {
    field(&get(db, META, "owner").await?, "owner").as_string()
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
pub async fn keep(owner: &Owner, partners: &[Partner]) {
    let began = wipes();
    let Some(db) = open().await else { return };
    if wipes() != began {
        // Signed out meanwhile; this open may have recreated the database.
        db.close();
        wipe().await;
        return;
    }
    let key = owner.key();
    let now = JsValue::from_f64(js_sys::Date::now());
    let rows: Vec<JsValue> = partners
        .iter()
        .filter_map(|p| {
            let json = serde_json::to_string(p).ok()?;
            Some(object(&[
                ("id", JsValue::from_f64(p.id as f64)),
                ("saved_at", now.clone()),
                ("json", JsValue::from_str(&json)),
            ]))
        })
        .collect();
    let meta = object(&[("key", "owner".into()), ("owner", key.clone().into())]);
    if let Some(count) = write(&db, &key, &meta, &rows).await {
        if count > CAP {
            trim(&db, count - CAP).await;
        }
    }
    // An open connection would delay the wipe at sign-out.
    db.close();
}

/// The write half of [`keep`]; the number of contacts kept afterwards.
async fn write(db: &IdbDatabase, key: &str, meta: &JsValue, rows: &[JsValue]) -> Option<usize> {
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
        meta_store.put(meta).ok()?;
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

/// Drops the `excess` least recently fetched contacts: their keys come
/// from the `saved_at` index, so no contact is read.
async fn trim(db: &IdbDatabase, excess: usize) {
    let Some((tx, committed)) = begin(db, &[CONTACTS], IdbTransactionMode::Readwrite) else {
        return;
    };
    let deleted = async {
        let store = tx.object_store(CONTACTS).ok()?;
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
        .filter_map(|v| field(v, "json").as_string())
        .filter_map(|json| {
            let value: serde_json::Value = serde_json::from_str(&json).ok()?;
            Partner::from_json(&value).ok()
        })
        .collect();
    (partners, newest)
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
