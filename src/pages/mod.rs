mod login;
pub(crate) mod partner;
pub(crate) mod partners;

pub use login::{odoo_login_url, sign_in_message, LoginPage};
pub use partner::PartnerPage;
pub use partners::PartnersPage;
