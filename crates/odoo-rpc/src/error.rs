//! One error type for every call, decoded from what Odoo really sends, and
//! the one place where each becomes a sentence for people.

use serde_json::Value;

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum Error {
    /// Not signed in (any more): code 100 on a mono-database server, an
    /// HTTP 404 page on a multi-database one.
    #[error("session expired")]
    SessionExpired,
    /// Wrong login or password (`odoo.exceptions.AccessDenied`).
    #[error("access denied: {message}")]
    AccessDenied { message: String },
    /// Odoo's lock-out after repeated sign-in failures from one address
    /// (an `AccessDenied` with its own message), or an HTTP 429.
    #[error("too many attempts: {message}")]
    TooManyAttempts { message: String },
    /// Sign-in to a database this server does not have (or filters out).
    #[error("database not found")]
    DatabaseNotFound,
    #[error("access error: {message}")]
    AccessError { message: String },
    #[error("missing record: {message}")]
    MissingError { message: String },
    #[error("user error: {message}")]
    UserError { message: String },
    #[error("validation error: {message}")]
    ValidationError { message: String },
    /// Odoo 17+ answers an unknown model with code 404.
    #[error("not found: {message}")]
    NotFound { message: String },
    /// Any other server exception, its Python name and message kept.
    #[error("server error {code} {name}: {message}")]
    Server {
        code: i64,
        name: String,
        message: String,
    },
    /// An HTTP answer that is not JSON-RPC (a proxy's 502 page, a 400 for
    /// a malformed request, …).
    #[error("HTTP {status}: {excerpt}")]
    Http { status: u16, excerpt: String },
    /// The request did not get an answer (connection refused, reset, DNS).
    #[error("network: {detail}")]
    Network { detail: String },
    /// The device knows it has no network; nothing was sent.
    #[error("offline")]
    Offline,
    #[error("timed out")]
    Timeout,
    /// The caller gave up (a newer query, a view going away).
    #[error("cancelled")]
    Cancelled,
    /// JSON, but not the shape expected: what was wrong, and where.
    #[error("unexpected answer: {detail}")]
    Shape { detail: String },
}

/// The start of Odoo's lock-out message (`odoo/addons/base/models/res_users.py`).
const TOO_MANY_FAILURES: &str = "Too many login failures";
const DATABASE_NOT_FOUND: &str = "Database not found.";

impl Error {
    /// Decodes the `error` member of a JSON-RPC answer:
    /// `{"code", "message", "data": {"name", "message", …}}`.
    pub fn from_odoo_error(value: &Value) -> Error {
        let Value::Object(err) = value else {
            return Error::Shape {
                detail: format!("\"error\" is {}, not an object", json_kind(value)),
            };
        };
        let code = err.get("code").and_then(Value::as_i64).unwrap_or(200);
        let data = err.get("data");
        let name = data
            .and_then(|d| d.get("name"))
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string();
        // data.message is the exception's own text; the top-level message
        // is a generic "Odoo Server Error".
        let message = data
            .and_then(|d| d.get("message"))
            .and_then(Value::as_str)
            .or_else(|| err.get("message").and_then(Value::as_str))
            .unwrap_or_default()
            .to_string();
        if code == 100 || name == "odoo.http.SessionExpiredException" {
            return Error::SessionExpired;
        }
        match name.as_str() {
            "odoo.exceptions.AccessDenied" if message.starts_with(TOO_MANY_FAILURES) => {
                Error::TooManyAttempts { message }
            }
            "odoo.exceptions.AccessDenied" => Error::AccessDenied { message },
            "odoo.exceptions.AccessError" if message == DATABASE_NOT_FOUND => {
                Error::DatabaseNotFound
            }
            "odoo.exceptions.AccessError" => Error::AccessError { message },
            "odoo.exceptions.MissingError" => Error::MissingError { message },
            // RedirectWarning is a UserError that also offers an action.
            "odoo.exceptions.UserError" | "odoo.exceptions.RedirectWarning" => {
                Error::UserError { message }
            }
            "odoo.exceptions.ValidationError" => Error::ValidationError { message },
            "werkzeug.exceptions.NotFound" => Error::NotFound { message },
            _ if code == 404 => Error::NotFound { message },
            _ => Error::Server {
                code,
                name,
                message,
            },
        }
    }

    /// One sentence for people, for every error there is. Odoo's own
    /// messages for access, user and validation errors are written for
    /// people already, so those are kept (their first paragraph: the rest
    /// lists technical groups).
    pub fn user_message(&self) -> String {
        match self {
            Error::SessionExpired => "Your session has expired. Please sign in again.".into(),
            Error::AccessDenied { .. } => "Wrong login or password.".into(),
            Error::TooManyAttempts { message } => odoo_sentence(message).unwrap_or_else(|| {
                "Too many failed sign-in attempts: please wait a minute before trying again.".into()
            }),
            Error::DatabaseNotFound => "This server has no database by that name.".into(),
            Error::AccessError { message } => {
                odoo_sentence(message).unwrap_or_else(|| "You are not allowed to do this.".into())
            }
            Error::MissingError { message } => {
                odoo_sentence(message).unwrap_or_else(|| "This record no longer exists.".into())
            }
            Error::UserError { message } | Error::ValidationError { message } => {
                odoo_sentence(message).unwrap_or_else(|| "Odoo refused this change.".into())
            }
            Error::NotFound { .. } => "The server does not offer what the app asked for.".into(),
            Error::Server { name, .. } => {
                let short = name.rsplit('.').next().unwrap_or_default();
                if short.is_empty() {
                    "The server ran into an error.".into()
                } else {
                    format!("The server ran into an error ({short}).")
                }
            }
            Error::Http { status, .. } => {
                format!("The server answered with an error page (HTTP {status}).")
            }
            Error::Network { .. } => {
                "The server could not be reached. Check your connection.".into()
            }
            Error::Offline => "You are offline.".into(),
            Error::Timeout => "The server took too long to answer.".into(),
            Error::Cancelled => "The request was cancelled.".into(),
            Error::Shape { .. } => "The server sent an answer this app does not understand.".into(),
        }
    }

    /// Odoo's own sentence for a refusal it words for people (access,
    /// missing record, user and validation errors, too many sign-in
    /// attempts): the first paragraph, on one line. Odoo writes it in the
    /// user's language; for everything else the app has its own words.
    pub fn server_sentence(&self) -> Option<String> {
        match self {
            Error::TooManyAttempts { message }
            | Error::AccessError { message }
            | Error::MissingError { message }
            | Error::UserError { message }
            | Error::ValidationError { message } => odoo_sentence(message),
            _ => None,
        }
    }

    /// The server's own words, whole (the user is shown only their first
    /// paragraph, by [`Error::user_message`]); `None` for failures that
    /// are not the server's refusal.
    pub fn server_message(&self) -> Option<&str> {
        match self {
            Error::AccessDenied { message }
            | Error::TooManyAttempts { message }
            | Error::AccessError { message }
            | Error::MissingError { message }
            | Error::UserError { message }
            | Error::ValidationError { message }
            | Error::NotFound { message }
            | Error::Server { message, .. } => Some(message),
            _ => None,
        }
    }

    pub fn is_session_expired(&self) -> bool {
        matches!(self, Error::SessionExpired)
    }

    /// No server to answer now (offline, or the server or the way to it
    /// failed): what the device kept may stand in.
    pub fn is_unreachable(&self) -> bool {
        self.is_transient() || *self == Error::Offline
    }

    /// Worth trying again later: the server or the way to it had a hiccup
    /// (a gateway error, a dropped connection, a timeout).
    pub fn is_transient(&self) -> bool {
        matches!(
            self,
            Error::Http {
                status: 502..=504,
                ..
            } | Error::Network { .. }
                | Error::Timeout
        )
    }
}

/// The first paragraph of an Odoo message, on one line; `None` if empty.
fn odoo_sentence(message: &str) -> Option<String> {
    let first = message.split("\n\n").next().unwrap_or_default();
    let line = first.split_whitespace().collect::<Vec<_>>().join(" ");
    (!line.is_empty()).then_some(line)
}

/// `text` cut to `chars` characters (on a character boundary), with an
/// ellipsis when something was cut.
pub(crate) fn shorten(text: &str, chars: usize) -> String {
    match text.char_indices().nth(chars) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_string(),
    }
}

pub(crate) fn json_kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// How many characters of a body an excerpt keeps.
const EXCERPT_CHARS: usize = 160;

/// A short, single-line, tag-free excerpt of a body, for messages and logs.
pub fn excerpt(body: &str) -> String {
    let mut text = String::with_capacity(body.len().min(4 * EXCERPT_CHARS));
    let mut in_tag = false;
    for c in body.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                text.push(' ');
            }
            _ if in_tag => {}
            c => text.push(c),
        }
        // Enough collected: whitespace collapsing only shortens it.
        if text.len() > 8 * EXCERPT_CHARS {
            break;
        }
    }
    let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
    shorten(&collapsed, EXCERPT_CHARS)
}
