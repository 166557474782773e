mod login;
pub(crate) mod partner;
pub(crate) mod partners;

pub use login::{sign_in_message, LoginPage};
pub use partner::PartnerPage;
pub use partners::PartnersPage;
