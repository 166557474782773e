//! The few IndexedDB operations the app needs, on web-sys's bindings (a
//! wrapper crate cost more of the shell than the whole feature).

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    IdbDatabase, IdbObjectStore, IdbObjectStoreParameters, IdbRequest, IdbTransactionMode,
};

/// Resolves when the request succeeds; its own `resolve`/`reject` are the
/// handlers, so no Rust closure has to outlive the call.
pub async fn finished(req: &IdbRequest) -> Option<JsValue> {
    let wait = js_sys::Promise::new(&mut |resolve, reject| {
        req.set_onsuccess(Some(&resolve));
        req.set_onerror(Some(&reject));
    });
    JsFuture::from(wait).await.ok()?;
    req.result().ok()
}

/// Opens database `name` at `version`; `upgrade` makes its stores when it
/// is new or older.
pub async fn open(name: &str, version: u32, upgrade: fn(&IdbDatabase)) -> Option<IdbDatabase> {
    let factory = web_sys::window()?.indexed_db().ok()??;
    let req = factory.open_with_u32(name, version).ok()?;
    let on_upgrade = wasm_bindgen::closure::Closure::<dyn FnMut(web_sys::Event)>::new(
        move |e: web_sys::Event| {
            if let Some(db) = e
                .target()
                .and_then(|t| t.dyn_into::<IdbRequest>().ok())
                .and_then(|r| r.result().ok())
                .and_then(|r| r.dyn_into::<IdbDatabase>().ok())
            {
                upgrade(&db);
            }
        },
    );
    req.set_onupgradeneeded(Some(on_upgrade.as_ref().unchecked_ref()));
    let db = finished(&req).await;
    req.set_onupgradeneeded(None);
    let db: IdbDatabase = db?.dyn_into().ok()?;
    // A wipe (here or in another tab) must not wait for this connection:
    // it closes itself, and its open transactions still finish first.
    if let Ok(close) = js_sys::Reflect::get(&db, &JsValue::from_str("close")) {
        if let Some(close) = close.dyn_ref::<js_sys::Function>() {
            db.set_onversionchange(Some(&close.bind0(&db)));
        }
    }
    Some(db)
}

/// A store whose records are keyed by their `key` field.
pub fn create_store(db: &IdbDatabase, name: &str, key: &str) -> Option<IdbObjectStore> {
    let params = IdbObjectStoreParameters::new();
    params.set_key_path(&JsValue::from_str(key));
    db.create_object_store_with_optional_parameters(name, &params)
        .ok()
}

/// A transaction over `stores`, and a promise of its commit (rejected if
/// it aborts or fails).
pub fn begin(
    db: &IdbDatabase,
    stores: &[&str],
    mode: IdbTransactionMode,
) -> Option<(web_sys::IdbTransaction, js_sys::Promise)> {
    let names = stores
        .iter()
        .map(|s| JsValue::from_str(s))
        .collect::<js_sys::Array>();
    let tx = db
        .transaction_with_str_sequence_and_mode(&names, mode)
        .ok()?;
    let committed = js_sys::Promise::new(&mut |resolve, reject| {
        tx.set_oncomplete(Some(&resolve));
        tx.set_onerror(Some(&reject));
        tx.set_onabort(Some(&reject));
    });
    Some((tx, committed))
}

pub fn field(v: &JsValue, name: &str) -> JsValue {
    js_sys::Reflect::get(v, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
}

pub fn object(pairs: &[(&str, JsValue)]) -> JsValue {
    let o = js_sys::Object::new();
    for (k, v) in pairs {
        let _ = js_sys::Reflect::set(&o, &JsValue::from_str(k), v);
    }
    o.into()
}
