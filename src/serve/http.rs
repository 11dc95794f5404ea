//! The HTTP side of `folio serve`, on axum: the built site from the output folder, and the
//! live-reload endpoints under `/__folio/`.
//!
//! In: a request. Out: a file of the output folder (HTML with the live-reload script added), a
//! redirect from `/dir` to `/dir/`, the site's `404.html` with status 404, or a refusal. A request
//! path never leaves the output folder: it is decoded segment by segment, `.`/`..`, separators,
//! backslashes, NUL and drive names are refused, and the file found is canonicalized and checked
//! to be inside the (canonical) output folder, so symlinks cannot point elsewhere. A request whose
//! `Host` is not a name this server answers to is refused first (`hosts`, DNS rebinding).

use std::path::{Path, PathBuf};

use axum::Router;
use axum::extract::State;
use axum::http::{HeaderValue, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Redirect, Response};
use percent_encoding::percent_decode_str;

use super::hosts::{HostPolicy, known_hosts_only};
use super::live::LiveState;

/// Everything a request handler needs, passed explicitly.
#[derive(Clone)]
pub(super) struct ServerState {
    /// Canonical output folder; it may not exist until the first build succeeds.
    pub output: PathBuf,
    pub live: LiveState,
}

pub(super) fn router(state: ServerState, hosts: HostPolicy) -> Router {
    // Every path the live-reload endpoints do not claim names a file of the site.
    state
        .live
        .clone()
        .routes()
        .fallback(site_file)
        .layer(axum::middleware::map_response(no_cache))
        .layer(axum::middleware::from_fn_with_state(
            hosts,
            known_hosts_only,
        ))
        .with_state(state)
}

/// A preview must always show the newest build.
async fn no_cache(mut response: Response) -> Response {
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    response
}

/// A request path that passed every check: decoded segments, safe to join to the output folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct SitePath {
    pub segments: Vec<String>,
    /// The path ended with `/` (or was `/`): it names a folder.
    pub folder: bool,
}

/// Why a request path was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct RefusedPath;

/// Checks and decodes the raw (still percent-encoded) path of a request.
pub(super) fn site_path(raw: &str) -> Result<SitePath, RefusedPath> {
    let rest = raw.strip_prefix('/').ok_or(RefusedPath)?;
    let parts: Vec<&str> = rest.split('/').collect();
    let last = parts.len() - 1;
    let mut segments = Vec::with_capacity(parts.len());
    for (i, part) in parts.iter().enumerate() {
        if part.is_empty() {
            if i == last {
                continue;
            }
            return Err(RefusedPath);
        }
        segments.push(decoded_segment(part)?);
    }
    Ok(SitePath {
        segments,
        folder: rest.is_empty() || rest.ends_with('/'),
    })
}

fn decoded_segment(part: &str) -> Result<String, RefusedPath> {
    let decoded = percent_decode_str(part)
        .decode_utf8()
        .map_err(|_| RefusedPath)?;
    let forbidden = |c: char| matches!(c, '/' | '\\' | '\0' | ':') || c.is_control();
    if decoded == "." || decoded == ".." || decoded.contains(forbidden) {
        return Err(RefusedPath);
    }
    Ok(decoded.into_owned())
}

/// What a checked path names in the output folder.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Found {
    File(PathBuf),
    /// A folder asked for without its trailing slash.
    FolderWithoutSlash,
    Nothing,
}

/// Looks `path` up under `output` (canonical), refusing anything that resolves outside it.
pub(super) fn find(output: &Path, path: &SitePath) -> Found {
    let candidate = path
        .segments
        .iter()
        .fold(output.to_path_buf(), |p, s| p.join(s));
    let Some(real) = inside(output, &candidate) else {
        return Found::Nothing;
    };
    if real.is_dir() {
        if !path.folder {
            return Found::FolderWithoutSlash;
        }
        return match inside(output, &real.join("index.html")) {
            Some(index) if index.is_file() => Found::File(index),
            _ => Found::Nothing,
        };
    }
    if real.is_file() && !path.folder {
        Found::File(real)
    } else {
        Found::Nothing
    }
}

/// The canonical form of `candidate` when it exists and lies inside `output`.
fn inside(output: &Path, candidate: &Path) -> Option<PathBuf> {
    std::fs::canonicalize(candidate)
        .ok()
        .filter(|real| real.starts_with(output))
}

async fn site_file(State(state): State<ServerState>, method: Method, uri: Uri) -> Response {
    if method != Method::GET && method != Method::HEAD {
        return (
            StatusCode::METHOD_NOT_ALLOWED,
            [(header::ALLOW, "GET, HEAD")],
            "only GET and HEAD are served\n",
        )
            .into_response();
    }
    let Ok(path) = site_path(uri.path()) else {
        return (StatusCode::BAD_REQUEST, "refused request path\n").into_response();
    };
    match find(&state.output, &path) {
        Found::File(file) => {
            if file.extension().is_some_and(|e| e == "html") {
                state.live.page_served(uri.path());
            }
            file_response(&state, &file, StatusCode::OK).await
        }
        Found::FolderWithoutSlash => {
            let query = uri.query().map(|q| format!("?{q}")).unwrap_or_default();
            Redirect::temporary(&format!("{}/{query}", uri.path())).into_response()
        }
        Found::Nothing => not_found(&state).await,
    }
}

async fn file_response(state: &ServerState, file: &Path, status: StatusCode) -> Response {
    let bytes = match tokio::fs::read(file).await {
        Ok(bytes) => bytes,
        // Removed between the lookup and the read: a rebuild swapped the folder.
        Err(_) => return (StatusCode::NOT_FOUND, "not found\n").into_response(),
    };
    let mime = mime_guess::from_path(file).first_or_octet_stream();
    if mime.essence_str() == "text/html" {
        let body = state.live.with_script(bytes);
        return html_response(status, body);
    }
    let content_type = content_type_of(&mime);
    (status, [(header::CONTENT_TYPE, content_type)], bytes).into_response()
}

/// Text types are served as UTF-8, which is what folio writes.
fn content_type_of(mime: &mime_guess::Mime) -> String {
    let essence = mime.essence_str();
    let is_text = mime.type_() == mime_guess::mime::TEXT
        || matches!(
            essence,
            "application/javascript" | "application/json" | "application/xml"
        )
        || essence.ends_with("+xml");
    if is_text && mime.get_param("charset").is_none() {
        format!("{}; charset=utf-8", mime.essence_str())
    } else {
        mime.essence_str().to_string()
    }
}

fn html_response(status: StatusCode, body: Vec<u8>) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        body,
    )
        .into_response()
}

/// The site's own 404 page, or a bare one (with the live script, so a page opened before the
/// first good build still shows the errors and reloads once the site exists).
async fn not_found(state: &ServerState) -> Response {
    let page = state.output.join("404.html");
    if inside(&state.output, &page).is_some_and(|p| p.is_file()) {
        return file_response(state, &page, StatusCode::NOT_FOUND).await;
    }
    let bare = b"<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Not found</title></head>\n<body><h1>Not found</h1><p>folio serve has no page here (yet).</p></body></html>\n";
    let body = state.live.with_script(bare.to_vec());
    html_response(StatusCode::NOT_FOUND, body)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn segments(raw: &str) -> Vec<String> {
        site_path(raw).expect(raw).segments
    }

    #[test]
    fn decodes_ordinary_paths() {
        assert_eq!(segments("/"), Vec::<String>::new());
        assert_eq!(segments("/guide/install/"), ["guide", "install"]);
        assert_eq!(segments("/style.css"), ["style.css"]);
        assert_eq!(segments("/qa/%D1%81%D1%82/"), ["qa", "ст"]);
        assert_eq!(segments("/a%20b.png"), ["a b.png"]);
        assert!(site_path("/guide/").unwrap().folder);
        assert!(!site_path("/guide").unwrap().folder);
    }

    #[test]
    fn refuses_traversal_in_every_spelling() {
        for raw in [
            "/../etc/passwd",
            "/guide/../../etc/passwd",
            "/..",
            "/.",
            "/./index.html",
            "/%2e%2e/etc/passwd",
            "/%2E%2E/etc/passwd",
            "/.%2e/etc/passwd",
            "/..%2fetc%2fpasswd",
            "/guide%2f..%2f..%2fetc",
            "/%2fetc/passwd",
            "//etc/passwd",
            "/guide//x",
            "/..\\etc\\passwd",
            "/%5c..%5cetc",
            "/index.html%00.css",
            "/C:/Windows/win.ini",
            "/c%3a/windows",
            "/%ff%fe",
            "etc/passwd",
            "",
        ] {
            assert_eq!(site_path(raw), Err(RefusedPath), "{raw}");
        }
    }

    #[test]
    fn double_encoding_stays_a_literal_name() {
        assert_eq!(segments("/%252e%252e/x"), ["%2e%2e", "x"]);
    }

    #[test]
    fn finds_files_folders_and_nothing_outside() {
        let dir = tempfile::tempdir().unwrap();
        let base = std::fs::canonicalize(dir.path()).unwrap();
        let output = base.join("site");
        std::fs::create_dir_all(output.join("guide")).unwrap();
        std::fs::write(output.join("guide/index.html"), "guide").unwrap();
        std::fs::write(output.join("style.css"), "css").unwrap();
        std::fs::write(base.join("secret.txt"), "secret").unwrap();
        let found = |raw: &str| find(&output, &site_path(raw).unwrap());
        assert_eq!(
            found("/guide/"),
            Found::File(output.join("guide/index.html"))
        );
        assert_eq!(found("/guide"), Found::FolderWithoutSlash);
        assert_eq!(found("/style.css"), Found::File(output.join("style.css")));
        assert_eq!(found("/style.css/"), Found::Nothing);
        assert_eq!(found("/missing.html"), Found::Nothing);
        assert_eq!(found("/"), Found::Nothing, "no index.html, and no listing");
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(base.join("secret.txt"), output.join("leak.txt")).unwrap();
            std::os::unix::fs::symlink(&base, output.join("up")).unwrap();
            assert_eq!(found("/leak.txt"), Found::Nothing);
            assert_eq!(found("/up/secret.txt"), Found::Nothing);
            assert_eq!(found("/up/"), Found::Nothing);
        }
    }

    #[test]
    fn text_types_are_utf8() {
        let of = |name: &str| content_type_of(&mime_guess::from_path(name).first_or_octet_stream());
        assert_eq!(of("a.css"), "text/css; charset=utf-8");
        assert_eq!(of("a.js"), "text/javascript; charset=utf-8");
        assert_eq!(of("a.svg"), "image/svg+xml; charset=utf-8");
        assert_eq!(of("atom.xml"), "text/xml; charset=utf-8");
        assert_eq!(of("a.png"), "image/png");
        assert_eq!(of("a.unknownext"), "application/octet-stream");
    }
}
