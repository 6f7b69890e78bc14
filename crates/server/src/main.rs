//! `switchboard-server`: opens the database (filling a new one with the demo when asked) and
//! serves the API and the SPA; `switchboard-server create-admin` makes an operator's first admin.

use std::io::{BufRead, IsTerminal};
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;

use clap::{Parser, Subcommand};
use domain::seed::Dataset;
use domain::Persona;
use server::operator::{create_admin, AdminToCreate};
use server::spa::Spa;
use server::{app, AppState, Seeding, Settings, DEMO_PASSWORD};
use tracing_subscriber::filter::Targets;
use tracing_subscriber::prelude::*;

/// Switchboard's reference server.
#[derive(Parser)]
#[command(version, about, args_conflicts_with_subcommands = true)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    serve: Options,
}

#[derive(Subcommand)]
enum Command {
    /// Creates an admin with the Super Admin role, and the account first in a database without
    /// one. The password is read from SWITCHBOARD_ADMIN_PASSWORD, or else from the first line of
    /// standard input; never from an option.
    CreateAdmin {
        /// SQLite database file; created when missing.
        #[arg(
            long,
            env = "SWITCHBOARD_DB",
            default_value = "data/switchboard.sqlite"
        )]
        db: PathBuf,
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        /// The account's name, when the database holds no account yet.
        #[arg(long, default_value = "My account")]
        account_name: String,
    },
}

/// Serving.
#[derive(clap::Args)]
struct Options {
    /// SQLite database file; created when missing (see --demo and create-admin).
    #[arg(
        long,
        env = "SWITCHBOARD_DB",
        default_value = "data/switchboard.sqlite"
    )]
    db: PathBuf,
    /// Delete the database first, to start again from the seed.
    #[arg(long)]
    fresh: bool,
    /// Fill a new database with the demo: its account, data and demo admins, who sign in with a
    /// published password. Without it a new database holds nothing until create-admin.
    #[arg(long)]
    demo: bool,
    /// Which demo a new database gets: standard (120 users) or large (10,000).
    #[arg(long, default_value = "standard", value_parser = parse_dataset, requires = "demo")]
    dataset: Dataset,
    /// The built SPA to serve (`trunk build --release` writes it); API only when missing.
    #[arg(long, default_value = "dist")]
    dist: PathBuf,
    #[arg(long, default_value = "127.0.0.1")]
    host: IpAddr,
    #[arg(long, env = "PORT", default_value_t = 8080)]
    port: u16,
    /// Serve cookies as for HTTPS (Secure, __Host- prefixed) on every request, not only on those
    /// a proxy marks with X-Forwarded-Proto: https.
    #[arg(long)]
    secure_cookies: bool,
    /// Requests a second each client address and each session may make, in bursts of five
    /// times that (sign-ins: a tenth); past it, 429 with Retry-After. 0 turns limits off.
    #[arg(long, env = "SWITCHBOARD_RATE_LIMIT", default_value_t = server::limits::DEFAULT_PER_SECOND)]
    rate_limit: u32,
    /// A host portal's origin (like https://portal.example) that may show the console in an
    /// iframe and hand it the session token by postMessage; repeat for several.
    #[arg(
        long = "embed-origin",
        env = "SWITCHBOARD_EMBED_ORIGINS",
        value_delimiter = ','
    )]
    embed_origins: Vec<String>,
    /// Run the clock this many seconds ahead of the system's (demo only): scheduled invites go
    /// out and billing cycles turn without waiting.
    #[arg(long, default_value_t = 0, requires = "demo")]
    clock_ahead: u64,
}

fn parse_dataset(value: &str) -> Result<Dataset, String> {
    Dataset::from_slug(value).ok_or_else(|| format!("\"{value}\": use standard or large"))
}

fn main() {
    let cli = Cli::parse();
    let outcome = match cli.command {
        Some(Command::CreateAdmin {
            db,
            email,
            name,
            account_name,
        }) => read_password().and_then(|password| {
            create_admin(
                &db,
                &AdminToCreate {
                    email: &email,
                    name: &name,
                    password: &password,
                    account_name: &account_name,
                },
            )
            .map(|done| println!("{done}"))
        }),
        None => {
            init_logs();
            tokio::runtime::Runtime::new()
                .map_err(|e| format!("can't start: {e}"))
                .and_then(|runtime| runtime.block_on(run(cli.serve)))
        }
    };
    if let Err(message) = outcome {
        eprintln!("switchboard-server: {message}");
        std::process::exit(1);
    }
}

/// The new admin's password: SWITCHBOARD_ADMIN_PASSWORD, or the first line of standard input.
fn read_password() -> Result<String, String> {
    if let Ok(password) = std::env::var("SWITCHBOARD_ADMIN_PASSWORD") {
        return Ok(password);
    }
    eprintln!("Password for the new admin (one line):");
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .map_err(|e| format!("can't read the password: {e}"))?;
    Ok(line.trim_end_matches(['\r', '\n']).to_owned())
}

/// Logs to standard output (coloured on a terminal only), at the levels RUST_LOG names (like
/// `info` or `warn,server=debug`; `info` when unset).
fn init_logs() {
    let filter = std::env::var("RUST_LOG")
        .ok()
        .and_then(|value| value.parse::<Targets>().ok())
        .unwrap_or_else(|| Targets::new().with_default(tracing::Level::INFO));
    tracing_subscriber::registry()
        .with(tracing_subscriber::fmt::layer().with_ansi(std::io::stdout().is_terminal()))
        .with(filter)
        .init();
}

async fn run(options: Options) -> Result<(), String> {
    if let Some(dir) = options.db.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| format!("can't create {}: {e}", dir.display()))?;
    }
    if options.fresh {
        for suffix in ["", "-wal", "-shm"] {
            let mut path = options.db.clone().into_os_string();
            path.push(suffix);
            match std::fs::remove_file(&path) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                    return Err(format!(
                        "can't delete {}: {e}",
                        PathBuf::from(path).display()
                    ))
                }
                _ => {}
            }
        }
        let opened = server::state::opened_dir(&options.db);
        match std::fs::remove_dir_all(&opened) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                return Err(format!("can't delete {}: {e}", opened.display()))
            }
            _ => {}
        }
    }
    let spa = if options.dist.join("index.html").exists() {
        let config = serde_json::json!({ "mode": "live", "parentOrigins": options.embed_origins });
        let spa = Spa::load(&options.dist, &config.to_string()).map_err(|e| e.to_string())?;
        Some(Arc::new(spa.framed_by(&options.embed_origins)))
    } else {
        eprintln!(
            "No built SPA in {}: serving the API only. Run `make serve` to build and serve both.",
            options.dist.display()
        );
        None
    };
    let settings = Settings {
        secure_cookies: options.secure_cookies,
        rate_limit: options.rate_limit,
    };
    server::clock::set_ahead(options.clock_ahead);
    let seeding = if options.demo {
        Seeding::Demo(options.dataset)
    } else {
        Seeding::Empty
    };
    let state = AppState::open(&options.db, seeding, settings)
        .map_err(|e| format!("can't open the database {}: {e}", options.db.display()))?;
    tokio::spawn(server::jobs::run(state.clone()));
    let sweeper = state.clone();
    tokio::spawn(async move {
        let mut every = tokio::time::interval(std::time::Duration::from_secs(60));
        loop {
            every.tick().await;
            sweeper.close_idle(server::state::IDLE_ACCOUNT);
        }
    });
    if let Some(compressing) = spa.clone() {
        std::thread::spawn(move || compressing.compress_all());
    }
    let address = SocketAddr::new(options.host, options.port);
    let listener = tokio::net::TcpListener::bind(address)
        .await
        .map_err(|e| format!("can't listen on {address}: {e}"))?;
    println!(
        "Switchboard is running at http://{address}/ (database {})",
        options.db.display()
    );
    if options.demo {
        println!("Demo: sign in with password \"{DEMO_PASSWORD}\" as:");
        for persona in Persona::ALL {
            println!("  {:<40} {}", persona.admin().email, persona.description());
        }
    }
    println!("API contract: http://{address}/api/v1/openapi.json — Ctrl-C stops.");
    server::serve::serve(
        listener,
        app(state, spa),
        server::serve::HEADER_READ_TIMEOUT,
        shutdown(),
    )
    .await;
    Ok(())
}

/// Resolves on Ctrl-C or SIGTERM, so in-flight requests finish before exit.
async fn shutdown() {
    let interrupt = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
            .expect("a SIGTERM handler");
        tokio::select! {
            _ = interrupt => {},
            _ = term.recv() => {},
        }
    }
    #[cfg(not(unix))]
    interrupt.await.ok();
}
