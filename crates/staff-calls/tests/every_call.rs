//! Every call the app can make, recorded for Odoo 16, 17, 18 and 19, and
//! checked twice: against odoo-rpc's version table (each field it reads
//! exists on that version, each it orders by can be sorted on, each it
//! searches can be searched), and against demo-odoo started as that
//! version, one and several databases, which must answer each without an
//! error and decode through the app's own types. A field, an order or a
//! keyword that a version lacks fails here, naming the call.

mod common;

use demo_odoo::{Config, DemoOdoo};
use odoo_rpc::versions::{Has, Release, MAJORS};
use odoo_rpc::{Call, Partner, ServerVersion, WebSearchPlan};
use serde_json::Value;
use staff_calls::edit::{self, FieldValue};
use staff_calls::query::{Kind, PartnerQuery};
use staff_calls::Save;
use std::net::SocketAddr;

/// One recorded call: what the app would send.
struct Recorded {
    name: String,
    path: String,
    params: Value,
}

fn record<C: Call>(name: impl Into<String>, call: &C) -> Recorded {
    Recorded {
        name: name.into(),
        path: call.path(),
        params: call.params(),
    }
}

/// What is wrong, on `release`, with the fields a `call_kw` reads, orders
/// by and searches.
fn problems(release: &Release, params: &Value) -> Vec<String> {
    let Some(model) = params["model"].as_str() else {
        return Vec::new();
    };
    let kw = &params["kwargs"];
    let mut out = Vec::new();
    // `verb` `f` must exist, and `able` must hold of it, or it is `unable`.
    let mut check = |verb: &str, f: &str, able: fn(&Has) -> bool, unable: &str| {
        let v = release.major;
        match release.field(model, f) {
            None => out.push(format!("{verb}{f}, which {v} lacks")),
            Some(h) if !able(&h) => out.push(format!("{verb}{f}, which {v} {unable}")),
            Some(_) => {}
        }
    };
    let listed = kw["fields"].as_array().into_iter().flatten();
    let specified = kw["specification"]
        .as_object()
        .into_iter()
        .flat_map(|o| o.keys());
    for f in listed
        .filter_map(Value::as_str)
        .chain(specified.map(String::as_str))
    {
        check(&format!("reads {model}."), f, |_| true, "");
    }
    for term in kw["order"].as_str().unwrap_or_default().split(',') {
        if let Some(f) = term.split_whitespace().next() {
            check("orders by ", f, |h| h.sortable, "cannot sort on");
        }
    }
    let domain = kw
        .get("domain")
        .or_else(|| params["args"].get(0).filter(|d| d.is_array()));
    for term in domain.and_then(Value::as_array).into_iter().flatten() {
        if let Some(f) = term.get(0).and_then(Value::as_str) {
            check("searches ", f, |h| h.searchable, "cannot search");
        }
    }
    out
}

struct Demo {
    url: String,
    _task: tokio::task::JoinHandle<()>,
}

async fn demo(version: u8, mono: bool) -> Demo {
    let config = Config {
        big_partners: 500,
        odoo_version: version,
        db_filter: mono.then(|| "demo".to_string()),
        ..Config::default()
    };
    let router = DemoOdoo::open(config).expect("demo opens").router();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let task = tokio::spawn(async move {
        axum::serve(
            listener,
            router.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .await
        .unwrap();
    });
    Demo { url, _task: task }
}

/// Sends `call` as the app does and decodes the answer with its own type.
async fn send<C: Call>(client: &reqwest::Client, url: &str, call: &C) -> Result<C::Output, String> {
    common::call(client, url, call)
        .await
        .map_err(|e| format!("{e:?}"))
}

fn note(failed: &mut Vec<String>, name: &str, r: Result<(), String>) {
    if let Err(e) = r {
        failed.push(format!("{name}: {e}"));
    }
}

/// Runs the app's journey against one demo, recording each call; returns
/// the calls and every failure, each naming its call.
async fn journey(version: u8, mono: bool) -> (Vec<Recorded>, Vec<String>) {
    let d = demo(version, mono).await;
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .unwrap();
    let mut calls = Vec::new();
    let mut failed = Vec::new();

    let c = staff_calls::databases();
    note(
        &mut failed,
        "database list",
        send(&client, &d.url, &c).await.map(drop),
    );
    calls.push(record("database list", &c));
    let c = staff_calls::sign_in("demo", "admin", "admin");
    let signed = send(&client, &d.url, &c).await;
    calls.push(record("sign-in", &c));
    let Ok(odoo_rpc::AuthOutcome::SignedIn(info)) = signed else {
        failed.push(format!("sign-in: {signed:?}"));
        return (calls, failed);
    };
    let v: ServerVersion = info.version();
    if v.major != u32::from(version) {
        failed.push(format!("the demo says it is {v}"));
    }
    let c = staff_calls::session_info();
    note(
        &mut failed,
        "session info",
        send(&client, &d.url, &c).await.map(drop),
    );
    calls.push(record("session info", &c));
    let c = staff_calls::reachability();
    note(
        &mut failed,
        "reachability",
        send(&client, &d.url, &c).await.map(drop),
    );
    calls.push(record("reachability", &c));

    let mut company = None;
    let mut person = None;
    for kind in [Kind::All, Kind::Companies, Kind::People] {
        for q in ["", "a", "Deco"] {
            let query = PartnerQuery::new(q, kind);
            for offset in [0, staff_calls::PAGE] {
                let name = format!("list {kind:?} q={q:?} offset={offset}");
                let rows = match staff_calls::contacts_page(&v, &query, offset) {
                    WebSearchPlan::One(c) => {
                        calls.push(record(&name, &c));
                        send(&client, &d.url, &c).await.map(|p| p.records)
                    }
                    WebSearchPlan::Fallback(read, count) => {
                        calls.push(record(format!("{name} (count)"), &count));
                        calls.push(record(&name, &read));
                        let n = send(&client, &d.url, &count).await.map(drop);
                        n.and(send(&client, &d.url, &read).await)
                    }
                };
                match rows {
                    Ok(rows) => {
                        if offset == 0 && q.is_empty() && rows.is_empty() {
                            failed.push(format!("{name}: no contacts"));
                        }
                        let first = |company: bool| rows.iter().find(|p| p.is_company == company);
                        company = company.or_else(|| first(true).cloned());
                        person = person.or_else(|| first(false).cloned());
                    }
                    Err(e) => failed.push(format!("{name}: {e}")),
                }
            }
        }
    }
    if company.is_none() || person.is_none() {
        failed.push("the lists showed no company or no person to open".into());
    }
    for p in [company.clone(), person].into_iter().flatten() {
        let c = staff_calls::contact(&v, p.id);
        let name = format!("card {}", p.id);
        match send(&client, &d.url, &c).await {
            Ok(rows) if rows.len() == 1 => {}
            other => failed.push(format!("{name}: {other:?}")),
        }
        calls.push(record(&name, &c));
        if p.is_company {
            let c = staff_calls::people_of(&v, p.id);
            note(
                &mut failed,
                "people",
                send(&client, &d.url, &c).await.map(drop),
            );
            calls.push(record("people", &c));
        }
        let avatar = staff_calls::avatar_url(&p);
        match client.get(format!("{}{avatar}", d.url)).send().await {
            Ok(r) if r.status() == 200 => {}
            other => failed.push(format!("avatar {avatar}: {other:?}")),
        }
    }
    let mut s = Session {
        client: &client,
        url: &d.url,
        v: &v,
        calls: &mut calls,
        failed: &mut failed,
    };
    if let Err(e) = edits(&mut s, info.uid, company.as_ref()).await {
        failed.push(e);
    }
    let c = staff_calls::sign_out();
    note(&mut failed, "sign-out", send(&client, &d.url, &c).await);
    calls.push(record("sign-out", &c));
    (calls, failed)
}

/// A signed-in client, and where its calls and failures go.
struct Session<'a> {
    client: &'a reqwest::Client,
    url: &'a str,
    v: &'a ServerVersion,
    calls: &'a mut Vec<Recorded>,
    failed: &'a mut Vec<String>,
}

impl Session<'_> {
    /// Sends `call`, recorded under `name`; its failure names it.
    async fn ask<C: Call>(&mut self, name: &str, call: &C) -> Result<C::Output, String> {
        self.calls.push(record(name, call));
        send(self.client, self.url, call)
            .await
            .map_err(|e| format!("{name}: {e}"))
    }

    /// A save as the version makes it: `web_save`, or `create`/`write`
    /// and then the card (16). `id`: the contact written, if known.
    async fn save<C: Call>(
        &mut self,
        name: &str,
        save: Save<C>,
        id: Option<i64>,
        id_of: fn(&C::Output) -> Option<i64>,
    ) -> Result<Partner, String> {
        let id = match save {
            Save::WebSave(c) => return self.ask(name, &c).await,
            Save::Then(c) => {
                let out = self.ask(name, &c).await?;
                id_of(&out).or(id).ok_or(format!("{name}: no id"))?
            }
        };
        let card = staff_calls::contact(self.v, id);
        let rows = self.ask(&format!("{name}, read back"), &card).await?;
        rows.into_iter().next().ok_or(format!("{name}: not found"))
    }

    /// Checks `ok` of what `name` answered; the failure names it.
    fn expect(&mut self, name: &str, ok: bool, got: impl std::fmt::Debug) {
        if !ok {
            self.failed.push(format!("{name}: {got:?}"));
        }
    }
}

/// The edit form's calls: the rights it asks about, its pickers, a new
/// tag, a new contact, an edit, archiving and restoring, and the search
/// that finds a create whose answer was lost.
async fn edits(s: &mut Session<'_>, uid: i64, company: Option<&Partner>) -> Result<(), String> {
    for op in ["write", "create"] {
        let may = s
            .ask(&format!("may {op}"), &staff_calls::may(s.v, op))
            .await?;
        s.expect(&format!("may {op}"), may == Value::Bool(true), may);
    }
    let found = s
        .ask("companies named", &staff_calls::companies_named("Deco"))
        .await?;
    s.expect("companies named", !found.is_empty(), found);
    for (model, text) in [("res.country", "a"), ("res.partner.category", "e")] {
        let name = format!("{model} named");
        let found = s.ask(&name, &staff_calls::named(model, text)).await?;
        s.expect(&name, !found.is_empty(), found);
    }
    let tag = "Every call tag";
    let before = s.ask("tags named", &staff_calls::tags_named(tag)).await?;
    s.expect("tags named, before", before.is_empty(), before);
    let (tag_id, _) = s.ask("new tag", &staff_calls::new_tag(tag)).await?;
    let after = s.ask("tags named", &staff_calls::tags_named(tag)).await?;
    s.expect(
        "tags named, after",
        after.iter().map(|t| t.id).eq([tag_id]),
        after,
    );

    let mut values = edit::blank(s.v, false);
    values.insert("name".into(), FieldValue::Text("Every Call".into()));
    values.insert(
        "email".into(),
        FieldValue::Text("every.call@example.com".into()),
    );
    let parent = company.map(|c| (c.id, c.name.clone()));
    values.insert("parent_id".into(), FieldValue::One(parent));
    values.insert(
        "category_id".into(),
        FieldValue::Tags(vec![(tag_id, tag.into())]),
    );
    let fields: Vec<String> = ["name", "email", "is_company", "parent_id", "category_id"]
        .map(String::from)
        .to_vec();
    let vals = edit::wire_values(&values, &fields).ok_or("a tag without an id")?;
    let create = staff_calls::create(s.v, vals.clone());
    let made = s.save("create", create, None, |id| Some(*id)).await?;
    let tagged = made.category_id.iter().map(|t| t.id).eq([tag_id]);
    s.expect(
        "create",
        tagged && made.parent_id.is_some() == company.is_some(),
        &made,
    );

    let since = "2000-01-01 00:00:00";
    let like = staff_calls::created_like(s.v, uid, since, &vals, &[]);
    let found = s.ask("created like", &like).await?;
    s.expect(
        "created like",
        found.iter().map(|p| p.id).eq([made.id]),
        found,
    );
    let like = staff_calls::created_like(s.v, uid, since, &vals, &[made.id]);
    let found = s.ask("created like, claimed", &like).await?;
    s.expect("created like, claimed", found.is_empty(), found);

    let phone = serde_json::Map::from_iter([("phone".into(), Value::from("+1 555 0100"))]);
    let update = staff_calls::update(s.v, made.id, phone);
    let edited = s.save("update", update, Some(made.id), |_| None).await?;
    s.expect(
        "update",
        edited.phone.as_deref() == Some("+1 555 0100"),
        &edited,
    );
    for active in [false, true] {
        let name = format!("set active {active}");
        s.ask(&name, &staff_calls::set_active(made.id, active))
            .await?;
        let card = s.ask(&name, &staff_calls::contact(s.v, made.id)).await?;
        s.expect(
            &name,
            card.iter().all(|p| p.active == active) && card.len() == 1,
            card,
        );
    }
    Ok(())
}

#[tokio::test]
async fn every_call_fits_every_version() {
    let mut failed = Vec::new();
    for version in MAJORS {
        let release = Release::get(version).unwrap();
        for mono in [false, true] {
            let (calls, errors) = journey(version, mono).await;
            let set_up = if mono { "one db" } else { "several dbs" };
            failed.extend(
                errors
                    .into_iter()
                    .map(|e| format!("{version} {set_up}: {e}")),
            );
            assert!(calls.len() > 20, "{version}: only {} calls", calls.len());
            for c in &calls {
                for p in problems(release, &c.params) {
                    failed.push(format!("{version} {}: {} {p}", c.name, c.path));
                }
            }
        }
    }
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}

/// The call that broke real Odoo 16: the list ordered by `complete_name`.
/// Both checks above catch it.
#[tokio::test]
async fn the_order_that_broke_odoo_16_is_caught_twice() {
    let v16 = ServerVersion::parse("16.0");
    let old = odoo_rpc::WebSearchRead::<Partner>::new(
        "res.partner",
        odoo_rpc::Domain::All,
        Partner::list_fields(&v16),
        odoo_rpc::SearchOpts {
            limit: Some(staff_calls::PAGE),
            order: Some("complete_name asc, id asc".into()),
            ..Default::default()
        },
        false,
    );
    let release = Release::get(16).unwrap();
    assert_eq!(
        problems(release, &old.params()),
        ["orders by complete_name, which 16 lacks"]
    );
    let d = demo(16, true).await;
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .unwrap();
    send(
        &client,
        &d.url,
        &staff_calls::sign_in("demo", "admin", "admin"),
    )
    .await
    .unwrap();
    let refused = send(&client, &d.url, &old).await.unwrap_err();
    assert!(
        refused.contains("builtins.ValueError")
            && refused.contains("Invalid field 'complete_name' on model 'res.partner'"),
        "{refused}"
    );
    // The same call as 17 orders it: accepted there.
    let d = demo(17, true).await;
    send(
        &client,
        &d.url,
        &staff_calls::sign_in("demo", "admin", "admin"),
    )
    .await
    .unwrap();
    let v17 = ServerVersion::parse("17.0");
    let page = staff_calls::contacts_page(&v17, &PartnerQuery::default(), 0);
    let WebSearchPlan::One(call) = page else {
        panic!("17 has web_search_read")
    };
    assert!(send(&client, &d.url, &call).await.is_ok());
}
