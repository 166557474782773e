//! Code the first screen does not need, kept out of the first download.
//!
//! A function declared with [`part!`] lives, in trunk's build (feature
//! `split`), in a WebAssembly file of its own that the browser fetches the
//! first time the function is called (xtask/src/split.rs cuts the build
//! there). Everything only it reaches goes with it: the edit form and the
//! outbox's sending are most of what editing added to the app. Staff who
//! may edit get the file fetched while the app is idle ([`fetch_soon`]),
//! so it is in the service worker's cache before they go offline.
//!
//! A call returns `Err(PartMissing)` when the file cannot be fetched
//! (offline before it was ever cached): the caller says so and offers to
//! try again; nothing the user typed is touched. In tests and clippy
//! (no `split`) the same functions are plain async calls.

/// The part's file could not be fetched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PartMissing;

impl From<leptos::wasm_split::SplitLoaderError> for PartMissing {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        PartMissing
    }
}

/// `part! { fn name(args) -> T { body } }` declares
/// `async fn name(args) -> Result<T, PartMissing>`, whose body is in the
/// editing part. Its arguments and result must be concrete types (they
/// cross between two WebAssembly files as a C call).
macro_rules! part {
    ($(#[doc = $doc:literal])* $vis:vis fn $name:ident($($arg:ident: $ty:ty),* $(,)?) -> $ret:ty $body:block) => {
        $(#[doc = $doc])*
        #[cfg(feature = "split")]
        #[leptos::wasm_split::wasm_split(editing, wasm_split_path = ::leptos::wasm_split, fallible)]
        $vis fn $name($($arg: $ty),*) -> Result<$ret, $crate::parts::PartMissing> {
            Ok($body)
        }

        $(#[doc = $doc])*
        #[cfg(not(feature = "split"))]
        $vis async fn $name($($arg: $ty),*) -> Result<$ret, $crate::parts::PartMissing> {
            Ok($body)
        }
    };
}
pub(crate) use part;
