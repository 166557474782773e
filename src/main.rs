use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

fn main() {
    console_error_panic_hook::set_once();
    expose_memory_probe();
    leptos::mount::mount_to_body(staff_pwa::App);
}

/// `cargo xtask bench` reads the WebAssembly memory size through this.
fn expose_memory_probe() {
    let probe = Closure::<dyn Fn() -> f64>::new(|| {
        let memory: js_sys::WebAssembly::Memory = wasm_bindgen::memory().unchecked_into();
        memory
            .buffer()
            .unchecked_into::<js_sys::ArrayBuffer>()
            .byte_length() as f64
    });
    if let Some(w) = web_sys::window() {
        let _ = js_sys::Reflect::set(
            &w,
            &JsValue::from_str("__staffPwaWasmMemory"),
            probe.as_ref(),
        );
    }
    probe.forget();
}
