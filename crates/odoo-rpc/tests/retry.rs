//! The retry policy: reads only, hiccups only, exponential waits with
//! jitter, capped.

use odoo_rpc::{CallKind, Error, RetryPolicy};
use proptest::prelude::*;

fn gateway(status: u16) -> Error {
    Error::Http {
        status,
        excerpt: String::new(),
    }
}

#[test]
fn reads_are_retried_after_hiccups_only() {
    let p = RetryPolicy::default();
    let hiccups = [
        gateway(502),
        gateway(503),
        gateway(504),
        Error::Network {
            detail: "reset".into(),
        },
        Error::Timeout,
    ];
    for e in &hiccups {
        assert!(p.should_retry(CallKind::Read, e, 1), "{e:?}");
        // Never a write (it could apply twice) or a sign-in (it counts
        // toward the lock-out).
        assert!(!p.should_retry(CallKind::Write, e, 1), "{e:?}");
        assert!(!p.should_retry(CallKind::SignIn, e, 1), "{e:?}");
    }
    let lasting = [
        gateway(500),
        gateway(400),
        gateway(429),
        Error::SessionExpired,
        Error::Offline,
        Error::Cancelled,
        Error::AccessDenied {
            message: String::new(),
        },
        Error::Server {
            code: 200,
            name: "builtins.ValueError".into(),
            message: String::new(),
        },
        Error::Shape {
            detail: String::new(),
        },
    ];
    for e in &lasting {
        assert!(!p.should_retry(CallKind::Read, e, 1), "{e:?}");
    }
}

#[test]
fn attempts_are_bounded() {
    let p = RetryPolicy::default();
    assert_eq!(p.max_attempts, 3);
    let e = gateway(503);
    assert!(p.should_retry(CallKind::Read, &e, 1));
    assert!(p.should_retry(CallKind::Read, &e, 2));
    assert!(!p.should_retry(CallKind::Read, &e, 3), "3 attempts in all");
    let once = RetryPolicy {
        max_attempts: 1,
        ..p
    };
    assert!(!once.should_retry(CallKind::Read, &e, 1));
}

#[test]
fn waits_double_then_stop_growing() {
    let p = RetryPolicy::default();
    // Without jitter, half the exponential step; with full jitter, all of it.
    assert_eq!((p.delay_ms(1, 0.0), p.delay_ms(1, 1.0)), (125, 250));
    assert_eq!((p.delay_ms(2, 0.0), p.delay_ms(2, 1.0)), (250, 500));
    assert_eq!((p.delay_ms(3, 0.0), p.delay_ms(3, 1.0)), (500, 1000));
    assert_eq!(p.delay_ms(5, 1.0), 4000);
    assert_eq!(p.delay_ms(60, 1.0), 4000, "capped, no overflow");
    assert_eq!(p.delay_ms(u32::MAX, 0.5), 3000);
    // Jitter outside 0..1 (or not a number) is clamped.
    assert_eq!(p.delay_ms(1, 7.0), 250);
    assert_eq!(p.delay_ms(1, -1.0), 125);
    assert_eq!(p.delay_ms(1, f64::NAN), 125);
}

proptest! {
    #[test]
    fn waits_stay_within_bounds(attempt in 1u32..100, jitter in 0.0f64..=1.0, base in 1u64..10_000, max in 1u64..100_000) {
        let p = RetryPolicy { max_attempts: 5, base_ms: base, max_ms: max };
        let d = p.delay_ms(attempt, jitter);
        let step = base.saturating_mul(1u64 << (attempt - 1).min(32)).min(max);
        prop_assert!(d <= step && d >= step - step / 2, "{} not in [{}, {}]", d, step - step / 2, step);
        // More jitter never means a shorter wait, a later attempt never either.
        prop_assert!(p.delay_ms(attempt, 1.0) >= p.delay_ms(attempt, jitter));
        prop_assert!(p.delay_ms(attempt + 1, jitter) >= d);
    }
}
