//! pwa-server: hosts the built app and answers `/web/*`, either by
//! forwarding to a real Odoo (`--odoo URL`) or from the built-in demo
//! backend. Same origin for both is what makes Odoo's cookie session work.
//!
//! It serves the app's files and never links the app's crate (a wasm32
//! build, shipped as files): what it says on the wire, its own errors
//! included, comes from odoo-rpc, so the app decodes them like Odoo's.

mod body_limit;
mod cli;
mod cookies;
mod error;
mod headers;
mod proxy;
mod rate_limit;
mod static_files;

pub use cli::Args;
pub use error::Error;

use axum::Router;
use std::sync::Arc;
use std::time::Duration;

/// Where `/web/*` goes.
pub enum Backend {
    Demo(demo_odoo::DemoOdoo),
    Odoo(proxy::Proxy),
}

impl Backend {
    /// `all_routes`: every `/web` route, not only the app's and Odoo's
    /// sign-in (see [`proxy::ROUTES`]).
    pub fn odoo(url: &str, timeout: Duration, all_routes: bool) -> Result<Self, Error> {
        Ok(Backend::Odoo(proxy::Proxy::new(url, timeout, all_routes)?))
    }
}

pub struct Options {
    pub dist: std::path::PathBuf,
    pub backend: Backend,
    /// Sign-in attempts allowed per client address per minute.
    pub sign_in_per_minute: u32,
    /// Mark every cookie `Secure` (and `SameSite=Lax`), not only behind a
    /// local proxy that says `X-Forwarded-Proto: https`.
    pub secure_cookies: bool,
    /// The largest request body `/web` accepts, in bytes.
    pub max_request_bytes: usize,
}

/// The whole server as one router, so tests serve it over real HTTP
/// exactly as the binary does.
pub fn app(opts: Options) -> Result<Router, Error> {
    // The app's strict headers are for the app: Odoo's own pages under
    // /web (its login page for two-factor sign-in) keep Odoo's.
    let statics = static_files::router(&opts.dist)?
        .layer(axum::middleware::from_fn(headers::security_headers));
    // The demo also answers `/jsonrpc` (Odoo's external API, for client
    // libraries); in front of a real Odoo the app needs only `/web`, so
    // the external API stays Odoo's own business.
    let (web, external_api) = match opts.backend {
        Backend::Demo(demo) => (demo.router(), true),
        Backend::Odoo(proxy) => (proxy.router(), false),
    };
    let limiter = Arc::new(rate_limit::SignInLimiter::new(opts.sign_in_per_minute));
    let web = web
        .layer(axum::middleware::from_fn_with_state(
            limiter,
            rate_limit::limit_sign_in,
        ))
        .layer(axum::middleware::from_fn_with_state(
            opts.secure_cookies,
            cookies::harden,
        ))
        .layer(axum::middleware::from_fn_with_state(
            opts.max_request_bytes,
            body_limit::limit,
        ));
    // `/web` belongs to Odoo or the demo, everything else to the app.
    let dispatch = move |req: axum::extract::Request| {
        let path = req.uri().path();
        let backend = path == "/web" || path.starts_with("/web/");
        let target = if backend || (external_api && path == "/jsonrpc") {
            web.clone()
        } else {
            statics.clone()
        };
        async move {
            match tower::ServiceExt::oneshot(target, req).await {
                Ok(res) => res,
                Err(never) => match never {},
            }
        }
    };
    Ok(Router::new().fallback(dispatch))
}
