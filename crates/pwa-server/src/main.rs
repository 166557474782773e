use axum::serve::ListenerExt;
use clap::Parser;
use pwa_server::{app, Args, Backend, Error, Options};
use std::net::SocketAddr;
use std::time::Duration;
use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    // Logs go to stderr; stdout carries only the "listening on" line that
    // scripts and tests wait for.
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_env_filter(
            EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| EnvFilter::new("info,tower_http=info")),
        )
        .init();
    let args = Args::parse();
    match serve(args).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            tracing::error!("{e}");
            eprintln!("pwa-server: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}

async fn serve(args: Args) -> Result<(), Error> {
    let backend = match &args.odoo {
        Some(url) => {
            let backend = Backend::odoo(
                url,
                Duration::from_secs(args.odoo_timeout),
                args.odoo_all_routes,
            )?;
            if let Backend::Odoo(proxy) = &backend {
                match proxy.check().await {
                    Ok(version) => tracing::info!(%url, %version, "Odoo answers"),
                    Err(why) => {
                        tracing::warn!(%url, "Odoo does not answer yet ({why}); the app will say so until it does")
                    }
                }
            }
            backend
        }
        None => {
            let config = demo_odoo::Config {
                data_dir: args.demo_data.clone(),
                big_partners: args.partners,
                odoo_version: args.odoo_version,
                db_filter: args.db_filter.clone(),
                unaccent: args.unaccent,
                ..demo_odoo::Config::default()
            };
            let demo = tokio::task::spawn_blocking(move || demo_odoo::DemoOdoo::open(config))
                .await
                .map_err(|e| Error::Io(std::io::Error::other(e)))??;
            tracing::info!(
                version = args.odoo_version,
                "demo backend ready (admin/admin, demo/demo, portal/portal)"
            );
            Backend::Demo(demo)
        }
    };
    let router = app(Options {
        dist: args.dist.clone(),
        backend,
        sign_in_per_minute: args.sign_in_per_minute,
        secure_cookies: args.secure_cookies,
        max_request_bytes: args.max_request_bytes,
    })?;
    let listener = tokio::net::TcpListener::bind(&args.listen)
        .await
        .map_err(|source| Error::Listen {
            addr: args.listen.clone(),
            source,
        })?;
    let addr = listener.local_addr()?;
    // Without TCP_NODELAY a response written in two parts (headers, then
    // a file's body) waits for the client's delayed ACK: 40 ms a request.
    let listener = listener.tap_io(|tcp| {
        if let Err(e) = tcp.set_nodelay(true) {
            tracing::debug!("TCP_NODELAY not set: {e}");
        }
    });
    tracing::info!("serving {} on http://{addr}/", args.dist.display());
    println!("listening on http://{addr}/");
    axum::serve(
        listener,
        router.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown())
    .await?;
    tracing::info!("stopped");
    Ok(())
}

async fn shutdown() {
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
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
    tracing::info!("shutting down");
}
