//! Who the client is when a proxy stands in between: Odoo's own rule in
//! proxy mode (werkzeug's `ProxyFix` with `x_for=1`), so that demo-odoo's
//! sign-in cooldown and pwa-server's sign-in limit count the same address
//! for the same request.
//!
//! It lives here, not in either server, because both need it and neither
//! may depend on the other for it: pwa-server in front of a real Odoo
//! must not lean on the fake one, and demo-odoo knows no pwa-server. It is
//! part of how Odoo reads a request, takes plain addresses and header text
//! (no HTTP framework), and so stays within this crate's bounds.

use std::net::IpAddr;

/// The client's address: the socket peer's, unless the peer is a proxy we
/// trust, then the last `X-Forwarded-For` entry, which that proxy wrote;
/// earlier entries came from the client and prove nothing. Only a peer on
/// this machine (loopback) is trusted. With no peer known (served without
/// connection info, in-process), whoever serves us vouches for the header.
///
/// `forwarded_for`: the request's `X-Forwarded-For` header values, in
/// order (several headers read as one list, as werkzeug joins them).
pub fn client_addr<'a, I>(peer: Option<IpAddr>, forwarded_for: I) -> Option<IpAddr>
where
    I: IntoIterator<Item = &'a [u8]>,
    I::IntoIter: DoubleEndedIterator,
{
    let last = forwarded_for.into_iter().next_back();
    let forwarded = || {
        let entry = std::str::from_utf8(last?).ok()?.rsplit(',').next()?;
        entry.trim().parse().ok()
    };
    match peer.map(|ip| ip.to_canonical()) {
        Some(ip) if ip.is_loopback() => forwarded().or(Some(ip)),
        Some(ip) => Some(ip),
        None => forwarded(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    fn addr(peer: Option<&str>, headers: &[&str]) -> Option<IpAddr> {
        client_addr(peer.map(ip), headers.iter().map(|h| h.as_bytes()))
    }

    #[test]
    fn only_a_proxy_on_this_machine_is_believed_and_only_its_own_entry() {
        let chain = ["198.51.100.9", "10.9.9.9, 203.0.113.7"];
        let client = Some(ip("203.0.113.7"));
        assert_eq!(addr(Some("127.0.0.1"), &chain), client);
        assert_eq!(
            addr(Some("::ffff:127.0.0.1"), &chain),
            client,
            "IPv4 loopback on a dual-stack socket"
        );
        assert_eq!(
            addr(Some("198.51.100.1"), &chain),
            Some(ip("198.51.100.1")),
            "a remote peer's claim is not believed"
        );
        assert_eq!(addr(None, &chain), client);
    }

    #[test]
    fn without_a_usable_entry_the_peer_counts() {
        let lo = Some(ip("::1"));
        assert_eq!(addr(Some("::1"), &[]), lo);
        assert_eq!(addr(Some("::1"), &["unknown"]), lo);
        assert_eq!(addr(Some("::1"), &[""]), lo);
        assert_eq!(addr(None, &["203.0.113.7, junk"]), None);
        assert_eq!(addr(None, &[]), None);
    }
}
