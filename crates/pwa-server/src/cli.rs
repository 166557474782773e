use clap::Parser;
use std::path::PathBuf;

/// Serve the Odoo staff PWA beside an Odoo, or with a built-in demo Odoo.
#[derive(Debug, Parser)]
#[command(name = "pwa-server", version, about)]
pub struct Args {
    /// The built app (trunk's dist/ folder).
    #[arg(long, default_value = "dist")]
    pub dist: PathBuf,
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub listen: String,
    /// Forward /web/* to this Odoo (e.g. http://127.0.0.1:8069). Without
    /// it, /web/* is answered by the built-in demo backend.
    #[arg(long)]
    pub odoo: Option<String>,
    /// Forward every /web route to Odoo, its database manager included.
    /// Without it only what the app and Odoo's sign-in page use go
    /// through; the rest answers 404.
    #[arg(long)]
    pub odoo_all_routes: bool,
    /// Seconds to wait for Odoo before answering the app that it is down.
    #[arg(long, default_value_t = 30)]
    pub odoo_timeout: u64,
    /// Demo backend: folder for its SQLite files (sessions survive restarts).
    /// Without it, the demo keeps everything in memory.
    #[arg(long)]
    pub demo_data: Option<PathBuf>,
    /// Demo backend: number of contacts in the `demo_big` database.
    #[arg(long, default_value_t = 100_000)]
    pub partners: usize,
    /// Demo backend: the Odoo major it behaves as (16, 17, 18 or 19).
    #[arg(long, default_value_t = 18, value_parser = odoo_version)]
    pub odoo_version: u8,
    /// Demo backend: search ignoring accents, like Odoo's --unaccent.
    #[arg(long)]
    pub unaccent: bool,
    /// Demo backend: a database filter regex, like Odoo's --db-filter.
    #[arg(long)]
    pub db_filter: Option<String>,
    /// The largest request body accepted under /web, in bytes (a larger
    /// one gets a JSON-RPC error at once).
    #[arg(long, default_value_t = 1024 * 1024)]
    pub max_request_bytes: usize,
    /// Mark cookies Secure and SameSite=Lax always. Without it they are
    /// marked when a proxy on this machine says X-Forwarded-Proto: https
    /// (Odoo sets neither).
    #[arg(long)]
    pub secure_cookies: bool,
    /// Sign-in attempts allowed per client address per minute, failed or
    /// not: a cap against floods, generous enough for an office behind
    /// one address (failed ones are also capped per login, as Odoo does).
    #[arg(long, default_value_t = 600)]
    pub sign_in_per_minute: u32,
}

/// A major that odoo-rpc's version table describes.
fn odoo_version(s: &str) -> Result<u8, String> {
    let majors = odoo_rpc::versions::MAJORS;
    s.parse()
        .ok()
        .filter(|v| majors.contains(v))
        .ok_or_else(|| format!("one of {majors:?}"))
}
