//! Every transcript captured from a real Odoo decodes, through the typed
//! call a client would have made, to the outcome listed here. A file that
//! this table does not list fails `every_transcript_is_listed`.

mod common;

use common::Transcript;
use odoo_rpc::{
    decode_call, decode_response, AuthOutcome, Authenticate, Call, CallKind, CallKw, DatabaseList,
    DestroySession, Domain, Error, FieldsGet, GetSessionInfo, NameSearch, Partner, Read,
    SearchCount, SearchOpts, SearchRead, VersionInfo, WebSearchRead,
};
use serde_json::{Map, Value};

enum Want {
    /// Decoded; a summary of the typed value (see `decode`).
    Decodes(&'static str),
    /// Failed; the error's variant (see `label`).
    Fails(&'static str),
    /// Not an answer to a JSON-RPC call; why.
    NotRpc(&'static str),
}
use Want::*;

const TABLE: &[(&str, Want)] = &[
    (
        "16/01-authenticate-ok.txt",
        Decodes("session uid=2 db=odoo_demo"),
    ),
    (
        "16/01b-authenticate-ok-with-id.txt",
        Decodes("session uid=2 db=odoo_empty"),
    ),
    (
        "16/02-authenticate-wrong-password.txt",
        Fails("AccessDenied"),
    ),
    (
        "16/02b-authenticate-login-cooldown-monodb.txt",
        Fails("TooManyAttempts"),
    ),
    (
        "16/03-authenticate-nonexistent-db.txt",
        Fails("DatabaseNotFound"),
    ),
    (
        "16/03b-authenticate-db-filtered-out-but-exists.txt",
        Fails("DatabaseNotFound"),
    ),
    (
        "16/04a-get-session-info-with-cookie.txt",
        Decodes("session uid=2 db=odoo_demo"),
    ),
    // Multi-database and no valid session: a 404 page.
    (
        "16/04b-get-session-info-no-cookie.txt",
        Fails("SessionExpired"),
    ),
    (
        "16/04c-get-session-info-bogus-cookie.txt",
        Fails("SessionExpired"),
    ),
    (
        "16/04d-get-session-info-no-cookie-monodb.txt",
        Fails("SessionExpired"),
    ),
    (
        "16/05a-call_kw-search_read-companies.txt",
        Decodes("records 8"),
    ),
    (
        "16/05b-call_kw-path-form-search_read.txt",
        Decodes("records 8"),
    ),
    ("16/05c-call_kw-path-mismatch.txt", Decodes("records 2")),
    ("16/06a-search_count.txt", Decodes("count 36")),
    ("16/06a2-search_count-companies.txt", Decodes("count 8")),
    (
        "16/06b-search_read-offset-limit-order.txt",
        Decodes("records 5"),
    ),
    ("16/06c-search_read-ilike.txt", Decodes("records 1")),
    ("16/06c2-search_read-or-domain.txt", Decodes("records 2")),
    (
        "16/06d-web_search_read.txt",
        Decodes("page length=8 records=3"),
    ),
    (
        "16/06e-search_read-relational-fields.txt",
        Decodes("records 3"),
    ),
    ("16/06f-read.txt", Decodes("records 2")),
    ("16/06g-name_search.txt", Decodes("names 5")),
    (
        "16/07a-call_kw-no-cookie-multidb.txt",
        Fails("SessionExpired"),
    ),
    (
        "16/07b-call_kw-bogus-cookie-multidb.txt",
        Fails("SessionExpired"),
    ),
    (
        "16/07c-call_kw-no-cookie-but-db-param-multidb.txt",
        Fails("SessionExpired"),
    ),
    (
        "16/07d-call_kw-no-cookie-monodb.txt",
        Fails("SessionExpired"),
    ),
    (
        "16/07e-call_kw-bogus-cookie-monodb.txt",
        Fails("SessionExpired"),
    ),
    (
        "16/07f-call_kw-malformed-cookie-monodb.txt",
        Fails("SessionExpired"),
    ),
    ("16/08a-bad-model.txt", Fails("Server(builtins.KeyError)")),
    (
        "16/08b-bad-field-in-fields.txt",
        Fails("Server(builtins.ValueError)"),
    ),
    (
        "16/08c-bad-field-in-domain.txt",
        Fails("Server(builtins.ValueError)"),
    ),
    (
        "16/08d-malformed-domain.txt",
        Fails("Server(builtins.ValueError)"),
    ),
    (
        "16/08d2-malformed-domain-bad-operator.txt",
        Fails("Server(builtins.ValueError)"),
    ),
    (
        "16/08d3-domain-not-a-list.txt",
        Fails("Server(builtins.AssertionError)"),
    ),
    (
        "16/08e-bad-method.txt",
        Fails("Server(builtins.AttributeError)"),
    ),
    ("16/08e2-private-method.txt", Fails("AccessError")),
    (
        "16/08e3-missing-params.txt",
        Fails("Server(builtins.TypeError)"),
    ),
    (
        "16/08e4-params-array.txt",
        Fails("Server(builtins.ValueError)"),
    ),
    ("16/08f-non-json-body.txt", Fails("Http(400)")),
    ("16/08f2-json-not-object.txt", Fails("Http(400)")),
    ("16/08g-wrong-content-type-form.txt", Fails("Http(400)")),
    ("16/08g2-text-plain.txt", Fails("Http(400)")),
    ("16/08g3-json-charset.txt", Decodes("count 36")),
    ("16/08g4-no-content-type.txt", Fails("Http(400)")),
    ("16/08h-GET-call_kw.txt", Fails("Http(400)")),
    ("16/08h2-GET-call_kw-json-ct.txt", Decodes("count 36")),
    // A multi-database Odoo's 404 cannot be told from "no session": the
    // client only ever calls routes that exist.
    ("16/08i-unknown-route-json.txt", Fails("SessionExpired")),
    ("16/09a-session-destroy.txt", Decodes("nothing")),
    (
        "16/09b-call_kw-after-destroy-old-cookie.txt",
        Fails("SessionExpired"),
    ),
    (
        "16/09c-get_session_info-after-destroy-old-cookie.txt",
        Fails("SessionExpired"),
    ),
    ("16/09d-session-destroy-monodb.txt", Decodes("nothing")),
    (
        "16/09e-call_kw-after-destroy-old-cookie-monodb.txt",
        Fails("SessionExpired"),
    ),
    (
        "16/09f-session-destroy-no-cookie.txt",
        Fails("SessionExpired"),
    ),
    ("16/10a-database-list.txt", Decodes("databases 2")),
    ("16/10b-database-list-monodb.txt", Decodes("databases 1")),
    ("16/11a-version_info.txt", Decodes("version 16.0")),
    ("16/11a2-version_info-GET.txt", Fails("Http(400)")),
    (
        "16/11a3-jsonrpc-common-version.txt",
        Decodes("version 16.0"),
    ),
    (
        "16/11b-GET-web-login.txt",
        NotRpc("Odoo's own login page, HTML for people"),
    ),
    (
        "16/11b2-GET-web-login-db.txt",
        NotRpc("Odoo's own login page, HTML for people"),
    ),
    (
        "16/11b3-GET-web-login-monodb.txt",
        NotRpc("Odoo's own login page, HTML for people"),
    ),
    (
        "16/11b4-GET-web-login-db-follow.txt",
        NotRpc("Odoo's own login page, HTML for people"),
    ),
    (
        "16/11c-avatar_128-with-cookie.txt",
        NotRpc("avatar image, loaded by an <img>"),
    ),
    (
        "16/11c2-avatar_128-person-with-cookie.txt",
        NotRpc("avatar image, loaded by an <img>"),
    ),
    (
        "16/11c3-avatar_128-no-cookie.txt",
        NotRpc("avatar image, loaded by an <img>"),
    ),
    (
        "16/11c4-avatar_128-no-cookie-monodb.txt",
        NotRpc("avatar image, loaded by an <img>"),
    ),
    (
        "16/11c5-avatar_128-if-none-match.txt",
        NotRpc("avatar image, loaded by an <img>"),
    ),
    (
        "16/11c6-avatar_128-with-unique.txt",
        NotRpc("avatar image, loaded by an <img>"),
    ),
    (
        "16/11c7-image-nonexistent-record.txt",
        NotRpc("avatar image, loaded by an <img>"),
    ),
    (
        "16/12a-authenticate-portal-user.txt",
        Decodes("session uid=7 db=odoo_demo"),
    ),
    // Record rules narrow a portal user's search silently.
    (
        "16/12b-portal-search_read-res.partner.txt",
        Decodes("records 0"),
    ),
    (
        "16/12b2-portal-search_read-res.partner-nodomain.txt",
        Decodes("records 1"),
    ),
    (
        "16/12c-portal-read-other-partner-record-rule.txt",
        Fails("AccessError"),
    ),
    (
        "16/12d-portal-write-res.partner-acl.txt",
        Fails("AccessError"),
    ),
    (
        "16/12e-portal-search_read-res.partner.category-acl.txt",
        Fails("AccessError"),
    ),
    (
        "16/12f-portal-get_session_info.txt",
        Decodes("session uid=7 db=odoo_demo"),
    ),
    (
        "16/12g-authenticate-demo-internal-user.txt",
        Decodes("session uid=6 db=odoo_demo"),
    ),
    (
        "16/13a-cors-preflight-call_kw.txt",
        NotRpc("CORS preflight: the app is same-origin and never sends one"),
    ),
    (
        "16/13a2-cors-preflight-call_kw-with-cookie.txt",
        NotRpc("CORS preflight: the app is same-origin and never sends one"),
    ),
    (
        "16/13a3-cors-preflight-authenticate.txt",
        NotRpc("CORS preflight: the app is same-origin and never sends one"),
    ),
    (
        "16/13a4-cors-preflight-monodb-call_kw.txt",
        NotRpc("CORS preflight: the app is same-origin and never sends one"),
    ),
    (
        "16/13b-cors-post-call_kw-with-origin.txt",
        Decodes("count 36"),
    ),
    (
        "16/13c-cors-post-authenticate-with-origin.txt",
        Decodes("session uid=2 db=odoo_demo"),
    ),
    (
        "16/13d-cors-preflight-cors-star-route.txt",
        NotRpc("CORS preflight: the app is same-origin and never sends one"),
    ),
    (
        "16/13d2-cors-preflight-cors-star-route-monodb.txt",
        NotRpc("CORS preflight: the app is same-origin and never sends one"),
    ),
    ("16/13e-cors-post-text-plain-simple.txt", Fails("Http(400)")),
    ("16/14a-session-check.txt", Decodes("nothing")),
    (
        "16/14b-dataset-search_read.txt",
        Decodes("page length=8 records=3"),
    ),
    ("16/14c-call_kw-with-context.txt", Decodes("count 40")),
    ("16/14d-fields_get.txt", Decodes("fields 6")),
    ("16/14e-create-write-unlink.txt", Decodes("value 41")),
    ("16/14f-write.txt", Decodes("value true")),
    ("16/14g-unlink.txt", Decodes("value true")),
    (
        "16/14h-write-validation-error.txt",
        Fails("ValidationError"),
    ),
    (
        "16/15a-authenticate-ok-monodb.txt",
        Decodes("session uid=2 db=odoo_demo"),
    ),
    (
        "16/15b-get-session-info-monodb.txt",
        Decodes("session uid=2 db=odoo_demo"),
    ),
    (
        "16/15c-authenticate-monodb-without-db-param.txt",
        Fails("Server(builtins.TypeError)"),
    ),
    (
        "18/01-authenticate-ok.txt",
        Decodes("session uid=2 db=odoo18_demo"),
    ),
    (
        "18/01b-authenticate-ok-with-id.txt",
        Decodes("session uid=2 db=odoo18_demo"),
    ),
    (
        "18/01c-authenticate-with-existing-anonymous-cookie.txt",
        Decodes("session uid=2 db=odoo18_demo"),
    ),
    (
        "18/02-authenticate-wrong-password.txt",
        Fails("AccessDenied"),
    ),
    (
        "18/03-authenticate-nonexistent-db.txt",
        Fails("DatabaseNotFound"),
    ),
    (
        "18/03b-authenticate-db-filtered-out-but-exists.txt",
        Fails("DatabaseNotFound"),
    ),
    (
        "18/03c-authenticate-without-db-param.txt",
        Fails("Server(builtins.TypeError)"),
    ),
    (
        "18/04a-get-session-info-with-cookie.txt",
        Decodes("session uid=2 db=odoo18_demo"),
    ),
    (
        "18/04b-get-session-info-no-cookie.txt",
        Fails("SessionExpired"),
    ),
    (
        "18/04c-get-session-info-bogus-cookie.txt",
        Fails("SessionExpired"),
    ),
    (
        "18/05a-call_kw-search_read-companies.txt",
        Decodes("records 9"),
    ),
    (
        "18/05b-call_kw-path-form-search_read.txt",
        Decodes("records 9"),
    ),
    ("18/06a-search_count.txt", Decodes("count 37")),
    ("18/06a2-search_count-companies.txt", Decodes("count 9")),
    (
        "18/06d-web_search_read.txt",
        Decodes("page length=9 records=3"),
    ),
    // 18 refuses Odoo 16's `fields` form, alone or beside a specification.
    (
        "18/06d2-web_search_read-odoo16-fields-form.txt",
        Fails("Server(builtins.TypeError)"),
    ),
    (
        "18/06d3-web_search_read-count_limit.txt",
        Decodes("page length=5 records=2"),
    ),
    (
        "18/06d4-web_search_read-specification-plus-fields.txt",
        Fails("Server(builtins.TypeError)"),
    ),
    ("18/06d5-web_read.txt", Decodes("records 2")),
    (
        "18/06e-search_read-relational-fields.txt",
        Decodes("records 3"),
    ),
    ("18/06f-read.txt", Decodes("records 2")),
    ("18/06g-name_search.txt", Decodes("names 5")),
    (
        "18/07d-call_kw-no-cookie-monodb.txt",
        Fails("SessionExpired"),
    ),
    (
        "18/07e-call_kw-bogus-cookie-monodb.txt",
        Fails("SessionExpired"),
    ),
    ("18/08a-bad-model.txt", Fails("NotFound")),
    ("18/08a2-bad-model-no-cookie.txt", Fails("NotFound")),
    (
        "18/08b-bad-field-in-fields.txt",
        Fails("Server(builtins.ValueError)"),
    ),
    (
        "18/08b2-bad-field-in-specification.txt",
        Fails("Server(builtins.ValueError)"),
    ),
    (
        "18/08c-bad-field-in-domain.txt",
        Fails("Server(builtins.ValueError)"),
    ),
    (
        "18/08d-malformed-domain.txt",
        Fails("Server(builtins.ValueError)"),
    ),
    (
        "18/08d2-malformed-domain-bad-operator.txt",
        Fails("Server(builtins.ValueError)"),
    ),
    (
        "18/08d3-domain-not-a-list.txt",
        Fails("Server(builtins.AssertionError)"),
    ),
    (
        "18/08e-bad-method.txt",
        Fails("Server(builtins.AttributeError)"),
    ),
    (
        "18/08e2-private-method.txt",
        Fails("Server(builtins.AttributeError)"),
    ),
    (
        "18/08e3-missing-params.txt",
        Fails("Server(builtins.TypeError)"),
    ),
    (
        "18/08e4-params-array.txt",
        Fails("Server(builtins.TypeError)"),
    ),
    (
        "18/08e5-missing-method-param.txt",
        Fails("Server(builtins.KeyError)"),
    ),
    (
        "18/08f-non-json-body.txt",
        Fails("Server(json.decoder.JSONDecodeError)"),
    ),
    (
        "18/08f2-json-not-object.txt",
        Fails("Server(builtins.TypeError)"),
    ),
    (
        "18/08f3-non-json-body-get_session_info.txt",
        Fails("Http(400)"),
    ),
    (
        "18/08f4-json-not-object-get_session_info.txt",
        Fails("Http(400)"),
    ),
    (
        "18/08f5-non-json-body-no-cookie.txt",
        Fails("Server(json.decoder.JSONDecodeError)"),
    ),
    ("18/08g2-text-plain.txt", Fails("Http(400)")),
    ("18/08h2-GET-call_kw-json-ct.txt", Decodes("count 37")),
    // Mono-database, so this 404 is not about the session; but a client
    // cannot know how many databases a server has (see 16/08i).
    ("18/08i-unknown-route-json.txt", Fails("SessionExpired")),
    (
        "18/09-pre-authenticate-for-logout.txt",
        Decodes("session uid=2 db=odoo18_demo"),
    ),
    ("18/09a-session-destroy.txt", Decodes("nothing")),
    (
        "18/09b-call_kw-after-destroy-old-cookie.txt",
        Fails("SessionExpired"),
    ),
    (
        "18/09c-get_session_info-after-destroy-old-cookie.txt",
        Fails("SessionExpired"),
    ),
    (
        "18/09f-session-destroy-no-cookie.txt",
        Fails("SessionExpired"),
    ),
    ("18/10a-database-list.txt", Decodes("databases 1")),
    ("18/11a-version_info.txt", Decodes("version 18.0")),
    ("18/11a2-version_info-GET.txt", Fails("Http(400)")),
    (
        "18/11a3-jsonrpc-common-version.txt",
        Decodes("version 18.0"),
    ),
    (
        "18/11c-avatar_128-with-cookie.txt",
        NotRpc("avatar image, loaded by an <img>"),
    ),
    (
        "18/11c2-avatar_128-person-with-cookie.txt",
        NotRpc("avatar image, loaded by an <img>"),
    ),
    (
        "18/11c3-avatar_128-no-cookie.txt",
        NotRpc("avatar image, loaded by an <img>"),
    ),
    (
        "18/11c5-avatar_128-if-none-match.txt",
        NotRpc("avatar image, loaded by an <img>"),
    ),
    (
        "18/11c7-image-nonexistent-record.txt",
        NotRpc("avatar image, loaded by an <img>"),
    ),
    (
        "18/12a-authenticate-portal-user.txt",
        Decodes("session uid=7 db=odoo18_demo"),
    ),
    (
        "18/12g-authenticate-demo-internal-user.txt",
        Decodes("session uid=6 db=odoo18_demo"),
    ),
    (
        "18/12h-demo-get_session_info.txt",
        Decodes("session uid=6 db=odoo18_demo"),
    ),
    ("18/12i-demo-access-error.txt", Fails("AccessError")),
    ("18/14a-session-check.txt", Decodes("nothing")),
    // The legacy route is gone in 17+ (see 16/08i for why this reads so).
    ("18/14b-dataset-search_read.txt", Fails("SessionExpired")),
    ("18/14d-fields_get.txt", Decodes("fields 3")),
];

/// The typed call a client would have made for this request, decoded;
/// `Ok` holds a one-line summary of the typed value.
fn decode(t: &Transcript) -> Result<String, Error> {
    let (status, ct, body) = (t.status, t.content_type(), t.body.as_str());
    let params = t.params().unwrap_or(Value::Null);
    let text = |key: &str| {
        params
            .get(key)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string()
    };
    match t.route() {
        "/web/session/authenticate" => {
            let call = Authenticate {
                db: text("db"),
                login: text("login"),
                password: text("password"),
            };
            match decode_call(&call, status, ct, body)? {
                AuthOutcome::SignedIn(s) => Ok(format!("session uid={} db={}", s.uid, s.db)),
                AuthOutcome::TwoFactorRequired => Ok("two-factor".into()),
            }
        }
        "/web/session/get_session_info" => {
            let s = decode_call(&GetSessionInfo, status, ct, body)?;
            Ok(format!("session uid={} db={}", s.uid, s.db))
        }
        "/web/session/destroy" => {
            decode_call(&DestroySession, status, ct, body).map(|()| "nothing".into())
        }
        "/web/database/list" => {
            decode_call(&DatabaseList, status, ct, body).map(|d| format!("databases {}", d.len()))
        }
        "/web/webclient/version_info" => decode_call(&VersionInfo, status, ct, body).map(version),
        // The external API's `common.version` answers the same object.
        "/jsonrpc" => {
            let result = decode_response(status, ct, body, false)?;
            VersionInfo.decode(result).map(version)
        }
        // The legacy route (gone in 17+) answers like web_search_read.
        "/web/dataset/search_read" => {
            let result = decode_response(status, ct, body, true)?;
            page(&web_search_read(), result)
        }
        path if path.starts_with("/web/dataset/call_kw") => decode_call_kw(t, &params),
        // Other JSON routes: the envelope only.
        _ => decode_response(status, ct, body, true).map(|v| match v {
            Value::Null => "nothing".into(),
            v => format!("value {v}"),
        }),
    }
}

fn version(v: odoo_rpc::ServerVersion) -> String {
    format!("version {}.{}", v.major, v.minor)
}

fn web_search_read() -> WebSearchRead<Partner> {
    WebSearchRead::new(
        "res.partner",
        Domain::All,
        vec![],
        SearchOpts::default(),
        true,
    )
}

fn page(call: &WebSearchRead<Partner>, result: Value) -> Result<String, Error> {
    let p = call.decode(result)?;
    Ok(format!(
        "page length={} records={}",
        p.length,
        p.records.len()
    ))
}

/// `call_kw` as the typed call for its method; records of `res.partner`
/// as `Partner`, of other models as plain JSON. The calls' own arguments
/// do not matter to decoding, so they are left empty.
fn decode_call_kw(t: &Transcript, params: &Value) -> Result<String, Error> {
    let (status, ct, body) = (t.status, t.content_type(), t.body.as_str());
    let model = params
        .get("model")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let method = params
        .get("method")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let partners = model == "res.partner";
    let opts = SearchOpts::default;
    match method {
        "search_read" if partners => {
            let call = SearchRead::<Partner>::new(model, Domain::All, vec![], opts());
            decode_call(&call, status, ct, body).map(|r| format!("records {}", r.len()))
        }
        "search_read" => {
            let call = SearchRead::<Value>::new(model, Domain::All, vec![], opts());
            decode_call(&call, status, ct, body).map(|r| format!("records {}", r.len()))
        }
        // web_read answers like read, in the specification form.
        "read" | "web_read" => {
            let call = Read::<Partner>::new(model, vec![], vec![]);
            decode_call(&call, status, ct, body).map(|r| format!("records {}", r.len()))
        }
        "web_search_read" => {
            let call = web_search_read();
            let result = decode_response(status, ct, body, call.needs_session())?;
            page(&call, result)
        }
        "search_count" => {
            let call = SearchCount::new(model, Domain::All, Map::new());
            decode_call(&call, status, ct, body).map(|n| format!("count {n}"))
        }
        "name_search" => {
            let call = NameSearch::new(model, "", Domain::All, 5);
            decode_call(&call, status, ct, body).map(|r| format!("names {}", r.len()))
        }
        "fields_get" => {
            let call = FieldsGet {
                model: model.into(),
                fields: vec![],
            };
            decode_call(&call, status, ct, body).map(|f| format!("fields {}", f.len()))
        }
        _ => {
            let call = CallKw::new(model, method, vec![], Map::new(), CallKind::Write);
            decode_call(&call, status, ct, body).map(|v| format!("value {v}"))
        }
    }
}

/// The variant, with what tells two of a kind apart.
fn label(e: &Error) -> String {
    match e {
        Error::Server { name, .. } => format!("Server({name})"),
        Error::Http { status, .. } => format!("Http({status})"),
        other => format!("{other:?}")
            .split([' ', '{', '('])
            .next()
            .unwrap_or_default()
            .to_string(),
    }
}

#[test]
fn every_transcript_decodes_as_listed() {
    let mut failures = Vec::new();
    for (name, want) in TABLE {
        let t = common::load(name);
        match want {
            NotRpc(why) => {
                // Only what the client never sends as JSON-RPC may be skipped.
                let not_a_call = t.method == "OPTIONS"
                    || t.route().starts_with("/web/image/")
                    || t.route().starts_with("/web/login");
                if !not_a_call {
                    failures.push(format!(
                        "{name}: {} {} is a JSON route, not {why}",
                        t.method,
                        t.route()
                    ));
                }
            }
            Decodes(summary) => match decode(&t) {
                Ok(got) if got == *summary => {}
                Ok(got) => failures.push(format!("{name}: want {summary}, got {got}")),
                Err(e) => failures.push(format!("{name}: want {summary}, got error {e:?}")),
            },
            Fails(variant) => match decode(&t) {
                Err(e) if label(&e) == *variant => {
                    // Every error has words for people.
                    assert!(!e.user_message().is_empty(), "{name}: empty user message");
                }
                Err(e) => failures.push(format!("{name}: want {variant}, got {e:?}")),
                Ok(got) => failures.push(format!("{name}: want {variant}, got Ok {got}")),
            },
        }
    }
    assert!(
        failures.is_empty(),
        "{} transcripts:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn every_transcript_is_listed() {
    let listed: Vec<&str> = TABLE.iter().map(|(n, _)| *n).collect();
    let on_disk = common::names();
    let unlisted: Vec<&String> = on_disk
        .iter()
        .filter(|n| !listed.contains(&n.as_str()))
        .collect();
    assert!(
        unlisted.is_empty(),
        "transcripts missing from the table: {unlisted:?}"
    );
    let stale: Vec<&&str> = listed
        .iter()
        .filter(|n| !on_disk.iter().any(|d| d == *n))
        .collect();
    assert!(
        stale.is_empty(),
        "table entries without a transcript: {stale:?}"
    );
    // dedup() only merges neighbours: sort first so a repeat anywhere
    // in the table is found.
    let mut sorted = listed.clone();
    sorted.sort_unstable();
    let twice: Vec<&&str> = sorted
        .windows(2)
        .filter(|w| w[0] == w[1])
        .map(|w| &w[0])
        .collect();
    assert!(twice.is_empty(), "transcripts listed twice: {twice:?}");
}

#[test]
fn the_loader_reads_requests_statuses_and_bodies() {
    let t = common::load("16/06c2-search_read-or-domain.txt");
    assert_eq!(
        (t.method.as_str(), t.route()),
        ("POST", "/web/dataset/call_kw/res.partner/search_read")
    );
    assert_eq!(t.params().unwrap()["method"], "search_read");
    assert_eq!(t.status, 200);
    assert_eq!(t.content_type(), Some("application/json; charset=utf-8"));
    assert!(
        t.body.starts_with('{') && t.body.ends_with('}'),
        "{:?}",
        t.body
    );

    // Curl followed a redirect: the last answer counts.
    let t = common::load("16/11b4-GET-web-login-db-follow.txt");
    assert_eq!(t.status, 200);
    assert_eq!(t.header("Content-Length"), Some("5039"), "and its headers");

    // The query is sent as captured, and is no part of the route.
    let t = common::load("16/07c-call_kw-no-cookie-but-db-param-multidb.txt");
    assert_eq!(
        t.path,
        "/web/dataset/call_kw/res.partner/search_read?db=odoo_demo"
    );
    assert_eq!(t.route(), "/web/dataset/call_kw/res.partner/search_read");

    // Text bodies are exactly as long as the marker says.
    let t = common::load("16/08f-non-json-body.txt");
    assert_eq!(t.body, "Invalid JSON data");
    let t = common::load("18/11c5-avatar_128-if-none-match.txt");
    assert_eq!((t.status, t.body.as_str()), (304, ""));
}
