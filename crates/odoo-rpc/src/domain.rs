//! Odoo domains: a typed tree, written in Odoo's prefix notation (`&`, `|`,
//! `!` before their operands, an implicit AND between top-level terms) and
//! parsed back from it.

use serde_json::{json, Value};
use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Operator {
    Eq,
    Ne,
    /// `<>`: Odoo reads it as `!=`; kept to write back what was read.
    NeLegacy,
    Lt,
    Le,
    Gt,
    Ge,
    /// `=?`: true when the value is false/None, else `=`.
    EqOrUnset,
    EqLike,
    EqIlike,
    Like,
    NotLike,
    Ilike,
    NotIlike,
    In,
    NotIn,
    ChildOf,
    ParentOf,
    /// Odoo 17+: a sub-domain on a relational field.
    Any,
    NotAny,
}

impl Operator {
    pub const ALL: [Operator; 20] = [
        Operator::Eq,
        Operator::Ne,
        Operator::NeLegacy,
        Operator::Lt,
        Operator::Le,
        Operator::Gt,
        Operator::Ge,
        Operator::EqOrUnset,
        Operator::EqLike,
        Operator::EqIlike,
        Operator::Like,
        Operator::NotLike,
        Operator::Ilike,
        Operator::NotIlike,
        Operator::In,
        Operator::NotIn,
        Operator::ChildOf,
        Operator::ParentOf,
        Operator::Any,
        Operator::NotAny,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Operator::Eq => "=",
            Operator::Ne => "!=",
            Operator::NeLegacy => "<>",
            Operator::Lt => "<",
            Operator::Le => "<=",
            Operator::Gt => ">",
            Operator::Ge => ">=",
            Operator::EqOrUnset => "=?",
            Operator::EqLike => "=like",
            Operator::EqIlike => "=ilike",
            Operator::Like => "like",
            Operator::NotLike => "not like",
            Operator::Ilike => "ilike",
            Operator::NotIlike => "not ilike",
            Operator::In => "in",
            Operator::NotIn => "not in",
            Operator::ChildOf => "child_of",
            Operator::ParentOf => "parent_of",
            Operator::Any => "any",
            Operator::NotAny => "not any",
        }
    }

    /// Odoo lower-cases operators before checking them.
    pub fn parse(s: &str) -> Option<Operator> {
        let s = s.to_ascii_lowercase();
        Operator::ALL.into_iter().find(|o| o.as_str() == s)
    }
}

impl fmt::Display for Operator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Condition {
    pub field: String,
    pub op: Operator,
    pub value: Value,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Domain {
    /// Everything: `[]`.
    All,
    /// Odoo's TRUE_LEAF `[1, "=", 1]` / FALSE_LEAF `[0, "=", 1]`.
    Const(bool),
    Leaf(Condition),
    Not(Box<Domain>),
    And(Vec<Domain>),
    Or(Vec<Domain>),
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DomainError {
    #[error("a domain is a list, got {0}")]
    NotAList(String),
    #[error("term {index}: {why}")]
    BadTerm { index: usize, why: String },
    #[error("operator {op:?} at term {index} is missing an operand")]
    MissingOperand { op: String, index: usize },
}

impl Domain {
    /// A leaf; `op` is one of Odoo's operators (a programming error
    /// otherwise, so this panics: use `Operator` and `Domain::Leaf` for
    /// operators that come from data).
    pub fn leaf(field: &str, op: &str, value: Value) -> Domain {
        let op = Operator::parse(op).unwrap_or_else(|| panic!("not an Odoo operator: {op:?}"));
        Domain::Leaf(Condition {
            field: field.to_string(),
            op,
            value,
        })
    }

    /// AND of the parts; `All` parts drop out, one part is itself.
    pub fn and(parts: Vec<Domain>) -> Domain {
        Self::nary(parts, true)
    }

    pub fn or(parts: Vec<Domain>) -> Domain {
        Self::nary(parts, false)
    }

    #[allow(clippy::should_implement_trait)]
    pub fn not(d: Domain) -> Domain {
        Domain::Not(Box::new(d))
    }

    fn nary(parts: Vec<Domain>, and: bool) -> Domain {
        let mut flat = Vec::new();
        for p in parts {
            match p {
                Domain::All if and => {}
                Domain::And(inner) if and => flat.extend(inner),
                Domain::Or(inner) if !and => flat.extend(inner),
                p => flat.push(p),
            }
        }
        match flat.len() {
            0 if and => Domain::All,
            0 => Domain::Const(false),
            1 => flat.pop().unwrap_or(Domain::All),
            _ if and => Domain::And(flat),
            _ => Domain::Or(flat),
        }
    }

    /// Prefix notation, as Odoo wants it.
    pub fn to_json(&self) -> Value {
        let mut out = Vec::new();
        self.write(&mut out);
        Value::Array(out)
    }

    fn write(&self, out: &mut Vec<Value>) {
        match self {
            Domain::All => {}
            Domain::Const(true) => out.push(json!([1, "=", 1])),
            Domain::Const(false) => out.push(json!([0, "=", 1])),
            Domain::Leaf(c) => out.push(json!([c.field, c.op.as_str(), c.value])),
            Domain::Not(d) => {
                out.push(json!("!"));
                d.write_term(out);
            }
            Domain::And(parts) | Domain::Or(parts) => {
                let op = if matches!(self, Domain::And(_)) { "&" } else { "|" };
                let terms: Vec<&Domain> = parts.iter().filter(|p| **p != Domain::All).collect();
                for _ in 1..terms.len() {
                    out.push(json!(op));
                }
                for t in terms {
                    t.write_term(out);
                }
            }
        }
    }

    /// As one operand: `All` inside an operator must still be a term.
    fn write_term(&self, out: &mut Vec<Value>) {
        match self {
            Domain::All => out.push(json!([1, "=", 1])),
            d => d.write(out),
        }
    }

    /// Parses prefix notation (what Odoo accepts).
    pub fn from_json(v: &Value) -> Result<Domain, DomainError> {
        let Value::Array(items) = v else {
            return Err(DomainError::NotAList(v.to_string()));
        };
        let mut pos = 0;
        let mut terms = Vec::new();
        while pos < items.len() {
            terms.push(parse_term(items, &mut pos)?);
        }
        Ok(Domain::and(terms))
    }
}

fn parse_term(items: &[Value], pos: &mut usize) -> Result<Domain, DomainError> {
    let index = *pos;
    let Some(item) = items.get(index) else {
        return Err(DomainError::BadTerm {
            index,
            why: "the domain ends early".into(),
        });
    };
    *pos += 1;
    let operand = |pos: &mut usize, op: &str| {
        if *pos >= items.len() {
            Err(DomainError::MissingOperand {
                op: op.to_string(),
                index,
            })
        } else {
            parse_term(items, pos)
        }
    };
    match item {
        Value::String(s) if s == "&" || s == "|" => {
            let a = operand(pos, s)?;
            let b = operand(pos, s)?;
            Ok(if s == "&" { Domain::and(vec![a, b]) } else { Domain::or(vec![a, b]) })
        }
        Value::String(s) if s == "!" => Ok(Domain::not(operand(pos, s)?)),
        Value::Array(t) if t.len() == 3 => {
            let op = t[1].as_str().and_then(Operator::parse).ok_or_else(|| DomainError::BadTerm {
                index,
                why: format!("{} is not an operator", t[1]),
            })?;
            match (&t[0], op, &t[2]) {
                (Value::Number(n), Operator::Eq, Value::Number(one)) if one.as_i64() == Some(1) => {
                    match n.as_i64() {
                        Some(1) => Ok(Domain::Const(true)),
                        Some(0) => Ok(Domain::Const(false)),
                        _ => Err(DomainError::BadTerm {
                            index,
                            why: format!("{n} is not a field name"),
                        }),
                    }
                }
                (Value::String(field), op, value) if !field.is_empty() => Ok(Domain::Leaf(Condition {
                    field: field.clone(),
                    op,
                    value: value.clone(),
                })),
                (f, _, _) => Err(DomainError::BadTerm {
                    index,
                    why: format!("{f} is not a field name"),
                }),
            }
        }
        other => Err(DomainError::BadTerm {
            index,
            why: format!("{other} is neither an operator nor a [field, operator, value] term"),
        }),
    }
}
