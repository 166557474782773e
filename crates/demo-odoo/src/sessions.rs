//! Sessions in SQLite, so a restart keeps people signed in. The cookie is
//! a random id (Odoo 16's 40 hex digits, 17+'s 84 URL-safe characters);
//! the table keeps only its SHA-256, so the file alone cannot be replayed.
//! A session ends when destroyed or after `idle` without use.

use crate::clock;
use base64::Engine;
use rand::RngCore;
use rusqlite::{params, Connection, OptionalExtension};
use sha2::{Digest, Sha256};
use std::sync::Mutex;
use std::time::Duration;

#[derive(Clone, Debug, PartialEq)]
pub struct Session {
    pub db: String,
    pub uid: i64,
}

pub struct Sessions {
    conn: Mutex<Connection>,
    idle_ms: i64,
}

/// A fresh session id in the version's format.
pub fn new_id(version: u8) -> String {
    let mut rng = rand::rng();
    if crate::release(version).hex_session_id {
        let mut bytes = [0u8; 20];
        rng.fill_bytes(&mut bytes);
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    } else {
        let mut bytes = [0u8; 63];
        rng.fill_bytes(&mut bytes);
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
    }
}

fn key(id: &str) -> String {
    Sha256::digest(id.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

impl Sessions {
    pub fn open(conn: Connection, idle: Duration) -> rusqlite::Result<Sessions> {
        // A table from an older layout is dropped (its sessions end).
        let columns: Vec<String> = conn
            .prepare("SELECT name FROM pragma_table_info('session')")?
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        if !columns.is_empty() && !columns.iter().any(|c| c == "key") {
            conn.execute_batch("DROP TABLE session;")?;
        }
        conn.execute_batch(
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;
             CREATE TABLE IF NOT EXISTS session (
               key TEXT PRIMARY KEY, db TEXT NOT NULL, uid INTEGER NOT NULL,
               created INTEGER NOT NULL, seen INTEGER NOT NULL);",
        )?;
        Ok(Sessions {
            conn: Mutex::new(conn),
            idle_ms: i64::try_from(idle.as_millis()).unwrap_or(i64::MAX),
        })
    }

    fn conn(&self) -> std::sync::MutexGuard<'_, Connection> {
        // A panic elsewhere cannot leave a half-written session behind
        // (each statement is atomic), so a poisoned lock is still usable.
        self.conn.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn cutoff(&self) -> i64 {
        clock::now_millis().saturating_sub(self.idle_ms)
    }

    /// Starts a session and returns its id (the cookie's value).
    pub fn create(&self, db: &str, uid: i64, version: u8) -> rusqlite::Result<String> {
        let id = new_id(version);
        let now = clock::now_millis();
        let conn = self.conn();
        // Sign-ins are rare enough to carry the clean-up of old sessions.
        conn.execute(
            "DELETE FROM session WHERE seen <= ?1",
            params![self.cutoff()],
        )?;
        conn.execute(
            "INSERT INTO session (key, db, uid, created, seen) VALUES (?1, ?2, ?3, ?4, ?4)",
            params![key(&id), db, uid, now],
        )?;
        Ok(id)
    }

    /// The live session behind an id, its idle clock restarted.
    pub fn get(&self, id: &str) -> rusqlite::Result<Option<Session>> {
        let conn = self.conn();
        let k = key(id);
        let found = conn
            .query_row(
                "SELECT db, uid, seen FROM session WHERE key = ?1",
                params![k],
                |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, i64>(1)?,
                        r.get::<_, i64>(2)?,
                    ))
                },
            )
            .optional()?;
        let Some((db, uid, seen)) = found else {
            return Ok(None);
        };
        if seen <= self.cutoff() {
            conn.execute("DELETE FROM session WHERE key = ?1", params![k])?;
            return Ok(None);
        }
        conn.execute(
            "UPDATE session SET seen = ?1 WHERE key = ?2",
            params![clock::now_millis(), k],
        )?;
        Ok(Some(Session { db, uid }))
    }

    pub fn destroy(&self, id: &str) -> rusqlite::Result<()> {
        self.conn()
            .execute("DELETE FROM session WHERE key = ?1", params![key(id)])?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn in_memory(idle: Duration) -> Sessions {
        Sessions::open(Connection::open_in_memory().unwrap(), idle).unwrap()
    }

    #[test]
    fn ids_have_each_versions_shape() {
        let old = new_id(16);
        assert_eq!(old.len(), 40);
        assert!(old.chars().all(|c| c.is_ascii_hexdigit()));
        let new = new_id(18);
        assert_eq!(new.len(), 84);
        assert!(new
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'));
        assert_ne!(new_id(18), new);
    }

    #[test]
    fn create_get_destroy_and_expiry() {
        let s = in_memory(Duration::from_secs(60));
        let id = s.create("demo", 2, 18).unwrap();
        assert_eq!(
            s.get(&id).unwrap(),
            Some(Session {
                db: "demo".into(),
                uid: 2
            })
        );
        assert_eq!(s.get("nope").unwrap(), None);
        s.destroy(&id).unwrap();
        assert_eq!(s.get(&id).unwrap(), None);

        let none = in_memory(Duration::ZERO);
        let id = none.create("demo", 2, 18).unwrap();
        assert_eq!(
            none.get(&id).unwrap(),
            None,
            "no idle time allowed: expired at once"
        );
    }

    #[test]
    fn an_older_table_is_replaced() {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(
            "CREATE TABLE session (id TEXT PRIMARY KEY, db TEXT, uid INTEGER, seen INTEGER);",
        )
        .unwrap();
        let s = Sessions::open(conn, Duration::from_secs(60)).unwrap();
        let id = s.create("demo", 2, 18).unwrap();
        assert!(s.get(&id).unwrap().is_some());
    }

    #[test]
    fn only_a_hash_of_the_id_is_stored() {
        let s = in_memory(Duration::from_secs(60));
        let id = s.create("demo", 2, 16).unwrap();
        let stored: String = s
            .conn()
            .query_row("SELECT key FROM session", [], |r| r.get(0))
            .unwrap();
        assert_ne!(stored, id);
        assert_eq!(stored, key(&id));
    }
}
