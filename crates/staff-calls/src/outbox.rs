//! Sending the user's changes, kept on the device until the server has
//! them: in order, each applied at most once, never over someone else's
//! newer value.
//!
//! - One change per contact: editing a contact whose change is not sent
//!   yet amends that change (the base stays where the first edit began).
//! - An edit carries its base (the server's values and `write_date` when
//!   the form opened). Before sending, the contact is read again and the
//!   two meet in [`merge`]: only what the user changed is sent, what only
//!   the server changed is kept, and a field both changed is a conflict.
//! - A change is marked [`Status::Unsure`] (and kept) before its request
//!   leaves. An update found unsure is simply merged again: if our write
//!   was applied, the server already holds our values and nothing is sent.
//!   A create found unsure is looked for first ([`created_like`]: created
//!   by this user since the first attempt, with exactly these values, and
//!   not already another change's contact), and only sent again if absent.
//! - Tags typed new are looked up by name before they are created, so a
//!   repeat finds the one made the first time.

use crate::edit::{
    self, merge, values_from_json, values_of, values_to_json, wire_values, Conflict, FieldValue,
    Values,
};
use crate::{contact, create, created_like, new_tag, tags_named, update, Save};
use odoo_rpc::{Call, CallKind, Error, Partner, ServerVersion};
use serde_json::{json, Value};

/// Where the edit started: the contact as the server had it.
#[derive(Clone, Debug, PartialEq)]
pub struct Base {
    pub write_date: Option<String>,
    pub values: Values,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Status {
    /// Waiting for the server.
    Queued,
    /// Sent, and the answer never came: it may or may not be applied.
    Unsure,
    /// Fields changed on both sides; the user settles them with
    /// [`Change::resolve`]. `base` is the server's side at that time.
    Conflict {
        conflicts: Vec<Conflict>,
        base: Base,
    },
    /// The server said no; the message in plain words, and the field it
    /// names when it names one. Saving again re-queues.
    Refused {
        message: String,
        field: Option<String>,
    },
    /// The server has it.
    Saved,
}

/// One change waiting on the device.
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    /// Unique on this device; also the order of the queue.
    pub key: String,
    /// The contact; `None` for a create not applied yet.
    pub id: Option<i64>,
    /// `None` for a create.
    pub base: Option<Base>,
    pub mine: Values,
    pub status: Status,
    /// The first time a create was sent (`"YYYY-MM-DD HH:MM:SS"` UTC):
    /// where the search for it starts if its answer was lost.
    pub first_sent: Option<String>,
    /// A create's values as last sent: what to look for if its answer was
    /// lost (the user may have edited the new contact since).
    pub sent: Option<Values>,
    /// Attempts that got no answer, for the back-off.
    pub tries: u32,
    /// The contact as the server saved it.
    pub saved: Option<Partner>,
}

impl Change {
    pub fn create(key: String, mine: Values) -> Change {
        Change::new(key, None, None, mine)
    }

    pub fn update(key: String, version: &ServerVersion, server: &Partner, mine: Values) -> Change {
        let base = Base {
            write_date: server.write_date.clone(),
            values: values_of(version, server),
        };
        Change::new(key, Some(server.id), Some(base), mine)
    }

    fn new(key: String, id: Option<i64>, base: Option<Base>, mine: Values) -> Change {
        Change {
            key,
            id,
            base,
            mine,
            status: Status::Queued,
            first_sent: None,
            sent: None,
            tries: 0,
            saved: None,
        }
    }

    /// A new edit of the same contact before this one was sent: the
    /// user's latest values, from the same base.
    pub fn amend(&mut self, mine: Values) {
        self.mine = mine;
        if !matches!(self.status, Status::Unsure) {
            self.status = Status::Queued;
        }
    }

    /// Settles a conflict: for each field, `true` keeps the user's value,
    /// `false` takes the server's. The server's side becomes the base, so
    /// the next send writes exactly the fields the user kept.
    pub fn resolve(&mut self, keep_mine: &dyn Fn(&str) -> bool) {
        let Status::Conflict { conflicts, base } = &self.status else {
            return;
        };
        let was = self
            .base
            .as_ref()
            .map(|b| b.values.clone())
            .unwrap_or_default();
        let dropped = |f: &str| conflicts.iter().any(|c| c.field == f) && !keep_mine(f);
        // The server's values, with the user's own changes on top: what
        // only the server changed is not undone by the next send.
        let mut next = base.values.clone();
        for f in edit::changed(&was, &self.mine) {
            if let Some(v) = self.mine.get(&f).filter(|_| !dropped(&f)) {
                next.insert(f, v.clone());
            }
        }
        self.mine = next;
        self.base = Some(base.clone());
        self.status = Status::Queued;
    }

    /// Saved, but the user has edited it since: the rest is sent as an
    /// update from what the server saved.
    fn requeue(&mut self, version: &ServerVersion) {
        if let Some(p) = &self.saved {
            self.base = Some(Base {
                write_date: p.write_date.clone(),
                values: values_of(version, p),
            });
            self.status = Status::Queued;
        }
    }

    /// Takes the result of sending `sent` (a copy of this change taken
    /// before it was sent). If the user edited the change meanwhile, their
    /// newer values stay, to be sent next.
    pub fn absorb(&mut self, version: &ServerVersion, sent: &Change, result: Change) {
        let edited = self.mine != sent.mine;
        let mine = std::mem::replace(self, result).mine;
        if !edited {
            return;
        }
        self.mine = mine;
        match self.status {
            Status::Saved => self.requeue(version),
            // Worked out for the values before the edit: again.
            Status::Conflict { .. } | Status::Refused { .. } => self.status = Status::Queued,
            Status::Queued | Status::Unsure => {}
        }
    }

    /// Still to be sent (or to be found out about).
    pub fn pending(&self) -> bool {
        matches!(self.status, Status::Queued | Status::Unsure)
    }
}

/// What the outbox needs from its surroundings: the server, and a store
/// that keeps a change (it must be durable before [`Env::keep`] returns:
/// a change is kept as unsure before its request leaves).
// The app runs on one thread (wasm): its futures are not Send, and need
// not be.
#[allow(async_fn_in_trait)]
pub trait Env {
    /// Sends one request; the JSON-RPC envelope's `result`.
    async fn send(&self, request: Request) -> Result<Value, Error>;
    async fn keep(&self, change: &Change);
}

/// One request, whatever the call: what a transport needs. The sending
/// code takes this one type rather than each call's, so the app's
/// WebAssembly holds one copy of it, not one per call type.
pub struct Request {
    pub path: String,
    pub params: Value,
    pub kind: CallKind,
    pub needs_session: bool,
}

impl Request {
    pub fn of(call: &impl Call) -> Request {
        Request {
            path: call.path(),
            params: call.params(),
            kind: call.kind(),
            needs_session: call.needs_session(),
        }
    }
}

/// Sends `call` through `env` and decodes the answer.
pub async fn ask<C: Call>(env: &impl Env, call: &C) -> Result<C::Output, Error> {
    call.decode(env.send(Request::of(call)).await?)
}

/// Who is sending, on what.
pub struct Ctx<'a> {
    pub version: &'a ServerVersion,
    pub uid: i64,
    /// Now, `"YYYY-MM-DD HH:MM:SS"` UTC.
    pub now: String,
}

/// Whether Odoo looked at the request and said no (nothing was applied),
/// rather than the request or its answer going missing.
pub fn refused(e: &Error) -> bool {
    matches!(
        e,
        Error::AccessError { .. }
            | Error::MissingError { .. }
            | Error::UserError { .. }
            | Error::ValidationError { .. }
            | Error::NotFound { .. }
            | Error::Server { .. }
    )
}

/// The form field an Odoo refusal is about, when it says.
pub fn field_named(message: &str) -> Option<String> {
    if message.contains("require a name") {
        return Some("name".into());
    }
    let quoted = message
        .split('\'')
        .skip(1)
        .step_by(2)
        .find(|w| edit::kind_of(w).is_some());
    if let Some(f) = quoted {
        return Some(f.to_string());
    }
    edit::FORM
        .iter()
        .map(|(f, _)| *f)
        .find(|f| f.ends_with("_id") && message.contains(&format!("res_partner_{f}_fkey")))
        .map(str::to_string)
}

/// Sends one change. `Ok` when it reached a state the user or the server
/// settled (saved, conflict, refused); `Err` when the server could not be
/// reached or the answer was lost: the change is to be sent again later,
/// after the ones before it. The change is kept (through [`Env::keep`])
/// before any request that may apply it leaves; keeping its outcome is
/// the caller's (the app writes it, or drops it once saved, after showing
/// it).
pub async fn send(
    env: &impl Env,
    ctx: &Ctx<'_>,
    change: &mut Change,
    claimed: &[i64],
) -> Result<(), Error> {
    if !change.pending() {
        return Ok(());
    }
    let outcome = match create_tags(env, change).await {
        Ok(()) if change.id.is_none() => send_create(env, ctx, change, claimed).await,
        Ok(()) => send_update(env, ctx, change).await,
        Err(e) => Err(e),
    };
    match outcome {
        Err(e) if refused(&e) => {
            change.status = Status::Refused {
                // The whole message: the field may be named past the first
                // paragraph the user is shown ("Constraint: …_fkey").
                field: e.server_message().and_then(field_named),
                message: e.user_message(),
            };
        }
        Err(e) => {
            change.tries += 1;
            return Err(e);
        }
        Ok(()) => {}
    }
    change.tries = 0;
    Ok(())
}

async fn create_tags(env: &impl Env, change: &mut Change) -> Result<(), Error> {
    let Some(FieldValue::Tags(tags)) = change.mine.get("category_id").cloned() else {
        return Ok(());
    };
    if tags.iter().all(|(id, _)| *id > 0) {
        return Ok(());
    }
    let mut made = Vec::with_capacity(tags.len());
    for (id, name) in tags {
        let id = if id > 0 {
            id
        } else if let Some(found) = ask(env, &tags_named(&name)).await?.first() {
            found.id
        } else {
            ask(env, &new_tag(&name)).await?.0
        };
        made.push((id, name));
    }
    change
        .mine
        .insert("category_id".into(), FieldValue::Tags(made));
    env.keep(change).await;
    Ok(())
}

/// The fields a new contact is created with: every one the user filled.
fn filled(mine: &Values) -> Vec<String> {
    mine.iter()
        .filter(|(_, v)| match v {
            FieldValue::Text(t) => !t.trim().is_empty(),
            FieldValue::Flag(_) => true,
            FieldValue::One(o) => o.is_some(),
            FieldValue::Tags(t) => !t.is_empty(),
        })
        .map(|(f, _)| f.clone())
        .collect()
}

async fn send_create(
    env: &impl Env,
    ctx: &Ctx<'_>,
    change: &mut Change,
    claimed: &[i64],
) -> Result<(), Error> {
    let vals = wire_values(&change.mine, &filled(&change.mine)).ok_or(Error::Shape {
        detail: "a tag was not created".into(),
    })?;
    if let (Status::Unsure, Some(since), Some(sent)) =
        (&change.status, &change.first_sent, &change.sent)
    {
        let sent_vals = wire_values(sent, &filled(sent)).unwrap_or_default();
        let look = created_like(ctx.version, ctx.uid, since, &sent_vals, claimed);
        if let Some(found) = ask(env, &look).await?.into_iter().next() {
            let edited_since = change.mine != *sent;
            saved(change, found)?;
            if edited_since {
                change.requeue(ctx.version);
            }
            return Ok(());
        }
    }
    change.first_sent.get_or_insert_with(|| ctx.now.clone());
    change.sent = Some(change.mine.clone());
    change.status = Status::Unsure;
    env.keep(change).await;
    let partner = match create(ctx.version, vals) {
        Save::WebSave(call) => ask(env, &call).await?,
        Save::Then(call) => {
            let id = ask(env, &call).await?;
            change.id = Some(id);
            read_back(env, ctx, id).await?
        }
    };
    saved(change, partner)
}

async fn send_update(env: &impl Env, ctx: &Ctx<'_>, change: &mut Change) -> Result<(), Error> {
    let Some(id) = change.id else {
        return Ok(());
    };
    let server = read_back(env, ctx, id).await?;
    let theirs = values_of(ctx.version, &server);
    let mut base = change.base.clone().map(|b| b.values).unwrap_or_default();
    if let (Status::Unsure, Some(sent)) = (&change.status, &change.sent) {
        // The last request's answer was lost, and it may have been applied
        // before the user edited again: where the server holds what it
        // sent, the change there is ours, not someone else's.
        for (field, value) in sent {
            if theirs.get(field).is_some_and(|t| t.same(value)) {
                base.insert(field.clone(), value.clone());
            }
        }
        // Kept as the base: the next request, if it too is lost, replaces
        // `sent`, and these values on the server must still count as ours
        // (the property test found an edit after two lost attempts taken
        // for a conflict).
        if let Some(b) = change.base.as_mut() {
            b.values = base.clone();
        }
    }
    let m = merge(&base, &change.mine, &theirs);
    if !m.conflicts.is_empty() {
        change.status = Status::Conflict {
            conflicts: m.conflicts,
            base: Base {
                write_date: server.write_date.clone(),
                values: theirs,
            },
        };
        return Ok(());
    }
    if m.send.is_empty() {
        return saved(change, server);
    }
    let vals = wire_values(&change.mine, &m.send).ok_or(Error::Shape {
        detail: "a tag was not created".into(),
    })?;
    change.sent = Some(change.mine.clone());
    change.status = Status::Unsure;
    env.keep(change).await;
    let partner = match update(ctx.version, id, vals) {
        Save::WebSave(call) => ask(env, &call).await?,
        Save::Then(call) => {
            ask(env, &call).await?;
            read_back(env, ctx, id).await?
        }
    };
    saved(change, partner)
}

async fn read_back(env: &impl Env, ctx: &Ctx<'_>, id: i64) -> Result<Partner, Error> {
    ask(env, &contact(ctx.version, id))
        .await?
        .into_iter()
        .next()
        .ok_or(Error::MissingError {
            message: "This contact was deleted on the server.".into(),
        })
}

fn saved(change: &mut Change, partner: Partner) -> Result<(), Error> {
    change.id = Some(partner.id);
    change.saved = Some(partner);
    change.status = Status::Saved;
    Ok(())
}

/// Sends every pending change in order, keeping each one's outcome.
/// Stops at the first that could not reach the server (the later ones
/// wait: the order is kept); a conflict or a refusal does not hold the
/// others back.
pub async fn drain(env: &impl Env, ctx: &Ctx<'_>, changes: &mut [Change]) -> Result<(), Error> {
    for i in 0..changes.len() {
        let claimed: Vec<i64> = changes
            .iter()
            .enumerate()
            .filter(|(j, _)| *j != i)
            .filter_map(|(_, c)| c.id)
            .collect();
        let sent = send(env, ctx, &mut changes[i], &claimed).await;
        env.keep(&changes[i]).await;
        sent?;
    }
    Ok(())
}

// ------------------------------------------------------------ on the device

fn base_to_json(b: &Base) -> Value {
    json!({"write_date": b.write_date, "values": values_to_json(&b.values)})
}

fn base_from_json(v: &Value) -> Option<Base> {
    Some(Base {
        write_date: v.get("write_date")?.as_str().map(str::to_string),
        values: values_from_json(v.get("values")?),
    })
}

fn status_to_json(s: &Status) -> Value {
    match s {
        Status::Queued => json!({"is": "queued"}),
        Status::Unsure => json!({"is": "unsure"}),
        Status::Saved => json!({"is": "saved"}),
        Status::Refused { message, field } => {
            json!({"is": "refused", "message": message, "field": field})
        }
        Status::Conflict { conflicts, base } => json!({
            "is": "conflict",
            "base": base_to_json(base),
            "fields": conflicts.iter().map(|c| c.field.clone()).collect::<Vec<_>>(),
            "mine": values_to_json(&conflicts.iter().map(|c| (c.field.clone(), c.mine.clone())).collect()),
            "was": values_to_json(&conflicts.iter().map(|c| (c.field.clone(), c.base.clone())).collect()),
        }),
    }
}

fn status_from_json(v: &Value) -> Option<Status> {
    Some(match v.get("is")?.as_str()? {
        "queued" => Status::Queued,
        "unsure" => Status::Unsure,
        "saved" => Status::Saved,
        "refused" => Status::Refused {
            message: v.get("message")?.as_str()?.to_string(),
            field: v.get("field").and_then(Value::as_str).map(str::to_string),
        },
        "conflict" => {
            let base = base_from_json(v.get("base")?)?;
            let mine = values_from_json(v.get("mine")?);
            let was = values_from_json(v.get("was")?);
            let conflicts = v
                .get("fields")?
                .as_array()?
                .iter()
                .filter_map(|f| {
                    let f = f.as_str()?;
                    Some(Conflict {
                        field: f.to_string(),
                        base: was.get(f)?.clone(),
                        mine: mine.get(f)?.clone(),
                        theirs: base.values.get(f)?.clone(),
                    })
                })
                .collect();
            Status::Conflict { conflicts, base }
        }
        _ => return None,
    })
}

impl Change {
    /// The change as the device keeps it.
    pub fn to_json(&self) -> Value {
        json!({
            "key": self.key,
            "id": self.id,
            "base": self.base.as_ref().map(base_to_json),
            "mine": values_to_json(&self.mine),
            "status": status_to_json(&self.status),
            "first_sent": self.first_sent,
            "sent": self.sent.as_ref().map(values_to_json),
            "tries": self.tries,
            "saved": self.saved.as_ref().and_then(|p| serde_json::to_value(p).ok()),
        })
    }

    /// Reads back [`Change::to_json`]; `None` if it is not one.
    pub fn from_json(v: &Value) -> Option<Change> {
        let text = |k: &str| v.get(k).and_then(Value::as_str).map(str::to_string);
        Some(Change {
            key: text("key")?,
            id: v.get("id").and_then(Value::as_i64),
            base: match v.get("base") {
                Some(Value::Null) | None => None,
                Some(b) => Some(base_from_json(b)?),
            },
            mine: values_from_json(v.get("mine")?),
            status: status_from_json(v.get("status")?)?,
            first_sent: text("first_sent"),
            sent: v.get("sent").filter(|s| !s.is_null()).map(values_from_json),
            tries: v.get("tries").and_then(Value::as_u64).unwrap_or(0) as u32,
            saved: v
                .get("saved")
                .filter(|s| !s.is_null())
                .and_then(|s| Partner::from_json(s).ok()),
        })
    }
}
