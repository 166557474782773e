mod edit;
mod login;
pub(crate) mod partner;
pub(crate) mod partners;
mod top_bar;

pub use edit::{edit_form, EditPage};
pub use login::{databases_shown, odoo_login_url, sign_in_message, LoginPage};
pub use partner::PartnerPage;
pub use partners::PartnersPage;
pub use top_bar::TopBar;

use leptos::prelude::*;
use leptos_router::NavigateOptions;

/// A move within a page (a search, a filter): it replaces the history
/// entry and keeps the scroll position, so Back leaves the page.
pub fn replace_url() -> NavigateOptions {
    NavigateOptions {
        replace: true,
        scroll: false,
        ..Default::default()
    }
}

/// Going elsewhere in place of this page (sign-in and back): Back does
/// not return to it.
pub fn redirect() -> NavigateOptions {
    NavigateOptions {
        replace: true,
        ..Default::default()
    }
}

/// Runs `then` once `ms` have passed with no other call on `ticket` since
/// (typing that pauses, a scroll that comes to rest), unless the page the
/// ticket belongs to is gone by then (a contact opened mid-debounce):
/// reading a disposed value would panic, and a panic stops the app.
pub fn after_quiet(ticket: StoredValue<u32>, ms: u32, then: impl FnOnce() + 'static) {
    let n = ticket.get_value().wrapping_add(1);
    ticket.set_value(n);
    leptos::task::spawn_local(async move {
        gloo_timers::future::TimeoutFuture::new(ms).await;
        if ticket.try_get_value() == Some(n) {
            then();
        }
    });
}

/// The message id of a contact field's label (the form's, the card's, a
/// conflict's).
pub fn field_label(field: &str) -> Option<&'static str> {
    Some(match field {
        "name" => "field-name",
        "parent_id" => "field-parent_id",
        "function" => "field-function",
        "email" => "field-email",
        "phone" => "field-phone",
        "mobile" => "field-mobile",
        "street" => "field-street",
        "city" => "field-city",
        "zip" => "field-zip",
        "country_id" => "field-country_id",
        "website" => "field-website",
        "category_id" => "field-category_id",
        "comment" => "field-comment",
        "active" => "field-active",
        _ => return None,
    })
}

/// What went wrong, in words, with a way to try again; the page around it
/// stays as it was.
#[component]
pub fn ErrorBar(message: String, retry: impl Fn() + Send + Sync + 'static) -> impl IntoView {
    view! {
        <div class="error-bar" role="alert">
            <span>{message}</span>
            <button type="button" on:click=move |_| retry()>{crate::i18n::t("retry")}</button>
        </div>
    }
}
