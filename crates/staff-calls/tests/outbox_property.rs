//! The outbox against demo-odoo, with the network failing at random: a
//! request that never leaves, or one applied whose answer is lost. Any
//! sequence of creates, edits, failures and reconnects must end with the
//! server holding each change exactly once: one contact per create, with
//! the user's last values.

mod common;

use demo_odoo::{Config, DemoOdoo};
use odoo_rpc::{Error, ServerVersion};
use proptest::prelude::*;
use serde_json::{json, Value};
use staff_calls::edit::{blank, FieldValue, Values};
use staff_calls::outbox::{drain, Change, Ctx, Env, Request, Status};
use std::cell::Cell;
use std::net::SocketAddr;

#[derive(Clone, Copy, Debug)]
enum Fault {
    None,
    /// The request never reaches the server.
    Lost,
    /// The server applies it; the answer never comes back.
    AnswerLost,
}

fn fault() -> impl Strategy<Value = Fault> {
    prop_oneof![
        3 => Just(Fault::None),
        1 => Just(Fault::Lost),
        1 => Just(Fault::AnswerLost),
    ]
}

#[derive(Clone, Debug)]
enum Step {
    /// A new contact (n-th of this run).
    Create,
    /// The user edits the `which`-th contact made so far (any state).
    Edit { which: usize, email: u8 },
    /// The network comes back: the outbox drains.
    Reconnect,
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        2 => Just(Step::Create),
        2 => (0usize..8, any::<u8>()).prop_map(|(which, email)| Step::Edit { which, email }),
        2 => Just(Step::Reconnect),
    ]
}

struct Flaky {
    client: reqwest::Client,
    url: String,
    faults: Vec<Fault>,
    next: Cell<usize>,
}

impl Flaky {
    fn fault(&self) -> Fault {
        let i = self.next.get();
        self.next.set(i + 1);
        // Once the script is used up the network holds: every run ends.
        self.faults.get(i).copied().unwrap_or(Fault::None)
    }
}

impl Env for Flaky {
    async fn send(&self, request: Request) -> Result<Value, Error> {
        let fault = self.fault();
        if let Fault::Lost = fault {
            return Err(Error::Network {
                detail: "injected: never sent".into(),
            });
        }
        let answer = common::post(&self.client, &self.url, &request).await;
        if let Fault::AnswerLost = fault {
            return Err(Error::Timeout);
        }
        answer
    }

    async fn keep(&self, _change: &Change) {}
}

async fn demo(version: u8) -> String {
    let config = Config {
        odoo_version: version,
        db_filter: Some("demo".into()),
        ..Config::default()
    };
    let router = DemoOdoo::open(config).expect("demo opens").router();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("a port");
    let url = format!("http://{}", listener.local_addr().expect("an address"));
    tokio::spawn(async move {
        let _ = axum::serve(
            listener,
            router.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .await;
    });
    url
}

async fn signed_in(url: &str) -> (reqwest::Client, i64) {
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .expect("a client");
    let call = staff_calls::sign_in("demo", "demo", "demo");
    let uid = match common::call(&client, url, &call).await {
        Ok(odoo_rpc::AuthOutcome::SignedIn(info)) => info.uid,
        other => panic!("demo/demo signs in: {other:?}"),
    };
    (client, uid)
}

/// The user's outbox, as the app keeps it: one change per contact.
struct User {
    changes: Vec<Change>,
    /// Per contact made: its change's key, and its last values.
    made: Vec<(String, Values)>,
}

impl User {
    fn edit(&mut self, version: &ServerVersion, which: usize, email: u8) {
        let Some((key, values)) = self.made.get_mut(which) else {
            return;
        };
        values.insert("email".into(), FieldValue::Text(format!("e{email}@x.test")));
        let mine = values.clone();
        let c = self
            .changes
            .iter_mut()
            .find(|c| &c.key == key)
            .expect("every contact made has its change");
        if c.pending() {
            c.amend(mine);
        } else if let Some(saved) = c.saved.clone() {
            *c = Change::update(c.key.clone(), version, &saved, mine);
        }
    }
}

fn now() -> String {
    // Far enough back for the demo's clock and ours to agree.
    "2000-01-01 00:00:00".into()
}

async fn run(version: u8, url: &str, steps: Vec<Step>, faults: Vec<Fault>, tag: u64) {
    let (client, uid) = signed_in(url).await;
    let server_version = ServerVersion::parse(&format!("{version}.0"));
    let env = Flaky {
        client: client.clone(),
        url: url.to_string(),
        faults,
        next: Cell::new(0),
    };
    let ctx = Ctx {
        version: &server_version,
        uid,
        now: now(),
    };
    let mut user = User {
        changes: Vec::new(),
        made: Vec::new(),
    };
    for s in steps {
        match s {
            Step::Create => {
                let n = user.made.len();
                let key = format!("{n:04}");
                let mut v = blank(&server_version, false);
                v.insert("name".into(), FieldValue::Text(format!("Prop {tag} #{n}")));
                user.changes.push(Change::create(key.clone(), v.clone()));
                user.made.push((key, v));
            }
            Step::Edit { which, email } => user.edit(&server_version, which, email),
            Step::Reconnect => {
                let _ = drain(&env, &ctx, &mut user.changes).await;
            }
        }
    }
    // The network holds from here: everything goes through.
    for _ in 0..50 {
        if drain(&env, &ctx, &mut user.changes).await.is_ok()
            && user.changes.iter().all(|c| !c.pending())
        {
            break;
        }
    }
    for (i, c) in user.changes.iter().enumerate() {
        assert_eq!(c.status, Status::Saved, "change {i} ends saved: {c:?}");
    }
    // Each contact made is on the server exactly once, as last edited.
    for (n, (_, values)) in user.made.iter().enumerate() {
        let name = format!("Prop {tag} #{n}");
        let call = odoo_rpc::SearchRead::<odoo_rpc::Partner>::new(
            "res.partner",
            odoo_rpc::Domain::leaf("name", "=", json!(name)),
            vec!["email".into()],
            odoo_rpc::SearchOpts::default(),
        );
        let rows = common::call(&client, url, &call).await.expect("rows");
        assert_eq!(rows.len(), 1, "{name} is on the server once: {rows:?}");
        let want = match values.get("email") {
            Some(FieldValue::Text(t)) if !t.is_empty() => Some(t.clone()),
            _ => None,
        };
        assert_eq!(rows[0].email, want, "{name} holds the last edit");
    }
}

fn check(version: u8) {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .expect("a runtime");
    let url = rt.block_on(demo(version));
    let counter = Cell::new(0u64);
    let cases = ProptestConfig {
        cases: 48,
        ..ProptestConfig::default()
    };
    proptest!(cases, |(steps in proptest::collection::vec(step(), 1..24),
                       faults in proptest::collection::vec(fault(), 0..60))| {
        counter.set(counter.get() + 1);
        rt.block_on(run(version, &url, steps, faults, counter.get()));
    });
}

#[test]
fn every_change_lands_exactly_once_on_16() {
    check(16);
}

#[test]
fn every_change_lands_exactly_once_on_18() {
    check(18);
}
