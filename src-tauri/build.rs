//! The app's commands are declared once: the `#[tauri::command]` functions in
//! `src/commands/<area>.rs`. From them this script makes everything else that must name them, so no
//! list can drift from another:
//!
//! - `$OUT_DIR/handlers.rs`, the `generate_handler!` list `lib.rs` registers;
//! - the app manifest, and `capabilities/main.json`, which grants exactly these commands (with an
//!   app manifest, a command no capability grants cannot be invoked);
//! - `ui/src/api/commands.ts`, one entry per command with its argument names and types and its
//!   result type, so `call()` in the UI is type-checked against the Rust signature.
//!
//! The generated files are committed; `scripts/test.sh` fails if a build changed them.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

/// One command as declared.
struct Command {
    area: String,
    name: String,
    /// (camelCase name as the UI sends it, TS type, may be left out: an `Option`)
    args: Vec<(String, String, bool)>,
    result: String,
}

/// Types the shell fills in itself (state, handles, windows): not arguments from the page.
const INJECTED: &[&str] = &["State", "AppState", "AppHandle", "Window", "WebviewWindow"];

fn main() {
    let dir = Path::new("src/commands");
    println!("cargo:rerun-if-changed=src/commands");
    let mut commands = Vec::new();
    let mut areas: Vec<_> = fs::read_dir(dir)
        .expect("src/commands")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .collect();
    areas.sort();
    for path in areas {
        println!("cargo:rerun-if-changed={}", path.display());
        let area = path
            .file_stem()
            .and_then(|s| s.to_str())
            .expect("file name")
            .to_string();
        let text = fs::read_to_string(&path).expect("read command file");
        let file = syn::parse_file(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        for item in file.items {
            let syn::Item::Fn(f) = item else { continue };
            let Some(attr) = f.attrs.iter().find(|a| is_tauri_command(a)) else {
                continue;
            };
            let name = &f.sig.ident;
            // What this script cannot mirror is refused here rather than generated wrong.
            assert!(
                matches!(attr.meta, syn::Meta::Path(_)),
                "{}: #[tauri::command] on {name} takes arguments (rename_all …); the UI's types assume the default camelCase",
                path.display()
            );
            assert!(
                !f.attrs.iter().any(|a| a.path().is_ident("cfg")),
                "{}: {name} is behind #[cfg]; it would be registered and granted unconditionally",
                path.display()
            );
            assert!(
                area != "mod",
                "{}: {name} must live in an area's file, not in commands/mod.rs",
                path.display()
            );
            commands.push(command(&area, &f.sig));
        }
    }
    assert!(!commands.is_empty(), "no #[tauri::command] found");

    let out = std::env::var("OUT_DIR").expect("OUT_DIR");
    let mut handlers = String::from("tauri::generate_handler![\n");
    for c in &commands {
        let _ = writeln!(handlers, "    commands::{}::{},", c.area, c.name);
    }
    handlers.push_str("]\n");
    fs::write(Path::new(&out).join("handlers.rs"), handlers).expect("write handlers.rs");

    write_if_changed(Path::new("capabilities/main.json"), &capability(&commands));
    write_if_changed(
        Path::new("../ui/src/api/commands.ts"),
        &typescript(&commands),
    );

    // tauri-build keeps the names for the whole build script: leaked once, as a static list would be.
    let names: &'static [&'static str] = Vec::leak(
        commands
            .iter()
            .map(|c| &*String::leak(c.name.clone()))
            .collect(),
    );
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(names)),
    )
    .expect("failed to run tauri-build");
}

fn is_tauri_command(attr: &syn::Attribute) -> bool {
    let segments: Vec<String> = attr
        .path()
        .segments
        .iter()
        .map(|s| s.ident.to_string())
        .collect();
    segments == ["tauri", "command"] || segments == ["command"]
}

fn command(area: &str, sig: &syn::Signature) -> Command {
    let mut args = Vec::new();
    for input in &sig.inputs {
        let syn::FnArg::Typed(pat) = input else {
            continue;
        };
        if injected(&pat.ty) {
            continue;
        }
        let syn::Pat::Ident(name) = &*pat.pat else {
            panic!("{}: an argument that is not a plain name", sig.ident);
        };
        let optional = last_segment(&pat.ty).is_some_and(|s| s.ident == "Option");
        args.push((camel(&name.ident.to_string()), ts(&pat.ty), optional));
    }
    let result = match &sig.output {
        syn::ReturnType::Default => "null".to_string(),
        syn::ReturnType::Type(_, ty) => ts(ty),
    };
    Command {
        area: area.to_string(),
        name: sig.ident.to_string(),
        args,
        result,
    }
}

fn last_segment(ty: &syn::Type) -> Option<&syn::PathSegment> {
    match ty {
        syn::Type::Path(p) => p.path.segments.last(),
        syn::Type::Reference(r) => last_segment(&r.elem),
        _ => None,
    }
}

fn injected(ty: &syn::Type) -> bool {
    last_segment(ty).is_some_and(|s| INJECTED.contains(&s.ident.to_string().as_str()))
}

fn generic(segment: &syn::PathSegment, index: usize) -> &syn::Type {
    let syn::PathArguments::AngleBracketed(a) = &segment.arguments else {
        panic!("{} without its type argument", segment.ident);
    };
    a.args
        .iter()
        .filter_map(|g| match g {
            syn::GenericArgument::Type(t) => Some(t),
            _ => None,
        })
        .nth(index)
        .unwrap_or_else(|| panic!("{} without its type argument", segment.ident))
}

/// The TS type serde and ts-rs give a Rust type that crosses IPC.
fn ts(ty: &syn::Type) -> String {
    if let syn::Type::Tuple(t) = ty {
        assert!(t.elems.is_empty(), "tuples do not cross IPC here");
        return "null".into();
    }
    let segment = last_segment(ty).expect("a named type");
    let name = segment.ident.to_string();
    match name.as_str() {
        "String" | "str" | "PathBuf" => "string".into(),
        "bool" => "boolean".into(),
        "i8" | "i16" | "i32" | "i64" | "u8" | "u16" | "u32" | "u64" | "usize" | "f32" | "f64" => {
            "number".into()
        }
        "Value" => "unknown".into(),
        // A JSON object keyed by field (a form record's values).
        "Map" => "Record<string, unknown>".into(),
        // A command's error is always IpcError; the promise resolves with the value.
        "Result" => ts(generic(segment, 0)),
        "Option" => format!("{} | null", ts(generic(segment, 0))),
        "Vec" => {
            let inner = ts(generic(segment, 0));
            if inner.contains(' ') {
                format!("Array<{inner}>")
            } else {
                format!("{inner}[]")
            }
        }
        _ => name,
    }
}

fn camel(snake: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for c in snake.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

fn capability(commands: &[Command]) -> String {
    let mut out = String::from(
        "{\n  \"$schema\": \"../gen/schemas/desktop-schema.json\",\n  \"identifier\": \"main\",\n  \
         \"description\": \"What the main window may call: DutyDesk's own commands and listening to \
         its events, nothing else. Generated by build.rs from the #[tauri::command] functions.\",\n  \
         \"windows\": [\"main\"],\n  \"permissions\": [\n    \"core:event:default\"",
    );
    for c in commands {
        let _ = write!(out, ",\n    \"allow-{}\"", c.name.replace('_', "-"));
    }
    out.push_str("\n  ]\n}\n");
    out
}

/// Names that are TS types of their own: imported from the ts-rs bindings.
fn named_types(ts_type: &str) -> Vec<String> {
    ts_type
        .split(|c: char| !c.is_alphanumeric() && c != '_')
        .filter(|w| {
            w.chars().next().is_some_and(char::is_uppercase) && !matches!(*w, "Array" | "Record")
        })
        .map(String::from)
        .collect()
}

fn typescript(commands: &[Command]) -> String {
    let mut types = std::collections::BTreeSet::new();
    for c in commands {
        for (_, t, _) in &c.args {
            types.extend(named_types(t));
        }
        types.extend(named_types(&c.result));
    }
    let mut out = String::from(
        "// Generated by src-tauri/build.rs from the #[tauri::command] functions in\n\
         // src-tauri/src/commands/<area>.rs. Do not edit: change the Rust command and rebuild.\n\
         // Every command the shell registers and the capability grants is here, with the argument\n\
         // names the page sends (camelCase) and the value the promise resolves with.\n",
    );
    for t in &types {
        let _ = writeln!(out, "import type {{ {t} }} from \"../bindings/{t}\";");
    }
    out.push_str("\nexport interface Commands {\n");
    let mut area = "";
    for c in commands {
        if c.area != area {
            area = &c.area;
            let _ = writeln!(out, "  // src-tauri/src/commands/{area}.rs");
        }
        let args = if c.args.is_empty() {
            "Record<string, never>".to_string()
        } else {
            // Tauri passes a missing key to an `Option` argument as `None`.
            let fields: Vec<String> = c
                .args
                .iter()
                .map(|(n, t, optional)| format!("{n}{}: {t}", if *optional { "?" } else { "" }))
                .collect();
            format!("{{ {} }}", fields.join("; "))
        };
        let _ = writeln!(
            out,
            "  {}: {{ args: {args}; result: {} }};",
            c.name, c.result
        );
    }
    out.push_str("}\n\nexport type CommandName = keyof Commands;\n");
    out
}

fn write_if_changed(path: &Path, content: &str) {
    if fs::read_to_string(path).ok().as_deref() != Some(content) {
        fs::write(path, content).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    }
}
