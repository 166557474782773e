//! The sign-in answer and `get_session_info`, key for key as each version
//! sends them (captured: 01, 12a, 12g of 16, 17, 18 and 19). Odoo 16
//! names the company in `company_id`; 17+ drop it for
//! `user_companies.current_company` and add `is_public`,
//! `is_internal_user`, `user_settings`; 16 and 17 end with `user_id` and
//! the tour and OdooBot flags, which 18 replaces with `view_info`,
//! `storeData`…; 19 adds `groups`, `registry_hash`, `quick_login` and drops
//! `cache_hashes`. A portal user gets no `user_companies` at all.

use crate::json::{jobj, Json};
use sha2::{Digest, Sha256};

/// What kind of user signed in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UserKind {
    Admin,
    Internal,
    Portal,
}

impl UserKind {
    pub fn parse(s: &str) -> UserKind {
        match s {
            "admin" => UserKind::Admin,
            "internal" => UserKind::Internal,
            _ => UserKind::Portal,
        }
    }
}

/// Everything about the user the answer needs.
pub struct Who<'a> {
    pub uid: i64,
    pub kind: UserKind,
    pub login: &'a str,
    pub name: &'a str,
    pub tz: Option<&'a str>,
    /// Odoo's language code (`fr_BE`).
    pub lang: &'a str,
    pub db: &'a str,
    pub partner_id: i64,
    pub partner_display_name: &'a str,
    pub partner_write_date: &'a str,
    /// `web.base.url`: where the client reached us.
    pub base_url: &'a str,
}

pub fn server_version(version: u8) -> String {
    crate::release(version).server_version.to_string()
}

pub fn version_info(version: u8) -> Json {
    jobj! {
        "server_version" => server_version(version),
        "server_version_info" => Json::Arr(vec![
            Json::from(version), Json::Int(0), Json::Int(0), Json::from("final"), Json::Int(0), Json::from(""),
        ]),
        "server_serie" => format!("{version}.0"),
        "protocol_version" => 1i64,
    }
}

/// A stable stand-in for a content hash.
fn hash_of(text: &str, len: usize) -> String {
    let hex: String = Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    hex.chars().cycle().take(len).collect()
}

pub fn session_info(version: u8, who: &Who<'_>) -> Json {
    let mut m = jobj! {};
    let settings = user_settings(who, version);
    user(&mut m, who, version, &settings);
    web_client(&mut m, who, version);
    if who.kind != UserKind::Portal {
        companies(&mut m, version);
    }
    ending(&mut m, who, version, settings);
    m
}

/// Who signed in, where, and on what server.
fn user(m: &mut Json, who: &Who<'_>, version: u8, settings: &Json) {
    let r = crate::release(version);
    let (v16, groups) = (r.session_info_16, r.session_info_groups);
    let admin = who.kind == UserKind::Admin;
    m.set("uid", who.uid);
    m.set("is_system", admin);
    m.set("is_admin", admin);
    if !v16 {
        m.set("is_public", false);
        m.set("is_internal_user", who.kind != UserKind::Portal);
    }
    let tz = who.tz.map_or(Json::Bool(false), Json::from);
    m.set(
        "user_context",
        jobj! { "lang" => who.lang, "tz" => tz, "uid" => who.uid },
    );
    m.set("db", who.db);
    if groups {
        m.set(
            "registry_hash",
            hash_of(&format!("registry-{}-{version}", who.db), 64),
        );
    }
    if !v16 {
        m.set("user_settings", settings.clone());
    }
    m.set("server_version", server_version(version));
    m.set(
        "server_version_info",
        version_info(version)
            .get("server_version_info")
            .cloned()
            .unwrap_or(Json::Null),
    );
    m.set("support_url", "https://www.odoo.com/buy");
    m.set("name", who.name);
    m.set("username", who.login);
    if groups {
        m.set("quick_login", true);
    }
    if !r.session_info_user_id {
        m.set("partner_write_date", who.partner_write_date);
    }
    m.set("partner_display_name", who.partner_display_name);
    if v16 {
        m.set("company_id", 1i64);
    }
    m.set("partner_id", who.partner_id);
    m.set("web.base.url", who.base_url);
}

/// What the web client is set up with: limits, cache keys, currencies.
fn web_client(m: &mut Json, who: &Who<'_>, version: u8) {
    let r = crate::release(version);
    let groups = r.session_info_groups;
    let internal = who.kind != UserKind::Portal;
    m.set("active_ids_limit", 20_000i64);
    m.set("profile_session", Json::Null);
    m.set("profile_collectors", Json::Null);
    m.set("profile_params", Json::Null);
    m.set("max_file_upload_size", 134_217_728i64);
    m.set("home_action_id", false);
    if !groups {
        let mut hashes =
            jobj! { "translations" => hash_of(&format!("translations-{version}"), 40) };
        if internal {
            hashes.set(
                "load_menus",
                hash_of(&format!("menus-{}-{version}", who.uid), 64),
            );
        }
        m.set("cache_hashes", hashes);
    }
    let mut currency = jobj! {};
    if groups {
        currency.set("name", "USD");
    }
    currency.set("symbol", "$");
    currency.set("position", "before");
    currency.set("digits", Json::Arr(vec![Json::Int(69), Json::Int(2)]));
    m.set("currencies", jobj! { "1" => currency });
    m.set("bundle_params", jobj! { "lang" => who.lang });
    if !r.session_info_user_id {
        m.set("test_mode", false);
        m.set("view_info", view_info());
    }
    if groups {
        m.set("groups", jobj! { "base.group_allow_export" => internal });
    }
}

/// An internal user's companies (a portal user gets none).
fn companies(m: &mut Json, version: u8) {
    let r = crate::release(version);
    let (v16, groups) = (r.session_info_16, r.session_info_groups);
    let mut company = jobj! { "id" => 1i64, "name" => "YourCompany", "sequence" => 0i64 };
    if !v16 {
        company.set("child_ids", Json::Arr(vec![]));
        company.set("parent_id", false);
    }
    if groups {
        company.set("currency_id", 1i64);
    }
    let mut companies =
        jobj! { "current_company" => 1i64, "allowed_companies" => jobj! { "1" => company } };
    if !v16 {
        companies.set("disallowed_ancestor_companies", Json::Obj(vec![]));
    }
    m.set("user_companies", companies);
    m.set("show_effect", true);
    if !groups {
        m.set("display_switch_company_menu", false);
    }
}

/// The end: 16 and 17's `user_id` and tour flags, or 18's discuss store.
fn ending(m: &mut Json, who: &Who<'_>, version: u8, settings: Json) {
    let r = crate::release(version);
    let internal = who.kind != UserKind::Portal;
    let admin = who.kind == UserKind::Admin;
    if r.session_info_user_id {
        m.set("user_id", Json::Arr(vec![Json::Int(who.uid)]));
        if !r.session_info_16 {
            m.set("websocket_worker_version", format!("{version}.0-1"));
        }
        if admin {
            m.set("web_tours", Json::Arr(vec![]));
            m.set("tour_disable", true);
        }
        if internal {
            m.set("notification_type", "email");
            m.set("odoobot_initialized", admin);
        }
    } else {
        m.set("websocket_worker_version", format!("{version}.0-5"));
        m.set("tour_enabled", false);
        m.set("current_tour", Json::Null);
        let store = if r.session_info_groups {
            store_data_with_users(who, settings)
        } else {
            store_data(who, settings)
        };
        m.set("storeData", store);
    }
    if admin {
        m.set("iap_company_enrich", true);
    }
}

/// The user's discuss settings, in the shape of the version's discuss.
fn user_settings(who: &Who<'_>, version: u8) -> Json {
    let r = crate::release(version);
    let id = match who.kind {
        UserKind::Admin => 1i64,
        UserKind::Internal => 2,
        UserKind::Portal => 3,
    };
    let mut s = jobj! { "id" => id };
    if r.session_info_groups {
        s.set("embedded_actions_config_ids", Json::Obj(vec![]));
    } else {
        s.set("user_id", jobj! { "id" => who.uid });
    }
    s.set("is_discuss_sidebar_category_channel_open", true);
    s.set("is_discuss_sidebar_category_chat_open", true);
    s.set("push_to_talk_key", false);
    s.set("use_push_to_talk", false);
    s.set("voice_active_duration", 200i64);
    let add_none = Json::Arr(vec![Json::Arr(vec![Json::from("ADD"), Json::Arr(vec![])])]);
    if r.session_info_user_id {
        s.set("volume_settings_ids", add_none);
        return s;
    }
    s.set("channel_notifications", false);
    if r.session_info_groups {
        s.set("user_id", jobj! { "id" => who.uid });
    } else {
        s.set("mute_until_dt", false);
    }
    s.set("volumes", add_none);
    s
}

/// A stand-in for the avatar access tokens Odoo signs.
fn access_token(who: &Who<'_>, what: &str, id: i64) -> String {
    format!(
        "{}o0x6b2f3078",
        hash_of(&format!("{what}-{id}-{}", who.db), 64)
    )
}

/// The discuss store Odoo 18 ships with the session (OdooBot and the user).
fn store_data(who: &Who<'_>, settings: Json) -> Json {
    let internal = who.kind != UserKind::Portal;
    let token = |id: i64| access_token(who, "avatar", id);
    let mut bot = jobj! {
        "active" => false,
        "avatar_128_access_token" => token(2),
    };
    if internal {
        bot.set("email", "odoobot@example.com");
    }
    bot.set("id", 2i64);
    bot.set("im_status", "bot");
    bot.set("isInternalUser", true);
    bot.set("is_company", false);
    bot.set("name", "OdooBot");
    bot.set("userId", 1i64);
    bot.set("write_date", who.partner_write_date);
    let me = jobj! {
        "active" => true,
        "avatar_128_access_token" => token(who.partner_id),
        "id" => who.partner_id,
        "isAdmin" => who.kind == UserKind::Admin,
        "isInternalUser" => internal,
        "name" => who.name,
        "notification_preference" => "email",
        "signature" => format!("<span data-o-mail-quote=\"1\">-- <br data-o-mail-quote=\"1\">{}</span>", who.name),
        "userId" => who.uid,
        "write_date" => who.partner_write_date,
    };
    jobj! {
        "Store" => jobj! {
            "action_discuss_id" => 109i64,
            "channel_types_with_seen_infos" => Json::Arr(vec![Json::from("chat"), Json::from("group")]),
            "hasGifPickerFeature" => false,
            "hasLinkPreviewFeature" => true,
            "hasMessageTranslationFeature" => false,
            "internalUserGroupId" => 1i64,
            "mt_comment_id" => 1i64,
            "odoobot" => jobj! { "id" => 2i64, "type" => "partner" },
            "self" => jobj! { "id" => who.partner_id, "type" => "partner" },
            "settings" => settings,
        },
        "res.partner" => Json::Arr(vec![bot, me]),
    }
}

/// 19's discuss store: records by id, and the users beside the partners.
fn store_data_with_users(who: &Who<'_>, settings: Json) -> Json {
    let internal = who.kind != UserKind::Portal;
    let mut bot = jobj! {
        "active" => false,
        "avatar_128_access_token" => access_token(who, "avatar", 2),
    };
    if internal {
        bot.set("email", "odoobot@example.com");
    }
    bot.set("id", 2i64);
    bot.set("im_status", "bot");
    bot.set("im_status_access_token", access_token(who, "im_status", 2));
    bot.set("is_company", false);
    bot.set("main_user_id", 1i64);
    bot.set("name", "OdooBot");
    bot.set("write_date", who.partner_write_date);
    let me = jobj! {
        "active" => true,
        "avatar_128_access_token" => access_token(who, "avatar", who.partner_id),
        "id" => who.partner_id,
        "im_status" => "offline",
        "im_status_access_token" => access_token(who, "im_status", who.partner_id),
        "main_user_id" => who.uid,
        "name" => who.name,
        "write_date" => who.partner_write_date,
    };
    let user = jobj! {
        "id" => who.uid,
        "is_admin" => who.kind == UserKind::Admin,
        "notification_type" => "email",
        "share" => !internal,
        "signature" => Json::Arr(vec![Json::from("markup"), Json::from(format!("<div>{}</div>", who.name))]),
    };
    jobj! {
        "Store" => jobj! {
            "action_discuss_id" => 109i64,
            "channel_types_with_seen_infos" => Json::Arr(vec![Json::from("chat"), Json::from("group")]),
            "hasCannedResponses" => internal,
            "hasGifPickerFeature" => false,
            "hasLinkPreviewFeature" => true,
            "hasMessageTranslationFeature" => false,
            "internalUserGroupId" => 1i64,
            "mt_comment" => 1i64,
            "mt_note" => 2i64,
            "odoobot" => 2i64,
            "self_partner" => who.partner_id,
            "settings" => settings,
        },
        "res.partner" => Json::Arr(vec![bot, me]),
        "res.users" => Json::Arr(vec![jobj! { "id" => 1i64, "share" => false }, user]),
    }
}

fn view_info() -> Json {
    let view = |name: &str, icon: &str, multi: bool| jobj! { "display_name" => name, "icon" => icon, "multi_record" => multi };
    jobj! {
        "list" => view("List", "oi oi-view-list", true),
        "form" => view("Form", "fa fa-address-card", false),
        "graph" => view("Graph", "fa fa-area-chart", true),
        "pivot" => view("Pivot", "oi oi-view-pivot", true),
        "calendar" => view("Calendar", "fa fa-calendar", true),
        "kanban" => view("Kanban", "oi oi-view-kanban", true),
        "search" => view("Search", "oi oi-search", true),
        "activity" => view("Activity", "fa fa-clock-o", true),
    }
}
