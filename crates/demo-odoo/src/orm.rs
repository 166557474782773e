//! Search, count and read over the model tables, shaped as Odoo's ORM
//! returns them: `false` for empty values, `[id, "name"]` many-to-ones in
//! `read`, `{id, …}` objects under a web_read specification, lists of ids
//! for to-many fields, `id` first in every record.

use crate::avatar;
use crate::domain::Translator;
use crate::json::Json;
use crate::model::{model, Field, Kind, Model};
use crate::wire::{py_repr, PyError};
use base64::Engine;
use rusqlite::types::Value as Sql;
use rusqlite::{params_from_iter, Connection};
use serde_json::Value;
use std::collections::HashMap;

/// A search as `search`, `search_read` and `web_search_read` run it.
pub struct Search<'a> {
    pub model: &'static Model,
    pub domain: &'a Value,
    pub offset: u64,
    pub limit: Option<u64>,
    pub order: Option<&'a str>,
    pub active_test: bool,
    pub version: u8,
    /// A record rule: only this record is visible (a portal user's own
    /// contact).
    pub only: Option<i64>,
}

fn condition(s: &Search<'_>) -> Result<(String, Vec<Sql>), PyError> {
    let mut t = Translator::new(s.version, s.active_test);
    let mut cond = t.search_condition(s.model, s.domain)?;
    if let Some(id) = s.only {
        t.params.push(Sql::Integer(id));
        cond = format!("({cond}) AND id = ?");
    }
    Ok((cond, t.params))
}

pub fn search(conn: &Connection, s: &Search<'_>) -> Result<Vec<i64>, PyError> {
    let (cond, mut params) = condition(s)?;
    let order = order_by(s.model, s.order, s.version)?;
    params.push(Sql::Integer(
        s.limit.map_or(-1, |l| i64::try_from(l).unwrap_or(i64::MAX)),
    ));
    params.push(Sql::Integer(i64::try_from(s.offset).unwrap_or(i64::MAX)));
    let table = s.model.table;
    let sql = format!("SELECT id FROM {table} WHERE {cond} ORDER BY {order} LIMIT ? OFFSET ?");
    let mut stmt = conn.prepare_cached(&sql)?;
    let ids = stmt
        .query_map(params_from_iter(params), |r| r.get(0))?
        .collect::<Result<Vec<i64>, _>>()?;
    Ok(ids)
}

/// The number of matches, stopping at `limit` when given.
pub fn count(conn: &Connection, s: &Search<'_>, limit: Option<u64>) -> Result<u64, PyError> {
    let (cond, mut params) = condition(s)?;
    let table = s.model.table;
    let sql = match limit {
        Some(l) => {
            params.push(Sql::Integer(i64::try_from(l).unwrap_or(i64::MAX)));
            format!("SELECT count(*) FROM (SELECT 1 FROM {table} WHERE {cond} LIMIT ?)")
        }
        None => format!("SELECT count(*) FROM {table} WHERE {cond}"),
    };
    let n: i64 = conn
        .prepare_cached(&sql)?
        .query_row(params_from_iter(params), |r| r.get(0))?;
    Ok(u64::try_from(n).unwrap_or(0))
}

/// `order` as Odoo checks it (`field [asc|desc] [nulls first|last]`, comma
/// separated), translated over this table's columns.
pub fn order_by(m: &Model, order: Option<&str>, version: u8) -> Result<String, PyError> {
    let Some(spec) = order
        .filter(|o| !o.trim().is_empty())
        .or_else(|| m.odoo_order(version))
    else {
        return Ok(m.default_order.to_string());
    };
    let invalid = || {
        PyError::user(format!(
            "Invalid \"order\" specified ({spec}). A valid \"order\" specification is a comma-separated list of valid field names (optionally followed by asc/desc for the direction)"
        ))
    };
    let mut terms = Vec::new();
    for part in spec.split(',') {
        let words: Vec<String> = part
            .split_whitespace()
            .map(str::to_ascii_lowercase)
            .collect();
        let (name, rest) = words.split_first().ok_or_else(invalid)?;
        let name = name.trim_matches('"');
        if name.is_empty()
            || !name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == ':')
        {
            return Err(invalid());
        }
        let (desc, nulls) = match rest
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>()
            .as_slice()
        {
            [] | ["asc"] => (false, None),
            ["desc"] => (true, None),
            [dir, "nulls", which]
                if crate::release(version).order_nulls
                    && matches!(*dir, "asc" | "desc")
                    && matches!(*which, "first" | "last") =>
            {
                (*dir == "desc", Some(*which == "first"))
            }
            _ => return Err(invalid()),
        };
        // 19's wording of this one was not captured: 18's is kept.
        let field = m.field(name, version).ok_or_else(|| {
            PyError::value(format!("Invalid field '{name}' on model '{}'", m.name))
        })?;
        // Odoo skips what it cannot sort on (not stored).
        let Some((expr, nullable)) = order_expr(m, field).filter(|_| m.sortable(field, version))
        else {
            continue;
        };
        let dir = if desc { "DESC" } else { "ASC" };
        // PostgreSQL puts NULLs last going up, first going down.
        let nulls = match (nullable, nulls) {
            (_, Some(true)) => " NULLS FIRST",
            (_, Some(false)) => " NULLS LAST",
            (true, None) if desc => " NULLS FIRST",
            (true, None) => " NULLS LAST",
            (false, None) => "",
        };
        terms.push(format!("{expr} {dir}{nulls}"));
    }
    if terms.is_empty() {
        return Ok(m.default_order.to_string());
    }
    Ok(terms.join(", "))
}

fn order_expr(m: &Model, field: &Field) -> Option<(String, bool)> {
    let t = m.table;
    Some(match field.kind {
        Kind::Id => ("id".into(), false),
        Kind::Char { fold: Some(f), .. } => (f.into(), false),
        Kind::Char { col, fold: None } | Kind::Html { col } => {
            (format!("{col} COLLATE NOCASE"), true)
        }
        Kind::Datetime { col } | Kind::Selection { col, .. } | Kind::Integer { col } => {
            (col.into(), true)
        }
        Kind::Boolean { col } => (col.into(), false),
        // A many-to-one sorts by the related record's name.
        Kind::Many2one { col, comodel } => {
            let co = model(comodel);
            (
                format!(
                    "(SELECT c.{} FROM {} c WHERE c.id = {t}.{col})",
                    co.display_fold, co.table
                ),
                true,
            )
        }
        Kind::CompanyType
        | Kind::Many2many { .. }
        | Kind::One2many { .. }
        | Kind::Image
        | Kind::Avatar => return None,
    })
}

/// How a field is wanted back.
#[derive(Clone, Debug, PartialEq)]
pub enum Want {
    /// `read()`'s default: many-to-one as `[id, "name"]`.
    Classic,
    /// `read(load=None)`, or a specification entry without sub-fields:
    /// many-to-one as its bare id.
    Bare,
    /// A specification with sub-fields: related records as objects.
    Fields(Vec<(String, Want)>),
}

/// Every field, for `read()` without a list.
pub fn all_fields(m: &Model, version: u8) -> Vec<(String, Want)> {
    m.visible_fields(version)
        .filter(|f| f.name != "id")
        .map(|f| (f.name.to_string(), Want::Classic))
        .collect()
}

struct Row {
    id: i64,
    values: Vec<Option<Sql>>,
}

/// Reads `ids` (in that order, missing ones left out) with the wanted
/// fields; `id` always comes first.
pub fn read(
    conn: &Connection,
    m: &Model,
    ids: &[i64],
    wants: &[(String, Want)],
    version: u8,
    active_test: bool,
) -> Result<Vec<Json>, PyError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let fields: Vec<(&'static Field, &Want)> = wants
        .iter()
        .filter(|(n, _)| n != "id")
        .map(|(n, w)| {
            m.field(n, version)
                .map(|f| (f, w))
                .ok_or_else(|| m.invalid_field(&format!("'{n}'"), version))
        })
        .collect::<Result<_, _>>()?;
    let (cols, col_of) = columns(&fields);
    let mut fetched = Fetched {
        rows: fetch_rows(conn, m.table, &cols, ids)?,
        col_of,
        related: HashMap::new(),
        names: HashMap::new(),
    };
    fetched.add_relations(conn, ids, &fields, version, active_test)?;
    Ok(ids
        .iter()
        .filter_map(|id| fetched.rows.get(id))
        .map(|row| {
            let mut rec = vec![("id".to_string(), Json::Int(row.id))];
            for (f, want) in &fields {
                rec.push((f.name.to_string(), fetched.value(row, f, want)));
            }
            Json::Obj(rec)
        })
        .collect())
}

/// The columns to select (`id` first, one per stored field, and what an
/// avatar is drawn from) and where each field's value sits among them.
fn columns(fields: &[(&'static Field, &Want)]) -> (Vec<String>, HashMap<&'static str, usize>) {
    let mut cols: Vec<String> = vec!["id".into()];
    let mut col_of: HashMap<&'static str, usize> = HashMap::new();
    let mut add = |key: &'static str, col: &str| {
        col_of.insert(key, cols.len());
        cols.push(col.into());
    };
    for (f, _) in fields {
        let col = match f.kind {
            Kind::Char { col, .. }
            | Kind::Html { col }
            | Kind::Datetime { col }
            | Kind::Boolean { col }
            | Kind::Integer { col }
            | Kind::Selection { col, .. }
            | Kind::Many2one { col, .. } => col,
            Kind::CompanyType => "is_company",
            Kind::Image | Kind::Avatar => "image",
            _ => continue,
        };
        add(f.name, col);
    }
    if fields.iter().any(|(f, _)| f.kind == Kind::Avatar) {
        add("__name", "name");
        add("__create_date", "create_date");
    }
    (cols, col_of)
}

/// What a read fetched: the rows, then per relational field the related
/// ids (to-many) and how each related record appears.
struct Fetched {
    rows: HashMap<i64, Row>,
    col_of: HashMap<&'static str, usize>,
    related: HashMap<&'static str, HashMap<i64, Vec<i64>>>,
    names: HashMap<&'static str, HashMap<i64, Json>>,
}

impl Fetched {
    /// Related values, a query per relational field.
    fn add_relations(
        &mut self,
        conn: &Connection,
        ids: &[i64],
        fields: &[(&'static Field, &Want)],
        version: u8,
        active_test: bool,
    ) -> Result<(), PyError> {
        for (f, want) in fields {
            if let Kind::Many2one { comodel, .. } = f.kind {
                let idx = self.col_of[f.name];
                let targets: Vec<i64> = self
                    .rows
                    .values()
                    .filter_map(|r| match r.values[idx] {
                        Some(Sql::Integer(i)) => Some(i),
                        _ => None,
                    })
                    .collect();
                let map =
                    related_values(conn, model(comodel), &targets, want, version, active_test)?;
                self.names.insert(f.name, map);
            } else if let Some((co, sql)) = to_many_sql(f.kind, ids.len(), active_test) {
                let links = links(conn, &sql, ids)?;
                if matches!(want, Want::Fields(_)) {
                    let targets: Vec<i64> = links.values().flatten().copied().collect();
                    let map = related_values(conn, co, &targets, want, version, active_test)?;
                    self.names.insert(f.name, map);
                }
                self.related.insert(f.name, links);
            }
        }
        Ok(())
    }

    fn cell<'a>(&self, row: &'a Row, key: &str) -> Option<&'a Sql> {
        self.col_of.get(key).and_then(|i| row.values[*i].as_ref())
    }

    /// A field's value in a record, as Odoo's ORM shapes it.
    fn value(&self, row: &Row, f: &Field, want: &Want) -> Json {
        let cell = self.cell(row, f.name);
        let base64 = |b: &[u8]| Json::Str(base64::engine::general_purpose::STANDARD.encode(b));
        let related = |target: &i64| self.names.get(f.name).and_then(|m| m.get(target)).cloned();
        match f.kind {
            Kind::Id => Json::Int(row.id),
            // Text written empty stays "" in Odoo; only none is `false`.
            Kind::Char { .. } | Kind::Html { .. } => match cell {
                Some(Sql::Text(s)) => Json::Str(s.clone()),
                _ => Json::Bool(false),
            },
            Kind::Datetime { .. } | Kind::Selection { .. } => match cell {
                Some(Sql::Text(s)) if !s.is_empty() => Json::Str(s.clone()),
                _ => Json::Bool(false),
            },
            Kind::Integer { .. } => match cell {
                Some(Sql::Integer(i)) => Json::Int(*i),
                _ => Json::Int(0),
            },
            Kind::Boolean { .. } => Json::Bool(matches!(cell, Some(Sql::Integer(i)) if *i != 0)),
            Kind::CompanyType => {
                let company = matches!(cell, Some(Sql::Integer(i)) if *i != 0);
                Json::from(if company { "company" } else { "person" })
            }
            Kind::Image => match cell {
                Some(Sql::Blob(b)) if !b.is_empty() => base64(b),
                _ => Json::Bool(false),
            },
            Kind::Avatar => match cell {
                Some(Sql::Blob(b)) if !b.is_empty() => base64(b),
                _ => {
                    let text = |k: &str| match self.cell(row, k) {
                        Some(Sql::Text(s)) => s.clone(),
                        _ => String::new(),
                    };
                    base64(avatar::initials_svg(&text("__name"), &text("__create_date")).as_bytes())
                }
            },
            Kind::Many2one { .. } => match cell {
                Some(Sql::Integer(target)) => related(target).unwrap_or(Json::Bool(false)),
                _ => Json::Bool(false),
            },
            Kind::Many2many { .. } | Kind::One2many { .. } => {
                let targets = self.related.get(f.name).and_then(|l| l.get(&row.id));
                Json::Arr(
                    targets
                        .into_iter()
                        .flatten()
                        .map(|t| match want {
                            Want::Fields(_) => related(t).unwrap_or(Json::Int(*t)),
                            _ => Json::Int(*t),
                        })
                        .collect(),
                )
            }
        }
    }
}

/// A to-many field's comodel, and the SQL that lists `(record, related
/// id)` pairs for `n` records in the comodel's order (archived related
/// records left out under `active_test`).
fn to_many_sql(kind: Kind, n: usize, active_test: bool) -> Option<(&'static Model, String)> {
    let (co, pairs) = match kind {
        Kind::Many2many {
            rel,
            own,
            other,
            comodel,
        } => {
            let co = model(comodel);
            let sql = format!(
                "SELECT r.{own}, r.{other} FROM {rel} r JOIN {} t ON t.id = r.{other} WHERE r.{own}",
                co.table
            );
            (co, sql)
        }
        Kind::One2many { comodel, inverse } => {
            let co = model(comodel);
            let sql = format!(
                "SELECT t.{inverse}, t.id FROM {} t WHERE t.{inverse}",
                co.table
            );
            (co, sql)
        }
        _ => return None,
    };
    let active = if co.active && active_test {
        " AND t.active = 1"
    } else {
        ""
    };
    let sql = format!(
        "{pairs} IN ({}){active} ORDER BY {}",
        marks(n),
        qualified_order(co, "t")
    );
    Some((co, sql))
}

/// How each related record appears: `[id, name]`, its id, or an object.
fn related_values(
    conn: &Connection,
    co: &Model,
    targets: &[i64],
    want: &Want,
    version: u8,
    active_test: bool,
) -> Result<HashMap<i64, Json>, PyError> {
    let mut unique: Vec<i64> = targets.to_vec();
    unique.sort_unstable();
    unique.dedup();
    let mut map = HashMap::new();
    if unique.is_empty() {
        return Ok(map);
    }
    match want {
        Want::Bare => {
            for t in unique {
                map.insert(t, Json::Int(t));
            }
        }
        Want::Classic => {
            let sql = format!(
                "SELECT id, {} FROM {} WHERE id IN ({})",
                co.display,
                co.table,
                marks(unique.len())
            );
            let mut stmt = conn.prepare_cached(&sql)?;
            let rows = stmt.query_map(params_from_iter(unique.iter()), |r| {
                Ok((r.get::<_, i64>(0)?, r.get::<_, Option<String>>(1)?))
            })?;
            for row in rows {
                let (id, name) = row?;
                map.insert(
                    id,
                    Json::Arr(vec![
                        Json::Int(id),
                        name.map_or(Json::Bool(false), Json::Str),
                    ]),
                );
            }
        }
        Want::Fields(sub) => {
            for rec in read(conn, co, &unique, sub, version, active_test)? {
                if let Some(id) = rec.get("id").and_then(Json::as_i64) {
                    map.insert(id, rec);
                }
            }
        }
    }
    Ok(map)
}

fn fetch_rows(
    conn: &Connection,
    table: &str,
    cols: &[String],
    ids: &[i64],
) -> Result<HashMap<i64, Row>, PyError> {
    let sql = format!(
        "SELECT {} FROM {table} WHERE id IN ({})",
        cols.join(", "),
        marks(ids.len())
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let n = cols.len();
    let rows = stmt.query_map(params_from_iter(ids.iter()), |r| {
        let mut values = Vec::with_capacity(n);
        for i in 0..n {
            values.push(Some(r.get::<_, Sql>(i)?).filter(|v| *v != Sql::Null));
        }
        Ok(Row {
            id: r.get(0)?,
            values,
        })
    })?;
    let mut map = HashMap::new();
    for row in rows {
        let row = row?;
        map.insert(row.id, row);
    }
    Ok(map)
}

fn links(conn: &Connection, sql: &str, ids: &[i64]) -> Result<HashMap<i64, Vec<i64>>, PyError> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map(params_from_iter(ids.iter()), |r| {
        Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?))
    })?;
    let mut map: HashMap<i64, Vec<i64>> = HashMap::new();
    for row in rows {
        let (owner, target) = row?;
        map.entry(owner).or_default().push(target);
    }
    Ok(map)
}

fn marks(n: usize) -> String {
    vec!["?"; n].join(", ")
}

/// A model's default order with its columns qualified by `alias`.
fn qualified_order(m: &Model, alias: &str) -> String {
    m.default_order
        .split(", ")
        .map(|term| format!("{alias}.{term}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `read`'s MissingError for ids that are not there.
pub fn missing_error(m: &Model, missing: &[i64], uid: i64) -> PyError {
    let ids: Vec<String> = missing.iter().take(6).map(i64::to_string).collect();
    let tuple = if ids.len() == 1 {
        format!("({},)", ids[0])
    } else {
        format!("({})", ids.join(", "))
    };
    PyError::new(
        "odoo.exceptions.MissingError",
        format!(
            "Record does not exist or has been deleted.\n(Record: {}{tuple}, User: {uid})",
            m.name
        ),
    )
}

/// `name_search`: display name (and, for contacts, email, reference and
/// tax id) against `name`, best matches on the name first.
pub fn name_search(
    conn: &Connection,
    s: &Search<'_>,
    name: &str,
    operator: &str,
) -> Result<Json, PyError> {
    let (mut cond, mut params) = condition(s)?;
    let m = s.model;
    let mut order = m.default_order.to_string();
    if !name.is_empty() || !matches!(operator, "ilike" | "like") {
        let mut t = Translator::new(s.version, s.active_test);
        let value = Value::String(name.to_string());
        let matched = match operator {
            "ilike" | "=ilike" | "like" | "=like" | "=" | "in" => {
                t.display_match(m, operator, &value)?
            }
            "!=" | "not ilike" | "not like" => {
                let positive = operator.trim_start_matches("not ").trim_start_matches('!');
                let positive = if positive == "=" { "=" } else { positive };
                format!("(NOT {})", t.display_match(m, positive, &value)?)
            }
            other => {
                return Err(PyError::value(format!(
                    "Invalid leaf ('display_name', {}, {})",
                    py_repr(&Value::String(other.into())),
                    py_repr(&value)
                )))
            }
        };
        cond = format!("({cond}) AND {matched}");
        params.extend(t.params);
        if operator.contains("like") {
            // Contacts whose name itself matches come before those found
            // through their email or reference, as Odoo orders them.
            let pattern = if operator.starts_with('=') {
                crate::fold::fold(name)
            } else {
                format!("%{}%", crate::fold::fold(name))
            };
            params.push(Sql::Text(pattern));
            order = format!("({} LIKE ? ESCAPE '\\') DESC, {order}", m.display_fold);
        }
    }
    params.push(Sql::Integer(
        s.limit.map_or(-1, |l| i64::try_from(l).unwrap_or(i64::MAX)),
    ));
    let sql = format!(
        "SELECT id, {} FROM {} WHERE {cond} ORDER BY {order} LIMIT ?",
        m.display, m.table
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params_from_iter(params), |r| {
        Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (id, display) = row?;
        out.push(Json::Arr(vec![Json::Int(id), Json::Str(display)]));
    }
    Ok(Json::Arr(out))
}

/// `fields_get(allfields, attributes)`: descriptions in the model's field
/// order, each with its attributes sorted by name as Odoo lists them.
pub fn fields_get(
    m: &Model,
    only: Option<&[String]>,
    attributes: Option<&[String]>,
    version: u8,
) -> Json {
    let mut out = Vec::new();
    for field in m.visible_fields(version) {
        if let Some(only) = only {
            if !only.iter().any(|o| o == field.name) {
                continue;
            }
        }
        let mut attrs: Vec<(&str, Json)> = describe(field);
        if let Some(wanted) = attributes {
            attrs.retain(|(k, _)| wanted.iter().any(|w| w == k));
        }
        attrs.sort_by(|a, b| a.0.cmp(b.0));
        out.push((
            field.name.to_string(),
            Json::Obj(attrs.into_iter().map(|(k, v)| (k.to_string(), v)).collect()),
        ));
    }
    Json::Obj(out)
}

fn describe(field: &Field) -> Vec<(&'static str, Json)> {
    let stored =
        !matches!(field.kind, Kind::CompanyType | Kind::Avatar) && field.name != "display_name";
    let mut attrs: Vec<(&'static str, Json)> = vec![
        ("change_default", Json::Bool(false)),
        ("company_dependent", Json::Bool(false)),
        ("depends", Json::Arr(vec![])),
        ("exportable", Json::Bool(true)),
        (
            "groupable",
            Json::Bool(stored && !matches!(field.kind, Kind::Image | Kind::One2many { .. })),
        ),
        ("manual", Json::Bool(false)),
        ("name", Json::from(field.name)),
        ("readonly", Json::Bool(field.readonly)),
        ("required", Json::Bool(field.required)),
        ("searchable", Json::Bool(field.kind != Kind::Avatar)),
        (
            "sortable",
            Json::Bool(
                stored
                    && !matches!(
                        field.kind,
                        Kind::Many2many { .. } | Kind::One2many { .. } | Kind::Image
                    ),
            ),
        ),
        ("store", Json::Bool(stored)),
        ("string", Json::from(field.string)),
        ("type", Json::from(field.kind.type_name())),
    ];
    match field.kind {
        Kind::Char { .. } => {
            attrs.push(("translate", Json::Bool(false)));
            attrs.push(("trim", Json::Bool(true)));
        }
        Kind::Selection { options, .. } => attrs.push((
            "selection",
            Json::Arr(
                options
                    .iter()
                    .map(|(k, v)| Json::Arr(vec![Json::from(*k), Json::from(*v)]))
                    .collect(),
            ),
        )),
        Kind::CompanyType => attrs.push((
            "selection",
            Json::Arr(vec![
                Json::Arr(vec![Json::from("person"), Json::from("Individual")]),
                Json::Arr(vec![Json::from("company"), Json::from("Company")]),
            ]),
        )),
        _ => {}
    }
    if let Some(co) = field.kind.comodel() {
        attrs.push(("relation", Json::from(model(co).name)));
        attrs.push(("context", Json::Obj(vec![])));
        attrs.push(("domain", Json::Arr(vec![])));
        if let Kind::One2many { inverse, .. } = field.kind {
            attrs.push(("relation_field", Json::from(inverse)));
        }
    }
    attrs
}

/// Ids of `model` that exist among `ids` (for MissingError and rules).
pub fn existing(conn: &Connection, m: &Model, ids: &[i64]) -> Result<Vec<i64>, PyError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT id FROM {} WHERE id IN ({})",
        m.table,
        marks(ids.len())
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let found = stmt
        .query_map(params_from_iter(ids.iter()), |r| r.get::<_, i64>(0))?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(found)
}

/// Builds a `Want::Fields` from a web_read specification object.
pub fn specification(m: &Model, spec: &Value, version: u8) -> Result<Vec<(String, Want)>, PyError> {
    let Value::Object(entries) = spec else {
        return Err(PyError::new(
            "builtins.AttributeError",
            format!(
                "'{}' object has no attribute 'items'",
                crate::wire::py_type(spec)
            ),
        ));
    };
    let mut out = Vec::new();
    for (name, sub) in entries {
        let field = m
            .field(name, version)
            .ok_or_else(|| m.invalid_field(&format!("'{name}'"), version))?;
        let want = match (field.kind.comodel(), sub.get("fields")) {
            (Some(co), Some(fields)) => Want::Fields(specification(model(co), fields, version)?),
            _ => Want::Bare,
        };
        out.push((name.clone(), want));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::PARTNER;

    #[test]
    fn orders_are_checked_like_odoo() {
        assert_eq!(
            order_by(&PARTNER, None, 18).unwrap(),
            "complete_fold ASC, id DESC"
        );
        assert_eq!(
            order_by(&PARTNER, Some("name asc, id desc"), 18).unwrap(),
            "name_fold ASC, id DESC"
        );
        assert_eq!(
            order_by(&PARTNER, Some("city desc"), 18).unwrap(),
            "city COLLATE NOCASE DESC NULLS FIRST"
        );
        let e = order_by(&PARTNER, Some("name; DROP TABLE partner"), 18).unwrap_err();
        assert_eq!(e.name, "odoo.exceptions.UserError");
        let e = order_by(&PARTNER, Some("nope"), 18).unwrap_err();
        assert_eq!(e.message, "Invalid field 'nope' on model 'res.partner'");
        assert!(
            order_by(&PARTNER, Some("name,"), 18).is_err(),
            "a trailing comma is refused"
        );
    }

    #[test]
    fn missing_records_are_named_like_python_tuples() {
        assert!(missing_error(&PARTNER, &[9], 2)
            .message
            .ends_with("(Record: res.partner(9,), User: 2)"));
        assert!(missing_error(&PARTNER, &[8, 9], 2)
            .message
            .ends_with("(Record: res.partner(8, 9), User: 2)"));
    }

    #[test]
    fn fields_get_sorts_attributes() {
        let only = vec!["name".to_string(), "country_id".to_string()];
        let attrs = vec![
            "type".to_string(),
            "string".to_string(),
            "relation".to_string(),
        ];
        let j = fields_get(&PARTNER, Some(&only), Some(&attrs), 18);
        assert_eq!(
            j.to_text(),
            r#"{"name": {"string": "Name", "type": "char"}, "country_id": {"relation": "res.country", "string": "Country", "type": "many2one"}}"#
        );
    }
}
