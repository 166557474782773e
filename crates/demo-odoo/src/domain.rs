//! Odoo domains on `res.partner` to SQL, every value a bound parameter
//! (never spliced into the text), field names checked against a table.
//! Errors are the ones Odoo raises for the same input.

use crate::wire::{leaf_repr, PyError};
use rusqlite::types::Value as Sql;
use serde_json::Value;

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Kind {
    Id,
    /// A text column and, when there is one, its pre-folded copy.
    Char(&'static str, Option<&'static str>),
    Bool(&'static str),
    Many2one(&'static str, Target),
    Tags,
    Children,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Target {
    Partner,
    Country,
}

impl Target {
    fn table(self) -> &'static str {
        match self {
            Target::Partner => "partner",
            Target::Country => "country",
        }
    }
    /// The column holding the display name.
    fn name(self) -> &'static str {
        match self {
            Target::Partner => "complete_name",
            Target::Country => "name",
        }
    }
}

/// The fields of `res.partner` this demo has, and how they are stored.
pub fn field(name: &str) -> Option<Kind> {
    use Kind::*;
    Some(match name {
        "id" => Id,
        "name" => Char("name", Some("name_fold")),
        "display_name" | "complete_name" => Char("complete_name", Some("complete_fold")),
        "email" => Char("email", Some("email_fold")),
        "function" => Char("function", None),
        "phone" => Char("phone", None),
        "mobile" => Char("mobile", None),
        "street" => Char("street", None),
        "street2" => Char("street2", None),
        "zip" => Char("zip", None),
        "city" => Char("city", None),
        "website" => Char("website", None),
        "vat" => Char("vat", None),
        "ref" => Char("ref", None),
        "company_registry" => Char("company_registry", None),
        "comment" => Char("comment", None),
        "write_date" => Char("write_date", None),
        "is_company" => Bool("is_company"),
        "active" => Bool("active"),
        "parent_id" | "commercial_partner_id" => Many2one("parent_id", Target::Partner),
        "country_id" => Many2one("country_id", Target::Country),
        "category_id" => Tags,
        "child_ids" => Children,
        _ => return None,
    })
}

const OPERATORS: [&str; 20] = [
    "=", "!=", "<>", "<", "<=", ">", ">=", "=?", "=like", "=ilike", "like", "not like", "ilike",
    "not ilike", "in", "not in", "child_of", "parent_of", "any", "not any",
];

/// A WHERE clause for `domain`, its parameters pushed onto `params`.
pub fn to_sql(domain: &Value, params: &mut Vec<Sql>) -> Result<String, PyError> {
    let Value::Array(items) = domain else {
        return Err(PyError::new(
            "builtins.AssertionError",
            "Domains to normalize must have a 'domain' form: a list or tuple of domain components",
        ));
    };
    let mut pos = 0;
    let mut terms = Vec::new();
    while pos < items.len() {
        terms.push(term(items, &mut pos, params)?);
    }
    Ok(if terms.is_empty() {
        "1".into()
    } else {
        terms.join(" AND ")
    })
}

fn term(items: &[Value], pos: &mut usize, params: &mut Vec<Sql>) -> Result<String, PyError> {
    let item = items
        .get(*pos)
        .ok_or_else(|| PyError::value("Invalid domain: an operator is missing an operand"))?;
    *pos += 1;
    match item {
        Value::String(op) if op == "&" || op == "|" => {
            let a = term(items, pos, params)?;
            let b = term(items, pos, params)?;
            let j = if op == "&" { "AND" } else { "OR" };
            Ok(format!("({a} {j} {b})"))
        }
        Value::String(op) if op == "!" => Ok(format!("(NOT {})", term(items, pos, params)?)),
        Value::Array(leaf) => self::leaf(leaf, params),
        other => Err(PyError::value(format!("Invalid leaf {}", crate::wire::py_repr(other)))),
    }
}

fn like_pattern(v: &str, wrap: bool) -> String {
    let escaped = v.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
    if wrap {
        format!("%{escaped}%")
    } else {
        // =like / =ilike: the caller's own wildcards stay wildcards.
        v.to_string()
    }
}

fn leaf(leaf: &[Value], params: &mut Vec<Sql>) -> Result<String, PyError> {
    match leaf.len() {
        3 => {}
        n if n < 3 => {
            return Err(PyError::value(format!("not enough values to unpack (expected 3, got {n})")))
        }
        _ => return Err(PyError::value("too many values to unpack (expected 3)")),
    }
    let (f, op, v) = (&leaf[0], &leaf[1], &leaf[2]);
    // TRUE_LEAF / FALSE_LEAF
    if let (Some(n), Some("="), Some(1)) = (f.as_i64(), op.as_str(), v.as_i64()) {
        return Ok(if n == 1 { "1".into() } else { "0".into() });
    }
    let op = op
        .as_str()
        .map(str::to_ascii_lowercase)
        .filter(|o| OPERATORS.contains(&o.as_str()))
        .ok_or_else(|| PyError::value(format!("Invalid leaf {}", leaf_repr(leaf))))?;
    let name = f
        .as_str()
        .ok_or_else(|| PyError::value(format!("Invalid leaf {}", leaf_repr(leaf))))?;
    let invalid = || PyError::value(format!("Invalid field res.partner.{name} in leaf {}", leaf_repr(leaf)));
    // country_id.name, parent_id.email, …: a condition on the related record.
    if let Some((head, rest)) = name.split_once('.') {
        return match field(head) {
            Some(Kind::Many2one(col, Target::Partner)) if field(rest).is_some() => {
                let sub = self::leaf(&[Value::String(rest.into()), Value::String(op), v.clone()], params)?;
                Ok(format!("{col} IN (SELECT id FROM partner WHERE {sub})"))
            }
            Some(Kind::Many2one(col, Target::Country)) if matches!(rest, "name" | "code" | "id") => {
                let (c, fold) = if rest == "name" { ("name", true) } else { (rest, false) };
                let sub = char_cond(c, fold.then_some("fold(name)"), &op, v, params, leaf)?;
                Ok(format!("{col} IN (SELECT id FROM country WHERE {sub})"))
            }
            _ => Err(invalid()),
        };
    }
    let kind = field(name).ok_or_else(invalid)?;
    match kind {
        Kind::Char(col, fold) => char_cond(col, fold, &op, v, params, leaf),
        Kind::Bool(col) => {
            let truthy = !matches!(v, Value::Bool(false) | Value::Null) && v.as_i64() != Some(0);
            match op.as_str() {
                "=" => Ok(if truthy { format!("{col} = 1") } else { format!("({col} = 0 OR {col} IS NULL)") }),
                "!=" | "<>" => Ok(if truthy { format!("({col} = 0 OR {col} IS NULL)") } else { format!("{col} = 1") }),
                "in" | "not in" => {
                    let vals: Vec<bool> = list(v, leaf)?.iter().map(|x| x.as_bool().unwrap_or(false)).collect();
                    let any = vals.iter().map(|b| if *b { format!("{col} = 1") } else { format!("({col} = 0 OR {col} IS NULL)") }).collect::<Vec<_>>();
                    let s = if any.is_empty() { "0".into() } else { format!("({})", any.join(" OR ")) };
                    Ok(if op == "in" { s } else { format!("(NOT {s})") })
                }
                _ => Err(PyError::value(format!("Invalid leaf {}", leaf_repr(leaf)))),
            }
        }
        Kind::Id => id_cond("id", &op, v, params, leaf),
        Kind::Many2one(col, target) => match v {
            Value::String(_) if op != "in" && op != "not in" => {
                let sub = char_cond(target.name(), Some(&format!("fold({})", target.name())), &op, v, params, leaf)?;
                let t = target.table();
                Ok(format!("{col} IN (SELECT id FROM {t} WHERE {sub})"))
            }
            _ if op == "any" || op == "not any" => {
                if target != Target::Partner {
                    return Err(PyError::value(format!("Invalid leaf {}", leaf_repr(leaf))));
                }
                let sub = to_sql(v, params)?;
                let neg = if op == "any" { "" } else { "NOT " };
                Ok(format!("{neg}({col} IN (SELECT id FROM partner WHERE {sub}))"))
            }
            _ => id_cond(col, &op, v, params, leaf),
        },
        Kind::Tags => {
            let sub = match v {
                Value::String(s) => {
                    params.push(Sql::Text(like_pattern(&crate::seed::fold(s), true)));
                    "category_id IN (SELECT id FROM category WHERE fold(name) LIKE ? ESCAPE '\\')".to_string()
                }
                Value::Bool(false) | Value::Null => {
                    return Ok(format!(
                        "{}EXISTS (SELECT 1 FROM partner_category pc WHERE pc.partner_id = partner.id)",
                        if op == "=" { "NOT " } else { "" }
                    ))
                }
                _ => id_cond("category_id", "in", &Value::Array(list_or_one(v)), params, leaf)?,
            };
            let neg = op.starts_with("not") || op == "!=" || op == "<>";
            Ok(format!(
                "{}(id IN (SELECT partner_id FROM partner_category WHERE {sub}))",
                if neg { "NOT " } else { "" }
            ))
        }
        Kind::Children => match v {
            Value::Bool(false) | Value::Null => Ok(format!(
                "{}EXISTS (SELECT 1 FROM partner c WHERE c.parent_id = partner.id)",
                if op == "=" { "NOT " } else { "" }
            )),
            _ if op == "any" || op == "not any" => {
                let sub = to_sql(v, params)?;
                let neg = if op == "any" { "" } else { "NOT " };
                Ok(format!("{neg}(id IN (SELECT parent_id FROM partner WHERE parent_id IS NOT NULL AND {sub}))"))
            }
            _ => {
                let cond = id_cond("id", "in", &Value::Array(list_or_one(v)), params, leaf)?;
                let neg = op.starts_with("not") || op == "!=";
                Ok(format!(
                    "{}(id IN (SELECT parent_id FROM partner WHERE parent_id IS NOT NULL AND {cond}))",
                    if neg { "NOT " } else { "" }
                ))
            }
        },
    }
}

fn list<'a>(v: &'a Value, leaf: &[Value]) -> Result<&'a Vec<Value>, PyError> {
    v.as_array()
        .ok_or_else(|| PyError::value(format!("Invalid leaf {}: 'in' needs a list", leaf_repr(leaf))))
}

fn list_or_one(v: &Value) -> Vec<Value> {
    match v {
        Value::Array(a) => a.clone(),
        v => vec![v.clone()],
    }
}

fn sql_value(v: &Value) -> Sql {
    match v {
        Value::Null | Value::Bool(false) => Sql::Null,
        Value::Bool(true) => Sql::Integer(1),
        Value::Number(n) => n
            .as_i64()
            .map(Sql::Integer)
            .unwrap_or_else(|| Sql::Real(n.as_f64().unwrap_or(0.0))),
        Value::String(s) => Sql::Text(s.clone()),
        other => Sql::Text(other.to_string()),
    }
}

fn placeholders(vals: &[Value], params: &mut Vec<Sql>) -> String {
    vals.iter()
        .map(|v| {
            params.push(sql_value(v));
            "?"
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn id_cond(col: &str, op: &str, v: &Value, params: &mut Vec<Sql>, leaf: &[Value]) -> Result<String, PyError> {
    let is_false = matches!(v, Value::Bool(false) | Value::Null);
    Ok(match op {
        "=" | "=?" if is_false && op == "=?" => "1".into(),
        "=" | "=?" if is_false => format!("{col} IS NULL"),
        "!=" | "<>" if is_false => format!("{col} IS NOT NULL"),
        "=" | "=?" => {
            params.push(sql_value(v));
            format!("{col} = ?")
        }
        "!=" | "<>" => {
            params.push(sql_value(v));
            format!("({col} IS NULL OR {col} != ?)")
        }
        "<" | "<=" | ">" | ">=" => {
            params.push(sql_value(v));
            format!("{col} {op} ?")
        }
        "in" | "not in" => {
            let vals = list_or_one(v);
            let has_false = vals.iter().any(|x| matches!(x, Value::Bool(false) | Value::Null));
            let ids: Vec<Value> = vals.into_iter().filter(|x| !matches!(x, Value::Bool(false) | Value::Null)).collect();
            let mut parts = Vec::new();
            if !ids.is_empty() {
                parts.push(format!("{col} IN ({})", placeholders(&ids, params)));
            }
            if has_false {
                parts.push(format!("{col} IS NULL"));
            }
            let s = if parts.is_empty() { "0".into() } else { format!("({})", parts.join(" OR ")) };
            if op == "in" {
                s
            } else {
                format!("(NOT {s} OR {col} IS NULL)")
            }
        }
        "child_of" | "parent_of" => {
            let ids = list_or_one(v);
            let seed = placeholders(&ids, params);
            let step = if op == "child_of" {
                "SELECT p.id FROM partner p JOIN tree ON p.parent_id = tree.id"
            } else {
                "SELECT p.parent_id FROM partner p JOIN tree ON p.id = tree.id WHERE p.parent_id IS NOT NULL"
            };
            format!("{col} IN (WITH RECURSIVE tree(id) AS (SELECT id FROM partner WHERE id IN ({seed}) UNION {step}) SELECT id FROM tree)")
        }
        _ => return Err(PyError::value(format!("Invalid leaf {}", leaf_repr(leaf)))),
    })
}

fn char_cond(
    col: &str,
    fold: Option<&str>,
    op: &str,
    v: &Value,
    params: &mut Vec<Sql>,
    leaf: &[Value],
) -> Result<String, PyError> {
    let is_false = matches!(v, Value::Bool(false) | Value::Null);
    let folded = fold.map(str::to_string).unwrap_or_else(|| format!("fold({col})"));
    let text = || match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    Ok(match op {
        "=?" if is_false => "1".into(),
        "=" | "=?" if is_false => format!("({col} IS NULL OR {col} = '')"),
        "!=" | "<>" if is_false => format!("({col} IS NOT NULL AND {col} != '')"),
        "=" | "=?" => {
            params.push(Sql::Text(text()));
            format!("{col} = ?")
        }
        "!=" | "<>" => {
            params.push(Sql::Text(text()));
            format!("({col} IS NULL OR {col} != ?)")
        }
        "<" | "<=" | ">" | ">=" => {
            params.push(Sql::Text(text()));
            format!("{col} {op} ?")
        }
        "like" | "not like" => {
            params.push(Sql::Text(text()));
            let s = format!("instr({col}, ?) > 0");
            if op == "like" { s } else { format!("({col} IS NULL OR NOT {s})") }
        }
        "ilike" | "not ilike" | "=ilike" => {
            let wrap = op != "=ilike";
            params.push(Sql::Text(like_pattern(&crate::seed::fold(&text()), wrap)));
            let s = format!("{folded} LIKE ? ESCAPE '\\'");
            if op == "not ilike" { format!("({col} IS NULL OR NOT {s})") } else { s }
        }
        "=like" => {
            params.push(Sql::Text(text()));
            format!("{col} GLOB replace(replace(?, '%', '*'), '_', '?')")
        }
        "in" | "not in" => {
            let vals = list(v, leaf)?;
            let s = if vals.is_empty() { "0".into() } else { format!("{col} IN ({})", placeholders(vals, params)) };
            if op == "in" { s } else { format!("(NOT {s} OR {col} IS NULL)") }
        }
        _ => return Err(PyError::value(format!("Invalid leaf {}", leaf_repr(leaf)))),
    })
}
