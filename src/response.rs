//! Decoding API answers into the shapes of `API.md`.
//!
//! The API's wrapper objects (`{"Tags": {"Tag": [...]}}`) become plain lists and a missing list
//! is empty; an empty `AssociatedPublicIp` (`{}`) or an empty `NextToken` is absent; `ServiceID`
//! (a 64-bit integer) is kept exact as a decimal string; `null` counts as absent; unknown fields
//! are ignored. Anything else that is not the API's shape is a decode error, never a panic.
//!
//! One reader ([`read_page`]) walks the API's JSON; two outputs share it:
//! [`decode_describe`] builds Rust structs, and [`transcode_describe`] writes the camelCase JSON
//! of `API.md` directly (string values are copied raw, never unescaped and re-escaped), which the
//! wasm layer hands to `JSON.parse` in one step.

use crate::json::{parse_u64, write_string, JsonError, Kind, Reader, Seq, Str};
use crate::{msg, Error};

/// One page of `DescribeNetworkInterfaces`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DescribeNetworkInterfacesResponse {
    /// The API's request ID.
    pub request_id: String,
    /// Total matches in PageNumber mode; absent or meaningless in NextToken mode.
    pub total_count: Option<u64>,
    /// The page number of this page (PageNumber mode).
    pub page_number: Option<u64>,
    /// The page size (PageNumber mode).
    pub page_size: Option<u64>,
    /// The token of the next page; absent on the last page.
    pub next_token: Option<String>,
    /// The ENIs of this page.
    pub network_interfaces: Vec<NetworkInterface>,
}

/// One ENI.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NetworkInterface {
    /// `eni-...`.
    pub network_interface_id: String,
    /// The ENI's name.
    pub network_interface_name: Option<String>,
    /// The ENI's description.
    pub description: Option<String>,
    /// `Available`, `InUse`, ... (any string the API sends).
    pub status: String,
    /// `Primary` or `Secondary` (any string the API sends).
    pub r#type: String,
    /// The VPC.
    pub vpc_id: Option<String>,
    /// The vSwitch.
    pub v_switch_id: Option<String>,
    /// The zone.
    pub zone_id: Option<String>,
    /// The instance the ENI is attached to.
    pub instance_id: Option<String>,
    /// The MAC address.
    pub mac_address: Option<String>,
    /// The primary private IP address.
    pub private_ip_address: Option<String>,
    /// `yyyy-MM-ddTHH:mm:ssZ`.
    pub creation_time: Option<String>,
    /// The owning account.
    pub owner_id: Option<String>,
    /// The resource group.
    pub resource_group_id: Option<String>,
    /// The distributor's ID: the API's Long, kept exact as a decimal string.
    pub service_id: Option<String>,
    /// Whether an Alibaba Cloud service manages the ENI.
    pub service_managed: Option<bool>,
    /// Number of queues.
    pub queue_number: Option<u64>,
    /// Number of queue pairs.
    pub queue_pair_number: Option<u64>,
    /// The traffic mode (`Standard`, `HighPerformance`).
    pub network_interface_traffic_mode: Option<String>,
    /// The EIP of the ENI; absent when the API sends `{}`.
    pub associated_public_ip: Option<AssociatedPublicIp>,
    /// Attachment details; absent when the API sends `{}`.
    pub attachment: Option<Attachment>,
    /// Every private IP address.
    pub private_ip_sets: Vec<PrivateIpSet>,
    /// Every IPv6 address.
    pub ipv6_sets: Vec<Ipv6Set>,
    /// Security group IDs.
    pub security_group_ids: Vec<String>,
    /// Tags.
    pub tags: Vec<Tag>,
}

/// An EIP.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AssociatedPublicIp {
    /// The public address.
    pub public_ip_address: String,
    /// The EIP's ID.
    pub allocation_id: Option<String>,
}

/// Attachment details (invitational preview in the API).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Attachment {
    /// Device index on the instance.
    pub device_index: Option<u64>,
    /// The instance.
    pub instance_id: Option<String>,
    /// The trunk ENI.
    pub trunk_network_interface_id: Option<String>,
}

/// A private IP address of an ENI.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PrivateIpSet {
    /// The address.
    pub private_ip_address: String,
    /// Whether it is the primary address.
    pub primary: bool,
    /// Its EIP; absent when the API sends `{}`.
    pub associated_public_ip: Option<AssociatedPublicIp>,
}

/// An IPv6 address of an ENI.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Ipv6Set {
    /// The address.
    pub ipv6_address: String,
}

/// A tag of an ENI.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Tag {
    /// The key.
    pub key: String,
    /// The value.
    pub value: String,
}

/// The answer of `DeleteNetworkInterface`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DeleteNetworkInterfaceResponse {
    /// The API's request ID.
    pub request_id: String,
}

impl DeleteNetworkInterfaceResponse {
    /// `{"requestId":"..."}`, the JSON `API.md` gives JavaScript.
    pub fn to_json(&self) -> String {
        let mut out = String::with_capacity(self.request_id.len() + 16);
        out.push_str("{\"requestId\":");
        write_string(&mut out, &self.request_id);
        out.push('}');
        out
    }
}

/// An API error answer: `{RequestId, HostId, Code, Message, Recommend}`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ApiErrorBody {
    /// The request ID.
    pub request_id: Option<String>,
    /// The host that answered.
    pub host_id: Option<String>,
    /// The error code (`InvalidEniId.NotFound`, `Throttling.User`, ...).
    pub code: String,
    /// The message.
    pub message: String,
    /// A troubleshooting link.
    pub recommend: Option<String>,
}

/// What the paging cursor and the delete-wait need to know about a page.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PageSummary {
    /// The API's request ID.
    pub request_id: String,
    /// `TotalCount`.
    pub total_count: Option<u64>,
    /// `NextToken`, absent on the last page.
    pub next_token: Option<String>,
    /// How many ENIs the page holds.
    pub count: usize,
    /// ID and status of the first ENI of the page.
    pub first: Option<(String, String)>,
}

impl DescribeNetworkInterfacesResponse {
    /// The paging facts of this page.
    pub fn summary(&self) -> PageSummary {
        PageSummary {
            request_id: self.request_id.clone(),
            total_count: self.total_count,
            next_token: self.next_token.clone(),
            count: self.network_interfaces.len(),
            first: self
                .network_interfaces
                .first()
                .map(|e| (e.network_interface_id.clone(), e.status.clone())),
        }
    }
}

/// A page already in the JSON shape `API.md` gives JavaScript, with its paging facts.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PageJson {
    /// `{"requestId":...,"networkInterfaces":[...]}` in camelCase.
    pub json: String,
    /// Paging facts.
    pub summary: PageSummary,
}

/// A decoded page, whatever its representation.
pub trait Page: Sized {
    /// Decodes a successful (2xx) answer.
    fn decode(status: u16, body: &[u8]) -> Result<Self, Error>;
    /// The paging facts.
    fn summary(&self) -> PageSummary;
}

impl Page for DescribeNetworkInterfacesResponse {
    fn decode(status: u16, body: &[u8]) -> Result<Self, Error> {
        decode_describe(status, body)
    }
    fn summary(&self) -> PageSummary {
        DescribeNetworkInterfacesResponse::summary(self)
    }
}

impl Page for PageJson {
    fn decode(status: u16, body: &[u8]) -> Result<Self, Error> {
        transcode_describe(status, body)
    }
    fn summary(&self) -> PageSummary {
        self.summary.clone()
    }
}

// ---- the reader of the API's shape ------------------------------------------------------------

/// A shape error: `field` is not what the API sends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecodeError {
    /// Not JSON, or cut off.
    Json(JsonError),
    /// Valid JSON, but `field` was not `expected`.
    Field(&'static str, &'static str),
}

impl From<JsonError> for DecodeError {
    fn from(e: JsonError) -> Self {
        DecodeError::Json(e)
    }
}

type Result<T, E = DecodeError> = core::result::Result<T, E>;

/// Attaches the field name to a type error.
fn at(field: &'static str) -> impl Fn(JsonError) -> DecodeError {
    move |e| match e {
        JsonError::Type(expected) => DecodeError::Field(field, expected),
        other => DecodeError::Json(other),
    }
}

/// A string value, or absent for null.
fn opt_str<'a>(r: &mut Reader<'a>, field: &'static str) -> Result<Option<Str<'a>>> {
    if r.null()? {
        return Ok(None);
    }
    r.string().map(Some).map_err(at(field))
}

/// An unsigned integer's digits, or absent for null.
fn opt_uint<'a>(r: &mut Reader<'a>, field: &'static str) -> Result<Option<&'a str>> {
    if r.null()? {
        return Ok(None);
    }
    r.unsigned().map(Some).map_err(at(field))
}

/// A boolean, or absent for null.
fn opt_bool(r: &mut Reader<'_>, field: &'static str) -> Result<Option<bool>> {
    if r.null()? {
        return Ok(None);
    }
    r.boolean().map(Some).map_err(at(field))
}

/// Names `field` in a type error.
fn within<T>(field: &'static str, read: Result<T, JsonError>) -> Result<T> {
    read.map_err(|e| match e {
        JsonError::Type(expected) => DecodeError::Field(field, expected),
        other => DecodeError::Json(other),
    })
}

/// Starts reading the object `field`.
fn object(r: &mut Reader<'_>, field: &'static str) -> Result<Seq> {
    within(field, r.object())
}

/// The elements of a list the API wraps: `{"Key": [..]}`, or a bare `[..]`, or null.
struct List {
    /// The wrapper object, while its members are being read.
    wrapper: Option<Seq>,
    /// The list itself, while its elements are being read.
    list: Option<Seq>,
    key: &'static str,
    field: &'static str,
}

impl List {
    fn open(r: &mut Reader<'_>, field: &'static str, key: &'static str) -> Result<List> {
        let mut l = List {
            wrapper: None,
            list: None,
            key,
            field,
        };
        match r.peek()? {
            Kind::Null => drop(r.null()?),
            Kind::Array => l.list = Some(within(field, r.array())?),
            Kind::Object => l.wrapper = Some(object(r, field)?),
            _ => return Err(DecodeError::Field(field, "an object")),
        }
        Ok(l)
    }

    /// Whether another element follows; the reader is then at it.
    fn next(&mut self, r: &mut Reader<'_>) -> Result<bool> {
        loop {
            if let Some(list) = &mut self.list {
                if list.element(r)? {
                    return Ok(true);
                }
                self.list = None;
            }
            let Some(wrapper) = &mut self.wrapper else {
                return Ok(false);
            };
            match wrapper.key(r)? {
                None => self.wrapper = None,
                Some(k) if k.eq_str(self.key) && !r.null()? => {
                    self.list = Some(within(self.field, r.array())?)
                }
                Some(_) => r.skip()?,
            }
        }
    }
}

#[derive(Debug, Default, Clone, Copy)]
struct RawPublicIp<'a> {
    public_ip_address: Option<Str<'a>>,
    allocation_id: Option<Str<'a>>,
}

impl<'a> RawPublicIp<'a> {
    /// `{}`, null or an object without a public address is absent.
    fn read(r: &mut Reader<'a>, field: &'static str) -> Result<Option<Self>> {
        if r.null()? {
            return Ok(None);
        }
        let mut ip = RawPublicIp::default();
        let mut obj = object(r, field)?;
        while let Some(k) = obj.key(r)? {
            match k.raw() {
                "PublicIpAddress" => ip.public_ip_address = opt_str(r, "PublicIpAddress")?,
                "AllocationId" => ip.allocation_id = opt_str(r, "AllocationId")?,
                _ => r.skip()?,
            }
        }
        Ok(ip.public_ip_address.filter(|s| !s.is_empty()).map(|_| ip))
    }

    fn to_owned(self) -> AssociatedPublicIp {
        AssociatedPublicIp {
            public_ip_address: self
                .public_ip_address
                .map(|s| s.decode())
                .unwrap_or_default(),
            allocation_id: self.allocation_id.map(|s| s.decode()),
        }
    }
}

#[derive(Debug, Default, Clone, Copy)]
struct RawAttachment<'a> {
    device_index: Option<&'a str>,
    instance_id: Option<Str<'a>>,
    trunk_network_interface_id: Option<Str<'a>>,
}

impl<'a> RawAttachment<'a> {
    /// `{}` or null is absent.
    fn read(r: &mut Reader<'a>) -> Result<Option<Self>> {
        if r.null()? {
            return Ok(None);
        }
        let mut a = RawAttachment::default();
        let mut obj = object(r, "Attachment")?;
        while let Some(k) = obj.key(r)? {
            match k.raw() {
                "DeviceIndex" => a.device_index = opt_uint(r, "DeviceIndex")?,
                "InstanceId" => a.instance_id = opt_str(r, "Attachment.InstanceId")?,
                "TrunkNetworkInterfaceId" => {
                    a.trunk_network_interface_id = opt_str(r, "TrunkNetworkInterfaceId")?
                }
                _ => r.skip()?,
            }
        }
        let empty = a.device_index.is_none()
            && a.instance_id.is_none()
            && a.trunk_network_interface_id.is_none();
        Ok(if empty { None } else { Some(a) })
    }
}

#[derive(Debug, Clone, Copy)]
struct RawPrivateIp<'a> {
    private_ip_address: Option<Str<'a>>,
    primary: bool,
    associated_public_ip: Option<RawPublicIp<'a>>,
}

impl<'a> RawPrivateIp<'a> {
    fn read(r: &mut Reader<'a>) -> Result<Self> {
        let mut ip = RawPrivateIp {
            private_ip_address: None,
            primary: false,
            associated_public_ip: None,
        };
        let mut obj = object(r, "PrivateIpSet")?;
        while let Some(k) = obj.key(r)? {
            match k.raw() {
                "PrivateIpAddress" => {
                    ip.private_ip_address = opt_str(r, "PrivateIpSet.PrivateIpAddress")?
                }
                "Primary" => ip.primary = opt_bool(r, "Primary")?.unwrap_or(false),
                "AssociatedPublicIp" => {
                    ip.associated_public_ip =
                        RawPublicIp::read(r, "PrivateIpSet.AssociatedPublicIp")?
                }
                _ => r.skip()?,
            }
        }
        Ok(ip)
    }
}

/// How a scalar member of an ENI is read and written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ty {
    /// A string.
    Str,
    /// A string or a 64-bit integer, written as a decimal string (OwnerId, ServiceID).
    Id,
    /// A boolean.
    Bool,
    /// A non-negative integer.
    Uint,
}

/// The scalar members of an ENI: API name, `API.md` name, type. Output follows this order.
const SCALARS: [(&str, &str, Ty); 19] = [
    ("NetworkInterfaceId", ",\"networkInterfaceId\":", Ty::Str),
    (
        "NetworkInterfaceName",
        ",\"networkInterfaceName\":",
        Ty::Str,
    ),
    ("Description", ",\"description\":", Ty::Str),
    ("Status", ",\"status\":", Ty::Str),
    ("Type", ",\"type\":", Ty::Str),
    ("VpcId", ",\"vpcId\":", Ty::Str),
    ("VSwitchId", ",\"vSwitchId\":", Ty::Str),
    ("ZoneId", ",\"zoneId\":", Ty::Str),
    ("InstanceId", ",\"instanceId\":", Ty::Str),
    ("MacAddress", ",\"macAddress\":", Ty::Str),
    ("PrivateIpAddress", ",\"privateIpAddress\":", Ty::Str),
    ("CreationTime", ",\"creationTime\":", Ty::Str),
    ("OwnerId", ",\"ownerId\":", Ty::Id),
    ("ResourceGroupId", ",\"resourceGroupId\":", Ty::Str),
    ("ServiceID", ",\"serviceId\":", Ty::Id),
    ("ServiceManaged", ",\"serviceManaged\":", Ty::Bool),
    ("QueueNumber", ",\"queueNumber\":", Ty::Uint),
    ("QueuePairNumber", ",\"queuePairNumber\":", Ty::Uint),
    (
        "NetworkInterfaceTrafficMode",
        ",\"networkInterfaceTrafficMode\":",
        Ty::Str,
    ),
];

/// The index of `key` in [`SCALARS`]: a `match`, compiled to a switch on length then bytes,
/// rather than a scan of the table (this runs for every member of every ENI).
fn scalar_index(key: &str) -> Option<usize> {
    Some(match key {
        "NetworkInterfaceId" => 0,
        "NetworkInterfaceName" => 1,
        "Description" => 2,
        "Status" => 3,
        "Type" => 4,
        "VpcId" => 5,
        "VSwitchId" => 6,
        "ZoneId" => 7,
        "InstanceId" => 8,
        "MacAddress" => 9,
        "PrivateIpAddress" => 10,
        "CreationTime" => 11,
        "OwnerId" => 12,
        "ResourceGroupId" => 13,
        "ServiceID" | "ServiceId" => 14,
        "ServiceManaged" => 15,
        "QueueNumber" => 16,
        "QueuePairNumber" => 17,
        "NetworkInterfaceTrafficMode" => 18,
        _ => return None,
    })
}

/// Indexes into [`SCALARS`] the code needs by name.
const ID: usize = 0;
const STATUS: usize = 3;
const TYPE: usize = 4;

/// A scalar value as read: raw string text, raw integer digits, or a boolean.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Value<'a> {
    Str(Str<'a>),
    Int(&'a str),
    Bool(bool),
}

impl<'a> Value<'a> {
    fn read(r: &mut Reader<'a>, field: &'static str, ty: Ty) -> Result<Option<Self>> {
        let v = match (ty, r.peek()?) {
            (_, Kind::Null) => {
                r.null()?;
                return Ok(None);
            }
            (Ty::Str | Ty::Id, Kind::String) => Value::Str(r.string()?),
            (Ty::Id, Kind::Number) => Value::Int(within(field, r.integer())?),
            (Ty::Uint, _) => Value::Int(within(field, r.unsigned())?),
            (Ty::Bool, _) => Value::Bool(within(field, r.boolean())?),
            (Ty::Id, _) => return Err(DecodeError::Field(field, "a string or an integer")),
            (Ty::Str, _) => return Err(DecodeError::Field(field, "a string")),
        };
        // An empty ID is no ID.
        Ok(match v {
            Value::Str(s) if ty == Ty::Id && s.is_empty() => None,
            v => Some(v),
        })
    }

    fn text(self) -> Option<String> {
        match self {
            Value::Str(s) => Some(s.decode()),
            Value::Int(n) => Some(n.to_owned()),
            Value::Bool(_) => None,
        }
    }

    /// Appends the value as JSON; IDs given as integers become decimal strings.
    fn write(self, out: &mut String, ty: Ty) {
        match self {
            Value::Str(s) => raw_string(out, s),
            Value::Int(n) if ty == Ty::Id => {
                out.push('"');
                out.push_str(n);
                out.push('"');
            }
            Value::Int(n) => out.push_str(n),
            Value::Bool(b) => out.push_str(if b { "true" } else { "false" }),
        }
    }
}

/// One ENI as borrowed slices of the answer. Reused from ENI to ENI (cleared, capacity kept).
#[derive(Debug, Default)]
struct RawEni<'a> {
    scalars: [Option<Value<'a>>; SCALARS.len()],
    public_ip: Option<RawPublicIp<'a>>,
    attachment: Option<RawAttachment<'a>>,
    private_ips: Vec<RawPrivateIp<'a>>,
    ipv6: Vec<Str<'a>>,
    security_groups: Vec<Str<'a>>,
    tags: Vec<(Str<'a>, Option<Str<'a>>)>,
}

impl<'a> RawEni<'a> {
    fn clear(&mut self) {
        self.scalars = [None; SCALARS.len()];
        self.public_ip = None;
        self.attachment = None;
        self.private_ips.clear();
        self.ipv6.clear();
        self.security_groups.clear();
        self.tags.clear();
    }

    fn str_at(&self, i: usize) -> Option<Str<'a>> {
        match self.scalars.get(i).copied().flatten() {
            Some(Value::Str(s)) => Some(s),
            _ => None,
        }
    }

    fn read(&mut self, r: &mut Reader<'a>) -> Result<()> {
        self.clear();
        let mut obj = object(r, "NetworkInterfaceSet")?;
        while let Some(k) = obj.key(r)? {
            let key = k.raw();
            if let Some(i) = scalar_index(key) {
                let (field, _, ty) = SCALARS.get(i).copied().unwrap_or(("", "", Ty::Str));
                let value = Value::read(r, field, ty)?;
                if let Some(slot) = self.scalars.get_mut(i) {
                    *slot = value;
                }
                continue;
            }
            match key {
                "AssociatedPublicIp" => {
                    self.public_ip = RawPublicIp::read(r, "AssociatedPublicIp")?
                }
                "Attachment" => self.attachment = RawAttachment::read(r)?,
                "PrivateIpSets" => {
                    self.private_ips.clear();
                    let mut list = List::open(r, "PrivateIpSets", "PrivateIpSet")?;
                    while list.next(r)? {
                        self.private_ips.push(RawPrivateIp::read(r)?);
                    }
                }
                "Ipv6Sets" => {
                    self.ipv6.clear();
                    let mut list = List::open(r, "Ipv6Sets", "Ipv6Set")?;
                    while list.next(r)? {
                        let mut item = object(r, "Ipv6Set")?;
                        while let Some(k) = item.key(r)? {
                            if k.raw() != "Ipv6Address" {
                                r.skip()?;
                            } else if let Some(a) = opt_str(r, "Ipv6Address")? {
                                self.ipv6.push(a);
                            }
                        }
                    }
                }
                "SecurityGroupIds" => {
                    self.security_groups.clear();
                    let mut list = List::open(r, "SecurityGroupIds", "SecurityGroupId")?;
                    while list.next(r)? {
                        if let Some(id) = opt_str(r, "SecurityGroupId")? {
                            self.security_groups.push(id);
                        }
                    }
                }
                "Tags" => {
                    self.tags.clear();
                    let mut list = List::open(r, "Tags", "Tag")?;
                    while list.next(r)? {
                        let (mut key, mut value) = (None, None);
                        let mut tag = object(r, "Tag")?;
                        while let Some(k) = tag.key(r)? {
                            match k.raw() {
                                "TagKey" | "Key" => key = opt_str(r, "TagKey")?,
                                "TagValue" | "Value" => value = opt_str(r, "TagValue")?,
                                _ => r.skip()?,
                            }
                        }
                        if let Some(key) = key {
                            self.tags.push((key, value));
                        }
                    }
                }
                _ => r.skip()?,
            }
        }
        for i in [ID, STATUS, TYPE] {
            if self.str_at(i).is_none() {
                let field = SCALARS.get(i).map_or("", |f| f.0);
                return Err(DecodeError::Field(field, "present in every ENI"));
            }
        }
        Ok(())
    }

    fn to_owned(&self) -> NetworkInterface {
        let text = |i: usize| self.scalars.get(i).copied().flatten().and_then(Value::text);
        let uint = |i: usize| match self.scalars.get(i).copied().flatten() {
            Some(Value::Int(n)) => parse_u64(n),
            _ => None,
        };
        let s = |v: Option<Str<'a>>| v.map(|s| s.decode());
        NetworkInterface {
            network_interface_id: text(ID).unwrap_or_default(),
            network_interface_name: text(1),
            description: text(2),
            status: text(STATUS).unwrap_or_default(),
            r#type: text(TYPE).unwrap_or_default(),
            vpc_id: text(5),
            v_switch_id: text(6),
            zone_id: text(7),
            instance_id: text(8),
            mac_address: text(9),
            private_ip_address: text(10),
            creation_time: text(11),
            owner_id: text(12),
            resource_group_id: text(13),
            service_id: text(14),
            service_managed: match self.scalars.get(15).copied().flatten() {
                Some(Value::Bool(b)) => Some(b),
                _ => None,
            },
            queue_number: uint(16),
            queue_pair_number: uint(17),
            network_interface_traffic_mode: text(18),
            associated_public_ip: self.public_ip.map(RawPublicIp::to_owned),
            attachment: self.attachment.map(|a| Attachment {
                device_index: a.device_index.and_then(parse_u64),
                instance_id: s(a.instance_id),
                trunk_network_interface_id: s(a.trunk_network_interface_id),
            }),
            private_ip_sets: self
                .private_ips
                .iter()
                .map(|ip| PrivateIpSet {
                    private_ip_address: s(ip.private_ip_address).unwrap_or_default(),
                    primary: ip.primary,
                    associated_public_ip: ip.associated_public_ip.map(RawPublicIp::to_owned),
                })
                .collect(),
            ipv6_sets: self
                .ipv6
                .iter()
                .map(|a| Ipv6Set {
                    ipv6_address: a.decode(),
                })
                .collect(),
            security_group_ids: self.security_groups.iter().map(Str::decode).collect(),
            tags: self
                .tags
                .iter()
                .map(|(k, v)| Tag {
                    key: k.decode(),
                    value: v.map(|v| v.decode()).unwrap_or_default(),
                })
                .collect(),
        }
    }

    /// Appends the ENI as `API.md` JSON, copying string values raw.
    fn write_json(&self, out: &mut String) {
        let mut o = ObjectWriter::new(out);
        for (value, (_, name, ty)) in self.scalars.iter().zip(SCALARS) {
            if let Some(v) = value {
                o.key(name);
                v.write(o.out, ty);
            }
        }
        if let Some(ip) = self.public_ip {
            o.key(member!("associatedPublicIp"));
            write_public_ip(o.out, ip);
        }
        if let Some(a) = self.attachment {
            o.key(member!("attachment"));
            let mut w = ObjectWriter::new(o.out);
            w.number(member!("deviceIndex"), a.device_index);
            w.str(member!("instanceId"), a.instance_id);
            w.str(
                member!("trunkNetworkInterfaceId"),
                a.trunk_network_interface_id,
            );
            w.end();
        }
        o.key(member!("privateIpSets"));
        write_list(o.out, &self.private_ips, |out, ip| {
            let mut w = ObjectWriter::new(out);
            w.str_or_empty(member!("privateIpAddress"), ip.private_ip_address);
            w.key(member!("primary"));
            w.out.push_str(if ip.primary { "true" } else { "false" });
            if let Some(p) = ip.associated_public_ip {
                w.key(member!("associatedPublicIp"));
                write_public_ip(w.out, p);
            }
            w.end();
        });
        o.key(member!("ipv6Sets"));
        write_list(o.out, &self.ipv6, |out, a| {
            out.push_str("{\"ipv6Address\":");
            raw_string(out, *a);
            out.push('}');
        });
        o.key(member!("securityGroupIds"));
        write_list(o.out, &self.security_groups, |out, id| raw_string(out, *id));
        o.key(member!("tags"));
        write_list(o.out, &self.tags, |out, (k, v)| {
            out.push_str("{\"key\":");
            raw_string(out, *k);
            out.push_str(",\"value\":");
            match v {
                Some(v) => raw_string(out, *v),
                None => out.push_str("\"\""),
            }
            out.push('}');
        });
        o.end();
    }
}

/// `[item,item,...]`.
fn write_list<T>(out: &mut String, items: &[T], mut item: impl FnMut(&mut String, &T)) {
    out.push('[');
    for (i, x) in items.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        item(out, x);
    }
    out.push(']');
}

fn raw_string(out: &mut String, s: Str<'_>) {
    if s.has_lone_surrogate() {
        // The one case where the raw text is not valid Unicode once parsed: write it decoded,
        // as the struct path sees it.
        write_string(out, &s.decode());
        return;
    }
    out.push('"');
    out.push_str(s.raw());
    out.push('"');
}

fn write_public_ip(out: &mut String, ip: RawPublicIp<'_>) {
    let mut w = ObjectWriter::new(out);
    w.str_or_empty(member!("publicIpAddress"), ip.public_ip_address);
    w.str(member!("allocationId"), ip.allocation_id);
    w.end();
}

/// `,"name":`, the text that starts a member of a JSON object.
macro_rules! member {
    ($name:literal) => {
        concat!(",\"", $name, "\":")
    };
}
use member;

/// Writes one JSON object member by member; absent values are left out.
struct ObjectWriter<'o> {
    out: &'o mut String,
    first: bool,
}

impl<'o> ObjectWriter<'o> {
    fn new(out: &'o mut String) -> Self {
        out.push('{');
        ObjectWriter { out, first: true }
    }

    /// Starts a member; `member` is `,"name":` (see [`member!`]), written whole or without its
    /// comma for the first member: one push per member, for every member of every ENI.
    fn key(&mut self, member: &str) {
        let text = if self.first {
            member.get(1..).unwrap_or("")
        } else {
            member
        };
        self.out.push_str(text);
        self.first = false;
    }

    fn str(&mut self, key: &str, value: Option<Str<'_>>) {
        if let Some(v) = value {
            self.key(key);
            raw_string(self.out, v);
        }
    }

    fn str_or_empty(&mut self, key: &str, value: Option<Str<'_>>) {
        self.key(key);
        match value {
            Some(v) => raw_string(self.out, v),
            None => self.out.push_str("\"\""),
        }
    }

    fn number(&mut self, key: &str, value: Option<&str>) {
        if let Some(n) = value {
            self.key(key);
            self.out.push_str(n);
        }
    }

    fn end(self) {
        self.out.push('}');
    }
}

/// The page-level members of a `DescribeNetworkInterfaces` answer.
#[derive(Debug, Default)]
struct PageHead<'a> {
    request_id: Option<Str<'a>>,
    total_count: Option<&'a str>,
    page_number: Option<&'a str>,
    page_size: Option<&'a str>,
    next_token: Option<Str<'a>>,
    count: usize,
}

/// Walks a `DescribeNetworkInterfaces` answer, calling `on_eni` for each ENI in order.
fn read_page<'a>(body: &'a [u8], mut on_eni: impl FnMut(&RawEni<'a>)) -> Result<PageHead<'a>> {
    let mut r = Reader::new(body)?;
    let mut head = PageHead::default();
    let mut eni = RawEni::default();
    let mut obj = object(&mut r, "the response")?;
    while let Some(k) = obj.key(&mut r)? {
        let r = &mut r;
        match k.raw() {
            "RequestId" => head.request_id = opt_str(r, "RequestId")?,
            "TotalCount" => head.total_count = opt_uint(r, "TotalCount")?,
            "PageNumber" => head.page_number = opt_uint(r, "PageNumber")?,
            "PageSize" => head.page_size = opt_uint(r, "PageSize")?,
            "NextToken" => head.next_token = opt_str(r, "NextToken")?.filter(|t| !t.is_empty()),
            "NetworkInterfaceSets" => {
                let mut list = List::open(r, "NetworkInterfaceSets", "NetworkInterfaceSet")?;
                while list.next(r)? {
                    eni.read(r)?;
                    head.count += 1;
                    on_eni(&eni);
                }
            }
            _ => r.skip()?,
        }
    }
    r.finish()?;
    if head.request_id.is_none() {
        return Err(DecodeError::Field("RequestId", "present"));
    }
    Ok(head)
}

// ---- decoding entry points --------------------------------------------------------------------

/// At most this many characters of a bad body are quoted in an error message.
const EXCERPT_CHARS: usize = 120;

/// A short, printable excerpt of a body for error messages.
pub fn body_excerpt(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body.get(..512).unwrap_or(body));
    let mut out = String::with_capacity(EXCERPT_CHARS + 3);
    let mut count = 0;
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
        if count >= EXCERPT_CHARS {
            out.push('…');
            break;
        }
        out.push(c);
        count += 1;
    }
    out.trim().to_owned()
}

fn decode_error(status: u16, body: &[u8], err: DecodeError) -> Error {
    let eof = matches!(err, DecodeError::Json(JsonError::Eof));
    let mut message = match err {
        DecodeError::Json(JsonError::Eof) if body.iter().all(u8::is_ascii_whitespace) => {
            String::from("the response body is empty")
        }
        DecodeError::Json(JsonError::Eof) => String::from("the response body is truncated JSON"),
        DecodeError::Json(JsonError::Syntax(_)) => String::from("the response body is not JSON"),
        DecodeError::Json(JsonError::TooDeep) => String::from("the response body nests too deeply"),
        DecodeError::Json(JsonError::Type(expected)) => {
            msg!(
                "the response does not have the API's shape: expected ",
                expected
            )
        }
        DecodeError::Field(field, expected) => {
            msg!(
                "the response does not have the API's shape: ",
                field,
                " is not ",
                expected
            )
        }
    };
    message.push_str(&msg!(" (HTTP ", status, ")"));
    let excerpt = body_excerpt(body);
    if !excerpt.is_empty() {
        message.push_str("; body starts with: ");
        message.push_str(&excerpt);
    }
    let mut e = Error::decode(status, message);
    // Whether that is worth another attempt is the policy's call (`policy::retryable`).
    e.truncated = eof;
    e
}

/// Decodes a `DescribeNetworkInterfaces` page into Rust structs.
pub fn decode_describe(
    status: u16,
    body: &[u8],
) -> Result<DescribeNetworkInterfacesResponse, Error> {
    let mut enis = Vec::new();
    let head =
        read_page(body, |e| enis.push(e.to_owned())).map_err(|e| decode_error(status, body, e))?;
    Ok(DescribeNetworkInterfacesResponse {
        request_id: head.request_id.map(|s| s.decode()).unwrap_or_default(),
        total_count: head.total_count.and_then(parse_u64),
        page_number: head.page_number.and_then(parse_u64),
        page_size: head.page_size.and_then(parse_u64),
        next_token: head.next_token.map(|s| s.decode()),
        network_interfaces: enis,
    })
}

/// Transcodes a `DescribeNetworkInterfaces` page into the camelCase JSON of `API.md`.
pub fn transcode_describe(status: u16, body: &[u8]) -> Result<PageJson, Error> {
    let mut enis = String::with_capacity(body.len());
    let mut first = None;
    let head = read_page(body, |e| {
        if first.is_none() {
            first = Some((e.str_at(ID), e.str_at(STATUS)));
        }
        enis.push(if enis.is_empty() { '[' } else { ',' });
        e.write_json(&mut enis);
    })
    .map_err(|e| decode_error(status, body, e))?;
    if enis.is_empty() {
        enis.push('[');
    }
    enis.push(']');
    let mut json = String::with_capacity(enis.len() + 256);
    let mut o = ObjectWriter::new(&mut json);
    o.str(member!("requestId"), head.request_id);
    o.number(member!("totalCount"), head.total_count);
    o.number(member!("pageNumber"), head.page_number);
    o.number(member!("pageSize"), head.page_size);
    o.str(member!("nextToken"), head.next_token);
    o.key(member!("networkInterfaces"));
    o.out.push_str(&enis);
    o.end();
    let decode = |s: Option<Str<'_>>| s.map(|s| s.decode()).unwrap_or_default();
    Ok(PageJson {
        json,
        summary: PageSummary {
            request_id: decode(head.request_id),
            total_count: head.total_count.and_then(parse_u64),
            next_token: head.next_token.map(|s| s.decode()),
            count: head.count,
            first: first.map(|(id, status)| (decode(id), decode(status))),
        },
    })
}

/// Decodes a `DeleteNetworkInterface` answer.
pub fn decode_delete(status: u16, body: &[u8]) -> Result<DeleteNetworkInterfaceResponse, Error> {
    let read = || -> Result<Option<Str<'_>>> {
        let mut r = Reader::new(body)?;
        let mut request_id = None;
        let mut obj = object(&mut r, "the response")?;
        while let Some(k) = obj.key(&mut r)? {
            if k.raw() == "RequestId" {
                request_id = opt_str(&mut r, "RequestId")?;
            } else {
                r.skip()?;
            }
        }
        r.finish()?;
        Ok(request_id)
    };
    match read() {
        Ok(Some(id)) => Ok(DeleteNetworkInterfaceResponse {
            request_id: id.decode(),
        }),
        Ok(None) => Err(decode_error(
            status,
            body,
            DecodeError::Field("RequestId", "present"),
        )),
        Err(e) => Err(decode_error(status, body, e)),
    }
}

/// Decodes an error answer (non-2xx) into an API error, or a decode error when the body is not
/// the API's error shape (an HTML page from a proxy, say).
pub fn decode_api_error(status: u16, body: &[u8]) -> Error {
    let read = || -> Result<ApiErrorBody> {
        let mut r = Reader::new(body)?;
        let mut b = ApiErrorBody::default();
        let mut obj = object(&mut r, "the error response")?;
        while let Some(k) = obj.key(&mut r)? {
            let (name, slot) = match k.raw() {
                "RequestId" => ("RequestId", &mut b.request_id),
                "HostId" => ("HostId", &mut b.host_id),
                "Recommend" => ("Recommend", &mut b.recommend),
                "Code" => {
                    b.code = opt_str(&mut r, "Code")?
                        .map(|s| s.decode())
                        .unwrap_or_default();
                    continue;
                }
                "Message" => {
                    b.message = opt_str(&mut r, "Message")?
                        .map(|s| s.decode())
                        .unwrap_or_default();
                    continue;
                }
                _ => {
                    r.skip()?;
                    continue;
                }
            };
            *slot = opt_str(&mut r, name)?
                .map(|s| s.decode())
                .filter(|s| !s.is_empty());
        }
        r.finish()?;
        Ok(b)
    };
    match read() {
        Ok(b) if !b.code.is_empty() => Error::api(status, b),
        Ok(_) => Error::decode(
            status,
            msg!(
                "the error response has no Code (HTTP ",
                status,
                "); body starts with: ",
                body_excerpt(body)
            ),
        ),
        Err(err) => decode_error(status, body, err),
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
