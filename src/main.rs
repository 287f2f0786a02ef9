//! `mobileconfig-admin`: the desktop app, and `serve-demo`, the stand-in TelecomX server.

use std::io::Write as _;
use std::net::SocketAddr;
use std::process::ExitCode;
use std::time::Duration;

use clap::{Parser, Subcommand};
use mobileconfig_admin::app::connection::Connection;
use mobileconfig_admin::app::{AdminApp, AppOptions};
use mobileconfig_admin::demo::{DEMO_ACCOUNTS, DEMO_PASSWORD, DemoOptions, DemoServer, LARGE_CUSTOMER};
use mobileconfig_admin::secrets::SecretStore;

/// Admin app for TelecomX Communicator mobile configs. Without a subcommand it opens the
/// desktop window on the built-in demo server.
#[derive(Parser)]
#[command(version, about)]
struct Cli {
    /// Talk to this API instead of the built-in demo, e.g. https://api.telecomx.dk.
    #[arg(long, global = true)]
    api_url: Option<String>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Run the stand-in TelecomX server with the demo data until Ctrl-C.
    ServeDemo {
        /// Address to listen on.
        #[arg(long, default_value = "127.0.0.1:8787")]
        addr: SocketAddr,
        /// Delay every response by this many milliseconds.
        #[arg(long, default_value_t = 0)]
        latency_ms: u64,
        /// Add a Nordlys customer with this many employees, for scale work.
        #[arg(long)]
        large_customer_employees: Option<usize>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(Command::ServeDemo {
            addr,
            latency_ms,
            large_customer_employees,
        }) => serve_demo(addr, latency_ms, large_customer_employees),
        None => run_window(cli.api_url),
    }
}

fn run_window(api_url: Option<String>) -> ExitCode {
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .thread_name("telecomx-api")
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("error: cannot start the async runtime: {error}");
            return ExitCode::FAILURE;
        }
    };
    let connection = api_url.map(|url| Connection::from_url(&url));
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("TelecomX mobile configs")
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([900.0, 560.0]),
        ..eframe::NativeOptions::default()
    };
    let handle = runtime.handle().clone();
    let result = eframe::run_native(
        "mobileconfig-admin",
        options,
        Box::new(move |cc| {
            let options = AppOptions {
                connection,
                runtime: handle,
                secrets: SecretStore::os(),
                storage: None,
            };
            Ok(Box::new(AdminApp::new(cc, options)))
        }),
    );
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: the window could not open: {error}");
            ExitCode::FAILURE
        }
    }
}

fn serve_demo(addr: SocketAddr, latency_ms: u64, large_customer_employees: Option<usize>) -> ExitCode {
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("error: cannot start the async runtime: {error}");
            return ExitCode::FAILURE;
        }
    };
    let options = DemoOptions {
        latency: Duration::from_millis(latency_ms),
        large_customer_employees,
        ..DemoOptions::default()
    };
    runtime.block_on(async {
        let server = match DemoServer::start(addr, options).await {
            Ok(server) => server,
            Err(error) => {
                eprintln!("error: cannot listen on {addr}: {error}");
                return ExitCode::FAILURE;
            }
        };
        print_banner(&server, large_customer_employees);
        if let Err(error) = tokio::signal::ctrl_c().await {
            eprintln!("error: cannot wait for Ctrl-C: {error}");
        }
        server.stop().await;
        ExitCode::SUCCESS
    })
}

fn print_banner(server: &DemoServer, large: Option<usize>) {
    let mut out = std::io::stdout().lock();
    let mut text = format!(
        "listening on {}\n\nDemo accounts (password \"{DEMO_PASSWORD}\"):\n",
        server.base_url()
    );
    for account in DEMO_ACCOUNTS {
        let note = if account.note.is_empty() {
            String::new()
        } else {
            format!("  ({})", account.note)
        };
        text.push_str(&format!(
            "  {:<28} {:<9} {}{note}\n",
            account.username, account.access_level, account.customer
        ));
    }
    if let Some(count) = large {
        text.push_str(&format!(
            "\nLarge customer: {LARGE_CUSTOMER} with {count} employees\n"
        ));
    }
    text.push_str("\nPress Ctrl-C to stop.\n");
    // A closed stdout (piped into `head`, say) must not stop the server.
    out.write_all(text.as_bytes()).ok();
    out.flush().ok();
}
