//! Pure arithmetic of the contacts list: what to render for a scroll
//! position, and how to say how much is shown.

pub const ROW_HEIGHT: f64 = 72.0;

/// `n` rows' height as CSS, in whole pixels (integer formatting keeps
/// float printing out of the app).
pub fn rows_px(n: usize) -> String {
    format!("{}px", n * ROW_HEIGHT as usize)
}
/// Rows rendered above and below the viewport, so a fling shows no gap.
const OVERSCAN: usize = 8;

/// "1–80 of 12,345"
pub fn range_label(shown: usize, total: Option<u64>) -> String {
    match total {
        Some(0) | None if shown == 0 => String::new(),
        Some(t) => format!(
            "1–{} of {}",
            group_thousands(shown as u64),
            group_thousands(t)
        ),
        None => format!("{shown} contacts"),
    }
}

pub fn group_thousands(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The rows to put in the DOM for a scroll position.
pub fn visible_range(scroll_top: f64, viewport: f64, len: usize) -> (usize, usize) {
    let first = (scroll_top / ROW_HEIGHT).floor().max(0.0) as usize;
    let count = (viewport / ROW_HEIGHT).ceil() as usize + 1;
    let start = first.saturating_sub(OVERSCAN).min(len);
    let end = (first + count + OVERSCAN).min(len);
    (start, end)
}
