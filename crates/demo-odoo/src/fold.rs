//! The text `ilike` compares: lower case (all of Unicode, as PostgreSQL's
//! ILIKE under a UTF-8 locale) without accents (as Odoo started with
//! `--unaccent`), so "emile", "ÉMILE" and "Émile" meet.

pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
            continue;
        }
        for l in c.to_lowercase() {
            match base(l) {
                Some(b) => out.push_str(b),
                None => out.push(l),
            }
        }
    }
    out
}

/// A contact's searched texts, folded.
pub struct ContactTexts {
    /// Email, reference, tax id and company id (each "" when empty).
    pub folds: [String; 4],
    /// The folded complete name and those four, one per line (what the
    /// app's contact search reads, one LIKE for all five).
    pub search: String,
    /// Every one of them ASCII (the name too, which the complete name
    /// ends with): a folded match is then an exact one for an ASCII term.
    pub plain: bool,
}

pub fn contact_texts(complete: &str, others: [Option<&str>; 4]) -> ContactTexts {
    let folds = others.map(|v| v.map(fold).unwrap_or_default());
    let search = format!("{}\n{}", fold(complete), folds.join("\n"));
    let plain = complete.is_ascii() && others.iter().all(|o| o.is_none_or(str::is_ascii));
    ContactTexts {
        folds,
        search,
        plain,
    }
}

/// The unaccented form of a lower-case Latin letter.
fn base(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'æ' => "ae",
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => "c",
        'ď' | 'đ' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => "e",
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => "g",
        'ĥ' | 'ħ' => "h",
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => "i",
        'ĵ' => "j",
        'ķ' => "k",
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => "l",
        'ñ' | 'ń' | 'ņ' | 'ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => "o",
        'œ' => "oe",
        'ŕ' | 'ŗ' | 'ř' => "r",
        'ś' | 'ŝ' | 'ş' | 'š' | 'ș' => "s",
        'ß' => "ss",
        'ţ' | 'ť' | 'ŧ' | 'ț' => "t",
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => "u",
        'ŵ' => "w",
        'ý' | 'ÿ' | 'ŷ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        'þ' => "th",
        'ð' => "d",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::fold;

    #[test]
    fn folds_case_and_accents() {
        assert_eq!(fold("Émile Zoë"), "emile zoe");
        assert_eq!(fold("ŁÓDŹ"), "lodz");
        assert_eq!(fold("Straße"), "strasse");
        assert_eq!(fold("O'Brien & Co 100%"), "o'brien & co 100%");
        assert_eq!(
            fold("Ελλάδα"),
            "ελλάδα",
            "other scripts are only lower-cased"
        );
    }
}
