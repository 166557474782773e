//! Odoo's web JSON-RPC protocol, as the versions in [`versions`] speak it
//! on the routes a web client uses: request and error envelopes, typed
//! calls and errors, session info, records, domains, the version table,
//! and whom a request behind a proxy comes from. Pure: no I/O, so it builds
//! for the browser (wasm32) and natively, and every shape is tested against
//! transcripts of real servers.
//!
//! The wire and nothing else, written once for every crate that speaks it:
//! it must never depend on the app, on a backend (demo-odoo, pwa-server)
//! or on an HTTP framework (axum), or those could not all share it.

pub mod call;
pub mod domain;
pub mod envelope;
pub mod error;
mod fields;
pub mod forwarded;
pub mod record;
pub mod retry;
pub mod session;
pub mod versions;
pub mod write;

pub use call::{
    decode_call, specification_for, AuthOutcome, Authenticate, Call, CallKind, CallKw,
    DatabaseList, DestroySession, FieldInfo, FieldsGet, GetSessionInfo, NameSearch, Page, Read,
    SearchCount, SearchOpts, SearchRead, VersionInfo, WebSearchPlan, WebSearchRead,
};
pub use domain::{Condition, Domain, DomainError, Operator};
pub use envelope::{decode_response, next_id, request_body, ErrorAnswer};
pub use error::Error;
pub use record::{Many2one, Partner, Tag};
pub use retry::RetryPolicy;
pub use session::{Company, ServerVersion, SessionInfo, UserCompanies, UserContext};
pub use versions::{AccessProbe, Release, WebFields};
pub use write::{Create, Method, NameCreate, WebSave, Write};
