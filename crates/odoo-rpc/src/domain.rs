//! Odoo domains: a typed tree, written in Odoo's prefix notation (`&`, `|`,
//! `!` before their operands, an implicit AND between top-level terms) and
//! parsed back from it.

use crate::error::shorten;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{json, Value};
use std::fmt;

/// Every comparison Odoo accepts in a condition sent by a client:
/// `TERM_OPERATORS` of `odoo/osv/expression.py` (16 to 18) and the
/// operators of `odoo/orm/domains.py` (19). Odoo 19's internal `any!` /
/// `not any!` are refused in domains that come from outside, so they are
/// not here.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Operator {
    Eq,
    Ne,
    /// `<>`: Odoo reads it as `!=` (deprecated in 19); kept so that what
    /// was read is written back.
    NeLegacy,
    Lt,
    Le,
    Gt,
    Ge,
    /// `=?`: true when the value is unset (false/None), else `=`.
    EqOrUnset,
    /// `=like`: SQL LIKE with the caller's own wildcards.
    EqLike,
    EqIlike,
    /// `like`: wildcards added around the value.
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
    /// Odoo 17+.
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

    /// Case-insensitive, as Odoo lower-cases operators before checking them.
    pub fn parse(s: &str) -> Option<Operator> {
        Operator::ALL
            .into_iter()
            .find(|o| o.as_str().eq_ignore_ascii_case(s))
    }

    /// The first major version that accepts this operator.
    pub fn since_major(self) -> u32 {
        match self {
            Operator::Any | Operator::NotAny => 17,
            _ => 16,
        }
    }
}

impl fmt::Display for Operator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// `(field, operator, value)`; `field` may be a dotted path.
#[derive(Clone, Debug, PartialEq)]
pub struct Condition {
    pub field: String,
    pub op: Operator,
    pub value: Value,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Domain {
    /// Every record: `[]`.
    All,
    /// Odoo's TRUE_LEAF `[1, "=", 1]` / FALSE_LEAF `[0, "=", 1]`.
    Const(bool),
    Leaf(Condition),
    Not(Box<Domain>),
    /// All of the parts (an empty AND is true).
    And(Vec<Domain>),
    /// Any of the parts (an empty OR is false).
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
    #[error("the domain nests deeper than {MAX_DEPTH} levels at term {index}")]
    TooDeep { index: usize },
}

/// Nesting a parsed domain may have: a tree deeper than any person writes,
/// shallow enough that walking it cannot exhaust the stack.
pub const MAX_DEPTH: usize = 256;

const TRUE_LEAF: (i64, &str, i64) = (1, "=", 1);
const FALSE_LEAF: (i64, &str, i64) = (0, "=", 1);

impl Domain {
    /// A condition. `op` is one of Odoo's operators written as Odoo writes
    /// it (`"="`, `"ilike"`, `"not in"`, …); anything else is a programming
    /// error and panics. For operators that come from data, use
    /// [`Operator::parse`] and [`Domain::condition`].
    pub fn leaf(field: &str, op: &str, value: Value) -> Domain {
        match Operator::parse(op) {
            Some(op) => Domain::condition(field, op, value),
            None => panic!("not an Odoo domain operator: {op:?}"),
        }
    }

    pub fn condition(field: &str, op: Operator, value: Value) -> Domain {
        Domain::Leaf(Condition {
            field: field.to_string(),
            op,
            value,
        })
    }

    /// AND of the parts: `All` parts drop out, nested ANDs merge, a single
    /// part is itself, none is `All`.
    pub fn and(parts: Vec<Domain>) -> Domain {
        Self::nary(parts, true)
    }

    /// OR of the parts: nested ORs merge, a single part is itself, none is
    /// `Const(false)`.
    pub fn or(parts: Vec<Domain>) -> Domain {
        Self::nary(parts, false)
    }

    #[allow(clippy::should_implement_trait)]
    pub fn not(d: Domain) -> Domain {
        Domain::Not(Box::new(d))
    }

    fn nary(parts: Vec<Domain>, and: bool) -> Domain {
        let mut flat = Vec::with_capacity(parts.len());
        for p in parts {
            match p {
                Domain::All if and => {}
                Domain::And(inner) if and => flat.extend(inner),
                Domain::Or(inner) if !and => flat.extend(inner),
                p => flat.push(p),
            }
        }
        match (flat.len(), and) {
            (0, true) => Domain::All,
            (0, false) => Domain::Const(false),
            (1, _) => flat.swap_remove(0),
            (_, true) => Domain::And(flat),
            (_, false) => Domain::Or(flat),
        }
    }

    pub fn is_all(&self) -> bool {
        matches!(self, Domain::All)
    }

    /// Prefix notation, as Odoo takes it: an n-ary AND / OR of n parts
    /// gets n - 1 operators, `All` is `[]`.
    pub fn to_json(&self) -> Value {
        let mut out = Vec::new();
        if !self.is_all() {
            self.write_term(&mut out);
        }
        Value::Array(out)
    }

    /// Writes `self` as one operand.
    fn write_term(&self, out: &mut Vec<Value>) {
        match self {
            // Inside an operator, "everything" must still be a term.
            Domain::All | Domain::Const(true) => out.push(json!(TRUE_LEAF)),
            Domain::Const(false) => out.push(json!(FALSE_LEAF)),
            Domain::Leaf(c) => out.push(json!([c.field, c.op.as_str(), c.value])),
            Domain::Not(d) => {
                out.push(json!("!"));
                d.write_term(out);
            }
            Domain::And(parts) if parts.is_empty() => out.push(json!(TRUE_LEAF)),
            Domain::Or(parts) if parts.is_empty() => out.push(json!(FALSE_LEAF)),
            Domain::And(parts) | Domain::Or(parts) => {
                let op = if matches!(self, Domain::And(_)) {
                    "&"
                } else {
                    "|"
                };
                out.extend((1..parts.len()).map(|_| json!(op)));
                for p in parts {
                    p.write_term(out);
                }
            }
        }
    }

    /// Parses prefix notation as Odoo does: operators before their
    /// operands, an implicit AND between the top-level terms,
    /// `[1, "=", 1]` / `[0, "=", 1]` as constants, operators in any case.
    pub fn from_json(v: &Value) -> Result<Domain, DomainError> {
        let Value::Array(items) = v else {
            return Err(DomainError::NotAList(shorten(&v.to_string(), 80)));
        };
        // Right to left, operands on a stack (as Odoo's own parser does):
        // no recursion, so no input can exhaust the call stack.
        let mut stack: Vec<(Domain, usize)> = Vec::new();
        for (index, item) in items.iter().enumerate().rev() {
            let node = match item {
                Value::String(s) if s == "&" || s == "|" => {
                    let (Some(a), Some(b)) = (stack.pop(), stack.pop()) else {
                        return Err(DomainError::MissingOperand {
                            op: s.clone(),
                            index,
                        });
                    };
                    combine(s == "&", a, b)
                }
                Value::String(s) if s == "!" => {
                    let Some((a, depth)) = stack.pop() else {
                        return Err(DomainError::MissingOperand {
                            op: s.clone(),
                            index,
                        });
                    };
                    (Domain::not(a), depth + 1)
                }
                item => (parse_leaf(item, index)?, 1),
            };
            if node.1 > MAX_DEPTH {
                return Err(DomainError::TooDeep { index });
            }
            stack.push(node);
        }
        Ok(Domain::and(
            stack.into_iter().rev().map(|(d, _)| d).collect(),
        ))
    }
}

/// `a & b` or `a | b`, merged into `a` or `b` when they are the same kind
/// of node, with the resulting depth.
fn combine(and: bool, (a, da): (Domain, usize), (b, db): (Domain, usize)) -> (Domain, usize) {
    let same_kind = |d: &Domain| match d {
        Domain::And(_) => and,
        Domain::Or(_) => !and,
        _ => false,
    };
    // A merged node's children keep their depth; others go one level down.
    let depth_of = |d: &Domain, depth: usize| if same_kind(d) { depth } else { depth + 1 };
    let depth = depth_of(&a, da).max(depth_of(&b, db));
    let parts = vec![a, b];
    let node = if and {
        Domain::and(parts)
    } else {
        Domain::or(parts)
    };
    (node, depth)
}

fn parse_leaf(item: &Value, index: usize) -> Result<Domain, DomainError> {
    let bad = |why: String| DomainError::BadTerm { index, why };
    let Value::Array(t) = item else {
        return Err(bad(format!(
            "{} is neither \"&\", \"|\", \"!\" nor a [field, operator, value] condition",
            short(item)
        )));
    };
    let [field, op, value] = t.as_slice() else {
        return Err(bad(format!(
            "a condition has 3 items, this one has {}",
            t.len()
        )));
    };
    let op = op
        .as_str()
        .and_then(Operator::parse)
        .ok_or_else(|| bad(format!("{} is not a domain operator", short(op))))?;
    match field {
        Value::String(name) if !name.is_empty() => Ok(Domain::condition(name, op, value.clone())),
        Value::Number(n) if op == Operator::Eq && value.as_i64() == Some(1) => match n.as_i64() {
            Some(1) => Ok(Domain::Const(true)),
            Some(0) => Ok(Domain::Const(false)),
            _ => Err(bad(format!("{n} is not a field name"))),
        },
        other => Err(bad(format!("{} is not a field name", short(other)))),
    }
}

fn short(v: &Value) -> String {
    shorten(&v.to_string(), 40)
}

impl fmt::Display for Domain {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.to_json())
    }
}

impl Serialize for Domain {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.to_json().serialize(s)
    }
}

impl<'de> Deserialize<'de> for Domain {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = Value::deserialize(d)?;
        Domain::from_json(&v).map_err(serde::de::Error::custom)
    }
}
