//! The JavaScript value `Bun.YAML.parse` returns, as JSON: what the loader sees, and
//! what the differential test compares with Bun's own answer. Numbers JSON cannot hold
//! (`NaN`, `±Infinity`, `-0`) are written `{"$num": "NaN"}` and so on.

use crate::syntax::yaml::{Node, NodeKind, Resolved};
use serde_json::{Map, Value};

/// The JSON of the value Bun gives for this root (None is `null`).
pub fn to_js(root: Option<&Node>) -> Value {
    root.map_or(Value::Null, value)
}

fn value(node: &Node) -> Value {
    match &node.kind {
        NodeKind::Scalar {
            value, resolved, ..
        } => match *resolved {
            Resolved::Null => Value::Null,
            Resolved::Bool(b) => Value::Bool(b),
            Resolved::Num(f) => number(f),
            Resolved::Str => Value::String(value.clone()),
        },
        NodeKind::Seq { items, .. } => Value::Array(items.iter().map(value).collect()),
        NodeKind::Map { entries, .. } => {
            let mut object = Map::new();
            for e in entries.iter() {
                // Like a JS object: a repeated key keeps its first place, the last value.
                object.insert(property_key(&e.key), value(&e.value));
            }
            Value::Object(object)
        }
        // An alias inside the collection it names: Bun returns the collection itself.
        NodeKind::Alias { .. } => serde_json::json!({ "$cycle": true }),
    }
}

fn number(f: f64) -> Value {
    let special = if f.is_nan() {
        "NaN"
    } else if f == f64::INFINITY {
        "Infinity"
    } else if f == f64::NEG_INFINITY {
        "-Infinity"
    } else if f == 0.0 && f.is_sign_negative() {
        "-0"
    } else {
        return serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number);
    };
    serde_json::json!({ "$num": special })
}

/// JavaScript's `ToPropertyKey` of a key: `String(value)`.
fn property_key(node: &Node) -> String {
    match &node.kind {
        NodeKind::Scalar {
            resolved: Resolved::Null,
            ..
        } => "null".into(),
        _ => js_string(node),
    }
}

/// `String(value)`; inside an array, null becomes the empty string (`Array.join`).
pub(super) fn js_string(node: &Node) -> String {
    match &node.kind {
        NodeKind::Scalar {
            value, resolved, ..
        } => match *resolved {
            Resolved::Null => String::new(),
            Resolved::Bool(b) => b.to_string(),
            Resolved::Num(f) => js_number(f),
            Resolved::Str => value.clone(),
        },
        // `Array.join` writes a cycle back to the array being joined as "".
        NodeKind::Seq { items, .. } => items
            .iter()
            .map(|n| match n.kind {
                NodeKind::Alias { of_seq: true, .. } => String::new(),
                _ => js_string(n),
            })
            .collect::<Vec<_>>()
            .join(","),
        NodeKind::Map { .. } | NodeKind::Alias { .. } => "[object Object]".into(),
    }
}

/// JavaScript's `Number.prototype.toString()`.
pub fn js_number(f: f64) -> String {
    if f.is_nan() {
        return "NaN".into();
    }
    if f.is_infinite() {
        return if f > 0.0 { "Infinity" } else { "-Infinity" }.into();
    }
    if f == 0.0 {
        return "0".into();
    }
    // Rust's `{:e}` gives the shortest round-trip digits, as JS does.
    let sci = format!("{:e}", f.abs());
    let (mantissa, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let n = exp.parse::<i32>().unwrap_or(0) + 1;
    let k = digits.len() as i32;
    let sign = if f < 0.0 { "-" } else { "" };
    let body = if k <= n && n <= 21 {
        format!("{digits}{}", "0".repeat((n - k) as usize))
    } else if 0 < n && n <= 21 {
        format!("{}.{}", &digits[..n as usize], &digits[n as usize..])
    } else if -6 < n && n <= 0 {
        format!("0.{}{digits}", "0".repeat((-n) as usize))
    } else {
        let rest = if k > 1 {
            format!(".{}", &digits[1..])
        } else {
            String::new()
        };
        let e = n - 1;
        format!(
            "{}{rest}e{}{}",
            &digits[..1],
            if e < 0 { "-" } else { "+" },
            e.abs()
        )
    };
    format!("{sign}{body}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_print_as_in_javascript() {
        assert_eq!(js_number(2.5), "2.5");
        assert_eq!(js_number(1e21), "1e+21");
        assert_eq!(js_number(1e20), "100000000000000000000");
        assert_eq!(js_number(0.000001), "0.000001");
        assert_eq!(js_number(1e-7), "1e-7");
        assert_eq!(js_number(-1.5e-9), "-1.5e-9");
        assert_eq!(js_number(123.0), "123");
    }
}
