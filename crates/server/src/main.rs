//! `switchboard-server`: opens (and if new, seeds) the database and serves the API and the SPA.

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;

use clap::Parser;
use domain::seed::Dataset;
use domain::Persona;
use server::spa::Spa;
use server::{app, AppState, Settings, DEMO_PASSWORD};

/// Switchboard's reference server.
#[derive(Parser)]
#[command(version, about)]
struct Options {
    /// SQLite database file; created and seeded when missing.
    #[arg(
        long,
        env = "SWITCHBOARD_DB",
        default_value = "data/switchboard.sqlite"
    )]
    db: PathBuf,
    /// Delete the database first, to start again from the seed.
    #[arg(long)]
    fresh: bool,
    /// Which seed a new database gets: standard (120 users) or large (10,000).
    #[arg(long, default_value = "standard", value_parser = parse_dataset)]
    dataset: Dataset,
    /// The built SPA to serve (`trunk build --release` writes it); API only when missing.
    #[arg(long, default_value = "dist")]
    dist: PathBuf,
    #[arg(long, default_value = "127.0.0.1")]
    host: IpAddr,
    #[arg(long, env = "PORT", default_value_t = 8080)]
    port: u16,
    /// Mark the session cookie Secure (when served over HTTPS).
    #[arg(long)]
    secure_cookies: bool,
    /// A host portal's origin (like https://portal.example) that may show the console in an
    /// iframe and hand it the session token by postMessage; repeat for several.
    #[arg(
        long = "embed-origin",
        env = "SWITCHBOARD_EMBED_ORIGINS",
        value_delimiter = ','
    )]
    embed_origins: Vec<String>,
}

fn parse_dataset(value: &str) -> Result<Dataset, String> {
    Dataset::from_slug(value).ok_or_else(|| format!("\"{value}\": use standard or large"))
}

#[tokio::main]
async fn main() {
    let options = Options::parse();
    if let Err(message) = run(options).await {
        eprintln!("switchboard-server: {message}");
        std::process::exit(1);
    }
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
        Some(spa.framed_by(&options.embed_origins))
    } else {
        eprintln!(
            "No built SPA in {}: serving the API only. Run `make serve` to build and serve both.",
            options.dist.display()
        );
        None
    };
    let settings = Settings {
        secure_cookies: options.secure_cookies,
    };
    let state = AppState::open(&options.db, options.dataset, DEMO_PASSWORD, settings, spa)
        .map_err(|e| format!("can't open the database {}: {e}", options.db.display()))?;
    tokio::spawn(server::jobs::run(state.clone()));
    let address = SocketAddr::new(options.host, options.port);
    let listener = tokio::net::TcpListener::bind(address)
        .await
        .map_err(|e| format!("can't listen on {address}: {e}"))?;
    println!(
        "Switchboard is running at http://{address}/ (database {})",
        options.db.display()
    );
    println!("Sign in with password \"{DEMO_PASSWORD}\" as:");
    for persona in Persona::ALL {
        println!("  {:<40} {}", persona.admin().email, persona.description());
    }
    println!("API contract: http://{address}/api/v1/openapi.json — Ctrl-C stops.");
    axum::serve(listener, app(state))
        .with_graceful_shutdown(shutdown())
        .await
        .map_err(|e| e.to_string())
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
