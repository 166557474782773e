//! demo-odoo: a stand-in for an Odoo server. It answers Odoo's web routes
//! (sign-in, session, `call_kw` on contacts, countries and tags, avatars,
//! the external `/jsonrpc` API) the way a real Odoo 16–19 does, from
//! SQLite, so the staff app runs, is shown and is tested with no Odoo
//! anywhere. What it is held to is the wire transcripts of real servers
//! (`fixtures/odoo-wire/`); see README.md for what it mimics and where it
//! cannot.
//!
//! It depends on odoo-rpc only for the version table
//! (`odoo_rpc::versions`): what each release has and does comes from
//! there, so the demo and the app cannot disagree about a version. It must
//! never depend on the app, staff-calls or pwa-server: they are what it
//! tests, and a fake that reads its client's code bends to fit it.
//!
//! ```no_run
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! let demo = demo_odoo::DemoOdoo::open(demo_odoo::Config::default())?;
//! let listener = tokio::net::TcpListener::bind("127.0.0.1:8069").await?;
//! axum::serve(listener, demo.router().into_make_service_with_connect_info::<std::net::SocketAddr>()).await?;
//! # Ok(()) }
//! ```

mod access;
mod auth;
mod avatar;
mod bind;
mod call_kw;
mod clock;
mod domain;
mod external;
mod fold;
mod json;
mod model;
mod orm;
mod routes;
mod seed;
mod session_info;
mod sessions;
mod wire;
mod write;

use odoo_rpc::versions::{Release, WebFields, RELEASES};
use std::path::PathBuf;

/// The facts of the Odoo version this demo plays (checked at start-up to
/// be a supported one).
pub(crate) fn release(version: u8) -> &'static Release {
    Release::get(version).unwrap_or(&RELEASES[RELEASES.len() - 1])
}
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

/// The databases every demo server has.
pub const DATABASES: [&str; 2] = ["demo", "demo_big"];

#[derive(Clone, Debug)]
pub struct Config {
    /// Where the SQLite files live (created if missing, reused across
    /// restarts, so sessions survive one). `None`: everything in memory.
    pub data_dir: Option<PathBuf>,
    /// Contacts in `demo_big`.
    pub big_partners: usize,
    /// One of odoo-rpc's `MAJORS`: the version reported, and the shapes
    /// answered.
    pub odoo_version: u8,
    /// Like Odoo's `--db-filter`: a regex a database name must match
    /// (whole name) to be visible.
    pub db_filter: Option<String>,
    /// Sessions expire after this long without use.
    pub session_idle_timeout: Duration,
    /// Like Odoo's `--unaccent`: `ilike` ignores accents ("e" finds
    /// "é"). Off, as on a default Odoo, `ilike` ignores case only.
    pub unaccent: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            data_dir: None,
            big_partners: 100_000,
            odoo_version: 18,
            db_filter: None,
            session_idle_timeout: Duration::from_secs(7 * 24 * 3600),
            unaccent: false,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("SQLite: {0}")]
    Sql(#[from] rusqlite::Error),
    #[error("data folder: {0}")]
    Io(#[from] std::io::Error),
    #[error("the database filter is not a valid regex: {0}")]
    DbFilter(#[from] regex::Error),
    #[error("unsupported Odoo version {0} (supported: {majors:?})", majors = odoo_rpc::versions::MAJORS)]
    Version(u8),
    #[error("unknown database {0}")]
    UnknownDb(String),
    #[error("{0}")]
    Query(String),
}

/// A handle on the demo backend; cheap to clone.
#[derive(Clone)]
pub struct DemoOdoo {
    inner: Arc<Inner>,
}

pub(crate) struct Db {
    pub name: &'static str,
    conn: Mutex<rusqlite::Connection>,
}

impl Db {
    /// The connection; a call that panicked cannot have left a change
    /// half done (each runs in a transaction, rolled back when dropped
    /// unfinished), so a poisoned lock is still sound to use.
    pub fn lock(&self) -> MutexGuard<'_, rusqlite::Connection> {
        self.conn.lock().unwrap_or_else(|p| p.into_inner())
    }
}

pub(crate) struct Inner {
    pub version: u8,
    /// Databases that pass the filter, in listing order.
    pub visible: Vec<&'static str>,
    pub dbs: Vec<Db>,
    pub sessions: sessions::Sessions,
    pub cooldown: auth::Cooldown,
}

impl Inner {
    /// A visible database by name.
    pub fn db(&self, name: &str) -> Option<&Db> {
        if !self.visible.contains(&name) {
            return None;
        }
        self.dbs.iter().find(|d| d.name == name)
    }
}

impl DemoOdoo {
    /// Opens (creating and seeding if new) the databases and the session
    /// store. Seeding `demo_big` with 100,000 contacts takes about a second
    /// in a release build.
    pub fn open(config: Config) -> Result<DemoOdoo, Error> {
        if Release::get(config.odoo_version).is_none() {
            return Err(Error::Version(config.odoo_version));
        }
        let filter = config
            .db_filter
            .as_deref()
            .map(|f| regex::Regex::new(&format!("^(?:{f})$")))
            .transpose()?;
        let visible = DATABASES
            .into_iter()
            .filter(|d| filter.as_ref().is_none_or(|f| f.is_match(d)))
            .collect();
        if let Some(dir) = &config.data_dir {
            std::fs::create_dir_all(dir)?;
        }
        let open = |name: &str| -> Result<rusqlite::Connection, Error> {
            let conn = match &config.data_dir {
                Some(dir) => rusqlite::Connection::open(dir.join(format!("{name}.sqlite")))?,
                None => rusqlite::Connection::open_in_memory()?,
            };
            seed::register_functions(&conn, config.unaccent)?;
            Ok(conn)
        };
        let mut dbs = Vec::new();
        for name in DATABASES {
            let mut conn = open(name)?;
            let size = if name == "demo_big" {
                config.big_partners
            } else {
                0
            };
            if seed::ensure(&mut conn, size)? {
                tracing::info!(db = name, "seeded");
            }
            dbs.push(Db {
                name,
                conn: Mutex::new(conn),
            });
        }
        let sessions = sessions::Sessions::open(open("sessions")?, config.session_idle_timeout)?;
        Ok(DemoOdoo {
            inner: Arc::new(Inner {
                version: config.odoo_version,
                visible,
                dbs,
                sessions,
                cooldown: auth::Cooldown::default(),
            }),
        })
    }

    /// The routes under `/web/…`, state applied. Serve it with or without
    /// `into_make_service_with_connect_info::<SocketAddr>()`; without, the
    /// client address comes from X-Forwarded-For (used by the sign-in
    /// cooldown).
    pub fn router(&self) -> axum::Router {
        routes::router(self.inner.clone())
    }

    /// What `cargo xtask bench` times, in-process: the app's name search —
    /// `web_search_read` with `[["name", "ilike", query]]`, `limit` rows of
    /// name and email, and its count — on database `db` as the admin.
    /// Returns how many records came back.
    pub fn bench_name_search(&self, db: &str, query: &str, limit: u64) -> Result<usize, Error> {
        let db = self
            .inner
            .dbs
            .iter()
            .find(|d| d.name == db)
            .ok_or_else(|| Error::UnknownDb(db.into()))?;
        let conn = db.lock();
        let caller = call_kw::Caller {
            uid: 2,
            kind: session_info::UserKind::Admin,
            partner_id: 3,
            name: "Mitchell Admin".into(),
        };
        let call = call_kw::Call {
            conn: &conn,
            version: self.inner.version,
            caller: &caller,
            model: &model::PARTNER,
            method: "web_search_read",
        };
        let mut kwargs = serde_json::json!({
            "domain": [["name", "ilike", query]],
            "limit": limit,
        });
        let (key, fields) = match release(self.inner.version).web_fields {
            WebFields::List => ("fields", serde_json::json!(["name", "email"])),
            WebFields::Specification => (
                "specification",
                serde_json::json!({"name": {}, "email": {}}),
            ),
        };
        kwargs[key] = fields;
        let result = call
            .run(&serde_json::json!([]), &kwargs)
            .map_err(|e| Error::Query(format!("{}: {}", e.name, e.message)))?;
        Ok(match result.get("records") {
            Some(json::Json::Arr(records)) => records.len(),
            _ => 0,
        })
    }
}
