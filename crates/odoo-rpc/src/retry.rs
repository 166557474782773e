//! When to try a call again: only reads, only after a hiccup (502/503/504,
//! a dropped connection, a timeout), with exponential backoff and jitter,
//! like Odoo's own client. Writes and sign-in never: a retried write could
//! apply twice, a retried sign-in counts twice toward the lock-out.

use crate::call::CallKind;
use crate::error::Error;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Attempts in all, the first included.
    pub max_attempts: u32,
    pub base_ms: u64,
    pub max_ms: u64,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 3,
            base_ms: 250,
            max_ms: 4_000,
        }
    }
}

impl RetryPolicy {
    /// `attempt` is the number of the attempt that just failed (1-based).
    pub fn should_retry(&self, kind: CallKind, err: &Error, attempt: u32) -> bool {
        kind == CallKind::Read && err.is_transient() && attempt < self.max_attempts
    }

    /// How long to wait after failed attempt `attempt`: "equal jitter",
    /// half fixed, half random (`jitter` in 0..1, from the caller).
    pub fn delay_ms(&self, attempt: u32, jitter: f64) -> u64 {
        let exp = self
            .base_ms
            .saturating_mul(1u64 << attempt.saturating_sub(1).min(20))
            .min(self.max_ms);
        let half = exp / 2;
        half + (half as f64 * jitter.clamp(0.0, 1.0)).round() as u64
    }
}
