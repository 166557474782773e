//! The schema and the demo data: the same contacts on every machine (fixed
//! tables, then a fixed-seed generator), so tests and screenshots can name
//! them. Odoo's well-known demo records keep their usual ids: company 1,
//! Mitchell Admin 3 (user 2), Marc Demo 7 (user 6), Joel Willis 8 (portal
//! user 7), Deco Addict 10, Azure Interior 14.

mod data;

use crate::clock;
use crate::fold::fold;
use data::*;
use rusqlite::{params, Connection, Statement};

/// Bumped whenever the tables change: older files are rebuilt.
const SCHEMA_VERSION: &str = "10";

const SCHEMA: &str = "
-- A country made from its name alone has no code (Odoo 16).
CREATE TABLE country (id INTEGER PRIMARY KEY, name TEXT NOT NULL, code TEXT, name_fold TEXT NOT NULL);
CREATE TABLE country_state (id INTEGER PRIMARY KEY, country_id INTEGER NOT NULL REFERENCES country(id),
  name TEXT NOT NULL, code TEXT NOT NULL, display_name TEXT NOT NULL, name_fold TEXT NOT NULL);
CREATE TABLE category (id INTEGER PRIMARY KEY, name TEXT NOT NULL, parent_id INTEGER REFERENCES category(id),
  complete_name TEXT NOT NULL, name_fold TEXT NOT NULL, complete_fold TEXT NOT NULL,
  color INTEGER NOT NULL DEFAULT 0, active INTEGER NOT NULL DEFAULT 1);
CREATE TABLE partner (
  id INTEGER PRIMARY KEY,
  -- Odoo requires a name of contacts only (type 'contact'), and a type
  -- may be emptied: both are nullable there.
  name TEXT,
  complete_name TEXT NOT NULL,
  is_company INTEGER NOT NULL DEFAULT 0,
  type TEXT DEFAULT 'contact',
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
  create_uid INTEGER,
  write_uid INTEGER,
  -- lower-cased, accent-free copies: what ilike reads
  name_fold TEXT NOT NULL,
  complete_fold TEXT NOT NULL,
  email_fold TEXT NOT NULL DEFAULT '',
  ref_fold TEXT NOT NULL DEFAULT '',
  vat_fold TEXT NOT NULL DEFAULT '',
  registry_fold TEXT NOT NULL DEFAULT '',
  -- the folded complete name, email, reference, tax id and company id,
  -- one per line: what the app's contact search reads
  search_fold TEXT NOT NULL DEFAULT '',
  -- 1 when every searched text is ASCII: an ASCII term's folded match is
  -- then exact, and the accent comparison (which reads the row) is skipped
  plain INTEGER NOT NULL DEFAULT 0
);
-- The default order with what a name search filters on: a search for a
-- name walks this index in order and stops at the page's end.
CREATE INDEX partner_order ON partner(complete_fold ASC, id DESC, active, name_fold, plain, name);
-- The same for the app's search (name, email, reference, tax id, company id).
CREATE INDEX partner_search ON partner(complete_fold ASC, id DESC, active, search_fold, plain,
  complete_name, ref, email, vat, company_registry);
CREATE INDEX partner_parent ON partner(parent_id);
-- Narrow indexes for counting a search: a count scans every entry, and
-- these are narrower than the ordered ones above (name search 9.7 -> 5 ms
-- p95 on 100,000 contacts). Every index a search reads holds the texts
-- its accent check may compare: without them SQLite reads each row (a
-- count became a table scan: 40 ms).
CREATE INDEX partner_count ON partner(name_fold, active, plain, name);
CREATE INDEX partner_search_count ON partner(search_fold, active, plain,
  complete_name, ref, email, vat, company_registry);
CREATE TABLE partner_category (partner_id INTEGER NOT NULL, category_id INTEGER NOT NULL,
  PRIMARY KEY (partner_id, category_id)) WITHOUT ROWID;
CREATE INDEX partner_category_by_tag ON partner_category(category_id, partner_id);
CREATE TABLE users (id INTEGER PRIMARY KEY, login TEXT UNIQUE NOT NULL, password TEXT NOT NULL,
  partner_id INTEGER NOT NULL REFERENCES partner(id), kind TEXT NOT NULL, name TEXT NOT NULL,
  tz TEXT, lang TEXT NOT NULL DEFAULT 'en_US', active INTEGER NOT NULL DEFAULT 1);
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
    // Whether a text has nothing but ASCII (NULL counts): its folded copy
    // is then exactly its lower case, and an ASCII pattern needs no second
    // look. Read without copying: it runs once per candidate row.
    conn.create_scalar_function(
        "ascii_text",
        1,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        |ctx| {
            Ok(match ctx.get_raw(0) {
                rusqlite::types::ValueRef::Text(t) => t.is_ascii(),
                _ => true,
            })
        },
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
    // Each change is one transaction; FULL makes it durable once `call_kw`
    // has answered, even if the machine (not just the process) goes down
    // right after. The demo checks foreign keys itself, with Odoo's words.
    conn.execute_batch(
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=OFF;",
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
  ref_fold, vat_fold, registry_fold, search_fold, create_uid, write_uid, plain)
  VALUES (?1, ?2, ?3, ?4, 'contact', ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27,
  ?28, ?29, ?30, ?31, ?32, ?32, ?33)";

/// Who created the demo data: Odoo loads its data as the superuser
/// (uid 1, OdooBot), never as a person who signs in.
const LOADER_UID: i64 = 1;

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
        let texts = crate::fold::contact_texts(
            &complete,
            [&c.email, &c.reference, &c.vat, &c.registry].map(Option::as_deref),
        );
        let [f0, f1, f2, f3] = &texts.folds;
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
            f0,
            f1,
            f2,
            f3,
            texts.search,
            LOADER_UID,
            texts.plain,
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

    /// A record of the data tables, its places looked up.
    fn contact(&self, k: &Known) -> Contact {
        let text = |s: Option<&str>| s.map(str::to_string);
        Contact {
            id: k.id,
            name: k.name.into(),
            is_company: k.is_company,
            parent: k.parent,
            function: text(k.function),
            email: Some(k.email.into()),
            phone: text(k.phone),
            street: text(k.street),
            zip: text(k.zip),
            city: text(k.city),
            state: k.state_of.and_then(|c| self.find(c).0),
            country: k.country_of.and_then(|c| self.find(c).1),
            website: text(k.website),
            vat: text(k.vat),
            comment: text(k.comment),
            active: k.active,
            tags: k.tags.to_vec(),
            ..Contact::default()
        }
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
    tags(tx)?;
    let mut w = Writer {
        insert: tx.prepare(INSERT)?,
        tag: tx.prepare(
            "INSERT OR IGNORE INTO partner_category (partner_id, category_id) VALUES (?1, ?2)",
        )?,
        companies: std::collections::HashMap::new(),
        base_time: clock::parse_odoo_datetime(FIRST_CREATED).unwrap_or(0),
    };
    for k in &ODOO_RECORDS {
        w.add(places.contact(k))?;
    }
    let next_id = known_companies(&mut w, &places)?;
    let next_id = specials(&mut w, &places, next_id)?;
    let target =
        i64::try_from(if contacts == 0 { SMALL_SET } else { contacts }).unwrap_or(i64::MAX);
    generate(&mut w, &places, next_id, target)?;
    drop(w);
    users(tx)
}

fn tags(tx: &Connection) -> rusqlite::Result<()> {
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
    Ok(())
}

/// Odoo's demo companies, then their staff from the next free id; returns
/// the id after them.
fn known_companies(w: &mut Writer<'_>, places: &Places) -> rusqlite::Result<i64> {
    for (company, _) in &COMPANIES {
        w.add(places.contact(company))?;
    }
    let mut next_id = COMPANIES.iter().map(|(c, _)| c.id).max().unwrap_or(0) + 1;
    let staff = COMPANIES
        .iter()
        .flat_map(|(c, staff)| staff.iter().map(|name| (*name, c.id)));
    for (i, (name, company_id)) in staff.enumerate() {
        let first = name.split(' ').next().unwrap_or(name);
        let email = format!(
            "{}.{}{}@example.com",
            slug(first),
            slug(name.rsplit(' ').next().unwrap_or(name)),
            20 + i * 7 % 79
        );
        w.add(Contact {
            id: next_id,
            name: name.into(),
            parent: Some(company_id),
            function: Some(STAFF_FUNCTIONS[i % STAFF_FUNCTIONS.len()].into()),
            email: Some(email),
            phone: Some(format!(
                "({:03})-{:03}-{:04}",
                200 + i * 37 % 700,
                100 + i * 53 % 900,
                1000 + i * 211 % 9000
            )),
            active: true,
            ..Contact::default()
        })?;
        next_id += 1;
    }
    Ok(next_id)
}

/// The companies and people with names that test escaping, from
/// `next_id`; returns the id after them.
fn specials(w: &mut Writer<'_>, places: &Places, mut next_id: i64) -> rusqlite::Result<i64> {
    let mut company_ids = Vec::new();
    for c in &SPECIAL_COMPANIES {
        company_ids.push(w.add(Contact {
            id: next_id,
            ..places.contact(c)
        })?);
        next_id += 1;
    }
    for (company, p) in &SPECIAL_PEOPLE {
        w.add(Contact {
            id: next_id,
            parent: company.map(|i| company_ids[i]),
            ..places.contact(p)
        })?;
        next_id += 1;
    }
    Ok(next_id)
}

/// Generated companies with their staff, from `next_id` up to `target`.
fn generate(
    w: &mut Writer<'_>,
    places: &Places,
    mut next_id: i64,
    target: i64,
) -> rusqlite::Result<()> {
    let mut rng = Lcg(GENERATOR_SEED);
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
            w.add(generated_employee(
                &mut rng, next_id, cid, country_id, &domain,
            ))?;
            next_id += 1;
        }
    }
    Ok(())
}

fn generated_employee(
    rng: &mut Lcg,
    id: i64,
    company: i64,
    country_id: i64,
    domain: &str,
) -> Contact {
    let first = *rng.pick(FIRST);
    let last = *rng.pick(LAST);
    Contact {
        id,
        name: format!("{first} {last}"),
        parent: Some(company),
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
    }
}

fn users(tx: &Connection) -> rusqlite::Result<()> {
    for u in &USERS {
        let password = u
            .password
            .map_or_else(|| "!".to_string(), crate::auth::hash_password);
        tx.execute(
            "INSERT INTO users (id, login, password, partner_id, kind, name, tz, lang, active)
             VALUES (?1, ?2, ?3, (SELECT id FROM partner WHERE name = ?4 ORDER BY id LIMIT 1), ?5, ?4, ?6, ?7, ?8)",
            params![u.uid, u.login, password, u.name, u.kind, u.tz, u.lang, u.active],
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
    fn a_user_in_each_language_of_the_app_is_one_of_the_contacts() {
        let c = seeded(0);
        let mut s = c
            .prepare(
                "SELECT u.login, u.lang, p.name = u.name, u.kind FROM users u JOIN partner p ON p.id = u.partner_id ORDER BY u.id",
            )
            .unwrap();
        let rows: Vec<(String, String, bool, String)> = s
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        assert_eq!(rows.len(), USERS.len(), "every user has its contact");
        assert!(rows.iter().all(|r| r.2), "{rows:?}");
        let langs: Vec<&str> = rows.iter().map(|r| r.1.as_str()).collect();
        for lang in ["en_US", "fr_BE", "de_DE", "es_ES", "nl_NL", "ar_001"] {
            assert!(langs.contains(&lang), "no user in {lang}");
        }
        assert!(rows
            .iter()
            .filter(|r| r.0.starts_with("demo-"))
            .all(|r| r.3 == "internal"));
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
