//! Passwords (hashed only, in passlib's pbkdf2-sha512 format as Odoo stores
//! them) and Odoo's sign-in lock-out: 10 failures from one address within a
//! minute lock that address out for a minute, even with the right password.

use base64::engine::general_purpose::STANDARD_NO_PAD;
use base64::Engine;
use rand::RngCore;
use sha2::Sha512;
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Odoo 18 uses 600,000 rounds (a sign-in then costs ~0.4 s). The demo uses
/// fewer so tests stay quick; the format and algorithm are the same.
const ROUNDS: u32 = 20_000;

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
    let [_, "pbkdf2-sha512", rounds, salt, hash] = parts.as_slice() else {
        return false;
    };
    let (Ok(rounds), Some(salt), Some(hash)) = (rounds.parse::<u32>(), ab64_decode(salt), ab64_decode(hash)) else {
        return false;
    };
    let mut out = vec![0u8; hash.len()];
    pbkdf2::pbkdf2_hmac::<Sha512>(password.as_bytes(), &salt, rounds, &mut out);
    // Constant time, like passlib.
    out.len() == hash.len() && out.iter().zip(&hash).fold(0u8, |acc, (a, b)| acc | (a ^ b)) == 0
}

const MAX_FAILURES: usize = 10;
const WINDOW: Duration = Duration::from_secs(60);

#[derive(Default)]
pub struct Lockout {
    failures: Mutex<HashMap<String, Vec<Instant>>>,
}

impl Lockout {
    pub fn is_locked(&self, addr: &str, now: Instant) -> bool {
        let mut f = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        let Some(times) = f.get_mut(addr) else { return false };
        times.retain(|t| now.duration_since(*t) < WINDOW);
        times.len() >= MAX_FAILURES
    }

    pub fn failed(&self, addr: &str, now: Instant) {
        let mut f = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        f.entry(addr.to_string()).or_default().push(now);
    }

    pub fn succeeded(&self, addr: &str) {
        let mut f = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        f.remove(addr);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_verify_and_look_like_passlib() {
        let h = hash_password("admin");
        assert!(h.starts_with("$pbkdf2-sha512$20000$"), "{h}");
        assert!(verify_password("admin", &h));
        assert!(!verify_password("Admin", &h));
        assert!(!verify_password("admin", "admin"), "plain text never matches");
        assert_ne!(h, hash_password("admin"), "salted");
    }

    #[test]
    fn ten_failures_lock_an_address_for_a_minute() {
        let l = Lockout::default();
        let t = Instant::now();
        for i in 0..10 {
            assert!(!l.is_locked("a", t));
            l.failed("a", t + Duration::from_millis(i));
        }
        assert!(l.is_locked("a", t + Duration::from_secs(1)));
        assert!(!l.is_locked("b", t + Duration::from_secs(1)));
        assert!(!l.is_locked("a", t + Duration::from_secs(61)));
    }
}
