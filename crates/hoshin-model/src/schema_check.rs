//! Checks a JSON value against the JSON Schema that schemars derives from the model types
//! (the subset it emits: type, properties, required, items, enum/const, oneOf/anyOf, $ref,
//! additionalProperties, minimum/maximum, integer formats). Collects every problem with
//! its path, in Japanese, instead of stopping at the first.

use serde_json::{Map, Value};

use crate::validate::{push_key, Problem};

pub struct Checker<'a> {
    root: &'a Value,
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "真偽値",
        Value::Number(n) if n.is_i64() || n.is_u64() => "整数",
        Value::Number(_) => "数値",
        Value::String(_) => "文字列",
        Value::Array(_) => "配列",
        Value::Object(_) => "オブジェクト",
    }
}

fn schema_type_label(t: &str) -> &'static str {
    match t {
        "null" => "null",
        "boolean" => "真偽値（true / false）",
        "integer" => "整数",
        "number" => "数値",
        "string" => "文字列",
        "array" => "配列",
        "object" => "オブジェクト",
        _ => "不明な型",
    }
}

fn matches_type(v: &Value, t: &str) -> bool {
    match t {
        "null" => v.is_null(),
        "boolean" => v.is_boolean(),
        "integer" => {
            v.as_i64().is_some()
                || v.as_u64().is_some()
                || v.as_f64().is_some_and(|f| f.fract() == 0.0)
        }
        "number" => v.is_number(),
        "string" => v.is_string(),
        "array" => v.is_array(),
        "object" => v.is_object(),
        _ => true,
    }
}

impl<'a> Checker<'a> {
    pub fn new(root: &'a Value) -> Self {
        Checker { root }
    }

    fn resolve(&self, schema: &'a Value) -> &'a Value {
        let mut s = schema;
        for _ in 0..32 {
            match s.get("$ref").and_then(Value::as_str) {
                Some(r) => {
                    let ptr = r.trim_start_matches('#');
                    match self.root.pointer(ptr) {
                        Some(t) => s = t,
                        None => return s,
                    }
                }
                None => return s,
            }
        }
        s
    }

    /// True when `v` satisfies `schema` (no messages).
    fn accepts(&self, schema: &'a Value, v: &Value) -> bool {
        let mut tmp = Vec::new();
        self.check(schema, v, &mut "$".to_string(), &mut tmp);
        tmp.is_empty()
    }

    pub fn check(&self, schema: &'a Value, v: &Value, path: &mut String, out: &mut Vec<Problem>) {
        let schema = self.resolve(schema);
        let Some(s) = schema.as_object() else { return };

        for key in ["oneOf", "anyOf"] {
            if let Some(alts) = s.get(key).and_then(Value::as_array) {
                if alts.iter().any(|a| self.accepts(a, v)) {
                    break;
                }
                // For an enum written as oneOf of consts, list the allowed values.
                let consts: Vec<String> = alts
                    .iter()
                    .filter_map(|a| self.resolve(a).get("const").map(|c| c.to_string()))
                    .collect();
                if consts.len() == alts.len() {
                    out.push(Problem::new(
                        path.clone(),
                        format!("{} は使えない値です。使える値: {}", v, consts.join(", ")),
                    ));
                } else if alts.len() == 2
                    && alts.iter().any(|a| {
                        self.resolve(a).get("type").and_then(Value::as_str) == Some("null")
                    })
                {
                    // Option<T>: report against the non-null alternative.
                    let inner = alts
                        .iter()
                        .find(|a| {
                            self.resolve(a).get("type").and_then(Value::as_str) != Some("null")
                        })
                        .unwrap();
                    self.check(inner, v, path, out);
                } else {
                    out.push(Problem::new(path.clone(), "値の形が正しくありません"));
                }
                return;
            }
        }

        if let Some(t) = s.get("type") {
            let types: Vec<&str> = match t {
                Value::String(x) => vec![x.as_str()],
                Value::Array(a) => a.iter().filter_map(Value::as_str).collect(),
                _ => vec![],
            };
            if !types.is_empty() && !types.iter().any(|t| matches_type(v, t)) {
                let want: Vec<&str> = types
                    .iter()
                    .filter(|t| **t != "null")
                    .map(|t| schema_type_label(t))
                    .collect();
                let msg = if v.is_null() {
                    format!(
                        "値がありません（null）。{}を入れてください",
                        want.join("または")
                    )
                } else {
                    format!(
                        "{}であるべきところに{}があります",
                        want.join("または"),
                        type_name(v)
                    )
                };
                out.push(Problem::new(path.clone(), msg));
                return;
            }
        }
        if let Some(Value::Array(allowed)) = s.get("enum") {
            if !allowed.contains(v) {
                let list: Vec<String> = allowed.iter().map(|a| a.to_string()).collect();
                out.push(Problem::new(
                    path.clone(),
                    format!("{} は使えない値です。使える値: {}", v, list.join(", ")),
                ));
            }
        }
        if let Some(c) = s.get("const") {
            if c != v {
                out.push(Problem::new(
                    path.clone(),
                    format!("値は {c} でなければなりません"),
                ));
            }
        }
        if let Some(n) = v.as_f64() {
            let (min, max) = match s.get("format").and_then(Value::as_str) {
                Some("int32") => (Some(i32::MIN as f64), Some(i32::MAX as f64)),
                Some("uint32") => (Some(0.0), Some(u32::MAX as f64)),
                Some("uint") | Some("uint64") => (Some(0.0), None),
                _ => (None, None),
            };
            let min = s.get("minimum").and_then(Value::as_f64).or(min);
            let max = s.get("maximum").and_then(Value::as_f64).or(max);
            if min.is_some_and(|m| n < m) || max.is_some_and(|m| n > m) {
                out.push(Problem::new(path.clone(), format!("{n} は範囲外の数です")));
            }
        }
        if let (Some(items), Value::Array(a)) = (s.get("items"), v) {
            for (i, x) in a.iter().enumerate() {
                let len = path.len();
                path.push_str(&format!("[{i}]"));
                self.check(items, x, path, out);
                path.truncate(len);
            }
        }
        if let Value::Object(obj) = v {
            self.check_object(s, obj, path, out);
        }
    }

    fn check_object(
        &self,
        s: &'a Map<String, Value>,
        obj: &Map<String, Value>,
        path: &mut String,
        out: &mut Vec<Problem>,
    ) {
        if let Some(Value::Array(req)) = s.get("required") {
            for r in req.iter().filter_map(Value::as_str) {
                if !obj.contains_key(r) {
                    out.push(Problem::new(
                        path.clone(),
                        format!("必須の項目「{r}」がありません"),
                    ));
                }
            }
        }
        let props = s.get("properties").and_then(Value::as_object);
        for (k, x) in obj {
            let len = path.len();
            push_key(path, k);
            match props.and_then(|p| p.get(k)) {
                Some(ps) => self.check(ps, x, path, out),
                None => match s.get("additionalProperties") {
                    Some(Value::Bool(false)) => out.push(Problem::new(
                        path.clone(),
                        format!("「{k}」という項目はこの形式にありません"),
                    )),
                    Some(ap @ Value::Object(_)) => self.check(ap, x, path, out),
                    _ => {}
                },
            }
            path.truncate(len);
        }
    }
}
