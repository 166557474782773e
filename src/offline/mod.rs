//! Offline: the service worker's life cycle, whether the server can be
//! reached, and the contacts kept on the device for when it cannot.

mod idb;
pub mod network;
pub mod outbox_store;
pub mod store;
pub mod worker;

/// Wipes what was kept for the signed-in user: contacts in IndexedDB and
/// the avatar cache. Nothing of theirs is readable afterwards.
pub async fn forget_everything() {
    store::wipe().await;
    worker::forget_user().await;
}
