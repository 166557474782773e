//! Odoo web JSON-RPC protocol.
