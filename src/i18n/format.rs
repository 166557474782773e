//! Numbers, times and plural categories from the browser's `Intl`, for
//! one reader (built once per language change, not per text).

use super::Reader;
use js_sys::{Array, Function, Object, Reflect};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    // Called as functions these construct too (ECMA-402), and `catch`
    // turns a locale or time zone the browser refuses into an Err rather
    // than a trap.
    #[wasm_bindgen(catch, js_namespace = Intl, js_name = NumberFormat)]
    fn number_format(
        locales: &JsValue,
        options: &JsValue,
    ) -> Result<js_sys::Intl::NumberFormat, JsValue>;
    #[wasm_bindgen(catch, js_namespace = Intl, js_name = DateTimeFormat)]
    fn date_time_format(
        locales: &JsValue,
        options: &JsValue,
    ) -> Result<js_sys::Intl::DateTimeFormat, JsValue>;
}

pub struct Intl {
    plural: js_sys::Intl::PluralRules,
    number: Option<Function>,
    time: Option<Function>,
}

impl Intl {
    pub fn new(r: &Reader) -> Intl {
        let lang = Array::of1(&JsValue::from_str(r.lang));
        // The reader's own locale first; if the browser refuses it, the
        // catalogue's language.
        let locales = [
            Array::of2(&JsValue::from_str(&r.locale), &JsValue::from_str(r.lang)),
            lang.clone(),
        ];
        let clock = || {
            let o = Object::new();
            let _ = Reflect::set(&o, &"hour".into(), &"2-digit".into());
            let _ = Reflect::set(&o, &"minute".into(), &"2-digit".into());
            o
        };
        let zoned = clock();
        if let Some(tz) = &r.tz {
            let _ = Reflect::set(&zoned, &"timeZone".into(), &JsValue::from_str(tz));
        }
        // An unknown time zone: the device's.
        let time = locales.iter().find_map(|l| {
            date_time_format(l, &zoned)
                .or_else(|_| date_time_format(l, &clock()))
                .ok()
                .map(|f| f.format())
        });
        Intl {
            // The catalogue's own language: its plural forms are the ones
            // the translation has.
            plural: js_sys::Intl::PluralRules::new(&lang, &Object::new()),
            number: locales
                .iter()
                .find_map(|l| number_format(l, &Object::new()).ok())
                .map(|f| f.format()),
            time,
        }
    }

    pub fn plural(&self, n: f64) -> String {
        self.plural.select(n).into()
    }

    pub fn number(&self, n: f64) -> String {
        call(self.number.as_ref(), &JsValue::from_f64(n)).unwrap_or_else(|| plain(n))
    }

    pub fn time(&self, ms: f64) -> String {
        call(
            self.time.as_ref(),
            &js_sys::Date::new(&JsValue::from_f64(ms)),
        )
        .unwrap_or_default()
    }
}

fn call(f: Option<&Function>, arg: &JsValue) -> Option<String> {
    f?.call1(&JsValue::NULL, arg).ok()?.as_string()
}

/// A number as JavaScript writes it, when `Intl` cannot.
pub fn plain(n: f64) -> String {
    js_sys::Number::from(n)
        .to_string_with_radix(10)
        .map(String::from)
        .unwrap_or_default()
}
