//! Typed calls: each knows its route, its params, whether it may be
//! retried, and how to decode its result.

use crate::domain::Domain;
use crate::envelope::decode_response;
use crate::error::Error;
use crate::session::{ServerVersion, SessionInfo};
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;
use std::marker::PhantomData;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CallKind {
    /// Safe to repeat.
    Read,
    Write,
    SignIn,
}

pub trait Call {
    type Output;
    fn path(&self) -> String;
    fn params(&self) -> Value;
    fn kind(&self) -> CallKind;
    /// False for the routes that work signed out.
    fn needs_session(&self) -> bool {
        true
    }
    fn decode(&self, result: Value) -> Result<Self::Output, Error>;
}

/// Decodes an HTTP answer to `call`.
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

#[derive(Clone, Debug, PartialEq)]
pub enum AuthOutcome {
    SignedIn(SessionInfo),
    /// The account needs two-factor sign-in (`{"uid": null}`), which only
    /// Odoo's own login page can do.
    TwoFactorRequired,
}

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
        if result.get("uid").is_some_and(|u| u.is_null() || *u == Value::Bool(false)) {
            return Ok(AuthOutcome::TwoFactorRequired);
        }
        typed("sign-in answer", result).map(AuthOutcome::SignedIn)
    }
}

#[derive(Clone, Copy, Debug, Default)]
pub struct GetSessionInfo;

impl Call for GetSessionInfo {
    type Output = SessionInfo;
    fn path(&self) -> String {
        "/web/session/get_session_info".into()
    }
    fn params(&self) -> Value {
        json!({})
    }
    fn kind(&self) -> CallKind {
        CallKind::Read
    }
    fn decode(&self, result: Value) -> Result<SessionInfo, Error> {
        // A session that is not signed in (uid false/null) is expired for us.
        if result.get("uid").is_some_and(|u| !u.is_i64()) {
            return Err(Error::SessionExpired);
        }
        typed("session info", result)
    }
}

#[derive(Clone, Copy, Debug, Default)]
pub struct DestroySession;

impl Call for DestroySession {
    type Output = ();
    fn path(&self) -> String {
        "/web/session/destroy".into()
    }
    fn params(&self) -> Value {
        json!({})
    }
    fn kind(&self) -> CallKind {
        CallKind::Write
    }
    fn needs_session(&self) -> bool {
        false
    }
    fn decode(&self, _: Value) -> Result<(), Error> {
        Ok(())
    }
}

#[derive(Clone, Copy, Debug, Default)]
pub struct DatabaseList;

impl Call for DatabaseList {
    type Output = Vec<String>;
    fn path(&self) -> String {
        "/web/database/list".into()
    }
    fn params(&self) -> Value {
        json!({})
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
    fn params(&self) -> Value {
        json!({})
    }
    fn kind(&self) -> CallKind {
        CallKind::Read
    }
    fn needs_session(&self) -> bool {
        false
    }
    fn decode(&self, result: Value) -> Result<ServerVersion, Error> {
        let v: VersionAnswer = typed("version info", result)?;
        Ok(ServerVersion::from_parts(&v.server_version_info, &v.server_version))
    }
}

/// Any model method: `call_kw(model, method, args, kwargs)`.
#[derive(Clone, Debug)]
pub struct CallKw {
    pub model: String,
    pub method: String,
    pub args: Vec<Value>,
    pub kwargs: Map<String, Value>,
    pub kind: CallKind,
}

impl CallKw {
    fn route(model: &str, method: &str) -> String {
        // The suffix is for logs and humans; Odoo dispatches on params.
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
        Self::body(&self.model, &self.method, self.args.clone(), self.kwargs.clone())
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
    pub limit: Option<u64>,
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
        if !self.context.is_empty() {
            kw.insert("context".into(), Value::Object(self.context.clone()));
        }
    }
}

fn records<R: DeserializeOwned>(what: &str, v: Value) -> Result<Vec<R>, Error> {
    let Value::Array(items) = v else {
        return Err(Error::Shape {
            detail: format!("{what}: expected a list of records, got {}", kind_of(&v)),
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

fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

macro_rules! model_call {
    ($t:ident) => {
        impl<R> $t<R> {
            pub fn model(&self) -> &str {
                &self.model
            }
        }
    };
}

#[derive(Clone, Debug)]
pub struct SearchRead<R> {
    model: String,
    domain: Domain,
    fields: Vec<String>,
    opts: SearchOpts,
    _r: PhantomData<fn() -> R>,
}
model_call!(SearchRead);

impl<R> SearchRead<R> {
    pub fn new(model: &str, domain: Domain, fields: Vec<String>, opts: SearchOpts) -> Self {
        SearchRead {
            model: model.into(),
            domain,
            fields,
            opts,
            _r: PhantomData,
        }
    }
}

impl<R: DeserializeOwned> Call for SearchRead<R> {
    type Output = Vec<R>;
    fn path(&self) -> String {
        CallKw::route(&self.model, "search_read")
    }
    fn params(&self) -> Value {
        let mut kw = Map::new();
        kw.insert("domain".into(), self.domain.to_json());
        kw.insert("fields".into(), json!(self.fields));
        self.opts.put(&mut kw);
        CallKw::body(&self.model, "search_read", vec![], kw)
    }
    fn kind(&self) -> CallKind {
        CallKind::Read
    }
    fn decode(&self, result: Value) -> Result<Vec<R>, Error> {
        records("search_read", result)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Page<R> {
    /// The total (Odoo 17+: capped at `count_limit`, exact when the page
    /// is not full).
    pub length: u64,
    pub records: Vec<R>,
}

/// `web_search_read`: records and total in one round trip. Odoo 16 takes
/// a `fields` list; 17+ a `specification` object.
#[derive(Clone, Debug)]
pub struct WebSearchRead<R> {
    model: String,
    domain: Domain,
    fields: Vec<String>,
    opts: SearchOpts,
    specification: bool,
    _r: PhantomData<fn() -> R>,
}
model_call!(WebSearchRead);

/// Many-to-one fields whose names the specification asks for.
fn specification(fields: &[String]) -> Value {
    let mut spec = Map::new();
    for f in fields {
        let sub = if f.ends_with("_id") && f != "id" {
            json!({"fields": {"display_name": {}}})
        } else {
            json!({})
        };
        spec.insert(f.clone(), sub);
    }
    Value::Object(spec)
}

impl<R> WebSearchRead<R> {
    /// `specification`: true for Odoo 17+.
    pub fn new(model: &str, domain: Domain, fields: Vec<String>, opts: SearchOpts, specification: bool) -> Self {
        WebSearchRead {
            model: model.into(),
            domain,
            fields,
            opts,
            specification,
            _r: PhantomData,
        }
    }
}

#[derive(Deserialize)]
struct PageAnswer {
    length: u64,
    records: Vec<Value>,
}

impl<R: DeserializeOwned> Call for WebSearchRead<R> {
    type Output = Page<R>;
    fn path(&self) -> String {
        CallKw::route(&self.model, "web_search_read")
    }
    fn params(&self) -> Value {
        let mut kw = Map::new();
        kw.insert("domain".into(), self.domain.to_json());
        if self.specification {
            kw.insert("specification".into(), specification(&self.fields));
        } else {
            kw.insert("fields".into(), json!(self.fields));
        }
        self.opts.put(&mut kw);
        CallKw::body(&self.model, "web_search_read", vec![], kw)
    }
    fn kind(&self) -> CallKind {
        CallKind::Read
    }
    fn decode(&self, result: Value) -> Result<Page<R>, Error> {
        let page: PageAnswer = typed("web_search_read", result)?;
        Ok(Page {
            length: page.length,
            records: records("web_search_read", Value::Array(page.records))?,
        })
    }
}

/// How to get a page and its total from a given server version.
pub enum WebSearchPlan<R> {
    One(WebSearchRead<R>),
    /// Versions before 16 (or unknown): two calls.
    Fallback(SearchRead<R>, SearchCount),
}

impl<R> WebSearchPlan<R> {
    pub fn for_version(
        version: &ServerVersion,
        model: &str,
        domain: Domain,
        fields: Vec<String>,
        opts: SearchOpts,
    ) -> Self {
        match version.major {
            16 => WebSearchPlan::One(WebSearchRead::new(model, domain, fields, opts, false)),
            m if m >= 17 => WebSearchPlan::One(WebSearchRead::new(model, domain, fields, opts, true)),
            _ => WebSearchPlan::Fallback(
                SearchRead::new(model, domain.clone(), fields, opts.clone()),
                SearchCount::new(model, domain, opts.context),
            ),
        }
    }
}

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
}

impl Call for SearchCount {
    type Output = u64;
    fn path(&self) -> String {
        CallKw::route(&self.model, "search_count")
    }
    fn params(&self) -> Value {
        let mut kw = Map::new();
        if !self.context.is_empty() {
            kw.insert("context".into(), Value::Object(self.context.clone()));
        }
        CallKw::body(&self.model, "search_count", vec![self.domain.to_json()], kw)
    }
    fn kind(&self) -> CallKind {
        CallKind::Read
    }
    fn decode(&self, result: Value) -> Result<u64, Error> {
        typed("search_count", result)
    }
}

#[derive(Clone, Debug)]
pub struct Read<R> {
    model: String,
    ids: Vec<i64>,
    fields: Vec<String>,
    _r: PhantomData<fn() -> R>,
}
model_call!(Read);

impl<R> Read<R> {
    pub fn new(model: &str, ids: Vec<i64>, fields: Vec<String>) -> Self {
        Read {
            model: model.into(),
            ids,
            fields,
            _r: PhantomData,
        }
    }
}

impl<R: DeserializeOwned> Call for Read<R> {
    type Output = Vec<R>;
    fn path(&self) -> String {
        CallKw::route(&self.model, "read")
    }
    fn params(&self) -> Value {
        CallKw::body(&self.model, "read", vec![json!(self.ids), json!(self.fields)], Map::new())
    }
    fn kind(&self) -> CallKind {
        CallKind::Read
    }
    fn decode(&self, result: Value) -> Result<Vec<R>, Error> {
        records("read", result)
    }
}

#[derive(Clone, Debug)]
pub struct NameSearch {
    pub model: String,
    pub name: String,
    pub domain: Domain,
    pub limit: u64,
}

impl Call for NameSearch {
    type Output = Vec<(i64, String)>;
    fn path(&self) -> String {
        CallKw::route(&self.model, "name_search")
    }
    fn params(&self) -> Value {
        let mut kw = Map::new();
        kw.insert("name".into(), json!(self.name));
        kw.insert("args".into(), self.domain.to_json());
        kw.insert("limit".into(), json!(self.limit));
        CallKw::body(&self.model, "name_search", vec![], kw)
    }
    fn kind(&self) -> CallKind {
        CallKind::Read
    }
    fn decode(&self, result: Value) -> Result<Vec<(i64, String)>, Error> {
        typed("name_search", result)
    }
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct FieldInfo {
    #[serde(default)]
    pub string: String,
    #[serde(rename = "type")]
    pub type_: String,
    #[serde(default)]
    pub required: bool,
    #[serde(default)]
    pub readonly: bool,
    #[serde(default)]
    pub relation: Option<String>,
    #[serde(default)]
    pub selection: Option<Vec<(Value, String)>>,
}

#[derive(Clone, Debug)]
pub struct FieldsGet {
    pub model: String,
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
            json!(["string", "type", "required", "readonly", "relation", "selection"]),
        );
        CallKw::body(&self.model, "fields_get", vec![json!(self.fields)], kw)
    }
    fn kind(&self) -> CallKind {
        CallKind::Read
    }
    fn decode(&self, result: Value) -> Result<Self::Output, Error> {
        typed("fields_get", result)
    }
}
