//! Typed requests and their flattening into API parameters.
//!
//! Every limit of `API.md` is checked here, before anything is signed or sent, and every
//! refusal is an [`Error`] of kind `validation` whose `field` names the request field.

use crate::text::quoted;
use crate::Error;

/// The ECS API version every request is sent with.
pub const API_VERSION: &str = "2014-05-26";

/// The ENI type filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EniType {
    /// The ENI created with an instance.
    Primary,
    /// An ENI created on its own.
    Secondary,
}

impl EniType {
    /// The API's spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            EniType::Primary => "Primary",
            EniType::Secondary => "Secondary",
        }
    }

    /// Parses the API's spelling; `field` names the field in the error.
    pub fn parse(field: &str, value: &str) -> Result<Self, Error> {
        match value {
            "Primary" => Ok(EniType::Primary),
            "Secondary" => Ok(EniType::Secondary),
            _ => Err(Error::validation(
                field,
                crate::msg!(
                    field,
                    " must be \"Primary\" or \"Secondary\", got ",
                    quoted(value)
                ),
            )),
        }
    }
}

/// The ENI status filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EniStatus {
    /// Being created.
    Creating,
    /// Not attached; the only state in which an ENI can be deleted.
    Available,
    /// Being attached to an instance.
    Attaching,
    /// Attached to an instance.
    InUse,
    /// Being detached from an instance.
    Detaching,
    /// Being deleted.
    Deleting,
    /// Creation failed.
    CreateFailed,
}

impl EniStatus {
    /// Every status, in the API's order.
    pub const ALL: [EniStatus; 7] = [
        EniStatus::Creating,
        EniStatus::Available,
        EniStatus::Attaching,
        EniStatus::InUse,
        EniStatus::Detaching,
        EniStatus::Deleting,
        EniStatus::CreateFailed,
    ];

    /// The API's spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            EniStatus::Creating => "Creating",
            EniStatus::Available => "Available",
            EniStatus::Attaching => "Attaching",
            EniStatus::InUse => "InUse",
            EniStatus::Detaching => "Detaching",
            EniStatus::Deleting => "Deleting",
            EniStatus::CreateFailed => "CreateFailed",
        }
    }

    /// Parses the API's spelling; `field` names the field in the error.
    pub fn parse(field: &str, value: &str) -> Result<Self, Error> {
        EniStatus::ALL
            .into_iter()
            .find(|s| s.as_str() == value)
            .ok_or_else(|| {
                Error::validation(
                    field,
                    crate::msg!(
                        field,
                        " must be one of Creating, Available, Attaching, InUse, Detaching, Deleting, \
                         CreateFailed, got ",
                        quoted(value)
                    ),
                )
            })
    }
}

/// A tag filter: the ENI must carry `key`, and `value` when one is given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TagFilter {
    /// The tag key (`Tag.N.Key`).
    pub key: String,
    /// The tag value (`Tag.N.Value`); `None` matches any value.
    pub value: Option<String>,
}

/// One request field's type: how it is checked and flattened into API parameters (and, in
/// [`crate::input`], read from the JavaScript JSON form). `Limit` is the table's bound for it.
pub trait RequestValue: Sized {
    /// The bound the table gives (`()` when none, entries for lists, a range for numbers).
    type Limit: Copy;
    /// Checks the value; `field` names it in the error.
    fn check(&self, field: &str, limit: Self::Limit) -> Result<(), Error>;
    /// Appends its API parameters: `api` itself, or `api.N` (and `Tag.N.Key`) for lists.
    fn flatten(&self, api: &str, out: &mut Vec<(String, String)>);
}

fn put(out: &mut Vec<(String, String)>, name: &str, value: &str) {
    out.push((name.to_owned(), value.to_owned()));
}

impl RequestValue for String {
    type Limit = ();
    fn check(&self, field: &str, _: ()) -> Result<(), Error> {
        check_string(field, self)
    }
    fn flatten(&self, api: &str, out: &mut Vec<(String, String)>) {
        put(out, api, self);
    }
}

impl RequestValue for Vec<String> {
    /// Most entries.
    type Limit = usize;
    fn check(&self, field: &str, max: usize) -> Result<(), Error> {
        check_list(field, self, max)
    }
    fn flatten(&self, api: &str, out: &mut Vec<(String, String)>) {
        for (i, v) in self.iter().enumerate() {
            put(out, &crate::msg!(api, ".", i + 1), v);
        }
    }
}

impl RequestValue for bool {
    type Limit = ();
    fn check(&self, _: &str, _: ()) -> Result<(), Error> {
        Ok(())
    }
    fn flatten(&self, api: &str, out: &mut Vec<(String, String)>) {
        put(out, api, if *self { "true" } else { "false" });
    }
}

impl RequestValue for i64 {
    /// Smallest and largest value.
    type Limit = (i64, i64);
    fn check(&self, field: &str, (min, max): (i64, i64)) -> Result<(), Error> {
        check_range(field, *self, min, max)
    }
    fn flatten(&self, api: &str, out: &mut Vec<(String, String)>) {
        put(out, api, &crate::text::i64_string(*self));
    }
}

impl RequestValue for EniType {
    type Limit = ();
    fn check(&self, _: &str, _: ()) -> Result<(), Error> {
        Ok(())
    }
    fn flatten(&self, api: &str, out: &mut Vec<(String, String)>) {
        put(out, api, self.as_str());
    }
}

impl RequestValue for EniStatus {
    type Limit = ();
    fn check(&self, _: &str, _: ()) -> Result<(), Error> {
        Ok(())
    }
    fn flatten(&self, api: &str, out: &mut Vec<(String, String)>) {
        put(out, api, self.as_str());
    }
}

impl RequestValue for Vec<TagFilter> {
    /// Most tags.
    type Limit = usize;
    fn check(&self, field: &str, max: usize) -> Result<(), Error> {
        if self.is_empty() || self.len() > max {
            return Err(Error::validation(
                field,
                crate::msg!(
                    field,
                    " must have between 1 and ",
                    max,
                    " entries, got ",
                    self.len()
                ),
            ));
        }
        for (i, tag) in self.iter().enumerate() {
            check_string(&crate::msg!(field, "[", i, "].key"), &tag.key)?;
            if let Some(value) = &tag.value {
                // An empty tag value is a real value in Alibaba Cloud.
                if !value.is_empty() {
                    check_string(&crate::msg!(field, "[", i, "].value"), value)?;
                }
            }
        }
        Ok(())
    }
    fn flatten(&self, api: &str, out: &mut Vec<(String, String)>) {
        for (i, tag) in self.iter().enumerate() {
            put(out, &crate::msg!(api, ".", i + 1, ".Key"), &tag.key);
            if let Some(v) = &tag.value {
                put(out, &crate::msg!(api, ".", i + 1, ".Value"), v);
            }
        }
    }
}

/// The request from its table: one line per field gives the Rust field and type, the table's
/// limit for it, its API parameter and its `API.md` name. The macro derives the struct, the
/// checks ([`DescribeNetworkInterfacesRequest::validate`]), the flattening
/// ([`DescribeNetworkInterfacesRequest::to_params`]), the reading from JavaScript
/// ([`crate::input::describe_request`] through `read_member`) and the member list the
/// `types.d.ts` test compares with.
macro_rules! request {
    (
        $(#[$doc:meta])*
        pub struct $name:ident;
        $( $(#[$fdoc:meta])* $field:ident: $ty:ty, $limit:expr, $api:literal => $js:literal; )*
    ) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Default, PartialEq, Eq)]
        pub struct $name {
            $( $(#[$fdoc])* pub $field: Option<$ty>, )*
        }

        impl $name {
            /// The `API.md` names of the fields, in table order.
            pub const FIELDS: &'static [&'static str] = &[$($js),*];

            fn check_fields(&self) -> Result<(), Error> {
                $( if let Some(v) = &self.$field { v.check($js, $limit)?; } )*
                Ok(())
            }

            fn flatten_fields(&self, out: &mut Vec<(String, String)>) {
                $( if let Some(v) = &self.$field { v.flatten($api, out); } )*
            }

            /// Reads the field named `key` (its `API.md` name) with `read`; `false` for a key
            /// the request does not have.
            pub fn read_member(
                &mut self,
                key: &str,
                read: &mut dyn FnMut(&mut dyn FromInput) -> Result<(), Error>,
            ) -> Result<bool, Error> {
                match key {
                    $( $js => {
                        let mut v: Option<$ty> = None;
                        read(&mut v)?;
                        self.$field = v;
                    } )*
                    _ => return Ok(false),
                }
                Ok(true)
            }
        }
    };
}

/// A request field's value read from the JavaScript JSON form (implemented in
/// [`crate::input`] for each [`RequestValue`] type).
pub trait FromInput {
    /// Reads the value at `input`; `name` is the field's full name for errors.
    fn read_from(&mut self, input: &mut crate::input::Input<'_>, name: &str) -> Result<(), Error>;
}

request! {
    /// `DescribeNetworkInterfaces` filters and paging. Every field is optional; unset fields
    /// are not sent. Field names follow `API.md`.
    pub struct DescribeNetworkInterfacesRequest;
    /// `VSwitchId`.
    v_switch_id: String, (), "VSwitchId" => "vSwitchId";
    /// `VpcId`.
    vpc_id: String, (), "VpcId" => "vpcId";
    /// `PrimaryIpAddress`.
    primary_ip_address: String, (), "PrimaryIpAddress" => "primaryIpAddress";
    /// `PrivateIpAddress.N`, 1 to 100 entries.
    private_ip_addresses: Vec<String>, 100, "PrivateIpAddress" => "privateIpAddresses";
    /// `Ipv6Address.N`, 1 to 100 entries.
    ipv6_addresses: Vec<String>, 100, "Ipv6Address" => "ipv6Addresses";
    /// `SecurityGroupId`: matches secondary ENIs only (the API's rule).
    security_group_id: String, (), "SecurityGroupId" => "securityGroupId";
    /// `NetworkInterfaceName`.
    network_interface_name: String, (), "NetworkInterfaceName" => "networkInterfaceName";
    /// `Type`.
    eni_type: EniType, (), "Type" => "type";
    /// `InstanceId`.
    instance_id: String, (), "InstanceId" => "instanceId";
    /// `NetworkInterfaceId.N`, 1 to 100 entries.
    network_interface_ids: Vec<String>, 100, "NetworkInterfaceId" => "networkInterfaceIds";
    /// `ServiceManaged`.
    service_managed: bool, (), "ServiceManaged" => "serviceManaged";
    /// `Status`.
    status: EniStatus, (), "Status" => "status";
    /// `Tag.N.Key` / `Tag.N.Value`, 1 to 20 entries.
    tags: Vec<TagFilter>, 20, "Tag" => "tags";
    /// `ResourceGroupId`.
    resource_group_id: String, (), "ResourceGroupId" => "resourceGroupId";
    /// `PageNumber`, at least 1.
    page_number: i64, (1, i64::from(i32::MAX)), "PageNumber" => "pageNumber";
    /// `PageSize`, 1 to 100.
    page_size: i64, (1, 100), "PageSize" => "pageSize";
    /// `NextToken`.
    next_token: String, (), "NextToken" => "nextToken";
    /// `MaxResults`, 1 to 500.
    max_results: i64, (1, 500), "MaxResults" => "maxResults";
}

/// Longest single value accepted, in bytes. The API's own limits are far lower; this bound keeps
/// a runaway value from producing a request URL no server accepts.
pub const MAX_VALUE_BYTES: usize = 2048;

fn check_string(field: &str, value: &str) -> Result<(), Error> {
    if value.is_empty() {
        return Err(Error::validation(
            field,
            crate::msg!(field, " must not be empty"),
        ));
    }
    if value.len() > MAX_VALUE_BYTES {
        return Err(Error::validation(
            field,
            crate::msg!(
                field,
                " must be at most ",
                MAX_VALUE_BYTES,
                " bytes, got ",
                value.len()
            ),
        ));
    }
    if value.chars().any(|c| c.is_control()) {
        return Err(Error::validation(
            field,
            crate::msg!(
                field,
                " must not contain control characters, got ",
                quoted(value)
            ),
        ));
    }
    Ok(())
}

fn check_list(field: &str, values: &[String], max: usize) -> Result<(), Error> {
    if values.is_empty() || values.len() > max {
        return Err(Error::validation(
            field,
            crate::msg!(
                field,
                " must have between 1 and ",
                max,
                " entries, got ",
                values.len()
            ),
        ));
    }
    for (i, v) in values.iter().enumerate() {
        check_string(&crate::msg!(field, "[", i, "]"), v)?;
    }
    Ok(())
}

fn check_range(field: &str, value: i64, min: i64, max: i64) -> Result<(), Error> {
    if value < min || value > max {
        let message = if max == i64::from(i32::MAX) {
            crate::msg!(
                field,
                " must be an integer of at least ",
                min,
                ", got ",
                value
            )
        } else {
            crate::msg!(
                field,
                " must be between ",
                min,
                " and ",
                max,
                ", got ",
                value
            )
        };
        return Err(Error::validation(field, message));
    }
    Ok(())
}

/// Paging style of a request, as the API decides it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PagingStyle {
    /// `PageNumber` / `PageSize` (or no paging field at all).
    PageNumber,
    /// `NextToken` / `MaxResults`.
    NextToken,
}

impl DescribeNetworkInterfacesRequest {
    /// The paging style this request asks for.
    pub fn paging_style(&self) -> PagingStyle {
        if self.next_token.is_some() || self.max_results.is_some() {
            PagingStyle::NextToken
        } else {
            PagingStyle::PageNumber
        }
    }

    /// Checks every limit of `API.md`.
    pub fn validate(&self) -> Result<(), Error> {
        self.check_fields()?;
        let token_style = self.next_token.is_some() || self.max_results.is_some();
        let page_style = self.page_number.is_some() || self.page_size.is_some();
        if token_style && page_style {
            let field = if self.next_token.is_some() {
                "nextToken"
            } else {
                "maxResults"
            };
            return Err(Error::validation(
                field,
                String::from("nextToken/maxResults and pageNumber/pageSize are two paging styles and cannot be \
                 combined in one request"),
            ));
        }
        Ok(())
    }

    /// The API parameters of this request (without `RegionId` and the common parameters),
    /// after [`validate`](Self::validate).
    pub fn to_params(&self) -> Result<Vec<(String, String)>, Error> {
        self.validate()?;
        let mut p = Vec::with_capacity(8);
        self.flatten_fields(&mut p);
        Ok(p)
    }
}

/// Checks an ENI ID given to `deleteNetworkInterface`.
pub fn validate_network_interface_id(id: &str) -> Result<(), Error> {
    check_string("networkInterfaceId", id)?;
    if id.chars().any(char::is_whitespace) {
        return Err(Error::validation(
            "networkInterfaceId",
            crate::msg!(
                "networkInterfaceId must not contain spaces, got ",
                quoted(id)
            ),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(r: &DescribeNetworkInterfacesRequest) -> Vec<(String, String)> {
        r.to_params().unwrap()
    }

    #[test]
    fn empty_request_has_no_parameters() {
        assert!(params(&Default::default()).is_empty());
    }

    #[test]
    fn flattens_every_field() {
        let r = DescribeNetworkInterfacesRequest {
            v_switch_id: Some("vsw-1".into()),
            vpc_id: Some("vpc-1".into()),
            primary_ip_address: Some("10.0.0.1".into()),
            private_ip_addresses: Some(vec!["10.0.0.2".into(), "10.0.0.3".into()]),
            ipv6_addresses: Some(vec!["2408::1".into()]),
            security_group_id: Some("sg-1".into()),
            network_interface_name: Some("my eni".into()),
            eni_type: Some(EniType::Secondary),
            instance_id: Some("i-1".into()),
            network_interface_ids: Some(vec!["eni-1".into(), "eni-2".into()]),
            service_managed: Some(false),
            status: Some(EniStatus::Available),
            tags: Some(vec![
                TagFilter {
                    key: "env".into(),
                    value: Some("prod".into()),
                },
                TagFilter {
                    key: "team".into(),
                    value: None,
                },
            ]),
            resource_group_id: Some("rg-1".into()),
            page_number: Some(2),
            page_size: Some(50),
            next_token: None,
            max_results: None,
        };
        let mut got = params(&r);
        got.sort();
        let mut want: Vec<(String, String)> = [
            ("VSwitchId", "vsw-1"),
            ("VpcId", "vpc-1"),
            ("PrimaryIpAddress", "10.0.0.1"),
            ("PrivateIpAddress.1", "10.0.0.2"),
            ("PrivateIpAddress.2", "10.0.0.3"),
            ("Ipv6Address.1", "2408::1"),
            ("SecurityGroupId", "sg-1"),
            ("NetworkInterfaceName", "my eni"),
            ("Type", "Secondary"),
            ("InstanceId", "i-1"),
            ("NetworkInterfaceId.1", "eni-1"),
            ("NetworkInterfaceId.2", "eni-2"),
            ("ServiceManaged", "false"),
            ("Status", "Available"),
            ("Tag.1.Key", "env"),
            ("Tag.1.Value", "prod"),
            ("Tag.2.Key", "team"),
            ("ResourceGroupId", "rg-1"),
            ("PageNumber", "2"),
            ("PageSize", "50"),
        ]
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
        want.sort();
        assert_eq!(got, want);
    }

    fn field_of(r: DescribeNetworkInterfacesRequest) -> (String, String) {
        let e = r.to_params().unwrap_err();
        assert_eq!(e.kind, crate::ErrorKind::Validation);
        (e.field.unwrap(), e.message)
    }

    #[test]
    fn refuses_out_of_range_numbers() {
        let (f, m) = field_of(DescribeNetworkInterfacesRequest {
            page_size: Some(0),
            ..Default::default()
        });
        assert_eq!(
            (f.as_str(), m.as_str()),
            ("pageSize", "pageSize must be between 1 and 100, got 0")
        );
        let (f, _) = field_of(DescribeNetworkInterfacesRequest {
            page_size: Some(101),
            ..Default::default()
        });
        assert_eq!(f, "pageSize");
        let (f, m) = field_of(DescribeNetworkInterfacesRequest {
            max_results: Some(501),
            ..Default::default()
        });
        assert_eq!(
            (f.as_str(), m.as_str()),
            (
                "maxResults",
                "maxResults must be between 1 and 500, got 501"
            )
        );
        let (f, _) = field_of(DescribeNetworkInterfacesRequest {
            page_number: Some(0),
            ..Default::default()
        });
        assert_eq!(f, "pageNumber");
        for ok in [1, 100] {
            DescribeNetworkInterfacesRequest {
                page_size: Some(ok),
                ..Default::default()
            }
            .validate()
            .unwrap();
        }
        for ok in [1, 500] {
            DescribeNetworkInterfacesRequest {
                max_results: Some(ok),
                ..Default::default()
            }
            .validate()
            .unwrap();
        }
    }

    #[test]
    fn refuses_bad_lists() {
        let (f, _) = field_of(DescribeNetworkInterfacesRequest {
            network_interface_ids: Some(vec![]),
            ..Default::default()
        });
        assert_eq!(f, "networkInterfaceIds");
        let ids = (0..101).map(|i| format!("eni-{i}")).collect();
        let (f, m) = field_of(DescribeNetworkInterfacesRequest {
            network_interface_ids: Some(ids),
            ..Default::default()
        });
        assert_eq!(f, "networkInterfaceIds");
        assert!(m.contains("got 101"), "{m}");
        let (f, _) = field_of(DescribeNetworkInterfacesRequest {
            private_ip_addresses: Some(vec!["10.0.0.1".into(), "".into()]),
            ..Default::default()
        });
        assert_eq!(f, "privateIpAddresses[1]");
        let tags = (0..21)
            .map(|i| TagFilter {
                key: format!("k{i}"),
                value: None,
            })
            .collect();
        let (f, _) = field_of(DescribeNetworkInterfacesRequest {
            tags: Some(tags),
            ..Default::default()
        });
        assert_eq!(f, "tags");
        let (f, _) = field_of(DescribeNetworkInterfacesRequest {
            tags: Some(vec![TagFilter {
                key: "".into(),
                value: Some("v".into()),
            }]),
            ..Default::default()
        });
        assert_eq!(f, "tags[0].key");
        DescribeNetworkInterfacesRequest {
            tags: Some(vec![TagFilter {
                key: "k".into(),
                value: Some(String::new()),
            }]),
            ..Default::default()
        }
        .validate()
        .unwrap();
    }

    #[test]
    fn refuses_mixed_paging_and_empty_strings() {
        let (f, _) = field_of(DescribeNetworkInterfacesRequest {
            next_token: Some("t".into()),
            page_number: Some(2),
            ..Default::default()
        });
        assert_eq!(f, "nextToken");
        let (f, _) = field_of(DescribeNetworkInterfacesRequest {
            vpc_id: Some("".into()),
            ..Default::default()
        });
        assert_eq!(f, "vpcId");
        let (f, _) = field_of(DescribeNetworkInterfacesRequest {
            vpc_id: Some("a\nb".into()),
            ..Default::default()
        });
        assert_eq!(f, "vpcId");
    }

    #[test]
    fn enums_parse_exactly() {
        assert_eq!(EniType::parse("type", "Primary").unwrap(), EniType::Primary);
        assert_eq!(
            EniType::parse("type", "primary")
                .unwrap_err()
                .field
                .as_deref(),
            Some("type")
        );
        for s in EniStatus::ALL {
            assert_eq!(EniStatus::parse("status", s.as_str()).unwrap(), s);
        }
        assert!(EniStatus::parse("status", "Gone").is_err());
    }

    #[test]
    fn delete_id_checks() {
        validate_network_interface_id("eni-bp1abc").unwrap();
        assert!(validate_network_interface_id("").is_err());
        assert!(validate_network_interface_id("eni 1").is_err());
    }
}
