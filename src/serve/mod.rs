//! `baspa serve`: preview the report while editing it. The site is built in
//! memory with the local address as its base URL and served from there
//! (axum on tokio), `public/` is never written; the sources are watched and
//! every change rebuilds the site and reloads open pages (Server-Sent
//! Events). A build error never stops the server: pages show the errors
//! until the sources build again.
//!
//! Threads: tokio serves requests; one plain thread receives file events
//! and rebuilds (a rebuild is CPU work, and rendering already uses rayon).

mod http;
mod page;
mod pdf;
mod report;
mod state;
mod watch;

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

use tokio::net::TcpListener;
use tokio::sync::watch as signal_watch;

use crate::error::Diagnostic;
use crate::error::plural;
use crate::output::Output;
use state::{Builder, Shared};

/// How long open connections get to finish once Ctrl+C is pressed.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(2);

pub struct ServeOptions {
    pub root: PathBuf,
    /// The address to listen on; 127.0.0.1 unless the preview must be seen
    /// from another machine.
    pub bind: String,
    /// 0 picks a free port (the ready line says which).
    pub port: u16,
    pub drafts: bool,
    /// Open the preview in the default browser once it is served.
    pub open: bool,
}

/// Serve until Ctrl+C; the returned line closes the run.
pub fn run(opts: &ServeOptions, out: Output) -> Result<String, Diagnostic> {
    let root = crate::load::Root::new(&opts.root)?.canonical().to_path_buf();
    if !root.is_dir() {
        return Err(Diagnostic::file(opts.root.display().to_string(), "is not a folder"));
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| Diagnostic::file("serve", format!("cannot start the server: {}", e.kind())))?;
    runtime.block_on(serve(root, opts, out))
}

async fn serve(root: PathBuf, opts: &ServeOptions, out: Output) -> Result<String, Diagnostic> {
    let listener = listen(&opts.bind, opts.port).await?;
    let addr = listener.local_addr().map_err(|e| Diagnostic::file(&opts.bind, format!("cannot listen: {}", e.kind())))?;
    let base_url = base_url(&opts.bind, addr);

    let (stop, stopped) = signal_watch::channel(false);
    let shared = Arc::new(Shared::new(stopped.clone()));
    let mut builder = Builder::new(root.clone(), base_url.clone(), opts.drafts, shared.clone());
    report::first(&out, &builder.rebuild());
    // The counts in the closing line are of rebuilds after the first build.
    shared.rebuilds.store(0, Ordering::Relaxed);
    shared.failures.store(0, Ordering::Relaxed);
    watch::start(root, builder, out)?;
    out.line(format!("serving {base_url} — watching for changes (Ctrl+C to stop)"));
    if opts.open
        && let Err(why) = open_in_browser(&base_url)
    {
        out.problem(format!("warning: cannot open a browser ({why}); open {base_url} yourself"));
    }

    let app = http::router(shared.clone(), http::Hosts::new(&opts.bind, addr.port()));
    let server = axum::serve(listener, app).with_graceful_shutdown(async move {
        interrupted().await;
        let _ = stop.send(true);
    });
    let mut deadline = stopped.clone();
    tokio::select! {
        result = server => result.map_err(|e| Diagnostic::file(&base_url, format!("the server stopped: {}", e.kind())))?,
        _ = async { let _ = deadline.wait_for(|s| *s).await; tokio::time::sleep(SHUTDOWN_GRACE).await } => {}
    }
    let (rebuilds, failures) = (shared.rebuilds.load(Ordering::Relaxed), shared.failures.load(Ordering::Relaxed));
    Ok(format!("stopped after {} ({} failed)", plural(rebuilds, "rebuild", "rebuilds"), failures))
}

async fn listen(bind: &str, port: u16) -> Result<TcpListener, Diagnostic> {
    TcpListener::bind((bind, port)).await.map_err(|e| {
        let d = Diagnostic::file(format!("{bind}:{port}"), format!("cannot listen: {}", e.kind()));
        match e.kind() {
            std::io::ErrorKind::AddrInUse => d.with_hint("another program uses this port: pass another `--port`"),
            _ => d.with_hint("pass an address of this machine to `--bind`, such as 127.0.0.1"),
        }
    })
}

/// Ask the desktop to open `url` in the default browser, without waiting
/// for it (the browser may run long after).
fn open_in_browser(url: &str) -> Result<(), String> {
    let mut command = if cfg!(target_os = "macos") {
        std::process::Command::new("open")
    } else if cfg!(windows) {
        let mut c = std::process::Command::new("cmd");
        // `start` takes a window title first; an empty one keeps the URL an argument.
        c.args(["/C", "start", ""]);
        c
    } else {
        std::process::Command::new("xdg-open")
    };
    command.arg(url).stdin(std::process::Stdio::null()).stdout(std::process::Stdio::null()).stderr(std::process::Stdio::null());
    command.spawn().map(drop).map_err(|e| e.to_string())
}

/// `http://<bind>:<port>/`, with the port actually bound (for `--port 0`).
fn base_url(bind: &str, addr: SocketAddr) -> String {
    match bind.parse::<IpAddr>() {
        Ok(IpAddr::V6(ip)) => format!("http://[{ip}]:{}/", addr.port()),
        Ok(IpAddr::V4(ip)) => format!("http://{ip}:{}/", addr.port()),
        Err(_) => format!("http://{bind}:{}/", addr.port()),
    }
}

/// Ctrl+C, or SIGTERM where there is one.
async fn interrupted() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {}
        _ = term => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_url_names_the_bound_port() {
        let addr: SocketAddr = "127.0.0.1:43111".parse().unwrap();
        assert_eq!(base_url("127.0.0.1", addr), "http://127.0.0.1:43111/");
        assert_eq!(base_url("localhost", addr), "http://localhost:43111/");
        assert_eq!(base_url("::1", "[::1]:8080".parse().unwrap()), "http://[::1]:8080/");
    }
}
