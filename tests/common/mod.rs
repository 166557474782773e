//! Shared by the browser test suites.

/// The raw response body of a captured Odoo transcript
/// (`fixtures/odoo-wire/`): the line after its "RESPONSE BODY (raw" marker.
pub fn raw_body(transcript: &str) -> String {
    let start = transcript
        .find("--- RESPONSE BODY (raw")
        .expect("raw body marker");
    let body = &transcript[start..];
    let body = &body[body.find('\n').expect("body line") + 1..];
    body.lines().next().expect("body").to_string()
}
