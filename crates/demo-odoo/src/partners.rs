//! `res.partner`'s methods over SQLite: search, count, read (plain and by
//! specification), name_search, fields_get.

use crate::domain::{self, Kind};
use crate::wire::PyError;
use rusqlite::types::Value as Sql;
use rusqlite::{params_from_iter, Connection};
use serde_json::{json, Map, Value};

pub struct Query<'a> {
    pub domain: &'a Value,
    pub offset: u64,
    pub limit: Option<u64>,
    pub order: Option<&'a str>,
    /// Odoo's `active_test` context key: archived records hidden.
    pub active_test: bool,
    /// A portal user's record rule: only this contact.
    pub restrict_to: Option<i64>,
}

fn mentions_active(domain: &Value) -> bool {
    domain
        .as_array()
        .is_some_and(|items| items.iter().any(|i| i.get(0).and_then(Value::as_str) == Some("active")))
}

fn where_clause(q: &Query<'_>, params: &mut Vec<Sql>) -> Result<String, PyError> {
    let mut w = domain::to_sql(q.domain, params)?;
    if q.active_test && !mentions_active(q.domain) {
        w = format!("({w}) AND active = 1");
    }
    if let Some(id) = q.restrict_to {
        params.push(Sql::Integer(id));
        w = format!("({w}) AND id = ?");
    }
    Ok(w)
}

/// Odoo's `_order` for res.partner is "complete_name ASC, id DESC".
fn order_by(order: Option<&str>) -> Result<String, PyError> {
    let Some(order) = order.filter(|o| !o.trim().is_empty()) else {
        return Ok("complete_fold ASC, id DESC".into());
    };
    let mut parts = Vec::new();
    for part in order.split(',') {
        let mut words = part.split_whitespace();
        let name = words.next().unwrap_or("");
        let dir = match words.next().map(str::to_ascii_lowercase).as_deref() {
            None | Some("asc") => "ASC",
            Some("desc") => "DESC",
            Some(_) => return Err(PyError::value(format!("Invalid order: {order:?}"))),
        };
        let col = match domain::field(name) {
            Some(Kind::Id) => "id".to_string(),
            Some(Kind::Char(c, Some(f))) if c != "email" => f.to_string(),
            Some(Kind::Char(c, _)) | Some(Kind::Bool(c)) | Some(Kind::Many2one(c, _)) => c.to_string(),
            _ => return Err(PyError::value(format!("Invalid order: {order:?}"))),
        };
        parts.push(format!("{col} {dir}"));
    }
    Ok(parts.join(", "))
}

fn err(e: rusqlite::Error) -> PyError {
    PyError::new("psycopg2.errors.InternalError", e.to_string())
}

pub fn search(conn: &Connection, q: &Query<'_>) -> Result<Vec<i64>, PyError> {
    let mut params = Vec::new();
    let w = where_clause(q, &mut params)?;
    let order = order_by(q.order)?;
    params.push(Sql::Integer(q.limit.map(|l| l as i64).unwrap_or(-1)));
    params.push(Sql::Integer(q.offset as i64));
    let sql = format!("SELECT id FROM partner WHERE {w} ORDER BY {order} LIMIT ? OFFSET ?");
    let mut stmt = conn.prepare_cached(&sql).map_err(err)?;
    let ids = stmt
        .query_map(params_from_iter(params), |r| r.get(0))
        .map_err(err)?
        .collect::<Result<Vec<i64>, _>>()
        .map_err(err)?;
    Ok(ids)
}

/// The count, stopping at `cap` when given (Odoo 17+'s count_limit).
pub fn count(conn: &Connection, q: &Query<'_>, cap: Option<u64>) -> Result<u64, PyError> {
    let mut params = Vec::new();
    let w = where_clause(q, &mut params)?;
    let sql = match cap {
        Some(c) => format!("SELECT count(*) FROM (SELECT 1 FROM partner WHERE {w} LIMIT {c})"),
        None => format!("SELECT count(*) FROM partner WHERE {w}"),
    };
    conn.prepare_cached(&sql)
        .map_err(err)?
        .query_row(params_from_iter(params), |r| r.get::<_, i64>(0))
        .map(|n| n as u64)
        .map_err(err)
}

/// Every field name a client may ask for (and what fields_get describes).
pub const FIELDS: [(&str, &str, &str, Option<&str>); 26] = [
    ("id", "ID", "integer", None),
    ("name", "Name", "char", None),
    ("display_name", "Display Name", "char", None),
    ("complete_name", "Complete Name", "char", None),
    ("is_company", "Is a Company", "boolean", None),
    ("parent_id", "Related Company", "many2one", Some("res.partner")),
    ("commercial_partner_id", "Commercial Entity", "many2one", Some("res.partner")),
    ("function", "Job Position", "char", None),
    ("email", "Email", "char", None),
    ("phone", "Phone", "char", None),
    ("mobile", "Mobile", "char", None),
    ("street", "Street", "char", None),
    ("street2", "Street2", "char", None),
    ("zip", "Zip", "char", None),
    ("city", "City", "char", None),
    ("state_id", "State", "many2one", Some("res.country.state")),
    ("country_id", "Country", "many2one", Some("res.country")),
    ("website", "Website Link", "char", None),
    ("vat", "Tax ID", "char", None),
    ("ref", "Reference", "char", None),
    ("company_registry", "Company ID", "char", None),
    ("category_id", "Tags", "many2many", Some("res.partner.category")),
    ("comment", "Notes", "html", None),
    ("child_ids", "Contact", "one2many", Some("res.partner")),
    ("write_date", "Last Updated on", "datetime", None),
    ("active", "Active", "boolean", None),
];

pub fn has_field(name: &str) -> bool {
    FIELDS.iter().any(|f| f.0 == name) || name == "avatar_128" || name == "image_128"
}

pub fn check_fields(fields: &[String]) -> Result<(), PyError> {
    match fields.iter().find(|f| !has_field(f)) {
        Some(bad) => Err(PyError::value(format!("Invalid field '{bad}' on model 'res.partner'"))),
        None => Ok(()),
    }
}

pub fn fields_get(only: &[String]) -> Value {
    let mut out = Map::new();
    for (name, string, ty, relation) in FIELDS {
        if !only.is_empty() && !only.iter().any(|o| o == name) {
            continue;
        }
        let mut f = json!({"string": string, "type": ty, "required": false, "readonly": matches!(name, "id" | "display_name" | "complete_name" | "write_date" | "commercial_partner_id")});
        if let Some(r) = relation {
            f["relation"] = json!(r);
        }
        out.insert(name.into(), f);
    }
    Value::Object(out)
}

/// How a related field is wanted back.
#[derive(Clone, Copy, PartialEq)]
pub enum Rel {
    /// `[id, "name"]` (read, search_read) or a list of ids (x2many).
    Pair,
    /// Specification with sub-fields: `{"id", "display_name"}` records.
    Object,
    /// Specification without sub-fields: the bare id(s).
    Id,
}

struct Row {
    cols: Map<String, Value>,
}

/// Reads `ids` in that order; each field as Odoo would render it.
pub fn read(conn: &Connection, ids: &[i64], fields: &[(String, Rel)]) -> Result<Vec<Value>, PyError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let marks = vec!["?"; ids.len()].join(", ");
    let sql = format!(
        "SELECT p.id, p.name, p.is_company, p.parent_id, parent.complete_name, p.function, p.email, p.phone, p.mobile,
                p.street, p.street2, p.zip, p.city, p.country_id, c.name, p.website, p.vat, p.ref, p.company_registry,
                p.comment, p.write_date, p.active, p.complete_name
         FROM partner p LEFT JOIN partner parent ON parent.id = p.parent_id LEFT JOIN country c ON c.id = p.country_id
         WHERE p.id IN ({marks})"
    );
    let mut stmt = conn.prepare_cached(&sql).map_err(err)?;
    let text = |r: &rusqlite::Row<'_>, i: usize| -> Value {
        r.get::<_, Option<String>>(i)
            .ok()
            .flatten()
            .filter(|s| !s.is_empty())
            .map(Value::String)
            .unwrap_or(Value::Bool(false))
    };
    let rows = stmt
        .query_map(params_from_iter(ids.iter()), |r| {
            let mut m = Map::new();
            let id: i64 = r.get(0)?;
            m.insert("id".into(), json!(id));
            m.insert("name".into(), text(r, 1));
            m.insert("is_company".into(), json!(r.get::<_, bool>(2)?));
            m.insert("parent_id".into(), pair(r.get(3)?, r.get(4)?));
            for (i, f) in [(5, "function"), (6, "email"), (7, "phone"), (8, "mobile"), (9, "street"), (10, "street2"), (11, "zip"), (12, "city")] {
                m.insert(f.into(), text(r, i));
            }
            m.insert("country_id".into(), pair(r.get(13)?, r.get(14)?));
            for (i, f) in [(15, "website"), (16, "vat"), (17, "ref"), (18, "company_registry"), (19, "comment"), (20, "write_date")] {
                m.insert(f.into(), text(r, i));
            }
            m.insert("active".into(), json!(r.get::<_, bool>(21)?));
            let complete = text(r, 22);
            m.insert("display_name".into(), complete.clone());
            m.insert("complete_name".into(), complete);
            m.insert("state_id".into(), Value::Bool(false));
            m.insert("commercial_partner_id".into(), Value::Bool(false));
            Ok(Row { cols: m })
        })
        .map_err(err)?
        .collect::<Result<Vec<_>, _>>()
        .map_err(err)?;
    let wants = |f: &str| fields.iter().any(|(n, _)| n == f);
    let tags = if wants("category_id") { relation(conn, "SELECT partner_id, pc.category_id, cat.name FROM partner_category pc JOIN category cat ON cat.id = pc.category_id WHERE partner_id IN", ids)? } else { Vec::new() };
    let children = if wants("child_ids") { relation(conn, "SELECT parent_id, id, complete_name FROM partner WHERE active = 1 AND parent_id IN", ids)? } else { Vec::new() };
    let mut out = Vec::new();
    for id in ids {
        let Some(row) = rows.iter().find(|r| r.cols.get("id") == Some(&json!(id))) else {
            continue;
        };
        let mut rec = Map::new();
        rec.insert("id".into(), json!(id));
        for (name, rel) in fields {
            let v = match name.as_str() {
                "id" => continue,
                "category_id" => many(&tags, *id, *rel),
                "child_ids" => many(&children, *id, *rel),
                "commercial_partner_id" => {
                    let own = if row.cols["is_company"] == json!(true) || row.cols["parent_id"] == json!(false) {
                        json!([id, row.cols["complete_name"].clone()])
                    } else {
                        row.cols["parent_id"].clone()
                    };
                    shape(own, *rel)
                }
                "avatar_128" | "image_128" => Value::Bool(false),
                n => match domain::field(n) {
                    Some(Kind::Many2one(_, _)) => shape(row.cols.get(n).cloned().unwrap_or(Value::Bool(false)), *rel),
                    _ => row.cols.get(n).cloned().unwrap_or(Value::Bool(false)),
                },
            };
            rec.insert(name.clone(), v);
        }
        out.push(Value::Object(rec));
    }
    Ok(out)
}

fn pair(id: Option<i64>, name: Option<String>) -> Value {
    match id {
        Some(id) => json!([id, name.unwrap_or_default()]),
        None => Value::Bool(false),
    }
}

fn shape(pair: Value, rel: Rel) -> Value {
    let Some(a) = pair.as_array() else { return Value::Bool(false) };
    match rel {
        Rel::Pair => pair.clone(),
        Rel::Object => json!({"id": a[0], "display_name": a.get(1).cloned().unwrap_or(Value::Bool(false))}),
        Rel::Id => a[0].clone(),
    }
}

fn relation(conn: &Connection, sql: &str, ids: &[i64]) -> Result<Vec<(i64, i64, String)>, PyError> {
    let marks = vec!["?"; ids.len()].join(", ");
    let mut stmt = conn.prepare(&format!("{sql} ({marks}) ORDER BY 2")).map_err(err)?;
    let rows = stmt
        .query_map(params_from_iter(ids.iter()), |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .map_err(err)?
        .collect::<Result<Vec<_>, _>>()
        .map_err(err)?;
    Ok(rows)
}

fn many(rows: &[(i64, i64, String)], owner: i64, rel: Rel) -> Value {
    Value::Array(
        rows.iter()
            .filter(|r| r.0 == owner)
            .map(|(_, id, name)| match rel {
                Rel::Object => json!({"id": id, "display_name": name}),
                _ => json!(id),
            })
            .collect(),
    )
}

pub fn name_search(conn: &Connection, name: &str, extra: &Value, limit: u64, restrict_to: Option<i64>) -> Result<Value, PyError> {
    let mut items = vec![json!(["complete_name", "ilike", name])];
    if let Some(a) = extra.as_array() {
        items.extend(a.iter().cloned());
    }
    let domain = Value::Array(items);
    let q = Query {
        domain: &domain,
        offset: 0,
        limit: Some(limit),
        order: None,
        active_test: true,
        restrict_to,
    };
    let ids = search(conn, &q)?;
    let recs = read(conn, &ids, &[("display_name".into(), Rel::Pair)])?;
    Ok(Value::Array(
        recs.into_iter()
            .map(|r| json!([r["id"], r["display_name"]]))
            .collect(),
    ))
}

/// Countries by name, for `res.country` searches.
pub fn countries(conn: &Connection) -> Result<Vec<(i64, String)>, PyError> {
    let mut stmt = conn.prepare_cached("SELECT id, name FROM country ORDER BY name").map_err(err)?;
    let rows = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .map_err(err)?
        .collect::<Result<Vec<_>, _>>()
        .map_err(err)?;
    Ok(rows)
}
