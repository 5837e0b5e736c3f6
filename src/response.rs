//! Decoding API answers into the shapes of `API.md`.
//!
//! The API's wrapper objects (`{"Tags": {"Tag": [...]}}`) become plain lists and a missing list
//! is empty; an empty `AssociatedPublicIp` (`{}`) or an empty `NextToken` is absent; `ServiceID`
//! (a 64-bit integer) is kept exact as a decimal string; `null` counts as absent; unknown fields
//! are ignored. Anything else that is not the API's shape is a decode error, never a panic.
//!
//! The same types serialize to the camelCase JSON that JavaScript receives.

use core::fmt;
use core::marker::PhantomData;

use serde::de::{
    self, DeserializeOwned, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor,
};
use serde::{Deserialize, Deserializer, Serialize};

use crate::Error;

/// One page of `DescribeNetworkInterfaces`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all(serialize = "camelCase", deserialize = "PascalCase"))]
pub struct DescribeNetworkInterfacesResponse {
    /// The API's request ID.
    pub request_id: String,
    /// Total matches in PageNumber mode; absent or meaningless in NextToken mode.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_count: Option<u64>,
    /// The page number of this page (PageNumber mode).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page_number: Option<u64>,
    /// The page size (PageNumber mode).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page_size: Option<u64>,
    /// The token of the next page; absent on the last page.
    #[serde(
        default,
        deserialize_with = "non_empty_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub next_token: Option<String>,
    /// The ENIs of this page.
    #[serde(
        default,
        rename(deserialize = "NetworkInterfaceSets"),
        deserialize_with = "wrapped::<_, _, NetworkInterfaceSetKey>"
    )]
    pub network_interfaces: Vec<NetworkInterface>,
}

/// One ENI.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all(serialize = "camelCase", deserialize = "PascalCase"))]
pub struct NetworkInterface {
    /// `eni-...`.
    pub network_interface_id: String,
    /// The ENI's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub network_interface_name: Option<String>,
    /// The ENI's description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// `Available`, `InUse`, ... (any string the API sends).
    pub status: String,
    /// `Primary` or `Secondary` (any string the API sends).
    #[serde(rename(deserialize = "Type"))]
    pub r#type: String,
    /// The VPC.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vpc_id: Option<String>,
    /// The vSwitch.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub v_switch_id: Option<String>,
    /// The zone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zone_id: Option<String>,
    /// The instance the ENI is attached to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instance_id: Option<String>,
    /// The MAC address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mac_address: Option<String>,
    /// The primary private IP address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub private_ip_address: Option<String>,
    /// `yyyy-MM-ddTHH:mm:ssZ`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub creation_time: Option<String>,
    /// The owning account.
    #[serde(
        default,
        deserialize_with = "string_or_integer",
        skip_serializing_if = "Option::is_none"
    )]
    pub owner_id: Option<String>,
    /// The resource group.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource_group_id: Option<String>,
    /// The distributor's ID: the API's Long, kept exact as a decimal string.
    #[serde(
        default,
        rename(deserialize = "ServiceID"),
        alias = "ServiceId",
        deserialize_with = "string_or_integer",
        skip_serializing_if = "Option::is_none"
    )]
    pub service_id: Option<String>,
    /// Whether an Alibaba Cloud service manages the ENI.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_managed: Option<bool>,
    /// Number of queues.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub queue_number: Option<u32>,
    /// Number of queue pairs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub queue_pair_number: Option<u32>,
    /// The traffic mode (`Standard`, `HighPerformance`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub network_interface_traffic_mode: Option<String>,
    /// The EIP of the ENI; absent when the API sends `{}`.
    #[serde(
        default,
        deserialize_with = "public_ip",
        skip_serializing_if = "Option::is_none"
    )]
    pub associated_public_ip: Option<AssociatedPublicIp>,
    /// Attachment details; absent when the API sends `{}`.
    #[serde(
        default,
        deserialize_with = "attachment",
        skip_serializing_if = "Option::is_none"
    )]
    pub attachment: Option<Attachment>,
    /// Every private IP address.
    #[serde(default, deserialize_with = "wrapped::<_, _, PrivateIpSetKey>")]
    pub private_ip_sets: Vec<PrivateIpSet>,
    /// Every IPv6 address.
    #[serde(default, deserialize_with = "wrapped::<_, _, Ipv6SetKey>")]
    pub ipv6_sets: Vec<Ipv6Set>,
    /// Security group IDs.
    #[serde(default, deserialize_with = "wrapped::<_, _, SecurityGroupIdKey>")]
    pub security_group_ids: Vec<String>,
    /// Tags.
    #[serde(default, deserialize_with = "wrapped::<_, _, TagKey>")]
    pub tags: Vec<Tag>,
}

/// An EIP.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all(serialize = "camelCase", deserialize = "PascalCase"))]
pub struct AssociatedPublicIp {
    /// The public address.
    #[serde(default)]
    pub public_ip_address: String,
    /// The EIP's ID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allocation_id: Option<String>,
}

/// Attachment details (invitational preview in the API).
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all(serialize = "camelCase", deserialize = "PascalCase"))]
pub struct Attachment {
    /// Device index on the instance.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device_index: Option<u32>,
    /// The instance.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instance_id: Option<String>,
    /// The trunk ENI.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trunk_network_interface_id: Option<String>,
}

/// A private IP address of an ENI.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all(serialize = "camelCase", deserialize = "PascalCase"))]
pub struct PrivateIpSet {
    /// The address.
    #[serde(default)]
    pub private_ip_address: String,
    /// Whether it is the primary address.
    #[serde(default, deserialize_with = "bool_or_null")]
    pub primary: bool,
    /// Its EIP; absent when the API sends `{}`.
    #[serde(
        default,
        deserialize_with = "public_ip",
        skip_serializing_if = "Option::is_none"
    )]
    pub associated_public_ip: Option<AssociatedPublicIp>,
}

/// An IPv6 address of an ENI.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all(serialize = "camelCase", deserialize = "PascalCase"))]
pub struct Ipv6Set {
    /// The address.
    #[serde(default)]
    pub ipv6_address: String,
}

/// A tag of an ENI.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize, Serialize)]
pub struct Tag {
    /// The key.
    #[serde(rename(deserialize = "TagKey"), alias = "Key", default)]
    pub key: String,
    /// The value.
    #[serde(
        rename(deserialize = "TagValue"),
        alias = "Value",
        default,
        deserialize_with = "string_or_null"
    )]
    pub value: String,
}

/// The answer of `DeleteNetworkInterface`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all(serialize = "camelCase", deserialize = "PascalCase"))]
pub struct DeleteNetworkInterfaceResponse {
    /// The API's request ID.
    pub request_id: String,
}

/// An API error answer: `{RequestId, HostId, Code, Message, Recommend}`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ApiErrorBody {
    /// The request ID.
    #[serde(default, deserialize_with = "non_empty_string")]
    pub request_id: Option<String>,
    /// The host that answered.
    #[serde(default, deserialize_with = "non_empty_string")]
    pub host_id: Option<String>,
    /// The error code (`InvalidEniId.NotFound`, `Throttling.User`, ...).
    pub code: String,
    /// The message.
    #[serde(default, deserialize_with = "string_or_null")]
    pub message: String,
    /// A troubleshooting link.
    #[serde(default, deserialize_with = "non_empty_string")]
    pub recommend: Option<String>,
}

// ---- deserialization helpers ------------------------------------------------------------------

/// Names the member of a wrapper object that holds the list.
pub trait WrapperKey {
    /// `"Tag"` in `{"Tag": [...]}`.
    const NAME: &'static str;
}

macro_rules! wrapper_keys {
    ($($ty:ident = $name:literal),* $(,)?) => {$(
        #[doc = concat!("The `", $name, "` wrapper member.")]
        pub struct $ty;
        impl WrapperKey for $ty {
            const NAME: &'static str = $name;
        }
    )*};
}

wrapper_keys!(
    NetworkInterfaceSetKey = "NetworkInterfaceSet",
    PrivateIpSetKey = "PrivateIpSet",
    Ipv6SetKey = "Ipv6Set",
    SecurityGroupIdKey = "SecurityGroupId",
    TagKey = "Tag",
);

/// `{"Key": [..]}`, `[..]` or `null` to a list. Other members of the wrapper are ignored.
fn wrapped<'de, D, T, K>(deserializer: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
    K: WrapperKey,
{
    struct V<T, K>(PhantomData<(T, K)>);
    impl<'de, T: Deserialize<'de>, K: WrapperKey> Visitor<'de> for V<T, K> {
        type Value = Vec<T>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "an object with a {} list", K::NAME)
        }
        fn visit_unit<E: de::Error>(self) -> Result<Vec<T>, E> {
            Ok(Vec::new())
        }
        fn visit_none<E: de::Error>(self) -> Result<Vec<T>, E> {
            Ok(Vec::new())
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
            let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
            while let Some(item) = seq.next_element()? {
                out.push(item);
            }
            Ok(out)
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Vec<T>, A::Error> {
            let mut out = None;
            while let Some(is_list) = map.next_key_seed(KeySeed(K::NAME))? {
                if out.is_none() && is_list {
                    out = Some(map.next_value::<ListOrNull<T>>()?.0);
                } else {
                    map.next_value::<IgnoredAny>()?;
                }
            }
            Ok(out.unwrap_or_default())
        }
    }

    /// Deserializes a map key into "is it `K::NAME`?", without allocating.
    struct KeySeed(&'static str);
    impl<'de> DeserializeSeed<'de> for KeySeed {
        type Value = bool;
        fn deserialize<D2: Deserializer<'de>>(self, d: D2) -> Result<bool, D2::Error> {
            d.deserialize_str(self)
        }
    }
    impl<'de> Visitor<'de> for KeySeed {
        type Value = bool;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a key")
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<bool, E> {
            Ok(v == self.0)
        }
    }

    struct ListOrNull<T>(Vec<T>);
    impl<'de, T: Deserialize<'de>> Deserialize<'de> for ListOrNull<T> {
        fn deserialize<D2: Deserializer<'de>>(d: D2) -> Result<Self, D2::Error> {
            Ok(ListOrNull(
                Option::<Vec<T>>::deserialize(d)?.unwrap_or_default(),
            ))
        }
    }

    deserializer.deserialize_any(V::<T, K>(PhantomData))
}

/// A string, or `None` for null or `""`.
fn non_empty_string<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(Option::<String>::deserialize(d)?.filter(|s| !s.is_empty()))
}

/// A string, or `""` for null.
fn string_or_null<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(Option::<String>::deserialize(d)?.unwrap_or_default())
}

/// A boolean, or `false` for null.
fn bool_or_null<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    Ok(Option::<bool>::deserialize(d)?.unwrap_or_default())
}

/// An integer (exact, up to 64 bits) or a string, as a decimal string; null or `""` is `None`.
fn string_or_integer<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    struct V;
    impl<'de> Visitor<'de> for V {
        type Value = Option<String>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an integer or a string")
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
            Ok(Some(v.to_string()))
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
            Ok(Some(v.to_string()))
        }
        fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
            // Beyond 64 bits a JSON integer cannot be kept exact; refuse rather than round.
            Err(E::invalid_value(de::Unexpected::Float(v), &self))
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
            Ok(if v.is_empty() {
                None
            } else {
                Some(v.to_owned())
            })
        }
    }
    d.deserialize_any(V)
}

/// `{}`, null or an object without a public address is `None`.
fn public_ip<'de, D: Deserializer<'de>>(d: D) -> Result<Option<AssociatedPublicIp>, D::Error> {
    Ok(Option::<AssociatedPublicIp>::deserialize(d)?.filter(|ip| !ip.public_ip_address.is_empty()))
}

/// `{}` or null is `None`.
fn attachment<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Attachment>, D::Error> {
    Ok(Option::<Attachment>::deserialize(d)?.filter(|a| *a != Attachment::default()))
}

// ---- decoding entry points --------------------------------------------------------------------

/// At most this many characters of a bad body are quoted in an error message.
const EXCERPT_CHARS: usize = 120;

/// A short, printable excerpt of a body for error messages.
pub fn body_excerpt(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body.get(..512).unwrap_or(body));
    let mut out = String::with_capacity(EXCERPT_CHARS + 3);
    let mut last_space = false;
    for c in text.chars() {
        let c = if c.is_control() || c.is_whitespace() {
            ' '
        } else {
            c
        };
        if c == ' ' && last_space {
            continue;
        }
        last_space = c == ' ';
        if out.chars().count() >= EXCERPT_CHARS {
            out.push('…');
            break;
        }
        out.push(c);
    }
    out.trim().to_owned()
}

fn decode_error(status: u16, body: &[u8], err: &serde_json::Error) -> Error {
    use serde_json::error::Category;
    let what = match err.classify() {
        Category::Eof if body.iter().all(u8::is_ascii_whitespace) => "the response body is empty",
        Category::Eof => "the response body is truncated JSON",
        Category::Syntax => "the response body is not JSON",
        Category::Data | Category::Io => "the response does not have the API's shape",
    };
    let mut message = format!("{what} (HTTP {status})");
    if matches!(err.classify(), Category::Data) {
        message.push_str(": ");
        message.push_str(&err.to_string());
    }
    let excerpt = body_excerpt(body);
    if !excerpt.is_empty() {
        message.push_str("; body starts with: ");
        message.push_str(&excerpt);
    }
    let mut e = Error::decode(status, message);
    // A cut-off or empty body is a transport accident worth another try; a well-formed body of
    // the wrong shape will not get better. 5xx answers are retryable whatever their body.
    e.retryable = matches!(err.classify(), Category::Eof) || status >= 500;
    e
}

/// Decodes a successful (2xx) body.
pub fn decode_success<T: DeserializeOwned>(status: u16, body: &[u8]) -> Result<T, Error> {
    serde_json::from_slice(body).map_err(|e| decode_error(status, body, &e))
}

/// Decodes a `DescribeNetworkInterfaces` page.
pub fn decode_describe(
    status: u16,
    body: &[u8],
) -> Result<DescribeNetworkInterfacesResponse, Error> {
    decode_success(status, body)
}

/// Decodes a `DeleteNetworkInterface` answer.
pub fn decode_delete(status: u16, body: &[u8]) -> Result<DeleteNetworkInterfaceResponse, Error> {
    decode_success(status, body)
}

/// Decodes an error answer (non-2xx) into an API error, or a decode error when the body is not
/// the API's error shape (an HTML page from a proxy, say).
pub fn decode_api_error(status: u16, body: &[u8]) -> Error {
    match serde_json::from_slice::<ApiErrorBody>(body) {
        Ok(b) if !b.code.is_empty() => Error::api(status, b),
        Ok(_) => {
            let mut e = Error::decode(
                status,
                format!(
                    "the error response has no Code (HTTP {status}); body starts with: {}",
                    body_excerpt(body)
                ),
            );
            e.retryable = status >= 500;
            e
        }
        Err(err) => decode_error(status, body, &err),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC_EXAMPLE: &str = r#"{
        "TotalCount": 1,
        "RequestId": "5C0E2B68-EDB0-421D-B146-E58A04808242",
        "PageSize": 10,
        "NextToken": "AAAAAdDWBF2w6Olxc+cMPjUtUMpaCa3hjTbxWpikFyOaihc****/JSvFWO/sGLK3bh****",
        "PageNumber": 1,
        "NetworkInterfaceSets": {
            "NetworkInterfaceSet": [{
                "Status": "InUse",
                "PrivateIpAddress": "192.168.**.**",
                "ZoneId": "cn-shenzhen-c",
                "ResourceGroupId": "rg-aek2boynwys****",
                "InstanceId": "i-wz91t9p4j9xsw2pn****",
                "VSwitchId": "vsw-wz9vqfgwgkj94ubb1****",
                "NetworkInterfaceId": "eni-wz9iib303as7e5c3****",
                "MacAddress": "00:16:3e:**:**:c2",
                "SecurityGroupIds": {"SecurityGroupId": ["sg-wz9iib303as7e5c7****"]},
                "Type": "Primary",
                "Ipv6Sets": {"Ipv6Set": [{"Ipv6Address": "2408:4321:180:1701:94c7:bc38:3bfa:***"}]},
                "VpcId": "vpc-wz9wh0fywtu5szszb****",
                "OwnerId": "140692647406****",
                "AssociatedPublicIp": {},
                "CreationTime": "2019-12-25T12:31:31Z",
                "Tags": {"Tag": [{"TagKey": "owner", "TagValue": "lisi"}]},
                "PrivateIpSets": {"PrivateIpSet": [{
                    "PrivateIpAddress": "192.168.**.**",
                    "AssociatedPublicIp": {},
                    "Primary": true
                }]}
            }]
        }
    }"#;

    #[test]
    fn decodes_the_doc_example() {
        let r = decode_describe(200, DOC_EXAMPLE.as_bytes()).unwrap();
        assert_eq!(r.request_id, "5C0E2B68-EDB0-421D-B146-E58A04808242");
        assert_eq!(
            (r.total_count, r.page_number, r.page_size),
            (Some(1), Some(1), Some(10))
        );
        assert!(r
            .next_token
            .as_deref()
            .unwrap()
            .starts_with("AAAAAdDWBF2w6Olxc+"));
        let eni = &r.network_interfaces[0];
        assert_eq!(eni.network_interface_id, "eni-wz9iib303as7e5c3****");
        assert_eq!(eni.status, "InUse");
        assert_eq!(eni.r#type, "Primary");
        assert_eq!(eni.security_group_ids, ["sg-wz9iib303as7e5c7****"]);
        assert_eq!(
            eni.tags,
            [Tag {
                key: "owner".into(),
                value: "lisi".into()
            }]
        );
        assert_eq!(
            eni.ipv6_sets[0].ipv6_address,
            "2408:4321:180:1701:94c7:bc38:3bfa:***"
        );
        assert_eq!(eni.associated_public_ip, None);
        assert_eq!(eni.private_ip_sets.len(), 1);
        assert!(eni.private_ip_sets[0].primary);
        assert_eq!(eni.private_ip_sets[0].associated_public_ip, None);
        assert_eq!(eni.owner_id.as_deref(), Some("140692647406****"));
    }

    #[test]
    fn serializes_the_api_md_shape() {
        let r = decode_describe(200, DOC_EXAMPLE.as_bytes()).unwrap();
        let v: serde_json::Value = serde_json::to_value(&r).unwrap();
        let eni = &v["networkInterfaces"][0];
        assert_eq!(eni["networkInterfaceId"], "eni-wz9iib303as7e5c3****");
        assert_eq!(eni["vSwitchId"], "vsw-wz9vqfgwgkj94ubb1****");
        assert_eq!(eni["type"], "Primary");
        assert_eq!(eni["tags"][0]["key"], "owner");
        assert_eq!(eni["tags"][0]["value"], "lisi");
        assert_eq!(eni["privateIpSets"][0]["primary"], true);
        assert_eq!(
            eni["ipv6Sets"][0]["ipv6Address"],
            "2408:4321:180:1701:94c7:bc38:3bfa:***"
        );
        assert!(eni.get("associatedPublicIp").is_none());
        assert!(eni.get("attachment").is_none());
        assert!(eni.get("description").is_none());
        assert_eq!(v["requestId"], "5C0E2B68-EDB0-421D-B146-E58A04808242");
        assert_eq!(v["totalCount"], 1);
    }

    #[test]
    fn empty_wrappers_missing_lists_and_nulls() {
        let body =
            br#"{"RequestId":"r","NextToken":"","NetworkInterfaceSets":{"NetworkInterfaceSet":[
            {"NetworkInterfaceId":"eni-1","Status":"Available","Type":"Secondary",
             "Tags":{"Tag":[]},"SecurityGroupIds":{},"Ipv6Sets":null,"Description":null,
             "Attachment":{"DeviceIndex":null,"InstanceId":null},"Unknown":{"Deep":[1,2]},
             "AssociatedPublicIp":{"PublicIpAddress":"","AllocationId":""}}]}}"#;
        let r = decode_describe(200, body).unwrap();
        assert_eq!(r.next_token, None);
        let eni = &r.network_interfaces[0];
        assert!(eni.tags.is_empty() && eni.security_group_ids.is_empty());
        assert!(eni.ipv6_sets.is_empty() && eni.private_ip_sets.is_empty());
        assert_eq!(eni.description, None);
        assert_eq!(eni.attachment, None);
        assert_eq!(eni.associated_public_ip, None);
        let r = decode_describe(200, br#"{"RequestId":"r"}"#).unwrap();
        assert!(r.network_interfaces.is_empty());
    }

    #[test]
    fn service_id_stays_exact() {
        for (raw, want) in [
            ("9007199254740993", "9007199254740993"),
            ("18446744073709551615", "18446744073709551615"),
            ("-5", "-5"),
            ("\"12345678910\"", "12345678910"),
        ] {
            let body = format!(
                r#"{{"RequestId":"r","NetworkInterfaceSets":{{"NetworkInterfaceSet":[
                {{"NetworkInterfaceId":"e","Status":"s","Type":"t","ServiceID":{raw}}}]}}}}"#
            );
            let r = decode_describe(200, body.as_bytes()).unwrap();
            assert_eq!(r.network_interfaces[0].service_id.as_deref(), Some(want));
            let json = serde_json::to_string(&r).unwrap();
            assert!(
                json.contains(&format!("\"serviceId\":\"{want}\"")),
                "{json}"
            );
        }
        let body = br#"{"RequestId":"r","NetworkInterfaceSets":{"NetworkInterfaceSet":[
            {"NetworkInterfaceId":"e","Status":"s","Type":"t","ServiceID":1e30}]}}"#;
        assert_eq!(
            decode_describe(200, body).unwrap_err().kind,
            crate::ErrorKind::Decode
        );
    }

    #[test]
    fn public_ips_and_attachment() {
        let body = br#"{"RequestId":"r","NetworkInterfaceSets":{"NetworkInterfaceSet":[
            {"NetworkInterfaceId":"e","Status":"s","Type":"t",
             "AssociatedPublicIp":{"PublicIpAddress":"1.2.3.4","AllocationId":"eip-1"},
             "Attachment":{"DeviceIndex":1,"InstanceId":"i-1"},
             "PrivateIpSets":{"PrivateIpSet":[{"PrivateIpAddress":"10.0.0.1","Primary":false,
                "AssociatedPublicIp":{"PublicIpAddress":"5.6.7.8"}}]}}]}}"#;
        let r = decode_describe(200, body).unwrap();
        let eni = &r.network_interfaces[0];
        let ip = eni.associated_public_ip.as_ref().unwrap();
        assert_eq!(
            (ip.public_ip_address.as_str(), ip.allocation_id.as_deref()),
            ("1.2.3.4", Some("eip-1"))
        );
        assert_eq!(eni.attachment.as_ref().unwrap().device_index, Some(1));
        let pip = eni.private_ip_sets[0]
            .associated_public_ip
            .as_ref()
            .unwrap();
        assert_eq!(
            (pip.public_ip_address.as_str(), pip.allocation_id.as_deref()),
            ("5.6.7.8", None)
        );
    }

    #[test]
    fn bad_bodies_are_decode_errors() {
        use crate::ErrorKind::Decode;
        let cases: [(&[u8], bool); 7] = [
            (b"", true),
            (b"   ", true),
            (b"<html><body>502 Bad Gateway</body></html>", false),
            (br#"{"RequestId":"r","NetworkInterfaceSets":{"NetworkInterfaceSet":[{"Netw"#, true),
            (br#"{"RequestId":5}"#, false),
            (br#"{"NetworkInterfaceSets":{}}"#, false),
            (br#"{"RequestId":"r","NetworkInterfaceSets":{"NetworkInterfaceSet":[{"Status":"A","Type":"S"}]}}"#, false),
        ];
        for (body, retryable) in cases {
            let e = decode_describe(200, body).unwrap_err();
            assert_eq!(e.kind, Decode, "{}", String::from_utf8_lossy(body));
            assert_eq!(e.http_status, Some(200));
            assert_eq!(e.retryable, retryable, "{}", e.message);
        }
        let e = decode_describe(200, b"<html><body>502 Bad Gateway</body></html>").unwrap_err();
        assert!(e.message.contains("not JSON"), "{}", e.message);
        assert!(
            e.message.contains("<html><body>502 Bad Gateway"),
            "{}",
            e.message
        );
    }

    #[test]
    fn error_bodies() {
        let e = decode_api_error(
            403,
            br#"{"RequestId":"R-1","HostId":"ecs.aliyuncs.com","Code":"InvalidEniId.NotFound",
                "Message":"The specified ENI ID does not exist.","Recommend":"https://x/?q=1"}"#,
        );
        assert_eq!(e.kind, crate::ErrorKind::Api);
        assert_eq!(e.code, "InvalidEniId.NotFound");
        assert_eq!(e.http_status, Some(403));
        assert_eq!(e.request_id.as_deref(), Some("R-1"));
        assert_eq!(e.host_id.as_deref(), Some("ecs.aliyuncs.com"));
        assert_eq!(e.recommend.as_deref(), Some("https://x/?q=1"));
        assert_eq!(
            e.message,
            "InvalidEniId.NotFound: The specified ENI ID does not exist."
        );
        assert!(!e.retryable);

        let e = decode_api_error(
            502,
            b"<html><head><title>502 Bad Gateway</title></head></html>",
        );
        assert_eq!(e.kind, crate::ErrorKind::Decode);
        assert_eq!(e.http_status, Some(502));
        assert!(e.retryable);

        let e = decode_api_error(400, br#"{"Message":"no code"}"#);
        assert_eq!(e.kind, crate::ErrorKind::Decode);
        assert!(!e.retryable);
    }

    #[test]
    fn excerpt_is_short_and_printable() {
        let long = "x".repeat(10_000);
        let ex = body_excerpt(long.as_bytes());
        assert!(ex.chars().count() <= EXCERPT_CHARS + 1);
        assert_eq!(body_excerpt(b"a\n\n\tb\x00c\xff"), "a b c\u{fffd}");
    }
}
