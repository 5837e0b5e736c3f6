//! Region IDs and endpoints.
//!
//! The default endpoint is the one the official ECS SDK (`@alicloud/ecs20140526`) resolves:
//! its endpoint map first ([`ENDPOINT_MAP`]: `ecs-cn-hangzhou.aliyuncs.com` for `cn-hangzhou`
//! and the two finance regions, the central `ecs.aliyuncs.com` for the gov, `cn-wuhan`,
//! `cn-zhangbei`, `*-inner` and `*-pop` regions, and a few internal ones), then its regional
//! rule, `ecs.{regionId}.aliyuncs.com`. The VPC endpoint is `ecs-vpc.{regionId}.aliyuncs.com`
//! for every region (the rule the SDK applies with `network: "vpc"`; the SDK itself lets its map
//! win over `network`, which would send a VPC-only caller in `cn-hangzhou` to a public
//! endpoint). Always https. `tests/js/endpoints.test.mjs` checks every region of the map and
//! of [`REGION_IDS`] against the installed official SDK.

use crate::text::quoted;
use crate::Error;

/// The shared endpoint of `cn-hangzhou` and the finance regions.
const HANGZHOU: &str = "ecs-cn-hangzhou.aliyuncs.com";
/// The central endpoint.
const CENTRAL: &str = "ecs.aliyuncs.com";
/// The endpoint of the nebula (edge) regions.
const NEBULA: &str = "ecs.cn-qingdao-nebula.aliyuncs.com";

/// The official ECS SDK's endpoint map (`@alicloud/ecs20140526` 7.11.6, `Client._endpointMap`):
/// the regions whose public endpoint is not `ecs.{regionId}.aliyuncs.com`, with their host.
pub const ENDPOINT_MAP: [(&str, &str); 35] = [
    ("cn-hangzhou", HANGZHOU),
    ("cn-shanghai-finance-1", HANGZHOU),
    ("cn-shenzhen-finance-1", HANGZHOU),
    ("cn-north-2-gov-1", CENTRAL),
    ("ap-northeast-2-pop", CENTRAL),
    ("cn-beijing-finance-pop", CENTRAL),
    ("cn-beijing-gov-1", CENTRAL),
    ("cn-beijing-nu16-b01", HANGZHOU),
    ("cn-edge-1", NEBULA),
    ("cn-fujian", HANGZHOU),
    ("cn-haidian-cm12-c01", HANGZHOU),
    ("cn-hangzhou-bj-b01", HANGZHOU),
    ("cn-hangzhou-finance", CENTRAL),
    ("cn-hangzhou-internal-prod-1", HANGZHOU),
    ("cn-hangzhou-internal-test-1", HANGZHOU),
    ("cn-hangzhou-internal-test-2", HANGZHOU),
    ("cn-hangzhou-internal-test-3", HANGZHOU),
    ("cn-hangzhou-test-306", HANGZHOU),
    ("cn-hongkong-finance-pop", CENTRAL),
    ("cn-huhehaote-nebula-1", NEBULA),
    ("cn-shanghai-et15-b01", HANGZHOU),
    ("cn-shanghai-et2-b01", HANGZHOU),
    ("cn-shanghai-inner", CENTRAL),
    ("cn-shanghai-internal-test-1", HANGZHOU),
    ("cn-shenzhen-inner", CENTRAL),
    ("cn-shenzhen-st4-d01", HANGZHOU),
    ("cn-shenzhen-su18-b01", HANGZHOU),
    ("cn-wuhan", CENTRAL),
    ("cn-yushanfang", CENTRAL),
    ("cn-zhangbei", CENTRAL),
    ("cn-zhangbei-na61-b01", HANGZHOU),
    ("cn-zhangjiakou-na62-a01", "ecs.cn-zhangjiakou.aliyuncs.com"),
    ("cn-zhengzhou-nebula-1", NEBULA),
    ("eu-west-1-oxs", "ecs.cn-shenzhen-cloudstone.aliyuncs.com"),
    ("rus-west-1-pop", CENTRAL),
];

/// The public ECS regions known to this release (Alibaba Cloud's region list; `DescribeRegions`
/// gives the live list of an account). What `regionIds()` returns, for "every region" loops
/// such as the CLI's `--all-regions`.
pub const REGION_IDS: [&str; 27] = [
    "cn-qingdao",
    "cn-beijing",
    "cn-zhangjiakou",
    "cn-huhehaote",
    "cn-wulanchabu",
    "cn-hangzhou",
    "cn-shanghai",
    "cn-shenzhen",
    "cn-heyuan",
    "cn-guangzhou",
    "cn-chengdu",
    "cn-wuhan-lr",
    "cn-hongkong",
    "ap-northeast-1",
    "ap-northeast-2",
    "ap-southeast-1",
    "ap-southeast-3",
    "ap-southeast-5",
    "ap-southeast-6",
    "ap-southeast-7",
    "us-east-1",
    "us-west-1",
    "na-south-1",
    "eu-central-1",
    "eu-west-1",
    "me-east-1",
    "me-central-1",
];

/// Checks that `region_id` looks like a region ID (`cn-hangzhou`, `ap-southeast-1`): 1 to 64
/// lowercase letters, digits and hyphens. This also keeps it safe to put in a host name.
pub fn validate_region_id(region_id: &str) -> Result<(), Error> {
    let ok = !region_id.is_empty()
        && region_id.len() <= 64
        && region_id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !region_id.starts_with('-')
        && !region_id.ends_with('-');
    if ok {
        Ok(())
    } else {
        Err(Error::validation(
            "regionId",
            crate::msg!(
                "regionId must be a region ID such as cn-hangzhou (lowercase letters, digits and \
                 hyphens), got ",
                quoted(region_id)
            ),
        ))
    }
}

/// The https origin of the ECS API for `region_id`: the official SDK's endpoint map, then
/// `ecs.{region_id}.aliyuncs.com`; with `vpc`, `ecs-vpc.{region_id}.aliyuncs.com`.
pub fn resolve_endpoint(region_id: &str, vpc: bool) -> Result<String, Error> {
    validate_region_id(region_id)?;
    if vpc {
        return Ok(crate::msg!("https://ecs-vpc.", region_id, ".aliyuncs.com"));
    }
    Ok(
        match ENDPOINT_MAP.iter().find(|(region, _)| *region == region_id) {
            Some((_, host)) => crate::msg!("https://", host),
            None => crate::msg!("https://ecs.", region_id, ".aliyuncs.com"),
        },
    )
}

/// Checks a user-supplied endpoint (`http(s)://host[:port][/path]`) and returns it without a
/// trailing slash, ready for `"/?" + query`.
pub fn normalize_endpoint(endpoint: &str) -> Result<String, Error> {
    let bad = |why: &str| {
        Error::validation(
            "endpoint",
            crate::msg!(
                "endpoint must be an http(s) origin such as https://ecs.cn-hangzhou.aliyuncs.com, ",
                why,
                ": ",
                quoted(endpoint)
            ),
        )
    };
    let rest = if let Some(r) = endpoint.strip_prefix("https://") {
        r
    } else if let Some(r) = endpoint.strip_prefix("http://") {
        r
    } else {
        return Err(bad("it must start with https:// or http://"));
    };
    let host_end = rest.find('/').unwrap_or(rest.len());
    let host = rest.get(..host_end).unwrap_or("");
    if host.is_empty() || host.contains('@') {
        return Err(bad("it has no host"));
    }
    if endpoint.contains(['?', '#'])
        || endpoint
            .chars()
            .any(|c| c.is_whitespace() || c.is_control())
    {
        return Err(bad("it must not contain a query, a fragment or spaces"));
    }
    Ok(endpoint.trim_end_matches('/').to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn official_map() {
        let r = |id, vpc| resolve_endpoint(id, vpc).unwrap();
        for (region, host) in [
            ("cn-hangzhou", HANGZHOU),
            ("cn-shanghai-finance-1", HANGZHOU),
            ("cn-shenzhen-finance-1", HANGZHOU),
            ("cn-beijing-gov-1", CENTRAL),
            ("cn-north-2-gov-1", CENTRAL),
            ("cn-wuhan", CENTRAL),
            ("cn-zhangbei", CENTRAL),
            ("cn-shanghai-inner", CENTRAL),
            ("cn-hongkong-finance-pop", CENTRAL),
            ("cn-edge-1", NEBULA),
            ("cn-shanghai", "ecs.cn-shanghai.aliyuncs.com"),
            ("cn-wuhan-lr", "ecs.cn-wuhan-lr.aliyuncs.com"),
            ("ap-southeast-1", "ecs.ap-southeast-1.aliyuncs.com"),
        ] {
            assert_eq!(r(region, false), format!("https://{host}"), "{region}");
        }
        assert_eq!(
            r("cn-hangzhou", true),
            "https://ecs-vpc.cn-hangzhou.aliyuncs.com"
        );
        assert_eq!(r("cn-wuhan", true), "https://ecs-vpc.cn-wuhan.aliyuncs.com");
        assert_eq!(
            r("eu-central-1", true),
            "https://ecs-vpc.eu-central-1.aliyuncs.com"
        );
    }

    #[test]
    fn tables_are_well_formed() {
        let mut seen: Vec<&str> = Vec::new();
        for (region, host) in ENDPOINT_MAP {
            assert!(validate_region_id(region).is_ok(), "{region}");
            assert!(host.ends_with(".aliyuncs.com"), "{host}");
            assert!(!seen.contains(&region), "{region} twice");
            seen.push(region);
        }
        let mut seen: Vec<&str> = Vec::new();
        for region in REGION_IDS {
            assert!(validate_region_id(region).is_ok(), "{region}");
            assert!(!seen.contains(&region), "{region} twice");
            seen.push(region);
        }
    }

    #[test]
    fn refuses_bad_regions() {
        for bad in [
            "",
            "CN-HANGZHOU",
            "cn hangzhou",
            "evil.com/x",
            "-a",
            "a-",
            "cn_hangzhou",
        ] {
            let e = resolve_endpoint(bad, false).unwrap_err();
            assert_eq!(e.field.as_deref(), Some("regionId"), "{bad}");
        }
    }

    #[test]
    fn normalizes_endpoints() {
        assert_eq!(
            normalize_endpoint("http://127.0.0.1:9000/").unwrap(),
            "http://127.0.0.1:9000"
        );
        assert_eq!(
            normalize_endpoint("https://relay.example/ecs").unwrap(),
            "https://relay.example/ecs"
        );
        for bad in [
            "127.0.0.1:9000",
            "ftp://x",
            "http://",
            "http://a/?x=1",
            "http://a#f",
            "http://u@h",
            "http://a b",
        ] {
            assert_eq!(
                normalize_endpoint(bad).unwrap_err().field.as_deref(),
                Some("endpoint"),
                "{bad}"
            );
        }
    }
}
