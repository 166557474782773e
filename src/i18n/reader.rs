//! Who reads: which catalogue, which locale for numbers and times, which
//! time zone.

/// The languages with a catalogue (`i18n/<code>.ftl`); English is the one
/// every other falls back to.
pub const LANGUAGES: [&str; 6] = ["en", "fr", "de", "es", "nl", "ar"];

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reader {
    /// The catalogue: one of [`LANGUAGES`].
    pub lang: &'static str,
    /// The reader's own locale as a BCP 47 tag (`fr-BE`, `ar-001`), for
    /// numbers and times; the catalogue's language when theirs has none.
    pub locale: String,
    /// Odoo's `tz` (`Europe/Brussels`); `None`: the device's.
    pub tz: Option<String>,
}

/// The catalogue nearest a locale, in Odoo's spelling (`fr_BE`, `ar_001`,
/// `sr@latin`) or a browser's (`fr-BE`): the same language, if any.
pub fn nearest(locale: &str) -> Option<&'static str> {
    let primary = locale
        .split(['_', '-', '@', '.'])
        .next()?
        .to_ascii_lowercase();
    LANGUAGES.iter().copied().find(|l| *l == primary)
}

impl Reader {
    /// Only a catalogue's language, nothing more known.
    pub fn only(lang: &'static str) -> Reader {
        Reader {
            lang,
            locale: lang.to_string(),
            tz: None,
        }
    }

    /// Someone whose locale is `locale`, if a catalogue is near it.
    fn of(locale: &str) -> Option<Reader> {
        let lang = nearest(locale)?;
        Some(Reader {
            lang,
            locale: bcp47(locale).unwrap_or_else(|| lang.to_string()),
            tz: None,
        })
    }

    /// A signed-in user: their Odoo language, else English.
    pub fn for_user(lang: Option<&str>, tz: Option<&str>) -> Reader {
        Reader {
            tz: tz.filter(|t| !t.is_empty()).map(str::to_string),
            ..lang
                .and_then(Reader::of)
                .unwrap_or_else(|| Reader::only("en"))
        }
    }

    /// Nobody signed in: the first of the browser's languages we have.
    pub fn for_browser(preferred: &[String]) -> Reader {
        preferred
            .iter()
            .find_map(|l| Reader::of(l))
            .unwrap_or_else(|| Reader::only("en"))
    }

    pub fn right_to_left(&self) -> bool {
        self.lang == "ar"
    }
}

/// Odoo's `fr_BE` as `fr-BE` (`sr@latin`'s script suffix dropped). A tag
/// the browser still refuses falls back in `format` (its `Intl` calls
/// catch it).
fn bcp47(code: &str) -> Option<String> {
    code.split(['@', '.'])
        .next()
        .filter(|t| !t.is_empty())
        .map(|t| t.replace('_', "-"))
}

/// The browser's languages, most wanted first.
pub fn browser_languages() -> Vec<String> {
    web_sys::window()
        .map(|w| {
            w.navigator()
                .languages()
                .iter()
                .filter_map(|l| l.as_string())
                .collect()
        })
        .unwrap_or_default()
}
