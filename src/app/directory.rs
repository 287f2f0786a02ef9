//! The people and queues of one customer, loaded in the background and indexed once, so the
//! UI never sorts, joins or lower-cases anything per frame.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::api::{
    AccessLevel, ApiClient, ApiError, EmployeeQuery, EmployeeState, FetchAll, Id, PageProgress,
};

/// A colleague candidate and picker row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Person {
    /// Employee id.
    pub id: Id,
    /// Display name.
    pub name: String,
    /// E-mail address (may be empty).
    pub email: String,
    /// Primary extension number (may be empty).
    pub number: String,
    /// Whether the employee can sign in, when known.
    pub state: Option<EmployeeState>,
    /// Lower-cased "name email number".
    pub search_key: String,
}

/// A queue candidate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QueueEntry {
    /// Queue id.
    pub id: Id,
    /// Display name.
    pub name: String,
    /// Local number (may be empty).
    pub number: String,
    /// Lower-cased "name number".
    pub search_key: String,
}

/// Everything the pickers and the form need about one customer.
#[derive(Debug, Default)]
pub struct Directory {
    /// People, by name.
    pub people: Vec<Person>,
    /// Queues, by name.
    pub queues: Vec<QueueEntry>,
    person_index: HashMap<Id, usize>,
    queue_index: HashMap<Id, usize>,
}

impl Directory {
    /// Sorts and indexes.
    pub fn new(mut people: Vec<Person>, mut queues: Vec<QueueEntry>) -> Self {
        people.sort_by_cached_key(|p| p.name.to_lowercase());
        queues.sort_by_cached_key(|q| q.name.to_lowercase());
        let person_index = people
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id.clone(), i))
            .collect();
        let queue_index = queues
            .iter()
            .enumerate()
            .map(|(i, q)| (q.id.clone(), i))
            .collect();
        Self {
            people,
            queues,
            person_index,
            queue_index,
        }
    }

    /// Position of a person in [`Directory::people`].
    pub fn person_position(&self, id: &Id) -> Option<usize> {
        self.person_index.get(id).copied()
    }

    /// A person by id.
    pub fn person(&self, id: &Id) -> Option<&Person> {
        self.person_position(id).map(|i| &self.people[i])
    }

    /// Position of a queue in [`Directory::queues`].
    pub fn queue_position(&self, id: &Id) -> Option<usize> {
        self.queue_index.get(id).copied()
    }
}

/// Progress of a directory load, written by the task and read by the UI.
#[derive(Debug, Default)]
pub struct LoadProgress {
    done: AtomicU64,
    total: AtomicU64,
    employees_done: AtomicU64,
    employees_total: AtomicU64,
}

impl LoadProgress {
    /// Fraction of pages received, 0 to 1.
    pub fn fraction(&self) -> f32 {
        let total = self.total.load(Ordering::Relaxed).max(1);
        (self.done.load(Ordering::Relaxed) as f32 / total as f32).min(1.0)
    }

    /// Employees received so far and in all.
    pub fn employees(&self) -> (u64, u64) {
        (
            self.employees_done.load(Ordering::Relaxed),
            self.employees_total.load(Ordering::Relaxed),
        )
    }

    fn tracker(
        self: &Arc<Self>,
        counts_employees: bool,
        wake: Arc<dyn Fn() + Send + Sync>,
    ) -> impl FnMut(PageProgress) + Send {
        let progress = Arc::clone(self);
        let mut seen_pages = 0;
        let mut seen_total = 0;
        move |p: PageProgress| {
            progress
                .total
                .fetch_add(p.pages_total - seen_total, Ordering::Relaxed);
            progress
                .done
                .fetch_add(p.pages_done - seen_pages, Ordering::Relaxed);
            (seen_pages, seen_total) = (p.pages_done, p.pages_total);
            if counts_employees {
                progress.employees_done.store(p.items_done, Ordering::Relaxed);
                progress.employees_total.store(p.items_total, Ordering::Relaxed);
            }
            wake();
        }
    }
}

/// Requests in flight per list while loading.
const CONCURRENCY: usize = 4;

/// Loads a customer's people (with their numbers) and queues. VIEWER and up use the admin lists
/// (`/employee`, `/pbx/extension`, `/pbx/dialplan`); PERSONAL users, who may not, use the
/// Communicator apps' own lists of their company.
pub async fn load_directory(
    client: ApiClient,
    customer: Id,
    level: AccessLevel,
    progress: Arc<LoadProgress>,
    wake: Arc<dyn Fn() + Send + Sync>,
) -> Result<Directory, ApiError> {
    if !level.at_least(&AccessLevel::Viewer) {
        let (people, queues) = tokio::try_join!(client.app_employees(), client.app_queues())?;
        let people = people
            .into_iter()
            .map(|e| {
                person(
                    e.id.clone(),
                    e.name.clone(),
                    e.email_address.clone(),
                    e.number().map(str::to_owned),
                    None,
                )
            })
            .collect();
        return Ok(Directory::new(
            people,
            queues.into_iter().map(queue_entry).collect(),
        ));
    }
    let query = EmployeeQuery {
        customer: Some(customer.clone()),
        filter: None,
    };
    let employees_options = FetchAll {
        page_size: 500,
        concurrency: CONCURRENCY,
    };
    let (employees, extensions, queues) = tokio::join!(
        client.all_employees(&query, employees_options, progress.tracker(true, wake.clone())),
        client.all_extensions(
            Some(&customer),
            FetchAll {
                page_size: 1000,
                concurrency: CONCURRENCY
            },
            progress.tracker(false, wake.clone())
        ),
        client.all_queues(
            Some(&customer),
            FetchAll {
                page_size: 100,
                concurrency: CONCURRENCY
            },
            progress.tracker(false, wake)
        ),
    );
    // Numbers are a convenience: a server that refuses extensions still gives a usable picker.
    let numbers: HashMap<Id, String> = extensions
        .unwrap_or_default()
        .into_iter()
        .filter_map(|x| Some((x.employee?, (x.primary, x.number?))))
        .fold(HashMap::new(), |mut map, (employee, (primary, number))| {
            if primary || !map.contains_key(&employee) {
                map.insert(employee, number);
            }
            map
        });
    let people = employees?
        .into_iter()
        .map(|e| {
            let number = numbers.get(&e.id).cloned();
            person(e.id, e.name, e.email_address, number, e.state)
        })
        .collect();
    Ok(Directory::new(
        people,
        queues?.into_iter().map(queue_entry).collect(),
    ))
}

fn person(
    id: Id,
    name: String,
    email: Option<String>,
    number: Option<String>,
    state: Option<EmployeeState>,
) -> Person {
    let email = email.unwrap_or_default();
    let number = number.unwrap_or_default();
    Person {
        search_key: format!("{name} {email} {number}").to_lowercase(),
        id,
        name,
        email,
        number,
        state,
    }
}

fn queue_entry(queue: crate::api::Queue) -> QueueEntry {
    let number = queue.number.unwrap_or_default();
    QueueEntry {
        search_key: format!("{} {number}", queue.name).to_lowercase(),
        id: queue.id,
        name: queue.name,
        number,
    }
}
