#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use super::*;
use crate::policy::retryable;
use crate::ErrorKind;
use serde_json::{json, Value};

pub(crate) const DOC_EXAMPLE: &str = r#"{
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

/// The JSON `API.md` promises for a decoded page, built from the Rust structs by serde_json
/// (an independent writer), to check the transcoder against.
pub(crate) fn expected_json(r: &DescribeNetworkInterfacesResponse) -> Value {
    fn ip(p: &AssociatedPublicIp) -> Value {
        let mut v = json!({ "publicIpAddress": p.public_ip_address });
        if let Some(a) = &p.allocation_id {
            v["allocationId"] = json!(a);
        }
        v
    }
    let enis: Vec<Value> = r
        .network_interfaces
        .iter()
        .map(|e| {
            let mut v = json!({
                "networkInterfaceId": e.network_interface_id,
                "status": e.status,
                "type": e.r#type,
                "privateIpSets": e.private_ip_sets.iter().map(|p| {
                    let mut v = json!({ "privateIpAddress": p.private_ip_address, "primary": p.primary });
                    if let Some(a) = &p.associated_public_ip { v["associatedPublicIp"] = ip(a); }
                    if let Some(d) = &p.private_dns_name { v["privateDnsName"] = json!(d); }
                    v
                }).collect::<Vec<_>>(),
                "ipv6Sets": e.ipv6_sets.iter().map(|s| {
                    let mut v = json!({ "ipv6Address": s.ipv6_address });
                    if let Some(p) = s.primary { v["primary"] = json!(p); }
                    v
                }).collect::<Vec<_>>(),
                "ipv4PrefixSets": e.ipv4_prefix_sets.iter().map(|s| json!({ "ipv4Prefix": s.ipv4_prefix })).collect::<Vec<_>>(),
                "ipv6PrefixSets": e.ipv6_prefix_sets.iter().map(|s| json!({ "ipv6Prefix": s.ipv6_prefix })).collect::<Vec<_>>(),
                "securityGroupIds": e.security_group_ids,
                "tags": e.tags.iter().map(|t| json!({ "key": t.key, "value": t.value })).collect::<Vec<_>>(),
            });
            let strings = [
                ("networkInterfaceName", &e.network_interface_name),
                ("description", &e.description),
                ("vpcId", &e.vpc_id),
                ("vSwitchId", &e.v_switch_id),
                ("zoneId", &e.zone_id),
                ("instanceId", &e.instance_id),
                ("macAddress", &e.mac_address),
                ("privateIpAddress", &e.private_ip_address),
                ("creationTime", &e.creation_time),
                ("ownerId", &e.owner_id),
                ("resourceGroupId", &e.resource_group_id),
                ("serviceId", &e.service_id),
                ("networkInterfaceTrafficMode", &e.network_interface_traffic_mode),
            ];
            for (k, s) in strings {
                if let Some(s) = s {
                    v[k] = json!(s);
                }
            }
            if let Some(b) = e.service_managed {
                v["serviceManaged"] = json!(b);
            }
            if let Some(b) = e.delete_on_release {
                v["deleteOnRelease"] = json!(b);
            }
            if let Some(b) = e.source_dest_check {
                v["sourceDestCheck"] = json!(b);
            }
            if let Some(n) = e.queue_number {
                v["queueNumber"] = json!(n);
            }
            if let Some(n) = e.queue_pair_number {
                v["queuePairNumber"] = json!(n);
            }
            if let Some(p) = &e.associated_public_ip {
                v["associatedPublicIp"] = ip(p);
            }
            if let Some(a) = &e.attachment {
                let mut w = json!({});
                if let Some(d) = a.device_index { w["deviceIndex"] = json!(d); }
                if let Some(i) = &a.instance_id { w["instanceId"] = json!(i); }
                if let Some(t) = &a.trunk_network_interface_id { w["trunkNetworkInterfaceId"] = json!(t); }
                if let Some(n) = a.network_card_index { w["networkCardIndex"] = json!(n); }
                v["attachment"] = w;
            }
            v
        })
        .collect();
    let mut page = json!({ "requestId": r.request_id, "networkInterfaces": enis });
    if let Some(n) = r.total_count {
        page["totalCount"] = json!(n);
    }
    if let Some(n) = r.page_number {
        page["pageNumber"] = json!(n);
    }
    if let Some(n) = r.page_size {
        page["pageSize"] = json!(n);
    }
    if let Some(t) = &r.next_token {
        page["nextToken"] = json!(t);
    }
    page
}

/// Both outputs of the reader agree, and the transcoded text is valid JSON.
pub(crate) fn check_both_outputs(body: &[u8]) -> Result<DescribeNetworkInterfacesResponse, Error> {
    let decoded = decode_describe(200, body);
    let transcoded = transcode_describe(200, body);
    match (&decoded, &transcoded) {
        (Ok(d), Ok(t)) => {
            let parsed: Value = serde_json::from_str(&t.json).expect("transcoded JSON parses");
            assert_eq!(
                parsed,
                expected_json(d),
                "transcoded JSON matches the structs"
            );
            assert_eq!(t.summary, d.summary());
        }
        (Err(a), Err(b)) => assert_eq!(a, b),
        _ => panic!("the two outputs disagree: {decoded:?} vs {transcoded:?}"),
    }
    decoded
}

#[test]
fn decodes_the_doc_example() {
    let r = check_both_outputs(DOC_EXAMPLE.as_bytes()).unwrap();
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
    assert!(eni.private_ip_sets[0].primary);
    assert_eq!(eni.private_ip_sets[0].associated_public_ip, None);
    assert_eq!(eni.owner_id.as_deref(), Some("140692647406****"));
}

#[test]
fn transcodes_to_the_api_md_shape() {
    let t = transcode_describe(200, DOC_EXAMPLE.as_bytes()).unwrap();
    let v: Value = serde_json::from_str(&t.json).unwrap();
    let eni = &v["networkInterfaces"][0];
    assert_eq!(eni["networkInterfaceId"], "eni-wz9iib303as7e5c3****");
    assert_eq!(eni["vSwitchId"], "vsw-wz9vqfgwgkj94ubb1****");
    assert_eq!(eni["type"], "Primary");
    assert_eq!(eni["tags"], json!([{ "key": "owner", "value": "lisi" }]));
    assert_eq!(eni["privateIpSets"][0]["primary"], true);
    assert!(eni.get("associatedPublicIp").is_none());
    assert!(eni.get("attachment").is_none());
    assert!(eni.get("description").is_none());
    assert_eq!(v["requestId"], "5C0E2B68-EDB0-421D-B146-E58A04808242");
    assert_eq!(v["totalCount"], 1);
    assert_eq!(t.summary.count, 1);
    assert_eq!(
        t.summary.first,
        Some(("eni-wz9iib303as7e5c3****".into(), "InUse".into()))
    );
}

#[test]
fn escapes_pass_through_unchanged() {
    let body = r#"{"RequestId":"r","NetworkInterfaceSets":{"NetworkInterfaceSet":[
        {"NetworkInterfaceId":"eni-\u0031","Status":"Available","Type":"Secondary",
         "NetworkInterfaceName":"<img src=x onerror=alert(1)>\"\\\n\u2028😀\ud83d\ude00",
         "Tags":{"Tag":[{"TagKey":"=cmd|' /C calc'!A0","TagValue":null}]}}]}}"#;
    let r = check_both_outputs(body.as_bytes()).unwrap();
    let eni = &r.network_interfaces[0];
    assert_eq!(eni.network_interface_id, "eni-1");
    assert_eq!(
        eni.network_interface_name.as_deref(),
        Some("<img src=x onerror=alert(1)>\"\\\n\u{2028}😀😀")
    );
    assert_eq!(eni.tags[0].value, "");
}

#[test]
fn empty_wrappers_missing_lists_and_nulls() {
    let body = br#"{"RequestId":"r","NextToken":"","NetworkInterfaceSets":{"NetworkInterfaceSet":[
        {"NetworkInterfaceId":"eni-1","Status":"Available","Type":"Secondary",
         "Tags":{"Tag":[]},"SecurityGroupIds":{},"Ipv6Sets":null,"Description":null,
         "Attachment":{"DeviceIndex":null,"InstanceId":null},"Unknown":{"Deep":[1,2,{"x":[]}]},
         "AssociatedPublicIp":{"PublicIpAddress":"","AllocationId":""}}]}}"#;
    let r = check_both_outputs(body).unwrap();
    assert_eq!(r.next_token, None);
    let eni = &r.network_interfaces[0];
    assert!(eni.tags.is_empty() && eni.security_group_ids.is_empty());
    assert!(eni.ipv6_sets.is_empty() && eni.private_ip_sets.is_empty());
    assert_eq!(
        (
            eni.description.as_ref(),
            eni.attachment.as_ref(),
            eni.associated_public_ip.as_ref()
        ),
        (None, None, None)
    );
    let r = check_both_outputs(br#"{"RequestId":"r"}"#).unwrap();
    assert!(r.network_interfaces.is_empty());
    let t = transcode_describe(200, br#"{"RequestId":"r","NetworkInterfaceSets":null}"#).unwrap();
    assert_eq!(t.json, r#"{"requestId":"r","networkInterfaces":[]}"#);
    // A bare list instead of a wrapper is accepted too.
    let r = check_both_outputs(br#"{"RequestId":"r","NetworkInterfaceSets":[{"NetworkInterfaceId":"e","Status":"s","Type":"t","SecurityGroupIds":["sg-1"]}]}"#).unwrap();
    assert_eq!(r.network_interfaces[0].security_group_ids, ["sg-1"]);
}

/// The transcoder writes each ENI as it reads it, after the page's members read so far: members
/// that come after the list, a repeated list, a wrapper with two inner lists, or no list at all
/// give the same JSON and summary as the page read whole.
#[test]
fn streamed_enis_match_the_page_read_whole() {
    let eni = |id: &str| format!(r#"{{"NetworkInterfaceId":"{id}","Status":"s-{id}","Type":"t"}}"#);
    let list = |ids: &[&str]| {
        let enis: Vec<String> = ids.iter().map(|id| eni(id)).collect();
        format!(r#"{{"NetworkInterfaceSet":[{}]}}"#, enis.join(","))
    };
    let bodies = [
        // The API's order: paging members first.
        format!(
            r#"{{"RequestId":"r","TotalCount":2,"NextToken":"n","NetworkInterfaceSets":{}}}"#,
            list(&["a", "b"])
        ),
        // Members after the list: the head written before the ENIs is replaced.
        format!(
            r#"{{"NetworkInterfaceSets":{},"RequestId":"r","PageNumber":1,"NextToken":"n"}}"#,
            list(&["a", "b"])
        ),
        format!(
            r#"{{"RequestId":"r","NetworkInterfaceSets":{},"RequestId":"r2","TotalCount":7}}"#,
            list(&["a"])
        ),
        // A repeated list replaces the earlier one.
        format!(
            r#"{{"RequestId":"r","NetworkInterfaceSets":{},"NetworkInterfaceSets":{}}}"#,
            list(&["a", "b"]),
            list(&["c"])
        ),
        format!(
            r#"{{"RequestId":"r","NetworkInterfaceSets":{},"NetworkInterfaceSets":null}}"#,
            list(&["a"])
        ),
        // Two inner lists in one wrapper: both are read.
        format!(
            r#"{{"RequestId":"r","NetworkInterfaceSets":{{"NetworkInterfaceSet":[{}],"X":1,"NetworkInterfaceSet":[{}]}}}}"#,
            eni("a"),
            eni("b")
        ),
        // No list, an empty one, an escaped key naming it.
        r#"{"RequestId":"r","TotalCount":0}"#.to_owned(),
        format!(
            r#"{{"RequestId":"r","NetworkInterfaceSets":{}}}"#,
            list(&[])
        ),
        format!(
            r#"{{"RequestId":"r","NetworkInterface\u0053ets":{}}}"#,
            list(&["a"])
        ),
    ];
    for body in &bodies {
        let whole = read_page(body.as_bytes()).unwrap();
        let mut json = String::new();
        whole.write_json(&mut json);
        let t = transcode_describe(200, body.as_bytes()).unwrap();
        assert_eq!(t.json, json, "{body}");
        assert_eq!(t.summary, summary_of(&whole), "{body}");
        check_both_outputs(body.as_bytes()).unwrap();
    }
    let t = transcode_describe(200, bodies[1].as_bytes()).unwrap();
    assert_eq!(t.summary.first, Some(("a".into(), "s-a".into())));
    assert_eq!((t.summary.count, t.summary.request_id.as_str()), (2, "r"));
    // An error after the list is still the page's error, worded as before.
    let late = format!(
        r#"{{"NetworkInterfaceSets":{},"RequestId":5}}"#,
        list(&["a"])
    );
    let e = transcode_describe(200, late.as_bytes()).unwrap_err();
    assert!(
        e.message.contains("RequestId is not a string"),
        "{}",
        e.message
    );
    let missing = format!(r#"{{"NetworkInterfaceSets":{}}}"#, list(&["a"]));
    let e = transcode_describe(200, missing.as_bytes()).unwrap_err();
    assert!(
        e.message.contains("RequestId is not present"),
        "{}",
        e.message
    );
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
        let r = check_both_outputs(body.as_bytes()).unwrap();
        assert_eq!(r.network_interfaces[0].service_id.as_deref(), Some(want));
        let t = transcode_describe(200, body.as_bytes()).unwrap();
        assert!(
            t.json.contains(&format!("\"serviceId\":\"{want}\"")),
            "{}",
            t.json
        );
    }
    // Issue 12: an odd optional value is absent; it no longer fails the page.
    for bad in ["1e30", "1.5", "18446744073709551616", "true", "{}"] {
        let body = format!(
            r#"{{"RequestId":"r","NetworkInterfaceSets":{{"NetworkInterfaceSet":[
            {{"NetworkInterfaceId":"e","Status":"s","Type":"t","ServiceID":{bad}}}]}}}}"#
        );
        let r = check_both_outputs(body.as_bytes()).unwrap();
        assert_eq!(r.network_interfaces[0].service_id, None, "{bad}");
    }
}

#[test]
fn public_ips_and_attachment() {
    let body = br#"{"RequestId":"r","NetworkInterfaceSets":{"NetworkInterfaceSet":[
        {"NetworkInterfaceId":"e","Status":"s","Type":"t",
         "AssociatedPublicIp":{"PublicIpAddress":"1.2.3.4","AllocationId":"eip-1"},
         "Attachment":{"DeviceIndex":1,"InstanceId":"i-1"},
         "PrivateIpSets":{"PrivateIpSet":[{"PrivateIpAddress":"10.0.0.1","Primary":false,
            "AssociatedPublicIp":{"PublicIpAddress":"5.6.7.8"}}]}}]}}"#;
    let r = check_both_outputs(body).unwrap();
    let eni = &r.network_interfaces[0];
    let ip = eni.associated_public_ip.as_ref().unwrap();
    assert_eq!(
        (ip.public_ip_address.as_str(), ip.allocation_id.as_deref()),
        ("1.2.3.4", Some("eip-1"))
    );
    assert_eq!(eni.attachment.as_ref().unwrap().device_index, Some(1));
    assert_eq!(eni.delete_on_release, None);
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
    let cases: [(&[u8], bool, &str); 10] = [
        (b"", true, "empty"),
        (b"   ", true, "empty"),
        (b"<html><body>502 Bad Gateway</body></html>", false, "not JSON"),
        (br#"{"RequestId":"r","NetworkInterfaceSets":{"NetworkInterfaceSet":[{"Netw"#, true, "truncated"),
        (br#"{"RequestId":5}"#, false, "RequestId is not a string"),
        (br#"{"NetworkInterfaceSets":{}}"#, false, "RequestId is not present"),
        (br#"{"RequestId":"r","NetworkInterfaceSets":{"NetworkInterfaceSet":[{"Status":"A","Type":"S"}]}}"#, false, "NetworkInterfaceId is not present"),
        (br#"{"RequestId":"r","NetworkInterfaceSets":{"NetworkInterfaceSet":[{"NetworkInterfaceId":5,"Status":"A","Type":"S"}]}}"#, false, "NetworkInterfaceId is not a string"),
        (br#"{"RequestId":"r","NetworkInterfaceSets":"nope"}"#, false, "NetworkInterfaceSets is not an object"),
        (br#"{"RequestId":"r"} x"#, false, "not JSON"),
    ];
    for (body, expect_retryable, what) in cases {
        let e = check_both_outputs(body).unwrap_err();
        assert_eq!(
            e.kind,
            ErrorKind::Decode,
            "{}",
            String::from_utf8_lossy(body)
        );
        assert_eq!(e.http_status, Some(200));
        assert_eq!(retryable(&e), expect_retryable, "{}", e.message);
        assert!(e.message.contains(what), "{what}: {}", e.message);
        assert!(e.message.contains("(HTTP 200)"), "{}", e.message);
    }
    let deep = format!(
        r#"{{"RequestId":"r","X":{}{}}}"#,
        "[".repeat(200),
        "]".repeat(200)
    );
    let e = check_both_outputs(deep.as_bytes()).unwrap_err();
    assert!(e.message.contains("nests too deeply"), "{}", e.message);
}

#[test]
fn delete_answers() {
    assert_eq!(
        decode_delete(200, br#"{"RequestId":"R-1"}"#)
            .unwrap()
            .request_id,
        "R-1"
    );
    assert_eq!(
        decode_delete(200, b"{}").unwrap_err().kind,
        ErrorKind::Decode
    );
    assert_eq!(
        DeleteNetworkInterfaceResponse {
            request_id: "a\"b".into()
        }
        .to_json(),
        r#"{"requestId":"a\"b"}"#
    );
}

#[test]
fn error_bodies() {
    let e = decode_api_error(
        403,
        br#"{"RequestId":"R-1","HostId":"ecs.aliyuncs.com","Code":"InvalidEniId.NotFound",
            "Message":"The specified ENI ID does not exist.","Recommend":"https://x/?q=1"}"#,
    );
    assert_eq!(e.kind, ErrorKind::Api);
    assert_eq!(e.code, "InvalidEniId.NotFound");
    assert_eq!(e.http_status, Some(403));
    assert_eq!(e.request_id.as_deref(), Some("R-1"));
    assert_eq!(e.host_id.as_deref(), Some("ecs.aliyuncs.com"));
    assert_eq!(e.recommend.as_deref(), Some("https://x/?q=1"));
    assert_eq!(
        e.message,
        "InvalidEniId.NotFound: The specified ENI ID does not exist."
    );
    assert_eq!(
        e.api_message.as_deref(),
        Some("The specified ENI ID does not exist.")
    );
    assert!(!retryable(&e));

    let e = decode_api_error(
        502,
        b"<html><head><title>502 Bad Gateway</title></head></html>",
    );
    assert_eq!(
        (e.kind, e.http_status, retryable(&e)),
        (ErrorKind::Decode, Some(502), true)
    );
    let e = decode_api_error(400, br#"{"Message":"no code"}"#);
    assert_eq!((e.kind, retryable(&e)), (ErrorKind::Decode, false));
    let e = decode_api_error(400, br#"{"Code":"X","Message":null,"RequestId":""}"#);
    assert_eq!(
        (e.kind, e.message.as_str(), e.request_id),
        (ErrorKind::Api, "X", None)
    );
    assert_eq!(e.api_message, None);
}

#[test]
fn excerpt_is_short_and_printable() {
    let long = "x".repeat(10_000);
    assert!(body_excerpt(long.as_bytes()).chars().count() <= EXCERPT_CHARS + 1);
    assert_eq!(body_excerpt(b"a\n\n\tb\x00c\xff"), "a b c\u{fffd}");
}

/// Real answers of the emulator (the fuzz seeds): every field of the API, hostile strings,
/// 64-bit ServiceIDs. Both outputs agree, and the JSON has every member of API.md.
#[test]
fn emulator_answers_decode_and_transcode_alike() {
    let seeds = [
        include_bytes!("../../fuzz/seeds/response/token-page").as_slice(),
        include_bytes!("../../fuzz/seeds/response/token-last-page"),
        include_bytes!("../../fuzz/seeds/response/number-page"),
        include_bytes!("../../fuzz/seeds/response/hostile"),
        include_bytes!("../../fuzz/seeds/response/service-ids"),
        include_bytes!("../../fuzz/seeds/response/empty"),
    ];
    let mut seen = std::collections::BTreeSet::new();
    for body in seeds {
        check_both_outputs(body).unwrap();
        let t = transcode_describe(200, body).unwrap();
        let v: Value = serde_json::from_str(&t.json).unwrap();
        for eni in v["networkInterfaces"].as_array().unwrap() {
            seen.extend(eni.as_object().unwrap().keys().cloned());
        }
    }
    for field in [
        "networkInterfaceId",
        "networkInterfaceName",
        "description",
        "status",
        "type",
        "vpcId",
        "vSwitchId",
        "zoneId",
        "instanceId",
        "macAddress",
        "privateIpAddress",
        "creationTime",
        "ownerId",
        "resourceGroupId",
        "serviceId",
        "serviceManaged",
        "queueNumber",
        "queuePairNumber",
        "networkInterfaceTrafficMode",
        "associatedPublicIp",
        "attachment",
        "privateIpSets",
        "ipv6Sets",
        "securityGroupIds",
        "tags",
    ] {
        assert!(seen.contains(field), "no answer had {field}");
    }
}

#[test]
fn lone_surrogate_escapes_read_the_same_in_both_outputs() {
    // Found by the fuzzer: JSON.parse would keep a lone surrogate the struct path replaces.
    let body = br#"{"RequestId":"D04C26-1eeeeeep\ueeeeeeeeeeCoprivun\udeeeeeeq\ueeee","NetworkInterfaceSets":{"NetworkInterfaceSet":[
        {"NetworkInterfaceId":"e\ud83d\ude00\ud800x\udc00","Status":"s","Type":"t"}]}}"#;
    let r = check_both_outputs(body).unwrap();
    assert_eq!(
        r.request_id,
        "D04C26-1eeeeeep\u{eeee}eeeeeeCoprivun\u{fffd}eeeq\u{eeee}"
    );
    assert_eq!(
        r.network_interfaces[0].network_interface_id,
        "e😀\u{fffd}x\u{fffd}"
    );
    let t = transcode_describe(200, body).unwrap();
    assert!(
        !t.json.contains("\\ud800") && !t.json.contains("\\udeee"),
        "{}",
        t.json
    );
    let pair = br#"{"RequestId":"ok \ud83d\ude00"}"#;
    let t = transcode_describe(200, pair).unwrap();
    assert!(
        t.json.contains("\\ud83d\\ude00"),
        "a valid pair stays raw: {}",
        t.json
    );
}

/// The members `types.d.ts` declares for `interface`: name and whether it is optional.
fn dts_members(dts: &str, interface: &str) -> Vec<(String, bool)> {
    let start = dts
        .find(&format!("export interface {interface} "))
        .unwrap_or_else(|| panic!("types.d.ts has no interface {interface}"));
    let body = &dts[start..];
    let body = &body[body.find('{').unwrap() + 1..];
    let mut depth = 1;
    let mut members = Vec::new();
    let mut in_comment = false;
    for line in body.lines() {
        let t = line.trim();
        if in_comment || t.starts_with("/*") {
            in_comment = !t.contains("*/");
            continue;
        }
        if t.starts_with("//") {
            continue;
        }
        if depth == 1 {
            if let Some((name, _)) = t.split_once(':') {
                let (name, optional) = match name.strip_suffix('?') {
                    Some(n) => (n, true),
                    None => (name, false),
                };
                if !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric()) {
                    members.push((name.to_owned(), optional));
                }
            }
        }
        depth += t.matches('{').count() as i32 - t.matches('}').count() as i32;
        if depth <= 0 {
            return members;
        }
    }
    panic!("interface {interface} does not end");
}

#[test]
fn types_d_ts_declares_every_table_member_with_its_optionality() {
    let dts = include_str!("../wasm/types.d.ts");
    // Members the library adds that are not API fields.
    const OURS: [(&str, &str); 1] = [("DescribeNetworkInterfacesResponse", "capped")];
    for (interface, table) in model::ts_shapes() {
        let declared: Vec<(String, bool)> = dts_members(dts, interface)
            .into_iter()
            .filter(|(name, _)| !OURS.contains(&(interface, name.as_str())))
            .collect();
        let table: Vec<(String, bool)> = table
            .into_iter()
            .map(|(name, optional)| (name.to_owned(), optional))
            .collect();
        let mut a = declared.clone();
        let mut b = table.clone();
        a.sort();
        b.sort();
        assert_eq!(
            a, b,
            "types.d.ts interface {interface} (left) and its table (right) disagree"
        );
    }
    // The request's table: every field optional.
    let declared = dts_members(dts, "DescribeNetworkInterfacesRequest");
    let mut a: Vec<(String, bool)> = declared;
    let mut b: Vec<(String, bool)> = crate::request::DescribeNetworkInterfacesRequest::FIELDS
        .iter()
        .map(|f| ((*f).to_owned(), true))
        .collect();
    a.sort();
    b.sort();
    assert_eq!(
        a, b,
        "types.d.ts DescribeNetworkInterfacesRequest and the request table"
    );
    // The parser sees what it should: a field added to the .d.ts only is caught.
    let edited = dts.replacen(
        "export interface Tag {\n",
        "export interface Tag {\n  color?: string;\n",
        1,
    );
    assert!(dts_members(&edited, "Tag").contains(&("color".to_owned(), true)));
}

#[test]
fn delete_on_release() {
    for (raw, want) in [("true", Some(true)), ("false", Some(false)), ("null", None)] {
        let body = format!(
            r#"{{"RequestId":"r","NetworkInterfaceSets":{{"NetworkInterfaceSet":[
            {{"NetworkInterfaceId":"e","Status":"s","Type":"t","DeleteOnRelease":{raw}}}]}}}}"#
        );
        let r = check_both_outputs(body.as_bytes()).unwrap();
        assert_eq!(r.network_interfaces[0].delete_on_release, want);
        let t = transcode_describe(200, body.as_bytes()).unwrap();
        assert_eq!(
            t.json.contains(&format!(r#""deleteOnRelease":{raw}"#)),
            want.is_some(),
            "{}",
            t.json
        );
    }
}

/// Issue 12: `""` or `null` where an optional number or boolean belongs is absent, and one odd
/// optional value never fails a page; only RequestId and an ENI's ID, Status and Type are
/// required.
#[test]
fn empty_and_odd_optional_values_are_absent() {
    let body = br#"{"RequestId":"r","TotalCount":"","PageNumber":null,"PageSize":"10","NetworkInterfaceSets":{"NetworkInterfaceSet":[
        {"NetworkInterfaceId":"eni-1","Status":"Available","Type":"Secondary",
         "QueueNumber":"","QueuePairNumber":null,"ServiceManaged":"","DeleteOnRelease":null,
         "OwnerId":"","ServiceID":[1],"Description":7,"VpcId":{"x":1},"ZoneId":true,
         "Attachment":"","AssociatedPublicIp":[],"Ipv6Sets":"none","SecurityGroupIds":{"SecurityGroupId":["sg-1",2,null,"sg-2"]},
         "Tags":{"Tag":[{"TagKey":1},"tag",{"TagKey":"k","TagValue":5},{"TagKey":"k2","TagValue":"v2"}]},
         "PrivateIpSets":{"PrivateIpSet":[{"PrivateIpAddress":"10.0.0.1","Primary":""},
            {"PrivateIpAddress":"10.0.0.2","Primary":"yes","AssociatedPublicIp":"x"}]}},
        {"NetworkInterfaceId":"eni-2","Status":"InUse","Type":"Primary","QueueNumber":"8","ServiceManaged":true}]}}"#;
    let r = check_both_outputs(body).unwrap();
    assert_eq!(
        (r.total_count, r.page_number, r.page_size),
        (None, None, Some(10))
    );
    let e = &r.network_interfaces[0];
    assert_eq!(
        (
            e.queue_number,
            e.queue_pair_number,
            e.service_managed,
            e.delete_on_release
        ),
        (None, None, None, None)
    );
    assert_eq!((&e.owner_id, &e.service_id), (&None, &None));
    assert_eq!(
        (&e.description, &e.vpc_id, &e.zone_id),
        (&None, &None, &None)
    );
    assert_eq!((&e.attachment, &e.associated_public_ip), (&None, &None));
    assert!(e.ipv6_sets.is_empty());
    assert_eq!(e.security_group_ids, ["sg-1", "sg-2"]);
    assert_eq!(
        e.tags,
        [
            Tag {
                key: "k".into(),
                value: String::new()
            },
            Tag {
                key: "k2".into(),
                value: "v2".into()
            }
        ]
    );
    assert_eq!(e.private_ip_sets.len(), 2);
    assert!(!e.private_ip_sets[0].primary && !e.private_ip_sets[1].primary);
    assert_eq!(e.private_ip_sets[1].associated_public_ip, None);
    let e2 = &r.network_interfaces[1];
    assert_eq!((e2.queue_number, e2.service_managed), (Some(8), Some(true)));
    // The JSON leaves the absent ones out.
    let t = transcode_describe(200, body).unwrap();
    let v: Value = serde_json::from_str(&t.json).unwrap();
    let eni = v["networkInterfaces"][0].as_object().unwrap();
    for absent in [
        "queueNumber",
        "queuePairNumber",
        "serviceManaged",
        "deleteOnRelease",
        "ownerId",
        "serviceId",
        "description",
        "attachment",
        "associatedPublicIp",
    ] {
        assert!(!eni.contains_key(absent), "{absent} in {}", t.json);
    }
    assert!(v.get("totalCount").is_none());
    // Required members still fail the page.
    for body in [
        r#"{"RequestId":"r","NetworkInterfaceSets":{"NetworkInterfaceSet":[{"NetworkInterfaceId":"e","Status":"","Type":null}]}}"#,
        r#"{"RequestId":"r","NetworkInterfaceSets":{"NetworkInterfaceSet":[{"NetworkInterfaceId":"e","Status":1,"Type":"t"}]}}"#,
        r#"{"RequestId":null}"#,
    ] {
        assert_eq!(
            check_both_outputs(body.as_bytes()).unwrap_err().kind,
            ErrorKind::Decode,
            "{body}"
        );
    }
    // Broken JSON inside an optional member still fails: it is not an odd value but a broken answer.
    let cut = br#"{"RequestId":"r","NetworkInterfaceSets":{"NetworkInterfaceSet":[{"NetworkInterfaceId":"e","Status":"s","Type":"t","Description":{"a":"#;
    assert!(check_both_outputs(cut).unwrap_err().truncated);
}

/// Issue 12: every field of the official SDK's model (the JS test `tests/js/model-fields.test.mjs`
/// walks the model itself).
#[test]
fn the_fields_the_official_model_added() {
    let body = br#"{"RequestId":"r","NetworkInterfaceSets":{"NetworkInterfaceSet":[
        {"NetworkInterfaceId":"e","Status":"s","Type":"t","SourceDestCheck":false,"DeleteOnRelease":true,
         "Attachment":{"NetworkCardIndex":1},
         "Ipv4PrefixSets":{"Ipv4PrefixSet":[{"Ipv4Prefix":"10.0.0.0/28"}]},
         "Ipv6PrefixSets":{"Ipv6PrefixSet":[{"Ipv6Prefix":"2408::/80"},{}]},
         "Ipv6Sets":{"Ipv6Set":[{"Ipv6Address":"2408::1","Primary":true}]},
         "PrivateIpSets":{"PrivateIpSet":[{"PrivateIpAddress":"10.0.0.1","Primary":true,"PrivateDnsName":"ip-10-0-0-1.local"}]}}]}}"#;
    let r = check_both_outputs(body).unwrap();
    let e = &r.network_interfaces[0];
    assert_eq!(
        (e.source_dest_check, e.delete_on_release),
        (Some(false), Some(true))
    );
    assert_eq!(e.attachment.as_ref().unwrap().network_card_index, Some(1));
    assert_eq!(
        e.ipv4_prefix_sets,
        [Ipv4PrefixSet {
            ipv4_prefix: "10.0.0.0/28".into()
        }]
    );
    assert_eq!(
        e.ipv6_prefix_sets,
        [Ipv6PrefixSet {
            ipv6_prefix: "2408::/80".into()
        }]
    );
    assert_eq!(e.ipv6_sets[0].primary, Some(true));
    assert_eq!(
        e.private_ip_sets[0].private_dns_name.as_deref(),
        Some("ip-10-0-0-1.local")
    );
}

/// Numbers of integer members count by value, as `JSON.parse` (and so the generated JavaScript
/// decoder) sees them.
#[test]
fn integers_count_by_value() {
    use super::read::Integer;
    let int = |raw: &str| Integer::of(raw).map(Integer::to_text);
    for (raw, want) in [
        ("0", Some("0")),
        ("-0", Some("0")),
        ("-0.0e7", Some("0")),
        ("12", Some("12")),
        ("1.0", Some("1")),
        ("1e3", Some("1000")),
        ("1.5e1", Some("15")),
        ("2E+3", Some("2000")),
        ("100e-2", Some("1")),
        ("-9223372036854775808", Some("-9223372036854775808")),
        ("18446744073709551615", Some("18446744073709551615")),
        ("1.8446744073709551615e19", Some("18446744073709551615")),
        ("0e99999999999999999999", Some("0")),
        ("18446744073709551616", None),
        ("1e20", None),
        ("1.5", None),
        ("1e-5", None),
        ("123.450e1", None),
        ("1e-99999999999999999999", None),
    ] {
        assert_eq!(int(raw).as_deref(), want, "{raw}");
    }
    let page = |members: &str| {
        decode_describe(
            200,
            format!(r#"{{"RequestId":"r","NetworkInterfaceSets":[{{"NetworkInterfaceId":"e","Status":"s","Type":"t"{members}}}]}}"#)
                .as_bytes(),
        )
        .unwrap()
    };
    let e = &page(r#","QueueNumber":8.0,"QueuePairNumber":-1,"ServiceID":-0,"OwnerId":1e3"#)
        .network_interfaces[0];
    assert_eq!((e.queue_number, e.queue_pair_number), (Some(8), None));
    assert_eq!(
        (e.service_id.as_deref(), e.owner_id.as_deref()),
        (Some("0"), Some("1000"))
    );
    let e = &page(r#","ServiceID":-9223372036854775809"#).network_interfaces[0];
    assert_eq!(e.service_id, None);
}
