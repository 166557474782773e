//! The outbox on the device: every change the user saved, until the
//! server has it. A database of its own, apart from the kept contacts: a
//! sign-out or another user's sign-in wipes those, never these (another
//! user's changes wait, unsent, for their owner to sign in again).

use super::idb::{self, begin, field, finished, object};
use super::store::Owner;
use staff_calls::outbox::Change;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{IdbDatabase, IdbTransactionMode};

const DB: &str = "staff-pwa-outbox";
const CHANGES: &str = "changes";
const DB_VERSION: u32 = 1;

async fn open() -> Option<IdbDatabase> {
    idb::open(DB, DB_VERSION, |db| {
        // Only ever created (it fails harmlessly if it exists): an upgrade
        // must never drop unsent changes.
        idb::create_store(db, CHANGES, "key");
    })
    .await
}

/// Runs `each` on the changes store in one read-write transaction and
/// waits for it to commit: true once the data is on disk.
async fn write(each: &dyn Fn(&web_sys::IdbObjectStore) -> Option<()>) -> bool {
    let Some(db) = open().await else {
        return false;
    };
    let done = match begin(&db, &[CHANGES], IdbTransactionMode::Readwrite) {
        Some((tx, committed)) => {
            let filled = tx.object_store(CHANGES).ok().and_then(|s| each(&s));
            if filled.is_none() {
                let _ = tx.abort();
            }
            JsFuture::from(committed).await.is_ok() && filled.is_some()
        }
        None => false,
    };
    db.close();
    done
}

/// Keeps `change` for `owner` (replacing the one with its key).
pub async fn put(owner: &Owner, change: &Change) -> bool {
    let row = object(&[
        ("key", change.key.clone().into()),
        ("owner", owner.key().into()),
        ("json", change.to_json().to_string().into()),
    ]);
    write(&|s| s.put(&row).ok().map(|_| ())).await
}

/// Forgets the changes with these keys.
pub async fn remove(keys: &[String]) -> bool {
    write(&|s| {
        for k in keys {
            s.delete(&JsValue::from_str(k)).ok()?;
        }
        Some(())
    })
    .await
}

/// `owner`'s changes, oldest first.
pub async fn load(owner: &Owner) -> Vec<Change> {
    let Some(db) = open().await else {
        return Vec::new();
    };
    let req = db
        .transaction_with_str(CHANGES)
        .and_then(|tx| tx.object_store(CHANGES))
        .and_then(|s| s.get_all())
        .ok();
    let rows = match req {
        Some(req) => finished(&req).await,
        None => None,
    };
    db.close();
    let key = owner.key();
    let mut changes: Vec<Change> = rows
        .map(|r| {
            r.unchecked_into::<js_sys::Array>()
                .iter()
                .collect::<Vec<_>>()
        })
        .unwrap_or_default()
        .iter()
        .filter(|r| field(r, "owner").as_string().as_deref() == Some(key.as_str()))
        .filter_map(|r| field(r, "json").as_string())
        .filter_map(|j| serde_json::from_str(&j).ok())
        .filter_map(|v| Change::from_json(&v))
        .collect();
    // The card's sort (one copy of sorting code in the app).
    changes.sort_by_cached_key(|c| c.key.clone());
    changes
}
