//! Region IDs and endpoints.
//!
//! The default endpoint follows the official ECS endpoint map: `cn-hangzhou` and the two finance
//! regions (`cn-shanghai-finance-1`, `cn-shenzhen-finance-1`) use `ecs-cn-hangzhou.aliyuncs.com`,
//! every other region `ecs.{regionId}.aliyuncs.com`; the VPC endpoint is
//! `ecs-vpc.{regionId}.aliyuncs.com`. Always https.

use crate::text::quoted;
use crate::Error;

/// Regions whose public endpoint is the shared `ecs-cn-hangzhou.aliyuncs.com`.
const SHARED_HANGZHOU: [&str; 3] = [
    "cn-hangzhou",
    "cn-shanghai-finance-1",
    "cn-shenzhen-finance-1",
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

/// The https origin of the ECS API for `region_id`.
pub fn resolve_endpoint(region_id: &str, vpc: bool) -> Result<String, Error> {
    validate_region_id(region_id)?;
    Ok(if vpc {
        crate::msg!("https://ecs-vpc.", region_id, ".aliyuncs.com")
    } else if SHARED_HANGZHOU.contains(&region_id) {
        "https://ecs-cn-hangzhou.aliyuncs.com".to_owned()
    } else {
        crate::msg!("https://ecs.", region_id, ".aliyuncs.com")
    })
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
        assert_eq!(
            r("cn-hangzhou", false),
            "https://ecs-cn-hangzhou.aliyuncs.com"
        );
        assert_eq!(
            r("cn-shanghai-finance-1", false),
            "https://ecs-cn-hangzhou.aliyuncs.com"
        );
        assert_eq!(
            r("cn-shenzhen-finance-1", false),
            "https://ecs-cn-hangzhou.aliyuncs.com"
        );
        assert_eq!(
            r("cn-shanghai", false),
            "https://ecs.cn-shanghai.aliyuncs.com"
        );
        assert_eq!(
            r("ap-southeast-1", false),
            "https://ecs.ap-southeast-1.aliyuncs.com"
        );
        assert_eq!(
            r("cn-hangzhou", true),
            "https://ecs-vpc.cn-hangzhou.aliyuncs.com"
        );
        assert_eq!(
            r("eu-central-1", true),
            "https://ecs-vpc.eu-central-1.aliyuncs.com"
        );
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
