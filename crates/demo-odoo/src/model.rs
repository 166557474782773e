//! The models this demo has, described as data: each field's name, label,
//! type and SQL storage. One search/read engine (orm.rs) and one domain
//! translator (domain.rs) work from these tables, and only these names can
//! ever reach an SQL text.

use crate::wire::PyError;
use odoo_rpc::versions::{self, Has, Release};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ModelId {
    Partner,
    Country,
    State,
    Category,
    User,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Id,
    Integer {
        col: &'static str,
    },
    /// A char column and, when kept, its folded copy (what ilike reads).
    Char {
        col: &'static str,
        fold: Option<&'static str>,
    },
    Html {
        col: &'static str,
    },
    Datetime {
        col: &'static str,
    },
    Boolean {
        col: &'static str,
    },
    Selection {
        col: &'static str,
        options: &'static [(&'static str, &'static str)],
    },
    /// res.partner's `company_type`, computed from `is_company`.
    CompanyType,
    Many2one {
        col: &'static str,
        comodel: ModelId,
    },
    Many2many {
        rel: &'static str,
        own: &'static str,
        other: &'static str,
        comodel: ModelId,
    },
    /// Rows of `comodel` whose column `inverse` points here.
    One2many {
        comodel: ModelId,
        inverse: &'static str,
    },
    /// The stored photo (column `image`), base64 when read.
    Image,
    /// The photo, or Odoo's generated initials SVG.
    Avatar,
}

impl Kind {
    pub fn type_name(self) -> &'static str {
        match self {
            Kind::Id | Kind::Integer { .. } => "integer",
            Kind::Char { .. } => "char",
            Kind::Html { .. } => "html",
            Kind::Datetime { .. } => "datetime",
            Kind::Boolean { .. } => "boolean",
            Kind::Selection { .. } | Kind::CompanyType => "selection",
            Kind::Many2one { .. } => "many2one",
            Kind::Many2many { .. } => "many2many",
            Kind::One2many { .. } => "one2many",
            Kind::Image | Kind::Avatar => "binary",
        }
    }

    pub fn comodel(self) -> Option<ModelId> {
        match self {
            Kind::Many2one { comodel, .. }
            | Kind::Many2many { comodel, .. }
            | Kind::One2many { comodel, .. } => Some(comodel),
            _ => None,
        }
    }
}

#[derive(Debug)]
pub struct Field {
    pub name: &'static str,
    pub string: &'static str,
    pub kind: Kind,
    pub readonly: bool,
    pub required: bool,
}

const fn f(name: &'static str, string: &'static str, kind: Kind) -> Field {
    Field {
        name,
        string,
        kind,
        readonly: false,
        required: false,
    }
}

const fn ro(name: &'static str, string: &'static str, kind: Kind) -> Field {
    Field {
        readonly: true,
        ..f(name, string, kind)
    }
}

const fn required(field: Field) -> Field {
    Field {
        required: true,
        ..field
    }
}

/// A char column with no folded copy (ilike folds it in the query).
const fn text(col: &'static str) -> Kind {
    Kind::Char { col, fold: None }
}

const fn folded(col: &'static str, fold: &'static str) -> Kind {
    Kind::Char {
        col,
        fold: Some(fold),
    }
}

const fn many2one(col: &'static str, comodel: ModelId) -> Kind {
    Kind::Many2one { col, comodel }
}

#[derive(Debug)]
pub struct Model {
    pub id: ModelId,
    pub name: &'static str,
    /// How access errors name it: "Contact", "Partner Tags", …
    pub description: &'static str,
    pub table: &'static str,
    pub fields: &'static [Field],
    /// The model's `_order`, as SQL over this table's columns.
    pub default_order: &'static str,
    /// SQL for the display name, and for its folded form.
    pub display: &'static str,
    pub display_fold: &'static str,
    /// Has an `active` column (archived rows hidden by default).
    pub active: bool,
    /// Hierarchical through a `parent_id` column (child_of / parent_of).
    pub parent: bool,
    /// Besides the display name, what name_search also matches (SQL).
    pub name_search_also: &'static [&'static str],
    /// A column joining the folded text of these fields (one per line), so
    /// that "any of them ilike x" is one LIKE (the app's contact search).
    pub joined_text: Option<(&'static str, &'static [&'static str])>,
    /// A flag column set when these text columns are all ASCII (see
    /// `fold::ContactTexts::plain`).
    pub plain: Option<(&'static str, &'static [&'static str])>,
}

impl Model {
    /// The field `name` as the version has it: odoo-rpc's version table
    /// says which versions have it, as real servers do.
    pub fn field(&self, name: &str, version: u8) -> Option<&'static Field> {
        self.fields
            .iter()
            .find(|f| f.name == name && self.has(f, version))
    }

    /// The ValueError for a field `shown` (already quoted) this model
    /// lacks, worded as the version words it.
    pub fn invalid_field(&self, shown: &str, version: u8) -> PyError {
        PyError::value(format!(
            "Invalid field {shown} {} '{}'",
            crate::release(version).invalid_field_on,
            self.name
        ))
    }

    pub fn visible_fields(&self, version: u8) -> impl Iterator<Item = &'static Field> + '_ {
        self.fields.iter().filter(move |f| self.has(f, version))
    }

    fn has(&self, f: &Field, version: u8) -> bool {
        self.facts(f, version).is_some()
    }

    /// What `fields_get` says of `f` on `version`; a model the table
    /// does not describe (`res.country.state`) is the same everywhere.
    fn facts(&self, f: &Field, version: u8) -> Option<Has> {
        if versions::describes(self.name) {
            versions::field(self.name, f.name).and_then(|r| r.on(version))
        } else {
            Some(Has {
                stored: true,
                sortable: true,
                searchable: true,
            })
        }
    }

    /// Whether an order may name `f` on `version` (Odoo skips a field it
    /// cannot sort on, such as 17's computed `display_name`).
    pub fn sortable(&self, f: &Field, version: u8) -> bool {
        self.facts(f, version).is_some_and(|h| h.sortable)
    }

    /// The order when none is asked for: Odoo's `_order` of the version
    /// (for contacts it changed in 17), else `default_order`'s SQL.
    pub fn odoo_order(&self, version: u8) -> Option<&'static str> {
        match self.id {
            ModelId::Partner => Release::get(version).map(|r| r.partner_order),
            _ => None,
        }
    }
}

const PARTNER_TYPES: &[(&str, &str)] = &[
    ("contact", "Contact"),
    ("invoice", "Invoice Address"),
    ("delivery", "Delivery Address"),
    ("other", "Other Address"),
];

pub static PARTNER: Model = Model {
    id: ModelId::Partner,
    name: "res.partner",
    description: "Contact",
    table: "partner",
    // Odoo: _order = "complete_name ASC, id DESC"; complete_fold sorts
    // like a case-insensitive collation would.
    default_order: "complete_fold ASC, id DESC",
    display: "complete_name",
    display_fold: "complete_fold",
    active: true,
    parent: true,
    name_search_also: &["email_fold", "ref_fold", "vat_fold", "registry_fold"],
    joined_text: Some((
        "search_fold",
        &[
            "complete_name",
            "display_name",
            "email",
            "ref",
            "vat",
            "company_registry",
        ],
    )),
    plain: Some((
        "plain",
        &[
            "name",
            "complete_name",
            "email",
            "ref",
            "vat",
            "company_registry",
        ],
    )),
    fields: &[
        // Not required: Odoo's rule is a check that contacts (type
        // "contact") have one (write.rs), and fields_get says so.
        f("name", "Name", folded("name", "name_fold")),
        ro(
            "complete_name",
            "Complete Name",
            folded("complete_name", "complete_fold"),
        ),
        ro(
            "display_name",
            "Display Name",
            folded("complete_name", "complete_fold"),
        ),
        f(
            "parent_id",
            "Related Company",
            many2one("parent_id", ModelId::Partner),
        ),
        f(
            "child_ids",
            "Contact",
            Kind::One2many {
                comodel: ModelId::Partner,
                inverse: "parent_id",
            },
        ),
        f("ref", "Reference", folded("ref", "ref_fold")),
        f("vat", "Tax ID", folded("vat", "vat_fold")),
        f(
            "company_registry",
            "Company ID",
            folded("company_registry", "registry_fold"),
        ),
        f("website", "Website Link", text("website")),
        f("comment", "Notes", Kind::Html { col: "comment" }),
        f(
            "category_id",
            "Tags",
            Kind::Many2many {
                rel: "partner_category",
                own: "partner_id",
                other: "category_id",
                comodel: ModelId::Category,
            },
        ),
        f("active", "Active", Kind::Boolean { col: "active" }),
        f("function", "Job Position", text("function")),
        f(
            "type",
            "Address Type",
            Kind::Selection {
                col: "type",
                options: PARTNER_TYPES,
            },
        ),
        f("street", "Street", text("street")),
        f("street2", "Street2", text("street2")),
        f("zip", "Zip", text("zip")),
        f("city", "City", text("city")),
        f("state_id", "State", many2one("state_id", ModelId::State)),
        f(
            "country_id",
            "Country",
            many2one("country_id", ModelId::Country),
        ),
        f("email", "Email", folded("email", "email_fold")),
        f("phone", "Phone", text("phone")),
        f("mobile", "Mobile", text("mobile")),
        f(
            "is_company",
            "Is a Company",
            Kind::Boolean { col: "is_company" },
        ),
        f("company_type", "Company Type", Kind::CompanyType),
        ro(
            "user_ids",
            "Users",
            Kind::One2many {
                comodel: ModelId::User,
                inverse: "partner_id",
            },
        ),
        ro(
            "commercial_partner_id",
            "Commercial Entity",
            many2one("commercial_partner_id", ModelId::Partner),
        ),
        f("image_128", "Image 128", Kind::Image),
        ro("avatar_128", "Avatar 128", Kind::Avatar),
        ro("id", "ID", Kind::Id),
        ro(
            "create_date",
            "Created on",
            Kind::Datetime { col: "create_date" },
        ),
        ro(
            "create_uid",
            "Created by",
            many2one("create_uid", ModelId::User),
        ),
        ro(
            "write_date",
            "Last Updated on",
            Kind::Datetime { col: "write_date" },
        ),
        ro(
            "write_uid",
            "Last Updated by",
            many2one("write_uid", ModelId::User),
        ),
        // 16's concurrency stamp: the last write, as the demo has no other.
        ro(
            "__last_update",
            "Last Modified on",
            Kind::Datetime { col: "write_date" },
        ),
    ],
};

pub static COUNTRY: Model = Model {
    id: ModelId::Country,
    name: "res.country",
    description: "Country",
    table: "country",
    default_order: "name_fold ASC, id ASC",
    display: "name",
    display_fold: "name_fold",
    active: false,
    parent: false,
    name_search_also: &["lower(code)"],
    joined_text: None,
    plain: None,
    fields: &[
        required(f("name", "Country Name", folded("name", "name_fold"))),
        f("code", "Country Code", text("code")),
        ro("display_name", "Display Name", folded("name", "name_fold")),
        f(
            "state_ids",
            "States",
            Kind::One2many {
                comodel: ModelId::State,
                inverse: "country_id",
            },
        ),
        ro("id", "ID", Kind::Id),
    ],
};

pub static STATE: Model = Model {
    id: ModelId::State,
    name: "res.country.state",
    description: "Country state",
    table: "country_state",
    default_order: "country_id ASC, code ASC, id ASC",
    display: "display_name",
    display_fold: "name_fold",
    active: false,
    parent: false,
    name_search_also: &["lower(code)"],
    joined_text: None,
    plain: None,
    fields: &[
        required(f(
            "country_id",
            "Country",
            many2one("country_id", ModelId::Country),
        )),
        required(f("name", "State Name", folded("name", "name_fold"))),
        required(f("code", "State Code", text("code"))),
        ro("display_name", "Display Name", text("display_name")),
        ro("id", "ID", Kind::Id),
    ],
};

pub static CATEGORY: Model = Model {
    id: ModelId::Category,
    name: "res.partner.category",
    description: "Partner Tags",
    table: "category",
    default_order: "complete_fold ASC, id ASC",
    display: "complete_name",
    display_fold: "complete_fold",
    active: true,
    parent: true,
    name_search_also: &[],
    joined_text: None,
    plain: None,
    fields: &[
        required(f("name", "Tag Name", folded("name", "name_fold"))),
        f("color", "Color", Kind::Integer { col: "color" }),
        f(
            "parent_id",
            "Parent Category",
            many2one("parent_id", ModelId::Category),
        ),
        f(
            "child_ids",
            "Child Tags",
            Kind::One2many {
                comodel: ModelId::Category,
                inverse: "parent_id",
            },
        ),
        f("active", "Active", Kind::Boolean { col: "active" }),
        f(
            "partner_ids",
            "Partners",
            Kind::Many2many {
                rel: "partner_category",
                own: "category_id",
                other: "partner_id",
                comodel: ModelId::Partner,
            },
        ),
        ro(
            "display_name",
            "Display Name",
            folded("complete_name", "complete_fold"),
        ),
        ro("id", "ID", Kind::Id),
    ],
};

/// Users are only reached through `user_ids`; callers cannot query them.
pub static USER: Model = Model {
    id: ModelId::User,
    name: "res.users",
    description: "User",
    table: "users",
    default_order: "name ASC, login ASC",
    display: "name",
    display_fold: "lower(name)",
    active: true,
    parent: false,
    name_search_also: &[],
    joined_text: None,
    plain: None,
    fields: &[
        f("name", "Name", text("name")),
        f("login", "Login", text("login")),
        f(
            "partner_id",
            "Related Partner",
            many2one("partner_id", ModelId::Partner),
        ),
        ro("display_name", "Display Name", text("name")),
        ro("id", "ID", Kind::Id),
    ],
};

pub fn model(id: ModelId) -> &'static Model {
    match id {
        ModelId::Partner => &PARTNER,
        ModelId::Country => &COUNTRY,
        ModelId::State => &STATE,
        ModelId::Category => &CATEGORY,
        ModelId::User => &USER,
    }
}

/// The models a `call_kw` may name.
/// Every model the demo has, in a fixed order.
pub static ALL: [&Model; 4] = [&PARTNER, &COUNTRY, &STATE, &CATEGORY];

pub fn by_name(name: &str) -> Option<&'static Model> {
    ALL.into_iter().find(|m| m.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_follow_the_version_table() {
        assert!(PARTNER.field("complete_name", 16).is_none());
        assert!(PARTNER.field("complete_name", 17).is_some());
        assert!(PARTNER.field("company_registry", 16).is_some());
        assert!(PARTNER.field("mobile", 18).is_some());
        assert!(PARTNER.field("mobile", 19).is_none());
        assert!(!PARTNER
            .visible_fields(16)
            .any(|f| f.name == "complete_name"));
    }

    /// A field the demo serves on a model the table describes must be in
    /// the table: otherwise no version would have it.
    #[test]
    fn every_field_of_a_described_model_is_in_the_table() {
        for m in ALL.iter().chain([&&USER]) {
            if !versions::describes(m.name) {
                continue;
            }
            for f in m.fields {
                assert!(
                    versions::field(m.name, f.name).is_some(),
                    "{}.{} is not in odoo-rpc's version table",
                    m.name,
                    f.name
                );
            }
        }
    }

    #[test]
    fn every_relation_points_at_a_model_with_the_columns_it_names() {
        for m in [&PARTNER, &COUNTRY, &STATE, &CATEGORY, &USER] {
            for field in m.fields {
                if let Some(co) = field.kind.comodel() {
                    assert!(
                        model(co).field("display_name", 19).is_some(),
                        "{}.{}",
                        m.name,
                        field.name
                    );
                }
            }
        }
    }
}
