//! The built app: long-lived caching for hashed files, none for the files
//! that name them, and the shell for every client route.

use crate::Error;
use axum::body::Body;
use axum::http::{header, HeaderValue, Request, Response, StatusCode};
use axum::Router;
use std::path::Path;
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
    let files = ServeDir::new(dist).precompressed_br().precompressed_gzip();
    let shell = ServeFile::new(index)
        .precompressed_br()
        .precompressed_gzip();
    let handler = move |req: Request<Body>| {
        let files = files.clone();
        let shell = shell.clone();
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
            with_cache_headers(&path, res)
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

/// trunk and the post-build step name built files `name-<16 hex>.ext`.
fn is_hashed(path: &str) -> bool {
    let file = path.rsplit('/').next().unwrap_or("");
    let stem = file.split('.').next().unwrap_or("");
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    stem.rsplit_once('-')
        .is_some_and(|(_, h)| h.len() == 16 && h.bytes().all(|b| b.is_ascii_hexdigit()))
}

fn with_cache_headers(path: &str, mut res: Response<Body>) -> Response<Body> {
    if !res.status().is_success() && res.status() != StatusCode::NOT_MODIFIED {
        return res;
    }
    let cache = if is_hashed(path) {
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
    fn recognises_hashed_names() {
        assert!(is_hashed("/staff-pwa-0123456789abcdef_bg.wasm"));
        assert!(is_hashed("/staff-pwa-0123456789abcdef.js"));
        assert!(is_hashed("/boot-0123456789abcdef.js"));
        assert!(!is_hashed("/sw.js"));
        assert!(!is_hashed("/index.html"));
        assert!(!is_hashed("/icons/icon-192.png"));
    }

    #[test]
    fn client_routes_are_extensionless() {
        assert!(is_client_route("/partners/42"));
        assert!(is_client_route("/"));
        assert!(!is_client_route("/missing.js"));
        assert!(!is_client_route("/web/unknown"));
    }
}
