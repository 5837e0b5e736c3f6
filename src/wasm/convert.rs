//! JavaScript values to Rust inputs (refusing wrong types with the field's name) and Rust
//! results to JavaScript values.

use js_sys::{Array, Function, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

use crate::request::{
    integer_from_f64, DescribeNetworkInterfacesRequest, EniStatus, EniType, TagFilter,
};
use crate::{Credentials, Error};

use super::bindings;

/// How a value is described in messages: "got a number".
pub fn type_name(v: &JsValue) -> &'static str {
    if v.is_undefined() {
        "undefined"
    } else if v.is_null() {
        "null"
    } else if v.is_string() {
        "a string"
    } else if v.as_bool().is_some() {
        "a boolean"
    } else if let Some(n) = v.as_f64() {
        if n.is_nan() {
            "NaN"
        } else {
            "a number"
        }
    } else if v.is_bigint() {
        "a bigint"
    } else if v.is_symbol() {
        "a symbol"
    } else if v.is_function() {
        "a function"
    } else if Array::is_array(v) {
        "an array"
    } else {
        "an object"
    }
}

fn wrong_type(field: &str, expected: &str, got: &JsValue) -> Error {
    Error::validation(
        field,
        crate::msg!(field, " must be ", expected, ", got ", type_name(got)),
    )
}

/// The message of a thrown JavaScript value, for error texts.
pub fn js_message(v: &JsValue) -> String {
    if let Some(s) = v.as_string() {
        return s;
    }
    if v.is_object() {
        if let Some(m) = Reflect::get(v, &JsValue::from_str("message"))
            .ok()
            .and_then(|m| m.as_string())
        {
            return m;
        }
    }
    type_name(v).to_owned()
}

/// A JavaScript object whose own keys are checked against a list of known names.
pub struct Fields {
    object: Object,
    prefix: String,
}

impl Fields {
    /// Reads `value` as an object named `field`. `undefined` is `None`; anything but a plain
    /// object (null, arrays, functions, scalars) is refused.
    pub fn read(value: &JsValue, field: &str, known: &[&str]) -> Result<Option<Fields>, Error> {
        if value.is_undefined() {
            return Ok(None);
        }
        if !value.is_object() || Array::is_array(value) || value.is_function() {
            return Err(wrong_type(field, "an object", value));
        }
        let object: Object = value.clone().unchecked_into();
        let prefix = if field == "request" || field == "options" {
            String::new()
        } else {
            crate::msg!(field, ".")
        };
        let fields = Fields { object, prefix };
        if !known.is_empty() {
            fields.refuse_unknown(field, known)?;
        }
        Ok(Some(fields))
    }

    fn refuse_unknown(&self, field: &str, known: &[&str]) -> Result<(), Error> {
        for key in Object::keys(&self.object).iter() {
            let Some(key) = key.as_string() else { continue };
            if known.contains(&key.as_str()) {
                continue;
            }
            let hint = known
                .iter()
                .find(|k| k.eq_ignore_ascii_case(&key))
                .map(|k| crate::msg!(" (did you mean ", k, "?)"))
                .unwrap_or_default();
            let name = crate::msg!(self.prefix, key);
            return Err(Error::validation(
                &name,
                crate::msg!(name, " is not a field of ", field, hint),
            ));
        }
        Ok(())
    }

    fn name(&self, key: &str) -> String {
        crate::msg!(self.prefix, key)
    }

    /// The raw value of `key` (`undefined` when absent).
    pub fn get(&self, key: &str) -> Result<JsValue, Error> {
        Reflect::get(&self.object, &JsValue::from_str(key)).map_err(|e| {
            let name = self.name(key);
            Error::validation(
                &name,
                crate::msg!(name, " could not be read: ", js_message(&e)),
            )
        })
    }

    /// An optional string.
    pub fn string(&self, key: &str) -> Result<Option<String>, Error> {
        let v = self.get(key)?;
        if v.is_undefined() {
            return Ok(None);
        }
        v.as_string()
            .map(Some)
            .ok_or_else(|| wrong_type(&self.name(key), "a string", &v))
    }

    /// A required string.
    pub fn required_string(&self, key: &str) -> Result<String, Error> {
        let v = self.get(key)?;
        v.as_string()
            .ok_or_else(|| wrong_type(&self.name(key), "a string", &v))
    }

    /// An optional boolean.
    pub fn boolean(&self, key: &str) -> Result<Option<bool>, Error> {
        let v = self.get(key)?;
        if v.is_undefined() {
            return Ok(None);
        }
        v.as_bool()
            .map(Some)
            .ok_or_else(|| wrong_type(&self.name(key), "a boolean", &v))
    }

    /// An optional integer (a JavaScript number without a fraction).
    pub fn integer(&self, key: &str) -> Result<Option<i64>, Error> {
        let v = self.get(key)?;
        if v.is_undefined() {
            return Ok(None);
        }
        let name = self.name(key);
        let n = v
            .as_f64()
            .ok_or_else(|| wrong_type(&name, "a number", &v))?;
        integer_from_f64(&name, n).map(Some)
    }

    /// An optional array of strings.
    pub fn strings(&self, key: &str) -> Result<Option<Vec<String>>, Error> {
        let v = self.get(key)?;
        if v.is_undefined() {
            return Ok(None);
        }
        let name = self.name(key);
        if !Array::is_array(&v) {
            return Err(wrong_type(&name, "an array of strings", &v));
        }
        let array: Array = v.unchecked_into();
        let mut out = Vec::with_capacity(array.length().min(1000) as usize);
        for (i, item) in array.iter().enumerate() {
            match item.as_string() {
                Some(s) => out.push(s),
                None => {
                    return Err(wrong_type(
                        &crate::msg!(name, "[", i, "]"),
                        "a string",
                        &item,
                    ))
                }
            }
        }
        Ok(Some(out))
    }

    /// An optional function.
    pub fn function(&self, key: &str) -> Result<Option<Function>, Error> {
        let v = self.get(key)?;
        if v.is_undefined() {
            return Ok(None);
        }
        if v.is_function() {
            Ok(Some(v.unchecked_into()))
        } else {
            Err(wrong_type(&self.name(key), "a function", &v))
        }
    }

    /// An optional AbortSignal.
    pub fn signal(&self, key: &str) -> Result<JsValue, Error> {
        let v = self.get(key)?;
        if v.is_undefined() || bindings::is_abort_signal(&v) {
            Ok(v)
        } else {
            Err(wrong_type(&self.name(key), "an AbortSignal", &v))
        }
    }
}

const REQUEST_FIELDS: [&str; 18] = [
    "vSwitchId",
    "vpcId",
    "primaryIpAddress",
    "privateIpAddresses",
    "ipv6Addresses",
    "securityGroupId",
    "networkInterfaceName",
    "type",
    "instanceId",
    "networkInterfaceIds",
    "serviceManaged",
    "status",
    "tags",
    "resourceGroupId",
    "pageNumber",
    "pageSize",
    "nextToken",
    "maxResults",
];

/// A `DescribeNetworkInterfacesRequest` from JavaScript (`undefined` is the empty request).
pub fn describe_request(value: &JsValue) -> Result<DescribeNetworkInterfacesRequest, Error> {
    let Some(f) = Fields::read(value, "request", &REQUEST_FIELDS)? else {
        return Ok(DescribeNetworkInterfacesRequest::default());
    };
    let request = DescribeNetworkInterfacesRequest {
        v_switch_id: f.string("vSwitchId")?,
        vpc_id: f.string("vpcId")?,
        primary_ip_address: f.string("primaryIpAddress")?,
        private_ip_addresses: f.strings("privateIpAddresses")?,
        ipv6_addresses: f.strings("ipv6Addresses")?,
        security_group_id: f.string("securityGroupId")?,
        network_interface_name: f.string("networkInterfaceName")?,
        eni_type: f
            .string("type")?
            .map(|t| EniType::parse("type", &t))
            .transpose()?,
        instance_id: f.string("instanceId")?,
        network_interface_ids: f.strings("networkInterfaceIds")?,
        service_managed: f.boolean("serviceManaged")?,
        status: f
            .string("status")?
            .map(|s| EniStatus::parse("status", &s))
            .transpose()?,
        tags: tags(&f.get("tags")?)?,
        resource_group_id: f.string("resourceGroupId")?,
        page_number: f.integer("pageNumber")?,
        page_size: f.integer("pageSize")?,
        next_token: f.string("nextToken")?,
        max_results: f.integer("maxResults")?,
    };
    request.validate()?;
    Ok(request)
}

fn tags(value: &JsValue) -> Result<Option<Vec<TagFilter>>, Error> {
    if value.is_undefined() {
        return Ok(None);
    }
    if !Array::is_array(value) {
        return Err(wrong_type("tags", "an array of { key, value? }", value));
    }
    let array: &Array = value.unchecked_ref();
    let mut out = Vec::with_capacity(array.length().min(100) as usize);
    for (i, item) in array.iter().enumerate() {
        let name = crate::msg!("tags[", i, "]");
        let Some(tag) = Fields::read(&item, &name, &["key", "value"])? else {
            return Err(wrong_type(&name, "an object { key, value? }", &item));
        };
        out.push(TagFilter {
            key: tag.required_string("key")?,
            value: tag.string("value")?,
        });
    }
    Ok(Some(out))
}

/// Credentials from an object `{ accessKeyId, accessKeySecret, securityToken? }` (other keys,
/// such as an expiration from an STS helper, are ignored).
pub fn credentials(value: &JsValue, field: &str) -> Result<Credentials, Error> {
    let Some(f) = Fields::read(value, field, &[])? else {
        return Err(wrong_type(
            field,
            "an object { accessKeyId, accessKeySecret, securityToken? } or a function",
            value,
        ));
    };
    let mut c = Credentials::new(
        f.required_string("accessKeyId")?,
        f.required_string("accessKeySecret")?,
    );
    let token = f.get("securityToken")?;
    if !token.is_undefined() && !token.is_null() {
        match token.as_string() {
            Some(t) => c = c.with_security_token(t),
            None => {
                return Err(wrong_type(
                    &crate::msg!(field, ".securityToken"),
                    "a string",
                    &token,
                ))
            }
        }
    }
    c.validate()?;
    Ok(c)
}

/// A result as the plain object of `API.md`, built in one step: the core wrote camelCase JSON
/// and `JSON.parse` builds the objects, which is faster than creating them field by field across
/// the boundary.
pub fn json_to_js(json: &str) -> Result<JsValue, JsValue> {
    js_sys::JSON::parse(json)
}

/// The `EcsError` for `e`.
pub fn error_to_js(e: Error) -> JsValue {
    bindings::create_error(
        &e.message,
        e.kind.as_str(),
        &e.code,
        e.http_status,
        e.request_id,
        e.host_id,
        e.recommend,
        e.field,
        e.retryable,
        e.attempts,
    )
}

impl Fields {
    /// Every own enumerable string-keyed entry, each value required to be a string.
    pub fn string_entries(&self) -> Result<Vec<(String, String)>, Error> {
        let keys = Object::keys(&self.object);
        let mut out = Vec::with_capacity(keys.length() as usize);
        for key in keys.iter() {
            let Some(key) = key.as_string() else { continue };
            let value = self.string(&key)?.ok_or_else(|| {
                let name = self.name(&key);
                Error::validation(&name, crate::msg!(name, " must be a string, got undefined"))
            })?;
            out.push((key, value));
        }
        Ok(out)
    }
}
