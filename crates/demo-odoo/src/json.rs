//! JSON as Odoo writes it: objects keep the order they were built in (the
//! workspace's serde_json sorts keys, and turning on its `preserve_order`
//! would change every other crate's output), and the text uses Python's
//! `json.dumps` separators (`", "`, `": "`) with non-ASCII left as is.

use serde_json::Value;

#[derive(Clone, Debug, PartialEq)]
pub enum Json {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Arr(Vec<Json>),
    Obj(Vec<(String, Json)>),
}

/// An ordered object: `jobj! { "a" => 1, "b" => "x" }`.
macro_rules! jobj {
    ($($k:expr => $v:expr),* $(,)?) => {
        $crate::json::Json::Obj(vec![$(($k.to_string(), $crate::json::Json::from($v))),*])
    };
}
pub(crate) use jobj;

impl Json {
    pub fn to_text(&self) -> String {
        let mut out = String::with_capacity(64);
        self.write(&mut out);
        out
    }

    pub fn write(&self, out: &mut String) {
        match self {
            Json::Null => out.push_str("null"),
            Json::Bool(true) => out.push_str("true"),
            Json::Bool(false) => out.push_str("false"),
            Json::Int(n) => out.push_str(&n.to_string()),
            Json::Float(f) => out.push_str(&python_float(*f)),
            Json::Str(s) => write_str(s, out),
            Json::Arr(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    item.write(out);
                }
                out.push(']');
            }
            Json::Obj(pairs) => {
                out.push('{');
                for (i, (k, v)) in pairs.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    write_str(k, out);
                    out.push_str(": ");
                    v.write(out);
                }
                out.push('}');
            }
        }
    }

    /// Adds or replaces a key, keeping the first position.
    pub fn set(&mut self, key: &str, value: impl Into<Json>) {
        if let Json::Obj(pairs) = self {
            let value = value.into();
            match pairs.iter_mut().find(|(k, _)| k == key) {
                Some(slot) => slot.1 = value,
                None => pairs.push((key.to_string(), value)),
            }
        }
    }

    pub fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Obj(pairs) => pairs.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Json::Int(n) => Some(*n),
            _ => None,
        }
    }
}

/// Python's `repr(float)`: integral values keep a `.0`.
fn python_float(f: f64) -> String {
    if !f.is_finite() {
        // Python writes these bare (not valid JSON); nothing here makes them.
        return "null".into();
    }
    if f.fract() == 0.0 && f.abs() < 1e16 {
        format!("{f:.1}")
    } else {
        format!("{f}")
    }
}

fn write_str(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

impl From<bool> for Json {
    fn from(b: bool) -> Self {
        Json::Bool(b)
    }
}
impl From<i64> for Json {
    fn from(n: i64) -> Self {
        Json::Int(n)
    }
}
impl From<i32> for Json {
    fn from(n: i32) -> Self {
        Json::Int(i64::from(n))
    }
}
impl From<u8> for Json {
    fn from(n: u8) -> Self {
        Json::Int(i64::from(n))
    }
}
impl From<usize> for Json {
    fn from(n: usize) -> Self {
        Json::Int(i64::try_from(n).unwrap_or(i64::MAX))
    }
}
impl From<u64> for Json {
    fn from(n: u64) -> Self {
        Json::Int(i64::try_from(n).unwrap_or(i64::MAX))
    }
}
impl From<&str> for Json {
    fn from(s: &str) -> Self {
        Json::Str(s.to_string())
    }
}
impl From<String> for Json {
    fn from(s: String) -> Self {
        Json::Str(s)
    }
}
impl From<&String> for Json {
    fn from(s: &String) -> Self {
        Json::Str(s.clone())
    }
}
impl<T: Into<Json>> From<Option<T>> for Json {
    fn from(v: Option<T>) -> Self {
        v.map(Into::into).unwrap_or(Json::Null)
    }
}
impl<T: Into<Json>> From<Vec<T>> for Json {
    fn from(items: Vec<T>) -> Self {
        Json::Arr(items.into_iter().map(Into::into).collect())
    }
}
impl From<&Value> for Json {
    fn from(v: &Value) -> Self {
        match v {
            Value::Null => Json::Null,
            Value::Bool(b) => Json::Bool(*b),
            Value::Number(n) => match n.as_i64() {
                Some(i) => Json::Int(i),
                None => Json::Float(n.as_f64().unwrap_or(0.0)),
            },
            Value::String(s) => Json::Str(s.clone()),
            Value::Array(a) => Json::Arr(a.iter().map(Json::from).collect()),
            Value::Object(o) => {
                Json::Obj(o.iter().map(|(k, v)| (k.clone(), Json::from(v))).collect())
            }
        }
    }
}
impl From<Value> for Json {
    fn from(v: Value) -> Self {
        Json::from(&v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_like_python_json_dumps() {
        let j = jobj! {
            "jsonrpc" => "2.0",
            "id" => Json::Null,
            "result" => jobj! { "b" => vec![1i64, 2], "a" => "é\"\n\u{1}", "f" => Json::Float(2.0) },
        };
        assert_eq!(
            j.to_text(),
            r#"{"jsonrpc": "2.0", "id": null, "result": {"b": [1, 2], "a": "é\"\n\u0001", "f": 2.0}}"#
        );
    }

    #[test]
    fn set_keeps_position() {
        let mut j = jobj! { "a" => 1i64, "b" => 2i64 };
        j.set("a", 3i64);
        j.set("c", 4i64);
        assert_eq!(j.to_text(), r#"{"a": 3, "b": 2, "c": 4}"#);
    }
}
