//! Who may sign in: passwords (hashed only, in passlib's `$pbkdf2-sha512$`
//! format as Odoo stores them), the check of a login or uid against them
//! (the same for the web sign-in and the external API), and Odoo's sign-in
//! cooldown (`res.users._assert_can_auth`):
//! failures are counted per database and client address until a success;
//! from the 10th on, that address is refused for a minute after each
//! failure, even with the right password.

use crate::wire::{Failure, PyError};
use crate::Inner;
use base64::engine::general_purpose::STANDARD_NO_PAD;
use base64::Engine;
use rand::RngCore;
use sha2::Sha512;
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Odoo uses 600,000 rounds (about 0.4 s a sign-in). The demo keeps the
/// format and algorithm with fewer rounds: enough to be a real cost, small
/// enough that unoptimised test builds sign in quickly. The count is in
/// each stored hash, so either build verifies the other's.
pub const ROUNDS: u32 = if cfg!(debug_assertions) {
    2_000
} else {
    25_000
};

/// passlib's "adapted base64": `.` instead of `+`, no padding.
fn ab64(bytes: &[u8]) -> String {
    STANDARD_NO_PAD.encode(bytes).replace('+', ".")
}

fn ab64_decode(s: &str) -> Option<Vec<u8>> {
    STANDARD_NO_PAD.decode(s.replace('.', "+")).ok()
}

pub fn hash_password(password: &str) -> String {
    let mut salt = [0u8; 16];
    rand::rng().fill_bytes(&mut salt);
    let mut out = [0u8; 64];
    pbkdf2::pbkdf2_hmac::<Sha512>(password.as_bytes(), &salt, ROUNDS, &mut out);
    format!("$pbkdf2-sha512${ROUNDS}${}${}", ab64(&salt), ab64(&out))
}

pub fn verify_password(password: &str, stored: &str) -> bool {
    let parts: Vec<&str> = stored.split('$').collect();
    let ["", "pbkdf2-sha512", rounds, salt, hash] = parts.as_slice() else {
        return false;
    };
    let (Ok(rounds), Some(salt), Some(hash)) =
        (rounds.parse::<u32>(), ab64_decode(salt), ab64_decode(hash))
    else {
        return false;
    };
    if rounds == 0 || hash.is_empty() || rounds > 10_000_000 {
        return false;
    }
    let mut out = vec![0u8; hash.len()];
    pbkdf2::pbkdf2_hmac::<Sha512>(password.as_bytes(), &salt, rounds, &mut out);
    // Constant time, like passlib.
    out.iter().zip(&hash).fold(0u8, |acc, (a, b)| acc | (a ^ b)) == 0
}

/// A hash to check unknown logins against, so they take as long as
/// known ones.
fn decoy_hash() -> &'static str {
    static DECOY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DECOY.get_or_init(|| hash_password("decoy"))
}

/// Whom a password is checked for: a login (sign-in), or a uid (every
/// call of the external API).
pub(crate) enum Credential<'a> {
    Login(&'a str),
    Uid(i64),
}

/// Checks a password on `db_name` with Odoo's lock-out: the uid, or
/// AccessDenied (wrong credentials, or too many failures from this
/// address), or the error for an unknown database. An unknown user costs
/// as long as a known one, so neither can be guessed at speed.
pub(crate) fn check_password(
    inner: &Inner,
    addr: &str,
    db_name: &str,
    who: Credential,
    password: &str,
) -> Result<(&'static str, i64), Failure> {
    let Some(db) = inner.db(db_name) else {
        return Err(PyError::access("Database not found.").into());
    };
    let denied = || Failure::Py(PyError::denied("Access Denied"));
    // An empty password is refused before the cooldown bookkeeping.
    if password.is_empty() {
        return Err(denied());
    }
    let now = Instant::now();
    if inner.cooldown.is_cooling(db.name, addr, now) {
        return Err(PyError::denied(
            "Too many login failures, please wait a bit before trying again.",
        )
        .into());
    }
    let found: Option<(i64, String)> = {
        use rusqlite::OptionalExtension;
        let row = |r: &rusqlite::Row| Ok((r.get(0)?, r.get(1)?));
        let conn = db.lock();
        match who {
            Credential::Login(login) => conn.query_row(
                "SELECT id, password FROM users WHERE login = ?1 AND active = 1",
                [login],
                row,
            ),
            Credential::Uid(uid) => conn.query_row(
                "SELECT id, password FROM users WHERE id = ?1 AND active = 1",
                [uid],
                row,
            ),
        }
        .optional()
        .map_err(PyError::from)?
    };
    // The hash is checked outside the database lock: it is the slow part.
    let uid = match &found {
        Some((uid, hash)) if verify_password(password, hash) => Some(*uid),
        Some(_) => None,
        None => {
            verify_password(password, decoy_hash());
            None
        }
    };
    let Some(uid) = uid else {
        inner.cooldown.failed(db.name, addr, now);
        return Err(denied());
    };
    inner.cooldown.succeeded(db.name, addr);
    Ok((db.name, uid))
}

/// Odoo's defaults (`base.login_cooldown_after`, `…_duration`).
pub const COOLDOWN_AFTER: u32 = 10;
pub const COOLDOWN: Duration = Duration::from_secs(60);

const MAX_TRACKED: usize = 10_000;

#[derive(Default)]
pub struct Cooldown {
    /// (database, address) → (failures since the last success, last failure)
    failures: Mutex<HashMap<(String, String), (u32, Instant)>>,
}

impl Cooldown {
    fn map(&self) -> std::sync::MutexGuard<'_, HashMap<(String, String), (u32, Instant)>> {
        self.failures.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub fn is_cooling(&self, db: &str, addr: &str, now: Instant) -> bool {
        self.map()
            .get(&(db.to_string(), addr.to_string()))
            .is_some_and(|(n, last)| {
                *n >= COOLDOWN_AFTER && now.saturating_duration_since(*last) < COOLDOWN
            })
    }

    pub fn failed(&self, db: &str, addr: &str, now: Instant) {
        let mut map = self.map();
        // Many addresses (or forged X-Forwarded-For values) must not grow
        // this without end: past a bound, forget those not cooling down.
        if map.len() >= MAX_TRACKED {
            map.retain(|_, (_, last)| now.saturating_duration_since(*last) < COOLDOWN);
        }
        let entry = map
            .entry((db.to_string(), addr.to_string()))
            .or_insert((0, now));
        entry.0 += 1;
        entry.1 = now;
    }

    pub fn succeeded(&self, db: &str, addr: &str) {
        self.map().remove(&(db.to_string(), addr.to_string()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_verify_and_look_like_passlib() {
        let h = hash_password("admin");
        assert!(h.starts_with(&format!("$pbkdf2-sha512${ROUNDS}$")), "{h}");
        assert_eq!(h.split('$').count(), 5);
        assert!(verify_password("admin", &h));
        assert!(!verify_password("Admin", &h));
        assert!(
            !verify_password("admin", "admin"),
            "plain text never matches"
        );
        assert!(
            !verify_password("admin", "$pbkdf2-sha512$0$$"),
            "degenerate hashes never match"
        );
        assert_ne!(h, hash_password("admin"), "salted");
    }

    #[test]
    fn verifies_a_hash_made_elsewhere() {
        // Python: hashlib.pbkdf2_hmac("sha512", b"demo", b"0123456789abcdef", 1000)
        // in passlib's format (adapted base64, no padding).
        let h = "$pbkdf2-sha512$1000$MDEyMzQ1Njc4OWFiY2RlZg$SgwQGgCusRJzVrEOtwkk5Q/6C43ggKkRWLDKwsksrZRNUJmu4e8MYGs2O1VmcyPsmbn.0alXTzIT5eidWXVTwg";
        assert!(verify_password("demo", h));
        assert!(!verify_password("Demo", h));
    }

    #[test]
    fn forgets_stale_addresses_past_a_bound() {
        let c = Cooldown::default();
        let t = Instant::now();
        for i in 0..MAX_TRACKED {
            c.failed("demo", &i.to_string(), t);
        }
        for _ in 0..10 {
            c.failed("demo", "hot", t + Duration::from_secs(120));
        }
        assert!(c.map().len() <= 2, "old single failures dropped");
        assert!(c.is_cooling("demo", "hot", t + Duration::from_secs(121)));
    }

    #[test]
    fn cooldown_after_ten_failures_for_a_minute_after_the_last() {
        let c = Cooldown::default();
        let t = Instant::now();
        for i in 0..10 {
            assert!(!c.is_cooling("demo", "a", t));
            c.failed("demo", "a", t + Duration::from_millis(i));
        }
        assert!(c.is_cooling("demo", "a", t + Duration::from_secs(1)));
        assert!(
            !c.is_cooling("demo", "b", t + Duration::from_secs(1)),
            "per address"
        );
        assert!(
            !c.is_cooling("demo_big", "a", t + Duration::from_secs(1)),
            "per database"
        );
        assert!(!c.is_cooling("demo", "a", t + Duration::from_secs(61)));
        // Still past the threshold: one more failure starts another minute.
        c.failed("demo", "a", t + Duration::from_secs(62));
        assert!(c.is_cooling("demo", "a", t + Duration::from_secs(63)));
        c.succeeded("demo", "a");
        assert!(!c.is_cooling("demo", "a", t + Duration::from_secs(63)));
    }
}
