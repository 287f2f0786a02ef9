//! The benchmark suite: `cargo bench --bench app`. It starts what it needs itself and prints a
//! table plus one machine-readable line per figure: `BENCH <name> <value> <unit>`.
//!
//! Figures so far:
//! - `bulk_1000_ratio`: a bulk create of 1,000 employees against `serve-demo --latency-ms 20` at
//!   concurrency 8, divided by the ideal 1000 × 20 ms / 8 = 2.5 s (target ≤ 1.3).

use std::io::{BufRead as _, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use mobileconfig_admin::api::{
    ApiClient, ClientConfig, ConfigSelection, EmployeeQuery, FetchAll, LoginRequest,
};
use mobileconfig_admin::app::bulk::{BulkAction, BulkControl, BulkEvent, run};
use mobileconfig_admin::demo::{DEMO_PASSWORD, LARGE_CUSTOMER};

/// `serve-demo` as a child process; killed when dropped.
struct ServeDemo {
    child: Child,
    base_url: String,
}

impl ServeDemo {
    fn start(args: &[&str]) -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_mobileconfig-admin"))
            .args(["serve-demo", "--addr", "127.0.0.1:0"])
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("serve-demo starts");
        let stdout = child.stdout.take().expect("stdout");
        let mut first_line = String::new();
        BufReader::new(stdout).read_line(&mut first_line).expect("banner");
        let base_url = first_line
            .trim()
            .strip_prefix("listening on ")
            .expect("the banner names the address")
            .to_owned();
        Self { child, base_url }
    }
}

impl Drop for ServeDemo {
    fn drop(&mut self) {
        self.child.kill().ok();
        self.child.wait().ok();
    }
}

struct Figure {
    name: &'static str,
    value: f64,
    unit: &'static str,
    target: &'static str,
}

fn bulk_1000(runtime: &tokio::runtime::Runtime) -> Vec<Figure> {
    const EMPLOYEES: usize = 1000;
    const LATENCY_MS: u64 = 20;
    const CONCURRENCY: usize = 8;
    let server = ServeDemo::start(&["--latency-ms", "20", "--large-customer-employees", "1000"]);
    let client = ApiClient::new(&ClientConfig::new(&server.base_url)).expect("client");
    let (client, targets, selection) = runtime.block_on(async {
        let login = LoginRequest {
            username: "reseller@nordlys.demo".into(),
            password: DEMO_PASSWORD.into(),
            ..LoginRequest::default()
        };
        let client = client.with_token(client.login(&login).await.expect("login").token);
        let customers = client
            .customers_page(Some(LARGE_CUSTOMER), 0, 10)
            .await
            .expect("customers");
        let customer = customers.items[0].id.clone();
        let query = EmployeeQuery {
            customer: Some(customer.clone()),
            filter: None,
        };
        let employees = client
            .all_employees(
                &query,
                FetchAll {
                    page_size: 500,
                    concurrency: 4,
                },
                |_| {},
            )
            .await
            .expect("employees");
        let queues = client
            .all_queues(
                Some(&customer),
                FetchAll {
                    page_size: 100,
                    concurrency: 4,
                },
                |_| {},
            )
            .await
            .expect("queues");
        let selection = ConfigSelection {
            colleagues: employees.iter().take(3).map(|e| e.id.clone()).collect(),
            queues: queues.iter().take(2).map(|q| q.id.clone()).collect(),
        };
        let targets: Vec<_> = employees.into_iter().map(|e| e.id).take(EMPLOYEES).collect();
        (client, targets, selection)
    });
    assert_eq!(targets.len(), EMPLOYEES);
    let failures = AtomicUsize::new(0);
    let started = Instant::now();
    runtime.block_on(run(
        BulkControl::new(client),
        BulkAction::Apply(selection),
        targets,
        CONCURRENCY,
        |event| {
            if matches!(event, BulkEvent::Finished { result: Err(_), .. }) {
                failures.fetch_add(1, Ordering::Relaxed);
            }
        },
    ));
    let wall = started.elapsed();
    assert_eq!(failures.load(Ordering::Relaxed), 0, "every create succeeded");
    let ideal = Duration::from_millis(EMPLOYEES as u64 * LATENCY_MS / CONCURRENCY as u64);
    vec![
        Figure {
            name: "bulk_1000_s",
            value: wall.as_secs_f64(),
            unit: "s",
            target: "(ideal 2.5)",
        },
        Figure {
            name: "bulk_1000_ratio",
            value: wall.as_secs_f64() / ideal.as_secs_f64(),
            unit: "ratio",
            target: "<= 1.3",
        },
    ]
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` passes nothing: both just run.
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    let figures = bulk_1000(&runtime);
    let mut out = String::from("\nfigure                  value      unit    target\n");
    for f in &figures {
        out.push_str(&format!(
            "{:<22} {:>9.3}  {:<7} {}\n",
            f.name, f.value, f.unit, f.target
        ));
    }
    out.push('\n');
    for f in &figures {
        out.push_str(&format!("BENCH {} {:.3} {}\n", f.name, f.value, f.unit));
    }
    std::io::Write::write_all(&mut std::io::stdout(), out.as_bytes()).ok();
}
