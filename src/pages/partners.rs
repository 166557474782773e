//! `/partners`: search as you type, filters, records and the total in one
//! round trip, more rows as the user scrolls, and only the rows near the
//! viewport in the DOM.

use crate::contacts;
use crate::list::{self, range_label, visible_range};
use crate::pages::{clock, replace_url, TopBar};
use crate::query::{Kind, PartnerQuery};
use crate::rpc::Latest;
use crate::session::use_session;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_query_map};
use odoo_rpc::{Error, Partner};

const DEBOUNCE_MS: u32 = 250;

#[derive(Clone, Debug, PartialEq)]
pub enum Load {
    Idle,
    Loading,
    Failed(String),
}

/// The list for one query, kept in context so that coming back from a
/// contact shows it at once, at the same scroll position.
#[derive(Clone, Copy)]
pub struct ListState {
    pub query: RwSignal<Option<PartnerQuery>>,
    pub rows: RwSignal<Vec<Partner>>,
    pub total: RwSignal<Option<u64>>,
    pub load: RwSignal<Load>,
    pub scroll_top: RwSignal<f64>,
    /// Showing contacts kept on the device, fetched at this time (ms).
    pub offline_at: RwSignal<Option<f64>>,
}

impl ListState {
    fn use_or_provide() -> ListState {
        use_context::<ListState>().unwrap_or_else(|| {
            let s = ListState {
                query: RwSignal::new(None),
                rows: RwSignal::new(Vec::new()),
                total: RwSignal::new(None),
                load: RwSignal::new(Load::Idle),
                scroll_top: RwSignal::new(0.0),
                offline_at: RwSignal::new(None),
            };
            provide_context(s);
            s
        })
    }
}

#[component]
pub fn PartnersPage() -> impl IntoView {
    let session = use_session();
    let params = use_query_map();
    let navigate = use_navigate();
    let state = ListState::use_or_provide();
    let latest = Latest::default();
    {
        let latest = latest.clone();
        on_cleanup(move || latest.abort());
    }

    let url_query = Memo::new(move |_| {
        let p = params.read();
        PartnerQuery::new(
            &p.get("q").unwrap_or_default(),
            Kind::parse(p.get("kind").as_deref()),
        )
    });
    let text = RwSignal::new(url_query.get_untracked().q);
    let network = crate::offline::network::use_network();

    // Loads one page for the URL's query; `append` continues the list.
    let load = {
        let latest = latest.clone();
        move |append: bool| {
            if session.info.with_untracked(Option::is_none) {
                return;
            }
            let query = url_query.get_untracked();
            let offset = if append {
                state.rows.with_untracked(|r| r.len() as u64)
            } else {
                0
            };
            let signal = latest.next();
            state.load.set(Load::Loading);
            spawn_local(async move {
                let result = contacts::page(session, &query, offset, signal.clone()).await;
                // A newer query replaced this one: its answer is never shown.
                if signal.as_ref().is_some_and(|s| s.aborted())
                    || url_query.get_untracked() != query
                {
                    return;
                }
                match result {
                    Ok(page) => {
                        state.offline_at.set(page.kept_at);
                        state.total.set(Some(page.total));
                        if append {
                            state.rows.update(|r| r.extend(page.rows));
                        } else {
                            state.rows.set(page.rows);
                            state.scroll_top.set(0.0);
                        }
                        state.query.set(Some(query));
                        state.load.set(Load::Idle);
                    }
                    Err(Error::Cancelled) => {}
                    Err(e) => state.load.set(Load::Failed(e.user_message())),
                }
            });
        }
    };

    // Back online after showing kept contacts (or an error): refresh.
    {
        let load = load.clone();
        Effect::new(move |was: Option<bool>| {
            let now = network.reachable.get();
            if was == Some(false)
                && now
                && (state.offline_at.get_untracked().is_some()
                    || matches!(state.load.get_untracked(), Load::Failed(_)))
            {
                load(false);
            }
            now
        });
    }

    // A new query (or a session that just arrived) loads page one, unless
    // this very list is what we kept.
    {
        let load = load.clone();
        Effect::new(move |_| {
            let q = url_query.get();
            if !session.is_signed_in() {
                return;
            }
            if state.query.get_untracked().as_ref() != Some(&q) {
                load(false);
            }
        });
    }

    // Typing updates the URL after a pause; the URL drives the search.
    let pending_typing = StoredValue::new(0u32);
    let on_input = {
        let navigate = navigate.clone();
        move |ev: leptos::ev::Event| {
            let value = event_target_value(&ev);
            text.set(value.clone());
            let ticket = pending_typing.get_value().wrapping_add(1);
            pending_typing.set_value(ticket);
            let navigate = navigate.clone();
            spawn_local(async move {
                gloo_timers::future::TimeoutFuture::new(DEBOUNCE_MS).await;
                if pending_typing.get_value() != ticket {
                    return;
                }
                let next = PartnerQuery::new(&value, url_query.get_untracked().kind);
                if next != url_query.get_untracked() {
                    navigate(&next.url(), replace_url());
                }
            });
        }
    };
    // Back/forward changes the URL: the box follows.
    Effect::new(move |_| {
        let q = url_query.get().q;
        if text.get_untracked().trim() != q {
            text.set(q);
        }
    });

    let set_kind = {
        let navigate = navigate.clone();
        move |kind: Kind| {
            let next = PartnerQuery::new(&text.get_untracked(), kind);
            navigate(&next.url(), replace_url());
        }
    };

    let viewport = RwSignal::new(800.0);
    let scroller = NodeRef::<leptos::html::Div>::new();
    let load_more = load.clone();
    let on_scroll = move |_| {
        if let Some(el) = scroller.get_untracked() {
            state.scroll_top.set(el.scroll_top() as f64);
            viewport.set(el.client_height() as f64);
        }
        let len = state.rows.with_untracked(Vec::len);
        let (_, end) = visible_range(
            state.scroll_top.get_untracked(),
            viewport.get_untracked(),
            len,
        );
        let more = state
            .total
            .get_untracked()
            .is_some_and(|t| (len as u64) < t);
        if more && end + 20 >= len && state.load.get_untracked() == Load::Idle {
            load_more(true);
        }
    };
    // Back on this page: put the list where the user left it.
    Effect::new(move |_| {
        if let Some(el) = scroller.get() {
            viewport.set(el.client_height() as f64);
            el.set_scroll_top(state.scroll_top.get_untracked() as i32);
        }
    });

    let retry = {
        let load = load.clone();
        move |_| {
            let append = !state.rows.with_untracked(Vec::is_empty)
                && state.query.get_untracked() == Some(url_query.get_untracked());
            load(append)
        }
    };

    let visible = move || {
        let len = state.rows.with(Vec::len);
        let (start, end) = visible_range(state.scroll_top.get(), viewport.get(), len);
        state.rows.with(|r| {
            r[start..end]
                .iter()
                .enumerate()
                .map(|(i, p)| (start + i, p.clone()))
                .collect::<Vec<_>>()
        })
    };

    let kinds = [Kind::All, Kind::Companies, Kind::People];
    view! {
        <TopBar/>
        <section class="partners" aria-labelledby="contacts-title">
            <h1 id="contacts-title" class="visually-hidden">"Contacts"</h1>
            <div class="toolbar">
                <label for="search" class="visually-hidden">"Search contacts"</label>
                <input id="search" type="search" placeholder="Search name, email, reference, VAT…"
                    autocomplete="off" prop:value=move || text.get() on:input=on_input/>
                <div class="filters" role="group" aria-label="Show">
                    {kinds.into_iter().map(|k| {
                        let set_kind = set_kind.clone();
                        view! {
                            <button type="button" class="chip"
                                aria-pressed=move || (url_query.get().kind == k).to_string()
                                on:click=move |_| set_kind(k)>{k.label()}</button>
                        }
                    }).collect_view()}
                </div>
                <p class="count" aria-live="polite">
                    {move || range_label(state.rows.with(Vec::len), state.total.get())}
                </p>
            </div>
            {move || state.offline_at.get().map(|at| view! {
                <p class="offline-bar" role="status">{format!("Offline — showing contacts saved at {}", clock(at))}</p>
            })}
            {move || match state.load.get() {
                Load::Failed(msg) => view! {
                    <div class="error-bar" role="alert">
                        <span>{msg}</span>
                        <button type="button" on:click=retry.clone()>"Retry"</button>
                    </div>
                }.into_any(),
                _ => ().into_any(),
            }}
            <div class="list" node_ref=scroller on:scroll=on_scroll tabindex="-1">
                <Show when=move || state.load.get() == Load::Loading && state.rows.with(Vec::is_empty)>
                    <ul class="skeleton" aria-hidden="true">
                        {(0..8).map(|_| view! { <li class="row"><span class="avatar"></span><span class="bar"></span></li> }).collect_view()}
                    </ul>
                    <p class="visually-hidden" role="status">"Loading contacts…"</p>
                </Show>
                <Show when=move || state.load.get() == Load::Idle && state.total.get() == Some(0)>
                    <p class="empty" role="status">"No contacts match."</p>
                </Show>
                <ul class="rows" role="list"
                    data-q=move || state.query.get().map(|q| q.q).unwrap_or_default()
                    data-state=move || match state.load.get() { Load::Idle => "idle", Load::Loading => "loading", Load::Failed(_) => "failed" }
                    style:height=move || list::rows_px(state.rows.with(Vec::len))>
                    <For each=visible key=|(i, p)| (*i, p.id) let((i, p))>
                        <PartnerRow index=i partner=p/>
                    </For>
                </ul>
            </div>
        </section>
    }
}

#[component]
fn PartnerRow(index: usize, partner: Partner) -> impl IntoView {
    let href = format!("/partners/{}", partner.id);
    let avatar = staff_calls::avatar_url(&partner);
    let company = partner.parent_id.as_ref().map(|m| m.name.clone());
    let place = [
        partner.city.clone(),
        partner.country_id.as_ref().map(|c| c.name.clone()),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(", ");
    let subtitle = [company, partner.function.clone()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" · ");
    let phone = partner.phone.clone().or_else(|| partner.mobile.clone());
    let name = partner.name.clone();
    view! {
        <li class="row" style:transform=format!("translateY({})", list::rows_px(index))>
            <img class="avatar" src=avatar alt="" loading="lazy" width="40" height="40" decoding="async"/>
            <div class="who">
                <a class="name" href=href>{name}</a>
                <span class="sub">{subtitle}</span>
                <span class="sub">{place}</span>
            </div>
            <div class="reach">
                {partner.email.clone().map(|e| view! { <a href=format!("mailto:{e}") class="email">{e.clone()}</a> })}
                {phone.map(|p| view! { <a href=format!("tel:{}", p.replace(' ', "")) class="phone">{p.clone()}</a> })}
            </div>
        </li>
    }
}
