//! The deterministic demo data: believable Danish businesses, the same ids at every start.

use crate::api::{AccessLevel, EmployeeState, Id};

use super::store::{ConfigRecord, CustomerRecord, EmployeeRecord, QueueRecord, SecondFactorRule, Store};

/// The password of every demo account.
pub const DEMO_PASSWORD: &str = "demo";

/// The SMS code of the two-factor demo account.
pub const DEMO_SMS_CODE: &str = "123456";

/// A demo account to sign in with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DemoAccount {
    /// Username (e-mail).
    pub username: &'static str,
    /// Access level, as on the wire.
    pub access_level: &'static str,
    /// Company name.
    pub customer: &'static str,
    /// What is special about it, if anything.
    pub note: &'static str,
}

/// Every demo account; all use [`DEMO_PASSWORD`].
pub const DEMO_ACCOUNTS: &[DemoAccount] = &[
    account("admin@telecomx.demo", "ADMIN", "TelecomX Platform", ""),
    account("reseller@nordlys.demo", "RESELLER", NORDLYS, "reseller"),
    account("reseller@vestkyst.demo", "RESELLER", VESTKYST, "reseller"),
    account("owner@bagerhansen.demo", "OWNER", BAGER_HANSEN, ""),
    account("viewer@bagerhansen.demo", "VIEWER", BAGER_HANSEN, ""),
    account("personal@bagerhansen.demo", "PERSONAL", BAGER_HANSEN, ""),
    account(
        "sms@bagerhansen.demo",
        "OWNER",
        BAGER_HANSEN,
        "SMS two-factor, code 123456",
    ),
    account("manager@fjordhavn.demo", "MANAGER", FJORDHAVN, ""),
    account("owner@klitgaard.demo", "OWNER", KLITGAARD, ""),
];

const NORDLYS: &str = "Nordlys Telecom ApS";
const VESTKYST: &str = "Vestkyst Net A/S";
const BAGER_HANSEN: &str = "Bager Hansen ApS";
const FJORDHAVN: &str = "Fjordhavn Logistik A/S";
const KLITGAARD: &str = "Klitgaard VVS";
/// Name of the customer added by `--large-customer-employees`.
pub const LARGE_CUSTOMER: &str = "Nordisk Engros A/S";

const fn account(
    username: &'static str,
    access_level: &'static str,
    customer: &'static str,
    note: &'static str,
) -> DemoAccount {
    DemoAccount {
        username,
        access_level,
        customer,
        note,
    }
}

/// A named account of a seeded customer.
struct Staff {
    name: &'static str,
    email: &'static str,
    level: AccessLevel,
    second_factor: SecondFactorRule,
}

const fn staff(name: &'static str, email: &'static str, level: AccessLevel) -> Staff {
    Staff {
        name,
        email,
        level,
        second_factor: SecondFactorRule::None,
    }
}

/// How one customer is seeded.
struct CustomerSpec {
    name: &'static str,
    domain: &'static str,
    /// Index of the parent reseller in the spec list.
    parent: Option<usize>,
    staff: Vec<Staff>,
    /// Employees in all, named staff included.
    employees: usize,
    queues: Vec<&'static str>,
}

const FIRST_NAMES: &[&str] = &[
    "Anders",
    "Anne",
    "Birgitte",
    "Bo",
    "Camilla",
    "Christian",
    "Dorthe",
    "Emil",
    "Emma",
    "Frederik",
    "Freja",
    "Gitte",
    "Hanne",
    "Henrik",
    "Ida",
    "Jakob",
    "Jens",
    "Julie",
    "Karen",
    "Kasper",
    "Kirsten",
    "Lars",
    "Line",
    "Lone",
    "Louise",
    "Mads",
    "Maja",
    "Martin",
    "Mette",
    "Mikkel",
    "Morten",
    "Niels",
    "Nanna",
    "Ole",
    "Peter",
    "Pia",
    "Rasmus",
    "Rikke",
    "Sofie",
    "Søren",
    "Thomas",
    "Tina",
    "Ulla",
    "Viggo",
    "Åse",
];

const LAST_NAMES: &[&str] = &[
    "Andersen",
    "Christensen",
    "Dahl",
    "Frandsen",
    "Hansen",
    "Holm",
    "Jensen",
    "Johansen",
    "Jørgensen",
    "Kjær",
    "Knudsen",
    "Kristensen",
    "Larsen",
    "Lund",
    "Madsen",
    "Mortensen",
    "Møller",
    "Nielsen",
    "Olsen",
    "Pedersen",
    "Petersen",
    "Poulsen",
    "Rasmussen",
    "Skov",
    "Sørensen",
    "Thomsen",
    "Vestergaard",
];

const TITLES: &[&str] = &[
    "Sælger",
    "Kundeservice",
    "Lagermedarbejder",
    "Chauffør",
    "Bogholder",
    "Tekniker",
    "Projektleder",
    "Konsulent",
    "Receptionist",
    "Afdelingsleder",
];

const DEPARTMENTS: &[&str] = &["Salg", "Kundeservice", "Lager", "Økonomi", "Drift", "Ledelse"];

const QUEUE_NAMES: &[&str] = &[
    "Kundeservice",
    "Salg",
    "Support",
    "Reception",
    "Vagt",
    "Bogholderi",
    "Lager",
    "Teknik",
    "Booking",
    "Reklamation",
    "Indkøb",
    "Levering",
];

/// Builds the demo data; `large_customer_employees` adds one more Nordlys customer of that size.
pub fn seed(large_customer_employees: Option<usize>) -> Store {
    let mut specs = base_specs();
    if let Some(count) = large_customer_employees {
        let queues = (count / 100).max(10);
        let names: Vec<&'static str> = (0..queues).map(|i| QUEUE_NAMES[i % QUEUE_NAMES.len()]).collect();
        specs.push(CustomerSpec {
            name: LARGE_CUSTOMER,
            domain: "nordiskengros.dk",
            parent: Some(1),
            staff: vec![],
            employees: count,
            queues: names,
        });
    }
    let mut store = Store::default();
    let ids: Vec<Id> = (0..specs.len()).map(|i| mint(1, i as u64, 0)).collect();
    for (index, spec) in specs.iter().enumerate() {
        store.add_customer(CustomerRecord {
            id: ids[index].clone(),
            name: spec.name.to_owned(),
            parent_reseller: spec.parent.map(|p| ids[p].clone()),
            features: vec!["CUSTOMER", "PBX", "SIP"],
            employees: Vec::new(),
            queues: Vec::new(),
        });
        add_employees(&mut store, index, spec, &ids[index]);
        add_queues(&mut store, index, spec, &ids[index]);
    }
    store.sort_indexes();
    add_starter_configs(&mut store);
    store
}

fn base_specs() -> Vec<CustomerSpec> {
    let sms_owner = Staff {
        second_factor: SecondFactorRule::Sms(DEMO_SMS_CODE),
        ..staff("Karen Bager", "sms@bagerhansen.demo", AccessLevel::Owner)
    };
    vec![
        CustomerSpec {
            name: "TelecomX Platform",
            domain: "telecomx.demo",
            parent: None,
            staff: vec![staff("Tanja Admin", "admin@telecomx.demo", AccessLevel::Admin)],
            employees: 3,
            queues: vec![],
        },
        CustomerSpec {
            name: NORDLYS,
            domain: "nordlys.dk",
            parent: Some(0),
            staff: vec![staff(
                "Nikolaj Nordlys",
                "reseller@nordlys.demo",
                AccessLevel::Reseller,
            )],
            employees: 4,
            queues: vec!["Support"],
        },
        CustomerSpec {
            name: VESTKYST,
            domain: "vestkyst.dk",
            parent: Some(0),
            staff: vec![staff(
                "Vibeke Vestkyst",
                "reseller@vestkyst.demo",
                AccessLevel::Reseller,
            )],
            employees: 3,
            queues: vec!["Support"],
        },
        CustomerSpec {
            name: BAGER_HANSEN,
            domain: "bagerhansen.dk",
            parent: Some(1),
            staff: vec![
                staff("Henrik Hansen", "owner@bagerhansen.demo", AccessLevel::Owner),
                staff("Lone Hansen", "viewer@bagerhansen.demo", AccessLevel::Viewer),
                staff("Mads Kjær", "personal@bagerhansen.demo", AccessLevel::Personal),
                sms_owner,
            ],
            employees: 14,
            queues: vec!["Butik", "Bestillinger", "Levering"],
        },
        CustomerSpec {
            name: FJORDHAVN,
            domain: "fjordhavn.dk",
            parent: Some(1),
            staff: vec![staff(
                "Morten Fjord",
                "manager@fjordhavn.demo",
                AccessLevel::Manager,
            )],
            employees: 120,
            queues: vec![
                "Kundeservice",
                "Booking",
                "Lager Nord",
                "Lager Syd",
                "Chauffører",
                "Reklamation",
                "Økonomi",
                "Vagt",
                "Told",
            ],
        },
        CustomerSpec {
            name: KLITGAARD,
            domain: "klitgaard.dk",
            parent: Some(2),
            staff: vec![staff(
                "Jens Klitgaard",
                "owner@klitgaard.demo",
                AccessLevel::Owner,
            )],
            employees: 8,
            queues: vec!["Service", "Akut"],
        },
        CustomerSpec {
            name: "Café Havnely",
            domain: "havnely.dk",
            parent: Some(1),
            staff: vec![],
            employees: 5,
            queues: vec!["Bordbestilling"],
        },
        CustomerSpec {
            name: "Tandlægerne i Vejle",
            domain: "tandvejle.dk",
            parent: Some(1),
            staff: vec![],
            employees: 6,
            queues: vec!["Tidsbestilling"],
        },
        CustomerSpec {
            name: "Hvide Sande Fiskeeksport",
            domain: "hsfisk.dk",
            parent: Some(2),
            staff: vec![],
            employees: 10,
            queues: vec!["Ordre", "Havn"],
        },
    ]
}

fn add_employees(store: &mut Store, customer_index: usize, spec: &CustomerSpec, customer: &Id) {
    let mut used_emails = std::collections::HashSet::new();
    for n in 0..spec.employees.max(spec.staff.len()) {
        let id = mint(2, customer_index as u64, n as u64);
        let (name, email, level, second_factor) = match spec.staff.get(n) {
            Some(s) => (
                s.name.to_owned(),
                s.email.to_owned(),
                s.level.clone(),
                s.second_factor,
            ),
            None => {
                let name = person_name(customer_index, n);
                let email = unique_email(&name, spec.domain, &mut used_emails);
                // A few switchboard-style records that cannot sign in.
                let level = if n % 25 == 7 {
                    AccessLevel::NoLogin
                } else {
                    AccessLevel::Personal
                };
                (name, email, level, SecondFactorRule::None)
            }
        };
        used_emails.insert(email.clone());
        let state = if spec.staff.get(n).is_none() && n % 40 == 13 {
            EmployeeState::Disabled
        } else {
            EmployeeState::Enabled
        };
        let number = (100 + n).to_string();
        store.add_employee(EmployeeRecord {
            search_key: format!("{name} {email} {number}").to_lowercase(),
            id,
            customer: customer.clone(),
            name,
            email,
            extension_id: mint(4, customer_index as u64, n as u64),
            number,
            access_level: level,
            state,
            title: TITLES[(n + customer_index) % TITLES.len()].to_owned(),
            department: DEPARTMENTS[(n * 3 + customer_index) % DEPARTMENTS.len()].to_owned(),
            second_factor,
        });
    }
}

fn add_queues(store: &mut Store, customer_index: usize, spec: &CustomerSpec, customer: &Id) {
    for (n, base) in spec.queues.iter().enumerate() {
        // Large customers repeat the base names; number them to keep names distinct.
        let name = if n < QUEUE_NAMES.len() || spec.queues.len() <= QUEUE_NAMES.len() {
            (*base).to_owned()
        } else {
            format!("{base} {}", n / QUEUE_NAMES.len() + 1)
        };
        let number = (500 + n).to_string();
        store.add_queue(QueueRecord {
            id: mint(3, customer_index as u64, n as u64),
            customer: customer.clone(),
            search_key: format!("{name} {number}").to_lowercase(),
            name,
            number,
        });
    }
}

/// A few employees start with a config, so "load", "list" and "copy from" have something to show.
fn add_starter_configs(store: &mut Store) {
    let mut configs = Vec::new();
    for customer in &store.customers {
        let employees = &customer.employees;
        let queues = &customer.queues;
        let starters = (employees.len() / 10).clamp(3, 12).min(employees.len());
        for (k, &owner) in employees.iter().take(starters).enumerate() {
            let owner_id = store.employees[owner].id.clone();
            let colleagues = employees
                .iter()
                .filter(|&&e| e != owner)
                .skip(k)
                .take(3)
                .map(|&e| store.employees[e].id.clone())
                .collect();
            let queue_ids = queues.iter().skip(k % queues.len().max(1)).take(1);
            let queues = queue_ids.map(|&q| store.queues[q].id.clone()).collect();
            configs.push((owner_id, ConfigRecord { colleagues, queues }));
        }
    }
    store.configs.extend(configs);
}

fn person_name(customer_index: usize, n: usize) -> String {
    let first = FIRST_NAMES[(n * 7 + customer_index * 3) % FIRST_NAMES.len()];
    let last = LAST_NAMES[(n * 11 + n / FIRST_NAMES.len() + customer_index) % LAST_NAMES.len()];
    format!("{first} {last}")
}

fn unique_email(name: &str, domain: &str, used: &mut std::collections::HashSet<String>) -> String {
    let local: String = name
        .to_lowercase()
        .replace('æ', "ae")
        .replace('ø', "oe")
        .replace('å', "aa")
        .replace(' ', ".");
    let mut candidate = format!("{local}@{domain}");
    let mut suffix = 2;
    while used.contains(&candidate) {
        candidate = format!("{local}{suffix}@{domain}");
        suffix += 1;
    }
    candidate
}

/// A deterministic, ObjectId-looking id for object `n` of kind `kind` in customer `group`.
pub(crate) fn mint(kind: u64, group: u64, n: u64) -> Id {
    let mut state = kind << 56 ^ group << 32 ^ n;
    let a = splitmix64(&mut state).to_be_bytes();
    let b = splitmix64(&mut state).to_be_bytes();
    let mut bytes = [0u8; 12];
    bytes[..8].copy_from_slice(&a);
    bytes[8..].copy_from_slice(&b[..4]);
    Id::from_bytes(bytes)
}

fn splitmix64(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_is_deterministic_and_complete() {
        let (a, b) = (seed(None), seed(None));
        let ids = |s: &Store| s.employees.iter().map(|e| e.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(&a), ids(&b));
        for account in DEMO_ACCOUNTS {
            let employee = a.employee_by_email(account.username).expect(account.username);
            assert_eq!(employee.access_level.as_str(), account.access_level);
            assert_eq!(
                a.customer(&employee.customer).map(|c| c.name.as_str()),
                Some(account.customer)
            );
        }
        let bager = a.customers.iter().find(|c| c.name == BAGER_HANSEN).unwrap();
        assert_eq!((bager.employees.len(), bager.queues.len()), (14, 3));
    }

    #[test]
    fn large_customer_has_unique_ids_and_emails() {
        let store = seed(Some(5_000));
        let large = store.customers.iter().find(|c| c.name == LARGE_CUSTOMER).unwrap();
        assert_eq!(large.employees.len(), 5_000);
        assert_eq!(large.queues.len(), 50);
        let emails: std::collections::HashSet<_> = store.employees.iter().map(|e| &e.email).collect();
        assert_eq!(emails.len(), store.employees.len());
        let ids: std::collections::HashSet<_> = store.employees.iter().map(|e| &e.id).collect();
        assert_eq!(ids.len(), store.employees.len());
    }
}
