//! The demo's data, apart from the code that writes it (`seed.rs`): the
//! places, tags and name parts the generator draws from, and the records
//! written as they are, Odoo's well-known demo records at their usual ids
//! first. Changing anything here changes every seeded database (the
//! tests name these records by id and name).

/// How many contacts `demo` has (`demo_big` has `Config::big_partners`).
pub const SMALL_SET: usize = 320;

/// When the first record was created; each later id a few seconds after.
pub const FIRST_CREATED: &str = "2025-01-06 08:00:00";

/// The generator's seed: the same generated contacts on every machine.
pub const GENERATOR_SEED: u64 = 0x5eed_0dd0_cafe_f00d;

/// (city, state code)
pub type Towns = &'static [(&'static str, Option<&'static str>)];

pub const COUNTRIES: &[(&str, &str, Towns)] = &[
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

pub const STATES: &[(&str, &str, &str)] = &[
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
pub const TAGS: &[(&str, Option<usize>)] = &[
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

pub const FIRST: &[&str] = &[
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
pub const LAST: &[&str] = &[
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
pub const CO_A: &[&str] = &[
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
pub const CO_B: &[&str] = &[
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
pub const CO_SUFFIX: &[&str] = &[
    "Inc", "GmbH", "SA", "SRL", "Ltd", "BV", "& Co", "AB", "SARL", "NV", "LLC", "AS",
];
pub const FUNCTIONS: &[&str] = &[
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
pub const STREETS: &[&str] = &[
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

/// A record written as it is.
pub struct Known {
    /// 0: the next free id, in table order.
    pub id: i64,
    pub name: &'static str,
    pub is_company: bool,
    pub parent: Option<i64>,
    /// "" for none.
    pub email: &'static str,
    pub phone: Option<&'static str>,
    pub function: Option<&'static str>,
    pub street: Option<&'static str>,
    pub zip: Option<&'static str>,
    pub city: Option<&'static str>,
    /// A city of `COUNTRIES` whose state it has.
    pub state_of: Option<&'static str>,
    /// A city of `COUNTRIES` whose country it has.
    pub country_of: Option<&'static str>,
    pub website: Option<&'static str>,
    pub vat: Option<&'static str>,
    /// Tag ids (1-based positions in `TAGS`).
    pub tags: &'static [i64],
    pub comment: Option<&'static str>,
    pub active: bool,
}

const BLANK: Known = Known {
    id: 0,
    name: "",
    is_company: false,
    parent: None,
    email: "",
    phone: None,
    function: None,
    street: None,
    zip: None,
    city: None,
    state_of: None,
    country_of: None,
    website: None,
    vat: None,
    tags: &[],
    comment: None,
    active: true,
};

/// A company in `city`, in that city's state and country.
const fn company(id: i64, name: &'static str, city: &'static str, email: &'static str) -> Known {
    Known {
        id,
        name,
        is_company: true,
        email,
        city: Some(city),
        state_of: Some(city),
        country_of: Some(city),
        ..BLANK
    }
}

/// A person; an employee lives at their company's address.
const fn person(id: i64, name: &'static str, parent: Option<i64>, email: &'static str) -> Known {
    Known {
        id,
        name,
        parent,
        email,
        ..BLANK
    }
}

/// Odoo's own records (company 1, OdooBot, the admin, the public user,
/// the demo and portal users' contacts…), at their usual ids.
pub const ODOO_RECORDS: [Known; 8] = [
    Known {
        phone: Some("+1 555-555-5556"),
        street: Some("250 Executive Park Blvd, Suite 3400"),
        zip: Some("94134"),
        website: Some("http://www.example.com"),
        ..company(1, "YourCompany", "San Francisco", "info@yourcompany.com")
    },
    Known {
        active: false,
        ..person(2, "OdooBot", None, "odoobot@example.com")
    },
    Known {
        street: Some("215 Vine St"),
        zip: Some("18503"),
        city: Some("Scranton"),
        state_of: Some("Scranton"),
        country_of: Some("Scranton"),
        phone: Some("+1 555-555-5555"),
        function: Some("Chief Executive Officer"),
        ..person(
            3,
            "Mitchell Admin",
            Some(1),
            "admin@yourcompany.example.com",
        )
    },
    Known {
        active: false,
        ..person(4, "Public user", None, "")
    },
    Known {
        function: Some("Store Manager"),
        ..person(5, "Chester Reed", Some(1), "chester.reed79@example.com")
    },
    Known {
        function: Some("Technician"),
        ..person(6, "Dwayne Newman", Some(1), "dwayne.newman28@example.com")
    },
    Known {
        phone: Some("(441)-695-2334"),
        function: Some("Consultant"),
        ..person(7, "Marc Demo", Some(1), "mark.brown23@example.com")
    },
    Known {
        phone: Some("(683)-556-5104"),
        street: Some("858 Lynn Street"),
        zip: Some("07002"),
        city: Some("Bayonne"),
        country_of: Some("New York"),
        ..person(8, "Joel Willis", None, "joel.willis63@example.com")
    },
];

/// Odoo's demo companies, each with its staff (written after all the
/// companies, from the first free id, with generated emails and phones).
pub const COMPANIES: [(Known, &[&str]); 8] = [
    (
        Known {
            phone: Some("(623)-853-7197"),
            street: Some("1839 Arbor Way"),
            zip: Some("95380"),
            website: Some("http://www.woodcorner.com"),
            tags: &[5],
            ..company(9, "Wood Corner", "Turlock", "wood.corner26@example.com")
        },
        &["Ron Gibson", "Tom Ruiz", "Willie Burke"],
    ),
    (
        Known {
            phone: Some("(603)-996-3829"),
            street: Some("77 Santa Barbara Rd"),
            zip: Some("94523"),
            website: Some("http://www.decoaddict.com"),
            vat: Some("US12345610"),
            tags: &[3],
            ..company(
                10,
                "Deco Addict",
                "Pleasant Hill",
                "deco.addict82@example.com",
            )
        },
        &["Addison Olson", "Douglas Fletcher", "Floyd Steward"],
    ),
    (
        Known {
            phone: Some("(941)-284-4875"),
            street: Some("317 Fairchild Dr"),
            zip: Some("94535"),
            website: Some("http://www.geminifurniture.com"),
            tags: &[2],
            ..company(
                11,
                "Gemini Furniture",
                "Fairfield",
                "gemini.furniture39@example.com",
            )
        },
        &[
            "Edwin Hansen",
            "Jesse Brown",
            "Oscar Morgan",
            "Soham Palmer",
        ],
    ),
    (
        Known {
            phone: Some("(803)-873-6126"),
            street: Some("7500 W Linne Road"),
            zip: Some("95304"),
            website: Some("http://www.readymat.com"),
            vat: Some("US12345612"),
            tags: &[3],
            ..company(12, "Ready Mat", "Tracy", "ready.mat28@example.com")
        },
        &[
            "Billy Fox",
            "Edith Sanchez",
            "Kim Snyder",
            "Theodore Gardner",
        ],
    ),
    (
        Known {
            phone: Some("(334)-502-1024"),
            street: Some("1611 Peony Dr"),
            zip: Some("95202"),
            website: Some("http://www.thejacksongroup.com"),
            tags: &[4],
            ..company(
                13,
                "The Jackson Group",
                "Stockton",
                "jackson.group82@example.com",
            )
        },
        &["Gordon Owens", "Julie Richards", "Toni Rhodes"],
    ),
    (
        Known {
            phone: Some("(870)-931-0505"),
            street: Some("4557 De Silva St"),
            zip: Some("94538"),
            website: Some("http://www.azureinterior.com"),
            vat: Some("US12345614"),
            tags: &[5],
            comment: Some("<p>Key account. Prefers calls <b>after 2 pm</b>.</p>"),
            ..company(
                14,
                "Azure Interior",
                "Fremont",
                "azure.Interior24@example.com",
            )
        },
        &["Brandon Freeman", "Colleen Diaz", "Nicole Ford"],
    ),
    (
        Known {
            phone: Some("(828)-316-0593"),
            street: Some("1337 N San Joaquin St"),
            zip: Some("95202"),
            website: Some("http://www.lumber-inc.com"),
            tags: &[1],
            ..company(15, "Lumber Inc", "Stockton", "lumber-inv92@example.com")
        },
        &["Lorraine Douglas"],
    ),
    (
        Known {
            phone: Some("+32 987 65 43 21"),
            street: Some("Rue des Bois 12"),
            zip: Some("1000"),
            website: Some("http://www.openwood.com"),
            vat: Some("US12345616"),
            tags: &[2],
            ..company(16, "OpenWood", "Brussels", "wow@example.com")
        },
        &[],
    ),
];

/// The staff's job positions, in turn.
pub const STAFF_FUNCTIONS: [&str; 5] = [
    "Creative Director",
    "Business Executive",
    "Director",
    "Purchase Manager",
    "Accountant",
];

/// Companies whose names test escaping, accents, apostrophes and
/// archives, from the first free id after the staff.
pub const SPECIAL_COMPANIES: [Known; 6] = [
    Known {
        phone: Some("+33 3 81 00 00 00"),
        vat: Some("FR40303265045"),
        ..company(
            0,
            "Société Générale des Eaux",
            "Besançon",
            "contact@sge.example.fr",
        )
    },
    Known {
        phone: Some("+353 21 000 0000"),
        tags: &[1, 8],
        ..company(0, "O'Reilly & Sons", "Cork", "hello@oreilly.example.ie")
    },
    Known {
        vat: Some("DE123456789"),
        tags: &[2],
        ..company(
            0,
            "Müller Maschinenbau GmbH",
            "München",
            "info@mueller-mb.example.de",
        )
    },
    Known {
        tags: &[5],
        ..company(
            0,
            "Łódź Logistics Sp. z o.o.",
            "Łódź",
            "biuro@lodz-logistics.example.pl",
        )
    },
    company(
        0,
        "Ærøskøbing Design ApS",
        "Ærøskøbing",
        "hej@aero-design.example.dk",
    ),
    Known {
        active: false,
        ..company(
            0,
            "Old Supplier Ltd",
            "Leeds",
            "accounts@old-supplier.example.co.uk",
        )
    },
];

/// People with such names, each at a company of `SPECIAL_COMPANIES`
/// (by position) or on their own in Italy.
pub const SPECIAL_PEOPLE: [(Option<usize>, Known); 9] = [
    (
        Some(2),
        person(
            0,
            "Jürgen Schäfer",
            None,
            "j.schaefer@mueller-mb.example.de",
        ),
    ),
    (
        Some(3),
        person(
            0,
            "Łukasz Kowalski",
            None,
            "lukasz@lodz-logistics.example.pl",
        ),
    ),
    (
        Some(1),
        person(0, "Siobhán O'Reilly", None, "siobhan@oreilly.example.ie"),
    ),
    (
        Some(0),
        person(0, "Émile Zola-Durand", None, "emile.zola@sge.example.fr"),
    ),
    (None, in_rome("Zoë D'Angelo", "zoe.dangelo@example.it")),
    (None, in_rome("José Martínez", "jose.martinez@example.es")),
    (
        None,
        in_rome("<script>alert(1)</script>", "xss@example.com"),
    ),
    (
        Some(4),
        person(0, "Ærø Ødegård", None, "aero@aero-design.example.dk"),
    ),
    (
        Some(5),
        Known {
            active: false,
            ..person(
                0,
                "Retired Contact",
                None,
                "gone@old-supplier.example.co.uk",
            )
        },
    ),
];

/// Someone in Rome's state and country, with no address of their own.
const fn in_rome(name: &'static str, email: &'static str) -> Known {
    Known {
        state_of: Some("Roma"),
        country_of: Some("Roma"),
        ..person(0, name, None, email)
    }
}

/// A user: the same in every database.
pub struct User {
    pub uid: i64,
    pub login: &'static str,
    /// Stored hashed; `None`: no password opens it.
    pub password: Option<&'static str>,
    pub kind: &'static str,
    /// Also its contact's (the first contact of that name): the language
    /// users are contacts of the seed, whose ids are known once written.
    pub name: &'static str,
    pub tz: Option<&'static str>,
    /// Odoo's language code (`user_context.lang`).
    pub lang: &'static str,
    pub active: bool,
}

pub const USERS: [User; 9] = [
    User {
        uid: 1,
        login: "__system__",
        password: None,
        kind: "admin",
        name: "OdooBot",
        tz: Some("Europe/Brussels"),
        lang: "en_US",
        active: false,
    },
    User {
        uid: 2,
        login: "admin",
        password: Some("admin"),
        kind: "admin",
        name: "Mitchell Admin",
        tz: Some("Europe/Brussels"),
        lang: "en_US",
        active: true,
    },
    User {
        uid: 6,
        login: "demo",
        password: Some("demo"),
        kind: "internal",
        name: "Marc Demo",
        tz: Some("Europe/Brussels"),
        lang: "en_US",
        active: true,
    },
    User {
        uid: 7,
        login: "portal",
        password: Some("portal"),
        kind: "portal",
        name: "Joel Willis",
        tz: None,
        lang: "en_US",
        active: true,
    },
    // One internal user in each language the app speaks besides English
    // (login = password), French as Belgians have it: the app reads the
    // nearest language.
    speaker(
        20,
        "demo-fr",
        "Émile Zola-Durand",
        "fr_BE",
        "Europe/Brussels",
    ),
    speaker(21, "demo-de", "Jürgen Schäfer", "de_DE", "Europe/Berlin"),
    speaker(22, "demo-es", "José Martínez", "es_ES", "Europe/Madrid"),
    speaker(23, "demo-nl", "Chester Reed", "nl_NL", "Europe/Amsterdam"),
    speaker(24, "demo-ar", "Dwayne Newman", "ar_001", "Africa/Cairo"),
];

const fn speaker(
    uid: i64,
    login: &'static str,
    name: &'static str,
    lang: &'static str,
    tz: &'static str,
) -> User {
    User {
        uid,
        login,
        password: Some(login),
        kind: "internal",
        name,
        tz: Some(tz),
        lang,
        active: true,
    }
}
