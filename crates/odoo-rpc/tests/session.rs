//! Sign-in and session-info answers from Odoo 16 and 18, for an admin, an
//! internal user and a portal user, decode to `SessionInfo`.

mod common;

use odoo_rpc::{
    decode_call, AuthOutcome, Authenticate, Call, GetSessionInfo, ServerVersion, SessionInfo,
    VersionInfo,
};
use serde_json::json;

fn sign_in(name: &str) -> SessionInfo {
    let t = common::load(name);
    let call = Authenticate {
        db: String::new(),
        login: String::new(),
        password: String::new(),
    };
    match decode_call(&call, t.status, t.content_type(), &t.body) {
        Ok(AuthOutcome::SignedIn(info)) => info,
        other => panic!("{name}: {other:?}"),
    }
}

fn session_info(name: &str) -> SessionInfo {
    let t = common::load(name);
    decode_call(&GetSessionInfo, t.status, t.content_type(), &t.body)
        .unwrap_or_else(|e| panic!("{name}: {e:?}"))
}

#[test]
fn odoo_16_admin() {
    let s = sign_in("16/01-authenticate-ok.txt");
    assert_eq!((s.uid, s.db.as_str()), (2, "odoo_demo"));
    assert_eq!(
        (s.name.as_str(), s.username.as_str()),
        ("Mitchell Admin", "admin")
    );
    assert_eq!(s.partner_id, Some(3));
    assert_eq!(
        s.partner_display_name.as_deref(),
        Some("YourCompany, Mitchell Admin")
    );
    assert_eq!(s.company_id, Some(1));
    assert_eq!(s.current_company_id(), Some(1));
    assert_eq!(s.current_company_name(), Some("YourCompany"));
    assert!(s.is_admin && s.is_system);
    assert_eq!(s.is_internal_user, None, "16 does not send it");
    assert_eq!(s.user_context.lang.as_deref(), Some("en_US"));
    assert_eq!(s.user_context.tz.as_deref(), Some("Europe/Brussels"));
    assert_eq!(s.user_context.uid, Some(2));
    assert_eq!(s.web_base_url.as_deref(), Some("http://127.0.0.1:8069"));
    let v = s.version();
    assert_eq!((v.major, v.minor, v.raw.as_str()), (16, 0, "16.0-20230301"));
}

#[test]
fn odoo_16_portal_user_has_no_companies_but_a_company_id() {
    let s = sign_in("16/12a-authenticate-portal-user.txt");
    assert_eq!((s.uid, s.username.as_str()), (7, "portal"));
    assert!(s.user_companies.is_none());
    assert_eq!(s.current_company_id(), Some(1), "from company_id");
    assert_eq!(s.user_context.tz, None, "tz false is no time zone");
    assert!(!s.is_admin && !s.is_system);
    assert_eq!(session_info("16/12f-portal-get_session_info.txt").uid, 7);
}

#[test]
fn odoo_16_mono_database_and_demo_user() {
    let s = sign_in("16/15a-authenticate-ok-monodb.txt");
    assert_eq!((s.uid, s.db.as_str()), (2, "odoo_demo"));
    assert_eq!(s.web_base_url.as_deref(), Some("http://127.0.0.1:8070"));
    let d = sign_in("16/12g-authenticate-demo-internal-user.txt");
    assert_eq!((d.uid, d.username.as_str()), (6, "demo"));
    assert!(!d.is_admin);
    assert_eq!(d.current_company_id(), Some(1));
    assert_eq!(session_info("16/15b-get-session-info-monodb.txt"), s);
}

#[test]
fn odoo_18_admin_has_no_company_id_but_user_companies() {
    let s = sign_in("18/01-authenticate-ok.txt");
    assert_eq!((s.uid, s.db.as_str()), (2, "odoo18_demo"));
    assert_eq!(s.company_id, None, "gone in 18");
    assert_eq!(s.current_company_id(), Some(1));
    assert_eq!(s.current_company_name(), Some("YourCompany"));
    assert_eq!(s.is_internal_user, Some(true));
    assert!(s.is_admin);
    let v = s.version();
    assert_eq!((v.major, v.minor), (18, 0));
    assert_eq!(
        session_info("18/04a-get-session-info-with-cookie.txt").uid,
        2
    );
}

#[test]
fn odoo_18_demo_and_portal_users() {
    let demo = sign_in("18/12g-authenticate-demo-internal-user.txt");
    assert_eq!((demo.uid, demo.name.as_str()), (6, "Marc Demo"));
    assert!(!demo.is_admin && !demo.is_system);
    assert_eq!(demo.is_internal_user, Some(true));
    assert_eq!(demo.current_company_id(), Some(1));
    assert_eq!(session_info("18/12h-demo-get_session_info.txt").uid, 6);

    let portal = sign_in("18/12a-authenticate-portal-user.txt");
    assert_eq!(portal.uid, 7);
    assert_eq!(portal.is_internal_user, Some(false));
    assert_eq!(
        portal.current_company_id(),
        None,
        "neither company_id nor user_companies"
    );
    assert_eq!(portal.user_context.tz, None);
}

#[test]
fn two_factor_answer_is_not_a_session() {
    let body = json!({"jsonrpc": "2.0", "id": 1, "result": {"uid": null}}).to_string();
    let call = Authenticate {
        db: "d".into(),
        login: "l".into(),
        password: "p".into(),
    };
    assert_eq!(
        decode_call(&call, 200, Some("application/json"), &body),
        Ok(AuthOutcome::TwoFactorRequired)
    );
}

#[test]
fn authenticate_sends_what_odoo_reads() {
    let t = common::load("16/01-authenticate-ok.txt");
    let sent = t.params().unwrap();
    let call = Authenticate {
        db: sent["db"].as_str().unwrap().into(),
        login: sent["login"].as_str().unwrap().into(),
        password: sent["password"].as_str().unwrap().into(),
    };
    assert_eq!(call.path(), t.route());
    assert_eq!(call.params(), sent);
    assert!(!call.needs_session());
}

#[test]
fn session_info_survives_a_round_trip_through_storage() {
    // The app keeps the last session on the device as JSON.
    for name in [
        "16/01-authenticate-ok.txt",
        "16/12a-authenticate-portal-user.txt",
        "18/01-authenticate-ok.txt",
        "18/12a-authenticate-portal-user.txt",
    ] {
        let s = sign_in(name);
        let stored = serde_json::to_string(&s).unwrap();
        let back: SessionInfo = serde_json::from_str(&stored).unwrap();
        assert_eq!(back, s, "{name}");
    }
}

#[test]
fn version_info_and_versions() {
    for (name, major) in [
        ("16/11a-version_info.txt", 16),
        ("18/11a-version_info.txt", 18),
    ] {
        let t = common::load(name);
        let v = decode_call(&VersionInfo, t.status, t.content_type(), &t.body).unwrap();
        assert_eq!((v.major, v.minor), (major, 0), "{name}");
    }
    let cases = [
        (json!([17, 0, 0, "final", 0, ""]), "17.0-20240101", (17, 0)),
        (
            json!(["saas~17", 2, 0, "final", 0, ""]),
            "saas~17.2+e",
            (17, 2),
        ),
        (json!([]), "saas~18.3+e", (18, 3)),
        (json!([]), "19.0", (19, 0)),
        (json!([]), "", (0, 0)),
        (json!([]), "master", (0, 0)),
        (json!([-1, "x"]), "99999999999.1", (0, 0)),
    ];
    for (info, raw, (major, minor)) in cases {
        let v = ServerVersion::from_parts(info.as_array().unwrap(), raw);
        assert_eq!((v.major, v.minor), (major, minor), "{info} {raw:?}");
        assert_eq!(v.raw, raw);
    }
    let v = ServerVersion::parse("18.2");
    assert!(v.at_least(18, 2) && v.at_least(17, 9) && !v.at_least(18, 3) && !v.at_least(19, 0));
    assert!(!ServerVersion::parse("").is_known());
}

#[test]
fn a_session_info_of_the_wrong_shape_says_what_and_where() {
    for (bad, says) in [
        (json!([]), "expected an object"),
        (json!({"db": "x"}), "missing field `uid`"),
        (
            json!({"uid": 2, "db": "x", "user_context": 5}),
            "user_context",
        ),
        (
            json!({"uid": 2, "db": "x", "user_companies": {"current_company": "one"}}),
            "current_company",
        ),
        (json!({"uid": 2, "db": "x", "is_admin": "yes"}), "is_admin"),
    ] {
        let e = SessionInfo::from_json(&bad).unwrap_err();
        assert!(e.contains(says), "{bad}: {e}");
    }
}
