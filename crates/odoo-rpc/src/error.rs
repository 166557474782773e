//! One error type for every call, decoded from what Odoo really sends, and
//! the one place where each becomes a sentence for people.

use serde_json::Value;

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum Error {
    /// Not signed in any more: code 100, or a multi-database server's 404.
    #[error("session expired")]
    SessionExpired,
    /// Wrong login or password.
    #[error("access denied: {message}")]
    AccessDenied { message: String },
    /// Odoo's lock-out after repeated failures (or our proxy's limit).
    #[error("too many attempts: {message}")]
    TooManyAttempts { message: String },
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
    /// An HTTP answer that is not JSON-RPC (a proxy's 502 page, …).
    #[error("HTTP {status}: {excerpt}")]
    Http { status: u16, excerpt: String },
    #[error("network: {detail}")]
    Network { detail: String },
    #[error("offline")]
    Offline,
    #[error("timed out")]
    Timeout,
    #[error("cancelled")]
    Cancelled,
    /// JSON, but not the shape expected: what was wrong, and where.
    #[error("unexpected answer: {detail}")]
    Shape { detail: String },
}

const TOO_MANY: &str = "Too many login failures";

impl Error {
    /// Decodes the `error` member of an envelope.
    pub fn from_odoo_error(err: &Value, http_status: u16) -> Error {
        let code = err.get("code").and_then(Value::as_i64).unwrap_or(200);
        let data = err.get("data");
        let name = data
            .and_then(|d| d.get("name"))
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string();
        let message = data
            .and_then(|d| d.get("message"))
            .and_then(Value::as_str)
            .or_else(|| err.get("message").and_then(Value::as_str))
            .unwrap_or("")
            .to_string();
        if code == 100 || name == "odoo.http.SessionExpiredException" {
            return Error::SessionExpired;
        }
        if code == 429 || http_status == 429 || name.ends_with("TooManyAttempts") {
            return Error::TooManyAttempts { message };
        }
        match name.as_str() {
            "odoo.exceptions.AccessDenied" if message.starts_with(TOO_MANY) => {
                Error::TooManyAttempts { message }
            }
            "odoo.exceptions.AccessDenied" => Error::AccessDenied { message },
            "odoo.exceptions.AccessError" if message == "Database not found." => {
                Error::DatabaseNotFound
            }
            "odoo.exceptions.AccessError" => Error::AccessError { message },
            "odoo.exceptions.MissingError" => Error::MissingError { message },
            "odoo.exceptions.UserError" => Error::UserError { message },
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

    /// One sentence for people, for every error there is.
    pub fn user_message(&self) -> String {
        match self {
            Error::SessionExpired => "Your session has expired. Please sign in again.".into(),
            Error::AccessDenied { .. } => "Wrong login or password.".into(),
            Error::TooManyAttempts { message } if !message.is_empty() => message.clone(),
            Error::TooManyAttempts { .. } => {
                "Too many sign-in attempts. Please wait a minute and try again.".into()
            }
            Error::DatabaseNotFound => "That database does not exist on this server.".into(),
            Error::AccessError { message }
            | Error::MissingError { message }
            | Error::UserError { message }
            | Error::ValidationError { message }
                if !message.is_empty() =>
            {
                message.clone()
            }
            Error::AccessError { .. } => "You are not allowed to see this.".into(),
            Error::MissingError { .. } => "This record no longer exists.".into(),
            Error::UserError { .. } | Error::ValidationError { .. } => {
                "Odoo refused this request.".into()
            }
            Error::NotFound { .. } => "The server does not know this request (not found).".into(),
            Error::Server { name, message, .. } => {
                let short = name.rsplit('.').next().unwrap_or(name);
                if message.is_empty() {
                    format!("The server failed ({short}).")
                } else {
                    format!("The server failed: {message}")
                }
            }
            Error::Http { status, excerpt } if matches!(status, 502..=504) && !excerpt.is_empty() && !excerpt.contains('<') => {
                format!("The server is unavailable (HTTP {status}): {excerpt}")
            }
            Error::Http { status, .. } => {
                format!("The server answered with an error page (HTTP {status}) instead of data.")
            }
            Error::Network { .. } => "The server could not be reached. Check your connection.".into(),
            Error::Offline => "You are offline.".into(),
            Error::Timeout => "The server took too long to answer. Please try again.".into(),
            Error::Cancelled => "The request was cancelled.".into(),
            Error::Shape { .. } => "The server sent an answer this app does not understand.".into(),
        }
    }

    pub fn is_session_expired(&self) -> bool {
        matches!(self, Error::SessionExpired)
    }

    /// Worth trying again later: the server or the way to it had a hiccup.
    pub fn is_transient(&self) -> bool {
        matches!(
            self,
            Error::Http { status: 502..=504, .. } | Error::Network { .. } | Error::Timeout
        )
    }
}

/// A short, single-line, tag-free excerpt of a body, for messages and logs.
pub fn excerpt(body: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in body.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            _ if in_tag => {}
            c if c.is_whitespace() => out.push(' '),
            c => out.push(c),
        }
    }
    let collapsed = out.split_whitespace().collect::<Vec<_>>().join(" ");
    match collapsed.char_indices().nth(160) {
        Some((i, _)) => format!("{}…", &collapsed[..i]),
        None => collapsed,
    }
}
