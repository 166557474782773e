//! demo-odoo
