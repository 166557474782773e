//! What each supported Odoo version has: the one place in the workspace
//! that names a version number. The field rows are what real 16.0, 17.0,
//! 18.0 and 19.0 servers said of themselves in `fields_get`
//! (`fixtures/odoo-wire/fields/`, checked row by row by
//! `tests/versions.rs`); the behaviours are what their transcripts show.
//! The app builds its calls from it, and demo-odoo decides from it what to
//! answer and what to refuse, so the two cannot disagree about a version.

use crate::session::ServerVersion;

/// The Odoo majors this workspace speaks, oldest first.
pub const MAJORS: [u8; 4] = [16, 17, 18, 19];

/// What `fields_get` says of a field on one version.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Has {
    /// A column of its own (`store`).
    pub stored: bool,
    /// May be named in `order` (`sortable`).
    pub sortable: bool,
    /// May be named in a domain (`searchable`).
    pub searchable: bool,
}

/// One field of one model, on each of [`MAJORS`] (`None`: the version does
/// not have it, and any call naming it fails there).
#[derive(Clone, Copy, Debug)]
pub struct FieldRow {
    pub model: &'static str,
    pub name: &'static str,
    pub on: [Option<Has>; 4],
}

impl FieldRow {
    /// The field on `major`; `None` when that version lacks it or is not
    /// one of [`MAJORS`].
    pub fn on(&self, major: u8) -> Option<Has> {
        index(major).and_then(|i| self.on[i])
    }
}

fn index(major: u8) -> Option<usize> {
    MAJORS.iter().position(|m| *m == major)
}

const fn has(stored: bool, sortable: bool, searchable: bool) -> Option<Has> {
    Some(Has {
        stored,
        sortable,
        searchable,
    })
}

/// A column: orders and searches.
const COLUMN: Option<Has> = has(true, true, true);
/// Stored elsewhere (to-many, attachments): searched, never ordered by.
const LISTED: Option<Has> = has(true, false, true);
/// Computed, with a search method.
const SEARCHED: Option<Has> = has(false, false, true);
/// Computed, nothing else.
const COMPUTED: Option<Has> = has(false, false, false);
/// Delegated to another model's column (`res.users.name` is the
/// partner's): ordered and searched through it.
const DELEGATED: Option<Has> = has(false, true, true);
const NONE: Option<Has> = None;

/// `display_name` where no column holds it: computed, and searchable from
/// 18 on.
const COMPUTED_NAME: [Option<Has>; 4] = [COMPUTED, COMPUTED, SEARCHED, SEARCHED];

const fn all(h: Option<Has>) -> [Option<Has>; 4] {
    [h, h, h, h]
}

const fn row(model: &'static str, name: &'static str, on: [Option<Has>; 4]) -> FieldRow {
    FieldRow { model, name, on }
}

/// Every field the app or demo-odoo names, on the four models the fixtures
/// describe. Columns: 16, 17, 18, 19.
pub static FIELDS: &[FieldRow] = &[
    // res.partner
    row("res.partner", "id", all(COLUMN)),
    row("res.partner", "name", all(COLUMN)),
    // Odoo 17 made `complete_name` the stored name that contacts sort by.
    row(
        "res.partner",
        "complete_name",
        [NONE, COLUMN, COLUMN, COLUMN],
    ),
    // Stored (and so the sort key) only up to 16.
    row(
        "res.partner",
        "display_name",
        [COLUMN, COMPUTED, SEARCHED, SEARCHED],
    ),
    row("res.partner", "parent_id", all(COLUMN)),
    row("res.partner", "child_ids", all(LISTED)),
    row("res.partner", "ref", all(COLUMN)),
    row("res.partner", "vat", all(COLUMN)),
    row("res.partner", "company_registry", all(COLUMN)),
    row("res.partner", "website", all(COLUMN)),
    row("res.partner", "comment", all(COLUMN)),
    row("res.partner", "category_id", all(LISTED)),
    row("res.partner", "active", all(COLUMN)),
    row("res.partner", "function", all(COLUMN)),
    row("res.partner", "type", all(COLUMN)),
    row("res.partner", "street", all(COLUMN)),
    row("res.partner", "street2", all(COLUMN)),
    row("res.partner", "zip", all(COLUMN)),
    row("res.partner", "city", all(COLUMN)),
    row("res.partner", "state_id", all(COLUMN)),
    row("res.partner", "country_id", all(COLUMN)),
    row("res.partner", "email", all(COLUMN)),
    row("res.partner", "phone", all(COLUMN)),
    // Removed in 19 (odoo/odoo#189739, saas~18.2).
    row("res.partner", "mobile", [COLUMN, COLUMN, COLUMN, NONE]),
    row("res.partner", "title", [COLUMN, COLUMN, COLUMN, NONE]),
    row("res.partner", "is_company", all(COLUMN)),
    row("res.partner", "company_type", all(COMPUTED)),
    row("res.partner", "user_ids", all(LISTED)),
    row("res.partner", "commercial_partner_id", all(COLUMN)),
    row("res.partner", "image_128", all(LISTED)),
    row("res.partner", "avatar_128", all(COMPUTED)),
    row("res.partner", "create_date", all(COLUMN)),
    row("res.partner", "create_uid", all(COLUMN)),
    row("res.partner", "write_date", all(COLUMN)),
    row("res.partner", "write_uid", all(COLUMN)),
    // The old concurrency stamp: a field only on 16.
    row("res.partner", "__last_update", [COMPUTED, NONE, NONE, NONE]),
    // res.country
    row("res.country", "id", all(COLUMN)),
    row("res.country", "name", all(COLUMN)),
    row("res.country", "code", all(COLUMN)),
    row("res.country", "display_name", COMPUTED_NAME),
    row("res.country", "state_ids", all(LISTED)),
    // res.partner.category
    row("res.partner.category", "id", all(COLUMN)),
    row("res.partner.category", "name", all(COLUMN)),
    row("res.partner.category", "color", all(COLUMN)),
    row("res.partner.category", "parent_id", all(COLUMN)),
    row("res.partner.category", "child_ids", all(LISTED)),
    row("res.partner.category", "active", all(COLUMN)),
    row("res.partner.category", "partner_ids", all(LISTED)),
    row("res.partner.category", "display_name", COMPUTED_NAME),
    // res.users
    row("res.users", "id", all(COLUMN)),
    row("res.users", "name", all(DELEGATED)),
    row("res.users", "login", all(COLUMN)),
    row("res.users", "partner_id", all(COLUMN)),
    row("res.users", "display_name", COMPUTED_NAME),
];

/// The row of `model.name`, if the table describes it.
pub fn field(model: &str, name: &str) -> Option<&'static FieldRow> {
    FIELDS.iter().find(|r| r.model == model && r.name == name)
}

/// Whether the table describes `model` (models it does not describe, such
/// as `res.country.state`, are the same on every version).
pub fn describes(model: &str) -> bool {
    FIELDS.iter().any(|r| r.model == model)
}

/// How `web_search_read` and `web_read` name the fields they return.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WebFields {
    /// A `fields` list (16).
    List,
    /// A `specification` object (17+), which 18 requires.
    Specification,
}

/// How a server refuses a method it does not have.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MissingMethod {
    /// `AttributeError "type object 'm' has no attribute 'x'"` (16).
    TypeObject,
    /// `AttributeError "The method 'x' does not exist on the model 'm'"`
    /// (17).
    OnTheModel,
    /// `AttributeError "The method 'm.x' does not exist"` (18, 19).
    DoesNotExist,
}

/// How a server refuses a `_private` method name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PrivateMethod {
    /// `AccessError "Private methods (such as _x) cannot be called
    /// remotely."`, before the model is looked up (16, 17).
    Access,
    /// As any missing method (18).
    Missing,
    /// `AccessError "Private methods (such as 'm._x') cannot be called
    /// remotely."` (19).
    AccessQualified,
}

/// One Odoo major: what it does that another does not.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Release {
    pub major: u8,
    /// `server_version` as the captured server reported it.
    pub server_version: &'static str,
    /// res.partner's `_order`: how Odoo's own contacts list sorts.
    pub partner_order: &'static str,
    /// Odoo's own contacts search (the name filter of `res.partner`'s
    /// search view): `(field, operator)`, any of which may match.
    pub contact_search: &'static [(&'static str, &'static str)],
    /// The `web_search_read` form; the `specification` one (17+) also
    /// counts no further than `count_limit` once the page reaches it.
    pub web_fields: WebFields,
    /// `error.code` of a server exception: 200, or 0 from 19.
    pub server_error_code: i64,
    /// `web_read` and `web_save` exist (17+).
    pub web_read: bool,
    /// `name_get` exists (gone in 17).
    pub name_get: bool,
    /// `search` still takes `count` (16).
    pub search_count_param: bool,
    /// `name_search`'s domain parameter: `args` (16) or `domain` (17+).
    pub name_search_domain: &'static str,
    /// The `any` / `not any` domain operators (17+).
    pub any_operator: bool,
    /// `nulls first|last` in an order (17+).
    pub order_nulls: bool,
    /// A domain term is unpacked as exactly three items before it is
    /// checked, so a wrong length is a Python unpacking error (17, 18).
    pub unpacks_terms: bool,
    /// Domains go through 19's `Domain` class, whose refusals read
    /// differently: "in condition (…)" for "in leaf (…)", "Invalid
    /// operator in condition", "Domain() invalid item in domain: …", and a
    /// domain that is not a list is a TypeError "Domain() invalid argument
    /// type for domain: …" rather than an AssertionError.
    pub domain_class: bool,
    /// How an unknown field names its model in `ValueError "Invalid field
    /// 'x' <this> 'm'"`: "on model" (16-18), "on" (19).
    pub invalid_field_on: &'static str,
    pub missing_method: MissingMethod,
    pub private_method: PrivateMethod,
    /// `call_kw` reads its body and looks the model up before the session
    /// (to pick a read-only cursor, 18+): a broken body is a JSON-RPC
    /// error with id null, and an unknown model werkzeug's NotFound as
    /// code 404, even without a session. Before, the session comes first,
    /// a broken body is a 400, and an unknown model a KeyError.
    pub call_kw_probes_body: bool,
    /// A JSON route called without a JSON content type is 415
    /// Unsupported Media Type naming the route type `jsonrpc`, with a hint
    /// to check the header (19); before, a 400 naming type `json`.
    pub unsupported_media_type: bool,
    /// The session cookie is 40 hex digits (16, 17) rather than 84
    /// characters of URL-safe base64.
    pub hex_session_id: bool,
    /// `authenticate` sends its `session_id` Set-Cookie twice, same
    /// value (19).
    pub double_login_cookie: bool,
    /// Signing out also clears a `cids` cookie (17+).
    pub logout_clears_cids: bool,
    /// werkzeug's error pages are HTML 3.2 (16) rather than HTML5.
    pub old_error_pages: bool,
    /// The session info has 16's shape: `company_id`, no `is_public`,
    /// `is_internal_user`, `user_settings`.
    pub session_info_16: bool,
    /// The session info ends with `user_id` and the tour and OdooBot flags
    /// (16, 17), rather than 18's `partner_write_date`, `test_mode`,
    /// `view_info`, tour state and discuss `storeData`.
    pub session_info_user_id: bool,
    /// The session info has `registry_hash`, `quick_login`, `groups`, the
    /// company's `currency_id` and 19's discuss store, and no
    /// `cache_hashes` nor `display_switch_company_menu` (19).
    pub session_info_groups: bool,
    /// Avatars' ETags name the size asked for (17+; 16: `0x0`).
    pub sized_avatar_etag: bool,
    /// The group an access error names for creating or deleting contacts:
    /// "Extra Rights/Contact Creation", 19's "Contact/Creation".
    pub contact_creation_group: &'static str,
    /// The group an access error names for creating countries:
    /// "Administration/Settings", 19's "Role / Administrator".
    pub settings_group: &'static str,
    /// A record rule's refusal names the user and the operation ("Uh-oh!
    /// Looks like you have stumbled upon some top-secret records. Sorry,
    /// <user> (id=<uid>) doesn't have 'read' access to: …", 17+) rather
    /// than "Due to security restrictions, you are not allowed to access
    /// …" (16).
    pub record_rule_names_user: bool,
    /// `res.country.code` is required (17+): `name_create` of a country
    /// fails its NOT NULL constraint.
    pub country_code_required: bool,
    /// A NOT NULL failure names the field first ("Missing required value
    /// for the field 'Country Code' (code).\nModel: 'Country' …", 19)
    /// rather than listing causes ("The operation cannot be completed:\n-
    /// Create/update: a mandatory field is not set. …").
    pub missing_value_wording: bool,
    /// `GET /web/version` answers plain JSON `{"version_info": […],
    /// "version": "N.0"}` (19; before, a 404 page).
    pub web_version_route: bool,
    /// How a client asks whether the user may write contacts: 16 and 17's
    /// `check_access_rights(op, False)`, or `has_access(op)` on an empty
    /// recordset (18+, where the former is deprecated and logs a warning;
    /// the web client itself switched).
    pub access_probe: AccessProbe,
    /// How `create` names the model of a field it does not have:
    /// `ValueError "Invalid field 'x' <this> 'res.partner'"`, "on model"
    /// (16-18) or "in" (19, `19/write/06f2`; its reads say "on").
    pub create_invalid_field: &'static str,
    /// `write` of a field the model does not have is a bare `KeyError
    /// 'x'` (19, `19/write/06f`) rather than create's ValueError.
    pub write_unknown_field_key_error: bool,
    /// A foreign key to nothing is reported naming the field ("Another
    /// model is using the record you are trying to delete. The
    /// troublemaker is: 'Contact' (res.partner) Thanks to the following
    /// constraint: 'Country' (country_id) …", 19, `19/write/06g`) rather
    /// than the constraint ("another model requires the record being
    /// deleted. … Constraint: res_partner_country_id_fkey", 16-18).
    pub fkey_names_field: bool,
    /// Writing a contact's address also writes it on its parent company,
    /// and from there on the company's other contacts (19,
    /// `19/write/02d`, `02e`); before, the parent is left alone.
    pub address_syncs_upstream: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AccessProbe {
    CheckAccessRights,
    HasAccess,
}

const SEARCH_16: &[(&str, &str)] = &[
    ("display_name", "ilike"),
    ("ref", "="),
    ("email", "ilike"),
    ("vat", "ilike"),
    ("company_registry", "ilike"),
];

const SEARCH_17: &[(&str, &str)] = &[
    ("complete_name", "ilike"),
    ("ref", "ilike"),
    ("email", "ilike"),
    ("vat", "ilike"),
    ("company_registry", "ilike"),
];

const V17: Release = Release {
    major: 17,
    server_version: "17.0",
    partner_order: "complete_name ASC, id DESC",
    contact_search: SEARCH_17,
    web_fields: WebFields::Specification,
    server_error_code: 200,
    web_read: true,
    name_get: false,
    search_count_param: false,
    name_search_domain: "domain",
    any_operator: true,
    order_nulls: true,
    // 17/08d: "not enough values to unpack (expected 3, got 2)".
    unpacks_terms: true,
    domain_class: false,
    invalid_field_on: "on model",
    missing_method: MissingMethod::OnTheModel,
    private_method: PrivateMethod::Access,
    call_kw_probes_body: false,
    unsupported_media_type: false,
    // 17 still sent the 40-hex cookie.
    hex_session_id: true,
    double_login_cookie: false,
    logout_clears_cids: true,
    old_error_pages: false,
    session_info_16: false,
    session_info_user_id: true,
    session_info_groups: false,
    sized_avatar_etag: true,
    contact_creation_group: "Extra Rights/Contact Creation",
    settings_group: "Administration/Settings",
    record_rule_names_user: true,
    country_code_required: true,
    missing_value_wording: false,
    web_version_route: false,
    access_probe: AccessProbe::CheckAccessRights,
    create_invalid_field: "on model",
    write_unknown_field_key_error: false,
    fkey_names_field: false,
    address_syncs_upstream: false,
};

pub static RELEASES: [Release; 4] = [
    Release {
        major: 16,
        server_version: "16.0-20230301",
        partner_order: "display_name ASC, id DESC",
        contact_search: SEARCH_16,
        web_fields: WebFields::List,
        web_read: false,
        name_get: true,
        search_count_param: true,
        name_search_domain: "args",
        any_operator: false,
        order_nulls: false,
        unpacks_terms: false,
        missing_method: MissingMethod::TypeObject,
        logout_clears_cids: false,
        old_error_pages: true,
        session_info_16: true,
        sized_avatar_etag: false,
        record_rule_names_user: false,
        country_code_required: false,
        ..V17
    },
    V17,
    V18,
    Release {
        major: 19,
        server_version: "19.0",
        server_error_code: 0,
        domain_class: true,
        invalid_field_on: "on",
        private_method: PrivateMethod::AccessQualified,
        unsupported_media_type: true,
        double_login_cookie: true,
        session_info_groups: true,
        web_version_route: true,
        contact_creation_group: "Contact/Creation",
        settings_group: "Role / Administrator",
        missing_value_wording: true,
        create_invalid_field: "in",
        write_unknown_field_key_error: true,
        fkey_names_field: true,
        address_syncs_upstream: true,
        ..V18
    },
];

const V18: Release = Release {
    major: 18,
    server_version: "18.0-20250702",
    missing_method: MissingMethod::DoesNotExist,
    private_method: PrivateMethod::Missing,
    call_kw_probes_body: true,
    hex_session_id: false,
    session_info_user_id: false,
    access_probe: AccessProbe::HasAccess,
    ..V17
};

impl Release {
    /// The release of major `major`, if supported.
    pub fn get(major: u8) -> Option<&'static Release> {
        index(major).map(|i| &RELEASES[i])
    }

    /// The release a server of `version` is. Only a `N.0` of a supported
    /// major is one: an Odoo Online `saas~N.x` sits between two majors,
    /// and an unknown version may be anything.
    pub fn of(version: &ServerVersion) -> Option<&'static Release> {
        if version.minor != 0 {
            return None;
        }
        u8::try_from(version.major).ok().and_then(Release::get)
    }

    /// The field `model.name` on this release; `None` when it lacks it.
    /// A field the table does not list on a model it describes counts as
    /// missing: the app asks for nothing unlisted.
    pub fn field(&self, model: &str, name: &str) -> Option<Has> {
        field(model, name).and_then(|r| r.on(self.major))
    }

    pub fn has_field(&self, model: &str, name: &str) -> bool {
        self.field(model, name).is_some()
    }

    /// Whether records have `has_access(operation)` (18+), to which 18's
    /// deprecated `check_access_rights` hands over: with
    /// `raise_exception` it then answers None rather than `True`.
    pub fn has_access(&self) -> bool {
        self.access_probe == AccessProbe::HasAccess
    }
}

/// `fields` (of `model`) that a server of `version` has, in order: those
/// of its release, or, when the release is not known, those every
/// supported release has (a field one of them lacks may be missing there
/// too).
pub fn fields_on(version: &ServerVersion, model: &str, fields: &[&str]) -> Vec<String> {
    let keep = |f: &str| match Release::of(version) {
        Some(r) => r.has_field(model, f),
        None => RELEASES.iter().all(|r| r.has_field(model, f)),
    };
    fields
        .iter()
        .filter(|f| keep(f))
        .map(|f| f.to_string())
        .collect()
}

/// The `web_search_read` form a server of `version` takes: its release's,
/// or for an Odoo Online `saas~N.x` the one releases N and N + 1 share.
/// `None`: not known (use `search_read`, which every version has).
pub fn web_fields_of(version: &ServerVersion) -> Option<WebFields> {
    if let Some(r) = Release::of(version) {
        return Some(r.web_fields);
    }
    let major = u8::try_from(version.major).ok()?;
    let (this, next) = (Release::get(major)?, Release::get(major.checked_add(1)?)?);
    (this.web_fields == next.web_fields).then_some(this.web_fields)
}
