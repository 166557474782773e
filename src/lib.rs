//! The staff PWA: sign in with an Odoo login, then a fast contacts list.

mod app;
pub mod contacts;
pub mod i18n;
pub mod list;
pub mod offline;
pub mod outbox;
pub mod pages;
mod parts;
pub use parts::PartMissing;
pub use staff_calls::query;
pub mod rpc;
pub mod session;
pub mod storage;

pub use app::App;
