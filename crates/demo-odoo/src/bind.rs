//! Python's binding of a call's positional and keyword arguments to a
//! function's parameters, with Python's TypeErrors: clients are told what
//! Odoo's server tells them, and the methods read their arguments by name.

use crate::wire::{py_name_list, PyError};
use serde_json::{Map, Value};

/// What happens to a keyword the signature does not name.
#[derive(Clone, Copy)]
pub enum Unknown {
    /// A TypeError, as for any Python function.
    Refuse,
    /// Passed on through `**kwargs` to the function named (`search_read`
    /// hands them to `read`), which refuses all but these.
    PassTo(&'static str, &'static [&'static str]),
    /// Dropped: Odoo's routes log unknown parameters and go on.
    Ignore,
}

/// A Python signature: qualified name, parameter names (after `self`),
/// how many are required, and where unknown keywords go.
pub struct Sig<'a> {
    pub qual: &'a str,
    pub params: &'a [&'a str],
    pub required: usize,
    pub unknown: Unknown,
}

/// Arguments bound to their parameters; read by parameter name.
#[derive(Debug)]
pub struct Bound<'a> {
    params: &'a [&'a str],
    values: Vec<Option<Value>>,
    /// Keywords passed on to another function (`Unknown::PassTo`).
    passed: Map<String, Value>,
}

impl Bound<'_> {
    /// The value given for `name`: `None` when it was not given (or the
    /// signature has no such parameter on this version).
    pub fn get(&self, name: &str) -> Option<&Value> {
        match self.params.iter().position(|p| *p == name) {
            Some(i) => self.values[i].as_ref(),
            None => self.passed.get(name),
        }
    }

    /// `get`, with a missing argument read as `None`.
    pub fn value(&self, name: &str) -> &Value {
        static NONE: Value = Value::Null;
        self.get(name).unwrap_or(&NONE)
    }
}

impl<'a> Sig<'a> {
    pub const fn new(qual: &'a str, params: &'a [&'a str], required: usize) -> Sig<'a> {
        Sig {
            qual,
            params,
            required,
            unknown: Unknown::Refuse,
        }
    }

    /// Binds positional and keyword arguments to parameters, as Python does.
    pub fn bind(&self, args: &[Value], kwargs: &Map<String, Value>) -> Result<Bound<'a>, PyError> {
        let n = self.params.len();
        if args.len() > n {
            return Err(self.too_many(args.len()));
        }
        let mut values: Vec<Option<Value>> = args.iter().cloned().map(Some).collect();
        values.resize(n, None);
        let mut passed = Map::new();
        for (k, v) in kwargs {
            match self.params.iter().position(|p| p == k) {
                Some(i) if i < args.len() => {
                    return Err(PyError::type_error(format!(
                        "{}() got multiple values for argument '{k}'",
                        self.qual
                    )));
                }
                Some(i) => values[i] = Some(v.clone()),
                None => match self.unknown {
                    Unknown::Ignore => {}
                    Unknown::PassTo(_, accepted) if accepted.contains(&k.as_str()) => {
                        passed.insert(k.clone(), v.clone());
                    }
                    Unknown::PassTo(qual, _) => return Err(unexpected(qual, k)),
                    Unknown::Refuse => return Err(unexpected(self.qual, k)),
                },
            }
        }
        let missing: Vec<&str> = (0..self.required)
            .filter(|i| values[*i].is_none())
            .map(|i| self.params[i])
            .collect();
        if !missing.is_empty() {
            return Err(PyError::type_error(format!(
                "{}() missing {} required positional argument{}: {}",
                self.qual,
                missing.len(),
                if missing.len() == 1 { "" } else { "s" },
                py_name_list(&missing)
            )));
        }
        Ok(Bound {
            params: self.params,
            values,
            passed,
        })
    }

    /// Python counts `self` among the positional arguments.
    fn too_many(&self, given: usize) -> PyError {
        let n = self.params.len();
        let takes = if self.required == n {
            format!("{}", n + 1)
        } else {
            format!("from {} to {}", self.required + 1, n + 1)
        };
        let was = if given + 1 == 1 { "was" } else { "were" };
        PyError::type_error(format!(
            "{}() takes {takes} positional argument{} but {} {was} given",
            self.qual,
            if n == 0 { "" } else { "s" },
            given + 1
        ))
    }
}

fn unexpected(qual: &str, k: &str) -> PyError {
    PyError::type_error(format!("{qual}() got an unexpected keyword argument '{k}'"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn kw(v: Value) -> Map<String, Value> {
        v.as_object().cloned().unwrap()
    }

    #[test]
    fn binds_like_python() {
        let sig = Sig::new(
            "Base.web_search_read",
            &["domain", "specification", "offset"],
            2,
        );
        assert_eq!(
            sig.bind(&[], &kw(json!({}))).unwrap_err().message,
            "Base.web_search_read() missing 2 required positional arguments: 'domain' and 'specification'"
        );
        assert_eq!(
            sig.bind(&[json!([])], &kw(json!({"fields": []})))
                .unwrap_err()
                .message,
            "Base.web_search_read() got an unexpected keyword argument 'fields'"
        );
        assert_eq!(
            sig.bind(&[json!([])], &kw(json!({"domain": []})))
                .unwrap_err()
                .message,
            "Base.web_search_read() got multiple values for argument 'domain'"
        );
        assert_eq!(
            sig.bind(&[json!(1), json!(2), json!(3), json!(4)], &kw(json!({})))
                .unwrap_err()
                .message,
            "Base.web_search_read() takes from 3 to 4 positional arguments but 5 were given"
        );
        let b = sig
            .bind(&[json!([])], &kw(json!({"specification": {}})))
            .unwrap();
        assert_eq!(b.values, vec![Some(json!([])), Some(json!({})), None]);
        assert_eq!(b.get("specification"), Some(&json!({})));
        assert_eq!(b.get("offset"), None);
    }

    #[test]
    fn passes_on_or_ignores_unknown_keywords() {
        let sig = Sig {
            unknown: Unknown::PassTo("BaseModel.read", &["load"]),
            ..Sig::new("BaseModel.search_read", &["domain"], 0)
        };
        let b = sig.bind(&[], &kw(json!({"load": "x"}))).unwrap();
        assert_eq!(b.get("load"), Some(&json!("x")));
        assert_eq!(
            sig.bind(&[], &kw(json!({"nope": 1}))).unwrap_err().message,
            "BaseModel.read() got an unexpected keyword argument 'nope'"
        );
        let sig = Sig {
            unknown: Unknown::Ignore,
            ..Sig::new("Session.authenticate", &["db"], 1)
        };
        assert_eq!(
            sig.bind(&[], &kw(json!({"db": "demo", "x": 1})))
                .unwrap()
                .value("db"),
            &json!("demo")
        );
    }
}
