//! Odoo domains to SQL, the way `odoo/osv/expression.py` reads them:
//! prefix `&`/`|`/`!` with implicit `&`, `!` pushed down onto the leaves
//! (so `!` of `=` is Odoo's NULL-friendly `!=`), then one SQL condition per
//! leaf. Every value is a bound parameter; only column names from the model
//! tables (model.rs) are ever written into the text. Errors carry the
//! message Odoo raises for the same input.

use crate::fold::fold;
use crate::model::{model, Field, Kind, Model};
use crate::wire::{py_repr, py_text, py_type, tuple_repr, PyError};
use rusqlite::types::Value as Sql;
use serde_json::Value;

#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    True,
    /// All of these (nested ANDs flattened).
    And(Vec<Node>),
    /// Any of these (nested ORs flattened).
    Or(Vec<Node>),
    Not(Box<Node>),
    /// A domain term as given (checked when translated).
    Leaf(Value),
}

/// How deep a tree may nest once flattened (Python would stop at about
/// this depth with a RecursionError; the limit keeps the stack safe).
const MAX_DEPTH: usize = 500;

impl Node {
    /// `items` under one `&` (`and`) or `|`: an item that is already the
    /// same operator gives its own items, so the tree stays flat.
    fn joined(and: bool, items: impl IntoIterator<Item = Node>) -> Node {
        let mut flat = Vec::new();
        for n in items {
            match (and, n) {
                (true, Node::And(inner)) | (false, Node::Or(inner)) => flat.extend(inner),
                (_, n) => flat.push(n),
            }
        }
        if and {
            Node::And(flat)
        } else {
            Node::Or(flat)
        }
    }

    fn not(a: Node) -> Node {
        match a {
            Node::Not(inner) => *inner,
            a => Node::Not(Box::new(a)),
        }
    }

    fn depth(&self) -> usize {
        // Iterative, so that measuring cannot overflow either.
        let mut deepest = 0;
        let mut stack = vec![(self, 1usize)];
        while let Some((n, d)) = stack.pop() {
            deepest = deepest.max(d);
            match n {
                Node::And(items) | Node::Or(items) => {
                    stack.extend(items.iter().map(|i| (i, d + 1)))
                }
                Node::Not(inner) => stack.push((inner, d + 1)),
                _ => {}
            }
        }
        deepest
    }
}

/// The operators every supported version takes; later ones add `any`.
const BASE_OPERATORS: [&str; 18] = [
    "=",
    "!=",
    "<>",
    "<=",
    "<",
    ">",
    ">=",
    "=?",
    "=like",
    "=ilike",
    "like",
    "not like",
    "ilike",
    "not ilike",
    "in",
    "not in",
    "child_of",
    "parent_of",
];

fn is_operator(op: &str, version: u8) -> bool {
    BASE_OPERATORS.contains(&op)
        || (crate::release(version).any_operator && (op == "any" || op == "not any"))
}

fn negation(op: &str, version: u8) -> Option<&'static str> {
    Some(match op {
        "<" => ">=",
        ">" => "<=",
        "<=" => ">",
        ">=" => "<",
        "=" => "!=",
        "!=" => "=",
        "in" => "not in",
        "not in" => "in",
        "like" => "not like",
        "not like" => "like",
        "ilike" => "not ilike",
        "not ilike" => "ilike",
        "any" if crate::release(version).any_operator => "not any",
        "not any" if crate::release(version).any_operator => "any",
        _ => return None,
    })
}

/// `(1, '=', 1)` and `(0, '=', 1)`.
fn constant_leaf(items: &[Value]) -> Option<bool> {
    match items {
        [l, Value::String(op), r] if op == "=" && r.as_i64() == Some(1) => match l.as_i64() {
            Some(1) => Some(true),
            Some(0) => Some(false),
            _ => None,
        },
        _ => None,
    }
}

/// Odoo's `is_leaf`: three items, a known operator, a field name.
fn is_leaf(items: &[Value], version: u8) -> bool {
    match items {
        [Value::String(left), Value::String(op), _] => !left.is_empty() && is_operator(op, version),
        _ => constant_leaf(items).is_some(),
    }
}

/// Parses a domain into a tree, with Odoo's normalisation.
pub fn parse(domain: &Value, version: u8) -> Result<Node, PyError> {
    let Value::Array(items) = domain else {
        if crate::release(version).domain_class {
            return Err(PyError::type_error(format!(
                "Domain() invalid argument type for domain: {}",
                py_repr(domain)
            )));
        }
        return Err(PyError::new(
            "builtins.AssertionError",
            "Domains to normalize must have a 'domain' form: a list or tuple of domain components",
        ));
    };
    if items.is_empty() {
        return Ok(Node::True);
    }
    // normalize_domain: count what the operators still expect, putting an
    // '&' in front whenever a complete expression is followed by more.
    let mut tokens: Vec<&Value> = Vec::with_capacity(items.len() + 4);
    let mut ands = 0usize;
    let mut expected: i64 = 1;
    for token in items {
        if expected == 0 {
            ands += 1;
            expected = 1;
        }
        expected += match token.as_str() {
            Some("&") | Some("|") => 1,
            Some("!") => 0,
            _ => -1,
        };
        tokens.push(token);
    }
    if expected != 0 {
        return Err(PyError::value(format!(
            "Domain {} is syntactically not correct.",
            py_repr(domain)
        )));
    }
    let and = Value::String("&".into());
    let prefixed: Vec<&Value> = std::iter::repeat_n(&and, ands).chain(tokens).collect();
    let tree = build(&prefixed);
    if tree.depth() > MAX_DEPTH {
        return Err(PyError::new(
            "builtins.RecursionError",
            "maximum recursion depth exceeded",
        ));
    }
    Ok(distribute_not(tree, false, version))
}

/// The tree of a prefix expression, read right to left with a stack (no
/// recursion: a domain can be long). The counting above guarantees every
/// operator has its operands.
fn build(tokens: &[&Value]) -> Node {
    let mut stack: Vec<Node> = Vec::new();
    for token in tokens.iter().rev() {
        let node = match token.as_str() {
            Some(op @ ("&" | "|")) => {
                let a = stack.pop().unwrap_or(Node::True);
                let b = stack.pop().unwrap_or(Node::True);
                Node::joined(op == "&", [a, b])
            }
            Some("!") => Node::not(stack.pop().unwrap_or(Node::True)),
            _ => Node::Leaf((*token).clone()),
        };
        stack.push(node);
    }
    stack.pop().unwrap_or(Node::True)
}

fn distribute_not(node: Node, negate: bool, version: u8) -> Node {
    let all = |items: Vec<Node>, negate: bool| -> Vec<Node> {
        items
            .into_iter()
            .map(|n| distribute_not(n, negate, version))
            .collect()
    };
    // Negation turns ORs into ANDs (and back): merge them with their
    // parents of the same kind again.
    match node {
        Node::Not(inner) => distribute_not(*inner, !negate, version),
        Node::And(items) => Node::joined(!negate, all(items, negate)),
        Node::Or(items) => Node::joined(negate, all(items, negate)),
        Node::Leaf(v) if negate => {
            let items = v.as_array().map(Vec::as_slice).unwrap_or(&[]);
            if is_leaf(items, version) {
                if let Some(c) = constant_leaf(items) {
                    let swapped = if c { 0 } else { 1 };
                    return Node::Leaf(serde_json::json!([swapped, "=", 1]));
                }
                if let Some(neg) = items[1].as_str().and_then(|op| negation(op, version)) {
                    return Node::Leaf(Value::Array(vec![
                        items[0].clone(),
                        Value::String(neg.into()),
                        items[2].clone(),
                    ]));
                }
            }
            Node::Not(Box::new(Node::Leaf(v)))
        }
        other => other,
    }
}

/// Whether a top-level term names `active` (then no implicit filter).
pub fn mentions_active(domain: &Value) -> bool {
    domain.as_array().is_some_and(|items| {
        items
            .iter()
            .any(|i| i.as_array().and_then(|l| l.first()).and_then(Value::as_str) == Some("active"))
    })
}

/// Translates trees to SQL conditions over one model's table, collecting
/// the bound parameters in order.
pub struct Translator {
    pub version: u8,
    pub active_test: bool,
    pub params: Vec<Sql>,
}

fn falsy(v: &Value) -> bool {
    matches!(v, Value::Null | Value::Bool(false))
}

/// Python's truth value, as a boolean column converts what it is given.
fn truthy(v: &Value) -> bool {
    match v {
        Value::Null | Value::Bool(false) => false,
        Value::Bool(true) => true,
        Value::Number(n) => n.as_f64().is_some_and(|f| f != 0.0),
        Value::String(s) => !s.is_empty(),
        Value::Array(a) => !a.is_empty(),
        Value::Object(o) => !o.is_empty(),
    }
}

fn sql_value(v: &Value) -> Sql {
    match v {
        Value::Null | Value::Bool(false) => Sql::Null,
        Value::Bool(true) => Sql::Integer(1),
        Value::Number(n) => match n.as_i64() {
            Some(i) => Sql::Integer(i),
            None => Sql::Real(n.as_f64().unwrap_or(0.0)),
        },
        Value::String(s) => Sql::Text(s.clone()),
        other => Sql::Text(other.to_string()),
    }
}

/// PostgreSQL LIKE (`%`, `_`, `\` escapes, case-sensitive) as an SQLite
/// GLOB pattern, since SQLite's LIKE ignores ASCII case.
pub fn like_to_glob(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len() + 4);
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some(lit) => push_glob_literal(lit, &mut out),
                None => push_glob_literal('\\', &mut out),
            },
            '%' => out.push('*'),
            '_' => out.push('?'),
            c => push_glob_literal(c, &mut out),
        }
    }
    out
}

fn push_glob_literal(c: char, out: &mut String) {
    match c {
        '*' => out.push_str("[*]"),
        '?' => out.push_str("[?]"),
        '[' => out.push_str("[[]"),
        c => out.push(c),
    }
}

/// SQL true when the texts of `cols` are all ASCII: the model's stored
/// flag when it covers them (read from the index, not the row), else a
/// test of each text.
fn ascii_test(m: &Model, cols: &[&str]) -> String {
    match m.plain {
        Some((flag, covered)) if cols.iter().all(|c| covered.contains(c)) => format!("{flag} = 1"),
        _ => {
            let each: Vec<String> = cols.iter().map(|c| format!("ascii_text({c})")).collect();
            format!("({})", each.join(" AND "))
        }
    }
}

impl Translator {
    pub fn new(version: u8, active_test: bool) -> Self {
        Translator {
            version,
            active_test,
            params: Vec::new(),
        }
    }

    /// `col ilike raw` with accents compared: the folded columns (lower
    /// case, no accents) make the fast first test, and this one, on the
    /// text itself, keeps "a" from finding "å" unless the demo runs as
    /// Odoo's `--unaccent` (see `seed::register_functions`).
    fn accents(&mut self, col: &str, raw: String) -> String {
        format!(
            "ilike_text({col}) LIKE ilike_text({}) ESCAPE '\\'",
            self.bind(Sql::Text(raw))
        )
    }

    /// [`Self::accents`] after a folded test on `col`'s own folded copy:
    /// an ASCII pattern against an ASCII text is answered by that test
    /// already, so the costly comparison runs only for texts with other
    /// letters (the name search's p95 on 100,000 contacts: 59 ms with it
    /// on every row, under 10 ms without).
    fn accents_after_fold(&mut self, m: &Model, col: &str, raw: String) -> String {
        let ascii = raw.is_ascii();
        let exact = self.accents(col, raw);
        if ascii {
            format!("({} OR {exact})", ascii_test(m, &[col]))
        } else {
            exact
        }
    }

    fn bind(&mut self, v: Sql) -> &'static str {
        self.params.push(v);
        "?"
    }

    /// The WHERE condition for a whole search on `m`: the domain, plus
    /// `active = 1` unless asked otherwise or the domain names `active`.
    pub fn search_condition(&mut self, m: &Model, domain: &Value) -> Result<String, PyError> {
        let tree = parse(domain, self.version)?;
        let mut cond = self.node(m, &tree)?;
        if m.active && self.active_test && !mentions_active(domain) {
            cond = if cond == "1" {
                "active = 1".to_string()
            } else {
                format!("({cond}) AND active = 1")
            };
        }
        Ok(cond)
    }

    /// `SELECT id FROM comodel WHERE …`: a search on another model.
    fn subsearch(&mut self, m: &Model, domain: &Value) -> Result<String, PyError> {
        let cond = self.search_condition(m, domain)?;
        Ok(format!("SELECT id FROM {} WHERE {cond}", m.table))
    }

    pub fn node(&mut self, m: &Model, node: &Node) -> Result<String, PyError> {
        Ok(match node {
            Node::True => "1".into(),
            Node::And(items) => {
                let parts = items
                    .iter()
                    .map(|n| self.node(m, n))
                    .collect::<Result<Vec<_>, _>>()?;
                balanced(&parts, "AND")
            }
            Node::Or(items) => match self.joined_search(m, node) {
                Some(sql) => sql,
                None => {
                    let parts = items
                        .iter()
                        .map(|n| self.node(m, n))
                        .collect::<Result<Vec<_>, _>>()?;
                    balanced(&parts, "OR")
                }
            },
            Node::Not(a) => format!("(NOT {})", self.node(m, a)?),
            Node::Leaf(v) => self.leaf(m, v)?,
        })
    }

    /// `field1 ilike x OR field2 ilike x OR …` over fields the model joins
    /// in one column, as a single LIKE on it. Equivalent when x is plain
    /// text (no wildcard, escape or line break, so no match can straddle
    /// two fields) and not empty.
    fn joined_search(&mut self, m: &Model, node: &Node) -> Option<String> {
        let (col, fields) = m.joined_text?;
        let mut leaves = Vec::new();
        if !or_leaves(node, &mut leaves) {
            return None;
        }
        let mut value: Option<&str> = None;
        let mut cols: Vec<&'static str> = Vec::new();
        for leaf in leaves {
            let [Value::String(f), Value::String(op), Value::String(v)] =
                leaf.as_array()?.as_slice()
            else {
                return None;
            };
            let plain = !v.is_empty() && !v.contains(['%', '_', '\\', '\n']);
            if op != "ilike"
                || !plain
                || !fields.contains(&f.as_str())
                || value.is_some_and(|seen| seen != v)
            {
                return None;
            }
            // A field this version lacks takes the slow path, which
            // refuses it as Odoo does.
            let Kind::Char { col, .. } = m.field(f, self.version)?.kind else {
                return None;
            };
            if !cols.contains(&col) {
                cols.push(col);
            }
            value = Some(v);
        }
        let value = value?;
        let pattern = format!("%{}%", fold(value));
        let prefilter = format!("{col} LIKE {} ESCAPE '\\'", self.bind(Sql::Text(pattern)));
        // The joined column holds every field it lists: this keeps the
        // match to the fields asked for, accents compared.
        let mut each: Vec<String> = cols
            .iter()
            .map(|c| self.accents(c, format!("%{value}%")))
            .collect();
        // Every text of the row ASCII, and the term too: the joined test
        // has answered (its columns are one line each).
        if value.is_ascii() {
            each.insert(0, ascii_test(m, &cols));
        }
        Some(format!("({prefilter} AND ({}))", each.join(" OR ")))
    }

    fn check_leaf<'v>(&self, v: &'v Value) -> Result<&'v [Value], PyError> {
        let invalid = |shown: String| PyError::value(format!("Invalid leaf {shown}"));
        if crate::release(self.version).domain_class {
            return self.check_condition(v);
        }
        let items: &[Value] = match v {
            Value::Array(items) => items,
            // Odoo 18 unpacks the term first; earlier ones print it.
            _ if crate::release(self.version).unpacks_terms => {
                return Err(match v {
                    Value::String(s) if s.chars().count() == 3 => invalid(format!("{s:?}")),
                    Value::String(s) => unpack_error(s.chars().count()),
                    Value::Object(o) => unpack_error(o.len()),
                    other => PyError::type_error(format!(
                        "cannot unpack non-iterable {} object",
                        py_type(other)
                    )),
                })
            }
            other => return Err(invalid(py_text(other))),
        };
        if crate::release(self.version).unpacks_terms && items.len() != 3 {
            return Err(unpack_error(items.len()));
        }
        if !is_leaf(items, self.version) {
            return Err(invalid(tuple_repr(items)));
        }
        Ok(items)
    }

    /// 19's `Domain` class: anything but a three-item condition is an
    /// invalid item, and the operator is compared (and shown) lower-cased.
    fn check_condition<'v>(&self, v: &'v Value) -> Result<&'v [Value], PyError> {
        let items = match v {
            Value::Array(items) if items.len() == 3 => items.as_slice(),
            _ => {
                return Err(PyError::value(format!(
                    "Domain() invalid item in domain: {}",
                    py_repr(v)
                )))
            }
        };
        if constant_leaf(items).is_some() {
            return Ok(items);
        }
        let op = items[1].as_str().map(str::to_lowercase);
        if !op
            .as_deref()
            .is_some_and(|op| is_operator(op, self.version))
        {
            let mut shown = items.to_vec();
            if let Some(op) = op {
                shown[1] = Value::String(op);
            }
            return Err(PyError::value(format!(
                "Invalid operator in condition {}",
                tuple_repr(&shown)
            )));
        }
        Ok(items)
    }

    /// How an error shows where it is: Odoo's "leaf", 19's "condition".
    fn term_word(&self) -> &'static str {
        if crate::release(self.version).domain_class {
            "condition"
        } else {
            "leaf"
        }
    }

    fn leaf(&mut self, m: &Model, v: &Value) -> Result<String, PyError> {
        let items = self.check_leaf(v)?;
        if let Some(c) = constant_leaf(items) {
            return Ok(if c { "1" } else { "0" }.into());
        }
        let shown = tuple_repr(items);
        let (Some(path), Some(op)) = (items[0].as_str(), items[1].as_str()) else {
            return Err(PyError::value(format!("Invalid leaf {shown}")));
        };
        let lowered;
        let op = if crate::release(self.version).domain_class {
            lowered = op.to_lowercase();
            lowered.as_str()
        } else {
            op
        };
        let mut right = items[2].clone();
        // normalize_leaf
        let mut op = if op == "<>" { "!=" } else { op };
        if right.is_boolean() && (op == "in" || op == "not in") {
            op = if op == "in" { "=" } else { "!=" };
        } else if right.is_array() && (op == "=" || op == "!=") {
            op = if op == "=" { "in" } else { "not in" };
        }
        let (head, rest) = match path.split_once('.') {
            Some((h, r)) => (h, Some(r)),
            None => (path, None),
        };
        let word = self.term_word();
        let invalid_field =
            || PyError::value(format!("Invalid field {}.{head} in {word} {shown}", m.name));
        let field = m.field(head, self.version).ok_or_else(invalid_field)?;
        if let Some(rest) = rest {
            return self.path_leaf(field, rest, op, &right, &shown, m);
        }
        if op == "any" || op == "not any" {
            return self.any_leaf(field, op, &right, &shown);
        }
        if op == "child_of" || op == "parent_of" {
            return self.hierarchy_leaf(field, op, &right, &shown, m);
        }
        if op == "=?" {
            if falsy(&right) {
                return Ok("1".into());
            }
            op = "=";
        }
        if matches!(
            field.kind,
            Kind::Many2one { .. } | Kind::Many2many { .. } | Kind::One2many { .. }
        ) && is_text_criterion(&right)
        {
            return self.named_relation_leaf(field, op, &right);
        }
        match field.kind {
            Kind::Id => self.plain(m, "id", op, &right, &shown),
            Kind::Integer { col } => self.plain(m, col, op, &right, &shown),
            Kind::Many2one { col, .. } => self.plain(m, col, op, &right, &shown),
            Kind::Char { col, fold } => self.text(m, col, fold, op, &right, &shown),
            Kind::Html { col } | Kind::Datetime { col } | Kind::Selection { col, .. } => {
                self.text(m, col, None, op, &right, &shown)
            }
            Kind::Boolean { col } => self.boolean(col, op, &right, &shown),
            Kind::CompanyType => {
                // Searchable here through what it is computed from.
                let map = |v: &Value| match v.as_str() {
                    Some("company") => Value::Bool(true),
                    Some("person") => Value::Bool(false),
                    _ => Value::Null,
                };
                right = match &right {
                    Value::Array(a) => Value::Array(a.iter().map(map).collect()),
                    v => map(v),
                };
                self.boolean("is_company", op, &right, &shown)
            }
            Kind::Many2many { .. } | Kind::One2many { .. } => self.x2many_ids(field, op, &right),
            Kind::Image => match op {
                "=" if falsy(&right) => Ok("image IS NULL".into()),
                "!=" if falsy(&right) => Ok("image IS NOT NULL".into()),
                _ => Err(PyError::value(format!("Invalid leaf {shown}"))),
            },
            Kind::Avatar => Err(PyError::value(format!(
                "Non-stored field {}.{} cannot be searched.",
                m.name, field.name
            ))),
        }
    }

    /// `parent_id.name`, `country_id.code`, `category_id.name`: a search on
    /// the related model, then membership.
    fn path_leaf(
        &mut self,
        field: &Field,
        rest: &str,
        op: &str,
        right: &Value,
        shown: &str,
        m: &Model,
    ) -> Result<String, PyError> {
        let sub_leaf = Value::Array(vec![
            Value::String(rest.into()),
            Value::String(op.into()),
            right.clone(),
        ]);
        let sub_domain = Value::Array(vec![sub_leaf]);
        match field.kind {
            Kind::Many2one { col, comodel } => {
                // Odoo searches the related model with active_test off here.
                let saved = std::mem::replace(&mut self.active_test, false);
                let sub = self.subsearch(model(comodel), &sub_domain);
                self.active_test = saved;
                Ok(format!("{col} IN ({})", sub?))
            }
            Kind::Many2many { .. } | Kind::One2many { .. } => {
                let co = model(field.kind.comodel().unwrap_or(m.id));
                let sub = self.subsearch(co, &sub_domain)?;
                Ok(self.x2many_in(field, &sub, false))
            }
            _ => Err(PyError::value(format!(
                "Invalid field {}.{} in {} {shown}",
                m.name,
                field.name,
                self.term_word()
            ))),
        }
    }

    /// Odoo 17+'s `any` / `not any`: a sub-domain on the related model.
    fn any_leaf(
        &mut self,
        field: &Field,
        op: &str,
        right: &Value,
        shown: &str,
    ) -> Result<String, PyError> {
        let Some(co) = field.kind.comodel() else {
            return Err(PyError::value(format!("Invalid leaf {shown}")));
        };
        let sub = self.subsearch(model(co), right)?;
        let negative = op == "not any";
        Ok(match field.kind {
            Kind::Many2one { col, .. } if negative => {
                format!("({col} IS NULL OR {col} NOT IN ({sub}))")
            }
            Kind::Many2one { col, .. } => format!("{col} IN ({sub})"),
            _ => self.x2many_in(field, &sub, negative),
        })
    }

    /// `child_of` / `parent_of`: the records below (or above) the given
    /// ones, themselves included.
    fn hierarchy_leaf(
        &mut self,
        field: &Field,
        op: &str,
        right: &Value,
        shown: &str,
        m: &Model,
    ) -> Result<String, PyError> {
        let target = match field.kind {
            Kind::Id => m,
            k => match k.comodel() {
                Some(co) => model(co),
                None => return Err(PyError::value(format!("Invalid leaf {shown}"))),
            },
        };
        let seeds = if is_text_criterion(right) {
            let cond = self.display_match(target, "ilike", right)?;
            format!("SELECT id FROM {} WHERE {cond}", target.table)
        } else {
            let ids: Vec<Value> = list_or_one(right)
                .into_iter()
                .filter(|v| !falsy(v))
                .collect();
            if ids.is_empty() {
                return Ok("0".into());
            }
            let marks = self.marks(&ids);
            format!("SELECT id FROM {} WHERE id IN ({marks})", target.table)
        };
        let set = if !target.parent {
            seeds
        } else {
            let t = target.table;
            let step = if op == "child_of" {
                format!("SELECT {t}.id FROM {t} JOIN tree ON {t}.parent_id = tree.id")
            } else {
                format!("SELECT {t}.parent_id FROM {t} JOIN tree ON {t}.id = tree.id WHERE {t}.parent_id IS NOT NULL")
            };
            format!("WITH RECURSIVE tree(id) AS ({seeds} UNION {step}) SELECT id FROM tree")
        };
        Ok(match field.kind {
            Kind::Id => format!("id IN ({set})"),
            Kind::Many2one { col, .. } => format!("{col} IN ({set})"),
            _ => self.x2many_in(field, &set, false),
        })
    }

    fn marks(&mut self, values: &[Value]) -> String {
        // Long lists go as one JSON parameter: SQLite caps the number of
        // parameters, Odoo's `in` does not.
        if values.len() > 200 {
            let list: Vec<Value> = values
                .iter()
                .map(|v| match v {
                    Value::Bool(true) => Value::from(1),
                    v => v.clone(),
                })
                .collect();
            self.params.push(Sql::Text(Value::Array(list).to_string()));
            return "SELECT value FROM json_each(?)".into();
        }
        values
            .iter()
            .map(|v| self.bind(sql_value(v)))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// A relational field compared with names: Odoo runs a name search on
    /// the related model and keeps (or, negated, drops) what it finds.
    fn named_relation_leaf(
        &mut self,
        field: &Field,
        op: &str,
        right: &Value,
    ) -> Result<String, PyError> {
        let co = model(
            field
                .kind
                .comodel()
                .unwrap_or(crate::model::ModelId::Partner),
        );
        let (positive, negative) = match op {
            "!=" => ("=", true),
            "not in" => ("in", true),
            "not like" => ("like", true),
            "not ilike" => ("ilike", true),
            "<" | ">" | "<=" | ">=" => ("in", false),
            op => (op, false),
        };
        let cond = self.display_match(co, positive, right)?;
        let sub = format!("SELECT id FROM {} WHERE {cond}", co.table);
        Ok(match field.kind {
            Kind::Many2one { col, .. } if negative => {
                format!("({col} IS NULL OR {col} NOT IN ({sub}))")
            }
            Kind::Many2one { col, .. } => format!("{col} IN ({sub})"),
            _ => self.x2many_in(field, &sub, negative),
        })
    }

    /// What `name_search(value, operator=op)` matches on a model: its
    /// display name, and for contacts also email, reference and tax id.
    pub fn display_match(&mut self, m: &Model, op: &str, value: &Value) -> Result<String, PyError> {
        match op {
            "ilike" | "=ilike" | "like" | "=like" => {
                let text = match value {
                    Value::Array(a) => a.iter().map(py_text).collect::<Vec<_>>().join(""),
                    v => py_text(v),
                };
                let mut pattern = fold(&text);
                if op == "ilike" || op == "like" {
                    pattern = format!("%{pattern}%");
                }
                let raw = if op == "ilike" || op == "like" {
                    format!("%{text}%")
                } else {
                    text
                };
                let mut parts = Vec::new();
                for folded in [m.display_fold].iter().chain(m.name_search_also) {
                    let prefilter = format!(
                        "{folded} LIKE {} ESCAPE '\\'",
                        self.bind(Sql::Text(pattern.clone()))
                    );
                    let exact = self.accents_after_fold(m, unfolded(folded), raw.clone());
                    parts.push(format!("({prefilter} AND {exact})"));
                }
                Ok(format!("({})", parts.join(" OR ")))
            }
            "in" => {
                let names = list_or_one(value);
                if names.is_empty() {
                    return Ok("0".into());
                }
                let marks = self.marks(&names);
                Ok(format!("{} IN ({marks})", m.display))
            }
            _ => Ok(format!(
                "{} = {}",
                m.display,
                self.bind(Sql::Text(py_text(value)))
            )),
        }
    }

    /// `id IN (SELECT owner FROM link WHERE target IN (sub))`, or NOT IN.
    fn x2many_in(&self, field: &Field, sub: &str, negative: bool) -> String {
        let not = if negative { "NOT " } else { "" };
        match field.kind {
            Kind::Many2many {
                rel, own, other, ..
            } => {
                format!("id {not}IN (SELECT {own} FROM {rel} WHERE {other} IN ({sub}))")
            }
            Kind::One2many { comodel, inverse } => {
                let t = model(comodel).table;
                format!("id {not}IN (SELECT {inverse} FROM {t} WHERE {inverse} IS NOT NULL AND id IN ({sub}))")
            }
            _ => "0".into(),
        }
    }

    /// A to-many field compared with ids (or False: "has none").
    fn x2many_ids(&mut self, field: &Field, op: &str, right: &Value) -> Result<String, PyError> {
        let negative = matches!(op, "!=" | "not in" | "not like" | "not ilike");
        let ids: Vec<Value> = list_or_one(right)
            .into_iter()
            .filter(|v| !falsy(v))
            .collect();
        if ids.is_empty() {
            // (f, '=', False): no related record; (f, '!=', False): some.
            let any = match field.kind {
                Kind::Many2many { rel, own, .. } => format!("SELECT {own} FROM {rel}"),
                Kind::One2many { comodel, inverse } => {
                    let co = model(comodel);
                    let active = if co.active && self.active_test {
                        " AND active = 1"
                    } else {
                        ""
                    };
                    format!(
                        "SELECT {inverse} FROM {} WHERE {inverse} IS NOT NULL{active}",
                        co.table
                    )
                }
                _ => return Ok("0".into()),
            };
            let has = matches!(op, "!=" | "not in");
            return Ok(format!("id {}IN ({any})", if has { "" } else { "NOT " }));
        }
        let marks = self.marks(&ids);
        let sub = match field.kind {
            Kind::Many2many { comodel, .. } | Kind::One2many { comodel, .. } => {
                format!(
                    "SELECT id FROM {} WHERE id IN ({marks})",
                    model(comodel).table
                )
            }
            _ => return Ok("0".into()),
        };
        Ok(self.x2many_in(field, &sub, negative))
    }

    /// Ids, integers and many-to-one columns.
    fn plain(
        &mut self,
        m: &Model,
        col: &str,
        op: &str,
        right: &Value,
        shown: &str,
    ) -> Result<String, PyError> {
        Ok(match op {
            "=" if falsy(right) => format!("{col} IS NULL"),
            "!=" if falsy(right) => format!("{col} IS NOT NULL"),
            "=" => format!("{col} = {}", self.bind(sql_value(right))),
            "!=" => format!(
                "({col} != {} OR {col} IS NULL)",
                self.bind(sql_value(right))
            ),
            "<" | "<=" | ">" | ">=" => format!("{col} {op} {}", self.bind(sql_value(right))),
            "in" | "not in" => self.membership(col, op, right),
            "like" | "not like" | "=like" | "ilike" | "not ilike" | "=ilike" => self.pattern(
                m,
                &format!("CAST({col} AS TEXT)"),
                &format!("CAST({col} AS TEXT)"),
                col,
                op,
                right,
            ),
            _ => return Err(PyError::value(format!("Invalid leaf {shown}"))),
        })
    }

    fn text(
        &mut self,
        m: &Model,
        col: &str,
        fold_col: Option<&str>,
        op: &str,
        right: &Value,
        shown: &str,
    ) -> Result<String, PyError> {
        let folded = fold_col
            .map(str::to_string)
            .unwrap_or_else(|| format!("fold({col})"));
        Ok(match op {
            "=" if falsy(right) => format!("({col} IS NULL OR {col} = '')"),
            "!=" if falsy(right) => format!("({col} IS NOT NULL AND {col} != '')"),
            "=" => format!("{col} = {}", self.bind(Sql::Text(py_text(right)))),
            "!=" => format!(
                "({col} != {} OR {col} IS NULL)",
                self.bind(Sql::Text(py_text(right)))
            ),
            "<" | "<=" | ">" | ">=" => format!("{col} {op} {}", self.bind(sql_value(right))),
            "in" | "not in" => self.membership(col, op, right),
            "like" | "not like" | "=like" | "ilike" | "not ilike" | "=ilike" => {
                self.pattern(m, col, &folded, col, op, right)
            }
            _ => return Err(PyError::value(format!("Invalid leaf {shown}"))),
        })
    }

    /// like (case-sensitive, as GLOB) and ilike (folded, as LIKE); the
    /// negative forms keep empty values, as Odoo's SQL does.
    fn pattern(
        &mut self,
        m: &Model,
        exact: &str,
        folded: &str,
        col: &str,
        op: &str,
        right: &Value,
    ) -> String {
        let text = py_text(right);
        let wrap = !op.starts_with('=');
        let cond = if op.contains("ilike") {
            let p = if wrap {
                format!("%{}%", fold(&text))
            } else {
                fold(&text)
            };
            let matches_empty = p.chars().all(|c| c == '%');
            let raw = if wrap { format!("%{text}%") } else { text };
            let cond = format!(
                "({folded} LIKE {} ESCAPE '\\' AND {})",
                self.bind(Sql::Text(p)),
                self.accents_after_fold(m, col, raw)
            );
            // A folded copy holds '' for no value, which '%%' would match.
            if matches_empty && folded != col {
                format!("({cond} AND {col} IS NOT NULL)")
            } else {
                cond
            }
        } else {
            let p = if wrap { format!("%{text}%") } else { text };
            format!("{exact} GLOB {}", self.bind(Sql::Text(like_to_glob(&p))))
        };
        if op.starts_with("not") {
            format!("(NOT {cond} OR {col} IS NULL)")
        } else {
            cond
        }
    }

    /// Odoo's `in` / `not in`, with its handling of False in the list.
    fn membership(&mut self, col: &str, op: &str, right: &Value) -> String {
        let values = list_or_one(right);
        let check_null = values.iter().any(falsy);
        let kept: Vec<Value> = values.into_iter().filter(|v| !falsy(v)).collect();
        let base = if kept.is_empty() {
            if op == "in" {
                "0".to_string()
            } else {
                "1".to_string()
            }
        } else {
            let marks = self.marks(&kept);
            format!(
                "{col} {} ({marks})",
                if op == "in" { "IN" } else { "NOT IN" }
            )
        };
        match (op, check_null) {
            ("in", true) | ("not in", false) => format!("({base} OR {col} IS NULL)"),
            ("not in", true) => format!("({base} AND {col} IS NOT NULL)"),
            _ => base,
        }
    }

    fn boolean(
        &mut self,
        col: &str,
        op: &str,
        right: &Value,
        shown: &str,
    ) -> Result<String, PyError> {
        let is = |b: bool| {
            if b {
                format!("{col} = 1")
            } else {
                format!("({col} IS NULL OR {col} = 0)")
            }
        };
        Ok(match op {
            "=" => is(truthy(right)),
            "!=" => is(!truthy(right)),
            "in" | "not in" => {
                let values = list_or_one(right);
                let wants_true = values.iter().any(truthy);
                let wants_false = values.iter().any(|v| !truthy(v));
                let cond = match (wants_true, wants_false) {
                    (true, true) => "1".to_string(),
                    (true, false) => is(true),
                    (false, true) => is(false),
                    (false, false) => "0".to_string(),
                };
                if op == "in" {
                    cond
                } else {
                    format!("(NOT {cond})")
                }
            }
            _ => return Err(PyError::value(format!("Invalid leaf {shown}"))),
        })
    }
}

/// The leaves under a tree of ORs; false if anything else is in it.
fn or_leaves<'n>(node: &'n Node, out: &mut Vec<&'n Value>) -> bool {
    match node {
        Node::Or(items) => items.iter().all(|n| or_leaves(n, out)),
        Node::Leaf(v) => {
            out.push(v);
            true
        }
        _ => false,
    }
}

/// `(a AND b AND …)`, grouped so SQLite's expression tree stays shallow
/// (it refuses depths over 1000) however many terms there are.
fn balanced(parts: &[String], op: &str) -> String {
    const GROUP: usize = 32;
    if parts.len() <= GROUP {
        return format!("({})", parts.join(&format!(" {op} ")));
    }
    let groups: Vec<String> = parts
        .chunks(parts.len().div_ceil(GROUP))
        .map(|c| balanced(c, op))
        .collect();
    format!("({})", groups.join(&format!(" {op} ")))
}

fn unpack_error(n: usize) -> PyError {
    if n < 3 {
        PyError::value(format!("not enough values to unpack (expected 3, got {n})"))
    } else {
        PyError::value("too many values to unpack (expected 3)")
    }
}

fn list_or_one(v: &Value) -> Vec<Value> {
    match v {
        Value::Array(a) => a.clone(),
        v => vec![v.clone()],
    }
}

/// A relational field compared with text (or a list of texts).
fn is_text_criterion(v: &Value) -> bool {
    match v {
        Value::String(_) => true,
        Value::Array(a) => !a.is_empty() && a.iter().all(Value::is_string),
        _ => false,
    }
}

/// The text column a folded one (or a `lower(…)` of it) was made from.
fn unfolded(folded: &str) -> &str {
    match folded {
        "complete_fold" => "complete_name",
        "registry_fold" => "company_registry",
        f => f
            .strip_suffix("_fold")
            .or_else(|| f.strip_prefix("lower(").and_then(|f| f.strip_suffix(')')))
            .unwrap_or(f),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::PARTNER;
    use serde_json::json;

    fn sql(domain: Value, version: u8) -> Result<(String, Vec<Sql>), PyError> {
        let mut t = Translator::new(version, true);
        let w = t.search_condition(&PARTNER, &domain)?;
        Ok((w, t.params))
    }

    #[test]
    fn implicit_and_and_not_distribution() {
        let tree = parse(
            &json!([
                "!",
                "|",
                ["name", "=", "a"],
                ["email", "ilike", "b"],
                ["is_company", "=", true]
            ]),
            16,
        )
        .unwrap();
        let expected = Node::And(vec![
            Node::Leaf(json!(["name", "!=", "a"])),
            Node::Leaf(json!(["email", "not ilike", "b"])),
            Node::Leaf(json!(["is_company", "=", true])),
        ]);
        assert_eq!(tree, expected);
    }

    #[test]
    fn operators_without_a_negation_keep_a_not() {
        let tree = parse(&json!(["!", ["id", "child_of", 1]]), 16).unwrap();
        assert_eq!(
            tree,
            Node::Not(Box::new(Node::Leaf(json!(["id", "child_of", 1]))))
        );
    }

    #[test]
    fn values_are_bound_never_spliced() {
        let (w, p) = sql(json!([["name", "ilike", "x' OR 1=1 --"]]), 18).unwrap();
        assert!(!w.contains("OR 1=1"), "{w}");
        // Folded for the quick test, as typed for the one with accents.
        assert_eq!(
            p,
            vec![
                Sql::Text("%x' or 1=1 --%".into()),
                Sql::Text("%x' OR 1=1 --%".into())
            ]
        );
    }

    #[test]
    fn odoo_messages_for_bad_domains() {
        let msg = |d: Value, v: u8| sql(d, v).unwrap_err().message;
        assert_eq!(
            msg(json!([["name", "ilike"]]), 16),
            "Invalid leaf ('name', 'ilike')"
        );
        assert_eq!(
            msg(json!([["name", "ilike"]]), 18),
            "not enough values to unpack (expected 3, got 2)"
        );
        assert_eq!(
            msg(json!([["name", "LIKEISH", "x"]]), 18),
            "Invalid leaf ('name', 'LIKEISH', 'x')"
        );
        assert_eq!(
            msg(json!([["no_such_field", "=", 1]]), 16),
            "Invalid field res.partner.no_such_field in leaf ('no_such_field', '=', 1)"
        );
        assert_eq!(
            msg(json!(["&", ["name", "=", "x"]]), 16),
            "Domain ['&', ['name', '=', 'x']] is syntactically not correct."
        );
        assert_eq!(
            sql(json!("name = x"), 16).unwrap_err().name,
            "builtins.AssertionError"
        );
        assert_eq!(
            msg(json!([["name", "any", []]]), 16),
            "Invalid leaf ('name', 'any', [])"
        );
    }

    #[test]
    fn the_apps_search_is_one_like_on_the_joined_column() {
        let d = json!([
            "|",
            "|",
            "|",
            "|",
            ["complete_name", "ilike", "Dupont"],
            ["ref", "ilike", "Dupont"],
            ["email", "ilike", "Dupont"],
            ["vat", "ilike", "Dupont"],
            ["company_registry", "ilike", "Dupont"]
        ]);
        let (w, p) = sql(d, 18).unwrap();
        // One LIKE on the joined column first; the accents test after it
        // reads only the rows that passed, and for an ASCII term only the
        // texts that are not ASCII.
        assert!(
            w.starts_with(
                "((search_fold LIKE ? ESCAPE '\\' AND (plain = 1 OR ilike_text(complete_name) LIKE"
            ),
            "{w}"
        );
        assert_eq!(w.matches(" LIKE ").count(), 6, "{w}");
        assert_eq!(p[0], Sql::Text("%dupont%".into()));
        assert!(p[1..].iter().all(|v| *v == Sql::Text("%Dupont%".into())));
        // On 16, which has no complete_name, the general form refuses it.
        assert!(sql(json!([["complete_name", "ilike", "x"]]), 16).is_err());
        // Wildcards, other fields or operators: the general form.
        for d in [
            json!([
                "|",
                ["complete_name", "ilike", "a%b"],
                ["email", "ilike", "a%b"]
            ]),
            json!(["|", ["name", "ilike", "x"], ["email", "ilike", "x"]]),
            json!([
                "|",
                ["complete_name", "ilike", "x"],
                ["email", "ilike", "y"]
            ]),
            json!(["|", ["complete_name", "like", "x"], ["email", "ilike", "x"]]),
        ] {
            assert!(
                !sql(d.clone(), 18).unwrap().0.contains("search_fold"),
                "{d}"
            );
        }
    }

    #[test]
    fn active_filter_unless_the_domain_names_it() {
        assert!(sql(json!([]), 16).unwrap().0.contains("active = 1"));
        assert!(!sql(json!([["active", "=", false]]), 16)
            .unwrap()
            .0
            .contains("active = 1"));
    }

    #[test]
    fn like_patterns_become_globs() {
        assert_eq!(like_to_glob("%a_b%"), "*a?b*");
        assert_eq!(like_to_glob("50\\%*[x]?"), "50%[*][[]x][?]");
    }
}
