//! The schema and the demo data: the same contacts on every machine (fixed
//! tables, then a fixed-seed generator), so tests and screenshots can name
//! them. Odoo's well-known demo records keep their usual ids: company 1,
//! Mitchell Admin 3 (user 2), Marc Demo 7 (user 6), Joel Willis 8 (portal
//! user 7), Deco Addict 10, Azure Interior 14.

use crate::clock;
use crate::fold::fold;
use rusqlite::{params, Connection, Statement};

/// Bumped whenever the tables change: older files are rebuilt.
const SCHEMA_VERSION: &str = "7";

const SCHEMA: &str = "
CREATE TABLE country (id INTEGER PRIMARY KEY, name TEXT NOT NULL, code TEXT NOT NULL, name_fold TEXT NOT NULL);
CREATE TABLE country_state (id INTEGER PRIMARY KEY, country_id INTEGER NOT NULL REFERENCES country(id),
  name TEXT NOT NULL, code TEXT NOT NULL, display_name TEXT NOT NULL, name_fold TEXT NOT NULL);
CREATE TABLE category (id INTEGER PRIMARY KEY, name TEXT NOT NULL, parent_id INTEGER REFERENCES category(id),
  complete_name TEXT NOT NULL, name_fold TEXT NOT NULL, complete_fold TEXT NOT NULL,
  color INTEGER NOT NULL DEFAULT 0, active INTEGER NOT NULL DEFAULT 1);
CREATE TABLE partner (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  complete_name TEXT NOT NULL,
  is_company INTEGER NOT NULL DEFAULT 0,
  type TEXT NOT NULL DEFAULT 'contact',
  parent_id INTEGER REFERENCES partner(id),
  commercial_partner_id INTEGER,
  function TEXT, email TEXT, phone TEXT, mobile TEXT,
  street TEXT, street2 TEXT, zip TEXT, city TEXT,
  state_id INTEGER REFERENCES country_state(id),
  country_id INTEGER REFERENCES country(id),
  website TEXT, vat TEXT, ref TEXT, company_registry TEXT, comment TEXT,
  image BLOB,
  active INTEGER NOT NULL DEFAULT 1,
  create_date TEXT NOT NULL,
  write_date TEXT NOT NULL,
  -- lower-cased, accent-free copies: what ilike reads
  name_fold TEXT NOT NULL,
  complete_fold TEXT NOT NULL,
  email_fold TEXT NOT NULL DEFAULT '',
  ref_fold TEXT NOT NULL DEFAULT '',
  vat_fold TEXT NOT NULL DEFAULT '',
  registry_fold TEXT NOT NULL DEFAULT '',
  -- the folded complete name, email, reference, tax id and company id,
  -- one per line: what the app's contact search reads
  search_fold TEXT NOT NULL DEFAULT ''
);
-- The default order with what a name search filters on: a search for a
-- name walks this index in order and stops at the page's end.
CREATE INDEX partner_order ON partner(complete_fold ASC, id DESC, active, name_fold);
-- The same for the app's search (name, email, reference, tax id, company id).
CREATE INDEX partner_search ON partner(complete_fold ASC, id DESC, active, search_fold);
CREATE INDEX partner_parent ON partner(parent_id);
-- Narrow indexes for counting a search: a count scans every entry, and
-- these are narrower than the ordered ones above (name search 9.7 -> 5 ms
-- p95 on 100,000 contacts).
CREATE INDEX partner_count ON partner(name_fold, active);
CREATE INDEX partner_search_count ON partner(search_fold, active);
CREATE TABLE partner_category (partner_id INTEGER NOT NULL, category_id INTEGER NOT NULL,
  PRIMARY KEY (partner_id, category_id)) WITHOUT ROWID;
CREATE INDEX partner_category_by_tag ON partner_category(category_id, partner_id);
CREATE TABLE users (id INTEGER PRIMARY KEY, login TEXT UNIQUE NOT NULL, password TEXT NOT NULL,
  partner_id INTEGER NOT NULL REFERENCES partner(id), kind TEXT NOT NULL, name TEXT NOT NULL,
  tz TEXT, active INTEGER NOT NULL DEFAULT 1);
";

const TABLES: [&str; 7] = [
    "partner_category",
    "users",
    "partner",
    "category",
    "country_state",
    "country",
    "meta",
];

/// Registers the SQL functions the domain translator uses. `ilike_text`
/// is what `ilike` compares: lower case only, as PostgreSQL's ILIKE on a
/// default Odoo, or also without accents when `unaccent` (Odoo's
/// `--unaccent`).
pub fn register_functions(conn: &Connection, unaccent: bool) -> rusqlite::Result<()> {
    use rusqlite::functions::FunctionFlags;
    // Up to 32 MiB of pages kept in-process: a count over 100,000 contacts
    // then reads no file.
    conn.execute_batch("PRAGMA cache_size = -32768;")?;
    conn.create_scalar_function(
        "fold",
        1,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        |ctx| Ok(ctx.get::<Option<String>>(0)?.map(|s| fold(&s))),
    )?;
    conn.create_scalar_function(
        "ilike_text",
        1,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        move |ctx| {
            Ok(ctx.get::<Option<String>>(0)?.map(|s| {
                if unaccent {
                    fold(&s)
                } else {
                    s.to_lowercase()
                }
            }))
        },
    )
}

/// Creates and fills a database unless it already holds this schema's
/// data; `contacts` is how many contacts to have (0: the small set).
pub fn ensure(conn: &mut Connection, contacts: usize) -> rusqlite::Result<bool> {
    conn.execute_batch(
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=OFF;",
    )?;
    let current: Option<String> = conn
        .query_row("SELECT value FROM meta WHERE key = 'schema'", [], |r| {
            r.get(0)
        })
        .ok();
    if current.as_deref() == Some(SCHEMA_VERSION) {
        return Ok(false);
    }
    let tx = conn.transaction()?;
    for t in TABLES {
        tx.execute_batch(&format!("DROP TABLE IF EXISTS {t};"))?;
    }
    tx.execute_batch(SCHEMA)?;
    tx.execute_batch("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);")?;
    fill(&tx, contacts)?;
    tx.execute(
        "INSERT INTO meta (key, value) VALUES ('schema', ?1)",
        params![SCHEMA_VERSION],
    )?;
    tx.commit()?;
    conn.execute_batch("ANALYZE;")?;
    Ok(true)
}

/// (city, state code)
type Towns = &'static [(&'static str, Option<&'static str>)];

const COUNTRIES: &[(&str, &str, Towns)] = &[
    (
        "United States",
        "US",
        &[
            ("Fremont", Some("CA")),
            ("San Francisco", Some("CA")),
            ("Scranton", Some("PA")),
            ("New York", Some("NY")),
            ("Chicago", Some("IL")),
            ("Austin", Some("TX")),
            ("Seattle", Some("WA")),
            ("Pleasant Hill", Some("CA")),
            ("Fairfield", Some("CA")),
            ("Tracy", Some("CA")),
            ("Turlock", Some("CA")),
            ("Stockton", Some("CA")),
        ],
    ),
    (
        "Belgium",
        "BE",
        &[
            ("Brussels", None),
            ("Liège", None),
            ("Namur", None),
            ("Gent", None),
            ("Louvain-la-Neuve", None),
        ],
    ),
    (
        "France",
        "FR",
        &[
            ("Paris", None),
            ("Lyon", None),
            ("Nîmes", None),
            ("Besançon", None),
            ("Saint-Étienne", None),
        ],
    ),
    (
        "Germany",
        "DE",
        &[
            ("Berlin", None),
            ("München", None),
            ("Köln", None),
            ("Düsseldorf", None),
        ],
    ),
    (
        "Spain",
        "ES",
        &[
            ("Madrid", None),
            ("Barcelona", None),
            ("Málaga", None),
            ("A Coruña", None),
        ],
    ),
    (
        "Italy",
        "IT",
        &[
            ("Roma", None),
            ("Milano", None),
            ("Torino", None),
            ("Forlì", None),
        ],
    ),
    (
        "Netherlands",
        "NL",
        &[
            ("Amsterdam", None),
            ("Utrecht", None),
            ("Den Haag", None),
            ("'s-Hertogenbosch", None),
        ],
    ),
    (
        "United Kingdom",
        "GB",
        &[
            ("London", None),
            ("Leeds", None),
            ("Bristol", None),
            ("Edinburgh", None),
        ],
    ),
    (
        "Ireland",
        "IE",
        &[("Dublin", None), ("Cork", None), ("Galway", None)],
    ),
    (
        "Poland",
        "PL",
        &[
            ("Kraków", None),
            ("Łódź", None),
            ("Gdańsk", None),
            ("Wrocław", None),
        ],
    ),
    (
        "Sweden",
        "SE",
        &[("Göteborg", None), ("Malmö", None), ("Stockholm", None)],
    ),
    (
        "Denmark",
        "DK",
        &[("København", None), ("Århus", None), ("Ærøskøbing", None)],
    ),
    ("Norway", "NO", &[("Oslo", None), ("Tromsø", None)]),
    ("Portugal", "PT", &[("Lisboa", None), ("Porto", None)]),
    (
        "Switzerland",
        "CH",
        &[("Zürich", None), ("Genève", None), ("Bern", None)],
    ),
    ("Austria", "AT", &[("Wien", None), ("Graz", None)]),
    ("Czech Republic", "CZ", &[("Praha", None), ("Brno", None)]),
    (
        "Canada",
        "CA",
        &[
            ("Montréal", Some("QC")),
            ("Québec", Some("QC")),
            ("Toronto", Some("ON")),
            ("Ottawa", Some("ON")),
        ],
    ),
    (
        "Brazil",
        "BR",
        &[("São Paulo", Some("SP")), ("Curitiba", Some("PR"))],
    ),
    (
        "Mexico",
        "MX",
        &[
            ("Ciudad de México", Some("CMX")),
            ("Guadalajara", Some("JAL")),
        ],
    ),
    (
        "Argentina",
        "AR",
        &[("Buenos Aires", None), ("Córdoba", None)],
    ),
    ("Japan", "JP", &[("Tokyo", None), ("Osaka", None)]),
    (
        "India",
        "IN",
        &[("Mumbai", Some("MH")), ("Pune", Some("MH"))],
    ),
    ("Australia", "AU", &[("Sydney", None), ("Melbourne", None)]),
    (
        "South Africa",
        "ZA",
        &[("Cape Town", None), ("Johannesburg", None)],
    ),
    ("Morocco", "MA", &[("Casablanca", None), ("Rabat", None)]),
    ("Türkiye", "TR", &[("İstanbul", None), ("Ankara", None)]),
    ("Greece", "GR", &[("Athína", None), ("Thessaloníki", None)]),
    ("Iceland", "IS", &[("Reykjavík", None)]),
    ("Luxembourg", "LU", &[("Luxembourg", None)]),
];

const STATES: &[(&str, &str, &str)] = &[
    ("US", "CA", "California"),
    ("US", "PA", "Pennsylvania"),
    ("US", "NY", "New York"),
    ("US", "IL", "Illinois"),
    ("US", "TX", "Texas"),
    ("US", "WA", "Washington"),
    ("CA", "QC", "Quebec"),
    ("CA", "ON", "Ontario"),
    ("BR", "SP", "São Paulo"),
    ("BR", "PR", "Paraná"),
    ("MX", "CMX", "Ciudad de México"),
    ("MX", "JAL", "Jalisco"),
    ("IN", "MH", "Maharashtra"),
];

/// (name, parent) — Odoo shows a tag under its parent as "Parent / Tag".
const TAGS: &[(&str, Option<usize>)] = &[
    ("Customer", None),
    ("Vendor", None),
    ("Desk Manufacturers", Some(2)),
    ("Office Supplies", Some(2)),
    ("Prospects", None),
    ("Services", None),
    ("Consulting", Some(6)),
    ("VIP", None),
    ("Employees", None),
];

const FIRST: &[&str] = &[
    "Marc",
    "Anne",
    "José",
    "Zoë",
    "Émile",
    "Brandon",
    "Colleen",
    "Nicole",
    "Kim",
    "Sofia",
    "Liam",
    "Chloé",
    "Jürgen",
    "Aoife",
    "Łukasz",
    "Inés",
    "Mateo",
    "Hannah",
    "Yuki",
    "Priya",
    "Oliver",
    "Léa",
    "Søren",
    "Ana",
    "Tom",
    "Fatima",
    "Noah",
    "Emma",
    "Lars",
    "Olga",
    "Pedro",
    "Mei",
    "Joanna",
    "Bjørn",
    "Siobhán",
    "François",
    "Ngozi",
    "Dmitri",
    "Aurélie",
    "Håkon",
    "Raúl",
    "Ingrid",
    "Mohammed",
    "Camille",
    "Grzegorz",
    "Nuno",
    "Elif",
    "Thabo",
    "Ayşe",
    "Benoît",
];
const LAST: &[&str] = &[
    "Dupont",
    "O'Brien",
    "Müller",
    "García",
    "Jensen",
    "Freeman",
    "Diaz",
    "Reed",
    "Nakamura",
    "Rossi",
    "Kowalski",
    "Leroy",
    "Martínez",
    "Svensson",
    "Byrne",
    "Schäfer",
    "Van den Berg",
    "Novák",
    "Silva",
    "Patel",
    "Smith",
    "D'Angelo",
    "Lefèvre",
    "Ivanova",
    "Tanaka",
    "Andersen",
    "Costa",
    "Walsh",
    "Nowak",
    "Fischer",
    "Moreau",
    "Ahmed",
    "Johansson",
    "Gonçalves",
    "Øvergaard",
    "Ó Súilleabháin",
    "Dvořák",
    "Yılmaz",
    "Mbeki",
    "Papadopoulos",
    "Þórsson",
    "Vermeulen",
    "de la Cruz",
    "MacLeod",
    "Kim",
    "Nguyen",
    "Hernández",
    "Petrović",
    "Lindqvist",
    "Okafor",
];
const CO_A: &[&str] = &[
    "Blue",
    "North",
    "Granite",
    "Silver",
    "Oak",
    "Rapid",
    "Bright",
    "Alpine",
    "Coastal",
    "Prime",
    "Harbor",
    "Golden",
    "Urban",
    "Nordic",
    "Summit",
    "Cedar",
    "Crystal",
    "Iron",
    "Maple",
    "Sunny",
    "Atlas",
    "Pioneer",
    "Vista",
    "Evergreen",
];
const CO_B: &[&str] = &[
    "Logistics",
    "Furniture",
    "Interiors",
    "Foods",
    "Consulting",
    "Textiles",
    "Metals",
    "Energy",
    "Software",
    "Bakery",
    "Garage",
    "Pharma",
    "Builders",
    "Travel",
    "Studio",
    "Robotics",
    "Dairy",
    "Optics",
    "Printing",
    "Gardens",
    "Imports",
    "Ceramics",
];
const CO_SUFFIX: &[&str] = &[
    "Inc", "GmbH", "SA", "SRL", "Ltd", "BV", "& Co", "AB", "SARL", "NV", "LLC", "AS",
];
const FUNCTIONS: &[&str] = &[
    "Sales Manager",
    "Accountant",
    "CEO",
    "Purchaser",
    "Technician",
    "Office Manager",
    "Consultant",
    "Developer",
    "Buyer",
    "Warehouse Lead",
    "Marketing Director",
    "Chief Operations Officer",
];
const STREETS: &[&str] = &[
    "Main Street",
    "Rue de la Loi",
    "Hauptstraße",
    "Calle Mayor",
    "Via Roma",
    "Kerkstraat",
    "High Street",
    "Avenida Paulista",
    "Rua Augusta",
    "ulica Długa",
];

/// A tiny deterministic generator (64-bit LCG): the same data everywhere.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
    fn one_in(&mut self, n: u64) -> bool {
        self.next().is_multiple_of(n)
    }
    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next()).unwrap_or(0) % n.max(1)
    }
    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
}

/// A contact to insert; the address is its company's for employees.
#[derive(Clone, Default)]
struct Contact {
    id: i64,
    name: String,
    is_company: bool,
    parent: Option<i64>,
    function: Option<String>,
    email: Option<String>,
    phone: Option<String>,
    mobile: Option<String>,
    street: Option<String>,
    street2: Option<String>,
    zip: Option<String>,
    city: Option<String>,
    state: Option<i64>,
    country: Option<i64>,
    website: Option<String>,
    vat: Option<String>,
    reference: Option<String>,
    registry: Option<String>,
    comment: Option<String>,
    active: bool,
    tags: Vec<i64>,
}

struct Writer<'c> {
    insert: Statement<'c>,
    tag: Statement<'c>,
    /// id → (complete name, commercial partner, address) of companies
    companies: std::collections::HashMap<i64, (String, i64, Contact)>,
    base_time: i64,
}

const INSERT: &str = "INSERT INTO partner (id, name, complete_name, is_company, type, parent_id, commercial_partner_id,
  function, email, phone, mobile, street, street2, zip, city, state_id, country_id, website, vat, ref,
  company_registry, comment, active, create_date, write_date, name_fold, complete_fold, email_fold,
  ref_fold, vat_fold, registry_fold, search_fold)
  VALUES (?1, ?2, ?3, ?4, 'contact', ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27,
  ?28, ?29, ?30, ?31)";

impl Writer<'_> {
    fn add(&mut self, mut c: Contact) -> rusqlite::Result<i64> {
        c.email = c.email.filter(|e| !e.is_empty());
        let (complete, commercial) = match c.parent.and_then(|p| self.companies.get(&p)) {
            Some((company, commercial, address)) => {
                // Employees live at their company's address, as in Odoo.
                c.street = c.street.or_else(|| address.street.clone());
                c.zip = c.zip.or_else(|| address.zip.clone());
                c.city = c.city.or_else(|| address.city.clone());
                c.state = c.state.or(address.state);
                c.country = c.country.or(address.country);
                (format!("{company}, {}", c.name), *commercial)
            }
            None => (c.name.clone(), c.id),
        };
        let folds = [&c.email, &c.reference, &c.vat, &c.registry]
            .map(|v| v.as_deref().map(fold).unwrap_or_default());
        let created = self.base_time + c.id * 7;
        let written = created + (c.id % 13) * 3_600;
        self.insert.execute(params![
            c.id,
            c.name,
            complete,
            c.is_company,
            c.parent,
            commercial,
            c.function,
            c.email,
            c.phone,
            c.mobile,
            c.street,
            c.street2,
            c.zip,
            c.city,
            c.state,
            c.country,
            c.website,
            c.vat,
            c.reference,
            c.registry,
            c.comment,
            c.active,
            clock::odoo_datetime(created),
            clock::odoo_datetime(written),
            fold(&c.name),
            fold(&complete),
            folds[0],
            folds[1],
            folds[2],
            folds[3],
            format!("{}\n{}", fold(&complete), folds.join("\n")),
        ])?;
        for t in &c.tags {
            self.tag.execute(params![c.id, t])?;
        }
        if c.is_company {
            self.companies
                .insert(c.id, (complete, commercial, c.clone()));
        }
        Ok(c.id)
    }
}

fn slug(s: &str) -> String {
    fold(s)
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect()
}

struct Places {
    /// (country id, code, city, state id)
    cities: Vec<(i64, &'static str, &'static str, Option<i64>)>,
}

impl Places {
    fn find(&self, city: &str) -> (Option<i64>, Option<i64>) {
        self.cities
            .iter()
            .find(|c| c.2 == city)
            .map_or((None, None), |c| (c.3, Some(c.0)))
    }
}

fn places(tx: &Connection) -> rusqlite::Result<Places> {
    let mut cities = Vec::new();
    for (i, (name, code, towns)) in COUNTRIES.iter().enumerate() {
        let cid = i64::try_from(i).unwrap_or(0) + 1;
        tx.execute(
            "INSERT INTO country (id, name, code, name_fold) VALUES (?1, ?2, ?3, ?4)",
            params![cid, name, code, fold(name)],
        )?;
        for (town, state) in towns.iter() {
            let state_id = match state {
                Some(s) => STATES
                    .iter()
                    .position(|(c, sc, _)| c == code && sc == s)
                    .map(|p| i64::try_from(p).unwrap_or(0) + 1),
                None => None,
            };
            cities.push((cid, *code, *town, state_id));
        }
    }
    for (i, (country, code, name)) in STATES.iter().enumerate() {
        let cid = COUNTRIES
            .iter()
            .position(|c| c.1 == *country)
            .map_or(1, |p| i64::try_from(p).unwrap_or(0) + 1);
        tx.execute(
            "INSERT INTO country_state (id, country_id, name, code, display_name, name_fold) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![i64::try_from(i).unwrap_or(0) + 1, cid, name, code, format!("{name} ({country})"), fold(name)],
        )?;
    }
    Ok(Places { cities })
}

fn fill(tx: &Connection, contacts: usize) -> rusqlite::Result<()> {
    let places = places(tx)?;
    for (i, (name, parent)) in TAGS.iter().enumerate() {
        let complete = match parent {
            Some(p) => format!("{} / {name}", TAGS[p - 1].0),
            None => name.to_string(),
        };
        tx.execute(
            "INSERT INTO category (id, name, parent_id, complete_name, name_fold, complete_fold, color) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![i64::try_from(i).unwrap_or(0) + 1, name, parent.map(|p| i64::try_from(p).unwrap_or(0)), complete, fold(name), fold(&complete), i64::try_from(i % 12).unwrap_or(0)],
        )?;
    }
    let mut w = Writer {
        insert: tx.prepare(INSERT)?,
        tag: tx.prepare(
            "INSERT OR IGNORE INTO partner_category (partner_id, category_id) VALUES (?1, ?2)",
        )?,
        companies: std::collections::HashMap::new(),
        base_time: clock::parse_odoo_datetime("2025-01-06 08:00:00").unwrap_or(0),
    };
    let at = |city: &str| places.find(city);
    let company = |id: i64, name: &str, city: &str, email: &str| {
        let (state, country) = at(city);
        Contact {
            id,
            name: name.into(),
            is_company: true,
            email: Some(email.into()),
            city: Some(city.into()),
            state,
            country,
            active: true,
            ..Contact::default()
        }
    };
    let person = |id: i64, name: &str, parent: Option<i64>, email: &str| Contact {
        id,
        name: name.into(),
        parent,
        email: Some(email.into()),
        active: true,
        ..Contact::default()
    };

    // Odoo's own records first, at their usual ids.
    w.add(Contact {
        phone: Some("+1 555-555-5556".into()),
        street: Some("250 Executive Park Blvd, Suite 3400".into()),
        zip: Some("94134".into()),
        website: Some("http://www.example.com".into()),
        ..company(1, "YourCompany", "San Francisco", "info@yourcompany.com")
    })?;
    w.add(Contact {
        active: false,
        ..person(2, "OdooBot", None, "odoobot@example.com")
    })?;
    w.add(Contact {
        street: Some("215 Vine St".into()),
        zip: Some("18503".into()),
        city: Some("Scranton".into()),
        state: at("Scranton").0,
        country: at("Scranton").1,
        phone: Some("+1 555-555-5555".into()),
        function: Some("Chief Executive Officer".into()),
        ..person(
            3,
            "Mitchell Admin",
            Some(1),
            "admin@yourcompany.example.com",
        )
    })?;
    w.add(Contact {
        active: false,
        ..person(4, "Public user", None, "")
    })?;
    w.add(Contact {
        function: Some("Store Manager".into()),
        ..person(5, "Chester Reed", Some(1), "chester.reed79@example.com")
    })?;
    w.add(Contact {
        function: Some("Technician".into()),
        ..person(6, "Dwayne Newman", Some(1), "dwayne.newman28@example.com")
    })?;
    w.add(Contact {
        phone: Some("(441)-695-2334".into()),
        function: Some("Consultant".into()),
        ..person(7, "Marc Demo", Some(1), "mark.brown23@example.com")
    })?;
    w.add(Contact {
        phone: Some("(683)-556-5104".into()),
        street: Some("858 Lynn Street".into()),
        zip: Some("07002".into()),
        city: Some("Bayonne".into()),
        country: at("New York").1,
        ..person(8, "Joel Willis", None, "joel.willis63@example.com")
    })?;
    // (id, name, city, email, phone, street, zip, staff)
    type Company = (
        i64,
        &'static str,
        &'static str,
        &'static str,
        &'static str,
        &'static str,
        &'static str,
        &'static [&'static str],
    );
    let companies: [Company; 8] = [
        (
            9,
            "Wood Corner",
            "Turlock",
            "wood.corner26@example.com",
            "(623)-853-7197",
            "1839 Arbor Way",
            "95380",
            &["Ron Gibson", "Tom Ruiz", "Willie Burke"],
        ),
        (
            10,
            "Deco Addict",
            "Pleasant Hill",
            "deco.addict82@example.com",
            "(603)-996-3829",
            "77 Santa Barbara Rd",
            "94523",
            &["Addison Olson", "Douglas Fletcher", "Floyd Steward"],
        ),
        (
            11,
            "Gemini Furniture",
            "Fairfield",
            "gemini.furniture39@example.com",
            "(941)-284-4875",
            "317 Fairchild Dr",
            "94535",
            &[
                "Edwin Hansen",
                "Jesse Brown",
                "Oscar Morgan",
                "Soham Palmer",
            ],
        ),
        (
            12,
            "Ready Mat",
            "Tracy",
            "ready.mat28@example.com",
            "(803)-873-6126",
            "7500 W Linne Road",
            "95304",
            &[
                "Billy Fox",
                "Edith Sanchez",
                "Kim Snyder",
                "Theodore Gardner",
            ],
        ),
        (
            13,
            "The Jackson Group",
            "Stockton",
            "jackson.group82@example.com",
            "(334)-502-1024",
            "1611 Peony Dr",
            "95202",
            &["Gordon Owens", "Julie Richards", "Toni Rhodes"],
        ),
        (
            14,
            "Azure Interior",
            "Fremont",
            "azure.Interior24@example.com",
            "(870)-931-0505",
            "4557 De Silva St",
            "94538",
            &["Brandon Freeman", "Colleen Diaz", "Nicole Ford"],
        ),
        (
            15,
            "Lumber Inc",
            "Stockton",
            "lumber-inv92@example.com",
            "(828)-316-0593",
            "1337 N San Joaquin St",
            "95202",
            &["Lorraine Douglas"],
        ),
        (
            16,
            "OpenWood",
            "Brussels",
            "wow@example.com",
            "+32 987 65 43 21",
            "Rue des Bois 12",
            "1000",
            &[],
        ),
    ];
    let mut next_id = 17;
    let mut employees = Vec::new();
    for (id, name, city, email, phone, street, zip, staff) in companies {
        let website = format!("http://www.{}.com", slug(name).replace("inc", "-inc"));
        w.add(Contact {
            phone: Some(phone.into()),
            street: Some(street.into()),
            zip: Some(zip.into()),
            website: Some(website),
            vat: (id % 2 == 0).then(|| format!("US{:08}", 12_345_600 + id)),
            tags: vec![if id == 10 { 3 } else { 1 + id % 5 }],
            comment: (id == 14)
                .then(|| "<p>Key account. Prefers calls <b>after 2 pm</b>.</p>".to_string()),
            ..company(id, name, city, email)
        })?;
        for person_name in staff {
            employees.push((*person_name, id));
        }
    }
    let functions = [
        "Creative Director",
        "Business Executive",
        "Director",
        "Purchase Manager",
        "Accountant",
    ];
    for (i, (name, company_id)) in employees.into_iter().enumerate() {
        let first = name.split(' ').next().unwrap_or(name);
        let email = format!(
            "{}.{}{}@example.com",
            slug(first),
            slug(name.rsplit(' ').next().unwrap_or(name)),
            20 + i * 7 % 79
        );
        w.add(Contact {
            function: Some(functions[i % functions.len()].into()),
            phone: Some(format!(
                "({:03})-{:03}-{:04}",
                200 + i * 37 % 700,
                100 + i * 53 % 900,
                1000 + i * 211 % 9000
            )),
            ..person(next_id, name, Some(company_id), &email)
        })?;
        next_id += 1;
    }
    // Names that test escaping, accents, apostrophes and archives.
    let specials: Vec<Contact> = vec![
        Contact {
            phone: Some("+33 3 81 00 00 00".into()),
            vat: Some("FR40303265045".into()),
            ..company(
                0,
                "Société Générale des Eaux",
                "Besançon",
                "contact@sge.example.fr",
            )
        },
        Contact {
            phone: Some("+353 21 000 0000".into()),
            tags: vec![1, 8],
            ..company(0, "O'Reilly & Sons", "Cork", "hello@oreilly.example.ie")
        },
        Contact {
            vat: Some("DE123456789".into()),
            tags: vec![2],
            ..company(
                0,
                "Müller Maschinenbau GmbH",
                "München",
                "info@mueller-mb.example.de",
            )
        },
        Contact {
            tags: vec![5],
            ..company(
                0,
                "Łódź Logistics Sp. z o.o.",
                "Łódź",
                "biuro@lodz-logistics.example.pl",
            )
        },
        Contact {
            ..company(
                0,
                "Ærøskøbing Design ApS",
                "Ærøskøbing",
                "hej@aero-design.example.dk",
            )
        },
        Contact {
            active: false,
            ..company(
                0,
                "Old Supplier Ltd",
                "Leeds",
                "accounts@old-supplier.example.co.uk",
            )
        },
    ];
    let mut special_ids = Vec::new();
    for c in specials {
        special_ids.push(w.add(Contact { id: next_id, ..c })?);
        next_id += 1;
    }
    let people: Vec<(&str, Option<usize>, &str)> = vec![
        (
            "Jürgen Schäfer",
            Some(2),
            "j.schaefer@mueller-mb.example.de",
        ),
        (
            "Łukasz Kowalski",
            Some(3),
            "lukasz@lodz-logistics.example.pl",
        ),
        ("Siobhán O'Reilly", Some(1), "siobhan@oreilly.example.ie"),
        ("Émile Zola-Durand", Some(0), "emile.zola@sge.example.fr"),
        ("Zoë D'Angelo", None, "zoe.dangelo@example.it"),
        ("José Martínez", None, "jose.martinez@example.es"),
        ("<script>alert(1)</script>", None, "xss@example.com"),
        ("Ærø Ødegård", Some(4), "aero@aero-design.example.dk"),
        (
            "Retired Contact",
            Some(5),
            "gone@old-supplier.example.co.uk",
        ),
    ];
    for (name, company_idx, email) in people {
        let parent = company_idx.map(|i| special_ids[i]);
        let (state, country) = if parent.is_none() {
            at("Roma")
        } else {
            (None, None)
        };
        w.add(Contact {
            state,
            country,
            active: name != "Retired Contact",
            ..person(next_id, name, parent, email)
        })?;
        next_id += 1;
    }

    // Then generated companies with their staff, up to the size wanted.
    let target = i64::try_from(if contacts == 0 { 320 } else { contacts }).unwrap_or(i64::MAX);
    let mut rng = Lcg(0x5eed_0dd0_cafe_f00d);
    while next_id <= target {
        let (country_id, code, city, state) = *rng.pick(&places.cities);
        let name = format!(
            "{} {} {}",
            rng.pick(CO_A),
            rng.pick(CO_B),
            rng.pick(CO_SUFFIX)
        );
        let domain = format!("{}{}.example.com", slug(&name), next_id % 1000);
        let cid = next_id;
        w.add(Contact {
            id: cid,
            name: name.clone(),
            is_company: true,
            email: Some(format!("info@{domain}")),
            phone: Some(format!(
                "+{} {:03} {:03} {:03}",
                1 + country_id,
                rng.next() % 1000,
                rng.next() % 1000,
                rng.next() % 1000
            )),
            street: Some(format!("{} {}", 1 + rng.next() % 300, rng.pick(STREETS))),
            zip: Some(format!("{:05}", rng.next() % 100_000)),
            city: Some(city.into()),
            state,
            country: Some(country_id),
            website: Some(format!("https://www.{domain}")),
            vat: (!rng.one_in(3)).then(|| format!("{code}{:09}", rng.next() % 1_000_000_000)),
            reference: Some(format!("C{cid:06}")),
            registry: (rng.one_in(4)).then(|| format!("{:010}", rng.next() % 10_000_000_000)),
            active: !rng.one_in(50),
            tags: match rng.next() % 4 {
                0 => vec![],
                1 => vec![1],
                2 => vec![2, 1 + i64::try_from(rng.next() % 9).unwrap_or(0)],
                _ => vec![1 + i64::try_from(rng.next() % 9).unwrap_or(0)],
            },
            ..Contact::default()
        })?;
        next_id += 1;
        let staff = 1 + rng.below(5);
        for _ in 0..staff {
            if next_id > target {
                break;
            }
            let first = *rng.pick(FIRST);
            let last = *rng.pick(LAST);
            w.add(Contact {
                id: next_id,
                name: format!("{first} {last}"),
                parent: Some(cid),
                function: Some(rng.pick(FUNCTIONS).to_string()),
                email: Some(format!("{}.{}@{domain}", slug(first), slug(last))),
                phone: (!rng.one_in(3)).then(|| {
                    format!(
                        "+{} {:03} {:04}",
                        1 + country_id,
                        rng.next() % 1000,
                        rng.next() % 10_000
                    )
                }),
                mobile: (rng.one_in(2)).then(|| {
                    format!(
                        "+{} 4{:02} {:03} {:03}",
                        1 + country_id,
                        rng.next() % 100,
                        rng.next() % 1000,
                        rng.next() % 1000
                    )
                }),
                active: !rng.one_in(40),
                ..Contact::default()
            })?;
            next_id += 1;
        }
    }
    drop(w);

    let hash = |pw: &str| crate::auth::hash_password(pw);
    // (uid, login, password hash, partner, kind, name, tz, active)
    let users = [
        (
            1,
            "__system__",
            "!".into(),
            2,
            "admin",
            "OdooBot",
            Some("Europe/Brussels"),
            false,
        ),
        (
            2,
            "admin",
            hash("admin"),
            3,
            "admin",
            "Mitchell Admin",
            Some("Europe/Brussels"),
            true,
        ),
        (
            6,
            "demo",
            hash("demo"),
            7,
            "internal",
            "Marc Demo",
            Some("Europe/Brussels"),
            true,
        ),
        (
            7,
            "portal",
            hash("portal"),
            8,
            "portal",
            "Joel Willis",
            None,
            true,
        ),
    ];
    for (id, login, password, partner, kind, name, tz, active) in users {
        tx.execute(
            "INSERT INTO users (id, login, password, partner_id, kind, name, tz, active) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![id, login, password, partner, kind, name, tz, active],
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seeded(n: usize) -> Connection {
        let mut c = Connection::open_in_memory().unwrap();
        register_functions(&c, false).unwrap();
        assert!(ensure(&mut c, n).unwrap());
        c
    }

    #[test]
    fn deterministic_and_sized() {
        let dump = |c: &Connection| -> Vec<(i64, String, Option<String>)> {
            let mut s = c
                .prepare("SELECT id, complete_name, email FROM partner ORDER BY id")
                .unwrap();
            s.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                .unwrap()
                .map(Result::unwrap)
                .collect()
        };
        let a = seeded(0);
        let b = seeded(0);
        assert_eq!(dump(&a), dump(&b));
        let n: i64 = a
            .query_row("SELECT count(*) FROM partner", [], |r| r.get(0))
            .unwrap();
        assert!((300..=330).contains(&n), "{n}");
        let big = seeded(2_000);
        let n: i64 = big
            .query_row("SELECT count(*) FROM partner", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 2_000);
    }

    #[test]
    fn well_known_records() {
        let c = seeded(0);
        let row: (String, String, String) = c
            .query_row(
                "SELECT p.email, p.city, c.name FROM partner p JOIN country c ON c.id = p.country_id WHERE p.id = 14",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .unwrap();
        assert_eq!(
            row,
            (
                "azure.Interior24@example.com".into(),
                "Fremont".into(),
                "United States".into()
            )
        );
        let brandon: String = c
            .query_row(
                "SELECT complete_name FROM partner WHERE name = 'Brandon Freeman'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(brandon, "Azure Interior, Brandon Freeman");
        let hash: String = c
            .query_row(
                "SELECT password FROM users WHERE login = 'admin'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert!(
            hash.starts_with("$pbkdf2-sha512$"),
            "only hashes are stored"
        );
    }

    #[test]
    fn an_existing_file_is_kept() {
        let mut c = seeded(0);
        c.execute("UPDATE partner SET name = 'Changed' WHERE id = 14", [])
            .unwrap();
        assert!(!ensure(&mut c, 0).unwrap());
        let n: String = c
            .query_row("SELECT name FROM partner WHERE id = 14", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, "Changed");
    }
}
