//! Typed calls: each knows its route, its params, whether it may be
//! retried, and how to decode its result.

use crate::domain::Domain;
use crate::envelope::decode_response;
use crate::error::{json_kind, Error};
use crate::record::{false_as_none, string_or_empty};
use crate::session::{ServerVersion, SessionInfo};
use crate::versions::{fields_on, web_fields_of, WebFields};
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;
use std::marker::PhantomData;

/// What a call does to the server, which decides whether it may be retried.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CallKind {
    /// Changes nothing: safe to repeat.
    Read,
    /// Changes data: never repeated behind the user's back.
    Write,
    /// Counts toward Odoo's sign-in lock-out: never repeated either.
    SignIn,
}

pub trait Call {
    type Output;
    /// The route, e.g. `/web/dataset/call_kw/res.partner/search_read`.
    fn path(&self) -> String;
    /// The JSON-RPC `params`; the session and version routes take none.
    fn params(&self) -> Value {
        json!({})
    }
    fn kind(&self) -> CallKind;
    /// False for the routes that work signed out. For the others, a bare
    /// HTTP 404 means "not signed in" (see [`decode_response`]).
    fn needs_session(&self) -> bool {
        true
    }
    /// Turns the envelope's `result` into the output.
    fn decode(&self, result: Value) -> Result<Self::Output, Error>;
}

/// Decodes an HTTP answer to `call`: the envelope, then the result.
pub fn decode_call<C: Call>(
    call: &C,
    status: u16,
    content_type: Option<&str>,
    body: &str,
) -> Result<C::Output, Error> {
    let result = decode_response(status, content_type, body, call.needs_session())?;
    call.decode(result)
}

fn typed<T: DeserializeOwned>(what: &str, v: Value) -> Result<T, Error> {
    serde_json::from_value(v).map_err(|e| Error::Shape {
        detail: format!("{what}: {e}"),
    })
}

// ---------------------------------------------------------------- session

// One value per sign-in: boxing the session info would buy nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq)]
pub enum AuthOutcome {
    SignedIn(SessionInfo),
    /// The password was right, but the account also needs a second factor
    /// (`{"uid": null}`), which only Odoo's own login page can ask for.
    TwoFactorRequired,
}

/// `/web/session/authenticate`. Its answer is the session info.
#[derive(Clone, Debug)]
pub struct Authenticate {
    pub db: String,
    pub login: String,
    pub password: String,
}

impl Call for Authenticate {
    type Output = AuthOutcome;
    fn path(&self) -> String {
        "/web/session/authenticate".into()
    }
    fn params(&self) -> Value {
        json!({"db": self.db, "login": self.login, "password": self.password})
    }
    fn kind(&self) -> CallKind {
        CallKind::SignIn
    }
    fn needs_session(&self) -> bool {
        false
    }
    fn decode(&self, result: Value) -> Result<AuthOutcome, Error> {
        // 17+: `{"uid": None}` when a second factor is due
        // (addons/web/controllers/session.py).
        if result
            .get("uid")
            .is_some_and(|u| u.is_null() || *u == Value::Bool(false))
        {
            return Ok(AuthOutcome::TwoFactorRequired);
        }
        typed("sign-in answer", result).map(AuthOutcome::SignedIn)
    }
}

/// `/web/session/get_session_info`: who the session cookie belongs to.
#[derive(Clone, Copy, Debug, Default)]
pub struct GetSessionInfo;

impl Call for GetSessionInfo {
    type Output = SessionInfo;
    fn path(&self) -> String {
        "/web/session/get_session_info".into()
    }
    fn kind(&self) -> CallKind {
        CallKind::Read
    }
    fn decode(&self, result: Value) -> Result<SessionInfo, Error> {
        // A session without a user is no session for this app.
        if result
            .get("uid")
            .is_some_and(|u| u.is_null() || *u == Value::Bool(false))
        {
            return Err(Error::SessionExpired);
        }
        typed("session info", result)
    }
}

/// `/web/session/destroy` (sign out). Without a live session Odoo answers
/// "session expired" (a 404 on a multi-database server), which for a
/// sign-out means the same: signed out.
#[derive(Clone, Copy, Debug, Default)]
pub struct DestroySession;

impl Call for DestroySession {
    type Output = ();
    fn path(&self) -> String {
        "/web/session/destroy".into()
    }
    fn kind(&self) -> CallKind {
        CallKind::Write
    }
    fn decode(&self, _: Value) -> Result<(), Error> {
        Ok(())
    }
}

/// `/web/database/list`: the databases a sign-in may name (an
/// `AccessDenied` when the server hides the list).
#[derive(Clone, Copy, Debug, Default)]
pub struct DatabaseList;

impl Call for DatabaseList {
    type Output = Vec<String>;
    fn path(&self) -> String {
        "/web/database/list".into()
    }
    fn kind(&self) -> CallKind {
        CallKind::Read
    }
    fn needs_session(&self) -> bool {
        false
    }
    fn decode(&self, result: Value) -> Result<Vec<String>, Error> {
        typed("database list", result)
    }
}

/// `/web/webclient/version_info`: the server's version, signed out too.
#[derive(Clone, Copy, Debug, Default)]
pub struct VersionInfo;

#[derive(Deserialize)]
struct VersionAnswer {
    #[serde(default)]
    server_version: String,
    #[serde(default)]
    server_version_info: Vec<Value>,
}

impl Call for VersionInfo {
    type Output = ServerVersion;
    fn path(&self) -> String {
        "/web/webclient/version_info".into()
    }
    fn kind(&self) -> CallKind {
        CallKind::Read
    }
    fn needs_session(&self) -> bool {
        false
    }
    fn decode(&self, result: Value) -> Result<ServerVersion, Error> {
        let v: VersionAnswer = typed("version info", result)?;
        Ok(ServerVersion::from_parts(
            &v.server_version_info,
            &v.server_version,
        ))
    }
}

// ---------------------------------------------------------------- models

/// Any model method: `call_kw(model, method, args, kwargs)`, untyped.
#[derive(Clone, Debug)]
pub struct CallKw {
    pub model: String,
    pub method: String,
    pub args: Vec<Value>,
    pub kwargs: Map<String, Value>,
    pub kind: CallKind,
}

impl CallKw {
    pub fn new(
        model: &str,
        method: &str,
        args: Vec<Value>,
        kwargs: Map<String, Value>,
        kind: CallKind,
    ) -> Self {
        CallKw {
            model: model.into(),
            method: method.into(),
            args,
            kwargs,
            kind,
        }
    }

    /// The suffix after `call_kw` is for logs and people: Odoo dispatches
    /// on `params.model` and `params.method` (16/05c-call_kw-path-mismatch).
    pub fn route(model: &str, method: &str) -> String {
        format!("/web/dataset/call_kw/{model}/{method}")
    }

    fn body(model: &str, method: &str, args: Vec<Value>, kwargs: Map<String, Value>) -> Value {
        json!({"model": model, "method": method, "args": args, "kwargs": kwargs})
    }
}

impl Call for CallKw {
    type Output = Value;
    fn path(&self) -> String {
        Self::route(&self.model, &self.method)
    }
    fn params(&self) -> Value {
        Self::body(
            &self.model,
            &self.method,
            self.args.clone(),
            self.kwargs.clone(),
        )
    }
    fn kind(&self) -> CallKind {
        self.kind
    }
    fn decode(&self, result: Value) -> Result<Value, Error> {
        Ok(result)
    }
}

/// offset / limit / order / context, shared by the search calls.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SearchOpts {
    pub offset: u64,
    /// `None`: no limit.
    pub limit: Option<u64>,
    /// e.g. `"name asc, id desc"`; `None`: the model's default order.
    pub order: Option<String>,
    pub context: Map<String, Value>,
}

impl SearchOpts {
    fn put(&self, kw: &mut Map<String, Value>) {
        if self.offset > 0 {
            kw.insert("offset".into(), json!(self.offset));
        }
        if let Some(l) = self.limit {
            kw.insert("limit".into(), json!(l));
        }
        if let Some(o) = &self.order {
            kw.insert("order".into(), json!(o));
        }
        put_context(kw, &self.context);
    }
}

fn put_context(kw: &mut Map<String, Value>, context: &Map<String, Value>) {
    if !context.is_empty() {
        kw.insert("context".into(), Value::Object(context.clone()));
    }
}

/// Decodes a list of records, saying which one did not fit.
fn records<R: DeserializeOwned>(what: &str, v: Value) -> Result<Vec<R>, Error> {
    let Value::Array(items) = v else {
        return Err(Error::Shape {
            detail: format!("{what}: expected a list of records, got {}", json_kind(&v)),
        });
    };
    items
        .into_iter()
        .enumerate()
        .map(|(i, r)| {
            serde_json::from_value(r).map_err(|e| Error::Shape {
                detail: format!("{what}: record {i}: {e}"),
            })
        })
        .collect()
}

/// A `call_kw` read answered with a list of records as `R`: what
/// [`SearchRead`] and [`Read`] are, apart from the arguments `Q` sends.
#[derive(Clone, Debug)]
pub struct RecordsRead<R, Q> {
    model: String,
    query: Q,
    _r: PhantomData<fn() -> R>,
}

/// The method a [`RecordsRead`] calls, and its arguments.
pub trait RecordsQuery {
    const METHOD: &'static str;
    /// The positional and keyword arguments.
    fn arguments(&self) -> (Vec<Value>, Map<String, Value>);
}

impl<R, Q> RecordsRead<R, Q> {
    fn on(model: &str, query: Q) -> Self {
        RecordsRead {
            model: model.into(),
            query,
            _r: PhantomData,
        }
    }

    pub fn model(&self) -> &str {
        &self.model
    }
}

impl<R: DeserializeOwned, Q: RecordsQuery> Call for RecordsRead<R, Q> {
    type Output = Vec<R>;
    fn path(&self) -> String {
        CallKw::route(&self.model, Q::METHOD)
    }
    fn params(&self) -> Value {
        let (args, kwargs) = self.query.arguments();
        CallKw::body(&self.model, Q::METHOD, args, kwargs)
    }
    fn kind(&self) -> CallKind {
        CallKind::Read
    }
    fn decode(&self, result: Value) -> Result<Vec<R>, Error> {
        records(Q::METHOD, result)
    }
}

/// `search_read(domain, fields, offset, limit, order)`: records as
/// `R`, many-to-ones as `[id, "name"]`.
pub type SearchRead<R> = RecordsRead<R, SearchReadQuery>;

#[derive(Clone, Debug)]
pub struct SearchReadQuery {
    domain: Domain,
    fields: Vec<String>,
    opts: SearchOpts,
}

impl<R> SearchRead<R> {
    pub fn new(model: &str, domain: Domain, fields: Vec<String>, opts: SearchOpts) -> Self {
        Self::on(
            model,
            SearchReadQuery {
                domain,
                fields,
                opts,
            },
        )
    }
}

impl RecordsQuery for SearchReadQuery {
    const METHOD: &'static str = "search_read";
    fn arguments(&self) -> (Vec<Value>, Map<String, Value>) {
        let mut kw = Map::new();
        kw.insert("domain".into(), self.domain.to_json());
        kw.insert("fields".into(), json!(self.fields));
        self.opts.put(&mut kw);
        (vec![], kw)
    }
}

/// One page of records and the total they are part of.
#[derive(Clone, Debug, PartialEq)]
pub struct Page<R> {
    /// The total. Odoo 17+ counts only up to `count_limit`, and only when
    /// the page is full; otherwise it is offset + records returned.
    pub length: u64,
    pub records: Vec<R>,
}

/// How `web_search_read` names the fields it returns.
#[derive(Clone, Debug, PartialEq)]
enum FieldsForm {
    /// Odoo 16: `fields: ["name", …]`.
    List(Vec<String>),
    /// Odoo 17+: `specification: {"name": {}, "country_id": {"fields":
    /// {"display_name": {}}}}`.
    Specification(Value),
}

/// `web_search_read`: records and their total in one round trip. Odoo 16
/// takes a `fields` list, 17+ a `specification` object, and each rejects
/// the other's (18/06d2); [`WebSearchPlan::for_version`] picks.
#[derive(Clone, Debug)]
pub struct WebSearchRead<R> {
    model: String,
    domain: Domain,
    fields: FieldsForm,
    opts: SearchOpts,
    count_limit: Option<u64>,
    _r: PhantomData<fn() -> R>,
}

/// A specification asking for `fields`, with the display name of each
/// `*_id` one (Odoo's naming convention for many-to-one, and for tags), so
/// they come back as `{"id", "display_name"}`. Odoo ignores the
/// sub-specification on a field that turns out not to be relational;
/// `*_ids` fields come back as plain ids.
pub fn specification_for(fields: &[String]) -> Value {
    let spec: Map<String, Value> = fields
        .iter()
        .map(|f| {
            let sub = if f.ends_with("_id") {
                json!({"fields": {"display_name": {}}})
            } else {
                json!({})
            };
            (f.clone(), sub)
        })
        .collect();
    Value::Object(spec)
}

impl<R> WebSearchRead<R> {
    /// `specification`: true for Odoo 17+ (built with
    /// [`specification_for`]), false for Odoo 16's `fields` list.
    pub fn new(
        model: &str,
        domain: Domain,
        fields: Vec<String>,
        opts: SearchOpts,
        specification: bool,
    ) -> Self {
        let fields = if specification {
            FieldsForm::Specification(specification_for(&fields))
        } else {
            FieldsForm::List(fields)
        };
        WebSearchRead {
            model: model.into(),
            domain,
            fields,
            opts,
            count_limit: None,
            _r: PhantomData,
        }
    }

    /// Stop counting at `n` (a big table's exact count is slow).
    pub fn count_limit(mut self, n: u64) -> Self {
        self.count_limit = Some(n);
        self
    }

    pub fn model(&self) -> &str {
        &self.model
    }

    pub fn uses_specification(&self) -> bool {
        matches!(self.fields, FieldsForm::Specification(_))
    }
}

#[derive(Deserialize)]
struct PageAnswer {
    length: u64,
    records: Value,
}

impl<R: DeserializeOwned> Call for WebSearchRead<R> {
    type Output = Page<R>;
    fn path(&self) -> String {
        CallKw::route(&self.model, "web_search_read")
    }
    fn params(&self) -> Value {
        let mut kw = Map::new();
        kw.insert("domain".into(), self.domain.to_json());
        match &self.fields {
            FieldsForm::List(fields) => kw.insert("fields".into(), json!(fields)),
            FieldsForm::Specification(spec) => kw.insert("specification".into(), spec.clone()),
        };
        self.opts.put(&mut kw);
        if let Some(n) = self.count_limit {
            kw.insert("count_limit".into(), json!(n));
        }
        CallKw::body(&self.model, "web_search_read", vec![], kw)
    }
    fn kind(&self) -> CallKind {
        CallKind::Read
    }
    fn decode(&self, result: Value) -> Result<Page<R>, Error> {
        let page: PageAnswer = typed("web_search_read", result)?;
        Ok(Page {
            length: page.length,
            records: records("web_search_read", page.records)?,
        })
    }
}

/// How to get a page and its total from a server of a given version.
#[derive(Clone, Debug)]
pub enum WebSearchPlan<R> {
    /// One `web_search_read`, in the form the version takes.
    One(WebSearchRead<R>),
    /// Versions whose `web_search_read` form is not known (before 16,
    /// Odoo Online's 16.x, an unknown version): `search_read` and
    /// `search_count`, which every version has.
    Fallback(SearchRead<R>, SearchCount),
}

impl<R> WebSearchPlan<R> {
    /// `fields` that `version` does not have (e.g. `mobile` on 19) are
    /// left out.
    pub fn for_version(
        version: &ServerVersion,
        model: &str,
        domain: Domain,
        fields: Vec<String>,
        opts: SearchOpts,
    ) -> Self {
        let names: Vec<&str> = fields.iter().map(String::as_str).collect();
        let fields = fields_on(version, model, &names);
        match web_fields_of(version) {
            Some(WebFields::List) => {
                WebSearchPlan::One(WebSearchRead::new(model, domain, fields, opts, false))
            }
            Some(WebFields::Specification) => {
                WebSearchPlan::One(WebSearchRead::new(model, domain, fields, opts, true))
            }
            None => WebSearchPlan::Fallback(
                SearchRead::new(model, domain.clone(), fields, opts.clone()),
                SearchCount::new(model, domain, opts.context),
            ),
        }
    }
}

/// `search_count(domain)`.
#[derive(Clone, Debug)]
pub struct SearchCount {
    model: String,
    domain: Domain,
    context: Map<String, Value>,
}

impl SearchCount {
    pub fn new(model: &str, domain: Domain, context: Map<String, Value>) -> Self {
        SearchCount {
            model: model.into(),
            domain,
            context,
        }
    }

    pub fn model(&self) -> &str {
        &self.model
    }
}

impl Call for SearchCount {
    type Output = u64;
    fn path(&self) -> String {
        CallKw::route(&self.model, "search_count")
    }
    fn params(&self) -> Value {
        let mut kw = Map::new();
        put_context(&mut kw, &self.context);
        CallKw::body(&self.model, "search_count", vec![self.domain.to_json()], kw)
    }
    fn kind(&self) -> CallKind {
        CallKind::Read
    }
    fn decode(&self, result: Value) -> Result<u64, Error> {
        typed("search_count", result)
    }
}

/// `read(ids, fields)`: the records that still exist, in no promised order.
pub type Read<R> = RecordsRead<R, ReadQuery>;

#[derive(Clone, Debug)]
pub struct ReadQuery {
    ids: Vec<i64>,
    fields: Vec<String>,
}

impl<R> Read<R> {
    pub fn new(model: &str, ids: Vec<i64>, fields: Vec<String>) -> Self {
        Self::on(model, ReadQuery { ids, fields })
    }
}

impl RecordsQuery for ReadQuery {
    const METHOD: &'static str = "read";
    fn arguments(&self) -> (Vec<Value>, Map<String, Value>) {
        let mut kw = Map::new();
        kw.insert("fields".into(), json!(self.fields));
        (vec![json!(self.ids)], kw)
    }
}

/// `name_search(name, domain, "ilike", limit)`: `(id, display name)` pairs.
/// Sent positionally: the keyword for the domain is `args` up to 17 and
/// `domain` from 18.
#[derive(Clone, Debug)]
pub struct NameSearch {
    pub model: String,
    pub name: String,
    pub domain: Domain,
    pub limit: u64,
}

impl NameSearch {
    pub fn new(model: &str, name: &str, domain: Domain, limit: u64) -> Self {
        NameSearch {
            model: model.into(),
            name: name.into(),
            domain,
            limit,
        }
    }
}

impl Call for NameSearch {
    type Output = Vec<(i64, String)>;
    fn path(&self) -> String {
        CallKw::route(&self.model, "name_search")
    }
    fn params(&self) -> Value {
        CallKw::body(
            &self.model,
            "name_search",
            vec![
                json!(self.name),
                self.domain.to_json(),
                json!("ilike"),
                json!(self.limit),
            ],
            Map::new(),
        )
    }
    fn kind(&self) -> CallKind {
        CallKind::Read
    }
    fn decode(&self, result: Value) -> Result<Vec<(i64, String)>, Error> {
        let pairs: Vec<(i64, Value)> = typed("name_search", result)?;
        // A record without a name comes back as [id, false].
        Ok(pairs
            .into_iter()
            .map(|(id, name)| (id, name.as_str().unwrap_or_default().to_string()))
            .collect())
    }
}

/// One field's description from `fields_get`.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct FieldInfo {
    /// The label.
    #[serde(default, deserialize_with = "string_or_empty")]
    pub string: String,
    /// `char`, `many2one`, `selection`, …
    #[serde(rename = "type")]
    pub type_: String,
    #[serde(default)]
    pub required: bool,
    #[serde(default)]
    pub readonly: bool,
    /// The comodel of a relational field.
    #[serde(default, deserialize_with = "false_as_none")]
    pub relation: Option<String>,
    /// `(value, label)` of a selection field.
    #[serde(default, deserialize_with = "false_as_none")]
    pub selection: Option<Vec<(Value, String)>>,
}

/// `fields_get(fields, attributes)`: what each field is.
#[derive(Clone, Debug)]
pub struct FieldsGet {
    pub model: String,
    /// Empty: every field.
    pub fields: Vec<String>,
}

impl Call for FieldsGet {
    type Output = BTreeMap<String, FieldInfo>;
    fn path(&self) -> String {
        CallKw::route(&self.model, "fields_get")
    }
    fn params(&self) -> Value {
        let mut kw = Map::new();
        kw.insert(
            "attributes".into(),
            json!([
                "string",
                "type",
                "required",
                "readonly",
                "relation",
                "selection"
            ]),
        );
        let fields = if self.fields.is_empty() {
            Value::Null
        } else {
            json!(self.fields)
        };
        CallKw::body(&self.model, "fields_get", vec![fields], kw)
    }
    fn kind(&self) -> CallKind {
        CallKind::Read
    }
    fn decode(&self, result: Value) -> Result<Self::Output, Error> {
        typed("fields_get", result)
    }
}
