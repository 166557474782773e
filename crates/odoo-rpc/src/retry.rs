//! When to try a call again: only reads, only after a hiccup (a gateway's
//! 502/503/504, a dropped connection, a timeout), with exponential backoff
//! and jitter, as Odoo's own client does (`addons/web/static/src/core/
//! network/rpc.js`: retryable connection errors, base 200 ms doubling,
//! capped, plus random jitter). Writes and sign-ins never: a repeated
//! write could apply twice, a repeated sign-in counts twice toward Odoo's
//! lock-out.

use crate::call::CallKind;
use crate::error::Error;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Attempts in all, the first included.
    pub max_attempts: u32,
    /// The wait after the first failure, before jitter.
    pub base_ms: u64,
    /// No wait is longer than this.
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
    /// Whether to try again after attempt number `attempt` (1-based)
    /// failed with `err`.
    pub fn should_retry(&self, kind: CallKind, err: &Error, attempt: u32) -> bool {
        kind == CallKind::Read && err.is_transient() && attempt < self.max_attempts
    }

    /// How long to wait after failed attempt `attempt` (1-based):
    /// `base * 2^(attempt-1)`, capped at `max_ms`, with "equal jitter" —
    /// half of it fixed, half scaled by `jitter` (0..1, from the caller,
    /// so that this stays pure) — so that many clients that failed
    /// together do not all come back together.
    pub fn delay_ms(&self, attempt: u32, jitter: f64) -> u64 {
        let doublings = attempt.saturating_sub(1).min(32);
        let exp = self
            .base_ms
            .saturating_mul(1u64 << doublings)
            .min(self.max_ms);
        let jitter = if jitter.is_finite() {
            jitter.clamp(0.0, 1.0)
        } else {
            0.0
        };
        let half = exp / 2;
        (exp - half) + (half as f64 * jitter).round() as u64
    }
}
