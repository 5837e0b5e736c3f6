//! The shapes of the answer, one table each: every member is one line giving its Rust field
//! and type, how it is read (a member kind of [`super::read`]), its API name (and aliases, and
//! for wrapped lists the inner key) and its `API.md` name. The `shape!` macro derives from it
//! the public struct, the borrowed reader, the JSON writer, the conversion to the struct and the
//! member list the `types.d.ts` test compares with (`TS_MEMBERS`).
//!
//! Adding a field is one line here (plus its `types.d.ts` declaration, which a test checks).

use crate::json::{Reader, Str};

use super::read::{
    object, Count, DecodeError, Flag, FlagOr, Id, IdValue, List, Obj, ReadMember, ReadShape,
    Required, Result, Strs, Text, TextOr, Token,
};
use super::write::{member, ObjectWriter, WriteMember, WriteShape};

/// A member kind's value as the public struct holds it.
pub(crate) trait ToOwnedMember {
    /// The owned type.
    type Owned;
    /// Whether the `.d.ts` declares the member optional (`name?:`).
    #[allow(dead_code)] // read by the types.d.ts test only
    const OPTIONAL: bool;
    /// The owned value.
    fn to_owned_member(&self) -> Self::Owned;
}

fn text(s: Option<Str<'_>>) -> Option<String> {
    s.map(|s| s.decode())
}

impl ToOwnedMember for Text<'_> {
    type Owned = Option<String>;
    const OPTIONAL: bool = true;
    fn to_owned_member(&self) -> Option<String> {
        text(self.0)
    }
}

impl ToOwnedMember for Token<'_> {
    type Owned = Option<String>;
    const OPTIONAL: bool = true;
    fn to_owned_member(&self) -> Option<String> {
        text(self.0)
    }
}

impl ToOwnedMember for Required<'_> {
    type Owned = String;
    const OPTIONAL: bool = false;
    fn to_owned_member(&self) -> String {
        text(self.0).unwrap_or_default()
    }
}

impl ToOwnedMember for TextOr<'_> {
    type Owned = String;
    const OPTIONAL: bool = false;
    fn to_owned_member(&self) -> String {
        text(self.0).unwrap_or_default()
    }
}

impl ToOwnedMember for Id<'_> {
    type Owned = Option<String>;
    const OPTIONAL: bool = true;
    fn to_owned_member(&self) -> Option<String> {
        self.0.map(|v| match v {
            IdValue::Str(s) => s.decode(),
            IdValue::Int(n) => n.to_text(),
        })
    }
}

impl ToOwnedMember for Flag {
    type Owned = Option<bool>;
    const OPTIONAL: bool = true;
    fn to_owned_member(&self) -> Option<bool> {
        self.0
    }
}

impl ToOwnedMember for FlagOr {
    type Owned = bool;
    const OPTIONAL: bool = false;
    fn to_owned_member(&self) -> bool {
        self.0.unwrap_or(false)
    }
}

impl ToOwnedMember for Count<'_> {
    type Owned = Option<u64>;
    const OPTIONAL: bool = true;
    fn to_owned_member(&self) -> Option<u64> {
        self.0
    }
}

impl<S: ToOwnedMember> ToOwnedMember for Obj<S> {
    type Owned = Option<S::Owned>;
    const OPTIONAL: bool = true;
    fn to_owned_member(&self) -> Option<S::Owned> {
        self.0.as_ref().map(S::to_owned_member)
    }
}

impl<S: ToOwnedMember> ToOwnedMember for List<S> {
    type Owned = Vec<S::Owned>;
    const OPTIONAL: bool = false;
    fn to_owned_member(&self) -> Vec<S::Owned> {
        self.0.iter().map(S::to_owned_member).collect()
    }
}

impl ToOwnedMember for Strs<'_> {
    type Owned = Vec<String>;
    const OPTIONAL: bool = false;
    fn to_owned_member(&self) -> Vec<String> {
        self.0.iter().map(Str::decode).collect()
    }
}

/// One shape from its table (see the module doc). `keep` is the presence rule of the object:
/// `always`, `any` (absent when no member is), or `nonempty(field)` (absent without that
/// member, or when it is `""`).
macro_rules! shape {
    (
        $(#[$doc:meta])*
        pub struct $name:ident / $raw:ident, ts $ts:literal, keep $keep:ident $(($key:ident))?;
        $(
            $(#[$fdoc:meta])*
            $field:ident: $owned:ty = $kind:ty, $api:literal $(| $alias:literal)* $(/ $inner:literal)? => $js:literal;
        )*
    ) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Default)]
        pub struct $name {
            $( $(#[$fdoc])* pub $field: $owned, )*
        }

        /// The shape as borrowed slices of the answer.
        #[derive(Debug, Default, Clone)]
        pub(crate) struct $raw<'a> {
            $( pub(crate) $field: $kind, )*
            _answer: core::marker::PhantomData<&'a str>,
        }

        impl<'a> $raw<'a> {
            /// The interface of `types.d.ts` this shape is, and its members as it declares
            /// them: `API.md` name, optional.
            #[cfg(all(test, not(target_arch = "wasm32")))]
            pub(crate) fn ts_interface() -> (&'static str, Vec<(&'static str, bool)>) {
                ($ts, vec![$( ($js, <$kind as ToOwnedMember>::OPTIONAL), )*])
            }

            /// Reads the member `key` (the reader is at its value); `false` for a key the shape
            /// does not have.
            #[allow(unused_variables)]
            pub(crate) fn read_member(&mut self, r: &mut Reader<'a>, key: &str) -> Result<bool> {
                match key {
                    $( $api $(| $alias)* => {
                        ReadMember::read(&mut self.$field, r, $api, shape!(@inner $($inner)?))?
                    } )*
                    _ => return Ok(false),
                }
                Ok(true)
            }

            /// Reads the members of an object (the reader is at its `{`), after forgetting
            /// what was read before; then checks the required ones.
            pub(crate) fn read_members(
                &mut self,
                r: &mut Reader<'a>,
                field: &'static str,
                missing: &'static str,
            ) -> Result<()> {
                $( ReadMember::clear(&mut self.$field); )*
                let mut obj = object(r, field)?;
                while let Some(k) = obj.key(r)? {
                    // Keys compare decoded, as `JSON.parse` (and so the generated JavaScript
                    // decoder) sees them: `"Tag\u0073"` is `Tags`.
                    if !self.read_member(r, &k.to_cow())? {
                        r.skip()?;
                    }
                }
                self.check_required(missing)
            }

            /// Fails when a required member was not read: `missing` says how.
            pub(crate) fn check_required(&self, missing: &'static str) -> Result<()> {
                $(
                    if <$kind as ReadMember>::REQUIRED && !ReadMember::is_present(&self.$field) {
                        return Err(DecodeError::Field($api, missing));
                    }
                )*
                Ok(())
            }

            /// Whether the presence rule keeps the object.
            #[allow(unused_variables)]
            fn kept(&self) -> bool {
                shape!(@keep self, $keep $(($key))?, $($field)*)
            }
        }

        #[cfg(all(test, not(target_arch = "wasm32")))]
        impl<'a> $raw<'a> {
            /// The table as data, for the generator of the JavaScript decoder (`super::js`).
            pub(crate) fn describe() -> super::js::Shape {
                super::js::Shape {
                    ts: $ts,
                    keep: stringify!($keep),
                    keep_field: shape!(@keyname $($key)?),
                    strict: <Self as ReadShape<'a>>::STRICT,
                    members: vec![$(
                        super::js::Member {
                            field: stringify!($field),
                            api: $api,
                            aliases: vec![$($alias),*],
                            inner: shape!(@inner $($inner)?),
                            js: $js,
                            kind: <$kind as super::js::Kind>::KIND,
                            shape: <$kind as super::js::Kind>::SHAPE,
                        },
                    )*],
                }
            }
        }

        #[cfg(all(test, not(target_arch = "wasm32")))]
        impl super::js::Named for $raw<'_> {
            const TS: &'static str = $ts;
        }

        impl<'a> ReadShape<'a> for $raw<'a> {
            const STRICT: bool = false $(|| <$kind as ReadMember>::REQUIRED)*;
            fn read_object(r: &mut Reader<'a>, field: &'static str) -> Result<Option<Self>> {
                let mut s = $raw::default();
                Ok(if s.read_into(r, field)? { Some(s) } else { None })
            }
            fn read_into(&mut self, r: &mut Reader<'a>, field: &'static str) -> Result<bool> {
                self.read_members(r, field, "present")?;
                Ok(self.kept())
            }
        }

        impl WriteShape for $raw<'_> {
            fn write_json(&self, out: &mut String) {
                let mut o = ObjectWriter::new(out);
                $( WriteMember::write(&self.$field, &mut o, member!($js)); )*
                o.end();
            }
        }

        impl ToOwnedMember for $raw<'_> {
            type Owned = $name;
            const OPTIONAL: bool = false;
            fn to_owned_member(&self) -> $name {
                $name { $( $field: self.$field.to_owned_member(), )* }
            }
        }
    };
    (@keyname $key:ident) => { Some(stringify!($key)) };
    (@keyname) => { None };
    (@inner $inner:literal) => { $inner };
    (@inner) => { "" };
    (@keep $s:ident, always, $($field:ident)*) => { true };
    (@keep $s:ident, any, $($field:ident)*) => { false $(|| ReadMember::is_present(&$s.$field))* };
    (@keep $s:ident, nonempty($key:ident), $($field:ident)*) => {
        $s.$key.0.is_some_and(|v| !v.is_empty())
    };
    (@keep $s:ident, present($key:ident), $($field:ident)*) => { $s.$key.0.is_some() };
}

shape! {
    /// One page of `DescribeNetworkInterfaces`.
    pub struct DescribeNetworkInterfacesResponse / RawPage, ts "DescribeNetworkInterfacesResponse", keep always;
    /// The API's request ID.
    request_id: String = Required<'a>, "RequestId" => "requestId";
    /// Total matches in PageNumber mode; absent or meaningless in NextToken mode.
    total_count: Option<u64> = Count<'a>, "TotalCount" => "totalCount";
    /// The page number of this page (PageNumber mode).
    page_number: Option<u64> = Count<'a>, "PageNumber" => "pageNumber";
    /// The page size (PageNumber mode).
    page_size: Option<u64> = Count<'a>, "PageSize" => "pageSize";
    /// The token of the next page; absent (not `""`) on the last page.
    next_token: Option<String> = Token<'a>, "NextToken" => "nextToken";
    /// The ENIs of this page.
    network_interfaces: Vec<NetworkInterface> = List<RawEni<'a>>, "NetworkInterfaceSets" / "NetworkInterfaceSet" => "networkInterfaces";
}

shape! {
    /// One ENI.
    pub struct NetworkInterface / RawEni, ts "NetworkInterface", keep always;
    /// `eni-...`.
    network_interface_id: String = Required<'a>, "NetworkInterfaceId" => "networkInterfaceId";
    /// The ENI's name.
    network_interface_name: Option<String> = Text<'a>, "NetworkInterfaceName" => "networkInterfaceName";
    /// The ENI's description.
    description: Option<String> = Text<'a>, "Description" => "description";
    /// `Available`, `InUse`, ... (any string the API sends).
    status: String = Required<'a>, "Status" => "status";
    /// `Primary` or `Secondary` (any string the API sends).
    r#type: String = Required<'a>, "Type" => "type";
    /// The VPC.
    vpc_id: Option<String> = Text<'a>, "VpcId" => "vpcId";
    /// The vSwitch.
    v_switch_id: Option<String> = Text<'a>, "VSwitchId" => "vSwitchId";
    /// The zone.
    zone_id: Option<String> = Text<'a>, "ZoneId" => "zoneId";
    /// The instance the ENI is attached to.
    instance_id: Option<String> = Text<'a>, "InstanceId" => "instanceId";
    /// The MAC address.
    mac_address: Option<String> = Text<'a>, "MacAddress" => "macAddress";
    /// The primary private IP address.
    private_ip_address: Option<String> = Text<'a>, "PrivateIpAddress" => "privateIpAddress";
    /// `yyyy-MM-ddTHH:mm:ssZ`.
    creation_time: Option<String> = Text<'a>, "CreationTime" => "creationTime";
    /// The owning account.
    owner_id: Option<String> = Id<'a>, "OwnerId" => "ownerId";
    /// The resource group.
    resource_group_id: Option<String> = Text<'a>, "ResourceGroupId" => "resourceGroupId";
    /// The distributor's ID: the API's Long, kept exact as a decimal string.
    service_id: Option<String> = Id<'a>, "ServiceID" | "ServiceId" => "serviceId";
    /// Whether an Alibaba Cloud service manages the ENI.
    service_managed: Option<bool> = Flag, "ServiceManaged" => "serviceManaged";
    /// Number of queues.
    queue_number: Option<u64> = Count<'a>, "QueueNumber" => "queueNumber";
    /// Number of queue pairs.
    queue_pair_number: Option<u64> = Count<'a>, "QueuePairNumber" => "queuePairNumber";
    /// The traffic mode (`Standard`, `HighPerformance`).
    network_interface_traffic_mode: Option<String> = Text<'a>, "NetworkInterfaceTrafficMode" => "networkInterfaceTrafficMode";
    /// Whether the ENI is released together with the instance it is attached to.
    delete_on_release: Option<bool> = Flag, "DeleteOnRelease" => "deleteOnRelease";
    /// Whether the source/destination check is on.
    source_dest_check: Option<bool> = Flag, "SourceDestCheck" => "sourceDestCheck";
    /// The EIP of the ENI; absent when the API sends `{}`.
    associated_public_ip: Option<AssociatedPublicIp> = Obj<RawPublicIp<'a>>, "AssociatedPublicIp" => "associatedPublicIp";
    /// Attachment details; absent when the API sends `{}`.
    attachment: Option<Attachment> = Obj<RawAttachment<'a>>, "Attachment" => "attachment";
    /// Every private IP address.
    private_ip_sets: Vec<PrivateIpSet> = List<RawPrivateIp<'a>>, "PrivateIpSets" / "PrivateIpSet" => "privateIpSets";
    /// Every IPv6 address.
    ipv6_sets: Vec<Ipv6Set> = List<RawIpv6<'a>>, "Ipv6Sets" / "Ipv6Set" => "ipv6Sets";
    /// IPv4 prefixes assigned to the ENI.
    ipv4_prefix_sets: Vec<Ipv4PrefixSet> = List<RawIpv4Prefix<'a>>, "Ipv4PrefixSets" / "Ipv4PrefixSet" => "ipv4PrefixSets";
    /// IPv6 prefixes assigned to the ENI.
    ipv6_prefix_sets: Vec<Ipv6PrefixSet> = List<RawIpv6Prefix<'a>>, "Ipv6PrefixSets" / "Ipv6PrefixSet" => "ipv6PrefixSets";
    /// Security group IDs.
    security_group_ids: Vec<String> = Strs<'a>, "SecurityGroupIds" / "SecurityGroupId" => "securityGroupIds";
    /// Tags.
    tags: Vec<Tag> = List<RawTag<'a>>, "Tags" / "Tag" => "tags";
}

shape! {
    /// An EIP.
    pub struct AssociatedPublicIp / RawPublicIp, ts "AssociatedPublicIp", keep nonempty(public_ip_address);
    /// The public address.
    public_ip_address: String = TextOr<'a>, "PublicIpAddress" => "publicIpAddress";
    /// The EIP's ID.
    allocation_id: Option<String> = Text<'a>, "AllocationId" => "allocationId";
}

shape! {
    /// Attachment details (invitational preview in the API).
    pub struct Attachment / RawAttachment, ts "NetworkInterfaceAttachment", keep any;
    /// Device index on the instance.
    device_index: Option<u64> = Count<'a>, "DeviceIndex" => "deviceIndex";
    /// The instance.
    instance_id: Option<String> = Text<'a>, "InstanceId" => "instanceId";
    /// The trunk ENI.
    trunk_network_interface_id: Option<String> = Text<'a>, "TrunkNetworkInterfaceId" => "trunkNetworkInterfaceId";
    /// The network card the ENI is attached to.
    network_card_index: Option<u64> = Count<'a>, "NetworkCardIndex" => "networkCardIndex";
}

shape! {
    /// A private IP address of an ENI.
    pub struct PrivateIpSet / RawPrivateIp, ts "PrivateIpSet", keep always;
    /// The address.
    private_ip_address: String = TextOr<'a>, "PrivateIpAddress" => "privateIpAddress";
    /// Whether it is the primary address.
    primary: bool = FlagOr, "Primary" => "primary";
    /// Its EIP; absent when the API sends `{}`.
    associated_public_ip: Option<AssociatedPublicIp> = Obj<RawPublicIp<'a>>, "AssociatedPublicIp" => "associatedPublicIp";
    /// Its private DNS name.
    private_dns_name: Option<String> = Text<'a>, "PrivateDnsName" => "privateDnsName";
}

shape! {
    /// An IPv6 address of an ENI.
    pub struct Ipv6Set / RawIpv6, ts "Ipv6Set", keep present(ipv6_address);
    /// The address.
    ipv6_address: String = TextOr<'a>, "Ipv6Address" => "ipv6Address";
    /// Whether it is the primary IPv6 address.
    primary: Option<bool> = Flag, "Primary" => "primary";
}

shape! {
    /// An IPv4 prefix of an ENI.
    pub struct Ipv4PrefixSet / RawIpv4Prefix, ts "Ipv4PrefixSet", keep present(ipv4_prefix);
    /// The prefix (CIDR).
    ipv4_prefix: String = TextOr<'a>, "Ipv4Prefix" => "ipv4Prefix";
}

shape! {
    /// An IPv6 prefix of an ENI.
    pub struct Ipv6PrefixSet / RawIpv6Prefix, ts "Ipv6PrefixSet", keep present(ipv6_prefix);
    /// The prefix (CIDR).
    ipv6_prefix: String = TextOr<'a>, "Ipv6Prefix" => "ipv6Prefix";
}

shape! {
    /// A tag of an ENI.
    pub struct Tag / RawTag, ts "Tag", keep present(key);
    /// The key.
    key: String = TextOr<'a>, "TagKey" | "Key" => "key";
    /// The value.
    value: String = TextOr<'a>, "TagValue" | "Value" => "value";
}

/// Every shape's table as data, the page first, for the generator of the JavaScript decoder.
#[cfg(all(test, not(target_arch = "wasm32")))]
pub(crate) fn described_shapes() -> Vec<super::js::Shape> {
    vec![
        RawPage::describe(),
        RawEni::describe(),
        RawPublicIp::describe(),
        RawAttachment::describe(),
        RawPrivateIp::describe(),
        RawIpv6::describe(),
        RawIpv4Prefix::describe(),
        RawIpv6Prefix::describe(),
        RawTag::describe(),
    ]
}

/// Every shape's `types.d.ts` interface and members, for the test that compares them.
#[cfg(all(test, not(target_arch = "wasm32")))]
pub(crate) fn ts_shapes() -> Vec<(&'static str, Vec<(&'static str, bool)>)> {
    vec![
        RawPage::ts_interface(),
        RawEni::ts_interface(),
        RawPublicIp::ts_interface(),
        RawAttachment::ts_interface(),
        RawPrivateIp::ts_interface(),
        RawIpv6::ts_interface(),
        RawIpv4Prefix::ts_interface(),
        RawIpv6Prefix::ts_interface(),
        RawTag::ts_interface(),
    ]
}
