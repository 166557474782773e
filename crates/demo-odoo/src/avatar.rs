//! Avatars as Odoo serves them from `/web/image/res.partner/<id>/avatar_128`:
//! the stored photo when there is one, else the initials SVG of
//! `avatar.mixin._avatar_generate_svg` (first letter of the name on a
//! colour derived from the name and creation time), with Odoo's caching
//! headers: an ETag (304 on If-None-Match), and a year of `immutable`
//! caching when the URL carries `?unique=`.

use crate::clock;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use sha1::{Digest, Sha1};
use sha2::Sha512;

/// Odoo's `get_hsl_from_seed`: hue and saturation from a SHA-512 of the
/// seed, lightness fixed.
fn hsl_from_seed(seed: &str) -> String {
    let digest = Sha512::digest(seed.as_bytes());
    let hue = f64::from(digest[0]) * 360.0 / 255.0;
    let sat = f64::from(digest[1]) * ((70.0 - 40.0) / 255.0) + 40.0;
    format!("hsl({hue:.0}, {sat:.0}%, 45%)")
}

fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&#34;")
        .replace('\'', "&#39;")
}

/// The initials avatar of a record named `name`, created at `create_date`
/// (Odoo's datetime text), byte for byte as Odoo 17+ builds it.
pub fn initials_svg(name: &str, create_date: &str) -> String {
    let Some(first) = name.chars().next() else {
        return placeholder_svg();
    };
    let initial = html_escape(&first.to_uppercase().collect::<String>());
    // str(create_date.timestamp()) in Python: a float, so "….0".
    let stamp = clock::parse_odoo_datetime(create_date)
        .map(|t| format!("{t}.0"))
        .unwrap_or_default();
    let bg = hsl_from_seed(&format!("{name}{stamp}"));
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" ?><svg height=\"180\" width=\"180\" xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\"><rect fill=\"{bg}\" height=\"180\" width=\"180\"/><text fill=\"#ffffff\" font-size=\"96\" text-anchor=\"middle\" x=\"90\" y=\"125\" font-family=\"sans-serif\">{initial}</text></svg>"
    )
}

/// A grey silhouette, for records that do not exist or may not be seen
/// (Odoo sends its `placeholder.png`; this demo has no PNG of its own).
pub fn placeholder_svg() -> String {
    "<?xml version=\"1.0\" encoding=\"UTF-8\" ?><svg height=\"180\" width=\"180\" xmlns=\"http://www.w3.org/2000/svg\"><rect fill=\"#dcdcdc\" height=\"180\" width=\"180\"/><circle cx=\"90\" cy=\"70\" r=\"34\" fill=\"#a9a9a9\"/><path d=\"M30 170c0-40 27-62 60-62s60 22 60 62z\" fill=\"#a9a9a9\"/></svg>".to_string()
}

/// What the image route sends.
pub struct Image {
    pub bytes: Vec<u8>,
    pub mime: &'static str,
    pub filename: String,
    pub last_modified: Option<i64>,
}

impl Image {
    pub fn svg(svg: String, filename: String, last_modified: Option<i64>) -> Self {
        Image {
            bytes: svg.into_bytes(),
            mime: "image/svg+xml",
            filename,
            last_modified,
        }
    }

    /// A stored photo, typed by its first bytes.
    pub fn photo(bytes: Vec<u8>, name: &str, last_modified: Option<i64>) -> Self {
        let (mime, ext) = match bytes.as_slice() {
            [0x89, b'P', b'N', b'G', ..] => ("image/png", "png"),
            [0xff, 0xd8, 0xff, ..] => ("image/jpeg", "jpg"),
            [b'G', b'I', b'F', b'8', ..] => ("image/gif", "gif"),
            [b'R', b'I', b'F', b'F', _, _, _, _, b'W', b'E', b'B', b'P', ..] => {
                ("image/webp", "webp")
            }
            b if b.starts_with(b"<?xml") || b.starts_with(b"<svg") => ("image/svg+xml", "svg"),
            _ => ("application/octet-stream", "bin"),
        };
        Image {
            bytes,
            mime,
            filename: format!("{name}.{ext}"),
            last_modified,
        }
    }

    /// Odoo's ETag: the content's SHA-1 and the rendering options (16
    /// writes the size as 0x0, 17+ as 128x128).
    pub fn etag(&self, version: u8) -> String {
        let digest = Sha1::digest(&self.bytes);
        let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
        let size = if crate::release(version).sized_avatar_etag {
            "128x128"
        } else {
            "0x0"
        };
        format!("\"{hex}-{size}-crop=False-quality=0\"")
    }

    pub fn into_response(self, version: u8, request: &HeaderMap, unique: bool) -> Response {
        let etag = self.etag(version);
        let matches = request
            .get(header::IF_NONE_MATCH)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.split(',').any(|t| t.trim() == etag || t.trim() == "*"));
        let mut res = if matches {
            StatusCode::NOT_MODIFIED.into_response()
        } else {
            (StatusCode::OK, self.bytes).into_response()
        };
        let h = res.headers_mut();
        let disposition = if self
            .filename
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "._-".contains(c))
        {
            format!("inline; filename={}", self.filename)
        } else {
            // Quoted, as werkzeug writes names with spaces; non-ASCII in
            // RFC 5987 form beside an ASCII fallback.
            let ascii: String = self
                .filename
                .chars()
                .map(|c| {
                    if c.is_ascii() && c != '"' && c != '\\' {
                        c
                    } else {
                        '_'
                    }
                })
                .collect();
            if self.filename.is_ascii() {
                format!("inline; filename=\"{ascii}\"")
            } else {
                let encoded: String = self
                    .filename
                    .bytes()
                    .map(|b| {
                        if b.is_ascii_alphanumeric() || b".-_".contains(&b) {
                            (b as char).to_string()
                        } else {
                            format!("%{b:02X}")
                        }
                    })
                    .collect();
                format!("inline; filename=\"{ascii}\"; filename*=UTF-8''{encoded}")
            }
        };
        let mut put = |k: header::HeaderName, v: String| {
            if let Ok(v) = HeaderValue::from_str(&v) {
                h.insert(k, v);
            }
        };
        put(header::CONTENT_DISPOSITION, disposition);
        if !matches {
            put(header::CONTENT_TYPE, self.mime.to_string());
            if let Some(t) = self.last_modified {
                put(header::LAST_MODIFIED, clock::http_date(t));
            }
        }
        if unique {
            put(
                header::CACHE_CONTROL,
                "max-age=31536000, private, immutable".into(),
            );
            if !matches {
                put(
                    header::EXPIRES,
                    clock::http_date(clock::now_unix() + 31_536_000),
                );
            }
        } else {
            put(header::CACHE_CONTROL, "no-cache, private".into());
        }
        put(header::ETAG, etag);
        put(header::X_CONTENT_TYPE_OPTIONS, "nosniff".into());
        put(header::CONTENT_SECURITY_POLICY, "default-src 'none'".into());
        res
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials_like_odoo() {
        let svg = initials_svg("azure Interior", "2026-11-28 15:18:39");
        assert!(svg.contains(">A</text>"), "{svg}");
        assert!(svg.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\" ?><svg height=\"180\""));
        // The colour depends on the name and the creation time only.
        assert_eq!(svg, initials_svg("azure Interior", "2026-11-28 15:18:39"));
        assert_ne!(svg, initials_svg("azure Interior", "2026-11-28 15:18:40"));
        assert!(initials_svg("<script>alert(1)</script>", "").contains(">&lt;</text>"));
        assert!(
            initials_svg("", "").contains("circle"),
            "no name: the placeholder"
        );
    }

    #[test]
    fn hsl_matches_odoos_formula() {
        // sha512("a").hexdigest() starts "1f40fc92": hue 0x1f*360/255 = 43.76,
        // saturation 0x40*30/255+40 = 47.53.
        assert_eq!(hsl_from_seed("a"), "hsl(44, 48%, 45%)");
    }
}
