//! Sessions in SQLite, so a restart keeps people signed in; expiry after
//! inactivity; an id that is random and unguessable.

use rand::RngCore;
use rusqlite::{params, Connection, OptionalExtension};
use std::sync::Mutex;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

#[derive(Clone, Debug, PartialEq)]
pub struct Session {
    pub db: String,
    pub uid: i64,
}

pub struct Sessions {
    conn: Mutex<Connection>,
    idle: Duration,
}

fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

/// 84 URL-safe characters, like Odoo 18's ids.
pub fn new_id() -> String {
    use base64::Engine;
    let mut bytes = [0u8; 63];
    rand::rng().fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

impl Sessions {
    pub fn open(conn: Connection, idle: Duration) -> rusqlite::Result<Sessions> {
        conn.execute_batch(
            "PRAGMA journal_mode=WAL;
             CREATE TABLE IF NOT EXISTS session (id TEXT PRIMARY KEY, db TEXT NOT NULL, uid INTEGER NOT NULL, seen INTEGER NOT NULL);",
        )?;
        Ok(Sessions {
            conn: Mutex::new(conn),
            idle,
        })
    }

    fn conn(&self) -> std::sync::MutexGuard<'_, Connection> {
        self.conn.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub fn create(&self, db: &str, uid: i64) -> rusqlite::Result<String> {
        let id = new_id();
        self.conn().execute(
            "INSERT INTO session (id, db, uid, seen) VALUES (?1, ?2, ?3, ?4)",
            params![id, db, uid, now()],
        )?;
        Ok(id)
    }

    /// The live session behind a cookie, touched; expired ones are dropped.
    pub fn get(&self, id: &str) -> Option<Session> {
        let conn = self.conn();
        let cutoff = now() - self.idle.as_secs() as i64;
        conn.execute("DELETE FROM session WHERE seen < ?1", params![cutoff]).ok()?;
        let s = conn
            .query_row("SELECT db, uid FROM session WHERE id = ?1", params![id], |r| {
                Ok(Session {
                    db: r.get(0)?,
                    uid: r.get(1)?,
                })
            })
            .optional()
            .ok()??;
        conn.execute("UPDATE session SET seen = ?1 WHERE id = ?2", params![now(), id]).ok()?;
        Some(s)
    }

    pub fn destroy(&self, id: &str) {
        let _ = self.conn().execute("DELETE FROM session WHERE id = ?1", params![id]);
    }
}
