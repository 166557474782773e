//! Contacts kept on the device (IndexedDB, through rexie) for the user
//! signed in: every contact a page showed, with when it was fetched, capped
//! in number. One owner at a time: another user's sign-in wipes it.

use odoo_rpc::Partner;
use rexie::{ObjectStore, Rexie, TransactionMode};
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsValue;

const DB: &str = "staff-pwa-offline";
const CONTACTS: &str = "contacts";
const META: &str = "meta";
/// About 2–3 MB of JSON at most.
pub const CAP: usize = 5_000;

/// Whose data this is: (server origin, database, user).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Owner {
    pub origin: String,
    pub db: String,
    pub uid: i64,
}

#[derive(Serialize, Deserialize)]
struct Kept {
    id: i64,
    saved_at: f64,
    partner: Partner,
}

#[derive(Serialize, Deserialize)]
struct Meta {
    key: String,
    owner: Owner,
}

async fn open() -> Option<Rexie> {
    Rexie::builder(DB)
        .version(1)
        .add_object_store(ObjectStore::new(CONTACTS).key_path("id"))
        .add_object_store(ObjectStore::new(META).key_path("key"))
        .build()
        .await
        .ok()
}

fn to_js<T: Serialize>(v: &T) -> Option<JsValue> {
    serde_wasm_bindgen::to_value(v).ok()
}

async fn owner_of(db: &Rexie) -> Option<Owner> {
    let tx = db.transaction(&[META], TransactionMode::ReadOnly).ok()?;
    let v = tx
        .store(META)
        .ok()?
        .get(JsValue::from_str("owner"))
        .await
        .ok()??;
    serde_wasm_bindgen::from_value::<Meta>(v)
        .ok()
        .map(|m| m.owner)
}

/// Keeps contacts for `owner` (wiping another owner's first).
pub async fn keep(owner: &Owner, partners: &[Partner]) {
    let Some(db) = open().await else { return };
    if owner_of(&db).await.as_ref() != Some(owner) {
        clear(&db).await;
    }
    let now = js_sys::Date::now();
    let Ok(tx) = db.transaction(&[CONTACTS, META], TransactionMode::ReadWrite) else {
        return;
    };
    let (Ok(contacts), Ok(meta)) = (tx.store(CONTACTS), tx.store(META)) else {
        return;
    };
    if let Some(m) = to_js(&Meta {
        key: "owner".into(),
        owner: owner.clone(),
    }) {
        let _ = meta.put(&m, None).await;
    }
    for p in partners {
        if let Some(v) = to_js(&Kept {
            id: p.id,
            saved_at: now,
            partner: p.clone(),
        }) {
            let _ = contacts.put(&v, None).await;
        }
    }
    let count = contacts.count(None).await.unwrap_or(0) as usize;
    let _ = tx.done().await;
    if count > CAP {
        trim(&db, count - CAP).await;
    }
    // An open connection would block the wipe at sign-out.
    db.close();
}

/// Drops the least recently fetched contacts.
async fn trim(db: &Rexie, excess: usize) {
    let mut all = read_all(db).await;
    all.sort_by(|a, b| a.saved_at.total_cmp(&b.saved_at));
    let Ok(tx) = db.transaction(&[CONTACTS], TransactionMode::ReadWrite) else {
        return;
    };
    let Ok(store) = tx.store(CONTACTS) else {
        return;
    };
    for k in all.iter().take(excess) {
        let _ = store.delete(JsValue::from_f64(k.id as f64)).await;
    }
    let _ = tx.done().await;
}

async fn read_all(db: &Rexie) -> Vec<Kept> {
    let Ok(tx) = db.transaction(&[CONTACTS], TransactionMode::ReadOnly) else {
        return Vec::new();
    };
    let Ok(store) = tx.store(CONTACTS) else {
        return Vec::new();
    };
    store
        .get_all(None, None)
        .await
        .unwrap_or_default()
        .into_iter()
        .filter_map(|v| serde_wasm_bindgen::from_value(v).ok())
        .collect()
}

/// Everything kept for `owner`, with the oldest fetch time (ms since the
/// epoch); nothing when the data belongs to someone else.
pub async fn load(owner: &Owner) -> (Vec<Partner>, Option<f64>) {
    let Some(db) = open().await else {
        return (Vec::new(), None);
    };
    if owner_of(&db).await.as_ref() != Some(owner) {
        db.close();
        return (Vec::new(), None);
    }
    let kept = read_all(&db).await;
    db.close();
    let newest = kept.iter().map(|k| k.saved_at).reduce(f64::max);
    (kept.into_iter().map(|k| k.partner).collect(), newest)
}

async fn clear(db: &Rexie) {
    if let Ok(tx) = db.transaction(&[CONTACTS, META], TransactionMode::ReadWrite) {
        for s in [CONTACTS, META] {
            if let Ok(store) = tx.store(s) {
                let _ = store.clear().await;
            }
        }
        let _ = tx.done().await;
    }
}

/// Forgets everything kept, for whoever it was.
pub async fn wipe() {
    let _ = Rexie::delete(DB).await;
}
