//! How deep an outside JSON text nests and how many objects it holds, measured before it is
//! parsed. serde_json's own recursion limit stops a stack overflow, but not the work of parsing a
//! crafted tower or a file of a million tiny objects; every reader of an outside file (team
//! archive, holiday calendar, a backup's check file) bounds both with this one scan first.

/// What [`shape`] measured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct JsonShape {
    /// The deepest nesting of `[` / `{` outside strings.
    pub depth: usize,
    /// How many `{` open an object.
    pub objects: usize,
}

/// Scans `bytes` once; brackets inside strings (with `\"` escapes) do not count. Malformed text is
/// measured as far as it goes: the parser that follows refuses it.
pub fn shape(bytes: &[u8]) -> JsonShape {
    let mut out = JsonShape::default();
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    for &b in bytes {
        if in_string {
            match (escaped, b) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                out.depth = out.depth.max(depth);
                out.objects += usize::from(b == b'{');
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brackets_in_strings_do_not_count() {
        let s = shape(br#"{"a": "[[[{{{\"]]]", "b": [{"c": 1}, {"d": [2]}]}"#);
        assert_eq!(
            s,
            JsonShape {
                depth: 4,
                objects: 3
            }
        );
    }

    #[test]
    fn a_tower_is_measured_whole() {
        let tower = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
        assert_eq!(shape(tower.as_bytes()).depth, 10_000);
        assert_eq!(shape(b"").depth, 0);
        assert_eq!(shape(b"]]]{").depth, 1);
    }
}
