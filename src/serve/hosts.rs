//! Which `Host` names `folio serve` answers to, against DNS rebinding: a page on another site
//! can point its own domain name at 127.0.0.1 and then read the preview (drafts included) and
//! `/__folio/errors` (source lines) from the browser; its requests carry that name, and get 403.
//!
//! In: the `Host` header (and the authority of an absolute request URL), the address the
//! connection arrived at (`ArrivedAt`, set per connection) and the names given with
//! `--allowed-host`. Out: the request passed on, or a 403 that names the refused host and how
//! to allow it. The check is a layer over the whole router, so the live-reload event stream,
//! `/__folio/errors` and the site's files are covered alike.

use std::net::IpAddr;
use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// The local address of the connection a request came on (for a server bound to `0.0.0.0`,
/// the address of the interface it arrived at), put into the request's extensions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct ArrivedAt(pub IpAddr);

/// A name given with `--allowed-host`: `guide.test`, or `.test` for `test` and every name
/// under it (Vite's spelling), or an IP address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum AllowedHost {
    Name(String),
    NameAndBelow(String),
    Address(IpAddr),
}

impl AllowedHost {
    /// Reads a name as given on the command line; the message says what is wrong with it.
    pub(crate) fn parse(given: &str) -> Result<AllowedHost, String> {
        let bare = given.strip_prefix('[').and_then(|g| g.strip_suffix(']'));
        if let Ok(ip) = bare.unwrap_or(given).parse::<IpAddr>() {
            return Ok(AllowedHost::Address(ip.to_canonical()));
        }
        let (below, name) = match given.strip_prefix('.') {
            Some(rest) => (true, rest),
            None => (false, given),
        };
        let name = normalized_name(name);
        let valid = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '.' || c == '_';
        if name.is_empty() || !name.chars().all(valid) || name.contains("..") {
            return Err(format!(
                "`{given}` is not a host name: give a name such as `guide.test` (no scheme, port or path), `.test` for every name under `test`, or an IP address"
            ));
        }
        Ok(if below {
            AllowedHost::NameAndBelow(name)
        } else {
            AllowedHost::Name(name)
        })
    }

    fn allows(&self, host: &Host) -> bool {
        match (self, host) {
            (AllowedHost::Address(allowed), Host::Address(ip)) => allowed == ip,
            (AllowedHost::Name(allowed), Host::Name(name)) => allowed == name,
            (AllowedHost::NameAndBelow(allowed), Host::Name(name)) => {
                name == allowed
                    || name
                        .strip_suffix(allowed.as_str())
                        .is_some_and(|head| head.ends_with('.'))
            }
            _ => false,
        }
    }
}

/// Lowercase, without the trailing dot of a fully qualified name.
fn normalized_name(name: &str) -> String {
    name.strip_suffix('.').unwrap_or(name).to_ascii_lowercase()
}

/// A `Host` value without its port.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Host {
    Name(String),
    Address(IpAddr),
}

impl Host {
    /// `None` when the value is no host at all (a bad port, an unclosed bracket).
    fn parse(value: &str) -> Option<Host> {
        let (host, port) = match value.strip_prefix('[') {
            Some(bracketed) => {
                let (inside, rest) = bracketed.split_once(']')?;
                let ip = inside.parse::<IpAddr>().ok()?;
                return (rest.is_empty() || is_port(rest.strip_prefix(':')?))
                    .then_some(Host::Address(ip.to_canonical()));
            }
            None => match value.rsplit_once(':') {
                Some((host, port)) => (host, Some(port)),
                None => (value, None),
            },
        };
        if !port.is_none_or(is_port) || host.is_empty() {
            return None;
        }
        Some(match host.parse::<IpAddr>() {
            Ok(ip) => Host::Address(ip.to_canonical()),
            Err(_) => Host::Name(normalized_name(host)),
        })
    }
}

fn is_port(port: &str) -> bool {
    !port.is_empty() && port.bytes().all(|b| b.is_ascii_digit())
}

/// The names answered besides loopback ones, shared by every request.
#[derive(Debug, Clone, Default)]
pub(super) struct HostPolicy {
    pub allowed: Arc<Vec<AllowedHost>>,
}

impl HostPolicy {
    /// `localhost` and names under it, loopback addresses, the address the request arrived at,
    /// and the allowed names. Other IP addresses are refused too: they cannot come from
    /// rebinding (which needs a domain name), but a request naming an address that is not where
    /// it arrived was forwarded by something (a proxy, a port mapping) that the user should
    /// name on purpose, as Vite and webpack-dev-server ask for names.
    fn accepts(&self, value: &str, arrived_at: Option<IpAddr>) -> bool {
        let Some(host) = Host::parse(value) else {
            return false;
        };
        let local = match &host {
            Host::Name(name) => name == "localhost" || name.ends_with(".localhost"),
            Host::Address(ip) => {
                ip.is_loopback() || arrived_at.is_some_and(|at| at.to_canonical() == *ip)
            }
        };
        local || self.allowed.iter().any(|allowed| allowed.allows(&host))
    }
}

/// The layer: every request whose `Host` (or absolute URL) is not accepted gets 403. A request
/// without either (HTTP/1.0) is answered: browsers always send `Host`.
pub(super) async fn known_hosts_only(
    State(policy): State<HostPolicy>,
    request: Request,
    next: Next,
) -> Response {
    let arrived_at = request.extensions().get::<ArrivedAt>().map(|a| a.0);
    let header = request.headers().get(header::HOST);
    let named = header.map(|h| h.to_str().unwrap_or(""));
    let refused = named
        .into_iter()
        .chain(request.uri().host())
        .find(|host| !policy.accepts(host, arrived_at));
    match refused {
        None => next.run(request).await,
        Some(host) => (StatusCode::FORBIDDEN, refusal(host)).into_response(),
    }
}

/// What the 403 says: which name, why, and how to allow it.
fn refusal(host: &str) -> String {
    let name = match Host::parse(host) {
        Some(Host::Name(name)) => name,
        Some(Host::Address(ip)) => ip.to_string(),
        None => format!("{host:?}"),
    };
    format!(
        "folio serve refused the host name {name} (the request's Host): it answers only to localhost, loopback addresses and the address it listens on, so that another web site cannot read the preview through DNS rebinding.\nIf you reach this server by that name on purpose, allow it: folio serve --allowed-host {name}\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy(allowed: &[&str]) -> HostPolicy {
        let allowed = allowed
            .iter()
            .map(|a| AllowedHost::parse(a).unwrap())
            .collect();
        HostPolicy {
            allowed: Arc::new(allowed),
        }
    }

    #[test]
    fn loopback_names_and_addresses_are_always_answered() {
        let none = policy(&[]);
        for host in [
            "localhost",
            "localhost:1111",
            "LOCALHOST.:1111",
            "app.localhost:5173",
            "127.0.0.1:1111",
            "127.0.0.1",
            "127.1.2.3",
            "[::1]:1111",
            "[::1]",
            "[::ffff:127.0.0.1]:1111",
        ] {
            assert!(none.accepts(host, None), "{host}");
        }
        for host in [
            "evil.example",
            "evil.example:1111",
            "localhost.evil.example",
            "127.0.0.1.nip.io:1111",
            "localhost:abc",
            "localhost:",
            "",
            ":1111",
            "[evil.example]:1111",
            "[::1",
            "[::1]x",
            "::1",
            "192.168.1.20:1111",
            "[fe80::1]:1111",
        ] {
            assert!(!none.accepts(host, None), "{host}");
        }
    }

    #[test]
    fn the_address_a_connection_arrived_at_is_answered() {
        let at = |s: &str| Some(s.parse::<IpAddr>().unwrap());
        let none = policy(&[]);
        assert!(none.accepts("192.168.1.20:1111", at("192.168.1.20")));
        assert!(none.accepts("192.168.1.20", at("::ffff:192.168.1.20")));
        assert!(none.accepts("[fe80::1]:1111", at("fe80::1")));
        assert!(!none.accepts("192.168.1.21:1111", at("192.168.1.20")));
    }

    #[test]
    fn allowed_names_are_answered_and_nothing_near_them() {
        let allowed = policy(&["Guide.Test", ".dev.example", "10.0.0.7", "[fd00::7]"]);
        for host in [
            "guide.test",
            "guide.test.:1111",
            "GUIDE.TEST:8080",
            "dev.example",
            "a.dev.example:1111",
            "a.b.dev.example",
            "10.0.0.7:1111",
            "[fd00::7]:1111",
        ] {
            assert!(allowed.accepts(host, None), "{host}");
        }
        for host in [
            "a.guide.test",
            "guide.test.evil.example",
            "xdev.example",
            "dev.example.evil",
            "10.0.0.8",
        ] {
            assert!(!allowed.accepts(host, None), "{host}");
        }
    }

    #[test]
    fn allowed_host_names_must_be_names() {
        for bad in [
            "",
            ".",
            "http://guide.test",
            "guide.test:1111",
            "guide.test/x",
            "a..b",
            "gu ide",
        ] {
            let error = AllowedHost::parse(bad).unwrap_err();
            assert!(error.contains("is not a host name"), "{bad}: {error}");
        }
        assert_eq!(
            AllowedHost::parse("::ffff:10.0.0.7"),
            Ok(AllowedHost::Address("10.0.0.7".parse().unwrap()))
        );
    }

    #[test]
    fn the_refusal_names_the_host_and_the_option() {
        let text = refusal("Evil.Example:1111");
        assert!(text.starts_with("folio serve refused the host name evil.example "));
        assert!(text.contains("folio serve --allowed-host evil.example\n"));
        assert!(refusal("[::1").contains("\"[::1\""));
    }
}
