//! The schema and deterministic demo data: the same contacts on every
//! machine, so tests and screenshots can name them.

use rusqlite::{params, Connection};

pub const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS country (id INTEGER PRIMARY KEY, name TEXT NOT NULL, code TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS category (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS partner (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  is_company INTEGER NOT NULL DEFAULT 0,
  parent_id INTEGER REFERENCES partner(id),
  function TEXT, email TEXT, phone TEXT, mobile TEXT,
  street TEXT, street2 TEXT, zip TEXT, city TEXT,
  country_id INTEGER REFERENCES country(id),
  website TEXT, vat TEXT, ref TEXT, company_registry TEXT, comment TEXT,
  image BLOB,
  active INTEGER NOT NULL DEFAULT 1,
  write_date TEXT NOT NULL,
  complete_name TEXT NOT NULL,
  -- lower-cased, accent-free copies: what ilike compares
  complete_fold TEXT NOT NULL,
  email_fold TEXT NOT NULL DEFAULT '',
  name_fold TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS partner_order ON partner(complete_fold, id);
CREATE INDEX IF NOT EXISTS partner_parent ON partner(parent_id);
CREATE TABLE IF NOT EXISTS partner_category (partner_id INTEGER NOT NULL, category_id INTEGER NOT NULL,
  PRIMARY KEY (partner_id, category_id));
CREATE TABLE IF NOT EXISTS users (id INTEGER PRIMARY KEY, login TEXT UNIQUE NOT NULL, password TEXT NOT NULL,
  partner_id INTEGER NOT NULL, kind TEXT NOT NULL);
";

/// Lower case without accents: how the demo makes ilike match "Émile"
/// with "emile" (Odoo relies on PostgreSQL's unaccent for the same).
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars().flat_map(char::to_lowercase) {
        let base = match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ą' => 'a',
            'ç' | 'ć' | 'č' => 'c',
            'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ę' | 'ě' => 'e',
            'ì' | 'í' | 'î' | 'ï' | 'ī' => 'i',
            'ñ' | 'ń' | 'ň' => 'n',
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => 'o',
            'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => 'u',
            'ý' | 'ÿ' => 'y',
            'ś' | 'š' | 'ş' => 's',
            'ź' | 'ż' | 'ž' => 'z',
            'ł' => 'l',
            'ř' => 'r',
            'ť' => 't',
            'ď' => 'd',
            'ß' => {
                out.push_str("ss");
                continue;
            }
            c => c,
        };
        out.push(base);
    }
    out
}

const COUNTRIES: [(&str, &str, &[&str]); 16] = [
    ("United States", "US", &["Fremont", "New York", "Chicago", "Austin", "Seattle"]),
    ("Belgium", "BE", &["Brussels", "Liège", "Namur", "Gent"]),
    ("France", "FR", &["Paris", "Lyon", "Nîmes", "Besançon"]),
    ("Germany", "DE", &["Berlin", "München", "Köln", "Düsseldorf"]),
    ("Spain", "ES", &["Madrid", "Barcelona", "Málaga"]),
    ("Italy", "IT", &["Roma", "Milano", "Torino"]),
    ("Netherlands", "NL", &["Amsterdam", "Utrecht", "Den Haag"]),
    ("United Kingdom", "GB", &["London", "Leeds", "Bristol"]),
    ("Ireland", "IE", &["Dublin", "Cork"]),
    ("Poland", "PL", &["Kraków", "Łódź", "Gdańsk"]),
    ("Sweden", "SE", &["Göteborg", "Malmö"]),
    ("Canada", "CA", &["Montréal", "Toronto", "Québec"]),
    ("Brazil", "BR", &["São Paulo", "Curitiba"]),
    ("Japan", "JP", &["Tokyo", "Osaka"]),
    ("India", "IN", &["Mumbai", "Pune"]),
    ("Mexico", "MX", &["Ciudad de México", "Guadalajara"]),
];

const FIRST: [&str; 32] = [
    "Marc", "Anne", "José", "Zoë", "Émile", "Brandon", "Colleen", "Nicole", "Kim", "Sofia", "Liam",
    "Chloé", "Jürgen", "Aoife", "Łukasz", "Inés", "Mateo", "Hannah", "Yuki", "Priya", "Oliver",
    "Léa", "Søren", "Ana", "Tom", "Fatima", "Noah", "Emma", "Lars", "Olga", "Pedro", "Mei",
];
const LAST: [&str; 32] = [
    "Dupont", "O'Brien", "Müller", "García", "Jensen", "Freeman", "Diaz", "Reed", "Nakamura",
    "Rossi", "Kowalski", "Leroy", "Martínez", "Svensson", "Byrne", "Schäfer", "Van den Berg",
    "Novák", "Silva", "Patel", "Smith", "D'Angelo", "Lefèvre", "Ivanova", "Tanaka", "Andersen",
    "Costa", "Walsh", "Nowak", "Fischer", "Moreau", "Ahmed",
];
const CO_A: [&str; 16] = [
    "Blue", "North", "Granite", "Silver", "Oak", "Rapid", "Bright", "Alpine", "Coastal", "Prime",
    "Harbor", "Golden", "Urban", "Nordic", "Summit", "Cedar",
];
const CO_B: [&str; 16] = [
    "Logistics", "Furniture", "Interiors", "Foods", "Consulting", "Textiles", "Metals", "Energy",
    "Software", "Bakery", "Garage", "Pharma", "Builders", "Travel", "Studio", "Robotics",
];
const CO_SUFFIX: [&str; 8] = ["Inc", "GmbH", "SA", "SRL", "Ltd", "BV", "& Co", "AB"];
const FUNCTIONS: [&str; 10] = [
    "Sales Manager", "Accountant", "CEO", "Purchaser", "Technician", "Office Manager",
    "Consultant", "Developer", "Buyer", "Warehouse Lead",
];
const TAGS: [&str; 6] = ["Customer", "Vendor", "Prospect", "VIP", "Services", "Consumer"];

/// A tiny deterministic generator (64-bit LCG): same data everywhere.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[(self.next() as usize) % xs.len()]
    }
}

pub struct NewPartner<'a> {
    pub name: String,
    pub is_company: bool,
    pub parent: Option<(i64, &'a str)>,
    pub function: Option<&'a str>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub street: Option<String>,
    pub zip: Option<String>,
    pub city: Option<&'a str>,
    pub country_id: Option<i64>,
    pub website: Option<String>,
    pub vat: Option<String>,
    pub reference: Option<String>,
    pub comment: Option<String>,
}

fn slug(s: &str) -> String {
    fold(s).chars().filter(|c| c.is_ascii_alphanumeric()).collect()
}

const INSERT: &str = "INSERT INTO partner (name, is_company, parent_id, function, email, phone, street, zip,
  city, country_id, website, vat, ref, comment, active, write_date, complete_name, complete_fold, email_fold, name_fold)
  VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, 1, ?15, ?16, ?17, ?18, ?19)";

fn insert(stmt: &mut rusqlite::Statement<'_>, p: &NewPartner<'_>, write_date: &str) -> rusqlite::Result<()> {
    let complete = match p.parent {
        Some((_, company)) => format!("{company}, {}", p.name),
        None => p.name.clone(),
    };
    stmt.execute(params![
        p.name,
        p.is_company,
        p.parent.map(|(id, _)| id),
        p.function,
        p.email,
        p.phone,
        p.street,
        p.zip,
        p.city,
        p.country_id,
        p.website,
        p.vat,
        p.reference,
        p.comment,
        write_date,
        complete,
        fold(&complete),
        p.email.as_deref().map(fold).unwrap_or_default(),
        fold(&p.name),
    ])?;
    Ok(())
}

/// Creates and fills a database unless it already has its contacts.
pub fn ensure(conn: &Connection, name: &str, big: usize) -> rusqlite::Result<()> {
    use rusqlite::functions::FunctionFlags;
    // ilike on columns without a pre-folded copy folds on the fly.
    conn.create_scalar_function(
        "fold",
        1,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        |ctx| Ok(ctx.get::<Option<String>>(0)?.map(|s| fold(&s))),
    )?;
    conn.execute_batch("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;")?;
    conn.execute_batch(SCHEMA)?;
    let have: i64 = conn.query_row("SELECT count(*) FROM partner", [], |r| r.get(0))?;
    if have > 0 {
        return Ok(());
    }
    let tx = conn.unchecked_transaction()?;
    for (i, (country, code, _)) in COUNTRIES.iter().enumerate() {
        tx.execute("INSERT INTO country (id, name, code) VALUES (?1, ?2, ?3)", params![i as i64 + 1, country, code])?;
    }
    for (i, t) in TAGS.iter().enumerate() {
        tx.execute("INSERT INTO category (id, name) VALUES (?1, ?2)", params![i as i64 + 1, t])?;
    }
    let write_date = "2026-11-28 09:00:00";
    {
        let mut stmt = tx.prepare(INSERT)?;
        let mut add = |p: NewPartner<'_>| -> rusqlite::Result<i64> {
            insert(&mut stmt, &p, write_date)?;
            Ok(tx.last_insert_rowid())
        };
        // The company and the users' own contacts come first, like Odoo's.
        let your = add(company("YourCompany", 1, "Fremont", "info@yourcompany.com"))?;
        add(person("Mitchell Admin", Some((your, "YourCompany")), "admin@yourcompany.example.com", 1))?;
        add(person("Marc Demo", Some((your, "YourCompany")), "mark.brown23@example.com", 1))?;
        add(person("Joel Willis", None, "joel.willis63@example.com", 1))?;
        let azure = add(NewPartner {
            phone: Some("(870)-931-0505".into()),
            street: Some("4557 De Silva St".into()),
            zip: Some("94538".into()),
            website: Some("http://www.azure-interior.com".into()),
            vat: Some("US12345677".into()),
            comment: Some("<p>Key account. Prefers calls <b>after 2 pm</b>.</p>".into()),
            ..company("Azure Interior", 1, "Fremont", "azure.Interior24@example.com")
        })?;
        for (n, f) in [("Brandon Freeman", "Creative Director"), ("Colleen Diaz", "Business Executive"), ("Nicole Ford", "Director")] {
            add(NewPartner {
                function: Some(f),
                ..person(n, Some((azure, "Azure Interior")), &format!("{}@example.com", slug(n)), 1)
            })?;
        }
        let deco = add(company("Deco Addict", 1, "Pleasant Hill", "deco_addict@yourcompany.example.com"))?;
        add(person("Addison Olson", Some((deco, "Deco Addict")), "addison.olson28@example.com", 1))?;
        add(company("Gemini Furniture", 1, "Fairfield", "gemini_furniture@fake.geminifurniture.com"))?;
        add(company("Lumber Inc", 1, "Stockton", "lumber-inv92@example.com"))?;
        let wood = add(company("Wood Corner", 1, "Turlock", "wood.corner26@example.com"))?;
        add(person("Ron Gibson", Some((wood, "Wood Corner")), "ron.gibson76@example.com", 1))?;
        add(company("Société Générale des Eaux", 3, "Besançon", "contact@sge.example.fr"))?;
        add(company("O'Reilly & Sons", 9, "Cork", "hello@oreilly.example.ie"))?;
        add(company("Müller Maschinenbau GmbH", 4, "München", "info@mueller-mb.example.de"))?;
        add(person("<script>alert(1)</script> Test", None, "xss@example.com", 2))?;
        add(person("Zoë D'Angelo", None, "zoe.dangelo@example.it", 6))?;
        add(person("José Martínez", None, "jose.martinez@example.es", 5))?;
        // Generated companies with employees.
        let mut rng = Lcg(0x5eed_0dd0);
        let target = if big > 0 { big } else { 400 };
        let mut made = 22;
        while made < target {
            let ci = (rng.next() as usize) % COUNTRIES.len();
            let (_, code, cities) = COUNTRIES[ci];
            let cname = format!("{} {} {}", rng.pick(&CO_A), rng.pick(&CO_B), rng.pick(&CO_SUFFIX));
            let cname = if big > 0 { format!("{cname} {made}") } else { cname };
            let city = *rng.pick(cities);
            let domain = format!("{}.example.com", slug(&cname));
            let cid = add(NewPartner {
                vat: Some(format!("{code}{:09}", rng.next() % 1_000_000_000)),
                reference: Some(format!("C{made:06}")),
                phone: Some(format!("+{} {:03} {:03} {:03}", 1 + ci, rng.next() % 1000, rng.next() % 1000, rng.next() % 1000)),
                street: Some(format!("{} {} Street", 1 + rng.next() % 300, rng.pick(&LAST))),
                zip: Some(format!("{:05}", rng.next() % 100_000)),
                website: Some(format!("https://www.{domain}")),
                ..company(&cname, ci as i64 + 1, city, &format!("info@{domain}"))
            })?;
            made += 1;
            let staff = 1 + (rng.next() % 5) as usize;
            for _ in 0..staff {
                if made >= target {
                    break;
                }
                let n = format!("{} {}", rng.pick(&FIRST), rng.pick(&LAST));
                let email = format!("{}.{}@{domain}", slug(n.split(' ').next().unwrap_or("x")), made);
                add(NewPartner {
                    function: Some(*rng.pick(&FUNCTIONS)),
                    ..person(&n, Some((cid, &cname)), &email, ci as i64 + 1)
                })?;
                made += 1;
            }
        }
    }
    // Tags: a few per company, deterministic.
    tx.execute_batch(
        "INSERT INTO partner_category (partner_id, category_id)
           SELECT id, 1 + (id % 6) FROM partner WHERE is_company = 1;
         INSERT OR IGNORE INTO partner_category (partner_id, category_id)
           SELECT id, 4 FROM partner WHERE is_company = 1 AND id % 7 = 0;
         UPDATE partner SET active = 0 WHERE id IN (SELECT id FROM partner WHERE is_company = 0 AND id % 97 = 0);",
    )?;
    let users = [("admin", "admin", 2, "admin"), ("demo", "demo", 3, "internal"), ("portal", "portal", 4, "portal")];
    for (login, password, partner, kind) in users {
        tx.execute(
            "INSERT INTO users (login, password, partner_id, kind) VALUES (?1, ?2, ?3, ?4)",
            params![login, crate::auth::hash_password(password), partner, kind],
        )?;
    }
    tx.commit()?;
    conn.execute_batch("ANALYZE;")?;
    tracing::info!(db = name, "seeded");
    Ok(())
}

fn company<'a>(name: &str, country: i64, city: &'a str, email: &str) -> NewPartner<'a> {
    NewPartner {
        name: name.into(),
        is_company: true,
        parent: None,
        function: None,
        email: Some(email.into()),
        phone: None,
        street: None,
        zip: None,
        city: Some(city),
        country_id: Some(country),
        website: None,
        vat: None,
        reference: None,
        comment: None,
    }
}

fn person<'a>(name: &str, parent: Option<(i64, &'a str)>, email: &str, country: i64) -> NewPartner<'a> {
    NewPartner {
        name: name.into(),
        is_company: false,
        parent,
        city: None,
        ..company(name, country, "", email)
    }
}
