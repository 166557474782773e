//! Short names for the app's imports from its JavaScript glue (post-build,
//! after wasm-bindgen, before wasm-opt).
//!
//! wasm-bindgen names each import `__wbg_<method>_<16 hex digits>`, and
//! every one is written twice in the first download: once in the
//! WebAssembly, once in the glue's import object. The hex digits do not
//! compress (about 5 KB brotli of the first visit for the app's ~250
//! imports). Nothing reads these names but the instantiation, so they are
//! renamed `a`, `b`, … `ba`, … in both files, as emscripten's
//! `--minify-imports` does.

use crate::split::replace_exactly;
use crate::Result;
use wasm_encoder::{EntityType, ImportSection, Module, RawSection};
use wasmparser::{Imports, Parser, Payload};

/// Each renamed import: (its name from wasm-bindgen, its short name).
pub type Renamed = Vec<(String, String)>;

/// `wasm` with every import from `module` renamed, and what was renamed.
pub fn rename_imports(wasm: &[u8], module: &str) -> Result<(Vec<u8>, Renamed)> {
    let mut out = Module::new();
    let mut renamed = Vec::new();
    for payload in Parser::new(0).parse_all(wasm) {
        let payload = payload.map_err(|e| format!("reading the app's WebAssembly: {e}"))?;
        if let Payload::ImportSection(reader) = &payload {
            let mut imports = ImportSection::new();
            for group in reader.clone() {
                let group = group.map_err(|e| format!("reading an import: {e}"))?;
                let Imports::Single(_, import) = group else {
                    return Err("compact imports: not what wasm-bindgen writes".into());
                };
                let ty = EntityType::try_from(import.ty)
                    .map_err(|e| format!("import {}: {e:?}", import.name))?;
                let name = if import.module == module {
                    let short = short_name(renamed.len());
                    renamed.push((import.name.to_string(), short.clone()));
                    short
                } else {
                    import.name.to_string()
                };
                imports.import(import.module, &name, ty);
            }
            out.section(&imports);
        } else if let Some((id, range)) = payload.as_section() {
            let data = usize::try_from(range.start)
                .ok()
                .zip(usize::try_from(range.end).ok())
                .and_then(|(s, e)| wasm.get(s..e))
                .ok_or("a section outside the file")?;
            out.section(&RawSection { id, data });
        }
    }
    Ok((out.finish(), renamed))
}

/// The glue with the same names for the same imports: each key of its
/// import object exactly once, or the build stops (wasm-bindgen writing
/// its glue otherwise).
pub fn rename_in_glue(js: &str, renamed: &[(String, String)]) -> Result<String> {
    let key = |name: &str| format!("\n        {name}: function");
    renamed.iter().try_fold(js.to_string(), |js, (old, new)| {
        replace_exactly(&js, &key(old), &key(new), 1, "an import's name")
    })
}

/// `a`…`z`, `A`…`Z`, then two letters: never a word the glue's import
/// object uses otherwise (`__proto__`).
fn short_name(mut n: usize) -> String {
    const LETTERS: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    let mut name = Vec::new();
    loop {
        name.push(LETTERS[n % LETTERS.len()]);
        n /= LETTERS.len();
        if n == 0 {
            break;
        }
        n -= 1;
    }
    name.reverse();
    String::from_utf8(name).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_encoder::{
        CodeSection, ExportKind, ExportSection, Function, FunctionSection, Instruction,
        TypeSection, ValType,
    };

    /// Two imports from the glue, one from elsewhere, and a function that
    /// calls the second.
    fn module() -> Vec<u8> {
        let mut m = Module::new();
        let mut types = TypeSection::new();
        types.ty().function([ValType::I32], [ValType::I32]);
        m.section(&types);
        let mut imports = ImportSection::new();
        imports.import(
            "./app_bg.js",
            "__wbg_first_0123456789abcdef",
            EntityType::Function(0),
        );
        imports.import("./parts.js", "__wasm_split_load_x", EntityType::Function(0));
        imports.import(
            "./app_bg.js",
            "__wbg_second_fedcba9876543210",
            EntityType::Function(0),
        );
        m.section(&imports);
        let mut funcs = FunctionSection::new();
        funcs.function(0);
        m.section(&funcs);
        let mut exports = ExportSection::new();
        exports.export("main", ExportKind::Func, 3);
        m.section(&exports);
        let mut code = CodeSection::new();
        let mut f = Function::new([]);
        f.instruction(&Instruction::LocalGet(0));
        f.instruction(&Instruction::Call(2));
        f.instruction(&Instruction::End);
        code.function(&f);
        m.section(&code);
        m.finish()
    }

    fn imports_of(wasm: &[u8]) -> Vec<(String, String)> {
        let mut out = Vec::new();
        for payload in Parser::new(0).parse_all(wasm) {
            if let Ok(Payload::ImportSection(r)) = payload {
                for group in r {
                    if let Ok(Imports::Single(_, i)) = group {
                        out.push((i.module.to_string(), i.name.to_string()));
                    }
                }
            }
        }
        out
    }

    #[test]
    fn only_the_glues_imports_are_renamed_and_the_code_is_untouched() {
        let before = module();
        let (after, renamed) = rename_imports(&before, "./app_bg.js").unwrap();
        assert_eq!(
            imports_of(&after),
            [
                ("./app_bg.js".to_string(), "a".to_string()),
                ("./parts.js".to_string(), "__wasm_split_load_x".to_string()),
                ("./app_bg.js".to_string(), "b".to_string()),
            ]
        );
        assert_eq!(
            renamed[1],
            ("__wbg_second_fedcba9876543210".into(), "b".into())
        );
        wasmparser::validate(&after).unwrap();
        // Everything after the imports is the same bytes.
        let tail = |w: &[u8]| w[w.len() - 20..].to_vec();
        assert_eq!(tail(&before), tail(&after));
        assert!(after.len() < before.len());
    }

    #[test]
    fn the_glue_gets_the_same_names_or_the_build_stops() {
        let js = "const import0 = {\n        __proto__: null,\n        __wbg_a_1: function(arg0) {\n        },\n        __wbg_a_12: function() {\n        },\n    };";
        let renamed = [
            ("__wbg_a_1".to_string(), "a".to_string()),
            ("__wbg_a_12".to_string(), "b".to_string()),
        ];
        let out = rename_in_glue(js, &renamed).unwrap();
        assert!(out.contains("\n        a: function(arg0)"));
        assert!(out.contains("\n        b: function()"));
        assert!(!out.contains("__wbg_a_1"));
        let missing = [("__wbg_gone_0".to_string(), "c".to_string())];
        assert!(rename_in_glue(js, &missing).is_err());
    }

    #[test]
    fn short_names_are_distinct_letters() {
        let names: Vec<String> = (0..3000).map(short_name).collect();
        assert_eq!(&names[..3], ["a", "b", "c"]);
        assert_eq!(names[52], "aa");
        let unique: std::collections::HashSet<_> = names.iter().collect();
        assert_eq!(unique.len(), names.len());
        assert!(names
            .iter()
            .all(|n| n.bytes().all(|b| b.is_ascii_alphabetic())));
    }
}
