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

/// `DescribeNetworkInterfaces` filters and paging. Every field is optional; unset fields are not
/// sent. Field names follow `API.md`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DescribeNetworkInterfacesRequest {
    /// `VSwitchId`.
    pub v_switch_id: Option<String>,
    /// `VpcId`.
    pub vpc_id: Option<String>,
    /// `PrimaryIpAddress`.
    pub primary_ip_address: Option<String>,
    /// `PrivateIpAddress.N`, 1 to 100 entries.
    pub private_ip_addresses: Option<Vec<String>>,
    /// `Ipv6Address.N`, 1 to 100 entries.
    pub ipv6_addresses: Option<Vec<String>>,
    /// `SecurityGroupId`.
    pub security_group_id: Option<String>,
    /// `NetworkInterfaceName`.
    pub network_interface_name: Option<String>,
    /// `Type`.
    pub eni_type: Option<EniType>,
    /// `InstanceId`.
    pub instance_id: Option<String>,
    /// `NetworkInterfaceId.N`, 1 to 100 entries.
    pub network_interface_ids: Option<Vec<String>>,
    /// `ServiceManaged`.
    pub service_managed: Option<bool>,
    /// `Status`.
    pub status: Option<EniStatus>,
    /// `Tag.N.Key` / `Tag.N.Value`, 1 to 20 entries.
    pub tags: Option<Vec<TagFilter>>,
    /// `ResourceGroupId`.
    pub resource_group_id: Option<String>,
    /// `PageNumber`, at least 1.
    pub page_number: Option<i64>,
    /// `PageSize`, 1 to 100.
    pub page_size: Option<i64>,
    /// `NextToken`.
    pub next_token: Option<String>,
    /// `MaxResults`, 1 to 500.
    pub max_results: Option<i64>,
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
        let strings = [
            ("vSwitchId", &self.v_switch_id),
            ("vpcId", &self.vpc_id),
            ("primaryIpAddress", &self.primary_ip_address),
            ("securityGroupId", &self.security_group_id),
            ("networkInterfaceName", &self.network_interface_name),
            ("instanceId", &self.instance_id),
            ("resourceGroupId", &self.resource_group_id),
            ("nextToken", &self.next_token),
        ];
        for (field, value) in strings {
            if let Some(v) = value {
                check_string(field, v)?;
            }
        }
        if let Some(v) = &self.private_ip_addresses {
            check_list("privateIpAddresses", v, 100)?;
        }
        if let Some(v) = &self.ipv6_addresses {
            check_list("ipv6Addresses", v, 100)?;
        }
        if let Some(v) = &self.network_interface_ids {
            check_list("networkInterfaceIds", v, 100)?;
        }
        if let Some(tags) = &self.tags {
            if tags.is_empty() || tags.len() > 20 {
                return Err(Error::validation(
                    "tags",
                    crate::msg!("tags must have between 1 and 20 entries, got ", tags.len()),
                ));
            }
            for (i, tag) in tags.iter().enumerate() {
                check_string(&crate::msg!("tags[", i, "].key"), &tag.key)?;
                if let Some(value) = &tag.value {
                    // An empty tag value is a real value in Alibaba Cloud.
                    if !value.is_empty() {
                        check_string(&crate::msg!("tags[", i, "].value"), value)?;
                    }
                }
            }
        }
        if let Some(n) = self.page_number {
            check_range("pageNumber", n, 1, i64::from(i32::MAX))?;
        }
        if let Some(n) = self.page_size {
            check_range("pageSize", n, 1, 100)?;
        }
        if let Some(n) = self.max_results {
            check_range("maxResults", n, 1, 500)?;
        }
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
        let mut p: Vec<(String, String)> = Vec::with_capacity(8);
        let mut put = |name: &str, value: &str| p.push((name.to_owned(), value.to_owned()));
        let singles = [
            ("VSwitchId", &self.v_switch_id),
            ("VpcId", &self.vpc_id),
            ("PrimaryIpAddress", &self.primary_ip_address),
            ("SecurityGroupId", &self.security_group_id),
            ("NetworkInterfaceName", &self.network_interface_name),
            ("InstanceId", &self.instance_id),
            ("ResourceGroupId", &self.resource_group_id),
            ("NextToken", &self.next_token),
        ];
        for (name, value) in singles {
            if let Some(v) = value {
                put(name, v);
            }
        }
        if let Some(t) = self.eni_type {
            put("Type", t.as_str());
        }
        if let Some(s) = self.status {
            put("Status", s.as_str());
        }
        if let Some(b) = self.service_managed {
            put("ServiceManaged", if b { "true" } else { "false" });
        }
        let lists = [
            ("PrivateIpAddress", &self.private_ip_addresses),
            ("Ipv6Address", &self.ipv6_addresses),
            ("NetworkInterfaceId", &self.network_interface_ids),
        ];
        for (name, values) in lists {
            for (i, v) in values.iter().flatten().enumerate() {
                put(&crate::msg!(name, ".", i + 1), v);
            }
        }
        for (i, tag) in self.tags.iter().flatten().enumerate() {
            put(&crate::msg!("Tag.", i + 1, ".Key"), &tag.key);
            if let Some(v) = &tag.value {
                put(&crate::msg!("Tag.", i + 1, ".Value"), v);
            }
        }
        let numbers = [
            ("PageNumber", self.page_number),
            ("PageSize", self.page_size),
            ("MaxResults", self.max_results),
        ];
        for (name, value) in numbers {
            if let Some(n) = value {
                put(name, &crate::text::i64_string(n));
            }
        }
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
