//! The built app: long-lived caching for hashed files, none for the files
//! that name them, and the shell for every client route.

use crate::Error;
use axum::body::Body;
use axum::http::{header, HeaderValue, Request, Response, StatusCode};
use axum::Router;
use std::collections::HashSet;
use std::path::Path;
use std::sync::Arc;
use tower::ServiceExt;
use tower_http::compression::CompressionLayer;
use tower_http::services::{ServeDir, ServeFile};

pub fn router(dist: &Path) -> Result<Router, Error> {
    let index = dist.join("index.html");
    if !index.is_file() {
        return Err(Error::MissingDist(dist.to_path_buf()));
    }
    // The build ships `.br` / `.gz` twins (xtask's post-build step): sent
    // as they are when the client accepts them; the compression layer
    // below only covers files without a twin.
    let hashed = Arc::new(hashed_files(dist));
    let files = ServeDir::new(dist).precompressed_br().precompressed_gzip();
    let shell = ServeFile::new(index)
        .precompressed_br()
        .precompressed_gzip();
    let handler = move |req: Request<Body>| {
        let files = files.clone();
        let shell = shell.clone();
        let hashed = hashed.clone();
        async move {
            let path = req.uri().path().to_string();
            let accept = req.headers().get(header::ACCEPT_ENCODING).cloned();
            let res = match files.oneshot(req).await {
                Ok(res) => res.map(Body::new),
                Err(never) => match never {},
            };
            let res = if res.status() == StatusCode::NOT_FOUND && is_client_route(&path) {
                let mut shell_req = Request::get("/index.html");
                if let Some(accept) = accept {
                    shell_req = shell_req.header(header::ACCEPT_ENCODING, accept);
                }
                let req = shell_req.body(Body::empty()).unwrap_or_default();
                match shell.oneshot(req).await {
                    Ok(res) => res.map(Body::new),
                    Err(never) => match never {},
                }
            } else {
                res
            };
            with_cache_headers(&path, hashed.contains(&path), res)
        }
    };
    Ok(Router::new()
        .fallback(handler)
        .layer(CompressionLayer::new().br(true).gzip(true)))
}

/// `/partners/42` is the app's; `/missing.js` is a real 404 (answering it
/// with HTML would poison a cache that expects JavaScript).
fn is_client_route(path: &str) -> bool {
    !path.starts_with("/web/") && !path.rsplit('/').next().unwrap_or("").contains('.')
}

/// The build's content-named files, as its post-build step listed them
/// (`hashed-files.txt`, one URL a line). Without the list nothing is
/// cached for long: slower, never stale.
fn hashed_files(dist: &Path) -> HashSet<String> {
    match std::fs::read_to_string(dist.join("hashed-files.txt")) {
        Ok(list) => list
            .lines()
            .map(str::trim)
            .filter(|l| l.starts_with('/'))
            .map(str::to_string)
            .collect(),
        Err(e) => {
            tracing::warn!("no hashed-files.txt in the build ({e}): every file is served no-cache");
            HashSet::new()
        }
    }
}

fn with_cache_headers(path: &str, hashed: bool, mut res: Response<Body>) -> Response<Body> {
    if !res.status().is_success() && res.status() != StatusCode::NOT_MODIFIED {
        return res;
    }
    let cache = if hashed {
        "public, max-age=31536000, immutable"
    } else if path.starts_with("/icons/") {
        "public, max-age=86400"
    } else {
        // index.html (and every client route), sw.js, the manifest.
        "no-cache"
    };
    let h = res.headers_mut();
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    let content_type = if path.ends_with(".webmanifest") {
        Some("application/manifest+json")
    } else if path.ends_with(".wasm") {
        Some("application/wasm")
    } else if path.ends_with(".js") {
        Some("text/javascript; charset=utf-8")
    } else {
        None
    };
    if let Some(ct) = content_type {
        h.insert(header::CONTENT_TYPE, HeaderValue::from_static(ct));
    }
    if path == "/sw.js" {
        // The worker may control the whole origin.
        h.insert("service-worker-allowed", HeaderValue::from_static("/"));
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn client_routes_are_extensionless() {
        assert!(is_client_route("/partners/42"));
        assert!(is_client_route("/"));
        assert!(!is_client_route("/missing.js"));
        assert!(!is_client_route("/web/unknown"));
    }
}
