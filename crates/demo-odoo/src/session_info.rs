//! The sign-in answer and `get_session_info`, key for key as each version
//! sends them (captured: 16/01, 16/12a, 16/12g, 18/01, 18/12a, 18/12g).
//! Odoo 16 names the company in `company_id` and the user in `user_id`;
//! 17+ drop both for `user_companies.current_company`, and add
//! `is_public`, `is_internal_user`, `user_settings`, `view_info`… A portal
//! user gets no `user_companies` at all. 17 and 19 were not captured: they
//! are given 18's shape.

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
    pub db: &'a str,
    pub partner_id: i64,
    pub partner_display_name: &'a str,
    pub partner_write_date: &'a str,
    /// `web.base.url`: where the client reached us.
    pub base_url: &'a str,
}

pub fn server_version(version: u8) -> String {
    // 16's is the captured build; the others are plausible builds.
    let build = match version {
        16 => "20230301",
        17 => "20240901",
        18 => "20250702",
        _ => "20251001",
    };
    format!("{version}.0-{build}")
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
    let internal = who.kind != UserKind::Portal;
    let admin = who.kind == UserKind::Admin;
    let v16 = crate::release(version).session_info_16;
    let tz = who.tz.map_or(Json::Bool(false), Json::from);
    let mut m = jobj! {
        "uid" => who.uid,
        "is_system" => admin,
        "is_admin" => admin,
    };
    if !v16 {
        m.set("is_public", false);
        m.set("is_internal_user", internal);
    }
    m.set(
        "user_context",
        jobj! { "lang" => "en_US", "tz" => tz, "uid" => who.uid },
    );
    m.set("db", who.db);
    let settings = user_settings(who);
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
    if !v16 {
        m.set("partner_write_date", who.partner_write_date);
    }
    m.set("partner_display_name", who.partner_display_name);
    if v16 {
        m.set("company_id", 1i64);
    }
    m.set("partner_id", who.partner_id);
    m.set("web.base.url", who.base_url);
    m.set("active_ids_limit", 20_000i64);
    m.set("profile_session", Json::Null);
    m.set("profile_collectors", Json::Null);
    m.set("profile_params", Json::Null);
    m.set("max_file_upload_size", 134_217_728i64);
    m.set("home_action_id", false);
    let mut hashes = jobj! { "translations" => hash_of(&format!("translations-{version}"), 40) };
    if internal {
        hashes.set(
            "load_menus",
            hash_of(&format!("menus-{}-{version}", who.uid), 64),
        );
    }
    m.set("cache_hashes", hashes);
    m.set(
        "currencies",
        jobj! { "1" => jobj! { "symbol" => "$", "position" => "before", "digits" => Json::Arr(vec![Json::Int(69), Json::Int(2)]) } },
    );
    m.set("bundle_params", jobj! { "lang" => "en_US" });
    if !v16 {
        m.set("test_mode", false);
        m.set("view_info", view_info());
    }
    if internal {
        let company = if v16 {
            jobj! { "id" => 1i64, "name" => "YourCompany", "sequence" => 0i64 }
        } else {
            jobj! { "id" => 1i64, "name" => "YourCompany", "sequence" => 0i64, "child_ids" => Json::Arr(vec![]), "parent_id" => false }
        };
        let mut companies =
            jobj! { "current_company" => 1i64, "allowed_companies" => jobj! { "1" => company } };
        if !v16 {
            companies.set("disallowed_ancestor_companies", Json::Obj(vec![]));
        }
        m.set("user_companies", companies);
        m.set("show_effect", true);
        m.set("display_switch_company_menu", false);
    }
    if v16 {
        m.set("user_id", Json::Arr(vec![Json::Int(who.uid)]));
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
        m.set("storeData", store_data(who, settings));
    }
    if admin {
        m.set("iap_company_enrich", true);
    }
    m
}

fn user_settings(who: &Who<'_>) -> Json {
    let id = match who.kind {
        UserKind::Admin => 1i64,
        UserKind::Internal => 2,
        UserKind::Portal => 3,
    };
    jobj! {
        "id" => id,
        "user_id" => jobj! { "id" => who.uid },
        "is_discuss_sidebar_category_channel_open" => true,
        "is_discuss_sidebar_category_chat_open" => true,
        "push_to_talk_key" => false,
        "use_push_to_talk" => false,
        "voice_active_duration" => 200i64,
        "channel_notifications" => false,
        "mute_until_dt" => false,
        "volumes" => Json::Arr(vec![Json::Arr(vec![Json::from("ADD"), Json::Arr(vec![])])]),
    }
}

/// The discuss store Odoo 18 ships with the session (OdooBot and the user).
fn store_data(who: &Who<'_>, settings: Json) -> Json {
    let internal = who.kind != UserKind::Portal;
    let token = |id: i64| {
        format!(
            "{}o0x6b2f3078",
            hash_of(&format!("avatar-{id}-{}", who.db), 64)
        )
    };
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
