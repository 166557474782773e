//! Pure arithmetic of the contacts list: what to render for a scroll
//! position, and how to say how much is shown.

use crate::i18n::{tr_args, Arg};

pub const ROW_HEIGHT: f64 = 72.0;

/// `n` rows' height as CSS, in whole pixels (integer formatting keeps
/// float printing out of the app).
pub fn rows_px(n: usize) -> String {
    format!("{}px", n * ROW_HEIGHT as usize)
}
/// Rows rendered above and below the viewport, so a fling shows no gap.
const OVERSCAN: usize = 8;

/// "1–80 of 12,345", in the reader's words and digits.
pub fn range_label(shown: usize, total: Option<u64>) -> String {
    let n = |v: u64| Arg::Num(v as f64);
    match total {
        Some(0) | None if shown == 0 => String::new(),
        Some(t) => tr_args("range", &[("shown", n(shown as u64)), ("total", n(t))]),
        None => tr_args("contacts-count", &[("count", n(shown as u64))]),
    }
}

/// The rows to put in the DOM for a scroll position.
pub fn visible_range(scroll_top: f64, viewport: f64, len: usize) -> (usize, usize) {
    let first = (scroll_top / ROW_HEIGHT).floor().max(0.0) as usize;
    let count = (viewport / ROW_HEIGHT).ceil() as usize + 1;
    let start = first.saturating_sub(OVERSCAN).min(len);
    let end = (first + count + OVERSCAN).min(len);
    (start, end)
}
