#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("the app folder {0} does not exist or has no index.html; build it first with `cargo xtask dist`")]
    MissingDist(std::path::PathBuf),
    #[error("--odoo {url:?} is not a usable URL: {why}")]
    BadOdooUrl { url: String, why: String },
    #[error("could not listen on {addr}: {source}")]
    Listen {
        addr: String,
        source: std::io::Error,
    },
    #[error("the demo backend could not start: {0}")]
    Demo(#[from] demo_odoo::Error),
    #[error("HTTP client: {0}")]
    Client(#[from] reqwest::Error),
    #[error(transparent)]
    Io(#[from] std::io::Error),
}
