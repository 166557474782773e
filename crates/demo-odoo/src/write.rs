//! Changes to the model tables as Odoo's ORM makes them (16-19/write/):
//! values converted as its fields convert them, so a wrong type gets
//! Odoo's answer rather than ours (a many-to-one given anything but an id
//! is emptied, an email given a number keeps its text, a flag given "no"
//! is set); its constraints checked in the order the database finds them
//! (a required value, res.partner's name check, foreign keys, parent
//! loops); the stored computed columns kept (complete names, commercial
//! entity, the folded search texts); and a contact's address kept in step
//! with its company's. Callers run each call in one SQLite transaction, so
//! a refused change leaves nothing behind.

use crate::fold::{contact_texts, fold};
use crate::model::{model, Field, Kind, Model, ModelId, PARTNER};
use crate::orm;
use crate::wire::{py_repr, py_text, py_type, PyError};
use rusqlite::types::Value as Sql;
use rusqlite::{params_from_iter, Connection, OptionalExtension};
use serde_json::{Map, Value};

/// Who changes what, and when: one call's changes share the moment, as
/// Odoo's share their transaction's.
pub struct Writer<'a> {
    pub conn: &'a Connection,
    pub version: u8,
    pub uid: i64,
    /// `"YYYY-MM-DD HH:MM:SS"`, UTC.
    pub now: String,
}

/// Whether values make a new record or change existing ones: Odoo words
/// an unknown field differently in each.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Create,
    Write,
}

/// Names Odoo drops from the values it is given: it sets them itself.
const LOG_ACCESS: [&str; 6] = [
    "id",
    "parent_path",
    "create_uid",
    "create_date",
    "write_uid",
    "write_date",
];

/// res.partner's address: what a contact shares with its company.
const ADDRESS: [&str; 6] = ["street", "street2", "zip", "city", "state_id", "country_id"];

/// Many-to-ones whose target cannot be deleted while they point at it
/// (`ondelete='restrict'`, or required).
const RESTRICT: [(ModelId, &str); 4] = [
    (ModelId::Partner, "country_id"),
    (ModelId::Partner, "state_id"),
    (ModelId::State, "country_id"),
    (ModelId::User, "partner_id"),
];

/// One x2many command, as Odoo's `write_batch` reads them.
#[derive(Clone, Debug, PartialEq)]
enum Cmd {
    Link(i64),
    Forget(i64),
    Clear,
    Set(Vec<i64>),
}

/// Values converted for the tables: columns, and to-many commands.
#[derive(Default)]
struct Values {
    cols: Vec<(&'static Field, &'static str, Sql)>,
    links: Vec<(&'static Field, Vec<Cmd>)>,
}

impl Values {
    /// A column's new value, the last given winning (`is_company` and
    /// `company_type` both write `is_company`).
    fn set(&mut self, field: &'static Field, col: &'static str, v: Sql) {
        self.cols.retain(|(_, c, _)| *c != col);
        self.cols.push((field, col, v));
    }

    fn get(&self, col: &str) -> Option<&Sql> {
        self.cols
            .iter()
            .find(|(_, c, _)| *c == col)
            .map(|(_, _, v)| v)
    }

    /// The fields given, as Odoo's `_fields_sync` looks at them.
    fn names(&self) -> Vec<&'static str> {
        let cols = self.cols.iter().map(|(f, _, _)| f.name);
        cols.chain(self.links.iter().map(|(f, _)| f.name)).collect()
    }

    fn columns(&self) -> Vec<(&'static str, Sql)> {
        self.cols.iter().map(|(_, c, v)| (*c, v.clone())).collect()
    }
}

/// Python's truth of a JSON value.
pub fn truthy(v: &Value) -> bool {
    match v {
        Value::Null | Value::Bool(false) => false,
        Value::Number(n) => n.as_f64().is_some_and(|f| f != 0.0),
        Value::String(s) => !s.is_empty(),
        Value::Array(a) => !a.is_empty(),
        Value::Object(o) => !o.is_empty(),
        Value::Bool(true) => true,
    }
}

/// A char or html value: `False` and `None` empty, anything else its
/// `str()` (an email given 12345 is "12345", 16-19/write/06d2).
fn text(v: &Value) -> Sql {
    match v {
        Value::Null | Value::Bool(false) => Sql::Null,
        other => Sql::Text(py_text(other)),
    }
}

/// An integer as `int(value or 0)` takes it.
fn integer(v: &Value) -> Result<Sql, PyError> {
    let n = match v {
        v if !truthy(v) => 0,
        Value::Bool(_) => 1,
        Value::Number(n) => n
            .as_i64()
            .or_else(|| n.as_f64().map(|f| f.trunc() as i64))
            .unwrap_or(0),
        Value::String(s) => s.trim().parse::<i64>().map_err(|_| {
            PyError::value(format!(
                "invalid literal for int() with base 10: {}",
                py_repr(v)
            ))
        })?,
        other => {
            return Err(PyError::type_error(format!(
                "int() argument must be a string, a bytes-like object or a real number, not '{}'",
                py_type(other)
            )))
        }
    };
    Ok(Sql::Integer(n))
}

/// A selection value: one of the keys, or empty when falsy.
fn selection(m: &Model, f: &Field, keys: &[&str], v: &Value) -> Result<Option<String>, PyError> {
    if let Value::String(s) = v {
        if keys.contains(&s.as_str()) {
            return Ok(Some(s.clone()));
        }
    }
    if !truthy(v) {
        return Ok(None);
    }
    Err(PyError::value(format!(
        "Wrong value for {}.{}: {}",
        m.name,
        f.name,
        py_repr(v)
    )))
}

/// A many-to-one: an id, or nothing. A name, a numeric text, the `[id,
/// "name"]` pair `read` gives or the `{id, display_name}` object
/// `web_read` gives all empty the field, without an error
/// (16-19/write/06e…).
fn many2one(v: &Value) -> Sql {
    match v {
        Value::Number(n) => n
            .as_i64()
            .filter(|id| *id != 0)
            .map_or(Sql::Null, Sql::Integer),
        _ => Sql::Null,
    }
}

fn id_list(items: &[Value]) -> Result<Vec<i64>, PyError> {
    items
        .iter()
        .map(|v| {
            v.as_i64().ok_or_else(|| {
                PyError::new(
                    "psycopg2.errors.InvalidTextRepresentation",
                    format!("invalid input syntax for type integer: \"{}\"", py_text(v)),
                )
            })
        })
        .collect()
}

/// A to-many value: commands, a plain list of ids (which replaces the
/// links, 16-19/write/07b4), or `False` (which clears them).
fn commands(m: &Model, f: &Field, v: &Value) -> Result<Vec<Cmd>, PyError> {
    let items = match v {
        Value::Null | Value::Bool(false) => return Ok(vec![Cmd::Clear]),
        Value::Array(a) => a,
        other => {
            return Err(PyError::value(format!(
                "Wrong value for {}.{}: {}",
                m.name,
                f.name,
                py_text(other)
            )))
        }
    };
    if items.first().is_some_and(|c| !c.is_array()) {
        return Ok(vec![Cmd::Set(id_list(items)?)]);
    }
    let index_error = || PyError::new("builtins.IndexError", "list index out of range");
    let mut out = Vec::new();
    // Odoo skips what is not a command, and commands it does not know.
    for c in items
        .iter()
        .filter_map(Value::as_array)
        .filter(|c| !c.is_empty())
    {
        let arg = |i: usize| c.get(i).ok_or_else(index_error);
        let id = |i: usize| arg(i).and_then(|v| Ok(id_list(std::slice::from_ref(v))?[0]));
        match c[0].as_i64() {
            Some(3) => out.push(Cmd::Forget(id(1)?)),
            Some(4) => out.push(Cmd::Link(id(1)?)),
            Some(5) => out.push(Cmd::Clear),
            Some(6) => {
                let ids = arg(2)?;
                out.push(Cmd::Set(id_list(ids.as_array().map_or(&[][..], Vec::as_slice))?));
            }
            Some(n @ 0..=2) => {
                return Err(PyError::user(format!(
                    "demo-odoo does not create, change or delete related records through {}.{} (command {n})",
                    m.name, f.name
                )))
            }
            _ => {}
        }
    }
    Ok(out)
}

/// The table name Odoo gives a model.
fn odoo_table(m: &Model) -> String {
    m.name.replace('.', "_")
}

/// The ValidationError a foreign key violation becomes: a row of `m`
/// points with `field` at nothing. Odoo words it for a deletion either
/// way (16-19/write/06g, 06g2).
pub fn fkey_error(version: u8, m: &Model, field: &Field) -> PyError {
    let text = if crate::release(version).fkey_names_field {
        format!(
            "The operation cannot be completed: Another model is using the record you are trying to delete.\n\nThe troublemaker is: '{}' ({})\nThanks to the following constraint: '{}' ({})\nHow about archiving the record instead?",
            m.description, m.name, field.string, field.name
        )
    } else {
        let constraint = match field.kind {
            Kind::Many2many { other, comodel, .. } => {
                let mut tables = [odoo_table(m), odoo_table(model(comodel))];
                tables.sort();
                format!("{}_{}_rel_{other}_fkey", tables[0], tables[1])
            }
            _ => format!("{}_{}_fkey", odoo_table(m), field.name),
        };
        format!(
            "The operation cannot be completed: another model requires the record being deleted. If possible, archive it instead.\n\nModel: {} ({})\nConstraint: {constraint}\n",
            m.description, m.name
        )
    };
    PyError::new("odoo.exceptions.ValidationError", text)
}

/// The ValidationError of a NOT NULL constraint on `f`.
pub fn missing_value(version: u8, m: &Model, f: &Field) -> PyError {
    let (field, label) = (f.name, f.string);
    let text = if crate::release(version).missing_value_wording {
        format!(
            "The operation cannot be completed: Missing required value for the field '{label}' ({field}).\nModel: '{}' ({})\n- create/update: a mandatory field is not set\n- delete: another model requires the record being deleted, you can archive it instead\n",
            m.description, m.name
        )
    } else {
        format!(
            "The operation cannot be completed:\n- Create/update: a mandatory field is not set.\n- Delete: another model requires the record being deleted. If possible, archive it instead.\n\nModel: {} ({})\nField: {label} ({field})\n",
            m.description, m.name
        )
    };
    PyError::new("odoo.exceptions.ValidationError", text)
}

fn marks(ids: &[i64]) -> String {
    vec!["?"; ids.len()].join(", ")
}

/// The columns derived from others, which a new row gets once inserted.
fn derived(m: &Model) -> &'static [&'static str] {
    match m.id {
        ModelId::Partner | ModelId::Category => &["complete_name", "name_fold", "complete_fold"],
        ModelId::Country => &["name_fold"],
        ModelId::State => &["display_name", "name_fold"],
        ModelId::User => &[],
    }
}

/// Whether `m` keeps who changed it and when (only contacts, here).
fn logs_access(m: &Model) -> bool {
    m.fields.iter().any(|f| f.name == "write_date")
}

impl Writer<'_> {
    /// Creates one record of `m` from `vals`; its id.
    pub fn create(&self, m: &'static Model, vals: &Map<String, Value>) -> Result<i64, PyError> {
        let values = self.prepare(m, vals, Mode::Create)?;
        self.check(m, &values, &[])?;
        let id = self.insert(m, &values)?;
        self.link(&[id], &values.links)?;
        self.refresh(m, &[id])?;
        if m.id == ModelId::Partner {
            self.sync_address(id, &values.names(), &[], 0)?;
        }
        Ok(id)
    }

    /// Writes `vals` on the records `ids` of `m` (which exist).
    pub fn write(
        &self,
        m: &'static Model,
        ids: &[i64],
        vals: &Map<String, Value>,
    ) -> Result<(), PyError> {
        let values = self.prepare(m, vals, Mode::Write)?;
        self.check(m, &values, ids)?;
        self.update(m, ids, &values.columns())?;
        self.link(ids, &values.links)?;
        self.refresh(m, ids)?;
        if m.id == ModelId::Partner {
            let address: Vec<(&str, Sql)> = values
                .columns()
                .into_iter()
                .filter(|(c, _)| ADDRESS.contains(c))
                .collect();
            for id in ids {
                self.sync_address(*id, &values.names(), &address, 0)?;
            }
        }
        Ok(())
    }

    /// Converts `vals` as Odoo's fields do; unknown fields are refused,
    /// computed ones (and the log columns) skipped, as Odoo skips them.
    fn prepare(
        &self,
        m: &'static Model,
        vals: &Map<String, Value>,
        mode: Mode,
    ) -> Result<Values, PyError> {
        let mut out = Values::default();
        for (name, v) in vals {
            if LOG_ACCESS.contains(&name.as_str()) {
                continue;
            }
            let field = m
                .field(name, self.version)
                .ok_or_else(|| self.unknown_field(m, name, mode))?;
            if field.readonly {
                continue;
            }
            let (col, value) = match field.kind {
                Kind::Char { col, .. } | Kind::Html { col } => (col, text(v)),
                Kind::Boolean { col } => (col, Sql::Integer(i64::from(truthy(v)))),
                Kind::Integer { col } => (col, integer(v)?),
                Kind::Selection { col, options } => {
                    let keys: Vec<&str> = options.iter().map(|(k, _)| *k).collect();
                    (
                        col,
                        selection(m, field, &keys, v)?.map_or(Sql::Null, Sql::Text),
                    )
                }
                // Its inverse: a company exactly when "company".
                Kind::CompanyType => {
                    let keys = ["person", "company"];
                    let company = selection(m, field, &keys, v)?.as_deref() == Some("company");
                    ("is_company", Sql::Integer(i64::from(company)))
                }
                Kind::Many2one { col, .. } => (col, many2one(v)),
                Kind::Many2many { .. } => {
                    out.links.push((field, commands(m, field, v)?));
                    continue;
                }
                Kind::Id
                | Kind::Datetime { .. }
                | Kind::One2many { .. }
                | Kind::Image
                | Kind::Avatar => {
                    return Err(PyError::user(format!(
                        "demo-odoo does not write {}.{}",
                        m.name, field.name
                    )))
                }
            };
            out.set(field, col, value);
        }
        Ok(out)
    }

    fn unknown_field(&self, m: &Model, name: &str, mode: Mode) -> PyError {
        let r = crate::release(self.version);
        let shown = py_repr(&Value::String(name.to_string()));
        match mode {
            Mode::Write if r.write_unknown_field_key_error => PyError::key(name),
            Mode::Write => m.invalid_field(&shown, self.version),
            Mode::Create => PyError::value(format!(
                "Invalid field {shown} {} '{}'",
                r.create_invalid_field, m.name
            )),
        }
    }

    /// Whether `f` is NOT NULL on this version (a country's code from 17).
    fn required(&self, m: &Model, f: &Field) -> bool {
        f.required
            || (m.id == ModelId::Country
                && f.name == "code"
                && crate::release(self.version).country_code_required)
    }

    /// The constraints, in the order the database finds them: NOT NULL
    /// and CHECK on the row, then foreign keys, then (in Python, after)
    /// parent loops. `ids` empty: a new record.
    fn check(&self, m: &'static Model, values: &Values, ids: &[i64]) -> Result<(), PyError> {
        for f in m
            .visible_fields(self.version)
            .filter(|f| self.required(m, f))
        {
            let given = values.cols.iter().find(|(g, _, _)| g.name == f.name);
            let empty = match given {
                Some((_, _, v)) => *v == Sql::Null,
                None => ids.is_empty(),
            };
            if empty {
                return Err(missing_value(self.version, m, f));
            }
        }
        if m.id == ModelId::Partner {
            self.check_name(values, ids)?;
        }
        for (f, _, v) in &values.cols {
            if let (Kind::Many2one { comodel, .. }, Sql::Integer(target)) = (f.kind, v) {
                if orm::existing(self.conn, model(comodel), &[*target])?.is_empty() {
                    return Err(fkey_error(self.version, m, f));
                }
            }
        }
        for (f, cmds) in &values.links {
            let targets: Vec<i64> = cmds
                .iter()
                .flat_map(|c| match c {
                    Cmd::Link(id) => vec![*id],
                    Cmd::Set(ids) => ids.clone(),
                    Cmd::Forget(_) | Cmd::Clear => vec![],
                })
                .collect();
            let co = f.kind.comodel().map(model).unwrap_or(m);
            let found = orm::existing(self.conn, co, &targets)?;
            if targets.iter().any(|t| !found.contains(t)) {
                return Err(fkey_error(self.version, m, f));
            }
        }
        if let Some(Sql::Integer(parent)) = values.get("parent_id").filter(|_| m.parent) {
            self.check_loop(m, *parent, ids)?;
        }
        Ok(())
    }

    /// res.partner's SQL check: a contact (type "contact") has a name
    /// (16-19/write/06c, 06c2, 06c3); other addresses need none.
    fn check_name(&self, values: &Values, ids: &[i64]) -> Result<(), PyError> {
        let refused = || {
            PyError::new(
                "odoo.exceptions.ValidationError",
                "The operation cannot be completed: Contacts require a name",
            )
        };
        let is_contact = |t: Option<&Sql>| matches!(t, Some(Sql::Text(t)) if t == "contact");
        let given_type = values.get("type");
        if ids.is_empty() {
            let kind = given_type.cloned().unwrap_or(Sql::Text("contact".into()));
            if is_contact(Some(&kind)) && values.get("name").is_none_or(|n| *n == Sql::Null) {
                return Err(refused());
            }
            return Ok(());
        }
        let sql = format!(
            "SELECT name, type FROM partner WHERE id IN ({})",
            marks(ids)
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map(params_from_iter(ids), |r| {
            Ok((r.get::<_, Sql>(0)?, r.get::<_, Sql>(1)?))
        })?;
        for row in rows {
            let (name, kind) = row?;
            let name = values.get("name").unwrap_or(&name);
            if is_contact(Some(given_type.unwrap_or(&kind))) && *name == Sql::Null {
                return Err(refused());
            }
        }
        Ok(())
    }

    /// A record may not become its own ancestor.
    fn check_loop(&self, m: &Model, parent: i64, ids: &[i64]) -> Result<(), PyError> {
        let sql = format!("SELECT parent_id FROM {} WHERE id = ?1", m.table);
        let mut at = Some(parent);
        let mut steps = 0;
        while let Some(id) = at {
            if ids.contains(&id) || steps > 1_000 {
                let text = if m.id == ModelId::Category {
                    "You can not create recursive tags."
                } else {
                    "You cannot create recursive Partner hierarchies."
                };
                return Err(PyError::new("odoo.exceptions.ValidationError", text));
            }
            at = self
                .conn
                .query_row(&sql, [id], |r| r.get::<_, Option<i64>>(0))
                .optional()?
                .flatten();
            steps += 1;
        }
        Ok(())
    }

    fn insert(&self, m: &Model, values: &Values) -> Result<i64, PyError> {
        let mut cols = values.columns();
        for c in derived(m) {
            if !cols.iter().any(|(have, _)| have == c) {
                cols.push((c, Sql::Text(String::new())));
            }
        }
        if logs_access(m) {
            for c in ["create_date", "write_date"] {
                cols.push((c, Sql::Text(self.now.clone())));
            }
            for c in ["create_uid", "write_uid"] {
                cols.push((c, Sql::Integer(self.uid)));
            }
        }
        if m.id == ModelId::Category && !cols.iter().any(|(c, _)| *c == "color") {
            // Odoo draws a tag's colour at random from 1 to 11.
            let next: i64 =
                self.conn
                    .query_row("SELECT coalesce(max(id), 0) + 1 FROM category", [], |r| {
                        r.get(0)
                    })?;
            cols.push(("color", Sql::Integer(1 + next % 11)));
        }
        let names: Vec<&str> = cols.iter().map(|(c, _)| *c).collect();
        let sql = format!(
            "INSERT INTO {} ({}) VALUES ({})",
            m.table,
            names.join(", "),
            vec!["?"; names.len()].join(", ")
        );
        self.conn
            .execute(&sql, params_from_iter(cols.into_iter().map(|(_, v)| v)))?;
        Ok(self.conn.last_insert_rowid())
    }

    /// Sets columns of `ids`, and who changed them when.
    fn update(&self, m: &Model, ids: &[i64], cols: &[(&str, Sql)]) -> Result<(), PyError> {
        let mut cols = cols.to_vec();
        if logs_access(m) {
            cols.push(("write_date", Sql::Text(self.now.clone())));
            cols.push(("write_uid", Sql::Integer(self.uid)));
        }
        if cols.is_empty() || ids.is_empty() {
            return Ok(());
        }
        let set: Vec<String> = cols.iter().map(|(c, _)| format!("{c} = ?")).collect();
        let sql = format!(
            "UPDATE {} SET {} WHERE id IN ({})",
            m.table,
            set.join(", "),
            marks(ids)
        );
        let params = cols
            .into_iter()
            .map(|(_, v)| v)
            .chain(ids.iter().map(|id| Sql::Integer(*id)));
        self.conn.execute(&sql, params_from_iter(params))?;
        Ok(())
    }

    /// Applies to-many commands to each of `ids`.
    fn link(&self, ids: &[i64], links: &[(&'static Field, Vec<Cmd>)]) -> Result<(), PyError> {
        for (f, cmds) in links {
            let Kind::Many2many {
                rel, own, other, ..
            } = f.kind
            else {
                continue;
            };
            let add = format!("INSERT OR IGNORE INTO {rel} ({own}, {other}) VALUES (?1, ?2)");
            let forget = format!("DELETE FROM {rel} WHERE {own} = ?1 AND {other} = ?2");
            let clear = format!("DELETE FROM {rel} WHERE {own} = ?1");
            for id in ids {
                for c in cmds {
                    match c {
                        Cmd::Link(t) => self.conn.execute(&add, [id, t])?,
                        Cmd::Forget(t) => self.conn.execute(&forget, [id, t])?,
                        Cmd::Clear => self.conn.execute(&clear, [id])?,
                        Cmd::Set(ts) => {
                            self.conn.execute(&clear, [id])?;
                            for t in ts {
                                self.conn.execute(&add, [id, t])?;
                            }
                            0
                        }
                    };
                }
            }
        }
        Ok(())
    }

    /// `ids` and every record below them in the `parent_id` tree.
    fn with_descendants(&self, m: &Model, ids: &[i64]) -> Result<Vec<i64>, PyError> {
        let sql = format!(
            "WITH RECURSIVE tree(id) AS (SELECT value FROM json_each(?1) UNION SELECT t.id FROM {} t JOIN tree ON t.parent_id = tree.id) SELECT id FROM tree",
            m.table
        );
        let list = serde_json::to_string(ids).map_err(PyError::internal)?;
        let mut stmt = self.conn.prepare(&sql)?;
        let found = stmt
            .query_map([list], |r| r.get::<_, i64>(0))?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(found)
    }

    /// Recomputes the stored computed columns of `ids` and of what
    /// depends on them (a company's people carry its name).
    fn refresh(&self, m: &Model, ids: &[i64]) -> Result<(), PyError> {
        let list = serde_json::to_string(ids).map_err(PyError::internal)?;
        match m.id {
            ModelId::Partner => {
                for id in self.with_descendants(m, ids)? {
                    self.refresh_partner(id)?;
                }
            }
            ModelId::Category => {
                for id in self.with_descendants(m, ids)? {
                    let complete = self.chain_name(id)?;
                    self.conn.execute(
                        "UPDATE category SET name_fold = fold(name), complete_name = ?2, complete_fold = ?3 WHERE id = ?1",
                        rusqlite::params![id, complete, fold(&complete)],
                    )?;
                }
            }
            ModelId::Country => {
                self.conn.execute(
                    "UPDATE country SET name_fold = fold(name) WHERE id IN (SELECT value FROM json_each(?1))",
                    [list],
                )?;
            }
            ModelId::State => {
                self.conn.execute(
                    "UPDATE country_state SET name_fold = fold(name), display_name = name || ' (' || coalesce((SELECT code FROM country c WHERE c.id = country_id), 'False') || ')' WHERE id IN (SELECT value FROM json_each(?1))",
                    [list],
                )?;
            }
            ModelId::User => {}
        }
        Ok(())
    }

    /// A tag's name with its parents': "Parent / Child".
    fn chain_name(&self, id: i64) -> Result<String, PyError> {
        let mut names = Vec::new();
        let mut at = Some(id);
        while let Some(i) = at.filter(|_| names.len() < 100) {
            let (name, parent): (String, Option<i64>) = self.conn.query_row(
                "SELECT name, parent_id FROM category WHERE id = ?1",
                [i],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?;
            names.push(name);
            at = parent;
        }
        names.reverse();
        Ok(names.join(" / "))
    }
}

/// What a contact's computed columns are made from.
#[derive(Clone)]
struct PartnerRow {
    name: Option<String>,
    is_company: bool,
    parent: Option<i64>,
    kind: Option<String>,
    texts: [Option<String>; 4],
}

impl Writer<'_> {
    fn partner_row(&self, id: i64) -> Result<PartnerRow, PyError> {
        Ok(self.conn.query_row(
            "SELECT name, is_company, parent_id, type, email, ref, vat, company_registry FROM partner WHERE id = ?1",
            [id],
            |r| {
                Ok(PartnerRow {
                    name: r.get(0)?,
                    is_company: r.get(1)?,
                    parent: r.get(2)?,
                    kind: r.get(3)?,
                    texts: [r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?],
                })
            },
        )?)
    }

    /// A contact's commercial entity (the company at the top, or itself),
    /// complete name ("Company, Person") and folded texts, as Odoo's
    /// `_compute_commercial_partner` and `_get_complete_name` make them.
    fn refresh_partner(&self, id: i64) -> Result<(), PyError> {
        let me = self.partner_row(id)?;
        let (mut commercial, mut row) = (id, me.clone());
        for _ in 0..100 {
            match row.parent.filter(|_| !row.is_company) {
                Some(p) => (commercial, row) = (p, self.partner_row(p)?),
                None => break,
            }
        }
        let mut name = me.name.clone().unwrap_or_default();
        if let Some(parent) = me.parent {
            if name.is_empty() {
                name = type_label(me.kind.as_deref())
                    .unwrap_or_default()
                    .to_string();
            }
            if !me.is_company {
                let company = (row.is_company && commercial != id)
                    .then_some(row.name)
                    .flatten()
                    .filter(|n| !n.is_empty());
                // Python formats a missing name as "False".
                let prefix = match company {
                    Some(c) => c,
                    None => self
                        .partner_row(parent)?
                        .name
                        .unwrap_or_else(|| "False".into()),
                };
                name = format!("{prefix}, {name}");
            }
        }
        let complete = name.trim().to_string();
        let [email, reference, vat, registry] = &me.texts;
        let texts = contact_texts(
            &complete,
            [email, reference, vat, registry].map(Option::as_deref),
        );
        let [f0, f1, f2, f3] = &texts.folds;
        self.conn.execute(
            "UPDATE partner SET name_fold = ?2, complete_name = ?3, complete_fold = ?4, commercial_partner_id = ?5,
               email_fold = ?6, ref_fold = ?7, vat_fold = ?8, registry_fold = ?9, search_fold = ?10, plain = ?11
               WHERE id = ?1",
            rusqlite::params![
                id,
                fold(me.name.as_deref().unwrap_or_default()),
                complete,
                fold(&complete),
                commercial,
                f0,
                f1,
                f2,
                f3,
                texts.search,
                texts.plain
            ],
        )?;
        Ok(())
    }

    fn address_of(&self, id: i64) -> Result<Vec<(&'static str, Sql)>, PyError> {
        let sql = format!("SELECT {} FROM partner WHERE id = ?1", ADDRESS.join(", "));
        Ok(self.conn.query_row(&sql, [id], |r| {
            (0..ADDRESS.len())
                .map(|i| Ok((ADDRESS[i], r.get::<_, Sql>(i)?)))
                .collect::<Result<Vec<_>, _>>()
        })?)
    }

    /// res.partner's `_fields_sync` after `names` were written on `id`
    /// (`address`: the address values written): a contact takes its
    /// company's address when given a company (16-19/write/01e); on 19 a
    /// contact's new address is written on its company too (02d); and a
    /// changed address goes down to the company's contacts (02e).
    fn sync_address(
        &self,
        id: i64,
        names: &[&str],
        address: &[(&str, Sql)],
        depth: u8,
    ) -> Result<(), PyError> {
        let me = self.partner_row(id)?;
        let contact = me.kind.as_deref() == Some("contact");
        let given = |f: &str| names.contains(&f);
        if let Some(parent) = me
            .parent
            .filter(|_| contact && (given("parent_id") || given("type")))
        {
            let theirs = self.address_of(parent)?;
            if theirs.iter().any(|(_, v)| !matches!(v, Sql::Null)) {
                self.update(&PARTNER, &[id], &theirs)?;
            }
        }
        let moved = names.iter().any(|n| ADDRESS.contains(n));
        if crate::release(self.version).address_syncs_upstream && depth < 8 {
            if let Some(parent) = me
                .parent
                .filter(|_| contact && (moved || given("parent_id")))
            {
                let mine = self.address_of(id)?;
                if mine != self.address_of(parent)? {
                    self.update(&PARTNER, &[parent], &mine)?;
                    self.sync_address(parent, &ADDRESS, &mine, depth + 1)?;
                }
            }
        }
        if !address.is_empty() {
            let mut stmt = self.conn.prepare(
                "SELECT id FROM partner WHERE parent_id = ?1 AND active = 1 AND type = 'contact'",
            )?;
            let children = stmt
                .query_map([id], |r| r.get::<_, i64>(0))?
                .collect::<Result<Vec<_>, _>>()?;
            self.update(&PARTNER, &children, address)?;
        }
        Ok(())
    }

    /// Deletes `ids` of `m` (which exist): refused while a restricting
    /// many-to-one points at one; a deleted contact's people lose their
    /// company, a deleted tag takes its sub-tags along.
    pub fn unlink(&self, m: &'static Model, ids: &[i64]) -> Result<(), PyError> {
        for (owner, name) in RESTRICT {
            let owner = model(owner);
            let Some(f) = owner.fields.iter().find(|f| f.name == name) else {
                continue;
            };
            let Kind::Many2one { col, comodel } = f.kind else {
                continue;
            };
            if comodel != m.id {
                continue;
            }
            let sql = format!(
                "SELECT 1 FROM {} WHERE {col} IN ({}) LIMIT 1",
                owner.table,
                marks(ids)
            );
            let used = self
                .conn
                .query_row(&sql, params_from_iter(ids), |_| Ok(()))
                .optional()?;
            if used.is_some() {
                return Err(fkey_error(self.version, owner, f));
            }
        }
        let doomed = match m.id {
            ModelId::Category => self.with_descendants(m, ids)?,
            _ => ids.to_vec(),
        };
        let list = serde_json::to_string(&doomed).map_err(PyError::internal)?;
        let inside = "IN (SELECT value FROM json_each(?1))";
        match m.id {
            ModelId::Partner => {
                let orphans = format!("SELECT id FROM partner WHERE parent_id {inside}");
                let mut stmt = self.conn.prepare(&orphans)?;
                let orphans: Vec<i64> = stmt
                    .query_map([&list], |r| r.get(0))?
                    .collect::<Result<_, _>>()?;
                let orphans: Vec<i64> = orphans
                    .into_iter()
                    .filter(|o| !doomed.contains(o))
                    .collect();
                self.conn.execute(
                    &format!("UPDATE partner SET parent_id = NULL WHERE parent_id {inside}"),
                    [&list],
                )?;
                self.conn.execute(
                    &format!("DELETE FROM partner_category WHERE partner_id {inside}"),
                    [&list],
                )?;
                self.conn
                    .execute(&format!("DELETE FROM partner WHERE id {inside}"), [&list])?;
                self.refresh(m, &orphans)?;
            }
            ModelId::Category => {
                self.conn.execute(
                    &format!("DELETE FROM partner_category WHERE category_id {inside}"),
                    [&list],
                )?;
                self.conn
                    .execute(&format!("DELETE FROM category WHERE id {inside}"), [&list])?;
            }
            ModelId::Country | ModelId::State => {
                self.conn.execute(
                    &format!("DELETE FROM {} WHERE id {inside}", m.table),
                    [&list],
                )?;
            }
            ModelId::User => {}
        }
        Ok(())
    }
}

/// The label Odoo shows for an unnamed address of this type.
fn type_label(kind: Option<&str>) -> Option<&'static str> {
    let f = PARTNER.fields.iter().find(|f| f.name == "type")?;
    let Kind::Selection { options, .. } = f.kind else {
        return None;
    };
    let kind = kind.filter(|k| *k != "contact")?;
    options.iter().find(|(k, _)| *k == kind).map(|(_, l)| *l)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{CATEGORY, COUNTRY};
    use serde_json::json;

    #[test]
    fn values_convert_as_odoo_fields_do() {
        assert_eq!(text(&json!(12345)), Sql::Text("12345".into()));
        assert_eq!(text(&json!(false)), Sql::Null);
        assert_eq!(text(&json!(true)), Sql::Text("True".into()));
        assert!(truthy(&json!("no")));
        assert!(!truthy(&json!(0)));
        for wrong in [
            json!("abc"),
            json!("52"),
            json!([52, "X"]),
            json!({"id": 52}),
            json!(52.0),
        ] {
            assert_eq!(many2one(&wrong), Sql::Null, "{wrong}");
        }
        assert_eq!(many2one(&json!(52)), Sql::Integer(52));
        assert_eq!(integer(&json!("7")).unwrap(), Sql::Integer(7));
        assert_eq!(
            integer(&json!("x")).unwrap_err().message,
            "invalid literal for int() with base 10: 'x'"
        );
    }

    #[test]
    fn to_many_values_as_write_batch_reads_them() {
        let f = CATEGORY
            .fields
            .iter()
            .find(|f| f.name == "partner_ids")
            .unwrap();
        assert_eq!(
            commands(&CATEGORY, f, &json!([[4, 10]])).unwrap(),
            vec![Cmd::Link(10)]
        );
        assert_eq!(
            commands(&CATEGORY, f, &json!([10, 11])).unwrap(),
            vec![Cmd::Set(vec![10, 11])]
        );
        assert_eq!(
            commands(&CATEGORY, f, &json!([[6, 0, [10]], [3, 10], [5]])).unwrap(),
            vec![Cmd::Set(vec![10]), Cmd::Forget(10), Cmd::Clear]
        );
        assert_eq!(
            commands(&CATEGORY, f, &json!(false)).unwrap(),
            vec![Cmd::Clear]
        );
        assert_eq!(
            commands(&CATEGORY, f, &json!("x")).unwrap_err().message,
            "Wrong value for res.partner.category.partner_ids: x"
        );
    }

    #[test]
    fn foreign_key_texts_per_version() {
        let f = PARTNER
            .fields
            .iter()
            .find(|f| f.name == "country_id")
            .unwrap();
        assert!(fkey_error(16, &PARTNER, f)
            .message
            .ends_with("Model: Contact (res.partner)\nConstraint: res_partner_country_id_fkey\n"));
        assert!(fkey_error(19, &PARTNER, f)
            .message
            .contains("Thanks to the following constraint: 'Country' (country_id)\n"));
        let tags = PARTNER
            .fields
            .iter()
            .find(|f| f.name == "category_id")
            .unwrap();
        assert!(fkey_error(18, &PARTNER, tags)
            .message
            .contains("Constraint: res_partner_res_partner_category_rel_category_id_fkey\n"));
        let code = COUNTRY.fields.iter().find(|f| f.name == "code").unwrap();
        assert!(missing_value(17, &COUNTRY, code)
            .message
            .ends_with("Field: Country Code (code)\n"));
    }
}
