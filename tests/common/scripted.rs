//! A scripted ARM server on 127.0.0.1: it answers exactly what a test wants, page by page,
//! for answers the emulator would never give (a job listed twice, ids in another casing,
//! hostile names and values).

use std::sync::{Arc, Mutex};

use axum::Router;
use axum::extract::{Request, State};
use axum::response::{IntoResponse, Response};

/// The one subscription the server answers for.
pub const SUB: &str = "00000000-0000-0000-0000-0000000000aa";

/// A job as the service sends it, with only what the client needs.
pub fn job(rg: &str, name: &str, state: &str) -> serde_json::Value {
    serde_json::json!({
        "id": format!("/subscriptions/{SUB}/resourceGroups/{rg}/providers/Microsoft.ImportExport/jobs/{name}"),
        "name": name,
        "type": "Microsoft.ImportExport/jobs",
        "location": "westus",
        "properties": { "state": state, "cancelRequested": false }
    })
}

/// The scripted answers: listing pages in order (each page links to the next), and the
/// answer to a read of one job.
#[derive(Default)]
pub struct Script {
    /// Listing pages, in order.
    pub pages: Vec<Vec<serde_json::Value>>,
    /// The answer to every read of one job.
    pub read: Option<serde_json::Value>,
    /// Listings begun (first pages served).
    pub listings: usize,
}

async fn answer(State(script): State<Arc<Mutex<Script>>>, request: Request) -> Response {
    let path = request.uri().path().to_owned();
    let query = request.uri().query().unwrap_or_default().to_owned();
    let host = request
        .headers()
        .get("host")
        .and_then(|h| h.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let mut script = script.lock().unwrap();
    let body = if path == "/subscriptions" {
        serde_json::json!({ "value": [] })
    } else if path.ends_with("/providers/Microsoft.ImportExport/jobs") {
        let page: usize = query
            .split('&')
            .find_map(|p| p.strip_prefix("page="))
            .and_then(|p| p.parse().ok())
            .unwrap_or(0);
        if page == 0 {
            script.listings += 1;
        }
        let mut body = serde_json::json!({ "value": script.pages[page] });
        if page + 1 < script.pages.len() {
            body["nextLink"] = format!(
                "http://{host}{path}?api-version=2021-01-01&page={}",
                page + 1
            )
            .into();
        }
        body
    } else if let Some(read) = &script.read {
        read.clone()
    } else {
        // A read of one job: the listed job of that id (ARM ids ignore case).
        let wanted = percent_encoding::percent_decode_str(&path)
            .decode_utf8_lossy()
            .to_lowercase();
        let found = script.pages.iter().flatten().find(|j| {
            j["id"]
                .as_str()
                .is_some_and(|id| id.to_lowercase() == wanted)
        });
        match found {
            Some(job) => job.clone(),
            None => return (axum::http::StatusCode::NOT_FOUND, "{}").into_response(),
        }
    };
    (
        [(axum::http::header::CONTENT_TYPE, "application/json")],
        body.to_string(),
    )
        .into_response()
}

/// Starts the scripted server on its own runtime thread; returns its URL.
pub fn server(script: Script) -> (String, Arc<Mutex<Script>>) {
    let script = Arc::new(Mutex::new(script));
    let state = script.clone();
    let (tx, rx) = std::sync::mpsc::sync_channel(1);
    std::thread::Builder::new()
        .name("scripted-arm".to_owned())
        .spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            runtime.block_on(async move {
                let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
                tx.send(listener.local_addr().unwrap()).unwrap();
                let app = Router::new().fallback(answer).with_state(state);
                axum::serve(listener, app).await.unwrap();
            });
        })
        .unwrap();
    (format!("http://{}", rx.recv().unwrap()), script)
}
