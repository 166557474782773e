//! demo-odoo: answers Odoo's web routes (sign-in, session, `call_kw` on
//! `res.partner`, avatars) the way a real Odoo 16–19 does, from SQLite, so
//! the app runs and is tested anywhere. See README.md for what it mimics.

mod auth;
mod avatar;
mod domain;
mod partners;
mod routes;
mod seed;
mod sessions;
mod wire;

use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

pub const DATABASES: [&str; 2] = ["demo", "demo_big"];

#[derive(Clone, Debug)]
pub struct Config {
    /// Where the SQLite files live (created if missing, reused across
    /// restarts). `None`: everything in memory.
    pub data_dir: Option<PathBuf>,
    /// Contacts in `demo_big`.
    pub big_partners: usize,
    /// 16..=19: the version reported, and the shapes answered.
    pub odoo_version: u8,
    /// Like Odoo's `--db-filter`: a regex the database name must match.
    pub db_filter: Option<String>,
    /// Sessions expire after this long without use.
    pub session_idle_timeout: Duration,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            data_dir: None,
            big_partners: 100_000,
            odoo_version: 18,
            db_filter: None,
            session_idle_timeout: Duration::from_secs(7 * 24 * 3600),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("SQLite: {0}")]
    Sql(#[from] rusqlite::Error),
    #[error("data folder: {0}")]
    Io(#[from] std::io::Error),
    #[error("--db-filter is not a valid regex: {0}")]
    DbFilter(#[from] regex::Error),
    #[error("unsupported Odoo version {0} (16 to 19)")]
    Version(u8),
    #[error("unknown database {0}")]
    UnknownDb(String),
}

/// A handle on the demo backend; cheap to clone.
#[derive(Clone)]
pub struct DemoOdoo {
    inner: Arc<Inner>,
}

pub(crate) struct Inner {
    pub version: u8,
    pub visible: Vec<&'static str>,
    pub dbs: Vec<(&'static str, Mutex<rusqlite::Connection>)>,
    pub sessions: sessions::Sessions,
    pub lockout: auth::Lockout,
}

impl Inner {
    pub fn db(&self, name: &str) -> Option<&Mutex<rusqlite::Connection>> {
        self.dbs.iter().find(|(n, _)| *n == name).map(|(_, c)| c)
    }
}

impl DemoOdoo {
    pub fn open(config: Config) -> Result<DemoOdoo, Error> {
        if !(16..=19).contains(&config.odoo_version) {
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
            Ok(match &config.data_dir {
                Some(dir) => rusqlite::Connection::open(dir.join(format!("{name}.sqlite")))?,
                None => rusqlite::Connection::open_in_memory()?,
            })
        };
        let mut dbs = Vec::new();
        for name in DATABASES {
            let conn = open(name)?;
            let size = if name == "demo_big" { config.big_partners } else { 0 };
            seed::ensure(&conn, name, size)?;
            dbs.push((name, Mutex::new(conn)));
        }
        let sessions = sessions::Sessions::open(open("sessions")?, config.session_idle_timeout)?;
        Ok(DemoOdoo {
            inner: Arc::new(Inner {
                version: config.odoo_version,
                visible,
                dbs,
                sessions,
                lockout: auth::Lockout::default(),
            }),
        })
    }

    pub fn router(&self) -> axum::Router {
        routes::router(self.inner.clone())
    }

    /// What `cargo xtask bench` times: one name search of `limit` rows
    /// with its total, as `web_search_read` does it, in-process.
    pub fn bench_name_search(&self, db: &str, query: &str, limit: u64) -> Result<usize, Error> {
        let conn = self.inner.db(db).ok_or_else(|| Error::UnknownDb(db.into()))?;
        let conn = conn.lock().unwrap_or_else(|p| p.into_inner());
        let domain = serde_json::json!([["name", "ilike", query]]);
        let q = partners::Query {
            domain: &domain,
            offset: 0,
            limit: Some(limit),
            order: None,
            active_test: true,
            restrict_to: None,
        };
        let page = partners::search(&conn, &q).map_err(|e| Error::UnknownDb(format!("{e:?}")))?;
        let _total = partners::count(&conn, &q, Some(10_001)).map_err(|e| Error::UnknownDb(format!("{e:?}")))?;
        Ok(page.len())
    }
}
