//! The envelope and the errors: what each kind of answer becomes, the
//! words for people, and no panic on any input.

mod common;

use odoo_rpc::{
    decode_call, decode_response, next_id, request_body, Authenticate, Call, DatabaseList,
    DestroySession, Domain, Error, FieldsGet, GetSessionInfo, NameSearch, Partner, Read,
    SearchCount, SearchOpts, SearchRead, SessionInfo, VersionInfo, WebSearchRead,
};
use proptest::prelude::*;
use serde_json::{json, Value};

const JSON: Option<&str> = Some("application/json; charset=utf-8");
const HTML: Option<&str> = Some("text/html; charset=utf-8");

fn answer(result: Value) -> String {
    json!({"jsonrpc": "2.0", "id": 1, "result": result}).to_string()
}

fn odoo_error(code: i64, name: &str, message: &str) -> Value {
    json!({"code": code, "message": "Odoo Server Error",
           "data": {"name": name, "message": message, "arguments": [message], "context": {}, "debug": "Traceback…"}})
}

fn failing(error: Value) -> String {
    json!({"jsonrpc": "2.0", "id": 1, "error": error}).to_string()
}

#[test]
fn request_body_is_odoo_s_envelope() {
    let body = request_body(7, &json!({"db": "d"}));
    let v: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(
        v,
        json!({"jsonrpc": "2.0", "method": "call", "params": {"db": "d"}, "id": 7})
    );
}

#[test]
fn ids_are_unique_across_threads() {
    let handles: Vec<_> = (0..4)
        .map(|_| std::thread::spawn(|| (0..1000).map(|_| next_id()).collect::<Vec<_>>()))
        .collect();
    let mut all: Vec<u64> = handles
        .into_iter()
        .flat_map(|h| h.join().unwrap())
        .collect();
    let n = all.len();
    all.sort_unstable();
    all.dedup();
    assert_eq!(all.len(), n);
}

#[test]
fn results_and_missing_results() {
    assert_eq!(
        decode_response(200, JSON, &answer(json!([1, 2])), true),
        Ok(json!([1, 2]))
    );
    // Odoo drops `result` when it is None (18/09a-session-destroy.txt).
    let none = r#"{"jsonrpc": "2.0", "id": 60}"#;
    assert_eq!(decode_response(200, JSON, none, true), Ok(Value::Null));
    assert_eq!(decode_call(&DestroySession, 200, JSON, none), Ok(()));
    // The content type is a hint: a JSON body is read whatever it says.
    assert_eq!(
        decode_response(200, None, &answer(json!(1)), false),
        Ok(json!(1))
    );
    assert_eq!(
        decode_response(200, HTML, &answer(json!(1)), false),
        Ok(json!(1))
    );
}

#[test]
fn odoo_errors_become_typed_errors() {
    let cases = [
        (
            odoo_error(100, "odoo.http.SessionExpiredException", "Session expired"),
            Error::SessionExpired,
        ),
        // Code 100 decides, whatever the name.
        (odoo_error(100, "", ""), Error::SessionExpired),
        (
            odoo_error(200, "odoo.exceptions.AccessDenied", "Access Denied"),
            Error::AccessDenied {
                message: "Access Denied".into(),
            },
        ),
        (
            odoo_error(
                200,
                "odoo.exceptions.AccessDenied",
                "Too many login failures, please wait a bit before trying again.",
            ),
            Error::TooManyAttempts {
                message: "Too many login failures, please wait a bit before trying again.".into(),
            },
        ),
        (
            odoo_error(200, "odoo.exceptions.AccessError", "Database not found."),
            Error::DatabaseNotFound,
        ),
        (
            odoo_error(200, "odoo.exceptions.AccessError", "No."),
            Error::AccessError {
                message: "No.".into(),
            },
        ),
        (
            odoo_error(200, "odoo.exceptions.MissingError", "Gone."),
            Error::MissingError {
                message: "Gone.".into(),
            },
        ),
        (
            odoo_error(200, "odoo.exceptions.UserError", "Set a name."),
            Error::UserError {
                message: "Set a name.".into(),
            },
        ),
        (
            odoo_error(200, "odoo.exceptions.RedirectWarning", "Configure."),
            Error::UserError {
                message: "Configure.".into(),
            },
        ),
        (
            odoo_error(200, "odoo.exceptions.ValidationError", "Bad VAT."),
            Error::ValidationError {
                message: "Bad VAT.".into(),
            },
        ),
        (
            odoo_error(404, "werkzeug.exceptions.NotFound", "404 Not Found"),
            Error::NotFound {
                message: "404 Not Found".into(),
            },
        ),
        (
            odoo_error(404, "some.Other", "nope"),
            Error::NotFound {
                message: "nope".into(),
            },
        ),
        (
            odoo_error(200, "odoo.addons.x.MyOwnError", "Custom."),
            Error::Server {
                code: 200,
                name: "odoo.addons.x.MyOwnError".into(),
                message: "Custom.".into(),
            },
        ),
        // No data: the top-level message is all there is.
        (
            json!({"code": 300, "message": "Something"}),
            Error::Server {
                code: 300,
                name: String::new(),
                message: "Something".into(),
            },
        ),
        (
            json!({}),
            Error::Server {
                code: 200,
                name: String::new(),
                message: String::new(),
            },
        ),
    ];
    for (error, want) in cases {
        assert_eq!(Error::from_odoo_error(&error), want, "{error}");
        assert_eq!(decode_response(200, JSON, &failing(error), true), Err(want));
    }
}

#[test]
fn answers_that_are_not_json_rpc() {
    let page = "<!DOCTYPE HTML>\n<title>404 Not Found</title>\n<h1>Not   Found</h1><p>The requested URL was not found.</p>";
    // Multi-database Odoo without a session: a 404 page.
    assert_eq!(
        decode_response(404, HTML, page, true),
        Err(Error::SessionExpired)
    );
    let Err(Error::Http {
        status: 404,
        excerpt,
    }) = decode_response(404, HTML, page, false)
    else {
        panic!()
    };
    assert_eq!(
        excerpt,
        "404 Not Found Not Found The requested URL was not found."
    );
    assert_eq!(
        decode_response(400, HTML, "Invalid JSON data", true),
        Err(Error::Http {
            status: 400,
            excerpt: "Invalid JSON data".into()
        })
    );
    // A gateway's page, and a gateway's JSON: both transient.
    for body in [
        "<html><body>Bad Gateway</body></html>",
        &failing(odoo_error(200, "x", "upstream down")),
    ] {
        let e = decode_response(502, None, body, true).unwrap_err();
        assert!(
            matches!(e, Error::Http { status: 502, .. }) && e.is_transient(),
            "{e:?}"
        );
    }
    // A rate limiter.
    assert!(matches!(
        decode_response(429, HTML, "slow down", false),
        Err(Error::Http { status: 429, .. })
    ));
    assert_eq!(
        decode_response(
            429,
            JSON,
            &failing(json!({"code": 429, "message": "Too many requests"})),
            false
        ),
        Err(Error::TooManyAttempts {
            message: "Too many requests".into()
        })
    );
    // A JSON answer with a status other than 200 and no error member.
    assert!(matches!(
        decode_response(500, JSON, &answer(json!(1)), true),
        Err(Error::Http { status: 500, .. })
    ));
    assert!(matches!(
        decode_response(500, JSON, "[1]", true),
        Err(Error::Http { status: 500, .. })
    ));
}

#[test]
fn json_that_is_not_an_envelope_says_what_is_wrong() {
    let shape = |body: &str| match decode_response(200, JSON, body, true) {
        Err(Error::Shape { detail }) => detail,
        other => panic!("{body}: {other:?}"),
    };
    assert!(shape("[1, 2]").contains("a list"));
    assert!(shape("\"hello\"").contains("a string"));
    assert!(shape("null").contains("null"));
    assert!(shape(r#"{"result": 1}"#).contains("jsonrpc"));
    assert!(shape(r#"{"jsonrpc": "1.0", "result": 1}"#).contains("\"1.0\""));
    assert!(shape(r#"{"jsonrpc": "2.0", "error": null}"#).contains("\"error\" is null"));
    assert!(shape(r#"{"jsonrpc": "2.0", "error": "boom"}"#).contains("a string"));
}

#[test]
fn explicit_bad_bodies() {
    // Empty, truncated, HTML with a 200: not JSON, so an HTTP-level error.
    for body in [
        "",
        "   ",
        r#"{"jsonrpc": "2.0", "id": 1, "resu"#,
        "<html>oops</html>",
        "\u{0}\u{1}",
    ] {
        assert!(
            matches!(
                decode_response(200, JSON, body, true),
                Err(Error::Http { status: 200, .. })
            ),
            "{body:?}"
        );
    }
    // Ids beyond i64 (serde reads them as floats): a shape error, not a panic.
    let huge = answer(json!([{"id": 99999999999999999999u128 as f64, "name": "x"}]));
    let search =
        SearchRead::<Partner>::new("res.partner", Domain::All, vec![], SearchOpts::default());
    assert!(matches!(
        decode_call(&search, 200, JSON, &huge),
        Err(Error::Shape { .. })
    ));
    let huge_uid =
        r#"{"jsonrpc":"2.0","id":1,"result":{"uid":123456789012345678901234567890,"db":"d"}}"#;
    assert!(matches!(
        decode_call(&GetSessionInfo, 200, JSON, huge_uid),
        Err(Error::Shape { .. })
    ));
    let huge_count = r#"{"jsonrpc":"2.0","id":1,"result":1e400}"#;
    let count = SearchCount::new("res.partner", Domain::All, Default::default());
    assert!(decode_call(&count, 200, JSON, huge_count).is_err());

    // null where an object belongs.
    assert!(matches!(
        decode_call(&GetSessionInfo, 200, JSON, &answer(Value::Null)),
        Err(Error::Shape { .. })
    ));
    let page = WebSearchRead::<Partner>::new(
        "res.partner",
        Domain::All,
        vec![],
        SearchOpts::default(),
        true,
    );
    assert!(matches!(
        decode_call(&page, 200, JSON, &answer(Value::Null)),
        Err(Error::Shape { .. })
    ));
    assert!(matches!(
        decode_call(
            &page,
            200,
            JSON,
            &answer(json!({"length": null, "records": []}))
        ),
        Err(Error::Shape { .. })
    ));

    // A result of the wrong type says where.
    let Err(Error::Shape { detail }) = decode_call(&search, 200, JSON, &answer(json!({"id": 1})))
    else {
        panic!()
    };
    assert_eq!(
        detail,
        "search_read: expected a list of records, got an object"
    );
    let Err(Error::Shape { detail }) = decode_call(
        &search,
        200,
        JSON,
        &answer(json!([{"id": 1}, {"id": "two"}])),
    ) else {
        panic!()
    };
    assert!(detail.starts_with("search_read: record 1:"), "{detail}");
    assert!(matches!(
        decode_call(&count, 200, JSON, &answer(json!("12"))),
        Err(Error::Shape { .. })
    ));
    assert!(matches!(
        decode_call(&DatabaseList, 200, JSON, &answer(json!({"a": 1}))),
        Err(Error::Shape { .. })
    ));
}

#[test]
fn one_sentence_for_people_per_error() {
    let access = Error::AccessError {
        message: "You are not allowed to access 'System Parameter' (ir.config_parameter) records.\n\nThis operation is allowed for the following groups:\n\t- Administration/Settings\n\nContact your administrator.".into(),
    };
    assert_eq!(
        access.user_message(),
        "You are not allowed to access 'System Parameter' (ir.config_parameter) records."
    );
    let cases = [
        (
            Error::SessionExpired,
            "Your session has expired. Please sign in again.",
        ),
        (
            Error::AccessDenied {
                message: "Access Denied".into(),
            },
            "Wrong login or password.",
        ),
        (
            Error::TooManyAttempts {
                message: "Too many login failures, please wait a bit before trying again.".into(),
            },
            "Too many login failures, please wait a bit before trying again.",
        ),
        (
            Error::DatabaseNotFound,
            "This server has no database by that name.",
        ),
        (
            Error::ValidationError {
                message: "The operation cannot be completed: Contacts require a name".into(),
            },
            "The operation cannot be completed: Contacts require a name",
        ),
        (
            Error::UserError {
                message: String::new(),
            },
            "Odoo refused this change.",
        ),
        (
            Error::Http {
                status: 502,
                excerpt: "Bad Gateway".into(),
            },
            "The server answered with an error page (HTTP 502).",
        ),
        (
            Error::Server {
                code: 200,
                name: "builtins.KeyError".into(),
                message: "res.nosuchmodel".into(),
            },
            "The server ran into an error (KeyError).",
        ),
        (
            Error::Network {
                detail: "connection refused".into(),
            },
            "The server could not be reached. Check your connection.",
        ),
    ];
    for (e, want) in cases {
        assert_eq!(e.user_message(), want, "{e:?}");
    }
    let every = [
        Error::SessionExpired,
        Error::AccessDenied {
            message: String::new(),
        },
        Error::TooManyAttempts {
            message: String::new(),
        },
        Error::DatabaseNotFound,
        Error::AccessError {
            message: String::new(),
        },
        Error::MissingError {
            message: String::new(),
        },
        Error::UserError {
            message: String::new(),
        },
        Error::ValidationError {
            message: String::new(),
        },
        Error::NotFound {
            message: String::new(),
        },
        Error::Server {
            code: 0,
            name: String::new(),
            message: String::new(),
        },
        Error::Http {
            status: 400,
            excerpt: String::new(),
        },
        Error::Network {
            detail: String::new(),
        },
        Error::Offline,
        Error::Timeout,
        Error::Cancelled,
        Error::Shape {
            detail: String::new(),
        },
    ];
    for e in every {
        let m = e.user_message();
        assert!(
            !m.is_empty() && !m.contains('\n') && m.ends_with('.'),
            "{e:?}: {m:?}"
        );
    }
}

#[test]
fn which_errors_are_transient_or_expired() {
    let transient = [
        Error::Http {
            status: 502,
            excerpt: String::new(),
        },
        Error::Http {
            status: 503,
            excerpt: String::new(),
        },
        Error::Http {
            status: 504,
            excerpt: String::new(),
        },
        Error::Network {
            detail: String::new(),
        },
        Error::Timeout,
    ];
    assert!(transient.iter().all(Error::is_transient));
    let lasting = [
        Error::Http {
            status: 500,
            excerpt: String::new(),
        },
        Error::Http {
            status: 404,
            excerpt: String::new(),
        },
        Error::SessionExpired,
        Error::Offline,
        Error::Cancelled,
        Error::AccessDenied {
            message: String::new(),
        },
        Error::Shape {
            detail: String::new(),
        },
    ];
    assert!(!lasting.iter().any(Error::is_transient));
    assert!(Error::SessionExpired.is_session_expired());
    assert!(!Error::AccessDenied {
        message: String::new()
    }
    .is_session_expired());
}

#[test]
fn excerpts_are_short_single_line_and_cut_on_char_boundaries() {
    let long = format!("<p>{}</p>", "é€😀 ".repeat(500));
    let Err(Error::Http { excerpt, .. }) = decode_response(500, HTML, &long, false) else {
        panic!()
    };
    assert!(
        excerpt.chars().count() <= 161 && excerpt.ends_with('…'),
        "{excerpt}"
    );
    assert!(!excerpt.contains('<') && !excerpt.contains("  "));
}

/// Any JSON value, a few levels deep.
fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<u64>().prop_map(|n| json!(n)),
        any::<f64>().prop_map(|f| json!(f)),
        ".{0,12}".prop_map(Value::String),
        prop_oneof![
            Just("id"),
            Just("uid"),
            Just("db"),
            Just("name"),
            Just("false")
        ]
        .prop_map(|s| json!(s)),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(
                prop_oneof![
                    Just("id".to_string()),
                    Just("uid".to_string()),
                    Just("db".to_string()),
                    Just("name".to_string()),
                    Just("parent_id".to_string()),
                    Just("category_id".to_string()),
                    Just("user_companies".to_string()),
                    Just("length".to_string()),
                    Just("records".to_string()),
                    Just("error".to_string()),
                    Just("result".to_string()),
                    Just("code".to_string()),
                    Just("data".to_string()),
                    "[a-z_]{1,8}",
                ],
                inner,
                0..6,
            )
            .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Every typed call decodes `body` without panicking.
fn decode_with_every_call(status: u16, ct: Option<&str>, body: &str) {
    let auth = Authenticate {
        db: String::new(),
        login: String::new(),
        password: String::new(),
    };
    let _ = decode_call(&auth, status, ct, body);
    let _ = decode_call(&GetSessionInfo, status, ct, body);
    let _ = decode_call(&DestroySession, status, ct, body);
    let _ = decode_call(&DatabaseList, status, ct, body);
    let _ = decode_call(&VersionInfo, status, ct, body);
    let _ = decode_call(
        &SearchRead::<Partner>::new("m", Domain::All, vec![], SearchOpts::default()),
        status,
        ct,
        body,
    );
    let _ = decode_call(
        &WebSearchRead::<Partner>::new("m", Domain::All, vec![], SearchOpts::default(), true),
        status,
        ct,
        body,
    );
    let _ = decode_call(&Read::<Partner>::new("m", vec![], vec![]), status, ct, body);
    let _ = decode_call(
        &SearchCount::new("m", Domain::All, Default::default()),
        status,
        ct,
        body,
    );
    let _ = decode_call(&NameSearch::new("m", "", Domain::All, 1), status, ct, body);
    let _ = decode_call(
        &FieldsGet {
            model: "m".into(),
            fields: vec![],
        },
        status,
        ct,
        body,
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn no_panic_on_any_text(status in any::<u16>(), json_ct in any::<bool>(), needs in any::<bool>(), body in ".{0,300}") {
        let ct = if json_ct { JSON } else { HTML };
        let _ = decode_response(status, ct, &body, needs);
        decode_with_every_call(status, ct, &body);
    }

    #[test]
    fn no_panic_on_any_bytes(status in any::<u16>(), bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let body = String::from_utf8_lossy(&bytes);
        decode_with_every_call(status, JSON, &body);
        if let Err(Error::Http { excerpt, .. }) = decode_response(status, None, &body, false) {
            prop_assert!(excerpt.chars().count() <= 161);
            prop_assert!(!excerpt.contains(['\n', '\t']) && !excerpt.contains("  "));
        }
    }

    #[test]
    fn no_panic_on_any_json(status in prop_oneof![Just(200u16), Just(404), Just(502), any::<u16>()], v in any_json()) {
        decode_with_every_call(status, JSON, &v.to_string());
        decode_with_every_call(status, JSON, &answer(v.clone()));
        decode_with_every_call(status, JSON, &failing(v.clone()));
        let _ = Error::from_odoo_error(&v).user_message();
        let _ = serde_json::from_value::<SessionInfo>(v.clone());
        let _ = serde_json::from_value::<Partner>(v.clone());
        let _ = Domain::from_json(&v);
    }

    #[test]
    fn any_odoo_error_is_typed_and_has_words(code in any::<i64>(), name in ".{0,30}", message in "(.|\n){0,80}") {
        let e = Error::from_odoo_error(&odoo_error(code, &name, &message));
        let words = e.user_message();
        prop_assert!(!words.is_empty() && !words.contains('\n'));
        if code == 100 { prop_assert_eq!(e, Error::SessionExpired); }
    }
}

#[test]
fn calls_report_whether_they_need_a_session() {
    let auth = Authenticate {
        db: String::new(),
        login: String::new(),
        password: String::new(),
    };
    assert!(!auth.needs_session() && !DatabaseList.needs_session() && !VersionInfo.needs_session());
    assert!(GetSessionInfo.needs_session() && DestroySession.needs_session());
    // So a multi-database 404 is "signed out" for these, an error for those.
    let page = common::load("16/07a-call_kw-no-cookie-multidb.txt");
    assert_eq!(
        decode_call(&GetSessionInfo, 404, HTML, &page.body),
        Err(Error::SessionExpired)
    );
    assert!(matches!(
        decode_call(&DatabaseList, 404, HTML, &page.body),
        Err(Error::Http { status: 404, .. })
    ));
}
